//! A corpus as three tables that DuckDB, Spark and DataFusion read directly: `records` (one
//! row per file that parses), `related` (one row per related entry) and `diagnostics` (one
//! row per diagnostic), as NDJSON (feature `export`) or Parquet (feature `parquet`).
//!
//! [`ExportOptions::export`] reads the corpus in bounded memory ([`CorpusOptions::scan`]):
//! rows are written as their files are read, to a spill file beside the table, and the
//! columns only the whole corpus tells (the counts of diagnostics across records, where a
//! related entry points) are added as the spill is copied into the table at the end, a row
//! group at a time. The `secured` payload is never written, in any form.
//!
//! ```
//! use newsmatter::export::{ExportOptions, TableFormat};
//! use newsmatter::CorpusOptions;
//!
//! let dir = std::env::temp_dir().join(format!("newsmatter-doc-export-{}", std::process::id()));
//! let summary = ExportOptions::new(CorpusOptions::new())
//!     .format(TableFormat::Ndjson)
//!     .export(["tests/fixtures/corpus"], &dir, &|_| {})?;
//! assert_eq!((summary.records, summary.related, summary.diagnostics), (6, 7, 4));
//! let records = std::fs::read_to_string(dir.join("records.ndjson"))?;
//! assert!(records.lines().next().unwrap().starts_with(r#"{"file":"tests/fixtures/corpus/stories/"#));
//! assert!(!records.contains("secured"));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Tables
//!
//! Column names are the record's own keys (`provider.name` becomes `providerName`).
//!
//! `records`: `file` (the path as given), `key` (the record's [`ArticleKey`]), `keys` (every
//! identity it is known by, [`Record::article_keys`]), `category`, `title`, `excerpt`,
//! `publishedDateTime` (UTC, microseconds), `publishedDateTimeOffsetMinutes` (the offset it
//! was written with), `originalUrl`, `webUrl`, `ampWebUrl`, `cdnAmpWebUrl`, `type`,
//! `quality`, `heat` (as written: `-1` is not ranked), `notRanked`, `published`,
//! `featuredContent`, `removed`, `providerName`, `providerDomain`, `providerImages` (a list
//! of `{url, width, height, isCached, title}`, the last two null), `topics` (a list),
//! `images` (a list of `{url, width, height, isCached, title}`), `relatedCount`, then
//! `errors` and `warnings` (the file's diagnostics, those across records included). A key
//! the record does not have is null.
//!
//! `related`: `file` and `key` (of the citing record), `index` (in its `related` list),
//! `title`, `type`, `webUrl` (null for a related video, which has `""`), `ampWebUrl`,
//! `cdnAmpWebUrl`, `providerName`, `providerDomain`, `quality`, `publishedDateTime`,
//! `publishedDateTimeOffsetMinutes`, then `resolvedKey` (the [`ArticleKey`] of the article it
//! cites, as the related graph resolves it: a record's `key`, or for an article outside the
//! corpus the first identity the entry gives) and `citedFile` (the cited record's `file`;
//! null outside the corpus).
//!
//! `diagnostics`: `file`, `severity`, `code`, `path`, `line`, `column`, `message`, in file
//! order.
//!
//! # Shards
//!
//! With [`ExportOptions::shard`], only the files of one [`Shard`] are read, and the tables'
//! names say which (`records.shard-1-of-4.parquet`), so that shards can share a folder. The
//! checks across records and the resolution of related entries then see only that shard:
//! `resolvedKey` still names the cited article, so joining `related.resolvedKey` with the
//! `records.keys` that hold it, over all shards' tables, resolves citations across them (to
//! several rows where several records are one article);
//! `citedFile` and the counts across records are the shard's. Each table's metadata, and the export's
//! `export.json`, say which shard it holds.

#[cfg(feature = "parquet")]
pub(crate) mod arrow;
mod ndjson;
#[cfg(feature = "parquet")]
mod parquet;
pub(crate) mod rows;

