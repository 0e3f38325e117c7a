//! Locking a plan with a passphrase: the buttons in the plan's header, the dialog that sets
//! the passphrase, and the page that opens a locked plan.
//!
//! The passphrase is read from its field when the person confirms, handed to the state for
//! the key derivation, and the fields are emptied: no signal ever holds it. While it is
//! typed, only its strength is kept.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::domain::PlanId;
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::{format, messages};
use crate::state::{
    LockCause, LockError, LockFailure, Strength, long_enough, strength, use_document, use_library,
};
use crate::ui::components::dialog::Dialog;

/// Takes the passphrase out of a field, leaving it empty.
fn take(input: NodeRef<html::Input>) -> String {
    input
        .get_untracked()
        .map(|i| {
            let value = i.value();
            i.set_value("");
            value
        })
        .unwrap_or_default()
}

/// The plan header's lock buttons: "Lock with a passphrase" for a plan that is not locked;
/// "Lock now" and "Remove the lock" for one that is.
#[component]
pub fn LockControls() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let dialog = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let lock_now = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            doc.lock_all(LockCause::Now).await;
            let _ = busy.try_set(false);
            focus_later("#unlock-passphrase".to_string());
        });
    };
    let remove = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = doc.remove_lock().await;
            let _ = busy.try_set(false);
            match result {
                Ok(()) => focus_later("#lock-plan".to_string()),
                Err(f) => {
                    let _ = error.try_set(Some(
                        t_string!(
                            i18n,
                            lock.remove_failed,
                            reason = messages::lock_failure(i18n, &f)
                        )
                        .to_string(),
                    ));
                }
            }
        });
    };
    view! {
        {move || if doc.locked.get() {
            view! {
                <button type="button" class="button" id="lock-now" aria-disabled=move || busy.get().to_string()
                    on:click=lock_now>{t_string!(i18n, lock.lock_now)}</button>
                <button type="button" class="button" id="remove-lock" aria-disabled=move || busy.get().to_string()
                    on:click=remove>{t_string!(i18n, lock.remove)}</button>
            }.into_any()
        } else {
            view! {
                <button type="button" class="button" id="lock-plan" aria-haspopup="dialog"
                    on:click=move |_| { error.set(None); dialog.set(true) }>
                    {t_string!(i18n, lock.button)}
                </button>
            }.into_any()
        }}
        <LockDialog open=dialog/>
        {move || error.get().map(|t| view! { <p class="alert alert--error lock-error" role="alert">{t}</p> })}
    }
}

/// "Lock with a passphrase": the passphrase twice, its strength, and what forgetting it
/// means.
#[component]
fn LockDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let first: NodeRef<html::Input> = NodeRef::new();
    let second: NodeRef<html::Input> = NodeRef::new();
    let shown_strength = RwSignal::new(None::<Strength>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // Each opening starts empty.
    Effect::new(move |_| {
        if open.get() {
            shown_strength.set(None);
            error.set(None);
            busy.set(false);
            focus_later("#lock-passphrase".to_string());
        }
    });
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let passphrase = take(first);
        let repeat = take(second);
        shown_strength.set(None);
        let refused = if !long_enough(&passphrase) {
            Some(t_string!(i18n, lock.too_short).to_string())
        } else if passphrase != repeat {
            Some(t_string!(i18n, lock.mismatch).to_string())
        } else {
            None
        };
        drop(repeat);
        if let Some(text) = refused {
            error.set(Some(text));
            focus_later("#lock-passphrase".to_string());
            return;
        }
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = doc.lock_with(passphrase).await;
            let _ = busy.try_set(false);
            match result {
                Ok(()) => {
                    let _ = open.try_set(false);
                    focus_later("#lock-now".to_string());
                }
                Err(f) => {
                    let _ = error.try_set(Some(failed(i18n, &f)));
                }
            }
        });
    };
    let strength_text = move || {
        shown_strength.get().map(|s| match s {
            Strength::Weak => t_string!(i18n, lock.strength_weak).to_string(),
            Strength::Fair => t_string!(i18n, lock.strength_fair).to_string(),
            Strength::Strong => t_string!(i18n, lock.strength_strong).to_string(),
        })
    };
    view! {
        <Dialog open=open id="lock-dialog".to_string() title=t_string!(i18n, lock.title).to_string() return_focus="#lock-plan".to_string()>
            <p>{t_string!(i18n, lock.intro)}</p>
            <p class="alert alert--warning">{t_string!(i18n, lock.warning)}</p>
            <form class="lock-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="lock-passphrase">{t_string!(i18n, lock.passphrase)}</label>
                    <input type="password" id="lock-passphrase" node_ref=first autocomplete="new-password"
                        aria-describedby="lock-passphrase-hint lock-strength"
                        on:input=move |e| {
                            let value = event_target_value(&e);
                            shown_strength.set((!value.is_empty()).then(|| strength(&value)));
                        }/>
                    <p class="field__hint" id="lock-passphrase-hint">{t_string!(i18n, lock.passphrase_hint)}</p>
                    <p class="field__hint lock-strength" id="lock-strength" aria-live="polite"
                        data-strength=move || shown_strength.get().map(Strength::as_str)>
                        {strength_text}
                    </p>
                </div>
                <div class="field">
                    <label for="lock-repeat">{t_string!(i18n, lock.repeat)}</label>
                    <input type="password" id="lock-repeat" node_ref=second autocomplete="new-password"/>
                </div>
                {move || error.get().map(|t| view! { <p class="alert alert--error" role="alert">{t}</p> })}
                <div class="button-row">
                    <button type="submit" class="button button--primary" aria-disabled=move || busy.get().to_string()>
                        {move || if busy.get() { t_string!(i18n, lock.working) } else { t_string!(i18n, lock.confirm) }}
                    </button>
                    <button type="button" class="button" on:click=move |_| open.set(false)>{t_string!(i18n, lock.cancel)}</button>
                </div>
            </form>
        </Dialog>
    }
}

