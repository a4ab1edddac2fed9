//! A fixture builder: a real database file in a temporary folder, with
//! helpers that add organisations, individuals, letters and signatures in
//! one line each.

use std::path::PathBuf;

use undersigned::model::{
    IndividualInput, LetterId, LetterInput, NewSignature, OrganisationId, OrganisationInput,
    SignatoryRef, SignatureStatus,
};
use undersigned::Store;

pub struct Db {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("undersigned.db")).unwrap();
        Db { dir, store }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("undersigned.db")
    }

    pub fn org(&mut self, name: &str, country: Option<&str>) -> SignatoryRef {
        self.org_of_kind(name, country, "ngo")
    }

    pub fn org_of_kind(&mut self, name: &str, country: Option<&str>, kind: &str) -> SignatoryRef {
        let org = self
            .store
            .add_organisation(
                &OrganisationInput {
                    name: name.into(),
                    country: country.map(Into::into),
                    kind: Some(kind.into()),
                    ..Default::default()
                }
                .check()
                .unwrap(),
            )
            .unwrap();
        SignatoryRef::Organisation(org.id)
    }

    pub fn org_id(&self, who: SignatoryRef) -> OrganisationId {
        match who {
            SignatoryRef::Organisation(id) => id,
            SignatoryRef::Individual(_) => panic!("not an organisation"),
        }
    }

    pub fn person(&mut self, name: &str, country: Option<&str>) -> SignatoryRef {
        let p = self
            .store
            .add_individual(
                &IndividualInput {
                    name: name.into(),
                    country: country.map(Into::into),
                    ..Default::default()
                }
                .check()
                .unwrap(),
            )
            .unwrap();
        SignatoryRef::Individual(p.id)
    }

    pub fn letter(&mut self, title: &str) -> LetterId {
        self.store
            .create_letter(
                &LetterInput {
                    title: title.into(),
                    date: Some("2019-12-16".into()),
                    ..Default::default()
                }
                .check()
                .unwrap(),
            )
            .unwrap()
            .id
    }

    pub fn sign(&mut self, letter: LetterId, who: SignatoryRef, status: SignatureStatus) {
        let mut new = NewSignature::confirmed(who);
        new.status = status;
        self.store.sign(letter, &new).unwrap();
    }

    pub fn confirm(&mut self, letter: LetterId, who: SignatoryRef) {
        self.sign(letter, who, SignatureStatus::Confirmed);
    }
}
