//! Intake: pasted lists, tables in every encoding, spreadsheets read in a
//! child process, matching, previews and all-or-nothing commits. The
//! fixtures are under `tests/fixtures/intake/`; each test states the rows a
//! careful human reads there.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use pretty_assertions::assert_eq;
use serde_json::Value;

use undersigned::country::CountryCode;
use undersigned::demo;
use undersigned::intake::{parse_paste, Confidence, Outcome, ParsedRow, RowKind};
use undersigned::model::{OrganisationInput, SignatoryRef, SignatureStatus};
use undersigned::store::{ImportDecisions, RowAction, RowDecision};

use crate::fixture::Db;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/intake")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_undersigned"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("UNDERSIGNED_DB")
        .output()
        .unwrap()
}

fn json_of(o: &Output) -> Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// (kind, name, acronym, title, affiliation, country) of each row.
type Shape = (
    RowKind,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<CountryCode>,
);

fn shape(rows: &[ParsedRow]) -> Vec<Shape> {
    rows.iter()
        .map(|r| {
            (
                r.kind,
                r.name.clone(),
                r.acronym.clone(),
                r.title.clone(),
                r.affiliation.clone(),
                r.country,
            )
        })
        .collect()
}

#[test]
fn the_seed_list_reads_as_the_sample_letter_records_it() {
    let parse = parse_paste(&read("seed-list.txt"));
    // The careful human's reading is the sample letter in `demo`; acronyms
    // the list itself does not give (HRW, CSW) are not expected from it.
    let given_acronyms = ["FIDH", "COMJAN", "LiNK", "PSALT NK", "SARAM"];
    let mut expected: Vec<Shape> = demo::ORGANISATIONS
        .iter()
        .map(|(name, acronym, _, country)| {
            (
                RowKind::Organisation,
                name.to_string(),
                acronym
                    .filter(|a| given_acronyms.contains(a))
                    .map(str::to_string),
                None,
                None,
                country.and_then(|c| undersigned::country::parse_country_field("c", c).unwrap()),
            )
        })
        .chain(
            demo::INDIVIDUALS
                .iter()
                .map(|(name, title, affiliation, country)| {
                    (
                        RowKind::Individual,
                        name.to_string(),
                        None,
                        title.map(str::to_string),
                        affiliation.map(str::to_string),
                        country.and_then(|c| {
                            undersigned::country::parse_country_field("c", c).unwrap()
                        }),
                    )
                }),
        )
        .collect();
    let mut got = shape(&parse.rows);
    expected.sort_by(|a, b| a.1.cmp(&b.1));
    got.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(got, expected);
    assert_eq!(parse.rows.len(), 47);
    assert_eq!(
        parse
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Individual)
            .count(),
        6
    );

    // Every line is accounted for.
    let lines = read("seed-list.txt").lines().count();
    assert_eq!(parse.lines.len(), lines);
    assert!(matches!(parse.lines[0].outcome, Outcome::Heading { .. }));
    // The glued lines are split and say so.
    let line15: Vec<&ParsedRow> = parse.rows.iter().filter(|r| r.line == 15).collect();
    assert_eq!(line15.len(), 2);
    assert!(line15.iter().all(|r| r.confidence == Confidence::Medium));
    let jubilee = parse
        .rows
        .iter()
        .find(|r| r.name == "Jubilee Campaign")
        .unwrap();
    assert_eq!(jubilee.reasons, vec!["may be two organisations"]);
}

#[test]
fn the_whole_press_release_pasted_still_gives_the_list() {
    let page = std::fs::read_to_string(fixture("seed-page.txt")).unwrap();
    let parse = parse_paste(&page);
    assert_eq!(parse.rows.len(), 47);
    let prose = parse
        .lines
        .iter()
        .filter(|l| matches!(&l.outcome, Outcome::Ignored { reason } if reason.starts_with("before the list")))
        .count();
    assert!(prose > 20, "{prose}");
    // The media contacts' emails are never signatories, and never echoed in a reason.
    for l in &parse.lines {
        if let Outcome::Ignored { reason } = &l.outcome {
            assert!(!reason.contains('@'), "{reason}");
        }
    }
}

