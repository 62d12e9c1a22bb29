//! Every problem of a file at once, case by case: what is recovered from, what a stand-in
//! hides (nothing is guessed), where the general reader still stops, the ranges and the
//! suggestions. `recovery_props.rs` combines defects at random; this file pins exact output.

mod util;

use newsmatter::report::{Code, Severity};
use newsmatter::{Document, ParseOptions, ValidateOptions};
use util::article_with;

/// Each diagnostic of checking `text`: code, path, line, column, end line, end column.
fn checked(text: &str) -> Vec<(Code, String, usize, usize, usize, usize)> {
    let checked = util::check_with(ValidateOptions::new(), ParseOptions::new(), text);
    checked
        .report
        .iter()
        .map(|d| {
            (
                d.code(),
                d.path().to_string(),
                d.line().unwrap(),
                d.column().unwrap(),
                d.end_line().unwrap(),
                d.end_column().unwrap(),
            )
        })
        .collect()
}

fn d(
    code: Code,
    path: &str,
    at: (usize, usize),
    end: (usize, usize),
) -> (Code, String, usize, usize, usize, usize) {
    (code, path.to_owned(), at.0, at.1, end.0, end.1)
}

#[test]
fn a_type_error_a_bad_url_and_a_bad_number_are_all_reported() {
    let text = article_with("quality: 61", "quality: \"61\"")
        .replacen(
            "webUrl: \"https://www.example.com/energy/harbor-city-floating-solar\"",
            "webUrl: \"javascript:alert(1)\"",
            1,
        )
        .replacen("heat: 12", "heat: -5", 1);
    assert_eq!(
        checked(&text),
        [
            d(Code::UrlScheme, "webUrl", (7, 9), (7, 30)),
            d(Code::InvalidType, "quality", (11, 10), (11, 14)),
            d(Code::InvalidValue, "heat", (12, 7), (12, 9)),
        ]
    );
    let errors = ParseOptions::new().parse_all(&text).unwrap_err();
    let first = text.parse::<Document>().unwrap_err();
    assert_eq!(errors[0].to_string(), first.to_string());
    assert_eq!(
        errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "line 7, column 9: webUrl: invalid value: string \"javascript:alert(1)\", expected an http or https URL",
            "line 11, column 10: quality: invalid type: string \"61\", expected an integer from 0 to 4294967295",
            "line 12, column 7: heat: invalid value: integer `-5`, expected -1 (not ranked) or an integer from 0 to 4294967295",
        ]
    );
}

#[test]
fn a_parse_error_does_not_hide_the_rules() {
    let text = article_with("quality: 61", "quality: \"61\"")
        .replacen("category: news", "category: \"\"", 1)
        .replacen("  domain: example.com", "  domain: Example.COM", 1);
    // The parse's error first; then the rules over what did read, in file order.
    assert_eq!(
        checked(&text),
        [
            d(Code::InvalidType, "quality", (11, 10), (11, 14)),
            d(Code::CategoryEmpty, "category", (2, 11), (2, 13)),
            d(Code::ProviderDomain, "provider.domain", (17, 11), (17, 22)),
        ]
    );
}

#[test]
fn no_cascade_and_no_guess() {
    // A wrong-typed key is not also missing.
    let list_title = article_with(
        "title: \"Harbor city opens a floating solar farm\"",
        "title:\n  - Harbor",
    );
    assert_eq!(
        checked(&list_title),
        [d(Code::InvalidType, "title", (4, 3), (4, 11))]
    );
    // A misspelt key is unknown, with a suggestion; the key it meant is not also missing.
    let misspelt = article_with("title: \"Harbor", "titel: \"Harbor");
    assert_eq!(
        checked(&misspelt),
        [d(Code::UnknownKey, "titel", (3, 1), (3, 6))]
    );
    // A `type` that does not read: no rule guesses what the record is (an article needs a
    // `webUrl`; a video has none).
    let no_type = article_with("type: article", "type: podcast").replacen(
        "webUrl: \"https://www.example.com/energy/harbor-city-floating-solar\"\n",
        "",
        1,
    );
    assert_eq!(
        checked(&no_type),
        [d(Code::InvalidValue, "type", (9, 7), (9, 14))]
    );
    // An unknown key far from every known one is only unknown: the absent `heat` it does
    // not stand for is absent, and `scores-partial` says so.
    let hot = article_with("heat: 12", "hot: 12");
    let codes: Vec<Code> = checked(&hot).into_iter().map(|d| d.0).collect();
    assert_eq!(codes, [Code::UnknownKey, Code::ScoresPartial]);
}

#[test]
fn a_key_three_times_is_one_duplicate() {
    let text = article_with("quality: 61", "quality: 61\nquality: 62\nquality: 63");
    assert_eq!(
        checked(&text),
        [d(Code::DuplicateKey, "quality", (12, 1), (12, 8))]
    );
}

