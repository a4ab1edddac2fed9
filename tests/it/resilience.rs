//! Never lose a campaign: backups and restore, damaged and foreign files
//! refused byte for byte, two programs on one file, full disks, and no
//! personal data in messages or deleted rows. Real files throughout.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use pretty_assertions::assert_eq;
use rusqlite::Connection;
use undersigned::model::{ContactInput, OrganisationInput};
use undersigned::store::backup::{backups_of, prune_backups, KEEP_NEWEST};
use undersigned::store::{BackupReason, APPLICATION_ID, SCHEMA_VERSION};
use undersigned::{Error, Store};

use crate::fixture::Db;

// ---------------------------------------------------------------- helpers

/// Every file under `dir` (recursively) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.insert(path, bytes);
            }
        }
    }
    files
}

/// Opens `path` and expects a refusal with `code` that leaves every file in
/// its folder byte for byte as it was, and creates none.
fn refused_untouched(path: &Path, code: &str) -> Error {
    let dir = path.parent().unwrap();
    let before = snapshot(dir);
    let err = Store::open(path).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "the message names the file: {err}"
    );
    let after = snapshot(dir);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "no file was created or removed"
    );
    for (file, bytes) in &before {
        assert!(after[file] == *bytes, "{} changed", file.display());
    }
    err
}

/// A database with a few organisations, closed cleanly; returns its folder
/// and path.
fn closed_db(orgs: usize) -> (tempfile::TempDir, PathBuf) {
    let mut db = Db::new();
    for i in 0..orgs {
        db.org(&format!("Organisation {i}"), Some("KR"));
    }
    let path = db.path();
    let Db { dir, store } = db;
    drop(store);
    (dir, path)
}

fn org_count(path: &Path) -> i64 {
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT count(*) FROM organisations", [], |r| r.get(0))
        .unwrap()
}

fn add_org(store: &mut Store, name: &str) {
    store
        .add_organisation(
            &OrganisationInput {
                name: name.into(),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .unwrap();
}

/// A number from the environment, if set.
pub fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|n| n.parse().ok())
}

/// A seed from the environment (to replay a run), else from the clock;
/// tests print it.
pub fn seed_from_env(name: &str) -> u64 {
    env_number(name).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(7)
    })
}

/// A small deterministic generator for reproducible "random" damage (and
/// kill times in `crash.rs`).
pub struct XorShift(pub u64);
impl XorShift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// A fresh folder holding `undersigned.db` with `db` as its bytes and, if
/// given, a `-wal` beside it.
fn files(db: &[u8], wal: Option<&[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("undersigned.db");
    std::fs::write(&path, db).unwrap();
    if let Some(wal) = wal {
        std::fs::write(sibling(&path, "-wal"), wal).unwrap();
    }
    (dir, path)
}

/// A copy of the database at `path` and its write-ahead log as they are
/// mid-session: `changes` runs on a connection that never checkpoints, and
/// the files are copied while it is still open (as a crash would leave them).
fn mid_session_files(path: &Path, changes: &str) -> (Vec<u8>, Vec<u8>) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn.execute_batch(changes).unwrap();
    let db = std::fs::read(path).unwrap();
    let wal = std::fs::read(sibling(path, "-wal")).unwrap();
    drop(conn);
    (db, wal)
}

// ---------------------------------------------------------------- backups

#[test]
fn a_backup_is_a_checked_self_contained_copy_listed_newest_first() {
    let (_dir, path) = closed_db(3);
    let mut store = Store::open(&path).unwrap();
    let first = store.backup_now(BackupReason::Manual).unwrap();
    add_org(&mut store, "Added after the first backup");
    let second = store.backup_now(BackupReason::Manual).unwrap();

    assert_eq!(org_count(&first.path), 3);
    assert_eq!(org_count(&second.path), 4);
    for b in [&first, &second] {
        assert!(!sibling(&b.path, "-wal").exists());
        let bytes = std::fs::read(&b.path).unwrap();
        assert_eq!((bytes[18], bytes[19]), (1, 1), "rollback journal mode");
        assert_eq!(b.bytes, bytes.len() as u64);
    }
    let listed: Vec<PathBuf> = store
        .list_backups()
        .unwrap()
        .into_iter()
        .filter(|b| b.reason == BackupReason::Manual)
        .map(|b| b.path)
        .collect();
    assert_eq!(listed, vec![second.path.clone(), first.path.clone()]);
    // Nothing half-written is left in the folder.
    let names: Vec<String> = std::fs::read_dir(store.backup_dir().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
}

#[test]
fn opening_makes_one_backup_a_day_and_not_for_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("undersigned.db");
    drop(Store::open(&path).unwrap());
    assert_eq!(
        backups_of(&path).unwrap().len(),
        0,
        "a new file has nothing to back up"
    );
    for _ in 0..3 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.backup_warning(), None);
    }
    let reasons: Vec<BackupReason> = backups_of(&path)
        .unwrap()
        .into_iter()
        .map(|b| b.reason)
        .collect();
    assert_eq!(reasons, vec![BackupReason::Daily]);
}

