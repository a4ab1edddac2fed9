//! The signatory list as it is printed under a letter: who is listed, in
//! which order, under which headings, and how each line reads.
//!
//! Built once per export from [`Store::signatures`] and the letter's display
//! settings, so the PDF, the spreadsheets and the press release all agree:
//! - only confirmed signatures are listed; withdrawn and pending ones never;
//! - those who asked not to be named are counted, not named: "and 3
//!   individuals who asked not to be named";
//! - organisations first, in the letter's order (alphabetical with the
//!   collation of the letter's language, by country, by tier, or by signing
//!   date), then individuals, with the note that affiliations are for
//!   identification only;
//! - each line reads `Name (Country)` with the letter's country-label style
//!   ("ROK" or "South Korea"); individuals add title and affiliation.

use std::cmp::Ordering;

use chrono::NaiveDate;
use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};
use serde::{Deserialize, Serialize};

use crate::country::{CountryCode, CountryLabelStyle, Language};
use crate::error::Result;
use crate::model::{Letter, LetterId, ListOrder, SignatureStatus, Tier};
use crate::store::{SignatureRow, Store};
use crate::tally::{group_digits, SignatoryKind, Tally};

/// One named signatory, as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    /// The line as printed: "Burma Partnership (Thailand)".
    pub line: String,
    /// The line without the country, for lists grouped by country.
    pub line_without_country: String,
    /// The country as the letter labels it ("ROK"), if any.
    pub country_label: Option<String>,
    /// The signature and its signatory, as the store gave them.
    pub row: SignatureRow,
}

impl ListEntry {
    /// The day the signature came in, if known.
    pub fn signed_on(&self) -> Option<NaiveDate> {
        self.row.signature.signed_at.map(|t| t.date_naive())
    }

    /// The signatory's standing on the letter.
    pub fn tier(&self) -> Tier {
        self.row.signature.tier
    }
}

/// A run of entries under one heading (a country, a tier), or under none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListGroup {
    /// `None` for an alphabetical or by-date list.
    pub heading: Option<String>,
    pub entries: Vec<ListEntry>,
}

/// The whole list under a letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatoryList {
    pub language: Language,
    pub order: ListOrder,
    /// "Members and supporters of the Coalition include:".
    pub heading: String,
    /// Organisations (and coalitions), grouped as the order asks.
    pub organisations: Vec<ListGroup>,
    /// Individuals, after the organisations.
    pub individuals: Vec<ListEntry>,
    /// "Individuals (affiliations for identification only)", when there are any.
    pub individuals_heading: Option<String>,
    /// Counted signatories who asked not to be named.
    pub unnamed_organisations: u64,
    pub unnamed_individuals: u64,
}

impl SignatoryList {
    /// Builds the list of `letter` from the store.
    pub fn build(store: &Store, letter: LetterId) -> Result<SignatoryList> {
        let letter = store.letter(letter)?;
        let rows = store.signatures(letter.id)?;
        Ok(Self::from_rows(&letter, rows))
    }

