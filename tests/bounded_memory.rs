//! Checking and exporting a corpus in bounded memory: the peak heap of `CorpusOptions::scan`
//! (what `newsmatter check` runs) and of an export to Parquet, against keeping every
//! document (`load` + `RelatedGraph::build` + `cross_check`, what `check` ran before), on the
//! same generated records, counted by a global allocator in the same run.
//!
//! `cargo test --release --test bounded_memory -- --nocapture` prints the figures;
//! `NEWSMATTER_MEMORY_RECORDS=100000` measures that many records instead of 10,000.

#[path = "../benches/support/mod.rs"]
mod support;

mod counting;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use counting::measure;
use newsmatter::export::ExportOptions;
use newsmatter::{CorpusOptions, RelatedGraph};

/// `n` generated records under the target directory, written once per size.
fn corpus(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bounded-memory-{n}"));
    support::corpus_on_disk(&dir, n);
    dir
}

#[test]
fn check_and_export_peak_below_a_quarter_of_keeping_the_documents() {
    let n = std::env::var("NEWSMATTER_MEMORY_RECORDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = corpus(n);
    let options = CorpusOptions::new();

    let (_, kept) = measure(|| {
        let mut corpus = options.load([&dir]);
        let graph = RelatedGraph::build(&corpus);
        corpus.cross_check(&graph).unwrap();
        (corpus, graph)
    });
    let (_, scanned) =
        measure(|| options.scan([&dir], &|_| {}, |_, _| ControlFlow::<()>::Continue(())));
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bounded-memory-{n}-tables"));
    let (_, exported) = measure(|| {
        ExportOptions::new(options.clone())
            .export([&dir], &out, &|_| {})
            .unwrap()
    });
    let mb = |bytes: usize| bytes as f64 / 1e6;
    eprintln!(
        "{n} generated records, peak heap: every document kept {:.1} MB; scan (check) {:.1} MB \
         ({:.3}x); export to Parquet {:.1} MB ({:.3}x)",
        mb(kept),
        mb(scanned),
        scanned as f64 / kept as f64,
        mb(exported),
        exported as f64 / kept as f64,
    );
    assert!(
        scanned * 4 <= kept,
        "scan peaks at {scanned} bytes, load at {kept}"
    );
    assert!(
        exported * 4 <= kept,
        "export peaks at {exported} bytes, load at {kept}"
    );
    std::fs::remove_dir_all(&out).unwrap();
}

/// `newsmatter graph` and `stats` keep a lean document of each record
/// ([`CorpusOptions::lean`]): their peak heap, with the graph and the figures built, against
/// keeping every whole document, and the same answers.
#[test]
fn graph_and_stats_peak_below_half_of_keeping_the_documents() {
    let n = std::env::var("NEWSMATTER_MEMORY_RECORDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = corpus(n);
    let build = |options: CorpusOptions| {
        let corpus = options.load([&dir]);
        let graph = RelatedGraph::build(&corpus);
        let stats = newsmatter::CorpusStats::new(&corpus, &graph);
        let dot = graph.to_dot();
        let export = serde_json::to_string(&graph.export(&corpus).unwrap()).unwrap();
        (stats, dot, export)
    };
    let (_, kept) = measure(|| build(CorpusOptions::new()));
    let (_, leaned) = measure(|| build(CorpusOptions::new().lean(true)));
    assert!(
        build(CorpusOptions::new()) == build(CorpusOptions::new().lean(true)),
        "a lean corpus gives other answers"
    );
    let mb = |bytes: usize| bytes as f64 / 1e6;
    eprintln!(
        "{n} generated records, peak heap of graph and stats: every document kept {:.1} MB; \
         lean {:.1} MB ({:.3}x)",
        mb(kept),
        mb(leaned),
        leaned as f64 / kept as f64,
    );
    assert!(
        leaned * 2 <= kept,
        "lean peaks at {leaned} bytes, whole at {kept}"
    );
}
