//! Exports: the files a campaign sends out once a letter is signed.
//!
//! The signed letter as a PDF ([`pdf`]), and the signatory list in the
//! forms a press release and a spreadsheet need: CSV, XLSX, plain text,
//! Markdown, and a press-release draft with the media contacts.
//!
//! Every export starts from one [`list::SignatoryList`], built once from
//! [`Store::signatures`](crate::Store::signatures) and the letter's display
//! settings (order, country labels, heading), so all files agree on who is
//! listed, in what order, and how each line reads. Exports return bytes or
//! text; writing them to a file is the caller's job (see [`write_file`]).

pub mod body;
pub mod csv;
pub mod list;
pub mod pdf;
pub mod press;
pub mod render;
pub mod text;
pub mod xlsx;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Letter;

pub use self::csv::signatories_csv;
pub use list::{ListEntry, ListGroup, SignatoryList};
pub use press::press_release;
pub use render::render;
pub use text::{signatories_markdown, signatories_text};
pub use xlsx::signatories_xlsx;

/// The kinds of file Undersigned exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// The signed letter.
    Pdf,
    /// The signatory list for spreadsheets and mail merges.
    Csv,
    /// The signatory list as an Excel workbook.
    Xlsx,
    /// The signatory list as plain text, for a press release.
    Text,
    /// The signatory list as Markdown, for a website.
    Markdown,
    /// A press-release draft.
    Press,
}

impl ExportKind {
    /// Every kind, in menu order.
    pub const ALL: &'static [ExportKind] = &[
        ExportKind::Pdf,
        ExportKind::Csv,
        ExportKind::Xlsx,
        ExportKind::Text,
        ExportKind::Markdown,
        ExportKind::Press,
    ];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Pdf => "pdf",
            ExportKind::Csv => "csv",
            ExportKind::Xlsx => "xlsx",
            ExportKind::Text | ExportKind::Press => "txt",
            ExportKind::Markdown => "md",
        }
    }

    /// What follows the letter's title in a generated file name.
    fn suffix(self) -> &'static str {
        match self {
            ExportKind::Pdf => "",
            ExportKind::Csv | ExportKind::Xlsx | ExportKind::Text | ExportKind::Markdown => {
                "-signatories"
            }
            ExportKind::Press => "-press-release",
        }
    }
}

/// The longest title stem a generated file name keeps, in characters.
const MAX_STEM_CHARS: usize = 80;

/// A safe file name for an export of `letter`, such as
/// `South-Korea-Stand-Up-for-Human-Rights-signatories.csv`.
///
/// Only letters, digits (any script) and single hyphens survive from the
/// title, so the name has no path separators, no `..`, no control or
/// shell-special characters, and no name Windows reserves (`CON`, `NUL`...).
/// A title with nothing usable gives `letter-ID`.
pub fn default_file_name(letter: &Letter, kind: ExportKind) -> String {
    let mut stem = String::new();
    for ch in letter.title.chars() {
        if ch.is_alphanumeric() {
            stem.push(ch);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.chars().count() >= MAX_STEM_CHARS {
            break;
        }
    }
    let mut stem = stem.trim_end_matches('-').to_string();
    if stem.is_empty() {
        stem = format!("letter-{}", letter.id.0);
    }
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if kind.suffix().is_empty() && RESERVED.contains(&stem.to_lowercase().as_str()) {
        stem.push_str("-letter");
    }
    format!("{stem}{}.{}", kind.suffix(), kind.extension())
}

/// Writes an export to `path` (only that path: nothing else is created),
/// replacing the file through a temporary sibling so a failed write never
/// leaves half a file. Errors name the path.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("output", "no output file given"));
    }
    if path.is_dir() {
        return Err(Error::invalid(
            "output",
            format!("{} is a folder; give a file name", path.display()),
        ));
    }
    let dir = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => dir,
        None => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::invalid(
            "output",
            format!(
                "{}: the folder {} does not exist",
                path.display(),
                dir.display()
            ),
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.{}.part", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    match result {
        Ok(()) => Ok(()),
        Err(source) => {
            let _ = std::fs::remove_file(&tmp);
            Err(Error::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LetterId, LetterInput};

    fn letter(title: &str) -> Letter {
        let new = LetterInput {
            title: title.into(),
            ..Default::default()
        }
        .check()
        .unwrap();
        Letter {
            id: LetterId(7),
            title: new.title,
            recipient: None,
            date: None,
            place: None,
            language: new.language,
            body: new.body,
            status: new.status,
            deadline: None,
            lead_coalition_id: None,
            signatory_heading: new.signatory_heading,
            list_order: new.list_order,
            country_label: new.country_label,
        }
    }

    #[test]
    fn file_names_keep_letters_and_digits_only() {
        assert_eq!(
            default_file_name(
                &letter("South Korea: Stand Up for Human Rights"),
                ExportKind::Csv
            ),
            "South-Korea-Stand-Up-for-Human-Rights-signatories.csv"
        );
        assert_eq!(
            default_file_name(&letter("../../etc/passwd"), ExportKind::Pdf),
            "etc-passwd.pdf"
        );
        assert_eq!(
            default_file_name(&letter("북한 인권 공동서한 2019"), ExportKind::Press),
            "북한-인권-공동서한-2019-press-release.txt"
        );
        assert_eq!(
            default_file_name(&letter("***"), ExportKind::Markdown),
            "letter-7-signatories.md"
        );
        assert_eq!(
            default_file_name(&letter("CON"), ExportKind::Pdf),
            "CON-letter.pdf"
        );
        let long = "a".repeat(300);
        assert_eq!(
            default_file_name(&letter(&long), ExportKind::Xlsx).len(),
            80 + "-signatories.xlsx".len()
        );
    }
}
