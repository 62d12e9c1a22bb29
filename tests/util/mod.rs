//! Helpers shared by the integration tests.
#![allow(dead_code)]

use newsmatter::report::Code;
use newsmatter::{Error, ParseOptions};

mod readers;
mod shared;
#[allow(unused_imports)]
pub use readers::{check_with, parse_with};
#[allow(unused_imports)]
pub use shared::shared;

/// Our look-alike article: every key of the format but `featuredContent` and `removed`.
pub const ARTICLE: &str = include_str!("../fixtures/valid/article.md");

/// `ARTICLE` with the first occurrence of `from` replaced by `to`.
#[track_caller]
pub fn article_with(from: &str, to: &str) -> String {
    assert!(ARTICLE.contains(from), "the fixture has no {from:?}");
    ARTICLE.replacen(from, to, 1)
}

/// Parses `text` strictly and expects the error `kind` at `path`, `line`, `column`, with
/// exactly `message`.
#[track_caller]
pub fn assert_error(text: &str, kind: Code, path: &str, line: usize, column: usize, message: &str) {
    let err = parse_err(text);
    assert_eq!(
        (
            err.code(),
            err.path().to_string().as_str(),
            err.line(),
            err.column(),
            err.message()
        ),
        (kind, path, Some(line), Some(column), message),
        "full error: {err}"
    );
}

/// Parses `text` strictly on both readers, which must agree, and expects an error.
#[track_caller]
pub fn parse_err(text: &str) -> Error {
    match parse_with(ParseOptions::new(), text) {
        Ok(parsed) => panic!("expected an error, parsed {:#?}", parsed.document),
        Err(err) => err,
    }
}
