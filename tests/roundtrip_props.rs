//! Property tests of every public entry point: rendering then parsing is the identity,
//! rendering is a fixed point, valid records validate clean, no input makes parsing panic and
//! every error points inside the file, `Secured` round-trips and never shows, AMP cache URLs
//! are well-formed, and article identity is idempotent.

mod strategies;
mod util;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::DateTime;
use newsmatter::check::{amp_cache_url, is_amp_cache_url_of};
use newsmatter::report::Code;
use newsmatter::{ArticleKey, Error, ParseOptions, Secured, ValidateOptions};
use proptest::prelude::*;
use strategies::{arb_document, arb_http_url, arb_valid_document};

/// Every error of a parse of `text` has a line within it (or, for the whole file, none).
fn assert_error_in_file(text: &[u8], err: &Error) -> Result<(), TestCaseError> {
    let lines = text.split(|&b| b == b'\n').count();
    match (err.code(), err.line()) {
        (Code::TooLarge | Code::Io, None) => Ok(()),
        (_, Some(line)) => {
            prop_assert!((1..=lines).contains(&line), "{err}: line {line} of {lines}");
            prop_assert!(err.column().is_some_and(|c| c >= 1), "{err}");
            Ok(())
        }
        (_, None) => Err(TestCaseError::fail(format!("no line: {err}"))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn render_then_parse_is_the_identity(doc in arb_document()) {
        let rendered = doc.to_string();
        let again = util::parse_with(ParseOptions::new(), &rendered)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{rendered}")))?
            .document;
        prop_assert_eq!(&again, &doc);
        prop_assert_eq!(again.to_string(), rendered);
    }

    #[test]
    fn parse_never_panics_on_any_text(text in any::<String>()) {
        for options in [ParseOptions::new(), ParseOptions::new().lenient(true)] {
            if let Err(err) = util::parse_with(options, &text) {
                assert_error_in_file(text.as_bytes(), &err)?;
            }
        }
    }

    #[test]
    fn valid_records_validate_clean(doc in arb_valid_document()) {
        let options = ValidateOptions::new()
            .reference_time(DateTime::parse_from_rfc3339("2200-01-01T00:00:00Z").unwrap());
        let text = doc.to_string();
        let checked = util::check_with(options, ParseOptions::new(), &text);
        prop_assert!(checked.report.is_empty(), "{}\n{text}", checked.report);
        prop_assert!(options.validate(&doc.record).is_empty());
    }

    #[test]
    fn secured_round_trips_and_never_shows(
        blocks in 1_usize..8,
        bytes in proptest::collection::vec(any::<u8>(), 128),
        iv in any::<[u8; 16]>(),
    ) {
        let ciphertext = &bytes[..blocks * 16];
        let raw = format!("{};{}", STANDARD.encode(ciphertext), STANDARD.encode(iv));
        let secured = Secured::new(&raw).unwrap();
        prop_assert_eq!(secured.ciphertext(), ciphertext);
        prop_assert_eq!(secured.iv(), &iv);
        prop_assert_eq!(secured.expose_raw(), raw.as_str());
        prop_assert_eq!(format!("{secured:?}"), "Secured(<redacted>)");
        prop_assert_eq!(serde_json::to_value(&secured).unwrap(), serde_json::Value::String(raw));
    }

    #[test]
    fn amp_cache_urls_are_well_formed(page in arb_http_url()) {
        let cache = amp_cache_url(page.as_url());
        prop_assert_eq!(cache.scheme(), "https");
        let host = cache.host_str().unwrap();
        let label = host.strip_suffix(".cdn.ampproject.org").unwrap();
        prop_assert!((1..=63).contains(&label.len()), "{label}");
        prop_assert!(label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{label}");
        prop_assert!(!label.starts_with('-') && !label.ends_with('-'), "{label}");
        prop_assert_eq!(&amp_cache_url(page.as_url()), &cache);
        prop_assert!(is_amp_cache_url_of(&cache, page.as_url()));
    }

    #[test]
    fn article_identity_is_idempotent(url in arb_http_url()) {
        let key = ArticleKey::from_url(url.as_url());
        let again = url::Url::parse(&format!("https://{key}")).unwrap();
        prop_assert_eq!(ArticleKey::from_url(&again), key);
    }

    #[test]
    fn parse_never_panics_on_a_record_with_one_byte_inserted_changed_or_deleted(
        doc in arb_document(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        mutation in 0_u8..3,
    ) {
        let mut bytes = doc.to_string().into_bytes();
        let at = at.index(bytes.len() + 1);
        match (mutation, at == bytes.len()) {
            (0, _) | (_, true) => bytes.insert(at, byte),
            (1, false) => bytes[at] = byte,
            _ => {
                bytes.remove(at);
            }
        }
        for options in [ParseOptions::new(), ParseOptions::new().lenient(true)] {
            let parsed = match std::str::from_utf8(&bytes) {
                Ok(text) => util::parse_with(options, text),
                Err(_) => options.parse_slice(&bytes),
            };
            if let Err(err) = parsed {
                assert_error_in_file(&bytes, &err)?;
            }
        }
    }
}
