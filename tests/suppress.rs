//! Inline suppression: `# newsmatter: allow(CODE, …)` comments in a record, what they silence
//! and what they report when they silence nothing.

mod util;

use chrono::DateTime;
use newsmatter::report::Code;
use newsmatter::{ParseOptions, ValidateOptions};
use util::{article_with, check_with};

/// Every diagnostic of `text` as `(code, line, column, message)`, reference time 2030.
fn diagnostics(text: &str) -> Vec<(Code, usize, usize, String)> {
    let options = ValidateOptions::new()
        .reference_time(DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap());
    check_with(options, ParseOptions::new(), text)
        .report
        .iter()
        .map(|d| {
            (
                d.code(),
                d.line().unwrap(),
                d.column().unwrap(),
                d.message().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_comment_after_a_value_silences_its_line_and_only_the_codes_named() {
    let text = article_with(
        "  - Reservoirs",
        "  - solar power # newsmatter: allow(topic-repeated)",
    );
    assert_eq!(diagnostics(&text), []);
    // Another code on that line: the repeat is reported, and the comment is unused.
    let text = article_with(
        "  - Reservoirs",
        "  - solar power # newsmatter: allow(topic-empty)",
    );
    assert_eq!(
        diagnostics(&text),
        [
            (
                Code::TopicRepeated,
                25,
                5,
                "the topic `solar power` repeats `topics[0]`".to_owned()
            ),
            (
                Code::UnusedSuppression,
                25,
                37,
                "`allow(topic-empty)` suppresses nothing: no `topic-empty` diagnostic on line 25"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn a_comment_alone_on_its_line_silences_the_next_line_only() {
    let text = article_with(
        "  - Reservoirs",
        "  # newsmatter: allow(topic-repeated, html-entity)\n  - solar power",
    );
    assert_eq!(
        diagnostics(&text),
        [(
            Code::UnusedSuppression,
            25,
            39,
            "`allow(html-entity)` suppresses nothing: no `html-entity` diagnostic on line 26"
                .to_owned()
        )]
    );
    // Two lines above is too far.
    let text = article_with(
        "  - Reservoirs",
        "  # newsmatter: allow(topic-repeated)\n  - Reservoirs\n  - solar power",
    );
    let codes: Vec<(Code, usize)> = diagnostics(&text).into_iter().map(|d| (d.0, d.1)).collect();
    assert_eq!(
        codes,
        [(Code::UnusedSuppression, 25), (Code::TopicRepeated, 27)]
    );
}

#[test]
fn a_code_that_cannot_be_allowed_or_does_not_exist_is_reported() {
    let text = article_with(
        "  - Reservoirs",
        "  - Reservoirs # newsmatter: allow(topic-repeatd, yaml-syntax, duplicate-article)",
    );
    let found: Vec<(usize, String)> = diagnostics(&text).into_iter().map(|d| (d.2, d.3)).collect();
    assert_eq!(
        found,
        [
            (
                36,
                "`topic-repeatd` is not a code: did you mean `topic-repeated`?".to_owned()
            ),
            (
                51,
                "`yaml-syntax` cannot be allowed: the file could not be read as a record"
                    .to_owned()
            ),
            (
                64,
                "`duplicate-article` is a check across records: allow it in newsmatter.toml"
                    .to_owned()
            ),
        ]
    );
    let text = article_with(
        "  - Reservoirs",
        "  - Reservoirs # newsmatter: allow topic-empty",
    );
    assert_eq!(
        diagnostics(&text),
        [(
            Code::UnusedSuppression,
            25,
            16,
            "not a suppression: expected `# newsmatter: allow(CODE, …)`".to_owned()
        )]
    );
}

#[test]
fn text_that_only_looks_like_a_comment_suppresses_nothing() {
    // Inside a quoted value it is text, not a comment.
    let text = article_with(
        "  - Reservoirs",
        "  - \"solar power # newsmatter: allow(topic-repeated)\"",
    );
    assert_eq!(diagnostics(&text), []);
    // On the line of a repeat, text in quotes that reads like a comment silences nothing.
    let text = article_with(
        "topics:\n  - Solar Power\n  - Reservoirs",
        "topics: [Solar Power, \"x # newsmatter: allow(topic-repeated)\", solar power]",
    );
    let codes: Vec<(Code, usize)> = diagnostics(&text).into_iter().map(|d| (d.0, d.1)).collect();
    assert_eq!(codes, [(Code::TopicRepeated, 23)]);
}

#[test]
fn a_file_that_does_not_parse_still_has_its_rules_silenced() {
    let text = article_with("heat: 12", "heat: \"12\"").replace(
        "  - Reservoirs",
        "  - solar power # newsmatter: allow(topic-repeated)",
    );
    let codes: Vec<Code> = diagnostics(&text).into_iter().map(|d| d.0).collect();
    assert_eq!(codes, [Code::InvalidType]);
}

#[test]
fn every_code_has_a_description_and_an_explanation_that_fit_a_terminal() {
    assert_eq!(
        Code::TopicRepeated.description(),
        "A topic repeated (ignoring case)."
    );
    assert_eq!(
        Code::BidiControl.description(),
        "A bidirectional control character (U+202A–U+202E, U+2066–U+2069) in text or a URL, as the Trojan Source attacks use."
    );
    for code in Code::ALL {
        assert!(!code.description().is_empty(), "{code}");
        let explanation = code.explanation();
        assert!(explanation.ends_with('\n'), "{code}");
        for line in explanation.lines() {
            assert!(line.chars().count() < 80, "{code}: {line}");
        }
    }
}

#[test]
fn the_amp_explanation_derives_its_fix_as_the_check_does() {
    let text = Code::AmpCacheMismatch.explanation();
    let fix = text
        .lines()
        .last()
        .unwrap()
        .trim()
        .strip_prefix("cdnAmpWebUrl: ")
        .unwrap();
    let page = newsmatter::url::Url::parse("https://news.ex.com/amp/a").unwrap();
    assert_eq!(newsmatter::check::amp_cache_url(&page).as_str(), fix);
}

#[test]
fn the_fix_of_an_unused_suppression_removes_what_is_unused() {
    let options = ValidateOptions::new()
        .reference_time(DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap());
    let text = article_with(
        "  - Reservoirs",
        "  # newsmatter: allow(topic-repeated, html-entity)\n  - solar power\n  - wind # newsmatter: allow(topic-empty)\n  # newsmatter: nonsense\n  - tide",
    );
    let safe = |d: &newsmatter::report::Diagnostic| d.fix().is_some_and(|f| f.is_safe());
    let (fixed, fixes) = newsmatter::write::fix_text(&text, &options, &safe).unwrap();
    assert_eq!(fixes.len(), 3);
    assert!(fixes.iter().all(|d| d.code() == Code::UnusedSuppression));
    assert_eq!(
        fixed,
        article_with(
            "  - Reservoirs",
            "  # newsmatter: allow(topic-repeated)\n  - solar power\n  - wind\n  - tide"
        )
    );
    assert!(options.check_str(&fixed).report.is_empty());
    // The last code of a list goes with the comma before it.
    let text = article_with(
        "  - Reservoirs",
        "  - solar power # newsmatter: allow(topic-repeated, html-entity)",
    );
    let (fixed, _) = newsmatter::write::fix_text(&text, &options, &safe).unwrap();
    assert_eq!(
        fixed,
        article_with(
            "  - Reservoirs",
            "  - solar power # newsmatter: allow(topic-repeated)"
        )
    );
}

#[test]
fn an_entity_of_no_character_has_no_fix() {
    let options = ValidateOptions::new()
        .reference_time(DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap());
    let text = article_with("The 12-megawatt array", "The 12&#0;megawatt array");
    let report = check_with(options, ParseOptions::new(), &text).report;
    let entity = report
        .iter()
        .find(|d| d.code() == Code::HtmlEntity)
        .unwrap();
    assert!(entity.fix().is_none());
    let text = article_with("The 12-megawatt array", "The 12&#8209;megawatt array");
    let report = check_with(options, ParseOptions::new(), &text).report;
    assert!(report.iter().next().unwrap().fix().is_some());
}
