//! Contacts: people at organisations (media contacts of a press release).
//! Personal data: their emails and phones are stored here and shown to the
//! user, but never written to logs or error messages.

use rusqlite::{params, Row};

use super::{organisations, Store};
use crate::error::Result;
use crate::model::{Contact, NewContact, OrganisationId};

fn from_row(row: &Row<'_>) -> rusqlite::Result<Contact> {
    let languages: String = row.get(6)?;
    Ok(Contact {
        id: row.get(0)?,
        organisation_id: OrganisationId(row.get(1)?),
        name: row.get(2)?,
        role: row.get(3)?,
        email: row.get(4)?,
        phone: row.get(5)?,
        languages: serde_json::from_str(&languages).unwrap_or_default(),
        city: row.get(7)?,
    })
}

impl Store {
    /// Adds a contact person to an organisation.
    pub fn add_contact(
        &mut self,
        organisation: OrganisationId,
        contact: &NewContact,
    ) -> Result<Contact> {
        organisations::get(self.conn(), organisation)?;
        let languages = serde_json::to_string(&contact.languages).unwrap_or_else(|_| "[]".into());
        let id = self.with_tx(|tx| {
            tx.execute(
                "INSERT INTO contacts (organisation_id, name, role, email, phone, languages, city)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    organisation.0,
                    contact.name,
                    contact.role,
                    contact.email,
                    contact.phone,
                    languages,
                    contact.city
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.contacts(organisation)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| crate::error::Error::not_found("contact", id))
    }

    /// The contacts of an organisation, by name.
    pub fn contacts(&self, organisation: OrganisationId) -> Result<Vec<Contact>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, organisation_id, name, role, email, phone, languages, city FROM contacts
             WHERE organisation_id = ?1 ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([organisation.0], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
