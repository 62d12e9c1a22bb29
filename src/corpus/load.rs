//! Loading a corpus: many record files, parsed and validated in parallel.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use crate::check;
use crate::check::validate::ValidateOptions;
use crate::corpus::id::CorpusId;
use crate::corpus::index::{CorpusIndex, Resolution};
use crate::corpus::shard::Shard;
use crate::model::Document;
use crate::read::open::{self, RootDir};
use crate::read::positions::Positions;
use crate::read::redact::Redaction;
use crate::read::split::{split, utf8};
use crate::read::Reach;
use crate::report::error::Error;
use crate::report::{Diagnostic, Report};

/// The file endings taken by default when walking a directory: those of record files. A
/// file named explicitly is read whatever its ending.
pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown"];

/// At most how many paths given are kept open as folders for the files under them to be
/// opened from ([`RootDir`]): thousands of folders on a command line must not use up the
/// process's file descriptors (their files are then opened by their whole paths).
const ROOT_DIRS_KEPT: usize = 64;

/// How to load a corpus: which file endings count, and how to validate each file.
///
/// ```
/// use newsmatter::CorpusOptions;
///
/// let corpus = CorpusOptions::new().load(["tests/fixtures/valid"]);
/// assert_eq!(corpus.files().len(), 2);
/// assert!(corpus.files()[0].path().ends_with("article.md"));
/// assert!(corpus.files().iter().all(|file| !file.report().has_errors()));
/// ```
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    extensions: Vec<String>,
    validate: ValidateOptions,
    shard: Shard,
    links: Links,
    skip: Skip,
    source_lines: bool,
}

/// What a walk leaves out, as [`CorpusOptions::skip`] says.
#[derive(Clone, Default)]
struct Skip(Option<Arc<SkipFn>>);

/// A predicate over a path found in a walk and whether it is a folder.
type SkipFn = dyn Fn(&Path, bool) -> bool + Send + Sync;

impl std::fmt::Debug for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Skip(Some)"
        } else {
            "Skip(None)"
        })
    }
}

/// Which symbolic links a walk of a directory follows. A path given to the walk is always
/// followed, whatever it is: the choice is about the links found under it.
///
/// By default none, as ripgrep and fd do: a link in a shared folder cannot make the tool read
/// `/proc/self/environ` or walk a tree outside the corpus. Then a file the walk found is read
/// without following a link at its path (`O_NOFOLLOW`), so that a link swapped in for it
/// after the walk is an `io` error, not a way out. Whatever the choice but
/// [`Links::Anywhere`], a file a walk found is read only if, once opened, it lies inside one
/// of the paths given (its real path): a folder on its path swapped for a link after the
/// walk is an `io` error too.
///
/// On Linux such a file is opened from the folder given, with the kernel refusing every
/// step out of it (`openat2` with `RESOLVE_BENEATH`, and no link at all where links are
/// not followed); only what that refuses is opened by its whole path and then checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Links {
    /// Links found in a walk are left alone.
    #[default]
    Skip,
    /// Links are followed where they lead inside one of the paths given (its real path); a
    /// link that leads outside is not followed and is reported as an `io` error naming it.
    WithinRoots,
    /// Every link is followed, wherever it leads (loops are still found and reported).
    Anywhere,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| (*e).to_owned()).collect(),
            validate: ValidateOptions::new(),
            shard: Shard::whole(),
            links: Links::Skip,
            skip: Skip::default(),
            source_lines: true,
        }
    }
}

/// The files of a corpus, each with its document (if it parsed) and its diagnostics, in the
/// order of their paths.
///
/// The first [`RelatedGraph::build`](crate::corpus::graph::RelatedGraph::build) or
/// [`Corpus::cross_check`] indexes its documents (identities, titles, dates, providers: a few
/// hundred bytes a record) and resolves their related entries; the corpus keeps that index for
/// both, and shares it with its clones.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Tells this corpus (and its clones) from every other one, so that a graph built from
    /// one is never used with another.
    id: CorpusId,
    files: Vec<CorpusFile>,
    validate: ValidateOptions,
    /// The index of its documents and where their related entries point, made when the
    /// graph or the checks across records first need it, and shared by its clones (whose
    /// documents are the same).
    indexed: Arc<OnceLock<(CorpusIndex, Resolution)>>,
}

/// How many files a corpus holds, and what their reports say, added up.
///
/// It serializes as `{"files", "valid", "errors", "warnings"}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Totals {
    /// Files found (read or not).
    pub files: usize,
    /// Files whose report has no error.
    pub valid: usize,
    /// Error diagnostics, over all files.
    pub errors: usize,
    /// Warning diagnostics, over all files.
    pub warnings: usize,
    /// Files that did not parse: they have no document, and the graph leaves them out.
    #[serde(skip)]
    pub unparsed: usize,
}

