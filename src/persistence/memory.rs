//! An in-memory [`Backend`] with a quota and switchable faults, for tests on the host and in
//! the browser. It behaves like localStorage: a refused write leaves the old value in place.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::error::StorageError;
use super::store::{Backend, entry_size};

#[derive(Default)]
pub struct MemoryBackend {
    map: RefCell<BTreeMap<String, String>>,
    /// Maximum total size in UTF-16 code units; `None` means unlimited.
    pub quota: Cell<Option<u64>>,
    /// When set, every call fails as if storage were blocked.
    pub blocked: Cell<bool>,
    /// The next write to this key keeps only half its bytes, as a write cut short would.
    pub cut_short: RefCell<Option<String>>,
}

impl MemoryBackend {
    pub fn with_quota(quota: u64) -> Self {
        let b = Self::default();
        b.quota.set(Some(quota));
        b
    }

    fn used_without(&self, key: &str) -> u64 {
        self.map
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| entry_size(k, v))
            .sum()
    }

    /// A copy of everything stored, to check that nothing changed.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }

    fn check(&self) -> Result<(), StorageError> {
        if self.blocked.get() {
            Err(StorageError::Blocked("SecurityError".into()))
        } else {
            Ok(())
        }
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.check()?;
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.check()?;
        if let Some(quota) = self.quota.get()
            && self.used_without(key) + entry_size(key, value) > quota
        {
            return Err(StorageError::QuotaExceeded);
        }
        let cut = self.cut_short.borrow().as_deref() == Some(key);
        let value = if cut {
            self.cut_short.replace(None);
            let half = (0..=value.len() / 2)
                .rev()
                .find(|i| value.is_char_boundary(*i))
                .unwrap_or(0);
            &value[..half]
        } else {
            value
        };
        self.map
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.check()?;
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.check()?;
        Ok(self.map.borrow().keys().cloned().collect())
    }
}
