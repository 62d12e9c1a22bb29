//! `check`'s formats for CI: GitHub workflow commands, SARIF 2.1.0 and JUnit XML. Each is
//! written from the files checked and their diagnostics, nothing else; text from records and
//! file names is escaped as each format requires.

use std::io::Write;
use std::path::Path;

use newsmatter::corpus::Totals;
use newsmatter::report::{Code, Diagnostic, Severity};
use serde_json::json;

use crate::terminal;

/// One file checked: its path and its diagnostics, at the levels configured.
pub struct Checked<'a> {
    pub path: &'a Path,
    pub diagnostics: Vec<Diagnostic>,
}

/// `path:line:col: ` (as far as the diagnostic has a position) and the diagnostic's text.
fn located(path: &Path, d: &Diagnostic) -> String {
    let mut at = path.display().to_string();
    if let Some(line) = d.line() {
        at.push_str(&format!(":{line}"));
        if let Some(column) = d.column() {
            at.push_str(&format!(":{column}"));
        }
    }
    format!("{at}: {d}")
}

/// A GitHub Actions workflow command per diagnostic (`::error file=…::…`), which the log
/// shows as an annotation on the file's line; the message repeats `path:line:col`, which the
/// log view hides.
pub fn github(out: &mut impl Write, files: &[Checked<'_>]) -> std::io::Result<()> {
    for file in files {
        for d in &file.diagnostics {
            let command = match d.severity() {
                Severity::Warning => "warning",
                _ => "error",
            };
            let mut properties = vec![format!(
                "file={}",
                property(&file.path.display().to_string())
            )];
            let place = [
                ("line", d.line()),
                ("col", d.column()),
                ("endLine", d.end_line()),
                ("endColumn", d.end_column()),
            ];
            properties.extend(
                place
                    .into_iter()
                    .filter_map(|(name, value)| Some(format!("{name}={}", value?))),
            );
            properties.push(format!("title={}", property(d.code().as_str())));
            writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                data(&located(file.path, d))
            )?;
        }
    }
    Ok(())
}

/// A workflow command's message: every character that could forge a line or move a
/// terminal's cursor (CR and LF among them) escaped as [`terminal::escape`] does (a log is
/// read on terminals too), then `%` as the runner requires.
fn data(text: &str) -> String {
    terminal::escape(text).replace('%', "%25")
}

/// A workflow command's property: as [`data`], and `:` and `,` too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The SARIF 2.1.0 log of a check: one run, every code as a rule (its description, its
/// explanation as help, its default level), and a result per diagnostic with its physical
/// location and region (columns counted in Unicode code points, as newsmatter counts them).
pub fn sarif(files: &[Checked<'_>]) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": code.as_str(),
                "shortDescription": {"text": code.description()},
                "fullDescription": {"text": code.description()},
                "help": {"text": code.explanation()},
                "defaultConfiguration": {"level": level(code.severity())},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = files
        .iter()
        .flat_map(|file| file.diagnostics.iter().map(move |d| (file.path, d)))
        .map(|(path, d)| {
            let mut region = serde_json::Map::new();
            let place = [
                ("startLine", d.line()),
                ("startColumn", d.column()),
                ("endLine", d.end_line()),
                ("endColumn", d.end_column()),
            ];
            for (name, value) in place {
                if let Some(value) = value {
                    region.insert(name.to_owned(), json!(value));
                }
            }
            let mut physical = json!({"artifactLocation": {"uri": uri(path)}});
            if !region.is_empty() {
                physical["region"] = serde_json::Value::Object(region);
            }
            let index = Code::ALL
                .iter()
                .position(|code| *code == d.code())
                .unwrap_or(0);
            let text = if d.path().is_root() {
                d.message().to_owned()
            } else {
                format!("{}: {}", d.path(), d.message())
            };
            json!({
                "ruleId": d.code().as_str(),
                "ruleIndex": index,
                "level": level(d.severity()),
                "message": {"text": text},
                "locations": [{"physicalLocation": physical}],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "newsmatter",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.rs/newsmatter",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// SARIF's name of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Warning => "warning",
        _ => "error",
    }
}

/// A path as a relative URI reference: `/` between its parts, each byte outside the
/// unreserved characters percent-encoded.
fn uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split(std::path::MAIN_SEPARATOR).enumerate() {
        if i > 0 {
            out.push('/');
        }
        for byte in part.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// JUnit XML: a test suite per file, a test case per diagnostic (failing, its type the
/// severity), and one passing case for a file without any.
pub fn junit(out: &mut impl Write, files: &[Checked<'_>], totals: &Totals) -> std::io::Result<()> {
    let problems = totals.errors + totals.warnings;
    let cases: usize = files.iter().map(|file| file.diagnostics.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="newsmatter check" tests="{cases}" failures="{problems}" errors="0">"#
    )?;
    for file in files {
        let name = xml(&file.path.display().to_string());
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{}" errors="0">"#,
            file.diagnostics.len().max(1),
            file.diagnostics.len()
        )?;
        if file.diagnostics.is_empty() {
            writeln!(out, r#"    <testcase name="valid" classname="{name}"/>"#)?;
        }
        for d in &file.diagnostics {
            let at = match (d.line(), d.column()) {
                (Some(line), Some(column)) => format!(" at {line}:{column}"),
                _ => String::new(),
            };
            writeln!(
                out,
                r#"    <testcase name="{}{at}" classname="{name}">"#,
                xml(d.code().as_str())
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                level(d.severity()),
                xml(&d.to_string()),
                xml(&located(file.path, d))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Text for XML 1.0: the five markup characters as entities, and every character XML
/// cannot hold (and every other control) as [`terminal::escape`] writes it.
fn xml(text: &str) -> String {
    let safe = terminal::escape(text);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_each_format_requires() {
        assert_eq!(
            data("50% done\r\nnext\u{1b}[31m"),
            "50%25 done\\r\\nnext\\u{1b}[31m"
        );
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(uri(Path::new("news/a b/é.md")), "news/a%20b/%C3%A9.md");
        assert_eq!(
            xml("<a href='x'>&\u{1b}\t"),
            "&lt;a href=&apos;x&apos;&gt;&amp;\\u{1b}&#9;"
        );
    }
}
