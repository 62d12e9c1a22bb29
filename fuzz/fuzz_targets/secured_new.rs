//! `Secured::new` on any text: accepted payloads are exactly the canonical envelopes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmatter::Secured;

fuzz_target!(|text: &str| {
    let Ok(secured) = Secured::new(text) else {
        return;
    };
    assert_eq!(secured.expose_raw(), text);
    assert!(!secured.ciphertext().is_empty());
    assert_eq!(secured.ciphertext().len() % newsmatter::BLOCK_LEN, 0);
    // Canonical base64: encoding the decoded parts gives the payload back.
    let (ciphertext, iv) = text.split_once(';').unwrap();
    assert_eq!(ciphertext.len(), secured.ciphertext().len().div_ceil(3) * 4);
    assert_eq!(iv.len(), 24);
    assert_eq!(format!("{secured:?}"), "Secured(<redacted>)");
});
