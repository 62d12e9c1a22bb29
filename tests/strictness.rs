//! One test per strictness rule of FORMAT.md: the error kind, the field path, the line and
//! column in the file, and the message, exactly.

mod util;

use newsmatter::report::Code;
use util::{article_with, assert_error};

const RECORD_KEYS: &str = "`category`, `title`, `excerpt`, `publishedDateTime`, \
    `originalUrl`, `webUrl`, `ampWebUrl`, `cdnAmpWebUrl`, `type`, `quality`, `heat`, \
    `published`, `featuredContent`, `provider`, `topics`, `images`, `related`, `secured`, \
    `removed`";

#[test]
fn rejects_unknown_top_level_key() {
    assert_error(
        &article_with("type: article\n", "type: article\nlanguage: en\n"),
        Code::UnknownKey,
        "language",
        11,
        1,
        &format!("unknown field `language`, expected one of {RECORD_KEYS}"),
    );
}

#[test]
fn rejects_unknown_nested_key_at_its_own_path() {
    assert_error(
        &article_with(
            "      name: Example Energy\n",
            "      name: Example Energy\n      url: \"https://example.net/\"\n",
        ),
        Code::UnknownKey,
        "related[0].provider.url",
        44,
        7,
        "unknown field `url`, expected one of `name`, `domain`, `images`",
    );
}

#[test]
fn rejects_misspelled_key_case() {
    assert_error(
        &article_with("webUrl:", "weburl:"),
        Code::UnknownKey,
        "weburl",
        7,
        1,
        &format!("unknown field `weburl`, expected one of {RECORD_KEYS}"),
    );
}

#[test]
fn rejects_duplicate_key_at_second_occurrence() {
    assert_error(
        &article_with("quality: 61\n", "quality: 61\nquality: 62\n"),
        Code::DuplicateKey,
        "quality",
        12,
        1,
        "duplicate field `quality`",
    );
}

#[test]
fn rejects_duplicate_nested_key() {
    assert_error(
        &article_with(
            "    quality: 30\n",
            "    quality: 30\n    title: \"again\"\n",
        ),
        Code::DuplicateKey,
        "related[1].title",
        60,
        5,
        "duplicate field `title`",
    );
}

#[test]
fn rejects_missing_top_level_key_at_mapping_start() {
    let text = article_with(
        "secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\n",
        "",
    );
    assert_error(
        &text,
        Code::MissingKey,
        "secured",
        2,
        1,
        "missing field `secured`",
    );
}

#[test]
fn rejects_missing_nested_key_naming_the_key() {
    assert_error(
        &article_with("    webUrl: \"\"\n", ""),
        Code::MissingKey,
        "related[1].webUrl",
        51,
        5,
        "missing field `webUrl`",
    );
}

#[test]
fn rejects_quoted_integer() {
    assert_error(
        &article_with("quality: 61", "quality: \"54\""),
        Code::InvalidType,
        "quality",
        11,
        10,
        "invalid type: string \"54\", expected an integer from 0 to 4294967295",
    );
}

#[test]
fn rejects_float_for_integer() {
    assert_error(
        &article_with("heat: 12", "heat: 1.5"),
        Code::InvalidType,
        "heat",
        12,
        7,
        "invalid type: floating point `1.5`, expected -1 (not ranked) or an integer from 0 to 4294967295",
    );
}

#[test]
fn rejects_yaml_11_booleans() {
    for word in ["yes", "no", "on", "off", "Yes"] {
        assert_error(
            &article_with("published: true", &format!("published: {word}")),
            Code::InvalidType,
            "published",
            13,
            12,
            &format!("invalid type: string \"{word}\", expected a boolean (`true` or `false`)"),
        );
    }
}

#[test]
fn accepts_yaml_12_booleans() {
    for (word, value) in [
        ("True", true),
        ("TRUE", true),
        ("False", false),
        ("FALSE", false),
    ] {
        let text = article_with("published: true", &format!("published: {word}"));
        let doc = util::parse_with(newsmatter::ParseOptions::new(), &text)
            .unwrap()
            .document;
        assert_eq!(doc.record.published, Some(value));
    }
}

#[test]
fn rejects_scalar_for_list() {
    assert_error(
        &article_with("topics:\n  - Solar Power\n  - Reservoirs\n", "topics: AI\n"),
        Code::InvalidType,
        "topics",
        23,
        9,
        "invalid type: string \"AI\", expected a list",
    );
}

#[test]
fn rejects_null_list_item() {
    assert_error(
        &article_with("  - Reservoirs\n", "  - Reservoirs\n  - null\n"),
        Code::InvalidType,
        "topics[2]",
        26,
        5,
        "invalid type: null, expected a string",
    );
}

#[test]
fn rejects_null_on_optional_keys_in_every_spelling() {
    for null in ["null", "~", "Null", ""] {
        let text = article_with(
            "ampWebUrl: \"https://www.example.com/energy/harbor-city-floating-solar?amp\"",
            format!("ampWebUrl: {null}").trim_end(),
        );
        let err = util::parse_err(&text);
        assert_eq!(err.code(), Code::InvalidType, "{null:?}: {err}");
        assert_eq!(err.path().to_string(), "ampWebUrl");
        assert_eq!(err.line(), Some(8));
        assert_eq!(
            err.message(),
            "invalid type: null, expected an absolute http(s) URL"
        );
    }
}

#[test]
fn rejects_bare_key_for_list() {
    assert_error(
        &article_with("topics:\n  - Solar Power\n  - Reservoirs\n", "topics:\n"),
        Code::InvalidType,
        "topics",
        23,
        8,
        "invalid type: null, expected a list",
    );
}

