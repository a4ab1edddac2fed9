//! Text output for people. JSON output is serde's rendering of the library's
//! types; this module only formats for a terminal.

use serde::Serialize;

use undersigned::country::Language;
use undersigned::model::{Contact, Individual, Letter, Membership, Organisation};
use undersigned::store::{HistoryEntry, LetterSummary, Matrix, SignatureRow};
use undersigned::tally::{ExplainedRow, Tally};

/// Prints either JSON or text.
pub struct Printer {
    pub json: bool,
}

impl Printer {
    /// Prints `value` as JSON, or the text `text` builds.
    pub fn value<T: Serialize + ?Sized>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(s) => println!("{s}"),
                Err(e) => eprintln!("undersigned: could not write JSON: {e}"),
            }
        } else {
            let text = text();
            if text.ends_with('\n') {
                print!("{text}");
            } else {
                println!("{text}");
            }
        }
    }
}

fn country(c: Option<undersigned::country::CountryCode>) -> String {
    c.map(|c| c.to_string()).unwrap_or_else(|| "--".into())
}

pub fn organisations(orgs: &[Organisation]) -> String {
    orgs.iter()
        .map(|o| {
            let acronym = o
                .acronym
                .as_deref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            format!(
                "org:{:<6} {}  {}{}  [{}]\n",
                o.id.0,
                country(o.country),
                o.name,
                acronym,
                o.kind
            )
        })
        .collect()
}

pub fn organisation(o: &Organisation, history: &[HistoryEntry], contacts: usize) -> String {
    let mut s = format!("org:{} {}\n", o.id.0, o.name);
    if let Some(a) = &o.acronym {
        s.push_str(&format!("  acronym:  {a}\n"));
    }
    if !o.aliases.is_empty() {
        s.push_str(&format!("  aliases:  {}\n", o.aliases.join("; ")));
    }
    s.push_str(&format!(
        "  country:  {}\n  kind:     {}\n",
        o.country
            .map(|c| format!("{} {}", c, c.name(Language::En)))
            .unwrap_or_else(|| "international / not stated".into()),
        o.kind
    ));
    if let Some(w) = &o.website {
        s.push_str(&format!("  website:  {w}\n"));
    }
    if !o.tags.is_empty() {
        s.push_str(&format!("  tags:     {}\n", o.tags.join(", ")));
    }
    s.push_str(&format!("  contacts: {contacts}\n"));
    s.push_str(&format!("  letters:  {}\n", history.len()));
    s.push_str(&self::history(history));
    s
}

pub fn individuals(people: &[Individual]) -> String {
    people
        .iter()
        .map(|p| {
            let about = [p.title.as_deref(), p.affiliation.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "person:{:<4} {}  {}  {}\n",
                p.id.0,
                country(p.country),
                p.name,
                about
            )
        })
        .collect()
}

pub fn contacts(contacts: &[Contact]) -> String {
    contacts
        .iter()
        .map(|c| {
            format!(
                "{}  {}  {}  {}  {}\n",
                c.name,
                c.role.as_deref().unwrap_or(""),
                c.email.as_deref().unwrap_or(""),
                c.phone.as_deref().unwrap_or(""),
                c.languages.join(", ")
            )
        })
        .collect()
}

pub fn members(members: &[Membership]) -> String {
    members
        .iter()
        .map(|m| {
            let dates = match (m.joined_on, m.left_on) {
                (None, None) => String::new(),
                (j, l) => format!(
                    "  {}..{}",
                    j.map(|d| d.to_string()).unwrap_or_default(),
                    l.map(|d| d.to_string()).unwrap_or_default()
                ),
            };
            format!(
                "{:<10} {}  {}{}\n",
                m.member.to_string(),
                m.member_name,
                m.role.as_deref().unwrap_or(""),
                dates
            )
        })
        .collect()
}

