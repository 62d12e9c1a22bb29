//! Cutting the front matter into lines, skipping blank and comment lines, and refusing the
//! characters whose meaning in YAML the fast reader does not model.

use crate::read::decline::DeclineReason;

use super::{Decline, Result};

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
            let (end, next) = match memchr::memchr(b'\n', &bytes[start..]) {
                Some(n) => {
                    let newline = start + n;
                    let end = if newline > start && bytes[newline - 1] == b'\r' {
                        newline - 1
                    } else {
                        newline
                    };
                    (end, newline + 1)
                }
                None => (bytes.len(), bytes.len()),
            };
            self.pos = next;
            check_characters(bytes, start, end)?;
            let at = start + bytes[start..end].iter().take_while(|&&b| b == b' ').count();
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

/// Refuses, in `bytes[start..end]`, a tab, and any character that YAML forbids or reads as a
/// line break: the C0 and C1 controls, DEL, a lone `\r`, NEL, LS, PS, U+FEFF, U+FFFE, U+FFFF.
fn check_characters(bytes: &[u8], start: usize, end: usize) -> Result<()> {
    let line = &bytes[start..end];
    if printable_ascii(line) {
        return Ok(());
    }
    for (i, &b) in line.iter().enumerate() {
        let refused = match b {
            b'\t' => Some(DeclineReason::Tab),
            0x00..=0x1f | 0x7f => Some(DeclineReason::Character),
            0xc2 => line
                .get(i + 1)
                .is_some_and(|&next| next < 0xa0)
                .then_some(DeclineReason::Character),
            0xe2 => (line.get(i + 1..i + 3) == Some(&[0x80, 0xa8][..])
                || line.get(i + 1..i + 3) == Some(&[0x80, 0xa9][..]))
            .then_some(DeclineReason::Character),
            0xef => matches!(
                line.get(i + 1..i + 3),
                Some([0xbb, 0xbf] | [0xbf, 0xbe | 0xbf])
            )
            .then_some(DeclineReason::Character),
            _ => None,
        };
        if let Some(reason) = refused {
            return Err(Decline::new(reason, start + i));
        }
    }
    Ok(())
}

/// Whether every byte of `bytes` is printable ASCII (`0x20..0x7f`), the common case, tested
/// eight bytes at a time.
fn printable_ascii(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // A byte below 0x20, at or above 0x80, or equal to 0x7f sets its high bit in `refused`.
    let refused = |word: u64| {
        let below_space = word.wrapping_sub(ONES * 0x20) & !word;
        let del = word ^ (ONES * 0x7f);
        let is_del = del.wrapping_sub(ONES) & !del;
        (below_space | is_del | word) & HIGH
    };
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if refused(u64::from_ne_bytes(word)) != 0 {
            return false;
        }
    }
    chunks.remainder().iter().all(|b| (0x20..0x7f).contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_refuses_every_other_byte_at_every_place() {
        for byte in 0..=u8::MAX {
            for len in 1..20 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    assert_eq!(
                        printable_ascii(&bytes),
                        (0x20..0x7f).contains(&byte),
                        "{byte:#x} at {at} of {len}"
                    );
                }
            }
        }
    }
}
