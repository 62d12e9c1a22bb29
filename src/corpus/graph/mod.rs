//! The related graph of a corpus: its records and the articles they cite, one edge per
//! related entry. A related entry that cites any URL a record is known by (`webUrl`,
//! `originalUrl`, `ampWebUrl`, `cdnAmpWebUrl`, compared as [`ArticleKey`]s) resolves to that
//! record; the others become external nodes. [`RelatedGraph::view`] gives it as data to
//! serialize ([`GraphView`]), [`RelatedGraph::to_dot`] as Graphviz DOT.
//!
//! ```
//! use newsmatter::corpus::graph::RelatedGraph;
//! use newsmatter::CorpusOptions;
//!
//! let corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
//! let graph = RelatedGraph::build(&corpus);
//! assert_eq!((graph.node_count(), graph.edge_count()), (7, 7));
//! let (most, citations) = graph.most_cited(1)[0];
//! assert_eq!((graph.node(most).title(), citations), ("Offshore wind farm approved", 2));
//! assert_eq!(graph.view(&corpus)?.clusters.len(), graph.clusters().len());
//! # Ok::<(), newsmatter::corpus::graph::GraphMismatch>(())
//! ```

mod of_corpus;
mod view;

pub use view::{EdgeView, GraphView, NodeView};

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::fmt;

use std::path::Path;

use crate::corpus::id::CorpusId;
use crate::model::{ArticleKey, RecordType};

/// A node of a [`RelatedGraph`]: an index, dense from 0, in build order (the corpus's
/// records in path order, then the articles known only from related entries as first cited).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    /// The index of the node, from 0.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "n{}", self.0)
    }
}

/// An article of the graph: a record of the corpus, or one known only from related entries
/// (external).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    key: ArticleKey,
    url: Option<Box<str>>,
    title: Box<str>,
    record_type: RecordType,
    file: Option<usize>,
    /// The file's path, in a graph built from a corpus.
    path: Option<Box<Path>>,
}

impl Node {
    /// A node; `file` is its record's file's index, `None` for an external article, and
    /// `path` that file's path, in a graph built from a corpus.
    pub(crate) fn new(
        key: ArticleKey,
        url: Option<Box<str>>,
        title: Box<str>,
        record_type: RecordType,
        file: Option<usize>,
        path: Option<Box<Path>>,
    ) -> Self {
        Node {
            key,
            url,
            title,
            record_type,
            file,
            path,
        }
    }

    /// The article's identity.
    pub fn key(&self) -> &ArticleKey {
        &self.key
    }

    /// Its page as written (`webUrl`, or for a video record its `originalUrl`); none for a
    /// video known only from related entries.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Its title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The path of its record's file, in a graph built from a [`Corpus`](crate::corpus::Corpus)
    /// ([`RelatedGraph::build`]); `None` for an external article.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Article or video.
    pub fn record_type(&self) -> RecordType {
        self.record_type
    }

    /// The index of its file in the corpus ([`Corpus::files`](crate::corpus::Corpus::files)); `None` for an external article.
    pub fn file(&self) -> Option<usize> {
        self.file
    }

    /// Whether the article is a record of the corpus.
    pub fn in_corpus(&self) -> bool {
        self.file.is_some()
    }
}

/// One related entry: `source`'s entry number `entry` cites `target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edge {
    /// The citing record.
    pub source: NodeId,
    /// The cited article.
    pub target: NodeId,
    /// The index of the entry in the source's `related` list.
    pub entry: usize,
}

/// Two records of the corpus that are the same article: they share `key`, found in the
/// second one's `field`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Duplicate {
    /// The record met first (in path order), which citations of the key resolve to.
    pub first: NodeId,
    /// The record met later.
    pub second: NodeId,
    /// The shared identity.
    pub key: ArticleKey,
    /// The key of the second record that holds it: `webUrl`, `originalUrl`, `ampWebUrl`,
    /// `cdnAmpWebUrl`, or `title` for a video known by provider and title.
    pub field: &'static str,
}

