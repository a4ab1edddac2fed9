//! Individuals: people who sign in their own name ("David Hawk, Visiting
//! Scholar, Columbia University"), kept apart from organisations because they
//! are counted apart and listed after them.

use rusqlite::{params, Connection, Row};

use super::{optional_row, Store};
use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::model::{Individual, IndividualId, NewIndividual};
use crate::normalize::name_key;

const COLUMNS: &str = "i.id, i.name, i.title, i.affiliation, i.country, i.notes";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Individual> {
    let country: Option<String> = row.get(4)?;
    Ok(Individual {
        id: IndividualId(row.get(0)?),
        name: row.get(1)?,
        title: row.get(2)?,
        affiliation: row.get(3)?,
        country: country.as_deref().and_then(CountryCode::new),
        notes: row.get(5)?,
    })
}

/// Inserts an individual inside a caller's transaction.
pub(crate) fn insert(tx: &Connection, person: &NewIndividual) -> Result<IndividualId> {
    tx.prepare_cached(
        "INSERT INTO individuals (name, name_key, title, affiliation, country, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        person.name,
        name_key(&person.name),
        person.title,
        person.affiliation,
        person.country.map(String::from),
        person.notes,
    ])?;
    Ok(IndividualId(tx.last_insert_rowid()))
}

pub(crate) fn get(conn: &Connection, id: IndividualId) -> Result<Individual> {
    optional_row(
        conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM individuals i WHERE i.id = ?1"
        ))?
        .query_row([id.0], from_row),
    )?
    .ok_or_else(|| Error::not_found("individual", format!("person:{}", id.0)))
}

/// Individuals whose name is exactly `text` once normalised.
pub(crate) fn lookup(conn: &Connection, text: &str) -> Result<Vec<Individual>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM individuals i WHERE i.name_key = ?1 ORDER BY i.id"
    ))?;
    let rows = stmt.query_map([name_key(text)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Adds an individual.
    pub fn add_individual(&mut self, person: &NewIndividual) -> Result<Individual> {
        let id = self.with_tx(|tx| insert(tx, person))?;
        self.individual(id)
    }

    /// One individual.
    pub fn individual(&self, id: IndividualId) -> Result<Individual> {
        get(self.conn(), id)
    }

    /// Individuals whose name is `text` (case, accents, form ignored).
    pub fn lookup_individual(&self, text: &str) -> Result<Vec<Individual>> {
        lookup(self.conn(), text)
    }

    /// Every individual, ordered by name; `search` narrows by words of the name.
    pub fn list_individuals(&self, search: Option<&str>) -> Result<Vec<Individual>> {
        let words: Vec<String> = search
            .map(name_key)
            .unwrap_or_default()
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| {
                let w = w
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                format!("%{w}%")
            })
            .collect();
        let mut sql = format!("SELECT {COLUMNS} FROM individuals i WHERE 1");
        for n in 1..=words.len() {
            sql.push_str(&format!(" AND i.name_key LIKE ?{n} ESCAPE '\\'"));
        }
        sql.push_str(" ORDER BY i.name COLLATE NOCASE, i.id");
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(words), from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
