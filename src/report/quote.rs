//! Text that a message quotes from a record, bounded: a diagnostic on one file may quote
//! another file's text (a cited record's title), and thousands of entries citing one large
//! record must not each copy all of it.

use std::borrow::Cow;

/// The most characters of a value that a message quotes.
pub(crate) const QUOTED_CHARS: usize = 200;

/// `text` as a message quotes it: whole up to [`QUOTED_CHARS`] characters, else its first
/// [`QUOTED_CHARS`] and how many more there are (`…[+1234 characters]`).
pub(crate) fn quoted(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(QUOTED_CHARS) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => {
            let more = text[cut..].chars().count();
            Cow::Owned(format!("{}…[+{more} characters]", &text[..cut]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_short_text_whole_and_cuts_long_text_at_a_character() {
        assert!(matches!(quoted("A title"), Cow::Borrowed("A title")));
        let exact = "é".repeat(QUOTED_CHARS);
        assert_eq!(quoted(&exact), exact);
        let long = "é".repeat(QUOTED_CHARS + 5);
        assert_eq!(
            quoted(&long),
            format!("{}…[+5 characters]", "é".repeat(QUOTED_CHARS))
        );
    }
}
