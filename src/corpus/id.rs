//! `CorpusId`: which loaded corpus a related graph belongs to.

use std::sync::atomic::{AtomicU64, Ordering};

/// The identity of a loaded [`Corpus`](crate::corpus::Corpus), unique in the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct CorpusId(u64);

impl CorpusId {
    pub(crate) fn next() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        CorpusId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}
