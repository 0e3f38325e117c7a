//! Step "Success sheet": the window, each goal's outcome, measure and main activities (picked
//! from the action plan or written here), who agreed to it, and a print view that fits up to
//! three goals on one page.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::report::measure_words;
use crate::domain::success::{SHEET_PAGE_GOALS, SheetLine, activities_of, suggested_tasks};
use crate::domain::success::{
    SheetEntryStoreFields, SheetLineStoreFields, SuccessSheetStoreFields,
};
use crate::i18n::*;
use crate::page::dom::{focus_later, print_only};
use crate::page::format;
use crate::page::labels::{goal_name, goal_names, goal_words};
use crate::state::use_document;
use crate::ui::components::fields::PartnerPicker;
use crate::ui::components::form::{Date, Line, Partners};
use crate::ui::components::keyed::{at, list_order};

/// The class `<html>` carries while only the sheet prints.
const PRINT_CLASS: &str = "print-sheet";

#[component]
pub fn SuccessStep() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let sheet = doc.plan.success_sheet();
    let goals = goal_names(i18n);
    let window = Memo::new(move |_| (sheet.start().get(), sheet.end().get()));
    let entries = list_order(sheet.entries());
    let count = move || entries.with(|e| e.len());
    // Taking a goal off the sheet asks first when the sheet holds activities for it.
    let asking = RwSignal::new(None::<Uuid>);
    let toggle_goal = move |(g, on): (Uuid, bool)| {
        let has_content = sheet.with_untracked(|s| {
            s.entries
                .iter()
                .any(|e| e.goal == g && (!e.tasks.is_empty() || !e.lines.is_empty()))
        });
        if !on && has_content {
            asking.set(Some(g));
            crate::page::dom::focus_later("#sheet-untick-yes");
            // The box stays ticked until the answer.
            if let Some(el) = document().get_element_by_id(&format!("sheet-goals-{g}")) {
                let _ = js_sys::Reflect::set(&el, &"checked".into(), &true.into());
            }
        } else {
            asking.set(None);
            sheet.update(|s| s.set_goal(g, on));
        }
    };
    let asked_name = move || {
        asking
            .get()
            .and_then(|g| goals.with(|v| v.iter().find(|x| x.0 == g).map(|x| x.1.clone())))
            .unwrap_or_default()
    };
    view! {
        <fieldset class="group dates">
            <legend>{t_string!(i18n, success.window)}</legend>
            <Date id="sheet-start".to_string() label=t_string!(i18n, success.start).to_string() field=sheet.start()/>
            <Date id="sheet-end".to_string() label=t_string!(i18n, success.end).to_string() field=sheet.end()/>
            <p class="field__error" id="sheet-window-error" role="alert">
                {move || matches!(window.get(), (Some(s), Some(e)) if e < s).then(|| t_string!(i18n, success.window_error))}
            </p>
        </fieldset>
        <section aria-labelledby="sheet-goals-title">
            <h3 id="sheet-goals-title" tabindex="-1">{t_string!(i18n, success.goals_title)}</h3>
            <PartnerPicker id="sheet-goals".to_string() legend=t_string!(i18n, success.pick_goals).to_string()
                empty=t_string!(i18n, success.no_goals).to_string() partners=goals.into() selected=entries.into()
                on_toggle=Callback::new(toggle_goal)/>
            <Show when=move || asking.with(|a| a.is_some())>
                <div class="confirm" role="group" aria-labelledby="sheet-untick-question">
                    <p id="sheet-untick-question"><strong>{move || t_string!(i18n, success.untick_confirm, goal = asked_name()).to_string()}</strong></p>
                    <div class="button-row">
                        <button type="button" class="button button--danger" id="sheet-untick-yes" on:click=move |_| {
                            if let Some(g) = asking.get_untracked() {
                                sheet.update(|s| s.set_goal(g, false));
                            }
                            asking.set(None);
                            crate::page::dom::focus_later("#sheet-goals-title");
                        }>{t_string!(i18n, success.untick_yes)}</button>
                        <button type="button" class="button" on:click=move |_| {
                            let g = asking.get_untracked();
                            asking.set(None);
                            if let Some(g) = g {
                                crate::page::dom::focus_later(format!("#sheet-goals-{g}"));
                            }
                        }>{t_string!(i18n, success.cancel)}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || { count() > SHEET_PAGE_GOALS }>
                <p class="flag">{move || t_string!(i18n, success.too_many, count = count()).to_string()}</p>
            </Show>
            <ol class="card-list">
                <For each=move || entries.get() key=|g| *g let(goal)>
                    <EntryCard goal=goal number=Signal::derive(move || entries.with(|e| e.iter().position(|x| *x == goal).map_or(0, |i| i + 1)))/>
                </For>
            </ol>
        </section>
        <fieldset class="group">
            <legend>{t_string!(i18n, success.agreed_title)}</legend>
            <Line id="sheet-agreed-with".to_string() label=t_string!(i18n, success.agreed_with).to_string()
                field=sheet.agreed_with()/>
            <Date id="sheet-agreed-on".to_string() label=t_string!(i18n, success.agreed_on).to_string()
                field=sheet.agreed_on()/>
        </fieldset>
        <p>
            <button type="button" class="button button--primary" id="sheet-print" on:click=move |_| print_only(PRINT_CLASS)>
                {t_string!(i18n, success.print)}
            </button>
        </p>
        <SheetDocument/>
    }
}

