//! Imports: what a batch of parsed rows would do to a letter (the preview),
//! and doing it in one transaction (the commit).
//!
//! The preview is a dry run over the database as it is: each row would
//! create a record, link to an existing one (exact name, acronym or alias),
//! repeat an earlier row of the batch, find the signatory already on the
//! letter, need a choice between several records, or be rejected. Near
//! matches are suggestions only. The commit recomputes the preview inside
//! its transaction, applies the user's decisions, and either keeps all of
//! it or none: a failed, cancelled or killed import leaves the database as
//! it was.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{individuals, organisations, signatures, Store};
use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::intake::matching::{KeySource, KnownOrganisation, MatchIndex, Suggestion};
use crate::intake::{Confidence, ParsedRow, RowKind};
use crate::model::{
    Channel, ContactInput, IndividualId, IndividualInput, LetterId, NewSignature, OrganisationId,
    OrganisationInput, OrganisationKind, SignatoryRef, SignatureStatus, Tier,
};
use crate::normalize::name_key;
use crate::tally::{CountedRow, SignatoryKind, Tally};

/// What a row would do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum RowAction {
    /// A new organisation or individual, and its signature.
    Create,
    /// An existing record (same name, acronym or alias), and its signature.
    Link {
        signatory: SignatoryRef,
        name: String,
        matched_on: String,
    },
    /// The signatory is already on the letter: nothing changes.
    AlreadySigned {
        signatory: SignatoryRef,
        name: String,
        status: SignatureStatus,
    },
    /// The same signatory as an earlier row of this batch.
    Duplicate { of_row: usize, of_line: usize },
    /// Several records have this name: a person chooses (skipped until then).
    Choose { candidates: Vec<Candidate> },
    /// Not importable, and why.
    Reject { reason: String },
}

impl RowAction {
    /// `create`, `link`, `already_signed`, `duplicate`, `choose` or `reject`.
    pub fn as_str(&self) -> &'static str {
        match self {
            RowAction::Create => "create",
            RowAction::Link { .. } => "link",
            RowAction::AlreadySigned { .. } => "already_signed",
            RowAction::Duplicate { .. } => "duplicate",
            RowAction::Choose { .. } => "choose",
            RowAction::Reject { .. } => "reject",
        }
    }
}

/// One of several records a row could mean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Candidate {
    pub signatory: SignatoryRef,
    pub name: String,
    pub country: Option<CountryCode>,
}

/// The preview of one row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowPreview {
    /// Position in the rows given.
    pub row: usize,
    /// The row's line in the paste or file.
    pub line: usize,
    #[serde(flatten)]
    pub action: RowAction,
    /// Similar existing organisations (never merged automatically).
    pub suggestions: Vec<Suggestion>,
    /// What a person should know about this row (the parser's reasons,
    /// country conflicts, suggestions).
    pub flags: Vec<String>,
    /// Whether the row needs a person's decision before it counts: a low
    /// confidence, a near match, a country that differs from the record.
    /// Such rows are recorded as pending unless confirmed.
    pub review: bool,
}

impl RowPreview {
    /// Whether a person should decide about the row before it counts.
    pub fn flagged(&self) -> bool {
        self.review
    }
}

/// How many rows would do what.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    pub rows: usize,
    pub create: usize,
    pub link: usize,
    pub already_signed: usize,
    pub duplicates: usize,
    pub choose: usize,
    pub rejected: usize,
    /// Rows that need review (among create and link): recorded as pending.
    pub flagged: usize,
}

/// What an import would do, row by row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    pub letter: LetterId,
    pub rows: Vec<RowPreview>,
    pub summary: ImportSummary,
    /// The figures of the rows as parsed (duplicates and rejected rows left
    /// out), with the same keys as the letter's tally.
    pub tally: Tally,
}

/// A person's decision about a row, overriding the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum RowDecision {
    /// Create a new record even though one matches or resembles it.
    Create,
    /// Use this existing record (a suggestion, or one of several candidates).
    Link { signatory: SignatoryRef },
    /// Leave the row out.
    Skip,
    /// Record the row as confirmed even though it is flagged.
    Confirm,
}

