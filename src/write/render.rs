//! Writes a `Document` back in the record format, the way the producer lays it out.
//!
//! Keys come in the order of [the record format](crate::record_format#the-record), with the
//! producer's blank lines between groups. Text that the producer quotes (titles, excerpts, URLs, embeds, the payload) is always double-quoted;
//! other strings (category, names, domains, topics) are plain when YAML would read them back
//! as the same string, double-quoted otherwise. Double quotes with escapes can hold any text,
//! so every string survives the round trip. Unknown keys kept by lenient parsing come last in
//! their mapping.

use std::fmt::{self, Write};

use crate::model::{timestamp, Document, Image, Logo, Provider, Record, Related, UnknownKeys};
use crate::read::plain::{needs_escape, quoted, resolves_to_non_string};

impl fmt::Display for Document {
    /// Renders the document in the record format: `---`, the front matter, `---`, the body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("---\n")?;
        record(f, &self.record)?;
        f.write_str("---\n")?;
        f.write_str(&self.body)
    }
}

// Each struct is taken apart whole, with no `..`: a field added to the model does not
// compile until its rendering is written here (rather than being dropped from every file
// `fmt` rewrites).

impl fmt::Display for Record {
    /// Renders the record as a record file with an empty body: `---`, the front matter,
    /// `---`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("---\n")?;
        record(f, self)?;
        f.write_str("---\n")
    }
}

fn record(out: &mut impl Write, r: &Record) -> fmt::Result {
    let Record {
        category,
        title,
        excerpt,
        published_date_time,
        original_url,
        web_url,
        amp_web_url,
        cdn_amp_web_url,
        record_type,
        quality,
        heat,
        published,
        featured_content,
        provider: the_provider,
        topics,
        images,
        related: related_list,
        secured,
        removed,
        unknown: unknown_keys,
    } = r;
    plain_key(out, 0, "category", category)?;
    quoted_key(out, 0, "title", title)?;
    quoted_key(out, 0, "excerpt", excerpt)?;
    writeln!(
        out,
        "publishedDateTime: {}",
        timestamp::format(published_date_time)
    )?;
    let urls = [
        ("originalUrl", original_url),
        ("webUrl", web_url),
        ("ampWebUrl", amp_web_url),
        ("cdnAmpWebUrl", cdn_amp_web_url),
    ];
    for (key, url) in urls {
        if let Some(url) = url {
            quoted_key(out, 0, key, url.as_str())?;
        }
    }
    writeln!(out, "type: {record_type}")?;
    if let Some(quality) = quality {
        writeln!(out, "quality: {quality}")?;
    }
    if let Some(heat) = heat {
        writeln!(out, "heat: {}", heat.to_i64())?;
    }
    if let Some(published) = published {
        writeln!(out, "published: {published}")?;
    }
    out.write_char('\n')?;
    if let Some(embed) = featured_content {
        quoted_key(out, 0, "featuredContent", embed)?;
        out.write_char('\n')?;
    }
    out.write_str("provider:\n")?;
    provider(out, 2, the_provider)?;
    out.write_char('\n')?;
    list(out, 0, ("topics", ""), topics, |out, _, topic| {
        plain(out, topic)?;
        out.write_char('\n')
    })?;
    out.write_char('\n')?;
    if let Some(images) = images {
        list(out, 0, ("images", "url: "), images, image)?;
        out.write_char('\n')?;
    }
    if let Some(related_list) = related_list {
        list(out, 0, ("related", "title: "), related_list, related)?;
        out.write_char('\n')?;
    }
    quoted_key(out, 0, "secured", secured.expose_raw())?;
    if let Some(removed) = removed {
        writeln!(out, "removed: {removed}")?;
    }
    unknown(out, 0, unknown_keys)
}

/// The keys of a provider at `indent`.
fn provider(out: &mut impl Write, indent: usize, p: &Provider) -> fmt::Result {
    let Provider {
        name,
        domain,
        images,
        unknown: unknown_keys,
    } = p;
    plain_key(out, indent, "name", name)?;
    plain_key(out, indent, "domain", domain)?;
    if let Some(logos) = images {
        list(out, indent, ("images", "url: "), logos, logo)?;
    }
    unknown(out, indent, unknown_keys)
}

/// One logo; the first key goes on the `- ` line, the rest at `indent`.
fn logo(out: &mut impl Write, indent: usize, l: &Logo) -> fmt::Result {
    let Logo {
        url,
        width,
        height,
        unknown: unknown_keys,
    } = l;
    quoted(out, url.as_str())?;
    out.write_char('\n')?;
    writeln!(out, "{:indent$}width: {width}", "")?;
    writeln!(out, "{:indent$}height: {height}", "")?;
    unknown(out, indent, unknown_keys)
}

fn image(out: &mut impl Write, indent: usize, i: &Image) -> fmt::Result {
    let Image {
        url,
        width,
        height,
        is_cached,
        title,
        unknown: unknown_keys,
    } = i;
    quoted(out, url.as_str())?;
    out.write_char('\n')?;
    writeln!(out, "{:indent$}width: {width}", "")?;
    writeln!(out, "{:indent$}height: {height}", "")?;
    if let Some(cached) = is_cached {
        writeln!(out, "{:indent$}isCached: {cached}", "")?;
    }
    if let Some(title) = title {
        quoted_key(out, indent, "title", title)?;
    }
    unknown(out, indent, unknown_keys)
}

