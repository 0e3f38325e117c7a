//! One card for every keyed list: a heading, the item at a glance or its open editor, and the
//! buttons that edit, move and remove it. Every list card in the steps is this card, so they
//! look, read aloud and answer the keyboard the same way.

use leptos::prelude::*;

use super::fields::{EditToggle, MoveButtons, RemoveButton};
use crate::i18n::*;

/// "Move up" and "Move down", for a list the coalition orders by hand.
#[derive(Clone)]
pub struct Moves {
    /// The item's place in the list and the list's length.
    pub position: Signal<(usize, usize)>,
    pub on_move: Callback<isize>,
}

/// A card of a list item. Its element ids start with `prefix`: `<prefix>-heading`,
/// `-toggle`, `-remove`, `-up` and `-down`.
#[component]
pub fn ItemCard(
    prefix: String,
    /// The card's classes, after `card`.
    #[prop(optional)]
    class: &'static str,
    /// The heading level: 3 for a step's own list, 4 for a list inside a section.
    level: u8,
    heading: Signal<String>,
    /// The item's name, read after each button's label by screen readers.
    name: Signal<String>,
    /// Whether the editor is open.
    open: RwSignal<bool>,
    /// Selector of the editor's first field, focused when it opens.
    focus: String,
    /// "Remove …?", asked before removing.
    question: Signal<String>,
    /// The button that confirms the removal ("Remove partner").
    yes: String,
    #[prop(optional)] moves: Option<Moves>,
    /// Words after the heading's text, such as "Overdue" or "Private".
    #[prop(optional)]
    badge: Option<ViewFn>,
    /// Draws the card as needing attention (an overdue activity); the badge says why.
    #[prop(optional)]
    marked: Option<Signal<bool>>,
    /// Removes the item, once the question is answered yes.
    on_remove: Callback<()>,
    /// Where the focus goes once the item is gone: the list's heading.
    after_remove: &'static str,
    /// The item at a glance, shown while the editor is closed.
    summary: ViewFn,
    /// The editor.
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_remove = Callback::new(move |_| {
        on_remove.run(());
        crate::page::dom::focus_later(after_remove);
    });
    let heading_id = format!("{prefix}-heading");
    let badge = badge.map(|b| b.run());
    let title = if level == 3 {
        view! { <h3 id=heading_id.clone() tabindex="-1">{heading}{badge}</h3> }.into_any()
    } else {
        view! { <h4 id=heading_id.clone() tabindex="-1">{heading}{badge}</h4> }.into_any()
    };
    let moves = moves.map(|m| {
        view! {
            <MoveButtons id=prefix.clone() position=m.position name=name
                up=t_string!(i18n, card.move_up).to_string()
                down=t_string!(i18n, card.move_down).to_string() on_move=m.on_move/>
        }
    });
    view! {
        <li class=format!("card {class}") class:card--marked=move || marked.is_some_and(|m| m.get())
            id=format!("{prefix}-card") aria-labelledby=heading_id>
            {title}
            <Show when=move || open.get() fallback=summary>
                {children()}
            </Show>
            <div class="button-row">
                <EditToggle id=format!("{prefix}-toggle") open=open name=name
                    edit=t_string!(i18n, card.edit).to_string()
                    done=t_string!(i18n, card.done).to_string() focus=focus/>
                {moves}
                <RemoveButton id=format!("{prefix}-remove") label=t_string!(i18n, card.remove).to_string()
                    name=name question=question yes=yes
                    cancel=t_string!(i18n, card.cancel).to_string() on_yes=on_remove/>
            </div>
        </li>
    }
}
