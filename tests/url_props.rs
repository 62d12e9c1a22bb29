//! `HttpUrl` against the url crate: every answer of `HttpUrl::parse` (accept or the error,
//! the text, scheme, host, port, path, query, fragment, and the `Url` built on first use) is
//! the url crate's, on generated URL-like text (most of it already canonical, so that the
//! fast path is taken, the rest one step from it: upper case, IDN, `xn--`, percent-encoding,
//! IPv4 and IPv6 hosts, ports, dot segments, backslashes, tabs and newlines, credentials) and
//! on every URL of the real files and of our fixtures.

#[allow(dead_code)]
#[path = "../fuzz/checks.rs"]
mod checks;
mod util;

use std::path::Path;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

use checks::{http_url_differential, reference_http_url};

/// A host label: mostly what the fast path takes, then each kind it must leave to the url
/// crate.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => "[a-z0-9-]{1,12}",
        2 => "[a-z][a-z0-9]{0,5}--[a-z0-9]{1,4}",
        2 => "[a-zA-Z0-9_-]{1,6}",
        1 => "xn--[a-z0-9-]{1,10}",
        1 => Just("xn--bcher-kva".to_owned()),
        1 => Just("bücher".to_owned()),
        1 => Just("ÉCOLE".to_owned()),
        1 => Just("faß".to_owned()),
        1 => "[0-9]{1,4}",
        1 => "0[xX][0-9a-fA-F]{0,3}",
        1 => Just("%41b".to_owned()),
        1 => Just("a".repeat(63)),
        1 => Just("b".repeat(64)),
        1 => Just(String::new()),
    ]
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => (prop::collection::vec(label(), 1..5), prop_oneof![8 => Just(""), 1 => Just(".")])
            .prop_map(|(labels, end)| labels.join(".") + end),
        1 => prop::sample::select(vec![
            "1.2.3.4", "127.1", "0x7f.0.0.1", "256.1.1.1", "1.2.3.4.", "[::1]",
            "[2001:DB8::1]", "[::ffff:1.2.3.4]", "[::1", "", ".", "..", "a..b",
        ])
        .prop_map(str::to_owned),
        1 => "[ -~]{0,8}",
    ]
}

/// A path segment, without its `/`.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        16 => "[a-zA-Z0-9._~!$&'()*+,;=:@-]{0,10}",
        2 => "%[0-9a-fA-F]{2}[a-z]{0,3}",
        1 => prop::sample::select(vec![
            ".", "..", "%2e", "%2E", ".%2e", "%2E.", "%2e%2E", "%2e%2e%2e", "...", "%zz", "%4",
            "%", "é", "a b", "a\tb", "a\nb", "a\rb", "^", "{}", "|", "`", "\"", "<>", "[]", "'",
        ])
        .prop_map(str::to_owned),
        1 => "[\\x00-\\x7f]{0,4}",
    ]
}

/// A query or fragment after its `?` or `#`.
fn tail() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-zA-Z0-9=&/?.:@!$()*+,;~_-]{0,12}",
        2 => "[a-z=&]{0,4}(%[0-9a-fA-F]{2}|%|'|#|\\?|é| |\t|\\^|`|\"|<|>|\\{|\\|)[a-z=]{0,4}",
        1 => "[\\x00-\\x7f]{0,6}",
    ]
}

/// Text shaped like a URL, assembled from a scheme, credentials, host, port, path, query
/// and fragment each either canonical or one step off; and now and then anything.
fn url_like() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "https",
        "https",
        "https",
        "http",
        "http",
        "HTTP",
        "Https",
        "ftp",
        "javascript",
        "htt",
        "",
    ]);
    let separator = prop_oneof![
        16 => Just("://"), 1 => Just(":/"), 1 => Just(":\\\\"), 1 => Just(":///"),
        1 => Just(":"), 1 => Just("//"),
    ];
    let credentials = prop_oneof![
        16 => Just(""), 1 => Just("u@"), 1 => Just("u:p@"), 1 => Just(":@"), 1 => Just("@"),
    ];
    let port = prop_oneof![
        12 => Just(String::new()),
        4 => (1u32..70_000).prop_map(|port| format!(":{port}")),
        1 => prop::sample::select(vec![":80", ":443", ":0", ":080", ":00443", ":", ":1a"])
            .prop_map(str::to_owned),
    ];
    let separators = prop_oneof![16 => Just("/"), 1 => Just("\\")];
    let path = prop::collection::vec((separators, segment()), 0..5).prop_map(|segments| {
        segments
            .into_iter()
            .map(|(sep, seg)| sep.to_owned() + &seg)
            .collect::<String>()
    });
    let optional = |mark: &'static str| prop_oneof![3 => Just(String::new()), 2 => tail().prop_map(move |tail| format!("{mark}{tail}"))];
    let edge = prop_oneof![24 => Just(""), 1 => Just(" "), 1 => Just("\t"), 1 => Just("\n"), 1 => Just("\u{0}")];
    let assembled = (
        (edge.clone(), scheme, separator, credentials),
        (host(), port, path, optional("?"), optional("#"), edge),
    )
        .prop_map(
            |((lead, scheme, separator, credentials), (host, port, path, query, fragment, trail))| {
                format!("{lead}{scheme}{separator}{credentials}{host}{port}{path}{query}{fragment}{trail}")
            },
        );
    prop_oneof![12 => canonical_like(), 12 => assembled, 1 => "\\PC{0,24}", 1 => "[ -~]{0,24}"]
}

