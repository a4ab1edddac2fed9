//! Organisation names as people type them: any text gives a key made of
//! alphanumeric characters separated by single spaces, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use undersigned::normalize::{name_key, tidy};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let key = name_key(&text);
    assert!(!key.starts_with(' ') && !key.ends_with(' '), "{text:?} -> {key:?}");
    assert!(!key.contains("  "), "{text:?} -> {key:?}");
    assert!(
        key.chars().all(|c| c == ' ' || c.is_alphanumeric()),
        "{text:?} -> {key:?}"
    );
    let tidied = tidy(&text);
    assert_eq!(tidy(&tidied), tidied);
});
