//! `Span` and `Suggestion`: where in a file a diagnostic's key or value is, from its first
//! character to just past its last, and a replacement for that range.

use serde::ser::SerializeStruct;
use serde::Serialize;

/// A place in a file: the 1-based line and column (counted in characters, as editors count
/// them) and the 0-based byte offset from the start of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
    /// The byte offset from the start of the file.
    pub offset: usize,
}

/// A range of a file: from `start` (the first character of a key or value) to `end` (just
/// past its last character), as an editor selects it. A value that spans several lines ends
/// on its last line; an empty value (`key:`) is an empty range.
///
/// It serializes as `{"line", "column", "endLine", "endColumn", "start", "end"}`, the last two
/// the byte offsets.
///
/// ```
/// use newsmatter::report::Span;
/// use newsmatter::ValidateOptions;
///
/// let text = "---\ncategory: \"\"\ntitle: Lakeside\n---\n";
/// let report = ValidateOptions::new().check_str(text).report;
/// let empty = report.iter().find(|d| d.path().to_string() == "category").unwrap();
/// let span: Span = empty.span().unwrap();
/// assert_eq!((span.start.line, span.start.column, span.end.line, span.end.column), (2, 11, 2, 13));
/// assert_eq!(&text[span.start.offset..span.end.offset], "\"\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The first character.
    pub start: Location,
    /// Just past the last character.
    pub end: Location,
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Span", 6)?;
        s.serialize_field("line", &self.start.line)?;
        s.serialize_field("column", &self.start.column)?;
        s.serialize_field("endLine", &self.end.line)?;
        s.serialize_field("endColumn", &self.end.column)?;
        s.serialize_field("start", &self.start.offset)?;
        s.serialize_field("end", &self.end.offset)?;
        s.end()
    }
}

/// What to write instead, as data: a short message in the rustc style (`did you mean
/// `title`?`), the replacement text, and the range of the file it replaces. An editor or a fix
/// applies it by putting `replacement` in place of the bytes `span.start.offset..span.end.offset`.
///
/// It serializes as `{"message", "replacement", "span"}`.
///
/// ```
/// use newsmatter::ValidateOptions;
///
/// let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?
///     .replacen("type: article\n", "type: artcle\n", 1);
/// let report = ValidateOptions::new().check_str(&text).report;
/// let wrong = report.iter().next().unwrap();
/// let suggestion = wrong.suggestion().unwrap();
/// assert_eq!(suggestion.message(), "did you mean `article`?");
/// let span = suggestion.span();
/// let fixed = format!("{}{}{}", &text[..span.start.offset], suggestion.replacement(), &text[span.end.offset..]);
/// assert!(ValidateOptions::new().check_str(&fixed).report.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Suggestion {
    message: String,
    replacement: String,
    span: Span,
    #[serde(skip)]
    safe: bool,
}

impl Suggestion {
    pub(crate) fn new(message: String, replacement: String, span: Span, safe: bool) -> Self {
        Suggestion {
            message,
            replacement,
            span,
            safe,
        }
    }

    /// Whether applying it keeps what the record means (a misspelt key renamed, an HTML
    /// entity decoded, a repeated topic dropped), so that `check --fix` applies it; an unsafe
    /// one (a guess at an enum value, a related entry dropped) only with `--unsafe-fixes`.
    pub fn is_safe(&self) -> bool {
        self.safe
    }

    /// What the suggestion says, in the rustc style: ``did you mean `title`?``.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The text to write in place of [`Suggestion::span`].
    pub fn replacement(&self) -> &str {
        &self.replacement
    }

    /// The range of the file that the replacement replaces.
    pub fn span(&self) -> Span {
        self.span
    }
}
