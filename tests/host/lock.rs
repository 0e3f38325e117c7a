//! The envelope of a plan locked with a passphrase: what it records, and that a damaged,
//! weakened or foreign envelope is refused with a clear reason before any cryptography runs.

use alliance_planner::persistence::lock::{
    ITERATIONS, LockError, MAX_ITERATIONS, Sealed, additional_data, is_locked, read_locked,
    write_locked,
};
use serde_json::Value;
use uuid::Uuid;

use crate::common::ts;

fn sealed() -> Sealed {
    Sealed {
        id: Uuid::from_bytes([7; 16]),
        locked_at: ts("2026-12-07T21:00:00Z"),
        iterations: ITERATIONS,
        salt: vec![1; 16],
        iv: vec![2; 12],
        ciphertext: vec![3; 64],
    }
}

/// The envelope with one field set to `value` (or removed, with `None`).
fn with(field: &str, value: Option<Value>) -> String {
    let mut v: Value = serde_json::from_str(&write_locked(&sealed())).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        match value {
            Some(x) => o.insert(field.into(), x),
            None => o.remove(field),
        };
    }
    v.to_string()
}

#[test]
fn an_envelope_records_the_algorithms_iterations_salt_and_iv_and_reads_back() {
    let text = write_locked(&sealed());
    let v: Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(v["format"], "alliance-planner-locked");
    assert_eq!(v["cipher"], "AES-GCM");
    assert_eq!(v["key_bits"], 256);
    assert_eq!(v["kdf"], "PBKDF2");
    assert_eq!(v["hash"], "SHA-256");
    assert_eq!(v["iterations"], 600_000);
    assert_eq!(v["salt"], "AQEBAQEBAQEBAQEBAQEBAQ==");
    assert!(v["iv"].is_string());
    assert!(is_locked(&text));
    assert_eq!(read_locked(&text), Ok(sealed()));
}

