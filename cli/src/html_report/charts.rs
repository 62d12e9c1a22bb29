//! The report's charts, drawn by plotters into SVG text: a time series, horizontal bars and
//! histograms. Every chart has a title, axes that say what they count and in what unit, and
//! colours from the Okabe–Ito palette, which readers with any common colour-vision deficiency
//! tell apart; series differ by marker and dash too, so that a grey print keeps them apart.
//!
//! Labels come from records (providers, topics): plotters escapes `<` and `&` in SVG text, and
//! the caller has already made controls visible.

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::{SegmentValue, SegmentedCoord};
use plotters::coord::types::RangedCoordusize;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::text::short;

/// Width and height of a chart, in CSS pixels (the SVG scales with the page).
const SIZE: (u32, u32) = (720, 320);

/// Okabe–Ito blue: articles, bars.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito vermilion: videos.
pub const VERMILION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito bluish green: histograms.
pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);

/// The fonts of the title, the axes' descriptions and the tick labels.
const TITLE: (&str, u32) = ("sans-serif", 22);
const AXES: (&str, u32) = ("sans-serif", 19);
const LABELS: (&str, u32) = ("sans-serif", 18);

/// Longest label drawn beside a bar, in characters (the table under the chart has it whole).
const LABEL_CHARS: usize = 28;

/// What plotters says when it cannot draw: only ever a formatting error of its SVG string.
pub type ChartError = Box<dyn std::error::Error>;

/// A series of a time series: its name, colour and one count a period.
pub struct Series<'a> {
    /// Shown in the legend.
    pub name: &'a str,
    /// Its line's colour.
    pub color: RGBColor,
    /// One count a period, in the periods' order.
    pub counts: Vec<usize>,
}

/// Counts by period, one line a series: articles solid with circles, videos dashed with
/// triangles, and a legend.
pub fn time_series(
    title: &str,
    periods: &[String],
    x_desc: &str,
    series: &[Series<'_>],
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let top = series
            .iter()
            .flat_map(|s| s.counts.iter().copied())
            .max()
            .unwrap_or(0);
        let mut chart = frame(&root, title, 76)
            // A third more room above the largest count, for the legend.
            .build_cartesian_2d(segments(periods.len()), 0..y_end(top + top / 3))?;
        styled(&mut chart.configure_mesh())
            .disable_x_mesh()
            .x_labels(periods.len().min(12))
            .x_label_formatter(&|value| segment_label(value, periods))
            .x_desc(x_desc)
            .y_desc("Records (count)")
            .draw()?;
        for (index, s) in series.iter().enumerate() {
            let points = s
                .counts
                .iter()
                .enumerate()
                .map(|(i, &count)| (SegmentValue::CenterOf(i), count));
            let style = s.color.stroke_width(2);
            let color = s.color;
            let drawn = if index == 0 {
                chart.draw_series(LineSeries::new(points.clone(), style))?;
                chart.draw_series(points.map(|p| Circle::new(p, 3, color.filled())))?
            } else {
                chart.draw_series(DashedLineSeries::new(points.clone(), 6, 4, style))?;
                chart.draw_series(points.map(|p| TriangleMarker::new(p, 4, color.filled())))?
            };
            // The legend shows each series as drawn: its marker on its line, whole or dashed.
            let dashed = index > 0;
            drawn.label(s.name).legend(move |(x, y)| {
                let style = color.stroke_width(2);
                // A gap in the line for the dashed series; the marker as a polygon (a
                // triangle, or a circle of twelve sides) so that both are the same type.
                let gap = if dashed { 5 } else { 0 };
                let sides: Vec<(i32, i32)> = if dashed {
                    vec![(8, -5), (13, 4), (3, 4)]
                } else {
                    (0..12)
                        .map(|k| {
                            let angle = f64::from(k) * std::f64::consts::PI / 6.0;
                            (
                                8 + (4.0 * angle.cos()).round() as i32,
                                (4.0 * angle.sin()).round() as i32,
                            )
                        })
                        .collect()
                };
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(0, 0), (6, 0)], style)
                    + PathElement::new(vec![(6 + gap, 0), (17, 0)], style)
                    + Polygon::new(sides, color.filled())
            });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.4))
            .draw()?;
        root.present()?;
    }
    Ok(svg)
}

/// One horizontal bar a name, the largest at the top.
pub fn bars(
    title: &str,
    items: &[(String, usize)],
    y_desc: &str,
    x_desc: &str,
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let top = items.iter().map(|(_, count)| *count).max().unwrap_or(0);
        let n = items.len();
        // Bar `rank` (0 = largest) sits at `n - 1 - rank`, so that the largest is at the top.
        let name = |value: &SegmentValue<usize>| match value {
            SegmentValue::CenterOf(i) if *i < n => short(&items[n - 1 - i].0, LABEL_CHARS),
            _ => String::new(),
        };
        let mut chart = frame(&root, title, 210).build_cartesian_2d(0..y_end(top), segments(n))?;
        styled(&mut chart.configure_mesh())
            .disable_y_mesh()
            .y_labels(n.max(1))
            .y_label_formatter(&name)
            .y_desc(y_desc)
            .x_desc(x_desc)
            .draw()?;
        // Drawn in rank order (plotters' `Histogram` would sum them in a HashMap and draw
        // them in its order, a different file for the same picture on every run).
        chart.draw_series(items.iter().enumerate().map(|(rank, (_, count))| {
            let at = n - 1 - rank;
            let upper = if at + 1 < n {
                SegmentValue::Exact(at + 1)
            } else {
                SegmentValue::Last
            };
            let mut bar = Rectangle::new(
                [(*count, SegmentValue::Exact(at)), (0, upper)],
                BLUE.filled(),
            );
            bar.set_margin(4, 4, 0, 0);
            bar
        }))?;
        root.present()?;
    }
    Ok(svg)
}

