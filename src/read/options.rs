//! The entry points: from text, bytes, a reader or a path, with options.

use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use crate::model::{Document, Image, Provider, Record, UnknownKeys};
use crate::read::context::Mode;
use crate::read::fast::decline::Declined;
use crate::read::general::engine;
use crate::read::open::{self, Reach};
use crate::read::positions::Positions;
use crate::read::source_map::SourceMap;
use crate::read::split::{split, utf8};
use crate::read::{fast, limits};
use crate::report::error::{Error, Result};
use crate::report::position::line_column;
use crate::report::{Code, Diagnostic, FieldPath, Severity, Span};

/// The default [`ParseOptions::max_size`]: 1 MiB, 35 times the largest real record seen
/// (28 KiB, a record with 39 related entries).
pub const DEFAULT_MAX_SIZE: usize = 1 << 20;

/// How to parse: the size limit and strict or lenient handling of unknown keys.
///
/// ```
/// use newsmatter::ParseOptions;
/// use newsmatter::report::{Code, Severity};
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
    reader: Reader,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_size: DEFAULT_MAX_SIZE,
            lenient: false,
            reader: Reader::Auto,
        }
    }
}

/// Which reader parses the front matter. Both give the same answer on every input; the
/// fast one only decides sooner.
///
/// The fast reader reads the YAML that producers write (block mappings and lists, `[]`,
/// plain and quoted scalars on one line, comments) straight into the model and records where
/// every value is. At the first thing outside that subset (flow collections, anchors,
/// aliases, tags, block or multi-line scalars, tabs…) and at anything that would be an error,
/// it declines, and the general reader (serde_yaml) parses the front matter and decides as
/// it always has. [`Parsed::declined`] says when and why.
///
/// ```
/// use newsmatter::ParseOptions;
/// use newsmatter::read::{DeclineReason, Reader};
///
/// let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?;
/// let fast = ParseOptions::new().parse_str(&text)?;
/// assert_eq!(fast.declined, None);
///
/// // An anchor is outside the fast reader's subset: the general reader reads the file.
/// let anchored = text.replace("category: news", "category: &c news");
/// let general = ParseOptions::new().parse_str(&anchored)?;
/// let declined = general.declined.unwrap();
/// assert_eq!((declined.reason(), declined.line(), declined.column()), (DeclineReason::Anchor, 2, 11));
/// assert_eq!(general.document, fast.document);
///
/// // The general reader alone, as before the fast one existed.
/// let only_general = ParseOptions::new().reader(Reader::General).parse_str(&text)?;
/// assert_eq!(only_general.document, fast.document);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reader {
    /// The fast reader, handing whatever it declines to the general one. The default.
    #[default]
    Auto,
    /// The general reader (serde_yaml) alone: the definition of right, which the fast
    /// reader is tested against.
    General,
}

/// A parsed document, what lenient parsing had to say about it, and where its values are
/// in the file ([`Parsed::position`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Parsed {
    /// The document.
    pub document: Document,
    /// One `unknown-key` warning per unknown key kept (lenient mode), at the key, in the
    /// order of the file; empty in strict mode.
    pub warnings: Vec<Diagnostic>,
    /// Why the fast reader handed this file to the general reader (see [`Reader`]); `None`
    /// when the fast reader read it, or when [`Reader::General`] was asked for.
    pub declined: Option<Declined>,
    located: Option<SourceMap>,
}

impl Parsed {
    pub(crate) fn new(
        record: Record,
        body: &str,
        warnings: Vec<Diagnostic>,
        declined: Option<Declined>,
    ) -> Self {
        Parsed {
            document: Document {
                record,
                body: body.to_owned(),
            },
            warnings,
            declined,
            located: None,
        }
    }

    /// This document with its front matter `yaml` (starting `base` bytes into the file)
    /// and the positions of its values, to answer [`Parsed::position`].
    pub(crate) fn located(mut self, yaml: &str, base: usize, positions: Positions) -> Self {
        self.located = Some(SourceMap::new(yaml, base, positions));
        self
    }

    /// Where the value at `path` is in the file: from its first character to just past its
    /// last (a mapping or list ends with its last value). `None` for a path to nothing.
    ///
    /// ```
    /// use newsmatter::ParseOptions;
    /// use newsmatter::report::FieldPath;
    ///
    /// let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?;
    /// let parsed = ParseOptions::new().parse_str(&text)?;
    /// let domain = FieldPath::root().key("provider").key("domain");
    /// let span = parsed.position(&domain).unwrap();
    /// assert_eq!((span.start.line, span.start.column, span.end.column), (17, 11, 22));
    /// assert_eq!(&text[span.start.offset..span.end.offset], "example.com");
    /// assert_eq!(parsed.position(&FieldPath::root().key("nowhere")), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn position(&self, path: &FieldPath) -> Option<Span> {
        self.located.as_ref()?.value(path)
    }
}

impl ParseOptions {
    /// Strict parsing with the default size limit.
    pub fn new() -> Self {
        ParseOptions::default()
    }

