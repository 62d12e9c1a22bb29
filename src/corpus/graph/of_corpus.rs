//! The graph of a loaded corpus, which knows the corpus it was built from.

use crate::corpus::graph::{GraphMismatch, RelatedGraph};
use crate::corpus::load::Corpus;

impl RelatedGraph {
    /// Builds the graph of the documents of `corpus` (files that failed to parse are left out).
    /// The graph knows its corpus: [`Corpus::cross_check`] and [`RelatedGraph::view`]
    /// refuse it with any other.
    pub fn build(corpus: &Corpus) -> Self {
        let (index, resolution) = corpus.indexed();
        let mut graph = index.graph(resolution, |file| Some(corpus.files()[file].path().into()));
        graph.corpus = Some(corpus.id());
        graph
    }

    /// Whether this graph was built from `corpus` (or a clone of it).
    pub fn is_of(&self, corpus: &Corpus) -> bool {
        self.corpus == Some(corpus.id())
    }

    /// `Ok` when this graph was built from `corpus`.
    pub(crate) fn check_corpus(&self, corpus: &Corpus) -> Result<(), GraphMismatch> {
        if self.is_of(corpus) {
            Ok(())
        } else {
            Err(GraphMismatch)
        }
    }
}
