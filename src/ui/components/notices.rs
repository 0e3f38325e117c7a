//! The polite live region for confirmations ("Saved a copy", "Deleted … Undo").

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{Notice, use_planner};
use crate::ui::messages;

#[component]
pub fn NoticeRegion() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_planner();
    let undo_error = RwSignal::new(None::<String>);

    let text = move |notice: &Notice| -> String {
        match notice {
            Notice::Exported { file } => {
                t_string!(i18n, library.exported, file = file.clone()).to_string()
            }
            Notice::Deleted { name, .. } => {
                t_string!(i18n, library.deleted, name = name.clone()).to_string()
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
            Notice::Kept { name } => {
                t_string!(i18n, conflict.kept, name = name.clone()).to_string()
            }
            Notice::Reloaded => t_string!(i18n, conflict.reloaded).to_string(),
            Notice::Synced => t_string!(i18n, conflict.synced).to_string(),
            Notice::ActionFailed(f) => t_string!(
                i18n,
                library.action_failed,
                reason = messages::save_failure(i18n, f)
            )
            .to_string(),
        }
    };

    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || ctx.notice.get().map(|notice| {
                let undo = match &notice {
                    Notice::Deleted { id, name, raw } => {
                        let (id, name, raw) = (*id, name.clone(), raw.clone());
                        Some(view! {
                            <button type="button" class="button" on:click=move |_| {
                                match ctx.undo_delete(id, name.clone(), &raw) {
                                    Ok(()) => undo_error.set(None),
                                    Err(f) => undo_error.set(Some(messages::save_failure(i18n, &f))),
                                }
                            }>
                                {t_string!(i18n, library.undo)}
                            </button>
                        })
                    }
                    _ => None,
                };
                view! {
                    <div class="notice">
                        <p>{text(&notice)}</p>
                        {undo}
                    </div>
                }
            })}
        </div>
        {move || undo_error.get().map(|t| view! { <p class="alert alert--error" role="alert">{t}</p> })}
    }
}
