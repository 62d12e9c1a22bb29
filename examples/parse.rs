//! Parses record files strictly and prints each one's error, if any.
//!
//! ```text
//! cargo run --example parse -- tests/fixtures/valid ../shared/realdata/diablo4
//! ```
//!
//! Arguments are files or directories (their `.md` files, not recursively). Exits with 1
//! when any file fails to parse. The `newsmatter` command line does the full job.

use std::path::PathBuf;
use std::process::ExitCode;

use newsmatter::Document;

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
    let mut failed = 0;
    for file in &files {
        match Document::from_path(file) {
            Ok(doc) => println!(
                "ok     {}: {} ({}, {} related)",
                file.display(),
                doc.record.title,
                doc.record.record_type,
                doc.record.related.as_ref().map_or(0, Vec::len)
            ),
            Err(err) => {
                failed += 1;
                println!("error  {err}");
            }
        }
    }
    println!(
        "{} files, {} parsed, {failed} failed",
        files.len(),
        files.len() - failed
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
