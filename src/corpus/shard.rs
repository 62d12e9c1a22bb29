//! Shards: a corpus cut by a stable hash of each file's path, so that separate machines can
//! each take one part and together take every file exactly once.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// Shard `index` of `count`: the files whose path hashes to `index` modulo `count`.
///
/// The hash is the first 8 bytes, big-endian, of the SHA-256 of the path as found (as given,
/// or the given directory joined with the path below it), in UTF-8 with `/` between its
/// components: the same on every machine, run and platform, for the same arguments. Run
/// every shard with the same paths (relative ones from the same directory), and shards
/// `0..count` together hold each file exactly once. Anyone can compute it, in any language:
/// `int.from_bytes(hashlib.sha256(path.encode()).digest()[:8], "big") % count` in Python.
///
/// ```
/// use newsmatter::corpus::Shard;
///
/// let shard: Shard = "1/4".parse()?;
/// assert_eq!((shard.index(), shard.count()), (1, 4));
/// assert_eq!(shard.to_string(), "1/4");
/// let in_some: Vec<Shard> = (0..4)
///     .map(|k| Shard::new(k, 4).unwrap())
///     .filter(|shard| shard.holds("corpus/2024/a.md".as_ref()))
///     .collect();
/// assert_eq!(in_some.len(), 1);
/// assert!("4/4".parse::<Shard>().is_err());
/// # Ok::<(), newsmatter::corpus::ShardError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shard {
    index: u32,
    count: u32,
}

/// A shard that is not `K/N` with `0 ≤ K < N`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid shard `{text}`: expected K/N with 0 <= K < N, as in 0/4")]
pub struct ShardError {
    text: String,
}

impl Shard {
    /// Shard `index` of `count`; `None` unless `index < count`.
    pub fn new(index: u32, count: u32) -> Option<Self> {
        (index < count).then_some(Shard { index, count })
    }

    /// The whole corpus: shard 0 of 1.
    pub fn whole() -> Self {
        Shard { index: 0, count: 1 }
    }

    /// Which shard this is, from 0.
    pub fn index(self) -> u32 {
        self.index
    }

    /// How many shards the corpus is cut into.
    pub fn count(self) -> u32 {
        self.count
    }

    /// Whether the file at `path` (as found) belongs to this shard.
    pub fn holds(self, path: &Path) -> bool {
        self.count == 1 || shard_hash(path) % u64::from(self.count) == u64::from(self.index)
    }
}

/// The stable hash of a path: see [`Shard`].
fn shard_hash(path: &Path) -> u64 {
    let mut text = String::new();
    for (i, part) in path.components().enumerate() {
        if i > 0 && !text.ends_with('/') {
            text.push('/');
        }
        text.push_str(&part.as_os_str().to_string_lossy());
    }
    let digest = Sha256::digest(text.as_bytes());
    let mut first = [0_u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ShardError { text: text.into() };
        let (index, count) = text.split_once('/').ok_or_else(error)?;
        let number = |part: &str| {
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        let (index, count) = (
            number(index).ok_or_else(error)?,
            number(count).ok_or_else(error)?,
        );
        Shard::new(index, count).ok_or_else(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_sha256_of_the_slashed_path() {
        // python3 -c 'import hashlib; print(int.from_bytes(hashlib.sha256(b"corpus/a.md").digest()[:8], "big"))'
        assert_eq!(
            shard_hash(Path::new("corpus/a.md")),
            14_243_514_065_533_896_669
        );
        assert_eq!(
            shard_hash(Path::new("corpus//a.md")),
            shard_hash(Path::new("corpus/a.md"))
        );
        assert_eq!(
            shard_hash(Path::new("/abs/a.md")),
            shard_hash(Path::new("/abs/a.md"))
        );
    }

    #[test]
    fn parses_k_of_n_only() {
        assert_eq!("0/1".parse(), Ok(Shard::whole()));
        assert_eq!("3/10".parse(), Ok(Shard::new(3, 10).unwrap()));
        for bad in [
            "", "1", "1/1", "2/1", "0/0", "-1/2", "+1/2", "1/ 2", "a/b", "1/2/3",
        ] {
            assert_eq!(
                bad.parse::<Shard>().unwrap_err().to_string(),
                format!("invalid shard `{bad}`: expected K/N with 0 <= K < N, as in 0/4")
            );
        }
    }

    #[test]
    fn each_path_in_exactly_one_shard() {
        for n in 1..=7 {
            for i in 0..200 {
                let path = format!("dir/{i}/file-{i}.md");
                let holding = (0..n)
                    .filter(|&k| Shard::new(k, n).unwrap().holds(path.as_ref()))
                    .count();
                assert_eq!(holding, 1, "{path} in {n} shards");
            }
        }
    }
}
