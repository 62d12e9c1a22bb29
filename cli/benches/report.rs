//! `newsmatter report` against `newsmatter check` on the same files, in the same run: the
//! report scans as check does and adds its figures, layout and page, within twice check's
//! time. Both run as a user runs them, as processes of the built binary, on a generated
//! corpus (`tests/support`'s generator) of 10,000 records, or `NEWSMATTER_BENCH_RECORDS` of
//! them, or the folder `NEWSMATTER_BENCH_CORPUS` names (such as `target/bench-corpus-10000`,
//! which the library's benches write: larger records, related lists up to 39 long, one
//! cluster of thousands).
//!
//! `cargo bench -p newsmatter-cli --bench report`

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{criterion_group, criterion_main, Criterion};

fn corpus(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target")
        .join(format!("report-bench-{n}"));
    let complete = std::fs::read_dir(&dir).map_or(0, |entries| entries.count()) == n;
    if !complete {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the target directory is writable");
        support::generated(&dir, n);
    }
    dir
}

fn newsmatter(args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_newsmatter"))
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("the binary runs");
    assert!(status.success(), "{args:?}: {status}");
}

fn report_against_check(c: &mut Criterion) {
    let n = std::env::var("NEWSMATTER_BENCH_RECORDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = match std::env::var_os("NEWSMATTER_BENCH_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => corpus(n),
    };
    let name = dir
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let corpus = dir.to_str().expect("a UTF-8 path");
    let page = std::env::temp_dir().join(format!("newsmatter-bench-{name}.html"));
    let page = page.to_str().expect("a UTF-8 path");
    let mut group = c.benchmark_group(format!("report_vs_check/{name}"));
    group.sample_size(10);
    group.bench_function("check --format json", |b| {
        b.iter(|| newsmatter(&["check", "--quiet", "--format", "json", corpus]))
    });
    group.bench_function("report --to", |b| {
        b.iter(|| newsmatter(&["report", "--quiet", "--to", page, corpus]))
    });
    group.finish();
}

criterion_group!(benches, report_against_check);
criterion_main!(benches);