/// The decisions for a commit.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ImportDecisions {
    /// By row position.
    pub rows: BTreeMap<usize, RowDecision>,
    /// How the signatures reached the campaign.
    pub channel: Channel,
    /// The status of signatures of unflagged rows.
    pub status: SignatureStatus,
    /// The status of signatures of flagged rows (default pending: they do
    /// not count until someone confirms them).
    pub flagged_status: SignatureStatus,
    pub tier: Tier,
    /// Set it (from another thread, or from the progress callback) to stop
    /// the import: it is rolled back and `Error::Cancelled` returned.
    #[serde(skip)]
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for ImportDecisions {
    fn default() -> Self {
        ImportDecisions {
            rows: BTreeMap::new(),
            channel: Channel::Import,
            status: SignatureStatus::Confirmed,
            flagged_status: SignatureStatus::Pending,
            tier: Tier::CoSigner,
            cancel: None,
        }
    }
}

/// What became of one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowResult {
    pub row: usize,
    pub line: usize,
    /// `created`, `matched`, `already_signed`, `duplicate`, `skipped` or `error`.
    pub outcome: String,
    pub signatory: Option<SignatoryRef>,
    pub status: Option<SignatureStatus>,
    pub message: Option<String>,
}

/// A row that could not be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowError {
    pub row: usize,
    pub line: usize,
    pub message: String,
}

/// The report of a committed import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    /// New records created.
    pub created: usize,
    /// Rows linked to existing records.
    pub matched: usize,
    /// Rows that repeated another row or a signature already on the letter.
    pub duplicates: usize,
    /// Rows recorded with the flagged status (pending) for review.
    pub flagged: usize,
    /// Rows left out by decision or awaiting a choice.
    pub skipped: usize,
    /// Signatures added to the letter.
    pub signatures: usize,
    /// Contacts added from form columns.
    pub contacts: usize,
    pub errors: Vec<RowError>,
    pub rows: Vec<RowResult>,
    /// The copy of the database taken just before the import wrote anything.
    pub backup: Option<std::path::PathBuf>,
}

/// The database as the preview needs it.
struct Known {
    index: MatchIndex,
    people: HashMap<String, Vec<(IndividualId, String, Option<CountryCode>)>>,
    signed: HashMap<SignatoryRef, SignatureStatus>,
    kinds: HashMap<OrganisationId, OrganisationKind>,
}

