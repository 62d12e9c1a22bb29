//! Checking a corpus in bounded memory: files are read, parsed and validated in parallel a
//! batch at a time and handed over in path order; of each, only its diagnostics (with the
//! source lines they point at) and what the checks across records need are kept.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::corpus::graph::RelatedGraph;
use crate::corpus::index::{CorpusIndex, Resolution};
use crate::corpus::load::{CorpusFile, CorpusOptions, Progress, Tally, Totals};
use crate::corpus::rules::by_file;
use crate::model::ArticleKey;
use crate::report::error::Error;
use crate::report::Report;

/// How many files are read at once: enough to keep every thread busy, few enough that their
/// documents take a few megabytes.
const BATCH: usize = 512;

/// A corpus checked by [`CorpusOptions::scan`]: every file's report (its own diagnostics and
/// those across records) and where each related entry points, without the documents.
///
/// ```
/// use std::convert::Infallible;
/// use std::ops::ControlFlow;
///
/// use newsmatter::CorpusOptions;
///
/// let mut titles = Vec::new();
/// let scan = CorpusOptions::new().scan(["tests/fixtures/corpus"], &|_| {}, |_, file| {
///     titles.extend(file.document().map(|doc| doc.record.title.clone()));
///     ControlFlow::<Infallible>::Continue(())
/// });
/// let ControlFlow::Continue(scan) = scan;
/// assert_eq!(titles.len(), 6);
/// assert_eq!(scan.totals().warnings, 3);
/// let cited = scan.cited(0, 0).unwrap();
/// assert_eq!(cited.key.as_str(), "news.example.org/turbines-2026");
/// assert_eq!(cited.file, Some(1));
/// ```
#[derive(Debug)]
pub struct Scan {
    files: Vec<FileReport>,
    index: CorpusIndex,
    resolution: Resolution,
}

/// One file of a [`Scan`]: its path, its report, and the lines of its front matter that
/// its diagnostics point at.
#[derive(Debug, Clone)]
pub struct FileReport {
    path: PathBuf,
    report: Report,
    /// The lines the diagnostics point at, in order, redacted as [`CorpusFile::source_line`]
    /// gives them.
    lines: Vec<(usize, Box<str>)>,
    /// Its record's place in the index, when it parsed.
    record: Option<u32>,
}

/// The article a related entry cites, as a [`Scan`] resolved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Citation<'s> {
    /// The identity of the cited article: its record's first key, or for an article
    /// outside the corpus the first the entry gives.
    pub key: &'s ArticleKey,
    /// The index (in [`Scan::files`]) of the cited record's file; `None` outside the corpus.
    pub file: Option<usize>,
}

