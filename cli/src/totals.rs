//! What the summary counts, the same for `check` and `report`.

use newsmatter::corpus::Totals;
use newsmatter::report::{Diagnostic, Severity};

/// Counts one more file, with its diagnostics at the levels configured.
pub fn add(totals: &mut Totals, diagnostics: &[Diagnostic]) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    totals.files += 1;
    totals.valid += usize::from(errors == 0);
    totals.errors += errors;
    totals.warnings += diagnostics.len() - errors;
}
