//! Proving, without the `url` crate, that a URL is already written as the `url` crate writes
//! it: the common case of a record's URLs, checked in one pass over the bytes.
//!
//! [`canonical`] accepts an absolute `http(s)` URL only when `url::Url::parse` would accept it
//! and give back the same text, and then says where its parts lie, so that `HttpUrl` answers
//! `host_str()`, `path()` and the rest as the parsed `Url` would, and builds the `Url` only if
//! it is asked for. Everything it is not sure of (upper case, non-ASCII, `xn--` labels, IP
//! addresses, default or zero-padded ports, dot segments, backslashes, spaces, tabs and
//! newlines, characters the `url` crate percent-encodes, a `%` not followed by two hex
//! digits) it declines, and `HttpUrl::parse` asks the `url` crate as before. The
//! differential tests (`tests/url_props.rs`, the `http_url_parse` fuzz target) compare every
//! answer with `Url::parse`'s.

use crate::model::host::MAX_LABEL_LEN;

/// The longest host the fast path takes (RFC 1123 §2.1; the `url` crate takes longer ones,
/// which go to it).
const MAX_HOST_LEN: usize = 253;

/// Where the parts of a canonical URL lie in its text, as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts {
    /// `https` rather than `http`.
    https: bool,
    /// The end of the host (which starts after `://`).
    host_end: u32,
    /// The port as written, never the scheme's default.
    port: Option<u16>,
    /// The first `/` of the path.
    path_start: u32,
    /// The `?` that starts the query.
    query_start: Option<u32>,
    /// The `#` that starts the fragment.
    fragment_start: Option<u32>,
}

impl Parts {
    /// `http` or `https`.
    pub(crate) fn scheme(self) -> &'static str {
        if self.https {
            "https"
        } else {
            "http"
        }
    }

    /// The host, in `text` (the URL these parts were found in).
    pub(crate) fn host(self, text: &str) -> &str {
        &text[self.scheme().len() + 3..self.host_end as usize]
    }

    /// The port, when it is not the scheme's default.
    pub(crate) fn port(self) -> Option<u16> {
        self.port
    }

    /// The path, from its first `/`.
    pub(crate) fn path(self, text: &str) -> &str {
        let end = self.query_start.or(self.fragment_start);
        &text[self.path_start as usize..end.map_or(text.len(), |end| end as usize)]
    }

    /// The query, without its `?`.
    pub(crate) fn query(self, text: &str) -> Option<&str> {
        let start = self.query_start? as usize + 1;
        Some(&text[start..self.fragment_start.map_or(text.len(), |end| end as usize)])
    }

    /// The fragment, without its `#`.
    pub(crate) fn fragment(self, text: &str) -> Option<&str> {
        Some(&text[self.fragment_start? as usize + 1..])
    }

    /// The URL's [`ArticleKey`](crate::ArticleKey) where it lies in `text` as one piece:
    /// from the host to the end of the query, or without a query, to the end of the path
    /// less its trailing `/`s. `None` when the path before a query ends with `/`: the key
    /// drops that `/`, so it is not a piece of the text.
    pub(crate) fn key(self, text: &str) -> Option<&str> {
        let start = self.scheme().len() + 3;
        let path = self.path(text);
        let end = match self.query_start {
            Some(_) if path.ends_with('/') => return None,
            Some(_) => self.fragment_start.map_or(text.len(), |end| end as usize),
            None => self.path_start as usize + path.trim_end_matches('/').len(),
        };
        Some(&text[start..end])
    }
}

/// The bytes a part may hold as they are: what RFC 3986 allows there unencoded and the `url`
/// crate leaves alone (it percent-encodes `'` in the query of an `http(s)` URL, and `^`, `{`,
/// `` ` ``, `|` and more in paths, so those are not here). `%`, and `/`, `?` and `#` where
/// they end something, are checked apart.
const fn allowed(extra: &[u8], except: u8) -> [bool; 256] {
    let mut table = [false; 256];
    // ASCII letters and digits, RFC 3986's unreserved marks, sub-delims, `:` and `@`.
    let marks = b"-._~!$&'()*+,;=:@";
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric();
        b += 1;
    }
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    let mut i = 0;
    while i < extra.len() {
        table[extra[i] as usize] = true;
        i += 1;
    }
    table[except as usize] = false;
    table
}

/// A label's bytes: lower-case ASCII letters, digits and `-`, looked up in one step (three
/// comparisons that short-circuit mispredict where letters, digits and hyphens alternate).
const LABEL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-';
        b += 1;
    }
    table
};

