//! The one module that names serde_yaml: running the deserializer over a front matter,
//! turning its errors into ours, and holding the values of unknown keys.
//!
//! serde_yaml comes from its maintained fork, `yaml_serde`, renamed in Cargo.toml. Its error
//! and value types never leave this module.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_yaml::{Mapping, Value};

use crate::error::{Error, ErrorKind, FieldPath, Segment};
use crate::model::Record;
use crate::wire::{may_hold_tags, Ctx, Mode, Seed, BUDGET_EXCEEDED};

/// Reads the record from `yaml`, the front matter with its opening `---` line, so that every
/// position serde_yaml reports is already a position in the file.
///
/// The happy path runs fast: without path tracking, and speculatively where no value can
/// carry a tag (see `wire.rs`). Anything that stops it, an error or a value in doubt, is
/// settled by an exact parse with serde_path_to_error, which gives the record or names the
/// field of the error.
pub(crate) fn parse_record(yaml: &str, mode: Mode) -> Result<Record, Error> {
    let ctx = if may_hold_tags(yaml) {
        Ctx::new(mode, yaml.len())
    } else {
        Ctx::speculative(mode, yaml)
    };
    match Seed::<Record>::new(&ctx).deserialize(serde_yaml::Deserializer::from_str(yaml)) {
        Ok(record) => Ok(record),
        Err(_) => parse_exactly(yaml, mode),
    }
}

/// Parses `yaml` exactly, tracking the path of the value being read.
fn parse_exactly(yaml: &str, mode: Mode) -> Result<Record, Error> {
    let ctx = Ctx::new(mode, yaml.len());
    let mut track = serde_path_to_error::Track::new();
    let deserializer = serde_path_to_error::Deserializer::new(
        serde_yaml::Deserializer::from_str(yaml),
        &mut track,
    );
    Seed::<Record>::new(&ctx)
        .deserialize(deserializer)
        .map_err(|err| convert(&err, &track.path(), yaml))
}

/// How a message of serde's or ours begins, and what kind of error it is.
const KINDS: &[(&str, ErrorKind)] = &[
    ("invalid type: ", ErrorKind::InvalidType),
    ("invalid value: ", ErrorKind::InvalidValue),
    ("invalid length ", ErrorKind::InvalidValue),
    ("unknown variant `", ErrorKind::InvalidValue),
    ("unknown field `", ErrorKind::UnknownKey),
    ("duplicate field `", ErrorKind::DuplicateKey),
    ("missing field `", ErrorKind::MissingKey),
    (BUDGET_EXCEEDED, ErrorKind::LimitExceeded),
    ("recursion limit exceeded", ErrorKind::LimitExceeded),
    ("repetition limit exceeded", ErrorKind::LimitExceeded),
];

fn convert(err: &serde_yaml::Error, path: &serde_path_to_error::Path, yaml: &str) -> Error {
    let text = err.to_string();
    // serde_yaml writes `<its path>: <message> at line L column C`; keep the message alone.
    let mut text = match err.location() {
        Some(l) => text.replacen(
            &format!(" at line {} column {}", l.line(), l.column()),
            "",
            1,
        ),
        None => text,
    };
    let location = err.location().map(|l| position(yaml, l.index()));

    let found = KINDS
        .iter()
        .filter_map(|&(start, kind)| text.find(start).map(|at| (at, kind)))
        .min_by_key(|&(at, _)| at);
    let mut path = field_path(path);
    let kind = match found {
        Some((at, kind)) => {
            text.drain(..at);
            kind
        }
        None => ErrorKind::Syntax,
    };
    if matches!(
        kind,
        ErrorKind::UnknownKey | ErrorKind::DuplicateKey | ErrorKind::MissingKey
    ) {
        // serde_path_to_error has the key already when the key itself was read (unknown,
        // duplicate), not when it was never there (missing).
        if let Some(key) = text.split('`').nth(1) {
            if path.segments().last() != Some(&Segment::Key(key.to_owned().into())) {
                path = path.key(key.to_owned());
            }
        }
    }
    let kind = if kind == ErrorKind::InvalidType && path.is_root() {
        text = format!("the front matter must be a mapping of keys: {text}");
        ErrorKind::NotAMapping
    } else {
        kind
    };
    // Only an empty front matter leaves serde_yaml without a position: point at the line where
    // the mapping should start.
    let (line, column) = location.unwrap_or((2, 1));
    Error::new(kind, text).with_path(path).at(line, column)
}

fn field_path(path: &serde_path_to_error::Path) -> FieldPath {
    use serde_path_to_error::Segment;
    path.iter()
        .fold(FieldPath::root(), |path, segment| match segment {
            Segment::Seq { index } => path.index(*index),
            Segment::Map { key } => path.key(key.clone()),
            Segment::Enum { .. } | Segment::Unknown => path,
        })
}

/// The value of a key that the format does not define, kept by lenient parsing so that it
/// survives rendering. Any YAML but tagged values.
#[derive(Clone, PartialEq)]
pub struct UnknownValue(Value);

impl UnknownValue {
    /// The value written as YAML (block style, ending in a newline).
    pub fn to_yaml(&self) -> String {
        // Serializing a `Value` to a string cannot fail: it has no maps with non-string-like
        // keys that YAML cannot write, and no I/O.
        serde_yaml::to_string(&self.0).unwrap_or_default()
    }

    pub(crate) fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
        ValueSeed(ctx).deserialize(d).map(UnknownValue)
    }

    /// Whether the value is written on the key's own line (scalars and empty collections).
    pub(crate) fn is_inline(&self) -> bool {
        match &self.0 {
            Value::Sequence(items) => items.is_empty(),
            Value::Mapping(entries) => entries.is_empty(),
            _ => true,
        }
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnknownValue({:?})", self.to_yaml().trim_end())
    }
}