#[test]
fn an_import_backup_is_made_on_request_and_none_in_memory() {
    let (_dir, path) = closed_db(1);
    let store = Store::open(&path).unwrap();
    let info = store.backup_before_import().unwrap().unwrap();
    assert_eq!(info.reason, BackupReason::BeforeImport);
    assert_eq!(org_count(&info.path), 1);
    let memory = Store::open_in_memory().unwrap();
    assert_eq!(memory.backup_before_import().unwrap(), None);
}

#[test]
fn retention_keeps_the_ten_newest_and_the_newest_of_each_month() {
    let (_dir, path) = closed_db(1);
    let store = Store::open(&path).unwrap();
    let model = store.backup_now(BackupReason::Manual).unwrap();
    let dir = store.backup_dir().unwrap();
    // Two backups a month for 14 months of 2025, and 12 on one day in 2026.
    let mut names = Vec::new();
    for month in 1..=12 {
        for day in [3, 20] {
            names.push(format!(
                "undersigned-2025{month:02}{day:02}T100000.000Z-daily.db"
            ));
        }
    }
    for hour in 0..12 {
        names.push(format!(
            "undersigned-20260105T{hour:02}0000.000Z-before-import.db"
        ));
    }
    let model_bytes = std::fs::read(&model.path).unwrap();
    for b in backups_of(&path).unwrap() {
        std::fs::remove_file(b.path).unwrap();
    }
    for n in &names {
        std::fs::write(dir.join(n), &model_bytes).unwrap();
    }
    // Files not named like ours are never touched.
    std::fs::write(dir.join("my-own-copy.db"), b"keep me").unwrap();

    let deleted = prune_backups(&path).unwrap();
    let kept: Vec<String> = backups_of(&path)
        .unwrap()
        .into_iter()
        .map(|b| b.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut expected: Vec<String> = (2..12)
        .rev()
        .map(|h| format!("undersigned-20260105T{h:02}0000.000Z-before-import.db"))
        .collect();
    for month in (1..=12).rev() {
        expected.push(format!("undersigned-2025{month:02}20T100000.000Z-daily.db"));
    }
    assert_eq!(kept, expected);
    assert_eq!(kept.len(), KEEP_NEWEST + 12);
    assert_eq!(deleted.len(), names.len() - kept.len());
    assert!(dir.join("my-own-copy.db").exists());
}

#[test]
fn restore_replaces_the_contents_keeps_the_old_database_and_stays_usable() {
    let (_dir, path) = closed_db(2);
    let mut store = Store::open(&path).unwrap();
    let backup = store.backup_now(BackupReason::Manual).unwrap();
    let backup_bytes = std::fs::read(&backup.path).unwrap();
    add_org(&mut store, "Made after the backup");
    assert_eq!(
        store.list_organisations(&Default::default()).unwrap().len(),
        3
    );

    let info = store.restore_from(&backup.path).unwrap();
    assert_eq!(
        store.list_organisations(&Default::default()).unwrap().len(),
        2
    );
    assert_eq!(info.restored_version, SCHEMA_VERSION);
    let previous = info.previous.unwrap();
    assert_eq!(org_count(&previous), 3, "the replaced database is kept");
    assert_eq!(
        std::fs::read(&backup.path).unwrap(),
        backup_bytes,
        "the source is untouched"
    );
    // Still usable, and still ours after reopening.
    add_org(&mut store, "After the restore");
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.list_organisations(&Default::default()).unwrap().len(),
        3
    );
}

