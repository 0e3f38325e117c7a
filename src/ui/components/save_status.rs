//! The save indicator (`role=status`) and, when a save fails, the alert that says what to do.

use leptos::prelude::*;

use crate::i18n::*;
use crate::persistence::error::StorageError;
use crate::state::{SaveFailure, SaveStatus, use_planner};
use crate::ui::{format, messages};

#[component]
pub fn SaveStatusText() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_planner();
    view! {
        <p class="save-status" role="status" aria-live="polite"
            class:save-status--failed=move || matches!(ctx.status.get(), SaveStatus::Failed(_))>
            {move || match ctx.status.get() {
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
    let ctx = use_planner();
    let export_error = RwSignal::new(None::<String>);
    view! {
        {move || ctx.last_failure.get().map(|f| {
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
                        match ctx.export_open() {
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

/// Another tab changed this plan: keep neither version silently.
#[component]
pub fn ConflictBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_planner();
    view! {
        {move || ctx.conflict.get().map(|c| view! {
            <div class="alert alert--warning conflict" role="alert">
                <p><strong>{t_string!(i18n, conflict.title)}</strong></p>
                <p>{match (c.theirs_deleted, c.mine_unsaved) {
                    (true, true) => t_string!(i18n, conflict.deleted_body),
                    (true, false) => t_string!(i18n, conflict.deleted_clean_body),
                    (false, _) => t_string!(i18n, conflict.body),
                }}</p>
                <div class="button-row">
                    <button type="button" class="button" on:click=move |_| ctx.reload_theirs()>
                        {if c.theirs_deleted { t_string!(i18n, conflict.go_home) } else { t_string!(i18n, conflict.reload) }}
                    </button>
                    <button type="button" class="button button--primary" on:click=move |_| {
                        ctx.keep_mine_as_copy(|n| t_string!(i18n, conflict.copy_name, name = n.to_owned()).to_string())
                    }>
                        {t_string!(i18n, conflict.keep)}
                    </button>
                </div>
            </div>
        })}
    }
}
