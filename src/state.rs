//! The reactive state, in one place: the library, the open plan, the save status, conflicts
//! and notices. Components get it with [`use_planner`] and call its methods; only these methods
//! talk to `persistence`.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use reactive_stores::Store;
use serde_json::Value;
use uuid::Uuid;

use crate::domain::history::{History, Step, diff};
use crate::domain::merge::{Conflict as FieldConflict, Pick, Seg, to_value};
use crate::domain::validate::Violation;
use crate::domain::{Plan, PlanId, PlanSummary, Timestamp, text};
use crate::persistence::browser::{WebStorage, claim_slot, request_persistence, with_lock};
use crate::persistence::error::{ImportError, LoadError, SaveError, StorageError};
use crate::persistence::file;
use crate::persistence::format::{
    Decoded, FILE_SUFFIX, check_new_id, decode_plan, encode, open, text_of,
};
use crate::persistence::store::{
    BACKUP_PREFIX, IMPORT_RESERVE, INDEX_KEY, Library, PLAN_PREFIX, Problem, RECOVERY_PREFIX,
    TabSave, Usage, decode_stored, newer_version, plan_key, tab_replica,
};
use crate::route::Route;

/// How long an autosave waits for typing to pause.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(300);
/// How long "Undo" stays offered after a delete.
pub const UNDO_WINDOW: Duration = Duration::from_secs(15);
/// How long a confirmation stays on screen.
pub const NOTICE_LINGER: Duration = Duration::from_secs(8);
/// How long a long job (reading or importing a big file) works before it lets the browser
/// draw and take input again.
const SLICE_MS: f64 = 25.0;
/// Other tabs' writes are taken in batches: an import there writes many plans at once.
const SYNC_DELAY: Duration = Duration::from_millis(100);
/// After this many days without an export, the library reminds the person.
pub const EXPORT_REMINDER_DAYS: i64 = 7;

/// Why the last save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveFailure {
    Conflict,
    Storage(StorageError),
    Encode(String),
    /// The plan breaks a rule the reader would refuse it for, so it was not written.
    Invalid(Violation),
    /// A plan with the same id is stored here by a newer version of the app.
    StoredByNewerVersion {
        version: u64,
    },
}

/// What the `role=status` save indicator shows.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Idle,
    Saving,
    Saved(Timestamp),
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

/// A short message for the polite live region. Every text comes from the locale file, so the
/// notice carries the key and its arguments, not words.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Exported {
        file: String,
    },
    Undone {
        name: String,
    },
    Renamed {
        name: String,
    },
    Duplicated {
        name: String,
    },
    Imported {
        count: usize,
    },
    ImportCancelled,
    Kept {
        name: String,
    },
    Reloaded,
    Synced,
    /// This tab's edits and another tab's were merged and saved.
    Merged,
    EditUndone,
    EditRedone,
}

/// A plan just deleted, kept in memory so "Undo" can put it back.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedPlan {
    pub id: PlanId,
    pub name: String,
    pub raw: String,
}

/// One plan offered by an import, and what the person chose for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportChoice {
    Add,
    Copy,
    Replace,
    Skip,
}

impl ImportChoice {
    pub const ALL: [ImportChoice; 4] = [
        ImportChoice::Add,
        ImportChoice::Copy,
        ImportChoice::Replace,
        ImportChoice::Skip,
    ];

    /// Its value in a form.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportChoice::Add => "add",
            ImportChoice::Copy => "copy",
            ImportChoice::Replace => "replace",
            ImportChoice::Skip => "skip",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A decoded file waiting for the person's decision.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    pub file_name: String,
    pub decoded: Decoded,
    /// The stored bytes of each plan of the file that this device already has, as they were
    /// when the preview was built: "Replace" only goes ahead if they are still the same.
    pub local: HashMap<PlanId, String>,
    /// Plans of the file whose id a newer version of the app keeps on this device: this
    /// version can only import them as copies.
    pub newer: HashMap<PlanId, u64>,
    /// How many plans the file held when it was read (the preview keeps only those not
    /// imported yet).
    pub total: usize,
}

/// A long import job, for the progress bar.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportProgress {
    /// Reading and checking the file's plans.
    Reading {
        file_name: String,
        done: usize,
        total: usize,
    },
    /// Storing the plans chosen in the preview.
    Saving { done: usize, total: usize },
}

/// An import that stopped at the save step. Plans before `name` are imported; `name` and
/// the plans after it are still in the preview.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFailure {
    /// The plan that could not be stored.
    pub name: String,
    pub reason: SaveFailure,
    /// Plans imported before it.
    pub imported: usize,
    /// Plans chosen for import, including those imported.
    pub chosen: usize,
    /// Names of the chosen plans that were not imported.
    pub not_imported: Vec<String>,
}

