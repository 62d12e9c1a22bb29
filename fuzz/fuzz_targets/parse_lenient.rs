//! Lenient parsing on any bytes: never panics; unknown keys kept survive rendering, and each
//! warning has a position.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmatter::ParseOptions;

fuzz_target!(|data: &[u8]| {
    let lenient = ParseOptions::new().lenient(true);
    let Ok(parsed) = lenient.parse_slice(data) else {
        return;
    };
    for warning in &parsed.warnings {
        assert!(warning.line().is_some(), "{warning}");
    }
    let rendered = parsed.document.to_string();
    let again = lenient
        .parse_str(&rendered)
        .unwrap_or_else(|err| panic!("the rendering does not parse: {err}\n{rendered}"));
    assert_eq!(again.document, parsed.document);
    assert_eq!(again.warnings.len(), parsed.warnings.len());
});
