//! A long list drawn a page at a time: drawing thousands of cards at once freezes the older,
//! shared machines organisers use. Every long list takes its first `PAGE` items, and this
//! widget says how many are shown and offers the next page.

use leptos::html;
use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::*;

/// Items drawn at first, and added by each "Show more".
pub const PAGE: usize = 50;

/// How many items of a list to draw: one page to start with.
pub fn first_page() -> RwSignal<usize> {
    RwSignal::new(PAGE)
}

/// Draws a list's first `len` items at least: an item just added at the end must show, however
/// long the list.
pub fn reach(limit: RwSignal<usize>, len: usize) {
    if limit.get_untracked() < len {
        limit.set(len);
    }
}

/// The items added to a list in this visit, whose editors start open. Not reactive: it is
/// read when a card is first drawn.
#[derive(Clone, Copy)]
pub struct Fresh(StoredValue<Vec<Uuid>>);

impl Fresh {
    pub fn new() -> Self {
        Fresh(StoredValue::new(Vec::new()))
    }

    /// The item was just added.
    pub fn mark(self, id: Uuid) {
        self.0.update_value(|f| f.push(id));
    }

    /// Whether the item was added in this visit, so its editor starts open.
    pub fn contains(self, id: Uuid) -> bool {
        self.0.with_value(|f| f.contains(&id))
    }
}

impl Default for Fresh {
    fn default() -> Self {
        Fresh::new()
    }
}

/// A keyed list's ids drawn a page at a time, and the items added in this visit.
#[derive(Clone, Copy)]
pub struct Pages {
    pub order: Memo<Vec<Uuid>>,
    pub limit: RwSignal<usize>,
    fresh: Fresh,
}

impl Pages {
    pub fn new(order: Memo<Vec<Uuid>>) -> Self {
        Pages {
            order,
            limit: first_page(),
            fresh: Fresh::new(),
        }
    }

    /// The ids drawn now: the list's first `limit`.
    pub fn shown(self) -> Vec<Uuid> {
        let limit = self.limit.get();
        self.order.with(|o| o.iter().take(limit).copied().collect())
    }

    /// How many items the list holds.
    pub fn total(self) -> Signal<usize> {
        Signal::derive(move || self.order.with(Vec::len))
    }

    pub fn is_empty(self) -> bool {
        self.order.with(Vec::is_empty)
    }

    /// Whether the item was added in this visit, so its editor starts open.
    pub fn is_fresh(self, id: Uuid) -> bool {
        self.fresh.contains(id)
    }

    /// Adds an item with `push`, opens its editor, draws the list to its end (however long)
    /// and puts the focus on `focus`.
    pub fn add(self, id: Uuid, push: impl FnOnce(), focus: String) {
        self.fresh.mark(id);
        push();
        reach(self.limit, self.order.with_untracked(Vec::len));
        crate::page::dom::focus_later(focus);
    }
}

/// "Showing 50 of 1,234." and a "Show 50 more" button, once a list is longer than a page.
/// When the last page comes in, the focus moves from the vanishing button to the count.
#[component]
pub fn ShowMore(
    /// How many items are drawn.
    limit: RwSignal<usize>,
    /// How many items the list has.
    #[prop(into)]
    total: Signal<usize>,
    /// Leaves out the "Showing … of …" line, for a list that says its count itself.
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let status: NodeRef<html::P> = NodeRef::new();
    let more = move |_| {
        limit.update(|l| *l += PAGE);
        if limit.get_untracked() >= total.get_untracked() {
            request_animation_frame(move || {
                if let Some(p) = status.get_untracked() {
                    let _ = p.focus();
                }
            });
        }
    };
    view! {
        <Show when=move || { !quiet && total.get() > PAGE }>
            <p class="status-line" tabindex="-1" node_ref=status>
                {move || {
                    let (shown, total) = (limit.get().min(total.get()), total.get());
                    if shown >= total {
                        t_string!(i18n, list.showing_all, total = total).to_string()
                    } else {
                        t_string!(i18n, list.showing, shown = shown, total = total).to_string()
                    }
                }}
            </p>
        </Show>
        <Show when=move || { total.get() > limit.get() }>
            <button type="button" class="button show-more" on:click=more>
                {move || t_string!(i18n, list.show_more, count = (total.get() - limit.get()).min(PAGE)).to_string()}
            </button>
        </Show>
    }
}
