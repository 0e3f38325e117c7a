//! The plan view (`#/plan/<id>/<step>`): the plan's name, the step navigation, the save status
//! and the current step.

use leptos::prelude::*;

use crate::domain::PlanStoreFields;
use crate::domain::overview::OverviewStoreFields;
use crate::domain::steps::Step;
use crate::i18n::*;
use crate::page::messages;
use crate::route::Route;
use crate::state::{OpenState, use_document};
use crate::ui::components::code_missing::{CodeMissing, CodeNotLoaded};
use crate::ui::components::lock::{LockControls, UnlockPage};
use crate::ui::components::save_status::{
    ConflictBanner, SaveFailedAlert, SaveStatusText, UndoButtons,
};
use crate::ui::components::send::SendButton;
use crate::ui::components::step_frame::StepFrame;
use crate::ui::not_found::NotFound;
use crate::ui::report::ReportPage;
use crate::ui::steps::goals::coach_words;
use crate::ui::steps::registry;

/// What the plan view shows: one step of the journey, or the whole plan as a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanPage {
    Step(Step),
    Report,
}

#[component]
pub fn PlanView(page: PlanPage) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    // Raised by "Try again" when the plan view's code could not be fetched.
    let attempt = RwSignal::new(0u32);
    move || {
        match doc.open.get() {
        // While the plan view's code loads (a moment, and only the first time) the page says
        // the plan is opening.
        OpenState::Open(_) => view! {
            <Suspense fallback=move || view! { <p class="hint">{t_string!(i18n, plan.loading)}</p> }>
                {move || {
                    attempt.track();
                    Suspend::new(async move {
                        let loaded = open_plan(page).await;
                        // The first time, the plan's heading exists only now.
                        crate::page::dom::focus_heading_if_pending();
                        match loaded {
                            Ok(view) => view,
                            Err(CodeNotLoaded) => view! { <CodeMissing attempt=attempt/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        }
        .into_any(),
        OpenState::Missing(_) => view! { <NotFound plan=true/> }.into_any(),
        OpenState::InRecovery(_) => view! {
            <section class="empty-state">
                <h1>{t_string!(i18n, plan.in_recovery_title)}</h1>
                <p class="alert alert--error" role="alert">{t_string!(i18n, plan.in_recovery)}</p>
                <p><a class="button button--primary" href="#/">{t_string!(i18n, not_found.go_home)}</a></p>
            </section>
        }
        .into_any(),
        OpenState::Unreadable(_, e) => {
            view! { <Unopenable reason=messages::import_error(i18n, &e)/> }.into_any()
        }
        OpenState::Failed(_, e) => {
            view! { <Unopenable reason=messages::storage_error(i18n, &e)/> }.into_any()
        }
        OpenState::Locked(id) => view! { <UnlockPage id=id/> }.into_any(),
        OpenState::None => view! { <p class="hint">{t_string!(i18n, plan.loading)}</p> }.into_any(),
    }
    }
}

/// The plan exists but cannot be shown: say why, and offer the way home.
#[component]
fn Unopenable(reason: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="empty-state">
            <h1>{t_string!(i18n, not_found.plan_title)}</h1>
            <p class="alert alert--error" role="alert">{t_string!(i18n, plan.unreadable, reason = reason)}</p>
            <p><a class="button button--primary" href="#/">{t_string!(i18n, not_found.go_home)}</a></p>
        </section>
    }
}

#[component]
fn OpenPlan(page: PlanPage) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let name = move || {
        let n = doc.plan.overview().name().with(|n| n.trim().to_owned());
        if n.is_empty() {
            t_string!(i18n, library.untitled).to_string()
        } else {
            n
        }
    };
    Effect::new(move |_| {
        let page_name = match page {
            PlanPage::Step(step) => registry::title(i18n, step),
            PlanPage::Report => t_string!(i18n, report.title).to_string(),
        };
        crate::page::dom::set_title(&format!(
            "{} · {} · {}",
            name(),
            page_name,
            t_string!(i18n, app.name)
        ));
    });

    view! {
        <div class="plan">
            <p class="breadcrumb"><a href="#/">"← " {t_string!(i18n, plan.back)}</a></p>
            <div class="plan__header">
                <h1 class="plan__title">{name}</h1>
                <div class="plan__actions">
                    <SaveStatusText/>
                    <UndoButtons/>
                    <SendButton id="export-plan".to_string() name=Signal::derive(name)
                        plan=Callback::new(move |()| Ok(doc.plan.get_untracked()))
                        locked=doc.locked plan_id=doc.plan.id().get_untracked()>
                        {t_string!(i18n, plan.export)}
                    </SendButton>
                    <LockControls/>
                </div>
            </div>
            {move || doc.locked.get().then(|| view! { <p class="hint lock-status">{t_string!(i18n, lock.status)}</p> })}
            <ConflictBanner/>
            <SaveFailedAlert/>
            {match page {
                PlanPage::Report => view! { <ReportPage/> }.into_any(),
                PlanPage::Step(step) => {
                    let guidance = (registry::entry(step).guidance)(i18n);
                    view! {
                        <div class="plan__layout">
                            <StepNav current=step/>
                            <div class="plan__step">
                                <StepFrame title=registry::title(i18n, step) guidance_title=guidance.title guidance=guidance.paragraphs>
                                    {(registry::entry(step).view)()}
                                </StepFrame>
                            </div>
                        </div>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// The plan view's code: every step and the report. With the `split` feature it goes into a
/// wasm module of its own, fetched the first time a plan opens, so the library (the first
/// screen) loads without it; without the feature (tests, `trunk serve`) it is an ordinary
/// function. Either way it is called as `async`.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(plan, wasm_split_path = ::leptos::wasm_split, fallible)]
fn open_plan(page: PlanPage) -> Result<AnyView, CodeNotLoaded> {
    Ok(view! { <OpenPlan page=page/> }.into_any())
}

#[cfg(not(feature = "split"))]
async fn open_plan(page: PlanPage) -> Result<AnyView, CodeNotLoaded> {
    Ok(view! { <OpenPlan page=page/> }.into_any())
}

/// The journey's steps, with the current one marked and each one's state in words.
#[component]
fn StepNav(current: Step) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let words = StoredValue::new(coach_words(i18n));
    let items = Step::ALL
        .into_iter()
        .map(|step| {
            let href = move || doc.step_href(step);
            let done = Memo::new(move |_| {
                (registry::entry(step).reads)(doc.plan);
                doc.plan.with_untracked(|p| words.with_value(|w| step.is_complete(p, w)))
            });
            view! {
                <li class="steps__item" class:steps__item--current=step == current>
                    <a href=href aria-current=(step == current).then_some("step")>
                        <span class="steps__name">{registry::title(i18n, step)}</span>
                        <span class="steps__state" class:steps__state--done=move || done.get()>
                            {move || if done.get() { t_string!(i18n, plan.step_done) } else { t_string!(i18n, plan.step_todo) }}
                        </span>
                    </a>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let report = move || doc.href(|id| Route::Report { id });
    view! {
        <nav class="steps" aria-label=move || t_string!(i18n, plan.steps).to_string()>
            <ol class="steps__list">{items}</ol>
            <p class="steps__report"><a href=report>{t_string!(i18n, report.open)}</a></p>
        </nav>
    }
}