#[test]
fn every_format_and_trap_in_the_fixture() {
    let parse = parse_paste(&read("formats-and-traps.txt"));
    let expected: Vec<Shape> =
        serde_json::from_str::<Vec<Value>>(&read("formats-and-traps.expected.json"))
            .unwrap()
            .into_iter()
            .map(|v| {
                let s = |k: &str| v[k].as_str().map(str::to_string);
                (
                    if v["kind"] == "individual" {
                        RowKind::Individual
                    } else {
                        RowKind::Organisation
                    },
                    s("name").unwrap(),
                    s("acronym"),
                    s("title"),
                    s("affiliation"),
                    s("country").and_then(|c| CountryCode::new(&c)),
                )
            })
            .collect();
    assert_eq!(shape(&parse.rows), expected);
    let korea = parse
        .rows
        .iter()
        .find(|r| r.name == "Citizens' Alliance for North Korean Human Rights")
        .unwrap();
    assert_eq!(korea.confidence, Confidence::Low);
    assert!(
        korea.reasons[0].contains("'Korea' is ambiguous"),
        "{:?}",
        korea.reasons
    );
    // Nothing silently dropped.
    assert_eq!(
        parse.lines.len(),
        read("formats-and-traps.txt").lines().count()
    );
    for l in &parse.lines {
        if let Outcome::Signatories { rows } = &l.outcome {
            assert!(!rows.is_empty());
        }
    }
}

#[test]
fn preview_links_exact_matches_and_only_suggests_near_ones() {
    let mut db = Db::new();
    let letter = db.letter("Open letter");
    let hrw = db
        .store
        .add_organisation(
            &OrganisationInput {
                name: "Human Rights Watch".into(),
                acronym: Some("HRW".into()),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .unwrap();
    let wiesenthal = db.org("The Simon Wiesenthal Center", Some("USA"));
    let signed = db.org("Odhikar", Some("Bangladesh"));
    db.sign(letter, signed, SignatureStatus::Withdrawn);
    let paste = parse_paste(
        "HRW\nSimon Wiesenthal Centre (USA)\nOdhikar (Bangladesh)\nBurma Partnership (Thailand)\nBurma Partnership, Thailand\nNew Group (Korea)\n",
    );
    let before = db.store.signatures(letter).unwrap();
    let preview = db.store.preview_import(letter, &paste.rows).unwrap();
    let actions: Vec<&str> = preview.rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "link",
            "create",
            "already_signed",
            "create",
            "duplicate",
            "create"
        ]
    );
    assert!(
        matches!(&preview.rows[0].action, RowAction::Link { signatory, matched_on, .. }
        if *signatory == SignatoryRef::Organisation(hrw.id) && matched_on == "acronym")
    );
    assert_eq!(preview.rows[1].suggestions.len(), 1);
    assert_eq!(
        SignatoryRef::Organisation(preview.rows[1].suggestions[0].organisation),
        wiesenthal
    );
    assert!(preview.rows[1].review);
    assert!(preview.rows[5].review, "ambiguous country needs review");
    assert_eq!(preview.summary.duplicates, 1);
    assert_eq!(preview.summary.flagged, 2);
    // A preview changes nothing.
    assert_eq!(db.store.signatures(letter).unwrap(), before);

    // Commit: the withdrawn signature stays withdrawn; flagged rows are pending.
    let mut calls = Vec::new();
    let report = db
        .store
        .commit_import(
            letter,
            &paste.rows,
            &ImportDecisions::default(),
            &mut |d, t| calls.push((d, t)),
        )
        .unwrap();
    assert_eq!(
        (
            report.created,
            report.matched,
            report.duplicates,
            report.flagged
        ),
        (3, 1, 2, 2)
    );
    assert_eq!(calls.first(), Some(&(0, 6)));
    assert_eq!(calls.last(), Some(&(6, 6)));
    let rows = db.store.signatures(letter).unwrap();
    let status = |name: &str| {
        rows.iter()
            .find(|r| r.name == name)
            .unwrap()
            .signature
            .status
    };
    assert_eq!(status("Odhikar"), SignatureStatus::Withdrawn);
    assert_eq!(status("Human Rights Watch"), SignatureStatus::Confirmed);
    assert_eq!(status("Simon Wiesenthal Centre"), SignatureStatus::Pending);
    assert_eq!(status("New Group"), SignatureStatus::Pending);
    assert_eq!(status("Burma Partnership"), SignatureStatus::Confirmed);
}

