//! Inline suppression: a YAML comment `# newsmatter: allow(topic-repeated, html-entity)`
//! silences those codes' diagnostics on its own line (a comment after a value) or on the next
//! line (a comment alone on its line); one that silences nothing is reported as
//! `unused-suppression`.

use crate::read::outline::comments;
use crate::read::positions::Locator;
use crate::report::{Code, Diagnostic, FieldPath, Span, Suggestion};

/// What starts a suppression comment, after the `#` and any blanks.
const MARK: &str = "newsmatter:";

/// One code named in a suppression comment.
struct Allowed<'y> {
    name: &'y str,
    /// Where the name is, in `yaml`.
    at: (usize, usize),
    span: Span,
    used: bool,
}

/// A `# newsmatter: …` comment: the line it applies to and the codes it allows, or why it
/// is not a suppression.
struct Suppression<'y> {
    target: usize,
    allowed: Vec<Allowed<'y>>,
    /// The comment, when it is not of the form `allow(CODE, …)`.
    malformed: Option<Span>,
    /// What removing the comment removes, in `yaml`: its line when alone on it, else the
    /// comment and the blanks before it.
    whole: (usize, usize),
}

/// Removes from `diagnostics` those that a suppression comment of `yaml` (the front matter
/// `locator` answers for) allows, and adds an `unused-suppression` warning for each code
/// named that allowed nothing. Costs one search of the text when there is no `newsmatter:`
/// in it.
pub(crate) fn suppress(yaml: &str, locator: &Locator<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if memchr::memmem::find(yaml.as_bytes(), MARK.as_bytes()).is_none() {
        return;
    }
    let Some(found) = comments(yaml) else {
        return;
    };
    let mut suppressions: Vec<Suppression<'_>> = found
        .into_iter()
        .filter_map(|at| suppression(yaml, at, locator))
        .collect();
    if suppressions.is_empty() {
        return;
    }
    // By the line they are about, so that each diagnostic looks at its line's only: a file
    // of many comments and many diagnostics costs their sum, not their product.
    suppressions.sort_by_key(|s| s.target);
    diagnostics.retain(|diagnostic| {
        let code = diagnostic.code();
        if !code.is_adjustable() || code.is_across_records() {
            return true;
        }
        let Some(line) = diagnostic.line() else {
            return true;
        };
        let first = suppressions.partition_point(|s| s.target < line);
        let mut kept = true;
        for suppression in suppressions[first..]
            .iter_mut()
            .take_while(|s| s.target == line)
        {
            for allowed in &mut suppression.allowed {
                if allowed.name == code.as_str() {
                    allowed.used = true;
                    kept = false;
                }
            }
        }
        kept
    });
    for suppression in suppressions {
        let remove = |(start, end): (usize, usize), message: &str| {
            Suggestion::new(
                message.to_owned(),
                String::new(),
                locator.span(start, end),
                true,
            )
        };
        let whole = remove(suppression.whole, "remove the comment");
        if let Some(span) = suppression.malformed {
            diagnostics.push(
                unused(
                    span,
                    format!("not a suppression: expected `# {MARK} allow(CODE, …)`"),
                )
                .with_fix(whole.clone()),
            );
        }
        let none_used = suppression.allowed.iter().all(|a| !a.used);
        let allowed = &suppression.allowed;
        for (i, name) in allowed.iter().enumerate().filter(|(_, a)| !a.used) {
            // The name and the comma after it, or for the last, the comma before it.
            let fix = match (none_used, allowed.get(i + 1), i.checked_sub(1)) {
                (true, ..) => whole.clone(),
                (false, Some(next), _) => remove((name.at.0, next.at.0), "remove the code"),
                (false, None, Some(previous)) => {
                    remove((allowed[previous].at.1, name.at.1), "remove the code")
                }
                (false, None, None) => whole.clone(),
            };
            diagnostics
                .push(unused(name.span, why_unused(name.name, suppression.target)).with_fix(fix));
        }
    }
}

/// The suppression that the comment at byte `at` of `yaml` is, if it is one.
fn suppression<'y>(yaml: &'y str, at: usize, locator: &Locator<'_>) -> Option<Suppression<'y>> {
    let line_start = yaml[..at].rfind('\n').map_or(0, |nl| nl + 1);
    let line_end = yaml[at..]
        .find(['\n', '\r'])
        .map_or(yaml.len(), |end| at + end);
    let rest = yaml[at + 1..line_end]
        .trim_start_matches([' ', '\t'])
        .strip_prefix(MARK)?;
    let line = locator.span(at, at).start.line;
    // Alone on its line, it is about the next.
    let alone = yaml[line_start..at].trim_matches([' ', '\t']).is_empty();
    let target = if alone { line + 1 } else { line };
    let list = rest
        .trim_start_matches([' ', '\t'])
        .strip_prefix("allow(")
        .and_then(|list| Some((list, list.find(')')?)));
    let mut allowed = Vec::new();
    if let Some((list, close)) = list {
        let mut start = line_end - list.len();
        for name in list[..close].split(',') {
            let blank = name.len() - name.trim_start().len();
            let trimmed = name.trim();
            if !trimmed.is_empty() {
                let at = (start + blank, start + blank + trimmed.len());
                allowed.push(Allowed {
                    name: trimmed,
                    at,
                    span: locator.span(at.0, at.1),
                    used: false,
                });
            }
            start += name.len() + 1;
        }
    }
    let malformed = allowed.is_empty().then(|| locator.span(at, line_end));
    let whole = if alone {
        let next_line = yaml[line_end..]
            .find('\n')
            .map_or(yaml.len(), |nl| line_end + nl + 1);
        (line_start, next_line)
    } else {
        (yaml[..at].trim_end_matches([' ', '\t']).len(), line_end)
    };
    Some(Suppression {
        target,
        allowed,
        malformed,
        whole,
    })
}

/// Why a code named in a suppression on `target` allowed nothing.
fn why_unused(name: &str, target: usize) -> String {
    let code = match name.parse::<Code>() {
        Ok(code) => code,
        Err(unknown) => return unknown.to_string(),
    };
    if code.is_across_records() {
        format!("`{name}` is a check across records: allow it in newsmatter.toml")
    } else if !code.is_adjustable() {
        format!("`{name}` cannot be allowed: the file could not be read as a record")
    } else {
        format!("`allow({name})` suppresses nothing: no `{name}` diagnostic on line {target}")
    }
}

fn unused(span: Span, message: String) -> Diagnostic {
    Diagnostic::new(Code::UnusedSuppression, FieldPath::root(), message).with_span(span)
}
