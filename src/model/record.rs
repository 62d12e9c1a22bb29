//! The typed model of a record: `Document`, `Record`, `Provider`, `Logo`, `Image`, `Related`.
//!
//! Every optional key is an `Option`: `None` when the key is absent, and a present key always
//! holds a value of its type (`null` is an error). Absent and empty (`""`, `[]`) stay apart,
//! so rendering gives back what was read. Each struct keeps the keys it does not know in
//! `unknown`, which only lenient parsing fills.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Serialize, Serializer};

use crate::model::{ArticleKey, HttpUrl, Identity, Secured, UnknownKeys};

/// One record file: the front matter and the Markdown body.
///
/// ```
/// use newsmatter::Document;
///
/// let doc: Document = std::fs::read_to_string("tests/fixtures/valid/article.md")?.parse()?;
/// assert_eq!(doc.record.provider.domain, "example.com");
/// assert_eq!(doc.body, "\n");
/// // Rendering gives the canonical form, which parses back to an equal document.
/// assert_eq!(doc.to_string().parse::<Document>()?, doc);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The front matter.
    pub record: Record,
    /// Everything after the closing delimiter line, byte for byte (often a single `\n`).
    pub body: String,
}

/// The front matter of a record: one news article or video ([the record format](crate::record_format#the-record)).
///
/// Build one with [`Record::builder`]; render it with `Display` (a record file with an empty
/// body) or in a [`Document`]. The same type reads and writes JSON through serde, as an API
/// response would carry a record: the record format's keys, absent optional keys left out,
/// and as strict as the YAML reader (an unknown key, a `null`, a relative URL is an error).
///
/// ```
/// use newsmatter::{Document, Record};
///
/// let doc = Document::from_path("tests/fixtures/valid/article.md")?;
/// let json = serde_json::to_string(&doc.record)?;
/// assert!(json.starts_with(r#"{"category":"news","title":"Harbor city opens a floating solar farm","#));
/// let again: Record = serde_json::from_str(&json)?;
/// assert_eq!(again, doc.record);
///
/// let unknown = json.replacen(r#""category""#, r#""trackingId":"x-81","category""#, 1);
/// let err = serde_json::from_str::<Record>(&unknown).unwrap_err();
/// assert!(err.to_string().starts_with("unknown field `trackingId`"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Record {
    /// `category`, required: the feed section (`news` in every real file).
    pub category: String,
    /// `title`, required: the headline.
    pub title: String,
    /// `excerpt`, required: the summary; may be empty.
    pub excerpt: String,
    /// `publishedDateTime`, required: RFC 3339 with an explicit offset.
    #[serde(serialize_with = "crate::model::timestamp::serialize")]
    pub published_date_time: DateTime<FixedOffset>,
    /// `originalUrl`, optional: where the item was found (an aggregator, or YouTube).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_url: Option<HttpUrl>,
    /// `webUrl`, optional here (the validator requires it on articles): the article's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_url: Option<HttpUrl>,
    /// `ampWebUrl`, optional: the AMP version of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amp_web_url: Option<HttpUrl>,
    /// `cdnAmpWebUrl`, optional: the Google AMP cache URL of `ampWebUrl`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cdn_amp_web_url: Option<HttpUrl>,
    /// `type`, required: `article` or `video`.
    #[serde(rename = "type")]
    pub record_type: RecordType,
    /// `quality`, optional: the editorial score, an integer ≥ 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<u32>,
    /// `heat`, optional: popularity, `-1` for not ranked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heat: Option<Heat>,
    /// `published`, optional: a YAML 1.2 boolean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<bool>,
    /// `featuredContent`, optional: an HTML embed, on video records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub featured_content: Option<String>,
    /// `provider`, required: the publisher.
    pub provider: Provider,
    /// `topics`, required: a list of strings, possibly empty.
    pub topics: Vec<String>,
    /// `images`, optional: the article's images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
    /// `related`, optional: other coverage of the same story.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Vec<Related>>,
    /// `secured`, required: the opaque sealed payload.
    pub secured: Secured,
    /// `removed`, optional: set on records the producer is about to withdraw.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<bool>,
    /// Keys the format does not define, in the order read (lenient parsing only).
    #[serde(flatten)]
    pub unknown: UnknownKeys,
}

