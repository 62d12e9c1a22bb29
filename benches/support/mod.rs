//! What the benches (and the allocation test) share: the baseline model, the generator of
//! records, and the reference record.

#![allow(dead_code)]

pub mod baseline;
pub mod generate;
pub mod hostile;
pub mod producer;

use std::path::{Path, PathBuf};

/// The reference record of the format (`../shared/seed`, beside the repository), or, where
/// that is missing, our own fixture of the same shape; with the name to show.
pub fn reference() -> (&'static str, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = root.join("../shared/seed/000_f716d4bb0f17b2b4.txt");
    match std::fs::read_to_string(&seed) {
        Ok(text) => ("reference", text),
        Err(_) => {
            eprintln!(
                "note: {} not found; measuring tests/fixtures/valid/article.md instead",
                seed.display()
            );
            let fixture = root.join("tests/fixtures/valid/article.md");
            let text = std::fs::read_to_string(fixture).expect("the fixture is in the repository");
            ("fixture", text)
        }
    }
}

/// The real records of `../shared/realdata` (beside the repository; none where it is
/// missing) that both our parse and the baseline take, in path order: the baselines are
/// measured on the same records. Five real files have a `null` topic, which our parse
/// refuses.
pub fn realdata() -> Vec<String> {
    realfiles()
        .into_iter()
        .filter(|text| {
            text.parse::<newsmatter::Document>().is_ok()
                && newsmatter::read::split_front_matter(text).is_ok()
                && serde_yaml::from_str::<baseline::PlainRecord>(front_matter(text)).is_ok()
        })
        .collect()
}

/// Every real record file of `../shared/realdata` (none where it is missing), in path order.
pub fn realfiles() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata");
    let mut paths: Vec<PathBuf> = ["diablo4", "powerapps"]
        .iter()
        .filter_map(|corpus| std::fs::read_dir(root.join(corpus)).ok())
        .flatten()
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect()
}

/// The front matter of a record file with its opening `---` line, as handed to serde_yaml by
/// the baselines (which know nothing of the envelope).
pub fn front_matter(text: &str) -> &str {
    let parts = newsmatter::read::split_front_matter(text).expect("bench inputs are records");
    let end = text.len() - parts.body.len();
    // Up to the closing line: the opening line and the YAML.
    &text[..text[..end - 1].rfind('\n').map_or(0, |n| n + 1)]
}

/// A front matter's data written as JSON, for the serde_json row: what the data itself costs
/// once the syntax is cheap.
pub fn as_json(front_matter: &str) -> String {
    let value: serde_yaml::Value = serde_yaml::from_str(front_matter).expect("a record");
    serde_json::to_string(&value).expect("YAML values write as JSON")
}

/// `n` generated records (the seed every bench uses) as files in `dir`, written unless it
/// holds `n` files already; gives the bytes they take.
pub fn corpus_on_disk(dir: &Path, n: usize) -> u64 {
    let files = generate::files(generate::SEED, n);
    let complete = std::fs::read_dir(dir).map_or(0, |entries| entries.count()) == n;
    if !complete {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).expect("the target directory is writable");
        for (name, text) in &files {
            std::fs::write(dir.join(name), text).expect("the target directory is writable");
        }
    }
    files.iter().map(|(_, text)| text.len() as u64).sum()
}

/// `target/bench-corpus-<n>`: where the benches write `n` generated records.
pub fn bench_corpus_dir(n: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("bench-corpus-{n}"))
}
