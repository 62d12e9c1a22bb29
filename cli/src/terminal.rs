//! Text from records and file names, made safe to print on a terminal: every character that
//! could move the cursor, change the title, forge a line or reorder what is shown is written
//! as an escape instead. JSON output needs none of this (serde_json escapes controls itself)
//! and stays exact.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is written as an escape: C0 controls but tab, DEL, C1 controls (among them
/// CSI, U+009B, which starts escape sequences on some terminals), the line and paragraph
/// separators, and the bidirectional controls of Trojan Source (U+202A–U+202E,
/// U+2066–U+2069).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character written as `\n`, `\r` or `\u{1b}`; borrowed when there
/// is none (nearly always).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text of several lines, each made safe as [`escape`] does, the line feeds kept.
pub fn escape_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            format!("{}{end}", escape(body))
        })
        .collect()
}

/// A path, as [`escape`] makes text safe.
pub fn path(path: &std::path::Path) -> String {
    escape(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_unsafe_character_as_an_escape() {
        assert_eq!(escape("plain – text\twith tab"), "plain – text\twith tab");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape("\u{1b}]0;title\u{7}x"), "\\u{1b}]0;title\\u{7}x");
        assert_eq!(escape("a\nb\rc"), "a\\nb\\rc");
        assert_eq!(
            escape("\u{9b}31m \u{7f} \u{85}"),
            "\\u{9b}31m \\u{7f} \\u{85}"
        );
        assert_eq!(escape("abc\u{202e}fed\u{2066}"), "abc\\u{202e}fed\\u{2066}");
        assert_eq!(escape("x\u{2028}y"), "x\\u{2028}y");
        assert_eq!(escape_lines("a\u{1b}\nb\r\n"), "a\\u{1b}\nb\\r\n");
    }
}
