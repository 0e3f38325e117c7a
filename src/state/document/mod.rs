//! The open plan: its store, its undo history, and its save. Each pause in typing saves the
//! plan under its lock; a write of another tab is merged in field by field, and only a field
//! both changed differently stops the save with the conflict banner.

mod lock;

pub(super) use lock::settle_all;
pub use lock::{IDLE_LOCK_MS, LockCause, LockFailure, Strength, long_enough, strength};

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::DateTime;
use leptos::prelude::*;
use reactive_stores::Store;
use serde_json::Value;
use uuid::Uuid;

use super::{LibraryCtx, Nav, Notice, NoticesCtx, SaveFailure, Storage, failure, now};
use crate::domain::history::{History, Step, diff};
use crate::domain::merge::{Conflict as FieldConflict, Pick, Seg, to_value};
use crate::domain::{Plan, PlanId, text};
use crate::persistence::browser::with_lock_until;
use crate::persistence::error::{ImportError, LoadError, SaveError, StorageError};
use crate::persistence::file;
use crate::persistence::lock::is_locked;
use crate::persistence::store::{TabSave, plan_key};
use crate::route::Route;

/// How long an autosave waits for typing to pause.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(300);

/// What the `role=status` save indicator shows.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Idle,
    Saving,
    Saved(crate::domain::Timestamp),
    Failed(SaveFailure),
}

/// The open plan in relation to storage.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenState {
    None,
    Open(PlanId),
    Missing(PlanId),
    /// The plan could not be read at boot: its bytes are kept on the plans page.
    InRecovery(PlanId),
    Unreadable(PlanId, ImportError),
    Failed(PlanId, StorageError),
    /// The plan is locked with a passphrase, and not open here: the unlock page.
    Locked(PlanId),
}

impl OpenState {
    pub fn id(&self) -> Option<PlanId> {
        match self {
            OpenState::Open(id) => Some(*id),
            _ => None,
        }
    }
}

/// Another tab wrote or deleted the plan this tab is editing, and its write could not be
/// merged with this tab's edits on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub theirs_deleted: bool,
    /// Whether this tab holds edits that are not in storage.
    pub mine_unsaved: bool,
    /// The fields both tabs changed differently, each with both values: the person
    /// chooses for each one. Empty when theirs was deleted or cannot be read.
    pub fields: Arc<Vec<FieldConflict>>,
    /// The other tab's copy, for the names of the items in `fields`.
    pub theirs: Option<Arc<Value>>,
}

/// What a save's undo step ran from.
enum Checkpoint {
    /// From the copy the tab last read or wrote, and recorded: the save stamps from it.
    Recorded,
    /// From that copy, and nothing changed.
    Unchanged,
    /// From an earlier moment (a save that did not land), or no step: the save compares again.
    FromEarlier,
}

/// The open plan and its save.
#[derive(Clone, Copy)]
pub struct DocumentCtx {
    storage: Storage,
    nav: Nav,
    notices: NoticesCtx,
    library: LibraryCtx,
    /// The open plan. Components bind to its fields; the autosave effect watches it.
    pub plan: Store<Plan>,
    pub open: RwSignal<OpenState>,
    pub status: RwSignal<SaveStatus>,
    pub conflict: RwSignal<Option<Conflict>>,
    /// The last save failure other than a conflict, until a save succeeds. Kept apart from
    /// `status` so the alert does not flicker while a retry is waiting.
    pub last_failure: RwSignal<Option<SaveFailure>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// The open plan is locked with a passphrase (and open here with its key).
    pub locked: RwSignal<bool>,
    /// The exact stored bytes the open plan was read from or last written as.
    base: StoredValue<Option<String>>,
    /// The open plan as it was then, as JSON: the next save stamps what differs from it as
    /// this tab's edit.
    base_value: StoredValue<Option<Value>>,
    /// The person's choice for each conflict, by the path of its field, until a save
    /// takes them.
    choices: StoredValue<HashMap<Vec<Seg>, Pick>>,
    /// Each plan's undo and redo steps, kept while the page lives.
    history: StoredValue<HashMap<PlanId, History>>,
    /// The plan as of the last undo step, when that is not `base_value` (after an undo, or
    /// a save that did not land).
    history_base: StoredValue<Option<Value>>,
    /// A save is waiting for the plan's lock or running.
    saving: StoredValue<bool>,
    /// Edits came in while a save was running: save again after it.
    save_again: StoredValue<bool>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// True while edits are waiting to be saved, or failed to save.
    dirty: StoredValue<bool>,
    /// Skips the autosave run caused by loading a plan into the store.
    loading: StoredValue<bool>,
}

