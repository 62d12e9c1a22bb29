//! The one public error type, its kind, and the field path it points at.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::report::{Code, FieldPath, Span, Suggestion};

/// What went wrong while reading a record.
///
/// Every error carries a [`Code`] (set where the problem was found; [`Error::kind`] is the
/// coarser category it belongs to), a message in the standard library's style, the
/// [`FieldPath`] of the offending key (empty for errors about the whole file), and where the
/// file allows it the 1-based line and column *in the file* (the front matter's offset is
/// already added). Errors that come from [`Document::from_path`](crate::Document::from_path)
/// also name the file.
///
/// No error message ever contains the `secured` payload.
///
/// ```
/// use newsmatter::Document;
/// use newsmatter::report::{Code, ErrorKind};
///
/// let text = "---\ncategory: news\ntitle: 5\n---\n";
/// let err = text.parse::<Document>().unwrap_err();
/// assert_eq!(err.code(), Code::InvalidType);
/// assert_eq!(err.kind(), ErrorKind::Data);
/// assert_eq!(err.path().to_string(), "title");
/// assert_eq!((err.line(), err.column()), (Some(3), Some(8)));
/// assert_eq!(
///     err.to_string(),
///     "line 3, column 8: title: invalid type: integer `5`, expected a string"
/// );
/// ```
#[derive(thiserror::Error)]
#[error("{}", Render(&self.inner))]
pub struct Error {
    inner: Box<ErrorImpl>,
    #[source]
    source: Option<std::io::Error>,
}

struct ErrorImpl {
    code: Code,
    message: String,
    path: FieldPath,
    line: Option<usize>,
    column: Option<usize>,
    span: Option<Span>,
    suggestion: Option<Suggestion>,
    file: Option<PathBuf>,
}

/// The category of an [`Error`], for a caller that branches on what went wrong rather than
/// which rule (as serde_json's `Category`): could the file be read, was it refused for its
/// size, is it not a record file at all, or is it a record file whose data breaks the format.
/// [`Error::code`] says exactly which problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read (`io`).
    Io,
    /// The input was refused for its size before it was read whole: the file is larger than
    /// [`ParseOptions::max_size`](crate::ParseOptions::max_size) (`too-large`), or its YAML
    /// nests deeper or expands aliases further than allowed (`limit-exceeded`).
    Limit,
    /// The file is not a record file: not UTF-8 (`invalid-utf8`), no `---` lines around the
    /// front matter (`missing-opening-delimiter`, `missing-closing-delimiter`), YAML that does
    /// not parse (`yaml-syntax`) or is not a mapping (`not-a-mapping`).
    Syntax,
    /// The front matter is a YAML mapping whose data breaks the format: a key unknown,
    /// repeated or missing, a value of the wrong type, or one that breaks its rule (a relative
    /// URL, an impossible date, a malformed `secured` envelope, `type: podcast`).
    Data,
}

impl ErrorKind {
    /// The kind of the errors with `code`; `None` for a code that only validation reports
    /// (a [`Diagnostic`](crate::report::Diagnostic), never an [`Error`]).
    pub fn of(code: Code) -> Option<ErrorKind> {
        Some(match code {
            Code::Io => ErrorKind::Io,
            Code::TooLarge | Code::LimitExceeded => ErrorKind::Limit,
            Code::InvalidUtf8
            | Code::MissingOpeningDelimiter
            | Code::MissingClosingDelimiter
            | Code::YamlSyntax
            | Code::NotAMapping => ErrorKind::Syntax,
            Code::UnknownKey
            | Code::DuplicateKey
            | Code::MissingKey
            | Code::InvalidType
            | Code::InvalidValue
            | Code::UrlInvalid
            | Code::UrlScheme
            | Code::UrlCredentials
            | Code::DateFormat
            | Code::SecuredEnvelope => ErrorKind::Data,
            _ => return None,
        })
    }

