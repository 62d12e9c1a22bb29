//! Finds the front matter and the body of a record file. Knows nothing of YAML.
//!
//! The envelope ([the record format](crate::record_format#the-envelope)): an optional UTF-8 BOM, a first line `---`, the YAML
//! front matter, a closing line `---` or `...`, then the body byte for byte. Delimiter lines may
//! carry trailing spaces or tabs and end in `\n` or `\r\n`; `----` and `--- x` are not
//! delimiters; a `---` line after the closing one is body.

use std::sync::LazyLock;

use crate::report::error::{Error, Result};
use crate::report::position::line_byte_column;
use crate::report::Code;

const BOM: &str = "\u{feff}";

/// The parts of a record file, borrowed from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    /// The opening delimiter line and the front matter, without the BOM and without the
    /// closing line. Handing this to the YAML parser (the opening `---` is YAML's own
    /// document start marker) makes every position it reports a position in the file.
    pub(crate) yaml: &'a str,
    /// Everything after the closing delimiter line, as it is in the file.
    pub(crate) body: &'a str,
}

/// A record file's front matter and body, borrowed from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The YAML between the delimiter lines (line 2 of the file onwards).
    pub yaml: &'a str,
    /// Everything after the closing delimiter line, byte for byte.
    pub body: &'a str,
}

/// Splits the text of a record file into its front matter and body, as [the
/// envelope](crate::record_format#the-envelope) says (an optional BOM, `---` lines with trailing blanks and `\r\n` allowed, `...` closing
/// too), without reading the YAML.
///
/// ```
/// use newsmatter::read::split_front_matter;
///
/// let parts = split_front_matter("---\r\ntitle: x\r\n...\r\n# Body\r\n---\r\n")?;
/// assert_eq!(parts.yaml, "title: x\r\n");
/// assert_eq!(parts.body, "# Body\r\n---\r\n");
/// assert!(split_front_matter("title: x\n").is_err());
/// # Ok::<(), newsmatter::Error>(())
/// ```
///
/// # Errors
///
/// An [`Error`](crate::Error) with the code [`Code::MissingOpeningDelimiter`](crate::report::Code),
/// `MissingClosingDelimiter`, or `YamlSyntax` for a `--- x` line inside the front matter;
/// each at its line.
pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>> {
    let parts = split(text)?;
    let yaml = parts.yaml.split_once('\n').map_or("", |(_, rest)| rest);
    Ok(FrontMatter {
        yaml,
        body: parts.body,
    })
}

/// Splits `text` into front matter and body.
///
/// # Errors
///
/// `missing-opening-delimiter` when the first line (after an optional BOM) is not `---`, at
/// line 1; `missing-closing-delimiter` when no later line is `---` or `...`, at the opening
/// line.
pub(crate) fn split(text: &str) -> Result<Parts<'_>> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let bytes = text.as_bytes();
    let opening_end = memchr::memchr(b'\n', bytes).map_or(text.len(), |n| n + 1);
    let opening = &text[..opening_end];
    if !is_delimiter(opening, "---") || !opening.ends_with('\n') {
        return Err(Error::new(
            Code::MissingOpeningDelimiter,
            "expected the first line to be `---`, the start of the front matter",
        )
        .at(1, 1));
    }
    // Only a line that starts with `-` or `.` can close the front matter (or be a stray
    // document marker): the first such line that does either decides, found by searching
    // for a line feed followed by `-`, then for one followed by `.` before it (two searches
    // that skip the other lines, rather than a step for each line).
    let after_opening = opening_end - 1;
    let decisive = |finder: &memchr::memmem::Finder<'_>, before: usize| {
        finder
            .find_iter(&bytes[after_opening..before])
            .map(|at| after_opening + at + 1)
            .find_map(|start| decide(text, start))
    };
    let dash = decisive(&DASH_LINE, bytes.len());
    let dot = decisive(
        &DOT_LINE,
        dash.as_ref().map_or(bytes.len(), |&(start, _)| start),
    );
    match dot.or(dash) {
        Some((_, Decision::Close(parts))) => Ok(parts),
        Some((start, Decision::Marker)) => Err(Error::new(
            Code::YamlSyntax,
            "a line starting with `---` or `...` inside the front matter would start a \
             second YAML document",
        )
        .at(line_of(bytes, start), 1)),
        None => Err(Error::new(
            Code::MissingClosingDelimiter,
            "the front matter opened here is never closed: expected a later line `---`",
        )
        .at(1, 1)),
    }
}

