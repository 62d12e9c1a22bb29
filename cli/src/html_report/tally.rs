//! What the report counts as the scan hands each file over: the figures `stats` prints
//! ([`StatsTally`]), plus what only a picture needs (records by month and type, every score
//! for the histograms). A few numbers a record; nothing of the documents is kept.

use std::collections::BTreeMap;

use newsmatter::chrono::Datelike;
use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::corpus::stats::{CorpusStats, StatsTally};
use newsmatter::{Heat, Record, RecordType};

/// The record types, in the order the charts show them.
pub const TYPES: [RecordType; 2] = [RecordType::Article, RecordType::Video];

/// The figures gathered a file at a time.
#[derive(Default)]
pub struct Tally {
    stats: StatsTally,
    /// Records by month (`year * 12 + month - 1`, in UTC) and type (in [`TYPES`] order).
    months: BTreeMap<i64, [usize; 2]>,
    quality: Vec<u32>,
    heat: Vec<u32>,
}

/// What the report draws, once every file is counted.
pub struct Figures {
    /// What `stats` prints.
    pub stats: CorpusStats,
    /// Records by month and type.
    pub months: BTreeMap<i64, [usize; 2]>,
    /// Every `quality`.
    pub quality: Vec<u32>,
    /// Every ranked `heat` (not `-1`).
    pub heat: Vec<u32>,
}

impl Tally {
    /// Counts one more file, with its record if it parsed.
    pub fn add(&mut self, record: Option<&Record>) {
        self.stats.add(record);
        let Some(record) = record else { return };
        let at = record.published_date_time.naive_utc();
        let month = i64::from(at.year()) * 12 + i64::from(at.month0());
        let kind = TYPES
            .iter()
            .position(|&t| t == record.record_type)
            .unwrap_or(0);
        self.months.entry(month).or_default()[kind] += 1;
        self.quality.extend(record.quality);
        if let Some(Heat::Ranked(heat)) = record.heat {
            self.heat.push(heat);
        }
    }

    /// The figures, with the most cited articles and largest clusters of `graph`.
    pub fn finish(self, graph: &RelatedGraph) -> Figures {
        Figures {
            stats: self.stats.finish(graph),
            months: self.months,
            quality: self.quality,
            heat: self.heat,
        }
    }
}
