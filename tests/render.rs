//! Rendering: the producer's layout, absent versus empty, and any text surviving.

mod util;

use newsmatter::{Document, Heat, HttpUrl, RecordType, RelatedUrl};
use util::ARTICLE;

const VIDEO: &str = include_str!("fixtures/valid/video.md");

#[track_caller]
fn round_trip(doc: &Document) -> Document {
    let rendered = doc.to_string();
    let again = util::parse_with(newsmatter::ParseOptions::new(), &rendered)
        .unwrap_or_else(|err| panic!("{err}\n{rendered}"))
        .document;
    assert_eq!(&again, doc, "{rendered}");
    assert_eq!(again.to_string(), rendered, "render is a fixed point");
    again
}

#[test]
fn fixtures_render_byte_for_byte() {
    for text in [ARTICLE, VIDEO] {
        let doc: Document = text.parse().unwrap();
        assert_eq!(doc.to_string(), text);
    }
}

#[test]
fn empty_and_absent_stay_apart() {
    let video: Document = VIDEO.parse().unwrap();
    let r = &video.record;
    assert_eq!(r.record_type, RecordType::Video);
    assert_eq!(r.web_url, None);
    assert_eq!(r.quality, None);
    assert_eq!(r.heat, None);
    assert_eq!(r.published, None);
    assert_eq!(r.excerpt, "");
    assert_eq!(r.topics, Vec::<String>::new());
    assert_eq!(r.images, Some(vec![]));
    assert_eq!(r.related, Some(vec![]));
    assert_eq!(r.removed, Some(true));
    assert_eq!(video.body, "\nNotes kept in the body.\n---\n");

    let mut without = video.clone();
    without.record.images = None;
    without.record.related = None;
    let rendered = round_trip(&without).to_string();
    assert!(!rendered.contains("images:"));
    assert!(!rendered.contains("related:"));
}

#[test]
fn keeps_the_offset_of_dates() {
    let video: Document = VIDEO.parse().unwrap();
    assert_eq!(
        video.record.published_date_time.offset().local_minus_utc(),
        13 * 3600
    );
    assert!(video
        .to_string()
        .contains("publishedDateTime: 2022-11-03T21:05:44+13:00\n"));
}

#[test]
fn any_text_survives() {
    let texts = [
        "yes",
        "no",
        "null",
        "~",
        "true",
        "123",
        "-1",
        "0x1F",
        "1e3",
        ".inf",
        "",
        " leading",
        "trailing ",
        "a: b",
        "a #b",
        "#hash",
        "- dash",
        "---",
        "...",
        "[brackets]",
        "{braces}",
        "*star",
        "&amp",
        "!bang",
        "%pct",
        "@at",
        "`tick",
        "'single'",
        "\"double\"",
        "back\\slash",
        "line\nbreak",
        "cr\rlf",
        "tab\there",
        "nul\0byte",
        "bell\u{7}",
        "del\u{7f}",
        "nel\u{85}",
        "ls\u{2028}ps\u{2029}",
        "bom\u{feff}",
        "naïve — ’ 🦀",
        "é in NFD: e\u{301}",
        "trailing colon:",
        "?question",
        "| pipe",
        "> fold",
    ];
    let mut doc: Document = ARTICLE.parse().unwrap();
    for text in texts {
        doc.record.category = text.to_owned();
        doc.record.title = text.to_owned();
        doc.record.excerpt = text.to_owned();
        doc.record.provider.name = text.to_owned();
        doc.record.provider.domain = text.to_owned();
        doc.record.topics = vec![text.to_owned(), text.to_owned()];
        doc.record.featured_content = Some(text.to_owned());
        let related = &mut doc.record.related.as_mut().unwrap()[1];
        related.title = text.to_owned();
        related.provider.name = text.to_owned();
        round_trip(&doc);
    }
}

#[test]
fn plain_strings_stay_plain_and_others_are_quoted() {
    let mut doc: Document = ARTICLE.parse().unwrap();
    doc.record.topics = vec!["AI".into(), "yes".into(), "2024".into(), "a: b".into()];
    doc.record.provider.name = "Example: Daily".into();
    let rendered = doc.to_string();
    assert!(rendered.contains("topics:\n  - AI\n  - \"yes\"\n  - \"2024\"\n  - \"a: b\"\n"));
    assert!(rendered.contains("  name: \"Example: Daily\"\n"));
}

#[test]
fn urls_render_as_written() {
    let mut doc: Document = ARTICLE.parse().unwrap();
    let written = "https://www.example.com/en-ae/pokémon-style/ar-AA19heov?x=1#top";
    doc.record.web_url = Some(HttpUrl::parse(written).unwrap());
    assert!(doc
        .to_string()
        .contains(&format!("webUrl: \"{written}\"\n")));
    let again = round_trip(&doc);
    let url = again.record.web_url.unwrap();
    assert_eq!(url.as_str(), written);
    assert_eq!(url.as_url().path(), "/en-ae/pok%C3%A9mon-style/ar-AA19heov");
}

#[test]
fn heat_and_related_videos_render() {
    let mut doc: Document = ARTICLE.parse().unwrap();
    assert_eq!(doc.record.heat, Some(Heat::Ranked(12)));
    doc.record.heat = Some(Heat::NotRanked);
    assert_eq!(
        doc.record.related.as_ref().unwrap()[1].web_url,
        RelatedUrl::Empty
    );
    let rendered = round_trip(&doc).to_string();
    assert!(rendered.contains("\nheat: -1\n"));
    assert!(rendered.contains("\n    webUrl: \"\"\n    type: video\n"));
}
