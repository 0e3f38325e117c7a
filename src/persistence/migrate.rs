//! Upgrades older files to the current schema, one numbered, pure step at a time.
//!
//! Each step works on `serde_json::Value` so it never depends on today's Rust types. Adding a
//! section means: bump `CURRENT`, add a step here, and add a fixture of the old version under
//! `tests/fixtures/v<N>/`. The host tests upgrade every fixture and round-trip it.

use serde_json::Value;

use super::error::ImportError;

/// The schema version this app writes, and the newest it reads.
pub const CURRENT: u32 = 2;

/// One upgrade: from `from` to `from + 1`.
pub struct Migration {
    pub from: u32,
    pub description: &'static str,
    pub apply: fn(&mut Value) -> Result<(), String>,
}

/// Every upgrade, in order.
pub const MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    description: "v2 adds the partner registry: every plan gets an empty `partners` list",
    apply: v1_add_partners,
}];

/// v1 → v2: each plan gains `"partners": []`. A v1 file cannot hold partners, so any value
/// already there is refused rather than guessed at.
fn v1_add_partners(envelope: &mut Value) -> Result<(), String> {
    let Some(plans) = envelope.get_mut("plans").and_then(Value::as_array_mut) else {
        return Ok(()); // the shape check that follows reports a missing or wrong `plans`
    };
    for (i, plan) in plans.iter_mut().enumerate() {
        if let Some(obj) = plan.as_object_mut() {
            if obj.contains_key("partners") {
                return Err(format!(
                    "plans[{i}] has `partners`, which version 1 did not have"
                ));
            }
            obj.insert("partners".into(), Value::Array(Vec::new()));
        }
    }
    Ok(())
}

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
    fn v1_plans_gain_an_empty_partner_list() {
        let mut v = serde_json::json!({"schema_version": 1, "plans": [{"id": "x"}, {"id": "y"}]});
        assert_eq!(migrate(&mut v, 1), Ok(()));
        assert_eq!(v["schema_version"], 2);
        assert_eq!(v["plans"][0]["partners"], serde_json::json!([]));
        assert_eq!(v["plans"][1]["partners"], serde_json::json!([]));
        let mut odd = serde_json::json!({"schema_version": 1, "plans": [{"partners": 3}]});
        assert!(matches!(
            migrate(&mut odd, 1),
            Err(ImportError::Migration { from: 1, .. })
        ));
    }

    #[test]
    fn current_version_needs_no_change() {
        let mut v = serde_json::json!({"schema_version": CURRENT, "plans": []});
        let before = v.clone();
        assert_eq!(migrate(&mut v, CURRENT), Ok(()));
        assert_eq!(v, before);
    }
}
