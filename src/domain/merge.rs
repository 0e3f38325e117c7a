//! Field-level merge of two copies of one plan: another tab's save, or a colleague's file.
//!
//! Each copy carries [`Versions`]: which edits it holds (a version vector of device
//! counters) and, for every field, the edit that last set it (a "dot": device and counter).
//! A side changed a field since the two copies last agreed exactly when the other copy has
//! not seen that field's dot. No common base copy is needed, so a file from a colleague
//! merges as well as another tab's save.
//!
//! The merge walks the plan as JSON, so a new field or a new list needs no code here:
//! - objects merge key by key; a list whose items all carry an `id` (or a `goal` or a
//!   `stakeholder`, for the lists keyed by what they describe) merges item by item, and
//!   its order merges by key; any other value is one field;
//! - a field changed on one side takes that side's value; changed differently on both is
//!   a [`Conflict`] with both values;
//! - an item deleted on one side and edited on the other is a conflict; deleted on one
//!   side and untouched on the other, it goes;
//! - the merged value does not depend on which side is "ours": a conflict's value until
//!   someone chooses is the one set by the later edit, and an item in a delete/edit
//!   conflict is kept.
//!
//! A copy without versions (a file from before version 6) is "legacy": every difference
//! with it is a conflict, since nothing says which side made it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::Plan;

/// Keys of the plan that describe the copy, not its content: never merged.
pub const META: [&str; 3] = ["versions", "revision", "updated_at"];

/// The fields that key a list's items, in order of preference.
const ITEM_KEYS: [&str; 3] = ["id", "goal", "stakeholder"];

/// One edit: the `n`th save on `device` that changed something. Ordered by counter, then
/// device, which only breaks ties between concurrent edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dot {
    pub n: u64,
    pub device: Uuid,
}

/// What a copy of a plan knows of its own history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Versions {
    /// Per device, the highest counter whose edit this copy holds (and all lower ones).
    pub seen: BTreeMap<Uuid, u64>,
    /// Edits held beyond `seen`: only while two copies are being merged.
    pub extra: BTreeSet<Dot>,
    /// Per item (by [`item key`](self#)), per field path inside it: the edit that last set
    /// the field. Field `""` is the item's creation; a field without a stamp was last set
    /// when its item was created, and an item without one is older than versions.
    pub stamps: BTreeMap<String, BTreeMap<String, Dot>>,
}

impl Versions {
    /// True when this copy holds the edit `dot` (`None`: older than versions, held by all).
    pub fn has_seen(&self, dot: Option<Dot>) -> bool {
        dot.is_none_or(|d| {
            self.seen.get(&d.device).is_some_and(|n| *n >= d.n) || self.extra.contains(&d)
        })
    }

    /// True when this copy holds every edit `other` holds.
    pub fn covers(&self, other: &Versions) -> bool {
        other
            .seen
            .iter()
            .all(|(device, n)| self.seen.get(device).is_some_and(|m| m >= n))
            && other.extra.iter().all(|d| self.has_seen(Some(*d)))
    }

    /// The next edit of `device`, after every edit of it that this copy or `other` holds.
    pub fn next_dot(&self, device: Uuid, other: Option<&Versions>) -> Dot {
        let top = |v: &Versions| {
            let extra = v
                .extra
                .iter()
                .filter(|d| d.device == device)
                .map(|d| d.n)
                .max();
            v.seen.get(&device).copied().max(extra).unwrap_or(0)
        };
        let n = top(self).max(other.map_or(0, top)).saturating_add(1);
        Dot { n, device }
    }

    /// The edit that last set `field` of item `item`.
    pub fn stamp(&self, item: &str, field: &str) -> Option<Dot> {
        let fields = self.stamps.get(item)?;
        fields.get(field).or_else(|| fields.get("")).copied()
    }

    fn creation(&self, item: &str) -> Option<Dot> {
        self.stamps.get(item).and_then(|f| f.get("")).copied()
    }

    pub(crate) fn add(&mut self, dot: Dot) {
        if !self.has_seen(Some(dot)) {
            self.extra.insert(dot);
        }
        self.settle();
    }

    /// Takes every edit `other` holds into this copy's knowledge.
    pub fn join(&mut self, other: &Versions) {
        for (device, n) in &other.seen {
            if self.seen.get(device).is_none_or(|m| m < n) {
                self.seen.insert(*device, *n);
            }
        }
        self.extra.extend(other.extra.iter().copied());
        self.settle();
    }

