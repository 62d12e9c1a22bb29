//! Reads, checks and writes news records: Markdown files whose YAML front matter describes one
//! news article or video (title, excerpt, dates, URLs and their AMP variants, provider,
//! images, scores, an opaque sealed `secured` payload, and related articles).
//!
//! Parsing is strict: an unknown key, a duplicate key, a value of the wrong YAML type, `null`
//! on any key, a relative or `javascript:` URL, an impossible date or a malformed `secured`
//! envelope is an [`Error`] that names the field path and the line and column in the file.
//! Rendering writes the record back in the producer's layout, and parsing the rendering gives
//! an equal [`Document`].
//!
//! ```
//! use newsmatter::{Document, Heat, RecordType};
//!
//! let text = r#"---
//! category: news
//! title: "Lakeside town votes on a new library"
//! excerpt: "The council meets on Thursday."
//! publishedDateTime: 2024-03-05T09:30:00Z
//! webUrl: "https://news.example.com/2024/03/library-vote"
//! type: article
//! quality: 42
//! heat: -1
//! published: false
//!
//! provider:
//!   name: Example News
//!   domain: example.com
//!
//! topics:
//!   - Libraries
//!
//! secured: "AAAAAAAAAAAAAAAAAAAAAA==;AAECAwQFBgcICQoLDA0ODw=="
//! ---
//! "#;
//!
//! let doc: Document = text.parse()?;
//! let record = &doc.record;
//! assert_eq!(record.record_type, RecordType::Article);
//! assert_eq!(record.heat, Some(Heat::NotRanked));
//! assert_eq!(record.web_url.as_ref().unwrap().as_url().host_str(), Some("news.example.com"));
//! assert_eq!(format!("{:?}", record.secured), "Secured(<redacted>)");
//! assert_eq!(doc.to_string(), text);
//!
//! let err = text.replace("quality: 42", "quality: \"42\"").parse::<Document>().unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "line 8, column 10: quality: invalid type: string \"42\", expected an integer from 0 to 4294967295"
//! );
//! # Ok::<(), newsmatter::Error>(())
//! ```
//!
//! # Validation
//!
//! A record that parses can still break the format's rules. [`ValidateOptions::check_str`]
//! parses and validates in one call and reports every problem at once, each a
//! [`Diagnostic`](report::Diagnostic) with a severity, a stable [`Code`](report::Code), the
//! field path, a message and the line and column of the offending value; a parse error
//! becomes a diagnostic of the same shape.
//! [`Record::validate`] checks a record built in code (no positions then).
//!
//! | code | severity | what it means |
//! |---|---|---|
//! | `io` | error | the file could not be read |
//! | `too-large` | error | the file is over [`ParseOptions::max_size`] |
//! | `invalid-utf8` | error | the file is not UTF-8 |
//! | `missing-opening-delimiter` | error | the first line is not `---` |
//! | `missing-closing-delimiter` | error | no later `---` (or `...`) line closes the front matter |
//! | `yaml-syntax` | error | the front matter is not well-formed YAML |
//! | `not-a-mapping` | error | the front matter is not a mapping |
//! | `unknown-key` | error (warning when lenient) | a key the format does not define |
//! | `duplicate-key` | error | a key twice in one mapping |
//! | `missing-key` | error | a required key is absent |
//! | `invalid-type` | error | a value of the wrong YAML type (`"54"`, `yes`, `null`) |
//! | `invalid-value` | error | a value out of its range (`heat: -2`, `type: podcast`) |
//! | `date-format` | error | `publishedDateTime` is not RFC 3339 with an offset |
//! | `url-invalid` | error | a URL that is not absolute |
//! | `url-scheme` | error | a URL that is not `http` or `https` (`javascript:`, `ftp:`) |
//! | `url-credentials` | error | a URL with a user name or password |
//! | `secured-envelope` | error | `secured` is not `<base64>;<base64>` with a 16-byte IV and whole blocks |
//! | `limit-exceeded` | error | nesting or alias expansion past the limits below |
//! | `web-url-missing` | error | an article, or a related article, without a real `webUrl` |
//! | `web-url-on-video` | warning | a video with a `webUrl` (related videos have `""`) |
//! | `amp-cache-mismatch` | error | `cdnAmpWebUrl` is not the AMP cache URL of `ampWebUrl` ([`amp_cache_url`](check::amp_cache_url)) |
//! | `amp-cache-without-amp` | error | `cdnAmpWebUrl` without `ampWebUrl` |
//! | `heat-unranked-published` | warning | `heat: -1` with `published: true` |
//! | `scores-partial` | warning | only some of `quality`, `heat`, `published` |
//! | `category-empty` | error | `category` is empty |
//! | `title-empty` | error | a title is empty after trimming |
//! | `control-character` | error | a control character in a title, or in an excerpt but tab, LF, CR |
//! | `bidi-control` | warning | a bidirectional control character (U+202A–U+202E, U+2066–U+2069) in text or a URL: text that may display in another order than it is read (Trojan Source) |
//! | `html-entity` | warning | an HTML entity left in text or a URL (`&amp;#39;`, `&#8217;`) |
//! | `mojibake` | warning | UTF-8 read as Windows-1252 in text or a URL (`â€“`) |
//! | `image-size` | error | an image or logo with a width or height of 0 |
//! | `provider-name-empty` | error | a provider without a name |
//! | `provider-domain` | error | a provider `domain` that is not a bare lower-case host name |
//! | `provider-host-mismatch` | warning | a `webUrl` host outside the provider's domain |
//! | `topic-empty` | error | an empty topic |
//! | `topic-repeated` | warning | a topic repeated, ignoring case |
//! | `related-self` | error | a related entry citing the record itself |
//! | `related-duplicate` | warning | two related entries for the same article |
//! | `date-in-future` | warning | a `publishedDateTime` after the reference time |
//! | `duplicate-article` | warning | the same article in several files of a corpus ([`Corpus::cross_check`](corpus::Corpus::cross_check)) |
//! | `related-copy-mismatch` | warning | a related entry's copy of a corpus record disagrees with it (title, date, provider, quality) |
//! | `unused-suppression` | warning | a `# newsmatter: allow(…)` comment that suppresses nothing (see below) |
//!
//! # Every problem of a file at once
//!
//! A file that does not parse is not one error. [`ValidateOptions::check_str`] (and every
//! `check_*` call, and `newsmatter check`) reports all of its problems, and
//! [`ParseOptions::parse_all`] gives every parse error (or the document, when there is none):
//!
//! - **The first error is the one [`Document::from_str`](std::str::FromStr) gives**, exactly
//!   (code, path, line, column, message); the others follow in file order, then what the
//!   rules say of the values that did read.
//! - **What is read past.** Where the file is written in the YAML that producers write (the
//!   fast reader's subset, see [`Reader`](read::Reader)), a wrong key or value does not stop
//!   the reading: an unknown key, a key twice, a missing key, a value of the wrong YAML type
//!   or `null`, a value its type refuses (a URL, a date, `type`, a number out of range, a
//!   `secured` envelope), and YAML that no parser takes on a value's line: text after a
//!   closed value (`title: "x" y`), a `: ` in a plain value after a key (`title: a: b`), a
//!   value starting with `@`, `` ` `` or `%` (each a `yaml-syntax` error worded as the YAML
//!   engine words it, at the path the general reader gives it). Each is reported with the
//!   message the general reader gives it (asked about that value alone), the value is left
//!   out, and reading goes on at the next key or item.
//! - **Nothing guessed, nothing twice.** A key whose value did not read is not also
//!   "missing"; a misspelt key (`titel`) does not make the key it likely meant (`title`)
//!   missing; a rule that reads a value that did not read is not run on it (`category-empty`
//!   is still reported beside a broken `quality`, `scores-partial` is not); no two
//!   diagnostics of a file share a code and a path. Checks across records use only records
//!   that parsed.
//! - **Where the general reader decides**, outside the subset (anchors, flow collections,
//!   block scalars, tabs…), it stops at its first error, and that diagnostic's
//!   [`note`](report::Diagnostic::note) says so: `the general reader stops at the first
//!   error: the fast reader, which reads on, declined this file (anchor at line 11, column
//!   10)`.
//!
//! Every diagnostic and error has a [`Span`](report::Span): the start and end (line, column
//! in characters, byte offset in the file) of the offending key or value;
//! [`Parsed::position`](read::Parsed::position) gives the span of any value of a parsed
//! file, and [`ParseOptions::source_map`] of any key or value of a file, whether it parses
//! or not ([`SourceMap`](read::SourceMap)). Where the fix is clear a diagnostic carries a [`Suggestion`](report::Suggestion) as
//! data (a message, the replacement, its span): a known key for one within a third of its
//! letters (``did you mean `title`?``), an enum value close to one (`artcle`), `true` or
//! `false` for `yes`, `no`, `on`, `off`, a number without its quotes. In `--format json` a
//! diagnostic is `{"file", "severity", "code", "path", "line", "column", "endLine",
//! "endColumn", "message"}`, with `"suggestion": {"message", "replacement", "span": {"line",
//! "column", "endLine", "endColumn", "start", "end"}}` and `"note"` when there is one.
//!
//! ```
//! use newsmatter::report::Code;
//! use newsmatter::ValidateOptions;
//!
//! let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?
//!     .replace("quality: 61", "quality: \"61\"")
//!     .replacen("category: news", "category: \"\"", 1)
//!     .replacen("  domain: example.com", "  domain: Example.COM", 1);
//! let report = ValidateOptions::new().check_str(&text).report;
//! let found: Vec<(Code, String)> = report.iter().map(|d| (d.code(), d.path().to_string())).collect();
//! assert_eq!(found, [
//!     (Code::InvalidType, "quality".to_owned()),
//!     (Code::CategoryEmpty, "category".to_owned()),
//!     (Code::ProviderDomain, "provider.domain".to_owned()),
//! ]);
//! let first = report.iter().next().unwrap();
//! assert_eq!(first.suggestion().unwrap().replacement(), "61");
//! assert_eq!((first.line(), first.column(), first.end_column()), (Some(11), Some(10), Some(14)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A YAML comment `# newsmatter: allow(CODE, …)` in a record suppresses the diagnostics of
//! those codes on its own line (after a value) or on the next line (alone on its line); only
//! the checks of a record read ([`Code::is_adjustable`](report::Code::is_adjustable)), and not
//! those across records. One that suppresses nothing is an `unused-suppression` warning.
//!
//! ```
//! use newsmatter::ValidateOptions;
//!
//! let text = std::fs::read_to_string("tests/fixtures/valid/article.md")?
//!     .replace("  - Reservoirs", "  # newsmatter: allow(topic-repeated)\n  - solar power");
//! assert!(ValidateOptions::new().check_str(&text).report.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Two URLs name the same article (for `related-self` and `related-duplicate`) when their
//! [`ArticleKey`]s are equal: the same but for `http`/`https`, the fragment and a trailing
//! slash.
//!
//! # Corpora and the related graph
//!
//! [`CorpusOptions::load`] reads a whole corpus (files and directories, walked recursively),
//! parsing and validating the files in parallel; each file keeps its document and report, in
//! path order. [`RelatedGraph::build`](corpus::graph::RelatedGraph::build) connects the
//! records through their `related` lists: a related entry that cites any URL a record is
//! known by (`webUrl`, `originalUrl`, `ampWebUrl`, `cdnAmpWebUrl`, compared as
//! [`ArticleKey`]s) resolves to that record, and the others become external nodes.
//! [`Corpus::cross_check`](corpus::Corpus::cross_check) then reports what only the whole
//! corpus shows: the same article in several files, and copies that disagree with the record
//! they cite.
//!
//! ```
//! use newsmatter::CorpusOptions;
//! use newsmatter::corpus::graph::RelatedGraph;
//!
//! let mut corpus = CorpusOptions::new().load(["tests/fixtures/corpus"]);
//! let graph = RelatedGraph::build(&corpus);
//! assert_eq!((graph.node_count(), graph.edge_count()), (7, 7));
//! assert_eq!(graph.clusters().len(), 3);
//! corpus.cross_check(&graph)?;
//! let warnings: usize = corpus.files().iter().map(|f| f.report().warning_count()).sum();
//! assert_eq!(warnings, 3);
//! assert_eq!(corpus.totals().warnings, 3);
//! # Ok::<(), newsmatter::corpus::graph::GraphMismatch>(())
//! ```
//!
//! [`RelatedGraph::view`](corpus::graph::RelatedGraph::view) gives the graph as data to
//! serialize, `{"nodes": [...], "edges": [...], "clusters": [...]}` (each node `{"id",
//! "key", "url", "title", "type", "inCorpus", "file"}`, each edge `{"source", "target",
//! "entry"}`, each cluster a list of node ids; its documentation has the details), and
//! [`RelatedGraph::to_dot`](corpus::graph::RelatedGraph::to_dot) as Graphviz DOT. A graph
//! knows the corpus it was built from: with any other, these calls return
//! [`GraphMismatch`](corpus::graph::GraphMismatch).
//!
//! A corpus keeps each file's document, its front matter text and the position of each of
//! its values (12 bytes a value) where the fast reader read it, to point later diagnostics
//! at their lines: loading 10,000 generated files (41 MB) peaks at 169 MB.
//! [`CorpusOptions::scan`] checks a corpus in bounded memory instead: it hands each file
//! over in path order and keeps only its report and what the checks across records need (a
//! few hundred bytes a record), which is what `newsmatter check` runs: 100,000 generated
//! files peak at 156 MB of resident memory, where loading them takes 1.66 GB.
//! [`Shard`](corpus::Shard)s cut a corpus for separate machines.
//!
//! # Export
//!
//! With the feature `export` (NDJSON) or `parquet` (Parquet, and Arrow `RecordBatch`es in
//! memory), the `export` module writes a corpus as three tables, `records`, `related` and
//! `diagnostics`, that DuckDB, Spark and DataFusion read directly; the module says what
//! each column holds.
//!
//! # Two readers
//!
//! A front matter is read by a fast reader made for the YAML that producers write (block
//! mappings and lists, `[]`, plain and quoted scalars on one line, comments), which records
//! where every value is as it reads; at anything outside that subset, and at anything that
//! would be an error, it declines and the general reader (serde_yaml) decides, exactly as it
//! would alone. Both give the same answer on every input; [`Reader`](read::Reader) says
//! more, and [`Parsed::declined`](read::Parsed::declined) why a file was declined.
//!
//! # Limits
//!
//! Input is bounded so that no file can make parsing panic, hang or allocate without bound:
//! files over [`ParseOptions::max_size`] (default [`DEFAULT_MAX_SIZE`](read::DEFAULT_MAX_SIZE),
//! 1 MiB) are refused; YAML nesting stops at 128 levels, and flow collections (`[`, `{`) are
//! counted before the YAML parser runs, whose time would grow with the square of their
//! depth; and aliases may not make the front matter stand for more values than it has bytes
//! (which stops "billion laughs" files).

