//! The headline figures of a letter: "76 groups and individuals from 22
//! countries, representing over 300 groups and individuals".
//!
//! These figures are the reason the product exists, so they are computed in
//! one pure function over the rows the store hands over, and every figure can
//! be explained: [`Tally::explain`] returns the rows behind it.
//!
//! Rules (from the brief):
//! - only confirmed signatures count; withdrawn ones never do;
//! - organisations (and how many are coalitions) and individuals are counted
//!   apart and together;
//! - countries are the distinct countries of counted signatories; those with
//!   no country are "international / not stated", never a country;
//! - "representing" is the distinct members of signing coalitions plus the
//!   signers themselves: a member of two signing coalitions counts once.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::country::{CountryCode, Language};
use crate::model::{OrganisationId, SignatoryRef, SignatureId, Tier};

/// What sort of signatory a counted row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SignatoryKind {
    Organisation,
    /// An organisation of kind coalition (counted among organisations too).
    Coalition,
    Individual,
}

/// One confirmed signature, as counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountedRow {
    pub signature_id: SignatureId,
    pub signatory: SignatoryRef,
    pub name: String,
    pub kind: SignatoryKind,
    /// The signature's display country if set, else the signatory's.
    pub country: Option<CountryCode>,
    pub tier: Tier,
    pub consent_to_name: bool,
}

/// A member of a signing coalition, as the store found it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoalitionMember {
    pub coalition_id: OrganisationId,
    pub member: SignatoryRef,
    pub name: String,
}

/// A figure that can be explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    Signatories,
    Organisations,
    Coalitions,
    Individuals,
    Countries,
    NoCountry,
    Representing,
}

impl Figure {
    /// Parses the figure's JSON key (`no_country`, `countries`, ...).
    pub fn parse(text: &str) -> Option<Figure> {
        Some(match text.trim().replace('-', "_").as_str() {
            "signatories" => Figure::Signatories,
            "organisations" | "organizations" => Figure::Organisations,
            "coalitions" => Figure::Coalitions,
            "individuals" => Figure::Individuals,
            "countries" => Figure::Countries,
            "no_country" => Figure::NoCountry,
            "representing" => Figure::Representing,
            _ => return None,
        })
    }
}

/// A row behind a figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExplainedRow {
    pub signatory: SignatoryRef,
    pub name: String,
    pub country: Option<CountryCode>,
    /// For "representing": the signing coalition through which a
    /// non-signing member is counted.
    pub via_coalition: Option<OrganisationId>,
}

/// How many counted signatories come from one country.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountryCount {
    pub country: CountryCode,
    pub count: u64,
}

/// The figures of one letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Tally {
    pub signatories: u64,
    pub organisations: u64,
    pub coalitions: u64,
    pub individuals: u64,
    pub countries: u64,
    pub no_country: u64,
    pub representing: u64,
    /// Signatures not counted because they are pending.
    pub pending: u64,
    /// Signatures not counted because they were withdrawn.
    pub withdrawn: u64,
    /// Counted signatories who asked not to be named.
    pub unnamed: u64,
    pub by_country: Vec<CountryCount>,
    /// The counted rows, ordered by name.
    pub rows: Vec<CountedRow>,
    /// Members of signing coalitions who did not sign themselves.
    pub represented_members: Vec<CoalitionMember>,
}

impl Tally {
    /// Computes the figures from the confirmed rows and the members of
    /// signing coalitions. `pending` and `withdrawn` are carried through.
    pub fn compute(
        mut rows: Vec<CountedRow>,
        members: Vec<CoalitionMember>,
        pending: u64,
        withdrawn: u64,
    ) -> Tally {
        rows.sort_by_cached_key(|r| r.name.to_lowercase());
        rows.dedup_by_key(|r| r.signatory);

        let mut per_country: BTreeMap<CountryCode, u64> = BTreeMap::new();
        let (mut organisations, mut coalitions, mut individuals, mut no_country, mut unnamed) =
            (0, 0, 0, 0, 0);
        for row in &rows {
            match row.kind {
                SignatoryKind::Organisation => organisations += 1,
                SignatoryKind::Coalition => {
                    organisations += 1;
                    coalitions += 1;
                }
                SignatoryKind::Individual => individuals += 1,
            }
            match row.country {
                Some(c) => *per_country.entry(c).or_default() += 1,
                None => no_country += 1,
            }
            if !row.consent_to_name {
                unnamed += 1;
            }
        }

        let signers: BTreeSet<SignatoryRef> = rows.iter().map(|r| r.signatory).collect();
        let signing_coalitions: BTreeSet<OrganisationId> = rows
            .iter()
            .filter(|r| r.kind == SignatoryKind::Coalition)
            .filter_map(|r| match r.signatory {
                SignatoryRef::Organisation(id) => Some(id),
                SignatoryRef::Individual(_) => None,
            })
            .collect();
        let mut seen = BTreeSet::new();
        let mut represented_members: Vec<CoalitionMember> = members
            .into_iter()
            .filter(|m| signing_coalitions.contains(&m.coalition_id))
            .filter(|m| !signers.contains(&m.member))
            .filter(|m| seen.insert(m.member))
            .collect();
        represented_members.sort_by_cached_key(|r| r.name.to_lowercase());

        let mut by_country: Vec<CountryCount> = per_country
            .into_iter()
            .map(|(country, count)| CountryCount { country, count })
            .collect();
        by_country.sort_by(|a, b| b.count.cmp(&a.count).then(a.country.cmp(&b.country)));

        Tally {
            signatories: rows.len() as u64,
            organisations,
            coalitions,
            individuals,
            countries: by_country.len() as u64,
            no_country,
            representing: (rows.len() + represented_members.len()) as u64,
            pending,
            withdrawn,
            unnamed,
            by_country,
            rows,
            represented_members,
        }
    }

