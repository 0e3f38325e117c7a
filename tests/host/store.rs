//! The storage library on an in-memory backend that behaves like localStorage, including a
//! quota and blocked storage. The browser layer runs the same rules against real localStorage.

use alliance_planner::domain::Plan;
use alliance_planner::domain::validate::Violation;
use alliance_planner::persistence::error::{ImportError, LoadError, SaveError, StorageError};
use alliance_planner::persistence::memory::MemoryBackend;
use alliance_planner::persistence::store::{
    Backend, INDEX_KEY, Library, QUOTA_CHARS, TabSave, backup_key, decode_stored, entry_size,
    plan_key, recovery_key,
};

use crate::common::{file_of, full_plan, ts};

/// What is stored under a plan's key, if anything.
fn stored_raw(
    lib: &Library<MemoryBackend>,
    id: alliance_planner::domain::PlanId,
) -> Option<String> {
    lib.backend().get(&plan_key(id)).ok().flatten()
}

fn lib() -> Library<MemoryBackend> {
    Library::new(MemoryBackend::default())
}

/// Stores, under the plan's key, a plan written by a newer version of the app (v9).
fn plant_newer_version(lib: &Library<MemoryBackend>, plan: &Plan) -> String {
    let future = format!(
        r#"{{"format":"alliance-planner","schema_version":9,"plans":[{{"id":"{}"}}]}}"#,
        plan.id
    );
    lib.backend()
        .set(&plan_key(plan.id), &future)
        .unwrap_or_default();
    future
}

