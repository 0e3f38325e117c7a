//! Undo and redo as a pure list of changes.
//!
//! A step is what changed between two moments of the plan, found by comparing the two as
//! JSON (the same walk as [`merge`](super::merge)): each field set, each item added to or
//! removed from a keyed list (with where it stood), each list put in another order. Undoing
//! a step sets each field back and puts each item back where it was, on the plan as it is
//! now, so a change another tab merged in since is left alone. The app takes a step at each
//! pause in typing (its autosave), so typing in a field is one step, and deleting an item
//! is one step.

use std::collections::{BTreeSet, HashMap, VecDeque};

use serde_json::{Map, Value};

use super::merge::{
    Dot, META, Seg, Versions, entity, get, get_mut, item_key, item_keys, join_path, list_key,
    order_field, set,
};

/// How many steps back a plan keeps.
pub const LIMIT: usize = 200;

/// One change within a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A field (or a list whose items have no key) went from `before` to `after`; `None` is
    /// "not there".
    Set {
        path: Vec<Seg>,
        before: Option<Value>,
        after: Option<Value>,
    },
    /// The items of a keyed list: which were removed (whole) and added (whole), and the
    /// order of its keys before and after.
    List {
        path: Vec<Seg>,
        key: &'static str,
        removed: Vec<Value>,
        added: Vec<Value>,
        order_before: Vec<String>,
        order_after: Vec<String>,
    },
}

/// Everything that changed between two moments: one undo.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Step {
    pub changes: Vec<Change>,
}

impl Step {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// What changed from `before` to `after`, two copies of a plan as JSON.
pub fn diff(before: &Value, after: &Value) -> Step {
    let empty = Map::new();
    let mut changes = Vec::new();
    fields(
        before.as_object().unwrap_or(&empty),
        after.as_object().unwrap_or(&empty),
        true,
        &mut Vec::new(),
        &mut changes,
    );
    Step { changes }
}

fn fields(
    b: &Map<String, Value>,
    a: &Map<String, Value>,
    root: bool,
    path: &mut Vec<Seg>,
    out: &mut Vec<Change>,
) {
    let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    for k in keys {
        if root && META.contains(&k.as_str()) {
            continue;
        }
        path.push(Seg::Key(k.clone()));
        match (b.get(k), a.get(k)) {
            (Some(Value::Object(x)), Some(Value::Object(y))) => fields(x, y, false, path, out),
            (Some(Value::Array(x)), Some(Value::Array(y))) if list_key(x, y).is_some() => {
                if let Some(kf) = list_key(x, y) {
                    list(kf, x, y, path, out);
                }
            }
            (x, y) => {
                if x != y {
                    out.push(Change::Set {
                        path: path.clone(),
                        before: x.cloned(),
                        after: y.cloned(),
                    });
                }
            }
        }
        path.pop();
    }
}

fn key_of<'a>(item: &'a Value, kf: &str) -> Option<&'a str> {
    item.get(kf).and_then(Value::as_str)
}

fn list(kf: &'static str, b: &[Value], a: &[Value], path: &mut Vec<Seg>, out: &mut Vec<Change>) {
    let before: HashMap<&str, &Value> = b
        .iter()
        .filter_map(|i| key_of(i, kf).map(|k| (k, i)))
        .collect();
    let after: HashMap<&str, &Value> = a
        .iter()
        .filter_map(|i| key_of(i, kf).map(|k| (k, i)))
        .collect();
    let order = |l: &[Value]| -> Vec<String> {
        l.iter()
            .filter_map(|i| key_of(i, kf))
            .map(str::to_owned)
            .collect()
    };
    let removed: Vec<Value> = b
        .iter()
        .filter(|i| key_of(i, kf).is_some_and(|k| !after.contains_key(k)))
        .cloned()
        .collect();
    let added: Vec<Value> = a
        .iter()
        .filter(|i| key_of(i, kf).is_some_and(|k| !before.contains_key(k)))
        .cloned()
        .collect();
    let (order_before, order_after) = (order(b), order(a));
    let empty = Map::new();
    for item in a {
        let Some(key) = key_of(item, kf) else {
            continue;
        };
        if let Some(old) = before.get(key) {
            path.push(Seg::Item(kf, key.to_owned()));
            fields(
                old.as_object().unwrap_or(&empty),
                item.as_object().unwrap_or(&empty),
                false,
                path,
                out,
            );
            path.pop();
        }
    }
    if !removed.is_empty() || !added.is_empty() || order_before != order_after {
        out.push(Change::List {
            path: path.clone(),
            key: kf,
            removed,
            added,
            order_before,
            order_after,
        });
    }
}

