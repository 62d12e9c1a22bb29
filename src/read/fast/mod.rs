//! The fast reader: YAML as producers write it, read line by line straight into the model,
//! with the position of every value recorded as it goes.
//!
//! It reads block mappings and block lists at any consistent indentation, `[]`, plain,
//! double-quoted and single-quoted scalars on one line, comments and blank lines: the
//! subset that every real record file is written in ([how the producer writes the front
//! matter](crate::record_format#how-the-producer-writes-the-front-matter)). At the first thing outside it, and at anything that would be an error, it
//! *declines* ([`Decline`]) and the caller hands the front matter to the general reader
//! (serde_yaml), which then decides and reports as it always has. So it never has to be
//! right about an error, only about a record it accepts: for those it must build exactly
//! the record the general reader builds, which the differential tests and fuzz target check.
//!
//! A check reads with [`read_all`] instead, which *recovers*: a wrong key or value (unknown,
//! repeated, missing, of the wrong shape, refused by its type) and YAML that no parser takes
//! on a value's line ([`Broken`](decline::Broken)) are written down as [`Found`] and read
//! past, the value's error worded by the general reader asked about that value alone
//! (`general::engine::read_value`), and a stand-in takes its place in the record. It still
//! declines outside the subset. The caller (`read/all.rs`) takes the first error from the
//! general reader, so that it is exactly the one a parse gives.
//!
//! Layout: `line.rs` cuts lines and checks their characters, `scalar.rs` reads one scalar,
//! `pending.rs` says what a key's or dash's line holds, `build.rs` walks mappings and lists
//! into the model's types, `decline.rs` says why the reader declined.

mod build;
pub(crate) use build::{Found, FoundKind};
pub(crate) mod decline;
mod line;
mod pending;
mod scalar;

use crate::model::Record;
use crate::read::context::{Ctx, Mode};
use crate::read::fast::decline::{Decline, DeclineReason, Result};
use crate::read::spans::{Spans, MAX_LEN};

/// Reads the record from `yaml` (the front matter with its opening `---` line), with the
/// position of every value recorded when `positions`, or declines at the first problem.
pub(crate) fn read(yaml: &str, mode: Mode, positions: bool) -> Result<(Record, Spans)> {
    read_with(yaml, mode, false, positions).map(|(record, spans, _)| (record, spans))
}

/// As [`read`], but a wrong key or value is written down and read past: the problems come
/// back in the order read, with a record in which a stand-in takes the place of each value
/// that could not be read. Declines only outside the subset.
pub(crate) fn read_all(yaml: &str, mode: Mode) -> Result<(Record, Spans, Vec<Found>)> {
    read_with(yaml, mode, true, true)
}

