//! The home screen (`#/`): every plan on this device, what keeps them safe, and the ways to
//! start, import and export plans.

use chrono::Duration;
use leptos::ev;
use leptos::prelude::*;

use crate::i18n::*;
use crate::page::labels::names_list;
use crate::page::messages;
use crate::state::{EXPORT_REMINDER_DAYS, now, use_document, use_imports, use_library};
use crate::ui::components::dialog::Dialog;
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

    // Per plan: the plans never exported whole, else the oldest export if it is old.
    let reminder = move || {
        let exported = library.exported.get();
        library.plans.with(|plans| {
            if plans.is_empty() {
                return None;
            }
            let never: Vec<String> = plans
                .iter()
                .filter(|p| !exported.contains_key(&p.id))
                .map(|p| p.name.clone())
                .collect();
            if never.len() == plans.len() {
                return Some(t_string!(i18n, library.reminder_never).to_string());
            }
            if !never.is_empty() {
                let names = names_list(i18n, &never);
                return Some(t_string!(i18n, library.reminder_some, names = names).to_string());
            }
            let oldest = plans.iter().filter_map(|p| exported.get(&p.id)).min()?;
            (now() - *oldest > Duration::days(EXPORT_REMINDER_DAYS)).then(|| {
                let days = (now() - *oldest).num_days();
                t_string!(i18n, library.reminder_old, days = days).to_string()
            })
        })
    };

    let export_all = move |_: ()| {
        let backup_name = t_string!(i18n, library.backup_name).to_string();
        match library.export_backup(&backup_name) {
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
                        aria-describedby="export-all-hint"
                        on:click=move |_| export_all(())
                        // Locked plans are not in the backup (each exports, still locked, on its own).
                        disabled=move || library.plans.with(|p| p.iter().all(|s| s.locked))
                    >
                        {t_string!(i18n, library.export_all)}
                    </button>
                </p>
                <p class="hint" id="export-all-hint">{t_string!(i18n, library.export_all_hint)}</p>
                {move || library.plans.with(|p| p.iter().any(|s| s.locked)).then(|| view! {
                    <p class="hint">{t_string!(i18n, library.export_all_locked)}</p>
                })}
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
            <ForgetDevice export_all=Callback::new(move |()| export_all(()))/>
        </div>
    }
}

/// "Forget this device": a dialog that says what will be erased and offers the backup first;
/// "Forget everything" erases it, then says so.
#[component]
fn ForgetDevice(
    /// "Export all plans", offered in the dialog first.
    export_all: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let doc = use_document();
    let imports = use_imports();
    let open = RwSignal::new(false);
    let done = RwSignal::new(None::<usize>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let forget = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = library.forget_device().await;
            let _ = busy.try_set(false);
            let _ = open.try_set(false);
            match result {
                Ok(count) => {
                    // Nothing of the plans stays in this page's memory either.
                    doc.forget_everything();
                    let _ = imports.merged.try_set(None);
                    let _ = imports.preview.try_set(None);
                    let _ = done.try_set(Some(count));
                    let _ = error.try_set(None);
                }
                Err(f) => {
                    let _ = error.try_set(Some(
                        t_string!(
                            i18n,
                            forget.failed,
                            reason = messages::save_failure(i18n, &f)
                        )
                        .to_string(),
                    ));
                }
            }
        });
    };
    view! {
        <p class="forget">
            <button type="button" class="button button--danger" id="forget-device" aria-haspopup="dialog"
                aria-describedby="forget-device-hint"
                on:click=move |_| { error.set(None); open.set(true); }>
                {t_string!(i18n, forget.button)}
            </button>
        </p>
        <p class="hint" id="forget-device-hint">{t_string!(i18n, forget.hint)}</p>
        <div role="status">
            {move || done.get().map(|count| view! { <p class="alert alert--info"><strong>{t_string!(i18n, forget.done, count = count)}</strong></p> })}
        </div>
        {move || error.get().map(|t| view! { <p class="alert alert--error" role="alert">{t}</p> })}
        <Dialog open=open id="forget-dialog".to_string() title=t_string!(i18n, forget.title).to_string() return_focus="#forget-device".to_string()>
            <p>{t_string!(i18n, forget.intro)}</p>
            <ul>
                <li>{move || t_string!(i18n, forget.plans, count = library.plans.with(Vec::len)).to_string()}</li>
                <li>{t_string!(i18n, forget.backups)}</li>
                <li>{t_string!(i18n, forget.offline)}</li>
            </ul>
            <p><strong>{t_string!(i18n, forget.warning)}</strong></p>
            <p>{t_string!(i18n, forget.other_tabs)}</p>
            <div class="button-row">
                <button type="button" class="button" on:click=move |_| export_all.run(())
                    disabled=move || library.plans.with(Vec::is_empty)>
                    {t_string!(i18n, library.export_all)}
                </button>
                <button type="button" class="button button--danger" aria-disabled=move || busy.get().to_string() on:click=forget>
                    {t_string!(i18n, forget.confirm)}
                </button>
                <button type="button" class="button" on:click=move |_| open.set(false)>{t_string!(i18n, forget.cancel)}</button>
            </div>
        </Dialog>
    }
}
