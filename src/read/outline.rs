//! An outline of any front matter from one pass over its YAML events (saphyr-parser): where
//! every value and key is, for the diagnostics of a front matter that the general reader
//! read, and where every value of a key named `secured` is, at any depth and however the
//! key is written, for showing source lines without the payload.
//!
//! The general reader (serde_yaml) tells positions only with errors, so finding each
//! diagnostic's value used to take one parse per diagnostic: the square of the file's size
//! for a file with many. This pass takes one, whatever the number of diagnostics.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::read::spans::{Spans, Step};

/// The offsets of the comments of `yaml` (each `#` that starts one), or `None` when the YAML
/// cannot be read to its end: a `#` at the start of a line or after a blank, outside every
/// scalar (`"Issue #5"` holds none).
pub(crate) fn comments(yaml: &str) -> Option<Vec<usize>> {
    let mut scalars: Vec<Range<usize>> = Vec::new();
    let mut offsets = Offsets {
        text: yaml,
        chars: 0,
        bytes: 0,
    };
    for item in Parser::new_from_str(&libyaml_lines(yaml)) {
        let (event, span) = item.ok()?;
        let Event::Scalar(_, style, ..) = event else {
            continue;
        };
        let start = offsets.byte(span.start.index());
        let end = match style {
            // A plain scalar cannot hold ` #`: it would end there.
            ScalarStyle::Plain => continue,
            // saphyr-parser's span of a quoted scalar runs on over a trailing comment.
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => quoted_end(yaml, start),
            ScalarStyle::Literal | ScalarStyle::Folded => offsets.byte(span.end.index()),
        };
        scalars.push(start..end.max(start));
    }
    let found = memchr::memchr_iter(b'#', yaml.as_bytes())
        .filter(|&at| {
            yaml[..at].chars().next_back().is_none_or(|c| {
                matches!(c, ' ' | '\t' | '\n' | '\r') || LIBYAML_BREAKS.contains(&c)
            })
        })
        .filter(|&at| {
            let after = scalars.partition_point(|scalar| scalar.end <= at);
            scalars.get(after).is_none_or(|scalar| scalar.start > at)
        })
        .collect();
    Some(found)
}

/// What libyaml (YAML 1.1) breaks lines at besides CR and LF, and YAML 1.2 reads as text.
const LIBYAML_BREAKS: [char; 3] = ['\u{85}', '\u{2028}', '\u{2029}'];

/// A byte-order mark inside the text: libyaml reads it as a character of a scalar
/// (`k<BOM>5: 1` is a key), where YAML 1.2, and so saphyr-parser, refuses the text.
const BOM: char = '\u{feff}';

/// What a byte-order mark inside the text is given to saphyr-parser as: the word joiner, a
/// character it reads in a scalar, as libyaml reads the mark.
const BOM_STAND_IN: char = '\u{2060}';

