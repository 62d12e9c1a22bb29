//! `CorpusOptions::scan`, the bounded-memory check, against `load` + `RelatedGraph` +
//! `cross_check`, which keep every document: the same reports, the same resolution.

#[path = "../benches/support/mod.rs"]
mod support;
mod util;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::corpus::Scan;
use newsmatter::report::Code;
use newsmatter::{CorpusOptions, ValidateOptions};

/// Scans `paths`, and checks the scan against a loaded corpus of the same paths.
fn scan_agrees_with_load(options: &CorpusOptions, paths: &[PathBuf]) -> Scan {
    let mut corpus = options.load(paths);
    let own: Vec<_> = corpus.files().iter().map(|f| f.report().clone()).collect();
    let graph = RelatedGraph::build(&corpus);
    corpus.cross_check(&graph).unwrap();

    let mut visited = Vec::new();
    let scan = options.scan(paths, &|_| {}, |index, file| {
        // Handed over in path order, with the file's own diagnostics.
        assert_eq!(file.path(), corpus.files()[index].path());
        assert_eq!(file.report(), &own[index], "{}", file.path().display());
        visited.push(index);
        ControlFlow::<()>::Continue(())
    });
    let ControlFlow::Continue(scan) = scan else {
        panic!("the visitor never stops")
    };
    assert_eq!(visited, (0..corpus.files().len()).collect::<Vec<_>>());
    assert_eq!(scan.totals(), corpus.totals());
    assert_eq!(scan.files().len(), corpus.files().len());
    for (scanned, loaded) in scan.files().iter().zip(corpus.files()) {
        assert_eq!(scanned.path(), loaded.path());
        assert_eq!(
            scanned.report(),
            loaded.report(),
            "{}",
            loaded.path().display()
        );
        assert_eq!(scanned.parsed(), loaded.document().is_some());
        for line in loaded.report().iter().filter_map(|d| d.line()) {
            assert_eq!(
                scanned.source_line(line),
                loaded.source_line(line).as_deref()
            );
        }
    }
    for edge in graph.edges() {
        let source = graph.node(edge.source).file().unwrap();
        let target = graph.node(edge.target);
        let cited = scan.cited(source, edge.entry).unwrap();
        assert_eq!((cited.key, cited.file), (target.key(), target.file()));
    }
    for (file, doc) in corpus.documents() {
        let entries = doc.record.related.as_ref().map_or(0, Vec::len);
        assert_eq!(scan.cited(file, entries), None);
    }
    // The graph built from what the scan kept is the graph of the documents.
    let scanned = scan.graph();
    assert_eq!(scanned.to_view(), graph.view(&corpus).unwrap());
    assert_eq!(scanned.duplicates(), graph.duplicates());
    assert_eq!(scanned.to_dot(), graph.to_dot());
    for node in graph.node_ids() {
        let key = graph.node(node).key();
        assert_eq!(scanned.find_key(key), graph.find_key(key), "{key:?}");
        assert_eq!(scanned.node(node), graph.node(node));
    }
    scan
}

fn repository(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn fixtures_and_examples_as_loaded() {
    let paths = [
        repository("tests/fixtures"),
        repository("examples/corpus"),
        repository("tests/no-such-directory"),
    ];
    for options in [
        ValidateOptions::new(),
        ValidateOptions::new().deny_warnings(true),
    ] {
        let scan = scan_agrees_with_load(&CorpusOptions::new().validate_options(options), &paths);
        let codes: Vec<Code> = scan
            .files()
            .iter()
            .flat_map(|f| f.report().iter().map(|d| d.code()))
            .collect();
        // Across records, and a path that cannot be walked.
        assert!(codes.contains(&Code::RelatedCopyMismatch), "{codes:?}");
        assert!(codes.contains(&Code::DuplicateArticle), "{codes:?}");
        assert!(codes.contains(&Code::Io), "{codes:?}");
    }
}

#[test]
fn real_files_as_loaded() {
    let (Some(realdata), Some(seed)) = (
        util::shared("realdata", "scanning the real files"),
        util::shared("seed", "scanning the real files"),
    ) else {
        return;
    };
    scan_agrees_with_load(&CorpusOptions::new(), &[realdata, seed]);
}

/// More files than one batch, with records that repeat and contradict ones in other
/// batches: the checks across records see the whole corpus.
#[test]
fn many_batches_as_loaded() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scan-many-batches");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = support::generate::files(support::generate::SEED, 1_300);
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    // The first record again, last in path order: a duplicate of one two batches back.
    std::fs::write(dir.join("zz-again.md"), &files[0].1).unwrap();
    // A record whose title every copy of it now contradicts.
    let (name, text) = files
        .iter()
        .find(|(_, text)| text.contains("\nrelated:"))
        .unwrap();
    let title = text.lines().find(|l| l.starts_with("title: ")).unwrap();
    std::fs::write(
        dir.join(name),
        text.replacen(title, "title: \"Retitled\"", 1),
    )
    .unwrap();

    let scan = scan_agrees_with_load(&CorpusOptions::new(), std::slice::from_ref(&dir));
    let last = scan.files().last().unwrap();
    let duplicate = last
        .report()
        .iter()
        .find(|d| d.code() == Code::DuplicateArticle)
        .unwrap();
    assert_eq!(duplicate.path().to_string(), "webUrl");
    assert!(duplicate.line().is_some());
    assert!(last.source_line(duplicate.line().unwrap()).is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_visitor_stops_the_scan() {
    let mut seen = 0;
    let scan = CorpusOptions::new().scan([repository("tests/fixtures")], &|_| {}, |index, _| {
        seen += 1;
        if index == 2 {
            ControlFlow::Break("enough")
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(scan.break_value(), Some("enough"));
    assert_eq!(seen, 3);
}
