//! `Code` and `Severity`: the stable names of every problem the crate reports.

use std::str::FromStr;

use crate::report::names::{closest, stable_names};

stable_names! {
    /// How bad a diagnostic is. Serializes as its [`Severity::as_str`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    #[non_exhaustive]
    pub enum Severity;
    /// The record breaks the format but can still be read.
    Warning = "warning";
    /// The record is not valid.
    Error = "error";
}

stable_names! {
    /// The stable code of a problem: every [`Error`](crate::Error) and every
    /// [`Diagnostic`](crate::report::Diagnostic) has one, set where the problem is found. The
    /// crate docs list them all in a table, in the order of [`Code::ALL`]; it serializes as
    /// its [`Code::as_str`], the kebab-case code: `amp-cache-mismatch`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    #[non_exhaustive]
    pub enum Code;
    /// The severity a diagnostic with this code has, unless warnings are denied.
    fn severity -> Severity;
    /// The file could not be read.
    Io = "io", Error;
    /// The file is over the size limit.
    TooLarge = "too-large", Error;
    /// The file is not UTF-8.
    InvalidUtf8 = "invalid-utf8", Error;
    /// No `---` first line.
    MissingOpeningDelimiter = "missing-opening-delimiter", Error;
    /// No line closes the front matter.
    MissingClosingDelimiter = "missing-closing-delimiter", Error;
    /// The front matter is not well-formed YAML.
    YamlSyntax = "yaml-syntax", Error;
    /// The front matter is not a mapping.
    NotAMapping = "not-a-mapping", Error;
    /// A key the format does not define (an error when strict, a warning when lenient).
    UnknownKey = "unknown-key", Error;
    /// A key twice in one mapping.
    DuplicateKey = "duplicate-key", Error;
    /// A required key is absent.
    MissingKey = "missing-key", Error;
    /// A value of the wrong YAML type, `null` included.
    InvalidType = "invalid-type", Error;
    /// A value that breaks its type's rule (an integer out of range, an unknown `type`).
    InvalidValue = "invalid-value", Error;
    /// `publishedDateTime` is not an RFC 3339 date-time with an offset.
    DateFormat = "date-format", Error;
    /// A URL that is not absolute (relative, or without a host).
    UrlInvalid = "url-invalid", Error;
    /// A URL whose scheme is not `http` or `https` (`javascript:`, `ftp:`).
    UrlScheme = "url-scheme", Error;
    /// A URL with a user name or password.
    UrlCredentials = "url-credentials", Error;
    /// `secured` is not `<base64>;<base64>` with a 16-byte IV and whole 16-byte blocks.
    SecuredEnvelope = "secured-envelope", Error;
    /// The YAML nests or expands beyond the parser's limits.
    LimitExceeded = "limit-exceeded", Error;
    /// An article (or related article) without a `webUrl`.
    WebUrlMissing = "web-url-missing", Error;
    /// A video with a `webUrl` (videos have none; related videos have `""`).
    WebUrlOnVideo = "web-url-on-video", Warning;
    /// `cdnAmpWebUrl` is not the AMP cache URL of `ampWebUrl`.
    AmpCacheMismatch = "amp-cache-mismatch", Error;
    /// `cdnAmpWebUrl` without `ampWebUrl`.
    AmpCacheWithoutAmp = "amp-cache-without-amp", Error;
    /// `heat: -1` (not ranked) on a `published: true` record.
    HeatUnrankedPublished = "heat-unranked-published", Warning;
    /// Only some of `quality`, `heat` and `published` are present.
    ScoresPartial = "scores-partial", Warning;
    /// `category` is empty.
    CategoryEmpty = "category-empty", Error;
    /// A title is empty after trimming.
    TitleEmpty = "title-empty", Error;
    /// A control character in a title, or in an excerpt (but tab, line feed, carriage return).
    ControlCharacter = "control-character", Error;
    /// A bidirectional control character (U+202A–U+202E, U+2066–U+2069) in text or a URL,
    /// as the Trojan Source attacks use.
    BidiControl = "bidi-control", Warning;
    /// An HTML entity left in text or a URL (`&amp;#39;`, `&#8217;`).
    HtmlEntity = "html-entity", Warning;
    /// UTF-8 read as Windows-1252 in text or a URL (`â€“` for `–`).
    Mojibake = "mojibake", Warning;
    /// An image or logo with a width or height of 0.
    ImageSize = "image-size", Error;
    /// A provider's `name` is empty.
    ProviderNameEmpty = "provider-name-empty", Error;
    /// A provider's `domain` is not a bare lower-case host name.
    ProviderDomain = "provider-domain", Error;
    /// The `webUrl` host is neither the provider's domain nor a subdomain of it.
    ProviderHostMismatch = "provider-host-mismatch", Warning;
    /// An empty topic.
    TopicEmpty = "topic-empty", Error;
    /// A topic repeated (ignoring case).
    TopicRepeated = "topic-repeated", Warning;
    /// A related entry citing the record itself.
    RelatedSelf = "related-self", Error;
    /// Two related entries for the same article.
    RelatedDuplicate = "related-duplicate", Warning;
    /// A `publishedDateTime` after the reference time.
    DateInFuture = "date-in-future", Warning;
    /// The same article in several files of a corpus.
    DuplicateArticle = "duplicate-article", Warning;
    /// A related entry whose copy of a corpus record disagrees with the record.
    RelatedCopyMismatch = "related-copy-mismatch", Warning;
    /// A `# newsmatter: allow(…)` comment that suppresses nothing: no such diagnostic on its
    /// line, a code that does not exist, or one that cannot be allowed there.
    UnusedSuppression = "unused-suppression", Warning;
}

