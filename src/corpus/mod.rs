//! A corpus: many record files loaded and checked together, the graph their related lists
//! form, the checks across records it makes possible, and figures about it.

mod cross_check;
pub(crate) mod export;
mod format;
pub(crate) mod graph;
mod index;
pub(crate) mod load;
mod scan;
mod shard;
pub(crate) mod stats;

pub use graph::RelatedGraph;
pub use load::{Corpus, CorpusFile, CorpusOptions, Links, Progress, Totals, DEFAULT_EXTENSIONS};
pub use scan::{Citation, FileReport, Scan};
pub use shard::{Shard, ShardError};
pub use stats::{CorpusStats, StatsTally};
