//! Step "Reflection & evaluation": the whole plan in one summary, dated check-ins on each goal
//! with a red, amber or green status in words, the activities done or overdue, the reflection
//! journal, and the blocks and the map compared with the first time.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::evaluation::EvaluationStoreFields;
use crate::domain::evaluation::{
    BlockChange, CheckIn, GoalStatus, Rag, Reflection, blocks_since_first, goal_status,
    map_since_first, summary, tasks_of,
};
use crate::domain::foundations::{Block, FoundationsStoreFields, SCORE_MAX, SCORE_MIN};
use crate::domain::power::{Movement, PowerAnalysisStoreFields};
use crate::domain::text::MAX_PARAGRAPH;
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::format;
use crate::page::labels::{
    block_text, goal_name, partner_names, placement_text, rag_label, reason_label, score_options,
    stakeholder_names,
};
use crate::state::{now, today, use_document};
use crate::ui::components::fields::{
    Choice, DateBox, NumberBox, PartnerPicker, RemoveButton, TextBox,
};
use crate::ui::components::keyed::{at, edit_item, item_memo};
use crate::ui::components::pager::{ShowMore, first_page};

type Ctx = leptos_i18n::I18nContext<Locale>;

/// A goal's status in words (the colour is only a second signal) and its CSS modifier.
pub fn status_words(i18n: Ctx, status: GoalStatus, lang: &str) -> (String, &'static str) {
    match status {
        GoalStatus::NotChecked => (t_string!(i18n, evaluation.not_checked).to_string(), "none"),
        GoalStatus::NothingToMeasure => (
            t_string!(i18n, evaluation.nothing_to_measure).to_string(),
            "none",
        ),
        GoalStatus::Checked {
            rag,
            reason,
            progress,
            on,
        } => (
            t_string!(
                i18n,
                evaluation.status_line,
                rag = rag_label(i18n, rag),
                reason = reason_label(i18n, reason),
                progress = progress,
                date = format::date(on, lang)
            )
            .to_string(),
            match rag {
                Rag::Green => "green",
                Rag::Amber => "amber",
                Rag::Red => "red",
            },
        ),
    }
}

#[component]
pub fn EvaluationStep() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let goals = doc.plan.goals();
    let ids = Memo::new(move |_| goals.with(|v| v.iter().map(|g| g.id).collect::<Vec<_>>()));
    let limit = first_page();
    view! {
        <Summary/>
        <section aria-labelledby="progress-title">
            <h3 id="progress-title">{t_string!(i18n, evaluation.goals_title)}</h3>
            <Show when=move || ids.with(|v| v.is_empty())>
                <p class="empty">{t_string!(i18n, evaluation.no_goals)}</p>
            </Show>
            <ol class="card-list">
                <For each=move || ids.with(|v| v.iter().take(limit.get()).copied().collect::<Vec<_>>()) key=|id| *id let(id)>
                    <GoalProgress id=id/>
                </For>
            </ol>
            <ShowMore limit=limit total=Signal::derive(move || ids.with(Vec::len))/>
        </section>
        <Journal/>
        <Reassessment/>
    }
}

