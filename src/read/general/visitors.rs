//! How the model is read: hand-written serde visitors that are strict about YAML types, and
//! that set the [`Code`] of every error where they raise it.
//!
//! The derived `Deserialize` would accept too much from serde_yaml: a bare `key:` or `null`
//! as an empty list, `123` as a string, and no way to keep unknown keys without `flatten`
//! (which silently turns off `deny_unknown_fields`). So every value is read with
//! `deserialize_any`, where YAML 1.2's resolution of plain scalars shows, and each visitor
//! accepts exactly its own type. Keys are checked as they are read, so that an unknown or
//! duplicate key is reported at the key itself.
//!
//! A deserializer's error type carries only a message, so every error raised here is also
//! written down in the parse's [`Ctx`], with its code ([`Ctx::problem`]): the caller builds
//! the crate's [`Error`](crate::Error) from that, and the YAML engine's error gives only the
//! position.
//!
//! YAML's resolution costs: serde_yaml tries every plain scalar as null, boolean, integer and
//! float before it says "string", a third of what we add to a plain typed parse. So a parse
//! runs first *speculatively* ([`Ctx::speculative`]): values that are text in every valid
//! record (strings, URLs, dates, `type`, `secured`, keys) are read with `deserialize_str`,
//! which skips the resolution, and any text that resolution *could* have read as something
//! else ([`may_resolve`]) stops the pass. The caller then parses again exactly, with
//! `deserialize_any` throughout, so the result is always the exact one; the fast pass only
//! decides sooner when no value is in doubt, which is nearly always.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Expected, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde_yaml::{Mapping, Value};

use crate::model::{Heat, Image, Logo, Provider, Record, Related, UnknownKeys, UnknownValue};
use crate::read::context::{Ctx, Message, Mode};
use crate::read::fields::model_structs;
use crate::read::plain::may_resolve;
use crate::read::text::TextValue;
use crate::report::Code;

/// How errors name `null`, `~` and a bare `key:` (serde would say "unit value").
const NULL: &str = "null";

/// Visitor methods that refuse a YAML type, each as serde's "invalid type" error (`null` for
/// `key: null`, `~` and a bare `key:`, where serde would say "unit value"), through the
/// context's method `$refuse`. A visitor names the types it does not take; its `self.0` is
/// its context.
macro_rules! refuse {
    ($refuse:ident: $($kind:ident),* $(,)?) => {$(
        refuse!(@one $refuse $kind);
    )*};
    (@one $refuse:ident bool) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Err(self.0.$refuse(Unexpected::Bool(v), &self))
        }
    };
    (@one $refuse:ident i64) => {
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Err(self.0.$refuse(Unexpected::Signed(v), &self))
        }
    };
    (@one $refuse:ident u64) => {
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Err(self.0.$refuse(Unexpected::Unsigned(v), &self))
        }
    };
    (@one $refuse:ident i128) => {
        fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
            Err(self.0.$refuse(Unexpected::Other(&format!("integer `{v}` as i128")), &self))
        }
        fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
            Err(self.0.$refuse(Unexpected::Other(&format!("integer `{v}` as u128")), &self))
        }
    };
    (@one $refuse:ident f64) => {
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Err(self.0.$refuse(Unexpected::Float(v), &self))
        }
    };
    (@one $refuse:ident str) => {
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Err(self.0.$refuse(Unexpected::Str(v), &self))
        }
    };
    (@one $refuse:ident null) => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(self.0.$refuse(Unexpected::Other(NULL), &self))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(self.0.$refuse(Unexpected::Other(NULL), &self))
        }
    };
    (@one $refuse:ident seq) => {
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(self.0.$refuse(Unexpected::Seq, &self))
        }
    };
    (@one $refuse:ident map) => {
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(self.0.$refuse(Unexpected::Map, &self))
        }
    };
    (@one $refuse:ident enum) => {
        fn visit_enum<A: EnumAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(self.0.$refuse(Unexpected::Enum, &self))
        }
    };
}

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

/// The message that ends the fast pass; never shown, since the exact pass follows.
const IN_DOUBT: &str = "a plain scalar that YAML may not read as text";

/// Reads a value that is text in every valid record with `visitor`: in the fast pass
/// without YAML's resolution, stopping at text in doubt; otherwise exactly.
fn read_text<'de, D: Deserializer<'de>, V: Visitor<'de>>(
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

/// A visitor of text that refuses what YAML's resolution might have read otherwise. Its
/// errors only end the fast pass, so they carry no code.
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

/// Reads a [`TextValue`]: a string, and nothing else.
pub(crate) struct TextVisitor<'c, T>(pub(crate) &'c Ctx<'c>, pub(crate) PhantomData<T>);

impl<'de, T: TextValue> Visitor<'de> for TextVisitor<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::from_text(text, self.0)
    }

    refuse!(invalid_type: bool, i64, u64, i128, f64, null, seq, map, enum);
}

