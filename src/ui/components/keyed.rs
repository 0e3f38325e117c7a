//! Cards and lists over the plan's keyed lists (`domain::list::List`, stored with
//! `#[store(key: Uuid = |x| x.id)]`). A card follows its own item by id, so a keystroke in one
//! card wakes that card alone; a list follows only its order.
//!
//! The store maps each id to a place, and refreshes that map when the list is written through
//! its own field. After a write of the whole plan (opening, undo, a merge, a tab's save) the
//! map is stale until the list is next iterated. `List` makes a stale place harmless (it checks
//! the id); these helpers refresh the map where a card needs an id the map may not hold yet.

use leptos::prelude::*;
use reactive_stores::{AtKeyed, KeyedSubfield, StoreField, StorePath, StorePathSegment};
use uuid::Uuid;

use crate::domain::list::{Item, List};

/// A keyed list of the plan, as the store hands it out.
pub type Keyed<Inner, Prev, T> = KeyedSubfield<Inner, Prev, Uuid, List<T>>;

/// The ids of a keyed list, in order. When they differ from the last ones, it refreshes the
/// store's map from id to place, so a card drawn for an item that came back by undo, a merge
/// or a tab's save finds its item. It follows the list's structure alone
/// ([`track_structure`]): typing in an item does not run it, so a keystroke costs nothing
/// here however long the list.
///
/// The map is refreshed only when the order changed: rebuilding it for a list of a thousand
/// items took a quarter of each keystroke's work. Equal ids mean the map still fits: it was
/// last built for this order, here or by the store on a write through the list itself.
pub fn list_order<Inner, Prev, T>(list: Keyed<Inner, Prev, T>) -> Memo<Vec<Uuid>>
where
    Inner: StoreField<Value = Prev> + Clone + Send + Sync + 'static,
    Prev: 'static,
    T: Item + Send + Sync + 'static,
    Keyed<Inner, Prev, T>: WithUntracked<Value = List<T>>,
{
    Memo::new(move |last: Option<&Vec<Uuid>>| {
        track_structure(&list);
        let ids: Vec<Uuid> = list.with_untracked(|items| items.iter().map(|x| x.id()).collect());
        if last != Some(&ids) {
            list.update_keys();
        }
        ids
    })
}

/// Subscribes to a store field's structure: a write of the field as a whole (an item added,
/// removed or moved, for a list) or of any field above it (a section, the plan: opening,
/// undo, a merge, a tab's save); not a write inside it, such as a keystroke in one item.
///
/// The store notifies a written field's `this` and `children` triggers and its ancestors'
/// `children`, and reading a field tracks all of those; this tracks the `this` triggers alone.
/// `triggers_for_path` lists a path's ancestors' `children` triggers, then its own
/// `children`, then its own `this` (reactive_stores 0.4): the last one is taken for the
/// field's path and for each path above it. Every keyed list's browser test adds, moves and
/// removes items through a list whose order follows this.
pub fn track_structure(field: &impl StoreField) {
    let path: Vec<StorePathSegment> = field.path().into_iter().collect();
    for depth in 0..=path.len() {
        let at: StorePath = path[..depth].iter().copied().collect();
        if let Some(this) = field.triggers_for_path(at).pop() {
            this.track();
        }
    }
}

/// An item's place in `order` and the list's length, for its heading and its move buttons.
pub fn place_in(order: Memo<Vec<Uuid>>, id: Uuid) -> Signal<(usize, usize)> {
    Memo::new(move |_| order.with(|o| (o.iter().position(|x| *x == id).unwrap_or(0), o.len())))
        .into()
}

/// The item with `id` as a store field, for a card to read and write field by field. If the
/// store's map does not hold the id yet, it is refreshed first.
pub fn at<Inner, Prev, T>(
    list: Keyed<Inner, Prev, T>,
    id: Uuid,
) -> AtKeyed<Inner, Prev, Uuid, List<T>>
where
    Inner: StoreField<Value = Prev> + Clone + Send + Sync + 'static,
    Prev: 'static,
    T: Item + Default + Send + Sync + 'static,
    AtKeyed<Inner, Prev, Uuid, List<T>>: StoreField<Value = T>,
{
    let at = list.at_key(id);
    if at.reader().is_none() {
        list.update_keys();
    }
    at
}

/// The whole item (`me`, from [`at`]), followed on its own: for a card's heading and summary,
/// which read several of its fields. It changes only when this item does.
pub fn item_memo<Inner, Prev, T>(me: AtKeyed<Inner, Prev, Uuid, List<T>>) -> Memo<Option<T>>
where
    Inner: StoreField<Value = Prev> + Clone + Send + Sync + 'static,
    Prev: 'static,
    T: Item + Default + Clone + PartialEq + Send + Sync + 'static,
    AtKeyed<Inner, Prev, Uuid, List<T>>: StoreField<Value = T> + Get<Value = T>,
{
    Memo::new(move |_| me.try_get())
}

/// Changes the item with `id` with `f`; nothing happens if it is gone.
pub fn edit_item<Inner, Prev, T>(list: Keyed<Inner, Prev, T>, id: Uuid, f: impl FnOnce(&mut T))
where
    Inner: StoreField<Value = Prev> + Clone + Send + Sync + 'static,
    Prev: 'static,
    T: Item + Default + Send + Sync + 'static,
    AtKeyed<Inner, Prev, Uuid, List<T>>: StoreField<Value = T> + Update<Value = T>,
{
    list.at_key(id).try_update(f);
}

/// "Move up" and "Move down" for the item with `id` at `position` in a list ordered by hand.
pub fn moves<Inner, Prev, T>(
    list: Keyed<Inner, Prev, T>,
    id: Uuid,
    position: Signal<(usize, usize)>,
) -> super::card::Moves
where
    Inner: StoreField<Value = Prev> + Clone + Send + Sync + 'static,
    Prev: 'static,
    T: Item + Send + Sync + 'static,
    Keyed<Inner, Prev, T>: Update<Value = List<T>>,
{
    super::card::Moves {
        position,
        on_move: Callback::new(move |by| {
            list.update(|items| {
                crate::domain::move_item(items, |x| x.id() == id, by);
            })
        }),
    }
}