/// The whole plan on one screen.
#[component]
fn Summary() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let lang = i18n.get_locale_untracked().as_str();
    let s = Memo::new(move |_| {
        let p = doc.plan;
        p.overview().track();
        p.goals().track();
        p.evaluation().track();
        p.action_plan().track();
        p.foundations().track();
        p.power().track();
        p.with_untracked(|p| summary(p, today()))
    });
    let lines = move || {
        let s = s.get();
        let (mut green, mut amber, mut red, mut unchecked) = (0, 0, 0, 0);
        for g in &s.goals {
            match g.status {
                GoalStatus::Checked {
                    rag: Rag::Green, ..
                } => green += 1,
                GoalStatus::Checked {
                    rag: Rag::Amber, ..
                } => amber += 1,
                GoalStatus::Checked { rag: Rag::Red, .. } => red += 1,
                GoalStatus::NotChecked | GoalStatus::NothingToMeasure => unchecked += 1,
            }
        }
        let mut out = vec![
            t_string!(
                i18n,
                evaluation.summary_goals,
                total = s.goals.len(),
                green = green,
                amber = amber,
                red = red,
                unchecked = unchecked
            )
            .to_string(),
            t_string!(
                i18n,
                evaluation.summary_tasks,
                total = s.tasks.total,
                done = s.tasks.done,
                overdue = s.tasks.overdue
            )
            .to_string(),
            t_string!(
                i18n,
                evaluation.summary_rechecks,
                count = s.rechecks_due.len()
            )
            .to_string(),
        ];
        out.push(match s.latest_reflection {
            Some(d) => t_string!(
                i18n,
                evaluation.summary_journal,
                count = s.reflections,
                date = format::date(d, lang)
            )
            .to_string(),
            None => t_string!(i18n, evaluation.summary_journal_none).to_string(),
        });
        out.push(match &s.blocks {
            Some((first, latest, changes)) => {
                let (names, _) = block_changes_text(i18n, changes);
                t_string!(
                    i18n,
                    evaluation.summary_blocks,
                    first = format::date(*first, lang),
                    latest = format::date(*latest, lang),
                    changes = names
                )
                .to_string()
            }
            None => t_string!(i18n, evaluation.summary_blocks_none).to_string(),
        });
        out.push(match s.map {
            Some((first, latest, toward, away)) => t_string!(
                i18n,
                evaluation.summary_map,
                first = format::date(first, lang),
                latest = format::date(latest, lang),
                toward = toward,
                away = away
            )
            .to_string(),
            None => t_string!(i18n, evaluation.summary_map_none).to_string(),
        });
        out.into_iter()
            .map(|l| view! { <li>{l}</li> })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="card summary" aria-labelledby="summary-title">
            <h3 id="summary-title">{t_string!(i18n, evaluation.summary_title)}</h3>
            <ul class="summary__lines">{lines}</ul>
        </section>
    }
}

/// "Diverse people 2 → 4 (↑ 2), …" and the rows of the comparison table.
fn block_changes_text(
    i18n: Ctx,
    changes: &[BlockChange],
) -> (String, Vec<(String, String, String, String)>) {
    let score = |s: Option<u8>| s.map_or_else(|| "–".to_owned(), |s| s.to_string());
    let rows: Vec<(String, String, String, String)> = changes
        .iter()
        .map(|c| {
            let change = match (c.first, c.latest) {
                (Some(a), Some(b)) if b > a => {
                    format!("↑ {}", t_string!(i18n, foundations.moved_up, by = b - a))
                }
                (Some(a), Some(b)) if b < a => {
                    format!("↓ {}", t_string!(i18n, foundations.moved_down, by = a - b))
                }
                (Some(_), Some(_)) => format!("→ {}", t_string!(i18n, foundations.moved_same)),
                _ => String::new(),
            };
            (
                block_text(i18n, c.block).0,
                score(c.first),
                score(c.latest),
                change,
            )
        })
        .collect();
    let text = rows
        .iter()
        .map(|(n, a, b, _)| format!("{n} {a} → {b}"))
        .collect::<Vec<_>>()
        .join(", ");
    (text, rows)
}