pub fn letters(letters: &[LetterSummary]) -> String {
    if letters.is_empty() {
        return "no letters yet: `undersigned letter new TITLE`, or `undersigned demo` for the sample\n".into();
    }
    letters
        .iter()
        .map(|l| {
            format!(
                "{:<5} {:<10} {}  {}  {} signed, {} countries, {} pending, {} withdrawn\n",
                l.id.0,
                l.status,
                l.date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "(no date)".into()),
                l.title,
                l.signatories,
                l.countries,
                l.pending,
                l.withdrawn
            )
        })
        .collect()
}

pub fn letter(l: &Letter, t: &Tally) -> String {
    let mut s = format!("letter {}: {}\n", l.id.0, l.title);
    for (label, value) in [
        ("recipient", l.recipient.clone()),
        ("date", l.date.map(|d| d.to_string())),
        ("place", l.place.clone()),
        ("deadline", l.deadline.map(|d| d.to_string())),
    ] {
        if let Some(v) = value {
            s.push_str(&format!("  {label:<10} {v}\n"));
        }
    }
    s.push_str(&format!(
        "  {:<10} {}\n  {:<10} {}\n  {:<10} {} / {} / {}\n  {:<10} {}\n",
        "status",
        l.status,
        "language",
        l.language.as_str(),
        "list",
        l.list_order,
        l.country_label.as_str(),
        l.signatory_heading,
        "figures",
        t.phrase(l.language)
    ));
    s
}

pub fn signatures(rows: &[SignatureRow]) -> String {
    rows.iter()
        .map(|r| {
            let who = r.signature.signatory.to_string();
            format!(
                "{:<12} {:<10} {:<9} {}  {}{}\n",
                who,
                r.signature.status,
                r.signature.tier,
                country(r.country),
                r.name,
                if r.signature.consent_to_name {
                    ""
                } else {
                    "  (not to be named)"
                }
            )
        })
        .collect()
}

pub fn tally(t: &Tally, lang: Language, explain: Option<&[ExplainedRow]>) -> String {
    let mut s = format!("{}\n", t.phrase(lang));
    if let Some(r) = t.representing_phrase(lang) {
        s.push_str(&format!("{r}\n"));
    }
    s.push_str(&format!(
        "\n  signatories    {}\n  organisations  {} (of which coalitions {})\n  individuals    {}\n  countries      {}\n  no country     {}\n  representing   {}\n  not counted    {} pending, {} withdrawn\n",
        t.signatories, t.organisations, t.coalitions, t.individuals, t.countries, t.no_country,
        t.representing, t.pending, t.withdrawn
    ));
    if !t.by_country.is_empty() {
        s.push('\n');
        for c in &t.by_country {
            s.push_str(&format!(
                "  {} {:<24} {}\n",
                c.country,
                c.country.name(lang),
                c.count
            ));
        }
    }
    if let Some(rows) = explain {
        s.push('\n');
        for r in rows {
            let via = r
                .via_coalition
                .map(|c| format!("  (member of org:{})", c.0))
                .unwrap_or_default();
            s.push_str(&format!(
                "  {:<12} {}  {}{}\n",
                r.signatory.to_string(),
                country(r.country),
                r.name,
                via
            ));
        }
    }
    s
}

pub fn history(entries: &[HistoryEntry]) -> String {
    entries
        .iter()
        .map(|h| {
            format!(
                "  letter {:<4} {}  {:<10} {}\n",
                h.letter_id.0,
                h.letter_date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "(no date)".into()),
                h.status,
                h.title
            )
        })
        .collect()
}

pub fn matrix(m: &Matrix) -> String {
    let mut s = String::from("organisation");
    for (id, _) in &m.letters {
        s.push_str(&format!("\t{}", id.0));
    }
    s.push('\n');
    for row in &m.rows {
        s.push_str(&row.name);
        for cell in &row.cells {
            s.push('\t');
            s.push_str(cell.map(|c| c.as_str()).unwrap_or("-"));
        }
        s.push('\n');
    }
    s
}
