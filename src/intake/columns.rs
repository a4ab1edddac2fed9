//! What a column (or a tab-separated cell) holds, guessed from the header
//! that sign-on forms and partners' spreadsheets put above it: "Timestamp",
//! "Organisation name", "Name of organisation", "Country", "Email address",
//! "Contact person", "I agree that our name appears on the letter"...
//! The guess can be overridden (`--map 'Org=name'` on the command line).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::normalize::name_key;

/// The meaning of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The organisation's name (or the signatory's name when there is no
    /// separate person column).
    Name,
    Acronym,
    Country,
    /// The name of a person signing in their own name.
    Individual,
    Title,
    Affiliation,
    /// "Organisation" or "Individual": how the signatory signs.
    Kind,
    /// The person who filled in the form for an organisation.
    Contact,
    Email,
    Phone,
    Website,
    Timestamp,
    /// Consent to be named on the letter (yes/no).
    Consent,
    /// A column that is read but not used.
    Ignore,
}

impl Field {
    /// Every field, for help texts.
    pub const ALL: &'static [Field] = &[
        Field::Name,
        Field::Acronym,
        Field::Country,
        Field::Individual,
        Field::Title,
        Field::Affiliation,
        Field::Kind,
        Field::Contact,
        Field::Email,
        Field::Phone,
        Field::Website,
        Field::Timestamp,
        Field::Consent,
        Field::Ignore,
    ];

    /// The word used on the command line and in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Acronym => "acronym",
            Field::Country => "country",
            Field::Individual => "individual",
            Field::Title => "title",
            Field::Affiliation => "affiliation",
            Field::Kind => "kind",
            Field::Contact => "contact",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Website => "website",
            Field::Timestamp => "timestamp",
            Field::Consent => "consent",
            Field::Ignore => "ignore",
        }
    }

    /// Parses a field word (`name`, `country`, `organisation`, `person`...).
    pub fn parse(text: &str) -> Result<Field> {
        let key = name_key(text);
        Ok(match key.as_str() {
            "name" | "organisation" | "organization" | "org" => Field::Name,
            "acronym" | "short name" | "abbreviation" => Field::Acronym,
            "country" => Field::Country,
            "individual" | "person" | "person name" => Field::Individual,
            "title" | "position" | "role" => Field::Title,
            "affiliation" => Field::Affiliation,
            "kind" | "type" | "signing as" => Field::Kind,
            "contact" | "contact person" => Field::Contact,
            "email" | "e mail" => Field::Email,
            "phone" | "telephone" => Field::Phone,
            "website" | "web" | "url" => Field::Website,
            "timestamp" | "date" | "time" => Field::Timestamp,
            "consent" => Field::Consent,
            "ignore" | "skip" | "none" => Field::Ignore,
            _ => {
                return Err(Error::invalid(
                    "--map",
                    format!(
                        "\"{}\" is not a field; use one of {}",
                        text.trim(),
                        Field::ALL
                            .iter()
                            .map(Field::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ))
            }
        })
    }
}

/// Guesses a column's field from its header, as forms and spreadsheets
/// write them in English and Korean. `None`: not recognised.
pub fn guess_field(header: &str) -> Option<Field> {
    let key = name_key(header);
    if key.is_empty() {
        return None;
    }
    let has = |w: &str| key.split(' ').any(|k| k == w);
    let contains = |s: &str| key.contains(s);
    // Consent questions are long sentences: look at their words first.
    if contains("agree")
        || contains("consent")
        || contains("permission")
        || (contains("name") && (contains("appear") || contains("listed") || contains("publish")))
        || contains("동의")
    {
        return Some(Field::Consent);
    }
    if contains("timestamp") || key == "date" || key == "submitted" || contains("submitted at") {
        return Some(Field::Timestamp);
    }
    if contains("email") || contains("e mail") || contains("이메일") {
        return Some(Field::Email);
    }
    if has("phone") || has("telephone") || has("mobile") || contains("전화") {
        return Some(Field::Phone);
    }
    if has("website") || has("url") || has("web") || contains("홈페이지") {
        return Some(Field::Website);
    }
    if has("country")
        || has("nationality")
        || has("pays")
        || has("pais")
        || has("land")
        || key == "based in"
        || contains("국가")
        || matches!(key.as_str(), "国" | "国名" | "所在国" | "国 地域" | "国家")
    {
        return Some(Field::Country);
    }
    if has("acronym")
        || has("abbreviation")
        || has("sigle")
        || has("sigla")
        || contains("short name")
        || contains("약칭")
        || contains("略称")
    {
        return Some(Field::Acronym);
    }
    if contains("signing as")
        || key == "type"
        || contains("type of signatory")
        || contains("individual or")
    {
        return Some(Field::Kind);
    }
    if has("affiliation") || contains("소속") {
        return Some(Field::Affiliation);
    }
    if has("title") || has("position") || contains("job") || contains("직책") {
        return Some(Field::Title);
    }
    if contains("contact") || contains("your name") || contains("담당자") {
        return Some(Field::Contact);
    }
    if contains("organis")
        || contains("organiz")
        || contains("organización")
        || contains("organizacion")
        || has("group")
        || has("ngo")
        || contains("단체")
        || contains("기관")
        || contains("団体")
    {
        return Some(Field::Name);
    }
    if contains("full name")
        || has("individual")
        || has("person")
        || contains("이름")
        || contains("성명")
    {
        return Some(Field::Individual);
    }
    if has("name") || has("nom") || has("nombre") || has("signatory") || has("signatories") {
        return Some(Field::Name);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_headers() {
        for (header, field) in [
            ("Timestamp", Field::Timestamp),
            ("Organisation name", Field::Name),
            ("Organization Name", Field::Name),
            ("Name of organisation", Field::Name),
            ("Country", Field::Country),
            ("Country (where your group is based)", Field::Country),
            ("Email address", Field::Email),
            ("Contact person", Field::Contact),
            ("Your name", Field::Contact),
            (
                "I agree that our name appears on the letter and in the press release",
                Field::Consent,
            ),
            ("Acronym", Field::Acronym),
            ("Title", Field::Title),
            ("단체명", Field::Name),
            ("Signatory", Field::Name),
            ("Nom de l'organisation", Field::Name),
            ("Pays", Field::Country),
            ("Sigle", Field::Acronym),
            ("団体名", Field::Name),
            ("国", Field::Country),
        ] {
            assert_eq!(guess_field(header), Some(field), "{header}");
        }
        assert_eq!(guess_field("Comments"), None);
    }

    #[test]
    fn field_words() {
        assert_eq!(Field::parse("Organisation").unwrap(), Field::Name);
        assert_eq!(Field::parse("person").unwrap(), Field::Individual);
        assert!(Field::parse("colour")
            .unwrap_err()
            .to_string()
            .contains("not a field"));
    }
}