#[test]
fn decisions_link_a_suggestion_instead_of_creating() {
    let mut db = Db::new();
    let letter = db.letter("Open letter");
    let wiesenthal = db.org("The Simon Wiesenthal Center", Some("USA"));
    let paste = parse_paste("Simon Wiesenthal Centre (USA)\n");
    let mut decisions = ImportDecisions::default();
    decisions.rows.insert(
        0,
        RowDecision::Link {
            signatory: wiesenthal,
        },
    );
    let report = db
        .store
        .commit_import(letter, &paste.rows, &decisions, &mut |_, _| {})
        .unwrap();
    assert_eq!((report.created, report.matched), (0, 1));
    let rows = db.store.signatures(letter).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "The Simon Wiesenthal Center");
    assert_eq!(
        db.store
            .list_organisations(&Default::default())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn cli_import_paste_previews_then_commits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let letter = String::from_utf8(cli(&db, &["letter", "new", "Open letter"]).stdout).unwrap();
    let letter = letter.trim();
    let seed = fixture("seed-list.txt");
    let seed = seed.to_str().unwrap();
    let dry = json_of(&cli(
        &db,
        &[
            "import",
            "paste",
            seed,
            "--letter",
            letter,
            "--dry-run",
            "--json",
        ],
    ));
    assert_eq!(dry["tally"]["signatories"], 47);
    assert_eq!(dry["tally"]["individuals"], 6);
    assert_eq!(dry["tally"]["countries"], 11);
    assert_eq!(dry["tally"]["no_country"], 15);
    assert_eq!(dry["tally"]["organisations"], 41);
    let link = dry["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Liberty in North Korea")
        .unwrap();
    assert_eq!(link["acronym"], "LiNK");
    assert_eq!(link["country"], "US");
    assert_eq!(link["kind"], "organisation");
    assert_eq!(link["confidence"], "high");
    assert_eq!(link["match"]["action"]["action"], "create");
    let tally = json_of(&cli(&db, &["tally", letter, "--json"]));
    assert_eq!(tally["signatories"], 0, "a dry run changes nothing");

    let done = json_of(&cli(
        &db,
        &["import", "paste", seed, "--letter", letter, "--json"],
    ));
    assert_eq!(done["report"]["created"], 47);
    let tally = json_of(&cli(&db, &["tally", letter, "--json"]));
    // Every seed row is certain or only "probably" right: all confirmed.
    assert_eq!(tally["signatories"], 47);
    assert_eq!(tally["countries"], 11);

    // The same list again finds everyone already on the letter.
    let again = json_of(&cli(
        &db,
        &[
            "import",
            "paste",
            seed,
            "--letter",
            letter,
            "--dry-run",
            "--json",
        ],
    ));
    assert_eq!(again["summary"]["already_signed"], 47);
}

#[test]
fn cli_import_paste_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let letter = String::from_utf8(cli(&db, &["letter", "new", "Open letter"]).stdout).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_undersigned"))
        .arg("--db")
        .arg(&db)
        .args(["import", "paste", "-", "--letter", letter.trim(), "--json"])
        .env_remove("UNDERSIGNED_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Japan:\nNo Fence\nLife Funds for North Korean Refugees\n".as_bytes())
        .unwrap();
    let v = json_of(&child.wait_with_output().unwrap());
    assert_eq!(v["report"]["created"], 2);
    assert_eq!(v["rows"][0]["country"], "JP");
}
