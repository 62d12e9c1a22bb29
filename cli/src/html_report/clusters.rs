//! The related graph's largest clusters as node-link diagrams: laid out by a force-directed
//! simulation (the `force_graph` crate), drawn as SVG by hand so that each part says what it
//! is: `g.node` (an article or a video, of the corpus or external), `line.edge` (one-way, or
//! mutual: two records citing each other are one line with two heads).

use std::collections::{BTreeMap, HashMap, HashSet};

use force_graph::{EdgeData, ForceGraph, NodeData, SimulationParameters};
use maud::{html, Markup};
use newsmatter::corpus::graph::{NodeId, RelatedGraph};
use newsmatter::RecordType;

use super::text::{short, visible};

/// The drawing's size, in CSS pixels.
const WIDTH: f32 = 720.0;
const HEIGHT: f32 = 460.0;
/// Free space beside and above the nodes, for labels ([`LABEL_CHARS`] characters).
const MARGIN_X: f32 = 185.0;
const MARGIN_Y: f32 = 30.0;
/// The most a layout is enlarged to fill the drawing.
const MAX_SCALE: f32 = 1.0;
/// The longest label, in characters.
const LABEL_CHARS: usize = 18;
/// A node's radius (a video's square has this half-side).
const RADIUS: f32 = 7.0;
/// The most nodes drawn of a cluster: those nearest its most cited one.
pub const MAX_NODES: usize = 120;
/// How many of a cluster's nodes are labelled: the most cited.
const LABELS: usize = 4;
/// Steps of the simulation.
const STEPS: usize = 300;

/// A cluster drawn.
pub struct Drawing {
    /// The SVG.
    pub svg: Markup,
    /// Nodes drawn.
    pub nodes: usize,
    /// Lines drawn: pairs of distinct nodes with a citation either way.
    pub edges: usize,
    /// Of them, pairs that cite each other.
    pub mutual: usize,
}

/// A pair of drawn nodes (smaller index first) and which ways they cite each other.
#[derive(Clone, Copy, Default)]
struct Link {
    forward: bool,
    backward: bool,
}

/// Draws `cluster` (node ids of `graph`), the `number`th largest: at most [`MAX_NODES`] of
/// its nodes ([`nearest`]) and every citation among them.
pub fn draw(graph: &RelatedGraph, cluster: &[NodeId], number: usize) -> Drawing {
    let nodes = nearest(graph, cluster);
    let local: HashMap<NodeId, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut links: BTreeMap<(usize, usize), Link> = BTreeMap::new();
    for (from, &node) in nodes.iter().enumerate() {
        for target in graph.related(node) {
            let Some(&to) = local.get(target) else {
                continue;
            };
            if to == from {
                continue;
            }
            let link = links.entry((from.min(to), from.max(to))).or_default();
            if from < to {
                link.forward = true;
            } else {
                link.backward = true;
            }
        }
    }
    let at = layout(nodes.len(), links.keys().copied());
    let mut cited: Vec<usize> = (0..nodes.len())
        .filter(|&i| graph.in_degree(nodes[i]) > 0)
        .collect();
    cited.sort_by_key(|&i| (std::cmp::Reverse(graph.in_degree(nodes[i])), i));
    cited.truncate(LABELS);

    let centre = centre(&at);
    let arrow = format!("arrow-{number}");
    let title_id = format!("cluster-{number}-title");
    let mutual = links.values().filter(|l| l.forward && l.backward).count();
    let summary = format!(
        "Cluster {number}: {} articles and {} citation lines drawn ({mutual} mutual); labelled: \
         the {} most cited",
        nodes.len(),
        links.len(),
        cited.len()
    );
    let svg = html! {
        svg class="cluster" xmlns="http://www.w3.org/2000/svg"
            viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-labelledby=(title_id) {
            title id=(title_id) { (summary) }
            defs {
                marker id=(arrow) viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9"
                    markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse" {
                    path d="M0,0 L10,5 L0,10 z" fill="#555" {}
                }
            }
            g class="edges" {
                @for (&(a, b), link) in &links {
                    @let (x1, y1, x2, y2) = shortened(at[a], at[b]);
                    @let (kind, start, end) = match (link.forward, link.backward) {
                        (true, true) => ("edge mutual", true, true),
                        (true, false) => ("edge one-way", false, true),
                        _ => ("edge one-way", true, false),
                    };
                    line class=(kind) x1=(px(x1)) y1=(px(y1)) x2=(px(x2)) y2=(px(y2))
                        marker-start=[start.then(|| format!("url(#{arrow})"))]
                        marker-end=[end.then(|| format!("url(#{arrow})"))] {}
                }
            }
            g class="nodes" {
                @for (i, &id) in nodes.iter().enumerate() {
                    @let node = graph.node(id);
                    @let kind = node.record_type().as_str();
                    @let place = if node.in_corpus() { "" } else { " external" };
                    @let (x, y) = at[i];
                    g class={ "node " (kind) (place) } {
                        title {
                            (visible(node.title())) " — cited " (graph.in_degree(id)) " times"
                            @if !node.in_corpus() { " (not in the corpus)" }
                        }
                        @if node.record_type() == RecordType::Video {
                            rect x=(px(x - RADIUS)) y=(px(y - RADIUS)) width=(px(2.0 * RADIUS))
                                height=(px(2.0 * RADIUS)) {}
                        } @else {
                            circle cx=(px(x)) cy=(px(y)) r=(px(RADIUS)) {}
                        }
                    }
                }
            }
            g class="labels" {
                @for &i in &cited {
                    @let (x, y, anchor) = label_place(at[i], centre);
                    text x=(px(x)) y=(px(y)) text-anchor=(anchor) {
                        (short(&visible(graph.node(nodes[i]).title()), LABEL_CHARS))
                        " (" (graph.in_degree(nodes[i])) ")"
                    }
                }
            }
        }
    };
    Drawing {
        svg,
        nodes: nodes.len(),
        edges: links.len(),
        mutual,
    }
}

