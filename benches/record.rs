//! One record at a time: split, parse, validate, parse + validate, render, and hostile
//! records (many diagnostics in a small file). Throughput is in bytes of record text.
//!
//! Each group measures the reference record of the format (7.6 KB, from `../shared/seed`
//! beside the repository, or our fixture where that is missing), a mix of 200 generated
//! records (1 KB to 30 KB, see `support/generate.rs`), parsed one after another, and where
//! `../shared/realdata` is beside the repository, its 79 records that both our parse and the
//! baseline take (the five with a `null` topic are errors to us).
//! The parse groups hold, in the same run, our parse on the general reader alone (serde_yaml,
//! as before the fast reader), the baseline (serde_yaml into a plain derived
//! struct with `Url` and `DateTime` fields), serde_yaml's untyped `Value`, the gray_matter
//! crate into the same plain struct, and serde_json into that struct from the same data
//! written as JSON, so the ratios show in one report.

mod support;

use std::convert::Infallible;
use std::hint::black_box;
use std::ops::ControlFlow;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use gray_matter::engine::YAML;
use gray_matter::Matter;
use newsmatter::read::{split_front_matter, Reader};
use newsmatter::{CorpusOptions, Document, ParseOptions, ValidateOptions};
use support::baseline::PlainRecord;
use support::hostile::Layout;

/// The inputs of every group: a name and the record texts measured in one iteration; the
/// real records too where `../shared/realdata` is beside the repository.
fn inputs() -> Vec<(&'static str, Vec<String>)> {
    let (name, reference) = support::reference();
    let mix = support::generate::files(support::generate::SEED, 200)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    let mut inputs = vec![(name, vec![reference]), ("generated-200", mix)];
    let real = support::realdata();
    if real.is_empty() {
        eprintln!("note: ../shared/realdata not found; the real records are not measured");
    } else {
        inputs.push(("realdata", real));
    }
    inputs
}

fn bytes(texts: &[String]) -> Throughput {
    Throughput::Bytes(texts.iter().map(|text| text.len() as u64).sum())
}

/// The same inputs as the baselines see them: the front matter without the envelope.
fn front_matters(texts: &[String]) -> Vec<&str> {
    texts
        .iter()
        .map(|text| support::front_matter(text))
        .collect()
}

/// Adds the baselines to a group, over `texts`: serde_yaml typed (the baseline), serde_yaml's
/// `Value`, gray_matter typed, and serde_json typed over the same data written as JSON, which
/// shows what the data itself (URLs, dates, strings) costs once the syntax is cheap.
fn baselines(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    texts: &[String],
) {
    let yaml = front_matters(texts);
    group.bench_function(format!("{name}/baseline serde_yaml typed"), |b| {
        b.iter(|| {
            for text in &yaml {
                black_box(serde_yaml::from_str::<PlainRecord>(black_box(text)).unwrap());
            }
        })
    });
    group.bench_function(format!("{name}/serde_yaml Value"), |b| {
        b.iter(|| {
            for text in &yaml {
                black_box(serde_yaml::from_str::<serde_yaml::Value>(black_box(text)).unwrap());
            }
        })
    });
    let json: Vec<String> = yaml.iter().map(|text| support::as_json(text)).collect();
    group.bench_function(format!("{name}/serde_json typed, same data"), |b| {
        b.iter(|| {
            for text in &json {
                black_box(serde_json::from_str::<PlainRecord>(black_box(text)).unwrap());
            }
        })
    });
    let matter = Matter::<YAML>::new();
    group.bench_function(format!("{name}/gray_matter typed"), |b| {
        b.iter(|| {
            for text in texts {
                black_box(matter.parse::<PlainRecord>(black_box(text)).unwrap());
            }
        })
    });
}

