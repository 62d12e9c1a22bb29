//! `Diagnostic` and `Report`: what validation (and a failed parse) has to say about a record.

use std::fmt;

use serde::ser::SerializeStruct;
use serde::Serialize;

use crate::report::error::Error;
use crate::report::{Code, FieldPath, Severity, Span, Suggestion};

/// One problem with a record: a severity, a stable [`Code`], the field path, a message, and
/// (for a record parsed from text) where the offending key or value is: its 1-based line and
/// column, and its whole range ([`Diagnostic::span`]). Some carry a [`Suggestion`] (what to
/// write instead) or a note.
///
/// It serializes as `{"severity", "code", "path", "line", "column", "endLine", "endColumn",
/// "message"}`, the path as its text and the position as `null` where unknown, followed by
/// `"suggestion"` and `"note"` when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    severity: Severity,
    code: Code,
    path: FieldPath,
    line: Option<usize>,
    column: Option<usize>,
    span: Option<Span>,
    message: String,
    suggestion: Option<Box<Suggestion>>,
    /// A fix that is not shown as a suggestion (a rule's): only [`Diagnostic::fix`] gives it.
    fix: Option<Box<Suggestion>>,
    note: Option<Box<str>>,
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = 8 + usize::from(self.suggestion.is_some()) + usize::from(self.note.is_some());
        let mut s = serializer.serialize_struct("Diagnostic", fields)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("endLine", &self.end_line())?;
        s.serialize_field("endColumn", &self.end_column())?;
        s.serialize_field("message", &self.message)?;
        if let Some(suggestion) = &self.suggestion {
            s.serialize_field("suggestion", suggestion)?;
        }
        if let Some(note) = &self.note {
            s.serialize_field("note", note)?;
        }
        s.end()
    }
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
            span: None,
            suggestion: None,
            fix: None,
            note: None,
        }
    }

    /// This diagnostic at a 1-based line and column of the file, without a range.
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self.span = None;
        self
    }

    /// This diagnostic over `span`: its line and column are the span's start.
    #[must_use]
    pub fn with_span(mut self, span: Span) -> Self {
        self.line = Some(span.start.line);
        self.column = Some(span.start.column);
        self.span = Some(span);
        self
    }

    /// This diagnostic with a suggestion of what to write instead.
    #[must_use]
    pub fn with_suggestion(mut self, suggestion: Suggestion) -> Self {
        self.suggestion = Some(Box::new(suggestion));
        self
    }

    /// This diagnostic with a fix that is data only: [`Diagnostic::fix`] gives it, output
    /// does not show it (as a suggestion is shown).
    #[must_use]
    pub fn with_fix(mut self, fix: Suggestion) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    /// The edit that fixes the problem, for `check --fix` or an editor: the suggestion if
    /// there is one, else the rule's own fix (`cdnAmpWebUrl` derived from `ampWebUrl`, a
    /// repeated topic dropped, an HTML entity decoded, mojibake repaired, an unused
    /// suppression removed, a related entry citing its record dropped). [`Suggestion::is_safe`] says whether it may be applied
    /// without asking.
    ///
    /// ```
    /// use newsmatter::ValidateOptions;
    ///
    /// let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?
    ///     .replace("  - Reservoirs", "  - solar power");
    /// let report = ValidateOptions::new().check_str(&text).report;
    /// let repeated = report.iter().next().unwrap();
    /// let fix = repeated.fix().unwrap();
    /// assert!(fix.is_safe() && repeated.suggestion().is_none());
    /// let span = fix.span();
    /// assert_eq!(&text[span.start.offset..span.end.offset], "  - solar power\n");
    /// assert_eq!(fix.replacement(), "");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn fix(&self) -> Option<&Suggestion> {
        self.suggestion.as_deref().or(self.fix.as_deref())
    }

    /// This diagnostic with a note: a line of context, shown after it.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into().into_boxed_str());
        self
    }

    /// This diagnostic with another severity.
    #[must_use]
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

    /// The range of the offending key or value in the file, for a record parsed from text:
    /// its start is [`Diagnostic::line`] and [`Diagnostic::column`].
    pub fn span(&self) -> Option<Span> {
        self.span
    }

    /// The line where the offending key or value ends (see [`Diagnostic::span`]).
    pub fn end_line(&self) -> Option<usize> {
        self.span.map(|span| span.end.line)
    }

    /// The column just past the offending key or value (see [`Diagnostic::span`]).
    pub fn end_column(&self) -> Option<usize> {
        self.span.map(|span| span.end.column)
    }

    /// What to write instead, where the fix is clear: a known key for a misspelt one, an
    /// enum value for one close to it, `true` for `yes`.
    pub fn suggestion(&self) -> Option<&Suggestion> {
        self.suggestion.as_deref()
    }

    /// A line of context: for instance that the general reader stopped at this error, so
    /// that later problems of the file are not reported.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
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
        let mut diagnostic = Diagnostic::new(err.code(), err.path().clone(), err.message());
        diagnostic.line = err.line();
        diagnostic.column = err.column();
        diagnostic.span = err.span();
        diagnostic.suggestion = err.suggestion().cloned().map(Box::new);
        diagnostic
    }
}

/// Every diagnostic of a record, in a stable order: by position in the file when the record
/// was parsed from text, then by code and path; for a file that did not parse, its first
/// error (the one `Document::from_str` gives) comes first.
///
/// Its `Display` writes one `path: message` per line; it serializes as the list of its
/// diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub(crate) fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        // The path's text only where all else is equal: writing it for every comparison
        // cost two allocations each.
        diagnostics.sort_by(|a, b| {
            (a.line, a.column, a.code)
                .cmp(&(b.line, b.column, b.code))
                .then_with(|| a.path.to_string().cmp(&b.path.to_string()))
        });
        Report { diagnostics }
    }

    /// A report whose first diagnostic is `first` (the error a parse stopped at), the rest
    /// sorted as [`Report::new`] sorts.
    pub(crate) fn with_first(first: Diagnostic, rest: Vec<Diagnostic>) -> Self {
        let mut diagnostics = Report::new(rest).diagnostics;
        diagnostics.insert(0, first);
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
        self.with_severity(severity).count()
    }

    /// The diagnostics that are errors, in order.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.with_severity(Severity::Error)
    }

    /// The diagnostics that are warnings, in order.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.with_severity(Severity::Warning)
    }

    fn with_severity(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(move |d| d.severity == severity)
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
