//! Signatures: who signed which letter, and how it stands. A withdrawal is a
//! status with a date; a signature that was confirmed or withdrawn is never
//! deleted (the schema enforces it with a trigger).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use super::{individuals, optional_row, organisations, Store};
use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::model::{
    Channel, IndividualId, LetterId, NewSignature, OrganisationId, SignatoryRef, Signature,
    SignatureId, SignatureStatus, Tier,
};
use crate::tally::SignatoryKind;

const COLUMNS: &str = "s.id, s.letter_id, s.organisation_id, s.individual_id, s.status, s.signed_at,
    s.withdrawn_at, s.channel, s.consent_to_name, s.display_name, s.display_country, s.tier, s.note";

/// The signatory of a signature row from its two nullable columns.
pub(crate) fn signatory(org: Option<i64>, person: Option<i64>) -> rusqlite::Result<SignatoryRef> {
    match (org, person) {
        (Some(o), _) => Ok(SignatoryRef::Organisation(OrganisationId(o))),
        (None, Some(p)) => Ok(SignatoryRef::Individual(IndividualId(p))),
        (None, None) => Err(rusqlite::Error::InvalidColumnType(
            2,
            "signatory".into(),
            rusqlite::types::Type::Null,
        )),
    }
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Signature> {
    let word = |i: usize| -> rusqlite::Result<String> { row.get(i) };
    let display_country: Option<String> = row.get(10)?;
    Ok(Signature {
        id: SignatureId(row.get(0)?),
        letter_id: LetterId(row.get(1)?),
        signatory: signatory(row.get(2)?, row.get(3)?)?,
        status: SignatureStatus::parse(&word(4)?).unwrap_or(SignatureStatus::Pending),
        signed_at: row.get(5)?,
        withdrawn_at: row.get(6)?,
        channel: Channel::parse(&word(7)?).unwrap_or(Channel::Manual),
        consent_to_name: row.get(8)?,
        display_name: row.get(9)?,
        display_country: display_country.as_deref().and_then(CountryCode::new),
        tier: Tier::parse(&word(11)?).unwrap_or(Tier::CoSigner),
        note: row.get(12)?,
    })
}

/// A signature with what a list of signatories shows about its signatory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignatureRow {
    pub signature: Signature,
    /// The display name if set, else the signatory's name.
    pub name: String,
    pub kind: SignatoryKind,
    pub acronym: Option<String>,
    /// For individuals: their title and affiliation.
    pub title: Option<String>,
    pub affiliation: Option<String>,
    /// The display country if set, else the signatory's.
    pub country: Option<CountryCode>,
}

/// Changes to a signature; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SignaturePatch {
    pub status: Option<SignatureStatus>,
    pub tier: Option<Tier>,
    pub consent_to_name: Option<bool>,
    /// `Some(None)` clears the override.
    pub display_name: Option<Option<String>>,
    pub display_country: Option<Option<CountryCode>>,
    pub note: Option<String>,
}

fn find(conn: &Connection, letter: LetterId, who: SignatoryRef) -> Result<Option<Signature>> {
    // `=` rather than `IS`, so SQLite uses the unique (letter, signatory)
    // index instead of scanning every signature of the letter.
    let (column, id) = match who {
        SignatoryRef::Organisation(id) => ("organisation_id", id.0),
        SignatoryRef::Individual(id) => ("individual_id", id.0),
    };
    optional_row(
        conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM signatures s WHERE s.letter_id = ?1 AND s.{column} = ?2"
        ))?
        .query_row(params![letter.0, id], from_row),
    )
}

fn columns(who: SignatoryRef) -> (Option<i64>, Option<i64>) {
    match who {
        SignatoryRef::Organisation(id) => (Some(id.0), None),
        SignatoryRef::Individual(id) => (None, Some(id.0)),
    }
}

fn get(conn: &Connection, id: SignatureId) -> Result<Signature> {
    optional_row(
        conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM signatures s WHERE s.id = ?1"
        ))?
        .query_row([id.0], from_row),
    )?
    .ok_or_else(|| Error::not_found("signature", id.0))
}

/// Records a signature inside a caller's transaction, or updates the
/// existing one of the same signatory on the same letter. Returns the id and
/// whether it was new.
pub(crate) fn upsert(
    tx: &Connection,
    letter: LetterId,
    new: &NewSignature,
) -> Result<(SignatureId, bool)> {
    let withdrawn_at = (new.status == SignatureStatus::Withdrawn).then(Utc::now);
    let (org, person) = columns(new.signatory);
    if let Some(existing) = find(tx, letter, new.signatory)? {
        tx.prepare_cached(
            "UPDATE signatures SET status = ?2, withdrawn_at = coalesce(?3, withdrawn_at),
             tier = ?4, consent_to_name = ?5, display_name = coalesce(?6, display_name),
             display_country = coalesce(?7, display_country),
             note = CASE WHEN ?8 = '' THEN note ELSE ?8 END,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
        )?
        .execute(params![
            existing.id.0,
            new.status.as_str(),
            withdrawn_at,
            new.tier.as_str(),
            new.consent_to_name,
            new.display_name,
            new.display_country.map(String::from),
            new.note,
        ])?;
        return Ok((existing.id, false));
    }
    tx.prepare_cached(
        "INSERT INTO signatures (letter_id, organisation_id, individual_id, status, signed_at,
         withdrawn_at, channel, consent_to_name, display_name, display_country, tier, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        letter.0,
        org,
        person,
        new.status.as_str(),
        new.signed_at,
        withdrawn_at,
        new.channel.as_str(),
        new.consent_to_name,
        new.display_name,
        new.display_country.map(String::from),
        new.tier.as_str(),
        new.note,
    ])?;
    Ok((SignatureId(tx.last_insert_rowid()), true))
}