/// The publisher of an article (`provider`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Provider {
    /// `name`, required: the publisher's name.
    pub name: String,
    /// `domain`, required: a bare lower-case host name (`thehill.com`).
    pub domain: String,
    /// `images`, optional: the provider's logo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Logo>>,
    /// Keys the format does not define (lenient parsing only).
    #[serde(flatten)]
    pub unknown: UnknownKeys,
}

/// A provider's logo (`provider.images[]`): exactly `url`, `width` and `height`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Logo {
    /// `url`, required: an absolute http(s) URL.
    pub url: HttpUrl,
    /// `width`, required: in pixels.
    pub width: u32,
    /// `height`, required: in pixels.
    pub height: u32,
    /// Keys the format does not define (lenient parsing only).
    #[serde(flatten)]
    pub unknown: UnknownKeys,
}

/// An image of an article (`images[]`, `related[].images[]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Image {
    /// `url`, required: an absolute http(s) URL.
    pub url: HttpUrl,
    /// `width`, required: in pixels.
    pub width: u32,
    /// `height`, required: in pixels.
    pub height: u32,
    /// `isCached`, optional: older records lack it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_cached: Option<bool>,
    /// `title`, optional: the image's caption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Keys the format does not define (lenient parsing only).
    #[serde(flatten)]
    pub unknown: UnknownKeys,
}

/// Another article on the same story (`related[]`), usually a copy of another record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Related {
    /// `title`, required.
    pub title: String,
    /// `excerpt`, required; may be empty.
    pub excerpt: String,
    /// `publishedDateTime`, required: RFC 3339 with an explicit offset.
    #[serde(serialize_with = "crate::model::timestamp::serialize")]
    pub published_date_time: DateTime<FixedOffset>,
    /// `webUrl`, required: a URL, or `""` for a related video.
    pub web_url: RelatedUrl,
    /// `ampWebUrl`, optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amp_web_url: Option<HttpUrl>,
    /// `cdnAmpWebUrl`, optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cdn_amp_web_url: Option<HttpUrl>,
    /// `type`, required: `article` or `video`.
    #[serde(rename = "type")]
    pub record_type: RecordType,
    /// `provider`, required.
    pub provider: Provider,
    /// `quality`, required: an integer ≥ 0.
    pub quality: u32,
    /// `images`, optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
    /// Keys the format does not define (lenient parsing only).
    #[serde(flatten)]
    pub unknown: UnknownKeys,
}

impl Record {
    /// The identities the record is known by, in order: the [`ArticleKey`]s of `webUrl`,
    /// `originalUrl`, `ampWebUrl` and `cdnAmpWebUrl`, and for a video the key of its
    /// provider and title, each once. A related entry citing any of them cites this record.
    pub fn article_keys(&self) -> Vec<ArticleKey> {
        // Each once, where first met (`originalUrl` is often `webUrl` again).
        let mut keys: Vec<ArticleKey> = Vec::with_capacity(5);
        for (_, identity) in self.identities() {
            let key = identity.key();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }

    /// The identities of [`Record::article_keys`], with the key that holds each (`title`
    /// for a video's), in order and not yet made keys; some may repeat.
    pub(crate) fn identities(&self) -> impl Iterator<Item = (&'static str, Identity<'_>)> {
        let urls = [
            ("webUrl", &self.web_url),
            ("originalUrl", &self.original_url),
            ("ampWebUrl", &self.amp_web_url),
            ("cdnAmpWebUrl", &self.cdn_amp_web_url),
        ];
        let video = (self.record_type == RecordType::Video).then_some((
            "title",
            Identity::Video {
                provider: &self.provider.name,
                title: &self.title,
            },
        ));
        urls.into_iter()
            .filter_map(|(field, url)| url.as_ref().map(|url| (field, Identity::Url(url))))
            .chain(video)
    }

    /// The record's identity: the first of [`Record::article_keys`], or for a record without
    /// any, the key of its provider and title. Its node in the related graph has this key.
    ///
    /// ```
    /// use newsmatter::Document;
    ///
    /// let doc = Document::from_path("tests/fixtures/valid/article.md")?;
    /// assert_eq!(doc.record.article_key().as_str(), "www.example.com/energy/harbor-city-floating-solar");
    /// # Ok::<(), newsmatter::Error>(())
    /// ```
    pub fn article_key(&self) -> ArticleKey {
        self.article_keys()
            .into_iter()
            .next()
            .unwrap_or_else(|| ArticleKey::video(&self.provider.name, &self.title))
    }
}

impl Related {
    /// The identities the entry cites, in the order tried: its `webUrl`, `ampWebUrl` and
    /// `cdnAmpWebUrl`, or, having none (a video), its provider and title.
    pub(crate) fn cited_identities(&self) -> impl Iterator<Item = Identity<'_>> {
        let urls = [
            self.web_url.as_url(),
            self.amp_web_url.as_ref(),
            self.cdn_amp_web_url.as_ref(),
        ];
        let video = urls.iter().all(Option::is_none).then_some(Identity::Video {
            provider: &self.provider.name,
            title: &self.title,
        });
        urls.into_iter().flatten().map(Identity::Url).chain(video)
    }
}

