//! What to write instead: the suggestions that go with a problem, as data (message and
//! replacement; the caller knows the range).

use crate::read::fields::keys_at;
use crate::report::{Code, FieldPath, Segment};

/// The keys whose value is a boolean, and those whose value is an integer.
const BOOLEAN_KEYS: &[&str] = &["published", "isCached", "removed"];
const INTEGER_KEYS: &[&str] = &["quality", "heat", "width", "height"];

/// The values of `type`.
const RECORD_TYPES: &[&str] = &["article", "video"];

/// What to write in place of `written` (the key or value as it is in the file) for a
/// problem with `code` at `path`: a message in the rustc style and the replacement. `None`
/// where no fix is clear.
pub(crate) fn suggest(code: Code, path: &FieldPath, written: &str) -> Option<(String, String)> {
    let Some(Segment::Key(key)) = path.segments().last() else {
        return None;
    };
    match code {
        Code::UnknownKey => {
            let known = keys_at(&path.parent()?)?;
            let close = closest(written, known)?;
            Some((format!("did you mean `{close}`?"), close.to_owned()))
        }
        Code::InvalidValue if key == "type" => {
            let close = closest(unquoted(written), RECORD_TYPES)?;
            Some((format!("did you mean `{close}`?"), close.to_owned()))
        }
        Code::InvalidType if BOOLEAN_KEYS.contains(&&**key) && written.len() <= 7 => {
            let word = unquoted(written).to_ascii_lowercase();
            let value = match word.as_str() {
                "yes" | "y" | "on" | "true" => "true",
                "no" | "n" | "off" | "false" => "false",
                _ => return None,
            };
            Some((
                format!(
                    "write `{value}`: YAML 1.2 reads `{}` as text",
                    unquoted(written)
                ),
                value.to_owned(),
            ))
        }
        Code::InvalidType if INTEGER_KEYS.contains(&&**key) => {
            let number = unquoted(written);
            let quoted = number.len() != written.len();
            let digits = number.strip_prefix('-').unwrap_or(number);
            (quoted && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(
                || {
                    (
                        format!("write the number without quotes: `{number}`"),
                        number.to_owned(),
                    )
                },
            )
        }
        _ => None,
    }
}

/// `text` without the quotes around it, if it has them.
fn unquoted(text: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = text
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    text
}

/// The one word of `known` closest to `written`, ignoring case, if it is close enough: at
/// most a third of its letters (and at least one) to add, remove, change or swap.
pub(crate) fn closest<'k>(written: &str, known: &[&'k str]) -> Option<&'k str> {
    // Past this, no key is close: the distance costs the product of the lengths.
    if written.len() > 64 {
        return None;
    }
    let written = written.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for &word in known {
        let most = (word.len() / 3).max(1);
        // Lengths further apart than that take more edits: not worth measuring.
        if written.len().abs_diff(word.len()) > most {
            continue;
        }
        // Edits and swaps of neighbours, each letter edited once (`titel` is one from
        // `title`), without the allocations of the unrestricted distance.
        let distance = strsim::osa_distance(&written, &word.to_lowercase());
        if distance > most {
            continue;
        }
        match best {
            Some((shortest, _)) if distance > shortest => {}
            Some((shortest, _)) if distance == shortest => tied = true,
            _ => {
                best = Some((distance, word));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, word)| word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str) -> FieldPath {
        path.split('.')
            .fold(FieldPath::root(), |p, key| match key.parse() {
                Ok(i) => p.index(i),
                Err(_) => p.key(key.to_owned()),
            })
    }

    #[test]
    fn suggests_a_close_key_at_the_same_depth() {
        let key = |path: &str, written: &str| {
            suggest(Code::UnknownKey, &at(path), written).map(|(_, to)| to)
        };
        assert_eq!(key("titel", "titel").as_deref(), Some("title"));
        assert_eq!(key("weburl", "weburl").as_deref(), Some("webUrl"));
        assert_eq!(
            key("publishedDate", "publishedDate").as_deref(),
            Some("publishedDateTime")
        );
        assert_eq!(key("provider.nmae", "nmae").as_deref(), Some("name"));
        assert_eq!(
            key("related.0.qualty", "qualty").as_deref(),
            Some("quality")
        );
        assert_eq!(key("images.0.widht", "widht").as_deref(), Some("width"));
        assert_eq!(key("provider.images.0.isCached", "isCached"), None);
        // `secured` is a root key only; `language` is close to nothing.
        assert_eq!(key("related.0.secure", "secure"), None);
        assert_eq!(key("language", "language"), None);
        assert_eq!(key("x", &"x".repeat(1000)), None);
    }

    #[test]
    fn suggests_values() {
        let value = |code, path: &str, written: &str| suggest(code, &at(path), written);
        assert_eq!(
            value(Code::InvalidValue, "type", "artcle"),
            Some(("did you mean `article`?".into(), "article".into()))
        );
        assert_eq!(
            value(Code::InvalidValue, "related.1.type", "\"Video\"")
                .unwrap()
                .1,
            "video"
        );
        assert_eq!(value(Code::InvalidValue, "type", "podcast"), None);
        assert_eq!(
            value(Code::InvalidType, "published", "yes"),
            Some((
                "write `true`: YAML 1.2 reads `yes` as text".into(),
                "true".into()
            ))
        );
        assert_eq!(
            value(Code::InvalidType, "images.0.isCached", "Off")
                .unwrap()
                .1,
            "false"
        );
        assert_eq!(value(Code::InvalidType, "published", "maybe"), None);
        assert_eq!(
            value(Code::InvalidType, "quality", "\"61\"").unwrap().1,
            "61"
        );
        assert_eq!(value(Code::InvalidType, "heat", "'-1'").unwrap().1, "-1");
        assert_eq!(value(Code::InvalidType, "quality", "61.5"), None);
        assert_eq!(value(Code::InvalidType, "quality", "\"\""), None);
        assert_eq!(value(Code::InvalidType, "title", "\"61\""), None);
    }
}
