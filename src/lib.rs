//! Reads, checks and writes news records: Markdown files whose YAML front matter describes one
//! news article or video (title, excerpt, dates, URLs and their AMP variants, provider,
//! images, scores, an opaque sealed `secured` payload, and related articles).
//!
//! Parsing is strict: an unknown key, a duplicate key, a value of the wrong YAML type, `null`
//! on any key, a relative or `javascript:` URL, an impossible date or a malformed `secured`
//! envelope is an [`Error`] that names the field path and the line and column in the file.
//! Rendering writes the record back in the producer's layout, and parsing the rendering gives
//! an equal [`Document`].
//!
//! ```
//! use newsmatter::{Document, Heat, RecordType};
//!
//! let text = r#"---
//! category: news
//! title: "Lakeside town votes on a new library"
//! excerpt: "The council meets on Thursday."
//! publishedDateTime: 2024-03-05T09:30:00Z
//! webUrl: "https://news.example.com/2024/03/library-vote"
//! type: article
//! quality: 42
//! heat: -1
//! published: false
//!
//! provider:
//!   name: Example News
//!   domain: example.com
//!
//! topics:
//!   - Libraries
//!
//! secured: "AAAAAAAAAAAAAAAAAAAAAA==;AAECAwQFBgcICQoLDA0ODw=="
//! ---
//! "#;
//!
//! let doc: Document = text.parse()?;
//! let record = &doc.record;
//! assert_eq!(record.record_type, RecordType::Article);
//! assert_eq!(record.heat, Some(Heat::NotRanked));
//! assert_eq!(record.web_url.as_ref().unwrap().as_url().host_str(), Some("news.example.com"));
//! assert_eq!(format!("{:?}", record.secured), "Secured(<redacted>)");
//! assert_eq!(doc.to_string(), text);
//!
//! let err = text.replace("quality: 42", "quality: \"42\"").parse::<Document>().unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "line 8, column 10: quality: invalid type: string \"42\", expected an integer from 0 to 4294967295"
//! );
//! # Ok::<(), newsmatter::Error>(())
//! ```
//!
//! # Limits
//!
//! Input is bounded so that no file can make parsing panic, hang or allocate without bound:
//! files over [`ParseOptions::max_size`] (default [`DEFAULT_MAX_SIZE`], 1 MiB) are refused;
//! YAML nesting stops at 128 levels, and flow collections (`[`, `{`) are counted before the
//! YAML parser runs, whose time would grow with the square of their depth; and aliases may
//! not make the front matter stand for more values than it has bytes (which stops "billion
//! laughs" files).

#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]

mod amp;
mod error;
mod http_url;
mod model;
mod nesting;
mod parse;
mod render;
mod secured;
mod split;
mod timestamp;
mod wire;
mod yaml;

pub use amp::{amp_cache_subdomain, amp_cache_url, is_amp_cache_url_of, AMP_CACHE_DOMAIN};
pub use error::{Error, ErrorKind, FieldPath, Result, Segment};
pub use http_url::{HttpUrl, UrlError};
pub use model::{Document, Heat, Image, Logo, Provider, Record, RecordType, Related, RelatedUrl};
pub use parse::{ParseOptions, Parsed, Warning, DEFAULT_MAX_SIZE};
pub use secured::{Secured, SecuredError, BLOCK_LEN, IV_LEN};
pub use yaml::{UnknownKeys, UnknownValue};

/// The README's examples, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
