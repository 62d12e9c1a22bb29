//! Many records at once: loading a corpus from disk (read, parse, validate) on one thread and
//! on all of them, and building the related graph. Inputs come from the seeded generator
//! (`support/generate.rs`).
//!
//! The graph group measures, in the same run, a single-threaded parse of the same 10,000
//! records: the graph's budget, and that of the checks across records, is a share of that.

mod support;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::{CorpusOptions, Document};
use support::generate::{files, records, SEED};

/// `n` generated records under the target directory, and the bytes they take.
fn corpus_on_disk(n: usize) -> (PathBuf, u64) {
    let dir = support::bench_corpus_dir(n);
    let bytes = support::corpus_on_disk(&dir, n);
    (dir, bytes)
}

fn corpus_load(c: &mut Criterion) {
    let options = CorpusOptions::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("corpus_load");
    group.sample_size(10);
    for n in [1_000, 10_000] {
        let (dir, bytes) = corpus_on_disk(n);
        group.throughput(Throughput::Bytes(bytes));
        for pool_size in [1, threads] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(pool_size)
                .build()
                .expect("a thread pool");
            group.bench_function(
                format!("{n}/CorpusOptions::load/{pool_size} threads"),
                |b| b.iter(|| pool.install(|| black_box(options.load([&dir])))),
            );
        }
    }
    group.finish();
}

fn graph(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph");
    group.sample_size(10);
    for n in [10_000, 100_000] {
        let records = records(SEED, n);
        let edges: usize = records
            .iter()
            .map(|record| record.related.as_ref().map_or(0, Vec::len))
            .sum();
        eprintln!("graph/{n}: {edges} related entries");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}/RelatedGraph::from_records"), |b| {
            b.iter(|| RelatedGraph::from_records(black_box(&records).iter().enumerate()))
        });
    }
    // The checks across records of a loaded corpus: the graph, then `cross_check`, which
    // indexes the records as a scan does.
    // Each run on a corpus just loaded (a clone would share the index its source made).
    let (dir, _) = corpus_on_disk(10_000);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("10000/RelatedGraph::build + Corpus::cross_check", |b| {
        b.iter_batched(
            || CorpusOptions::new().load([&dir]),
            |mut corpus| {
                let graph = RelatedGraph::build(&corpus);
                corpus.cross_check(&graph).unwrap();
                corpus
            },
            BatchSize::LargeInput,
        )
    });
    // What the graph's cost is measured against: parsing the same records, one thread.
    let texts: Vec<String> = files(SEED, 10_000)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("10000/parse the same records (Document::from_str)", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(black_box(text).parse::<Document>().unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, corpus_load, graph);
criterion_main!(benches);