/// How far a load has come: `done` of `total` files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Files loaded so far.
    pub done: usize,
    /// Files to load.
    pub total: usize,
}

/// One file of a corpus.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    path: PathBuf,
    document: Option<Document>,
    report: Report,
    /// The file up to its closing delimiter (all of it if it has none), kept to locate
    /// diagnostics found later (cross-record checks) and to show their source lines.
    source: Option<Box<str>>,
    /// Where `source` starts in the file (after a byte order mark) and where its values
    /// are, when it is the front matter of a document that parsed: recorded by the fast
    /// reader, or to be found again by the general one.
    positions: Option<(usize, Positions)>,
    /// The secrets of `source` and its lines, found when a line is first shown.
    redaction: OnceLock<Redaction>,
}

impl CorpusOptions {
    /// The default file endings ([`DEFAULT_EXTENSIONS`]) and validation.
    pub fn new() -> Self {
        CorpusOptions::default()
    }

    /// The file endings (without the dot) that count when walking a directory. Files named
    /// explicitly are always taken.
    #[must_use]
    pub fn extensions<I, S>(mut self, extensions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extensions = extensions.into_iter().map(Into::into).collect();
        self
    }

    /// How each file is parsed and validated.
    #[must_use]
    pub fn validate_options(mut self, options: ValidateOptions) -> Self {
        self.validate = options;
        self
    }

    /// Which symbolic links found in a walk are followed ([`Links::Skip`] by default).
    #[must_use]
    pub fn links(mut self, links: Links) -> Self {
        self.links = links;
        self
    }

    /// Leaves out of a walk what `skip(path, is_dir)` says to: a folder it skips is not
    /// walked, a file it skips is not taken. The paths given are always taken; `path` is as
    /// the walk found it (the path given, joined with what is under it). For `.gitignore`
    /// rules, or include and exclude patterns.
    ///
    /// ```
    /// use newsmatter::CorpusOptions;
    ///
    /// let options = CorpusOptions::new().skip(|path, _| path.ends_with("stories"));
    /// let files = options.find_files(["tests/fixtures/corpus"]);
    /// assert!(!files.is_empty());
    /// assert!(files.iter().flatten().all(|path| !path.to_string_lossy().contains("stories")));
    /// ```
    #[must_use]
    pub fn skip(mut self, skip: impl Fn(&Path, bool) -> bool + Send + Sync + 'static) -> Self {
        self.skip = Skip(Some(Arc::new(skip)));
        self
    }

    /// Takes only the files of one [`Shard`] of the corpus (all of them by default). The
    /// checks across records then see only that shard.
    #[must_use]
    pub fn shard(mut self, shard: Shard) -> Self {
        self.shard = shard;
        self
    }

    /// Whether a [`scan`](CorpusOptions::scan) keeps the lines of each front matter that its
    /// diagnostics point at ([`FileReport::source_line`](crate::corpus::FileReport::source_line)):
    /// yes by default. Finding them takes, for each file with a diagnostic, one more pass over
    /// its YAML (to redact the `secured` payload however it is written), about as long as
    /// parsing it again: a program that does not show them spares that pass.
    ///
    /// ```
    /// use std::ops::ControlFlow;
    /// use newsmatter::CorpusOptions;
    ///
    /// let scan = |options: CorpusOptions| {
    ///     let file = ["tests/fixtures/corpus/stories/b1-turbines-2026.md"];
    ///     match options.scan(file, &|_| {}, |_, _| ControlFlow::<()>::Continue(())) {
    ///         ControlFlow::Continue(scan) => scan,
    ///         ControlFlow::Break(()) => unreachable!(),
    ///     }
    /// };
    /// let kept = scan(CorpusOptions::new());
    /// let file = &kept.files()[0];
    /// let line = file.report().iter().next().and_then(|d| d.line()).unwrap();
    /// assert!(file.source_line(line).is_some());
    ///
    /// let spared = scan(CorpusOptions::new().source_lines(false));
    /// assert_eq!(spared.files()[0].source_line(line), None);
    /// assert_eq!(spared.files()[0].report(), file.report());
    /// ```
    #[must_use]
    pub fn source_lines(mut self, keep: bool) -> Self {
        self.source_lines = keep;
        self
    }

