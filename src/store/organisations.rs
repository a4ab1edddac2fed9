//! Organisations: one record across all letters, found by name, acronym or
//! alias whatever the case, accents or Unicode form ("HRW", "human rights
//! watch"). Keys are kept in `organisation_keys` so a lookup is one indexed
//! equality, fast among tens of thousands of organisations.

use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use super::{optional_row, Store};
use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::model::{NewOrganisation, Organisation, OrganisationId, OrganisationKind};
use crate::normalize::name_key;

const COLUMNS: &str = "o.id, o.name, o.acronym, o.country, o.kind, o.website, o.notes";

/// Reads the columns of [`COLUMNS`]; aliases and tags are filled in after.
fn from_row(row: &Row<'_>) -> rusqlite::Result<Organisation> {
    let kind: String = row.get(4)?;
    let country: Option<String> = row.get(3)?;
    Ok(Organisation {
        id: OrganisationId(row.get(0)?),
        name: row.get(1)?,
        acronym: row.get(2)?,
        aliases: Vec::new(),
        country: country.as_deref().and_then(CountryCode::new),
        kind: OrganisationKind::parse(&kind).unwrap_or(OrganisationKind::Other),
        website: row.get(5)?,
        notes: row.get(6)?,
        tags: Vec::new(),
    })
}

/// How a lookup matched an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LookupMatch {
    pub organisation: Organisation,
    /// `name`, `acronym` or `alias`.
    pub matched_on: String,
}

/// Narrows a listing of organisations.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct OrganisationFilter {
    /// Words that must all appear in the name, acronym or an alias.
    pub search: Option<String>,
    pub country: Option<CountryCode>,
    pub kind: Option<OrganisationKind>,
    pub limit: Option<u32>,
}

fn insert_keys(tx: &Connection, id: OrganisationId, org: &NewOrganisation) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO organisation_keys (key, organisation_id, source) VALUES (?1, ?2, ?3)",
    )?;
    let mut put = |text: &str, source: &str| -> Result<()> {
        let key = name_key(text);
        if !key.is_empty() {
            stmt.execute(params![key, id.0, source])?;
        }
        Ok(())
    };
    put(&org.name, "name")?;
    if let Some(acronym) = &org.acronym {
        put(acronym, "acronym")?;
    }
    for alias in &org.aliases {
        put(alias, "alias")?;
    }
    Ok(())
}

fn write_children(tx: &Connection, id: OrganisationId, org: &NewOrganisation) -> Result<()> {
    let mut alias = tx.prepare_cached(
        "INSERT OR IGNORE INTO organisation_aliases (organisation_id, alias) VALUES (?1, ?2)",
    )?;
    for a in &org.aliases {
        alias.execute(params![id.0, a])?;
    }
    let mut tag = tx.prepare_cached(
        "INSERT OR IGNORE INTO organisation_tags (organisation_id, tag) VALUES (?1, ?2)",
    )?;
    for t in &org.tags {
        tag.execute(params![id.0, t])?;
    }
    insert_keys(tx, id, org)
}

/// Inserts an organisation inside a caller's transaction (imports use this).
pub(crate) fn insert(tx: &Connection, org: &NewOrganisation) -> Result<OrganisationId> {
    tx.prepare_cached(
        "INSERT INTO organisations (name, acronym, country, kind, website, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        org.name,
        org.acronym,
        org.country.map(String::from),
        org.kind.as_str(),
        org.website,
        org.notes,
    ])?;
    let id = OrganisationId(tx.last_insert_rowid());
    write_children(tx, id, org)?;
    Ok(id)
}