/// One goal on the sheet: its outcome and measure (from the goal), the activities picked from
/// the action plan and the ones written here.
#[component]
fn EntryCard(goal: Uuid, number: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let sheet = doc.plan.success_sheet();
    let lang = i18n.get_locale_untracked().as_str();
    let entry = at(sheet.entries(), goal);
    let facts = Memo::new(move |_| {
        doc.plan.goals().with(|goals| {
            goals.iter().find(|g| g.id == goal).map(|g| {
                let measure = measure_words(g);
                (goal_words(i18n, g), measure)
            })
        })
    });
    // The action plan's activities linked to this goal, and any picked that are not.
    let tasks = Memo::new(move |_| {
        // Follows the goals, the action plan and this goal's picks, not what is typed elsewhere.
        doc.plan.goals().track();
        doc.plan.action_plan().track();
        entry.tasks().track();
        doc.plan.with_untracked(|p| {
            let Some(g) = p.goal(goal) else {
                return Vec::new();
            };
            let mut ids = suggested_tasks(p, g);
            if let Some(e) = p.success_sheet.entries.iter().find(|e| e.goal == goal) {
                for t in &e.tasks {
                    if !ids.contains(t) {
                        ids.push(*t);
                    }
                }
            }
            ids.iter()
                .filter_map(|id| p.action_plan.activities.iter().find(|t| t.id == *id))
                .map(|t| {
                    let what = t.what.trim();
                    let what = if what.is_empty() {
                        t_string!(i18n, action.untitled_activity)
                    } else {
                        what
                    };
                    let label = match t.due {
                        Some(d) => format!(
                            "{} {what}",
                            t_string!(i18n, success.by_date, date = format::date(d, lang))
                        ),
                        None => format!("{} {what}", t_string!(i18n, success.undated)),
                    };
                    (t.id, label)
                })
                .collect::<Vec<_>>()
        })
    });
    let lines = list_order(entry.lines());
    let fid = move |field: &str| format!("sheet-{goal}-{field}");
    let numbered = move || {
        lines
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, l)| (l, i + 1))
            .collect::<Vec<_>>()
    };
    // Keyed by id and number, so a line is drawn again with its new number when one above it
    // is removed.
    let line = move |lid: Uuid, n: usize| {
        let me = at(entry.lines(), lid);
        view! {
            <li class="sheet-line">
                <Date id=format!("sheet-line-{lid}-by") label=t_string!(i18n, success.line_by).to_string()
                    field=me.by()/>
                <Line id=format!("sheet-line-{lid}-what") label=t_string!(i18n, success.line_what, number = n).to_string()
                    field=me.what()/>
                <button type="button" class="button button--small" on:click=move |_| {
                    entry.lines().update(|l| l.retain(|l| l.id != lid));
                    focus_later(format!("#sheet-{goal}-add-line"));
                }>{t_string!(i18n, success.remove_line, number = n).to_string()}</button>
            </li>
        }
    };
    view! {
        <li class="card sheet-entry" aria-labelledby=fid("heading")>
            <h4 id=fid("heading")>{move || t_string!(i18n, success.entry_heading, number = number.get()).to_string()}</h4>
            <p class="sheet-entry__outcome prewrap">{move || facts.get().map(|f| f.0).unwrap_or_default()}</p>
            <h5>{t_string!(i18n, success.measure)}</h5>
            <p class="prewrap">{move || {
                let m = facts.get().map(|f| f.1).unwrap_or_default();
                if m.is_empty() { t_string!(i18n, success.no_measure).to_string() } else { m }
            }}</p>
            <h5>{t_string!(i18n, success.activities)}</h5>
            <Partners id=fid("tasks") legend=t_string!(i18n, success.pick_tasks).to_string()
                hint=t_string!(i18n, success.suggested).to_string()
                empty=t_string!(i18n, success.no_tasks).to_string() partners=tasks.into() field=entry.tasks()/>
            <fieldset class="choices">
                <legend>{t_string!(i18n, success.lines)}</legend>
                <ol class="plain-list">
                    <For each=numbered key=|l| *l let((lid, n))>{line(lid, n)}</For>
                </ol>
                <button type="button" class="button" id=fid("add-line") on:click=move |_| {
                    let l = SheetLine::new();
                    let lid = l.id;
                    entry.lines().update(|lines| lines.push(l.clone()));
                    focus_later(format!("#sheet-line-{lid}-by"));
                }>{t_string!(i18n, success.add_line)}</button>
            </fieldset>
        </li>
    }
}

