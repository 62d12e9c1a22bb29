//! The Google AMP cache URL of a page (`cdnAmpWebUrl` from `ampWebUrl`).
//!
//! The algorithm is the AMP project's, as published with amp-toolbox's `cache-url` package
//! (`createCurlsSubdomain`, `createCacheUrl`) and its test vectors, which `tests/amp.rs` runs.

use std::borrow::Cow;

use data_encoding::BASE32_NOPAD;
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};
use url::Url;

// A subdomain longer than a DNS label (RFC 1035 §2.3.4) falls back to the hashed form.
use crate::model::host::{self, MAX_LABEL_LEN};
use crate::model::HttpUrl;

/// The domain of the Google AMP cache.
pub const AMP_CACHE_DOMAIN: &str = "cdn.ampproject.org";

/// The cache subdomain ("curls" subdomain) for a page's host.
///
/// 1. The host, decoded from punycode to Unicode, has each `-` doubled and each `.` turned
///    into `-`; when the result has `--` at its 3rd and 4th characters (which would read as
///    an IDN prefix like `xn--`), it is wrapped as `0-…-0`; it is then encoded back to
///    punycode and lower-cased.
/// 2. A host that is longer than 63 characters, has no `.`, mixes left-to-right and
///    right-to-left characters, or whose encoding from step 1 is not a DNS label (longer than
///    63 characters, or holding characters such as `_` that URLs allow in hosts and DNS
///    does not), gets instead the SHA-256 of its ASCII form, in lower-case base32 without
///    padding (52 characters).
///
/// ```
/// use newsmatter::check::amp_cache_subdomain;
///
/// assert_eq!(amp_cache_subdomain("www.washingtonpost.com"), "www-washingtonpost-com");
/// assert_eq!(amp_cache_subdomain("hello-world.com"), "hello--world-com");
/// assert_eq!(amp_cache_subdomain("en-us.example.com"), "0-en--us-example-com-0");
/// assert_eq!(amp_cache_subdomain("xn--bcher-kva.ch"), "xn--bcher-ch-65a");
/// assert_eq!(
///     amp_cache_subdomain("no-dot-domain"),
///     "4lxc7wqq7b25walg4rdiil62veijrmqui5z3ept2lyfqqwpowryq"
/// );
/// ```
pub fn amp_cache_subdomain(host: &str) -> String {
    let host = match host.bytes().any(|b| b.is_ascii_uppercase()) {
        true => Cow::Owned(host.to_ascii_lowercase()),
        false => Cow::Borrowed(host),
    };
    let unicode = to_unicode(&host);
    // Only non-ASCII text can mix directions.
    let eligible = host.len() <= MAX_LABEL_LEN
        && host.contains('.')
        && (unicode.is_ascii() || !is_mixed_direction(&unicode));
    if eligible {
        if let Some(readable) = human_readable(&unicode).filter(|label| is_dns_label(label)) {
            return readable;
        }
    }
    hashed(&host)
}

/// The AMP cache URL of a page: `https://<subdomain>.cdn.ampproject.org/c/s/<host><path>?<query>`
/// for an `https` page, `/c/` without `s/` for an `http` one. The fragment is dropped.
///
/// ```
/// use newsmatter::check::amp_cache_url;
/// use url::Url;
///
/// let amp = Url::parse("https://thehill.com/policy/505563-facial-recognition?amp")?;
/// assert_eq!(
///     amp_cache_url(&amp).as_str(),
///     "https://thehill-com.cdn.ampproject.org/c/s/thehill.com/policy/505563-facial-recognition?amp"
/// );
/// # Ok::<(), url::ParseError>(())
/// ```
pub fn amp_cache_url(page: &Url) -> Url {
    let host = page.host_str().unwrap_or_default();
    let secure = if page.scheme() == "https" { "s/" } else { "" };
    let mut cache = cache_origin(&amp_cache_subdomain(host));
    cache.set_path(&format!("/c/{secure}{host}{}", page.path()));
    cache.set_query(page.query());
    cache
}

/// `https://<subdomain>.cdn.ampproject.org/`. [`amp_cache_subdomain`] gives only labels that
/// the url crate takes as hosts, so the host is always set.
fn cache_origin(subdomain: &str) -> Url {
    let mut origin = Url::parse(&format!("https://{AMP_CACHE_DOMAIN}/"))
        .unwrap_or_else(|_| unreachable!("a constant URL parses"));
    let _ = origin.set_host(Some(&format!("{subdomain}.{AMP_CACHE_DOMAIN}")));
    origin
}

