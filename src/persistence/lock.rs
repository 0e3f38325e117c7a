//! A plan locked with a passphrase: the envelope it is stored and exported in.
//!
//! The plan's own file text (the envelope of one plan, as `format::encode` writes it) is
//! encrypted with AES-GCM and a 256-bit key derived from the passphrase by PBKDF2-SHA-256.
//! The envelope records everything needed to open it again with the passphrase: the
//! algorithms, the iteration count, the random salt and IV. Nothing of the plan is in clear,
//! not even its name: only its id (which is also its storage key) and when it was locked,
//! and both are bound to the ciphertext as additional data, so changing either makes the
//! envelope fail to open.
//!
//! This module reads and writes the envelope and checks it; `crypto.rs` does the WebCrypto
//! work in the browser.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

use crate::domain::{Timestamp, dates};

/// The `format` value of a locked plan.
pub const LOCKED_FORMAT: &str = "alliance-planner-locked";
/// The envelope's own version.
pub const LOCKED_VERSION: u32 = 1;
pub const CIPHER: &str = "AES-GCM";
pub const KEY_BITS: u32 = 256;
pub const KDF: &str = "PBKDF2";
pub const HASH: &str = "SHA-256";
/// OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. An envelope asking for fewer is refused:
/// a file must not be able to weaken its own lock.
pub const ITERATIONS: u32 = 600_000;
/// Bounds an envelope from a file may ask for, so a crafted file cannot stall the page.
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
/// The GCM tag at the end of the ciphertext.
pub const TAG_BYTES: usize = 16;
/// The shortest passphrase the lock accepts.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Whether the passphrase is long enough to lock with.
pub fn long_enough(passphrase: &str) -> bool {
    passphrase.chars().count() >= MIN_PASSPHRASE_CHARS
}

/// How hard a passphrase would be to guess, roughly: for the hint under the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Weak,
    Fair,
    Strong,
}

impl Strength {
    /// Its name in the page's markup (`data-strength`).
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Weak => "weak",
            Strength::Fair => "fair",
            Strength::Strong => "strong",
        }
    }
}

/// A rough strength: length counts most, then the kinds of characters and the words. It is a
/// hint to write a longer passphrase, not a promise.
pub fn strength(passphrase: &str) -> Strength {
    let chars = passphrase.chars().count();
    let kinds = [
        passphrase.chars().any(|c| c.is_lowercase()),
        passphrase.chars().any(|c| c.is_uppercase()),
        passphrase.chars().any(|c| c.is_numeric()),
        passphrase
            .chars()
            .any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
    ]
    .into_iter()
    .filter(|k| *k)
    .count();
    let words = passphrase.split_whitespace().count();
    let distinct = {
        let mut seen: Vec<char> = passphrase.chars().collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    if chars < MIN_PASSPHRASE_CHARS || distinct < 5 {
        Strength::Weak
    } else if chars >= 20 || (chars >= 14 && (kinds >= 3 || words >= 3)) {
        Strength::Strong
    } else if chars >= 12 || kinds >= 3 {
        Strength::Fair
    } else {
        Strength::Weak
    }
}

/// Why a locked plan could not be opened (or an envelope not read).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LockError {
    /// Not JSON, or not a locked plan's envelope.
    #[error("this is not a locked plan")]
    NotLocked,
    /// A field is missing, cut short or not what it must be.
    #[error("the locked plan is damaged: {field} {detail}")]
    Damaged { field: &'static str, detail: String },
    /// Made with something this version does not use.
    #[error("the locked plan uses {what}, which this version cannot open")]
    Unsupported { what: String },
    /// The key derivation asks for fewer (or absurdly many) iterations than allowed.
    #[error(
        "the locked plan asks for {iterations} key iterations; {minimum} to {maximum} are allowed"
    )]
    Iterations {
        iterations: u32,
        minimum: u32,
        maximum: u32,
    },
    /// The ciphertext did not open: a wrong passphrase, or bytes changed since it was locked
    /// (AES-GCM cannot tell the two apart).
    #[error("the passphrase is wrong, or the locked plan was changed")]
    WrongPassphrase,
    /// The browser's cryptography failed or is missing.
    #[error("the browser could not do the cryptography: {0}")]
    Crypto(String),
}

