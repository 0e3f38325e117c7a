//! One table of the journey's steps: for each, its name, the parts of the plan its
//! completion reads, and its view. The plan view draws the step list and the current step
//! from it, and the report names steps through it; a new step is one row here.
//!
//! The step's address (`Step::slug`) and its completion rule (`Step::is_complete`) stay in
//! `domain/steps.rs`: they are rules about the plan, tested on the host, and the router and
//! the report use them without any view.

use leptos::prelude::*;
use reactive_stores::Store;

use crate::domain::steps::Step;
use crate::domain::{Plan, PlanStoreFields};
use crate::i18n::*;
use crate::page::labels::Words;

use super::action_plan::ActionPlanStep;
use super::activities::ActivitiesStep;
use super::change::ChangeStep;
use super::evaluation::EvaluationStep;
use super::foundations::FoundationsStep;
use super::goals::GoalsStep;
use super::overview::OverviewStep;
use super::partners::PartnersStep;
use super::power::PowerStep;
use super::stakeholders::StakeholdersStep;
use super::strategy::StrategyStep;
use super::success::SuccessStep;
use super::swot::SwotStep;

type Ctx = leptos_i18n::I18nContext<Locale>;

/// One step of the journey.
pub struct StepEntry {
    pub step: Step,
    /// The guidance panel beside the step's content.
    pub guidance: fn(Ctx) -> Guidance,
    /// Subscribes to the parts of the plan that the step's completion reads, so that typing
    /// in one step does not check every other step again (a plan can hold a thousand
    /// activities). A write of the whole plan (opening, syncing, undo) reaches every part.
    pub reads: fn(Store<Plan>),
    /// The step's page.
    pub view: fn() -> AnyView,
}

/// A step's guidance: a short heading and one or more paragraphs, from the locale file.
pub struct Guidance {
    pub title: &'static str,
    pub paragraphs: Vec<&'static str>,
}

/// The steps, in the journey's order (the order of `Step::ALL`).
pub const STEPS: [StepEntry; 13] = [
    StepEntry {
        step: Step::Overview,
        guidance: |i| Guidance {
            title: t_string!(i, overview.guidance_title),
            paragraphs: vec![t_string!(i, overview.guidance)],
        },
        reads: |p| p.overview().track(),
        view: || view! { <OverviewStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Foundations,
        guidance: |i| Guidance {
            title: t_string!(i, foundations.guidance_title),
            paragraphs: vec![
                t_string!(i, foundations.guidance),
                t_string!(i, foundations.blocks_guidance),
            ],
        },
        reads: |p| p.foundations().track(),
        view: || view! { <FoundationsStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Partners,
        guidance: |i| Guidance {
            title: t_string!(i, partners.guidance_title),
            paragraphs: vec![
                t_string!(i, partners.guidance),
                t_string!(i, partners.roles_guidance),
            ],
        },
        reads: |p| p.partners().track(),
        view: || view! { <PartnersStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Strategy,
        guidance: |i| Guidance {
            title: t_string!(i, strategy.guidance_title),
            paragraphs: vec![
                t_string!(i, strategy.guidance),
                t_string!(i, strategy.guidance_power),
            ],
        },
        reads: |p| p.strategy().track(),
        view: || view! { <StrategyStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Activities,
        guidance: |i| Guidance {
            title: t_string!(i, activities.guidance_title),
            paragraphs: vec![
                t_string!(i, activities.guidance),
                t_string!(i, activities.guidance_log),
            ],
        },
        reads: |p| p.activities().track(),
        view: || view! { <ActivitiesStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Change,
        guidance: |i| Guidance {
            title: t_string!(i, change.guidance_title),
            paragraphs: vec![
                t_string!(i, change.guidance),
                t_string!(i, change.guidance_check),
            ],
        },
        reads: |p| p.theory_of_change().track(),
        view: || view! { <ChangeStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Power,
        guidance: |i| Guidance {
            title: t_string!(i, power.guidance_title),
            paragraphs: vec![
                t_string!(i, power.guidance),
                t_string!(i, power.guidance_power),
                t_string!(i, power.guidance_evidence),
            ],
        },
        reads: |p| p.power().track(),
        view: || view! { <PowerStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Stakeholders,
        guidance: |i| Guidance {
            title: t_string!(i, stakeholders.guidance_title),
            paragraphs: vec![
                t_string!(i, stakeholders.guidance),
                t_string!(i, stakeholders.guidance_messenger),
            ],
        },
        reads: |p| p.power().track(),
        view: || view! { <StakeholdersStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Goals,
        guidance: |i| Guidance {
            title: t_string!(i, goals.guidance_title),
            paragraphs: vec![
                t_string!(i, goals.guidance),
                t_string!(i, goals.guidance_power),
                t_string!(i, goals.guidance_coach),
                t_string!(i, goals.credit),
            ],
        },
        reads: |p| {
            p.goals().track();
            p.overview().track();
        },
        view: || view! { <GoalsStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Swot,
        guidance: |i| Guidance {
            title: t_string!(i, swot.guidance_title),
            paragraphs: vec![t_string!(i, swot.guidance), t_string!(i, swot.guidance_use)],
        },
        reads: |p| p.swot().track(),
        view: || view! { <SwotStep/> }.into_any(),
    },
    StepEntry {
        step: Step::ActionPlan,
        guidance: |i| Guidance {
            title: t_string!(i, action.guidance_title),
            paragraphs: vec![
                t_string!(i, action.guidance),
                t_string!(i, action.guidance_activities),
            ],
        },
        reads: |p| p.action_plan().track(),
        view: || view! { <ActionPlanStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Success,
        guidance: |i| Guidance {
            title: t_string!(i, success.guidance_title),
            paragraphs: vec![
                t_string!(i, success.guidance),
                t_string!(i, success.guidance_print),
            ],
        },
        reads: |p| {
            p.success_sheet().track();
            p.goals().track();
        },
        view: || view! { <SuccessStep/> }.into_any(),
    },
    StepEntry {
        step: Step::Evaluation,
        guidance: |i| Guidance {
            title: t_string!(i, evaluation.guidance_title),
            paragraphs: vec![
                t_string!(i, evaluation.guidance),
                t_string!(i, evaluation.guidance_compare),
            ],
        },
        reads: |p| {
            p.evaluation().track();
            p.goals().track();
        },
        view: || view! { <EvaluationStep/> }.into_any(),
    },
];

/// The row of `step`. Every step has one (a browser test holds the table to `Step::ALL`).
pub fn entry(step: Step) -> &'static StepEntry {
    STEPS.iter().find(|e| e.step == step).unwrap_or(&STEPS[0])
}

/// A step's name, from the locale file.
pub fn title(i18n: Ctx, step: Step) -> String {
    step.words(i18n)
}
