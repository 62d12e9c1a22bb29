//! The README's example corpus (`examples/corpus`): look-alike records written by us, made
//! here and compared with the committed files, so that they never drift from the code that
//! makes them. `NEWSMATTER_BLESS=1 cargo test --test example_corpus` writes them anew.

use std::path::{Path, PathBuf};

#[path = "../benches/support/producer.rs"]
mod producer;

use chrono::DateTime;
use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::report::Code;
use newsmatter::{CorpusOptions, Document, Heat, Provider, Record, Related, Secured};
use producer::{url, Choices, Page};

/// A publisher: name, domain, and whether it has a logo and AMP pages.
struct Outlet {
    name: &'static str,
    domain: &'static str,
    logo: bool,
    amp: bool,
}

const OUTLETS: &[Outlet] = &[
    Outlet {
        name: "Example Daily",
        domain: "example.com",
        logo: true,
        amp: true,
    },
    Outlet {
        name: "Example Org News",
        domain: "example.org",
        logo: false,
        amp: false,
    },
    Outlet {
        name: "Coast Net",
        domain: "example.net",
        logo: true,
        amp: true,
    },
    Outlet {
        name: "Valley Herald",
        domain: "valley-herald.example",
        logo: false,
        amp: true,
    },
    Outlet {
        name: "Harbour Channel",
        domain: "youtube.com",
        logo: false,
        amp: false,
    },
];

/// One record: its story, outlet, slug, title, excerpt, day in June 2024, and video or not.
struct Item {
    story: usize,
    outlet: usize,
    slug: &'static str,
    title: &'static str,
    excerpt: &'static str,
    day: u32,
    video: bool,
}

const STORIES: &[&str] = &[
    "Harbour Bridge",
    "Solar Schools",
    "Tram Extension",
    "Food Festival",
    "Town Life",
];

