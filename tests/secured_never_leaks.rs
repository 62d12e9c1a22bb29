//! `secured`: the envelope checks, and the payload never showing where it should not.

mod util;

use newsmatter::report::Code;
use newsmatter::{Document, ParseOptions, Secured, SecuredError};
use util::{article_with, ARTICLE};

const PAYLOAD: &str = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==";
/// 16 zero bytes, and the IV 00 01 … 0f.
const BLOCK: &str = "AAAAAAAAAAAAAAAAAAAAAA==";
const IV: &str = "AAECAwQFBgcICQoLDA0ODw==";

#[test]
fn accepts_the_envelope() {
    let secured = Secured::new(&format!("{BLOCK};{IV}")).unwrap();
    assert_eq!(secured.ciphertext(), [0; 16]);
    assert_eq!(
        secured.iv(),
        &core::array::from_fn::<u8, 16, _>(|i| i as u8)
    );
    let two_blocks = Secured::new(PAYLOAD).unwrap();
    assert_eq!(two_blocks.ciphertext().len(), 32);
    assert_eq!(two_blocks.expose_raw(), PAYLOAD);
}

#[test]
fn rejects_each_envelope_defect() {
    let cases = [
        (format!("{BLOCK}{IV}"), SecuredError::Shape),
        (format!("{BLOCK};{IV};{IV}"), SecuredError::Shape),
        (
            format!("{};{IV}", BLOCK.trim_end_matches('=')),
            SecuredError::CiphertextBase64,
        ),
        (
            format!("AAAAAAAAAAAAAAAAAAAAAB==;{IV}"),
            SecuredError::CiphertextBase64,
        ),
        (
            format!("AAAA-AAAAAAAAAAAAAAAAA==;{IV}"),
            SecuredError::CiphertextBase64,
        ),
        (
            format!("{BLOCK};{}", IV.trim_end_matches('=')),
            SecuredError::IvBase64,
        ),
        (
            format!("{BLOCK};AAECAwQFBgcICQoLDA0OD_=="),
            SecuredError::IvBase64,
        ),
        (format!(";{IV}"), SecuredError::CiphertextLength(0)),
        (
            format!("AAAAAAAAAAAAAAAAAAAAAAAAAAA=;{IV}"),
            SecuredError::CiphertextLength(20),
        ),
        (
            format!("{BLOCK};AAECAwQFBgcICQoL"),
            SecuredError::IvLength(12),
        ),
        (format!("{BLOCK};{BLOCK}{BLOCK}"), SecuredError::IvBase64),
        (
            format!("{BLOCK};AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            SecuredError::IvLength(32),
        ),
        (String::new(), SecuredError::Shape),
    ];
    for (payload, expected) in cases {
        assert_eq!(Secured::new(&payload).unwrap_err(), expected, "{payload:?}");
    }
}

#[test]
fn envelope_errors_point_at_secured_without_the_payload() {
    let bad = "c2VjcmV0LXBheWxvYWQtdGhhdC1tdXN0LW5vdC1sZWFr;AAECAwQFBgcICQoL";
    let text = article_with(PAYLOAD, bad);
    let err = util::parse_err(&text);
    assert_eq!(err.code(), Code::SecuredEnvelope);
    assert_eq!(err.path().to_string(), "secured");
    assert_eq!((err.line(), err.column()), (Some(61), Some(10)));
    assert_eq!(
        err.message(),
        "invalid value: expected a ciphertext of a non-empty whole number of 16-byte blocks, found 33 bytes"
    );
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
        assert!(!shown.contains("AAECAwQF"), "{shown}");
    }
}

/// What an envelope error quotes is the shape expected, never the payload: it is shown as
/// it is, not taken for a value and redacted.
#[test]
fn an_envelope_error_shows_the_shape_expected() {
    for value in ["\"c2VjcmV0LXBheWxvYWQ\"", "2023-01-01", "!!str 12345678"] {
        let err = util::parse_err(&article_with(&format!("\"{PAYLOAD}\""), value));
        assert_eq!(
            err.code(),
            newsmatter::report::Code::SecuredEnvelope,
            "{value}"
        );
        assert_eq!(
            err.message(),
            "invalid value: expected `<base64 ciphertext>;<base64 IV>` with exactly one `;`",
            "{value}"
        );
        assert_eq!(err.path().to_string(), "secured");
    }
}

#[test]
fn secured_of_the_wrong_type_is_a_type_error() {
    let text = article_with(&format!("\"{PAYLOAD}\""), "[1, 2]");
    let err = util::parse_err(&text);
    assert_eq!(err.code(), Code::InvalidType);
    assert_eq!(
        err.message(),
        "invalid type: sequence, expected a sealed payload `<base64 ciphertext>;<base64 IV>`"
    );
}

#[test]
fn debug_output_redacts_the_payload() {
    let doc: Document = ARTICLE.parse().unwrap();
    for shown in [
        format!("{doc:?}"),
        format!("{doc:#?}"),
        format!("{:?}", doc.record),
        format!("{:?}", doc.record.secured),
    ] {
        assert!(!shown.contains("q83vEjRW"), "{shown}");
        assert!(!shown.contains("ABEiM0RV"), "{shown}");
        assert!(shown.contains("Secured(<redacted>)"));
    }
}

#[test]
fn lenient_warnings_never_show_the_payload() {
    let text = article_with("type: article\n", "type: article\nextra: 1\n");
    let parsed = ParseOptions::new().lenient(true).parse_str(&text).unwrap();
    for warning in &parsed.warnings {
        assert!(!warning.to_string().contains("q83vEjRW"));
    }
}

#[test]
fn serializes_back_exactly_what_was_read() {
    let doc: Document = ARTICLE.parse().unwrap();
    assert_eq!(
        serde_json::to_value(&doc.record.secured).unwrap(),
        serde_json::Value::String(PAYLOAD.to_owned())
    );
    assert!(doc
        .to_string()
        .contains(&format!("secured: \"{PAYLOAD}\"\n")));
}

#[test]
fn equality_compares_the_whole_payload() {
    let a = Secured::new(PAYLOAD).unwrap();
    let b = Secured::new(PAYLOAD).unwrap();
    let c = Secured::new(&format!("{BLOCK};{IV}")).unwrap();
    let d = Secured::new("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/g==")
        .unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_ne!(a, d);
}
