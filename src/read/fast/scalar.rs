//! One scalar on one line: plain, double-quoted or single-quoted, or the empty list `[]`.

use std::borrow::Cow;

use crate::read::fast::decline::{Broken, Decline, DeclineReason, Result};
use crate::read::plain::may_resolve;

use super::line::spaces;

/// A scalar as written, with the offset of its first character (a quote, for quoted ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Scalar<'y> {
    pub(super) at: usize,
    /// Just past its last character (its closing quote, for quoted ones).
    pub(super) end: usize,
    pub(super) text: Cow<'y, str>,
    pub(super) plain: bool,
}

impl<'y> Scalar<'y> {
    /// The scalar's text where text is expected: a plain scalar that YAML may read as
    /// something else (`12`, `~`, `true`) is declined.
    pub(super) fn into_text(self) -> Result<Cow<'y, str>> {
        if self.plain && may_resolve(&self.text) {
            return Err(Decline::value(DeclineReason::PlainScalar, self.at));
        }
        Ok(self.text)
    }

    /// The integer a plain scalar writes, resolved as the general reader resolves it (YAML
    /// 1.2's core schema as serde_yaml applies it: `54`, `+54`, `-1`, `0x36`, `0o66`,
    /// `0b110110`, but not `054`, which is text).
    pub(super) fn integer(&self) -> Result<Integer> {
        if !self.plain {
            return Err(Decline::value(DeclineReason::WrongType, self.at));
        }
        resolve_integer(&self.text).ok_or(Decline::value(DeclineReason::PlainScalar, self.at))
    }

    /// The boolean a plain scalar writes: `true`, `True`, `TRUE`, `false`, `False`, `FALSE`.
    pub(super) fn boolean(&self) -> Result<bool> {
        match (self.plain, &*self.text) {
            (true, "true" | "True" | "TRUE") => Ok(true),
            (true, "false" | "False" | "FALSE") => Ok(false),
            (true, _) => Err(Decline::value(DeclineReason::PlainScalar, self.at)),
            (false, _) => Err(Decline::value(DeclineReason::WrongType, self.at)),
        }
    }
}

/// An integer as serde_yaml resolves it, and hands it to a visitor: `visit_u64` for what
/// reads as unsigned, `visit_i64` for the rest (`-1`, and `-0` too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Integer {
    Unsigned(u64),
    Signed(i64),
}

/// The integer that serde_yaml resolves the plain scalar `text` to, if it fits `u64` or
/// `i64`, tried in its order: unsigned, then signed. Larger integers, which it reads as
/// 128-bit, are `None`: no field takes them.
fn resolve_integer(text: &str) -> Option<Integer> {
    unsigned(text)
        .map(Integer::Unsigned)
        .or_else(|| signed(text).map(Integer::Signed))
}

/// The prefixes of integers in other radixes.
const RADIXES: [(&str, u32); 3] = [("0x", 16), ("0o", 8), ("0b", 2)];

/// An optional `+`, then `0x`, `0o` or `0b` and digits, or decimal digits without a leading
/// zero, as serde_yaml's `parse_unsigned_int`.
fn unsigned(text: &str) -> Option<u64> {
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    for (prefix, radix) in RADIXES {
        if let Some(digits) = unsigned.strip_prefix(prefix) {
            if digits.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = u64::from_str_radix(digits, radix) {
                return Some(n);
            }
        }
    }
    if unsigned.starts_with(['+', '-']) || leading_zero(text) {
        return None;
    }
    unsigned.parse().ok()
}

/// `-0x`, `-0o` or `-0b` and digits, or a decimal integer without a leading zero, as
/// serde_yaml's `parse_negative_int` (which `-0` passes too).
fn signed(text: &str) -> Option<i64> {
    for (prefix, radix) in RADIXES {
        let Some(digits) = text
            .strip_prefix('-')
            .and_then(|rest| rest.strip_prefix(prefix))
        else {
            continue;
        };
        // What `i64::from_str_radix` reads of `-` and `digits`: digits alone, down to -2^63.
        if !digits.starts_with(['+', '-']) {
            if let Ok(n) = u64::from_str_radix(digits, radix) {
                if let Ok(n) = i64::try_from(-i128::from(n)) {
                    return Some(n);
                }
            }
        }
    }
    if leading_zero(text) {
        return None;
    }
    text.parse().ok()
}

/// Whether `text` is a `0` followed by digits, after an optional sign: YAML 1.2 reads that
/// as text, not as a number.
fn leading_zero(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A plain scalar from `at` to the end of the line or a comment, without trailing spaces;
/// declined if it holds `: ` or ends in `:`, which YAML reads as a key.
pub(super) fn plain<'y>(text: &'y str, at: usize, end: usize) -> Result<Scalar<'y>> {
    let bytes = text.as_bytes();
    let mut stop = end;
    for i in memchr::memchr2_iter(b':', b'#', &bytes[at..end]) {
        let i = at + i;
        if bytes[i] == b':' && (i + 1 == end || bytes[i + 1] == b' ') {
            let broken = Broken::MappingValue;
            return Err(Decline::broken(DeclineReason::PlainScalar, at, broken, i));
        }
        if bytes[i] == b'#' && bytes[i - 1] == b' ' {
            stop = i;
            break;
        }
    }
    let value = text[at..stop].trim_end_matches(' ');
    Ok(Scalar {
        at,
        end: at + value.len(),
        text: Cow::Borrowed(value),
        plain: true,
    })
}