    /// Loads every file under `paths` (files, and directories walked recursively), parsing
    /// and validating them in parallel. A file that cannot be read or parsed is kept with
    /// its diagnostics; it never stops the others. A path that cannot be read at all is kept
    /// as a file with an `io` error.
    pub fn load<I, P>(&self, paths: I) -> Corpus
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        self.load_with_progress(paths, &|_| {})
    }

    /// As [`CorpusOptions::load`], calling `progress` once the files are found and after each
    /// file is loaded (from any thread).
    pub fn load_with_progress<I, P>(&self, paths: I, progress: &(dyn Fn(Progress) + Sync)) -> Corpus
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let found = self.find(paths);
        let tally = Tally::start(found.entries.len(), progress);
        let files = found
            .entries
            .par_iter()
            .map(|entry| tally.count(self.load_found(entry, &found)))
            .collect();
        Corpus {
            id: CorpusId::next(),
            files,
            validate: self.validate,
            indexed: Arc::default(),
        }
    }

    /// The files a load of `paths` takes, in path order, without reading them: files named
    /// explicitly, and under directories those with one of the extensions, of the
    /// [`CorpusOptions::shard`] chosen. A path that cannot be walked is an [`Error`] of kind
    /// `Io` naming it (in the shard its path falls in).
    ///
    /// A file found under several names (`a.md`, `./a.md`, `dir/../a.md`, a hard link) is
    /// taken once, under the first of its names in path order: files are told apart by
    /// their device and inode (on Unix; elsewhere by their names).
    pub fn find_files<I, P>(&self, paths: I) -> Vec<Result<PathBuf, Error>>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        self.find(paths).entries
    }

    /// As [`CorpusOptions::find_files`], and which of the files are paths given.
    ///
    /// The files are in the order of their paths (`Path`'s order: component by component).
    pub(crate) fn find<I, P>(&self, paths: I) -> Found
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let mut found: Vec<Result<PathBuf, Error>> = Vec::new();
        let roots: Vec<PathBuf> = paths
            .into_iter()
            .map(|p| p.as_ref().to_path_buf())
            .collect();
        let reals: Vec<Option<PathBuf>> = roots.iter().map(|r| r.canonicalize().ok()).collect();
        // Opened before the walk, as their real paths are found, and kept only where the
        // folder opened is the one at its real path: a folder given that is swapped for
        // another since cannot bring that one's files in.
        let root_dirs = match self.links {
            Links::Skip | Links::WithinRoots if roots.len() <= ROOT_DIRS_KEPT => roots
                .iter()
                .zip(&reals)
                .filter_map(|(root, real)| {
                    Some((root.clone(), RootDir::open(root, real.as_ref()?)?))
                })
                .collect(),
            _ => Vec::new(),
        };
        let real_roots: Vec<PathBuf> = reals.into_iter().flatten().collect();
        for root in &roots {
            self.walk(root, &real_roots, &mut found);
        }
        sort_by_path(&mut found);
        dedup_by_identity(&mut found);
        found.retain(|entry| self.shard.holds(key(entry)));
        Found {
            entries: found,
            named: roots.into_iter().collect(),
            real_roots,
            root_dirs,
        }
    }

    /// Loads a file that [`CorpusOptions::find`] found, or stands for a path that could
    /// not be walked.
    pub(crate) fn load_found(&self, entry: &Result<PathBuf, Error>, found: &Found) -> CorpusFile {
        match entry {
            Ok(path) => self.load_file(path.clone(), found),
            Err(err) => {
                let path = err.file().map(Path::to_path_buf).unwrap_or_default();
                CorpusFile::failed(path, err, &self.validate)
            }
        }
    }

    /// How each file is parsed and validated.
    pub(crate) fn validate(&self) -> &ValidateOptions {
        &self.validate
    }

    /// Whether a scan keeps the lines its diagnostics point at.
    pub(crate) fn keeps_source_lines(&self) -> bool {
        self.source_lines
    }

    /// Adds the files under `root` to `found`; `real_roots` are the real paths of every
    /// root, for [`Links::WithinRoots`].
    fn walk(&self, root: &Path, real_roots: &[PathBuf], found: &mut Vec<Result<PathBuf, Error>>) {
        // A path given is followed, and taken whatever its ending and its kind (reading
        // refuses what is not a regular file).
        match std::fs::metadata(root) {
            Ok(meta) if !meta.is_dir() => {
                found.push(Ok(root.to_path_buf()));
                return;
            }
            _ => {}
        }
        let mut outside: Vec<PathBuf> = Vec::new();
        let walker = walkdir::WalkDir::new(root)
            .follow_links(self.links != Links::Skip)
            .into_iter()
            .filter_entry(|entry| {
                if let Some(skip) = &self.skip.0 {
                    if entry.depth() > 0 && skip(entry.path(), entry.file_type().is_dir()) {
                        return false;
                    }
                }
                // A link that leads out of every root is neither read nor walked.
                let leaves = self.links == Links::WithinRoots
                    && entry.path_is_symlink()
                    && entry
                        .path()
                        .canonicalize()
                        .map_or(true, |real| !real_roots.iter().any(|r| real.starts_with(r)));
                if leaves {
                    outside.push(entry.path().to_path_buf());
                }
                !leaves
            });
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() && self.counts(entry.path()) => {
                    found.push(Ok(entry.into_path()));
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let io = err
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("a file system loop"));
                    found.push(Err(Error::io(io).in_file(&path)));
                }
            }
        }
        found.extend(outside.into_iter().map(|path| {
            let io = std::io::Error::other(
                "a symbolic link that leads outside the paths given, not followed",
            );
            Err(Error::io(io).in_file(&path))
        }));
    }

    /// How `path`, one of `found`, is opened: a path given is followed wherever it leads; a
    /// file a walk found is read only inside the paths given, and through a link at its
    /// path only where links are followed (anywhere with [`Links::Anywhere`]).
    pub(crate) fn reach<'f>(&self, path: &'f Path, found: &'f Found) -> Reach<'f> {
        if found.named.contains(path) {
            return Reach::NAMED;
        }
        let beneath = || {
            found
                .root_dirs
                .iter()
                .find_map(|(root, dir)| Some((dir, open::under(path, root)?)))
        };
        match self.links {
            Links::Skip => Reach {
                follow: false,
                within: Some(&found.real_roots),
                beneath: beneath(),
            },
            Links::WithinRoots => Reach {
                follow: true,
                within: Some(&found.real_roots),
                beneath: beneath(),
            },
            Links::Anywhere => Reach {
                follow: true,
                within: None,
                beneath: None,
            },
        }
    }

    /// Whether the file at `path` (as a walk writes it: its name after the last separator)
    /// has one of the endings taken, as `Path::extension` finds it (after the last dot,
    /// which is not the name's first byte), told by its bytes.
    fn counts(&self, path: &Path) -> bool {
        let bytes = path.as_os_str().as_encoded_bytes();
        // Separators are ASCII, whole bytes of the encoding (`\` too on Windows).
        let separator = |&b: &u8| std::path::is_separator(char::from(b));
        let name = bytes.rsplit(separator).next().unwrap_or(bytes);
        let Some(dot) = name.iter().rposition(|&b| b == b'.').filter(|&dot| dot > 0) else {
            return false;
        };
        let ending = &name[dot + 1..];
        self.extensions
            .iter()
            .any(|e| e.as_bytes().eq_ignore_ascii_case(ending))
    }

    /// Reads, parses and validates one file of `found`; a file that fails is kept with its
    /// error. A file that a walk found is not read through a symbolic link unless links are
    /// followed: one swapped in for it since (to `/proc/self/environ`, say) is an error.
    pub(crate) fn load_file(&self, path: PathBuf, found: &Found) -> CorpusFile {
        let bytes = self
            .validate
            .parse_options_ref()
            .read_path(&path, self.reach(&path, found));
        self.load_bytes(path, bytes)
    }

    /// Reads one record from `reader` (standard input, an editor's unsaved text), no more
    /// than one byte past the size limit, and parses and validates it as a file named
    /// `name`: the file a load would give for it, checked alone (no checks across records).
    ///
    /// ```
    /// use newsmatter::CorpusOptions;
    ///
    /// let text = std::fs::read("tests/fixtures/valid/article.md")?;
    /// let file = CorpusOptions::new().load_reader("<stdin>", &text[..]);
    /// assert_eq!(file.path().to_str(), Some("<stdin>"));
    /// assert!(file.report().is_empty());
    /// assert_eq!(file.source_line(2).as_deref(), Some("category: news"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn load_reader(&self, name: impl Into<PathBuf>, reader: impl std::io::Read) -> CorpusFile {
        let bytes = self.validate.parse_options_ref().read(reader);
        self.load_bytes(name.into(), bytes)
    }

    /// Parses and validates what was read of the file at `path`.
    fn load_bytes(&self, path: PathBuf, bytes: Result<Vec<u8>, Error>) -> CorpusFile {
        let bytes = bytes
            .and_then(|bytes| {
                // The bytes become the text without a copy; where they are not UTF-8, `utf8`
                // says where.
                String::from_utf8(bytes).map_err(|err| match utf8(err.as_bytes()) {
                    Err(err) => err,
                    Ok(_) => Error::io(std::io::Error::other("invalid UTF-8")),
                })
            })
            .map_err(|err| err.in_file(&path));
        let text = match bytes {
            Ok(text) => text,
            Err(err) => return CorpusFile::failed(path, &err, &self.validate),
        };
        let (checked, parsed) = self.validate.check_text(&text);
        let (source, positions) = match parsed {
            Some((yaml, base, mut positions)) => {
                positions.shrink_to_fit();
                (yaml, Some((base, positions)))
            }
            None => (split(&text).map_or(text.as_str(), |parts| parts.yaml), None),
        };
        CorpusFile {
            source: Some(source.into()),
            positions,
            redaction: OnceLock::new(),
            path,
            document: checked.document,
            report: checked.report,
        }
    }
}

