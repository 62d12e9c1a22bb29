//! The format's rules ([the record format](crate::record_format)), one function each, every one with its code.
//!
//! What the types already guarantee is not checked again: a parsed `HttpUrl` is an absolute
//! http(s) URL without credentials, `quality` cannot be negative, `heat` cannot be below -1,
//! and a `Secured` has a sound envelope. Those are reported by the parser, with the codes
//! `url-invalid`, `url-scheme`, `url-credentials`, `invalid-value` and `secured-envelope`.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use crate::check::amp::{amp_cache_url, is_cache_of};
use crate::check::fix::{decode_html_entities, repair_mojibake, Repair};
use crate::model::host::is_host_name;
use crate::model::{
    timestamp, ArticleKey, Heat, HttpUrl, Identity, Image, Provider, Record, RecordType, Related,
    RelatedUrl,
};
use crate::report::{Code, Diagnostic, FieldPath};

/// Where rules put what they find, each with its repair when it has one.
#[derive(Default)]
pub(crate) struct Sink(Vec<(Diagnostic, Option<Repair>)>);

impl Sink {
    fn report(&mut self, code: Code, path: FieldPath, message: impl Into<String>) {
        self.0.push((Diagnostic::new(code, path, message), None));
    }

    fn report_repair(
        &mut self,
        code: Code,
        path: FieldPath,
        message: impl Into<String>,
        repair: Repair,
    ) {
        self.0
            .push((Diagnostic::new(code, path, message), Some(repair)));
    }

    /// Reports `code` at `place`, whose text is `text`, with the repair that writes `fixed`
    /// there (`how`): unless the place is a URL, left as it is (what looks wrong there may be
    /// meant), or the repair changes nothing.
    fn report_text(
        &mut self,
        code: Code,
        place: Place,
        text: &str,
        message: String,
        (how, fixed): (&'static str, String),
    ) {
        match place.is_url() || fixed == text {
            false => self.report_repair(code, place.path(), message, Repair::value(how, fixed)),
            true => self.report(code, place.path(), message),
        }
    }

    pub(crate) fn into_parts(self) -> Vec<(Diagnostic, Option<Repair>)> {
        self.0
    }
}

/// A rule: reads the subject, reports to the sink.
pub(crate) type Rule = fn(&Subject<'_>, &mut Sink);

/// Every rule, in the order their diagnostics come when there is no position to sort by.
pub(crate) const RULES: &[Rule] = &[
    category_not_empty,
    titles_not_empty,
    no_control_characters,
    clean_texts,
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
    related_not_self_nor_duplicated,
];

/// The record under validation, with what several rules need worked out once. Paths are
/// built only for what is reported: a clean record allocates none.
pub(crate) struct Subject<'a> {
    record: &'a Record,
    /// The reference time for `date-in-future`.
    now: DateTime<FixedOffset>,
    /// The record itself, then each related entry.
    articles: Vec<Article<'a>>,
}

impl<'a> Subject<'a> {
    // The record and its related entries are taken apart whole, with no `..`: a field added
    // to the model does not compile until the rules say whether it is text to check.
    pub(crate) fn new(record: &'a Record, now: DateTime<FixedOffset>) -> Self {
        let Record {
            // The texts of the record alone: `Subject::texts` gives them.
            category: _,
            original_url: _,
            featured_content: _,
            topics: _,
            title,
            excerpt,
            published_date_time,
            web_url,
            amp_web_url,
            cdn_amp_web_url,
            record_type,
            // Scores and flags: their rules read them from the record.
            quality: _,
            heat: _,
            published: _,
            provider,
            images,
            related,
            // A sealed payload: no text rule applies to it.
            secured: _,
            removed: _,
            // Keys the format does not have: no rule applies to them.
            unknown: _,
        } = record;
        let mut articles = Vec::with_capacity(1 + related.as_ref().map_or(0, Vec::len));
        articles.push(Article {
            owner: Owner::Record,
            title,
            excerpt,
            published: published_date_time,
            web_url: web_url.as_ref().map_or(WebUrl::Absent, WebUrl::Url),
            amp_web_url: amp_web_url.as_ref(),
            cdn_amp_web_url: cdn_amp_web_url.as_ref(),
            record_type: *record_type,
            provider,
            images: images.as_deref().unwrap_or_default(),
        });
        for (i, entry) in related.iter().flatten().enumerate() {
            let Related {
                title,
                excerpt,
                published_date_time,
                web_url,
                amp_web_url,
                cdn_amp_web_url,
                record_type,
                provider,
                // A score: `related-copy-mismatch` compares it across records.
                quality: _,
                images,
                unknown: _,
            } = entry;
            articles.push(Article {
                owner: Owner::Related(i),
                title,
                excerpt,
                published: published_date_time,
                web_url: match web_url {
                    RelatedUrl::Empty => WebUrl::Empty,
                    RelatedUrl::Url(url) => WebUrl::Url(url),
                },
                amp_web_url: amp_web_url.as_ref(),
                cdn_amp_web_url: cdn_amp_web_url.as_ref(),
                record_type: *record_type,
                provider,
                images: images.as_deref().unwrap_or_default(),
            });
        }
        Subject {
            record,
            now,
            articles,
        }
    }

