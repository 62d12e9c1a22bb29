//! The envelope around the front matter (FORMAT.md, "Envelope"), through the public API.

mod util;

use newsmatter::report::Code;
use newsmatter::{Document, ParseOptions};
use util::{assert_error, ARTICLE};

#[track_caller]
fn parse(text: &str) -> Document {
    util::parse_with(ParseOptions::new(), text)
        .unwrap_or_else(|err| panic!("{err}"))
        .document
}

#[test]
fn parses_with_bom() {
    assert_eq!(parse(&format!("\u{feff}{ARTICLE}")), parse(ARTICLE));
}

#[test]
fn parses_crlf_exactly_like_lf() {
    let crlf = ARTICLE.replace('\n', "\r\n");
    let (lf, crlf) = (parse(ARTICLE), parse(&crlf));
    assert_eq!(crlf.record, lf.record);
    // The body keeps its own line endings.
    assert_eq!(crlf.body, "\r\n");
}

#[test]
fn crlf_errors_count_lines_like_lf() {
    let text = util::article_with("quality: 61", "quality: \"54\"").replace('\n', "\r\n");
    assert_error(
        &text,
        Code::InvalidType,
        "quality",
        11,
        10,
        "invalid type: string \"54\", expected an integer from 0 to 4294967295",
    );
}

#[test]
fn accepts_trailing_blanks_on_delimiters() {
    let text = ARTICLE.replacen("---\n", "--- \t\n", 2);
    assert_eq!(parse(&text).record, parse(ARTICLE).record);
}

#[test]
fn accepts_dots_as_closing_delimiter() {
    let text = ARTICLE.replace("\n---\n", "\n...\n");
    assert_eq!(parse(&text), parse(ARTICLE));
}

#[test]
fn keeps_body_with_rules_byte_for_byte() {
    let body = "\n# Heading\n\n---\n\ntext after a rule\n----\n...\n";
    let text = format!("{}{body}", ARTICLE.trim_end_matches('\n'));
    let text = text.replacen(
        "secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\n---",
        "secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\n---\n",
        1,
    );
    let doc = parse(&text);
    assert_eq!(doc.body, body);
    assert_eq!(doc.to_string(), text);
}

#[test]
fn four_dashes_do_not_open() {
    assert_error(
        &ARTICLE.replacen("---\n", "----\n", 1),
        Code::MissingOpeningDelimiter,
        "",
        1,
        1,
        "expected the first line to be `---`, the start of the front matter",
    );
}

#[test]
fn text_after_dashes_does_not_open() {
    assert_error(
        &ARTICLE.replacen("---\n", "--- title\n", 1),
        Code::MissingOpeningDelimiter,
        "",
        1,
        1,
        "expected the first line to be `---`, the start of the front matter",
    );
}

#[test]
fn front_matter_must_come_first() {
    assert_error(
        &format!("\n{ARTICLE}"),
        Code::MissingOpeningDelimiter,
        "",
        1,
        1,
        "expected the first line to be `---`, the start of the front matter",
    );
}

#[test]
fn missing_closing_delimiter_is_an_error() {
    let text = ARTICLE.replace("\n---\n", "\n");
    assert_error(
        &text,
        Code::MissingClosingDelimiter,
        "",
        1,
        1,
        "the front matter opened here is never closed: expected a later line `---`",
    );
}

#[test]
fn four_dashes_do_not_close() {
    let text = ARTICLE.replace("\n---\n", "\n----\n");
    assert_eq!(util::parse_err(&text).code(), Code::MissingClosingDelimiter);
}

#[test]
fn invalid_utf8_reports_byte_offset_and_position() {
    let mut bytes = ARTICLE.as_bytes().to_vec();
    let at = ARTICLE.find("Harbor").unwrap();
    bytes[at] = 0xC3;
    bytes[at + 1] = 0x28;
    let err = Document::from_slice(&bytes).unwrap_err();
    assert_eq!(err.code(), Code::InvalidUtf8);
    assert_eq!(err.message(), format!("invalid UTF-8 at byte offset {at}"));
    assert_eq!((err.line(), err.column()), (Some(3), Some(9)));
}

#[test]
fn empty_front_matter_is_not_a_mapping() {
    assert_error(
        "---\n---\n",
        Code::NotAMapping,
        "",
        2,
        1,
        "the front matter must be a mapping of keys: invalid type: null, expected a mapping of record keys",
    );
}

#[test]
fn list_front_matter_is_not_a_mapping() {
    assert_error(
        "---\n- a\n- b\n---\n",
        Code::NotAMapping,
        "",
        2,
        1,
        "the front matter must be a mapping of keys: invalid type: sequence, expected a mapping of record keys",
    );
}

#[test]
fn scalar_front_matter_is_not_a_mapping() {
    assert_error(
        "---\njust text\n---\n",
        Code::NotAMapping,
        "",
        2,
        1,
        "the front matter must be a mapping of keys: invalid type: string \"just text\", expected a mapping of record keys",
    );
}

#[test]
fn yaml_syntax_error_points_into_the_file() {
    let text = util::article_with("excerpt: \"The 12", "excerpt: \"The \"12");
    let err = util::parse_err(&text);
    assert_eq!(err.code(), Code::YamlSyntax);
    assert_eq!(err.path().to_string(), "");
    assert_eq!((err.line(), err.column()), (Some(4), Some(16)));
    assert_eq!(
        err.message(),
        "did not find expected key, while parsing a block mapping at line 2 column 1"
    );
}

#[test]
fn a_second_document_inside_the_front_matter_is_an_error() {
    let text = util::article_with("type: article\n", "type: article\n--- x\n");
    assert_error(
        &text,
        Code::YamlSyntax,
        "",
        11,
        1,
        "a line starting with `---` or `...` inside the front matter would start a second YAML \
         document",
    );
}
