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
