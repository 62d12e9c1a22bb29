//! `newsmatter.toml`, inline suppression and `check --fix`, through the binary, in corpora
//! written to temporary folders.

mod support;

use std::path::Path;

use support::*;

/// The reference record with a repeated topic (line 25).
fn repeated() -> String {
    ARTICLE.replace("  - Reservoirs", "  - solar power")
}

/// The video fixture: valid, and another article than [`ARTICLE`].
const VIDEO: &str = include_str!("../../tests/fixtures/valid/video.md");

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `(file, severity, code)` of each diagnostic of a JSON check, and the summary.
fn found(output: &std::process::Output) -> (Vec<(String, String, String)>, serde_json::Value) {
    let mut lines = json_lines(output);
    let summary = lines.pop().unwrap()["summary"].clone();
    let found = lines
        .iter()
        .map(|l| {
            (
                l["file"].as_str().unwrap().to_owned(),
                l["severity"].as_str().unwrap().to_owned(),
                l["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (found, summary)
}

fn triple(file: &str, severity: &str, code: &str) -> (String, String, String) {
    (file.to_owned(), severity.to_owned(), code.to_owned())
}

#[test]
fn rule_levels_and_overrides_set_what_is_reported() {
    let dir = temp_corpus(&[]);
    write(&dir, "news/a.md", &repeated());
    write(
        &dir,
        "archive/b.md",
        &repeated().replace("harbor-city-floating-solar", "old-story"),
    );
    write(
        &dir,
        "newsmatter.toml",
        "[rules]\ntopic-repeated = \"deny\"\n\n[[overrides]]\npaths = [\"archive/**\"]\nrules = { topic-repeated = \"allow\" }\n",
    );
    let output = run_in(&dir, &["check", "--format", "json", "."]);
    assert_exit(&output, 1);
    let (diagnostics, summary) = found(&output);
    assert_eq!(
        diagnostics,
        [triple("./news/a.md", "error", "topic-repeated")]
    );
    assert_eq!(
        summary,
        serde_json::json!({"files": 2, "valid": 1, "errors": 1, "warnings": 0})
    );
    // From a folder below, the same file is found upward; --no-config reads none.
    let output = run_in(&dir.join("news"), &["check", "--format", "json", "a.md"]);
    assert_eq!(
        found(&output).0,
        [triple("a.md", "error", "topic-repeated")]
    );
    let output = run_in(&dir, &["check", "--no-config", "--format", "json", "news"]);
    assert_eq!(
        found(&output).0,
        [triple("news/a.md", "warning", "topic-repeated")]
    );
    // "warn" makes an error a warning, and --deny-warnings still makes it an error.
    write(&dir, "other.toml", "[rules]\nrelated-self = \"warn\"\n");
    let self_citing = repeated().replace(
        "https://energy.example.net/2023/06/floating-panels-lessons/\"",
        "https://www.example.com/energy/harbor-city-floating-solar\"",
    );
    write(&dir, "c.md", &self_citing);
    let output = run_in(
        &dir,
        &[
            "check",
            "--config",
            "other.toml",
            "--format",
            "json",
            "c.md",
        ],
    );
    assert_exit(&output, 0);
    let (diagnostics, _) = found(&output);
    assert!(
        diagnostics.contains(&triple("c.md", "warning", "related-self")),
        "{diagnostics:?}"
    );
    let output = run_in(
        &dir,
        &[
            "check",
            "--config",
            "other.toml",
            "--deny-warnings",
            "--format",
            "json",
            "c.md",
        ],
    );
    assert_exit(&output, 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_configuration_that_cannot_be_read_is_an_error_with_its_line() {
    let dir = temp_corpus(&[("a.md", ARTICLE)]);
    let cases = [
        (
            "lenient = true\nrulez = 1\n",
            "error: ./newsmatter.toml: TOML parse error at line 2, column 1\n  |\n2 | rulez = 1\n  | ^^^^^\nunknown field `rulez`, expected one of `lenient`, `reference-time`, `include`, `exclude`, `respect-gitignore`, `rules`, `overrides`\n",
        ),
        (
            "[rules]\ntopic-repeatd = \"allow\"\n",
            "error: ./newsmatter.toml: line 2: `topic-repeatd` is not a code: did you mean `topic-repeated`?\n",
        ),
        (
            "[rules]\n\nyaml-syntax = \"allow\"\n",
            "error: ./newsmatter.toml: line 3: `yaml-syntax` cannot be configured: it says the file could not be read as a record\n",
        ),
        (
            "exclude = [\"[\"]\n",
            "error: ./newsmatter.toml: line 1: error parsing glob '[': unclosed character class; missing ']'\n",
        ),
    ];
    for (config, expected) in cases {
        write(&dir, "newsmatter.toml", config);
        let output = run_in(&dir, &["check", "--config", "./newsmatter.toml", "a.md"]);
        assert_exit(&output, 2);
        assert_eq!(stdout(&output), "");
        assert_eq!(stderr(&output), expected);
    }
    let output = run_in(&dir, &["check", "--config", "missing.toml", "a.md"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).starts_with("error: missing.toml: cannot read it: "));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn include_exclude_and_gitignore_choose_the_files_a_walk_takes() {
    let dir = temp_corpus(&[]);
    write(&dir, "news/a.md", ARTICLE);
    write(&dir, "news/drafts/b.md", VIDEO);
    write(&dir, "notes/c.md", VIDEO);
    write(&dir, "ignored/d.md", VIDEO);
    write(&dir, ".gitignore", "ignored/\n");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    // How many files a check took, from its summary.
    let count = |args: &[&str]| -> u64 {
        let output = run_in(&dir, &[&["check", "--format", "json"][..], args].concat());
        json_lines(&output).last().unwrap()["summary"]["files"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count(&["."]), 3, ".gitignore leaves ignored/ out");
    assert_eq!(count(&["--no-ignore", "."]), 4);
    // A deeper .gitignore has the last word: it takes back what the root's leaves out.
    write(&dir, "notes/.gitignore", "c.md\n");
    assert_eq!(count(&["."]), 2);
    write(&dir, ".gitignore", "ignored/\n*.md\n");
    write(&dir, "news/.gitignore", "!a.md\n");
    assert_eq!(count(&["."]), 1);
    write(&dir, ".gitignore", "ignored/\n");
    std::fs::remove_file(dir.join("news/.gitignore")).unwrap();
    std::fs::remove_file(dir.join("notes/.gitignore")).unwrap();
    // Outside a git repository, .gitignore files say nothing, as for git.
    std::fs::remove_dir(dir.join(".git")).unwrap();
    assert_eq!(count(&["."]), 4);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    write(
        &dir,
        "newsmatter.toml",
        "include = [\"news/**\"]\nexclude = [\"news/drafts/**\"]\n",
    );
    assert_eq!(count(&["."]), 1);
    // A file named is taken whatever the patterns say.
    assert_eq!(count(&["notes/c.md"]), 1);
    write(&dir, "newsmatter.toml", "respect-gitignore = false\n");
    assert_eq!(count(&["."]), 4);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn reference_time_and_lenient_from_the_configuration() {
    let dir = temp_corpus(&[(
        "a.md",
        &ARTICLE.replacen("type: article\n", "type: article\nlanguage: en\n", 1),
    )]);
    let output = run_in(&dir, &["check", "--format", "json", "a.md"]);
    assert_eq!(found(&output).0, [triple("a.md", "error", "unknown-key")]);
    write(
        &dir,
        "newsmatter.toml",
        "lenient = true\nreference-time = \"2020-01-01T00:00:00Z\"\n",
    );
    let output = run_in(&dir, &["check", "--format", "json", "a.md"]);
    assert_exit(&output, 0);
    let (diagnostics, _) = found(&output);
    assert!(diagnostics.contains(&triple("a.md", "warning", "unknown-key")));
    // The record's date and its two related entries' are after 2020.
    let future = diagnostics
        .iter()
        .filter(|d| d.2 == "date-in-future")
        .count();
    assert_eq!(future, 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_inline_comment_suppresses_and_an_unused_one_is_reported() {
    let text = ARTICLE.replace(
        "  - Reservoirs",
        "  # newsmatter: allow(topic-repeated)\n  - solar power\n  - reservoirs # newsmatter: allow(html-entity)",
    );
    let dir = temp_corpus(&[("a.md", &text)]);
    let output = run_in(&dir, &["check", "a.md"]);
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        "warning[unused-suppression]: `allow(html-entity)` suppresses nothing: no `html-entity` diagnostic on line 27\n  --> a.md:27:36\n   |\n27 |   - reservoirs # newsmatter: allow(html-entity)\n   |                                    ^^^^^^^^^^^\n\n1 file, 1 valid, 0 errors, 1 warning\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A record with one problem of each kind a safe fix mends, and a related entry citing the
/// record itself (an unsafe fix).
fn broken() -> String {
    ARTICLE
        .replacen("title: ", "titel: ", 1)
        .replace("  - Reservoirs", "  - Reservoirs\n  - solar power")
        .replace(
            "The 12-megawatt array",
            "The 12&#8209;megawatt array â€“ afloat",
        )
        .replace("c/s/www.example.com", "c/s/www.example.org")
        .replace(
            "https://energy.example.net/2023/06/floating-panels-lessons/\"",
            "https://www.example.com/energy/harbor-city-floating-solar\"",
        )
}

#[test]
fn fix_mends_the_safe_problems_and_check_then_reports_none_of_them() {
    let dir = temp_corpus(&[("a.md", &broken())]);
    let before = run_in(&dir, &["check", "--format", "json", "a.md"]);
    let codes = |output: &std::process::Output| -> Vec<String> {
        found(output)
            .0
            .into_iter()
            .map(|(_, _, code)| code)
            .collect()
    };
    assert_eq!(
        codes(&before),
        [
            "unknown-key",
            "html-entity",
            "mojibake",
            "amp-cache-mismatch",
            "topic-repeated",
            "provider-host-mismatch",
            "related-self"
        ]
    );
    let output = run_in(&dir, &["check", "--fix", "--format", "json", "a.md"]);
    assert_exit(&output, 1);
    assert_eq!(stderr(&output), "fixed 5 problems in a.md\n");
    assert_eq!(codes(&output), ["provider-host-mismatch", "related-self"]);
    let fixed = std::fs::read_to_string(dir.join("a.md")).unwrap();
    let expected = ARTICLE
        .replace(
            "The 12-megawatt array",
            "The 12\u{2011}megawatt array – afloat",
        )
        .replace(
            "https://energy.example.net/2023/06/floating-panels-lessons/\"",
            "https://www.example.com/energy/harbor-city-floating-solar\"",
        );
    assert_eq!(fixed, expected);
    // The unsafe fix only when asked for: the entry goes, and with it both diagnostics.
    let output = run_in(&dir, &["check", "--fix", "--unsafe-fixes", "a.md"]);
    assert_exit(&output, 0);
    assert_eq!(stderr(&output), "fixed 1 problem in a.md\n");
    assert!(stdout(&output).ends_with("1 file, 1 valid, 0 errors, 0 warnings\n"));
    let fixed = std::fs::read_to_string(dir.join("a.md")).unwrap();
    assert!(!fixed.contains("floating-panels-lessons"));
    assert!(
        fixed.contains("related:\n  - title: \"Inside the floating solar farm"),
        "{fixed}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let text = ARTICLE.replace("  - Reservoirs", "  - Reservoirs\n  - solar power");
    let dir = temp_corpus(&[("a.md", &text)]);
    let output = run_in(&dir, &["check", "--diff", "a.md"]);
    assert_exit(&output, 1);
    assert_eq!(
        stdout(&output),
        "--- a.md\n+++ a.md\n@@ -23,7 +23,6 @@\n topics:\n   - Solar Power\n   - Reservoirs\n-  - solar power\n \n images:\n   - url: \"https://www.example.com/img/floating-solar.jpg\"\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), text);
    let output = run_in(
        &dir,
        &[
            "check",
            "--diff",
            "--no-config",
            "--config",
            "x.toml",
            "a.md",
        ],
    );
    assert_exit(&output, 2);
    // An allowed code is not fixed either.
    write(
        &dir,
        "newsmatter.toml",
        "[rules]\ntopic-repeated = \"allow\"\n",
    );
    let output = run_in(&dir, &["check", "--diff", "a.md"]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_fix_that_would_break_the_file_is_not_applied() {
    // Renaming `titel` would make `title` twice: the rename is left, the file untouched.
    let text = ARTICLE.replacen("title: ", "titel: x\ntitle: ", 1);
    let dir = temp_corpus(&[("a.md", &text)]);
    let output = run_in(&dir, &["check", "--fix", "--quiet", "a.md"]);
    assert_exit(&output, 1);
    assert_eq!(stderr(&output), "");
    assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), text);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stats_speaks_of_one_in_the_singular_and_names_an_empty_category() {
    let dir = temp_corpus(&[(
        "a.md",
        &ARTICLE
            .replace("category: news", "category: \"\"")
            .replace("  - Reservoirs", "  - solar power\n  - SOLAR POWER"),
    )]);
    let output = run_in(&dir, &["stats", "a.md"]);
    let out = stdout(&output);
    assert!(out.starts_with("files:            1 (1 record)\n"), "{out}");
    assert!(out.contains("\nby category:      (empty) 1\n"), "{out}");
    assert!(out.contains("\ntop topics:       Solar Power 3\n"), "{out}");
    assert!(out.contains("\nwith related:     1 (2 entries)\n"), "{out}");
    assert!(
        out.ends_with("\n     3 articles: Harbor city opens a floating solar farm\n"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fix_keeps_a_byte_order_mark_and_crlf_line_ends() {
    let broken = ARTICLE
        .replace("  - Reservoirs", "  - Reservoirs\n  - solar power")
        .replace("The 12-megawatt array", "The 12&#8209;megawatt array")
        .replacen("title: ", "titel: ", 1);
    let dir = temp_corpus(&[("a.md", &format!("\u{feff}{}", broken.replace('\n', "\r\n")))]);
    let output = run_in(&dir, &["check", "--fix", "a.md"]);
    assert_exit(&output, 0);
    assert_eq!(stderr(&output), "fixed 3 problems in a.md\n");
    let fixed = ARTICLE.replace("The 12-megawatt array", "The 12\u{2011}megawatt array");
    assert_eq!(
        std::fs::read_to_string(dir.join("a.md")).unwrap(),
        format!("\u{feff}{}", fixed.replace('\n', "\r\n"))
    );
    // Fixed, it has nothing left to fix.
    let output = run_in(&dir, &["check", "--diff", "a.md"]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "");
    std::fs::remove_dir_all(&dir).unwrap();
}