#[test]
fn outside_the_subset_the_general_reader_stops_and_says_so() {
    let text = article_with("quality: 61", "quality: &q \"61\"").replacen(
        "category: news",
        "category: \"\"",
        1,
    );
    let report = util::check_with(ValidateOptions::new(), ParseOptions::new(), &text).report;
    assert_eq!(report.len(), 1);
    let first = report.iter().next().unwrap();
    assert_eq!(first.code(), Code::InvalidType);
    assert_eq!(
        first.note(),
        Some(
            "the general reader stops at the first error: the fast reader, which reads on, \
             declined this file (anchor at line 11, column 10)"
        )
    );
}

#[test]
fn text_after_a_value_is_a_syntax_error_read_past() {
    let text =
        article_with("  - Reservoirs", "  - \"Reservoirs\" x").replacen("heat: 12", "heat: 1.5", 1);
    let report = util::check_with(ValidateOptions::new(), ParseOptions::new(), &text).report;
    let found: Vec<(Code, String, Option<usize>, &str)> = report
        .iter()
        .map(|d| (d.code(), d.path().to_string(), d.line(), d.message()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Code::InvalidType,
                "heat".to_owned(),
                Some(12),
                "invalid type: floating point `1.5`, expected -1 (not ranked) or an integer from 0 to 4294967295"
            ),
            (
                Code::YamlSyntax,
                "topics".to_owned(),
                Some(25),
                "did not find expected '-' indicator, while parsing a block collection at line 24 column 3"
            ),
        ]
    );
}

#[test]
fn yaml_no_parser_takes_is_read_past_at_the_next_key() {
    let text = article_with("category: news", "category: news: x")
        .replacen("  - Solar Power", "  - @Solar", 1)
        .replacen("    width: 1200", "    width: `1200`", 1)
        .replacen("heat: 12", "heat: 12.5", 1);
    let errors = ParseOptions::new().parse_all(&text).unwrap_err();
    type Found<'e> = (Code, String, Option<usize>, Option<usize>, &'e str);
    let found: Vec<Found<'_>> = errors
        .iter()
        .map(|e| {
            (
                e.code(),
                e.path().to_string(),
                e.line(),
                e.column(),
                e.message(),
            )
        })
        .collect();
    const CANNOT_START: &str =
        "found character that cannot start any token, while scanning for the next token";
    assert_eq!(
        found,
        [
            (
                Code::YamlSyntax,
                String::new(),
                Some(2),
                Some(15),
                "mapping values are not allowed in this context"
            ),
            (
                Code::InvalidType,
                "heat".to_owned(),
                Some(12),
                Some(7),
                "invalid type: floating point `12.5`, expected -1 (not ranked) or an integer from 0 to 4294967295"
            ),
            (Code::YamlSyntax, "topics".to_owned(), Some(24), Some(5), CANNOT_START),
            (Code::YamlSyntax, "images[0].width".to_owned(), Some(29), Some(12), CANNOT_START),
        ]
    );
    // `- a b: c` is a mapping in a list, not an error: the general reader decides it.
    let item = article_with("  - Reservoirs", "  - Reser voirs: x");
    let report = util::check_with(ValidateOptions::new(), ParseOptions::new(), &item).report;
    assert_eq!(report.iter().next().unwrap().code(), Code::InvalidType);
}

#[test]
fn lenient_warnings_come_with_the_errors() {
    let text = article_with("category: news", "category: news\nlanguage: en").replacen(
        "quality: 61",
        "quality: \"61\"",
        1,
    );
    let options = ValidateOptions::new();
    let report = util::check_with(options, ParseOptions::new().lenient(true), &text).report;
    let found: Vec<(Code, Severity, String)> = report
        .iter()
        .map(|d| (d.code(), d.severity(), d.path().to_string()))
        .collect();
    assert_eq!(
        found,
        [
            (Code::InvalidType, Severity::Error, "quality".to_owned()),
            (Code::UnknownKey, Severity::Warning, "language".to_owned()),
        ]
    );
}

#[test]
fn suggestions_are_data_that_fix_the_file() {
    let text = article_with("published: true", "published: yes")
        .replacen("type: article", "type: Article", 1)
        .replacen("    width: 1200", "    widht: 1200", 1)
        .replacen("quality: 61", "quality: '61'", 1);
    let report = ValidateOptions::new().check_str(&text).report;
    let mut fixes: Vec<_> = report.iter().filter_map(|d| d.suggestion()).collect();
    assert_eq!(
        fixes
            .iter()
            .map(|s| (s.message(), s.replacement()))
            .collect::<Vec<_>>(),
        [
            ("did you mean `article`?", "article"),
            ("write the number without quotes: `61`", "61"),
            ("write `true`: YAML 1.2 reads `yes` as text", "true"),
            ("did you mean `width`?", "width"),
        ]
    );
    // Applied from the last to the first, they make the file valid.
    fixes.sort_by_key(|s| std::cmp::Reverse(s.span().start.offset));
    let mut fixed = text.clone();
    for s in fixes {
        fixed.replace_range(s.span().start.offset..s.span().end.offset, s.replacement());
    }
    assert!(
        ValidateOptions::new().check_str(&fixed).report.is_empty(),
        "{fixed}"
    );
}

