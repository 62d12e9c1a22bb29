//! Checking a parsed record against the format's rules: every problem at once, each a
//! [`Diagnostic`](crate::report::Diagnostic) with its code, path and position. The entry
//! point is [`ValidateOptions`](crate::ValidateOptions) (at the crate's root); this module
//! holds what a check gives back ([`Checked`]) and the AMP cache's URLs, which a rule checks
//! and a producer writes.
//!
//! ```
//! use newsmatter::check::{amp_cache_url, Checked};
//! use newsmatter::report::Code;
//! use newsmatter::ValidateOptions;
//!
//! let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?;
//! let broken = text.replacen("category: news", "category: \"\"", 1);
//! let Checked { document, report, .. } = ValidateOptions::new().check_str(&broken);
//! assert!(document.is_some());
//! let codes: Vec<Code> = report.iter().map(|d| d.code()).collect();
//! assert_eq!(codes, [Code::CategoryEmpty]);
//!
//! let amp = url::Url::parse("https://www.example.com/amp/a")?;
//! assert_eq!(
//!     amp_cache_url(&amp).as_str(),
//!     "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/amp/a",
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod amp;
pub(crate) mod fix;
mod rules;
mod suppress;
pub(crate) mod validate;

pub use amp::{amp_cache_subdomain, amp_cache_url, is_amp_cache_url_of, AMP_CACHE_DOMAIN};
pub(crate) use validate::locate;
pub use validate::Checked;
