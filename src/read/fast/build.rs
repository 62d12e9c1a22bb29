//! Mappings and lists, walked straight into the model's types, each value's position
//! recorded as it is read.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};

use crate::model::{
    Heat, HttpUrl, Image, Logo, Provider, Record, RecordType, Related, RelatedUrl, Secured,
    UnknownKeys,
};
use crate::read::context::{Ctx, Message};
use crate::read::fast::decline::{Decline, DeclineReason, Result};
use crate::read::fields::model_structs;
use crate::read::spans::{Spans, Step};
use crate::read::text::TextValue;

use super::line::{spaces, Line, Lines};
use super::pending::{inline, Pending};
use super::scalar::Integer;

/// Reads the record from `yaml`, whose first line after the opening `---` starts at `first`,
/// recording the position of every value in `spans`.
pub(super) fn record(
    yaml: &str,
    first: usize,
    spans: Spans,
    ctx: &Ctx<'_>,
) -> Result<(Record, Spans)> {
    let mut state = ReadState {
        lines: Lines::new(yaml, first),
        spans,
        ctx,
    };
    let record = state.root()?;
    Ok((record, state.spans))
}

/// The state of one read: the lines still to read, the positions recorded so far, and the
/// context the model's text values are built with (the general reader's own).
struct ReadState<'y, 'c> {
    lines: Lines<'y>,
    spans: Spans,
    ctx: &'c Ctx<'c>,
}

impl ReadState<'_, '_> {
    /// The root mapping, and nothing after it.
    fn root(&mut self) -> Result<Record> {
        let value = match self.lines.peek()? {
            Some(line) if !line.is_dash(self.lines.text()) => Pending::Map {
                indent: line.indent,
                at: line.at,
            },
            Some(line) => return Err(Decline::new(DeclineReason::NotAMapping, line.at)),
            None => {
                return Err(Decline::new(
                    DeclineReason::NotAMapping,
                    self.lines.text().len(),
                ))
            }
        };
        let node = self.spans.root(value.at());
        let record = Record::read(self, value, node)?;
        match self.lines.peek()? {
            None => Ok(record),
            Some(line) => Err(Decline::new(DeclineReason::Indentation, line.at)),
        }
    }
}

/// A model type the fast reader builds.
trait Read<'y>: Sized {
    /// Reads `value`, whose position is node `node` of the spans.
    fn read(r: &mut ReadState<'y, '_>, value: Pending<'y>, node: u32) -> Result<Self>;
}

