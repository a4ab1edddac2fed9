//! Core benchmark (run by hand, never a timed test):
//!
//!     cargo bench --bench core
//!
//! Builds a real database file with 50,000 organisations, 1,000 letters and
//! 100,000 signatures, one letter carrying 10,000 of them, then measures
//! (medians over many runs, fresh statements each run):
//! - `Store::tally` + both phrases for the 10,000-signature letter (target < 10 ms);
//! - `Store::lookup_organisation` by alias among 50,000 organisations (target < 1 ms);
//! - `Store::list_letters` with live figures for all 1,000 letters.

// A benchmark stops at the first failure: that is what panicking is for here.
#![allow(clippy::panic)]

use std::time::{Duration, Instant};

use undersigned::country::Language;
use undersigned::model::{
    LetterId, LetterInput, NewSignature, OrganisationId, OrganisationInput, SignatoryRef,
};
use undersigned::{Result, Store};

const ORGANISATIONS: usize = 50_000;
const LETTERS: usize = 1_000;
const SIGNATURES: usize = 100_000;
const BIG_LETTER: usize = 10_000;
const COUNTRIES: &[&str] = &[
    "KR", "US", "JP", "GB", "DE", "FR", "BR", "TH", "ID", "BD", "CZ", "CA",
];

/// A small deterministic generator, so every run builds the same database.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn build(store: &mut Store) -> Result<(LetterId, Vec<OrganisationId>)> {
    store.atomically(|store| {
        let mut orgs = Vec::with_capacity(ORGANISATIONS);
        for i in 0..ORGANISATIONS {
            let country = if i % 7 == 0 {
                None
            } else {
                Some(COUNTRIES[i % COUNTRIES.len()].to_string())
            };
            let org = store.add_organisation(
                &OrganisationInput {
                    name: format!("Organisation number {i} for human rights"),
                    acronym: Some(format!("ONHR{i}")),
                    aliases: vec![format!("Alias {i} Network"), format!("단체 {i}")],
                    country,
                    kind: Some(if i % 50 == 0 { "coalition" } else { "ngo" }.into()),
                    ..Default::default()
                }
                .check()?,
            )?;
            orgs.push(org.id);
        }
        let mut letters = Vec::with_capacity(LETTERS);
        for i in 0..LETTERS {
            let letter = store.create_letter(
                &LetterInput {
                    title: format!("Letter {i}"),
                    date: Some("2024-05-01".into()),
                    ..Default::default()
                }
                .check()?,
            )?;
            letters.push(letter.id);
        }
        let big = letters[0];
        for org in orgs.iter().take(BIG_LETTER) {
            store.sign(
                big,
                &NewSignature::confirmed(SignatoryRef::Organisation(*org)),
            )?;
        }
        // Members for the signing coalitions, so "representing" has work to do.
        for (i, org) in orgs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 50 == 0)
            .take(100)
        {
            for m in 1..=20 {
                let member = orgs[(BIG_LETTER + i * 20 + m) % ORGANISATIONS];
                store.add_member(*org, SignatoryRef::Organisation(member), None, None, None)?;
            }
        }
        let mut rng = Lcg(7);
        let per_letter = (SIGNATURES - BIG_LETTER) / (LETTERS - 1);
        for letter in &letters[1..] {
            for _ in 0..per_letter {
                let org = orgs[(rng.next() as usize) % ORGANISATIONS];
                store.sign(
                    *letter,
                    &NewSignature::confirmed(SignatoryRef::Organisation(org)),
                )?;
            }
        }
        Ok((big, orgs))
    })
}

/// CPU time this thread has used (Linux: utime + stime from
/// /proc/thread-self/stat, in clock ticks of 10 ms), so a busy machine's
/// waiting does not count. `None` elsewhere.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn measure(runs: usize, mut f: impl FnMut(usize)) -> (Duration, Duration) {
    let mut samples = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        f(i);
        samples.push(t.elapsed());
    }
    let min = *samples.iter().min().unwrap_or(&Duration::ZERO);
    (median(samples), min)
}

