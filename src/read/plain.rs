//! What YAML makes of a plain (unquoted) scalar: the two questions the crate asks of it, one
//! when reading and one when writing, side by side so that they stay consistent.
//!
//! Reading asks [`may_resolve`], a cheap superset of YAML 1.2's core schema as serde_yaml
//! applies it, to know when the fast pass may skip that resolution. Writing asks
//! [`resolves_to_non_string`], stricter about numbers and wider about words (YAML 1.1's
//! `yes` and `off` too, for other readers), to know when a string must be quoted. They differ
//! on purpose (`1a` may resolve, but reads back as text, so it is written plain) and must
//! agree on every text that YAML 1.2 does not read as a string.

/// The words YAML 1.2's core schema reads as null or a boolean, in any case: `Null`, `TRUE`.
const CORE_WORDS: &[&str] = &["null", "true", "false"];

/// Whether a plain scalar written as `text` might be read by YAML 1.2's core schema, as
/// serde_yaml applies it, as something other than a string: null (`""`, `~`, `null`), a
/// boolean (`true`, `False`), an integer (`12`, `-0x1F`, `0o17`, `0b1`) or a float (`1.5e3`,
/// `.inf`, `-.NaN`). A superset, cheap to test: numbers are recognised by their first
/// character and their alphabet only.
pub(crate) fn may_resolve(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.first() {
        None => true,
        Some(b'0'..=b'9' | b'+' | b'-' | b'.') => bytes.iter().all(|b| {
            matches!(b, b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F' | b'x' | b'o' | b'i' | b'n'
                | b'I' | b'N' | b'.' | b'+' | b'-')
        }),
        Some(b'~') => bytes.len() == 1,
        Some(b'n' | b'N' | b't' | b'T' | b'f' | b'F') => CORE_WORDS
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word)),
        _ => false,
    }
}

/// Whether a tag (`!x`, `!!int`) may start anywhere in `yaml`: a `!` where a node can begin.
/// A superset again: a `!` after a blank or a flow indicator, as in `Wow !`, counts too.
pub(crate) fn may_hold_tags(yaml: &str) -> bool {
    let bytes = yaml.as_bytes();
    memchr::memchr_iter(b'!', bytes).any(|i| {
        i == 0
            || matches!(
                bytes[i - 1],
                b' ' | b'\t' | b'\r' | b'\n' | b'[' | b'{' | b',' | b':'
            )
    })
}

/// Whether a plain scalar would be read as null, a boolean or a number, by YAML 1.2's core
/// schema or by YAML 1.1 readers (`yes`, `off`): such text is quoted to stay a string.
pub(crate) fn resolves_to_non_string(text: &str) -> bool {
    const YAML_1_1_WORDS: &[&str] = &["yes", "no", "on", "off", "y", "n"];
    const SPECIAL_FLOATS: &[&str] = &[".inf", "+.inf", "-.inf", ".nan"];
    let is_word = |word: &&str| word.eq_ignore_ascii_case(text);
    if text == "~"
        || CORE_WORDS.iter().any(is_word)
        || YAML_1_1_WORDS.iter().any(is_word)
        || SPECIAL_FLOATS.iter().any(is_word)
    {
        return true;
    }
    let digits = text.trim_start_matches(['+', '-']);
    let numeric_start = digits.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    numeric_start
        && (text.parse::<f64>().is_ok() || ["0x", "0o", "0b"].iter().any(|p| digits.starts_with(p)))
}

/// A double-quoted scalar (YAML 1.2 §7.3.1). Escapes what YAML would not keep as written:
/// `"` and `\`, C0 and C1 controls, DEL, the BOM, non-characters, and the characters that
/// libyaml folds as line breaks (NEL, LS, PS).
pub(crate) fn quoted(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    out.write_char('"')?;
    let mut rest = text;
    while let Some(at) = rest.find(needs_escape) {
        out.write_str(&rest[..at])?;
        let c = rest[at..].chars().next().unwrap_or_default();
        match c {
            '"' => out.write_str("\\\"")?,
            '\\' => out.write_str("\\\\")?,
            '\0' => out.write_str("\\0")?,
            '\t' => out.write_str("\\t")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\u{85}' => out.write_str("\\N")?,
            '\u{2028}' => out.write_str("\\L")?,
            '\u{2029}' => out.write_str("\\P")?,
            c if (c as u32) <= 0xFF => write!(out, "\\x{:02X}", c as u32)?,
            c => write!(out, "\\u{:04X}", c as u32)?,
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.write_str(rest)?;
    out.write_char('"')
}

pub(crate) fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '"' | '\\' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
    ) || c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_reading_doubts_covers_what_writing_quotes_in_yaml_1_2() {
        for text in [
            "~", "null", "NULL", "True", "false", "12", "-12", "+5", "0x1F", "0o17", "1.5", "1e3",
            ".inf", "-.inf", ".nan", ".5",
        ] {
            assert!(may_resolve(text), "{text}");
            assert!(resolves_to_non_string(text), "{text}");
        }
        // Only writing quotes YAML 1.1's words; only reading doubts text like `1a`.
        assert!(!may_resolve("yes") && resolves_to_non_string("yes"));
        assert!(may_resolve("1a") && !resolves_to_non_string("1a"));
        assert!(!may_resolve("news") && !resolves_to_non_string("news"));
    }
}