/// `yaml` as saphyr-parser must be given it to read what libyaml reads, one character for
/// one (so that the parser's character offsets stay): NEL, LS and PS as line feeds
/// (`# note<LS>secured: …` is a comment and a key, not one comment), and a byte-order mark
/// inside a line as [`BOM_STAND_IN`]. One that starts a line stays, and saphyr-parser stops
/// there: libyaml skips it and reads what follows from the next column
/// (`<BOM>secured: …` is not the key `<word joiner>secured`), which the pass cannot follow.
/// A tab just after a `:` is given as a space: both readers take `key:<tab>1` as a key and
/// its value, but saphyr-parser 0.3 stops there when a plain value follows. In a tag that
/// starts with the secondary handle `!!`, a later `!` is given as `x`: libyaml reads
/// `!!!1` or `!!str!x` as a tag (the suffix may hold `!`), saphyr-parser stops there.
fn libyaml_lines(yaml: &str) -> Cow<'_, str> {
    if !yaml.contains(LIBYAML_BREAKS)
        && !yaml.contains(BOM)
        && !yaml.contains(":\t")
        && !has_bang_in_tag_suffix(yaml)
    {
        return Cow::Borrowed(yaml);
    }
    let mut out = String::with_capacity(yaml.len());
    let mut line_start = true;
    let mut after_colon = false;
    // Where a token may start (a tag is a token); in a tag, its length so far and whether
    // it starts with `!!`.
    let mut token_start = true;
    let mut tag: Option<(usize, bool)> = None;
    let mut previous = '\n';
    for c in yaml.chars() {
        let mut c = match c {
            c if LIBYAML_BREAKS.contains(&c) => '\n',
            BOM if !line_start => BOM_STAND_IN,
            '\t' if after_colon => ' ',
            c => c,
        };
        tag = match tag {
            _ if ends_token(c) => None,
            None if c == '!' && token_start => Some((1, false)),
            None => None,
            Some((1, _)) => Some((2, c == '!')),
            Some((length, secondary)) => {
                if secondary && c == '!' {
                    c = 'x';
                }
                Some((length + 1, secondary))
            }
        };
        token_start = match c {
            '\n' | '\r' | '[' | '{' | ',' => true,
            ' ' | '\t' => token_start || matches!(previous, ':' | '-' | '?'),
            _ => false,
        };
        line_start = matches!(c, '\n' | '\r');
        after_colon = c == ':';
        previous = c;
        out.push(c);
    }
    Cow::Owned(out)
}

/// Whether `c` ends a tag.
fn ends_token(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | ',' | '[' | ']' | '{' | '}')
}

/// Whether `yaml` may hold a tag `!!…!…`: a `!!` followed, before the token ends, by another
/// `!` (a cheap test; [`libyaml_lines`] then finds the tags).
fn has_bang_in_tag_suffix(yaml: &str) -> bool {
    memchr::memmem::find_iter(yaml.as_bytes(), b"!!").any(|at| {
        yaml.as_bytes()[at + 2..]
            .iter()
            .take_while(|&&b| !ends_token(char::from(b)))
            .any(|&b| b == b'!')
    })
}

/// A scalar's text as libyaml reads it: with the byte-order marks that [`libyaml_lines`] gave
/// as stand-ins, where the text had no stand-in of its own (else as saphyr-parser read it,
/// and a path through it is found by parsing again).
fn as_libyaml_reads<'e>(event: Event<'e>, restore: bool) -> Event<'e> {
    match event {
        Event::Scalar(text, style, anchor, tag) if restore && text.contains(BOM_STAND_IN) => {
            let text = text.replace(BOM_STAND_IN, &BOM.to_string());
            Event::Scalar(Cow::Owned(text), style, anchor, tag)
        }
        other => other,
    }
}

/// The end of the quoted scalar whose opening quote is at `start`: after its closing quote
/// (`''` inside single quotes and `\"` inside double quotes do not close it).
fn quoted_end(yaml: &str, start: usize) -> usize {
    let bytes = yaml.as_bytes();
    let quote = bytes[start];
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if quote == b'"' => at += 2,
            b'\'' if quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') => at += 2,
            b if b == quote => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// What one pass over a front matter found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Outline {
    /// Every value, with its key's text, where the general reader's error for it would
    /// point.
    pub(crate) spans: Spans,
    /// The byte ranges of the values of every key named `secured`, and of what their aliases
    /// stand for: from the value's first character to the next token (so a trailing comment
    /// is in the range too).
    pub(crate) secrets: Vec<Range<usize>>,
    /// Where the pass stopped, when the YAML is not well-formed: from the line of this
    /// offset on, the text was not read far enough to tell whether it holds a secret.
    pub(crate) unread_from: Option<usize>,
}

/// The values recorded again for what aliases stand for are at most this many times the
/// bytes of the text; past it, a value under an alias is found at the alias.
const ALIAS_BUDGET: usize = 4;

