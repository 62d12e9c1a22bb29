//! A deterministic generator of look-alike records with the variety of the real files: sizes
//! from half a kilobyte to 30 KB, related lists from none to 39 entries (copies of other records, as the
//! producer writes them, a tenth of them citing records outside the corpus), videos, records
//! without scores, provider logos, AMP pages and non-ASCII text.
//!
//! The same seed gives the same records on every machine (ChaCha8), so figures measured on
//! them can be compared between runs.

use chrono::{DateTime, Duration, FixedOffset};
use newsmatter::{Document, Heat, Image, Provider, Record, Related, Secured};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::producer::{self, url, Choices, Page};

/// The seed every bench uses.
pub const SEED: u64 = 0x6e65_7773;

/// A publisher: name, domain, whether it has a logo and AMP pages.
const OUTLETS: &[(&str, &str, bool, bool)] = &[
    ("Example Daily", "example.com", true, true),
    ("Example Org News", "example.org", false, false),
    ("Coast Net", "example.net", true, true),
    ("Valley Herald", "valley-herald.example", false, true),
    ("Le Quotidien d’Exemple", "quotidien.example", true, true),
    ("Nordlicht Zeitung", "nordlicht.example", false, true),
    ("Harbour Channel", "youtube.com", false, false),
    ("Aggregated via Example", "msn.example", true, false),
    ("Tech Gazette", "tech-gazette.example", false, true),
    ("東京ニュース", "tokyo-news.example", false, false),
];

const WORDS: &[&str] = &[
    "city",
    "council",
    "opens",
    "new",
    "solar",
    "farm",
    "harbour",
    "plans",
    "review",
    "game",
    "season",
    "update",
    "players",
    "patch",
    "notes",
    "launch",
    "report",
    "study",
    "finds",
    "market",
    "prices",
    "rise",
    "after",
    "storm",
    "week",
    "first",
    "look",
    "inside",
    "team",
    "announces",
    "release",
    "date",
    "trailer",
    "shows",
    "world",
    "boss",
    "guide",
    "everything",
    "we",
    "know",
    "about",
    "the",
    "latest",
    "changes",
    "to",
    "our",
    "community",
    "school",
];

/// Words with something beyond ASCII, as real headlines have: accents, curly quotes, dashes,
/// and the odd CJK word.
const UNICODE_WORDS: &[&str] = &[
    "café",
    "Zürich",
    "naïve",
    "São Paulo",
    "déjà vu",
    "“quoted”",
    "it’s",
    "—",
    "東京",
    "Ελλάδα",
    "Straße",
    "piñata",
    "résumé",
    "Kraków",
    "…",
];

/// Topics, some with non-ASCII letters.
const TOPICS: &[&str] = &[
    "Solar Power",
    "Town Life",
    "Games",
    "Diablo IV",
    "Patch Notes",
    "Energy",
    "Weather",
    "Économie",
    "Community",
    "Reviews",
    "Esports",
    "Power Apps",
];

/// The text of `n` generated record files, in file order, each with its file name.
pub fn files(seed: u64, n: usize) -> Vec<(String, String)> {
    records(seed, n)
        .into_iter()
        .enumerate()
        .map(|(index, record)| {
            let text = Document {
                record,
                body: "\n".to_owned(),
            }
            .to_string();
            (format!("{index:06}.md"), text)
        })
        .collect()
}

/// `n` generated records.
pub fn records(seed: u64, n: usize) -> Vec<Record> {
    (0..n)
        .map(|index| {
            let mut rng = rng(seed, index, 1);
            let mut record = base_record(seed, index);
            let count = related_count(&mut rng);
            let related: Vec<Related> = (0..count)
                .map(|_| {
                    // A tenth of the citations name records the corpus does not hold.
                    let other = if rng.random_bool(0.1) {
                        n + rng.random_range(0..n.max(1))
                    } else {
                        rng.random_range(0..n)
                    };
                    let cited = if other == index { index + n } else { other };
                    Related::from(&base_record(seed, cited))
                })
                .collect();
            record.related = (!related.is_empty()).then_some(related);
            record
        })
        .collect()
}

/// The random numbers for one part (`part`) of record `index`: each record can be made again
/// alone, which is how related entries copy it.
fn rng(seed: u64, index: usize, part: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed ^ (index as u64).rotate_left(20) ^ part)
}

/// How many related entries a record has: most none, some a handful, a few dozens, as in the
/// real files (up to 39).
fn related_count(rng: &mut ChaCha8Rng) -> usize {
    match rng.random_range(0..100) {
        0..=49 => 0,
        50..=69 => rng.random_range(1..=3),
        70..=89 => rng.random_range(4..=12),
        _ => rng.random_range(13..=39),
    }
}

