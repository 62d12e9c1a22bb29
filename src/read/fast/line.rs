//! Cutting the front matter into lines, skipping blank and comment lines, and refusing the
//! characters whose meaning in YAML the fast reader does not model.

use crate::read::fast::decline::{Decline, DeclineReason, Result};

/// One line with content: where it starts, where its content starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Line {
    /// The offset of the line's first byte.
    pub(super) start: usize,
    /// The offset of its first non-space byte (for the rest of a `- key: value` line, the
    /// key's).
    pub(super) at: usize,
    /// Its column, 0-based: `at - start`.
    pub(super) indent: usize,
    /// The offset where its content ends: before `\r\n` or `\n`, or at the end of the text.
    pub(super) end: usize,
    /// The offset of the next line.
    pub(super) next: usize,
}

impl Line {
    /// Whether the line is a list item: `-` then a space or the end of the line.
    pub(super) fn is_dash(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        bytes[self.at] == b'-' && (self.at + 1 == self.end || bytes[self.at + 1] == b' ')
    }
}

/// The lines of a front matter, read in order, one looked ahead.
pub(super) struct Lines<'y> {
    text: &'y str,
    /// The offset of the first line not yet looked at.
    pos: usize,
    /// The next line with content, once looked at.
    peeked: Option<Line>,
}

impl<'y> Lines<'y> {
    /// The lines of `text` from offset `pos`.
    pub(super) fn new(text: &'y str, pos: usize) -> Self {
        Lines {
            text,
            pos,
            peeked: None,
        }
    }

    pub(super) fn text(&self) -> &'y str {
        self.text
    }

    /// The next line with content (not blank, not only a comment), without taking it.
    pub(super) fn peek(&mut self) -> Result<Option<Line>> {
        if self.peeked.is_none() {
            self.peeked = self.next_content()?;
        }
        Ok(self.peeked)
    }

    /// Takes the line [`Lines::peek`] gave.
    pub(super) fn advance(&mut self) {
        self.peeked = None;
    }

    /// Makes the rest of `line` from `at` on the next line, as if it were indented to
    /// there: the mapping that starts on a `- key: value` line.
    pub(super) fn push_back(&mut self, line: Line, at: usize) {
        self.peeked = Some(Line {
            at,
            indent: at - line.start,
            ..line
        });
    }

    fn next_content(&mut self) -> Result<Option<Line>> {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            let start = self.pos;
            let (end, next) = cut_line(bytes, start)?;
            self.pos = next;
            let at = start + spaces(&bytes[start..end]);
            if at == end || bytes[at] == b'#' {
                continue;
            }
            return Ok(Some(Line {
                start,
                at,
                indent: at - start,
                end,
                next,
            }));
        }
        Ok(None)
    }
}

/// The end of the line that starts at `start` (before its `\n` or `\r\n`) and the start of
/// the next, checking each character on the way: a tab is refused, and so is any character
/// that YAML forbids or reads as a line break (the C0 and C1 controls, DEL, a lone `\r`,
/// NEL, LS, PS, U+FEFF, U+FFFE, U+FFFF). Printable ASCII, nearly all of a front matter, is
/// passed over eight bytes at a time.
fn cut_line(bytes: &[u8], start: usize) -> Result<(usize, usize)> {
    let mut i = start;
    loop {
        while let Some(wide) = bytes.get(i..i + WIDE) {
            if !all_printable(wide) {
                break;
            }
            i += WIDE;
        }
        while let Some(chunk) = bytes.get(i..i + 8) {
            let other = not_printable(chunk);
            if other != 0 {
                // The lowest byte flagged is the first that is not printable ASCII.
                i += (other.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        let Some(&b) = bytes.get(i) else {
            return Ok((i, i));
        };
        match b {
            0x20..=0x7e => i += 1,
            b'\n' => return Ok((i, i + 1)),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => return Ok((i, i + 2)),
            b'\t' => return Err(Decline::new(DeclineReason::Tab, i)),
            0x00..=0x1f | 0x7f => return Err(Decline::new(DeclineReason::Character, i)),
            // The first byte of a character of two to four (the text is UTF-8).
            _ => {
                let refused = match b {
                    0xc2 => bytes.get(i + 1).is_some_and(|&next| next < 0xa0),
                    0xe2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xa8 | 0xa9])),
                    0xef => matches!(
                        bytes.get(i + 1..i + 3),
                        Some([0xbb, 0xbf] | [0xbf, 0xbe | 0xbf])
                    ),
                    _ => false,
                };
                if refused {
                    return Err(Decline::new(DeclineReason::Character, i));
                }
                i += match b {
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    _ => 4,
                };
            }
        }
    }
}

