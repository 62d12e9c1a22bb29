//! Building a record in code, as a program that writes records from a news API does: the
//! required keys checked at [`RecordBuilder::build`], every value already of its type.

use chrono::{DateTime, FixedOffset};

use crate::model::{
    Heat, HttpUrl, Image, Logo, Provider, Record, RecordType, Related, RelatedUrl, Secured,
    UnknownKeys,
};
use crate::report::error::Error;
use crate::report::{Code, FieldPath};

/// A [`Record`] being built, as a program that writes records does: [`Record::builder`], a
/// setter for each key, then [`RecordBuilder::build`], which says which required keys are
/// missing. Every value is
/// already of its type ([`HttpUrl`], [`Secured`], a `DateTime`), so a record built is one the
/// strict reader would read back; the format's rules across keys (a `webUrl` for an article,
/// the AMP cache URL) are [`ValidateOptions::validate`](crate::ValidateOptions::validate)'s.
///
/// ```
/// use newsmatter::chrono::DateTime;
/// use newsmatter::{Document, HttpUrl, Provider, Record, RecordType, Secured};
///
/// let record = Record::builder()
///     .category("news")
///     .title("Harbor city opens a floating solar farm")
///     .excerpt("The array will power about 3,000 homes.")
///     .published_date_time(DateTime::parse_from_rfc3339("2023-06-14T08:15:00Z").unwrap())
///     .web_url(HttpUrl::parse("https://www.example.com/energy/floating-solar")?)
///     .record_type(RecordType::Article)
///     .provider(Provider::new("Example Daily", "example.com"))
///     .topics(["Solar Power"])
///     .secured(Secured::new("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==")?)
///     .build()?;
///
/// // Rendered in the record format, and read back the same.
/// let text = record.to_string();
/// assert!(text.starts_with("---\ncategory: news\ntitle: \"Harbor city opens a floating solar farm\"\n"));
/// assert_eq!(text.parse::<Document>()?.record, record);
///
/// // The same record as an API response carries it: JSON, read back as strictly.
/// let json = serde_json::to_string(&record)?;
/// assert!(json.starts_with(r#"{"category":"news","title":"Harbor city opens a floating solar farm","#));
/// assert_eq!(serde_json::from_str::<Record>(&json)?, record);
///
/// // A required key left out is said at `build`, with every other one missing.
/// let err = Record::builder().category("news").build().unwrap_err();
/// assert_eq!(err.path().to_string(), "title");
/// assert_eq!(
///     err.message(),
///     "missing `title`, `excerpt`, `publishedDateTime`, `type`, `provider`, `secured`"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct RecordBuilder {
    category: Option<String>,
    title: Option<String>,
    excerpt: Option<String>,
    published_date_time: Option<DateTime<FixedOffset>>,
    original_url: Option<HttpUrl>,
    web_url: Option<HttpUrl>,
    amp_web_url: Option<HttpUrl>,
    cdn_amp_web_url: Option<HttpUrl>,
    record_type: Option<RecordType>,
    quality: Option<u32>,
    heat: Option<Heat>,
    published: Option<bool>,
    featured_content: Option<String>,
    provider: Option<Provider>,
    topics: Vec<String>,
    images: Option<Vec<Image>>,
    related: Option<Vec<Related>>,
    secured: Option<Secured>,
    removed: Option<bool>,
}

impl Record {
    /// A [`RecordBuilder`] with nothing set (and no topics).
    pub fn builder() -> RecordBuilder {
        RecordBuilder::default()
    }
}