/// The entry that cites `record` in another record's `related` list, as the producer writes
/// it: the record's title, excerpt, date, URLs, type and images, its provider without the
/// logo (no real related entry has one), its `quality` (0 when it has none) and its `webUrl`
/// (`""` when it has none, as for videos).
///
/// ```
/// use newsmatter::{Document, Related};
///
/// let doc = Document::from_path("tests/fixtures/valid/article.md")?;
/// let entry = Related::from(&doc.record);
/// assert_eq!(entry.title, doc.record.title);
/// assert_eq!(entry.web_url.as_url(), doc.record.web_url.as_ref());
/// # Ok::<(), newsmatter::Error>(())
/// ```
impl From<&Record> for Related {
    fn from(record: &Record) -> Self {
        Related {
            title: record.title.clone(),
            excerpt: record.excerpt.clone(),
            published_date_time: record.published_date_time,
            web_url: record
                .web_url
                .clone()
                .map_or(RelatedUrl::Empty, RelatedUrl::Url),
            amp_web_url: record.amp_web_url.clone(),
            cdn_amp_web_url: record.cdn_amp_web_url.clone(),
            record_type: record.record_type,
            provider: Provider {
                images: None,
                ..record.provider.clone()
            },
            quality: record.quality.unwrap_or(0),
            images: record.images.clone(),
            unknown: UnknownKeys::default(),
        }
    }
}

/// The `type` of a record: `article` or `video`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RecordType {
    /// `article`: a page with a `webUrl`.
    Article,
    /// `video`: no `webUrl`; `originalUrl` and `featuredContent` instead.
    Video,
}

impl RecordType {
    /// The YAML spelling: `article` or `video`.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Article => "article",
            RecordType::Video => "video",
        }
    }
}

impl fmt::Display for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `heat` of a record: `-1` means not ranked, otherwise a popularity score.
///
/// ```
/// use newsmatter::Heat;
///
/// assert_eq!(Heat::from_i64(-1), Some(Heat::NotRanked));
/// assert_eq!(Heat::from_i64(12), Some(Heat::Ranked(12)));
/// assert_eq!(Heat::from_i64(-2), None);
/// assert_eq!(Heat::NotRanked.to_i64(), -1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Heat {
    /// `heat: -1`.
    NotRanked,
    /// `heat: n` with `n ≥ 0`.
    Ranked(u32),
}

impl Heat {
    /// The heat for a YAML integer: `-1` or `0..=u32::MAX`; `None` for anything else.
    pub fn from_i64(value: i64) -> Option<Heat> {
        match value {
            -1 => Some(Heat::NotRanked),
            _ => u32::try_from(value).ok().map(Heat::Ranked),
        }
    }

    /// The YAML integer: `-1` for [`Heat::NotRanked`].
    pub fn to_i64(self) -> i64 {
        match self {
            Heat::NotRanked => -1,
            Heat::Ranked(value) => i64::from(value),
        }
    }
}

impl Serialize for Heat {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.to_i64())
    }
}

/// A related entry's `webUrl`: a URL, or `""`, which the producer writes for related videos.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RelatedUrl {
    /// `webUrl: ""`.
    Empty,
    /// `webUrl: "https://…"`.
    Url(HttpUrl),
}

impl RelatedUrl {
    /// The URL, unless empty.
    pub fn as_url(&self) -> Option<&HttpUrl> {
        match self {
            RelatedUrl::Empty => None,
            RelatedUrl::Url(url) => Some(url),
        }
    }

    /// The text as written: `""` or the URL.
    pub fn as_str(&self) -> &str {
        self.as_url().map_or("", HttpUrl::as_str)
    }
}