/// The open document, from any component under the shell.
pub fn use_document() -> DocumentCtx {
    expect_context::<DocumentCtx>()
}

impl DocumentCtx {
    /// The document with no plan open, and its autosave.
    pub(super) fn new(
        storage: Storage,
        nav: Nav,
        notices: NoticesCtx,
        library: LibraryCtx,
    ) -> Self {
        let doc = DocumentCtx {
            storage,
            nav,
            notices,
            library,
            plan: Store::new(Plan::with_id(Uuid::nil(), "", DateTime::UNIX_EPOCH)),
            open: RwSignal::new(OpenState::None),
            status: RwSignal::new(SaveStatus::Idle),
            conflict: RwSignal::new(None),
            last_failure: RwSignal::new(None),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            locked: RwSignal::new(false),
            base: StoredValue::new(None),
            base_value: StoredValue::new(None),
            choices: StoredValue::new(HashMap::new()),
            history: StoredValue::new(HashMap::new()),
            history_base: StoredValue::new(None),
            saving: StoredValue::new(false),
            save_again: StoredValue::new(false),
            pending: StoredValue::new(None),
            dirty: StoredValue::new(false),
            loading: StoredValue::new(true),
        };
        // Autosave: any edit to the open plan schedules one debounced save.
        Effect::new(move |_| {
            doc.plan.track();
            if doc.loading.get_value() {
                doc.loading.set_value(false);
                return;
            }
            doc.schedule_save();
        });
        doc.watch_idle();
        doc
    }

    pub(super) fn open_plan(&self, id: PlanId) {
        self.set_no_conflict();
        self.last_failure.set(None);
        let state = match self.storage.with_lib(|lib| lib.load(id)) {
            Some(Ok(loaded)) => {
                self.set_plan(loaded.plan, loaded.raw);
                OpenState::Open(id)
            }
            Some(Err(LoadError::Missing)) if self.library.in_recovery(id) => {
                OpenState::InRecovery(id)
            }
            Some(Err(LoadError::Missing)) => OpenState::Missing(id),
            Some(Err(LoadError::Unreadable(ImportError::Locked))) => OpenState::Locked(id),
            Some(Err(LoadError::Unreadable(e))) => OpenState::Unreadable(id, e),
            Some(Err(LoadError::Storage(e))) => OpenState::Failed(id, e),
            None => OpenState::Failed(id, StorageError::Unavailable),
        };
        let locked = self.storage.holds(&plan_key(id));
        if self.locked.get_untracked() != locked {
            self.locked.set(locked);
        }
        self.set_open(state);
    }

    pub(super) fn close_plan(&self) {
        if self.locked.get_untracked() {
            self.locked.set(false);
        }
        self.set_open(OpenState::None);
        self.set_no_conflict();
        self.last_failure.set(None);
        self.base.set_value(None);
        self.base_value.set_value(None);
        self.history_base.set_value(None);
        self.choices.set_value(HashMap::new());
        self.dirty.set_value(false);
    }

    /// "Forget this device": drops every plan this tab still holds in memory (the last one
    /// opened, every undo history), so nothing of them is left in the page either.
    pub fn forget_everything(&self) {
        self.storage.with_lib(|lib| lib.backend().release_all());
        self.close_plan();
        self.history.set_value(HashMap::new());
        self.loading.set_value(true);
        self.plan
            .set(Plan::with_id(Uuid::nil(), "", DateTime::UNIX_EPOCH));
    }