impl<T: TextValue> FromYaml for T {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
        read_text(d, ctx, TextVisitor(ctx, PhantomData))
    }
}

/// Reads `true` or `false`.
struct BoolVisitor<'c>(&'c Ctx<'c>);

impl<'de> Visitor<'de> for BoolVisitor<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean (`true` or `false`)")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<bool, E> {
        Ok(value)
    }

    refuse!(invalid_type: i64, u64, i128, f64, str, null, seq, map, enum);
}

impl FromYaml for bool {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
        d.deserialize_any(BoolVisitor(ctx))
    }
}

/// Reads an integer from 0 to `u32::MAX`: `quality`, widths and heights.
struct U32Visitor<'c>(&'c Ctx<'c>);

impl<'de> Visitor<'de> for U32Visitor<'_> {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer from 0 to 4294967295")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<u32, E> {
        u32::try_from(value).map_err(|_| {
            self.0
                .invalid_value(Code::InvalidValue, Unexpected::Unsigned(value), &self)
        })
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<u32, E> {
        u32::try_from(value).map_err(|_| {
            self.0
                .invalid_value(Code::InvalidValue, Unexpected::Signed(value), &self)
        })
    }

    refuse!(invalid_type: bool, i128, f64, str, null, seq, map, enum);
}

impl FromYaml for u32 {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
        d.deserialize_any(U32Visitor(ctx))
    }
}

/// Reads `heat`: `-1` or an integer from 0 to `u32::MAX`.
pub(crate) struct HeatVisitor<'c>(pub(crate) &'c Ctx<'c>);

impl<'de> Visitor<'de> for HeatVisitor<'_> {
    type Value = Heat;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("-1 (not ranked) or an integer from 0 to 4294967295")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Heat, E> {
        Heat::from_i64(value).ok_or_else(|| {
            self.0
                .invalid_value(Code::InvalidValue, Unexpected::Signed(value), &self)
        })
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Heat, E> {
        u32::try_from(value).map(Heat::Ranked).map_err(|_| {
            self.0
                .invalid_value(Code::InvalidValue, Unexpected::Unsigned(value), &self)
        })
    }

    refuse!(invalid_type: bool, i128, f64, str, null, seq, map, enum);
}

impl FromYaml for Heat {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
        d.deserialize_any(HeatVisitor(ctx))
    }
}

/// Reads a list of `T`.
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

    refuse!(invalid_type: bool, i64, u64, i128, f64, str, null, map, enum);
}

impl<T: FromYaml> FromYaml for Vec<T> {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
        d.deserialize_any(ListVisitor(ctx, PhantomData))
    }
}

/// Reads any untagged YAML value (lenient parsing keeps them for unknown keys), charging
/// every node to the parse's budget.
struct ValueSeed<'c>(&'c Ctx<'c>);

impl FromYaml for UnknownValue {
    fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
        ValueSeed(ctx).deserialize(d).map(UnknownValue)
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.0.spend()?;
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an untagged YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ValueSeed(self.0))? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Mapping::new();
        while let Some(key) = map.next_key_seed(ValueSeed(self.0))? {
            if entries.contains_key(&key) {
                let key = UnknownValue(key).to_yaml();
                let key = key.trim_end();
                return Err(self.0.fail_at_key(
                    Code::DuplicateKey,
                    key,
                    format_args!("duplicate field `{key}`"),
                ));
            }
            let value = map.next_value_seed(ValueSeed(self.0))?;
            entries.insert(key, value);
        }
        Ok(Value::Mapping(entries))
    }

    refuse!(invalid_type: i128, enum);
}

/// A key of a mapping, checked as it is read.
enum Key<F> {
    Known(F),
    Unknown(String),
}

/// Reads one key of a mapping whose known keys are `fields`: a duplicate is an error, an
/// unknown key is an error in strict mode and kept in lenient mode.
struct KeySeed<'a, F: 'static> {
    names: &'static [&'static str],
    fields: &'static [F],
    /// The index of a known key in `names` (a `match`, faster than searching `names`).
    lookup: fn(&str) -> Option<usize>,
    seen: &'a mut u32,
    ctx: &'a Ctx<'a>,
    /// The unknown keys read so far in this mapping (lenient parsing keeps them), to find a
    /// repeated one in O(1): a search of the kept keys made many unknown keys cost the
    /// square of their number.
    unknown: &'a HashSet<String, foldhash::fast::RandomState>,
    /// Whether this is the front matter's own mapping, whose keys must be text for it to
    /// be a mapping of keys at all.
    root: bool,
}

impl<'de, F: Copy> DeserializeSeed<'de> for KeySeed<'_, F> {
    type Value = Key<F>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<F>, D::Error> {
        let ctx = self.ctx;
        read_text(deserializer, ctx, KeyVisitor(KeyCtx(ctx, self.root), self))
    }
}

