//! The plan library on a key-value backend: one key per plan plus an index key, all under one
//! prefix. The same code runs against real localStorage (`browser.rs`) and, in host tests,
//! against an in-memory backend with a quota (`memory.rs`).
//!
//! Rules it keeps:
//! - a save rewrites only the plan that changed, and reads it back;
//! - a save whose plan changed underneath it (another tab) is refused as a conflict;
//! - a save keeps the bytes it replaces under a backup key until the new bytes read back equal,
//!   so a write that goes wrong cannot take both copies;
//! - a stored value that does not decode is moved, byte for byte, to a recovery key and
//!   never overwritten; one from a newer app version is left where it is.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::error::{ImportError, LoadError, SaveError, StorageError};
use super::format::{decode, encode, plan_from_value};
use super::lock::read_locked;
use crate::domain::history::{Step, stamp_step};
use crate::domain::merge::{Conflict, Pick, merge_plans, to_value};
use crate::domain::validate::validate;
use crate::domain::{Plan, PlanId, PlanSummary, Timestamp, dates, sort_summaries};

/// Every key this app writes starts with this.
pub const PREFIX: &str = "alliance-planner/";
pub const INDEX_KEY: &str = "alliance-planner/index";
pub const PLAN_PREFIX: &str = "alliance-planner/plan/";
pub const RECOVERY_PREFIX: &str = "alliance-planner/recovery/";
pub const BACKUP_PREFIX: &str = "alliance-planner/backup/";
/// Written by "Lock now" (its value is the time), so every other tab locks too.
pub const LOCK_NOW_KEY: &str = "alliance-planner/lock-now";
/// This browser's id in the versions of the plans it edits.
pub const DEVICE_KEY: &str = "alliance-planner/device";

/// What localStorage offers one origin in Chromium and Firefox, in UTF-16 code units.
/// Safari may stop earlier; the meter says "about".
pub const QUOTA_CHARS: u64 = 5 * 1024 * 1024;
/// The meter warns from this share of the quota.
pub const WARN_RATIO: f64 = 0.8;

/// A synchronous string store: localStorage, or a map in tests.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;

    /// Writes `value` under `key`, then reads it back: true when the same bytes came back.
    /// (The browser's adapter compares on its side, without copying the value back.)
    /// A read that fails after the write counts as bytes that did not come back.
    fn set_and_check(&self, key: &str, value: &str) -> Result<bool, StorageError> {
        self.set(key, value)?;
        Ok(matches!(self.get(key), Ok(Some(back)) if back == value))
    }

    /// The bytes really stored under `key`: the same as [`get`](Backend::get), except for a
    /// locked plan open in this tab, whose envelope this gives (see `vault.rs`).
    fn stored(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.get(key)
    }

    /// Whether `key` holds a locked plan open in this tab: what is written there is sealed
    /// before it is stored, and the index must not learn its name.
    fn is_sealed(&self, _key: &str) -> bool {
        false
    }

    /// Copies the value under `from` to `to`; nothing when `from` holds none.
    fn copy(&self, from: &str, to: &str) -> Result<(), StorageError> {
        match self.get(from)? {
            Some(v) => self.set(to, &v),
            None => Ok(()),
        }
    }
}

pub fn plan_key(id: PlanId) -> String {
    format!("{PLAN_PREFIX}{id}")
}

pub fn recovery_key(id: &str) -> String {
    format!("{RECOVERY_PREFIX}{id}")
}

/// Where a save keeps the bytes it is replacing until the new ones read back.
pub fn backup_key(id: &str) -> String {
    format!("{BACKUP_PREFIX}{id}")
}

/// Room an import leaves free in storage, so the plans can still be saved afterwards (a save
/// briefly keeps a copy of the plan it replaces) and the index can grow.
pub const IMPORT_RESERVE: u64 = 64 * 1024;

pub use super::format::PER_PLAN_MIN_CHARS;

/// Storage size of one entry as the browser counts it: UTF-16 code units of key and value.
pub fn entry_size(key: &str, value: &str) -> u64 {
    (key.encode_utf16().count() + value.encode_utf16().count()) as u64
}