#[test]
fn nothing_of_the_plan_but_its_id_and_lock_date_is_in_clear() {
    let v: Value = serde_json::from_str(&write_locked(&sealed())).unwrap_or_default();
    let mut keys: Vec<&str> = v
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    keys.sort_unstable();
    let mut expected = [
        "format",
        "version",
        "id",
        "locked_at",
        "cipher",
        "key_bits",
        "kdf",
        "hash",
        "iterations",
        "salt",
        "iv",
        "ciphertext",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
}

#[test]
fn the_id_and_the_date_are_bound_to_the_ciphertext() {
    let s = sealed();
    assert_ne!(
        s.additional_data(),
        additional_data(Uuid::from_bytes([8; 16]), s.locked_at)
    );
    assert_ne!(
        s.additional_data(),
        additional_data(s.id, ts("2026-12-07T21:00:01Z"))
    );
}

#[test]
fn a_plain_plan_file_or_other_json_is_not_a_locked_plan() {
    assert!(!is_locked(
        r#"{"format":"alliance-planner","schema_version":6,"plans":[]}"#
    ));
    assert!(!is_locked("not json"));
    assert_eq!(read_locked("{}"), Err(LockError::NotLocked));
}

#[test]
fn a_damaged_envelope_says_which_part() {
    let cut = write_locked(&sealed());
    let truncated = &cut[..cut.len() / 2];
    // Cut short, it is no longer JSON: not recognised as locked at all.
    assert_eq!(read_locked(truncated), Err(LockError::NotLocked));
    let cases = [
        ("salt", Some(Value::from("AQEB")), "salt"),
        ("iv", Some(Value::from("%%%")), "iv"),
        ("ciphertext", Some(Value::from("AwMD")), "ciphertext"),
        ("ciphertext", None, "envelope"),
        ("locked_at", Some(Value::from("yesterday")), "envelope"),
    ];
    for (field, value, named) in cases {
        match read_locked(&with(field, value.clone())) {
            Err(LockError::Damaged { field: f, .. }) => assert_eq!(f, named, "{field}: {value:?}"),
            other => panic!("{field}: {value:?} gave {other:?}"),
        }
    }
}

#[test]
fn an_envelope_cannot_weaken_its_own_lock_or_ask_for_something_else() {
    for n in [1_000u32, ITERATIONS - 1, MAX_ITERATIONS + 1] {
        assert!(matches!(
            read_locked(&with("iterations", Some(Value::from(n)))),
            Err(LockError::Iterations { iterations, .. }) if iterations == n
        ));
    }
    for (field, value) in [
        ("cipher", Value::from("AES-CBC")),
        ("kdf", Value::from("scrypt")),
        ("hash", Value::from("SHA-1")),
        ("key_bits", Value::from(128)),
        ("version", Value::from(2)),
    ] {
        assert!(
            matches!(
                read_locked(&with(field, Some(value.clone()))),
                Err(LockError::Unsupported { .. })
            ),
            "{field}: {value}"
        );
    }
}

// ----- a locked plan in the library, and the vault that holds one open -----

mod stored {
    use alliance_planner::domain::PlanSummary;
    use alliance_planner::persistence::error::ImportError;
    use alliance_planner::persistence::lock::{LockError, Sealed, write_locked};
    use alliance_planner::persistence::memory::MemoryBackend;
    use alliance_planner::persistence::store::{
        Backend, INDEX_KEY, Library, Stored, backup_key, entry_size, plan_key, read_stored,
    };
    use alliance_planner::persistence::vault::{Vault, Written};

    use super::sealed;
    use crate::common::{full_plan, ts};

    /// An envelope for the plan `id`, as a lock would store it.
    fn envelope_for(id: uuid::Uuid, byte: u8) -> String {
        write_locked(&Sealed {
            id,
            ciphertext: vec![byte; 64],
            ..sealed()
        })
    }

    #[test]
    fn a_locked_entry_reads_as_a_line_with_no_name_and_its_date() {
        let s = sealed();
        let raw = write_locked(&s);
        let read = read_stored(&raw, &s.id.to_string());
        let size = entry_size(&plan_key(s.id), &raw);
        assert_eq!(
            read,
            Ok(Stored::Locked(PlanSummary::locked(s.id, s.locked_at, size)))
        );
        // Under another plan's key, or damaged, it is as unreadable as a damaged plan.
        let other = uuid::Uuid::from_bytes([9; 16]).to_string();
        assert_eq!(read_stored(&raw, &other), Err(ImportError::KeyMismatch));
        let cut = &raw[..raw.len() / 2];
        assert!(matches!(
            read_stored(cut, &s.id.to_string()),
            Err(ImportError::Syntax { .. })
        ));
        let weakened = raw.replace("600000", "1000");
        assert!(matches!(
            read_stored(&weakened, &s.id.to_string()),
            Err(ImportError::BadLock(LockError::Iterations { .. }))
        ));
    }

    #[test]
    fn boot_lists_a_locked_plan_without_setting_it_aside_and_the_index_learns_no_name() {
        let lib = Library::new(MemoryBackend::default());
        let plan = full_plan("Tenants union");
        lib.save(&plan, None, ts("2026-12-01T10:00:00Z"))
            .unwrap_or_else(|e| panic!("{e}"));
        let s = sealed();
        let raw = write_locked(&s);
        lib.backend()
            .set(&plan_key(s.id), &raw)
            .unwrap_or_else(|e| panic!("{e}"));
        let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let locked: Vec<_> = report.plans.iter().filter(|p| p.locked).collect();
        assert_eq!(locked.len(), 1);
        assert_eq!(locked[0].id, s.id);
        assert_eq!(locked[0].name, "");
        assert_eq!(locked[0].updated_at, s.locked_at);
        // The stored envelope is untouched.
        assert_eq!(lib.backend().get(&plan_key(s.id)), Ok(Some(raw)));
        let index = lib
            .backend()
            .get(INDEX_KEY)
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(index.contains("\"locked\":true"));
        assert!(index.contains("Tenants union"));
    }

    #[test]
    fn a_locked_plan_deleted_comes_back_with_undo_and_a_cut_save_settles_to_its_envelope() {
        let lib = Library::new(MemoryBackend::default());
        let s = sealed();
        let raw = write_locked(&s);
        lib.backend()
            .set(&plan_key(s.id), &raw)
            .unwrap_or_else(|e| panic!("{e}"));
        let gone = lib.delete(s.id).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(gone.as_deref(), Some(raw.as_str()));
        let back = lib
            .undo_delete(s.id, &raw, ts("2026-12-07T22:00:00Z"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(back.summary.locked);
        assert_eq!(lib.backend().get(&plan_key(s.id)), Ok(Some(raw.clone())));
        // A save of the envelope cut short: the plan's key holds half, the backup the whole.
        let half = raw[..raw.len() / 2].to_owned();
        let _ = lib.backend().set(&backup_key(&s.id.to_string()), &raw);
        let _ = lib.backend().set(&plan_key(s.id), &half);
        let report = lib.boot().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lib.backend().get(&plan_key(s.id)), Ok(Some(raw)));
        assert!(report.plans.iter().any(|p| p.id == s.id && p.locked));
    }

    /// The index as really stored, under the vault.
    fn stored_index(lib: &Library<Vault<MemoryBackend, u8>>) -> String {
        lib.backend()
            .inner()
            .get(INDEX_KEY)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// A library whose plan is locked and open in the vault (the key is a number here).
    fn open_locked() -> (
        Library<Vault<MemoryBackend, u8>>,
        alliance_planner::domain::Plan,
        String,
    ) {
        let lib = Library::new(Vault::new(MemoryBackend::default()));
        let plan = full_plan("Faith and labour");
        let saved = lib
            .save(&plan, None, ts("2026-12-01T10:00:00Z"))
            .unwrap_or_else(|e| panic!("{e}"));
        let key = plan_key(plan.id);
        let envelope = envelope_for(plan.id, 1);
        let _ = lib.backend().inner().set(&key, &envelope);
        lib.backend()
            .hold(&key, 7, vec![1; 16], 600_000, saved.raw, envelope.clone());
        (lib, plan, envelope)
    }

    #[test]
    fn a_save_of_an_open_locked_plan_waits_in_memory_and_stores_only_its_envelope() {
        let (lib, plan, envelope) = open_locked();
        let key = plan_key(plan.id);
        let loaded = lib.load(plan.id).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.plan.name(), "Faith and labour");
        let mut edited = loaded.plan.clone();
        edited.overview.name = "Faith and labour, renamed".into();
        let saved = lib
            .save(&edited, Some(&loaded.raw), ts("2026-12-07T10:00:00Z"))
            .unwrap_or_else(|e| panic!("{e}"));
        // The library's line for it says nothing of it, in memory and in the index.
        assert!(saved.summary.locked);
        assert_eq!(saved.summary.name, "");
        let index = stored_index(&lib);
        assert!(!index.contains("renamed"), "{index}");
        // Storage still holds the old envelope; the new text waits to be sealed.
        assert_eq!(lib.backend().inner().get(&key), Ok(Some(envelope.clone())));
        assert!(lib.backend().unsealed(&key));
        let to_seal = lib
            .backend()
            .to_seal(&key)
            .unwrap_or_else(|| panic!("nothing to seal"));
        assert_eq!(to_seal.key, 7);
        assert!(to_seal.plain.contains("renamed"));
        assert_eq!(lib.stored_raw(plan.id), Ok(Some(envelope)));
        let next = envelope_for(plan.id, 2);
        assert_eq!(
            lib.backend().write_sealed(&key, to_seal.seq, next.clone()),
            Ok(Written::Done)
        );
        assert_eq!(lib.backend().inner().get(&key), Ok(Some(next)));
        assert!(!lib.backend().unsealed(&key));
        assert_eq!(
            lib.backend().inner().get(&backup_key(&plan.id.to_string())),
            Ok(None)
        );
        assert_eq!(lib.summary(plan.id).map(|s| s.locked), Ok(true));
    }

    #[test]
    fn an_envelope_another_tab_stored_is_never_overwritten_and_is_taken_in_first() {
        let (lib, plan, _) = open_locked();
        let key = plan_key(plan.id);
        let loaded = lib.load(plan.id).unwrap_or_else(|e| panic!("{e}"));
        let mut edited = loaded.plan.clone();
        edited.overview.coalition = "Ours".into();
        lib.save(&edited, Some(&loaded.raw), ts("2026-12-07T10:00:00Z"))
            .unwrap_or_else(|e| panic!("{e}"));
        let seq = lib
            .backend()
            .to_seal(&key)
            .map(|t| t.seq)
            .unwrap_or_default();
        // Another tab stores its own envelope meanwhile.
        let theirs = envelope_for(plan.id, 3);
        let _ = lib.backend().inner().set(&key, &theirs);
        assert_eq!(lib.backend().outdated(&key), Ok(Some(Some(theirs.clone()))));
        assert_eq!(
            lib.backend()
                .write_sealed(&key, seq, envelope_for(plan.id, 4)),
            Ok(Written::Taken)
        );
        assert_eq!(lib.backend().inner().get(&key), Ok(Some(theirs.clone())));
        // Their text taken in: the next save merges into it, as for any other tab's write.
        lib.backend().took(&key, theirs, loaded.raw.clone());
        assert_eq!(lib.backend().outdated(&key), Ok(None));
        assert!(!lib.backend().unsealed(&key));
        assert_eq!(lib.current_raw(plan.id), Ok(Some(loaded.raw)));
    }

    #[test]
    fn a_copy_of_a_locked_plan_is_held_with_its_key_and_stored_only_sealed() {
        let (lib, plan, _) = open_locked();
        let copy = plan.copy_as("Faith and labour (my copy)", ts("2026-12-07T11:00:00Z"));
        let copy_key = plan_key(copy.id);
        assert!(lib.backend().hold_like(&copy_key, &plan_key(plan.id)));
        let saved = lib
            .save(&copy, None, ts("2026-12-07T11:00:00Z"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(saved.summary.locked);
        assert_eq!(lib.backend().inner().get(&copy_key), Ok(None));
        let index = stored_index(&lib);
        assert!(!index.contains("my copy"), "{index}");
        let next = lib
            .backend()
            .to_seal(&copy_key)
            .unwrap_or_else(|| panic!("waits"));
        assert_eq!(next.key, 7);
        assert_eq!(
            lib.backend()
                .write_sealed(&copy_key, next.seq, envelope_for(copy.id, 8)),
            Ok(Written::Done)
        );
        assert_eq!(
            lib.backend().inner().get(&copy_key),
            Ok(Some(envelope_for(copy.id, 8)))
        );
    }

    #[test]
    fn a_locked_plan_deleted_in_another_tab_is_seen_as_gone() {
        let (lib, plan, _) = open_locked();
        let key = plan_key(plan.id);
        let _ = lib.backend().inner().remove(&key);
        assert_eq!(lib.backend().outdated(&key), Ok(Some(None)));
        lib.backend().gone(&key);
        assert_eq!(lib.current_raw(plan.id), Ok(None));
        assert_eq!(lib.backend().outdated(&key), Ok(None));
        assert!(!lib.backend().unsealed(&key));
        // Its key stays for a copy kept from it.
        assert!(
            lib.backend()
                .hold_like(&plan_key(uuid::Uuid::new_v4()), &key)
        );
    }

    #[test]
    fn newer_text_written_while_sealing_is_sealed_next() {
        let (lib, plan, _) = open_locked();
        let key = plan_key(plan.id);
        let _ = lib.backend().set(&key, "first");
        let first = lib
            .backend()
            .to_seal(&key)
            .map(|t| t.seq)
            .unwrap_or_default();
        let _ = lib.backend().set(&key, "second");
        assert_eq!(
            lib.backend()
                .write_sealed(&key, first, envelope_for(plan.id, 5)),
            Ok(Written::Newer)
        );
        assert_eq!(
            lib.backend().to_seal(&key).map(|t| t.plain),
            Some("second".to_owned())
        );
    }

    #[test]
    fn removing_the_lock_stores_the_text_in_place_of_its_envelope_and_lists_the_name() {
        let (lib, plan, _) = open_locked();
        let key = plan_key(plan.id);
        lib.backend()
            .unseal_in_place(&key)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!lib.backend().holds(&key));
        let summary = lib.relist(plan.id).unwrap_or_else(|e| panic!("{e}"));
        assert!(!summary.locked);
        assert_eq!(summary.name, "Faith and labour");
        assert_eq!(
            lib.load(plan.id).map(|l| l.plan.name().to_owned()),
            Ok("Faith and labour".to_owned())
        );
    }

    #[test]
    fn a_locked_file_is_stored_as_it_is_and_replaces_only_what_the_preview_saw() {
        let lib = Library::new(MemoryBackend::default());
        let s = sealed();
        let raw = write_locked(&s);
        let line = PlanSummary::locked(s.id, s.locked_at, entry_size(&plan_key(s.id), &raw));
        lib.put_locked(&raw, line.clone(), None)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lib.backend().get(&plan_key(s.id)), Ok(Some(raw.clone())));
        // A second import must name what it replaces.
        let newer = envelope_for(s.id, 6);
        assert!(lib.put_locked(&newer, line.clone(), None).is_err());
        assert!(lib.put_locked(&newer, line.clone(), Some(&raw)).is_ok());
        assert_eq!(lib.backend().get(&plan_key(s.id)), Ok(Some(newer)));
    }
}

#[test]
fn the_strength_hint_rewards_length_and_variety_and_refuses_the_short() {
    use alliance_planner::persistence::lock::{Strength, long_enough, strength};
    assert!(!long_enough("seven77"));
    assert!(long_enough("eight888"));
    // Counted in characters, not bytes.
    assert!(!long_enough("ñññññññ"));
    assert_eq!(strength("password"), Strength::Weak);
    assert_eq!(strength("aaaaaaaaaaaaaaaaaaaaaaaa"), Strength::Weak);
    assert_eq!(strength("Tenants2026!"), Strength::Fair);
    assert_eq!(strength("tenants first"), Strength::Fair);
    assert_eq!(strength("blue kettle on the night bus"), Strength::Strong);
    assert_eq!(strength("Night bus, 3 kettles"), Strength::Strong);
}
