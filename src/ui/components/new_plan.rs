//! "New plan": a name and a starting point, blank or the example coalition.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::domain::Plan;
use crate::domain::example::{ExampleText, example_plan};
use crate::domain::text::MAX_LINE;
use crate::i18n::*;
use crate::page::messages;
use crate::state::{now, today, use_library};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    Blank,
    Example,
}

#[component]
pub fn NewPlan() -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let start = RwSignal::new(Start::Blank);
    let error = RwSignal::new(None::<String>);
    let name_input: NodeRef<html::Input> = NodeRef::new();
    let opener: NodeRef<html::Button> = NodeRef::new();

    Effect::new(move |_| {
        if open.get()
            && let Some(input) = name_input.get()
        {
            let _ = input.focus();
        }
    });

    let close = move || {
        open.set(false);
        error.set(None);
        name.set(String::new());
        start.set(Start::Blank);
        if let Some(button) = opener.get_untracked() {
            let _ = button.focus();
        }
    };

    let create = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let plan_name = name.get_untracked();
        if plan_name.trim().is_empty() {
            error.set(Some(t_string!(i18n, library.name_required).to_string()));
            if let Some(input) = name_input.get_untracked() {
                let _ = input.focus();
            }
            return;
        }
        let plan = match start.get_untracked() {
            Start::Blank => Plan::new(&plan_name, now()),
            Start::Example => {
                let text = ExampleText {
                    coalition: t_string!(i18n, example.coalition),
                    purpose: t_string!(i18n, example.purpose),
                    notes: t_string!(i18n, example.notes),
                    partners: [
                        [
                            t_string!(i18n, example.partner1_name),
                            t_string!(i18n, example.partner1_skills),
                            t_string!(i18n, example.partner1_resources),
                            t_string!(i18n, example.partner1_ownership),
                        ],
                        [
                            t_string!(i18n, example.partner2_name),
                            t_string!(i18n, example.partner2_skills),
                            t_string!(i18n, example.partner2_resources),
                            t_string!(i18n, example.partner2_ownership),
                        ],
                        [
                            t_string!(i18n, example.partner3_name),
                            t_string!(i18n, example.partner3_skills),
                            t_string!(i18n, example.partner3_resources),
                            t_string!(i18n, example.partner3_ownership),
                        ],
                        [
                            t_string!(i18n, example.partner4_name),
                            t_string!(i18n, example.partner4_skills),
                            t_string!(i18n, example.partner4_resources),
                            t_string!(i18n, example.partner4_ownership),
                        ],
                    ],
                    evidence: [
                        t_string!(i18n, example.evidence_values),
                        t_string!(i18n, example.evidence_skills),
                        t_string!(i18n, example.evidence_purpose),
                        t_string!(i18n, example.evidence_growth),
                        t_string!(i18n, example.evidence_commitment),
                    ],
                    blocks: [
                        [
                            t_string!(i18n, example.block_people_notes),
                            t_string!(i18n, example.block_people_next),
                        ],
                        [
                            t_string!(i18n, example.block_purpose_notes),
                            t_string!(i18n, example.block_purpose_next),
                        ],
                        [
                            t_string!(i18n, example.block_boundaries_notes),
                            t_string!(i18n, example.block_boundaries_next),
                        ],
                        [
                            t_string!(i18n, example.block_roles_notes),
                            t_string!(i18n, example.block_roles_next),
                        ],
                        [
                            t_string!(i18n, example.block_norms_notes),
                            t_string!(i18n, example.block_norms_next),
                        ],
                    ],
                    charter: [
                        t_string!(i18n, example.charter_values),
                        t_string!(i18n, example.charter_purpose),
                        t_string!(i18n, example.charter_will_do),
                        t_string!(i18n, example.charter_will_not_do),
                        t_string!(i18n, example.charter_decisions),
                        t_string!(i18n, example.charter_conflict),
                        t_string!(i18n, example.charter_communication),
                        t_string!(i18n, example.charter_roles),
                    ],
                    strategy: [
                        t_string!(i18n, example.other_resources),
                        t_string!(i18n, example.who_decides),
                        t_string!(i18n, example.leverage),
                        t_string!(i18n, example.change),
                    ],
                    statement: [
                        t_string!(i18n, strategy.statement_template),
                        t_string!(i18n, strategy.and),
                    ],
                    log: [
                        [
                            t_string!(i18n, example.talk_notes),
                            t_string!(i18n, example.talk_outcome),
                        ],
                        [
                            t_string!(i18n, example.house_notes),
                            t_string!(i18n, example.house_outcome),
                        ],
                    ],
                    change: [
                        [
                            t_string!(i18n, example.toc1_action),
                            t_string!(i18n, example.toc1_condition),
                            t_string!(i18n, example.toc1_outcome),
                            t_string!(i18n, example.toc1_indicators),
                        ],
                        [
                            t_string!(i18n, example.toc2_action),
                            t_string!(i18n, example.toc2_condition),
                            t_string!(i18n, example.toc2_outcome),
                            t_string!(i18n, example.toc2_indicators),
                        ],
                        [
                            t_string!(i18n, example.toc3_action),
                            t_string!(i18n, example.toc3_condition),
                            t_string!(i18n, example.toc3_outcome),
                            t_string!(i18n, example.toc3_indicators),
                        ],
                    ],
                    map: [
                        [
                            "",
                            t_string!(i18n, example.map_p1_evidence),
                            t_string!(i18n, example.map_p1_interests),
                            t_string!(i18n, example.map_p1_want),
                            t_string!(i18n, example.map_p1_approach),
                        ],
                        [
                            "",
                            t_string!(i18n, example.map_p2_evidence),
                            t_string!(i18n, example.map_p2_interests),
                            t_string!(i18n, example.map_p2_want),
                            t_string!(i18n, example.map_p2_approach),
                        ],
                        [
                            "",
                            t_string!(i18n, example.map_p3_evidence),
                            t_string!(i18n, example.map_p3_interests),
                            t_string!(i18n, example.map_p3_want),
                            t_string!(i18n, example.map_p3_approach),
                        ],
                        [
                            "",
                            t_string!(i18n, example.map_p4_evidence),
                            t_string!(i18n, example.map_p4_interests),
                            t_string!(i18n, example.map_p4_want),
                            t_string!(i18n, example.map_p4_approach),
                        ],
                        [
                            t_string!(i18n, example.map_s1_name),
                            t_string!(i18n, example.map_s1_evidence),
                            t_string!(i18n, example.map_s1_interests),
                            t_string!(i18n, example.map_s1_want),
                            t_string!(i18n, example.map_s1_approach),
                        ],
                        [
                            t_string!(i18n, example.map_s2_name),
                            t_string!(i18n, example.map_s2_evidence),
                            t_string!(i18n, example.map_s2_interests),
                            t_string!(i18n, example.map_s2_want),
                            t_string!(i18n, example.map_s2_approach),
                        ],
                        [
                            t_string!(i18n, example.map_s3_name),
                            t_string!(i18n, example.map_s3_evidence),
                            t_string!(i18n, example.map_s3_interests),
                            t_string!(i18n, example.map_s3_want),
                            t_string!(i18n, example.map_s3_approach),
                        ],
                    ],
                    map_link: t_string!(i18n, example.map_link_note),
                    swot: [
                        t_string!(i18n, example.swot_strength),
                        t_string!(i18n, example.swot_weakness),
                        t_string!(i18n, example.swot_opportunity),
                        t_string!(i18n, example.swot_threat),
                    ],
                    tactics: [
                        t_string!(i18n, example.tactic1_rationale),
                        t_string!(i18n, example.tactic2_rationale),
                    ],
                    tasks: [
                        [
                            t_string!(i18n, example.task1_what),
                            t_string!(i18n, example.task1_resources),
                            t_string!(i18n, example.task1_communication),
                        ],
                        [
                            t_string!(i18n, example.task2_what),
                            t_string!(i18n, example.task2_resources),
                            t_string!(i18n, example.task2_communication),
                        ],
                        [
                            t_string!(i18n, example.task3_what),
                            t_string!(i18n, example.task3_resources),
                            t_string!(i18n, example.task3_communication),
                        ],
                        [
                            t_string!(i18n, example.task4_what),
                            t_string!(i18n, example.task4_resources),
                            t_string!(i18n, example.task4_communication),
                        ],
                    ],
                    goals: [
                        [
                            t_string!(i18n, example.goal1_statement),
                            t_string!(i18n, example.goal1_priority),
                            t_string!(i18n, example.goal1_unit),
                            t_string!(i18n, example.goal1_quality),
                            t_string!(i18n, example.goal1_s),
                            t_string!(i18n, example.goal1_m),
                            t_string!(i18n, example.goal1_a),
                            t_string!(i18n, example.goal1_r),
                            t_string!(i18n, example.goal1_who),
                            t_string!(i18n, example.goal1_power),
                            t_string!(i18n, example.goal1_e),
                            t_string!(i18n, example.goal1_note),
                            t_string!(i18n, example.goal1_mitigation),
                            t_string!(i18n, example.goal1_check),
                        ],
                        [
                            t_string!(i18n, example.goal2_statement),
                            t_string!(i18n, example.goal2_priority),
                            "",
                            t_string!(i18n, example.goal2_quality),
                            t_string!(i18n, example.goal2_s),
                            t_string!(i18n, example.goal2_m),
                            t_string!(i18n, example.goal2_a),
                            t_string!(i18n, example.goal2_r),
                            t_string!(i18n, example.goal2_who),
                            t_string!(i18n, example.goal2_power),
                            t_string!(i18n, example.goal2_e),
                            t_string!(i18n, example.goal2_note),
                            t_string!(i18n, example.goal2_mitigation),
                            t_string!(i18n, example.goal2_check),
                        ],
                    ],
                    sheet: [
                        t_string!(i18n, example.sheet_line),
                        t_string!(i18n, example.sheet_agreed_with),
                    ],
                    check_ins: [
                        t_string!(i18n, example.check_in1),
                        t_string!(i18n, example.check_in2),
                    ],
                    reflection: [
                        t_string!(i18n, example.reflection_worked),
                        t_string!(i18n, example.reflection_did_not_work),
                        t_string!(i18n, example.reflection_change),
                        t_string!(i18n, example.reflection_others),
                    ],
                };
                example_plan(&plan_name, &text, today(), now())
            }
        };
        match library.create(plan) {
            Ok(()) => {
                open.set(false);
                name.set(String::new());
                error.set(None);
            }
            Err(f) => error.set(Some(
                t_string!(
                    i18n,
                    library.action_failed,
                    reason = messages::save_failure(i18n, &f)
                )
                .to_string(),
            )),
        }
    };

    view! {
        <div class="new-plan">
            <button
                type="button"
                class="button button--primary"
                node_ref=opener
                aria-expanded=move || open.get().to_string()
                aria-controls="new-plan-form"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {t_string!(i18n, new_plan.button)}
            </button>
            <Show when=move || open.get()>
                <form id="new-plan-form" class="panel new-plan__form" on:submit=create novalidate>
                    <h2>{t_string!(i18n, new_plan.title)}</h2>
                    <div class="field">
                        <label for="new-plan-name">{t_string!(i18n, new_plan.name_label)}</label>
                        <p class="field__hint" id="new-plan-name-hint">{t_string!(i18n, new_plan.name_hint)}</p>
                        <input
                            id="new-plan-name"
                            type="text"
                            maxlength=MAX_LINE
                            required
                            aria-describedby="new-plan-name-hint new-plan-error"
                            aria-invalid=move || error.with(|e| e.is_some()).to_string()
                            node_ref=name_input
                            prop:value=move || name.get()
                            on:input=move |e| name.set(event_target_value(&e))
                        />
                    </div>
                    <fieldset class="choices">
                        <legend>{t_string!(i18n, new_plan.start_label)}</legend>
                        <StartChoice id="start-blank" value=Start::Blank selected=start
                            label=t_string!(i18n, new_plan.blank).to_string() hint=t_string!(i18n, new_plan.blank_hint).to_string()/>
                        <StartChoice id="start-example" value=Start::Example selected=start
                            label=t_string!(i18n, new_plan.example).to_string() hint=t_string!(i18n, new_plan.example_hint).to_string()/>
                    </fieldset>
                    <p id="new-plan-error" class="field__error" role="alert">{move || error.get()}</p>
                    <div class="button-row">
                        <button type="submit" class="button button--primary">{t_string!(i18n, new_plan.create)}</button>
                        <button type="button" class="button" on:click=move |_| close()>{t_string!(i18n, new_plan.cancel)}</button>
                    </div>
                </form>
            </Show>
        </div>
    }
}

/// One starting point: a radio button with its label and hint.
#[component]
fn StartChoice(
    id: &'static str,
    value: Start,
    selected: RwSignal<Start>,
    label: String,
    hint: String,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="choice">
            <input
                type="radio"
                id=id
                name="start"
                aria-describedby=hint_id.clone()
                prop:checked=move || selected.get() == value
                on:change=move |_| selected.set(value)
            />
            <label for=id>{label}</label>
            <p class="field__hint" id=hint_id>{hint}</p>
        </div>
    }
}
