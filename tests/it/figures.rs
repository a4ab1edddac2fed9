//! The headline figures on hand-made letters and on the sample letter.

use pretty_assertions::assert_eq;
use undersigned::country::Language;
use undersigned::model::{OrganisationId, SignatureStatus};
use undersigned::tally::Figure;
use undersigned::{demo, Store};

use crate::fixture::Db;

/// The figures as (signatories, organisations, coalitions, individuals,
/// countries, no_country, representing).
fn figures(
    store: &Store,
    letter: undersigned::model::LetterId,
) -> (u64, u64, u64, u64, u64, u64, u64) {
    let t = store.tally(letter).unwrap();
    (
        t.signatories,
        t.organisations,
        t.coalitions,
        t.individuals,
        t.countries,
        t.no_country,
        t.representing,
    )
}

#[test]
fn withdrawn_and_pending_signatures_are_not_counted() {
    let mut db = Db::new();
    let letter = db.letter("L");
    let a = db.org("A", Some("Japan"));
    let b = db.org("B", Some("Brazil"));
    let c = db.org("C", Some("Canada"));
    db.confirm(letter, a);
    db.confirm(letter, b);
    db.sign(letter, c, SignatureStatus::Pending);
    assert_eq!(figures(&db.store, letter), (2, 2, 0, 0, 2, 0, 2));
    db.store.withdraw(letter, b).unwrap();
    assert_eq!(figures(&db.store, letter), (1, 1, 0, 0, 1, 0, 1));
    let t = db.store.tally(letter).unwrap();
    assert_eq!((t.pending, t.withdrawn), (1, 1));
    assert_eq!(t.phrase(Language::En), "1 organisation from 1 country");
}

#[test]
fn signatories_without_a_country_are_apart_never_a_country() {
    let mut db = Db::new();
    let letter = db.letter("L");
    for (name, country) in [
        ("HRW", None),
        ("FIDH", None),
        ("NK Watch", Some("ROK")),
        ("Justice for North Korea", Some("South Korea")),
    ] {
        let who = db.org(name, country);
        db.confirm(letter, who);
    }
    let t = db.store.tally(letter).unwrap();
    assert_eq!((t.countries, t.no_country), (1, 2));
    let names: Vec<String> = t
        .explain(Figure::NoCountry)
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["FIDH", "HRW"]);
    assert_eq!(t.phrase(Language::En), "4 organisations from 1 country");
}

#[test]
fn individuals_are_counted_apart_and_together() {
    let mut db = Db::new();
    let letter = db.letter("L");
    let org = db.org("Odhikar", Some("Bangladesh"));
    let p1 = db.person("David Hawk", None);
    let p2 = db.person("Ken Kato", Some("Japan"));
    for who in [org, p1, p2] {
        db.confirm(letter, who);
    }
    assert_eq!(figures(&db.store, letter), (3, 1, 0, 2, 2, 1, 3));
    let t = db.store.tally(letter).unwrap();
    assert_eq!(
        t.phrase(Language::En),
        "3 groups and individuals from 2 countries"
    );
    assert_eq!(t.phrase(Language::Ko), "2개국 3개 단체 및 개인");
}

#[test]
fn coalitions_with_overlapping_members_count_each_member_once() {
    let mut db = Db::new();
    let letter = db.letter("L");
    let c1 = db.org_of_kind("North Korea Freedom Coalition", None, "coalition");
    let c2 = db.org_of_kind("ICNK", None, "coalition");
    let shared = db.org("Shared member", Some("Japan"));
    let only1 = db.org("Only in one", Some("USA"));
    let signer = db.org("Also signs itself", Some("ROK"));
    let person = db.person("A member", None);
    let left = db.org("Left before the letter", None);
    let (id1, id2) = (db.org_id(c1), db.org_id(c2));
    for (coalition, member) in [
        (id1, shared),
        (id2, shared),
        (id1, only1),
        (id2, signer),
        (id2, person),
    ] {
        db.store
            .add_member(coalition, member, None, None, None)
            .unwrap();
    }
    let before = chrono::NaiveDate::from_ymd_opt(2019, 1, 1);
    db.store.add_member(id1, left, None, None, before).unwrap();
    for who in [c1, c2, signer] {
        db.confirm(letter, who);
    }
    // Signers: c1, c2, signer (3). Members not signing: shared, only1, person (3).
    assert_eq!(figures(&db.store, letter), (3, 3, 2, 0, 1, 2, 6));
    let t = db.store.tally(letter).unwrap();
    let via: Vec<(String, Option<OrganisationId>)> = t
        .explain(Figure::Representing)
        .into_iter()
        .filter(|r| r.via_coalition.is_some())
        .map(|r| (r.name, r.via_coalition))
        .collect();
    assert_eq!(via.len(), 3);
    assert_eq!(
        t.representing_phrase(Language::En).unwrap(),
        "representing 6 groups and individuals"
    );
}

