//! What the checks across records need of each record, and nothing more: its identities,
//! title, date, provider and quality, and for each related entry the identities it cites and
//! the fields it copies. Text is interned (a corpus repeats the same titles and providers in
//! every copy), so a record costs a few hundred bytes, not the kilobytes of its document: a
//! scan checks a corpus without keeping its documents.
//!
//! It is the one resolver of citations: [`CorpusIndex::resolve`] says which article each
//! related entry cites, for the checks across records, for a scan's graph, and for
//! [`RelatedGraph::from_records`] (built here, on it), so that every graph is resolved by
//! the same rule.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use indexmap::IndexSet;

use crate::corpus::graph::{id, Duplicate, KeyMap, Node, NodeId, RelatedGraph};
use crate::corpus::rules::{copy_mismatches, duplicate_article, Copied, Quotes};
use crate::model::{ArticleKey, HttpUrl, Identity, Record, RecordType, Related};
use crate::report::Diagnostic;

type Set<T> = IndexSet<T, foldhash::fast::RandomState>;

/// An interned identity or text: its index in the set that holds it.
type Id = u32;

/// A page's URL as written, kept for the graph's nodes: most are `https://` (or `http://`)
/// and their identity, which the index holds already; the others are interned text.
#[derive(Debug, Clone, Copy)]
enum Page {
    None,
    Https(Id),
    Http(Id),
    Text(Id),
}

/// The fields of a record that a related entry copies, and that the copy must agree on,
/// interned.
#[derive(Debug, Clone, Copy)]
struct Interned {
    title: Id,
    date: DateTime<FixedOffset>,
    provider_name: Id,
    provider_domain: Id,
    quality: Option<u32>,
}

impl Interned {
    /// Whether a related entry's copy agrees with the record it cites on every field that
    /// [`copy_mismatches`] compares, told by the ids (one text, one id) without reading the
    /// texts: most copies agree.
    fn agrees_with(&self, record: &Interned) -> bool {
        self.title == record.title
            && self.date == record.date
            && self.provider_name == record.provider_name
            && self.provider_domain == record.provider_domain
            && match (self.quality, record.quality) {
                (Some(copied), Some(quality)) => copied == quality,
                _ => true,
            }
    }
}

#[derive(Debug)]
struct IndexedRecord {
    /// The index the caller gave it (a file of a corpus).
    file: usize,
    /// Its node's identity: the first of `keys`, or its video key.
    key: Id,
    /// Its page as the graph gives it (`webUrl`, else `originalUrl`).
    url: Page,
    record_type: RecordType,
    copied: Interned,
    /// Its related entries: `entries[first_entry..]`, up to the next record's.
    first_entry: u32,
}

#[derive(Debug)]
struct IndexedEntry {
    /// The identities it cites, in the order tried (1 to 3 of them).
    keys: [Id; 3],
    key_count: u8,
    record_type: RecordType,
    /// Its `webUrl` as written (an external article's node gives it).
    url: Page,
    copied: Interned,
}

impl IndexedEntry {
    fn keys(&self) -> &[Id] {
        &self.keys[..usize::from(self.key_count)]
    }
}

/// Two records of one article, as interned ids.
#[derive(Debug, Clone, Copy)]
struct IndexedDuplicate {
    first: NodeId,
    second: NodeId,
    key: Id,
    field: &'static str,
}

/// The records of a corpus as the graph and the checks across records see them, added in
/// order.
#[derive(Debug, Default)]
pub(crate) struct CorpusIndex {
    keys: Set<ArticleKey>,
    /// The node each identity belongs to, by key id, as records claim them.
    owners: Vec<Option<NodeId>>,
    texts: Set<Box<str>>,
    records: Vec<IndexedRecord>,
    entries: Vec<IndexedEntry>,
    duplicates: Vec<IndexedDuplicate>,
    /// Where keys are written to be looked up, so that only new ones allocate.
    buffer: String,
}

