//! `HttpUrl`: an absolute `http`/`https` URL that remembers how it was written.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::OnceLock;

use url::Url;

use crate::model::canonical_url::{canonical, Parts};
use crate::model::host;

/// An absolute `http` or `https` URL with a host and no user name or password, as every URL
/// of a record must be ([the record format](crate::record_format#the-record)).
///
/// The URL is read as the [`url`] crate reads it; the text as written in the record is kept,
/// so that rendering gives back exactly what was read (the `url` crate would percent-encode
/// `pokémon` to `pok%C3%A9mon`, for one). Equality compares the text as written.
///
/// Its parts ([`host_str`](HttpUrl::host_str), [`path`](HttpUrl::path) and the rest) are the
/// parsed URL's. Most URLs of records are already written as the url crate writes them:
/// those are recognised in one pass over their bytes, their parts read from the text, and the
/// [`Url`] itself built only when [`as_url`](HttpUrl::as_url) asks for it; the others are
/// parsed by the url crate at once.
///
/// ```
/// use newsmatter::HttpUrl;
///
/// let url: HttpUrl = "https://www.msn.com/en-ae/pokémon-style/ar-AA19heov".parse()?;
/// assert_eq!(url.as_str(), "https://www.msn.com/en-ae/pokémon-style/ar-AA19heov");
/// assert_eq!(url.as_url().path(), "/en-ae/pok%C3%A9mon-style/ar-AA19heov");
/// assert_eq!(url.as_url().host_str(), Some("www.msn.com"));
/// assert_eq!(url.host_str(), "www.msn.com");
/// assert_eq!(url.path(), "/en-ae/pok%C3%A9mon-style/ar-AA19heov");
///
/// assert!("javascript:alert(1)".parse::<HttpUrl>().is_err());
/// assert!("/relative/path".parse::<HttpUrl>().is_err());
/// assert!("https://user:pw@example.com/".parse::<HttpUrl>().is_err());
/// # Ok::<(), newsmatter::UrlError>(())
/// ```
#[derive(Clone)]
pub struct HttpUrl {
    /// The text as written.
    text: Box<str>,
    parsed: Parsed,
}

/// What is known of an [`HttpUrl`]'s text beyond that it is one.
#[derive(Clone)]
enum Parsed {
    /// Already as the url crate writes it ([`canonical`]): its parts lie at these offsets, and
    /// the `Url` is built the first time it is asked for.
    Canonical {
        parts: Parts,
        url: OnceLock<Box<Url>>,
    },
    /// Parsed by the url crate.
    General(Box<Url>),
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
        if let Some(parts) = canonical(text) {
            return Ok(HttpUrl {
                text: text.into(),
                parsed: Parsed::Canonical {
                    parts,
                    url: OnceLock::new(),
                },
            });
        }
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
        Ok(HttpUrl {
            text: text.into(),
            parsed: Parsed::General(Box::new(url)),
        })
    }

    /// The URL as written in the record.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The parsed URL (normalised by the `url` crate), built on the first call when the text
    /// was already as the url crate writes it.
    pub fn as_url(&self) -> &Url {
        match &self.parsed {
            Parsed::Canonical { url, .. } => url.get_or_init(|| {
                // `canonical` took only what the url crate parses back to the same text: the
                // differential tests hold it to that.
                Box::new(
                    Url::parse(&self.text)
                        .unwrap_or_else(|_| unreachable!("a canonical URL parses")),
                )
            }),
            Parsed::General(url) => url,
        }
    }

    /// The URL's [`ArticleKey`](crate::ArticleKey) as a piece of its text, where it is one
    /// (most URLs, written as the url crate writes them): what a lookup by key reads without
    /// writing the key out.
    pub(crate) fn key_in_text(&self) -> Option<&str> {
        match &self.parsed {
            Parsed::Canonical { parts, .. } => parts.key(&self.text),
            Parsed::General(_) => None,
        }
    }

    /// Whether the scheme is `https`.
    pub fn is_https(&self) -> bool {
        self.scheme() == "https"
    }

    /// The scheme, `http` or `https`, in lower case.
    pub fn scheme(&self) -> &str {
        match &self.parsed {
            Parsed::Canonical { parts, .. } => parts.scheme(),
            Parsed::General(url) => url.scheme(),
        }
    }

    /// The host as the url crate writes it: a lower-case domain (punycode for an
    /// internationalised one), an IPv4 address, or an IPv6 address in brackets.
    ///
    /// ```
    /// use newsmatter::HttpUrl;
    ///
    /// assert_eq!(HttpUrl::parse("https://News.Example.com/a")?.host_str(), "news.example.com");
    /// assert_eq!(HttpUrl::parse("https://bücher.de/")?.host_str(), "xn--bcher-kva.de");
    /// assert_eq!(HttpUrl::parse("http://[::1]:8080/")?.host_str(), "[::1]");
    /// # Ok::<(), newsmatter::UrlError>(())
    /// ```
    pub fn host_str(&self) -> &str {
        match &self.parsed {
            Parsed::Canonical { parts, .. } => parts.host(&self.text),
            // An `http(s)` URL always has a host (the url crate refuses it otherwise).
            Parsed::General(url) => url.host_str().unwrap_or_default(),
        }
    }

    /// The port, unless it is the scheme's default (80 for `http`, 443 for `https`).
    pub fn port(&self) -> Option<u16> {
        match &self.parsed {
            Parsed::Canonical { parts, .. } => parts.port(),
            Parsed::General(url) => url.port(),
        }
    }

    /// The path, percent-encoded and with its dot segments resolved, from its first `/`.
    pub fn path(&self) -> &str {
        match &self.parsed {
            Parsed::Canonical { parts, .. } => parts.path(&self.text),
            Parsed::General(url) => url.path(),
        }
    }

    /// The query, without its `?`.
    pub fn query(&self) -> Option<&str> {
        match &self.parsed {
            Parsed::Canonical { parts, .. } => parts.query(&self.text),
            Parsed::General(url) => url.query(),
        }
    }

    /// The fragment, without its `#`.
    pub fn fragment(&self) -> Option<&str> {
        match &self.parsed {
            Parsed::Canonical { parts, .. } => parts.fragment(&self.text),
            Parsed::General(url) => url.fragment(),
        }
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
        self.as_url()
    }
}

impl PartialEq for HttpUrl {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for HttpUrl {}

impl Hash for HttpUrl {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
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
