//! `Secured`: the opaque sealed payload of a record.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use subtle::ConstantTimeEq;

/// The length of the initialisation vector, in bytes.
pub const IV_LEN: usize = 16;
/// The cipher's block length: the ciphertext is a whole number of these.
pub const BLOCK_LEN: usize = 16;

/// The opaque sealed payload of a record's `secured` key: `<base64 ciphertext>;<base64 IV>`.
///
/// The library never interprets the payload, but checks its envelope: standard base64 with
/// canonical padding on both sides of the one `;`, an IV of 16 bytes, a ciphertext of a
/// non-empty whole number of 16-byte blocks ([the record format](crate::record_format#the-secured-payload)).
///
/// The payload never shows by accident: `Debug` prints `Secured(<redacted>)`, there is no
/// `Display`, and no error message quotes it. [`Secured::expose_raw`] is the one way to the
/// string; serializing writes back exactly the string that was read. Equality runs in time
/// that depends only on the lengths of the two payloads, not on where they differ.
///
/// ```
/// use newsmatter::Secured;
///
/// let secured: Secured = "AAAAAAAAAAAAAAAAAAAAAA==;AAECAwQFBgcICQoLDA0ODw==".parse()?;
/// assert_eq!(format!("{secured:?}"), "Secured(<redacted>)");
/// assert_eq!(secured.iv(), &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
/// assert_eq!(secured.ciphertext(), [0; 16]);
///
/// assert!("not a payload".parse::<Secured>().is_err());
/// # Ok::<(), newsmatter::SecuredError>(())
/// ```
#[derive(Clone)]
pub struct Secured {
    raw: Box<str>,
    /// Where the ciphertext ends in `raw`: at the `;`.
    ciphertext_end: usize,
    iv: [u8; IV_LEN],
}

/// Why a string is not a [`Secured`] envelope. Never carries the payload itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SecuredError {
    /// There is not exactly one `;` separating ciphertext and IV.
    #[error("expected `<base64 ciphertext>;<base64 IV>` with exactly one `;`")]
    Shape,
    /// The ciphertext is not canonical standard base64 with padding.
    #[error("the ciphertext is not canonical standard base64 with padding")]
    CiphertextBase64,
    /// The IV is not canonical standard base64 with padding.
    #[error("the IV is not canonical standard base64 with padding")]
    IvBase64,
    /// The ciphertext is empty or not a whole number of 16-byte blocks.
    #[error(
        "expected a ciphertext of a non-empty whole number of 16-byte blocks, found {0} bytes"
    )]
    CiphertextLength(usize),
    /// The IV is not 16 bytes long.
    #[error("expected an IV of 16 bytes, found {0} bytes")]
    IvLength(usize),
}

impl Secured {
    /// Checks the envelope of a payload and wraps it.
    ///
    /// # Errors
    ///
    /// A [`SecuredError`]: `abc` has no `;` ([`SecuredError::Shape`]); `abc;AAAA` is not
    /// padded base64 ([`SecuredError::CiphertextBase64`]); a 12-byte IV
    /// ([`SecuredError::IvLength`]); a 20-byte ciphertext ([`SecuredError::CiphertextLength`]).
    pub fn new(raw: &str) -> Result<Self, SecuredError> {
        let (ciphertext, iv) = raw.split_once(';').ok_or(SecuredError::Shape)?;
        if iv.contains(';') {
            return Err(SecuredError::Shape);
        }
        let length = decoded_len(ciphertext).ok_or(SecuredError::CiphertextBase64)?;
        if length == 0 || length % BLOCK_LEN != 0 {
            return Err(SecuredError::CiphertextLength(length));
        }
        let mut iv_bytes = [0; IV_LEN];
        match STANDARD.decode_slice(iv, &mut iv_bytes) {
            Ok(IV_LEN) => {}
            Ok(n) => return Err(SecuredError::IvLength(n)),
            Err(base64::DecodeSliceError::OutputSliceTooSmall) => {
                return Err(match STANDARD.decode(iv) {
                    Ok(long) => SecuredError::IvLength(long.len()),
                    Err(_) => SecuredError::IvBase64,
                });
            }
            Err(base64::DecodeSliceError::DecodeError(_)) => return Err(SecuredError::IvBase64),
        }
        Ok(Secured {
            raw: raw.into(),
            ciphertext_end: ciphertext.len(),
            iv: iv_bytes,
        })
    }

    /// The payload exactly as it was read. Named so that every place that reaches the
    /// payload is easy to find.
    pub fn expose_raw(&self) -> &str {
        &self.raw
    }