fn related(out: &mut impl Write, indent: usize, r: &Related) -> fmt::Result {
    let Related {
        title,
        excerpt,
        published_date_time,
        web_url,
        amp_web_url,
        cdn_amp_web_url,
        record_type,
        provider: the_provider,
        quality,
        images,
        unknown: unknown_keys,
    } = r;
    quoted(out, title)?;
    out.write_char('\n')?;
    quoted_key(out, indent, "excerpt", excerpt)?;
    writeln!(
        out,
        "{:indent$}publishedDateTime: {}",
        "",
        timestamp::format(published_date_time)
    )?;
    quoted_key(out, indent, "webUrl", web_url.as_str())?;
    for (key, url) in [
        ("ampWebUrl", amp_web_url),
        ("cdnAmpWebUrl", cdn_amp_web_url),
    ] {
        if let Some(url) = url {
            quoted_key(out, indent, key, url.as_str())?;
        }
    }
    writeln!(out, "{:indent$}type: {record_type}", "")?;
    writeln!(out, "{:indent$}provider:", "")?;
    provider(out, indent + 2, the_provider)?;
    writeln!(out, "{:indent$}quality: {quality}", "")?;
    if let Some(images) = images {
        list(out, indent, ("images", "url: "), images, image)?;
    }
    unknown(out, indent, unknown_keys)
}

/// `key:` and a block list of `items` at `indent`, or `key: []`. Each item starts on a `- `
/// line; for a list of mappings, `first_key` is written there and `item` writes its value and
/// the item's other keys, indented by its `indent` argument.
fn list<W: Write, T>(
    out: &mut W,
    indent: usize,
    (key, first_key): (&str, &str),
    items: &[T],
    item: impl Fn(&mut W, usize, &T) -> fmt::Result,
) -> fmt::Result {
    if items.is_empty() {
        return writeln!(out, "{:indent$}{key}: []", "");
    }
    writeln!(out, "{:indent$}{key}:", "")?;
    for value in items {
        write!(out, "{:indent$}  - {first_key}", "")?;
        item(out, indent + 4, value)?;
    }
    Ok(())
}

fn unknown(out: &mut impl Write, indent: usize, keys: &UnknownKeys) -> fmt::Result {
    for (key, value) in keys.iter() {
        write!(out, "{:indent$}", "")?;
        plain(out, key)?;
        // serde_yaml writes the value as a document of its own, at column 0: a scalar on the
        // key's line (a block scalar, `|-`, with its lines after it), a collection below the
        // key. Lines after the first move right with the key.
        let yaml = value.to_yaml();
        let (first, rest, shift) = if value.is_inline() {
            let mut lines = yaml.lines();
            (lines.next().unwrap_or_default(), lines, indent)
        } else {
            ("", yaml.lines(), indent + 2)
        };
        out.write_char(':')?;
        if !first.is_empty() {
            write!(out, " {first}")?;
        }
        out.write_char('\n')?;
        for line in rest {
            writeln!(out, "{:shift$}{line}", "")?;
        }
    }
    Ok(())
}

fn plain_key(out: &mut impl Write, indent: usize, key: &str, value: &str) -> fmt::Result {
    write!(out, "{:indent$}{key}: ", "")?;
    plain(out, value)?;
    out.write_char('\n')
}

fn quoted_key(out: &mut impl Write, indent: usize, key: &str, value: &str) -> fmt::Result {
    write!(out, "{:indent$}{key}: ", "")?;
    quoted(out, value)?;
    out.write_char('\n')
}

/// A plain scalar when YAML 1.2 (and YAML 1.1, for other readers) reads it back as this very
/// string, a double-quoted one otherwise.
fn plain(out: &mut impl Write, text: &str) -> fmt::Result {
    if is_plain_safe(text) {
        out.write_str(text)
    } else {
        quoted(out, text)
    }
}

fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let edges_ok = !text.starts_with([' ', '\t']) && !text.ends_with([' ', '\t', ':']);
    let first_ok = !"-?:,[]{}#&*!|>'\"%@`".contains(first);
    let chars_ok = !text.chars().any(needs_escape);
    let structure_ok = !text.contains(": ") && !text.contains(" #");
    edges_ok && first_ok && chars_ok && structure_ok && !resolves_to_non_string(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str) -> String {
        let mut out = String::new();
        quoted(&mut out, text).unwrap();
        out
    }

    #[test]
    fn escapes_what_yaml_would_change() {
        assert_eq!(quote(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
        assert_eq!(
            quote("a\tb\nc\r\u{1b}\u{7f}\u{85}\u{2028}"),
            r#""a\tb\nc\r\x1B\x7F\N\L""#
        );
        assert_eq!(quote("naïve — ’"), "\"naïve — ’\"");
    }

    #[test]
    fn plain_only_when_it_reads_back_as_the_same_string() {
        for text in [
            "news",
            "The Hill",
            "Diablo 4",
            "thehill.com",
            "Comicbook.com",
            "G-Mineo",
        ] {
            assert!(is_plain_safe(text), "{text}");
        }
        for text in [
            "", " x", "x ", "- x", "a: b", "a #b", "key:", "yes", "NULL", "~", "123", "-1.5",
            "0x1F", ".inf", "1e5", "#tag", "*alias", "'q'", "@x", "a\u{85}b",
        ] {
            assert!(!is_plain_safe(text), "{text}");
        }
    }
}
