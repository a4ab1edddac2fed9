//! Looking at a database file before trusting it, without changing a byte.
//!
//! A database a user points at may be zero bytes, cut off, bit-flipped, not
//! SQLite at all, another program's SQLite file, or come with a stale or
//! mismatched `-wal` beside it. Opening such a file read-write would let
//! SQLite "recover" it: replay a foreign log, checkpoint, delete the log,
//! run a hostile trigger. So [`inspect`] looks first:
//!
//! - the 100-byte header is read as plain bytes (magic string);
//! - with no `-wal` beside it, the file is opened `immutable=1` read-only,
//!   which creates no `-wal`/`-shm` and takes no lock;
//! - with a `-wal` beside it, the file and its log are copied into a private
//!   temporary folder and the copy is examined, so the log is replayed
//!   there and never into the user's file;
//! - the connection has `trusted_schema=OFF` before the schema is read, the
//!   application id and schema version are compared with ours, the schema
//!   itself must be exactly the one our migrations create, and
//!   `PRAGMA quick_check` must say `ok` (the full `integrity_check`, which
//!   also compares every index with its table, after a crash and for
//!   restores and backups).
//!
//! A refusal names what is wrong and offers the newest backup beside the
//! file that passes `integrity_check` ([`newest_good_backup`]).

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{backup, migrations, APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{Error, Result};

/// How hard to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// `PRAGMA quick_check`: every page and b-tree, not index contents.
    /// Used on every open of a cleanly closed file (about a fifth of the
    /// cost of `integrity_check` on a 100,000-signature database).
    Quick,
    /// `PRAGMA integrity_check`: also every index against its table. Used
    /// after a crash (a `-wal` beside the file), for restores, for choosing
    /// a good backup, and on every backup copy.
    Full,
}

/// What a look at an existing file found.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Inspection {
    /// `PRAGMA user_version`: the schema version (0 for an empty file).
    pub user_version: i64,
}

/// SQLite's magic header string.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The `-wal` file beside a database.
pub(crate) fn wal_path(db: &Path) -> PathBuf {
    sibling(db, "-wal")
}

/// The `-shm` file beside a database.
pub(crate) fn shm_path(db: &Path) -> PathBuf {
    sibling(db, "-shm")
}

fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    db.with_file_name(name)
}

fn file_len(path: &Path) -> Option<u64> {
    path.metadata().ok().map(|m| m.len())
}

/// Looks at the file at `path` without writing to it or creating anything
/// beside it. `Ok(None)`: there is nothing to keep (no file, or an empty
/// file with no log), so it may be initialised. Errors offer the newest good
/// backup.
pub(crate) fn inspect(path: &Path, depth: Depth) -> Result<Option<Inspection>> {
    inspect_file(path, path, depth).map_err(|e| offer_newest_backup(path, e))
}

/// As [`inspect`], without looking for a backup to offer. `shown` is the
/// path named in messages (the user's file when `path` is a private copy).
pub(crate) fn inspect_file(path: &Path, shown: &Path, depth: Depth) -> Result<Option<Inspection>> {
    let damaged = |reason: String| Error::DamagedDatabase {
        path: shown.to_path_buf(),
        reason,
        newest_backup: None,
    };
    let len = match file_len(path) {
        None => return Ok(None),
        Some(len) => len,
    };
    let wal = wal_path(path);
    let wal_len = file_len(&wal).unwrap_or(0);
    if len == 0 {
        if wal_len > 0 {
            return Err(damaged(format!(
                "the file is empty but a write-ahead log with {wal_len} bytes is beside it, \
                 which may hold the data; both have been kept as they are"
            )));
        }
        return Ok(None);
    }
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(|e| Error::io(shown, e))?;
    if !header.starts_with(MAGIC) {
        return Err(damaged(if MAGIC.starts_with(&header) {
            format!("the file is only {len} bytes long: it was cut off")
        } else {
            "the file is not an SQLite database, or it is encrypted".into()
        }));
    }
    if header.len() < 100 {
        return Err(damaged(format!(
            "the file is only {len} bytes long: it was cut off"
        )));
    }
    if wal_len > 0 {
        let mut magic = [0u8; 4];
        std::fs::File::open(&wal)
            .and_then(|mut f| f.read_exact(&mut magic))
            .map_err(|e| Error::io(&wal, e))?;
        let magic = u32::from_be_bytes(magic);
        if magic != 0x377f_0682 && magic != 0x377f_0683 {
            return Err(damaged(format!(
                "the write-ahead log beside it ({}) is not SQLite's",
                wal.display()
            )));
        }
        if let Some(lost) = wal_damaged_midway(&wal).map_err(|e| Error::io(&wal, e))? {
            return Err(damaged(format!(
                "the write-ahead log beside it ({}) is damaged in the middle: SQLite would \
                 silently drop the {lost} committed transaction{} after the damage",
                wal.display(),
                if lost == 1 { "" } else { "s" }
            )));
        }
        // Replay the log into a private copy, never into the user's file.
        let copy = PrivateCopy::of(path)?;
        let conn = Connection::open_with_flags(
            copy.db(),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify_open_error(shown, e))?;
        // A log beside the file means a crash (or a swapped file): the
        // moment damage is likeliest, so look at every index too.
        return check(&conn, shown, Depth::Full).map(Some);
    }
    let conn = open_immutable(path).map_err(|e| classify_open_error(shown, e))?;
    check(&conn, shown, depth).map(Some)
}

