//! `check` where records are checked: the CI formats (GitHub workflow commands, SARIF 2.1.0
//! validated against the official schema, JUnit XML), `--exit-zero`, `--quiet`, `--color`,
//! standard input, and the commands around it (`rules`, `explain`, `schema`, completions, the
//! man page, the pre-commit hook).

mod support;

use support::*;

const SELF_CITING: &str = "tests/fixtures/corpus/stories/b1-turbines-2026.md";

#[test]
fn github_format_is_one_workflow_command_per_diagnostic() {
    let output = run(&["check", "--format", "github", "tests/fixtures/corpus"]);
    assert_exit(&output, 1);
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert_eq!(
        lines[0],
        "::error file=tests/fixtures/corpus/stories/b1-turbines-2026.md,line=35,col=13,endLine=35,\
         endColumn=53,title=related-self::tests/fixtures/corpus/stories/b1-turbines-2026.md:35:13: \
         related[1].webUrl: the related entry cites the record itself: \
         `https://news.example.org/turbines-2026`"
    );
    assert!(lines[1].starts_with(
        "::warning file=tests/fixtures/corpus/stories/c1-fishermen-worry.md,line=23,col=12,endLine=23,endColumn=46,title=related-copy-mismatch::"
    ));
    assert_eq!(lines[4], "6 files, 5 valid, 1 error, 3 warnings");
    // --quiet: the commands only.
    let quiet = run(&[
        "check",
        "--format",
        "github",
        "--quiet",
        "tests/fixtures/corpus",
    ]);
    assert_eq!(stdout(&quiet), lines[..4].join("\n") + "\n");
}

#[test]
fn github_format_escapes_what_would_end_a_property_or_a_command() {
    let dir = temp_corpus(&[(
        "a,b:c%.md",
        &ARTICLE.replace(
            "  - Reservoirs",
            "  - \"50% off\\r\\n::error::forged\"\n  - \"50% OFF\\r\\n::error::forged\"",
        ),
    )]);
    let output = run(&[
        "check",
        "--format",
        "github",
        "--quiet",
        dir.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("a%2Cb%3Ac%25.md,line=26,col=5,"), "{out}");
    assert!(
        out.contains("/a,b:c%25.md:26:5: topics[2]: the topic `50%25 OFF\\r\\n::error::forged` repeats `topics[1]`\n"),
        "{out}"
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let output = run(&["check", "--format", "sarif", "tests/fixtures/corpus"]);
    assert_exit(&output, 1);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    // The schema's `language` patterns have a lone `]`, which JavaScript reads as itself and
    // a strict regex engine refuses: escaped, they mean what they meant. Nothing else changes.
    assert_eq!(escape_lone_brackets(&mut schema), 2);
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // And it is the schema that says so: a log without its version is refused.
    let mut broken = sarif.clone();
    broken.as_object_mut().unwrap().remove("version");
    assert!(!validator.is_valid(&broken));

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), newsmatter::report::Code::ALL.len());
    let topic = rules.iter().find(|r| r["id"] == "topic-repeated").unwrap();
    assert_eq!(
        topic["shortDescription"]["text"],
        "A topic repeated (ignoring case)."
    );
    assert_eq!(topic["defaultConfiguration"]["level"], "warning");
    assert!(topic["help"]["text"]
        .as_str()
        .unwrap()
        .contains("check --fix removes the repeat"));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(
        results[0],
        serde_json::json!({
            "ruleId": "related-self",
            "ruleIndex": 36,
            "level": "error",
            "message": {"text": "related[1].webUrl: the related entry cites the record itself: `https://news.example.org/turbines-2026`"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": SELF_CITING},
                "region": {"startLine": 35, "startColumn": 13, "endLine": 35, "endColumn": 53}
            }}]
        })
    );
    assert_eq!(rules[36]["id"], "related-self");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

/// Escapes the `]` of the SARIF schema's language patterns; gives how many it changed.
fn escape_lone_brackets(value: &mut serde_json::Value) -> usize {
    const WRITTEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        serde_json::Value::String(text) if text == WRITTEN => {
            *text = WRITTEN.replace("]?$", "\\]?$");
            1
        }
        serde_json::Value::Array(items) => items.iter_mut().map(escape_lone_brackets).sum(),
        serde_json::Value::Object(map) => map.values_mut().map(escape_lone_brackets).sum(),
        _ => 0,
    }
}

#[test]
fn junit_is_a_suite_per_file_and_a_case_per_diagnostic() {
    let dir = temp_corpus(&[
        ("ok.md", include_str!("../../tests/fixtures/valid/video.md")),
        (
            "<bad>.md",
            &ARTICLE.replace(
                "  - Reservoirs",
                "  - \"Solar power & \\\"co\\\"\"\n  - solar power & \"co\"",
            ),
        ),
    ]);
    let output = run_in(&dir, &["check", "--format", "junit", "."]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="newsmatter check" tests="2" failures="1" errors="0">
  <testsuite name="./&lt;bad&gt;.md" tests="1" failures="1" errors="0">
    <testcase name="topic-repeated at 26:5" classname="./&lt;bad&gt;.md">
      <failure type="warning" message="topics[2]: the topic `solar power &amp; &quot;co&quot;` repeats `topics[1]`">./&lt;bad&gt;.md:26:5: topics[2]: the topic `solar power &amp; &quot;co&quot;` repeats `topics[1]`</failure>
    </testcase>
  </testsuite>
  <testsuite name="./ok.md" tests="1" failures="0" errors="0">
    <testcase name="valid" classname="./ok.md"/>
  </testsuite>
</testsuites>
"#
    );
}

