//! Countries: ISO 3166-1 codes, their names in English and Korean, and the
//! labels people actually write.
//!
//! The ISO data (names, official and unofficial, translations) comes from the
//! `keshvar` crate; on top of it sits this project's own alias table for what
//! sign-on lists really say: "ROK", "DPRK", "한국", "U.S.A.", "Great Britain",
//! "Burma". A bare "Korea" is reported as ambiguous, never guessed, and regions
//! or scopes ("Global", "Africa", "EU") are recognised as *not* countries.
//!
//! The lookup table is built once per process (about 10 ms) and then every
//! [`resolve`] is one hash lookup on the [`name_key`] of the text.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::normalize::name_key;

/// An ISO 3166-1 alpha-2 code of a country we know, such as `KR`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// The code for an alpha-2 text (any case), if it is a country we know.
    pub fn new(code: &str) -> Option<CountryCode> {
        let bytes = code.trim().as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let candidate = CountryCode([bytes[0].to_ascii_uppercase(), bytes[1].to_ascii_uppercase()]);
        table().names.contains_key(&candidate).then_some(candidate)
    }

    /// The two upper-case letters.
    pub fn as_str(&self) -> &str {
        // Only ever built from ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The country's common name in a language ("South Korea", "한국").
    pub fn name(&self, lang: Language) -> &'static str {
        let names = table().names.get(self);
        match (names, lang) {
            (Some(n), Language::En) => n.en,
            (Some(n), Language::Ko) => n.ko,
            (None, _) => "?",
        }
    }

    /// The label shown after a signatory's name, in a letter's style.
    pub fn label(&self, style: CountryLabelStyle, lang: Language) -> String {
        match style {
            CountryLabelStyle::Code => self.as_str().to_string(),
            CountryLabelStyle::Name => self.name(lang).to_string(),
            CountryLabelStyle::Customary => match lang {
                Language::En => customary_en(*self)
                    .unwrap_or_else(|| self.name(lang))
                    .to_string(),
                Language::Ko => self.name(lang).to_string(),
            },
        }
    }

    /// Every country we know, sorted by code.
    pub fn all() -> Vec<CountryCode> {
        let mut all: Vec<CountryCode> = table().names.keys().copied().collect();
        all.sort();
        all
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for CountryCode {
    type Error = String;
    fn try_from(value: String) -> std::result::Result<Self, Self::Error> {
        CountryCode::new(&value).ok_or_else(|| format!("\"{value}\" is not an ISO 3166-1 code"))
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> String {
        code.as_str().to_string()
    }
}

/// The languages letters, phrases and the UI come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Ko,
}

impl Language {
    /// `en` or `ko`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ko => "ko",
        }
    }

    /// Parses `en`/`ko` (and `english`, `korean`, `한국어`).
    pub fn parse(text: &str) -> Result<Language> {
        match name_key(text).as_str() {
            "en" | "english" | "en gb" | "en us" => Ok(Language::En),
            "ko" | "korean" | "ko kr" | "한국어" => Ok(Language::Ko),
            _ => Err(Error::invalid(
                "language",
                format!("\"{text}\" is not a supported language (en or ko)"),
            )),
        }
    }
}

/// How a letter writes a signatory's country after the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CountryLabelStyle {
    /// What campaigners usually write: "ROK", "USA", "UK", else the common name.
    #[default]
    Customary,
    /// The common name: "South Korea", "United States".
    Name,
    /// The ISO code: "KR".
    Code,
}

impl CountryLabelStyle {
    /// The style's name as stored and typed (`customary`, `name`, `code`).
    pub fn as_str(&self) -> &'static str {
        match self {
            CountryLabelStyle::Customary => "customary",
            CountryLabelStyle::Name => "name",
            CountryLabelStyle::Code => "code",
        }
    }

    /// Parses a style name.
    pub fn parse(text: &str) -> Result<Self> {
        match name_key(text).as_str() {
            "customary" => Ok(CountryLabelStyle::Customary),
            "name" => Ok(CountryLabelStyle::Name),
            "code" | "iso" => Ok(CountryLabelStyle::Code),
            _ => Err(Error::invalid(
                "country label style",
                format!("\"{text}\" is not one of customary, name, code"),
            )),
        }
    }
}

