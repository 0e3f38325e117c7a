//! `List<T>`: the plan's lists of items that carry an id (partners, activities, statements…).
//!
//! In a file and in the domain it is just a `Vec`: it serialises as an array, derefs to
//! `Vec<T>`, and the schema is the array's. What it adds is for the editor's keyed store
//! (`#[store(key: Uuid = |x| x.id)]`): a card reaches its own item by id, so a keystroke
//! writes one field of one item and wakes only that card.
//!
//! The store finds an item through a map from id to index that it refreshes when the list is
//! written through its own field. A write through an ancestor (opening a plan, undo, a merge,
//! removing an item together with the links to it) leaves that map stale until the list is
//! next iterated. A plain `Vec` then hands a card whatever sits at the old index: another
//! item's text, or an index out of bounds, which aborts the app. `List` checks the id at the
//! index and looks the item up by id when it differs, so a stale map costs a search, never a
//! wrong item. An item that is gone reads as a blank and takes writes nowhere (a card about to
//! be removed may still read once).

use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An item of a [`List`]: anything with a stable id.
pub trait Item {
    fn id(&self) -> Uuid;
}

/// Makes a type an item of a [`List`]: its key (the field `id`, or the one named) and the
/// blank a keyed store reads for an item that is gone (see the module's notes).
macro_rules! keyed_item {
    ($($t:ty $(, key $key:ident)? => $blank:expr;)+) => {$(
        impl $crate::domain::list::Item for $t {
            fn id(&self) -> uuid::Uuid {
                keyed_item!(@key self $(, $key)?)
            }
        }
        impl Default for $t {
            fn default() -> Self {
                $blank
            }
        }
    )+};
    (@key $s:ident) => { $s.id };
    (@key $s:ident, $key:ident) => { $s.$key };
}
pub(crate) use keyed_item;

/// A list of items with ids; see the module's notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct List<T>(Vec<T>);

impl<T> List<T> {
    pub const fn new() -> Self {
        List(Vec::new())
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T> Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(items)
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List(iter.into_iter().collect())
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut List<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

impl<T: Item> List<T> {
    /// Where the item with `id` is: at `hint` when the store's map is fresh, else found by id.
    pub fn locate(&self, hint: usize, id: Uuid) -> Option<usize> {
        match self.0.get(hint) {
            Some(item) if item.id() == id => Some(hint),
            _ => self.0.iter().position(|item| item.id() == id),
        }
    }
}

/// A blank item for a card whose item is gone: leaked once per such read (rare: only between a
/// removal through the whole plan and the card's own removal), so that the store never indexes
/// out of bounds or into a neighbour.
fn orphan<T: Default + 'static>() -> &'static mut T {
    Box::leak(Box::default())
}

impl<T: Item + Default + 'static> reactive_stores::KeyedAccess<Uuid> for List<T> {
    type Value = T;

    fn keyed(&self, index: usize, key: &Uuid) -> &T {
        match self.locate(index, *key) {
            Some(at) => &self.0[at],
            None => orphan(),
        }
    }

    fn keyed_mut(&mut self, index: usize, key: &Uuid) -> &mut T {
        match self.locate(index, *key) {
            Some(at) => &mut self.0[at],
            None => orphan(),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: schemars::JsonSchema> schemars::JsonSchema for List<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Vec::<T>::json_schema(generator)
    }
}
