//! Alerts for stored plans that could not be read, with their raw data to download.

use leptos::prelude::*;

use crate::i18n::*;
use crate::page::messages;
use crate::persistence::error::ImportError;
use crate::persistence::store::Problem;
use crate::state::use_library;

#[component]
pub fn Problems() -> impl IntoView {
    let library = use_library();
    view! {
        <For each=move || library.problems.get() key=|p| p.key.clone() let(problem)>
            <ProblemAlert problem=problem/>
        </For>
    }
}

#[component]
fn ProblemAlert(problem: Problem) -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let confirming = RwSignal::new(false);
    let name = problem
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| t_string!(i18n, problems.unnamed, id = problem.id.clone()).to_string());
    let reason = messages::import_error(i18n, &problem.error);
    let newer = matches!(problem.error, ImportError::FutureVersion { .. });
    let (n, r) = (name.as_str(), reason.as_str());
    let text = if newer {
        t_string!(i18n, problems.newer, name = n, reason = r).to_string()
    } else if problem.restored {
        t_string!(i18n, problems.restored, name = n, reason = r).to_string()
    } else {
        t_string!(i18n, problems.unreadable, name = n, reason = r).to_string()
    };
    let for_download = problem.clone();
    let key = problem.key.clone();
    let moved = problem.moved;
    view! {
        <div class="alert alert--error" role="alert">
            <p>{text}</p>
            <div class="button-row">
                <button type="button" class="button" on:click=move |_| library.download_problem(&for_download)>
                    {t_string!(i18n, problems.download)}
                    <span class="visually-hidden">" " {name.clone()}</span>
                </button>
                <Show when=move || moved && !confirming.get()>
                    <button type="button" class="button button--danger" on:click=move |_| confirming.set(true)>
                        {t_string!(i18n, problems.remove)}
                    </button>
                </Show>
            </div>
            <Show when=move || confirming.get()>
                <div class="confirm">
                    <p>{t_string!(i18n, problems.remove_confirm)}</p>
                    <div class="button-row">
                        <button type="button" class="button button--danger" on:click={
                            let key = key.clone();
                            move |_| {
                            library.discard_problem(&key);
                            crate::page::dom::focus_heading();
                        }
                        }>
                            {t_string!(i18n, problems.remove_yes)}
                        </button>
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>
                            {t_string!(i18n, problems.cancel)}
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
