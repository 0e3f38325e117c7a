//! Plans locked with a passphrase, while they are open in this tab.
//!
//! A locked plan is stored as an envelope (`lock.rs`), and WebCrypto, which opens and seals
//! it, only answers later (a promise). The library's reads and writes are synchronous, so
//! the vault stands between the library and storage: while a locked plan is open, the
//! library reads and writes the plan's text here, in memory, and the vault keeps which
//! envelope is in storage and which text still waits to be sealed. `state` seals that text
//! with the plan's key and hands the envelope back ([`Vault::write_sealed`]), under the
//! plan's Web Lock, so no other tab writes between the read and the write. Every other key
//! goes straight through to the backend.
//!
//! The key type is the browser's `CryptoKey` in the app and anything in host tests: the
//! vault never looks inside it. The passphrase never reaches the vault.

use std::cell::RefCell;
use std::collections::HashMap;

use super::error::StorageError;
use super::store::{Backend, backup_key};

/// One locked plan open in this tab.
struct Shadow<K> {
    key: K,
    salt: Vec<u8>,
    iterations: u32,
    /// The plan's file text, as the library last wrote or read it.
    plain: String,
    /// The envelope in storage as this tab last wrote or read it; `None` for a plan that has
    /// none yet (a copy made from a locked plan, sealed with its key).
    sealed: Option<String>,
    /// Counts the library's writes of `plain`; `written` is the last one sealed and stored.
    seq: u64,
    written: u64,
}

/// What [`Vault::write_sealed`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The envelope is stored, and holds the latest text.
    Done,
    /// The envelope is stored, but the library wrote newer text meanwhile: seal again.
    Newer,
    /// Storage holds an envelope this tab did not write or read (another tab's): nothing was
    /// written. Read theirs first ([`Vault::outdated`]).
    Taken,
    /// The plan is no longer open in the vault.
    Closed,
}

/// What sealing needs: the key, and the text to seal with its number.
pub struct ToSeal<K> {
    pub key: K,
    pub salt: Vec<u8>,
    pub iterations: u32,
    pub plain: String,
    pub seq: u64,
}

/// A backend with the locked plans open in this tab kept in memory.
pub struct Vault<B, K> {
    inner: B,
    open: RefCell<HashMap<String, Shadow<K>>>,
}

impl<B: Backend, K: Clone> Vault<B, K> {
    pub fn new(inner: B) -> Self {
        Vault {
            inner,
            open: RefCell::new(HashMap::new()),
        }
    }

    /// Keeps a locked plan open: `plain` is its text, `sealed` the envelope in storage that
    /// holds it, `key` what opened it (with the salt and iterations it was derived with).
    pub fn hold(
        &self,
        storage_key: &str,
        key: K,
        salt: Vec<u8>,
        iterations: u32,
        plain: String,
        sealed: String,
    ) {
        self.open.borrow_mut().insert(
            storage_key.to_owned(),
            Shadow {
                key,
                salt,
                iterations,
                plain,
                sealed: Some(sealed),
                seq: 0,
                written: 0,
            },
        );
    }

    /// Whether the plan under `storage_key` is locked and open here.
    pub fn holds(&self, storage_key: &str) -> bool {
        self.open.borrow().contains_key(storage_key)
    }

    /// Holds a new plan under `storage_key` with the key of the locked plan under `like`
    /// (a copy of it): what the library writes there is sealed like the original, and
    /// nothing of it reaches storage in plain text. False when `like` is not held.
    pub fn hold_like(&self, storage_key: &str, like: &str) -> bool {
        let mut open = self.open.borrow_mut();
        let Some(s) = open.get(like) else {
            return false;
        };
        let shadow = Shadow {
            key: s.key.clone(),
            salt: s.salt.clone(),
            iterations: s.iterations,
            plain: String::new(),
            sealed: None,
            seq: 0,
            written: 0,
        };
        open.insert(storage_key.to_owned(), shadow);
        true
    }

    /// Whether text waits to be sealed.
    pub fn unsealed(&self, storage_key: &str) -> bool {
        self.open
            .borrow()
            .get(storage_key)
            .is_some_and(|s| s.seq != s.written)
    }

    /// Whether any open locked plan has text waiting to be sealed.
    pub fn any_unsealed(&self) -> bool {
        self.open.borrow().values().any(|s| s.seq != s.written)
    }

