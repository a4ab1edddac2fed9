//! Matching rows against the organisations already recorded.
//!
//! An exact match (the same [`name_key`] of a name, acronym or alias) links
//! a row to the existing record. Anything less (a typo, "Centre" for
//! "Center", a name whose initials are a recorded acronym) is only offered
//! as a suggestion: merging two organisations is a person's decision.
//!
//! The index lives in memory for one import: a hash map of keys for exact
//! matches, and an inverted index of words for near matches, so that
//! matching 100,000 rows against 50,000 organisations compares each row
//! with a handful of candidates rather than with every record.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::model::{OrganisationId, OrganisationKind};
use crate::normalize::name_key;

/// An organisation as the index knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownOrganisation {
    pub id: OrganisationId,
    pub name: String,
    pub acronym: Option<String>,
    pub country: Option<CountryCode>,
    pub kind: OrganisationKind,
}

/// A recorded organisation that resembles a row, never merged automatically.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    pub organisation: OrganisationId,
    pub name: String,
    pub country: Option<CountryCode>,
    /// Similarity from 0 to 1.
    pub score: f64,
    /// Why it is suggested ("similar name", "initials match the acronym").
    pub why: String,
}

/// Words too common to find candidates by.
const STOP_WORDS: &[&str] = &[
    "the", "of", "for", "and", "in", "on", "to", "a", "an", "de", "la", "du", "des", "et", "y",
];

/// Candidates compared per row, at most.
const MAX_CANDIDATES: usize = 12;
/// Postings longer than this belong to words too common to narrow a search.
const COMMON_WORD: usize = 1_000;
/// Candidates taken from a common word when a name has no rarer one.
const COMMON_FALLBACK: usize = 200;
/// The least similarity worth suggesting.
const THRESHOLD: f64 = 0.82;

/// The organisations of a database, indexed for matching.
#[derive(Debug, Default)]
pub struct MatchIndex {
    orgs: Vec<KnownOrganisation>,
    /// Matching key -> (position in `orgs`, source: name, acronym or alias).
    keys: HashMap<String, Vec<(u32, KeySource)>>,
    /// Word of a name or alias key -> positions in `orgs` (deduplicated).
    words: HashMap<String, Vec<u32>>,
    /// Name and alias keys per position, for similarity.
    name_keys: Vec<Vec<String>>,
    /// Initials of names of three or more significant words -> positions.
    initials: HashMap<String, Vec<u32>>,
}

/// Which of an organisation's names a key came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    Name,
    Acronym,
    Alias,
}

impl KeySource {
    /// `name`, `acronym` or `alias`.
    pub fn as_str(&self) -> &'static str {
        match self {
            KeySource::Name => "name",
            KeySource::Acronym => "acronym",
            KeySource::Alias => "alias",
        }
    }

    /// Reads the store's word for a key's source.
    pub fn parse(text: &str) -> KeySource {
        match text {
            "acronym" => KeySource::Acronym,
            "alias" => KeySource::Alias,
            _ => KeySource::Name,
        }
    }
}

