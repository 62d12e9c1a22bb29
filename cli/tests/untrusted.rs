//! Files, names and folders written by an attacker: a walk stays in the paths given, a FIFO
//! or device cannot make it hang, one file under several names is one file, and the
//! `secured` payload shows in no output, however the record writes it.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::*;

/// A file that must never be read: what it holds must show in no output.
const SECRET: &str = "SECRET-OF-THE-CI-JOB";

fn secret_outside() -> std::path::PathBuf {
    let dir = temp_corpus(&[("env", &format!("{SECRET}=1\n"))]);
    dir.join("env")
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn a_walk_does_not_follow_links_by_default() {
    let secret = secret_outside();
    let outside = temp_corpus(&[("elsewhere.md", ARTICLE)]);
    let dir = temp_corpus(&[("good.md", ARTICLE)]);
    symlink(&secret, &dir.join("environ.md"));
    symlink(&outside, &dir.join("tree"));
    let output = run(&["check", dir.to_str().unwrap()]);
    assert_exit(&output, 0);
    let out = stdout(&output);
    assert!(
        !out.contains(SECRET) && !stderr(&output).contains(SECRET),
        "{out}"
    );
    assert_eq!(out, "1 file, 1 valid, 0 errors, 0 warnings\n");
    // A path given is followed: the user named it.
    let named = run(&["check", dir.join("tree").to_str().unwrap()]);
    assert_exit(&named, 0);
    assert!(
        stdout(&named).starts_with("1 file, 1 valid"),
        "{}",
        stdout(&named)
    );
    for path in [&dir, &outside, secret.parent().unwrap()] {
        std::fs::remove_dir_all(path).unwrap();
    }
}

#[test]
fn fmt_writes_no_file_a_link_in_a_walk_leads_to() {
    let unformatted = ARTICLE.replace("quality: 61\nheat: 12\n", "heat: 12\nquality: 61\n");
    let outside = temp_corpus(&[("elsewhere.md", &unformatted)]);
    let dir = temp_corpus(&[("good.md", ARTICLE)]);
    let elsewhere = outside.join("elsewhere.md");
    symlink(&elsewhere, &dir.join("link.md"));
    let walked = run(&["fmt", dir.to_str().unwrap()]);
    assert_exit(&walked, 0);
    assert_eq!(stdout(&walked) + &stderr(&walked), "");
    // Followed, a link that leads outside the paths given is said, and not followed.
    let followed = run(&["fmt", "--follow", dir.to_str().unwrap()]);
    assert_exit(&followed, 2);
    assert_eq!(
        stderr(&followed),
        format!(
            "error: {}: a symbolic link that leads outside the paths given, not followed\n",
            dir.join("link.md").display()
        )
    );
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), unformatted);
    // Named, the link is followed: its file is formatted, and it stays a link.
    let link = dir.join("link.md");
    let named = run(&["fmt", link.to_str().unwrap()]);
    assert_exit(&named, 0);
    assert_eq!(stdout(&named), format!("reformatted {}\n", link.display()));
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), ARTICLE);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    for path in [&dir, &outside] {
        std::fs::remove_dir_all(path).unwrap();
    }
}

#[test]
fn follow_stays_inside_the_paths_given_unless_told_otherwise() {
    let secret = secret_outside();
    let outside = temp_corpus(&[("elsewhere.md", ARTICLE)]);
    let dir = temp_corpus(&[("good.md", ARTICLE)]);
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("sub/inner.md"),
        ARTICLE.replace("floating", "floating,"),
    )
    .unwrap();
    symlink(&secret, &dir.join("environ.md"));
    symlink(&outside, &dir.join("tree"));
    symlink(&dir.join("sub"), &dir.join("inside"));
    let output = run(&[
        "check",
        "--follow",
        "--format",
        "json",
        dir.to_str().unwrap(),
    ]);
    assert_exit(&output, 2);
    let out = stdout(&output);
    assert!(!out.contains(SECRET), "{out}");
    let lines = json_lines(&output);
    let files: Vec<(&str, &str)> = lines[..lines.len() - 1]
        .iter()
        .map(|l| {
            let file = l["file"].as_str().unwrap();
            (
                &file[file.rfind('/').unwrap() + 1..],
                l["code"].as_str().unwrap(),
            )
        })
        .collect();
    let not_followed = "a symbolic link that leads outside the paths given, not followed";
    assert!(files.contains(&("environ.md", "io")), "{files:?}");
    assert!(files.contains(&("tree", "io")), "{files:?}");
    assert!(lines
        .iter()
        .filter(|l| l["code"] == "io")
        .all(|l| l["message"] == not_followed));
    // The link inside the corpus was followed: sub/inner.md under two names, counted once.
    assert_eq!(lines.last().unwrap()["summary"]["files"], 4, "{out}");
    // Told to, a walk follows links anywhere: the file outside is read (and is no record).
    let anywhere = run(&[
        "check",
        "--follow",
        "--follow-outside",
        dir.to_str().unwrap(),
    ]);
    let out = stdout(&anywhere);
    assert!(out.contains("error[missing-opening-delimiter]"), "{out}");
    assert!(out.contains("tree/elsewhere.md"), "{out}");
    assert!(
        out.ends_with("4 files, 3 valid, 1 error, 1 warning\n"),
        "{out}"
    );
    for path in [&dir, &outside, secret.parent().unwrap()] {
        std::fs::remove_dir_all(path).unwrap();
    }
}

