//! Where every value of a front matter is, as the fast reader found it: what the general
//! reader can only tell by failing on purpose (see `general/reparse.rs`), kept here as the
//! reader goes.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::sync::Arc;

use crate::report::{FieldPath, Segment};

/// Set in [`Node::segment`] when it holds a key's offset rather than a list index.
const KEY: u32 = 1 << 31;

/// The largest front matter whose offsets fit a [`Node`] (2 GiB).
pub(crate) const MAX_LEN: usize = KEY as usize - 1;

/// One value: its byte offset in the front matter (where the general reader's error for
/// it would point: a scalar's first character or quote, a mapping's first key, a list's
/// first `-` or its `[`), the offset just past its last character (of its last descendant,
/// for a collection), its parent's index, and how the parent reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Node {
    at: u32,
    end: u32,
    parent: u32,
    /// The offset of the key (`KEY` set), or the index in the parent list.
    segment: u32,
}

/// The positions of every value of a front matter, in document order; the first is the
/// root mapping.
///
/// The fast reader records a key by its offset alone (its keys are plain, ended by `:`);
/// the event pass of `outline.rs`, which reads any YAML, records each key's text too
/// (`names`: a quoted, escaped or explicit key is known by what it says).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Spans {
    nodes: Vec<Node>,
    /// For spans with named keys: each key's offset, the offset just past it, and its text;
    /// a key node's segment is then an index in here rather than an offset.
    /// A name is shared (`Arc`) by the keys an alias writes again, so that aliases of a long
    /// key cost no copies of it.
    names: Vec<(u32, u32, Arc<str>)>,
    named: bool,
    /// Nothing is recorded: for a parse whose positions are not kept
    /// ([`Spans::unrecorded`]).
    unrecorded: bool,
}

/// How a value is reached from its parent: by a key (its offset in the front matter) or an
/// index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Key(usize),
    Index(usize),
}

/// How a node is reached from its parent, as a path segment says it: what the index of a
/// [`Lookup`] sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Child<'a> {
    Index(usize),
    Key(&'a str),
}

impl Spans {
    /// No values at all.
    pub(crate) const EMPTY: Spans = Spans {
        nodes: Vec::new(),
        names: Vec::new(),
        named: false,
        unrecorded: false,
    };

    /// Room for `values` values.
    pub(crate) fn with_capacity(values: usize) -> Self {
        Spans {
            nodes: Vec::with_capacity(values),
            ..Spans::EMPTY
        }
    }

    /// Spans that record nothing, for a reader whose positions will not be asked for: every
    /// value gets index 0, and no end is kept. Only reading past problems asks the spans
    /// back (for paths), which a reader of this kind never does.
    pub(crate) fn unrecorded() -> Self {
        Spans {
            unrecorded: true,
            ..Spans::EMPTY
        }
    }

    /// Spans whose keys are recorded with their text ([`Spans::named_child`]).
    pub(crate) fn named() -> Self {
        Spans {
            named: true,
            ..Spans::default()
        }
    }

    /// Records the root at offset `at`; its index is 0.
    pub(crate) fn root(&mut self, at: usize) -> u32 {
        self.push(Node {
            at: offset(at),
            end: offset(at),
            parent: 0,
            segment: 0,
        })
    }

    /// Records a value at offset `at`, reached from `parent` by `step`, and gives its index.
    pub(crate) fn child(&mut self, parent: u32, step: Step, at: usize) -> u32 {
        debug_assert!(!self.named || matches!(step, Step::Index(_)));
        let segment = match step {
            Step::Key(key_at) => offset(key_at) | KEY,
            Step::Index(index) => offset(index),
        };
        self.push(Node {
            at: offset(at),
            end: offset(at),
            parent,
            segment,
        })
    }

    /// Records a value at offset `at`, reached from `parent` by the key `name` written from
    /// offset `key_at` to `key_end`, in spans made by [`Spans::named`].
    pub(crate) fn named_child(
        &mut self,
        parent: u32,
        name: Arc<str>,
        key: (usize, usize),
        at: usize,
    ) -> u32 {
        debug_assert!(self.named);
        let segment = offset(self.names.len()) | KEY;
        self.names.push((offset(key.0), offset(key.1), name));
        self.push(Node {
            at: offset(at),
            end: offset(at),
            parent,
            segment,
        })
    }

