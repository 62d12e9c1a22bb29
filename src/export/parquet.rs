//! The tables as Parquet files, and as Arrow `RecordBatch`es in memory.
//!
//! Rows are gathered into batches of [`BATCH_ROWS`]; `records` and `related` batches wait
//! in an Arrow IPC spill file (written and read back without converting anything) until the
//! corpus is read, then each gets its last columns and goes to the Parquet writer, which
//! writes a row group every [`ROW_GROUP_ROWS`] rows.

use std::fs::File;
use std::io::{BufReader, BufWriter, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch};
use arrow_ipc::reader::StreamReader;
use arrow_ipc::writer::StreamWriter;
use arrow_schema::{ArrowError, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;

use crate::corpus::graph::{GraphMismatch, RelatedGraph};
use crate::corpus::Corpus;
use crate::export::arrow::Finish;
use crate::export::error::{out_of_step, ExportError};
use crate::export::files::{create_own, Layout};
use crate::export::rows::{
    record_keys, DiagnosticRow, DiagnosticsBuilder, RecordCounts, RecordCountsBuilder, RecordRow,
    RecordsBuilder, RelatedBuilder, RelatedCited, RelatedCitedBuilder, RelatedRow,
};
use crate::export::writer::{count, Late, TableWriter};

/// Rows gathered before they are handed on as a batch.
const BATCH_ROWS: usize = 8 * 1024;

/// Rows of a Parquet row group: what a reader (or the writer) holds at once.
const ROW_GROUP_ROWS: usize = 64 * 1024;

/// The columns of `records` whose values repeat (a provider in every record of it):
/// dictionary-encoded. Its other columns are mostly unique, where a dictionary only costs
/// time. Every column of `related` and `diagnostics` repeats (the citing file in each of its
/// entries, copies of the same records), and is dictionary-encoded.
const RECORDS_DICTIONARY: &[&str] = &[
    "category",
    "type",
    "providerName",
    "providerDomain",
    "topics.list.item",
];

/// The schema of `records`.
pub fn records_schema() -> SchemaRef {
    schema(RecordRow::schema_fields(), RecordCounts::schema_fields())
}

/// The schema of `related`.
pub fn related_schema() -> SchemaRef {
    schema(RelatedRow::schema_fields(), RelatedCited::schema_fields())
}

/// The schema of `diagnostics`.
pub fn diagnostics_schema() -> SchemaRef {
    schema(DiagnosticRow::schema_fields(), Vec::new())
}

fn schema(first: Vec<arrow_schema::Field>, last: Vec<arrow_schema::Field>) -> SchemaRef {
    Arc::new(Schema::new([first, last].concat()))
}

/// The three tables of a corpus held in memory, as Arrow `RecordBatch`es: what
/// [`ExportOptions::export`](crate::export::ExportOptions::export) writes, for a corpus
/// already loaded, to hand to DataFusion (`SessionContext::register_batch`) or any Arrow
/// engine without files.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Tables {
    /// One row per document.
    pub records: RecordBatch,
    /// One row per related entry.
    pub related: RecordBatch,
    /// One row per diagnostic.
    pub diagnostics: RecordBatch,
}

/// The tables of `corpus`, its related entries resolved by `graph`. The counts and
/// diagnostics are those of the files' reports: run [`Corpus::cross_check`] first for those
/// across records.
///
/// ```
/// use newsmatter::export::tables;
/// use newsmatter::CorpusOptions;
/// use newsmatter::corpus::graph::RelatedGraph;
///
/// let mut corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
/// let graph = RelatedGraph::build(&corpus);
/// corpus.cross_check(&graph)?;
/// let tables = tables(&corpus, &graph)?;
/// assert_eq!(tables.records.num_rows(), 6);
/// assert_eq!(tables.related.num_rows(), 7);
/// assert_eq!(tables.diagnostics.num_rows(), 4);
/// assert_eq!(tables.records.schema().field(1).name(), "key");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ExportError::Graph`] when `graph` was not built from `corpus`.
pub fn tables(corpus: &Corpus, graph: &RelatedGraph) -> Result<Tables, ExportError> {
    if !graph.is_of(corpus) {
        return Err(ExportError::Graph(GraphMismatch));
    }
    let paths: Vec<String> = corpus
        .files()
        .iter()
        .map(|file| file.path().display().to_string())
        .collect();
    let (mut records, mut counts) = (
        RecordsBuilder::<'static>::default(),
        RecordCountsBuilder::default(),
    );
    let (mut related, mut cited) = (
        RelatedBuilder::<'static>::default(),
        RelatedCitedBuilder::<'static>::default(),
    );
    let mut diagnostics = DiagnosticsBuilder::<'static>::default();
    // The graph's records are the documents, in order.
    for ((file, doc), node) in corpus.documents().zip(graph.node_ids()) {
        let (key, keys) = record_keys(&doc.record);
        records.append(&RecordRow::new(&paths[file], &key, &keys, &doc.record));
        let report = corpus.files()[file].report();
        counts.append(&RecordCounts {
            errors: count(report.error_count()),
            warnings: count(report.warning_count()),
        });
        let entries = doc.record.related.iter().flatten();
        for ((index, entry), &target) in entries.enumerate().zip(graph.related(node)) {
            related.append(&RelatedRow::new(&paths[file], key.as_str(), index, entry));
            let target = graph.node(target);
            cited.append(&RelatedCited {
                resolved_key: target.key().as_str(),
                cited_file: target.file().map(|file| paths[file].as_str()),
            });
        }
    }
    for (file, path) in corpus.files().iter().zip(&paths) {
        for diagnostic in file.report() {
            diagnostics.append(&DiagnosticRow::new(path, diagnostic));
        }
    }
    let batch = |schema: SchemaRef, columns: Vec<ArrayRef>| {
        RecordBatch::try_new(schema, columns).map_err(|e| ExportError::Batch(Box::new(e)))
    };
    Ok(Tables {
        records: batch(
            records_schema(),
            [records.finish(), counts.finish()].concat(),
        )?,
        related: batch(
            related_schema(),
            [related.finish(), cited.finish()].concat(),
        )?,
        diagnostics: batch(diagnostics_schema(), diagnostics.finish())?,
    })
}