/// Where every related entry of an index points: records are nodes `0..records`, then the
/// articles known only from related entries, as first cited.
#[derive(Debug)]
pub(crate) struct Resolution {
    /// The cited node of each entry, in entry order.
    targets: Vec<NodeId>,
    /// The entry that first cited each external node.
    externals: Vec<u32>,
    /// The node each identity belongs to once every entry is resolved, by key id.
    owners: Vec<Option<NodeId>>,
}

fn small(index: usize) -> Id {
    u32::try_from(index).unwrap_or(u32::MAX)
}

impl CorpusIndex {
    pub(crate) fn new() -> Self {
        CorpusIndex::default()
    }

    /// How many records.
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }

    fn text(&mut self, text: &str) -> Id {
        match self.texts.get_index_of(text) {
            Some(id) => small(id),
            None => small(self.texts.insert_full(text.into()).0),
        }
    }

    /// Interns the key `key`.
    fn key_id(&mut self, key: &str) -> Id {
        if let Some(id) = self.keys.get_index_of(key) {
            return small(id);
        }
        let (id, _) = self.keys.insert_full(ArticleKey::from_written(key));
        self.owners.push(None);
        small(id)
    }

    fn identity_key(&mut self, identity: Identity<'_>) -> Id {
        let mut buffer = std::mem::take(&mut self.buffer);
        let id = self.key_id(identity.key_text(&mut buffer));
        self.buffer = buffer;
        id
    }

    /// Adds a record: the next node. Its identities are claimed now, in order, and an
    /// identity another record claimed first makes it a duplicate of that one.
    pub(crate) fn add(&mut self, file: usize, record: &Record) {
        let node = id(self.records.len());
        let mut keys: Vec<(Id, &'static str)> = Vec::with_capacity(5);
        for (field, identity) in record.identities() {
            keys.push((self.identity_key(identity), field));
        }
        let key = match keys.first() {
            Some(&(key, _)) => key,
            None => self.identity_key(Identity::Video {
                provider: &record.provider.name,
                title: &record.title,
            }),
        };
        for &(key, field) in &keys {
            match self.owners[key as usize] {
                None => self.owners[key as usize] = Some(node),
                Some(owner) if owner != node => {
                    // This record's duplicates are the last ones pushed.
                    let already = self
                        .duplicates
                        .iter()
                        .rev()
                        .take_while(|d| d.second == node)
                        .any(|d| d.first == owner);
                    if !already {
                        self.duplicates.push(IndexedDuplicate {
                            first: owner,
                            second: node,
                            key,
                            field,
                        });
                    }
                }
                Some(_) => {}
            }
        }
        let page = match (&record.web_url, &record.original_url) {
            (Some(url), _) | (None, Some(url)) => {
                let field = if record.web_url.is_some() {
                    "webUrl"
                } else {
                    "originalUrl"
                };
                let key = keys.iter().find(|(_, f)| *f == field).map(|&(key, _)| key);
                key.map_or(Page::None, |key| self.page(url, key))
            }
            (None, None) => Page::None,
        };
        let indexed = IndexedRecord {
            file,
            key,
            url: page,
            record_type: record.record_type,
            copied: Interned {
                title: self.text(&record.title),
                date: record.published_date_time,
                provider_name: self.text(&record.provider.name),
                provider_domain: self.text(&record.provider.domain),
                quality: record.quality,
            },
            first_entry: small(self.entries.len()),
        };
        self.records.push(indexed);
        for related in record.related.iter().flatten() {
            let entry = self.entry(related);
            self.entries.push(entry);
        }
    }

    fn entry(&mut self, related: &Related) -> IndexedEntry {
        let mut keys = [0; 3];
        let mut key_count = 0;
        // At most three: its `webUrl`, `ampWebUrl` and `cdnAmpWebUrl`.
        for (slot, identity) in keys.iter_mut().zip(related.cited_identities()) {
            *slot = self.identity_key(identity);
            key_count += 1;
        }
        IndexedEntry {
            keys,
            key_count: key_count as u8,
            record_type: related.record_type,
            url: match related.web_url.as_url() {
                // Its first identity is its `webUrl`'s.
                Some(url) => self.page(url, keys[0]),
                None => Page::None,
            },
            copied: Interned {
                title: self.text(&related.title),
                date: related.published_date_time,
                provider_name: self.text(&related.provider.name),
                provider_domain: self.text(&related.provider.domain),
                quality: Some(related.quality),
            },
        }
    }

    /// How the URL `url`, whose identity is `key`, is kept.
    fn page(&mut self, url: &HttpUrl, key: Id) -> Page {
        let text = url.as_str();
        let identity = self.keys[key as usize].as_str();
        if text.strip_prefix("https://") == Some(identity) {
            Page::Https(key)
        } else if text.strip_prefix("http://") == Some(identity) {
            Page::Http(key)
        } else {
            Page::Text(self.text(text))
        }
    }

    /// The URL as written of a page.
    fn page_text(&self, page: Page) -> Option<Box<str>> {
        match page {
            Page::None => None,
            Page::Https(key) => Some(format!("https://{}", self.key(key).as_str()).into()),
            Page::Http(key) => Some(format!("http://{}", self.key(key).as_str()).into()),
            Page::Text(text) => Some(self.text_of(text).into()),
        }
    }

    /// The entries of record `record`.
    fn entries_of(&self, record: usize) -> std::ops::Range<usize> {
        let start = self.records[record].first_entry as usize;
        let end = self
            .records
            .get(record + 1)
            .map_or(self.entries.len(), |next| next.first_entry as usize);
        start..end
    }

    /// Resolves every related entry: to the first record or earlier external article that
    /// holds one of the identities it cites, in the order tried; among records that are one
    /// article, to the one with the cited title if any, else the first; otherwise to a new
    /// external article, which claims the identities nobody holds.
    pub(crate) fn resolve(&self) -> Resolution {
        let mut owners = self.owners.clone();
        // Among the records that are one article, the first with each title: found once,
        // not by going through them for every entry (thousands of copies of one article,
        // each cited, cost the square of their number).
        let mut same_article: HashMap<(NodeId, Id), NodeId> = HashMap::new();
        for duplicate in &self.duplicates {
            let title = self.records[duplicate.second.index()].copied.title;
            same_article
                .entry((duplicate.first, title))
                .or_insert(duplicate.second);
        }
        let mut targets = Vec::with_capacity(self.entries.len());
        let mut externals: Vec<u32> = Vec::new();
        for (at, entry) in self.entries.iter().enumerate() {
            let known = entry.keys().iter().find_map(|&key| owners[key as usize]);
            let target = match known {
                Some(first) => same_article
                    .get(&(first, entry.copied.title))
                    .copied()
                    .unwrap_or(first),
                None => {
                    let target = id(self.records.len() + externals.len());
                    externals.push(small(at));
                    for &key in entry.keys() {
                        owners[key as usize].get_or_insert(target);
                    }
                    target
                }
            };
            targets.push(target);
        }
        Resolution {
            targets,
            externals,
            owners,
        }
    }

    /// The related graph of the records indexed, each record's node with the path `path`
    /// gives for its file, if any.
    pub(crate) fn graph(
        &self,
        resolution: &Resolution,
        path: impl Fn(usize) -> Option<Box<Path>>,
    ) -> RelatedGraph {
        let records = self.records.iter().map(|record| {
            Node::new(
                self.key(record.key).clone(),
                self.page_text(record.url),
                self.text_of(record.copied.title).into(),
                record.record_type,
                Some(record.file),
                path(record.file),
            )
        });
        let externals = resolution.externals.iter().map(|&at| {
            let entry = &self.entries[at as usize];
            Node::new(
                self.key(entry.keys[0]).clone(),
                self.page_text(entry.url),
                self.text_of(entry.copied.title).into(),
                entry.record_type,
                None,
                None,
            )
        });
        let nodes: Vec<Node> = records.chain(externals).collect();
        let keys: KeyMap = resolution
            .owners
            .iter()
            .enumerate()
            .filter_map(|(key, owner)| Some((self.keys[key].clone(), (*owner)?)))
            .collect();
        let mut edges = Vec::with_capacity(self.entries.len());
        for source in 0..self.records.len() {
            for (entry, at) in self.entries_of(source).enumerate() {
                edges.push((id(source), resolution.targets[at], small(entry)));
            }
        }
        let duplicates = self
            .duplicates
            .iter()
            .map(|d| Duplicate {
                first: d.first,
                second: d.second,
                key: self.key(d.key).clone(),
                field: d.field,
            })
            .collect();
        RelatedGraph::from_parts(nodes, keys, &edges, duplicates)
    }

    /// The node of record `record`'s entry `entry` points at, with that node's identity and,
    /// for a record, its file; `None` when there is no such entry.
    pub(crate) fn cited(
        &self,
        resolution: &Resolution,
        record: usize,
        entry: usize,
    ) -> Option<(&ArticleKey, Option<usize>)> {
        let at = self.entries_of(record).nth(entry)?;
        let target = resolution.targets[at].index();
        Some(match self.records.get(target) {
            Some(cited) => (self.key(cited.key), Some(cited.file)),
            None => {
                let first = resolution.externals[target - self.records.len()] as usize;
                (self.key(self.entries[first].keys[0]), None)
            }
        })
    }

    fn key(&self, id: Id) -> &ArticleKey {
        &self.keys[id as usize]
    }

    fn text_of(&self, id: Id) -> &str {
        &self.texts[id as usize]
    }

    /// The checks across records, each diagnostic with the `file` of the record it is on
    /// (as [`Corpus::cross_check`](crate::Corpus::cross_check) makes them); `path` gives the
    /// path of a record's file, for the messages.
    pub(crate) fn cross_check<'p>(
        &self,
        resolution: &Resolution,
        path: impl Fn(usize) -> &'p Path,
    ) -> Vec<(usize, Diagnostic)> {
        let mut found = Vec::new();
        for duplicate in &self.duplicates {
            let first = &self.records[duplicate.first.index()];
            let second = &self.records[duplicate.second.index()];
            let diagnostic =
                duplicate_article(duplicate.field, path(first.file), self.key(duplicate.key));
            found.push((second.file, diagnostic));
        }
        let mut quotes = Quotes::default();
        for (source, citing) in self.records.iter().enumerate() {
            for (entry, at) in self.entries_of(source).enumerate() {
                let target = resolution.targets[at].index();
                let Some(cited) = self.records.get(target).filter(|_| target != source) else {
                    continue;
                };
                if self.entries[at].copied.agrees_with(&cited.copied) {
                    continue;
                }
                let copy = self.copied(&self.entries[at].copied);
                let record = self.copied(&cited.copied);
                let mismatches = copy_mismatches(
                    entry,
                    &copy,
                    (target, &record),
                    &mut quotes,
                    path(cited.file),
                );
                found.extend(mismatches.into_iter().map(|d| (citing.file, d)));
            }
        }
        found
    }

    /// The interned fields as text.
    fn copied<'s>(&'s self, copied: &'s Interned) -> Copied<'s> {
        Copied {
            title: self.text_of(copied.title),
            date: &copied.date,
            provider_name: self.text_of(copied.provider_name),
            provider_domain: self.text_of(copied.provider_domain),
            quality: copied.quality,
        }
    }
}

