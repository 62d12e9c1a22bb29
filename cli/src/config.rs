//! `newsmatter.toml`: found in the current folder or the nearest above it (or named with
//! `--config`), read strictly (an unknown key is an error with its line), and what it says:
//! rule levels, per-path overrides, which files a walk takes, the reference time, lenient
//! reading.

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;
use newsmatter::chrono::{DateTime, FixedOffset};
use newsmatter::report::{Code, Diagnostic, Severity};
use serde::Deserialize;
use toml::Spanned;

/// The file's name.
pub const FILE_NAME: &str = "newsmatter.toml";

/// What a configuration sets a code's diagnostics to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Allow,
    /// A warning.
    Warn,
    /// An error.
    Deny,
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    lenient: bool,
    reference_time: Option<Spanned<String>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    respect_gitignore: Option<bool>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
    #[serde(default)]
    overrides: Vec<OverrideFile>,
}

/// One `[[overrides]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
}

/// A configuration, read and checked.
#[derive(Debug, Default)]
pub struct Config {
    /// The folder its patterns are relative to.
    dir: PathBuf,
    /// Keep unknown keys, as warnings.
    pub lenient: bool,
    /// The time after which a date is in the future.
    pub reference_time: Option<DateTime<FixedOffset>>,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// Leave out what `.gitignore` files leave out.
    pub respect_gitignore: bool,
    rules: Vec<(Code, Level)>,
    overrides: Vec<(GlobSet, Vec<(Code, Level)>)>,
}

/// The levels that apply to one file, from [`Config::levels`].
pub struct Levels<'c> {
    /// The rules of the overrides whose paths match it, in the file's order.
    overrides: Vec<&'c [(Code, Level)]>,
    rules: &'c [(Code, Level)],
}

impl Levels<'_> {
    /// The level of `code`, if one is configured: the last override that names it has the
    /// last word, else `[rules]`.
    pub fn of(&self, code: Code) -> Option<Level> {
        self.overrides
            .iter()
            .rev()
            .chain(std::iter::once(&self.rules))
            .find_map(|rules| {
                rules
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map(|(_, level)| *level)
            })
    }
}

