//! What to write instead: the suggestions that go with a problem, as data (message and
//! replacement; the caller knows the range).

use crate::read::fields::keys_at;
pub(crate) use crate::report::closest;
use crate::report::{Code, FieldPath, Segment};

/// The keys whose value is a boolean, and those whose value is an integer.
const BOOLEAN_KEYS: &[&str] = &["published", "isCached", "removed"];
const INTEGER_KEYS: &[&str] = &["quality", "heat", "width", "height"];

/// The values of `type`.
const RECORD_TYPES: &[&str] = &["article", "video"];

/// What to write in place of `written` (the key or value as it is in the file) for a
/// problem with `code` at `path`: a message in the rustc style and the replacement. `None`
/// where no fix is clear.
pub(crate) fn suggest(
    code: Code,
    path: &FieldPath,
    written: &str,
) -> Option<(String, String, bool)> {
    let Some(Segment::Key(key)) = path.segments().last() else {
        return None;
    };
    match code {
        Code::UnknownKey => {
            let known = keys_at(&path.parent()?)?;
            let close = closest(written, known)?;
            // One key is closest (a tie gives none): renaming is safe.
            Some((format!("did you mean `{close}`?"), close.to_owned(), true))
        }
        Code::InvalidValue if key == "type" => {
            let close = closest(unquoted(written), RECORD_TYPES)?;
            // Which type a record is, is what it says: a guess.
            Some((format!("did you mean `{close}`?"), close.to_owned(), false))
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
                true,
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
                        true,
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
            suggest(Code::UnknownKey, &at(path), written).map(|(_, to, _)| to)
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
            Some(("did you mean `article`?".into(), "article".into(), false))
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
                "true".into(),
                true
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
