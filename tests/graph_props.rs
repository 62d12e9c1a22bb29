//! Property tests of the related graph over generated corpora: degrees add up, clusters
//! partition the nodes, neighbourhoods stay inside clusters, and the order in which files are
//! given changes nothing.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use newsmatter::{CorpusOptions, Document, RelatedGraph, RelatedUrl};
use proptest::prelude::*;

const BASE: &str = include_str!("fixtures/valid/article.md");

/// A corpus as a list of records, each citing others by index (or, past the end, external
/// articles), some by their AMP URL.
fn arb_corpus() -> impl Strategy<Value = Vec<Vec<(usize, bool)>>> {
    (1_usize..12).prop_flat_map(|n| {
        proptest::collection::vec(
            proptest::collection::vec((0..n + 4, any::<bool>()), 0..5),
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
fn write(corpus: &[Vec<(usize, bool)>]) -> (PathBuf, Vec<PathBuf>) {
    let dir = std::env::temp_dir().join(format!(
        "newsmatter-graph-props-{}-{}",
        std::process::id(),
        DIR.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let base: Document = BASE.parse().unwrap();
    let template = base.record.related.as_ref().unwrap()[0].clone();
    let mut files = Vec::new();
    for (i, cites) in corpus.iter().enumerate() {
        let mut doc = base.clone();
        let record = &mut doc.record;
        record.title = format!("Story {i}");
        record.original_url = Some(url(i, false).parse().unwrap());
        record.web_url = Some(url(i, false).parse().unwrap());
        record.amp_web_url = Some(url(i, true).parse().unwrap());
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
        let entries: usize = corpus.iter().map(Vec::len).sum();
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

        // Building does not depend on the order the files are given in.
        let mut sorted = files.clone();
        sorted.sort();
        let reloaded = CorpusOptions::new().load(&sorted);
        let again = RelatedGraph::build(&reloaded);
        prop_assert_eq!(
            serde_json::to_value(graph.export(&loaded).unwrap()).unwrap(),
            serde_json::to_value(again.export(&reloaded).unwrap()).unwrap()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
