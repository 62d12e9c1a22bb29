//! Loading a corpus: many record files, parsed and validated in parallel.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Report};
use crate::error::Error;
use crate::model::Document;
use crate::split::utf8;
use crate::validate::{self, ValidateOptions};

/// The file endings a corpus takes by default.
pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

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
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| (*e).to_owned()).collect(),
            validate: ValidateOptions::new(),
        }
    }
}

/// The files of a corpus, each with its document (if it parsed) and its diagnostics, in the
/// order of their paths.
#[derive(Debug, Clone)]
pub struct Corpus {
    files: Vec<CorpusFile>,
    validate: ValidateOptions,
}

/// One file of a corpus.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    path: PathBuf,
    document: Option<Document>,
    report: Report,
    /// The front matter, kept to locate diagnostics found later (cross-record checks).
    front_matter: Option<Box<str>>,
}

impl CorpusOptions {
    /// The default file endings ([`DEFAULT_EXTENSIONS`]) and validation.
    pub fn new() -> Self {
        CorpusOptions::default()
    }

    /// The file endings (without the dot) that count when walking a directory. Files named
    /// explicitly are always taken.
    pub fn extensions<I, S>(mut self, extensions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extensions = extensions.into_iter().map(Into::into).collect();
        self
    }

    /// How each file is parsed and validated.
    pub fn validate_options(mut self, options: ValidateOptions) -> Self {
        self.validate = options;
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
        let mut found: Vec<Result<PathBuf, (PathBuf, Error)>> = Vec::new();
        for path in paths {
            self.walk(path.as_ref(), &mut found);
        }
        found.sort_by(|a, b| key(a).cmp(key(b)));
        found.dedup_by(|a, b| key(a) == key(b));
        let files = found
            .into_par_iter()
            .map(|entry| match entry {
                Ok(path) => self.load_file(path),
                Err((path, err)) => CorpusFile::failed(path, &err, &self.validate),
            })
            .collect();
        Corpus {
            files,
            validate: self.validate,
        }
    }

    fn walk(&self, root: &Path, found: &mut Vec<Result<PathBuf, (PathBuf, Error)>>) {
        if root.is_file() {
            found.push(Ok(root.to_path_buf()));
            return;
        }
        for entry in walkdir::WalkDir::new(root).follow_links(true) {
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
                    found.push(Err((path.clone(), Error::io(io).in_file(&path))));
                }
            }
        }
    }

    fn counts(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| self.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
    }

    fn load_file(&self, path: PathBuf) -> CorpusFile {
        let bytes = std::fs::File::open(&path)
            .map_err(Error::io)
            .and_then(|file| self.validate.parse_options_ref().read(file))
            .and_then(|bytes| utf8(&bytes).map(str::to_owned))
            .map_err(|err| err.in_file(&path));
        let text = match bytes {
            Ok(text) => text,
            Err(err) => return CorpusFile::failed(path, &err, &self.validate),
        };
        let (checked, yaml) = self.validate.check_text(&text);
        CorpusFile {
            front_matter: yaml.map(Into::into),
            path,
            document: checked.document,
            report: checked.report,
        }
    }
}

fn key(entry: &Result<PathBuf, (PathBuf, Error)>) -> &Path {
    match entry {
        Ok(path) | Err((path, _)) => path,
    }
}

impl CorpusFile {
    fn failed(path: PathBuf, err: &Error, options: &ValidateOptions) -> Self {
        CorpusFile {
            path,
            document: None,
            report: Report::new(options.finish(vec![Diagnostic::from(err)])),
            front_matter: None,
        }
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

    /// Adds diagnostics to file `index`, located in its front matter, and sorts its report.
    pub(crate) fn add_diagnostics(&mut self, index: usize, diagnostics: Vec<Diagnostic>) {
        let file = &mut self.files[index];
        let located = diagnostics
            .into_iter()
            .map(|diagnostic| match &file.front_matter {
                Some(yaml) => validate::locate(yaml, diagnostic),
                None => diagnostic,
            });
        let mut all: Vec<Diagnostic> = file.report.iter().cloned().collect();
        all.extend(self.validate.finish(located.collect()));
        file.report = Report::new(all);
    }
}
