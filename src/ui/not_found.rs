//! Pages for addresses that lead nowhere, each with a way back.

use leptos::prelude::*;

use crate::domain::PlanId;
use crate::domain::steps::Step;
use crate::i18n::*;
use crate::route::Route;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| crate::page::dom::set_title(t_string!(i18n, not_found.title)));
    view! {
        <section class="empty-state">
            <h1>{t_string!(i18n, not_found.title)}</h1>
            <p>{t_string!(i18n, not_found.body)}</p>
            <p><a class="button button--primary" href="#/">{t_string!(i18n, not_found.go_home)}</a></p>
        </section>
    }
}

/// The plan exists, but not the step: offer the plan's first step and the library.
#[component]
pub fn UnknownStep(id: PlanId, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| crate::page::dom::set_title(t_string!(i18n, not_found.step_title)));
    let first = Route::Plan {
        id,
        step: Step::first(),
    }
    .to_hash();
    view! {
        <section class="empty-state">
            <h1>{t_string!(i18n, not_found.step_title)}</h1>
            <p>{t_string!(i18n, not_found.step_body, slug = slug.clone())}</p>
            <p class="button-row">
                <a class="button button--primary" href=first>{t_string!(i18n, not_found.go_overview)}</a>
                <a class="button" href="#/">{t_string!(i18n, not_found.go_home)}</a>
            </p>
        </section>
    }
}

/// No plan with this id on this device.
#[component]
pub fn MissingPlan() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| crate::page::dom::set_title(t_string!(i18n, not_found.plan_title)));
    view! {
        <section class="empty-state">
            <h1>{t_string!(i18n, not_found.plan_title)}</h1>
            <p>{t_string!(i18n, not_found.plan_body)}</p>
            <p><a class="button button--primary" href="#/">{t_string!(i18n, not_found.go_home)}</a></p>
        </section>
    }
}
