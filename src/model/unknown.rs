//! `UnknownKeys` and `UnknownValue`: what lenient parsing keeps of the keys the format does
//! not define, so that rendering gives them back.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The value of a key that the format does not define, kept by lenient parsing so that it
/// survives rendering. Any YAML but tagged values.
#[derive(Clone, PartialEq)]
pub struct UnknownValue(pub(crate) serde_yaml::Value);

impl UnknownValue {
    /// The value written as YAML (block style, ending in a newline).
    pub fn to_yaml(&self) -> String {
        // Serializing a `Value` to a string cannot fail: it has no maps with non-string-like
        // keys that YAML cannot write, and no I/O.
        serde_yaml::to_string(&self.0).unwrap_or_default()
    }

    /// Whether the value is written on the key's own line (scalars and empty collections).
    pub(crate) fn is_inline(&self) -> bool {
        match &self.0 {
            serde_yaml::Value::Sequence(items) => items.is_empty(),
            serde_yaml::Value::Mapping(entries) => entries.is_empty(),
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