    /// What the kind means, in a few words: `invalid data`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "I/O error",
            ErrorKind::Limit => "input limit",
            ErrorKind::Syntax => "not a record file",
            ErrorKind::Data => "invalid data",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    pub(crate) fn new(code: Code, message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(ErrorImpl {
                code,
                message: message.into(),
                path: FieldPath::root(),
                line: None,
                column: None,
                span: None,
                suggestion: None,
                file: None,
            }),
            source: None,
        }
    }

    pub(crate) fn io(err: std::io::Error) -> Self {
        let mut error = Error::new(Code::Io, err.to_string());
        error.source = Some(err);
        error
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.inner.line = Some(line);
        self.inner.column = Some(column);
        self
    }

    /// The error is about the value at `path`. Where that is the value of a key named
    /// `secured`, at any depth, the message no longer shows it (`invalid type: integer
    /// <redacted>, expected …`): no message shows a payload, however it is written. An
    /// envelope's error (`secured-envelope`) is left as it is: it never quotes the payload,
    /// and what it quotes is the shape expected.
    /// The error over `span` (its line and column are the span's start).
    pub(crate) fn with_span(mut self, span: Span) -> Self {
        self.inner.line = Some(span.start.line);
        self.inner.column = Some(span.start.column);
        self.inner.span = Some(span);
        self
    }

    pub(crate) fn with_suggestion(mut self, suggestion: Option<Suggestion>) -> Self {
        self.inner.suggestion = suggestion;
        self
    }

    pub(crate) fn with_path(mut self, path: FieldPath) -> Self {
        let about_a_value = matches!(self.inner.code, Code::InvalidType | Code::InvalidValue);
        if about_a_value && path.ends_with_key("secured") {
            self.inner.message = redact_values(&self.inner.message);
        }
        self.inner.path = path;
        self
    }

    pub(crate) fn in_file(mut self, file: &Path) -> Self {
        self.inner.file = Some(file.to_path_buf());
        self
    }

    /// The stable code of the error, as a [`Diagnostic`](crate::report::Diagnostic) made from it
    /// has it.
    pub fn code(&self) -> Code {
        self.inner.code
    }

    /// The category of the error: [`ErrorKind::of`] its code.
    pub fn kind(&self) -> ErrorKind {
        // An error is made with the code of a parse error; were one made with another, its
        // data broke a rule.
        ErrorKind::of(self.inner.code).unwrap_or(ErrorKind::Data)
    }

    /// What was wrong, without the position, path or file.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The field path of the offending key, written with the YAML keys
    /// (`related[2].provider.domain`); empty for errors about the whole file.
    pub fn path(&self) -> &FieldPath {
        &self.inner.path
    }

    /// The 1-based line in the file, where known.
    pub fn line(&self) -> Option<usize> {
        self.inner.line
    }

    /// The 1-based column in the file (counted in characters), where known.
    pub fn column(&self) -> Option<usize> {
        self.inner.column
    }

    /// The range of the offending key or value in the file, where known: its start is
    /// [`Error::line`] and [`Error::column`].
    pub fn span(&self) -> Option<Span> {
        self.inner.span
    }

    /// What to write instead, where the fix is clear (``did you mean `title`?``).
    pub fn suggestion(&self) -> Option<&Suggestion> {
        self.inner.suggestion.as_ref()
    }

    /// The file the error is about, when the document was read from a path.
    pub fn file(&self) -> Option<&Path> {
        self.inner.file.as_deref()
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.inner.code)
            .field("message", &self.inner.message)
            .field("path", &self.inner.path.to_string())
            .field("line", &self.inner.line)
            .field("column", &self.inner.column)
            .field("span", &self.inner.span)
            .field("suggestion", &self.inner.suggestion)
            .field("file", &self.inner.file)
            .finish()
    }
}

struct Render<'a>(&'a ErrorImpl);

impl fmt::Display for Render<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        match (&e.file, e.line, e.column) {
            (Some(file), Some(line), Some(column)) => {
                write!(f, "{}:{line}:{column}: ", file.display())?
            }
            (Some(file), _, _) => write!(f, "{}: ", file.display())?,
            (None, Some(line), Some(column)) => write!(f, "line {line}, column {column}: ")?,
            (None, _, _) => {}
        }
        if !e.path.is_root() {
            write!(f, "{}: ", e.path)?;
        }
        f.write_str(&e.message)
    }
}

/// `message` with what it quotes of the value (in backticks or double quotes, before
/// `, expected`) replaced by `<redacted>`.
fn redact_values(message: &str) -> String {
    let (found, expected) = match message.find(", expected") {
        Some(at) => message.split_at(at),
        None => (message, ""),
    };
    let mut out = String::with_capacity(message.len());
    let mut rest = found;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest.as_bytes()[open];
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        out.push_str("<redacted>");
        rest = match after.find(char::from(quote)) {
            // What follows the value (` as u128`) says how it was read: gone with it.
            Some(close) if quote == b'`' => after[close + 1..]
                .strip_prefix(" as ")
                .map_or(&after[close + 1..], |s| {
                    s.trim_start_matches(char::is_alphanumeric)
                }),
            Some(close) => &after[close + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out.push_str(expected);
    out
}

/// A result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_about_a_secured_value_does_not_quote_it() {
        let secured = FieldPath::root().index(0).key("secured");
        for (code, message, shown) in [
            (
                Code::InvalidType,
                "invalid type: integer `98765432109876543210` as u128, expected a sealed payload `<base64>`",
                "invalid type: integer <redacted>, expected a sealed payload `<base64>`",
            ),
            (
                Code::InvalidType,
                "invalid type: string \"AAAA\", expected an integer",
                "invalid type: string <redacted>, expected an integer",
            ),
            (
                Code::InvalidValue,
                "invalid value: `AAAA;BB",
                "invalid value: <redacted>",
            ),
            (Code::InvalidType, "invalid type: sequence, expected x", "invalid type: sequence, expected x"),
        ] {
            let err = Error::new(code, message).with_path(secured.clone());
            assert_eq!(err.message(), shown);
        }
        // Other keys, and messages that name keys rather than values, are left as they are.
        let title = Error::new(
            Code::InvalidType,
            "invalid type: integer `5`, expected a string",
        )
        .with_path(FieldPath::root().key("title"));
        assert_eq!(
            title.message(),
            "invalid type: integer `5`, expected a string"
        );
        let envelope = Error::new(
            Code::SecuredEnvelope,
            "invalid value: expected `<base64 ciphertext>;<base64 IV>` with exactly one `;`",
        )
        .with_path(secured.clone());
        assert_eq!(
            envelope.message(),
            "invalid value: expected `<base64 ciphertext>;<base64 IV>` with exactly one `;`"
        );
        let unknown = Error::new(Code::UnknownKey, "unknown field `secured`").with_path(secured);
        assert_eq!(unknown.message(), "unknown field `secured`");
    }
}
