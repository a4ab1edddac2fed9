//! The signatory list as an Excel workbook (rust_xlsxwriter).
//!
//! Sheet "Signatories": the same columns as the CSV, a bold header row that
//! stays in view, a filter on every column, widths that fit. Sheet "Letter":
//! the title, date, headline figures, and how many asked not to be named.
//! Every cell is written as a string or number, never as a formula, so a name
//! such as `=HYPERLINK(...)` is stored as text and cannot run.

use rust_xlsxwriter::{DocProperties, Format, Workbook, XlsxError};

use crate::error::{Error, Result};
use crate::model::LetterId;
use crate::store::Store;

use super::csv::{row, COLUMNS};
use super::list::{format_date, SignatoryList};

/// The list as an `.xlsx` workbook.
pub fn signatories_xlsx(store: &Store, letter: LetterId) -> Result<Vec<u8>> {
    let list = SignatoryList::build(store, letter)?;
    let letter = store.letter(letter)?;
    let tally = store.tally(letter.id)?;
    build(&letter, &list, &tally).map_err(|e| {
        Error::invalid(
            "xlsx",
            format!(
                "could not write the workbook for letter {}: {e}",
                letter.id.0
            ),
        )
    })
}

fn build(
    letter: &crate::model::Letter,
    list: &SignatoryList,
    tally: &crate::tally::Tally,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let lang = letter.language;
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&letter.title)
            .set_subject(&list.heading)
            .set_comment("Exported by Undersigned"),
    );
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Signatories")?;
    let mut widths: Vec<usize> = COLUMNS.iter().map(|c| c.len()).collect();
    for (col, heading) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *heading, &bold)?;
    }
    let mut last_row = 0u32;
    for (i, entry) in list.entries().enumerate() {
        let r = i as u32 + 1;
        last_row = r;
        for (col, cell) in row(i + 1, entry).into_iter().enumerate() {
            if col == 0 {
                sheet.write_number(r, 0, (i + 1) as f64)?;
            } else {
                sheet.write_string(r, col as u16, &cell)?;
            }
            widths[col] = widths[col].max(cell.chars().count());
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*width).clamp(6, 60) as f64 + 1.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, COLUMNS.len() as u16 - 1)?;

    let about = workbook.add_worksheet();
    about.set_name("Letter")?;
    about.set_column_width(0, 24)?;
    about.set_column_width(1, 80)?;
    let mut facts: Vec<(&str, String)> = vec![
        ("title", letter.title.clone()),
        ("recipient", letter.recipient.clone().unwrap_or_default()),
        (
            "date",
            letter
                .date
                .map(|d| format_date(d, lang))
                .unwrap_or_default(),
        ),
        ("figures", tally.phrase(lang)),
        (
            "representing",
            tally.representing_phrase(lang).unwrap_or_default(),
        ),
        ("named signatories", list.named().to_string()),
    ];
    if let Some(line) = list.unnamed_line() {
        facts.push(("not named", line));
    }
    for (i, (key, value)) in facts.iter().enumerate() {
        about.write_string_with_format(i as u32, 0, *key, &bold)?;
        about.write_string(i as u32, 1, value)?;
    }
    workbook.save_to_buffer()
}