fn load(conn: &Connection, letter: LetterId) -> Result<Known> {
    let mut stmt = conn.prepare(
        "SELECT id, name, acronym, country, kind FROM organisations WHERE merged_into IS NULL",
    )?;
    let orgs = stmt
        .query_map([], |r| {
            let country: Option<String> = r.get(3)?;
            let kind: String = r.get(4)?;
            Ok(KnownOrganisation {
                id: OrganisationId(r.get(0)?),
                name: r.get(1)?,
                acronym: r.get(2)?,
                country: country.as_deref().and_then(CountryCode::new),
                kind: OrganisationKind::parse(&kind).unwrap_or(OrganisationKind::Other),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let kinds = orgs.iter().map(|o| (o.id, o.kind)).collect();
    let mut stmt = conn.prepare("SELECT key, organisation_id, source FROM organisation_keys")?;
    let keys = stmt
        .query_map([], |r| {
            let source: String = r.get(2)?;
            Ok((
                r.get::<_, String>(0)?,
                OrganisationId(r.get(1)?),
                KeySource::parse(&source),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let index = MatchIndex::new(orgs, keys);

    let mut people: HashMap<String, Vec<(IndividualId, String, Option<CountryCode>)>> =
        HashMap::new();
    let mut stmt = conn.prepare("SELECT id, name_key, name, country FROM individuals")?;
    let rows = stmt.query_map([], |r| {
        let country: Option<String> = r.get(3)?;
        Ok((
            IndividualId(r.get(0)?),
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            country.as_deref().and_then(CountryCode::new),
        ))
    })?;
    for row in rows {
        let (id, key, name, country) = row?;
        people.entry(key).or_default().push((id, name, country));
    }

    let mut signed = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT organisation_id, individual_id, status FROM signatures WHERE letter_id = ?1",
    )?;
    let rows = stmt.query_map([letter.0], |r| {
        let status: String = r.get(2)?;
        Ok((
            signatures::signatory(r.get(0)?, r.get(1)?)?,
            SignatureStatus::parse(&status).unwrap_or(SignatureStatus::Pending),
        ))
    })?;
    for row in rows {
        let (who, status) = row?;
        signed.insert(who, status);
    }
    Ok(Known {
        index,
        people,
        signed,
        kinds,
    })
}

/// The checks a row must pass to be stored, as the model's own inputs run them.
fn check_row(row: &ParsedRow) -> Result<()> {
    match row.kind {
        RowKind::Organisation => organisation_input(row).check().map(drop),
        RowKind::Individual => individual_input(row).check().map(drop),
    }
}

fn organisation_input(row: &ParsedRow) -> OrganisationInput {
    OrganisationInput {
        name: row.name.clone(),
        acronym: row.acronym.clone(),
        country: row.country.map(String::from),
        website: row.website.clone(),
        ..Default::default()
    }
}

fn individual_input(row: &ParsedRow) -> IndividualInput {
    IndividualInput {
        name: row.name.clone(),
        title: row.title.clone(),
        affiliation: row.affiliation.clone(),
        country: row.country.map(String::from),
        notes: None,
    }
}

fn country_name(c: Option<CountryCode>) -> String {
    c.map(|c| c.name(crate::country::Language::En).to_string())
        .unwrap_or_else(|| "no country".into())
}

/// Computes the preview of `rows` against the database `conn` sees.
fn preview(conn: &Connection, letter: LetterId, rows: &[ParsedRow]) -> Result<ImportPreview> {
    let known = load(conn, letter)?;
    // Keys of the rows seen so far in this batch -> (row position, line).
    let mut batch: HashMap<(RowKind, String), (usize, usize)> = HashMap::new();
    // Existing records already claimed by an earlier row.
    let mut claimed: HashMap<SignatoryRef, (usize, usize)> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    let mut summary = ImportSummary {
        rows: rows.len(),
        ..Default::default()
    };
    let mut counted: Vec<CountedRow> = Vec::new();

    for (i, row) in rows.iter().enumerate() {
        let mut flags: Vec<String> = Vec::new();
        let mut review = row.confidence == Confidence::Low;
        if row.confidence < Confidence::High {
            flags.extend(row.reasons.iter().cloned());
            if flags.is_empty() {
                flags.push("read with a guess".into());
            }
        }
        let mut suggestions = Vec::new();
        let key = name_key(&row.name);
        let acronym_key = row
            .acronym
            .as_deref()
            .map(name_key)
            .filter(|k| !k.is_empty());

        let action = if let Err(e) = check_row(row) {
            RowAction::Reject {
                reason: e.to_string(),
            }
        } else if let Some(&(of_row, of_line)) = batch.get(&(row.kind, key.clone())).or_else(|| {
            acronym_key
                .as_ref()
                .and_then(|a| batch.get(&(row.kind, a.clone())))
        }) {
            RowAction::Duplicate { of_row, of_line }
        } else {
            let candidates: Vec<(Candidate, String)> = match row.kind {
                RowKind::Organisation => {
                    let mut found = known.index.exact(&key);
                    if found.is_empty() {
                        if let Some(a) = &acronym_key {
                            found = known.index.exact(a);
                        }
                    }
                    // Several records with one name: the row's country decides.
                    if found.len() > 1 && row.country.is_some() {
                        let same: Vec<_> = found
                            .iter()
                            .filter(|(o, _)| o.country == row.country)
                            .cloned()
                            .collect();
                        if same.len() == 1 {
                            found = same;
                        }
                    }
                    found
                        .into_iter()
                        .map(|(o, source)| {
                            (
                                Candidate {
                                    signatory: SignatoryRef::Organisation(o.id),
                                    name: o.name.clone(),
                                    country: o.country,
                                },
                                source.as_str().to_string(),
                            )
                        })
                        .collect()
                }
                RowKind::Individual => known
                    .people
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .map(|(id, name, country)| {
                        (
                            Candidate {
                                signatory: SignatoryRef::Individual(*id),
                                name: name.clone(),
                                country: *country,
                            },
                            "name".to_string(),
                        )
                    })
                    .collect(),
            };
            match candidates.len() {
                0 => {
                    if row.kind == RowKind::Organisation {
                        suggestions = known.index.near(&row.name, row.acronym.as_deref());
                        if !suggestions.is_empty() {
                            review = true;
                            flags.push(format!(
                                "resembles {}: link it if it is the same organisation",
                                suggestions
                                    .iter()
                                    .map(|s| format!("org:{} {}", s.organisation.0, s.name))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ));
                        }
                    }
                    RowAction::Create
                }
                1 => {
                    let (c, matched_on) = candidates.into_iter().next().ok_or_else(|| {
                        Error::Conflict("a match disappeared while previewing".into())
                    })?;
                    if let (Some(theirs), Some(ours)) = (c.country, row.country) {
                        if theirs != ours {
                            review = true;
                            flags.push(format!(
                                "the list says {}, the record says {}",
                                country_name(Some(ours)),
                                country_name(Some(theirs))
                            ));
                        }
                    }
                    if let Some(&(of_row, of_line)) = claimed.get(&c.signatory) {
                        RowAction::Duplicate { of_row, of_line }
                    } else if let Some(status) = known.signed.get(&c.signatory) {
                        RowAction::AlreadySigned {
                            signatory: c.signatory,
                            name: c.name,
                            status: *status,
                        }
                    } else {
                        claimed.insert(c.signatory, (i, row.line));
                        RowAction::Link {
                            signatory: c.signatory,
                            name: c.name,
                            matched_on,
                        }
                    }
                }
                _ => RowAction::Choose {
                    candidates: candidates.into_iter().map(|(c, _)| c).collect(),
                },
            }
        };

        match &action {
            RowAction::Reject { .. } | RowAction::Duplicate { .. } => {}
            _ => {
                batch
                    .entry((row.kind, key.clone()))
                    .or_insert((i, row.line));
                if let Some(a) = &acronym_key {
                    batch.entry((row.kind, a.clone())).or_insert((i, row.line));
                }
            }
        }
        match &action {
            RowAction::Create => summary.create += 1,
            RowAction::Link { .. } => summary.link += 1,
            RowAction::AlreadySigned { .. } => summary.already_signed += 1,
            RowAction::Duplicate { .. } => summary.duplicates += 1,
            RowAction::Choose { .. } => summary.choose += 1,
            RowAction::Reject { .. } => summary.rejected += 1,
        }
        if matches!(action, RowAction::Create | RowAction::Link { .. }) && review {
            summary.flagged += 1;
        }
        // The figures of the rows as parsed: every row that names a
        // signatory once (a row already on the letter still counts here).
        if !matches!(
            action,
            RowAction::Reject { .. } | RowAction::Duplicate { .. }
        ) {
            let signatory = match &action {
                RowAction::Link { signatory, .. } | RowAction::AlreadySigned { signatory, .. } => {
                    *signatory
                }
                // Not yet stored: a placeholder id no record has.
                _ => SignatoryRef::Organisation(OrganisationId(-(i as i64) - 1)),
            };
            let kind = match (row.kind, signatory) {
                (RowKind::Individual, _) => SignatoryKind::Individual,
                (_, SignatoryRef::Organisation(id))
                    if known.kinds.get(&id) == Some(&OrganisationKind::Coalition) =>
                {
                    SignatoryKind::Coalition
                }
                _ => SignatoryKind::Organisation,
            };
            counted.push(CountedRow {
                signature_id: crate::model::SignatureId(i as i64),
                signatory,
                name: row.name.clone(),
                kind,
                country: row.country,
                tier: Tier::CoSigner,
                consent_to_name: row.consent_to_name.unwrap_or(true),
            });
        }
        out.push(RowPreview {
            row: i,
            line: row.line,
            action,
            suggestions,
            flags,
            review,
        });
    }
    Ok(ImportPreview {
        letter,
        rows: out,
        summary,
        tally: Tally::compute(counted, Vec::new(), 0, 0),
    })
}

impl Store {
    /// What importing `rows` into `letter` would do, without changing anything.
    pub fn preview_import(&self, letter: LetterId, rows: &[ParsedRow]) -> Result<ImportPreview> {
        self.letter(letter)?;
        preview(self.conn(), letter, rows)
    }

    /// Imports `rows` into `letter` in one transaction: every row as the
    /// preview says unless `decisions` says otherwise. `progress` is called
    /// with (rows done, rows in all) as the work goes on. On any error
    /// nothing is kept. A backup of the database is taken first (see
    /// `Store::backup_before_import`).
    pub fn commit_import(
        &mut self,
        letter: LetterId,
        rows: &[ParsedRow],
        decisions: &ImportDecisions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        self.letter(letter)?;
        for (&row, decision) in &decisions.rows {
            if row >= rows.len() {
                return Err(Error::invalid(
                    "decision",
                    format!("row {row} does not exist (there are {} rows)", rows.len()),
                ));
            }
            if let RowDecision::Link { signatory } = decision {
                self.check_exists(*signatory)?;
            }
        }
        let backup = self.backup_before_import()?.map(|b| b.path);
        let mut report =
            self.atomically(|store| commit(store.conn(), letter, rows, decisions, progress))?;
        report.backup = backup;
        Ok(report)
    }

    fn check_exists(&self, who: SignatoryRef) -> Result<()> {
        match who {
            SignatoryRef::Organisation(id) => organisations::get(self.conn(), id).map(drop),
            SignatoryRef::Individual(id) => individuals::get(self.conn(), id).map(drop),
        }
    }
}

fn commit(
    conn: &Connection,
    letter: LetterId,
    rows: &[ParsedRow],
    decisions: &ImportDecisions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let preview = preview(conn, letter, rows)?;
    let total = rows.len();
    let mut report = ImportReport::default();
    // Rows created in this import, so a decision to link a later duplicate works.
    let mut created: HashMap<usize, SignatoryRef> = HashMap::new();
    progress(0, total);
    for (p, row) in preview.rows.iter().zip(rows) {
        let decision = decisions.rows.get(&p.row);
        let mut result = RowResult {
            row: p.row,
            line: p.line,
            outcome: String::new(),
            signatory: None,
            status: None,
            message: None,
        };
        let target: Option<(SignatoryRef, bool)> = match (decision, &p.action) {
            (Some(RowDecision::Skip), _) => {
                result.outcome = "skipped".into();
                report.skipped += 1;
                None
            }
            (_, RowAction::Reject { reason }) => {
                result.outcome = "error".into();
                result.message = Some(reason.clone());
                report.errors.push(RowError {
                    row: p.row,
                    line: p.line,
                    message: reason.clone(),
                });
                None
            }
            (Some(RowDecision::Link { signatory }), _) => Some((*signatory, false)),
            (Some(RowDecision::Create), _) => Some((create(conn, row)?, true)),
            (_, RowAction::Create) => Some((create(conn, row)?, true)),
            (_, RowAction::Link { signatory, .. }) => Some((*signatory, false)),
            (
                _,
                RowAction::AlreadySigned {
                    signatory, status, ..
                },
            ) => {
                result.outcome = "already_signed".into();
                result.signatory = Some(*signatory);
                result.status = Some(*status);
                report.duplicates += 1;
                None
            }
            (_, RowAction::Duplicate { of_row, .. }) => {
                result.outcome = "duplicate".into();
                result.signatory = created.get(of_row).copied();
                result.message = Some(format!("same as line {}", rows[*of_row].line));
                report.duplicates += 1;
                None
            }
            (_, RowAction::Choose { .. }) => {
                result.outcome = "skipped".into();
                result.message = Some("several records have this name: choose one".into());
                report.skipped += 1;
                None
            }
        };
        if let Some((who, is_new)) = target {
            let flagged = p.flagged() && decision != Some(&RowDecision::Confirm);
            let status = if flagged {
                decisions.flagged_status
            } else {
                decisions.status
            };
            let existing = signatures_on(conn, letter, who)?;
            if let Some(existing) = existing {
                // Linked by decision to a signatory already on the letter:
                // its signature (perhaps withdrawn) is left as it is.
                result.outcome = "already_signed".into();
                result.status = Some(existing);
                report.duplicates += 1;
            } else {
                let mut new = NewSignature::confirmed(who);
                new.status = status;
                new.channel = decisions.channel;
                new.tier = decisions.tier;
                new.consent_to_name = row.consent_to_name.unwrap_or(true);
                new.signed_at = row.signed_at.or(new.signed_at);
                if flagged {
                    new.note = format!("to check: {}", p.flags.join("; "));
                }
                signatures::upsert(conn, letter, &new)?;
                report.signatures += 1;
                if flagged {
                    report.flagged += 1;
                }
                result.outcome = if is_new { "created" } else { "matched" }.into();
                if is_new {
                    report.created += 1;
                    created.insert(p.row, who);
                } else {
                    report.matched += 1;
                }
                result.status = Some(status);
                if let (SignatoryRef::Organisation(id), Some(contact)) = (who, &row.contact) {
                    if add_contact(conn, id, contact)? {
                        report.contacts += 1;
                    }
                }
            }
            result.signatory = Some(who);
        }
        report.rows.push(result);
        progress(p.row + 1, total);
        if decisions
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
        {
            return Err(Error::Cancelled("the import"));
        }
    }
    Ok(report)
}

fn signatures_on(
    conn: &Connection,
    letter: LetterId,
    who: SignatoryRef,
) -> Result<Option<SignatureStatus>> {
    // `=` so that SQLite uses the unique (letter, signatory) index.
    let (sql, id) = match who {
        SignatoryRef::Organisation(id) => (
            "SELECT status FROM signatures WHERE letter_id = ?1 AND organisation_id = ?2",
            id.0,
        ),
        SignatoryRef::Individual(id) => (
            "SELECT status FROM signatures WHERE letter_id = ?1 AND individual_id = ?2",
            id.0,
        ),
    };
    let status: Option<String> = super::optional_row(
        conn.prepare_cached(sql)?
            .query_row(rusqlite::params![letter.0, id], |r| r.get(0)),
    )?;
    Ok(status.map(|s| SignatureStatus::parse(&s).unwrap_or(SignatureStatus::Pending)))
}

fn create(conn: &Connection, row: &ParsedRow) -> Result<SignatoryRef> {
    Ok(match row.kind {
        RowKind::Organisation => SignatoryRef::Organisation(organisations::insert(
            conn,
            &organisation_input(row).check()?,
        )?),
        RowKind::Individual => {
            SignatoryRef::Individual(individuals::insert(conn, &individual_input(row).check()?)?)
        }
    })
}

/// Adds the form's contact person to an organisation, unless a contact with
/// that name is there already. A contact that does not check (a malformed
/// email) is left out: the signature matters more than the contact.
fn add_contact(
    conn: &Connection,
    organisation: OrganisationId,
    contact: &crate::intake::RowContact,
) -> Result<bool> {
    let name = contact
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "Contact from the sign-on form".into());
    let Ok(checked) = (ContactInput {
        name,
        email: contact.email.clone(),
        phone: contact.phone.clone(),
        ..Default::default()
    })
    .check() else {
        return Ok(false);
    };
    let exists: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM contacts WHERE organisation_id = ?1 AND (name = ?2 OR email IS ?3)",
        )?
        .query_row(
            rusqlite::params![organisation.0, checked.name, checked.email],
            |r| r.get(0),
        )?;
    if exists > 0 {
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT INTO contacts (organisation_id, name, role, email, phone, languages)
         VALUES (?1, ?2, NULL, ?3, ?4, '[]')",
    )?
    .execute(rusqlite::params![
        organisation.0,
        checked.name,
        checked.email,
        checked.phone
    ])?;
    Ok(true)
}
