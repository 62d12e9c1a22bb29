//! `newsmatter::export`: the tables written as Parquet (read back with the parquet crate's
//! Arrow reader) and NDJSON, against the corpus loaded in memory and its `RelatedGraph`.

#[path = "../benches/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, TimestampMicrosecondType, UInt32Type};
use arrow_array::{Array, RecordBatch};
use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::corpus::{Corpus, Shard};
use newsmatter::export::{self, ExportOptions, ExportSummary, TableFormat};
use newsmatter::report::Code;
use newsmatter::CorpusOptions;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;

fn repository(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A fresh folder under the target directory.
fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Fixtures (with files that do not parse), the README's example corpus, and a path that
/// does not exist.
fn inputs() -> Vec<PathBuf> {
    vec![
        repository("tests/fixtures"),
        repository("examples/corpus"),
        repository("tests/no-such-directory"),
    ]
}

/// The corpus as `check` sees it: loaded, and checked across records.
fn checked_corpus(paths: &[PathBuf]) -> (Corpus, RelatedGraph) {
    let mut corpus = CorpusOptions::new().load(paths);
    let graph = RelatedGraph::build(&corpus);
    corpus.cross_check(&graph).unwrap();
    (corpus, graph)
}

/// Exports `paths` into `dir` in `format`, the whole corpus or one shard.
fn export_to(paths: &[PathBuf], dir: &Path, format: TableFormat, shard: Shard) -> ExportSummary {
    ExportOptions::new(CorpusOptions::new())
        .format(format)
        .shard(shard)
        .export(paths, dir, &|_| {})
        .unwrap()
}

/// A batch's column names, in order.
fn column_names(batch: &RecordBatch) -> Vec<&str> {
    batch
        .schema_ref()
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .collect()
}

/// A Parquet table read back whole, as one batch.
fn read_parquet(path: &Path) -> RecordBatch {
    let file = File::open(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .with_batch_size(1 << 20)
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    assert_eq!(batches.len(), 1, "{}", path.display());
    batches.into_iter().next().unwrap()
}

fn read_ndjson(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn text(batch: &RecordBatch, column: &str, row: usize) -> Option<String> {
    let column = batch.column_by_name(column).unwrap().as_string::<i32>();
    column.is_valid(row).then(|| column.value(row).to_owned())
}

fn number(batch: &RecordBatch, column: &str, row: usize) -> Option<u32> {
    let column = batch
        .column_by_name(column)
        .unwrap()
        .as_primitive::<UInt32Type>();
    column.is_valid(row).then(|| column.value(row))
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn parquet_tables_hold_the_corpus() {
    let dir = out_dir("export-parquet");
    let summary = export_to(&inputs(), &dir, TableFormat::Parquet, Shard::whole());
    let (corpus, graph) = checked_corpus(&inputs());
    assert_eq!(summary.totals, corpus.totals());
    assert_eq!(
        files_in(&dir),
        [
            "diagnostics.parquet",
            "export.json",
            "records.parquet",
            "related.parquet"
        ]
    );

    let records = read_parquet(&dir.join("records.parquet"));
    let related = read_parquet(&dir.join("related.parquet"));
    let diagnostics = read_parquet(&dir.join("diagnostics.parquet"));
    // The schemas, names and types, are the documented ones, and the streamed tables are the
    // ones built in memory from the loaded corpus, row for row.
    assert_eq!(records.schema(), export::records_schema());
    assert_eq!(related.schema(), export::related_schema());
    assert_eq!(diagnostics.schema(), export::diagnostics_schema());
    let tables = export::tables(&corpus, &graph).unwrap();
    let same = |file: &RecordBatch, memory: &RecordBatch| {
        assert_eq!(file.columns(), memory.columns());
    };
    same(&records, &tables.records);
    same(&related, &tables.related);
    same(&diagnostics, &tables.diagnostics);

    let names = column_names(&records);
    assert_eq!(names[..4], ["file", "key", "keys", "category"]);
    assert_eq!(names[names.len() - 2..], ["errors", "warnings"]);

    // Row by row against the documents.
    let documents: Vec<_> = corpus.documents().collect();
    assert_eq!(records.num_rows(), documents.len());
    let dates = records
        .column_by_name("publishedDateTime")
        .unwrap()
        .as_primitive::<TimestampMicrosecondType>();
    let offsets = records
        .column_by_name("publishedDateTimeOffsetMinutes")
        .unwrap()
        .as_primitive::<Int32Type>();
    for (row, (file, doc)) in documents.iter().enumerate() {
        let record = &doc.record;
        let path = corpus.files()[*file].path().display().to_string();
        assert_eq!(text(&records, "file", row), Some(path));
        assert_eq!(
            text(&records, "key", row).as_deref(),
            Some(record.article_key().as_str())
        );
        assert_eq!(text(&records, "title", row), Some(record.title.clone()));
        assert_eq!(
            text(&records, "webUrl", row),
            record.web_url.as_ref().map(|u| u.as_str().to_owned())
        );
        assert_eq!(
            text(&records, "originalUrl", row),
            record.original_url.as_ref().map(|u| u.as_str().to_owned())
        );
        assert_eq!(number(&records, "quality", row), record.quality);
        assert_eq!(
            dates.value(row),
            record.published_date_time.timestamp_micros()
        );
        assert_eq!(
            offsets.value(row),
            record.published_date_time.offset().local_minus_utc() / 60
        );
        let report = corpus.files()[*file].report();
        assert_eq!(
            number(&records, "errors", row),
            Some(report.error_count() as u32)
        );
        assert_eq!(
            number(&records, "warnings", row),
            Some(report.warning_count() as u32)
        );
        let topics = records.column_by_name("topics").unwrap().as_list::<i32>();
        let topics = topics.value(row);
        let topics: Vec<&str> = topics.as_string::<i32>().iter().flatten().collect();
        assert_eq!(topics, record.topics);
        let images = records.column_by_name("images").unwrap();
        assert_eq!(images.is_valid(row), record.images.is_some());
    }
    // Nulls where records have no value: some records have no scores, some no images.
    for column in ["quality", "heat", "ampWebUrl", "images", "featuredContent"] {
        let values = records.column_by_name(column).unwrap();
        assert!(values.null_count() > 0, "{column}");
        assert!(values.null_count() < records.num_rows(), "{column}");
    }

    // `related`: one row per entry, resolved as the graph resolves it.
    assert_eq!(related.num_rows(), graph.edge_count());
    for (row, edge) in graph.edges().enumerate() {
        let source = graph.node(edge.source);
        let target = graph.node(edge.target);
        assert_eq!(
            text(&related, "file", row),
            source.path().map(|p| p.display().to_string())
        );
        assert_eq!(number(&related, "index", row), Some(edge.entry as u32));
        assert_eq!(
            text(&related, "resolvedKey", row).as_deref(),
            Some(target.key().as_str())
        );
        assert_eq!(
            text(&related, "citedFile", row),
            target.path().map(|p| p.display().to_string())
        );
    }
    let cited = related.column_by_name("citedFile").unwrap();
    assert!(cited.null_count() > 0 && cited.null_count() < related.num_rows());

    // `diagnostics`: every diagnostic, in file order; the missing path and the files that do
    // not parse are rows, the export went on.
    let all: Vec<(String, &newsmatter::report::Diagnostic)> = corpus
        .files()
        .iter()
        .flat_map(|f| {
            f.report()
                .iter()
                .map(|d| (f.path().display().to_string(), d))
        })
        .collect();
    assert_eq!(diagnostics.num_rows(), all.len());
    for (row, (file, d)) in all.iter().enumerate() {
        assert_eq!(text(&diagnostics, "file", row).as_ref(), Some(file));
        assert_eq!(
            text(&diagnostics, "code", row).as_deref(),
            Some(d.code().as_str())
        );
        assert_eq!(text(&diagnostics, "path", row), Some(d.path().to_string()));
        assert_eq!(
            number(&diagnostics, "line", row),
            d.line().map(|l| l as u32)
        );
        assert_eq!(
            number(&diagnostics, "column", row),
            d.column().map(|c| c as u32)
        );
        assert_eq!(
            text(&diagnostics, "message", row).as_deref(),
            Some(d.message())
        );
    }
    let codes: Vec<Option<String>> = (0..diagnostics.num_rows())
        .map(|row| text(&diagnostics, "code", row))
        .collect();
    for code in [Code::Io, Code::InvalidUtf8, Code::RelatedCopyMismatch] {
        assert!(codes.contains(&Some(code.as_str().into())), "{code}");
    }

    // The metadata says what the tables cover.
    let file = File::open(dir.join("related.parquet")).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let metadata: BTreeMap<String, Option<String>> = builder
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .unwrap()
        .iter()
        .map(|kv| (kv.key.clone(), kv.value.clone()))
        .collect();
    assert_eq!(metadata["newsmatter.shard"].as_deref(), Some("0/1"));
    assert!(metadata["newsmatter.scope"]
        .as_deref()
        .unwrap()
        .starts_with("the whole corpus"));
}

#[test]
fn ndjson_lines_are_the_parquet_rows() {
    let dir = out_dir("export-ndjson");
    export_to(&inputs(), &dir, TableFormat::Ndjson, Shard::whole());
    let (corpus, graph) = checked_corpus(&inputs());
    let tables = export::tables(&corpus, &graph).unwrap();
    for (name, batch) in [
        ("records", &tables.records),
        ("related", &tables.related),
        ("diagnostics", &tables.diagnostics),
    ] {
        let lines = read_ndjson(&dir.join(format!("{name}.ndjson")));
        assert_eq!(lines.len(), batch.num_rows(), "{name}");
        for (row, line) in lines.iter().enumerate() {
            let keys: Vec<&str> = line
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let columns = column_names(batch);
            // The test build keeps a line's keys in order (serde_json's `preserve_order`).
            assert_eq!(keys, columns, "{name}");
            for column in [
                "file",
                "key",
                "title",
                "webUrl",
                "resolvedKey",
                "citedFile",
                "code",
            ] {
                if batch.column_by_name(column).is_some() {
                    let expected = text(batch, column, row).map_or(Value::Null, Value::from);
                    assert_eq!(line[column], expected, "{name} {row} {column}");
                }
            }
            for column in ["quality", "errors", "warnings", "index", "line", "column"] {
                if batch.column_by_name(column).is_some() {
                    let expected = number(batch, column, row).map_or(Value::Null, Value::from);
                    assert_eq!(line[column], expected, "{name} {row} {column}");
                }
            }
        }
    }
    let records = read_ndjson(&dir.join("records.ndjson"));
    let first = &records[0];
    let doc = corpus.documents().next().unwrap().1;
    let utc = doc.record.published_date_time.with_timezone(&chrono::Utc);
    assert_eq!(
        first["publishedDateTime"],
        utc.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    );
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("export.json")).unwrap()).unwrap();
    assert_eq!(manifest["format"], "ndjson");
    assert_eq!(manifest["records"]["rows"], records.len());
    assert_eq!(manifest["records"]["file"], "records.ndjson");
}

#[test]
fn shards_together_are_the_whole() {
    let whole_dir = out_dir("export-whole");
    export_to(&inputs(), &whole_dir, TableFormat::Ndjson, Shard::whole());
    let dir = out_dir("export-shards");
    let n = 3;
    for k in 0..n {
        let shard = Shard::new(k, n).unwrap();
        let summary = export_to(&inputs(), &dir, TableFormat::Ndjson, shard);
        assert!(summary.totals.files > 0, "shard {k} is empty");
    }
    assert_eq!(files_in(&dir).len(), 4 * n as usize);
    // What only the whole corpus tells is left out of the comparison: the checks across
    // records, and so their counts.
    let own = |row: &Value| {
        !matches!(
            row["code"].as_str(),
            Some("duplicate-article" | "related-copy-mismatch")
        )
    };
    for table in ["records", "related", "diagnostics"] {
        let mut whole = read_ndjson(&whole_dir.join(format!("{table}.ndjson")));
        let mut shards: Vec<Value> = (0..n)
            .flat_map(|k| read_ndjson(&dir.join(format!("{table}.shard-{k}-of-{n}.ndjson"))))
            .collect();
        whole.retain(own);
        shards.retain(own);
        assert_eq!(shards.len(), whole.len(), "{table}");
        // Each file in exactly one shard.
        let key = |row: &Value| {
            let at = ["index", "line", "column", "path", "code"].map(|c| row[c].to_string());
            (row["file"].to_string(), at)
        };
        shards.sort_by_key(key);
        whole.sort_by_key(key);
        for (a, b) in shards.iter().zip(&whole) {
            assert_eq!(key(a), key(b), "{table}");
            for column in ["title", "key", "webUrl", "message"] {
                assert_eq!(a[column], b[column], "{table} {column}");
            }
        }
    }
    // Citations across shards: `related.resolvedKey` joined with the `records.keys` that
    // hold it, over every shard, finds the file the whole corpus resolves the entry to (the
    // first in path order, where several records are one article).
    let shard_rows = |table: &str| -> Vec<Value> {
        (0..n)
            .flat_map(|k| read_ndjson(&dir.join(format!("{table}.shard-{k}-of-{n}.ndjson"))))
            .collect()
    };
    let mut records = shard_rows("records");
    records.sort_by_key(|row| row["file"].to_string());
    let mut by_key: BTreeMap<String, String> = BTreeMap::new();
    for row in &records {
        for key in row["keys"].as_array().unwrap() {
            by_key
                .entry(key.to_string())
                .or_insert_with(|| row["file"].to_string());
        }
    }
    let whole: BTreeMap<(String, String), Value> = read_ndjson(&whole_dir.join("related.ndjson"))
        .into_iter()
        .map(|row| ((row["file"].to_string(), row["index"].to_string()), row))
        .collect();
    let mut across = 0;
    for row in shard_rows("related") {
        let joined = by_key.get(&row["resolvedKey"].to_string());
        let expected = &whole[&(row["file"].to_string(), row["index"].to_string())]["citedFile"];
        assert_eq!(
            joined.cloned(),
            (!expected.is_null()).then(|| expected.to_string())
        );
        across += usize::from(row["citedFile"].is_null() && joined.is_some());
    }
    assert!(across > 0, "no citation crosses shards");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("export.shard-1-of-{n}.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["shard"], format!("1/{n}"));
    assert!(manifest["scope"]
        .as_str()
        .unwrap()
        .contains("join related.resolvedKey with records.keys"));
}

/// More rows than one batch, one row group and one spill batch.
#[test]
fn many_files_stream_as_they_load() {
    let corpus_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-generated");
    let _ = std::fs::remove_dir_all(&corpus_dir);
    std::fs::create_dir_all(&corpus_dir).unwrap();
    for (name, text) in support::generate::files(support::generate::SEED, 2_500) {
        std::fs::write(corpus_dir.join(name), text).unwrap();
    }
    let paths = [corpus_dir.clone()];
    let dir = out_dir("export-generated-out");
    let summary = export_to(&paths, &dir, TableFormat::Parquet, Shard::whole());
    assert!(
        summary.related > 8 * 1024,
        "{} related entries",
        summary.related
    );
    let (corpus, graph) = checked_corpus(&paths);
    let tables = export::tables(&corpus, &graph).unwrap();
    assert_eq!(
        read_parquet(&dir.join("related.parquet")).columns(),
        tables.related.columns()
    );
    assert_eq!(
        read_parquet(&dir.join("records.parquet")).columns(),
        tables.records.columns()
    );
    std::fs::remove_dir_all(&corpus_dir).unwrap();
}

/// No byte sequence of any `secured` payload, nor either of its halves, in any file an
/// export writes, in either format.
#[test]
fn no_secured_payload_in_any_output() {
    let mut paths = inputs();
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if shared.exists() {
        paths.push(shared.join("realdata"));
        paths.push(shared.join("seed"));
    }
    let corpus = CorpusOptions::new().load(&paths);
    let mut needles: Vec<String> = Vec::new();
    for (_, doc) in corpus.documents() {
        let raw = doc.record.secured.expose_raw();
        needles.push(raw.to_owned());
        needles.extend(raw.split(';').map(str::to_owned));
    }
    assert!(needles.len() > 30);
    for format in [TableFormat::Parquet, TableFormat::Ndjson] {
        let dir = out_dir(&format!("export-secured-{}", format.extension()));
        export_to(&paths, &dir, format, Shard::whole());
        for name in files_in(&dir) {
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            for needle in &needles {
                let found = bytes
                    .windows(needle.len())
                    .any(|window| window == needle.as_bytes());
                assert!(!found, "{name} holds a secured payload");
            }
            assert!(!name.ends_with(".partial"), "a spill was left: {name}");
        }
    }
}

#[test]
fn an_unwritable_folder_is_an_error_naming_it() {
    let blocker = out_dir("export-blocked");
    std::fs::write(&blocker, "a file, not a folder").unwrap();
    let err = ExportOptions::new(CorpusOptions::new())
        .export(inputs(), &blocker.join("tables"), &|_| {})
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("cannot write `{}", blocker.display())),
        "{err}"
    );
    std::fs::remove_file(&blocker).unwrap();
}

/// The fixture with every key of the format set, at every level.
fn every_field() -> String {
    include_str!("fixtures/valid/article.md")
        .replacen(
            "published: true\n",
            "published: true\n\nfeaturedContent: \"<iframe src=\\\"https://www.example.com/e\\\"></iframe>\"\n",
            1,
        )
        .replacen(
            "      name: Example Energy\n      domain: example.net\n",
            "      name: Example Energy\n      domain: example.net\n      images:\n        - url: \"https://energy.example.net/logo.png\"\n          width: 40\n          height: 40\n",
            1,
        )
        .replacen(
            "        height: 450\n        isCached: true\n",
            "        height: 450\n        isCached: true\n        title: \"The pilot array\"\n",
            1,
        )
        .replacen("/w==\"\n", "/w==\"\nremoved: false\n", 1)
}

/// The keys the strict reader takes in the mapping where `unknown` is inserted after
/// `after`: the ones its error for an unknown key lists.
fn keys_read(text: &str, after: &str, unknown: &str) -> Vec<String> {
    let text = text.replacen(after, &format!("{after}{unknown}"), 1);
    let err = newsmatter::ParseOptions::new()
        .parse_str(&text)
        .expect_err(unknown);
    let (_, expected) = err
        .message()
        .split_once("expected one of ")
        .unwrap_or_else(|| panic!("{err}"));
    expected
        .split(", ")
        .map(|key| key.trim_matches('`').to_owned())
        .collect()
}

/// A record with every key the format has, at every level, survives the rendering whole,
/// every key but those the export documents it leaves out is a column that holds it, and
/// docs/FORMAT.md describes each. A field added to the model fails here until the fixture
/// sets it, both carry it and the format's description says what it is.
#[test]
fn a_record_with_every_field_set_survives_render_and_export() {
    let text = every_field();
    let doc: newsmatter::Document = text.parse().unwrap();
    let json = serde_json::to_value(&doc.record).unwrap();
    let levels: [(&str, &str, &str, &Value); 5] = [
        ("record", "category: news\n", "zzz: 1\n", &json),
        (
            "provider",
            "  domain: example.com\n",
            "  zzz: 1\n",
            &json["provider"],
        ),
        (
            "logo",
            "      height: 50\n",
            "      zzz: 1\n",
            &json["provider"]["images"][0],
        ),
        (
            "image",
            "    title: \"Panels on the reservoir at dawn\"\n",
            "    zzz: 1\n",
            &json["images"][0],
        ),
        (
            "related",
            "    quality: 48\n",
            "    zzz: 1\n",
            &json["related"][0],
        ),
    ];
    let mut keys = BTreeMap::new();
    for (level, after, unknown, value) in levels {
        let read = keys_read(&text, after, unknown);
        for key in &read {
            assert!(
                !value[key.as_str()].is_null(),
                "the fixture sets no `{key}` in a {level}"
            );
        }
        keys.insert(level, read);
    }

    // The format's description names every key in the section of its level.
    let format = include_str!("../docs/FORMAT.md");
    let section = |from: &str, to: &str| {
        let start = format.find(from).unwrap();
        &format[start..start + format[start..].find(to).unwrap()]
    };
    let sections = [
        ("record", section("## The record", "### Provider")),
        ("provider", section("### Provider", "### Image")),
        ("logo", section("### Provider", "### Image")),
        ("image", section("### Image", "### Related entry")),
        (
            "related",
            section("### Related entry", "## The AMP cache URL"),
        ),
    ];
    for (level, text) in sections {
        for key in &keys[level] {
            assert!(
                text.contains(&format!("`{key}`")),
                "docs/FORMAT.md does not describe `{key}` of a {level}"
            );
        }
    }

    // The rendering reads back as the same document.
    let again: newsmatter::Document = doc.to_string().parse().unwrap();
    assert_eq!(again, doc);

    // Every key is a column holding a value, but what the export documents it leaves out.
    let dir = out_dir("export-every-field");
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("every.md"), &text).unwrap();
    let tables = dir.join("tables");
    export_to(&[input], &tables, TableFormat::Ndjson, Shard::whole());
    let record = &read_ndjson(&tables.join("records.ndjson"))[0];
    let related = &read_ndjson(&tables.join("related.ndjson"))[0];
    let column = |row: &Value, key: &str| -> Option<Value> {
        row.get(key).filter(|v| !v.is_null()).cloned()
    };
    let provider_column = |key: &str| format!("provider{}{}", key[..1].to_uppercase(), &key[1..]);
    for key in &keys["record"] {
        match key.as_str() {
            // Rows of their own, and never written.
            "related" | "secured" => assert_eq!(column(record, key), None, "{key}"),
            "provider" => {
                for key in &keys["provider"] {
                    assert!(column(record, &provider_column(key)).is_some(), "{key}");
                }
            }
            _ => assert!(column(record, key).is_some(), "records has no `{key}`"),
        }
    }
    for key in &keys["related"] {
        match key.as_str() {
            // The cited record's row has them.
            "excerpt" | "images" => assert_eq!(column(related, key), None, "{key}"),
            "provider" => {
                for key in keys["provider"].iter().filter(|key| *key != "images") {
                    assert!(column(related, &provider_column(key)).is_some(), "{key}");
                }
            }
            _ => assert!(column(related, key).is_some(), "related has no `{key}`"),
        }
    }
    // Images and logos are lists of structs with every key of theirs.
    for (list, level) in [("images", "image"), ("providerImages", "logo")] {
        let first = &record[list][0];
        for key in &keys[level] {
            assert!(column(first, key).is_some(), "{list} has no `{key}`");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