impl MatchIndex {
    /// Builds the index from organisations and their (key, position, source)
    /// entries as the store keeps them.
    pub fn new(
        orgs: Vec<KnownOrganisation>,
        keys: impl IntoIterator<Item = (String, OrganisationId, KeySource)>,
    ) -> MatchIndex {
        let position: HashMap<OrganisationId, u32> = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i as u32))
            .collect();
        let mut index = MatchIndex {
            name_keys: vec![Vec::new(); orgs.len()],
            orgs,
            ..Default::default()
        };
        for (key, id, source) in keys {
            let Some(&pos) = position.get(&id) else {
                continue;
            };
            if source != KeySource::Acronym {
                for word in key.split(' ') {
                    if STOP_WORDS.contains(&word) || word.is_empty() {
                        continue;
                    }
                    let list = index.words.entry(word.to_string()).or_default();
                    if list.last() != Some(&pos) {
                        list.push(pos);
                    }
                }
                index.name_keys[pos as usize].push(key.clone());
                let letters = initials(&key);
                if letters.chars().count() >= 3 && letters != key {
                    index.initials.entry(letters).or_default().push(pos);
                }
            }
            index.keys.entry(key).or_default().push((pos, source));
        }
        index
    }

    /// How many organisations the index holds.
    pub fn len(&self) -> usize {
        self.orgs.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.orgs.is_empty()
    }

    /// Organisations whose name, acronym or alias has exactly this key.
    pub fn exact(&self, key: &str) -> Vec<(&KnownOrganisation, KeySource)> {
        let mut out: Vec<(&KnownOrganisation, KeySource)> = Vec::new();
        for (pos, source) in self.keys.get(key).into_iter().flatten() {
            let org = &self.orgs[*pos as usize];
            match out.iter_mut().find(|(o, _)| o.id == org.id) {
                // A name match beats an acronym or alias match.
                Some(existing) if *source == KeySource::Name => existing.1 = *source,
                Some(_) => {}
                None => out.push((org, *source)),
            }
        }
        out
    }

    /// Organisations resembling `name` (and `acronym`), best first, at most
    /// three. Exact matches are not repeated here.
    pub fn near(&self, name: &str, acronym: Option<&str>) -> Vec<Suggestion> {
        let key = name_key(name);
        if key.is_empty() {
            return Vec::new();
        }
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let mut words: Vec<&str> = key
            .split(' ')
            .filter(|w| !STOP_WORDS.contains(w) && !w.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut rare_found = 0u32;
        for w in &words {
            if let Some(list) = self.words.get(*w) {
                if list.len() <= COMMON_WORD {
                    rare_found += 1;
                    for pos in list {
                        *counts.entry(*pos).or_default() += 1;
                    }
                }
            }
        }
        if rare_found == 0 {
            // Only common words ("Human Rights Centre"): use the rarest one.
            if let Some(list) = words
                .iter()
                .filter_map(|w| self.words.get(*w))
                .min_by_key(|l| l.len())
            {
                for pos in list.iter().take(COMMON_FALLBACK) {
                    *counts.entry(*pos).or_default() += 1;
                }
            }
        }
        // With two or more rare words, a similar name shares two of them.
        let least = rare_found.clamp(1, 2);
        let mut candidates: Vec<(u32, u32)> =
            counts.into_iter().filter(|(_, n)| *n >= least).collect();
        let order = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if candidates.len() > MAX_CANDIDATES {
            candidates.select_nth_unstable_by(MAX_CANDIDATES, order);
            candidates.truncate(MAX_CANDIDATES);
        }
        candidates.sort_unstable_by(order);

        let mut out: Vec<Suggestion> = Vec::new();
        for (pos, _) in candidates {
            let org = &self.orgs[pos as usize];
            let best = self.name_keys[pos as usize]
                .iter()
                .filter(|k| k.as_str() != key)
                .map(|k| similarity(&key, k))
                .fold(0.0_f64, f64::max);
            if best >= THRESHOLD {
                out.push(Suggestion {
                    organisation: org.id,
                    name: org.name.clone(),
                    country: org.country,
                    score: (best * 100.0).round() / 100.0,
                    why: "similar name".into(),
                });
            }
        }
        // "Human Rights Watch" and a recorded "HRW", or the other way round.
        // Three letters match too many names by chance ("Hope Relief
        // Worldwide"), so a recorded three-letter acronym needs more.
        let mut add = |pos: u32, why: &str| {
            let org = &self.orgs[pos as usize];
            if !out.iter().any(|s| s.organisation == org.id) {
                out.push(Suggestion {
                    organisation: org.id,
                    name: org.name.clone(),
                    country: org.country,
                    score: 0.8,
                    why: why.to_string(),
                });
            }
        };
        let letters = initials(&key);
        if acronym.is_none() && letters.chars().count() >= 3 && letters != key {
            for (pos, source) in self.keys.get(&letters).into_iter().flatten() {
                let whole_name = *source != KeySource::Acronym;
                if whole_name || letters.chars().count() >= 4 {
                    add(*pos, "the name's initials are its name or acronym");
                }
            }
        }
        if !key.contains(' ') && key.chars().count() >= 3 {
            for pos in self.initials.get(&key).into_iter().flatten() {
                add(*pos, "the initials of its name");
            }
        }
        if let Some(a) = acronym.map(name_key).filter(|a| !a.is_empty() && *a != key) {
            for (pos, source) in self.keys.get(&a).into_iter().flatten() {
                if *source == KeySource::Acronym && a.chars().count() >= 4 {
                    add(*pos, "same acronym");
                }
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)));
        out.truncate(3);
        out
    }
}

