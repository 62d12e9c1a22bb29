//! The checks across records, said: the same article in several files
//! (`duplicate-article`), and related entries whose copy of the record they cite disagrees
//! with it (`related-copy-mismatch`). The corpus index finds them, for a scan and for
//! [`Corpus::cross_check`](crate::corpus::Corpus::cross_check) alike.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::model::{timestamp, ArticleKey};
use crate::report::{quoted, Code, Diagnostic, FieldPath};

/// The fields a related entry copies from the record it cites, which the two must agree on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Copied<'a> {
    pub(crate) title: &'a str,
    pub(crate) date: &'a DateTime<FixedOffset>,
    pub(crate) provider_name: &'a str,
    pub(crate) provider_domain: &'a str,
    pub(crate) quality: Option<u32>,
}

/// `duplicate-article` on the record whose `field` holds `key`, which the record in `first`
/// already holds.
pub(crate) fn duplicate_article(field: &'static str, first: &Path, key: &ArticleKey) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateArticle,
        FieldPath::root().key(field),
        format!("the same article as `{}` (`{key}`)", first.display()),
    )
}

/// The texts of cited records as `related-copy-mismatch` quotes them (title, provider name,
/// provider domain), each record's quoted once however many entries cite it: quoting counts
/// the characters past the cut, which for a long title cited by thousands of entries would
/// cost that title's length each time.
#[derive(Debug, Default)]
pub(crate) struct Quotes(HashMap<usize, [String; 3]>);

impl Quotes {
    fn of(&mut self, target: usize, record: &Copied<'_>) -> &[String; 3] {
        self.0.entry(target).or_insert_with(|| {
            [record.title, record.provider_name, record.provider_domain]
                .map(|text| quoted(text).into_owned())
        })
    }
}

/// `related-copy-mismatch` on related entry `entry` for each field where its `copy` differs
/// from the `record` it cites (record `target`, in the file `cited`), in the order of the
/// record's keys, with both values, each quoted to at most 200 characters: many entries
/// citing one record with a long title cost their own size, not that title's each (the
/// record's values are quoted once, in `quotes`). A record without `quality` has nothing for
/// the copy's to differ from.
pub(crate) fn copy_mismatches(
    entry: usize,
    copy: &Copied<'_>,
    (target, record): (usize, &Copied<'_>),
    quotes: &mut Quotes,
    cited: &Path,
) -> Vec<Diagnostic> {
    let texts = [
        ("title", copy.title, record.title),
        ("provider.name", copy.provider_name, record.provider_name),
        (
            "provider.domain",
            copy.provider_domain,
            record.provider_domain,
        ),
    ];
    let differs = texts.map(|(_, here, there)| here != there);
    let there = differs.contains(&true).then(|| quotes.of(target, record));
    let text = |field: usize| {
        let (key, here, _) = texts[field];
        let there = there.filter(|_| differs[field])?;
        Some((key, quoted(here).into_owned(), there[field].clone()))
    };
    let date = (copy.date != record.date).then(|| {
        (
            "publishedDateTime",
            timestamp::format(copy.date),
            timestamp::format(record.date),
        )
    });
    let quality = match (copy.quality, record.quality) {
        (Some(copied), Some(quality)) if copied != quality => {
            Some(("quality", copied.to_string(), quality.to_string()))
        }
        _ => None,
    };
    let at = FieldPath::root().key("related").index(entry);
    let cited = cited.display();
    [text(0), date, text(1), text(2), quality]
        .into_iter()
        .flatten()
        .map(|(key, here, there)| {
            Diagnostic::new(
                Code::RelatedCopyMismatch,
                at.clone().key(key),
                format!("differs from the cited record `{cited}`: `{here}` here, `{there}` there"),
            )
        })
        .collect()
}

/// Diagnostics grouped by file, in file order, each file's in the order found.
pub(crate) fn by_file(found: Vec<(usize, Diagnostic)>) -> BTreeMap<usize, Vec<Diagnostic>> {
    let mut by_file: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for (file, diagnostic) in found {
        by_file.entry(file).or_default().push(diagnostic);
    }
    by_file
}
