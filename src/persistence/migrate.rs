//! Upgrades older files to the current schema, one numbered, pure step at a time.
//!
//! Each step works on one plan as a `serde_json::Value`, so it never depends on today's Rust
//! types, and a file of many plans can be read one plan at a time. Adding a
//! section means: bump `CURRENT`, add a step here, and add a fixture of the old version under
//! `tests/fixtures/v<N>/`. The host tests upgrade every fixture and round-trip it.

use serde_json::Value;

use super::error::ImportError;

/// The schema version this app writes, and the newest it reads.
pub const CURRENT: u32 = 6;

/// One upgrade of one plan: from `from` to `from + 1`.
pub struct Migration {
    pub from: u32,
    pub description: &'static str,
    pub apply: fn(&mut Value) -> Result<(), String>,
}

/// Every upgrade, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        description: "v2 adds the partner registry: every plan gets an empty `partners` list",
        apply: v1_add_partners,
    },
    Migration {
        from: 2,
        description: "v3 adds the foundations, strategy, coalition activities and theory of change steps, empty",
        apply: v2_add_guided_steps,
    },
    Migration {
        from: 3,
        description: "v4 adds the power analysis, SWOT and action plan steps, empty",
        apply: v3_add_power_and_action,
    },
    Migration {
        from: 4,
        description: "v5 adds SMARTIE goals, the success sheet and the evaluation, empty",
        apply: v4_add_goals_and_evaluation,
    },
    Migration {
        from: 5,
        description: "v6 adds `versions`, which merging needs; a plan without it merges as a copy whose every difference is a conflict",
        apply: v5_versions,
    },
];

/// v1 → v2: each plan gains `"partners": []`.
fn v1_add_partners(plan: &mut Value) -> Result<(), String> {
    add_sections(plan, 1, &[("partners", || Value::Array(Vec::new()))])
}

/// v2 → v3: each plan gains the four new steps, empty; serde fills in their empty fields.
fn v2_add_guided_steps(plan: &mut Value) -> Result<(), String> {
    let empty = || Value::Object(serde_json::Map::new());
    add_sections(
        plan,
        2,
        &[
            ("foundations", empty),
            ("strategy", empty),
            ("activities", empty),
            ("theory_of_change", empty),
        ],
    )
}

/// v3 → v4: each plan gains the power analysis, the SWOT and the action plan, empty.
fn v3_add_power_and_action(plan: &mut Value) -> Result<(), String> {
    let empty = || Value::Object(serde_json::Map::new());
    add_sections(
        plan,
        3,
        &[("power", empty), ("swot", empty), ("action_plan", empty)],
    )
}

/// v4 → v5: each plan gains its goals, success sheet and evaluation, empty. Stakeholders gain
/// `private`, which serde fills in as `false`.
fn v4_add_goals_and_evaluation(plan: &mut Value) -> Result<(), String> {
    let empty = || Value::Object(serde_json::Map::new());
    add_sections(
        plan,
        4,
        &[
            ("goals", || Value::Array(Vec::new())),
            ("success_sheet", empty),
            ("evaluation", empty),
        ],
    )
}

/// v5 → v6: nothing to add. `versions` is optional: a plan without it was last saved before
/// version 6, so nothing says which of its fields changed since another copy, and a merge
/// shows each difference as a conflict. A v5 plan cannot hold the key.
fn v5_versions(plan: &mut Value) -> Result<(), String> {
    if plan.get("versions").is_some() {
        return Err("has `versions`, which version 5 did not have".into());
    }
    Ok(())
}

/// A key a migration adds to every plan, and how to make its starting value.
type Section<'a> = (&'a str, fn() -> Value);

/// Adds each `(key, value)` to a plan. A plan of `version` cannot hold those keys, so a value
/// already there is refused rather than guessed at. A plan that is not an object is left for
/// the shape check that follows.
fn add_sections(plan: &mut Value, version: u32, sections: &[Section]) -> Result<(), String> {
    if let Some(obj) = plan.as_object_mut() {
        for (key, value) in sections {
            if obj.contains_key(*key) {
                return Err(format!("has `{key}`, which version {version} did not have"));
            }
            obj.insert((*key).into(), value());
        }
    }
    Ok(())
}

/// Brings one plan from version `from` to `CURRENT`. On failure, says from which version the
/// step failed, and why.
pub fn migrate_plan(plan: &mut Value, from: u32) -> Result<(), (u32, String)> {
    let mut version = from;
    while version < CURRENT {
        let step = MIGRATIONS
            .iter()
            .find(|m| m.from == version)
            .ok_or_else(|| (version, "no upgrade step".to_owned()))?;
        (step.apply)(plan).map_err(|detail| (version, detail))?;
        version += 1;
    }
    Ok(())
}

