//! Importing a file: reading it a slice at a time, its preview, and storing the plans the
//! person chose, each as new, as a copy, merged into the stored plan, or in its place.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;

use serde_json::Value;

use super::{LibraryCtx, Notice, NoticesCtx, SaveFailure, Slice, Storage, failure, now};
use crate::domain::merge::{Conflict, Pick, Seg, merge_plans, to_value};
use crate::domain::steps::{Step, StepChanges, changes_by_step};
use crate::domain::{Plan, PlanId, PlanSummary};
use crate::persistence::error::ImportError;
use crate::persistence::file;
use crate::persistence::format::{
    Decoded, check_new_id, decode_plan, open, plan_from_value, text_of,
};
use crate::persistence::lock::{is_locked, read_locked};
use crate::persistence::store::{
    IMPORT_RESERVE, decode_stored, entry_size, newer_version, plan_key,
};

/// One plan offered by an import, and what the person chose for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportChoice {
    Add,
    /// Take the file's changes into the plan this device has, field by field.
    Merge,
    Copy,
    Replace,
    Skip,
}

impl ImportChoice {
    pub const ALL: [ImportChoice; 5] = [
        ImportChoice::Add,
        ImportChoice::Merge,
        ImportChoice::Copy,
        ImportChoice::Replace,
        ImportChoice::Skip,
    ];

    /// Its value in a form.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportChoice::Add => "add",
            ImportChoice::Merge => "merge",
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
    /// What merging would do, for each plan of the file this device has and can read.
    pub merges: HashMap<PlanId, Arc<MergePreview>>,
}

/// What merging a plan of the file into the plan this device has would do: only what the
/// file's side changed since the two copies last agreed.
#[derive(Debug, Clone, PartialEq)]
pub struct MergePreview {
    /// Items the file adds, changes and removes, step by step.
    pub changes: Vec<(Step, StepChanges)>,
    /// Fields changed differently here and in the file: each needs a choice.
    pub conflicts: Arc<Vec<Conflict>>,
    /// This device's plan and the file's, as JSON, to name the items of the conflicts
    /// (`null` when there are none).
    pub ours: Arc<Value>,
    pub theirs: Arc<Value>,
}

impl MergePreview {
    /// The file holds nothing this device's plan lacks.
    pub fn is_up_to_date(&self) -> bool {
        self.changes.is_empty() && self.conflicts.is_empty()
    }
}

/// The person's choice for each conflict of a merge ("yours" where none was made).
pub type MergeChoices = HashMap<PlanId, HashMap<Vec<Seg>, Pick>>;

