//! How the producer writes a record, from what a generator chose: the one place where choices
//! become a `Record`. The benches' seeded generator (`generate.rs`), the property tests'
//! strategies (`tests/strategies`) and the README's example corpus (`tests/example_corpus.rs`)
//! each choose in their own way (at random, by proptest, from a table) and build here.

#![allow(dead_code)]

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::{DateTime, FixedOffset};
use newsmatter::check::amp_cache_url;
use newsmatter::{Heat, HttpUrl, Image, Logo, Provider, Record, RecordType, Secured};

/// Where an article lives, or what a video is.
#[derive(Debug, Clone)]
pub enum Page {
    /// An article: its page, where it was found if elsewhere, and its AMP page; with `cache`,
    /// the AMP page's cache URL too (derived as the producer derives it).
    Article {
        web: HttpUrl,
        original: Option<HttpUrl>,
        amp: Option<HttpUrl>,
        cache: bool,
    },
    /// A video: where it was found, and its embed, if any.
    Video {
        original: HttpUrl,
        embed: Option<String>,
    },
    /// Every URL and the embed chosen apart, as no producer writes them: for the readers'
    /// tests, which must read any record.
    Any {
        record_type: RecordType,
        original: Option<HttpUrl>,
        web: Option<HttpUrl>,
        amp: Option<HttpUrl>,
        cache: Option<HttpUrl>,
        embed: Option<String>,
    },
}

/// `quality`, `heat` and `published`: the producer writes all three or none.
pub type Scores = (Option<u32>, Option<Heat>, Option<bool>);

/// What a generator chose for one record.
pub struct Choices {
    pub title: String,
    pub excerpt: String,
    pub published: DateTime<FixedOffset>,
    pub page: Page,
    pub scores: Scores,
    pub provider: Provider,
    pub topics: Vec<String>,
    pub images: Option<Vec<Image>>,
    pub secured: Secured,
    pub removed: Option<bool>,
}

/// The record the producer writes for `choices`, without related entries (a related entry
/// is `Related::from` the record it cites).
pub fn record(choices: Choices) -> Record {
    let Choices {
        title,
        excerpt,
        published,
        page,
        scores: (quality, heat, published_flag),
        provider,
        topics,
        images,
        secured,
        removed,
    } = choices;
    let (record_type, web_url, original_url, amp_web_url, cdn_amp_web_url, featured_content) =
        match page {
            Page::Article {
                web,
                original,
                amp,
                cache,
            } => {
                let cdn = amp.as_ref().filter(|_| cache).map(cache_url);
                (RecordType::Article, Some(web), original, amp, cdn, None)
            }
            Page::Video { original, embed } => {
                (RecordType::Video, None, Some(original), None, None, embed)
            }
            Page::Any {
                record_type,
                original,
                web,
                amp,
                cache,
                embed,
            } => (record_type, web, original, amp, cache, embed),
        };
    let mut record = Record::builder()
        .category("news")
        .title(title)
        .excerpt(excerpt)
        .published_date_time(published)
        .record_type(record_type)
        .provider(provider)
        .topics(topics)
        .secured(secured)
        .build()
        .expect("every required key is set");
    record.original_url = original_url;
    record.web_url = web_url;
    record.amp_web_url = amp_web_url;
    record.cdn_amp_web_url = cdn_amp_web_url;
    record.quality = quality;
    record.heat = heat;
    record.published = published_flag;
    record.featured_content = featured_content;
    record.images = images;
    record.removed = removed;
    record
}

/// The Google AMP cache URL of an AMP page.
pub fn cache_url(amp: &HttpUrl) -> HttpUrl {
    HttpUrl::try_from(amp_cache_url(amp.as_url())).expect("cache URLs are valid")
}

/// A provider, with its 50×50 logo at `logo` if it has one.
pub fn provider(name: &str, domain: &str, logo: Option<HttpUrl>) -> Provider {
    let mut provider = Provider::new(name, domain);
    provider.images = logo.map(|url| vec![Logo::new(url, 50, 50)]);
    provider
}

/// The usual place of a provider's logo.
pub fn logo_url(domain: &str) -> HttpUrl {
    url(&format!(
        "https://static.example.com/logos/{domain}-50x50.png"
    ))
}

/// An image with no title and no unknown keys.
pub fn image(url: HttpUrl, width: u32, height: u32, is_cached: Option<bool>) -> Image {
    let mut image = Image::new(url, width, height);
    image.is_cached = is_cached;
    image
}

/// The sealed payload of `ciphertext` (whole 16-byte blocks) and `iv` (16 bytes).
pub fn secured(ciphertext: &[u8], iv: &[u8]) -> Secured {
    Secured::new(&format!(
        "{};{}",
        STANDARD.encode(ciphertext),
        STANDARD.encode(iv)
    ))
    .expect("generated payloads are well formed")
}

/// A URL that the generator made, and knows to be valid.
pub fn url(text: &str) -> HttpUrl {
    HttpUrl::parse(text).unwrap_or_else(|err| panic!("{text}: {err}"))
}
