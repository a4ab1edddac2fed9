//! `undersigned import paste|table`: read a pasted list or a table, show
//! what it would do to a letter, and (without `--dry-run`) commit it in one
//! transaction. Thin glue over `undersigned::intake` and the store's
//! `preview_import` / `commit_import`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use undersigned::intake::table::{decode, parse_map};
use undersigned::intake::{parse_paste, read_table, Outcome, ParsedRow, TableOptions};
use undersigned::model::{Channel, LetterId};
use undersigned::store::{ImportDecisions, ImportPreview, ImportReport, RowAction};
use undersigned::{Error, Result, Store};

use crate::print::Printer;

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Read a pasted list of signatories (a file, or - for standard input).
    Paste {
        /// The text file, or - to read standard input.
        file: PathBuf,
        #[command(flatten)]
        common: ImportArgs,
    },
    /// Read a CSV, TSV or spreadsheet (XLSX, XLS, ODS) of signatories.
    Table {
        file: PathBuf,
        /// Say what a column holds: 'COLUMN=field', COLUMN being its header,
        /// number or letter; fields: name, acronym, country, individual,
        /// title, affiliation, kind, contact, email, phone, website,
        /// timestamp, consent, ignore (repeatable).
        #[arg(long, value_name = "COLUMN=field")]
        map: Vec<String>,
        /// The sheet of a spreadsheet to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        #[command(flatten)]
        common: ImportArgs,
    },
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The letter the signatories signed.
    #[arg(long)]
    pub letter: i64,
    /// Only show what would happen; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print "progress DONE TOTAL" lines on standard error while importing.
    #[arg(long)]
    pub progress: bool,
}

/// Runs an import command.
pub fn run(store: &mut Store, out: &Printer, cmd: ImportCommand) -> Result<()> {
    match cmd {
        ImportCommand::Paste { file, common } => {
            let bytes = read_input(&file)?;
            let decoded = decode(&bytes);
            let parse = parse_paste(&decoded.text);
            let ignored: Vec<Value> = parse
                .lines
                .iter()
                .filter_map(|l| match &l.outcome {
                    Outcome::Signatories { .. } => None,
                    Outcome::Heading { heading } => {
                        Some(json!({ "line": l.line, "heading": heading }))
                    }
                    Outcome::Ignored { reason } => {
                        Some(json!({ "line": l.line, "ignored": reason }))
                    }
                })
                .collect();
            let source = json!({
                "file": file,
                "format": "paste",
                "encoding": decoded.encoding,
                "lines": parse.lines.len(),
                "other_lines": ignored,
            });
            finish(store, out, &common, &parse.rows, source, Channel::Paste)
        }
        ImportCommand::Table {
            file,
            map,
            sheet,
            common,
        } => {
            let options = TableOptions {
                map: map
                    .iter()
                    .map(|m| parse_map(m))
                    .collect::<Result<Vec<_>>>()?,
                sheet,
                ..Default::default()
            };
            let table = read_table(&file, &options)?;
            let source = json!({
                "file": file,
                "format": table.format,
                "encoding": table.encoding,
                "bom": table.bom,
                "delimiter": table.delimiter,
                "sheet": table.sheet,
                "sheets": table.sheets,
                "header_line": table.header_line,
                "columns": table.columns,
                "skipped": table.skipped,
                "warnings": table.warnings,
            });
            if !out.json {
                for w in &table.warnings {
                    eprintln!("undersigned: {}: {w}", file.display());
                }
            }
            finish(store, out, &common, &table.rows, source, Channel::Import)
        }
    }
}

fn read_input(file: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Io {
                path: file.to_path_buf(),
                source: e,
            })?;
    } else {
        bytes = std::fs::read(file).map_err(|e| Error::Io {
            path: file.to_path_buf(),
            source: e,
        })?;
    }
    Ok(bytes)
}