/// The files a load takes ([`CorpusOptions::find_files`]), and the paths it was given.
#[derive(Debug)]
pub(crate) struct Found {
    pub(crate) entries: Vec<Result<PathBuf, Error>>,
    /// The paths given: followed when they are links.
    named: HashSet<PathBuf>,
    /// The real paths of the paths given: a file a walk found is read only inside them.
    real_roots: Vec<PathBuf>,
    /// The folders given, as given and opened, for the files found under them to be
    /// opened from them.
    root_dirs: Vec<(PathBuf, RootDir)>,
}

/// Sorts `found` as `sort_by` with `Path`'s order would, stably, and keeps the first of
/// entries about one path, with each path made into its sort key once rather than at each of
/// the n log n comparisons (which cost a walk of 100,000 files seconds).
fn sort_by_path(found: &mut Vec<Result<PathBuf, Error>>) {
    let paths: Vec<&Path> = found.iter().map(key).collect();
    let keys: Option<Vec<(Vec<u8>, usize)>> = cfg!(unix)
        .then(|| {
            let keyed = paths.iter().enumerate();
            keyed.map(|(i, path)| Some((byte_key(path)?, i))).collect()
        })
        .flatten();
    let order = if let Some(mut keyed) = keys {
        keyed.sort_unstable();
        keyed.dedup_by(|later, first| later.0 == first.0);
        keyed.into_iter().map(|(_, i)| i).collect::<Vec<usize>>()
    } else {
        let mut keyed: Vec<(Vec<std::path::Component<'_>>, usize)> = paths
            .iter()
            .enumerate()
            .map(|(i, path)| (path.components().collect(), i))
            .collect();
        keyed.sort_unstable();
        keyed.dedup_by(|later, first| later.0 == first.0);
        keyed.into_iter().map(|(_, i)| i).collect()
    };
    let mut slots: Vec<Option<Result<PathBuf, Error>>> = found.drain(..).map(Some).collect();
    found.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Bytes that sort as the components of `path` do (`Path`'s order), and are equal just when
/// they are: each component after a 0 (a `/` at the start is a 0 alone), `.` as 1, `..` as
/// 2, a name as 3 and its bytes, as the components' order puts the root before `.`, `.`
/// before `..` and `..` before any name. `None` for a path whose bytes are not one
/// component each (an empty one, a `.` but first, or a NUL), which is sorted by its
/// components: a walk's paths under a root like `.`, `../corpus` or `/srv/news` have a key.
fn byte_key(path: &Path) -> Option<Vec<u8>> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let (rest, absolute) = match bytes.strip_prefix(b"/") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if rest.is_empty() || bytes.contains(&0) {
        return None;
    }
    let mut key = Vec::with_capacity(bytes.len() + 8);
    for (i, name) in rest.split(|&b| b == b'/').enumerate() {
        if i > 0 || absolute {
            key.push(0);
        }
        match name {
            b"" => return None,
            b"." if i == 0 && !absolute => key.push(1),
            b"." => return None,
            b".." => key.push(2),
            name => {
                key.push(3);
                key.extend_from_slice(name);
            }
        }
    }
    Some(key)
}

/// Keeps the first of the found files that are one file (the same device and inode). Their
/// identities are asked for in parallel when there are many: one `stat` a file, before any
/// is read.
fn dedup_by_identity(found: &mut Vec<Result<PathBuf, Error>>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let identity = |entry: &Result<PathBuf, Error>| {
            let meta = std::fs::metadata(entry.as_ref().ok()?).ok()?;
            Some((meta.dev(), meta.ino()))
        };
        // A few files are asked for on this thread: waking the pool costs more.
        let identities: Vec<Option<(u64, u64)>> = if found.len() < 1024 {
            found.iter().map(identity).collect()
        } else {
            found.par_iter().map(identity).collect()
        };
        let mut seen = HashSet::with_capacity(identities.len());
        let mut identities = identities.into_iter();
        found.retain(|_| identities.next().flatten().is_none_or(|id| seen.insert(id)));
    }
    #[cfg(not(unix))]
    let _ = found;
}

/// The path a found entry is about: the file, or the path that could not be walked.
fn key(entry: &Result<PathBuf, Error>) -> &Path {
    match entry {
        Ok(path) => path,
        Err(err) => err.file().unwrap_or(Path::new("")),
    }
}

/// Files loaded so far, told to a progress callback as each one is (from any thread).
pub(crate) struct Tally<'p> {
    done: AtomicUsize,
    total: usize,
    progress: &'p (dyn Fn(Progress) + Sync),
}

