//! The `newsmatter` command line: check, graph, stats, fmt and export over a corpus of news
//! records.
//!
//! Thin by design: argument parsing and printing. Everything it reports comes from the library.

#![forbid(unsafe_code)]

mod ci;
mod config;
mod html_report;
mod human;
mod terminal;
mod totals;
mod words;

use std::convert::Infallible;
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use annotate_snippets::Renderer;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use newsmatter::corpus::stats::{CorpusStats, StatsTally};
use newsmatter::corpus::{CorpusFile, Links, Progress, Scan, Shard, Totals};
use newsmatter::export::{ExportOptions, TableFormat};
use newsmatter::read::Reader;
use newsmatter::report::{Code, Diagnostic, ErrorKind, Report, Severity};
use newsmatter::write::{remove_stale_temporaries, FixOutcome, FormatOutcome};
use newsmatter::{CorpusOptions, ParseOptions, ValidateOptions};
use serde::Serialize;

use crate::ci::Checked;
use crate::config::{Config, Gitignores, Level};
use crate::human::{human, Source};
use crate::words::counted;

/// See `Cargo.toml`: a scan frees as much as it allocates, which mimalloc serves faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `newsmatter::corpus::DEFAULT_EXTENSIONS` as `--ext` takes them (a test keeps the two equal).
const DEFAULT_EXT: &str = "md,markdown";

/// The name a record read from standard input has, unless `--stdin-filename` gives one.
const STDIN_NAME: &str = "<stdin>";

/// Reads, checks and connects news records: Markdown files with YAML front matter.
///
/// Settings come from `newsmatter.toml` in the current folder or the nearest above it (see
/// `--config`); `newsmatter rules` lists the codes it may set.
#[derive(Parser)]
#[command(name = "newsmatter", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and validate every record, and check them across the corpus; fix what can be
    /// fixed (--fix).
    Check(CheckArgs),
    /// Print the graph that the records' related lists form.
    Graph(GraphArgs),
    /// Print what the corpus holds: counts, distributions, most cited, largest clusters.
    Stats(StatsArgs),
    /// Rewrite records into the canonical rendering.
    Fmt(FmtArgs),
    /// Write one self-contained HTML page of the corpus: its problems, charts of its
    /// records, its related graph's largest clusters.
    ///
    /// The page opens from disk in any browser, offline: no script, nothing loaded. It is
    /// made from the same bounded scan as `check`, with the diagnostics at the levels the
    /// configuration sets. A corpus too large for one machine is reported a shard at a time
    /// (--shard K/N: the graph and the checks across records then see only the shard), or
    /// exported (`newsmatter export`) and queried across shards in DuckDB.
    Report(ReportArgs),
    /// Write the corpus as tables (records, related, diagnostics) for DuckDB, Spark,
    /// DataFusion: Parquet or NDJSON.
    Export(ExportArgs),
    /// List every code `check` reports, with its default level and what it means.
    Rules(RulesArgs),
    /// Explain a code at length, with an example and what to write instead.
    Explain(ExplainArgs),
    /// Print a JSON Schema (draft 2020-12) of the front matter, for editors.
    Schema,
    /// Print a shell's completion script for newsmatter.
    Completions(CompletionsArgs),
    /// Print newsmatter's man page (roff).
    Man,
}

