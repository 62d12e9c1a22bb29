//! Mappings and lists, walked straight into the model's types, each value's position
//! recorded as it is read.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};

use crate::model::{
    Heat, HttpUrl, Image, Logo, Provider, Record, RecordType, Related, RelatedUrl, Secured,
    UnknownKeys,
};
use serde::de::Error as _;

use crate::read::context::{Ctx, Message, Mode};
use crate::read::fast::decline::{Broken, Decline, DeclineReason, Result};
use crate::read::fields::model_structs;
use crate::read::general::engine::read_value;
use crate::read::general::visitors::FromYaml;
use crate::read::spans::{Spans, Step};
use crate::read::suggest::closest;
use crate::read::text::TextValue;
use crate::report::position::line_column;
use crate::report::{Code, FieldPath};

use super::line::{spaces, Line, Lines};
use super::pending::{inline, Pending};
use super::scalar::Integer;

/// Reads the record from `yaml`, whose first line after the opening `---` starts at `first`,
/// recording the position of every value in `spans`. When `recover` is set, a key or value
/// that is wrong is written down as [`Found`] and read past (the record then holds a
/// stand-in for it); otherwise the first one declines.
pub(super) fn record(
    yaml: &str,
    first: usize,
    spans: Spans,
    ctx: &Ctx<'_>,
    recover: bool,
) -> Result<(Record, Spans, Vec<Found>)> {
    let mut state = ReadState {
        lines: Lines::new(yaml, first),
        spans,
        ctx,
        found: recover.then(Vec::new),
        meant: Vec::new(),
        kept: Default::default(),
        last_end: 0,
    };
    let record = state.root()?;
    Ok((record, state.spans, state.found.unwrap_or_default()))
}

/// A problem the fast reader found and read past: what the general reader would say of it
/// (code and message), where (path, and byte range in the front matter), and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) code: Code,
    pub(crate) message: String,
    pub(crate) path: FieldPath,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: FoundKind,
    /// The value that did not read (for a syntax error, the one broken, where the error's
    /// path is the collection's, as the general reader gives it).
    pub(crate) unread: FieldPath,
}

/// What a [`Found`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FoundKind {
    /// An error.
    Error,
    /// An unknown key kept by lenient reading: a warning.
    Kept,
    /// A key that is absent, but which a misspelt key close to it likely meant (`titel` for
    /// `title`): not reported (the unknown key is, with its suggestion), and not checked.
    Unsure,
}

/// The state of one read: the lines still to read, the positions recorded so far, the
/// context the model's text values are built with (the general reader's own), and, when
/// recovering, the problems read past.
struct ReadState<'y, 'c> {
    lines: Lines<'y>,
    spans: Spans,
    ctx: &'c Ctx<'c>,
    found: Option<Vec<Found>>,
    /// The keys that the unknown keys of the mappings being read likely meant, innermost
    /// mapping last.
    meant: Vec<&'static str>,
    /// The unknown keys kept by lenient reading, with the node of their mapping.
    kept: std::collections::HashSet<(u32, &'y str), foldhash::fast::RandomState>,
    /// Where the last value read ends: where the blocks it closes end.
    last_end: usize,
}

/// The YAML engine's message for a value that starts with a reserved indicator.
const CANNOT_START: &str =
    "found character that cannot start any token, while scanning for the next token";

/// A sound envelope (one zero block, a zero IV), standing in for a `secured` value that
/// could not be read.
const PLACEHOLDER_SECURED: &str = "AAAAAAAAAAAAAAAAAAAAAA==;AAAAAAAAAAAAAAAAAAAAAA==";

/// A field of a mapping being read: not met yet, met but wrong, or read.
enum Slot<T> {
    Absent,
    Failed,
    Read(T),
}

impl<T> From<Option<T>> for Slot<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Slot::Failed, Slot::Read)
    }
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
        self.spans.set_end(node, self.last_end);
        match self.lines.peek()? {
            None => Ok(record),
            Some(line) => Err(Decline::new(DeclineReason::Indentation, line.at)),
        }
    }
}

