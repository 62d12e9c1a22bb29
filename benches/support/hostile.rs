//! Records that are small but make much to report: one list or mapping of `n` entries, each
//! a diagnostic. Their check must cost in proportion to their size (the benches' `hostile`
//! group and `tests/linear_cost.rs`).

use newsmatter::{ParseOptions, ValidateOptions};

/// The layouts, each making `n` diagnostics or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `topics: [x, x, …]`: `n` repeated topics on one line (the general reader).
    FlowTopics,
    /// `topics:` with `n` lines `  - x` (the fast reader).
    BlockTopics,
    /// `n` unknown keys, read leniently (the general reader).
    UnknownKeys,
    /// `related:` with `n` entries, each citing the record itself (`related-self`) and all
    /// but the first repeating the first (`related-duplicate`): two diagnostics an entry.
    RelatedEntries,
    /// `related:` with `n` entries, each with errors the fast reader reads past: a quoted
    /// `quality`, a misspelt `titel` (unknown, the `title` it likely meant not reported
    /// missing), a `type` close to one: three errors an entry.
    BrokenEntries,
    /// `topics:` with `n` null topics (`  -`, an error each), each followed by a topic that
    /// repeats (whose warning is not reported: the rule reads every topic, and some did not
    /// read).
    NullTopics,
    /// `topics:` with `n` lines `  - x # newsmatter: allow(topic-empty)`: each topic repeats
    /// the first, and each comment suppresses nothing: two diagnostics a line.
    UnusedSuppressions,
}

impl Layout {
    pub const ALL: [Layout; 7] = [
        Layout::FlowTopics,
        Layout::BlockTopics,
        Layout::UnknownKeys,
        Layout::RelatedEntries,
        Layout::BrokenEntries,
        Layout::NullTopics,
        Layout::UnusedSuppressions,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layout::FlowTopics => "flow-topics",
            Layout::BlockTopics => "block-topics",
            Layout::UnknownKeys => "unknown-keys",
            Layout::RelatedEntries => "related-entries",
            Layout::BrokenEntries => "broken-entries",
            Layout::NullTopics => "null-topics",
            Layout::UnusedSuppressions => "unused-suppressions",
        }
    }

    /// How a record of this layout is checked: leniently for unknown keys (their
    /// diagnostics are then warnings), and with room for the largest record of every layout
    /// (32,000 related entries take 6 MB).
    pub fn options(self) -> ValidateOptions {
        let parse = ParseOptions::new()
            .lenient(self == Layout::UnknownKeys)
            .max_size(16 << 20);
        ValidateOptions::new().parse_options(parse)
    }

    /// A record of this layout with `n` entries.
    pub fn record(self, n: usize) -> String {
        let mut extra = String::new();
        let mut topics = "topics:\n  - x\n".to_owned();
        let mut related = String::new();
        match self {
            Layout::FlowTopics => topics = format!("topics: [{}]\n", vec!["x"; n].join(", ")),
            Layout::BlockTopics => topics = "topics:\n".to_owned() + &"  - x\n".repeat(n),
            Layout::UnknownKeys => {
                for i in 0..n {
                    extra.push_str(&format!("k{i}: 1\n"));
                }
            }
            Layout::RelatedEntries => {
                related = "related:\n".to_owned()
                    + &"  - title: \"R\"\n    excerpt: \"e\"\n    \
                        publishedDateTime: 2023-06-10T17:40:00Z\n    \
                        webUrl: \"https://www.example.com/a\"\n    type: article\n    \
                        provider:\n      name: n\n      domain: example.com\n    quality: 1\n"
                        .repeat(n);
            }
            Layout::BrokenEntries => {
                related = "related:\n".to_owned()
                    + &"  - titel: \"R\"\n    excerpt: \"e\"\n    \
                        publishedDateTime: 2023-06-10T17:40:00Z\n    \
                        webUrl: \"https://www.example.com/b\"\n    type: artcle\n    \
                        provider:\n      name: n\n      domain: example.com\n    quality: \"1\"\n"
                        .repeat(n);
            }
            Layout::NullTopics => {
                topics = "topics:\n".to_owned() + &"  -\n  - x\n".repeat(n);
            }
            Layout::UnusedSuppressions => {
                topics =
                    "topics:\n".to_owned() + &"  - x # newsmatter: allow(topic-empty)\n".repeat(n);
            }
        }
        format!(
            "---\ncategory: news\n{extra}title: \"A title\"\nexcerpt: \"An excerpt.\"\n\
             publishedDateTime: 2023-06-14T08:15:00Z\n\
             webUrl: \"https://www.example.com/a\"\ntype: article\nquality: 61\nheat: 12\n\
             published: true\n\nprovider:\n  name: Example Daily\n  domain: example.com\n\n\
             {topics}{related}\nsecured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\n---\n"
        )
    }
}
