//! How a format writes the tables (`TableWriter`), and what only the whole corpus tells
//! them at the end (`Late`).

use crate::corpus::Scan;
use crate::export::error::ExportError;
use crate::export::rows::{DiagnosticRow, RecordCounts, RecordRow, RelatedCited, RelatedRow};

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
    pub(super) fn new(scan: &'s Scan) -> Self {
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

/// A count as the tables' 32-bit columns hold it (saturating).
pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
