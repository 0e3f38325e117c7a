//! The localStorage adapter. It reads raw strings itself and maps every browser refusal to a
//! typed error; it never panics on storage.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::error::StorageError;
use super::store::Backend;

/// This origin's localStorage.
#[derive(Clone)]
pub struct WebStorage {
    storage: web_sys::Storage,
}

impl WebStorage {
    /// Opens localStorage. Fails when the browser blocks it (private modes, site settings).
    pub fn open() -> Result<Self, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(WebStorage { storage }),
            Ok(None) => Err(StorageError::Unavailable),
            Err(e) => Err(map_error(e)),
        }
    }
}

/// Turns a thrown DOMException into a typed error.
pub fn map_error(e: JsValue) -> StorageError {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(dom) => match dom.name().as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
            "SecurityError" => StorageError::Blocked(dom.message()),
            name => StorageError::Other(format!("{name}: {}", dom.message())),
        },
        None => StorageError::Other(e.as_string().unwrap_or_else(|| "unknown error".into())),
    }
}

impl Backend for WebStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(map_error)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(map_error)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(map_error)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let n = self.storage.length().map_err(map_error)?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = self.storage.key(i).map_err(map_error)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}

/// Asks the browser to keep this origin's storage under pressure. Returns whether it agreed.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let manager = window.navigator().storage();
    let Ok(promise) = manager.persist() else {
        return false;
    };
    matches!(JsFuture::from(promise).await, Ok(v) if v.as_bool() == Some(true))
}
