//! Every real file in `../shared/realdata` (read from there, never copied): the strict parse,
//! the five known `null` topics, and the round trip.

mod util;

use std::path::{Path, PathBuf};

use newsmatter::report::Code;
use newsmatter::{Document, ParseOptions};

/// The real files, in order; `None` (said) without `../shared`.
#[track_caller]
fn realdata(what: &str) -> Option<Vec<PathBuf>> {
    let root = util::shared("realdata", what)?;
    let mut files = Vec::new();
    for corpus in ["diablo4", "powerapps"] {
        let dir = std::fs::read_dir(root.join(corpus)).expect("../shared/realdata is there");
        for entry in dir {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert_eq!(files.len(), 84, "the sample holds 84 records");
    Some(files)
}

/// The files whose `topics` hold a `null` item (realdata/README).
const NULL_TOPICS: &[&str] = &[
    "2019-11-01-diablo-iv-unveiled.md",
    "2019-11-03-diablo-iv-feature-overview.md",
    "2019-11-13-a-letter-from-our-game-director-blizzcon-2019.md",
    "2019-11-19-system-design-in-diablo-iv-part-i.md",
    "2019-12-03-system-design-in-diablo-iv-part-ii.md",
];

fn is_null_topics(path: &Path) -> bool {
    NULL_TOPICS.iter().any(|name| path.ends_with(name))
}

#[test]
fn every_real_file_parses_strictly_but_the_null_topics() {
    let Some(files) = realdata("the strict parse of the real sample") else {
        return;
    };
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        util::parse_with(ParseOptions::new(), &text).ok();
        let result = Document::from_path(&path);
        if is_null_topics(&path) {
            let err = result.expect_err("a null topic is an error");
            assert_eq!(err.code(), Code::InvalidType, "{err}");
            assert_eq!(err.path().to_string(), "topics[0]", "{err}");
            assert_eq!((err.line(), err.column()), (Some(19), Some(4)), "{err}");
            assert_eq!(err.message(), "invalid type: null, expected a string");
            assert_eq!(err.file(), Some(path.as_path()));
        } else if let Err(err) = result {
            panic!("{err}");
        }
    }
}

#[test]
fn every_real_file_renders_and_parses_back_equal() {
    let Some(files) = realdata("the round trip of the real sample") else {
        return;
    };
    for path in files.into_iter().filter(|path| !is_null_topics(path)) {
        let doc = Document::from_path(&path).unwrap();
        let rendered = doc.to_string();
        let again = util::parse_with(ParseOptions::new(), &rendered)
            .unwrap_or_else(|err| panic!("{}: rendering does not parse: {err}", path.display()))
            .document;
        assert_eq!(again, doc, "{}", path.display());
        assert_eq!(again.to_string(), rendered, "{}", path.display());
    }
}

#[test]
fn every_real_file_renders_byte_for_byte() {
    let Some(files) = realdata("the rendering of the real sample") else {
        return;
    };
    // The renderer follows the producer's layout: what it writes is what the producer wrote.
    for path in files.into_iter().filter(|path| !is_null_topics(path)) {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: Document = text.parse().unwrap();
        assert!(
            doc.to_string() == text,
            "{} renders differently",
            path.display()
        );
    }
}

#[test]
fn real_variety_is_in_the_model() {
    let Some(files) = realdata("the variety of the real sample") else {
        return;
    };
    let docs: Vec<Document> = files
        .iter()
        .filter(|path| !is_null_topics(path))
        .map(|path| Document::from_path(path).unwrap())
        .collect();
    let count = |f: &dyn Fn(&Document) -> bool| docs.iter().filter(|d| f(d)).count();
    assert_eq!(
        count(&|d| d.record.record_type == newsmatter::RecordType::Video),
        17
    );
    assert_eq!(count(&|d| d.record.featured_content.is_some()), 17);
    assert_eq!(count(&|d| d.record.web_url.is_none()), 17);
    assert_eq!(count(&|d| d.record.quality.is_none()), 9);
    assert_eq!(count(&|d| d.record.provider.images.is_some()), 34);
    let related_videos = docs
        .iter()
        .flat_map(|d| d.record.related.iter().flatten())
        .filter(|r| r.web_url == newsmatter::RelatedUrl::Empty)
        .count();
    assert!(related_videos > 0);
}
