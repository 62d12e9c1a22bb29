//! Strict RFC 3339 for `publishedDateTime`.
//!
//! chrono's `parse_from_rfc3339` also takes a space between date and time (RFC 3339 §5.6's
//! note), and chrono's default serde impl is more relaxed still; the format wants the
//! internet date-time of RFC 3339 §5.6 exactly, so the shape is checked here first.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::Serializer;

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, `t` and `z` allowed in lower case.
pub(crate) fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = text.as_bytes();
    let separator_ok = matches!(bytes.get(10), Some(b'T' | b't'));
    let offset_ok = match bytes.last() {
        Some(b'Z' | b'z') => true,
        _ => {
            let n = bytes.len();
            n >= 6
                && matches!(bytes[n - 6], b'+' | b'-')
                && bytes[n - 5..n - 3].iter().all(u8::is_ascii_digit)
                && bytes[n - 3] == b':'
                && bytes[n - 2..].iter().all(u8::is_ascii_digit)
        }
    };
    if !(separator_ok && offset_ok) {
        return None;
    }
    DateTime::parse_from_rfc3339(text).ok()
}

/// Writes RFC 3339 with `Z` for UTC and only as many fractional digits as the value needs.
pub(crate) fn format(value: &DateTime<FixedOffset>) -> String {
    value.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

pub(crate) fn serialize<S: Serializer>(
    value: &DateTime<FixedOffset>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!("{}", format(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc3339() {
        for text in [
            "2020-07-02T11:00:00Z",
            "2020-07-02t11:00:00z",
            "2020-07-02T11:00:00.123+05:30",
            "2020-07-02T11:00:00-00:00",
        ] {
            assert!(parse(text).is_some(), "{text}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        for text in [
            "2020-07-02",
            "2020-07-02T11:00:00",
            "2020-07-02 11:00:00Z",
            "2020-02-30T11:00:00Z",
            "2020-07-02T11:00:00+0530",
            "2020-07-02T11:00:00+05",
            "2020-07-02T25:00:00Z",
            "2020-7-2T11:00:00Z",
            "",
        ] {
            assert!(parse(text).is_none(), "{text}");
        }
    }

    #[test]
    fn formats_utc_with_z() {
        let value = parse("2020-07-02T11:00:00+00:00").unwrap();
        assert_eq!(format(&value), "2020-07-02T11:00:00Z");
        let value = parse("2020-07-02T11:00:00.250+05:30").unwrap();
        assert_eq!(format(&value), "2020-07-02T11:00:00.250+05:30");
    }
}
