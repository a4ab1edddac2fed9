//! The database file: migrations, pragmas, refusing files we must not touch,
//! and history that is never deleted.

use pretty_assertions::assert_eq;
use rusqlite::Connection;
use undersigned::model::SignatureStatus;
use undersigned::store::{migrations, APPLICATION_ID, SCHEMA_VERSION};
use undersigned::{Error, Store};

use crate::fixture::Db;

#[test]
fn migrations_validate() {
    migrations().validate().unwrap();
}

#[test]
fn a_new_file_is_marked_as_ours_with_the_pragmas_set() {
    let db = Db::new();
    let path = db.path();
    drop(db.store);
    let conn = Connection::open(path).unwrap();
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(
        (id, version, mode.as_str()),
        (APPLICATION_ID, SCHEMA_VERSION, "wal")
    );
}

#[test]
fn a_newer_database_is_refused_and_left_byte_for_byte() {
    let db = Db::new();
    let path = db.path();
    drop(db.store);
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "delete").unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "database_too_new");
    assert!(
        err.to_string().contains("newer version of Undersigned"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!path.with_extension("db-wal").exists());
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x');")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letters.db");
    std::fs::write(
        &path,
        "Members and supporters of the Coalition include:\n".repeat(200),
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "damaged_database", "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn data_survives_reopening() {
    let mut db = Db::new();
    let letter = db.letter("Open letter");
    let hrw = db.org("Human Rights Watch", None);
    db.confirm(letter, hrw);
    let path = db.path();
    drop(db.store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.tally(letter).unwrap().signatories, 1);
}

#[test]
fn a_withdrawal_is_kept_with_its_date() {
    let mut db = Db::new();
    let letter = db.letter("Open letter");
    let org = db.org("Conectas", Some("Brazil"));
    db.confirm(letter, org);
    let withdrawn = db.store.withdraw(letter, org).unwrap();
    assert_eq!(withdrawn.status, SignatureStatus::Withdrawn);
    assert!(withdrawn.withdrawn_at.is_some());
    let rows = db.store.signatures(letter).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].signature.status, SignatureStatus::Withdrawn);
}

#[test]
fn confirmed_and_withdrawn_signatures_cannot_be_deleted() {
    let mut db = Db::new();
    let letter = db.letter("Open letter");
    let org = db.org("Conectas", Some("Brazil"));
    db.confirm(letter, org);
    db.store.withdraw(letter, org).unwrap();
    let path = db.path();
    drop(db.store);
    let conn = Connection::open(&path).unwrap();
    let err = conn.execute("DELETE FROM signatures", []).unwrap_err();
    assert!(err.to_string().contains("kept, not deleted"), "{err}");
    // Deleting a whole letter still takes its signatures with it.
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn.execute("DELETE FROM letters WHERE id = ?1", [letter.0])
        .unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM signatures", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn a_failed_operation_inside_atomically_leaves_nothing_behind() {
    let mut db = Db::new();
    let result: undersigned::Result<()> = db.store.atomically(|store| {
        store.add_organisation(
            &undersigned::model::OrganisationInput {
                name: "Kept?".into(),
                ..Default::default()
            }
            .check()?,
        )?;
        Err(Error::Conflict("stop".into()))
    });
    assert!(result.is_err());
    assert!(db.store.lookup_organisation("Kept?").unwrap().is_empty());
}

#[test]
fn the_same_organisation_twice_is_a_conflict() {
    let mut db = Db::new();
    db.org("Human Rights Watch", None);
    let again = undersigned::model::OrganisationInput {
        name: "human rights watch".into(),
        ..Default::default()
    };
    let err = db
        .store
        .add_organisation(&again.check().unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
}

/// `tests/fixtures/schema-v1.db` was written by schema version 1 (the sample
/// letter, an extra organisation, three contacts) and is never rewritten:
/// opening a copy upgrades it, after a backup taken with the online backup
/// API, and every row is still there.
#[test]
fn a_frozen_version_1_database_is_backed_up_then_upgraded() {
    use undersigned::store::BackupReason;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("undersigned.db");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
    std::fs::copy(&fixture, &path).unwrap();
    let version = |p: &std::path::Path| -> i64 {
        Connection::open(p)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&path), 1);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    const { assert!(SCHEMA_VERSION >= 2) };
    let backups = store.list_backups().unwrap();
    let before: Vec<_> = backups
        .iter()
        .filter(|b| b.reason == BackupReason::BeforeMigration)
        .collect();
    assert_eq!(before.len(), 1, "{backups:?}");
    assert_eq!(version(&before[0].path), 1);

    let letter = store
        .letter_by_title(undersigned::demo::TITLE)
        .unwrap()
        .unwrap();
    assert_eq!(store.tally(letter.id).unwrap().signatories, 47);
    assert_eq!(store.lookup_organisation("Extra Org").unwrap().len(), 1);
    let hrw = store.lookup_organisation("HRW").unwrap()[0].organisation.id;
    let contacts = store.contacts(hrw).unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].city, None, "version 1 had no city");
    // The fixture itself is untouched.
    assert_eq!(version(&fixture), 1);
}
