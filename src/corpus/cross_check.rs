//! Checks across the records of a corpus, through its related graph.

use std::collections::HashMap;

use crate::corpus::graph::{GraphMismatch, RelatedGraph};
use crate::corpus::load::Corpus;
use crate::model::{timestamp, Record, Related};
use crate::report::{Code, Diagnostic, FieldPath};

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
        let mut found: Vec<(usize, Diagnostic)> = Vec::new();
        for duplicate in graph.duplicates() {
            let (Some(first), Some(second)) = (
                graph.node(duplicate.first).file(),
                graph.node(duplicate.second).file(),
            ) else {
                continue;
            };
            found.push((
                second,
                Diagnostic::new(
                    Code::DuplicateArticle,
                    FieldPath::root().key(duplicate.field),
                    format!(
                        "the same article as `{}` (`{}`)",
                        self.files()[first].path().display(),
                        duplicate.key
                    ),
                ),
            ));
        }
        for edge in graph.edges() {
            let (Some(source), Some(target)) = (
                graph.node(edge.source).file(),
                graph.node(edge.target).file(),
            ) else {
                continue;
            };
            if source == target {
                continue;
            }
            let (Some(citing), Some(cited)) = (
                self.files()[source].document(),
                self.files()[target].document(),
            ) else {
                continue;
            };
            let Some(copy) = citing
                .record
                .related
                .as_ref()
                .and_then(|r| r.get(edge.entry))
            else {
                continue;
            };
            let at = FieldPath::root().key("related").index(edge.entry);
            let cited_path = self.files()[target].path().display().to_string();
            for (key, here, there) in copy_differences(copy, &cited.record) {
                found.push((
                    source,
                    Diagnostic::new(
                        Code::RelatedCopyMismatch,
                        at.clone().key(key),
                        format!("differs from the cited record `{cited_path}`: `{here}` here, `{there}` there"),
                    ),
                ));
            }
        }
        let mut by_file: HashMap<usize, Vec<Diagnostic>> = HashMap::new();
        for (file, diagnostic) in found {
            by_file.entry(file).or_default().push(diagnostic);
        }
        let mut files: Vec<_> = by_file.into_iter().collect();
        files.sort_by_key(|(file, _)| *file);
        for (file, diagnostics) in files {
            self.add_diagnostics(file, diagnostics);
        }
        Ok(())
    }
}

/// The fields where a related entry's copy differs from the record it cites.
fn copy_differences(copy: &Related, record: &Record) -> Vec<(&'static str, String, String)> {
    let mut differences = Vec::new();
    if copy.title != record.title {
        differences.push(("title", copy.title.clone(), record.title.clone()));
    }
    if copy.published_date_time != record.published_date_time {
        differences.push((
            "publishedDateTime",
            timestamp::format(&copy.published_date_time),
            timestamp::format(&record.published_date_time),
        ));
    }
    if copy.provider.name != record.provider.name {
        differences.push((
            "provider.name",
            copy.provider.name.clone(),
            record.provider.name.clone(),
        ));
    }
    if copy.provider.domain != record.provider.domain {
        differences.push((
            "provider.domain",
            copy.provider.domain.clone(),
            record.provider.domain.clone(),
        ));
    }
    if let Some(quality) = record.quality {
        if copy.quality != quality {
            differences.push(("quality", copy.quality.to_string(), quality.to_string()));
        }
    }
    differences
}
