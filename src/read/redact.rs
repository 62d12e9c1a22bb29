//! Lines of a front matter as they may be shown beside a diagnostic: with the value of every
//! key named `secured` replaced by `"<redacted>"`, found by position from one pass over the
//! YAML's events (`outline.rs`), however the key is written (quoted, escaped, explicit, at
//! any depth, its value on the next line or a block), and no line at all from where that
//! pass could not read on.

use std::ops::Range;

use crate::read::outline::outline;
use crate::report::position::LineIndex;

/// What stands for a secret on a shown line.
pub(crate) const REDACTED: &str = "\"<redacted>\"";

/// The secrets of one front matter, and its lines, found once.
#[derive(Debug, Clone)]
pub(crate) struct Redaction {
    lines: LineIndex,
    /// Disjoint and in order.
    secrets: Vec<Range<usize>>,
    /// The first line that is not shown, when the YAML could not be read to its end.
    unread_from: Option<usize>,
}

impl Redaction {
    /// The secrets of `yaml`, a front matter with its opening line (or whatever text a
    /// file that did not split holds).
    pub(crate) fn of(yaml: &str) -> Self {
        let outline = outline(yaml);
        let lines = LineIndex::new(yaml);
        let mut secrets = outline.secrets;
        secrets.sort_unstable_by_key(|range| range.start);
        let mut disjoint: Vec<Range<usize>> = Vec::with_capacity(secrets.len());
        for range in secrets {
            match disjoint.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => disjoint.push(range),
            }
        }
        Redaction {
            unread_from: outline.unread_from.map(|at| lines.line_column(yaml, at).0),
            lines,
            secrets: disjoint,
        }
    }

    /// Line `line` (1-based) of `yaml` (the text this was made of), each part of it that
    /// belongs to a secret shown as `"<redacted>"` (blanks around it kept); `None` past the
    /// end, and for a line that the pass could not tell is free of secrets.
    pub(crate) fn line(&self, yaml: &str, line: usize) -> Option<String> {
        if self.unread_from.is_some_and(|from| line >= from) {
            return None;
        }
        let range = self.lines.line(yaml, line)?;
        let first = self
            .secrets
            .partition_point(|secret| secret.end <= range.start);
        let mut shown = String::with_capacity(range.len());
        let mut at = range.start;
        for secret in self.secrets[first..]
            .iter()
            .take_while(|secret| secret.start < range.end)
        {
            let part = secret.start.max(range.start)..secret.end.min(range.end);
            shown.push_str(&yaml[at..part.start]);
            let text = &yaml[part.clone()];
            let core = text.trim();
            if core.is_empty() {
                shown.push_str(text);
            } else {
                let lead = text.len() - text.trim_start().len();
                shown.push_str(&text[..lead]);
                shown.push_str(REDACTED);
                shown.push_str(&text[lead + core.len()..]);
            }
            at = part.end;
        }
        shown.push_str(&yaml[at..range.end]);
        Some(shown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of `yaml` as shown.
    fn shown(yaml: &str) -> Vec<Option<String>> {
        let redaction = Redaction::of(yaml);
        (1..=yaml.lines().count())
            .map(|line| redaction.line(yaml, line))
            .collect()
    }

    #[test]
    fn no_layout_of_a_secured_value_shows_it() {
        let p = "AAAAAAAAAAAAAAAAAAAAAA==;AAECAwQFBgcICQoLDA0ODw==";
        for yaml in [
            format!("---\nsecured: \"{p}\"\n"),
            format!("---\nsecured:\n  \"{p}\"\nx: 1\n"),
            format!("---\n\"secured\": {p}\n"),
            format!("---\n'secured': {p} # note\n"),
            format!("---\n\"secur\\x65d\": \"{p}\"\n"),
            format!("---\n? secured\n: {p}\n"),
            format!("---\nsecured: a\nsecured: {p}\n"),
            format!("---\nrelated:\n  - title: t\n    secured: \"{p}\"\n    x: 1\n"),
            format!("---\nsecured: 98765{p}\n"),
            format!("---\nsecured: |\n  {p}\n  {p}\nz: 1\n"),
            format!("---\nsecured: [\"{p}\",\n  x]\n"),
            format!("---\nx: &a \"{p}\"\nsecured: *a\n"),
            format!("---\n{{secured: \"{p}\", y: 1}}\n"),
            format!("---\ntitle: x\nsecured: \"{p}\n"),
            format!("---\ntitle: x\n\"secured: {p}\n"),
            format!("---\n# note\u{2028}secured: 98765{p}\n"),
            format!("---\ntitle: x\u{85}secured: 98765{p}\n"),
            format!("---\ntitle: \"x\rsecured: {p}\"\n"),
            format!("---\ntitle: x # c\rsecured: {p}\n"),
            format!("---\n{{secured: \"{p}\"}}: 1\ntitle: x\n"),
            format!("---\n? [secured, \"{p}\"]\n: 1\ntitle: x\n"),
            format!("---\n? [{{a: [secured]}}, \"{p}\"]\n: 1\n"),
            format!("---\n? [&k \"{p}\"]\n: 1\nsecured: *k\n"),
            format!("---\nx: &s secured\n? {{*s : \"{p}\"}}\n: 1\n"),
            format!("---\nx: &k \"{p}\"\n? [*k, secured]\n: 1\n"),
            format!("---\n? {{secured: \"{p}\",\n  y: [\n"),
            // A byte-order mark, which libyaml skips at the start of a line and reads as a
            // character inside one.
            format!("---\ntitle: x\n\u{feff}secured: \"{p}\"\n"),
            format!("---\ntitle: x\nsecured: \u{feff}\"{p}\"\n"),
            format!("---\nk\u{feff}1: x\nsecured: \"{p}\"\n"),
            format!("---\nx: 1\n\u{feff}  secured: \"{p}\"\n"),
        ] {
            let lines = shown(&yaml);
            for line in lines.iter().flatten() {
                assert!(!line.contains("AAAA"), "{yaml:?}: {line}");
            }
            // The first line is always there to show.
            assert_eq!(lines[0].as_deref(), Some("---"), "{yaml:?}");
        }
    }

    #[test]
    fn a_secured_value_shows_as_redacted_and_the_rest_as_written() {
        let yaml = "---\ntitle: x\nsecured:   \"AAAA;BBBB\"   # c\nrelated:\n  - secured: 'x'\n";
        assert_eq!(
            shown(yaml),
            [
                Some("---".to_owned()),
                Some("title: x".to_owned()),
                Some("secured:   \"<redacted>\"".to_owned()),
                Some("related:".to_owned()),
                Some("  - secured: \"<redacted>\"".to_owned()),
            ]
        );
        let block = "---\nsecured: |\n  AAAA\n\n  BBBB\ntitle: x\n";
        assert_eq!(
            shown(block),
            [
                Some("---".to_owned()),
                Some("secured: \"<redacted>\"".to_owned()),
                Some("  \"<redacted>\"".to_owned()),
                Some(String::new()),
                Some("  \"<redacted>\"".to_owned()),
                Some("title: x".to_owned()),
            ]
        );
    }

    #[test]
    fn lines_from_where_the_yaml_could_not_be_read_are_not_shown() {
        let yaml = "---\ntitle: x\nexcerpt: y\n\"secured: AAAA\nz: 1\n";
        let lines = shown(yaml);
        assert_eq!(lines[1].as_deref(), Some("title: x"));
        assert!(lines[3..].iter().all(Option::is_none), "{lines:?}");
    }
}
