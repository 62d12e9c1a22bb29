//! What can be said about a record: the stable [`Code`] of every problem, the one [`Error`]
//! type of reading, the [`Diagnostic`]s of checking, and the [`FieldPath`] and position they
//! point at. The bottom layer: it uses no other module of the crate.

mod code;
mod diagnostic;
mod error;
mod path;
pub(crate) mod position;
mod quote;

pub use code::{Code, Severity};
pub use diagnostic::{Diagnostic, Report};
pub use error::{Error, ErrorKind, Result};
pub use path::{FieldPath, Segment};
pub(crate) use quote::quoted;