    /// The storage keys of the locked plans whose text waits to be sealed.
    pub fn unsealed_keys(&self) -> Vec<String> {
        self.open
            .borrow()
            .iter()
            .filter(|(_, s)| s.seq != s.written)
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// The text waiting to be sealed, with its key; `None` when everything is stored.
    pub fn to_seal(&self, storage_key: &str) -> Option<ToSeal<K>> {
        let open = self.open.borrow();
        let s = open.get(storage_key).filter(|s| s.seq != s.written)?;
        Some(ToSeal {
            key: s.key.clone(),
            salt: s.salt.clone(),
            iterations: s.iterations,
            plain: s.plain.clone(),
            seq: s.seq,
        })
    }

    /// Whether any locked plan is open here.
    pub fn holds_any(&self) -> bool {
        !self.open.borrow().is_empty()
    }

    /// The salt and iterations the open plan's key was derived with.
    pub fn salt_and_iterations(&self, storage_key: &str) -> Option<(Vec<u8>, u32)> {
        self.open
            .borrow()
            .get(storage_key)
            .map(|s| (s.salt.clone(), s.iterations))
    }

    /// Removes the lock of a plan open here: stores its text in plain again, in place of the
    /// envelope this tab last wrote or read, and lets it go. Call once nothing waits to be
    /// sealed; fails when another tab's envelope is stored (read it first).
    pub fn unseal_in_place(&self, storage_key: &str) -> Result<(), StorageError> {
        let (plain, sealed) = match self.open.borrow().get(storage_key) {
            Some(s) => (s.plain.clone(), s.sealed.clone()),
            None => return Err(StorageError::Other("the plan is not open".into())),
        };
        let Some(sealed) =
            sealed.filter(|s| self.inner.get(storage_key).ok().flatten().as_ref() == Some(s))
        else {
            return Err(StorageError::Other("another tab saved the plan".into()));
        };
        let id = storage_key.rsplit('/').next().unwrap_or_default();
        let backup = backup_key(id);
        self.inner.set(&backup, &sealed)?;
        if !self.inner.set_and_check(storage_key, &plain)? {
            return Err(StorageError::ReadBackMismatch);
        }
        let _ = self.inner.remove(&backup);
        self.open.borrow_mut().remove(storage_key);
        Ok(())
    }

    /// The key a locked plan was opened with, to read another tab's envelope of it.
    pub fn key(&self, storage_key: &str) -> Option<K> {
        self.open.borrow().get(storage_key).map(|s| s.key.clone())
    }

    /// Stores the envelope of the text numbered `seq`, if storage still holds the envelope
    /// this tab last wrote or read. The old envelope is kept under the backup key until the
    /// new one reads back, as for any save.
    pub fn write_sealed(
        &self,
        storage_key: &str,
        seq: u64,
        envelope: String,
    ) -> Result<Written, StorageError> {
        let mut open = self.open.borrow_mut();
        let Some(shadow) = open.get_mut(storage_key) else {
            return Ok(Written::Closed);
        };
        if self.inner.get(storage_key)? != shadow.sealed {
            return Ok(Written::Taken);
        }
        let id = storage_key.rsplit('/').next().unwrap_or_default();
        let backup = backup_key(id);
        if let Some(old) = &shadow.sealed {
            self.inner.set(&backup, old)?;
        }
        match self.inner.set_and_check(storage_key, &envelope) {
            Ok(true) => {}
            // The backup stays: the next boot puts it back if these bytes do not read.
            Ok(false) => return Err(StorageError::ReadBackMismatch),
            Err(e) => {
                let _ = self.inner.remove(&backup);
                return Err(e);
            }
        }
        let _ = self.inner.remove(&backup);
        shadow.sealed = Some(envelope);
        shadow.written = shadow.written.max(seq);
        Ok(if shadow.written == shadow.seq {
            Written::Done
        } else {
            Written::Newer
        })
    }

    /// What storage holds for a locked plan open here, when it is not the envelope this tab
    /// last wrote or read: another tab's envelope (`Some(Some(_))`), or nothing, the plan
    /// deleted elsewhere (`Some(None)`). `None` when nothing changed.
    pub fn outdated(&self, storage_key: &str) -> Result<Option<Option<String>>, StorageError> {
        let sealed = match self.open.borrow().get(storage_key) {
            Some(s) => s.sealed.clone(),
            None => return Ok(None),
        };
        let stored = self.inner.get(storage_key)?;
        Ok((stored != sealed).then_some(stored))
    }

    /// Takes another tab's save: `sealed` is the envelope now in storage, `plain` its text.
    /// Text of this tab's that was not sealed yet is dropped here: the document still holds
    /// those edits, and its next save merges them into theirs, as for any plan another tab
    /// wrote.
    pub fn took(&self, storage_key: &str, sealed: String, plain: String) {
        if let Some(s) = self.open.borrow_mut().get_mut(storage_key) {
            s.sealed = Some(sealed);
            s.plain = plain;
            s.written = s.seq;
        }
    }

    /// Another tab deleted a locked plan held here: the library now reads it as gone (so the
    /// document shows that), and its key stays, so a copy kept from it is sealed with it.
    pub fn gone(&self, storage_key: &str) {
        if let Some(s) = self.open.borrow_mut().get_mut(storage_key) {
            s.plain.clear();
            s.sealed = None;
            s.seq = 0;
            s.written = 0;
        }
    }

    /// Closes a locked plan here: drops its key and text. Returns the text, or `None` when
    /// it was not open.
    pub fn release(&self, storage_key: &str) -> Option<String> {
        self.open.borrow_mut().remove(storage_key).map(|s| s.plain)
    }

    /// Closes every locked plan here (forgetting the device).
    pub fn release_all(&self) {
        self.open.borrow_mut().clear();
    }

    /// The backend underneath: what is really stored.
    pub fn inner(&self) -> &B {
        &self.inner
    }
}

impl<B: Backend, K: Clone> Backend for Vault<B, K> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if let Some(s) = self.open.borrow().get(key) {
            // A copy held before its first save has nothing yet.
            if s.sealed.is_none() && s.seq == 0 {
                return Ok(None);
            }
            return Ok(Some(s.plain.clone()));
        }
        self.inner.get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(s) = self.open.borrow_mut().get_mut(key) {
            s.plain = value.to_owned();
            s.seq += 1;
            return Ok(());
        }
        self.inner.set(key, value)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.open.borrow_mut().remove(key);
        self.inner.remove(key)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.inner.keys()
    }

    fn set_and_check(&self, key: &str, value: &str) -> Result<bool, StorageError> {
        if self.holds(key) {
            self.set(key, value)?;
            return Ok(true);
        }
        self.inner.set_and_check(key, value)
    }

    /// A locked plan's save keeps its own backup when its envelope is written
    /// ([`Vault::write_sealed`]): the library's copy of its text is not made.
    fn copy(&self, from: &str, to: &str) -> Result<(), StorageError> {
        if self.holds(from) {
            return Ok(());
        }
        self.inner.copy(from, to)
    }

    fn stored(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.get(key)
    }

    fn is_sealed(&self, key: &str) -> bool {
        self.holds(key)
    }
}
