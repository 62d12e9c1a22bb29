//! `HttpUrl`: an absolute `http`/`https` URL that remembers how it was written.

use std::fmt;
use std::str::FromStr;

use url::Url;

use crate::model::host;

/// An absolute `http` or `https` URL with a host and no user name or password, as every URL
/// of a record must be ([the record format](crate::record_format#the-record)).
///
/// The URL is parsed with the [`url`] crate; the text as written in the record is kept too, so
/// that rendering gives back exactly what was read (the `url` crate would percent-encode
/// `pokémon` to `pok%C3%A9mon`, for one). Equality compares the text as written.
///
/// ```
/// use newsmatter::HttpUrl;
///
/// let url: HttpUrl = "https://www.msn.com/en-ae/pokémon-style/ar-AA19heov".parse()?;
/// assert_eq!(url.as_str(), "https://www.msn.com/en-ae/pokémon-style/ar-AA19heov");
/// assert_eq!(url.as_url().path(), "/en-ae/pok%C3%A9mon-style/ar-AA19heov");
/// assert_eq!(url.as_url().host_str(), Some("www.msn.com"));
///
/// assert!("javascript:alert(1)".parse::<HttpUrl>().is_err());
/// assert!("/relative/path".parse::<HttpUrl>().is_err());
/// assert!("https://user:pw@example.com/".parse::<HttpUrl>().is_err());
/// # Ok::<(), newsmatter::UrlError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HttpUrl {
    url: Url,
    /// The text as written, when it differs from `url.as_str()`.
    written: Option<Box<str>>,
}

/// Why a string is not an [`HttpUrl`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UrlError {
    /// The string is empty.
    #[error("expected an absolute http(s) URL, found an empty string")]
    Empty,
    /// The `url` crate cannot parse it as an absolute URL (a relative URL, a bad host).
    #[error("expected an absolute http(s) URL, found `{0}`")]
    Invalid(String),
    /// The scheme is neither `http` nor `https` (`javascript:`, `ftp:`, `mailto:`).
    #[error("expected an http or https URL, found scheme `{0}`")]
    Scheme(String),
    /// The URL carries a user name or password.
    #[error("URL must not carry a user name or password")]
    Credentials,
}

impl HttpUrl {
    /// Parses and checks an absolute `http`/`https` URL.
    ///
    /// # Errors
    ///
    /// [`UrlError::Empty`] for `""`, [`UrlError::Invalid`] for `/path`, `https://` or a host
    /// with an empty label (`https://a..b/`),
    /// [`UrlError::Scheme`] for `ftp://host/`, [`UrlError::Credentials`] for
    /// `https://me:secret@host/`.
    pub fn parse(text: &str) -> Result<Self, UrlError> {
        if text.is_empty() {
            return Err(UrlError::Empty);
        }
        let url = Url::parse(text).map_err(|_| UrlError::Invalid(text.to_owned()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(UrlError::Scheme(url.scheme().to_owned()));
        }
        // `http` and `https` are special schemes: the url crate refuses them without a host.
        // It does take a host of dots alone (`http:/%2E%2E/`), which names nothing.
        if let Some(url::Host::Domain(domain)) = url.host() {
            if host::has_empty_label(domain) {
                return Err(UrlError::Invalid(text.to_owned()));
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(UrlError::Credentials);
        }
        let written = (url.as_str() != text).then(|| text.into());
        Ok(HttpUrl { url, written })
    }

    /// The URL as written in the record.
    pub fn as_str(&self) -> &str {
        self.written.as_deref().unwrap_or(self.url.as_str())
    }

    /// The parsed URL (normalised by the `url` crate).
    pub fn as_url(&self) -> &Url {
        &self.url
    }

    /// Whether the scheme is `https`.
    pub fn is_https(&self) -> bool {
        self.url.scheme() == "https"
    }
}

impl FromStr for HttpUrl {
    type Err = UrlError;

    fn from_str(text: &str) -> Result<Self, UrlError> {
        HttpUrl::parse(text)
    }
}

impl TryFrom<Url> for HttpUrl {
    type Error = UrlError;

    fn try_from(url: Url) -> Result<Self, UrlError> {
        HttpUrl::parse(url.as_str())
    }
}

impl AsRef<Url> for HttpUrl {
    fn as_ref(&self) -> &Url {
        &self.url
    }
}

impl AsRef<str> for HttpUrl {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HttpUrl({:?})", self.as_str())
    }
}
