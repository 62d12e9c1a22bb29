//! `Document::from_slice` on any bytes: never panics, and whatever parses renders to text that
//! parses back to an equal document, and rendering that again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmatter::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = Document::from_slice(data) else {
        return;
    };
    let rendered = doc.to_string();
    let again: Document = rendered
        .parse()
        .unwrap_or_else(|err| panic!("the rendering does not parse: {err}\n{rendered}"));
    assert_eq!(again, doc);
    assert_eq!(again.to_string(), rendered);
});
