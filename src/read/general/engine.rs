//! Running the YAML engine over a front matter, and turning what stops it into our [`Error`].
//!
//! serde_yaml comes from its maintained fork, `yaml_serde`, renamed in Cargo.toml; only the
//! read layer names it, and its error type never leaves this module.

use serde::de::DeserializeSeed;

use crate::model::Record;
use crate::read::context::{Ctx, Mode, Problem};
use crate::read::general::visitors::{FromYaml, Seed};
use crate::read::plain::may_hold_tags;
use crate::report::error::Error;
use crate::report::position::line_column;
use crate::report::{Code, FieldPath, Segment};

/// Reads the record from `yaml`, the front matter with its opening `---` line, so that every
/// position serde_yaml reports is already a position in the file.
///
/// The happy path runs fast: without path tracking, and speculatively where no value can
/// carry a tag (see `visitors.rs`). Anything that stops it, an error or a value in doubt, is
/// settled by an exact parse with serde_path_to_error, which gives the record or names the
/// field of the error.
pub(crate) fn parse_record(yaml: &str, mode: Mode) -> Result<Record, Error> {
    let ctx = if may_hold_tags(yaml) {
        Ctx::new(mode, yaml.len())
    } else {
        Ctx::speculative(mode, yaml)
    };
    match Seed::<Record>::new(&ctx).deserialize(serde_yaml::Deserializer::from_str(yaml)) {
        Ok(record) => Ok(record),
        Err(_) => parse_exactly(yaml, mode),
    }
}

/// What the general reader makes of `snippet`, the YAML of one value alone, as a `T`: the
/// value, or the problem its visitor raised (code and message, exactly as in a whole parse,
/// since a value's visitor sees nothing of what is around it). `None` when the YAML engine
/// itself stopped.
///
/// The fast reader asks this of a value it does not take (`quality: "61"`, `title: 12`,
/// `webUrl: javascript:x`), to report it as the general reader would and read on.
pub(crate) fn read_value<T: FromYaml>(snippet: &str, mode: Mode) -> Option<Result<T, Problem>> {
    let ctx = Ctx::new(mode, snippet.len() + 1);
    match Seed::<T>::new(&ctx).deserialize(serde_yaml::Deserializer::from_str(snippet)) {
        Ok(value) => Some(Ok(value)),
        Err(_) => ctx.problem().map(Err),
    }
}

/// Parses `yaml` exactly, tracking the path of the value being read.
fn parse_exactly(yaml: &str, mode: Mode) -> Result<Record, Error> {
    let ctx = Ctx::new(mode, yaml.len());
    let mut track = serde_path_to_error::Track::new();
    let deserializer = serde_path_to_error::Deserializer::new(
        serde_yaml::Deserializer::from_str(yaml),
        &mut track,
    );
    let result = Seed::<Record>::new(&ctx).deserialize(deserializer);
    result.map_err(|err| {
        let path = field_path(&track.path());
        match ctx.problem() {
            Some(problem) => ours(problem, path, &err, yaml),
            None => engines(&err, path, yaml),
        }
    })
}

/// The error a visitor raised, with the path the parse had reached and the position the
/// engine gave it.
fn ours(problem: Problem, mut path: FieldPath, err: &serde_yaml::Error, yaml: &str) -> Error {
    // A missing key was never read, so the path stops at its mapping; serde_path_to_error
    // may or may not have taken in a key that was read: name the key once.
    if let Some(key) = problem.key {
        if path.segments().last() != Some(&Segment::Key(key.clone().into())) {
            path = path.key(key);
        }
    }
    let (line, column) = position(err, yaml);
    Error::new(problem.code, problem.message)
        .with_path(path)
        .at(line, column)
}

/// An error of the YAML engine itself. Its error type has no kinds, only messages: it raises
/// syntax errors, its two limits, and a tag that does not fit its value (`!!int x`), told
/// apart by the messages of the engine version we lock ([`ENGINE_MESSAGES`], pinned by a
/// test). Our own errors never come this way: they carry their code from where they were
/// raised.
fn engines(err: &serde_yaml::Error, path: FieldPath, yaml: &str) -> Error {
    let text = err.to_string();
    // serde_yaml writes `<its path>: <message> at line L column C`; keep the message alone.
    let mut text = match err.location() {
        Some(l) => text.replacen(
            &format!(" at line {} column {}", l.line(), l.column()),
            "",
            1,
        ),
        None => text,
    };
    let found = ENGINE_MESSAGES
        .iter()
        .filter_map(|&(start, code)| text.find(start).map(|at| (at, code)))
        .min_by_key(|&(at, _)| at);
    let code = match found {
        Some((at, code)) => {
            text.drain(..at);
            code
        }
        None => Code::YamlSyntax,
    };
    // libyaml's "found character that cannot start any token" does not say which.
    // A byte test: the engine's index need not fall on a character boundary.
    if code == Code::YamlSyntax
        && yaml.as_bytes().get(index(err, yaml)) == Some(&b'\t')
        && !text.contains("tab")
    {
        text.push_str(TAB_HINT);
    }
    let (line, column) = position(err, yaml);
    Error::new(code, text).with_path(path).at(line, column)
}

