//! Shapes the app sends to the UI that the library has no type for.
//!
//! Most commands return library types as they are (they are `Serialize` and
//! generate their TypeScript with the library's `ts` feature); these few
//! bundle what one screen needs from one library call.

use serde::Serialize;
use ts_rs::TS;
use undersigned::country::{CountryCode, Language};
use undersigned::tally::Tally;

use crate::error::ErrorDto;

/// What the app knows about itself, for the settings screen and first run.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// The database file, if the data directory could be found.
    pub db_path: Option<String>,
    /// Why the database could not be opened, if it could not.
    pub open_error: Option<ErrorDto>,
    /// The folder where backups are kept.
    pub backup_dir: Option<String>,
    /// Why today's automatic backup could not be made, if it could not.
    pub backup_warning: Option<String>,
}

/// A letter's headline figures and phrases, without the rows behind them
/// (those come from `explain_figure`, one figure at a time).
#[derive(Clone, Debug, Serialize, TS)]
pub struct Figures {
    /// The counts; its `rows` and `represented_members` are left empty.
    pub tally: Tally,
    /// "47 groups and individuals from 11 countries", in the asked language.
    pub phrase: String,
    /// "representing over 300 groups and individuals", if anyone is counted.
    pub representing_phrase: Option<String>,
}

impl Figures {
    /// The figures of `tally`, phrased in `lang`.
    pub fn of(mut tally: Tally, lang: Language) -> Figures {
        let phrase = tally.phrase(lang);
        let representing_phrase = tally.representing_phrase(lang);
        tally.rows = Vec::new();
        tally.represented_members = Vec::new();
        Figures {
            tally,
            phrase,
            representing_phrase,
        }
    }
}

/// A country for pickers and filters, named in the UI's language.
#[derive(Clone, Debug, Serialize, TS)]
pub struct CountryOption {
    pub code: CountryCode,
    pub name: String,
}
