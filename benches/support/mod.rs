//! What the benches (and the allocation test) share: the baseline model, the generator of
//! records, and the reference record.

#![allow(dead_code)]

pub mod baseline;
pub mod generate;
pub mod producer;

use std::path::Path;

/// The reference record of the format (`../shared/seed`, beside the repository), or, where
/// that is missing, our own fixture of the same shape; with the name to show.
pub fn reference() -> (&'static str, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = root.join("../shared/seed/000_f716d4bb0f17b2b4.txt");
    match std::fs::read_to_string(&seed) {
        Ok(text) => ("reference", text),
        Err(_) => {
            eprintln!(
                "note: {} not found; measuring tests/fixtures/valid/article.md instead",
                seed.display()
            );
            let fixture = root.join("tests/fixtures/valid/article.md");
            let text = std::fs::read_to_string(fixture).expect("the fixture is in the repository");
            ("fixture", text)
        }
    }
}

/// The front matter of a record file with its opening `---` line, as handed to serde_yaml by
/// the baselines (which know nothing of the envelope).
pub fn front_matter(text: &str) -> &str {
    let parts = newsmatter::split_front_matter(text).expect("bench inputs are records");
    let end = text.len() - parts.body.len();
    // Up to the closing line: the opening line and the YAML.
    &text[..text[..end - 1].rfind('\n').map_or(0, |n| n + 1)]
}