/// The whole app's state. `Copy`, so closures take it freely.
#[derive(Clone, Copy)]
pub struct PlannerCtx {
    lib: StoredValue<Option<Library<WebStorage>>, LocalStorage>,
    /// Set when localStorage cannot be opened at all.
    pub storage_error: RwSignal<Option<StorageError>>,
    pub plans: RwSignal<Vec<PlanSummary>>,
    pub problems: RwSignal<Vec<Problem>>,
    pub last_export: RwSignal<Option<Timestamp>>,
    pub usage: RwSignal<Option<Usage>>,
    pub persisted: RwSignal<Option<bool>>,
    pub route: RwSignal<Route>,
    pub notice: RwSignal<Option<Notice>>,
    /// Deleted plans that can still be put back, newest last.
    pub deleted: RwSignal<Vec<DeletedPlan>>,
    /// The last save failure other than a conflict, until a save succeeds. Kept apart from
    /// `status` so the alert does not flicker while a retry is waiting.
    pub last_failure: RwSignal<Option<SaveFailure>>,
    /// Shared, not copied: a file can hold thousands of plans.
    pub import_preview: RwSignal<Option<Arc<ImportPreview>>>,
    /// Why the last file could not be read. Nothing was written.
    pub import_error: RwSignal<Option<ImportError>>,
    /// Why the last import stopped at the save step. Kept here, not in the preview, so it
    /// survives the preview being redrawn.
    pub import_failure: RwSignal<Option<ImportFailure>>,
    pub import_progress: RwSignal<Option<ImportProgress>>,
    /// Raised to stop the file being read (and by each new file).
    import_job: StoredValue<u32>,
    /// The open plan. Components bind to its fields; the autosave effect watches it.
    pub plan: Store<Plan>,
    pub open: RwSignal<OpenState>,
    pub status: RwSignal<SaveStatus>,
    pub conflict: RwSignal<Option<Conflict>>,
    /// The exact stored bytes the open plan was read from or last written as.
    base: StoredValue<Option<String>>,
    /// The open plan as it was then, as JSON: the next save stamps what differs from it as
    /// this tab's edit.
    base_value: StoredValue<Option<Value>>,
    /// This tab's id in plans' versions (see `store::tab_replica`), once its slot is known.
    replica: StoredValue<Option<Uuid>>,
    /// The person's choice for each conflict, by the path of its field, until a save
    /// takes them.
    choices: StoredValue<HashMap<Vec<Seg>, Pick>>,
    /// Each plan's undo and redo steps, kept while the page lives.
    history: StoredValue<HashMap<PlanId, History>>,
    /// The plan as of the last undo step, when that is not `base_value` (after an undo, or
    /// a save that did not land).
    history_base: StoredValue<Option<Value>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// A save is waiting for the plan's lock or running.
    saving: StoredValue<bool>,
    /// Edits came in while a save was running: save again after it.
    save_again: StoredValue<bool>,
    /// Keys other tabs changed, waiting to be taken into the library list.
    changed_keys: StoredValue<Option<HashSet<Option<String>>>>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// True while edits are waiting to be saved, or failed to save.
    dirty: StoredValue<bool>,
    /// Skips the autosave run caused by loading a plan into the store.
    loading: StoredValue<bool>,
    /// True when saves happened since the storage meter was last measured.
    usage_stale: StoredValue<bool>,
    /// Asked before leaving a plan whose edits could not be saved (from the locale file).
    leave_warning: StoredValue<String>,
    /// The route currently shown, to go back to when the person chooses to stay.
    shown: StoredValue<Route>,
}

/// The state, from any component under `App`.
pub fn use_planner() -> PlannerCtx {
    expect_context::<PlannerCtx>()
}

