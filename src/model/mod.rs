//! The typed model of a record and its value types: plain data, with what each value means
//! and how it is written, but nothing of how it is read or checked.

mod article_key;
mod builder;
mod canonical_url;
pub(crate) mod host;
mod http_url;
mod record;
mod secured;
pub(crate) mod timestamp;
mod unknown;

pub use article_key::ArticleKey;
pub(crate) use article_key::Identity;
pub use builder::RecordBuilder;
pub use http_url::{HttpUrl, UrlError};
pub use record::{Document, Heat, Image, Logo, Provider, Record, RecordType, Related, RelatedUrl};
pub use secured::{Secured, SecuredError, BLOCK_LEN, IV_LEN};
pub use unknown::{UnknownKeys, UnknownValue};

/// `Serialize` for types written as one string: the text that `$text` gives.
macro_rules! serialize_as_text {
    ($($ty:ty => $text:ident),* $(,)?) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.$text())
            }
        }
    )*};
}

serialize_as_text!(
    HttpUrl => as_str,
    Secured => expose_raw,
    RecordType => as_str,
    RelatedUrl => as_str,
);