/// A key without its stop words: "the simon wiesenthal center" -> "simon wiesenthal center".
fn significant(key: &str) -> String {
    key.split(' ')
        .filter(|w| !STOP_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The initials of a key's significant words: "human rights watch" -> "hrw".
fn initials(key: &str) -> String {
    key.split(' ')
        .filter(|w| !STOP_WORDS.contains(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Similarity of two keys from 0 to 1: the better of the edit distance on
/// the keys and on their words sorted ("Watch Human Rights").
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (significant(a), significant(b));
    let (a, b) = (a.as_str(), b.as_str());
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb);
    if longest == 0 {
        return 1.0;
    }
    // Lengths too far apart cannot reach the threshold.
    if (la.abs_diff(lb) as f64) / (longest as f64) > 1.0 - THRESHOLD {
        return 0.0;
    }
    let direct = strsim::normalized_levenshtein(a, b);
    if direct >= THRESHOLD {
        return direct;
    }
    let sorted = |s: &str| {
        let mut w: Vec<&str> = s.split(' ').collect();
        w.sort_unstable();
        w.join(" ")
    };
    direct.max(strsim::normalized_levenshtein(&sorted(a), &sorted(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> MatchIndex {
        let orgs = vec![
            KnownOrganisation {
                id: OrganisationId(1),
                name: "Human Rights Watch".into(),
                acronym: Some("HRW".into()),
                country: None,
                kind: OrganisationKind::Ngo,
            },
            KnownOrganisation {
                id: OrganisationId(2),
                name: "The Simon Wiesenthal Center".into(),
                acronym: None,
                country: CountryCode::new("US"),
                kind: OrganisationKind::Ngo,
            },
        ];
        let keys = vec![
            (
                "human rights watch".into(),
                OrganisationId(1),
                KeySource::Name,
            ),
            ("hrw".into(), OrganisationId(1), KeySource::Acronym),
            (
                "the simon wiesenthal center".into(),
                OrganisationId(2),
                KeySource::Name,
            ),
        ];
        MatchIndex::new(orgs, keys)
    }

    #[test]
    fn exact_by_name_or_acronym() {
        let index = index();
        let hit = index.exact("hrw");
        assert_eq!(hit.len(), 1);
        assert_eq!(hit[0].1, KeySource::Acronym);
        assert!(index.exact("amnesty").is_empty());
    }

    #[test]
    fn near_matches_are_suggestions() {
        let index = index();
        let s = index.near("Simon Wiesenthal Centre", None);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].organisation, OrganisationId(2));
        let s = index.near("Human Rights Wacth", None);
        assert_eq!(s[0].organisation, OrganisationId(1));
        assert!(index.near("Amnesty International", None).is_empty());
        let s = index.near("Hope Relief Worldwide", None);
        assert!(s.is_empty(), "{s:?}");
        // A row "SWC" would be the Simon Wiesenthal Center by its initials.
        let s = index.near("SWC", None);
        assert_eq!(s[0].organisation, OrganisationId(2));
    }
}
