//! The public `Deserialize` of the model's value types, for formats other than our YAML
//! (JSON, say): as strict as in a record. (The structs' own come with their visitors.)

use std::marker::PhantomData;

use serde::de::Deserializer;

use crate::model::{Heat, HttpUrl, RecordType, RelatedUrl, Secured};
use crate::read::context::Ctx;
use crate::read::general::visitors::{HeatVisitor, TextVisitor};

/// The public `Deserialize` of the value types written as text, for formats other than our
/// YAML (JSON, say): strict, as in a record.
macro_rules! deserialize_text {
    ($($ty:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(TextVisitor::<$ty>(&Ctx::unbounded(), PhantomData))
            }
        }
    )*};
}

deserialize_text!(HttpUrl, RelatedUrl, Secured, RecordType);

impl<'de> serde::Deserialize<'de> for Heat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(HeatVisitor(&Ctx::unbounded()))
    }
}
