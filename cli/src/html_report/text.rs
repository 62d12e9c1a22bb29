//! Text from records and file names, made fit for the page: controls and bidirectional
//! overrides made visible as on a terminal ([`terminal::escape`]), and the noncharacters that
//! HTML counts as parse errors too. The markup escaping itself is maud's.

use std::borrow::Cow;
use std::fmt::Write;

use crate::terminal;

/// Whether `c` is a Unicode noncharacter (U+FDD0–U+FDEF, and the last two code points of
/// every plane), which an HTML parser reports as an error.
fn is_noncharacter(c: char) -> bool {
    let c = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&c) || c & 0xFFFE == 0xFFFE
}

/// The most characters of one text from a record or a file name that the page shows (the
/// whole is in the file, and in `newsmatter check`): what keeps the page a few megabytes
/// whatever the records hold.
pub const MAX_CHARS: usize = 300;

/// `text` as it can stand in the page: every character [`terminal::escape`] writes as an
/// escape, and every noncharacter, written as `\u{…}`; cut to [`MAX_CHARS`] characters.
pub fn visible(text: &str) -> Cow<'_, str> {
    let text = terminal::escape(text);
    let text = if text.chars().any(is_noncharacter) {
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if is_noncharacter(c) {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    } else {
        text
    };
    match text.char_indices().nth(MAX_CHARS) {
        Some(_) => Cow::Owned(short(&text, MAX_CHARS)),
        None => text,
    }
}

/// The longest URL the page links to, in bytes.
const MAX_LINK: usize = 2048;

/// `text` cut to `chars` characters, with `…` when cut.
pub fn short(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// `url` when it is an `http` or `https` URL, the only ones the page links to (a record's
/// text could hold `javascript:`).
pub fn link(url: &str) -> Option<&str> {
    // A link longer than browsers keep is shown as text only.
    if url.len() > MAX_LINK {
        return None;
    }
    let parsed = newsmatter::url::Url::parse(url).ok()?;
    matches!(parsed.scheme(), "http" | "https").then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_made_visible() {
        assert_eq!(visible("plain é"), "plain é");
        assert_eq!(visible("a\u{1b}[31m\nb"), "a\\u{1b}[31m\\nb");
        assert_eq!(visible("x\u{fdd0}y\u{1fffe}"), "x\\u{fdd0}y\\u{1fffe}");
        assert_eq!(visible("\u{202e}gnp.exe"), "\\u{202e}gnp.exe");
        let long = "\u{1b}".repeat(MAX_CHARS);
        let shown = visible(&long);
        assert_eq!(shown.chars().count(), MAX_CHARS + 1);
        assert!(shown.starts_with("\\u{1b}\\u{1b}") && shown.ends_with('…'));
    }

    #[test]
    fn long_text_is_cut_on_a_character() {
        assert_eq!(short("short", 28), "short");
        assert_eq!(short(&"é".repeat(40), 28), format!("{}…", "é".repeat(28)));
    }

    #[test]
    fn only_web_urls_are_linked() {
        assert_eq!(
            link("https://example.com/a?b"),
            Some("https://example.com/a?b")
        );
        assert_eq!(link("http://example.com"), Some("http://example.com"));
        assert_eq!(link("javascript:alert(1)"), None);
        assert_eq!(link("data:text/html,<b>"), None);
        assert_eq!(link("not a url"), None);
        let long = format!("https://example.com/{}", "a".repeat(MAX_LINK));
        assert_eq!(link(&long), None);
    }
}
