//! The related graph over our own fixture corpus (`tests/fixtures/corpus`), every query and
//! cross-record check asserted exactly, and over the real diablo4 sample, its figures.

mod util;

use std::path::Path;

use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::corpus::graph::{Edge, GraphMismatch, NodeId};
use newsmatter::corpus::Corpus;
use newsmatter::report::{Code, Severity};
use newsmatter::CorpusOptions;

/// The fixture corpus, in path order:
///
/// | id | file | cites |
/// |---|---|---|
/// | 0 | stories/a1 wind farm approved | b1, c1 (by its AMP URL), an external article |
/// | 1 | stories/b1 turbines 2026 | a1 (a reciprocal pair), itself |
/// | 2 | stories/c1 fishermen worry | a1, with a copy that disagrees (title, quality) |
/// | 3 | stories/d1 library reopens | v1 (a related video, `webUrl: ""`) |
/// | 4 | stories/d2 library (MSN copy) | nothing: the same article as d1 by `originalUrl` |
/// | 5 | videos/v1 harbour walk | nothing |
/// | 6 | (external) wind power in numbers | |
fn fixture() -> (Corpus, RelatedGraph) {
    let corpus = CorpusOptions::new()
        .load([Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")]);
    let graph = RelatedGraph::build(&corpus);
    (corpus, graph)
}

fn n(i: u32) -> NodeId {
    fixture_ids()[i as usize]
}

fn fixture_ids() -> Vec<NodeId> {
    fixture().1.node_ids().collect()
}

fn ids(nodes: &[NodeId]) -> Vec<usize> {
    nodes.iter().map(|n| n.index()).collect()
}

#[test]
fn loads_in_path_order() {
    let (corpus, _) = fixture();
    let names: Vec<String> = corpus
        .files()
        .iter()
        .map(|f| {
            f.path()
                .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus"))
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "stories/a1-wind-farm-approved.md",
            "stories/b1-turbines-2026.md",
            "stories/c1-fishermen-worry.md",
            "stories/d1-library-reopens.md",
            "stories/d2-library-reopens-msn.md",
            "videos/v1-harbour-walk.md",
        ]
    );
}

#[test]
fn nodes_and_edges() {
    let (_, graph) = fixture();
    assert_eq!((graph.node_count(), graph.edge_count()), (7, 7));
    let titles: Vec<(&str, bool)> = graph
        .node_ids()
        .map(|id| (graph.node(id).title(), graph.node(id).in_corpus()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Offshore wind farm approved", true),
            ("Turbines to be built by 2026", true),
            ("Fishermen worry about wind farm", true),
            ("City library reopens", true),
            ("City library reopens", true),
            ("Harbour walk at dawn", true),
            ("Wind power in numbers", false),
        ]
    );
    let edges: Vec<(usize, usize, usize)> = graph
        .edges()
        .map(|e| (e.source.index(), e.target.index(), e.entry))
        .collect();
    assert_eq!(
        edges,
        [
            (0, 1, 0),
            (0, 2, 1),
            (0, 6, 2),
            (1, 0, 0),
            (1, 1, 1),
            (2, 0, 0),
            (3, 5, 0)
        ]
    );
}

#[test]
fn related_and_backlinks() {
    let (_, graph) = fixture();
    assert_eq!(ids(graph.related(n(0))), [1, 2, 6]);
    assert_eq!(ids(graph.backlinks(n(0))), [1, 2]);
    assert_eq!(ids(graph.backlinks(n(1))), [0, 1]);
    assert_eq!(ids(graph.backlinks(n(5))), [3]);
    let degrees: Vec<(usize, usize)> = graph
        .node_ids()
        .map(|id| (graph.in_degree(id), graph.out_degree(id)))
        .collect();
    assert_eq!(
        degrees,
        [(2, 3), (2, 2), (1, 1), (0, 1), (0, 0), (1, 0), (1, 0)]
    );
}

#[test]
fn resolves_amp_urls_videos_and_any_known_url() {
    let (_, graph) = fixture();
    // a1 cites c1 by its AMP URL; d1's related video (no URL) resolves by provider and title.
    assert_eq!(graph.related(n(0))[1], n(2));
    assert_eq!(graph.related(n(3)), [n(5)]);
    for url in [
        "https://coast.example.net/fishermen-wind",
        "http://coast.example.net/fishermen-wind/amp/#x",
        "https://coast-example-net.cdn.ampproject.org/c/s/coast.example.net/fishermen-wind/amp/",
    ] {
        assert_eq!(graph.find(url), Some(n(2)), "{url}");
    }
    // d2 is known by d1's URL too, but the URL resolves to d1, met first.
    assert_eq!(
        graph.find("https://www.example.com/city/library-reopens"),
        Some(n(3))
    );
    assert_eq!(
        graph.find("https://www.msn.example/en-us/news/library-reopens"),
        Some(n(4))
    );
    assert_eq!(graph.find("https://nowhere.example/"), None);
}

#[test]
fn most_cited() {
    let (_, graph) = fixture();
    let top: Vec<(usize, usize)> = graph
        .most_cited(10)
        .into_iter()
        .map(|(id, d)| (id.index(), d))
        .collect();
    assert_eq!(top, [(0, 2), (1, 2), (2, 1), (5, 1), (6, 1)]);
    assert_eq!(graph.most_cited(1).len(), 1);
}

#[test]
fn clusters() {
    let (_, graph) = fixture();
    let clusters: Vec<Vec<usize>> = graph.clusters().iter().map(|c| ids(c)).collect();
    assert_eq!(clusters, [vec![0, 1, 2, 6], vec![3, 5], vec![4]]);
}

#[test]
fn neighbourhoods() {
    let (_, graph) = fixture();
    assert_eq!(ids(&graph.neighbourhood(n(2), 0)), [2]);
    assert_eq!(ids(&graph.neighbourhood(n(2), 1)), [0, 2]);
    assert_eq!(ids(&graph.neighbourhood(n(2), 2)), [0, 1, 2, 6]);
    assert_eq!(ids(&graph.neighbourhood(n(4), 5)), [4]);
}

#[test]
fn reciprocal_dangling_and_self() {
    let (_, graph) = fixture();
    let pairs: Vec<(usize, usize)> = graph
        .reciprocal_pairs()
        .into_iter()
        .map(|(a, b)| (a.index(), b.index()))
        .collect();
    assert_eq!(pairs, [(0, 1), (0, 2)]);
    assert_eq!(
        graph.dangling(),
        [Edge {
            source: n(0),
            target: n(6),
            entry: 2
        }]
    );
    assert_eq!(
        graph.self_citations(),
        [Edge {
            source: n(1),
            target: n(1),
            entry: 1
        }]
    );
}

#[test]
fn duplicate_articles() {
    let (_, graph) = fixture();
    let duplicates: Vec<(usize, usize, &str, &str)> = graph
        .duplicates()
        .iter()
        .map(|d| (d.first.index(), d.second.index(), d.key.as_str(), d.field))
        .collect();
    assert_eq!(
        duplicates,
        [(3, 4, "www.example.com/city/library-reopens", "originalUrl")]
    );
}

#[test]
fn cross_checks() {
    let (mut corpus, graph) = fixture();
    corpus.cross_check(&graph).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let shown_root = root.display().to_string();
    let found: Vec<(String, Code, Severity, String, usize, String)> = corpus
        .files()
        .iter()
        .flat_map(|file| {
            let name = file
                .path()
                .strip_prefix(&root)
                .unwrap()
                .display()
                .to_string();
            let shown_root = &shown_root;
            file.report().iter().map(move |d| {
                (
                    name.clone(),
                    d.code(),
                    d.severity(),
                    d.path().to_string(),
                    d.line().unwrap(),
                    d.message().replace(shown_root.as_str(), "…"),
                )
            })
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "stories/b1-turbines-2026.md".to_owned(),
                Code::RelatedSelf,
                Severity::Error,
                "related[1].webUrl".to_owned(),
                35,
                "the related entry cites the record itself: `https://news.example.org/turbines-2026`".to_owned()
            ),
            (
                "stories/c1-fishermen-worry.md".to_owned(),
                Code::RelatedCopyMismatch,
                Severity::Warning,
                "related[0].title".to_owned(),
                23,
                "differs from the cited record `…/stories/a1-wind-farm-approved.md`: `Offshore wind farm gets approval` here, `Offshore wind farm approved` there".to_owned()
            ),
            (
                "stories/c1-fishermen-worry.md".to_owned(),
                Code::RelatedCopyMismatch,
                Severity::Warning,
                "related[0].quality".to_owned(),
                33,
                "differs from the cited record `…/stories/a1-wind-farm-approved.md`: `71` here, `70` there".to_owned()
            ),
            (
                "stories/d2-library-reopens-msn.md".to_owned(),
                Code::DuplicateArticle,
                Severity::Warning,
                "originalUrl".to_owned(),
                6,
                "the same article as `…/stories/d1-library-reopens.md` (`www.example.com/city/library-reopens`)".to_owned()
            ),
        ]
    );
}

#[test]
fn json_and_dot_exports() {
    let (corpus, graph) = fixture();
    let json = serde_json::to_value(graph.view(&corpus).unwrap()).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 7);
    assert_eq!(json["nodes"][6]["inCorpus"], false);
    assert_eq!(json["nodes"][6]["file"], serde_json::Value::Null);
    assert_eq!(json["nodes"][2]["key"], "coast.example.net/fishermen-wind");
    assert_eq!(json["nodes"][5]["type"], "video");
    assert_eq!(
        json["edges"][1],
        serde_json::json!({"source": 0, "target": 2, "entry": 1})
    );
    assert_eq!(
        json["clusters"],
        serde_json::json!([[0, 1, 2, 6], [3, 5], [4]])
    );
    let mut keys: Vec<&str> = json["nodes"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["file", "id", "inCorpus", "key", "title", "type", "url"]
    );
    let dot = graph.to_dot();
    assert!(dot.starts_with("digraph related {\n"));
    assert!(dot.contains("  n0 [label=\"Offshore wind farm approved\"];\n"));
    assert!(dot.contains("  n6 [label=\"Wind power in numbers\", style=dashed];\n"));
    assert!(dot.contains("  n3 -> n5;\n"));
    assert_eq!(dot.matches(" -> ").count(), 7);
}

