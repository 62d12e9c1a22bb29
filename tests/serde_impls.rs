//! The model's `Serialize`/`Deserialize` with another format (JSON), and the small types'
//! parsing.

mod util;

use newsmatter::{Document, Heat, HttpUrl, Record, UrlError};
use util::ARTICLE;

#[test]
fn json_round_trip() {
    let doc: Document = ARTICLE.parse().unwrap();
    let json = serde_json::to_string(&doc).unwrap();
    let again: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(again, doc);
}

#[test]
fn json_uses_the_yaml_keys_and_skips_absent_ones() {
    let doc: Document = include_str!("fixtures/valid/video.md").parse().unwrap();
    let json = serde_json::to_value(&doc.record).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "category",
            "excerpt",
            "featuredContent",
            "images",
            "originalUrl",
            "provider",
            "publishedDateTime",
            "related",
            "removed",
            "secured",
            "title",
            "topics",
            "type",
        ]
    );
    assert_eq!(json["publishedDateTime"], "2022-11-03T21:05:44+13:00");
    assert_eq!(json["type"], "video");
}

#[test]
fn json_deserialization_is_strict_too() {
    let doc: Document = ARTICLE.parse().unwrap();
    let mut json = serde_json::to_value(&doc.record).unwrap();
    json["quality"] = serde_json::json!("61");
    let err = serde_json::from_value::<Record>(json.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: string \"61\", expected an integer from 0 to 4294967295"
    );
    json["quality"] = serde_json::json!(61);
    json["extra"] = serde_json::json!(1);
    let err = serde_json::from_value::<Record>(json).unwrap_err();
    assert!(
        err.to_string().starts_with("unknown field `extra`"),
        "{err}"
    );
}

#[test]
fn http_url_errors() {
    assert_eq!(HttpUrl::parse(""), Err(UrlError::Empty));
    assert_eq!(
        HttpUrl::parse("/path"),
        Err(UrlError::Invalid("/path".into()))
    );
    for empty_label in ["http:/%2E%2E/a", "https://a..b/", "https://.example.com/"] {
        assert_eq!(
            HttpUrl::parse(empty_label),
            Err(UrlError::Invalid(empty_label.into()))
        );
    }
    assert!(HttpUrl::parse("https://example.com./a").is_ok());
    assert!(HttpUrl::parse("http://127.0.0.1:8080/").is_ok());
    assert_eq!(
        HttpUrl::parse("mailto:a@example.com"),
        Err(UrlError::Scheme("mailto".into()))
    );
    assert_eq!(
        HttpUrl::parse("https://user@example.com/"),
        Err(UrlError::Credentials)
    );
    assert_eq!(
        UrlError::Scheme("ftp".into()).to_string(),
        "expected an http or https URL, found scheme `ftp`"
    );
    let url = HttpUrl::parse("HTTP://Example.COM:80/a").unwrap();
    assert_eq!(url.as_str(), "HTTP://Example.COM:80/a");
    assert_eq!(url.as_url().as_str(), "http://example.com/a");
    assert!(!url.is_https());
}

#[test]
fn heat_round_trips_through_json() {
    for heat in [Heat::NotRanked, Heat::Ranked(0), Heat::Ranked(u32::MAX)] {
        let json = serde_json::to_string(&heat).unwrap();
        assert_eq!(serde_json::from_str::<Heat>(&json).unwrap(), heat);
    }
    assert!(serde_json::from_str::<Heat>("-2").is_err());
}
