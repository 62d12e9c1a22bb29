//! `FieldPath`: where in a record a problem is, written with the YAML keys.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

/// The path of a value inside a record, written with the YAML keys: `related[2].provider.domain`.
///
/// The empty path (the whole document) displays as an empty string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FieldPath {
    segments: Vec<Segment>,
}

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Segment {
    /// A mapping key, as written in the YAML.
    Key(Cow<'static, str>),
    /// A 0-based list index.
    Index(usize),
}

impl FieldPath {
    /// The empty path: the whole document.
    pub fn root() -> Self {
        FieldPath::default()
    }

    /// Whether this is the empty path.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// The steps of the path, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// This path extended by a mapping key.
    pub fn key(mut self, key: impl Into<Cow<'static, str>>) -> Self {
        self.segments.push(Segment::Key(key.into()));
        self
    }

    /// Whether the last step is the mapping key `key`.
    pub(crate) fn ends_with_key(&self, key: &str) -> bool {
        matches!(self.segments.last(), Some(Segment::Key(last)) if last == key)
    }

    /// This path without its last step; `None` for the empty path.
    pub fn parent(&self) -> Option<FieldPath> {
        let (_, parent) = self.segments.split_last()?;
        Some(FieldPath {
            segments: parent.to_vec(),
        })
    }

    /// This path extended by a list index.
    pub fn index(mut self, index: usize) -> Self {
        self.segments.push(Segment::Index(index));
        self
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Serializes as its text: `related[2].provider.domain`.
impl Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