/// The cluster's nodes when it has at most [`MAX_NODES`]; else that many around its most
/// cited node, met breadth-first following citations either way (so that what is drawn is
/// connected, as the cluster is). In id order.
fn nearest(graph: &RelatedGraph, cluster: &[NodeId]) -> Vec<NodeId> {
    if cluster.len() <= MAX_NODES {
        return cluster.to_vec();
    }
    let start = cluster
        .iter()
        .copied()
        .max_by_key(|&n| (graph.in_degree(n), std::cmp::Reverse(n)))
        .unwrap_or(cluster[0]);
    let mut taken: HashSet<NodeId> = HashSet::from([start]);
    let mut nodes = vec![start];
    let mut next = 0;
    while next < nodes.len() && nodes.len() < MAX_NODES {
        let node = nodes[next];
        next += 1;
        for &neighbour in graph.related(node).iter().chain(graph.backlinks(node)) {
            if nodes.len() == MAX_NODES {
                break;
            }
            if taken.insert(neighbour) {
                nodes.push(neighbour);
            }
        }
    }
    nodes.sort_unstable();
    nodes
}

/// Where each of `count` nodes joined by `links` goes, inside the drawing's margins: a
/// force-directed simulation from a spiral (the same drawing every run), scaled to fit.
fn layout(count: usize, links: impl Iterator<Item = (usize, usize)>) -> Vec<(f32, f32)> {
    let mut simulation = <ForceGraph>::new(SimulationParameters::default());
    // The golden angle puts no two nodes of the spiral in the same place.
    let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
    let ids: Vec<_> = (0..count)
        .map(|i| {
            let (radius, angle) = (40.0 * (i as f32).sqrt(), golden * i as f32);
            simulation.add_node(NodeData {
                x: radius * angle.cos(),
                y: radius * angle.sin(),
                ..Default::default()
            })
        })
        .collect();
    for (a, b) in links {
        simulation.add_edge(ids[a], ids[b], EdgeData::default());
    }
    if count > 1 {
        // Cooling: the step shrinks from 0.03 to nearly nothing, so that the nodes settle
        // in STEPS steps (each costs count² / 2 pairs) rather than keep swinging.
        for step in 0..STEPS {
            let left = 1.0 - step as f32 / STEPS as f32;
            simulation.update(0.002 + 0.028 * left);
        }
    }
    let mut at = positions(&simulation, count);
    fit(&mut at);
    at
}

/// Where the simulation's `count` nodes are, in the order they were added.
fn positions(simulation: &ForceGraph, count: usize) -> Vec<(f32, f32)> {
    let mut at = vec![(0.0, 0.0); count];
    simulation.visit_nodes(|node| {
        // Nodes are never removed: a node's index is its place in the order of adding.
        if let Some(slot) = at.get_mut(node.index().index()) {
            *slot = (node.x(), node.y());
        }
    });
    at
}

/// Scales and moves `points` to fill the drawing inside its margins, keeping their shape; a
/// point that is not a number (a simulation gone wrong) goes to the middle.
fn fit(points: &mut [(f32, f32)]) {
    let finite = |p: &(f32, f32)| p.0.is_finite() && p.1.is_finite();
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in points.iter().filter(|p| finite(p)) {
        (min_x, max_x) = (min_x.min(p.0), max_x.max(p.0));
        (min_y, max_y) = (min_y.min(p.1), max_y.max(p.1));
    }
    let (room_x, room_y) = (WIDTH - 2.0 * MARGIN_X, HEIGHT - 2.0 * MARGIN_Y);
    let span = ((max_x - min_x) / room_x).max((max_y - min_y) / room_y);
    // Small clusters keep the simulation's own scale (a pair is not stretched across).
    let scale = if span.is_finite() && span > 0.0 {
        (1.0 / span).min(MAX_SCALE)
    } else {
        1.0
    };
    let (mid_x, mid_y) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
    for p in points.iter_mut() {
        *p = if finite(p) && mid_x.is_finite() && mid_y.is_finite() {
            (
                WIDTH / 2.0 + (p.0 - mid_x) * scale,
                HEIGHT / 2.0 + (p.1 - mid_y) * scale,
            )
        } else {
            (WIDTH / 2.0, HEIGHT / 2.0)
        };
    }
}

