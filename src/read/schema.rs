//! A JSON Schema (draft 2020-12) of the front matter, made from the key table the readers
//! read by (`fields.rs`: every key, and whether it is required), the Rust type of each field
//! (its JSON shape), and each field's documentation (its description).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::model::{
    HttpUrl, Image, Logo, Provider, Record, RecordType, Related, RelatedUrl, Secured,
};
use crate::read::fields::model_structs;

/// The source of the model, whose field docs are the schema's descriptions.
const MODEL_SOURCE: &str = include_str!("../model/record.rs");

/// The JSON Schema of a record's front matter: serialize it (with `serde_json`) to get the
/// schema document. Every key of the format, its JSON type (an integer's range, a URL's
/// scheme, a date's form, `type`'s values), whether it is required, and no other key
/// (`additionalProperties: false`, as strict reading is); `null` nowhere. What a schema
/// cannot say (an article needs a `webUrl`, a URL must parse, the AMP cache URL) is left to
/// `newsmatter check`.
///
/// ```
/// let schema = serde_json::to_value(newsmatter::read::json_schema())?;
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["properties"]["type"]["enum"], serde_json::json!(["article", "video"]));
/// assert!(schema["required"].as_array().unwrap().contains(&"secured".into()));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn json_schema() -> JsonSchema {
    JsonSchema {
        root: <Record as Definition>::node(),
        definitions: vec![
            ("Provider", <Provider as Definition>::node()),
            ("Logo", <Logo as Definition>::node()),
            ("Image", <Image as Definition>::node()),
            ("Related", <Related as Definition>::node()),
        ],
    }
}

/// A record's JSON Schema, from [`json_schema`]; it serializes as the schema document.
#[derive(Debug, Clone)]
pub struct JsonSchema {
    root: Node,
    definitions: Vec<(&'static str, Node)>,
}

impl Serialize for JsonSchema {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("$schema", "https://json-schema.org/draft/2020-12/schema")?;
        map.serialize_entry("title", "newsmatter record")?;
        self.root.entries(&mut map)?;
        map.serialize_entry("$defs", &Entries(&self.definitions))?;
        map.end()
    }
}

/// One schema: the keywords this format needs.
#[derive(Debug, Clone, Default)]
struct Node {
    reference: Option<&'static str>,
    kind: Option<&'static str>,
    description: Option<String>,
    format: Option<&'static str>,
    pattern: Option<&'static str>,
    minimum: Option<i64>,
    maximum: Option<i64>,
    values: Option<&'static [&'static str]>,
    constant: Option<&'static str>,
    items: Option<Box<Node>>,
    any_of: Option<Vec<Node>>,
    properties: Option<Vec<(&'static str, Node)>>,
    required: Option<Vec<&'static str>>,
}

impl Node {
    fn of(kind: &'static str) -> Self {
        Node {
            kind: Some(kind),
            ..Node::default()
        }
    }

    /// Writes the keywords into `map`, in a fixed order.
    fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        if let Some(reference) = self.reference {
            map.serialize_entry("$ref", &format!("#/$defs/{reference}"))?;
        }
        if let Some(description) = &self.description {
            map.serialize_entry("description", description)?;
        }
        if let Some(kind) = self.kind {
            map.serialize_entry("type", kind)?;
        }
        if let Some(format) = self.format {
            map.serialize_entry("format", format)?;
        }
        if let Some(pattern) = self.pattern {
            map.serialize_entry("pattern", pattern)?;
        }
        if let Some(minimum) = self.minimum {
            map.serialize_entry("minimum", &minimum)?;
        }
        if let Some(maximum) = self.maximum {
            map.serialize_entry("maximum", &maximum)?;
        }
        if let Some(values) = self.values {
            map.serialize_entry("enum", values)?;
        }
        if let Some(constant) = self.constant {
            map.serialize_entry("const", constant)?;
        }
        if let Some(items) = &self.items {
            map.serialize_entry("items", items)?;
        }
        if let Some(any_of) = &self.any_of {
            map.serialize_entry("anyOf", any_of)?;
        }
        if let Some(properties) = &self.properties {
            map.serialize_entry("properties", &Entries(properties))?;
            map.serialize_entry("required", self.required.as_deref().unwrap_or_default())?;
            map.serialize_entry("additionalProperties", &false)?;
        }
        Ok(())
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.entries(&mut map)?;
        map.end()
    }
}

/// Named schemas, as a JSON object in their order.
struct Entries<'a>(&'a [(&'static str, Node)]);

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, node) in self.0 {
            map.serialize_entry(name, node)?;
        }
        map.end()
    }
}

/// The JSON shape of a field's Rust type.
trait Shape {
    fn shape() -> Node;
}

impl Shape for String {
    fn shape() -> Node {
        Node::of("string")
    }
}

impl Shape for bool {
    fn shape() -> Node {
        Node::of("boolean")
    }
}

impl Shape for u32 {
    fn shape() -> Node {
        Node {
            minimum: Some(0),
            maximum: Some(i64::from(u32::MAX)),
            ..Node::of("integer")
        }
    }
}

impl Shape for crate::model::Heat {
    fn shape() -> Node {
        Node {
            minimum: Some(-1),
            maximum: Some(i64::from(u32::MAX)),
            ..Node::of("integer")
        }
    }
}

impl Shape for chrono::DateTime<chrono::FixedOffset> {
    fn shape() -> Node {
        Node {
            format: Some("date-time"),
            pattern: Some(
                r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
            ),
            ..Node::of("string")
        }
    }
}

