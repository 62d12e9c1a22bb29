//! The baseline: the record as a plain derived serde model with `Url` and `DateTime` fields,
//! what a user of serde_yaml would write first. It checks URL syntax and dates as ours does,
//! but not YAML types (`"54"` for a number is an error, `123` for a string is too, yet `null`
//! reads as an absent optional), not the `secured` envelope, and not the producer's other rules.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer};
use url::Url;

/// The front matter of one record.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
pub struct PlainRecord {
    category: String,
    title: String,
    excerpt: String,
    published_date_time: DateTime<FixedOffset>,
    original_url: Option<Url>,
    web_url: Option<Url>,
    amp_web_url: Option<Url>,
    cdn_amp_web_url: Option<Url>,
    #[serde(rename = "type")]
    record_type: PlainType,
    quality: Option<u32>,
    heat: Option<i64>,
    published: Option<bool>,
    featured_content: Option<String>,
    provider: PlainProvider,
    topics: Vec<String>,
    images: Option<Vec<PlainImage>>,
    related: Option<Vec<PlainRelated>>,
    secured: String,
    removed: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum PlainType {
    Article,
    Video,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlainProvider {
    name: String,
    domain: String,
    images: Option<Vec<PlainImage>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct PlainImage {
    url: Url,
    width: u32,
    height: u32,
    is_cached: Option<bool>,
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct PlainRelated {
    title: String,
    excerpt: String,
    published_date_time: DateTime<FixedOffset>,
    /// `""` for a related video: no page.
    #[serde(deserialize_with = "url_or_empty")]
    web_url: Option<Url>,
    amp_web_url: Option<Url>,
    cdn_amp_web_url: Option<Url>,
    #[serde(rename = "type")]
    record_type: PlainType,
    provider: PlainProvider,
    quality: u32,
    images: Option<Vec<PlainImage>>,
}

fn url_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Url>, D::Error> {
    let text = String::deserialize(d)?;
    if text.is_empty() {
        return Ok(None);
    }
    Url::parse(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}
