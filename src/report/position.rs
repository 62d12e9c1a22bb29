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

#[cfg(test)]
mod tests {
    use super::*;

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
}
