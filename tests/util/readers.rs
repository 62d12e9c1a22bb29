//! Every parse in the tests runs on both readers: the fast one (with the general one for
//! what it declines) and the general one alone, which must agree.

use newsmatter::check::Checked;
use newsmatter::read::{Parsed, Reader};
use newsmatter::{Error, ParseOptions, ValidateOptions};

/// What an error says, all of it: code, path, position, message, file.
fn error_parts(err: &Error) -> impl PartialEq + std::fmt::Debug {
    (
        err.code(),
        err.path().to_string(),
        err.line(),
        err.column(),
        err.to_string(),
    )
}

/// Parses `text` with `options` on both readers, checks that they agree (the same document
/// and warnings, or the same error), and gives the default reader's answer.
#[track_caller]
pub fn parse_with(options: ParseOptions, text: &str) -> Result<Parsed, Error> {
    let auto = options.reader(Reader::Auto).parse_str(text);
    let general = options.reader(Reader::General).parse_str(text);
    match (&auto, &general) {
        (Ok(fast), Ok(general)) => {
            assert_eq!(
                fast.document, general.document,
                "the readers disagree on {text}"
            );
            assert_eq!(
                fast.warnings, general.warnings,
                "the readers disagree on {text}"
            );
        }
        (Err(a), Err(g)) => assert_eq!(error_parts(a), error_parts(g), "on {text}"),
        _ => panic!("one reader failed: fast {auto:?}, general {general:?}, on {text}"),
    }
    // Every error at once: the first is the one above, none twice at a path.
    match (&auto, options.parse_all(text)) {
        (Ok(one), Ok(all)) => assert_eq!(one.document, all.document, "on {text}"),
        (Err(one), Err(all)) => {
            assert_eq!(error_parts(one), error_parts(&all[0]), "on {text}");
            let mut seen = std::collections::HashSet::new();
            for err in &all {
                assert!(
                    seen.insert((err.code(), err.path().clone())),
                    "{err} twice, on {text}"
                );
            }
        }
        (one, all) => panic!("parse_str gave {one:?} but parse_all {all:?}, on {text}"),
    }
    auto
}

/// Checks `text` with `validate` and `parse` on both readers, checks that they agree (the
/// same document and every diagnostic with its range; for a file that does not parse, the
/// same first error, which the general reader stops at), and gives the default reader's
/// answer.
#[track_caller]
pub fn check_with(validate: ValidateOptions, parse: ParseOptions, text: &str) -> Checked {
    let auto = validate
        .parse_options(parse.reader(Reader::Auto))
        .check_str(text);
    let general = validate
        .parse_options(parse.reader(Reader::General))
        .check_str(text);
    assert_eq!(
        auto.document, general.document,
        "the readers disagree on {text}"
    );
    if auto.document.is_some() {
        assert_eq!(
            auto.report, general.report,
            "the readers disagree on {text}"
        );
    } else {
        let first = |checked: &Checked| {
            checked.report.iter().next().map(|d| {
                (
                    d.code(),
                    d.path().to_string(),
                    d.line(),
                    d.column(),
                    d.message().to_owned(),
                )
            })
        };
        assert_eq!(
            first(&auto),
            first(&general),
            "the readers disagree on {text}"
        );
    }
    let mut seen = std::collections::HashSet::new();
    for d in &auto.report {
        assert!(
            // What is not a field (a comment) is told apart by its line.
            seen.insert((
                d.code(),
                d.path().clone(),
                d.path().is_root().then(|| (d.line(), d.column()))
            )),
            "{d} twice, on {text}"
        );
    }
    auto
}
