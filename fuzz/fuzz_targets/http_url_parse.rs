//! `HttpUrl::parse` on any text: what it accepts is an http(s) URL with a host and no
//! credentials, kept exactly as written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmatter::HttpUrl;

fuzz_target!(|text: &str| {
    let Ok(url) = HttpUrl::parse(text) else {
        return;
    };
    assert_eq!(url.as_str(), text);
    assert!(matches!(url.as_url().scheme(), "http" | "https"));
    assert!(url.as_url().host_str().is_some_and(|host| !host.is_empty()));
    assert!(url.as_url().username().is_empty() && url.as_url().password().is_none());
});
