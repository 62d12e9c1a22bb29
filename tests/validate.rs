//! Validation: one test per rule (a record that breaks it and one that does not), parse errors
//! as diagnostics, positions in block and flow style, the seed, and the real sample.

mod util;

use chrono::DateTime;
use newsmatter::report::{Code, Report, Severity};
use newsmatter::{Document, ParseOptions, ValidateOptions};
use util::{article_with, ARTICLE};

const VIDEO: &str = include_str!("fixtures/valid/video.md");

fn options() -> ValidateOptions {
    ValidateOptions::new()
        .reference_time(DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap())
}

/// Checks on both readers, which must agree.
fn check(text: &str) -> Report {
    util::check_with(options(), ParseOptions::new(), text).report
}

type Expected<'a> = (Code, Severity, &'a str, usize, usize);

/// Expects exactly these diagnostics: code, severity, path, line, column.
#[track_caller]
fn assert_report(text: &str, expected: &[Expected<'_>]) {
    let report = check(text);
    let found: Vec<_> = report
        .iter()
        .map(|d| {
            (
                d.code(),
                d.severity(),
                d.path().to_string(),
                d.line().unwrap(),
                d.column().unwrap(),
            )
        })
        .collect();
    let expected: Vec<_> = expected
        .iter()
        .map(|&(code, severity, path, line, column)| {
            (code, severity, path.to_owned(), line, column)
        })
        .collect();
    assert_eq!(found, expected, "{report}");
}

#[track_caller]
fn assert_clean(text: &str) {
    assert_report(text, &[]);
}

use Severity::{Error, Warning};

#[test]
fn fixtures_are_clean() {
    assert_clean(ARTICLE);
    assert_clean(VIDEO);
}

#[test]
fn category_empty() {
    assert_report(
        &article_with("category: news", "category: \" \""),
        &[(Code::CategoryEmpty, Error, "category", 2, 11)],
    );
}

#[test]
fn title_empty() {
    assert_report(
        &article_with(
            "title: \"Harbor city opens a floating solar farm\"",
            "title: \"  \"",
        ),
        &[(Code::TitleEmpty, Error, "title", 3, 8)],
    );
    assert_report(
        &article_with(
            "  - title: \"Floating panels: what the pilot projects learned\"",
            "  - title: \"\"",
        ),
        &[(Code::TitleEmpty, Error, "related[0].title", 35, 12)],
    );
    assert_clean(&article_with(
        "title: \"Harbor city opens a floating solar farm\"",
        "title: \"x\"",
    ));
}

#[test]
fn control_character() {
    assert_report(
        &article_with("title: \"Harbor city", "title: \"Harbor\\u0007city"),
        &[(Code::ControlCharacter, Error, "title", 3, 8)],
    );
    assert_report(
        &article_with("excerpt: \"The 12", "excerpt: \"The\\u001b 12"),
        &[(Code::ControlCharacter, Error, "excerpt", 4, 10)],
    );
    assert_clean(&article_with(
        "excerpt: \"The 12",
        "excerpt: \"The\\t\\r\\n 12",
    ));
    let report = check(&article_with(
        "title: \"Harbor city",
        "title: \"Harbor\\tcity",
    ));
    assert_eq!(
        report.iter().next().unwrap().message(),
        "the title holds the control character U+0009"
    );
}

#[test]
fn html_entity() {
    assert_report(
        &article_with("excerpt: \"The 12", "excerpt: \"It&#8217;s the 12"),
        &[(Code::HtmlEntity, Warning, "excerpt", 4, 10)],
    );
    assert_report(
        &article_with("  - Reservoirs", "  - Rock &amp;#39;n&#39; Roll"),
        &[(Code::HtmlEntity, Warning, "topics[1]", 25, 5)],
    );
    assert_report(
        &article_with(
            "/img/floating-solar.jpg",
            "/img/floating-solar.jpg?w=1&#038;h=2",
        ),
        &[(Code::HtmlEntity, Warning, "images[0].url", 28, 10)],
    );
    assert_clean(&article_with(
        "excerpt: \"The 12",
        "excerpt: \"Salt & Pepper; AT&T; the 12",
    ));
}

#[test]
fn mojibake() {
    assert_report(
        &article_with("excerpt: \"The 12", "excerpt: \"2021 â€“ the 12"),
        &[(Code::Mojibake, Warning, "excerpt", 4, 10)],
    );
    assert_report(
        &article_with(
            "harbor-city-floating-solar\"\nampWebUrl",
            "harbor-city-floating-solar-cafÃ©\"\nampWebUrl",
        ),
        &[(Code::Mojibake, Warning, "webUrl", 7, 9)],
    );
    assert_clean(&article_with(
        "excerpt: \"The 12",
        "excerpt: \"Café – ’ the 12",
    ));
}

#[test]
fn web_url_missing() {
    let text = article_with(
        "webUrl: \"https://www.example.com/energy/harbor-city-floating-solar\"\n",
        "",
    );
    assert_report(&text, &[(Code::WebUrlMissing, Error, "webUrl", 2, 1)]);
    let text = article_with(
        "    webUrl: \"https://energy.example.net/2023/06/floating-panels-lessons/\"",
        "    webUrl: \"\"",
    );
    assert_report(
        &text,
        &[(Code::WebUrlMissing, Error, "related[0].webUrl", 38, 13)],
    );
}

#[test]
fn web_url_on_video() {
    let text = VIDEO.replace(
        "type: video\n",
        "webUrl: \"https://www.youtube.com/watch\"\ntype: video\n",
    );
    assert_report(&text, &[(Code::WebUrlOnVideo, Warning, "webUrl", 7, 9)]);
    let text = article_with(
        "    webUrl: \"\"",
        "    webUrl: \"https://www.youtube.com/watch?v=tour\"",
    );
    assert_report(
        &text,
        &[(Code::WebUrlOnVideo, Warning, "related[1].webUrl", 54, 13)],
    );
}

#[test]
fn amp_cache_mismatch() {
    let text = article_with(
        "cdnAmpWebUrl: \"https://www-example-com.cdn",
        "cdnAmpWebUrl: \"https://example-com.cdn",
    );
    assert_report(
        &text,
        &[(Code::AmpCacheMismatch, Error, "cdnAmpWebUrl", 9, 15)],
    );
    let report = check(&text);
    assert_eq!(
        report.iter().next().unwrap().message(),
        "`cdnAmpWebUrl` is not the AMP cache URL of `ampWebUrl`: expected \
         `https://www-example-com.cdn.ampproject.org/c/s/www.example.com/energy/harbor-city-floating-solar?amp`, \
         found `https://example-com.cdn.ampproject.org/c/s/www.example.com/energy/harbor-city-floating-solar?amp`"
    );
    let text = article_with(
        "/c/s/energy.example.net/2023/06/floating-panels-lessons/amp/",
        "/c/energy.example.net/2023/06/floating-panels-lessons/amp/",
    );
    assert_report(
        &text,
        &[(
            Code::AmpCacheMismatch,
            Error,
            "related[0].cdnAmpWebUrl",
            40,
            19,
        )],
    );
}

#[test]
fn amp_cache_without_amp() {
    let text = article_with(
        "ampWebUrl: \"https://www.example.com/energy/harbor-city-floating-solar?amp\"\n",
        "",
    );
    assert_report(
        &text,
        &[(Code::AmpCacheWithoutAmp, Error, "cdnAmpWebUrl", 8, 15)],
    );
}

#[test]
fn scores_partial() {
    assert_report(
        &article_with("heat: 12\n", ""),
        &[(Code::ScoresPartial, Warning, "quality", 11, 10)],
    );
    let report = check(&article_with("quality: 61\nheat: 12\n", ""));
    let diagnostic = report.iter().next().unwrap();
    assert_eq!(diagnostic.path().to_string(), "published");
    assert_eq!(
        diagnostic.message(),
        "`published` present without `quality``, `heat`: the scores come all together or not at all"
            .replace("``, `", "`, `")
    );
    assert_clean(&article_with(
        "quality: 61\nheat: 12\npublished: true\n",
        "",
    ));
}

#[test]
fn heat_unranked_published() {
    assert_report(
        &article_with("heat: 12", "heat: -1"),
        &[(Code::HeatUnrankedPublished, Warning, "heat", 12, 7)],
    );
    assert_clean(&article_with(
        "heat: 12\npublished: true",
        "heat: -1\npublished: false",
    ));
}

#[test]
fn date_in_future() {
    let options = ValidateOptions::new()
        .reference_time(DateTime::parse_from_rfc3339("2023-06-12T00:00:00+02:00").unwrap());
    let report = util::check_with(options, ParseOptions::new(), ARTICLE).report;
    let found: Vec<_> = report
        .iter()
        .map(|d| (d.code(), d.path().to_string(), d.line()))
        .collect();
    assert_eq!(
        found,
        [
            (Code::DateInFuture, "publishedDateTime".to_owned(), Some(5)),
            (
                Code::DateInFuture,
                "related[1].publishedDateTime".to_owned(),
                Some(53)
            ),
        ]
    );
    assert_eq!(
        report.iter().next().unwrap().message(),
        "`2023-06-14T08:15:00Z` is after the reference time `2023-06-12T00:00:00+02:00`"
    );
}

#[test]
fn image_size() {
    assert_report(
        &article_with("    width: 1200", "    width: 0"),
        &[(Code::ImageSize, Error, "images[0].width", 29, 12)],
    );
    assert_report(
        &article_with("      height: 50", "      height: 0"),
        &[(Code::ImageSize, Error, "provider.images[0].height", 21, 15)],
    );
    assert_clean(&article_with("    width: 1200", "    width: 1"));
}

#[test]
fn provider_name_empty() {
    assert_report(
        &article_with("      name: Example Channel", "      name: \"\""),
        &[(
            Code::ProviderNameEmpty,
            Error,
            "related[1].provider.name",
            57,
            13,
        )],
    );
}

#[test]
fn provider_domain() {
    for domain in [
        "Example.com",
        "https://example.com",
        "example.com/news",
        "example.com:8080",
        "\"\"",
    ] {
        assert_report(
            &article_with("  domain: example.com", &format!("  domain: {domain}")),
            &[(Code::ProviderDomain, Error, "provider.domain", 17, 11)],
        );
    }
}

#[test]
fn provider_host_mismatch() {
    assert_report(
        &article_with("  domain: example.com", "  domain: example.org"),
        &[(Code::ProviderHostMismatch, Warning, "webUrl", 7, 9)],
    );
    // A subdomain of the domain is fine; a longer name that merely ends the same is not.
    assert_clean(&article_with(
        "      domain: example.net",
        "      domain: energy.example.net",
    ));
    assert_report(
        &article_with("      domain: example.net", "      domain: le.example.net"),
        &[(
            Code::ProviderHostMismatch,
            Warning,
            "related[0].webUrl",
            38,
            13,
        )],
    );
}

#[test]
fn topic_empty() {
    assert_report(
        &article_with("  - Reservoirs\n", "  - Reservoirs\n  - \" \"\n"),
        &[(Code::TopicEmpty, Error, "topics[2]", 26, 5)],
    );
}

/// Topics repeat ignoring case as `str::to_lowercase` sees it: non-ASCII letters too, and a
/// Greek capital sigma at the end of a word, which lower-cases to the final form.
#[test]
fn topic_repeated_ignoring_case_beyond_ascii() {
    for (first, again, repeats) in [
        ("Zürich", "ZÜRICH", true),
        ("ΟΔΟΣ", "οδος", true),
        ("ΟΔΟΣ", "οδοσ", false),
        ("Straße", "STRASSE", false),
        ("AI", "ai", true),
        ("AI", "A.I.", false),
    ] {
        let text = article_with(
            "  - Reservoirs\n",
            &format!("  - Reservoirs\n  - {first}\n  - {again}\n"),
        );
        let expected: &[Expected<'_>] = if repeats {
            &[(Code::TopicRepeated, Warning, "topics[3]", 27, 5)]
        } else {
            &[]
        };
        assert_report(&text, expected);
    }
}

#[test]
fn topic_repeated() {
    assert_report(
        &article_with("  - Reservoirs\n", "  - Reservoirs\n  - solar power\n"),
        &[(Code::TopicRepeated, Warning, "topics[2]", 26, 5)],
    );
    let report = check(&article_with(
        "  - Reservoirs\n",
        "  - Reservoirs\n  - solar power\n",
    ));
    assert_eq!(
        report.iter().next().unwrap().message(),
        "the topic `solar power` repeats `topics[0]`"
    );
}

#[test]
fn related_self() {
    let text = article_with(
        "    webUrl: \"https://energy.example.net/2023/06/floating-panels-lessons/\"",
        "    webUrl: \"http://www.example.com/energy/harbor-city-floating-solar/#top\"",
    );
    assert_report(
        &text,
        &[
            (
                Code::ProviderHostMismatch,
                Warning,
                "related[0].webUrl",
                38,
                13,
            ),
            (Code::RelatedSelf, Error, "related[0].webUrl", 38, 13),
        ],
    );
}

/// The record's key and an entry's are compared as keys however each URL is written: as the
/// url crate writes it (the key a piece of its text, or with a `/` before a query, written
/// out) or otherwise (upper case, a default port).
#[test]
fn related_self_is_told_by_the_key_however_the_urls_are_written() {
    let own = "https://www.example.com/energy/harbor-city-floating-solar";
    let cites_itself = |web_url: &str, cited: &str| {
        let text = article_with(
            &format!("webUrl: \"{own}\""),
            &format!("webUrl: \"{web_url}\""),
        )
        .replacen(
            "https://energy.example.net/2023/06/floating-panels-lessons/",
            cited,
            1,
        );
        check(&text)
            .iter()
            .any(|d| d.code() == Code::RelatedSelf && d.path().to_string() == "related[0].webUrl")
    };
    let amp = "https://www.example.com/energy/harbor-city-floating-solar/?amp";
    for (web_url, cited, same) in [
        (
            amp,
            "http://www.example.com/energy/harbor-city-floating-solar?amp",
            true,
        ),
        (
            amp,
            "https://WWW.Example.com:443/energy/harbor-city-floating-solar/?amp#top",
            true,
        ),
        (
            amp,
            "https://www.example.com/energy/harbor-city-floating-solar/?amp=1",
            false,
        ),
        (
            own,
            "https://www.example.com/energy/harbor-city-floating-solar//",
            true,
        ),
        (
            own,
            "https://www.example.com/energy/harbor-city-floating-solar?amp",
            false,
        ),
        (
            own,
            "https://www.example.com/energy/harbor-city-floating",
            false,
        ),
    ] {
        assert_eq!(
            cites_itself(web_url, cited),
            same,
            "{web_url} cited as {cited}"
        );
    }
}

#[test]
fn related_duplicate() {
    let first = &ARTICLE[ARTICLE.find("  - title: \"Floating").unwrap()
        ..ARTICLE.find("  - title: \"Inside").unwrap()];
    let text = article_with(
        "  - title: \"Inside",
        &format!("{first}  - title: \"Inside"),
    );
    assert_report(
        &text,
        &[(Code::RelatedDuplicate, Warning, "related[1]", 51, 5)],
    );
    let video =
        &ARTICLE[ARTICLE.find("  - title: \"Inside").unwrap()..ARTICLE.find("\nsecured").unwrap()];
    let text = article_with("\nsecured", &format!("{video}\nsecured"));
    assert_report(
        &text,
        &[(Code::RelatedDuplicate, Warning, "related[2]", 60, 5)],
    );
}

#[test]
fn several_problems_all_reported_in_file_order() {
    let text = ARTICLE
        .replacen("category: news", "category: \"\"", 1)
        .replacen("heat: 12", "heat: -1", 1)
        .replacen("  - Reservoirs\n", "  - Reservoirs\n  - \"\"\n", 1)
        .replacen("    width: 1200", "    width: 0", 1)
        .replacen("      domain: example.net", "      domain: Example.net", 1);
    assert_report(
        &text,
        &[
            (Code::CategoryEmpty, Error, "category", 2, 11),
            (Code::HeatUnrankedPublished, Warning, "heat", 12, 7),
            (Code::TopicEmpty, Error, "topics[2]", 26, 5),
            (Code::ImageSize, Error, "images[0].width", 30, 12),
            (
                Code::ProviderDomain,
                Error,
                "related[0].provider.domain",
                45,
                15,
            ),
        ],
    );
    let report = check(&text);
    assert_eq!((report.error_count(), report.warning_count()), (4, 1));
    assert!(report
        .to_string()
        .starts_with("category: `category` is empty\nheat: `heat` is -1"));
}

#[test]
fn deny_warnings_makes_warnings_errors() {
    let text = article_with("heat: 12", "heat: -1");
    let report = options().deny_warnings(true).check_str(&text).report;
    assert!(report.has_errors());
    assert_eq!(report.iter().next().unwrap().severity(), Error);
    assert_eq!(
        report.iter().next().unwrap().code(),
        Code::HeatUnrankedPublished
    );
}

#[test]
fn flow_style_values_have_positions() {
    let text = article_with(
        "provider:\n  name: Example Daily\n  domain: example.com\n",
        "provider: {name: \"\", domain: example.com}\n",
    );
    let text = text.replacen("  images:\n    - url: \"https://assets.example.org/logos/example.com-50x50.png\"\n      width: 50\n      height: 50\n", "", 1);
    assert_report(
        &text,
        &[(Code::ProviderNameEmpty, Error, "provider.name", 15, 18)],
    );
    let text = article_with(
        "topics:\n  - Solar Power\n  - Reservoirs\n",
        "topics: [Solar Power, \"\", solar power]\n",
    );
    assert_report(
        &text,
        &[
            (Code::TopicEmpty, Error, "topics[1]", 23, 23),
            (Code::TopicRepeated, Warning, "topics[2]", 23, 27),
        ],
    );
}

#[test]
fn parse_errors_become_diagnostics_of_the_same_shape() {
    let cases = [
        (
            article_with(
                "webUrl: \"https://www.example",
                "webUrl: \"javascript://www.example",
            ),
            Code::UrlScheme,
            "webUrl",
            7,
        ),
        (
            article_with(
                "webUrl: \"https://www.example",
                "webUrl: \"https://me:pw@www.example",
            ),
            Code::UrlCredentials,
            "webUrl",
            7,
        ),
        (
            article_with(
                "webUrl: \"https://www.example.com",
                "webUrl: \"www.example.com",
            ),
            Code::UrlInvalid,
            "webUrl",
            7,
        ),
        (
            article_with(
                "publishedDateTime: 2023-06-14T08:15:00Z",
                "publishedDateTime: 2023-06-14",
            ),
            Code::DateFormat,
            "publishedDateTime",
            5,
        ),
        (
            article_with(";ABEiM0RVZneImaq7zN3u/w==", ";ABEiM0RV"),
            Code::SecuredEnvelope,
            "secured",
            61,
        ),
        (
            article_with("heat: 12", "heat: -3"),
            Code::InvalidValue,
            "heat",
            12,
        ),
        (
            article_with("heat: 12", "heat: \"12\""),
            Code::InvalidType,
            "heat",
            12,
        ),
        (
            // A misspelt `heat`: the key it likely meant is not reported missing, nor is
            // `scores-partial` (which reads it) guessed.
            article_with("heat: 12", "haet: 12"),
            Code::UnknownKey,
            "haet",
            12,
        ),
        (
            ARTICLE.replacen("---\n", "", 1),
            Code::MissingOpeningDelimiter,
            "",
            1,
        ),
    ];
    for (text, code, path, line) in cases {
        let checked = util::check_with(options(), ParseOptions::new(), &text);
        assert!(checked.document.is_none());
        let found: Vec<_> = checked
            .report
            .iter()
            .map(|d| (d.code(), d.severity(), d.path().to_string(), d.line()))
            .collect();
        assert_eq!(
            found,
            [(code, Error, path.to_owned(), Some(line))],
            "{}",
            checked.report
        );
    }
}

#[test]
fn lenient_unknown_keys_are_warnings() {
    let text = article_with("heat: 12", "hot: 12\nheat: 12");
    let checked = util::check_with(options(), ParseOptions::new().lenient(true), &text);
    assert!(checked.document.is_some());
    let found: Vec<_> = checked
        .report
        .iter()
        .map(|d| (d.code(), d.severity(), d.path().to_string(), d.line()))
        .collect();
    assert_eq!(
        found,
        [(Code::UnknownKey, Warning, "hot".to_owned(), Some(12))]
    );
}

#[test]
fn validate_without_text_has_no_positions() {
    let mut doc: Document = ARTICLE.parse().unwrap();
    doc.record.title = String::new();
    doc.record.topics.push("reservoirs".into());
    let report = options().validate(&doc.record);
    let found: Vec<_> = report
        .iter()
        .map(|d| (d.code(), d.path().to_string(), d.line()))
        .collect();
    assert_eq!(
        found,
        [
            (Code::TitleEmpty, "title".to_owned(), None),
            (Code::TopicRepeated, "topics[2]".to_owned(), None),
        ]
    );
    assert!(ARTICLE
        .parse::<Document>()
        .unwrap()
        .record
        .validate()
        .is_empty());
}

#[test]
fn the_seed_is_clean() {
    let Some(path) = util::shared(
        "seed/000_f716d4bb0f17b2b4.txt",
        "validation of the reference record",
    ) else {
        return;
    };
    let seed = std::fs::read_to_string(path).unwrap();
    let report = check(&seed);
    assert!(report.is_empty(), "{report}");
}

#[test]
fn every_code_is_in_the_crate_docs_table() {
    let docs = include_str!("../src/lib.rs");
    for code in Code::ALL {
        let row = format!("//! | `{}` | {} ", code.as_str(), code.severity());
        assert!(docs.contains(&row), "{row}");
    }
}
