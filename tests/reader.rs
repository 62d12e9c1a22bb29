//! The fast reader against the general one: every real file, every example and fixture, and
//! the reference record take the fast path and get the general reader's answer, diagnostics
//! and positions included.

mod util;

use std::path::{Path, PathBuf};

use chrono::DateTime;
use newsmatter::{DeclineReason, ParseOptions, Reader, ValidateOptions};

/// The record files under `dir`, walked, in order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "md" || ext == "txt" || ext == "markdown")
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
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