/// A table whose rows wait in an IPC spill for their last columns.
struct Spilled<B> {
    rows: B,
    schema: SchemaRef,
    spill: PathBuf,
    out: StreamWriter<BufWriter<File>>,
    table: PathBuf,
}

impl<B> Spilled<B> {
    fn create(
        rows: B,
        fields: Vec<arrow_schema::Field>,
        layout: &Layout,
        name: &str,
    ) -> Result<Self, ExportError> {
        let schema = Arc::new(Schema::new(fields));
        let spill = layout.spill(name);
        let file = create_own(&spill)?;
        let out = StreamWriter::try_new(BufWriter::with_capacity(1 << 16, file), &schema)
            .map_err(arrow_error(&spill))?;
        Ok(Spilled {
            rows,
            schema,
            spill,
            out,
            table: layout.staged(name),
        })
    }

    fn write(&mut self, columns: Vec<ArrayRef>) -> Result<(), ExportError> {
        let batch =
            RecordBatch::try_new(self.schema.clone(), columns).map_err(arrow_error(&self.spill))?;
        self.out.write(&batch).map_err(arrow_error(&self.spill))
    }
}

impl<B: Finish> Spilled<B> {
    /// Spills the rows gathered so far, if any.
    fn flush(&mut self) -> Result<(), ExportError> {
        if self.rows.len() == 0 {
            return Ok(());
        }
        let columns = self.rows.finish();
        self.write(columns)
    }

    /// Spills the rows gathered so far once they make a batch.
    fn push_done(&mut self) -> Result<(), ExportError> {
        if self.rows.len() >= BATCH_ROWS {
            self.flush()
        } else {
            Ok(())
        }
    }
}

impl<B> Spilled<B> {
    /// Reads the spill back, batch by batch, adding the last columns that `last` makes
    /// for a batch's rows, into the Parquet table.
    fn complete(
        self,
        full: SchemaRef,
        layout: &Layout,
        dictionary: Option<&[&str]>,
        mut last: impl FnMut(usize) -> Result<Vec<ArrayRef>, ExportError>,
    ) -> Result<(), ExportError> {
        // Read back through the descriptor it was written through: the name may lead
        // elsewhere by now.
        let mut file = self
            .out
            .into_inner()
            .map_err(arrow_error(&self.spill))?
            .into_inner()
            .map_err(|err| ExportError::io(&self.spill)(err.into_error()))?;
        file.rewind().map_err(ExportError::io(&self.spill))?;
        let reader = StreamReader::try_new(BufReader::with_capacity(1 << 16, file), None)
            .map_err(arrow_error(&self.spill))?;
        let mut table = parquet_writer(&self.table, full.clone(), layout, dictionary)?;
        for batch in reader {
            let batch = batch.map_err(arrow_error(&self.spill))?;
            let mut columns = batch.columns().to_vec();
            columns.extend(last(batch.num_rows())?);
            let batch =
                RecordBatch::try_new(full.clone(), columns).map_err(arrow_error(&self.table))?;
            table.write(&batch).map_err(parquet_error(&self.table))?;
        }
        if last(0)?.iter().any(|column| !column.is_empty()) {
            return Err(out_of_step(&self.spill));
        }
        close(table, &self.table)?;
        std::fs::remove_file(&self.spill).map_err(ExportError::io(&self.spill))
    }
}

