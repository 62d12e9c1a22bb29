//! proptest strategies (`arb_*`) for every model type, shared by the property tests.
//!
//! Two families: `arb_*` generates any value of a type (any text, any URL), for round trips
//! and robustness; `arb_valid_*` generates records that keep every rule of the format, with
//! the real files' variety, for "a valid record validates with no diagnostic".
#![allow(dead_code)]

use std::collections::BTreeSet;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::{DateTime, FixedOffset, TimeZone};
use newsmatter::{
    Document, Heat, HttpUrl, Image, Logo, Provider, Record, RecordType, Related, RelatedUrl,
    Secured,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

#[path = "../../benches/support/producer.rs"]
mod producer;
use producer::{Choices, Page};

/// Any text, with the characters that stress YAML over-represented.
pub fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,40}",
        vec(
            prop_oneof![
                Just("---".to_owned()),
                Just("...".to_owned()),
                Just("# ".to_owned()),
                Just(": ".to_owned()),
                Just("\"".to_owned()),
                Just("'".to_owned()),
                Just("\\".to_owned()),
                Just("\n".to_owned()),
                Just("\r\n".to_owned()),
                Just("\t".to_owned()),
                Just(" ".to_owned()),
                Just("yes".to_owned()),
                Just("null".to_owned()),
                Just("12".to_owned()),
                Just("[{".to_owned()),
                Just("é’—🦀".to_owned()),
                Just("\u{85}\u{2028}\u{feff}".to_owned()),
                "[a-zA-Z]{1,8}",
            ],
            0..8
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// A DNS label drawn from `pattern`, but never one that starts like punycode (`xn--`) without
/// being it, which no URL parser accepts.
fn arb_label(pattern: &'static str) -> impl Strategy<Value = String> {
    pattern.prop_filter("a label that looks like punycode but is not", |label| {
        !label.starts_with("xn--")
    })
}

pub fn arb_host() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        arb_label("[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?"),
        Just("bücher".to_owned()),
        Just("xn--bcher-kva".to_owned()),
        Just("a--b".to_owned()),
    ];
    (vec(label, 1..4), "(com|net|org|co\\.uk|com\\.au)")
        .prop_map(|(labels, tld)| format!("{}.{tld}", labels.join(".")))
}

pub fn arb_http_url() -> impl Strategy<Value = HttpUrl> {
    arb_host().prop_flat_map(arb_url_on)
}

pub fn arb_date_time() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        0_i64..4_102_444_800,
        prop_oneof![Just(0_u32), 0_u32..1_000_000_000],
        -(23 * 60 + 59)..=(23 * 60 + 59),
    )
        .prop_map(|(seconds, nanos, offset_minutes)| {
            FixedOffset::east_opt(offset_minutes * 60)
                .unwrap()
                .timestamp_opt(seconds, nanos)
                .unwrap()
        })
}

pub fn arb_secured() -> impl Strategy<Value = Secured> {
    (1_usize..8, any::<[u8; 16]>(), any::<u64>()).prop_map(|(blocks, iv, seed)| {
        let ciphertext: Vec<u8> = (0..blocks * 16)
            .map(|i| (seed.rotate_left(i as u32 % 64) as u8) ^ i as u8)
            .collect();
        let raw = format!("{};{}", STANDARD.encode(ciphertext), STANDARD.encode(iv));
        Secured::new(&raw).unwrap()
    })
}

pub fn arb_logo() -> impl Strategy<Value = Logo> {
    (arb_http_url(), any::<u32>(), any::<u32>())
        .prop_map(|(url, width, height)| Logo::new(url, width, height))
}

pub fn arb_provider() -> impl Strategy<Value = Provider> {
    (arb_text(), arb_text(), option::of(vec(arb_logo(), 0..2))).prop_map(
        |(name, domain, images)| {
            let mut provider = Provider::new(name, domain);
            provider.images = images;
            provider
        },
    )
}

