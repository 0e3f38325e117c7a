//! One plan in the library: open it, rename, duplicate or delete it.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::domain::PlanSummary;
use crate::domain::steps::Step;
use crate::domain::text::MAX_LINE;
use crate::i18n::*;
use crate::route::Route;
use crate::state::use_planner;
use crate::ui::{format, messages};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    View,
    Rename,
    ConfirmDelete,
}

#[component]
pub fn PlanRow(summary: PlanSummary) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_planner();
    let mode = RwSignal::new(Mode::View);
    let error = RwSignal::new(None::<String>);
    let id = summary.id;
    let name = if summary.name.is_empty() {
        t_string!(i18n, library.untitled).to_string()
    } else {
        summary.name.clone()
    };
    let href = Route::Plan {
        id,
        step: Step::first(),
    }
    .to_hash();
    let edited = format::date_time(summary.updated_at, i18n.get_locale_untracked().as_str());
    let size = format::kilobytes(summary.size);
    let rename_input: NodeRef<html::Input> = NodeRef::new();
    let rename_value = RwSignal::new(summary.name.clone());
    let id_text = id.to_string();
    let rename_id = format!("rename-{id_text}");
    let title_id = format!("plan-{id_text}");

    Effect::new(move |_| {
        if mode.get() == Mode::Rename
            && let Some(input) = rename_input.get()
        {
            let _ = input.focus();
            input.select();
        }
    });

    let name_for_dup = name.clone();
    let duplicate = move |_| {
        let copy_name =
            |n: &str| t_string!(i18n, library.copy_name, name = n.to_owned()).to_string();
        let _ = &name_for_dup;
        if let Err(f) = ctx.duplicate(id, copy_name) {
            error.set(Some(
                t_string!(
                    i18n,
                    library.action_failed,
                    reason = messages::save_failure(i18n, &f)
                )
                .to_string(),
            ));
        }
    };
    let export = move |_| {
        let all_name = t_string!(i18n, library.title).to_string();
        match ctx.export_stored(Some(vec![id]), &all_name) {
            Ok(()) => error.set(None),
            Err(f) => error.set(Some(
                t_string!(
                    i18n,
                    library.action_failed,
                    reason = messages::save_failure(i18n, &f)
                )
                .to_string(),
            )),
        }
    };
    let name_for_delete = name.clone();
    let delete = move |_| {
        if let Err(f) = ctx.delete(id, name_for_delete.clone()) {
            error.set(Some(
                t_string!(
                    i18n,
                    library.action_failed,
                    reason = messages::save_failure(i18n, &f)
                )
                .to_string(),
            ));
            mode.set(Mode::View);
        }
    };
    let save_name = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let value = rename_value.get_untracked();
        if value.trim().is_empty() {
            error.set(Some(t_string!(i18n, library.name_required).to_string()));
            return;
        }
        match ctx.rename(id, &value) {
            Ok(()) => {
                error.set(None);
                mode.set(Mode::View);
            }
            Err(f) => error.set(Some(
                t_string!(
                    i18n,
                    library.action_failed,
                    reason = messages::save_failure(i18n, &f)
                )
                .to_string(),
            )),
        }
    };

    let coalition = summary.coalition.clone();
    let name_view = name.clone();
    let name_confirm = name.clone();
    view! {
        <li class="plan-card">
            <h3 class="plan-card__name" id=title_id>
                <a href=href>{name_view.clone()}</a>
            </h3>
            <dl class="plan-card__facts">
                <div>
                    <dt>{t_string!(i18n, library.col_coalition)}</dt>
                    <dd>{if coalition.is_empty() { "—".to_owned() } else { coalition }}</dd>
                </div>
                <div>
                    <dt>{t_string!(i18n, library.col_edited)}</dt>
                    <dd>{edited}</dd>
                </div>
                <div>
                    <dt>{t_string!(i18n, library.col_size)}</dt>
                    <dd>{t_string!(i18n, library.size_kb, size = size.clone())}</dd>
                </div>
            </dl>
            {move || match mode.get() {
                Mode::View => view! {
                    <div class="button-row">
                        <button type="button" class="button" on:click=move |_| { error.set(None); mode.set(Mode::Rename) }>
                            {t_string!(i18n, library.rename)}
                            <span class="visually-hidden">" " {name_view.clone()}</span>
                        </button>
                        <button type="button" class="button" on:click=export>
                            {t_string!(i18n, library.export)}
                            <span class="visually-hidden">" " {name_view.clone()}</span>
                        </button>
                        <button type="button" class="button" on:click=duplicate.clone()>
                            {t_string!(i18n, library.duplicate)}
                            <span class="visually-hidden">" " {name_view.clone()}</span>
                        </button>
                        <button type="button" class="button button--danger" on:click=move |_| mode.set(Mode::ConfirmDelete)>
                            {t_string!(i18n, library.delete)}
                            <span class="visually-hidden">" " {name_view.clone()}</span>
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
                            <button type="button" class="button" on:click=move |_| { error.set(None); mode.set(Mode::View) }>
                                {t_string!(i18n, library.cancel)}
                            </button>
                        </div>
                    </form>
                }.into_any(),
                Mode::ConfirmDelete => view! {
                    <div class="confirm" role="group" aria-label=t_string!(i18n, library.delete_confirm, name = name_confirm.clone()).to_string()>
                        <p><strong>{t_string!(i18n, library.delete_confirm, name = name_confirm.clone())}</strong></p>
                        <p>{t_string!(i18n, library.delete_confirm_body)}</p>
                        <div class="button-row">
                            <button type="button" class="button button--danger" on:click=delete.clone()>
                                {t_string!(i18n, library.delete_yes)}
                            </button>
                            <button type="button" class="button" on:click=move |_| mode.set(Mode::View)>
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