/// A path segment's bytes (`pchar`).
const PATH: [bool; 256] = allowed(b"", 0);
/// A query's bytes: `pchar`, `/` and `?`, less `'`.
const QUERY: [bool; 256] = allowed(b"/?", b'\'');
/// A fragment's bytes: `pchar`, `/` and `?`.
const FRAGMENT: [bool; 256] = allowed(b"/?", 0);

/// Where the parts of `text` lie, if `url::Url::parse(text)` gives back `text` itself as an
/// absolute `http(s)` URL whose host is a domain; `None` when that is not certain.
pub(crate) fn canonical(text: &str) -> Option<Parts> {
    let bytes = text.as_bytes();
    u32::try_from(bytes.len()).ok()?;
    let (https, host_start) = if bytes.starts_with(b"https://") {
        (true, 8)
    } else if bytes.starts_with(b"http://") {
        (false, 7)
    } else {
        return None;
    };
    let host_end = host_start + domain_len(&bytes[host_start..])?;
    let mut at = host_end;
    let mut port = None;
    if bytes[at] == b':' {
        let digits = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        port = Some(port_number(&bytes[at + 1..at + 1 + digits], https)?);
        at += 1 + digits;
    }
    // A path: the url crate would write `/` for an empty one.
    if bytes.get(at) != Some(&b'/') {
        return None;
    }
    let path_start = at;
    at = path_end(bytes, path_start)?;
    let query_start = (bytes.get(at) == Some(&b'?')).then_some(at);
    if let Some(start) = query_start {
        at = part_end(bytes, start + 1, &QUERY, b'#')?;
    }
    let fragment_start = (bytes.get(at) == Some(&b'#')).then_some(at);
    if let Some(start) = fragment_start {
        // No byte ends a fragment: a second `#` is not in `FRAGMENT`.
        at = part_end(bytes, start + 1, &FRAGMENT, b'#')?;
    }
    if at != bytes.len() {
        return None;
    }
    // Every offset is at most the length, which fits in a `u32`.
    let offset = |at: usize| at as u32;
    Some(Parts {
        https,
        host_end: offset(host_end),
        port,
        path_start: offset(path_start),
        query_start: query_start.map(offset),
        fragment_start: fragment_start.map(offset),
    })
}

/// The length of the domain `bytes` start with, ended by `:` or `/`: dot-separated labels of
/// lower-case ASCII letters, digits and hyphens, none empty, none longer than 63 bytes, none
/// `xn--` (punycode, which the url crate decodes to check), and a last label that starts with
/// a letter (the url crate reads a host whose last label is a number, `1.2.3.4` or `0x7f`, as
/// an IPv4 address).
fn domain_len(bytes: &[u8]) -> Option<usize> {
    let mut label_start = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if LABEL[usize::from(b)] {
            at += 1;
            continue;
        }
        let label = &bytes[label_start..at];
        if label.is_empty() || label.len() > MAX_LABEL_LEN || label.starts_with(b"xn--") {
            return None;
        }
        match b {
            b'.' => label_start = at + 1,
            b':' | b'/' if at <= MAX_HOST_LEN => {
                return label[0].is_ascii_lowercase().then_some(at);
            }
            _ => return None,
        }
        at += 1;
    }
    None
}

/// The port written as `digits`: 1 to 65535, with no leading zero and not the scheme's
/// default (which the url crate drops).
fn port_number(digits: &[u8], https: bool) -> Option<u16> {
    if digits.first().is_none_or(|&b| b == b'0') || digits.len() > 5 {
        return None;
    }
    let port = digits
        .iter()
        .fold(0u32, |port, &b| port * 10 + u32::from(b - b'0'));
    let port = u16::try_from(port).ok()?;
    (port != if https { 443 } else { 80 }).then_some(port)
}

/// Where the path that starts at `bytes[start]` (a `/`) ends: at `?`, `#` or the end, over
/// `PATH` bytes, `/` and `%XX`, with no segment the url crate would resolve (`.`, `..`, or
/// one of those with a dot written `%2e`).
fn path_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut segment_start = start + 1;
    let mut at = segment_start;
    while let Some(&b) = bytes.get(at) {
        if PATH[usize::from(b)] {
            at += 1;
            continue;
        }
        match b {
            b'/' => {
                if is_dot_segment(&bytes[segment_start..at]) {
                    return None;
                }
                at += 1;
                segment_start = at;
            }
            b'%' => at = escape_end(bytes, at)?,
            b'?' | b'#' => break,
            _ => return None,
        }
    }
    (!is_dot_segment(&bytes[segment_start..at])).then_some(at)
}

