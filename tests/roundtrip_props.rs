//! Property tests: rendering then parsing is the identity, rendering is a fixed point, and no
//! input makes parsing panic.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::{DateTime, FixedOffset, TimeZone};
use newsmatter::{
    Document, Heat, HttpUrl, Image, Logo, Provider, Record, RecordType, Related, RelatedUrl,
    Secured, UnknownKeys,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Any text, with the characters that stress YAML over-represented.
fn arb_text() -> impl Strategy<Value = String> {
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

fn arb_host() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?",
        Just("bücher".to_owned()),
        Just("xn--bcher-kva".to_owned()),
        Just("a--b".to_owned()),
    ];
    (vec(label, 1..4), "(com|net|org|co\\.uk|com\\.au)")
        .prop_map(|(labels, tld)| format!("{}.{tld}", labels.join(".")))
}

fn arb_http_url() -> impl Strategy<Value = HttpUrl> {
    (
        prop_oneof![Just("http"), Just("https")],
        arb_host(),
        vec("[A-Za-z0-9._~-]{1,12}|pokémon|%C3%A9", 0..4),
        option::of("[a-z]{1,5}=[A-Za-z0-9]{0,6}|amp|outputType=amp"),
    )
        .prop_map(|(scheme, host, path, query)| {
            let mut url = format!("{scheme}://{host}/{}", path.join("/"));
            if let Some(query) = query {
                url.push('?');
                url.push_str(&query);
            }
            HttpUrl::parse(&url).unwrap_or_else(|err| panic!("{url}: {err}"))
        })
}

fn arb_date_time() -> impl Strategy<Value = DateTime<FixedOffset>> {
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

fn arb_secured() -> impl Strategy<Value = Secured> {
    (1_usize..8, any::<[u8; 16]>(), any::<u64>()).prop_map(|(blocks, iv, seed)| {
        let ciphertext: Vec<u8> = (0..blocks * 16)
            .map(|i| (seed.rotate_left(i as u32 % 64) as u8) ^ i as u8)
            .collect();
        let raw = format!("{};{}", STANDARD.encode(ciphertext), STANDARD.encode(iv));
        Secured::new(&raw).unwrap()
    })
}

fn arb_logo() -> impl Strategy<Value = Logo> {
    (arb_http_url(), any::<u32>(), any::<u32>()).prop_map(|(url, width, height)| Logo {
        url,
        width,
        height,
        unknown: UnknownKeys::default(),
    })
}

fn arb_provider() -> impl Strategy<Value = Provider> {
    (arb_text(), arb_text(), option::of(vec(arb_logo(), 0..2))).prop_map(
        |(name, domain, images)| Provider {
            name,
            domain,
            images,
            unknown: UnknownKeys::default(),
        },
    )
}

fn arb_image() -> impl Strategy<Value = Image> {
    (
        arb_http_url(),
        1_u32..5000,
        1_u32..5000,
        option::of(any::<bool>()),
        option::of(arb_text()),
    )
        .prop_map(|(url, width, height, is_cached, title)| Image {
            url,
            width,
            height,
            is_cached,
            title,
            unknown: UnknownKeys::default(),
        })
}

fn arb_record_type() -> impl Strategy<Value = RecordType> {
    prop_oneof![Just(RecordType::Article), Just(RecordType::Video)]
}

fn arb_heat() -> impl Strategy<Value = Heat> {
    prop_oneof![Just(Heat::NotRanked), any::<u32>().prop_map(Heat::Ranked)]
}

fn arb_related() -> impl Strategy<Value = Related> {
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
            )| Related {
                title,
                excerpt,
                published_date_time,
                web_url,
                amp_web_url,
                cdn_amp_web_url,
                record_type,
                provider,
                quality,
                images,
                unknown: UnknownKeys::default(),
            },
        )
}

fn arb_record() -> impl Strategy<Value = Record> {
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
            )| Record {
                category,
                title,
                excerpt,
                published_date_time,
                original_url,
                web_url,
                amp_web_url,
                cdn_amp_web_url,
                record_type,
                quality,
                heat,
                published,
                featured_content,
                provider,
                topics,
                images,
                related,
                secured,
                removed,
                unknown: UnknownKeys::default(),
            },
        )
}

fn arb_body() -> impl Strategy<Value = String> {
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

fn arb_document() -> impl Strategy<Value = Document> {
    (arb_record(), arb_body()).prop_map(|(record, body)| Document { record, body })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn render_then_parse_is_the_identity(doc in arb_document()) {
        let rendered = doc.to_string();
        let again: Document = rendered
            .parse()
            .map_err(|err| TestCaseError::fail(format!("{err}\n{rendered}")))?;
        prop_assert_eq!(&again, &doc);
        prop_assert_eq!(again.to_string(), rendered);
    }

    #[test]
    fn parse_never_panics_on_any_text(text in any::<String>()) {
        let _ = text.parse::<Document>();
        let _ = newsmatter::ParseOptions::new().lenient(true).parse_str(&text);
    }

    #[test]
    fn parse_never_panics_on_a_record_with_one_byte_changed(
        doc in arb_document(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        insert in any::<bool>(),
    ) {
        let mut bytes = doc.to_string().into_bytes();
        let at = at.index(bytes.len() + 1);
        if insert || at == bytes.len() {
            bytes.insert(at, byte);
        } else {
            bytes[at] = byte;
        }
        let _ = Document::from_slice(&bytes);
        let _ = newsmatter::ParseOptions::new().lenient(true).parse_slice(&bytes);
    }
}