#[test]
fn exit_zero_reports_without_failing_but_not_past_an_unreadable_file() {
    let output = run(&["check", "--exit-zero", SELF_CITING]);
    assert_exit(&output, 0);
    assert!(stdout(&output).ends_with("1 file, 0 valid, 1 error, 0 warnings\n"));
    for format in ["human", "json", "github", "sarif", "junit"] {
        assert_exit(&run(&["check", "--format", format, SELF_CITING]), 1);
        assert_exit(
            &run(&["check", "--format", format, "--exit-zero", SELF_CITING]),
            0,
        );
        assert_exit(
            &run(&["check", "--format", format, "--exit-zero", "no/such.md"]),
            2,
        );
    }
}

#[test]
fn quiet_prints_only_problems() {
    let output = run(&["check", "--quiet", "tests/fixtures/valid"]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "");
    let output = run(&["check", "--quiet", "--format", "json", SELF_CITING]);
    assert_eq!(stdout(&output).lines().count(), 1);
    assert!(!stdout(&output).contains("summary"));
    // fmt and export say nothing of what went well.
    let dir = temp_corpus(&[("a.md", &ARTICLE.replacen("title: ", "title:   ", 1))]);
    let path = dir.to_str().unwrap();
    let output = run(&["fmt", "--quiet", path]);
    assert_exit(&output, 0);
    assert_eq!(
        (stdout(&output), stderr(&output)),
        (String::new(), String::new())
    );
    assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), ARTICLE);
    let tables = dir.join("tables");
    let output = run(&[
        "export",
        "--quiet",
        "--format",
        "ndjson",
        "--to",
        tables.to_str().unwrap(),
        path,
    ]);
    assert_exit(&output, 0);
    assert_eq!(
        (stdout(&output), stderr(&output)),
        (String::new(), String::new())
    );
    assert!(tables.join("export.json").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn color_is_asked_for_or_not() {
    let plain = run(&["check", SELF_CITING]);
    assert!(!stdout(&plain).contains('\u{1b}'));
    // NO_COLOR is set by `run`: `always` overrides it, as a command-line choice should.
    let always = run(&["check", "--color", "always", SELF_CITING]);
    assert!(stdout(&always).contains("\u{1b}["), "{}", stdout(&always));
    let never = run(&["check", "--color", "never", SELF_CITING]);
    assert_eq!(stdout(&never), stdout(&plain));
    // Not a terminal: `auto` is plain.
    let auto = run(&["check", "--color", "auto", SELF_CITING]);
    assert_eq!(stdout(&auto), stdout(&plain));
}

#[test]
fn a_record_on_standard_input() {
    let broken = ARTICLE.replace("  - Reservoirs", "  - solar power");
    let output = run_with_stdin(&["check", "--format", "json", "-"], &broken);
    assert_exit(&output, 0);
    let lines = json_lines(&output);
    assert_eq!(lines[0]["file"], "<stdin>");
    assert_eq!(lines[0]["code"], "topic-repeated");
    assert_eq!(lines[0]["line"], 25);
    assert_eq!(
        lines[1],
        serde_json::json!({"summary": {"files": 1, "valid": 1, "errors": 0, "warnings": 1}})
    );
    let output = run_with_stdin(&["check", "-", "--stdin-filename", "news/a.md"], &broken);
    assert!(
        stdout(&output).contains("  --> news/a.md:25:5\n   |\n25 |   - solar power\n"),
        "{}",
        stdout(&output)
    );
    // The payload stays hidden in the source lines of standard input too.
    let output = run_with_stdin(
        &["check", "-"],
        &ARTICLE.replace("secured: \"", "secured: \"x"),
    );
    assert_exit(&output, 1);
    assert!(!stdout(&output).contains(PAYLOAD.split(';').next().unwrap()));
    // Misuse.
    let output = run_with_stdin(&["check", "-", "tests/fixtures/valid"], "");
    assert_exit(&output, 2);
    assert_eq!(
        stderr(&output),
        "error: `-` reads one record from standard input: give no other path with it\n"
    );
    let output = run(&["check", "--stdin-filename", "a.md", "tests/fixtures/valid"]);
    assert_exit(&output, 2);
    let output = run_with_stdin(&["check", "--fix", "-"], "");
    assert_exit(&output, 2);
}

#[test]
fn rules_lists_every_code_and_explain_explains_one() {
    let output = run(&["rules"]);
    assert_exit(&output, 0);
    let out = stdout(&output);
    assert_eq!(out.lines().count(), newsmatter::report::Code::ALL.len());
    assert!(out.starts_with("io                         error The file could not be read.\n"));
    assert!(out.contains("\ntopic-repeated             warn  A topic repeated (ignoring case).\n"));
    assert!(out.contains(
        "\nrelated-self               deny  A related entry citing the record itself.\n"
    ));
    let json = run(&["rules", "--format", "json"]);
    assert_eq!(
        json_lines(&json)[0],
        serde_json::json!({"code": "io", "level": "error", "configurable": false, "description": "The file could not be read."})
    );

    let output = run(&["explain", "topic-repeated"]);
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        format!(
            "topic-repeated (warning): A topic repeated (ignoring case).\n\n{}",
            newsmatter::report::Code::TopicRepeated.explanation()
        )
    );
    let output = run(&["explain", "topic-repeatd"]);
    assert_exit(&output, 2);
    assert_eq!(
        stderr(&output),
        "error: `topic-repeatd` is not a code: did you mean `topic-repeated`?\n"
    );
}

