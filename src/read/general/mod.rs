//! The general reader: serde_yaml, with hand-written visitors that are strict about YAML
//! types (`visitors.rs`), run by `engine.rs`; it reads any YAML, and decides wherever the
//! fast reader declines. `reparse.rs` finds a value's position where it must parse again.

pub(crate) mod engine;
pub(crate) mod reparse;
mod serde;
pub(crate) mod visitors;
