//! The queries behind the figures: the confirmed rows of a letter and the
//! members of its signing coalitions (handed to [`crate::tally::Tally`]),
//! an organisation's history across letters, and the organisation x letter
//! matrix.

use chrono::{NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::signatures::signatory;
use super::{organisations, Store};
use crate::country::CountryCode;
use crate::error::Result;
use crate::model::{LetterId, LetterStatus, OrganisationId, SignatureId, SignatureStatus, Tier};
use crate::tally::{CoalitionMember, CountedRow, SignatoryKind, Tally};

/// One letter an organisation signed (or was asked to).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEntry {
    pub letter_id: LetterId,
    pub title: String,
    pub letter_date: Option<NaiveDate>,
    pub letter_status: LetterStatus,
    pub status: SignatureStatus,
    pub signed_at: Option<chrono::DateTime<Utc>>,
    pub withdrawn_at: Option<chrono::DateTime<Utc>>,
    pub tier: Tier,
}

/// Which organisations signed which of a set of letters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Matrix {
    pub letters: Vec<(LetterId, String)>,
    pub rows: Vec<MatrixRow>,
}

/// One organisation's row of the matrix: a cell per letter, in the order of
/// [`Matrix::letters`]; `None` where it did not sign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatrixRow {
    pub organisation_id: OrganisationId,
    pub name: String,
    pub cells: Vec<Option<SignatureStatus>>,
}

impl Store {
    /// The headline figures of a letter, with the rows behind them.
    pub fn tally(&self, letter: LetterId) -> Result<Tally> {
        let letter_row = self.letter(letter)?;
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT s.id, s.organisation_id, s.individual_id, coalesce(s.display_name, o.name, i.name),
                    o.kind, coalesce(s.display_country, o.country, i.country), s.tier, s.consent_to_name
             FROM signatures s
             LEFT JOIN organisations o ON o.id = s.organisation_id
             LEFT JOIN individuals i ON i.id = s.individual_id
             WHERE s.letter_id = ?1 AND s.status = 'confirmed'",
        )?;
        let rows = stmt
            .query_map([letter.0], |row| {
                let who = signatory(row.get(1)?, row.get(2)?)?;
                let kind: Option<String> = row.get(4)?;
                let country: Option<String> = row.get(5)?;
                let tier: String = row.get(6)?;
                Ok(CountedRow {
                    signature_id: SignatureId(row.get(0)?),
                    signatory: who,
                    name: row.get(3)?,
                    kind: match kind.as_deref() {
                        None => SignatoryKind::Individual,
                        Some("coalition") => SignatoryKind::Coalition,
                        Some(_) => SignatoryKind::Organisation,
                    },
                    country: country.as_deref().and_then(CountryCode::new),
                    tier: Tier::parse(&tier).unwrap_or(Tier::CoSigner),
                    consent_to_name: row.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;

        // Members at the letter's date (today for an undated letter).
        let on = letter_row.date.unwrap_or_else(|| Utc::now().date_naive());
        let mut stmt = conn.prepare_cached(
            "SELECT m.coalition_id, m.member_organisation_id, m.member_individual_id,
                    coalesce(o.name, i.name)
             FROM signatures s
             JOIN organisations c ON c.id = s.organisation_id AND c.kind = 'coalition'
             JOIN memberships m ON m.coalition_id = c.id
             LEFT JOIN organisations o ON o.id = m.member_organisation_id
             LEFT JOIN individuals i ON i.id = m.member_individual_id
             WHERE s.letter_id = ?1 AND s.status = 'confirmed'
               AND (m.joined_on IS NULL OR m.joined_on <= ?2)
               AND (m.left_on IS NULL OR m.left_on > ?2)",
        )?;
        let members = stmt
            .query_map(params![letter.0, on], |row| {
                Ok(CoalitionMember {
                    coalition_id: OrganisationId(row.get(0)?),
                    member: signatory(row.get(1)?, row.get(2)?)?,
                    name: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;

        let (mut pending, mut withdrawn) = (0, 0);
        let mut stmt = conn.prepare_cached(
            "SELECT status, count(*) FROM signatures WHERE letter_id = ?1 GROUP BY status",
        )?;
        let mut counts = stmt.query([letter.0])?;
        while let Some(row) = counts.next()? {
            let status: String = row.get(0)?;
            let n: u64 = row.get(1)?;
            match status.as_str() {
                "pending" => pending = n,
                "withdrawn" => withdrawn = n,
                _ => {}
            }
        }
        Ok(Tally::compute(rows, members, pending, withdrawn))
    }

    /// Every letter an organisation signed, with status and dates, newest first.
    pub fn history(&self, organisation: OrganisationId) -> Result<Vec<HistoryEntry>> {
        organisations::get(self.conn(), organisation)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.id, l.title, l.date, l.status, s.status, s.signed_at, s.withdrawn_at, s.tier
             FROM signatures s JOIN letters l ON l.id = s.letter_id
             WHERE s.organisation_id = ?1
                OR s.organisation_id IN (SELECT id FROM organisations WHERE merged_into = ?1)
             ORDER BY coalesce(l.date, l.created_at) DESC, l.id DESC",
        )?;
        let rows = stmt.query_map([organisation.0], |row| {
            let letter_status: String = row.get(3)?;
            let status: String = row.get(4)?;
            let tier: String = row.get(7)?;
            Ok(HistoryEntry {
                letter_id: LetterId(row.get(0)?),
                title: row.get(1)?,
                letter_date: row.get(2)?,
                letter_status: LetterStatus::parse(&letter_status).unwrap_or(LetterStatus::Draft),
                status: SignatureStatus::parse(&status).unwrap_or(SignatureStatus::Pending),
                signed_at: row.get(5)?,
                withdrawn_at: row.get(6)?,
                tier: Tier::parse(&tier).unwrap_or(Tier::CoSigner),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The organisation x letter matrix for a set of letters: one row per
    /// organisation that has a signature on any of them, by name.
    pub fn matrix(&self, letters: &[LetterId]) -> Result<Matrix> {
        let mut header = Vec::with_capacity(letters.len());
        for id in letters {
            header.push((*id, self.letter(*id)?.title));
        }
        let mut rows: Vec<MatrixRow> = Vec::new();
        let mut index: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT o.id, o.name, s.status FROM signatures s
             JOIN organisations o ON o.id = s.organisation_id WHERE s.letter_id = ?1",
        )?;
        for (column, id) in letters.iter().enumerate() {
            let mut q = stmt.query([id.0])?;
            while let Some(row) = q.next()? {
                let org: i64 = row.get(0)?;
                let status: String = row.get(2)?;
                let at = *index.entry(org).or_insert_with(|| {
                    rows.push(MatrixRow {
                        organisation_id: OrganisationId(org),
                        name: row.get(1).unwrap_or_default(),
                        cells: vec![None; letters.len()],
                    });
                    rows.len() - 1
                });
                rows[at].cells[column] = SignatureStatus::parse(&status).ok();
            }
        }
        rows.sort_by_cached_key(|r| r.name.to_lowercase());
        Ok(Matrix {
            letters: header,
            rows,
        })
    }
}
