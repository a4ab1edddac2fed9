//! Backups and restore: the answer to "I lost my campaign".
//!
//! Copies are made with SQLite's online backup API into `backups/` beside
//! the database, named `<stem>-<UTC time>-<reason>.db`:
//! - on open, at most once a day ([`Store::open`](super::Store::open));
//! - before every schema migration;
//! - before every import ([`Store::backup_before_import`]);
//! - before a restore, and whenever a user asks ([`Store::backup_now`]).
//!
//! Each copy is written to a hidden `.partial` file, switched to rollback
//! journal mode (so it is one self-contained file), checked with
//! `PRAGMA integrity_check`, flushed to disk, then renamed into place: a
//! crash leaves either no backup or a whole one. Retention keeps the ten
//! newest plus the newest of every calendar month; older ones are deleted.
//!
//! A restore ([`Store::restore_from`], or [`Store::restore`] when the
//! current file cannot even be opened) checks the chosen file first (a
//! private copy, `trusted_schema=OFF`, application id, schema version,
//! `integrity_check`, the exact schema), keeps the current database as a
//! backup, then replaces the contents in one transaction.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use serde::Serialize;

use super::lock::DbLock;
use super::recovery::{self, Depth, PrivateCopy};
use super::Store;
use crate::error::{Error, Result};

/// How many of the newest backups are always kept.
pub const KEEP_NEWEST: usize = 10;

/// A backup younger than this makes the daily one unnecessary.
const DAILY: chrono::TimeDelta = chrono::TimeDelta::hours(24);

/// Why a backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum BackupReason {
    /// Someone asked for it (`undersigned backup`, the Settings screen).
    Manual,
    /// The first open of the day.
    Daily,
    /// Before upgrading the schema.
    BeforeMigration,
    /// Before an import.
    BeforeImport,
    /// Before a restore replaced the database.
    BeforeRestore,
    /// The damaged, foreign or newer file a restore replaced, moved here
    /// byte for byte (not checked, never pruned).
    ReplacedByRestore,
}

impl BackupReason {
    const ALL: [BackupReason; 6] = [
        BackupReason::Manual,
        BackupReason::Daily,
        BackupReason::BeforeMigration,
        BackupReason::BeforeImport,
        BackupReason::BeforeRestore,
        BackupReason::ReplacedByRestore,
    ];

    /// The word used in file names.
    pub fn slug(self) -> &'static str {
        match self {
            BackupReason::Manual => "manual",
            BackupReason::Daily => "daily",
            BackupReason::BeforeMigration => "before-migration",
            BackupReason::BeforeImport => "before-import",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::ReplacedByRestore => "replaced-by-restore",
        }
    }

    fn from_slug(slug: &str) -> Option<BackupReason> {
        Self::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupInfo {
    pub path: PathBuf,
    pub created_at: DateTime<Utc>,
    pub reason: BackupReason,
    pub bytes: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreInfo {
    /// The file whose contents are now the database.
    pub restored_from: PathBuf,
    /// Where the database that was replaced was kept (`None` if there was
    /// no database).
    pub previous: Option<PathBuf>,
    /// The schema version of the restored file, before any upgrade.
    pub restored_version: i64,
}

const TIME_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";
/// Length of a formatted time, e.g. `20261128T214120.123Z`.
const TIME_LEN: usize = 20;

/// The `backups/` folder beside the database at `db`.
pub fn backup_dir_of(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn stem_of(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "undersigned".into())
}

/// Reads `<stem>-<time>-<reason>.db`.
fn parse_name(stem: &str, name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?;
    let rest = rest.strip_suffix(".db")?;
    let time = rest.get(..TIME_LEN)?;
    let reason = rest.get(TIME_LEN..)?.strip_prefix('-')?;
    let time = NaiveDateTime::parse_from_str(time, TIME_FORMAT).ok()?;
    Some((time.and_utc(), BackupReason::from_slug(reason)?))
}

/// Every backup of the database at `db`, newest first. Files in `backups/`
/// that are not named like ours are left out (and never pruned).
pub fn backups_of(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir_of(db);
    let stem = stem_of(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let name = entry.file_name();
        let Some((created_at, reason)) = parse_name(&stem, &name.to_string_lossy()) else {
            continue;
        };
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        found.push(BackupInfo {
            path: entry.path(),
            created_at,
            reason,
            bytes,
        });
    }
    found.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.path.cmp(&a.path)));
    Ok(found)
}