/// Brings every plan of an envelope from version `from` to `CURRENT`.
pub fn migrate(envelope: &mut Value, from: u32) -> Result<(), ImportError> {
    if let Some(plans) = envelope.get_mut("plans").and_then(Value::as_array_mut) {
        for (i, plan) in plans.iter_mut().enumerate() {
            migrate_plan(plan, from).map_err(|(from, detail)| ImportError::Migration {
                from,
                detail: format!("plans[{i}] {detail}"),
            })?;
        }
    }
    if from < CURRENT
        && let Some(obj) = envelope.as_object_mut()
    {
        obj.insert("schema_version".into(), Value::from(CURRENT));
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
        assert_eq!(v["schema_version"], CURRENT);
        assert_eq!(v["plans"][0]["partners"], serde_json::json!([]));
        assert_eq!(v["plans"][1]["partners"], serde_json::json!([]));
        let mut odd = serde_json::json!({"schema_version": 1, "plans": [{"partners": 3}]});
        assert!(matches!(
            migrate(&mut odd, 1),
            Err(ImportError::Migration { from: 1, .. })
        ));
    }

    #[test]
    fn v2_plans_gain_the_four_guided_steps() {
        let mut v =
            serde_json::json!({"schema_version": 2, "plans": [{"id": "x", "partners": []}]});
        assert_eq!(migrate(&mut v, 2), Ok(()));
        assert_eq!(v["schema_version"], CURRENT);
        for key in ["foundations", "strategy", "activities", "theory_of_change"] {
            assert_eq!(v["plans"][0][key], serde_json::json!({}), "{key}");
        }
        let mut odd = serde_json::json!({"schema_version": 2, "plans": [{"strategy": "win"}]});
        assert!(matches!(
            migrate(&mut odd, 2),
            Err(ImportError::Migration { from: 2, .. })
        ));
        let mut from_one = serde_json::json!({"schema_version": 1, "plans": [{"id": "x"}]});
        assert_eq!(migrate(&mut from_one, 1), Ok(()));
        assert_eq!(from_one["schema_version"], CURRENT);
        assert_eq!(from_one["plans"][0]["partners"], serde_json::json!([]));
        assert_eq!(
            from_one["plans"][0]["theory_of_change"],
            serde_json::json!({})
        );
    }

    #[test]
    fn v3_plans_gain_power_swot_and_action_plan() {
        let mut v =
            serde_json::json!({"schema_version": 3, "plans": [{"id": "x", "strategy": {}}]});
        assert_eq!(migrate(&mut v, 3), Ok(()));
        assert_eq!(v["schema_version"], CURRENT);
        for key in ["power", "swot", "action_plan"] {
            assert_eq!(v["plans"][0][key], serde_json::json!({}), "{key}");
        }
        assert_eq!(
            v["plans"][0]["strategy"],
            serde_json::json!({}),
            "the rest is kept"
        );
        let mut odd = serde_json::json!({"schema_version": 3, "plans": [{"swot": []}]});
        assert!(matches!(
            migrate(&mut odd, 3),
            Err(ImportError::Migration { from: 3, .. })
        ));
    }

    #[test]
    fn v4_plans_gain_goals_success_sheet_and_evaluation() {
        let mut v = serde_json::json!({"schema_version": 4, "plans": [{"id": "x", "swot": {"strengths": []}}]});
        assert_eq!(migrate(&mut v, 4), Ok(()));
        assert_eq!(v["schema_version"], CURRENT);
        assert_eq!(v["plans"][0]["goals"], serde_json::json!([]));
        for key in ["success_sheet", "evaluation"] {
            assert_eq!(v["plans"][0][key], serde_json::json!({}), "{key}");
        }
        assert_eq!(v["plans"][0]["swot"], serde_json::json!({"strengths": []}));
        let mut odd = serde_json::json!({"schema_version": 4, "plans": [{"goals": {}}]});
        assert!(matches!(
            migrate(&mut odd, 4),
            Err(ImportError::Migration { from: 4, .. })
        ));
    }

    #[test]
    fn v5_plans_stay_as_they_are_and_cannot_hold_versions() {
        let plan = serde_json::json!({"id": "x", "goals": []});
        let mut v = serde_json::json!({"schema_version": 5, "plans": [plan.clone()]});
        assert_eq!(migrate(&mut v, 5), Ok(()));
        assert_eq!(v["schema_version"], 6);
        assert_eq!(
            v["plans"][0], plan,
            "no versions: merges treat it as a copy of unknown history"
        );
        let mut odd = serde_json::json!({"schema_version": 5, "plans": [{"versions": {}}]});
        assert!(matches!(
            migrate(&mut odd, 5),
            Err(ImportError::Migration { from: 5, .. })
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