    /// Says where node `node` ends: just past its last character.
    pub(crate) fn set_end(&mut self, node: u32, end: usize) {
        if !self.unrecorded {
            self.nodes[node as usize].end = offset(end);
        }
    }

    /// Records again, below node `copy` (just recorded, at the position of node `from`),
    /// everything under node `from`, whose subtree ends before node `end`: what a YAML alias
    /// stands for, since the general reader reads the anchored values again. Records nothing
    /// (the values under the alias are then found at the alias) once the spans would hold
    /// more than `budget` nodes.
    pub(crate) fn copy_below(&mut self, copy: u32, from: u32, end: u32, budget: usize) {
        if self.nodes.len() + (end - from) as usize > budget {
            return;
        }
        // Node `from + k` is copied to `copy + k`: nodes past the subtree's root keep their
        // distance to their parent.
        let first = offset(self.nodes.len());
        for i in from + 1..end {
            let node = self.nodes[i as usize];
            let parent = if node.parent == from {
                copy
            } else {
                node.parent - from - 1 + first
            };
            // A copy is reached by the same key (its name, if named, is shared).
            self.push(Node { parent, ..node });
        }
    }

    /// The offset of node `node`.
    pub(crate) fn at(&self, node: u32) -> u32 {
        self.nodes[node as usize].at
    }

    /// The offset just past node `node`.
    pub(crate) fn end(&self, node: u32) -> u32 {
        self.nodes[node as usize].end
    }

    /// Moves node `node` to offsets `at` to `end`.
    pub(crate) fn set_range(&mut self, node: u32, at: u32, end: u32) {
        self.nodes[node as usize].at = at;
        self.nodes[node as usize].end = end;
    }

    /// How many values are recorded.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Gives back the room reserved beyond the values recorded, for spans kept long (a
    /// corpus keeps every file's).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.nodes.shrink_to_fit();
        self.names.shrink_to_fit();
    }

    fn push(&mut self, node: Node) -> u32 {
        if self.unrecorded {
            return 0;
        }
        let index = offset(self.nodes.len());
        self.nodes.push(node);
        index
    }

    /// The offsets of the key that reaches node `node` (its start, and just past it), if a
    /// key does.
    fn key_range(&self, yaml: &str, node: usize) -> Option<(usize, usize)> {
        let segment = self.nodes[node].segment;
        (node > 0 && segment & KEY != 0).then(|| {
            let at = (segment & !KEY) as usize;
            if self.named {
                let (start, end, _) = &self.names[at];
                (*start as usize, *end as usize)
            } else {
                let rest = yaml.get(at..).unwrap_or("");
                (
                    at,
                    at + memchr::memchr(b':', rest.as_bytes()).unwrap_or(rest.len()),
                )
            }
        })
    }

    /// The path of node `node`, in the front matter `yaml` these spans were recorded from.
    pub(crate) fn path(&self, yaml: &str, node: u32) -> FieldPath {
        let mut steps = Vec::new();
        let mut at = node as usize;
        while at != 0 {
            steps.push(self.step(yaml, at));
            at = self.nodes[at].parent as usize;
        }
        steps
            .into_iter()
            .rev()
            .fold(FieldPath::root(), |path, step| match step {
                Child::Key(key) => path.key(key.to_owned()),
                Child::Index(index) => path.index(index),
            })
    }

    /// How node `node` (not the root) is reached from its parent.
    fn step<'a>(&'a self, yaml: &'a str, node: usize) -> Child<'a> {
        let segment = self.nodes[node].segment;
        if segment & KEY == 0 {
            return Child::Index(segment as usize);
        }
        let at = (segment & !KEY) as usize;
        if self.named {
            return Child::Key(&self.names[at].2);
        }
        // A plain key: its text runs to its colon.
        let rest = yaml.get(at..).unwrap_or("");
        Child::Key(memchr::memchr(b':', rest.as_bytes()).map_or(rest, |end| &rest[..end]))
    }

    /// The byte offset of the value at `path` in `yaml` (the front matter these spans were
    /// recorded from), or `None` when there is none. For one question; [`Lookup`] answers
    /// many.
    #[cfg(test)]
    pub(crate) fn find(&self, yaml: &str, path: &FieldPath) -> Option<usize> {
        Lookup::new(Cow::Borrowed(self), yaml).value(path)
    }
}

