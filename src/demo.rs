//! The sample letter: the December 2019 joint open letter to the president
//! of South Korea by ICNK, the letter the product was designed from
//! (`shared/seeds/`).
//!
//! Its "Members and supporters of the Coalition include:" list is recorded
//! here as a careful human reads it: organisations and individuals, each
//! with the country given in parentheses (none where the list gives none,
//! even when the name contains a country word), all confirmed on the letter.
//! The listed groups are also recorded as members or supporters of ICNK, the
//! letter's lead coalition. Loading is idempotent: a second call finds the
//! letter by its title and changes nothing.

use chrono::{TimeZone, Utc};

use crate::error::Result;
use crate::model::{
    Channel, ContactInput, IndividualInput, LetterInput, LetterStatus, NewSignature,
    OrganisationInput, SignatoryRef, SignatureStatus, Tier,
};
use crate::model::{LetterId, OrganisationKind};
use crate::store::Store;

/// The sample letter's title.
pub const TITLE: &str = "South Korea: Stand Up for Human Rights";

/// An organisation of the list: (name, acronym, kind, country as written).
type OrgRow = (
    &'static str,
    Option<&'static str>,
    OrganisationKind,
    Option<&'static str>,
);

/// The organisations of the seed's list, in its order.
pub const ORGANISATIONS: &[OrgRow] = &[
    (
        "Advocates International Global Council",
        None,
        OrganisationKind::FaithGroup,
        None,
    ),
    (
        "Asia Justice and Rights",
        Some("AJAR"),
        OrganisationKind::Ngo,
        None,
    ),
    (
        "Asian Federation Against Involuntary Disappearances",
        Some("AFAD"),
        OrganisationKind::Ngo,
        None,
    ),
    (
        "Asian Human Rights & Humanity Association of Japan",
        None,
        OrganisationKind::Ngo,
        None,
    ),
    (
        "Burma Partnership",
        None,
        OrganisationKind::Ngo,
        Some("Thailand"),
    ),
    (
        "Christian Lawyers Association for Paraguay",
        None,
        OrganisationKind::FaithGroup,
        None,
    ),
    (
        "Christian Solidarity Worldwide",
        Some("CSW"),
        OrganisationKind::FaithGroup,
        None,
    ),
    (
        "COMJAN (Investigation Commission on Missing Japanese Probably Related to North Korea)",
        Some("COMJAN"),
        OrganisationKind::Ngo,
        Some("Japan"),
    ),
    (
        "Committee for Human Rights in North Korea",
        Some("HRNK"),
        OrganisationKind::Ngo,
        Some("USA"),
    ),
    ("Conectas", None, OrganisationKind::Ngo, Some("Brazil")),
    (
        "Council for Human Rights in North Korea",
        None,
        OrganisationKind::Ngo,
        Some("Canada"),
    ),
    (
        "Free North Korea Radio",
        None,
        OrganisationKind::Media,
        Some("ROK"),
    ),
    ("Freedom House", None, OrganisationKind::Ngo, Some("USA")),
    ("Han Voice", None, OrganisationKind::Ngo, Some("Canada")),
    ("HH Katacombs", None, OrganisationKind::Ngo, Some("ROK")),
    (
        "Human Rights Watch",
        Some("HRW"),
        OrganisationKind::Ngo,
        None,
    ),
    (
        "Human Rights Without Frontiers",
        Some("HRWF"),
        OrganisationKind::Ngo,
        Some("Belgium"),
    ),
    (
        "Inter-American Federation of Christian Lawyers",
        None,
        OrganisationKind::FaithGroup,
        None,
    ),
    (
        "International Federation for Human Rights",
        Some("FIDH"),
        OrganisationKind::Ngo,
        None,
    ),
    (
        "Japanese Lawyers Association for Abduction and Other Human Rights Issues in North Korea",
        None,
        OrganisationKind::Ngo,
        None,
    ),
    (
        "Jubilee Campaign",
        None,
        OrganisationKind::FaithGroup,
        Some("USA"),
    ),
    (
        "Justice for North Korea",
        None,
        OrganisationKind::Ngo,
        Some("ROK"),
    ),
    ("Kontras", None, OrganisationKind::Ngo, Some("Indonesia")),
    (
        "Liberty in North Korea",
        Some("LiNK"),
        OrganisationKind::Ngo,
        Some("USA"),
    ),
    (
        "Life Funds for North Korean Refugees",
        None,
        OrganisationKind::Ngo,
        Some("Japan"),
    ),
    (
        "Network for North Korean Democracy and Human Rights",
        None,
        OrganisationKind::Ngo,
        Some("ROK"),
    ),
    (
        "NK Intellectual Solidarity",
        None,
        OrganisationKind::Ngo,
        Some("ROK"),
    ),
    ("NK Watch", None, OrganisationKind::Ngo, Some("ROK")),
    ("No Fence", None, OrganisationKind::Ngo, Some("Japan")),
    (
        "North Korea Freedom Coalition",
        None,
        OrganisationKind::Coalition,
        None,
    ),
    ("Odhikar", None, OrganisationKind::Ngo, Some("Bangladesh")),
    ("Open North Korea", None, OrganisationKind::Ngo, Some("ROK")),
    (
        "People In Need",
        None,
        OrganisationKind::Ngo,
        Some("Czech Republic"),
    ),
    (
        "PSALT NK (Prayer Service Action Love Truth for North Korea)",
        Some("PSALT NK"),
        OrganisationKind::FaithGroup,
        None,
    ),
    (
        "Robert F. Kennedy Human Rights",
        Some("RFK Human Rights"),
        OrganisationKind::Ngo,
        Some("USA"),
    ),
    (
        "SARAM - Für Menschen in Nordkorea",
        Some("SARAM"),
        OrganisationKind::Ngo,
        Some("Germany"),
    ),
    (
        "Students Alliance for Human Rights in North Korea",
        None,
        OrganisationKind::Ngo,
        Some("ROK"),
    ),
    (
        "The Simon Wiesenthal Center",
        None,
        OrganisationKind::Ngo,
        Some("USA"),
    ),
    (
        "The Society to Help Returnees to North Korea",
        None,
        OrganisationKind::Ngo,
        Some("Japan"),
    ),
    (
        "World Without Genocide",
        None,
        OrganisationKind::Ngo,
        Some("USA"),
    ),
    (
        "Young Defectors' Alliance for North Korean Human Rights",
        None,
        OrganisationKind::Ngo,
        Some("ROK"),
    ),
];

