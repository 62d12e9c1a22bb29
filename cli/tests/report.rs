//! `newsmatter report`: the page as an HTML parser reads it (no parse error, every section,
//! every count equal to what `check` and `graph` say), as an attacker's records would make it
//! (nothing of theirs becomes markup or a link that runs), as a file (written whole or not at
//! all), and as a person sees it: rendered in headless Chromium, without a console message,
//! every chart drawn, the graph's nodes and lines as counted, a screenshot kept in
//! `target/report-screenshots/`.
//!
//! Chromium (Debian's `chromium`, `.ci/run` installs it) is looked for on the PATH; without
//! it the Chromium tests say so in a line and pass, unless `NEWSMATTER_REQUIRE_CHROMIUM` is
//! set (CI sets it), where they fail.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};
use support::{assert_exit, generated, run, stderr, temp_corpus, ARTICLE};

/// Runs `report` on `paths` into a new folder; gives the page's path.
fn report(paths: &[&str], extra: &[&str]) -> PathBuf {
    let out = temp_corpus(&[]).join("report.html");
    let to = out.to_str().unwrap();
    let mut args = vec!["report", "--to", to];
    args.extend_from_slice(extra);
    args.extend_from_slice(paths);
    let output = run(&args);
    assert_exit(&output, 0);
    out
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect()
}

/// The page, parsed, with no parse error (html5ever's, as a browser parses).
fn parse(path: &Path) -> Html {
    let page = std::fs::read_to_string(path).unwrap();
    let html = Html::parse_document(&page);
    assert_eq!(
        html.errors,
        Vec::<std::borrow::Cow<'_, str>>::new(),
        "{}",
        path.display()
    );
    html
}

/// What `newsmatter graph` says of `paths`: per cluster of two or more (largest first), its
/// size, its lines (pairs of distinct nodes with a citation either way) and mutual pairs.
fn clusters_of(paths: &[&str]) -> Vec<(usize, usize, usize)> {
    let mut args = vec!["graph"];
    args.extend_from_slice(paths);
    let graph: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
    let mut ways: BTreeMap<(u64, u64), BTreeSet<bool>> = BTreeMap::new();
    for edge in graph["edges"].as_array().unwrap() {
        let (s, t) = (
            edge["source"].as_u64().unwrap(),
            edge["target"].as_u64().unwrap(),
        );
        if s != t {
            ways.entry((s.min(t), s.max(t))).or_default().insert(s < t);
        }
    }
    graph["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap())
                .collect::<BTreeSet<_>>()
        })
        .filter(|c| c.len() > 1)
        .take(4)
        .map(|c| {
            let lines: Vec<_> = ways.iter().filter(|((a, _), _)| c.contains(a)).collect();
            let mutual = lines.iter().filter(|(_, w)| w.len() == 2).count();
            (c.len(), lines.len(), mutual)
        })
        .collect()
}

