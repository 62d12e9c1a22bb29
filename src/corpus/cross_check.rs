//! Checks across the records of a corpus: the same article in several files, and related
//! entries whose copy of the record they cite disagrees with it. [`Corpus::cross_check`] finds
//! them through the related graph of a loaded corpus, a scan through its index
//! (`index.rs`); both say them with the functions here.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::corpus::graph::{GraphMismatch, RelatedGraph};
use crate::corpus::load::Corpus;
use crate::model::{timestamp, ArticleKey, Record, Related};
use crate::report::{quoted, Code, Diagnostic, FieldPath};

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
            let path = self.files()[first].path();
            found.push((
                second,
                duplicate_article(duplicate.field, path, &duplicate.key),
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
            let mismatches = copy_mismatches(
                edge.entry,
                &Copied::of_related(copy),
                &Copied::of_record(&cited.record),
                self.files()[target].path(),
            );
            found.extend(mismatches.into_iter().map(|d| (source, d)));
        }
        for (file, diagnostics) in by_file(found) {
            self.add_diagnostics(file, diagnostics);
        }
        Ok(())
    }
}

/// The fields a related entry copies from the record it cites, which the two must agree on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Copied<'a> {
    pub(crate) title: &'a str,
    pub(crate) date: &'a DateTime<FixedOffset>,
    pub(crate) provider_name: &'a str,
    pub(crate) provider_domain: &'a str,
    pub(crate) quality: Option<u32>,
}

impl<'a> Copied<'a> {
    fn of_related(related: &'a Related) -> Self {
        Copied {
            title: &related.title,
            date: &related.published_date_time,
            provider_name: &related.provider.name,
            provider_domain: &related.provider.domain,
            quality: Some(related.quality),
        }
    }

    fn of_record(record: &'a Record) -> Self {
        Copied {
            title: &record.title,
            date: &record.published_date_time,
            provider_name: &record.provider.name,
            provider_domain: &record.provider.domain,
            quality: record.quality,
        }
    }
}

/// `duplicate-article` on the record whose `field` holds `key`, which the record in `first`
/// already holds.
pub(crate) fn duplicate_article(field: &'static str, first: &Path, key: &ArticleKey) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateArticle,
        FieldPath::root().key(field),
        format!("the same article as `{}` (`{key}`)", first.display()),
    )
}

/// `related-copy-mismatch` on related entry `entry` for each field where its `copy` differs
/// from the `record` it cites (in the file `cited`), in the order of the record's keys, with
/// both values, each quoted to at most 200 characters: many entries citing one record with
/// a long title cost their own size, not that title's each. A record without `quality` has nothing for the copy's to differ from.
pub(crate) fn copy_mismatches(
    entry: usize,
    copy: &Copied<'_>,
    record: &Copied<'_>,
    cited: &Path,
) -> Vec<Diagnostic> {
    let text = |key, here: &str, there: &str| {
        (here != there).then(|| (key, here.to_owned(), there.to_owned()))
    };
    let date = (copy.date != record.date).then(|| {
        (
            "publishedDateTime",
            timestamp::format(copy.date),
            timestamp::format(record.date),
        )
    });
    let quality = match (copy.quality, record.quality) {
        (Some(copied), Some(quality)) if copied != quality => {
            Some(("quality", copied.to_string(), quality.to_string()))
        }
        _ => None,
    };
    let at = FieldPath::root().key("related").index(entry);
    let cited = cited.display();
    [
        text("title", copy.title, record.title),
        date,
        text("provider.name", copy.provider_name, record.provider_name),
        text(
            "provider.domain",
            copy.provider_domain,
            record.provider_domain,
        ),
        quality,
    ]
    .into_iter()
    .flatten()
    .map(|(key, here, there)| {
        Diagnostic::new(
            Code::RelatedCopyMismatch,
            at.clone().key(key),
            format!(
                "differs from the cited record `{cited}`: `{}` here, `{}` there",
                quoted(&here),
                quoted(&there)
            ),
        )
    })
    .collect()
}

/// Diagnostics grouped by file, in file order, each file's in the order found.
pub(crate) fn by_file(found: Vec<(usize, Diagnostic)>) -> BTreeMap<usize, Vec<Diagnostic>> {
    let mut by_file: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for (file, diagnostic) in found {
        by_file.entry(file).or_default().push(diagnostic);
    }
    by_file
}
