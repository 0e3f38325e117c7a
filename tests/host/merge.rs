//! The merge engine on whole plans: the rules of issue "One document model", and property
//! tests that hold for any two copies edited apart from a common one.

use std::collections::BTreeMap;

use alliance_planner::domain::Plan;
use alliance_planner::domain::merge::{ConflictKind, META, Pick, Seg, get, merge_plans, to_value};
use alliance_planner::domain::partners::Partner;
use alliance_planner::persistence::format::plan_from_value;
use proptest::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::common::full_plan;

fn device(n: u8) -> Uuid {
    Uuid::from_bytes([n; 16])
}

/// An edit a person makes. Indexes wrap around the list they point into.
#[derive(Debug, Clone)]
enum Edit {
    Name(String),
    Notes(String),
    PartnerName(usize, String),
    PartnerSkills(usize, String),
    AddPartner(String),
    RemovePartner(usize),
    MovePartner(usize, usize),
    TaskWhat(usize, String),
    AddTask(String),
    RemoveTask(usize),
    Charter(String),
}

fn text() -> impl Strategy<Value = String> {
    // A small alphabet, so both sides often type the same thing.
    prop_oneof![Just(String::new()), "[ab]{1,2}", "[a-z ]{0,8}"]
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..6;
    prop_oneof![
        text().prop_map(Edit::Name),
        text().prop_map(Edit::Notes),
        (i.clone(), text()).prop_map(|(i, t)| Edit::PartnerName(i, t)),
        (i.clone(), text()).prop_map(|(i, t)| Edit::PartnerSkills(i, t)),
        text().prop_map(Edit::AddPartner),
        i.clone().prop_map(Edit::RemovePartner),
        (i.clone(), i.clone()).prop_map(|(a, b)| Edit::MovePartner(a, b)),
        (i.clone(), text()).prop_map(|(i, t)| Edit::TaskWhat(i, t)),
        text().prop_map(Edit::AddTask),
        i.prop_map(Edit::RemoveTask),
        text().prop_map(Edit::Charter),
    ]
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(edit(), 0..6)
}

fn apply(plan: &mut Plan, e: &Edit) {
    let pick = |len: usize, i: usize| (len > 0).then(|| i % len);
    match e {
        Edit::Name(t) => plan.overview.name = t.clone(),
        Edit::Notes(t) => plan.overview.notes = t.clone(),
        Edit::PartnerName(i, t) => {
            if let Some(i) = pick(plan.partners.len(), *i) {
                plan.partners[i].name = t.clone();
            }
        }
        Edit::PartnerSkills(i, t) => {
            if let Some(i) = pick(plan.partners.len(), *i) {
                plan.partners[i].skills = t.clone();
            }
        }
        Edit::AddPartner(t) => plan.partners.push(Partner {
            name: t.clone(),
            ..Partner::new()
        }),
        Edit::RemovePartner(i) => {
            if let Some(i) = pick(plan.partners.len(), *i) {
                let id = plan.partners[i].id;
                plan.remove_partner(id);
            }
        }
        Edit::MovePartner(a, b) => {
            if let (Some(a), Some(b)) =
                (pick(plan.partners.len(), *a), pick(plan.partners.len(), *b))
            {
                let p = plan.partners.remove(a);
                plan.partners.insert(b, p);
            }
        }
        Edit::TaskWhat(i, t) => {
            if let Some(i) = pick(plan.action_plan.activities.len(), *i) {
                plan.action_plan.activities[i].what = t.clone();
            }
        }
        Edit::AddTask(t) => {
            let mut task = alliance_planner::domain::action::Task::new(None);
            task.what = t.clone();
            plan.action_plan.activities.push(task);
        }
        Edit::RemoveTask(i) => {
            if let Some(i) = pick(plan.action_plan.activities.len(), *i) {
                let id = plan.action_plan.activities[i].id;
                plan.remove_task(id);
            }
        }
        Edit::Charter(t) => plan.foundations.charter.values = t.clone(),
    }
}