/// A bin of a histogram: the values from `start` to `end` (both included) and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bin {
    /// The smallest value of the bin.
    pub start: u32,
    /// The largest value of the bin.
    pub end: u32,
    /// How many values fall in it.
    pub count: usize,
}

/// At most `max_bins` bins of equal integer width from the smallest value to the largest;
/// none for no values.
pub fn bins(values: &[u32], max_bins: u32) -> Vec<Bin> {
    let (Some(&min), Some(&max)) = (values.iter().min(), values.iter().max()) else {
        return Vec::new();
    };
    let span = u64::from(max - min) + 1;
    let width = span.div_ceil(u64::from(max_bins.max(1)));
    let count = span.div_ceil(width);
    let mut bins: Vec<Bin> = (0..count)
        .map(|i| {
            let start = u64::from(min) + i * width;
            Bin {
                start: start as u32,
                end: (start + width - 1).min(u64::from(max)) as u32,
                count: 0,
            }
        })
        .collect();
    for &value in values {
        bins[(u64::from(value - min) / width) as usize].count += 1;
    }
    bins
}

/// Bars over value ranges, without gaps.
pub fn histogram(title: &str, bins: &[Bin], x_desc: &str) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let top = bins.iter().map(|bin| bin.count).max().unwrap_or(0);
        let start = bins.first().map_or(0, |bin| i64::from(bin.start));
        let end = bins.last().map_or(1, |bin| i64::from(bin.end) + 1);
        let mut chart = frame(&root, title, 76).build_cartesian_2d(start..end, 0..y_end(top))?;
        styled(&mut chart.configure_mesh())
            .disable_x_mesh()
            .x_desc(x_desc)
            .y_desc("Records (count)")
            .draw()?;
        chart.draw_series(bins.iter().map(|bin| {
            let (from, to) = (i64::from(bin.start), i64::from(bin.end) + 1);
            Rectangle::new([(from, 0), (to, bin.count)], GREEN.filled())
        }))?;
        // A white edge between neighbouring bars, so that they read as bins.
        chart.draw_series(bins.iter().map(|bin| {
            let (from, to) = (i64::from(bin.start), i64::from(bin.end) + 1);
            Rectangle::new([(from, 0), (to, bin.count)], WHITE.stroke_width(1))
        }))?;
        root.present()?;
    }
    Ok(svg)
}

/// A chart's frame on `root`: its title, margins, and room for the labels of both axes
/// (`y_labels` pixels beside the y axis).
fn frame<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    title: &str,
    y_labels: u32,
) -> ChartBuilder<'a, 'static, SVGBackend<'b>> {
    let mut builder = ChartBuilder::on(root);
    builder
        .caption(title, TITLE)
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(y_labels);
    builder
}

/// Every chart's axes: no minor grid lines, the same fonts.
fn styled<'m, 'a, 'b, 'c, X: Ranged, Y: Ranged>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, SVGBackend<'c>>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, SVGBackend<'c>> {
    mesh.light_line_style(TRANSPARENT)
        .label_style(LABELS)
        .axis_desc_style(AXES)
}

/// `count` categories (periods, bars) on an axis, each a segment with its label centred.
fn segments(count: usize) -> SegmentedCoord<RangedCoordusize> {
    // `0..n` makes n + 1 segments; the last one would stand empty.
    (0..count.saturating_sub(1)).into_segmented()
}

/// The top of a count axis: a little above the largest count, and never empty.
fn y_end(top: usize) -> usize {
    top + top.div_ceil(10).max(1)
}

/// The label of a period on the x axis.
fn segment_label(value: &SegmentValue<usize>, periods: &[String]) -> String {
    match value {
        SegmentValue::CenterOf(i) => periods.get(*i).cloned().unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_cover_every_value_once_in_equal_widths() {
        assert_eq!(bins(&[], 20), Vec::new());
        assert_eq!(
            bins(&[5], 20),
            vec![Bin {
                start: 5,
                end: 5,
                count: 1
            }]
        );
        let values: Vec<u32> = (0..=189).collect();
        let made = bins(&values, 20);
        assert_eq!(made.len(), 19);
        assert_eq!((made[0].start, made[0].end), (0, 9));
        assert_eq!((made[18].start, made[18].end), (180, 189));
        assert!(made.iter().all(|bin| bin.count == 10));
        let extremes = bins(&[0, u32::MAX], 20);
        assert_eq!(extremes.iter().map(|bin| bin.count).sum::<usize>(), 2);
        assert_eq!(extremes.last().map(|bin| bin.end), Some(u32::MAX));
    }

    proptest::proptest! {
        #[test]
        fn bins_are_contiguous_and_count_every_value(
            values in proptest::collection::vec(proptest::num::u32::ANY, 1..200),
            max_bins in 1u32..40,
        ) {
            let made = bins(&values, max_bins);
            proptest::prop_assert!(!made.is_empty() && made.len() as u32 <= max_bins);
            proptest::prop_assert_eq!(made[0].start, *values.iter().min().unwrap());
            proptest::prop_assert_eq!(made[made.len() - 1].end, *values.iter().max().unwrap());
            for pair in made.windows(2) {
                proptest::prop_assert_eq!(u64::from(pair[0].end) + 1, u64::from(pair[1].start));
            }
            proptest::prop_assert_eq!(made.iter().map(|bin| bin.count).sum::<usize>(), values.len());
            for &value in &values {
                let holding = made.iter().filter(|b| (b.start..=b.end).contains(&value)).count();
                proptest::prop_assert_eq!(holding, 1);
            }
        }
    }
}