#[derive(clap::Args)]
struct Input {
    /// Record files, and directories to walk for them; `-` (for `check`) reads one record
    /// from standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// File endings that count when walking directories, comma-separated (a file named
    /// here is read whatever its ending).
    #[arg(long, value_delimiter = ',', default_value = DEFAULT_EXT)]
    ext: Vec<String>,
    /// Keep unknown keys and report them as warnings instead of errors.
    #[arg(long)]
    lenient: bool,
    /// Read every front matter with the general YAML reader (serde_yaml) alone, not the fast
    /// reader first: the same answers, slower; for comparing.
    #[arg(long)]
    general_reader: bool,
    /// Follow symbolic links found in directories, where they lead inside the paths given
    /// (by default they are left alone; a path given is always followed).
    #[arg(long)]
    follow: bool,
    /// With --follow: follow links wherever they lead, outside the paths given too.
    #[arg(long, requires = "follow")]
    follow_outside: bool,
    /// The configuration file (by default `newsmatter.toml` in the current folder or the
    /// nearest above it).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    no_config: bool,
    /// Walk into what `.gitignore` files leave out, too.
    #[arg(long)]
    no_ignore: bool,
    /// Print nothing but problems: no progress bar, no summary.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    input: Input,
    /// Output: rustc-style diagnostics, JSON lines, GitHub workflow commands, SARIF 2.1.0 or
    /// JUnit XML.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    /// Treat every warning as an error.
    #[arg(long)]
    deny_warnings: bool,
    /// Exit with 0 even when there are errors (2 still says a file or the configuration
    /// could not be read).
    #[arg(long)]
    exit_zero: bool,
    /// Apply the safe fixes to the files, then report what is left.
    #[arg(long)]
    fix: bool,
    /// Print the fixes as a unified diff instead of writing them, and exit with 1 if there
    /// are any.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// With --fix or --diff: apply the unsafe fixes too (they change what a record says,
    /// such as dropping a related entry that cites the record itself).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Show each diagnostic's fix: a `help:` line that says what it does and whether `--fix`
    /// applies it, and in JSON a `fix` object (message, replacement, span, safe).
    #[arg(long)]
    show_fixes: bool,
    /// The name a record read from standard input (`-`) has in the output and for the
    /// configuration's per-path settings.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always or
    /// never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(clap::Args)]
struct GraphArgs {
    #[command(flatten)]
    input: Input,
    /// Output: JSON (nodes, edges, clusters) or Graphviz DOT.
    #[arg(long, value_enum, default_value_t = GraphFormat::Json)]
    format: GraphFormat,
}

#[derive(clap::Args)]
struct StatsArgs {
    #[command(flatten)]
    input: Input,
    /// Output: a readable summary, or JSON.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(clap::Args)]
struct FmtArgs {
    #[command(flatten)]
    input: Input,
    /// Only list the files that are not canonical, and exit with 1 if any.
    #[arg(long)]
    check: bool,
}

#[derive(clap::Args)]
struct ExportArgs {
    #[command(flatten)]
    input: Input,
    /// The folder to write the tables into (made if missing).
    #[arg(long, value_name = "DIR")]
    to: PathBuf,
    /// The tables' format.
    #[arg(long, value_enum, default_value_t = TablesFormat::Parquet)]
    format: TablesFormat,
    /// Only the files of shard K of N (by a stable hash of their path); shards 0..N together
    /// hold every file once. Checks across records then see only the shard.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
}

#[derive(clap::Args)]
struct ReportArgs {
    #[command(flatten)]
    input: Input,
    /// The HTML file to write (replaced as a whole, or left as it was).
    #[arg(long, value_name = "FILE")]
    to: PathBuf,
    /// Treat every warning as an error, as `check --deny-warnings` does.
    #[arg(long)]
    deny_warnings: bool,
    /// Only the files of shard K of N (by a stable hash of their path), as for export; the
    /// related graph and the checks across records then see only the shard.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
}

#[derive(clap::Args)]
struct RulesArgs {
    /// Output: a table, or JSON (one object per code).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// The code, as diagnostics show it (`topic-repeated`).
    code: String,
}

#[derive(clap::Args)]
struct CompletionsArgs {
    /// The shell.
    shell: clap_complete::Shell,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TablesFormat {
    Parquet,
    Ndjson,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Github,
    Sarif,
    Junit,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Json,
    Dot,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Graph(args) => graph(&args),
        Command::Stats(args) => stats(&args),
        Command::Fmt(args) => fmt(&args),
        Command::Report(args) => report(&args),
        Command::Export(args) => export(&args),
        Command::Rules(args) => rules(&args),
        Command::Explain(args) => explain(&args),
        Command::Schema => schema(),
        Command::Completions(args) => completions(&args),
        Command::Man => man(),
    };
    match result {
        Ok(code) => code,
        // Writing to stdout failed (a closed pipe, say): nothing more to say to anyone.
        Err(_) => ExitCode::from(2),
    }
}

impl Input {
    /// The configuration, as `--config` and `--no-config` say; said on stderr when it
    /// cannot be read.
    fn config(&self) -> Option<Config> {
        if self.no_config {
            return Some(Config::defaults());
        }
        match Config::find(self.config.as_deref()) {
            Ok(config) => Some(config),
            Err(err) => {
                eprintln!("error: {}", err.0);
                None
            }
        }
    }

