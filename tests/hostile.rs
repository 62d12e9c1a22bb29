//! Hostile input gets an error: never a panic, a stack overflow, a hang or an unbounded
//! allocation.

mod util;

use std::io::Read;

use newsmatter::report::Code;
use newsmatter::{Document, ParseOptions};
use util::{article_with, ARTICLE};

fn billion_laughs() -> String {
    let mut yaml = String::from("lol0: &l0 \"lol\"\n");
    for level in 1..=9 {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        yaml.push_str(&format!("lol{level}: &l{level} [{aliases}]\n"));
    }
    yaml
}

#[test]
fn billion_laughs_in_lenient_mode_hits_the_limit() {
    let text = article_with(
        "type: article\n",
        &format!("type: article\n{}", billion_laughs()),
    );
    let err = ParseOptions::new()
        .lenient(true)
        .parse_str(&text)
        .unwrap_err();
    assert_eq!(err.code(), Code::LimitExceeded, "{err}");
    assert_eq!(
        err.message(),
        "aliases expand the front matter to more values than its size allows"
    );
    assert!(err.path().to_string().starts_with("lol"), "{err}");
}

#[test]
fn billion_laughs_in_strict_mode_stops_at_the_first_unknown_key() {
    let text = article_with(
        "type: article\n",
        &format!("type: article\n{}", billion_laughs()),
    );
    let err = util::parse_err(&text);
    assert_eq!(err.code(), Code::UnknownKey);
    assert_eq!(err.path().to_string(), "lol0");
}

#[test]
fn aliased_related_entries_cannot_multiply_past_the_budget() {
    // Typed positions can be aliased too: thousands of aliases of one anchored entry.
    let mut text = String::from(
        "---\ncategory: news\ntitle: t\nexcerpt: e\npublishedDateTime: 2023-06-14T08:15:00Z\n\
         type: video\nprovider: &p {name: n, domain: example.com}\ntopics: []\nrelated:\n  - &r \
         {title: t, excerpt: e, publishedDateTime: 2023-06-10T17:40:00Z, webUrl: \"\", \
         type: video, provider: *p, quality: 1}\n",
    );
    text.push_str(&"  - *r\n".repeat(3000));
    text.push_str(
        "secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\n---\n",
    );
    let err = util::parse_err(&text);
    assert_eq!(err.code(), Code::LimitExceeded, "{err}");
    assert_eq!(
        err.path().to_string(),
        "related[2134].provider.name",
        "{err}"
    );
}

#[test]
fn hundred_thousand_nested_brackets() {
    let depth = 100_000;
    for value in [
        format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        "[".repeat(depth),
        "{a: ".repeat(depth),
    ] {
        for (from, to) in [
            (
                "topics:\n  - Solar Power\n  - Reservoirs\n",
                format!("topics: {value}\n"),
            ),
            (
                "type: article\n",
                format!("type: article\nextra: {value}\n"),
            ),
        ] {
            let text = article_with(from, &to);
            let line = text[..text.find(&value).unwrap()].lines().count();
            for options in [ParseOptions::new(), ParseOptions::new().lenient(true)] {
                let err = util::parse_with(options, &text).unwrap_err();
                assert_eq!(err.code(), Code::LimitExceeded, "{err}");
                assert_eq!(
                    err.message(),
                    "flow collections nest deeper than 128 levels"
                );
                assert_eq!(err.line(), Some(line));
            }
        }
    }
}

#[test]
fn deep_block_nesting_in_an_unknown_key_stops_at_the_recursion_limit() {
    // Block nesting needs a line per level, so the size limit bounds it; the deserializer's
    // recursion limit (128) stops it.
    let mut value = String::new();
    for level in 0..1_000 {
        value.push_str(&format!("\n{:width$}k{level}:", "", width = level + 2));
    }
    let text = article_with(
        "type: article\n",
        &format!("type: article\nextra:{value} x\n"),
    );
    let err = ParseOptions::new()
        .lenient(true)
        .parse_str(&text)
        .unwrap_err();
    assert_eq!(err.code(), Code::LimitExceeded, "{err}");
    assert_eq!(err.message(), "recursion limit exceeded");
    assert_eq!(err.line(), Some(139));
}

