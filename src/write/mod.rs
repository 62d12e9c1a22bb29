//! Writing records back: the canonical rendering is [`Document`](crate::Document)'s and
//! [`Record`](crate::Record)'s `Display`; [`format_file`] rewrites a file into it, atomically
//! and without losing what the rendering cannot hold (comments, unknown keys: the file is
//! then [`Kept`]).
//!
//! ```
//! use newsmatter::write::{format_file, FormatOutcome};
//! use newsmatter::ParseOptions;
//!
//! let dir = std::env::temp_dir().join(format!("newsmatter-doc-write-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("a.md");
//! let canonical = std::fs::read_to_string("tests/fixtures/valid/article.md")?;
//! std::fs::write(&path, canonical.replacen("title: ", "title:    ", 1))?;
//!
//! let options = ParseOptions::new();
//! assert_eq!(format_file(&path, &options, true)?, FormatOutcome::WouldReformat);
//! assert_eq!(format_file(&path, &options, false)?, FormatOutcome::Reformatted);
//! assert_eq!(std::fs::read_to_string(&path)?, canonical);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fix;
mod format;
mod render;

pub(crate) use fix::fix_path;
pub use fix::{fix_file, fix_text, FixOutcome};
pub(crate) use format::format_path;
pub use format::{format_file, remove_stale_temporaries, FormatOutcome, Kept, TEMPORARY_SUFFIX};
