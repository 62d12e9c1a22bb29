//! What both readers share while they read one front matter: the mode, the budget of
//! values, the first problem found with its [`Code`], and serde's wording of errors.

use std::cell::{Cell, RefCell};
use std::fmt::{self, Display};

use serde::de::{self, Expected, Unexpected};

use crate::report::Code;

/// Whether unknown keys are errors (strict) or kept and reported (lenient).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Strict,
    Lenient,
}

/// What every value read in one parse shares: the mode, a budget of values, and the first
/// problem found.
///
/// Without aliases, every YAML node takes at least one byte of text, so a front matter of `n`
/// bytes holds at most `n` values. Aliases can make a few bytes stand for millions of values
/// (the "billion laughs"); serde_yaml bounds how many alias jumps it makes, but not how much
/// each one expands. Charging every value read against a budget of the text's length keeps
/// time and memory linear in the input, whatever the aliases do.
pub(crate) struct Ctx<'y> {
    pub(crate) mode: Mode,
    /// In the fast pass, the text being parsed: text values skip YAML's resolution of plain
    /// scalars. Only sound where no value carries a tag: `deserialize_str` ignores tags.
    pub(crate) speculative: Option<&'y str>,
    pub(crate) budget: Cell<usize>,
    pub(crate) problem: RefCell<Option<Problem>>,
}

/// An error raised by a visitor: its code and message, without position or path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) code: Code,
    pub(crate) message: String,
    /// The key that is unknown, repeated or missing: the last step of the error's path.
    pub(crate) key: Option<String>,
}

impl<'y> Ctx<'y> {
    pub(crate) fn new(mode: Mode, budget: usize) -> Self {
        Ctx {
            mode,
            speculative: None,
            budget: Cell::new(budget),
            problem: RefCell::new(None),
        }
    }

    /// The context of the fast pass over `yaml` (see the module's documentation).
    pub(crate) fn speculative(mode: Mode, yaml: &'y str) -> Self {
        Ctx {
            speculative: Some(yaml),
            ..Ctx::new(mode, yaml.len())
        }
    }

    /// The context of the public `Deserialize` impls: strict, and no budget beyond what the
    /// caller's own format imposes.
    pub(crate) fn unbounded() -> Self {
        Ctx::new(Mode::Strict, usize::MAX)
    }

    /// The first problem a visitor raised, if the parse failed in one; `None` when the YAML
    /// engine itself stopped it.
    pub(crate) fn problem(self) -> Option<Problem> {
        self.problem.into_inner()
    }

    /// Raises a problem: writes it down (the first one stands: the parse stops there) and
    /// gives the deserializer's error with the same message.
    pub(crate) fn fail<E: de::Error>(&self, code: Code, message: impl Display) -> E {
        self.raise(code, message.to_string(), None)
    }

    /// Raises a problem with a key: unknown, repeated or missing.
    pub(crate) fn fail_at_key<E: de::Error>(
        &self,
        code: Code,
        key: &str,
        message: impl Display,
    ) -> E {
        self.raise(code, message.to_string(), Some(key.to_owned()))
    }

    pub(crate) fn raise<E: de::Error>(
        &self,
        code: Code,
        message: String,
        key: Option<String>,
    ) -> E {
        let error = E::custom(&message);
        self.problem
            .borrow_mut()
            .get_or_insert(Problem { code, message, key });
        error
    }

    /// serde's "invalid type" error, as `invalid-type`.
    pub(crate) fn invalid_type<E: de::Error>(
        &self,
        found: Unexpected<'_>,
        expected: &dyn Expected,
    ) -> E {
        self.fail(Code::InvalidType, Message::invalid_type(found, expected))
    }

    /// serde's "invalid value" error, with the value's own code.
    pub(crate) fn invalid_value<E: de::Error>(
        &self,
        code: Code,
        found: Unexpected<'_>,
        expected: &dyn Expected,
    ) -> E {
        self.fail(code, Message::invalid_value(found, expected))
    }

    /// The error of a front matter that is not a mapping.
    pub(crate) fn not_a_mapping<E: de::Error>(
        &self,
        found: Unexpected<'_>,
        expected: &dyn Expected,
    ) -> E {
        self.fail(
            Code::NotAMapping,
            format_args!(
                "the front matter must be a mapping of keys: {}",
                Message::invalid_type(found, expected)
            ),
        )
    }

    /// Whether the empty text `text`, borrowed by the deserializer, was written as `""` or
    /// `''` in the fast pass's input. serde_yaml borrows a quoted scalar from between its
    /// quotes, while the empty plain scalar of a bare `key:` (null) points at the next token,
    /// which never sits right after a quote of its own kind.
    pub(crate) fn quoted_empty(&self, text: &str) -> bool {
        let Some(source) = self.speculative else {
            return false;
        };
        let offset = (text.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
        let bytes = source.as_bytes();
        text.is_empty()
            && (1..bytes.len()).contains(&offset)
            && matches!(bytes[offset], b'"' | b'\'')
            && bytes[offset - 1] == bytes[offset]
    }

    /// Charges one value against the budget.
    pub(crate) fn spend<E: de::Error>(&self) -> Result<(), E> {
        match self.budget.get().checked_sub(1) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(self.fail(
                Code::LimitExceeded,
                "aliases expand the front matter to more values than its size allows",
            )),
        }
    }
}

/// serde's own wording of its standard errors, taken from serde itself.
#[derive(Debug)]
pub(crate) struct Message(String);

impl Message {
    pub(crate) fn invalid_type(found: Unexpected<'_>, expected: &dyn Expected) -> String {
        <Message as de::Error>::invalid_type(found, expected).0
    }

    pub(crate) fn invalid_value(found: Unexpected<'_>, expected: &dyn Expected) -> String {
        <Message as de::Error>::invalid_value(found, expected).0
    }
}

impl Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Message {}

impl de::Error for Message {
    fn custom<T: Display>(message: T) -> Self {
        Message(message.to_string())
    }
}