fn split(c: &mut Criterion) {
    let mut group = c.benchmark_group("split");
    for (name, texts) in inputs() {
        group.throughput(bytes(&texts));
        group.bench_function(format!("{name}/split_front_matter"), |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(split_front_matter(black_box(text)).unwrap());
                }
            })
        });
    }
    group.finish();
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, texts) in inputs() {
        group.throughput(bytes(&texts));
        group.bench_function(format!("{name}/newsmatter Document::from_str"), |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(black_box(text).parse::<Document>().unwrap());
                }
            })
        });
        let general = ParseOptions::new().reader(Reader::General);
        group.bench_function(format!("{name}/newsmatter, general reader"), |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(general.parse_str(black_box(text)).unwrap());
                }
            })
        });
        baselines(&mut group, name, &texts);
    }
    group.finish();
}

/// A fixed reference time, so that no date-in-the-future rule depends on the clock.
fn validate_options() -> ValidateOptions {
    ValidateOptions::new().reference_time(
        chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").expect("a valid date"),
    )
}

fn validate(c: &mut Criterion) {
    let options = validate_options();
    let mut group = c.benchmark_group("validate");
    for (name, texts) in inputs() {
        let docs: Vec<Document> = texts.iter().map(|text| text.parse().unwrap()).collect();
        group.throughput(bytes(&texts));
        group.bench_function(
            format!("{name}/newsmatter ValidateOptions::validate"),
            |b| {
                b.iter(|| {
                    for doc in &docs {
                        black_box(options.validate(black_box(&doc.record)));
                    }
                })
            },
        );
    }
    group.finish();
}

fn parse_validate(c: &mut Criterion) {
    let options = validate_options();
    let mut group = c.benchmark_group("parse_validate");
    for (name, texts) in inputs() {
        group.throughput(bytes(&texts));
        group.bench_function(
            format!("{name}/newsmatter ValidateOptions::check_str"),
            |b| {
                b.iter(|| {
                    for text in &texts {
                        black_box(options.check_str(black_box(text)));
                    }
                })
            },
        );
        let general = options.parse_options(ParseOptions::new().reader(Reader::General));
        group.bench_function(
            format!("{name}/newsmatter check_str, general reader"),
            |b| {
                b.iter(|| {
                    for text in &texts {
                        black_box(general.check_str(black_box(text)));
                    }
                })
            },
        );
        let yaml = front_matters(&texts);
        group.bench_function(format!("{name}/baseline serde_yaml typed"), |b| {
            b.iter(|| {
                for text in &yaml {
                    black_box(serde_yaml::from_str::<PlainRecord>(black_box(text)).unwrap());
                }
            })
        });
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    for (name, texts) in inputs() {
        let docs: Vec<Document> = texts.iter().map(|text| text.parse().unwrap()).collect();
        group.throughput(bytes(&texts));
        group.bench_function(format!("{name}/newsmatter Document::to_string"), |b| {
            b.iter(|| {
                for doc in &docs {
                    black_box(black_box(doc).to_string());
                }
            })
        });
    }
    group.finish();
}

/// Small records that make one diagnostic an entry (see `support/hostile.rs`), checked as
/// `newsmatter check` does (a scan, which keeps the lines its diagnostics point at) and
/// every diagnostic's source line looked up, at 1,000 to 32,000 entries: with cost in
/// proportion to size, the throughput (bytes a second) is the same at every size.
fn hostile(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("newsmatter-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for layout in Layout::ALL {
        let options = CorpusOptions::new().validate_options(layout.options());
        for n in [1_000, 4_000, 16_000, 32_000] {
            let text = layout.record(n);
            let path = dir.join(format!("{}-{n}.md", layout.name()));
            std::fs::write(&path, &text).unwrap();
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{}/{n}", layout.name()), |b| {
                b.iter(|| {
                    let scan = options.scan([&path], &|_| {}, |_, _| {
                        ControlFlow::<Infallible>::Continue(())
                    });
                    let ControlFlow::Continue(scan) = scan;
                    let file = &scan.files()[0];
                    for diagnostic in file.report() {
                        black_box(diagnostic.line().and_then(|line| file.source_line(line)));
                    }
                })
            });
        }
    }
    group.finish();
    std::fs::remove_dir_all(&dir).unwrap();
}

criterion_group!(
    benches,
    split,
    parse,
    validate,
    parse_validate,
    render,
    hostile
);
criterion_main!(benches);
