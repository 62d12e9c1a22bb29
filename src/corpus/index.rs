//! What the related graph and the checks across records need of each record, and nothing
//! more: its identities, title, date, provider and quality, and for each related entry the
//! identities it cites and the fields it copies. Text is interned (a corpus repeats the same
//! titles, URLs and providers in every copy), so a record costs a few hundred bytes, not the
//! kilobytes of its document; a corpus can be checked without keeping its documents.
//!
//! One algorithm resolves citations for everything: [`RelatedGraph`]s are built from an
//! index, and the checks across records run on one.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use indexmap::IndexSet;

use crate::corpus::graph::{Duplicate, Node, NodeId, RelatedGraph};
use crate::model::{timestamp, ArticleKey, HttpUrl, Record, RecordType, Related};
use crate::report::{Code, Diagnostic, FieldPath};

type Set<T> = IndexSet<T, foldhash::fast::RandomState>;

/// An interned identity or text: its index in the set that holds it.
type Id = u32;

/// The fields of a record that a related entry copies, and that the copy must agree on.
#[derive(Debug, Clone, Copy)]
struct Copied {
    title: Id,
    date: DateTime<FixedOffset>,
    provider_name: Id,
    provider_domain: Id,
    quality: Option<u32>,
}

#[derive(Debug)]
struct IndexedRecord {
    /// The index the caller gave it (a file of a corpus).
    file: usize,
    /// Its node's identity: the first of `keys`, or its video key.
    key: Id,
    url: Option<Id>,
    record_type: RecordType,
    copied: Copied,
    /// Its related entries: `entries[first_entry..]`, up to the next record's.
    first_entry: u32,
}

#[derive(Debug)]
struct IndexedEntry {
    /// The identities it cites, in the order tried (1 to 3 of them).
    keys: [Id; 3],
    key_count: u8,
    url: Option<Id>,
    record_type: RecordType,
    copied: Copied,
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
    /// The node each identity belongs to, once every entry is resolved.
    owners: Vec<Option<NodeId>>,
}

fn node_id(index: usize) -> NodeId {
    // A graph of more than 4 billion nodes would not fit in memory long before this.
    NodeId::new(u32::try_from(index).unwrap_or(u32::MAX))
}

fn small(index: usize) -> Id {
    u32::try_from(index).unwrap_or(u32::MAX)
}

impl CorpusIndex {
    pub(crate) fn new() -> Self {
        CorpusIndex::default()
    }

