//! Checks across the records of a corpus, through its related graph.

use std::collections::BTreeMap;

use crate::corpus::graph::{GraphMismatch, RelatedGraph};
use crate::corpus::index::CorpusIndex;
use crate::corpus::load::Corpus;
use crate::report::Diagnostic;

impl Corpus {
    /// Checks across records, adding to each file's report:
    ///
    /// - `duplicate-article` (warning), on the later of two records that are the same article;
    /// - `related-copy-mismatch` (warning), on a related entry whose copy of the record it
    ///   cites disagrees with it (title, publishedDateTime, provider, quality), with both
    ///   values.
    ///
    /// # Errors
    ///
    /// [`GraphMismatch`] when `graph` was not built from this corpus
    /// ([`RelatedGraph::build`]): its nodes would point at other files. Nothing is checked
    /// then.
    pub fn cross_check(&mut self, graph: &RelatedGraph) -> Result<(), GraphMismatch> {
        graph.check_corpus(self)?;
        // The graph's own index, built again: the same resolution, with the copied fields.
        let index = CorpusIndex::of(self.documents().map(|(file, doc)| (file, &doc.record)));
        let found = index.cross_check(&index.resolve(), |file| self.files()[file].path());
        for (file, diagnostics) in by_file(found) {
            self.add_diagnostics(file, diagnostics);
        }
        Ok(())
    }
}

/// Diagnostics grouped by file, in file order, each file's in the order found.
pub(crate) fn by_file(found: Vec<(usize, Diagnostic)>) -> BTreeMap<usize, Vec<Diagnostic>> {
    let mut by_file: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for (file, diagnostic) in found {
        by_file.entry(file).or_default().push(diagnostic);
    }
    by_file
}