/// The stamps [`merge::stamp`](super::merge::stamp) makes between two copies of a plan, from
/// the step between the same two copies: a save that takes an undo step stamps from it,
/// rather than walking the plan a second time. `None` when nothing changed.
pub fn stamp_step(step: &Step, before_v: Option<&Versions>, dot: Dot) -> Option<Versions> {
    if step.is_empty() {
        return None;
    }
    let mut versions = before_v.cloned().unwrap_or_default();
    for change in &step.changes {
        match change {
            Change::Set { path, .. } => {
                let (item, field) = item_and_field(path);
                mark(&mut versions, item, field, dot);
            }
            Change::List {
                path,
                key: kf,
                removed,
                added,
                order_before,
                order_after,
            } => {
                let (parent, field) = item_and_field(path);
                for (items, coming) in [(added, true), (removed, false)] {
                    for item in items {
                        let Some(key) = item_key(item, kf) else {
                            continue;
                        };
                        let mut keys = Vec::new();
                        item_keys(entity(&parent, &field, kf, key), item, &mut keys);
                        for k in keys {
                            if coming {
                                versions.stamps.insert(
                                    k,
                                    std::collections::BTreeMap::from([(String::new(), dot)]),
                                );
                            } else {
                                versions.stamps.remove(&k);
                            }
                        }
                    }
                }
                let kept = |order: &[String], other: &[String]| -> Vec<String> {
                    let other: BTreeSet<&String> = other.iter().collect();
                    order
                        .iter()
                        .filter(|k| other.contains(k))
                        .cloned()
                        .collect()
                };
                if kept(order_before, order_after) != kept(order_after, order_before) {
                    mark(&mut versions, parent, order_field(&field), dot);
                }
            }
        }
    }
    versions.add(dot);
    Some(versions)
}

/// The item a path is in (its stamp key) and the field within it.
fn item_and_field(path: &[Seg]) -> (String, String) {
    let (mut item, mut field) = (String::new(), String::new());
    for seg in path {
        match seg {
            Seg::Key(k) => field = join_path(&field, k),
            Seg::Item(kf, key) => {
                item = entity(&item, &field, kf, key);
                field.clear();
            }
        }
    }
    (item, field)
}

fn mark(versions: &mut Versions, item: String, field: String, dot: Dot) {
    versions.stamps.entry(item).or_default().insert(field, dot);
}

