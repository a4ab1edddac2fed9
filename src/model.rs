//! The domain as campaigners speak of it: organisations, individuals,
//! contacts, coalitions, letters and signatures.
//!
//! Plain data with no I/O. Input arrives in two steps, as in ripgrep: a
//! front end fills a `*Input` struct with raw text, and `*Input::check`
//! turns it into a `New*` value whose fields are known to be valid (a country
//! is a [`CountryCode`], a date is a date, a name is not empty). Only checked
//! values reach the store.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::country::parse_country_field;
pub use crate::country::{CountryCode, CountryLabelStyle, Language};
use crate::error::{Error, Result};
use crate::normalize::tidy;

/// Declares a closed set of words stored as text, with parsing that names
/// the field on error.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal $(| $alt:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word stored in the database and typed on the command line.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the word (or a common variant), ignoring case.
            pub fn parse(text: &str) -> Result<Self> {
                // Fast path: the stored word itself (every database read).
                match text {
                    $($text => return Ok($name::$variant),)+
                    _ => {}
                }
                let key = crate::normalize::name_key(text).replace(' ', "-");
                match key.as_str() {
                    $($text $(| $alt)* => Ok($name::$variant),)+
                    _ => Err(Error::invalid(
                        $what,
                        format!(
                            "\"{}\" is not one of {}",
                            text.trim(),
                            [$($text),+].join(", ")
                        ),
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// What sort of organisation a group is.
    OrganisationKind, "kind" {
        Ngo => "ngo" | "nongovernmental" | "non-governmental-organisation",
        /// A coalition or network: it has members and "represents" them.
        Coalition => "coalition" | "network" | "alliance" | "federation",
        Union => "union" | "trade-union",
        FaithGroup => "faith-group" | "faith" | "church" | "religious",
        Academic => "academic" | "university" | "research",
        Media => "media" | "press",
        Other => "other",
    }
);

word_enum!(
    /// Where a letter is in its life.
    LetterStatus, "status" {
        Draft => "draft",
        Open => "open" | "open-for-signatures",
        Closed => "closed",
        Published => "published",
    }
);

word_enum!(
    /// Whether a signature counts.
    SignatureStatus, "status" {
        Pending => "pending",
        /// Only confirmed signatures count in the figures.
        Confirmed => "confirmed",
        /// Kept with its date, never deleted, never counted.
        Withdrawn => "withdrawn" | "retracted",
    }
);

word_enum!(
    /// How a signature reached the campaign.
    Channel, "channel" {
        Form => "form",
        Email => "email",
        Paste => "paste",
        Import => "import",
        Manual => "manual",
    }
);

word_enum!(
    /// A signatory's standing on a letter.
    Tier, "tier" {
        Lead => "lead",
        CoSigner => "co-signer" | "cosigner" | "co-signatory",
        Supporter => "supporter",
    }
);

word_enum!(
    /// The order of the signatory list under a letter.
    ListOrder, "order" {
        Alphabetical => "alphabetical" | "alpha" | "name",
        ByCountry => "by-country" | "country",
        ByTier => "by-tier" | "tier",
        BySigningDate => "by-date" | "date" | "by-signing-date",
    }
);

/// Row id of an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct OrganisationId(pub i64);

/// Row id of an individual.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct IndividualId(pub i64);

/// Row id of a letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct LetterId(pub i64);

/// Row id of a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct SignatureId(pub i64);

/// Who signs: an organisation or an individual.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum SignatoryRef {
    Organisation(OrganisationId),
    Individual(IndividualId),
}

impl std::fmt::Display for SignatoryRef {
    /// `org:12` or `person:3`, the form the CLI accepts.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignatoryRef::Organisation(id) => write!(f, "org:{}", id.0),
            SignatoryRef::Individual(id) => write!(f, "person:{}", id.0),
        }
    }
}

/// An organisation: one record across all letters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub acronym: Option<String>,
    pub aliases: Vec<String>,
    /// `None`: international, or no country stated.
    pub country: Option<CountryCode>,
    pub kind: OrganisationKind,
    pub website: Option<String>,
    pub notes: String,
    pub tags: Vec<String>,
}

