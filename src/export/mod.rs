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
mod error;
mod files;
mod ndjson;
#[cfg(feature = "parquet")]
mod parquet;
pub(crate) mod rows;
mod writer;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use self::error::ExportError;
use crate::corpus::load::CorpusOptions;
use crate::corpus::{Progress, Shard, Totals};
use crate::export::files::{scope, Layout};
use crate::export::rows::{record_keys, RecordRow, RelatedRow};
use crate::export::writer::{Late, TableWriter};

#[cfg(feature = "parquet")]
#[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
pub use self::parquet::{diagnostics_schema, records_schema, related_schema, tables, Tables};
#[cfg(doc)]
use crate::{ArticleKey, Record};

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
        let layout = Layout::new(dir, self.shard, self.format.extension());
        // What a killed export of this scope left.
        layout.remove_unfinished();
        let mut writer: Box<dyn TableWriter> = match self.format {
            TableFormat::Ndjson => Box::new(ndjson::NdjsonWriter::create(&layout)?),
            #[cfg(feature = "parquet")]
            TableFormat::Parquet => Box::new(parquet::ParquetWriter::create(&layout)?),
        };
        // The tables hold no source lines.
        let corpus = self.corpus.clone().shard(self.shard).source_lines(false);
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
