//! A corpus: many record files read and checked together, the graph their related lists
//! form ([`graph`]), the checks across records it makes possible, and figures about it
//! ([`stats`]). The entry point is [`CorpusOptions`](crate::CorpusOptions) (at the crate's
//! root): [`load`](crate::CorpusOptions::load) keeps every file's document ([`Corpus`]),
//! [`scan`](crate::CorpusOptions::scan) hands each file over and keeps only what the checks
//! across records need ([`Scan`]), in bounded memory; [`Shard`]s cut a corpus for separate
//! machines.
//!
//! ```
//! use std::convert::Infallible;
//! use std::ops::ControlFlow;
//! use newsmatter::corpus::stats::StatsTally;
//! use newsmatter::CorpusOptions;
//!
//! let mut tally = StatsTally::new();
//! let mut reported = Vec::new();
//! let scan = CorpusOptions::new().scan(["tests/fixtures/corpus"], &|_| {}, |_, file| {
//!     tally.add(file.document().map(|doc| &doc.record));
//!     reported.push((file.path().to_owned(), file.report().len()));
//!     ControlFlow::<Infallible>::Continue(())
//! });
//! let ControlFlow::Continue(scan) = scan;
//! let stats = tally.finish(&scan.graph());
//! assert_eq!((reported.len(), stats.records), (6, 6));
//! assert_eq!(scan.totals().warnings, 3);
//! ```

mod cross_check;
mod format;
pub mod graph;
mod id;
mod index;
pub(crate) mod load;
mod rules;
mod scan;
mod shard;
pub mod stats;

pub use load::{Corpus, CorpusFile, Links, Progress, Totals, DEFAULT_EXTENSIONS};
pub use scan::{Citation, FileReport, Scan};
pub use shard::{Shard, ShardError};