/// A person who signs in their own name; the affiliation is for
/// identification only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Individual {
    pub id: IndividualId,
    pub name: String,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<CountryCode>,
    pub notes: String,
}

/// A person at an organisation. Personal data: never logged.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Contact {
    pub id: i64,
    pub organisation_id: OrganisationId,
    pub name: String,
    pub role: Option<String>,
    /// Where the contact speaks from: "In Bangkok, for Human Rights Watch".
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<String>,
}

impl std::fmt::Debug for Contact {
    /// Leaves email and phone out, so a stray `{:?}` cannot leak them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contact")
            .field("id", &self.id)
            .field("organisation_id", &self.organisation_id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// A member of a coalition, with dates and role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Membership {
    pub id: i64,
    pub coalition_id: OrganisationId,
    pub member: SignatoryRef,
    /// The member's display name, for listings.
    pub member_name: String,
    pub role: Option<String>,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
}

/// A joint letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Letter {
    pub id: LetterId,
    pub title: String,
    pub recipient: Option<String>,
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
    pub language: Language,
    pub body: String,
    pub status: LetterStatus,
    pub deadline: Option<NaiveDate>,
    pub lead_coalition_id: Option<OrganisationId>,
    /// Printed above the list: "Members and supporters of the Coalition include:".
    pub signatory_heading: String,
    pub list_order: ListOrder,
    pub country_label: CountryLabelStyle,
}

/// Who signed which letter, and how it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Signature {
    pub id: SignatureId,
    pub letter_id: LetterId,
    pub signatory: SignatoryRef,
    pub status: SignatureStatus,
    pub signed_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub channel: Channel,
    /// `false`: counted, but listed as "and N who asked not to be named".
    pub consent_to_name: bool,
    pub display_name: Option<String>,
    pub display_country: Option<CountryCode>,
    pub tier: Tier,
    pub note: String,
}

fn required(field: &str, text: &str) -> Result<String> {
    let value = tidy(text);
    if value.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if value.chars().count() > 500 {
        return Err(Error::invalid(field, "is longer than 500 characters"));
    }
    Ok(value)
}

fn optional(text: Option<&str>) -> Option<String> {
    text.map(tidy).filter(|s| !s.is_empty())
}

/// Parses an ISO date (`2019-12-16`), naming the field on error.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            format!("\"{}\" is not a date like 2019-12-16", text.trim()),
        )
    })
}

fn optional_date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        Some(t) => parse_date(field, t).map(Some),
        None => Ok(None),
    }
}

/// Raw input for an organisation, as typed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct OrganisationInput {
    pub name: String,
    pub acronym: Option<String>,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub kind: Option<String>,
    pub website: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
}

/// A checked organisation, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOrganisation {
    pub name: String,
    pub acronym: Option<String>,
    pub aliases: Vec<String>,
    pub country: Option<CountryCode>,
    pub kind: OrganisationKind,
    pub website: Option<String>,
    pub notes: String,
    pub tags: Vec<String>,
}

impl OrganisationInput {
    /// Checks every field; the error names the first bad one.
    pub fn check(&self) -> Result<NewOrganisation> {
        let website = optional(self.website.as_deref());
        if let Some(w) = &website {
            if w.contains(char::is_whitespace) || !w.contains('.') {
                return Err(Error::invalid(
                    "website",
                    format!("\"{w}\" is not a web address"),
                ));
            }
        }
        let mut aliases: Vec<String> = self.aliases.iter().map(|a| tidy(a)).collect();
        aliases.retain(|a| !a.is_empty());
        aliases.dedup();
        let mut tags: Vec<String> = self.tags.iter().map(|t| tidy(t).to_lowercase()).collect();
        tags.retain(|t| !t.is_empty());
        tags.sort();
        tags.dedup();
        Ok(NewOrganisation {
            name: required("name", &self.name)?,
            acronym: optional(self.acronym.as_deref()),
            aliases,
            country: parse_country_field("country", self.country.as_deref().unwrap_or(""))?,
            kind: match self
                .kind
                .as_deref()
                .map(str::trim)
                .filter(|k| !k.is_empty())
            {
                Some(k) => OrganisationKind::parse(k)?,
                None => OrganisationKind::Ngo,
            },
            website,
            notes: self.notes.as_deref().unwrap_or("").trim().to_string(),
            tags,
        })
    }
}

