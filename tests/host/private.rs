//! Private by type: the share copy is derived from the marks (`Private<T>`, `Guarded<T>`)
//! alone. These tests walk the JSON Schema of every type to find each mark, fill every
//! marked value of a plan with a secret, and prove that none survives a share copy.

use std::collections::BTreeMap;

use alliance_planner::domain::Plan;
use alliance_planner::domain::private::share_copy;
use alliance_planner::persistence::format::plan_from_value;
use serde_json::Value;

use crate::common::{file_of, full_plan};

/// One step of a path through the plan: a field, or every entry of a list or map.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Each,
}

/// Every marked place in the plan's schema, with its mark ("always" or "when-marked").
fn marks() -> BTreeMap<Vec<Step>, String> {
    let schema = serde_json::to_value(schemars::schema_for!(Plan)).unwrap_or_default();
    let defs = schema.get("$defs").cloned().unwrap_or_default();
    let mut out = BTreeMap::new();
    walk(&schema, &defs, &mut Vec::new(), &mut Vec::new(), &mut out);
    out
}

fn walk(
    schema: &Value,
    defs: &Value,
    path: &mut Vec<Step>,
    seen: &mut Vec<String>,
    out: &mut BTreeMap<Vec<Step>, String>,
) {
    if let Some(mark) = schema.get("x-private").and_then(Value::as_str) {
        out.insert(path.clone(), mark.to_owned());
    }
    if let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        if seen.iter().any(|s| s == name) {
            return;
        }
        seen.push(name.to_owned());
        walk(&defs[name], defs, path, seen, out);
        seen.pop();
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for s in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            walk(s, defs, path, seen, out);
        }
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (name, s) in props {
            path.push(Step::Key(name.clone()));
            walk(s, defs, path, seen, out);
            path.pop();
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(s) = schema.get(key).filter(|s| s.is_object()) {
            path.push(Step::Each);
            walk(s, defs, path, seen, out);
            path.pop();
        }
    }
}

