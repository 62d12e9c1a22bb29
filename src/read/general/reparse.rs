//! The general reader's own answer to where a value is: serde_yaml tells positions only with
//! errors, so the walk fails on purpose when it reaches the node, and the error's position is
//! the node's. One parse a question: the oracle of the tests of `outline.rs`, and, a bounded
//! number of times a file, the answer where the event pass could not read a front matter
//! that serde_yaml reads (asked once per diagnostic, it made a file with many diagnostics
//! cost the square of its size).

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::report::position::line_column;
use crate::report::{FieldPath, Segment};

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
        (Target::Key, Some((Segment::Key(key), parent))) => Walker {
            path: parent,
            key: Some(key),
            found: &found,
        },
        _ => Walker {
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
struct Walker<'p> {
    path: &'p [Segment],
    key: Option<&'p str>,
    /// Set when the walk fails on purpose, so that other errors are told apart.
    found: &'p Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for Walker<'_> {
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

impl Walker<'_> {
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

impl<'de> Visitor<'de> for Walker<'_> {
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
        seq.next_element_seed(Walker {
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
        while let Some(found) = map.next_key_seed(KeyWalker {
            target,
            here,
            found: self.found,
        })? {
            if found {
                return map.next_value_seed(Walker {
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
struct KeyWalker<'a> {
    target: &'a str,
    here: bool,
    found: &'a Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for KeyWalker<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for KeyWalker<'_> {
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