    fn parse_options(&self, config: &Config) -> ParseOptions {
        let reader = if self.general_reader {
            Reader::General
        } else {
            Reader::Auto
        };
        ParseOptions::new()
            .lenient(self.lenient || config.lenient)
            .reader(reader)
    }

    fn validate_options(&self, config: &Config) -> ValidateOptions {
        let validate = ValidateOptions::new().parse_options(self.parse_options(config));
        match config.reference_time {
            Some(time) => validate.reference_time(time),
            None => validate,
        }
    }

    fn corpus_options(&self, config: &Arc<Config>) -> CorpusOptions {
        let links = match (self.follow, self.follow_outside) {
            (_, true) => Links::Anywhere,
            (true, false) => Links::WithinRoots,
            (false, false) => Links::Skip,
        };
        let options = CorpusOptions::new()
            .links(links)
            .extensions(self.ext.iter().cloned())
            .validate_options(self.validate_options(config));
        let gitignore = !self.no_ignore && config.respect_gitignore;
        if !config.filters(gitignore) {
            return options;
        }
        let config = Arc::clone(config);
        let gitignores = Gitignores::default();
        options.skip(move |path, is_dir| config.skips(path, is_dir, gitignore, &gitignores))
    }

    /// Says that no record file was found, where and for which endings: on stderr, or as
    /// JSON on stdout.
    fn nothing_found(&self, json: bool) -> std::io::Result<()> {
        let paths: Vec<String> = self
            .paths
            .iter()
            .map(|path| format!("`{}`", terminal::path(path)))
            .collect();
        let endings: Vec<String> = self
            .ext
            .iter()
            .map(|ext| format!("`.{}`", terminal::escape(ext)))
            .collect();
        let message = format!(
            "no record files in {}: looked for files ending in {} (choose others with --ext)",
            paths.join(", "),
            endings.join(", ")
        );
        if json {
            let line = serde_json::json!({"error": message, "summary": Totals::default()});
            writeln!(std::io::stdout(), "{line}")
        } else {
            eprintln!("error: {message}");
            Ok(())
        }
    }

