//! `check --fix`: applying the fixes of a file's diagnostics, checking the result, and
//! writing it back as [`format_file`](crate::write::format_file) writes.

use std::collections::BTreeSet;
use std::path::Path;

use crate::check::fix::apply_edits;
use crate::check::validate::ValidateOptions;
use crate::read::split::utf8;
use crate::read::Reach;
use crate::report::error::Result;
use crate::report::{Code, Diagnostic, Report};
use crate::write::format::{open, rewrite, Kept};

/// How many times a file is fixed and checked again, at most: a fix may reveal another
/// (a key renamed, its value is checked), or overlap one applied in the same pass.
const PASSES: usize = 4;

/// What [`fix_file`] did, or would do.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FixOutcome {
    /// Nothing to fix (among the diagnostics selected).
    Clean,
    /// The file was rewritten with the fixes of these diagnostics.
    Fixed {
        /// The diagnostics fixed, as the check before each fix reported them.
        fixed: Vec<Diagnostic>,
    },
    /// With `check`: the file would be rewritten from `before` to `after`, fixing `fixed`.
    WouldFix {
        /// The diagnostics it would fix.
        fixed: Vec<Diagnostic>,
        /// The file as it is.
        before: String,
        /// The file as it would be.
        after: String,
    },
    /// The file has fixes, but was left as it is (read-only, several hard links, changed
    /// while it was being fixed). Says why.
    Kept(Kept),
}

/// The fixed text of `text`: the fixes ([`Diagnostic::fix`]) of the diagnostics that
/// `select` takes applied, pass after pass while there are any, each pass kept only if
/// checking its result gives no more errors and no new reading error (a rename that made a
/// key twice, a value that no longer parses). `None` when nothing was fixed.
///
/// ```
/// use newsmatter::ValidateOptions;
/// use newsmatter::write::fix_text;
///
/// let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?;
/// let broken = text.replacen("title: ", "titel: ", 1).replace("  - Reservoirs", "  - solar power");
/// let options = ValidateOptions::new();
/// let (fixed, diagnostics) = fix_text(&broken, &options, &|d| d.fix().is_some_and(|f| f.is_safe())).unwrap();
/// assert_eq!(diagnostics.len(), 2);
/// assert_eq!(fixed, text.replace("  - Reservoirs\n", ""));
/// assert!(options.check_str(&fixed).report.is_empty());
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn fix_text(
    text: &str,
    options: &ValidateOptions,
    select: &dyn Fn(&Diagnostic) -> bool,
) -> Option<(String, Vec<Diagnostic>)> {
    let mut current = text.to_owned();
    let mut fixed = Vec::new();
    let mut report = options.check_str(text).report;
    let reading = |report: &Report| -> BTreeSet<Code> {
        report
            .iter()
            .map(Diagnostic::code)
            .filter(|c| !c.is_adjustable())
            .collect()
    };
    let first_reading = reading(&report);
    for _ in 0..PASSES {
        let chosen: Vec<&Diagnostic> = report
            .iter()
            .filter(|d| d.fix().is_some() && select(d))
            .collect();
        let edits: Vec<(usize, usize, &str)> = chosen
            .iter()
            .filter_map(|d| d.fix())
            .map(|fix| {
                (
                    fix.span().start.offset,
                    fix.span().end.offset,
                    fix.replacement(),
                )
            })
            .collect();
        if edits.is_empty() {
            break;
        }
        let (next, applied) = apply_edits(&current, &edits);
        let checked = options.check_str(&next).report;
        let worse = checked.error_count() > report.error_count()
            || !reading(&checked).is_subset(&first_reading);
        if applied.is_empty() || worse {
            break;
        }
        fixed.extend(applied.into_iter().map(|i| chosen[i].clone()));
        current = next;
        report = checked;
    }
    (!fixed.is_empty()).then_some((current, fixed))
}

/// Applies the fixes of the diagnostics of the record file at `path` that `select` takes,
/// as [`fix_text`] does, and writes the result back as [`format_file`] writes (a temporary
/// file renamed over it, the file's permissions kept, nothing written if it changed
/// meanwhile); with `check`, only says what it would write.
///
/// ```
/// use newsmatter::ValidateOptions;
/// use newsmatter::write::{fix_file, FixOutcome};
///
/// let outcome = fix_file("tests/fixtures/valid/article.md", &ValidateOptions::new(), &|_| true, true)?;
/// assert_eq!(outcome, FixOutcome::Clean);
/// # Ok::<(), newsmatter::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Io`](crate::report::ErrorKind::Io) when the file cannot be read or written,
/// and the errors of a file that is not UTF-8; every error names the file.
///
/// [`format_file`]: crate::write::format_file
pub fn fix_file(
    path: impl AsRef<Path>,
    options: &ValidateOptions,
    select: &dyn Fn(&Diagnostic) -> bool,
    check: bool,
) -> Result<FixOutcome> {
    fix_path(path.as_ref(), options, select, check, Reach::NAMED)
}

/// As [`fix_file`], for a file reached as `reach` says (see `format_path`).
pub(crate) fn fix_path(
    path: &Path,
    options: &ValidateOptions,
    select: &dyn Fn(&Diagnostic) -> bool,
    check: bool,
    reach: Reach<'_>,
) -> Result<FixOutcome> {
    fix(path, options, select, check, reach).map_err(|err| err.in_file(path))
}

fn fix(
    path: &Path,
    options: &ValidateOptions,
    select: &dyn Fn(&Diagnostic) -> bool,
    check: bool,
    reach: Reach<'_>,
) -> Result<FixOutcome> {
    let parse = options.parse_options_ref();
    let (target, before, bytes, reach) = open(path, parse, reach)?;
    let text = utf8(&bytes)?;
    let Some((after, fixed)) = fix_text(text, options, select) else {
        return Ok(FixOutcome::Clean);
    };
    if check {
        return Ok(FixOutcome::WouldFix {
            fixed,
            before: text.to_owned(),
            after,
        });
    }
    match rewrite(&target, &before, &bytes, &after, parse, reach)? {
        None => Ok(FixOutcome::Fixed { fixed }),
        Some(kept) => Ok(FixOutcome::Kept(kept)),
    }
}
