//! Fixed work to count instructions, the repeatable figure on a noisy machine: one operation
//! on one input, done in `run` alone, so that callgrind counts just that:
//!
//! ```text
//! cargo bench --bench instructions --no-run      # says where the executable is
//! valgrind --tool=callgrind --toggle-collect='instructions::run' \
//!     target/release/deps/instructions-<hash> parse generated
//! ```
//!
//! Operations: `parse` (`Document::from_str`), `check` (`ValidateOptions::check_str`, a fixed
//! reference time), `baseline` (serde_yaml into the plain derived struct), `json` (serde_json
//! into that struct from the same data written as JSON). Inputs: `reference` (the reference
//! record 100 times), `generated` (the record bench's 200 generated records once), `realdata`
//! (the 79 real records both readers take, 20 times; `../shared` beside the repository), and
//! for `check` only, `realfiles` (all 84 real files once, as `newsmatter check` reads them:
//! what the whole process is compared with). Without an operation (as `cargo bench` runs it)
//! it does each pair once and says so.

mod support;

use std::hint::black_box;

use newsmatter::{Document, ValidateOptions};
use support::baseline::PlainRecord;

/// What `run` does to each text.
#[derive(Clone, Copy)]
enum Operation {
    Parse,
    Check,
    Baseline,
    Json,
}

const OPERATIONS: [(&str, Operation); 4] = [
    ("parse", Operation::Parse),
    ("check", Operation::Check),
    ("baseline", Operation::Baseline),
    ("json", Operation::Json),
];

/// An input's texts and how many times `run` goes over them.
fn input(name: &str) -> Option<(Vec<String>, usize)> {
    match name {
        "reference" => Some((vec![support::reference().1], 100)),
        "generated" => Some((
            support::generate::files(support::generate::SEED, 200)
                .into_iter()
                .map(|(_, text)| text)
                .collect(),
            1,
        )),
        "realdata" => Some((support::realdata(), 20)),
        "realfiles" => Some((support::realfiles(), 1)),
        _ => None,
    }
}

/// The texts as `operation` takes them: whole files, front matters, or JSON.
fn prepared(operation: Operation, texts: &[String]) -> Vec<String> {
    let front_matter = |text: &String| support::front_matter(text).to_owned();
    match operation {
        Operation::Parse | Operation::Check => texts.to_vec(),
        Operation::Baseline => texts.iter().map(front_matter).collect(),
        Operation::Json => texts
            .iter()
            .map(|text| support::as_json(support::front_matter(text)))
            .collect(),
    }
}

/// The work counted: `operation` on each of `texts`, `rounds` times.
#[inline(never)]
fn run(operation: Operation, texts: &[String], rounds: usize, options: &ValidateOptions) {
    for _ in 0..rounds {
        for text in texts {
            match operation {
                Operation::Parse => {
                    black_box(text.parse::<Document>().expect("a record"));
                }
                Operation::Check => {
                    black_box(options.check_str(black_box(text)));
                }
                Operation::Baseline => {
                    black_box(serde_yaml::from_str::<PlainRecord>(text).expect("a record"));
                }
                Operation::Json => {
                    black_box(serde_json::from_str::<PlainRecord>(text).expect("a record"));
                }
            }
        }
    }
}

fn main() {
    let options = ValidateOptions::new().reference_time(
        chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").expect("a valid date"),
    );
    // `cargo bench` passes `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let (operations, inputs): (Vec<&str>, Vec<&str>) = match args.as_slice() {
        [operation, input] => (vec![operation.as_str()], vec![input.as_str()]),
        [] => (
            OPERATIONS.iter().map(|(name, _)| *name).collect(),
            vec!["reference", "generated", "realdata"],
        ),
        _ => {
            eprintln!(
                "usage: instructions <parse|check|baseline|json> <reference|generated|realdata>"
            );
            std::process::exit(2);
        }
    };
    let once = args.is_empty();
    if inputs == ["realfiles"] && operations != ["check"] {
        eprintln!("error: `realfiles` holds files that do not parse: it is for `check` only");
        std::process::exit(2);
    }
    for name in inputs {
        let Some((texts, rounds)) = input(name) else {
            eprintln!("error: no input `{name}`: reference, generated, realdata or realfiles");
            std::process::exit(2);
        };
        if texts.is_empty() {
            eprintln!("note: ../shared/realdata not found; `{name}` not run");
            continue;
        }
        for operation in &operations {
            let Some(&(_, op)) = OPERATIONS.iter().find(|(known, _)| known == operation) else {
                eprintln!("error: no operation `{operation}`: parse, check, baseline or json");
                std::process::exit(2);
            };
            let prepared = prepared(op, &texts);
            run(op, &prepared, if once { 1 } else { rounds }, &options);
            if once {
                println!("{operation} {name}: {} records once", texts.len());
            }
        }
    }
}
