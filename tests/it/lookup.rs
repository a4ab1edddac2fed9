//! Finding organisations by name, acronym or alias whatever the case,
//! accents and Unicode form.

use pretty_assertions::assert_eq;
use undersigned::model::OrganisationInput;
use unicode_normalization::UnicodeNormalization;

use crate::fixture::Db;

fn add(db: &mut Db, name: &str, acronym: Option<&str>, aliases: &[&str]) -> i64 {
    db.store
        .add_organisation(
            &OrganisationInput {
                name: name.into(),
                acronym: acronym.map(Into::into),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .unwrap()
        .id
        .0
}

fn found(db: &Db, text: &str) -> Vec<i64> {
    db.store
        .lookup_organisation(text)
        .unwrap()
        .iter()
        .map(|m| m.organisation.id.0)
        .collect()
}

#[test]
fn name_acronym_and_alias_find_the_same_record() {
    let mut db = Db::new();
    let hrw = add(
        &mut db,
        "Human Rights Watch",
        Some("HRW"),
        &["휴먼라이츠워치"],
    );
    add(&mut db, "Human Rights Without Frontiers", Some("HRWF"), &[]);
    for text in [
        "HRW",
        "hrw",
        "human rights watch",
        "  Human  Rights-Watch ",
        "휴먼라이츠워치",
    ] {
        assert_eq!(found(&db, text), vec![hrw], "{text}");
    }
    let nfd: String = "휴먼라이츠워치".nfd().collect();
    assert_eq!(found(&db, &nfd), vec![hrw]);
    assert_eq!(found(&db, "Human Rights"), Vec::<i64>::new());
}

#[test]
fn accents_are_ignored() {
    let mut db = Db::new();
    let saram = add(
        &mut db,
        "SARAM - Für Menschen in Nordkorea",
        Some("SARAM"),
        &[],
    );
    assert_eq!(found(&db, "saram fur menschen in nordkorea"), vec![saram]);
}

#[test]
fn an_acronym_shared_by_two_groups_finds_both() {
    let mut db = Db::new();
    let a = add(&mut db, "Christian Solidarity Worldwide", Some("CSW"), &[]);
    let b = add(
        &mut db,
        "Commission on the Status of Women",
        Some("CSW"),
        &[],
    );
    assert_eq!(found(&db, "CSW"), vec![a, b]);
    let err = db.store.resolve_signatory("CSW").unwrap_err();
    assert_eq!(err.code(), "ambiguous_name");
    assert!(err.to_string().contains("2 records"), "{err}");
}

#[test]
fn a_merged_duplicate_keeps_its_history_under_the_kept_record() {
    let mut db = Db::new();
    let letter = db.letter("Open letter");
    let keep = add(&mut db, "Human Rights Watch", Some("HRW"), &[]);
    let dup = add(&mut db, "Human Rights Watch (Asia)", None, &[]);
    let dup_ref =
        undersigned::model::SignatoryRef::Organisation(undersigned::model::OrganisationId(dup));
    db.confirm(letter, dup_ref);
    let merged = db
        .store
        .merge_organisations(
            undersigned::model::OrganisationId(keep),
            undersigned::model::OrganisationId(dup),
        )
        .unwrap();
    assert_eq!(
        merged.aliases,
        vec!["Human Rights Watch (Asia)".to_string()]
    );
    assert_eq!(found(&db, "Human Rights Watch (Asia)"), vec![keep]);
    let history = db
        .store
        .history(undersigned::model::OrganisationId(keep))
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(db.store.tally(letter).unwrap().signatories, 1);
}