    /// Moves extra edits that follow on from `seen` into it. Extras are in counter order,
    /// so one pass takes a chain (3 then 4 after 2).
    fn settle(&mut self) {
        for dot in std::mem::take(&mut self.extra) {
            let n = self.seen.get(&dot.device).copied().unwrap_or(0);
            if dot.n == n + 1 {
                self.seen.insert(dot.device, dot.n);
            } else if dot.n > n {
                self.extra.insert(dot);
            }
        }
    }
}

/// How versions are written in a file: devices once, in a table, and every dot as
/// `[device index, counter]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct VersionsFile {
    /// Every device that edited the plan.
    pub devices: Vec<Uuid>,
    /// For each device of the table, the highest counter of its edits this copy holds.
    pub seen: Vec<u64>,
    /// Edits held beyond `seen`, as `[device index, counter]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<(u32, u64)>,
    /// Per item key, per field path: the edit that last set it, as `[device index, counter]`.
    #[serde(default)]
    pub stamps: BTreeMap<String, BTreeMap<String, (u32, u64)>>,
}

impl From<Versions> for VersionsFile {
    fn from(v: Versions) -> Self {
        let mut devices: BTreeSet<Uuid> = v.seen.keys().copied().collect();
        devices.extend(v.extra.iter().map(|d| d.device));
        devices.extend(v.stamps.values().flat_map(|f| f.values().map(|d| d.device)));
        let devices: Vec<Uuid> = devices.into_iter().collect();
        let index: HashMap<Uuid, u32> = devices
            .iter()
            .enumerate()
            .map(|(i, d)| (*d, u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let at = |d: &Dot| (index.get(&d.device).copied().unwrap_or(0), d.n);
        VersionsFile {
            seen: devices
                .iter()
                .map(|d| v.seen.get(d).copied().unwrap_or(0))
                .collect(),
            extra: v.extra.iter().map(at).collect(),
            stamps: v
                .stamps
                .iter()
                .map(|(item, fields)| {
                    (
                        item.clone(),
                        fields.iter().map(|(f, d)| (f.clone(), at(d))).collect(),
                    )
                })
                .collect(),
            devices,
        }
    }
}

impl TryFrom<VersionsFile> for Versions {
    type Error = String;

    fn try_from(f: VersionsFile) -> Result<Self, String> {
        if f.seen.len() != f.devices.len() {
            return Err(format!(
                "versions: {} devices but {} counters",
                f.devices.len(),
                f.seen.len()
            ));
        }
        let dot = |(i, n): (u32, u64)| -> Result<Dot, String> {
            let device = usize::try_from(i)
                .ok()
                .and_then(|i| f.devices.get(i))
                .ok_or_else(|| format!("versions: no device number {i}"))?;
            Ok(Dot { n, device: *device })
        };
        let mut stamps = BTreeMap::new();
        for (item, fields) in &f.stamps {
            let mut out = BTreeMap::new();
            for (field, d) in fields {
                out.insert(field.clone(), dot(*d)?);
            }
            stamps.insert(item.clone(), out);
        }
        Ok(Versions {
            seen: f
                .devices
                .iter()
                .zip(&f.seen)
                .filter(|(_, n)| **n > 0)
                .map(|(d, n)| (*d, *n))
                .collect(),
            extra: f.extra.iter().map(|d| dot(*d)).collect::<Result<_, _>>()?,
            stamps,
        })
    }
}

impl Serialize for Versions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        VersionsFile::from(self.clone()).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Versions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Versions::try_from(VersionsFile::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// One step of a path into the plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    /// A key of an object.
    Key(String),
    /// The item of a keyed list whose key field (`id`, `goal`…) has this value.
    Item(&'static str, String),
}

/// What kind of disagreement a conflict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Both sides set the field, to different values.
    Field,
    /// One side deleted the item, the other edited it. The item is kept until someone
    /// chooses.
    Deleted,
    /// The item is on one side only, and nothing says whether it was added or deleted
    /// (a copy without versions).
    Unknown,
}

/// A field (or an item) both sides changed differently. `None` is "not there".
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub path: Vec<Seg>,
    pub kind: ConflictKind,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
}

/// What one side changed that the merge took: an item added or removed, or a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

/// A change the merge took from "theirs" into "ours", named by the path of its item (or
/// field) and the top-level section it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: Vec<Seg>,
    pub kind: ChangeKind,
}

/// The merge of two copies.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The plan's content (without the [`META`] keys).
    pub value: Value,
    pub versions: Versions,
    pub conflicts: Vec<Conflict>,
    /// What "theirs" brought in: for a preview's counts.
    pub taken: Vec<Change>,
}

