//! Every problem of a file at once, over generated files that combine two to five defects
//! from a table, each known alone (its code, path and line): the report holds exactly their
//! union, the first error (the one `Document::from_str` gives) first and the rest in file
//! order; `parse_all` gives the parse errors among them.

mod util;

use chrono::DateTime;
use newsmatter::report::Code;
use newsmatter::{ParseOptions, ValidateOptions};
use proptest::prelude::*;
use util::ARTICLE;

/// A defect: an edit of the article that keeps its lines where they are, and the one
/// diagnostic it makes alone.
struct Defect {
    from: &'static str,
    to: &'static str,
    code: Code,
    path: &'static str,
    line: usize,
}

const fn defect(
    from: &'static str,
    to: &'static str,
    code: Code,
    path: &'static str,
    line: usize,
) -> Defect {
    Defect {
        from,
        to,
        code,
        path,
        line,
    }
}

/// Each on a line of its own, touching no value that another's rule reads.
const DEFECTS: &[Defect] = &[
    defect(
        "category: news",
        "category: \"\"",
        Code::CategoryEmpty,
        "category",
        2,
    ),
    defect(
        "title: \"Harbor",
        "titel: \"Harbor",
        Code::UnknownKey,
        "titel",
        3,
    ),
    defect(
        "excerpt: \"The 12",
        "excerpt: 12 # \"The 12",
        Code::InvalidType,
        "excerpt",
        4,
    ),
    defect(
        "publishedDateTime: 2023-06-14T08:15:00Z",
        "publishedDateTime: 2023-13-14T08:15:00Z",
        Code::DateFormat,
        "publishedDateTime",
        5,
    ),
    defect(
        "webUrl: \"https://www.example.com/energy/harbor-city-floating-solar\"",
        "webUrl: \"javascript:alert(1)\"",
        Code::UrlScheme,
        "webUrl",
        7,
    ),
    defect(
        "type: article\n",
        "type: artcle\n",
        Code::InvalidValue,
        "type",
        10,
    ),
    defect(
        "quality: 61",
        "quality: \"61\"",
        Code::InvalidType,
        "quality",
        11,
    ),
    defect("heat: 12", "heat: -5", Code::InvalidValue, "heat", 12),
    defect(
        "published: true",
        "published: yes",
        Code::InvalidType,
        "published",
        13,
    ),
    defect(
        "  name: Example Daily",
        "  name: \"\"",
        Code::ProviderNameEmpty,
        "provider.name",
        16,
    ),
    defect(
        "  domain: example.com",
        "  domain: Example.COM",
        Code::ProviderDomain,
        "provider.domain",
        17,
    ),
    defect(
        "  - Solar Power",
        "  - \"\"",
        Code::TopicEmpty,
        "topics[0]",
        24,
    ),
    defect(
        "  - Reservoirs",
        "  - 12",
        Code::InvalidType,
        "topics[1]",
        25,
    ),
    defect(
        "    width: 1200",
        "    width: 0",
        Code::ImageSize,
        "images[0].width",
        29,
    ),
    defect(
        "    isCached: true",
        "    cached: true",
        Code::UnknownKey,
        "images[0].cached",
        31,
    ),
    // YAML refuses a reserved indicator at a value's start, a `: ` in a plain value after a
    // key, and text after a closed value: each is reported as the YAML engine words it, at
    // the path the general reader gives it, and reading goes on at the next key.
    defect(
        "    height: 675",
        "    height: @675",
        Code::YamlSyntax,
        "images[0].height",
        30,
    ),
    defect(
        "      domain: example.net",
        "      domain: example.net: x",
        Code::YamlSyntax,
        "related[0].provider",
        44,
    ),
    defect(
        "    title: \"Panels on the reservoir at dawn\"",
        "    title: \"Panels\" at dawn",
        Code::YamlSyntax,
        "images[0]",
        32,
    ),
    defect(
        "    quality: 48",
        "    quality: 48.5",
        Code::InvalidType,
        "related[0].quality",
        45,
    ),
    defect(
        "    excerpt: \"\"",
        "    excerpt: ~",
        Code::InvalidType,
        "related[1].excerpt",
        52,
    ),
    defect(
        "secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"",
        "secured: \"abc\"",
        Code::SecuredEnvelope,
        "secured",
        61,
    ),
];

/// What a check of `text` reports: code, path and line of each diagnostic, in order.
fn report(text: &str) -> Vec<(Code, String, usize)> {
    let options = ValidateOptions::new()
        .reference_time(DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap());
    let checked = util::check_with(options, ParseOptions::new(), text);
    checked
        .report
        .iter()
        .map(|d| (d.code(), d.path().to_string(), d.line().unwrap()))
        .collect()
}

fn with(defects: &[&Defect]) -> String {
    let mut text = ARTICLE.to_owned();
    for d in defects {
        assert!(text.contains(d.from), "{}", d.from);
        text = text.replacen(d.from, d.to, 1);
    }
    text
}

#[test]
fn each_defect_alone_makes_its_one_diagnostic() {
    assert!(report(ARTICLE).is_empty());
    for d in DEFECTS {
        assert_eq!(
            report(&with(&[d])),
            [(d.code, d.path.to_owned(), d.line)],
            "{}",
            d.to
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn defects_together_make_the_union_of_their_diagnostics(
        picked in proptest::sample::subsequence((0..DEFECTS.len()).collect::<Vec<_>>(), 2..=5)
            .prop_shuffle(),
    ) {
        let defects: Vec<&Defect> = picked.iter().map(|&i| &DEFECTS[i]).collect();
        let text = with(&defects);
        let found = report(&text);
        let mut union: Vec<(Code, String, usize)> = defects
            .iter()
            .map(|d| (d.code, d.path.to_owned(), d.line))
            .collect();
        union.sort_by_key(|(_, _, line)| *line);
        let parse = ParseOptions::new();
        // The first is the error a parse stops at; the rest in file order.
        if let Err(first) = parse.parse_str(&text) {
            let first = (first.code(), first.path().to_string(), first.line().unwrap());
            prop_assert!(union.contains(&first), "{:?} not in {:?}", first, union);
            union.retain(|d| *d != first);
            union.insert(0, first);
            let errors = parse.parse_all(&text).unwrap_err();
            let errors: Vec<(Code, String, usize)> = errors
                .iter()
                .map(|e| (e.code(), e.path().to_string(), e.line().unwrap()))
                .collect();
            let parse_errors: Vec<_> = union
                .iter()
                .filter(|d| newsmatter::report::ErrorKind::of(d.0).is_some())
                .cloned()
                .collect();
            prop_assert_eq!(errors, parse_errors);
        } else {
            prop_assert!(parse.parse_all(&text).is_ok());
        }
        prop_assert_eq!(found, union, "{}", text);
    }
}