#[rustfmt::skip]
const ITEMS: &[Item] = &[
    Item { story: 0, outlet: 0, slug: "harbour-bridge-opens", title: "Harbour bridge opens to traffic", excerpt: "The new bridge carries its first cars after three years of work.", day: 3, video: false },
    Item { story: 0, outlet: 1, slug: "bridge-toll-debate", title: "Council debates a toll on the new bridge", excerpt: "Councillors split over whether drivers should pay to cross.", day: 4, video: false },
    Item { story: 0, outlet: 2, slug: "ferry-crews-fear-for-jobs", title: "Ferry crews fear for their jobs", excerpt: "With the bridge open, the ferry service may be cut.", day: 5, video: false },
    Item { story: 0, outlet: 3, slug: "bridge-traffic-first-week", title: "Bridge traffic in its first week", excerpt: "Counters recorded 40,000 crossings in seven days.", day: 10, video: false },
    Item { story: 0, outlet: 0, slug: "bridge-cycle-lane", title: "Cyclists ask for a wider lane", excerpt: "The lane is too narrow, say the town's cycling clubs.", day: 12, video: false },
    Item { story: 0, outlet: 4, slug: "BridgeDrone01", title: "Drone flight over the harbour bridge", excerpt: "", day: 6, video: true },
    Item { story: 1, outlet: 2, slug: "solar-roofs-for-schools", title: "Solar roofs for every school", excerpt: "All twelve schools will get panels by the end of the year.", day: 2, video: false },
    Item { story: 1, outlet: 0, slug: "schools-save-on-power", title: "Schools expect to halve power bills", excerpt: "The district's energy officer expects savings from the first winter.", day: 7, video: false },
    Item { story: 1, outlet: 3, slug: "pupils-track-panels", title: "Pupils track the panels' output", excerpt: "A science class logs every kilowatt-hour on a public dashboard.", day: 14, video: false },
    Item { story: 1, outlet: 1, slug: "solar-tender-awarded", title: "Solar tender awarded to local firm", excerpt: "A firm from the valley won the contract for the installation.", day: 9, video: false },
    Item { story: 1, outlet: 2, slug: "first-school-switches-on", title: "First school switches on its panels", excerpt: "The primary school on Hill Road is the first to go live.", day: 20, video: false },
    Item { story: 2, outlet: 3, slug: "tram-extension-approved", title: "Tram extension approved", excerpt: "The line will reach the hospital and the university by 2027.", day: 1, video: false },
    Item { story: 2, outlet: 0, slug: "tram-works-close-main-street", title: "Tram works close Main Street for a month", excerpt: "Shops fear the closure will keep customers away.", day: 8, video: false },
    Item { story: 2, outlet: 1, slug: "tram-stops-named", title: "The new tram stops get their names", excerpt: "Residents voted for the names of the six new stops.", day: 15, video: false },
    Item { story: 2, outlet: 2, slug: "tram-cost-rises", title: "Tram extension cost rises by a tenth", excerpt: "Steel prices pushed the budget up, the transport office says.", day: 21, video: false },
    Item { story: 2, outlet: 4, slug: "TramRide02", title: "Riding the tram route before the rails", excerpt: "A walk along the future route.", day: 16, video: true },
    Item { story: 3, outlet: 0, slug: "food-festival-returns", title: "Food festival returns to the quay", excerpt: "Forty stalls and a fish market fill the quay for the weekend.", day: 22, video: false },
    Item { story: 3, outlet: 2, slug: "festival-record-crowds", title: "Record crowds at the food festival", excerpt: "Organisers counted 25,000 visitors over two days.", day: 24, video: false },
    Item { story: 3, outlet: 3, slug: "festival-waste-plan", title: "Festival goes without plastic plates", excerpt: "Every stall served on washable plates this year.", day: 25, video: false },
    Item { story: 3, outlet: 4, slug: "FestivalCook03", title: "Cooking the festival's fish stew", excerpt: "", day: 23, video: true },
    Item { story: 4, outlet: 1, slug: "library-late-opening", title: "Library opens late on Thursdays", excerpt: "The central library&#8217;s doors stay open until nine from July.", day: 11, video: false },
    Item { story: 4, outlet: 0, slug: "park-benches-restored", title: "Old park benches restored", excerpt: "Volunteers sanded and painted forty benches in the town park.", day: 13, video: false },
    Item { story: 4, outlet: 3, slug: "market-moves-indoors", title: "Winter market moves indoors", excerpt: "The Saturday market will use the old fish hall from November.", day: 18, video: false },
    Item { story: 4, outlet: 4, slug: "SunriseTime04", title: "Sunrise over the harbour, time-lapse", excerpt: "", day: 19, video: true },
];

fn page(item: &Item) -> String {
    let outlet = &OUTLETS[item.outlet];
    format!("https://www.{}/news/{}", outlet.domain, item.slug)
}

fn provider(outlet: &Outlet) -> Provider {
    let logo = outlet.logo.then(|| producer::logo_url(outlet.domain));
    producer::provider(outlet.name, outlet.domain, logo)
}

fn secured(index: usize) -> Secured {
    let ciphertext: Vec<u8> = (0..32).map(|i| (index * 31 + i * 7) as u8).collect();
    let iv: Vec<u8> = (0..16).map(|i| (index * 13 + i * 3) as u8).collect();
    producer::secured(&ciphertext, &iv)
}

fn quality(index: usize) -> u32 {
    30 + (index as u32 * 17) % 60
}

