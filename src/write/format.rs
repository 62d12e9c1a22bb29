//! Rewriting a record file into the canonical rendering, safely.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::Document;
use crate::read::options::ParseOptions;
use crate::read::outline::comments;
use crate::read::split::{split, utf8};
use crate::read::Reach;
use crate::report::error::{Error, Result};
use crate::report::position::line_column;

/// What [`format_file`] did, or would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatOutcome {
    /// The file is already in the canonical rendering; it was not touched.
    Canonical,
    /// The file was rewritten into the canonical rendering.
    Reformatted,
    /// The file is not canonical; with `check`, it was left as it is.
    WouldReformat,
    /// The file is not canonical, and was left as it is: formatting it would lose something,
    /// or write what it should not. Says what.
    Kept(Kept),
}

/// Why [`format_file`] left a file that is not canonical as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kept {
    /// The front matter has YAML comments, which the rendering would drop; `line` is the
    /// first one's.
    Comments {
        /// The 1-based line of the first comment.
        line: usize,
    },
    /// Whether the front matter has comments cannot be told (YAML that only the general
    /// reader reads).
    CommentsUnknown,
    /// The rendering would be larger than [`ParseOptions::max_size`], so that reading it
    /// again would fail.
    TooLarge {
        /// The rendering's size in bytes.
        size: usize,
    },
    /// The file has several hard links: replacing it would part this name from the others.
    HardLinks {
        /// How many names the file has.
        links: u64,
    },
    /// The file is read-only.
    ReadOnly,
    /// The file changed while it was being formatted (its size, time or contents): the
    /// other change is kept, and formatting it is left for another run.
    Changed,
}

impl fmt::Display for Kept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kept::Comments { line } => write!(
                f,
                "it has YAML comments (the first on line {line}), which formatting would drop"
            ),
            Kept::CommentsUnknown => f.write_str(
                "whether it has YAML comments cannot be told, and formatting would drop them",
            ),
            Kept::TooLarge { size } => write!(
                f,
                "formatted, it would be {size} bytes, over the size limit"
            ),
            Kept::HardLinks { links } => write!(
                f,
                "it has {links} hard links, which replacing it would part"
            ),
            Kept::ReadOnly => f.write_str("it is read-only"),
            Kept::Changed => f.write_str("it changed while it was being formatted"),
        }
    }
}

/// Where the temporary files of [`format_file`] end: `.NAME.XXXXXX.newsmatter-tmp`, beside
/// the file `NAME` and with a random middle.
pub const TEMPORARY_SUFFIX: &str = ".newsmatter-tmp";

/// A temporary file is stale (left by a run that was killed) once it is this old.
const STALE_AFTER: Duration = Duration::from_secs(5 * 60);

/// Rewrites the record file at `path` into the canonical rendering ([`Document`]'s
/// `Display`), or with `check` only says whether it would.
///
/// The file keeps its style where the rendering has no say: a byte-order mark stays, and a
/// file whose opening `---` line ends in `\r\n` gets its front matter written with `\r\n`
/// too (the body is never touched).
///
/// Nothing is lost and nothing else is written:
/// - A file that does not parse is never touched, nor one whose rendering would drop a
///   YAML comment, grow past [`ParseOptions::max_size`], or not read back as the same
///   document: those are [`FormatOutcome::Kept`], with the reason. So are a read-only file
///   and one with several hard links.
/// - A symbolic link stays a link: the file it leads to is formatted.
/// - The new text is written to a temporary file beside the file formatted, created with a
///   random name that nothing else may hold (`O_EXCL`) and mode 0600, then given the file's
///   permissions, owner and group (where allowed) through its descriptor, flushed to disk,
///   and renamed over the file: a crash leaves the old file or the new one, never half of
///   either. Just before the rename the file is read again: if it changed meanwhile, the
///   other change is kept ([`Kept::Changed`]). A run killed before the rename leaves a
///   temporary file named `.NAME.XXXXXX.newsmatter-tmp`, which
///   [`remove_stale_temporaries`] removes.
///
/// ```
/// use newsmatter::ParseOptions;
/// use newsmatter::write::{format_file, FormatOutcome};
///
/// let outcome = format_file("tests/fixtures/valid/article.md", &ParseOptions::new(), true)?;
/// assert_eq!(outcome, FormatOutcome::Canonical);
/// # Ok::<(), newsmatter::Error>(())
/// ```
///
/// # Errors
///
/// Any parse error, and [`ErrorKind::Io`](crate::report::ErrorKind::Io) when the file cannot be read
/// or written; every error names the file.
///
/// [`Document`]: crate::Document
pub fn format_file(
    path: impl AsRef<Path>,
    options: &ParseOptions,
    check: bool,
) -> Result<FormatOutcome> {
    format_path(path.as_ref(), options, check, Reach::NAMED)
}

