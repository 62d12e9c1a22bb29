//! Counts in words, the same in every output: `1 file`, `2 files`.

/// `1 file`, `2 files`; `1 entry`, `2 entries`.
pub fn counted(count: usize, noun: &str) -> String {
    match (count, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        _ => format!("{count} {noun}s"),
    }
}