//! # Where things are
//!
//! The root holds the model (the record and its value types) and the three entry points,
//! [`ParseOptions`], [`ValidateOptions`] and [`CorpusOptions`], with the [`Error`] of
//! reading. Each module is one layer of the crate and holds the rest of that layer's API;
//! the layers are the folders of `src/`, each uses only the layers above it in this table,
//! and none imports one that imports it back:
//!
//! | layer | what it holds |
//! |---|---|
//! | [`report`] | what can be said: [`Code`](report::Code), [`Diagnostic`](report::Diagnostic), [`Report`](report::Report), [`FieldPath`](report::FieldPath), [`ErrorKind`](report::ErrorKind) |
//! | `model` | at the root: the typed record ([`Record`], [`Document`], [`RecordBuilder`]) and its value types ([`HttpUrl`], [`Secured`], [`ArticleKey`]): plain data |
//! | [`read`] | the envelope, the input limits, the fast reader and the general (serde_yaml) one, what a parse gives ([`Parsed`](read::Parsed)), the JSON Schema ([`json_schema`](read::json_schema)) |
//! | [`check`] | the format's rules and their fixes, inline suppression, what a check gives ([`Checked`](check::Checked)), AMP cache URLs |
//! | [`write`](mod@write) | the canonical rendering, [`format_file`](write::format_file) and [`fix_file`](write::fix_file) |
//! | [`corpus`] | loading and scanning many files, [`Shard`](corpus::Shard)s, the related graph ([`corpus::graph`]), the checks across records, figures ([`corpus::stats`]) |
//! | `export` | the corpus as tables: NDJSON, Parquet, Arrow (features `export`, `parquet`) |
//!
//! The command line is its own package (`cli/` in the repository), built on the public API
//! alone.

#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]
// On docs.rs (nightly, `--cfg docsrs`), items behind a feature say which.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod check;
pub mod corpus;
#[cfg(feature = "export")]
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
pub mod export;
mod model;
pub mod read;
pub mod report;
pub mod write;

pub use check::validate::ValidateOptions;
pub use corpus::load::CorpusOptions;
pub use model::{
    ArticleKey, Document, Heat, HttpUrl, Image, Logo, Provider, Record, RecordBuilder, RecordType,
    Related, RelatedUrl, Secured, SecuredError, UnknownKeys, UnknownValue, UrlError, BLOCK_LEN,
    IV_LEN,
};
pub use read::options::ParseOptions;
pub use report::error::{Error, Result};

/// The `chrono` this crate's dates are of (`DateTime<FixedOffset>`), so that a program
/// building records needs no dependency of its own to name them.
pub use chrono;
/// The `url` this crate's URLs are of ([`HttpUrl::as_url`]).
pub use url;

/// The record format, as newsmatter reads it: the envelope, every key and its rules, the
/// codes of the problems, and how the producer writes a record (`docs/FORMAT.md`).
#[doc = include_str!("../docs/FORMAT.md")]
pub mod record_format {}

/// The README's examples, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
