//! The fixes of the rules, as data: what a rule would write instead ([`Repair`]), made into
//! an edit of the file ([`Suggestion`]) once the value is located; the text repairs
//! themselves (HTML entities, mojibake); and applying edits to a text.

use crate::read::plain::quoted;
use crate::read::positions::Locator;
use crate::report::{FieldPath, Segment, Suggestion};

/// What a rule would write instead of what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repair {
    message: &'static str,
    action: Action,
    safe: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    /// The diagnostic's value becomes this text.
    Value(String),
    /// The item of a sequence at this path goes.
    Remove(FieldPath),
}

impl Repair {
    /// The value becomes `text` (written as a double-quoted scalar): a safe fix.
    pub(crate) fn value(message: &'static str, text: String) -> Self {
        Repair {
            message,
            action: Action::Value(text),
            safe: true,
        }
    }

    /// The sequence item at `item` goes.
    pub(crate) fn remove(message: &'static str, item: FieldPath, safe: bool) -> Self {
        Repair {
            message,
            action: Action::Remove(item),
            safe,
        }
    }

    /// The edit of the file that makes the repair, for the diagnostic at `path`; `None`
    /// where the values cannot be found or the item not cut out cleanly.
    pub(crate) fn suggestion(
        &self,
        path: &FieldPath,
        locator: &Locator<'_>,
        yaml: &str,
    ) -> Option<Suggestion> {
        let (span, replacement) = match &self.action {
            Action::Value(text) => {
                let mut replacement = String::with_capacity(text.len() + 2);
                // Writing to a String cannot fail.
                let _ = quoted(&mut replacement, text);
                (locator.value_span(path)?, replacement)
            }
            Action::Remove(item) => {
                let (start, end, replacement) = removal(item, locator, yaml)?;
                (locator.span(start, end), replacement)
            }
        };
        Some(Suggestion::new(
            self.message.to_owned(),
            replacement,
            span,
            self.safe,
        ))
    }
}

/// The range of `yaml` (offsets in it) that removing the sequence item at `item` replaces,
/// and with what: in a block sequence the item's lines, in a flow sequence the item and
/// the comma before it (or after it, for the first); a sequence's only item makes it `[]`.
fn removal(item: &FieldPath, locator: &Locator<'_>, yaml: &str) -> Option<(usize, usize, String)> {
    let Some(Segment::Index(index)) = item.segments().last() else {
        return None;
    };
    let parent = item.parent()?;
    let sibling = |i: usize| locator.value_span(&parent.clone().index(i));
    let base = locator.base();
    let span = locator.value_span(item)?;
    let (start, end) = (span.start.offset - base, span.end.offset - base);
    let before = index.checked_sub(1).and_then(sibling);
    let after = sibling(index + 1);
    if before.is_none() && after.is_none() {
        let whole = locator.value_span(&parent)?;
        return Some((
            whole.start.offset - base,
            whole.end.offset - base,
            "[]".to_owned(),
        ));
    }
    let line_start = yaml[..start].rfind('\n').map_or(0, |nl| nl + 1);
    let dash = yaml[line_start..start].trim_start_matches(' ');
    let block = dash.starts_with('-') && dash[1..].trim_matches(' ').is_empty();
    if block {
        // To the end of the item's last line: only blanks or a comment may follow it.
        let line_end = yaml[end..].find('\n').map_or(yaml.len(), |nl| end + nl + 1);
        let rest = yaml[end..line_end].trim();
        if !(rest.is_empty() || rest.starts_with('#')) {
            return None;
        }
        return Some((line_start, line_end, String::new()));
    }
    match (before, after) {
        (Some(before), _) => Some((before.end.offset - base, end, String::new())),
        (None, Some(after)) => Some((start, after.start.offset - base, String::new())),
        (None, None) => None,
    }
}

