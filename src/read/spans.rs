//! Where every value of a front matter is, as the fast reader found it: what the general
//! reader can only tell by failing on purpose (see `locate.rs`), kept here as the reader goes.

use crate::report::{FieldPath, Segment};

/// Set in [`Node::segment`] when it holds a key's offset rather than a list index.
const KEY: u32 = 1 << 31;

/// The largest front matter whose offsets fit a [`Node`] (2 GiB).
pub(crate) const MAX_LEN: usize = KEY as usize - 1;

/// One value: its byte offset in the front matter (where the general reader's error for
/// it would point: a scalar's first character or quote, a mapping's first key, a list's
/// first `-` or its `[`), its parent's index, and how the parent reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Node {
    at: u32,
    parent: u32,
    /// The offset of the key (`KEY` set), or the index in the parent list.
    segment: u32,
}

/// The positions of every value of a front matter, in document order; the first is the
/// root mapping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Spans {
    nodes: Vec<Node>,
}

/// How a value is reached from its parent: by a key (its offset in the front matter) or an
/// index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Key(usize),
    Index(usize),
}

impl Spans {
    /// Room for `values` values.
    pub(crate) fn with_capacity(values: usize) -> Self {
        Spans {
            nodes: Vec::with_capacity(values),
        }
    }

    /// Records the root at offset `at`; its index is 0.
    pub(crate) fn root(&mut self, at: usize) -> u32 {
        self.push(Node {
            at: offset(at),
            parent: 0,
            segment: 0,
        })
    }

    /// Records a value at offset `at`, reached from `parent` by `step`, and gives its index.
    pub(crate) fn child(&mut self, parent: u32, step: Step, at: usize) -> u32 {
        let segment = match step {
            Step::Key(key_at) => offset(key_at) | KEY,
            Step::Index(index) => offset(index),
        };
        self.push(Node {
            at: offset(at),
            parent,
            segment,
        })
    }

    /// Gives back the room reserved beyond the values recorded, for spans kept long (a
    /// corpus keeps every file's).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.nodes.shrink_to_fit();
    }

    fn push(&mut self, node: Node) -> u32 {
        let index = offset(self.nodes.len());
        self.nodes.push(node);
        index
    }

    /// The byte offset of the value at `path` in `yaml` (the front matter these spans were
    /// recorded from), or `None` when there is none.
    pub(crate) fn find(&self, yaml: &str, path: &FieldPath) -> Option<usize> {
        let mut current = 0_u32;
        if self.nodes.is_empty() {
            return None;
        }
        for segment in path.segments() {
            // Children come after their parent, in document order.
            let start = current as usize + 1;
            let found =
                self.nodes[start..].iter().position(|node| {
                    node.parent == current
                        && match segment {
                            Segment::Key(key) => {
                                node.segment & KEY != 0 && {
                                    let at = (node.segment & !KEY) as usize;
                                    let key = key.as_bytes();
                                    yaml.as_bytes().get(at..at + key.len() + 1).is_some_and(
                                        |text| text[..key.len()] == *key && text[key.len()] == b':',
                                    )
                                }
                            }
                            Segment::Index(index) => {
                                node.segment & KEY == 0 && node.segment as usize == *index
                            }
                        }
                })?;
            current = offset(start + found);
        }
        Some(self.nodes[current as usize].at as usize)
    }
}

/// An offset or index as stored: the fast reader declines front matters over [`MAX_LEN`],
/// so every offset, index and count fits.
fn offset(value: usize) -> u32 {
    debug_assert!(value <= MAX_LEN);
    value as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::fast;
    use crate::read::locate::{locate, Target};
    use crate::read::split::split;
    use crate::read::visitors::Mode;
    use crate::report::position::line_column;

    impl Spans {
        /// The path of every recorded value, in document order.
        fn paths(&self, yaml: &str) -> Vec<FieldPath> {
            let mut paths: Vec<FieldPath> = Vec::with_capacity(self.nodes.len());
            for (i, node) in self.nodes.iter().enumerate() {
                if i == 0 {
                    paths.push(FieldPath::root());
                    continue;
                }
                let parent = paths[node.parent as usize].clone();
                paths.push(if node.segment & KEY != 0 {
                    let at = (node.segment & !KEY) as usize;
                    let len = yaml[at..].find(':').unwrap();
                    parent.key(yaml[at..at + len].to_owned())
                } else {
                    parent.index(node.segment as usize)
                });
            }
            paths
        }
    }

    /// The record files of the repository, and the real ones when `../shared` is there.
    fn record_files() -> Vec<std::path::PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![
            root.join("examples/corpus"),
            root.join("tests/fixtures/valid"),
            root.join("tests/fixtures/corpus/stories"),
            root.join("tests/fixtures/corpus/videos"),
        ];
        for part in ["realdata/diablo4", "realdata/powerapps", "seed"] {
            let dir = root.join("../shared").join(part);
            if dir.exists() {
                dirs.push(dir);
            } else {
                eprintln!("skipped ../shared/{part}: not beside the repository (CI has it)");
                assert!(std::env::var_os("NEWSMATTER_REQUIRE_SHARED").is_none());
            }
        }
        let mut files = Vec::new();
        for dir in dirs {
            for entry in std::fs::read_dir(&dir).unwrap() {
                files.push(entry.unwrap().path());
            }
        }
        files.retain(|path| path.is_file());
        files
    }

    /// Every value the fast reader recorded is where the general reader's locating finds it,
    /// and a path to nothing (a key or an index that is not there) is found by neither.
    #[test]
    fn recorded_positions_are_where_the_general_reader_finds_them() {
        let mut checked = 0;
        for path in record_files() {
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(parts) = split(&text) else { continue };
            let Ok((_, spans)) = fast::read(parts.yaml, Mode::Strict) else {
                continue;
            };
            let yaml = parts.yaml;
            for at in spans.paths(yaml) {
                let recorded = spans
                    .find(yaml, &at)
                    .map(|offset| line_column(yaml, offset));
                assert!(recorded.is_some(), "{}: {at}", path.display());
                assert_eq!(
                    recorded,
                    locate(yaml, &at, Target::Value),
                    "{}: {at}",
                    path.display()
                );
                for nowhere in [at.clone().key("nowhere"), at.clone().index(9999)] {
                    assert_eq!(spans.find(yaml, &nowhere), None, "{nowhere}");
                    assert_eq!(locate(yaml, &nowhere, Target::Value), None, "{nowhere}");
                }
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}