/// Deletes the backups retention does not keep: all but the
/// [`KEEP_NEWEST`] newest and the newest of each calendar month. Files
/// moved aside by a restore are never deleted. Returns what was deleted.
pub fn prune_backups(db: &Path) -> Result<Vec<PathBuf>> {
    let backups: Vec<BackupInfo> = backups_of(db)?
        .into_iter()
        .filter(|b| b.reason != BackupReason::ReplacedByRestore)
        .collect();
    let mut months_seen = std::collections::HashSet::new();
    let mut deleted = Vec::new();
    for (i, backup) in backups.iter().enumerate() {
        let month = (backup.created_at.year(), backup.created_at.month());
        let newest_of_month = months_seen.insert(month);
        if i < KEEP_NEWEST || newest_of_month {
            continue;
        }
        std::fs::remove_file(&backup.path).map_err(|e| Error::io(&backup.path, e))?;
        deleted.push(backup.path.clone());
    }
    Ok(deleted)
}

/// Creates the `backups/` folder, readable only by its owner on Unix (the
/// copies hold contacts' personal data).
fn create_private_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| Error::io(dir, e))
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
    }
}

/// Flushes a file, or a folder's entries, to disk.
fn sync_path(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(path)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(path, e))
    }
    #[cfg(not(unix))]
    {
        if path.is_dir() {
            return Ok(());
        }
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(path, e))
    }
}