    /// The decoded ciphertext: a non-empty whole number of 16-byte blocks. Decoded on each
    /// call: a record holds only the payload's text.
    pub fn ciphertext(&self) -> Vec<u8> {
        // `new` checked that this part decodes: the error cannot happen.
        STANDARD
            .decode(&self.raw[..self.ciphertext_end])
            .unwrap_or_default()
    }

    /// The decoded 16-byte initialisation vector.
    pub fn iv(&self) -> &[u8; IV_LEN] {
        &self.iv
    }
}

/// How many bytes `text` decodes to as canonical standard base64 with padding, without
/// decoding it: `None` where decoding would fail.
///
/// Every group of four symbols but the last decodes to three bytes, all its bits used,
/// whatever the symbols, once padding is allowed only in the last group: those need only be
/// of the alphabet, which is checked sixteen bytes at a time by comparisons without a branch
/// (vector instructions). The last group, where padding and unused bits are, is checked by
/// the same decoder as the whole would be.
fn decoded_len(text: &str) -> Option<usize> {
    if text.is_empty() {
        return Some(0);
    }
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let (groups, last) = text.as_bytes().split_at(text.len() - 4);
    if !groups.chunks(16).all(in_alphabet) {
        return None;
    }
    let mut buffer = [0; 3];
    let tail = STANDARD.decode_slice(last, &mut buffer).ok()?;
    Some(groups.len() / 4 * 3 + tail)
}

/// Whether every byte of `bytes` is a symbol of standard base64 (`A-Z`, `a-z`, `0-9`, `+`,
/// `/`; not the padding `=`): a loop without an early exit.
fn in_alphabet(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |all, &b| {
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        all & (letter | digit | (b == b'+') | (b == b'/'))
    })
}

impl FromStr for Secured {
    type Err = SecuredError;

    fn from_str(raw: &str) -> Result<Self, SecuredError> {
        Secured::new(raw)
    }
}

impl fmt::Debug for Secured {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secured(<redacted>)")
    }
}

/// Constant-time in the content: `subtle` compares every byte whatever the first difference.
/// Only the lengths can be told apart, and those are public in any file that holds the payload.
impl PartialEq for Secured {
    fn eq(&self, other: &Self) -> bool {
        self.raw.as_bytes().ct_eq(other.raw.as_bytes()).into()
    }
}

impl Eq for Secured {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What decoding the whole text says.
    fn decoded(text: &str) -> Option<usize> {
        STANDARD.decode(text).ok().map(|bytes| bytes.len())
    }

    #[test]
    fn in_alphabet_takes_the_64_symbols_only() {
        for b in 0..=255_u8 {
            let symbol = b.is_ascii_alphanumeric() || b == b'+' || b == b'/';
            assert_eq!(in_alphabet(&[b]), symbol, "{b:#04x}");
            let mut run = [b'A'; 40];
            run[37] = b;
            assert_eq!(in_alphabet(&run), symbol, "{b:#04x} in a run");
        }
    }

    #[test]
    fn decoded_len_is_what_decoding_gives() {
        for text in [
            "",
            "AAAA",
            "AAA=",
            "AA==",
            "A===",
            "====",
            "AAAB",
            "AAB=",
            "AB==",
            "AAAA====",
            "AA==AAAA",
            "AAA",
            "AAAAA",
            "AA=A",
            "AAAA\n",
            "AAA\u{e9}",
            "////++++",
        ] {
            assert_eq!(decoded_len(text), decoded(text), "{text:?}");
        }
    }

    proptest! {
        /// Base64-like text of any length, with padding, other symbols and non-ASCII
        /// characters anywhere: the same answer as decoding it, accepted or not.
        #[test]
        fn decoded_len_agrees_with_the_decoder(text in "[A-Za-z0-9+/=_.\\-\u{e9}\n ]{0,80}") {
            prop_assert_eq!(decoded_len(&text), decoded(&text));
        }

        /// Whole groups of four, padding among them anywhere.
        #[test]
        fn decoded_len_of_groups(text in "([A-Za-z0-9+/=]{4}){0,12}") {
            prop_assert_eq!(decoded_len(&text), decoded(&text));
        }

        /// Encoded bytes of any length, and those with one symbol changed.
        #[test]
        fn decoded_len_of_encoded_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..120), at in any::<prop::sample::Index>(), to in any::<u8>()) {
            let mut text = STANDARD.encode(&bytes);
            prop_assert_eq!(decoded_len(&text), Some(bytes.len()));
            if !text.is_empty() && to.is_ascii() {
                let at = at.index(text.len());
                text.replace_range(at..=at, &char::from(to).to_string());
                prop_assert_eq!(decoded_len(&text), decoded(&text));
            }
        }
    }
}
