//! The `undersigned` binary, run as a user would.

use std::process::{Command, Output};

use pretty_assertions::assert_eq;
use serde_json::Value;

pub(crate) fn run(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_undersigned"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("UNDERSIGNED_DB")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn demo_then_tally_prints_the_sample_figures_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let demo = run(&db, &["demo"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let id = stdout(&demo).trim().to_string();
    let tally = run(&db, &["tally", &id, "--json"]);
    assert!(tally.status.success(), "{}", stderr(&tally));
    let v: Value = serde_json::from_str(&stdout(&tally)).unwrap();
    let keys = [
        "signatories",
        "organisations",
        "coalitions",
        "individuals",
        "countries",
        "no_country",
        "representing",
    ];
    let got: Vec<i64> = keys.iter().map(|k| v[k].as_i64().unwrap()).collect();
    assert_eq!(got, vec![47, 41, 1, 6, 11, 15, 47]);
    assert_eq!(v["phrase"], "47 groups and individuals from 11 countries");

    let ko = run(&db, &["tally", &id, "--json", "--lang", "ko"]);
    let v: Value = serde_json::from_str(&stdout(&ko)).unwrap();
    assert_eq!(v["phrase"], "11개국 47개 단체 및 개인");
}

#[test]
fn a_small_campaign_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let ok = |args: &[&str]| {
        let o = run(&db, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    ok(&["org", "add", "Human Rights Watch", "--acronym", "HRW"]);
    ok(&["org", "add", "Burma Partnership", "--country", "Thailand"]);
    ok(&[
        "person",
        "add",
        "Ken Kato",
        "--title",
        "Director",
        "--country",
        "Japan",
    ]);
    let letter = ok(&["letter", "new", "Stand up", "--date", "2019-12-16"])
        .trim()
        .to_string();
    ok(&["sign", &letter, "hrw"]);
    ok(&["sign", &letter, "Burma Partnership"]);
    ok(&["sign", &letter, "Ken Kato"]);
    ok(&["withdraw", &letter, "Burma Partnership"]);
    let v: Value = serde_json::from_str(&ok(&["tally", &letter, "--json"])).unwrap();
    assert_eq!(v["phrase"], "2 groups and individuals from 1 country");
    assert_eq!(v["withdrawn"], 1);
    let history = ok(&["history", "HRW"]);
    assert!(history.contains("Stand up"), "{history}");
    let explain: Value = serde_json::from_str(&ok(&[
        "tally",
        &letter,
        "--json",
        "--explain",
        "no_country",
    ]))
    .unwrap();
    assert_eq!(explain["explain"][0]["name"], "Human Rights Watch");
}

#[test]
fn bad_input_gets_one_clear_line_and_a_failure_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    for (args, expected) in [
        (
            vec!["org", "add", "X", "--country", "Korea"],
            "country: \"Korea\" is ambiguous",
        ),
        (
            vec!["org", "add", "X", "--country", "Africa"],
            "it is a region",
        ),
        (vec!["org", "add", "  "], "name: must not be empty"),
        (vec!["tally", "99"], "letter 99 does not exist"),
        (
            vec!["letter", "new", "T", "--date", "16.12.2019"],
            "date: \"16.12.2019\" is not a date",
        ),
        (vec!["sign", "1", "nobody"], "does not exist"),
        (
            vec!["org", "add", "X", "--kind", "party"],
            "kind: \"party\" is not one of",
        ),
        (
            vec![
                "contact",
                "add",
                "1",
                "Someone",
                "--email",
                "secret-address",
            ],
            "does not exist",
        ),
    ] {
        let o = run(&db, &args);
        assert!(!o.status.success(), "{args:?} succeeded");
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn contact_errors_do_not_repeat_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    run(&db, &["org", "add", "CSW"]);
    let o = run(
        &db,
        &[
            "contact",
            "add",
            "CSW",
            "Ben",
            "--email",
            "benrogers at csw",
            "--phone",
            "+44-782",
        ],
    );
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("email: is not an email address"), "{err}");
    assert!(!err.contains("benrogers"), "{err}");
}

#[test]
fn a_database_that_is_not_ours_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "just some text, not a database at all ".repeat(100)).unwrap();
    let o = run(&db, &["letter", "list"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("notes.txt") && err.contains("not a readable Undersigned database"),
        "{err}"
    );
}
