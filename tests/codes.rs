//! Every code, proven from a minimal input: the code, the path and the line where the problem
//! is found. Codes are set where each problem is found, never read back from a message.

mod util;

use std::collections::BTreeSet;

use chrono::DateTime;
use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::report::{Code, Diagnostic, ErrorKind, Severity};
use newsmatter::{CorpusOptions, Document, ParseOptions, ValidateOptions};
use util::{article_with, ARTICLE};

/// How a case's input is made and read.
enum Input {
    /// The fixture with its first `from` replaced by `to`, checked strictly.
    Edit(&'static str, &'static str),
    /// The fixture with an edit, checked leniently.
    Lenient(&'static str, &'static str),
    /// Text of its own, checked strictly.
    Text(&'static str),
}

/// (code, input, path, line) for every code that one file can show.
const CASES: &[(Code, Input, &str, usize)] = &[
    (Code::MissingOpeningDelimiter, Input::Text("category: news\n"), "", 1),
    (Code::MissingClosingDelimiter, Input::Text("---\ncategory: news\n"), "", 1),
    (Code::YamlSyntax, Input::Edit("type: article", "type: article: video"), "", 10),
    (Code::NotAMapping, Input::Text("---\n- a\n---\n"), "", 2),
    (Code::UnknownKey, Input::Edit("published: true", "publishd: true"), "publishd", 13),
    (Code::UnknownKey, Input::Lenient("published: true", "publishd: true"), "publishd", 13),
    (Code::DuplicateKey, Input::Edit("heat: 12", "heat: 12\nheat: 13"), "heat", 13),
    (Code::MissingKey, Input::Edit("type: article\n", ""), "type", 2),
    (Code::InvalidType, Input::Edit("quality: 61", "quality: \"61\""), "quality", 11),
    (Code::InvalidValue, Input::Edit("heat: 12", "heat: -2"), "heat", 12),
    (Code::InvalidValue, Input::Edit("heat: 12", "heat: !!int twelve"), "heat", 12),
    (Code::DateFormat, Input::Edit("2023-06-14T08:15:00Z", "2023-06-14"), "publishedDateTime", 5),
    (Code::UrlInvalid, Input::Edit("\"https://www.example.com/energy/harbor-city-floating-solar\"\nwebUrl", "\"/energy\"\nwebUrl"), "originalUrl", 6),
    (Code::UrlScheme, Input::Edit("https://assets.example.org", "ftp://assets.example.org"), "provider.images[0].url", 19),
    (Code::UrlCredentials, Input::Edit("https://www.example.com/img", "https://me:pw@www.example.com/img"), "images[0].url", 28),
    (Code::SecuredEnvelope, Input::Edit("=;ABEiM0RVZneImaq7zN3u/w==", "="), "secured", 61),
    (Code::LimitExceeded, Input::Edit("type: article", "type: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["), "", 10),
    (Code::WebUrlMissing, Input::Edit("webUrl: \"https://www.example.com/energy/harbor-city-floating-solar\"\n", ""), "webUrl", 2),
    (Code::WebUrlOnVideo, Input::Edit("type: article", "type: video"), "webUrl", 7),
    (Code::AmpCacheMismatch, Input::Edit("c/s/www.example.com", "c/s/www.example.org"), "cdnAmpWebUrl", 9),
    (Code::AmpCacheWithoutAmp, Input::Edit("ampWebUrl: \"https://www.example.com/energy/harbor-city-floating-solar?amp\"\n", ""), "cdnAmpWebUrl", 8),
    (Code::HeatUnrankedPublished, Input::Edit("heat: 12", "heat: -1"), "heat", 12),
    (Code::ScoresPartial, Input::Edit("heat: 12\n", ""), "quality", 11),
    (Code::CategoryEmpty, Input::Edit("category: news", "category: \"\""), "category", 2),
    (Code::TitleEmpty, Input::Edit("Harbor city opens a floating solar farm", " "), "title", 3),
    (Code::ControlCharacter, Input::Edit("Harbor city opens", "Harbor\\u0007 city opens"), "title", 3),
    (Code::BidiControl, Input::Edit("Harbor city opens", "Harbor\\u202E city opens"), "title", 3),
    (Code::BidiControl, Input::Edit("  - Reservoirs", "  - \"Reservoirs\\u2066\""), "topics[1]", 25),
    (Code::HtmlEntity, Input::Edit("The 12-megawatt array", "The 12&#8209;megawatt array"), "excerpt", 4),
    (Code::Mojibake, Input::Edit("The 12-megawatt array", "The 12â€“megawatt array"), "excerpt", 4),
    (Code::ImageSize, Input::Edit("width: 1200", "width: 0"), "images[0].width", 29),
    (Code::ProviderNameEmpty, Input::Edit("name: Example Daily", "name: \"\""), "provider.name", 16),
    (Code::ProviderDomain, Input::Edit("domain: example.com", "domain: Example.com"), "provider.domain", 17),
    (Code::ProviderHostMismatch, Input::Edit("domain: example.com", "domain: example.org"), "webUrl", 7),
    (Code::TopicEmpty, Input::Edit("  - Solar Power", "  - \"\""), "topics[0]", 24),
    (Code::TopicRepeated, Input::Edit("  - Reservoirs", "  - solar power"), "topics[1]", 25),
    (Code::RelatedSelf, Input::Edit("https://energy.example.net/2023/06/floating-panels-lessons/\"", "https://www.example.com/energy/harbor-city-floating-solar\""), "related[0].webUrl", 38),
    (Code::RelatedDuplicate, Input::Edit("    webUrl: \"\"", "    webUrl: \"https://energy.example.net/2023/06/floating-panels-lessons\""), "related[1]", 51),
    (Code::DateInFuture, Input::Edit("2023-06-14T08:15:00Z", "2031-06-14T08:15:00Z"), "publishedDateTime", 5),
    (Code::UnusedSuppression, Input::Edit("  - Reservoirs", "  - Reservoirs # newsmatter: allow(topic-repeated)"), "", 25),
];

/// The one diagnostic of `code` that checking `input` gives, with the reference time in 2030.
#[track_caller]
fn diagnose(code: Code, input: &Input) -> Diagnostic {
    let (text, lenient) = match input {
        Input::Edit(from, to) => (article_with(from, to), false),
        Input::Lenient(from, to) => (article_with(from, to), true),
        Input::Text(text) => ((*text).to_owned(), false),
    };
    let options = ValidateOptions::new()
        .reference_time(DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap());
    let report = util::check_with(options, ParseOptions::new().lenient(lenient), &text).report;
    let found: Vec<&Diagnostic> = report.iter().filter(|d| d.code() == code).collect();
    assert_eq!(found.len(), 1, "{code}: {report}");
    found[0].clone()
}

#[test]
fn every_code_comes_from_a_minimal_input() {
    for (code, input, path, line) in CASES {
        let diagnostic = diagnose(*code, input);
        assert_eq!(
            (diagnostic.path().to_string().as_str(), diagnostic.line()),
            (*path, Some(*line)),
            "{code}: {diagnostic}"
        );
        let severity = match input {
            Input::Lenient(..) => Severity::Warning,
            _ => code.severity(),
        };
        assert_eq!(diagnostic.severity(), severity, "{code}");
    }
}

#[test]
fn parse_errors_carry_the_same_code_as_their_diagnostic() {
    for (code, input, _, _) in CASES {
        let text = match input {
            Input::Edit(from, to) => article_with(from, to),
            Input::Text(text) => (*text).to_owned(),
            Input::Lenient(..) => continue,
        };
        if let Err(err) = text.parse::<Document>() {
            assert_eq!(err.code(), *code, "{err}");
            assert_eq!(Some(err.kind()), ErrorKind::of(*code), "{err}");
            assert_eq!(Diagnostic::from(&err).code(), *code);
        }
    }
}

#[test]
fn the_codes_of_files_and_corpora() {
    let err = Document::from_path("tests/fixtures/no-such-file.md").unwrap_err();
    assert_eq!((err.code(), err.kind()), (Code::Io, ErrorKind::Io));
    let err = ParseOptions::new()
        .max_size(10)
        .parse_str(ARTICLE)
        .unwrap_err();
    assert_eq!((err.code(), err.kind()), (Code::TooLarge, ErrorKind::Limit));
    let err = Document::from_slice(b"---\ntitle: \xff\n---\n").unwrap_err();
    assert_eq!(
        (err.code(), err.line(), err.column()),
        (Code::InvalidUtf8, Some(2), Some(8))
    );

    let mut corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
    let graph = RelatedGraph::build(&corpus);
    corpus.cross_check(&graph).unwrap();
    let codes: BTreeSet<Code> = corpus
        .files()
        .iter()
        .flat_map(|file| file.report().iter().map(Diagnostic::code))
        .collect();
    assert!(codes.contains(&Code::DuplicateArticle), "{codes:?}");
    assert!(codes.contains(&Code::RelatedCopyMismatch), "{codes:?}");
}

#[test]
fn the_table_covers_every_code() {
    let covered: BTreeSet<Code> = CASES
        .iter()
        .map(|(code, ..)| *code)
        .chain([
            Code::Io,
            Code::TooLarge,
            Code::InvalidUtf8,
            Code::DuplicateArticle,
            Code::RelatedCopyMismatch,
        ])
        .collect();
    let all: BTreeSet<Code> = Code::ALL.iter().copied().collect();
    assert_eq!(covered, all);
}

/// The error of reading `text` leniently (unknown keys kept), which must fail.
fn lenient_error(text: &str) -> newsmatter::Error {
    ParseOptions::new()
        .lenient(true)
        .parse_str(text)
        .unwrap_err()
}

/// The YAML engine's own errors have no kinds: their codes come from its messages, which a
/// new version of the engine could reword. These pin them.
#[test]
fn the_engines_own_errors_keep_their_codes() {
    // Block nesting past the engine's 128 levels, in a kept unknown value.
    let deep: String = (0..130)
        .map(|depth| format!("{}-\n", "  ".repeat(depth)))
        .collect();
    let text = article_with("heat: 12\n", &format!("heat: 12\nextra:\n{deep}"));
    let err = lenient_error(&text);
    assert_eq!(
        (err.code(), err.message()),
        (Code::LimitExceeded, "recursion limit exceeded")
    );
    // Aliases jumped to more than a hundred times per event of the front matter, in a kept
    // unknown value: a ladder of aliases, ten of the rung below each, within the budget of
    // values (a long string makes the front matter large, not its events many).
    let mut ladder = format!("extra:\n  pad: \"{}\"\n  r0: &r0 1\n", "x".repeat(200_000));
    for rung in 1..=5 {
        let below = vec![format!("*r{}", rung - 1); 10].join(", ");
        ladder.push_str(&format!("  r{rung}: &r{rung} [{below}]\n"));
    }
    let text = article_with("heat: 12\n", &format!("heat: 12\n{ladder}"));
    let err = lenient_error(&text);
    assert_eq!(
        (err.code(), err.message()),
        (Code::LimitExceeded, "repetition limit exceeded")
    );
    // A tag that does not fit its value.
    let err = article_with("published: true", "published: !!bool maybe")
        .parse::<Document>()
        .unwrap_err();
    assert_eq!(
        (err.code(), err.path().to_string(), err.message()),
        (
            Code::InvalidValue,
            "published".to_owned(),
            "invalid value: string \"maybe\", expected a boolean"
        )
    );
    // Anything else is a syntax error; at a tab, it says so.
    let err = article_with("  name: Example Daily", "\tname: Example Daily")
        .parse::<Document>()
        .unwrap_err();
    assert_eq!(err.code(), Code::YamlSyntax);
    assert_eq!(
        err.to_string(),
        "line 16, column 1: provider: found character that cannot start any token, while \
         scanning for the next token (a tab: YAML indents with spaces only)"
    );
}

/// The format's description in the repository names every code, in backticks, so that a
/// reader of a diagnostic finds its rule there.
#[test]
fn the_format_description_names_every_code() {
    let format = include_str!("../docs/FORMAT.md");
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| !format.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/FORMAT.md does not name {missing:?}"
    );
}