fn failed(i18n: leptos_i18n::I18nContext<Locale>, f: &LockFailure) -> String {
    match f {
        LockFailure::TooShort => t_string!(i18n, lock.too_short).to_string(),
        f => t_string!(i18n, lock.failed, reason = messages::lock_failure(i18n, f)).to_string(),
    }
}

/// A locked plan that is not open here: its passphrase opens it. A wrong one says so and
/// shows nothing.
#[component]
pub fn UnlockPage(id: PlanId) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let library = use_library();
    let input: NodeRef<html::Input> = NodeRef::new();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let lang = i18n.get_locale_untracked().as_str();
    let saved = move || {
        library.plans.with(|l| {
            l.iter()
                .find(|s| s.id == id)
                .map(|s| format::date_time(s.updated_at, lang))
        })
    };
    crate::page::dom::set_title(&format!(
        "{} · {}",
        t_string!(i18n, lock.unlock_title),
        t_string!(i18n, app.name)
    ));
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let passphrase = take(input);
        if passphrase.is_empty() {
            focus_later("#unlock-passphrase".to_string());
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = doc.unlock(id, passphrase).await;
            let _ = busy.try_set(false);
            if let Err(f) = result {
                let _ = error.try_set(Some(match f {
                    LockFailure::Lock(LockError::WrongPassphrase) => {
                        t_string!(i18n, lock.wrong).to_string()
                    }
                    f => t_string!(
                        i18n,
                        lock.damaged,
                        reason = messages::lock_failure(i18n, &f)
                    )
                    .to_string(),
                }));
                focus_later("#unlock-passphrase".to_string());
            }
        });
    };
    view! {
        <section class="empty-state unlock">
            <p class="breadcrumb"><a href="#/">"← " {t_string!(i18n, lock.back)}</a></p>
            <h1>{t_string!(i18n, lock.unlock_title)}</h1>
            <p>{t_string!(i18n, lock.unlock_intro)}</p>
            {move || saved().map(|date| view! { <p class="hint">{t_string!(i18n, lock.saved_on, date = date).to_string()}</p> })}
            <form class="lock-form" on:submit=submit>
                <div class="field">
                    <label for="unlock-passphrase">{t_string!(i18n, lock.passphrase)}</label>
                    <input type="password" id="unlock-passphrase" node_ref=input autocomplete="current-password"/>
                </div>
                {move || error.get().map(|t| view! { <p class="alert alert--error" role="alert">{t}</p> })}
                <div class="button-row">
                    <button type="submit" class="button button--primary" aria-disabled=move || busy.get().to_string()>
                        {move || if busy.get() { t_string!(i18n, lock.unlocking) } else { t_string!(i18n, lock.unlock) }}
                    </button>
                </div>
            </form>
        </section>
    }
}