/// Applies `step` to `value`: backwards (undo) or forwards (redo).
pub fn apply(value: &mut Value, step: &Step, forwards: bool) {
    let run = |value: &mut Value, change: &Change| match change {
        Change::Set {
            path,
            before,
            after,
        } => {
            let to = if forwards { after } else { before };
            // A field whose item is gone (deleted in another tab since) is left alone.
            if path.len() <= 1 || get(value, &path[..path.len() - 1]).is_some() {
                set(value, path, to.clone());
            }
        }
        Change::List {
            path,
            key,
            removed,
            added,
            order_before,
            order_after,
        } => {
            let (take_out, put_back, order) = if forwards {
                (removed, added, order_after)
            } else {
                (added, removed, order_before)
            };
            let Some(Value::Array(items)) = get_mut(value, path) else {
                return;
            };
            let gone: BTreeSet<&str> = take_out.iter().filter_map(|i| key_of(i, key)).collect();
            items.retain(|i| key_of(i, key).is_none_or(|k| !gone.contains(k)));
            for item in put_back {
                if key_of(item, key)
                    .is_some_and(|k| !items.iter().any(|i| key_of(i, key) == Some(k)))
                {
                    items.push(item.clone());
                }
            }
            // The order it had; items it did not have (merged in since) keep their place
            // after the item they followed.
            let rank: HashMap<&str, usize> = order
                .iter()
                .enumerate()
                .map(|(n, k)| (k.as_str(), n))
                .collect();
            let mut last = 0;
            let mut ranked: Vec<(usize, usize, Value)> = Vec::with_capacity(items.len());
            for (n, item) in std::mem::take(items).into_iter().enumerate() {
                if let Some(r) = key_of(&item, key).and_then(|k| rank.get(k)) {
                    last = *r;
                }
                ranked.push((last, n, item));
            }
            ranked.sort_by_key(|(r, n, _)| (*r, *n));
            *items = ranked.into_iter().map(|(_, _, i)| i).collect();
        }
    };
    if forwards {
        step.changes.iter().for_each(|c| run(value, c));
    } else {
        // Lists first, so the fields of an item put back can be set.
        step.changes
            .iter()
            .rev()
            .filter(|c| matches!(c, Change::List { .. }))
            .for_each(|c| run(value, c));
        step.changes
            .iter()
            .rev()
            .filter(|c| matches!(c, Change::Set { .. }))
            .for_each(|c| run(value, c));
    }
}

/// The steps of one plan that can be undone and redone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Keeps a new step; the steps undone before it can no longer be redone.
    pub fn record(&mut self, step: Step) {
        if step.is_empty() {
            return;
        }
        self.redo.clear();
        self.undo.push_back(step);
        while self.undo.len() > LIMIT {
            self.undo.pop_front();
        }
    }

    /// The step recorded last.
    pub fn last(&self) -> Option<&Step> {
        self.undo.back()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step on `value`. False when there is none.
    pub fn undo(&mut self, value: &mut Value) -> bool {
        let Some(step) = self.undo.pop_back() else {
            return false;
        };
        apply(value, &step, false);
        self.redo.push(step);
        true
    }

    /// Redoes the last step undone on `value`. False when there is none.
    pub fn redo(&mut self, value: &mut Value) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        apply(value, &step, true);
        self.undo.push_back(step);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn undo_and_redo_a_typed_field_a_deleted_item_and_a_new_order() {
        let a = json!({"overview": {"name": "A"}, "partners": [{"id": "1", "name": "x"}, {"id": "2"}, {"id": "3"}]});
        let b =
            json!({"overview": {"name": "B"}, "partners": [{"id": "3"}, {"id": "1", "name": "y"}]});
        let step = diff(&a, &b);
        let mut v = b.clone();
        apply(&mut v, &step, false);
        assert_eq!(v, a);
        apply(&mut v, &step, true);
        assert_eq!(v, b);
    }

    #[test]
    fn undo_leaves_what_was_merged_in_since() {
        let a = json!({"overview": {"name": "A", "notes": ""}, "partners": [{"id": "1"}]});
        let b =
            json!({"overview": {"name": "B", "notes": ""}, "partners": [{"id": "1"}, {"id": "2"}]});
        let step = diff(&a, &b);
        // Another tab wrote notes and added partner 9 after ours.
        let mut now = json!({"overview": {"name": "B", "notes": "theirs"}, "partners": [{"id": "1"}, {"id": "2"}, {"id": "9"}]});
        apply(&mut now, &step, false);
        assert_eq!(
            now,
            json!({"overview": {"name": "A", "notes": "theirs"}, "partners": [{"id": "1"}, {"id": "9"}]})
        );
    }

    #[test]
    fn the_history_keeps_its_limit_and_a_new_step_ends_redo() {
        let mut h = History::default();
        let mut v = json!({"n": 0});
        for n in 1..=(LIMIT + 5) {
            let next = json!({ "n": n });
            h.record(diff(&v, &next));
            v = next;
        }
        let mut undone = 0;
        while h.undo(&mut v) {
            undone += 1;
        }
        assert_eq!(undone, LIMIT);
        assert_eq!(v, json!({"n": 5}));
        assert!(h.redo(&mut v));
        h.record(diff(&v, &json!({"n": 99})));
        assert!(!h.can_redo());
    }
}
