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

use crate::cli::run as cli;

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

/// Writes a minimal XLSX workbook (one sheet, shared strings) with the zip
/// crate. `declared_strings` overrides the shared-strings count the file
/// declares: calamine#684's crafted file declares a huge one.
fn xlsx(sheet: &str, rows: &[&[&str]], declared_strings: Option<u64>) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut strings: Vec<String> = Vec::new();
    let mut sheet_xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    for (r, row) in rows.iter().enumerate() {
        sheet_xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let reference = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            let index = strings.iter().position(|s| s == cell).unwrap_or_else(|| {
                strings.push(cell.to_string());
                strings.len() - 1
            });
            sheet_xml.push_str(&format!(r#"<c r="{reference}" t="s"><v>{index}</v></c>"#));
        }
        sheet_xml.push_str("</row>");
    }
    sheet_xml.push_str("</sheetData></worksheet>");
    let count = declared_strings.unwrap_or(strings.len() as u64);
    let mut sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">"#
    );
    for s in &strings {
        sst.push_str(&format!("<si><t>{}</t></si>", escape(s)));
    }
    sst.push_str("</sst>");
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#, escape(sheet)),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_string(),
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml),
        ("xl/sharedStrings.xml", sst),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn reader_options() -> undersigned::intake::TableOptions {
    undersigned::intake::TableOptions {
        reader: Some(PathBuf::from(env!("CARGO_BIN_EXE_undersigned"))),
        ..Default::default()
    }
}

const FORM: &[&[&str]] = &[
    &[
        "Timestamp",
        "Name of organisation",
        "Country",
        "Email address",
        "I agree that our name appears on the letter",
    ],
    &[
        "2019-12-10 09:14:03",
        "Burma Partnership",
        "Thailand",
        "info@example.org",
        "Yes",
    ],
    &[
        "2019-12-11 15:40:10",
        "Human Rights Watch (HRW)",
        "",
        "",
        "Yes",
    ],
    &[],
    &[
        "2019-12-12 08:00:00",
        "Free North Korea Radio",
        "ROK",
        "",
        "No",
    ],
];

#[test]
fn an_xlsx_form_export_is_read_in_a_child_process() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.xlsx");
    std::fs::write(&path, xlsx("Form responses 1", FORM, None)).unwrap();
    let table = undersigned::intake::read_table(&path, &reader_options()).unwrap();
    assert_eq!(table.format, "spreadsheet");
    assert_eq!(table.sheet.as_deref(), Some("Form responses 1"));
    assert_eq!(table.header_line, Some(1));
    let got: Vec<_> = table
        .rows
        .iter()
        .map(|r| {
            (
                r.line,
                r.name.as_str(),
                r.acronym.as_deref(),
                r.country,
                r.consent_to_name,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                2,
                "Burma Partnership",
                None,
                CountryCode::new("TH"),
                Some(true)
            ),
            (3, "Human Rights Watch", Some("HRW"), None, Some(true)),
            (
                5,
                "Free North Korea Radio",
                None,
                CountryCode::new("KR"),
                Some(false)
            ),
        ]
    );
    assert_eq!(
        table.skipped,
        vec![undersigned::intake::SkippedRow {
            line: 4,
            reason: "blank row".into()
        }]
    );
    assert!(table.rows[0].contact.as_ref().unwrap().email.is_some());

    let mut options = reader_options();
    options.sheet = Some("Sheet9".into());
    let err = undersigned::intake::read_table(&path, &options).unwrap_err();
    assert_eq!(err.code(), "spreadsheet_rejected");
    assert!(
        err.to_string()
            .contains("no sheet \"Sheet9\"; the sheets are \"Form responses 1\""),
        "{err}"
    );
}