/// Whether the `-wal` at `path` is damaged in the middle rather than torn
/// at its end: SQLite replays frames up to the first one whose checksum
/// fails and ignores the rest, which is right after a torn write at a crash
/// (only the last, uncommitted transaction is affected) but silently drops
/// committed transactions when a byte in the middle is damaged. Returns the
/// number of committed transactions after the first bad frame that still
/// check out on their own (each frame header carries the running checksum,
/// so every later frame can be verified from its predecessor's).
fn wal_damaged_midway(path: &Path) -> std::io::Result<Option<usize>> {
    let log = std::fs::read(path)?;
    if log.len() < 32 {
        return Ok(None);
    }
    let word = |at: usize| u32::from_be_bytes([log[at], log[at + 1], log[at + 2], log[at + 3]]);
    let big_endian = word(0) & 1 == 1;
    let page_size = word(8) as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Ok(None);
    }
    let frame = 24 + page_size;
    let checksum = |mut s: (u32, u32), data: &[u8]| {
        for pair in data.chunks_exact(8) {
            let read = |b: &[u8]| {
                let b = [b[0], b[1], b[2], b[3]];
                if big_endian {
                    u32::from_be_bytes(b)
                } else {
                    u32::from_le_bytes(b)
                }
            };
            s.0 = s.0.wrapping_add(read(&pair[..4])).wrapping_add(s.1);
            s.1 = s.1.wrapping_add(read(&pair[4..])).wrapping_add(s.0);
        }
        s
    };
    let header_sum = checksum((0, 0), &log[..24]);
    let header_ok = header_sum == (word(24), word(28));
    // A damaged header makes SQLite ignore the whole log; then judge the
    // frames by the salts of the first one.
    let salts = if header_ok {
        (word(16), word(20))
    } else if log.len() >= 32 + frame {
        (word(32 + 8), word(32 + 12))
    } else {
        return Ok(None);
    };
    let mut running = header_sum;
    let mut broken = !header_ok;
    let mut lost = 0;
    let mut at = 32;
    while at + frame <= log.len() {
        let frame_salts = (word(at + 8), word(at + 12));
        let stored = (word(at + 16), word(at + 20));
        let commit = word(at + 4) != 0;
        let sum = checksum(
            checksum(running, &log[at..at + 8]),
            &log[at + 24..at + frame],
        );
        if frame_salts == salts && sum == stored {
            if broken && commit {
                lost += 1;
            }
        } else if frame_salts == salts || !broken {
            broken = true;
        }
        // Verify the next frame from what this one claims, good or not.
        running = stored;
        at += frame;
    }
    Ok(if lost > 0 { Some(lost) } else { None })
}

/// Opens `path` read-only and `immutable=1`: no lock, no `-wal`, no `-shm`.
pub(crate) fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(format!("{}?mode=ro&immutable=1", file_uri(path)), flags)
}

/// A `file:` URI for `path`, escaping what SQLite's URI parser would read
/// as syntax.
fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut uri = String::from("file:");
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri
}