impl Code {
    /// Whether the code is a check of a record that was read (`web-url-missing` and every
    /// code after it): the codes whose level configuration may change, and that a
    /// `# newsmatter: allow(…)` comment may suppress. The others say the file could not be
    /// read as a record, which no level makes it.
    ///
    /// ```
    /// use newsmatter::report::Code;
    ///
    /// assert!(Code::TopicRepeated.is_adjustable());
    /// assert!(!Code::YamlSyntax.is_adjustable());
    /// ```
    pub fn is_adjustable(self) -> bool {
        self >= Code::WebUrlMissing
    }

    /// Whether the code compares records with each other (`duplicate-article`,
    /// `related-copy-mismatch`): a check of a corpus, not of a file alone.
    pub fn is_across_records(self) -> bool {
        matches!(self, Code::DuplicateArticle | Code::RelatedCopyMismatch)
    }
}

/// A name that is not a [`Code`], and the code it likely meant (within a third of its
/// letters), when one is that close: what parsing a code's name gives.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not a code{}", match .meant {
    Some(meant) => format!(": did you mean `{meant}`?"),
    None => " (`newsmatter rules` lists them)".to_owned(),
})]
pub struct UnknownCode {
    name: String,
    meant: Option<Code>,
}

impl UnknownCode {
    /// The code it likely meant.
    pub fn meant(&self) -> Option<Code> {
        self.meant
    }
}

impl FromStr for Code {
    type Err = UnknownCode;

    /// The code named `name` (its [`Code::as_str`]).
    ///
    /// ```
    /// use newsmatter::report::Code;
    ///
    /// assert_eq!("topic-repeated".parse(), Ok(Code::TopicRepeated));
    /// let err = "topic-repeatd".parse::<Code>().unwrap_err();
    /// assert_eq!(err.to_string(), "`topic-repeatd` is not a code: did you mean `topic-repeated`?");
    /// ```
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        if let Some(code) = Code::ALL.iter().find(|code| code.as_str() == name) {
            return Ok(*code);
        }
        let names: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
        let meant = closest(name, &names).and_then(|meant| meant.parse().ok());
        Err(UnknownCode {
            name: name.chars().take(64).collect(),
            meant,
        })
    }
}
