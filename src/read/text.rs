//! How text becomes a value of the model (a URL, a date, the record's type, the `secured`
//! payload), with the code of each way it can be wrong: the same for both readers.

use chrono::{DateTime, FixedOffset};
use serde::de::{self, Unexpected};

use crate::model::{timestamp, HttpUrl, RecordType, RelatedUrl, Secured, UrlError};
use crate::read::context::{Ctx, Message};
use crate::report::Code;

/// A value written as one string: `title`, URLs, `publishedDateTime`, `type`, `secured`.
pub(crate) trait TextValue: Sized {
    /// What the value must be, for messages: "an absolute http(s) URL".
    const EXPECTING: &'static str;

    /// The value of `text`, or the error, raised through `ctx`.
    fn from_text<E: de::Error>(text: &str, ctx: &Ctx) -> Result<Self, E>;
}

impl TextValue for String {
    const EXPECTING: &'static str = "a string";

    fn from_text<E: de::Error>(text: &str, _: &Ctx) -> Result<Self, E> {
        Ok(text.to_owned())
    }
}

/// The code of each way a URL can be wrong.
fn url_code(err: &UrlError) -> Code {
    match err {
        UrlError::Scheme(_) => Code::UrlScheme,
        UrlError::Credentials => Code::UrlCredentials,
        _ => Code::UrlInvalid,
    }
}

/// Raises a URL error as serde's "invalid value", saying what the URL should have been.
fn url_error<E: de::Error>(text: &str, err: &UrlError, ctx: &Ctx) -> E {
    let expected = match err {
        UrlError::Scheme(_) => "an http or https URL",
        UrlError::Credentials => "a URL without user name or password",
        _ => "an absolute http(s) URL",
    };
    ctx.invalid_value(url_code(err), Unexpected::Str(text), &expected)
}

impl TextValue for HttpUrl {
    const EXPECTING: &'static str = "an absolute http(s) URL";

    fn from_text<E: de::Error>(text: &str, ctx: &Ctx) -> Result<Self, E> {
        HttpUrl::parse(text).map_err(|err| url_error(text, &err, ctx))
    }
}

impl TextValue for RelatedUrl {
    const EXPECTING: &'static str = "an absolute http(s) URL or `\"\"`";

    fn from_text<E: de::Error>(text: &str, ctx: &Ctx) -> Result<Self, E> {
        if text.is_empty() {
            return Ok(RelatedUrl::Empty);
        }
        HttpUrl::parse(text)
            .map(RelatedUrl::Url)
            .map_err(|err| url_error(text, &err, ctx))
    }
}

impl TextValue for Secured {
    const EXPECTING: &'static str = "a sealed payload `<base64 ciphertext>;<base64 IV>`";

    fn from_text<E: de::Error>(raw: &str, ctx: &Ctx) -> Result<Self, E> {
        // The payload itself never goes into the message.
        Secured::new(raw)
            .map_err(|err| ctx.fail(Code::SecuredEnvelope, format_args!("invalid value: {err}")))
    }
}

impl TextValue for RecordType {
    const EXPECTING: &'static str = "`article` or `video`";

    fn from_text<E: de::Error>(text: &str, ctx: &Ctx) -> Result<Self, E> {
        const VARIANTS: &[&str] = &["article", "video"];
        match text {
            "article" => Ok(RecordType::Article),
            "video" => Ok(RecordType::Video),
            _ => Err(ctx.fail(
                Code::InvalidValue,
                <Message as de::Error>::unknown_variant(text, VARIANTS),
            )),
        }
    }
}

impl TextValue for DateTime<FixedOffset> {
    const EXPECTING: &'static str =
        "an RFC 3339 date-time with an offset, like `2020-07-02T11:00:00Z`";

    fn from_text<E: de::Error>(text: &str, ctx: &Ctx) -> Result<Self, E> {
        timestamp::parse(text).ok_or_else(|| {
            ctx.invalid_value(Code::DateFormat, Unexpected::Str(text), &Self::EXPECTING)
        })
    }
}
