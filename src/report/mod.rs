//! What can be said about a record: the stable [`Code`] of every problem, the
//! [`Diagnostic`]s that checking gives (gathered in a [`Report`]), the [`FieldPath`] they
//! point at, and the coarse [`ErrorKind`] of a reading [`Error`](crate::Error) (which is at
//! the crate's root). The bottom layer: it uses no other module of the crate.
//!
//! ```
//! use newsmatter::report::{Code, ErrorKind, Severity};
//! use newsmatter::ValidateOptions;
//!
//! // A reading error: its code, its coarse kind, the field and where it is.
//! let text = "---\ncategory: news\ntitle: Lakeside\nquality: \"61\"\n---\n";
//! let err = text.parse::<newsmatter::Document>().unwrap_err();
//! assert_eq!((err.code(), err.kind()), (Code::InvalidType, ErrorKind::Data));
//! assert_eq!((err.path().to_string(), err.line(), err.column()), ("quality".into(), Some(4), Some(10)));
//!
//! // A check's diagnostics: the same error, now one diagnostic of the file's report.
//! let report = ValidateOptions::new().check_str(text).report;
//! let first = report.iter().next().unwrap();
//! assert_eq!((first.severity(), first.code()), (Severity::Error, Code::InvalidType));
//! assert_eq!(Code::InvalidType.as_str(), "invalid-type");
//! ```

mod code;
mod diagnostic;
pub(crate) mod error;
mod explain;
pub(crate) mod names;
mod path;
pub(crate) mod position;
mod quote;
mod span;

pub use code::{Code, Severity, UnknownCode};
pub use diagnostic::{Diagnostic, Report};
pub use error::ErrorKind;
pub(crate) use names::closest;
pub use path::{FieldPath, Segment};
pub(crate) use quote::quoted;
pub use span::{Location, Span, Suggestion};
