//! Validation: every rule of the format over a parsed record, all problems at once.

use std::path::Path;

use chrono::{DateTime, FixedOffset, Utc};

use crate::check::fix::Repair;
use crate::check::rules::{Sink, Subject, Unread, RULES};
use crate::check::suppress::suppress;
use crate::model::{Document, Record};
use crate::read::options::ParseOptions;
use crate::read::positions::{Locator, Positions};
use crate::read::split::utf8;
use crate::read::Attempt;
use crate::report::error::Error;
use crate::report::{Diagnostic, Report, Severity};

/// How to validate: warnings as errors or not, the reference time for "date in the future",
/// and how to parse when checking text.
///
/// ```
/// use chrono::DateTime;
/// use newsmatter::ValidateOptions;
/// use newsmatter::report::{Code, Severity};
///
/// let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?
///     .replace("heat: 12", "heat: -1");
/// let options = ValidateOptions::new()
///     .reference_time(DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z")?);
/// let checked = options.check_str(&text);
/// let report = &checked.report;
/// assert!(!report.has_errors());
/// let first = report.iter().next().unwrap();
/// assert_eq!(first.code(), Code::HeatUnrankedPublished);
/// assert_eq!(first.severity(), Severity::Warning);
/// assert_eq!(first.path().to_string(), "heat");
/// assert_eq!((first.line(), first.column()), (Some(12), Some(7)));
/// assert_eq!(report.to_string(), "heat: `heat` is -1 (not ranked) on a record with `published: true`\n");
///
/// // Warnings as errors.
/// assert!(options.deny_warnings(true).check_str(&text).report.has_errors());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    deny_warnings: bool,
    reference_time: Option<DateTime<FixedOffset>>,
    parse: ParseOptions,
}

/// The outcome of checking a file: the document, if it parsed, and every diagnostic.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Checked {
    /// The document, unless parsing failed.
    pub document: Option<Document>,
    /// The parse error, or the lenient parser's warnings and every validation diagnostic.
    pub report: Report,
}

impl ValidateOptions {
    /// Warnings stay warnings, the reference time is the clock's, strict parsing.
    pub fn new() -> Self {
        ValidateOptions::default()
    }

    /// Report every warning as an error.
    #[must_use]
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// The time after which a `publishedDateTime` is "in the future" (`date-in-future`).
    /// Without one, the clock is read once per validation.
    #[must_use]
    pub fn reference_time(mut self, time: DateTime<FixedOffset>) -> Self {
        self.reference_time = Some(time);
        self
    }

    /// How [`ValidateOptions::check_str`] and the other `check_*` calls parse.
    #[must_use]
    pub fn parse_options(mut self, options: ParseOptions) -> Self {
        self.parse = options;
        self
    }

    pub(crate) fn parse_options_ref(&self) -> &ParseOptions {
        &self.parse
    }

    /// Every diagnostic of a record, without positions (there is no text to point into).
    pub fn validate(&self, record: &Record) -> Report {
        let diagnostics = self.run_rules(record).into_iter().map(|(d, _)| d).collect();
        Report::new(self.finish(diagnostics))
    }

    /// Parses and validates the text of a record file; every diagnostic has a line and column.
    pub fn check_str(&self, text: &str) -> Checked {
        self.check_text(text).0
    }