fn finish(
    store: &mut Store,
    out: &Printer,
    common: &ImportArgs,
    rows: &[ParsedRow],
    source: Value,
    channel: Channel,
) -> Result<()> {
    let letter = LetterId(common.letter);
    let preview = store.preview_import(letter, rows)?;
    let report = if common.dry_run {
        None
    } else {
        let decisions = ImportDecisions {
            channel,
            ..Default::default()
        };
        let show = common.progress;
        let mut stderr = std::io::stderr();
        let mut progress = |done: usize, total: usize| {
            if show {
                // A closed stderr must not stop the import.
                let _ = writeln!(stderr, "progress {done} {total}");
            }
        };
        Some(store.commit_import(letter, rows, &decisions, &mut progress)?)
    };
    let value = to_json(rows, &preview, report.as_ref(), source, common.dry_run);
    out.value(&value, || text(rows, &preview, report.as_ref()));
    Ok(())
}

fn to_json(
    rows: &[ParsedRow],
    preview: &ImportPreview,
    report: Option<&ImportReport>,
    source: Value,
    dry_run: bool,
) -> Value {
    let t = &preview.tally;
    json!({
        "letter_id": preview.letter,
        "dry_run": dry_run,
        "source": source,
        "rows": rows.iter().zip(&preview.rows).map(|(r, p)| json!({
            "line": r.line,
            "kind": r.kind,
            "name": r.name,
            "acronym": r.acronym,
            "title": r.title,
            "affiliation": r.affiliation,
            "country": r.country,
            "confidence": r.confidence,
            "reason": r.reason(),
            "match": {
                "action": p.action,
                "suggestions": p.suggestions,
                "flags": p.flags,
            },
        })).collect::<Vec<_>>(),
        "summary": preview.summary,
        "tally": {
            "signatories": t.signatories,
            "organisations": t.organisations,
            "coalitions": t.coalitions,
            "individuals": t.individuals,
            "countries": t.countries,
            "no_country": t.no_country,
            "representing": t.representing,
        },
        "report": report,
    })
}

fn text(rows: &[ParsedRow], preview: &ImportPreview, report: Option<&ImportReport>) -> String {
    let mut s = String::new();
    for (r, p) in rows.iter().zip(&preview.rows) {
        let mut name = r.name.clone();
        if let Some(a) = &r.acronym {
            name.push_str(&format!(" [{a}]"));
        }
        if let Some(t) = &r.title {
            name.push_str(&format!(", {t}"));
        }
        if let Some(a) = &r.affiliation {
            name.push_str(&format!(", {a}"));
        }
        let country = r
            .country
            .map(|c| c.to_string())
            .unwrap_or_else(|| "--".into());
        let action = match &p.action {
            RowAction::Link {
                signatory, name, ..
            } => format!("link {signatory} {name}"),
            RowAction::AlreadySigned {
                signatory, status, ..
            } => format!("already on the letter ({signatory}, {status})"),
            RowAction::Duplicate { of_line, .. } => format!("duplicate of line {of_line}"),
            RowAction::Choose { candidates } => format!(
                "choose: {}",
                candidates
                    .iter()
                    .map(|c| c.signatory.to_string())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            RowAction::Reject { reason } => format!("rejected: {reason}"),
            RowAction::Create => "new".into(),
        };
        s.push_str(&format!(
            "{:>5}  {:<12} {:<2}  {}  [{}]\n",
            r.line,
            r.kind.as_str(),
            country,
            name,
            action
        ));
        for flag in &p.flags {
            s.push_str(&format!("       ! {flag}\n"));
        }
    }
    let m = &preview.summary;
    s.push_str(&format!(
        "\n{} rows: {} new, {} linked to existing records, {} already on the letter, \
         {} duplicates, {} to choose, {} rejected; {} flagged for review\n",
        m.rows, m.create, m.link, m.already_signed, m.duplicates, m.choose, m.rejected, m.flagged
    ));
    s.push_str(&format!(
        "as parsed: {}\n",
        preview.tally.phrase(undersigned::country::Language::En)
    ));
    match report {
        None => s.push_str("dry run: nothing was changed\n"),
        Some(r) => {
            s.push_str(&format!(
                "imported: {} created, {} matched, {} duplicates, {} flagged (recorded as pending), \
                 {} skipped, {} errors\n",
                r.created,
                r.matched,
                r.duplicates,
                r.flagged,
                r.skipped,
                r.errors.len()
            ));
            for e in &r.errors {
                s.push_str(&format!("  line {}: {}\n", e.line, e.message));
            }
        }
    }
    s
}
