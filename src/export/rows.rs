//! The rows of the three tables, built from a record, its related entries and its
//! diagnostics. Each table is declared once, with [`table!`]: its row struct (serialized as
//! one NDJSON line, with the column names as keys) and, with the `parquet` feature, its Arrow
//! schema and the builder that gathers rows into a `RecordBatch`, column by column.
//!
//! A table's last columns are only known once the whole corpus is read (the counts across
//! records, where a related entry points): they are a table of their own, written beside.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::model::{ArticleKey, Heat, Image, Logo, Provider, Record, Related};
use crate::report::Diagnostic;

/// Declares a table: `name: Type => "column"` for each column, in order. Gives the row
/// struct (serializing each field under its column name) and, with the `parquet` feature,
/// `$row::schema_fields()` and a builder `$builder` with `append(&row)` and `finish()`.
macro_rules! table {
    (
        $(#[$doc:meta])*
        $row:ident $(<$lt:lifetime>)?, $builder:ident {
            $($(#[$fdoc:meta])* $field:ident: $ty:ty => $name:literal,)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Serialize)]
        pub(crate) struct $row $(<$lt>)? {
            $($(#[$fdoc])* #[serde(rename = $name)] pub(crate) $field: $ty,)*
        }

        impl $(<$lt>)? $row $(<$lt>)? {
            /// The column names, in order.
            #[cfg(test)]
            pub(crate) const COLUMNS: &'static [&'static str] = &[$($name),*];
        }

        #[cfg(feature = "parquet")]
        impl $(<$lt>)? $row $(<$lt>)? {
            /// The table's Arrow fields, in order.
            pub(crate) fn schema_fields() -> Vec<arrow_schema::Field> {
                use crate::export::arrow::Value;
                vec![$(arrow_schema::Field::new(
                    $name,
                    <$ty as Value>::data_type(),
                    <$ty as Value>::NULLABLE,
                )),*]
            }
        }

        /// Gathers rows of the table into Arrow arrays, a column each. (Its lifetime is only
        /// the row's, to name the columns' builders: any will do, and `'static` is used.)
        #[cfg(feature = "parquet")]
        #[derive(Default)]
        pub(crate) struct $builder<$($lt)?> {
            rows: usize,
            $($field: <$ty as crate::export::arrow::Value>::Builder,)*
            lifetime: std::marker::PhantomData<($(&$lt (),)?)>,
        }

        #[cfg(feature = "parquet")]
        impl<$($lt)?> $builder<$($lt)?> {
            pub(crate) fn append(&mut self, row: &$row) {
                use crate::export::arrow::Value;
                self.rows += 1;
                $(row.$field.append_to(&mut self.$field);)*
            }

        }

        #[cfg(feature = "parquet")]
        impl<$($lt)?> crate::export::arrow::Finish for $builder<$($lt)?> {
            fn len(&self) -> usize {
                self.rows
            }

            fn finish(&mut self) -> Vec<arrow_array::ArrayRef> {
                self.rows = 0;
                vec![$(<$ty as crate::export::arrow::Value>::finish(&mut self.$field)),*]
            }
        }
    };
}

table! {
    /// A row of `records`: every field of a record but `secured`, of which nothing is
    /// written.
    RecordRow<'a>, RecordsBuilder {
        file: &'a str => "file",
        key: &'a str => "key",
        keys: Vec<&'a str> => "keys",
        category: &'a str => "category",
        title: &'a str => "title",
        excerpt: &'a str => "excerpt",
        published_date_time: Timestamp => "publishedDateTime",
        published_date_time_offset: i32 => "publishedDateTimeOffsetMinutes",
        original_url: Option<&'a str> => "originalUrl",
        web_url: Option<&'a str> => "webUrl",
        amp_web_url: Option<&'a str> => "ampWebUrl",
        cdn_amp_web_url: Option<&'a str> => "cdnAmpWebUrl",
        record_type: &'a str => "type",
        quality: Option<u32> => "quality",
        heat: Option<i64> => "heat",
        not_ranked: Option<bool> => "notRanked",
        published: Option<bool> => "published",
        featured_content: Option<&'a str> => "featuredContent",
        removed: Option<bool> => "removed",
        provider_name: &'a str => "providerName",
        provider_domain: &'a str => "providerDomain",
        provider_images: Option<Vec<ImageRow<'a>>> => "providerImages",
        topics: Vec<&'a str> => "topics",
        images: Option<Vec<ImageRow<'a>>> => "images",
        related_count: u32 => "relatedCount",
    }
}

table! {
    /// The last columns of `records`: what the file's report says, across records included.
    RecordCounts, RecordCountsBuilder {
        errors: u32 => "errors",
        warnings: u32 => "warnings",
    }
}

table! {
    /// A row of `related`: one related entry of a record.
    RelatedRow<'a>, RelatedBuilder {
        file: &'a str => "file",
        key: &'a str => "key",
        index: u32 => "index",
        title: &'a str => "title",
        record_type: &'a str => "type",
        web_url: Option<&'a str> => "webUrl",
        amp_web_url: Option<&'a str> => "ampWebUrl",
        cdn_amp_web_url: Option<&'a str> => "cdnAmpWebUrl",
        provider_name: &'a str => "providerName",
        provider_domain: &'a str => "providerDomain",
        quality: u32 => "quality",
        published_date_time: Timestamp => "publishedDateTime",
        published_date_time_offset: i32 => "publishedDateTimeOffsetMinutes",
    }
}

table! {
    /// The last columns of `related`: where the entry points in the corpus (or shard).
    RelatedCited<'a>, RelatedCitedBuilder {
        resolved_key: &'a str => "resolvedKey",
        cited_file: Option<&'a str> => "citedFile",
    }
}

table! {
    /// A row of `diagnostics`.
    DiagnosticRow<'a>, DiagnosticsBuilder {
        file: &'a str => "file",
        severity: &'a str => "severity",
        code: &'a str => "code",
        path: String => "path",
        line: Option<u32> => "line",
        column: Option<u32> => "column",
        message: &'a str => "message",
    }
}

table! {
    /// An image of a record, or a logo of its provider (which has no `isCached` or `title`):
    /// an item of the list columns `images` and `providerImages`, a struct of these fields.
    ImageRow<'a>, ImageRowsBuilder {
        url: &'a str => "url",
        width: u32 => "width",
        height: u32 => "height",
        is_cached: Option<bool> => "isCached",
        title: Option<&'a str> => "title",
    }
}