#[test]
fn rejects_integer_for_string() {
    assert_error(
        &article_with("  name: Example Daily", "  name: 1440"),
        Code::InvalidType,
        "provider.name",
        16,
        9,
        "invalid type: integer `1440`, expected a string",
    );
}

#[test]
fn rejects_mapping_for_scalar() {
    assert_error(
        &article_with("category: news", "category:\n  name: news"),
        Code::InvalidType,
        "category",
        3,
        3,
        "invalid type: map, expected a string",
    );
}

#[test]
fn rejects_unknown_type() {
    assert_error(
        &article_with("type: article", "type: podcast"),
        Code::InvalidValue,
        "type",
        10,
        7,
        "unknown variant `podcast`, expected `article` or `video`",
    );
}

#[test]
fn rejects_heat_below_minus_one() {
    assert_error(
        &article_with("heat: 12", "heat: -2"),
        Code::InvalidValue,
        "heat",
        12,
        7,
        "invalid value: integer `-2`, expected -1 (not ranked) or an integer from 0 to 4294967295",
    );
}

#[test]
fn rejects_negative_quality() {
    assert_error(
        &article_with("    quality: 48", "    quality: -1"),
        Code::InvalidValue,
        "related[0].quality",
        45,
        14,
        "invalid value: integer `-1`, expected an integer from 0 to 4294967295",
    );
}

#[test]
fn rejects_integer_overflow() {
    assert_error(
        &article_with("    width: 1200", "    width: 4294967296"),
        Code::InvalidValue,
        "images[0].width",
        29,
        12,
        "invalid value: integer `4294967296`, expected an integer from 0 to 4294967295",
    );
}

#[test]
fn rejects_bad_dates() {
    for (date, column) in [
        ("2023-06-14", 20),
        ("2023-06-14T08:15:00", 20),
        ("2023-02-30T08:15:00Z", 20),
        ("2023-06-14 08:15:00Z", 20),
        ("\"yesterday\"", 20),
    ] {
        let text = article_with(
            "publishedDateTime: 2023-06-14T08:15:00Z",
            &format!("publishedDateTime: {date}"),
        );
        assert_error(
            &text,
            Code::DateFormat,
            "publishedDateTime",
            5,
            column,
            &format!(
                "invalid value: string \"{}\", expected an RFC 3339 date-time with an offset, like `2020-07-02T11:00:00Z`",
                date.trim_matches('"')
            ),
        );
    }
}

#[test]
fn rejects_relative_web_url() {
    assert_error(
        &article_with(
            "webUrl: \"https://www.example.com/energy/harbor-city-floating-solar\"",
            "webUrl: \"/energy/harbor-city\"",
        ),
        Code::UrlInvalid,
        "webUrl",
        7,
        9,
        "invalid value: string \"/energy/harbor-city\", expected an absolute http(s) URL",
    );
}

#[test]
fn rejects_javascript_and_ftp_urls() {
    for (url, message) in [
        (
            "javascript:alert(1)",
            "invalid value: string \"javascript:alert(1)\", expected an http or https URL",
        ),
        (
            "ftp://example.com/a.jpg",
            "invalid value: string \"ftp://example.com/a.jpg\", expected an http or https URL",
        ),
    ] {
        assert_error(
            &article_with(
                "  - url: \"https://www.example.com/img/floating-solar.jpg\"",
                &format!("  - url: \"{url}\""),
            ),
            Code::UrlScheme,
            "images[0].url",
            28,
            10,
            message,
        );
    }
}

#[test]
fn rejects_url_with_credentials() {
    assert_error(
        &article_with("    webUrl: \"https://energy.example.net/2023/06/floating-panels-lessons/\"", "    webUrl: \"https://me:pw@energy.example.net/\""),
        Code::UrlCredentials,
        "related[0].webUrl",
        38,
        13,
        "invalid value: string \"https://me:pw@energy.example.net/\", expected a URL without user name or password",
    );
}

#[test]
fn rejects_empty_url_outside_related_web_url() {
    assert_error(
        &article_with(
            "originalUrl: \"https://www.example.com/energy/harbor-city-floating-solar\"",
            "originalUrl: \"\"",
        ),
        Code::UrlInvalid,
        "originalUrl",
        6,
        14,
        "invalid value: string \"\", expected an absolute http(s) URL",
    );
}

#[test]
fn rejects_null_related_web_url() {
    assert_error(
        &article_with("    webUrl: \"\"", "    webUrl: null"),
        Code::InvalidType,
        "related[1].webUrl",
        54,
        13,
        "invalid type: null, expected an absolute http(s) URL or `\"\"`",
    );
}

#[test]
fn rejects_non_string_key() {
    assert_error(
        &article_with("type: article\n", "type: article\n5: five\n"),
        Code::InvalidType,
        "5",
        11,
        1,
        "invalid type: integer `5`, expected a key",
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    // `5` is the 37th character of its line and its 41st byte.
    assert_error(
        &article_with(
            "provider:\n  name: Example Daily\n  domain: example.com\n  images:\n    - url: \"https://assets.example.org/logos/example.com-50x50.png\"\n      width: 50\n      height: 50\n",
            "provider: {name: \"Ünïcödé\", domain: 5}\n",
        ),
        Code::InvalidType,
        "provider.domain",
        15,
        37,
        "invalid type: integer `5`, expected a string",
    );
}

#[test]
fn lone_carriage_returns_do_not_count_as_lines() {
    // YAML reads a lone `\r` as a line break; the file's lines end only at `\n`.
    assert_error(
        &article_with(
            "category: news\ntitle: \"Harbor city opens a floating solar farm\"",
            "category: news\r\rtitle: 5",
        ),
        Code::InvalidType,
        "title",
        2,
        24,
        "invalid type: integer `5`, expected a string",
    );
}