/// As [`format_file`], for a file reached as `reach` says: where it does not follow links, a
/// symbolic link at `path` is an `io` error (as a file that a walk found is read,
/// `O_NOFOLLOW`), and where it names folders, a file that lies outside them once opened is
/// one too, so that a link swapped in for a file found in a walk, or for a folder on its
/// path, does not lead the write outside the paths given. Every error names the file.
pub(crate) fn format_path(
    path: &Path,
    options: &ParseOptions,
    check: bool,
    reach: Reach<'_>,
) -> Result<FormatOutcome> {
    format(path, options, check, reach).map_err(|err| err.in_file(path))
}

fn format(
    path: &Path,
    options: &ParseOptions,
    check: bool,
    reach: Reach<'_>,
) -> Result<FormatOutcome> {
    let (target, before, bytes, reach) = open(path, options, reach)?;
    let text = utf8(&bytes)?;
    let document = options.parse_str(text)?.document;
    let rendered = in_the_style_of(text, &document);
    if rendered == text {
        return Ok(FormatOutcome::Canonical);
    }
    if let Some(kept) = lossy(text, &rendered, &document, options) {
        return Ok(FormatOutcome::Kept(kept));
    }
    if check {
        return Ok(FormatOutcome::WouldReformat);
    }
    match rewrite(&target, &before, &bytes, &rendered, options, reach)? {
        None => Ok(FormatOutcome::Reformatted),
        Some(kept) => Ok(FormatOutcome::Kept(kept)),
    }
}

/// Opens the file at `path` to rewrite it: the file itself (a link, where followed, is
/// kept, and what it leads to is opened; where links are not followed, reading refuses
/// it), its metadata and its bytes, and how to read it again.
pub(crate) fn open<'r>(
    path: &Path,
    options: &ParseOptions,
    reach: Reach<'r>,
) -> Result<(PathBuf, fs::Metadata, Vec<u8>, Reach<'r>)> {
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if reach.follow && meta.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(Error::io)?
        }
        _ => path.to_path_buf(),
    };
    // Opened by its whole path: the path read is the one written, after a link there.
    let reach = Reach {
        follow: false,
        beneath: None,
        ..reach
    };
    let before = fs::metadata(&target).map_err(Error::io)?;
    let bytes = options.read_path(&target, reach)?;
    Ok((target, before, bytes, reach))
}

/// Replaces `target` (opened by [`open`] as `before` and `bytes`) with `text`, atomically,
/// unless it is read-only, has several names, or changed since it was read: then it says
/// why it kept the file (`None` when it wrote it).
pub(crate) fn rewrite(
    target: &Path,
    before: &fs::Metadata,
    bytes: &[u8],
    text: &str,
    options: &ParseOptions,
    reach: Reach<'_>,
) -> Result<Option<Kept>> {
    if before.permissions().readonly() {
        return Ok(Some(Kept::ReadOnly));
    }
    if let Some(links) = hard_links(before) {
        return Ok(Some(Kept::HardLinks { links }));
    }
    let unchanged = || -> std::io::Result<bool> {
        let now = fs::metadata(target)?;
        let same = now.len() == before.len() && now.modified().ok() == before.modified().ok();
        Ok(same && options.read_path(target, reach).ok().as_deref() == Some(bytes))
    };
    match replace(target, text.as_bytes(), before, unchanged).map_err(Error::io)? {
        true => Ok(None),
        false => Ok(Some(Kept::Changed)),
    }
}

/// What the rendering of `document` (read from `text`) would lose or break, if anything:
/// comments, the size limit, the document itself.
fn lossy(text: &str, rendered: &str, document: &Document, options: &ParseOptions) -> Option<Kept> {
    if rendered.len() > options.size_limit() {
        return Some(Kept::TooLarge {
            size: rendered.len(),
        });
    }
    let yaml = split(text).ok()?.yaml;
    match comments(yaml) {
        None => return Some(Kept::CommentsUnknown),
        Some(found) => {
            if let Some(&first) = found.first() {
                // The front matter is a part of the text: where it starts in the file.
                let offset = yaml.as_ptr() as usize - text.as_ptr() as usize;
                let line = line_column(text, offset + first).0;
                return Some(Kept::Comments { line });
            }
        }
    }
    // The rendering reads back as the same document (it always should: the round-trip
    // tests prove it; this is the last guard before a file is replaced).
    match options.parse_str(rendered) {
        Ok(again) if again.document == *document => None,
        _ => Some(Kept::CommentsUnknown),
    }
}

