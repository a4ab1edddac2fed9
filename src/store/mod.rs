//! The SQLite store: the only module that touches SQL.
//!
//! A [`Store`] is one connection to one database file. Opening it:
//! 1. looks at an existing file through a read-only connection first, and
//!    refuses, without writing a byte, a file that is not SQLite, belongs to
//!    another application, or was written by a newer Undersigned;
//! 2. sets the per-connection pragmas (never inside migrations);
//! 3. takes a copy with SQLite's online backup API before migrating an older
//!    schema, then applies each upgrade step in its own transaction.
//!
//! Each submodule keeps its SQL beside the `from_row` that reads it, and adds
//! its methods to [`Store`]. Every multi-statement write goes through
//! [`Store::with_tx`], so it is one transaction.

mod coalitions;
mod contacts;
mod import;
mod individuals;
mod letters;
mod organisations;
mod signatures;
mod tally;

pub use import::{
    Candidate, ImportDecisions, ImportPreview, ImportReport, ImportSummary, RowAction, RowDecision,
    RowError, RowPreview, RowResult,
};
pub use letters::LetterSummary;
pub use organisations::{LookupMatch, OrganisationFilter};
pub use signatures::SignatureRow;
pub use tally::{HistoryEntry, Matrix, MatrixRow};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// Marks a SQLite file as Undersigned's (`PRAGMA application_id`): "Unds".
pub const APPLICATION_ID: i32 = 0x556E_6473;

/// The schema steps, oldest first. Version N is the first N applied.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_initial.sql")];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The migrations, as rusqlite_migration wants them.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// A connection to an Undersigned database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// What a look at an existing file found.
struct Inspection {
    user_version: i64,
}

impl Store {
    /// The database used when neither `--db` nor `UNDERSIGNED_DB` says
    /// otherwise: `undersigned.db` in the platform's local data directory
    /// (on Linux `~/.local/share/undersigned/undersigned.db`).
    pub fn default_path() -> Result<PathBuf> {
        if let Some(path) = std::env::var_os("UNDERSIGNED_DB").filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(path));
        }
        let dirs = directories::ProjectDirs::from("org", "Undersigned", "undersigned").ok_or_else(
            || {
                Error::invalid(
                    "data directory",
                    "no home directory to keep the database in",
                )
            },
        )?;
        Ok(dirs.data_local_dir().join("undersigned.db"))
    }

    /// Opens (creating if needed) the database at `path`, upgrading an older
    /// schema after backing it up. Refuses foreign, damaged and newer files
    /// without writing to them.
    pub fn open(path: &Path) -> Result<Store> {
        let existed = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        let inspection = if existed {
            Some(inspect(path)?)
        } else {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            None
        };

        let conn = Connection::open(path).map_err(|e| classify_open_error(path, e))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.set_pragmas()?;
        if let Some(found) = inspection {
            if found.user_version > 0 && found.user_version < SCHEMA_VERSION {
                store.backup_before_migration(found.user_version)?;
            }
        }
        store.migrate()?;
        Ok(store)
    }

    /// A fresh database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        store.set_pragmas()?;
        store.migrate()?;
        Ok(store)
    }

    /// The file behind this store (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Copies the whole database to `dest` with SQLite's online backup API,
    /// which is safe while the database is in use.
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
        self.conn.backup(rusqlite::MAIN_DB, dest, None)?;
        Ok(())
    }

    /// Runs `f` in one transaction: committed if it returns `Ok`, rolled
    /// back otherwise. Inside [`Store::atomically`] it nests as a savepoint.
    pub(crate) fn with_tx<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let savepoint = self.conn.savepoint()?;
        let value = f(&savepoint)?;
        savepoint.commit()?;
        Ok(value)
    }

    /// Runs several store operations as one transaction: all of them are
    /// kept if `f` returns `Ok`, none of them otherwise.
    pub fn atomically<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT atomically")?;
        match f(self) {
            Ok(value) => {
                self.conn.execute_batch("RELEASE atomically")?;
                Ok(value)
            }
            Err(e) => {
                self.conn
                    .execute_batch("ROLLBACK TO atomically; RELEASE atomically")?;
                Err(e)
            }
        }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    fn set_pragmas(&mut self) -> Result<()> {
        let conn = &self.conn;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if self.path.is_some() {
            let mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Migration(format!(
                    "could not switch to WAL (got {mode})"
                )));
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "secure_delete", true)?;
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if id == 0 {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(())
    }

    fn backup_before_migration(&self, from_version: i64) -> Result<PathBuf> {
        let dest = self.backup_dir()?.join(format!(
            "undersigned-before-v{}-from-v{from_version}-{}.db",
            SCHEMA_VERSION,
            chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
        ));
        self.backup_to(&dest)?;
        Ok(dest)
    }

    /// The `backups/` folder beside the database file.
    pub fn backup_dir(&self) -> Result<PathBuf> {
        let path = self
            .path
            .as_ref()
            .ok_or_else(|| Error::invalid("database", "an in-memory database has no backups"))?;
        Ok(path.parent().unwrap_or(Path::new(".")).join("backups"))
    }

    /// Applies the missing schema steps, each in its own transaction.
    fn migrate(&mut self) -> Result<()> {
        let migrations = migrations();
        loop {
            let current = self.schema_version()?;
            if current >= SCHEMA_VERSION {
                return Ok(());
            }
            let next = usize::try_from(current + 1).map_err(|e| Error::Migration(e.to_string()))?;
            migrations
                .to_version(&mut self.conn, next)
                .map_err(|e| Error::Migration(e.to_string()))?;
        }
    }
}