    /// Changes the open state only when it differs, so a sync from another tab does not rebuild
    /// the form (and lose the focus).
    fn set_open(&self, state: OpenState) {
        if self.open.with_untracked(|o| *o != state) {
            self.open.set(state);
        }
    }

    /// Shows the conflict banner, once: a second storage event does not rebuild it.
    fn set_conflict(&self, conflict: Conflict) {
        if self
            .conflict
            .with_untracked(|c| c.as_ref() != Some(&conflict))
        {
            self.conflict.set(Some(conflict));
        }
        self.status.set(SaveStatus::Failed(SaveFailure::Conflict));
    }

    fn set_no_conflict(&self) {
        if self.conflict.with_untracked(|c| c.is_some()) {
            self.conflict.set(None);
        }
    }

    /// Puts a plan read from storage into the store without scheduling a save.
    fn set_plan(&self, plan: Plan, raw: String) {
        let content = to_value(&plan).ok();
        self.set_stored_plan(plan, raw, content);
    }

    /// [`set_plan`](DocumentCtx::set_plan), given the plan as JSON (`content`).
    fn set_stored_plan(&self, plan: Plan, raw: String, content: Option<Value>) {
        let saved_at = plan.updated_at;
        self.base_value.set_value(content);
        self.history_base.set_value(None);
        let id = plan.id;
        self.loading.set_value(true);
        self.plan.set(plan);
        self.refresh_undo_state(id);
        self.base.set_value(Some(raw));
        self.choices.set_value(HashMap::new());
        self.dirty.set_value(false);
        self.status.set(SaveStatus::Saved(saved_at));
    }

    fn schedule_save(&self) {
        if self.open.with_untracked(|o| o.id().is_none()) {
            return;
        }
        self.dirty.set_value(true);
        if self.conflict.get_untracked().is_some() {
            return;
        }
        // Typing keeps the status at "Saving…": set it once, so the status line is not redrawn
        // (and the page laid out again) on every keystroke.
        if self.status.with_untracked(|s| *s != SaveStatus::Saving) {
            self.status.set(SaveStatus::Saving);
        }
        if let Some(Some(handle)) = self.pending.try_get_value() {
            handle.clear();
        }
        let doc = *self;
        match set_timeout_with_handle(move || doc.save_now(), SAVE_DEBOUNCE) {
            Ok(handle) => self.pending.set_value(Some(handle)),
            Err(_) => self.save_now(),
        }
    }

    /// The address of a page of the open plan (the library's while none is open). Tracks
    /// the open plan.
    pub fn href(&self, page: impl Fn(PlanId) -> Route) -> String {
        self.open
            .with(|o| o.id())
            .map(|id| page(id).to_hash())
            .unwrap_or_else(|| "#/".into())
    }

    /// The address of a step of the open plan.
    pub fn step_href(&self, step: crate::domain::steps::Step) -> String {
        self.href(|id| Route::Plan { id, step })
    }

    /// Saves now if edits are waiting, or retries a save that failed: before leaving a plan,
    /// exporting or closing the page.
    pub fn flush(&self) {
        if let Some(Some(handle)) = self.pending.try_get_value() {
            handle.clear();
        }
        // Leaving the page cannot wait for the lock: save at once. A save of another tab that
        // crosses this one is caught there (see `on_storage_event`).
        if self.dirty.try_get_value().unwrap_or(false) {
            self.save_locked();
        }
        // A locked plan's save is sealed and stored a moment later.
        if let Some(Some(id)) = self.open.try_with_untracked(|o| o.id()) {
            self.seal_waiting(id);
        }
    }

    /// True when the open plan holds edits that are not in storage (after a failed save or a
    /// conflict).
    pub fn has_unsaved(&self) -> bool {
        self.open.with_untracked(|o| o.id().is_some())
            && self.dirty.try_get_value().unwrap_or(false)
    }

