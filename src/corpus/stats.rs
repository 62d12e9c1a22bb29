//! What a corpus holds, in figures: [`CorpusStats`], from a loaded corpus
//! ([`CorpusStats::new`]) or tallied a record at a time as a scan hands them over
//! ([`StatsTally`], in bounded memory), and its parts.
//!
//! ```
//! use newsmatter::corpus::graph::RelatedGraph;
//! use newsmatter::corpus::stats::{CorpusStats, StatsTally};
//! use newsmatter::CorpusOptions;
//!
//! let corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
//! let graph = RelatedGraph::build(&corpus);
//! let mut tally = StatsTally::new();
//! for file in corpus.files() {
//!     tally.add(file.document().map(|doc| &doc.record));
//! }
//! assert_eq!(tally.finish(&graph), CorpusStats::new(&corpus, &graph));
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::corpus::graph::RelatedGraph;
use crate::corpus::load::Corpus;
use crate::model::{Heat, Record};

/// How many of each in a corpus: records by type, category and month, the top providers and
/// topics, score distributions, how many carry AMP URLs, images and related entries, the most
/// cited articles and the largest clusters. Serializes to JSON with camelCase keys.
///
/// ```
/// use newsmatter::CorpusOptions;
/// use newsmatter::corpus::graph::RelatedGraph;
/// use newsmatter::corpus::stats::CorpusStats;
///
/// let corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
/// let stats = CorpusStats::new(&corpus, &RelatedGraph::build(&corpus));
/// assert_eq!(stats.records, 6);
/// assert_eq!(stats.by_type["video"], 1);
/// assert_eq!(stats.most_cited[0].title, "Offshore wind farm approved");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CorpusStats {
    /// Files loaded.
    pub files: usize,
    /// Files that parsed.
    pub records: usize,
    /// Records by `type`.
    pub by_type: BTreeMap<String, usize>,
    /// Records by `category`.
    pub by_category: BTreeMap<String, usize>,
    /// Records by month of `publishedDateTime` (`2024-05`, in UTC).
    pub by_month: BTreeMap<String, usize>,
    /// The ten providers (by domain) with the most records, most first.
    pub top_providers: Vec<Count>,
    /// The ten most frequent topics, most first, counted ignoring case as the
    /// `topic-repeated` rule compares them, each under the spelling it first had.
    pub top_topics: Vec<Count>,
    /// `quality` over the records that have one.
    pub quality: Option<Distribution>,
    /// `heat` over the ranked records (`heat ≥ 0`).
    pub heat: Option<Distribution>,
    /// Records with `heat: -1`.
    pub not_ranked: usize,
    /// Records with `published: true`.
    pub published: usize,
    /// Records without scores (`quality`, `heat` and `published` all absent).
    pub without_scores: usize,
    /// Records with an `ampWebUrl`.
    pub with_amp: usize,
    /// Records with at least one image.
    pub with_images: usize,
    /// Records with at least one related entry.
    pub with_related: usize,
    /// Related entries in all.
    pub related_entries: usize,
    /// The ten most cited articles.
    pub most_cited: Vec<CitedArticle>,
    /// The five largest story clusters.
    pub largest_clusters: Vec<Cluster>,
}

/// A name and how many times it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Count {
    /// The provider's domain, or the topic.
    pub name: String,
    /// How many records.
    pub count: usize,
}

/// Minimum, median, mean and maximum of some integers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Distribution {
    /// The smallest.
    pub min: u32,
    /// The middle one (the lower of the two middle ones for an even count).
    pub median: u32,
    /// The mean, rounded to two decimals.
    pub mean: f64,
    /// The largest.
    pub max: u32,
}

/// A cited article and how many related entries cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CitedArticle {
    /// Its title.
    pub title: String,
    /// Its URL, if it has one.
    pub url: Option<String>,
    /// Whether it is a record of the corpus.
    pub in_corpus: bool,
    /// How many related entries cite it.
    pub citations: usize,
}

/// A story cluster: its size and its first article's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Cluster {
    /// How many articles.
    pub size: usize,
    /// The title of its first node (the first record in path order).
    pub title: String,
}

impl CorpusStats {
    /// The figures of `corpus`, whose graph is `graph`.
    pub fn new(corpus: &Corpus, graph: &RelatedGraph) -> Self {
        let mut tally = StatsTally::new();
        for file in corpus.files() {
            tally.add(file.document().map(|doc| &doc.record));
        }
        tally.finish(graph)
    }
}