pub fn arb_image() -> impl Strategy<Value = Image> {
    (
        arb_http_url(),
        1_u32..5000,
        1_u32..5000,
        option::of(any::<bool>()),
        option::of(arb_text()),
    )
        .prop_map(|(url, width, height, is_cached, title)| {
            let mut image = Image::new(url, width, height);
            image.is_cached = is_cached;
            image.title = title;
            image
        })
}

pub fn arb_record_type() -> impl Strategy<Value = RecordType> {
    prop_oneof![Just(RecordType::Article), Just(RecordType::Video)]
}

pub fn arb_heat() -> impl Strategy<Value = Heat> {
    prop_oneof![Just(Heat::NotRanked), any::<u32>().prop_map(Heat::Ranked)]
}

pub fn arb_related() -> impl Strategy<Value = Related> {
    (
        (arb_text(), arb_text(), arb_date_time()),
        prop_oneof![
            Just(RelatedUrl::Empty),
            arb_http_url().prop_map(RelatedUrl::Url)
        ],
        option::of(arb_http_url()),
        option::of(arb_http_url()),
        arb_record_type(),
        arb_provider(),
        any::<u32>(),
        option::of(vec(arb_image(), 0..3)),
    )
        .prop_map(
            |(
                (title, excerpt, published_date_time),
                web_url,
                amp_web_url,
                cdn_amp_web_url,
                record_type,
                provider,
                quality,
                images,
            )| {
                let mut related = Related::new(
                    title,
                    excerpt,
                    published_date_time,
                    web_url,
                    record_type,
                    provider,
                    quality,
                );
                related.amp_web_url = amp_web_url;
                related.cdn_amp_web_url = cdn_amp_web_url;
                related.images = images;
                related
            },
        )
}

pub fn arb_record() -> impl Strategy<Value = Record> {
    (
        (arb_text(), arb_text(), arb_text(), arb_date_time()),
        [
            option::of(arb_http_url()),
            option::of(arb_http_url()),
            option::of(arb_http_url()),
            option::of(arb_http_url()),
        ],
        arb_record_type(),
        (
            option::of(any::<u32>()),
            option::of(arb_heat()),
            option::of(any::<bool>()),
        ),
        option::of(arb_text()),
        arb_provider(),
        vec(arb_text(), 0..4),
        option::of(vec(arb_image(), 0..3)),
        option::of(vec(arb_related(), 0..4)),
        arb_secured(),
        option::of(any::<bool>()),
    )
        .prop_map(
            |(
                (category, title, excerpt, published_date_time),
                [original_url, web_url, amp_web_url, cdn_amp_web_url],
                record_type,
                (quality, heat, published),
                featured_content,
                provider,
                topics,
                images,
                related,
                secured,
                removed,
            )| {
                let mut record = producer::record(Choices {
                    title,
                    excerpt,
                    published: published_date_time,
                    page: Page::Any {
                        record_type,
                        original: original_url,
                        web: web_url,
                        amp: amp_web_url,
                        cache: cdn_amp_web_url,
                        embed: featured_content,
                    },
                    scores: (quality, heat, published),
                    provider,
                    topics,
                    images,
                    secured,
                    removed,
                });
                record.category = category;
                record.related = related;
                record
            },
        )
}

pub fn arb_body() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_owned()),
        Just(String::new()),
        vec(
            prop_oneof![
                Just("---"),
                Just("----"),
                Just("# Title"),
                Just("text"),
                Just("")
            ],
            0..6
        )
        .prop_flat_map(|lines| { prop_oneof![Just(lines.join("\n")), Just(lines.join("\r\n"))] }),
        any::<String>(),
    ]
}

pub fn arb_document() -> impl Strategy<Value = Document> {
    (arb_record(), arb_body()).prop_map(|(record, body)| Document { record, body })
}

