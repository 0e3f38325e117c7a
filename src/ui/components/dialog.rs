//! An in-page dialog (the browser's `<dialog>`, opened modal): the rest of the page is inert
//! while it is open, Escape closes it, and the focus goes back to what opened it. Its content
//! is drawn only while it is open, so a closed dialog adds nothing to the page.

use leptos::html;
use leptos::prelude::*;

use crate::page::dom::focus_later;

#[component]
pub fn Dialog(
    /// Open while true; closing the dialog (Escape, a button) sets it false.
    open: RwSignal<bool>,
    /// The dialog's id; its heading's id is this followed by `-title`.
    id: String,
    /// The heading, which names the dialog.
    title: String,
    /// Where the focus goes when the dialog closes (a selector).
    return_focus: String,
    children: ChildrenFn,
) -> impl IntoView {
    let node: NodeRef<html::Dialog> = NodeRef::new();
    // Drawn when opened: shown modal as soon as it is in the page.
    Effect::new(move |_| {
        if let Some(d) = node.get()
            && !d.open()
        {
            let _ = d.show_modal();
        }
    });
    // Closed by Escape: the same as closed by a button.
    let on_close = move |_| {
        if open.get_untracked() {
            open.set(false);
        }
    };
    // However it closed, the focus goes back.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if was_open == Some(true) && !is_open {
            focus_later(return_focus.clone());
        }
        is_open
    });
    let title_id = format!("{id}-title");
    view! {
        <Show when=move || open.get()>
            <dialog node_ref=node class="dialog" id=id.clone() aria-labelledby=title_id.clone() on:close=on_close>
                <h2 id=title_id.clone() class="dialog__title">{title.clone()}</h2>
                {children()}
            </dialog>
        </Show>
    }
}