/// Runs the binary with `args`, killing it if it has not finished in 20 seconds.
fn run_bounded(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmatter"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("newsmatter {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_fifo_named_as_a_record_is_refused_without_waiting() {
    let dir = temp_corpus(&[("good.md", ARTICLE)]);
    let fifo = dir.join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Named, it is refused at once; in a walk, it is no record file and is left alone.
    let named = run_bounded(&["check", "--format", "json", fifo.to_str().unwrap()]);
    assert_exit(&named, 2);
    let lines = json_lines(&named);
    assert!(
        lines[0]["file"].as_str().unwrap().ends_with("pipe.md"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[0]["code"], "io");
    assert_eq!(
        lines[0]["message"],
        "not a regular file: only regular files are read"
    );
    let walked = run_bounded(&["check", dir.to_str().unwrap()]);
    assert_exit(&walked, 0);
    assert_eq!(stdout(&walked), "1 file, 1 valid, 0 errors, 0 warnings\n");
    let fmt = run_bounded(&["fmt", fifo.to_str().unwrap()]);
    assert_exit(&fmt, 2);
    assert!(
        stderr(&fmt).contains("not a regular file"),
        "{}",
        stderr(&fmt)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_file_under_several_names_is_one_file() {
    let dir = temp_corpus(&[("a.md", ARTICLE)]);
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::hard_link(dir.join("a.md"), dir.join("sub/hard.md")).unwrap();
    let a = dir.join("a.md");
    let dotted = dir.join(".").join("a.md");
    let up = dir.join("sub").join("..").join("a.md");
    let output = run(&[
        "check",
        a.to_str().unwrap(),
        dotted.to_str().unwrap(),
        up.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "1 file, 1 valid, 0 errors, 0 warnings\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Pieces of [`PAYLOAD`], its ciphertext and its IV: none may show in any output.
const PIECES: [&str; 2] = ["q83vEjRWeJCr", "ABEiM0RVZne"];

/// Every output of the binary for `dir`: check (human, JSON, lenient), graph (JSON, DOT),
/// stats (human, JSON), and the NDJSON tables export writes.
fn every_output(dir: &Path) -> Vec<(String, String)> {
    let d = dir.to_str().unwrap();
    let mut outputs = Vec::new();
    for args in [
        vec!["check", d],
        vec!["check", "--format", "json", d],
        vec!["check", "--lenient", d],
        vec!["check", "--lenient", "--general-reader", d],
        vec!["graph", "--lenient", d],
        vec!["graph", "--lenient", "--format", "dot", d],
        vec!["stats", "--lenient", d],
        vec!["stats", "--lenient", "--format", "json", d],
        vec!["fmt", "--check", "--lenient", d],
    ] {
        let output = run(&args);
        outputs.push((args.join(" "), stdout(&output) + &stderr(&output)));
    }
    let tables = dir.with_extension("tables");
    let t = tables.to_str().unwrap();
    let output = run(&["export", "--lenient", "--format", "ndjson", "--to", t, d]);
    outputs.push(("export".to_owned(), stdout(&output) + &stderr(&output)));
    for entry in std::fs::read_dir(&tables).unwrap() {
        let path = entry.unwrap().path();
        outputs.push((
            path.display().to_string(),
            std::fs::read_to_string(&path).unwrap(),
        ));
    }
    std::fs::remove_dir_all(&tables).unwrap();
    outputs
}

#[test]
fn the_secured_payload_shows_in_no_output_however_it_is_written() {
    let line = format!("secured: \"{PAYLOAD}\"");
    let layouts = [
        format!("secured:\n  \"{PAYLOAD}\""),
        format!("\"secured\": \"{PAYLOAD}\""),
        format!("'secured': \"{PAYLOAD}\""),
        format!("\"secur\\x65d\": \"{PAYLOAD}\""),
        format!("? secured\n: \"{PAYLOAD}\""),
        format!("{line}\n{line}"),
        format!("secured: \"{PAYLOAD}x\""),
        format!("secured: 98765{}", "4".repeat(30)),
        format!("secured: |\n  {PAYLOAD}"),
        format!("secured: [\"{PAYLOAD}\"]"),
        format!("secured: \"{PAYLOAD}\"  # {PAYLOAD}"),
        // In a collection written as a key, which no path goes through.
        format!("{{secured: \"{PAYLOAD}\"}}: 1"),
        format!("? [secured, \"{PAYLOAD}\"]\n: 1"),
        // A byte-order mark, which libyaml skips at the start of a line.
        format!("\u{feff}{line}"),
        format!("secured: \u{feff}\"{PAYLOAD}\""),
    ];
    let mut files: Vec<(String, String)> = layouts
        .iter()
        .enumerate()
        .map(|(i, layout)| (format!("r{i}.md"), ARTICLE.replace(&line, layout)))
        .collect();
    // Inside a related entry, as a key the format does not define.
    files.push((
        "related.md".to_owned(),
        ARTICLE.replace(
            "    type: video\n",
            &format!("    type: video\n    secured: \"{PAYLOAD}\"\n"),
        ),
    ));
    // The envelope wrong (no closing delimiter): the file does not split.
    files.push(("envelope.md".to_owned(), ARTICLE.replace("\n---\n", "\n")));
    // Its payload as a title elsewhere in the line of a diagnostic.
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = temp_corpus(&refs);
    for (what, output) in every_output(&dir) {
        for piece in PIECES {
            assert!(
                !output.contains(piece),
                "{what} shows the payload:\n{output}"
            );
        }
    }
    // The check saw each file: none is lost for being odd.
    let json = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(
        json_lines(&json).last().unwrap()["summary"]["files"],
        files.len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_text_from_a_file_or_its_name_reaches_the_terminal_raw() {
    let osc = "\u{1b}]0;owned\u{7}";
    let topic = ARTICLE.replace("  - Reservoirs", &format!("  - \"Reservoirs {osc}\""));
    let title = ARTICLE.replace(
        "title: \"Harbor city opens a floating solar farm\"",
        "title: \"Harbor \\u202Eraf ralos\\u2066\"",
    );
    let unknown = ARTICLE.replace("published: true", "\"p\\e[31mx\": true");
    let unranked = ARTICLE.replace("heat: 12", "heat: -1");
    let dir = temp_corpus(&[
        ("topic.md", &topic),
        ("title.md", &title),
        ("unknown.md", &unknown),
        ("name\u{1b}[2J\nerror: forged.md", &unranked),
        ("broken\u{9b}1m.md", "---\ntitle: [\n"),
    ]);
    let d = dir.to_str().unwrap();
    let mut saw_escape = false;
    for args in [
        vec!["check", d],
        vec!["check", "--lenient", d],
        vec!["graph", "--format", "dot", d],
        vec!["stats", d],
        vec!["fmt", "--check", d],
        vec!["fmt", "--check", "--lenient", d],
    ] {
        let output = run(&args);
        let all = stdout(&output) + &stderr(&output);
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}'] {
            assert!(
                !all.contains(raw),
                "{args:?} prints U+{:04X} raw:\n{all}",
                u32::from(raw)
            );
        }
        assert!(
            !all.lines().any(|l| l.starts_with("error: forged")),
            "{args:?}:\n{all}"
        );
        saw_escape |= all.contains("\\u{1b}");
    }
    assert!(saw_escape);
    // The checker names the Trojan Source characters, and JSON keeps the text exact.
    let json = run(&["check", "--format", "json", d]);
    let lines = json_lines(&json);
    let bidi = lines
        .iter()
        .find(|l| l["code"] == "bidi-control")
        .expect("bidi-control");
    assert_eq!(bidi["path"], "title");
    assert_eq!(bidi["severity"], "warning");
    assert!(lines.iter().any(|l| l["file"]
        .as_str()
        .is_some_and(|f| f.contains("name\u{1b}[2J\nerror"))));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fmt_leaves_a_file_with_comments_as_it_is_and_says_why() {
    let text = ARTICLE.replace(
        "quality: 61\nheat: 12\n",
        "heat: 12  # as sent\nquality: 61\n",
    );
    let dir = temp_corpus(&[("commented.md", &text)]);
    let path = dir.join("commented.md");
    let output = run(&["fmt", dir.to_str().unwrap()]);
    assert_exit(&output, 1);
    assert_eq!(
        stderr(&output),
        format!(
            "note: left {} as it is: it has YAML comments (the first on line 11), which formatting would drop\n",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The names of the files in `dir`, in order.
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The tables of an NDJSON export in `dir` agree with its manifest: each table's lines and
/// bytes are what `export.json` says. `None` when there is no manifest.
fn consistent_export(dir: &Path) -> Option<serde_json::Value> {
    let manifest = std::fs::read_to_string(dir.join("export.json")).ok()?;
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    for table in ["records", "related", "diagnostics"] {
        let entry = &manifest[table];
        let text = std::fs::read_to_string(dir.join(entry["file"].as_str().unwrap())).unwrap();
        assert_eq!(
            text.lines().count() as u64,
            entry["rows"].as_u64().unwrap(),
            "{table}"
        );
        assert_eq!(
            text.len() as u64,
            entry["bytes"].as_u64().unwrap(),
            "{table}"
        );
    }
    Some(manifest)
}

#[test]
fn an_export_killed_at_any_point_leaves_the_previous_one_whole() {
    // Enough records for the export to take a while.
    let texts: Vec<(String, String)> = (0..1500)
        .map(|i| {
            let text = ARTICLE.replace("harbor-city-floating-solar", &format!("story-{i}"));
            (format!("r{i:04}.md"), text)
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let corpus = temp_corpus(&refs);
    let small = temp_corpus(&[("one.md", ARTICLE)]);
    let out = corpus.with_extension("tables");
    let export = |from: &Path| {
        Command::new(env!("CARGO_BIN_EXE_newsmatter"))
            .args(["export", "--format", "ndjson", "--to"])
            .arg(&out)
            .arg(from)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(export(&small).wait().unwrap().success());
    let previous = consistent_export(&out).expect("a first export");
    assert_eq!(previous["records"]["rows"], 1);
    for delay in [5, 20, 50, 100, 200, 400, 800] {
        let mut child = export(&corpus);
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // The old export whole, the new one whole, or (killed between the two) no manifest.
        match consistent_export(&out) {
            Some(manifest) => {
                let rows = manifest["records"]["rows"].as_u64().unwrap();
                assert!(rows == 1 || rows == 1500, "after {delay} ms: {rows} rows");
            }
            None => eprintln!("after {delay} ms: killed while the tables were put in place"),
        }
        // The next export puts everything right, and leaves nothing of the killed one.
        assert!(export(&small).wait().unwrap().success());
        assert_eq!(consistent_export(&out).unwrap()["records"]["rows"], 1);
        assert_eq!(
            file_names(&out),
            [
                "diagnostics.ndjson",
                "export.json",
                "records.ndjson",
                "related.ndjson"
            ]
        );
    }
    // An export in another format replaces this one's tables rather than piling up beside.
    let parquet = run(&[
        "export",
        "--to",
        out.to_str().unwrap(),
        small.to_str().unwrap(),
    ]);
    assert_exit(&parquet, 0);
    assert_eq!(
        file_names(&out),
        [
            "diagnostics.parquet",
            "export.json",
            "records.parquet",
            "related.parquet"
        ]
    );
    for dir in [&corpus, &small, &out] {
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn an_export_that_cannot_write_leaves_the_previous_one_whole() {
    let dir = temp_corpus(&[
        ("one.md", ARTICLE),
        ("two.md", &ARTICLE.replace("harbor", "port")),
    ]);
    let out = dir.with_extension("tables");
    let to = out.to_str().unwrap();
    let first = run(&[
        "export",
        "--format",
        "ndjson",
        "--to",
        to,
        dir.join("one.md").to_str().unwrap(),
    ]);
    assert_exit(&first, 0);
    let before = consistent_export(&out).unwrap();
    // Something in the way of a table being written, as a full disk would be.
    std::fs::create_dir(out.join(".related.ndjson.writing")).unwrap();
    let second = run(&[
        "export",
        "--format",
        "ndjson",
        "--to",
        to,
        dir.to_str().unwrap(),
    ]);
    assert_exit(&second, 2);
    assert!(
        stderr(&second).contains(".related.ndjson.writing"),
        "{}",
        stderr(&second)
    );
    assert_eq!(consistent_export(&out).unwrap(), before);
    assert!(
        !out.join(".records.partial").exists() && !out.join(".records.ndjson.writing").exists()
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}