/// Why a configuration could not be read, with its file and line.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl Config {
    /// The defaults: no file.
    pub fn defaults() -> Self {
        Config {
            respect_gitignore: true,
            ..Config::default()
        }
    }

    /// Reads `explicit`, or the `newsmatter.toml` of the current folder or the nearest
    /// folder above it; the defaults when there is none.
    pub fn find(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => {
                let cwd = std::env::current_dir()
                    .map_err(|err| ConfigError(format!("cannot tell the current folder: {err}")))?;
                match cwd
                    .ancestors()
                    .map(|dir| dir.join(FILE_NAME))
                    .find(|candidate| candidate.is_file())
                {
                    Some(found) => found,
                    None => return Ok(Config::defaults()),
                }
            }
        };
        let shown = crate::terminal::path(&path);
        let text = read_small(&path)
            .map_err(|err| ConfigError(format!("{shown}: cannot read it: {err}")))?;
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = absolute(&dir);
        Config::parse(&text, dir).map_err(|message| ConfigError(format!("{shown}: {message}")))
    }

    /// Reads the text of a configuration whose patterns are relative to `dir`.
    fn parse(text: &str, dir: PathBuf) -> Result<Config, String> {
        let file: File = toml::from_str(text)
            .map_err(|err| crate::terminal::escape_lines(err.to_string().trim_end()))?;
        let at = |span: std::ops::Range<usize>| {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}")
        };
        let reference_time = match &file.reference_time {
            None => None,
            Some(time) => Some(DateTime::parse_from_rfc3339(time.get_ref()).map_err(|err| {
                format!(
                    "{}: `reference-time`: {err}: expected an RFC 3339 date-time with an offset, like 2030-01-01T00:00:00Z",
                    at(time.span())
                )
            })?),
        };
        let globs = |patterns: &[Spanned<String>]| -> Result<Option<GlobSet>, String> {
            if patterns.is_empty() {
                return Ok(None);
            }
            let mut set = GlobSetBuilder::new();
            for pattern in patterns {
                let glob = Glob::new(pattern.get_ref()).map_err(|err| {
                    format!(
                        "{}: {}",
                        at(pattern.span()),
                        crate::terminal::escape(&err.to_string())
                    )
                })?;
                set.add(glob);
            }
            set.build().map(Some).map_err(|err| err.to_string())
        };
        let rules =
            |table: &BTreeMap<Spanned<String>, Level>| -> Result<Vec<(Code, Level)>, String> {
                table
                    .iter()
                    .map(|(name, level)| {
                        Ok((
                            adjustable_code(name.get_ref())
                                .map_err(|why| format!("{}: {why}", at(name.span())))?,
                            *level,
                        ))
                    })
                    .collect()
            };
        let mut overrides = Vec::new();
        for entry in &file.overrides {
            let paths = globs(&entry.paths)?
                .ok_or_else(|| "an `[[overrides]]` table with no `paths`".to_owned())?;
            overrides.push((paths, rules(&entry.rules)?));
        }
        Ok(Config {
            dir,
            lenient: file.lenient,
            reference_time,
            include: globs(&file.include)?,
            exclude: globs(&file.exclude)?,
            respect_gitignore: file.respect_gitignore.unwrap_or(true),
            rules: rules(&file.rules)?,
            overrides,
        })
    }

    /// The diagnostics of the file at `path` at the levels configured (those allowed left
    /// out), then every warning an error if `deny_warnings`.
    pub fn apply(
        &self,
        path: &Path,
        diagnostics: &[Diagnostic],
        deny_warnings: bool,
    ) -> Vec<Diagnostic> {
        let levels = self.levels(path);
        diagnostics
            .iter()
            .filter_map(|diagnostic| {
                let diagnostic = match levels.of(diagnostic.code()) {
                    Some(Level::Allow) => return None,
                    Some(Level::Warn) => diagnostic.clone().with_severity(Severity::Warning),
                    Some(Level::Deny) => diagnostic.clone().with_severity(Severity::Error),
                    None => diagnostic.clone(),
                };
                Some(if deny_warnings {
                    diagnostic.with_severity(Severity::Error)
                } else {
                    diagnostic
                })
            })
            .collect()
    }

    /// The levels configured for the file at `path`: its overrides, then `[rules]`.
    pub fn levels(&self, path: &Path) -> Levels<'_> {
        // Made relative only when an override may match.
        let relative = match self.overrides.is_empty() {
            true => None,
            false => self.relative(path),
        };
        let overrides = match relative {
            Some(relative) => self
                .overrides
                .iter()
                .filter(|(paths, _)| paths.is_match(&relative))
                .map(|(_, rules)| rules.as_slice())
                .collect(),
            None => Vec::new(),
        };
        Levels {
            overrides,
            rules: &self.rules,
        }
    }

    /// `path` relative to the configuration's folder, when it lies there.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        absolute(path)
            .strip_prefix(&self.dir)
            .ok()
            .map(Path::to_path_buf)
    }

    /// Whether a walk leaves out `path`: outside `include`, inside `exclude`, or (with
    /// `gitignore`) left out by a `.gitignore`. `gitignores` caches the files read.
    pub fn skips(
        &self,
        path: &Path,
        is_dir: bool,
        gitignore: bool,
        gitignores: &Gitignores,
    ) -> bool {
        let patterns = self.include.is_some() || self.exclude.is_some();
        if let Some(relative) = patterns.then(|| self.relative(path)).flatten() {
            if let Some(exclude) = &self.exclude {
                // A folder goes when it matches, or when anything in it would (`drafts/**`).
                let excluded = exclude.is_match(&relative)
                    || (is_dir && exclude.is_match(relative.join(".newsmatter-probe")));
                if excluded {
                    return true;
                }
            }
            if !is_dir
                && self
                    .include
                    .as_ref()
                    .is_some_and(|set| !set.is_match(&relative))
            {
                return true;
            }
        }
        gitignore && gitignores.ignores(path, is_dir)
    }

    /// Whether a walk needs to ask [`Config::skips`] at all (`gitignore`: whether
    /// `.gitignore` files are to be read).
    pub fn filters(&self, gitignore: bool) -> bool {
        self.include.is_some() || self.exclude.is_some() || gitignore
    }
}