impl<'y> ReadState<'y, '_> {
    /// Reads the value of a child of `parent`, recording its position.
    fn child<T: Read<'y>>(&mut self, parent: u32, step: Step, value: Pending<'y>) -> Result<T> {
        let node = self.spans.child(parent, step, value.at());
        T::read(self, value, node)
    }

    /// The value after a key whose line is `line` and whose value starts at `at` (the end
    /// of the line when there is none there).
    fn after_key(&mut self, line: &Line, at: usize) -> Result<Pending<'y>> {
        if at < line.end && self.lines.text().as_bytes()[at] != b'#' {
            return self.inline(at, line.end);
        }
        // Nothing on the line: a block on the next, deeper, or a list as deep.
        match self.lines.peek()? {
            Some(next) if next.is_dash(self.lines.text()) && next.indent >= line.indent => {
                Ok(Pending::List {
                    indent: next.indent,
                    at: next.at,
                })
            }
            Some(next) if next.indent > line.indent => Ok(Pending::Map {
                indent: next.indent,
                at: next.at,
            }),
            _ => Err(Decline::new(DeclineReason::EmptyValue, line.at)),
        }
    }

    /// The value after the dash of `line`, at `at` (the end of the line when there is none
    /// there).
    fn after_dash(&mut self, line: &Line, at: usize) -> Result<Pending<'y>> {
        let text = self.lines.text();
        let bytes = text.as_bytes();
        if at == line.end || bytes[at] == b'#' {
            // Nothing on the line: a block on the next, deeper.
            return match self.lines.peek()? {
                Some(next) if next.indent > line.indent && next.is_dash(text) => {
                    Err(Decline::new(DeclineReason::Indentation, next.at))
                }
                Some(next) if next.indent > line.indent => Ok(Pending::Map {
                    indent: next.indent,
                    at: next.at,
                }),
                _ => Err(Decline::new(DeclineReason::EmptyValue, line.at)),
            };
        }
        if bytes[at] == b'-' && (at + 1 == line.end || bytes[at + 1] == b' ') {
            // `- - x`: a list of lists, which no field holds.
            return Err(Decline::new(DeclineReason::Indentation, at));
        }
        if key_end(bytes, at, line.end).is_some() {
            // `- key: value`: a mapping that starts here.
            self.lines.push_back(*line, at);
            return Ok(Pending::Map {
                indent: at - line.start,
                at,
            });
        }
        self.inline(at, line.end)
    }

    fn inline(&self, at: usize, end: usize) -> Result<Pending<'y>> {
        inline(self.lines.text(), at, end)
    }

    /// Reads the entries of the mapping at column `indent`, giving each key, the offset of
    /// the key, and its value to `entry`.
    fn entries(
        &mut self,
        indent: usize,
        mut entry: impl FnMut(&mut Self, &'y str, usize, Pending<'y>) -> Result<()>,
    ) -> Result<()> {
        let text = self.lines.text();
        let bytes = text.as_bytes();
        while let Some(line) = self.lines.peek()? {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return Err(Decline::new(DeclineReason::Indentation, line.at));
            }
            self.lines.advance();
            let Some(colon) = key_end(bytes, line.at, line.end) else {
                return Err(key_form(bytes, &line));
            };
            let value_at = colon + 1 + spaces(&bytes[colon + 1..line.end]);
            let value = self.after_key(&line, value_at)?;
            entry(self, &text[line.at..colon], line.at, value)?;
        }
        Ok(())
    }

    /// Reads the items of the list at column `indent`, giving each to `item` with its index.
    fn items(
        &mut self,
        indent: usize,
        mut item: impl FnMut(&mut Self, usize, Pending<'y>) -> Result<()>,
    ) -> Result<()> {
        let text = self.lines.text();
        let bytes = text.as_bytes();
        let mut index = 0;
        while let Some(line) = self.lines.peek()? {
            if line.indent < indent || (line.indent == indent && !line.is_dash(text)) {
                break;
            }
            if line.indent > indent {
                return Err(Decline::new(DeclineReason::Indentation, line.at));
            }
            self.lines.advance();
            let at = line.at + 1 + spaces(&bytes[line.at + 1..line.end]);
            let value = self.after_dash(&line, at)?;
            item(self, index, value)?;
            index += 1;
        }
        Ok(())
    }
}

/// The offset of the `:` that ends a key at `at`: a word (a letter, then letters and digits)
/// followed by `:` and a space or the end of the line. `None` when there is no such key.
fn key_end(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    if !bytes[at].is_ascii_alphabetic() {
        return None;
    }
    let colon = at
        + bytes[at..end]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())?;
    (bytes[colon] == b':' && (colon + 1 == end || bytes[colon + 1] == b' ')).then_some(colon)
}

/// Why a line where a key should be has none.
fn key_form(bytes: &[u8], line: &Line) -> Decline {
    let reason = match bytes[line.at] {
        b'?' => DeclineReason::ExplicitKey,
        b'&' => DeclineReason::Anchor,
        b'*' => DeclineReason::Alias,
        b'!' => DeclineReason::Tag,
        b'[' | b'{' => DeclineReason::FlowCollection,
        b'-' if line.at + 1 == line.end || bytes[line.at + 1] == b' ' => DeclineReason::Indentation,
        _ => DeclineReason::KeyForm,
    };
    Decline::new(reason, line.at)
}

/// Text values are built by the general reader's own constructors.
fn from_text<T: TextValue>(r: &ReadState<'_, '_>, value: Pending<'_>) -> Result<T> {
    let at = value.at();
    let text = value.text()?;
    T::from_text::<Message>(&text, r.ctx).map_err(|_| Decline::new(DeclineReason::InvalidValue, at))
}