/// The index: summaries for the library, names of unreadable entries, and the last export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    #[serde(default)]
    pub plans: Vec<PlanSummary>,
    /// The key of an entry that could not be read (a recovery key, or the plan key of a plan
    /// kept by a newer version) → the plan's name when it was last readable.
    #[serde(default)]
    pub recovered: BTreeMap<String, String>,
    /// When "Export all plans" last ran. Read from indexes written before exports were
    /// kept per plan: boot gives its time to every plan, then drops it.
    #[serde(
        default,
        with = "dates::opt_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_export_at: Option<Timestamp>,
    /// When each plan was last exported whole (private notes included), for the reminder.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub exported: BTreeMap<PlanId, ExportedAt>,
}

/// When a plan was last exported whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAt(#[serde(with = "dates::timestamp")] pub Timestamp);

impl Index {
    /// When each plan was last exported whole.
    pub fn exported_times(&self) -> BTreeMap<PlanId, Timestamp> {
        let mut times = BTreeMap::new();
        for (id, at) in &self.exported {
            times.insert(*id, at.0);
        }
        times
    }
}

/// A stored entry that could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The plan id, taken from the key.
    pub id: String,
    /// The plan's name, if the index still knew it.
    pub name: Option<String>,
    /// Where the unreadable bytes are now.
    pub key: String,
    pub error: ImportError,
    /// True when the bytes were moved to a recovery key; false when left in place (a newer
    /// version's plan, or no room to move it).
    pub moved: bool,
    /// True when the copy kept before the failed write was put back in the plan's place.
    pub restored: bool,
}

/// What boot found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BootReport {
    pub plans: Vec<PlanSummary>,
    /// Space used, measured in the same pass (every key is read once).
    pub usage: Option<Usage>,
    pub problems: Vec<Problem>,
    /// When each plan was last exported whole.
    pub exported: BTreeMap<PlanId, Timestamp>,
}

/// A plan read from storage, with the exact bytes, so the next save can tell whether anyone
/// else wrote in between.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub plan: Plan,
    pub raw: String,
}

/// A successful save.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub raw: String,
    pub revision: u64,
    pub summary: PlanSummary,
    /// What the plan takes in storage with its line in the index, in UTF-16 code units.
    pub stored_size: u64,
}

/// Space used by this origin's localStorage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub used: u64,
    pub quota: u64,
}

impl Usage {
    pub fn ratio(&self) -> f64 {
        if self.quota == 0 {
            1.0
        } else {
            self.used as f64 / self.quota as f64
        }
    }
    pub fn is_high(&self) -> bool {
        self.ratio() >= WARN_RATIO
    }
}

/// What saving a tab's edits did (see [`Library::save_edits`]).
#[derive(Debug, Clone, PartialEq)]
pub enum TabSave {
    /// Stored as they were: nobody wrote the plan since the tab read or wrote it.
    Saved { saved: Saved, plan: Plan },
    /// Someone wrote since (another tab, an import): the edits were merged into what they
    /// wrote, and the merge was stored. `content` is the merge as JSON (the tab's next
    /// `before`); `taken` counts the changes theirs brought.
    Merged {
        saved: Saved,
        plan: Plan,
        content: Value,
        taken: usize,
    },
    /// Someone wrote since, and this tab had nothing they had not seen: what is stored is
    /// the plan now. Nothing was written.
    Behind {
        plan: Plan,
        raw: String,
        content: Value,
    },
    /// Both changed the same fields differently (or one deleted what the other edited):
    /// nothing was written. The person chooses, then the tab saves again.
    Conflicts {
        conflicts: Vec<Conflict>,
        theirs: Plan,
    },
}

/// The id a tab stamps its edits with: this device's id, with the tab's slot in its last
/// byte. Tabs open at the same time hold different slots (see `browser::claim_slot`), so
/// two tabs never number two different edits alike; a slot is reused once its tab closes,
/// so a plan's versions grow with the most tabs open at once, not with every tab ever.
pub fn tab_replica(device: Uuid, slot: u8) -> Uuid {
    let mut bytes = *device.as_bytes();
    bytes[15] ^= slot;
    Uuid::from_bytes(bytes)
}