    /// Checks the corpus in bounded memory ([`CorpusOptions::scan`]), with a progress bar
    /// on stderr when it is a terminal, calling `visit` on each file in path order; `None`,
    /// said on stderr (or as JSON), when there is no record file.
    fn scan<B>(
        &self,
        options: &CorpusOptions,
        json: bool,
        visit: impl FnMut(usize, &CorpusFile) -> ControlFlow<B>,
    ) -> std::io::Result<Option<ControlFlow<B, Scan>>> {
        let scan = with_progress(self.quiet, |progress| {
            options.scan(&self.paths, progress, visit)
        });
        if let ControlFlow::Continue(scan) = &scan {
            if scan.files().is_empty() {
                self.nothing_found(json)?;
                return Ok(None);
            }
        }
        Ok(Some(scan))
    }
}

/// Runs `work` with a progress bar on stderr when it is a terminal and not `quiet` (the same
/// bar for every command), and with a progress callback that does nothing otherwise.
fn with_progress<T>(quiet: bool, work: impl FnOnce(&(dyn Fn(Progress) + Sync)) -> T) -> T {
    if quiet || !std::io::stderr().is_terminal() {
        return work(&|_| {});
    }
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let done = work(&|progress: Progress| {
        bar.set_length(progress.total as u64);
        bar.set_position(progress.done as u64);
    });
    bar.finish_and_clear();
    done
}

fn check(args: &CheckArgs) -> std::io::Result<ExitCode> {
    let input = &args.input;
    let Some(config) = input.config() else {
        return Ok(ExitCode::from(2));
    };
    let config = Arc::new(config);
    let stdin = input.paths.iter().any(|path| path.as_os_str() == "-");
    if stdin && input.paths.len() > 1 {
        eprintln!("error: `-` reads one record from standard input: give no other path with it");
        return Ok(ExitCode::from(2));
    }
    if args.stdin_filename.is_some() && !stdin {
        eprintln!("error: --stdin-filename names the record read from `-`, which is not given");
        return Ok(ExitCode::from(2));
    }
    if stdin && (args.fix || args.diff) {
        eprintln!("error: --fix and --diff rewrite files: they do not read standard input");
        return Ok(ExitCode::from(2));
    }
    let options = input.corpus_options(&config);
    if args.fix || args.diff {
        let fixed = fix(args, &config, &options)?;
        if args.diff {
            return Ok(fixed);
        }
    }
    let json = args.format == CheckFormat::Json;
    // Only the human format shows the lines the diagnostics point at.
    let options = options.source_lines(args.format == CheckFormat::Human);
    // One record from standard input, or the corpus.
    let stdin_file;
    let scan;
    let files: Vec<(&dyn Source, &Report)> = if stdin {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
        stdin_file = options.load_reader(name, std::io::stdin().lock());
        vec![(&stdin_file as &dyn Source, stdin_file.report())]
    } else {
        let Some(ControlFlow::Continue(scanned)) = input.scan(&options, json, |_, _| {
            ControlFlow::<Infallible>::Continue(())
        })?
        else {
            return Ok(ExitCode::from(2));
        };
        scan = scanned;
        scan.files()
            .iter()
            .map(|file| (file as &dyn Source, file.report()))
            .collect()
    };
    let checked: Vec<Checked<'_>> = files
        .iter()
        .map(|(file, report)| Checked {
            path: file.path(),
            diagnostics: config.apply(file.path(), report.as_slice(), args.deny_warnings),
        })
        .collect();
    let totals = count(&checked);

    let mut stdout = std::io::stdout().lock();
    match args.format {
        CheckFormat::Human => {
            let renderer = match (args.color, std::env::var_os("NO_COLOR").is_some()) {
                (ColorChoice::Always, _) => Renderer::styled(),
                (ColorChoice::Auto, false) if std::io::stdout().is_terminal() => Renderer::styled(),
                _ => Renderer::plain(),
            };
            for ((file, _), checked) in files.iter().zip(&checked) {
                for diagnostic in &checked.diagnostics {
                    writeln!(
                        stdout,
                        "{}\n",
                        human(&renderer, *file, diagnostic, args.show_fixes)
                    )?;
                }
            }
            if !input.quiet {
                writeln!(stdout, "{}", summary_line(&totals))?;
            }
        }
        CheckFormat::Json => {
            for file in &checked {
                for diagnostic in &file.diagnostics {
                    let fix = args.show_fixes.then(|| diagnostic.fix()).flatten();
                    let line = JsonLine {
                        file: file.path.display().to_string(),
                        diagnostic,
                        fix: fix.map(|fix| FixJson {
                            fix,
                            safe: fix.is_safe(),
                        }),
                    };
                    writeln!(stdout, "{}", serde_json::to_string(&line)?)?;
                }
            }
            if !input.quiet {
                writeln!(
                    stdout,
                    "{}",
                    serde_json::to_string(&Summary { summary: totals })?
                )?;
            }
        }
        CheckFormat::Github => {
            ci::github(&mut stdout, &checked)?;
            if !input.quiet {
                writeln!(stdout, "{}", summary_line(&totals))?;
            }
        }
        CheckFormat::Sarif => {
            serde_json::to_writer_pretty(&mut stdout, &ci::sarif(&checked))?;
            writeln!(stdout)?;
        }
        CheckFormat::Junit => ci::junit(&mut stdout, &checked, &totals)?,
    }
    let unreadable = files.iter().any(|(_, report)| has_io_error(report));
    Ok(exit_code(unreadable, totals.errors > 0 && !args.exit_zero))
}

/// The files checked and their diagnostics, counted.
fn count(checked: &[Checked<'_>]) -> Totals {
    let mut totals = Totals::default();
    for file in checked {
        totals::add(&mut totals, &file.diagnostics);
    }
    totals
}

/// `check --fix` and `--diff`: applies (or shows) the fixes of the diagnostics that the
/// configuration reports, file by file, through the same atomic writer as `fmt`. Says on
/// stderr what it fixed; with `--diff`, the exit status.
fn fix(args: &CheckArgs, config: &Config, options: &CorpusOptions) -> std::io::Result<ExitCode> {
    let select = |path: &Path, d: &Diagnostic| {
        let reported = config.levels(path).of(d.code()) != Some(Level::Allow);
        reported
            && d.fix()
                .is_some_and(|fix| fix.is_safe() || args.unsafe_fixes)
    };
    let mut stdout = std::io::stdout().lock();
    let (mut changes, mut unreadable) = (false, false);
    for outcome in options.fix_files(&args.input.paths, &select, args.diff) {
        match outcome {
            Ok((path, FixOutcome::Fixed { fixed })) => {
                changes = true;
                if !args.input.quiet {
                    eprintln!(
                        "fixed {} in {}",
                        counted(fixed.len(), "problem"),
                        terminal::path(&path)
                    );
                }
            }
            Ok((path, FixOutcome::WouldFix { before, after, .. })) => {
                changes = true;
                let name = path.display().to_string();
                let diff = similar::TextDiff::from_lines(&before, &after);
                let unified = diff.unified_diff().header(&name, &name).to_string();
                write!(stdout, "{}", terminal::escape_lines(&unified))?;
            }
            Ok((path, FixOutcome::Kept(why))) => {
                eprintln!("note: left {} as it is: {why}", terminal::path(&path));
            }
            Ok(_) => {}
            // `check` itself reports what cannot be read.
            Err(err) => unreadable |= err.kind() == ErrorKind::Io,
        }
    }
    Ok(exit_code(unreadable, changes))
}

/// A diagnostic as a line of `check --format json`: its file, then the diagnostic's own keys.
#[derive(Serialize)]
struct JsonLine<'a> {
    file: String,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
    /// With `--show-fixes`, the diagnostic's fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixJson<'a>>,
}

/// A fix in JSON: the suggestion's keys, and whether `--fix` applies it without
/// `--unsafe-fixes`.
#[derive(Serialize)]
struct FixJson<'a> {
    #[serde(flatten)]
    fix: &'a newsmatter::report::Suggestion,
    safe: bool,
}

/// The last line of `check --format json`.
#[derive(Serialize)]
struct Summary {
    summary: Totals,
}

/// `3 files, 2 valid, 1 error, 0 warnings`.
fn summary_line(totals: &Totals) -> String {
    format!(
        "{}, {} valid, {}, {}",
        counted(totals.files, "file"),
        totals.valid,
        counted(totals.errors, "error"),
        counted(totals.warnings, "warning")
    )
}

/// 2 when a path could not be read, 1 when anything else is an error, 0 otherwise.
fn exit_code(unreadable: bool, errors: bool) -> ExitCode {
    match (unreadable, errors) {
        (true, _) => ExitCode::from(2),
        (false, true) => ExitCode::from(1),
        (false, false) => ExitCode::SUCCESS,
    }
}

/// `newsmatter rules`: every code, its default level and its one-line description.
fn rules(args: &RulesArgs) -> std::io::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for code in Code::ALL {
        let level = match (code.severity(), code.is_adjustable()) {
            (Severity::Warning, _) => "warn",
            (_, true) => "deny",
            (_, false) => "error",
        };
        match args.format {
            Format::Human => writeln!(
                out,
                "{:<26} {level:<5} {}",
                code.as_str(),
                code.description()
            )?,
            Format::Json => writeln!(
                out,
                "{}",
                serde_json::json!({
                    "code": code.as_str(),
                    "level": level,
                    "configurable": code.is_adjustable(),
                    "description": code.description(),
                })
            )?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `newsmatter explain CODE`.
fn explain(args: &ExplainArgs) -> std::io::Result<ExitCode> {
    let code: Code = match args.code.parse() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", terminal::escape(&err.to_string()));
            return Ok(ExitCode::from(2));
        }
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} ({}): {}\n",
        code.as_str(),
        code.severity(),
        code.description()
    )?;
    write!(out, "{}", code.explanation())?;
    Ok(ExitCode::SUCCESS)
}

