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

/// `n` records, each citing 10 others (a tenth of them outside the corpus).
fn generated_records(n: usize) -> Vec<newsmatter::Record> {
    let base: Document = RECORD.parse().unwrap();
    let template = base.record.related.as_ref().unwrap()[0].clone();
    (0..n)
        .map(|i| {
            let mut record = base.record.clone();
            let page = |j: usize| format!("https://site{}.example.com/story-{j}", j % 97);
            record.web_url = Some(page(i).parse().unwrap());
            record.original_url = None;
            record.amp_web_url = None;
            record.cdn_amp_web_url = None;
            record.related = Some(
                (1..=10)
                    .map(|k| {
                        let mut related = template.clone();
                        let j = (i * 7919 + k * 104_729) % (n + n / 10);
                        related.web_url = newsmatter::RelatedUrl::Url(page(j).parse().unwrap());
                        related.amp_web_url = None;
                        related.cdn_amp_web_url = None;
                        related.images = None;
                        related
                    })
                    .collect(),
            );
            record
        })
        .collect()
}

fn graph(c: &mut Criterion) {
    let mut group = c.benchmark_group("graph");
    group.sample_size(10);
    for n in [10_000, 100_000] {
        let records = generated_records(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("RelatedGraph::from_records/{n}"), |b| {
            b.iter(|| newsmatter::RelatedGraph::from_records(records.iter().enumerate()))
        });
    }
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

criterion_group!(benches, parse, validate, graph, render);
criterion_main!(benches);
