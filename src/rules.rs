//! The format's rules (FORMAT.md), one function each, every one with its code.
//!
//! What the types already guarantee is not checked again: a parsed `HttpUrl` is an absolute
//! http(s) URL without credentials, `quality` cannot be negative, `heat` cannot be below -1,
//! and a `Secured` has a sound envelope. Those are reported by the parser, with the codes
//! `url-invalid`, `url-scheme`, `url-credentials`, `invalid-value` and `secured-envelope`.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use url::Url;

use crate::amp::{amp_cache_url, is_amp_cache_url_of};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::FieldPath;
use crate::model::{Heat, Image, Provider, Record, RecordType, RelatedUrl};
use crate::HttpUrl;

/// What a rule may consult beyond the record.
pub(crate) struct Context {
    /// The reference time for `date-in-future`.
    pub(crate) now: DateTime<FixedOffset>,
}

/// Where rules put what they find.
#[derive(Default)]
pub(crate) struct Sink(Vec<Diagnostic>);

impl Sink {
    fn report(&mut self, code: Code, path: FieldPath, message: impl Into<String>) {
        self.0.push(Diagnostic::new(code, path, message));
    }

    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.0
    }
}

/// A rule: reads the record, reports to the sink.
pub(crate) type Rule = fn(&Record, &Context, &mut Sink);

/// Every rule, in the order their diagnostics come when there is no position to sort by.
pub(crate) const RULES: &[Rule] = &[
    category_not_empty,
    titles_not_empty,
    no_control_characters,
    no_html_entities,
    no_mojibake,
    web_url_by_type,
    amp_cache_matches,
    scores_complete,
    unranked_not_published,
    dates_not_in_future,
    image_sizes,
    provider_names,
    provider_domains,
    provider_hosts,
    topics_not_empty,
    topics_not_repeated,
    related_not_self,
    related_not_duplicated,
];

/// The record itself or one of its related entries: what the rules check in both.
struct Article<'a> {
    at: FieldPath,
    title: &'a str,
    excerpt: &'a str,
    published: &'a DateTime<FixedOffset>,
    web_url: WebUrl<'a>,
    amp_web_url: Option<&'a HttpUrl>,
    cdn_amp_web_url: Option<&'a HttpUrl>,
    record_type: RecordType,
    provider: &'a Provider,
    images: &'a [Image],
}

#[derive(Clone, Copy)]
enum WebUrl<'a> {
    /// No `webUrl` key (top level only).
    Absent,
    /// `webUrl: ""` (related entries only).
    Empty,
    Url(&'a HttpUrl),
}

impl<'a> WebUrl<'a> {
    fn url(self) -> Option<&'a HttpUrl> {
        match self {
            WebUrl::Url(url) => Some(url),
            WebUrl::Absent | WebUrl::Empty => None,
        }
    }
}

/// The record, then each related entry.
fn articles(record: &Record) -> Vec<Article<'_>> {
    let mut articles = vec![Article {
        at: FieldPath::root(),
        title: &record.title,
        excerpt: &record.excerpt,
        published: &record.published_date_time,
        web_url: record.web_url.as_ref().map_or(WebUrl::Absent, WebUrl::Url),
        amp_web_url: record.amp_web_url.as_ref(),
        cdn_amp_web_url: record.cdn_amp_web_url.as_ref(),
        record_type: record.record_type,
        provider: &record.provider,
        images: record.images.as_deref().unwrap_or_default(),
    }];
    for (i, related) in record.related.iter().flatten().enumerate() {
        articles.push(Article {
            at: FieldPath::root().key("related").index(i),
            title: &related.title,
            excerpt: &related.excerpt,
            published: &related.published_date_time,
            web_url: match &related.web_url {
                RelatedUrl::Empty => WebUrl::Empty,
                RelatedUrl::Url(url) => WebUrl::Url(url),
            },
            amp_web_url: related.amp_web_url.as_ref(),
            cdn_amp_web_url: related.cdn_amp_web_url.as_ref(),
            record_type: related.record_type,
            provider: &related.provider,
            images: related.images.as_deref().unwrap_or_default(),
        });
    }
    articles
}