fn words(rng: &mut ChaCha8Rng, count: usize, unicode: bool) -> String {
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let pool = if unicode && rng.random_bool(0.15) {
            UNICODE_WORDS
        } else {
            WORDS
        };
        out.push(*pool.choose(rng).expect("word lists are not empty"));
    }
    out.join(" ")
}

fn sentence(rng: &mut ChaCha8Rng, unicode: bool) -> String {
    let count = rng.random_range(8..24);
    capitalized(words(rng, count, unicode)) + "."
}

/// `text` with its first letter in upper case, when that is an ASCII letter.
fn capitalized(mut text: String) -> String {
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

fn secured(rng: &mut ChaCha8Rng) -> Secured {
    let blocks = rng.random_range(1..=6);
    let ciphertext: Vec<u8> = (0..16 * blocks).map(|_| rng.random()).collect();
    let iv: [u8; 16] = rng.random();
    producer::secured(&ciphertext, &iv)
}

fn provider(outlet: usize) -> Provider {
    let (name, domain, logo, _) = OUTLETS[outlet];
    producer::provider(name, domain, logo.then(|| producer::logo_url(domain)))
}

/// Record `index` without its related list.
fn base_record(seed: u64, index: usize) -> Record {
    let mut rng = rng(seed, index, 0);
    let outlet = rng.random_range(0..OUTLETS.len());
    let (_, domain, _, amp) = OUTLETS[outlet];
    let unicode = rng.random_bool(0.3);
    let video = domain == "youtube.com" || rng.random_bool(0.1);
    let slug = format!("story-{index}-{}", rng.random_range(1000..9999));
    let epoch = DateTime::parse_from_rfc3339("2019-11-01T00:00:00Z").expect("a valid date");
    let published: DateTime<FixedOffset> =
        epoch + Duration::minutes(rng.random_range(0..5 * 365 * 24 * 60));
    let page = format!("https://www.{domain}/news/{slug}");
    let page = if video {
        Page::Video {
            original: url(&format!("https://www.youtube.com/watch?v={slug}")),
            embed: Some(format!(
                "<iframe width=\"800\" height=\"450\" src=\"https://www.youtube.com/embed/{slug}\" frameborder=\"0\" allowfullscreen></iframe>"
            )),
        }
    } else {
        let amp = (amp && rng.random_bool(0.8)).then(|| url(&format!("{page}?amp=1")));
        let original = rng.random_bool(0.3).then(|| {
            url(&format!(
                "https://www.msn.example/en-us/news/{slug}/ar-{index}"
            ))
        });
        Page::Article {
            web: url(&page),
            original,
            amp,
            cache: true,
        }
    };
    let (quality, heat, published_flag): (_, Option<Heat>, _) = if rng.random_bool(0.15) {
        (None, None, None)
    } else if rng.random_bool(0.3) {
        let heat = rng.random_range(1..400);
        (
            Some(rng.random_range(0..190)),
            Some(Heat::Ranked(heat)),
            Some(true),
        )
    } else {
        (
            Some(rng.random_range(0..190)),
            Some(Heat::NotRanked),
            Some(false),
        )
    };
    let title_words = rng.random_range(4..14);
    let title = capitalized(words(&mut rng, title_words, unicode));
    let excerpt = if video && rng.random_bool(0.4) {
        String::new()
    } else {
        let sentences = rng.random_range(1..4);
        (0..sentences)
            .map(|_| sentence(&mut rng, unicode))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let topic_count = rng.random_range(0..4);
    let topics = (0..topic_count)
        .map(|_| (*TOPICS.choose(&mut rng).expect("topics")).to_owned())
        .collect();
    let image_count = rng.random_range(0..3);
    let images = (image_count > 0).then(|| {
        (0..image_count)
            .map(|i| {
                let url = url(&format!("https://static.example.com/images/{slug}-{i}.jpg"));
                let mut image = Image::new(
                    url,
                    rng.random_range(300..2000),
                    rng.random_range(200..1200),
                );
                image.is_cached = rng.random_bool(0.8).then_some(true);
                image.title = rng.random_bool(0.3).then(|| words(&mut rng, 5, unicode));
                image
            })
            .collect()
    });
    let secured = secured(&mut rng);
    producer::record(Choices {
        title,
        excerpt,
        published,
        page,
        scores: (quality, heat, published_flag),
        provider: provider(outlet),
        topics,
        images,
        secured,
        removed: None,
    })
}
