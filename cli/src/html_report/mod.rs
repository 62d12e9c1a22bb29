//! `newsmatter report`: one self-contained HTML page of a corpus, made from the same bounded
//! scan as `check` ([`Tally`] counts each file as it goes by), with its problems at the
//! configured levels, charts of its records and its related graph's largest clusters.
//!
//! Layers, each using those after it: this module (the run and the write), [`page`] (the
//! document), [`charts`] and [`clusters`] (the drawings), [`tally`] and [`text`].

mod charts;
mod clusters;
mod page;
mod tally;
mod text;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::corpus::{FileReport, Shard, Totals};
use newsmatter::report::{Code, Diagnostic, Severity};
use newsmatter::write::TEMPORARY_SUFFIX;

use self::page::{CodeCount, Page, Problems, MAX_ROWS};
pub use self::tally::Tally;

/// What the page is made of, besides the scan's figures.
pub struct Report<'a> {
    /// The paths given, as the user wrote them.
    pub inputs: &'a [std::path::PathBuf],
    /// The shard, when one was asked for.
    pub shard: Option<Shard>,
    /// The records' figures.
    pub tally: Tally,
    /// The related graph of the files scanned.
    pub graph: &'a RelatedGraph,
}

impl Report<'_> {
    /// The page, for `files` with the diagnostics `levels` gives each (the configuration
    /// applied); and the totals it shows.
    pub fn render<'f>(
        self,
        files: impl IntoIterator<Item = (&'f FileReport, Vec<Diagnostic>)>,
    ) -> std::io::Result<(String, Totals)> {
        let mut totals = Totals::default();
        let mut codes: BTreeMap<Code, CodeCount> = BTreeMap::new();
        let (mut problems, mut rows, mut rows_left_out) = (Vec::new(), 0, 0);
        for (file, diagnostics) in files {
            crate::totals::add(&mut totals, &diagnostics);
            totals.unparsed += usize::from(!file.parsed());
            let mut seen: Vec<Code> = Vec::new();
            for d in &diagnostics {
                let count = codes.entry(d.code()).or_default();
                match d.severity() {
                    Severity::Error => count.errors += 1,
                    _ => count.warnings += 1,
                }
                if !seen.contains(&d.code()) {
                    seen.push(d.code());
                    count.files += 1;
                }
            }
            if diagnostics.is_empty() {
                continue;
            }
            let room = MAX_ROWS - rows;
            rows_left_out += diagnostics.len().saturating_sub(room);
            if room > 0 {
                let kept: Vec<Diagnostic> = diagnostics.into_iter().take(room).collect();
                rows += kept.len();
                problems.push(Problems {
                    path: text::visible(&file.path().display().to_string()).into_owned(),
                    diagnostics: kept,
                });
            }
        }
        let page = Page {
            inputs: self
                .inputs
                .iter()
                .map(|path| text::visible(&path.display().to_string()).into_owned())
                .collect(),
            shard: self.shard,
            totals,
            codes,
            figures: self.tally.finish(self.graph),
            graph: self.graph,
            problems,
            rows_left_out,
        };
        let html = page::render(&page).map_err(|err| std::io::Error::other(err.to_string()))?;
        Ok((html, totals))
    }
}

/// The path among `read` that is the file `to` names, if `to` is one of them (the same file
/// by the same name, through another path): the page must not replace a record.
pub fn among<'p>(to: &Path, read: impl Iterator<Item = &'p Path>) -> Option<&'p Path> {
    let target = std::fs::canonicalize(to).ok()?;
    let name = target.file_name()?;
    // Only the files of the same name are resolved: a few system calls, not one a file.
    read.filter(|path| path.file_name() == Some(name))
        .find(|path| std::fs::canonicalize(path).is_ok_and(|path| path == target))
}

/// Writes `html` to `to` as a whole or not at all: into a new temporary file beside it (made
/// `O_EXCL`, never through a link), flushed, then renamed over `to`. A link at `to` is
/// replaced, not followed; a run killed midway leaves `to` as it was, and a
/// `.NAME.XXXXXX.newsmatter-tmp` that the next run removes once it is five minutes old.
pub fn write(to: &Path, html: &str) -> std::io::Result<()> {
    if to.is_dir() {
        return Err(std::io::Error::other(
            "it is a directory: --to names the HTML file to write",
        ));
    }
    let dir = match to.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(std::io::Error::other(format!(
            "the folder {} does not exist",
            crate::terminal::path(dir)
        )));
    }
    let name = to
        .file_name()
        .ok_or_else(|| std::io::Error::other("--to names no file"))?;
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // What a new file gets (the umask applies), not the temporary file's 0600.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(dir)?;
    temporary.write_all(html.as_bytes())?;
    temporary.as_file().sync_all()?;
    temporary.persist(to).map_err(|err| err.error)?;
    let _ = newsmatter::write::remove_stale_temporaries(dir);
    Ok(())
}