impl Store {
    /// Finds the signatory a user means: `org:12`, `person:3`, or a name,
    /// acronym or alias that matches exactly one organisation (or, failing
    /// that, exactly one individual).
    pub fn resolve_signatory(&self, text: &str) -> Result<crate::model::SignatoryRef> {
        use crate::model::{IndividualId, OrganisationId, SignatoryRef};
        let text = text.trim();
        let id_after = |prefix: &str| -> Option<Result<i64>> {
            let rest = text.strip_prefix(prefix)?;
            Some(rest.trim().parse::<i64>().map_err(|_| {
                Error::invalid("signatory", format!("\"{text}\" is not {prefix}NUMBER"))
            }))
        };
        if let Some(id) = id_after("org:") {
            let id = OrganisationId(id?);
            organisations::get(self.conn(), id)?;
            return Ok(SignatoryRef::Organisation(id));
        }
        if let Some(id) = id_after("person:") {
            let id = IndividualId(id?);
            individuals::get(self.conn(), id)?;
            return Ok(SignatoryRef::Individual(id));
        }
        let orgs = organisations::lookup(self.conn(), text)?;
        match orgs.len() {
            1 => return Ok(SignatoryRef::Organisation(orgs[0].organisation.id)),
            0 => {}
            n => {
                return Err(Error::AmbiguousName {
                    input: text.to_string(),
                    count: n,
                    candidates: orgs
                        .iter()
                        .map(|m| format!("org:{} {}", m.organisation.id.0, m.organisation.name))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            }
        }
        let people = individuals::lookup(self.conn(), text)?;
        match people.len() {
            1 => Ok(SignatoryRef::Individual(people[0].id)),
            0 => Err(Error::not_found("signatory", format!("\"{text}\""))),
            n => Err(Error::AmbiguousName {
                input: text.to_string(),
                count: n,
                candidates: people
                    .iter()
                    .map(|p| format!("person:{} {}", p.id.0, p.name))
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }
}

/// Looks at an existing file through a read-only connection, writing nothing.
fn inspect(path: &Path) -> Result<Inspection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(path, e))?;
    let read = || -> rusqlite::Result<(i32, i64, i64)> {
        let application_id = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let user_version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((application_id, user_version, tables))
    };
    let (application_id, user_version, tables) =
        read().map_err(|e| classify_open_error(path, e))?;
    if application_id != APPLICATION_ID && (application_id != 0 || tables > 0) {
        return Err(Error::ForeignDatabase {
            path: path.to_path_buf(),
        });
    }
    if user_version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            path: path.to_path_buf(),
            found: user_version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(Inspection { user_version })
}

/// Turns SQLite's open errors into messages that say what is wrong.
fn classify_open_error(path: &Path, err: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::DamagedDatabase {
            path: path.to_path_buf(),
            reason: "the file is not an SQLite database, or it is encrypted".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::DamagedDatabase {
            path: path.to_path_buf(),
            reason: "the file is damaged".into(),
        },
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::DatabaseBusy {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => Error::DamagedDatabase {
            path: path.to_path_buf(),
            reason: "the file cannot be opened (check the folder exists and its permissions)"
                .into(),
        },
        _ => Error::Database(err),
    }
}

/// Reads an optional single row.
pub(crate) fn optional_row<T>(result: rusqlite::Result<T>) -> Result<Option<T>> {
    Ok(result.optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        migrations().validate().unwrap();
    }

    #[test]
    fn in_memory_store_is_at_the_latest_version() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }
}