/// The plans an import merged, with what they held before, for "Undo".
#[derive(Debug, Clone, PartialEq)]
pub struct MergeDone {
    pub plans: Vec<MergedPlan>,
    /// Items taken from the file, over all plans.
    pub changes: usize,
    /// Conflicts settled by the person's choices, over all plans.
    pub conflicts: usize,
    /// Plans the file had nothing new for (left untouched).
    pub up_to_date: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MergedPlan {
    pub id: PlanId,
    pub name: String,
    /// The stored bytes before the merge, and after it.
    pub before: String,
    pub after: String,
}

/// A file holding a locked plan: it is stored as it is, still locked.
#[derive(Debug, Clone, PartialEq)]
pub struct LockedImport {
    pub file_name: String,
    /// The envelope, as the file holds it.
    pub raw: String,
    pub summary: PlanSummary,
    /// The stored bytes of the plan with the same id on this device, if there is one:
    /// "Replace" only goes ahead if they are still the same.
    pub local: Option<String>,
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

/// The file being imported.
#[derive(Clone, Copy)]
pub struct ImportsCtx {
    storage: Storage,
    notices: NoticesCtx,
    library: LibraryCtx,
    /// Shared, not copied: a file can hold thousands of plans.
    pub preview: RwSignal<Option<Arc<ImportPreview>>>,
    /// Why the last file could not be read. Nothing was written.
    pub error: RwSignal<Option<ImportError>>,
    /// Why the last import stopped at the save step. Kept here, not in the preview, so it
    /// survives the preview being redrawn.
    pub failure: RwSignal<Option<ImportFailure>>,
    pub progress: RwSignal<Option<ImportProgress>>,
    /// The last import's merges, while their "Undo" is offered.
    pub merged: RwSignal<Option<MergeDone>>,
    /// Why the merge could not be undone.
    pub undo_error: RwSignal<Option<SaveFailure>>,
    /// A file holding a locked plan, waiting for the person's decision.
    pub locked: RwSignal<Option<LockedImport>>,
    /// Raised to stop the file being read (and by each new file).
    job: StoredValue<u32>,
}

/// The import, from any component under the shell.
pub fn use_imports() -> ImportsCtx {
    expect_context::<ImportsCtx>()
}

impl ImportsCtx {
    pub(super) fn new(storage: Storage, notices: NoticesCtx, library: LibraryCtx) -> Self {
        ImportsCtx {
            storage,
            notices,
            library,
            preview: RwSignal::new(None),
            error: RwSignal::new(None),
            failure: RwSignal::new(None),
            progress: RwSignal::new(None),
            merged: RwSignal::new(None),
            undo_error: RwSignal::new(None),
            locked: RwSignal::new(None),
            job: StoredValue::new(0),
        }
    }

    /// Reads a picked or dropped file and, if it decodes, shows the preview. A big file is
    /// read a few plans at a time, with a progress bar, so the page never stops answering.
    pub fn read_import(&self, file: web_sys::File) {
        let me = *self;
        let job = self.job.get_value().wrapping_add(1);
        self.job.set_value(job);
        self.error.set(None);
        self.failure.set(None);
        self.preview.set(None);
        self.merged.set(None);
        self.undo_error.set(None);
        self.locked.set(None);
        let file_name = file.name();
        self.progress.set(Some(ImportProgress::Reading {
            file_name: file_name.clone(),
            done: 0,
            total: 0,
        }));
        leptos::task::spawn_local(async move {
            let bytes = file::read(&file).await;
            if let Ok(bytes) = &bytes
                && let Ok(text) = text_of(bytes)
                && is_locked(text)
            {
                let result = me.locked_import(text, &file_name);
                if me.job.try_get_value() == Some(job) {
                    let _ = me.progress.try_set(None);
                    match result {
                        Ok(locked) => {
                            let _ = me.locked.try_set(Some(locked));
                        }
                        Err(e) => {
                            let _ = me.error.try_set(Some(e));
                        }
                    }
                }
                return;
            }
            let result = match bytes {
                Ok(bytes) => me.decode_import(&bytes, &file_name, job).await,
                Err(e) => Err(e),
            };
            if me.job.try_get_value() != Some(job) {
                return; // stopped, or another file was picked meanwhile
            }
            let _ = me.progress.try_set(None);
            match result {
                Ok(preview) => {
                    let _ = me.preview.try_set(Some(Arc::new(preview)));
                }
                Err(e) => {
                    let _ = me.error.try_set(Some(e));
                }
            }
        });
    }

    /// Checks a locked plan's file, for its preview.
    fn locked_import(&self, text: &str, file_name: &str) -> Result<LockedImport, ImportError> {
        let sealed = read_locked(text).map_err(ImportError::BadLock)?;
        let size = entry_size(&plan_key(sealed.id), text);
        let room = match self.storage.with_lib(|lib| lib.room()) {
            Some(Ok(room)) => room.saturating_sub(IMPORT_RESERVE),
            _ => 0,
        };
        if size > room {
            return Err(ImportError::NoRoom { needed: size, room });
        }
        let local = self
            .storage
            .with_lib(|lib| lib.current_raw(sealed.id))
            .and_then(Result::ok)
            .flatten();
        Ok(LockedImport {
            file_name: file_name.to_owned(),
            raw: text.to_owned(),
            summary: PlanSummary::locked(sealed.id, sealed.locked_at, size),
            local,
        })
    }

