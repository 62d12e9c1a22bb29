//! The entry points: from text, bytes, a reader or a path, with options.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use crate::model::{Document, Image, Provider, Record, UnknownKeys};
use crate::read::locate::{locate, Target};
use crate::read::split::{split, utf8};
use crate::read::visitors::Mode;
use crate::read::{engine, limits};
use crate::report::{Code, Diagnostic, Error, FieldPath, Result, Severity};

/// The default [`ParseOptions::max_size`]: 1 MiB, 35 times the largest real record seen
/// (28 KiB, a record with 39 related entries).
pub const DEFAULT_MAX_SIZE: usize = 1 << 20;

/// How to parse: the size limit and strict or lenient handling of unknown keys.
///
/// ```
/// use newsmatter::{Code, ParseOptions, Severity};
///
/// let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?
///     .replace("category: news\n", "category: news\nlanguage: en\n");
/// // Strict, the default: an unknown key is an error.
/// assert!(ParseOptions::new().parse_str(&text).is_err());
/// // Lenient: it is kept, reported as a warning, and rendered again.
/// let parsed = ParseOptions::new().lenient(true).parse_str(&text)?;
/// let warning = &parsed.warnings[0];
/// assert_eq!((warning.code(), warning.severity()), (Code::UnknownKey, Severity::Warning));
/// assert_eq!(warning.path().to_string(), "language");
/// assert_eq!((warning.line(), warning.column()), (Some(3), Some(1)));
/// assert_eq!(warning.message(), "unknown field `language`, kept");
/// assert!(parsed.document.to_string().contains("\nlanguage: en\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    max_size: usize,
    lenient: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_size: DEFAULT_MAX_SIZE,
            lenient: false,
        }
    }
}

/// A parsed document and what lenient parsing had to say about it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Parsed {
    /// The document.
    pub document: Document,
    /// One `unknown-key` warning per unknown key kept (lenient mode), at the key, in the
    /// order of the file; empty in strict mode.
    pub warnings: Vec<Diagnostic>,
}

impl ParseOptions {
    /// Strict parsing with the default size limit.
    pub fn new() -> Self {
        ParseOptions::default()
    }

    /// The largest file, in bytes, that is parsed; larger input is an
    /// [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge) error, read no further than one byte past the limit.
    #[must_use]
    pub fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// Keep unknown keys (they survive rendering) and report them as `unknown-key` warnings
    /// instead of failing. For feeds that add keys before their consumers update. Off by
    /// default.
    #[must_use]
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }

    /// Parses the text of a record file.
    ///
    /// # Errors
    ///
    /// Any [`Error`] but [`ErrorKind::Io`](crate::ErrorKind::Io) and [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8); see
    /// [`Document::from_str`].
    pub fn parse_str(&self, text: &str) -> Result<Parsed> {
        self.parse_with_yaml(text).map(|(parsed, _)| parsed)
    }

    /// Parses `text`, and gives back the front matter's text (with its opening line) for
    /// locating values in it.
    pub(crate) fn parse_with_yaml<'t>(&self, text: &'t str) -> Result<(Parsed, &'t str)> {
        self.check_size(text.len())?;
        let parts = split(text)?;
        limits::check_flow_depth(parts.yaml)?;
        let mode = if self.lenient {
            Mode::Lenient
        } else {
            Mode::Strict
        };
        let record = engine::parse_record(parts.yaml, mode)?;
        // Only lenient parsing keeps unknown keys: a strict parse has none to look for.
        let unknown = if self.lenient {
            unknown_keys(&record)
        } else {
            Vec::new()
        };
        let mut warnings: Vec<Diagnostic> = unknown
            .into_iter()
            .map(|(path, key)| {
                let warning = Diagnostic::new(
                    Code::UnknownKey,
                    path.clone(),
                    format!("unknown field `{key}`, kept"),
                )
                .with_severity(Severity::Warning);
                match locate(parts.yaml, &path, Target::Key) {
                    Some((line, column)) => warning.at(line, column),
                    None => warning,
                }
            })
            .collect();
        warnings.sort_by_key(|warning| (warning.line(), warning.column()));
        let document = Document {
            record,
            body: parts.body.to_owned(),
        };
        Ok((Parsed { document, warnings }, parts.yaml))
    }

    /// Parses the bytes of a record file.
    ///
    /// # Errors
    ///
    /// As [`ParseOptions::parse_str`], and [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) at the first bad byte.
    pub fn parse_slice(&self, bytes: &[u8]) -> Result<Parsed> {
        self.check_size(bytes.len())?;
        self.parse_str(utf8(bytes)?)
    }

    /// Reads a record file from `reader`, no more than one byte past the size limit.
    ///
    /// # Errors
    ///
    /// As [`ParseOptions::parse_slice`], and [`ErrorKind::Io`](crate::ErrorKind::Io) when reading fails.
    pub fn parse_reader(&self, reader: impl Read) -> Result<Parsed> {
        self.parse_slice(&self.read(reader)?)
    }

    /// Reads all of `reader`, but no more than one byte past the size limit.
    pub(crate) fn read(&self, reader: impl Read) -> Result<Vec<u8>> {
        let limit = u64::try_from(self.max_size)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let mut bytes = Vec::new();
        reader
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(Error::io)?;
        Ok(bytes)
    }

    /// Reads and parses the record file at `path`. Every error names the file.
    ///
    /// # Errors
    ///
    /// As [`ParseOptions::parse_reader`].
    pub fn parse_path(&self, path: impl AsRef<Path>) -> Result<Parsed> {
        let path = path.as_ref();
        File::open(path)
            .map_err(Error::io)
            .and_then(|file| self.parse_reader(file))
            .map_err(|err| err.in_file(path))
    }

    fn check_size(&self, size: usize) -> Result<()> {
        if size > self.max_size {
            return Err(Error::new(
                Code::TooLarge,
                format!(
                    "the file is larger than the limit of {} bytes",
                    self.max_size
                ),
            ));
        }
        Ok(())
    }
}