impl CorpusOptions {
    /// Checks every file under `paths` (as [`CorpusOptions::load`] finds them) and across
    /// them, keeping only what the checks across records need of each document, so that
    /// memory grows by a few hundred bytes a record rather than with the documents.
    ///
    /// `visit` is called on this thread for each file in path order, with its index and the
    /// file as loaded (its document, and its own diagnostics: those across records come
    /// after the last file and are in [`Scan::files`]); the file is dropped after. It may
    /// stop the scan by returning [`ControlFlow::Break`], which `scan` gives back. `progress`
    /// is called as in [`CorpusOptions::load_with_progress`].
    ///
    /// Diagnostics across records are located by reading their file again; a file changed
    /// since leaves them without a line.
    pub fn scan<I, P, B>(
        &self,
        paths: I,
        progress: &(dyn Fn(Progress) + Sync),
        mut visit: impl FnMut(usize, &CorpusFile) -> ControlFlow<B>,
    ) -> ControlFlow<B, Scan>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let found = self.find(paths);
        let tally = Tally::start(found.entries.len(), progress);
        let load = |batch: &[Result<PathBuf, Error>]| -> Vec<CorpusFile> {
            batch
                .par_iter()
                .map(|entry| tally.count(self.load_found(entry, &found)))
                .collect()
        };
        let mut index = CorpusIndex::new();
        let mut files: Vec<FileReport> = Vec::with_capacity(found.entries.len());
        let mut batches = found.entries.chunks(BATCH);
        let mut loaded = batches.next().map(load).unwrap_or_default();
        // While this thread hands a batch over, the pool reads the next one.
        std::thread::scope(|scope| {
            loop {
                let next = batches.next().map(|batch| scope.spawn(move || load(batch)));
                let mut records = Vec::with_capacity(loaded.len());
                for (at, file) in loaded.iter().enumerate() {
                    let index_of_file = files.len() + at;
                    visit(index_of_file, file)?;
                    records.push(file.document().map(|doc| {
                        index.add(index_of_file, &doc.record);
                        u32::try_from(index.len() - 1).unwrap_or(u32::MAX)
                    }));
                }
                // Cut down to their reports on the pool, the documents dropped there in
                // parallel rather than one by one on this thread.
                files.par_extend(
                    loaded.into_par_iter().zip(records).map(|(file, record)| {
                        FileReport::of(file, record, self.keeps_source_lines())
                    }),
                );
                match next {
                    // A panic while loading is a bug: it goes on where it happened.
                    Some(next) => {
                        loaded = next
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    }
                    None => return ControlFlow::Continue(()),
                }
            }
        })?;
        let resolution = index.resolve();
        let across = index.cross_check(&resolution, |file| files[file].path());
        for (at, diagnostics) in by_file(across) {
            let mut file = self.load_file(files[at].path.clone(), &found);
            file.add_diagnostics(diagnostics, self.validate());
            files[at] = FileReport::of(file, files[at].record, self.keeps_source_lines());
        }
        ControlFlow::Continue(Scan {
            files,
            index,
            resolution,
        })
    }
}

impl Scan {
    /// Every file, in path order, with its whole report.
    pub fn files(&self) -> &[FileReport] {
        &self.files
    }

    /// The files and their reports counted, as [`Corpus::totals`](crate::corpus::Corpus::totals).
    pub fn totals(&self) -> Totals {
        let mut totals = Totals::default();
        for file in &self.files {
            totals.count(&file.report, file.record.is_some());
        }
        totals
    }

    /// The related graph of the files that parsed, as [`RelatedGraph::build`] builds it from
    /// a corpus in memory: the same nodes, edges and duplicates, each record's node with its
    /// file's index in [`Scan::files`] and its path. Built from what the scan kept (a few
    /// hundred bytes a record), not from the documents.
    pub fn graph(&self) -> RelatedGraph {
        self.index.graph(&self.resolution, |file| {
            Some(self.files[file].path.clone().into_boxed_path())
        })
    }

    /// The article that related entry `entry` of file `file` cites, as the related graph
    /// resolves it; `None` when the file did not parse or has no such entry.
    pub fn cited(&self, file: usize, entry: usize) -> Option<Citation<'_>> {
        let record = self.files.get(file)?.record? as usize;
        let (key, file) = self.index.cited(&self.resolution, record, entry)?;
        Some(Citation { key, file })
    }
}

impl FileReport {
    /// What the scan keeps of `file`: its lines that its diagnostics point at when
    /// `source_lines`.
    fn of(file: CorpusFile, record: Option<u32>, source_lines: bool) -> Self {
        let mut wanted: Vec<usize> = match source_lines {
            true => file.report().iter().filter_map(|d| d.line()).collect(),
            false => Vec::new(),
        };
        wanted.sort_unstable();
        wanted.dedup();
        let lines = wanted
            .into_iter()
            .filter_map(|line| Some((line, file.source_line(line)?.into_boxed_str())))
            .collect();
        let (path, report) = file.into_path_and_report();
        FileReport {
            path,
            report,
            lines,
            record,
        }
    }

    /// The file's path, as given or as found under a given directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every diagnostic of the file, its own and those across records.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Whether the file parsed (its record is in the graph).
    pub fn parsed(&self) -> bool {
        self.record.is_some()
    }

    /// Line `line` (1-based) of the front matter, when a diagnostic points at it, redacted
    /// as [`CorpusFile::source_line`] redacts it.
    pub fn source_line(&self, line: usize) -> Option<&str> {
        let at = self
            .lines
            .binary_search_by_key(&line, |&(kept, _)| kept)
            .ok()?;
        Some(&self.lines[at].1)
    }
}
