//! Letters: the joint letters themselves, with their display settings, and
//! the list of letters with live figures that the app opens on.

use chrono::NaiveDate;
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::{optional_row, organisations, Store};
use crate::country::{CountryLabelStyle, Language};
use crate::error::{Error, Result};
use crate::model::{
    Letter, LetterId, LetterStatus, ListOrder, NewLetter, OrganisationId, OrganisationKind,
};

const COLUMNS: &str = "l.id, l.title, l.recipient, l.date, l.place, l.language, l.body, l.status,
    l.deadline, l.lead_coalition_id, l.signatory_heading, l.list_order, l.country_label";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Letter> {
    let word = |i: usize| -> rusqlite::Result<String> { row.get(i) };
    Ok(Letter {
        id: LetterId(row.get(0)?),
        title: row.get(1)?,
        recipient: row.get(2)?,
        date: row.get(3)?,
        place: row.get(4)?,
        language: Language::parse(&word(5)?).unwrap_or_default(),
        body: row.get(6)?,
        status: LetterStatus::parse(&word(7)?).unwrap_or(LetterStatus::Draft),
        deadline: row.get(8)?,
        lead_coalition_id: row.get::<_, Option<i64>>(9)?.map(OrganisationId),
        signatory_heading: row.get(10)?,
        list_order: ListOrder::parse(&word(11)?).unwrap_or(ListOrder::Alphabetical),
        country_label: CountryLabelStyle::parse(&word(12)?).unwrap_or_default(),
    })
}

/// A letter in the list of letters, with its live figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterSummary {
    pub id: LetterId,
    pub title: String,
    pub status: LetterStatus,
    pub date: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub language: Language,
    /// Confirmed signatures.
    pub signatories: u64,
    /// Distinct countries of confirmed signatories.
    pub countries: u64,
    pub pending: u64,
    pub withdrawn: u64,
}

impl Store {
    fn check_lead(&self, letter: &NewLetter) -> Result<()> {
        if let Some(lead) = letter.lead_coalition_id {
            let org = organisations::get(self.conn(), lead)?;
            if org.kind != OrganisationKind::Coalition {
                return Err(Error::invalid(
                    "lead coalition",
                    format!("\"{}\" is not a coalition", org.name),
                ));
            }
        }
        Ok(())
    }

    /// Creates a letter.
    pub fn create_letter(&mut self, letter: &NewLetter) -> Result<Letter> {
        self.check_lead(letter)?;
        let id = self.with_tx(|tx| {
            tx.execute(
                "INSERT INTO letters (title, recipient, date, place, language, body, status, deadline,
                 lead_coalition_id, signatory_heading, list_order, country_label)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    letter.title,
                    letter.recipient,
                    letter.date,
                    letter.place,
                    letter.language.as_str(),
                    letter.body,
                    letter.status.as_str(),
                    letter.deadline,
                    letter.lead_coalition_id.map(|id| id.0),
                    letter.signatory_heading,
                    letter.list_order.as_str(),
                    letter.country_label.as_str(),
                ],
            )?;
            Ok(LetterId(tx.last_insert_rowid()))
        })?;
        self.letter(id)
    }

    /// Replaces a letter's fields.
    pub fn update_letter(&mut self, id: LetterId, letter: &NewLetter) -> Result<Letter> {
        self.check_lead(letter)?;
        let changed = self.with_tx(|tx| {
            Ok(tx.execute(
                "UPDATE letters SET title = ?2, recipient = ?3, date = ?4, place = ?5, language = ?6,
                 body = ?7, status = ?8, deadline = ?9, lead_coalition_id = ?10,
                 signatory_heading = ?11, list_order = ?12, country_label = ?13,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1",
                params![
                    id.0,
                    letter.title,
                    letter.recipient,
                    letter.date,
                    letter.place,
                    letter.language.as_str(),
                    letter.body,
                    letter.status.as_str(),
                    letter.deadline,
                    letter.lead_coalition_id.map(|id| id.0),
                    letter.signatory_heading,
                    letter.list_order.as_str(),
                    letter.country_label.as_str(),
                ],
            )?)
        })?;
        if changed == 0 {
            return Err(Error::not_found("letter", id.0));
        }
        self.letter(id)
    }

    /// One letter.
    pub fn letter(&self, id: LetterId) -> Result<Letter> {
        optional_row(
            self.conn()
                .prepare_cached(&format!("SELECT {COLUMNS} FROM letters l WHERE l.id = ?1"))?
                .query_row([id.0], from_row),
        )?
        .ok_or_else(|| Error::not_found("letter", id.0))
    }

    /// The letter with this exact title, if there is one.
    pub fn letter_by_title(&self, title: &str) -> Result<Option<Letter>> {
        optional_row(
            self.conn()
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM letters l WHERE l.title = ?1 ORDER BY l.id LIMIT 1"
                ))?
                .query_row([title], from_row),
        )
    }

    /// Every letter, newest first, with live figures in one query.
    pub fn list_letters(&self) -> Result<Vec<LetterSummary>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.id, l.title, l.status, l.date, l.deadline, l.language,
                    count(s.id) FILTER (WHERE s.status = 'confirmed'),
                    count(DISTINCT CASE WHEN s.status = 'confirmed'
                          THEN coalesce(s.display_country, o.country, i.country) END),
                    count(s.id) FILTER (WHERE s.status = 'pending'),
                    count(s.id) FILTER (WHERE s.status = 'withdrawn')
             FROM letters l
             LEFT JOIN signatures s ON s.letter_id = l.id
             LEFT JOIN organisations o ON o.id = s.organisation_id
             LEFT JOIN individuals i ON i.id = s.individual_id
             GROUP BY l.id
             ORDER BY coalesce(l.date, l.created_at) DESC, l.id DESC",
        )?;
        let rows = stmt.query_map([], |row| {
            let status: String = row.get(2)?;
            let language: String = row.get(5)?;
            Ok(LetterSummary {
                id: LetterId(row.get(0)?),
                title: row.get(1)?,
                status: LetterStatus::parse(&status).unwrap_or(LetterStatus::Draft),
                date: row.get(3)?,
                deadline: row.get(4)?,
                language: Language::parse(&language).unwrap_or_default(),
                signatories: row.get(6)?,
                countries: row.get(7)?,
                pending: row.get(8)?,
                withdrawn: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
