//! The fast reader against the general one: every real file, every example and fixture, and
//! the reference record take the fast path and get the general reader's answer, diagnostics
//! and positions included.

mod styles;
#[path = "../benches/support/mod.rs"]
mod support;
mod util;

use std::path::{Path, PathBuf};

use chrono::DateTime;
use std::collections::BTreeMap;

use newsmatter::read::{DeclineReason, Reader};
use newsmatter::{ParseOptions, ValidateOptions};
use styles::{restyle, Quoting, Style};

/// The record files under `dir`, walked, in order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "md" || ext == "txt" || ext == "markdown")
        })
        .collect();
    files.sort();
    files
}

fn validate() -> ValidateOptions {
    ValidateOptions::new()
        .reference_time(DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap())
}

/// Parses and checks every file on both readers (which must agree) and counts the files the
/// fast reader declined, by reason, among those that parse.
fn declines(files: &[PathBuf]) -> Vec<(String, DeclineReason)> {
    let mut declined = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        util::check_with(validate(), ParseOptions::new(), &text);
        if let Ok(parsed) = util::parse_with(ParseOptions::new(), &text) {
            if let Some(why) = parsed.declined {
                declined.push((format!("{}: {why}", path.display()), why.reason()));
            }
        }
    }
    declined
}

#[test]
fn every_real_file_that_parses_takes_the_fast_path() {
    let Some(root) = util::shared("realdata", "the real files on both readers") else {
        return;
    };
    let files = files_under(&root);
    assert_eq!(files.len(), 84);
    assert_eq!(declines(&files), []);
}

#[test]
fn the_reference_record_takes_the_fast_path() {
    let Some(root) = util::shared("seed", "the reference record on both readers") else {
        return;
    };
    let files = files_under(&root);
    assert_eq!(files.len(), 1);
    assert_eq!(declines(&files), []);
}

#[test]
fn the_examples_and_fixtures_take_the_fast_path() {
    let mut files = files_under(Path::new("examples/corpus"));
    files.extend(files_under(Path::new("tests/fixtures/valid")));
    files.extend(files_under(Path::new("tests/fixtures/corpus")));
    assert!(files.len() > 20, "{files:?}");
    assert_eq!(declines(&files), []);
}

#[test]
fn the_general_reader_alone_says_nothing_of_declining() {
    let parsed = ParseOptions::new()
        .reader(Reader::General)
        .parse_str(util::ARTICLE)
        .unwrap();
    assert_eq!(parsed.declined, None);
}

/// The benches' generated records, written in each style: how often the fast reader declines,
/// and why. In the subset's styles, never; outside it, exactly on the records that the style
/// changed, for the one reason the style brings.
#[test]
fn declines_on_generated_records_per_style_and_reason() {
    let files = support::generate::files(support::generate::SEED, 150);
    let producer = Style::PRODUCER;
    let styles: &[(&str, Style, Option<DeclineReason>)] = &[
        ("producer", producer, None),
        (
            "indent 4",
            Style {
                indent: 4,
                ..producer
            },
            None,
        ),
        (
            "indent 3, topics indentless",
            Style {
                indent: 3,
                indentless_topics: true,
                ..producer
            },
            None,
        ),
        (
            "single quotes",
            Style {
                quoting: Quoting::Single,
                ..producer
            },
            None,
        ),
        (
            "plain where it can",
            Style {
                quoting: Quoting::Plain,
                ..producer
            },
            None,
        ),
        (
            "double quotes on words",
            Style {
                quoting: Quoting::Double,
                ..producer
            },
            None,
        ),
        (
            "comments, blank lines",
            Style {
                comments: true,
                blank_lines: true,
                seed: 7,
                ..producer
            },
            None,
        ),
        (
            "CRLF, keys swapped",
            Style {
                crlf: true,
                reorder: true,
                ..producer
            },
            None,
        ),
        (
            "integers as 0x3D, +61, 0o75, 0b111101",
            Style {
                other_numbers: true,
                ..producer
            },
            None,
        ),
        (
            "anchors on values",
            Style {
                anchors: true,
                ..producer
            },
            Some(DeclineReason::Anchor),
        ),
        (
            "flow topics",
            Style {
                flow_topics: true,
                ..producer
            },
            Some(DeclineReason::FlowCollection),
        ),
    ];
    for (name, style, reason) in styles {
        let mut counts: BTreeMap<DeclineReason, usize> = BTreeMap::new();
        let (mut changed, mut written_otherwise) = (0, 0);
        for (file, text) in &files {
            let styled = restyle(text, style);
            written_otherwise += usize::from(styled != *text);
            changed += usize::from(restyle(text, &style.in_subset()) != styled);
            let parsed = util::parse_with(ParseOptions::new(), &styled)
                .unwrap_or_else(|err| panic!("{file} in {name}: {err}"));
            assert_eq!(&parsed.document.to_string(), text, "{file} in {name}");
            if let Some(declined) = parsed.declined {
                *counts.entry(declined.reason()).or_default() += 1;
            }
        }
        eprintln!("{name}: {} files, declined {counts:?}", files.len());
        // A style must change records, or this test would prove nothing.
        assert_eq!(written_otherwise > 0, *name != "producer", "{name}");
        assert_eq!(reason.is_some(), changed > 0, "{name}: {changed} changed");
        let expected: BTreeMap<DeclineReason, usize> = reason
            .iter()
            .map(|&reason| (reason, changed))
            .filter(|&(_, n)| n > 0)
            .collect();
        assert_eq!(counts, expected, "{name}");
    }
}

/// A corpus's cross-record diagnostics take their positions from the recorded spans on the
/// fast path, and from re-parsing on the general one: the same reports either way.
#[test]
fn cross_record_diagnostics_are_placed_alike_on_both_readers() {
    use newsmatter::corpus::graph::RelatedGraph;
    use newsmatter::CorpusOptions;
    let load = |reader| {
        let options = CorpusOptions::new()
            .validate_options(validate().parse_options(ParseOptions::new().reader(reader)));
        let mut corpus = options.load(["tests/fixtures/corpus", "examples/corpus"]);
        let graph = RelatedGraph::build(&corpus);
        corpus.cross_check(&graph).unwrap();
        corpus
            .files()
            .iter()
            .map(|file| (file.path().to_owned(), file.report().clone()))
            .collect::<Vec<_>>()
    };
    let fast = load(Reader::Auto);
    let cross_record = fast
        .iter()
        .flat_map(|(_, report)| report.iter())
        .filter(|d| {
            matches!(
                d.code(),
                newsmatter::report::Code::DuplicateArticle
                    | newsmatter::report::Code::RelatedCopyMismatch
            )
        })
        .count();
    assert!(cross_record >= 3, "{cross_record}");
    assert!(fast
        .iter()
        .all(|(_, report)| report.iter().all(|d| d.line().is_some())));
    assert_eq!(fast, load(Reader::General));
}