/// The JSON pointers of every value at `path` in `value`.
fn instances(value: &Value, path: &[Step], at: String, out: &mut Vec<String>) {
    let Some((step, rest)) = path.split_first() else {
        out.push(at);
        return;
    };
    match (step, value) {
        (Step::Key(k), Value::Object(map)) => {
            if let Some(v) = map.get(k) {
                instances(v, rest, format!("{at}/{k}"), out);
            }
        }
        (Step::Each, Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                instances(v, rest, format!("{at}/{i}"), out);
            }
        }
        (Step::Each, Value::Object(map)) => {
            for (k, v) in map {
                instances(v, rest, format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// Puts a numbered secret into every text of `value` (not into ids and dates, which a plan
/// must be able to read).
fn fill(value: &mut Value, n: &mut usize) {
    match value {
        Value::String(s)
            if uuid::Uuid::parse_str(s).is_err() && s.parse::<chrono::NaiveDate>().is_err() =>
        {
            *n += 1;
            *s = format!("secret-{n}");
        }
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k != "id" {
                    fill(v, n);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| fill(v, n)),
        _ => {}
    }
}

fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(p, _)| p)
}

#[test]
fn the_schema_names_every_private_field() {
    let found: Vec<(String, String)> = marks()
        .into_iter()
        .map(|(path, mark)| {
            let path = path
                .iter()
                .map(|s| match s {
                    Step::Key(k) => k.clone(),
                    Step::Each => "*".into(),
                })
                .collect::<Vec<_>>()
                .join(".");
            (path, mark)
        })
        .collect();
    let expected = [
        ("evaluation.journal.*", "when-marked"),
        ("partners.*.private_notes", "always"),
        ("power.links.*.note", "when-marked"),
        ("power.stakeholders.*.approach", "when-marked"),
        ("power.stakeholders.*.evidence", "when-marked"),
        ("power.stakeholders.*.interests", "when-marked"),
        ("power.stakeholders.*.want", "when-marked"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, m)| ((*p).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(found, expected);
}

/// Every marked value of a plan is filled with a secret and its item marked private; the
/// share copy then holds no secret at all, and reads back as a plan.
#[test]
fn no_marked_field_survives_a_share_copy() {
    let marks = marks();
    let mut value = serde_json::to_value(full_plan("Secrets")).unwrap_or_default();
    let mut n = 0;
    for (path, mark) in &marks {
        let mut at = Vec::new();
        instances(&value, path, String::new(), &mut at);
        assert!(
            !at.is_empty(),
            "no {path:?} in the test plan: add one to `full_plan` so this mark is tested"
        );
        for pointer in at {
            if let Some(v) = value.pointer_mut(&pointer) {
                fill(v, &mut n);
                if let Some(flag) = v.get_mut("private") {
                    *flag = Value::Bool(true);
                }
            }
            if mark == "when-marked"
                && let Some(flag) = value
                    .pointer_mut(parent(&pointer))
                    .and_then(|h| h.get_mut("private"))
            {
                *flag = Value::Bool(true);
            }
        }
    }
    assert!(n > 0);
    let plan: Plan = serde_json::from_value(value).unwrap_or_else(|e| panic!("{e}"));
    let saved = file_of(&plan, "2027-01-01T00:00:00Z", false);
    assert!(
        saved.contains("secret-1\""),
        "the keeper's own file keeps them"
    );
    let shared = share_copy(&plan, plan_from_value).unwrap_or_else(|e| panic!("{e}"));
    let text = file_of(&shared, "2027-01-01T00:00:00Z", false);
    assert!(!text.contains("secret-"), "a marked value leaked: {text}");
    // The mark is off again once the copy is made.
    let again = file_of(&plan, "2027-01-01T00:00:00Z", false);
    assert_eq!(again, saved);
}

/// What is guarded stays in the share copy while its item is not marked private; what is
/// private never does.
#[test]
fn guarded_fields_are_shared_until_their_item_is_marked() {
    let mut plan = full_plan("Guarded");
    for s in &mut plan.power.stakeholders {
        s.private = false;
        *s.evidence = format!("Evidence about {}", s.id);
    }
    *plan.power.links[0].note = "Old friends from the union.".into();
    let shared = share_copy(&plan, plan_from_value).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shared.power.stakeholders, plan.power.stakeholders);
    assert_eq!(shared.power.links, plan.power.links);

    // Mark the link's target private: its own texts go, and so does the note about it.
    let target = plan.power.links[0].to;
    for s in &mut plan.power.stakeholders {
        s.private = s.id == target;
    }
    let shared = share_copy(&plan, plan_from_value).unwrap_or_else(|e| panic!("{e}"));
    for (s, mine) in shared
        .power
        .stakeholders
        .iter()
        .zip(&plan.power.stakeholders)
    {
        assert_eq!(s.name, mine.name, "the name stays on the map");
        if s.id == target {
            assert!(s.evidence.is_empty() && s.private);
        } else {
            assert_eq!(s.evidence, mine.evidence);
        }
    }
    assert!(shared.power.links[0].note.is_empty());
    assert_eq!(shared.power.links[0].from, plan.power.links[0].from);
}

/// The share copy says whether it left anything out, so an export of a plan with nothing
/// private counts as its backup: empty private fields are not "anything".
#[test]
fn the_share_copy_says_whether_it_left_anything_out() {
    use alliance_planner::domain::private::share_copy_and_withheld;
    let plan = full_plan("Private");
    let (_, withheld) =
        share_copy_and_withheld(&plan, plan_from_value).unwrap_or_else(|e| panic!("{e}"));
    assert!(withheld, "the full plan has private notes");

    let mut open = Plan::new("Open", plan.created_at);
    open.partners.push(alliance_planner::domain::Partner::new());
    let (copy, withheld) =
        share_copy_and_withheld(&open, plan_from_value).unwrap_or_else(|e| panic!("{e}"));
    assert!(!withheld, "an empty private note is nothing left out");
    assert_eq!(copy, open);
}
