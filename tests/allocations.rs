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
mod util;

use counting::measure;

/// The allocator's counters are the process's: the tests of this file run one at a time, so
/// that neither counts what the other allocates meanwhile.
static ONE_TEST_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The budget of a parse: a tenth of the baseline's allocations.
const BUDGET: usize = 10;

/// The budget on the real records, as the issue that made the reader fast stated it: a
/// twentieth of the baseline's allocations, to two places. Nearly every allocation left is
/// one of the model's own strings, lists and URLs (one per value), and the body.
const REAL_BUDGET: f64 = 0.055;

#[test]
fn a_parse_allocates_a_tenth_of_the_baseline() {
    let _serial = ONE_TEST_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
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

#[test]
fn the_real_records_allocate_a_twentieth_of_the_baseline() {
    let _serial = ONE_TEST_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if util::shared("realdata", "the allocations of the real records").is_none() {
        return;
    }
    // The records that both our parse and the baseline take (79 of the 84).
    let texts = support::realdata();
    assert!(texts.len() >= 79, "{} real records", texts.len());
    let (mut ours, mut baseline) = (0, 0);
    for text in &texts {
        let yaml = support::front_matter(text);
        ours += measure(|| text.parse::<Document>().unwrap()).0;
        baseline += measure(|| serde_yaml::from_str::<PlainRecord>(yaml).unwrap()).0;
    }
    let ratio = ours as f64 / baseline as f64;
    eprintln!(
        "{} real records: allocations newsmatter {ours}, baseline serde_yaml typed {baseline} \
         ({ratio:.4}x)",
        texts.len(),
    );
    assert!(
        ratio < REAL_BUDGET,
        "{ours} allocations, baseline {baseline}"
    );
}
