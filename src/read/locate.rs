//! Finding the line and column of a value of a parsed front matter, for diagnostics found
//! after parsing.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::read::spans::Spans;
use crate::report::position::line_column;
use crate::report::{FieldPath, Segment};

/// Where the values of a parsed front matter are: recorded by the fast reader as it read
/// them, or found again by the general reader, one re-parse per question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Positions {
    /// The fast reader read the front matter and recorded every value's position.
    Recorded(Spans),
    /// The general reader read it: [`locate`] parses again.
    Reparse,
}

impl Positions {
    /// Gives back room reserved beyond what is recorded, for positions kept long.
    pub(crate) fn shrink_to_fit(&mut self) {
        if let Positions::Recorded(spans) = self {
            spans.shrink_to_fit();
        }
    }

    /// The 1-based line and column of the value at `path` in `yaml`, the front matter these
    /// positions are of, or `None` when there is no such value.
    pub(crate) fn value(&self, yaml: &str, path: &FieldPath) -> Option<(usize, usize)> {
        match self {
            Positions::Recorded(spans) => spans.find(yaml, path).map(|at| line_column(yaml, at)),
            Positions::Reparse => locate(yaml, path, Target::Value),
        }
    }
}

/// What [`locate`] finds for a path that ends in a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The key itself.
    Key,
    /// The key's value.
    Value,
}

/// The 1-based line and column of the node at `path` in `yaml`, or `None` when there is no
/// such node.
///
/// serde_yaml reports positions only with errors, so the walk fails on purpose when it reaches
/// the node, and the error's position is the node's. Each call parses the front matter once:
/// run only when there is something to report.
pub(crate) fn locate(yaml: &str, path: &FieldPath, target: Target) -> Option<(usize, usize)> {
    let segments = path.segments();
    let found = Cell::new(false);
    let locator = match (target, segments.split_last()) {
        (Target::Key, Some((Segment::Key(key), parent))) => Locator {
            path: parent,
            key: Some(key),
            found: &found,
        },
        _ => Locator {
            path: segments,
            key: None,
            found: &found,
        },
    };
    let err = locator
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .err()?;
    if found.get() {
        err.location().map(|l| line_column(yaml, l.index()))
    } else {
        None
    }
}

const FOUND: &str = "newsmatter: located";

/// Walks down `path`; fails with [`FOUND`] on reaching the node, or, with `key`, on reading
/// that key of the mapping at `path`.
struct Locator<'p> {
    path: &'p [Segment],
    key: Option<&'p str>,
    /// Set when the walk fails on purpose, so that other errors are told apart.
    found: &'p Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for Locator<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// On reaching the node (the path is used up), any visit fails with [`FOUND`]; serde_yaml then
/// gives the error the node's position. A scalar where the path goes on is a dead end.
macro_rules! visit_scalars {
    ($($method:ident($($arg:ty)?)),*) => {$(
        fn $method<E: de::Error>(self $(, _: $arg)?) -> Result<(), E> {
            self.here()
        }
    )*};
}

impl Locator<'_> {
    fn here<E: de::Error>(&self) -> Result<(), E> {
        match (self.path, self.key) {
            ([], None) => {
                self.found.set(true);
                Err(E::custom(FOUND))
            }
            _ => Ok(()),
        }
    }
}

impl<'de> Visitor<'de> for Locator<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping or list on the path")
    }

    visit_scalars!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_str(&str),
        visit_unit(),
        visit_none()
    );

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.here()?;
        let Some((Segment::Index(target), rest)) = self.path.split_first() else {
            return Ok(());
        };
        for _ in 0..*target {
            if seq.next_element::<de::IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Locator {
            path: rest,
            key: self.key,
            found: self.found,
        })
        .map(drop)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.here()?;
        let (target, rest, here) = match (self.path.split_first(), self.key) {
            (Some((Segment::Key(target), rest)), _) => (target.as_ref(), rest, false),
            (None, Some(key)) => (key, self.path, true),
            _ => return Ok(()),
        };
        while let Some(found) = map.next_key_seed(KeyLocator {
            target,
            here,
            found: self.found,
        })? {
            if found {
                return map.next_value_seed(Locator {
                    path: rest,
                    key: self.key,
                    found: self.found,
                });
            }
            map.next_value::<de::IgnoredAny>()?;
        }
        Ok(())
    }
}

/// Reads one key: fails with [`FOUND`] if it is the target key and `here` (so that the
/// position is the key's), else says whether it is the target.
struct KeyLocator<'a> {
    target: &'a str,
    here: bool,
    found: &'a Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for KeyLocator<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for KeyLocator<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        match (key == self.target, self.here) {
            (true, true) => {
                self.found.set(true);
                Err(E::custom(FOUND))
            }
            (found, _) => Ok(found),
        }
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}