/// Fills in the aliases and tags of `orgs` with one query per table,
/// however many organisations there are (a listing of 50,000 would otherwise
/// be 100,000 queries).
fn fill_children(conn: &Connection, orgs: &mut [Organisation]) -> Result<()> {
    if orgs.is_empty() {
        return Ok(());
    }
    let ids = serde_json::Value::from(orgs.iter().map(|o| o.id.0).collect::<Vec<_>>()).to_string();
    let index: std::collections::HashMap<i64, usize> =
        orgs.iter().enumerate().map(|(i, o)| (o.id.0, i)).collect();
    for (table, column) in [
        ("organisation_aliases", "alias"),
        ("organisation_tags", "tag"),
    ] {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT organisation_id, {column} FROM {table}
             WHERE organisation_id IN (SELECT value FROM json_each(?1))
             ORDER BY organisation_id, {column}"
        ))?;
        let mut rows = stmt.query([&ids])?;
        while let Some(row) = rows.next()? {
            let Some(&i) = index.get(&row.get::<_, i64>(0)?) else {
                continue;
            };
            let value: String = row.get(1)?;
            match column {
                "alias" => orgs[i].aliases.push(value),
                _ => orgs[i].tags.push(value),
            }
        }
    }
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: OrganisationId) -> Result<Organisation> {
    let mut org = optional_row(
        conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM organisations o WHERE o.id = ?1"
        ))?
        .query_row([id.0], from_row),
    )?
    .ok_or_else(|| Error::not_found("organisation", format!("org:{}", id.0)))?;
    fill_children(conn, std::slice::from_mut(&mut org))?;
    Ok(org)
}