/// How many names the file has, when it has more than one.
fn hard_links(meta: &fs::Metadata) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.nlink() > 1).then_some(meta.nlink())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Removes the temporary files that a killed [`format_file`] left in `dir`: regular files
/// named `.NAME.XXXXXX.newsmatter-tmp` last written over five minutes ago. Gives their
/// paths.
///
/// # Errors
///
/// When `dir` cannot be listed; a file that cannot be removed is left, and not given.
pub fn remove_stale_temporaries(dir: impl AsRef<Path>) -> std::io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for entry in fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with('.') && name.ends_with(TEMPORARY_SUFFIX)) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    Ok(removed)
}

/// The canonical rendering of `document`, read from `text`, written as `text` is: with its
/// byte-order mark, if it has one, and with the front matter's lines ending in `\r\n` if its
/// opening `---` line does. The body is the file's own, byte for byte, in either case.
fn in_the_style_of(text: &str, document: &Document) -> String {
    const BOM: char = '\u{feff}';
    let rendered = document.to_string();
    let unmarked = text.strip_prefix(BOM);
    let opening = unmarked.unwrap_or(text).split_inclusive('\n').next();
    let crlf = opening.is_some_and(|line| line.ends_with("\r\n"));
    if unmarked.is_none() && !crlf {
        return rendered;
    }
    let (front, body) = rendered.split_at(rendered.len() - document.body.len());
    let mut out = String::with_capacity(text.len() + front.len() / 16);
    if unmarked.is_some() {
        out.push(BOM);
    }
    if crlf {
        out.push_str(&front.replace('\n', "\r\n"));
    } else {
        out.push_str(front);
    }
    out.push_str(body);
    out
}

