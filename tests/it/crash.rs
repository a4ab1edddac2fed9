//! The crash harness: a child process writes batches to a real database
//! file and is killed (`SIGKILL`) at random points, again and again. After
//! every kill the database must pass `PRAGMA integrity_check`, open through
//! `Store::open` (the recovery path), and hold every batch either in full or
//! not at all; every batch the child reported as committed must be there
//! (rows lost = 0).
//!
//! The child is this test binary itself, re-run with `--ignored --exact
//! crash::child_writer` and the database in `UNDERSIGNED_CRASH_DB`. Each
//! batch is all or nothing: either an ordinary edit (one transaction: a
//! letter, [`BATCH`] organisations and individuals, their signatures) or an
//! import of a pasted list of [`BATCH`] organisations through
//! `parse_paste`, `preview_import` and `commit_import` (which takes a
//! backup first); every seventh batch also makes a backup, so kills land in
//! backups too. The kill comes at a random delay, either from the
//! spawn (so some land during opening, migration, the daily backup) or from
//! the first committed batch.
//!
//! `cargo test` runs [`DEFAULT_KILLS`] kills; `UNDERSIGNED_CRASH_KILLS=200`
//! (as `bench/resilience-report.sh` does) runs more. `UNDERSIGNED_CRASH_SEED`
//! replays a run. The summary line starts with `crash harness:`.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use rusqlite::Connection;
use undersigned::intake::parse_paste;
use undersigned::model::{
    IndividualInput, LetterInput, NewSignature, OrganisationInput, SignatoryRef,
};
use undersigned::store::BackupReason;
use undersigned::store::ImportDecisions;
use undersigned::{Result, Store};

use crate::resilience::{env_number, seed_from_env, XorShift};

/// Rows of each kind in one batch.
const BATCH: i64 = 12;
/// The letter the imports sign.
const IMPORT_LETTER: &str = "imports under fire";
/// Kills in an ordinary `cargo test` run.
const DEFAULT_KILLS: u64 = 24;

/// Writes batches forever into the database named by
/// `UNDERSIGNED_CRASH_DB`, printing `committed N` after each commit. Run
/// only by the harness.
#[test]
#[ignore = "the crash harness's child process; run by crash::killed_writers_lose_nothing"]
fn child_writer() {
    let Some(db) = std::env::var_os("UNDERSIGNED_CRASH_DB") else {
        return;
    };
    if let Err(e) = write_forever(Path::new(&db)) {
        println!("child error: {e}");
        std::process::exit(3);
    }
}

fn write_forever(db: &Path) -> Result<()> {
    let mut store = Store::open(db)?;
    let mut next = max_batch(db)? + 1;
    let stdout = std::io::stdout();
    let imports = match store
        .list_letters()?
        .into_iter()
        .find(|l| l.title == IMPORT_LETTER)
    {
        Some(letter) => letter.id,
        None => {
            store
                .create_letter(
                    &LetterInput {
                        title: IMPORT_LETTER.into(),
                        ..Default::default()
                    }
                    .check()?,
                )?
                .id
        }
    };
    loop {
        let n = next;
        if n % 2 == 1 {
            // An import of a pasted list, as a user would: parse, preview,
            // commit (which takes its own backup first).
            let text: String = (0..BATCH)
                .map(|i| format!("crash-{n}-{i} Organisation (Republic of Korea)\n"))
                .collect();
            let parsed = parse_paste(&text);
            let preview = store.preview_import(imports, &parsed.rows)?;
            assert_eq!(preview.summary.create, BATCH as usize, "{text}");
            store.commit_import(
                imports,
                &parsed.rows,
                &ImportDecisions::default(),
                &mut |_, _| {},
            )?;
        } else {
            edit_batch(&mut store, n)?;
        }
        {
            let mut out = stdout.lock();
            let _ = writeln!(out, "committed {n}");
            let _ = out.flush();
        }
        if n % 7 == 0 {
            store.backup_now(BackupReason::Manual)?;
        }
        next += 1;
    }
}