/// `newsmatter schema`.
fn schema() -> std::io::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &newsmatter::read::json_schema())?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// `newsmatter completions SHELL`.
fn completions(args: &CompletionsArgs) -> std::io::Result<ExitCode> {
    let mut command = Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "newsmatter",
        &mut std::io::stdout(),
    );
    Ok(ExitCode::SUCCESS)
}

/// `newsmatter man`.
fn man() -> std::io::Result<ExitCode> {
    clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
    Ok(ExitCode::SUCCESS)
}

fn graph(args: &GraphArgs) -> std::io::Result<ExitCode> {
    let Some(config) = args.input.config() else {
        return Ok(ExitCode::from(2));
    };
    let options = args
        .input
        .corpus_options(&Arc::new(config))
        .source_lines(false);
    let Some(ControlFlow::Continue(scan)) = args.input.scan(&options, false, |_, _| {
        ControlFlow::<Infallible>::Continue(())
    })?
    else {
        return Ok(ExitCode::from(2));
    };
    let graph = scan.graph();
    let mut stdout = std::io::stdout().lock();
    match args.format {
        GraphFormat::Json => {
            serde_json::to_writer(&mut stdout, &graph.to_view())?;
            writeln!(stdout)?;
        }
        GraphFormat::Dot => write!(stdout, "{}", graph.to_dot())?,
    }
    Ok(left_out(&scan))
}

