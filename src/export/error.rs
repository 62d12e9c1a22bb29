//! `ExportError`: an export that could not write its tables.

use std::io;
use std::path::{Path, PathBuf};

/// An export that could not write its tables. Files that cannot be read are no such
/// error: they are rows of `diagnostics`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A table or the folder could not be written (or its spill read back).
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// `tables` (feature `parquet`) was given a graph built from another corpus.
    #[error(transparent)]
    Graph(#[from] crate::corpus::graph::GraphMismatch),
    /// Arrow refused a batch (a bug: the tables' builders make their schemas' columns). The
    /// source is Arrow's error, boxed so that Arrow's types are not part of this API.
    #[cfg(feature = "parquet")]
    #[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
    #[error("cannot build a table: {0}")]
    Batch(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The Parquet writer failed.
    #[cfg(feature = "parquet")]
    #[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
    #[error("cannot write `{path}`: {source}")]
    Parquet {
        /// The table.
        path: PathBuf,
        /// Why: the Parquet writer's error, boxed so that its types are not part of this API.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// The spill does not hold the rows this export wrote to it: changed under us.
pub(crate) fn out_of_step(spill: &Path) -> ExportError {
    ExportError::Io {
        path: spill.to_path_buf(),
        source: io::Error::new(
            io::ErrorKind::InvalidData,
            "the spill file does not hold the rows written to it (was it changed meanwhile?)",
        ),
    }
}

impl ExportError {
    pub(crate) fn io(path: &Path) -> impl FnOnce(io::Error) -> ExportError + '_ {
        move |source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