    /// Stores the locked plan of the file as it is: added, or in place of the plan with
    /// the same id (only if that is still what the preview saw).
    pub fn apply_locked_import(&self, name: String) {
        let Some(locked) = self.locked.get_untracked() else {
            return;
        };
        let result = self.storage.lib_or_error(|lib| {
            lib.put_locked(&locked.raw, locked.summary.clone(), locked.local.as_deref())
        });
        match result {
            Ok(saved) => {
                self.locked.set(None);
                self.library.list_imported(vec![saved.summary]);
                self.library.usage_grew(saved.stored_size);
                self.notices.announce(Notice::Imported { count: 1 });
            }
            Err(e) => self.failure.set(Some(ImportFailure {
                name,
                reason: failure(e),
                imported: 0,
                chosen: 1,
                not_imported: Vec::new(),
            })),
        }
    }

    /// Drops a locked plan's file without storing it.
    pub fn cancel_locked_import(&self) {
        self.locked.set(None);
        self.notices.announce(Notice::ImportCancelled);
    }

    /// Stops reading a file (nothing has been written yet).
    pub fn stop_reading(&self) {
        self.job.update_value(|j| *j = j.wrapping_add(1));
        self.progress.set(None);
        self.notices.announce(Notice::ImportCancelled);
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
        let room = match self.storage.with_lib(|lib| lib.room()) {
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
        let mut merges = HashMap::new();
        let mut slice = Slice::start();
        for (i, raw) in opened.plans.iter().enumerate() {
            let plan = decode_plan(raw, opened.from_version, i)?;
            check_new_id(&mut ids, &plan, i)?;
            if let Some(Ok(Some(stored))) = self.storage.with_lib(|lib| lib.current_raw(plan.id)) {
                if let Some(version) = newer_version(&stored) {
                    newer.insert(plan.id, version);
                } else if let Some(preview) = self.merge_preview(&stored, &plan) {
                    merges.insert(plan.id, Arc::new(preview));
                }
                local.insert(plan.id, stored);
            }
            plans.push(plan);
            if slice.over() {
                let _ = self.progress.try_set(Some(ImportProgress::Reading {
                    file_name: file_name.to_owned(),
                    done: i + 1,
                    total,
                }));
                slice.yield_to_browser().await;
                if self.job.try_get_value() != Some(job) {
                    return Err(ImportError::Empty); // dropped by the caller
                }
            }
        }
        // Drawing the preview is a task of its own.
        slice.yield_to_browser().await;
        if self.job.try_get_value() != Some(job) {
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
            merges,
        })
    }

    /// What merging `plan` (from the file) into the plan stored as `stored` would do; `None`
    /// when the stored plan cannot be read (it can still be copied or replaced).
    fn merge_preview(&self, stored: &str, plan: &Plan) -> Option<MergePreview> {
        let ours = decode_stored(stored, &plan.id.to_string()).ok()?;
        let m = merge_plans(&ours, plan, self.storage.replica(), plan_from_value, |_| {
            None
        })
        .ok()?;
        // Both copies as JSON only to name the items of conflicts: made when there are some.
        let (ours, theirs) = if m.conflicts.is_empty() {
            (Value::Null, Value::Null)
        } else {
            (to_value(&ours).ok()?, to_value(plan).ok()?)
        };
        Some(MergePreview {
            changes: changes_by_step(&m.taken),
            conflicts: Arc::new(m.conflicts),
            ours: Arc::new(ours),
            theirs: Arc::new(theirs),
        })
    }