/// Checks an open connection to a candidate database: trust nothing in its
/// schema, then identity, version, structure.
pub(crate) fn check(conn: &Connection, shown: &Path, depth: Depth) -> Result<Inspection> {
    // Any failure to read the header, schema or pages means damage (a
    // schema text that is not UTF-8, say), not a generic database error.
    let classify = |e: rusqlite::Error| match classify_open_error(shown, e) {
        Error::Database(e) => Error::DamagedDatabase {
            path: shown.to_path_buf(),
            reason: format!("the file is damaged ({e})"),
            newest_backup: None,
        },
        other => other,
    };
    conn.pragma_update(None, "trusted_schema", false)
        .map_err(classify)?;
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(classify)?;
    let user_version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(classify)?;
    let objects = schema_objects(conn).map_err(classify)?;
    if application_id != APPLICATION_ID {
        if application_id == 0 && objects.is_empty() && user_version == 0 {
            // An empty SQLite file: nothing to lose, ours to initialise.
            return Ok(Inspection { user_version });
        }
        let reason = if application_id != 0 {
            format!("it belongs to another application (application id {application_id:#010x})")
        } else {
            let tables: Vec<&str> = objects
                .iter()
                .filter(|o| o.kind == "table")
                .map(|o| o.name.as_str())
                .take(5)
                .collect();
            format!(
                "it belongs to another application (its tables: {})",
                tables.join(", ")
            )
        };
        return Err(Error::ForeignDatabase {
            path: shown.to_path_buf(),
            reason,
            newest_backup: None,
        });
    }
    if user_version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            path: shown.to_path_buf(),
            found: user_version,
            supported: SCHEMA_VERSION,
        });
    }
    let pragma = match depth {
        Depth::Quick => "quick_check",
        Depth::Full => "integrity_check",
    };
    let problems = integrity_problems(conn, pragma).map_err(classify)?;
    if let Some(first) = problems.first() {
        return Err(Error::DamagedDatabase {
            path: shown.to_path_buf(),
            reason: format!(
                "the file is damaged: {pragma} found {} problem{}, the first: {first}",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            ),
            newest_backup: None,
        });
    }
    if depth == Depth::Quick {
        // quick_check walks every page and b-tree but does not decode the
        // records in them; a damaged record header passes it (measured).
        // Reading every column of every row does decode them.
        read_every_record(conn, &objects).map_err(classify)?;
    }
    let expected = expected_schema(user_version)?;
    if objects != expected {
        let unexpected: Vec<&str> = objects
            .difference(&expected)
            .map(|o| o.name.as_str())
            .take(5)
            .collect();
        let missing: Vec<&str> = expected
            .difference(&objects)
            .map(|o| o.name.as_str())
            .take(5)
            .collect();
        return Err(Error::DamagedDatabase {
            path: shown.to_path_buf(),
            reason: format!(
                "its tables differ from those Undersigned creates at schema version \
                 {user_version}, so it was changed outside Undersigned or by a development \
                 build (unexpected or altered: {}; missing: {})",
                list_or_none(&unexpected),
                list_or_none(&missing)
            ),
            newest_backup: None,
        });
    }
    Ok(Inspection { user_version })
}

/// Decodes every column of every row of every table (in SQLite, without
/// copying values out), so that a damaged record fails here rather than
/// later in the middle of someone's work.
fn read_every_record(conn: &Connection, objects: &BTreeSet<SchemaObject>) -> rusqlite::Result<()> {
    for table in objects.iter().filter(|o| o.kind == "table") {
        let is_virtual = table.sql.as_deref().is_some_and(|sql| {
            sql.trim_start()
                .to_ascii_uppercase()
                .starts_with("CREATE VIRTUAL")
        });
        if is_virtual {
            continue;
        }
        let quoted = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
        let mut columns = Vec::new();
        {
            let mut info = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
            let names = info.query_map([&table.name], |r| r.get::<_, String>(0))?;
            for name in names {
                columns.push(format!("length({})", quoted(&name?)));
            }
        }
        if columns.is_empty() {
            continue;
        }
        // length() reads every value (text is measured in characters, so
        // it is read in full); the sum keeps the optimiser from skipping.
        let sql = format!(
            "SELECT sum(coalesce({}, 0)) FROM {}",
            columns.join(", 0) + coalesce("),
            quoted(&table.name)
        );
        conn.query_row(&sql, [], |_| Ok(()))?;
    }
    Ok(())
}

