//! Reading a record file: the envelope ([`split_front_matter`]), the input limits, and the
//! two readers that build the model. The entry points are
//! [`ParseOptions`](crate::ParseOptions) (at the crate's root) and `Document::from_str`;
//! this module holds what they give back ([`Parsed`]) and how to choose a reader.
//!
//! ```
//! use newsmatter::read::{split_front_matter, DeclineReason, Reader};
//! use newsmatter::ParseOptions;
//!
//! let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?;
//! let front = split_front_matter(&text)?;
//! assert!(front.yaml.starts_with("category: "));
//!
//! // The fast reader reads what producers write, and records where every value is.
//! let parsed = ParseOptions::new().parse_str(&text)?;
//! assert_eq!(parsed.declined, None);
//!
//! // At YAML outside that subset it declines, and the general reader decides.
//! let flow = text.replace("topics:\n  - Solar Power\n  - Reservoirs\n", "topics: [Solar Power, Reservoirs]\n");
//! let parsed = ParseOptions::new().parse_str(&flow)?;
//! assert_eq!(parsed.declined.map(|d| d.reason()), Some(DeclineReason::FlowCollection));
//! assert_eq!(parsed.document, ParseOptions::new().reader(Reader::General).parse_str(&text)?.document);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// | file or folder | what it holds |
// |---|---|
// | `options.rs` | `ParseOptions`: reading a file, choosing a reader, the entry points |
// | `open.rs` | opening a record file: a regular file, without waiting, never out of the paths given |
// | `all.rs`, `suggest.rs` | every problem of a file at once: the fast reader's recovery put together with the general reader's first error; what to write instead |
// | `split.rs`, `limits.rs` | the envelope; the input's limits, checked before any YAML is read |
// | `fast/` | the fast reader: the producers' YAML, line by line, positions recorded as it goes; it declines the rest |
// | `general/` | the general reader: serde_yaml and strict visitors, for any YAML |
// | `fields.rs`, `context.rs`, `text.rs` | what both readers share: the key table, the parse's context and errors, text made values |
// | `spans.rs`, `outline.rs`, `positions.rs`, `source_map.rs` | where values are: recorded by the fast reader, found in one pass over the YAML's events for the general one; `SourceMap`, the public way to ask |
// | `plain.rs`, `redact.rs` | how YAML resolves a plain scalar; lines shown with the `secured` payload redacted |

mod all;
mod context;
mod fast;
mod fields;
mod general;
mod limits;
pub(crate) mod open;
pub(crate) mod options;
pub(crate) mod outline;
pub(crate) mod plain;
pub(crate) mod positions;
pub(crate) mod redact;
mod schema;
mod source_map;
mod spans;
pub(crate) mod split;
pub(crate) mod suggest;
mod text;

pub(crate) use all::Attempt;
pub use fast::decline::{DeclineReason, Declined};
pub(crate) use open::Reach;
pub use options::{Parsed, Reader, DEFAULT_MAX_SIZE};
pub use schema::{json_schema, JsonSchema};
pub use source_map::SourceMap;
pub use split::{split_front_matter, FrontMatter};