/// Text that keeps the format's rules: no control characters but in excerpts, no HTML
/// entities or mojibake (no `&`, `Â`, `Ã`, `â`), not empty after trimming; and still YAML's
/// troublemakers: quotes, `: `, ` #`, `---`, unicode.
pub fn arb_clean_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z0-9]{1,8}",
        Just(" ".to_owned()),
        Just(": ".to_owned()),
        Just(" #".to_owned()),
        Just("---".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("\\".to_owned()),
        Just("é’—🦀点".to_owned()),
        Just("[x]{y}".to_owned()),
        Just("yes".to_owned()),
        Just("12".to_owned()),
    ];
    ("[A-Z]", vec(piece, 0..10)).prop_map(|(first, rest)| format!("{first}{}", rest.concat()))
}

/// An excerpt: clean text with line breaks and tabs, or empty.
pub fn arb_excerpt() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (
            arb_clean_text(),
            prop_oneof![Just("\n"), Just("\t"), Just("\r\n"), Just(" ")],
            arb_clean_text()
        )
            .prop_map(|(a, sep, b)| format!("{a}{sep}{b}")),
    ]
}

/// A bare lower-case host name, hyphens and punycode included.
pub fn arb_domain() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        arb_label("[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?"),
        Just("xn--bcher-kva".to_owned()),
        Just("a--b".to_owned()),
    ];
    (label, "(com|net|org|co\\.uk)").prop_map(|(label, tld)| format!("{label}.{tld}"))
}

/// An http(s) URL on `host`, with a path and maybe a query, no `&` nor `;` (so no HTML
/// entity by accident).
pub fn arb_url_on(host: String) -> impl Strategy<Value = HttpUrl> {
    (
        prop_oneof![Just("http"), Just("https")],
        vec("[A-Za-z0-9_.~-]{1,10}|pokémon|%C3%A9", 0..4),
        option::of("[a-z]{1,5}=[A-Za-z0-9]{0,6}|amp"),
    )
        .prop_map(move |(scheme, path, query)| {
            let mut url = format!("{scheme}://{host}/{}", path.join("/"));
            if let Some(query) = query {
                url.push('?');
                url.push_str(&query);
            }
            HttpUrl::parse(&url).unwrap_or_else(|err| panic!("{url}: {err}"))
        })
}

pub fn arb_valid_image() -> impl Strategy<Value = Image> {
    (
        arb_domain(),
        1_u32..5000,
        1_u32..5000,
        option::of(any::<bool>()),
        option::of(arb_clean_text()),
    )
        .prop_flat_map(|(host, width, height, is_cached, title)| {
            arb_url_on(host).prop_map(move |url| {
                let mut image = Image::new(url, width, height);
                image.is_cached = is_cached;
                image.title = title.clone();
                image
            })
        })
}

pub fn arb_valid_provider() -> impl Strategy<Value = Provider> {
    (arb_clean_text(), arb_domain(), any::<bool>()).prop_flat_map(|(name, domain, logo)| {
        let logo = if logo {
            arb_url_on(format!("static.{domain}"))
                .prop_map(Some)
                .boxed()
        } else {
            Just(None).boxed()
        };
        logo.prop_map(move |logo| producer::provider(&name, &domain, logo))
    })
}

/// An article's pages on its provider's domain: `webUrl`, and maybe an AMP URL with its
/// cache URL (derived, as the producer does) or without one; found at its own page.
fn arb_pages(domain: String, slug: String) -> impl Strategy<Value = Page> {
    (prop_oneof![Just(""), Just("www."), Just("news.")], 0_u8..3).prop_map(move |(sub, amp)| {
        let web = producer::url(&format!("https://{sub}{domain}/{slug}"));
        Page::Article {
            original: Some(web.clone()),
            amp: (amp > 0).then(|| producer::url(&format!("https://{sub}{domain}/{slug}?amp"))),
            cache: amp == 2,
            web,
        }
    })
}