#[test]
fn the_page_of_the_example_corpus_holds_every_section_and_count() {
    let out = report(&["examples/corpus"], &[]);
    let html = parse(&out);
    // Self-contained: no script, nothing loaded from anywhere, a policy that allows none.
    assert!(select(&html, "script, link, iframe, img, object, embed").is_empty());
    assert!(select(&html, "[src]").is_empty());
    let csp = select(&html, "meta[http-equiv=Content-Security-Policy]");
    assert_eq!(
        csp[0].value().attr("content"),
        Some("default-src 'none'; style-src 'unsafe-inline'")
    );
    let totals: Vec<String> = select(&html, ".totals div")
        .iter()
        .map(|d| {
            let part = |css: &str| text(&d.select(&Selector::parse(css).unwrap()).next().unwrap());
            format!("{} {}", part("dt"), part("dd"))
        })
        .collect();
    assert_eq!(
        totals,
        [
            "Files 24",
            "Valid 24",
            "Errors 0",
            "Warnings 3",
            "Records 24",
            "articles 20",
            "videos 4"
        ]
    );
    // Per code, as check counts them, each with its explanation.
    let codes: Vec<String> = select(&html, "table.codes tbody tr td:first-child")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        codes,
        ["html-entity", "topic-repeated", "related-copy-mismatch"]
    );
    assert_eq!(select(&html, "table.codes details pre").len(), 3);
    // Five charts, each an SVG with a title, its text alternative and its data.
    let charts = select(&html, "figure.chart");
    assert_eq!(charts.len(), 5);
    for chart in &charts {
        let plot = chart
            .select(&Selector::parse("div.plot[role=img]").unwrap())
            .next()
            .unwrap();
        assert!(plot.value().attr("aria-label").unwrap().len() > 40);
        assert_eq!(plot.select(&Selector::parse("svg").unwrap()).count(), 1);
        assert!(
            chart
                .select(&Selector::parse("details table tbody tr").unwrap())
                .count()
                > 0
        );
    }
    let alts: Vec<&str> = charts
        .iter()
        .map(|c| {
            let plot = c
                .select(&Selector::parse("div.plot").unwrap())
                .next()
                .unwrap();
            plot.value().attr("aria-label").unwrap()
        })
        .collect();
    assert!(alts[0].starts_with("Records by month and type: 24 records from 2024-06 to 2024-06"));
    assert!(alts[1].starts_with("Top providers, a bar chart: example.com 6, "));
    assert_eq!(
        alts[3],
        "Quality, a histogram of 21 records from 30 to 89; the fullest bin is 45–47 (3 records)"
    );
    // The graph: the clusters `graph` finds, each line once.
    let expected = clusters_of(&["examples/corpus"]);
    assert_eq!(expected.len(), 4);
    let drawn: Vec<(usize, usize, usize)> = select(&html, "svg.cluster")
        .iter()
        .map(|svg| {
            let count = |css: &str| svg.select(&Selector::parse(css).unwrap()).count();
            (
                count("g.node"),
                count("line.edge"),
                count("line.edge.mutual"),
            )
        })
        .collect();
    assert_eq!(drawn, expected);
    // Three of the four videos are in clusters; the time-lapse cites and is cited by none.
    assert_eq!(select(&html, "svg.cluster g.node.video").len(), 3);
    // The most cited, linked.
    let cited = select(&html, "#cited tbody tr");
    assert_eq!(cited.len(), 10);
    let first = cited[0]
        .select(&Selector::parse("a").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        first.value().attr("href"),
        Some("https://www.example.com/news/harbour-bridge-opens")
    );
    // Every diagnostic of `check`, at its place.
    let check = run(&["check", "--format", "json", "examples/corpus"]);
    let expected: Vec<String> = support::json_lines(&check)
        .iter()
        .filter(|line| line.get("code").is_some())
        .map(|line| {
            format!(
                "{}:{}:{} {}",
                line["file"].as_str().unwrap(),
                line["line"],
                line["column"],
                line["code"].as_str().unwrap()
            )
        })
        .collect();
    let rows: Vec<String> = select(&html, "table.problems tbody tr")
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .select(&Selector::parse("td").unwrap())
                .map(|td| text(&td))
                .collect();
            format!("{} {}", cells[0], cells[2])
        })
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn records_written_to_attack_the_page_stay_text() {
    let hostile = ARTICLE
        .replace(
            "title: \"Harbor city opens a floating solar farm\"",
            "title: \"</title><script>alert(1)</script>\\u001b[31m\\u202egnp.exe\\ufdd0\"",
        )
        .replace(
            "  - Solar Power\n",
            "  - \"</svg><img src=x onerror=alert(2)>\"\n  - \"</svg><img src=x onerror=alert(2)>\"\n",
        )
        .replace(
            "title: \"Floating panels: what the pilot projects learned\"",
            "title: \"<a href='javascript:alert(3)'>x</a>\"",
        );
    let dir = temp_corpus(&[("<b>&amp;.md", &hostile)]);
    let out = report(&[dir.to_str().unwrap()], &[]);
    let html = parse(&out);
    assert!(select(&html, "script, img, a[href^=javascript]").is_empty());
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(!page.contains('\u{1b}') && !page.contains('\u{202e}') && !page.contains('\u{fdd0}'));
    assert!(page.contains("\\u{1b}[31m\\u{202e}gnp.exe\\u{fdd0}"));
    assert!(page.contains("&lt;/svg&gt;&lt;img src=x onerror=alert(2)&gt;"));
    // The file name and the repeated topic reach the table of problems as text.
    let row = text(&select(&html, "table.problems tbody tr")[0]);
    assert!(row.contains("<b>&amp;.md:"), "{row}");
}

#[test]
fn the_page_stays_small_whatever_the_records_hold() {
    // 40 records, each with a 3,000-character topic 60 times: 2,360 diagnostics that each
    // quote the topic twice. The table keeps 2,000 of them, each text cut.
    let topic = "Ω".repeat(3_000);
    let topics = format!("  - \"{topic}\"\n").repeat(60);
    let record = ARTICLE.replace("  - Solar Power\n  - Reservoirs\n", &topics);
    let files: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("r{i:02}.md"),
                record.replace("solar", &format!("solar{i}")),
            )
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = temp_corpus(&borrowed);
    let out = report(&[dir.to_str().unwrap()], &[]);
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(size < 2_000_000, "{size} bytes");
    let html = parse(&out);
    assert_eq!(select(&html, "table.problems tbody tr").len(), 2_000);
    let note = text(&select(&html, "#problems p.note")[0]);
    assert_eq!(
        note,
        "The first 2000 problems are listed; 360 more are left out (`newsmatter check` lists \
         them all)."
    );
    let message = text(&select(&html, "table.problems tbody tr td")[4]);
    assert_eq!(message.chars().count(), 301, "{message}");
    assert!(message.ends_with('…'));
}