impl Store {
    fn check_signatory(&self, who: SignatoryRef) -> Result<()> {
        match who {
            SignatoryRef::Organisation(id) => organisations::get(self.conn(), id).map(drop),
            SignatoryRef::Individual(id) => individuals::get(self.conn(), id).map(drop),
        }
    }

    /// Records that `new.signatory` signs `letter` (or updates the status,
    /// tier and overrides of an existing signature).
    pub fn sign(&mut self, letter: LetterId, new: &NewSignature) -> Result<Signature> {
        self.letter(letter)?;
        self.check_signatory(new.signatory)?;
        let (id, _) = self.with_tx(|tx| upsert(tx, letter, new))?;
        get(self.conn(), id)
    }

    /// Withdraws a signature: kept with its date, no longer counted.
    pub fn withdraw(&mut self, letter: LetterId, who: SignatoryRef) -> Result<Signature> {
        self.letter(letter)?;
        let existing = find(self.conn(), letter, who)?.ok_or_else(|| {
            Error::not_found("signature", format!("of {who} on letter {}", letter.0))
        })?;
        self.update_signature(
            existing.id,
            &SignaturePatch {
                status: Some(SignatureStatus::Withdrawn),
                ..Default::default()
            },
        )
    }

    /// Changes a signature's status, tier, consent, overrides or note.
    pub fn update_signature(
        &mut self,
        id: SignatureId,
        patch: &SignaturePatch,
    ) -> Result<Signature> {
        let current = get(self.conn(), id)?;
        let status = patch.status.unwrap_or(current.status);
        let withdrawn_at: Option<DateTime<Utc>> = match (current.status, status) {
            (SignatureStatus::Withdrawn, SignatureStatus::Withdrawn) => current.withdrawn_at,
            (_, SignatureStatus::Withdrawn) => Some(Utc::now()),
            _ => current.withdrawn_at,
        };
        let display_name = match &patch.display_name {
            Some(v) => v.clone().filter(|s| !s.trim().is_empty()),
            None => current.display_name.clone(),
        };
        let display_country = match patch.display_country {
            Some(v) => v,
            None => current.display_country,
        };
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE signatures SET status = ?2, withdrawn_at = ?3, tier = ?4, consent_to_name = ?5,
                 display_name = ?6, display_country = ?7, note = ?8,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                params![
                    id.0,
                    status.as_str(),
                    withdrawn_at,
                    patch.tier.unwrap_or(current.tier).as_str(),
                    patch.consent_to_name.unwrap_or(current.consent_to_name),
                    display_name,
                    display_country.map(String::from),
                    patch.note.as_ref().unwrap_or(&current.note),
                ],
            )?;
            Ok(())
        })?;
        get(self.conn(), id)
    }

    /// One signature.
    pub fn signature(&self, id: SignatureId) -> Result<Signature> {
        get(self.conn(), id)
    }

    /// Every signature on a letter (all statuses), with signatory details,
    /// ordered by name.
    pub fn signatures(&self, letter: LetterId) -> Result<Vec<SignatureRow>> {
        self.letter(letter)?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS}, coalesce(s.display_name, o.name, i.name), o.kind, o.acronym,
                    i.title, i.affiliation, coalesce(s.display_country, o.country, i.country)
             FROM signatures s
             LEFT JOIN organisations o ON o.id = s.organisation_id
             LEFT JOIN individuals i ON i.id = s.individual_id
             WHERE s.letter_id = ?1
             ORDER BY coalesce(s.display_name, o.name, i.name) COLLATE NOCASE, s.id"
        ))?;
        let rows = stmt.query_map([letter.0], |row| {
            let signature = from_row(row)?;
            let kind: Option<String> = row.get(14)?;
            let country: Option<String> = row.get(18)?;
            Ok(SignatureRow {
                name: row.get(13)?,
                kind: match (signature.signatory, kind.as_deref()) {
                    (SignatoryRef::Individual(_), _) => SignatoryKind::Individual,
                    (_, Some("coalition")) => SignatoryKind::Coalition,
                    _ => SignatoryKind::Organisation,
                },
                acronym: row.get(15)?,
                title: row.get(16)?,
                affiliation: row.get(17)?,
                country: country.as_deref().and_then(CountryCode::new),
                signature,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
