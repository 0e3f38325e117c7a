//! "Export this plan": a file to send to a colleague. Private notes stay out unless
//! "Include private notes" is ticked there and then (the box starts unticked every time).
//! "Share" hands the file to the system's share sheet where the browser has one, and
//! downloads it elsewhere; "Download" always downloads.

use leptos::prelude::*;

use crate::domain::{Plan, PlanId};
use crate::i18n::*;
use crate::page::messages;
use crate::state::Sent;
use crate::state::{DocumentCtx, SaveFailure, use_library};
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
    /// The plan is locked with a passphrase: the file is its locked copy, whole.
    #[prop(optional, into)]
    locked: Signal<bool>,
    /// The plan's id, to send its locked copy.
    #[prop(optional)]
    plan_id: Option<PlanId>,
    /// The button's words.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let open = RwSignal::new(false);
    let include = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The open plan, when this button is in its header: its edits are sealed before its
    // locked copy is sent.
    let doc = use_context::<DocumentCtx>();
    let go = move |share: bool| {
        if busy.get_untracked() {
            return;
        }
        // A locked plan is sent as its stored file; any other is read now.
        let locked_id = plan_id.filter(|_| locked.get_untracked());
        let plan = match locked_id {
            Some(_) => None,
            None => match plan.run(()) {
                Ok(p) => Some(p),
                Err(f) => {
                    error.set(Some(failed(i18n, &f)));
                    return;
                }
            },
        };
        busy.set(true);
        error.set(None);
        let include_private = include.get_untracked();
        leptos::task::spawn_local(async move {
            let result = match (plan, locked_id) {
                (Some(plan), _) => library.send(plan, include_private, share).await,
                (None, Some(id)) => {
                    let sealed = match doc {
                        Some(doc) if doc.is_locked() => doc.seal_open().await,
                        _ => Ok(()),
                    };
                    match sealed {
                        Ok(()) => library.send_locked(id, share).await,
                        Err(f) => Err(f),
                    }
                }
                (None, None) => Ok(Sent::Cancelled),
            };
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
    let file = move || {
        if locked.get() {
            library.locked_file_name()
        } else {
            library.file_name(&name.get(), include.get())
        }
    };
    let ids = StoredValue::new((format!("{id}-private"), format!("{id}-private-hint")));
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
            {move || if locked.get() {
                view! { <p>{t_string!(i18n, lock.export)}</p> }.into_any()
            } else {
                let (private_id, hint_id) = ids.get_value();
                view! {
                    <p>{t_string!(i18n, send.intro)}</p>
                    <div class="choice">
                        <input type="checkbox" id=private_id.clone() aria-describedby=hint_id.clone()
                            prop:checked=move || include.get()
                            on:change=move |e| include.set(event_target_checked(&e))/>
                        <label for=private_id>{t_string!(i18n, send.include_private)}</label>
                    </div>
                    <p class="field__hint" id=hint_id>{t_string!(i18n, send.include_private_hint)}</p>
                }.into_any()
            }}
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