/// Exact lookups by normalised name, acronym or alias.
pub(crate) fn lookup(conn: &Connection, text: &str) -> Result<Vec<LookupMatch>> {
    let key = name_key(text);
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, min(k.source) FROM organisation_keys k
         JOIN organisations o ON o.id = k.organisation_id
         WHERE k.key = ?1 AND o.merged_into IS NULL
         GROUP BY o.id ORDER BY o.name"
    ))?;
    let (mut orgs, sources): (Vec<Organisation>, Vec<String>) = stmt
        .query_map([key], |r| Ok((from_row(r)?, r.get::<_, String>(7)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .unzip();
    fill_children(conn, &mut orgs)?;
    Ok(orgs
        .into_iter()
        .zip(sources)
        .map(|(organisation, matched_on)| LookupMatch {
            organisation,
            matched_on,
        })
        .collect())
}

impl Store {
    /// Adds an organisation. A second record with the same name and country
    /// is refused: update or merge the existing one instead.
    pub fn add_organisation(&mut self, org: &NewOrganisation) -> Result<Organisation> {
        let id = self.with_tx(|tx| {
            let same: Option<i64> = optional_row(tx.query_row(
                "SELECT o.id FROM organisation_keys k JOIN organisations o ON o.id = k.organisation_id
                 WHERE k.key = ?1 AND k.source = 'name' AND o.country IS ?2 AND o.merged_into IS NULL",
                params![name_key(&org.name), org.country.map(String::from)],
                |r| r.get(0),
            ))?;
            if let Some(existing) = same {
                return Err(Error::Conflict(format!(
                    "\"{}\" is already recorded as org:{existing}",
                    org.name
                )));
            }
            insert(tx, org)
        })?;
        self.organisation(id)
    }

    /// Replaces an organisation's fields, aliases and tags.
    pub fn update_organisation(
        &mut self,
        id: OrganisationId,
        org: &NewOrganisation,
    ) -> Result<Organisation> {
        self.with_tx(|tx| {
            let changed = tx.execute(
                "UPDATE organisations SET name = ?2, acronym = ?3, country = ?4, kind = ?5,
                 website = ?6, notes = ?7, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1",
                params![
                    id.0,
                    org.name,
                    org.acronym,
                    org.country.map(String::from),
                    org.kind.as_str(),
                    org.website,
                    org.notes
                ],
            )?;
            if changed == 0 {
                return Err(Error::not_found("organisation", format!("org:{}", id.0)));
            }
            for table in [
                "organisation_aliases",
                "organisation_tags",
                "organisation_keys",
            ] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE organisation_id = ?1"),
                    [id.0],
                )?;
            }
            write_children(tx, id, org)
        })?;
        self.organisation(id)
    }

    /// One organisation, with aliases and tags.
    pub fn organisation(&self, id: OrganisationId) -> Result<Organisation> {
        get(self.conn(), id)
    }

    /// Organisations whose name, acronym or alias is exactly `text` once
    /// normalised (case, accents, Unicode form, punctuation ignored).
    pub fn lookup_organisation(&self, text: &str) -> Result<Vec<LookupMatch>> {
        lookup(self.conn(), text)
    }

    /// Lists organisations, optionally narrowed, ordered by name.
    pub fn list_organisations(&self, filter: &OrganisationFilter) -> Result<Vec<Organisation>> {
        let mut sql = format!("SELECT {COLUMNS} FROM organisations o WHERE o.merged_into IS NULL");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(country) = filter.country {
            args.push(String::from(country).into());
            sql.push_str(&format!(" AND o.country = ?{}", args.len()));
        }
        if let Some(kind) = filter.kind {
            args.push(kind.as_str().to_string().into());
            sql.push_str(&format!(" AND o.kind = ?{}", args.len()));
        }
        for word in filter
            .search
            .as_deref()
            .map(name_key)
            .unwrap_or_default()
            .split(' ')
        {
            if word.is_empty() {
                continue;
            }
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            args.push(format!("%{escaped}%").into());
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM organisation_keys k WHERE k.organisation_id = o.id
                   AND k.key LIKE ?{} ESCAPE '\\')",
                args.len()
            ));
        }
        sql.push_str(" ORDER BY o.name COLLATE NOCASE, o.id");
        if let Some(limit) = filter.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let mut orgs = stmt
            .query_map(rusqlite::params_from_iter(args), from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        fill_children(conn, &mut orgs)?;
        Ok(orgs)
    }

    /// Merges `duplicate` into `keep`: the duplicate's signatures,
    /// memberships, contacts, names and aliases move to `keep` (where `keep`
    /// already signed the same letter, its own signature stays and the
    /// duplicate's is kept on the duplicate record), and the duplicate is
    /// marked as merged, not deleted, so no history is lost.
    pub fn merge_organisations(
        &mut self,
        keep: OrganisationId,
        duplicate: OrganisationId,
    ) -> Result<Organisation> {
        if keep == duplicate {
            return Err(Error::invalid(
                "merge",
                "an organisation cannot be merged into itself",
            ));
        }
        let kept = self.organisation(keep)?;
        let dup = self.organisation(duplicate)?;
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE signatures SET organisation_id = ?1 WHERE organisation_id = ?2
                 AND letter_id NOT IN (SELECT letter_id FROM signatures WHERE organisation_id = ?1)",
                params![keep.0, duplicate.0],
            )?;
            tx.execute(
                "UPDATE OR IGNORE memberships SET member_organisation_id = ?1
                 WHERE member_organisation_id = ?2 AND coalition_id <> ?1",
                params![keep.0, duplicate.0],
            )?;
            tx.execute(
                "UPDATE OR IGNORE memberships SET coalition_id = ?1
                 WHERE coalition_id = ?2 AND member_organisation_id IS NOT ?1",
                params![keep.0, duplicate.0],
            )?;
            tx.execute(
                "UPDATE contacts SET organisation_id = ?1 WHERE organisation_id = ?2",
                params![keep.0, duplicate.0],
            )?;
            let mut merged = NewOrganisation {
                name: kept.name.clone(),
                acronym: kept.acronym.clone().or(dup.acronym.clone()),
                aliases: kept.aliases.clone(),
                country: kept.country.or(dup.country),
                kind: kept.kind,
                website: kept.website.clone().or(dup.website.clone()),
                notes: kept.notes.clone(),
                tags: kept.tags.clone(),
            };
            let dup_names = std::iter::once(dup.name.clone()).chain(dup.aliases.iter().cloned());
            for name in dup_names.chain(dup.acronym.clone().filter(|_| kept.acronym.is_some())) {
                if name_key(&name) != name_key(&kept.name) && !merged.aliases.contains(&name) {
                    merged.aliases.push(name);
                }
            }
            merged.tags.extend(dup.tags.iter().cloned());
            merged.tags.sort();
            merged.tags.dedup();
            write_children(tx, keep, &merged)?;
            tx.execute(
                "UPDATE organisations SET country = ?2, acronym = ?3, website = ?4,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                params![keep.0, merged.country.map(String::from), merged.acronym, merged.website],
            )?;
            tx.execute(
                "UPDATE organisations SET merged_into = ?1,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?2",
                params![keep.0, duplicate.0],
            )?;
            Ok(())
        })?;
        self.organisation(keep)
    }
}
