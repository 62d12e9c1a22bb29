//! The one public error type, its kind, and the field path it points at.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::report::{Code, FieldPath};

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
/// use newsmatter::{Code, Document, ErrorKind};
///
/// let text = "---\ncategory: news\ntitle: 5\n---\n";
/// let err = text.parse::<Document>().unwrap_err();
/// assert_eq!(err.code(), Code::InvalidType);
/// assert_eq!(err.kind(), ErrorKind::InvalidType);
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
    file: Option<PathBuf>,
}

/// The category of an [`Error`], stable across releases for matching: the [`Code`] of a parse
/// error, with the codes of a value that breaks its rule (`url-invalid`, `url-scheme`,
/// `url-credentials`, `date-format`, `secured-envelope`, `invalid-value`) folded into
/// [`ErrorKind::InvalidValue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The file is larger than [`ParseOptions::max_size`](crate::ParseOptions::max_size).
    TooLarge,
    /// The file is not valid UTF-8; the error's column is counted in bytes from the line start.
    InvalidUtf8,
    /// The first line is not a `---` delimiter.
    MissingOpeningDelimiter,
    /// No `---` (or `...`) line closes the front matter.
    MissingClosingDelimiter,
    /// The front matter is not well-formed YAML.
    Syntax,
    /// The front matter is well-formed YAML but not a mapping (empty, a list, a scalar).
    NotAMapping,
    /// A key that the format does not define (strict mode).
    UnknownKey,
    /// A key that appears twice in one mapping; the position is the second occurrence.
    DuplicateKey,
    /// A required key is absent; the position is where its mapping starts.
    MissingKey,
    /// A value of the wrong YAML type: `"54"` for an integer, `yes` for a boolean, `null`.
    InvalidType,
    /// A value of the right YAML type that breaks its rule: a relative URL, an impossible
    /// date, a `secured` payload that is not `<base64>;<base64>`, `type: podcast`.
    InvalidValue,
    /// The YAML nests deeper, or expands aliases further, than the parser allows.
    LimitExceeded,
}

impl ErrorKind {
    /// The kind of the errors with `code`. Codes that only validation reports (they never
    /// make an [`Error`]) are [`ErrorKind::InvalidValue`].
    pub fn of(code: Code) -> ErrorKind {
        match code {
            Code::Io => ErrorKind::Io,
            Code::TooLarge => ErrorKind::TooLarge,
            Code::InvalidUtf8 => ErrorKind::InvalidUtf8,
            Code::MissingOpeningDelimiter => ErrorKind::MissingOpeningDelimiter,
            Code::MissingClosingDelimiter => ErrorKind::MissingClosingDelimiter,
            Code::YamlSyntax => ErrorKind::Syntax,
            Code::NotAMapping => ErrorKind::NotAMapping,
            Code::UnknownKey => ErrorKind::UnknownKey,
            Code::DuplicateKey => ErrorKind::DuplicateKey,
            Code::MissingKey => ErrorKind::MissingKey,
            Code::InvalidType => ErrorKind::InvalidType,
            Code::LimitExceeded => ErrorKind::LimitExceeded,
            _ => ErrorKind::InvalidValue,
        }
    }

    /// What the kind means, in a few words: `invalid type`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "I/O error",
            ErrorKind::TooLarge => "file too large",
            ErrorKind::InvalidUtf8 => "invalid UTF-8",
            ErrorKind::MissingOpeningDelimiter => "missing opening delimiter",
            ErrorKind::MissingClosingDelimiter => "missing closing delimiter",
            ErrorKind::Syntax => "YAML syntax error",
            ErrorKind::NotAMapping => "not a mapping",
            ErrorKind::UnknownKey => "unknown key",
            ErrorKind::DuplicateKey => "duplicate key",
            ErrorKind::MissingKey => "missing key",
            ErrorKind::InvalidType => "invalid type",
            ErrorKind::InvalidValue => "invalid value",
            ErrorKind::LimitExceeded => "limit exceeded",
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

    /// The stable code of the error, as a [`Diagnostic`](crate::Diagnostic) made from it
    /// has it.
    pub fn code(&self) -> Code {
        self.inner.code
    }

    /// The category of the error: [`ErrorKind::of`] its code.
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::of(self.inner.code)
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