/// The current time, from the browser's clock.
pub fn now() -> Timestamp {
    DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today's date in the person's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// The current location hash.
pub fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
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

impl PlannerCtx {
    /// Opens storage, reads the library, and wires autosave. Call once, in `App`.
    pub fn provide(leave_warning: String) -> PlannerCtx {
        let (lib, storage_error) = match WebStorage::open() {
            Ok(storage) => (Some(Library::new(storage)), None),
            Err(e) => (None, Some(e)),
        };
        let ctx = PlannerCtx {
            lib: StoredValue::new_local(lib),
            storage_error: RwSignal::new(storage_error),
            plans: RwSignal::new(Vec::new()),
            problems: RwSignal::new(Vec::new()),
            last_export: RwSignal::new(None),
            usage: RwSignal::new(None),
            persisted: RwSignal::new(None),
            route: RwSignal::new(Route::parse(&current_hash())),
            notice: RwSignal::new(None),
            deleted: RwSignal::new(Vec::new()),
            last_failure: RwSignal::new(None),
            import_preview: RwSignal::new(None),
            import_error: RwSignal::new(None),
            import_failure: RwSignal::new(None),
            import_progress: RwSignal::new(None),
            import_job: StoredValue::new(0),
            plan: Store::new(Plan::with_id(Uuid::nil(), "", DateTime::UNIX_EPOCH)),
            open: RwSignal::new(OpenState::None),
            status: RwSignal::new(SaveStatus::Idle),
            conflict: RwSignal::new(None),
            base: StoredValue::new(None),
            base_value: StoredValue::new(None),
            replica: StoredValue::new(None),
            choices: StoredValue::new(HashMap::new()),
            history: StoredValue::new(HashMap::new()),
            history_base: StoredValue::new(None),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            saving: StoredValue::new(false),
            save_again: StoredValue::new(false),
            changed_keys: StoredValue::new(None),
            pending: StoredValue::new(None),
            dirty: StoredValue::new(false),
            loading: StoredValue::new(true),
            usage_stale: StoredValue::new(false),
            leave_warning: StoredValue::new(leave_warning),
            shown: StoredValue::new(Route::Library),
        };
        provide_context(ctx);
        ctx.refresh_library();
        leptos::task::spawn_local(async move {
            let slot = claim_slot().await;
            let device = ctx.with_lib(|lib| lib.device());
            let replica = match (device, slot) {
                (Some(device), Some(slot)) => tab_replica(device, slot),
                // No Web Locks (or no storage): an id of this session's own.
                _ => Uuid::new_v4(),
            };
            // A save that could not wait took an id of its own: keep it.
            if ctx.replica.try_get_value() == Some(None) {
                ctx.replica.set_value(Some(replica));
            }
        });
        leptos::task::spawn_local(async move {
            let granted = request_persistence().await;
            let _ = ctx.persisted.try_set(Some(granted));
        });

        // Autosave: any edit to the open plan schedules one debounced save.
        Effect::new(move |_| {
            ctx.plan.track();
            if ctx.loading.get_value() {
                ctx.loading.set_value(false);
                return;
            }
            ctx.schedule_save();
        });

        // Follow the route: open the plan it names, after saving the one being left.
        Effect::new(move |_| {
            let route = ctx.route.get();
            let wanted = match route {
                Route::Plan { id, .. } | Route::UnknownStep { id, .. } | Route::Report { id } => {
                    Some(id)
                }
                Route::Library | Route::NotFound => None,
            };
            let open = ctx.open.with_untracked(|o| o.id());
            ctx.flush();
            if open.is_some() && wanted != open && ctx.has_unsaved() {
                let leave = ctx
                    .leave_warning
                    .with_value(|m| window().confirm_with_message(m).unwrap_or(true));
                if !leave {
                    // Stay: put the address back; the plan and its edits are untouched.
                    let _ = window()
                        .location()
                        .set_hash(&ctx.shown.get_value().to_hash());
                    return;
                }
            }
            ctx.shown.set_value(route);
            match wanted {
                Some(id) if ctx.open.with_untracked(|o| o.id() == Some(id)) => {}
                Some(id) => ctx.open_plan(id),
                None => ctx.close_plan(),
            }
        });
        ctx
    }

    fn with_lib<R>(&self, f: impl FnOnce(&Library<WebStorage>) -> R) -> Option<R> {
        self.lib.try_with_value(|lib| lib.as_ref().map(f)).flatten()
    }

    fn lib_or_error<R>(
        &self,
        f: impl FnOnce(&Library<WebStorage>) -> Result<R, SaveError>,
    ) -> Result<R, SaveError> {
        self.with_lib(f)
            .unwrap_or(Err(SaveError::Storage(StorageError::Unavailable)))
    }

    /// Re-reads the library from storage (at boot, and when another tab changes it).
    pub fn refresh_library(&self) {
        match self.with_lib(|lib| lib.boot()) {
            Some(Ok(report)) => {
                self.plans.set(report.plans);
                self.usage.set(report.usage);
                self.usage_stale.set_value(false);
                self.problems.set(report.problems);
                self.last_export.set(report.last_export_at);
            }
            Some(Err(e)) => self.storage_error.set(Some(e)),
            None => {}
        }
    }

    /// Re-measures the storage meter if saves happened since it was last measured.
    pub fn refresh_usage_if_stale(&self) {
        if self.usage_stale.get_value() {
            self.refresh_usage();
        }
    }

    pub fn refresh_usage(&self) {
        if let Some(Ok(usage)) = self.with_lib(|lib| lib.usage()) {
            self.usage.set(Some(usage));
            self.usage_stale.set_value(false);
        }
    }

    /// Goes to a route by changing the hash, so Back and reload work.
    pub fn navigate(&self, route: &Route) {
        let hash = route.to_hash();
        if current_hash() != hash {
            let _ = window().location().set_hash(&hash);
        } else {
            self.route.set(route.clone());
        }
    }

    /// Called on `hashchange`.
    pub fn on_hash_change(&self) {
        let route = Route::parse(&current_hash());
        if self.route.get_untracked() != route {
            self.route.set(route);
        }
    }

    /// Shows a notice in the polite live region, and clears it after a while, unless another
    /// notice replaced it meanwhile.
    pub fn announce(&self, notice: Notice) {
        let linger = NOTICE_LINGER;
        self.notice.set(Some(notice.clone()));
        let ctx = *self;
        set_timeout(
            move || {
                if ctx.notice.try_get_untracked().flatten().as_ref() == Some(&notice) {
                    let _ = ctx.notice.try_set(None);
                }
            },
            linger,
        );
    }

    // ----- the open plan -----

    fn open_plan(&self, id: PlanId) {
        self.set_no_conflict();
        self.last_failure.set(None);
        let state = match self.with_lib(|lib| lib.load(id)) {
            Some(Ok(loaded)) => {
                self.set_plan(loaded.plan, loaded.raw);
                OpenState::Open(id)
            }
            Some(Err(LoadError::Missing)) if self.in_recovery(id) => OpenState::InRecovery(id),
            Some(Err(LoadError::Missing)) => OpenState::Missing(id),
            Some(Err(LoadError::Unreadable(e))) => OpenState::Unreadable(id, e),
            Some(Err(LoadError::Storage(e))) => OpenState::Failed(id, e),
            None => OpenState::Failed(id, StorageError::Unavailable),
        };
        self.set_open(state);
    }

    /// True when the plan's bytes were set aside as unreadable.
    fn in_recovery(&self, id: PlanId) -> bool {
        let id = id.to_string();
        self.problems
            .with_untracked(|list| list.iter().any(|p| p.id == id && p.moved))
    }

    fn close_plan(&self) {
        self.set_open(OpenState::None);
        self.set_no_conflict();
        self.last_failure.set(None);
        self.base.set_value(None);
        self.base_value.set_value(None);
        self.history_base.set_value(None);
        self.choices.set_value(HashMap::new());
        self.dirty.set_value(false);
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

    /// [`set_plan`](PlannerCtx::set_plan), given the plan as JSON (`content`).
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
        let ctx = *self;
        match set_timeout_with_handle(move || ctx.save_now(), SAVE_DEBOUNCE) {
            Ok(handle) => self.pending.set_value(Some(handle)),
            Err(_) => self.save_now(),
        }
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
    }

    /// True when the open plan holds edits that are not in storage (after a failed save or a
    /// conflict).
    pub fn has_unsaved(&self) -> bool {
        self.open.with_untracked(|o| o.id().is_some())
            && self.dirty.try_get_value().unwrap_or(false)
    }

    /// The debounced autosave: waits for the plan's lock, so that no other tab reads,
    /// compares or writes the plan in between, then saves (see [`save_locked`]).
    ///
    /// [`save_locked`]: PlannerCtx::save_locked
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
        let ctx = *self;
        leptos::task::spawn_local(async move {
            with_lock(&plan_key(id), move || {
                // The plan may have been left (and saved) while the lock was awaited.
                if ctx.open.try_with_untracked(|o| o.id()) == Some(Some(id)) {
                    ctx.save_locked();
                }
            })
            .await;
            let _ = ctx.saving.try_set_value(false);
            if ctx.save_again.try_get_value() == Some(true) {
                ctx.save_again.set_value(false);
                ctx.save_now();
            }
        });
    }

    /// Saves the open plan now, if it holds edits. Its edits are stamped as this tab's; if
    /// another tab (or an import) wrote the plan since this tab last read or wrote it, they
    /// are merged into that write, field by field. Only fields both changed differently stop
    /// the save, with the conflict banner. Runs inside the plan's lock, or at once when the
    /// page is being left ([`flush`]).
    ///
    /// [`flush`]: PlannerCtx::flush
    fn save_locked(&self) {
        if !self.dirty.try_get_value().unwrap_or(false)
            || self.conflict.try_get_untracked().flatten().is_some()
        {
            return;
        }
        let base = self.base.get_value();
        let now = now();
        let replica = self.replica();
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
                    self.lib_or_error(|lib| {
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
                self.announce(Notice::Merged);
                saved
            }
            Ok(TabSave::Behind { plan, raw, content }) => {
                self.set_stored_plan(plan, raw, Some(content));
                self.announce(Notice::Synced);
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
        self.usage_stale.set_value(true);
        self.last_failure.set(None);
        self.status.set(SaveStatus::Saved(now));
        self.upsert_summary(saved.summary);
    }

    // ----- undo and redo -----

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
        self.announce(if forwards {
            Notice::EditRedone
        } else {
            Notice::EditUndone
        });
    }

    /// This tab's id in plans' versions. A save before the tab's slot is known takes an id
    /// of this session's own.
    fn replica(&self) -> Uuid {
        if let Some(Some(id)) = self.replica.try_get_value() {
            return id;
        }
        let id = Uuid::new_v4();
        let _ = self.replica.try_set_value(Some(id));
        id
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

    fn upsert_summary(&self, summary: PlanSummary) {
        self.plans.update(|list| {
            list.retain(|s| s.id != summary.id);
            list.push(summary);
            crate::domain::sort_summaries(list);
        });
    }

    /// Called on the `storage` event, which fires only for writes made by other tabs.
    pub fn on_storage_event(&self, key: Option<String>) {
        // The index only mirrors the plans, and every save writes both, so for the index only
        // the export time is taken.
        if key.as_deref() == Some(INDEX_KEY) {
            if let Some(index) = self.with_lib(|lib| lib.index()) {
                self.last_export.set(index.last_export_at);
            }
            return;
        }
        let ours = key
            .as_deref()
            .is_none_or(|k| k.starts_with(crate::persistence::store::PREFIX));
        if !ours {
            return;
        }
        self.queue_library_sync(key.clone());
        let Some(id) = self.open.with_untracked(|o| o.id()) else {
            return;
        };
        if key.is_some() && key.as_deref() != Some(plan_key(id).as_str()) {
            return;
        }
        self.check_open_plan(id);
    }

    /// Compares the open plan's stored bytes with what this tab last read or wrote, after
    /// another tab wrote. Reads storage itself rather than trusting the event's value. A
    /// write that is not this tab's is taken in by a save, which merges: with edits waiting,
    /// their save merges; without, a save that has nothing new only catches up (or puts
    /// back an edit of this tab that the other write did not hold).
    fn check_open_plan(&self, id: PlanId) {
        let current = match self.with_lib(|lib| lib.current_raw(id)) {
            Some(Ok(current)) => current,
            _ => return,
        };
        if self.base.get_value() == current {
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

    /// Takes other tabs' writes into the library list, a batch at a time: only the plans
    /// that changed are read again.
    fn queue_library_sync(&self, key: Option<String>) {
        let first = self.changed_keys.with_value(Option::is_none);
        self.changed_keys.update_value(|keys| {
            keys.get_or_insert_with(HashSet::new).insert(key);
        });
        if !first {
            return;
        }
        let ctx = *self;
        set_timeout(
            move || {
                let Some(Some(keys)) = ctx.changed_keys.try_update_value(Option::take) else {
                    return;
                };
                ctx.sync_library(keys);
            },
            SYNC_DELAY,
        );
    }

    fn sync_library(&self, keys: HashSet<Option<String>>) {
        let mut changed = Vec::new();
        let mut removed = Vec::new();
        for key in &keys {
            let plan_id = key
                .as_deref()
                .and_then(|k| k.strip_prefix(PLAN_PREFIX))
                .and_then(|id| id.parse::<PlanId>().ok());
            let Some(id) = plan_id else {
                // A cleared storage, a recovery or backup entry: read everything again.
                if key.as_deref().is_none_or(|k| {
                    k.starts_with(RECOVERY_PREFIX)
                        || k.starts_with(BACKUP_PREFIX)
                        || k.starts_with(PLAN_PREFIX)
                }) {
                    self.refresh_library();
                    return;
                }
                continue;
            };
            match self.with_lib(|lib| lib.load(id)) {
                Some(Ok(loaded)) => {
                    let size = crate::persistence::store::entry_size(&plan_key(id), &loaded.raw);
                    changed.push(PlanSummary::of(&loaded.plan, size));
                }
                Some(Err(LoadError::Missing)) => removed.push(id),
                // Unreadable: the full read sets it aside and says so.
                _ => {
                    self.refresh_library();
                    return;
                }
            }
        }
        self.plans.update(|list| {
            list.retain(|s| !removed.contains(&s.id) && !changed.iter().any(|c| c.id == s.id));
            list.extend(changed);
            crate::domain::sort_summaries(list);
        });
        self.refresh_usage();
    }

    /// Conflict: discard this tab's edits and show what is stored.
    pub fn reload_theirs(&self) {
        let Some(id) = self.open.with_untracked(|o| o.id()) else {
            return;
        };
        self.dirty.set_value(false);
        self.set_no_conflict();
        match self.with_lib(|lib| lib.load(id)) {
            Some(Ok(loaded)) => {
                self.set_plan(loaded.plan, loaded.raw);
                self.announce(Notice::Reloaded);
            }
            _ => self.navigate(&Route::Library),
        }
    }

    /// Conflict: save this tab's version as a new plan and open it.
    pub fn keep_mine_as_copy(&self, copy_name: impl Fn(&str) -> String) {
        let now = now();
        let copy = self
            .plan
            .with_untracked(|p| p.copy_as(&p.copy_name(&copy_name), now));
        match self.lib_or_error(|lib| lib.save(&copy, None, now)) {
            Ok(saved) => {
                self.dirty.set_value(false);
                self.set_no_conflict();
                self.upsert_summary(saved.summary);
                self.announce(Notice::Kept {
                    name: copy.name().to_owned(),
                });
                self.navigate(&Route::Plan {
                    id: copy.id,
                    step: crate::domain::steps::Step::first(),
                });
            }
            Err(e) => self.status.set(SaveStatus::Failed(failure(e))),
        }
    }

    // ----- library actions -----

    /// Creates a plan and opens it.
    pub fn create(&self, plan: Plan) -> Result<(), SaveFailure> {
        let saved = self
            .lib_or_error(|lib| lib.save(&plan, None, now()))
            .map_err(failure)?;
        self.upsert_summary(saved.summary);
        self.refresh_usage();
        self.navigate(&Route::Plan {
            id: plan.id,
            step: crate::domain::steps::Step::first(),
        });
        Ok(())
    }

    /// Renames a plan in storage (and in the open store if it is open).
    pub fn rename(&self, id: PlanId, name: &str) -> Result<(), SaveFailure> {
        let name = text::clean_line(name);
        let loaded = self
            .with_lib(|lib| lib.load(id))
            .ok_or(SaveFailure::Storage(StorageError::Unavailable))?;
        let loaded = loaded.map_err(load_failure)?;
        let mut plan = loaded.plan;
        plan.overview.name = name.clone();
        let saved = self
            .lib_or_error(|lib| lib.save(&plan, Some(&loaded.raw), now()))
            .map_err(failure)?;
        self.upsert_summary(saved.summary);
        self.announce(Notice::Renamed { name });
        Ok(())
    }

    /// Saves a copy of a plan under a new name.
    pub fn duplicate(
        &self,
        id: PlanId,
        copy_name: impl Fn(&str) -> String,
    ) -> Result<(), SaveFailure> {
        let loaded = self
            .with_lib(|lib| lib.load(id))
            .ok_or(SaveFailure::Storage(StorageError::Unavailable))?;
        let plan = loaded.map_err(load_failure)?.plan;
        let now = now();
        let copy = plan.copy_as(&plan.copy_name(&copy_name), now);
        let saved = self
            .lib_or_error(|lib| lib.save(&copy, None, now))
            .map_err(failure)?;
        self.upsert_summary(saved.summary);
        self.refresh_usage();
        self.announce(Notice::Duplicated {
            name: copy.name().to_owned(),
        });
        Ok(())
    }

    /// Deletes a plan, keeping its bytes in memory so "Undo" can put it back.
    pub fn delete(&self, id: PlanId, name: String) -> Result<(), SaveFailure> {
        let raw = self
            .with_lib(|lib| lib.delete(id))
            .unwrap_or(Err(StorageError::Unavailable))
            .map_err(SaveFailure::Storage)?;
        self.plans.update(|list| list.retain(|s| s.id != id));
        self.refresh_usage();
        if let Some(raw) = raw {
            // Each delete keeps its own Undo for the whole window, whatever else happens.
            self.deleted
                .update(|list| list.push(DeletedPlan { id, name, raw }));
            let ctx = *self;
            set_timeout(
                move || {
                    let _ = ctx.deleted.try_update(|list| list.retain(|d| d.id != id));
                },
                UNDO_WINDOW,
            );
        }
        Ok(())
    }

    /// Puts back a deleted plan while its Undo is still offered.
    pub fn undo_delete(&self, id: PlanId) -> Result<(), SaveFailure> {
        let Some(deleted) = self
            .deleted
            .with_untracked(|l| l.iter().find(|d| d.id == id).cloned())
        else {
            return Ok(());
        };
        let saved = self
            .lib_or_error(|lib| lib.undo_delete(id, &deleted.raw, now()))
            .map_err(failure)?;
        self.deleted.update(|list| list.retain(|d| d.id != id));
        self.upsert_summary(saved.summary);
        self.refresh_usage();
        self.announce(Notice::Undone { name: deleted.name });
        Ok(())
    }

    /// Downloads the raw bytes of an entry that could not be read.
    pub fn download_problem(&self, problem: &Problem) {
        if let Some(Ok(Some(raw))) = self.with_lib(|lib| lib.raw(&problem.key)) {
            let stem = text::file_stem(problem.name.as_deref().unwrap_or(&problem.id), "plan");
            let _ = file::download(
                &format!("{stem}-unreadable.txt"),
                "text/plain;charset=utf-8",
                &raw,
            );
        }
    }

    pub fn discard_problem(&self, key: &str) {
        let _ = self.with_lib(|lib| lib.discard_recovery(key));
        self.refresh_library();
    }

    // ----- export and import -----

    /// Exports plans read from storage (all of them when `ids` is `None`).
    pub fn export_stored(
        &self,
        ids: Option<Vec<PlanId>>,
        all_name: &str,
    ) -> Result<(), SaveFailure> {
        self.flush();
        let ids_all = ids.is_none();
        let ids = ids.unwrap_or_else(|| {
            self.plans
                .with_untracked(|l| l.iter().map(|s| s.id).collect())
        });
        let mut plans = Vec::with_capacity(ids.len());
        for id in ids {
            match self.with_lib(|lib| lib.load(id)) {
                Some(Ok(loaded)) => plans.push(loaded.plan),
                Some(Err(e)) => return Err(load_failure(e)),
                None => return Err(SaveFailure::Storage(StorageError::Unavailable)),
            }
        }
        let everything = ids_all;
        let name = match plans.as_slice() {
            [one] => one.name().to_owned(),
            _ => all_name.to_owned(),
        };
        self.export(&plans, &name, everything)
    }

    /// Exports the open plan as it is in memory, saved or not ("Export now").
    pub fn export_open(&self) -> Result<(), SaveFailure> {
        let plan = self.plan.get_untracked();
        let name = plan.name().to_owned();
        self.export(&[plan], &name, false)
    }

    /// Downloads a file made from the open plan, such as the action plan as a spreadsheet or
    /// a calendar. Its name is the plan's name followed by `suffix`.
    pub fn download_derived(&self, suffix: &str, mime: &str, contents: &str) -> Result<(), String> {
        let name = self.plan.with_untracked(|p| p.name().to_owned());
        let file_name = format!("{}{suffix}", text::file_stem(&name, "alliance-plan"));
        file::download(&file_name, mime, contents)?;
        self.announce(Notice::Exported { file: file_name });
        Ok(())
    }

    /// Downloads the open plan without its private fields: a plan file to share, which anyone
    /// can import.
    pub fn export_shared(&self) -> Result<(), SaveFailure> {
        let plan = self
            .plan
            .with_untracked(crate::domain::private::share_copy)
            .map_err(|e| SaveFailure::Encode(e.to_string()))?;
        let name = format!("{}.shared", text::file_stem(plan.name(), "alliance-plan"));
        self.export(&[plan], &name, false)
    }

    /// Downloads plans as a file. Only an export of every plan counts as the backup that the
    /// reminder asks for.
    fn export(&self, plans: &[Plan], name: &str, everything: bool) -> Result<(), SaveFailure> {
        let now = now();
        let json = encode(plans, now, true).map_err(|e| SaveFailure::Encode(e.to_string()))?;
        let file_name = format!("{}{FILE_SUFFIX}", text::file_stem(name, "alliance-plan"));
        file::download(&file_name, "application/json", &json).map_err(SaveFailure::Encode)?;
        if everything {
            let _ = self.with_lib(|lib| lib.set_last_export(now));
            self.last_export.set(Some(now));
        }
        self.announce(Notice::Exported { file: file_name });
        Ok(())
    }

    /// Reads a picked or dropped file and, if it decodes, shows the preview. A big file is
    /// read a few plans at a time, with a progress bar, so the page never stops answering.
    pub fn read_import(&self, file: web_sys::File) {
        let ctx = *self;
        let job = self.import_job.get_value().wrapping_add(1);
        self.import_job.set_value(job);
        self.import_error.set(None);
        self.import_failure.set(None);
        self.import_preview.set(None);
        let file_name = file.name();
        self.import_progress.set(Some(ImportProgress::Reading {
            file_name: file_name.clone(),
            done: 0,
            total: 0,
        }));
        leptos::task::spawn_local(async move {
            let result = match file::read(&file).await {
                Ok(bytes) => ctx.decode_import(&bytes, &file_name, job).await,
                Err(e) => Err(e),
            };
            if ctx.import_job.try_get_value() != Some(job) {
                return; // stopped, or another file was picked meanwhile
            }
            let _ = ctx.import_progress.try_set(None);
            match result {
                Ok(preview) => {
                    let _ = ctx.import_preview.try_set(Some(Arc::new(preview)));
                }
                Err(e) => {
                    let _ = ctx.import_error.try_set(Some(e));
                }
            }
        });
    }

    /// Stops reading a file (nothing has been written yet).
    pub fn stop_reading(&self) {
        self.import_job.update_value(|j| *j = j.wrapping_add(1));
        self.import_progress.set(None);
        self.announce(Notice::ImportCancelled);
    }

    /// The one road in for a file, a plan at a time: refuses a file that cannot fit in the
    /// room left before decoding it, and yields to the browser between slices of plans.
    async fn decode_import(
        &self,
        bytes: &[u8],
        file_name: &str,
        job: u32,
    ) -> Result<ImportPreview, ImportError> {
        let opened = open(text_of(bytes)?)?;
        let room = match self.with_lib(|lib| lib.room()) {
            Some(Ok(room)) => room.saturating_sub(IMPORT_RESERVE),
            _ => 0,
        };
        let needed = opened.stored_size_at_least();
        if needed > room {
            return Err(ImportError::NoRoom { needed, room });
        }
        let total = opened.plans.len();
        let mut plans = Vec::with_capacity(total);
        let mut ids = HashSet::new();
        let mut local = HashMap::new();
        let mut newer = HashMap::new();
        let mut slice = Slice::start();
        for (i, raw) in opened.plans.iter().enumerate() {
            let plan = decode_plan(raw, opened.from_version, i)?;
            check_new_id(&mut ids, &plan, i)?;
            if let Some(Ok(Some(stored))) = self.with_lib(|lib| lib.current_raw(plan.id)) {
                if let Some(version) = newer_version(&stored) {
                    newer.insert(plan.id, version);
                }
                local.insert(plan.id, stored);
            }
            plans.push(plan);
            if slice.over() {
                let _ = self.import_progress.try_set(Some(ImportProgress::Reading {
                    file_name: file_name.to_owned(),
                    done: i + 1,
                    total,
                }));
                slice.yield_to_browser().await;
                if self.import_job.try_get_value() != Some(job) {
                    return Err(ImportError::Empty); // dropped by the caller
                }
            }
        }
        // Drawing the preview is a task of its own.
        slice.yield_to_browser().await;
        if self.import_job.try_get_value() != Some(job) {
            return Err(ImportError::Empty); // dropped by the caller
        }
        Ok(ImportPreview {
            file_name: file_name.to_owned(),
            decoded: Decoded {
                plans,
                from_version: opened.from_version,
                exported_at: opened.exported_at,
                app_version: opened.app_version,
            },
            local,
            newer,
            total,
        })
    }

    /// Applies the person's choices, one plan for each entry of `choices` (in the preview's
    /// order), a slice of plans at a time with a progress bar. Stops cleanly at the first plan
    /// that cannot be stored, or that would leave too little room: the plans before it stay
    /// imported and leave the preview, and `import_failure` says which were not imported and
    /// why. "Replace" only overwrites the exact bytes the preview showed; nothing else stored
    /// before the import is touched.
    pub fn apply_import(
        &self,
        choices: Vec<ImportChoice>,
        copy_name: impl Fn(&str) -> String + 'static,
    ) {
        let Some(preview) = self.import_preview.get_untracked() else {
            return;
        };
        if self.import_progress.with_untracked(Option::is_some) {
            return;
        }
        let ctx = *self;
        self.import_failure.set(None);
        // Busy from this moment: a second click before the job starts must not start another.
        let total = choices.iter().filter(|c| **c != ImportChoice::Skip).count();
        self.import_progress
            .set(Some(ImportProgress::Saving { done: 0, total }));
        leptos::task::spawn_local(async move {
            ctx.store_import(preview, choices, copy_name).await;
        });
    }

    async fn store_import(
        &self,
        preview: Arc<ImportPreview>,
        choices: Vec<ImportChoice>,
        copy_name: impl Fn(&str) -> String,
    ) {
        let now = now();
        let chosen: Vec<usize> = (0..preview.decoded.plans.len())
            .filter(|i| choices.get(*i).is_some_and(|c| *c != ImportChoice::Skip))
            .collect();
        let total = chosen.len();
        let mut room = match self.with_lib(|lib| lib.room()) {
            Some(Ok(room)) => room.saturating_sub(IMPORT_RESERVE),
            _ => 0,
        };
        let mut done: HashSet<PlanId> = HashSet::with_capacity(total);
        let mut batch = Vec::new();
        let mut stopped = None;
        let mut stored = 0;
        let mut slice = Slice::start();
        for (n, &i) in chosen.iter().enumerate() {
            let plan = &preview.decoded.plans[i];
            let choice = choices[i];
            let copy;
            let replacement;
            let (to_store, base) = match choice {
                ImportChoice::Copy => {
                    copy = plan.copy_as(&plan.copy_name(&copy_name), now);
                    (&copy, None)
                }
                ImportChoice::Replace => {
                    let base = preview.local.get(&plan.id).map(String::as_str);
                    // Stamped as an edit on top of what it replaces, so an open tab takes it.
                    replacement = base
                        .and_then(|raw| decode_stored(raw, &plan.id.to_string()).ok())
                        .and_then(|stored| plan.replacing(&stored, self.replica()).ok());
                    (replacement.as_ref().unwrap_or(plan), base)
                }
                _ => (plan, None),
            };
            match self.lib_or_error(|lib| lib.store(to_store, base, now, Some(room))) {
                Ok(saved) => {
                    room = room.saturating_sub(saved.stored_size);
                    stored += saved.stored_size;
                    batch.push(saved.summary);
                    done.insert(plan.id);
                }
                Err(e) => {
                    stopped = Some((n, plan.name().to_owned(), failure(e)));
                    break;
                }
            }
            if slice.over() {
                self.list_imported(std::mem::take(&mut batch));
                let _ = self
                    .import_progress
                    .try_set(Some(ImportProgress::Saving { done: n + 1, total }));
                slice.yield_to_browser().await;
            }
        }
        self.list_imported(batch);
        // Listing the last batch redraws the library: let the page breathe before the preview
        // and the alert are drawn again.
        slice.yield_to_browser().await;
        let _ = self.import_progress.try_set(None);
        // The meter follows what was stored; reading every key again would stall a big import.
        let _ = self.usage.try_update(|u| {
            if let Some(u) = u {
                u.used += stored;
            }
        });
        self.usage_stale.set_value(true);
        match stopped {
            None => {
                let _ = self.import_preview.try_set(None);
                self.announce(Notice::Imported { count: done.len() });
            }
            Some((n, name, reason)) => {
                let not_imported = chosen[n..]
                    .iter()
                    .map(|&i| preview.decoded.plans[i].name().to_owned())
                    .collect();
                // The preview keeps the plans not imported, so "Import" can be chosen again.
                let d = &preview.decoded;
                let rest = ImportPreview {
                    file_name: preview.file_name.clone(),
                    decoded: Decoded {
                        plans: d
                            .plans
                            .iter()
                            .filter(|p| !done.contains(&p.id))
                            .cloned()
                            .collect(),
                        from_version: d.from_version,
                        exported_at: d.exported_at,
                        app_version: d.app_version.clone(),
                    },
                    local: preview.local.clone(),
                    newer: preview.newer.clone(),
                    total: preview.total,
                };
                let _ = self.import_preview.try_set(Some(Arc::new(rest)));
                let _ = self.import_failure.try_set(Some(ImportFailure {
                    name,
                    reason,
                    imported: done.len(),
                    chosen: total,
                    not_imported,
                }));
            }
        }
    }

    /// Lists freshly imported plans in the index and on the plans page, in one go.
    fn list_imported(&self, summaries: Vec<PlanSummary>) {
        if summaries.is_empty() {
            return;
        }
        let _ = self.with_lib(|lib| lib.add_to_index(&summaries));
        let _ = self.plans.try_update(|list| {
            list.retain(|s| !summaries.iter().any(|n| n.id == s.id));
            list.extend(summaries);
            crate::domain::sort_summaries(list);
        });
    }
}

/// A slice of a long job: how long it has run, and a way to let the browser in.
struct Slice(f64);

impl Slice {
    fn start() -> Self {
        Slice(clock_ms())
    }

    fn over(&self) -> bool {
        clock_ms() - self.0 > SLICE_MS
    }

    /// Lets the browser draw and handle input, then starts the next slice.
    async fn yield_to_browser(&mut self) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        self.0 = clock_ms();
    }
}

fn clock_ms() -> f64 {
    window()
        .performance()
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

impl OpenState {
    pub fn id(&self) -> Option<PlanId> {
        match self {
            OpenState::Open(id) => Some(*id),
            _ => None,
        }
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

fn failure(e: SaveError) -> SaveFailure {
    match e {
        SaveError::Conflict { .. } => SaveFailure::Conflict,
        SaveError::Storage(e) => SaveFailure::Storage(e),
        SaveError::Encode(e) => SaveFailure::Encode(e),
        SaveError::Invalid(v) => SaveFailure::Invalid(v),
        SaveError::StoredByNewerVersion { version } => {
            SaveFailure::StoredByNewerVersion { version }
        }
    }
}

fn load_failure(e: LoadError) -> SaveFailure {
    match e {
        LoadError::Missing => SaveFailure::Conflict,
        LoadError::Unreadable(e) => SaveFailure::Encode(e.to_string()),
        LoadError::Storage(e) => SaveFailure::Storage(e),
    }
}