    /// The largest file, in bytes, that is parsed; larger input is an
    /// [`Code::TooLarge`](crate::report::Code::TooLarge) error, read no further than one byte past the limit.
    #[must_use]
    pub fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// The size limit in bytes.
    pub(crate) fn size_limit(&self) -> usize {
        self.max_size
    }

    /// How unknown keys are read: errors when strict, kept when lenient.
    pub(crate) fn mode(&self) -> Mode {
        if self.lenient {
            Mode::Lenient
        } else {
            Mode::Strict
        }
    }

    pub(crate) fn reader_choice(&self) -> Reader {
        self.reader
    }

    /// Keep unknown keys (they survive rendering) and report them as `unknown-key` warnings
    /// instead of failing. For feeds that add keys before their consumers update. Off by
    /// default.
    #[must_use]
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }

    /// Which reader parses the front matter: [`Reader::Auto`] by default.
    #[must_use]
    pub fn reader(mut self, reader: Reader) -> Self {
        self.reader = reader;
        self
    }

    /// Parses the text of a record file.
    ///
    /// # Errors
    ///
    /// Any [`Error`] but [`ErrorKind::Io`](crate::report::ErrorKind::Io) and [`Code::InvalidUtf8`](crate::report::Code::InvalidUtf8); see
    /// [`Document::from_str`].
    pub fn parse_str(&self, text: &str) -> Result<Parsed> {
        self.parse_with_yaml(text, true)
            .map(|(parsed, yaml, positions)| {
                let base = yaml.as_ptr() as usize - text.as_ptr() as usize;
                parsed.located(yaml, base, positions)
            })
    }

    /// Parses `text`, and gives back the front matter's text (with its opening line) and,
    /// when `positions`, where its values are, for locating diagnostics in it.
    pub(crate) fn parse_with_yaml<'t>(
        &self,
        text: &'t str,
        positions: bool,
    ) -> Result<(Parsed, &'t str, Positions)> {
        self.check_size(text.len())?;
        let parts = split(text)?;
        let mode = self.mode();
        let fast = match self.reader {
            Reader::Auto => Some(fast::read(parts.yaml, mode, positions)),
            Reader::General => None,
        };
        let (record, positions, warnings, declined) = match fast {
            Some(Ok((record, spans))) => (record, Positions::Recorded(spans), Vec::new(), None),
            general => {
                let declined = general.and_then(Result::err).map(|decline| {
                    let (line, column) = line_column(parts.yaml, decline.at);
                    Declined {
                        reason: decline.reason,
                        line,
                        column,
                    }
                });
                let base = parts.yaml.as_ptr() as usize - text.as_ptr() as usize;
                let (record, warnings) = self.parse_general(parts.yaml, base, mode)?;
                (record, Positions::General, warnings, declined)
            }
        };
        let parsed = Parsed::new(record, parts.body, warnings, declined);
        Ok((parsed, parts.yaml, positions))
    }

    /// Parses `yaml` (which starts `base` bytes into its file) with the general reader, and
    /// finds the unknown keys that lenient parsing kept.
    pub(crate) fn parse_general(
        &self,
        yaml: &str,
        base: usize,
        mode: Mode,
    ) -> Result<(Record, Vec<Diagnostic>)> {
        limits::check_flow_depth(yaml)?;
        let record = engine::parse_record(yaml, mode)?;
        // Only lenient parsing keeps unknown keys: a strict parse has none to look for.
        let unknown = if self.lenient {
            unknown_keys(&record)
        } else {
            Vec::new()
        };
        let positions = Positions::General;
        let locator = positions.locator_at(yaml, base);
        let mut warnings: Vec<Diagnostic> = unknown
            .into_iter()
            .map(|(path, key)| {
                let warning = Diagnostic::new(
                    Code::UnknownKey,
                    path.clone(),
                    format!("unknown field `{key}`, kept"),
                )
                .with_severity(Severity::Warning);
                match locator.key_span(&path) {
                    Some(span) => warning.with_span(span),
                    None => warning,
                }
            })
            .collect();
        warnings.sort_by_key(|warning| (warning.line(), warning.column()));
        Ok((record, warnings))
    }

    /// Parses the bytes of a record file.
    ///
    /// # Errors
    ///
    /// As [`ParseOptions::parse_str`], and [`Code::InvalidUtf8`](crate::report::Code::InvalidUtf8) at the first bad byte.
    pub fn parse_slice(&self, bytes: &[u8]) -> Result<Parsed> {
        self.check_size(bytes.len())?;
        self.parse_str(utf8(bytes)?)
    }

    /// Reads a record file from `reader`, no more than one byte past the size limit.
    ///
    /// # Errors
    ///
    /// As [`ParseOptions::parse_slice`], and [`ErrorKind::Io`](crate::report::ErrorKind::Io) when reading fails.
    pub fn parse_reader(&self, reader: impl Read) -> Result<Parsed> {
        self.parse_slice(&self.read(reader)?)
    }

    /// Reads all of `reader`, but no more than one byte past the size limit.
    pub(crate) fn read(&self, reader: impl Read) -> Result<Vec<u8>> {
        self.read_sized(reader, 0)
    }

    /// As [`ParseOptions::read`], from a reader that says it holds `size` bytes: room for
    /// them (never past the limit) is made at once, so that a file is read in one call and a
    /// second that finds its end, not in a probe and reads that grow the buffer.
    fn read_sized(&self, reader: impl Read, size: u64) -> Result<Vec<u8>> {
        let limit = u64::try_from(self.max_size)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let room = usize::try_from(size.min(limit)).unwrap_or(0);
        let mut bytes = Vec::with_capacity(room);
        reader
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(Error::io)?;
        Ok(bytes)
    }

    /// Reads the record file at `path`, no more than one byte past the size limit, and only
    /// if it is a regular file, opened as [`open`](crate::read::open::open) says (`reach`):
    /// what was opened is checked before a byte is read. The error does not name the file.
    pub(crate) fn read_path(&self, path: &Path, reach: Reach<'_>) -> Result<Vec<u8>> {
        let file = open::open(path, reach)?;
        let metadata = file.metadata().map_err(Error::io)?;
        let kind = metadata.file_type();
        if !kind.is_file() {
            let what = if kind.is_dir() {
                "a directory"
            } else {
                "not a regular file"
            };
            return Err(Error::io(std::io::Error::other(format!(
                "{what}: only regular files are read"
            ))));
        }
        self.read_sized(file, metadata.len())
    }

    /// Reads and parses the record file at `path`, a regular file. Every error names the
    /// file.
    ///
    /// # Errors
    ///
    /// As [`ParseOptions::parse_reader`]; [`ErrorKind::Io`](crate::report::ErrorKind::Io) too for a
    /// path that is not a regular file (a directory, a FIFO, a device).
    pub fn parse_path(&self, path: impl AsRef<Path>) -> Result<Parsed> {
        let path = path.as_ref();
        self.read_path(path, Reach::NAMED)
            .and_then(|bytes| self.parse_slice(&bytes))
            .map_err(|err| err.in_file(path))
    }

    pub(crate) fn check_size(&self, size: usize) -> Result<()> {
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
    /// As [`Document::from_str`], and [`Code::InvalidUtf8`](crate::report::Code::InvalidUtf8) at the first bad byte.
    pub fn from_slice(bytes: &[u8]) -> Result<Document> {
        let options = ParseOptions::new();
        options.check_size(bytes.len())?;
        Document::from_str(utf8(bytes)?)
    }

    /// Reads a record file from `reader`, strictly, with the default size limit.
    ///
    /// # Errors
    ///
    /// As [`Document::from_slice`], and [`ErrorKind::Io`](crate::report::ErrorKind::Io) when reading fails.
    pub fn from_reader(reader: impl Read) -> Result<Document> {
        ParseOptions::new()
            .parse_reader(reader)
            .map(|parsed| parsed.document)
    }

    /// Reads and parses the record file at `path`, strictly; every error names the file.
    ///
    /// ```
    /// use newsmatter::Document;
    /// use newsmatter::report::ErrorKind;
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
    /// - [`Code::TooLarge`](crate::report::Code::TooLarge): over [`DEFAULT_MAX_SIZE`].
    /// - [`Code::MissingOpeningDelimiter`](crate::report::Code::MissingOpeningDelimiter), [`Code::MissingClosingDelimiter`](crate::report::Code::MissingClosingDelimiter):
    ///   no `---` first line, or none closing the front matter.
    /// - [`Code::YamlSyntax`](crate::report::Code::YamlSyntax), [`Code::NotAMapping`](crate::report::Code::NotAMapping): the front matter is not YAML, or
    ///   not a mapping.
    /// - [`Code::UnknownKey`](crate::report::Code::UnknownKey) (`language: en`), [`Code::DuplicateKey`](crate::report::Code::DuplicateKey) (two
    ///   `title:`), [`Code::MissingKey`](crate::report::Code::MissingKey) (no `secured:`).
    /// - [`Code::InvalidType`](crate::report::Code::InvalidType): `quality: "54"`, `published: yes`, `heat: 1.5`,
    ///   `topics: AI`, `title: null`, a `null` item in `topics`.
    /// - [`Code::InvalidValue`](crate::report::Code::InvalidValue): `webUrl: "/relative"`, `publishedDateTime: 2020-02-30`,
    ///   `type: podcast`, `heat: -2`, a `secured` payload with a 12-byte IV.
    /// - [`Code::LimitExceeded`](crate::report::Code::LimitExceeded): nesting or alias expansion beyond the parser's limits.
    fn from_str(text: &str) -> Result<Document> {
        // The positions are not kept: none are recorded.
        ParseOptions::new()
            .parse_with_yaml(text, false)
            .map(|(parsed, ..)| parsed.document)
    }
}