fn has_io_error(report: &Report) -> bool {
    report.iter().any(|d| d.code() == Code::Io)
}

/// Says on stderr which files `graph` and `stats` left out, since they did not parse, and
/// why; the exit status `check` would give for them.
fn left_out(scan: &Scan) -> ExitCode {
    let totals = scan.totals();
    if totals.unparsed == 0 {
        return ExitCode::SUCCESS;
    }
    for file in scan.files().iter().filter(|file| !file.parsed()) {
        if let Some(error) = file.report().errors().next() {
            let at = match (error.line(), error.column()) {
                (Some(line), Some(column)) => format!(":{line}:{column}"),
                _ => String::new(),
            };
            eprintln!(
                "warning: left out {}{at}: {} [{}]",
                terminal::path(file.path()),
                terminal::escape(&error.to_string()),
                error.code()
            );
        }
    }
    eprintln!(
        "warning: {} of {} left out: they do not parse (`newsmatter check` shows every problem)",
        counted(totals.unparsed, "file"),
        totals.files
    );
    let unreadable = scan.files().iter().any(|file| has_io_error(file.report()));
    exit_code(unreadable, true)
}

fn stats(args: &StatsArgs) -> std::io::Result<ExitCode> {
    let Some(config) = args.input.config() else {
        return Ok(ExitCode::from(2));
    };
    let options = args
        .input
        .corpus_options(&Arc::new(config))
        .source_lines(false);
    let mut tally = StatsTally::new();
    let json = args.format == Format::Json;
    let Some(ControlFlow::Continue(scan)) = args.input.scan(&options, json, |_, file| {
        tally.add(file.document().map(|doc| &doc.record));
        ControlFlow::<Infallible>::Continue(())
    })?
    else {
        return Ok(ExitCode::from(2));
    };
    let stats = tally.finish(&scan.graph());
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&stats)?)?,
        Format::Human => print_stats(&mut out, &stats)?,
    }
    Ok(left_out(&scan))
}