/// Raw input for an individual, as typed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct IndividualInput {
    pub name: String,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub notes: Option<String>,
}

/// A checked individual, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewIndividual {
    pub name: String,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<CountryCode>,
    pub notes: String,
}

impl IndividualInput {
    /// Checks every field; the error names the first bad one.
    pub fn check(&self) -> Result<NewIndividual> {
        Ok(NewIndividual {
            name: required("name", &self.name)?,
            title: optional(self.title.as_deref()),
            affiliation: optional(self.affiliation.as_deref()),
            country: parse_country_field("country", self.country.as_deref().unwrap_or(""))?,
            notes: self.notes.as_deref().unwrap_or("").trim().to_string(),
        })
    }
}

/// Raw input for a contact person.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ContactInput {
    pub name: String,
    pub role: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<String>,
}

/// A checked contact.
#[derive(Clone, PartialEq, Eq)]
pub struct NewContact {
    pub name: String,
    pub role: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<String>,
}

impl std::fmt::Debug for NewContact {
    /// Leaves email and phone out, so a stray `{:?}` cannot leak them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewContact")
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl ContactInput {
    /// Checks the fields. Errors name the field, never its value: an email
    /// or phone number must not end up in a message or a log.
    pub fn check(&self) -> Result<NewContact> {
        let email = optional(self.email.as_deref());
        if let Some(e) = &email {
            let at = e.find('@');
            let ok = matches!(at, Some(i) if i > 0 && e[i + 1..].contains('.'))
                && !e.contains(char::is_whitespace);
            if !ok {
                return Err(Error::invalid("email", "is not an email address"));
            }
        }
        let phone = optional(self.phone.as_deref());
        if let Some(p) = &phone {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            let allowed = p
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c) || c.is_alphabetic());
            if digits < 5 || !allowed {
                return Err(Error::invalid("phone", "is not a phone number"));
            }
        }
        Ok(NewContact {
            name: required("name", &self.name)?,
            role: optional(self.role.as_deref()),
            city: optional(self.city.as_deref()),
            email,
            phone,
            languages: self
                .languages
                .iter()
                .map(|l| tidy(l))
                .filter(|l| !l.is_empty())
                .collect(),
        })
    }
}

/// Raw input for a letter.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct LetterInput {
    pub title: String,
    pub recipient: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub language: Option<String>,
    pub body: Option<String>,
    pub status: Option<String>,
    pub deadline: Option<String>,
    pub lead_coalition_id: Option<i64>,
    pub signatory_heading: Option<String>,
    pub list_order: Option<String>,
    pub country_label: Option<String>,
}

/// A checked letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLetter {
    pub title: String,
    pub recipient: Option<String>,
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
    pub language: Language,
    pub body: String,
    pub status: LetterStatus,
    pub deadline: Option<NaiveDate>,
    pub lead_coalition_id: Option<OrganisationId>,
    pub signatory_heading: String,
    pub list_order: ListOrder,
    pub country_label: CountryLabelStyle,
}

/// The heading above the list when a letter does not set one.
pub fn default_signatory_heading(lang: Language) -> &'static str {
    match lang {
        Language::En => "Signatories:",
        Language::Ko => "서명 단체 및 개인:",
    }
}