    /// `plan` from the file merged into `stored` (this device's bytes, as the preview read
    /// them), with the person's choices ("yours" where none was made).
    fn merged(
        &self,
        stored: &str,
        plan: &Plan,
        picks: Option<&HashMap<Vec<Seg>, Pick>>,
        now: crate::domain::Timestamp,
    ) -> Result<Plan, SaveFailure> {
        let encode = |e: String| SaveFailure::Encode(e);
        let ours =
            decode_stored(stored, &plan.id.to_string()).map_err(|e| encode(e.to_string()))?;
        let m = merge_plans(&ours, plan, self.storage.replica(), plan_from_value, |c| {
            Some(
                picks
                    .and_then(|p| p.get(&c.path))
                    .copied()
                    .unwrap_or(Pick::Ours),
            )
        })
        .map_err(encode)?;
        let mut next = m.plan;
        next.revision = ours.revision.max(plan.revision).saturating_add(1);
        next.updated_at = now;
        Ok(next)
    }

    /// Puts back what the last import's merges replaced, each plan only if it has not
    /// changed since the merge. The old content is written as a new edit, so a tab that
    /// shows the merged plan takes it too.
    pub fn undo_merge(&self) {
        let Some(done) = self.merged.get_untracked() else {
            return;
        };
        let now = now();
        let replica = self.storage.replica();
        let mut batch = Vec::new();
        let mut error = None;
        for p in &done.plans {
            let id = p.id.to_string();
            let result = (|| {
                let before = decode_stored(&p.before, &id)
                    .map_err(|e| SaveFailure::Encode(e.to_string()))?;
                let after =
                    decode_stored(&p.after, &id).map_err(|e| SaveFailure::Encode(e.to_string()))?;
                let mut back = before
                    .replacing(&after, replica)
                    .map_err(SaveFailure::Encode)?;
                back.updated_at = now;
                self.storage
                    .lib_or_error(|lib| lib.store(&back, Some(&p.after), now, None))
                    .map_err(failure)
            })();
            match result {
                Ok(saved) => batch.push(saved.summary),
                Err(e) => error = Some(e),
            }
        }
        self.library.list_imported(batch);
        leptos::task::spawn_local(super::document::settle_all(self.storage));
        self.merged.set(None);
        self.undo_error.set(error);
        if self.undo_error.with_untracked(Option::is_none) {
            self.notices.announce(Notice::MergeUndone {
                count: done.plans.len(),
            });
        }
    }

    /// Applies the person's choices, one plan for each entry of `choices` (in the preview's
    /// order), a slice of plans at a time with a progress bar. Stops cleanly at the first plan
    /// that cannot be stored, or that would leave too little room: the plans before it stay
    /// imported and leave the preview, and `failure` says which were not imported and
    /// why. "Replace" only overwrites the exact bytes the preview showed; nothing else stored
    /// before the import is touched.
    pub fn apply_import(
        &self,
        choices: Vec<ImportChoice>,
        picks: MergeChoices,
        copy_name: impl Fn(&str) -> String + 'static,
    ) {
        let Some(preview) = self.preview.get_untracked() else {
            return;
        };
        if self.progress.with_untracked(Option::is_some) {
            return;
        }
        let me = *self;
        self.failure.set(None);
        // Busy from this moment: a second click before the job starts must not start another.
        let total = choices.iter().filter(|c| **c != ImportChoice::Skip).count();
        self.progress
            .set(Some(ImportProgress::Saving { done: 0, total }));
        leptos::task::spawn_local(async move {
            me.store_import(preview, choices, picks, copy_name).await;
        });
    }

