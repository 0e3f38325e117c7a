//! The save indicator (`role=status`) and, when a save fails, the alert that says what to do.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::*;
use crate::page::format;
use crate::page::messages;
use crate::persistence::error::StorageError;
use crate::state::{SaveFailure, SaveStatus, use_document};
use crate::ui::components::conflict_choices::ConflictChoices;

#[component]
pub fn SaveStatusText() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    view! {
        <p class="save-status" role="status" aria-live="polite"
            class:save-status--failed=move || matches!(doc.status.get(), SaveStatus::Failed(_))>
            {move || match doc.status.get() {
                SaveStatus::Idle => String::new(),
                SaveStatus::Saving => t_string!(i18n, save.saving).to_string(),
                SaveStatus::Saved(at) => t_string!(i18n, save.saved, time = format::time(at)).to_string(),
                SaveStatus::Failed(f) => t_string!(i18n, save.not_saved, reason = messages::save_failure(i18n, &f)).to_string(),
            }}
        </p>
    }
}

/// Shown when a write failed for a reason other than a conflict (that has its own banner). It
/// stays until a save succeeds, so it does not flicker while a retry is waiting.
#[component]
pub fn SaveFailedAlert() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let export_error = RwSignal::new(None::<String>);
    view! {
        {move || doc.last_failure.get().map(|f| {
            let todo = if f == SaveFailure::Storage(StorageError::QuotaExceeded) {
                t_string!(i18n, save.todo_quota).to_string()
            } else {
                t_string!(i18n, save.todo).to_string()
            };
            view! {
                <div class="alert alert--error" role="alert">
                    <p><strong>{t_string!(i18n, save.not_saved, reason = messages::save_failure(i18n, &f))}</strong></p>
                    <p>{todo}</p>
                    <button type="button" class="button button--primary" on:click=move |_| {
                        match doc.export_open() {
                            Ok(()) => export_error.set(None),
                            Err(f) => export_error.set(Some(
                                t_string!(i18n, save.export_failed, reason = messages::save_failure(i18n, &f)).to_string(),
                            )),
                        }
                    }>
                        {t_string!(i18n, save.export_now)}
                    </button>
                    {move || export_error.get().map(|t| view! { <p><strong>{t}</strong></p> })}
                </div>
            }
        })}
    }
}

/// Another tab changed this plan in a way that does not merge on its own: keep neither
/// version silently. Fields both tabs changed are listed with both values and a choice each;
/// a deleted or unreadable plan offers to keep this tab's version as a copy.
#[component]
pub fn ConflictBanner() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    view! {
        {move || doc.conflict.get().map(|c| {
            let choices = (!c.fields.is_empty()).then(|| {
                let ours = Arc::new(doc
                    .plan
                    .with_untracked(crate::domain::merge::to_value)
                    .unwrap_or_default());
                view! {
                    <ConflictChoices conflicts=c.fields.clone() ours=ours theirs=c.theirs.clone()
                        on_save=Callback::new(move |chosen| doc.resolve_conflicts(chosen)) />
                }
            });
            let body = (c.fields.is_empty()).then(|| view! {
                <p>{match (c.theirs_deleted, c.mine_unsaved) {
                    (true, true) => t_string!(i18n, conflict.deleted_body),
                    (true, false) => t_string!(i18n, conflict.deleted_clean_body),
                    (false, _) => t_string!(i18n, conflict.body),
                }}</p>
            });
            view! {
                <div class="alert alert--warning conflict" role="alert">
                    <p><strong>{t_string!(i18n, conflict.title)}</strong></p>
                    {body}
                    {choices}
                    <div class="button-row">
                        <button type="button" class="button" on:click=move |_| doc.reload_theirs()>
                            {if c.theirs_deleted { t_string!(i18n, conflict.go_home) } else { t_string!(i18n, conflict.reload) }}
                        </button>
                        <button type="button" class="button" class:button--primary=c.fields.is_empty() on:click=move |_| {
                            doc.keep_mine_as_copy(|n| t_string!(i18n, conflict.copy_name, name = n.to_owned()).to_string())
                        }>
                            {t_string!(i18n, conflict.keep)}
                        </button>
                    </div>
                </div>
            }
        })}
    }
}

/// "Undo" and "Redo" for the open plan, and their keys: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y (⌘ on
/// a Mac) when the focus is not in a text field. Inside a text field the browser's own undo
/// stays. A button with nothing to do says so (`aria-disabled`) but keeps the focus.
#[component]
pub fn UndoButtons() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() || e.default_prevented() {
            return;
        }
        let key = e.key().to_lowercase();
        let redo = (key == "z" && e.shift_key()) || (key == "y" && !e.shift_key());
        let undo = key == "z" && !e.shift_key();
        if (!undo && !redo) || in_text_field(&e) {
            return;
        }
        e.prevent_default();
        if redo {
            doc.redo();
        } else {
            doc.undo();
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <div class="undo" role="group" aria-label=move || t_string!(i18n, plan.undo_hint)>
            <button type="button" class="button" aria-keyshortcuts="Control+Z"
                aria-disabled=move || (!doc.can_undo.get() || doc.conflict.with(Option::is_some)).to_string()
                on:click=move |_| doc.undo()>
                {t_string!(i18n, plan.undo)}
            </button>
            <button type="button" class="button" aria-keyshortcuts="Control+Shift+Z Control+Y"
                aria-disabled=move || (!doc.can_redo.get() || doc.conflict.with(Option::is_some)).to_string()
                on:click=move |_| doc.redo()>
                {t_string!(i18n, plan.redo)}
            </button>
        </div>
    }
}

/// True when a key goes to a field that keeps its own undo: a text box, a text area, or
/// anything editable.
fn in_text_field(e: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match el.tag_name().to_ascii_lowercase().as_str() {
        "textarea" => true,
        "input" => {
            let kind = el
                .get_attribute("type")
                .unwrap_or_default()
                .to_ascii_lowercase();
            !matches!(
                kind.as_str(),
                "checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "color" | "file"
            )
        }
        _ => el
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|h| h.is_content_editable()),
    }
}
