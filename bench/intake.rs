//! Intake benchmark (run by hand, never a timed test):
//!
//!     cargo bench --bench intake
//!
//! 1. Parses a 10,000-line paste in the shapes real lists take (headings,
//!    numbered lines, `Org (Country)`, `Org, Country`, individuals, glued
//!    lines): median of 20 runs (target < 50 ms).
//! 2. Builds a database file with 50,000 organisations (names, acronyms,
//!    aliases), writes a 100,000-row CSV form export (half of it naming
//!    existing organisations, some by acronym or with a typo, the rest new),
//!    then times `read_table` + `Store::preview_import` +
//!    `Store::commit_import` (target < 3 s in all). The peak resident memory
//!    is printed after a 10,000-row and a 100,000-row import, so it can be
//!    seen to grow with the rows only.
//!
//! `cargo bench --bench intake -- 10000` imports 10,000 rows instead;
//! `-- --paste-only` stops after the paste.

// A benchmark stops at the first failure: that is what panicking is for here.
#![allow(clippy::panic)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use undersigned::intake::{parse_paste, read_table, TableOptions};
use undersigned::model::{LetterInput, OrganisationInput};
use undersigned::store::ImportDecisions;
use undersigned::{Result, Store};

const COUNTRIES: &[&str] = &[
    "Japan",
    "ROK",
    "USA",
    "Thailand",
    "Germany",
    "Brazil",
    "Bangladesh",
    "Czech Republic",
    "Canada",
    "Indonesia",
    "France",
    "UK",
];
const WORDS: &[&str] = &[
    "Human",
    "Rights",
    "Watch",
    "Solidarity",
    "Justice",
    "Peace",
    "Alliance",
    "Network",
    "Freedom",
    "Refugees",
    "Women",
    "Democracy",
    "Centre",
    "Forum",
    "Citizens",
    "Action",
];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn org_name(i: usize) -> String {
    format!(
        "{} {} {} Association {i}",
        WORDS[i % WORDS.len()],
        WORDS[(i / 16) % WORDS.len()],
        WORDS[(i / 256) % WORDS.len()]
    )
}

fn paste(lines: usize) -> String {
    let mut rng = Lcg(3);
    let mut text = String::new();
    for i in 0..lines {
        let country = COUNTRIES[rng.next() % COUNTRIES.len()];
        let _ = match i % 10 {
            0 => writeln!(text, "{country}:"),
            1 => writeln!(text, "{}. {} ({country})", i, org_name(i)),
            2 => writeln!(text, "{}, {country}", org_name(i)),
            3 => writeln!(text, "• {} - {country}", org_name(i)),
            4 => writeln!(text, "Jane Doe{i}, Director, {} ({country})", org_name(i)),
            5 => writeln!(text, "{} (HRA{i})", org_name(i)),
            6 => writeln!(
                text,
                "{} ({country}) {} (Japan)",
                org_name(i),
                org_name(i + 1)
            ),
            7 => writeln!(text),
            _ => writeln!(text, "{}", org_name(i)),
        };
    }
    text
}

/// CPU time this process has used (user + system), from /proc (Linux): on
/// a shared machine, wall-clock times say more about the neighbours.
fn cpu_time() -> Duration {
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1.to_string();
            let fields: Vec<u64> = after
                .split_whitespace()
                .skip(11)
                .take(2)
                .filter_map(|f| f.parse().ok())
                .collect();
            Some(fields.iter().sum::<u64>())
        })
        .unwrap_or(0);
    // Linux reports clock ticks of 1/100 s.
    Duration::from_millis(ticks * 10)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Peak resident memory of this process so far, from /proc (Linux).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn build(store: &mut Store, organisations: usize) -> Result<()> {
    store.atomically(|store| {
        for i in 0..organisations {
            store.add_organisation(
                &OrganisationInput {
                    name: org_name(i),
                    acronym: Some(format!("HRA{i}")),
                    aliases: vec![format!("Association {i} for Rights")],
                    country: Some(COUNTRIES[i % COUNTRIES.len()].into()),
                    ..Default::default()
                }
                .check()?,
            )?;
        }
        Ok(())
    })
}

