//! The fast reader: YAML as producers write it, read line by line straight into the model,
//! with the position of every value recorded as it goes.
//!
//! It reads block mappings and block lists at any consistent indentation, `[]`, plain,
//! double-quoted and single-quoted scalars on one line, comments and blank lines: the
//! subset that every real record file is written in (FORMAT.md, "How the producer writes
//! it"). At the first thing outside it, and at anything that would be an error, it
//! *declines* ([`Decline`]) and the caller hands the front matter to the general reader
//! (serde_yaml), which then decides and reports as it always has. So it never has to be
//! right about an error, only about a record it accepts: for those it must build exactly
//! the record the general reader builds, which the differential tests and fuzz target check.
//!
//! Layout: `line.rs` cuts lines and checks their characters, `scalar.rs` reads one scalar,
//! `build.rs` walks mappings and lists into the model's types.

mod build;
mod line;
mod scalar;

use crate::model::Record;
use crate::read::decline::DeclineReason;
use crate::read::spans::{Spans, MAX_LEN};
use crate::read::visitors::{Ctx, Mode};

use build::Read;
use line::Lines;

/// Why and where (a byte offset in the front matter) the fast reader stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decline {
    pub(crate) reason: DeclineReason,
    pub(crate) at: usize,
}

impl Decline {
    fn new(reason: DeclineReason, at: usize) -> Self {
        Decline { reason, at }
    }
}

type Result<T> = std::result::Result<T, Decline>;

/// Reads the record from `yaml` (the front matter with its opening `---` line), with the
/// position of every value, or declines.
pub(crate) fn read(yaml: &str, mode: Mode) -> Result<(Record, Spans)> {
    if yaml.len() > MAX_LEN {
        return Err(Decline::new(DeclineReason::TooLarge, 0));
    }
    // The opening line is the document start marker, checked by the split.
    let first = memchr::memchr(b'\n', yaml.as_bytes()).map_or(yaml.len(), |at| at + 1);
    // About one value per line: room for them all in one allocation.
    let values = memchr::memchr_iter(b'\n', yaml.as_bytes()).count() + 1;
    let ctx = Ctx::new(mode, yaml.len());
    let mut reader = Reader {
        lines: Lines::new(yaml, first),
        spans: Spans::with_capacity(values),
        ctx: &ctx,
    };
    let record = reader.root()?;
    Ok((record, reader.spans))
}

/// The state of one read: the lines still to read, the positions recorded so far, and the
/// context the model's text values are built with (the general reader's own).
struct Reader<'y, 'c> {
    lines: Lines<'y>,
    spans: Spans,
    ctx: &'c Ctx<'c>,
}

impl<'y> Reader<'y, '_> {
    /// The root mapping, and nothing after it.
    fn root(&mut self) -> Result<Record> {
        let value = match self.lines.peek()? {
            Some(line) if !line.is_dash(self.lines.text()) => build::Value::Map {
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
