//! A bound on the nesting of YAML flow collections (`[`, `{`), checked before the YAML parser
//! runs.
//!
//! The scanner inside serde_yaml (libyaml's, ported to Rust) keeps one "simple key" per open
//! flow collection and walks all of them at every token, so its time grows with the square of
//! the nesting: measured here, 40,000 nested `[` take 3.5 s in a release build, and the 1 MiB
//! a record may hold would take minutes. serde_yaml's own depth limit (128) applies only after
//! the whole text is scanned. No record needs more than a few levels, so the text is scanned
//! here first, in linear time, and refused past [`MAX_FLOW_DEPTH`].
//!
//! The scan follows YAML's rules for where a flow collection can start: at the start of a
//! node (a line's first character, after `- `, `? `, `: `, an anchor or a tag) in block
//! context, and at any token in flow context. Brackets inside quoted scalars, plain scalars
//! and comments do not count.

use crate::report::error::{Error, Result};
use crate::report::position::line_column;
use crate::report::Code;

/// The deepest nesting of flow collections accepted; the YAML deserializer stops at the same
/// depth.
pub(crate) const MAX_FLOW_DEPTH: usize = 128;

/// Checks that no flow collection in `yaml` nests deeper than [`MAX_FLOW_DEPTH`].
///
/// # Errors
///
/// `limit-exceeded` at the bracket that goes one level too deep.
pub(crate) fn check_flow_depth(yaml: &str) -> Result<()> {
    let bytes = yaml.as_bytes();
    // Every level is opened by one of these bytes, so a text with few of them cannot nest
    // too deep: the common case, counted far faster than it is scanned.
    if memchr::memchr2_iter(b'[', b'{', bytes).count() <= MAX_FLOW_DEPTH {
        return Ok(());
    }
    let mut depth = 0_usize;
    // Whether the next non-blank character starts a node.
    let mut node_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\r' => {}
            b'\n' => {
                if depth == 0 {
                    node_start = true;
                }
            }
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\r' | b'\n') => {
                i = line_end(bytes, i);
                continue;
            }
            b'[' | b'{' if node_start || depth > 0 => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    let (line, column) = line_column(yaml, i);
                    return Err(Error::new(
                        Code::LimitExceeded,
                        format!("flow collections nest deeper than {MAX_FLOW_DEPTH} levels"),
                    )
                    .at(line, column));
                }
                node_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                node_start = false;
            }
            b',' if depth > 0 => node_start = true,
            b'"' | b'\'' if node_start => {
                i = quoted_end(bytes, i);
                node_start = false;
                continue;
            }
            b'-' | b'?' | b':' if is_blank_at(bytes, i + 1) => node_start = true,
            b'&' | b'!' if node_start => {
                // An anchor or a tag: the node itself follows.
                while i < bytes.len() && !is_blank_at(bytes, i) {
                    i += 1;
                }
                continue;
            }
            _ => {
                i = plain_end(bytes, i, depth > 0);
                node_start = false;
                continue;
            }
        }
        i += 1;
    }
    Ok(())
}

fn is_blank_at(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i)
        .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
}

fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(bytes.len(), |n| i + n)
}

/// The index after the quoted scalar that starts at `start` (which may span lines).
fn quoted_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 1,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            c if c == quote => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The index where the plain scalar (or key) that starts at `start` ends: at `: ` or ` #`,
/// the line's end, and in flow context also at `,`, `[`, `]`, `{`, `}`.
fn plain_end(bytes: &[u8], start: usize, flow: bool) -> usize {
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i,
            b':' if is_blank_at(bytes, i + 1) => return i,
            b'#' if i > start && matches!(bytes[i - 1], b' ' | b'\t') => return i,
            b',' | b'[' | b']' | b'{' | b'}' if flow => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(yaml: &str) -> bool {
        check_flow_depth(yaml).is_ok()
    }

    #[test]
    fn counts_flow_collections() {
        let deep = "[".repeat(MAX_FLOW_DEPTH);
        assert!(depth_ok(&format!("x: {deep}")));
        assert!(!depth_ok(&format!("x: [{deep}")));
        assert!(!depth_ok(&format!(
            "x: {}",
            "{a: ".repeat(MAX_FLOW_DEPTH + 1)
        )));
        assert!(!depth_ok(&format!("- {}", "[".repeat(MAX_FLOW_DEPTH + 1))));
        assert!(!depth_ok(&format!(
            "x: &a !t {}",
            "[".repeat(MAX_FLOW_DEPTH + 1)
        )));
    }

    #[test]
    fn ignores_brackets_in_scalars_and_comments() {
        let many = "[".repeat(MAX_FLOW_DEPTH + 1);
        for yaml in [
            format!("title: \"{many}\"\n"),
            format!("title: '{many}'\n"),
            format!("title: \"a \\\" {many}\"\n"),
            format!("title: 'it''s {many}'\n"),
            format!("title: a {many}\n"),
            format!("title: x # {many}\n"),
            format!("# {many}\n"),
            format!("title: it's {many}\n"),
            format!("x: [it's, \"{many}\"]\n"),
            format!("title: \"multi\n  line {many}\"\n"),
        ] {
            assert!(depth_ok(&yaml), "{yaml}");
        }
    }

    #[test]
    fn points_at_the_bracket_too_deep() {
        let err = check_flow_depth(&format!("a: 1\nx: {}", "[".repeat(200))).unwrap_err();
        assert_eq!(err.code(), Code::LimitExceeded);
        assert_eq!(
            (err.line(), err.column()),
            (Some(2), Some(4 + MAX_FLOW_DEPTH))
        );
    }
}