impl<'p> Tally<'p> {
    /// Tells `progress` that `total` files are to be loaded.
    pub(crate) fn start(total: usize, progress: &'p (dyn Fn(Progress) + Sync)) -> Self {
        progress(Progress { done: 0, total });
        Tally {
            done: AtomicUsize::new(0),
            total,
            progress,
        }
    }

    /// Tells `progress` one more file is loaded, and gives it back.
    pub(crate) fn count(&self, file: CorpusFile) -> CorpusFile {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        (self.progress)(Progress {
            done,
            total: self.total,
        });
        file
    }
}

impl Totals {
    /// Counts one more file, with this report, which parsed or not.
    pub(crate) fn count(&mut self, report: &Report, parsed: bool) {
        self.files += 1;
        self.valid += usize::from(!report.has_errors());
        self.errors += report.error_count();
        self.warnings += report.warning_count();
        self.unparsed += usize::from(!parsed);
    }
}

impl CorpusFile {
    /// Adds diagnostics found later (across records), located in the front matter (from the
    /// positions the fast reader recorded, or by re-parsing), and sorts the report.
    pub(crate) fn add_diagnostics(
        &mut self,
        diagnostics: Vec<Diagnostic>,
        options: &ValidateOptions,
    ) {
        let locator = match (&self.source, &self.positions) {
            (Some(yaml), Some((base, positions))) => Some(positions.locator_at(yaml, *base)),
            _ => None,
        };
        let located = diagnostics
            .into_iter()
            .map(|diagnostic| match &locator {
                Some(locator) => check::locate(locator, diagnostic),
                None => diagnostic,
            })
            .collect();
        let mut all: Vec<Diagnostic> = self.report.iter().cloned().collect();
        all.extend(options.finish(located));
        self.report = Report::new(all);
    }

