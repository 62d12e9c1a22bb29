//! The tables as NDJSON: one JSON object per line. A row waits in the spill file without its
//! last columns; copying it into the table, they are written in before its closing brace.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::export::error::{out_of_step, ExportError};
use crate::export::files::{create_own, Layout};
use crate::export::rows::{RecordRow, RelatedRow};
use crate::export::writer::{Late, TableWriter};

/// A file being written, with its path for errors.
struct Output {
    path: PathBuf,
    out: BufWriter<File>,
}

impl Output {
    fn create(path: PathBuf) -> Result<Self, ExportError> {
        let file = create_own(&path)?;
        Ok(Output {
            out: BufWriter::with_capacity(1 << 16, file),
            path,
        })
    }

    fn line(&mut self, row: &impl Serialize) -> Result<(), ExportError> {
        serde_json::to_writer(&mut self.out, row)
            .map_err(io::Error::from)
            .and_then(|()| self.out.write_all(b"\n"))
            .map_err(ExportError::io(&self.path))
    }

    /// Flushes what is written, to disk too; gives back the file, to be read from its
    /// start, and its path.
    fn close(self) -> Result<(File, PathBuf), ExportError> {
        let Output { out, path } = self;
        let file = out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|mut file| {
                file.sync_all()?;
                file.rewind()?;
                Ok(file)
            })
            .map_err(ExportError::io(&path))?;
        Ok((file, path))
    }
}

pub(crate) struct NdjsonWriter {
    records: (Output, PathBuf),
    related: (Output, PathBuf),
    diagnostics: Output,
}

impl NdjsonWriter {
    pub(crate) fn create(layout: &Layout) -> Result<Self, ExportError> {
        Ok(NdjsonWriter {
            records: (
                Output::create(layout.spill("records"))?,
                layout.staged("records"),
            ),
            related: (
                Output::create(layout.spill("related"))?,
                layout.staged("related"),
            ),
            diagnostics: Output::create(layout.staged("diagnostics"))?,
        })
    }
}

impl TableWriter for NdjsonWriter {
    fn push(
        &mut self,
        record: &RecordRow<'_>,
        related: &[RelatedRow<'_>],
    ) -> Result<(), ExportError> {
        self.records.0.line(record)?;
        related.iter().try_for_each(|row| self.related.0.line(row))
    }

    fn finish(self: Box<Self>, late: &Late<'_>) -> Result<(), ExportError> {
        let NdjsonWriter {
            records,
            related,
            diagnostics: mut out,
        } = *self;
        // The two spills are copied at once, on two threads.
        std::thread::scope(|scope| {
            let related = scope.spawn(|| complete(related, &mut late.cited()));
            complete(records, &mut late.counts())?;
            for row in late.diagnostics() {
                out.line(&row)?;
            }
            out.close()?;
            related
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

/// Copies the spill into the table, each line with the next of `last` written in.
fn complete<T: Serialize>(
    (spill, table): (Output, PathBuf),
    last: &mut impl Iterator<Item = T>,
) -> Result<(), ExportError> {
    // Read through the descriptor it was written through: the name may lead elsewhere by
    // now.
    let (file, spill) = spill.close()?;
    let mut rows = BufReader::with_capacity(1 << 16, file);
    let mut out = Output::create(table)?;
    let (mut line, mut tail) = (Vec::new(), Vec::new());
    loop {
        line.clear();
        if rows
            .read_until(b'\n', &mut line)
            .map_err(ExportError::io(&spill))?
            == 0
        {
            break;
        }
        let columns = last.next().ok_or_else(|| out_of_step(&spill))?;
        tail.clear();
        serde_json::to_writer(&mut tail, &columns).map_err(|err| ExportError::Io {
            path: out.path.clone(),
            source: err.into(),
        })?;
        // `{…}\n` and `{…}`: the row's fields, a comma, the last columns' fields.
        let row = line
            .strip_suffix(b"}\n")
            .ok_or_else(|| out_of_step(&spill))?;
        out.out
            .write_all(row)
            .and_then(|()| out.out.write_all(b","))
            .and_then(|()| out.out.write_all(&tail[1..]))
            .and_then(|()| out.out.write_all(b"\n"))
            .map_err(ExportError::io(&out.path))?;
    }
    if last.next().is_some() {
        return Err(out_of_step(&spill));
    }
    out.close()?;
    std::fs::remove_file(&spill).map_err(ExportError::io(&spill))
}