#[test]
fn a_letter_with_no_confirmed_signature() {
    let mut db = Db::new();
    let letter = db.letter("L");
    let a = db.org("A", None);
    db.sign(letter, a, SignatureStatus::Pending);
    assert_eq!(figures(&db.store, letter), (0, 0, 0, 0, 0, 0, 0));
    let t = db.store.tally(letter).unwrap();
    assert_eq!(t.phrase(Language::En), "no confirmed signatories yet");
    assert_eq!(t.phrase(Language::Ko), "확인된 서명 없음");
}

/// Counted by hand from `shared/seeds/`: 47 entries under "Members and
/// supporters of the Coalition include:" (two lines hold two entries each),
/// of which 6 are individuals (Hawk, Kato, Scholte, Ebihara, Kawazoe,
/// Akimoto) and 1 a coalition (North Korea Freedom Coalition). Countries in
/// parentheses: ROK 9, USA 8, Japan 6, Canada 2, and one each for Thailand,
/// Brazil, Belgium, Indonesia, Bangladesh, Czech Republic, Germany: 11.
/// 15 entries give no country.
#[test]
fn the_sample_letter_has_the_figures_counted_by_hand() {
    let mut db = Db::new();
    let letter = demo::load(&mut db.store).unwrap();
    assert_eq!(figures(&db.store, letter), (47, 41, 1, 6, 11, 15, 47));
    let t = db.store.tally(letter).unwrap();
    let by_country: Vec<(String, u64)> = t
        .by_country
        .iter()
        .map(|c| (c.country.to_string(), c.count))
        .collect();
    assert_eq!(
        by_country,
        [
            ("KR", 9),
            ("US", 8),
            ("JP", 6),
            ("CA", 2),
            ("BD", 1),
            ("BE", 1),
            ("BR", 1),
            ("CZ", 1),
            ("DE", 1),
            ("ID", 1),
            ("TH", 1)
        ]
        .map(|(c, n)| (c.to_string(), n))
    );
    assert_eq!(
        t.phrase(Language::En),
        "47 groups and individuals from 11 countries"
    );
    assert_eq!(t.phrase(Language::Ko), "11개국 47개 단체 및 개인");
    assert_eq!(
        t.representing_phrase(Language::En).unwrap(),
        "representing over 40 groups and individuals"
    );

    // Loading again changes nothing.
    assert_eq!(demo::load(&mut db.store).unwrap(), letter);
    assert_eq!(db.store.list_letters().unwrap().len(), 1);
    assert_eq!(db.store.tally(letter).unwrap().signatories, 47);
}

#[test]
fn history_and_matrix_across_letters() {
    let mut db = Db::new();
    let l1 = db.letter("First");
    let l2 = db.letter("Second");
    let a = db.org("A", None);
    let b = db.org("B", None);
    db.confirm(l1, a);
    db.confirm(l2, a);
    db.confirm(l2, b);
    db.store.withdraw(l2, b).unwrap();
    let history = db.store.history(db.org_id(a)).unwrap();
    assert_eq!(history.len(), 2);
    let m = db.store.matrix(&[l1, l2]).unwrap();
    let rows: Vec<(String, Vec<Option<SignatureStatus>>)> =
        m.rows.into_iter().map(|r| (r.name, r.cells)).collect();
    assert_eq!(
        rows,
        vec![
            (
                "A".to_string(),
                vec![
                    Some(SignatureStatus::Confirmed),
                    Some(SignatureStatus::Confirmed)
                ]
            ),
            (
                "B".to_string(),
                vec![None, Some(SignatureStatus::Withdrawn)]
            ),
        ]
    );
}
