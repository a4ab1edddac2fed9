//! The word lists a careful reader uses without thinking: words that make a
//! name an organisation's ("Foundation", "Watch"), words that make a phrase a
//! person's title ("Director", "Visiting Scholar"), honorifics, and what an
//! acronym looks like. Kept in one place so the paste parser and the table
//! reader judge names the same way.

use crate::country::{resolve_name, CountryMatch};

/// Words that occur in organisations' names and almost never in people's.
const ORGANISATION_WORDS: &[&str] = &[
    "academy",
    "action",
    "advocates",
    "agency",
    "aid",
    "alliance",
    "amnesty",
    "assembly",
    "association",
    "bar",
    "board",
    "bureau",
    "campaign",
    "center",
    "centre",
    "chamber",
    "church",
    "circle",
    "club",
    "coalition",
    "co",
    "collective",
    "college",
    "commission",
    "committee",
    "community",
    "conference",
    "congress",
    "corp",
    "corporation",
    "council",
    "defenders",
    "department",
    "ev",
    "federation",
    "fellowship",
    "forum",
    "foundation",
    "freedom",
    "front",
    "fund",
    "funds",
    "gmbh",
    "group",
    "house",
    "human",
    "inc",
    "initiative",
    "institute",
    "international",
    "justice",
    "lab",
    "lawyers",
    "league",
    "llc",
    "ltd",
    "media",
    "ministries",
    "ministry",
    "mission",
    "movement",
    "network",
    "news",
    "ngo",
    "observatory",
    "office",
    "org",
    "organisation",
    "organization",
    "partners",
    "partnership",
    "peace",
    "platform",
    "press",
    "program",
    "programme",
    "project",
    "radio",
    "relief",
    "research",
    "rights",
    "school",
    "service",
    "services",
    "society",
    "solidarity",
    "students",
    "studies",
    "support",
    "tv",
    "trust",
    "union",
    "university",
    "voice",
    "voices",
    "watch",
    "women",
    "worldwide",
    "youth",
];

/// Words that make a phrase after a person's name their title.
const TITLE_WORDS: &[&str] = &[
    "adviser",
    "advisor",
    "analyst",
    "ambassador",
    "attorney",
    "author",
    "bishop",
    "ceo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chief",
    "commissioner",
    "consultant",
    "coordinator",
    "co-founder",
    "cofounder",
    "councillor",
    "councilor",
    "dean",
    "deputy",
    "director",
    "editor",
    "executive",
    "fellow",
    "founder",
    "head",
    "journalist",
    "lawyer",
    "lecturer",
    "manager",
    "member",
    "minister",
    "mp",
    "officer",
    "pastor",
    "president",
    "priest",
    "professor",
    "rapporteur",
    "recipient",
    "representative",
    "researcher",
    "reverend",
    "scholar",
    "secretary",
    "senator",
    "student",
    "survivor",
    "teacher",
    "trustee",
    "writer",
];

/// Honorifics before a person's name.
const HONORIFICS: &[&str] = &[
    "dr",
    "prof",
    "professor",
    "rev",
    "revd",
    "mr",
    "mrs",
    "ms",
    "mx",
    "fr",
    "sr",
    "sister",
    "hon",
    "sir",
    "dame",
    "judge",
    "justice",
    "ambassador",
];

/// Short words that start or join organisations' names, not people's.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "free", "from", "help", "hope", "in", "into", "life",
    "light", "new", "no", "not", "of", "on", "open", "our", "save", "stop", "the", "to", "with",
    "world", "without",
];

/// Suffixes that end a company's or association's name after a comma.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "l.l.c.",
    "e.v.",
    "ev",
    "gmbh",
    "ggmbh",
    "co",
    "co.",
    "corp",
    "corp.",
    "plc",
    "s.a.",
    "sa",
    "a.c.",
    "ac",
    "asbl",
    "vzw",
    "ong",
    "gemeinnützige",
];

/// The word without surrounding punctuation ("(Inc.)" -> "Inc").
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

