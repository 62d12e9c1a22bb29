//! Opening a record file: only a regular file, without waiting, and for a file a walk found
//! never through a way out of the paths given.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::report::error::{Error, Result};

/// How a record file is opened: as a path the user named, or as a file a walk found.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reach<'a> {
    /// A symbolic link at the path itself is followed.
    pub(crate) follow: bool,
    /// The folders (their real paths) the file opened must lie in, wherever its path led;
    /// `None`: anywhere. A folder on the path of a file a walk found, swapped for a link
    /// since the walk, cannot lead the read outside the paths given.
    pub(crate) within: Option<&'a [PathBuf]>,
    /// The folder given that the walk found the file under, opened once, and the file's
    /// path under it: the file is first opened from that folder with the kernel refusing
    /// any step out of it (and, where links are not followed, any link), which proves it
    /// lies inside without asking where it is. Where that is refused, or not to be had,
    /// the file is opened by its whole path and its place checked against `within`.
    pub(crate) beneath: Option<(&'a RootDir, &'a Path)>,
}

impl Reach<'_> {
    /// A path the user named: followed, wherever it leads.
    pub(crate) const NAMED: Reach<'static> = Reach {
        follow: true,
        within: None,
        beneath: None,
    };
}

/// A folder given to a walk, opened once (on Linux; elsewhere nothing is kept), for the
/// files found under it to be opened from it.
#[derive(Debug)]
pub(crate) struct RootDir {
    /// The folder, opened as a place to start from (`O_PATH`), not for reading.
    #[cfg(target_os = "linux")]
    dir: File,
}

impl RootDir {
    /// Opens the folder at `path` (following a link there, as a path given is), if it is
    /// the folder at `real` (the same device and inode): a folder swapped for another since
    /// its real path was found is not used. `None` too when it cannot be opened or this
    /// system does not open files beneath a folder.
    pub(crate) fn open(path: &Path, real: &Path) -> Option<RootDir> {
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
            let dir = OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_PATH | libc::O_DIRECTORY)
                .open(path)
                .ok()?;
            let (opened, there) = (dir.metadata().ok()?, std::fs::metadata(real).ok()?);
            (opened.dev() == there.dev() && opened.ino() == there.ino()).then_some(RootDir { dir })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (path, real);
            None
        }
    }

    /// Opens `rest`, a path under this folder, for reading without waiting, where the
    /// kernel can prove every step of it stays beneath the folder (no `..` above it, no
    /// absolute or `/proc` magic link, and when `follow` is not set no link at all).
    /// `None` when it cannot: the caller opens the file the long way, which says why.
    fn open_beneath(&self, rest: &Path, follow: bool) -> Option<File> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{Mode, OFlags, ResolveFlags};
            let mut flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
            let mut resolve = ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS;
            if !follow {
                flags |= OFlags::NOFOLLOW;
                resolve |= ResolveFlags::NO_SYMLINKS;
            }
            rustix::fs::openat2(&self.dir, rest, flags, Mode::empty(), resolve)
                .ok()
                .map(File::from)
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (rest, follow);
            None
        }
    }
}

/// The path of `path` under the folder `root`, when `path` is `root` joined with a path
/// (as a walk of `root` makes them): a comparison of their bytes, not of their components.
pub(crate) fn under<'p>(path: &'p Path, root: &Path) -> Option<&'p Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let root = root.as_os_str().as_bytes();
        let rest = path.as_os_str().as_bytes().strip_prefix(root)?;
        let rest = match root.last() {
            Some(b'/') => rest,
            _ => rest.strip_prefix(b"/")?,
        };
        (!rest.is_empty() && rest[0] != b'/').then(|| Path::new(std::ffi::OsStr::from_bytes(rest)))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, root);
        None
    }
}

