//! Tables: CSV and TSV files (form exports, partners' lists, Excel's
//! "Unicode text") and spreadsheets (XLSX, XLS, ODS, read in a separate
//! process by [`super::spreadsheet`]).
//!
//! Text files come in whatever encoding the sender's machine used, so the
//! encoding is detected and reported: a byte-order mark first (UTF-8,
//! UTF-16 LE/BE), then strict UTF-8, then a statistical guess (chardetng)
//! among the legacy encodings (Windows-1252, EUC-KR/CP949, Shift_JIS). The
//! delimiter (comma, semicolon, tab) is the one that splits the first lines
//! most consistently. Quoted newlines and ragged rows are read as the csv
//! crate reads them. The header row gives the column mapping (see
//! [`super::columns`]), which the caller can override. Every data row comes
//! back as a [`ParsedRow`] or as a [`SkippedRow`] with the reason.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::columns::{guess_field, Field};
use super::paste::{infer_columns, names_organisations, row_from_cells};
use super::{spreadsheet, ParsedRow};
use crate::country::{resolve, CountryMatch};
use crate::error::{Error, Result};
use crate::normalize::name_key;

/// The largest table read, by default (form exports are far smaller).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How to read a table.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct TableOptions {
    /// Column overrides: (column as its header text, 1-based number or
    /// letter, field). See [`parse_map`].
    pub map: Vec<(String, Field)>,
    /// The sheet of a spreadsheet (default: the first).
    pub sheet: Option<String>,
    /// Files larger than this are refused.
    pub max_bytes: u64,
    /// The executable that reads spreadsheets in a child process (default:
    /// the running program, which must call
    /// [`spreadsheet::run_child_if_requested`] first thing in `main`).
    #[serde(skip)]
    pub reader: Option<PathBuf>,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            map: Vec::new(),
            sheet: None,
            max_bytes: DEFAULT_MAX_BYTES,
            reader: None,
        }
    }
}

/// Reads a `COLUMN=field` override as typed on the command line.
pub fn parse_map(text: &str) -> Result<(String, Field)> {
    let (column, field) = text.rsplit_once('=').ok_or_else(|| {
        Error::invalid(
            "--map",
            format!("\"{text}\" is not COLUMN=field (for example 'Name of organisation=name')"),
        )
    })?;
    if column.trim().is_empty() {
        return Err(Error::invalid(
            "--map",
            format!("\"{text}\" names no column"),
        ));
    }
    Ok((column.trim().to_string(), Field::parse(field)?))
}

/// What a column was read as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnMapping {
    /// 0-based position.
    pub index: usize,
    /// The spreadsheet letter of the column: A, B, ..., AA.
    pub letter: String,
    /// The header text, or empty without a header row.
    pub header: String,
    pub field: Option<Field>,
    /// `false` when the caller's override set it.
    pub guessed: bool,
}

/// A data row that gave no signatory, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkippedRow {
    pub line: usize,
    pub reason: String,
}

/// The result of reading a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableParse {
    pub rows: Vec<ParsedRow>,
    pub skipped: Vec<SkippedRow>,
    /// `csv`, `tsv` or `spreadsheet`.
    pub format: String,
    /// The detected text encoding ("UTF-8", "UTF-16LE", "windows-1252",
    /// "EUC-KR", "Shift_JIS"); `None` for spreadsheets.
    pub encoding: Option<String>,
    /// Whether the text started with a byte-order mark.
    pub bom: bool,
    /// The detected delimiter: ",", ";", "\t" or "|".
    pub delimiter: Option<String>,
    /// The sheet read, and every sheet of the workbook.
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    /// The line of the header row, if there is one.
    pub header_line: Option<usize>,
    pub columns: Vec<ColumnMapping>,
    /// Things the user should know (undecodable bytes, ragged rows).
    pub warnings: Vec<String>,
}

/// A text after encoding detection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's WHATWG name ("UTF-8", "UTF-16LE", "EUC-KR"...).
    pub encoding: &'static str,
    pub bom: bool,
    /// Whether some bytes were not valid in that encoding (replaced by U+FFFD).
    pub malformed: bool,
}

/// Detects the encoding of `bytes` and decodes them: byte-order mark,
/// else strict UTF-8, else chardetng's guess.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            bom: true,
            malformed,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            encoding: encoding_rs::UTF_8.name(),
            bom: false,
            malformed: false,
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        bom: false,
        malformed,
    }
}