/// The paths of every unknown key kept in a record, with the key, in document order.
fn unknown_keys(record: &Record) -> Vec<(FieldPath, &str)> {
    type Found<'r> = Vec<(FieldPath, &'r str)>;
    fn keys<'r>(out: &mut Found<'r>, at: &FieldPath, unknown: &'r UnknownKeys) {
        out.extend(
            unknown
                .iter()
                .map(|(key, _)| (at.clone().key(key.to_owned()), key)),
        );
    }
    fn images<'r>(out: &mut Found<'r>, at: FieldPath, images: &'r Option<Vec<Image>>) {
        for (i, image) in images.iter().flatten().enumerate() {
            keys(out, &at.clone().index(i), &image.unknown);
        }
    }
    fn provider<'r>(out: &mut Found<'r>, at: FieldPath, provider: &'r Provider) {
        for (i, logo) in provider.images.iter().flatten().enumerate() {
            keys(out, &at.clone().key("images").index(i), &logo.unknown);
        }
        keys(out, &at, &provider.unknown);
    }

    let mut out = Vec::new();
    let root = FieldPath::root();
    provider(&mut out, root.clone().key("provider"), &record.provider);
    images(&mut out, root.clone().key("images"), &record.images);
    for (i, related) in record.related.iter().flatten().enumerate() {
        let at = root.clone().key("related").index(i);
        provider(&mut out, at.clone().key("provider"), &related.provider);
        images(&mut out, at.clone().key("images"), &related.images);
        keys(&mut out, &at, &related.unknown);
    }
    keys(&mut out, &root, &record.unknown);
    out
}

impl Document {
    /// Parses the bytes of a record file, strictly, with the default size limit.
    ///
    /// # Errors
    ///
    /// As [`Document::from_str`], and [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) at the first bad byte.
    pub fn from_slice(bytes: &[u8]) -> Result<Document> {
        ParseOptions::new()
            .parse_slice(bytes)
            .map(|parsed| parsed.document)
    }

    /// Reads a record file from `reader`, strictly, with the default size limit.
    ///
    /// # Errors
    ///
    /// As [`Document::from_slice`], and [`ErrorKind::Io`](crate::ErrorKind::Io) when reading fails.
    pub fn from_reader(reader: impl Read) -> Result<Document> {
        ParseOptions::new()
            .parse_reader(reader)
            .map(|parsed| parsed.document)
    }

    /// Reads and parses the record file at `path`, strictly; every error names the file.
    ///
    /// ```
    /// use newsmatter::{Document, ErrorKind};
    ///
    /// let doc = Document::from_path("tests/fixtures/valid/article.md")?;
    /// assert_eq!(doc.record.category, "news");
    ///
    /// let err = Document::from_path("no/such/file.md").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Io);
    /// assert!(err.to_string().starts_with("no/such/file.md: "));
    /// # Ok::<(), newsmatter::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Document::from_reader`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Document> {
        ParseOptions::new()
            .parse_path(path)
            .map(|parsed| parsed.document)
    }
}

impl FromStr for Document {
    type Err = Error;

    /// Parses the text of a record file, strictly, with the default size limit.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge): over [`DEFAULT_MAX_SIZE`].
    /// - [`ErrorKind::MissingOpeningDelimiter`](crate::ErrorKind::MissingOpeningDelimiter), [`ErrorKind::MissingClosingDelimiter`](crate::ErrorKind::MissingClosingDelimiter):
    ///   no `---` first line, or none closing the front matter.
    /// - [`ErrorKind::Syntax`](crate::ErrorKind::Syntax), [`ErrorKind::NotAMapping`](crate::ErrorKind::NotAMapping): the front matter is not YAML, or
    ///   not a mapping.
    /// - [`ErrorKind::UnknownKey`](crate::ErrorKind::UnknownKey) (`language: en`), [`ErrorKind::DuplicateKey`](crate::ErrorKind::DuplicateKey) (two
    ///   `title:`), [`ErrorKind::MissingKey`](crate::ErrorKind::MissingKey) (no `secured:`).
    /// - [`ErrorKind::InvalidType`](crate::ErrorKind::InvalidType): `quality: "54"`, `published: yes`, `heat: 1.5`,
    ///   `topics: AI`, `title: null`, a `null` item in `topics`.
    /// - [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue): `webUrl: "/relative"`, `publishedDateTime: 2020-02-30`,
    ///   `type: podcast`, `heat: -2`, a `secured` payload with a 12-byte IV.
    /// - [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded): nesting or alias expansion beyond the parser's limits.
    fn from_str(text: &str) -> Result<Document> {
        ParseOptions::new()
            .parse_str(text)
            .map(|parsed| parsed.document)
    }
}
