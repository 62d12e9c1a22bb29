//! Why the fast reader hands a front matter to the general YAML reader.

use std::fmt;

use crate::report::names::stable_names;

stable_names! {
    /// Why the fast reader declined a front matter: the first thing it met outside the
    /// YAML that producers write, or a problem it leaves to the general reader to report.
    /// Its [`Display`](fmt::Display) is a stable kebab-case name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    #[non_exhaustive]
    pub enum DeclineReason;
    /// A tab, which YAML allows in some places and not in others.
    Tab = "tab";
    /// A character YAML does not allow unescaped (a control character, U+FEFF, U+FFFE), or
    /// a line break other than `\n` and `\r\n` (a lone `\r`, NEL, LS, PS).
    Character = "character";
    /// A flow collection, `[...]` or `{...}`, other than the empty list `[]`.
    FlowCollection = "flow-collection";
    /// An anchor, `&name`.
    Anchor = "anchor";
    /// An alias, `*name`.
    Alias = "alias";
    /// A tag, `!x` or `!!str`.
    Tag = "tag";
    /// A block scalar, `|` or `>`.
    BlockScalar = "block-scalar";
    /// A scalar that goes on over several lines, or a quoted one not closed on its line.
    MultiLineScalar = "multi-line-scalar";
    /// An explicit key, `? key`.
    ExplicitKey = "explicit-key";
    /// A key that is not a plain word (`"title":`, `5:`, `title :`).
    KeyForm = "key-form";
    /// A double-quoted escape other than `\"`, `\\`, `\/`, `\n`, `\r` and `\t`.
    Escape = "escape";
    /// A plain scalar that YAML may read as something other than text where text is
    /// expected (`title: 12`, `title: ~`), one that is no integer where an integer is
    /// expected (`54.0`, `054`, `1e3`) or no boolean where a boolean is (`yes`), or a plain scalar
    /// that starts with an indicator or holds `: ` or ` #`.
    PlainScalar = "plain-scalar";
    /// A line indented where no node can start, or a list of lists.
    Indentation = "indentation";
    /// Anything else outside the subset (text after a closing quote, a document marker).
    Syntax = "syntax";
    /// A key without a value (`key:`, which YAML reads as null).
    EmptyValue = "empty-value";
    /// A front matter that is empty or not a mapping.
    NotAMapping = "not-a-mapping";
    /// A key the format does not define (an error when strict; kept with a warning by the
    /// general reader when lenient).
    UnknownKey = "unknown-key";
    /// A key twice in one mapping.
    DuplicateKey = "duplicate-key";
    /// A required key that is absent.
    MissingKey = "missing-key";
    /// A value of the wrong shape: a list where text is expected, text where a mapping is.
    WrongType = "wrong-type";
    /// A value the model refuses: a bad URL or date, an unknown `type`, a number out of
    /// range, a malformed `secured` envelope.
    InvalidValue = "invalid-value";
    /// A front matter too large for the fast reader's 32-bit offsets (over 2 GiB).
    TooLarge = "too-large";
}

/// The fast reader declined a file: why, and where (1-based line and column in the file).
/// The general reader then parsed it, and decided exactly as it always does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declined {
    pub(crate) reason: DeclineReason,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Declined {
    /// Why the fast reader declined.
    pub fn reason(&self) -> DeclineReason {
        self.reason
    }

    /// The line of the file where it declined.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (in characters) where it declined.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.reason
        )
    }
}

/// Why and where (a byte offset in the front matter) the fast reader stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decline {
    pub(crate) reason: DeclineReason,
    pub(crate) at: usize,
    /// The value at `at` is of the wrong shape or refused by its type, as a whole: the
    /// general reader, asked about that value alone, says exactly what is wrong with it.
    pub(super) about_value: bool,
    /// The value is YAML that no parser takes, and how: a reader that recovers reports it
    /// at this offset and reads on at the next key or item.
    pub(super) broken: Option<(Broken, usize)>,
}

/// How a value on its key's or dash's line is YAML that no parser takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Broken {
    /// Text after a closed value: `title: "x" y`, `topics: [] x`.
    AfterValue,
    /// A `: ` (or a `:` ending the line) in a plain value after a key: `title: a: b`.
    MappingValue,
    /// A value that starts with a reserved indicator: `@`, `` ` `` or `%`.
    CannotStart,
}

impl Decline {
    pub(super) fn new(reason: DeclineReason, at: usize) -> Self {
        Decline {
            reason,
            at,
            about_value: false,
            broken: None,
        }
    }

    /// A decline for YAML that no parser takes, which a reader that recovers reports at
    /// `error` (see [`Decline::broken`]).
    pub(super) fn broken(reason: DeclineReason, at: usize, broken: Broken, error: usize) -> Self {
        Decline {
            broken: Some((broken, error)),
            ..Decline::new(reason, at)
        }
    }

    /// A decline about the value at `at` as a whole (see [`Decline::about_value`]).
    pub(super) fn value(reason: DeclineReason, at: usize) -> Self {
        Decline {
            about_value: true,
            ..Decline::new(reason, at)
        }
    }
}

/// What a step of the fast reader gives, or why it declined.
pub(super) type Result<T> = std::result::Result<T, Decline>;