#[test]
fn restore_refuses_bad_files_before_touching_anything() {
    let (dir, path) = closed_db(2);
    let mut store = Store::open(&path).unwrap();
    let backups_before = store.list_backups().unwrap().len();

    let not_sqlite = dir.path().join("notes.db");
    std::fs::write(&not_sqlite, "Dear President Moon,\n".repeat(300)).unwrap();
    let foreign = dir.path().join("foreign.sqlite");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
        .unwrap();
    let newer = dir.path().join("newer.db");
    store.backup_to(&newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let missing = dir.path().join("missing.db");

    for (file, code) in [
        (&not_sqlite, "damaged_database"),
        (&foreign, "foreign_database"),
        (&newer, "database_too_new"),
        (&missing, "not_found"),
    ] {
        let bytes = std::fs::read(file).ok();
        let err = store.restore_from(file).unwrap_err();
        assert_eq!(err.code(), code, "{}: {err}", file.display());
        assert_eq!(std::fs::read(file).ok(), bytes);
    }
    assert_eq!(
        store.list_organisations(&Default::default()).unwrap().len(),
        2
    );
    assert_eq!(
        store.list_backups().unwrap().len(),
        backups_before,
        "no backup before a refused restore"
    );
}

#[test]
fn restore_over_a_damaged_file_keeps_it_byte_for_byte() {
    let (_dir, path) = closed_db(2);
    let backup = {
        let store = Store::open(&path).unwrap();
        store.backup_now(BackupReason::Manual).unwrap()
    };
    let garbage = b"this used to be a database".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.newest_backup(), Some(backup.path.as_path()));

    let info = Store::restore(&path, &backup.path).unwrap();
    let kept = info.previous.unwrap();
    assert_eq!(std::fs::read(&kept).unwrap(), garbage);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.list_organisations(&Default::default()).unwrap().len(),
        2
    );
}

#[test]
fn the_command_line_backs_up_lists_and_restores() {
    let (dir, path) = closed_db(2);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_undersigned"))
            .arg("--db")
            .arg(&path)
            .args(args)
            .env_remove("UNDERSIGNED_DB")
            .output()
            .unwrap()
    };
    let out_file = dir.path().join("copy.db");
    let backup = run(&["backup", "-o", out_file.to_str().unwrap()]);
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert_eq!(org_count(&out_file), 2);
    let again = run(&["backup", "-o", out_file.to_str().unwrap()]);
    assert!(
        !again.status.success(),
        "an existing file is not overwritten"
    );

    assert!(run(&["org", "add", "Third"]).status.success());
    let listed = run(&["backups", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(
        v.as_array().unwrap().iter().any(|b| b["reason"] == "daily"),
        "{v}"
    );

    let restore = run(&["restore", out_file.to_str().unwrap()]);
    assert!(
        restore.status.success(),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    let text = String::from_utf8_lossy(&restore.stdout);
    assert!(text.contains("previous database is kept at"), "{text}");
    let list = run(&["org", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
}

// ------------------------------------------------- damaged and foreign files

#[test]
fn an_empty_file_is_initialised_but_an_empty_file_with_a_log_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let store = Store::open(&empty).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);

    let (_d, source) = closed_db(3);
    let (_, wal) = mid_session_files(
        &source,
        "INSERT INTO organisations (name, kind) SELECT 'x' || id, kind FROM organisations;",
    );
    let (_dir, path) = files(b"", Some(&wal));
    let err = refused_untouched(&path, "damaged_database");
    assert!(err.to_string().contains("write-ahead log"), "{err}");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letters.db");
    std::fs::write(&path, "name,country\nHuman Rights Watch,\n".repeat(100)).unwrap();
    let err = refused_untouched(&path, "damaged_database");
    assert!(err.to_string().contains("not an SQLite database"), "{err}");
    assert!(err.to_string().contains("No good backup"), "{err}");
}

#[test]
fn truncated_files_are_refused_untouched() {
    let (_d, source) = closed_db(200);
    let whole = std::fs::read(&source).unwrap();
    assert!(whole.len() > 4 * 4096, "the fixture spans several pages");
    for cut in [10, 99, 4096, whole.len() / 2, whole.len() - 4096] {
        let (_dir, path) = files(&whole[..cut], None);
        let err = refused_untouched(&path, "damaged_database");
        if cut < 100 {
            assert!(err.to_string().contains("cut off"), "{cut}: {err}");
        }
    }
}

#[test]
fn files_with_random_bytes_flipped_are_refused_untouched() {
    let (_d, source) = closed_db(200);
    let whole = std::fs::read(&source).unwrap();
    for seed in 1..=8u64 {
        let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut bytes = whole.clone();
        for _ in 0..64 {
            let at = 100 + (rng.next() as usize) % (bytes.len() - 100);
            bytes[at] ^= 1 << (rng.next() % 8);
        }
        let (_dir, path) = files(&bytes, None);
        let err = refused_untouched(&path, "damaged_database");
        assert!(err.to_string().contains("damaged"), "seed {seed}: {err}");
    }
}

#[test]
fn another_applications_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // A plain SQLite file of another program, in WAL mode like ours.
    let plain = dir.path().join("other.sqlite");
    let conn = Connection::open(&plain).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=wal; CREATE TABLE contacts (email TEXT); INSERT INTO contacts VALUES ('a@example.org');",
    )
    .unwrap();
    drop(conn);
    let err = refused_untouched(&plain, "foreign_database");
    assert!(err.to_string().contains("another application"), "{err}");
    assert!(!err.to_string().contains("a@example.org"), "{err}");

    // One that set its own application id, with no tables yet.
    let dir = tempfile::tempdir().unwrap();
    let tagged = dir.path().join("tagged.db");
    let conn = Connection::open(&tagged).unwrap();
    conn.pragma_update(None, "application_id", 0x0F10_5EED)
        .unwrap();
    conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;")
        .unwrap();
    drop(conn);
    let err = refused_untouched(&tagged, "foreign_database");
    assert!(err.to_string().contains("0x0f105eed"), "{err}");
}

