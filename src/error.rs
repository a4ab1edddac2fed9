//! The library's one error type.
//!
//! Every front end (CLI, desktop app) receives these and shows them to a user,
//! so each variant says *what* went wrong and *where* (file, field, id), and
//! carries a stable machine-readable [`Error::code`] that front ends branch on.
//! Messages never contain personal data such as emails or phone numbers:
//! variants that could be built from such values take only the field's name.

use std::path::PathBuf;

/// The library's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A database file was written by a newer version of Undersigned.
    #[error(
        "{path}: this database was written by a newer version of Undersigned \
         (schema version {found}; this version understands up to {supported}). \
         It has been left untouched; please update Undersigned to open it"
    )]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// A file that is SQLite but belongs to another application.
    #[error(
        "{path}: this is not an Undersigned database ({reason}); it has been left untouched{}",
        offer_backup(.newest_backup)
    )]
    ForeignDatabase {
        path: PathBuf,
        reason: String,
        /// The newest backup beside it that passes `PRAGMA integrity_check`.
        newest_backup: Option<PathBuf>,
    },

    /// A file that is not a readable SQLite database at all, or is damaged.
    #[error(
        "{path}: not a readable Undersigned database ({reason}); it has been left untouched{}",
        offer_backup(.newest_backup)
    )]
    DamagedDatabase {
        path: PathBuf,
        reason: String,
        /// The newest backup beside it that passes `PRAGMA integrity_check`.
        newest_backup: Option<PathBuf>,
    },

    /// The disk (or the database's size limit) is full: the change was
    /// rolled back and nothing already stored was lost.
    #[error(
        "{}the disk is full: the last change was not saved and was rolled back; \
         nothing already stored was lost. Free some space and try again",
        where_prefix(.path)
    )]
    DiskFull { path: Option<PathBuf> },

    /// The database is locked by another Undersigned process.
    #[error("{path}: the database is in use by another program; close it and try again")]
    DatabaseBusy { path: PathBuf },

    /// A file system operation failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A schema migration failed (it was rolled back).
    #[error("upgrading the database failed and was rolled back: {0}")]
    Migration(String),

    /// A database operation failed.
    #[error("database error: {0}")]
    Database(rusqlite::Error),

    /// A record that was asked for does not exist.
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: String },

    /// A value given for a field is not acceptable.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },

    /// A country name that could mean more than one country.
    #[error("{field}: \"{input}\" is ambiguous ({candidates}); say which one")]
    AmbiguousCountry {
        field: String,
        input: String,
        candidates: String,
    },

    /// A text that names no country we know (or names a region).
    #[error("{field}: \"{input}\" is not a country{hint}")]
    UnknownCountry {
        field: String,
        input: String,
        hint: String,
    },

    /// A name that matches several records where one was expected.
    #[error("\"{input}\" matches {count} records ({candidates}); use an id such as org:12")]
    AmbiguousName {
        input: String,
        count: usize,
        candidates: String,
    },

    /// A table (CSV, TSV, spreadsheet) that cannot be read; says where.
    #[error("{path}{location}: {message}")]
    Table {
        path: PathBuf,
        /// ", line 3, column 2 (Country)", or empty.
        location: String,
        message: String,
    },

    /// A spreadsheet the separate reader process refused or died on. The
    /// program itself is unaffected.
    #[error("{path}: {message}")]
    Spreadsheet { path: PathBuf, message: String },

    /// The user cancelled a long operation; nothing was changed.
    #[error("{0} was cancelled; nothing was changed")]
    Cancelled(&'static str),

    /// The operation would break a rule of the domain.
    #[error("{0}")]
    Conflict(String),
}

impl Error {
    /// A stable code for front ends to branch on; never parse the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::ForeignDatabase { .. } => "foreign_database",
            Error::DamagedDatabase { .. } => "damaged_database",
            Error::DiskFull { .. } => "disk_full",
            Error::DatabaseBusy { .. } => "database_busy",
            Error::Io { .. } => "io",
            Error::Migration(_) => "migration_failed",
            Error::Database(_) => "database",
            Error::NotFound { .. } => "not_found",
            Error::Invalid { .. } => "invalid_input",
            Error::AmbiguousCountry { .. } => "ambiguous_country",
            Error::UnknownCountry { .. } => "unknown_country",
            Error::AmbiguousName { .. } => "ambiguous_name",
            Error::Table { .. } => "bad_table",
            Error::Spreadsheet { .. } => "spreadsheet_rejected",
            Error::Cancelled(_) => "cancelled",
            Error::Conflict(_) => "conflict",
        }
    }

    /// Shorthand for an [`Error::Invalid`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Shorthand for an [`Error::NotFound`].
    pub fn not_found(what: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            what,
            id: id.to_string(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::StorageFull {
            return Error::DiskFull {
                path: Some(path.into()),
            };
        }
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The newest good backup this error offers, if any.
    pub fn newest_backup(&self) -> Option<&std::path::Path> {
        match self {
            Error::DamagedDatabase { newest_backup, .. }
            | Error::ForeignDatabase { newest_backup, .. } => newest_backup.as_deref(),
            _ => None,
        }
    }
}

/// SQLite's "database or disk is full" becomes [`Error::DiskFull`], so every
/// front end can say so plainly; everything else stays a database error.
impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        if err.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            return Error::DiskFull { path: None };
        }
        Error::Database(err)
    }
}

fn offer_backup(newest: &Option<PathBuf>) -> String {
    match newest {
        Some(backup) => format!(
            ". The newest good backup is {}: restore it with `undersigned restore {}`",
            backup.display(),
            backup.display()
        ),
        None => ". No good backup was found beside it".into(),
    }
}

fn where_prefix(path: &Option<PathBuf>) -> String {
    match path {
        Some(path) => format!("{}: ", path.display()),
        None => String::new(),
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
