//! Upgrades older files to the current schema, one numbered, pure step at a time.
//!
//! Each step works on `serde_json::Value` so it never depends on today's Rust types. Adding a
//! section means: bump `CURRENT`, add a step here, and add a fixture of the old version under
//! `tests/fixtures/v<N>/`. The host tests upgrade every fixture and round-trip it.

use serde_json::Value;

use super::error::ImportError;

/// The schema version this app writes, and the newest it reads.
pub const CURRENT: u32 = 1;

/// One upgrade: from `from` to `from + 1`.
pub struct Migration {
    pub from: u32,
    pub description: &'static str,
    pub apply: fn(&mut Value) -> Result<(), String>,
}

/// Every upgrade, in order. Version 1 is the first format, so there is none yet.
pub const MIGRATIONS: &[Migration] = &[];

/// Brings an envelope from version `from` to `CURRENT`.
pub fn migrate(envelope: &mut Value, from: u32) -> Result<(), ImportError> {
    let mut version = from;
    while version < CURRENT {
        let step = MIGRATIONS
            .iter()
            .find(|m| m.from == version)
            .ok_or_else(|| ImportError::Migration {
                from: version,
                detail: "no upgrade step".into(),
            })?;
        (step.apply)(envelope).map_err(|detail| ImportError::Migration {
            from: version,
            detail,
        })?;
        version += 1;
        if let Some(obj) = envelope.as_object_mut() {
            obj.insert("schema_version".into(), Value::from(version));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    // While CURRENT is 1 the ranges below are empty; they check every later version.
    #[allow(clippy::reversed_empty_ranges)]
    fn every_version_below_current_has_exactly_one_step() {
        for v in 1..CURRENT {
            assert_eq!(MIGRATIONS.iter().filter(|m| m.from == v).count(), 1, "v{v}");
        }
        assert!(MIGRATIONS.iter().all(|m| (1..CURRENT).contains(&m.from)));
        assert!(MIGRATIONS.iter().all(|m| !m.description.is_empty()));
    }

    #[test]
    fn current_version_needs_no_change() {
        let mut v = serde_json::json!({"schema_version": CURRENT, "plans": []});
        let before = v.clone();
        assert_eq!(migrate(&mut v, CURRENT), Ok(()));
        assert_eq!(v, before);
    }
}
