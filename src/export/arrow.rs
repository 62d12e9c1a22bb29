//! The tables as Arrow arrays: how each Rust value of a row becomes a column (its data type,
//! whether it may be null, its builder).

use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Int32Builder, Int64Builder, ListBuilder, StringBuilder,
    TimestampMicrosecondBuilder, UInt32Builder,
};
use arrow_array::{ArrayRef, ListArray, StructArray};
use arrow_buffer::{OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Fields, TimeUnit};

use crate::export::rows::{ImageRow, Timestamp};

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

/// Timestamps are microseconds since the epoch, in UTC: what DuckDB, Spark and DataFusion
/// take as a timestamp with time zone (finer digits are dropped).
impl Value for Timestamp {
    type Builder = TimestampMicrosecondBuilder;
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
    }
    fn append_to(&self, builder: &mut Self::Builder) {
        builder.append_value(self.0.timestamp_micros());
    }
    fn finish(builder: &mut Self::Builder) -> ArrayRef {
        Arc::new(builder.finish().with_timezone("UTC"))
    }
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

/// A list of images: `List<Struct<url, width, height, isCached, title>>`, null when the
/// record has no such key.
#[derive(Default)]
pub(crate) struct ImagesBuilder {
    url: StringBuilder,
    width: UInt32Builder,
    height: UInt32Builder,
    is_cached: BooleanBuilder,
    title: StringBuilder,
    offsets: Vec<i32>,
    valid: Vec<bool>,
}

fn image_fields() -> Fields {
    Fields::from(vec![
        Field::new("url", DataType::Utf8, false),
        Field::new("width", DataType::UInt32, false),
        Field::new("height", DataType::UInt32, false),
        Field::new("isCached", DataType::Boolean, true),
        Field::new("title", DataType::Utf8, true),
    ])
}

fn image_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(image_fields()), false))
}

impl Value for Option<Vec<ImageRow<'_>>> {
    type Builder = ImagesBuilder;
    const NULLABLE: bool = true;
    fn data_type() -> DataType {
        DataType::List(image_item())
    }
    fn append_to(&self, builder: &mut ImagesBuilder) {
        if builder.offsets.is_empty() {
            builder.offsets.push(0);
        }
        for image in self.iter().flatten() {
            builder.url.append_value(image.url);
            builder.width.append_value(image.width);
            builder.height.append_value(image.height);
            builder.is_cached.append_option(image.is_cached);
            builder.title.append_option(image.title);
        }
        let end = i32::try_from(builder.url.len()).unwrap_or(i32::MAX);
        builder.offsets.push(end);
        builder.valid.push(self.is_some());
    }
    fn finish(builder: &mut ImagesBuilder) -> ArrayRef {
        let children: Vec<ArrayRef> = vec![
            Arc::new(builder.url.finish()),
            Arc::new(builder.width.finish()),
            Arc::new(builder.height.finish()),
            Arc::new(builder.is_cached.finish()),
            Arc::new(builder.title.finish()),
        ];
        let values = StructArray::new(image_fields(), children, None);
        let mut offsets = std::mem::take(&mut builder.offsets);
        if offsets.is_empty() {
            offsets.push(0);
        }
        let valid = std::mem::take(&mut builder.valid);
        let list = ListArray::new(
            image_item(),
            OffsetBuffer::new(ScalarBuffer::from(offsets)),
            Arc::new(values),
            Some(valid.into()),
        );
        Arc::new(list)
    }
}