    /// The rows behind a figure: the proof a user sees when they click it.
    pub fn explain(&self, figure: Figure) -> Vec<ExplainedRow> {
        let from_row = |r: &CountedRow| ExplainedRow {
            signatory: r.signatory,
            name: r.name.clone(),
            country: r.country,
            via_coalition: None,
        };
        let rows = self.rows.iter();
        match figure {
            Figure::Signatories => rows.map(from_row).collect(),
            Figure::Organisations => rows
                .filter(|r| r.kind != SignatoryKind::Individual)
                .map(from_row)
                .collect(),
            Figure::Coalitions => rows
                .filter(|r| r.kind == SignatoryKind::Coalition)
                .map(from_row)
                .collect(),
            Figure::Individuals => rows
                .filter(|r| r.kind == SignatoryKind::Individual)
                .map(from_row)
                .collect(),
            Figure::Countries => {
                let mut with: Vec<ExplainedRow> =
                    rows.filter(|r| r.country.is_some()).map(from_row).collect();
                with.sort_by_key(|r| r.country);
                with
            }
            Figure::NoCountry => rows.filter(|r| r.country.is_none()).map(from_row).collect(),
            Figure::Representing => {
                let mut all: Vec<ExplainedRow> = rows.map(from_row).collect();
                all.extend(self.represented_members.iter().map(|m| ExplainedRow {
                    signatory: m.member,
                    name: m.name.clone(),
                    country: None,
                    via_coalition: Some(m.coalition_id),
                }));
                all
            }
        }
    }

    /// "76 groups and individuals from 22 countries" / "22개국 76개 단체 및 개인".
    pub fn phrase(&self, lang: Language) -> String {
        if self.signatories == 0 {
            return match lang {
                Language::En => "no confirmed signatories yet".into(),
                Language::Ko => "확인된 서명 없음".into(),
            };
        }
        let noun = Noun::of(self.organisations, self.individuals);
        let n = group_digits(self.signatories);
        let c = group_digits(self.countries);
        match lang {
            Language::En => {
                let who = format!("{n} {}", noun.en(self.signatories));
                match self.countries {
                    0 => who,
                    1 => format!("{who} from 1 country"),
                    _ => format!("{who} from {c} countries"),
                }
            }
            Language::Ko => {
                let who = noun.ko(&n);
                match self.countries {
                    0 => who,
                    _ => format!("{c}개국 {who}"),
                }
            }
        }
    }

    /// "representing over 300 groups and individuals" / "300여 개 단체 및
    /// 개인을 대표". `None` when no one is counted.
    pub fn representing_phrase(&self, lang: Language) -> Option<String> {
        if self.representing == 0 {
            return None;
        }
        let member_individuals = self
            .represented_members
            .iter()
            .filter(|m| matches!(m.member, SignatoryRef::Individual(_)))
            .count() as u64;
        let individuals = self.individuals + member_individuals;
        let noun = Noun::of(self.representing - individuals, individuals);
        let (floor, exact) = round_down(self.representing);
        let n = group_digits(floor);
        Some(match (lang, exact) {
            (Language::En, true) => format!("representing {n} {}", noun.en(floor)),
            (Language::En, false) => format!("representing over {n} {}", noun.en(floor + 1)),
            (Language::Ko, true) => format!("{}을 대표", noun.ko(&n)),
            (Language::Ko, false) => format!("{}을 대표", noun.ko_approx(&n)),
        })
    }
}