    /// [`has_unsaved`](Self::has_unsaved), or a locked plan's save is still being sealed: what
    /// closing the page now would lose. (Leaving a plan within the page loses nothing: the
    /// sealing goes on.)
    pub fn has_unstored(&self) -> bool {
        self.has_unsaved()
            || self
                .storage
                .with_lib(|lib| lib.backend().any_unsealed())
                .unwrap_or(false)
    }

    /// The debounced autosave: waits for the plan's lock, so that no other tab reads,
    /// compares or writes the plan in between, then saves (see [`save_locked`]).
    ///
    /// [`save_locked`]: DocumentCtx::save_locked
    fn save_now(&self) {
        let _ = self.pending.try_set_value(None);
        if !self.dirty.try_get_value().unwrap_or(false)
            || self.conflict.try_get_untracked().flatten().is_some()
        {
            return;
        }
        let Some(id) = self.open.with_untracked(|o| o.id()) else {
            return;
        };
        if self.saving.get_value() {
            self.save_again.set_value(true);
            return;
        }
        self.saving.set_value(true);
        let doc = *self;
        leptos::task::spawn_local(async move {
            doc.save_under_lock(id).await;
            let _ = doc.saving.try_set_value(false);
            if doc.save_again.try_get_value() == Some(true) {
                doc.save_again.set_value(false);
                doc.save_now();
            }
        });
    }

    /// Saves the open plan `id` holding its Web Lock, so that no other tab reads, compares
    /// or writes it in between. A locked plan first takes in another tab's envelope, and its
    /// save is sealed and stored before the lock is let go.
    async fn save_under_lock(&self, id: PlanId) {
        let doc = *self;
        let key = plan_key(id);
        with_lock_until(&plan_key(id), move || async move {
            // The plan may have been left (and saved) while the lock was awaited.
            if doc.open.try_with_untracked(|o| o.id()) != Some(Some(id)) {
                return;
            }
            let sealed = doc.storage.holds(&key);
            if sealed {
                lock::refresh(doc.storage, &key).await;
            }
            doc.save_locked();
            if sealed && let Err(e) = lock::settle(doc.storage, &key, id).await {
                doc.sealing_failed(id, e);
            }
        })
        .await;
    }