/// The envelope as it is written. (The field order is the key order in the text.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockedFile {
    format: String,
    version: u32,
    id: Uuid,
    #[serde(with = "dates::timestamp")]
    locked_at: Timestamp,
    cipher: String,
    key_bits: u32,
    kdf: String,
    hash: String,
    iterations: u32,
    salt: String,
    iv: String,
    ciphertext: String,
}

/// A checked envelope: what opening it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub id: Uuid,
    pub locked_at: Timestamp,
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    /// The encrypted plan file, with the GCM tag at its end.
    pub ciphertext: Vec<u8>,
}

impl Sealed {
    /// The bytes bound to the ciphertext besides the key: the plan's id and when it was
    /// locked, so an envelope moved to another id or re-dated does not open.
    pub fn additional_data(&self) -> Vec<u8> {
        additional_data(self.id, self.locked_at)
    }
}

/// See [`Sealed::additional_data`].
pub fn additional_data(id: Uuid, locked_at: Timestamp) -> Vec<u8> {
    format!(
        "{LOCKED_FORMAT}/{LOCKED_VERSION}/{id}/{}",
        locked_at.timestamp_millis()
    )
    .into_bytes()
}

/// Whether `text` is a locked plan's envelope (without checking the rest of it).
pub fn is_locked(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe<'a> {
        #[serde(borrow)]
        format: Option<&'a str>,
    }
    serde_json::from_str::<Probe>(text)
        .ok()
        .and_then(|p| p.format)
        == Some(LOCKED_FORMAT)
}

/// Reads and checks an envelope: the algorithms, the iteration count and every length.
pub fn read_locked(text: &str) -> Result<Sealed, LockError> {
    if !is_locked(text) {
        return Err(LockError::NotLocked);
    }
    let file: LockedFile = serde_json::from_str(text).map_err(|e| LockError::Damaged {
        field: "envelope",
        detail: e.to_string(),
    })?;
    if file.version != LOCKED_VERSION {
        return Err(LockError::Unsupported {
            what: format!("envelope version {}", file.version),
        });
    }
    for (found, wanted) in [(&file.cipher, CIPHER), (&file.kdf, KDF), (&file.hash, HASH)] {
        if found != wanted {
            return Err(LockError::Unsupported {
                what: found.clone(),
            });
        }
    }
    if file.key_bits != KEY_BITS {
        return Err(LockError::Unsupported {
            what: format!("a {}-bit key", file.key_bits),
        });
    }
    if !(ITERATIONS..=MAX_ITERATIONS).contains(&file.iterations) {
        return Err(LockError::Iterations {
            iterations: file.iterations,
            minimum: ITERATIONS,
            maximum: MAX_ITERATIONS,
        });
    }
    let salt = bytes("salt", &file.salt, Some(SALT_BYTES))?;
    let iv = bytes("iv", &file.iv, Some(IV_BYTES))?;
    let ciphertext = bytes("ciphertext", &file.ciphertext, None)?;
    if ciphertext.len() <= TAG_BYTES {
        return Err(LockError::Damaged {
            field: "ciphertext",
            detail: format!("is {} bytes, too short to hold a plan", ciphertext.len()),
        });
    }
    Ok(Sealed {
        id: file.id,
        locked_at: file.locked_at,
        iterations: file.iterations,
        salt,
        iv,
        ciphertext,
    })
}

/// Writes an envelope.
pub fn write_locked(sealed: &Sealed) -> String {
    let file = LockedFile {
        format: LOCKED_FORMAT.to_owned(),
        version: LOCKED_VERSION,
        id: sealed.id,
        locked_at: sealed.locked_at,
        cipher: CIPHER.to_owned(),
        key_bits: KEY_BITS,
        kdf: KDF.to_owned(),
        hash: HASH.to_owned(),
        iterations: sealed.iterations,
        salt: STANDARD.encode(&sealed.salt),
        iv: STANDARD.encode(&sealed.iv),
        ciphertext: STANDARD.encode(&sealed.ciphertext),
    };
    // Strings, numbers and a timestamp: writing cannot fail.
    serde_json::to_string(&file).unwrap_or_default()
}

fn bytes(field: &'static str, text: &str, len: Option<usize>) -> Result<Vec<u8>, LockError> {
    let b = STANDARD.decode(text).map_err(|e| LockError::Damaged {
        field,
        detail: format!("is not base64 ({e})"),
    })?;
    match len {
        Some(n) if b.len() != n => Err(LockError::Damaged {
            field,
            detail: format!("is {} bytes, not {n}", b.len()),
        }),
        _ => Ok(b),
    }
}
