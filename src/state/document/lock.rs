//! Locking the open plan with a passphrase, opening a locked plan, and sealing its saves.
//!
//! A locked plan open in this tab is held by the vault (`persistence/vault.rs`): the
//! document saves its text there, synchronously, as for any plan, and this module seals that
//! text with the plan's key and stores the envelope, under the plan's Web Lock. Each locked
//! save first takes in an envelope another tab stored meanwhile ([`refresh`]), so the
//! library's merge sees it, and holds the lock until its own envelope is stored
//! ([`settle`]). The passphrase lives only as long as one call here: it goes into the key
//! derivation, and the key (which cannot be exported) is kept until the plan is locked again.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::DocumentCtx;
use crate::domain::PlanId;
use crate::domain::{Plan, PlanSummary};
use crate::persistence::browser::with_lock_until;
use crate::persistence::crypto;
use crate::persistence::error::{LoadError, StorageError};
use crate::persistence::lock::{ITERATIONS, LockError};
pub use crate::persistence::lock::{Strength, long_enough, strength};
use crate::persistence::store::{Backend, LOCK_NOW_KEY, decode_stored, entry_size, plan_key};
use crate::persistence::vault::Written;
use crate::state::{Notice, OpenState, SaveFailure, SaveStatus, Storage, failure, now};

/// A plan locked with a passphrase locks itself after this long without a key press, a
/// tap or a click.
pub const IDLE_LOCK_MS: f64 = 10.0 * 60.0 * 1000.0;
/// How often the idle time is checked.
const IDLE_CHECK_MS: u64 = 15_000;

/// What locks the open locked plans of a tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockCause {
    /// The person pressed "Lock now" here.
    Now,
    /// Nobody used the page for [`IDLE_LOCK_MS`].
    Idle,
    /// "Lock now" was pressed in another tab.
    OtherTab,
}

/// Why locking, opening or removing a lock did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum LockFailure {
    /// The passphrase is shorter than
    /// [`MIN_PASSPHRASE_CHARS`](crate::persistence::lock::MIN_PASSPHRASE_CHARS).
    TooShort,
    /// The envelope or the cryptography failed; a wrong passphrase is
    /// [`LockError::WrongPassphrase`].
    Lock(LockError),
    /// The envelope opened, but what it holds is not this plan.
    NotThisPlan,
    Save(SaveFailure),
}

impl From<LockError> for LockFailure {
    fn from(e: LockError) -> Self {
        LockFailure::Lock(e)
    }
}

impl From<StorageError> for LockFailure {
    fn from(e: StorageError) -> Self {
        LockFailure::Save(SaveFailure::Storage(e))
    }
}

impl Storage {
    /// Whether the plan under `key` is locked and open in this tab.
    pub(in crate::state) fn holds(&self, key: &str) -> bool {
        self.with_lib(|lib| lib.backend().holds(key))
            .unwrap_or(false)
    }
}

/// Takes in an envelope of the plan under `key` that another tab stored since this tab last
/// read or wrote it. Returns true when the plan's text changed here. Where the envelope does
/// not open with this tab's key (the plan was locked again elsewhere with another
/// passphrase, or its lock removed), the vault lets the plan go: what is stored is then read
/// as it is, and the document's save stops at the conflict banner rather than overwrite it.
/// A plan deleted elsewhere reads as gone, its key kept for a copy of it.
pub(super) async fn refresh(storage: Storage, key: &str) -> bool {
    let stored = storage.with_lib(|lib| {
        let vault = lib.backend();
        (
            vault.outdated(key),
            vault.key(key),
            vault.salt_and_iterations(key),
        )
    });
    let Some((Ok(Some(theirs)), Some(crypto_key), Some((salt, iterations)))) = stored else {
        return false;
    };
    let Some(theirs) = theirs else {
        storage.with_lib(|lib| lib.backend().gone(key));
        return true;
    };
    match crypto::open_with(&theirs, &crypto_key, &salt, iterations).await {
        Ok(plain) => {
            storage.with_lib(|lib| lib.backend().took(key, theirs, plain));
        }
        Err(_) => {
            storage.with_lib(|lib| lib.backend().release(key));
        }
    }
    true
}

