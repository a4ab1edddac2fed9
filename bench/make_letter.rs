//! Builds a benchmark database: one letter with N confirmed signatories,
//! half with Latin names and half with Korean names, from 40 countries,
//! in the same shape as the sample letter. Used by `bench/pdf.sh`.
//!
//! Usage: `make_letter DB N` (prints the letter id).

#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use undersigned::model::{LetterInput, NewSignature, OrganisationInput, SignatoryRef};
use undersigned::{Error, Result, Store};

const COUNTRIES: &[&str] = &[
    "KR", "JP", "US", "GB", "DE", "FR", "TH", "ID", "PH", "BR", "CA", "AU", "IN", "BD", "NP", "MY",
    "SG", "MN", "KH", "VN", "ZA", "KE", "NG", "MX", "AR", "CL", "PE", "CO", "ES", "IT", "NL", "BE",
    "SE", "NO", "DK", "FI", "PL", "CZ", "AT", "CH",
];
const LATIN: &[&str] = &[
    "Human Rights",
    "Justice",
    "Freedom",
    "Solidarity",
    "Watch",
    "Alliance",
    "Network",
    "Council",
    "Foundation",
    "Centre",
    "Association",
    "Forum",
    "Initiative",
    "Coalition",
];
const KOREAN: &[&str] = &[
    "인권",
    "정의",
    "평화",
    "연대",
    "시민",
    "모임",
    "네트워크",
    "센터",
    "재단",
    "협회",
    "포럼",
    "북한",
    "난민",
    "통일",
];

/// The same body as `bench/letter.typ`.
pub const BODY: &str = "Dear President Moon,

We, {{figures}}, {{representing}}, write to urge your government to stop disengaging from ongoing human rights abuses by North Korea.

## Recent decisions

In November, South Korea decided to end its past co-sponsorship of an annual resolution in the United Nations General Assembly condemning North Korea's rights record. Your government also deported two North Korean fishermen accused of killing 16 fellow crew members to face murder charges in North Korea. Serious concerns have been raised that the two men could face torture in detention, followed by the lack of a free and fair trial.

## Our request

We urge you to rejoin the resolution as a co-sponsor, to place human rights at the heart of engagement with North Korea, and to support regular discussion of the human rights crisis in North Korea at the UN Security Council.

Sincerely,";

/// The name of signatory `i`: Latin for even i, Korean for odd.
pub fn name(i: usize) -> String {
    let a = (i / 2) % LATIN.len();
    let b = (i / 2 / LATIN.len()) % LATIN.len();
    if i % 2 == 0 {
        format!("{} {} Group {}", LATIN[a], LATIN[b], i)
    } else {
        format!("{}{}모임 {}", KOREAN[a], KOREAN[b], i)
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("make_letter: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let db = PathBuf::from(args.next().ok_or_else(|| Error::invalid("DB", "missing"))?);
    let n: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| Error::invalid("N", "missing or not a number"))?;
    let mut store = Store::open(&db)?;
    let id = store.atomically(|store| {
        let letter = store.create_letter(
            &LetterInput {
                title: "South Korea: Stand Up for Human Rights".into(),
                recipient: Some("H.E. Moon Jae-in, President of the Republic of Korea".into()),
                date: Some("2019-12-16".into()),
                place: Some("Seoul".into()),
                body: Some(BODY.into()),
                signatory_heading: Some("Members and supporters of the Coalition include:".into()),
                ..Default::default()
            }
            .check()?,
        )?;
        for i in 0..n {
            let org = store.add_organisation(
                &OrganisationInput {
                    name: name(i),
                    country: Some(COUNTRIES[i % COUNTRIES.len()].into()),
                    ..Default::default()
                }
                .check()?,
            )?;
            store.sign(
                letter.id,
                &NewSignature::confirmed(SignatoryRef::Organisation(org.id)),
            )?;
        }
        Ok(letter.id)
    })?;
    println!("{}", id.0);
    Ok(())
}