/// Reads a CSV, TSV or spreadsheet file into signatory rows.
pub fn read_table(path: &Path, options: &TableOptions) -> Result<TableParse> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(not_a_table(path, "it is a folder"));
    }
    if meta.len() > options.max_bytes {
        return Err(not_a_table(
            path,
            &format!(
                "it is {} MB; tables larger than {} MB are not read",
                meta.len().div_ceil(1024 * 1024),
                options.max_bytes / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if is_spreadsheet(path, &bytes) {
        let sheet = spreadsheet::read_in_child(path, options)?;
        let records = sheet
            .rows
            .into_iter()
            .enumerate()
            .map(|(i, cells)| (i + 1, cells))
            .collect();
        let mut parse = rows_from_records(path, records, options, "spreadsheet")?;
        parse.sheet = Some(sheet.sheet);
        parse.sheets = sheet.sheets;
        parse.warnings.extend(sheet.warnings);
        return Ok(parse);
    }
    read_text_table(path, &bytes, options)
}

/// Reads the bytes of a CSV or TSV file (`path` names it in messages).
pub fn read_text_table(path: &Path, bytes: &[u8], options: &TableOptions) -> Result<TableParse> {
    if bytes.starts_with(b"%PDF") {
        return Err(not_a_table(
            path,
            "it is a PDF document; export the list as CSV or copy and paste it",
        ));
    }
    let decoded = decode(bytes);
    let text = decoded.text.as_str();
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}'))
        .count();
    if text.contains('\0') || controls * 20 > text.chars().count().max(1) {
        return Err(not_a_table(
            path,
            "it holds binary data, not text; save it as CSV (comma-separated) or XLSX",
        ));
    }
    if text.trim().is_empty() {
        return Err(not_a_table(path, "it is empty"));
    }
    // The csv crate counts a CRLF as two line ends: normalise for line numbers.
    let normalised;
    let text = if text.contains("\r\n") {
        normalised = text.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        text
    };
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.unwrap_or(b','))
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|e| {
            let location = e
                .position()
                .map(|p| format!(", line {}", p.line()))
                .unwrap_or_default();
            Error::Table {
                path: path.to_path_buf(),
                location,
                message: e.to_string(),
            }
        })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        records.push((line, record.iter().map(str::to_string).collect()));
    }
    let format = if delimiter == Some(b'\t') {
        "tsv"
    } else {
        "csv"
    };
    let mut parse = rows_from_records(path, records, options, format)?;
    parse.encoding = Some(decoded.encoding.to_string());
    parse.bom = decoded.bom;
    parse.delimiter = delimiter.map(|d| (d as char).to_string());
    if decoded.malformed {
        parse.warnings.insert(
            0,
            format!(
                "some bytes are not valid {} and were replaced by �; check the names with them",
                decoded.encoding
            ),
        );
    }
    Ok(parse)
}

fn not_a_table(path: &Path, why: &str) -> Error {
    Error::Table {
        path: path.to_path_buf(),
        location: String::new(),
        message: format!("not a table: {why}"),
    }
}

fn is_spreadsheet(path: &Path, bytes: &[u8]) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
}

/// The delimiter that splits the first lines into the same number of
/// cells most often (quotes respected). `None`: a single column.
pub fn detect_delimiter(text: &str) -> Option<u8> {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best: Option<(usize, usize, u8)> = None;
    for delimiter in [b'\t', b';', b',', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| {
                let mut in_quotes = false;
                l.bytes()
                    .filter(|b| {
                        if *b == b'"' {
                            in_quotes = !in_quotes;
                        }
                        *b == delimiter && !in_quotes
                    })
                    .count()
            })
            .collect();
        // The most common non-zero count, and how many lines have it.
        let mut tally: std::collections::BTreeMap<usize, usize> = Default::default();
        for c in counts.iter().filter(|c| **c > 0) {
            *tally.entry(*c).or_default() += 1;
        }
        if let Some((&cells, &lines_with)) = tally.iter().max_by_key(|(c, n)| (**n, **c)) {
            let score = (lines_with, cells);
            if best.is_none_or(|(l, c, _)| score > (l, c)) {
                best = Some((lines_with, cells, delimiter));
            }
        }
    }
    best.map(|(_, _, d)| d)
}