/// A line feed and a `-`: where a line that may close the front matter starts, but one.
static DASH_LINE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("\n-"));

/// A line feed and a `.`.
static DOT_LINE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("\n."));

/// What a line of the front matter that starts with `-` or `.` decides.
enum Decision<'a> {
    /// It is the closing delimiter: the parts.
    Close(Parts<'a>),
    /// It is a document marker (`--- x`): an error.
    Marker,
}

/// What the line that starts at `start` of `text` decides, with its start: nothing for a
/// line that is front matter.
fn decide(text: &str, start: usize) -> Option<(usize, Decision<'_>)> {
    let end =
        memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |n| start + n + 1);
    let line = &text[start..end];
    if is_delimiter(line, "---") || is_delimiter(line, "...") {
        let parts = Parts {
            yaml: &text[..start],
            body: &text[end..],
        };
        return Some((start, Decision::Close(parts)));
    }
    is_document_marker(line).then_some((start, Decision::Marker))
}

/// The 1-based line of the byte at `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..at]).count() + 1
}

/// Whether `line` (with its line ending, if any) is the delimiter `marker`, allowing trailing
/// spaces and tabs before a `\n` or `\r\n`.
fn is_delimiter(line: &str, marker: &str) -> bool {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    line.trim_end_matches([' ', '\t']) == marker
}

/// Whether `line` starts with YAML's document start or end marker followed by a blank: a
/// `--- x` line inside the front matter, which is not a delimiter but would still end the
/// YAML document there.
fn is_document_marker(line: &str) -> bool {
    (line.starts_with("---") || line.starts_with("..."))
        && line[3..].starts_with([' ', '\t', '\r', '\n'])
}

