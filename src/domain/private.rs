//! Private fields, marked by their type where they are declared.
//!
//! - [`Private<T>`]: always private. Whoever keeps the plan sees it; a share copy never holds it.
//! - [`Guarded<T>`]: private when what it belongs to is marked private. That is the item it is
//!   a field of, or the item it is (a list entry), having `"private": true`, or naming by id
//!   an item that has it (a link's note about a private stakeholder).
//!
//! Both are transparent in files and in the editor, which reads and writes through `Deref`.
//! The share copy ([`share_copy`]) is derived from the marks alone: the plan is written with
//! each marked value wrapped, and every wrapped value whose mark applies is taken out, so
//! serde's defaults fill its place. The report without private notes, and the Markdown made
//! from it, are drawn from the share copy. A new private field is therefore private as soon
//! as its type says so; the host test `tests/host/private.rs` walks the schema of every type
//! and proves that no marked field survives a share copy.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::ops::{Deref, DerefMut};

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::Plan;
use super::merge::Decode;

/// Map keys a value wears while a share copy is written; never seen in a file.
const PRIVATE: &str = "\u{0}private";
const GUARDED: &str = "\u{0}guarded";

/// The name of the flag that marks an item private.
const FLAG: &str = "private";

thread_local! {
    /// Set while a share copy is being written. Serialization is synchronous, so nothing
    /// else is written meanwhile.
    static SHARING: Cell<bool> = const { Cell::new(false) };
}

/// Always private: never in a share copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Private<T>(T);

/// Private when the item it belongs to is marked private.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guarded<T>(T);

impl<T: super::list::Item> super::list::Item for Guarded<T> {
    fn id(&self) -> uuid::Uuid {
        self.0.id()
    }
}

macro_rules! marked {
    ($name:ident, $key:expr, $schema:literal) => {
        impl<T> $name<T> {
            pub const fn new(value: T) -> Self {
                $name(value)
            }

            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T> From<T> for $name<T> {
            fn from(value: T) -> Self {
                $name(value)
            }
        }

        impl From<&str> for $name<String> {
            fn from(value: &str) -> Self {
                $name(value.to_owned())
            }
        }

        impl PartialEq<&str> for $name<String> {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl<T> Deref for $name<T> {
            type Target = T;
            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> DerefMut for $name<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }

        impl<T: Serialize> Serialize for $name<T> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if SHARING.with(Cell::get) {
                    let mut map = s.serialize_map(Some(1))?;
                    map.serialize_entry($key, &self.0)?;
                    map.end()
                } else {
                    self.0.serialize(s)
                }
            }
        }

        impl<'de, T: Deserialize<'de>> Deserialize<'de> for $name<T> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                T::deserialize(d).map($name)
            }
        }

        /// The inner type's schema, with `x-private` saying which mark it wears.
        #[cfg(not(target_arch = "wasm32"))]
        impl<T: schemars::JsonSchema> schemars::JsonSchema for $name<T> {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                format!("{}_{}", stringify!($name), T::schema_name()).into()
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut schema = generator.subschema_for::<T>();
                schema.insert("x-private".into(), $schema.into());
                schema
            }
        }
    };
}

marked!(Private, PRIVATE, "always");
marked!(Guarded, GUARDED, "when-marked");

/// The plan as it may be shared: every [`Private`] value taken out, and every [`Guarded`]
/// value whose item is marked private. What is taken out comes back as its default (an empty
/// text), or, for a list entry, is left out of its list.
///
/// The copy is read back by `decode`, the app's one reader of plans
/// (`persistence::format::plan_from_value`): a reader of its own here would add a second copy
/// of every plan type's deserializer to the first screen's code.
///
/// It fails only if the copy cannot be read back, which a host test rules out for every type.
pub fn share_copy(plan: &Plan, decode: Decode) -> Result<Plan, String> {
    share_copy_and_withheld(plan, decode).map(|(copy, _)| copy)
}

/// [`share_copy`], and whether anything was left out (false: the copy holds the whole plan).
pub fn share_copy_and_withheld(plan: &Plan, decode: Decode) -> Result<(Plan, bool), String> {
    let text = {
        let _sharing = Sharing::begin();
        serde_json::to_string(plan).map_err(|e| e.to_string())?
    };
    let marked: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let mut ids = BTreeSet::new();
    private_ids(&marked, &mut ids);
    let mut withheld = false;
    let value = withhold_noting(marked, false, &ids, &mut withheld).unwrap_or(Value::Null);
    Ok((decode(&value)?, withheld))
}

/// Turns the marks on for as long as it lives, and off again when dropped.
struct Sharing;

impl Sharing {
    fn begin() -> Self {
        SHARING.with(|s| s.set(true));
        Sharing
    }
}

impl Drop for Sharing {
    fn drop(&mut self) {
        SHARING.with(|s| s.set(false));
    }
}

/// The ids of every item marked private.
fn private_ids(value: &Value, ids: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if map.get(FLAG) == Some(&Value::Bool(true))
                && let Some(Value::String(id)) = map.get("id")
            {
                ids.insert(id.clone());
            }
            map.values().for_each(|v| private_ids(v, ids));
        }
        Value::Array(items) => items.iter().for_each(|v| private_ids(v, ids)),
        _ => {}
    }
}

/// Whether an object is marked private: by its own flag, or by naming a private item.
fn is_marked(map: &Map<String, Value>, ids: &BTreeSet<String>) -> bool {
    map.iter().any(|(k, v)| match v {
        Value::Bool(true) => k == FLAG,
        Value::String(s) => k != "id" && ids.contains(s),
        _ => false,
    })
}

/// The value with its marks resolved: `None` when the value itself is withheld.
/// `holder_marked` says whether the object the value is a field of (or whose list it is in)
/// is marked private.
fn withhold_noting(
    value: Value,
    holder_marked: bool,
    ids: &BTreeSet<String>,
    withheld: &mut bool,
) -> Option<Value> {
    match value {
        Value::Object(mut map) => {
            if map.len() == 1
                && let Some(inner) = map.get(PRIVATE)
            {
                *withheld |= !is_blank(inner);
                return None;
            }
            if map.len() == 1
                && let Some(inner) = map.remove(GUARDED)
            {
                let own = matches!(&inner, Value::Object(m) if is_marked(m, ids));
                return if holder_marked || own {
                    *withheld |= !is_blank(&inner);
                    None
                } else {
                    withhold_noting(inner, holder_marked, ids, withheld)
                };
            }
            let marked = is_marked(&map, ids);
            let kept = map
                .into_iter()
                .filter_map(|(k, v)| withhold_noting(v, marked, ids, withheld).map(|v| (k, v)))
                .collect();
            Some(Value::Object(kept))
        }
        Value::Array(items) => Some(Value::Array(
            items
                .into_iter()
                .filter_map(|v| withhold_noting(v, holder_marked, ids, withheld))
                .collect(),
        )),
        other => Some(other),
    }
}

/// A value a share copy can leave out without losing anything: empty, or made only of
/// empty values.
fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::String(t) => t.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_blank),
        Value::Object(map) => map.values().all(is_blank),
        Value::Number(_) | Value::Bool(true) => false,
    }
}
