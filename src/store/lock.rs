//! One writer per database file: an advisory lock on `<file>.lock` beside it.
//!
//! SQLite alone would let two programs write the same file in turn, each
//! holding a stale picture of the other's edits, and a restore could replace
//! the file under another program's feet. So [`Store::open`](super::Store::open)
//! takes an exclusive OS lock (`flock` on Unix, `LockFileEx` on Windows) on
//! a small lock file and holds it while the store is open; a second program
//! gets [`Error::DatabaseBusy`] before touching anything. The OS drops the
//! lock when the process ends, even on a crash, so a lock is never stale.
//! The lock file holds no data and is never deleted (deleting a lock file
//! that others may have open makes two holders possible). See
//! `docs/adr/0401-one-writer-lock-file.md`.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};

/// How long to wait for a lock before saying the database is in use.
const PATIENCE: Duration = Duration::from_millis(750);
const RETRY: Duration = Duration::from_millis(15);

/// A held lock; released when dropped (the file is closed).
#[derive(Debug)]
pub(crate) struct DbLock {
    _file: File,
}

/// The lock file for the database at `db`: `undersigned.db.lock`.
pub(crate) fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    db.with_file_name(name)
}

impl DbLock {
    /// Takes the lock if the lock file already exists; `Ok(None)` when it
    /// does not (then no Undersigned program has this database open).
    /// Creates nothing, so looking at a foreign file leaves no trace.
    pub(crate) fn existing(db: &Path) -> Result<Option<DbLock>> {
        let path = lock_path(db);
        match OpenOptions::new().read(true).write(true).open(&path) {
            Ok(file) => Self::take(db, file).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Creates the lock file if needed and takes the lock.
    pub(crate) fn acquire(db: &Path) -> Result<DbLock> {
        let path = lock_path(db);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        Self::take(db, file)
    }

    fn take(db: &Path, mut file: File) -> Result<DbLock> {
        let mut waited = Duration::ZERO;
        loop {
            match try_lock(&file) {
                Ok(true) => break,
                // A child process this program just spawned holds a copy of
                // the lock until it executes its own program (a few
                // milliseconds); so wait a little before saying "in use".
                Ok(false) if waited < PATIENCE => {
                    std::thread::sleep(RETRY);
                    waited += RETRY;
                }
                Ok(false) => {
                    return Err(Error::DatabaseBusy {
                        path: db.to_path_buf(),
                    })
                }
                Err(e) => return Err(Error::io(lock_path(db), e)),
            }
        }
        // Who holds it, for a person looking at the folder; best effort.
        let _ = file
            .set_len(0)
            .and_then(|()| writeln!(file, "undersigned process {}", std::process::id()));
        Ok(DbLock { _file: file })
    }
}

/// `Ok(false)` when another open file holds the lock.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{flock, FlockOperation};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// `Ok(false)` when another open file holds the lock. (`File::try_lock`
/// needs Rust 1.89; the workspace's minimum is older, and Unix builds do
/// not use this.)
#[cfg(not(unix))]
#[allow(clippy::incompatible_msrv)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

// Closing the file (on drop, or when the process ends, even by a crash)
// releases the lock.