    /// As [`ValidateOptions::check_str`], and gives back the front matter's text (with its
    /// opening line), where it starts in the file (after a byte order mark) and where its
    /// values are when the document parsed, to locate later diagnostics in it.
    pub(crate) fn check_text<'t>(
        &self,
        text: &'t str,
    ) -> (Checked, Option<(&'t str, usize, Positions)>) {
        match self.parse.attempt(text) {
            Attempt::Parsed(read) => {
                let mut diagnostics = read.parsed.warnings;
                let locator = read.positions.locator_at(read.yaml, read.base);
                diagnostics.extend(
                    self.run_rules(&read.parsed.document.record)
                        .into_iter()
                        .map(|(diagnostic, repair)| {
                            locate_with_fix(&locator, read.yaml, diagnostic, repair)
                        }),
                );
                suppress(read.yaml, &locator, &mut diagnostics);
                let checked = Checked {
                    document: Some(read.parsed.document),
                    report: Report::new(self.finish(diagnostics)),
                };
                (checked, Some((read.yaml, read.base, read.positions)))
            }
            Attempt::Failed(failure) => {
                let mut errors = failure.errors.iter().map(Diagnostic::from);
                let mut rest: Vec<Diagnostic> = Vec::new();
                let first = errors.next().map(|first| match failure.note {
                    Some(note) => first.with_note(note),
                    None => first,
                });
                rest.extend(errors);
                rest.extend(failure.warnings);
                if let Some(partial) = failure.partial {
                    // The rules, over what did read: none that reads a value that did not.
                    let locator = partial.positions.locator_at(partial.yaml, partial.base);
                    let unread = Unread::new(partial.failed);
                    rest.extend(
                        self.run_rules(&partial.record)
                            .into_iter()
                            .filter(|(diagnostic, _)| !unread.read_by(diagnostic))
                            .map(|(diagnostic, repair)| {
                                locate_with_fix(&locator, partial.yaml, diagnostic, repair)
                            }),
                    );
                    suppress(partial.yaml, &locator, &mut rest);
                }
                let rest = self.finish(rest);
                let report = match first {
                    Some(first) => Report::with_first(self.finish(vec![first]).remove(0), rest),
                    None => Report::new(rest),
                };
                let checked = Checked {
                    document: None,
                    report,
                };
                (checked, None)
            }
        }
    }

    /// Parses and validates the bytes of a record file.
    pub fn check_slice(&self, bytes: &[u8]) -> Checked {
        match utf8(bytes) {
            Ok(text) => self.check_str(text),
            Err(err) => self.failed(&err),
        }
    }

    /// Reads, parses and validates the record file at `path`.
    pub fn check_path(&self, path: impl AsRef<Path>) -> Checked {
        let path = path.as_ref();
        let bytes = self
            .parse
            .read_path(path, crate::read::Reach::NAMED)
            .map_err(|err| err.in_file(path));
        match bytes {
            Ok(bytes) => self.check_slice(&bytes),
            Err(err) => self.failed(&err),
        }
    }

    fn failed(&self, err: &Error) -> Checked {
        Checked {
            document: None,
            report: Report::new(self.finish(vec![Diagnostic::from(err)])),
        }
    }

    fn run_rules(&self, record: &Record) -> Vec<(Diagnostic, Option<Repair>)> {
        let now = self
            .reference_time
            .unwrap_or_else(|| DateTime::<Utc>::from(std::time::SystemTime::now()).fixed_offset());
        let subject = Subject::new(record, now);
        let mut sink = Sink::default();
        for rule in RULES {
            rule(&subject, &mut sink);
        }
        sink.into_parts()
    }

    pub(crate) fn finish(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if !self.deny_warnings {
            return diagnostics;
        }
        diagnostics
            .into_iter()
            .map(|diagnostic| diagnostic.with_severity(Severity::Error))
            .collect()
    }
}

impl Record {
    /// Every diagnostic of this record with the default [`ValidateOptions`].
    ///
    /// ```
    /// use newsmatter::Document;
    ///
    /// let doc = Document::from_path("tests/fixtures/valid/article.md")?;
    /// assert!(doc.record.validate().is_empty());
    /// # Ok::<(), newsmatter::Error>(())
    /// ```
    pub fn validate(&self) -> Report {
        ValidateOptions::new().validate(self)
    }
}

/// As [`locate`], and gives the diagnostic its fix, the edit that makes `repair`, where
/// the values it needs are found in `yaml`.
fn locate_with_fix(
    locator: &Locator<'_>,
    yaml: &str,
    diagnostic: Diagnostic,
    repair: Option<Repair>,
) -> Diagnostic {
    let diagnostic = locate(locator, diagnostic);
    match repair.and_then(|repair| repair.suggestion(diagnostic.path(), locator, yaml)) {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    }
}

/// Gives a diagnostic the range of its value, or of the first line of the nearest enclosing
/// node that is in the file (an absent key points at the mapping that lacks it).
pub(crate) fn locate(locator: &Locator<'_>, diagnostic: Diagnostic) -> Diagnostic {
    if let Some(span) = locator.value_span(diagnostic.path()) {
        return diagnostic.with_span(span);
    }
    let mut at = diagnostic.path().clone();
    while let Some(parent) = at.parent() {
        if let Some(span) = locator.value_span(&parent) {
            return diagnostic.with_span(locator.first_line(span));
        }
        at = parent;
    }
    diagnostic
}