/// Merges `ours` and `theirs`, two copies of one plan as JSON objects, each with its
/// versions (`None` for a copy written before versions).
pub fn merge(
    ours: &Value,
    ours_v: Option<&Versions>,
    theirs: &Value,
    theirs_v: Option<&Versions>,
) -> Merged {
    let mut walk = Walk {
        o: ours_v,
        t: theirs_v,
        legacy: ours_v.is_none() || theirs_v.is_none(),
        stamps: BTreeMap::new(),
        conflicts: Vec::new(),
        taken: Vec::new(),
        path: Vec::new(),
    };
    let empty = Map::new();
    let value =
        Value::Object(walk.fields("", "", as_map(ours, &empty), as_map(theirs, &empty), true));
    let mut versions = Versions::default();
    for v in [ours_v, theirs_v].into_iter().flatten() {
        versions.join(v);
    }
    versions.stamps = walk.stamps;
    Merged {
        value,
        versions,
        conflicts: walk.conflicts,
        taken: walk.taken,
    }
}

/// The versions of `after`, an edit of `before` (whose versions are `before_v`): every
/// field, item and order that differs is stamped with `dot`. `None` when nothing differs
/// (and `dot` is not used).
pub fn stamp(
    before: &Value,
    before_v: Option<&Versions>,
    after: &Value,
    dot: Dot,
) -> Option<Versions> {
    let mut versions = before_v.cloned().unwrap_or_default();
    let empty = Map::new();
    let mut diff = Diff {
        v: &mut versions,
        dot,
        changed: false,
    };
    diff.fields("", "", as_map(before, &empty), as_map(after, &empty), true);
    if !diff.changed {
        return None;
    }
    versions.add(dot);
    Some(versions)
}

/// Sets the value at `path` to `value` (`None` removes it). An item that is not there is
/// added at the end of its list.
pub fn set(root: &mut Value, path: &[Seg], value: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        if let Some(v) = value {
            *root = v;
        }
        return;
    };
    let Some(at) = get_mut(root, parents) else {
        return;
    };
    match last {
        Seg::Key(k) => {
            if let Some(obj) = at.as_object_mut() {
                match value {
                    Some(v) => {
                        obj.insert(k.clone(), v);
                    }
                    None => {
                        obj.remove(k);
                    }
                }
            }
        }
        Seg::Item(kf, key) => {
            if let Some(items) = at.as_array_mut() {
                let pos = items
                    .iter()
                    .position(|i| item_key(i, kf) == Some(key.as_str()));
                match (pos, value) {
                    (Some(p), Some(v)) => items[p] = v,
                    (Some(p), None) => {
                        items.remove(p);
                    }
                    (None, Some(v)) => items.push(v),
                    (None, None) => {}
                }
            }
        }
    }
}

/// The value at `path`, if there is one.
pub fn get<'a>(root: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    let mut at = root;
    for seg in path {
        at = match seg {
            Seg::Key(k) => at.get(k.as_str())?,
            Seg::Item(kf, key) => at
                .as_array()?
                .iter()
                .find(|i| item_key(i, kf) == Some(key.as_str()))?,
        };
    }
    Some(at)
}

/// The value at `path`, to change it in place.
pub fn get_mut<'a>(root: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut at = root;
    for seg in path {
        at = match seg {
            Seg::Key(k) => at.get_mut(k.as_str())?,
            Seg::Item(kf, key) => at
                .as_array_mut()?
                .iter_mut()
                .find(|i| item_key(i, kf) == Some(key.as_str()))?,
        };
    }
    Some(at)
}

fn as_map<'a>(v: &'a Value, empty: &'a Map<String, Value>) -> &'a Map<String, Value> {
    v.as_object().unwrap_or(empty)
}

pub(crate) fn item_key<'a>(item: &'a Value, field: &str) -> Option<&'a str> {
    item.get(field).and_then(Value::as_str)
}

/// The field that keys the items of these lists (taken together), if every item has one
/// and no key repeats within a list.
pub(crate) fn list_key(a: &[Value], b: &[Value]) -> Option<&'static str> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    ITEM_KEYS.into_iter().find(|kf| {
        [a, b].iter().all(|list| {
            let mut keys = BTreeSet::new();
            list.iter()
                .all(|i| item_key(i, kf).is_some_and(|k| keys.insert(k)))
        })
    })
}

/// The key items are stamped under: an id alone (ids are unique in a plan); an item keyed
/// by what it describes, under its parent and list.
pub(crate) fn entity(parent: &str, field: &str, kf: &str, key: &str) -> String {
    if kf == "id" {
        key.to_owned()
    } else {
        format!("{parent}/{field}/{key}")
    }
}

pub(crate) fn join_path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

pub(crate) fn order_field(field: &str) -> String {
    format!("{field}[]")
}