    /// Builds the index of `records`, each with the index its node will give back.
    pub(crate) fn of<'a>(records: impl IntoIterator<Item = (usize, &'a Record)>) -> Self {
        let mut index = CorpusIndex::new();
        for (file, record) in records {
            index.add(file, record);
        }
        index
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

    /// Interns the key in `self.buffer`.
    fn buffered_key(&mut self) -> Id {
        if let Some(id) = self.keys.get_index_of(self.buffer.as_str()) {
            return small(id);
        }
        let (id, _) = self
            .keys
            .insert_full(ArticleKey::from_written(&self.buffer));
        self.owners.push(None);
        small(id)
    }

    fn url_key(&mut self, url: &HttpUrl) -> Id {
        ArticleKey::write_url(url.as_url(), &mut self.buffer);
        self.buffered_key()
    }

    fn video_key(&mut self, provider: &str, title: &str) -> Id {
        ArticleKey::write_video(provider, title, &mut self.buffer);
        self.buffered_key()
    }

    /// Adds a record: the next node. Its identities are claimed now, in order, and an
    /// identity another record claimed first makes it a duplicate of that one.
    pub(crate) fn add(&mut self, file: usize, record: &Record) {
        let node = node_id(self.records.len());
        let urls = [
            ("webUrl", &record.web_url),
            ("originalUrl", &record.original_url),
            ("ampWebUrl", &record.amp_web_url),
            ("cdnAmpWebUrl", &record.cdn_amp_web_url),
        ];
        let mut keys: Vec<(Id, &'static str)> = Vec::with_capacity(5);
        for (field, url) in urls {
            if let Some(url) = url {
                keys.push((self.url_key(url), field));
            }
        }
        if record.record_type == RecordType::Video {
            keys.push((
                self.video_key(&record.provider.name, &record.title),
                "title",
            ));
        }
        let key = match keys.first() {
            Some(&(key, _)) => key,
            None => self.video_key(&record.provider.name, &record.title),
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
        let url = record.web_url.as_ref().or(record.original_url.as_ref());
        let indexed = IndexedRecord {
            file,
            key,
            url: url.map(|url| self.text(url.as_str())),
            record_type: record.record_type,
            copied: Copied {
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
        let urls = [
            related.web_url.as_url(),
            related.amp_web_url.as_ref(),
            related.cdn_amp_web_url.as_ref(),
        ];
        for url in urls.into_iter().flatten() {
            keys[key_count] = self.url_key(url);
            key_count += 1;
        }
        if key_count == 0 {
            keys[0] = self.video_key(&related.provider.name, &related.title);
            key_count = 1;
        }
        IndexedEntry {
            keys,
            key_count: key_count as u8,
            url: related.web_url.as_url().map(|url| self.text(url.as_str())),
            record_type: related.record_type,
            copied: Copied {
                title: self.text(&related.title),
                date: related.published_date_time,
                provider_name: self.text(&related.provider.name),
                provider_domain: self.text(&related.provider.domain),
                quality: Some(related.quality),
            },
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
        let mut same_article: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        for duplicate in &self.duplicates {
            same_article
                .entry(duplicate.first)
                .or_default()
                .push(duplicate.second);
        }
        let mut targets = Vec::with_capacity(self.entries.len());
        let mut externals: Vec<u32> = Vec::new();
        for (at, entry) in self.entries.iter().enumerate() {
            let known = entry.keys().iter().find_map(|&key| owners[key as usize]);
            let target = match known {
                Some(first) => same_article
                    .get(&first)
                    .into_iter()
                    .flatten()
                    .copied()
                    .find(|&other| self.records[other.index()].copied.title == entry.copied.title)
                    .unwrap_or(first),
                None => {
                    let target = node_id(self.records.len() + externals.len());
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

    /// The graph: one node per record, then per external article; one edge per entry.
    pub(crate) fn into_graph(self, resolution: Resolution) -> RelatedGraph {
        let text = |id: Option<Id>| id.map(|id| Box::from(self.text_of(id)));
        let mut nodes: Vec<Node> = Vec::with_capacity(self.records.len());
        for record in &self.records {
            nodes.push(Node::new(
                self.key(record.key).clone(),
                text(record.url),
                self.text_of(record.copied.title).into(),
                record.record_type,
                Some(record.file),
            ));
        }
        for &first in &resolution.externals {
            let entry = &self.entries[first as usize];
            nodes.push(Node::new(
                self.key(entry.keys[0]).clone(),
                text(entry.url),
                self.text_of(entry.copied.title).into(),
                entry.record_type,
                None,
            ));
        }
        let mut edges = Vec::with_capacity(self.entries.len());
        for (source, _) in self.records.iter().enumerate() {
            for (entry, at) in self.entries_of(source).enumerate() {
                edges.push((
                    node_id(source),
                    resolution.targets[at],
                    u32::try_from(entry).unwrap_or(u32::MAX),
                ));
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
        let keys = resolution
            .owners
            .iter()
            .enumerate()
            .filter_map(|(id, owner)| Some((self.keys[id].clone(), (*owner)?)))
            .collect();
        RelatedGraph::from_parts(nodes, keys, &edges, duplicates)
    }

    /// The checks across records, each diagnostic with the `file` of the record it is on:
    ///
    /// - `duplicate-article`, on the later of two records that are one article;
    /// - `related-copy-mismatch`, on a related entry whose copy of the record it cites
    ///   disagrees with it (title, publishedDateTime, provider, quality), with both values.
    ///
    /// `path` gives the path of a record's file, for the messages.
    pub(crate) fn cross_check<'p>(
        &self,
        resolution: &Resolution,
        path: impl Fn(usize) -> &'p Path,
    ) -> Vec<(usize, Diagnostic)> {
        let mut found = Vec::new();
        for duplicate in &self.duplicates {
            let (first, second) = (
                &self.records[duplicate.first.index()],
                &self.records[duplicate.second.index()],
            );
            found.push((
                second.file,
                Diagnostic::new(
                    Code::DuplicateArticle,
                    FieldPath::root().key(duplicate.field),
                    format!(
                        "the same article as `{}` (`{}`)",
                        path(first.file).display(),
                        self.key(duplicate.key)
                    ),
                ),
            ));
        }
        for (source, citing) in self.records.iter().enumerate() {
            for (entry, at) in self.entries_of(source).enumerate() {
                let target = resolution.targets[at].index();
                let Some(cited) = self.records.get(target).filter(|_| target != source) else {
                    continue;
                };
                let at_entry = FieldPath::root().key("related").index(entry);
                let cited_path = path(cited.file).display().to_string();
                for (key, here, there) in self.differences(&self.entries[at].copied, &cited.copied)
                {
                    found.push((
                        citing.file,
                        Diagnostic::new(
                            Code::RelatedCopyMismatch,
                            at_entry.clone().key(key),
                            format!("differs from the cited record `{cited_path}`: `{here}` here, `{there}` there"),
                        ),
                    ));
                }
            }
        }
        found
    }

    /// The fields where a related entry's copy differs from the record it cites, in the
    /// order of the record's keys, each with both values.
    fn differences(&self, copy: &Copied, record: &Copied) -> Vec<(&'static str, String, String)> {
        let text = |key, here: Id, there: Id| {
            (here != there).then(|| (key, self.text_of(here).into(), self.text_of(there).into()))
        };
        let date = (copy.date != record.date).then(|| {
            (
                "publishedDateTime",
                timestamp::format(&copy.date),
                timestamp::format(&record.date),
            )
        });
        let quality = match (copy.quality, record.quality) {
            (Some(copied), Some(quality)) if copied != quality => {
                Some(("quality", copied.to_string(), quality.to_string()))
            }
            _ => None,
        };
        [
            text("title", copy.title, record.title),
            date,
            text("provider.name", copy.provider_name, record.provider_name),
            text(
                "provider.domain",
                copy.provider_domain,
                record.provider_domain,
            ),
            quality,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