impl Serialize for UnknownValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Reads any untagged YAML value, charging every node to the parse's budget.
struct ValueSeed<'c>(&'c Ctx<'c>);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.0.spend()?;
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an untagged YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ValueSeed(self.0))? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Mapping::new();
        while let Some(key) = map.next_key_seed(ValueSeed(self.0))? {
            if entries.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "duplicate field `{}`",
                    UnknownValue(key).to_yaml().trim_end()
                )));
            }
            let value = map.next_value_seed(ValueSeed(self.0))?;
            entries.insert(key, value);
        }
        Ok(Value::Mapping(entries))
    }
}

/// The keys of one mapping that the format does not define, in the order read. Empty unless
/// the record was parsed with [`ParseOptions::lenient`](crate::ParseOptions::lenient).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnknownKeys(Vec<(String, UnknownValue)>);

impl UnknownKeys {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The value of `key`, if it is one of them.
    pub fn get(&self, key: &str) -> Option<&UnknownValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The keys and their values, in the order read.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &UnknownValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub(crate) fn push(&mut self, key: String, value: UnknownValue) {
        self.0.push((key, value));
    }
}

impl Serialize for UnknownKeys {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The 1-based line and column (in characters) of byte `index` of `yaml`, which starts at
/// the file's first line.
///
/// libyaml's own line numbers count a lone `\r`, NEL, LS and PS as line breaks, as YAML
/// does; the file's lines, as editors and this crate count them, end only at `\n`. So
/// positions are worked out again from the byte offset that libyaml reports.
fn position(yaml: &str, index: usize) -> (usize, usize) {
    let mut index = index.min(yaml.len());
    while !yaml.is_char_boundary(index) {
        index -= 1;
    }
    let before = &yaml[..index];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
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
    let locator = match (target, segments.split_last()) {
        (Target::Key, Some((Segment::Key(key), parent))) => Locator {
            path: parent,
            key: Some(key),
        },
        _ => Locator {
            path: segments,
            key: None,
        },
    };
    let err = locator
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .err()?;
    if err.to_string().contains(FOUND) {
        err.location().map(|l| position(yaml, l.index()))
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
            ([], None) => Err(E::custom(FOUND)),
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
        while let Some(found) = map.next_key_seed(KeyLocator { target, here })? {
            if found {
                return map.next_value_seed(Locator {
                    path: rest,
                    key: self.key,
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
            (true, true) => Err(E::custom(FOUND)),
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::wire::may_resolve;

    const RECORD: &str = include_str!("../tests/fixtures/valid/article.md");

    /// The fixture's front matter (with its opening line) with `line` in place of line
    /// `number` (1-based, counted in the file).
    fn with_line(number: usize, line: &str) -> String {
        let end = RECORD[4..].find("\n---").unwrap() + 5;
        RECORD[..end]
            .lines()
            .enumerate()
            .map(|(i, text)| if i + 1 == number { line } else { text })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    }

    /// The fast pass, settled exactly when it stops, gives what the exact pass alone gives.
    fn same_as_exact(yaml: &str) {
        for mode in [Mode::Strict, Mode::Lenient] {
            let fast = parse_record(yaml, mode).map_err(|err| err.to_string());
            let exact = parse_exactly(yaml, mode).map_err(|err| err.to_string());
            assert_eq!(fast, exact, "{yaml}");
        }
    }

    /// A plain scalar near the edge of YAML's resolution, perhaps tagged.
    fn tricky() -> impl Strategy<Value = String> {
        "(!!(int|str|bool|null|float) |!x )?([-+.~0-9a-fA-FxoinINtruTRUElsLS]{0,6}|null|True|FALSE|\\.inf|-\\.NaN|0x1F|-0o17|1e3|9to5Mac|\"\"|''|'' |\" \"|\"\" #|)"
    }

    proptest! {
        #[test]
        fn fast_pass_agrees_with_exact_pass(value in tricky(), at in 0..4_usize) {
            // The title (line 3), a topic (line 24), a key (line 2), a provider name.
            let (number, line) = match at {
                0 => (3, format!("title: {value}")),
                1 => (24, format!("  - {value}")),
                2 => (2, format!("{value}: news")),
                _ => (23, format!("topics: [{value}]")),
            };
            let yaml = with_line(number, &line);
            same_as_exact(&yaml);
        }

        #[test]
        fn may_resolve_covers_what_yaml_resolves(value in tricky()) {
            // Untagged plain scalars only: tags send a parse down the exact pass anyway.
            let value = match value.strip_prefix('!') {
                Some(tagged) => tagged.split_once(' ').map_or("", |(_, value)| value),
                None => &value,
            };
            if let Ok(parsed) = serde_yaml::from_str::<Value>(&format!("x: {value}")) {
                if !matches!(parsed.get("x"), Some(Value::String(_))) {
                    prop_assert!(may_resolve(value), "{value:?} reads as {parsed:?}");
                }
            }
        }
    }

    #[test]
    fn quoted_and_tagged_text_takes_the_exact_pass_to_the_same_result() {
        for line in [
            "title: \"5\"",
            "title: ''",
            "title: \"\"",
            "title: \"\"  # empty",
            "title:",
            "title: # empty",
            "title:\n\"\": x",
            "title:\n'': x",
            "title: ~",
            "title: !!str 5",
            "title: !!int 5",
            "title: !!bool yes",
            "title: &t 12",
            "title: Wow ! 5",
            "title: 9to5Mac",
            "title: |\n  12",
        ] {
            same_as_exact(&with_line(3, line));
        }
    }
}