#[test]
fn the_page_replaces_the_file_whole_and_nothing_else() {
    let dir = temp_corpus(&[("elsewhere.txt", "keep me\n")]);
    let to = dir.join("report.html");
    std::os::unix::fs::symlink(dir.join("elsewhere.txt"), &to).unwrap();
    let output = run(&[
        "report",
        "--quiet",
        "--to",
        to.to_str().unwrap(),
        "examples/corpus",
    ]);
    assert_exit(&output, 0);
    assert_eq!(stderr(&output), "");
    // The link is replaced by the page; what it led to is untouched.
    assert!(std::fs::symlink_metadata(&to)
        .unwrap()
        .file_type()
        .is_file());
    assert_eq!(
        std::fs::read_to_string(dir.join("elsewhere.txt")).unwrap(),
        "keep me\n"
    );
    let names: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["elsewhere.txt".into(), "report.html".into()])
    );

    let output = run(&["report", "--to", dir.to_str().unwrap(), "examples/corpus"]);
    assert_exit(&output, 2);
    assert_eq!(
        stderr(&output),
        format!(
            "error: cannot write {}: it is a directory: --to names the HTML file to write\n",
            dir.display()
        )
    );
    let missing = dir.join("no-such-folder/report.html");
    let output = run(&[
        "report",
        "--to",
        missing.to_str().unwrap(),
        "examples/corpus",
    ]);
    assert_exit(&output, 2);
    assert_eq!(
        stderr(&output),
        format!(
            "error: cannot write {}: the folder {} does not exist\n",
            missing.display(),
            dir.join("no-such-folder").display()
        )
    );
    // A record is never replaced by the page, by whatever path it is named.
    let record = dir.join("record.md");
    std::fs::write(&record, ARTICLE).unwrap();
    let by_another_path = dir.join(".").join("record.md");
    let output = run(&[
        "report",
        "--to",
        by_another_path.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert_exit(&output, 2);
    assert_eq!(
        stderr(&output),
        format!(
            "error: --to names {}, a record file the report reads: give the page another name\n",
            record.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&record).unwrap(), ARTICLE);
    std::fs::remove_file(&record).unwrap();

    let output = run(&["report", "--to", to.to_str().unwrap(), "examples/corpus"]);
    assert_eq!(
        stderr(&output),
        format!(
            "wrote the report of 24 files, 24 valid, 0 errors, 3 warnings (0 not parsed) to {}\n",
            to.display()
        )
    );
}

#[test]
fn a_cluster_over_120_articles_is_drawn_as_the_120_nearest_its_most_cited() {
    // 200 records citing the same two outside articles: one cluster of 202.
    let files: Vec<(String, String)> = (0..200)
        .map(|i| {
            let text = ARTICLE.replace("harbor-city-floating-solar", &format!("story-{i}"));
            (format!("r{i:03}.md"), text)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = temp_corpus(&borrowed);
    let html = parse(&report(&[dir.to_str().unwrap()], &[]));
    let clusters = select(&html, "figure.graph");
    assert_eq!(clusters.len(), 1);
    let caption = text(&select(&html, "figure.graph figcaption")[0]);
    assert_eq!(
        caption,
        "Cluster 1: 202 articles (the 120 nearest its most cited drawn), 119 lines (0 mutual)."
    );
    assert_eq!(select(&html, "svg.cluster g.node").len(), 120);
    // Drawn from the most cited: the hub and 119 of the records citing it, each one line.
    assert_eq!(select(&html, "svg.cluster g.node.external").len(), 1);
    let label = text(&select(&html, "svg.cluster g.labels text")[0]);
    assert!(label.ends_with("(200)"), "{label}");
}

#[test]
fn the_same_corpus_gives_the_same_page() {
    let first = std::fs::read(report(&["examples/corpus"], &[])).unwrap();
    for _ in 0..3 {
        assert!(std::fs::read(report(&["examples/corpus"], &[])).unwrap() == first);
    }
}

#[test]
fn shards_report_their_part_and_together_the_whole() {
    let mut files = 0;
    for shard in ["0/2", "1/2"] {
        let out = report(&["examples/corpus"], &["--shard", shard]);
        let html = parse(&out);
        let scope = text(&select(&html, "p.scope")[0]);
        assert!(scope.contains(&format!("(shard {shard})")), "{scope}");
        let first = text(&select(&html, ".totals div dd")[0]);
        let count: usize = first.trim().parse().unwrap();
        assert!(count > 0 && count < 24, "{count}");
        files += count;
    }
    assert_eq!(files, 24);
}

#[test]
fn a_corpus_with_errors_and_levels_is_reported_as_check_reports_it() {
    let self_citing =
        std::fs::read_to_string("../tests/fixtures/corpus/stories/b1-turbines-2026.md").unwrap();
    let dir = temp_corpus(&[
        ("a.md", &self_citing),
        ("broken.md", "---\ntitle: [\n---\n"),
    ]);
    let path = dir.to_str().unwrap();
    let out = report(&[path], &["--deny-warnings"]);
    let html = parse(&out);
    let check = run(&["check", "--format", "json", "--deny-warnings", path]);
    let summary = support::json_lines(&check).pop().unwrap();
    let dd: Vec<String> = select(&html, ".totals div dd").iter().map(text).collect();
    assert_eq!(dd[0], summary["summary"]["files"].to_string());
    assert_eq!(dd[1], summary["summary"]["valid"].to_string());
    assert_eq!(dd[2], summary["summary"]["errors"].to_string());
    assert_eq!(dd[3], "0");
    let note = text(&select(&html, "#summary p.note")[0]);
    assert!(note.starts_with("1 file(s) did not parse"), "{note}");
    assert!(select(&html, "tr.warning").is_empty());
}

#[test]
fn a_corpus_where_nothing_parses_still_gets_its_page_and_none_gets_no_page() {
    let dir = temp_corpus(&[
        ("a.md", "---\ntitle: [\n---\n"),
        ("b.md", "no front matter\n"),
    ]);
    let out = report(&[dir.to_str().unwrap()], &[]);
    let html = parse(&out);
    assert_eq!(select(&html, "figure.chart.empty").len(), 5);
    assert_eq!(select(&html, "figure.chart .plot").len(), 0);
    let graph = text(&select(&html, "#graph p.note")[0]);
    assert_eq!(
        graph,
        "No record cites another article: there is no cluster to draw."
    );
    assert_eq!(select(&html, "table.problems tbody tr").len(), 2);

    let empty = temp_corpus(&[]);
    let to = empty.join("report.html");
    let output = run(&[
        "report",
        "--to",
        to.to_str().unwrap(),
        empty.to_str().unwrap(),
    ]);
    assert_exit(&output, 2);
    assert!(stderr(&output).starts_with("error: no record files in "));
    assert!(!to.exists());
}

// --- Headless Chromium ---

/// The browser, or `None` (said in a line) when it is not installed and not required.
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join(name))
                .find(|path| path.is_file())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("NEWSMATTER_REQUIRE_CHROMIUM").is_none(),
            "NEWSMATTER_REQUIRE_CHROMIUM is set, and no chromium is on the PATH"
        );
        eprintln!("skipped: no chromium on the PATH (apt-get install chromium)");
    }
    found
}

