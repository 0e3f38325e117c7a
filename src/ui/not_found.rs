//! Pages for addresses that lead nowhere, each with a way back.

use leptos::prelude::*;

use crate::domain::PlanId;
use crate::domain::steps::Step;
use crate::i18n::*;
use crate::route::Route;

/// A page that says what is missing and offers a way on: `first` (a plan's first step),
/// then the library.
fn empty_state(
    title: &'static str,
    body: String,
    first: Option<(String, &'static str)>,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| crate::page::dom::set_title(title));
    let home = t_string!(i18n, not_found.go_home);
    let links = match first {
        Some((href, text)) => view! {
            <a class="button button--primary" href=href>{text}</a>
            <a class="button" href="#/">{home}</a>
        }
        .into_any(),
        None => view! { <a class="button button--primary" href="#/">{home}</a> }.into_any(),
    };
    view! {
        <section class="empty-state">
            <h1>{title}</h1>
            <p>{body}</p>
            <p class="button-row">{links}</p>
        </section>
    }
}

/// No page at this address, or (`plan`) no plan with this id on this device.
#[component]
pub fn NotFound(#[prop(optional)] plan: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (title, body) = if plan {
        (
            t_string!(i18n, not_found.plan_title),
            t_string!(i18n, not_found.plan_body),
        )
    } else {
        (
            t_string!(i18n, not_found.title),
            t_string!(i18n, not_found.body),
        )
    };
    empty_state(title, body.to_owned(), None)
}

/// The plan exists, but not the step: offer the plan's first step and the library.
#[component]
pub fn UnknownStep(id: PlanId, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let first = Route::Plan {
        id,
        step: Step::first(),
    }
    .to_hash();
    empty_state(
        t_string!(i18n, not_found.step_title),
        t_string!(i18n, not_found.step_body, slug = slug).to_string(),
        Some((first, t_string!(i18n, not_found.go_overview))),
    )
}
