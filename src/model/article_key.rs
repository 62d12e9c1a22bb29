//! `ArticleKey`: the canonical identity of an article, from one of its URLs.

use std::borrow::Borrow;
use std::fmt::{self, Write as _};

use url::Url;

use crate::model::HttpUrl;

/// The canonical identity of an article: two URLs with the same key name the same article.
///
/// Made from a URL (parsed by the [`url`] crate, which already lower-cases the scheme and
/// host, encodes internationalised hosts as punycode, drops default ports and normalises
/// percent-encoding), by dropping in addition:
///
/// - the scheme: `http` and `https` name the same page;
/// - the fragment: `#top` names a place in the page, not another page;
/// - a trailing `/` of the path: `…/news/` and `…/news` are the same page.
///
/// Nothing else is dropped. The query stays: it tells apart pages on some sites and AMP
/// variants on others (`?amp`, `?outputType=amp`), and a record is known by its AMP URLs
/// anyway (see the graph). Neither `www.` nor tracking parameters are stripped: in the real
/// sample (`../shared/realdata`), every related entry that cites a record of the corpus cites
/// one of its URLs exactly, so no rule beyond the three above has a real case to justify it.
///
/// Related videos have no URL (`webUrl: ""`); [`ArticleKey::video`] identifies them by
/// provider name and title.
///
/// ```
/// use newsmatter::ArticleKey;
/// use url::Url;
///
/// let a = ArticleKey::from_url(&Url::parse("https://WWW.Example.com:443/news/story/#top")?);
/// let b = ArticleKey::from_url(&Url::parse("http://www.example.com/news/story")?);
/// assert_eq!(a, b);
/// assert_eq!(a.as_str(), "www.example.com/news/story");
/// # Ok::<(), url::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleKey(Box<str>);

impl ArticleKey {
    /// The key of the article at `url`.
    pub fn from_url(url: &Url) -> Self {
        let mut key = String::with_capacity(url.as_str().len());
        ArticleKey::write_url(url, &mut key);
        ArticleKey(key.into())
    }

    /// Writes the key of `url` into `out` (emptied first): for looking keys up without
    /// allocating one each time, since an `ArticleKey` borrows as its text.
    pub(crate) fn write_url(url: &Url, out: &mut String) {
        let host = url.host_str().unwrap_or_default();
        ArticleKey::write_parts(host, url.port(), url.path(), url.query(), out);
    }

    /// Writes the key of a URL of these parsed parts into `out` (emptied first).
    fn write_parts(
        host: &str,
        port: Option<u16>,
        path: &str,
        query: Option<&str>,
        out: &mut String,
    ) {
        out.clear();
        out.reserve(host.len() + 6 + path.len() + query.map_or(0, |query| 1 + query.len()));
        out.push_str(host);
        if let Some(port) = port {
            // Writing into a `String` cannot fail.
            let _ = write!(out, ":{port}");
        }
        out.push_str(path.trim_end_matches('/'));
        if let Some(query) = query {
            out.push('?');
            out.push_str(query);
        }
    }

    /// The key of the article at `url`: the same as [`ArticleKey::from_url`] of its
    /// [`HttpUrl::as_url`], without building the `Url`.
    ///
    /// ```
    /// use newsmatter::{ArticleKey, HttpUrl};
    ///
    /// let url = HttpUrl::parse("https://www.example.com/news/story/?amp#top")?;
    /// assert_eq!(ArticleKey::from_http_url(&url).as_str(), "www.example.com/news/story?amp");
    /// assert_eq!(ArticleKey::from_http_url(&url), ArticleKey::from_url(url.as_url()));
    /// # Ok::<(), newsmatter::UrlError>(())
    /// ```
    pub fn from_http_url(url: &HttpUrl) -> Self {
        Identity::Url(url).key()
    }

    /// The key of a video known only by its provider's name and its title.
    pub fn video(provider: &str, title: &str) -> Self {
        let mut key = String::new();
        ArticleKey::write_video(provider, title, &mut key);
        ArticleKey(key.into())
    }

    /// Writes the key of a video known by provider and title into `out` (emptied first).
    pub(crate) fn write_video(provider: &str, title: &str, out: &mut String) {
        out.clear();
        out.push_str("video:");
        out.push_str(provider);
        out.push(':');
        out.push_str(title);
    }

    /// A key as [`ArticleKey::write_url`] or [`ArticleKey::write_video`] wrote it.
    pub(crate) fn from_written(key: &str) -> Self {
        ArticleKey(key.into())
    }

    /// The key as text: `www.example.com/news/story`, or `video:<provider>:<title>`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One identity of an article before it is made an [`ArticleKey`]: a URL, or for a video
/// without one, its provider and title. What a record is known by
/// ([`Record::identities`](crate::Record)) and what a related entry cites
/// ([`Related::cited_identities`](crate::Related)) are listed once, in the model; the
/// related graph, the corpus index and the export all take them from there.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Identity<'a> {
    /// The article at a URL.
    Url(&'a HttpUrl),
    /// A video known by its provider's name and its title.
    Video { provider: &'a str, title: &'a str },
}

impl<'a> Identity<'a> {
    /// The identity's key.
    pub(crate) fn key(self) -> ArticleKey {
        let mut out = String::new();
        ArticleKey(self.key_text(&mut out).into())
    }

    /// The identity's key as text, to look it up without allocating: a piece of the URL as
    /// written where the key is one ([`HttpUrl::key_in_text`]), else written into `out`
    /// (emptied first).
    pub(crate) fn key_text<'k>(self, out: &'k mut String) -> &'k str
    where
        'a: 'k,
    {
        match self {
            Identity::Url(url) => match url.key_in_text() {
                Some(key) => key,
                None => {
                    ArticleKey::write_parts(
                        url.host_str(),
                        url.port(),
                        url.path(),
                        url.query(),
                        out,
                    );
                    out
                }
            },
            Identity::Video { provider, title } => {
                ArticleKey::write_video(provider, title, out);
                out
            }
        }
    }
}

/// An `ArticleKey` hashes and compares as its text, so maps keyed by it can be searched with
/// a `&str`.
impl Borrow<str> for ArticleKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(url: &str) -> String {
        ArticleKey::from_url(&Url::parse(url).unwrap()).to_string()
    }

    #[test]
    fn drops_scheme_fragment_trailing_slash_and_default_port() {
        assert_eq!(key("https://a.com/x/"), "a.com/x");
        assert_eq!(key("http://A.COM:80/x#y"), "a.com/x");
        assert_eq!(key("https://a.com:8443/x?b=1&a=2"), "a.com:8443/x?b=1&a=2");
        assert_eq!(key("https://a.com/"), "a.com");
        assert_eq!(key("https://a.com/x?amp"), "a.com/x?amp");
    }

    #[test]
    fn is_idempotent() {
        for url in [
            "https://a.com/x/",
            "https://bücher.de/ü?q#f",
            "https://a.com:8443/x",
        ] {
            let once = key(url);
            assert_eq!(key(&format!("https://{once}")), once);
        }
    }
}