#[test]
fn refuses_files_over_the_size_limit() {
    let err = ParseOptions::new()
        .max_size(100)
        .parse_str(ARTICLE)
        .unwrap_err();
    assert_eq!(err.code(), Code::TooLarge);
    assert_eq!(
        err.message(),
        "the file is larger than the limit of 100 bytes"
    );
    let huge = format!(
        "{ARTICLE}{}",
        "x".repeat(newsmatter::read::DEFAULT_MAX_SIZE)
    );
    assert_eq!(util::parse_err(&huge).code(), Code::TooLarge);
}

#[test]
fn reads_no_further_than_the_limit_from_an_endless_reader() {
    let endless = std::io::repeat(b'x');
    let err = ParseOptions::new()
        .max_size(1 << 16)
        .parse_reader(endless)
        .unwrap_err();
    assert_eq!(err.code(), Code::TooLarge);
    let mut counted = Counted(std::io::repeat(b'-'), 0);
    let _ = ParseOptions::new()
        .max_size(1000)
        .parse_reader(&mut counted);
    assert_eq!(counted.1, 1001);
}

struct Counted<R>(R, usize);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        self.1 += n;
        Ok(n)
    }
}

#[test]
fn long_scalars_within_the_limit_are_fine() {
    let title = "ü".repeat(100_000);
    let text = article_with("Harbor city opens a floating solar farm", &title);
    let doc: Document = text.parse().unwrap();
    assert_eq!(doc.record.title, title);
}

#[test]
fn tags_are_type_errors() {
    let text = article_with("category: news", "category: !custom news");
    let err = util::parse_err(&text);
    assert_eq!(err.code(), Code::InvalidType, "{err}");
    assert_eq!(err.path().to_string(), "category");
}

/// A FIFO (with no writer: reading it would wait forever) or a device in place of a record
/// is refused at once by every way of reading a path, the corpus loader's among them.
#[cfg(unix)]
#[test]
fn special_files_are_refused_without_reading() {
    let dir = std::env::temp_dir().join(format!("newsmatter-special-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("record.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for path in [fifo.as_path(), std::path::Path::new("/dev/zero")] {
        let expected = "not a regular file: only regular files are read";
        let err = Document::from_path(path).unwrap_err();
        assert_eq!(
            (err.code(), err.message(), err.file()),
            (Code::Io, expected, Some(path))
        );
        let err = ParseOptions::new().parse_path(path).unwrap_err();
        assert_eq!(err.message(), expected);
        let checked = newsmatter::ValidateOptions::new().check_path(path);
        assert_eq!(checked.report.iter().next().unwrap().message(), expected);
        let corpus = newsmatter::CorpusOptions::new().load([path]);
        assert_eq!(
            corpus.files()[0].report().iter().next().unwrap().message(),
            expected
        );
    }
    let err = Document::from_path(&dir).unwrap_err();
    assert_eq!(err.message(), "a directory: only regular files are read");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A file a walk found, swapped for a link (to a secret outside the corpus) before it is
/// read, is not read through the link: here the second read of a scan, which locates the
/// diagnostics across records.
#[cfg(unix)]
#[test]
fn a_walked_file_swapped_for_a_link_is_not_read_through_it() {
    use std::ops::ControlFlow;
    let dir = std::env::temp_dir().join(format!("newsmatter-swap-{}", std::process::id()));
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let secret = dir.join("environ");
    std::fs::write(&secret, "SECRET-OF-THE-JOB=1\n").unwrap();
    // The same article twice: `b.md` gets a `duplicate-article` warning, located by reading
    // it again after the walk.
    std::fs::write(corpus.join("a.md"), ARTICLE).unwrap();
    std::fs::write(corpus.join("b.md"), ARTICLE).unwrap();
    let scan = newsmatter::CorpusOptions::new().scan([&corpus], &|_| {}, |index, _| {
        if index == 0 {
            std::fs::remove_file(corpus.join("b.md")).unwrap();
            std::os::unix::fs::symlink(&secret, corpus.join("b.md")).unwrap();
        }
        ControlFlow::<()>::Continue(())
    });
    let ControlFlow::Continue(scan) = scan else {
        unreachable!()
    };
    let b = &scan.files()[1];
    let first = b.report().iter().next().unwrap();
    assert_eq!(first.code(), newsmatter::report::Code::Io);
    assert_eq!(
        first.message(),
        "a symbolic link where a walk found a file: not followed"
    );
    for line in 1..=3 {
        assert!(b.source_line(line).is_none_or(|l| !l.contains("SECRET")));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
