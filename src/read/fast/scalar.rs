//! One scalar on one line: plain, double-quoted or single-quoted, or the empty list `[]`.

use std::borrow::Cow;

use crate::read::decline::DeclineReason;
use crate::read::plain::may_resolve;

use super::{Decline, Result};

/// A scalar as written, with the offset of its first character (a quote, for quoted ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Scalar<'y> {
    pub(super) at: usize,
    pub(super) text: Cow<'y, str>,
    pub(super) plain: bool,
}

impl<'y> Scalar<'y> {
    /// The scalar's text where text is expected: a plain scalar that YAML may read as
    /// something else (`12`, `~`, `true`) is declined.
    pub(super) fn into_text(self) -> Result<Cow<'y, str>> {
        if self.plain && may_resolve(&self.text) {
            return Err(Decline::new(DeclineReason::PlainScalar, self.at));
        }
        Ok(self.text)
    }

    /// The integer a plain scalar in plain decimal writes (`0`, `54`, `-1`), as the general
    /// reader gives it: non-negative as `u64`, negative as `i64`.
    pub(super) fn integer(&self) -> Result<Integer> {
        let refuse = || Decline::new(DeclineReason::PlainScalar, self.at);
        if !self.plain {
            return Err(Decline::new(DeclineReason::WrongType, self.at));
        }
        let (negative, digits) = match self.text.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, &*self.text),
        };
        let canonical = match digits.as_bytes() {
            [b'0'] => !negative,
            [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
            _ => false,
        };
        if !canonical {
            return Err(refuse());
        }
        if negative {
            self.text
                .parse()
                .map(Integer::Negative)
                .map_err(|_| refuse())
        } else {
            digits
                .parse()
                .map(Integer::NonNegative)
                .map_err(|_| refuse())
        }
    }

    /// The boolean a plain `true` or `false` writes.
    pub(super) fn boolean(&self) -> Result<bool> {
        match (self.plain, &*self.text) {
            (true, "true") => Ok(true),
            (true, "false") => Ok(false),
            (true, _) => Err(Decline::new(DeclineReason::PlainScalar, self.at)),
            (false, _) => Err(Decline::new(DeclineReason::WrongType, self.at)),
        }
    }
}

/// An integer as YAML resolves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Integer {
    NonNegative(u64),
    Negative(i64),
}

/// What a value written on its key's (or dash's) line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Inline<'y> {
    Scalar(Scalar<'y>),
    /// `[]`, at this offset.
    EmptyList(usize),
}

/// Reads the value that starts at `at` (not a space, not `#`) and runs to `end`, the end of
/// its line's content.
pub(super) fn inline<'y>(text: &'y str, at: usize, end: usize) -> Result<Inline<'y>> {
    let bytes = text.as_bytes();
    let decline = |reason| Err(Decline::new(reason, at));
    match bytes[at] {
        b'"' => double_quoted(text, at, end).map(Inline::Scalar),
        b'\'' => single_quoted(text, at, end).map(Inline::Scalar),
        b'[' if bytes.get(at + 1) == Some(&b']') => {
            after_value(bytes, at + 2, end)?;
            Ok(Inline::EmptyList(at))
        }
        b'[' | b'{' => decline(DeclineReason::FlowCollection),
        b'&' => decline(DeclineReason::Anchor),
        b'*' => decline(DeclineReason::Alias),
        b'!' => decline(DeclineReason::Tag),
        b'|' | b'>' => decline(DeclineReason::BlockScalar),
        b'?' => decline(DeclineReason::ExplicitKey),
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | 0x80.. => plain(text, at, end),
        b'-' | b'+' | b'.' if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => {
            plain(text, at, end)
        }
        _ => decline(DeclineReason::PlainScalar),
    }
}

/// A plain scalar from `at` to the end of the line or a comment, without trailing spaces;
/// declined if it holds `: ` or ends in `:`, which YAML reads as a key.
fn plain<'y>(text: &'y str, at: usize, end: usize) -> Result<Inline<'y>> {
    let bytes = text.as_bytes();
    let mut stop = end;
    for i in memchr::memchr2_iter(b':', b'#', &bytes[at..end]) {
        let i = at + i;
        if bytes[i] == b':' && (i + 1 == end || bytes[i + 1] == b' ') {
            return Err(Decline::new(DeclineReason::PlainScalar, at));
        }
        if bytes[i] == b'#' && bytes[i - 1] == b' ' {
            stop = i;
            break;
        }
    }
    let value = text[at..stop].trim_end_matches(' ');
    Ok(Inline::Scalar(Scalar {
        at,
        text: Cow::Borrowed(value),
        plain: true,
    }))
}

/// A double-quoted scalar closed on its line; the escapes `\"`, `\\`, `\/`, `\n`, `\r` and
/// `\t` only.
fn double_quoted<'y>(text: &'y str, at: usize, end: usize) -> Result<Scalar<'y>> {
    let bytes = text.as_bytes();
    let start = at + 1;
    let mut owned: Option<String> = None;
    let mut copied = start;
    let mut i = start;
    loop {
        let Some(found) = memchr::memchr2(b'"', b'\\', &bytes[i..end]) else {
            return Err(Decline::new(DeclineReason::MultiLineScalar, at));
        };
        i += found;
        if bytes[i] == b'"' {
            break;
        }
        let unescaped = match bytes.get(i + 1).filter(|_| i + 1 < end) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            _ => return Err(Decline::new(DeclineReason::Escape, i)),
        };
        let buffer = owned.get_or_insert_with(|| String::with_capacity(end - start));
        buffer.push_str(&text[copied..i]);
        buffer.push(unescaped);
        i += 2;
        copied = i;
    }
    after_value(bytes, i + 1, end)?;
    let text = match owned {
        Some(mut buffer) => {
            buffer.push_str(&text[copied..i]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(&text[start..i]),
    };
    Ok(Scalar {
        at,
        text,
        plain: false,
    })
}

/// A single-quoted scalar closed on its line; `''` is a quote.
fn single_quoted<'y>(text: &'y str, at: usize, end: usize) -> Result<Scalar<'y>> {
    let bytes = text.as_bytes();
    let start = at + 1;
    let mut owned: Option<String> = None;
    let mut copied = start;
    let mut i = start;
    loop {
        let Some(found) = memchr::memchr(b'\'', &bytes[i..end]) else {
            return Err(Decline::new(DeclineReason::MultiLineScalar, at));
        };
        i += found;
        if bytes.get(i + 1) != Some(&b'\'') || i + 1 >= end {
            break;
        }
        let buffer = owned.get_or_insert_with(|| String::with_capacity(end - start));
        buffer.push_str(&text[copied..=i]);
        i += 2;
        copied = i;
    }
    after_value(bytes, i + 1, end)?;
    let text = match owned {
        Some(mut buffer) => {
            buffer.push_str(&text[copied..i]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(&text[start..i]),
    };
    Ok(Scalar {
        at,
        text,
        plain: false,
    })
}

/// What may follow a closed value on its line: spaces, then perhaps a comment.
fn after_value(bytes: &[u8], from: usize, end: usize) -> Result<()> {
    let rest = &bytes[from..end];
    let blanks = rest.iter().take_while(|&&b| b == b' ').count();
    match rest.get(blanks) {
        None => Ok(()),
        Some(b'#') if blanks > 0 => Ok(()),
        Some(_) => Err(Decline::new(DeclineReason::Syntax, from + blanks)),
    }
}