/// What a text written in a country field means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CountryMatch {
    /// One country.
    Country(CountryCode),
    /// Could be any of these; a person has to choose ("Korea").
    Ambiguous(Vec<CountryCode>),
    /// A scope that says "no single country": "International", "Global".
    International,
    /// A region, not a country: "Africa", "EU", "Latin America".
    Region,
    /// Nothing we recognise.
    Unknown,
}

/// Reads a text written where a country is expected.
///
/// Accepts names in English and Korean (and the common names in other
/// languages that the ISO data carries), the project's alias table, and ISO
/// alpha-2 and alpha-3 codes.
pub fn resolve(text: &str) -> CountryMatch {
    let key = name_key(text);
    if key.is_empty() {
        return CountryMatch::Unknown;
    }
    table()
        .by_key
        .get(&key)
        .cloned()
        .unwrap_or(CountryMatch::Unknown)
}

/// Like [`resolve`], but without the bare two- and three-letter ISO codes
/// that are not also customary labels ("IN", "NO", "ME" read as words).
/// Meant for reading free text, where a short capitalised word is more often
/// an acronym than a country code.
pub fn resolve_name(text: &str) -> CountryMatch {
    let key = name_key(text);
    if key.is_empty() {
        return CountryMatch::Unknown;
    }
    table()
        .by_name
        .get(&key)
        .cloned()
        .unwrap_or(CountryMatch::Unknown)
}

/// Reads an optional country field: empty, "International", "Global",
/// "none" give `None`; a country gives its code; anything else is an error
/// that names the field and the text.
pub fn parse_country_field(field: &str, text: &str) -> Result<Option<CountryCode>> {
    if text.trim().is_empty() || matches!(name_key(text).as_str(), "none" | "n a" | "na") {
        return Ok(None);
    }
    match resolve(text) {
        CountryMatch::Country(code) => Ok(Some(code)),
        CountryMatch::International => Ok(None),
        CountryMatch::Ambiguous(candidates) => Err(Error::AmbiguousCountry {
            field: field.to_string(),
            input: text.trim().to_string(),
            candidates: candidates
                .iter()
                .map(|c| format!("{} {}", c, c.name(Language::En)))
                .collect::<Vec<_>>()
                .join(" or "),
        }),
        CountryMatch::Region => Err(Error::UnknownCountry {
            field: field.to_string(),
            input: text.trim().to_string(),
            hint: "; it is a region: leave the country empty for groups without one".into(),
        }),
        CountryMatch::Unknown => Err(Error::UnknownCountry {
            field: field.to_string(),
            input: text.trim().to_string(),
            hint: String::new(),
        }),
    }
}

fn customary_en(code: CountryCode) -> Option<&'static str> {
    Some(match code.as_str() {
        "KR" => "ROK",
        "KP" => "DPRK",
        "US" => "USA",
        "GB" => "UK",
        "AE" => "UAE",
        _ => return None,
    })
}

