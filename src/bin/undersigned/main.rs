//! `undersigned`: the command line over the core library.
//!
//! Thin glue, as in ripgrep: parse arguments, turn raw text into the
//! library's `*Input` types, make one library call, print the result as text
//! or (`--json`) as JSON. No SQL and no business rules here. Errors print one
//! line (what and where) and exit with status 1; usage errors exit with 2.

mod args;
mod backup;
mod export;
mod import;
mod print;

use std::io::Read;
use std::process::ExitCode;

use clap::Parser;
use serde_json::json;

use undersigned::country::{parse_country_field, Language};
use undersigned::model::{
    parse_date, Channel, ContactInput, IndividualInput, LetterId, LetterInput, NewSignature,
    OrganisationId, OrganisationInput, OrganisationKind, SignatoryRef, SignatureStatus, Tier,
};
use undersigned::store::OrganisationFilter;
use undersigned::tally::Figure;
use undersigned::{demo, Error, Result, Store};

use args::{
    Cli, CoalitionCommand, Command, ContactCommand, LetterCommand, OrgCommand, PersonCommand,
};
use print::Printer;

fn main() -> ExitCode {
    undersigned::intake::spreadsheet::run_child_if_requested();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("undersigned: {e}");
            ExitCode::FAILURE
        }
    }
}

fn db_path(cli: &Cli) -> Result<std::path::PathBuf> {
    match &cli.db {
        Some(path) => Ok(path.clone()),
        None => Store::default_path(),
    }
}

fn open(cli: &Cli) -> Result<Store> {
    Store::open(&db_path(cli)?)
}

fn run(cli: Cli) -> Result<()> {
    let out = Printer { json: cli.json };
    if backup::handles(&cli.command) {
        return backup::run(&db_path(&cli)?, &out, cli.command);
    }
    let mut store = open(&cli)?;
    match cli.command {
        Command::Demo => {
            let id = demo::load(&mut store)?;
            out.value(&json!({ "letter_id": id }), || format!("{}", id.0));
        }
        Command::Org(cmd) => org(&mut store, &out, cmd)?,
        Command::Person(cmd) => person(&mut store, &out, cmd)?,
        Command::Contact(cmd) => contact(&mut store, &out, cmd)?,
        Command::Coalition(cmd) => coalition(&mut store, &out, cmd)?,
        Command::Letter(cmd) => letter(&mut store, &out, cmd)?,
        Command::Sign(a) => {
            let letter = LetterId(a.letter);
            let who = store.resolve_signatory(&a.signatory)?;
            let mut new = NewSignature::confirmed(who);
            new.status = SignatureStatus::parse(&a.status)?;
            new.tier = Tier::parse(&a.tier)?;
            new.channel = Channel::parse(&a.channel)?;
            new.consent_to_name = !a.anonymous;
            new.display_name = a.display_name;
            new.display_country = match a.display_country {
                Some(c) => parse_country_field("display country", &c)?,
                None => None,
            };
            new.note = a.note.unwrap_or_default();
            let signature = store.sign(letter, &new)?;
            out.value(&signature, || {
                format!("{} {} on letter {}", who, signature.status, letter.0)
            });
        }
        Command::Withdraw { letter, signatory } => {
            let who = store.resolve_signatory(&signatory)?;
            let signature = store.withdraw(LetterId(letter), who)?;
            out.value(&signature, || {
                format!("{who} withdrawn from letter {letter} (kept, not counted)")
            });
        }
        Command::Signatures { letter } => {
            let rows = store.signatures(LetterId(letter))?;
            out.value(&rows, || print::signatures(&rows));
        }
        Command::Tally {
            letter,
            lang,
            explain,
        } => {
            let lang = Language::parse(&lang)?;
            let tally = store.tally(LetterId(letter))?;
            let mut value = json!({
                "letter_id": letter,
                "signatories": tally.signatories,
                "organisations": tally.organisations,
                "coalitions": tally.coalitions,
                "individuals": tally.individuals,
                "countries": tally.countries,
                "no_country": tally.no_country,
                "representing": tally.representing,
                "pending": tally.pending,
                "withdrawn": tally.withdrawn,
                "unnamed": tally.unnamed,
                "phrase": tally.phrase(lang),
                "representing_phrase": tally.representing_phrase(lang),
                "by_country": tally.by_country.iter().map(|c| json!({
                    "country": c.country, "name": c.country.name(lang), "count": c.count
                })).collect::<Vec<_>>(),
            });
            let figure = match explain {
                Some(name) => Some(Figure::parse(&name).ok_or_else(|| {
                    Error::invalid(
                        "--explain",
                        format!("\"{name}\" is not one of signatories, organisations, coalitions, individuals, countries, no_country, representing"),
                    )
                })?),
                None => None,
            };
            let rows = figure.map(|f| tally.explain(f));
            if let Some(rows) = &rows {
                value["explain"] = json!(rows);
            }
            out.value(&value, || print::tally(&tally, lang, rows.as_deref()));
        }
        Command::Export(cmd) => export::run(&store, &out, cmd)?,
        Command::History { organisation } => {
            let id = org_id(&store, &organisation)?;
            let entries = store.history(id)?;
            out.value(&entries, || print::history(&entries));
        }
        Command::Import(cmd) => import::run(&mut store, &out, cmd)?,
        Command::Matrix { letters } => {
            let ids: Vec<LetterId> = letters.into_iter().map(LetterId).collect();
            let matrix = store.matrix(&ids)?;
            out.value(&matrix, || print::matrix(&matrix));
        }
        // Answered before the store is opened (see `backup::handles`).
        command @ (Command::Backup { .. } | Command::Backups | Command::Restore { .. }) => {
            let path = store.path().map(std::path::Path::to_path_buf);
            drop(store);
            if let Some(path) = path {
                backup::run(&path, &out, command)?;
            }
        }
    }
    Ok(())
}

