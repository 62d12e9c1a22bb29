//! Checking a parsed record against the format's rules: every problem at once, each a
//! [`Diagnostic`](crate::Diagnostic) with its code, path and position.

mod amp;
mod rules;
mod validate;

pub use amp::{amp_cache_subdomain, amp_cache_url, is_amp_cache_url_of, AMP_CACHE_DOMAIN};
pub(crate) use validate::locate;
pub use validate::{Checked, ValidateOptions};