/// The library over some backend.
pub struct Library<B: Backend> {
    backend: B,
    device: OnceCell<Uuid>,
}

impl<B: Backend> Library<B> {
    pub fn new(backend: B) -> Self {
        Library {
            backend,
            device: OnceCell::new(),
        }
    }

    /// This browser's id in plans' versions: made once and kept under [`DEVICE_KEY`]. When
    /// that key cannot be read or written, an id for this session only (never overwriting
    /// what is there).
    pub fn device(&self) -> Uuid {
        *self
            .device
            .get_or_init(|| match self.backend.get(DEVICE_KEY) {
                Ok(Some(raw)) => raw.trim().parse().unwrap_or_else(|_| Uuid::new_v4()),
                Ok(None) => {
                    let id = Uuid::new_v4();
                    let _ = self.backend.set(DEVICE_KEY, &id.to_string());
                    id
                }
                Err(_) => Uuid::new_v4(),
            })
    }

    /// Saves the edits of a tab. `plan` is the tab's copy, `base` the stored bytes it last
    /// read or wrote, `before` its content then, and `after` its content now, as JSON.
    /// The edits are stamped as `replica`'s (this tab's id, see [`tab_replica`]); if someone
    /// wrote the plan since, they are merged into what was written, field by field, and
    /// stored only when nothing conflicts (or `choose` decided every conflict). After
    /// [`TabSave::Saved`], the tab's next `before` is `after`. `step`, when given, is the undo
    /// step from `before` to `after`: the stamps are taken from it, not from another walk of
    /// the two.
    #[allow(clippy::too_many_arguments)]
    pub fn save_edits(
        &self,
        plan: &Plan,
        base: Option<&str>,
        before: &Value,
        after: &Value,
        step: Option<&Step>,
        now: Timestamp,
        replica: Uuid,
        choose: impl Fn(&Conflict) -> Option<Pick>,
    ) -> Result<TabSave, SaveError> {
        let key = plan_key(plan.id);
        let current = self.backend.get(&key)?;
        let theirs = match (&current, base) {
            (None, Some(_)) => return Err(SaveError::Conflict { theirs: None }),
            (Some(c), b) if Some(c.as_str()) != b => match decode_stored(c, &plan.id.to_string()) {
                Ok(theirs) => Some(theirs),
                // Never merged into, nor overwritten: the person chooses what to keep.
                Err(_) => return Err(SaveError::Conflict { theirs: current }),
            },
            _ => None,
        };
        // What the tab knew before this save's stamp.
        let known = plan.versions.as_ref();
        let mut ours = plan.clone();
        let other = theirs.as_ref().and_then(|t| t.versions.as_ref());
        match step {
            Some(step) => ours.stamp_with(replica, other, |v, dot| stamp_step(step, v, dot)),
            None => ours.stamp_between(before, after, replica, other),
        }
        let Some(theirs) = theirs else {
            ours.revision = ours.revision.saturating_add(1);
            ours.updated_at = now;
            // `current` is `base`, read under the plan's lock a moment ago.
            let saved = self.put_over(&ours, current.is_some(), now)?;
            return Ok(TabSave::Saved { saved, plan: ours });
        };
        let edited = ours.versions.as_ref() != known;
        if !edited
            && known
                .as_ref()
                .is_none_or(|k| theirs.versions.as_ref().is_some_and(|t| t.covers(k)))
        {
            let content = to_value(&theirs).map_err(SaveError::Encode)?;
            let raw = current.unwrap_or_default();
            return Ok(TabSave::Behind {
                plan: theirs,
                raw,
                content,
            });
        }
        let merged = merge_plans(&ours, &theirs, replica, plan_from_value, choose)
            .map_err(SaveError::Encode)?;
        if !merged.conflicts.is_empty() {
            return Ok(TabSave::Conflicts {
                conflicts: merged.conflicts,
                theirs,
            });
        }
        let mut next = merged.plan;
        next.revision = ours.revision.max(theirs.revision).saturating_add(1);
        next.updated_at = now;
        let saved = self.put_over(&next, current.is_some(), now)?;
        let content = to_value(&next).map_err(SaveError::Encode)?;
        Ok(TabSave::Merged {
            saved,
            plan: next,
            content,
            taken: merged.taken.len(),
        })
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Reads the index; an unreadable index is treated as empty (it is rebuilt from the plans,
    /// which are the source of truth).
    pub fn index(&self) -> Index {
        match self.backend.get(INDEX_KEY) {
            Ok(Some(raw)) => serde_json::from_str(&raw).unwrap_or_default(),
            _ => Index::default(),
        }
    }

    fn write_index(&self, index: &Index) -> Result<(), StorageError> {
        let raw = serde_json::to_string(index).map_err(|e| StorageError::Other(e.to_string()))?;
        self.backend.set(INDEX_KEY, &raw)
    }

    /// Opens the library: finishes or undoes a save that was cut short, reads every plan, moves
    /// unreadable ones aside, and rebuilds the index.
    pub fn boot(&self) -> Result<BootReport, StorageError> {
        let old_index = self.index();
        let names: BTreeMap<String, String> = old_index
            .plans
            .iter()
            .map(|s| (s.id.to_string(), s.name.clone()))
            .collect();
        let mut report = BootReport::default();
        let mut recovered = old_index.recovered.clone();
        let restored = self.settle_backups(&names, &mut recovered)?;

        let mut keys = self.backend.keys()?;
        keys.sort();
        let mut used = 0;
        for key in &keys {
            if !key.starts_with(PLAN_PREFIX)
                && let Some(value) = self.backend.get(key)?
            {
                used += entry_size(key, &value);
            }
            let Some(id) = key.strip_prefix(PLAN_PREFIX) else {
                continue;
            };
            let Some(raw) = self.backend.stored(key)? else {
                continue;
            };
            // A plan moved aside below keeps its size under its recovery key.
            used += entry_size(key, &raw);
            match read_stored(&raw, id) {
                Ok(Stored::Plan(plan)) => report
                    .plans
                    .push(PlanSummary::of(&plan, entry_size(key, &raw))),
                Ok(Stored::Locked(summary)) => report.plans.push(summary),
                Err(error) => {
                    let name = names
                        .get(id)
                        .or_else(|| recovered.get(key))
                        .filter(|n| !n.is_empty())
                        .cloned();
                    let newer = matches!(error, ImportError::FutureVersion { .. });
                    let moved = !newer && self.move_to_recovery(key, id, &raw);
                    let where_now = if moved { recovery_key(id) } else { key.clone() };
                    recovered.insert(where_now.clone(), name.clone().unwrap_or_default());
                    report.problems.push(Problem {
                        id: id.to_owned(),
                        name,
                        key: where_now,
                        error,
                        moved,
                        restored: false,
                    });
                }
            }
        }
        // Entries moved aside at an earlier boot stay listed until the person discards them.
        for key in &keys {
            let Some(id) = key.strip_prefix(RECOVERY_PREFIX) else {
                continue;
            };
            if report.problems.iter().any(|p| &p.key == key) {
                continue;
            }
            let Some(raw) = self.backend.get(key)? else {
                continue;
            };
            let error = decode_stored(&raw, id)
                .err()
                .unwrap_or(ImportError::KeyMismatch);
            let name = recovered.get(key).filter(|n| !n.is_empty()).cloned();
            report.problems.push(Problem {
                id: id.to_owned(),
                name,
                key: key.clone(),
                error,
                moved: true,
                restored: restored.iter().any(|r| r == id),
            });
        }
        recovered.retain(|k, _| report.problems.iter().any(|p| &p.key == k));

        report.usage = Some(Usage {
            used,
            quota: QUOTA_CHARS,
        });
        sort_summaries(&mut report.plans);
        // Each plan keeps its own last export; the old "all plans" time counts for each.
        // Filled by inserts: collecting into a map would sort, and add a sort to the first
        // screen's code.
        let mut exported = BTreeMap::new();
        for s in &report.plans {
            let at = old_index.exported.get(&s.id).copied();
            if let Some(at) = at.or(old_index.last_export_at.map(ExportedAt)) {
                exported.insert(s.id, at);
                report.exported.insert(s.id, at.0);
            }
        }
        let index = Index {
            plans: report.plans.clone(),
            recovered,
            last_export_at: None,
            exported,
        };
        if index != old_index {
            // Best effort: the index is derived, and a full disk must not stop the app opening.
            let _ = self.write_index(&index);
        }
        Ok(report)
    }

    /// A backup key outlives its save only when the save was cut short. If the plan reads
    /// well, the save finished and the backup goes. Otherwise the unreadable bytes move to a
    /// recovery key and the backup takes the plan's place. Returns the ids put back.
    fn settle_backups(
        &self,
        names: &BTreeMap<String, String>,
        recovered: &mut BTreeMap<String, String>,
    ) -> Result<Vec<String>, StorageError> {
        let mut restored = Vec::new();
        for key in self.backend.keys()? {
            let Some(id) = key.strip_prefix(BACKUP_PREFIX) else {
                continue;
            };
            let Some(backup) = self.backend.get(&key)? else {
                continue;
            };
            let plan_key = format!("{PLAN_PREFIX}{id}");
            let current = self.backend.stored(&plan_key)?;
            if current
                .as_deref()
                .is_some_and(|raw| read_stored(raw, id).is_ok())
            {
                let _ = self.backend.remove(&key);
                continue;
            }
            if read_stored(&backup, id).is_err() {
                continue; // nothing better to put back; the backup stays for a later look
            }
            if let Some(raw) = &current {
                if !self.move_to_recovery(&plan_key, id, raw) {
                    continue;
                }
                let name = names.get(id).cloned().unwrap_or_default();
                recovered.insert(recovery_key(id), name);
            }
            self.backend.set(&plan_key, &backup)?;
            if self.backend.get(&plan_key)?.as_deref() == Some(backup.as_str()) {
                let _ = self.backend.remove(&key);
                restored.push(id.to_owned());
            }
        }
        Ok(restored)
    }

    /// Copies unreadable bytes to the recovery key, checks the copy, then removes the original.
    fn move_to_recovery(&self, key: &str, id: &str, raw: &str) -> bool {
        let target = recovery_key(id);
        let copied = match self.backend.get(&target) {
            Ok(Some(existing)) if existing == raw => true,
            Ok(Some(_)) => false, // never overwrite an earlier recovery copy
            Ok(None) => {
                self.backend.set(&target, raw).is_ok()
                    && matches!(self.backend.get(&target), Ok(Some(ref back)) if back == raw)
            }
            Err(_) => false,
        };
        copied && self.backend.remove(key).is_ok()
    }

    /// The raw bytes of an unreadable entry, for download.
    pub fn raw(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.backend.get(key)
    }

    /// Room left in storage for new data, in the browser's units (UTF-16 code units).
    pub fn room(&self) -> Result<u64, StorageError> {
        self.usage().map(|u| u.quota.saturating_sub(u.used))
    }

    /// Forgets a recovery copy (after the person downloaded it or decided it is not needed).
    pub fn discard_recovery(&self, key: &str) -> Result<(), StorageError> {
        if !key.starts_with(RECOVERY_PREFIX) {
            return Err(StorageError::Other("not a recovery entry".into()));
        }
        self.backend.remove(key)?;
        let mut index = self.index();
        if index.recovered.remove(key).is_some() {
            let _ = self.write_index(&index);
        }
        Ok(())
    }

    /// Reads one plan.
    pub fn load(&self, id: PlanId) -> Result<Loaded, LoadError> {
        let key = plan_key(id);
        let raw = self.backend.get(&key)?.ok_or(LoadError::Missing)?;
        let plan = decode_stored(&raw, &id.to_string())?;
        Ok(Loaded { plan, raw })
    }

    /// The bytes really stored for a plan: a locked plan's envelope, even while it is open
    /// here.
    pub fn stored_raw(&self, id: PlanId) -> Result<Option<String>, StorageError> {
        self.backend.stored(&plan_key(id))
    }

    /// The exact stored bytes of a plan, or `None` if it is gone.
    pub fn current_raw(&self, id: PlanId) -> Result<Option<String>, StorageError> {
        self.backend.get(&plan_key(id))
    }

    /// Saves an edited plan if, and only if, the stored bytes are still `base` (`None`: the plan
    /// must not exist yet). Bumps the revision and stamps `now` as the last edit.
    pub fn save(
        &self,
        plan: &Plan,
        base: Option<&str>,
        now: Timestamp,
    ) -> Result<Saved, SaveError> {
        let base_revision = match base {
            Some(raw) => decode_stored(raw, &plan.id.to_string())
                .map(|p| p.revision)
                .unwrap_or(0),
            None => 0,
        };
        let mut next = plan.clone();
        // At the top the counter stays put rather than wrap to 0; conflicts compare bytes.
        next.revision = base_revision.max(plan.revision).saturating_add(1);
        next.updated_at = now;
        self.put(&next, base, now)
    }

    /// Stores a plan exactly as given (an import), under the same `base` rule as [`save`].
    ///
    /// [`save`]: Library::save
    pub fn put(&self, plan: &Plan, base: Option<&str>, now: Timestamp) -> Result<Saved, SaveError> {
        let saved = self.store(plan, base, now, None)?;
        self.add_to_index(std::slice::from_ref(&saved.summary));
        Ok(saved)
    }

    /// [`put`] for a save that has just read the plan's key under its lock and found the
    /// tab's base there: the key is not read again.
    fn put_over(&self, plan: &Plan, replacing: bool, now: Timestamp) -> Result<Saved, SaveError> {
        let saved = self.write_over(plan, replacing, now, None)?;
        self.add_to_index(std::slice::from_ref(&saved.summary));
        Ok(saved)
    }

    /// [`put`] without updating the index: an import of many plans stores a batch this way,
    /// then lists the whole batch with one [`add_to_index`]. With `room`, a plan that would
    /// take more than that (with its line in the index) is refused as if storage were full.
    ///
    /// [`put`]: Library::put
    /// [`add_to_index`]: Library::add_to_index
    pub fn store(
        &self,
        plan: &Plan,
        base: Option<&str>,
        now: Timestamp,
        room: Option<u64>,
    ) -> Result<Saved, SaveError> {
        self.write_plan(plan, base, now, room).map_err(|e| match e {
            // A plan with this id is stored here, unreadable to this version: say so.
            SaveError::Conflict {
                theirs: Some(theirs),
            } if base.is_none() => match newer_version(&theirs) {
                Some(version) => SaveError::StoredByNewerVersion { version },
                None => SaveError::Conflict {
                    theirs: Some(theirs),
                },
            },
            e => e,
        })
    }

    /// Lists plans in the index (best effort: the index is rebuilt from the plans at boot).
    pub fn add_to_index(&self, summaries: &[PlanSummary]) {
        let mut index = self.index();
        index
            .plans
            .retain(|s| !summaries.iter().any(|n| n.id == s.id));
        index.plans.extend_from_slice(summaries);
        sort_summaries(&mut index.plans);
        let _ = self.write_index(&index);
    }

    /// Writes one plan if the stored bytes are still `base`, keeping the old bytes under the
    /// backup key until the new ones read back equal.
    fn write_plan(
        &self,
        plan: &Plan,
        base: Option<&str>,
        now: Timestamp,
        room: Option<u64>,
    ) -> Result<Saved, SaveError> {
        let key = plan_key(plan.id);
        let current = self.backend.get(&key)?;
        if current.as_deref() != base {
            return Err(SaveError::Conflict { theirs: current });
        }
        self.write_over(plan, current.is_some(), now, room)
    }

    /// Writes a plan where the caller has just read its key and found what it expected, in
    /// the same turn (or under the plan's lock), so nothing can have come between: `replacing`
    /// says whether a plan was there. The old bytes are kept under the backup key until the new
    /// ones read back.
    fn write_over(
        &self,
        plan: &Plan,
        replacing: bool,
        now: Timestamp,
        room: Option<u64>,
    ) -> Result<Saved, SaveError> {
        // Never store what the read path would refuse.
        validate(plan).map_err(SaveError::Invalid)?;
        let key = plan_key(plan.id);
        let raw = encode(std::slice::from_ref(plan), now, false)
            .map_err(|e| SaveError::Encode(e.to_string()))?;
        let mut summary = PlanSummary::of(plan, entry_size(&key, &raw));
        if self.backend.is_sealed(&key) {
            // Sealed before it is stored: the index learns nothing of it.
            summary = PlanSummary::locked(plan.id, now, summary.size);
        }
        let stored_size = summary.size + index_line_size(&summary);
        if room.is_some_and(|room| stored_size > room) {
            return Err(StorageError::QuotaExceeded.into());
        }
        let backup = backup_key(&plan.id.to_string());
        if replacing {
            self.backend.copy(&key, &backup)?;
        }
        match self.backend.set_and_check(&key, &raw) {
            Ok(true) => {}
            // The backup stays: the next boot puts it back if these bytes do not read.
            Ok(false) => return Err(StorageError::ReadBackMismatch.into()),
            Err(e) => {
                // Nothing was replaced: the backup is not needed.
                let _ = self.backend.remove(&backup);
                return Err(e.into());
            }
        }
        if replacing {
            let _ = self.backend.remove(&backup);
        }
        Ok(Saved {
            raw,
            revision: plan.revision,
            summary,
            stored_size,
        })
    }

    /// Removes a plan and returns its bytes, so the person can undo.
    pub fn delete(&self, id: PlanId) -> Result<Option<String>, StorageError> {
        let key = plan_key(id);
        let raw = self.backend.stored(&key)?;
        // Only bytes that can be put back are removed: anything else is left for recovery.
        if let Some(r) = &raw {
            read_stored(r, &id.to_string()).map_err(|e| StorageError::Other(e.to_string()))?;
        }
        self.backend.remove(&key)?;
        let _ = self.backend.remove(&backup_key(&id.to_string()));
        let mut index = self.index();
        index.plans.retain(|s| s.id != id);
        let _ = self.write_index(&index);
        Ok(raw)
    }

    /// Puts back a deleted plan, unless something took its place meanwhile.
    pub fn undo_delete(&self, id: PlanId, raw: &str, now: Timestamp) -> Result<Saved, SaveError> {
        match read_stored(raw, &id.to_string()).map_err(|e| SaveError::Encode(e.to_string()))? {
            Stored::Plan(plan) => self.put(&plan, None, now),
            Stored::Locked(summary) => self.put_locked(raw, summary, None),
        }
    }

    /// Stores a locked plan's envelope as it is (an import, or a deleted plan put back) if
    /// the stored bytes are still `base`, and lists it.
    pub fn put_locked(
        &self,
        raw: &str,
        summary: PlanSummary,
        base: Option<&str>,
    ) -> Result<Saved, SaveError> {
        let key = plan_key(summary.id);
        let current = self.backend.stored(&key)?;
        if current.as_deref() != base || self.backend.is_sealed(&key) {
            return Err(SaveError::Conflict { theirs: current });
        }
        let backup = backup_key(&summary.id.to_string());
        if let Some(old) = &current {
            self.backend.set(&backup, old)?;
        }
        if !self.backend.set_and_check(&key, raw)? {
            return Err(StorageError::ReadBackMismatch.into());
        }
        let _ = self.backend.remove(&backup);
        self.add_to_index(std::slice::from_ref(&summary));
        Ok(Saved {
            raw: raw.to_owned(),
            revision: 0,
            stored_size: summary.size + index_line_size(&summary),
            summary,
        })
    }

    /// Lists one stored plan again in the index (after its lock was put on or taken off),
    /// and returns its line.
    pub fn relist(&self, id: PlanId) -> Result<PlanSummary, LoadError> {
        let summary = self.summary(id)?;
        self.add_to_index(std::slice::from_ref(&summary));
        Ok(summary)
    }

    /// The library's line for one stored plan, read from what is stored (a locked plan's
    /// line says nothing of it, even while it is open here).
    pub fn summary(&self, id: PlanId) -> Result<PlanSummary, LoadError> {
        let key = plan_key(id);
        let raw = self.backend.stored(&key)?.ok_or(LoadError::Missing)?;
        Ok(match read_stored(&raw, &id.to_string())? {
            Stored::Plan(plan) => PlanSummary::of(&plan, entry_size(&key, &raw)),
            Stored::Locked(summary) => summary,
        })
    }

    /// Records that `ids` were exported whole at `at`, for the reminder.
    pub fn set_exported(&self, ids: &[PlanId], at: Timestamp) -> Result<(), StorageError> {
        let mut index = self.index();
        for id in ids {
            index.exported.insert(*id, ExportedAt(at));
        }
        self.write_index(&index)
    }

    /// Erases every key this app keeps in storage: plans, their backups and recovery
    /// copies, the index and this device's id. Keys of other apps on the same site stay.
    /// Returns how many keys went.
    pub fn forget_everything(&self) -> Result<usize, StorageError> {
        let keys: Vec<String> = self
            .backend
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(PREFIX))
            .collect();
        for k in &keys {
            self.backend.remove(k)?;
        }
        Ok(keys.len())
    }

    /// Space used by every key of this origin (other apps on the same origin count too).
    pub fn usage(&self) -> Result<Usage, StorageError> {
        let mut used = 0;
        for key in self.backend.keys()? {
            if let Some(value) = self.backend.get(&key)? {
                used += entry_size(&key, &value);
            }
        }
        Ok(Usage {
            used,
            quota: QUOTA_CHARS,
        })
    }
}

/// The schema version of a stored value that a newer version of the app wrote, from its
/// envelope alone (its plans are not decoded).
pub fn newer_version(raw: &str) -> Option<u64> {
    match super::format::open(raw) {
        Err(ImportError::FutureVersion { found, .. }) => Some(found),
        _ => None,
    }
}

/// What a plan's line adds to the index, in UTF-16 code units.
fn index_line_size(summary: &PlanSummary) -> u64 {
    serde_json::to_string(summary)
        .map(|line| line.encode_utf16().count() as u64 + 1)
        .unwrap_or(0)
}

/// What a plan's key holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    Plan(Box<Plan>),
    /// A locked plan: only its line in the library can be known.
    Locked(PlanSummary),
}

/// Reads a plan's key: a plan (see [`decode_stored`]), or a locked plan's envelope for the
/// same id. A damaged envelope is as unreadable as a damaged plan.
pub fn read_stored(raw: &str, id: &str) -> Result<Stored, ImportError> {
    match decode_stored(raw, id) {
        Err(ImportError::Locked) => {
            let sealed = read_locked(raw).map_err(ImportError::BadLock)?;
            if sealed.id.to_string() != id {
                return Err(ImportError::KeyMismatch);
            }
            let size = entry_size(&format!("{PLAN_PREFIX}{id}"), raw);
            Ok(Stored::Locked(PlanSummary::locked(
                sealed.id,
                sealed.locked_at,
                size,
            )))
        }
        other => other.map(|plan| Stored::Plan(Box::new(plan))),
    }
}

/// Decodes a stored value through the same road as an import, and checks that it holds
/// exactly the plan its key names.
pub fn decode_stored(raw: &str, id: &str) -> Result<Plan, ImportError> {
    let mut decoded = decode(raw)?;
    if decoded.plans.len() != 1 || decoded.plans[0].id.to_string() != id {
        return Err(ImportError::KeyMismatch);
    }
    Ok(decoded.plans.remove(0))
}
