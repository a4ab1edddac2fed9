//! `undersigned backup`, `backups` and `restore`: answered without opening
//! the store first, because a restore must work when the current database
//! is damaged and cannot be opened.

use std::path::Path;

use serde_json::json;
use undersigned::store::backup::backups_of;
use undersigned::store::BackupReason;
use undersigned::{Result, Store};

use crate::args::Command;
use crate::print::Printer;

/// Whether `command` is one of ours.
pub fn handles(command: &Command) -> bool {
    matches!(
        command,
        Command::Backup { .. } | Command::Backups | Command::Restore { .. }
    )
}

pub fn run(db: &Path, out: &Printer, command: Command) -> Result<()> {
    match command {
        Command::Backup { output } => {
            let store = Store::open(db)?;
            match output {
                Some(file) => {
                    store.backup_to(&file)?;
                    out.value(&json!({ "path": file }), || {
                        format!("backed up to {}", file.display())
                    });
                }
                None => {
                    let info = store.backup_now(BackupReason::Manual)?;
                    out.value(&info, || format!("backed up to {}", info.path.display()));
                }
            }
        }
        Command::Backups => {
            let backups = backups_of(db)?;
            out.value(&backups, || {
                if backups.is_empty() {
                    return format!("no backups of {} yet", db.display());
                }
                backups
                    .iter()
                    .map(|b| {
                        format!(
                            "{}  {:<19}  {:>9} bytes  {}\n",
                            b.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
                            b.reason.slug(),
                            b.bytes,
                            b.path.display()
                        )
                    })
                    .collect()
            });
        }
        Command::Restore { file } => {
            let info = Store::restore(db, &file)?;
            out.value(&info, || {
                let kept = match &info.previous {
                    Some(previous) => {
                        format!("; the previous database is kept at {}", previous.display())
                    }
                    None => String::new(),
                };
                format!("restored {} into {}{kept}", file.display(), db.display())
            });
        }
        _ => {}
    }
    Ok(())
}