/// The graph that the `related` lists of a corpus form.
///
/// Nodes are the corpus's records, then the articles known only from related entries. A
/// record is known by the [`ArticleKey`]s of its `webUrl`, `originalUrl`, `ampWebUrl` and
/// `cdnAmpWebUrl` (and a video by its provider and title), and a related entry that cites
/// any of them resolves to it. When several records are the same article
/// ([`RelatedGraph::duplicates`]), a citation resolves to the first of them in path order,
/// unless a later one has the title the entry gives. Each related entry is one directed edge.
///
/// Node ids are dense and adjacency is stored compactly in both directions (offsets into one
/// array of targets, and one of sources), so the graph holds 100,000 records and a million
/// edges in a few tens of megabytes. Every query answers in a deterministic order.
///
/// ```
/// use newsmatter::CorpusOptions;
/// use newsmatter::corpus::graph::RelatedGraph;
///
/// let corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
/// let graph = RelatedGraph::build(&corpus);
/// let wind = graph.find("https://www.example.com/energy/wind-farm-approved").unwrap();
/// assert_eq!(graph.node(wind).title(), "Offshore wind farm approved");
/// assert_eq!(graph.in_degree(wind), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct RelatedGraph {
    /// The corpus it was built from, if any: the only one its file indices point into.
    corpus: Option<CorpusId>,
    nodes: Vec<Node>,
    keys: KeyMap,
    out_start: Vec<u32>,
    out_targets: Vec<NodeId>,
    out_entries: Vec<u32>,
    in_start: Vec<u32>,
    in_sources: Vec<NodeId>,
    duplicates: Vec<Duplicate>,
}

/// A graph used with a corpus it was not built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the related graph was not built from this corpus: build it with `RelatedGraph::build(&corpus)`")]
pub struct GraphMismatch;

/// Nodes by identity. foldhash rather than the standard SipHash: several times faster on
/// these short keys, and still seeded per process, so a corpus cannot be made to collide.
pub(crate) type KeyMap = HashMap<ArticleKey, NodeId, foldhash::fast::RandomState>;

pub(crate) fn id(index: usize) -> NodeId {
    // A graph of more than 4 billion nodes would not fit in memory long before this.
    NodeId(u32::try_from(index).unwrap_or(u32::MAX))
}

impl RelatedGraph {
    /// The graph of these nodes and identities, with one edge per `(source, target, entry)`
    /// in source order.
    pub(crate) fn from_parts(
        nodes: Vec<Node>,
        keys: KeyMap,
        edges: &[(NodeId, NodeId, u32)],
        duplicates: Vec<Duplicate>,
    ) -> Self {
        let count = nodes.len();
        // Edges come in source order already: the out-lists are runs of `edges`.
        let out_start = offsets(count, edges.iter().map(|&(source, _, _)| source));
        let out_targets = edges.iter().map(|&(_, target, _)| target).collect();
        let out_entries = edges.iter().map(|&(_, _, entry)| entry).collect();
        let in_start = offsets(count, edges.iter().map(|&(_, target, _)| target));
        let mut fill: Vec<u32> = in_start[..count].to_vec();
        let mut in_sources = vec![NodeId(0); edges.len()];
        for &(source, target, _) in edges {
            let slot = &mut fill[target.index()];
            in_sources[*slot as usize] = source;
            *slot += 1;
        }
        RelatedGraph {
            corpus: None,
            nodes,
            keys,
            out_start,
            out_targets,
            out_entries,
            in_start,
            in_sources,
            duplicates,
        }
    }

    /// How many nodes.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// How many edges (related entries of parsed records).
    pub fn edge_count(&self) -> usize {
        self.out_targets.len()
    }

