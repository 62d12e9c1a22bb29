//! Writing a record's YAML in other styles than the producer's, meaning the same: wider
//! indentation, lists at their key's column, other quoting, comments, blank lines, CRLF,
//! another key order; and, outside the fast reader's subset, numbers in other notations and
//! flow lists. Works on the canonical rendering (`Document::to_string`), line by line.
#![allow(dead_code)]

/// How to quote the scalars the producer quotes or leaves plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    /// As the producer: double quotes for text and URLs, plain for words and numbers.
    Producer,
    /// Single quotes where the producer uses double quotes without escapes.
    Single,
    /// Plain wherever YAML reads the text back as the same string.
    Plain,
    /// Double quotes on the plain text values too.
    Double,
}

/// A style: each field one way of writing the same record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Spaces per level, 2 to 4; a list item's key is after `-` and `indent - 1` spaces.
    pub indent: usize,
    /// `topics` items at the column of `topics:` itself.
    pub indentless_topics: bool,
    pub quoting: Quoting,
    /// Comments after values and comment lines between them, here and there.
    pub comments: bool,
    /// Blank lines (some holding spaces) here and there.
    pub blank_lines: bool,
    /// `\r\n` line ends in the front matter.
    pub crlf: bool,
    /// The first two keys swapped (`title` before `category`).
    pub reorder: bool,
    /// Integers in other notations YAML 1.2 reads as the same number: `0x3D`, `+61`,
    /// `0o75`, `0b111101`, in turn.
    pub other_numbers: bool,
    /// An anchor on each scalar value (`&a1 news`): outside the fast reader's subset.
    pub anchors: bool,
    /// `topics: ["a", "b"]`: outside the fast reader's subset.
    pub flow_topics: bool,
    /// Which lines get a comment or a blank line.
    pub seed: u64,
}

impl Style {
    /// The producer's own style.
    pub const PRODUCER: Style = Style {
        indent: 2,
        indentless_topics: false,
        quoting: Quoting::Producer,
        comments: false,
        blank_lines: false,
        crlf: false,
        reorder: false,
        other_numbers: false,
        anchors: false,
        flow_topics: false,
        seed: 1,
    };

    /// This style without what takes it outside the fast reader's subset.
    pub fn in_subset(&self) -> Style {
        Style {
            anchors: false,
            flow_topics: false,
            ..*self
        }
    }
}

/// Whether double-quoted text in the front matter of `text` (a canonical rendering) holds
/// an escape the fast reader declines (the renderer writes `\x07`, `\u2028`… for control
/// characters).
pub fn has_declined_escape(text: &str) -> bool {
    let end = text[3..].find("\n---\n").map_or(text.len(), |at| at + 3);
    let bytes = &text.as_bytes()[..end];
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\\' {
            if !matches!(bytes[i + 1], b'"' | b'\\' | b'/' | b'n' | b'r' | b't') {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// A small deterministic generator for where comments and blank lines go.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

/// Whether `text`, written plain, reads back as the same string in YAML 1.2.
fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && text == text.trim()
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && text.chars().all(|c| {
            (' '..='~').contains(&c)
                || (c >= '\u{a0}' && !"\u{2028}\u{2029}\u{feff}\u{fffe}\u{ffff}".contains(c))
        })
        && !["true", "false", "null"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word))
}

/// `value` (a scalar as the renderer wrote it) quoted as `quoting` says.
fn requote(value: &str, quoting: Quoting) -> String {
    let double = value.len() >= 2 && value.starts_with('"') && value.ends_with('"');
    let inner = if double {
        &value[1..value.len() - 1]
    } else {
        value
    };
    match quoting {
        Quoting::Producer => value.to_owned(),
        Quoting::Single if double && !inner.contains('\\') => {
            format!("'{}'", inner.replace('\'', "''"))
        }
        Quoting::Plain if double && !inner.contains('\\') && plain_safe(inner) => inner.to_owned(),
        Quoting::Double if !double && !value.starts_with('\'') => {
            format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
        }
        _ => value.to_owned(),
    }
}

