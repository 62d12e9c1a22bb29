//! Rewriting a record file into the canonical rendering, safely.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::model::Document;
use crate::read::split::utf8;
use crate::read::ParseOptions;
use crate::report::{Error, Result};

/// What [`format_file`] did, or would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatOutcome {
    /// The file is already in the canonical rendering; it was not touched.
    Canonical,
    /// The file was rewritten into the canonical rendering.
    Reformatted,
    /// The file is not canonical; with `check`, it was left as it is.
    WouldReformat,
}

/// Rewrites the record file at `path` into the canonical rendering ([`Document`]'s
/// `Display`), or with `check` only says whether it would.
///
/// The file keeps its style where the rendering has no say: a byte-order mark stays, and a
/// file whose opening `---` line ends in `\r\n` gets its front matter written with `\r\n`
/// too (the body is never touched).
///
/// A file that does not parse is never touched. The new text is written to a temporary file
/// beside the original, flushed to disk, given the original's permissions, and renamed over
/// it, so that a crash leaves either the old file or the new one, never half of either.
///
/// ```
/// use newsmatter::{format_file, FormatOutcome, ParseOptions};
///
/// let outcome = format_file("tests/fixtures/valid/article.md", &ParseOptions::new(), true)?;
/// assert_eq!(outcome, FormatOutcome::Canonical);
/// # Ok::<(), newsmatter::Error>(())
/// ```
///
/// # Errors
///
/// Any parse error, and [`ErrorKind::Io`](crate::ErrorKind::Io) when the file cannot be read
/// or written; every error names the file.
///
/// [`Document`]: crate::Document
pub fn format_file(
    path: impl AsRef<Path>,
    options: &ParseOptions,
    check: bool,
) -> Result<FormatOutcome> {
    let path = path.as_ref();
    format(path, options, check).map_err(|err| err.in_file(path))
}

fn format(path: &Path, options: &ParseOptions, check: bool) -> Result<FormatOutcome> {
    let bytes = options.read_path(path)?;
    let text = utf8(&bytes)?;
    let rendered = in_the_style_of(text, &options.parse_str(text)?.document);
    if rendered == text {
        return Ok(FormatOutcome::Canonical);
    }
    if check {
        return Ok(FormatOutcome::WouldReformat);
    }
    replace(path, rendered.as_bytes()).map_err(Error::io)?;
    Ok(FormatOutcome::Reformatted)
}

/// The canonical rendering of `document`, read from `text`, written as `text` is: with its
/// byte-order mark, if it has one, and with the front matter's lines ending in `\r\n` if its
/// opening `---` line does. The body is the file's own, byte for byte, in either case.
fn in_the_style_of(text: &str, document: &Document) -> String {
    const BOM: char = '\u{feff}';
    let rendered = document.to_string();
    let unmarked = text.strip_prefix(BOM);
    let opening = unmarked.unwrap_or(text).split_inclusive('\n').next();
    let crlf = opening.is_some_and(|line| line.ends_with("\r\n"));
    if unmarked.is_none() && !crlf {
        return rendered;
    }
    let (front, body) = rendered.split_at(rendered.len() - document.body.len());
    let mut out = String::with_capacity(text.len() + front.len() / 16);
    if unmarked.is_some() {
        out.push(BOM);
    }
    if crlf {
        out.push_str(&front.replace('\n', "\r\n"));
    } else {
        out.push_str(front);
    }
    out.push_str(body);
    out
}

/// Writes `contents` to a temporary file in `path`'s directory and renames it over `path`.
fn replace(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.newsmatter-{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::set_permissions(&temporary, fs::metadata(path)?.permissions())?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        // Best effort: the temporary file is ours and useless now.
        let _ = fs::remove_file(&temporary);
    }
    written
}