    /// The node with this id.
    ///
    /// # Panics
    ///
    /// If `id` is not a node of this graph.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Every node id, in order.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> {
        (0..self.nodes.len()).map(id)
    }

    /// The node a URL resolves to, if any: the URL's [`ArticleKey`] is one a node is known by.
    pub fn find(&self, url: &str) -> Option<NodeId> {
        let url = url::Url::parse(url).ok()?;
        self.keys.get(&ArticleKey::from_url(&url)).copied()
    }

    /// The node an identity resolves to, if any.
    pub fn find_key(&self, key: &ArticleKey) -> Option<NodeId> {
        self.keys.get(key).copied()
    }

    /// The articles `node` cites, in the order of its `related` list.
    pub fn related(&self, node: NodeId) -> &[NodeId] {
        let (start, end) = span(&self.out_start, node);
        &self.out_targets[start..end]
    }

    /// The records that cite `node`, in id order (a record citing it twice appears twice).
    pub fn backlinks(&self, node: NodeId) -> &[NodeId] {
        let (start, end) = span(&self.in_start, node);
        &self.in_sources[start..end]
    }

    /// How many related entries `node` has.
    pub fn out_degree(&self, node: NodeId) -> usize {
        self.related(node).len()
    }

    /// How many related entries cite `node`.
    pub fn in_degree(&self, node: NodeId) -> usize {
        self.backlinks(node).len()
    }

    /// Every edge, by source, then entry.
    pub fn edges(&self) -> impl Iterator<Item = Edge> + '_ {
        self.node_ids().flat_map(move |source| {
            let (start, end) = span(&self.out_start, source);
            (start..end).map(move |i| Edge {
                source,
                target: self.out_targets[i],
                entry: self.out_entries[i] as usize,
            })
        })
    }

    /// The `n` most cited nodes with their in-degree, most cited first, then by id; nodes
    /// nobody cites are left out.
    pub fn most_cited(&self, n: usize) -> Vec<(NodeId, usize)> {
        let mut cited: Vec<(NodeId, usize)> = self
            .node_ids()
            .map(|node| (node, self.in_degree(node)))
            .filter(|&(_, degree)| degree > 0)
            .collect();
        cited.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        cited.truncate(n);
        cited
    }

    /// The story clusters: the weakly connected components, each in id order, largest first
    /// (ties by smallest id). Every node is in exactly one.
    pub fn clusters(&self) -> Vec<Vec<NodeId>> {
        let mut parent: Vec<u32> = (0..self.nodes.len() as u32).collect();
        fn root(parent: &mut [u32], mut x: u32) -> u32 {
            while parent[x as usize] != x {
                parent[x as usize] = parent[parent[x as usize] as usize];
                x = parent[x as usize];
            }
            x
        }
        for edge in self.edges() {
            let (a, b) = (
                root(&mut parent, edge.source.0),
                root(&mut parent, edge.target.0),
            );
            if a != b {
                parent[a.max(b) as usize] = a.min(b);
            }
        }
        let mut groups: HashMap<u32, Vec<NodeId>> = HashMap::new();
        for node in self.node_ids() {
            groups
                .entry(root(&mut parent, node.0))
                .or_default()
                .push(node);
        }
        let mut clusters: Vec<Vec<NodeId>> = groups.into_values().collect();
        clusters.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        clusters
    }

    /// The nodes at most `k` steps from `node`, following edges either way, `node` included,
    /// in id order.
    pub fn neighbourhood(&self, node: NodeId, k: usize) -> Vec<NodeId> {
        let mut distance: HashMap<NodeId, usize> = HashMap::from([(node, 0)]);
        let mut queue = VecDeque::from([node]);
        while let Some(current) = queue.pop_front() {
            let next = distance[&current] + 1;
            if next > k {
                continue;
            }
            for &neighbour in self.related(current).iter().chain(self.backlinks(current)) {
                if let Entry::Vacant(slot) = distance.entry(neighbour) {
                    slot.insert(next);
                    queue.push_back(neighbour);
                }
            }
        }
        let mut found: Vec<NodeId> = distance.into_keys().collect();
        found.sort_unstable();
        found
    }

    /// The pairs of distinct nodes that cite each other, smaller id first, in order.
    pub fn reciprocal_pairs(&self) -> Vec<(NodeId, NodeId)> {
        let mut pairs: Vec<(NodeId, NodeId)> = self
            .edges()
            .filter(|e| {
                // The target cites the source back: it is among the source's backlinks,
                // which are in id order (a related list can be long; this stays a lookup).
                e.source < e.target && self.backlinks(e.source).binary_search(&e.target).is_ok()
            })
            .map(|e| (e.source, e.target))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// The related entries that cite no record of the corpus (their target is external).
    pub fn dangling(&self) -> Vec<Edge> {
        self.edges()
            .filter(|e| !self.node(e.target).in_corpus())
            .collect()
    }

    /// The related entries that cite their own record.
    pub fn self_citations(&self) -> Vec<Edge> {
        self.edges().filter(|e| e.source == e.target).collect()
    }

    /// The records that are the same article as an earlier one, in order.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }
}

/// `offsets[i]..offsets[i + 1]` is where node `i`'s items are, for items keyed by `of`.
fn offsets(count: usize, of: impl Iterator<Item = NodeId>) -> Vec<u32> {
    let mut start = vec![0_u32; count + 1];
    for node in of {
        start[node.index() + 1] += 1;
    }
    for i in 0..count {
        start[i + 1] += start[i];
    }
    start
}

fn span(start: &[u32], node: NodeId) -> (usize, usize) {
    (
        start[node.index()] as usize,
        start[node.index() + 1] as usize,
    )
}