/// Record `index` without its related list.
fn base_record(index: usize) -> Record {
    let item = &ITEMS[index];
    let outlet = &OUTLETS[item.outlet];
    let published = DateTime::parse_from_rfc3339(&format!(
        "2024-06-{:02}T{:02}:15:00Z",
        item.day,
        6 + index % 12
    ))
    .unwrap();
    let page = if item.video {
        Page::Video {
            original: url(&format!("https://youtube.com/watch?v={}", item.slug)),
            embed: Some(format!(
                "<iframe width=\"800\" height=\"450\" src=\"https://www.youtube.com/embed/{}\" allowfullscreen></iframe>",
                item.slug
            )),
        }
    } else {
        Page::Article {
            web: url(&page(item)),
            original: Some(url(&page(item))),
            amp: outlet.amp.then(|| url(&format!("{}?amp", page(item)))),
            cache: true,
        }
    };
    // A few records carry no scores, as older real records do; one is ranked and published.
    let (quality, heat, published_flag) = match index % 8 {
        3 => (None, None, None),
        5 => (
            Some(quality(index)),
            Some(Heat::Ranked(12 + index as u32)),
            Some(true),
        ),
        _ => (Some(quality(index)), Some(Heat::NotRanked), Some(false)),
    };
    let mut topics = vec![STORIES[item.story].to_owned()];
    if index == 21 {
        // A repeated topic, for the warning.
        topics.push("town life".to_owned());
    }
    let images = (!item.video || index.is_multiple_of(2)).then(|| {
        let image = format!(
            "https://static.example.com/images/{}.jpg",
            item.slug.to_lowercase()
        );
        vec![producer::image(url(&image), 1200, 675, Some(true))]
    });
    producer::record(Choices {
        title: item.title.to_owned(),
        excerpt: item.excerpt.to_owned(),
        published,
        page,
        scores: (quality, heat, published_flag),
        provider: provider(outlet),
        topics,
        images,
        secured: secured(index),
        removed: None,
    })
}

/// Record `index` with its related list: copies of up to four records of the same story
/// (the town-life records stand alone).
fn record(index: usize) -> Record {
    let story = ITEMS[index].story;
    let related: Vec<Related> = ITEMS
        .iter()
        .enumerate()
        .filter(|&(other, item)| other != index && item.story == story && story != 4)
        .take(4)
        .map(|(other, _)| related(other, index == 7 && other == 6))
        .collect();
    let mut record = base_record(index);
    record.related = (!related.is_empty()).then_some(related);
    record
}

/// The related entry for record `index`: a copy of it, as the producer makes them; with
/// `stale`, one whose title is out of date (for the `related-copy-mismatch` warning).
fn related(index: usize, stale: bool) -> Related {
    let mut related = Related::from(&base_record(index));
    if stale {
        related.title.push_str(" (update)");
    }
    related
}

fn file_name(index: usize) -> String {
    let item = &ITEMS[index];
    format!("2024-06-{:02}-{}.md", item.day, item.slug.to_lowercase())
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus")
}

#[test]
fn example_corpus_is_up_to_date() {
    let bless = std::env::var_os("NEWSMATTER_BLESS").is_some();
    for index in 0..ITEMS.len() {
        let text = Document {
            record: record(index),
            body: "\n".to_owned(),
        }
        .to_string();
        let path = corpus_dir().join(file_name(index));
        if bless {
            std::fs::create_dir_all(corpus_dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else {
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == text,
                "{} is stale: run NEWSMATTER_BLESS=1 cargo test --test example_corpus",
                path.display()
            );
        }
    }
    let committed = std::fs::read_dir(corpus_dir()).unwrap().count();
    assert_eq!(
        committed,
        ITEMS.len(),
        "examples/corpus holds files the generator does not make"
    );
}

#[test]
fn example_corpus_has_warnings_and_no_errors() {
    let mut corpus = CorpusOptions::new().load([corpus_dir()]);
    let graph = RelatedGraph::build(&corpus);
    corpus.cross_check(&graph).unwrap();
    let found: Vec<(String, Code)> = corpus
        .files()
        .iter()
        .flat_map(|f| {
            f.report().iter().map(move |d| {
                (
                    f.path().file_name().unwrap().to_string_lossy().into_owned(),
                    d.code(),
                )
            })
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "2024-06-07-schools-save-on-power.md".to_owned(),
                Code::RelatedCopyMismatch
            ),
            (
                "2024-06-11-library-late-opening.md".to_owned(),
                Code::HtmlEntity
            ),
            (
                "2024-06-13-park-benches-restored.md".to_owned(),
                Code::TopicRepeated
            ),
        ]
    );
    assert_eq!(
        (
            corpus.files().len(),
            graph.node_count(),
            graph.clusters().len()
        ),
        (24, 24, 8)
    );
}