impl RelatedGraph {
    /// Builds the graph of records held in memory, each with the index that
    /// [`Node::file`] will give back for it. Such a graph belongs to no [`Corpus`](crate::corpus::Corpus).
    pub fn from_records<'a>(records: impl IntoIterator<Item = (usize, &'a Record)>) -> Self {
        // One resolver for every graph: the corpus index's, which a scan uses too.
        let mut index = CorpusIndex::new();
        for (file, record) in records {
            index.add(file, record);
        }
        let resolution = index.resolve();
        index.graph(&resolution, |_| None)
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::model::Document;
    use crate::report::Code;

    /// The least time of three to index and resolve `copies` records that are one article
    /// (the same `webUrl`), each citing that article under another title.
    fn resolve_time(copies: usize) -> Duration {
        let text = include_str!("../../tests/fixtures/valid/article.md").replace(
            "https://energy.example.net/2023/06/floating-panels-lessons/",
            "https://www.example.com/energy/harbor-city-floating-solar",
        );
        let record = text.parse::<Document>().unwrap().record;
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let start = Instant::now();
            let mut index = CorpusIndex::new();
            for file in 0..copies {
                index.add(file, &record);
            }
            let resolution = index.resolve();
            assert_eq!(resolution.targets[0], id(0));
            best = best.min(start.elapsed());
        }
        best
    }

    /// The fields of `related-copy-mismatch` that the copy of the article in another
    /// record's related list gets wrong, one field changed at a time.
    fn mismatched(change: impl Fn(&mut Related), quality: Option<u32>) -> Vec<String> {
        let text = include_str!("../../tests/fixtures/valid/article.md");
        let mut cited = text.parse::<Document>().unwrap().record;
        cited.quality = quality;
        let mut copy = Related::from(&cited);
        change(&mut copy);
        let mut citing = cited.clone();
        citing.web_url = Some(HttpUrl::parse("https://news.example.org/citing").unwrap());
        (
            citing.original_url,
            citing.amp_web_url,
            citing.cdn_amp_web_url,
        ) = (None, None, None);
        citing.related = Some(vec![copy]);
        let mut index = CorpusIndex::new();
        index.add(0, &cited);
        index.add(1, &citing);
        let resolution = index.resolve();
        index
            .cross_check(&resolution, |_| Path::new("cited.md"))
            .into_iter()
            .map(|(file, diagnostic)| {
                assert_eq!((file, diagnostic.code()), (1, Code::RelatedCopyMismatch));
                diagnostic.path().to_string()
            })
            .collect()
    }

    /// A copy that agrees is let be, whatever its ids; each field it gets wrong is said.
    #[test]
    fn each_field_a_copy_gets_wrong_is_said() {
        assert!(mismatched(|_| {}, Some(61)).is_empty());
        type Change = fn(&mut Related);
        let cases: [(&str, Change); 5] = [
            ("related[0].title", |copy| copy.title.push('!')),
            ("related[0].publishedDateTime", |copy| {
                copy.published_date_time = "2001-02-03T04:05:06Z".parse().unwrap();
            }),
            ("related[0].provider.name", |copy| {
                copy.provider.name.push('!')
            }),
            ("related[0].provider.domain", |copy| {
                copy.provider.domain = "example.org".into();
            }),
            ("related[0].quality", |copy| copy.quality += 1),
        ];
        for (path, change) in cases {
            assert_eq!(mismatched(change, Some(61)), [path]);
        }
        // The same instant written at another offset is the same date.
        let offset = FixedOffset::east_opt(2 * 3600).unwrap();
        let same = |copy: &mut Related| {
            copy.published_date_time = copy.published_date_time.with_timezone(&offset);
        };
        assert!(mismatched(same, Some(61)).is_empty());
        // A record without `quality` has none for the copy's to differ from.
        assert!(mismatched(|copy| copy.quality += 1, None).is_empty());
    }

    /// Citations of an article that many records are copies of are resolved in time in
    /// proportion to their number: the copy with the cited title is looked up, not searched
    /// for among all the copies for each citation.
    #[test]
    fn resolving_citations_of_many_copies_costs_in_proportion() {
        let (small, large) = (resolve_time(1_000), resolve_time(16_000));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        assert!(
            ratio < 16.0 * 4.0,
            "16 times the copies took {ratio:.0} times as long ({small:?}, {large:?})"
        );
    }
}
