//! What a depending crate expects of the public types.

mod util;

use std::error::Error as _;

use newsmatter::report::Code;
use newsmatter::{Document, Error, ParseOptions, Record, Secured};

fn assert_traits<T: Send + Sync + Clone + PartialEq + std::fmt::Debug + 'static>() {}

#[test]
fn public_types_are_send_sync_and_comparable() {
    assert_traits::<Document>();
    assert_traits::<Record>();
    assert_traits::<Secured>();
    assert_traits::<ParseOptions>();
    fn error_traits<T: std::error::Error + Send + Sync + 'static>() {}
    error_traits::<Error>();
}

#[test]
fn io_errors_keep_their_source_and_name_the_file() {
    let err = Document::from_path("tests/fixtures/no-such-file.md").unwrap_err();
    assert_eq!(err.code(), Code::Io);
    assert_eq!(
        err.file(),
        Some(std::path::Path::new("tests/fixtures/no-such-file.md"))
    );
    let source = err.source().expect("the I/O error");
    let io = source
        .downcast_ref::<std::io::Error>()
        .expect("an io::Error");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    assert_eq!((err.line(), err.column()), (None, None));
}

#[test]
fn path_errors_show_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("newsmatter-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.md");
    std::fs::write(&file, util::article_with("heat: 12", "heat: -7")).unwrap();
    let err = Document::from_path(&file).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "{}:12:7: heat: invalid value: integer `-7`, expected -1 (not ranked) or an integer \
             from 0 to 4294967295",
            file.display()
        )
    );
}

#[test]
fn reader_and_slice_agree_with_str() {
    let from_str: Document = util::ARTICLE.parse().unwrap();
    assert_eq!(
        Document::from_slice(util::ARTICLE.as_bytes()).unwrap(),
        from_str
    );
    assert_eq!(
        Document::from_reader(util::ARTICLE.as_bytes()).unwrap(),
        from_str
    );
}

#[test]
fn json_documents_refuse_unknown_fields() {
    let doc: Document = util::ARTICLE.parse().unwrap();
    let mut json = serde_json::to_value(&doc).unwrap();
    json["extra"] = serde_json::json!(true);
    assert!(serde_json::from_value::<Document>(json).is_err());
}
