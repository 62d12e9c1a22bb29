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