/// `text` with its HTML entities decoded (those `html-entity` finds), again while that
/// changes it, at most three times: `&amp;#39;` becomes `'`.
pub(crate) fn decode_html_entities(text: &str) -> String {
    let mut out = text.to_owned();
    for _ in 0..3 {
        let once = decode_once(&out);
        if once == out {
            break;
        }
        out = once;
    }
    out
}

/// One pass of [`decode_html_entities`].
fn decode_once(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        // `;` is ASCII: found among the next bytes, it ends the name on a character boundary.
        let decoded = after.as_bytes()[..after.len().min(10)]
            .iter()
            .position(|&b| b == b';')
            .and_then(|end| Some((entity(&after[..end])?, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "iacute" => 'í',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        "euro" => '€',
        "pound" => '£',
        "middot" => '·',
        "bull" => '•',
        "deg" => '°',
        _ => return None,
    })
}

/// The byte Windows-1252 writes as `c`, for the characters it has.
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match u32::from(c) {
        code @ (0..=0x7F | 0xA0..=0xFF) => u8::try_from(code).ok(),
        _ => HIGH
            .iter()
            .position(|&high| high == c)
            .and_then(|i| u8::try_from(0x80 + i).ok()),
    }
}

/// `text` with every run of characters that is UTF-8 read as Windows-1252 read as UTF-8
/// again: `â€“` becomes `–`, `Ã©` becomes `é`. What does not decode is kept.
pub(crate) fn repair_mojibake(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // A lead byte of a two-, three- or four-byte sequence, then its continuations.
        let lead = cp1252_byte(chars[i]).filter(|b| (0xC2..=0xF4).contains(b));
        let decoded = lead.and_then(|lead| {
            let len = match lead {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let bytes: Vec<u8> = chars
                .get(i..i + len)?
                .iter()
                .map(|&c| cp1252_byte(c))
                .collect::<Option<_>>()?;
            let c = std::str::from_utf8(&bytes).ok()?.chars().next()?;
            Some((c, len))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                i += len;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// `text` with the edits applied that do not overlap an earlier one (by start), each
/// `(start, end, replacement)` in byte offsets of `text`; the others are left for another
/// pass. Gives the text and the indices (in `edits`) of the edits it applied.
pub(crate) fn apply_edits(text: &str, edits: &[(usize, usize, &str)]) -> (String, Vec<usize>) {
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&i| (edits[i].0, edits[i].1));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = Vec::new();
    for i in order {
        let (start, end, replacement) = edits[i];
        let fits = start >= at && end >= start && end <= text.len();
        if !fits || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(replacement);
        at = end;
        applied.push(i);
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_entities_also_escaped_twice() {
        assert_eq!(
            decode_html_entities("It&#8217;s &amp;#39;here&amp;#39; &amp; there"),
            "It’s 'here' & there"
        );
        assert_eq!(
            decode_html_entities("&#x2013; &eacute; &nope; & ;&"),
            "– é &nope; & ;&"
        );
        assert_eq!(decode_html_entities("&#0; &#99999999;"), "&#0; &#99999999;");
        // An entity followed closely by characters of several bytes.
        assert_eq!(decode_html_entities("&amp;é’’"), "&é’’");
    }

    #[test]
    fn repairs_utf8_read_as_windows_1252() {
        assert_eq!(repair_mojibake("votes â€“ again"), "votes – again");
        assert_eq!(repair_mojibake("CafÃ© â€œquoteâ€\u{9d}"), "Café “quote”");
        assert_eq!(repair_mojibake("Â£5 and ðŸ˜€"), "£5 and 😀");
        // What is not mojibake stays.
        assert_eq!(repair_mojibake("Ã alone, â, plain"), "Ã alone, â, plain");
    }

    #[test]
    fn applies_edits_that_do_not_overlap() {
        let edits = [(4, 5, "X"), (0, 1, ""), (0, 2, "no")];
        assert_eq!(
            apply_edits("abcdef", &edits),
            ("bcdXf".to_owned(), vec![1, 0])
        );
    }
}
