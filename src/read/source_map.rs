//! `SourceMap`: where the keys and values of a record file are, whether it parses or not.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::read::outline::outline;
use crate::read::positions::{span_in, Positions};
use crate::read::spans::{Lookup, Order, Spans};
use crate::report::position::LineIndex;
use crate::report::{FieldPath, Span};

/// Where the keys and values of a record file are, whether it parses or not: for editors,
/// reports and fixes, which need the range of a field to point at or to replace.
///
/// Made by [`ParseOptions::source_map`](crate::ParseOptions::source_map); [`Parsed::position`](crate::read::Parsed::position)
/// answers from one too. A front matter in the producers' YAML is read by the fast reader,
/// which reads on past wrong keys and values (an unknown key's value is found, not what is
/// inside it); any other YAML by one pass over its events, which stops where the YAML stops
/// being well-formed. The first question sorts what was found; each after it costs
/// O(depth × log n).
///
/// ```
/// use newsmatter::ParseOptions;
/// use newsmatter::report::FieldPath;
///
/// let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?
///     .replace("title: \"Harbor", "titel: \"Harbor");
/// // It does not parse, and the misspelt key is where an editor would rename it.
/// assert!(ParseOptions::new().parse_str(&text).is_err());
/// let map = ParseOptions::new().source_map(&text)?;
/// let key = map.key(&FieldPath::root().key("titel")).unwrap();
/// assert_eq!(&text[key.start.offset..key.end.offset], "titel");
/// let heat = map.value(&FieldPath::root().key("heat")).unwrap();
/// assert_eq!((heat.start.line, heat.start.column, &text[heat.start.offset..heat.end.offset]), (12, 7, "12"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct SourceMap {
    yaml: Box<str>,
    /// Where the front matter starts in the file (after a byte order mark).
    base: usize,
    positions: Positions,
    index: OnceLock<Index>,
}

/// What the first question builds.
#[derive(Debug, Clone)]
struct Index {
    /// The spans of the event pass, where the general reader would read.
    outlined: Option<Spans>,
    order: Order,
    lines: LineIndex,
}

impl PartialEq for SourceMap {
    fn eq(&self, other: &Self) -> bool {
        (&self.yaml, self.base, &self.positions) == (&other.yaml, other.base, &other.positions)
    }
}

impl SourceMap {
    pub(crate) fn new(yaml: &str, base: usize, mut positions: Positions) -> Self {
        positions.shrink_to_fit();
        SourceMap {
            yaml: yaml.into(),
            base,
            positions,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> (&Spans, &Index) {
        let index = self.index.get_or_init(|| {
            let outlined = match &self.positions {
                Positions::Recorded(_) => None,
                Positions::General => Some(outline(&self.yaml).spans),
            };
            let spans = self.spans(outlined.as_ref());
            Index {
                order: Order::new(spans, &self.yaml),
                lines: LineIndex::new(&self.yaml),
                outlined,
            }
        });
        (self.spans(index.outlined.as_ref()), index)
    }

    fn spans<'s>(&'s self, outlined: Option<&'s Spans>) -> &'s Spans {
        match (&self.positions, outlined) {
            (Positions::Recorded(spans), _) => spans,
            (Positions::General, Some(spans)) => spans,
            (Positions::General, None) => const { &Spans::EMPTY },
        }
    }

    fn find(&self, path: &FieldPath, key: bool) -> Option<Span> {
        let (spans, index) = self.index();
        let lookup = Lookup::with_order(
            Cow::Borrowed(spans),
            &self.yaml,
            Cow::Borrowed(&index.order),
        );
        let (start, end) = if key {
            lookup.key_range(path)?
        } else {
            lookup.value_range(path)?
        };
        Some(span_in(&index.lines, &self.yaml, self.base, start, end))
    }

    /// The range of the value at `path`, from its first character to just past its last
    /// (a mapping or list ends with its last value); `None` for a path to nothing.
    pub fn value(&self, path: &FieldPath) -> Option<Span> {
        self.find(path, false)
    }

    /// The range of the key that `path` ends with; `None` for a path to nothing, or one
    /// that ends with a list index.
    pub fn key(&self, path: &FieldPath) -> Option<Span> {
        self.find(path, true)
    }
}
