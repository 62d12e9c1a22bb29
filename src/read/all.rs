//! Every problem of a file at once: the fast reader reads past what is wrong, the general
//! reader says which problem comes first (exactly the error `Document::from_str` gives),
//! and what did read is kept for validation.

use crate::model::Record;
use crate::read::fast::decline::{DeclineReason, Declined};
use crate::read::fast::{self, Found, FoundKind};
use crate::read::options::{ParseOptions, Parsed, Reader};
use crate::read::positions::{Locator, Positions};
use crate::read::source_map::SourceMap;
use crate::read::split::split;
use crate::read::suggest::suggest;
use crate::report::error::{Error, Result};
use crate::report::position::line_column;
use crate::report::{Code, Diagnostic, FieldPath, Span, Suggestion};

/// What reading a file gave: the document, or every error.
#[derive(Debug)]
pub(crate) enum Attempt<'t> {
    Parsed(Read<'t>),
    Failed(Failure<'t>),
}

/// A document read, with the front matter it was read from and where its values are.
#[derive(Debug)]
pub(crate) struct Read<'t> {
    pub(crate) parsed: Parsed,
    pub(crate) yaml: &'t str,
    /// Where the front matter starts in the file (after a byte order mark).
    pub(crate) base: usize,
    pub(crate) positions: Positions,
}

/// A file that did not read: its errors, the first one first and the rest in file order,
/// the warnings of lenient reading, and what did read.
#[derive(Debug)]
pub(crate) struct Failure<'t> {
    pub(crate) errors: Vec<Error>,
    pub(crate) warnings: Vec<Diagnostic>,
    /// Why only the first error is known, when the general reader decided.
    pub(crate) note: Option<String>,
    pub(crate) partial: Option<Partial<'t>>,
}

/// The record as far as it read, a stand-in for each value that did not, and the paths of
/// those values: validation checks the rest.
#[derive(Debug)]
pub(crate) struct Partial<'t> {
    pub(crate) record: Record,
    pub(crate) yaml: &'t str,
    pub(crate) base: usize,
    pub(crate) positions: Positions,
    pub(crate) failed: Vec<FieldPath>,
}

impl ParseOptions {
    /// Parses the text of a record file, and gives every error where it fails: the first is
    /// the one [`ParseOptions::parse_str`] gives, the others follow in file order.
    ///
    /// Where the file is written in the YAML that producers write (see [`Reader`]), the
    /// fast reader reads past each wrong key or value: an unknown or repeated key, a
    /// missing one, a value of the wrong type or refused by its type (a URL, a date, `type`,
    /// a number out of range, a `secured` envelope). Elsewhere the general reader decides,
    /// and stops at its first error. [`ValidateOptions::check_str`](crate::ValidateOptions::check_str)
    /// reports these errors too, with what the rules say of the values that did read.
    ///
    /// ```
    /// use newsmatter::ParseOptions;
    /// use newsmatter::report::Code;
    ///
    /// let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?
    ///     .replace("quality: 61", "quality: \"61\"")
    ///     .replace("heat: 12", "heat: -5")
    ///     .replacen("type: article\n", "type: artcle\n", 1);
    /// let errors = ParseOptions::new().parse_all(&text).unwrap_err();
    /// let found: Vec<(Code, String, Option<usize>)> = errors
    ///     .iter()
    ///     .map(|e| (e.code(), e.path().to_string(), e.line()))
    ///     .collect();
    /// assert_eq!(found, [
    ///     (Code::InvalidValue, "type".into(), Some(10)),
    ///     (Code::InvalidType, "quality".into(), Some(11)),
    ///     (Code::InvalidValue, "heat".into(), Some(12)),
    /// ]);
    /// assert_eq!(errors[0].to_string(), ParseOptions::new().parse_str(&text).unwrap_err().to_string());
    /// assert_eq!(errors[0].suggestion().unwrap().replacement(), "article");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Every [`Error`] of the file, never none; as [`ParseOptions::parse_str`] for each.
    pub fn parse_all(&self, text: &str) -> std::result::Result<Parsed, Vec<Error>> {
        match self.attempt(text) {
            Attempt::Parsed(read) => Ok(read.parsed.located(read.yaml, read.base, read.positions)),
            Attempt::Failed(failure) => Err(failure.errors),
        }
    }

