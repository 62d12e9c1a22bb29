//! The benches' generator (`benches/support/generate.rs`) makes valid records with the real
//! files' variety, the same ones for the same seed.

#[path = "../benches/support/mod.rs"]
mod support;

use newsmatter::report::Severity;
use newsmatter::{Document, RecordType, ValidateOptions};
use support::generate::{files, SEED};

#[test]
fn generated_records_are_valid_and_varied() {
    let files = files(SEED, 400);
    let options = ValidateOptions::new()
        .reference_time(chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap());
    let mut related_max = 0;
    let mut videos = 0;
    let mut non_ascii = 0;
    let mut without_scores = 0;
    let (mut smallest, mut largest) = (usize::MAX, 0);
    for (name, text) in &files {
        let checked = options.check_str(text);
        let errors: Vec<_> = checked
            .report
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        let doc: Document = text.parse().unwrap();
        // What the generator renders is what the renderer would write for what it parses.
        assert_eq!(&doc.to_string(), text, "{name}");
        related_max = related_max.max(doc.record.related.as_ref().map_or(0, Vec::len));
        videos += usize::from(doc.record.record_type == RecordType::Video);
        non_ascii += usize::from(!text.is_ascii());
        without_scores += usize::from(doc.record.quality.is_none());
        smallest = smallest.min(text.len());
        largest = largest.max(text.len());
    }
    assert!(related_max >= 30, "longest related list {related_max}");
    assert!((20..=120).contains(&videos), "{videos} videos");
    assert!((120..=300).contains(&non_ascii), "{non_ascii} non-ASCII");
    assert!(without_scores >= 20, "{without_scores} without scores");
    assert!(
        smallest < 2_000 && largest > 15_000,
        "{smallest}..{largest} bytes"
    );
}

#[test]
fn the_same_seed_gives_the_same_records() {
    assert_eq!(files(SEED, 50), files(SEED, 50));
    assert_ne!(files(SEED, 50), files(SEED + 1, 50));
}
