//! How the model is read: hand-written serde visitors that are strict about YAML types.
//!
//! The derived `Deserialize` would accept too much from serde_yaml: a bare `key:` or `null`
//! as an empty list, `123` as a string, and no way to keep unknown keys without `flatten`
//! (which silently turns off `deny_unknown_fields`). So every value is read with
//! `deserialize_any`, where YAML 1.2's resolution of plain scalars shows, and each visitor
//! accepts exactly its own type. Keys are checked as they are read, so that an unknown or
//! duplicate key is reported at the key itself.
//!
//! That resolution costs: serde_yaml tries every plain scalar as null, boolean, integer and
//! float before it says "string", a third of what we add to a plain typed parse. So a parse
//! runs first *speculatively* ([`Ctx::speculative`]): values that are text in every valid
//! record (strings, URLs, dates, `type`, `secured`, keys) are read with `deserialize_str`,
//! which skips the resolution, and any text that resolution *could* have read as something
//! else ([`may_resolve`]) stops the pass. The caller then parses again exactly, with
//! `deserialize_any` throughout, so the result is always the exact one; the fast pass only
//! decides sooner when no value is in doubt, which is nearly always.
//!
//! Nothing here names serde_yaml: these visitors work with any self-describing format.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, FixedOffset};
use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Unexpected, Visitor};

use crate::model::{Heat, RecordType, RelatedUrl};
use crate::yaml::{UnknownKeys, UnknownValue};
use crate::HttpUrl;

/// Whether unknown keys are errors (strict) or kept and reported (lenient).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Strict,
    Lenient,
}

/// What every value read in one parse shares: the mode, and a budget of values.
///
/// Without aliases, every YAML node takes at least one byte of text, so a front matter of `n`
/// bytes holds at most `n` values. Aliases can make a few bytes stand for millions of values
/// (the "billion laughs"); serde_yaml bounds how many alias jumps it makes, but not how much
/// each one expands. Charging every value read against a budget of the text's length keeps
/// time and memory linear in the input, whatever the aliases do.
pub(crate) struct Ctx<'y> {
    pub(crate) mode: Mode,
    /// In the fast pass, the text being parsed: text values skip YAML's resolution of plain
    /// scalars. Only sound where no value carries a tag: `deserialize_str` ignores tags.
    speculative: Option<&'y str>,
    budget: Cell<usize>,
}

impl<'y> Ctx<'y> {
    pub(crate) fn new(mode: Mode, budget: usize) -> Self {
        Ctx {
            mode,
            speculative: None,
            budget: Cell::new(budget),
        }
    }

    /// The context of the fast pass over `yaml` (see the module's documentation).
    pub(crate) fn speculative(mode: Mode, yaml: &'y str) -> Self {
        Ctx {
            speculative: Some(yaml),
            ..Ctx::new(mode, yaml.len())
        }
    }

    /// Whether the empty text `text`, borrowed by the deserializer, was written as `""` or
    /// `''` in the fast pass's input. serde_yaml borrows a quoted scalar from between its
    /// quotes, while the empty plain scalar of a bare `key:` (null) points at the next token,
    /// which never sits right after a quote of its own kind.
    fn quoted_empty(&self, text: &str) -> bool {
        let Some(source) = self.speculative else {
            return false;
        };
        let offset = (text.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
        let bytes = source.as_bytes();
        text.is_empty()
            && (1..bytes.len()).contains(&offset)
            && matches!(bytes[offset], b'"' | b'\'')
            && bytes[offset - 1] == bytes[offset]
    }

    /// The context of the public `Deserialize` impls: strict, and no budget beyond what the
    /// caller's own format imposes.
    pub(crate) fn unbounded() -> Self {
        Ctx::new(Mode::Strict, usize::MAX)
    }

    /// Charges one value against the budget.
    pub(crate) fn spend<E: de::Error>(&self) -> Result<(), E> {
        match self.budget.get().checked_sub(1) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(BUDGET_EXCEEDED)),
        }
    }
}

/// The message of a spent budget; `yaml.rs` knows it as a limit.
pub(crate) const BUDGET_EXCEEDED: &str =
    "aliases expand the front matter to more values than its size allows";

/// A type read in a [`Ctx`].
pub(crate) trait FromYaml: Sized {
    fn from_yaml<'de, D: Deserializer<'de>>(deserializer: D, ctx: &Ctx) -> Result<Self, D::Error>;
}

/// The [`DeserializeSeed`] that carries the context down to nested values.
pub(crate) struct Seed<'c, T>(&'c Ctx<'c>, PhantomData<T>);

impl<'c, T> Seed<'c, T> {
    pub(crate) fn new(ctx: &'c Ctx<'c>) -> Self {
        Seed(ctx, PhantomData)
    }
}

impl<'de, T: FromYaml> DeserializeSeed<'de> for Seed<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        self.0.spend()?;
        T::from_yaml(deserializer, self.0)
    }
}