/// `plan` after `edits` made on `dev`, saved (stamped) once.
fn edited(plan: &Plan, edits: &[Edit], dev: u8) -> Plan {
    let before = to_value(plan).unwrap_or_default();
    let mut next = plan.clone();
    for e in edits {
        apply(&mut next, e);
    }
    next.stamp_edits(&before, device(dev), None)
        .unwrap_or_else(|e| panic!("{e}"));
    next
}

/// A common copy that has a history of its own: the full plan with two more partners and an
/// action, saved on device 9.
fn common() -> Plan {
    let mut plan = full_plan("Common");
    plan.partners.push(Partner {
        name: "North Faith Network".into(),
        ..Partner::new()
    });
    let plan = edited(
        &plan,
        &[
            Edit::AddPartner("Youth Forum".into()),
            Edit::AddTask("Door knock".into()),
        ],
        9,
    );
    edited(&plan, &[Edit::Notes("agreed".into())], 9)
}

fn merged(ours: &Plan, theirs: &Plan) -> alliance_planner::domain::merge::PlanMerge {
    merge_plans(ours, theirs, device(1), plan_from_value, |_| None)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The content of a plan, without what describes the copy.
fn content(plan: &Plan) -> Value {
    let mut v = to_value(plan).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        for k in META {
            o.remove(k);
        }
    }
    v
}