    /// Reads `text` as far as it can: see [`Attempt`].
    pub(crate) fn attempt<'t>(&self, text: &'t str) -> Attempt<'t> {
        if let Err(err) = self.check_size(text.len()) {
            return Attempt::Failed(Failure::one(err, None));
        }
        let parts = match split(text) {
            Ok(parts) => parts,
            Err(err) => return Attempt::Failed(Failure::one(err, None)),
        };
        let yaml = parts.yaml;
        let base = yaml.as_ptr() as usize - text.as_ptr() as usize;
        let read = |parsed: Parsed, positions| {
            Attempt::Parsed(Read {
                parsed,
                yaml,
                base,
                positions,
            })
        };
        let mode = self.mode();
        let declined = match self.reader_choice() {
            Reader::General => None,
            Reader::Auto => match fast::read_all(yaml, mode) {
                Ok((record, spans, found)) if found.is_empty() => {
                    let parsed = Parsed::new(record, parts.body, Vec::new(), None);
                    return read(parsed, Positions::Recorded(spans));
                }
                // Only keys kept by lenient reading: the general reader keeps their values.
                // It is handed the file where the fast reader, not reading on, declines.
                Ok((_, _, found)) if found.iter().all(|found| found.kind == FoundKind::Kept) => {
                    Some((DeclineReason::UnknownKey, found[0].start))
                }
                Ok((record, spans, found)) => {
                    let positions = Positions::Recorded(spans);
                    return match self.parse_general(yaml, base, mode) {
                        Err(first) => {
                            Attempt::Failed(recovered(first, found, record, yaml, base, positions))
                        }
                        // The general reader is the definition of right.
                        Ok((record, warnings)) => {
                            let parsed = Parsed::new(record, parts.body, warnings, None);
                            read(parsed, Positions::General)
                        }
                    };
                }
                Err(decline) => Some((decline.reason, decline.at)),
            },
        };
        let declined = declined.map(|(reason, at)| {
            let (line, column) = line_column(yaml, at);
            Declined {
                reason,
                line,
                column,
            }
        });
        match self.parse_general(yaml, base, mode) {
            Ok((record, warnings)) => read(
                Parsed::new(record, parts.body, warnings, declined),
                Positions::General,
            ),
            Err(first) => {
                let positions = Positions::General;
                let locator = positions.locator_at(yaml, base);
                let first = placed(first, &locator, yaml);
                let note = match declined {
                    Some(declined) => format!(
                        "the general reader stops at the first error: the fast reader, which reads on, declined this file ({} at line {}, column {})",
                        declined.reason, declined.line, declined.column
                    ),
                    None => "the general reader stops at the first error".to_owned(),
                };
                Attempt::Failed(Failure::one(first, Some(note)))
            }
        }
    }

    /// Where the keys and values of the record file `text` are, whether it parses or not.
    ///
    /// # Errors
    ///
    /// [`Code::TooLarge`](crate::report::Code::TooLarge) over the size limit;
    /// [`Code::MissingOpeningDelimiter`](crate::report::Code::MissingOpeningDelimiter) or
    /// [`Code::MissingClosingDelimiter`](crate::report::Code::MissingClosingDelimiter) for a
    /// file without a front matter.
    pub fn source_map(&self, text: &str) -> Result<SourceMap> {
        self.check_size(text.len())?;
        let yaml = split(text)?.yaml;
        let base = yaml.as_ptr() as usize - text.as_ptr() as usize;
        let positions = match fast::read_all(yaml, self.mode()) {
            Ok((_, spans, _)) => Positions::Recorded(spans),
            Err(_) => Positions::General,
        };
        Ok(SourceMap::new(yaml, base, positions))
    }
}

