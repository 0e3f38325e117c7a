//! Importing a file: reading it a slice at a time, its preview, and storing the plans the
//! person chose, each as new, as a copy, or in place of the stored plan.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;

use super::{LibraryCtx, Notice, NoticesCtx, SaveFailure, Slice, Storage, failure, now};
use crate::domain::PlanId;
use crate::persistence::error::ImportError;
use crate::persistence::file;
use crate::persistence::format::{Decoded, check_new_id, decode_plan, open, text_of};
use crate::persistence::store::{IMPORT_RESERVE, decode_stored, newer_version};

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
        let file_name = file.name();
        self.progress.set(Some(ImportProgress::Reading {
            file_name: file_name.clone(),
            done: 0,
            total: 0,
        }));
        leptos::task::spawn_local(async move {
            let result = match file::read(&file).await {
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
        let mut slice = Slice::start();
        for (i, raw) in opened.plans.iter().enumerate() {
            let plan = decode_plan(raw, opened.from_version, i)?;
            check_new_id(&mut ids, &plan, i)?;
            if let Some(Ok(Some(stored))) = self.storage.with_lib(|lib| lib.current_raw(plan.id)) {
                if let Some(version) = newer_version(&stored) {
                    newer.insert(plan.id, version);
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
        })
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
            me.store_import(preview, choices, copy_name).await;
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
        let mut room = match self.storage.with_lib(|lib| lib.room()) {
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
        // Listing the last batch redraws the library: let the page breathe before the preview
        // and the alert are drawn again.
        slice.yield_to_browser().await;
        let _ = self.progress.try_set(None);
        self.library.usage_grew(stored);
        match stopped {
            None => {
                let _ = self.preview.try_set(None);
                self.notices
                    .announce(Notice::Imported { count: done.len() });
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