fn write_csv(path: &Path, rows: usize, existing: usize) {
    let mut rng = Lcg(11);
    let mut text = String::from(
        "Timestamp,Organisation name,Country,Email address,I agree that our name appears on the letter\n",
    );
    for i in 0..rows {
        let n = rng.next();
        let (name, country) = match i % 10 {
            // Existing organisations, by name or by acronym, in their country.
            0..=3 => (org_name(n % existing), (n % existing) % COUNTRIES.len()),
            4 => (
                format!("HRA{}", n % existing),
                (n % existing) % COUNTRIES.len(),
            ),
            // A typo of an existing name: a near match to suggest.
            5 => (
                org_name(n % existing).replacen("Association", "Asociation", 1),
                n % COUNTRIES.len(),
            ),
            // New organisations.
            _ => (
                format!("New Group {i} for {}", WORDS[n % WORDS.len()]),
                n % COUNTRIES.len(),
            ),
        };
        let _ = writeln!(
            text,
            "2019-12-10 09:{:02}:00,\"{name}\",{},contact{i}@example.org,Yes",
            i % 60,
            COUNTRIES[country]
        );
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("writing the CSV: {e}"));
}

fn import(dir: &Path, rows: usize, existing: usize) -> Result<()> {
    let db = dir.join(format!("bench-{rows}.db"));
    let _ = std::fs::remove_file(&db);
    let mut store = Store::open(&db)?;
    let t = Instant::now();
    build(&mut store, existing)?;
    println!(
        "  built {existing} organisations in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let letter = store
        .create_letter(
            &LetterInput {
                title: "Benchmark letter".into(),
                ..Default::default()
            }
            .check()?,
        )?
        .id;
    let csv = dir.join(format!("bench-{rows}.csv"));
    write_csv(&csv, rows, existing);
    let rss_before = peak_rss_mb();

    let cpu = cpu_time();
    let t0 = Instant::now();
    let table = read_table(&csv, &TableOptions::default())?;
    let t1 = Instant::now();
    let c1 = cpu_time();
    let preview = store.preview_import(letter, &table.rows)?;
    let t2 = Instant::now();
    let c2 = cpu_time();
    let report = store.commit_import(
        letter,
        &table.rows,
        &ImportDecisions::default(),
        &mut |_, _| {},
    )?;
    let t3 = Instant::now();
    let c3 = cpu_time();
    println!(
        "  CPU: read {:.2} s, preview {:.2} s, commit {:.2} s",
        (c1 - cpu).as_secs_f64(),
        (c2 - c1).as_secs_f64(),
        (c3 - c2).as_secs_f64()
    );
    let cpu = c3 - cpu;
    println!(
        "  {rows} rows: read {:.0} ms, preview {:.0} ms, commit (incl. backup) {:.0} ms, total {:.2} s wall, {:.2} s CPU",
        (t1 - t0).as_secs_f64() * 1e3,
        (t2 - t1).as_secs_f64() * 1e3,
        (t3 - t2).as_secs_f64() * 1e3,
        (t3 - t0).as_secs_f64(),
        cpu.as_secs_f64()
    );
    let s = &preview.summary;
    println!(
        "  preview: {} new, {} linked, {} duplicates, {} flagged (near matches); committed {} created, {} matched",
        s.create, s.link, s.duplicates, s.flagged, report.created, report.matched
    );
    println!(
        "  peak RSS {:.0} MB before reading the file, {:.0} MB after the import",
        rss_before,
        peak_rss_mb()
    );
    Ok(())
}

fn main() -> Result<()> {
    let text = paste(10_000);
    let mut samples = Vec::new();
    let mut rows = 0;
    let cpu = cpu_time();
    for _ in 0..20 {
        let t = Instant::now();
        let parse = parse_paste(&text);
        samples.push(t.elapsed());
        rows = parse.rows.len();
    }
    let cpu = (cpu_time() - cpu) / 20;
    println!(
        "paste: 10,000 lines -> {rows} rows, median {:.1} ms wall, {:.1} ms CPU per parse (target < 50 ms)",
        median(samples).as_secs_f64() * 1e3,
        cpu.as_secs_f64() * 1e3
    );

    if std::env::args().any(|a| a == "--paste-only") {
        return Ok(());
    }
    let dir = tempfile::tempdir().map_err(|e| undersigned::Error::Io {
        path: std::env::temp_dir(),
        source: e,
    })?;
    let rows: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    println!("import: {rows} CSV rows against 50,000 organisations (target < 3 s)");
    import(dir.path(), rows, 50_000)?;
    Ok(())
}