/// A double-quoted scalar closed on its line; the escapes `\"`, `\\`, `\/`, `\n`, `\r` and
/// `\t` only.
pub(super) fn double_quoted<'y>(text: &'y str, at: usize, end: usize) -> Result<Scalar<'y>> {
    let find = |rest: &[u8]| memchr::memchr2(b'"', b'\\', rest);
    quoted_scalar(text, at, end, find, |bytes, i| {
        if bytes[i] == b'"' {
            return Ok(None);
        }
        match bytes.get(i + 1).filter(|_| i + 1 < end) {
            Some(b'"') => Ok(Some('"')),
            Some(b'\\') => Ok(Some('\\')),
            Some(b'/') => Ok(Some('/')),
            Some(b'n') => Ok(Some('\n')),
            Some(b'r') => Ok(Some('\r')),
            Some(b't') => Ok(Some('\t')),
            _ => Err(Decline::new(DeclineReason::Escape, i)),
        }
    })
}

/// A single-quoted scalar closed on its line; `''` is a quote.
pub(super) fn single_quoted<'y>(text: &'y str, at: usize, end: usize) -> Result<Scalar<'y>> {
    let find = |rest: &[u8]| memchr::memchr(b'\'', rest);
    quoted_scalar(text, at, end, find, |bytes, i| {
        let doubled = bytes.get(i + 1) == Some(&b'\'') && i + 1 < end;
        Ok(doubled.then_some('\''))
    })
}

/// A quoted scalar opened at `at` and closed on its line (before `end`): `find` gives the
/// offset of the next byte that closes or escapes, and `escape` what stands at `i` there: the
/// two-byte escape of a character, or `None` for the closing quote.
fn quoted_scalar<'y>(
    text: &'y str,
    at: usize,
    end: usize,
    find: impl Fn(&[u8]) -> Option<usize>,
    escape: impl Fn(&[u8], usize) -> Result<Option<char>>,
) -> Result<Scalar<'y>> {
    let bytes = text.as_bytes();
    let start = at + 1;
    let mut owned: Option<String> = None;
    let mut copied = start;
    let mut i = start;
    loop {
        let Some(found) = find(&bytes[i..end]) else {
            return Err(Decline::new(DeclineReason::MultiLineScalar, at));
        };
        i += found;
        let Some(unescaped) = escape(bytes, i)? else {
            break;
        };
        let buffer = owned.get_or_insert_with(|| String::with_capacity(end - start));
        buffer.push_str(&text[copied..i]);
        buffer.push(unescaped);
        i += 2;
        copied = i;
    }
    after_value(bytes, i + 1, end)?;
    Ok(quoted(text, at, owned, copied, i))
}

/// The quoted scalar opened at `at` and closed at `close`: its text borrowed when it held no
/// escape, else `owned` (everything up to `copied`, unescaped) and the rest.
fn quoted(text: &str, at: usize, owned: Option<String>, copied: usize, close: usize) -> Scalar<'_> {
    let text = match owned {
        Some(mut buffer) => {
            buffer.push_str(&text[copied..close]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(&text[at + 1..close]),
    };
    Scalar {
        at,
        end: close + 1,
        text,
        plain: false,
    }
}

/// What may follow a closed value on its line: spaces, then perhaps a comment.
pub(super) fn after_value(bytes: &[u8], from: usize, end: usize) -> Result<()> {
    let rest = &bytes[from..end];
    let blanks = spaces(rest);
    match rest.get(blanks) {
        None => Ok(()),
        Some(b'#') if blanks > 0 => Ok(()),
        Some(_) => {
            let at = from + blanks;
            Err(Decline::broken(
                DeclineReason::Syntax,
                at,
                Broken::AfterValue,
                at,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What serde_yaml resolves `text` to, as an integer, if it does.
    fn yaml_integer(text: &str) -> Option<i128> {
        let value: serde_yaml::Value = serde_yaml::from_str(&format!("x: {text}")).ok()?;
        let x = value.get("x")?;
        x.as_u64()
            .map(i128::from)
            .or_else(|| x.as_i64().map(i128::from))
    }

    fn ours(text: &str) -> Option<i128> {
        resolve_integer(text).map(|n| match n {
            Integer::Unsigned(n) => i128::from(n),
            Integer::Signed(n) => i128::from(n),
        })
    }

    #[test]
    fn integers_resolve_as_serde_yaml_resolves_them() {
        for text in [
            "0",
            "54",
            "+54",
            "-1",
            "-0",
            "+0",
            "054",
            "-054",
            "00",
            "0x36",
            "0X36",
            "+0x36",
            "-0x36",
            "0x+36",
            "0x-36",
            "-0x-36",
            "0o66",
            "-0o66",
            "0b110110",
            "-0b1",
            "0x",
            "-0x",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "-0x8000000000000000",
            "-0x8000000000000001",
            "1_000",
            "54.0",
            "1e3",
            "+",
            "-",
            "++5",
            "+-5",
            "--5",
            "0b",
            "0o8",
            "0xg",
            "٣",
        ] {
            assert_eq!(ours(text), yaml_integer(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn number_like_text_resolves_as_serde_yaml_resolves_it(
            text in "[-+]{0,2}(0[xobXOB]?)?[-+0-9a-fA-F_.]{0,22}",
        ) {
            let yaml = yaml_integer(&text);
            match ours(&text) {
                Some(n) => prop_assert_eq!(Some(n), yaml, "{:?}", text),
                // Declined: serde_yaml reads it as text, a float, or a 128-bit integer.
                None => prop_assert!(
                    yaml.is_none_or(|n| u64::try_from(n).is_err() && i64::try_from(n).is_err()),
                    "{:?}: {:?}", text, yaml
                ),
            }
        }
    }
}