/// Every leaf of a plan's content by path, items keyed by id.
fn leaves(v: &Value) -> BTreeMap<Vec<Seg>, Value> {
    fn walk(v: &Value, path: &mut Vec<Seg>, out: &mut BTreeMap<Vec<Seg>, Value>) {
        match v {
            Value::Object(o) => {
                for (k, child) in o {
                    path.push(Seg::Key(k.clone()));
                    walk(child, path, out);
                    path.pop();
                }
            }
            // An empty list has no leaves: it may be a keyed list whose items all went.
            Value::Array(items) if items.is_empty() => {}
            Value::Array(items)
                if items
                    .iter()
                    .all(|i| i.get("id").is_some_and(Value::is_string)) =>
            {
                for i in items {
                    path.push(Seg::Item(
                        "id",
                        i["id"].as_str().unwrap_or_default().to_owned(),
                    ));
                    walk(i, path, out);
                    path.pop();
                }
            }
            other => {
                out.insert(path.clone(), other.clone());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(v, &mut Vec::new(), &mut out);
    out
}

/// Every change `side` made to `base` is in `result`, or under a conflict's path.
fn nothing_lost(
    base: &Plan,
    side: &Plan,
    m: &alliance_planner::domain::merge::PlanMerge,
) -> Result<(), String> {
    let (b, s, r) = (
        leaves(&content(base)),
        leaves(&content(side)),
        content(&m.plan),
    );
    let paths: std::collections::BTreeSet<&Vec<Seg>> = b.keys().chain(s.keys()).collect();
    for path in paths {
        if b.get(path) == s.get(path) {
            continue;
        }
        if m.conflicts.iter().any(|c| path.starts_with(&c.path)) {
            continue;
        }
        let empty = |v: Option<&Value>| {
            v.filter(|v| v.as_array().is_none_or(|a| !a.is_empty()))
                .cloned()
        };
        if empty(get(&r, path)) != empty(s.get(path)) {
            return Err(format!(
                "lost {path:?}: had {:?}, merged {:?}",
                s.get(path),
                get(&r, path)
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// merge(x, x) = x.
    #[test]
    fn merging_a_copy_with_itself_changes_nothing(e in edits()) {
        let x = edited(&common(), &e, 1);
        let m = merged(&x, &x);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(content(&m.plan), content(&x));
        prop_assert_eq!(m.plan.versions, x.versions);
    }

    /// merge(base, y) = y, from either side: a copy that only moved on is taken whole.
    #[test]
    fn a_copy_that_moved_on_is_taken(e in edits(), more in edits()) {
        let base = common();
        let y = edited(&edited(&base, &e, 2), &more, 2);
        for m in [merged(&base, &y), merged(&y, &base)] {
            prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
            prop_assert_eq!(content(&m.plan), content(&y));
        }
    }

    /// The result does not depend on which side is "ours", and no edit of either side is
    /// lost without a conflict that names it.
    #[test]
    fn merges_are_symmetric_and_lose_nothing(a in edits(), b in edits()) {
        let base = common();
        let x = edited(&base, &a, 1);
        let y = edited(&base, &b, 2);
        let xy = merged(&x, &y);
        let yx = merged(&y, &x);
        prop_assert_eq!(content(&xy.plan), content(&yx.plan));
        prop_assert_eq!(&xy.plan.versions, &yx.plan.versions);
        prop_assert_eq!(xy.conflicts.len(), yx.conflicts.len());
        nothing_lost(&base, &x, &xy).map_err(TestCaseError::fail)?;
        nothing_lost(&base, &y, &xy).map_err(TestCaseError::fail)?;
        // Merging the result again with either side changes nothing more, and raises no
        // conflict but the items still kept against a deletion nobody chose for.
        for side in [&x, &y] {
            let again = merged(&xy.plan, side);
            prop_assert!(
                again.conflicts.iter().all(|c| c.kind == ConflictKind::Deleted
                    && xy.conflicts.iter().any(|d| d.path == c.path)),
                "{:?}", again.conflicts
            );
            prop_assert_eq!(content(&again.plan), content(&xy.plan));
        }
    }

    /// Edits to different fields never conflict.
    #[test]
    fn different_fields_merge_without_a_conflict(a in text(), b in text()) {
        let base = common();
        let x = edited(&base, &[Edit::Name(a.clone())], 1);
        let y = edited(&base, &[Edit::Charter(b.clone())], 2);
        let m = merged(&x, &y);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.plan.overview.name, &x.overview.name);
        prop_assert_eq!(&m.plan.foundations.charter.values, &y.foundations.charter.values);
    }
}

#[test]
fn one_field_set_twice_is_one_conflict_with_both_values_and_a_choice() {
    let base = common();
    let x = edited(&base, &[Edit::Name("Tenants first".into())], 1);
    let y = edited(&base, &[Edit::Name("Renters united".into())], 2);
    let m = merged(&x, &y);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(c.kind, ConflictKind::Field);
    assert_eq!(c.ours, Some(Value::from("Tenants first")));
    assert_eq!(c.theirs, Some(Value::from("Renters united")));
    for (pick, name) in [
        (Pick::Ours, "Tenants first"),
        (Pick::Theirs, "Renters united"),
    ] {
        let chosen = merge_plans(&x, &y, device(1), plan_from_value, |_| Some(pick))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(chosen.conflicts.is_empty());
        assert_eq!(chosen.plan.overview.name, name);
        // The choice is an edit: merged again with the other side, it stands.
        let again = merged(&chosen.plan, &y);
        assert!(again.conflicts.is_empty());
        assert_eq!(again.plan.overview.name, name);
    }
}

#[test]
fn a_partner_deleted_on_one_side_and_renamed_on_the_other_is_a_conflict() {
    let base = common();
    let x = edited(&base, &[Edit::RemovePartner(1)], 1);
    let y = edited(&base, &[Edit::PartnerName(1, "North Faith".into())], 2);
    let m = merged(&x, &y);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].kind, ConflictKind::Deleted);
    assert_eq!(
        m.plan.partners.len(),
        base.partners.len(),
        "kept until someone chooses"
    );
    let deleted = merge_plans(&x, &y, device(1), plan_from_value, |_| Some(Pick::Ours))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(deleted.plan.partners.len(), base.partners.len() - 1);
}

#[test]
fn a_file_without_versions_shows_every_difference_as_a_conflict() {
    let base = common();
    let mut legacy = edited(
        &base,
        &[Edit::Name("Old name".into()), Edit::Charter("x".into())],
        2,
    );
    legacy.versions = None;
    let mine = edited(&base, &[], 1);
    let m = merged(&mine, &legacy);
    assert_eq!(m.conflicts.len(), 2);
    assert!(m.taken.is_empty());
}

#[test]
fn merging_twice_changes_nothing_the_second_time() {
    let base = common();
    let x = edited(&base, &[Edit::Name("A".into())], 1);
    let y = edited(
        &base,
        &[Edit::AddPartner("New".into()), Edit::Notes("n".into())],
        2,
    );
    let once = merged(&x, &y);
    assert_eq!(once.taken.len(), 2);
    let twice = merged(&once.plan, &y);
    assert!(twice.taken.is_empty());
    assert_eq!(content(&twice.plan), content(&once.plan));
}

/// The v6 fixture carries versions; its own v5 form (the same plan, one partner fewer, no
/// versions) merges with it showing each difference as a conflict, and taking nothing.
#[test]
fn the_v6_fixture_against_its_v5_form() {
    use alliance_planner::persistence::format::decode_bytes;
    let read = |p: &str| {
        let bytes = std::fs::read(crate::common::fixture_path(p)).unwrap_or_default();
        decode_bytes(&bytes)
            .unwrap_or_else(|e| panic!("{p}: {e}"))
            .plans
            .remove(0)
    };
    let v6 = read("v6/merge-versions.alliance.json");
    let v5 = read("v5/goals-and-evaluation.alliance.json");
    let versions = v6.versions.clone().unwrap_or_default();
    assert_eq!(versions.seen.len(), 2);
    assert!(v5.versions.is_none());
    let m = merged(&v6, &v5);
    assert!(m.taken.is_empty());
    assert_eq!(
        m.conflicts.len(),
        1,
        "the youth club: added here or deleted there?"
    );
    assert_eq!(m.conflicts[0].kind, ConflictKind::Unknown);
    assert_eq!(m.plan.partners.len(), 3);
}

/// "Replace" on import: a tab still showing the old plan, with nothing unsaved, takes the
/// replacement whole, even a file without versions, and a tab with an edit keeps just that.
#[test]
fn a_replacement_is_taken_whole_by_a_tab_that_shows_the_old_plan() {
    let base = common();
    let stored = edited(
        &base,
        &[Edit::Name("Ours".into()), Edit::Charter("kept here".into())],
        1,
    );
    let mut file = edited(&base, &[Edit::Notes("from the file".into())], 2);
    file.versions = None;
    let replaced = file
        .replacing(&stored, device(3))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = merged(&stored, &replaced);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(content(&m.plan), content(&replaced));
    let tab = edited(&stored, &[Edit::PartnerSkills(0, "typing".into())], 1);
    let m = merged(&tab, &replaced);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.plan.overview.notes, "from the file");
    assert_eq!(m.plan.partners[0].skills, "typing");
}

mod history {
    use super::*;
    use alliance_planner::domain::history::{History, diff};

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Undoing each pause of edits, last first, gives back every earlier copy; redoing
        /// them all gives the last one.
        #[test]
        fn undo_walks_back_through_every_pause_and_redo_walks_forward(pauses in proptest::collection::vec(edits(), 1..6)) {
            let mut copies = vec![common()];
            let mut history = History::default();
            for edits in &pauses {
                let last = copies.last().cloned().unwrap_or_else(common);
                let next = edited(&last, edits, 1);
                history.record(diff(&to_value(&last).unwrap_or_default(), &to_value(&next).unwrap_or_default()));
                copies.push(next);
            }
            let mut now = to_value(copies.last().unwrap_or(&copies[0])).unwrap_or_default();
            let strip = |v: &Value| {
                let mut v = v.clone();
                if let Some(o) = v.as_object_mut() { for k in META { o.remove(k); } }
                v
            };
            for earlier in copies.iter().rev().skip(1) {
                if content(earlier) == strip(&now) { continue; }
                prop_assert!(history.undo(&mut now));
                prop_assert_eq!(strip(&now), content(earlier));
            }
            while history.redo(&mut now) {}
            prop_assert_eq!(strip(&now), content(copies.last().unwrap_or(&copies[0])));
        }
    }
}

mod one_walk {
    //! A save stamps from its undo step instead of walking the plan twice: the stamps must be
    //! the ones the merge's own walk makes.
    use super::*;
    use alliance_planner::domain::history::{diff, stamp_step};
    use alliance_planner::domain::merge::{Dot, stamp};

    fn same_stamps(before: &Plan, after: &Plan) -> Result<(), TestCaseError> {
        let (b, a) = (content_of(before), content_of(after));
        let dot = Dot {
            device: device(4),
            n: 77,
        };
        let walked = stamp(&b, before.versions.as_ref(), &a, dot);
        let stepped = stamp_step(&diff(&b, &a), before.versions.as_ref(), dot);
        prop_assert_eq!(walked, stepped);
        Ok(())
    }

    fn content_of(plan: &Plan) -> Value {
        to_value(plan).unwrap_or_default()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn stamps_from_the_undo_step_are_the_stamps_of_the_walk(e in edits(), more in edits()) {
            let before = edited(&common(), &e, 1);
            let mut after = before.clone();
            for m in &more {
                apply(&mut after, m);
            }
            same_stamps(&before, &after)?;
        }
    }

    #[test]
    fn items_keyed_by_what_they_describe_and_nested_lists_too() {
        let before = common();
        let mut after = before.clone();
        // A new goal brings nested lists; removing a partner reaches into many lists.
        let mut goal = alliance_planner::domain::Goal::new();
        goal.statement = "Two routes back by June".into();
        after.goals.push(goal);
        if let Some(id) = after.partners.first().map(|p| p.id) {
            after.remove_partner(id);
        }
        after.goals.reverse();
        same_stamps(&before, &after).unwrap_or_else(|e| panic!("{e}"));
        same_stamps(&after, &before).unwrap_or_else(|e| panic!("{e}"));
        same_stamps(&before, &full_plan("Other")).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The preview of a colleague's file counts what they changed since the two copies last
/// agreed, step by step: not every difference. Here they renamed one partner (twice: still
/// one changed item), added one and removed a task (which also takes it off the success
/// sheet), while this device changed the notes and another partner's skills since.
#[test]
fn a_colleagues_changes_are_counted_step_by_step() {
    use alliance_planner::domain::steps::{Step, StepChanges, changes_by_step};
    let base = common();
    let mine = edited(
        &base,
        &[
            Edit::Notes("ours".into()),
            Edit::PartnerSkills(1, "ours".into()),
        ],
        1,
    );
    let theirs = edited(
        &base,
        &[
            Edit::PartnerName(0, "Renamed".into()),
            Edit::PartnerSkills(0, "theirs".into()),
            Edit::AddPartner("Faith Forum".into()),
            Edit::RemoveTask(0),
        ],
        2,
    );
    let m = merged(&mine, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(
        changes_by_step(&m.taken),
        vec![
            (
                Step::Partners,
                StepChanges {
                    added: 1,
                    changed: 1,
                    removed: 0
                }
            ),
            (
                Step::ActionPlan,
                StepChanges {
                    added: 0,
                    changed: 0,
                    removed: 1
                }
            ),
            (
                Step::Success,
                StepChanges {
                    added: 0,
                    changed: 1,
                    removed: 0
                }
            ),
        ]
    );
    // Merged again, the same file brings nothing.
    assert!(changes_by_step(&merged(&m.plan, &theirs).taken).is_empty());
}

#[test]
fn each_section_of_the_plan_belongs_to_a_step() {
    use alliance_planner::domain::steps::Step;
    let plan = to_value(&full_plan("Sections")).unwrap_or_default();
    let sections = plan
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>());
    for key in sections.unwrap_or_default() {
        if META.contains(&key.as_str()) || ["id", "created_at"].contains(&key.as_str()) {
            continue;
        }
        assert!(
            Step::of_path(&[Seg::Key(key.clone())]).is_some(),
            "{key} has no step"
        );
    }
    assert_eq!(
        Step::of_path(&[Seg::Key("power".into()), Seg::Key("stakeholders".into())]),
        Some(Step::Stakeholders)
    );
}