fn list_or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// The rows of `PRAGMA quick_check` / `integrity_check` other than "ok".
pub(crate) fn integrity_problems(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}(20)"))?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut problems = Vec::new();
    for row in rows {
        let row = row?;
        if row != "ok" {
            problems.push(row);
        }
    }
    Ok(problems)
}

/// One row of `sqlite_schema` (internal `sqlite_*` objects left out).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct SchemaObject {
    kind: String,
    name: String,
    table: String,
    sql: Option<String>,
}

fn schema_objects(conn: &Connection) -> rusqlite::Result<BTreeSet<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SchemaObject {
            kind: r.get(0)?,
            name: r.get(1)?,
            table: r.get(2)?,
            sql: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// The schema our migrations create at `version`, built in memory.
fn expected_schema(version: i64) -> Result<BTreeSet<SchemaObject>> {
    let mut conn = Connection::open_in_memory()?;
    if version > 0 {
        let steps = usize::try_from(version).map_err(|e| Error::Migration(e.to_string()))?;
        migrations()
            .to_version(&mut conn, steps)
            .map_err(|e| Error::Migration(e.to_string()))?;
    }
    Ok(schema_objects(&conn)?)
}

/// A private copy of a database and its `-wal` in a temporary folder,
/// deleted when dropped.
pub(crate) struct PrivateCopy {
    dir: tempfile::TempDir,
}

impl PrivateCopy {
    pub(crate) fn of(path: &Path) -> Result<PrivateCopy> {
        let dir = tempfile::Builder::new()
            .prefix("undersigned-check-")
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?;
        let copy = PrivateCopy { dir };
        std::fs::copy(path, copy.db()).map_err(|e| Error::io(path, e))?;
        let wal = wal_path(path);
        if wal.exists() {
            std::fs::copy(&wal, wal_path(&copy.db())).map_err(|e| Error::io(&wal, e))?;
        }
        Ok(copy)
    }

    pub(crate) fn db(&self) -> PathBuf {
        self.dir.path().join("candidate.db")
    }
}

/// Adds the newest good backup to a refusal of the file at `path`.
pub(crate) fn offer_newest_backup(path: &Path, mut err: Error) -> Error {
    if let Error::DamagedDatabase { newest_backup, .. }
    | Error::ForeignDatabase { newest_backup, .. } = &mut err
    {
        *newest_backup = newest_good_backup(path);
    }
    err
}

/// The newest backup of the database at `db` that passes
/// `PRAGMA integrity_check`, if any.
pub fn newest_good_backup(db: &Path) -> Option<PathBuf> {
    let backups = backup::backups_of(db).ok()?;
    backups
        .into_iter()
        .map(|b| b.path)
        .find(|candidate| matches!(inspect_file(candidate, candidate, Depth::Full), Ok(Some(_))))
}

/// Turns SQLite's open errors into messages that say what is wrong.
pub(crate) fn classify_open_error(path: &Path, err: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    let damaged = |reason: &str| Error::DamagedDatabase {
        path: path.to_path_buf(),
        reason: reason.into(),
        newest_backup: None,
    };
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            damaged("the file is not an SQLite database, or it is encrypted")
        }
        Some(ErrorCode::DatabaseCorrupt) => damaged("the file is damaged"),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::DatabaseBusy {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            damaged("the file cannot be opened (check the folder exists and its permissions)")
        }
        _ => Error::from(err),
    }
}

impl super::Store {
    /// Caps how many pages the database may grow to on this connection
    /// (`PRAGMA max_page_count`); returns the cap SQLite applied (never
    /// below the current size). A write that needs more fails with
    /// [`Error::DiskFull`] and is rolled back, exactly as on a full disk:
    /// the tests use it to simulate one.
    pub fn cap_pages(&self, max_pages: u64) -> Result<u64> {
        let applied: i64 =
            self.conn()
                .pragma_update_and_check(None, "max_page_count", max_pages, |r| r.get(0))?;
        Ok(u64::try_from(applied).unwrap_or(0))
    }

    /// The database's size in pages (`PRAGMA page_count`).
    pub fn page_count(&self) -> Result<u64> {
        let pages: i64 = self
            .conn()
            .pragma_query_value(None, "page_count", |r| r.get(0))?;
        Ok(u64::try_from(pages).unwrap_or(0))
    }
}