/// Where the part that starts at `bytes[start]` ends: at `end` or the end of `bytes`, over
/// bytes that `allowed` holds and `%XX`.
fn part_end(bytes: &[u8], start: usize, allowed: &[bool; 256], end: u8) -> Option<usize> {
    let mut at = start;
    while let Some(&b) = bytes.get(at) {
        if allowed[usize::from(b)] {
            at += 1;
        } else if b == b'%' {
            at = escape_end(bytes, at)?;
        } else if b == end {
            break;
        } else {
            return None;
        }
    }
    Some(at)
}

/// The end of the `%XX` at `bytes[at]`, if two hex digits follow the `%`.
fn escape_end(bytes: &[u8], at: usize) -> Option<usize> {
    let hex = bytes.get(at + 1..at + 3)?;
    hex.iter().all(u8::is_ascii_hexdigit).then_some(at + 3)
}

/// Whether the url crate takes `segment` for `.` or `..`: written with dots or `%2e`s.
fn is_dot_segment(segment: &[u8]) -> bool {
    if !matches!(segment.first(), Some(b'.' | b'%')) {
        return false;
    }
    let is = |dots: &[u8]| segment.eq_ignore_ascii_case(dots);
    match segment.len() {
        1 => segment == b".",
        2 => segment == b"..",
        3 => is(b"%2e"),
        4 => is(b".%2e") || is(b"%2e."),
        6 => is(b"%2e%2e"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_part() {
        let text = "https://news.example.com:8443/a/b%20c?x=1&y=/z?#top";
        let parts = canonical(text).unwrap();
        assert_eq!(parts.scheme(), "https");
        assert_eq!(parts.host(text), "news.example.com");
        assert_eq!(parts.port(), Some(8443));
        assert_eq!(parts.path(text), "/a/b%20c");
        assert_eq!(parts.query(text), Some("x=1&y=/z?"));
        assert_eq!(parts.fragment(text), Some("top"));

        let text = "http://a.b/#";
        let parts = canonical(text).unwrap();
        assert_eq!(
            (parts.path(text), parts.query(text), parts.fragment(text)),
            ("/", None, Some(""))
        );
        let text = "http://a.b/x?";
        assert_eq!(canonical(text).unwrap().query(text), Some(""));
    }

    #[test]
    fn the_key_is_a_piece_of_the_text_unless_a_query_follows_a_slash() {
        fn key(text: &str) -> Option<&str> {
            canonical(text).unwrap().key(text)
        }
        assert_eq!(key("https://a.com/"), Some("a.com"));
        assert_eq!(key("http://a.com/x//#top"), Some("a.com/x"));
        assert_eq!(
            key("https://a.com:8443/x/y?b=1&a=2#f"),
            Some("a.com:8443/x/y?b=1&a=2")
        );
        assert_eq!(key("https://a.com/x?"), Some("a.com/x?"));
        assert_eq!(key("https://a.com/x/?amp"), None);
        assert_eq!(key("https://a.com/?amp"), None);
    }

    #[test]
    fn declines_what_the_url_crate_would_rewrite_or_reads_otherwise() {
        for text in [
            "https://example.com",
            "https://Example.com/",
            "HTTPS://example.com/",
            "https://example.com:443/",
            "http://example.com:80/",
            "https://example.com:0443/",
            "https://example.com:/",
            "https://example.com:65536/",
            "https://example.com:0/",
            "https://1.2.3.4/",
            "https://a.0x7f/",
            "https://xn--bcher-kva.de/",
            "https://a..b/",
            "https://a.b./",
            "https://bücher.de/",
            "https://a.b/ü",
            "https://a.b/a/../b",
            "https://a.b/a/%2E%2e/b",
            "https://a.b/a/.%2e",
            "https://a.b/./",
            "https://a.b\\x",
            "https://a.b/x\\y",
            "https://a.b/x y",
            "https://a.b/x\ty",
            "https://a.b/x\n",
            "https://a.b/x?it's",
            "https://a.b/x^y",
            "https://a.b/%zz",
            "https://a.b/%4",
            "https://a.b/x##",
            "https://u@a.b/",
            "https://[::1]/",
            "https://a_b.c/",
            " https://a.b/",
        ] {
            assert_eq!(canonical(text), None, "{text}");
        }
    }

    #[test]
    fn takes_what_the_url_crate_gives_back_as_it_is() {
        for text in [
            "https://a.b/",
            "http://a.b:8080/x/..x/.x./%2e%2e%2e/",
            "https://a-.-b.c--d/",
            "https://a1.b2c/%2F%c3%a9/;x=1:@!$&'()*+,~",
            "https://a.b/?q=%27&r=/?#f/?'",
        ] {
            assert!(canonical(text).is_some(), "{text}");
        }
    }
}
