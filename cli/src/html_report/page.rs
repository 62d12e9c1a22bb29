//! The page: one HTML document with its CSS and SVG inline, written with maud (which escapes
//! every text and attribute). No script, and a Content-Security-Policy that allows none and
//! loads nothing: the file opens from disk, offline, and text from a record cannot run.

use std::collections::BTreeMap;

use maud::{html, Markup, PreEscaped, DOCTYPE};
use newsmatter::corpus::graph::RelatedGraph;
use newsmatter::corpus::{Shard, Totals};
use newsmatter::report::{Code, Diagnostic, Severity};

use super::charts::{self, Bin, ChartError, Series, BLUE, VERMILION};
use super::clusters::{self, MAX_NODES};
use super::tally::{Figures, TYPES};
use super::text::{link, short, visible};
use crate::words::counted;

/// The most periods the time series shows: months, or years when the records span more.
const MAX_PERIODS: i64 = 120;
/// The most bins of a histogram.
const MAX_BINS: u32 = 24;
/// The most clusters drawn.
const CLUSTERS: usize = 4;
/// The most cited articles listed.
const MOST_CITED: usize = 10;
/// The most diagnostics listed in the table of problems (the page stays a few megabytes
/// whatever the corpus; `newsmatter check` lists them all).
pub const MAX_ROWS: usize = 2_000;

/// The page's CSS: readable on screen and on paper, in colours that survive colour blindness.
const STYLE: &str = include_str!("report.css");

/// How many diagnostics of one code, in how many files.
#[derive(Default)]
pub struct CodeCount {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Files with at least one.
    pub files: usize,
}

/// A file with problems, and its diagnostics at the configured levels.
pub struct Problems {
    /// As the walk found it.
    pub path: String,
    /// In the file's order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything the page shows.
pub struct Page<'a> {
    /// The paths given.
    pub inputs: Vec<String>,
    /// The shard reported, if not the whole corpus.
    pub shard: Option<Shard>,
    /// Files, valid, errors, warnings, at the configured levels, and those that did not
    /// parse (left out of the figures).
    pub totals: Totals,
    /// By code.
    pub codes: BTreeMap<Code, CodeCount>,
    /// The figures of the records.
    pub figures: Figures,
    /// The related graph.
    pub graph: &'a RelatedGraph,
    /// Files with problems, up to [`MAX_ROWS`] diagnostics in all.
    pub problems: Vec<Problems>,
    /// Diagnostics left out of the table.
    pub rows_left_out: usize,
}

/// The whole document.
pub fn render(page: &Page<'_>) -> Result<String, ChartError> {
    let stats = &page.figures.stats;
    let scope = match page.shard {
        Some(shard) => format!(" (shard {shard})"),
        None => String::new(),
    };
    let title = format!("newsmatter report: {}{scope}", page.inputs.join(", "));
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'";
                meta name="generator" content={ "newsmatter " (env!("CARGO_PKG_VERSION")) };
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "newsmatter report" }
                    p class="scope" {
                        "Of " (page.inputs.join(", ")) (scope) ", by newsmatter "
                        (env!("CARGO_PKG_VERSION")) "."
                    }
                    nav aria-label="Sections" {
                        a href="#summary" { "Summary" } " · "
                        a href="#time" { "Over time" } " · "
                        a href="#sources" { "Providers and topics" } " · "
                        a href="#scores" { "Scores" } " · "
                        a href="#graph" { "Related graph" } " · "
                        a href="#cited" { "Most cited" } " · "
                        a href="#problems" { "Problems" }
                    }
                }
                main {
                    (summary(page))
                    section id="time" {
                        h2 { "Records over time" }
                        (time_series(&page.figures)?)
                    }
                    section id="sources" {
                        h2 { "Providers and topics" }
                        div class="pair" {
                            (bars("Top providers", "Provider (domain)",
                                &stats.top_providers.iter().map(|c| (c.name.clone(), c.count)).collect::<Vec<_>>(),
                                "No record has a provider")?)
                            (bars("Top topics", "Topic",
                                &stats.top_topics.iter().map(|c| (c.name.clone(), c.count)).collect::<Vec<_>>(),
                                "No record has a topic")?)
                        }
                    }
                    section id="scores" {
                        h2 { "Scores" }
                        div class="pair" {
                            (histogram("Quality", "Quality (points)", &page.figures.quality,
                                "No record has a quality score")?)
                            (histogram("Heat of ranked records", "Heat (points)",
                                &page.figures.heat, "No record is ranked (every heat is -1 or absent)")?)
                        }
                        p {
                            (stats.not_ranked) " not ranked (heat -1); " (stats.without_scores)
                            " without scores; " (stats.published) " published."
                        }
                    }
                    (graph_section(page.graph))
                    (most_cited(page.graph))
                    (problems(page))
                }
            }
        }
    };
    Ok(markup.into_string())
}

