//! The keys of every mapping of the model, written once: which field each key fills, and
//! whether it is required. Both readers build their structs from these tables
//! (`general/visitors.rs` for serde_yaml, `fast/build.rs` for the fast reader), so they
//! cannot disagree on a key.

/// Calls `$then!` once per struct of the model, with its name, what an error expects, how a
/// non-mapping is refused (`not_a_mapping` at the root, else `invalid_type`), whether it is
/// the root, a name for its field enum, and its `field: "key" required|optional` table in the
/// producer's order.
macro_rules! model_structs {
    ($then:ident) => {
        $then!(Record, "a mapping of record keys", not_a_mapping, root: true, RecordField {
            category: "category" required,
            title: "title" required,
            excerpt: "excerpt" required,
            published_date_time: "publishedDateTime" required,
            original_url: "originalUrl" optional,
            web_url: "webUrl" optional,
            amp_web_url: "ampWebUrl" optional,
            cdn_amp_web_url: "cdnAmpWebUrl" optional,
            record_type: "type" required,
            quality: "quality" optional,
            heat: "heat" optional,
            published: "published" optional,
            featured_content: "featuredContent" optional,
            provider: "provider" required,
            topics: "topics" required,
            images: "images" optional,
            related: "related" optional,
            secured: "secured" required,
            removed: "removed" optional,
        });

        $then!(Provider, "a provider mapping", invalid_type, root: false, ProviderField {
            name: "name" required,
            domain: "domain" required,
            images: "images" optional,
        });

        $then!(Logo, "a logo mapping", invalid_type, root: false, LogoField {
            url: "url" required,
            width: "width" required,
            height: "height" required,
        });

        $then!(Image, "an image mapping", invalid_type, root: false, ImageField {
            url: "url" required,
            width: "width" required,
            height: "height" required,
            is_cached: "isCached" optional,
            title: "title" optional,
        });

        $then!(Related, "a related-article mapping", invalid_type, root: false, RelatedField {
            title: "title" required,
            excerpt: "excerpt" required,
            published_date_time: "publishedDateTime" required,
            web_url: "webUrl" required,
            amp_web_url: "ampWebUrl" optional,
            cdn_amp_web_url: "cdnAmpWebUrl" optional,
            record_type: "type" required,
            provider: "provider" required,
            quality: "quality" required,
            images: "images" optional,
        });
    };
}

pub(crate) use model_structs;

/// The keys of a mapping of the model, in the producer's order.
pub(crate) trait Keys {
    const KEYS: &'static [&'static str];
}

macro_rules! key_lists {
    ($ty:ident, $expecting:literal, $refuse:ident, root: $root:literal, $fields:ident {
        $($field:ident: $key:literal $req:ident),* $(,)?
    }) => {
        impl Keys for crate::model::$ty {
            const KEYS: &'static [&'static str] = &[$($key),*];
        }
    };
}

model_structs!(key_lists);

/// The keys of the mapping at `path` in a record, by the shape of the path; `None` where
/// the model has no mapping.
pub(crate) fn keys_at(path: &crate::report::FieldPath) -> Option<&'static [&'static str]> {
    use crate::model::{Image, Logo, Provider, Record, Related};
    use crate::report::Segment::{Index, Key};
    let segments = path.segments();
    // A related entry is read as the record's own keys are, one level down.
    let (own, rest) = match segments {
        [Key(related), Index(_), rest @ ..] if related == "related" => (Related::KEYS, rest),
        rest => (Record::KEYS, rest),
    };
    Some(match rest {
        [] => own,
        [Key(k)] if k == "provider" => Provider::KEYS,
        [Key(k), Key(i), Index(_)] if k == "provider" && i == "images" => Logo::KEYS,
        [Key(i), Index(_)] if i == "images" => Image::KEYS,
        _ => return None,
    })
}
