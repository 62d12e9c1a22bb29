//! Validation over `../shared/realdata`: the known defects exactly, no other error, and the
//! warnings counted per code so that a change in behaviour shows.

use std::collections::BTreeMap;

use chrono::DateTime;
use newsmatter::report::{Code, Severity};
use newsmatter::ValidateOptions;

mod util;

#[test]
fn real_sample_reports_its_known_defects_and_nothing_else() {
    let options = ValidateOptions::new()
        .reference_time(DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap());
    let Some(root) = util::shared("realdata", "validation of the real sample") else {
        return;
    };
    let mut errors = Vec::new();
    let mut warnings: BTreeMap<&str, usize> = BTreeMap::new();
    let mut files = 0;
    for corpus in ["diablo4", "powerapps"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(corpus))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        paths.sort();
        for path in paths {
            files += 1;
            let name = format!("{corpus}/{}", path.file_name().unwrap().to_string_lossy());
            let text = std::fs::read_to_string(&path).unwrap();
            let checked = util::check_with(options, newsmatter::ParseOptions::new(), &text);
            assert_eq!(checked, options.check_path(&path), "{name}");
            for diagnostic in &checked.report {
                match diagnostic.severity() {
                    Severity::Error => errors.push((
                        name.clone(),
                        diagnostic.code(),
                        diagnostic.path().to_string(),
                        diagnostic.line().unwrap(),
                    )),
                    _ => *warnings.entry(diagnostic.code().as_str()).or_default() += 1,
                }
            }
        }
    }
    assert_eq!(files, 84);
    let null_topic = |name: &str| {
        (
            format!("diablo4/{name}"),
            Code::InvalidType,
            "topics[0]".to_owned(),
            19,
        )
    };
    assert_eq!(
        errors,
        [
            null_topic("2019-11-01-diablo-iv-unveiled.md"),
            null_topic("2019-11-03-diablo-iv-feature-overview.md"),
            null_topic("2019-11-13-a-letter-from-our-game-director-blizzcon-2019.md"),
            null_topic("2019-11-19-system-design-in-diablo-iv-part-i.md"),
            null_topic("2019-12-03-system-design-in-diablo-iv-part-ii.md"),
            (
                "diablo4/2020-10-23-everything-we-know-about-diablo-4.md".to_owned(),
                Code::RelatedSelf,
                "related[0].webUrl".to_owned(),
                36
            ),
            (
                "diablo4/2021-02-18-diablo-4-news-countdown-everything-we-know.md".to_owned(),
                Code::RelatedSelf,
                "related[11].webUrl".to_owned(),
                185
            ),
        ]
    );
    assert_eq!(
        warnings,
        // Two of the HTML entities are in files whose `null` topic does not parse: what did
        // parse is checked all the same.
        BTreeMap::from([("html-entity", 12), ("mojibake", 2)])
    );
}
