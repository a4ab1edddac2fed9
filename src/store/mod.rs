//! The SQLite store: the only module that touches SQL.
//!
//! A [`Store`] is one connection to one database file. Opening it:
//! 1. looks at an existing file without writing a byte ([`recovery`]), and
//!    refuses a file that is damaged, not SQLite, belongs to another
//!    application, or was written by a newer Undersigned, offering the
//!    newest good backup;
//! 2. takes the one-writer lock ([`lock`]), so a second program is told the
//!    database is in use;
//! 3. sets the per-connection pragmas (never inside migrations);
//! 4. takes a copy with SQLite's online backup API before migrating an older
//!    schema, then applies each upgrade step in its own transaction;
//! 5. makes the day's backup if there is none yet ([`backup`]).
//!
//! Each submodule keeps its SQL beside the `from_row` that reads it, and adds
//! its methods to [`Store`]. Every multi-statement write goes through
//! [`Store::with_tx`], so it is one transaction.

pub mod backup;
mod coalitions;
mod contacts;
mod erase;
mod import;
mod individuals;
mod letters;
mod lock;
mod organisations;
pub mod recovery;
mod signatures;
mod tally;

pub use backup::{BackupInfo, BackupReason, RestoreInfo};
pub use import::{
    Candidate, ImportDecisions, ImportPreview, ImportReport, ImportSummary, RowAction, RowDecision,
    RowError, RowPreview, RowResult,
};
pub use letters::LetterSummary;
pub use organisations::{LookupMatch, OrganisationFilter};
pub use signatures::{SignaturePatch, SignatureRow};
pub use tally::{HistoryEntry, Matrix, MatrixRow};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// Marks a SQLite file as Undersigned's (`PRAGMA application_id`): "Unds".
pub const APPLICATION_ID: i32 = 0x556E_6473;

/// The schema steps, oldest first. Version N is the first N applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_contact_city.sql"),
];

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
    /// The one-writer lock, held while the store is open (files only).
    _lock: Option<lock::DbLock>,
    /// Why the day's backup could not be made, if it could not.
    backup_warning: Option<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
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
    /// schema after backing it up, and makes the day's backup. Refuses
    /// foreign, damaged and newer files without writing to them (the error
    /// offers the newest good backup), and a database another program has
    /// open ([`Error::DatabaseBusy`]). An empty (zero-byte) file is
    /// initialised: it holds nothing to lose (ADR 0400).
    pub fn open(path: &Path) -> Result<Store> {
        // If the lock file exists, take the lock before looking, so the look
        // never races a writer; if not, no Undersigned has the file open and
        // the lock file is created only once the file has passed.
        let early_lock = lock::DbLock::existing(path)?;
        let inspection = recovery::inspect(path, recovery::Depth::Quick)?;
        if inspection.is_none() {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
        }
        let lock = match early_lock {
            Some(lock) => lock,
            None => lock::DbLock::acquire(path)?,
        };

        let conn = Connection::open(path).map_err(|e| recovery::classify_open_error(path, e))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            _lock: Some(lock),
            backup_warning: None,
        };
        store.set_pragmas()?;
        if let Some(found) = inspection {
            if found.user_version > 0 && found.user_version < SCHEMA_VERSION {
                store.backup_before_migration(found.user_version)?;
            }
        }
        store.migrate()?;
        if inspection.is_some_and(|found| found.user_version > 0) {
            // A missing daily backup must not keep anyone from their data.
            if let Err(e) = store.daily_backup() {
                store.backup_warning = Some(e.to_string());
            }
        }
        Ok(store)
    }

    /// Why the day's automatic backup could not be made on open (for
    /// example a full disk), if it could not. The store works regardless.
    pub fn backup_warning(&self) -> Option<&str> {
        self.backup_warning.as_deref()
    }

    /// A fresh database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            _lock: None,
            backup_warning: None,
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
        let result = f(self).and_then(|value| {
            self.conn.execute_batch("RELEASE atomically")?;
            Ok(value)
        });
        if result.is_err() {
            self.roll_back_atomically();
        }
        result
    }

    /// Undoes an [`Store::atomically`] that failed. SQLite itself rolls the
    /// whole transaction back after some errors (a full disk, an I/O
    /// error), and then the savepoint is gone: nothing is left to undo, and
    /// the caller must see the original error, not "no such savepoint".
    fn roll_back_atomically(&mut self) {
        if self.conn.is_autocommit() {
            return;
        }
        if self
            .conn
            .execute_batch("ROLLBACK TO atomically; RELEASE atomically")
            .is_err()
            && !self.conn.is_autocommit()
        {
            // The savepoint vanished but a transaction is still open:
            // end it rather than leave the connection inside it.
            let _ = self.conn.execute_batch("ROLLBACK");
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
        // The schema was checked on open (ADR 0400); still, never let a
        // trigger or view run a function with side effects.
        conn.pragma_update(None, "trusted_schema", false)?;
        // 64 MiB of page cache (the default is 2 MiB): a 10,000-signature
        // tally otherwise re-reads its pages from the OS on every run.
        conn.pragma_update(None, "cache_size", -65536)?;
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if id == 0 {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(())
    }

    /// The copy taken before upgrading a schema from `from_version`.
    fn backup_before_migration(&self, from_version: i64) -> Result<BackupInfo> {
        debug_assert!(from_version < SCHEMA_VERSION);
        self.backup_now(BackupReason::BeforeMigration)
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
