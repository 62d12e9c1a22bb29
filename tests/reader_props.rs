//! Property tests of the two readers: generated records written in many YAML styles read the
//! same on both, and the fast reader takes every style of its subset.

mod strategies;
mod styles;
mod util;

use newsmatter::ParseOptions;
use proptest::prelude::*;
use strategies::{arb_document, arb_valid_document};
use styles::{has_declined_escape, restyle, Quoting, Style};

fn arb_style() -> impl Strategy<Value = Style> {
    (
        2_usize..=4,
        any::<bool>(),
        prop_oneof![
            Just(Quoting::Producer),
            Just(Quoting::Single),
            Just(Quoting::Plain),
            Just(Quoting::Double)
        ],
        any::<[bool; 5]>(),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.15),
        any::<u64>(),
    )
        .prop_map(
            |(
                indent,
                indentless_topics,
                quoting,
                [comments, blank_lines, crlf, reorder, other_numbers],
                anchors,
                flow_topics,
                seed,
            )| Style {
                indent,
                indentless_topics,
                quoting,
                comments,
                blank_lines,
                crlf,
                reorder,
                other_numbers,
                anchors,
                flow_topics,
                seed,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A valid record in any style: both readers read the record that was written, and the
    /// fast reader reads it itself when the style is in its subset.
    #[test]
    fn every_style_reads_back_the_record_on_both_readers(
        doc in arb_valid_document(),
        style in arb_style(),
    ) {
        let canonical = doc.to_string();
        let text = restyle(&canonical, &style);
        let parsed = util::parse_with(ParseOptions::new(), &text)
            .unwrap_or_else(|err| panic!("{err}\n{text}"));
        prop_assert_eq!(&parsed.document, &doc, "{}", text);
        // Out of the subset only if a style outside it changed something.
        let in_subset = restyle(&canonical, &style.in_subset()) == text;
        let fast = in_subset && !has_declined_escape(&canonical);
        prop_assert_eq!(parsed.declined.is_none(), fast, "{:?}\n{}", parsed.declined, text);
        // Diagnostics, positions included, agree too.
        let validate = newsmatter::ValidateOptions::new().reference_time(
            chrono::DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap(),
        );
        util::check_with(validate, ParseOptions::new(), &text);
    }

    /// Any record, valid or not, strict or lenient, in any style: the readers agree.
    #[test]
    fn the_readers_agree_on_any_record_in_any_style(doc in arb_document(), style in arb_style()) {
        let text = restyle(&doc.to_string(), &style);
        util::parse_with(ParseOptions::new(), &text).ok();
        util::parse_with(ParseOptions::new().lenient(true), &text).ok();
    }
}

#[test]
fn the_producers_style_is_the_rendering() {
    let text = util::ARTICLE;
    assert_eq!(restyle(text, &Style::PRODUCER), text);
}