    /// Builds the list from a letter and its signature rows (all statuses).
    pub fn from_rows(letter: &Letter, rows: Vec<SignatureRow>) -> SignatoryList {
        let lang = letter.language;
        let collator = collator(lang);
        let mut unnamed_organisations = 0;
        let mut unnamed_individuals = 0;
        let mut organisations = Vec::new();
        let mut individuals = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for row in rows {
            if row.signature.status != SignatureStatus::Confirmed
                || !seen.insert(row.signature.signatory)
            {
                continue;
            }
            let is_person = row.kind == SignatoryKind::Individual;
            if !row.signature.consent_to_name {
                if is_person {
                    unnamed_individuals += 1;
                } else {
                    unnamed_organisations += 1;
                }
                continue;
            }
            let entry = entry(row, letter.country_label, lang);
            if is_person {
                individuals.push(entry);
            } else {
                organisations.push(entry);
            }
        }
        let order = letter.list_order;
        let keyed = |entries: Vec<ListEntry>| -> Vec<(Vec<u8>, Vec<u8>, ListEntry)> {
            let mut keyed: Vec<(Vec<u8>, Vec<u8>, ListEntry)> = entries
                .into_iter()
                .map(|e| {
                    let name_key = sort_key(&collator, &e.row.name);
                    let group_key = match order {
                        ListOrder::ByCountry => match e.row.country {
                            // Countries sort by their name in the letter's
                            // language; "international" comes last.
                            Some(c) => {
                                let mut k = vec![0];
                                k.extend(sort_key(&collator, c.name(lang)));
                                k
                            }
                            None => vec![1],
                        },
                        ListOrder::ByTier => vec![tier_rank(e.tier())],
                        ListOrder::BySigningDate => match e.signed_on() {
                            Some(d) => {
                                let mut k = vec![0];
                                k.extend(d.format("%Y%m%d").to_string().into_bytes());
                                k
                            }
                            None => vec![1],
                        },
                        ListOrder::Alphabetical => Vec::new(),
                    };
                    (group_key, name_key, e)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
            keyed
        };

        let orgs = keyed(organisations);
        let mut groups: Vec<ListGroup> = Vec::new();
        let mut last_key: Option<Vec<u8>> = None;
        for (group_key, _, entry) in orgs {
            let heading = match order {
                ListOrder::ByCountry => Some(country_heading(entry.row.country, lang)),
                ListOrder::ByTier => Some(tier_heading(entry.tier(), lang).to_string()),
                ListOrder::Alphabetical | ListOrder::BySigningDate => None,
            };
            if (heading.is_some() && last_key.as_ref() != Some(&group_key)) || groups.is_empty() {
                groups.push(ListGroup {
                    heading,
                    entries: Vec::new(),
                });
                last_key = Some(group_key);
            }
            if let Some(group) = groups.last_mut() {
                group.entries.push(entry);
            }
        }
        let individuals: Vec<ListEntry> = keyed(individuals).into_iter().map(|k| k.2).collect();
        SignatoryList {
            language: lang,
            order,
            heading: letter.signatory_heading.clone(),
            organisations: groups,
            individuals_heading: (!individuals.is_empty())
                .then(|| individuals_heading(lang).to_string()),
            individuals,
            unnamed_organisations,
            unnamed_individuals,
        }
    }

    /// Every named entry, organisations first, in printed order.
    pub fn entries(&self) -> impl Iterator<Item = &ListEntry> {
        self.organisations
            .iter()
            .flat_map(|g| g.entries.iter())
            .chain(self.individuals.iter())
    }

    /// How many are named.
    pub fn named(&self) -> usize {
        self.organisations
            .iter()
            .map(|g| g.entries.len())
            .sum::<usize>()
            + self.individuals.len()
    }

    /// Whether the entries show their country, or a group heading does.
    pub fn grouped_by_country(&self) -> bool {
        self.order == ListOrder::ByCountry
    }

    /// "and 3 individuals who asked not to be named", when anyone did.
    pub fn unnamed_line(&self) -> Option<String> {
        unnamed_line(
            self.unnamed_organisations,
            self.unnamed_individuals,
            self.language,
        )
    }
}

/// "and 2 organisations and 3 individuals who asked not to be named".
pub fn unnamed_line(organisations: u64, individuals: u64, lang: Language) -> Option<String> {
    let (o, i) = (group_digits(organisations), group_digits(individuals));
    match lang {
        Language::En => {
            let orgs = match organisations {
                1 => "1 organisation".to_string(),
                _ => format!("{o} organisations"),
            };
            let people = match individuals {
                1 => "1 individual".to_string(),
                _ => format!("{i} individuals"),
            };
            match (organisations, individuals) {
                (0, 0) => None,
                (0, 1) => Some("and 1 individual who asked not to be named".into()),
                (0, _) => Some(format!("and {people} who asked not to be named")),
                (_, 0) => Some(format!("and {orgs} that asked not to be named")),
                _ => Some(format!("and {orgs} and {people} who asked not to be named")),
            }
        }
        Language::Ko => match (organisations, individuals) {
            (0, 0) => None,
            (0, _) => Some(format!("외 이름을 밝히지 않기를 요청한 개인 {i}명")),
            (_, 0) => Some(format!("외 이름을 밝히지 않기를 요청한 단체 {o}곳")),
            _ => Some(format!(
                "외 이름을 밝히지 않기를 요청한 단체 {o}곳과 개인 {i}명"
            )),
        },
    }
}

/// The collator for a letter's language (ICU4X, CLDR root with the
/// language's tailoring: Korean puts Hangul first).
fn collator(lang: Language) -> CollatorBorrowed<'static> {
    let locale = match lang {
        Language::En => icu_locale_core::locale!("en"),
        Language::Ko => icu_locale_core::locale!("ko"),
    };
    let mut options = CollatorOptions::default();
    options.strength = Some(Strength::Tertiary);
    // The compiled data covers every locale, so this cannot fail; if it did,
    // the root collation is still a proper collation.
    Collator::try_new(locale.into(), options)
        .or_else(|_| Collator::try_new(Default::default(), options))
        .unwrap_or_else(|_| root_collator())
}

#[allow(clippy::expect_used)]
fn root_collator() -> CollatorBorrowed<'static> {
    Collator::try_new(Default::default(), CollatorOptions::default())
        .expect("ICU4X compiled data always has the root collation")
}

/// A sort key: comparing keys bytewise orders names as the collator does.
fn sort_key(collator: &CollatorBorrowed<'static>, text: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(text.len() * 2);
    let Ok(()) = collator.write_sort_key_to(text, &mut key);
    key
}

/// Compares two names as the letter's language sorts them.
pub fn compare_names(lang: Language, a: &str, b: &str) -> Ordering {
    collator(lang).compare(a, b)
}

