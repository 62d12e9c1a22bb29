//! The `newsmatter` command line: check, graph, stats, fmt and export over a corpus of news
//! records.
//!
//! Thin by design: argument parsing and printing. Everything it reports comes from the library.

#![forbid(unsafe_code)]

mod terminal;

use std::convert::Infallible;
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use newsmatter::corpus::stats::{CorpusStats, StatsTally};
use newsmatter::corpus::{CorpusFile, FileReport, Links, Progress, Scan, Shard, Totals};
use newsmatter::export::{ExportOptions, TableFormat};
use newsmatter::read::Reader;
use newsmatter::report::{Code, Diagnostic, ErrorKind, Report, Severity};
use newsmatter::write::{remove_stale_temporaries, FormatOutcome};
use newsmatter::{CorpusOptions, ParseOptions, ValidateOptions};
use serde::Serialize;

/// See `Cargo.toml`: a scan frees as much as it allocates, which mimalloc serves faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `newsmatter::corpus::DEFAULT_EXTENSIONS` as `--ext` takes them (a test keeps the two equal).
const DEFAULT_EXT: &str = "md,markdown";

/// Reads, checks and connects news records: Markdown files with YAML front matter.
#[derive(Parser)]
#[command(name = "newsmatter", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and validate every record, and check them across the corpus.
    Check(CheckArgs),
    /// Print the graph that the records' related lists form.
    Graph(GraphArgs),
    /// Print what the corpus holds: counts, distributions, most cited, largest clusters.
    Stats(StatsArgs),
    /// Rewrite records into the canonical rendering.
    Fmt(FmtArgs),
    /// Write the corpus as tables (records, related, diagnostics) for DuckDB, Spark,
    /// DataFusion: Parquet or NDJSON.
    Export(ExportArgs),
}

#[derive(clap::Args)]
struct Input {
    /// Record files, and directories to walk for them.
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
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    input: Input,
    /// Output: rustc-style diagnostics, or one JSON object per line.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat every warning as an error.
    #[arg(long)]
    deny_warnings: bool,
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
        Command::Export(args) => export(&args),
    };
    match result {
        Ok(code) => code,
        // Writing to stdout failed (a closed pipe, say): nothing more to say to anyone.
        Err(_) => ExitCode::from(2),
    }
}

impl Input {
    fn parse_options(&self) -> ParseOptions {
        let reader = if self.general_reader {
            Reader::General
        } else {
            Reader::Auto
        };
        ParseOptions::new().lenient(self.lenient).reader(reader)
    }

    fn corpus_options(&self, validate: ValidateOptions) -> CorpusOptions {
        let links = match (self.follow, self.follow_outside) {
            (_, true) => Links::Anywhere,
            (true, false) => Links::WithinRoots,
            (false, false) => Links::Skip,
        };
        CorpusOptions::new()
            .links(links)
            .extensions(self.ext.iter().cloned())
            .validate_options(validate.parse_options(self.parse_options()))
    }

    /// Says that no record file was found, where and for which endings.
    fn nothing_found(&self) {
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
        eprintln!(
            "error: no record files in {}: looked for files ending in {} (choose others with --ext)",
            paths.join(", "),
            endings.join(", ")
        );
    }

    /// Checks the corpus in bounded memory ([`CorpusOptions::scan`]), with a progress bar
    /// on stderr when it is a terminal, calling `visit` on each file in path order; `None`,
    /// said on stderr, when there is no record file.
    fn scan<B>(
        &self,
        options: &CorpusOptions,
        visit: impl FnMut(usize, &CorpusFile) -> ControlFlow<B>,
    ) -> Option<ControlFlow<B, Scan>> {
        let scan = with_progress(|progress| options.scan(&self.paths, progress, visit));
        if let ControlFlow::Continue(scan) = &scan {
            if scan.files().is_empty() {
                self.nothing_found();
                return None;
            }
        }
        Some(scan)
    }
}