    /// Saves the open plan now, if it holds edits. Its edits are stamped as this tab's; if
    /// another tab (or an import) wrote the plan since this tab last read or wrote it, they
    /// are merged into that write, field by field. Only fields both changed differently stop
    /// the save, with the conflict banner. Runs inside the plan's lock, or at once when the
    /// page is being left ([`flush`]).
    ///
    /// [`flush`]: DocumentCtx::flush
    fn save_locked(&self) {
        if !self.dirty.try_get_value().unwrap_or(false)
            || self.conflict.try_get_untracked().flatten().is_some()
        {
            return;
        }
        let base = self.base.get_value();
        let now = now();
        let replica = self.storage.replica();
        let choices = self.choices.get_value();
        let timer = SaveTimer::start();
        let after = match self.plan.with_untracked(to_value) {
            Ok(after) => after,
            Err(e) => {
                self.status.set(SaveStatus::Failed(SaveFailure::Encode(e)));
                return;
            }
        };
        // Each pause in typing is one step of undo. When the step runs from the copy this
        // tab last read or wrote, the save takes its stamps from it.
        let from_base = self.checkpoint(&after);
        let id = self.open.with_untracked(|o| o.id());
        let result = self.plan.with_untracked(|plan| {
            self.base_value.with_value(|before| {
                let Some(before) = before else {
                    return Err(SaveError::Encode("no copy to compare with".into()));
                };
                self.history.with_value(|all| {
                    let nothing = Step::default();
                    let step = match from_base {
                        Checkpoint::Recorded => id.and_then(|id| all.get(&id)?.last()),
                        Checkpoint::Unchanged => Some(&nothing),
                        Checkpoint::FromEarlier => None,
                    };
                    self.storage.lib_or_error(|lib| {
                        lib.save_edits(
                            plan,
                            base.as_deref(),
                            before,
                            &after,
                            step,
                            now,
                            replica,
                            |c| choices.get(&c.path).copied(),
                        )
                    })
                })
            })
        });
        timer.finish();
        let saved = match result {
            Ok(TabSave::Saved { saved, plan }) => {
                // Keep the open plan equal to what was stored, without waking the autosave.
                self.plan.update_untracked(|p| {
                    p.revision = plan.revision;
                    p.updated_at = plan.updated_at;
                    p.versions = plan.versions;
                });
                self.base_value.set_value(Some(after));
                self.history_base.set_value(None);
                saved
            }
            Ok(TabSave::Merged {
                saved,
                plan,
                content,
                ..
            }) => {
                self.base_value.set_value(Some(content));
                self.history_base.set_value(None);
                self.loading.set_value(true);
                self.plan.set(plan);
                self.notices.announce(Notice::Merged);
                saved
            }
            Ok(TabSave::Behind { plan, raw, content }) => {
                self.set_stored_plan(plan, raw, Some(content));
                self.notices.announce(Notice::Synced);
                return;
            }
            outcome => {
                // Nothing was written: the steps typed so far are already kept.
                self.history_base.set_value(Some(after));
                match outcome {
                    Ok(TabSave::Conflicts { conflicts, theirs }) => {
                        self.set_conflict(Conflict {
                            theirs_deleted: false,
                            mine_unsaved: true,
                            fields: Arc::new(conflicts),
                            theirs: to_value(&theirs).ok().map(Arc::new),
                        });
                    }
                    Err(SaveError::Conflict { theirs }) => {
                        self.set_conflict(Conflict {
                            theirs_deleted: theirs.is_none(),
                            mine_unsaved: true,
                            fields: Arc::default(),
                            theirs: None,
                        });
                    }
                    Err(other) => {
                        let f = failure(other);
                        if self.last_failure.get_untracked().as_ref() != Some(&f) {
                            self.last_failure.set(Some(f.clone()));
                        }
                        self.status.set(SaveStatus::Failed(f));
                    }
                    Ok(_) => {}
                }
                return;
            }
        };
        self.base.set_value(Some(saved.raw));
        self.choices.set_value(HashMap::new());
        self.dirty.set_value(false);
        self.library.usage_changed();
        self.last_failure.set(None);
        self.status.set(SaveStatus::Saved(now));
        self.library.upsert_summary(saved.summary);
    }

    /// Keeps what changed since the last step (the typing of one pause) as a step of undo.
    fn checkpoint(&self, now: &Value) -> Checkpoint {
        let Some(id) = self.open.with_untracked(|o| o.id()) else {
            return Checkpoint::FromEarlier;
        };
        let (step, from_base) = self.history_base.with_value(|hb| match hb {
            Some(from) => (diff(from, now), false),
            None => (
                self.base_value
                    .with_value(|b| b.as_ref().map(|b| diff(b, now)).unwrap_or_default()),
                true,
            ),
        });
        if step.is_empty() {
            return if from_base {
                Checkpoint::Unchanged
            } else {
                Checkpoint::FromEarlier
            };
        }
        self.history
            .update_value(|all| all.entry(id).or_default().record(step));
        self.refresh_undo_state(id);
        if from_base {
            Checkpoint::Recorded
        } else {
            Checkpoint::FromEarlier
        }
    }

    fn refresh_undo_state(&self, id: PlanId) {
        let (undo, redo) = self.history.with_value(|all| {
            all.get(&id)
                .map_or((false, false), |h| (h.can_undo(), h.can_redo()))
        });
        if self.can_undo.get_untracked() != undo {
            self.can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.can_redo.set(redo);
        }
    }

    /// Undoes the last step of the open plan. The result saves like any edit.
    pub fn undo(&self) {
        self.step_history(false);
    }

    /// Redoes the last step undone.
    pub fn redo(&self) {
        self.step_history(true);
    }

