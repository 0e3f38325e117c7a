//! The polite live region for confirmations ("Saved a copy", "Deleted … Undo").

use leptos::prelude::*;

use crate::i18n::*;
use crate::page::messages;
use crate::state::{Notice, use_library, use_notices};

#[component]
pub fn NoticeRegion() -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let notices = use_notices();
    let undo_error = RwSignal::new(None::<String>);

    let text = move |notice: &Notice| -> String {
        match notice {
            Notice::Exported { file } => {
                t_string!(i18n, library.exported, file = file.clone()).to_string()
            }
            Notice::Shared { file } => {
                t_string!(i18n, send.shared, file = file.clone()).to_string()
            }
            Notice::Undone { name } => {
                t_string!(i18n, library.undone, name = name.clone()).to_string()
            }
            Notice::Renamed { name } => {
                t_string!(i18n, library.renamed, name = name.clone()).to_string()
            }
            Notice::Duplicated { name } => {
                t_string!(i18n, library.duplicated, name = name.clone()).to_string()
            }
            Notice::Imported { count } => t_string!(i18n, import.done, count = *count).to_string(),
            Notice::ImportCancelled => t_string!(i18n, import.cancelled).to_string(),
            Notice::MergeUndone { count } => {
                t_string!(i18n, import.merge_undone, count = *count).to_string()
            }
            Notice::Kept { name } => {
                t_string!(i18n, conflict.kept, name = name.clone()).to_string()
            }
            Notice::Reloaded => t_string!(i18n, conflict.reloaded).to_string(),
            Notice::Synced => t_string!(i18n, conflict.synced).to_string(),
            Notice::Merged => t_string!(i18n, conflict.merged).to_string(),
            Notice::EditUndone => t_string!(i18n, plan.undone).to_string(),
            Notice::EditRedone => t_string!(i18n, plan.redone).to_string(),
            Notice::Locked => t_string!(i18n, lock.done).to_string(),
            Notice::LockRemoved => t_string!(i18n, lock.removed).to_string(),
            Notice::IdleLocked => t_string!(i18n, lock.idle).to_string(),
        }
    };

    // A notice must never hide the focused element (WCAG 2.4.11): when one appears, and when
    // the focus moves while one shows, the page scrolls the focus clear of it.
    Effect::new(move |_| {
        notices.notice.track();
        library.deleted.track();
        keep_focus_clear();
    });
    let focus_moves = window_event_listener(leptos::ev::focusin, |_| keep_focus_clear());
    on_cleanup(move || focus_moves.remove());

    view! {
        <div class="notice-region" role="status" aria-live="polite">
            <For each=move || library.deleted.get() key=|d| d.id let(deleted)>
                <div class="notice">
                    <p>{t_string!(i18n, library.deleted, name = deleted.name.clone())}</p>
                    <button type="button" class="button notice__undo" id=format!("undo-{}", deleted.id) on:click=move |_| {
                        match library.undo_delete(deleted.id) {
                            Ok(()) => {
                                undo_error.set(None);
                                crate::page::dom::focus_later("#plans-title");
                            }
                            Err(f) => undo_error.set(Some(messages::save_failure(i18n, &f))),
                        }
                    }>
                        {t_string!(i18n, library.undo)}
                        <span class="visually-hidden">" " {deleted.name.clone()}</span>
                    </button>
                </div>
            </For>
            {move || notices.notice.get().map(|notice| view! {
                <div class="notice">
                    <p>{text(&notice)}</p>
                </div>
            })}
        </div>
        {move || undo_error.get().map(|t| view! { <p class="alert alert--error" role="alert">{t}</p> })}
    }
}

/// Scrolls the page just enough that the focused element sits above the notice bar.
fn keep_focus_clear() {
    request_animation_frame(|| {
        let doc = document();
        let (Some(region), Some(active)) = (
            doc.query_selector(".notice-region").ok().flatten(),
            doc.active_element(),
        ) else {
            return;
        };
        if region.contains(Some(&active)) {
            return;
        }
        let bar = region.get_bounding_client_rect();
        if bar.height() < 1.0 {
            return;
        }
        let focus = active.get_bounding_client_rect();
        let overlap = focus.bottom() - bar.top();
        if overlap > 0.0 && focus.top() < bar.bottom() {
            window().scroll_by_with_x_and_y(0.0, overlap + 8.0);
        }
    });
}