/// Runs `work` with a progress bar on stderr when it is a terminal (the same bar for every
/// command), and with a progress callback that does nothing otherwise.
fn with_progress<T>(work: impl FnOnce(&(dyn Fn(Progress) + Sync)) -> T) -> T {
    if !std::io::stderr().is_terminal() {
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
    let validate = ValidateOptions::new().deny_warnings(args.deny_warnings);
    let options = args.input.corpus_options(validate);
    let Some(ControlFlow::Continue(scan)) = args
        .input
        .scan(&options, |_, _| ControlFlow::<Infallible>::Continue(()))
    else {
        return Ok(ExitCode::from(2));
    };

    let mut stdout = std::io::stdout().lock();
    let renderer = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for file in scan.files() {
        for diagnostic in file.report() {
            match args.format {
                Format::Json => {
                    let line = JsonLine {
                        file: file.path().display().to_string(),
                        diagnostic,
                    };
                    writeln!(stdout, "{}", serde_json::to_string(&line)?)?;
                }
                Format::Human => writeln!(stdout, "{}\n", human(&renderer, file, diagnostic))?,
            }
        }
    }
    let totals = scan.totals();
    match args.format {
        Format::Json => writeln!(
            stdout,
            "{}",
            serde_json::to_string(&Summary { summary: totals })?
        )?,
        Format::Human => writeln!(stdout, "{}", summary_line(&totals))?,
    }
    let unreadable = scan.files().iter().any(|file| has_io_error(file.report()));
    Ok(exit_code(unreadable, totals.errors > 0))
}

/// A diagnostic as a line of `check --format json`: its file, then the diagnostic's own keys.
#[derive(Serialize)]
struct JsonLine<'a> {
    file: String,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
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

/// `1 file`, `2 files`.
fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// 2 when a path could not be read, 1 when anything else is an error, 0 otherwise.
fn exit_code(unreadable: bool, errors: bool) -> ExitCode {
    match (unreadable, errors) {
        (true, _) => ExitCode::from(2),
        (false, true) => ExitCode::from(1),
        (false, false) => ExitCode::SUCCESS,
    }
}

/// The longest source line, in bytes, shown beside a diagnostic.
const MAX_SHOWN_LINE: usize = 1024;

/// One diagnostic in the style of rustc: the title, the file and position, and the source
/// line (the `secured` payload redacted) with a caret under the offending value.
fn human(renderer: &Renderer, file: &FileReport, d: &Diagnostic) -> String {
    let level = match d.severity() {
        Severity::Warning => Level::WARNING,
        _ => Level::ERROR,
    };
    let title = terminal::escape(&d.to_string()).into_owned();
    let path = terminal::path(file.path());
    // A line too long to read beside a caret is not shown (the renderer's cost grows with
    // it, once per diagnostic: a long flow list would cost the square of its length).
    let line = d.line().and_then(|line| {
        let text = file
            .source_line(line)
            .filter(|text| text.len() <= MAX_SHOWN_LINE)?;
        Some((line, text.to_owned()))
    });
    let group = level.primary_title(title).id(d.code().as_str());
    let report = match (line, d.column()) {
        (Some((number, raw)), Some(column)) => {
            // The caret's column is counted in the line as written; the line is shown
            // escaped, and the span moves with what comes before it.
            let raw_start = raw
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(raw.len(), |(at, _)| at);
            // To the end of the range, or of the line for a range that goes on past it.
            let raw_end = match d.span() {
                Some(span) if span.end.line == number => raw
                    .char_indices()
                    .nth(span.end.column.saturating_sub(1))
                    .map_or(raw.len(), |(at, _)| at),
                _ => raw.trim_end().len(),
            }
            .max(raw_start);
            let before = terminal::escape(&raw[..raw_start]);
            let marked = terminal::escape(&raw[raw_start..raw_end]);
            let text = format!("{before}{marked}{}", terminal::escape(&raw[raw_end..]));
            let start = before.len();
            let end = start + marked.len();
            let span = if start == end {
                start..start
            } else {
                start..end
            };
            let snippet = Snippet::source(text)
                .line_start(number)
                .path(path)
                .annotation(AnnotationKind::Primary.span(span));
            renderer.render(&[footers(group.element(snippet), d)])
        }
        _ => {
            let mut origin = Origin::path(path);
            if let (Some(line), Some(column)) = (d.line(), d.column()) {
                origin = origin.line(line).char_column(column);
            }
            renderer.render(&[footers(group.element(origin), d)])
        }
    };
    report.to_string()
}

/// A diagnostic's suggestion, as a `help:` line, and its note, as a `note:` line.
fn footers<'a>(mut group: Group<'a>, d: &'a Diagnostic) -> Group<'a> {
    if let Some(suggestion) = d.suggestion() {
        let help = terminal::escape(suggestion.message()).into_owned();
        group = group.element(Level::HELP.message(help));
    }
    if let Some(note) = d.note() {
        group = group.element(Level::NOTE.message(terminal::escape(note).into_owned()));
    }
    group
}

fn graph(args: &GraphArgs) -> std::io::Result<ExitCode> {
    let options = args.input.corpus_options(ValidateOptions::new());
    let Some(ControlFlow::Continue(scan)) = args
        .input
        .scan(&options, |_, _| ControlFlow::<Infallible>::Continue(()))
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
    let options = args.input.corpus_options(ValidateOptions::new());
    let mut tally = StatsTally::new();
    let Some(ControlFlow::Continue(scan)) = args.input.scan(&options, |_, file| {
        tally.add(file.document().map(|doc| &doc.record));
        ControlFlow::<Infallible>::Continue(())
    }) else {
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
    writeln!(out, "files:            {} ({} records)", s.files, s.records)?;
    writeln!(
        out,
        "by type:          {}",
        list(&mut s.by_type.iter().map(|(k, v)| (k.clone(), *v)))
    )?;
    writeln!(
        out,
        "by category:      {}",
        list(&mut s.by_category.iter().map(|(k, v)| (k.clone(), *v)))
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
        "with related:     {} ({} entries)",
        s.with_related, s.related_entries
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
        writeln!(out, "  {:>4} articles: {title}", cluster.size)?;
    }
    Ok(())
}

fn export(args: &ExportArgs) -> std::io::Result<ExitCode> {
    let corpus = args.input.corpus_options(ValidateOptions::new());
    if corpus.find_files(&args.input.paths).is_empty() {
        args.input.nothing_found();
        return Ok(ExitCode::from(2));
    }
    let format = match args.format {
        TablesFormat::Parquet => TableFormat::Parquet,
        TablesFormat::Ndjson => TableFormat::Ndjson,
    };
    let options = ExportOptions::new(corpus)
        .format(format)
        .shard(args.shard.unwrap_or_else(Shard::whole));
    let exported = with_progress(|progress| options.export(&args.input.paths, &args.to, progress));
    match exported {
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
    let outcomes = args
        .input
        .corpus_options(ValidateOptions::new())
        .format_files(&args.input.paths, args.check);
    if outcomes.is_empty() {
        args.input.nothing_found();
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
                writeln!(stdout, "reformatted {}", terminal::path(&path))?
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