/// The code named `name`, if configuration may set its level.
fn adjustable_code(name: &str) -> Result<Code, String> {
    let code: Code = name
        .parse()
        .map_err(|err: newsmatter::report::UnknownCode| {
            crate::terminal::escape(&err.to_string()).into_owned()
        })?;
    if code.is_adjustable() {
        Ok(code)
    } else {
        Err(format!(
            "`{name}` cannot be configured: it says the file could not be read as a record"
        ))
    }
}

/// Reads a configuration file, refusing one over a megabyte.
fn read_small(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    // Not a FIFO or a device, which could keep the read waiting.
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    const LIMIT: u64 = 1 << 20;
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(LIMIT + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > LIMIT {
        return Err(std::io::Error::other("over 1 MiB"));
    }
    Ok(text)
}

/// `path` made absolute against the current folder, `.` and `..` resolved by name (links
/// are not followed: the patterns are about names).
fn absolute(path: &Path) -> PathBuf {
    // Asked once: a walk asks about every path it finds.
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let joined = match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) => cwd.join(path),
        None => path.to_path_buf(),
    };
    // A `..` anywhere, or a `.` first (in a path left relative), is resolved; else the path
    // is kept as it is. Looked for in the bytes: a walk asks about every path it finds, and
    // cutting each into components cost more than the rest of the question.
    let bytes = joined.as_os_str().as_encoded_bytes();
    let dotted = bytes
        .split(|&b| b == b'/')
        .enumerate()
        .any(|(i, name)| name == b".." || (i == 0 && name == b"."));
    match dotted {
        true => resolve_dots(&joined),
        false => joined,
    }
}