/// Every piece of free text, with its path: titles, excerpts, the embed, provider names,
/// image titles, topics, the category.
fn texts(record: &Record) -> Vec<(FieldPath, &str)> {
    let root = FieldPath::root();
    let mut texts = vec![(root.clone().key("category"), record.category.as_str())];
    for article in articles(record) {
        texts.push((article.at.clone().key("title"), article.title));
        texts.push((article.at.clone().key("excerpt"), article.excerpt));
        texts.push((
            article.at.clone().key("provider").key("name"),
            &article.provider.name,
        ));
        for (i, image) in article.images.iter().enumerate() {
            if let Some(title) = &image.title {
                texts.push((
                    article.at.clone().key("images").index(i).key("title"),
                    title,
                ));
            }
        }
    }
    if let Some(embed) = &record.featured_content {
        texts.push((root.clone().key("featuredContent"), embed));
    }
    for (i, topic) in record.topics.iter().enumerate() {
        texts.push((root.clone().key("topics").index(i), topic));
    }
    texts
}

/// Every URL, with its path.
fn urls(record: &Record) -> Vec<(FieldPath, &HttpUrl)> {
    let mut urls = Vec::new();
    if let Some(url) = &record.original_url {
        urls.push((FieldPath::root().key("originalUrl"), url));
    }
    for article in articles(record) {
        let keys = [
            ("webUrl", article.web_url.url()),
            ("ampWebUrl", article.amp_web_url),
            ("cdnAmpWebUrl", article.cdn_amp_web_url),
        ];
        for (key, url) in keys {
            if let Some(url) = url {
                urls.push((article.at.clone().key(key), url));
            }
        }
        for (at, _, _, url) in images(&article) {
            urls.push((at.key("url"), url));
        }
    }
    urls
}

/// The images and the provider's logos of an article: path, width, height, URL.
fn images<'a>(article: &Article<'a>) -> Vec<(FieldPath, u32, u32, &'a HttpUrl)> {
    let mut found: Vec<_> = article
        .images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let at = article.at.clone().key("images").index(i);
            (at, image.width, image.height, &image.url)
        })
        .collect();
    for (i, logo) in article.provider.images.iter().flatten().enumerate() {
        let at = article.at.clone().key("provider").key("images").index(i);
        found.push((at, logo.width, logo.height, &logo.url));
    }
    found
}

/// `category-empty`: the category is not empty.
fn category_not_empty(record: &Record, _: &Context, sink: &mut Sink) {
    if record.category.trim().is_empty() {
        let at = FieldPath::root().key("category");
        sink.report(Code::CategoryEmpty, at, "`category` is empty");
    }
}

/// `title-empty`: every title is non-empty after trimming.
fn titles_not_empty(record: &Record, _: &Context, sink: &mut Sink) {
    for article in articles(record) {
        if article.title.trim().is_empty() {
            let at = article.at.key("title");
            sink.report(Code::TitleEmpty, at, "the title is empty");
        }
    }
}

/// `control-character`: no control character (Unicode Cc) in a title, none but tab, line feed
/// and carriage return in an excerpt.
fn no_control_characters(record: &Record, _: &Context, sink: &mut Sink) {
    for article in articles(record) {
        let fields = [
            ("title", article.title, &[][..]),
            ("excerpt", article.excerpt, &['\t', '\n', '\r'][..]),
        ];
        for (key, text, allowed) in fields {
            if let Some(c) = text
                .chars()
                .find(|c| c.is_control() && !allowed.contains(c))
            {
                sink.report(
                    Code::ControlCharacter,
                    article.at.clone().key(key),
                    format!(
                        "the {key} holds the control character U+{:04X}",
                        u32::from(c)
                    ),
                );
            }
        }
    }
}

/// `html-entity`: no HTML entity left in text or URLs.
fn no_html_entities(record: &Record, _: &Context, sink: &mut Sink) {
    let texts = texts(record);
    let urls = urls(record);
    let all = texts
        .iter()
        .map(|(at, text)| (at, *text))
        .chain(urls.iter().map(|(at, url)| (at, url.as_str())));
    for (at, text) in all {
        if let Some(entity) = find_html_entity(text) {
            sink.report(
                Code::HtmlEntity,
                at.clone(),
                format!("HTML entity `{entity}` in place of its character"),
            );
        }
    }
}