macro_rules! read_text {
    ($($ty:ty),*) => {$(
        impl<'y> Read<'y> for $ty {
            fn read(r: &mut ReadState<'y, '_>, value: Pending<'y>, _: u32) -> Result<Self> {
                from_text(r, value)
            }
        }
    )*};
}

read_text!(
    HttpUrl,
    RelatedUrl,
    Secured,
    RecordType,
    DateTime<FixedOffset>
);

impl<'y> Read<'y> for String {
    fn read(_: &mut ReadState<'y, '_>, value: Pending<'y>, _: u32) -> Result<Self> {
        value.text().map(Cow::into_owned)
    }
}

impl<'y> Read<'y> for u32 {
    fn read(_: &mut ReadState<'y, '_>, value: Pending<'y>, _: u32) -> Result<Self> {
        let Pending::Scalar(scalar) = &value else {
            return Err(value.wrong_type());
        };
        let invalid = || Decline::new(DeclineReason::InvalidValue, scalar.at);
        match scalar.integer()? {
            Integer::Unsigned(n) => u32::try_from(n).map_err(|_| invalid()),
            Integer::Signed(n) => u32::try_from(n).map_err(|_| invalid()),
        }
    }
}

impl<'y> Read<'y> for Heat {
    fn read(_: &mut ReadState<'y, '_>, value: Pending<'y>, _: u32) -> Result<Self> {
        let Pending::Scalar(scalar) = &value else {
            return Err(value.wrong_type());
        };
        let heat = match scalar.integer()? {
            Integer::Unsigned(n) => u32::try_from(n).ok().map(Heat::Ranked),
            Integer::Signed(n) => Heat::from_i64(n),
        };
        heat.ok_or(Decline::new(DeclineReason::InvalidValue, scalar.at))
    }
}

impl<'y> Read<'y> for bool {
    fn read(_: &mut ReadState<'y, '_>, value: Pending<'y>, _: u32) -> Result<Self> {
        match &value {
            Pending::Scalar(scalar) => scalar.boolean(),
            _ => Err(value.wrong_type()),
        }
    }
}

impl<'y, T: Read<'y>> Read<'y> for Vec<T> {
    fn read(r: &mut ReadState<'y, '_>, value: Pending<'y>, node: u32) -> Result<Self> {
        let indent = match value {
            Pending::EmptyList(_) => return Ok(Vec::new()),
            Pending::List { indent, .. } => indent,
            other => return Err(other.wrong_type()),
        };
        let mut list = Vec::new();
        r.items(indent, |r, index, value| {
            list.push(r.child(node, Step::Index(index), value)?);
            Ok(())
        })?;
        Ok(list)
    }
}

/// A struct of the model from a mapping: every key known, none twice, every required one
/// there; anything else declined.
macro_rules! fast_struct {
    ($ty:ident, $expecting:literal, $refuse:ident, root: $root:literal, $fields:ident {
        $($field:ident: $key:literal $req:ident),* $(,)?
    }) => {
        impl<'y> Read<'y> for $ty {
            fn read(r: &mut ReadState<'y, '_>, value: Pending<'y>, node: u32) -> Result<Self> {
                let (indent, at) = match value {
                    Pending::Map { indent, at } => (indent, at),
                    other if $root => {
                        return Err(Decline::new(DeclineReason::NotAMapping, other.at()))
                    }
                    other => return Err(other.wrong_type()),
                };
                $(let mut $field = None;)*
                r.entries(indent, |r, key, key_at, value| {
                    match key {
                        $($key => {
                            if $field.is_some() {
                                return Err(Decline::new(DeclineReason::DuplicateKey, key_at));
                            }
                            $field = Some(r.child(node, Step::Key(key_at), value)?);
                        })*
                        _ => return Err(Decline::new(DeclineReason::UnknownKey, key_at)),
                    }
                    Ok(())
                })?;
                Ok($ty {
                    $($field: fast_struct!(@finish $field, $req, at),)*
                    unknown: UnknownKeys::default(),
                })
            }
        }
    };
    (@finish $field:ident, required, $at:ident) => {
        $field.ok_or(Decline::new(DeclineReason::MissingKey, $at))?
    };
    (@finish $field:ident, optional, $at:ident) => {
        $field
    };
}

model_structs!(fast_struct);