/// What a syntax error at a tab adds to the engine's message.
const TAB_HINT: &str = " (a tab: YAML indents with spaces only)";

/// How the engine's messages that are not syntax errors begin: its nesting limit (128
/// levels), its alias limit (a hundred jumps per event), and a tag that does not fit its
/// value (`!!bool maybe`) or a scalar that is not UTF-8.
const ENGINE_MESSAGES: &[(&str, Code)] = &[
    ("recursion limit exceeded", Code::LimitExceeded),
    ("repetition limit exceeded", Code::LimitExceeded),
    ("invalid value: ", Code::InvalidValue),
    ("invalid type: ", Code::InvalidType),
];

/// The byte offset of the engine's error in `yaml`; only an empty front matter leaves it
/// without one, and then it is where the mapping should start, the line after `---`.
fn index(err: &serde_yaml::Error, yaml: &str) -> usize {
    match err.location() {
        Some(location) => location.index(),
        None => yaml.find('\n').map_or(yaml.len(), |at| at + 1),
    }
}

/// The line and column of the engine's error in the file.
fn position(err: &serde_yaml::Error, yaml: &str) -> (usize, usize) {
    match err.location() {
        Some(location) => line_column(yaml, location.index()),
        None => (2, 1),
    }
}

fn field_path(path: &serde_path_to_error::Path) -> FieldPath {
    use serde_path_to_error::Segment;
    path.iter()
        .fold(FieldPath::root(), |path, segment| match segment {
            Segment::Seq { index } => path.index(*index),
            Segment::Map { key } => path.key(key.clone()),
            Segment::Enum { .. } | Segment::Unknown => path,
        })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::read::plain::may_resolve;
    use serde_yaml::Value;

    const RECORD: &str = include_str!("../../../tests/fixtures/valid/article.md");

    /// The fixture's front matter (with its opening line) with `line` in place of line
    /// `number` (1-based, counted in the file).
    fn with_line(number: usize, line: &str) -> String {
        let end = RECORD[4..].find("\n---").unwrap() + 5;
        RECORD[..end]
            .lines()
            .enumerate()
            .map(|(i, text)| if i + 1 == number { line } else { text })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    }

    /// The fast pass, settled exactly when it stops, gives what the exact pass alone gives.
    fn same_as_exact(yaml: &str) {
        for mode in [Mode::Strict, Mode::Lenient] {
            let fast = parse_record(yaml, mode).map_err(|err| err.to_string());
            let exact = parse_exactly(yaml, mode).map_err(|err| err.to_string());
            assert_eq!(fast, exact, "{yaml}");
        }
    }

    /// A plain scalar near the edge of YAML's resolution, perhaps tagged.
    fn tricky() -> impl Strategy<Value = String> {
        "(!!(int|str|bool|null|float) |!x )?([-+.~0-9a-fA-FxoinINtruTRUElsLS]{0,6}|null|True|FALSE|\\.inf|-\\.NaN|0x1F|-0o17|1e3|9to5Mac|\"\"|''|'' |\" \"|\"\" #|)"
    }

    proptest! {
        #[test]
        fn fast_pass_agrees_with_exact_pass(value in tricky(), at in 0..4_usize) {
            // The title (line 3), a topic (line 24), a key (line 2), a provider name.
            let (number, line) = match at {
                0 => (3, format!("title: {value}")),
                1 => (24, format!("  - {value}")),
                2 => (2, format!("{value}: news")),
                _ => (23, format!("topics: [{value}]")),
            };
            let yaml = with_line(number, &line);
            same_as_exact(&yaml);
        }

        #[test]
        fn may_resolve_covers_what_yaml_resolves(value in tricky()) {
            // Untagged plain scalars only: tags send a parse down the exact pass anyway.
            let value = match value.strip_prefix('!') {
                Some(tagged) => tagged.split_once(' ').map_or("", |(_, value)| value),
                None => &value,
            };
            if let Ok(parsed) = serde_yaml::from_str::<Value>(&format!("x: {value}")) {
                if !matches!(parsed.get("x"), Some(Value::String(_))) {
                    prop_assert!(may_resolve(value), "{value:?} reads as {parsed:?}");
                }
            }
        }
    }

    #[test]
    fn quoted_and_tagged_text_takes_the_exact_pass_to_the_same_result() {
        for line in [
            "title: \"5\"",
            "title: ''",
            "title: \"\"",
            "title: \"\"  # empty",
            "title:",
            "title: # empty",
            "title:\n\"\": x",
            "title:\n'': x",
            "title: ~",
            "title: !!str 5",
            "title: !!int 5",
            "title: !!bool yes",
            "title: &t 12",
            "title: Wow ! 5",
            "title: 9to5Mac",
            "title: |\n  12",
        ] {
            same_as_exact(&with_line(3, line));
        }
    }
}
