//! Checks record files: parses and validates each, and prints every diagnostic.
//!
//! ```text
//! cargo run --example check -- tests/fixtures/valid ../shared/realdata/diablo4
//! ```
//!
//! Arguments are files or directories (their `.md` files, not recursively). Exits with 1
//! when any diagnostic is an error.

use std::path::PathBuf;
use std::process::ExitCode;

use newsmatter::ValidateOptions;

fn main() -> ExitCode {
    let mut files = Vec::new();
    for arg in std::env::args_os().skip(1).map(PathBuf::from) {
        match std::fs::read_dir(&arg) {
            Ok(entries) => {
                let mut found: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
                    .collect();
                found.sort();
                files.extend(found);
            }
            Err(_) => files.push(arg),
        }
    }
    let options = ValidateOptions::new();
    let (mut valid, mut errors, mut warnings) = (0, 0, 0);
    for file in &files {
        let report = options.check_path(file).report;
        valid += usize::from(!report.has_errors());
        errors += report.error_count();
        warnings += report.warning_count();
        for diagnostic in &report {
            let position = match (diagnostic.line(), diagnostic.column()) {
                (Some(line), Some(column)) => format!(":{line}:{column}"),
                _ => String::new(),
            };
            println!(
                "{}{position}: {}[{}]: {diagnostic}",
                file.display(),
                diagnostic.severity(),
                diagnostic.code()
            );
        }
    }
    println!(
        "{} files, {valid} valid, {errors} errors, {warnings} warnings",
        files.len()
    );
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