/// Opens the record file at `path` as `reach` says: without waiting (a FIFO or a device
/// swapped in for a record cannot make it hang); where `reach` does not follow links, not
/// through a symbolic link at `path` itself (`O_NOFOLLOW`); where it names folders, only a
/// file that lies inside one of them. The error does not name the file.
pub(crate) fn open(path: &Path, reach: Reach<'_>) -> Result<File> {
    if let Some(file) = reach
        .beneath
        .and_then(|(root, rest)| root.open_beneath(rest, reach.follow))
    {
        return Ok(file);
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if reach.follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    let file = options.open(path).map_err(|err| match err.raw_os_error() {
        #[cfg(unix)]
        Some(libc::ELOOP) if !reach.follow => Error::io(std::io::Error::other(
            "a symbolic link where a walk found a file: not followed",
        )),
        _ => Error::io(err),
    })?;
    if let Some(roots) = reach.within {
        let real = real_path(&file, path).map_err(Error::io)?;
        if !roots.iter().any(|root| real.starts_with(root)) {
            return Err(Error::io(std::io::Error::other(
                "it leads outside the paths given (a folder on its path swapped for a link since the walk): not read",
            )));
        }
    }
    Ok(file)
}

/// Where the file opened as `file` (from `path`) really is: what its descriptor is (on
/// Linux, through `/proc`), else what `path` leads to now.
fn real_path(file: &File, path: &Path) -> std::io::Result<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(real) = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
            return Ok(real);
        }
    }
    let _ = file;
    path.canonicalize()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::io::Read;
    use std::os::unix::fs::symlink;

    use super::*;

    /// What opening `rest` beneath `root` reads, following links or not; `None` refused.
    fn read_beneath(root: &Path, rest: &str, follow: bool) -> Option<String> {
        let dir = RootDir::open(root, root).expect("a folder opens");
        let mut text = String::new();
        dir.open_beneath(Path::new(rest), follow)?
            .read_to_string(&mut text)
            .unwrap();
        Some(text)
    }

    #[test]
    fn the_path_under_a_folder_is_found_by_its_bytes() {
        let cases = [
            ("corpus/sub/a.md", "corpus", Some("sub/a.md")),
            ("corpus/sub/a.md", "corpus/", Some("sub/a.md")),
            ("/srv/corpus/a.md", "/srv/corpus", Some("a.md")),
            ("./a.md", ".", Some("a.md")),
            ("/a.md", "/", Some("a.md")),
            ("corpus2/a.md", "corpus", None),
            ("corpus", "corpus", None),
            ("corpus/", "corpus", None),
            ("corpus//a.md", "corpus", None),
            ("other/a.md", "corpus", None),
        ];
        for (path, root, rest) in cases {
            let found = under(Path::new(path), Path::new(root));
            assert_eq!(found, rest.map(Path::new), "{path} under {root}");
        }
    }

    /// The kernel proves a file lies under the folder given, or refuses it: a `..` out of
    /// it, an absolute link (to `/proc/self/environ`, say), any link where links are not
    /// followed, and a link to a folder outside; a link that stays inside is followed when
    /// links are.
    #[test]
    fn a_file_is_opened_beneath_its_folder_or_not_at_all() {
        let dir = std::env::temp_dir().join(format!("newsmatter-beneath-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (root, outside) = (dir.join("corpus"), dir.join("outside"));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("sub/a.md"), "inside").unwrap();
        std::fs::write(outside.join("a.md"), "SECRET").unwrap();
        symlink("a.md", root.join("sub/link.md")).unwrap();
        symlink("/proc/self/environ", root.join("environ.md")).unwrap();
        symlink(&outside, root.join("away")).unwrap();
        symlink("../outside", root.join("up")).unwrap();
        symlink("sub", root.join("near")).unwrap();

        for follow in [false, true] {
            assert_eq!(
                read_beneath(&root, "sub/a.md", follow).as_deref(),
                Some("inside")
            );
            for out in ["../outside/a.md", "environ.md", "away/a.md", "up/a.md"] {
                assert_eq!(read_beneath(&root, out, follow), None, "{out}");
            }
        }
        for inside in ["sub/link.md", "near/a.md"] {
            assert_eq!(read_beneath(&root, inside, false), None, "{inside}");
            assert_eq!(read_beneath(&root, inside, true).as_deref(), Some("inside"));
        }
        assert!(RootDir::open(&root.join("sub/a.md"), &root.join("sub/a.md")).is_none());
        // A folder that is not the one at the real path given is not used.
        assert!(RootDir::open(&root, &outside).is_none());
        assert!(RootDir::open(&root.join("near"), &root.join("sub")).is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
