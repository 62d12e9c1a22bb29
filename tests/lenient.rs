//! Lenient mode: unknown keys are kept, reported as warnings with path and line, and rendered.

mod util;

use newsmatter::report::{Code, Severity};
use newsmatter::{Document, ParseOptions};
use util::ARTICLE;

fn with_unknown_keys() -> String {
    ARTICLE
        .replacen("type: article\n", "type: article\nlanguage: en\n", 1)
        .replacen(
            "  domain: example.com\n",
            "  domain: example.com\n  country: \"NZ\"\n",
            1,
        )
        .replacen(
            "      height: 50\n",
            "      height: 50\n      format: png\n",
            1,
        )
        .replacen(
            "    isCached: true\n    title:",
            "    isCached: true\n    alt: null\n    title:",
            1,
        )
        .replacen(
            "      domain: example.net\n",
            "      domain: example.net\n      tags:\n        - a\n        - {b: 1}\n",
            1,
        )
        .replacen(
            "    quality: 30\n",
            "    quality: 30\n    duration: 12.5\n",
            1,
        )
        .replacen("---\n\n", "views:\n  total: 10\n  unique: 7\n---\n\n", 1)
}

fn lenient() -> ParseOptions {
    ParseOptions::new().lenient(true)
}

#[test]
fn strict_mode_refuses_the_first_unknown_key() {
    let err = util::parse_err(&with_unknown_keys());
    assert_eq!(err.code(), Code::UnknownKey);
    assert_eq!(err.path().to_string(), "language");
}

#[test]
fn lenient_mode_warns_at_each_unknown_key() {
    let parsed = util::parse_with(lenient(), &with_unknown_keys()).unwrap();
    let warnings: Vec<_> = parsed
        .warnings
        .iter()
        .map(|w| (w.path().to_string(), w.line().unwrap(), w.column().unwrap()))
        .collect();
    assert_eq!(
        warnings,
        [
            ("language".to_owned(), 11, 1),
            ("provider.country".to_owned(), 19, 3),
            ("provider.images[0].format".to_owned(), 24, 7),
            ("images[0].alt".to_owned(), 35, 5),
            ("related[0].provider.tags".to_owned(), 49, 7),
            ("related[1].duration".to_owned(), 67, 5),
            ("views".to_owned(), 70, 1),
        ]
    );
    let first = &parsed.warnings[0];
    assert_eq!(
        (first.code(), first.severity()),
        (Code::UnknownKey, Severity::Warning)
    );
    assert_eq!(
        first.to_string(),
        "language: unknown field `language`, kept"
    );
}

#[test]
fn unknown_keys_are_kept_with_their_values() {
    let doc = util::parse_with(lenient(), &with_unknown_keys())
        .unwrap()
        .document;
    let language = doc.record.unknown.get("language").unwrap();
    assert_eq!(language.to_yaml(), "en\n");
    assert_eq!(
        doc.record.unknown.get("views").unwrap().to_yaml(),
        "total: 10\nunique: 7\n"
    );
    let images = doc.record.images.as_ref().unwrap();
    assert_eq!(images[0].unknown.get("alt").unwrap().to_yaml(), "null\n");
    assert_eq!(
        serde_json::to_value(&doc.record.provider).unwrap()["country"],
        serde_json::json!("NZ")
    );
}

#[test]
fn unknown_keys_survive_rendering() {
    let doc = util::parse_with(lenient(), &with_unknown_keys())
        .unwrap()
        .document;
    let rendered = doc.to_string();
    let again = util::parse_with(lenient(), &rendered).unwrap();
    assert_eq!(again.document, doc);
    assert_eq!(again.warnings.len(), 7);
    assert!(
        rendered.contains("\n      tags:\n        - a\n        - b: 1\n"),
        "{rendered}"
    );
    assert!(rendered.contains("\nlanguage: en\n"), "{rendered}");
    assert!(rendered.contains("\n    duration: 12.5\n"), "{rendered}");
    // Unknown keys come last in their mapping.
    assert!(rendered.contains("secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\nlanguage: en\nviews:\n  total: 10\n  unique: 7\n---\n"), "{rendered}");
}