/// The spreadsheet letter of a 0-based column: 0 -> A, 26 -> AA.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Turns (line, cells) records into rows: header, mapping, data.
fn rows_from_records(
    path: &Path,
    records: Vec<(usize, Vec<String>)>,
    options: &TableOptions,
    format: &str,
) -> Result<TableParse> {
    let mut parse = TableParse {
        rows: Vec::new(),
        skipped: Vec::new(),
        format: format.to_string(),
        encoding: None,
        bom: false,
        delimiter: None,
        sheet: None,
        sheets: Vec::new(),
        header_line: None,
        columns: Vec::new(),
        warnings: Vec::new(),
    };
    let blank = |cells: &[String]| cells.iter().all(|c| c.trim().is_empty());
    let Some(first) = records.iter().position(|(_, cells)| !blank(cells)) else {
        return Err(not_a_table(path, "it has no rows with text"));
    };
    for (line, _) in &records[..first] {
        parse.skipped.push(SkippedRow {
            line: *line,
            reason: "blank row".into(),
        });
    }
    let (header_line, header_cells) = &records[first];
    let guesses: Vec<Option<Field>> = header_cells.iter().map(|c| guess_field(c)).collect();
    let known = guesses.iter().filter(|g| g.is_some()).count();
    let names = guesses
        .iter()
        .any(|g| matches!(g, Some(Field::Name | Field::Individual)));
    let countries = header_cells
        .iter()
        .filter(|c| !c.trim().is_empty() && !matches!(resolve(c), CountryMatch::Unknown))
        .count();
    let has_header = (names || known >= 2) && countries == 0;
    let width = records.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let (mut fields, headers, data_start) = if has_header {
        parse.header_line = Some(*header_line);
        let mut fields = guesses;
        fields.resize(width, None);
        (fields, header_cells.clone(), first + 1)
    } else {
        let mut fields = infer_columns(header_cells);
        fields.resize(width, None);
        (fields, Vec::new(), first)
    };
    let mut guessed = vec![true; width];
    for (column, field) in &options.map {
        let index = find_column(column, &headers, width).ok_or_else(|| {
            Error::invalid(
                "--map",
                format!(
                    "{}: no column \"{column}\"; the columns are {}",
                    path.display(),
                    describe_columns(&headers, width)
                ),
            )
        })?;
        fields[index] = Some(*field);
        guessed[index] = false;
    }
    // One column per field: a second "Name" column is not read twice.
    let mut seen = std::collections::HashSet::new();
    for f in fields.iter_mut() {
        if let Some(field) = f {
            if *field != Field::Ignore && !seen.insert(*field) {
                *f = None;
            }
        }
    }
    parse.columns = (0..width)
        .map(|i| ColumnMapping {
            index: i,
            letter: column_letter(i),
            header: headers.get(i).cloned().unwrap_or_default(),
            field: fields[i].filter(|f| *f != Field::Ignore),
            guessed: guessed[i],
        })
        .collect();
    if !fields
        .iter()
        .any(|f| matches!(f, Some(Field::Name | Field::Individual)))
    {
        return Err(Error::Table {
            path: path.to_path_buf(),
            location: String::new(),
            message: format!(
                "no column holds signatories' names; the columns are {}; \
                 say which one with --map 'COLUMN=name'",
                describe_columns(&headers, width)
            ),
        });
    }
    let organisations = names_organisations(&headers, &fields);
    let header_width = if has_header {
        header_cells.len()
    } else {
        width
    };
    let mut ragged = Vec::new();
    for (line, cells) in &records[data_start..] {
        if blank(cells) {
            parse.skipped.push(SkippedRow {
                line: *line,
                reason: "blank row".into(),
            });
            continue;
        }
        if cells.len() > header_width && cells[header_width..].iter().any(|c| !c.trim().is_empty())
        {
            ragged.push(*line);
        }
        for (i, cell) in cells.iter().enumerate() {
            if cell.matches('\n').count() > 10 || cell.chars().count() > 2_000 {
                parse.warnings.push(format!(
                    "line {line}, column {}: a cell of {} lines; a quote may be missing",
                    column_letter(i),
                    cell.matches('\n').count() + 1
                ));
            }
        }
        match row_from_cells(cells, &fields, *line, organisations) {
            Some(row) => parse.rows.push(row),
            None => parse.skipped.push(SkippedRow {
                line: *line,
                reason: "no name in this row".into(),
            }),
        }
    }
    if !ragged.is_empty() {
        let shown: Vec<String> = ragged.iter().take(5).map(|l| l.to_string()).collect();
        parse.warnings.push(format!(
            "{} row(s) have more cells than the header; the extra cells were not read (line {}{})",
            ragged.len(),
            shown.join(", "),
            if ragged.len() > 5 { ", ..." } else { "" }
        ));
    }
    Ok(parse)
}

/// Finds a column by header text, 1-based number or letter.
fn find_column(spec: &str, headers: &[String], width: usize) -> Option<usize> {
    let key = name_key(spec);
    if let Some(i) = headers.iter().position(|h| name_key(h) == key) {
        return Some(i);
    }
    if let Ok(n) = spec.trim().parse::<usize>() {
        return (1..=width).contains(&n).then(|| n - 1);
    }
    let letters = spec.trim();
    if (1..=2).contains(&letters.len()) && letters.chars().all(|c| c.is_ascii_alphabetic()) {
        let upper = letters.to_ascii_uppercase();
        return (0..width).find(|i| column_letter(*i) == upper);
    }
    None
}

fn describe_columns(headers: &[String], width: usize) -> String {
    (0..width)
        .map(|i| match headers.get(i).filter(|h| !h.trim().is_empty()) {
            Some(h) => format!("{} \"{}\"", column_letter(i), h.trim()),
            None => column_letter(i),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), Some(b','));
        assert_eq!(detect_delimiter("a;b;c\n\"x, y\";2;3\n"), Some(b';'));
        assert_eq!(detect_delimiter("a\tb\n1\t2\n"), Some(b'\t'));
        assert_eq!(detect_delimiter("just words\n"), None);
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn encodings() {
        let (cp949, _, _) = encoding_rs::EUC_KR.encode("단체명,국가\n북한인권시민연합,대한민국\n");
        let d = decode(&cp949);
        assert_eq!(d.encoding, "EUC-KR");
        assert!(d.text.contains("북한인권시민연합"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Name\tCountry\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).encoding, "UTF-16LE");
    }
}
