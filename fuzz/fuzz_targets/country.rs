//! Country names as people type them: any text must give an answer
//! (a country, ambiguous, a region, international, unknown), never a panic,
//! and the field parser must agree with the resolver.
#![no_main]

use libfuzzer_sys::fuzz_target;
use undersigned::country::{parse_country_field, resolve, resolve_name, CountryMatch};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let resolved = resolve(&text);
    let _ = resolve_name(&text);
    let field = parse_country_field("country", &text);
    if let (CountryMatch::Country(code), Ok(parsed)) = (&resolved, &field) {
        if let Some(parsed) = parsed {
            assert_eq!(parsed, code, "{text:?}");
        }
    }
    if let CountryMatch::Country(_) = resolved {
        assert!(field.is_ok(), "{text:?} resolves but the field refuses it");
    }
});
