//! Property tests of the related graph over generated corpora: degrees add up, clusters
//! partition the nodes, neighbourhoods stay inside clusters, the order in which files are
//! given changes nothing, and a scan (which resolves citations in its own index) agrees with
//! the graph and with the checks across records of a loaded corpus.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::{CorpusOptions, Document, RelatedUrl};
use proptest::prelude::*;

const BASE: &str = include_str!("fixtures/valid/article.md");

/// A record of a generated corpus: the records it cites by index (or, past the end, external
/// articles), some by their AMP URL, and the record whose URLs it has, if not its own (the
/// same article in two files, under another title).
type Item = (Vec<(usize, bool)>, Option<usize>);

fn arb_corpus() -> impl Strategy<Value = Vec<Item>> {
    (1_usize..12).prop_flat_map(|n| {
        proptest::collection::vec(
            (
                proptest::collection::vec((0..n + 4, any::<bool>()), 0..5),
                proptest::option::weighted(0.2, 0..n),
            ),
            n,
        )
    })
}

fn url(i: usize, amp: bool) -> String {
    let page = format!("https://site{i}.example.com/story-{i}");
    if amp {
        format!("{page}?amp")
    } else {
        page
    }
}

static DIR: AtomicUsize = AtomicUsize::new(0);

/// Writes the corpus to a new directory; returns it and the files in a scrambled order.
fn write(corpus: &[Item]) -> (PathBuf, Vec<PathBuf>) {
    let dir = std::env::temp_dir().join(format!(
        "newsmatter-graph-props-{}-{}",
        std::process::id(),
        DIR.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let base: Document = BASE.parse().unwrap();
    let template = base.record.related.as_ref().unwrap()[0].clone();
    let mut files = Vec::new();
    for (i, (cites, same_as)) in corpus.iter().enumerate() {
        let mut doc = base.clone();
        let record = &mut doc.record;
        let page = same_as.unwrap_or(i);
        record.title = format!("Story {i}");
        record.original_url = Some(url(page, false).parse().unwrap());
        record.web_url = Some(url(page, false).parse().unwrap());
        record.amp_web_url = Some(url(page, true).parse().unwrap());
        record.cdn_amp_web_url = None;
        record.related = Some(
            cites
                .iter()
                .map(|&(j, amp)| {
                    let mut related = template.clone();
                    related.title = format!("Story {j}");
                    related.web_url = RelatedUrl::Url(url(j, amp).parse().unwrap());
                    related.amp_web_url = None;
                    related.cdn_amp_web_url = None;
                    related
                })
                .collect(),
        );
        let path = dir.join(format!("{:02}.md", (i * 7) % 100));
        std::fs::write(&path, doc.to_string()).unwrap();
        files.push(path);
    }
    files.reverse();
    (dir, files)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn graph_invariants(corpus in arb_corpus()) {
        let (dir, files) = write(&corpus);
        let loaded = CorpusOptions::new().load(&files);
        let graph = RelatedGraph::build(&loaded);

        // The sum of in-degrees, and of out-degrees, is the edge count.
        let in_sum: usize = graph.node_ids().map(|n| graph.in_degree(n)).sum();
        let out_sum: usize = graph.node_ids().map(|n| graph.out_degree(n)).sum();
        let entries: usize = corpus.iter().map(|(cites, _)| cites.len()).sum();
        prop_assert_eq!(in_sum, graph.edge_count());
        prop_assert_eq!(out_sum, graph.edge_count());
        prop_assert_eq!(graph.edge_count(), entries);

        // Clusters partition the nodes.
        let clusters = graph.clusters();
        let mut seen = BTreeSet::new();
        for cluster in &clusters {
            for node in cluster {
                prop_assert!(seen.insert(*node), "{node} in two clusters");
            }
        }
        prop_assert_eq!(seen.len(), graph.node_count());

        // A k-hop neighbourhood stays inside its cluster, and grows with k.
        for cluster in &clusters {
            let members: BTreeSet<_> = cluster.iter().copied().collect();
            for k in 0..3 {
                let hood = graph.neighbourhood(cluster[0], k);
                prop_assert!(hood.iter().all(|n| members.contains(n)));
                prop_assert!(hood.len() <= graph.neighbourhood(cluster[0], k + 1).len());
            }
            prop_assert_eq!(graph.neighbourhood(cluster[0], graph.node_count()).len(), cluster.len());
        }

        // Reciprocal pairs are the pairs of distinct nodes each of which cites the other.
        let mut reciprocal: Vec<_> = graph
            .edges()
            .filter(|e| e.source < e.target && graph.related(e.target).contains(&e.source))
            .map(|e| (e.source, e.target))
            .collect();
        reciprocal.sort();
        reciprocal.dedup();
        prop_assert_eq!(graph.reciprocal_pairs(), reciprocal);

        // Building does not depend on the order the files are given in.
        let mut sorted = files.clone();
        sorted.sort();
        let reloaded = CorpusOptions::new().load(&sorted);
        let again = RelatedGraph::build(&reloaded);
        prop_assert_eq!(
            serde_json::to_value(graph.view(&loaded).unwrap()).unwrap(),
            serde_json::to_value(again.view(&reloaded).unwrap()).unwrap()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_scan_resolves_and_checks_as_a_loaded_corpus(corpus in arb_corpus()) {
        let (dir, files) = write(&corpus);
        let mut loaded = CorpusOptions::new().load(&files);
        let graph = RelatedGraph::build(&loaded);
        loaded.cross_check(&graph).unwrap();
        let scan = CorpusOptions::new().scan(&files, &|_| {}, |_, _| ControlFlow::<Infallible>::Continue(()));
        let ControlFlow::Continue(scan) = scan;
        for edge in graph.edges() {
            let target = graph.node(edge.target);
            let cited = scan.cited(graph.node(edge.source).file().unwrap(), edge.entry).unwrap();
            prop_assert_eq!((cited.key, cited.file), (target.key(), target.file()));
        }
        for (scanned, file) in scan.files().iter().zip(loaded.files()) {
            prop_assert_eq!(scanned.report(), file.report());
        }
        // Records with the same URLs are duplicates (so the property has them to compare).
        let pages: BTreeSet<usize> = corpus.iter().enumerate().map(|(i, (_, same))| same.unwrap_or(i)).collect();
        prop_assert_eq!(graph.duplicates().is_empty(), pages.len() == corpus.len());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