/// [`Spans`] grouped by parent, so that each step of a path looks only at the children of
/// the node before: finding a value costs O(depth × log n) at most, and grouping costs O(n)
/// rather than a sort of every node.
#[derive(Debug)]
pub(crate) struct Lookup<'a> {
    spans: Cow<'a, Spans>,
    yaml: &'a str,
    /// The groups, made on the first question past the [`Lookup::SCANS`] first.
    order: OnceCell<Cow<'a, Order>>,
    /// Questions that may still be answered by a scan of the nodes, before they are grouped.
    scans: Cell<usize>,
}

/// Every node but the root grouped by parent: with `n` nodes, `starts = table[..=n]` says
/// where each node's group starts in `children = table[n + 1..]`, so that the children of
/// node `p` are `children[starts[p]..starts[p + 1]]`, in document order; a group of more than
/// [`Order::SCANNED`] children is sorted by (step, index) to be searched. Of two values under the same key (only the general reader
/// reads such YAML, and fails on it) the first is found. One vector, so that a source map
/// keeping it stays small.
#[derive(Debug, Clone, Default)]
pub(crate) struct Order {
    table: Vec<u32>,
}

impl Order {
    /// The most children a group may have and be scanned rather than searched: a record's
    /// mappings have about twenty keys.
    const SCANNED: usize = 32;