/// A `publishedDateTime`: an instant, written in UTC (its offset is a column of its own).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timestamp(pub(crate) DateTime<FixedOffset>);

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let utc = self.0.with_timezone(&chrono::Utc);
        serializer.collect_str(&utc.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

fn offset_minutes(date: &DateTime<FixedOffset>) -> i32 {
    date.offset().local_minus_utc() / 60
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A record's identity and every identity it is known by ([`Record::article_key`] and
/// [`Record::article_keys`]), the keys made once.
pub(crate) fn record_keys(record: &Record) -> (ArticleKey, Vec<ArticleKey>) {
    let keys = record.article_keys();
    let key = match keys.first() {
        Some(first) => first.clone(),
        None => record.article_key(),
    };
    (key, keys)
}

// Each struct of the model is taken apart whole, with no `..`: a field added to the model
// does not compile until it has a column here, or a `_` saying why it has none.

impl<'a> RecordRow<'a> {
    /// The row of `record`, known by `key` and `keys` ([`record_keys`]).
    pub(crate) fn new(
        file: &'a str,
        key: &'a ArticleKey,
        keys: &'a [ArticleKey],
        record: &'a Record,
    ) -> Self {
        let Record {
            category,
            title,
            excerpt,
            published_date_time,
            original_url,
            web_url,
            amp_web_url,
            cdn_amp_web_url,
            record_type,
            quality,
            heat,
            published,
            featured_content,
            provider,
            topics,
            images,
            related,
            // Never written anywhere.
            secured: _,
            removed,
            // Keys the format does not have: not columns.
            unknown: _,
        } = record;
        let Provider {
            name: provider_name,
            domain: provider_domain,
            images: provider_images,
            unknown: _,
        } = provider;
        RecordRow {
            file,
            key: key.as_str(),
            keys: keys.iter().map(ArticleKey::as_str).collect(),
            category,
            title,
            excerpt,
            published_date_time: Timestamp(*published_date_time),
            published_date_time_offset: offset_minutes(published_date_time),
            original_url: original_url.as_ref().map(|u| u.as_str()),
            web_url: web_url.as_ref().map(|u| u.as_str()),
            amp_web_url: amp_web_url.as_ref().map(|u| u.as_str()),
            cdn_amp_web_url: cdn_amp_web_url.as_ref().map(|u| u.as_str()),
            record_type: record_type.as_str(),
            quality: *quality,
            heat: heat.map(Heat::to_i64),
            not_ranked: heat.map(|heat| heat == Heat::NotRanked),
            published: *published,
            featured_content: featured_content.as_deref(),
            removed: *removed,
            provider_name,
            provider_domain,
            provider_images: provider_images
                .as_ref()
                .map(|logos| logos.iter().map(ImageRow::logo).collect()),
            topics: topics.iter().map(String::as_str).collect(),
            images: images
                .as_ref()
                .map(|images| images.iter().map(ImageRow::image).collect()),
            // The entries themselves are rows of `related`.
            related_count: count(related.as_ref().map_or(0, Vec::len)),
        }
    }
}

impl<'a> RelatedRow<'a> {
    pub(crate) fn new(file: &'a str, key: &'a str, index: usize, related: &'a Related) -> Self {
        let Related {
            title,
            // The cited record's own row has them.
            excerpt: _,
            published_date_time,
            web_url,
            amp_web_url,
            cdn_amp_web_url,
            record_type,
            provider,
            quality,
            images: _,
            unknown: _,
        } = related;
        let Provider {
            name: provider_name,
            domain: provider_domain,
            images: _,
            unknown: _,
        } = provider;
        RelatedRow {
            file,
            key,
            index: count(index),
            title,
            record_type: record_type.as_str(),
            web_url: web_url.as_url().map(|u| u.as_str()),
            amp_web_url: amp_web_url.as_ref().map(|u| u.as_str()),
            cdn_amp_web_url: cdn_amp_web_url.as_ref().map(|u| u.as_str()),
            provider_name,
            provider_domain,
            quality: *quality,
            published_date_time: Timestamp(*published_date_time),
            published_date_time_offset: offset_minutes(published_date_time),
        }
    }
}

impl<'a> DiagnosticRow<'a> {
    pub(crate) fn new(file: &'a str, diagnostic: &'a Diagnostic) -> Self {
        DiagnosticRow {
            file,
            severity: diagnostic.severity().as_str(),
            code: diagnostic.code().as_str(),
            path: diagnostic.path().to_string(),
            line: diagnostic.line().map(count),
            column: diagnostic.column().map(count),
            message: diagnostic.message(),
        }
    }
}

impl<'a> ImageRow<'a> {
    fn image(image: &'a Image) -> Self {
        let Image {
            url,
            width,
            height,
            is_cached,
            title,
            unknown: _,
        } = image;
        ImageRow {
            url: url.as_str(),
            width: *width,
            height: *height,
            is_cached: *is_cached,
            title: title.as_deref(),
        }
    }

    fn logo(logo: &'a Logo) -> Self {
        let Logo {
            url,
            width,
            height,
            unknown: _,
        } = logo;
        ImageRow {
            url: url.as_str(),
            width: *width,
            height: *height,
            is_cached: None,
            title: None,
        }
    }
}

/// Timestamps are microseconds since the epoch, in UTC: what DuckDB, Spark and DataFusion
/// take as a timestamp with time zone (finer digits are dropped).
#[cfg(feature = "parquet")]
impl crate::export::arrow::Value for Timestamp {
    type Builder = arrow_array::builder::TimestampMicrosecondBuilder;
    const NULLABLE: bool = false;
    fn data_type() -> arrow_schema::DataType {
        arrow_schema::DataType::Timestamp(arrow_schema::TimeUnit::Microsecond, Some("UTC".into()))
    }
    fn append_to(&self, builder: &mut Self::Builder) {
        builder.append_value(self.0.timestamp_micros());
    }
    fn finish(builder: &mut Self::Builder) -> arrow_array::ArrayRef {
        std::sync::Arc::new(builder.finish().with_timezone("UTC"))
    }
}

/// Gathers a list column of images: the images' columns, and where each row's list ends.
#[cfg(feature = "parquet")]
#[derive(Default)]
pub(crate) struct ImagesBuilder {
    items: ImageRowsBuilder<'static>,
    offsets: Vec<i32>,
    valid: Vec<bool>,
}

/// A list of images, `List<Struct<url, width, height, isCached, title>>` ([`ImageRow`]'s
/// columns), null when the record has no such key.
#[cfg(feature = "parquet")]
impl crate::export::arrow::Value for Option<Vec<ImageRow<'_>>> {
    type Builder = ImagesBuilder;
    const NULLABLE: bool = true;
    fn data_type() -> arrow_schema::DataType {
        arrow_schema::DataType::List(image_item())
    }
    fn append_to(&self, builder: &mut ImagesBuilder) {
        use crate::export::arrow::Finish;
        if builder.offsets.is_empty() {
            builder.offsets.push(0);
        }
        for image in self.iter().flatten() {
            builder.items.append(image);
        }
        let end = i32::try_from(builder.items.len()).unwrap_or(i32::MAX);
        builder.offsets.push(end);
        builder.valid.push(self.is_some());
    }
    fn finish(builder: &mut ImagesBuilder) -> arrow_array::ArrayRef {
        use crate::export::arrow::Finish;
        let fields = arrow_schema::Fields::from(ImageRow::schema_fields());
        let values = arrow_array::StructArray::new(fields, builder.items.finish(), None);
        let mut offsets = std::mem::take(&mut builder.offsets);
        if offsets.is_empty() {
            offsets.push(0);
        }
        let valid = std::mem::take(&mut builder.valid);
        std::sync::Arc::new(arrow_array::ListArray::new(
            image_item(),
            arrow_buffer::OffsetBuffer::new(arrow_buffer::ScalarBuffer::from(offsets)),
            std::sync::Arc::new(values),
            Some(valid.into()),
        ))
    }
}

/// The item of a list of images: a struct of [`ImageRow`]'s columns, never null.
#[cfg(feature = "parquet")]
fn image_item() -> std::sync::Arc<arrow_schema::Field> {
    let fields = arrow_schema::Fields::from(ImageRow::schema_fields());
    std::sync::Arc::new(arrow_schema::Field::new(
        "item",
        arrow_schema::DataType::Struct(fields),
        false,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn keys(row: &impl Serialize) -> Vec<String> {
        match serde_json::to_value(row).unwrap() {
            serde_json::Value::Object(map) => {
                let mut keys: Vec<String> = map.keys().cloned().collect();
                keys.sort();
                keys
            }
            other => panic!("not an object: {other}"),
        }
    }

    /// The columns users query by name: a rename breaks their queries, so it must be made
    /// here and in the README's table too.
    const RECORDS: &[&str] = &[
        "file",
        "key",
        "keys",
        "category",
        "title",
        "excerpt",
        "publishedDateTime",
        "publishedDateTimeOffsetMinutes",
        "originalUrl",
        "webUrl",
        "ampWebUrl",
        "cdnAmpWebUrl",
        "type",
        "quality",
        "heat",
        "notRanked",
        "published",
        "featuredContent",
        "removed",
        "providerName",
        "providerDomain",
        "providerImages",
        "topics",
        "images",
        "relatedCount",
        "errors",
        "warnings",
    ];
    const RELATED: &[&str] = &[
        "file",
        "key",
        "index",
        "title",
        "type",
        "webUrl",
        "ampWebUrl",
        "cdnAmpWebUrl",
        "providerName",
        "providerDomain",
        "quality",
        "publishedDateTime",
        "publishedDateTimeOffsetMinutes",
        "resolvedKey",
        "citedFile",
    ];
    const DIAGNOSTICS: &[&str] = &[
        "file", "severity", "code", "path", "line", "column", "message",
    ];

    /// A table's columns as declared: its rows' and, where it has them, its last columns'.
    fn declared(columns: &[&[&str]]) -> Vec<String> {
        columns.concat().iter().map(|c| (*c).to_owned()).collect()
    }

    /// Each table has the columns users query, in order, in its NDJSON keys and its Arrow
    /// fields, and the README's table names each.
    #[test]
    fn rows_and_schemas_have_the_published_columns() {
        let doc: Document = include_str!("../../tests/fixtures/valid/article.md")
            .parse()
            .unwrap();
        let article_keys = doc.record.article_keys();
        let record = RecordRow::new("a.md", &article_keys[0], &article_keys, &doc.record);
        let related = RelatedRow::new("a.md", "k", 0, &doc.record.related.as_ref().unwrap()[0]);
        let counts = RecordCounts {
            errors: 1,
            warnings: 2,
        };
        let cited = RelatedCited {
            resolved_key: "k",
            cited_file: None,
        };
        let diagnostic = Diagnostic::new(
            crate::report::Code::TitleEmpty,
            crate::report::FieldPath::root().key("title"),
            "empty",
        );
        let diagnostic = DiagnosticRow::new("a.md", &diagnostic);
        assert_eq!(
            declared(&[RecordRow::COLUMNS, RecordCounts::COLUMNS]),
            declared(&[RECORDS])
        );
        assert_eq!(
            declared(&[RelatedRow::COLUMNS, RelatedCited::COLUMNS]),
            declared(&[RELATED])
        );
        assert_eq!(
            declared(&[DiagnosticRow::COLUMNS]),
            declared(&[DIAGNOSTICS])
        );
        // The fields of each item of `images` and `providerImages`.
        assert_eq!(
            ImageRow::COLUMNS,
            ["url", "width", "height", "isCached", "title"]
        );
        // serde_json's map may sort its keys (without `preserve_order`): compare them as sets;
        // serde writes fields in declaration order, the order the Arrow fields show below.
        let sorted = |columns: &[&[&str]]| {
            let mut columns = declared(columns);
            columns.sort();
            columns
        };
        let mut record_keys = keys(&record);
        record_keys.extend(keys(&counts));
        record_keys.sort();
        assert_eq!(record_keys, sorted(&[RECORDS]));
        let mut related_keys = keys(&related);
        related_keys.extend(keys(&cited));
        related_keys.sort();
        assert_eq!(related_keys, sorted(&[RELATED]));
        assert_eq!(keys(&diagnostic), sorted(&[DIAGNOSTICS]));
        #[cfg(feature = "parquet")]
        {
            let names = |fields: Vec<Vec<arrow_schema::Field>>| -> Vec<String> {
                fields.concat().iter().map(|f| f.name().clone()).collect()
            };
            let records = names(vec![
                RecordRow::schema_fields(),
                RecordCounts::schema_fields(),
            ]);
            assert_eq!(records, declared(&[RECORDS]));
            let related = names(vec![
                RelatedRow::schema_fields(),
                RelatedCited::schema_fields(),
            ]);
            assert_eq!(related, declared(&[RELATED]));
            assert_eq!(
                names(vec![DiagnosticRow::schema_fields()]),
                declared(&[DIAGNOSTICS])
            );
        }
        let readme = include_str!("../../README.md");
        for (table, columns) in [
            ("records", RECORDS),
            ("related", RELATED),
            ("diagnostics", DIAGNOSTICS),
        ] {
            let row = readme
                .lines()
                .find(|line| line.starts_with(&format!("| `{table}` |")))
                .expect("the README's table of columns");
            for column in columns {
                assert!(
                    row.contains(&format!("`{column}`")),
                    "README: {table}.{column}"
                );
            }
        }
    }

    #[test]
    fn timestamps_are_utc_with_the_offset_beside() {
        let doc: Document = include_str!("../../tests/fixtures/valid/article.md")
            .replace(
                "publishedDateTime: 2023-06-14T08:15:00Z",
                "publishedDateTime: 2023-06-14T13:45:00.25+05:30",
            )
            .parse()
            .unwrap();
        let keys = doc.record.article_keys();
        let row = RecordRow::new("a.md", &keys[0], &keys, &doc.record);
        let json = serde_json::to_value(&row).unwrap();
        assert_eq!(json["publishedDateTime"], "2023-06-14T08:15:00.250Z");
        assert_eq!(json["publishedDateTimeOffsetMinutes"], 330);
        assert!(json.get("secured").is_none());
    }
}