#[test]
fn schema_prints_the_library_schema() {
    let output = run(&["schema"]);
    assert_exit(&output, 0);
    let printed: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        printed,
        serde_json::to_value(newsmatter::read::json_schema()).unwrap()
    );
}

#[test]
fn completions_and_the_man_page() {
    for (shell, marker) in [
        ("bash", "_newsmatter()"),
        ("zsh", "#compdef newsmatter"),
        ("fish", "complete -c newsmatter"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = run(&["completions", shell]);
        assert_exit(&output, 0);
        let out = stdout(&output);
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("stdin-filename"), "{shell}");
    }
    let output = run(&["man"]);
    assert_exit(&output, 0);
    let out = stdout(&output);
    assert!(out.contains(".TH newsmatter 1"), "{out}");
    assert!(out.contains("newsmatter\\-check(1)"), "{out}");
}

#[test]
fn the_help_lists_every_command() {
    let output = run(&["--help"]);
    assert_exit(&output, 0);
    let out = stdout(&output);
    for command in [
        "check",
        "graph",
        "stats",
        "fmt",
        "export",
        "rules",
        "explain",
        "schema",
        "completions",
        "man",
    ] {
        assert!(
            out.lines()
                .any(|line| line.trim_start().starts_with(&format!("{command} "))),
            "{command}: {out}"
        );
    }
    let check = stdout(&run(&["check", "--help"]));
    for option in [
        "--format",
        "--exit-zero",
        "--fix",
        "--diff",
        "--unsafe-fixes",
        "--stdin-filename",
        "--quiet",
        "--color",
        "--config",
        "--no-ignore",
    ] {
        assert!(check.contains(option), "{option}");
    }
}

/// `.pre-commit-hooks.yaml`: its hook's entry runs as pre-commit runs it (the files to
/// check appended), and its file pattern is the record endings.
#[test]
fn the_pre_commit_hook_runs() {
    let hooks = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../.pre-commit-hooks.yaml"
    ))
    .unwrap();
    let value = |key: &str| -> String {
        hooks
            .lines()
            .find_map(|line| {
                line.trim_start_matches(['-', ' '])
                    .strip_prefix(&format!("{key}: "))
            })
            .unwrap_or_else(|| panic!("no {key}"))
            .trim()
            .to_owned()
    };
    assert_eq!(value("id"), "newsmatter-check");
    assert_eq!(value("files"), r"\.(md|markdown)$");
    assert_eq!(value("language"), "system");
    let entry = value("entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("newsmatter"));
    let mut args: Vec<&str> = words.collect();
    args.extend(["tests/fixtures/valid/article.md", SELF_CITING]);
    let output = run(&args);
    assert_exit(&output, 1);
    let out = stdout(&output);
    assert!(
        out.starts_with("error[related-self]: related[1].webUrl: "),
        "{out}"
    );
    assert!(!out.contains("files"), "{out}");
}

#[test]
fn show_fixes_prints_each_fix_and_whether_fix_applies_it() {
    let output = run(&[
        "check",
        "--show-fixes",
        "examples/corpus/2024-06-13-park-benches-restored.md",
    ]);
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        "warning[topic-repeated]: topics[1]: the topic `town life` repeats `topics[0]`\n  --> examples/corpus/2024-06-13-park-benches-restored.md:25:5\n   |\n25 |   - town life\n   |     ^^^^^^^^^\n   |\n   = help: drop the repeated topic (`--fix` applies it)\n\n1 file, 1 valid, 0 errors, 1 warning\n"
    );
    let output = run(&["check", "--show-fixes", "--format", "json", SELF_CITING]);
    let lines = json_lines(&output);
    assert_eq!(
        lines[0]["fix"],
        serde_json::json!({
            "message": "drop the related entry",
            "replacement": "",
            "span": {"line": 32, "column": 1, "endLine": 41, "endColumn": 1, "start": 928, "end": 1246},
            "safe": false
        })
    );
    // Without the option, no fix is shown.
    let output = run(&["check", "--format", "json", SELF_CITING]);
    assert!(json_lines(&output)[0].get("fix").is_none());
}
