//! Heap allocations and peak heap of one parse, counted by a global allocator that wraps the
//! system's (`counting`), against the baseline (serde_yaml into a plain derived struct with
//! `Url` and `DateTime` fields) counted the same way in the same run.
//!
//! `cargo test --release --test allocations -- --nocapture` prints the figures. The counts do
//! not depend on the build profile or the machine, only on the code and the input.

#[path = "../benches/support/mod.rs"]
mod support;

use newsmatter::{Document, ValidateOptions};
use support::baseline::PlainRecord;

mod counting;

use counting::measure;

/// The budget of a parse: a tenth of the baseline's allocations.
const BUDGET: usize = 10;

#[test]
fn a_parse_allocates_a_tenth_of_the_baseline() {
    let (name, text) = support::reference();
    let yaml = support::front_matter(&text);
    // Warm up once, so that nothing allocated once per process counts.
    let _ = text.parse::<Document>().unwrap();
    let _ = serde_yaml::from_str::<PlainRecord>(yaml).unwrap();

    let (ours, ours_peak) = measure(|| text.parse::<Document>().unwrap());
    let (baseline, baseline_peak) = measure(|| serde_yaml::from_str::<PlainRecord>(yaml).unwrap());
    let (value, value_peak) = measure(|| serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap());
    eprintln!(
        "{name} record, {} bytes: allocations (peak heap bytes): newsmatter {ours} ({ours_peak}), \
         baseline serde_yaml typed {baseline} ({baseline_peak}), serde_yaml Value {value} \
         ({value_peak})",
        text.len()
    );
    assert!(
        ours * BUDGET <= baseline,
        "{ours} allocations, baseline {baseline}"
    );
    // The fast reader keeps no event buffer: the model, the recorded positions, and nothing
    // of the size of serde_yaml's buffer of every parser event.
    assert!(
        ours_peak <= baseline_peak,
        "peak {ours_peak} bytes, baseline {baseline_peak}"
    );
    // Parse and validate: the rules allocate too (article keys, AMP cache URLs), so the
    // bound is a fifth of the baseline's parse, to catch a regression.
    let options = ValidateOptions::new();
    let _ = options.check_str(&text);
    let (checked, checked_peak) = measure(|| options.check_str(&text));
    eprintln!("{name} record: parse + validate {checked} ({checked_peak})");
    assert!(checked * 5 <= baseline, "{checked} allocations");

    // Per generated record, in the mean: the same bound.
    let files = support::generate::files(support::generate::SEED, 100);
    let (mut ours_total, mut baseline_total) = (0, 0);
    for (_, text) in &files {
        ours_total += measure(|| text.parse::<Document>().unwrap()).0;
        let yaml = support::front_matter(text);
        baseline_total += measure(|| serde_yaml::from_str::<PlainRecord>(yaml).unwrap()).0;
    }
    eprintln!(
        "100 generated records: allocations per record: newsmatter {}, baseline {}",
        ours_total / 100,
        baseline_total / 100
    );
    assert!(ours_total * BUDGET <= baseline_total);
}