#[test]
fn a_database_whose_schema_was_changed_outside_undersigned_is_refused() {
    let (_d, path) = closed_db(2);
    // Someone planted a trigger that would run on our writes.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER spy AFTER INSERT ON organisations BEGIN DELETE FROM organisations; END;
         PRAGMA journal_mode=delete;",
    )
    .unwrap();
    drop(conn);
    let err = refused_untouched(&path, "damaged_database");
    assert!(err.to_string().contains("spy"), "{err}");
}

#[test]
fn a_mismatched_write_ahead_log_is_refused_and_both_files_kept() {
    // The log of another program's database beside ours.
    let (dir, path) = closed_db(20);
    let other = dir.path().join("other.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("PRAGMA journal_mode=wal; CREATE TABLE notes (body TEXT);")
        .unwrap();
    let (_, wal) = mid_session_files(
        &other,
        "INSERT INTO notes VALUES ('one'); CREATE TABLE more (x); INSERT INTO notes SELECT body FROM notes;",
    );
    std::fs::remove_file(&other).unwrap();
    std::fs::write(sibling(&path, "-wal"), wal).unwrap();
    let err = refused_untouched(&path, "foreign_database");
    assert!(err.to_string().contains("another application"), "{err}");
}

#[test]
fn a_stale_write_ahead_log_is_refused_and_both_files_kept() {
    // A crash left a log written against one state of the file; the file
    // was then swapped for another state of the same database (an old copy
    // put back by hand, rearranged by VACUUM), with the old log still beside it.
    let (dir, path) = closed_db(150);
    let later = dir.path().join("later.db");
    std::fs::copy(&path, &later).unwrap();
    let (_, wal) = mid_session_files(
        &later,
        "DELETE FROM organisations WHERE id % 3 = 0;
         INSERT INTO organisations (name, kind)
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
           SELECT 'Later ' || i, 'ngo' FROM n;",
    );
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "DELETE FROM organisations WHERE id % 2 = 0; PRAGMA journal_mode=delete; VACUUM;",
    )
    .unwrap();
    drop(conn);
    for f in [
        later.clone(),
        sibling(&later, "-wal"),
        sibling(&later, "-shm"),
    ] {
        let _ = std::fs::remove_file(f);
    }
    std::fs::write(sibling(&path, "-wal"), wal).unwrap();
    let err = refused_untouched(&path, "damaged_database");
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn a_write_ahead_log_that_is_not_sqlites_is_refused() {
    let (_d, path) = closed_db(2);
    std::fs::write(sibling(&path, "-wal"), b"not a log at all".repeat(64)).unwrap();
    let err = refused_untouched(&path, "damaged_database");
    assert!(err.to_string().contains("write-ahead log"), "{err}");
}

#[test]
fn a_crash_left_log_of_our_own_is_recovered_not_refused() {
    let (_d, path) = closed_db(5);
    let (db, wal) = mid_session_files(&path, "DELETE FROM organisations WHERE id = 1;");
    // Put back the files as the crash left them.
    std::fs::write(&path, db).unwrap();
    std::fs::write(sibling(&path, "-wal"), wal).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.list_organisations(&Default::default()).unwrap().len(),
        4
    );
}