#[test]
fn json_has_the_range_and_the_suggestion() {
    let text = article_with("type: article", "type: artcle");
    let report = ValidateOptions::new().check_str(&text).report;
    let json = serde_json::to_value(report.iter().next().unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "severity": "error",
            "code": "invalid-value",
            "path": "type",
            "line": 10,
            "column": 7,
            "endLine": 10,
            "endColumn": 13,
            "message": "unknown variant `artcle`, expected `article` or `video`",
            "suggestion": {
                "message": "did you mean `article`?",
                "replacement": "article",
                "span": {"line": 10, "column": 7, "endLine": 10, "endColumn": 13, "start": 547, "end": 553}
            }
        })
    );
    assert_eq!(&text[547..553], "artcle");
}

#[test]
fn positions_of_values_after_a_byte_order_mark_are_offsets_in_the_file() {
    let text = format!("\u{feff}{}", util::ARTICLE);
    let parsed = ParseOptions::new().parse_str(&text).unwrap();
    let path = newsmatter::report::FieldPath::root()
        .key("related")
        .index(1)
        .key("webUrl");
    let span = parsed.position(&path).unwrap();
    assert_eq!(&text[span.start.offset..span.end.offset], "\"\"");
    assert_eq!((span.start.line, span.start.column), (54, 13));
    let list = newsmatter::report::FieldPath::root().key("topics");
    let span = parsed.position(&list).unwrap();
    assert_eq!(
        &text[span.start.offset..span.end.offset],
        "- Solar Power\n  - Reservoirs"
    );
}

#[test]
fn ranges_found_across_records_are_offsets_in_the_file() {
    let dir = std::env::temp_dir().join(format!("newsmatter-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bom = format!("\u{feff}{}", util::ARTICLE);
    std::fs::write(dir.join("a.md"), util::ARTICLE).unwrap();
    std::fs::write(dir.join("b.md"), &bom).unwrap();
    let corpus = newsmatter::CorpusOptions::new().load([&dir]);
    let graph = newsmatter::corpus::graph::RelatedGraph::build(&corpus);
    let corpus = {
        let mut corpus = corpus;
        corpus.cross_check(&graph).unwrap();
        corpus
    };
    std::fs::remove_dir_all(&dir).unwrap();
    let second = &corpus.files()[1];
    let duplicate = second
        .report()
        .iter()
        .find(|d| d.code() == Code::DuplicateArticle)
        .unwrap();
    let span = duplicate.span().unwrap();
    assert_eq!(
        &bom[span.start.offset..span.end.offset],
        "\"https://www.example.com/energy/harbor-city-floating-solar\""
    );
    assert_eq!((span.start.line, span.start.column), (7, 9));
}

#[test]
fn a_source_map_finds_values_whether_the_file_parses_or_not() {
    use newsmatter::report::FieldPath;
    let root = FieldPath::root;
    // A file that parses: the same answers as the parse's own positions, on both readers'
    // kinds of YAML.
    for text in [
        util::ARTICLE.to_owned(),
        article_with("category: news", "category: &c news"),
    ] {
        let parsed = ParseOptions::new().parse_str(&text).unwrap();
        let map = ParseOptions::new().source_map(&text).unwrap();
        for path in [
            root().key("category"),
            root().key("related").index(1).key("provider").key("domain"),
            root().key("topics"),
            root().key("images").index(0),
        ] {
            assert_eq!(map.value(&path), parsed.position(&path), "{path}");
            assert!(map.value(&path).is_some(), "{path}");
        }
        let key = map.key(&root().key("heat")).unwrap();
        assert_eq!(&text[key.start.offset..key.end.offset], "heat");
    }
    // A file that does not parse: wrong, unknown and repeated keys' values are found.
    let text = article_with("quality: 61", "quality: \"61\"\nhot: [1]\nquality: 62");
    assert!(ParseOptions::new().parse_str(&text).is_err());
    let map = ParseOptions::new().source_map(&text).unwrap();
    let at = |path: FieldPath| {
        let span = map.value(&path).unwrap();
        &text[span.start.offset..span.end.offset]
    };
    assert_eq!(at(root().key("quality")), "\"61\"");
    assert_eq!(at(root().key("hot")), "[1]");
    assert_eq!(at(root().key("related").index(0).key("quality")), "48");
    assert!(map.value(&root().key("nowhere")).is_none());
    assert!(ParseOptions::new().source_map("no front matter").is_err());
}