/// An organisation named by `org:ID`, a bare id, or a unique name/acronym/alias.
fn org_id(store: &Store, text: &str) -> Result<OrganisationId> {
    if let Ok(n) = text.trim().parse::<i64>() {
        return Ok(store.organisation(OrganisationId(n))?.id);
    }
    match store.resolve_signatory(text)? {
        SignatoryRef::Organisation(id) => Ok(id),
        SignatoryRef::Individual(_) => Err(Error::invalid(
            "organisation",
            format!("\"{text}\" is an individual, not an organisation"),
        )),
    }
}

fn optional_date(field: &str, text: Option<String>) -> Result<Option<chrono::NaiveDate>> {
    text.map(|t| parse_date(field, &t)).transpose()
}

fn org(store: &mut Store, out: &Printer, cmd: OrgCommand) -> Result<()> {
    match cmd {
        OrgCommand::Add(a) => {
            let input = OrganisationInput {
                name: a.name,
                acronym: a.acronym,
                aliases: a.alias,
                country: a.country,
                kind: a.kind,
                website: a.website,
                notes: a.notes,
                tags: a.tag,
            };
            let org = store.add_organisation(&input.check()?)?;
            out.value(&org, || format!("org:{} {}", org.id.0, org.name));
        }
        OrgCommand::List {
            search,
            country,
            kind,
        } => {
            let filter = OrganisationFilter {
                search,
                country: match country {
                    Some(c) => parse_country_field("--country", &c)?,
                    None => None,
                },
                kind: kind.as_deref().map(OrganisationKind::parse).transpose()?,
                limit: None,
            };
            let orgs = store.list_organisations(&filter)?;
            out.value(&orgs, || print::organisations(&orgs));
        }
        OrgCommand::Show { organisation } => {
            let id = org_id(store, &organisation)?;
            let org = store.organisation(id)?;
            let history = store.history(id)?;
            let contacts = store.contacts(id)?;
            out.value(
                &json!({ "organisation": org, "letters": history, "contacts": contacts.len() }),
                || print::organisation(&org, &history, contacts.len()),
            );
        }
        OrgCommand::Find { text } => {
            let matches = store.lookup_organisation(&text)?;
            if matches.is_empty() && !out.json {
                let similar = store.list_organisations(&OrganisationFilter {
                    search: Some(text.clone()),
                    limit: Some(10),
                    ..Default::default()
                })?;
                println!("no organisation is called \"{text}\"");
                if !similar.is_empty() {
                    println!("names containing those words:");
                    print!("{}", print::organisations(&similar));
                }
                return Ok(());
            }
            out.value(&matches, || {
                matches
                    .iter()
                    .map(|m| {
                        format!(
                            "org:{} {} (matched on {})\n",
                            m.organisation.id.0, m.organisation.name, m.matched_on
                        )
                    })
                    .collect()
            });
        }
        OrgCommand::Merge { keep, duplicate } => {
            let keep = org_id(store, &keep)?;
            let duplicate = org_id(store, &duplicate)?;
            let org = store.merge_organisations(keep, duplicate)?;
            out.value(&org, || {
                format!(
                    "merged org:{} into org:{} {}",
                    duplicate.0, keep.0, org.name
                )
            });
        }
    }
    Ok(())
}

