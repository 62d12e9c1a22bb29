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
/// decoding it into memory that outlives the call: `None` where decoding would fail.
///
/// Decoding the text a run of whole groups of four symbols at a time is decoding the whole,
/// once padding is allowed only in the last run: any other run decodes to three bytes a
/// group, all its bits used, and the last run is checked by the same decoder as the whole
/// would be.
fn decoded_len(text: &str) -> Option<usize> {
    /// Symbols decoded at once: 32 groups, into a buffer of 96 bytes on the stack.
    const RUN: usize = 128;
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let runs = text.len().div_ceil(RUN);
    let mut buffer = [0; RUN / 4 * 3];
    let mut length = 0;
    for (i, run) in text.as_bytes().chunks(RUN).enumerate() {
        if i + 1 < runs && run.contains(&b'=') {
            return None;
        }
        length += STANDARD.decode_slice(run, &mut buffer).ok()?;
    }
    Some(length)
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
