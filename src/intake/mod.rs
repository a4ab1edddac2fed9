//! Signatory intake: turning what campaigners receive (pasted lists from
//! emails and Word documents, form exports as CSV or Excel) into signatory
//! rows they can check before anything is stored.
//!
//! Intake is two steps, like every input in the library: first the raw text
//! or file is read into [`ParsedRow`]s, each with a confidence and the reason
//! when it is not certain ([`parse_paste`], [`read_table`]); then the store
//! previews what those rows would do to a letter (create, link to an existing
//! record, duplicate, flag, reject) and commits them in one transaction
//! (`Store::preview_import`, `Store::commit_import` in `store/import.rs`).
//! Nothing here touches the database.

pub mod columns;
pub mod matching;
pub mod paste;
pub mod spreadsheet;
pub mod table;
mod words;

use serde::{Deserialize, Serialize};

use crate::country::CountryCode;

pub use columns::Field;
pub use paste::{parse_paste, Heading, LineOutcome, Outcome, PasteParse};
pub use table::{read_table, ColumnMapping, SkippedRow, TableOptions, TableParse};

/// Whether a row is an organisation or a person signing in their own name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Organisation,
    Individual,
}

impl RowKind {
    /// `organisation` or `individual`.
    pub fn as_str(&self) -> &'static str {
        match self {
            RowKind::Organisation => "organisation",
            RowKind::Individual => "individual",
        }
    }
}

/// How sure the reader is of a row. Anything below `high` carries reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A person should look at it: an ambiguous country, an unknown form.
    Low,
    /// Probably right, but read with a guess (a split line, a person's name).
    Medium,
    /// Read the way the list says it.
    High,
}

/// Details from a form export about who filled it in. Personal data: its
/// `Debug` leaves the email and phone out, and they never reach a message.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct RowContact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl std::fmt::Debug for RowContact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowContact")
            .field("has_email", &self.email.is_some())
            .field("has_phone", &self.phone.is_some())
            .finish_non_exhaustive()
    }
}

/// One signatory as read from a paste or a table, before it is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParsedRow {
    /// The line of the paste, or the line (row) of the file, it came from (1-based).
    pub line: usize,
    pub kind: RowKind,
    pub name: String,
    pub acronym: Option<String>,
    /// For individuals: their title ("Visiting Scholar").
    pub title: Option<String>,
    /// For individuals: their affiliation, for identification only.
    pub affiliation: Option<String>,
    /// `None`: international, or no country given (see `reasons`).
    pub country: Option<CountryCode>,
    pub confidence: Confidence,
    /// Why the row is not certain ("may be two organisations").
    pub reasons: Vec<String>,
    /// From a form's consent column: `Some(false)` if they asked not to be named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_to_name: Option<bool>,
    /// From a form's timestamp column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// From a form's contact columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<RowContact>,
    /// A website from a form export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

impl ParsedRow {
    /// A row of the given kind and name, certain, with nothing else known.
    pub fn new(line: usize, kind: RowKind, name: impl Into<String>) -> ParsedRow {
        ParsedRow {
            line,
            kind,
            name: name.into(),
            acronym: None,
            title: None,
            affiliation: None,
            country: None,
            confidence: Confidence::High,
            reasons: Vec::new(),
            consent_to_name: None,
            signed_at: None,
            contact: None,
            website: None,
        }
    }

    /// Lowers the confidence to at most `level`, recording why.
    pub fn doubt(&mut self, level: Confidence, reason: impl Into<String>) {
        self.confidence = self.confidence.min(level);
        let reason = reason.into();
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    /// The reasons joined for one-line display.
    pub fn reason(&self) -> Option<String> {
        (!self.reasons.is_empty()).then(|| self.reasons.join("; "))
    }
}