#[test]
fn real_diablo4_sample_figures() {
    let Some(root) = util::shared("realdata/diablo4", "the real sample's graph") else {
        return;
    };
    let mut corpus = CorpusOptions::new().load([root]);
    let graph = RelatedGraph::build(&corpus);
    let figures = (
        corpus.files().len(),
        corpus.documents().count(),
        graph.node_count(),
        graph.edge_count(),
        graph.clusters().len(),
        graph.clusters()[0].len(),
        graph.dangling().len(),
        graph.self_citations().len(),
        graph.reciprocal_pairs().len(),
        graph.duplicates().len(),
    );
    assert_eq!(figures, (42, 37, 136, 164, 29, 40, 143, 2, 8, 2));
    let duplicates: Vec<(String, String, &str)> = graph
        .duplicates()
        .iter()
        .map(|d| {
            let name = |id: NodeId| {
                corpus.files()[graph.node(id).file().unwrap()]
                    .path()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            };
            (name(d.first), name(d.second), d.field)
        })
        .collect();
    assert_eq!(
        duplicates,
        [
            (
                "2022-03-30-everything-you-need-to-know-about-diablo-4-story-classes-and-trailers.md".to_owned(),
                "2022-10-01-everything-you-need-to-know-about-diablo-4-story-classes-and-trailers.md".to_owned(),
                "ampWebUrl"
            ),
            (
                "2020-12-17-diablo-4-release-date-trailers-news-and-rumors.md".to_owned(),
                "2022-10-04-diablo-4-everything-we-know-so-far.md".to_owned(),
                "webUrl"
            ),
        ]
    );
    corpus.cross_check(&graph).unwrap();
    let mut counts = std::collections::BTreeMap::new();
    for file in corpus.files() {
        for d in file.report() {
            *counts.entry(d.code().as_str()).or_insert(0) += 1;
        }
    }
    assert_eq!(
        counts,
        std::collections::BTreeMap::from([
            ("duplicate-article", 2),
            // Two in files whose `null` topic does not parse: their excerpts read, and are
            // checked all the same.
            ("html-entity", 8),
            ("invalid-type", 5),
            ("mojibake", 2),
            ("related-self", 2),
        ])
    );
}