#[test]
fn a_crafted_xlsx_does_not_kill_the_program_and_changes_nothing() {
    // calamine#684: a tiny workbook declaring 10^12 shared strings.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crafted.xlsx");
    let bytes = xlsx(
        "Sheet1",
        &[&["Organisation"], &["Odhikar"]],
        Some(1_000_000_000_000),
    );
    assert!(bytes.len() < 4096, "{}", bytes.len());
    std::fs::write(&path, bytes).unwrap();

    let err = undersigned::intake::read_table(&path, &reader_options()).unwrap_err();
    assert_eq!(err.code(), "spreadsheet_rejected");
    let message = err.to_string();
    assert!(message.contains("crafted.xlsx"), "{message}");
    assert!(message.contains("stopped"), "{message}");

    // Through the command line, with a database holding the sample letter.
    let db = dir.path().join("x.db");
    let demo = cli(&db, &["demo"]);
    let letter = String::from_utf8(demo.stdout).unwrap();
    let before = json_of(&cli(&db, &["tally", letter.trim(), "--json"]));
    let out = cli(
        &db,
        &[
            "import",
            "table",
            path.to_str().unwrap(),
            "--letter",
            letter.trim(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the spreadsheet reader stopped"),
        "{stderr}"
    );
    assert_eq!(
        json_of(&cli(&db, &["tally", letter.trim(), "--json"])),
        before
    );
}

/// The rows of the Excel "Unicode text" fixtures (UTF-16 LE and BE).
const UNICODE_TEXT_ROWS: &[(&str, Option<&str>)] = &[
    (
        "Network for North Korean Democracy and Human Rights",
        Some("KR"),
    ),
    ("SARAM - Für Menschen in Nordkorea", Some("DE")),
    ("コリア国際救援会", Some("JP")),
];

/// (fixture, encoding, delimiter, expected (name, country) rows).
type EncodingCase = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, Option<&'static str>)],
);

#[test]
fn tables_in_every_encoding() {
    let read =
        |name: &str| undersigned::intake::read_table(&fixture(name), &reader_options()).unwrap();
    let cases: &[EncodingCase] = &[
        (
            "google-form.csv",
            "UTF-8",
            ",",
            &[
                ("Burma Partnership", Some("TH")),
                (
                    "Asia Pacific Forum on Women, Law and Development",
                    Some("TH"),
                ),
                ("Human Rights Watch", None),
                ("Free North Korea Radio", Some("KR")),
                ("People In Need", Some("CZ")),
                ("Citizens' Alliance for North Korean Human Rights", None),
                ("Human Rights Watch", Some("US")),
            ],
        ),
        (
            "utf8-bom-semicolon.csv",
            "UTF-8",
            ";",
            &[
                (
                    "Fédération internationale pour les droits humains",
                    Some("FR"),
                ),
                ("Liga Portuguesa dos Direitos Humanos; Civitas", Some("PT")),
                ("Ärzte ohne Grenzen", Some("DE")),
            ],
        ),
        (
            "excel-unicode-text.txt",
            "UTF-16LE",
            "\t",
            UNICODE_TEXT_ROWS,
        ),
        ("utf16be-bom.txt", "UTF-16BE", "\t", UNICODE_TEXT_ROWS),
        (
            "windows-1252.csv",
            "windows-1252",
            ",",
            &[
                ("Société Civile pour la Paix", Some("FR")),
                ("Für Menschenrechte e.V.", Some("DE")),
                ("Defensoría del Pueblo", Some("ES")),
                ("Associação Justiça e Paz", Some("PT")),
            ],
        ),
        (
            "cp949.csv",
            "EUC-KR",
            ",",
            &[
                ("북한인권시민연합", Some("KR")),
                ("물망초", Some("KR")),
                ("북한인권정보센터", Some("KR")),
            ],
        ),
        (
            "shift_jis.csv",
            "Shift_JIS",
            ",",
            &[
                ("北朝鮮難民救援基金", Some("JP")),
                ("守る会", Some("JP")),
                ("ヒューマン・ライツ・ナウ", Some("JP")),
            ],
        ),
        (
            "ragged-no-header.csv",
            "UTF-8",
            ",",
            &[
                ("Kontras", Some("ID")),
                ("Odhikar", Some("BD")),
                ("Conectas", None),
                ("Han Voice", Some("CA")),
            ],
        ),
    ];
    for (name, encoding, delimiter, expected) in cases {
        let table = read(name);
        assert_eq!(table.encoding.as_deref(), Some(*encoding), "{name}");
        assert_eq!(table.delimiter.as_deref(), Some(*delimiter), "{name}");
        let got: Vec<(&str, Option<CountryCode>)> = table
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.country))
            .collect();
        let want: Vec<(&str, Option<CountryCode>)> = expected
            .iter()
            .map(|(n, c)| (*n, c.and_then(CountryCode::new)))
            .collect();
        assert_eq!(got, want, "{name}");
    }
    let form = read("google-form.csv");
    assert_eq!(
        form.rows[1].line, 3,
        "a quoted newline keeps line numbers right"
    );
    assert_eq!(form.rows[2].line, 5);
    assert_eq!(form.rows[3].consent_to_name, Some(false));
    assert_eq!(
        form.rows[0].signed_at.unwrap().to_rfc3339(),
        "2019-12-10T00:14:03+00:00"
    );
    assert_eq!(form.skipped.len(), 2);
    assert_eq!(form.skipped[1].line, 10);
}