/// The named entities that show up in scraped text; any numeric one counts too.
const NAMED_ENTITIES: &[&str] = &[
    "amp", "lt", "gt", "quot", "apos", "nbsp", "mdash", "ndash", "hellip", "lsquo", "rsquo",
    "ldquo", "rdquo", "laquo", "raquo", "copy", "reg", "trade", "eacute", "egrave", "aacute",
    "agrave", "oacute", "uacute", "iacute", "ntilde", "ccedil", "uuml", "ouml", "auml", "szlig",
    "euro", "pound", "middot", "bull", "deg",
];

/// The first HTML entity in `text`: `&#8217;`, `&#x2019;` or a named one like `&amp;`.
fn find_html_entity(text: &str) -> Option<&str> {
    text.match_indices('&').find_map(|(at, _)| {
        let rest = &text[at + 1..];
        let end = rest.find(';')?;
        let name = &rest[..end];
        let numeric = name
            .strip_prefix('#')
            .is_some_and(|n| match n.strip_prefix(['x', 'X']) {
                Some(hex) => {
                    (1..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit())
                }
                None => (1..=7).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()),
            });
        (numeric || NAMED_ENTITIES.contains(&name)).then(|| &text[at..at + end + 2])
    })
}

/// `mojibake`: no UTF-8 read as Windows-1252 in text or URLs.
fn no_mojibake(record: &Record, _: &Context, sink: &mut Sink) {
    let texts = texts(record);
    let urls = urls(record);
    let all = texts
        .iter()
        .map(|(at, text)| (at, *text))
        .chain(urls.iter().map(|(at, url)| (at, url.as_str())));
    for (at, text) in all {
        if let Some(garbled) = find_mojibake(text) {
            sink.report(
                Code::Mojibake,
                at.clone(),
                format!("`{garbled}` looks like UTF-8 read as Windows-1252"),
            );
        }
    }
}

/// The first two characters that UTF-8 becomes when read as Windows-1252: a lead byte shown
/// as `Â`, `Ã` or `â` followed by a continuation byte (0x80–0xBF) shown as itself or as its
/// Windows-1252 character (`€`, `™`, `“`…).
fn find_mojibake(text: &str) -> Option<&str> {
    const CP1252_HIGH: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
    let is_continuation = |c: char| ('\u{A0}'..='\u{BF}').contains(&c) || CP1252_HIGH.contains(c);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if let Some(&(next_at, next)) = chars.peek() {
            if matches!(c, 'Â' | 'Ã' | 'â') && is_continuation(next) {
                return Some(&text[at..next_at + next.len_utf8()]);
            }
        }
    }
    None
}

/// `web-url-missing`, `web-url-on-video`: an article has a real `webUrl`; a video has none
/// (top level) or `""` (related).
fn web_url_by_type(record: &Record, _: &Context, sink: &mut Sink) {
    for article in articles(record) {
        let at = article.at.clone().key("webUrl");
        match (article.record_type, article.web_url) {
            (RecordType::Article, WebUrl::Absent) => {
                sink.report(Code::WebUrlMissing, at, "an article needs a `webUrl`");
            }
            (RecordType::Article, WebUrl::Empty) => {
                sink.report(
                    Code::WebUrlMissing,
                    at,
                    "a related article needs a `webUrl`, found `\"\"`",
                );
            }
            (RecordType::Video, WebUrl::Url(url)) => {
                sink.report(
                    Code::WebUrlOnVideo,
                    at,
                    format!("a video has no `webUrl`, found `{url}`"),
                );
            }
            _ => {}
        }
    }
}

/// `amp-cache-mismatch`, `amp-cache-without-amp`: `cdnAmpWebUrl` is the AMP cache URL of
/// `ampWebUrl`.
fn amp_cache_matches(record: &Record, _: &Context, sink: &mut Sink) {
    for article in articles(record) {
        let Some(cdn) = article.cdn_amp_web_url else {
            continue;
        };
        let at = article.at.clone().key("cdnAmpWebUrl");
        match article.amp_web_url {
            None => sink.report(
                Code::AmpCacheWithoutAmp,
                at,
                "`cdnAmpWebUrl` without `ampWebUrl`",
            ),
            Some(amp) if !is_amp_cache_url_of(cdn.as_url(), amp.as_url()) => sink.report(
                Code::AmpCacheMismatch,
                at,
                format!(
                    "`cdnAmpWebUrl` is not the AMP cache URL of `ampWebUrl`: expected `{}`, found `{cdn}`",
                    amp_cache_url(amp.as_url())
                ),
            ),
            Some(_) => {}
        }
    }
}