/// Writes `contents` to a new temporary file in `target`'s directory, with `target`'s
/// permissions (and owner and group, where allowed), and renames it over `target` if
/// `unchanged` still says so; `false` (and nothing written) when it does not.
fn replace(
    target: &Path,
    contents: &[u8],
    meta: &fs::Metadata,
    unchanged: impl FnOnce() -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    // Random, created with O_EXCL and mode 0600; removed if anything below fails.
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(dir)?;
    let file = temporary.as_file();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Where the user may not give the file away, it stays theirs (as a new file would).
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
    file.set_permissions(meta.permissions())?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    if !unchanged()? {
        return Ok(false);
    }
    temporary.persist(target).map_err(|err| err.error)?;
    // The rename itself made durable.
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(true)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    use super::*;

    const ARTICLE: &str = include_str!("../../tests/fixtures/valid/article.md");

    /// The fixture, not canonical: one key out of its place.
    fn unformatted() -> String {
        ARTICLE.replace("quality: 61\nheat: 12\n", "heat: 12\nquality: 61\n")
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("newsmatter-fmt-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn format(path: &Path) -> FormatOutcome {
        format_file(path, &ParseOptions::new(), false).unwrap()
    }

    #[test]
    fn writes_nothing_but_the_file_it_formats() {
        let dir = temp_dir("planted");
        let victim = dir.join("victim");
        fs::write(&victim, "precious").unwrap();
        fs::set_permissions(&victim, fs::Permissions::from_mode(0o600)).unwrap();
        let record = dir.join("a.md");
        fs::write(&record, unformatted()).unwrap();
        // The names the temporary file had before (the process id), planted as links.
        for name in [
            format!(".a.md.newsmatter-{}.tmp", std::process::id()),
            ".a.md.newsmatter-tmp".to_owned(),
        ] {
            std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
        }
        assert_eq!(format(&record), FormatOutcome::Reformatted);
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::metadata(&victim).unwrap().mode() & 0o777, 0o600);
        assert_eq!(fs::read_to_string(&record).unwrap(), ARTICLE);
        // Nothing else is left in the folder: the links planted, the victim, the record.
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 4);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn keeps_the_link_the_permissions_and_the_owner() {
        let dir = temp_dir("keeps");
        let target = dir.join("real.md");
        fs::write(&target, unformatted()).unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        // As root (CI), the file can belong to someone else, and keeps them.
        let owner = if nix_is_root() {
            4321
        } else {
            fs::metadata(&target).unwrap().uid()
        };
        let _ = std::os::unix::fs::chown(&target, Some(owner), None);
        let link = dir.join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        assert_eq!(format(&link), FormatOutcome::Reformatted);
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        let meta = fs::metadata(&target).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), ARTICLE);
        assert_eq!(meta.mode() & 0o777, 0o640);
        assert_eq!(meta.uid(), owner);
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A file that a walk found is not formatted through a link swapped in for it since:
    /// the file the link leads to, outside the paths given, is not written.
    #[test]
    fn a_link_is_not_followed_where_a_walk_found_a_file() {
        let dir = temp_dir("swapped");
        let outside = dir.join("outside.md");
        fs::write(&outside, unformatted()).unwrap();
        let link = dir.join("found.md");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let walked = Reach {
            follow: false,
            within: None,
            beneath: None,
        };
        let err = format_path(&link, &ParseOptions::new(), false, walked).unwrap_err();
        assert_eq!(err.kind(), crate::report::ErrorKind::Io);
        assert_eq!(
            err.to_string(),
            format!(
                "{}: a symbolic link where a walk found a file: not followed",
                link.display()
            )
        );
        assert_eq!(fs::read_to_string(&outside).unwrap(), unformatted());
        // Named, it is followed.
        assert_eq!(format(&link), FormatOutcome::Reformatted);
        assert_eq!(fs::read_to_string(&outside).unwrap(), ARTICLE);
        fs::remove_dir_all(&dir).unwrap();
    }

    /// Nor through a folder on its path swapped for a link: the file opened must lie inside
    /// the paths given.
    #[test]
    fn a_folder_swapped_for_a_link_does_not_lead_the_write_out() {
        let dir = temp_dir("swapped-folder");
        let (root, outside) = (dir.join("corpus"), dir.join("outside"));
        fs::create_dir_all(&root).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("a.md"), unformatted()).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("sub")).unwrap();
        let roots = [root.canonicalize().unwrap()];
        let walked = Reach {
            follow: false,
            within: Some(&roots),
            beneath: None,
        };
        let path = root.join("sub/a.md");
        let err = format_path(&path, &ParseOptions::new(), false, walked).unwrap_err();
        assert_eq!(err.kind(), crate::report::ErrorKind::Io);
        assert!(
            err.to_string().contains("leads outside the paths given"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(outside.join("a.md")).unwrap(),
            unformatted()
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    fn nix_is_root() -> bool {
        fs::metadata("/proc/self")
            .map(|m| m.uid() == 0)
            .unwrap_or(false)
    }

    #[test]
    fn leaves_what_it_cannot_format_without_loss() {
        let dir = temp_dir("kept");
        let commented =
            unformatted().replacen("type: article\n", "# reviewed\ntype: article  # x\n", 1);
        let cases: Vec<(&str, String, Kept)> = vec![
            ("comments.md", commented, Kept::Comments { line: 10 }),
            (
                "trailing.md",
                unformatted().replacen("type: article\n", "type: article  # as sent\n", 1),
                Kept::Comments { line: 10 },
            ),
            ("readonly.md", unformatted(), Kept::ReadOnly),
            ("linked.md", unformatted(), Kept::HardLinks { links: 2 }),
        ];
        for (name, text, _) in &cases {
            fs::write(dir.join(name), text).unwrap();
        }
        fs::set_permissions(dir.join("readonly.md"), fs::Permissions::from_mode(0o444)).unwrap();
        fs::hard_link(dir.join("linked.md"), dir.join("other-name.md")).unwrap();
        for (name, text, kept) in &cases {
            let path = dir.join(name);
            assert_eq!(format(&path), FormatOutcome::Kept(*kept), "{name}");
            assert_eq!(&fs::read_to_string(&path).unwrap(), text, "{name}");
        }
        // A hash inside a value is no comment.
        let hash = dir.join("hash.md");
        fs::write(
            &hash,
            unformatted().replace("Harbor city opens", "Issue #5: Harbor city opens"),
        )
        .unwrap();
        assert_eq!(format(&hash), FormatOutcome::Reformatted);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn never_writes_what_reading_would_refuse() {
        let dir = temp_dir("large");
        // Flow style is shorter than the rendering's block style.
        let text = unformatted().replace(
            "topics:\n  - Solar Power\n  - Reservoirs\n",
            &format!("topics: [{}]\n", vec!["t"; 400].join(",")),
        );
        let path = dir.join("flow.md");
        fs::write(&path, &text).unwrap();
        let options = ParseOptions::new().max_size(text.len() + 10);
        let outcome = format_file(&path, &options, false).unwrap();
        assert!(
            matches!(outcome, FormatOutcome::Kept(Kept::TooLarge { size }) if size > text.len() + 10)
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_changed_meanwhile_is_left_with_its_change() {
        let dir = temp_dir("changed");
        let path = dir.join("a.md");
        fs::write(&path, "theirs").unwrap();
        let meta = fs::metadata(&path).unwrap();
        let replaced = replace(&path, b"ours", &meta, || Ok(false)).unwrap();
        assert!(!replaced);
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file is left"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn removes_the_temporary_files_a_killed_run_left() {
        let dir = temp_dir("stale");
        let stale = dir.join(".a.md.Xy12Zq.newsmatter-tmp");
        let fresh = dir.join(".b.md.Ab34Cd.newsmatter-tmp");
        let other = dir.join(".notes.tmp");
        for path in [&stale, &fresh, &other] {
            fs::write(path, "x").unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        for path in [&stale, &other] {
            fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(hour_ago)
                .unwrap();
        }
        assert_eq!(
            remove_stale_temporaries(&dir).unwrap(),
            std::slice::from_ref(&stale)
        );
        assert!(!stale.exists() && fresh.exists() && other.exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