    /// The groups of `spans` (recorded from `yaml`), to be kept and given to
    /// [`Lookup::with_order`] for later questions.
    pub(crate) fn new(spans: &Spans, yaml: &str) -> Self {
        let count = spans.nodes.len();
        if count == 0 {
            return Order::default();
        }
        // A counting sort by parent, stable: O(n).
        let mut table = vec![0_u32; 2 * count];
        let (starts, children) = table.split_at_mut(count + 1);
        for node in spans.nodes.iter().skip(1) {
            starts[node.parent as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next: Vec<u32> = starts[..count].to_vec();
        for (n, node) in spans.nodes.iter().enumerate().skip(1) {
            let at = &mut next[node.parent as usize];
            children[*at as usize] = offset(n);
            *at += 1;
        }
        for group in starts.windows(2) {
            let group = &mut children[group[0] as usize..group[1] as usize];
            if group.len() > Order::SCANNED {
                // Each step found once (a key's end is a search for its colon).
                let mut keyed: Vec<(Child<'_>, u32)> = group
                    .iter()
                    .map(|&n| (spans.step(yaml, n as usize), n))
                    .collect();
                keyed.sort_unstable();
                for (slot, (_, n)) in group.iter_mut().zip(keyed) {
                    *slot = n;
                }
            }
        }
        Order { table }
    }

    /// The children of node `parent`.
    fn of(&self, parent: u32) -> &[u32] {
        let count = self.table.len() / 2;
        let (starts, children) = self.table.split_at(count + 1);
        let parent = parent as usize;
        match (starts.get(parent), starts.get(parent + 1)) {
            (Some(&start), Some(&end)) if parent < count => &children[start as usize..end as usize],
            _ => &[],
        }
    }
}

impl<'a> Lookup<'a> {
    /// Groups `spans` (recorded from `yaml`) for finding values by path.
    pub(crate) fn new(spans: Cow<'a, Spans>, yaml: &'a str) -> Self {
        Lookup {
            spans,
            yaml,
            order: OnceCell::new(),
            scans: Cell::new(Lookup::SCANS),
        }
    }

    /// A lookup over `spans` grouped as [`Order::new`] grouped them.
    pub(crate) fn with_order(spans: Cow<'a, Spans>, yaml: &'a str, order: Cow<'a, Order>) -> Self {
        Lookup {
            spans,
            yaml,
            order: OnceCell::from(order),
            scans: Cell::new(0),
        }
    }

    /// How many questions are answered by a scan of every node (a few steps a node, O(n)
    /// each) before the nodes are grouped (O(n) once, then O(depth × log n) a question):
    /// most front matters are asked about none or a few values, and the whole stays linear.
    const SCANS: usize = 4;

    /// The node at `path`.
    fn node(&self, path: &FieldPath) -> Option<usize> {
        if self.spans.nodes.is_empty() {
            return None;
        }
        let left = self.scans.get();
        if left > 0 && self.order.get().is_none() {
            self.scans.set(left - 1);
            return self.scan(path);
        }
        let order = self
            .order
            .get_or_init(|| Cow::Owned(Order::new(&self.spans, self.yaml)));
        let mut current = 0_u32;
        for segment in path.segments() {
            let wanted = match segment {
                Segment::Key(key) => Child::Key(key),
                Segment::Index(index) => Child::Index(*index),
            };
            let step = |n: u32| self.spans.step(self.yaml, n as usize);
            let children = order.of(current);
            current = if children.len() > Order::SCANNED {
                let at = children.partition_point(|&n| step(n) < wanted);
                children.get(at).copied().filter(|&n| step(n) == wanted)?
            } else {
                children.iter().copied().find(|&n| step(n) == wanted)?
            };
        }
        Some(current as usize)
    }

    /// As [`Lookup::node`], by a scan of every node: for each step of the path, the first
    /// node in document order under the one before with that key or index (the one that the
    /// groups give first too).
    fn scan(&self, path: &FieldPath) -> Option<usize> {
        let nodes = &self.spans.nodes;
        let mut current = 0_usize;
        for segment in path.segments() {
            let wanted = match segment {
                Segment::Key(key) => Child::Key(key),
                Segment::Index(index) => Child::Index(*index),
            };
            // A node's children come after it: each is pushed with a parent already there.
            current = (current + 1..nodes.len()).find(|&n| {
                nodes[n].parent as usize == current && self.spans.step(self.yaml, n) == wanted
            })?;
        }
        Some(current)
    }

    /// The byte offset of the value at `path`.
    #[cfg(test)]
    pub(crate) fn value(&self, path: &FieldPath) -> Option<usize> {
        self.value_range(path).map(|(at, _)| at)
    }

    /// The byte offsets of the value at `path`: its start, and just past its end.
    pub(crate) fn value_range(&self, path: &FieldPath) -> Option<(usize, usize)> {
        self.node(path).map(|node| {
            let node = &self.spans.nodes[node];
            (node.at as usize, (node.end as usize).max(node.at as usize))
        })
    }

    /// The byte offsets of the key that `path` ends with: its start, and just past it.
    pub(crate) fn key_range(&self, path: &FieldPath) -> Option<(usize, usize)> {
        self.node(path)
            .and_then(|node| self.spans.key_range(self.yaml, node))
    }
}

/// An offset or index as stored: the fast reader declines front matters over [`MAX_LEN`],
/// so every offset, index and count fits.
fn offset(value: usize) -> u32 {
    debug_assert!(value <= MAX_LEN);
    value as u32
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    impl Spans {
        /// The path of every recorded value, in document order.
        pub(crate) fn paths(&self, yaml: &str) -> Vec<FieldPath> {
            let mut paths: Vec<FieldPath> = Vec::with_capacity(self.nodes.len());
            for (i, node) in self.nodes.iter().enumerate() {
                if i == 0 {
                    paths.push(FieldPath::root());
                    continue;
                }
                let parent = paths[node.parent as usize].clone();
                paths.push(match self.step(yaml, i) {
                    Child::Key(key) => parent.key(key.to_owned()),
                    Child::Index(index) => parent.index(index),
                });
            }
            paths
        }
    }

    /// The record files of the repository, and the real ones when `../shared` is there.
    pub(crate) fn record_files() -> Vec<std::path::PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![
            root.join("examples/corpus"),
            root.join("tests/fixtures/valid"),
            root.join("tests/fixtures/corpus/stories"),
            root.join("tests/fixtures/corpus/videos"),
        ];
        for part in ["realdata/diablo4", "realdata/powerapps", "seed"] {
            let dir = root.join("../shared").join(part);
            if dir.exists() {
                dirs.push(dir);
            } else {
                // Past the harness's capture, so that the line shows in `cargo test`.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "\nskipped ../shared/{part}: not beside the repository (CI has it)"
                );
                assert!(std::env::var_os("NEWSMATTER_REQUIRE_SHARED").is_none());
            }
        }
        let mut files = Vec::new();
        for dir in dirs {
            for entry in std::fs::read_dir(&dir).unwrap() {
                files.push(entry.unwrap().path());
            }
        }
        files.retain(|path| path.is_file());
        files
    }

    impl Spans {
        /// [`Spans::find`], checked to be what the groups find too: the value at `path` by a
        /// scan (a lookup's first questions) and by the groups (the later ones) is the same.
        pub(crate) fn find_both_ways(&self, yaml: &str, path: &FieldPath) -> Option<usize> {
            let scanned = self.find(yaml, path);
            let order = Order::new(self, yaml);
            let grouped = Lookup::with_order(Cow::Borrowed(self), yaml, Cow::Owned(order));
            assert_eq!(grouped.value(path), scanned, "{path}");
            scanned
        }
    }

    /// A group of children is scanned when small and searched when large: both find every
    /// value, the first of a repeated key, and nothing where there is nothing.
    #[test]
    fn finds_values_in_small_and_large_groups_the_first_of_a_repeated_key() {
        for n in [3, Order::SCANNED, Order::SCANNED + 1, 200] {
            let mut spans = Spans::named();
            let root = spans.root(0);
            let list = spans.named_child(root, Arc::from("list"), (0, 4), 10);
            for i in 0..n {
                spans.child(list, Step::Index(i), 100 + i);
            }
            for i in (0..n).rev() {
                spans.named_child(root, Arc::from(format!("k{i}")), (0, 0), 1000 + i);
            }
            spans.named_child(root, Arc::from("k0"), (0, 0), 5000);
            let yaml = " ".repeat(6000);
            let root_path = FieldPath::root();
            for i in 0..n {
                let item = root_path.clone().key("list").index(i);
                assert_eq!(spans.find_both_ways(&yaml, &item), Some(100 + i), "{n} {i}");
                let key = root_path.clone().key(format!("k{i}"));
                assert_eq!(spans.find_both_ways(&yaml, &key), Some(1000 + i), "{n} {i}");
            }
            let past = root_path.clone().key("list").index(n);
            assert_eq!(spans.find_both_ways(&yaml, &past), None);
            assert_eq!(
                spans.find_both_ways(&yaml, &root_path.clone().key("absent")),
                None
            );
            assert_eq!(
                spans.find_both_ways(&yaml, &root_path.key("k1").key("x")),
                None
            );
        }
    }

    /// What an alias stands for is recorded again without copying its keys' names: each
    /// alias of a long key costs a node, not the key's length.
    #[test]
    fn copies_under_an_alias_share_their_names() {
        let mut spans = Spans::named();
        let root = spans.root(0);
        let anchored = spans.named_child(root, Arc::from("a"), (4, 5), 7);
        spans.named_child(anchored, Arc::from("k".repeat(1000)), (9, 1009), 20);
        let end = offset(spans.len());
        for i in 0..100 {
            let alias = spans.named_child(
                root,
                Arc::from(format!("b{i}")),
                (2000 + i, 2002 + i),
                2010 + i,
            );
            spans.copy_below(alias, anchored, end, usize::MAX);
        }
        assert_eq!(spans.len(), 3 + 2 * 100);
        assert_eq!(spans.names.len(), 2 + 100);
        let yaml = " ".repeat(3000);
        let path = FieldPath::root().key("b7").key("k".repeat(1000));
        assert_eq!(spans.find(&yaml, &path), Some(20));
    }
}
