//! The typed model of a record: `Document`, `Record`, `Provider`, `Logo`, `Image`, `Related`.
//!
//! Every optional key is an `Option`: `None` when the key is absent, and a present key always
//! holds a value of its type (`null` is an error). Absent and empty (`""`, `[]`) stay apart,
//! so rendering gives back what was read. Each struct keeps the keys it does not know in
//! `unknown`, which only lenient parsing fills.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde::{Serialize, Serializer};

use crate::wire::yaml_struct;
use crate::yaml::UnknownKeys;
use crate::{HttpUrl, Secured};

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

/// The front matter of a record: one news article or video (FORMAT.md, "Record").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// `category`, required: the feed section (`news` in every real file).
    pub category: String,
    /// `title`, required: the headline.
    pub title: String,
    /// `excerpt`, required: the summary; may be empty.
    pub excerpt: String,
    /// `publishedDateTime`, required: RFC 3339 with an explicit offset.
    #[serde(serialize_with = "crate::timestamp::serialize")]
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

yaml_struct!(Record, "a mapping of record keys", RecordField {
    category: "category" required,
    title: "title" required,
    excerpt: "excerpt" required,
    published_date_time: "publishedDateTime" required,
    original_url: "originalUrl" optional,
    web_url: "webUrl" optional,
    amp_web_url: "ampWebUrl" optional,
    cdn_amp_web_url: "cdnAmpWebUrl" optional,
    record_type: "type" required,
    quality: "quality" optional,
    heat: "heat" optional,
    published: "published" optional,
    featured_content: "featuredContent" optional,
    provider: "provider" required,
    topics: "topics" required,
    images: "images" optional,
    related: "related" optional,
    secured: "secured" required,
    removed: "removed" optional,
});

/// The publisher of an article (`provider`).
#[derive(Debug, Clone, PartialEq, Serialize)]
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

yaml_struct!(Provider, "a provider mapping", ProviderField {
    name: "name" required,
    domain: "domain" required,
    images: "images" optional,
});

/// A provider's logo (`provider.images[]`): exactly `url`, `width` and `height`.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

yaml_struct!(Logo, "a logo mapping", LogoField {
    url: "url" required,
    width: "width" required,
    height: "height" required,
});

/// An image of an article (`images[]`, `related[].images[]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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

yaml_struct!(Image, "an image mapping", ImageField {
    url: "url" required,
    width: "width" required,
    height: "height" required,
    is_cached: "isCached" optional,
    title: "title" optional,
});

/// Another article on the same story (`related[]`), usually a copy of another record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Related {
    /// `title`, required.
    pub title: String,
    /// `excerpt`, required; may be empty.
    pub excerpt: String,
    /// `publishedDateTime`, required: RFC 3339 with an explicit offset.
    #[serde(serialize_with = "crate::timestamp::serialize")]
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

yaml_struct!(Related, "a related-article mapping", RelatedField {
    title: "title" required,
    excerpt: "excerpt" required,
    published_date_time: "publishedDateTime" required,
    web_url: "webUrl" required,
    amp_web_url: "ampWebUrl" optional,
    cdn_amp_web_url: "cdnAmpWebUrl" optional,
    record_type: "type" required,
    provider: "provider" required,
    quality: "quality" required,
    images: "images" optional,
});

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

impl Serialize for RecordType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RecordType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TypeVisitor)
    }
}

pub(crate) struct TypeVisitor;

impl Visitor<'_> for TypeVisitor {
    type Value = RecordType;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`article` or `video`")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<RecordType, E> {
        match text {
            "article" => Ok(RecordType::Article),
            "video" => Ok(RecordType::Video),
            _ => Err(E::unknown_variant(text, &["article", "video"])),
        }
    }

    crate::wire::reject_null!();
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

impl<'de> Deserialize<'de> for Heat {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct HeatVisitor;

        impl Visitor<'_> for HeatVisitor {
            type Value = Heat;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("-1 (not ranked) or an integer from 0 to 4294967295")
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Heat, E> {
                Heat::from_i64(value)
                    .ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Heat, E> {
                u32::try_from(value)
                    .map(Heat::Ranked)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
            }

            crate::wire::reject_null!();
        }

        deserializer.deserialize_any(HeatVisitor)
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

impl Serialize for RelatedUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RelatedUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RelatedUrlVisitor)
    }
}

pub(crate) struct RelatedUrlVisitor;

impl Visitor<'_> for RelatedUrlVisitor {
    type Value = RelatedUrl;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an absolute http(s) URL or `\"\"`")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<RelatedUrl, E> {
        if text.is_empty() {
            return Ok(RelatedUrl::Empty);
        }
        HttpUrl::parse(text)
            .map(RelatedUrl::Url)
            .map_err(|err| crate::http_url::url_error(text, &err))
    }

    crate::wire::reject_null!();
}