/// Seals and stores the text of the plan under `key` that waits in the vault, until none
/// waits. Run under the plan's Web Lock.
pub(super) async fn settle(storage: Storage, key: &str, id: PlanId) -> Result<(), LockFailure> {
    loop {
        let Some(Some(next)) = storage.with_lib(|lib| lib.backend().to_seal(key)) else {
            return Ok(());
        };
        let envelope = crypto::seal_next(&next, id, now()).await?;
        let written = storage
            .with_lib(|lib| lib.backend().write_sealed(key, next.seq, envelope))
            .unwrap_or(Ok(Written::Closed))?;
        match written {
            Written::Done | Written::Closed => return Ok(()),
            Written::Newer => continue,
            // Another tab stored the plan without waiting for the lock (a tab closing): take
            // theirs in; the document's next save merges this tab's edits into it.
            Written::Taken => {
                return Err(LockFailure::Save(if refresh(storage, key).await {
                    SaveFailure::Conflict
                } else {
                    // Nothing new could be read: saving again would find the same.
                    SaveFailure::Storage(StorageError::ReadBackMismatch)
                }));
            }
        }
    }
}

/// Runs `work` while this tab holds the plan's Web Lock (named after its storage key), and
/// returns what it returned.
async fn under_lock<R, Fut>(key: &str, work: impl FnOnce() -> Fut + 'static) -> Option<R>
where
    R: 'static,
    Fut: std::future::Future<Output = R> + 'static,
{
    let out = Rc::new(RefCell::new(None));
    let slot = Rc::clone(&out);
    with_lock_until(key, move || async move {
        let r = work().await;
        *slot.borrow_mut() = Some(r);
    })
    .await;
    out.borrow_mut().take()
}

/// [`settle`] for the locked plan `id`, holding its Web Lock.
async fn seal_under_lock(storage: Storage, id: PlanId) -> Result<(), LockFailure> {
    let key = plan_key(id);
    let lock_key = key.clone();
    under_lock(
        &lock_key,
        move || async move { settle(storage, &key, id).await },
    )
    .await
    .unwrap_or(Ok(()))
}

/// Seals and stores every locked plan's text that waits in the vault (an import merged
/// into a locked plan open here, say), each under its own Web Lock.
pub(in crate::state) async fn settle_all(storage: Storage) {
    let keys = storage
        .with_lib(|lib| lib.backend().unsealed_keys())
        .unwrap_or_default();
    for key in keys {
        let Some(id) = key
            .rsplit('/')
            .next()
            .and_then(|id| id.parse::<PlanId>().ok())
        else {
            continue;
        };
        let _ = seal_under_lock(storage, id).await;
    }
}

impl DocumentCtx {
    /// Whether the open plan is locked with a passphrase (and open here with its key).
    pub fn is_locked(&self) -> bool {
        self.open
            .with_untracked(|o| o.id())
            .is_some_and(|id| self.storage.holds(&plan_key(id)))
    }

    /// Seals what the open plan's save left in the vault, under the plan's lock. A save
    /// that could not wait for the lock (leaving the page) comes here after it.
    pub(super) fn seal_waiting(&self, id: PlanId) {
        let key = plan_key(id);
        if !self
            .storage
            .with_lib(|lib| lib.backend().unsealed(&key))
            .unwrap_or(false)
        {
            return;
        }
        let doc = *self;
        leptos::task::spawn_local(async move {
            if let Err(e) = seal_under_lock(doc.storage, id).await {
                doc.sealing_failed(id, e);
            }
        });
    }

    /// A sealed save did not land: the edits are not stored, so the document keeps them as
    /// unsaved and says why; a plan another tab wrote is merged by the next save.
    pub(super) fn sealing_failed(&self, id: PlanId, e: LockFailure) {
        if self.open.try_with_untracked(|o| o.id()) != Some(Some(id)) {
            return;
        }
        self.dirty.set_value(true);
        match e {
            // Another tab's envelope was taken in instead: the next save merges this tab's
            // edits into it (after the running one, when this runs inside a save).
            LockFailure::Save(SaveFailure::Conflict) => self.save_now(),
            LockFailure::Save(f) => {
                self.last_failure.set(Some(f.clone()));
                self.status.set(SaveStatus::Failed(f));
            }
            LockFailure::Lock(e) => {
                let f = SaveFailure::Encode(e.to_string());
                self.last_failure.set(Some(f.clone()));
                self.status.set(SaveStatus::Failed(f));
            }
            LockFailure::TooShort | LockFailure::NotThisPlan => {}
        }
    }

    /// Locks the open plan with `passphrase`: saves what waits, seals the stored plan with a
    /// new key, and stores the envelope in its place. The plan stays open here.
    pub async fn lock_with(&self, passphrase: String) -> Result<(), LockFailure> {
        if !long_enough(&passphrase) {
            return Err(LockFailure::TooShort);
        }
        let Some(id) = self.open.with_untracked(|o| o.id()) else {
            return Err(LockFailure::Save(SaveFailure::Storage(
                StorageError::Unavailable,
            )));
        };
        let key = plan_key(id);
        self.flush();
        if let Some(f) = self.last_failure.get_untracked() {
            return Err(LockFailure::Save(f));
        }
        if self.conflict.with_untracked(Option::is_some) {
            return Err(LockFailure::Save(SaveFailure::Conflict));
        }
        let (crypto_key, salt) = crypto::new_key(&passphrase).await?;
        drop(passphrase);
        let doc = *self;
        let lock_key = key.clone();
        let outcome = under_lock(&lock_key, move || async move {
            doc.seal_stored(id, &key, crypto_key, salt).await
        })
        .await;
        match outcome {
            Some(Ok(summary)) => {
                self.library.upsert_summary(summary);
                self.library.usage_changed();
                self.notices.announce(Notice::Locked);
                self.locked.set(true);
                Ok(())
            }
            Some(Err(e)) => Err(e),
            None => Err(LockFailure::Save(SaveFailure::Conflict)),
        }
    }

    /// Under the plan's lock: seals the stored plan, if it is still what this tab saved last.
    async fn seal_stored(
        &self,
        id: PlanId,
        key: &str,
        crypto_key: web_sys::CryptoKey,
        salt: Vec<u8>,
    ) -> Result<PlanSummary, LockFailure> {
        let plain = self
            .storage
            .with_lib(|lib| lib.current_raw(id))
            .unwrap_or(Err(StorageError::Unavailable))?
            .ok_or(LockFailure::Save(SaveFailure::Conflict))?;
        if self.base.get_value().as_deref() != Some(plain.as_str()) {
            // Another tab saved since: nothing is locked until this tab has their edits.
            self.check_open_plan(id);
            return Err(LockFailure::Save(SaveFailure::Conflict));
        }
        let at = now();
        let envelope = crypto::seal_with(&plain, &crypto_key, &salt, ITERATIONS, id, at).await?;
        let summary = PlanSummary::locked(id, at, entry_size(key, &envelope));
        self.storage
            .with_lib(|lib| {
                lib.put_locked(&envelope, summary.clone(), Some(&plain))?;
                lib.backend()
                    .hold(key, crypto_key, salt, ITERATIONS, plain, envelope);
                Ok(())
            })
            .unwrap_or(Err(StorageError::Unavailable.into()))
            .map_err(|e| LockFailure::Save(failure(e)))?;
        Ok(summary)
    }

    /// Opens the locked plan `id` with `passphrase`, and shows it. A wrong passphrase shows
    /// nothing and changes nothing.
    pub async fn unlock(&self, id: PlanId, passphrase: String) -> Result<(), LockFailure> {
        let key = plan_key(id);
        let envelope = self
            .storage
            .with_lib(|lib| lib.current_raw(id))
            .unwrap_or(Err(StorageError::Unavailable))?
            .ok_or(LockFailure::Save(SaveFailure::Storage(
                StorageError::Unavailable,
            )))?;
        let opened = crypto::open(&envelope, &passphrase).await?;
        drop(passphrase);
        if decode_stored(&opened.plain, &id.to_string()).is_err() {
            return Err(LockFailure::NotThisPlan);
        }
        // Another tab may have opened or changed it while the key was being derived.
        let still = self
            .storage
            .with_lib(|lib| lib.current_raw(id).ok().flatten())
            .flatten();
        if still.as_deref() != Some(envelope.as_str()) && !self.storage.holds(&key) {
            return Err(LockFailure::Save(SaveFailure::Conflict));
        }
        if !self.storage.holds(&key) {
            self.storage.with_lib(|lib| {
                lib.backend().hold(
                    &key,
                    opened.key,
                    opened.salt,
                    opened.iterations,
                    opened.plain,
                    envelope,
                )
            });
        }
        self.open_plan(id);
        Ok(())
    }

    /// "Lock now", the idle lock, and "Lock now" in another tab: saves and seals what waits,
    /// then forgets every locked plan's key and text in this tab. The open plan, if locked,
    /// shows the unlock page. "Lock now" tells the other tabs to do the same.
    pub async fn lock_all(&self, cause: LockCause) {
        if cause == LockCause::Now {
            let at = js_sys::Date::now().to_string();
            self.storage
                .with_lib(|lib| lib.backend().set(LOCK_NOW_KEY, &at));
        }
        let idle = cause == LockCause::Idle;
        let open = self.open.with_untracked(|o| o.id());
        if let Some(id) = open {
            if self.storage.holds(&plan_key(id)) {
                // The edits waiting for the pause in typing are saved now, under the plan's
                // lock like any save: another tab's envelope is taken in first.
                if let Some(Some(handle)) = self.pending.try_get_value() {
                    handle.clear();
                    self.pending.set_value(None);
                }
                self.save_under_lock(id).await;
            } else {
                self.flush();
            }
        }
        // Whatever else waits (a plan left a moment ago, an import merged into a locked
        // plan held here) is stored too.
        settle_all(self.storage).await;
        // Edits that could not be sealed stay where they are: locking would lose them.
        let waiting = self
            .storage
            .with_lib(|lib| lib.backend().any_unsealed())
            .unwrap_or(false);
        if waiting || (self.has_unsaved() && self.is_locked()) {
            return;
        }
        let was_open_locked = self.is_locked();
        self.storage.with_lib(|lib| lib.backend().release_all());
        self.locked.set(false);
        // "Locked. The plan stays open here…" is no longer true.
        if self
            .notices
            .notice
            .with_untracked(|n| n == &Some(Notice::Locked))
        {
            self.notices.notice.set(None);
        }
        if let (Some(id), true) = (open, was_open_locked) {
            self.forget_plan(id);
            self.set_open(OpenState::Locked(id));
            if idle {
                self.notices.announce(Notice::IdleLocked);
            }
        }
    }

    /// Drops what this tab holds of a plan in memory: its text in the store and its undo.
    /// The plan's view is taken down first (the caller says what shows instead); the text
    /// leaves the store a moment later, once no view of it is left to redraw.
    pub(super) fn forget_plan(&self, id: PlanId) {
        self.close_plan();
        self.history.update_value(|h| {
            h.remove(&id);
        });
        let doc = *self;
        set_timeout(
            move || {
                if doc.open.try_with_untracked(|o| o.id().is_none()) == Some(true) {
                    doc.loading.set_value(true);
                    doc.plan.set(Plan::with_id(
                        uuid::Uuid::nil(),
                        "",
                        chrono::DateTime::UNIX_EPOCH,
                    ));
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Removes the open plan's lock: stores its text as it is, in plain text, again.
    pub async fn remove_lock(&self) -> Result<(), LockFailure> {
        let Some(id) = self.open.with_untracked(|o| o.id()) else {
            return Ok(());
        };
        self.flush();
        let key = plan_key(id);
        let doc = *self;
        let lock_key = key.clone();
        let outcome = under_lock(&lock_key, move || async move {
            refresh(doc.storage, &key).await;
            settle(doc.storage, &key, id).await?;
            doc.storage
                .with_lib(|lib| {
                    lib.backend().unseal_in_place(&key)?;
                    lib.relist(id).map_err(|e| match e {
                        LoadError::Storage(e) => LockFailure::from(e),
                        _ => LockFailure::NotThisPlan,
                    })
                })
                .unwrap_or(Err(StorageError::Unavailable.into()))
        })
        .await;
        match outcome {
            Some(Ok(summary)) => {
                self.library.upsert_summary(summary);
                self.library.usage_changed();
                self.locked.set(false);
                self.notices.announce(Notice::LockRemoved);
                Ok(())
            }
            Some(Err(e)) => Err(e),
            None => Err(LockFailure::Save(SaveFailure::Conflict)),
        }
    }

    /// Seals every edit of the open locked plan into its stored envelope: before its locked
    /// copy is sent.
    pub async fn seal_open(&self) -> Result<(), SaveFailure> {
        let Some(id) = self.open.with_untracked(|o| o.id()) else {
            return Ok(());
        };
        self.flush();
        match seal_under_lock(self.storage, id).await {
            Ok(()) => Ok(()),
            Err(LockFailure::Save(f)) => Err(f),
            Err(LockFailure::Lock(e)) => Err(SaveFailure::Encode(e.to_string())),
            Err(_) => Err(SaveFailure::Conflict),
        }
    }

    /// Locks every open locked plan after [`IDLE_LOCK_MS`] without input: call once.
    pub(super) fn watch_idle(&self) {
        let last = StoredValue::new(js_sys::Date::now());
        let touch = move || last.set_value(js_sys::Date::now());
        for name in ["keydown", "pointerdown", "input", "wheel", "touchstart"] {
            let handle = window_event_listener_untyped(name, move |_| touch());
            // Kept while the page lives.
            std::mem::forget(handle);
        }
        let doc = *self;
        let _ = set_interval_with_handle(
            move || {
                let idle = js_sys::Date::now() - last.get_value() >= IDLE_LOCK_MS;
                let held = doc
                    .storage
                    .with_lib(|lib| lib.backend().holds_any())
                    .unwrap_or(false);
                if idle && held {
                    leptos::task::spawn_local(async move { doc.lock_all(LockCause::Idle).await });
                }
            },
            std::time::Duration::from_millis(IDLE_CHECK_MS),
        );
    }
}