/// A Parquet table, dictionary-encoding only the `dictionary` columns when given.
fn parquet_writer(
    path: &Path,
    schema: SchemaRef,
    layout: &Layout,
    dictionary: Option<&[&str]>,
) -> Result<ArrowWriter<BufWriter<File>>, ExportError> {
    let metadata = layout
        .metadata()
        .into_iter()
        .map(|(key, value)| KeyValue::new(key.to_owned(), value))
        .collect();
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_statistics_enabled(EnabledStatistics::Chunk);
    let properties = match dictionary {
        Some(columns) => columns.iter().fold(
            properties.set_dictionary_enabled(false),
            |properties, column| {
                let path = ColumnPath::new(column.split('.').map(str::to_owned).collect());
                properties.set_column_dictionary_enabled(path, true)
            },
        ),
        None => properties,
    };
    let properties = properties.set_key_value_metadata(Some(metadata)).build();
    let file = create_own(path)?;
    ArrowWriter::try_new(
        BufWriter::with_capacity(1 << 16, file),
        schema,
        Some(properties),
    )
    .map_err(parquet_error(path))
}

fn arrow_error(path: &Path) -> impl FnOnce(ArrowError) -> ExportError + '_ {
    move |err| ExportError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(err),
    }
}

fn parquet_error(path: &Path) -> impl FnOnce(parquet::errors::ParquetError) -> ExportError + '_ {
    move |source| ExportError::Parquet {
        path: path.to_path_buf(),
        source: Box::new(source),
    }
}

pub(crate) struct ParquetWriter {
    layout: Layout,
    records: Spilled<RecordsBuilder<'static>>,
    related: Spilled<RelatedBuilder<'static>>,
}

impl ParquetWriter {
    pub(crate) fn create(layout: &Layout) -> Result<Self, ExportError> {
        Ok(ParquetWriter {
            layout: layout.clone(),
            records: Spilled::create(
                RecordsBuilder::<'static>::default(),
                RecordRow::schema_fields(),
                layout,
                "records",
            )?,
            related: Spilled::create(
                RelatedBuilder::<'static>::default(),
                RelatedRow::schema_fields(),
                layout,
                "related",
            )?,
        })
    }
}

impl TableWriter for ParquetWriter {
    fn push(
        &mut self,
        record: &RecordRow<'_>,
        related: &[RelatedRow<'_>],
    ) -> Result<(), ExportError> {
        self.records.rows.append(record);
        self.records.push_done()?;
        for row in related {
            self.related.rows.append(row);
        }
        self.related.push_done()
    }

    fn finish(self: Box<Self>, late: &Late<'_>) -> Result<(), ExportError> {
        let ParquetWriter {
            layout,
            mut records,
            mut related,
        } = *self;
        records.flush()?;
        related.flush()?;
        // One table after another, so that no two hold a row group at once: the peak is the
        // largest table's, whatever the timing of threads.
        let (spill, mut counts) = (records.spill.clone(), late.counts());
        records.complete(
            records_schema(),
            &layout,
            Some(RECORDS_DICTIONARY),
            |rows| {
                last_columns(
                    rows,
                    &mut counts,
                    &spill,
                    RecordCountsBuilder::default(),
                    |b, row| b.append(row),
                )
            },
        )?;
        write_diagnostics(&layout, late)?;
        let (spill, mut cited) = (related.spill.clone(), late.cited());
        related.complete(related_schema(), &layout, None, |rows| {
            last_columns(
                rows,
                &mut cited,
                &spill,
                RelatedCitedBuilder::<'static>::default(),
                |b, row| b.append(row),
            )
        })
    }
}

/// `diagnostics`, straight into its table.
fn write_diagnostics(layout: &Layout, late: &Late<'_>) -> Result<(), ExportError> {
    let path = layout.staged("diagnostics");
    let mut table = parquet_writer(&path, diagnostics_schema(), layout, None)?;
    let mut rows = DiagnosticsBuilder::<'static>::default();
    let mut flush = |rows: &mut DiagnosticsBuilder<'static>| -> Result<(), ExportError> {
        let batch = RecordBatch::try_new(diagnostics_schema(), rows.finish())
            .map_err(arrow_error(&path))?;
        table.write(&batch).map_err(parquet_error(&path))
    };
    for row in late.diagnostics() {
        rows.append(&row);
        if rows.len() >= BATCH_ROWS {
            flush(&mut rows)?;
        }
    }
    if rows.len() > 0 {
        flush(&mut rows)?;
    }
    close(table, &path)
}

/// Finishes a Parquet table and flushes it to disk.
fn close(table: ArrowWriter<BufWriter<File>>, path: &Path) -> Result<(), ExportError> {
    let file = table.into_inner().map_err(parquet_error(path))?;
    file.into_inner()
        .map_err(|err| err.into_error())
        .and_then(|file| file.sync_all())
        .map_err(ExportError::io(path))
}

/// The last columns of the next `rows` rows, from `values`.
fn last_columns<T, B>(
    rows: usize,
    values: &mut impl Iterator<Item = T>,
    spill: &Path,
    mut builder: B,
    append: impl Fn(&mut B, &T),
) -> Result<Vec<ArrayRef>, ExportError>
where
    B: Finish,
{
    for _ in 0..rows {
        let value = values.next().ok_or_else(|| out_of_step(spill))?;
        append(&mut builder, &value);
    }
    Ok(builder.finish())
}
