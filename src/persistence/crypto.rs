//! Locking and opening a plan with the browser's WebCrypto (`crypto.subtle`): PBKDF2-SHA-256
//! derives an AES-GCM 256 key from the passphrase and a random salt; the plan's file text is
//! encrypted with a random IV and the envelope's id and date as additional data
//! (`lock.rs`). The passphrase goes into the key derivation as bytes, which are wiped at
//! once; it is never kept, logged or stored. The key cannot be exported.

use js_sys::{Array, Uint8Array};
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

use super::lock::{
    CIPHER, HASH, ITERATIONS, IV_BYTES, KDF, KEY_BITS, LockError, SALT_BYTES, Sealed,
    additional_data, read_locked, write_locked,
};
use super::vault::ToSeal;
use crate::domain::Timestamp;

fn crypto_error(e: JsValue) -> LockError {
    let text = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| format!("{}: {}", d.name(), d.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    LockError::Crypto(text)
}

fn crypto() -> Result<web_sys::Crypto, LockError> {
    web_sys::window()
        .ok_or_else(|| LockError::Crypto("no window".into()))?
        .crypto()
        .map_err(crypto_error)
}

fn subtle() -> Result<SubtleCrypto, LockError> {
    Ok(crypto()?.subtle())
}

fn random(n: usize) -> Result<Vec<u8>, LockError> {
    let mut bytes = vec![0u8; n];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(crypto_error)?;
    Ok(bytes)
}

async fn call(p: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(p?).await
}

/// The AES-GCM key for `passphrase` and `salt`, usable only to encrypt and decrypt.
async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, LockError> {
    let subtle = subtle()?;
    let secret = Uint8Array::from(passphrase.as_bytes());
    let imported = call(subtle.import_key_with_str(
        "raw",
        &secret,
        KDF,
        false,
        &Array::of1(&"deriveKey".into()),
    ))
    .await;
    // The passphrase's bytes are not kept: wiped as soon as WebCrypto has read them.
    secret.fill(0, 0, secret.length());
    let base: CryptoKey = imported.map_err(crypto_error)?.unchecked_into();
    let params = Pbkdf2Params::new_with_str(KDF, HASH, iterations, &Uint8Array::from(salt));
    let key = call(subtle.derive_key_with_object_and_object(
        &params,
        &base,
        &AesDerivedKeyParams::new(CIPHER, KEY_BITS),
        false,
        &Array::of2(&"encrypt".into(), &"decrypt".into()),
    ))
    .await
    .map_err(crypto_error)?;
    Ok(key.unchecked_into())
}

fn gcm(iv: &[u8], aad: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new(CIPHER, &Uint8Array::from(iv));
    params.set_additional_data(&Uint8Array::from(aad));
    params
}

/// A new key for `passphrase`, with the random salt it was derived with.
pub async fn new_key(passphrase: &str) -> Result<(CryptoKey, Vec<u8>), LockError> {
    let salt = random(SALT_BYTES)?;
    let key = derive(passphrase, &salt, ITERATIONS).await?;
    Ok((key, salt))
}

/// Seals `plain` (a plan's file text) with a key already derived: a fresh IV for each
/// envelope, and the salt and iterations the key came from, so the passphrase opens it.
pub async fn seal_with(
    plain: &str,
    key: &CryptoKey,
    salt: &[u8],
    iterations: u32,
    id: Uuid,
    locked_at: Timestamp,
) -> Result<String, LockError> {
    let iv = random(IV_BYTES)?;
    let aad = additional_data(id, locked_at);
    let data = Uint8Array::from(plain.as_bytes());
    let out = call(subtle()?.encrypt_with_object_and_buffer_source(&gcm(&iv, &aad), key, &data))
        .await
        .map_err(crypto_error)?;
    let ciphertext = Uint8Array::new(&out).to_vec();
    Ok(write_locked(&Sealed {
        id,
        locked_at,
        iterations,
        salt: salt.to_vec(),
        iv,
        ciphertext,
    }))
}

/// Seals the text a vault holds waiting for a locked plan, with the key it keeps.
pub async fn seal_next(
    next: &ToSeal<CryptoKey>,
    id: Uuid,
    locked_at: Timestamp,
) -> Result<String, LockError> {
    seal_with(
        &next.plain,
        &next.key,
        &next.salt,
        next.iterations,
        id,
        locked_at,
    )
    .await
}

/// Locks `plain` (a plan's file text) with `passphrase`: the envelope's text.
pub async fn seal(
    plain: &str,
    passphrase: &str,
    id: Uuid,
    locked_at: Timestamp,
) -> Result<String, LockError> {
    let (key, salt) = new_key(passphrase).await?;
    seal_with(plain, &key, &salt, ITERATIONS, id, locked_at).await
}

/// An envelope opened with its passphrase: the plan's text, and the key, to seal the
/// plan's next saves without asking again.
pub struct Unsealed {
    pub plain: String,
    pub key: CryptoKey,
    pub salt: Vec<u8>,
    pub iterations: u32,
}

/// Opens an envelope with `passphrase`. A wrong passphrase, or a changed byte anywhere in
/// the ciphertext, the IV, the id or the date, is [`LockError::WrongPassphrase`]; nothing
/// of the plan is returned.
pub async fn open(text: &str, passphrase: &str) -> Result<Unsealed, LockError> {
    let sealed = read_locked(text)?;
    let key = derive(passphrase, &sealed.salt, sealed.iterations).await?;
    let plain = decrypt(&sealed, &key).await?;
    Ok(Unsealed {
        plain,
        key,
        salt: sealed.salt,
        iterations: sealed.iterations,
    })
}

/// Opens another save of a plan already open here, with the key it was opened with. An
/// envelope locked since with another passphrase does not open
/// ([`LockError::WrongPassphrase`]).
pub async fn open_with(
    text: &str,
    key: &CryptoKey,
    salt: &[u8],
    iterations: u32,
) -> Result<String, LockError> {
    let sealed = read_locked(text)?;
    if sealed.salt != salt || sealed.iterations != iterations {
        return Err(LockError::WrongPassphrase);
    }
    decrypt(&sealed, key).await
}

/// [`open`], for the plan's text only.
pub async fn unseal(text: &str, passphrase: &str) -> Result<String, LockError> {
    Ok(open(text, passphrase).await?.plain)
}

async fn decrypt(sealed: &Sealed, key: &CryptoKey) -> Result<String, LockError> {
    let data = Uint8Array::from(sealed.ciphertext.as_slice());
    let params = gcm(&sealed.iv, &sealed.additional_data());
    let out = match call(subtle()?.decrypt_with_object_and_buffer_source(&params, key, &data)).await
    {
        Ok(out) => out,
        // AES-GCM's tag did not match: the one failure a wrong passphrase gives.
        Err(e)
            if e.dyn_ref::<web_sys::DomException>()
                .is_some_and(|d| d.name() == "OperationError") =>
        {
            return Err(LockError::WrongPassphrase);
        }
        Err(e) => return Err(crypto_error(e)),
    };
    String::from_utf8(Uint8Array::new(&out).to_vec()).map_err(|_| LockError::Damaged {
        field: "ciphertext",
        detail: "does not hold text".into(),
    })
}
