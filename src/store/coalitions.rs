//! Coalitions and their members. A coalition is an organisation of kind
//! `coalition`; its members (organisations or individuals, with role and
//! joined/left dates) are what a signing coalition "represents".

use chrono::NaiveDate;
use rusqlite::{params, Row};

use super::{individuals, organisations, Store};
use crate::error::{Error, Result};
use crate::model::{IndividualId, Membership, OrganisationId, OrganisationKind, SignatoryRef};

const COLUMNS: &str = "m.id, m.coalition_id, m.member_organisation_id, m.member_individual_id,
    coalesce(o.name, i.name), m.role, m.joined_on, m.left_on";
const FROM: &str = "memberships m
    LEFT JOIN organisations o ON o.id = m.member_organisation_id
    LEFT JOIN individuals i ON i.id = m.member_individual_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Membership> {
    let org: Option<i64> = row.get(2)?;
    let person: Option<i64> = row.get(3)?;
    let member = match (org, person) {
        (Some(o), _) => SignatoryRef::Organisation(OrganisationId(o)),
        (None, Some(p)) => SignatoryRef::Individual(IndividualId(p)),
        (None, None) => {
            return Err(rusqlite::Error::InvalidColumnType(
                2,
                "member".into(),
                rusqlite::types::Type::Null,
            ))
        }
    };
    Ok(Membership {
        id: row.get(0)?,
        coalition_id: OrganisationId(row.get(1)?),
        member,
        member_name: row.get(4)?,
        role: row.get(5)?,
        joined_on: row.get(6)?,
        left_on: row.get(7)?,
    })
}

impl Store {
    /// Adds a member to a coalition, or updates the role and dates of an
    /// existing membership.
    pub fn add_member(
        &mut self,
        coalition: OrganisationId,
        member: SignatoryRef,
        role: Option<&str>,
        joined_on: Option<NaiveDate>,
        left_on: Option<NaiveDate>,
    ) -> Result<Membership> {
        let coalition_org = organisations::get(self.conn(), coalition)?;
        if coalition_org.kind != OrganisationKind::Coalition {
            return Err(Error::invalid(
                "coalition",
                format!(
                    "\"{}\" is not a coalition (its kind is {})",
                    coalition_org.name, coalition_org.kind
                ),
            ));
        }
        if let (Some(j), Some(l)) = (joined_on, left_on) {
            if l < j {
                return Err(Error::invalid(
                    "left",
                    "the member cannot leave before joining",
                ));
            }
        }
        let (org, person) = match member {
            SignatoryRef::Organisation(id) => {
                if id == coalition {
                    return Err(Error::invalid(
                        "member",
                        "a coalition cannot be its own member",
                    ));
                }
                organisations::get(self.conn(), id)?;
                (Some(id.0), None)
            }
            SignatoryRef::Individual(id) => {
                individuals::get(self.conn(), id)?;
                (None, Some(id.0))
            }
        };
        let id = self.with_tx(|tx| {
            let existing: Option<i64> = super::optional_row(tx.query_row(
                "SELECT id FROM memberships WHERE coalition_id = ?1
                 AND member_organisation_id IS ?2 AND member_individual_id IS ?3",
                params![coalition.0, org, person],
                |r| r.get(0),
            ))?;
            match existing {
                Some(id) => {
                    tx.execute(
                        "UPDATE memberships SET role = ?2, joined_on = ?3, left_on = ?4 WHERE id = ?1",
                        params![id, role, joined_on, left_on],
                    )?;
                    Ok(id)
                }
                None => {
                    tx.execute(
                        "INSERT INTO memberships (coalition_id, member_organisation_id,
                         member_individual_id, role, joined_on, left_on)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![coalition.0, org, person, role, joined_on, left_on],
                    )?;
                    Ok(tx.last_insert_rowid())
                }
            }
        })?;
        self.members(coalition)?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| Error::not_found("membership", id))
    }

    /// Every membership of a coalition, current and past, by member name.
    pub fn members(&self, coalition: OrganisationId) -> Result<Vec<Membership>> {
        organisations::get(self.conn(), coalition)?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE m.coalition_id = ?1
             ORDER BY coalesce(o.name, i.name) COLLATE NOCASE, m.id"
        ))?;
        let rows = stmt.query_map([coalition.0], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
