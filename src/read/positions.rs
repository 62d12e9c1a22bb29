//! Finding the line and column of a value of a parsed front matter, for diagnostics found
//! after parsing: from the positions the fast reader recorded, or from one pass over the
//! events of what the general reader read.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};

use crate::read::general::reparse::{locate, Target};
use crate::read::outline::outline;
use crate::read::spans::{Lookup, Spans};
use crate::report::position::{line_column, LineIndex};
use crate::report::{FieldPath, Location, Span};

/// Where the values of a parsed front matter are: recorded by the fast reader as it read
/// them, or, when the general reader read it, to be found by one pass over its events
/// ([`outline`]) when first asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Positions {
    /// The fast reader read the front matter and recorded every value's position.
    Recorded(Spans),
    /// The general reader read it.
    General,
}

impl Positions {
    /// Gives back room reserved beyond what is recorded, for positions kept long.
    pub(crate) fn shrink_to_fit(&mut self) {
        if let Positions::Recorded(spans) = self {
            spans.shrink_to_fit();
        }
    }

    /// Answers questions about where the values of `yaml` (the front matter these positions
    /// are of, starting `base` bytes into its file, after a byte order mark) are, building
    /// what it needs once, on the first question. The spans it gives are offsets in the file.
    pub(crate) fn locator_at<'a>(&'a self, yaml: &'a str, base: usize) -> Locator<'a> {
        Locator {
            positions: self,
            yaml,
            base,
            built: OnceCell::new(),
            lines: OnceCell::new(),
            counted: Cell::new(COUNTED),
            reparses: Cell::new(REPARSES),
        }
    }
}

/// Finds the line and column of values by path in one front matter: O(depth × log n) a
/// question, after one pass (the general reader's events) and one sort on the first.
#[derive(Debug)]
pub(crate) struct Locator<'a> {
    positions: &'a Positions,
    yaml: &'a str,
    /// Where the front matter starts in its file.
    base: usize,
    built: OnceCell<Built<'a>>,
    /// The lines of `yaml`, found on the first question about a line or a range: apart from
    /// `built`, which a question about a path needs.
    lines: OnceCell<LineIndex>,
    /// Places whose line and column may still be counted from the start of the text, before
    /// the lines are indexed.
    counted: Cell<usize>,
    /// Questions the general reader may still answer (one parse each), where the event pass
    /// stopped short of the end.
    reparses: Cell<usize>,
}

/// What a [`Locator`] builds on its first question.
#[derive(Debug)]
struct Built<'a> {
    lookup: Lookup<'a>,
    /// The event pass read the whole front matter: what it did not find is not there.
    complete: bool,
}

/// How many questions the general reader answers with a parse of its own, in a front matter
/// the event pass could not read to its end (YAML 1.1 that YAML 1.2 refuses, such as a lone
/// CR inside a quoted string): a bounded number, so that the cost stays linear in the file.
const REPARSES: usize = 16;

/// How many places a [`Locator`] finds the line and column of by counting from the start of
/// the text (a vector count of line feeds, then the characters of the line), before it
/// indexes the lines: most files have no diagnostic or a few, and a few counts cost less
/// than an index, which the next places then use (so that many cost O(log n) each, and the
/// whole stays linear in the file).
const COUNTED: usize = 8;