    fn failed(path: PathBuf, err: &Error, options: &ValidateOptions) -> Self {
        CorpusFile {
            path,
            document: None,
            report: Report::new(options.finish(vec![Diagnostic::from(err)])),
            source: None,
            positions: None,
            redaction: OnceLock::new(),
        }
    }

    pub(crate) fn into_path_and_report(self) -> (PathBuf, Report) {
        (self.path, self.report)
    }

    /// The file's path, as given or as found under a given directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The document, unless the file failed to read or parse.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    /// The file's diagnostics: its own, and those of [`Corpus::cross_check`] once run.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Line `line` (1-based) of the file's front matter, for showing beside a diagnostic,
    /// with every `secured` payload redacted: the value of every key named `secured`, at any
    /// depth and however written, shows as `"<redacted>"`, found by its position in the YAML
    /// (and the document's payload wherever else it appears). `None` past the front matter,
    /// and for every line from where the YAML could not be read on: a line that cannot be
    /// shown to hold no secret is not shown.
    ///
    /// The lines are found once, on the first call: each later one costs O(log n).
    ///
    /// ```
    /// use newsmatter::CorpusOptions;
    ///
    /// let corpus = CorpusOptions::new().load(["tests/fixtures/valid/article.md"]);
    /// let file = &corpus.files()[0];
    /// assert_eq!(file.source_line(2).as_deref(), Some("category: news"));
    /// assert_eq!(file.source_line(61).as_deref(), Some("secured: \"<redacted>\""));
    /// ```
    pub fn source_line(&self, line: usize) -> Option<String> {
        let source = self.source.as_deref()?;
        let shown = self
            .redaction
            .get_or_init(|| Redaction::of(source))
            .line(source, line)?;
        Some(match &self.document {
            Some(doc) => shown.replace(doc.record.secured.expose_raw(), "<redacted>"),
            None => shown,
        })
    }
}

impl Corpus {
    /// The files, in the order of their paths.
    pub fn files(&self) -> &[CorpusFile] {
        &self.files
    }

    /// The documents that parsed, with the index of their file.
    pub fn documents(&self) -> impl Iterator<Item = (usize, &Document)> {
        self.files
            .iter()
            .enumerate()
            .filter_map(|(i, file)| file.document.as_ref().map(|doc| (i, doc)))
    }

    /// The files, reports and documents counted: how many files, how many valid, how many
    /// errors and warnings in all.
    pub fn totals(&self) -> Totals {
        let mut totals = Totals::default();
        for file in &self.files {
            totals.count(file.report(), file.document.is_some());
        }
        totals
    }

    pub(crate) fn id(&self) -> CorpusId {
        self.id
    }