/// Reads `yaml` (a front matter, its opening line included) once.
pub(crate) fn outline(yaml: &str) -> Outline {
    let mut pass = Pass {
        out: Outline {
            spans: Spans::named(),
            ..Outline::default()
        },
        budget: ALIAS_BUDGET.saturating_mul(yaml.len() + 1),
        frames: Vec::new(),
        anchors: HashMap::new(),
        pending: Vec::new(),
        in_key: None,
        last_value_end: 0,
        flow: false,
    };
    let mut offsets = Offsets {
        text: yaml,
        chars: 0,
        bytes: 0,
    };
    let mut last_start = 0;
    let restore = yaml.contains(BOM) && !yaml.contains(BOM_STAND_IN);
    for item in Parser::new_from_str(&libyaml_lines(yaml)) {
        let Ok((event, span)) = item else {
            pass.out.unread_from = Some(pass.unread_from(last_start));
            return pass.out;
        };
        let event = as_libyaml_reads(event, restore);
        let mut start = offsets.byte(span.start.index());
        let mut end = offsets.byte(span.end.index()).max(start);
        if let Event::Scalar(text, style, ..) = &event {
            let empty = text.is_empty() && *style == ScalarStyle::Plain;
            end = scalar_end(yaml, start, end, *style);
            if empty || matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                start = libyaml_start(yaml, &event, start);
            }
        }
        if let Event::SequenceStart(..) = &event {
            // An indentless sequence (`key:` and `- item` below it, at the same indent)
            // starts at its first item, for saphyr-parser; at its first `-` for libyaml.
            let head = yaml[..start].trim_end_matches([' ', '\t']);
            if !yaml[start..].starts_with(['[', '-', '&', '!']) && head.ends_with('-') {
                start = head.len() - 1;
            }
        }
        last_start = start;
        // A flow collection ends at its closing bracket, which is the end of its event.
        pass.flow = matches!(yaml.as_bytes().get(start), Some(b'[' | b'{'));
        pass.event(event, start, end);
    }
    pass.close_pending(yaml.len());
    pass.out
}

/// A collection being read.
#[derive(Debug)]
struct Frame {
    /// Its node, unless it is not on any path (under a key that is not a scalar).
    node: Option<u32>,
    /// Where it starts.
    start: usize,
    /// Its anchor, 0 for none.
    anchor: usize,
    /// It is the value of a `secured` key.
    secret: bool,
    /// It is inside such a value: an alias in it stands for a secret.
    inside_secret: bool,
    /// It is written `[…]` or `{…}`.
    flow: bool,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// A mapping: waiting for a key, or for the value of the key read (its text, unless it
    /// is not a scalar, its offset, and the offset just past it).
    Mapping(Option<(Option<Arc<str>>, usize, usize)>),
    /// A sequence, and the index of its next item.
    Sequence(usize),
}

/// An anchored value, for its aliases.
#[derive(Debug)]
struct Anchor {
    /// Its node, and the end of its subtree (`u32::MAX` while it is read).
    node: Option<u32>,
    end: u32,
    /// Its byte range, once the next event is reached.
    range: Range<usize>,
    /// Its text, for a scalar (an alias as a key stands for it), shared by every such key.
    text: Option<Arc<str>>,
}

/// A value read whose byte range is wanted: it ends where the next event starts.
#[derive(Debug)]
struct Pending {
    start: usize,
    end: usize,
    anchor: usize,
    secret: bool,
}

struct Pass {
    out: Outline,
    budget: usize,
    frames: Vec<Frame>,
    anchors: HashMap<usize, Anchor>,
    pending: Vec<Pending>,
    /// A collection written as a key being read, which no path goes through.
    in_key: Option<KeyCollection>,
    /// Where the last scalar or alias read ends: where the block collections it closes end.
    last_value_end: usize,
    /// The event being read starts with `[` or `{`.
    flow: bool,
}

/// A collection written as a key (`? [a, b]`, `{x: 1}: y`): on no path, but read for the
/// anchors in it and for whether it hides a secret (a `secured` key of its own, or an alias
/// of a secret).
#[derive(Debug)]
struct KeyCollection {
    /// Where it starts.
    start: usize,
    /// It holds a scalar `secured`, or is inside a secret: all of it is a secret, and so is
    /// what each alias in it stands for.
    secret: bool,
    /// The anchors of the aliases in it.
    aliases: Vec<usize>,
    /// The collections open in it, outermost first, with their anchors and starts.
    open: Vec<(usize, usize)>,
}