/// The visitor of [`KeySeed`]; its context first, as [`refuse!`] wants it.
struct KeyVisitor<'a, F: 'static>(KeyCtx<'a>, KeySeed<'a, F>);

/// The context of a key, and whether its mapping is the front matter's own. A key that is
/// a boolean or an integer is a key of the wrong type, named by its text; any other key that
/// is not text (null, a float, a collection, a tagged value) leaves the front matter's
/// mapping no mapping of keys at all.
struct KeyCtx<'a>(&'a Ctx<'a>, bool);

impl KeyCtx<'_> {
    fn invalid_type<E: de::Error>(&self, found: Unexpected<'_>, expected: &dyn Expected) -> E {
        let named = match found {
            Unexpected::Bool(_) | Unexpected::Signed(_) | Unexpected::Unsigned(_) => true,
            Unexpected::Other(other) => other != NULL,
            _ => false,
        };
        if self.1 && !named {
            self.0.not_a_mapping(found, expected)
        } else {
            self.0.invalid_type(found, expected)
        }
    }
}

impl<'de, F: Copy> Visitor<'de> for KeyVisitor<'_, F> {
    type Value = Key<F>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<F>, E> {
        let KeyVisitor(KeyCtx(ctx, _), seed) = self;
        if let Some(i) = (seed.lookup)(key) {
            if *seed.seen & (1 << i) != 0 {
                return Err(ctx.fail_at_key(
                    Code::DuplicateKey,
                    key,
                    <Message as de::Error>::duplicate_field(seed.names[i]),
                ));
            }
            *seed.seen |= 1 << i;
            return Ok(Key::Known(seed.fields[i]));
        }
        match ctx.mode {
            Mode::Strict => Err(ctx.fail_at_key(
                Code::UnknownKey,
                key,
                <Message as de::Error>::unknown_field(key, seed.names),
            )),
            Mode::Lenient if seed.unknown.contains(key) => Err(ctx.fail_at_key(
                Code::DuplicateKey,
                key,
                format_args!("duplicate field `{key}`"),
            )),
            Mode::Lenient => Ok(Key::Unknown(key.to_owned())),
        }
    }

    refuse!(invalid_type: bool, i64, u64, i128, f64, null, seq, map, enum);
}

/// Reads a struct of the model from a mapping: `yaml_struct!(Type, "expecting", refusing
/// other YAML types with Ctx::method, root: whether it is the whole front matter, Fields {
/// field: "yamlKey" required, ... })`.
/// Generates `FromYaml` and a strict `Deserialize`.
macro_rules! yaml_struct {
    ($ty:ident, $expecting:literal, $refuse:ident, root: $root:literal, $fields:ident {
        $($field:ident: $key:literal $req:ident),* $(,)?
    }) => {
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        enum $fields { $($field),* }

        // Which known keys a mapping has read is one bit each of a `u32` ([`KeySeed`]): a
        // struct with more keys does not compile.
        const _: () = assert!(
            [$($key),*].len() <= u32::BITS as usize,
            "a mapping's known keys are tracked in a u32: at most 32"
        );

        impl FromYaml for $ty {
            fn from_yaml<'de, D: Deserializer<'de>>(d: D, ctx: &Ctx) -> Result<Self, D::Error> {
                struct V<'c>(&'c Ctx<'c>);

                impl<'de> Visitor<'de> for V<'_> {
                    type Value = $ty;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
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
                        let mut unknown = UnknownKeys::default();
                        let mut unknown_seen = HashSet::default();
                        $(let mut $field = None;)*
                        while let Some(key) = map.next_key_seed(KeySeed {
                            names: NAMES,
                            fields: FIELDS,
                            lookup,
                            seen: &mut seen,
                            ctx,
                            unknown: &unknown_seen,
                            root: $root,
                        })? {
                            match key {
                                $(Key::Known($fields::$field) => {
                                    $field = Some(map.next_value_seed(Seed::new(ctx))?);
                                })*
                                Key::Unknown(key) => {
                                    let value = map.next_value_seed(Seed::new(ctx))?;
                                    unknown_seen.insert(key.clone());
                                    unknown.push(key, value);
                                }
                            }
                        }
                        Ok($ty {
                            $($field: yaml_struct!(@finish ctx, $req, $field, $key),)*
                            unknown,
                        })
                    }

                    refuse!($refuse: bool, i64, u64, i128, f64, str, null, seq, enum);
                }

                d.deserialize_any(V(ctx))
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <Self as FromYaml>::from_yaml(d, &Ctx::unbounded())
            }
        }
    };
    (@finish $ctx:ident, required, $field:ident, $key:literal) => {
        $field.ok_or_else(|| {
            $ctx.fail_at_key(Code::MissingKey, $key, <Message as de::Error>::missing_field($key))
        })?
    };
    (@finish $ctx:ident, optional, $field:ident, $key:literal) => {
        $field
    };
}

model_structs!(yaml_struct);