/// An individual of the list: (name, title, affiliation, country as written).
type PersonRow = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// The individuals of the seed's list, in its order.
pub const INDIVIDUALS: &[PersonRow] = &[
    (
        "David Hawk",
        Some("Visiting Scholar"),
        Some("Columbia University, Institute for the Study of Human Rights, and author of Hidden Gulag"),
        None,
    ),
    ("Ken Kato", Some("Director"), Some("Human Rights in Asia"), Some("Japan")),
    (
        "Suzanne Scholte",
        Some("Seoul Peace Prize Recipient"),
        Some("Defence Forum Foundation"),
        Some("USA"),
    ),
    ("Tomoharu Ebihara", None, None, None),
    (
        "Tomoyuki Kawazoe",
        Some("Representative"),
        Some("Kanagawa Association for The Rescue of Japanese Kidnapped by North Korea / Member, Reporters Without Borders"),
        None,
    ),
    ("Yuki Akimoto", None, Some("Burmainfo"), Some("Japan")),
];

const BODY: &str = "Dear President Moon,

We, the International Coalition to Stop Crimes Against Humanity in North Korea (ICNK) and {{figures}}, {{representing}}, write to urge your government to stop disengaging from ongoing human rights abuses by North Korea.

## Recent decisions

In November, South Korea decided to end its past co-sponsorship of an annual resolution in the United Nations General Assembly condemning North Korea's rights record. Your government also deported two North Korean fishermen accused of killing 16 fellow crew members to face murder charges in North Korea. Serious concerns have been raised that the two men could face torture in detention, followed by the lack of a free and fair trial.

## Our request

We urge you to:

- rejoin the resolution as a co-sponsor when member states vote on it at the General Assembly's plenary session on December 18;
- place human rights at the heart of engagement with North Korea;
- support regular discussion of the human rights crisis in North Korea at the UN Security Council.

Peace can only be achieved with justice, with an end to impunity, and with the basic rights and dignity of the people of North Korea respected and protected.

Sincerely,";

/// Loads the sample (once) and returns the letter's id.
pub fn load(store: &mut Store) -> Result<LetterId> {
    if let Some(letter) = store.letter_by_title(TITLE)? {
        return Ok(letter.id);
    }
    store.atomically(load_all)
}

fn load_all(store: &mut Store) -> Result<LetterId> {
    let icnk = store.add_organisation(
        &OrganisationInput {
            name: "International Coalition to Stop Crimes Against Humanity in North Korea".into(),
            acronym: Some("ICNK".into()),
            kind: Some("coalition".into()),
            website: Some("www.stopnkcrimes.org".into()),
            ..Default::default()
        }
        .check()?,
    )?;
    let letter = store.create_letter(
        &LetterInput {
            title: TITLE.into(),
            recipient: Some("H.E. Moon Jae-in, President of the Republic of Korea".into()),
            date: Some("2019-12-16".into()),
            place: Some("Seoul".into()),
            language: Some("en".into()),
            body: Some(BODY.into()),
            status: Some(LetterStatus::Published.as_str().into()),
            lead_coalition_id: Some(icnk.id.0),
            signatory_heading: Some("Members and supporters of the Coalition include:".into()),
            ..Default::default()
        }
        .check()?,
    )?;
    let signed_at = Utc.with_ymd_and_hms(2019, 12, 16, 0, 0, 0).single();
    let signature = |who| NewSignature {
        status: SignatureStatus::Confirmed,
        signed_at,
        channel: Channel::Email,
        tier: Tier::CoSigner,
        ..NewSignature::confirmed(who)
    };

    for (name, acronym, kind, country) in ORGANISATIONS {
        let org = store.add_organisation(
            &OrganisationInput {
                name: (*name).into(),
                acronym: acronym.map(Into::into),
                kind: Some(kind.as_str().into()),
                country: country.map(Into::into),
                ..Default::default()
            }
            .check()?,
        )?;
        let who = SignatoryRef::Organisation(org.id);
        store.sign(letter.id, &signature(who))?;
        store.add_member(icnk.id, who, Some("member or supporter"), None, None)?;
    }
    for (name, title, affiliation, country) in INDIVIDUALS {
        let person = store.add_individual(
            &IndividualInput {
                name: (*name).into(),
                title: title.map(Into::into),
                affiliation: affiliation.map(Into::into),
                country: country.map(Into::into),
                ..Default::default()
            }
            .check()?,
        )?;
        let who = SignatoryRef::Individual(person.id);
        store.sign(letter.id, &signature(who))?;
        store.add_member(icnk.id, who, Some("supporter"), None, None)?;
    }

    // The press release's media contacts.
    let contacts = [
        (
            "Human Rights Watch",
            "Bangkok",
            "Phil Robertson",
            "Asia deputy director",
            "robertp@hrw.org",
            "+66-85-060-8406",
            &["English", "Thai"][..],
        ),
        (
            "ICNK",
            "Seoul",
            "Eun-Kyoung Kwon",
            "Secretary general",
            "kekyoung@gmail.com",
            "+82-10-4508-8815",
            &["Korean", "English"][..],
        ),
        (
            "CSW",
            "London",
            "Ben Rogers",
            "East Asia team leader",
            "benrogers@csw.org.uk",
            "+44-782-332-96-64",
            &["English"][..],
        ),
    ];
    for (org, city, name, role, email, phone, languages) in contacts {
        if let Some(found) = store.lookup_organisation(org)?.first() {
            let id = found.organisation.id;
            store.add_contact(
                id,
                &ContactInput {
                    name: name.into(),
                    role: Some(role.into()),
                    city: Some(city.into()),
                    email: Some(email.into()),
                    phone: Some(phone.into()),
                    languages: languages.iter().map(|l| l.to_string()).collect(),
                }
                .check()?,
            )?;
        }
    }
    Ok(letter.id)
}