#[test]
fn duplicate_unknown_keys_are_errors_in_lenient_mode_too() {
    let text = ARTICLE.replacen("type: article\n", "type: article\nx: 1\nx: 2\n", 1);
    let err = util::parse_with(lenient(), &text).unwrap_err();
    assert_eq!(err.code(), Code::DuplicateKey);
    assert_eq!(err.path().to_string(), "x");
    assert_eq!((err.line(), err.column()), (Some(12), Some(1)));
    assert_eq!(err.message(), "duplicate field `x`");
}

#[test]
fn known_keys_stay_strict_in_lenient_mode() {
    let text = ARTICLE.replacen("quality: 61", "quality: \"61\"", 1);
    let err = util::parse_with(lenient(), &text).unwrap_err();
    assert_eq!(err.code(), Code::InvalidType);
    assert_eq!(err.path().to_string(), "quality");
}

#[test]
fn strict_documents_have_no_warnings() {
    let parsed = util::parse_with(lenient(), ARTICLE).unwrap();
    assert!(parsed.warnings.is_empty());
    assert_eq!(parsed.document, ARTICLE.parse::<Document>().unwrap());
}

#[test]
fn multi_line_unknown_values_keep_their_indentation() {
    // serde_yaml writes a multi-line string as a block scalar (`|-`) whose lines must move
    // right with a nested key.
    let text = ARTICLE.replacen(
        "      domain: example.net\n",
        "      domain: example.net\n      note: \"first line\\nsecond line\"\n      list:\n        - \"a\\nb\"\n",
        1,
    );
    let doc = util::parse_with(lenient(), &text).unwrap().document;
    let rendered = doc.to_string();
    assert!(
        rendered.contains("\n      note: |-\n        first line\n        second line\n"),
        "{rendered}"
    );
    assert_eq!(
        util::parse_with(lenient(), &rendered).unwrap().document,
        doc
    );
}

/// A tab just after a `:` (`k:<tab>1`) is a separator to both readers; the pass that finds
/// positions read it too (saphyr-parser 0.3 stopped there, and every key after the first
/// sixteen was left without a line).
#[test]
fn a_tab_after_a_colon_leaves_every_key_its_line() {
    let keys: String = (0..40).map(|i| format!("k{i}:\t{i}\n")).collect();
    let text = ARTICLE.replacen("category: news\n", &format!("category: news\n{keys}"), 1);
    let parsed = ParseOptions::new().lenient(true).parse_str(&text).unwrap();
    let lines: Vec<Option<usize>> = parsed.warnings.iter().map(|w| w.line()).collect();
    let expected: Vec<Option<usize>> = (3..43).map(Some).collect();
    assert_eq!(lines, expected);
}

/// A tag of the secondary handle with `!` in its suffix (`!!!1`, `!!str!x`): libyaml reads
/// it, saphyr-parser stopped there, and every unknown key after it lost its line. Found by
/// the `parse_lenient` fuzz target (`fuzz/regressions/parse_lenient/bang-in-tag-suffix.md`).
#[test]
fn a_bang_in_a_tag_suffix_leaves_every_key_its_line() {
    for tag in ["!!!1", "!!a!1", "!!str!x 1", "!!!!!!!!1"] {
        let keys: String = (0..20).map(|i| format!("k{i}: {i}\n")).collect();
        let text = ARTICLE.replacen(
            "category: news\n",
            &format!("category: news\ntagged: {tag}\n{keys}"),
            1,
        );
        let parsed = ParseOptions::new().lenient(true).parse_str(&text).unwrap();
        let lines: Vec<Option<usize>> = parsed.warnings.iter().map(|w| w.line()).collect();
        let expected: Vec<Option<usize>> = (3..24).map(Some).collect();
        assert_eq!(lines, expected, "{tag}");
    }
    // Text is left alone: `!` in a plain value, and tags that are errors to both readers.
    for value in ["wow !!!1", "\"!!!1\""] {
        let text = ARTICLE.replacen("category: news\n", &format!("category: {value}\n"), 1);
        let parsed = ParseOptions::new().lenient(true).parse_str(&text).unwrap();
        assert!(parsed.warnings.is_empty(), "{value}");
    }
}
