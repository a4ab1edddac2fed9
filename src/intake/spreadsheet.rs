//! Spreadsheets (XLSX, XLS, ODS) are read in a child process.
//!
//! calamine 0.38 aborts the whole process on a 1.8 KB crafted XLSX that
//! declares a huge shared-strings count (tafia/calamine#684: a 24 TB
//! allocation). An abort cannot be caught, so the reading happens in a
//! separate process: the same executable started again with a hidden
//! argument. That child lowers its own limits first (address space, CPU
//! time, no files written, no core dump), reads the sheet and writes it to
//! its standard output as JSON. If it dies, the parent reports a clear
//! error and lives on; nothing has been stored.
//!
//! Every binary that may read spreadsheets (the CLI, the desktop app) calls
//! [`run_child_if_requested`] first thing in `main`.

use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::table::TableOptions;
use crate::error::{Error, Result};

/// The hidden first argument that makes a binary a spreadsheet reader.
pub const CHILD_ARG: &str = "__undersigned-read-spreadsheet";

/// The child's address-space limit.
const MEMORY_LIMIT: u64 = 3 * 1024 * 1024 * 1024;
/// The child's CPU-time limit, in seconds.
const CPU_SECONDS: u64 = 120;
/// The most text the child sends back.
const MAX_OUTPUT: u64 = 512 * 1024 * 1024;

/// One sheet as the child read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetData {
    /// Every sheet of the workbook, in order.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    /// Its rows from row 1, cells as text ("" for empty cells).
    pub rows: Vec<Vec<String>>,
    pub warnings: Vec<String>,
}

/// What the child answers.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
enum Reply {
    Sheet(SheetData),
    Failed { message: String },
}

/// If this process was started as a spreadsheet reader, reads the
/// spreadsheet, writes the answer to standard output and exits; otherwise
/// returns at once. Call it first thing in `main`.
pub fn run_child_if_requested() {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(OsStr::new(CHILD_ARG)) {
        return;
    }
    limit_resources();
    let reply = match args.next() {
        Some(path) => {
            let sheet = args.next().map(|s| s.to_string_lossy().into_owned());
            match read_workbook(Path::new(&path), sheet.as_deref()) {
                Ok(data) => Reply::Sheet(data),
                Err(message) => Reply::Failed { message },
            }
        }
        None => Reply::Failed {
            message: "no file given to the spreadsheet reader".into(),
        },
    };
    let ok = matches!(reply, Reply::Sheet(_));
    let stdout = std::io::stdout();
    let written = serde_json::to_writer(stdout.lock(), &reply).is_ok();
    std::process::exit(if ok && written { 0 } else { 3 });
}

#[cfg(unix)]
fn limit_resources() {
    use rlimit::Resource;
    // Each is best effort: a limit the system refuses leaves the others.
    let _ = Resource::AS.set(MEMORY_LIMIT, MEMORY_LIMIT);
    let _ = Resource::CPU.set(CPU_SECONDS, CPU_SECONDS);
    let _ = Resource::FSIZE.set(0, 0);
    let _ = Resource::CORE.set(0, 0);
}

#[cfg(not(unix))]
fn limit_resources() {}

/// Reads one sheet with calamine (in the child).
fn read_workbook(path: &Path, sheet: Option<&str>) -> std::result::Result<SheetData, String> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut workbook =
        open_workbook_auto(path).map_err(|e| format!("not a readable spreadsheet ({e})"))?;
    let sheets = workbook.sheet_names();
    if sheets.is_empty() {
        return Err("the workbook has no sheets".into());
    }
    let name = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "no sheet \"{wanted}\"; the sheets are {}",
                    sheets
                        .iter()
                        .map(|s| format!("\"{s}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?,
        None => sheets[0].clone(),
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("sheet \"{name}\" cannot be read ({e})"))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); first_row as usize];
    let mut warnings = Vec::new();
    let mut total: u64 = 0;
    for (r, row) in range.rows().enumerate() {
        let mut cells = vec![String::new(); first_col as usize];
        for (c, cell) in row.iter().enumerate() {
            let text = match cell {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                Data::Float(f) => f.to_string(),
                Data::Int(i) => i.to_string(),
                Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
                Data::DateTime(d) => match d.as_datetime() {
                    Some(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
                    None => d.as_f64().to_string(),
                },
                Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Error(e) => {
                    warnings.push(format!(
                        "row {}, column {}: the cell holds a formula error ({e:?})",
                        first_row as usize + r + 1,
                        super::table::column_letter(first_col as usize + c)
                    ));
                    String::new()
                }
            };
            total += text.len() as u64;
            cells.push(text);
        }
        if total > MAX_OUTPUT / 2 {
            return Err("the sheet holds more text than a list of signatories could".into());
        }
        rows.push(cells);
    }
    Ok(SheetData {
        sheets,
        sheet: name,
        rows,
        warnings,
    })
}

/// Reads a spreadsheet in a child process (the parent side).
pub(crate) fn read_in_child(path: &Path, options: &TableOptions) -> Result<SheetData> {
    let exe = match &options.reader {
        Some(exe) => exe.clone(),
        None => std::env::current_exe().map_err(|e| Error::Spreadsheet {
            path: path.to_path_buf(),
            message: format!("cannot start the spreadsheet reader ({e})"),
        })?,
    };
    let mut command = Command::new(&exe);
    command
        .arg(CHILD_ARG)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("RUST_BACKTRACE", "0");
    if let Some(sheet) = &options.sheet {
        command.arg(sheet);
    }
    let mut child = command.spawn().map_err(|e| Error::Spreadsheet {
        path: path.to_path_buf(),
        message: format!(
            "cannot start the spreadsheet reader {} ({e})",
            exe.display()
        ),
    })?;
    let mut out = Vec::new();
    let mut stdout = child.stdout.take();
    let read = match stdout.as_mut() {
        Some(s) => s.take(MAX_OUTPUT).read_to_end(&mut out),
        None => Ok(0),
    };
    drop(stdout);
    if out.len() as u64 >= MAX_OUTPUT {
        let _ = child.kill();
    }
    let mut err = Vec::new();
    if let Some(s) = child.stderr.as_mut() {
        let _ = s.take(64 * 1024).read_to_end(&mut err);
    }
    let status = child.wait().map_err(|e| Error::Spreadsheet {
        path: path.to_path_buf(),
        message: format!("the spreadsheet reader could not be waited for ({e})"),
    })?;
    let crashed = || Error::Spreadsheet {
        path: path.to_path_buf(),
        message: format!(
            "the spreadsheet reader stopped ({}) before finishing: the file may be damaged, \
             too large, or built to crash spreadsheet readers. Nothing was imported; \
             try saving it again as XLSX or CSV",
            describe_exit(&status)
        ),
    };
    if read.is_err() {
        return Err(crashed());
    }
    match serde_json::from_slice::<Reply>(&out) {
        Ok(Reply::Sheet(data)) if status.success() => Ok(data),
        Ok(Reply::Failed { message }) => Err(Error::Spreadsheet {
            path: path.to_path_buf(),
            message,
        }),
        _ => Err(crashed()),
    }
}

fn describe_exit(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return match signal {
                6 => "it aborted, usually because it ran out of memory".into(),
                9 => "it was killed".into(),
                24 => "it used too much processor time".into(),
                11 => "it crashed".into(),
                n => format!("signal {n}"),
            };
        }
    }
    match status.code() {
        Some(code) => format!("exit status {code}"),
        None => "no exit status".into(),
    }
}