/// A related entry numbered `i` (so that no two entries are the same article): an article on
/// its provider's domain, or a video with `webUrl: ""`.
pub fn arb_valid_related(i: usize) -> impl Strategy<Value = Related> {
    (
        arb_clean_text(),
        arb_excerpt(),
        arb_date_time(),
        any::<bool>(),
        arb_valid_provider(),
        any::<u32>(),
        option::of(vec(arb_valid_image(), 0..2)),
    )
        .prop_flat_map(
            move |(title, excerpt, date, video, provider, quality, images)| {
                let title = format!("{title} {i}");
                arb_pages(provider.domain.clone(), format!("related-{i}")).prop_map(move |page| {
                    let page = if video {
                        Page::Video {
                            original: producer::url("https://youtube.com/watch?v=abc"),
                            embed: None,
                        }
                    } else {
                        page
                    };
                    // A related entry is the copy of the record it cites; its provider keeps
                    // any logo, which the producer drops, so that rendering one is tested too.
                    let mut related = Related::from(&producer::record(Choices {
                        title: title.clone(),
                        excerpt: excerpt.clone(),
                        published: date,
                        page,
                        scores: (Some(quality), None, None),
                        provider: provider.clone(),
                        topics: Vec::new(),
                        images: images.clone(),
                        secured: producer::secured(&[0; 16], &[0; 16]),
                        removed: None,
                    }));
                    related.provider = provider.clone();
                    related
                })
            },
        )
}

/// Topics: distinct ignoring case, none empty; possibly none at all.
pub fn arb_valid_topics() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::btree_set("[a-z]{1,8}( [a-z]{1,6})?", 0..4).prop_map(
        |topics: BTreeSet<String>| {
            topics
                .into_iter()
                .enumerate()
                .map(|(i, t)| if i % 2 == 0 { t } else { t.to_uppercase() })
                .collect()
        },
    )
}

/// The scores: all three or none; not ranked only when not published.
pub fn arb_valid_scores() -> impl Strategy<Value = (Option<u32>, Option<Heat>, Option<bool>)> {
    prop_oneof![
        Just((None, None, None)),
        any::<u32>().prop_map(|q| (Some(q), Some(Heat::NotRanked), Some(false))),
        (any::<u32>(), any::<u32>(), any::<bool>()).prop_map(|(q, h, p)| (
            Some(q),
            Some(Heat::Ranked(h)),
            Some(p)
        )),
    ]
}

/// A record that keeps every rule of the format.
pub fn arb_valid_record() -> impl Strategy<Value = Record> {
    (
        (
            arb_clean_text(),
            arb_excerpt(),
            arb_date_time(),
            any::<bool>(),
        ),
        arb_valid_provider(),
        arb_valid_scores(),
        arb_valid_topics(),
        option::of(vec(arb_valid_image(), 0..3)),
        (0_usize..5, any::<bool>()).prop_flat_map(|(n, present)| {
            let entries: Vec<_> = (0..n).map(arb_valid_related).collect();
            entries.prop_map(move |entries| present.then_some(entries))
        }),
        (
            arb_secured(),
            option::of(any::<bool>()),
            option::of(arb_clean_text()),
        ),
    )
        .prop_flat_map(
            |(
                (title, excerpt, date, video),
                provider,
                scores,
                topics,
                images,
                related,
                (secured, removed, embed),
            )| {
                arb_pages(provider.domain.clone(), "story".to_owned()).prop_map(move |page| {
                    let page = if video {
                        Page::Video {
                            original: producer::url("https://youtube.com/watch?v=abc"),
                            embed: embed.clone(),
                        }
                    } else {
                        page
                    };
                    let mut record = producer::record(Choices {
                        title: title.clone(),
                        excerpt: excerpt.clone(),
                        published: date,
                        page,
                        scores,
                        provider: provider.clone(),
                        topics: topics.clone(),
                        images: images.clone(),
                        secured: secured.clone(),
                        removed,
                    });
                    record.related = related.clone();
                    record
                })
            },
        )
}

pub fn arb_valid_document() -> impl Strategy<Value = Document> {
    (arb_valid_record(), arb_body()).prop_map(|(record, body)| Document { record, body })
}