    fn step_history(&self, forwards: bool) {
        let Some(id) = self.open.with_untracked(|o| o.id()) else {
            return;
        };
        // With a conflict on screen, the person chooses first.
        if self.conflict.with_untracked(Option::is_some) {
            return;
        }
        let Ok(mut now) = self.plan.with_untracked(to_value) else {
            return;
        };
        self.checkpoint(&now);
        let moved = self.history.try_update_value(|all| {
            let h = all.entry(id).or_default();
            if forwards {
                h.redo(&mut now)
            } else {
                h.undo(&mut now)
            }
        });
        if moved != Some(true) {
            return;
        }
        let Ok(mut plan) = crate::persistence::format::plan_from_value(&now) else {
            return;
        };
        // The undone copy is the next step's start; read again only if links were dropped.
        let content = match plan.prune_dangling() {
            None => Some(now),
            Some(_) => to_value(&plan).ok(),
        };
        self.history_base.set_value(content);
        // Saved through the autosave, as an edit.
        self.plan.set(plan);
        self.refresh_undo_state(id);
        self.notices.announce(if forwards {
            Notice::EditRedone
        } else {
            Notice::EditUndone
        });
    }

    /// Conflict: saves with the person's choice for each field, merging again with what
    /// is stored now. A conflict that appeared since shows the banner again.
    pub fn resolve_conflicts(&self, chosen: HashMap<Vec<Seg>, Pick>) {
        self.choices.update_value(|c| c.extend(chosen));
        self.set_no_conflict();
        self.dirty.set_value(true);
        self.status.set(SaveStatus::Saving);
        self.save_now();
    }

    /// Compares the open plan's stored bytes with what this tab last read or wrote, after
    /// another tab wrote. Reads storage itself rather than trusting the event's value. A
    /// write that is not this tab's is taken in by a save, which merges: with edits waiting,
    /// their save merges; without, a save that has nothing new only catches up (or puts
    /// back an edit of this tab that the other write did not hold).
    fn check_open_plan(&self, id: PlanId) {
        let current = match self.storage.with_lib(|lib| lib.current_raw(id)) {
            Some(Ok(current)) => current,
            _ => return,
        };
        if self.base.get_value() == current {
            return;
        }
        // Another tab locked the plan: without its passphrase there is nothing to merge
        // with. With nothing unsaved here, the plan closes to its unlock page; unsaved edits
        // stop at the conflict banner, which offers to keep them as a copy.
        if current.as_deref().is_some_and(is_locked)
            && !self.storage.holds(&plan_key(id))
            && !self.dirty.get_value()
        {
            self.forget_plan(id);
            self.set_open(OpenState::Locked(id));
            return;
        }
        if current.is_none() {
            if let Some(Some(handle)) = self.pending.try_get_value() {
                handle.clear();
                self.pending.set_value(None);
            }
            self.set_conflict(Conflict {
                theirs_deleted: true,
                mine_unsaved: self.dirty.get_value(),
                fields: Arc::default(),
                theirs: None,
            });
            return;
        }
        if self.conflict.with_untracked(Option::is_some) {
            return;
        }
        if self.dirty.get_value() {
            // The waiting save merges.
            return;
        }
        self.dirty.set_value(true);
        self.save_now();
    }

    /// Conflict: discard this tab's edits and show what is stored.
    pub fn reload_theirs(&self) {
        let Some(id) = self.open.with_untracked(|o| o.id()) else {
            return;
        };
        self.dirty.set_value(false);
        self.set_no_conflict();
        match self.storage.with_lib(|lib| lib.load(id)) {
            Some(Ok(loaded)) => {
                self.set_plan(loaded.plan, loaded.raw);
                self.notices.announce(Notice::Reloaded);
            }
            _ => self.nav.navigate(&Route::Library),
        }
    }

