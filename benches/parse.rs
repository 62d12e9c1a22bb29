//! Parsing and rendering one record, with serde_yaml's untyped parse of the same front matter
//! in the same group as the baseline, so that the ratio shows in one run.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsmatter::Document;

const RECORD: &str = include_str!("../tests/fixtures/valid/article.md");

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(RECORD.len() as u64));
    group.bench_function("newsmatter::Document::from_str", |b| {
        b.iter(|| black_box(RECORD).parse::<Document>().unwrap())
    });
    let front_matter = RECORD.trim_end().trim_end_matches("---");
    group.bench_function("baseline serde_yaml::from_str::<Value>", |b| {
        b.iter(|| serde_yaml::from_str::<serde_yaml::Value>(black_box(front_matter)).unwrap())
    });
    group.finish();
}

fn render(c: &mut Criterion) {
    let doc: Document = RECORD.parse().unwrap();
    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Bytes(RECORD.len() as u64));
    group.bench_function("newsmatter::Document::to_string", |b| {
        b.iter(|| black_box(&doc).to_string())
    });
    group.finish();
}

criterion_group!(benches, parse, render);
criterion_main!(benches);