/// `scores-partial`: `quality`, `heat` and `published` are all present or all absent.
fn scores_complete(record: &Record, _: &Context, sink: &mut Sink) {
    let scores = [
        ("quality", record.quality.is_some()),
        ("heat", record.heat.is_some()),
        ("published", record.published.is_some()),
    ];
    let present: Vec<&str> = scores.iter().filter(|(_, p)| *p).map(|(k, _)| *k).collect();
    let absent: Vec<&str> = scores
        .iter()
        .filter(|(_, p)| !*p)
        .map(|(k, _)| *k)
        .collect();
    if !present.is_empty() && !absent.is_empty() {
        sink.report(
            Code::ScoresPartial,
            FieldPath::root().key(present[0]),
            format!(
                "`{}` present without `{}`: the scores come all together or not at all",
                present.join("`, `"),
                absent.join("`, `")
            ),
        );
    }
}

/// `heat-unranked-published`: a record that is not ranked (`heat: -1`) is not published.
fn unranked_not_published(record: &Record, _: &Context, sink: &mut Sink) {
    if record.heat == Some(Heat::NotRanked) && record.published == Some(true) {
        sink.report(
            Code::HeatUnrankedPublished,
            FieldPath::root().key("heat"),
            "`heat` is -1 (not ranked) on a record with `published: true`",
        );
    }
}

/// `date-in-future`: no `publishedDateTime` after the reference time.
fn dates_not_in_future(record: &Record, context: &Context, sink: &mut Sink) {
    for article in articles(record) {
        if *article.published > context.now {
            sink.report(
                Code::DateInFuture,
                article.at.key("publishedDateTime"),
                format!(
                    "`{}` is after the reference time `{}`",
                    crate::timestamp::format(article.published),
                    crate::timestamp::format(&context.now)
                ),
            );
        }
    }
}

/// `image-size`: every image and logo is at least 1×1.
fn image_sizes(record: &Record, _: &Context, sink: &mut Sink) {
    for article in articles(record) {
        for (at, width, height, _) in images(&article) {
            for (key, value) in [("width", width), ("height", height)] {
                if value == 0 {
                    sink.report(
                        Code::ImageSize,
                        at.clone().key(key),
                        format!("expected a {key} of at least 1, found `0`"),
                    );
                }
            }
        }
    }
}

/// `provider-name-empty`: every provider has a name.
fn provider_names(record: &Record, _: &Context, sink: &mut Sink) {
    for article in articles(record) {
        if article.provider.name.trim().is_empty() {
            let at = article.at.key("provider").key("name");
            sink.report(
                Code::ProviderNameEmpty,
                at,
                "the provider's `name` is empty",
            );
        }
    }
}

/// `provider-domain`: every provider's `domain` is a bare lower-case ASCII host name.
fn provider_domains(record: &Record, _: &Context, sink: &mut Sink) {
    for article in articles(record) {
        let domain = &article.provider.domain;
        if !is_host_name(domain) {
            sink.report(
                Code::ProviderDomain,
                article.at.key("provider").key("domain"),
                format!(
                    "expected a bare lower-case host name like `example.com`, found `{domain}`"
                ),
            );
        }
    }
}

/// Lower-case ASCII labels of letters, digits and inner hyphens, 1 to 63 long, at most 253
/// in all (RFC 1123 §2.1), punycode for internationalised names.
fn is_host_name(domain: &str) -> bool {
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    domain.len() <= 253 && domain.split('.').all(label_ok)
}

/// `provider-host-mismatch`: the `webUrl` host is the provider's domain or a subdomain of it.
fn provider_hosts(record: &Record, _: &Context, sink: &mut Sink) {
    for article in articles(record) {
        let (Some(url), domain) = (article.web_url.url(), &article.provider.domain) else {
            continue;
        };
        let Some(host) = url.as_url().host_str() else {
            continue;
        };
        let host = host.trim_end_matches('.');
        let inside = host == domain
            || host
                .strip_suffix(domain.as_str())
                .is_some_and(|sub| sub.ends_with('.'));
        if is_host_name(domain) && !inside {
            sink.report(
                Code::ProviderHostMismatch,
                article.at.key("webUrl"),
                format!("the host `{host}` is not the provider's domain `{domain}` nor under it"),
            );
        }
    }
}