/// Whether `cache` is the AMP cache URL of `page`, comparing parsed parts: the cache host,
/// the `/c/` or `/c/s/` prefix, the page's host (in either Unicode or punycode), path and
/// query.
///
/// ```
/// use newsmatter::check::is_amp_cache_url_of;
/// use url::Url;
///
/// let page = Url::parse("https://www.example.com/a/b?amp=1")?;
/// let good = Url::parse("https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a/b?amp=1")?;
/// let bad = Url::parse("https://www-example-com.cdn.ampproject.org/c/www.example.com/a/b?amp=1")?;
/// assert!(is_amp_cache_url_of(&good, &page));
/// assert!(!is_amp_cache_url_of(&bad, &page));
/// # Ok::<(), url::ParseError>(())
/// ```
pub fn is_amp_cache_url_of(cache: &Url, page: &Url) -> bool {
    is_cache_of(cache, page)
}

/// The parts of a URL that [`is_cache_of`] compares: what a [`Url`] and an [`HttpUrl`] both
/// tell (an `HttpUrl` without building its `Url`).
pub(crate) trait UrlParts {
    fn scheme(&self) -> &str;
    fn host_str(&self) -> Option<&str>;
    fn path(&self) -> &str;
    fn query(&self) -> Option<&str>;
}

// Each method names the inherent one it stands for: `self.scheme()` would read as a call
// to itself.
impl UrlParts for Url {
    fn scheme(&self) -> &str {
        Url::scheme(self)
    }
    fn host_str(&self) -> Option<&str> {
        Url::host_str(self)
    }
    fn path(&self) -> &str {
        Url::path(self)
    }
    fn query(&self) -> Option<&str> {
        Url::query(self)
    }
}

impl UrlParts for HttpUrl {
    fn scheme(&self) -> &str {
        HttpUrl::scheme(self)
    }
    fn host_str(&self) -> Option<&str> {
        Some(HttpUrl::host_str(self))
    }
    fn path(&self) -> &str {
        HttpUrl::path(self)
    }
    fn query(&self) -> Option<&str> {
        HttpUrl::query(self)
    }
}

/// [`is_amp_cache_url_of`], over the parts of any URL.
pub(crate) fn is_cache_of(cache: &impl UrlParts, page: &impl UrlParts) -> bool {
    // What `amp_cache_url(page)` would hold, without building it: its host is the
    // subdomain on the cache's domain as written (`cache_origin`), and its query is the
    // page's, which `set_query` takes back as it is (the url crate's written queries are
    // already encoded). The `amp_cache_url` fuzz target checks both.
    let page_host = page.host_str().unwrap_or_default();
    let Some(on_cache) = cache
        .host_str()
        .and_then(|host| host.strip_suffix(AMP_CACHE_DOMAIN))
        .and_then(|host| host.strip_suffix('.'))
    else {
        return false;
    };
    let subdomain_is = plain_subdomain_is(page_host, on_cache)
        .unwrap_or_else(|| amp_cache_subdomain(page_host) == on_cache);
    if cache.scheme() != "https" || !subdomain_is || cache.query() != page.query() {
        return false;
    }
    let prefix = if page.scheme() == "https" {
        "/c/s/"
    } else {
        "/c/"
    };
    let Some(rest) = cache.path().strip_prefix(prefix) else {
        return false;
    };
    let (host, path) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
    let host = match host.as_bytes().contains(&b'%') {
        true => percent_decode_str(host).decode_utf8_lossy(),
        false => Cow::Borrowed(host),
    };
    let same_host = Some(host.as_ref()) == page.host_str() && is_plain_ascii_domain(&host)
        || idna::domain_to_ascii(&host).is_ok_and(|ascii| Some(ascii.as_str()) == page.host_str());
    let page_path = if page.path() == "/" && path.is_empty() {
        ""
    } else {
        page.path()
    };
    same_host && path == page_path
}

/// Whether `idna::domain_to_ascii` gives `host` back as it is without looking: lower-case
/// ASCII letters, digits, hyphens and dots, and no punycode label (which it decodes to
/// check).
fn is_plain_ascii_domain(host: &str) -> bool {
    host.bytes()
        .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.'))
        && !host.starts_with("xn--")
        && !host.contains(".xn--")
}