/// A URL written as the url crate writes it, as most URLs of records are, or one detail
/// away from it (a default or zero-padded port, a dot segment, an upper-case letter, a
/// numeric last label, a trailing dot), which the url crate rewrites or reads otherwise.
fn canonical_like() -> impl Strategy<Value = String> {
    let near = |canonical: &'static str, others: Vec<&'static str>| prop_oneof![8 => canonical, 1 => prop::sample::select(others).prop_map(str::to_owned)];
    (
        prop::sample::select(vec!["http", "https"]),
        prop::collection::vec(
            near("[a-z0-9][a-z0-9-]{0,10}", vec!["Ab", "xn--a", "a_b"]),
            0..3,
        ),
        near(
            "[a-z][a-z0-9-]{0,6}",
            vec!["1", "0x1f", "com.", "Com", "09"],
        ),
        prop_oneof![
            8 => Just(String::new()),
            2 => (1u32..65_536).prop_map(|port| format!(":{port}")),
            1 => prop::sample::select(vec![":80", ":443", ":0", ":080", ":", ":65536"])
                .prop_map(str::to_owned),
        ],
        prop::collection::vec(
            near(
                "[a-zA-Z0-9._~!$&'()*+,;=:@-]{0,10}|%[0-9a-fA-F]{2}",
                vec![".", "..", "%2e", "%2E.", "%2e%2e%2e", "%G0", "^", "é"],
            ),
            0..5,
        ),
        prop::option::of("[a-zA-Z0-9=&/?.:@!$()*+,;~_-]{0,12}"),
        prop::option::of("[a-zA-Z0-9=&/?.:@!$()*+,;~_'-]{0,12}"),
    )
        .prop_map(|(scheme, labels, last, port, segments, query, fragment)| {
            let mut url = format!("{scheme}://");
            for label in labels {
                url += &label;
                url.push('.');
            }
            url += &last;
            url += &port;
            url.push('/');
            url += &segments.join("/");
            if let Some(query) = query {
                url = url + "?" + &query;
            }
            if let Some(fragment) = fragment {
                url = url + "#" + &fragment;
            }
            url
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn http_url_parse_gives_the_url_crates_answers(text in url_like()) {
        http_url_differential(&text);
    }
}

/// The generator reaches both sides: URLs the url crate gives back as written (the fast
/// path's), URLs it rewrites, and text it refuses, each in a good share.
#[test]
fn the_generated_text_covers_canonical_rewritten_and_refused() {
    let mut runner = TestRunner::deterministic();
    let strategy = url_like();
    let (mut canonical, mut rewritten, mut refused) = (0, 0, 0);
    for _ in 0..4_000 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        match reference_http_url(&text) {
            Ok(url) if url.as_str() == text => canonical += 1,
            Ok(_) => rewritten += 1,
            Err(_) => refused += 1,
        }
    }
    eprintln!("canonical {canonical}, rewritten {rewritten}, refused {refused}");
    assert!(canonical >= 1_200, "{canonical} canonical of 4,000");
    assert!(rewritten >= 400, "{rewritten} rewritten of 4,000");
    assert!(refused >= 400, "{refused} refused of 4,000");
}

/// Every `http(s)://` string of the files under `dir` (cut at quotes and white space).
fn urls_under(dir: &Path, urls: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            urls_under(&path, urls);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            for word in text.split(|c: char| c == '"' || c == '\'' || c.is_whitespace()) {
                let word = word.trim_end_matches(',');
                if word.starts_with("http://") || word.starts_with("https://") {
                    urls.push(word.to_owned());
                }
            }
        }
    }
}

#[test]
fn every_url_of_our_fixtures_gives_the_url_crates_answers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut urls = Vec::new();
    urls_under(&root.join("tests/fixtures"), &mut urls);
    urls_under(&root.join("examples/corpus"), &mut urls);
    assert!(urls.len() > 100, "{} URLs", urls.len());
    for url in &urls {
        http_url_differential(url);
    }
}

#[test]
fn every_url_of_the_real_files_gives_the_url_crates_answers() {
    let Some(root) = util::shared("realdata", "the real files' URLs") else {
        return;
    };
    let mut urls = Vec::new();
    urls_under(&root, &mut urls);
    // ../shared/realdata holds 767 `http(s)://` strings in its records (and a few in README).
    assert!(urls.len() >= 767, "{} URLs", urls.len());
    for url in &urls {
        http_url_differential(url);
    }
}