fn main() -> Result<()> {
    // BENCH_KEEP_DB=PATH keeps (and reuses) the database between runs.
    let kept = std::env::var_os("BENCH_KEEP_DB").map(std::path::PathBuf::from);
    let dir = std::env::temp_dir().join(format!("undersigned-bench-{}", std::process::id()));
    let path = kept.clone().unwrap_or_else(|| dir.join("bench.db"));
    let reuse = kept.is_some() && path.exists();
    let mut store = Store::open(&path)?;
    let (big, orgs) = if reuse {
        let orgs = (1..=ORGANISATIONS as i64).map(OrganisationId).collect();
        (LetterId(1), orgs)
    } else {
        let t = Instant::now();
        let built = build(&mut store)?;
        println!(
            "built {} organisations, {} letters, {} signatures in {:.1} s ({})",
            ORGANISATIONS,
            LETTERS,
            SIGNATURES,
            t.elapsed().as_secs_f64(),
            path.display()
        );
        built
    };
    drop(store);
    let store = Store::open(&path)?;

    let mut phrase_len = 0;
    const TALLY_RUNS: u32 = 200;
    let cpu_before = thread_cpu();
    let (tally_median, tally_min) = measure(TALLY_RUNS as usize, |_| {
        let tally = store.tally(big).unwrap_or_else(|e| panic!("tally: {e}"));
        phrase_len += tally.phrase(Language::En).len() + tally.phrase(Language::Ko).len();
        phrase_len += tally
            .representing_phrase(Language::En)
            .map_or(0, |p| p.len());
    });
    let cpu = match (cpu_before, thread_cpu()) {
        (Some(a), Some(b)) => format!(
            "{:.2} ms",
            (b - a).as_secs_f64() * 1e3 / f64::from(TALLY_RUNS)
        ),
        _ => "n/a".into(),
    };
    let tally = store.tally(big)?;
    println!(
        "tally + phrases, letter of {} signatures: median {:.2} ms, min {:.2} ms, CPU per run {cpu}  ({}; {})",
        tally.signatories,
        tally_median.as_secs_f64() * 1e3,
        tally_min.as_secs_f64() * 1e3,
        tally.phrase(Language::En),
        tally.representing_phrase(Language::En).unwrap_or_default()
    );

    let mut rng = Lcg(42);
    let mut found = 0;
    let (lookup_median, lookup_min) = measure(10_000, |_| {
        let i = (rng.next() as usize) % ORGANISATIONS;
        let alias = if i % 2 == 0 {
            format!("alias {i} network")
        } else {
            format!("단체 {i}")
        };
        let matches = store
            .lookup_organisation(&alias)
            .unwrap_or_else(|e| panic!("lookup: {e}"));
        if matches.first().map(|m| m.organisation.id) == Some(orgs[i]) {
            found += 1;
        }
    });
    println!(
        "lookup by alias among {} organisations: median {:.3} ms, min {:.3} ms ({found}/10000 found)",
        ORGANISATIONS,
        lookup_median.as_secs_f64() * 1e3,
        lookup_min.as_secs_f64() * 1e3
    );

    let (orgs_median, _) = measure(5, |_| {
        store
            .list_organisations(&undersigned::store::OrganisationFilter::default())
            .unwrap_or_else(|e| panic!("organisations: {e}"));
    });
    println!(
        "list of all {} organisations with aliases and tags: median {:.1} ms",
        ORGANISATIONS,
        orgs_median.as_secs_f64() * 1e3
    );

    let (list_median, _) = measure(10, |_| {
        store.list_letters().unwrap_or_else(|e| panic!("list: {e}"));
    });
    println!(
        "list of {} letters with live figures: median {:.1} ms",
        LETTERS,
        list_median.as_secs_f64() * 1e3
    );
    drop(store);
    if kept.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}