/// Visitor methods that say `null` rather than serde's "unit value" for `key: null`, `~` and
/// a bare `key:`.
macro_rules! reject_null {
    () => {
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Err(E::invalid_type(serde::de::Unexpected::Other("null"), &self))
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Err(E::invalid_type(serde::de::Unexpected::Other("null"), &self))
        }
    };
}
pub(crate) use reject_null;

/// The message that ends the fast pass; never shown, since the exact pass follows.
const IN_DOUBT: &str = "a plain scalar that YAML may not read as text";

/// Whether a plain scalar written as `text` might be read by YAML 1.2's core schema, as
/// serde_yaml applies it, as something other than a string: null (`""`, `~`, `null`), a
/// boolean (`true`, `False`), an integer (`12`, `-0x1F`, `0o17`, `0b1`) or a float (`1.5e3`,
/// `.inf`, `-.NaN`). A superset, cheap to test: numbers are recognised by their first
/// character and their alphabet only.
pub(crate) fn may_resolve(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.first() {
        None => true,
        Some(b'0'..=b'9' | b'+' | b'-' | b'.') => bytes.iter().all(|b| {
            matches!(b, b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F' | b'x' | b'o' | b'i' | b'n'
                | b'I' | b'N' | b'.' | b'+' | b'-')
        }),
        Some(b'~') => bytes.len() == 1,
        Some(b'n' | b'N' | b't' | b'T' | b'f' | b'F') => ["null", "true", "false"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word)),
        _ => false,
    }
}

/// Whether a tag (`!x`, `!!int`) may start anywhere in `yaml`: a `!` where a node can begin.
/// A superset again: a `!` after a blank or a flow indicator, as in `Wow !`, counts too.
pub(crate) fn may_hold_tags(yaml: &str) -> bool {
    let bytes = yaml.as_bytes();
    memchr::memchr_iter(b'!', bytes).any(|i| {
        i == 0
            || matches!(
                bytes[i - 1],
                b' ' | b'\t' | b'\r' | b'\n' | b'[' | b'{' | b',' | b':'
            )
    })
}

/// Reads a value that is text in every valid record with `visitor`: in the fast pass
/// without YAML's resolution, stopping at text in doubt; otherwise exactly.
pub(crate) fn read_text<'de, D: Deserializer<'de>, V: Visitor<'de>>(
    d: D,
    ctx: &Ctx,
    visitor: V,
) -> Result<V::Value, D::Error> {
    if ctx.speculative.is_some() {
        d.deserialize_str(Unresolved(visitor, ctx))
    } else {
        d.deserialize_any(visitor)
    }
}

/// A visitor of text that refuses what YAML's resolution might have read otherwise.
struct Unresolved<'c, V>(V, &'c Ctx<'c>);

impl<'de, V: Visitor<'de>> Visitor<'de> for Unresolved<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<V::Value, E> {
        if may_resolve(text) {
            return Err(E::custom(IN_DOUBT));
        }
        self.0.visit_str(text)
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<V::Value, E> {
        // `""` is common (empty excerpts, related videos' `webUrl`) and would otherwise send
        // the record down the exact pass.
        if may_resolve(text) && !self.1.quoted_empty(text) {
            return Err(E::custom(IN_DOUBT));
        }
        self.0.visit_borrowed_str(text)
    }
}

/// Leaf types read the same way in either pass: numbers, whose resolution is their point.
impl FromYaml for Heat {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, _: &Ctx) -> Result<Self, D::Error> {
        serde::Deserialize::deserialize(d)
    }
}

/// Leaf types that are text in every valid record, and the visitors that read them.
macro_rules! text_leaf {
    ($($ty:ty => $visitor:expr),* $(,)?) => {$(
        impl FromYaml for $ty {
            fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
                read_text(d, ctx, $visitor)
            }
        }
    )*};
}
text_leaf!(
    String => TextVisitor,
    HttpUrl => crate::http_url::UrlVisitor,
    crate::Secured => crate::secured::SecuredVisitor,
    RecordType => crate::model::TypeVisitor,
    RelatedUrl => crate::model::RelatedUrlVisitor,
    DateTime<FixedOffset> => crate::timestamp::TimestampVisitor,
);

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_owned())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(text)
    }

    reject_null!();
}

struct BoolVisitor;

impl Visitor<'_> for BoolVisitor {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean (`true` or `false`)")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<bool, E> {
        Ok(value)
    }

    reject_null!();
}

impl FromYaml for bool {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, _: &Ctx) -> Result<Self, D::Error> {
        d.deserialize_any(BoolVisitor)
    }
}

/// Reads a `u32`; also the non-negative half of [`Heat`].
pub(crate) struct U32Visitor;

impl Visitor<'_> for U32Visitor {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer from 0 to 4294967295")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<u32, E> {
        u32::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<u32, E> {
        u32::try_from(value).map_err(|_| E::invalid_value(Unexpected::Signed(value), &self))
    }

    reject_null!();
}

impl FromYaml for u32 {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, _: &Ctx) -> Result<Self, D::Error> {
        d.deserialize_any(U32Visitor)
    }
}