/// A setter for each key: `$field` takes `$ty` (anything `Into` it).
macro_rules! setters {
    ($($(#[$doc:meta])* $field:ident: $ty:ty,)*) => {$(
        $(#[$doc])*
        pub fn $field(mut self, value: impl Into<$ty>) -> Self {
            self.$field = Some(value.into());
            self
        }
    )*};
}

impl RecordBuilder {
    setters! {
        /// `category` (required).
        category: String,
        /// `title` (required).
        title: String,
        /// `excerpt` (required; may be empty).
        excerpt: String,
        /// `publishedDateTime` (required).
        published_date_time: DateTime<FixedOffset>,
        /// `originalUrl`.
        original_url: HttpUrl,
        /// `webUrl` (an article needs one, a video has none).
        web_url: HttpUrl,
        /// `ampWebUrl`.
        amp_web_url: HttpUrl,
        /// `cdnAmpWebUrl`: the AMP cache URL of `ampWebUrl`
        /// ([`amp_cache_url`](crate::check::amp_cache_url) makes it).
        cdn_amp_web_url: HttpUrl,
        /// `type` (required).
        record_type: RecordType,
        /// `quality` (with `heat` and `published`, or none of the three).
        quality: u32,
        /// `heat`.
        heat: Heat,
        /// `published`.
        published: bool,
        /// `featuredContent`.
        featured_content: String,
        /// `provider` (required).
        provider: Provider,
        /// `images`.
        images: Vec<Image>,
        /// `related` ([`Related::from`] a record makes its entry).
        related: Vec<Related>,
        /// `secured` (required).
        secured: Secured,
        /// `removed`.
        removed: bool,
    }

    /// `topics` (none unless set).
    pub fn topics<T: Into<String>>(mut self, topics: impl IntoIterator<Item = T>) -> Self {
        self.topics = topics.into_iter().map(Into::into).collect();
        self
    }

    /// The record.
    ///
    /// # Errors
    ///
    /// A `missing-key` [`Error`] at the first required key not set, naming every one.
    pub fn build(self) -> Result<Record, Error> {
        let (
            Some(category),
            Some(title),
            Some(excerpt),
            Some(published_date_time),
            Some(record_type),
            Some(provider),
            Some(secured),
        ) = (
            &self.category,
            &self.title,
            &self.excerpt,
            &self.published_date_time,
            &self.record_type,
            &self.provider,
            &self.secured,
        )
        else {
            return Err(self.missing());
        };
        Ok(Record {
            category: category.clone(),
            title: title.clone(),
            excerpt: excerpt.clone(),
            published_date_time: *published_date_time,
            original_url: self.original_url,
            web_url: self.web_url,
            amp_web_url: self.amp_web_url,
            cdn_amp_web_url: self.cdn_amp_web_url,
            record_type: *record_type,
            quality: self.quality,
            heat: self.heat,
            published: self.published,
            featured_content: self.featured_content,
            provider: provider.clone(),
            topics: self.topics,
            images: self.images,
            related: self.related,
            secured: secured.clone(),
            removed: self.removed,
            unknown: UnknownKeys::default(),
        })
    }

    /// The `missing-key` error of a builder some required key is not set in.
    fn missing(&self) -> Error {
        let missing: Vec<&str> = [
            ("category", self.category.is_none()),
            ("title", self.title.is_none()),
            ("excerpt", self.excerpt.is_none()),
            ("publishedDateTime", self.published_date_time.is_none()),
            ("type", self.record_type.is_none()),
            ("provider", self.provider.is_none()),
            ("secured", self.secured.is_none()),
        ]
        .into_iter()
        .filter_map(|(key, missing)| missing.then_some(key))
        .collect();
        let named: Vec<String> = missing.iter().map(|key| format!("`{key}`")).collect();
        let first = missing.first().copied().unwrap_or_default();
        Error::new(Code::MissingKey, format!("missing {}", named.join(", ")))
            .with_path(FieldPath::root().key(first))
    }
}

impl Provider {
    /// A provider with its `name` and `domain`, and no logo.
    pub fn new(name: impl Into<String>, domain: impl Into<String>) -> Self {
        Provider {
            name: name.into(),
            domain: domain.into(),
            images: None,
            unknown: UnknownKeys::default(),
        }
    }
}

impl Image {
    /// An image with its `url`, `width` and `height`, and neither `isCached` nor `title`.
    pub fn new(url: HttpUrl, width: u32, height: u32) -> Self {
        Image {
            url,
            width,
            height,
            is_cached: None,
            title: None,
            unknown: UnknownKeys::default(),
        }
    }
}

impl Logo {
    /// A provider's logo.
    pub fn new(url: HttpUrl, width: u32, height: u32) -> Self {
        Logo {
            url,
            width,
            height,
            unknown: UnknownKeys::default(),
        }
    }
}

impl Related {
    /// An entry with its required keys, and neither AMP URLs nor images: for an article that
    /// is no record at hand (for one that is, [`Related::from`] copies it). A related video
    /// has [`RelatedUrl::Empty`] for `webUrl`.
    ///
    /// ```
    /// use newsmatter::chrono::DateTime;
    /// use newsmatter::{HttpUrl, Provider, RecordType, Related, RelatedUrl};
    ///
    /// let mut entry = Related::new(
    ///     "Offshore wind farm approved",
    ///     "",
    ///     DateTime::parse_from_rfc3339("2023-06-12T10:00:00+02:00").unwrap(),
    ///     RelatedUrl::Url(HttpUrl::parse("https://news.example.org/wind")?),
    ///     RecordType::Article,
    ///     Provider::new("Example Org", "example.org"),
    ///     40,
    /// );
    /// entry.amp_web_url = Some(HttpUrl::parse("https://news.example.org/amp/wind")?);
    /// assert_eq!(entry.web_url.as_url().map(|url| url.as_str()), Some("https://news.example.org/wind"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        title: impl Into<String>,
        excerpt: impl Into<String>,
        published_date_time: DateTime<FixedOffset>,
        web_url: RelatedUrl,
        record_type: RecordType,
        provider: Provider,
        quality: u32,
    ) -> Self {
        Related {
            title: title.into(),
            excerpt: excerpt.into(),
            published_date_time,
            web_url,
            amp_web_url: None,
            cdn_amp_web_url: None,
            record_type,
            provider,
            quality,
            images: None,
            unknown: UnknownKeys::default(),
        }
    }
}