use std::io;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::load::CorpusOptions;
use crate::corpus::{Progress, Scan, Shard, Totals};
use crate::export::rows::{
    record_keys, DiagnosticRow, RecordCounts, RecordRow, RelatedCited, RelatedRow,
};

#[cfg(feature = "parquet")]
#[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
pub use self::parquet::{diagnostics_schema, records_schema, related_schema, tables, Tables};
#[cfg(doc)]
use crate::{ArticleKey, Record};

/// The tables, by name, in the order they are written and listed.
const TABLES: [&str; 3] = ["records", "related", "diagnostics"];

/// The file endings of every format, built with the `parquet` feature or not.
const EXTENSIONS: [&str; 2] = ["ndjson", "parquet"];

/// What stands for the manifest (`export.json`) among the tables' names.
const MANIFEST: &str = "export";

/// Creates the file at `path`, one of the export's own (a spill or a staged table), for
/// reading and writing. It must not be there (`O_EXCL`): a file or a link that someone put
/// in the folder under that name since the export removed what a killed one left is an
/// error, never followed or overwritten.
pub(crate) fn create_own(path: &Path) -> Result<std::fs::File, ExportError> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(ExportError::io(path))
}

/// Writes `bytes` to a new file of the export's own at `path` and flushes it to disk.
fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    use std::io::Write;
    let mut file = create_own(path)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(ExportError::io(path))
}

/// The format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TableFormat {
    /// One JSON object per line, `.ndjson`.
    Ndjson,
    /// Apache Parquet, Snappy-compressed, `.parquet` (feature `parquet`).
    #[cfg(feature = "parquet")]
    #[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
    Parquet,
}

/// Parquet where the `parquet` feature is on, else NDJSON.
impl Default for TableFormat {
    fn default() -> Self {
        #[cfg(feature = "parquet")]
        return TableFormat::Parquet;
        #[cfg(not(feature = "parquet"))]
        return TableFormat::Ndjson;
    }
}

impl TableFormat {
    /// The tables' file ending: `ndjson` or `parquet`.
    pub fn extension(self) -> &'static str {
        match self {
            TableFormat::Ndjson => "ndjson",
            #[cfg(feature = "parquet")]
            TableFormat::Parquet => "parquet",
        }
    }
}

