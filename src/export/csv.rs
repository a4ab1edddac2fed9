//! The signatory list as CSV, for spreadsheets and mail merges.
//!
//! One row per named signatory in the printed order, with the printed line
//! and its parts. Those who asked not to be named are not in the file (it
//! leaves the building); withdrawn signatures never are.
//!
//! Spreadsheet formula injection is neutralised: a cell that starts with
//! `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe,
//! so Excel and LibreOffice show it as text instead of running it (an
//! organisation named `=HYPERLINK("http://evil","Click")` stays a name).

use crate::error::{Error, Result};
use crate::model::LetterId;
use crate::store::Store;

use super::list::{ListEntry, SignatoryList};

/// The column headings, in order.
pub const COLUMNS: &[&str] = &[
    "position",
    "line",
    "name",
    "kind",
    "title",
    "affiliation",
    "acronym",
    "country_code",
    "country",
    "tier",
    "signed_on",
];

/// The list as CSV (UTF-8, comma-separated, a header row, CRLF line ends
/// as RFC 4180 asks).
pub fn signatories_csv(store: &Store, letter: LetterId) -> Result<Vec<u8>> {
    list_csv(&SignatoryList::build(store, letter)?)
}

/// CSV of a built list.
pub fn list_csv(list: &SignatoryList) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |e: csv::Error| Error::invalid("csv", format!("could not write the list: {e}"));
    writer.write_record(COLUMNS).map_err(failed)?;
    for (position, entry) in list.entries().enumerate() {
        let record = row(position + 1, entry);
        writer
            .write_record(record.iter().map(|cell| neutralise(cell).into_owned()))
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::invalid("csv", format!("could not write the list: {e}")))
}

/// The cells of one entry, raw (not yet neutralised).
pub fn row(position: usize, entry: &ListEntry) -> Vec<String> {
    let r = &entry.row;
    vec![
        position.to_string(),
        entry.line.clone(),
        r.name.clone(),
        match r.kind {
            crate::tally::SignatoryKind::Organisation => "organisation",
            crate::tally::SignatoryKind::Coalition => "coalition",
            crate::tally::SignatoryKind::Individual => "individual",
        }
        .to_string(),
        r.title.clone().unwrap_or_default(),
        r.affiliation.clone().unwrap_or_default(),
        r.acronym.clone().unwrap_or_default(),
        r.country.map(|c| c.to_string()).unwrap_or_default(),
        entry.country_label.clone().unwrap_or_default(),
        entry.tier().as_str().to_string(),
        entry
            .signed_on()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    ]
}

/// Prefixes a cell that a spreadsheet would run as a formula with `'`.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Undoes [`neutralise`]: what a careful reader of the file gets back.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for cell in ["=1+1", "+82-10", "-x", "@SUM(A1)", "\tx", "\rx"] {
            let safe = neutralise(cell);
            assert!(safe.starts_with('\''), "{safe}");
            assert_eq!(restore(&safe), cell);
        }
        assert_eq!(neutralise("Human Rights Watch"), "Human Rights Watch");
        assert_eq!(restore("'quoted"), "'quoted");
    }
}