/// Every item key inside `item` (itself included), for items that come or go whole.
pub(crate) fn item_keys(key: String, item: &Value, out: &mut Vec<String>) {
    fn inner(entity_key: &str, prefix: &str, v: &Value, out: &mut Vec<String>) {
        let Some(obj) = v.as_object() else { return };
        for (k, child) in obj {
            let field = join_path(prefix, k);
            match child {
                Value::Object(_) => inner(entity_key, &field, child, out),
                Value::Array(items) => {
                    if let Some(kf) = list_key(items, &[]) {
                        for i in items {
                            if let Some(ik) = item_key(i, kf) {
                                item_keys(entity(entity_key, &field, kf, ik), i, out);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    inner(&key, "", item, out);
    out.push(key);
}

struct Walk<'a> {
    o: Option<&'a Versions>,
    t: Option<&'a Versions>,
    legacy: bool,
    stamps: BTreeMap<String, BTreeMap<String, Dot>>,
    conflicts: Vec<Conflict>,
    taken: Vec<Change>,
    path: Vec<Seg>,
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Ours,
    Theirs,
}

impl<'a> Walk<'a> {
    fn versions(&self, side: Side) -> Option<&'a Versions> {
        match side {
            Side::Ours => self.o,
            Side::Theirs => self.t,
        }
    }

    fn stamp_of(&self, side: Side, item: &str, field: &str) -> Option<Dot> {
        self.versions(side).and_then(|v| v.stamp(item, field))
    }

    /// True when `side` changed something stamped `dot` that the other side has not seen.
    fn unseen(&self, side: Side, dot: Option<Dot>) -> bool {
        let other = match side {
            Side::Ours => self.t,
            Side::Theirs => self.o,
        };
        self.legacy || !other.is_some_and(|v| v.has_seen(dot))
    }

    fn keep_stamp(&mut self, item: &str, field: &str, dot: Option<Dot>) {
        let Some(dot) = dot else { return };
        let fields = self.stamps.entry(item.to_owned()).or_default();
        if field.is_empty() || fields.get("") != Some(&dot) {
            fields.insert(field.to_owned(), dot);
        }
    }

    fn note(&mut self, kind: ChangeKind) {
        self.taken.push(Change {
            path: self.path.clone(),
            kind,
        });
    }

    fn fields(
        &mut self,
        item: &str,
        prefix: &str,
        o: &Map<String, Value>,
        t: &Map<String, Value>,
        root: bool,
    ) -> Map<String, Value> {
        let keys: BTreeSet<&String> = o.keys().chain(t.keys()).collect();
        let mut out = Map::new();
        for k in keys {
            if root && META.contains(&k.as_str()) {
                continue;
            }
            let field = join_path(prefix, k);
            self.path.push(Seg::Key(k.clone()));
            let merged = match (o.get(k), t.get(k)) {
                (Some(Value::Object(a)), Some(Value::Object(b))) => {
                    Some(Value::Object(self.fields(item, &field, a, b, false)))
                }
                (Some(Value::Array(a)), Some(Value::Array(b))) => match list_key(a, b) {
                    Some(kf) => Some(Value::Array(self.list(item, &field, kf, a, b))),
                    None => self.leaf(item, &field, o.get(k), t.get(k)),
                },
                (a, b) => self.leaf(item, &field, a, b),
            };
            self.path.pop();
            if let Some(v) = merged {
                out.insert(k.clone(), v);
            }
        }
        out
    }

    fn leaf(
        &mut self,
        item: &str,
        field: &str,
        a: Option<&Value>,
        b: Option<&Value>,
    ) -> Option<Value> {
        let so = self.stamp_of(Side::Ours, item, field);
        let st = self.stamp_of(Side::Theirs, item, field);
        if a == b {
            self.keep_stamp(item, field, so.max(st));
            return a.cloned();
        }
        match (self.unseen(Side::Ours, so), self.unseen(Side::Theirs, st)) {
            (true, false) => {
                self.keep_stamp(item, field, so);
                a.cloned()
            }
            (false, true) => {
                self.keep_stamp(item, field, st);
                self.note(ChangeKind::Changed);
                b.cloned()
            }
            _ => {
                self.conflicts.push(Conflict {
                    path: self.path.clone(),
                    kind: ConflictKind::Field,
                    ours: a.cloned(),
                    theirs: b.cloned(),
                });
                // The later edit's value, whichever side is "ours"; between copies without
                // versions, the larger value, for the same reason.
                let text = |v: Option<&Value>| v.map(Value::to_string);
                if (st, text(b)) > (so, text(a)) {
                    self.keep_stamp(item, field, st);
                    b.cloned()
                } else {
                    self.keep_stamp(item, field, so);
                    a.cloned()
                }
            }
        }
    }

    fn list(
        &mut self,
        parent: &str,
        field: &str,
        kf: &'static str,
        a: &[Value],
        b: &[Value],
    ) -> Vec<Value> {
        let keys = |l: &[Value]| -> Vec<String> {
            l.iter()
                .filter_map(|i| item_key(i, kf).map(str::to_owned))
                .collect()
        };
        let (ka, kb) = (keys(a), keys(b));
        let ia: HashMap<&str, &Value> = ka.iter().map(String::as_str).zip(a).collect();
        let ib: HashMap<&str, &Value> = kb.iter().map(String::as_str).zip(b).collect();
        let empty = Map::new();
        let mut kept: HashMap<String, Value> = HashMap::new();
        let union: BTreeSet<&str> = ka.iter().chain(&kb).map(String::as_str).collect();
        for key in union {
            let ek = entity(parent, field, kf, key);
            self.path.push(Seg::Item(kf, key.to_owned()));
            let merged = match (ia.get(key), ib.get(key)) {
                (Some(x), Some(y)) => {
                    let created = self
                        .o
                        .and_then(|v| v.creation(&ek))
                        .max(self.t.and_then(|v| v.creation(&ek)));
                    self.keep_stamp(&ek, "", created);
                    Some(Value::Object(self.fields(
                        &ek,
                        "",
                        as_map(x, &empty),
                        as_map(y, &empty),
                        false,
                    )))
                }
                (Some(x), None) => self.only_on(Side::Ours, ek, x),
                (None, Some(y)) => self.only_on(Side::Theirs, ek, y),
                (None, None) => None,
            };
            self.path.pop();
            if let Some(v) = merged {
                kept.insert(key.to_owned(), v);
            }
        }

        // Order: the side that reordered since the two agreed leads; the other side's items
        // that are not in its order follow the item they followed there.
        let order = order_field(field);
        let so = self.stamp_of(Side::Ours, parent, &order);
        let st = self.stamp_of(Side::Theirs, parent, &order);
        let theirs_lead = match (self.unseen(Side::Ours, so), self.unseen(Side::Theirs, st)) {
            (true, false) => false,
            (false, true) => true,
            _ => (st, &kb) > (so, &ka),
        };
        self.keep_stamp(parent, &order, if theirs_lead { st } else { so });
        let (lead, follow) = if theirs_lead { (&kb, &ka) } else { (&ka, &kb) };
        let mut result: Vec<&str> = lead
            .iter()
            .map(String::as_str)
            .filter(|k| kept.contains_key(*k))
            .collect();
        let mut after: Option<usize> = None;
        for k in follow.iter().map(String::as_str) {
            if !kept.contains_key(k) {
                continue;
            }
            match result.iter().position(|r| *r == k) {
                Some(p) => after = Some(p),
                None => {
                    let p = after.map_or(0, |p| p + 1);
                    result.insert(p, k);
                    after = Some(p);
                }
            }
        }
        result.into_iter().filter_map(|k| kept.remove(k)).collect()
    }

    /// An item on one side only: added by that side, deleted by the other, or unknown.
    fn only_on(&mut self, side: Side, key: String, item: &Value) -> Option<Value> {
        let other = match side {
            Side::Ours => self.t,
            Side::Theirs => self.o,
        };
        let mut keys = Vec::new();
        item_keys(key.clone(), item, &mut keys);
        let mine = self.versions(side);
        let created = mine.and_then(|v| v.creation(&key));
        let conflict = |kind| Conflict {
            path: Vec::new(),
            kind,
            ours: None,
            theirs: None,
        };
        let outcome = if self.legacy {
            Some(conflict(ConflictKind::Unknown))
        } else if other.is_some_and(|v| v.has_seen(created)) {
            // The other side had the item and deleted it. Edited here since?
            let edited = keys.iter().any(|k| {
                mine.and_then(|v| v.stamps.get(k)).is_some_and(|fields| {
                    fields
                        .values()
                        .any(|d| !other.is_some_and(|o| o.has_seen(Some(*d))))
                })
            });
            if !edited {
                if side == Side::Ours {
                    self.note(ChangeKind::Removed);
                }
                return None;
            }
            Some(conflict(ConflictKind::Deleted))
        } else {
            None
        };
        if let Some(mut c) = outcome {
            c.path = self.path.clone();
            let (ours, theirs) = match side {
                Side::Ours => (Some(item.clone()), None),
                Side::Theirs => (None, Some(item.clone())),
            };
            c.ours = ours;
            c.theirs = theirs;
            self.conflicts.push(c);
        } else if side == Side::Theirs {
            self.note(ChangeKind::Added);
        }
        // Kept whole, with its stamps.
        if let Some(v) = mine {
            for k in keys {
                if let Some(fields) = v.stamps.get(&k) {
                    self.stamps.insert(k, fields.clone());
                }
            }
        }
        Some(item.clone())
    }
}

struct Diff<'a> {
    v: &'a mut Versions,
    dot: Dot,
    changed: bool,
}

impl Diff<'_> {
    fn mark(&mut self, item: &str, field: &str) {
        self.changed = true;
        self.v
            .stamps
            .entry(item.to_owned())
            .or_default()
            .insert(field.to_owned(), self.dot);
    }

    fn fields(
        &mut self,
        item: &str,
        prefix: &str,
        b: &Map<String, Value>,
        a: &Map<String, Value>,
        root: bool,
    ) {
        let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
        for k in keys {
            if root && META.contains(&k.as_str()) {
                continue;
            }
            let field = join_path(prefix, k);
            match (b.get(k), a.get(k)) {
                (Some(Value::Object(x)), Some(Value::Object(y))) => {
                    self.fields(item, &field, x, y, false)
                }
                (Some(Value::Array(x)), Some(Value::Array(y))) if list_key(x, y).is_some() => {
                    if let Some(kf) = list_key(x, y) {
                        self.list(item, &field, kf, x, y);
                    }
                }
                (x, y) => {
                    if x != y {
                        self.mark(item, &field);
                    }
                }
            }
        }
    }

    fn list(&mut self, parent: &str, field: &str, kf: &'static str, b: &[Value], a: &[Value]) {
        let before: HashMap<&str, &Value> = b
            .iter()
            .filter_map(|i| item_key(i, kf).map(|k| (k, i)))
            .collect();
        let after: BTreeSet<&str> = a.iter().filter_map(|i| item_key(i, kf)).collect();
        let empty = Map::new();
        for item in a {
            let Some(key) = item_key(item, kf) else {
                continue;
            };
            let ek = entity(parent, field, kf, key);
            match before.get(key) {
                Some(old) => self.fields(&ek, "", as_map(old, &empty), as_map(item, &empty), false),
                None => {
                    let mut keys = Vec::new();
                    item_keys(ek, item, &mut keys);
                    for k in keys {
                        self.v
                            .stamps
                            .insert(k, BTreeMap::from([(String::new(), self.dot)]));
                    }
                    self.changed = true;
                }
            }
        }
        for (key, old) in &before {
            if !after.contains(key) {
                let mut keys = Vec::new();
                item_keys(entity(parent, field, kf, key), old, &mut keys);
                for k in keys {
                    self.v.stamps.remove(&k);
                }
                self.changed = true;
            }
        }
        let common_before: Vec<&str> = b
            .iter()
            .filter_map(|i| item_key(i, kf))
            .filter(|k| after.contains(k))
            .collect();
        let common_after: Vec<&str> = a
            .iter()
            .filter_map(|i| item_key(i, kf))
            .filter(|k| before.contains_key(k))
            .collect();
        if common_before != common_after {
            self.mark(parent, &order_field(field));
        }
    }
}

// ----- whole plans -----

/// Which side a person chose for a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Ours,
    Theirs,
}

/// Two copies of one plan, merged.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanMerge {
    /// The plan to save: every conflict nobody chose for holds its default.
    pub plan: Plan,
    /// The conflicts nobody chose for yet.
    pub conflicts: Vec<Conflict>,
    pub taken: Vec<Change>,
}

/// The plan as JSON, as the merge reads it. Written as text and read back: the app already
/// holds the code for both (saving writes plans as text, reading parses JSON), while
/// `serde_json::to_value` would add a second copy of every plan type's serializer to the
/// first load.
pub fn to_value(plan: &Plan) -> Result<Value, String> {
    let text = serde_json::to_string(plan).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Reads a plan from JSON the merge made. The app passes the reader of its files
/// (`persistence::format::plan_from_value`), so the plan types are read by one copy of the
/// code.
pub type Decode = fn(&Value) -> Result<Plan, String>;

/// Merges two copies of one plan. `choose` gives the person's choice for a conflict, when
/// there is one; a choice that differs from the default becomes an edit of `device`. Links
/// to items the merge removed are dropped. The revision and last save are the later of
/// the two.
pub fn merge_plans(
    ours: &Plan,
    theirs: &Plan,
    device: Uuid,
    decode: Decode,
    choose: impl Fn(&Conflict) -> Option<Pick>,
) -> Result<PlanMerge, String> {
    let (o, t) = (to_value(ours)?, to_value(theirs)?);
    let merged = merge(&o, ours.versions.as_ref(), &t, theirs.versions.as_ref());
    let mut chosen = merged.value.clone();
    let mut open = Vec::new();
    for c in merged.conflicts {
        match choose(&c) {
            Some(Pick::Ours) => set(&mut chosen, &c.path, c.ours.clone()),
            Some(Pick::Theirs) => set(&mut chosen, &c.path, c.theirs.clone()),
            None => open.push(c),
        }
    }
    let dot = merged.versions.next_dot(device, None);
    let versions =
        stamp(&merged.value, Some(&merged.versions), &chosen, dot).unwrap_or(merged.versions);
    if let Some(obj) = chosen.as_object_mut() {
        obj.insert(
            "revision".into(),
            Value::from(ours.revision.max(theirs.revision)),
        );
        let latest = ours.updated_at.max(theirs.updated_at);
        obj.insert(
            "updated_at".into(),
            super::dates::timestamp::serialize(&latest, serde_json::value::Serializer)
                .map_err(|e| e.to_string())?,
        );
    }
    let mut plan: Plan = decode(&chosen)?;
    plan.versions = Some(versions);
    // Links to an item one side deleted go; dropping them is an edit of this merge, so a
    // later merge with either copy does not bring them back as a conflict.
    let mut pruned = plan.clone();
    if pruned.prune_dangling().is_some() {
        pruned.stamp_edits(&to_value(&plan)?, device, None)?;
        plan = pruned;
    }
    Ok(PlanMerge {
        plan,
        conflicts: open,
        taken: merged.taken,
    })
}

impl Plan {
    /// Stamps every field that differs from `before` (the plan as last loaded or saved,
    /// as JSON) as an edit of `device`, after every edit this copy or `other` holds.
    /// Returns the plan as JSON now, the `before` of its next edit.
    pub fn stamp_edits(
        &mut self,
        before: &Value,
        device: Uuid,
        other: Option<&Versions>,
    ) -> Result<Value, String> {
        let after = to_value(self)?;
        self.stamp_between(before, &after, device, other);
        Ok(after)
    }

    /// [`stamp_edits`](Plan::stamp_edits), given this plan as JSON (`after`).
    pub fn stamp_between(
        &mut self,
        before: &Value,
        after: &Value,
        device: Uuid,
        other: Option<&Versions>,
    ) {
        self.stamp_with(device, other, |v, dot| stamp(before, v, after, dot));
    }

    /// Stamps this copy with `stamps`, given its versions and the dot of its next edit on
    /// `device` (after every edit it or `other` holds); `None` from `stamps` leaves it as it is.
    pub fn stamp_with(
        &mut self,
        device: Uuid,
        other: Option<&Versions>,
        stamps: impl FnOnce(Option<&Versions>, Dot) -> Option<Versions>,
    ) {
        let dot = self.next_dot(device, other);
        if let Some(v) = stamps(self.versions.as_ref(), dot) {
            self.versions = Some(v);
        }
    }

    /// The dot of this copy's next edit on `device`, after every edit it or `other` holds.
    fn next_dot(&self, device: Uuid, other: Option<&Versions>) -> Dot {
        match &self.versions {
            Some(v) => v.next_dot(device, other),
            None => Versions::default().next_dot(device, other),
        }
    }

    /// This plan (from a file), put in the place of `stored` ("Replace" on import). Every
    /// field it changes is stamped as an edit of `replica` made after everything either copy
    /// holds, so a tab still showing `stored` takes the replacement whole rather than merge
    /// its old fields back in.
    pub fn replacing(&self, stored: &Plan, replica: Uuid) -> Result<Plan, String> {
        let mut known = stored.versions.clone().unwrap_or_default();
        if let Some(v) = &self.versions {
            known.join(v);
        }
        let mut next = self.clone();
        next.versions = Some(known);
        next.stamp_edits(&to_value(stored)?, replica, None)?;
        next.revision = stored.revision.max(self.revision).saturating_add(1);
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dev(n: u8) -> Uuid {
        Uuid::from_bytes([n; 16])
    }

    fn edit(
        before: &Value,
        v: Option<&Versions>,
        after: &Value,
        device: u8,
        other: Option<&Versions>,
    ) -> Versions {
        let start = v.cloned().unwrap_or_default();
        let dot = start.next_dot(dev(device), other);
        stamp(before, v, after, dot).unwrap_or(start)
    }

    #[test]
    fn one_side_changes_win_and_both_sides_changes_conflict() {
        let base = json!({"overview": {"name": "A", "notes": "n"}});
        let v0 = Versions::default();
        let ours = json!({"overview": {"name": "B", "notes": "n"}});
        let vo = edit(&base, Some(&v0), &ours, 1, None);
        let theirs = json!({"overview": {"name": "A", "notes": "m"}});
        let vt = edit(&base, Some(&v0), &theirs, 2, None);
        let m = merge(&ours, Some(&vo), &theirs, Some(&vt));
        assert_eq!(m.value, json!({"overview": {"name": "B", "notes": "m"}}));
        assert!(m.conflicts.is_empty());
        assert_eq!(m.taken.len(), 1);

        let theirs2 = json!({"overview": {"name": "C", "notes": "n"}});
        let vt2 = edit(&base, Some(&v0), &theirs2, 2, None);
        let m = merge(&ours, Some(&vo), &theirs2, Some(&vt2));
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(
            m.conflicts[0].path,
            vec![Seg::Key("overview".into()), Seg::Key("name".into())]
        );
    }

    #[test]
    fn deleted_here_and_edited_there_is_a_conflict_and_keeps_the_item() {
        let base = json!({"partners": [{"id": "p1", "name": "X"}, {"id": "p2", "name": "Y"}]});
        let v0 = Versions::default();
        let ours = json!({"partners": [{"id": "p2", "name": "Y"}]});
        let vo = edit(&base, Some(&v0), &ours, 1, None);
        let theirs = json!({"partners": [{"id": "p1", "name": "Z"}, {"id": "p2", "name": "Y"}]});
        let vt = edit(&base, Some(&v0), &theirs, 2, None);
        let m = merge(&ours, Some(&vo), &theirs, Some(&vt));
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].kind, ConflictKind::Deleted);
        assert_eq!(m.value["partners"].as_array().map(Vec::len), Some(2));

        // Untouched there: the deletion goes through.
        let m = merge(&ours, Some(&vo), &base, Some(&v0));
        assert!(m.conflicts.is_empty());
        assert_eq!(m.value, ours);
    }

    #[test]
    fn items_added_on_both_sides_follow_their_neighbours() {
        let base = json!({"l": [{"id": "a"}, {"id": "b"}]});
        let v0 = Versions::default();
        let ours = json!({"l": [{"id": "a"}, {"id": "x"}, {"id": "b"}]});
        let vo = edit(&base, Some(&v0), &ours, 1, None);
        let theirs = json!({"l": [{"id": "b"}, {"id": "a"}, {"id": "y"}]});
        let vt = edit(&base, Some(&v0), &theirs, 2, None);
        let m = merge(&ours, Some(&vo), &theirs, Some(&vt));
        // Theirs reordered, so their order leads; x follows a, as it did here.
        assert_eq!(
            m.value,
            json!({"l": [{"id": "b"}, {"id": "a"}, {"id": "x"}, {"id": "y"}]})
        );
        let back = merge(&theirs, Some(&vt), &ours, Some(&vo));
        assert_eq!(back.value, m.value);
    }

    #[test]
    fn a_copy_without_versions_makes_every_difference_a_conflict() {
        let ours = json!({"overview": {"name": "A"}, "partners": [{"id": "p1"}]});
        let theirs = json!({"overview": {"name": "B"}, "partners": []});
        let m = merge(&ours, Some(&Versions::default()), &theirs, None);
        assert_eq!(m.conflicts.len(), 2);
        assert_eq!(m.value["partners"], json!([{"id": "p1"}]));
    }

    #[test]
    fn versions_write_and_read_back() {
        let mut v = Versions::default();
        v.add(Dot {
            n: 1,
            device: dev(1),
        });
        v.add(Dot {
            n: 3,
            device: dev(2),
        });
        v.stamps.insert(
            "p1".into(),
            BTreeMap::from([(
                "".into(),
                Dot {
                    n: 3,
                    device: dev(2),
                },
            )]),
        );
        let text = serde_json::to_string(&v).unwrap_or_default();
        let back: Versions = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, v);
        assert!(
            serde_json::from_str::<Versions>(
                r#"{"devices":[],"seen":[],"stamps":{"x":{"":[0,1]}}}"#
            )
            .is_err()
        );
    }

    #[test]
    fn knowledge_settles_into_the_vector() {
        let mut v = Versions::default();
        v.add(Dot {
            n: 3,
            device: dev(1),
        });
        assert_eq!(v.extra.len(), 1);
        v.add(Dot {
            n: 1,
            device: dev(1),
        });
        v.add(Dot {
            n: 2,
            device: dev(1),
        });
        assert!(v.extra.is_empty());
        assert_eq!(v.seen.get(&dev(1)), Some(&3));
    }
}
