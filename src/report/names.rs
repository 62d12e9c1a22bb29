//! `stable_names!`: the one generator of the enums whose variants have stable kebab-case
//! names ([`Code`](crate::report::Code), [`Severity`](crate::report::Severity),
//! [`DeclineReason`](crate::read::DeclineReason)): the enum, `ALL`, `as_str`, `Display` and
//! `Serialize` by the name, and, where each name is followed by a value, a method that gives
//! it.

/// Declares `pub enum $name` from a list of `Variant = "name";` lines (each with its doc),
/// optionally with a column: `fn severity -> Severity;` after the enum, and `Variant =
/// "name", Error;` in the list, for a method that gives `Severity::Error`.
macro_rules! stable_names {
    (
        $(#[$meta:meta])*
        pub enum $enum:ident;
        $(#[doc = $column_doc:literal])*
        fn $column:ident -> $column_type:ident;
        $($(#[doc = $doc:literal])* $variant:ident = $name:literal, $value:ident;)*
    ) => {
        $crate::report::names::stable_names! {
            $(#[$meta])*
            pub enum $enum;
            $($(#[doc = $doc])* $variant = $name;)*
        }

        impl $enum {
            $(#[doc = $column_doc])*
            pub fn $column(self) -> $column_type {
                match self {
                    $($enum::$variant => $column_type::$value,)*
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $enum:ident;
        $($(#[doc = $doc:literal])* $variant:ident = $name:literal;)*
    ) => {
        $(#[$meta])*
        pub enum $enum {
            $($(#[doc = $doc])* $variant,)*
        }

        impl $enum {
            /// Every variant, in the order they are declared.
            pub const ALL: &'static [$enum] = &[$($enum::$variant),*];

            /// The stable kebab-case name, which `Display` and `Serialize` give too.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($enum::$variant => $name,)*
                }
            }

            /// What it means, in one sentence: its documentation above, as text (Markdown
            /// backticks kept).
            pub fn description(self) -> &'static str {
                match self {
                    $($enum::$variant => concat!($($doc),*).trim_ascii_start(),)*
                }
            }
        }

        impl ::std::fmt::Display for $enum {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $enum {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

pub(crate) use stable_names;

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