impl Shape for HttpUrl {
    fn shape() -> Node {
        Node {
            format: Some("uri"),
            pattern: Some("^[Hh][Tt][Tt][Pp][Ss]?://"),
            ..Node::of("string")
        }
    }
}

impl Shape for RelatedUrl {
    fn shape() -> Node {
        let video = Node {
            constant: Some(""),
            ..Node::default()
        };
        Node {
            any_of: Some(vec![HttpUrl::shape(), video]),
            ..Node::default()
        }
    }
}

impl Shape for RecordType {
    fn shape() -> Node {
        Node {
            values: Some(&["article", "video"]),
            ..Node::default()
        }
    }
}

impl Shape for Secured {
    fn shape() -> Node {
        Node {
            pattern: Some("^[A-Za-z0-9+/]+={0,2};[A-Za-z0-9+/]+={0,2}$"),
            ..Node::of("string")
        }
    }
}

impl<T: Shape> Shape for Option<T> {
    fn shape() -> Node {
        T::shape()
    }
}

impl<T: Shape> Shape for Vec<T> {
    fn shape() -> Node {
        Node {
            items: Some(Box::new(T::shape())),
            ..Node::of("array")
        }
    }
}

macro_rules! reference_shapes {
    ($($ty:ident),*) => {
        $(impl Shape for $ty {
            fn shape() -> Node {
                Node {
                    reference: Some(stringify!($ty)),
                    ..Node::default()
                }
            }
        })*
    };
}

reference_shapes!(Provider, Logo, Image, Related);

/// A mapping of the model as a schema.
trait Definition {
    fn node() -> Node;
}

/// The shape of the field that `field` reads, inferred from it.
fn shape_of<S, T: Shape>(_field: fn(&S) -> &T) -> Node {
    T::shape()
}

macro_rules! definitions {
    ($ty:ident, $expecting:literal, $refuse:ident, root: $root:literal, $fields:ident {
        $($field:ident: $key:literal $req:ident),* $(,)?
    }) => {
        impl Definition for crate::model::$ty {
            fn node() -> Node {
                let properties = vec![$(
                    ($key, Node {
                        description: field_doc(stringify!($ty), stringify!($field)),
                        ..shape_of(|value: &crate::model::$ty| &value.$field)
                    }),
                )*];
                let required = [$(($key, stringify!($req) == "required")),*]
                    .into_iter()
                    .filter_map(|(key, required)| required.then_some(key))
                    .collect();
                Node {
                    description: type_doc(stringify!($ty)),
                    properties: Some(properties),
                    required: Some(required),
                    ..Node::of("object")
                }
            }
        }
    };
}

model_structs!(definitions);

/// The `///` lines just above `line_index` in `lines`, attributes skipped, as one text.
fn doc_above(lines: &[&str], line_index: usize) -> String {
    let mut doc: Vec<&str> = lines[..line_index]
        .iter()
        .rev()
        .map(|line| line.trim())
        .skip_while(|line| line.starts_with("#["))
        .take_while(|line| line.starts_with("///"))
        .map(|line| line.trim_start_matches('/').trim())
        .collect();
    doc.reverse();
    doc.join(" ")
}

/// `doc` as plain text: a Markdown link `[text](target)` becomes its text.
fn plain(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|at| open + at) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|at| close + at) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The documentation of struct `ty`, its first sentence.
fn type_doc(ty: &str) -> Option<String> {
    let lines: Vec<&str> = MODEL_SOURCE.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.trim() == format!("pub struct {ty} {{"))?;
    let doc = plain(&doc_above(&lines, at));
    let first = doc
        .split(". ")
        .next()
        .unwrap_or_default()
        .trim_end_matches('.');
    (!first.is_empty()).then(|| format!("{first}."))
}

/// The documentation of field `field` of struct `ty`, without its lead (`` `key`,
/// required: ``), which the schema says itself.
fn field_doc(ty: &str, field: &str) -> Option<String> {
    let lines: Vec<&str> = MODEL_SOURCE.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.trim() == format!("pub struct {ty} {{"))?;
    let at = start
        + lines[start..]
            .iter()
            .position(|line| line.trim().starts_with(&format!("pub {field}:")))?;
    let doc = plain(&doc_above(&lines, at));
    // "`key`, required: the headline." or "`key`, optional." or "`key`, required; may be empty."
    let text = match doc.split_once([':', ';']) {
        Some((lead, rest)) if lead.starts_with('`') => rest.trim(),
        _ if doc.starts_with('`') => "",
        _ => doc.as_str(),
    };
    let mut chars = text.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_come_from_the_field_docs() {
        assert_eq!(
            field_doc("Record", "title").as_deref(),
            Some("The headline.")
        );
        assert_eq!(
            field_doc("Record", "heat").as_deref(),
            Some("Popularity, `-1` for not ranked.")
        );
        assert_eq!(
            field_doc("Related", "excerpt").as_deref(),
            Some("May be empty.")
        );
        assert_eq!(field_doc("Related", "title"), None);
        assert_eq!(
            field_doc("Provider", "domain").as_deref(),
            Some("A bare lower-case host name (`thehill.com`).")
        );
        assert_eq!(
            type_doc("Provider").as_deref(),
            Some("The publisher of an article (`provider`).")
        );
        assert_eq!(
            type_doc("Record").as_deref(),
            Some("The front matter of a record: one news article or video (the record format).")
        );
    }
}