/// The mean of `points`.
fn centre(points: &[(f32, f32)]) -> (f32, f32) {
    let n = points.len().max(1) as f32;
    let (x, y) = points
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p.0, y + p.1));
    (x / n, y / n)
}

/// Where the label of the node at `node` goes, and how it is anchored: beside the node on
/// the side away from `centre`, where the other nodes and the lines are fewest.
fn label_place(node: (f32, f32), centre: (f32, f32)) -> (f32, f32, &'static str) {
    let (dx, dy) = (node.0 - centre.0, node.1 - centre.1);
    let length = (dx * dx + dy * dy).sqrt();
    let (ux, uy) = if length > 1.0 {
        (dx / length, dy / length)
    } else {
        (1.0, 0.0)
    };
    let gap = RADIUS + 5.0;
    let anchor = match ux {
        ux if ux > 0.35 => "start",
        ux if ux < -0.35 => "end",
        _ => "middle",
    };
    // Text sits on its baseline: below the node it needs its height more.
    let baseline = match uy {
        uy if uy > 0.35 => 12.0,
        uy if uy < -0.35 => -2.0,
        _ => 4.0,
    };
    (node.0 + ux * gap, node.1 + uy * gap + baseline, anchor)
}

/// The line from `a` to `b`, its ends moved off the nodes so that arrow heads show.
fn shortened(a: (f32, f32), b: (f32, f32)) -> (f32, f32, f32, f32) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = (dx * dx + dy * dy).sqrt();
    if length <= 2.0 * (RADIUS + 2.0) {
        return (a.0, a.1, b.0, b.1);
    }
    let (ux, uy) = (dx / length, dy / length);
    let cut = RADIUS + 2.0;
    (
        a.0 + ux * cut,
        a.1 + uy * cut,
        b.0 - ux * cut,
        b.1 - uy * cut,
    )
}

/// A coordinate with one decimal: enough for the eye, a third of the bytes of `f32`'s.
fn px(value: f32) -> String {
    format!("{value:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_fills_the_drawing_and_separates_the_nodes() {
        let at = layout(5, [(0, 1), (1, 2), (2, 3), (3, 4)].into_iter());
        for &(x, y) in &at {
            assert!(
                (MARGIN_X - 0.5..=WIDTH - MARGIN_X + 0.5).contains(&x),
                "{x}"
            );
            assert!(
                (MARGIN_Y - 0.5..=HEIGHT - MARGIN_Y + 0.5).contains(&y),
                "{y}"
            );
        }
        for i in 0..at.len() {
            for j in i + 1..at.len() {
                let d = ((at[i].0 - at[j].0).powi(2) + (at[i].1 - at[j].1).powi(2)).sqrt();
                assert!(d > 2.0 * RADIUS, "nodes {i} and {j} overlap: {at:?}");
            }
        }
        assert_eq!(
            layout(1, std::iter::empty()),
            vec![(WIDTH / 2.0, HEIGHT / 2.0)]
        );
        assert_eq!(
            layout(2, [(0, 1)].into_iter()),
            layout(2, [(0, 1)].into_iter())
        );
    }

    proptest::proptest! {
        #[test]
        fn every_layout_lands_inside_the_drawing(
            count in 1usize..40,
            links in proptest::collection::vec((0usize..40, 0usize..40), 0..80),
        ) {
            let links: Vec<(usize, usize)> = links
                .into_iter()
                .map(|(a, b)| (a % count, b % count))
                .filter(|(a, b)| a < b)
                .collect();
            let at = layout(count, links.into_iter());
            proptest::prop_assert_eq!(at.len(), count);
            for &(x, y) in &at {
                proptest::prop_assert!((MARGIN_X - 0.5..=WIDTH - MARGIN_X + 0.5).contains(&x));
                proptest::prop_assert!((MARGIN_Y - 0.5..=HEIGHT - MARGIN_Y + 0.5).contains(&y));
            }
        }
    }

    #[test]
    fn points_that_are_not_numbers_go_to_the_middle() {
        let mut points = [(f32::NAN, 1.0), (0.0, 0.0), (10.0, 10.0)];
        fit(&mut points);
        assert_eq!(points[0], (WIDTH / 2.0, HEIGHT / 2.0));
        assert!(points[1].0 < points[2].0);
    }
}
