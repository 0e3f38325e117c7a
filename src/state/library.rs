//! The library: the summaries of the stored plans, the storage meter, recovered entries,
//! and what is done to a stored plan as a whole (create, rename, copy, delete and undo,
//! export). Other tabs' writes are taken into the list here.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use leptos::prelude::*;

use super::{Nav, Notice, NoticesCtx, SaveFailure, Storage, failure, load_failure, now, today};
use crate::domain::private::share_copy_and_withheld;
use crate::domain::{Plan, PlanId, PlanSummary, Timestamp, text};
use crate::persistence::browser::{forget_offline_copy, request_persistence};
use crate::persistence::error::{LoadError, StorageError};
use crate::persistence::file::{self, Sent};
use crate::persistence::format::{encode, file_name, plan_from_value};
use crate::persistence::store::{
    BACKUP_PREFIX, INDEX_KEY, PLAN_PREFIX, Problem, RECOVERY_PREFIX, Usage,
};
use crate::route::Route;

/// How long "Undo" stays offered after a delete.
pub const UNDO_WINDOW: Duration = Duration::from_secs(15);
/// After this many days without an export, the library reminds the person.
pub const EXPORT_REMINDER_DAYS: i64 = 7;
/// The type of a plan file.
const FILE_TYPE: &str = "application/json";
/// Other tabs' writes are taken in batches: an import there writes many plans at once.
const SYNC_DELAY: Duration = Duration::from_millis(100);

/// A plan just deleted, kept in memory so "Undo" can put it back.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedPlan {
    pub id: PlanId,
    pub name: String,
    pub raw: String,
}

/// The stored plans as the plans page shows them.
#[derive(Clone, Copy)]
pub struct LibraryCtx {
    storage: Storage,
    nav: Nav,
    notices: NoticesCtx,
    /// Set when localStorage cannot be opened at all.
    pub storage_error: RwSignal<Option<StorageError>>,
    pub plans: RwSignal<Vec<PlanSummary>>,
    pub problems: RwSignal<Vec<Problem>>,
    /// When each plan was last exported whole (private notes included).
    pub exported: RwSignal<BTreeMap<PlanId, Timestamp>>,
    pub usage: RwSignal<Option<Usage>>,
    pub persisted: RwSignal<Option<bool>>,
    /// Deleted plans that can still be put back, newest last.
    pub deleted: RwSignal<Vec<DeletedPlan>>,
    /// True when saves happened since the storage meter was last measured.
    usage_stale: StoredValue<bool>,
    /// Keys other tabs changed, waiting to be taken into the list.
    changed_keys: StoredValue<Option<HashSet<Option<String>>>>,
}

/// The library, from any component under the shell.
pub fn use_library() -> LibraryCtx {
    expect_context::<LibraryCtx>()
}

impl LibraryCtx {
    pub(super) fn new(
        storage: Storage,
        storage_error: Option<StorageError>,
        nav: Nav,
        notices: NoticesCtx,
    ) -> Self {
        LibraryCtx {
            storage,
            nav,
            notices,
            storage_error: RwSignal::new(storage_error),
            plans: RwSignal::new(Vec::new()),
            problems: RwSignal::new(Vec::new()),
            exported: RwSignal::new(BTreeMap::new()),
            usage: RwSignal::new(None),
            persisted: RwSignal::new(None),
            deleted: RwSignal::new(Vec::new()),
            usage_stale: StoredValue::new(false),
            changed_keys: StoredValue::new(None),
        }
    }

    /// Reads the library, and asks the browser to keep this site's storage.
    pub(super) fn boot(&self) {
        self.refresh_library();
        let persisted = self.persisted;
        leptos::task::spawn_local(async move {
            let granted = request_persistence().await;
            let _ = persisted.try_set(Some(granted));
        });
    }