#[test]
fn the_newest_backup_that_passes_its_check_is_offered() {
    let (_d, path) = closed_db(30);
    let (older, newer) = {
        let store = Store::open(&path).unwrap();
        let older = store.backup_now(BackupReason::Manual).unwrap();
        let newer = store.backup_now(BackupReason::Manual).unwrap();
        (older, newer)
    };
    // The newest backup is damaged too; the file itself is garbage.
    let mut bytes = std::fs::read(&newer.path).unwrap();
    let len = bytes.len();
    bytes.truncate(len / 2);
    std::fs::write(&newer.path, bytes).unwrap();
    std::fs::write(&path, vec![0x5Au8; 8192]).unwrap();
    let err = refused_untouched(&path, "damaged_database");
    assert_eq!(err.newest_backup(), Some(older.path.as_path()));
    assert!(
        err.to_string()
            .contains(&format!("undersigned restore {}", older.path.display())),
        "{err}"
    );
}

#[test]
fn a_new_file_is_ours_and_not_foreign() {
    let db = Db::new();
    let path = db.path();
    drop(db.store);
    let conn = Connection::open(&path).unwrap();
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
    drop(conn);
    Store::open(&path).unwrap();
}

// ------------------------------------------------------------ two programs

#[test]
fn a_second_store_on_the_same_file_is_told_it_is_in_use() {
    let db = Db::new();
    let err = Store::open(&db.path()).unwrap_err();
    assert_eq!(err.code(), "database_busy", "{err}");
    assert!(err.to_string().contains("in use"), "{err}");
}

#[test]
fn a_second_program_is_told_the_database_is_in_use_and_nothing_breaks() {
    let mut db = Db::new();
    db.org("Open in the first program", None);
    let out = Command::new(env!("CARGO_BIN_EXE_undersigned"))
        .arg("--db")
        .arg(db.path())
        .args(["org", "add", "Written by a second program"])
        .env_remove("UNDERSIGNED_DB")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("in use by another program"), "{stderr}");
    db.org("Still writable here", None);
    let path = db.path();
    drop(db.store);
    let store = Store::open(&path).unwrap();
    let names: Vec<String> = store
        .list_organisations(&Default::default())
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(
        names,
        vec!["Open in the first program", "Still writable here"]
    );
}

// --------------------------------------------------------------- privacy

