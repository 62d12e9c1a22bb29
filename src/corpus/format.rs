//! Formatting the files of a corpus: those a load would read, each as [`format_file`]
//! formats it, a file that a walk found never through a link swapped in for it.

use std::path::{Path, PathBuf};

use crate::corpus::load::CorpusOptions;
use crate::report::error::Error;
use crate::report::Diagnostic;
use crate::write::{fix_path, format_path, FixOutcome, FormatOutcome};
#[cfg(doc)]
use crate::{
    corpus::Links,
    write::{fix_file, format_file},
};

impl CorpusOptions {
    /// Formats the record files that a load of `paths` reads
    /// ([`CorpusOptions::find_files`]), each as [`format_file`] does with these options'
    /// parse options, in path order; with `check`, writes nothing and says what it would
    /// do. Gives each file's path and outcome, or the error that names it (a path that
    /// cannot be walked, a file that does not parse or cannot be written).
    ///
    /// Links are taken as a load takes them: a path given that is a symbolic link is
    /// followed (the file it leads to is formatted, and the link stays), while a file that
    /// a walk found is formatted where it is, unless links are followed ([`Links`]): a link
    /// swapped in for it after the walk is an `io` error, so that nothing outside the paths
    /// given is written.
    ///
    /// ```
    /// use newsmatter::CorpusOptions;
    /// use newsmatter::write::FormatOutcome;
    ///
    /// let outcomes = CorpusOptions::new().format_files(["tests/fixtures/valid"], true);
    /// assert_eq!(outcomes.len(), 2);
    /// for outcome in outcomes {
    ///     let (path, outcome) = outcome?;
    ///     assert_eq!(outcome, FormatOutcome::Canonical, "{}", path.display());
    /// }
    /// # Ok::<(), newsmatter::Error>(())
    /// ```
    pub fn format_files<I, P>(
        &self,
        paths: I,
        check: bool,
    ) -> Vec<Result<(PathBuf, FormatOutcome), Error>>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let mut found = self.find(paths);
        let options = self.validate().parse_options_ref();
        std::mem::take(&mut found.entries)
            .into_iter()
            .map(|entry| {
                let path = entry?;
                let outcome = format_path(&path, options, check, self.reach(&path, &found))?;
                Ok((path, outcome))
            })
            .collect()
    }

    /// Fixes the record files that a load of `paths` reads, each as [`fix_file`] does with
    /// these options' validation, the fixes of the diagnostics `select` takes; with
    /// `check`, writes nothing and says what it would write. Links are taken as
    /// [`CorpusOptions::format_files`] takes them: nothing outside the paths given is
    /// written.
    ///
    /// ```
    /// use newsmatter::CorpusOptions;
    /// use newsmatter::write::FixOutcome;
    ///
    /// let outcomes = CorpusOptions::new().fix_files(["tests/fixtures/valid"], &|_, _| true, true);
    /// assert!(outcomes.iter().all(|outcome| matches!(outcome, Ok((_, FixOutcome::Clean)))));
    /// ```
    pub fn fix_files<I, P>(
        &self,
        paths: I,
        select: &dyn Fn(&Path, &Diagnostic) -> bool,
        check: bool,
    ) -> Vec<Result<(PathBuf, FixOutcome), Error>>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let mut found = self.find(paths);
        std::mem::take(&mut found.entries)
            .into_iter()
            .map(|entry| {
                let path = entry?;
                let select = |d: &Diagnostic| select(&path, d);
                let outcome = fix_path(
                    &path,
                    self.validate(),
                    &select,
                    check,
                    self.reach(&path, &found),
                )?;
                Ok((path, outcome))
            })
            .collect()
    }
}