#[test]
fn each_encoding_round_trips() {
    let text = "Organisation,Country\nSARAM - Für Menschen in Nordkorea,Germany\n북한인권시민연합,대한민국\nSociété Civile,France\n";
    let utf8 = undersigned::intake::table::read_text_table(
        Path::new("x.csv"),
        text.as_bytes(),
        &Default::default(),
    )
    .unwrap();
    let only_latin =
        "Organisation,Country\nSARAM - Für Menschen in Nordkorea,Germany\nSociété Civile,France\n";
    let only_cjk =
        "団体名,国\n北朝鮮難民救援基金,日本\n守る会,日本\nヒューマン・ライツ・ナウ,日本\n";
    let only_korean =
        "단체명,국가\n북한인권시민연합,대한민국\n물망초,한국\n북한인권정보센터,대한민국\n";
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend(text.as_bytes());
    let utf16 = |big: bool| {
        let mut b = if big {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in text.encode_utf16() {
            b.extend(if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        b
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (text, bom8, "UTF-8"),
        (text, utf16(false), "UTF-16LE"),
        (text, utf16(true), "UTF-16BE"),
        (
            only_latin,
            encoding_rs::WINDOWS_1252.encode(only_latin).0.into_owned(),
            "windows-1252",
        ),
        (
            only_korean,
            encoding_rs::EUC_KR.encode(only_korean).0.into_owned(),
            "EUC-KR",
        ),
        (
            only_cjk,
            encoding_rs::SHIFT_JIS.encode(only_cjk).0.into_owned(),
            "Shift_JIS",
        ),
    ];
    assert_eq!(utf8.rows.len(), 3);
    for (original, bytes, encoding) in cases {
        let want = undersigned::intake::table::read_text_table(
            Path::new("x.csv"),
            original.as_bytes(),
            &Default::default(),
        )
        .unwrap();
        let got = undersigned::intake::table::read_text_table(
            Path::new("x.csv"),
            &bytes,
            &Default::default(),
        )
        .unwrap();
        assert_eq!(got.encoding.as_deref(), Some(encoding));
        assert_eq!(shape(&got.rows), shape(&want.rows), "{encoding}");
    }
}

#[test]
fn files_that_are_not_tables_get_a_clear_message() {
    for (name, says) in [
        ("not-a-table.pdf", "not a table: it is a PDF document"),
        ("binary.csv", "not a table: it holds binary data"),
    ] {
        let err = undersigned::intake::read_table(&fixture(name), &reader_options()).unwrap_err();
        assert_eq!(err.code(), "bad_table");
        let message = err.to_string();
        assert!(
            message.contains(name) && message.contains(says),
            "{message}"
        );
    }
    let mut options = reader_options();
    options.map = vec![("Colour".into(), undersigned::intake::Field::Name)];
    let err = undersigned::intake::read_table(&fixture("google-form.csv"), &options).unwrap_err();
    assert!(
        err.to_string()
            .contains("no column \"Colour\"; the columns are A \"Timestamp\""),
        "{err}"
    );
}

#[test]
fn column_mapping_can_be_overridden_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("partners.csv");
    std::fs::write(
        &csv,
        "Group,Where,Notes\nKontras,Indonesia,ok\nOdhikar,Bangladesh,\n",
    )
    .unwrap();
    let db = dir.path().join("x.db");
    let letter = String::from_utf8(cli(&db, &["letter", "new", "Open letter"]).stdout).unwrap();
    let v = json_of(&cli(
        &db,
        &[
            "import",
            "table",
            csv.to_str().unwrap(),
            "--letter",
            letter.trim(),
            "--map",
            "Where=country",
            "--map",
            "C=ignore",
            "--dry-run",
            "--json",
        ],
    ));
    assert_eq!(v["rows"][1]["country"], "BD");
    assert_eq!(v["source"]["columns"][1]["field"], "country");
    assert_eq!(v["source"]["columns"][1]["guessed"], false);
    assert_eq!(v["tally"]["countries"], 2);
    let bad = cli(
        &db,
        &[
            "import",
            "table",
            csv.to_str().unwrap(),
            "--letter",
            letter.trim(),
            "--map",
            "Where=colour",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("\"colour\" is not a field"));
}

#[test]
fn a_killed_import_leaves_the_database_exactly_as_it_was() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let letter = String::from_utf8(cli(&db, &["demo"]).stdout).unwrap();
    let letter = letter.trim().to_string();
    let csv = dir.path().join("big.csv");
    let mut text = String::from("Organisation name,Country\n");
    for i in 0..20_000 {
        text.push_str(&format!("Solidarity Group {i},Japan\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let dump = |db: &Path| -> (Vec<String>, String) {
        let conn = rusqlite::Connection::open(db).unwrap();
        let mut rows = Vec::new();
        for table in [
            "organisations",
            "organisation_keys",
            "individuals",
            "signatures",
            "contacts",
            "memberships",
            "letters",
        ] {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
                .unwrap();
            let n = stmt.column_count();
            let mut q = stmt.query([]).unwrap();
            while let Some(r) = q.next().unwrap() {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                rows.push(format!("{table}: {}", cells.join("|")));
            }
        }
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        (rows, check)
    };
    let (before, _) = dump(&db);

    let mut child = Command::new(env!("CARGO_BIN_EXE_undersigned"))
        .arg("--db")
        .arg(&db)
        .args([
            "import",
            "table",
            csv.to_str().unwrap(),
            "--letter",
            &letter,
            "--progress",
        ])
        .env_remove("UNDERSIGNED_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until rows are being written inside the transaction. The child
    // reports each row on a pipe this test then stops reading, so it cannot
    // finish before it is killed.
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    loop {
        let line = lines
            .next()
            .expect("the import ended before writing")
            .unwrap();
        if let Some(rest) = line.strip_prefix("progress ") {
            let done: usize = rest.split(' ').next().unwrap().parse().unwrap();
            if done >= 100 {
                break;
            }
        }
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    drop(lines);

    let (after, check) = dump(&db);
    assert_eq!(check, "ok");
    assert_eq!(after.len(), before.len());
    assert_eq!(after, before);
    // And the store opens and counts as before.
    let tally = json_of(&cli(&db, &["tally", &letter, "--json"]));
    assert_eq!(tally["signatories"], 47);
}

#[test]
fn a_cancelled_import_changes_nothing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let mut db = Db::new();
    let letter = db.letter("Open letter");
    let paste = parse_paste(&read("seed-list.txt"));
    let cancel = Arc::new(AtomicBool::new(false));
    let decisions = ImportDecisions {
        cancel: Some(cancel.clone()),
        ..Default::default()
    };
    let err = db
        .store
        .commit_import(letter, &paste.rows, &decisions, &mut |done, _| {
            if done == 10 {
                cancel.store(true, Ordering::Relaxed);
            }
        })
        .unwrap_err();
    assert_eq!(err.code(), "cancelled");
    assert!(db.store.signatures(letter).unwrap().is_empty());
    assert!(db
        .store
        .list_organisations(&Default::default())
        .unwrap()
        .is_empty());
}