/// Whether `word` (punctuation and case ignored) is in `list`, without
/// allocating: these checks run several times for every pasted line.
fn in_list(word: &str, list: &[&str]) -> bool {
    let word = bare(word);
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn ends_with_ignore_case(word: &str, suffix: &str) -> bool {
    word.len() >= suffix.len()
        && word.is_char_boundary(word.len() - suffix.len())
        && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Whether a word marks an organisation's name.
pub(crate) fn is_organisation_word(word: &str) -> bool {
    let w = bare(word);
    in_list(w, ORGANISATION_WORDS)
        || ends_with_ignore_case(w, "ministries")
        || ends_with_ignore_case(w, "association")
}

/// Whether any word of `text` marks an organisation's name.
pub(crate) fn has_organisation_word(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || c == '/' || c == '-')
        .any(is_organisation_word)
}

/// Whether a phrase reads as a person's title ("Visiting Scholar").
pub(crate) fn is_title(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    words.iter().any(|w| in_list(w, TITLE_WORDS))
}

/// Whether a word is an honorific ("Dr", "Prof.").
pub(crate) fn is_honorific(word: &str) -> bool {
    in_list(word, HONORIFICS)
}

/// Whether a comma-separated tail is a legal suffix ("Inc.", "e.V.").
pub(crate) fn is_legal_suffix(text: &str) -> bool {
    let text = text.trim();
    LEGAL_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(text))
}

/// Whether a word is written like a part of a person's name: a capital and
/// then lower-case letters ("Hawk", "O'Brien", "Jae-in"), an initial ("F."),
/// or a particle ("van", "de", "bin").
fn is_name_word(word: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "bin",
        "binti", "al", "el", "ibn", "y", "dos", "das",
    ];
    if PARTICLES.contains(&word) {
        return true;
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    // "McDonald", "O'Brien", "Jae-in": after the first letter, mostly lower case.
    let (mut rest, mut upper) = (0usize, 0usize);
    for c in letters {
        rest += 1;
        upper += usize::from(c.is_uppercase());
    }
    if rest == 0 {
        // An initial: "F." or "J".
        return word.len() <= 2;
    }
    upper * 3 < rest + 1
        && word
            .chars()
            .all(|c| c.is_alphabetic() || "'’.-".contains(c))
}

/// Whether `text` reads as a person's name: two to four name words, no
/// organisation or function words, no country, optionally after an
/// honorific ("Dr Jane Doe"). "Dr Uzo Adirieje Foundation" is not.
pub(crate) fn looks_like_person_name(text: &str) -> bool {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    while words.first().is_some_and(|w| is_honorific(w)) {
        words.remove(0);
    }
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    let particle_free = words.iter().filter(|w| is_name_word(w)).count();
    if particle_free != words.len() {
        return false;
    }
    if words
        .iter()
        .any(|w| is_organisation_word(w) || in_list(w, FUNCTION_WORDS))
    {
        return false;
    }
    // A country or region word is not part of a person's name ("Burma Partnership").
    !words
        .iter()
        .any(|w| !matches!(resolve_name(w), CountryMatch::Unknown) && w.chars().count() > 2)
}

/// Whether `text` starts with an honorific.
pub(crate) fn starts_with_honorific(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .is_some_and(|w| is_honorific(w) && text.split_whitespace().count() > 1)
}

/// Whether `text` looks like an acronym or short name: "FIDH", "LiNK",
/// "PSALT NK", "e.V." no; at most three words, mostly capitals.
pub(crate) fn is_acronym(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    if words == 0 || words > 3 || text.chars().count() > 20 {
        return false;
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    upper >= 2 && upper * 10 >= letters * 6 && !text.contains(',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_and_organisations() {
        assert!(looks_like_person_name("David Hawk"));
        assert!(looks_like_person_name("Dr Jane Doe"));
        assert!(looks_like_person_name("Tomoharu Ebihara"));
        assert!(looks_like_person_name("Ludwig van Beethoven"));
        assert!(!looks_like_person_name("Dr Uzo Adirieje Foundation"));
        assert!(!looks_like_person_name("No Fence"));
        assert!(!looks_like_person_name("Han Voice"));
        assert!(!looks_like_person_name("NK Watch"));
        assert!(!looks_like_person_name("HH Katacombs"));
        assert!(!looks_like_person_name("Burma Partnership"));
        assert!(!looks_like_person_name("Kontras"));
        assert!(!looks_like_person_name("People In Need"));
    }

    #[test]
    fn acronyms_and_titles() {
        for a in [
            "FIDH", "LiNK", "PSALT NK", "APWLD", "HRW", "SARAM", "COMJAN",
        ] {
            assert!(is_acronym(a), "{a}");
        }
        for n in [
            "Thailand",
            "Prayer Service Action Love Truth for North Korea",
            "Kontras",
        ] {
            assert!(!is_acronym(n), "{n}");
        }
        assert!(is_title("Visiting Scholar"));
        assert!(is_title("Seoul Peace Prize Recipient"));
        assert!(!is_title("Burmainfo"));
        assert!(!is_title("Columbia University"));
    }
}
