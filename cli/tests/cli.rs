//! The `newsmatter` binary, run as a user runs it, from the repository's root (where the
//! README runs it) so that paths read as they do there.

#[path = "../../tests/util/shared.rs"]
mod shared;
mod support;

use std::process::Output;

use support::*;

#[test]
fn check_human_output_points_into_the_file() {
    let output = run(&["check", "tests/fixtures/corpus"]);
    assert_exit(&output, 1);
    let out = stdout(&output);
    assert!(out.contains(
        "error[related-self]: related[1].webUrl: the related entry cites the record itself: `https://news.example.org/turbines-2026`\n  --> tests/fixtures/corpus/stories/b1-turbines-2026.md:35:13\n   |\n35 |     webUrl: \"https://news.example.org/turbines-2026\"\n   |             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    ), "{out}");
    assert!(out.contains("warning[duplicate-article]: originalUrl: the same article as `tests/fixtures/corpus/stories/d1-library-reopens.md`"), "{out}");
    assert!(
        out.ends_with("\n6 files, 5 valid, 1 error, 3 warnings\n"),
        "{out}"
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn check_json_has_exactly_the_keys_and_a_summary() {
    let output = run(&["check", "--format", "json", "tests/fixtures/corpus"]);
    assert_exit(&output, 1);
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 5);
    for line in &lines[..4] {
        let keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "file",
                "severity",
                "code",
                "path",
                "line",
                "column",
                "endLine",
                "endColumn",
                "message"
            ]
        );
    }
    assert_eq!(
        lines[0],
        serde_json::json!({
            "file": "tests/fixtures/corpus/stories/b1-turbines-2026.md",
            "severity": "error",
            "code": "related-self",
            "path": "related[1].webUrl",
            "line": 35,
            "column": 13,
            "endLine": 35,
            "endColumn": 53,
            "message": "the related entry cites the record itself: `https://news.example.org/turbines-2026`"
        })
    );
    assert_eq!(
        lines[4],
        serde_json::json!({"summary": {"files": 6, "valid": 5, "errors": 1, "warnings": 3}})
    );
}

#[test]
fn check_exit_statuses() {
    assert_exit(&run(&["check", "examples/corpus"]), 0);
    assert_exit(&run(&["check", "--deny-warnings", "examples/corpus"]), 1);
    assert_exit(&run(&["check", "tests/fixtures/valid"]), 0);
    assert_exit(
        &run(&["check", "--no-such-flag", "tests/fixtures/valid"]),
        2,
    );
    assert_exit(&run(&["check"]), 2);
    // A path that cannot be read is reported, and the rest still checked.
    let output = run(&[
        "check",
        "--format",
        "json",
        "no/such/dir",
        "tests/fixtures/valid",
    ]);
    assert_exit(&output, 2);
    let lines = json_lines(&output);
    assert_eq!(lines[0]["file"], "no/such/dir");
    assert_eq!(lines[0]["code"], "io");
    assert_eq!(lines[0]["line"], serde_json::Value::Null);
    assert_eq!(
        lines[1],
        serde_json::json!({"summary": {"files": 3, "valid": 2, "errors": 1, "warnings": 0}})
    );
}

#[test]
fn check_reports_a_directory_with_an_unreadable_file() {
    let dir = temp_corpus(&[("good.md", ARTICLE)]);
    // A link to nowhere, followed because asked to: the file it names cannot be read.
    std::os::unix::fs::symlink(dir.join("missing-target.md"), dir.join("broken.md")).unwrap();
    let output = run(&[
        "check",
        "--follow",
        "--format",
        "json",
        dir.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_exit(&output, 2);
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0]["file"].as_str().unwrap().ends_with("broken.md"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[0]["code"], "io");
    assert_eq!(lines[1]["summary"]["valid"], 1);
}

#[test]
fn check_lenient_and_ext() {
    let dir = temp_corpus(&[(
        "a.news",
        &ARTICLE.replacen("type: article\n", "type: article\nlanguage: en\n", 1),
    )]);
    let path = dir.to_str().unwrap();
    let output = run(&["check", "--format", "json", "--ext", "news", path]);
    assert_exit(&output, 1);
    assert_eq!(json_lines(&output)[0]["code"], "unknown-key");
    let output = run(&[
        "check",
        "--format",
        "json",
        "--ext",
        "news",
        "--lenient",
        path,
    ]);
    assert_exit(&output, 0);
    assert_eq!(json_lines(&output)[0]["severity"], "warning");
    // Walking takes record endings only; a file named explicitly is read whatever its ending.
    let output = run(&["check", path]);
    assert_exit(&output, 2);
    assert_eq!(stdout(&output), "");
    let message = format!(
        "no record files in `{path}`: looked for files ending in `.md`, `.markdown` \
         (choose others with --ext)"
    );
    assert_eq!(stderr(&output), format!("error: {message}\n"));
    // With --format json, said as JSON on stdout, with a summary of nothing.
    let output = run(&["check", "--format", "json", path]);
    assert_exit(&output, 2);
    assert_eq!(stderr(&output), "");
    assert_eq!(
        json_lines(&output),
        [serde_json::json!({
            "error": message,
            "summary": {"files": 0, "valid": 0, "errors": 0, "warnings": 0}
        })]
    );
    let file = format!("{path}/a.news");
    let output = run(&["check", "--format", "json", "--lenient", &file]);
    assert_exit(&output, 0);
    assert_eq!(json_lines(&output)[0]["file"], file.as_str());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn finding_no_record_is_a_usage_error_for_every_command() {
    let empty = temp_corpus(&[("notes.txt", "not a record\n")]);
    let path = empty.to_str().unwrap();
    let tables = empty.join("tables");
    let to = format!("--to={}", tables.display());
    for command in ["check", "graph", "stats", "fmt", "export"] {
        let output = if command == "export" {
            run(&[command, &to, path])
        } else {
            run(&[command, path])
        };
        assert_exit(&output, 2);
        assert_eq!(stdout(&output), "", "{command}");
        assert!(
            stderr(&output).starts_with(&format!("error: no record files in `{path}`")),
            "{command}: {}",
            stderr(&output)
        );
    }
    assert!(!tables.exists());
    let output = run(&["check", "--ext", "news,txt", path]);
    assert_exit(&output, 1);
    std::fs::remove_dir_all(&empty).unwrap();
}

#[test]
fn graph_and_stats_say_what_they_left_out() {
    let dir = temp_corpus(&[
        ("good.md", ARTICLE),
        (
            "bad.md",
            &ARTICLE.replacen("quality: 61", "quality: \"61\"", 1),
        ),
    ]);
    let path = dir.to_str().unwrap();
    for command in ["graph", "stats"] {
        let output = run(&[command, path]);
        assert_exit(&output, 1);
        assert_eq!(
            stderr(&output),
            format!(
                "warning: left out {path}/bad.md:11:10: quality: invalid type: string \"61\", \
                 expected an integer from 0 to 4294967295 [invalid-type]\n\
                 warning: 1 file of 2 left out: they do not parse (`newsmatter check` shows every \
                 problem)\n"
            ),
            "{command}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The general reader alone says exactly what the default (fast first) says, diagnostics,
/// ranges and exit code included, but for files that do not parse: there it stops at the
/// first error, which is the default's first, and says so in a note; the fast reader reads
/// on, and reports what the rules say of the rest too. On the examples and, where it is
/// there, the real sample.
#[test]
fn check_with_the_general_reader_says_the_same() {
    let mut inputs = vec!["examples/corpus", "tests/fixtures/corpus"];
    if shared::shared("realdata", "the general reader over the real sample").is_some() {
        inputs.push("../shared/realdata");
    }
    for input in inputs {
        let fast_run = run(&["check", "--format", "json", input]);
        let fast = json_lines(&fast_run);
        let general_run = run(&["check", "--format", "json", "--general-reader", input]);
        let mut general = json_lines(&general_run);
        // Each file whose first diagnostic has the note: the default's diagnostics of that
        // file, its first with the note.
        let stopped: Vec<serde_json::Value> = general
            .iter()
            .filter(|line| line.get("note").is_some())
            .map(|line| line["file"].clone())
            .collect();
        general.retain(|line| !stopped.contains(&line["file"]) || line.get("note").is_some());
        let mut expected: Vec<serde_json::Value> = Vec::new();
        for line in &fast {
            match general
                .iter()
                .find(|g| g.get("note").is_some() && g["file"] == line["file"])
            {
                Some(first) if !expected.iter().any(|e| e["file"] == line["file"]) => {
                    let mut with_note = line.clone();
                    with_note["note"] = first["note"].clone();
                    expected.push(with_note);
                }
                Some(_) => {}
                None => expected.push(line.clone()),
            }
        }
        // The summary counts every diagnostic: the default's, more.
        let (summary, rest) = general.split_last().unwrap();
        let (_, expected_rest) = expected.split_last().unwrap();
        assert_eq!(rest, expected_rest, "{input}");
        assert_eq!(
            summary["summary"]["files"],
            fast.last().unwrap()["summary"]["files"]
        );
        assert_eq!(
            summary["summary"]["valid"],
            fast.last().unwrap()["summary"]["valid"]
        );
        assert!(!fast.is_empty());
        assert_eq!(general_run.status, fast_run.status, "{input}");
    }
}

#[test]
fn check_over_the_real_sample_names_the_files_with_errors() {
    if shared::shared("realdata", "checking the real sample").is_none() {
        return;
    }
    let output = run(&["check", "--format", "json", "../shared/realdata"]);
    assert_exit(&output, 1);
    let mut files: Vec<String> = json_lines(&output)
        .iter()
        .filter(|line| line["severity"] == "error")
        .map(|line| {
            line["file"]
                .as_str()
                .unwrap()
                .trim_start_matches("../shared/realdata/")
                .to_owned()
        })
        .collect();
    files.dedup();
    assert_eq!(
        files,
        [
            "diablo4/2019-11-01-diablo-iv-unveiled.md",
            "diablo4/2019-11-03-diablo-iv-feature-overview.md",
            "diablo4/2019-11-13-a-letter-from-our-game-director-blizzcon-2019.md",
            "diablo4/2019-11-19-system-design-in-diablo-iv-part-i.md",
            "diablo4/2019-12-03-system-design-in-diablo-iv-part-ii.md",
            "diablo4/2020-10-23-everything-we-know-about-diablo-4.md",
            "diablo4/2021-02-18-diablo-4-news-countdown-everything-we-know.md",
        ]
    );
}

#[test]
fn graph_json_and_dot() {
    let output = run(&["graph", "tests/fixtures/corpus"]);
    assert_exit(&output, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 7);
    assert_eq!(json["edges"].as_array().unwrap().len(), 7);
    assert_eq!(
        json["clusters"],
        serde_json::json!([[0, 1, 2, 6], [3, 5], [4]])
    );
    let output = run(&["graph", "--format", "dot", "tests/fixtures/corpus"]);
    assert_exit(&output, 0);
    let dot = stdout(&output);
    assert!(
        dot.starts_with("digraph related {\n") && dot.ends_with("}\n"),
        "{dot}"
    );
    assert_eq!(dot.matches(" -> ").count(), 7);
}

#[test]
fn stats_human_and_json() {
    let output = run(&["stats", "examples/corpus"]);
    assert_exit(&output, 0);
    let out = stdout(&output);
    assert!(
        out.starts_with(
            "files:            24 (24 records)\nby type:          article 20, video 4\n"
        ),
        "{out}"
    );
    assert!(out.contains("\nlargest clusters:\n"), "{out}");
    let output = run(&["stats", "--format", "json", "examples/corpus"]);
    assert_exit(&output, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["records"], 24);
    assert_eq!(
        json["byType"],
        serde_json::json!({"article": 20, "video": 4})
    );
    assert_eq!(json["largestClusters"].as_array().unwrap().len(), 5);
}

/// Runs `fmt --check` over `dir` and expects it to list `name` alone, and exit 1.
#[track_caller]
fn fmt_check_lists(dir: &std::path::Path, name: &str) -> Output {
    let output = run(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_exit(&output, 1);
    assert_eq!(stdout(&output), format!("{}\n", dir.join(name).display()));
    output
}

#[test]
fn fmt_check_rewrite_and_invalid_files() {
    let messy = ARTICLE.replacen("title: \"Harbor", "title:   \"Harbor", 1);
    let invalid = ARTICLE.replacen("quality: 61", "quality: \"61\"", 1);
    let dir = temp_corpus(&[
        ("canonical.md", ARTICLE),
        ("messy.md", &messy),
        ("invalid.md", &invalid),
    ]);
    let path = dir.to_str().unwrap();

    let output = fmt_check_lists(&dir, "messy.md");
    assert!(
        stderr(&output).contains("invalid.md:11:10: quality: invalid type"),
        "{}",
        stderr(&output)
    );

    let output = run(&["fmt", path]);
    assert_exit(&output, 1);
    assert_eq!(
        stdout(&output),
        format!("reformatted {}\n", dir.join("messy.md").display())
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("messy.md")).unwrap(),
        ARTICLE
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("invalid.md")).unwrap(),
        invalid,
        "an invalid file is never touched"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        3,
        "no temporary file is left"
    );

    std::fs::remove_file(dir.join("invalid.md")).unwrap();
    let output = run(&["fmt", "--check", path]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_secured_payload_appears_in_no_output() {
    let bad_envelope = ARTICLE.replacen(";ABEiM0RVZneImaq7zN3u/w==", ";ABEiM0RVZneI", 1);
    let flow = ARTICLE.replacen(
        "secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\n",
        "secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\nextra: {secured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"}\n",
        1,
    );
    let dir = temp_corpus(&[
        ("good.md", ARTICLE),
        ("envelope.md", &bad_envelope),
        ("flow.md", &flow),
    ]);
    let path = dir.to_str().unwrap();
    let runs = [
        vec!["check", path],
        vec!["check", "--lenient", path],
        vec!["check", "--format", "json", path],
        vec!["graph", path],
        vec!["graph", "--format", "dot", path],
        vec!["stats", path],
        vec!["stats", "--format", "json", path],
        vec!["fmt", "--check", path],
    ];
    for args in runs {
        let output = run(&args);
        let all = format!("{}{}", stdout(&output), stderr(&output));
        for part in PAYLOAD.split(';').chain(["ABEiM0RVZneI", "q83vEjRWeJCr"]) {
            assert!(!all.contains(part), "{args:?} shows `{part}`:\n{all}");
        }
    }
    let shown = stdout(&run(&["check", path]));
    assert!(shown.contains("secured: \"<redacted>\""), "{shown}");
    // Nor in any table an export writes, strict or lenient, in either format.
    for (format, lenient) in [("parquet", false), ("ndjson", false), ("ndjson", true)] {
        let tables = dir.join(format!("tables-{format}-{lenient}"));
        let to = format!("--to={}", tables.display());
        let mut args = vec!["export", "--format", format, &to, path];
        if lenient {
            args.push("--lenient");
        }
        let output = run(&args);
        assert_exit(&output, 0);
        let mut written = 0;
        for entry in std::fs::read_dir(&tables).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            for part in PAYLOAD.split(';').chain(["ABEiM0RVZneI", "q83vEjRWeJCr"]) {
                let found = bytes.windows(part.len()).any(|w| w == part.as_bytes());
                assert!(!found, "{args:?} wrote `{part}`");
            }
            written += 1;
        }
        assert_eq!(written, 4, "{args:?}");
        let records = std::fs::read_to_string(tables.join("records.ndjson")).unwrap_or_default();
        assert_eq!(
            records.lines().count(),
            if lenient { 2 } else { 1 } * usize::from(format == "ndjson")
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_writes_three_tables_and_says_so() {
    let dir = temp_corpus(&[]);
    let to = dir.join("out");
    let to_arg = format!("--to={}", to.display());
    let output = run(&[
        "export",
        &to_arg,
        "--format",
        "ndjson",
        "tests/fixtures/corpus",
    ]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        format!(
            "exported 6 files: 6 records, 7 related entries, 4 diagnostics, to {}\n",
            to.display()
        )
    );
    let records = std::fs::read_to_string(to.join("records.ndjson")).unwrap();
    let first: serde_json::Value = serde_json::from_str(records.lines().next().unwrap()).unwrap();
    assert_eq!(
        first["file"],
        "tests/fixtures/corpus/stories/a1-wind-farm-approved.md"
    );

    // Parquet by default; a shard names its tables; a missing path is a row, not a stop.
    let output = run(&[
        "export",
        &to_arg,
        "--shard",
        "1/2",
        "tests/fixtures",
        "missing",
    ]);
    assert_exit(&output, 0);
    assert!(
        stderr(&output).contains("(shard 1/2)"),
        "{}",
        stderr(&output)
    );
    for table in ["records", "related", "diagnostics"] {
        assert!(to.join(format!("{table}.shard-1-of-2.parquet")).is_file());
    }
    assert!(to.join("export.shard-1-of-2.json").is_file());

    for bad in ["2/2", "1", "a/b"] {
        let output = run(&["export", &to_arg, "--shard", bad, "tests/fixtures"]);
        assert_exit(&output, 2);
        assert!(
            stderr(&output).contains(&format!(
                "invalid shard `{bad}`: expected K/N with 0 <= K < N, as in 0/4"
            )),
            "{}",
            stderr(&output)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fmt_keeps_the_files_line_endings_and_bom() {
    let crlf = |text: &str| text.replace('\n', "\r\n");
    let canonical = format!("\u{feff}{}", crlf(ARTICLE));
    let messy = crlf(&ARTICLE.replacen("title: \"Harbor", "title:   \"Harbor", 1))
        + "Body line one.\nBody line two, LF on purpose.\n";
    let dir = temp_corpus(&[("canonical.md", &canonical), ("messy.md", &messy)]);
    let path = dir.to_str().unwrap();

    fmt_check_lists(&dir, "messy.md");
    let output = run(&["fmt", path]);
    assert_exit(&output, 0);
    assert_eq!(
        std::fs::read_to_string(dir.join("messy.md")).unwrap(),
        crlf(ARTICLE) + "Body line one.\nBody line two, LF on purpose.\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("canonical.md")).unwrap(),
        canonical
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
