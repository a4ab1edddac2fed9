//! A press-release draft, laid out like the seed's: "For Immediate
//! Release", the title, the dateline with the headline figures, a place for
//! quotes, the media contacts block, and the signatory list.
//!
//! It is a draft for a campaigner to finish, so the parts only a person can
//! write are marked in square brackets. The media contacts are the contacts
//! of the lead coalition and of the named signing organisations; their
//! phones and emails are printed here (that is the block's purpose) and
//! nowhere else: never in logs or error messages.

use crate::error::Result;
use crate::model::{Contact, LetterId, OrganisationId, SignatoryRef};
use crate::store::Store;

use super::list::{dateline, SignatoryList};
use super::text::list_text;
use crate::country::Language;

/// The press-release draft as plain text.
pub fn press_release(store: &Store, letter: LetterId) -> Result<String> {
    let letter = store.letter(letter)?;
    let list = SignatoryList::build(store, letter.id)?;
    let tally = store.tally(letter.id)?;
    let lang = letter.language;
    let lead = match letter.lead_coalition_id {
        Some(id) => Some(store.organisation(id)?),
        None => None,
    };

    let mut out = String::new();
    out.push_str(match lang {
        Language::En => "FOR IMMEDIATE RELEASE\n\n",
        Language::Ko => "보도자료 (즉시 배포)\n\n",
    });
    out.push_str(&letter.title);
    out.push_str("\n\n");

    let dateline = dateline(&letter)
        .map(|d| format!("({d})"))
        .unwrap_or_default();
    let lead_name = lead.as_ref().map(|o| match &o.acronym {
        Some(a) => format!("The {} ({a})", o.name),
        None => format!("The {}", o.name),
    });
    let figures = tally.phrase(lang);
    let representing = tally.representing_phrase(lang);
    let recipient = letter
        .recipient
        .clone()
        .unwrap_or_else(|| "[recipient]".into());
    let lede = match lang {
        Language::En => {
            let who = match &lead_name {
                Some(l) => format!("{l} and {figures}"),
                None => figures.clone(),
            };
            let who = match &representing {
                Some(r) => format!("{who}, {r},"),
                None => who,
            };
            format!("{who} published a joint open letter to {recipient}. [What the letter asks, in one sentence.]")
        }
        Language::Ko => {
            let who = match &lead.as_ref().map(|o| o.name.clone()) {
                Some(l) => format!("{l}와(과) {figures}"),
                None => figures.clone(),
            };
            let who = match &representing {
                Some(r) => format!("{who}({r})"),
                None => who,
            };
            format!("{who}가 {recipient}에게 공동 서한을 보냈다. [서한의 요구를 한 문장으로.]")
        }
    };
    if dateline.is_empty() {
        out.push_str(&lede);
    } else {
        out.push_str(&format!("{dateline} – {lede}"));
    }
    out.push_str("\n\n");
    out.push_str(match lang {
        Language::En => "“[Quote],” said [name, title, organisation].\n\n",
        Language::Ko => "“[인용문]”이라고 [이름, 직함, 단체]는 말했다.\n\n",
    });

    let contacts = media_contacts(store, lead.as_ref().map(|o| o.id), &list)?;
    if !contacts.is_empty() {
        out.push_str(match lang {
            Language::En => "For more information, please contact:\n",
            Language::Ko => "문의:\n",
        });
        for (organisation, contact) in &contacts {
            out.push_str(&contact_line(organisation, contact, lang));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&list_text(&list));
    Ok(out)
}

/// The contacts of the lead coalition, then of named signing organisations
/// in list order, each with its organisation's name.
fn media_contacts(
    store: &Store,
    lead: Option<OrganisationId>,
    list: &SignatoryList,
) -> Result<Vec<(String, Contact)>> {
    let mut orgs: Vec<OrganisationId> = lead.into_iter().collect();
    for entry in list.entries() {
        if let SignatoryRef::Organisation(id) = entry.row.signature.signatory {
            if !orgs.contains(&id) {
                orgs.push(id);
            }
        }
    }
    let mut out = Vec::new();
    for id in orgs {
        let contacts = store.contacts(id)?;
        if contacts.is_empty() {
            continue;
        }
        let org = store.organisation(id)?;
        let name = org.acronym.clone().unwrap_or(org.name);
        out.extend(contacts.into_iter().map(|c| (name.clone(), c)));
    }
    Ok(out)
}

/// "In Bangkok, for Human Rights Watch, Phil Robertson (English, Thai):
/// +66-85-060-8406; or robertp@hrw.org". A contact without a city gets a
/// "[city]" placeholder for the campaigner to fill in.
fn contact_line(organisation: &str, contact: &Contact, lang: Language) -> String {
    let city = contact.city.as_deref();
    let mut line = match lang {
        Language::En => format!(
            "In {}, for {organisation}, {}",
            city.unwrap_or("[city]"),
            contact.name
        ),
        Language::Ko => format!(
            "{} {organisation} {}",
            city.unwrap_or("[도시]"),
            contact.name
        ),
    };
    if !contact.languages.is_empty() {
        line.push_str(&format!(" ({})", contact.languages.join(", ")));
    }
    let reach: Vec<&str> = [contact.phone.as_deref(), contact.email.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !reach.is_empty() {
        line.push_str(": ");
        line.push_str(&reach.join(match lang {
            Language::En => "; or ",
            Language::Ko => " / ",
        }));
    }
    line
}