/// One goal: its status, its activities, a check-in form and the check-ins so far.
#[component]
fn GoalProgress(id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let goals = doc.plan.goals();
    let ev = doc.plan.evaluation();
    let lang = i18n.get_locale_untracked().as_str();
    let item = item_memo(at(goals, id));
    let name = Memo::new(move |_| {
        item.with(|g| g.as_ref().map(|g| goal_name(i18n, g)))
            .unwrap_or_default()
    });
    let start = Memo::new(move |_| doc.plan.overview().with(|o| o.start));
    // Follows the check-ins, not what is typed in the journal.
    let checks = Memo::new(move |_| {
        ev.check_ins().with(|all| {
            all.iter()
                .filter(|c| c.goal == id)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let status = Memo::new(move |_| {
        let start = start.get();
        checks.with(|_| ());
        item.with(|g| {
            g.as_ref()
                .map(|g| ev.with_untracked(|e| goal_status(g, e, start, today())))
        })
        .unwrap_or(GoalStatus::NotChecked)
    });
    let measure = Memo::new(move |_| {
        item.with(|g| {
            g.as_ref().map(|g| {
                let m = &g.measure;
                (
                    m.target,
                    m.baseline.unwrap_or(0),
                    m.unit.trim().to_owned(),
                    m.named_qualities()
                        .map(|q| (q.id, q.text.trim().to_owned()))
                        .collect::<Vec<_>>(),
                )
            })
        })
    });
    let tasks = Memo::new(move |_| {
        let today = today();
        doc.plan.goals().track();
        doc.plan.action_plan().track();
        doc.plan.with_untracked(|p| {
            p.goal(id)
                .map(|g| {
                    tasks_of(p, g)
                        .map(|t| {
                            (
                                t.id,
                                t.what.trim().to_owned(),
                                t.due,
                                t.status == crate::domain::action::Status::Done,
                                t.is_overdue(today),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let recheck = Memo::new(move |_| {
        item.with(|g| {
            g.as_ref()
                .filter(|g| g.equity.recheck_due(today()))
                .and_then(|g| g.equity.recheck_on)
        })
    });
    // The check-in form.
    let date = RwSignal::new(Some(today()));
    let value = RwSignal::new(None::<u32>);
    let value_bad = RwSignal::new(false);
    let met = RwSignal::new(Vec::<Uuid>::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let saved = RwSignal::new(String::new());
    let fid = move |field: &str| format!("progress-{id}-{field}");
    let save = move |_| {
        let Some(d) = date.get_untracked() else {
            error.set(t_string!(i18n, evaluation.check_in_date_missing).to_string());
            return;
        };
        if value_bad.get_untracked() {
            error.set(t_string!(i18n, evaluation.check_in_number_bad).to_string());
            focus_later(format!("#progress-{id}-value"));
            return;
        }
        let mut c = CheckIn::new(id, d);
        c.value = value.get_untracked();
        c.met = met.get_untracked();
        c.note = note.get_untracked().trim().to_owned();
        ev.update(|e| e.add_check_in(c));
        error.set(String::new());
        value.set(None);
        met.set(Vec::new());
        note.set(String::new());
        saved.set(t_string!(i18n, evaluation.check_in_saved).to_string());
    };
    let qualities: Signal<Vec<(Uuid, String)>> =
        Signal::derive(move || measure.get().map(|m| m.3).unwrap_or_default());
    let history = move || {
        let list = checks.get();
        if list.is_empty() {
            return view! { <p class="empty">{t_string!(i18n, evaluation.history_none)}</p> }
                .into_any();
        }
        let names = qualities.get();
        let goal_name = name.get_untracked();
        let mut list = list;
        list.reverse();
        list.sort_by_key(|c| std::cmp::Reverse(c.date));
        let items = list
            .into_iter()
            .map(|c| {
                let when = format::date(c.date, lang);
                let mut parts = Vec::new();
                if let Some(v) = c.value {
                    parts.push(format!("{} {v}", t_string!(i18n, report.label, label = t_string!(i18n, evaluation.col_value))));
                }
                let met: Vec<String> = names.iter().filter(|(q, _)| c.met.contains(q)).map(|(_, t)| t.clone()).collect();
                if !met.is_empty() {
                    parts.push(format!("{} {}", t_string!(i18n, report.label, label = t_string!(i18n, evaluation.col_met)), met.join("; ")));
                }
                if !c.note.trim().is_empty() {
                    parts.push(c.note.trim().to_owned());
                }
                let cid = c.id;
                view! {
                    <li class="plain-list__item">
                        <p><strong>{when.clone()}</strong> " " <span class="prewrap">{parts.join(" · ")}</span></p>
                        <RemoveButton id=format!("check-in-{cid}-remove") label=t_string!(i18n, evaluation.remove_check_in, date = when.clone()).to_string()
                            name=Signal::derive({ let g = goal_name.clone(); move || g.clone() })
                            question=Signal::derive({
                                let (when, g) = (when.clone(), goal_name.clone());
                                move || t_string!(i18n, evaluation.remove_check_in_confirm, date = when.clone(), goal = g.clone()).to_string()
                            })
                            yes=t_string!(i18n, evaluation.remove_check_in_yes).to_string() cancel=t_string!(i18n, evaluation.cancel).to_string()
                            on_yes=Callback::new(move |_| {
                                ev.update(|e| e.check_ins.retain(|x| x.id != cid));
                                focus_later(format!("#progress-{id}-heading"));
                            })/>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        view! {
            // Not a landmark: every goal has one, and landmarks need names of their own.
            <div class="check-ins">
                <h5 id=fid("history")>{t_string!(i18n, evaluation.history)}</h5>
                <ul class="plain-list" aria-labelledby=fid("history")>{items}</ul>
            </div>
        }
        .into_any()
    };
    view! {
        <li class="card progress" aria-labelledby=fid("heading")>
            <h4 id=fid("heading") tabindex="-1">{move || name.get()}</h4>
            <p class=move || format!("rag rag--{}", status_words(i18n, status.get(), lang).1)>
                <strong>{t_string!(i18n, report.label, label = t_string!(i18n, evaluation.status_label)).to_string()}</strong> " "
                {move || status_words(i18n, status.get(), lang).0}
            </p>
            {move || measure.get().and_then(|(target, baseline, unit, _)| target.map(|t| view! {
                <p class="field__hint">{t_string!(i18n, evaluation.target_line, target = t, unit = unit, baseline = baseline).to_string()}</p>
            }))}
            {move || recheck.get().map(|d| view! { <p class="flag flag--late">{t_string!(i18n, evaluation.recheck_due, date = format::date(d, lang)).to_string()}</p> })}
            {move || {
                let list = tasks.get();
                if list.is_empty() {
                    return None;
                }
                let done = list.iter().filter(|t| t.3).count();
                let late = list.iter().filter(|t| t.4).count();
                Some(view! {
                    <p>{t_string!(i18n, evaluation.activities_line, done = done, overdue = late, total = list.len()).to_string()}</p>
                    <ul class="plain-list progress__tasks">
                        {list.into_iter().map(|(_, what, due, is_done, late)| {
                            let what = if what.is_empty() { t_string!(i18n, action.untitled_activity).to_string() } else { what };
                            let due = due.map(|d| format::date(d, lang)).unwrap_or_default();
                            view! {
                                <li>
                                    {is_done.then(|| view! { <span class="flag flag--done">{t_string!(i18n, evaluation.activity_done)}</span> " " })}
                                    {late.then(|| view! { <span class="flag flag--late">{t_string!(i18n, evaluation.activity_overdue)}</span> " " })}
                                    {what} {(!due.is_empty()).then(|| format!(" ({due})"))}
                                </li>
                            }
                        }).collect::<Vec<_>>()}
                    </ul>
                })
            }}
            <div class="check-in" role="group" aria-labelledby=fid("check-in")>
                <h5 id=fid("check-in")>{t_string!(i18n, evaluation.check_in_title)}</h5>
                <DateBox id=fid("date") label=t_string!(i18n, evaluation.check_in_date).to_string()
                    value=date.into() on_change=Callback::new(move |d| date.set(d))/>
                {move || measure.get().and_then(|(target, _, unit, _)| target.map(|_| {
                    let label = if unit.is_empty() { t_string!(i18n, evaluation.check_in_value_plain).to_string() } else { t_string!(i18n, evaluation.check_in_value, unit = unit).to_string() };
                    view! { <NumberBox id=fid("value") label=label value=value.into() invalid=value_bad on_change=Callback::new(move |n| value.set(n))/> }
                }))}
                <Show when=move || qualities.with(|q| !q.is_empty())>
                    <PartnerPicker id=fid("met") legend=t_string!(i18n, evaluation.check_in_met).to_string() empty=String::new()
                        partners=qualities selected=met.into()
                        on_toggle=Callback::new(move |(q, on): (Uuid, bool)| met.update(|m| crate::domain::toggle(m, q, on)))/>
                </Show>
                <TextBox id=fid("note") label=t_string!(i18n, evaluation.check_in_note).to_string() rows=2 max=MAX_PARAGRAPH
                    value=note.into() on_input=Callback::new(move |v: String| { saved.set(String::new()); note.set(v) })/>
                <button type="button" class="button button--primary" id=fid("save") on:click=save>{t_string!(i18n, evaluation.check_in_add)}</button>
                <p role="status" class="status-line">{move || saved.get()}</p>
                <p role="alert" class="field__error">{move || error.get()}</p>
            </div>
            {history}
        </li>
    }
}

/// The reflection journal, newest first.
#[component]
fn Journal() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let ev = doc.plan.evaluation();
    // Newest first; an entry whose date changes moves to its place.
    let ids = Memo::new(move |_| ev.with(|e| e.journal_newest_first()));
    let limit = first_page();
    let partners = partner_names(i18n);
    let add = move |_| {
        let entry = Reflection::new(today());
        let id = entry.id;
        ev.update(|e| e.add_reflection(entry));
        focus_later(format!("#reflection-{id}-worked"));
    };
    view! {
        <section aria-labelledby="journal-title">
            <h3 id="journal-title" tabindex="-1">{t_string!(i18n, evaluation.journal_title)}</h3>
            <button type="button" class="button button--primary" on:click=add>{t_string!(i18n, evaluation.journal_add)}</button>
            <Show when=move || ids.with(|v| v.is_empty())>
                <p class="empty">{t_string!(i18n, evaluation.journal_empty)}</p>
            </Show>
            <ol class="card-list">
                <For each=move || ids.with(|v| v.iter().take(limit.get()).copied().collect::<Vec<_>>()) key=|id| *id let(id)>
                    <ReflectionCard id=id partners=partners/>
                </For>
            </ol>
            <ShowMore limit=limit total=Signal::derive(move || ids.with(Vec::len))/>
        </section>
    }
}

#[component]
fn ReflectionCard(id: Uuid, partners: Memo<Vec<(Uuid, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    let ev = use_document().plan.evaluation();
    let lang = i18n.get_locale_untracked().as_str();
    let item = item_memo(at(ev.journal(), id));
    let edit = move |f: &dyn Fn(&mut Reflection)| edit_item(ev.journal(), id, |r| f(r));
    let date = Memo::new(move |_| item.with(|r| r.as_ref().map(|r| r.date)));
    let when = Memo::new(move |_| {
        date.get()
            .map(|d| format::date(d, lang))
            .unwrap_or_default()
    });
    let private = Memo::new(move |_| item.with(|r| r.as_ref().is_some_and(|r| r.private)));
    let fid = move |field: &str| format!("reflection-{id}-{field}");
    let text = move |field: &'static str,
                     label: &'static str,
                     get: fn(&Reflection) -> &String,
                     set: fn(&mut Reflection) -> &mut String| {
        let value: Signal<String> = Memo::new(move |_| {
            item.with(|r| r.as_ref().map(|r| get(r).clone()))
                .unwrap_or_default()
        })
        .into();
        view! {
            <TextBox id=fid(field) label=label.to_owned() rows=2 max=MAX_PARAGRAPH value=value
                on_input=Callback::new(move |v: String| edit(&|r| *set(r) = v.clone()))/>
        }
    };
    view! {
        <li class="card reflection" aria-labelledby=fid("heading")>
            <h4 id=fid("heading")>
                {move || t_string!(i18n, evaluation.journal_heading, date = when.get()).to_string()}
                <Show when=move || private.get()>
                    " " <span class="badge">{t_string!(i18n, evaluation.private_badge)}</span>
                </Show>
            </h4>
            <DateBox id=fid("date") label=t_string!(i18n, evaluation.journal_date).to_string()
                value=date.into()
                on_change=Callback::new(move |d: Option<chrono::NaiveDate>| if let Some(d) = d { edit(&|r| r.date = d) })/>
            {text("worked", t_string!(i18n, evaluation.worked), |r| &r.worked, |r| &mut r.worked)}
            {text("did-not-work", t_string!(i18n, evaluation.did_not_work), |r| &r.did_not_work, |r| &mut r.did_not_work)}
            {text("change", t_string!(i18n, evaluation.change), |r| &r.change, |r| &mut r.change)}
            <PartnerPicker id=fid("present") legend=t_string!(i18n, evaluation.present).to_string()
                empty=t_string!(i18n, evaluation.present_none).to_string() partners=partners.into()
                selected=Memo::new(move |_| item.with(|r| r.as_ref().map(|r| r.present.clone())).unwrap_or_default()).into()
                on_toggle=Callback::new(move |(p, on): (Uuid, bool)| edit(&|r| crate::domain::toggle(&mut r.present, p, on)))/>
            {text("others", t_string!(i18n, evaluation.others), |r| &r.others, |r| &mut r.others)}
            <div class="choice">
                <input type="checkbox" id=fid("private") aria-describedby=fid("private-hint")
                    prop:checked=move || private.get()
                    on:change=move |e| { let on = event_target_checked(&e); edit(&|r| r.private = on) }/>
                <label for=fid("private")>{t_string!(i18n, evaluation.private)}</label>
            </div>
            <p class="field__hint" id=fid("private-hint")>{t_string!(i18n, evaluation.private_hint)}</p>
            <div class="button-row">
                <RemoveButton id=fid("remove") label=t_string!(i18n, evaluation.remove_reflection).to_string() name=when.into()
                    question=Signal::derive(move || t_string!(i18n, evaluation.remove_reflection_confirm, date = when.get()).to_string())
                    yes=t_string!(i18n, evaluation.remove_reflection_yes).to_string() cancel=t_string!(i18n, evaluation.cancel).to_string()
                    on_yes=Callback::new(move |_| {
                        ev.update(|e| e.journal.retain(|r| r.id != id));
                        focus_later("#journal-title");
                    })/>
            </div>
        </li>
    }
}

/// The five blocks and the map, first time against the latest, with a way to re-assess both
/// today.
#[component]
fn Reassessment() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let f = doc.plan.foundations();
    let power = doc.plan.power();
    let lang = i18n.get_locale_untracked().as_str();
    let blocks = Memo::new(move |_| f.assessments().with(|a| blocks_since_first(a.as_slice())));
    let names = stakeholder_names(i18n);
    let map = Memo::new(move |_| power.snapshots().with(|s| map_since_first(s)));
    let blocks_saved = RwSignal::new(String::new());
    let map_saved = RwSignal::new(String::new());
    let scores = score_options(i18n);
    let rescore = Block::ALL
        .into_iter()
        .map(|b| {
            let key = b.key();
            view! {
                <Choice id=format!("reassess-{key}") label=block_text(i18n, b).0 options=scores.clone()
                    value=Signal::derive(move || f.with(|f| b.of(&f.blocks).score.map(|s| s.to_string()).unwrap_or_default()))
                    on_change=Callback::new(move |v: String| f.update(|f| b.of_mut(&mut f.blocks).score = v.parse::<u8>().ok().filter(|s| (SCORE_MIN..=SCORE_MAX).contains(s))))/>
            }
        })
        .collect::<Vec<_>>();
    let save_blocks = move |_| {
        let d = today();
        let earlier = f.with_untracked(|f| f.assessments.iter().any(|a| a.date == d));
        let mut saved = false;
        f.update(|f| saved = f.record_assessment(d, now(), Uuid::new_v4()).is_some());
        let date = format::date(d, lang);
        blocks_saved.set(match (saved, earlier) {
            (true, true) => t_string!(i18n, evaluation.blocks_saved_again, date = date).to_string(),
            (true, false) => t_string!(i18n, evaluation.blocks_saved, date = date).to_string(),
            (false, _) => t_string!(i18n, foundations.assessment_nothing).to_string(),
        });
    };
    let save_map = move |_| {
        let d = today();
        if power.with_untracked(|p| p.stakeholders.is_empty()) {
            map_saved.set(t_string!(i18n, power.snapshot_nobody).to_string());
            return;
        }
        let earlier = power.with_untracked(|p| p.snapshots.iter().any(|s| s.date == d));
        power.update(|p| p.record_snapshot(d, now(), Uuid::new_v4()));
        let date = format::date(d, lang);
        map_saved.set(if earlier {
            t_string!(i18n, evaluation.map_saved_again, date = date).to_string()
        } else {
            t_string!(i18n, evaluation.map_saved, date = date).to_string()
        });
    };
    let blocks_table = move || match blocks.get() {
        None => view! { <p class="empty">{t_string!(i18n, evaluation.blocks_none)}</p> }.into_any(),
        Some((first, latest, changes)) => {
            let (_, rows) = block_changes_text(i18n, &changes);
            view! {
                <p id="blocks-compare">{t_string!(i18n, evaluation.blocks_compare, first = format::date(first, lang), latest = format::date(latest, lang)).to_string()}</p>
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="blocks-compare">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t_string!(i18n, evaluation.col_block)}</th>
                            <th scope="col">{t_string!(i18n, evaluation.col_first)}</th>
                            <th scope="col">{t_string!(i18n, evaluation.col_latest)}</th>
                            <th scope="col">{t_string!(i18n, evaluation.col_change)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(n, a, b, c)| view! { <tr><th scope="row">{n}</th><td>{a}</td><td>{b}</td><td>{c}</td></tr> }).collect::<Vec<_>>()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }
    };
    let map_table = move || match map.get() {
        None => view! { <p class="empty">{t_string!(i18n, evaluation.map_none)}</p> }.into_any(),
        Some((first, latest, moves)) => {
            let all = names.get();
            let name = |id: Uuid| {
                all.iter()
                    .find(|(s, _)| *s == id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default()
            };
            let rows = moves
                .iter()
                .filter_map(|m| match *m {
                    Movement::Moved {
                        stakeholder,
                        from,
                        to,
                        ..
                    } => Some((
                        name(stakeholder),
                        placement_text(i18n, from.position, from.influence),
                        placement_text(i18n, to.position, to.influence),
                    )),
                    _ => None,
                })
                .filter(|r| !r.0.is_empty())
                .collect::<Vec<_>>();
            let intro = t_string!(
                i18n,
                evaluation.map_compare,
                first = format::date(first, lang),
                latest = format::date(latest, lang)
            )
            .to_string();
            if rows.is_empty() {
                return view! { <p>{intro}</p> <p class="empty">{t_string!(i18n, evaluation.map_no_moves)}</p> }.into_any();
            }
            view! {
                <p id="map-compare">{intro}</p>
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="map-compare">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t_string!(i18n, evaluation.col_who)}</th>
                            <th scope="col">{t_string!(i18n, evaluation.col_from)}</th>
                            <th scope="col">{t_string!(i18n, evaluation.col_to)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(n, a, b)| view! { <tr><th scope="row">{n}</th><td>{a}</td><td>{b}</td></tr> }).collect::<Vec<_>>()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }
    };
    view! {
        <section aria-labelledby="reassess-title">
            <h3 id="reassess-title">{t_string!(i18n, evaluation.reassess_title)}</h3>
            <div class="card">
                <h4>{t_string!(i18n, evaluation.blocks_title)}</h4>
                {blocks_table}
                <fieldset class="group reassess-grid">
                    <legend>{t_string!(i18n, evaluation.blocks_rescore)}</legend>
                    {rescore}
                </fieldset>
                <button type="button" class="button button--primary" id="reassess-save" on:click=save_blocks>{t_string!(i18n, evaluation.blocks_save)}</button>
                <p role="status" class="status-line">{move || blocks_saved.get()}</p>
            </div>
            <div class="card">
                <h4>{t_string!(i18n, evaluation.map_title)}</h4>
                {map_table}
                <button type="button" class="button button--primary" id="reassess-map" on:click=save_map>{t_string!(i18n, evaluation.map_save)}</button>
                <p role="status" class="status-line">{move || map_saved.get()}</p>
            </div>
        </section>
    }
}
