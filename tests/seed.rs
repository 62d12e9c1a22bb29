//! The reference record (`../shared/seed/000_f716d4bb0f17b2b4.txt`): every field's value.

mod util;

use chrono::DateTime;
use newsmatter::{Document, Heat, HttpUrl, RecordType, RelatedUrl};

/// The reference record's text and document; `None` (said) without `../shared`.
fn seed() -> Option<(String, Document)> {
    let path = util::shared(
        "seed/000_f716d4bb0f17b2b4.txt",
        "the reference record's test",
    )?;
    let text = std::fs::read_to_string(path).unwrap();
    let doc = util::parse_with(newsmatter::ParseOptions::new(), &text)
        .unwrap_or_else(|err| panic!("{err}"))
        .document;
    Some((text, doc))
}

#[track_caller]
fn url(url: &Option<HttpUrl>) -> &str {
    url.as_ref().expect("a URL").as_str()
}

#[test]
fn seed_top_level_fields() {
    let Some((_, doc)) = seed() else {
        return;
    };
    let r = &doc.record;
    assert_eq!(r.category, "news");
    assert_eq!(
        r.title,
        "Dozens of advocacy groups push for Congress to ban facial recognition technology"
    );
    assert_eq!(
        r.excerpt,
        "Nearly 40 civil rights, privacy and technology groups sent a letter to Congressional \
         leadership Thursday pushing for a federal moratorium on facial recognition technology."
    );
    assert_eq!(
        r.published_date_time,
        DateTime::parse_from_rfc3339("2020-07-02T11:00:00Z").unwrap()
    );
    assert_eq!(r.original_url, None);
    let page = "https://thehill.com/policy/technology/505563-dozens-of-advocacy-groups-push-for-congress-to-ban-facial-recognition";
    assert_eq!(url(&r.web_url), page);
    assert_eq!(url(&r.amp_web_url), format!("{page}?amp"));
    assert_eq!(
        url(&r.cdn_amp_web_url),
        format!(
            "https://thehill-com.cdn.ampproject.org/c/s/thehill.com/policy/technology/\
             505563-dozens-of-advocacy-groups-push-for-congress-to-ban-facial-recognition?amp"
        )
    );
    assert_eq!(r.record_type, RecordType::Article);
    assert_eq!(r.quality, Some(54));
    assert_eq!(r.heat, Some(Heat::NotRanked));
    assert_eq!(r.published, Some(false));
    assert_eq!(r.featured_content, None);
    assert_eq!(r.provider.name, "The Hill");
    assert_eq!(r.provider.domain, "thehill.com");
    assert_eq!(r.provider.images, None);
    assert_eq!(r.topics, ["Computer Vision", "AI"]);
    assert_eq!(r.removed, None);
    assert!(r.unknown.is_empty());
    assert_eq!(doc.body, "\n");
}

#[test]
fn seed_images() {
    let Some((_, doc)) = seed() else {
        return;
    };
    let images = doc.record.images.as_ref().unwrap();
    assert_eq!(images.len(), 1);
    let image = &images[0];
    assert_eq!(
        image.url.as_str(),
        "https://thehill.com/sites/default/files/facialrecognitiontech_070319istock.jpg"
    );
    assert_eq!((image.width, image.height), (980, 551));
    assert_eq!(image.is_cached, Some(true));
    assert_eq!(
        image.title.as_deref(),
        Some("Dozens of advocacy groups push for Congress to ban facial recognition technology")
    );
}

#[test]
fn seed_related() {
    let Some((_, doc)) = seed() else {
        return;
    };
    let related = doc.record.related.as_ref().unwrap();
    let summary: Vec<_> = related
        .iter()
        .map(|r| {
            (
                r.provider.name.as_str(),
                r.provider.domain.as_str(),
                r.quality,
                r.amp_web_url.is_some(),
                r.cdn_amp_web_url.is_some(),
                r.images.as_ref().map(Vec::len),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "SecuriMetrics HIIDE",
                "findbiometrics.com",
                56,
                false,
                false,
                Some(1)
            ),
            (
                "Washington Post",
                "washingtonpost.com",
                56,
                true,
                true,
                Some(1)
            ),
            ("MassLive", "masslive.com", 41, true, true, Some(1)),
            ("Fudzilla", "fudzilla.com", 39, false, false, Some(1)),
            ("Law", "law.com", 37, false, false, Some(1)),
            ("WAtoday", "watoday.com.au", 37, true, true, None),
        ]
    );
    let first = &related[0];
    assert_eq!(
        first.title,
        "EU Once Again Considers Facial Recognition Ban"
    );
    assert!(first
        .excerpt
        .starts_with("The European Union is once again considering"));
    assert_eq!(
        first.published_date_time,
        DateTime::parse_from_rfc3339("2020-07-03T18:59:00Z").unwrap()
    );
    assert_eq!(
        first.web_url,
        RelatedUrl::Url(
            "https://findbiometrics.com/eu-once-again-considers-facial-recognition-ban-070301/"
                .parse()
                .unwrap()
        )
    );
    assert_eq!(first.record_type, RecordType::Article);
    let image = &first.images.as_ref().unwrap()[0];
    assert_eq!(
        (image.width, image.height, image.is_cached),
        (1502, 1694, Some(true))
    );
    assert_eq!(image.title, None);
    assert_eq!(
        related[1].title,
        "We now have evidence of facial recognition’s harm. Time for lawmakers to act."
    );
    assert_eq!(
        related[5]
            .cdn_amp_web_url
            .as_ref()
            .unwrap()
            .as_url()
            .host_str(),
        Some("amp-watoday-com-au.cdn.ampproject.org")
    );
}

#[test]
fn seed_secured() {
    let Some((text, doc)) = seed() else {
        return;
    };
    let secured = &doc.record.secured;
    let raw = text
        .lines()
        .find_map(|line| line.strip_prefix("secured: \""))
        .unwrap()
        .trim_end_matches('"');
    assert_eq!(secured.expose_raw(), raw);
    assert_eq!(secured.iv().len(), 16);
    assert_eq!(secured.ciphertext().len(), 400);
    assert_eq!(format!("{secured:?}"), "Secured(<redacted>)");
}

#[test]
fn seed_renders_byte_for_byte() {
    let Some((text, doc)) = seed() else {
        return;
    };
    assert_eq!(doc.to_string(), text);
}
