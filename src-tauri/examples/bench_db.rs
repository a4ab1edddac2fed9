//! Makes a database for `bench/`: the sample letter, plus a letter with N
//! confirmed signatories (organisations from many countries).
//!
//! `cargo run -p undersigned-app --example bench_db -- PATH N`

use undersigned::model::{LetterInput, NewSignature, OrganisationInput, SignatoryRef};
use undersigned::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: bench_db PATH N")?;
    let n: usize = args.next().unwrap_or_else(|| "10000".into()).parse()?;
    let mut store = Store::open(std::path::Path::new(&path))?;
    undersigned::demo::load(&mut store)?;
    let countries = [
        "KR", "US", "GB", "JP", "DE", "FR", "TH", "ID", "BR", "CA", "AU", "ZA",
    ];
    let letter = LetterInput {
        title: format!("Benchmark letter with {n} signatories"),
        ..Default::default()
    }
    .check()?;
    store.atomically(|s| {
        let letter = s.create_letter(&letter)?;
        for i in 0..n {
            let org = OrganisationInput {
                name: format!("Benchmark Organisation {i:05}"),
                country: Some(countries[i % countries.len()].to_string()),
                ..Default::default()
            }
            .check()?;
            let org = s.add_organisation(&org)?;
            s.sign(
                letter.id,
                &NewSignature::confirmed(SignatoryRef::Organisation(org.id)),
            )?;
        }
        Ok(())
    })?;
    println!("{path}: {n} signatories");
    Ok(())
}
