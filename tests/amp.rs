//! AMP cache URLs: the AMP project's own test vectors (amp-toolbox, `packages/cache-url/spec/
//! AmpUrlSpec.js`) and every pair in `../shared/realdata`.

mod util;

use newsmatter::check::{
    amp_cache_subdomain, amp_cache_url, is_amp_cache_url_of, AMP_CACHE_DOMAIN,
};
use newsmatter::Document;
use url::Url;

#[test]
fn amp_toolbox_subdomain_vectors() {
    let vectors = [
        ("https://something.com", "something-com"),
        ("https://SOMETHING.COM", "something-com"),
        ("https://hello-world.com", "hello--world-com"),
        ("https://hello--world.com", "hello----world-com"),
        ("https://toplevelnohyphens", "qsgpfjzulvuaxb66z77vlhb5gu2irvcnyp6t67cz6tqo5ae6fysa"),
        ("https://no-dot-domain", "4lxc7wqq7b25walg4rdiil62veijrmqui5z3ept2lyfqqwpowryq"),
        (
            "https://itwasadarkandstormynight.therainfellintorrents.exceptatoccasionalintervalswhenitwascheckedby.aviolentgustofwindwhichsweptupthestreets.com",
            "dgz4cnrxufaulnwku4ow5biptyqnenjievjht56hd7wqinbdbteq",
        ),
        ("https://xn--bcher-kva.ch", "xn--bcher-ch-65a"),
        (
            "https://xn--4gbrim.xn----rmckbbajlc6dj7bxne2c.xn--wgbh1c",
            "xn-------i5fvcbaopc6fkc0de0d9jybegt6cd",
        ),
        (
            "https://hello.xn--4gbrim.xn----rmckbbajlc6dj7bxne2c.xn--wgbh1c",
            "a6h5moukddengbsjm77rvbosevwuduec2blkjva4223o4bgafgla",
        ),
        ("https://en-us.example.com", "0-en--us-example-com-0"),
    ];
    for (url, expected) in vectors {
        let url = Url::parse(url).unwrap();
        assert_eq!(
            amp_cache_subdomain(url.host_str().unwrap()),
            expected,
            "{url}"
        );
    }
}

#[test]
fn amp_toolbox_cache_url_vectors() {
    let vectors = [
        (
            "https://www.example.com",
            "https://www-example-com.cdn.ampproject.org/c/s/www.example.com",
        ),
        (
            "http://www.example.com",
            "https://www-example-com.cdn.ampproject.org/c/www.example.com",
        ),
        (
            "https://www.example.com/index.html",
            "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/index.html",
        ),
        (
            "http://www.example.com/index.html",
            "https://www-example-com.cdn.ampproject.org/c/www.example.com/index.html",
        ),
        (
            "https://example.com/g?value=Hello%20World",
            "https://example-com.cdn.ampproject.org/c/s/example.com/g?value=Hello%20World",
        ),
        (
            "https://點看.com",
            "https://xn---com-k47jg78q.cdn.ampproject.org/c/s/點看.com",
        ),
    ];
    for (page, cache) in vectors {
        let (page, cache) = (Url::parse(page).unwrap(), Url::parse(cache).unwrap());
        assert!(
            is_amp_cache_url_of(&cache, &page),
            "{page} -> {cache}, derived {}",
            amp_cache_url(&page)
        );
    }
}

#[test]
fn mismatches_are_told_apart() {
    let page = Url::parse("https://www.example.com/a?amp").unwrap();
    for wrong in [
        "https://www-example-com.cdn.ampproject.org/c/www.example.com/a?amp",
        "https://example-com.cdn.ampproject.org/c/s/www.example.com/a?amp",
        "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/b?amp",
        "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a",
        "https://www-example-com.cdn.ampproject.org/c/s/example.com/a?amp",
        "http://www-example-com.cdn.ampproject.org/c/s/www.example.com/a?amp",
    ] {
        assert!(
            !is_amp_cache_url_of(&Url::parse(wrong).unwrap(), &page),
            "{wrong}"
        );
    }
}

#[test]
fn every_real_pair_matches() {
    let Some(root) = util::shared("realdata", "the real AMP pairs") else {
        return;
    };
    let mut pairs = 0;
    for corpus in ["diablo4", "powerapps"] {
        for entry in std::fs::read_dir(root.join(corpus)).unwrap() {
            let path = entry.unwrap().path();
            let Ok(doc) = Document::from_path(&path) else {
                continue;
            };
            let r = &doc.record;
            let mut both = vec![(r.amp_web_url.clone(), r.cdn_amp_web_url.clone())];
            for related in r.related.iter().flatten() {
                both.push((related.amp_web_url.clone(), related.cdn_amp_web_url.clone()));
            }
            for (amp, cdn) in both {
                if let (Some(amp), Some(cdn)) = (amp, cdn) {
                    pairs += 1;
                    assert!(
                        is_amp_cache_url_of(cdn.as_url(), amp.as_url()),
                        "{}: {amp} -> {cdn}, derived {}",
                        path.display(),
                        amp_cache_url(amp.as_url())
                    );
                }
            }
        }
    }
    assert_eq!(pairs, 85);
}

#[test]
fn hosts_that_are_no_dns_label_get_the_hashed_form() {
    // The url crate takes `_` and `}` in hosts; a cache subdomain cannot hold them.
    for host in ["my_site.example.com", "a}b.example.com"] {
        let page = Url::parse(&format!("https://{host}/x")).unwrap();
        let label = amp_cache_subdomain(page.host_str().unwrap());
        assert_eq!(label.len(), 52, "{label}");
        assert!(
            label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            "{label}"
        );
    }
}

proptest::proptest! {
    /// What `is_amp_cache_url_of` relies on instead of building the cache URL: the cache
    /// URL's host is the subdomain on the cache's domain as written, and its query is the
    /// page's, for any page, odd queries and hosts included.
    #[test]
    fn the_cache_url_holds_the_subdomain_and_the_pages_query(
        host in "([a-z0-9-]{1,12}|xn--bcher-kva|bücher|ÄÖ|[a-z]_x)(\\.[a-z0-9-]{1,8}){0,3}",
        path in "(/[a-zA-Z0-9%'\"<>`{}| .é~-]{0,8}){0,3}",
        query in proptest::option::of("[a-zA-Z0-9%'\"<>`{}|=&?/ .é#^\\\\-]{0,16}"),
        https in proptest::bool::ANY,
    ) {
        let scheme = if https { "https" } else { "http" };
        let query = query.map(|q| format!("?{q}")).unwrap_or_default();
        let Ok(page) = Url::parse(&format!("{scheme}://{host}{path}{query}")) else {
            return Ok(());
        };
        let cache = amp_cache_url(&page);
        let subdomain = amp_cache_subdomain(page.host_str().unwrap_or_default());
        let host = format!("{subdomain}.{AMP_CACHE_DOMAIN}");
        proptest::prop_assert_eq!(cache.host_str(), Some(host.as_str()));
        proptest::prop_assert_eq!(cache.query(), page.query());
        proptest::prop_assert!(is_amp_cache_url_of(&cache, &page), "{} {}", page, cache);
    }
}
