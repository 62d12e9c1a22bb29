//! Writing records back: the canonical rendering ([`Document`](crate::Document)'s
//! `Display`) and rewriting files into it ([`format_file`]).

mod format;
mod render;

pub(crate) use format::format_path;
pub use format::{format_file, remove_stale_temporaries, FormatOutcome, Kept, TEMPORARY_SUFFIX};