/// Runs headless Chromium on `page` with `args`; gives its stdout and stderr.
fn browse(browser: &Path, page: &Path, args: &[&str]) -> (String, String) {
    let profile = temp_corpus(&[]);
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// What the page said on its console: Chromium's log lines of console messages.
fn console(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| line.contains(":CONSOLE"))
        .collect()
}

/// What a script measures in the page once it is laid out: each chart's drawn size and
/// shapes, each cluster's nodes and lines. The script runs in a copy of the page whose
/// policy lets it, so that the page itself stays script-free.
fn measure(browser: &Path, page: &Path) -> serde_json::Value {
    const PROBE: &str = r#"<script>
window.addEventListener("load", () => {
  const size = (e) => { const r = e.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; };
  const shapes = "rect, path, circle, line, polyline, polygon, text";
  const out = {
    height: document.documentElement.scrollHeight,
    charts: [...document.querySelectorAll("figure.chart")].map((f) => {
      const svg = f.querySelector("svg");
      return { size: size(svg), shapes: svg.querySelectorAll(shapes).length, box: svg.getBBox().width };
    }),
    clusters: [...document.querySelectorAll("svg.cluster")].map((svg) => ({
      size: size(svg),
      nodes: svg.querySelectorAll("g.node").length,
      edges: svg.querySelectorAll("line.edge").length,
      onscreen: [...svg.querySelectorAll("g.node")].filter((n) => size(n)[0] > 0).length,
    })),
  };
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.append(pre);
});
</script>"#;
    let html = std::fs::read_to_string(page).unwrap();
    let probed = html
        .replace(
            "default-src 'none';",
            "default-src 'none'; script-src 'unsafe-inline';",
        )
        .replace("</body>", &format!("{PROBE}</body>"));
    let copy = page.with_file_name("probed.html");
    std::fs::write(&copy, probed).unwrap();
    // At the width of the screenshot: the height it lays out to depends on it.
    let (dom, log) = browse(
        browser,
        &copy,
        &[
            "--window-size=1280,1000",
            "--dump-dom",
            "--virtual-time-budget=5000",
        ],
    );
    assert_eq!(console(&log), Vec::<&str>::new(), "the probe itself failed");
    let dom = Html::parse_document(&dom);
    let probe = text(&select(&dom, "pre#probe")[0]);
    serde_json::from_str(&probe).unwrap()
}

