//! Diagnostics as people read them: rustc's layout (annotate-snippets), each with the source
//! line it points at (the `secured` payload redacted) and a caret under the value, every
//! character from the record escaped.

use std::borrow::Cow;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use newsmatter::corpus::{CorpusFile, FileReport};
use newsmatter::report::{Diagnostic, Severity};

use crate::terminal;

/// A file whose diagnostics are shown: its path, and the lines they point at.
pub trait Source {
    /// The path shown.
    fn path(&self) -> &Path;
    /// Line `line` of the front matter, redacted, when it can be shown.
    fn line(&self, line: usize) -> Option<Cow<'_, str>>;
}

impl Source for FileReport {
    fn path(&self) -> &Path {
        FileReport::path(self)
    }
    fn line(&self, line: usize) -> Option<Cow<'_, str>> {
        self.source_line(line).map(Cow::Borrowed)
    }
}

impl Source for CorpusFile {
    fn path(&self) -> &Path {
        CorpusFile::path(self)
    }
    fn line(&self, line: usize) -> Option<Cow<'_, str>> {
        self.source_line(line).map(Cow::Owned)
    }
}

/// The longest source line, in bytes, shown beside a diagnostic.
const MAX_SHOWN_LINE: usize = 1024;

/// One diagnostic in the style of rustc: the title, the file and position, and the source
/// line (the `secured` payload redacted) with a caret under the offending value.
pub fn human(renderer: &Renderer, file: &dyn Source, d: &Diagnostic, show_fixes: bool) -> String {
    let level = match d.severity() {
        Severity::Warning => Level::WARNING,
        _ => Level::ERROR,
    };
    let title = terminal::escape(&d.to_string()).into_owned();
    let path = terminal::path(file.path());
    // A line too long to read beside a caret is not shown (the renderer's cost grows with
    // it, once per diagnostic: a long flow list would cost the square of its length).
    let line = d.line().and_then(|line| {
        let text = file
            .line(line)
            .filter(|text| text.len() <= MAX_SHOWN_LINE)?;
        Some((line, text.into_owned()))
    });
    let group = level.primary_title(title).id(d.code().as_str());
    let report = match (line, d.column()) {
        (Some((number, raw)), Some(column)) => {
            // The caret's column is counted in the line as written; the line is shown
            // escaped, and the span moves with what comes before it.
            let raw_start = raw
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(raw.len(), |(at, _)| at);
            // To the end of the range, or of the line for a range that goes on past it.
            let raw_end = match d.span() {
                Some(span) if span.end.line == number => raw
                    .char_indices()
                    .nth(span.end.column.saturating_sub(1))
                    .map_or(raw.len(), |(at, _)| at),
                _ => raw.trim_end().len(),
            }
            .max(raw_start);
            let before = terminal::escape(&raw[..raw_start]);
            let marked = terminal::escape(&raw[raw_start..raw_end]);
            let text = format!("{before}{marked}{}", terminal::escape(&raw[raw_end..]));
            let start = before.len();
            let end = start + marked.len();
            let span = if start == end {
                start..start
            } else {
                start..end
            };
            let snippet = Snippet::source(text)
                .line_start(number)
                .path(path)
                .annotation(AnnotationKind::Primary.span(span));
            renderer.render(&[footers(group.element(snippet), d, show_fixes)])
        }
        _ => {
            let mut origin = Origin::path(path);
            if let (Some(line), Some(column)) = (d.line(), d.column()) {
                origin = origin.line(line).char_column(column);
            }
            renderer.render(&[footers(group.element(origin), d, show_fixes)])
        }
    };
    report.to_string()
}

/// A diagnostic's suggestion (or with `show_fixes`, its fix and how to apply it), as a
/// `help:` line, and its note, as a `note:` line.
fn footers<'a>(mut group: Group<'a>, d: &'a Diagnostic, show_fixes: bool) -> Group<'a> {
    match (d.suggestion(), d.fix()) {
        (_, Some(fix)) if show_fixes => {
            let how = if fix.is_safe() {
                "--fix"
            } else {
                "--fix --unsafe-fixes"
            };
            let help = format!("{} (`{how}` applies it)", terminal::escape(fix.message()));
            group = group.element(Level::HELP.message(help));
        }
        (Some(suggestion), _) => {
            let help = terminal::escape(suggestion.message()).into_owned();
            group = group.element(Level::HELP.message(help));
        }
        _ => {}
    }
    if let Some(note) = d.note() {
        group = group.element(Level::NOTE.message(terminal::escape(note).into_owned()));
    }
    group
}