#[test]
fn bad_files_never_stop_the_rest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let corpus = CorpusOptions::new().load([
        root.join("invalid"),
        root.join("no-such-dir"),
        root.join("valid"),
    ]);
    let files: Vec<(String, Option<Code>, bool)> = corpus
        .files()
        .iter()
        .map(|f| {
            let name = f.path().strip_prefix(&root).unwrap().display().to_string();
            (
                name,
                f.report().iter().next().map(|d| d.code()),
                f.document().is_some(),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            (
                "invalid/not-utf8.markdown".to_owned(),
                Some(Code::InvalidUtf8),
                false
            ),
            (
                "invalid/unclosed.md".to_owned(),
                Some(Code::MissingClosingDelimiter),
                false
            ),
            ("no-such-dir".to_owned(), Some(Code::Io), false),
            ("valid/article.md".to_owned(), None, true),
            ("valid/video.md".to_owned(), None, true),
        ]
    );
    let rst = CorpusOptions::new()
        .extensions(["rst"])
        .load([root.join("invalid")]);
    assert_eq!(rst.files().len(), 1);
    assert!(rst.files()[0].path().ends_with("notes.rst"));
    assert_eq!(
        rst.files()[0].report().iter().next().unwrap().code(),
        Code::MissingOpeningDelimiter
    );
}

#[test]
fn a_graph_is_refused_by_any_corpus_but_its_own() {
    let (mut corpus, graph) = fixture();
    let other = CorpusOptions::new().load(["tests/fixtures/corpus"]);
    assert!(graph.is_of(&corpus) && graph.is_of(&corpus.clone()) && !graph.is_of(&other));
    assert_eq!(graph.view(&other).unwrap_err(), GraphMismatch);
    let foreign = RelatedGraph::build(&other);
    let before = corpus.totals();
    assert_eq!(corpus.cross_check(&foreign), Err(GraphMismatch));
    assert_eq!(
        corpus.totals(),
        before,
        "nothing is checked with a foreign graph"
    );
    let in_memory =
        RelatedGraph::from_records(corpus.documents().map(|(file, doc)| (file, &doc.record)));
    assert_eq!(corpus.cross_check(&in_memory), Err(GraphMismatch));
    assert_eq!(
        GraphMismatch.to_string(),
        "the related graph was not built from this corpus: build it with `RelatedGraph::build(&corpus)`"
    );
}

#[test]
fn nodes_name_their_files() {
    let (corpus, graph) = fixture();
    for id in graph.node_ids() {
        let node = graph.node(id);
        assert_eq!(
            node.path(),
            node.file().map(|file| corpus.files()[file].path())
        );
    }
    assert!(graph.node_ids().any(|id| graph.node(id).path().is_some()));
}
