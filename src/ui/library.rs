//! The home screen (`#/`): every plan on this device, what keeps them safe, and the ways to
//! start, import and export plans.

use chrono::Duration;
use leptos::ev;
use leptos::prelude::*;

use crate::i18n::*;
use crate::page::messages;
use crate::state::{EXPORT_REMINDER_DAYS, now, use_imports, use_library};
use crate::ui::components::import::{ImportButton, ImportPanel};
use crate::ui::components::meter::StorageMeter;
use crate::ui::components::new_plan::NewPlan;
use crate::ui::components::pager::{ShowMore, first_page};
use crate::ui::components::plan_row::PlanRow;
use crate::ui::components::problems::Problems;

#[component]
pub fn LibraryPage() -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let imports = use_imports();
    let dragging = RwSignal::new(false);
    let export_error = RwSignal::new(None::<String>);
    let limit = first_page();

    Effect::new(move |_| {
        crate::page::dom::set_title(&format!(
            "{} · {}",
            t_string!(i18n, library.title),
            t_string!(i18n, app.name)
        ));
    });
    library.refresh_usage_if_stale();

    let reminder = move || {
        if library.plans.with(|p| p.is_empty()) {
            return None;
        }
        match library.last_export.get() {
            None => Some(t_string!(i18n, library.reminder_never).to_string()),
            Some(at) => {
                let days = (now() - at).num_days();
                (now() - at > Duration::days(EXPORT_REMINDER_DAYS))
                    .then(|| t_string!(i18n, library.reminder_old, days = days).to_string())
            }
        }
    };

    let export_all = move |_| {
        let all_name = t_string!(i18n, library.title).to_string();
        match library.export_stored(None, &all_name) {
            Ok(()) => export_error.set(None),
            Err(f) => export_error.set(Some(messages::save_failure(i18n, &f))),
        }
    };

    let on_dragover = move |e: ev::DragEvent| {
        e.prevent_default();
        dragging.set(true);
    };
    let on_dragleave = move |e: ev::DragEvent| {
        // Only when leaving the page area, not when moving between its children.
        if e.related_target().is_none() {
            dragging.set(false);
        }
    };
    let on_drop = move |e: ev::DragEvent| {
        e.prevent_default();
        dragging.set(false);
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            imports.read_import(file);
        }
    };

    view! {
        <div
            class="library"
            class:library--dragging=move || dragging.get()
            on:dragover=on_dragover
            on:dragleave=on_dragleave
            on:drop=on_drop
        >
            <h1>{t_string!(i18n, library.title)}</h1>
            <Problems/>

            <section class="panel panel--info" aria-labelledby="where-title">
                <h2 id="where-title">{t_string!(i18n, library.where_title)}</h2>
                <p>{t_string!(i18n, library.where_body)}</p>
                {move || reminder().map(|text| view! { <p class="reminder"><strong>{text}</strong></p> })}
                <p>
                    <button
                        type="button"
                        class="button"
                        on:click=export_all
                        disabled=move || library.plans.with(|p| p.is_empty())
                    >
                        {t_string!(i18n, library.export_all)}
                    </button>
                </p>
                {move || export_error.get().map(|text| view! { <p class="alert alert--error" role="alert">{text}</p> })}
            </section>

            <div class="toolbar">
                <NewPlan/>
                <ImportButton/>
            </div>
            <p class="hint">{t_string!(i18n, import.drop_hint)}</p>
            <Show when=move || dragging.get()>
                <p class="drop-banner" aria-hidden="true">{t_string!(i18n, import.drop_here)}</p>
            </Show>
            <ImportPanel/>

            <section aria-labelledby="plans-title" class="plans">
                <h2 id="plans-title" tabindex="-1">{t_string!(i18n, library.list_label)}</h2>
                <Show
                    when=move || library.plans.with(|p| !p.is_empty())
                    fallback=move || view! { <p class="empty">{t_string!(i18n, library.empty)}</p> }
                >
                    <ul class="plan-list">
                        <For each=move || library.plans.with(|l| l.iter().take(limit.get()).map(|s| s.id).collect::<Vec<_>>()) key=|id| *id let(id)>
                            <PlanRow id=id/>
                        </For>
                    </ul>
                    <ShowMore limit=limit total=Signal::derive(move || library.plans.with(Vec::len))/>
                </Show>
            </section>

            <StorageMeter/>
        </div>
    }
}