    async fn store_import(
        &self,
        preview: Arc<ImportPreview>,
        choices: Vec<ImportChoice>,
        picks: MergeChoices,
        copy_name: impl Fn(&str) -> String,
    ) {
        let now = now();
        let chosen: Vec<usize> = (0..preview.decoded.plans.len())
            .filter(|i| choices.get(*i).is_some_and(|c| *c != ImportChoice::Skip))
            .collect();
        let total = chosen.len();
        let mut room = match self.storage.with_lib(|lib| lib.room()) {
            Some(Ok(room)) => room.saturating_sub(IMPORT_RESERVE),
            _ => 0,
        };
        let mut done: HashSet<PlanId> = HashSet::with_capacity(total);
        let mut batch = Vec::new();
        let mut stopped = None;
        let mut stored = 0;
        let mut merged = MergeDone {
            plans: Vec::new(),
            changes: 0,
            conflicts: 0,
            up_to_date: 0,
        };
        let mut slice = Slice::start();
        for (n, &i) in chosen.iter().enumerate() {
            let plan = &preview.decoded.plans[i];
            let choice = choices[i];
            let copy;
            let replacement;
            let merge;
            let (to_store, base) = match choice {
                ImportChoice::Merge => {
                    // What the preview showed is what is merged, against the same bytes.
                    let base = preview.local.get(&plan.id).map(String::as_str);
                    let outline = preview.merges.get(&plan.id);
                    if outline.is_some_and(|m| m.is_up_to_date()) {
                        merged.up_to_date += 1;
                        done.insert(plan.id);
                        continue;
                    }
                    let result = match (base, outline) {
                        (Some(raw), Some(_)) => self.merged(raw, plan, picks.get(&plan.id), now),
                        _ => Err(SaveFailure::Conflict),
                    };
                    match result {
                        Ok(m) => {
                            if let Some(o) = outline {
                                merged.changes +=
                                    o.changes.iter().map(|(_, c)| c.total()).sum::<usize>();
                                merged.conflicts += o.conflicts.len();
                            }
                            merge = m;
                            (&merge, base)
                        }
                        Err(e) => {
                            stopped = Some((n, plan.name().to_owned(), e));
                            break;
                        }
                    }
                }
                ImportChoice::Copy => {
                    copy = plan.copy_as(&plan.copy_name(&copy_name), now);
                    (&copy, None)
                }
                ImportChoice::Replace => {
                    let base = preview.local.get(&plan.id).map(String::as_str);
                    // Stamped as an edit on top of what it replaces, so an open tab takes it.
                    replacement = base
                        .and_then(|raw| decode_stored(raw, &plan.id.to_string()).ok())
                        .and_then(|stored| plan.replacing(&stored, self.storage.replica()).ok());
                    (replacement.as_ref().unwrap_or(plan), base)
                }
                _ => (plan, None),
            };
            match self
                .storage
                .lib_or_error(|lib| lib.store(to_store, base, now, Some(room)))
            {
                Ok(saved) => {
                    if choice == ImportChoice::Merge
                        && let Some(before) = base
                    {
                        merged.plans.push(MergedPlan {
                            id: plan.id,
                            name: to_store.name().to_owned(),
                            before: before.to_owned(),
                            after: saved.raw.clone(),
                        });
                    }
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
                self.library.list_imported(std::mem::take(&mut batch));
                let _ = self
                    .progress
                    .try_set(Some(ImportProgress::Saving { done: n + 1, total }));
                slice.yield_to_browser().await;
            }
        }
        self.library.list_imported(batch);
        // A merge into a locked plan open in this tab is sealed before it counts as stored.
        super::document::settle_all(self.storage).await;
        // Listing the last batch redraws the library: let the page breathe before the preview
        // and the alert are drawn again.
        slice.yield_to_browser().await;
        let _ = self.progress.try_set(None);
        self.library.usage_grew(stored);
        let merges = merged.plans.len() + merged.up_to_date;
        if merges > 0 {
            let _ = self.merged.try_set(Some(merged));
        }
        match stopped {
            None => {
                let _ = self.preview.try_set(None);
                // Merges have their own summary, with "Undo".
                let count = done.len() - merges;
                if count > 0 || merges == 0 {
                    self.notices.announce(Notice::Imported { count });
                }
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
                    merges: preview.merges.clone(),
                };
                let _ = self.preview.try_set(Some(Arc::new(rest)));
                let _ = self.failure.try_set(Some(ImportFailure {
                    name,
                    reason,
                    imported: done.len(),
                    chosen: total,
                    not_imported,
                }));
            }
        }
    }
}