/// An ordinary edit: a letter, its organisations and their signatures, in
/// one transaction.
fn edit_batch(store: &mut Store, n: i64) -> Result<()> {
    store.atomically(|store| {
        let letter = store.create_letter(
            &LetterInput {
                title: format!("crash-{n} letter"),
                ..Default::default()
            }
            .check()?,
        )?;
        for i in 0..BATCH {
            let who = if i % 2 == 0 {
                let org = store.add_organisation(
                    &OrganisationInput {
                        name: format!("crash-{n}-{i} organisation"),
                        country: Some("KR".into()),
                        ..Default::default()
                    }
                    .check()?,
                )?;
                SignatoryRef::Organisation(org.id)
            } else {
                let person = store.add_individual(
                    &IndividualInput {
                        name: format!("crash-{n}-{i} person"),
                        ..Default::default()
                    }
                    .check()?,
                )?;
                SignatoryRef::Individual(person.id)
            };
            store.sign(letter.id, &NewSignature::confirmed(who))?;
        }
        Ok(())
    })
}

/// The highest batch number in the database (0 if none).
fn max_batch(db: &Path) -> Result<i64> {
    let conn = Connection::open(db)?;
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE name = 'letters'",
        [],
        |r| r.get(0),
    )?;
    if exists == 0 {
        return Ok(0);
    }
    let mut stmt = conn.prepare(
        "SELECT title FROM letters WHERE title LIKE 'crash-%'
         UNION ALL SELECT name FROM organisations WHERE name LIKE 'crash-%'",
    )?;
    let titles = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut max = 0;
    for title in titles {
        max = max.max(batch_of(&title?).unwrap_or(0));
    }
    Ok(max)
}

fn batch_of(text: &str) -> Option<i64> {
    let rest = text.strip_prefix("crash-")?;
    let end = rest.find(['-', ' '])?;
    rest[..end].parse().ok()
}

/// The batch a `committed N` line reports. libtest prints its own
/// `test crash::child_writer ... ` before the child's first line, without a
/// line break, so the words are looked for anywhere in the line.
fn committed_batch(line: &str) -> Option<i64> {
    let at = line.find("committed ")?;
    line[at + "committed ".len()..].trim().parse().ok()
}

/// A random number below `n` (the seed is printed to replay a run).
fn below(rng: &mut XorShift, n: u64) -> u64 {
    rng.next() % n.max(1)
}

/// What a run of the harness found.
#[derive(Debug, Default)]
pub struct CrashReport {
    pub kills: u64,
    pub survived: u64,
    pub committed_batches: usize,
    pub committed_imports: usize,
    pub rows_checked: i64,
    pub rows_lost: i64,
    pub partial_batches: usize,
}

/// Checks the database after a kill; returns (rows checked, rows lost,
/// partial batches).
fn verify(db: &Path, committed: &BTreeSet<i64>) -> (i64, i64, usize) {
    // 1. SQLite's own verdict, with the crash's log replayed.
    {
        let conn = Connection::open(db).unwrap();
        let check: Vec<String> = conn
            .prepare("PRAGMA integrity_check")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            check,
            vec!["ok".to_string()],
            "integrity_check after a kill"
        );
    }
    // 2. Our recovery path accepts it.
    let store = Store::open(db).unwrap_or_else(|e| panic!("reopening after a kill: {e}"));
    drop(store);
    // 3. Every batch whole or absent; every reported batch present.
    let conn = Connection::open(db).unwrap();
    let mut counts = std::collections::BTreeMap::<i64, (i64, i64, i64)>::new();
    let mut add = |sql: &str, slot: usize| {
        let mut stmt = conn.prepare(sql).unwrap();
        let names = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        for name in names {
            let n = batch_of(&name.unwrap()).unwrap();
            let entry = counts.entry(n).or_default();
            match slot {
                0 => entry.0 += 1,
                1 => entry.1 += 1,
                _ => entry.2 += 1,
            }
        }
    };
    add("SELECT title FROM letters WHERE title LIKE 'crash-%'", 0);
    add(
        "SELECT name FROM organisations WHERE name LIKE 'crash-%'
         UNION ALL SELECT name FROM individuals WHERE name LIKE 'crash-%'",
        1,
    );
    add(
        "SELECT coalesce(o.name, i.name) FROM signatures s
         LEFT JOIN organisations o ON o.id = s.organisation_id
         LEFT JOIN individuals i ON i.id = s.individual_id
         WHERE coalesce(o.name, i.name) LIKE 'crash-%'",
        2,
    );
    // Edits (even batches) add a letter; imports (odd) sign the shared one.
    let whole = |n: i64| (if n % 2 == 0 { 1 } else { 0 }, BATCH, BATCH);
    let mut partial = 0;
    let mut rows = 0;
    for (n, c) in &counts {
        rows += c.0 + c.1 + c.2;
        if *c != whole(*n) {
            eprintln!("batch {n} is partial: {c:?}");
            partial += 1;
        }
    }
    let mut lost = 0;
    for &n in committed {
        let c = counts.get(&n).copied().unwrap_or_default();
        let w = whole(n);
        lost += (w.0 - c.0).max(0) + (w.1 - c.1).max(0) + (w.2 - c.2).max(0);
    }
    (rows, lost, partial)
}

