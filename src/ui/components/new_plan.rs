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

type Ctx = leptos_i18n::I18nContext<Locale>;

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
                let text = example_text(i18n);
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

/// The example plan's words, from the locale file.
fn example_text(i18n: Ctx) -> ExampleText<'static> {
    // An array of the `example` texts named, in order; `_` for none.
    macro_rules! ex {
        (@one _) => { "" };
        (@one $k:ident) => { t_string!(i18n, example.$k) };
        ($($k:tt),+ $(,)?) => { [$(ex! { @one $k }),+] };
    }
    ExampleText {
        coalition: t_string!(i18n, example.coalition),
        purpose: t_string!(i18n, example.purpose),
        notes: t_string!(i18n, example.notes),
        partners: [
            ex! { partner1_name, partner1_skills, partner1_resources, partner1_ownership },
            ex! { partner2_name, partner2_skills, partner2_resources, partner2_ownership },
            ex! { partner3_name, partner3_skills, partner3_resources, partner3_ownership },
            ex! { partner4_name, partner4_skills, partner4_resources, partner4_ownership },
        ],
        evidence: ex! {
            evidence_values, evidence_skills, evidence_purpose, evidence_growth,
            evidence_commitment
        },
        blocks: [
            ex! { block_people_notes, block_people_next },
            ex! { block_purpose_notes, block_purpose_next },
            ex! { block_boundaries_notes, block_boundaries_next },
            ex! { block_roles_notes, block_roles_next },
            ex! { block_norms_notes, block_norms_next },
        ],
        charter: ex! {
            charter_values, charter_purpose, charter_will_do, charter_will_not_do,
            charter_decisions, charter_conflict, charter_communication, charter_roles
        },
        strategy: ex! { other_resources, who_decides, leverage, change },
        statement: [
            t_string!(i18n, strategy.statement_template),
            t_string!(i18n, strategy.and),
        ],
        log: [
            ex! { talk_notes, talk_outcome },
            ex! { house_notes, house_outcome },
        ],
        change: [
            ex! { toc1_action, toc1_condition, toc1_outcome, toc1_indicators },
            ex! { toc2_action, toc2_condition, toc2_outcome, toc2_indicators },
            ex! { toc3_action, toc3_condition, toc3_outcome, toc3_indicators },
        ],
        map: [
            ex! { _, map_p1_evidence, map_p1_interests, map_p1_want, map_p1_approach },
            ex! { _, map_p2_evidence, map_p2_interests, map_p2_want, map_p2_approach },
            ex! { _, map_p3_evidence, map_p3_interests, map_p3_want, map_p3_approach },
            ex! { _, map_p4_evidence, map_p4_interests, map_p4_want, map_p4_approach },
            ex! { map_s1_name, map_s1_evidence, map_s1_interests, map_s1_want, map_s1_approach },
            ex! { map_s2_name, map_s2_evidence, map_s2_interests, map_s2_want, map_s2_approach },
            ex! { map_s3_name, map_s3_evidence, map_s3_interests, map_s3_want, map_s3_approach },
        ],
        map_link: t_string!(i18n, example.map_link_note),
        swot: ex! { swot_strength, swot_weakness, swot_opportunity, swot_threat },
        tactics: ex! { tactic1_rationale, tactic2_rationale },
        tasks: [
            ex! { task1_what, task1_resources, task1_communication },
            ex! { task2_what, task2_resources, task2_communication },
            ex! { task3_what, task3_resources, task3_communication },
            ex! { task4_what, task4_resources, task4_communication },
        ],
        goals: [
            ex! {
                goal1_statement, goal1_priority, goal1_unit, goal1_quality, goal1_s, goal1_m,
                goal1_a, goal1_r, goal1_who, goal1_power, goal1_e, goal1_note,
                goal1_mitigation, goal1_check
            },
            ex! {
                goal2_statement, goal2_priority, _, goal2_quality, goal2_s, goal2_m, goal2_a,
                goal2_r, goal2_who, goal2_power, goal2_e, goal2_note, goal2_mitigation,
                goal2_check
            },
        ],
        sheet: ex! { sheet_line, sheet_agreed_with },
        check_ins: ex! { check_in1, check_in2 },
        reflection: ex! {
            reflection_worked, reflection_did_not_work, reflection_change, reflection_others
        },
    }
}