/// A model type the fast reader builds.
trait Read<'y>: FromYaml {
    /// Reads `value`, whose position is node `node` of the spans.
    fn read(r: &mut ReadState<'y, '_>, value: Pending<'y>, node: u32) -> Result<Self>;

    /// What stands in for a value that could not be read, so that the rest of the record
    /// can still be checked: never seen outside the crate (a record with a problem is not
    /// given back), and whatever a rule would say of it is not reported.
    fn placeholder() -> Self;
}

impl<'y> ReadState<'y, '_> {
    /// Reads the value of a child of `parent`, recording its position and range. When
    /// recovering, a value of the wrong shape or refused by its type is read past and
    /// reported as the general reader reports it (`None`), unless the general reader, asked
    /// about that value alone, takes it.
    fn child<T: Read<'y>>(
        &mut self,
        parent: u32,
        step: Step,
        value: Pending<'y>,
    ) -> Result<Option<T>> {
        let at = value.at();
        if let Pending::Broken(broken, _) = value {
            self.broken(parent, step, broken, at);
            return Ok(None);
        }
        let end = value.end();
        // A block's indentation, for reading past it: `Pending` without its text.
        let block = match value {
            Pending::Map { indent, at } => Some(Pending::Map { indent, at }),
            Pending::List { indent, at } => Some(Pending::List { indent, at }),
            _ => None,
        };
        let node = self.spans.child(parent, step, at);
        match T::read(self, value, node) {
            Ok(read) => {
                let end = end.unwrap_or(self.last_end);
                self.ended(node, end);
                Ok(Some(read))
            }
            Err(decline) => self.recover(decline, node, (at, end), block),
        }
    }

    /// After `T::read` of the value at node `node` (from `at`, to `end` when it is on its
    /// line, a block otherwise) declined: when recovering from a value of the wrong shape or
    /// refused by its type, reads past it and reports it as the general reader, asked about
    /// that value alone, does (`None`), or takes the value the general reader makes of it.
    /// Out of the way of the values that read.
    #[cold]
    #[inline(never)]
    fn recover<T: Read<'y>>(
        &mut self,
        decline: Decline,
        node: u32,
        (at, end): (usize, Option<usize>),
        block: Option<Pending<'y>>,
    ) -> Result<Option<T>> {
        if !(decline.about_value && decline.at == at && self.found.is_some()) {
            return Err(decline);
        }
        let is_block = block.is_some();
        let end = match (block, end) {
            (Some(block), _) => self.skip(block)?,
            (None, end) => end.unwrap_or(at),
        }
        .max(at);
        self.ended(node, end);
        let text = self.lines.text();
        let snippet: Cow<'_, str> = match is_block {
            // A block, as if alone: its first line indented as it is in the file.
            true => {
                let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
                Cow::Owned(" ".repeat(at - line_start) + &text[at..end])
            }
            false if at == end => Cow::Borrowed("null"),
            false => Cow::Borrowed(&text[at..end]),
        };
        match read_value::<T>(&snippet, self.ctx.mode) {
            Some(Ok(read)) => Ok(Some(read)),
            Some(Err(problem)) => {
                let path = self.spans.path(text, node);
                let kind = FoundKind::Error;
                self.report(problem.code, problem.message, path, at, end, kind);
                Ok(None)
            }
            None => Err(decline),
        }
    }

    /// Writes down the syntax error of a broken value (its error at `at`), reached from
    /// `parent` by `step`, as the YAML engine words it, at the path the general reader
    /// gives it.
    fn broken(&mut self, parent: u32, step: Step, broken: Broken, at: usize) {
        let text = self.lines.text();
        let collection = self.spans.path(text, parent);
        let unread = match step {
            Step::Key(key_at) => {
                let key = &text[key_at..];
                collection
                    .clone()
                    .key(key[..key.find(':').unwrap_or(0)].to_owned())
            }
            Step::Index(index) => collection.clone().index(index),
        };
        let (message, path) = match (broken, step) {
            // The next key or `-` of the collection being read was expected: the message
            // names where that collection starts.
            (Broken::AfterValue, _) => {
                let (line, column) = line_column(text, self.spans.at(parent) as usize);
                let expected = match step {
                    Step::Key(_) => "key, while parsing a block mapping",
                    Step::Index(_) => "'-' indicator, while parsing a block collection",
                };
                let message =
                    format!("did not find expected {expected} at line {line} column {column}");
                (message, collection)
            }
            (Broken::MappingValue, _) => (
                "mapping values are not allowed in this context".to_owned(),
                collection,
            ),
            // The key was read, and its value's first token is not one.
            (Broken::CannotStart, Step::Key(_)) => (CANNOT_START.to_owned(), unread.clone()),
            (Broken::CannotStart, Step::Index(_)) => (CANNOT_START.to_owned(), collection),
        };
        self.report_unread(Code::YamlSyntax, message, path, unread, at);
    }

    fn ended(&mut self, node: u32, end: usize) {
        self.spans.set_end(node, end);
        self.last_end = end;
    }

    /// Writes down a problem read past.
    fn report(
        &mut self,
        code: Code,
        message: String,
        path: FieldPath,
        start: usize,
        end: usize,
        kind: FoundKind,
    ) {
        if let Some(found) = &mut self.found {
            found.push(Found {
                code,
                message,
                unread: path.clone(),
                path,
                start,
                end,
                kind,
            });
        }
    }

    /// Writes down an error at `path` (from `at`, a point) whose value at `unread` did not
    /// read.
    fn report_unread(
        &mut self,
        code: Code,
        message: String,
        path: FieldPath,
        unread: FieldPath,
        at: usize,
    ) {
        if let Some(found) = &mut self.found {
            found.push(Found {
                code,
                message,
                path,
                start: at,
                end: at,
                kind: FoundKind::Error,
                unread,
            });
        }
    }

    /// Reads past `value`, whatever it holds (within the subset), and gives where it ends.
    fn skip(&mut self, value: Pending<'y>) -> Result<usize> {
        match value {
            // Under a key read past, a broken value is not recovered from: the general
            // reader decides.
            Pending::Broken(_, at) => return Err(Decline::new(DeclineReason::Syntax, at)),
            Pending::Map { indent, .. } => self.entries(indent, |r, _, _, value| {
                r.skip(value)?;
                Ok(())
            })?,
            Pending::List { indent, .. } => self.items(indent, |r, _, value| {
                r.skip(value)?;
                Ok(())
            })?,
            other => self.last_end = other.end().unwrap_or(other.at()),
        }
        Ok(self.last_end)
    }

    /// A key of the mapping at node `parent` that is not one of `names`: declined, or
    /// reported (an error when strict; kept, with a warning, when lenient) and read past.
    fn unknown(
        &mut self,
        parent: u32,
        key: &'y str,
        key_at: usize,
        value: Pending<'y>,
        names: &'static [&'static str],
    ) -> Result<()> {
        if self.found.is_none() {
            return Err(Decline::new(DeclineReason::UnknownKey, key_at));
        }
        let (code, message, kind) = match self.ctx.mode {
            Mode::Strict => {
                // The key it likely meant is not reported missing, nor checked.
                if let Some(meant) = closest(key, names) {
                    self.meant.push(meant);
                }
                let message = Message::unknown_field(key, names).to_string();
                (Code::UnknownKey, message, FoundKind::Error)
            }
            // A kept key twice, as the general reader says it.
            Mode::Lenient if !self.kept.insert((parent, key)) => {
                let message = format!("duplicate field `{key}`");
                (Code::DuplicateKey, message, FoundKind::Error)
            }
            Mode::Lenient => {
                let message = format!("unknown field `{key}`, kept");
                (Code::UnknownKey, message, FoundKind::Kept)
            }
        };
        self.key_read_past(parent, key, key_at, value, (code, message, kind))
    }

    /// A key of the mapping at node `parent` met a second time: declined, or reported and
    /// read past (the first value stands, but is not checked).
    fn duplicate(
        &mut self,
        parent: u32,
        key: &'static str,
        key_at: usize,
        value: Pending<'y>,
    ) -> Result<()> {
        if self.found.is_none() {
            return Err(Decline::new(DeclineReason::DuplicateKey, key_at));
        }
        let message = Message::duplicate_field(key).to_string();
        let problem = (Code::DuplicateKey, message, FoundKind::Error);
        self.key_read_past(parent, key, key_at, value, problem)
    }

    /// Reports `problem` at the key `key` (at `key_at`) of the mapping at node `parent`, and
    /// reads past its value, recording where it is (not what is inside it): a source map
    /// finds it.
    fn key_read_past(
        &mut self,
        parent: u32,
        key: &str,
        key_at: usize,
        value: Pending<'y>,
        (code, message, kind): (Code, String, FoundKind),
    ) -> Result<()> {
        let path = self
            .spans
            .path(self.lines.text(), parent)
            .key(key.to_owned());
        self.report(code, message, path, key_at, key_at + key.len(), kind);
        let node = self.spans.child(parent, Step::Key(key_at), value.at());
        let end = self.skip(value)?;
        self.spans.set_end(node, end);
        Ok(())
    }

    /// The required key `key` is not in the mapping at node `parent`, which starts at `at`:
    /// declined, or reported there.
    fn missing(&mut self, parent: u32, at: usize, meant: usize, key: &'static str) -> Result<()> {
        if self.found.is_none() {
            return Err(Decline::new(DeclineReason::MissingKey, at));
        }
        let text = self.lines.text();
        let path = self.spans.path(text, parent).key(key);
        // The mapping's first key, as the range: the whole mapping would be many lines.
        let end = at + text[at..].find(':').unwrap_or(0);
        let message = Message::missing_field(key).to_string();
        let kind = self.kind_of_absent(meant, key);
        self.report(Code::MissingKey, message, path, at, end, kind);
        Ok(())
    }

    /// The optional key `key` is not in the mapping at node `parent`: unsure, where a
    /// misspelt key likely meant it.
    fn absent(&mut self, parent: u32, meant: usize, key: &'static str) {
        if self.kind_of_absent(meant, key) == FoundKind::Unsure {
            let path = self.spans.path(self.lines.text(), parent).key(key);
            let message = Message::missing_field(key).to_string();
            self.report(Code::MissingKey, message, path, 0, 0, FoundKind::Unsure);
        }
    }

    /// Whether an absent key is an error, or a misspelt key of its mapping (whose keys
    /// likely meant are from `meant` on) likely meant it.
    fn kind_of_absent(&self, meant: usize, key: &str) -> FoundKind {
        if self.meant[meant..].contains(&key) {
            FoundKind::Unsure
        } else {
            FoundKind::Error
        }
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
            // Right after the `:`, where the general reader puts the null.
            _ => Ok(Pending::Empty(colon_end(self.lines.text(), line, at))),
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
                // Right after the `-`, where the general reader puts the null.
                _ => Ok(Pending::Empty(line.at + 1)),
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

    /// The value of a key or dash at column `indent`, or, when recovering from text after a
    /// closed value on its line (`title: "x" y`, which YAML refuses), a broken value: the
    /// lines under it are read past, and reading goes on with the next key or dash.
    fn or_broken(
        &mut self,
        value: Result<Pending<'y>>,
        indent: usize,
        in_list: bool,
    ) -> Result<Pending<'y>> {
        match value {
            Err(Decline {
                broken: Some((broken, at)),
                ..
            }) if self.found.is_some()
                // `- a b: c` is a mapping in a list: only a key's value cannot be one.
                && !(in_list && broken == Broken::MappingValue) =>
            {
                while let Some(next) = self.lines.peek()? {
                    if next.indent <= indent {
                        break;
                    }
                    self.lines.advance();
                }
                Ok(Pending::Broken(broken, at))
            }
            value => value,
        }
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
            let value = self.after_key(&line, value_at);
            let value = self.or_broken(value, line.indent, false)?;
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
            let value = self.after_dash(&line, at);
            let value = self.or_broken(value, line.indent, true)?;
            item(self, index, value)?;
            index += 1;
        }
        Ok(())
    }
}