/// Copies the main database of `source` into a new self-contained file at
/// `dest` (which must not exist): online backup API into a hidden partial
/// file, rollback journal mode, `integrity_check`, flush, rename.
pub(crate) fn write_copy(source: &Connection, dest: &Path) -> Result<()> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut partial_name = std::ffi::OsString::from(".");
    partial_name.push(dest.file_name().unwrap_or_default());
    partial_name.push(".partial");
    let partial = dir.join(partial_name);
    for leftover in [
        partial.clone(),
        recovery::wal_path(&partial),
        recovery::shm_path(&partial),
    ] {
        match std::fs::remove_file(&leftover) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&leftover, e)),
        }
    }
    let result = (|| -> Result<()> {
        let mut out = Connection::open(&partial).map_err(|e| with_path(&partial, e))?;
        {
            let backup = Backup::new(source, &mut out)?;
            match backup.step(-1)? {
                StepResult::Done => {}
                _ => {
                    return Err(Error::DatabaseBusy {
                        path: dest.to_path_buf(),
                    })
                }
            }
        }
        let mode: String =
            out.pragma_update_and_check(None, "journal_mode", "delete", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(Error::invalid(
                "backup",
                format!("could not make a self-contained copy (journal mode {mode})"),
            ));
        }
        let problems = recovery::integrity_problems(&out, "integrity_check")
            .map_err(|e| recovery::classify_open_error(dest, e))?;
        if let Some(first) = problems.first() {
            return Err(Error::DamagedDatabase {
                path: dest.to_path_buf(),
                reason: format!("integrity_check: {first}"),
                newest_backup: None,
            });
        }
        out.close().map_err(|(_, e)| Error::from(e))?;
        sync_path(&partial)?;
        std::fs::rename(&partial, dest).map_err(|e| Error::io(dest, e))?;
        sync_path(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
        let _ = std::fs::remove_file(recovery::wal_path(&partial));
        let _ = std::fs::remove_file(recovery::shm_path(&partial));
    }
    result
}

/// Removes half-written backups of this database left by a crash. Only
/// the holder of the database's lock makes backups of it, so none of these
/// is in progress.
fn remove_partials(dir: &Path, stem: &str) -> Result<()> {
    let prefix = format!(".{stem}-");
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let partial = [
            ".partial",
            ".partial-wal",
            ".partial-shm",
            ".partial-journal",
        ]
        .iter()
        .any(|end| name.ends_with(end));
        if name.starts_with(&prefix) && partial {
            std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    Ok(())
}

/// Adds a path to errors SQLite reports without one.
fn with_path(path: &Path, err: rusqlite::Error) -> Error {
    match Error::from(err) {
        Error::DiskFull { .. } => Error::DiskFull {
            path: Some(path.to_path_buf()),
        },
        other => other,
    }
}

impl Store {
    /// The `backups/` folder beside the database file.
    pub fn backup_dir(&self) -> Result<PathBuf> {
        Ok(backup_dir_of(self.file()?))
    }

    fn file(&self) -> Result<&Path> {
        self.path()
            .ok_or_else(|| Error::invalid("database", "an in-memory database has no backups"))
    }

    /// Makes a backup now into `backups/`, then prunes old ones.
    pub fn backup_now(&self, reason: BackupReason) -> Result<BackupInfo> {
        let db = self.file()?;
        let dir = backup_dir_of(db);
        create_private_dir(&dir)?;
        let stem = stem_of(db);
        remove_partials(&dir, &stem)?;
        let mut created_at = Utc::now();
        let mut dest;
        loop {
            dest = dir.join(format!(
                "{stem}-{}-{}.db",
                created_at.format(TIME_FORMAT),
                reason.slug()
            ));
            if !dest.exists() {
                break;
            }
            created_at += chrono::TimeDelta::milliseconds(1);
        }
        write_copy(self.conn(), &dest).map_err(|e| match e {
            // A fresh copy fails its check only if the database does: damage
            // inside index contents or values, which the quick check on
            // opening does not read (ADR 0400).
            Error::DamagedDatabase { reason, .. } => Error::DamagedDatabase {
                path: db.to_path_buf(),
                reason: format!(
                    "the full check made while backing it up found damage ({reason}); \
                     no backup was made and nothing was changed"
                ),
                newest_backup: recovery::newest_good_backup(db),
            },
            other => other,
        })?;
        prune_backups(db)?;
        let bytes = dest.metadata().map(|m| m.len()).unwrap_or(0);
        let created_at = parse_name(
            &stem,
            &dest.file_name().unwrap_or_default().to_string_lossy(),
        )
        .map(|(t, _)| t)
        .unwrap_or(created_at);
        Ok(BackupInfo {
            path: dest,
            created_at,
            reason,
            bytes,
        })
    }

    /// The backup an import makes before it writes anything; `None` for an
    /// in-memory database. Call it outside any transaction.
    pub fn backup_before_import(&self) -> Result<Option<BackupInfo>> {
        if self.path().is_none() {
            return Ok(None);
        }
        self.backup_now(BackupReason::BeforeImport).map(Some)
    }

    /// The backups of this database, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        backups_of(self.file()?)
    }

    /// The once-a-day backup made on open: skipped when a backup younger
    /// than a day exists.
    pub(crate) fn daily_backup(&self) -> Result<Option<BackupInfo>> {
        let db = self.file()?;
        let newest = backups_of(db)?
            .into_iter()
            .find(|b| b.reason != BackupReason::ReplacedByRestore);
        if newest.is_some_and(|b| Utc::now() - b.created_at < DAILY) {
            return Ok(None);
        }
        self.backup_now(BackupReason::Daily).map(Some)
    }

    /// Copies the whole database to `dest` (which must not exist yet) with
    /// SQLite's online backup API: a checked, self-contained file.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        if dest.exists() {
            return Err(Error::Conflict(format!(
                "{}: a file is already there; choose another name",
                dest.display()
            )));
        }
        write_copy(self.conn(), dest)
    }

    /// Replaces this database's contents with those of `source` (a backup,
    /// or any Undersigned database): checks `source` first, keeps the
    /// current database as a backup, then copies `source` in one
    /// transaction and upgrades its schema if it is older. The store stays
    /// open and usable.
    pub fn restore_from(&mut self, source: &Path) -> Result<RestoreInfo> {
        let candidate = Candidate::check(source)?;
        let kept = self.backup_now(BackupReason::BeforeRestore)?;
        candidate.normalise_page_size(self.conn())?;
        let db = self.file()?.to_path_buf();
        {
            let backup = Backup::new(&candidate.conn, &mut self.conn)?;
            match backup.step(-1)? {
                StepResult::Done => {}
                _ => return Err(Error::DatabaseBusy { path: db }),
            }
        }
        self.after_restore()?;
        Ok(RestoreInfo {
            restored_from: source.to_path_buf(),
            previous: Some(kept.path),
            restored_version: candidate.version,
        })
    }

    /// Restores `source` over the database at `db` when no store is open
    /// on it, including when the current file cannot be opened (damaged,
    /// foreign, newer): such a file is moved byte for byte into `backups/`
    /// (reason `replaced-by-restore`) rather than copied. Checks `source`
    /// before anything is touched.
    pub fn restore(db: &Path, source: &Path) -> Result<RestoreInfo> {
        let candidate = Candidate::check(source)?;
        match Store::open(db) {
            Ok(mut store) => return store.restore_from(source),
            Err(
                Error::DamagedDatabase { .. }
                | Error::ForeignDatabase { .. }
                | Error::DatabaseTooNew { .. },
            ) => {}
            Err(other) => return Err(other),
        }
        let lock = DbLock::acquire(db)?;
        let previous = move_aside(db)?;
        let mut fresh = Connection::open(db).map_err(|e| with_path(db, e))?;
        {
            let backup = Backup::new(&candidate.conn, &mut fresh)?;
            match backup.step(-1)? {
                StepResult::Done => {}
                _ => {
                    return Err(Error::DatabaseBusy {
                        path: db.to_path_buf(),
                    })
                }
            }
        }
        fresh.close().map_err(|(_, e)| Error::from(e))?;
        sync_path(db)?;
        drop(lock);
        // Opening sets the pragmas and upgrades an older schema.
        Store::open(db)?;
        Ok(RestoreInfo {
            restored_from: source.to_path_buf(),
            previous,
            restored_version: candidate.version,
        })
    }

    fn after_restore(&mut self) -> Result<()> {
        self.conn
            .pragma_update(None, "application_id", super::APPLICATION_ID)?;
        if self.schema_version()? < super::SCHEMA_VERSION {
            let from = self.schema_version()?;
            self.backup_before_migration(from)?;
            self.migrate()?;
        }
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let problems = recovery::integrity_problems(&self.conn, "quick_check")?;
        if let Some(first) = problems.first() {
            return Err(Error::DamagedDatabase {
                path: self.file()?.to_path_buf(),
                reason: format!("the restored database failed its check: {first}"),
                newest_backup: None,
            });
        }
        Ok(())
    }
}

