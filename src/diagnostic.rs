//! `Diagnostic` and `Report`: what validation (and a failed parse) has to say about a record.

use std::fmt;

use crate::error::{Error, ErrorKind, FieldPath};
use crate::http_url::{EXPECTED_ABSOLUTE, EXPECTED_NO_CREDENTIALS, EXPECTED_SCHEME};
use crate::parse::Warning;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The record breaks the format but can still be read.
    Warning,
    /// The record is not valid.
    Error,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal, $severity:ident;)*) => {
        /// The stable code of a diagnostic; the crate docs list them all in a table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of the crate docs' table.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The kebab-case code: `amp-cache-mismatch`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// The severity a diagnostic with this code has, unless warnings are denied.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

codes! {
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
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with a record: a severity, a stable [`Code`], the field path, a message, and
/// (for a record parsed from text) the 1-based line and column of the offending value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    severity: Severity,
    code: Code,
    path: FieldPath,
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

impl Diagnostic {
    /// A diagnostic with the code's own severity and no position.
    pub fn new(code: Code, path: FieldPath, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            path,
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// This diagnostic at a 1-based line and column of the file.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// This diagnostic with another severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The stable code.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The field path of the offending value; empty for the whole document.
    pub fn path(&self) -> &FieldPath {
        &self.path
    }

    /// What is wrong, in the standard library's style.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The 1-based line in the file, for a record parsed from text.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The 1-based column in the file, for a record parsed from text.
    pub fn column(&self) -> Option<usize> {
        self.column
    }
}

/// `path: message`, or the message alone for the whole document.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_root() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl From<&Error> for Diagnostic {
    /// A parse error as a diagnostic of the same shape: same path, message and position.
    fn from(err: &Error) -> Self {
        let mut diagnostic = Diagnostic::new(parse_code(err), err.path().clone(), err.message());
        diagnostic.line = err.line();
        diagnostic.column = err.column();
        diagnostic
    }
}

impl From<&Warning> for Diagnostic {
    /// An unknown key kept by lenient parsing, as an `unknown-key` warning.
    fn from(warning: &Warning) -> Self {
        let mut diagnostic =
            Diagnostic::new(Code::UnknownKey, warning.path().clone(), warning.message())
                .with_severity(Severity::Warning);
        diagnostic.line = warning.line();
        diagnostic.column = warning.column();
        diagnostic
    }
}

fn parse_code(err: &Error) -> Code {
    let last_key = err
        .path()
        .segments()
        .last()
        .and_then(|segment| match segment {
            crate::Segment::Key(key) => Some(key.as_ref()),
            crate::Segment::Index(_) => None,
        });
    match err.kind() {
        ErrorKind::Io => Code::Io,
        ErrorKind::TooLarge => Code::TooLarge,
        ErrorKind::InvalidUtf8 => Code::InvalidUtf8,
        ErrorKind::MissingOpeningDelimiter => Code::MissingOpeningDelimiter,
        ErrorKind::MissingClosingDelimiter => Code::MissingClosingDelimiter,
        ErrorKind::Syntax => Code::YamlSyntax,
        ErrorKind::NotAMapping => Code::NotAMapping,
        ErrorKind::UnknownKey => Code::UnknownKey,
        ErrorKind::DuplicateKey => Code::DuplicateKey,
        ErrorKind::MissingKey => Code::MissingKey,
        ErrorKind::InvalidType => Code::InvalidType,
        ErrorKind::LimitExceeded => Code::LimitExceeded,
        ErrorKind::InvalidValue => {
            let message = err.message();
            if message.ends_with(EXPECTED_SCHEME) {
                Code::UrlScheme
            } else if message.ends_with(EXPECTED_NO_CREDENTIALS) {
                Code::UrlCredentials
            } else if message.ends_with(EXPECTED_ABSOLUTE) {
                Code::UrlInvalid
            } else if last_key == Some("secured") {
                Code::SecuredEnvelope
            } else if last_key == Some("publishedDateTime") {
                Code::DateFormat
            } else {
                Code::InvalidValue
            }
        }
    }
}

/// Every diagnostic of a record, in a stable order: by position in the file when the record
/// was parsed from text, then by code and path.
///
/// Its `Display` writes one `path: message` per line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub(crate) fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by(|a, b| {
            (a.line, a.column, a.code, a.path.to_string()).cmp(&(
                b.line,
                b.column,
                b.code,
                b.path.to_string(),
            ))
        });
        Report { diagnostics }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// How many diagnostics are errors.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many diagnostics are warnings.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// How many diagnostics there are.
    pub fn len(&self) -> usize {
        self.diagnostics.len()
    }

    /// The diagnostics, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.diagnostics.iter()
    }

    /// The diagnostics as a slice.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl IntoIterator for Report {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.diagnostics.into_iter()
    }
}

impl<'a> IntoIterator for &'a Report {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.diagnostics.iter()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.diagnostics {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}
