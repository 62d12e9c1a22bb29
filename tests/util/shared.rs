//! `../shared`, beside the repository for the team and for CI, but not in a clone.

use std::path::{Path, PathBuf};

/// The variable that CI sets so that a test needing `../shared` fails without it, rather
/// than skip: a wrong path cannot hide a test there.
pub const REQUIRE_SHARED: &str = "NEWSMATTER_REQUIRE_SHARED";

/// `../shared/<part>` beside the repository, or `None` after saying in one line that the
/// calling test skipped `what`: written to the standard error itself, not through
/// `eprintln!`, which the test harness captures and shows only for a failing test, so the line
/// shows in `cargo test`'s output. With [`REQUIRE_SHARED`] set, a missing `../shared` fails
/// the test instead.
#[track_caller]
pub fn shared(part: &str, what: &str) -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The command line's package is the repository's folder `cli`.
    let repository = match manifest.file_name() {
        Some(name) if name == "cli" => manifest.parent().unwrap_or(manifest),
        _ => manifest,
    };
    let path = repository.join("../shared").join(part);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os(REQUIRE_SHARED).is_some() {
        panic!("{REQUIRE_SHARED} is set but ../shared/{part} is not beside the repository");
    }
    skipped(&format!(
        "{what}: ../shared/{part} is not beside the repository (CI has it)"
    ));
    None
}

/// Says on the standard error, past the harness's capture, that a test skipped `what`.
pub fn skipped(what: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "\nskipped {what}");
}