/// The bytes [`cut_line`] passes over at once while they are all printable ASCII.
const WIDE: usize = 16;

/// Whether every byte of `bytes` is printable ASCII (`0x20..=0x7e`): a loop without an early
/// exit, which the compiler turns into vector instructions.
fn all_printable(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .fold(true, |all, &b| all & (b.wrapping_sub(0x20) < 0x5f))
}

/// How many spaces `bytes` starts with, eight bytes at a time: indentation, and the blanks
/// after a `:` or a `-`, without a branch per space.
pub(super) fn spaces(bytes: &[u8]) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let other = u64::from_le_bytes(word) ^ SPACES;
        if other != 0 {
            // The first byte that is not a space is the lowest one set, in little-endian.
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|&&b| b == b' ').count()
}

/// The high bit of each of the eight bytes of `chunk` that is not printable ASCII (below
/// 0x20, 0x7f, or 0x80 and above), exact for the lowest one: borrows only run upward.
fn not_printable(chunk: &[u8]) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let mut bytes = [0; 8];
    bytes.copy_from_slice(chunk);
    let word = u64::from_le_bytes(bytes);
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let del = word ^ (ONES * 0x7f);
    let is_del = del.wrapping_sub(ONES) & !del;
    (below_space | is_del | word) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_counts_the_leading_spaces_of_any_length() {
        for len in 0..30 {
            for count in 0..=len {
                let mut bytes = vec![b' '; count];
                bytes.extend(std::iter::repeat_n(b'x', len - count));
                assert_eq!(spaces(&bytes), count, "{count} of {len}");
                if count < len {
                    // Any other byte ends the spaces, a tab too.
                    bytes[count] = b'\t';
                    assert_eq!(spaces(&bytes), count);
                }
            }
        }
    }

    /// Every ASCII byte at every place of lines of every length up to 20: a line break
    /// ends the line, a tab or a control character is refused, anything else passes.
    #[test]
    fn cut_line_ends_at_line_breaks_and_refuses_controls_anywhere() {
        // Lines of up to two wide steps and a remainder of eight-byte words and bytes.
        for byte in 0..0x80_u8 {
            for len in 1..2 * WIDE + 9 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    let expected = match byte {
                        b'\n' => Ok((at, at + 1)),
                        b'\t' => Err(Decline::new(DeclineReason::Tab, at)),
                        0x00..=0x1f | 0x7f => Err(Decline::new(DeclineReason::Character, at)),
                        _ => Ok((len, len)),
                    };
                    assert_eq!(cut_line(&bytes, 0), expected, "{byte:#x} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn cut_line_takes_crlf_and_characters_of_every_width() {
        let text = "a\u{e9}\u{2026}\u{1f980}b\r\nnext";
        assert_eq!(cut_line(text.as_bytes(), 0), Ok((11, 13)));
        // After a wide step too: a character of two to four bytes stops one.
        let long = format!("{}{text}", "p".repeat(WIDE + 3));
        assert_eq!(cut_line(long.as_bytes(), 0), Ok((WIDE + 14, WIDE + 16)));
        let wide = "w".repeat(WIDE + 5);
        for refused in [
            "\u{85}", "\u{9f}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{fffe}", "\u{ffff}", "\r",
        ] {
            for before in ["", "abcdefghij", wide.as_str()] {
                let text = format!("{before}{refused}x\n");
                assert_eq!(
                    cut_line(text.as_bytes(), 0),
                    Err(Decline::new(DeclineReason::Character, before.len())),
                    "{text:?}"
                );
            }
        }
        // Printable characters next to the refused ones pass.
        let text = "\u{a0}\u{2027}\u{202a}\u{fefe}\u{fffd}\u{10ffff}\n";
        assert_eq!(
            cut_line(text.as_bytes(), 0),
            Ok((text.len() - 1, text.len()))
        );
    }
}