/// The noun for a set of signatories, chosen by what it holds.
enum Noun {
    Mixed,
    Organisations,
    Individuals,
}

impl Noun {
    fn of(organisations: u64, individuals: u64) -> Noun {
        match (organisations, individuals) {
            (0, _) => Noun::Individuals,
            (_, 0) => Noun::Organisations,
            _ => Noun::Mixed,
        }
    }

    fn en(&self, count: u64) -> &'static str {
        match (self, count == 1) {
            (Noun::Mixed, _) => "groups and individuals",
            (Noun::Organisations, true) => "organisation",
            (Noun::Organisations, false) => "organisations",
            (Noun::Individuals, true) => "individual",
            (Noun::Individuals, false) => "individuals",
        }
    }

    fn ko(&self, n: &str) -> String {
        match self {
            Noun::Mixed => format!("{n}개 단체 및 개인"),
            Noun::Organisations => format!("{n}개 단체"),
            Noun::Individuals => format!("개인 {n}명"),
        }
    }

    fn ko_approx(&self, n: &str) -> String {
        match self {
            Noun::Mixed => format!("{n}여 개 단체 및 개인"),
            Noun::Organisations => format!("{n}여 개 단체"),
            Noun::Individuals => format!("{n}여 명의 개인"),
        }
    }
}

/// Rounds down to one significant digit for "over 300": returns the rounded
/// number and whether it is exact. Below 10, numbers are exact.
pub fn round_down(n: u64) -> (u64, bool) {
    if n < 10 {
        return (n, true);
    }
    let mut step = 1;
    while n / step >= 10 {
        step *= 10;
    }
    let floor = n / step * step;
    (floor, floor == n)
}

/// "1,234,567".
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IndividualId;

    fn org(id: i64, name: &str, country: Option<&str>) -> CountedRow {
        CountedRow {
            signature_id: SignatureId(id),
            signatory: SignatoryRef::Organisation(OrganisationId(id)),
            name: name.into(),
            kind: SignatoryKind::Organisation,
            country: country.and_then(CountryCode::new),
            tier: Tier::CoSigner,
            consent_to_name: true,
        }
    }

    fn person(id: i64, name: &str, country: Option<&str>) -> CountedRow {
        CountedRow {
            signatory: SignatoryRef::Individual(IndividualId(id)),
            kind: SignatoryKind::Individual,
            ..org(1000 + id, name, country)
        }
    }

    #[test]
    fn singular_and_plural_in_english() {
        let t = Tally::compute(vec![org(1, "A", Some("KR"))], vec![], 0, 0);
        assert_eq!(t.phrase(Language::En), "1 organisation from 1 country");
        assert_eq!(t.phrase(Language::Ko), "1개국 1개 단체");
        let t = Tally::compute(
            vec![org(1, "A", Some("KR")), org(2, "B", Some("JP"))],
            vec![],
            0,
            0,
        );
        assert_eq!(t.phrase(Language::En), "2 organisations from 2 countries");
        let t = Tally::compute(vec![person(1, "P", None)], vec![], 0, 0);
        assert_eq!(t.phrase(Language::En), "1 individual");
        assert_eq!(t.phrase(Language::Ko), "개인 1명");
    }

    #[test]
    fn mixed_lists_are_groups_and_individuals() {
        let t = Tally::compute(
            vec![
                org(1, "A", Some("KR")),
                person(2, "P", Some("US")),
                org(3, "C", None),
            ],
            vec![],
            0,
            0,
        );
        assert_eq!(
            t.phrase(Language::En),
            "3 groups and individuals from 2 countries"
        );
        assert_eq!(t.phrase(Language::Ko), "2개국 3개 단체 및 개인");
        assert_eq!(t.no_country, 1);
        assert_eq!(
            t.explain(Figure::NoCountry)
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            ["C"]
        );
    }

    #[test]
    fn rounding_for_representing() {
        assert_eq!(round_down(7), (7, true));
        assert_eq!(round_down(312), (300, false));
        assert_eq!(round_down(300), (300, true));
        assert_eq!(round_down(1999), (1000, false));
        assert_eq!(group_digits(1234567), "1,234,567");
        assert_eq!(group_digits(999), "999");
    }

    #[test]
    fn no_signatures_reads_as_none_yet() {
        let t = Tally::compute(vec![], vec![], 2, 1);
        assert_eq!(t.phrase(Language::En), "no confirmed signatories yet");
        assert_eq!(t.representing_phrase(Language::En), None);
        assert_eq!((t.pending, t.withdrawn), (2, 1));
    }
}