/// How to export a corpus: which files (a [`CorpusOptions`], and a [`Shard`]) and in which
/// [`TableFormat`] (Parquet where the `parquet` feature is on, else NDJSON).
#[derive(Debug, Clone)]
pub struct ExportOptions {
    corpus: CorpusOptions,
    format: TableFormat,
    shard: Shard,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExportSummary {
    /// The files read, and what their reports say.
    pub totals: Totals,
    /// Rows of `records`.
    pub records: usize,
    /// Rows of `related`.
    pub related: usize,
    /// Rows of `diagnostics`.
    pub diagnostics: usize,
    /// The tables written, `records`, `related`, `diagnostics`, then the export's metadata.
    #[serde(skip)]
    pub written: Vec<PathBuf>,
}

/// An export that could not write its tables. Files that cannot be read are no such
/// error: they are rows of `diagnostics`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A table or the folder could not be written (or its spill read back).
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// [`tables`] was given a graph built from another corpus.
    #[error(transparent)]
    Graph(#[from] crate::corpus::graph::GraphMismatch),
    /// Arrow refused a batch (a bug: the tables' builders make their schemas' columns). The
    /// source is Arrow's error, boxed so that Arrow's types are not part of this API.
    #[cfg(feature = "parquet")]
    #[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
    #[error("cannot build a table: {0}")]
    Batch(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The Parquet writer failed.
    #[cfg(feature = "parquet")]
    #[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
    #[error("cannot write `{path}`: {source}")]
    Parquet {
        /// The table.
        path: PathBuf,
        /// Why: the Parquet writer's error, boxed so that its types are not part of this API.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// The spill does not hold the rows this export wrote to it: changed under us.
pub(crate) fn out_of_step(spill: &Path) -> ExportError {
    ExportError::Io {
        path: spill.to_path_buf(),
        source: io::Error::new(
            io::ErrorKind::InvalidData,
            "the spill file does not hold the rows written to it (was it changed meanwhile?)",
        ),
    }
}

impl ExportError {
    pub(crate) fn io(path: &Path) -> impl FnOnce(io::Error) -> ExportError + '_ {
        move |source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The names and metadata of one export's tables.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    dir: PathBuf,
    suffix: String,
    extension: &'static str,
    pub(crate) shard: Shard,
}

impl Layout {
    /// `dir/<table><suffix>.<extension>`.
    pub(crate) fn table(&self, table: &str) -> PathBuf {
        self.dir
            .join(format!("{table}{}.{}", self.suffix, self.extension))
    }

    /// `dir/export<suffix>.json`: what the export holds.
    fn manifest(&self) -> PathBuf {
        self.dir.join(format!("export{}.json", self.suffix))
    }

    /// Where a table's rows wait for its last columns.
    pub(crate) fn spill(&self, table: &str) -> PathBuf {
        self.dir.join(format!(".{table}{}.partial", self.suffix))
    }

    /// Where a table, or the manifest, is written before it is renamed into place:
    /// `.<name>.writing`, beside it.
    pub(crate) fn staged(&self, table: &str) -> PathBuf {
        let name = match table {
            MANIFEST => self.manifest(),
            _ => self.table(table),
        };
        let name = name.file_name().map(|n| n.to_string_lossy().into_owned());
        self.dir
            .join(format!(".{}.writing", name.unwrap_or_default()))
    }

    /// Removes the spills and staged tables of this scope: what a failed export leaves, or
    /// what a killed one left.
    fn remove_unfinished(&self) {
        for table in ["records", "related"] {
            // Nothing to do when it is not there; nothing better to do when it cannot go.
            let _ = std::fs::remove_file(self.spill(table));
        }
        for table in TABLES.into_iter().chain([MANIFEST]) {
            let _ = std::fs::remove_file(self.staged(table));
        }
    }

    /// Puts the staged tables in place of the previous export's, the manifest last: until
    /// the new manifest is there, there is none, so that a reader who goes by the manifest
    /// sees the old export whole, or none, or the new one whole. Tables of this scope in
    /// the other formats, an earlier export's, go too.
    fn commit(&self, manifest: &[u8]) -> Result<(), ExportError> {
        let staged = self.staged(MANIFEST);
        write_synced(&staged, manifest)?;
        let old = self.manifest();
        match std::fs::remove_file(&old) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => {
                return Err(ExportError::io(&old)(err));
            }
            _ => {}
        }
        for table in TABLES {
            let (from, to) = (self.staged(table), self.table(table));
            std::fs::rename(&from, &to).map_err(ExportError::io(&to))?;
            for other in EXTENSIONS.into_iter().filter(|&e| e != self.extension) {
                let _ = std::fs::remove_file(self.with_extension(other).table(table));
            }
        }
        std::fs::rename(&staged, &old).map_err(ExportError::io(&old))?;
        // The renames themselves made durable.
        if let Ok(dir) = std::fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// This layout for tables of another format.
    fn with_extension(&self, extension: &'static str) -> Layout {
        Layout {
            extension,
            ..self.clone()
        }
    }

    /// What each table's metadata says of its scope, as key and value.
    #[cfg(feature = "parquet")]
    pub(crate) fn metadata(&self) -> Vec<(&'static str, String)> {
        vec![
            ("newsmatter.version", env!("CARGO_PKG_VERSION").into()),
            ("newsmatter.shard", self.shard.to_string()),
            ("newsmatter.scope", scope(self.shard)),
        ]
    }
}

fn scope(shard: Shard) -> String {
    if shard.count() == 1 {
        "the whole corpus: checks across records and related entries resolved over every file"
            .into()
    } else {
        format!(
            "shard {shard}: checks across records, resolvedKey and citedFile see only this \
             shard's files; join related.resolvedKey with records.keys over every shard to \
             resolve citations across shards"
        )
    }
}

/// How a format writes the tables: rows as files are read, then the last columns.
pub(crate) trait TableWriter {
    /// The rows of one file that parsed, without their last columns.
    fn push(
        &mut self,
        record: &RecordRow<'_>,
        related: &[RelatedRow<'_>],
    ) -> Result<(), ExportError>;

    /// Writes the tables, each row with its last columns, taken from `late` in the order the
    /// rows came, and the diagnostics.
    fn finish(self: Box<Self>, late: &Late<'_>) -> Result<(), ExportError>;
}

/// What only the whole corpus tells: the last columns of `records` and `related`, file by
/// file and entry by entry, and every diagnostic.
pub(crate) struct Late<'s> {
    scan: &'s Scan,
    paths: Vec<String>,
}

impl<'s> Late<'s> {
    fn new(scan: &'s Scan) -> Self {
        let paths = scan
            .files()
            .iter()
            .map(|file| file.path().display().to_string())
            .collect();
        Late { scan, paths }
    }

    /// The last columns of `records`.
    pub(crate) fn counts(&self) -> impl Iterator<Item = RecordCounts> + Send + '_ {
        self.scan
            .files()
            .iter()
            .filter(|file| file.parsed())
            .map(|file| RecordCounts {
                errors: count(file.report().error_count()),
                warnings: count(file.report().warning_count()),
            })
    }

    /// The last columns of `related`.
    pub(crate) fn cited(&self) -> impl Iterator<Item = RelatedCited<'_>> + Send + '_ {
        (0..self.scan.files().len()).flat_map(move |file| {
            (0..)
                .map_while(move |entry| self.scan.cited(file, entry))
                .map(|cited| RelatedCited {
                    resolved_key: cited.key.as_str(),
                    cited_file: cited.file.map(|file| self.paths[file].as_str()),
                })
        })
    }

    /// Every diagnostic, in file order.
    pub(crate) fn diagnostics(&self) -> impl Iterator<Item = DiagnosticRow<'_>> + Send + '_ {
        self.scan
            .files()
            .iter()
            .zip(&self.paths)
            .flat_map(|(file, path)| file.report().iter().map(|d| DiagnosticRow::new(path, d)))
    }
}

impl ExportOptions {
    /// Exports the files `corpus` takes, as Parquet where the `parquet` feature is on.
    pub fn new(corpus: CorpusOptions) -> Self {
        ExportOptions {
            corpus,
            format: TableFormat::default(),
            shard: Shard::whole(),
        }
    }

    /// The tables' format.
    #[must_use]
    pub fn format(mut self, format: TableFormat) -> Self {
        self.format = format;
        self
    }

    /// Exports only the files of `shard` (see the module's documentation).
    #[must_use]
    pub fn shard(mut self, shard: Shard) -> Self {
        self.shard = shard;
        self
    }

    /// Reads, checks and exports every file under `paths` into the folder `dir` (made if
    /// missing; tables of the same names are replaced), calling `progress` as files are
    /// read. Files that cannot be read are rows of `diagnostics`, never a stop.
    ///
    /// # Errors
    ///
    /// [`ExportError`] when a table cannot be written.
    pub fn export<I, P>(
        &self,
        paths: I,
        dir: &Path,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<ExportSummary, ExportError>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        std::fs::create_dir_all(dir).map_err(ExportError::io(dir))?;
        let layout = Layout {
            dir: dir.to_path_buf(),
            suffix: if self.shard.count() == 1 {
                String::new()
            } else {
                format!(".shard-{}-of-{}", self.shard.index(), self.shard.count())
            },
            extension: self.format.extension(),
            shard: self.shard,
        };
        // What a killed export of this scope left.
        layout.remove_unfinished();
        let mut writer: Box<dyn TableWriter> = match self.format {
            TableFormat::Ndjson => Box::new(ndjson::NdjsonWriter::create(&layout)?),
            #[cfg(feature = "parquet")]
            TableFormat::Parquet => Box::new(parquet::ParquetWriter::create(&layout)?),
        };
        let corpus = self.corpus.clone().shard(self.shard);
        let (mut records, mut related) = (0, 0);
        let scan = corpus.scan(paths, progress, |_, file| {
            let Some(doc) = file.document() else {
                return ControlFlow::Continue(());
            };
            let path = file.path().display().to_string();
            let (key, keys) = record_keys(&doc.record);
            let record = RecordRow::new(&path, &key, &keys, &doc.record);
            let entries: Vec<RelatedRow<'_>> = doc
                .record
                .related
                .iter()
                .flatten()
                .enumerate()
                .map(|(index, entry)| RelatedRow::new(&path, key.as_str(), index, entry))
                .collect();
            records += 1;
            related += entries.len();
            match writer.push(&record, &entries) {
                Ok(()) => ControlFlow::Continue(()),
                Err(err) => ControlFlow::Break(err),
            }
        });
        let scan = match scan {
            ControlFlow::Continue(scan) => scan,
            ControlFlow::Break(err) => {
                drop(writer);
                layout.remove_unfinished();
                return Err(err);
            }
        };
        let late = Late::new(&scan);
        let diagnostics = scan.files().iter().map(|file| file.report().len()).sum();
        writer
            .finish(&late)
            .inspect_err(|_| layout.remove_unfinished())?;
        let summary = ExportSummary {
            totals: scan.totals(),
            records,
            related,
            diagnostics,
            written: ["records", "related", "diagnostics"]
                .iter()
                .map(|table| layout.table(table))
                .chain([layout.manifest()])
                .collect(),
        };
        let manifest = manifest(&layout, self.format, &summary);
        layout
            .commit(manifest.as_bytes())
            .inspect_err(|_| layout.remove_unfinished())?;
        Ok(summary)
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `export.json`: the format, the shard and its scope, and each table's file, rows and
/// bytes: the files that belong together.
fn manifest(layout: &Layout, format: TableFormat, summary: &ExportSummary) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Table {
        file: String,
        rows: usize,
        bytes: u64,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Manifest<'a> {
        newsmatter: &'static str,
        format: &'static str,
        shard: String,
        scope: String,
        files: &'a Totals,
        records: Table,
        related: Table,
        diagnostics: Table,
    }
    let table = |name: &str, rows| Table {
        file: layout
            .table(name)
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        rows,
        bytes: std::fs::metadata(layout.staged(name)).map_or(0, |meta| meta.len()),
    };
    let manifest = Manifest {
        newsmatter: env!("CARGO_PKG_VERSION"),
        format: format.extension(),
        shard: layout.shard.to_string(),
        scope: scope(layout.shard),
        files: &summary.totals,
        records: table("records", summary.records),
        related: table("related", summary.related),
        diagnostics: table("diagnostics", summary.diagnostics),
    };
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file or link put under the name of a spill or staged table once the export has
    /// cleared the names is an error, never written through.
    #[cfg(unix)]
    #[test]
    fn creates_its_own_files_only_where_nothing_is() {
        let dir = std::env::temp_dir().join(format!("newsmatter-own-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim");
        std::fs::write(&victim, "not the export's").unwrap();
        let planted = dir.join(".records.partial");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let err = create_own(&planted).unwrap_err();
        assert!(
            matches!(&err, ExportError::Io { path, source }
                if path == &planted && source.kind() == io::ErrorKind::AlreadyExists),
            "{err}"
        );
        assert!(write_synced(&planted, b"rows").is_err());
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "not the export's"
        );
        // Where nothing is, it is created, and can be read back.
        let own = dir.join(".records.ndjson.writing");
        write_synced(&own, b"rows").unwrap();
        assert_eq!(std::fs::read(&own).unwrap(), b"rows");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