fn person(store: &mut Store, out: &Printer, cmd: PersonCommand) -> Result<()> {
    match cmd {
        PersonCommand::Add {
            name,
            title,
            affiliation,
            country,
        } => {
            let input = IndividualInput {
                name,
                title,
                affiliation,
                country,
                notes: None,
            };
            let person = store.add_individual(&input.check()?)?;
            out.value(&person, || {
                format!("person:{} {}", person.id.0, person.name)
            });
        }
        PersonCommand::List { search } => {
            let people = store.list_individuals(search.as_deref())?;
            out.value(&people, || print::individuals(&people));
        }
    }
    Ok(())
}

fn contact(store: &mut Store, out: &Printer, cmd: ContactCommand) -> Result<()> {
    match cmd {
        ContactCommand::Add {
            organisation,
            name,
            role,
            city,
            email,
            phone,
            language,
        } => {
            let id = org_id(store, &organisation)?;
            let input = ContactInput {
                name,
                role,
                city,
                email,
                phone,
                languages: language,
            };
            let contact = store.add_contact(id, &input.check()?)?;
            out.value(&contact, || {
                format!("contact {} added to org:{}", contact.id, id.0)
            });
        }
        ContactCommand::List { organisation } => {
            let id = org_id(store, &organisation)?;
            let contacts = store.contacts(id)?;
            out.value(&contacts, || print::contacts(&contacts));
        }
    }
    Ok(())
}

fn coalition(store: &mut Store, out: &Printer, cmd: CoalitionCommand) -> Result<()> {
    match cmd {
        CoalitionCommand::AddMember {
            coalition,
            member,
            role,
            joined,
            left,
        } => {
            let coalition = org_id(store, &coalition)?;
            let member = store.resolve_signatory(&member)?;
            let joined = optional_date("--joined", joined)?;
            let left = optional_date("--left", left)?;
            let m = store.add_member(coalition, member, role.as_deref(), joined, left)?;
            out.value(&m, || {
                format!("{} is a member of org:{}", m.member_name, coalition.0)
            });
        }
        CoalitionCommand::Members { coalition } => {
            let coalition = org_id(store, &coalition)?;
            let members = store.members(coalition)?;
            out.value(&members, || print::members(&members));
        }
    }
    Ok(())
}

fn letter(store: &mut Store, out: &Printer, cmd: LetterCommand) -> Result<()> {
    match cmd {
        LetterCommand::New(a) => {
            let a = *a;
            let body = match a.body_file {
                Some(path) if path.as_os_str() == "-" => {
                    let mut text = String::new();
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .map_err(|e| Error::Io {
                            path: path.clone(),
                            source: e,
                        })?;
                    Some(text)
                }
                Some(path) => Some(std::fs::read_to_string(&path).map_err(|e| Error::Io {
                    path: path.clone(),
                    source: e,
                })?),
                None => None,
            };
            let lead = match a.lead {
                Some(text) => Some(org_id(store, &text)?.0),
                None => None,
            };
            let input = LetterInput {
                title: a.title,
                recipient: a.recipient,
                date: a.date,
                place: a.place,
                language: a.language,
                body,
                status: a.status,
                deadline: a.deadline,
                lead_coalition_id: lead,
                signatory_heading: a.heading,
                list_order: a.order,
                country_label: a.country_label,
            };
            let letter = store.create_letter(&input.check()?)?;
            out.value(&letter, || format!("{}", letter.id.0));
        }
        LetterCommand::List => {
            let letters = store.list_letters()?;
            out.value(&letters, || print::letters(&letters));
        }
        LetterCommand::Show { letter } => {
            let letter = store.letter(LetterId(letter))?;
            let tally = store.tally(letter.id)?;
            out.value(
                &json!({ "letter": letter, "phrase": tally.phrase(letter.language) }),
                || print::letter(&letter, &tally),
            );
        }
    }
    Ok(())
}