/// The width and height a PNG file says it has.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// Renders `page` in Chromium: no console message (the page as written, script-free); each
/// chart drawn and not empty; the clusters with `clusters` (nodes, lines) drawn; a
/// screenshot kept as `target/report-screenshots/<name>.png`.
fn look_at(browser: &Path, page: &Path, clusters: &[(usize, usize, usize)], name: &str) {
    let (_, log) = browse(browser, page, &["--dump-dom", "--virtual-time-budget=5000"]);
    assert_eq!(console(&log), Vec::<&str>::new());

    let measured = measure(browser, page);
    let charts = measured["charts"].as_array().unwrap();
    assert_eq!(charts.len(), 5, "{measured}");
    for chart in charts {
        assert!(chart["size"][0].as_u64().unwrap() >= 300, "{chart}");
        assert!(chart["size"][1].as_u64().unwrap() >= 120, "{chart}");
        assert!(chart["shapes"].as_u64().unwrap() >= 10, "{chart}");
        assert!(chart["box"].as_f64().unwrap() > 100.0, "{chart}");
    }
    let drawn: Vec<(u64, u64)> = measured["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["onscreen"], c["nodes"], "every node is drawn: {c}");
            assert!(c["size"][0].as_u64().unwrap() >= 300, "{c}");
            (c["nodes"].as_u64().unwrap(), c["edges"].as_u64().unwrap())
        })
        .collect();
    let expected: Vec<(u64, u64)> = clusters
        .iter()
        .map(|&(nodes, edges, _)| (nodes as u64, edges as u64))
        .collect();
    assert_eq!(drawn, expected);

    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("report-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&shot);
    // The whole page, as tall as it lays out.
    let height = measured["height"].as_u64().unwrap();
    assert!(height > 2_000, "{measured}");
    browse(
        browser,
        page,
        &[
            &format!("--window-size=1280,{height}"),
            &format!("--screenshot={}", shot.display()),
        ],
    );
    assert_eq!(png_size(&shot), (1280, height as u32));
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 50_000,
        "a blank screenshot"
    );
}

#[test]
fn chromium_shows_the_example_corpus() {
    let Some(browser) = chromium() else { return };
    let page = report(&["examples/corpus"], &[]);
    look_at(
        &browser,
        &page,
        &clusters_of(&["examples/corpus"]),
        "examples-corpus",
    );
}

#[test]
fn chromium_shows_a_generated_corpus() {
    let Some(browser) = chromium() else { return };
    let dir = temp_corpus(&[]);
    generated(&dir, 400);
    let path = dir.to_str().unwrap();
    let page = report(&[path], &[]);
    let clusters = clusters_of(&[path]);
    // Rings of five records, every fifth with an outside article: 6 nodes, 10 lines, 5 mutual.
    assert_eq!(
        clusters,
        vec![(6, 11, 5), (6, 11, 5), (6, 11, 5), (6, 11, 5)]
    );
    look_at(&browser, &page, &clusters, "generated-corpus");
}

#[test]
fn chromium_reports_what_the_console_says() {
    let Some(browser) = chromium() else { return };
    // A negative control: a page whose script the policy refuses must show in the log, or
    // the test of the page's console above proves nothing.
    let page = report(&["examples/corpus"], &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        html.replace("</body>", "<script>console.log(1)</script></body>"),
    )
    .unwrap();
    let (_, log) = browse(
        &browser,
        &page,
        &["--dump-dom", "--virtual-time-budget=5000"],
    );
    let said = console(&log);
    assert_eq!(said.len(), 1, "{log}");
    assert!(said[0].contains("Content Security Policy"), "{}", said[0]);
}
