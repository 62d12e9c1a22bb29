//! Records that are small but make much to report: one list or mapping of `n` entries, each
//! a diagnostic. Their check must cost in proportion to their size (the benches' `hostile`
//! group and `tests/linear_cost.rs`).

/// The layouts, each making `n` diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `topics: [x, x, …]`: `n` repeated topics on one line (the general reader).
    FlowTopics,
    /// `topics:` with `n` lines `  - x` (the fast reader).
    BlockTopics,
    /// `n` unknown keys, read leniently (the general reader).
    UnknownKeys,
}

impl Layout {
    pub const ALL: [Layout; 3] = [Layout::FlowTopics, Layout::BlockTopics, Layout::UnknownKeys];

    pub fn name(self) -> &'static str {
        match self {
            Layout::FlowTopics => "flow-topics",
            Layout::BlockTopics => "block-topics",
            Layout::UnknownKeys => "unknown-keys",
        }
    }

    /// Whether the record is read leniently (its diagnostics are then warnings).
    pub fn lenient(self) -> bool {
        self == Layout::UnknownKeys
    }

    /// A record of this layout with `n` entries.
    pub fn record(self, n: usize) -> String {
        let mut extra = String::new();
        let mut topics = "topics:\n  - x\n".to_owned();
        match self {
            Layout::FlowTopics => topics = format!("topics: [{}]\n", vec!["x"; n].join(", ")),
            Layout::BlockTopics => topics = "topics:\n".to_owned() + &"  - x\n".repeat(n),
            Layout::UnknownKeys => {
                for i in 0..n {
                    extra.push_str(&format!("k{i}: 1\n"));
                }
            }
        }
        format!(
            "---\ncategory: news\n{extra}title: \"A title\"\nexcerpt: \"An excerpt.\"\n\
             publishedDateTime: 2023-06-14T08:15:00Z\n\
             webUrl: \"https://www.example.com/a\"\ntype: article\nquality: 61\nheat: 12\n\
             published: true\n\nprovider:\n  name: Example Daily\n  domain: example.com\n\n\
             {topics}\nsecured: \"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=;ABEiM0RVZneImaq7zN3u/w==\"\n---\n"
        )
    }
}