/// Writes the topics gathered in `flow`, if any, as a flow list on the last `topics:` line.
fn close_flow(lines: &mut [String], flow: &mut Option<Vec<String>>) {
    if let Some(items) = flow.take() {
        let last = lines
            .iter()
            .rposition(|l| l.starts_with("topics:"))
            .unwrap();
        lines[last] = format!("topics: [{}]", items.join(", "));
    }
}

/// `text` (a canonical rendering) with its front matter written in `style`.
pub fn restyle(text: &str, style: &Style) -> String {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text.to_owned();
    };
    let Some(end) = rest.find("\n---\n") else {
        return text.to_owned();
    };
    let (yaml, body) = (&rest[..=end], &rest[end + 5..]);
    let mut dice = Dice(style.seed | 1);
    let mut lines: Vec<String> = Vec::new();
    let mut in_topics = false;
    let mut anchors = 0;
    let mut flow: Option<Vec<String>> = None;
    for line in yaml.lines() {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let mut rest = &line[spaces..];
        let dash = rest.starts_with("- ");
        if dash {
            rest = &rest[2..];
        }
        let (key, value) = match rest.split_once(':') {
            Some((key, value))
                if key.chars().all(|c| c.is_ascii_alphanumeric())
                    && (value.is_empty() || value.starts_with(' ')) =>
            {
                (Some(key), value.trim_start_matches(' '))
            }
            _ => (None, rest),
        };
        if spaces == 0 && !dash {
            in_topics = key == Some("topics");
        }
        let text_value = matches!(
            key,
            Some("category" | "type" | "publishedDateTime" | "name" | "domain")
        ) || (key.is_none() && in_topics);
        let mut value = match style.quoting {
            Quoting::Double if !text_value => value.to_owned(),
            quoting => requote(value, quoting),
        };
        if style.other_numbers
            && matches!(key, Some("quality" | "heat" | "width" | "height"))
            && value.bytes().all(|b| b.is_ascii_digit())
        {
            let n = value.parse::<u64>().unwrap();
            value = match dice.roll(4) {
                0 => format!("0x{n:X}"),
                1 => format!("+{n}"),
                2 => format!("0o{n:o}"),
                _ => format!("0b{n:b}"),
            };
        }
        if in_topics && dash && style.flow_topics {
            let quoted = if value.starts_with('"') {
                value
            } else {
                requote(&value, Quoting::Double)
            };
            flow.get_or_insert_with(Vec::new).push(quoted);
            continue;
        }
        close_flow(&mut lines, &mut flow);
        if style.anchors && !value.is_empty() {
            anchors += 1;
            value = format!("&a{anchors} {value}");
        }
        let level = spaces / 2;
        let column = if in_topics && dash && style.indentless_topics {
            0
        } else {
            level * style.indent
        };
        if style.blank_lines && dice.roll(6) == 0 {
            lines.push(" ".repeat(dice.roll(5) as usize));
        }
        if style.comments && dice.roll(8) == 0 {
            lines.push(format!(
                "{}# a comment line",
                " ".repeat(dice.roll(9) as usize)
            ));
        }
        let mut out = " ".repeat(column);
        if dash {
            out.push('-');
            out.push_str(&" ".repeat(style.indent - 1));
        }
        if let Some(key) = key {
            out.push_str(key);
            out.push(':');
            if !value.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(&value);
        if style.comments && dice.roll(5) == 0 {
            out.push_str("   # note: a comment");
        }
        lines.push(out);
    }
    close_flow(&mut lines, &mut flow);
    if style.reorder && lines.len() > 2 && !lines[0].starts_with(' ') && !lines[1].starts_with(' ')
    {
        lines.swap(0, 1);
    }
    let newline = if style.crlf { "\r\n" } else { "\n" };
    let mut out = format!("---{newline}");
    for line in lines {
        out.push_str(&line);
        out.push_str(newline);
    }
    out.push_str(&format!("---{newline}"));
    out.push_str(body);
    out
}