/// Checks that `bytes` are UTF-8, pointing at the first bad byte.
///
/// # Errors
///
/// [`Code::InvalidUtf8`](crate::Code::InvalidUtf8) with the byte offset in the message and the line and column
/// (counted in bytes) of the first invalid byte.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|err| {
        let offset = err.valid_up_to();
        let (line, column) = line_byte_column(bytes, offset);
        Error::new(
            Code::InvalidUtf8,
            format!("invalid UTF-8 at byte offset {offset}"),
        )
        .at(line, column)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Code;

    /// The split done a line at a time, as the envelope describes it: what the searches must
    /// find. `Err` holds the code and line.
    fn split_by_lines(text: &str) -> std::result::Result<(&str, &str), (Code, usize)> {
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let mut lines = text.split_inclusive('\n');
        let opening = lines.next().unwrap_or("");
        if !is_delimiter(opening, "---") || !opening.ends_with('\n') {
            return Err((Code::MissingOpeningDelimiter, 1));
        }
        let mut start = opening.len();
        for (number, line) in lines.enumerate() {
            if is_delimiter(line, "---") || is_delimiter(line, "...") {
                return Ok((&text[..start], &text[start + line.len()..]));
            }
            if is_document_marker(line) {
                return Err((Code::YamlSyntax, number + 2));
            }
            start += line.len();
        }
        Err((Code::MissingClosingDelimiter, 1))
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]

        /// Files made of lines that may open, close or break the front matter, or look like
        /// they do, with either line ending and with or without one at the end.
        #[test]
        fn finds_what_a_walk_over_the_lines_finds(
            bom in proptest::bool::ANY,
            opening in proptest::sample::select(vec!["---", "--- \t", "----", "a: 1"]),
            lines in proptest::collection::vec(
                proptest::sample::select(vec![
                    "---", "--- ", "---\t", "--- x", "---x", "----", "...", "... x", "...x",
                    "- a", "-", ".", ".a", "a: 1", "", " ---", "#---",
                ]),
                0..12,
            ),
            crlf in proptest::collection::vec(proptest::bool::ANY, 13),
            last_ending in proptest::bool::ANY,
        ) {
            let mut text = String::from(if bom { BOM } else { "" });
            let lines: Vec<&str> = std::iter::once(opening).chain(lines).collect();
            for (i, line) in lines.iter().enumerate() {
                text.push_str(line);
                if i + 1 < lines.len() || last_ending {
                    text.push_str(if crlf[i] { "\r\n" } else { "\n" });
                }
            }
            let found = split(&text)
                .map(|parts| (parts.yaml, parts.body))
                .map_err(|err| (err.code(), err.line().unwrap_or(0)));
            proptest::prop_assert_eq!(found, split_by_lines(&text), "{:?}", text);
        }
    }

    #[track_caller]
    fn parts(text: &str) -> (&str, &str) {
        let parts = split(text).unwrap();
        (parts.yaml, parts.body)
    }

    #[track_caller]
    fn fails(text: &str, code: Code) {
        let err = split(text).unwrap_err();
        assert_eq!(err.code(), code);
        assert_eq!((err.line(), err.column()), (Some(1), Some(1)));
    }

    #[test]
    fn splits_lf_and_crlf() {
        assert_eq!(parts("---\na: 1\n---\nbody\n"), ("---\na: 1\n", "body\n"));
        assert_eq!(
            parts("---\r\na: 1\r\n---\r\nbody\r\n"),
            ("---\r\na: 1\r\n", "body\r\n")
        );
    }

    #[test]
    fn strips_bom_and_trailing_blanks() {
        assert_eq!(
            parts("\u{feff}--- \t\na: 1\n---  \n"),
            ("--- \t\na: 1\n", "")
        );
    }

    #[test]
    fn closing_dots_and_closer_at_eof() {
        assert_eq!(parts("---\na: 1\n...\nx"), ("---\na: 1\n", "x"));
        assert_eq!(parts("---\na: 1\n---"), ("---\na: 1\n", ""));
    }

    #[test]
    fn later_rules_are_body() {
        assert_eq!(
            parts("---\na: 1\n---\n---\n----\n"),
            ("---\na: 1\n", "---\n----\n")
        );
    }

    #[test]
    fn four_dashes_and_text_after_dashes_are_not_delimiters() {
        fails("----\na: 1\n---\n", Code::MissingOpeningDelimiter);
        fails("--- x\na: 1\n---\n", Code::MissingOpeningDelimiter);
        fails("---\na: 1\n----\n", Code::MissingClosingDelimiter);
    }

    #[test]
    fn document_markers_inside_front_matter_are_errors() {
        for text in ["---\na: 1\n--- x\n---\n", "---\na: 1\n... x\n---\n"] {
            let err = split(text).unwrap_err();
            assert_eq!(err.code(), Code::YamlSyntax);
            assert_eq!((err.line(), err.column()), (Some(3), Some(1)));
        }
    }

    #[test]
    fn missing_delimiters() {
        fails("", Code::MissingOpeningDelimiter);
        fails("---", Code::MissingOpeningDelimiter);
        fails("a: 1\n", Code::MissingOpeningDelimiter);
        fails("---\na: 1\n", Code::MissingClosingDelimiter);
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let err = utf8(b"---\nab\xffc\n").unwrap_err();
        assert_eq!(err.code(), Code::InvalidUtf8);
        assert_eq!(err.message(), "invalid UTF-8 at byte offset 6");
        assert_eq!((err.line(), err.column()), (Some(2), Some(3)));
    }
}