/// The sheet as it prints: the window, each goal with its measure and dated activities, the
/// equity questions with each goal's answer, and who agreed.
#[component]
fn SheetDocument() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let lang = i18n.get_locale_untracked().as_str();
    let blank = t_string!(i18n, success.date_blank);
    let d = move |x: Option<chrono::NaiveDate>| {
        x.map_or_else(|| blank.to_string(), |d| format::date(d, lang))
    };
    let body = move || {
        // Follows what the sheet shows, not every keystroke in the plan.
        doc.plan.overview().track();
        doc.plan.goals().track();
        doc.plan.action_plan().track();
        doc.plan.success_sheet().track();
        doc.plan.with_untracked(|p| {
            let s = &p.success_sheet;
            let title = {
                let c = p.overview.coalition.trim();
                if c.is_empty() { p.name().to_owned() } else { c.to_owned() }
            };
            let goals = s
                .entries
                .iter()
                .filter_map(|e| p.goal(e.goal).map(|g| (e, g)))
                .enumerate()
                .map(|(i, (e, g))| {
                    let activities = activities_of(e, &p.action_plan.activities)
                        .into_iter()
                        .map(|a| {
                            let by = match a.by {
                                Some(date) => t_string!(i18n, success.by_date, date = format::date(date, lang)).to_string(),
                                None => t_string!(i18n, success.undated).to_string(),
                            };
                            view! { <li><strong>{by}</strong> " " {a.what}</li> }
                        })
                        .collect::<Vec<_>>();
                    let none = activities.is_empty().then(|| view! { <p>{t_string!(i18n, success.no_activities)}</p> });
                    view! {
                        <section class="sheet-doc__goal">
                            <h4>{t_string!(i18n, success.entry_heading, number = i + 1).to_string()}</h4>
                            <p class="prewrap">{goal_words(i18n, g)}</p>
                            <p><strong>{t_string!(i18n, report.label, label = t_string!(i18n, success.measure)).to_string()}</strong> " " {measure_words(g)}</p>
                            <p><strong>{t_string!(i18n, report.label, label = t_string!(i18n, success.activities)).to_string()}</strong></p>
                            <ul>{activities}</ul>
                            {none}
                        </section>
                    }
                })
                .collect::<Vec<_>>();
            let equity = s
                .entries
                .iter()
                .filter_map(|e| p.goal(e.goal))
                .map(|g| {
                    let m = g.equity.mitigation.trim();
                    let m = if m.is_empty() { t_string!(i18n, success.equity_none).to_string() } else { m.to_owned() };
                    view! { <li>{t_string!(i18n, success.equity_line, goal = goal_name(i18n, g), mitigation = m).to_string()}</li> }
                })
                .collect::<Vec<_>>();
            let agreed_with = s.agreed_with.trim();
            let signed = t_string!(
                i18n,
                success.signed,
                who = if agreed_with.is_empty() { blank } else { agreed_with },
                date = d(s.agreed_on)
            )
            .to_string();
            view! {
                <h3 id="sheet-doc-title">{t_string!(i18n, success.print_title, name = title).to_string()}</h3>
                <p><strong>{t_string!(i18n, success.window_line, start = d(s.start), end = d(s.end)).to_string()}</strong></p>
                {goals}
                <section class="sheet-doc__equity">
                    <h4>{t_string!(i18n, success.equity_title)}</h4>
                    <p>{t_string!(i18n, success.equity_question)}</p>
                    <ul>{equity}</ul>
                </section>
                <p class="sheet-doc__signed">{signed}</p>
            }
        })
    };
    view! {
        <article class="sheet-doc print-doc" aria-labelledby="sheet-doc-title">{body}</article>
    }
}
