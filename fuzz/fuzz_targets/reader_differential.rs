//! Fuzzes `reader_differential`: see the function of that name in `fuzz/checks.rs` for the
//! invariant.
#![no_main]

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::reader_differential(data));