/// Reads `yaml`, recording where each value is when `positions` (reading past problems
/// needs them).
fn read_with(
    yaml: &str,
    mode: Mode,
    recover: bool,
    positions: bool,
) -> Result<(Record, Spans, Vec<Found>)> {
    if yaml.len() > MAX_LEN {
        return Err(Decline::new(DeclineReason::TooLarge, 0));
    }
    // The opening line is the document start marker, checked by the split.
    let first = memchr::memchr(b'\n', yaml.as_bytes()).map_or(yaml.len(), |at| at + 1);
    let spans = if positions {
        // About one value per line, and one more for each item of a list of mappings
        // (`- title: …` is two): room for them all in one allocation.
        let lines = memchr::memchr_iter(b'\n', yaml.as_bytes()).count() + 1;
        Spans::with_capacity(lines + lines / 2)
    } else {
        Spans::unrecorded()
    };
    let ctx = Ctx::new(mode, yaml.len());
    build::record(yaml, first, spans, &ctx, recover)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::general::reparse::{locate, Target};
    use crate::read::options::ParseOptions;
    use crate::read::spans::tests::record_files;
    use crate::read::split::split;
    use crate::read::Reader;
    use crate::report::position::line_column;

    const ARTICLE: &str = include_str!("../../../tests/fixtures/valid/article.md");

    /// An edit of the article, the reason the fast reader declines it, and the line and
    /// column where it does.
    const CASES: &[(&str, &str, DeclineReason, usize, usize)] = &[
        ("quality: 61", "quality:\t61", DeclineReason::Tab, 11, 9),
        (
            "category: news",
            "category: new\u{85}s",
            DeclineReason::Character,
            2,
            14,
        ),
        (
            "category: news",
            "category: ne\rws",
            DeclineReason::Character,
            2,
            13,
        ),
        (
            "  - Reservoirs",
            "  - [Reservoirs]",
            DeclineReason::FlowCollection,
            25,
            5,
        ),
        (
            "category: news",
            "category: &c news",
            DeclineReason::Anchor,
            2,
            11,
        ),
        (
            "category: news",
            "category: *c",
            DeclineReason::Alias,
            2,
            11,
        ),
        (
            "category: news",
            "category: !!str news",
            DeclineReason::Tag,
            2,
            11,
        ),
        (
            "category: news",
            "category: |\n  news",
            DeclineReason::BlockScalar,
            2,
            11,
        ),
        (
            "title: \"Harbor city",
            "title: \"Harbor\n  city",
            DeclineReason::MultiLineScalar,
            3,
            8,
        ),
        (
            "category: news",
            "? category\n: news",
            DeclineReason::ExplicitKey,
            2,
            1,
        ),
        (
            "category: news",
            "\"category\": news",
            DeclineReason::KeyForm,
            2,
            1,
        ),
        (
            "Harbor city",
            "Harbor \\u0063ity",
            DeclineReason::Escape,
            3,
            16,
        ),
        (
            "quality: 61",
            "quality: 61.0",
            DeclineReason::PlainScalar,
            11,
            10,
        ),
        (
            "category: news",
            "category: ~",
            DeclineReason::PlainScalar,
            2,
            11,
        ),
        (
            "  - Reservoirs",
            "  - Reservoirs\n    - Lakes",
            DeclineReason::Indentation,
            26,
            5,
        ),
        (
            "heat: 12",
            "heat: 12 \"x\"",
            DeclineReason::PlainScalar,
            12,
            7,
        ),
        (
            "quality: 61",
            "quality: \"61\" x",
            DeclineReason::Syntax,
            11,
            15,
        ),
        ("quality: 61", "quality:", DeclineReason::EmptyValue, 11, 9),
        (
            "category: news",
            "category: news\nlanguage: en",
            DeclineReason::UnknownKey,
            3,
            1,
        ),
        (
            "quality: 61",
            "quality: 61\nquality: 62",
            DeclineReason::DuplicateKey,
            12,
            1,
        ),
        ("category: news\n", "", DeclineReason::MissingKey, 2, 1),
        (
            "quality: 61",
            "quality: [61]",
            DeclineReason::FlowCollection,
            11,
            10,
        ),
        (
            "quality: 61",
            "quality: []",
            DeclineReason::WrongType,
            11,
            10,
        ),
        (
            "quality: 61",
            "quality: 4294967296",
            DeclineReason::InvalidValue,
            11,
            10,
        ),
        (
            "type: article",
            "type: podcast",
            DeclineReason::InvalidValue,
            10,
            7,
        ),
    ];

    /// Where the fast reader declines `text`, strictly, as reason, line and column; the
    /// same whether it records positions or not.
    fn decline(text: &str) -> Option<(DeclineReason, usize, usize)> {
        let yaml = split(text).unwrap().yaml;
        let unrecorded = read(yaml, Mode::Strict, false).err();
        let decline = read(yaml, Mode::Strict, true).err();
        assert_eq!(
            unrecorded.as_ref().map(|d| (d.reason, d.at)),
            decline.as_ref().map(|d| (d.reason, d.at))
        );
        let decline = decline?;
        let (line, column) = line_column(yaml, decline.at);
        Some((decline.reason, line, column))
    }

    #[test]
    fn each_reason_at_its_place_and_the_readers_agree_after() {
        assert_eq!(decline(ARTICLE), None);
        for &(from, to, reason, line, column) in CASES {
            assert!(ARTICLE.contains(from), "{from:?}");
            let text = ARTICLE.replacen(from, to, 1);
            assert_eq!(decline(&text), Some((reason, line, column)), "{to:?}");
            for lenient in [false, true] {
                let options = ParseOptions::new().lenient(lenient);
                let auto = options.parse_str(&text).map_err(|err| err.to_string());
                let general = options
                    .reader(Reader::General)
                    .parse_str(&text)
                    .map_err(|err| err.to_string());
                match (auto, general) {
                    (Ok(auto), Ok(general)) => {
                        assert_eq!(auto.document, general.document, "{to:?}");
                        assert_eq!(auto.warnings, general.warnings, "{to:?}");
                        let declined = auto.declined.unwrap();
                        assert_eq!(
                            (declined.reason(), declined.line(), declined.column()),
                            (reason, line, column)
                        );
                    }
                    (auto, general) => assert_eq!(auto.err(), general.err(), "{to:?}"),
                }
            }
        }
    }

    /// The article with its `related` list made of `n` copies of its second entry (the
    /// video), or with a broken one in the middle when `broken`.
    fn with_related(n: usize, broken: bool) -> String {
        let entry = "  - title: \"Inside the floating solar farm (video tour)\"\n    excerpt: \"\"\n    publishedDateTime: 2023-06-15T12:00:00Z\n    webUrl: \"\"\n    type: video\n    provider:\n      name: Example Channel\n      domain: youtube.com\n    quality: 30\n";
        let start = ARTICLE.find("related:\n").unwrap();
        let end = ARTICLE.find("\nsecured:").unwrap();
        let mut list = String::from("related:\n");
        for i in 0..n {
            list.push_str(entry);
            if broken && i == n / 2 {
                list.push_str("    heat: 1.5\n");
            }
        }
        if n == 0 {
            list = String::from("related: []\n");
        }
        format!("{}{list}{}", &ARTICLE[..start], &ARTICLE[end..])
    }

    /// A `related` list is made once, at its length, however long, one record after
    /// another on a thread (with lists longer than the room kept between them, and after a
    /// list that failed to read).
    #[test]
    fn a_related_list_is_made_at_its_length() {
        for n in [0, 1, 4, 5, 9, 300, 3, 1000, 2] {
            if n > 1 {
                let text = with_related(n, true);
                let yaml = split(&text).unwrap().yaml;
                assert!(read(yaml, Mode::Strict, false).is_err(), "{n} entries");
            }
            let text = with_related(n, false);
            let yaml = split(&text).unwrap().yaml;
            let (record, _) = read(yaml, Mode::Strict, false).unwrap();
            let related = record.related.unwrap();
            assert_eq!(related.len(), n);
            assert_eq!(related.capacity(), n, "{n} entries");
            assert!(related.iter().all(|entry| entry.quality == 30));
        }
    }

    #[test]
    fn an_empty_front_matter_or_a_list_is_not_a_mapping() {
        for text in ["---\n---\n", "---\n# a comment\n---\n", "---\n- a\n---\n"] {
            assert_eq!(
                decline(text).map(|d| d.0),
                Some(DeclineReason::NotAMapping),
                "{text:?}"
            );
        }
    }

    /// Every reason but `too-large` (2 GiB of front matter) has a case here, and each
    /// reason's name is its own.
    #[test]
    fn the_cases_cover_every_reason() {
        let mut covered: std::collections::BTreeSet<DeclineReason> =
            CASES.iter().map(|case| case.2).collect();
        covered.extend([DeclineReason::NotAMapping, DeclineReason::TooLarge]);
        assert_eq!(covered.len(), DeclineReason::ALL.len());
        let names: std::collections::BTreeSet<&str> =
            DeclineReason::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(names.len(), DeclineReason::ALL.len());
        assert_eq!(DeclineReason::FlowCollection.to_string(), "flow-collection");
    }

    /// Every value the fast reader recorded is where the general reader's locating finds it,
    /// and a path to nothing (a key or an index that is not there) is found by neither.
    #[test]
    fn recorded_positions_are_where_the_general_reader_finds_them() {
        let mut checked = 0;
        for path in record_files() {
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(parts) = split(&text) else { continue };
            let Ok((record, spans)) = read(parts.yaml, Mode::Strict, true) else {
                continue;
            };
            // Without positions, the same record, and nothing recorded.
            let (unrecorded, none) = read(parts.yaml, Mode::Strict, false).unwrap();
            assert_eq!(unrecorded, record, "{}", path.display());
            assert_eq!(none.len(), 0);
            let yaml = parts.yaml;
            for at in spans.paths(yaml) {
                let recorded = spans
                    .find(yaml, &at)
                    .map(|offset| line_column(yaml, offset));
                assert!(recorded.is_some(), "{}: {at}", path.display());
                assert_eq!(
                    recorded,
                    locate(yaml, &at, Target::Value),
                    "{}: {at}",
                    path.display()
                );
                for nowhere in [at.clone().key("nowhere"), at.clone().index(9999)] {
                    assert_eq!(spans.find(yaml, &nowhere), None, "{nowhere}");
                    assert_eq!(locate(yaml, &nowhere, Target::Value), None, "{nowhere}");
                }
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    /// Every value of every record file (the fixtures, and the real files beside the
    /// repository) is found at the same place by a scan of the spans recorded and by their
    /// groups (a lookup's first questions and its later ones).
    #[test]
    fn a_scan_and_the_groups_find_the_same_values() {
        let mut values = 0;
        for path in record_files() {
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(parts) = crate::read::split::split(&text) else {
                continue;
            };
            let ctx_mode = Mode::Strict;
            let Ok((_, spans, _)) = read_all(parts.yaml, ctx_mode) else {
                continue;
            };
            for field in spans.paths(parts.yaml) {
                assert!(
                    spans.find_both_ways(parts.yaml, &field).is_some(),
                    "{field}"
                );
                values += 1;
            }
            let absent = crate::report::FieldPath::root()
                .key("related")
                .index(9999)
                .key("title");
            assert_eq!(spans.find_both_ways(parts.yaml, &absent), None);
        }
        assert!(values > 1000, "{values} values");
    }
}
