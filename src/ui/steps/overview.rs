//! Step "Overview": name, coalition, purpose, dates and notes.

use leptos::prelude::*;
use reactive_stores::Field;

use crate::domain::PlanStoreFields;
use crate::domain::overview::{OverviewStoreFields, format_date_input, parse_date_input};
use crate::domain::steps::Step;
use crate::domain::text::MAX_NOTES;
use crate::i18n::*;
use crate::page::format;
use crate::page::labels::goal_name;
use crate::state::{today, use_document};
use crate::ui::components::form::{Line, Text};

/// Equity re-checks whose date has come, each with a way to the goal.
#[component]
fn DueNow() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let lang = i18n.get_locale_untracked().as_str();
    let due = Memo::new(move |_| {
        let today = today();
        doc.plan.goals().with(|goals| {
            goals
                .iter()
                .filter(|g| g.equity.recheck_due(today))
                .map(|g| (goal_name(i18n, g), g.equity.recheck_on))
                .collect::<Vec<_>>()
        })
    });
    let goals_link = move || doc.step_href(Step::Goals);
    view! {
        <Show when=move || due.with(|d| !d.is_empty())>
            <section class="alert alert--warning due-now" aria-labelledby="due-title">
                <h3 id="due-title">"⚠ " {t_string!(i18n, overview.due_title)}</h3>
                <ul>
                    {move || due.get().into_iter().map(|(goal, date)| {
                        let date = date.map(|d| format::date(d, lang)).unwrap_or_default();
                        view! { <li>{t_string!(i18n, overview.recheck_due, goal = goal, date = date).to_string()}</li> }
                    }).collect::<Vec<_>>()}
                </ul>
                <p><a href=goals_link>{t_string!(i18n, overview.go_goals)}</a></p>
            </section>
        </Show>
    }
}

#[component]
pub fn OverviewStep() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let overview = doc.plan.overview();
    let start = overview.start();
    let end = overview.end();
    let bad_start = RwSignal::new(false);
    let bad_end = RwSignal::new(false);
    let out_of_order = move || overview.with(|o| o.dates_out_of_order());

    let date_input = move |id: &'static str,
                           label: String,
                           field: Field<Option<chrono::NaiveDate>>,
                           bad: RwSignal<bool>| {
        view! {
            <div class="field field--date">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="date"
                    aria-describedby="dates-error"
                    aria-invalid=move || (bad.get() || out_of_order()).to_string()
                    prop:value=move || format_date_input(field.get())
                    on:change=move |e| match parse_date_input(&event_target_value(&e)) {
                        Ok(date) => {
                            bad.set(false);
                            field.set(date);
                        }
                        Err(_) => bad.set(true),
                    }
                />
            </div>
        }
    };

    view! {
        <DueNow/>
        <form class="form" on:submit=|e| e.prevent_default()>
            <Line id="ov-name".to_string() label=t_string!(i18n, overview.name_label).to_string() hint=t_string!(i18n, overview.name_hint).to_string() field=overview.name()/>
            <Line id="ov-coalition".to_string() label=t_string!(i18n, overview.coalition_label).to_string() hint=t_string!(i18n, overview.coalition_hint).to_string() field=overview.coalition()/>
            <Text id="ov-purpose".to_string() label=t_string!(i18n, overview.purpose_label).to_string() hint=t_string!(i18n, overview.purpose_hint).to_string() rows=5 field=overview.purpose()/>
            <fieldset class="dates">
                <legend>{t_string!(i18n, overview.dates_legend)}</legend>
                <div class="dates__row">
                    {date_input("ov-start", t_string!(i18n, overview.start_label).to_string(), start.into(), bad_start)}
                    {date_input("ov-end", t_string!(i18n, overview.end_label).to_string(), end.into(), bad_end)}
                </div>
                <p class="field__error" id="dates-error" role="alert">
                    {move || if out_of_order() {
                        t_string!(i18n, overview.dates_error).to_string()
                    } else if bad_start.get() || bad_end.get() {
                        t_string!(i18n, overview.date_invalid).to_string()
                    } else {
                        String::new()
                    }}
                </p>
            </fieldset>
            <Text id="ov-notes".to_string() label=t_string!(i18n, overview.notes_label).to_string() hint=t_string!(i18n, overview.notes_hint).to_string() rows=8 max=MAX_NOTES field=overview.notes()/>
        </form>
    }
}
