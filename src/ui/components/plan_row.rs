//! One plan in the library: open it, export, rename, duplicate or delete it.
//!
//! The row is keyed by the plan's id and reads its summary reactively, so a save in another
//! tab updates the facts without throwing away a rename in progress or the keyboard focus.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::domain::steps::Step;
use crate::domain::text::MAX_LINE;
use crate::domain::{PlanId, PlanSummary};
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::format;
use crate::page::messages;
use crate::route::Route;
use crate::state::{SaveFailure, use_library};
use crate::ui::components::send::SendButton;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    View,
    Rename,
    ConfirmDelete,
}

#[component]
pub fn PlanRow(id: PlanId) -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let summary = Memo::new(move |_| {
        library
            .plans
            .with(|l| l.iter().find(|s| s.id == id).cloned())
    });
    let field = move |f: fn(&PlanSummary) -> String| {
        move || summary.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    let locked = Memo::new(move |_| summary.with(|s| s.as_ref().is_some_and(|s| s.locked)));
    let name = move || {
        summary.with(|s| match s {
            Some(s) if s.locked => t_string!(i18n, lock.row_name).to_string(),
            Some(s) if !s.name.is_empty() => s.name.clone(),
            _ => t_string!(i18n, library.untitled).to_string(),
        })
    };
    let mode = RwSignal::new(Mode::View);
    let error = RwSignal::new(None::<String>);
    let rename_value = RwSignal::new(String::new());
    let rename_input: NodeRef<html::Input> = NodeRef::new();
    let confirm_button: NodeRef<html::Button> = NodeRef::new();
    let href = Route::Plan {
        id,
        step: Step::first(),
    }
    .to_hash();
    let rename_id = format!("rename-{id}");
    let lang = i18n.get_locale_untracked().as_str();

    let fail = move |f: SaveFailure| {
        error.set(Some(
            t_string!(
                i18n,
                library.action_failed,
                reason = messages::save_failure(i18n, &f)
            )
            .to_string(),
        ))
    };
    // Back to the plain row, with the focus on the button that opened the form.
    let back_to = move |button: &'static str| {
        mode.set(Mode::View);
        focus_later(format!("[data-plan='{id}'] [data-action='{button}']"));
    };

    Effect::new(move |_| match mode.get() {
        Mode::Rename => {
            if let Some(input) = rename_input.get() {
                let _ = input.focus();
                input.select();
            }
        }
        Mode::ConfirmDelete => {
            if let Some(button) = confirm_button.get() {
                let _ = button.focus();
            }
        }
        Mode::View => {}
    });

    let duplicate = move |_| {
        let decorate =
            |n: &str| t_string!(i18n, library.copy_name, name = n.to_owned()).to_string();
        match library.duplicate(id, decorate) {
            Ok(()) => error.set(None),
            Err(f) => fail(f),
        }
    };
    let delete = move |_| match library.delete(id, name()) {
        Ok(()) => focus_later(format!("#undo-{id}")),
        Err(f) => {
            fail(f);
            back_to("delete");
        }
    };
    let save_name = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let value = rename_value.get_untracked();
        if value.trim().is_empty() {
            error.set(Some(t_string!(i18n, library.name_required).to_string()));
            return;
        }
        match library.rename(id, &value) {
            Ok(()) => {
                error.set(None);
                back_to("rename");
            }
            Err(f) => fail(f),
        }
    };

    view! {
        <li class="plan-card" data-plan=id.to_string()>
            <h3 class="plan-card__name">
                <a href=href>{name}</a>
            </h3>
            <Show when=move || locked.get()>
                <p class="hint">{t_string!(i18n, lock.row_hint)}</p>
            </Show>
            <dl class="plan-card__facts">
                <Show when=move || !locked.get()>
                <div>
                    <dt>{t_string!(i18n, library.col_coalition)}</dt>
                    <dd>{move || {
                        let c = field(|s| s.coalition.clone())();
                        if c.is_empty() { "—".to_owned() } else { c }
                    }}</dd>
                </div>
                </Show>
                <div>
                    <dt>{t_string!(i18n, library.col_edited)}</dt>
                    <dd>{move || summary.with(|s| s.as_ref().map(|s| format::date_time(s.updated_at, lang)).unwrap_or_default())}</dd>
                </div>
                <div>
                    <dt>{t_string!(i18n, library.col_size)}</dt>
                    <dd>{move || t_string!(i18n, library.size_kb, size = format::kilobytes(summary.with(|s| s.as_ref().map(|s| s.size).unwrap_or(0)))).to_string()}</dd>
                </div>
            </dl>
            {move || match mode.get() {
                Mode::View => view! {
                    <div class="button-row">
                        <SendButton id=format!("export-{id}") name=Signal::derive(name)
                            plan=Callback::new(move |()| library.stored(id))
                            locked=locked plan_id=id>
                            {t_string!(i18n, library.export)}
                            <span class="visually-hidden">" " {name}</span>
                        </SendButton>
                        // A locked plan's name and content are sealed: it is opened first.
                        <Show when=move || !locked.get()>
                        <button type="button" class="button" data-action="rename" on:click=move |_| {
                            error.set(None);
                            rename_value.set(summary.with_untracked(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default()));
                            mode.set(Mode::Rename);
                        }>
                            {t_string!(i18n, library.rename)}
                            <span class="visually-hidden">" " {name}</span>
                        </button>
                        <button type="button" class="button" on:click=duplicate>
                            {t_string!(i18n, library.duplicate)}
                            <span class="visually-hidden">" " {name}</span>
                        </button>
                        </Show>
                        <button type="button" class="button button--danger" data-action="delete" on:click=move |_| mode.set(Mode::ConfirmDelete)>
                            {t_string!(i18n, library.delete)}
                            <span class="visually-hidden">" " {name}</span>
                        </button>
                    </div>
                }.into_any(),
                Mode::Rename => view! {
                    <form class="inline-form" on:submit=save_name>
                        <label for=rename_id.clone()>{t_string!(i18n, library.rename_label)}</label>
                        <input
                            id=rename_id.clone()
                            type="text"
                            maxlength=MAX_LINE
                            required
                            node_ref=rename_input
                            prop:value=move || rename_value.get()
                            on:input=move |e| rename_value.set(event_target_value(&e))
                        />
                        <div class="button-row">
                            <button type="submit" class="button button--primary">{t_string!(i18n, library.rename_save)}</button>
                            <button type="button" class="button" on:click=move |_| { error.set(None); back_to("rename") }>
                                {t_string!(i18n, library.cancel)}
                            </button>
                        </div>
                    </form>
                }.into_any(),
                Mode::ConfirmDelete => view! {
                    <div class="confirm" role="group" aria-label=move || t_string!(i18n, library.delete_confirm, name = name()).to_string()>
                        <p><strong>{move || t_string!(i18n, library.delete_confirm, name = name()).to_string()}</strong></p>
                        <p>{t_string!(i18n, library.delete_confirm_body)}</p>
                        <div class="button-row">
                            <button type="button" class="button button--danger" node_ref=confirm_button on:click=delete>
                                {t_string!(i18n, library.delete_yes)}
                            </button>
                            <button type="button" class="button" on:click=move |_| back_to("delete")>
                                {t_string!(i18n, library.cancel)}
                            </button>
                        </div>
                    </div>
                }.into_any(),
            }}
            {move || error.get().map(|text| view! { <p class="alert alert--error" role="alert">{text}</p> })}
        </li>
    }
}