impl<'a> Locator<'a> {
    fn built(&self) -> &Built<'a> {
        self.built.get_or_init(|| {
            let (spans, complete) = match self.positions {
                Positions::Recorded(spans) => (Cow::Borrowed(spans), true),
                Positions::General => {
                    let outline = outline(self.yaml);
                    (Cow::Owned(outline.spans), outline.unread_from.is_none())
                }
            };
            Built {
                lookup: Lookup::new(spans, self.yaml),
                complete,
            }
        })
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.yaml))
    }

    /// The range of the value at `path`, or `None` when there is no such value.
    pub(crate) fn value_span(&self, path: &FieldPath) -> Option<Span> {
        let built = self.built();
        match built.lookup.value_range(path) {
            Some((start, end)) => Some(self.span(start, end)),
            None => self.reparse(built, path, Target::Value),
        }
    }

    /// The range of the key `path` ends with.
    pub(crate) fn key_span(&self, path: &FieldPath) -> Option<Span> {
        let built = self.built();
        match built.lookup.key_range(path) {
            Some((start, end)) => Some(self.span(start, end)),
            None => self.reparse(built, path, Target::Key),
        }
    }

    /// The span of the bytes `start..end` of the front matter.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        if self.lines.get().is_none() && self.counted.get() >= 2 {
            self.counted.set(self.counted.get() - 2);
            return span_by(
                |at| line_column(self.yaml, at),
                self.yaml,
                self.base,
                start,
                end,
            );
        }
        span_in(self.lines(), self.yaml, self.base, start, end)
    }

    /// Where the front matter starts in its file.
    pub(crate) fn base(&self) -> usize {
        self.base
    }

    /// An empty span at 1-based `line` and `column` (in characters).
    pub(crate) fn point(&self, line: usize, column: usize) -> Option<Span> {
        let at = self.lines().offset(self.yaml, line, column)?;
        Some(self.span(at, at))
    }

    /// `span` cut at the end of its first line.
    pub(crate) fn first_line(&self, span: Span) -> Span {
        if span.start.line == span.end.line {
            return span;
        }
        let start = span.start.offset - self.base;
        let end = self
            .lines()
            .line(self.yaml, span.start.line)
            .map_or(start, |line| line.end.max(start));
        self.span(start, end)
    }

    /// Where the general reader finds `path`, for a front matter the event pass could not
    /// read to its end: a point, since it tells no range.
    fn reparse(&self, built: &Built<'_>, path: &FieldPath, target: Target) -> Option<Span> {
        let left = self.reparses.get();
        if built.complete || left == 0 {
            return None;
        }
        self.reparses.set(left - 1);
        let (line, column) = locate(self.yaml, path, target)?;
        let at = self.lines().offset(self.yaml, line, column)?;
        Some(self.span(at, at))
    }
}

/// The span of the bytes `start..end` of `yaml` (a front matter `base` bytes into its file,
/// whose lines are `lines`): lines and columns in the file, offsets in the file.
pub(crate) fn span_in(
    lines: &LineIndex,
    yaml: &str,
    base: usize,
    start: usize,
    end: usize,
) -> Span {
    span_by(|at| lines.line_column(yaml, at), yaml, base, start, end)
}

/// As [`span_in`], with the line and column of an offset of `yaml` given by `line_column`.
fn span_by(
    line_column: impl Fn(usize) -> (usize, usize),
    yaml: &str,
    base: usize,
    start: usize,
    end: usize,
) -> Span {
    let location = |at: usize| {
        let at = at.min(yaml.len());
        let (line, column) = line_column(at);
        Location {
            line,
            column,
            offset: base + at,
        }
    };
    Span {
        start: location(start),
        end: location(end.max(start)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A place's line and column are the same counted from the start as found in the index
    /// of lines, for offsets inside characters and past the end too.
    #[test]
    fn counted_and_indexed_places_agree() {
        let yaml = "---\ntitle: \"Zürich ’x’ 🦀\"\r\nexcerpt: é\n\n  - last";
        let index = LineIndex::new(yaml);
        let positions = Positions::General;
        let locator = positions.locator_at(yaml, 3);
        for start in 0..=yaml.len() + 1 {
            for end in [start, start + 3, yaml.len() + 2] {
                let counted = locator.lines.get().is_none();
                assert_eq!(
                    locator.span(start, end),
                    span_in(&index, yaml, 3, start, end),
                    "{start}..{end}, counted: {counted}"
                );
            }
        }
        // The first spans were counted; the index answered the rest.
        assert!(locator.lines.get().is_some());
    }
}