/// Runs the harness: `kills` children killed at random points.
pub fn run_harness(kills: u64, seed: u64) -> CrashReport {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("undersigned.db");
    let mut rng = XorShift(seed.max(1));
    let mut committed = BTreeSet::new();
    let mut report = CrashReport::default();
    for _ in 0..kills {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["crash::child_writer", "--exact", "--ignored", "--nocapture"])
            .args(["--test-threads", "1"])
            .env("UNDERSIGNED_CRASH_DB", &db)
            .env_remove("UNDERSIGNED_DB")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut lines = Vec::new();
        if below(&mut rng, 2) == 0 {
            // Anywhere from the spawn on: opening, migrating, backing up.
            std::thread::sleep(Duration::from_micros(below(&mut rng, 60_000)));
        } else {
            // In the middle of the writing loop.
            while let Ok(line) = rx.recv_timeout(Duration::from_secs(30)) {
                let first = committed_batch(&line).is_some();
                lines.push(line);
                if first {
                    break;
                }
            }
            std::thread::sleep(Duration::from_micros(below(&mut rng, 25_000)));
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        reader.join().unwrap();
        lines.extend(rx.try_iter());
        report.kills += 1;
        for line in &lines {
            if let Some(n) = committed_batch(line) {
                committed.insert(n);
            }
            assert!(!line.contains("child error"), "the child failed: {line}");
        }
        // Exited by itself instead of being killed: something is wrong.
        assert!(!status.success(), "the child stopped by itself: {lines:?}");
        let (rows, lost, partial) = verify(&db, &committed);
        report.rows_checked = rows;
        report.rows_lost += lost;
        report.partial_batches += partial;
        if lost == 0 && partial == 0 {
            report.survived += 1;
        }
    }
    report.committed_batches = committed.len();
    report.committed_imports = committed.iter().filter(|n| *n % 2 == 1).count();
    // No half-written backup survives the next backup.
    let store = Store::open(&db).unwrap();
    store.backup_now(BackupReason::Manual).unwrap();
    let leftovers: Vec<String> = std::fs::read_dir(store.backup_dir().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    report
}

#[test]
fn killed_writers_lose_nothing() {
    let kills = env_number("UNDERSIGNED_CRASH_KILLS").unwrap_or(DEFAULT_KILLS);
    let seed = seed_from_env("UNDERSIGNED_CRASH_SEED");
    let report = run_harness(kills, seed);
    println!(
        "crash harness: kills={} survived={} committed_batches={} committed_imports={} rows_checked={} rows_lost={} partial_batches={} seed={seed}",
        report.kills,
        report.survived,
        report.committed_batches,
        report.committed_imports,
        report.rows_checked,
        report.rows_lost,
        report.partial_batches
    );
    assert_eq!(report.rows_lost, 0, "seed {seed}");
    assert_eq!(report.partial_batches, 0, "seed {seed}");
    assert_eq!(report.survived, kills, "seed {seed}");
    assert!(
        report.committed_batches > 0,
        "the children committed something to lose (seed {seed})"
    );
}