#[test]
fn the_email_of_an_erased_contact_does_not_linger_in_the_files() {
    let mut db = Db::new();
    let org = db.org(
        "Citizens' Alliance for North Korean Human Rights",
        Some("KR"),
    );
    let org = db.org_id(org);
    let secret_email = "defender.private.7731@example.org";
    let secret_phone = "+82-10-7731-0042";
    let contact = db
        .store
        .add_contact(
            org,
            &ContactInput {
                name: "Kim Defender".into(),
                email: Some(secret_email.into()),
                phone: Some(secret_phone.into()),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .unwrap();
    let path = db.path();
    let files_contain = |needle: &str| {
        [path.clone(), sibling(&path, "-wal")].iter().any(|f| {
            std::fs::read(f)
                .map(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
                .unwrap_or(false)
        })
    };
    assert!(
        files_contain(secret_email),
        "the test can see the email while it is stored"
    );
    db.store.erase_contact(contact.id).unwrap();
    assert!(db.store.contacts(org).unwrap().is_empty());
    assert!(!files_contain(secret_email));
    assert!(!files_contain(secret_phone));
    drop(db.store);
    assert!(!files_contain(secret_email));
}

#[test]
fn errors_never_repeat_emails_or_phone_numbers() {
    let mut db = Db::new();
    let org = db.org("Some NGO", None);
    let org = db.org_id(org);
    let email = "whistle.blower@example.org";
    let phone = "+82 10 5555 0199";
    let mut messages = Vec::new();
    for input in [
        ContactInput {
            name: "A".into(),
            email: Some(format!("{email} {phone}")),
            ..Default::default()
        },
        ContactInput {
            name: "B".into(),
            phone: Some(format!("{phone} / {email}")),
            ..Default::default()
        },
        ContactInput {
            name: String::new(),
            email: Some(email.into()),
            phone: Some(phone.into()),
            ..Default::default()
        },
    ] {
        messages.push(input.check().unwrap_err().to_string());
    }
    // A contact on an organisation that does not exist.
    let ok = ContactInput {
        name: "C".into(),
        email: Some(email.into()),
        phone: Some(phone.into()),
        ..Default::default()
    }
    .check()
    .unwrap();
    messages.push(
        db.store
            .add_contact(undersigned::model::OrganisationId(9999), &ok)
            .unwrap_err()
            .to_string(),
    );
    // And debug output of the inputs.
    messages.push(format!("{ok:?}"));
    let _ = org;
    for m in &messages {
        for secret in [email, phone, "whistle.blower", "5555"] {
            assert!(!m.contains(secret), "{m}");
        }
    }
}

#[test]
fn the_command_line_never_prints_a_rejected_email_or_phone() {
    let (_dir, path) = closed_db(1);
    let email = "survivor.testimony@example.org";
    let phone = "+82 10 2468 1357";
    for args in [
        vec![
            "contact",
            "add",
            "Organisation 0",
            "Kim",
            "--email",
            &*format!("{email} {phone}"),
        ],
        vec![
            "contact",
            "add",
            "Organisation 0",
            "Kim",
            "--phone",
            &*format!("{phone}; {email}"),
        ],
        vec![
            "contact",
            "add",
            "No such organisation",
            "Kim",
            "--email",
            email,
            "--phone",
            phone,
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_undersigned"))
            .arg("--db")
            .arg(&path)
            .args(&args)
            .env_remove("UNDERSIGNED_DB")
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            printed.contains("undersigned:"),
            "an error was printed: {printed}"
        );
        for secret in [email, phone, "survivor.testimony", "2468"] {
            assert!(!printed.contains(secret), "{args:?}: {printed}");
        }
    }
}

/// Random damage of many kinds to a real database (and its log): every file
/// is either refused with its folder left byte for byte, or opened and
/// found structurally sound (values inside intact pages cannot all be
/// checked: they are counted apart). `UNDERSIGNED_HOSTILE_FILES`
/// sets how many (default 40); `UNDERSIGNED_HOSTILE_SEED` replays a run.
/// Prints `damaged files: ...` for the report.
#[test]
fn randomly_damaged_files_are_refused_untouched_or_sound() {
    let count = env_number("UNDERSIGNED_HOSTILE_FILES").unwrap_or(40);
    let seed = seed_from_env("UNDERSIGNED_HOSTILE_SEED");
    let mut rng = XorShift(seed | 1);
    let (_d, source) = closed_db(120);
    let whole = std::fs::read(&source).unwrap();
    let (crash_db, crash_wal) = log_of_transactions(&source, 12);
    let page = 4096usize;
    let pages = whole.len() / page;
    let (mut refused, mut accepted, mut value_only) = (0u64, 0u64, 0u64);
    let mut kinds = BTreeMap::<&str, u64>::new();
    for _ in 0..count {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("undersigned.db");
        let mut bytes = whole.clone();
        let mut wal: Option<Vec<u8>> = None;
        let kind = match rng.next() % 7 {
            0 => {
                bytes.truncate((rng.next() as usize) % whole.len());
                "truncated"
            }
            1 => {
                for _ in 0..1 + rng.next() % 64 {
                    let at = (rng.next() as usize) % bytes.len();
                    bytes[at] ^= 1 << (rng.next() % 8);
                }
                "bits flipped"
            }
            2 => {
                let p = (rng.next() as usize) % pages;
                for b in &mut bytes[p * page..(p + 1) * page] {
                    *b = rng.next() as u8;
                }
                "page overwritten"
            }
            3 => {
                let p = (rng.next() as usize) % pages;
                bytes[p * page..(p + 1) * page].fill(0);
                "page zeroed"
            }
            4 => {
                let (a, b) = ((rng.next() as usize) % pages, (rng.next() as usize) % pages);
                for i in 0..page {
                    bytes.swap(a * page + i, b * page + i);
                }
                "pages swapped"
            }
            5 => {
                // A crash-left log, damaged.
                bytes = crash_db.clone();
                let mut w = crash_wal.clone();
                for _ in 0..1 + rng.next() % 16 {
                    let at = (rng.next() as usize) % w.len();
                    w[at] ^= 1 << (rng.next() % 8);
                }
                wal = Some(w);
                "log damaged"
            }
            _ => {
                // A crash-left log beside a damaged file.
                bytes = crash_db.clone();
                for _ in 0..1 + rng.next() % 16 {
                    let at = (rng.next() as usize) % bytes.len();
                    bytes[at] ^= 1 << (rng.next() % 8);
                }
                wal = Some(crash_wal.clone());
                "file damaged, log intact"
            }
        };
        *kinds.entry(kind).or_default() += 1;
        std::fs::write(&path, &bytes).unwrap();
        if let Some(w) = &wal {
            std::fs::write(sibling(&path, "-wal"), w).unwrap();
        }
        let before = snapshot(dir.path());
        match Store::open(&path) {
            Err(e) => {
                assert!(
                    ["damaged_database", "foreign_database", "database_too_new"]
                        .contains(&e.code()),
                    "{kind} (seed {seed}): {e}"
                );
                assert_eq!(
                    snapshot(dir.path()),
                    before,
                    "{kind} (seed {seed}): files changed"
                );
                refused += 1;
            }
            Ok(store) => {
                drop(store);
                // Structure is sound: every page and b-tree reads.
                let conn = Connection::open(&path).unwrap();
                let full: String = conn
                    .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                    .unwrap_or_else(|e| panic!("{kind} (seed {seed}): integrity_check: {e}"));
                if full == "ok" {
                    accepted += 1;
                } else {
                    // Only values are wrong: an index entry or a value
                    // breaking a CHECK constraint, which the read-only
                    // check on open does not evaluate (ADR 0400). The
                    // rows still read.
                    assert!(
                        full.contains("missing from index")
                            || full.contains("CHECK constraint")
                            || full.contains("wrong # of entries")
                            || full.contains("NULL value")
                            || full.contains("not in PRIMARY KEY order"),
                        "{kind} (seed {seed}) was accepted with structural damage: {full}"
                    );
                    let store = Store::open(&path).unwrap();
                    let _ = store.list_letters();
                    value_only += 1;
                }
            }
        }
    }
    println!(
        "damaged files: tried={count} refused_untouched={refused} accepted_sound={accepted} accepted_value_damage={value_only} harmed=0 seed={seed} kinds={kinds:?}"
    );
}

/// A log of several committed transactions: one per organisation added.
fn log_of_transactions(path: &Path, transactions: usize) -> (Vec<u8>, Vec<u8>) {
    let changes: String = (0..transactions)
        .map(|i| format!("INSERT INTO organisations (name, kind) VALUES ('Logged {i}', 'ngo');"))
        .collect();
    mid_session_files(path, &changes)
}

#[test]
fn a_log_damaged_in_the_middle_is_refused_a_torn_tail_is_recovered() {
    let (_d, source) = closed_db(3);
    let (db, wal) = log_of_transactions(&source, 6);
    let frame = 24 + 4096;
    let frames = (wal.len() - 32) / frame;
    assert!(frames >= 6, "{frames} frames");

    // The log's header damaged (SQLite would ignore all six commits), or a
    // byte flipped in the first frame's page (five later commits dropped
    // without a word).
    for at in [13, 32 + 24 + 1000] {
        let mut damaged = wal.clone();
        damaged[at] ^= 0x40;
        let (_dir, path) = files(&db, Some(&damaged));
        let err = refused_untouched(&path, "damaged_database");
        assert!(
            err.to_string().contains("damaged in the middle"),
            "{at}: {err}"
        );
    }

    // The last frame torn, as a crash mid-write leaves it: SQLite drops
    // only that last transaction, and so do we.
    let mut torn = wal.clone();
    let last = 32 + (frames - 1) * frame;
    torn.truncate(last + 24 + 2000);
    let (_dir, path) = files(&db, Some(&torn));
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.list_organisations(&Default::default()).unwrap().len(),
        3 + 5
    );
}

#[test]
fn an_import_with_contacts_never_repeats_them_in_errors_or_debug_output() {
    use undersigned::intake::{read_table, TableOptions};
    use undersigned::store::ImportDecisions;
    let mut db = Db::new();
    let letter = db.letter("Open letter");
    let email = "hidden.defender@example.org";
    let phone = "+82 10 9753 1864";
    let csv = format!(
        "Organisation,Country,Contact name,Email,Phone\n\
         Citizens' Alliance,Republic of Korea,Kim,{email},{phone}\n\
         Broken Row Org,Korea,Lee,not an email {email} x,{phone} ext ;;\n"
    );
    // Enough rows that the import needs new pages.
    let filler: String = (0..400)
        .map(|i| format!("Filler Organisation Number {i},Japan,,,\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("form.csv");
    std::fs::write(&file, csv + &filler).unwrap();
    let table = read_table(&file, &TableOptions::default()).unwrap();
    let preview = db.store.preview_import(letter, &table.rows).unwrap();
    let mut seen = vec![format!("{table:?}"), format!("{preview:?}")];
    // The import fails on a full disk: the message must not carry them.
    let pages = db.store.page_count().unwrap();
    db.store.cap_pages(pages).unwrap();
    let err = db
        .store
        .commit_import(
            letter,
            &table.rows,
            &ImportDecisions::default(),
            &mut |_, _| {},
        )
        .unwrap_err();
    assert_eq!(err.code(), "disk_full", "{err}");
    seen.push(err.to_string());
    seen.push(format!("{err:?}"));
    assert!(
        db.store.signatures(letter).unwrap().is_empty(),
        "the import was rolled back whole"
    );
    db.store.cap_pages(1_000_000).unwrap();
    let report = db
        .store
        .commit_import(
            letter,
            &table.rows,
            &ImportDecisions::default(),
            &mut |_, _| {},
        )
        .unwrap();
    seen.push(format!("{report:?}"));
    for text in &seen {
        for secret in [email, phone, "hidden.defender", "9753"] {
            assert!(!text.contains(secret), "{text}");
        }
    }
}

#[test]
fn damage_the_quick_check_misses_is_caught_by_the_daily_backup() {
    // Flip bytes until a file is accepted on open (structure intact) but a
    // full integrity_check fails (a value or index entry is wrong): about
    // one file in a hundred.
    let (_d, source) = closed_db(120);
    let whole = std::fs::read(&source).unwrap();
    let mut rng = XorShift(seed_from_env("UNDERSIGNED_HOSTILE_SEED") | 1);
    for _ in 0..5000 {
        let mut bytes = whole.clone();
        for _ in 0..1 + rng.next() % 8 {
            let at = 100 + (rng.next() as usize) % (bytes.len() - 100);
            bytes[at] ^= 1 << (rng.next() % 8);
        }
        let (_dir, path) = files(&bytes, None);
        let Ok(store) = Store::open(&path) else {
            continue;
        };
        let full: String = Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        if full == "ok" {
            continue;
        }
        let warning = store.backup_warning().expect("the daily backup noticed");
        assert!(warning.contains("found damage"), "{warning}");
        let err = store.backup_now(BackupReason::Manual).unwrap_err();
        assert_eq!(err.code(), "damaged_database", "{err}");
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
        assert!(
            backups_of(&path).unwrap().is_empty(),
            "no damaged copy was kept"
        );
        return;
    }
    panic!("no value-only damage found in 5000 files");
}
