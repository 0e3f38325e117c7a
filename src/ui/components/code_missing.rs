//! The alert for code of the app that could not be fetched (a part loaded on demand, on a
//! first visit that lost its connection): nothing is lost, and "Try again" fetches it again.

use leptos::prelude::*;

use crate::i18n::*;

/// A part of the app's code, loaded on demand, could not be fetched (no network on a first
/// visit, before the service worker has it). Nothing is lost: a retry fetches it again.
#[derive(Debug, Clone, Copy)]
pub struct CodeNotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for CodeNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        CodeNotLoaded
    }
}

#[component]
pub fn CodeMissing(
    /// Raised by "Try again"; whatever loads the code tracks it.
    attempt: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="alert alert--error" role="alert">
            <p>{t_string!(i18n, plan.code_missing)}</p>
            <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>
                {t_string!(i18n, plan.try_again)}
            </button>
        </div>
    }
}
