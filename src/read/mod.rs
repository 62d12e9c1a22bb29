//! Reading a record file: the envelope ([`split_front_matter`]), the input limits, and the
//! strict YAML deserializer that builds the model, with the options and entry points
//! ([`ParseOptions`], `Document::from_str`).

mod engine;
mod limits;
pub(crate) mod locate;
mod options;
pub(crate) mod plain;
pub(crate) mod split;
mod visitors;

pub use options::{ParseOptions, Parsed, DEFAULT_MAX_SIZE};
pub use split::{split_front_matter, FrontMatter};