/// Just past the `:` of the key on `line`, whose value would start at `at`.
fn colon_end(text: &str, line: &Line, at: usize) -> usize {
    text[line.at..at]
        .rfind(':')
        .map_or(at, |colon| line.at + colon + 1)
}

/// The offset of the `:` that ends a key at `at`: a word (a letter, then letters and digits)
/// followed by `:` and a space or the end of the line. `None` when there is no such key.
fn key_end(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    if !bytes[at].is_ascii_alphabetic() {
        return None;
    }
    let colon = at + bytes[at..end].iter().position(|&b| !WORD[usize::from(b)])?;
    (bytes[colon] == b':' && (colon + 1 == end || bytes[colon + 1] == b' ')).then_some(colon)
}

/// The bytes of a key after its first: ASCII letters and digits, looked up in one step.
static WORD: [bool; 256] = {
    let mut word = [false; 256];
    let mut b = 0;
    while b < 256 {
        word[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    word
};

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
    T::from_text::<Message>(&text, r.ctx)
        .map_err(|_| Decline::value(DeclineReason::InvalidValue, at))
}

macro_rules! read_text {
    ($($ty:ty => $placeholder:expr),* $(,)?) => {$(
        impl<'y> Read<'y> for $ty {
            fn read(r: &mut ReadState<'y, '_>, value: Pending<'y>, _: u32) -> Result<Self> {
                from_text(r, value)
            }

            fn placeholder() -> Self {
                $placeholder
            }
        }
    )*};
}

read_text!(
    HttpUrl => HttpUrl::parse("http://placeholder.invalid/").expect("a constant, valid URL"),
    RelatedUrl => RelatedUrl::Empty,
    Secured => Secured::new(PLACEHOLDER_SECURED).expect("a constant, valid envelope"),
    RecordType => RecordType::Article,
    DateTime<FixedOffset> => DateTime::UNIX_EPOCH.fixed_offset(),
);

impl<'y> Read<'y> for String {
    fn read(_: &mut ReadState<'y, '_>, value: Pending<'y>, _: u32) -> Result<Self> {
        value.text().map(Cow::into_owned)
    }

    fn placeholder() -> Self {
        String::new()
    }
}

impl<'y> Read<'y> for u32 {
    fn read(_: &mut ReadState<'y, '_>, value: Pending<'y>, _: u32) -> Result<Self> {
        let Pending::Scalar(scalar) = &value else {
            return Err(value.wrong_type());
        };
        let invalid = || Decline::value(DeclineReason::InvalidValue, scalar.at);
        match scalar.integer()? {
            Integer::Unsigned(n) => u32::try_from(n).map_err(|_| invalid()),
            Integer::Signed(n) => u32::try_from(n).map_err(|_| invalid()),
        }
    }

    fn placeholder() -> Self {
        0
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
        heat.ok_or(Decline::value(DeclineReason::InvalidValue, scalar.at))
    }

    fn placeholder() -> Self {
        Heat::Ranked(0)
    }
}

impl<'y> Read<'y> for bool {
    fn read(_: &mut ReadState<'y, '_>, value: Pending<'y>, _: u32) -> Result<Self> {
        match &value {
            Pending::Scalar(scalar) => scalar.boolean(),
            _ => Err(value.wrong_type()),
        }
    }

    fn placeholder() -> Self {
        false
    }
}

/// Reads the items of the list `value` (node `node`) onto the end of `list`.
fn read_list<'y, T: Read<'y>>(
    r: &mut ReadState<'y, '_>,
    value: Pending<'y>,
    node: u32,
    list: &mut Vec<T>,
) -> Result<()> {
    let indent = match value {
        Pending::EmptyList(_) => return Ok(()),
        Pending::List { indent, .. } => indent,
        other => return Err(other.wrong_type()),
    };
    r.items(indent, |r, index, value| {
        let item = r.child(node, Step::Index(index), value)?;
        list.push(item.unwrap_or_else(T::placeholder));
        Ok(())
    })
}

/// Lists of short items (topics, images, logos), grown as they are read.
macro_rules! read_growing_list {
    ($($item:ty),*) => {$(
        impl<'y> Read<'y> for Vec<$item> {
            fn read(r: &mut ReadState<'y, '_>, value: Pending<'y>, node: u32) -> Result<Self> {
                let mut list = Vec::new();
                read_list(r, value, node, &mut list)?;
                Ok(list)
            }

            fn placeholder() -> Self {
                Vec::new()
            }
        }
    )*};
}

read_growing_list!(String, Image, Logo);

thread_local! {
    /// Where the entries of a `related` list are gathered as they are read, on each thread,
    /// kept from one record to the next: the list given back is then made once at its
    /// length (an entry is 400 bytes, and a list grown entry by entry is made again at 4,
    /// 8, 16, … of them). A read of a list within a list (there is none) would find it
    /// empty and gather in one of its own.
    static RELATED: std::cell::Cell<Vec<Related>> = const { std::cell::Cell::new(Vec::new()) };
}

/// How many gathered entries' room is kept for the next list: more (a record of thousands
/// of entries) is given back to the allocator.
const RELATED_KEPT: usize = 256;

impl<'y> Read<'y> for Vec<Related> {
    fn read(r: &mut ReadState<'y, '_>, value: Pending<'y>, node: u32) -> Result<Self> {
        let mut gathered = RELATED.take();
        let read = read_list(r, value, node, &mut gathered);
        // Made at its length; what gathered them keeps its room.
        let mut list = Vec::with_capacity(gathered.len());
        list.append(&mut gathered);
        if gathered.capacity() <= RELATED_KEPT {
            RELATED.set(gathered);
        }
        read.map(|()| list)
    }

    fn placeholder() -> Self {
        Vec::new()
    }
}

/// A struct of the model from a mapping: every key known, none twice, every required one
/// there; anything else declined, or reported and read past when recovering.
macro_rules! fast_struct {
    ($ty:ident, $expecting:literal, $refuse:ident, root: $root:literal, $fields:ident {
        $($field:ident: $key:literal $req:ident),* $(,)?
    }) => {
        impl<'y> Read<'y> for $ty {
            fn read(r: &mut ReadState<'y, '_>, value: Pending<'y>, node: u32) -> Result<Self> {
                const NAMES: &[&str] = &[$($key),*];
                let (indent, at) = match value {
                    Pending::Map { indent, at } => (indent, at),
                    other if $root => {
                        return Err(Decline::new(DeclineReason::NotAMapping, other.at()))
                    }
                    other => return Err(other.wrong_type()),
                };
                // The keys that this mapping's unknown keys likely meant come after this.
                let meant = r.meant.len();
                $(let mut $field = Slot::Absent;)*
                r.entries(indent, |r, key, key_at, value| {
                    match key {
                        $($key => {
                            if !matches!($field, Slot::Absent) {
                                return r.duplicate(node, $key, key_at, value);
                            }
                            $field = Slot::from(r.child(node, Step::Key(key_at), value)?);
                        })*
                        _ => return r.unknown(node, key, key_at, value, NAMES),
                    }
                    Ok(())
                })?;
                let read = $ty {
                    $($field: fast_struct!(@finish r, node, at, meant, $field, $key, $req),)*
                    unknown: UnknownKeys::default(),
                };
                r.meant.truncate(meant);
                Ok(read)
            }

            fn placeholder() -> Self {
                $ty {
                    $($field: fast_struct!(@placeholder $req),)*
                    unknown: UnknownKeys::default(),
                }
            }
        }
    };
    (@finish $r:ident, $node:ident, $at:ident, $meant:ident, $field:ident, $key:literal, required) => {
        match $field {
            Slot::Read(value) => value,
            Slot::Failed => Read::placeholder(),
            Slot::Absent => {
                $r.missing($node, $at, $meant, $key)?;
                Read::placeholder()
            }
        }
    };
    (@finish $r:ident, $node:ident, $at:ident, $meant:ident, $field:ident, $key:literal, optional) => {
        match $field {
            Slot::Read(value) => Some(value),
            Slot::Failed => None,
            Slot::Absent => {
                $r.absent($node, $meant, $key);
                None
            }
        }
    };
    (@placeholder required) => {
        Read::placeholder()
    };
    (@placeholder optional) => {
        None
    };
}

model_structs!(fast_struct);