impl Pass {
    fn event(&mut self, event: Event<'_>, start: usize, end: usize) {
        self.close_pending(start);
        if self.in_key.is_some() {
            self.key_collection_event(event, start, end);
            return;
        }
        match event {
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(frame) = self.frames.pop() {
                    // A collection ends with its last value; an empty one (`{}`, `[]`) where
                    // its event does.
                    let last = if self.last_value_end > frame.start && !frame.flow {
                        self.last_value_end
                    } else {
                        end
                    };
                    if let Some(node) = frame.node {
                        self.out.spans.set_end(node, last);
                    }
                    self.last_value_end = last;
                    if let Some(anchor) = self.anchors.get_mut(&frame.anchor) {
                        anchor.end = u32::try_from(self.out.spans.len()).unwrap_or(u32::MAX);
                    }
                    self.value_read(frame.start, end, frame.anchor, frame.secret);
                }
                return;
            }
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::MappingStart(..)
            | Event::SequenceStart(..) => {}
            _ => return,
        }
        if let Some(Frame {
            kind: Kind::Mapping(key @ None),
            ..
        }) = self.frames.last_mut()
        {
            let text = match &event {
                Event::Scalar(text, ..) => Some(Arc::from(&**text)),
                Event::Alias(id) => self.anchors.get(id).and_then(|a| a.text.clone()),
                Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                    let anchor = *anchor;
                    *key = Some((None, start, end));
                    let secret = self.frames.last().is_some_and(|f| f.inside_secret);
                    self.anchor(anchor, None, start, None);
                    self.in_key = Some(KeyCollection {
                        start,
                        secret,
                        aliases: Vec::new(),
                        open: vec![(anchor, start)],
                    });
                    return;
                }
                _ => None,
            };
            *key = Some((text, start, end));
            self.last_value_end = end;
            return;
        }
        let (node, secret, inside_secret) = self.place(start);
        match event {
            Event::Scalar(text, style, anchor, _) => {
                // An empty plain scalar (`key:`) is an empty range where libyaml puts it.
                let empty = text.is_empty() && style == ScalarStyle::Plain;
                let end = if empty { start } else { end };
                if let Some(node) = node {
                    self.out.spans.set_end(node, end);
                }
                self.last_value_end = end;
                self.anchor(anchor, node, start, Some(Arc::from(&*text)));
                if let (Some(anchor), Some(node)) = (self.anchors.get_mut(&anchor), node) {
                    anchor.end = node + 1;
                }
                self.value_read(start, end, anchor, secret);
            }
            Event::Alias(id) => {
                if let Some(node) = node {
                    self.out.spans.set_end(node, end);
                }
                self.last_value_end = end;
                if let Some(anchor) = self.anchors.get(&id) {
                    if let (Some(node), Some(from)) = (node, anchor.node) {
                        if anchor.end != u32::MAX {
                            let (at, to) = (self.out.spans.at(from), self.out.spans.end(from));
                            self.out.spans.set_range(node, at, to);
                            self.out
                                .spans
                                .copy_below(node, from, anchor.end, self.budget);
                        }
                    }
                    if secret || inside_secret {
                        self.out.secrets.push(anchor.range.clone());
                    }
                }
                self.value_read(start, end, 0, secret);
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                self.anchor(anchor, node, start, None);
                let kind = match event {
                    Event::MappingStart(..) => Kind::Mapping(None),
                    _ => Kind::Sequence(0),
                };
                self.frames.push(Frame {
                    node,
                    start,
                    anchor,
                    secret,
                    inside_secret: secret || inside_secret,
                    flow: self.flow,
                    kind,
                });
            }
            _ => {}
        }
    }

    /// An event inside a collection written as a key: its anchors are recorded (an alias
    /// elsewhere may stand for them), and once it ends, all of it is a secret if it held a
    /// key `secured`, with what each alias in it stands for.
    fn key_collection_event(&mut self, event: Event<'_>, start: usize, end: usize) {
        let Some(key) = self.in_key.as_mut() else {
            return;
        };
        match event {
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                key.open.push((anchor, start));
                self.anchor(anchor, None, start, None);
            }
            Event::Scalar(text, _, anchor, _) => {
                key.secret |= text == "secured";
                self.anchor(anchor, None, start, Some(Arc::from(&*text)));
                self.value_read(start, end, anchor, false);
            }
            Event::Alias(id) => {
                key.secret |= self
                    .anchors
                    .get(&id)
                    .is_some_and(|a| a.text.as_deref() == Some("secured"));
                key.aliases.push(id);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let Some((anchor, from)) = key.open.pop() else {
                    return;
                };
                let closed = key.open.is_empty();
                self.value_read(from, end, anchor, false);
                if closed {
                    let Some(key) = self.in_key.take() else {
                        return;
                    };
                    if key.secret {
                        self.value_read(key.start, end, 0, true);
                        for id in key.aliases {
                            if let Some(anchor) = self.anchors.get(&id) {
                                self.out.secrets.push(anchor.range.clone());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Records a value at `start` under the collection being read, and says whether it is
    /// the value of a key named `secured`, and whether it is inside one.
    fn place(&mut self, start: usize) -> (Option<u32>, bool, bool) {
        let spans = &mut self.out.spans;
        let Some(frame) = self.frames.last_mut() else {
            return (Some(spans.root(start)), false, false);
        };
        let inside_secret = frame.inside_secret;
        match &mut frame.kind {
            Kind::Sequence(next) => {
                let index = *next;
                *next += 1;
                let node = frame
                    .node
                    .map(|parent| spans.child(parent, Step::Index(index), start));
                (node, false, inside_secret)
            }
            Kind::Mapping(key) => {
                let (text, key_at, key_end) = key.take().unwrap_or((None, start, start));
                let secret = text.as_deref() == Some("secured");
                let node = match (frame.node, text) {
                    (Some(parent), Some(text)) => {
                        Some(spans.named_child(parent, text, (key_at, key_end), start))
                    }
                    _ => None,
                };
                (node, secret, inside_secret)
            }
        }
    }

    fn anchor(&mut self, anchor: usize, node: Option<u32>, start: usize, text: Option<Arc<str>>) {
        if anchor != 0 {
            self.anchors.insert(
                anchor,
                Anchor {
                    node,
                    end: u32::MAX,
                    range: start..start,
                    text,
                },
            );
        }
    }

    /// A value from `start` to `end` is read: its range, if wanted, runs on to the next
    /// event.
    fn value_read(&mut self, start: usize, end: usize, anchor: usize, secret: bool) {
        if anchor != 0 || secret {
            self.pending.push(Pending {
                start,
                end,
                anchor,
                secret,
            });
        }
    }

    fn close_pending(&mut self, next: usize) {
        for value in self.pending.drain(..) {
            let range = value.start..next.max(value.end);
            if let Some(anchor) = self.anchors.get_mut(&value.anchor) {
                anchor.range = range.clone();
            }
            if value.secret {
                self.out.secrets.push(range);
            }
        }
    }

    /// Where what is not known to be free of secrets starts, when the pass stopped at an
    /// event that starts at `last`: there, or earlier at a secret still being read.
    fn unread_from(&self, last: usize) -> usize {
        let frames = self.frames.iter().filter_map(|frame| match &frame.kind {
            _ if frame.inside_secret => Some(frame.start),
            Kind::Mapping(Some((Some(text), at, _))) if &**text == "secured" => Some(*at),
            _ => None,
        });
        let pending = self.pending.iter().filter(|v| v.secret).map(|v| v.start);
        let key = self.in_key.iter().filter(|k| k.secret).map(|k| k.start);
        frames.chain(pending).chain(key).fold(last, usize::min)
    }
}

/// Just past the last character of the scalar from `start` that saphyr-parser says ends at
/// `end` (past the blanks and comment after it, at times): a quoted one at its closing
/// quote, a plain one before the blanks and comment that follow it.
fn scalar_end(yaml: &str, start: usize, end: usize, style: ScalarStyle) -> usize {
    let bytes = yaml.as_bytes();
    let end = end.min(bytes.len());
    let mut i = start + 1;
    match style {
        ScalarStyle::DoubleQuoted if bytes.get(start) == Some(&b'"') => {
            while i < end {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    _ => i += 1,
                }
            }
            end
        }
        ScalarStyle::SingleQuoted if bytes.get(start) == Some(&b'\'') => {
            while i < end {
                match (bytes[i], bytes.get(i + 1)) {
                    (b'\'', Some(b'\'')) => i += 2,
                    (b'\'', _) => return i + 1,
                    _ => i += 1,
                }
            }
            end
        }
        ScalarStyle::Plain => {
            let text = &yaml[start..end];
            let cut = text
                .match_indices('#')
                .find(|&(at, _)| at > 0 && matches!(bytes[start + at - 1], b' ' | b'\t'))
                .map_or(text.len(), |(at, _)| at);
            start + text[..cut].trim_end_matches([' ', '\t', '\r', '\n']).len()
        }
        _ => end,
    }
}

/// Where libyaml (the general reader's engine, whose error for a value points at it) starts
/// a node that saphyr-parser starts elsewhere: an empty scalar right after the indicator
/// before it (`key:`, `- `), a block scalar at its `|` or `>`, and either at the anchor or
/// tag written before it. `start` is saphyr-parser's start.
fn libyaml_start(yaml: &str, event: &Event<'_>, start: usize) -> usize {
    let bytes = yaml.as_bytes();
    // Back over blanks and whole comments, line by line, to the text before `start`.
    let mut end = start;
    let (line_start, before) = loop {
        let line_start = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |at| at + 1);
        let line = &yaml[line_start..end];
        let code = match line.find(" #") {
            Some(at) => &line[..at],
            None if line.trim_start().starts_with('#') => "",
            None => line,
        };
        let code = code.trim_end();
        if !code.is_empty() || line_start == 0 {
            break (line_start, line_start + code.len());
        }
        end = line_start - 1;
    };
    let mut at = match event {
        Event::Scalar(_, ScalarStyle::Literal | ScalarStyle::Folded, ..) => {
            // The header: its indicator is the last `|` or `>` of the line before.
            match yaml[line_start..before].rfind(['|', '>']) {
                Some(at) => line_start + at,
                None => return start,
            }
        }
        // An empty node: right after the indicator before it.
        _ => before,
    };
    // Back over the anchor and tag written before the node.
    loop {
        let head = yaml[..at].trim_end_matches([' ', '\t']);
        let word_start = head.rfind([' ', '\t', '\n']).map_or(0, |i| i + 1);
        if head.len() < at && head[word_start..].starts_with(['&', '!']) {
            at = word_start;
        } else {
            return at;
        }
    }
}

/// saphyr-parser's character offsets made byte offsets, walking forward (its events come
/// in the order of the text).
struct Offsets<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl Offsets<'_> {
    /// The byte offset of character `chars`: a walk from the last one asked for.
    fn byte(&mut self, chars: usize) -> usize {
        let mut after = self.text[self.bytes..].chars();
        while self.chars < chars {
            let Some(c) = after.next() else { break };
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        let mut before = self.text[..self.bytes].chars();
        while self.chars > chars {
            let Some(c) = before.next_back() else { break };
            self.chars -= 1;
            self.bytes -= c.len_utf8();
        }
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::general::reparse::{locate, Target};
    use crate::read::spans::tests::record_files;
    use crate::read::split::split;
    use crate::report::position::line_column;
    use crate::report::{FieldPath, Segment};
    use std::borrow::Cow;

    use crate::read::spans::Lookup;

    /// Every value and key the pass recorded is where the general reader finds it, and a
    /// path to nothing is found by neither; gives how many values it checked.
    fn agrees_with_the_general_reader(yaml: &str) -> usize {
        let outline = outline(yaml);
        assert_eq!(outline.unread_from, None, "{yaml}");
        let lookup = Lookup::new(Cow::Borrowed(&outline.spans), yaml);
        let paths = outline.spans.paths(yaml);
        for at in &paths {
            let found = lookup.value(at).map(|offset| line_column(yaml, offset));
            assert!(found.is_some(), "{at}\n{yaml}");
            assert_eq!(found, locate(yaml, at, Target::Value), "{at}\n{yaml}");
            if let Some(Segment::Key(_)) = at.segments().last() {
                let key = lookup
                    .key_range(at)
                    .map(|(offset, _)| line_column(yaml, offset));
                assert_eq!(key, locate(yaml, at, Target::Key), "key of {at}\n{yaml}");
            }
            for nowhere in [at.clone().key("nowhere"), at.clone().index(9999)] {
                assert_eq!(lookup.value(&nowhere), None, "{nowhere}");
            }
        }
        paths.len()
    }

    #[test]
    fn positions_are_where_the_general_reader_finds_them_in_every_record_file() {
        let mut checked = 0;
        for path in record_files() {
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(parts) = split(&text) else { continue };
            checked += agrees_with_the_general_reader(parts.yaml);
        }
        assert!(checked > 1000, "{checked}");
    }

    /// What the fast reader declines: the layouts only the general reader reads.
    const GENERAL: &[&str] = &[
        "---\ntopics: [a, b, \"c\", 'd', {x: 1}]\ntitle: x\n",
        "---\n\"title\": x\n'excerpt': y\n\"secur\\x65d\": z\n? category\n: news\n",
        "---\ntitle: &t \"x\"\nexcerpt: *t\nprovider: &p\n  name: n\n  domain: d\nother: *p\n",
        "---\ntitle: !!str 5\nheat: !!int 3\nbody: |\n  line é\n  ünïcode\nnext: >-\n  folded\n",
        "---\n# a comment\ntitle: x # trailing\ntopics:\n- a\n- b\nrelated:\n- title: t\n  images:\n  - url: u\n",
        "---\ntitle:\n  \"on the next line\"\nexcerpt:\n  plain\n  two lines\nprovider: {name: n, domain: d}\n",
        "---\ntitle: \"é\\u00e9 ✓\"\nexcerpt: 'it''s'\ntopics: [ é , ü ]\n",
        "---\r\ntitle: x\r\ntopics:\r\n  - a\r\n",
        // A byte-order mark inside a key, which libyaml reads as a character.
        "---\nk\u{feff}5: 1\ntitle: x\nk6: [a, \"b\u{feff}\"]\n",
    ];

    #[test]
    fn positions_are_where_the_general_reader_finds_them_in_every_layout() {
        for yaml in GENERAL {
            agrees_with_the_general_reader(yaml);
        }
    }

    #[test]
    fn finds_comments_and_no_hash_inside_a_value() {
        let yaml = "--- # top\n# a line\ntitle: \"Issue #5\" # trailing\nbody: | # header\n  # text\ntopics: [a, #b\n  c]\nx: C#\ny: 'it''s #1' # q\nz: \"\\\" #\" # e\n";
        let found: Vec<&str> = comments(yaml)
            .unwrap()
            .into_iter()
            .map(|at| &yaml[at..yaml[at..].find('\n').map_or(yaml.len(), |end| at + end)])
            .collect();
        assert_eq!(
            found,
            [
                "# top",
                "# a line",
                "# trailing",
                "# header",
                "#b",
                "# q",
                "# e"
            ]
        );
        assert_eq!(comments("---\ntitle: [\n"), None);
        // After a line break of libyaml's (LS), a `#` starts a comment there too.
        let ls = "---\nx: b\u{2028}# c\n";
        assert_eq!(comments(ls), Some(vec![ls.find('#').unwrap()]));
        assert_eq!(comments("---\ntitle: x\n"), Some(vec![]));
    }

    #[test]
    fn a_collection_as_a_key_is_on_no_path() {
        // The general reader fails on such a key: its walk finds nothing after it.
        let yaml = "---\n? [a, b]\n: complex key\ntitle: x\n";
        let outline = outline(yaml);
        let lookup = Lookup::new(Cow::Borrowed(&outline.spans), yaml);
        assert_eq!(
            outline.spans.paths(yaml),
            [FieldPath::root(), FieldPath::root().key("title")]
        );
        assert_eq!(
            lookup.value(&FieldPath::root().key("title")),
            yaml.find(": x").map(|at| at + 2)
        );
    }

    #[test]
    fn values_under_an_alias_are_where_the_anchor_is() {
        let yaml = GENERAL[2];
        let outline = outline(yaml);
        let lookup = Lookup::new(Cow::Borrowed(&outline.spans), yaml);
        let other = FieldPath::root().key("other");
        assert_eq!(
            lookup
                .value(&other.clone().key("domain"))
                .map(|at| line_column(yaml, at)),
            Some((6, 11))
        );
        assert_eq!(
            lookup.value(&other),
            lookup.value(&FieldPath::root().key("provider"))
        );
    }

    /// The text of every secret range.
    fn secrets(yaml: &str) -> Vec<&str> {
        let outline = outline(yaml);
        assert_eq!(outline.unread_from, None, "{yaml}");
        outline
            .secrets
            .iter()
            .map(|range| &yaml[range.clone()])
            .collect()
    }

    #[test]
    fn finds_the_value_of_every_key_named_secured_however_written() {
        let p = "AAAA;BBBB";
        let cases: &[(String, &[&str])] = &[
            (format!("---\nsecured: \"{p}\"\n"), &["\"AAAA;BBBB\"\n"]),
            (
                format!("---\nsecured:\n  \"{p}\"\nx: 1\n"),
                &["\"AAAA;BBBB\"\n"],
            ),
            (format!("---\n\"secured\": {p}\n"), &["AAAA;BBBB\n"]),
            (
                format!("---\n'secured': {p} # c\nx: 1\n"),
                &["AAAA;BBBB # c\n"],
            ),
            (format!("---\n\"secur\\x65d\": {p}\n"), &["AAAA;BBBB\n"]),
            (format!("---\n? secured\n: {p}\n"), &["AAAA;BBBB\n"]),
            (
                format!("---\nsecured: a\nsecured: {p}\n"),
                &["a\n", "AAAA;BBBB\n"],
            ),
            (
                format!("---\nrelated:\n  - title: t\n    secured: {p}\n    x: 1\n"),
                &["AAAA;BBBB\n    "],
            ),
            ("---\nsecured: 98765\n".to_owned(), &["98765\n"]),
            (
                format!("---\nsecured: [{p}, x]\ny: 1\n"),
                &["[AAAA;BBBB, x]\n"],
            ),
            (
                format!("---\nsecured: |\n  {p}\n  more\nz: 1\n"),
                &["|\n  AAAA;BBBB\n  more\n"],
            ),
            (
                format!("---\nx: &a {p}\nsecured: *a\n"),
                &["*a\n", "&a AAAA;BBBB\n"],
            ),
            (format!("---\n{{secured: {p}, y: 1}}\n"), &["AAAA;BBBB, "]),
        ];
        for (yaml, wanted) in cases {
            let mut found = secrets(yaml);
            found.sort_unstable();
            let mut wanted = wanted.to_vec();
            wanted.sort_unstable();
            assert_eq!(found, wanted, "{yaml}");
        }
    }

    #[test]
    fn a_front_matter_that_is_not_yaml_is_unread_from_where_a_secret_may_start() {
        for (yaml, from) in [
            ("---\ntitle: x\nsecured: \"AAAA\n", "secured"),
            ("---\ntitle: x\n\"secured: AAAA\n", "\"secured"),
            ("---\ntitle: x\nsecured:\n  - [AAAA\n", "- [AAAA"),
            ("---\ntitle: x\nbad: [\nsecured: AAAA\n", "["),
        ] {
            let outline = outline(yaml);
            let at = outline.unread_from.expect(yaml);
            assert!(at <= yaml.find(from).unwrap(), "{yaml}: {at}");
        }
    }
}