    /// The index of the documents, and where each related entry points: made once, for the
    /// graph ([`RelatedGraph::build`](crate::corpus::graph::RelatedGraph::build)) and the
    /// checks across records ([`Corpus::cross_check`]) alike.
    pub(crate) fn indexed(&self) -> &(CorpusIndex, Resolution) {
        self.indexed.get_or_init(|| {
            let mut index = CorpusIndex::new();
            for (file, doc) in self.documents() {
                index.add(file, &doc.record);
            }
            let resolution = index.resolve();
            (index, resolution)
        })
    }

    /// Adds diagnostics to file `index`: see [`CorpusFile::add_diagnostics`].
    pub(crate) fn add_diagnostics(&mut self, index: usize, diagnostics: Vec<Diagnostic>) {
        self.files[index].add_diagnostics(diagnostics, &self.validate);
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::report::Code;

    const ARTICLE: &str = include_str!("../../tests/fixtures/valid/article.md");

    /// A folder on the path of a file that a walk found, swapped for a link to a folder
    /// outside the paths given before the file is read: the read is refused, not led out.
    #[test]
    fn a_folder_swapped_for_a_link_after_the_walk_does_not_lead_the_read_out() {
        let dir = std::env::temp_dir().join(format!("newsmatter-swap-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (root, outside) = (dir.join("corpus"), dir.join("outside"));
        for folder in [root.join("sub"), outside.clone()] {
            std::fs::create_dir_all(folder).unwrap();
        }
        std::fs::write(root.join("sub/a.md"), ARTICLE).unwrap();
        std::fs::write(outside.join("a.md"), "---\nSECRET-OF-THE-JOB\n").unwrap();

        for links in [Links::Skip, Links::WithinRoots, Links::Anywhere] {
            let options = CorpusOptions::new().links(links);
            let found = options.find([&root]);
            let path = found.entries[0].as_ref().unwrap().clone();
            assert!(options.load_file(path.clone(), &found).document().is_some());

            std::fs::rename(root.join("sub"), dir.join("moved")).unwrap();
            std::os::unix::fs::symlink(&outside, root.join("sub")).unwrap();
            let file = options.load_file(path.clone(), &found);
            if links == Links::Anywhere {
                // Followed wherever it leads, as asked.
                assert_eq!(
                    file.report().iter().next().unwrap().code(),
                    Code::MissingClosingDelimiter
                );
            } else {
                let diagnostic = file.report().iter().next().unwrap();
                assert_eq!(diagnostic.code(), Code::Io);
                assert_eq!(
                    diagnostic.message(),
                    "it leads outside the paths given (a folder on its path swapped for a link since the walk): not read"
                );
            }
            std::fs::remove_file(root.join("sub")).unwrap();
            std::fs::rename(dir.join("moved"), root.join("sub")).unwrap();
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A file a walk found is opened from the folder given, by its path under it (unless
    /// links are followed anywhere); a file named is opened by its path.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_walked_file_is_opened_from_the_folder_given() {
        let root = Path::new("tests/fixtures/corpus");
        for links in [Links::Skip, Links::WithinRoots, Links::Anywhere] {
            let options = CorpusOptions::new().links(links);
            let found = options.find([root]);
            let path = found.entries[0].as_ref().unwrap();
            let rest = options
                .reach(path, &found)
                .beneath
                .map(|(_, rest)| rest.to_path_buf());
            let expected = (links != Links::Anywhere).then(|| path.strip_prefix(root).unwrap());
            assert_eq!(rest.as_deref(), expected, "{links:?}");
            assert!(options.load_file(path.clone(), &found).document().is_some());
        }
        let named = Path::new("tests/fixtures/valid/article.md");
        let found = CorpusOptions::new().find([named]);
        assert!(CorpusOptions::new().reach(named, &found).beneath.is_none());
    }

    /// What the walk's sort must give: `sort_by` with `Path`'s order, then the first of each
    /// run of one path.
    fn sorted_by_path(paths: &[String]) -> Vec<PathBuf> {
        let mut expected: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        expected.sort_by(|a, b| a.as_path().cmp(b));
        expected.dedup_by(|a, b| a == b);
        expected
    }

    /// What the walk's sort gives for `paths`, as found.
    fn sorted_by_walk(paths: &[impl AsRef<Path>]) -> Vec<PathBuf> {
        let mut found: Vec<Result<PathBuf, Error>> =
            paths.iter().map(|p| Ok(p.as_ref().to_path_buf())).collect();
        sort_by_path(&mut found);
        found.iter().map(|e| key(e).to_path_buf()).collect()
    }

    proptest::proptest! {
        /// Paths of names, `.` and `..` (sorted as bytes where they have a key, by
        /// components where one has none), with repeats: both as `Path` orders them.
        #[test]
        fn sort_by_path_orders_and_dedups_as_path_does(
            paths in proptest::collection::vec(
                "(/|\\./|\\.\\./)?(([a-c\\-é.\u{1}\u{3}]{1,2}|\\.\\.)/){0,3}[a-c.\\-\u{2}]{1,2}/?",
                0..12,
            ),
        ) {
            proptest::prop_assert_eq!(sorted_by_walk(&paths), sorted_by_path(&paths));
        }
    }

    proptest::proptest! {
        /// Paths that all have a byte key (`.` first, `..` anywhere, names with bytes below
        /// and around the keys' marks), sorted by their keys as `Path` orders them.
        #[test]
        fn paths_with_keys_sort_as_path_does(
            paths in proptest::collection::vec(
                proptest::strategy::Strategy::prop_filter(
                    "(/|\\./|\\.\\./)?(([a-c\\-é.\u{1}\u{2}\u{3}]{1,2}|\\.\\.)/){0,3}[a-c.\\-\u{1}\u{3}]{1,2}",
                    "a byte key",
                    |path: &String| byte_key(Path::new(path)).is_some(),
                ),
                1..12,
            ),
        ) {
            proptest::prop_assert_eq!(sorted_by_walk(&paths), sorted_by_path(&paths));
        }
    }

    /// A file counts by its ending as `Path::extension` gives it, whatever its case.
    #[test]
    fn a_file_counts_by_its_ending_as_path_finds_it() {
        let options = CorpusOptions::new().extensions(["md", "mArkdown", "é"]);
        let names = [
            "a.md",
            "a.MD",
            "a.Md",
            "b.markdown",
            ".md",
            "..md",
            "a.",
            "a",
            "a.md.txt",
            "a.txt.md",
            "md",
            ".a.md",
            "a.mdx",
            "a.m",
            "x.é",
            "x.É",
            "a..md",
        ];
        for name in names {
            let expected = Path::new(name)
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| {
                    ["md", "markdown", "é"]
                        .iter()
                        .any(|e| e.eq_ignore_ascii_case(ext))
                });
            assert_eq!(options.counts(Path::new(name)), expected, "{name}");
            let walked = Path::new("corpus/.d").join(name);
            assert_eq!(options.counts(&walked), expected, "{}", walked.display());
        }
    }

    /// A `.` after the first component is no component of a `Path`: `a/./b` is `a/b`, after
    /// `a/a` and one path with `a/b`; a path whose components are `.`, `..` and names sorts
    /// by them.
    #[test]
    fn a_dot_within_a_path_is_no_component() {
        let sort = |paths: &[&str]| {
            let sorted = sorted_by_walk(paths);
            sorted
                .iter()
                .map(|path| path.to_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(sort(&["a/./b", "a/a", "a/b"]), ["a/a", "a/./b"]);
        let walked = [
            "../c/x.md",
            "./b.md",
            "../c/-.md",
            "/srv/a.md",
            "./a/b.md",
            "../..",
            "z",
        ];
        assert_eq!(
            sort(&walked),
            [
                "/srv/a.md",
                "./a/b.md",
                "./b.md",
                "../..",
                "../c/-.md",
                "../c/x.md",
                "z"
            ]
        );
    }

    /// The walk's order is `Path`'s, component by component, whatever the names: `a/b` before
    /// `a-b`, `./x` and `../x` where `Path` puts them, errors by the file they name; one path
    /// found twice is kept once.
    #[test]
    fn sort_by_path_gives_paths_order() {
        let names = [
            "a-b", "a/b", "a/b/c", "a", "-x", ".hidden", "./x", "../x", "x/./y", "x//y", "é", "A",
            "a.md", "a/", "/abs", "b", "a b", "",
        ];
        let entries = || -> Vec<Result<PathBuf, Error>> {
            names
                .iter()
                .enumerate()
                .map(|(i, name)| match i % 3 {
                    0 => Err(Error::new(Code::Io, "x").in_file(Path::new(name))),
                    _ => Ok(PathBuf::from(name)),
                })
                .collect()
        };
        let mut expected = entries();
        expected.sort_by(|a, b| key(a).cmp(key(b)));
        // One path written two ways (`a` and `a/`, `x/./y` and `x//y`): the first kept.
        expected.dedup_by(|a, b| key(a) == key(b));
        assert_eq!(expected.len(), names.len() - 2);
        let mut sorted = entries();
        sort_by_path(&mut sorted);
        let paths = |entries: &[Result<PathBuf, Error>]| -> Vec<PathBuf> {
            entries.iter().map(|e| key(e).to_path_buf()).collect()
        };
        assert_eq!(paths(&sorted), paths(&expected));
        assert_eq!(
            sorted.iter().map(Result::is_ok).collect::<Vec<_>>(),
            expected.iter().map(Result::is_ok).collect::<Vec<_>>()
        );
    }
}