fn print_stats(out: &mut impl Write, s: &CorpusStats) -> std::io::Result<()> {
    let list = |counts: &mut dyn Iterator<Item = (String, usize)>| {
        counts
            .map(|(name, count)| format!("{} {count}", terminal::escape(&name)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(
        out,
        "files:            {} ({})",
        s.files,
        counted(s.records, "record")
    )?;
    writeln!(
        out,
        "by type:          {}",
        list(&mut s.by_type.iter().map(|(k, v)| (k.clone(), *v)))
    )?;
    writeln!(
        out,
        "by category:      {}",
        list(&mut s.by_category.iter().map(|(k, v)| {
            // An empty category would be an empty space in the list.
            let name = if k.is_empty() { "(empty)" } else { k.as_str() };
            (name.to_owned(), *v)
        }))
    )?;
    writeln!(
        out,
        "by month:         {}",
        list(&mut s.by_month.iter().map(|(k, v)| (k.clone(), *v)))
    )?;
    writeln!(
        out,
        "top providers:    {}",
        list(&mut s.top_providers.iter().map(|c| (c.name.clone(), c.count)))
    )?;
    writeln!(
        out,
        "top topics:       {}",
        list(&mut s.top_topics.iter().map(|c| (c.name.clone(), c.count)))
    )?;
    for (name, distribution) in [("quality", &s.quality), ("heat (ranked)", &s.heat)] {
        match distribution {
            Some(d) => writeln!(
                out,
                "{:<18}min {}, median {}, mean {}, max {}",
                format!("{name}:"),
                d.min,
                d.median,
                d.mean,
                d.max
            )?,
            None => writeln!(out, "{:<18}none", format!("{name}:"))?,
        }
    }
    writeln!(out, "not ranked:       {}", s.not_ranked)?;
    writeln!(out, "published:        {}", s.published)?;
    writeln!(out, "without scores:   {}", s.without_scores)?;
    writeln!(out, "with AMP URLs:    {}", s.with_amp)?;
    writeln!(out, "with images:      {}", s.with_images)?;
    writeln!(
        out,
        "with related:     {} ({})",
        s.with_related,
        counted(s.related_entries, "entry")
    )?;
    writeln!(out, "most cited:")?;
    for cited in &s.most_cited {
        let external = if cited.in_corpus { "" } else { " (external)" };
        let title = terminal::escape(&cited.title);
        writeln!(out, "  {:>4} × {title}{external}", cited.citations)?;
    }
    writeln!(out, "largest clusters:")?;
    for cluster in &s.largest_clusters {
        let title = terminal::escape(&cluster.title);
        let size = counted(cluster.size, "article");
        writeln!(out, "  {size:>13}: {title}")?;
    }
    Ok(())
}

fn report(args: &ReportArgs) -> std::io::Result<ExitCode> {
    let input = &args.input;
    let Some(config) = input.config() else {
        return Ok(ExitCode::from(2));
    };
    let config = Arc::new(config);
    // The page shows no source lines.
    let options = input.corpus_options(&config).source_lines(false);
    let options = match args.shard {
        Some(shard) => options.shard(shard),
        None => options,
    };
    let mut tally = html_report::Tally::default();
    let Some(ControlFlow::Continue(scan)) = input.scan(&options, false, |_, file| {
        tally.add(file.document().map(|doc| &doc.record));
        ControlFlow::<Infallible>::Continue(())
    })?
    else {
        return Ok(ExitCode::from(2));
    };
    if let Some(record) = html_report::among(&args.to, scan.files().iter().map(|f| f.path())) {
        eprintln!(
            "error: --to names {}, a record file the report reads: give the page another name",
            terminal::path(record)
        );
        return Ok(ExitCode::from(2));
    }
    let graph = scan.graph();
    let report = html_report::Report {
        inputs: &input.paths,
        shard: args.shard,
        tally,
        graph: &graph,
    };
    let files = scan.files().iter().map(|file| {
        let diagnostics = config.apply(file.path(), file.report().as_slice(), args.deny_warnings);
        (file, diagnostics)
    });
    let written = report
        .render(files)
        .and_then(|(html, totals)| html_report::write(&args.to, &html).map(|()| totals));
    match written {
        Ok(totals) => {
            if !input.quiet {
                eprintln!(
                    "wrote the report of {} ({} not parsed) to {}",
                    summary_line(&totals),
                    totals.unparsed,
                    terminal::path(&args.to)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!(
                "error: cannot write {}: {}",
                terminal::path(&args.to),
                terminal::escape(&err.to_string())
            );
            Ok(ExitCode::from(2))
        }
    }
}

fn export(args: &ExportArgs) -> std::io::Result<ExitCode> {
    let Some(config) = args.input.config() else {
        return Ok(ExitCode::from(2));
    };
    let corpus = args.input.corpus_options(&Arc::new(config));
    if corpus.find_files(&args.input.paths).is_empty() {
        args.input.nothing_found(false)?;
        return Ok(ExitCode::from(2));
    }
    let format = match args.format {
        TablesFormat::Parquet => TableFormat::Parquet,
        TablesFormat::Ndjson => TableFormat::Ndjson,
    };
    let options = ExportOptions::new(corpus)
        .format(format)
        .shard(args.shard.unwrap_or_else(Shard::whole));
    let exported = with_progress(args.input.quiet, |progress| {
        options.export(&args.input.paths, &args.to, progress)
    });
    match exported {
        Ok(_) if args.input.quiet => Ok(ExitCode::SUCCESS),
        Ok(summary) => {
            let shard = args
                .shard
                .map_or_else(String::new, |shard| format!(" (shard {shard})"));
            eprintln!(
                "exported {}{shard}: {} records, {} related entries, {} diagnostics, to {}",
                counted(summary.totals.files, "file"),
                summary.records,
                summary.related,
                summary.diagnostics,
                terminal::path(&args.to)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("error: {}", terminal::escape(&err.to_string()));
            Ok(ExitCode::from(2))
        }
    }
}

fn fmt(args: &FmtArgs) -> std::io::Result<ExitCode> {
    let Some(config) = args.input.config() else {
        return Ok(ExitCode::from(2));
    };
    let outcomes = args
        .input
        .corpus_options(&Arc::new(config))
        .format_files(&args.input.paths, args.check);
    if outcomes.is_empty() {
        args.input.nothing_found(false)?;
        return Ok(ExitCode::from(2));
    }
    let (mut unreadable, mut failed, mut differ) = (false, false, false);
    let mut stdout = std::io::stdout().lock();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for outcome in outcomes {
        let path = match &outcome {
            Ok((path, _)) => Some(path.as_path()),
            Err(err) => err.file(),
        };
        dirs.extend(path.map(|path| match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        }));
        match outcome {
            Ok((path, FormatOutcome::WouldReformat)) => {
                differ = true;
                writeln!(stdout, "{}", terminal::path(&path))?;
            }
            Ok((path, FormatOutcome::Reformatted)) => {
                if !args.input.quiet {
                    writeln!(stdout, "reformatted {}", terminal::path(&path))?;
                }
            }
            Ok((path, FormatOutcome::Kept(why))) => {
                differ = true;
                eprintln!("note: left {} as it is: {why}", terminal::path(&path));
            }
            // Canonical: nothing to say.
            Ok(_) => {}
            Err(err) => {
                unreadable |= err.kind() == ErrorKind::Io;
                failed = true;
                eprintln!("error: {}", terminal::escape(&err.to_string()));
            }
        }
    }
    if !args.check {
        // What a killed run left beside the files, once for each folder.
        dirs.sort();
        dirs.dedup();
        for dir in dirs {
            for stale in remove_stale_temporaries(&dir).unwrap_or_default() {
                eprintln!(
                    "note: removed {}, left by a run that was stopped",
                    terminal::path(&stale)
                );
            }
        }
    }
    Ok(exit_code(unreadable, failed || differ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmatter::corpus::DEFAULT_EXTENSIONS;

    #[test]
    fn ext_default_is_the_library_default() {
        assert_eq!(DEFAULT_EXT, DEFAULT_EXTENSIONS.join(","));
    }

    #[test]
    fn counts_agree_with_their_number() {
        let mut totals = Totals::default();
        (totals.files, totals.errors, totals.warnings) = (1, 1, 2);
        assert_eq!(
            summary_line(&totals),
            "1 file, 0 valid, 1 error, 2 warnings"
        );
    }
}