impl LetterInput {
    /// Checks every field; the error names the first bad one.
    pub fn check(&self) -> Result<NewLetter> {
        let language = match self
            .language
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(l) => Language::parse(l)?,
            None => Language::En,
        };
        let heading = optional(self.signatory_heading.as_deref())
            .unwrap_or_else(|| default_signatory_heading(language).to_string());
        Ok(NewLetter {
            title: required("title", &self.title)?,
            recipient: optional(self.recipient.as_deref()),
            date: optional_date("date", self.date.as_deref())?,
            place: optional(self.place.as_deref()),
            language,
            body: self.body.clone().unwrap_or_default(),
            status: match self.status.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(s) => LetterStatus::parse(s)?,
                None => LetterStatus::Draft,
            },
            deadline: optional_date("deadline", self.deadline.as_deref())?,
            lead_coalition_id: self.lead_coalition_id.map(OrganisationId),
            signatory_heading: heading,
            list_order: match self.list_order.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(s) => ListOrder::parse(s)?,
                None => ListOrder::Alphabetical,
            },
            country_label: match self
                .country_label
                .as_deref()
                .filter(|s| !s.trim().is_empty())
            {
                Some(s) => CountryLabelStyle::parse(s)?,
                None => CountryLabelStyle::Customary,
            },
        })
    }
}

/// How a signature is to be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSignature {
    pub signatory: SignatoryRef,
    pub status: SignatureStatus,
    pub signed_at: Option<DateTime<Utc>>,
    pub channel: Channel,
    pub consent_to_name: bool,
    pub display_name: Option<String>,
    pub display_country: Option<CountryCode>,
    pub tier: Tier,
    pub note: String,
}

impl NewSignature {
    /// A confirmed, named co-signature entered by hand now.
    pub fn confirmed(signatory: SignatoryRef) -> Self {
        NewSignature {
            signatory,
            status: SignatureStatus::Confirmed,
            signed_at: Some(Utc::now()),
            channel: Channel::Manual,
            consent_to_name: true,
            display_name: None,
            display_country: None,
            tier: Tier::CoSigner,
            note: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_enums_parse_variants_and_name_the_field() {
        assert_eq!(
            OrganisationKind::parse("Faith group").unwrap(),
            OrganisationKind::FaithGroup
        );
        assert_eq!(
            OrganisationKind::parse("network").unwrap(),
            OrganisationKind::Coalition
        );
        assert_eq!(Tier::parse("Co-signer").unwrap(), Tier::CoSigner);
        let err = SignatureStatus::parse("maybe").unwrap_err().to_string();
        assert_eq!(
            err,
            "status: \"maybe\" is not one of pending, confirmed, withdrawn"
        );
    }

    #[test]
    fn organisation_input_is_checked_field_by_field() {
        let input = OrganisationInput {
            name: "  Burma   Partnership ".into(),
            country: Some("Thailand".into()),
            ..Default::default()
        };
        let org = input.check().unwrap();
        assert_eq!(org.name, "Burma Partnership");
        assert_eq!(org.country.unwrap().as_str(), "TH");
        assert_eq!(org.kind, OrganisationKind::Ngo);

        let bad = OrganisationInput {
            name: "X".into(),
            country: Some("Korea".into()),
            ..Default::default()
        };
        assert!(bad
            .check()
            .unwrap_err()
            .to_string()
            .starts_with("country: \"Korea\" is ambiguous"));
        let empty = OrganisationInput::default();
        assert_eq!(
            empty.check().unwrap_err().to_string(),
            "name: must not be empty"
        );
    }

    #[test]
    fn contact_errors_never_echo_the_value() {
        let input = ContactInput {
            name: "Someone".into(),
            email: Some("not-an-address secret@example".into()),
            ..Default::default()
        };
        let message = input.check().unwrap_err().to_string();
        assert!(!message.contains("secret"), "{message}");
        let phone = ContactInput {
            name: "Someone".into(),
            phone: Some("+82-10-4508-8815 ext; rm".into()),
            ..Default::default()
        };
        let message = phone.check().unwrap_err().to_string();
        assert!(!message.contains("4508"), "{message}");
    }

    #[test]
    fn letter_dates_are_checked() {
        let input = LetterInput {
            title: "Open letter".into(),
            date: Some("16/12/2019".into()),
            ..Default::default()
        };
        assert_eq!(
            input.check().unwrap_err().to_string(),
            "date: \"16/12/2019\" is not a date like 2019-12-16"
        );
    }
}
