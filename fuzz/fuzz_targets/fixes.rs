//! Fuzzes `check --fix`: see the function `fixes` in `fuzz/checks.rs` for the invariants.
#![no_main]

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::fixes(data));