/// `topic-empty`: no topic is empty.
fn topics_not_empty(record: &Record, _: &Context, sink: &mut Sink) {
    for (i, topic) in record.topics.iter().enumerate() {
        if topic.trim().is_empty() {
            let at = FieldPath::root().key("topics").index(i);
            sink.report(Code::TopicEmpty, at, "the topic is empty");
        }
    }
}

/// `topic-repeated`: no topic twice, ignoring case.
fn topics_not_repeated(record: &Record, _: &Context, sink: &mut Sink) {
    let mut seen = HashMap::new();
    for (i, topic) in record.topics.iter().enumerate() {
        if let Entry::Occupied(first) = seen.entry(topic.to_lowercase()) {
            let first: &usize = first.get();
            sink.report(
                Code::TopicRepeated,
                FieldPath::root().key("topics").index(i),
                format!("the topic `{topic}` repeats `topics[{first}]`"),
            );
        } else {
            seen.insert(topic.to_lowercase(), i);
        }
    }
}

/// `related-self`: no related entry cites the record itself.
fn related_not_self(record: &Record, _: &Context, sink: &mut Sink) {
    let Some(own) = &record.web_url else {
        return;
    };
    for (i, related) in record.related.iter().flatten().enumerate() {
        if let Some(url) = related.web_url.as_url() {
            if same_article(url.as_url(), own.as_url()) {
                sink.report(
                    Code::RelatedSelf,
                    FieldPath::root().key("related").index(i).key("webUrl"),
                    format!("the related entry cites the record itself: `{url}`"),
                );
            }
        }
    }
}

/// `related-duplicate`: no two related entries for the same article (the same `webUrl`, or
/// for videos without one, the same title and provider).
fn related_not_duplicated(record: &Record, _: &Context, sink: &mut Sink) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, related) in record.related.iter().flatten().enumerate() {
        let key = match related.web_url.as_url() {
            Some(url) => identity(url.as_url()),
            None => format!("video\n{}\n{}", related.title, related.provider.name),
        };
        if let Some(&first) = seen.get(&key) {
            sink.report(
                Code::RelatedDuplicate,
                FieldPath::root().key("related").index(i),
                format!("the related entry repeats `related[{first}]`"),
            );
        } else {
            seen.insert(key, i);
        }
    }
}

/// Whether two URLs name the same article: see [`identity`].
fn same_article(a: &Url, b: &Url) -> bool {
    identity(a) == identity(b)
}

/// A URL as an article's identity: `http` and `https` alike, without the fragment or a
/// trailing slash; host case and default ports are already normalised by the url crate.
fn identity(url: &Url) -> String {
    let path = url.path().trim_end_matches('/');
    let host = url.host_str().unwrap_or_default();
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    match url.query() {
        Some(query) => format!("{host}{port}{path}?{query}"),
        None => format!("{host}{port}{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_html_entities() {
        assert_eq!(find_html_entity("it&amp;#39;s"), Some("&amp;"));
        assert_eq!(find_html_entity("Diablo&#8217;s"), Some("&#8217;"));
        assert_eq!(find_html_entity("x &#x2019; y"), Some("&#x2019;"));
        assert_eq!(find_html_entity("O'Melveny & Myers; and AT&T;"), None);
        assert_eq!(find_html_entity("https://a.com/?a=1&b=2"), None);
        assert_eq!(find_html_entity("&#;"), None);
    }

    #[test]
    fn finds_mojibake() {
        assert_eq!(find_mojibake("2020 â€“ 2021"), Some("â€"));
        assert_eq!(find_mojibake("cafÃ©"), Some("Ã©"));
        assert_eq!(find_mojibake("Â© 2020"), Some("Â©"));
        assert_eq!(find_mojibake("café – ’ Ân"), None);
    }

    #[test]
    fn host_names() {
        for ok in ["thehill.com", "xn--bcher-kva.ch", "a-b.co.uk", "localhost"] {
            assert!(is_host_name(ok), "{ok}");
        }
        for bad in [
            "TheHill.com",
            "https://thehill.com",
            "thehill.com/x",
            "thehill.com:80",
            "",
            "a..b",
            "-a.com",
            "bücher.ch",
        ] {
            assert!(!is_host_name(bad), "{bad}");
        }
    }
}