/// [`CorpusStats`] gathered a file at a time, for a corpus that is not kept in memory: in
/// the visitor of [`CorpusOptions::scan`](crate::CorpusOptions::scan), then finished with
/// [`Scan::graph`](crate::corpus::Scan::graph). It keeps a few numbers a record, and the providers
/// and topics with their counts.
///
/// ```
/// use std::convert::Infallible;
/// use std::ops::ControlFlow;
/// use newsmatter::CorpusOptions;
/// use newsmatter::corpus::graph::RelatedGraph;
/// use newsmatter::corpus::stats::{CorpusStats, StatsTally};
///
/// let mut tally = StatsTally::new();
/// let scan = CorpusOptions::new().scan(["tests/fixtures/corpus"], &|_| {}, |_, file| {
///     tally.add(file.document().map(|doc| &doc.record));
///     ControlFlow::<Infallible>::Continue(())
/// });
/// let ControlFlow::Continue(scan) = scan;
/// let stats = tally.finish(&scan.graph());
/// let corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
/// assert_eq!(stats, CorpusStats::new(&corpus, &RelatedGraph::build(&corpus)));
/// ```
#[derive(Debug, Clone, Default)]
pub struct StatsTally {
    stats: CorpusStats,
    providers: HashMap<String, usize>,
    /// By the lower-case topic: its first spelling and its count.
    topics: HashMap<String, (String, usize)>,
    qualities: Vec<u32>,
    heats: Vec<u32>,
}

impl StatsTally {
    /// No file yet.
    pub fn new() -> Self {
        StatsTally::default()
    }

    /// Counts one more file, with its record if it parsed.
    pub fn add(&mut self, record: Option<&Record>) {
        let stats = &mut self.stats;
        stats.files += 1;
        let Some(r) = record else { return };
        stats.records += 1;
        *stats.by_type.entry(r.record_type.to_string()).or_default() += 1;
        *stats.by_category.entry(r.category.clone()).or_default() += 1;
        let month = r
            .published_date_time
            .naive_utc()
            .format("%Y-%m")
            .to_string();
        *stats.by_month.entry(month).or_default() += 1;
        count(&mut self.providers, &r.provider.domain);
        for topic in &r.topics {
            self.topics
                .entry(topic.to_lowercase())
                .or_insert_with(|| (topic.clone(), 0))
                .1 += 1;
        }
        self.qualities.extend(r.quality);
        match r.heat {
            Some(Heat::Ranked(heat)) => self.heats.push(heat),
            Some(Heat::NotRanked) => stats.not_ranked += 1,
            None => {}
        }
        stats.published += usize::from(r.published == Some(true));
        stats.without_scores +=
            usize::from(r.quality.is_none() && r.heat.is_none() && r.published.is_none());
        stats.with_amp += usize::from(r.amp_web_url.is_some());
        stats.with_images += usize::from(r.images.as_ref().is_some_and(|i| !i.is_empty()));
        let related = r.related.as_ref().map_or(0, Vec::len);
        stats.with_related += usize::from(related > 0);
        stats.related_entries += related;
    }

    /// The figures, with the most cited articles and largest clusters of `graph`, the
    /// graph of the files added.
    pub fn finish(self, graph: &RelatedGraph) -> CorpusStats {
        let mut stats = self.stats;
        stats.top_providers = top(self.providers, 10);
        stats.top_topics = top(self.topics.into_values().collect(), 10);
        stats.quality = distribution(self.qualities);
        stats.heat = distribution(self.heats);
        stats.most_cited = graph
            .most_cited(10)
            .into_iter()
            .map(|(node, citations)| {
                let node = graph.node(node);
                CitedArticle {
                    title: node.title().to_owned(),
                    url: node.url().map(str::to_owned),
                    in_corpus: node.in_corpus(),
                    citations,
                }
            })
            .collect();
        stats.largest_clusters = graph
            .clusters()
            .into_iter()
            .take(5)
            .map(|cluster| Cluster {
                size: cluster.len(),
                title: graph.node(cluster[0]).title().to_owned(),
            })
            .collect();
        stats
    }
}

/// One more of `name`, allocating only for a name not counted yet.
fn count(counts: &mut HashMap<String, usize>, name: &str) {
    match counts.get_mut(name) {
        Some(count) => *count += 1,
        None => {
            counts.insert(name.to_owned(), 1);
        }
    }
}

/// The `n` largest counts, largest first, ties by name.
fn top(counts: HashMap<String, usize>, n: usize) -> Vec<Count> {
    let mut counts: Vec<Count> = counts
        .into_iter()
        .map(|(name, count)| Count { name, count })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    counts.truncate(n);
    counts
}

fn distribution(mut values: Vec<u32>) -> Option<Distribution> {
    values.sort_unstable();
    let (&min, &max) = (values.first()?, values.last()?);
    let sum: u64 = values.iter().map(|&v| u64::from(v)).sum();
    let mean = sum as f64 / values.len() as f64;
    Some(Distribution {
        min,
        median: values[(values.len() - 1) / 2],
        mean: (mean * 100.0).round() / 100.0,
        max,
    })
}