/// Whether `label` is [`amp_cache_subdomain`]`(host)`, without building it, for a plain host
/// (lower-case ASCII letters, digits, hyphens and dots, at most 63 bytes, with a dot, no
/// punycode label: nearly every one). Its subdomain is then its readable form, the host
/// with each `-` doubled and each `.` turned into `-`, wrapped as `0-…-0` when its 3rd and
/// 4th characters are `--`, where that is a DNS label (it holds a `-`, so it cannot be read
/// as a number; wrapped, it does not start with `xn--`). `None` where another rule may
/// apply: `amp_cache_subdomain` says.
fn plain_subdomain_is(host: &str, label: &str) -> Option<bool> {
    let bytes = host.as_bytes();
    if bytes.len() > MAX_LABEL_LEN {
        return None;
    }
    // One pass: the host is plain, and how long its readable form is.
    let (mut length, mut dots) = (0, 0);
    let mut label_starts = true;
    for (at, &b) in bytes.iter().enumerate() {
        if label_starts && bytes[at..].starts_with(b"xn--") {
            return None;
        }
        label_starts = b == b'.';
        length += match b {
            b'a'..=b'z' | b'0'..=b'9' => 1,
            b'-' => 2,
            b'.' => {
                dots += 1;
                1
            }
            _ => return None,
        };
    }
    if dots == 0 {
        return None;
    }
    // The readable form's first four bytes say whether it is wrapped.
    let mut first = [0_u8; 4];
    let mut filled = 0;
    for &b in bytes {
        let (one, two) = readable(b);
        for byte in std::iter::once(one).chain(two) {
            if filled < 4 {
                first[filled] = byte;
                filled += 1;
            }
        }
        if filled == 4 {
            break;
        }
    }
    let wrapped = filled == 4 && first[2..4] == *b"--";
    let (lead, tail): (&[u8], &[u8]) = if wrapped { (b"0-", b"-0") } else { (b"", b"") };
    let ends_in_hyphen = first[0] == b'-' || matches!(bytes.last(), Some(b'-' | b'.'));
    if lead.len() + length + tail.len() > MAX_LABEL_LEN || (ends_in_hyphen && !wrapped) {
        return None;
    }
    let Some(middle) = label
        .as_bytes()
        .strip_prefix(lead)
        .and_then(|rest| rest.strip_suffix(tail))
        .filter(|middle| middle.len() == length)
    else {
        return Some(false);
    };
    // `middle` is as long as the readable form: every index below is in it.
    let mut at = 0;
    for &b in bytes {
        let (one, two) = readable(b);
        if middle[at] != one {
            return Some(false);
        }
        at += 1;
        if let Some(two) = two {
            if middle[at] != two {
                return Some(false);
            }
            at += 1;
        }
    }
    Some(true)
}

/// What the byte `b` of a plain host becomes in its readable form, one byte or two: `-`
/// doubled, `.` as `-`, any other as itself.
fn readable(b: u8) -> (u8, Option<u8>) {
    match b {
        b'-' => (b'-', Some(b'-')),
        b'.' => (b'-', None),
        b => (b, None),
    }
}

/// Decodes each `xn--` label from punycode, as punycode.js's `toUnicode` does; a label that
/// does not decode stays as it is.
fn to_unicode(host: &str) -> Cow<'_, str> {
    if !host.starts_with("xn--") && !host.contains(".xn--") {
        return Cow::Borrowed(host);
    }
    let labels = host
        .split('.')
        .map(|label| {
            label
                .strip_prefix("xn--")
                .and_then(idna::punycode::decode_to_string)
                .unwrap_or_else(|| label.to_owned())
        })
        .collect::<Vec<_>>();
    Cow::Owned(labels.join("."))
}

fn human_readable(unicode: &str) -> Option<String> {
    // Each `-` doubled and each `.` turned into `-`, in one pass.
    let mut label = String::with_capacity(unicode.len() + 8);
    for c in unicode.chars() {
        match c {
            '-' => label.push_str("--"),
            '.' => label.push('-'),
            c => label.push(c),
        }
    }
    if label.chars().nth(2) == Some('-') && label.chars().nth(3) == Some('-') {
        label = format!("0-{label}-0");
    }
    if label.is_ascii() {
        label.make_ascii_lowercase();
        return Some(label);
    }
    idna::punycode::encode_str(&label).map(|encoded| format!("xn--{encoded}").to_ascii_lowercase())
}

