//! Parsing and rendering one record. The parse group holds two baselines measured in the same
//! run, so that the ratios show: a plain serde_yaml typed parse (derived `Deserialize`, URLs
//! and dates left as strings) and serde_yaml's untyped parse into a `Value`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsmatter::{Document, ValidateOptions};
use serde::Deserialize;

/// The record as a plain derived serde model: what a user of serde_yaml would write first.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct PlainRecord {
    category: String,
    title: String,
    excerpt: String,
    published_date_time: String,
    original_url: Option<String>,
    web_url: Option<String>,
    amp_web_url: Option<String>,
    cdn_amp_web_url: Option<String>,
    #[serde(rename = "type")]
    record_type: String,
    quality: Option<u32>,
    heat: Option<i64>,
    published: Option<bool>,
    featured_content: Option<String>,
    provider: PlainProvider,
    topics: Vec<String>,
    images: Option<Vec<PlainImage>>,
    related: Option<Vec<PlainRelated>>,
    secured: String,
    removed: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlainProvider {
    name: String,
    domain: String,
    images: Option<Vec<PlainImage>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct PlainImage {
    url: String,
    width: u32,
    height: u32,
    is_cached: Option<bool>,
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct PlainRelated {
    title: String,
    excerpt: String,
    published_date_time: String,
    web_url: String,
    amp_web_url: Option<String>,
    cdn_amp_web_url: Option<String>,
    #[serde(rename = "type")]
    record_type: String,
    provider: PlainProvider,
    quality: u32,
    images: Option<Vec<PlainImage>>,
}

const RECORD: &str = include_str!("../tests/fixtures/valid/article.md");

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(RECORD.len() as u64));
    group.bench_function("newsmatter::Document::from_str", |b| {
        b.iter(|| black_box(RECORD).parse::<Document>().unwrap())
    });
    let front_matter = RECORD.trim_end().trim_end_matches("---");
    group.bench_function("baseline serde_yaml::from_str::<PlainRecord>", |b| {
        b.iter(|| serde_yaml::from_str::<PlainRecord>(black_box(front_matter)).unwrap())
    });
    group.bench_function("serde_yaml::from_str::<Value>", |b| {
        b.iter(|| serde_yaml::from_str::<serde_yaml::Value>(black_box(front_matter)).unwrap())
    });
    group.finish();
}

fn validate(c: &mut Criterion) {
    let doc: Document = RECORD.parse().unwrap();
    let options = ValidateOptions::new()
        .reference_time(chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap());
    let mut group = c.benchmark_group("validate");
    group.throughput(Throughput::Bytes(RECORD.len() as u64));
    group.bench_function("newsmatter::ValidateOptions::validate", |b| {
        b.iter(|| options.validate(black_box(&doc.record)))
    });
    group.bench_function("newsmatter::ValidateOptions::check_str", |b| {
        b.iter(|| options.check_str(black_box(RECORD)))
    });
    let front_matter = RECORD.trim_end().trim_end_matches("---");
    group.bench_function("baseline serde_yaml::from_str::<PlainRecord>", |b| {
        b.iter(|| serde_yaml::from_str::<PlainRecord>(black_box(front_matter)).unwrap())
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

criterion_group!(benches, parse, validate, render);
criterion_main!(benches);