fn tier_rank(tier: Tier) -> u8 {
    match tier {
        Tier::Lead => 0,
        Tier::CoSigner => 1,
        Tier::Supporter => 2,
    }
}

fn tier_heading(tier: Tier, lang: Language) -> &'static str {
    match (tier, lang) {
        (Tier::Lead, Language::En) => "Lead organisations",
        (Tier::CoSigner, Language::En) => "Co-signers",
        (Tier::Supporter, Language::En) => "Supporters",
        (Tier::Lead, Language::Ko) => "주관 단체",
        (Tier::CoSigner, Language::Ko) => "공동 서명 단체",
        (Tier::Supporter, Language::Ko) => "지지 단체",
    }
}

fn country_heading(country: Option<CountryCode>, lang: Language) -> String {
    match (country, lang) {
        (Some(c), _) => c.name(lang).to_string(),
        (None, Language::En) => "International / country not stated".into(),
        (None, Language::Ko) => "국제 / 국가 미기재".into(),
    }
}

fn individuals_heading(lang: Language) -> &'static str {
    match lang {
        Language::En => "Individuals (affiliations for identification only)",
        Language::Ko => "개인 (소속은 신원 확인용)",
    }
}

fn entry(row: SignatureRow, style: CountryLabelStyle, lang: Language) -> ListEntry {
    let country_label = row.country.map(|c| c.label(style, lang));
    let mut base = row.name.clone();
    if row.kind == SignatoryKind::Individual {
        for part in [&row.title, &row.affiliation].into_iter().flatten() {
            base.push_str(", ");
            base.push_str(part);
        }
    }
    let line = match &country_label {
        Some(label) => format!("{base} ({label})"),
        None => base.clone(),
    };
    ListEntry {
        line,
        line_without_country: base,
        country_label,
        row,
    }
}

/// A date as the letter's language writes it: "December 16, 2019",
/// "2019년 12월 16일".
pub fn format_date(date: NaiveDate, lang: Language) -> String {
    match lang {
        Language::En => date.format("%B %-d, %Y").to_string(),
        Language::Ko => date.format("%Y년 %-m월 %-d일").to_string(),
    }
}

/// Where and when a letter was written, as its language writes it:
/// "Seoul, December 16, 2019", "2019년 12월 16일, 서울".
pub fn dateline(letter: &Letter) -> Option<String> {
    let lang = letter.language;
    let date = letter.date.map(|d| format_date(d, lang));
    match (&letter.place, date) {
        (Some(p), Some(d)) => Some(match lang {
            Language::En => format!("{p}, {d}"),
            Language::Ko => format!("{d}, {p}"),
        }),
        (Some(p), None) => Some(p.clone()),
        (None, Some(d)) => Some(d),
        (None, None) => None,
    }
}

/// The letter's headline figures with the placeholders a body may use:
/// `{{figures}}` and `{{representing}}`.
pub fn fill_placeholders(text: &str, tally: &Tally, lang: Language) -> String {
    let mut out = text.replace("{{figures}}", &tally.phrase(lang));
    match tally.representing_phrase(lang) {
        Some(r) => out = out.replace("{{representing}}", &r),
        None => {
            out = out
                .replace(", {{representing}},", ",")
                .replace(", {{representing}}", "")
                .replace("{{representing}}", "");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_lines_read_naturally() {
        assert_eq!(unnamed_line(0, 0, Language::En), None);
        assert_eq!(
            unnamed_line(0, 3, Language::En).unwrap(),
            "and 3 individuals who asked not to be named"
        );
        assert_eq!(
            unnamed_line(0, 1, Language::En).unwrap(),
            "and 1 individual who asked not to be named"
        );
        assert_eq!(
            unnamed_line(2, 1, Language::En).unwrap(),
            "and 2 organisations and 1 individual who asked not to be named"
        );
        assert_eq!(
            unnamed_line(0, 3, Language::Ko).unwrap(),
            "외 이름을 밝히지 않기를 요청한 개인 3명"
        );
    }

    #[test]
    fn collation_follows_the_language() {
        // Diacritics and case sort with their base letters, not after "z".
        assert_eq!(compare_names(Language::En, "Éire", "Ezra"), Ordering::Less);
        assert_eq!(
            compare_names(Language::En, "zeta", "Ärzte"),
            Ordering::Greater
        );
        // Korean letters put Hangul before Latin; English puts Latin first.
        assert_eq!(
            compare_names(Language::Ko, "한국", "Amnesty"),
            Ordering::Less
        );
        assert_eq!(
            compare_names(Language::En, "한국", "Amnesty"),
            Ordering::Greater
        );
        assert_eq!(compare_names(Language::Ko, "가나", "나라"), Ordering::Less);
    }

    #[test]
    fn dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2019, 12, 6).unwrap();
        assert_eq!(format_date(d, Language::En), "December 6, 2019");
        assert_eq!(format_date(d, Language::Ko), "2019년 12월 6일");
    }
}