impl FromYaml for UnknownValue {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
        UnknownValue::from_yaml(d, ctx)
    }
}

struct ListVisitor<'c, T>(&'c Ctx<'c>, PhantomData<T>);

impl<'de, T: FromYaml> Visitor<'de> for ListVisitor<'_, T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // The hint comes from the input: cap it so that a hostile length cannot allocate.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(Seed::new(self.0))? {
            items.push(item);
        }
        Ok(items)
    }

    reject_null!();
}

impl<T: FromYaml> FromYaml for Vec<T> {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
        d.deserialize_any(ListVisitor(ctx, PhantomData))
    }
}

/// A key of a mapping, checked as it is read.
pub(crate) enum Key<F> {
    Known(F),
    Unknown(String),
}

/// Reads one key of a mapping whose known keys are `fields`: a duplicate is an error, an
/// unknown key is an error in strict mode and kept in lenient mode.
pub(crate) struct KeySeed<'a, F: 'static> {
    pub(crate) names: &'static [&'static str],
    pub(crate) fields: &'static [F],
    /// The index of a known key in `names` (a `match`, faster than searching `names`).
    pub(crate) lookup: fn(&str) -> Option<usize>,
    pub(crate) seen: &'a mut u32,
    pub(crate) ctx: &'a Ctx<'a>,
    pub(crate) unknown: &'a UnknownKeys,
}

impl<'de, F: Copy> DeserializeSeed<'de> for KeySeed<'_, F> {
    type Value = Key<F>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<F>, D::Error> {
        let ctx = self.ctx;
        read_text(deserializer, ctx, self)
    }
}

impl<F: Copy> Visitor<'_> for KeySeed<'_, F> {
    type Value = Key<F>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<F>, E> {
        if let Some(i) = (self.lookup)(key) {
            if *self.seen & (1 << i) != 0 {
                return Err(E::duplicate_field(self.names[i]));
            }
            *self.seen |= 1 << i;
            return Ok(Key::Known(self.fields[i]));
        }
        match self.ctx.mode {
            Mode::Strict => Err(E::unknown_field(key, self.names)),
            Mode::Lenient if self.unknown.get(key).is_some() => {
                Err(E::custom(format_args!("duplicate field `{key}`")))
            }
            Mode::Lenient => Ok(Key::Unknown(key.to_owned())),
        }
    }

    reject_null!();
}

/// Reads a struct of the model from a mapping: `yaml_struct!(Type, "expecting", Fields {
/// field: "yamlKey" required, ... })`. Generates `FromYaml` and a strict `Deserialize`.
macro_rules! yaml_struct {
    ($ty:ident, $expecting:literal, $fields:ident {
        $($field:ident: $key:literal $req:ident),* $(,)?
    }) => {
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        enum $fields { $($field),* }

        impl $crate::wire::FromYaml for $ty {
            fn from_yaml<'de, D: serde::Deserializer<'de>>(
                d: D,
                ctx: &$crate::wire::Ctx,
            ) -> Result<Self, D::Error> {
                struct V<'c>(&'c $crate::wire::Ctx<'c>);

                impl<'de> serde::de::Visitor<'de> for V<'_> {
                    type Value = $ty;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$ty, A::Error> {
                        const NAMES: &[&str] = &[$($key),*];
                        const FIELDS: &[$fields] = &[$($fields::$field),*];
                        fn lookup(key: &str) -> Option<usize> {
                            match key {
                                $($key => Some($fields::$field as usize),)*
                                _ => None,
                            }
                        }
                        let ctx = self.0;
                        let mut seen = 0_u32;
                        let mut unknown = $crate::yaml::UnknownKeys::default();
                        $(let mut $field = None;)*
                        while let Some(key) = map.next_key_seed($crate::wire::KeySeed {
                            names: NAMES,
                            fields: FIELDS,
                            lookup,
                            seen: &mut seen,
                            ctx,
                            unknown: &unknown,
                        })? {
                            match key {
                                $($crate::wire::Key::Known($fields::$field) => {
                                    $field = Some(map.next_value_seed(
                                        $crate::wire::Seed::new(ctx),
                                    )?);
                                })*
                                $crate::wire::Key::Unknown(key) => {
                                    let value = map.next_value_seed(
                                        $crate::wire::Seed::new(ctx),
                                    )?;
                                    unknown.push(key, value);
                                }
                            }
                        }
                        Ok($ty {
                            $($field: $crate::wire::yaml_struct!(@finish $req, $field, $key),)*
                            unknown,
                        })
                    }

                    $crate::wire::reject_null!();
                }

                d.deserialize_any(V(ctx))
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <Self as $crate::wire::FromYaml>::from_yaml(d, &$crate::wire::Ctx::unbounded())
            }
        }
    };
    (@finish required, $field:ident, $key:literal) => {
        $field.ok_or_else(|| <A::Error as serde::de::Error>::missing_field($key))?
    };
    (@finish optional, $field:ident, $key:literal) => {
        $field
    };
}
pub(crate) use yaml_struct;