    /// Re-reads the library from storage (at boot, and when another tab changes it).
    pub fn refresh_library(&self) {
        match self.storage.with_lib(|lib| lib.boot()) {
            Some(Ok(report)) => {
                self.plans.set(report.plans);
                self.usage.set(report.usage);
                self.usage_stale.set_value(false);
                self.problems.set(report.problems);
                self.exported.set(report.exported);
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
        if let Some(Ok(usage)) = self.storage.with_lib(|lib| lib.usage()) {
            self.usage.set(Some(usage));
            self.usage_stale.set_value(false);
        }
    }

    /// Saves happened: the meter is measured again when next shown.
    pub(super) fn usage_changed(&self) {
        self.usage_stale.set_value(true);
    }

    /// A save grew the stored plans by `bytes`: the meter follows without reading every key
    /// again, which would stall a big import.
    pub(super) fn usage_grew(&self, bytes: u64) {
        let _ = self.usage.try_update(|u| {
            if let Some(u) = u {
                u.used += bytes;
            }
        });
        self.usage_stale.set_value(true);
    }

    /// True when the plan's bytes were set aside as unreadable.
    pub(super) fn in_recovery(&self, id: PlanId) -> bool {
        let id = id.to_string();
        self.problems
            .with_untracked(|list| list.iter().any(|p| p.id == id && p.moved))
    }

    pub(super) fn upsert_summary(&self, summary: PlanSummary) {
        self.plans.update(|list| {
            list.retain(|s| s.id != summary.id);
            list.push(summary);
            crate::domain::sort_summaries(list);
        });
    }

    /// Lists freshly imported plans in the index and on the plans page, in one go.
    pub(super) fn list_imported(&self, summaries: Vec<PlanSummary>) {
        if summaries.is_empty() {
            return;
        }
        let _ = self.storage.with_lib(|lib| lib.add_to_index(&summaries));
        let _ = self.plans.try_update(|list| {
            list.retain(|s| !summaries.iter().any(|n| n.id == s.id));
            list.extend(summaries);
            crate::domain::sort_summaries(list);
        });
    }

    /// Another tab wrote `key` (or cleared storage, with no key). Returns true when that
    /// may be a plan, which the open document then checks.
    pub(super) fn on_storage_event(&self, key: Option<&str>) -> bool {
        // The index only mirrors the plans, and every save writes both, so for the index only
        // the export times are taken.
        if key == Some(INDEX_KEY) {
            if let Some(index) = self.storage.with_lib(|lib| lib.index()) {
                self.exported.set(index.exported_times());
            }
            return false;
        }
        let ours = key.is_none_or(|k| k.starts_with(crate::persistence::store::PREFIX));
        if ours {
            self.queue_library_sync(key.map(str::to_owned));
        }
        ours
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
        let me = *self;
        set_timeout(
            move || {
                let Some(Some(keys)) = me.changed_keys.try_update_value(Option::take) else {
                    return;
                };
                me.sync_library(keys);
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
            match self.storage.with_lib(|lib| lib.summary(id)) {
                Some(Ok(summary)) => changed.push(summary),
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

    /// Creates a plan and opens it.
    pub fn create(&self, plan: Plan) -> Result<(), SaveFailure> {
        let saved = self
            .storage
            .lib_or_error(|lib| lib.save(&plan, None, now()))
            .map_err(failure)?;
        self.upsert_summary(saved.summary);
        self.refresh_usage();
        self.nav.navigate(&Route::Plan {
            id: plan.id,
            step: crate::domain::steps::Step::first(),
        });
        Ok(())
    }

    /// Renames a stored plan.
    pub fn rename(&self, id: PlanId, name: &str) -> Result<(), SaveFailure> {
        let name = text::clean_line(name);
        let loaded = self
            .storage
            .with_lib(|lib| lib.load(id))
            .ok_or(SaveFailure::Storage(StorageError::Unavailable))?;
        let loaded = loaded.map_err(load_failure)?;
        let mut plan = loaded.plan;
        plan.overview.name = name.clone();
        let saved = self
            .storage
            .lib_or_error(|lib| lib.save(&plan, Some(&loaded.raw), now()))
            .map_err(failure)?;
        self.upsert_summary(saved.summary);
        self.notices.announce(Notice::Renamed { name });
        Ok(())
    }

    /// Saves a copy of a plan under a new name.
    pub fn duplicate(
        &self,
        id: PlanId,
        copy_name: impl Fn(&str) -> String,
    ) -> Result<(), SaveFailure> {
        let loaded = self
            .storage
            .with_lib(|lib| lib.load(id))
            .ok_or(SaveFailure::Storage(StorageError::Unavailable))?;
        let plan = loaded.map_err(load_failure)?.plan;
        let now = now();
        let copy = plan.copy_as(&plan.copy_name(&copy_name), now);
        let saved = self
            .storage
            .lib_or_error(|lib| lib.save(&copy, None, now))
            .map_err(failure)?;
        self.upsert_summary(saved.summary);
        self.refresh_usage();
        self.notices.announce(Notice::Duplicated {
            name: copy.name().to_owned(),
        });
        Ok(())
    }

    /// Deletes a plan, keeping its bytes in memory so "Undo" can put it back.
    pub fn delete(&self, id: PlanId, name: String) -> Result<(), SaveFailure> {
        let raw = self
            .storage
            .with_lib(|lib| lib.delete(id))
            .unwrap_or(Err(StorageError::Unavailable))
            .map_err(SaveFailure::Storage)?;
        self.plans.update(|list| list.retain(|s| s.id != id));
        self.refresh_usage();
        if let Some(raw) = raw {
            // Each delete keeps its own Undo for the whole window, whatever else happens.
            self.deleted
                .update(|list| list.push(DeletedPlan { id, name, raw }));
            let deleted = self.deleted;
            set_timeout(
                move || {
                    let _ = deleted.try_update(|list| list.retain(|d| d.id != id));
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
            .storage
            .lib_or_error(|lib| lib.undo_delete(id, &deleted.raw, now()))
            .map_err(failure)?;
        self.deleted.update(|list| list.retain(|d| d.id != id));
        self.upsert_summary(saved.summary);
        self.refresh_usage();
        self.notices.announce(Notice::Undone { name: deleted.name });
        Ok(())
    }

    /// Downloads the raw bytes of an entry that could not be read.
    pub fn download_problem(&self, problem: &Problem) {
        if let Some(Ok(Some(raw))) = self.storage.with_lib(|lib| lib.raw(&problem.key)) {
            let stem = text::file_stem(problem.name.as_deref().unwrap_or(&problem.id), "plan");
            let _ = file::download(
                &format!("{stem}-unreadable.txt"),
                "text/plain;charset=utf-8",
                &raw,
            );
        }
    }

    pub fn discard_problem(&self, key: &str) {
        let _ = self.storage.with_lib(|lib| lib.discard_recovery(key));
        self.refresh_library();
    }

    /// Reads a stored plan, to send it.
    pub fn stored(&self, id: PlanId) -> Result<Plan, SaveFailure> {
        match self.storage.with_lib(|lib| lib.load(id)) {
            Some(Ok(loaded)) => Ok(loaded.plan),
            Some(Err(e)) => Err(load_failure(e)),
            None => Err(SaveFailure::Storage(StorageError::Unavailable)),
        }
    }

    /// "Export all plans": the backup of this device, every plan whole, private notes
    /// included. `name` names the file. Locked plans are not in it (the library says so):
    /// each exports, still locked, from its own page.
    pub fn export_backup(&self, name: &str) -> Result<(), SaveFailure> {
        let ids: Vec<PlanId> = self
            .plans
            .with_untracked(|l| l.iter().filter(|s| !s.locked).map(|s| s.id).collect());
        let plans = ids
            .iter()
            .map(|id| self.stored(*id))
            .collect::<Result<Vec<_>, _>>()?;
        let file_name = file_name(name, "alliance-planner-backup", today(), false);
        self.write_file(&plans, &file_name)?;
        self.mark_exported(&ids);
        self.notices.announce(Notice::Exported { file: file_name });
        Ok(())
    }

    /// Sends one plan as a file: the share copy, without any private field, unless
    /// `include_private`. Through the system's share sheet when `share` and the browser
    /// can share files; otherwise as a download. A copy that holds everything the plan
    /// holds counts as its backup for the reminder.
    pub async fn send(
        &self,
        plan: Plan,
        include_private: bool,
        share: bool,
    ) -> Result<Sent, SaveFailure> {
        let encode_failure = |e: String| SaveFailure::Encode(e);
        let copy;
        let (to_send, whole) = if include_private {
            (&plan, true)
        } else {
            let (shared, withheld) =
                share_copy_and_withheld(&plan, plan_from_value).map_err(encode_failure)?;
            copy = shared;
            (&copy, !withheld)
        };
        let file_name = self.file_name(plan.name(), include_private);
        let json = encode(std::slice::from_ref(to_send), now(), true)
            .map_err(|e| encode_failure(e.to_string()))?;
        let whole = whole.then_some(plan.id);
        self.deliver(file_name, &json, plan.name(), share, whole)
            .await
    }

    /// Hands a file to the share sheet (`share`, where the browser has one) or downloads
    /// it, then says so. `whole` is the plan the file holds whole, for the reminder.
    async fn deliver(
        &self,
        file_name: String,
        text: &str,
        title: &str,
        share: bool,
        whole: Option<PlanId>,
    ) -> Result<Sent, SaveFailure> {
        let sent = if share {
            file::share(&file_name, FILE_TYPE, text, title)
                .await
                .map_err(SaveFailure::Encode)?
        } else {
            file::download(&file_name, FILE_TYPE, text).map_err(SaveFailure::Encode)?;
            Sent::Downloaded
        };
        if sent != Sent::Cancelled {
            if let Some(id) = whole {
                self.mark_exported(&[id]);
            }
            self.notices.announce(match sent {
                Sent::Shared => Notice::Shared { file: file_name },
                _ => Notice::Exported { file: file_name },
            });
        }
        Ok(sent)
    }

    /// Sends a locked plan's file as it is stored: still locked, whole (it counts as the
    /// plan's backup for the reminder). Its name says nothing of the plan.
    pub async fn send_locked(&self, id: PlanId, share: bool) -> Result<Sent, SaveFailure> {
        let raw = self
            .storage
            .with_lib(|lib| lib.stored_raw(id))
            .unwrap_or(Err(StorageError::Unavailable))
            .map_err(SaveFailure::Storage)?
            .ok_or(SaveFailure::Storage(StorageError::Unavailable))?;
        let file_name = self.locked_file_name();
        let title = file_name.clone();
        self.deliver(file_name, &raw, &title, share, Some(id)).await
    }

    /// The name of a locked plan's file today: it names no plan.
    pub fn locked_file_name(&self) -> String {
        file_name("", "locked-plan", today(), false)
    }

    /// "Forget everything": erases every key of the app from this browser's storage (plans,
    /// their backups and set-aside copies, the index, the device id), then the app's offline
    /// copy (its caches) and its service worker. Returns how many plans were erased. Storage
    /// goes first: if the offline copy cannot be deleted, the plans are gone all the same,
    /// and the error says what is left.
    pub async fn forget_device(&self) -> Result<usize, SaveFailure> {
        let count = self.plans.with_untracked(Vec::len);
        self.storage
            .lib_or_error(|lib| lib.forget_everything().map_err(Into::into))
            .map_err(failure)?;
        let _ = self.plans.try_set(Vec::new());
        let _ = self.exported.try_set(BTreeMap::new());
        let _ = self.problems.try_set(Vec::new());
        let _ = self.deleted.try_set(Vec::new());
        self.refresh_usage();
        forget_offline_copy().await.map_err(SaveFailure::Encode)?;
        Ok(count)
    }

    /// The name of the file [`send`](Self::send) writes for a plan named `name` today.
    pub fn file_name(&self, name: &str, include_private: bool) -> String {
        file_name(name, "alliance-plan", today(), include_private)
    }

    /// True where the browser hands files to a share sheet.
    pub fn can_share_files(&self) -> bool {
        file::can_share_files()
    }

    /// Downloads plans whole, as they are, for a rescue: "Export now" when a save failed.
    pub(super) fn export_whole(&self, plans: &[Plan], name: &str) -> Result<(), SaveFailure> {
        let file_name = file_name(name, "alliance-plan", today(), true);
        self.write_file(plans, &file_name)?;
        self.mark_exported(&plans.iter().map(|p| p.id).collect::<Vec<_>>());
        self.notices.announce(Notice::Exported { file: file_name });
        Ok(())
    }

    fn write_file(&self, plans: &[Plan], file_name: &str) -> Result<(), SaveFailure> {
        let json = encode(plans, now(), true).map_err(|e| SaveFailure::Encode(e.to_string()))?;
        file::download(file_name, FILE_TYPE, &json).map_err(SaveFailure::Encode)
    }

    fn mark_exported(&self, ids: &[PlanId]) {
        let now = now();
        let _ = self.storage.with_lib(|lib| lib.set_exported(ids, now));
        self.exported.update(|e| {
            for id in ids {
                e.insert(*id, now);
            }
        });
    }
}
