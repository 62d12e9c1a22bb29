//! Checking a small file that makes many diagnostics costs in proportion to its size: a
//! file 32 times as large takes nowhere near 32² times as long. Every diagnostic used to
//! find its source line by walking the text from its start, and, where the general reader
//! read, by parsing the front matter again: 4,000 repeated topics took 10 s.
//!
//! Speed itself is measured by the benches (`cargo bench --bench record -- hostile`); this
//! test only catches a return to quadratic cost, with a bound generous enough for a noisy
//! machine: the ratio of two times measured in the same run, at most 4 times what linear
//! cost gives, where quadratic cost gives 32 times it.

#[path = "../benches/support/mod.rs"]
mod support;

use std::convert::Infallible;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::report::Code;
use newsmatter::{CorpusOptions, Document};
use support::hostile::Layout;

/// The least time of three to check `text` as `newsmatter check` does (a scan, which keeps
/// the lines its diagnostics point at) and find the source line of every diagnostic; with
/// the number of lines found.
fn check_time(layout: Layout, text: &str, dir: &std::path::Path) -> (Duration, usize) {
    let path = dir.join(format!("{}-{}.md", layout.name(), text.len()));
    std::fs::write(&path, text).unwrap();
    let options = CorpusOptions::new().validate_options(layout.options());
    let mut best = Duration::MAX;
    let mut count = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let scan = options.scan([&path], &|_| {}, |_, _| {
            ControlFlow::<Infallible>::Continue(())
        });
        let ControlFlow::Continue(scan) = scan;
        let file = &scan.files()[0];
        count = 0;
        for diagnostic in file.report() {
            let line = diagnostic.line().expect("every diagnostic has a line");
            count += usize::from(file.source_line(line).is_some());
        }
        best = best.min(start.elapsed());
    }
    (best, count)
}

#[test]
fn checking_costs_in_proportion_to_the_file() {
    let dir = std::env::temp_dir().join(format!("newsmatter-linear-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for layout in Layout::ALL {
        let (small, shown_small) = check_time(layout, &layout.record(500), &dir);
        let (large, shown_large) = check_time(layout, &layout.record(16_000), &dir);
        // Every entry but the first repeats it, is unknown, or is wrong: one diagnostic each
        // or more, and its line shown.
        assert!(
            shown_small >= 499 && shown_large >= 15_999,
            "{shown_small} {shown_large}"
        );
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        assert!(
            ratio < 32.0 * 4.0,
            "{}: 32 times the entries took {ratio:.0} times as long ({small:?}, {large:?})",
            layout.name()
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A related entry whose copy of the record it cites differs says both values, and the
/// cited record's title comes from another file: thousands of entries citing one record
/// with a long title must not each copy all of it (two files of 1 MB made 4.5 GB of output).
#[test]
fn entries_citing_a_long_title_quote_a_bounded_part_of_it() {
    let dir = std::env::temp_dir().join(format!("newsmatter-quoted-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let record = |url: &str, title: &str, related: &str| {
        format!(
            "---\ncategory: news\ntitle: \"{title}\"\nexcerpt: \"An excerpt.\"\n\
             publishedDateTime: 2023-06-14T08:15:00Z\nwebUrl: \"{url}\"\ntype: article\n\
             quality: 61\nheat: 12\npublished: true\n\nprovider:\n  name: Example Daily\n  \
             domain: example.com\n\ntopics:\n  - x\n{related}\
             secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\n---\n"
        )
    };
    let long_title = "T".repeat(100_000);
    let entries = 2_000;
    let mut related = "related:\n".to_owned();
    for i in 0..entries {
        related.push_str(&format!(
            "  - title: \"R {i}\"\n    excerpt: \"e\"\n    publishedDateTime: 2023-06-14T08:15:00Z\n    \
             webUrl: \"https://www.example.com/cited\"\n    type: article\n    provider:\n      \
             name: Example Daily\n      domain: example.com\n    quality: 61\n"
        ));
    }
    let citing = record("https://www.example.com/citing", "Citing", &related);
    let cited = record("https://www.example.com/cited", &long_title, "");
    std::fs::write(dir.join("citing.md"), &citing).unwrap();
    std::fs::write(dir.join("cited.md"), &cited).unwrap();

    let scan = CorpusOptions::new().scan([&dir], &|_| {}, |_, _| {
        ControlFlow::<Infallible>::Continue(())
    });
    let ControlFlow::Continue(scan) = scan;
    let file = scan
        .files()
        .iter()
        .find(|f| f.path().ends_with("citing.md"))
        .unwrap();
    // Each entry after the first also repeats the first (`related-duplicate`).
    let messages: Vec<String> = file
        .report()
        .iter()
        .filter(|d| d.code() == Code::RelatedCopyMismatch)
        .map(|d| d.message().to_owned())
        .collect();
    assert_eq!(messages.len(), entries);
    let cited_path = dir.join("cited.md");
    assert_eq!(
        messages[7],
        format!(
            "differs from the cited record `{}`: `R 7` here, `{}…[+99800 characters]` there",
            cited_path.display(),
            "T".repeat(200)
        )
    );
    let bytes: usize = messages.iter().map(String::len).sum();
    assert!(
        bytes < 2 * (citing.len() + cited.len()),
        "{bytes} bytes of messages for {} bytes of files",
        citing.len() + cited.len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The least time of three to build the related graph of `copies` records that are one
/// article (the same `webUrl`), each with related entries citing that article under
/// another title: each citation is resolved among the copies by its title.
fn graph_time(copies: usize) -> Duration {
    let text = Layout::RelatedEntries.record(3);
    let record = text.parse::<Document>().unwrap().record;
    let records = vec![record; copies];
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let graph = RelatedGraph::from_records(records.iter().enumerate());
        assert_eq!(graph.edges().count(), 3 * copies);
        best = best.min(start.elapsed());
    }
    best
}

/// Citations of an article that many records are copies of are resolved in time in
/// proportion to their number: the copy with the cited title is looked up, not searched
/// for among all the copies for each citation (20,000 copies took seconds).
#[test]
fn citing_an_article_many_records_share_costs_in_proportion() {
    let (small, large) = (graph_time(1_000), graph_time(16_000));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(
        ratio < 16.0 * 4.0,
        "16 times the copies took {ratio:.0} times as long ({small:?}, {large:?})"
    );
}
