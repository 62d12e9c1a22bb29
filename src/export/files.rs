//! The export's files: their names, the spill and the staged tables, and how a finished
//! export is put in place of the previous one.

use std::io;
use std::path::{Path, PathBuf};

use crate::corpus::Shard;
use crate::export::error::ExportError;

/// The tables, by name, in the order they are written and listed.
const TABLES: [&str; 3] = ["records", "related", "diagnostics"];

/// The file endings of every format, built with the `parquet` feature or not.
const EXTENSIONS: [&str; 2] = ["ndjson", "parquet"];

/// What stands for the manifest (`export.json`) among the tables' names.
const MANIFEST: &str = "export";

/// Creates the file at `path`, one of the export's own (a spill or a staged table), for
/// reading and writing. It must not be there (`O_EXCL`): a file or a link that someone put
/// in the folder under that name since the export removed what a killed one left is an
/// error, never followed or overwritten.
pub(crate) fn create_own(path: &Path) -> Result<std::fs::File, ExportError> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(ExportError::io(path))
}

/// Writes `bytes` to a new file of the export's own at `path` and flushes it to disk.
pub(super) fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    use std::io::Write;
    let mut file = create_own(path)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(ExportError::io(path))
}

/// The names and metadata of one export's tables.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    dir: PathBuf,
    suffix: String,
    extension: &'static str,
    pub(crate) shard: Shard,
}

impl Layout {
    /// The tables of `shard` in the format whose files end in `extension`, in `dir`.
    pub(super) fn new(dir: &Path, shard: Shard, extension: &'static str) -> Self {
        Layout {
            dir: dir.to_path_buf(),
            suffix: if shard.count() == 1 {
                String::new()
            } else {
                format!(".shard-{}-of-{}", shard.index(), shard.count())
            },
            extension,
            shard,
        }
    }

    /// `dir/<table><suffix>.<extension>`.
    pub(crate) fn table(&self, table: &str) -> PathBuf {
        self.dir
            .join(format!("{table}{}.{}", self.suffix, self.extension))
    }

    /// `dir/export<suffix>.json`: what the export holds.
    pub(super) fn manifest(&self) -> PathBuf {
        self.dir.join(format!("export{}.json", self.suffix))
    }

    /// Where a table's rows wait for its last columns.
    pub(crate) fn spill(&self, table: &str) -> PathBuf {
        self.dir.join(format!(".{table}{}.partial", self.suffix))
    }

    /// Where a table, or the manifest, is written before it is renamed into place:
    /// `.<name>.writing`, beside it.
    pub(crate) fn staged(&self, table: &str) -> PathBuf {
        let name = match table {
            MANIFEST => self.manifest(),
            _ => self.table(table),
        };
        let name = name.file_name().map(|n| n.to_string_lossy().into_owned());
        self.dir
            .join(format!(".{}.writing", name.unwrap_or_default()))
    }

    /// Removes the spills and staged tables of this scope: what a failed export leaves, or
    /// what a killed one left.
    pub(super) fn remove_unfinished(&self) {
        for table in ["records", "related"] {
            // Nothing to do when it is not there; nothing better to do when it cannot go.
            let _ = std::fs::remove_file(self.spill(table));
        }
        for table in TABLES.into_iter().chain([MANIFEST]) {
            let _ = std::fs::remove_file(self.staged(table));
        }
    }

    /// Puts the staged tables in place of the previous export's, the manifest last: until
    /// the new manifest is there, there is none, so that a reader who goes by the manifest
    /// sees the old export whole, or none, or the new one whole. Tables of this scope in
    /// the other formats, an earlier export's, go too.
    pub(super) fn commit(&self, manifest: &[u8]) -> Result<(), ExportError> {
        let staged = self.staged(MANIFEST);
        write_synced(&staged, manifest)?;
        let old = self.manifest();
        match std::fs::remove_file(&old) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => {
                return Err(ExportError::io(&old)(err));
            }
            _ => {}
        }
        for table in TABLES {
            let (from, to) = (self.staged(table), self.table(table));
            std::fs::rename(&from, &to).map_err(ExportError::io(&to))?;
            for other in EXTENSIONS.into_iter().filter(|&e| e != self.extension) {
                let _ = std::fs::remove_file(self.with_extension(other).table(table));
            }
        }
        std::fs::rename(&staged, &old).map_err(ExportError::io(&old))?;
        // The renames themselves made durable.
        if let Ok(dir) = std::fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// This layout for tables of another format.
    fn with_extension(&self, extension: &'static str) -> Layout {
        Layout {
            extension,
            ..self.clone()
        }
    }

    /// What each table's metadata says of its scope, as key and value.
    #[cfg(feature = "parquet")]
    pub(crate) fn metadata(&self) -> Vec<(&'static str, String)> {
        vec![
            ("newsmatter.version", env!("CARGO_PKG_VERSION").into()),
            ("newsmatter.shard", self.shard.to_string()),
            ("newsmatter.scope", scope(self.shard)),
        ]
    }
}

/// What the tables of `shard` hold, in words, for their metadata and the manifest.
pub(super) fn scope(shard: Shard) -> String {
    if shard.count() == 1 {
        "the whole corpus: checks across records and related entries resolved over every file"
            .into()
    } else {
        format!(
            "shard {shard}: checks across records, resolvedKey and citedFile see only this \
             shard's files; join related.resolvedKey with records.keys over every shard to \
             resolve citations across shards"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file or link put under the name of a spill or staged table once the export has
    /// cleared the names is an error, never written through.
    #[cfg(unix)]
    #[test]
    fn creates_its_own_files_only_where_nothing_is() {
        let dir = std::env::temp_dir().join(format!("newsmatter-own-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim");
        std::fs::write(&victim, "not the export's").unwrap();
        let planted = dir.join(".records.partial");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let err = create_own(&planted).unwrap_err();
        assert!(
            matches!(&err, ExportError::Io { path, source }
                if path == &planted && source.kind() == io::ErrorKind::AlreadyExists),
            "{err}"
        );
        assert!(write_synced(&planted, b"rows").is_err());
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "not the export's"
        );
        // Where nothing is, it is created, and can be read back.
        let own = dir.join(".records.ndjson.writing");
        write_synced(&own, b"rows").unwrap();
        assert_eq!(std::fs::read(&own).unwrap(), b"rows");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
