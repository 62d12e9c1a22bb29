//! The tables as Arrow arrays: how each Rust value of a row becomes a column (its data type,
//! whether it may be null, its builder).

use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Int32Builder, Int64Builder, ListBuilder, StringBuilder, UInt32Builder,
};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};

/// A builder of a table's columns.
pub(crate) trait Finish {
    /// How many rows since the last `finish`.
    fn len(&self) -> usize;

    /// The columns of the rows appended since the last call, in order.
    fn finish(&mut self) -> Vec<ArrayRef>;
}

/// A value of a row, and the column it goes to.
pub(crate) trait Value {
    /// Gathers the column.
    type Builder: Default;
    /// Whether the column holds nulls.
    const NULLABLE: bool;
    /// The column's Arrow type.
    fn data_type() -> DataType;
    /// Appends this value.
    fn append_to(&self, builder: &mut Self::Builder);
    /// The column of the values appended since the last call.
    fn finish(builder: &mut Self::Builder) -> ArrayRef;
}

/// `Value` for a type and its `Option`, through one builder whose `append_option` takes both.
macro_rules! primitive {
    ($($ty:ty => $builder:ty, $data_type:expr, |$v:ident| $value:expr;)*) => {$(
        impl Value for $ty {
            type Builder = $builder;
            const NULLABLE: bool = false;
            fn data_type() -> DataType {
                $data_type
            }
            fn append_to(&self, builder: &mut $builder) {
                let $v = self;
                builder.append_value($value);
            }
            fn finish(builder: &mut $builder) -> ArrayRef {
                Arc::new(builder.finish())
            }
        }

        impl Value for Option<$ty> {
            type Builder = $builder;
            const NULLABLE: bool = true;
            fn data_type() -> DataType {
                $data_type
            }
            fn append_to(&self, builder: &mut $builder) {
                builder.append_option(self.as_ref().map(|$v| $value));
            }
            fn finish(builder: &mut $builder) -> ArrayRef {
                Arc::new(builder.finish())
            }
        }
    )*};
}

primitive! {
    &str => StringBuilder, DataType::Utf8, |v| *v;
    String => StringBuilder, DataType::Utf8, |v| v.as_str();
    u32 => UInt32Builder, DataType::UInt32, |v| *v;
    i32 => Int32Builder, DataType::Int32, |v| *v;
    i64 => Int64Builder, DataType::Int64, |v| *v;
    bool => BooleanBuilder, DataType::Boolean, |v| *v;
}

/// Lists of text: topics, a record's keys.
macro_rules! text_list {
    ($($ty:ty),*) => {$(
        impl Value for Vec<$ty> {
            type Builder = ListBuilder<StringBuilder>;
            const NULLABLE: bool = false;
            fn data_type() -> DataType {
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
            }
            fn append_to(&self, builder: &mut Self::Builder) {
                for item in self {
                    builder.values().append_value(item);
                }
                builder.append(true);
            }
            fn finish(builder: &mut Self::Builder) -> ArrayRef {
                Arc::new(builder.finish())
            }
        }
    )*};
}

text_list!(String, &str);
