//! Exporting a corpus against checking it, in the same run, on the same 10,000 generated
//! files (`target/bench-corpus-10000`, which the corpus bench writes too): `check` is
//! `CorpusOptions::scan`, what `newsmatter check` runs; the budget of an export to Parquet
//! is 1.5 times that.

mod support;

use std::hint::black_box;
use std::ops::ControlFlow;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsmatter::export::{ExportOptions, TableFormat};
use newsmatter::CorpusOptions;

fn export(c: &mut Criterion) {
    let n = 10_000;
    let dir = support::bench_corpus_dir(n);
    support::corpus_on_disk(&dir, n);
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-export");
    let options = CorpusOptions::new();
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(format!("{n}/check (CorpusOptions::scan)"), |b| {
        b.iter(|| black_box(options.scan([&dir], &|_| {}, |_, _| ControlFlow::<()>::Continue(()))))
    });
    for format in [TableFormat::Parquet, TableFormat::Ndjson] {
        let export = ExportOptions::new(options.clone()).format(format);
        group.bench_function(format!("{n}/export to {}", format.extension()), |b| {
            b.iter(|| black_box(export.export([&dir], &out, &|_| {}).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