    /// Gives `visit` every piece of free text and every URL: the record's own (its category,
    /// embed, topics, and the one URL the related entries do not have), then, for the record
    /// and each related entry, titles, excerpts, provider names, image titles, and their
    /// URLs. Visited where they are, rather than gathered into a list first.
    fn texts(&self, mut visit: impl FnMut(Place, &'a str)) {
        let Record {
            category,
            featured_content,
            topics,
            original_url,
            // The record's other texts are its article's.
            ..
        } = self.record;
        visit(Place::Top("category"), category);
        if let Some(embed) = featured_content {
            visit(Place::Top("featuredContent"), embed);
        }
        for (i, topic) in topics.iter().enumerate() {
            visit(Place::Topic(i), topic);
        }
        if let Some(url) = original_url {
            visit(Place::Top("originalUrl"), url.as_str());
        }
        for article in &self.articles {
            let owner = article.owner;
            visit(Place::Key(owner, "title"), article.title);
            visit(Place::Key(owner, "excerpt"), article.excerpt);
            visit(Place::Provider(owner, "name"), &article.provider.name);
            let urls = [
                ("webUrl", article.web_url.url()),
                ("ampWebUrl", article.amp_web_url),
                ("cdnAmpWebUrl", article.cdn_amp_web_url),
            ];
            for (key, url) in urls {
                if let Some(url) = url {
                    visit(Place::Key(owner, key), url.as_str());
                }
            }
            for (i, image) in article.images.iter().enumerate() {
                if let Some(title) = &image.title {
                    visit(Picture::Image(owner, i).key("title"), title);
                }
            }
            for (picture, _, _, url) in article.pictures() {
                visit(picture.key("url"), url.as_str());
            }
        }
    }
}

/// The record itself or one of its related entries: what the rules check in both.
struct Article<'a> {
    owner: Owner,
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

impl<'a> Article<'a> {
    /// The images and the provider's logos: where, width, height, URL.
    fn pictures(&self) -> impl Iterator<Item = (Picture, u32, u32, &'a HttpUrl)> + '_ {
        let owner = self.owner;
        let images = self.images.iter().enumerate().map(move |(i, image)| {
            (
                Picture::Image(owner, i),
                image.width,
                image.height,
                &image.url,
            )
        });
        let logos = self
            .provider
            .images
            .iter()
            .flatten()
            .enumerate()
            .map(move |(i, logo)| (Picture::Logo(owner, i), logo.width, logo.height, &logo.url));
        images.chain(logos)
    }
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

/// Whose value: the record's own, or the `i`th related entry's.
#[derive(Clone, Copy)]
enum Owner {
    Record,
    Related(usize),
}

impl Owner {
    fn path(self) -> FieldPath {
        match self {
            Owner::Record => FieldPath::root(),
            Owner::Related(i) => FieldPath::root().key("related").index(i),
        }
    }

    fn key(self, key: &'static str) -> FieldPath {
        self.path().key(key)
    }
}

/// An image (`images[i]`) or a logo (`provider.images[i]`) of an article.
#[derive(Clone, Copy)]
enum Picture {
    Image(Owner, usize),
    Logo(Owner, usize),
}

impl Picture {
    fn key(self, key: &'static str) -> Place {
        Place::Picture(self, key)
    }
}

/// Where a value is, made into a [`FieldPath`] only when reported.
#[derive(Clone, Copy)]
enum Place {
    /// A top-level key of the record only (`category`, `originalUrl`).
    Top(&'static str),
    /// `topics[i]`.
    Topic(usize),
    /// A key of the record or of a related entry.
    Key(Owner, &'static str),
    /// A key of an article's provider.
    Provider(Owner, &'static str),
    /// A key of an image or logo.
    Picture(Picture, &'static str),
}

impl Place {
    /// Whether the value is a URL (`webUrl`, an image's `url`…).
    fn is_url(self) -> bool {
        match self {
            Place::Top(key)
            | Place::Key(_, key)
            | Place::Provider(_, key)
            | Place::Picture(_, key) => key.ends_with("Url") || key == "url",
            Place::Topic(_) => false,
        }
    }

    fn path(self) -> FieldPath {
        match self {
            Place::Top(key) => FieldPath::root().key(key),
            Place::Topic(i) => FieldPath::root().key("topics").index(i),
            Place::Key(owner, key) => owner.key(key),
            Place::Provider(owner, key) => owner.key("provider").key(key),
            Place::Picture(Picture::Image(owner, i), key) => owner.key("images").index(i).key(key),
            Place::Picture(Picture::Logo(owner, i), key) => {
                owner.key("provider").key("images").index(i).key(key)
            }
        }
    }
}

/// The values of a record that did not read (a stand-in was checked in their place): a
/// diagnostic that reads one, or anything under one, is not reported.
pub(crate) struct Unread {
    paths: HashSet<FieldPath>,
    /// Every path that one of `paths` starts with (them too).
    above: HashSet<FieldPath>,
}

impl Unread {
    pub(crate) fn new(paths: Vec<FieldPath>) -> Self {
        let mut above = HashSet::new();
        for path in &paths {
            let mut at = Some(path.clone());
            while let Some(path) = at {
                at = path.parent();
                if !above.insert(path) {
                    break;
                }
            }
        }
        Unread {
            paths: paths.into_iter().collect(),
            above,
        }
    }

    /// Whether `read` is one of the values that did not read, under one, or above one.
    fn touches(&self, read: &FieldPath) -> bool {
        if self.above.contains(read) {
            return true;
        }
        let mut at = read.parent();
        while let Some(path) = at {
            if self.paths.contains(&path) {
                return true;
            }
            at = path.parent();
        }
        false
    }

    /// Whether `diagnostic` reads a value that did not read: its own value, and what its
    /// rule reads besides, in its article (the record, or the related entry it is in) or in
    /// the record.
    pub(crate) fn read_by(&self, diagnostic: &Diagnostic) -> bool {
        use crate::report::Segment;
        if self.paths.is_empty() {
            return false;
        }
        let path = diagnostic.path();
        let owner = match path.segments() {
            [Segment::Key(related), Segment::Index(i), ..] if related == "related" => {
                Owner::Related(*i)
            }
            _ => Owner::Record,
        };
        // What the rule reads besides the value it reports: keys of the article, keys of
        // the record.
        let (article, record): (&[&'static str], &[&'static str]) = match diagnostic.code() {
            Code::WebUrlMissing | Code::WebUrlOnVideo => (&["type", "webUrl"], &[]),
            Code::AmpCacheMismatch | Code::AmpCacheWithoutAmp => {
                (&["ampWebUrl", "cdnAmpWebUrl"], &[])
            }
            Code::ProviderHostMismatch => (&["webUrl", "provider"], &[]),
            Code::ScoresPartial | Code::HeatUnrankedPublished => {
                (&[], &["quality", "heat", "published"])
            }
            Code::TopicRepeated => (&[], &["topics"]),
            Code::RelatedSelf => (&["webUrl"], &["webUrl"]),
            Code::RelatedDuplicate => (&[], &["related"]),
            _ => (&[], &[]),
        };
        self.touches(path)
            || article.iter().any(|key| self.touches(&owner.key(key)))
            || record
                .iter()
                .any(|key| self.touches(&FieldPath::root().key(*key)))
    }
}

/// `category-empty`: the category is not empty.
fn category_not_empty(subject: &Subject<'_>, sink: &mut Sink) {
    if subject.record.category.trim().is_empty() {
        let at = Place::Top("category").path();
        sink.report(Code::CategoryEmpty, at, "`category` is empty");
    }
}

/// `title-empty`: every title is non-empty after trimming.
fn titles_not_empty(subject: &Subject<'_>, sink: &mut Sink) {
    for article in &subject.articles {
        if article.title.trim().is_empty() {
            let at = article.owner.key("title");
            sink.report(Code::TitleEmpty, at, "the title is empty");
        }
    }
}

/// `control-character`: no control character (Unicode Cc) in a title, none but tab, line feed
/// and carriage return in an excerpt.
fn no_control_characters(subject: &Subject<'_>, sink: &mut Sink) {
    for article in &subject.articles {
        let fields = [
            ("title", article.title, &[][..]),
            ("excerpt", article.excerpt, &['\t', '\n', '\r'][..]),
        ];
        for (key, text, allowed) in fields {
            if let Some(c) = find_control(text, allowed) {
                sink.report(
                    Code::ControlCharacter,
                    article.owner.key(key),
                    format!(
                        "the {key} holds the control character U+{:04X}",
                        u32::from(c)
                    ),
                );
            }
        }
    }
}

/// The first control character of `text` that is not `allowed`. Controls are C0 (below
/// U+0020), DEL and C1 (U+0080 to U+009F, whose UTF-8 starts with the byte 0xC2): text
/// without such bytes, nearly all of it, is passed over in one vector loop.
fn find_control(text: &str, allowed: &[char]) -> Option<char> {
    // The whole text in one loop without a branch, which the compiler turns into vector
    // instructions (texts are short: stopping early would save little).
    let suspect = text.bytes().fold(false, |found, b| {
        found | (b < 0x20) | (b == 0x7F) | (b == 0xC2)
    });
    if !suspect {
        return None;
    }
    text.chars()
        .find(|c| c.is_control() && !allowed.contains(c))
}

/// `bidi-control`, `html-entity` and `mojibake`, over every text and URL in one pass: a text
/// holds none of them without one of the bytes they start with (`&`; 0xE2 for a bidi
/// control; 0xC3 for mojibake), which most texts do not have.
fn clean_texts(subject: &Subject<'_>, sink: &mut Sink) {
    subject.texts(|place, text| {
        if memchr::memchr3(b'&', 0xC3, 0xE2, text.as_bytes()).is_some() {
            no_bidi_controls(place, text, sink);
            no_html_entities(place, text, sink);
            no_mojibake(place, text, sink);
        }
    });
}

/// `bidi-control`: no bidirectional control character (U+202A to U+202E, U+2066 to U+2069)
/// in any text or URL. They make text display in another order than it is stored, which the
/// Trojan Source attacks use to show a reader something other than what a program reads; a
/// record has no need of them (a right-to-left script is ordered without them). A warning:
/// they are a reason to look, not proof of harm.
fn no_bidi_controls(place: Place, text: &str, sink: &mut Sink) {
    if let Some(c) = find_bidi_control(text) {
        sink.report(
            Code::BidiControl,
            place.path(),
            format!(
                "the bidirectional control character U+{:04X} ({}), which can make the text display in another order than it is read",
                u32::from(c),
                bidi_name(c)
            ),
        );
    }
}

/// The first bidirectional control character of `text`. Their UTF-8 starts with the byte
/// 0xE2: text without it is passed over at once.
fn find_bidi_control(text: &str) -> Option<char> {
    // U+202A to U+202E are 0xE2 0x80 0xAA to 0xAE, U+2066 to U+2069 are 0xE2 0x81 0xA6 to
    // 0xA9: only the characters that start with 0xE2 (a lead byte) are looked at.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = memchr::memchr(0xE2, &bytes[from..]) {
        let at = from + found;
        if let Some(&[second, third]) = bytes.get(at + 1..at + 3) {
            if matches!((second, third), (0x80, 0xAA..=0xAE) | (0x81, 0xA6..=0xA9)) {
                return text[at..].chars().next();
            }
        }
        from = at + 1;
    }
    None
}

/// The Unicode abbreviation of a bidirectional control character.
fn bidi_name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        _ => "PDI",
    }
}

/// `html-entity`: no HTML entity left in a text or URL.
fn no_html_entities(place: Place, text: &str, sink: &mut Sink) {
    if let Some(entity) = find_html_entity(text) {
        let message = format!("HTML entity `{entity}` in place of its character");
        // In text, the character; an entity of no character (`&#0;`) is left as it is.
        let decoded = decode_html_entities(text);
        let repair = ("decode the HTML entities", decoded);
        sink.report_text(Code::HtmlEntity, place, text, message, repair);
    }
}

/// The named entities that show up in scraped text; any numeric one counts too.
const NAMED_ENTITIES: &[&str] = &[
    "amp", "lt", "gt", "quot", "apos", "nbsp", "mdash", "ndash", "hellip", "lsquo", "rsquo",
    "ldquo", "rdquo", "laquo", "raquo", "copy", "reg", "trade", "eacute", "egrave", "aacute",
    "agrave", "oacute", "uacute", "iacute", "ntilde", "ccedil", "uuml", "ouml", "auml", "szlig",
    "euro", "pound", "middot", "bull", "deg",
];

/// The longest entity name, `;` included: `#1234567;`, `#x10FFFF;`.
const ENTITY_LEN: usize = 9;

/// The first HTML entity in `text`: `&#8217;`, `&#x2019;` or a named one like `&amp;`. Each
/// `&` is looked past by no more than an entity's length, so that a text of `&`s costs its
/// length, not its square.
fn find_html_entity(text: &str) -> Option<&str> {
    text.match_indices('&').find_map(|(at, _)| {
        let rest = &text.as_bytes()[at + 1..];
        let end = memchr::memchr(b';', &rest[..rest.len().min(ENTITY_LEN)])?;
        let name = &text[at + 1..at + 1 + end];
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

/// `mojibake`: no UTF-8 read as Windows-1252 in a text or URL.
fn no_mojibake(place: Place, text: &str, sink: &mut Sink) {
    if let Some(garbled) = find_mojibake(text) {
        let message = format!("`{garbled}` looks like UTF-8 read as Windows-1252");
        let repair = ("read the text as UTF-8", repair_mojibake(text));
        sink.report_text(Code::Mojibake, place, text, message, repair);
    }
}

/// The first two characters that UTF-8 becomes when read as Windows-1252: a lead byte shown
/// as `Â`, `Ã` or `â` followed by a continuation byte (0x80–0xBF) shown as itself or as its
/// Windows-1252 character (`€`, `™`, `“`…).
fn find_mojibake(text: &str) -> Option<&str> {
    const CP1252_HIGH: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
    let is_continuation = |c: char| ('\u{A0}'..='\u{BF}').contains(&c) || CP1252_HIGH.contains(c);
    // `Â`, `Ã` and `â` are 0xC3 0x82, 0xC3 0x83 and 0xC3 0xA2: only those bytes are looked at
    // (0xC3 is a lead byte, so each one found starts a character).
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = memchr::memchr(0xC3, &bytes[from..]) {
        let at = from + found;
        if matches!(bytes.get(at + 1), Some(0x82 | 0x83 | 0xA2)) {
            if let Some(next) = text[at + 2..]
                .chars()
                .next()
                .filter(|&c| is_continuation(c))
            {
                return Some(&text[at..at + 2 + next.len_utf8()]);
            }
        }
        from = at + 1;
    }
    None
}

/// `web-url-missing`, `web-url-on-video`: an article has a real `webUrl`; a video has none
/// (top level) or `""` (related).
fn web_url_by_type(subject: &Subject<'_>, sink: &mut Sink) {
    for article in &subject.articles {
        let at = || article.owner.key("webUrl");
        match (article.record_type, article.web_url) {
            (RecordType::Article, WebUrl::Absent) => {
                sink.report(Code::WebUrlMissing, at(), "an article needs a `webUrl`");
            }
            (RecordType::Article, WebUrl::Empty) => sink.report(
                Code::WebUrlMissing,
                at(),
                "a related article needs a `webUrl`, found `\"\"`",
            ),
            (RecordType::Video, WebUrl::Url(url)) => sink.report(
                Code::WebUrlOnVideo,
                at(),
                format!("a video has no `webUrl`, found `{url}`"),
            ),
            _ => {}
        }
    }
}

/// `amp-cache-mismatch`, `amp-cache-without-amp`: `cdnAmpWebUrl` is the AMP cache URL of
/// `ampWebUrl`.
fn amp_cache_matches(subject: &Subject<'_>, sink: &mut Sink) {
    for article in &subject.articles {
        let Some(cdn) = article.cdn_amp_web_url else {
            continue;
        };
        let at = || article.owner.key("cdnAmpWebUrl");
        match article.amp_web_url {
            None => sink.report(
                Code::AmpCacheWithoutAmp,
                at(),
                "`cdnAmpWebUrl` without `ampWebUrl`",
            ),
            Some(amp) if !is_cache_of(cdn, amp) => {
                let expected = amp_cache_url(amp.as_url());
                sink.report_repair(
                    Code::AmpCacheMismatch,
                    at(),
                    format!(
                        "`cdnAmpWebUrl` is not the AMP cache URL of `ampWebUrl`: expected `{expected}`, found `{cdn}`"
                    ),
                    Repair::value("derive it from `ampWebUrl`", expected.to_string()),
                );
            }
            Some(_) => {}
        }
    }
}

/// `scores-partial`: `quality`, `heat` and `published` are all present or all absent.
fn scores_complete(subject: &Subject<'_>, sink: &mut Sink) {
    let record = subject.record;
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
            Place::Top(present[0]).path(),
            format!(
                "`{}` present without `{}`: the scores come all together or not at all",
                present.join("`, `"),
                absent.join("`, `")
            ),
        );
    }
}

/// `heat-unranked-published`: a record that is not ranked (`heat: -1`) is not published.
fn unranked_not_published(subject: &Subject<'_>, sink: &mut Sink) {
    let record = subject.record;
    if record.heat == Some(Heat::NotRanked) && record.published == Some(true) {
        sink.report(
            Code::HeatUnrankedPublished,
            Place::Top("heat").path(),
            "`heat` is -1 (not ranked) on a record with `published: true`",
        );
    }
}

/// `date-in-future`: no `publishedDateTime` after the reference time.
fn dates_not_in_future(subject: &Subject<'_>, sink: &mut Sink) {
    for article in &subject.articles {
        if *article.published > subject.now {
            sink.report(
                Code::DateInFuture,
                article.owner.key("publishedDateTime"),
                format!(
                    "`{}` is after the reference time `{}`",
                    timestamp::format(article.published),
                    timestamp::format(&subject.now)
                ),
            );
        }
    }
}

/// `image-size`: every image and logo is at least 1×1.
fn image_sizes(subject: &Subject<'_>, sink: &mut Sink) {
    for article in &subject.articles {
        for (picture, width, height, _) in article.pictures() {
            for (key, value) in [("width", width), ("height", height)] {
                if value == 0 {
                    sink.report(
                        Code::ImageSize,
                        picture.key(key).path(),
                        format!("expected a {key} of at least 1, found `0`"),
                    );
                }
            }
        }
    }
}

/// `provider-name-empty`: every provider has a name.
fn provider_names(subject: &Subject<'_>, sink: &mut Sink) {
    for article in &subject.articles {
        if article.provider.name.trim().is_empty() {
            let at = Place::Provider(article.owner, "name").path();
            sink.report(
                Code::ProviderNameEmpty,
                at,
                "the provider's `name` is empty",
            );
        }
    }
}

/// `provider-domain`: every provider's `domain` is a bare lower-case ASCII host name.
fn provider_domains(subject: &Subject<'_>, sink: &mut Sink) {
    for article in &subject.articles {
        let domain = &article.provider.domain;
        if !is_host_name(domain) {
            sink.report(
                Code::ProviderDomain,
                Place::Provider(article.owner, "domain").path(),
                format!(
                    "expected a bare lower-case host name like `example.com`, found `{domain}`"
                ),
            );
        }
    }
}

/// `provider-host-mismatch`: the `webUrl` host is the provider's domain or a subdomain of it.
fn provider_hosts(subject: &Subject<'_>, sink: &mut Sink) {
    for article in &subject.articles {
        let domain = &article.provider.domain;
        let Some(host) = article.web_url.url().map(HttpUrl::host_str) else {
            continue;
        };
        let host = host.trim_end_matches('.');
        let inside = host == domain
            || host
                .strip_suffix(domain.as_str())
                .is_some_and(|sub| sub.ends_with('.'));
        // The domain's own rule (`provider-domain`) looked at it already: checked again
        // only where the host is outside it, which is rare.
        if !inside && is_host_name(domain) {
            sink.report(
                Code::ProviderHostMismatch,
                article.owner.key("webUrl"),
                format!("the host `{host}` is not the provider's domain `{domain}` nor under it"),
            );
        }
    }
}

/// `topic-empty`: no topic is empty.
fn topics_not_empty(subject: &Subject<'_>, sink: &mut Sink) {
    for (i, topic) in subject.record.topics.iter().enumerate() {
        if topic.trim().is_empty() {
            sink.report(
                Code::TopicEmpty,
                Place::Topic(i).path(),
                "the topic is empty",
            );
        }
    }
}

/// `topic-repeated`: no topic twice, ignoring case.
fn topics_not_repeated(subject: &Subject<'_>, sink: &mut Sink) {
    let topics = &subject.record.topics;
    if topics.len() < 2 {
        return;
    }
    // Each topic lower-cased as `to_lowercase` does it (final sigma and all); ASCII, nearly
    // every topic, in place.
    let mut keys = Keys::with_capacity(topics.len());
    for topic in topics {
        if topic.is_ascii() {
            keys.push_with(|text| {
                let from = text.len();
                text.push_str(topic);
                text[from..].make_ascii_lowercase();
            });
        } else {
            keys.push_with(|text| text.push_str(&topic.to_lowercase()));
        }
    }
    for (i, first) in keys.repeats() {
        sink.report_repair(
            Code::TopicRepeated,
            Place::Topic(i).path(),
            format!("the topic `{}` repeats `topics[{first}]`", topics[i]),
            Repair::remove("drop the repeated topic", Place::Topic(i).path(), true),
        );
    }
}

/// `related-self` and `related-duplicate`: no related entry cites the record itself (its
/// `webUrl`), and no two related entries are for the same article (the same `webUrl`, or for
/// videos without one, the same title and provider). Each entry's key is read from its URL as
/// written where it is a piece of it, else written once.
fn related_not_self_nor_duplicated(subject: &Subject<'_>, sink: &mut Sink) {
    let Some(related) = subject.record.related.as_deref().filter(|r| !r.is_empty()) else {
        return;
    };
    let mut written = String::new();
    let own = subject
        .record
        .web_url
        .as_ref()
        .map(|url| Identity::Url(url).key_text(&mut written));
    let mut buffer = String::new();
    let mut keys = Keys::with_capacity(related.len());
    for (i, entry) in related.iter().enumerate() {
        let key = match entry.web_url.as_url() {
            Some(url) => {
                let key = Identity::Url(url).key_text(&mut buffer);
                if own == Some(key) {
                    sink.report_repair(
                        Code::RelatedSelf,
                        Owner::Related(i).key("webUrl"),
                        format!("the related entry cites the record itself: `{url}`"),
                        Repair::remove("drop the related entry", Owner::Related(i).path(), false),
                    );
                }
                key
            }
            None => {
                ArticleKey::write_video(&entry.provider.name, &entry.title, &mut buffer);
                &buffer
            }
        };
        keys.push_with(|text| text.push_str(key));
    }
    for (i, first) in keys.repeats() {
        sink.report(
            Code::RelatedDuplicate,
            Owner::Related(i).path(),
            format!("the related entry repeats `related[{first}]`"),
        );
    }
}

/// Keys written one after another into one buffer, to find those that repeat: a record's
/// keys cost a few allocations, not one each.
struct Keys {
    text: String,
    /// Where each key ends in `text`.
    ends: Vec<usize>,
}

impl Keys {
    fn with_capacity(keys: usize) -> Self {
        Keys {
            text: String::new(),
            ends: Vec::with_capacity(keys),
        }
    }

    /// Adds the key that `write` appends to the buffer.
    fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.text);
        self.ends.push(self.text.len());
    }

    /// Each key that repeats an earlier one, in order: its index and the first one's.
    fn repeats(&self) -> Vec<(usize, usize)> {
        let mut seen: HashMap<&str, usize, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(self.ends.len(), Default::default());
        let mut repeats = Vec::new();
        let mut start = 0;
        for (i, &end) in self.ends.iter().enumerate() {
            match seen.entry(&self.text[start..end]) {
                Entry::Occupied(first) => repeats.push((i, *first.get())),
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
            start = end;
        }
        repeats
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
        assert_eq!(find_html_entity("&#12345678;"), None);
        assert_eq!(find_html_entity("&#1234567;"), Some("&#1234567;"));
        assert_eq!(find_html_entity(&"&".repeat(100_000)), None);
    }

    #[test]
    fn finds_bidi_controls() {
        assert_eq!(find_bidi_control("abc \u{202E}cba"), Some('\u{202E}'));
        assert_eq!(find_bidi_control("\u{2069}"), Some('\u{2069}'));
        assert_eq!(find_bidi_control("– ’ “quotes” \u{200F} עברית"), None);
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}',
        ] {
            assert_eq!(find_bidi_control(&format!("x{c}")), Some(c));
        }
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