fn saved(lib: &Library<MemoryBackend>, plan: &Plan) -> String {
    lib.save(plan, None, ts("2026-05-01T10:00:00Z"))
        .map(|s| s.raw)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn save_then_load_gives_the_same_plan_with_a_new_revision() {
    let lib = lib();
    let plan = full_plan("Eastside");
    let raw = saved(&lib, &plan);
    let loaded = lib.load(plan.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.raw, raw);
    assert_eq!(loaded.plan.revision, 1);
    assert_eq!(loaded.plan.updated_at, ts("2026-05-01T10:00:00Z"));
    assert_eq!(loaded.plan.overview, plan.overview);
}

#[test]
fn a_save_rewrites_only_the_plan_that_changed() {
    let lib = lib();
    let a = full_plan("A");
    let b = full_plan("B");
    let raw_a = saved(&lib, &a);
    let raw_b = saved(&lib, &b);
    let mut edited = a.clone();
    edited.overview.notes = "changed".into();
    let before_b = stored_raw(&lib, b.id);
    lib.save(&edited, Some(&raw_a), ts("2026-05-02T10:00:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored_raw(&lib, b.id), before_b);
    assert_eq!(before_b.as_deref(), Some(raw_b.as_str()));
    let keys = lib.backend().keys().unwrap_or_default();
    assert_eq!(keys.len(), 3, "two plans and the index: {keys:?}");
}

#[test]
fn revisions_count_up_from_what_is_stored() {
    let lib = lib();
    let plan = full_plan("Rev");
    let mut raw = saved(&lib, &plan);
    for expected in 2..=4 {
        let saved = lib
            .save(&plan, Some(&raw), ts("2026-05-02T10:00:00Z"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(saved.revision, expected);
        raw = saved.raw;
    }
}

#[test]
fn a_stale_base_is_a_conflict_and_writes_nothing() {
    let lib = lib();
    let plan = full_plan("Two tabs");
    let base = saved(&lib, &plan);
    // Tab B saves first.
    let mut theirs = plan.clone();
    theirs.overview.notes = "theirs".into();
    let their_raw = lib
        .save(&theirs, Some(&base), ts("2026-05-02T10:00:00Z"))
        .map(|s| s.raw)
        .unwrap_or_default();
    // Tab A still holds the old base.
    let mut mine = plan.clone();
    mine.overview.notes = "mine".into();
    let result = lib.save(&mine, Some(&base), ts("2026-05-02T10:00:01Z"));
    assert_eq!(
        result,
        Err(SaveError::Conflict {
            theirs: Some(their_raw.clone())
        })
    );
    assert_eq!(stored_raw(&lib, plan.id), Some(their_raw));
}

#[test]
fn saving_a_plan_deleted_elsewhere_is_a_conflict() {
    let lib = lib();
    let plan = full_plan("Gone");
    let base = saved(&lib, &plan);
    let _ = lib.delete(plan.id);
    assert_eq!(
        lib.save(&plan, Some(&base), ts("2026-05-02T10:00:00Z")),
        Err(SaveError::Conflict { theirs: None })
    );
    assert!(
        lib.backend()
            .get(&plan_key(plan.id))
            .ok()
            .flatten()
            .is_none()
    );
}

#[test]
fn creating_over_an_existing_plan_is_refused() {
    let lib = lib();
    let plan = full_plan("Twice");
    saved(&lib, &plan);
    assert!(matches!(
        lib.save(&plan, None, ts("2026-05-02T10:00:00Z")),
        Err(SaveError::Conflict { theirs: Some(_) })
    ));
}

#[test]
fn a_full_quota_fails_the_save_and_keeps_the_last_good_copy() {
    let lib = lib();
    let mut plan = full_plan("Full");
    let raw = saved(&lib, &plan);
    let used: u64 = ["alliance-planner/index".to_owned(), plan_key(plan.id)]
        .iter()
        .map(|k| {
            lib.backend()
                .get(k)
                .ok()
                .flatten()
                .map(|v| entry_size(k, &v))
                .unwrap_or(0)
        })
        .sum();
    lib.backend().quota.set(Some(used + 10));
    plan.overview.notes = "x".repeat(500);
    let result = lib.save(&plan, Some(&raw), ts("2026-05-03T10:00:00Z"));
    assert_eq!(result, Err(SaveError::Storage(StorageError::QuotaExceeded)));
    assert_eq!(stored_raw(&lib, plan.id), Some(raw.clone()));
    assert_eq!(
        lib.load(plan.id).map(|l| l.plan.overview.notes),
        Ok(full_plan("x").overview.notes)
    );
    // Room again: the same base still works.
    lib.backend().quota.set(None);
    assert!(
        lib.save(&plan, Some(&raw), ts("2026-05-03T10:00:01Z"))
            .is_ok()
    );
}

#[test]
fn blocked_storage_is_a_typed_error_not_a_panic() {
    let lib = lib();
    lib.backend().blocked.set(true);
    assert!(matches!(lib.boot(), Err(StorageError::Blocked(_))));
    assert!(matches!(
        lib.save(&full_plan("x"), None, ts("2026-05-03T10:00:00Z")),
        Err(SaveError::Storage(StorageError::Blocked(_)))
    ));
    assert!(matches!(
        lib.load(full_plan("x").id),
        Err(LoadError::Storage(StorageError::Blocked(_)))
    ));
}

#[test]
fn boot_lists_every_readable_plan_newest_first() {
    let lib = lib();
    let old = full_plan("Old");
    let new = full_plan("New");
    lib.save(&old, None, ts("2026-01-01T00:00:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
    lib.save(&new, None, ts("2026-06-01T00:00:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<_> = report.plans.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["New", "Old"]);
    assert!(report.problems.is_empty());
    assert!(report.plans.iter().all(|s| s.size > 0));
    assert_eq!(
        report.plans[0].coalition,
        "Riverside Housing Justice Coalition"
    );
}

#[test]
fn a_corrupt_plan_is_moved_aside_byte_for_byte_and_the_others_still_load() {
    let lib = lib();
    let good = full_plan("Good");
    let bad = full_plan("Precious plan");
    saved(&lib, &good);
    saved(&lib, &bad);
    lib.boot().unwrap_or_else(|e| panic!("{e}")); // the index now knows the name
    let corrupt = r#"{"format":"alliance-planner","schema_version":1,"plans":[{"id":"#;
    lib.backend()
        .set(&plan_key(bad.id), corrupt)
        .unwrap_or_else(|e| panic!("{e}"));

    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.plans.len(), 1);
    assert_eq!(report.plans[0].id, good.id);
    assert_eq!(report.problems.len(), 1);
    let problem = &report.problems[0];
    assert_eq!(problem.name.as_deref(), Some("Precious plan"));
    assert!(problem.moved);
    assert!(matches!(problem.error, ImportError::Syntax { .. }));
    assert_eq!(problem.key, recovery_key(&bad.id.to_string()));
    assert_eq!(
        lib.backend().get(&problem.key).ok().flatten().as_deref(),
        Some(corrupt)
    );
    assert_eq!(stored_raw(&lib, bad.id), None, "the original key is freed");

    // A second boot still reports it, with its name, and never touches the bytes.
    let again = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.problems.len(), 1);
    assert_eq!(again.problems[0].name.as_deref(), Some("Precious plan"));
    assert_eq!(
        lib.raw(&again.problems[0].key).ok().flatten().as_deref(),
        Some(corrupt)
    );

    // Discarding removes it for good.
    lib.discard_recovery(&again.problems[0].key)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(lib.boot().map(|r| r.problems.is_empty()).unwrap_or(false));
}

#[test]
fn wrong_shapes_and_mismatched_keys_are_set_aside_too() {
    let lib = lib();
    let plan = full_plan("Shape");
    let other = full_plan("Other");
    lib.backend()
        .set(
            &plan_key(plan.id),
            r#"{"format":"alliance-planner","schema_version":1,"plans":{}}"#,
        )
        .unwrap_or_default();
    let misfiled = file_of(&other, "2026-01-01T00:00:00Z", false);
    let wrong_id = full_plan("Wrong").id;
    lib.backend()
        .set(&plan_key(wrong_id), &misfiled)
        .unwrap_or_default();
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert!(report.plans.is_empty());
    assert_eq!(report.problems.len(), 2);
    assert!(
        report
            .problems
            .iter()
            .any(|p| matches!(p.error, ImportError::WrongShape { .. }))
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.error == ImportError::KeyMismatch)
    );
    assert!(report.problems.iter().all(|p| p.name.is_none()));
}

#[test]
fn a_plan_from_a_newer_version_is_left_where_it_is() {
    let lib = lib();
    let plan = full_plan("Future");
    let future = plant_newer_version(&lib, &plan);
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.problems.len(), 1);
    assert!(!report.problems[0].moved);
    assert_eq!(
        report.problems[0].error,
        ImportError::FutureVersion {
            found: 9,
            supported: alliance_planner::persistence::migrate::CURRENT
        }
    );
    assert_eq!(stored_raw(&lib, plan.id), Some(future.clone()));
    assert!(
        lib.discard_recovery(&plan_key(plan.id)).is_err(),
        "only recovery copies can be discarded"
    );
    assert_eq!(stored_raw(&lib, plan.id), Some(future));
}

#[test]
fn when_there_is_no_room_to_move_a_corrupt_plan_it_stays_in_place() {
    let lib = lib();
    let id = full_plan("x").id;
    let corrupt = "{".repeat(20);
    lib.backend()
        .set(&plan_key(id), &corrupt)
        .unwrap_or_default();
    // Exactly full: there is no room for a recovery copy.
    lib.backend()
        .quota
        .set(Some(entry_size(&plan_key(id), &corrupt)));
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.problems.len(), 1);
    assert!(!report.problems[0].moved);
    assert_eq!(stored_raw(&lib, id), Some(corrupt));
}

#[test]
fn a_corrupt_index_is_rebuilt_from_the_plans() {
    let lib = lib();
    let plan = full_plan("Indexed");
    saved(&lib, &plan);
    lib.backend().set(INDEX_KEY, "not json").unwrap_or_default();
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.plans.len(), 1);
    assert!(report.problems.is_empty());
    assert_eq!(lib.index().plans.len(), 1);
}

#[test]
fn delete_returns_the_bytes_and_undo_puts_the_plan_back() {
    let lib = lib();
    let plan = full_plan("Undo me");
    let raw = saved(&lib, &plan);
    let removed = lib.delete(plan.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(removed.as_deref(), Some(raw.as_str()));
    assert!(lib.boot().map(|r| r.plans.is_empty()).unwrap_or(false));
    lib.undo_delete(plan.id, &raw, ts("2026-05-05T00:00:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
    let back = lib.load(plan.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        decode_stored(&raw, &plan.id.to_string()).ok(),
        Some(back.plan)
    );
    assert_eq!(lib.boot().map(|r| r.plans.len()).unwrap_or(0), 1);
}

#[test]
fn put_keeps_an_imported_plan_exactly_as_it_was() {
    let lib = lib();
    let mut plan = full_plan("Imported");
    plan.revision = 41;
    let saved = lib
        .put(&plan, None, ts("2026-07-01T00:00:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.revision, 41);
    assert_eq!(lib.load(plan.id).map(|l| l.plan), Ok(plan));
}

#[test]
fn each_plans_last_export_survives_boot_and_goes_with_the_plan() {
    let lib = lib();
    let exported = full_plan("Exported");
    let not_yet = full_plan("Not yet");
    saved(&lib, &exported);
    saved(&lib, &not_yet);
    lib.set_exported(&[exported.id], ts("2026-08-01T00:00:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        report.exported.into_iter().collect::<Vec<_>>(),
        vec![(exported.id, ts("2026-08-01T00:00:00Z"))]
    );
    lib.delete(exported.id).unwrap_or_else(|e| panic!("{e}"));
    assert!(lib.boot().map(|r| r.exported.is_empty()).unwrap_or(false));
}

/// An index from before exports were kept per plan: its "all plans" time counts for every
/// plan, once.
#[test]
fn an_old_index_s_last_export_counts_for_every_plan() {
    let lib = lib();
    let a = full_plan("A");
    let b = full_plan("B");
    saved(&lib, &a);
    saved(&lib, &b);
    let mut index = lib.index();
    index.last_export_at = Some(ts("2026-08-01T00:00:00Z"));
    let raw = serde_json::to_string(&index).unwrap_or_default();
    lib.backend()
        .set(INDEX_KEY, &raw)
        .unwrap_or_else(|e| panic!("{e}"));
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.exported.len(), 2);
    assert_eq!(lib.index().last_export_at, None);
    assert_eq!(lib.index().exported.len(), 2);
}

#[test]
fn forgetting_the_device_erases_every_key_of_the_app_and_no_other() {
    let lib = lib();
    saved(&lib, &full_plan("Gone"));
    lib.backend()
        .set("other-app/settings", "kept")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(lib.forget_everything().unwrap_or(0) >= 2);
    let left = lib.backend().keys().unwrap_or_default();
    assert_eq!(left, vec!["other-app/settings".to_owned()]);
    assert!(lib.boot().map(|r| r.plans.is_empty()).unwrap_or(false));
}

#[test]
fn usage_counts_every_key_in_utf16_units() {
    let lib = lib();
    lib.backend().set("other-app", "ab").unwrap_or_default();
    lib.backend().set("k", "é😀").unwrap_or_default(); // 1 + 1 + 2 code units
    let usage = lib.usage().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(usage.used, 9 + 2 + 4);
    assert_eq!(usage.quota, QUOTA_CHARS);
    assert!(!usage.is_high());
}

#[test]
fn boot_measures_usage_in_the_same_pass() {
    let lib = lib();
    lib.backend().set("other-app", "ab").unwrap_or_default();
    saved(&lib, &full_plan("Measured"));
    let _ = lib.boot(); // settles the index
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.usage, lib.usage().ok());
}

#[test]
fn a_plan_the_reader_would_refuse_is_never_written() {
    let lib = lib();
    let mut plan = full_plan("Valid");
    let base = saved(&lib, &plan);
    plan.overview.name = "n".repeat(201);
    assert_eq!(
        lib.save(&plan, Some(&base), ts("2026-05-02T10:00:00Z")),
        Err(SaveError::Invalid(Violation::TextTooLong {
            field: "overview.name".into(),
            limit: 200,
            len: 201
        }))
    );
    assert_eq!(stored_raw(&lib, plan.id), Some(base));
    assert!(
        lib.put(
            &full_plan(&"x".repeat(201)),
            None,
            ts("2026-05-02T10:00:00Z")
        )
        .is_err()
    );
}

#[test]
fn a_save_keeps_the_old_bytes_until_the_new_ones_read_back() {
    let lib = lib();
    let plan = full_plan("Backed up");
    let first = saved(&lib, &plan);
    let backup = backup_key(&plan.id.to_string());
    let mut edited = plan.clone();
    edited.overview.notes = "second".into();
    let second = lib
        .save(&edited, Some(&first), ts("2026-05-02T10:00:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        lib.backend().get(&backup).ok().flatten(),
        None,
        "a save that reads back equal leaves no backup"
    );

    // The next write is cut short: the save fails, and the last good bytes are kept.
    lib.backend().cut_short.replace(Some(plan_key(plan.id)));
    edited.overview.notes = "third".into();
    assert_eq!(
        lib.save(&edited, Some(&second.raw), ts("2026-05-03T10:00:00Z")),
        Err(SaveError::Storage(StorageError::ReadBackMismatch))
    );
    assert_eq!(
        lib.backend().get(&backup).ok().flatten(),
        Some(second.raw.clone())
    );
    let torn = lib
        .backend()
        .get(&plan_key(plan.id))
        .ok()
        .flatten()
        .unwrap_or_default();
    assert_ne!(torn, second.raw);

    // The next boot puts the last good copy back and sets the torn bytes aside.
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.plans.len(), 1);
    let loaded = lib.load(plan.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.raw, second.raw);
    assert_eq!(loaded.plan.overview.notes, "second");
    assert_eq!(report.problems.len(), 1);
    assert!(report.problems[0].restored && report.problems[0].moved);
    assert_eq!(
        lib.backend()
            .get(&recovery_key(&plan.id.to_string()))
            .ok()
            .flatten(),
        Some(torn)
    );
    assert_eq!(lib.backend().get(&backup).ok().flatten(), None);
    assert_eq!(report.problems[0].name.as_deref(), Some("Backed up"));
}

#[test]
fn a_backup_left_beside_a_good_plan_is_cleared_at_boot() {
    let lib = lib();
    let plan = full_plan("Finished");
    let raw = saved(&lib, &plan);
    let backup = backup_key(&plan.id.to_string());
    lib.backend()
        .set(&backup, "older bytes")
        .unwrap_or_default();
    let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
    assert!(report.problems.is_empty());
    assert_eq!(lib.backend().get(&backup).ok().flatten(), None);
    assert_eq!(lib.load(plan.id).map(|l| l.raw).ok(), Some(raw));
}

#[test]
fn no_room_for_the_backup_fails_the_save_and_changes_nothing() {
    let plan = full_plan("Tight");
    let lib = lib();
    let first = saved(&lib, &plan);
    let before = lib.backend().snapshot();
    let used: u64 = before.iter().map(|(k, v)| entry_size(k, v)).sum();
    // Room for the plan once more, but not twice.
    lib.backend().quota.set(Some(used + 100));
    let mut edited = plan.clone();
    edited.overview.notes = "more".into();
    assert_eq!(
        lib.save(&edited, Some(&first), ts("2026-05-02T10:00:00Z")),
        Err(SaveError::Storage(StorageError::QuotaExceeded))
    );
    assert_eq!(lib.backend().snapshot(), before);
}

#[test]
fn an_import_over_a_plan_kept_by_a_newer_version_says_so_and_changes_nothing() {
    let lib = lib();
    let plan = full_plan("Mine");
    plant_newer_version(&lib, &plan);
    let before = lib.backend().snapshot();
    assert_eq!(
        lib.store(&plan, None, ts("2026-05-02T10:00:00Z"), None),
        Err(SaveError::StoredByNewerVersion { version: 9 })
    );
    assert_eq!(lib.backend().snapshot(), before);
}

#[test]
fn a_plan_kept_by_a_newer_version_keeps_its_name_across_boots() {
    let lib = lib();
    let plan = full_plan("Named before the upgrade");
    saved(&lib, &plan);
    lib.boot().unwrap_or_else(|e| panic!("{e}"));
    plant_newer_version(&lib, &plan);
    for _ in 0..3 {
        let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            report.problems[0].name.as_deref(),
            Some("Named before the upgrade")
        );
    }
}

#[test]
fn a_plan_that_would_not_leave_room_is_refused_before_it_is_written() {
    let lib = lib();
    let plan = full_plan("Big");
    let before = lib.backend().snapshot();
    assert_eq!(
        lib.store(&plan, None, ts("2026-05-02T10:00:00Z"), Some(100)),
        Err(SaveError::Storage(StorageError::QuotaExceeded))
    );
    assert_eq!(lib.backend().snapshot(), before);
    let stored = lib
        .store(&plan, None, ts("2026-05-02T10:00:00Z"), Some(1_000_000))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        stored.stored_size > stored.summary.size,
        "the index line counts too"
    );
    // `store` leaves the index to one `add_to_index` for the whole batch.
    assert!(lib.index().plans.is_empty());
    lib.add_to_index(std::slice::from_ref(&stored.summary));
    assert_eq!(lib.index().plans, [stored.summary]);
}

/// A tab: its copy of the plan, the bytes it last read or wrote, and its content then.
struct Tab {
    replica: uuid::Uuid,
    plan: Plan,
    base: String,
    before: serde_json::Value,
}

impl Tab {
    fn open(lib: &Library<MemoryBackend>, id: alliance_planner::domain::PlanId, slot: u8) -> Tab {
        let loaded = lib.load(id).unwrap_or_else(|e| panic!("{e:?}"));
        let before = alliance_planner::domain::merge::to_value(&loaded.plan).unwrap_or_default();
        Tab {
            replica: alliance_planner::persistence::store::tab_replica(lib.device(), slot),
            plan: loaded.plan,
            base: loaded.raw,
            before,
        }
    }

    /// Saves this tab's edits; after a save or a merge the tab holds what is stored.
    fn save(
        &mut self,
        lib: &Library<MemoryBackend>,
        choose: impl Fn(
            &alliance_planner::domain::merge::Conflict,
        ) -> Option<alliance_planner::domain::merge::Pick>,
    ) -> TabSave {
        let now = alliance_planner::domain::merge::to_value(&self.plan).unwrap_or_default();
        // As the app does: the undo step of this save gives its stamps.
        let step = alliance_planner::domain::history::diff(&self.before, &now);
        let outcome = lib
            .save_edits(
                &self.plan,
                Some(&self.base),
                &self.before,
                &now,
                Some(&step),
                ts("2026-05-02T10:00:00Z"),
                self.replica,
                choose,
            )
            .unwrap_or_else(|e| panic!("{e}"));
        match &outcome {
            TabSave::Saved { saved, plan } => {
                self.plan = plan.clone();
                self.base = saved.raw.clone();
                self.before = now;
            }
            TabSave::Merged {
                saved,
                plan,
                content,
                ..
            } => {
                self.plan = plan.clone();
                self.base = saved.raw.clone();
                self.before = content.clone();
            }
            TabSave::Behind { plan, raw, content } => {
                self.plan = plan.clone();
                self.base = raw.clone();
                self.before = content.clone();
            }
            TabSave::Conflicts { .. } => {}
        }
        outcome
    }
}

#[test]
fn tabs_editing_different_fields_merge_without_asking_and_lose_nothing() {
    let lib = lib();
    let plan = full_plan("Tenants");
    saved(&lib, &plan);
    let mut tabs: Vec<Tab> = (0..3).map(|slot| Tab::open(&lib, plan.id, slot)).collect();
    tabs[0].plan.overview.name = "Tenants united".into();
    tabs[1].plan.overview.notes = "Meet on Friday".into();
    tabs[2].plan.foundations.charter.values = "Housing is a right, for all".into();
    assert!(matches!(
        tabs[0].save(&lib, |_| None),
        TabSave::Saved { .. }
    ));
    assert!(matches!(
        tabs[1].save(&lib, |_| None),
        TabSave::Merged { taken: 1, .. }
    ));
    assert!(matches!(
        tabs[2].save(&lib, |_| None),
        TabSave::Merged { taken: 2, .. }
    ));
    let stored = lib.load(plan.id).unwrap_or_else(|e| panic!("{e:?}")).plan;
    assert_eq!(stored.overview.name, "Tenants united");
    assert_eq!(stored.overview.notes, "Meet on Friday");
    assert_eq!(
        stored.foundations.charter.values,
        "Housing is a right, for all"
    );
    // The first tab has nothing new: it catches up without writing.
    assert!(matches!(
        tabs[0].save(&lib, |_| None),
        TabSave::Behind { .. }
    ));
    assert_eq!(tabs[0].plan.overview.notes, "Meet on Friday");
}

#[test]
fn tabs_setting_one_field_differently_write_nothing_until_someone_chooses() {
    use alliance_planner::domain::merge::Pick;
    let lib = lib();
    let plan = full_plan("Tenants");
    saved(&lib, &plan);
    let mut a = Tab::open(&lib, plan.id, 0);
    let mut b = Tab::open(&lib, plan.id, 1);
    a.plan.overview.name = "Tenants first".into();
    b.plan.overview.name = "Renters united".into();
    b.plan.overview.notes = "Also this".into();
    a.save(&lib, |_| None);
    let stored_before = lib.current_raw(plan.id).unwrap_or_default();
    match b.save(&lib, |_| None) {
        TabSave::Conflicts { conflicts, theirs } => {
            assert_eq!(conflicts.len(), 1);
            assert_eq!(conflicts[0].ours, Some("Renters united".into()));
            assert_eq!(conflicts[0].theirs, Some("Tenants first".into()));
            assert_eq!(theirs.overview.name, "Tenants first");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        lib.current_raw(plan.id).unwrap_or_default(),
        stored_before,
        "nothing written"
    );
    assert!(matches!(
        b.save(&lib, |_| Some(Pick::Ours)),
        TabSave::Merged { .. }
    ));
    let stored = lib.load(plan.id).unwrap_or_else(|e| panic!("{e:?}")).plan;
    assert_eq!(stored.overview.name, "Renters united");
    assert_eq!(stored.overview.notes, "Also this");
    // The other tab, saving again with no edit, takes the choice.
    assert!(matches!(a.save(&lib, |_| None), TabSave::Behind { .. }));
    assert_eq!(a.plan.overview.name, "Renters united");
}

#[test]
fn a_save_that_crossed_another_is_merged_back_in() {
    let lib = lib();
    let plan = full_plan("Tenants");
    saved(&lib, &plan);
    let mut a = Tab::open(&lib, plan.id, 0);
    let b = Tab::open(&lib, plan.id, 1);
    a.plan.overview.name = "From A".into();
    a.save(&lib, |_| None);
    // B saved as its page closed, without the lock: it read the stored bytes before A's
    // landed, and wrote over A.
    let mut late = b.plan.clone();
    late.overview.notes = "From B".into();
    late.revision += 1;
    write_over(&lib, late, &b.before, b.replica, &a.base);
    // A has nothing new, but B's bytes do not hold A's edit: A saves again, merging.
    a_merges_back(&lib, &mut a, "From B");
}

/// Writes `copy`, edited since `before` on `replica`, over the stored `base`, as a save
/// without the lock (or an import that replaced the plan) would.
fn write_over(
    lib: &Library<MemoryBackend>,
    mut copy: Plan,
    before: &serde_json::Value,
    replica: uuid::Uuid,
    base: &str,
) {
    copy.stamp_edits(before, replica, None)
        .unwrap_or_else(|e| panic!("{e}"));
    lib.put(&copy, Some(base), ts("2026-05-02T10:00:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Tab A, whose name "From A" was written over, saves again: the stored plan holds its name
/// and the other copy's notes.
fn a_merges_back(lib: &Library<MemoryBackend>, a: &mut Tab, notes: &str) {
    assert!(matches!(a.save(lib, |_| None), TabSave::Merged { .. }));
    let stored = lib.load(a.plan.id).unwrap_or_else(|e| panic!("{e:?}")).plan;
    assert_eq!(stored.overview.name, "From A");
    assert_eq!(stored.overview.notes, notes);
}

#[test]
fn a_colleague_s_write_over_this_tab_s_save_is_merged_back_in() {
    let lib = lib();
    let plan = full_plan("Tenants");
    saved(&lib, &plan);
    let mut a = Tab::open(&lib, plan.id, 0);
    a.plan.overview.name = "From A".into();
    a.save(&lib, |_| None);
    // Another device's copy, made before A's edit, written over it (an import that
    // replaced the plan without merging).
    let mut other = plan.clone();
    other.overview.notes = "From a colleague".into();
    other.revision = 9;
    let before = alliance_planner::domain::merge::to_value(&plan).unwrap_or_default();
    write_over(
        &lib,
        other,
        &before,
        uuid::Uuid::from_bytes([7; 16]),
        &a.base,
    );
    a_merges_back(&lib, &mut a, "From a colleague");
}

#[test]
fn the_device_id_is_made_once_and_kept() {
    let lib = lib();
    let id = lib.device();
    assert_eq!(lib.device(), id);
    let (tab0, tab1) = (
        alliance_planner::persistence::store::tab_replica(id, 0),
        alliance_planner::persistence::store::tab_replica(id, 1),
    );
    assert_eq!(tab0, id);
    assert_ne!(tab1, id);
    let again = Library::new(MemoryBackend::default());
    again
        .backend()
        .set(
            alliance_planner::persistence::store::DEVICE_KEY,
            "not an id",
        )
        .unwrap_or_default();
    let _ = again.device();
    assert_eq!(
        again
            .backend()
            .get(alliance_planner::persistence::store::DEVICE_KEY)
            .ok()
            .flatten()
            .as_deref(),
        Some("not an id"),
        "never overwritten"
    );
}
