//! `Corpus::cross_check`: the checks across the records of a loaded corpus, made through the
//! corpus index as a scan makes them.

use crate::corpus::graph::{GraphMismatch, RelatedGraph};
use crate::corpus::load::Corpus;
use crate::corpus::rules::by_file;

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
        // The walk a scan makes, over the index the graph was built from: the checks across
        // records are made in one place, whichever way the corpus was read.
        let (index, resolution) = self.indexed();
        let found = index.cross_check(resolution, |file| self.files()[file].path());
        for (file, diagnostics) in by_file(found) {
            self.add_diagnostics(file, diagnostics);
        }
        Ok(())
    }
}