/// What people write, beyond the ISO data: (text, code). Checked first.
const ALIASES: &[(&str, &str)] = &[
    ("ROK", "KR"),
    ("R.O.K.", "KR"),
    ("South Korea", "KR"),
    ("S. Korea", "KR"),
    ("Republic of Korea", "KR"),
    ("Korea, Republic of", "KR"),
    ("Korea (South)", "KR"),
    ("대한민국", "KR"),
    ("한국", "KR"),
    ("남한", "KR"),
    ("韓国", "KR"),
    ("韩国", "KR"),
    ("DPRK", "KP"),
    ("D.P.R.K.", "KP"),
    ("North Korea", "KP"),
    ("N. Korea", "KP"),
    ("Democratic People's Republic of Korea", "KP"),
    ("조선", "KP"),
    ("북한", "KP"),
    ("北朝鮮", "KP"),
    ("朝鲜", "KP"),
    ("USA", "US"),
    ("U.S.A.", "US"),
    ("US", "US"),
    ("U.S.", "US"),
    ("United States", "US"),
    ("United States of America", "US"),
    ("America", "US"),
    ("미국", "US"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("United Kingdom", "GB"),
    ("Great Britain", "GB"),
    ("Britain", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("영국", "GB"),
    ("Czech Republic", "CZ"),
    ("Czechia", "CZ"),
    ("Burma", "MM"),
    ("Myanmar", "MM"),
    ("Myanmar (Burma)", "MM"),
    ("버마", "MM"),
    ("Italia", "IT"),
    ("México", "MX"),
    ("Deutschland", "DE"),
    ("Allemagne", "DE"),
    ("España", "ES"),
    ("Brasil", "BR"),
    ("Nippon", "JP"),
    ("Nihon", "JP"),
    ("日本", "JP"),
    ("일본", "JP"),
    ("中国", "CN"),
    ("中國", "CN"),
    ("PRC", "CN"),
    ("People's Republic of China", "CN"),
    ("중국", "CN"),
    ("Taiwan", "TW"),
    ("台灣", "TW"),
    ("台湾", "TW"),
    ("대만", "TW"),
    ("Hong Kong", "HK"),
    ("香港", "HK"),
    ("홍콩", "HK"),
    ("Russia", "RU"),
    ("Россия", "RU"),
    ("러시아", "RU"),
    ("Vietnam", "VN"),
    ("Viet Nam", "VN"),
    ("Laos", "LA"),
    ("Syria", "SY"),
    ("Iran", "IR"),
    ("Bolivia", "BO"),
    ("Venezuela", "VE"),
    ("Tanzania", "TZ"),
    ("Moldova", "MD"),
    ("Turkey", "TR"),
    ("Türkiye", "TR"),
    ("Ivory Coast", "CI"),
    ("Cote d'Ivoire", "CI"),
    ("Holland", "NL"),
    ("The Netherlands", "NL"),
    ("Nederland", "NL"),
    ("Schweiz", "CH"),
    ("Suisse", "CH"),
    ("Österreich", "AT"),
    ("Sverige", "SE"),
    ("Norge", "NO"),
    ("Danmark", "DK"),
    ("Suomi", "FI"),
    ("Polska", "PL"),
    ("Magyarország", "HU"),
    ("Ελλάδα", "GR"),
    ("Türkei", "TR"),
    ("UAE", "AE"),
    ("U.A.E.", "AE"),
    ("Emirates", "AE"),
    ("Palestine", "PS"),
    ("State of Palestine", "PS"),
    ("Vatican", "VA"),
    ("Holy See", "VA"),
    ("East Timor", "TL"),
    ("Timor-Leste", "TL"),
    ("Macedonia", "MK"),
    ("North Macedonia", "MK"),
    ("Swaziland", "SZ"),
    ("Eswatini", "SZ"),
    ("Cape Verde", "CV"),
    ("DRC", "CD"),
    ("DR Congo", "CD"),
    ("Democratic Republic of the Congo", "CD"),
    ("Congo-Kinshasa", "CD"),
    ("Congo-Brazzaville", "CG"),
    ("Republic of the Congo", "CG"),
    ("Kosovo", "XK"),
];

/// Texts that could mean several countries: (text, codes).
const AMBIGUOUS: &[(&str, &[&str])] = &[
    ("Korea", &["KR", "KP"]),
    ("코리아", &["KR", "KP"]),
    ("Congo", &["CD", "CG"]),
    ("Virgin Islands", &["VG", "VI"]),
];

/// Scopes that say "no single country".
const SCOPES: &[&str] = &[
    "International",
    "Global",
    "Worldwide",
    "World",
    "Intl",
    "Int'l",
    "Transnational",
    "국제",
    "Multinational",
];

/// Regions: not countries.
const REGIONS: &[&str] = &[
    "Regional",
    "Africa",
    "Asia",
    "Europe",
    "EU",
    "European Union",
    "Latin America",
    "Latin America and the Caribbean",
    "South America",
    "North America",
    "Central America",
    "Americas",
    "the Americas",
    "Caribbean",
    "Middle East",
    "MENA",
    "Middle East and North Africa",
    "North Africa",
    "West Africa",
    "East Africa",
    "Southern Africa",
    "Central Africa",
    "Sub-Saharan Africa",
    "Asia Pacific",
    "Asia-Pacific",
    "APAC",
    "Pacific",
    "Oceania",
    "Southeast Asia",
    "South East Asia",
    "ASEAN",
    "East Asia",
    "South Asia",
    "Central Asia",
    "Northeast Asia",
    "Balkans",
    "Scandinavia",
    "Nordic",
    "Nordics",
    "Eastern Europe",
    "Western Europe",
    "아시아",
    "유럽",
    "아프리카",
];

struct Names {
    en: &'static str,
    ko: &'static str,
}

struct Table {
    names: HashMap<CountryCode, Names>,
    by_key: HashMap<String, CountryMatch>,
    by_name: HashMap<String, CountryMatch>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

/// Common names where the ISO data's English or Korean name is the formal one.
fn common_name_override(code: &str) -> (Option<&'static str>, Option<&'static str>) {
    match code {
        "KR" => (Some("South Korea"), Some("한국")),
        "KP" => (Some("North Korea"), Some("북한")),
        "RU" => (Some("Russia"), Some("러시아")),
        "SY" => (Some("Syria"), Some("시리아")),
        "IR" => (Some("Iran"), Some("이란")),
        "LA" => (Some("Laos"), Some("라오스")),
        "TR" => (None, Some("튀르키예")),
        "TW" => (Some("Taiwan"), Some("대만")),
        "VN" => (Some("Vietnam"), None),
        "XK" => (Some("Kosovo"), Some("코소보")),
        _ => (None, None),
    }
}

fn build_table() -> Table {
    let mut names = HashMap::new();
    // Later tiers never overwrite earlier ones.
    let mut by_name: HashMap<String, CountryMatch> = HashMap::new();
    let mut codes: Vec<(String, CountryCode)> = Vec::new();

    let insert = |map: &mut HashMap<String, CountryMatch>, text: &str, m: CountryMatch| {
        let key = name_key(text);
        if !key.is_empty() {
            map.entry(key).or_insert(m);
        }
    };

    // Tier 0: our own tables.
    let mut all_codes: Vec<(CountryCode, keshvar::Country)> = Vec::new();
    for country in keshvar::CountryIterator::new() {
        let alpha2 = country.alpha2().to_string();
        let b = alpha2.as_bytes();
        if b.len() == 2 {
            all_codes.push((CountryCode([b[0], b[1]]), country));
        }
    }
    let find = |code: &str| -> Option<CountryCode> {
        all_codes
            .iter()
            .map(|(c, _)| *c)
            .find(|c| c.as_str() == code)
            .or_else(|| (code == "XK").then_some(CountryCode(*b"XK")))
    };
    for scope in SCOPES {
        insert(&mut by_name, scope, CountryMatch::International);
    }
    for (text, candidates) in AMBIGUOUS {
        let list: Vec<CountryCode> = candidates.iter().filter_map(|c| find(c)).collect();
        insert(&mut by_name, text, CountryMatch::Ambiguous(list));
    }
    for (text, code) in ALIASES {
        if let Some(code) = find(code) {
            insert(&mut by_name, text, CountryMatch::Country(code));
        }
    }
    for region in REGIONS {
        insert(&mut by_name, region, CountryMatch::Region);
    }

    // Tier 1: the ISO data's English and Korean names; tier 2: other names.
    for (code, country) in &all_codes {
        let (en_override, ko_override) = common_name_override(code.as_str());
        let translations = country.translations();
        let en = en_override
            .or_else(|| translations.get("en").copied())
            .unwrap_or_else(|| country.iso_short_name());
        let ko = ko_override
            .or_else(|| translations.get("ko").copied())
            .unwrap_or(en);
        names.insert(*code, Names { en, ko });
        for text in [en, ko, country.iso_short_name(), country.iso_long_name()] {
            insert(&mut by_name, text, CountryMatch::Country(*code));
        }
    }
    for (code, country) in &all_codes {
        for text in country.unofficial_name_list() {
            insert(&mut by_name, text, CountryMatch::Country(*code));
        }
        for lang in ["de", "fr", "es", "it", "pt", "ja", "zh", "ru", "nl"] {
            if let Some(text) = country.translations().get(lang) {
                insert(&mut by_name, text, CountryMatch::Country(*code));
            }
        }
        codes.push((country.alpha3().to_string(), *code));
        codes.push((code.as_str().to_string(), *code));
    }
    names.insert(
        CountryCode(*b"XK"),
        Names {
            en: "Kosovo",
            ko: "코소보",
        },
    );

    // Tier 3 (only for country fields): bare ISO codes.
    let mut by_key = by_name.clone();
    for (text, code) in codes {
        insert(&mut by_key, &text, CountryMatch::Country(code));
    }
    Table {
        names,
        by_key,
        by_name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> CountryCode {
        CountryCode::new(s).unwrap()
    }

    #[test]
    fn aliases_people_write() {
        for (text, expected) in [
            ("ROK", "KR"),
            ("South Korea", "KR"),
            ("Republic of Korea", "KR"),
            ("대한민국", "KR"),
            ("한국", "KR"),
            ("DPRK", "KP"),
            ("North Korea", "KP"),
            ("조선", "KP"),
            ("북한", "KP"),
            ("USA", "US"),
            ("U.S.A.", "US"),
            ("US", "US"),
            ("United States", "US"),
            ("UK", "GB"),
            ("U.K.", "GB"),
            ("Great Britain", "GB"),
            ("England", "GB"),
            ("Scotland", "GB"),
            ("Wales", "GB"),
            ("Czech Republic", "CZ"),
            ("Czechia", "CZ"),
            ("Burma", "MM"),
            ("Myanmar", "MM"),
            ("Italia", "IT"),
            ("México", "MX"),
            ("Mexico", "MX"),
            ("Deutschland", "DE"),
            ("japan", "JP"),
            ("Brazil", "BR"),
            ("Bangladesh", "BD"),
            ("kor", "KR"),
            ("kr", "KR"),
        ] {
            assert_eq!(
                resolve(text),
                CountryMatch::Country(code(expected)),
                "{text}"
            );
        }
    }

    #[test]
    fn korea_alone_is_ambiguous() {
        assert_eq!(
            resolve("Korea"),
            CountryMatch::Ambiguous(vec![code("KR"), code("KP")])
        );
        assert!(matches!(
            parse_country_field("country", "korea"),
            Err(Error::AmbiguousCountry { .. })
        ));
    }

    #[test]
    fn regions_and_scopes_are_not_countries() {
        for text in ["Africa", "Latin America", "EU", "Regional", "Asia-Pacific"] {
            assert_eq!(resolve(text), CountryMatch::Region, "{text}");
        }
        for text in ["Global", "International"] {
            assert_eq!(resolve(text), CountryMatch::International, "{text}");
        }
        assert_eq!(parse_country_field("country", "Global").unwrap(), None);
        assert!(parse_country_field("country", "Africa").is_err());
        assert!(parse_country_field("country", "Atlantis").is_err());
    }

    #[test]
    fn free_text_does_not_read_short_codes_as_countries() {
        assert_eq!(resolve_name("IN"), CountryMatch::Unknown);
        assert_eq!(resolve_name("USA"), CountryMatch::Country(code("US")));
        assert_eq!(resolve("IN"), CountryMatch::Country(code("IN")));
    }

    #[test]
    fn labels_in_each_style_and_language() {
        let kr = code("KR");
        assert_eq!(kr.label(CountryLabelStyle::Customary, Language::En), "ROK");
        assert_eq!(
            kr.label(CountryLabelStyle::Name, Language::En),
            "South Korea"
        );
        assert_eq!(kr.label(CountryLabelStyle::Name, Language::Ko), "한국");
        assert_eq!(kr.label(CountryLabelStyle::Code, Language::Ko), "KR");
        assert_eq!(
            code("JP").label(CountryLabelStyle::Customary, Language::En),
            "Japan"
        );
        assert_eq!(code("CZ").name(Language::En), "Czechia");
        assert!(CountryCode::all().len() >= 249);
    }
}
