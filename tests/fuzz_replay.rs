//! Runs every committed fuzz seed and regression, and the reference record, through the fuzz
//! targets' own checks (`fuzz/checks.rs`) on stable Rust.

#[allow(dead_code)]
#[path = "../fuzz/checks.rs"]
mod checks;
mod util;

use std::path::Path;

/// A fuzz target's check.
type Check = fn(&[u8]);

const TARGETS: &[(&str, Check)] = &[
    ("parse_document", checks::parse_document),
    ("parse_lenient", checks::parse_lenient),
    ("validate", checks::validate),
    ("split_front_matter", checks::split_front_matter),
    ("secured", checks::secured),
    ("http_url_parse", checks::http_url_parse),
    ("amp_cache_url", checks::amp_cache_url),
    ("related_graph", checks::related_graph),
    ("reader_differential", checks::reader_differential),
    ("every_error", checks::every_error),
    ("fixes", checks::fixes),
];

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_and_regression_passes_its_check() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    // The reference record is one more seed where it is there.
    let seed = util::shared("seed", "the reference record as a fuzz seed");
    let mut ran = 0;
    for (target, check) in TARGETS {
        let mut files = inputs(&fuzz.join("seeds").join(target));
        assert!(!files.is_empty(), "no seeds for {target}");
        files.extend(inputs(&fuzz.join("regressions").join(target)));
        files.extend(seed.iter().flat_map(|seed| inputs(seed)));
        for file in files {
            check(&std::fs::read(&file).unwrap());
            ran += 1;
        }
    }
    assert!(ran >= 30, "{ran}");
}