/// Moves the database at `db` and its `-wal` into `backups/`, unchanged;
/// removes its `-shm` (an index SQLite rebuilds). `None` if there is no
/// file.
fn move_aside(db: &Path) -> Result<Option<PathBuf>> {
    if !db.exists() {
        return Ok(None);
    }
    let dir = backup_dir_of(db);
    create_private_dir(&dir)?;
    let dest = dir.join(format!(
        "{}-{}-{}.db",
        stem_of(db),
        Utc::now().format(TIME_FORMAT),
        BackupReason::ReplacedByRestore.slug()
    ));
    std::fs::rename(db, &dest).map_err(|e| Error::io(db, e))?;
    let wal = recovery::wal_path(db);
    if wal.exists() {
        std::fs::rename(&wal, recovery::wal_path(&dest)).map_err(|e| Error::io(&wal, e))?;
    }
    let shm = recovery::shm_path(db);
    if shm.exists() {
        std::fs::remove_file(&shm).map_err(|e| Error::io(&shm, e))?;
    }
    sync_path(&dir)?;
    Ok(Some(dest))
}

/// A file chosen for a restore: a private copy, fully checked.
struct Candidate {
    _copy: PrivateCopy,
    conn: Connection,
    version: i64,
}

impl Candidate {
    fn check(source: &Path) -> Result<Candidate> {
        if !source.is_file() {
            return Err(Error::not_found("backup file", source.display()));
        }
        let copy = PrivateCopy::of(source)?;
        let inspection = recovery::inspect_file(&copy.db(), source, Depth::Full)?;
        let Some(inspection) = inspection else {
            return Err(Error::invalid(
                source.display().to_string(),
                "the file is empty: there is nothing to restore",
            ));
        };
        if inspection.user_version == 0 {
            return Err(Error::invalid(
                source.display().to_string(),
                "the file is an empty database: there is nothing to restore",
            ));
        }
        let conn =
            Connection::open(copy.db()).map_err(|e| recovery::classify_open_error(source, e))?;
        conn.pragma_update(None, "trusted_schema", false)?;
        Ok(Candidate {
            _copy: copy,
            conn,
            version: inspection.user_version,
        })
    }

    /// The backup API cannot change the page size of a WAL database, so a
    /// candidate with another page size is rewritten to ours first (it is
    /// a private copy).
    fn normalise_page_size(&self, target: &Connection) -> Result<()> {
        let ours: i64 = target.pragma_query_value(None, "page_size", |r| r.get(0))?;
        let theirs: i64 = self
            .conn
            .pragma_query_value(None, "page_size", |r| r.get(0))?;
        if ours != theirs {
            self.conn.pragma_update(None, "journal_mode", "delete")?;
            self.conn.pragma_update(None, "page_size", ours)?;
            self.conn.execute_batch("VACUUM")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_round_trip() {
        let name = "undersigned-20261128T214120.123Z-before-import.db";
        let (time, reason) = parse_name("undersigned", name).unwrap();
        assert_eq!(reason, BackupReason::BeforeImport);
        assert_eq!(time.format(TIME_FORMAT).to_string(), "20261128T214120.123Z");
        assert_eq!(parse_name("undersigned", "notes.db"), None);
        assert_eq!(parse_name("other", name), None);
        assert_eq!(
            parse_name("undersigned", "undersigned-20261128T214120.123Z-unknown.db"),
            None
        );
    }
}
