//! Matching keys for names as people type them.
//!
//! "HRW", "Human Rights Watch", "human  rights watch", "Human Rights Watch."
//! and a name typed with decomposed Hangul or accents all have to find the
//! same organisation. [`name_key`] reduces a name to a key that ignores case
//! (full Unicode case folding), compatibility forms (NFKC: full-width letters,
//! ligatures), accents, punctuation and spacing. Keys are stored beside the
//! records so lookups are one indexed equality query.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The matching key of a name: case-folded, NFKC, accents removed,
/// punctuation dropped, words separated by single spaces.
///
/// Hangul syllables survive (they are decomposed into jamo and composed
/// again), so "대한민국" typed in NFC or NFD gives the same key.
pub fn name_key(text: &str) -> String {
    if text.is_ascii() {
        return ascii_key(text);
    }
    let folded = caseless::default_case_fold_str(&text.nfkc().collect::<String>());
    let stripped: String = folded
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect();
    let mut key = String::with_capacity(stripped.len());
    let mut pending_space = false;
    for c in stripped.chars() {
        if c.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(c);
        } else if matches!(c, '.' | '\'' | '\u{2019}' | '\u{2018}' | '\u{00B4}' | '`') {
            // "U.S.A." is "usa"; "Defectors' Alliance" is "defectors alliance".
        } else {
            pending_space = true;
        }
    }
    key
}

/// [`name_key`] for ASCII text, where NFKC and accent removal change
/// nothing and case folding is lower-casing: the same key, without the
/// Unicode passes (most names in most lists are ASCII).
fn ascii_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(b.to_ascii_lowercase() as char);
        } else if matches!(b, b'.' | b'\'' | b'`') {
            // As in `name_key`: "U.S.A." is "usa".
        } else {
            pending_space = true;
        }
    }
    key
}

/// Trims a name and collapses inner runs of whitespace to one space,
/// keeping its case and punctuation: how a name is stored for display.
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spacing_and_punctuation_are_ignored() {
        assert_eq!(name_key("  Human   Rights-Watch. "), "human rights watch");
        assert_eq!(name_key("U.S.A."), "usa");
        assert_eq!(
            name_key("Young Defectors' Alliance"),
            "young defectors alliance"
        );
    }

    #[test]
    fn accents_and_compatibility_forms_are_ignored() {
        assert_eq!(name_key("México"), "mexico");
        assert_eq!(name_key("ＨＲＷ"), "hrw");
        assert_eq!(name_key("Straße"), "strasse");
    }

    #[test]
    fn hangul_in_nfd_and_nfc_is_the_same_key() {
        let nfc = "대한민국";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(name_key(&nfd), name_key(nfc));
        assert_eq!(name_key(nfc), "대한민국");
    }

    #[test]
    fn the_ascii_fast_path_gives_the_same_keys() {
        let slow = |text: &str| {
            // The general path, forced by a non-ASCII character that the
            // key drops (a combining accent on a space).
            let key = name_key(&format!("{text} \u{301}"));
            key.trim_end().to_string()
        };
        let mut samples: Vec<String> = [
            "Human Rights Watch",
            "  U.S.A. ",
            "Young Defectors' Alliance",
            "RFK_Human-Rights (USA); 2019",
            "a`b.c'd\te\nF",
            "",
            "...",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        samples.push((0u8..128).map(char::from).collect());
        for text in &samples {
            assert_eq!(name_key(text), slow(text), "{text:?}");
        }
    }

    #[test]
    fn tidy_keeps_case_and_punctuation() {
        assert_eq!(
            tidy("  Liberty in North Korea -  LiNK "),
            "Liberty in North Korea - LiNK"
        );
    }
}