/// `path` with its `.` dropped and each `..` taking away the name before it, by name.
fn resolve_dots(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The `.gitignore` files of the folders a walk passes through, read once each, applied as
/// git does: inside a git repository only, the deepest file's last matching line deciding.
#[derive(Default)]
pub struct Gitignores {
    /// For each folder asked about (as the walk wrote it): the `.gitignore` files that apply
    /// to what it holds, deepest first up to its repository's root (none outside a
    /// repository). Found once a folder, so that each file of a walk costs one lookup and its
    /// matches.
    /// Keyed by the folder's bytes (hashed and compared as one string, not component by
    /// component: a folder written two ways is only looked up twice).
    folders: Mutex<Folders>,
    /// Each folder's own `.gitignore`, read once.
    read: Mutex<HashMap<PathBuf, Option<Arc<Gitignore>>>>,
    /// The repository each folder asked about is in, if any.
    repositories: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

/// The `.gitignore` files that apply in a folder, deepest first.
type Chain = Arc<[Arc<Gitignore>]>;

/// The chains found, by folder, and the last one asked for: a walk asks about the files of
/// one folder one after another, so most files cost a comparison of bytes, not a lookup.
#[derive(Default)]
struct Folders {
    chains: HashMap<OsString, Chain>,
    last: Option<(OsString, Chain)>,
}

impl Gitignores {
    /// The git repository (the folder holding `.git`) that `dir` is in, found once for each
    /// folder of a walk.
    fn repository(&self, dir: &Path) -> Option<PathBuf> {
        let mut known = self.repositories.lock().ok()?;
        let mut unknown = Vec::new();
        let mut found = None;
        for folder in dir.ancestors() {
            if let Some(repository) = known.get(folder) {
                found = repository.clone();
                break;
            }
            unknown.push(folder.to_path_buf());
            if folder.join(".git").exists() {
                found = Some(folder.to_path_buf());
                break;
            }
        }
        for folder in unknown {
            known.insert(folder, found.clone());
        }
        found
    }

    /// The `.gitignore` of `dir` (with `.git/info/exclude` at the repository's `root`).
    fn gitignore(&self, dir: &Path, root: bool) -> Option<Arc<Gitignore>> {
        let mut read = self.read.lock().ok()?;
        read.entry(dir.to_path_buf())
            .or_insert_with(|| load(dir, root).map(Arc::new))
            .clone()
    }

    /// The `.gitignore` files that apply to what `dir` (as the walk wrote it) holds,
    /// deepest first.
    fn chain(&self, dir: &Path) -> Chain {
        if let Ok(mut folders) = self.folders.lock() {
            if let Some((_, chain)) = folders.last.as_ref().filter(|(last, _)| last == dir) {
                return Arc::clone(chain);
            }
            if let Some(chain) = folders.chains.get(dir.as_os_str()).cloned() {
                folders.last = Some((dir.as_os_str().to_owned(), Arc::clone(&chain)));
                return chain;
            }
        }
        let absolute_dir = absolute(dir);
        let mut chain = Vec::new();
        if let Some(repository) = self.repository(&absolute_dir) {
            for folder in absolute_dir.ancestors() {
                chain.extend(self.gitignore(folder, folder == repository));
                if folder == repository {
                    break;
                }
            }
        }
        let chain: Chain = chain.into();
        if let Ok(mut folders) = self.folders.lock() {
            let dir = dir.as_os_str().to_owned();
            folders.last = Some((dir.clone(), Arc::clone(&chain)));
            folders.chains.insert(dir, Arc::clone(&chain));
        }
        chain
    }

    fn ignores(&self, path: &Path, is_dir: bool) -> bool {
        let Some(dir) = parent(path) else {
            return false;
        };
        let chain = self.chain(dir);
        if chain.is_empty() {
            return false;
        }
        let path = absolute(path);
        for matcher in chain.iter() {
            match matcher.matched(&path, is_dir) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        false
    }
}

/// The folder `path` is in, as `Path::parent` gives it: on Unix told from its bytes where
/// its last `/` has a name after it and a folder before it that does not end in `/` (a walk's
/// paths), else by `Path::parent`.
fn parent(path: &Path) -> Option<&Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Some(at) = bytes.iter().rposition(|&b| b == b'/') {
            let (dir, name) = (&bytes[..at], &bytes[at + 1..]);
            if !dir.is_empty() && !dir.ends_with(b"/") && !matches!(name, b"" | b"." | b"..") {
                return Some(Path::new(std::ffi::OsStr::from_bytes(dir)));
            }
        }
    }
    path.parent()
}

/// The `.gitignore` of `dir` (and at the repository's root, `.git/info/exclude`).
fn load(dir: &Path, root: bool) -> Option<Gitignore> {
    let mut builder = GitignoreBuilder::new(dir);
    let mut any = false;
    let mut files = vec![dir.join(".gitignore")];
    if root {
        files.push(dir.join(".git/info/exclude"));
    }
    for file in files.into_iter().filter(|file| file.is_file()) {
        any |= builder.add(file).is_none();
    }
    if !any {
        return None;
    }
    builder.build().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A walk's paths have the parent `Path::parent` gives, told from their bytes.
    #[test]
    fn the_parent_is_the_one_path_gives() {
        for path in [
            "corpus/a.md",
            "./a.md",
            "../corpus/sub/a.md",
            "/srv/a.md",
            "/a.md",
            "a.md",
            "a/",
            "a//b.md",
            "a/.",
            "a/..",
            "/",
            "",
            "a/./b.md",
            "é/ü.md",
        ] {
            let path = Path::new(path);
            let expected = path
                .parent()
                .map(|dir| dir.components().collect::<Vec<_>>());
            let found = parent(path).map(|dir| dir.components().collect::<Vec<_>>());
            assert_eq!(found, expected, "{}", path.display());
        }
        assert_eq!(
            parent(Path::new("corpus/sub/a.md")),
            Some(Path::new("corpus/sub"))
        );
    }

    /// The bytes tell the same paths apart as the components did: those with a `..` (or a
    /// `.` first) resolved by name, the others kept as joined.
    #[test]
    fn absolute_resolves_dots_as_the_components_say() {
        let by_components = |path: &Path| -> PathBuf {
            let joined = std::env::current_dir().unwrap().join(path);
            let plain = |c: Component<'_>| !matches!(c, Component::CurDir | Component::ParentDir);
            match joined.components().all(plain) {
                true => joined,
                false => resolve_dots(&joined),
            }
        };
        for path in [
            "a", "a/b", "a/./b", "./a", ".", "..", "../a", "a/..", "a/../b", "/x/../y", "a//b",
            "a/", "...", "a/.../b", ".a/..b", "/", "a/.",
        ] {
            assert_eq!(
                absolute(Path::new(path)),
                by_components(Path::new(path)),
                "{path}"
            );
        }
    }

    #[test]
    fn reads_every_setting() {
        let text = r#"
lenient = true
reference-time = "2030-01-01T00:00:00Z"
include = ["news/**/*.md"]
exclude = ["news/drafts/**"]
respect-gitignore = false

[rules]
topic-repeated = "allow"
html-entity = "deny"

[[overrides]]
paths = ["news/archive/**"]
rules = { date-in-future = "allow" }
"#;
        let config = Config::parse(text, PathBuf::from("/corpus")).unwrap();
        assert!(config.lenient && !config.respect_gitignore);
        assert_eq!(
            config.rules,
            [
                (Code::HtmlEntity, Level::Deny),
                (Code::TopicRepeated, Level::Allow)
            ]
        );
        assert_eq!(config.overrides.len(), 1);
        let gitignores = Gitignores::default();
        assert!(config.skips(Path::new("/corpus/news/drafts"), true, false, &gitignores));
        assert!(config.skips(Path::new("/corpus/news/a.txt"), false, false, &gitignores));
        assert!(!config.skips(Path::new("/corpus/news/a.md"), false, false, &gitignores));
        assert!(!config.skips(Path::new("/corpus/news/sub"), true, false, &gitignores));
        // Outside the configuration's folder, its patterns say nothing.
        assert!(!config.skips(Path::new("/elsewhere/a.txt"), false, false, &gitignores));
    }

    #[test]
    fn refuses_a_file_over_a_mebibyte_rather_than_read_part_of_it() {
        let path =
            std::env::temp_dir().join(format!("newsmatter-config-{}.toml", std::process::id()));
        std::fs::write(&path, "#".repeat((1 << 20) + 1)).unwrap();
        let err = read_small(&path).unwrap_err();
        std::fs::write(&path, "#".repeat(1 << 20)).unwrap();
        let whole = read_small(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(err.to_string(), "over 1 MiB");
        assert_eq!(whole.len(), 1 << 20);
    }

    #[test]
    fn refuses_what_it_does_not_know_with_the_line() {
        let err = Config::parse("lenient = true\nrulez = 1\n", PathBuf::from("/")).unwrap_err();
        assert!(
            err.starts_with("TOML parse error at line 2, column 1"),
            "{err}"
        );
        assert!(err.ends_with("unknown field `rulez`, expected one of `lenient`, `reference-time`, `include`, `exclude`, `respect-gitignore`, `rules`, `overrides`"), "{err}");
        let err =
            Config::parse("[rules]\ntopic-repeat = \"allow\"\n", PathBuf::from("/")).unwrap_err();
        assert_eq!(
            err,
            "line 2: `topic-repeat` is not a code: did you mean `topic-repeated`?"
        );
        let err =
            Config::parse("[rules]\n\nyaml-syntax = \"allow\"\n", PathBuf::from("/")).unwrap_err();
        assert_eq!(err, "line 3: `yaml-syntax` cannot be configured: it says the file could not be read as a record");
        let err =
            Config::parse("[rules]\ntopic-repeated = \"off\"\n", PathBuf::from("/")).unwrap_err();
        assert!(
            err.contains("unknown variant `off`, expected one of `allow`, `warn`, `deny`"),
            "{err}"
        );
        let err = Config::parse("reference-time = \"2030\"\n", PathBuf::from("/")).unwrap_err();
        assert!(err.starts_with("line 1: `reference-time`: "), "{err}");
    }
}
