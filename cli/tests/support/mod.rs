//! What the tests of the binary share: running it as a user does, from the repository's
//! root, and writing corpora to temporary directories.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const ARTICLE: &str = include_str!("../../../tests/fixtures/valid/article.md");
pub const PAYLOAD: &str = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==";

pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsmatter"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[track_caller]
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

static DIR: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory holding `files` (name, contents).
pub fn temp_corpus(files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "newsmatter-cli-{}-{}",
        std::process::id(),
        DIR.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

pub fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// As [`run`], in `dir`.
pub fn run_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsmatter"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// As [`run`], with `input` on standard input.
pub fn run_with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmatter"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Writes a generated corpus into `dir`: `n` records, valid, a fifth of them videos, over fourteen months, citing each
/// other in rings of five (each cites the next two of its ring; every fifth ring also cites
/// one article outside the corpus).
pub fn generated(dir: &std::path::Path, n: usize) {
    let news = [
        ("Example Daily", "example.com"),
        ("Coast Net", "example.net"),
        ("Valley Herald", "valley-herald.example"),
        ("Example Org News", "example.org"),
    ];
    // Every fifth record is a video, of a video channel.
    let provider = |i: usize| {
        if i % 5 == 4 {
            ("Harbour Channel", "youtube.com")
        } else {
            news[i % news.len()]
        }
    };
    let topics = [
        "Harbour Bridge",
        "Solar Power",
        "Trams",
        "Festival",
        "Schools",
    ];
    let url = |i: usize| match provider(i) {
        (_, "youtube.com") => format!("https://www.youtube.com/watch?v=story{i}"),
        (_, domain) => format!("https://www.{domain}/story/{i}"),
    };
    let title = |i: usize| format!("Story {i} of the generated corpus");
    let quality = |i: usize| (i * 37) % 150;
    let date = |i: usize| {
        let month = i % 14;
        format!(
            "{}-{:02}-{:02}T08:00:00Z",
            2023 + month / 12,
            month % 12 + 1,
            i % 28 + 1
        )
    };
    let files: Vec<(String, String)> = (0..n)
        .map(|i| {
            let (name, domain) = provider(i);
            let ring = i / 5 * 5;
            let mut related = String::new();
            // The next, the one after, and the previous of the ring: neighbours cite each
            // other, the others one way.
            for step in [1, 2, 4] {
                let j = ring + (i - ring + step) % 5;
                if j >= n {
                    continue;
                }
                let (cited_name, cited_domain) = provider(j);
                // A related video has no page: `webUrl: ""`, known by title and provider.
                let (kind, web_url) = if j % 5 == 4 {
                    ("video", String::new())
                } else {
                    ("article", url(j))
                };
                related.push_str(&format!(
                    "  - title: \"{}\"\n    excerpt: \"\"\n    publishedDateTime: {}\n    \
                     webUrl: \"{web_url}\"\n    type: {kind}\n    provider:\n      \
                     name: {cited_name}\n      domain: {cited_domain}\n    quality: {}\n",
                    title(j),
                    date(j),
                    quality(j)
                ));
            }
            let date = date(i);
            if i % 25 == 0 {
                related.push_str(&format!(
                    "  - title: \"Outside article {i}\"\n    excerpt: \"\"\n    \
                     publishedDateTime: {date}\n    webUrl: \"https://elsewhere.example/{i}\"\n    \
                     type: article\n    provider:\n      name: Elsewhere\n      \
                     domain: elsewhere.example\n    quality: 1\n"
                ));
            }
            let kind = if i % 5 == 4 {
                format!(
                    "originalUrl: \"{}\"\ntype: video\nfeaturedContent: \"<iframe src=\\\"https://www.youtube.com/embed/v{i}\\\"></iframe>\"\n",
                    url(i)
                )
            } else {
                format!("webUrl: \"{}\"\ntype: article\n", url(i))
            };
            let text = format!(
                "---\ncategory: news\ntitle: \"{}\"\nexcerpt: \"A generated record.\"\n\
                 publishedDateTime: {date}\n{kind}quality: {}\nheat: {}\npublished: true\n\
                 secured: \"{PAYLOAD}\"\nprovider:\n  name: {name}\n  domain: {domain}\ntopics:\n  - {}\n{}---\n\nBody.\n",
                title(i),
                quality(i),
                (i * 13) % 90,
                topics[i % topics.len()],
                if related.is_empty() {
                    String::new()
                } else {
                    format!("related:\n{related}")
                }
            );
            (format!("story-{i:06}.md"), text)
        })
        .collect();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}