    /// Conflict: save this tab's version as a new plan and open it.
    pub fn keep_mine_as_copy(&self, copy_name: impl Fn(&str) -> String) {
        let now = now();
        let copy = self
            .plan
            .with_untracked(|p| p.copy_as(&p.copy_name(&copy_name), now));
        // The copy of a locked plan is locked with the same key: nothing of it is stored in
        // plain text, and the same passphrase opens it.
        let original = self.open.with_untracked(|o| o.id()).map(plan_key);
        if let Some(original) = original.filter(|k| self.storage.holds(k)) {
            self.storage
                .with_lib(|lib| lib.backend().hold_like(&plan_key(copy.id), &original));
        }
        match self.storage.lib_or_error(|lib| lib.save(&copy, None, now)) {
            Ok(saved) => {
                leptos::task::spawn_local(settle_all(self.storage));
                self.dirty.set_value(false);
                self.set_no_conflict();
                self.library.upsert_summary(saved.summary);
                self.notices.announce(Notice::Kept {
                    name: copy.name().to_owned(),
                });
                self.nav.navigate(&Route::Plan {
                    id: copy.id,
                    step: crate::domain::steps::Step::first(),
                });
            }
            Err(e) => self.status.set(SaveStatus::Failed(failure(e))),
        }
    }

    /// Exports the open plan whole, as it is in memory, saved or not: "Export now" when a
    /// save failed, so nothing typed is lost.
    pub fn export_open(&self) -> Result<(), SaveFailure> {
        let plan = self.plan.get_untracked();
        let name = plan.name().to_owned();
        self.library.export_whole(&[plan], &name)
    }

    /// Downloads a file made from the open plan, such as the action plan as a spreadsheet or
    /// a calendar. Its name is the plan's name followed by `suffix`.
    pub fn download_derived(&self, suffix: &str, mime: &str, contents: &str) -> Result<(), String> {
        let name = self.plan.with_untracked(|p| p.name().to_owned());
        let file_name = format!("{}{suffix}", text::file_stem(&name, "alliance-plan"));
        file::download(&file_name, mime, contents)?;
        self.notices.announce(Notice::Exported { file: file_name });
        Ok(())
    }

    /// Another tab wrote `key`, a plan's key (or cleared storage): if it is the open plan,
    /// check it.
    pub(super) fn on_storage_event(&self, key: Option<&str>) {
        let open = self.open.with_untracked(|o| o.id());
        // A locked plan held here, open or not: open their envelope first, under the plan's
        // lock, so what this tab holds of it stays current (an import may merge into it).
        if let Some(held) = key.filter(|k| self.storage.holds(k)) {
            let id = held
                .strip_prefix(crate::persistence::store::PLAN_PREFIX)
                .and_then(|id| id.parse::<PlanId>().ok());
            let key = held.to_owned();
            let doc = *self;
            leptos::task::spawn_local(async move {
                let lock_key = key.clone();
                let held = key.clone();
                with_lock_until(&lock_key, move || async move {
                    lock::refresh(doc.storage, &key).await;
                })
                .await;
                if let Some(id) = id
                    && doc.open.try_with_untracked(|o| o.id()) == Some(Some(id))
                {
                    // Its lock may have been removed, or set again with another passphrase.
                    let still = doc.storage.holds(&held);
                    if doc.locked.get_untracked() != still {
                        doc.locked.set(still);
                    }
                    doc.check_open_plan(id);
                }
            });
            return;
        }
        let Some(id) = open else {
            return;
        };
        if key.is_some() && key != Some(plan_key(id).as_str()) {
            return;
        }
        self.check_open_plan(id);
    }
}

/// Marks each save in the browser's performance timeline (`alliance-save`), so `make bench`
/// can report how long saving takes without any logging in the app.
struct SaveTimer(Option<web_sys::Performance>);

impl SaveTimer {
    fn start() -> Self {
        let perf = window().performance();
        if let Some(p) = &perf {
            let _ = p.mark("alliance-save-start");
        }
        SaveTimer(perf)
    }

    fn finish(self) {
        if let Some(p) = self.0 {
            let _ = p.mark("alliance-save-end");
            let _ = p.measure_with_start_mark_and_end_mark(
                "alliance-save",
                "alliance-save-start",
                "alliance-save-end",
            );
        }
    }
}