fn summary(page: &Page<'_>) -> Markup {
    let totals = &page.totals;
    let stats = &page.figures.stats;
    html! {
        section id="summary" {
            h2 { "Summary" }
            dl class="totals" {
                div { dt { "Files" } dd { (totals.files) } }
                div { dt { "Valid" } dd { (totals.valid) } }
                div class="errors" { dt { "Errors" } dd { (totals.errors) } }
                div class="warnings" { dt { "Warnings" } dd { (totals.warnings) } }
                div { dt { "Records" } dd { (stats.records) } }
                @for (kind, count) in &stats.by_type {
                    div { dt { (kind) "s" } dd { (count) } }
                }
            }
            @if totals.unparsed > 0 {
                p class="note" {
                    (totals.unparsed) " file(s) did not parse: they count among the files and their "
                    "problems are listed below, but the charts and the graph leave them out."
                }
            }
            @if page.codes.is_empty() {
                p { "No problems found." }
            } @else {
                table class="codes" {
                    caption { "Problems by code (each code's explanation opens below it)" }
                    thead { tr { th { "Code" } th class="n" { "Errors" } th class="n" { "Warnings" }
                        th class="n" { "Files" } th { "What it means" } } }
                    tbody {
                        @for (code, count) in &page.codes {
                            tr {
                                td { code { (code.as_str()) } }
                                td class="n" { (count.errors) }
                                td class="n" { (count.warnings) }
                                td class="n" { (count.files) }
                                td {
                                    details {
                                        summary { (code.description()) }
                                        pre { (code.explanation()) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A chart in a figure: the SVG as an image with its text alternative, a caption, and its
/// data as a table.
fn figure(alt: &str, svg: String, caption: Markup, data: Markup) -> Markup {
    html! {
        figure class="chart" {
            div class="plot" role="img" aria-label=(alt) { (PreEscaped(svg)) }
            figcaption { (caption) }
            details { summary { "The data" } (data) }
        }
    }
}

/// A figure with nothing to draw.
fn empty(title: &str, why: &str) -> Markup {
    html! { figure class="chart empty" { figcaption { strong { (title) } ": " (why) "." } } }
}

/// Periods of `width` months from `first` (months since year 0), labelled.
fn periods(months: &BTreeMap<i64, [usize; 2]>) -> (Vec<String>, Vec<[usize; 2]>, &'static str) {
    let (Some((&first, _)), Some((&last, _))) = (months.first_key_value(), months.last_key_value())
    else {
        return (Vec::new(), Vec::new(), "Month (UTC)");
    };
    let (start, width) = if last - first < MAX_PERIODS {
        (first, 1)
    } else {
        // Whole years from a January, as many a period as it takes to stay under the cap
        // (counted from that January, which may add eleven months to the span).
        let start = first - first.rem_euclid(12);
        let span = last - start + 1;
        (
            start,
            12 * ((span + 12 * MAX_PERIODS - 1) / (12 * MAX_PERIODS)),
        )
    };
    let count = ((last - start) / width + 1) as usize;
    let mut counts = vec![[0usize; 2]; count];
    for (&month, by_type) in months {
        let slot = &mut counts[((month - start) / width) as usize];
        slot[0] += by_type[0];
        slot[1] += by_type[1];
    }
    let label = |i: usize| {
        let from = start + i as i64 * width;
        let (year, month) = (from.div_euclid(12), from.rem_euclid(12) + 1);
        match width {
            1 => format!("{year:04}-{month:02}"),
            12 => format!("{year:04}"),
            _ => format!("{year:04}–{:04}", year + width / 12 - 1),
        }
    };
    let unit = match width {
        1 => "Month (UTC)",
        12 => "Year (UTC)",
        _ => "Years (UTC)",
    };
    ((0..count).map(label).collect(), counts, unit)
}

fn time_series(figures: &Figures) -> Result<Markup, ChartError> {
    let (labels, counts, unit) = periods(&figures.months);
    if labels.is_empty() {
        return Ok(empty("Records by month and type", "no record parsed"));
    }
    let colors = [BLUE, VERMILION];
    let series: Vec<Series<'_>> = TYPES
        .iter()
        .enumerate()
        .map(|(t, kind)| Series {
            name: kind.as_str(),
            color: colors[t],
            counts: counts.iter().map(|c| c[t]).collect(),
        })
        .collect();
    let title = format!(
        "Records by {} and type",
        unit.split(' ').next().unwrap_or("Month").to_lowercase()
    );
    let svg = charts::time_series(&title, &labels, unit, &series)?;
    let total: usize = counts.iter().map(|c| c[0] + c[1]).sum();
    let alt = format!(
        "{title}: {total} records from {} to {}; articles as a solid line with circles, videos as a \
         dashed line with triangles",
        labels[0],
        labels[labels.len() - 1]
    );
    Ok(figure(
        &alt,
        svg,
        html! { (title) ", by " code { "publishedDateTime" } "." },
        html! {
            table {
                thead { tr { th { (unit) } th class="n" { "Articles" } th class="n" { "Videos" } } }
                tbody {
                    @for (label, c) in labels.iter().zip(&counts) {
                        @if c[0] + c[1] > 0 {
                            tr { td { (label) } td class="n" { (c[0]) } td class="n" { (c[1]) } }
                        }
                    }
                }
            }
        },
    ))
}

fn bars(
    title: &str,
    what: &str,
    items: &[(String, usize)],
    none: &str,
) -> Result<Markup, ChartError> {
    if items.is_empty() {
        return Ok(empty(title, none));
    }
    let items: Vec<(String, usize)> = items
        .iter()
        .map(|(name, count)| (visible(name).into_owned(), *count))
        .collect();
    let svg = charts::bars(title, &items, what, "Records (count)")?;
    let alt = format!(
        "{title}, a bar chart: {}",
        items
            .iter()
            .map(|(name, count)| format!("{} {count}", short(name, 40)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(figure(
        &alt,
        svg,
        html! { (title) ", by records." },
        html! {
            table {
                thead { tr { th { (what) } th class="n" { "Records" } } }
                tbody { @for (name, count) in &items { tr { td { (name) } td class="n" { (count) } } } }
            }
        },
    ))
}

fn histogram(title: &str, unit: &str, values: &[u32], none: &str) -> Result<Markup, ChartError> {
    let bins: Vec<Bin> = charts::bins(values, MAX_BINS);
    if bins.is_empty() {
        return Ok(empty(title, none));
    }
    let svg = charts::histogram(title, &bins, unit)?;
    let range = |bin: &Bin| {
        if bin.start == bin.end {
            bin.start.to_string()
        } else {
            format!("{}–{}", bin.start, bin.end)
        }
    };
    // The first of the fullest, so that ties read from the left.
    let fullest = bins
        .iter()
        .rev()
        .max_by_key(|bin| bin.count)
        .unwrap_or(&bins[0]);
    let alt = format!(
        "{title}, a histogram of {} records from {} to {}; the fullest bin is {} ({} records)",
        values.len(),
        bins[0].start,
        bins[bins.len() - 1].end,
        range(fullest),
        fullest.count
    );
    Ok(figure(
        &alt,
        svg,
        html! { (title) ": " (values.len()) " records, in bins of equal width." },
        html! {
            table {
                thead { tr { th { (unit) } th class="n" { "Records" } } }
                tbody { @for bin in &bins { tr { td { (range(bin)) } td class="n" { (bin.count) } } } }
            }
        },
    ))
}

fn graph_section(graph: &RelatedGraph) -> Markup {
    let clusters: Vec<Vec<_>> = graph
        .clusters()
        .into_iter()
        .filter(|cluster| cluster.len() > 1)
        .collect();
    let drawings: Vec<(usize, clusters::Drawing)> = clusters
        .iter()
        .take(CLUSTERS)
        .enumerate()
        .map(|(i, cluster)| (cluster.len(), clusters::draw(graph, cluster, i + 1)))
        .collect();
    html! {
        section id="graph" {
            h2 { "Related graph" }
            p {
                (graph.node_count()) " articles (" (graph.node_ids().filter(|&n| graph.node(n).in_corpus()).count())
                " records of the corpus, the others known only from related entries), "
                (graph.edge_count()) " citations, " (graph.reciprocal_pairs().len())
                " pairs that cite each other, " (clusters.len()) " clusters of two or more."
            }
            @if drawings.is_empty() {
                p class="note" { "No record cites another article: there is no cluster to draw." }
            } @else {
                (legend())
                div class="clusters" {
                    @for (i, (size, drawing)) in drawings.iter().enumerate() {
                        figure class="graph" {
                            (drawing.svg)
                            figcaption {
                                "Cluster " (i + 1) ": " (counted(*size, "article"))
                                @if *size > drawing.nodes { " (the " (MAX_NODES) " nearest its most cited drawn)" }
                                ", " (counted(drawing.edges, "line")) " (" (drawing.mutual) " mutual)."
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What the graph's shapes and lines mean.
fn legend() -> Markup {
    html! {
        figure class="legend" aria-label="Legend of the cluster diagrams" {
            svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 28" role="img"
                aria-label="Legend: a filled circle is an article of the corpus, a filled square a video, a hollow dashed shape an article known only from related entries; a line with one head is a citation, a line with two heads two records that cite each other" {
                defs {
                    marker id="arrow-legend" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9"
                        markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse" {
                        path d="M0,0 L10,5 L0,10 z" fill="#555" {}
                    }
                }
                g class="node article" { circle cx="10" cy="14" r="7" {} }
                text x="22" y="18" { "article" }
                g class="node video" { rect x="83" y="7" width="14" height="14" {} }
                text x="102" y="18" { "video" }
                g class="node article external" { circle cx="160" cy="14" r="7" {} }
                text x="172" y="18" { "external (not in the corpus)" }
                line class="edge one-way" x1="365" y1="14" x2="405" y2="14" marker-end="url(#arrow-legend)" {}
                text x="412" y="18" { "cites" }
                line class="edge mutual" x1="460" y1="14" x2="500" y2="14"
                    marker-start="url(#arrow-legend)" marker-end="url(#arrow-legend)" {}
                text x="507" y="18" { "cite each other" }
                text x="620" y="18" class="labelled" { "Title (n)" }
            }
            figcaption { "Labels name the most cited articles of each cluster, with their citations." }
        }
    }
}

fn most_cited(graph: &RelatedGraph) -> Markup {
    let cited = graph.most_cited(MOST_CITED);
    html! {
        section id="cited" {
            h2 { "Most cited articles" }
            @if cited.is_empty() {
                p { "No related entry cites an article." }
            } @else {
                table {
                    thead { tr { th class="n" { "Citations" } th { "Title" } th { "Where" } } }
                    tbody {
                        @for (id, citations) in &cited {
                            @let node = graph.node(*id);
                            tr {
                                td class="n" { (citations) }
                                td {
                                    @match node.url().and_then(link) {
                                        Some(url) => a href=(url) rel="noopener noreferrer" { (visible(node.title())) },
                                        None => (visible(node.title())),
                                    }
                                }
                                td {
                                    @match node.path() {
                                        Some(path) => code { (visible(&path.display().to_string())) },
                                        None => "external",
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn problems(page: &Page<'_>) -> Markup {
    html! {
        section id="problems" {
            h2 { "Files with problems" }
            @if page.problems.is_empty() {
                p { "Every file is valid, without warnings." }
            } @else {
                @if page.rows_left_out > 0 {
                    p class="note" {
                        "The first " (MAX_ROWS) " problems are listed; " (page.rows_left_out)
                        " more are left out (`newsmatter check` lists them all)."
                    }
                }
                table class="problems" {
                    thead { tr { th { "Where" } th { "Level" } th { "Code" } th { "Field" } th { "Problem" } } }
                    tbody {
                        @for file in &page.problems {
                            @for d in &file.diagnostics {
                                tr class=(level(d)) {
                                    td { code { (file.path) (position(d)) } }
                                    td { (level(d)) }
                                    td { code { (d.code().as_str()) } }
                                    td { @if !d.path().is_root() { code { (visible(&d.path().to_string())) } } }
                                    td { (visible(d.message())) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn level(d: &Diagnostic) -> &'static str {
    match d.severity() {
        Severity::Error => "error",
        _ => "warning",
    }
}

/// `:line:column`, or `:line`, or nothing.
fn position(d: &Diagnostic) -> String {
    match (d.line(), d.column()) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        (Some(line), None) => format!(":{line}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(entries: &[(i64, usize)]) -> BTreeMap<i64, [usize; 2]> {
        entries.iter().map(|&(m, n)| (m, [n, 0])).collect()
    }

    #[test]
    fn periods_are_months_then_years_and_never_more_than_the_cap() {
        let may_2024 = 2024 * 12 + 4;
        let (labels, counts, unit) = periods(&months(&[(may_2024, 2), (may_2024 + 2, 1)]));
        assert_eq!(labels, ["2024-05", "2024-06", "2024-07"]);
        assert_eq!(counts, [[2, 0], [0, 0], [1, 0]]);
        assert_eq!(unit, "Month (UTC)");

        let (labels, counts, unit) = periods(&months(&[(2000 * 12, 1), (2020 * 12 + 11, 1)]));
        assert_eq!(
            (labels.len(), labels[0].as_str(), unit),
            (21, "2000", "Year (UTC)")
        );
        assert_eq!(counts.iter().map(|c| c[0]).sum::<usize>(), 2);

        let (labels, counts, unit) = periods(&months(&[(0, 1), (9999 * 12 + 11, 1)]));
        assert!(labels.len() as i64 <= MAX_PERIODS, "{}", labels.len());
        assert_eq!((labels[0].as_str(), unit), ("0000–0083", "Years (UTC)"));
        assert_eq!(counts.iter().map(|c| c[0]).sum::<usize>(), 2);
        assert_eq!(periods(&BTreeMap::new()).0, Vec::<String>::new());
    }

    proptest::proptest! {
        #[test]
        fn periods_keep_every_record_and_their_order(
            entries in proptest::collection::btree_map(0i64..10_000 * 12, (0usize..50, 0usize..50), 1..60),
        ) {
            let months: BTreeMap<i64, [usize; 2]> =
                entries.iter().map(|(&m, &(a, v))| (m, [a, v])).collect();
            let (labels, counts, _) = periods(&months);
            proptest::prop_assert!(!labels.is_empty() && labels.len() as i64 <= MAX_PERIODS);
            proptest::prop_assert_eq!(labels.len(), counts.len());
            let total = |t: usize| months.values().map(|c| c[t]).sum::<usize>();
            proptest::prop_assert_eq!(counts.iter().map(|c| c[0]).sum::<usize>(), total(0));
            proptest::prop_assert_eq!(counts.iter().map(|c| c[1]).sum::<usize>(), total(1));
            // Labels are distinct and in time order (zero-padded years sort as text).
            proptest::prop_assert!(labels.windows(2).all(|pair| pair[0] < pair[1]));
        }
    }
}
