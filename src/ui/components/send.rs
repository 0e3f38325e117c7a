//! "Export this plan": a file to send to a colleague. Private notes stay out unless
//! "Include private notes" is ticked there and then (the box starts unticked every time).
//! "Share" hands the file to the system's share sheet where the browser has one, and
//! downloads it elsewhere; "Download" always downloads.

use leptos::prelude::*;

use crate::domain::Plan;
use crate::i18n::*;
use crate::page::messages;
use crate::state::Sent;
use crate::state::{SaveFailure, use_library};
use crate::ui::components::dialog::Dialog;

#[component]
pub fn SendButton(
    /// The plan to send, read when the person chooses how.
    plan: Callback<(), Result<Plan, SaveFailure>>,
    /// The plan's name, for the file name the dialog shows.
    #[prop(into)]
    name: Signal<String>,
    /// The button's id, unique on the page.
    id: String,
    /// The button's words.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let open = RwSignal::new(false);
    let include = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let go = move |share: bool| {
        if busy.get_untracked() {
            return;
        }
        let plan = match plan.run(()) {
            Ok(p) => p,
            Err(f) => {
                error.set(Some(failed(i18n, &f)));
                return;
            }
        };
        busy.set(true);
        error.set(None);
        let include_private = include.get_untracked();
        leptos::task::spawn_local(async move {
            let result = library.send(plan, include_private, share).await;
            let _ = busy.try_set(false);
            match result {
                Ok(Sent::Cancelled) => {}
                Ok(_) => {
                    let _ = open.try_set(false);
                }
                Err(f) => {
                    let _ = error.try_set(Some(failed(i18n, &f)));
                }
            }
        });
    };
    let file = move || library.file_name(&name.get(), include.get());
    let private_id = format!("{id}-private");
    let hint_id = format!("{id}-private-hint");
    view! {
        <button type="button" class="button" id=id.clone() aria-haspopup="dialog"
            on:click=move |_| {
                include.set(false);
                error.set(None);
                open.set(true);
            }>
            {children()}
        </button>
        <Dialog open=open id=format!("{id}-dialog") title=t_string!(i18n, send.title).to_string() return_focus=format!("#{id}")>
            <p>{t_string!(i18n, send.intro)}</p>
            <div class="choice">
                <input type="checkbox" id=private_id.clone() aria-describedby=hint_id.clone()
                    prop:checked=move || include.get()
                    on:change=move |e| include.set(event_target_checked(&e))/>
                <label for=private_id.clone()>{t_string!(i18n, send.include_private)}</label>
            </div>
            <p class="field__hint" id=hint_id.clone()>{t_string!(i18n, send.include_private_hint)}</p>
            <p class="dialog__file">{move || t_string!(i18n, send.file, file = file()).to_string()}</p>
            {move || error.get().map(|t| view! { <p class="alert alert--error" role="alert">{t}</p> })}
            <div class="button-row">
                <button type="button" class="button button--primary" aria-disabled=move || busy.get().to_string()
                    on:click=move |_| go(true)>{t_string!(i18n, send.share)}</button>
                <button type="button" class="button" aria-disabled=move || busy.get().to_string()
                    on:click=move |_| go(false)>{t_string!(i18n, send.download)}</button>
                <button type="button" class="button" on:click=move |_| open.set(false)>{t_string!(i18n, send.cancel)}</button>
            </div>
            <p class="hint">
                // Asked when the dialog opens, not for every plan on the page.
                {move || if library.can_share_files() { t_string!(i18n, send.share_hint) } else { t_string!(i18n, send.share_hint_download) }}
            </p>
        </Dialog>
    }
}

fn failed(i18n: leptos_i18n::I18nContext<Locale>, f: &SaveFailure) -> String {
    t_string!(i18n, send.failed, reason = messages::save_failure(i18n, f)).to_string()
}
