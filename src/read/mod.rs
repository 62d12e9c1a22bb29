//! Reading a record file: the envelope ([`split_front_matter`]), the input limits, the two
//! readers that build the model (the fast one in `fast/`, which records positions in
//! `spans.rs` and declines what it does not read; the general one, serde_yaml with the
//! visitors of `visitors.rs`, run by `engine.rs`), with the options and entry points
//! ([`ParseOptions`], `Document::from_str`).

mod decline;
mod engine;
mod fast;
mod fields;
mod limits;
pub(crate) mod locate;
mod options;
pub(crate) mod outline;
pub(crate) mod plain;
pub(crate) mod redact;
mod reparse;
mod spans;
pub(crate) mod split;
mod visitors;

pub use decline::{DeclineReason, Declined};
pub(crate) use options::Reach;
pub use options::{ParseOptions, Parsed, Reader, DEFAULT_MAX_SIZE};
pub use split::{split_front_matter, FrontMatter};
