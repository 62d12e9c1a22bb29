//! Byte offsets to the 1-based lines and columns that every error and diagnostic shows.
//!
//! Lines end at `\n` only, as editors count them: YAML also breaks lines at a lone `\r`, NEL,
//! LS and PS, so the YAML engine's own line numbers are never shown.

/// The 1-based line of byte `index` of `bytes`, and the offset where that line starts.
fn line_and_start(bytes: &[u8], index: usize) -> (usize, usize) {
    let before = &bytes[..index];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let start = memchr::memrchr(b'\n', before).map_or(0, |at| at + 1);
    (line, start)
}

/// The 1-based line and column, counted in characters, of byte `index` of `text`. An index
/// past the end, or inside a character, is taken back to the nearest character before it.
pub(crate) fn line_column(text: &str, index: usize) -> (usize, usize) {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    let (line, start) = line_and_start(text.as_bytes(), index);
    (line, text[start..index].chars().count() + 1)
}

/// The 1-based line and column, counted in bytes, of byte `index` of `bytes` (at most their
/// length): for text that is not UTF-8, where characters cannot be counted.
pub(crate) fn line_byte_column(bytes: &[u8], index: usize) -> (usize, usize) {
    let index = index.min(bytes.len());
    let (line, start) = line_and_start(bytes, index);
    (line, index - start + 1)
}

/// The lines of a text, found once, so that the line and column of any byte offset, and the
/// text of any line, are found in O(log n) rather than by walking the text from its start
/// (which, once per diagnostic, made a file with many diagnostics cost the square of its
/// size).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LineIndex {
    /// The offset where each line starts; the first is 0.
    starts: Vec<usize>,
    /// How many characters come before every [`CHUNK`]th byte, to count columns on a long
    /// line without walking it from its start.
    chars_before: Vec<usize>,
}

/// The distance between two of [`LineIndex`]'s character counts: a column is counted over
/// at most this many bytes.
const CHUNK: usize = 256;

/// Characters (bytes that do not continue a UTF-8 sequence) in `bytes`.
fn chars_in(bytes: &[u8]) -> usize {
    // Eight bytes at a time: a continuation byte is `10xxxxxx`, its high bit set and the next
    // one clear.
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let mut words = bytes.chunks_exact(8);
    let mut continuations = 0;
    for word in &mut words {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        let word = u64::from_le_bytes(eight);
        continuations += (word & !(word << 1) & HIGH).count_ones() as usize;
    }
    let rest = words.remainder();
    bytes.len() - continuations - rest.iter().filter(|&&b| (b as i8) < -0x40).count()
}

impl LineIndex {
    /// The lines of `text`, ended by `\n`.
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1));
        let mut chars_before = Vec::with_capacity(bytes.len() / CHUNK + 1);
        let mut count = 0;
        for chunk in bytes.chunks(CHUNK) {
            chars_before.push(count);
            count += chars_in(chunk);
        }
        chars_before.push(count);
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// Characters of `text` before byte `index`.
    fn chars_before(&self, text: &str, index: usize) -> usize {
        let chunk = index / CHUNK;
        self.chars_before[chunk] + chars_in(&text.as_bytes()[chunk * CHUNK..index])
    }

    /// As [`line_column`], for the `text` this index was built from.
    pub(crate) fn line_column(&self, text: &str, index: usize) -> (usize, usize) {
        let mut index = index.min(text.len());
        while !text.is_char_boundary(index) {
            index -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= index);
        let start = self.starts[line - 1];
        let column = self.chars_before(text, index) - self.chars_before(text, start) + 1;
        (line, column)
    }

    /// The byte offset of 1-based line `line` and column `column` (in characters) of the
    /// `text` this index was built from; `None` past the end of the line or the text.
    pub(crate) fn offset(&self, text: &str, line: usize, column: usize) -> Option<usize> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let rest = text.get(start..)?;
        let line_text = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
        match line_text.char_indices().nth(column.checked_sub(1)?) {
            Some((at, _)) => Some(start + at),
            None if line_text.chars().count() + 1 == column => Some(start + line_text.len()),
            None => None,
        }
    }

    /// The byte range of 1-based line `line` of `text`, without its `\n` (nor a `\r` before
    /// it), or `None` past the last line. A text that ends with `\n` has no empty line after
    /// it, as [`str::lines`] counts.
    pub(crate) fn line(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        if start == text.len() {
            return None;
        }
        let end = match self.starts.get(line) {
            // Ended by `\n`, perhaps after `\r`.
            Some(&next) => {
                let end = next - 1;
                if end > start && text.as_bytes()[end - 1] == b'\r' {
                    end - 1
                } else {
                    end
                }
            }
            // The last line, without a line ending: kept whole.
            None => text.len(),
        };
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn chars_in_counts_the_characters_of_any_slice(
            text in "\\PC{0,40}",
            cut in 0usize..200,
        ) {
            // A slice may start or end inside a character: its continuation bytes are not
            // counted.
            let bytes = &text.as_bytes()[cut.min(text.len())..];
            let expected = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
            prop_assert_eq!(chars_in(bytes), expected);
            prop_assert_eq!(chars_in(text.as_bytes()), text.chars().count());
        }
    }

    #[test]
    fn counts_lines_at_line_feeds_and_columns_in_characters() {
        let text = "ab\nçé x\r\ny";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 8), (2, 4));
        assert_eq!(line_column(text, 11), (3, 1));
        // Inside `é`, and past the end.
        assert_eq!(line_column(text, 6), (2, 2));
        assert_eq!(line_column(text, 99), (3, 2));
        assert_eq!(line_column("a\rb", 2), (1, 3));
    }

    #[test]
    fn counts_columns_in_bytes_for_raw_bytes() {
        assert_eq!(line_byte_column(b"---\nab\xffc\n", 6), (2, 3));
        assert_eq!(line_byte_column(b"\xff", 0), (1, 1));
    }

    /// The index answers as walking the text does, for every offset and every line, on
    /// texts with long lines (past a chunk), characters of every width, CR and an ending
    /// with or without a line feed.
    #[test]
    fn line_index_answers_as_walking_the_text() {
        let long = "é".repeat(3000) + "ab\u{1F600}" + &"x".repeat(5000);
        for text in [
            String::new(),
            "\n".to_owned(),
            "a".to_owned(),
            "ab\nçé x\r\ny".to_owned(),
            "a\r\n\r\nb\r".to_owned(),
            "x\n\n".to_owned(),
            format!("---\n{long}\ntail\n{long}"),
        ] {
            let index = LineIndex::new(&text);
            for at in 0..=text.len() + 2 {
                assert_eq!(
                    index.line_column(&text, at),
                    line_column(&text, at),
                    "{text:?} {at}"
                );
            }
            let lines: Vec<&str> = text.lines().collect();
            for line in 0..lines.len() + 3 {
                let found = index.line(&text, line).map(|range| &text[range]);
                let walked = line.checked_sub(1).and_then(|i| lines.get(i).copied());
                assert_eq!(found, walked, "{text:?} line {line}");
            }
        }
    }
}
