//! A value as the fast reader meets it on a key's or dash's line: a scalar, `[]`, or the
//! start of a block on the lines after.

use std::borrow::Cow;

use crate::read::fast::decline::{Broken, Decline, DeclineReason, Result};

use super::scalar::{after_value, double_quoted, plain, single_quoted, Scalar};

/// A value about to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Pending<'y> {
    /// A scalar on its key's or dash's line.
    Scalar(Scalar<'y>),
    /// `[]`, at this offset.
    EmptyList(usize),
    /// Nothing (`key:`, which YAML reads as null), placed where the general reader places
    /// it: right after the `:` or `-` before it.
    Empty(usize),
    /// A value that no YAML parser takes, how, and where the error is.
    Broken(Broken, usize),
    /// A block mapping whose keys are at column `indent`, the first at `at`; its first line
    /// is the next one [`Lines::peek`](super::line::Lines::peek) gives.
    Map { indent: usize, at: usize },
    /// A block list whose dashes are at column `indent`, the first at `at`.
    List { indent: usize, at: usize },
}

impl Pending<'_> {
    /// Where the general reader would point for this value.
    pub(super) fn at(&self) -> usize {
        match self {
            Pending::Scalar(scalar) => scalar.at,
            Pending::EmptyList(at)
            | Pending::Empty(at)
            | Pending::Broken(_, at)
            | Pending::Map { at, .. }
            | Pending::List { at, .. } => *at,
        }
    }

    /// Just past the value, for a value on its line (`None` for a block, which ends with
    /// its last line).
    pub(super) fn end(&self) -> Option<usize> {
        match self {
            Pending::Scalar(scalar) => Some(scalar.end),
            Pending::EmptyList(at) => Some(at + 2),
            Pending::Empty(at) | Pending::Broken(_, at) => Some(*at),
            Pending::Map { .. } | Pending::List { .. } => None,
        }
    }

    /// The decline of a value of the wrong shape (`null`, for an empty one).
    pub(super) fn wrong_type(&self) -> Decline {
        let reason = match self {
            Pending::Empty(_) => DeclineReason::EmptyValue,
            _ => DeclineReason::WrongType,
        };
        Decline::value(reason, self.at())
    }
}

impl<'y> Pending<'y> {
    /// The text of a scalar where text is expected.
    pub(super) fn text(self) -> Result<Cow<'y, str>> {
        match self {
            Pending::Scalar(scalar) => scalar.into_text(),
            other => Err(other.wrong_type()),
        }
    }
}

/// Reads the value that starts at `at` (not a space, not `#`) and runs to `end`, the end of
/// its line's content.
pub(super) fn inline<'y>(text: &'y str, at: usize, end: usize) -> Result<Pending<'y>> {
    let bytes = text.as_bytes();
    let decline = |reason| Err(Decline::new(reason, at));
    match bytes[at] {
        b'"' => double_quoted(text, at, end).map(Pending::Scalar),
        b'\'' => single_quoted(text, at, end).map(Pending::Scalar),
        b'[' if bytes.get(at + 1) == Some(&b']') => {
            after_value(bytes, at + 2, end)?;
            Ok(Pending::EmptyList(at))
        }
        b'[' | b'{' => decline(DeclineReason::FlowCollection),
        b'&' => decline(DeclineReason::Anchor),
        b'*' => decline(DeclineReason::Alias),
        b'!' => decline(DeclineReason::Tag),
        b'|' | b'>' => decline(DeclineReason::BlockScalar),
        b'?' => decline(DeclineReason::ExplicitKey),
        // `~` is no indicator: it starts a plain scalar (null alone, text otherwise).
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'~' | 0x80.. => {
            plain(text, at, end).map(Pending::Scalar)
        }
        b'-' | b'+' | b'.' if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => {
            plain(text, at, end).map(Pending::Scalar)
        }
        b'@' | b'`' | b'%' => Err(Decline::broken(
            DeclineReason::PlainScalar,
            at,
            Broken::CannotStart,
            at,
        )),
        _ => decline(DeclineReason::PlainScalar),
    }
}
