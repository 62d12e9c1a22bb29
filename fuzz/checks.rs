//! The invariants the fuzz targets check, one function per target, shared with the
//! regression replay that runs on stable (`tests/fuzz_replay.rs`). Each takes any bytes.

use newsmatter::check::{
    amp_cache_subdomain, amp_cache_url as derive_cache_url, is_amp_cache_url_of,
};
use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::read::{split_front_matter as split, Reader};
use newsmatter::report::Code;
use newsmatter::url::{Host, Url};
use newsmatter::write::fix_text;
use newsmatter::{
    ArticleKey, Document, Error, HttpUrl, ParseOptions, Secured, UrlError, ValidateOptions,
};

/// How many lines `bytes` has, counting a last line without a line break.
fn line_count(bytes: &[u8]) -> usize {
    bytes.split(|&b| b == b'\n').count()
}

/// An error points inside the file: a line from 1 to the last, a column from 1.
fn assert_in_file(bytes: &[u8], err: &Error) {
    match (err.code(), err.line(), err.column()) {
        (Code::TooLarge | Code::Io, None, None) => {}
        (_, Some(line), Some(column)) => {
            assert!(
                (1..=line_count(bytes)).contains(&line) && column >= 1,
                "{err}"
            );
        }
        _ => panic!("an error without a position: {err}"),
    }
}

/// Bytes → document; what parses renders to text that parses back equal, and rendering that
/// again changes nothing. Errors point inside the file.
pub fn parse_document(data: &[u8]) {
    match Document::from_slice(data) {
        Ok(doc) => {
            let rendered = doc.to_string();
            let again: Document = rendered
                .parse()
                .unwrap_or_else(|err| panic!("the rendering does not parse: {err}\n{rendered}"));
            assert_eq!(again, doc);
            assert_eq!(again.to_string(), rendered);
        }
        Err(err) => assert_in_file(data, &err),
    }
}

/// Lenient parsing: unknown keys survive rendering, and each warning has a position.
pub fn parse_lenient(data: &[u8]) {
    let lenient = ParseOptions::new().lenient(true);
    let parsed = match lenient.parse_slice(data) {
        Ok(parsed) => parsed,
        Err(err) => return assert_in_file(data, &err),
    };
    for warning in &parsed.warnings {
        assert!(
            warning.line().is_some_and(|line| line <= line_count(data)),
            "{warning}"
        );
    }
    let rendered = parsed.document.to_string();
    let again = lenient
        .parse_str(&rendered)
        .unwrap_or_else(|err| panic!("the rendering does not parse: {err}\n{rendered}"));
    assert_eq!(again.document, parsed.document);
    assert_eq!(again.warnings.len(), parsed.warnings.len());
}

/// Parse and validate: every diagnostic has a line and column inside the file.
pub fn validate(data: &[u8]) {
    let options = ValidateOptions::new()
        .reference_time(chrono::DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap());
    for diagnostic in &options.check_slice(data).report {
        let line = diagnostic
            .line()
            .unwrap_or_else(|| panic!("no line: {diagnostic}"));
        assert!((1..=line_count(data)).contains(&line), "{diagnostic}");
        assert!(diagnostic.column().is_some_and(|c| c >= 1), "{diagnostic}");
    }
}

/// Splitting: the body is the end of the text and the YAML comes before it, each whole.
pub fn split_front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match split(text) {
        Ok(parts) => {
            assert!(text.ends_with(parts.body));
            let before_body = &text[..text.len() - parts.body.len()];
            assert!(before_body.contains(parts.yaml));
            assert!(before_body
                .trim_start_matches('\u{feff}')
                .starts_with("---"));
        }
        Err(err) => assert_in_file(data, &err),
    }
}

/// `Secured`: what it accepts is exactly a canonical envelope, kept as read, never shown.
pub fn secured(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(secured) = Secured::new(text) else {
        return;
    };
    assert_eq!(secured.expose_raw(), text);
    assert!(
        !secured.ciphertext().is_empty() && secured.ciphertext().len() % newsmatter::BLOCK_LEN == 0
    );
    let (ciphertext, iv) = text.split_once(';').unwrap();
    assert_eq!(ciphertext.len(), secured.ciphertext().len().div_ceil(3) * 4);
    assert_eq!(iv.len(), 24);
    assert_eq!(format!("{secured:?}"), "Secured(<redacted>)");
}

/// `HttpUrl::parse` as the record format defines it, through the url crate alone: the
/// reference that the differential checks hold `HttpUrl` to (its fast path for URLs already
/// written canonically must give the same answers).
pub fn reference_http_url(text: &str) -> Result<Url, UrlError> {
    if text.is_empty() {
        return Err(UrlError::Empty);
    }
    let url = Url::parse(text).map_err(|_| UrlError::Invalid(text.to_owned()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UrlError::Scheme(url.scheme().to_owned()));
    }
    if let Some(Host::Domain(domain)) = url.host() {
        let domain = domain.strip_suffix('.').unwrap_or(domain);
        if domain.is_empty() || domain.split('.').any(str::is_empty) {
            return Err(UrlError::Invalid(text.to_owned()));
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlError::Credentials);
    }
    Ok(url)
}

