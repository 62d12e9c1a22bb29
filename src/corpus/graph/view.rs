//! The related graph written out: JSON (a derived, serializable view) and Graphviz DOT.

use std::fmt::Write;

use serde::Serialize;

use crate::corpus::graph::{GraphMismatch, RelatedGraph};
use crate::corpus::load::Corpus;

impl RelatedGraph {
    /// The graph as data to serialize (JSON, say), in this schema:
    ///
    /// ```text
    /// {
    ///   "nodes": [{"id": 0, "key": "www.example.com/a", "url": "https://www.example.com/a",
    ///              "title": "…", "type": "article", "inCorpus": true, "file": "corpus/a.md"}],
    ///   "edges": [{"source": 0, "target": 3, "entry": 0}],
    ///   "clusters": [[0, 3, 5], [1]]
    /// }
    /// ```
    ///
    /// `url` is `null` for a related video known only by provider and title; `file` is
    /// `null` for an external article; `entry` is the index in the source's `related` list;
    /// clusters are as [`RelatedGraph::clusters`] gives them.
    ///
    /// ```
    /// use newsmatter::CorpusOptions;
    /// use newsmatter::corpus::graph::RelatedGraph;
    ///
    /// let corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
    /// let graph = RelatedGraph::build(&corpus);
    /// let json = serde_json::to_value(graph.view(&corpus)?)?;
    /// assert_eq!(json["nodes"].as_array().unwrap().len(), 7);
    /// assert_eq!(json["edges"][0], serde_json::json!({"source": 0, "target": 1, "entry": 0}));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`GraphMismatch`] when the graph was not built from `corpus`.
    pub fn view<'g>(&'g self, corpus: &Corpus) -> Result<GraphView<'g>, GraphMismatch> {
        self.check_corpus(corpus)?;
        Ok(self.to_view())
    }

    /// As [`RelatedGraph::view`], for a graph that knows its files' paths without a
    /// [`Corpus`] to check it against: one built by [`Scan::graph`](crate::corpus::Scan::graph). Of
    /// a graph built [`RelatedGraph::from_records`], every `file` is `null`.
    ///
    /// ```
    /// use std::convert::Infallible;
    /// use std::ops::ControlFlow;
    /// use newsmatter::CorpusOptions;
    /// use newsmatter::corpus::graph::RelatedGraph;
    ///
    /// let corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
    /// let graph = RelatedGraph::build(&corpus);
    /// let scan = CorpusOptions::new().scan(["tests/fixtures/corpus"], &|_| {}, |_, _| {
    ///     ControlFlow::<Infallible>::Continue(())
    /// });
    /// let ControlFlow::Continue(scan) = scan;
    /// assert_eq!(scan.graph().to_view(), graph.view(&corpus)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_view(&self) -> GraphView<'_> {
        let nodes = self
            .node_ids()
            .map(|id| {
                let node = self.node(id);
                NodeView {
                    id: id.index(),
                    key: node.key().as_str(),
                    url: node.url(),
                    title: node.title(),
                    record_type: node.record_type().as_str(),
                    in_corpus: node.in_corpus(),
                    file: node.path().map(|path| path.display().to_string()),
                }
            })
            .collect();
        let edges = self
            .edges()
            .map(|edge| EdgeView {
                source: edge.source.index(),
                target: edge.target.index(),
                entry: edge.entry,
            })
            .collect();
        let clusters = self
            .clusters()
            .into_iter()
            .map(|cluster| cluster.into_iter().map(|node| node.index()).collect())
            .collect();
        GraphView {
            nodes,
            edges,
            clusters,
        }
    }

    /// The graph in Graphviz DOT: one node per article labelled with its title (external
    /// articles dashed), one edge per related entry.
    pub fn to_dot(&self) -> String {
        let mut dot = String::from("digraph related {\n  node [shape=box];\n");
        for node in self.node_ids() {
            let n = self.node(node);
            let style = if n.in_corpus() { "" } else { ", style=dashed" };
            // Writing to a String cannot fail.
            let _ = writeln!(
                dot,
                "  {node} [label=\"{}\"{style}];",
                dot_escape(n.title())
            );
        }
        for e in self.edges() {
            let _ = writeln!(dot, "  {} -> {};", e.source, e.target);
        }
        dot.push_str("}\n");
        dot
    }
}

/// Escapes text for a double-quoted DOT string. Line breaks become spaces; other control
/// characters and the bidirectional controls (U+202A–U+202E, U+2066–U+2069), which a label
/// has no use for and a terminal showing the DOT would act on, become U+FFFD.
fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push('\u{FFFD}');
            }
            c => out.push(c),
        }
    }
    out
}

/// The related graph as [`RelatedGraph::view`] gives it, to serialize.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct GraphView<'g> {
    /// Every node, by id.
    pub nodes: Vec<NodeView<'g>>,
    /// Every edge, in source order.
    pub edges: Vec<EdgeView>,
    /// The clusters, as lists of node ids.
    pub clusters: Vec<Vec<usize>>,
}

/// A node of a [`GraphView`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NodeView<'g> {
    /// The node's id.
    pub id: usize,
    /// Its [`ArticleKey`](crate::ArticleKey).
    pub key: &'g str,
    /// Its page, if known.
    pub url: Option<&'g str>,
    /// Its title.
    pub title: &'g str,
    /// `article` or `video`.
    #[serde(rename = "type")]
    pub record_type: &'static str,
    /// Whether a record of the corpus is this article.
    pub in_corpus: bool,
    /// That record's file.
    pub file: Option<String>,
}

/// An edge of a [`GraphView`]: a related entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct EdgeView {
    /// The citing node.
    pub source: usize,
    /// The cited node.
    pub target: usize,
    /// The index of the entry in the source's `related` list.
    pub entry: usize,
}
