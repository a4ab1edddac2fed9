//! `undersigned export`: the signed letter as a PDF and the signatory list
//! as CSV, XLSX, text, Markdown or a press-release draft. Thin glue over
//! `undersigned::export`: parse options, make one library call, write the
//! file (only the path given, or a sanitised default name in the current
//! folder that must not exist yet).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use undersigned::export::pdf::{render_letter, Letterhead, Paper, PdfOptions};
use undersigned::export::{self, default_file_name, ExportKind};
use undersigned::model::LetterId;
use undersigned::{Error, Result, Store};

use crate::print::Printer;

/// What to export.
#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// The signed letter as a PDF.
    Pdf(PdfArgs),
    /// The signatory list as CSV.
    Csv(Output),
    /// The signatory list as an Excel workbook.
    Xlsx(Output),
    /// The signatory list as plain text, one line per signatory.
    Text(Output),
    /// The signatory list as Markdown.
    Markdown(Output),
    /// A press-release draft with the figures and media contacts.
    Press(Output),
}

/// The letter and where the file goes.
#[derive(Args, Debug)]
pub struct Output {
    /// The letter's id.
    pub letter: i64,
    /// The file to write ("-" for standard output). Default: a name made
    /// from the letter's title, in the current folder.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct PdfArgs {
    #[command(flatten)]
    pub output: Output,
    /// a4 or letter.
    #[arg(long, default_value = "a4")]
    pub paper: String,
    /// Columns of the signatory list: 1 or 2.
    #[arg(long, default_value_t = 2)]
    pub columns: u8,
    /// Organisation name printed as the letterhead.
    #[arg(long, value_name = "NAME")]
    pub letterhead: Option<String>,
    /// PNG or JPEG logo for the letterhead.
    #[arg(long, value_name = "FILE")]
    pub logo: Option<PathBuf>,
}

/// Runs an export command.
pub fn run(store: &Store, out: &Printer, cmd: ExportCommand) -> Result<()> {
    let (kind, output, bytes) = match cmd {
        ExportCommand::Pdf(a) => {
            let letterhead = match (a.letterhead, a.logo) {
                (None, None) => None,
                (name, logo) => Some(Letterhead {
                    organisation: name.unwrap_or_default(),
                    logo,
                }),
            };
            let options = PdfOptions {
                paper: Paper::parse(&a.paper)?,
                columns: a.columns,
                letterhead,
            };
            let bytes = render_letter(store, LetterId(a.output.letter), &options)?;
            (ExportKind::Pdf, a.output, bytes)
        }
        ExportCommand::Csv(o) => {
            let b = export::signatories_csv(store, LetterId(o.letter))?;
            (ExportKind::Csv, o, b)
        }
        ExportCommand::Xlsx(o) => {
            let b = export::signatories_xlsx(store, LetterId(o.letter))?;
            (ExportKind::Xlsx, o, b)
        }
        ExportCommand::Text(o) => {
            let b = export::signatories_text(store, LetterId(o.letter))?.into_bytes();
            (ExportKind::Text, o, b)
        }
        ExportCommand::Markdown(o) => {
            let b = export::signatories_markdown(store, LetterId(o.letter))?.into_bytes();
            (ExportKind::Markdown, o, b)
        }
        ExportCommand::Press(o) => {
            let b = export::press_release(store, LetterId(o.letter))?.into_bytes();
            (ExportKind::Press, o, b)
        }
    };
    let path = match output.output {
        Some(p) if p.as_os_str() == "-" => {
            let mut stdout = std::io::stdout().lock();
            return stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| Error::Io {
                    path: PathBuf::from("standard output"),
                    source: e,
                });
        }
        Some(p) => p,
        None => {
            let letter = store.letter(LetterId(output.letter))?;
            let p = PathBuf::from(default_file_name(&letter, kind));
            if p.exists() {
                return Err(Error::Conflict(format!(
                    "{}: a file is already there; choose a name with -o",
                    p.display()
                )));
            }
            p
        }
    };
    export::write_file(&path, &bytes)?;
    out.value(
        &json!({ "path": path, "bytes": bytes.len(), "kind": kind }),
        || format!("wrote {} ({} bytes)", path.display(), bytes.len()),
    );
    Ok(())
}