/// `HttpUrl::parse(text)` gives the reference's answer: the same error, or the text as
/// written and every part (scheme, host, port, path, query, fragment) as the url crate
/// parses them, and `as_url()` the url crate's `Url`.
pub fn http_url_differential(text: &str) {
    match (HttpUrl::parse(text), reference_http_url(text)) {
        (Ok(url), Ok(expected)) => {
            assert_eq!(url.as_str(), text);
            let parts = |url: &HttpUrl| {
                let host = url.host_str().to_owned();
                (
                    url.scheme().to_owned(),
                    host,
                    url.port(),
                    url.path().to_owned(),
                )
            };
            let expected_parts = (
                expected.scheme().to_owned(),
                expected.host_str().unwrap_or_default().to_owned(),
                expected.port(),
                expected.path().to_owned(),
            );
            assert_eq!(parts(&url), expected_parts, "{text:?}");
            assert_eq!(url.query(), expected.query(), "{text:?}");
            assert_eq!(url.fragment(), expected.fragment(), "{text:?}");
            assert_eq!(url.is_https(), expected.scheme() == "https", "{text:?}");
            assert_eq!(url.as_url(), &expected, "{text:?}");
            // The key, read from the text where it lies there, is the one written from the
            // url crate's parts.
            assert_eq!(
                ArticleKey::from_http_url(&url),
                ArticleKey::from_url(&expected),
                "{text:?}"
            );
        }
        (Err(err), Err(expected)) => assert_eq!(err, expected, "{text:?}"),
        (ours, expected) => panic!("{text:?}: HttpUrl {ours:?}, reference {expected:?}"),
    }
}

/// `HttpUrl::parse` against the url crate (`http_url_differential`), on any UTF-8.
pub fn http_url_parse(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        http_url_differential(text);
    }
}

/// AMP cache URLs: on `cdn.ampproject.org`, with a valid DNS label, deterministic, and
/// recognised as the cache URL of their page.
pub fn amp_cache_url(data: &[u8]) {
    let Ok(url) = HttpUrl::parse(&String::from_utf8_lossy(data)) else {
        return;
    };
    let cache = derive_cache_url(url.as_url());
    let label = cache
        .host_str()
        .and_then(|host| host.strip_suffix(".cdn.ampproject.org"))
        .unwrap_or_else(|| panic!("not on the AMP cache: {cache}"));
    assert!((1..=63).contains(&label.len()), "{label}");
    assert!(
        label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{label}"
    );
    assert_eq!(derive_cache_url(url.as_url()), cache);
    // What `is_amp_cache_url_of` takes for granted instead of building the cache URL: its
    // host is the subdomain as written, and its query the page's.
    let host = url.as_url().host_str().unwrap_or_default();
    assert_eq!(label, amp_cache_subdomain(host), "{url}");
    assert_eq!(cache.query(), url.as_url().query(), "{url}");
    assert!(
        is_amp_cache_url_of(&cache, url.as_url()),
        "{url} -> {cache}"
    );
}

/// A few documents (the bytes cut at NUL bytes) → their graph: in-degrees add up to the edge
/// count, clusters partition the nodes, neighbourhoods stay inside their cluster.
pub fn related_graph(data: &[u8]) {
    let docs: Vec<Document> = data
        .split(|&b| b == 0)
        .take(8)
        .filter_map(|part| Document::from_slice(part).ok())
        .collect();
    let graph = RelatedGraph::from_records(docs.iter().map(|doc| &doc.record).enumerate());
    let in_sum: usize = graph.node_ids().map(|n| graph.in_degree(n)).sum();
    assert_eq!(in_sum, graph.edge_count());
    let mut seen = vec![false; graph.node_count()];
    for cluster in graph.clusters() {
        for &node in &cluster {
            assert!(
                !std::mem::replace(&mut seen[node.index()], true),
                "{node} in two clusters"
            );
        }
        let hood = graph.neighbourhood(cluster[0], 2);
        assert!(hood.iter().all(|node| cluster.contains(node)));
    }
    assert!(seen.into_iter().all(|s| s));
}

/// Both readers, strict and lenient, on the same text: the default reader (fast, or the
/// general one for what the fast one declines) and the general one alone give the same
/// document and warnings, or the same error; and when the fast reader read the file,
/// validation's diagnostics, positions included, are the same on both.
pub fn reader_differential(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for options in [ParseOptions::new(), ParseOptions::new().lenient(true)] {
        let auto = options.parse_str(text);
        let general = options.reader(Reader::General).parse_str(text);
        match (&auto, &general) {
            (Ok(fast), Ok(general)) => {
                assert_eq!(fast.document, general.document, "{text}");
                assert_eq!(fast.warnings, general.warnings, "{text}");
            }
            (Err(fast), Err(general)) => assert_eq!(
                (fast.code(), fast.path(), fast.to_string()),
                (general.code(), general.path(), general.to_string()),
                "{text}"
            ),
            _ => panic!("the readers disagree: {auto:?} but {general:?}\n{text}"),
        }
        if auto.is_ok_and(|parsed| parsed.declined.is_none()) {
            let validate = ValidateOptions::new().reference_time(
                chrono::DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap(),
            );
            let fast = validate.parse_options(options).check_str(text);
            let general = validate
                .parse_options(options.reader(Reader::General))
                .check_str(text);
            assert_eq!(fast, general, "{text}");
        }
    }
}

