//! `Diagnostic` and `Report`: what validation (and a failed parse) has to say about a record.

use std::fmt;

use serde::Serialize;

use crate::report::error::Error;
use crate::report::{Code, FieldPath, Severity};

/// One problem with a record: a severity, a stable [`Code`], the field path, a message, and
/// (for a record parsed from text) the 1-based line and column of the offending value.
///
/// It serializes as `{"severity", "code", "path", "line", "column", "message"}`, the path
/// as its text and the position as `null` where unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    severity: Severity,
    code: Code,
    path: FieldPath,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
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
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
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
        diagnostic
    }
}

/// Every diagnostic of a record, in a stable order: by position in the file when the record
/// was parsed from text, then by code and path.
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
