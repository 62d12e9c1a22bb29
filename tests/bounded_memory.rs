//! Checking and exporting a corpus in bounded memory: the peak heap of `CorpusOptions::scan`
//! (what `newsmatter check` runs) and of an export to Parquet, against keeping every
//! document (`load` + `RelatedGraph::build` + `cross_check`, what `check` ran before), on the
//! same generated records, counted by a global allocator in the same run; and of `graph` and
//! `stats` on a scan against the same on every document.
//!
//! `cargo test --release --test bounded_memory -- --nocapture` prints the figures;
//! `NEWSMATTER_MEMORY_RECORDS=100000` measures that many records instead of 10,000.

#[path = "../benches/support/mod.rs"]
mod support;

mod counting;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use counting::measure;
use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::corpus::stats::{CorpusStats, StatsTally};
use newsmatter::export::ExportOptions;
use newsmatter::CorpusOptions;

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
    graph_and_stats_peak_below_a_quarter_of_keeping_the_documents(n, &dir);
}

/// `newsmatter graph` and `stats` run on a scan: the graph from what it keeps
/// ([`Scan::graph`]), the figures tallied as files go by ([`StatsTally`]). Their peak heap
/// against keeping every document, and the same answers. Run by the test above, so that
/// nothing else allocates while either measures.
fn graph_and_stats_peak_below_a_quarter_of_keeping_the_documents(n: usize, dir: &Path) {
    let options = CorpusOptions::new();
    let kept = || {
        let corpus = options.load([dir]);
        let graph = RelatedGraph::build(&corpus);
        let stats = CorpusStats::new(&corpus, &graph);
        let json = serde_json::to_string(&graph.view(&corpus).unwrap()).unwrap();
        (stats, graph.to_dot(), json)
    };
    let scanned = || {
        let mut tally = StatsTally::new();
        let scan = options.scan([dir], &|_| {}, |_, file| {
            tally.add(file.document().map(|doc| &doc.record));
            ControlFlow::<()>::Continue(())
        });
        let ControlFlow::Continue(scan) = scan else {
            unreachable!()
        };
        let graph = scan.graph();
        let json = serde_json::to_string(&graph.to_view()).unwrap();
        (tally.finish(&graph), graph.to_dot(), json)
    };
    let (_, whole) = measure(kept);
    let (_, lean) = measure(scanned);
    assert!(kept() == scanned(), "the scan gives other answers");
    let mb = |bytes: usize| bytes as f64 / 1e6;
    eprintln!(
        "{n} generated records, peak heap of graph and stats: every document kept {:.1} MB; \
         scan {:.1} MB ({:.3}x)",
        mb(whole),
        mb(lean),
        lean as f64 / whole as f64,
    );
    assert!(
        lean * 4 <= whole,
        "the scan peaks at {lean} bytes, load at {whole}"
    );
}
