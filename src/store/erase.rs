//! Erasing personal data so that it does not linger on disk.
//!
//! `secure_delete=ON` (set on every connection) makes SQLite overwrite
//! deleted content with zeros, but in WAL mode the old page images stay in
//! the `-wal` file until it is checkpointed and truncated. Erasing a
//! contact therefore deletes the row, then checkpoints the log with
//! `TRUNCATE`, so the email and phone are gone from every file (backups
//! made earlier still hold them; they are pruned by retention).

use super::Store;
use crate::error::{Error, Result};

impl Store {
    /// Deletes a contact person and scrubs their data from the database
    /// file and its write-ahead log.
    pub fn erase_contact(&mut self, id: i64) -> Result<()> {
        let deleted =
            self.with_tx(|tx| Ok(tx.execute("DELETE FROM contacts WHERE id = ?1", [id])?))?;
        if deleted == 0 {
            return Err(Error::not_found("contact", id));
        }
        self.scrub_log()
    }

    /// Copies everything in the write-ahead log into the database file and
    /// empties the log, so deleted data survives in neither.
    pub fn scrub_log(&self) -> Result<()> {
        if self.path().is_none() {
            return Ok(());
        }
        let (busy, _, _): (i64, i64, i64) =
            self.conn()
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        if busy != 0 {
            return Err(Error::DatabaseBusy {
                path: self.path().map(Into::into).unwrap_or_default(),
            });
        }
        Ok(())
    }
}