/// Bytes → every error at once. `parse_all` fails exactly when `parse_str` does, its first
/// error is the one `parse_str` (and the general reader alone) gives, and a check's report
/// starts with it; no report holds two diagnostics at one path with one code; every range,
/// suggestion and source-map answer lies in the text, on character boundaries, where its
/// line and column say.
pub fn every_error(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for options in [ParseOptions::new(), ParseOptions::new().lenient(true)] {
        let one = options.parse_str(text);
        let general = options.reader(Reader::General).parse_str(text);
        let all = options.parse_all(text);
        let parts = |err: &Error| {
            (
                err.code(),
                err.path().clone(),
                err.line(),
                err.column(),
                err.to_string(),
            )
        };
        match (&one, &all) {
            (Ok(one), Ok(all)) => assert_eq!(one.document, all.document, "{text}"),
            (Err(one), Err(all)) => {
                assert_eq!(parts(one), parts(&all[0]), "{text}");
                let general = general.as_ref().expect_err("the general reader fails too");
                assert_eq!(parts(general), parts(&all[0]), "{text}");
                for err in all {
                    assert_in_file(data, err);
                    if let Some(span) = err.span() {
                        assert_span(text, span);
                    }
                }
            }
            _ => panic!("parse_str and parse_all disagree: {one:?} but {all:?}\n{text}"),
        }
        let checked = ValidateOptions::new()
            .parse_options(options)
            .check_str(text);
        let report = &checked.report;
        if let Err(one) = &one {
            let first = report
                .iter()
                .next()
                .expect("a failed parse reports its error");
            assert_eq!(
                (
                    first.code(),
                    first.path(),
                    first.line(),
                    first.column(),
                    first.message()
                ),
                (
                    one.code(),
                    one.path(),
                    one.line(),
                    one.column(),
                    one.message()
                ),
                "{text}"
            );
        }
        let map = options.source_map(text).ok();
        let mut seen = std::collections::HashSet::new();
        for d in report {
            // Where the source map puts a diagnostic's value and key is in the text too.
            if let Some(map) = &map {
                for span in [map.value(d.path()), map.key(d.path())]
                    .into_iter()
                    .flatten()
                {
                    assert_span(text, span);
                }
            }
            assert!(
                seen.insert((d.code(), d.path().clone())),
                "two `{}` at `{}`: {report}\n{text}",
                d.code(),
                d.path()
            );
            if let Some(span) = d.span() {
                assert_span(text, span);
                assert_eq!(
                    (d.line(), d.column()),
                    (Some(span.start.line), Some(span.start.column))
                );
            }
            if let Some(fix) = d.fix() {
                assert_span(text, fix.span());
            }
        }
    }
}

/// A span lies in `text`, its start before its end, each on a character boundary at the
/// line and column it says.
fn assert_span(text: &str, span: newsmatter::report::Span) {
    assert!(
        span.start.offset <= span.end.offset && span.end.offset <= text.len(),
        "{span:?}"
    );
    // A byte order mark is no column, as editors count: offsets count its bytes.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    for at in [span.start, span.end] {
        assert!(
            text.is_char_boundary(at.offset) && at.offset >= bom,
            "{span:?}"
        );
        let before = &text[bom..at.offset];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |n| n + 1)..]
            .chars()
            .count()
            + 1;
        assert_eq!((at.line, at.column), (line, column), "{span:?}");
    }
}

/// Bytes → every fix applied (unsafe ones too, strict and lenient): the fixed text checks
/// with no more errors and no reading error the text did not have, its fixes are each a
/// diagnostic of a pass, and fixing it again ends.
pub fn fixes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for lenient in [false, true] {
        let options = ValidateOptions::new().parse_options(ParseOptions::new().lenient(lenient));
        let Some((fixed, diagnostics)) = fix_text(text, &options, &|_| true) else {
            continue;
        };
        assert!(!diagnostics.is_empty() && fixed != text, "{text}");
        let before = options.check_str(text).report;
        let after = options.check_str(&fixed).report;
        assert!(
            after.error_count() <= before.error_count(),
            "{before}\n{after}\n{fixed}"
        );
        let reading = |report: &newsmatter::report::Report| -> std::collections::BTreeSet<Code> {
            report
                .iter()
                .map(|d| d.code())
                .filter(|c| !c.is_adjustable())
                .collect()
        };
        assert!(
            reading(&after).is_subset(&reading(&before)),
            "{before}\n{after}\n{fixed}"
        );
        for d in &after {
            if let Some(fix) = d.fix() {
                assert_span(&fixed, fix.span());
            }
        }
        let _ = fix_text(&fixed, &options, &|_| true);
    }
}