impl Failure<'_> {
    fn one(error: Error, note: Option<String>) -> Self {
        Failure {
            errors: vec![error],
            warnings: Vec::new(),
            note,
            partial: None,
        }
    }
}

/// The failure of a file the fast reader read to its end: `first`, the general reader's
/// error, then the other problems it found, in file order.
fn recovered<'t>(
    first: Error,
    found: Vec<Found>,
    record: Record,
    yaml: &'t str,
    base: usize,
    positions: Positions,
) -> Failure<'t> {
    let locator = positions.locator_at(yaml, base);
    let mut errors = Vec::with_capacity(found.len());
    let mut warnings = Vec::new();
    let mut failed = Vec::new();
    let mut first = Some(first);
    for found in found {
        if found.kind == FoundKind::Unsure {
            failed.push(found.unread);
            continue;
        }
        let span = locator.span(found.start, found.end);
        let suggestion = suggestion_for(found.code, &found.path, span, yaml, base);
        if found.kind == FoundKind::Kept {
            let warning = Diagnostic::new(found.code, found.path, found.message)
                .with_severity(crate::report::Severity::Warning)
                .with_span(span);
            warnings.push(match suggestion {
                Some(suggestion) => warning.with_suggestion(suggestion),
                None => warning,
            });
            continue;
        }
        if found.code != Code::UnknownKey {
            failed.push(found.unread.clone());
        }
        let is_first = first.as_ref().is_some_and(|first| {
            (first.code(), first.path(), first.line(), first.column())
                == (
                    found.code,
                    &found.path,
                    Some(span.start.line),
                    Some(span.start.column),
                )
        });
        let error = match is_first.then(|| first.take()).flatten() {
            // The general reader's own error, with the range the fast reader knows.
            Some(first) => {
                errors.insert(0, first.with_span(span).with_suggestion(suggestion));
                continue;
            }
            None => Error::new(found.code, found.message)
                .with_path(found.path)
                .with_span(span)
                .with_suggestion(suggestion),
        };
        errors.push(error);
    }
    if let Some(first) = first {
        // Not among what the fast reader found (it should be: the differential tests and
        // the fuzz target check it); it stays first all the same.
        errors.insert(0, placed(first, &locator, yaml));
    }
    errors[1..].sort_by_key(|error| error.span().map(|span| span.start.offset));
    // One error a path and code, the first: a key three times is one `duplicate-key`.
    let mut seen = std::collections::HashSet::new();
    errors.retain(|error| seen.insert((error.code(), error.path().clone())));
    Failure {
        errors,
        warnings,
        note: None,
        partial: Some(Partial {
            record,
            yaml,
            base,
            positions,
            failed,
        }),
    }
}

/// `error` with the range of its key or value, where the positions know one that starts
/// where the error is; a point at the error otherwise. And its suggestion.
fn placed(error: Error, locator: &Locator<'_>, yaml: &str) -> Error {
    let (Some(line), Some(column)) = (error.line(), error.column()) else {
        return error;
    };
    let span = match error.code() {
        Code::UnknownKey | Code::DuplicateKey => locator.key_span(error.path()),
        _ => locator.value_span(error.path()),
    };
    let span = span
        .filter(|span| (span.start.line, span.start.column) == (line, column))
        .or_else(|| locator.point(line, column));
    match span {
        Some(span) => {
            let suggestion = suggestion_for(error.code(), error.path(), span, yaml, locator.base());
            error.with_span(span).with_suggestion(suggestion)
        }
        None => error,
    }
}

/// The suggestion for a problem with `code` at `path`, whose key or value is at `span` of
/// the file whose front matter `yaml` starts at `base`.
fn suggestion_for(
    code: Code,
    path: &FieldPath,
    span: Span,
    yaml: &str,
    base: usize,
) -> Option<Suggestion> {
    let written = yaml.get(span.start.offset - base..span.end.offset - base)?;
    let (message, replacement, safe) = suggest(code, path, written)?;
    Some(Suggestion::new(message, replacement, span, safe))
}