/// A DNS label as the cache's subdomain must be one (RFC 1123 §2.1): 1 to 63 letters,
/// digits and inner hyphens. Hosts the url crate takes but DNS does not (`_`, `}`) fail it,
/// and so does a punycode label that does not hold as an internationalised name (the url
/// crate checks those: an `xn--` label of mixed directions, for one).
fn is_dns_label(label: &str) -> bool {
    if !host::is_label(label) {
        return false;
    }
    // A label of lower-case letters, digits and hyphens is a host the url crate gives back as
    // it is, unless it is punycode (which it decodes to check) or could be a number (which
    // it reads as an IPv4 address: `1234`, `0x1f`).
    let may_be_number = label.bytes().all(|b| b.is_ascii_hexdigit() || b == b'x');
    if !label.starts_with("xn--") && !may_be_number {
        return true;
    }
    matches!(url::Host::parse(label), Ok(url::Host::Domain(host)) if host == label)
}

fn hashed(host: &str) -> String {
    BASE32_NOPAD
        .encode(&Sha256::digest(host.as_bytes()))
        .to_ascii_lowercase()
}

/// Whether `text` holds both left-to-right and right-to-left characters, with the character
/// classes amp-toolbox uses.
fn is_mixed_direction(text: &str) -> bool {
    let ltr = |c: char| {
        matches!(c,
            'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
            | '\u{F8}'..='\u{2B8}' | '\u{300}'..='\u{590}' | '\u{800}'..='\u{1FFF}'
            | '\u{200E}' | '\u{2C00}'..='\u{FB1C}' | '\u{FE00}'..='\u{FE6F}'
            | '\u{FEFD}'..='\u{FFFF}'
            // amp-toolbox matches UTF-16 code units: a character outside the BMP is a
            // surrogate pair, and surrogates fall in its left-to-right range.
            | '\u{10000}'..='\u{10FFFF}')
    };
    let rtl = |c: char| {
        matches!(c,
            '\u{591}'..='\u{6EF}' | '\u{6FA}'..='\u{7FF}' | '\u{200F}' | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFC}')
    };
    text.chars().any(ltr) && text.chars().any(rtl)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Where the plain rule answers, it answers as building the subdomain does.
    #[track_caller]
    fn agrees(host: &str, label: &str) -> Option<bool> {
        let plain = plain_subdomain_is(host, label);
        if let Some(is) = plain {
            assert_eq!(is, amp_cache_subdomain(host) == label, "{host:?} {label:?}");
        }
        plain
    }

    #[test]
    fn plain_hosts_are_answered_without_building_the_subdomain() {
        for (host, label) in [
            ("www.washingtonpost.com", "www-washingtonpost-com"),
            ("hello-world.com", "hello--world-com"),
            ("en-us.example.com", "0-en--us-example-com-0"),
            ("ab-.c", "0-ab---c-0"),
            ("a.b", "a-b"),
        ] {
            assert_eq!(agrees(host, label), Some(true), "{host}");
            assert_eq!(agrees(host, &format!("{label}x")), Some(false), "{host}");
            assert_eq!(agrees(host, &label[1..]), Some(false), "{host}");
        }
        // Not plain, or no DNS label once readable: the general rule.
        for host in [
            "xn--bcher-kva.ch",
            "a.xn--p1ai",
            "localhost",
            "A.com",
            "-a.com",
            "a.com-",
        ] {
            assert_eq!(agrees(host, "x"), None, "{host}");
        }
        // 45 bytes whose readable form is 65 (each `-` doubled): the hash.
        assert_eq!(agrees(&format!("{}a.com", "a-".repeat(20)), "x"), None);
        assert_eq!(agrees(&format!("{}.com", "a".repeat(59)), "x"), Some(false));
    }

    proptest! {
        #[test]
        fn the_plain_rule_agrees_with_building_the_subdomain(
            host in "[a-z0-9.-]{1,70}|(xn--)?[a-e.-]{1,8}|[a-c]{1,3}(-[a-c.-]{0,6})?",
            cut in 0usize..80,
            other in "[a-z0-9-]{0,8}",
        ) {
            let subdomain = amp_cache_subdomain(&host);
            agrees(&host, &subdomain);
            let cut = cut.min(subdomain.len());
            agrees(&host, &subdomain[..cut]);
            agrees(&host, &format!("{}{other}", &subdomain[..cut]));
            agrees(&host, &other);
        }
    }
}
