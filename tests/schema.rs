//! `read::json_schema`, checked by a real JSON Schema validator (the `jsonschema` crate,
//! draft 2020-12): every record that reads strictly (the fixtures, the example corpus, the
//! real files of ../shared/realdata) is valid, and the strict errors a schema can express are
//! refused.

#[path = "util/shared.rs"]
mod shared;

use std::path::{Path, PathBuf};

use newsmatter::read::split_front_matter;
use newsmatter::Document;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema = serde_json::to_value(newsmatter::read::json_schema()).unwrap();
    assert!(
        jsonschema::meta::is_valid(&schema),
        "the schema is not a valid JSON Schema"
    );
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// The front matter of a record file as JSON, as an editor's YAML server sees it.
fn front_matter(text: &str) -> Value {
    let yaml = split_front_matter(text).unwrap().yaml;
    serde_yaml::from_str(yaml).unwrap()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path));
        } else if path.extension().is_some_and(|ext| ext == "md") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Every file under `dirs` that reads strictly is valid; gives how many there were.
fn every_record_is_valid(validator: &jsonschema::Validator, dirs: &[PathBuf]) -> usize {
    let mut valid = 0;
    for path in dirs.iter().flat_map(|dir| files(dir)) {
        let text = std::fs::read_to_string(&path).unwrap();
        if text.parse::<Document>().is_err() {
            continue;
        }
        let json = front_matter(&text);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        valid += 1;
    }
    valid
}

#[test]
fn every_record_of_the_repository_is_valid() {
    let validator = validator();
    let dirs = ["tests/fixtures", "examples/corpus"].map(PathBuf::from);
    assert!(every_record_is_valid(&validator, &dirs) >= 30);
}

#[test]
fn every_real_record_is_valid() {
    let Some(root) = shared::shared("realdata", "the real records against the schema") else {
        return;
    };
    let validator = validator();
    let valid = every_record_is_valid(&validator, std::slice::from_ref(&root));
    // The five files with a `null` topic do not read; the other 79 do.
    assert_eq!(valid, 79);
    // And the schema refuses those five where the reader does.
    let mut refused = 0;
    for path in files(&root) {
        let text = std::fs::read_to_string(&path).unwrap();
        if text.parse::<Document>().is_ok() {
            continue;
        }
        let paths: Vec<String> = validator
            .iter_errors(&front_matter(&text))
            .map(|e| e.instance_path().to_string())
            .collect();
        assert_eq!(paths, ["/topics/0"], "{}", path.display());
        refused += 1;
    }
    assert_eq!(refused, 5);
}

#[test]
fn the_strict_errors_a_schema_can_express_are_refused() {
    let validator = validator();
    let text = std::fs::read_to_string("tests/fixtures/valid/article.md").unwrap();
    let refused = |from: &str, to: &str| -> Vec<(String, String)> {
        let edited = text.replacen(from, to, 1);
        assert_ne!(edited, text);
        let json = front_matter(&edited);
        validator
            .iter_errors(&json)
            .map(|e| {
                (
                    e.instance_path().to_string(),
                    format!("{:?}", e.kind())
                        .split(['(', ' ', '{'])
                        .next()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect()
    };
    // Unknown key, wrong type, missing key, a value out of the enum, null, a negative
    // quality, a relative URL, a nested unknown key.
    assert_eq!(
        refused("title: ", "titel: "),
        [
            ("".into(), "Required".into()),
            ("".into(), "AdditionalProperties".into())
        ]
    );
    assert_eq!(
        refused("quality: 61", "quality: \"61\""),
        [("/quality".into(), "Type".into())]
    );
    assert_eq!(
        refused("type: article\n", ""),
        [("".into(), "Required".into())]
    );
    assert_eq!(
        refused("type: article", "type: podcast"),
        [("/type".into(), "Enum".into())]
    );
    assert_eq!(
        refused("heat: 12", "heat: null"),
        [("/heat".into(), "Type".into())]
    );
    assert_eq!(
        refused("quality: 61", "quality: -3"),
        [("/quality".into(), "Minimum".into())]
    );
    assert_eq!(
        refused("heat: 12", "heat: -2"),
        [("/heat".into(), "Minimum".into())]
    );
    assert_eq!(
        refused("webUrl: \"https://www.example.com/", "webUrl: \"/"),
        [("/webUrl".into(), "Pattern".into())]
    );
    assert_eq!(
        refused("  name: Example Daily", "  name: Example Daily\n  nmae: x"),
        [("/provider".into(), "AdditionalProperties".into())]
    );
    assert_eq!(
        refused("2023-06-14T08:15:00Z", "2023-06-14"),
        [("/publishedDateTime".into(), "Pattern".into())]
    );
}
