//! Step "Action plan": tactics chosen from the seed's coalition activities and actions (or the
//! coalition's own), each with its reasons, targets and SWOT items; the activities that carry
//! them out, as a sortable, filterable list or a month-by-month timeline; and the exports to a
//! spreadsheet (CSV) and a calendar (ICS).
//!
//! A plan can hold a thousand activities. Each card reads its own activity through an item
//! memo, the list's order changes only when the sort, the filters or the number of activities
//! change, and cards are drawn a page at a time, so a keystroke redraws one card.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::action::{ActionPlanStoreFields, TacticStoreFields, TaskStoreFields};
use crate::domain::action::{
    ExportWords, Status, Tactic, Task, TaskFilter, TaskSort, task_rows, timeline, to_csv, to_ics,
};
use crate::domain::activities::{ActivityKind, Stage};
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::format;
use crate::page::labels::{
    choices, goal_names, kind_text, name_of_tactic, partner_names, quadrant_text,
    stakeholder_names, status_label, tactic_names,
};
use crate::state::{now, today, use_document};
use crate::ui::components::card::ItemCard;
use crate::ui::components::fields::{Facts, Filter, PartnerPicker, SortBy};
use crate::ui::components::form::{Date, Line, Partners, Pick, Text};
use crate::ui::components::keyed::{at, edit_item, item_memo, list_order};
use crate::ui::components::pager::{Fresh, Pages, ShowMore, first_page};

/// The names an activity's pickers list, drawn once for the whole list.
#[derive(Clone, Copy)]
struct Names {
    tactics: Memo<Vec<(Uuid, String)>>,
    partners: Memo<Vec<(Uuid, String)>>,
    goals: Memo<Vec<(Uuid, String)>>,
}

#[component]
pub fn ActionPlanStep() -> impl IntoView {
    let i18n = use_i18n();
    let names = Names {
        tactics: tactic_names(i18n),
        partners: partner_names(i18n),
        goals: goal_names(i18n),
    };
    view! {
        <Tactics/>
        <ActivityList names=names/>
        <Exports/>
    }
}

#[component]
fn Tactics() -> impl IntoView {
    let i18n = use_i18n();
    let stakeholders = stakeholder_names(i18n);
    let doc = use_document();
    let ap = doc.plan.action_plan();
    let pages = Pages::new(list_order(ap.tactics()));
    let ids = pages.order;
    let chosen = RwSignal::new(Stage::New.menu()[0].as_str().to_owned());
    let add = move |_| {
        let kind = ActivityKind::parse(&chosen.get_untracked()).unwrap_or(ActivityKind::Custom);
        let tactic = Tactic::new(kind);
        let id = tactic.id;
        let first = if kind == ActivityKind::Custom {
            "name"
        } else {
            "rationale"
        };
        let push = move || ap.tactics().update(|list| list.push(tactic));
        pages.add(id, push, format!("#tactic-{id}-{first}"));
    };
    let group = |label: &'static str, kinds: &'static [ActivityKind]| {
        let options = kinds
            .iter()
            .map(|k| view! { <option value=k.as_str()>{kind_text(i18n, *k).0}</option> })
            .collect::<Vec<_>>();
        view! { <optgroup label=label>{options}</optgroup> }
    };
    view! {
        <section class="step-section" aria-labelledby="tactics-title">
            <h3 id="tactics-title" tabindex="-1">{t_string!(i18n, action.tactics_title)}</h3>
            <div class="card add-box">
                <div class="field">
                    <label for="tactic-menu">{t_string!(i18n, action.tactic_menu)}</label>
                    <p class="field__hint" id="tactic-menu-hint">{t_string!(i18n, action.tactic_menu_hint)}</p>
                    <select id="tactic-menu" aria-describedby="tactic-menu-hint" on:change=move |e| chosen.set(event_target_value(&e))>
                        {group(t_string!(i18n, action.group_new), Stage::New.menu())}
                        {group(t_string!(i18n, action.group_established), Stage::Established.menu())}
                        <optgroup label=t_string!(i18n, action.group_other)>
                            <option value=ActivityKind::Custom.as_str()>{t_string!(i18n, action.custom_option)}</option>
                        </optgroup>
                    </select>
                </div>
                <button type="button" class="button button--primary" id="add-tactic" on:click=add>{t_string!(i18n, action.add_tactic)}</button>
            </div>
            <Show when=move || ids.with(|v| v.is_empty())>
                <p class="empty">{t_string!(i18n, action.no_tactics)}</p>
            </Show>
            <ol class="card-list">
                <For each=move || pages.shown() key=|id| *id let(id)>
                    <TacticCard id=id open=pages.is_fresh(id) stakeholders=stakeholders
                        number=Signal::derive(move || ids.with(|v| v.iter().position(|x| *x == id).map_or(0, |i| i + 1)))/>
                </For>
            </ol>
            <ShowMore limit=pages.limit total=pages.total()/>
        </section>
    }
}

#[component]
fn TacticCard(
    id: Uuid,
    number: Signal<usize>,
    open: bool,
    stakeholders: Memo<Vec<(Uuid, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let ap = doc.plan.action_plan();
    let swot = doc.plan.swot();
    let open = RwSignal::new(open);
    let me = at(ap.tactics(), id);
    let item = item_memo(me);
    let name = Memo::new(move |_| {
        item.with(|t| t.as_ref().map(|t| name_of_tactic(i18n, t)))
            .unwrap_or_default()
    });
    let custom = Memo::new(move |_| {
        item.with(|t| t.as_ref().is_some_and(|t| t.kind == ActivityKind::Custom))
    });
    // SWOT items as (id, "Strengths: text"), and the ones that inform this tactic.
    let swot_items = Memo::new(move |_| {
        swot.with(|s| {
            s.items()
                .map(|(q, i)| {
                    (
                        i.id,
                        format!(
                            "{}: {}",
                            quadrant_text(i18n, q).0,
                            crate::domain::text::truncate_chars(i.text.trim(), 80)
                        ),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let uses = Memo::new(move |_| swot.with(|s| s.informing(id)));
    let facts = Memo::new(move |_| {
        let (rationale, target_ids) = item
            .with(|t| {
                t.as_ref()
                    .map(|t| (t.rationale.trim().to_owned(), t.targets.clone()))
            })
            .unwrap_or_default();
        let target_names = stakeholders.with(|n| {
            n.iter()
                .filter(|(sid, _)| target_ids.contains(sid))
                .map(|(_, name)| name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        });
        let used = swot_items.with(|all| {
            uses.with(|u| {
                all.iter()
                    .filter(|(i, _)| u.contains(i))
                    .map(|(_, t)| t.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        });
        vec![
            (t_string!(i18n, action.rationale), rationale),
            (t_string!(i18n, action.targets), target_names),
            (t_string!(i18n, action.swot_uses), used),
        ]
    });
    let fid = move |field: &str| format!("tactic-{id}-{field}");
    let question = Signal::derive(move || {
        t_string!(i18n, action.remove_tactic_confirm, name = name.get()).to_string()
    });
    let heading = Signal::derive(move || {
        t_string!(
            i18n,
            action.tactic_heading,
            number = number.get(),
            name = name.get()
        )
        .to_string()
    });
    view! {
        <ItemCard prefix=format!("tactic-{id}") level=4 heading=heading name=name.into() open=open
            focus=format!("#tactic-{id}-rationale") question=question yes=t_string!(i18n, action.remove_tactic_yes).to_string()
            on_remove=Callback::new(move |_| doc.plan.update(|p| p.remove_tactic(id))) after_remove="#tactics-title"
            summary=ViewFn::from(move || view! { <Facts facts=facts.into()/> })>
            <div class="card__grid">
                <Show when=move || custom.get()>
                    <Line id=fid("name") label=t_string!(i18n, action.custom_name).to_string() field=me.custom_name()/>
                </Show>
                <Text id=fid("rationale") label=t_string!(i18n, action.rationale).to_string()
                    hint=t_string!(i18n, action.rationale_hint).to_string() rows=3 field=me.rationale()/>
                <Partners id=fid("targets") legend=t_string!(i18n, action.targets).to_string()
                    empty=t_string!(i18n, action.targets_none).to_string()
                    partners=stakeholders.into() field=me.targets()/>
                <PartnerPicker id=fid("swot") legend=t_string!(i18n, action.swot_uses).to_string()
                    empty=t_string!(i18n, action.swot_none).to_string()
                    partners=swot_items.into() selected=uses.into()
                    on_toggle=Callback::new(move |(item, on): (Uuid, bool)| swot.update(|s| s.set_informs(item, id, on)))/>
            </div>
        </ItemCard>
    }
}

/// The activities: add, sort, filter, page; or the month-by-month timeline.
#[component]
fn ActivityList(names: Names) -> impl IntoView {
    let Names {
        tactics, partners, ..
    } = names;
    let i18n = use_i18n();
    let doc = use_document();
    let ap = doc.plan.action_plan();
    let today = today();
    let all_ids = list_order(ap.activities());
    let count = Memo::new(move |_| all_ids.with(Vec::len));
    let overdue = Memo::new(move |_| {
        ap.activities()
            .with(|list| list.iter().filter(|t| t.is_overdue(today)).count())
    });
    let timeline_view = RwSignal::new(false);
    let sort = RwSignal::new(TaskSort::Due);
    let status = RwSignal::new(None::<Status>);
    let tactic = RwSignal::new(None::<Uuid>);
    let partner = RwSignal::new(None::<Uuid>);
    // The partner filter offers those named on an activity, not the whole registry.
    // The names are copied only when the set of named partners changes, not at each key.
    let named = Memo::new(move |_| {
        ap.activities().with(|list| {
            list.iter()
                .flat_map(|t| t.who.iter().copied())
                .collect::<std::collections::HashSet<Uuid>>()
        })
    });
    let involved = Memo::new(move |_| {
        named.with(|ids| {
            partners.with(|all| {
                all.iter()
                    .filter(|(id, _)| ids.contains(id))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let overdue_only = RwSignal::new(false);
    let fresh = Fresh::new();
    // The order follows the sort, the filters and the number of activities, not the typing,
    // so a card never jumps away while it is being edited.
    let order = Memo::new(move |_| {
        count.with(|_| ());
        let filter = TaskFilter {
            status: status.get(),
            tactic: tactic.get(),
            partner: partner.get(),
            overdue_only: overdue_only.get(),
        };
        let sort = sort.get();
        ap.with_untracked(|a| task_rows(&a.activities, filter, sort, today))
    });
    let limit = first_page();
    let shown =
        Memo::new(move |_| order.with(|o| o.iter().take(limit.get()).copied().collect::<Vec<_>>()));
    let total = move || order.with(|o| o.len());
    let add = move |_| {
        let task = Task::new(tactic.get_untracked());
        let id = task.id;
        fresh.mark(id);
        // A new activity shows first, whatever the filters, until the list is sorted again.
        ap.activities().update(|list| list.push(task));
        timeline_view.set(false);
        focus_later(format!("#task-{id}-what"));
    };
    let list_view = move || {
        view! {
            <div class="filters" role="group" aria-label=t_string!(i18n, action.activities_title)>
                <SortBy id="task-sort" label=t_string!(i18n, action.sort_label) options=choices(i18n, &TaskSort::ALL) value=sort/>
                <Filter id="task-status" label=t_string!(i18n, action.filter_status) any=t_string!(i18n, action.filter_any_status) options=choices(i18n, &Status::ALL) value=status/>
                <Filter id="task-tactic" label=t_string!(i18n, action.filter_tactic) any=t_string!(i18n, action.filter_any_tactic) options=tactics value=tactic/>
                <Filter id="task-partner" label=t_string!(i18n, action.filter_partner) any=t_string!(i18n, action.filter_anyone) options=involved value=partner/>
                <div class="choice filters__check">
                    <input type="checkbox" id="task-overdue" prop:checked=move || overdue_only.get()
                        on:change=move |e| overdue_only.set(event_target_checked(&e))/>
                    <label for="task-overdue">{t_string!(i18n, action.filter_overdue)}</label>
                </div>
            </div>
            <Show when=move || { total() > 0 } fallback=move || view! { <p class="empty">{t_string!(i18n, action.none_match)}</p> }>
                <ol class="card-list">
                    <For each=move || shown.get() key=|id| *id let(id)>
                        <TaskCard id=id open=fresh.contains(id) names=names/>
                    </For>
                </ol>
            </Show>
            <ShowMore limit=limit total=Signal::derive(total)/>
        }
    };
    view! {
        <section class="step-section" aria-labelledby="activities-title">
            <h3 id="activities-title" tabindex="-1">{t_string!(i18n, action.activities_title)}</h3>
            <div class="button-row">
                <button type="button" class="button button--primary" id="add-task" on:click=add>{t_string!(i18n, action.add_activity)}</button>
                <p role="status">
                    {move || (overdue.get() > 0).then(|| view! {
                        <span class="flag flag--late">{t_string!(i18n, action.overdue_count, count = overdue.get()).to_string()}</span>
                    })}
                </p>
            </div>
            <Show when=move || { count.get() > 0 } fallback=move || view! { <p class="empty">{t_string!(i18n, action.no_activities)}</p> }>
                <fieldset class="choices choices--inline">
                    <legend>{t_string!(i18n, action.view_label)}</legend>
                    <div class="choice">
                        <input type="radio" id="view-list" name="task-view" prop:checked=move || !timeline_view.get()
                            on:change=move |_| timeline_view.set(false)/>
                        <label for="view-list">{t_string!(i18n, action.view_list)}</label>
                    </div>
                    <div class="choice">
                        <input type="radio" id="view-timeline" name="task-view" prop:checked=move || timeline_view.get()
                            on:change=move |_| timeline_view.set(true)/>
                        <label for="view-timeline">{t_string!(i18n, action.view_timeline)}</label>
                    </div>
                </fieldset>
                <Show when=move || timeline_view.get() fallback=list_view>
                    <Timeline/>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn TaskCard(id: Uuid, open: bool, names: Names) -> impl IntoView {
    let Names {
        tactics,
        partners,
        goals,
    } = names;
    let i18n = use_i18n();
    let doc = use_document();
    let ap = doc.plan.action_plan();
    let lang = i18n.get_locale_untracked().as_str();
    let today = today();
    let open = RwSignal::new(open);
    let me = at(ap.activities(), id);
    let item = item_memo(me);
    let edit = move |f: &dyn Fn(&mut Task)| edit_item(ap.activities(), id, f);
    let name = Memo::new(move |_| {
        let w = item
            .with(|t| t.as_ref().map(|t| t.what.trim().to_owned()))
            .unwrap_or_default();
        if w.is_empty() {
            t_string!(i18n, action.untitled_activity).to_string()
        } else {
            w
        }
    });
    let late = Memo::new(move |_| item.with(|t| t.as_ref().is_some_and(|t| t.is_overdue(today))));
    // The summary a closed card shows: when, where it stands, what it serves and who does it.
    // Resources, communication and notes are in the editor, so a long list stays scannable.
    let facts = Memo::new(move |_| {
        item.with(|t| {
            let Some(t) = t else { return Vec::new() };
            let tactic = t
                .tactic
                .and_then(|tid| {
                    tactics.with(|l| l.iter().find(|x| x.0 == tid).map(|x| x.1.clone()))
                })
                .unwrap_or_default();
            let people = partners.with(|l| {
                l.iter()
                    .filter(|(pid, _)| t.who.contains(pid))
                    .map(|(_, n)| n.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            let due = t
                .due
                .map(|d| format::date(d, lang))
                .unwrap_or_else(|| t_string!(i18n, action.no_date).to_string());
            let goal = t
                .goal
                .and_then(|gid| goals.with(|l| l.iter().find(|x| x.0 == gid).map(|x| x.1.clone())))
                .unwrap_or_default();
            vec![
                (t_string!(i18n, action.due), due),
                (
                    t_string!(i18n, action.status),
                    status_label(i18n, t.status).to_owned(),
                ),
                (t_string!(i18n, action.tactic), tactic),
                (t_string!(i18n, action.goal), goal),
                (t_string!(i18n, action.who), people),
            ]
        })
    });
    let fid = move |field: &str| format!("task-{id}-{field}");
    // A drop-down of tactics or goals: the list is drawn when the editor opens, and the
    // choice read then (a plan can hold many).
    let pick = move |field: &'static str,
                     label: &'static str,
                     none: &'static str,
                     options: Memo<Vec<(Uuid, String)>>,
                     get: fn(&Task) -> Option<Uuid>,
                     set: fn(&mut Task, Option<Uuid>)| {
        let current = item.with_untracked(|t| t.as_ref().and_then(get));
        let options = options.get().into_iter()
            .map(|(oid, n)| view! { <option value=oid.to_string() selected=current == Some(oid)>{n}</option> })
            .collect::<Vec<_>>();
        view! {
            <div class="field">
                <label for=fid(field)>{label}</label>
                <select id=fid(field) on:change=move |e| { let v = event_target_value(&e).parse::<Uuid>().ok(); edit(&|t| set(t, v)) }>
                    <option value="" selected=current.is_none()>{none}</option>
                    {options}
                </select>
            </div>
        }
    };
    let question = Signal::derive(move || {
        t_string!(i18n, action.remove_activity_confirm, name = name.get()).to_string()
    });
    view! {
        <ItemCard prefix=format!("task-{id}") class="task" level=4 heading=name.into() name=name.into()
            open=open focus=format!("#task-{id}-what") question=question yes=t_string!(i18n, action.remove_activity_yes).to_string() marked=late.into()
            badge=ViewFn::from(move || view! {
                <Show when=move || late.get()>
                    " " <span class="flag flag--late">{t_string!(i18n, action.overdue)}</span>
                </Show>
            })
            on_remove=Callback::new(move |_| doc.plan.update(|p| p.remove_task(id))) after_remove="#activities-title"
            summary=ViewFn::from(move || view! { <Facts facts=facts.into()/> })>
            <div class="card__grid">
                <Line id=fid("what") label=t_string!(i18n, action.what).to_string() field=me.what()/>
                {move || pick("tactic", t_string!(i18n, action.tactic), t_string!(i18n, action.no_tactic), tactics, |t| t.tactic, |t, v| t.tactic = v)}
                {move || pick("goal", t_string!(i18n, action.goal), t_string!(i18n, action.no_goal), goals, |t| t.goal, |t, v| t.goal = v)}
                <Date id=fid("due") label=t_string!(i18n, action.due).to_string() field=me.due()/>
                <Pick id=fid("status") label=t_string!(i18n, action.status).to_string()
                    options=Status::ALL.map(|s| (s, status_label(i18n, s).to_owned())).to_vec()
                    code=Status::as_str field=me.status()/>
                <Partners id=fid("who") legend=t_string!(i18n, action.who).to_string()
                    empty=t_string!(i18n, action.who_none).to_string()
                    partners=partners.into() field=me.who()/>
                <Text id=fid("resources") label=t_string!(i18n, action.resources).to_string()
                    hint=t_string!(i18n, action.resources_hint).to_string() field=me.resources()/>
                <Text id=fid("communication") label=t_string!(i18n, action.communication).to_string()
                    hint=t_string!(i18n, action.communication_hint).to_string() field=me.communication()/>
                <Text id=fid("notes") label=t_string!(i18n, action.notes).to_string() rows=3 field=me.notes()/>
            </div>
        </ItemCard>
    }
}

/// The activities month by month; undated ones last.
#[component]
fn Timeline() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let ap = doc.plan.action_plan();
    let lang = i18n.get_locale_untracked().as_str();
    let today = today();
    // Months change when a date does, not while a name is typed.
    let dated = Memo::new(move |_| {
        ap.activities()
            .with(|list| list.iter().map(|t| (t.id, t.due)).collect::<Vec<_>>())
    });
    let months = Memo::new(move |_| {
        dated.with(|_| ());
        ap.with_untracked(|a| timeline(&a.activities))
    });
    let line = move |id: Uuid| {
        let item = item_memo(at(ap.activities(), id));
        move || {
            item.with(|t| {
                let t = t.as_ref()?;
                let what = if t.what.trim().is_empty() { t_string!(i18n, action.untitled_activity).to_string() } else { t.what.trim().to_owned() };
                let status = status_label(i18n, t.status);
                let text = match t.due {
                    Some(d) => t_string!(i18n, action.timeline_item, date = format::date(d, lang), what = what, status = status).to_string(),
                    None => t_string!(i18n, action.timeline_undated, what = what, status = status).to_string(),
                };
                let late = t.is_overdue(today);
                Some(view! {
                    <li>
                        {text}
                        {late.then(|| view! { " " <span class="flag flag--late">{t_string!(i18n, action.overdue)}</span> })}
                    </li>
                })
            })
        }
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h4 id="timeline-title">{t_string!(i18n, action.timeline_title)}</h4>
            {move || {
                let list = months.get();
                if list.is_empty() {
                    return view! { <p class="empty">{t_string!(i18n, action.timeline_empty)}</p> }.into_any();
                }
                list.into_iter()
                    .map(|(month, ids)| {
                        let title = match month {
                            Some(m) => format::month(m.first_day(), lang),
                            None => t_string!(i18n, action.no_date).to_string(),
                        };
                        view! {
                            <div class="timeline__month">
                                <h5>{title}</h5>
                                <ul>{ids.into_iter().map(|id| line(id)).collect::<Vec<_>>()}</ul>
                            </div>
                        }
                    })
                    .collect::<Vec<_>>()
                    .into_any()
            }}
        </section>
    }
}

/// The spreadsheet and calendar downloads.
#[component]
fn Exports() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let error = RwSignal::new(String::new());
    let export = move |calendar: bool| {
        let headers = [
            t_string!(i18n, action.what),
            t_string!(i18n, action.tactic),
            t_string!(i18n, action.who),
            t_string!(i18n, action.due),
            t_string!(i18n, action.status),
            t_string!(i18n, action.resources),
            t_string!(i18n, action.communication),
            t_string!(i18n, action.notes),
        ];
        let status = |s: Status| status_label(i18n, s).to_owned();
        let kind = |k: ActivityKind| kind_text(i18n, k).0.to_owned();
        let words = ExportWords {
            headers,
            status: &status,
            kind: &kind,
            untitled: t_string!(i18n, action.untitled_activity),
        };
        let result = doc.plan.with_untracked(|plan| {
            let tasks = &plan.action_plan.activities;
            if tasks.is_empty() {
                return Err(t_string!(i18n, action.export_nothing).to_string());
            }
            if calendar {
                if tasks.iter().all(|t| t.due.is_none()) {
                    return Err(t_string!(i18n, action.export_nothing_dated).to_string());
                }
                let text = to_ics(plan, &words, now());
                doc.download_derived("-action-plan.ics", "text/calendar;charset=utf-8", &text)
                    .map_err(|e| t_string!(i18n, action.export_failed, reason = e).to_string())
            } else {
                // A byte-order mark, so spreadsheet apps read the accents right.
                let text = to_csv(plan, &words).map(|csv| format!("\u{feff}{csv}"));
                text.and_then(|t| {
                    doc.download_derived("-action-plan.csv", "text/csv;charset=utf-8", &t)
                })
                .map_err(|e| t_string!(i18n, action.export_failed, reason = e).to_string())
            }
        });
        error.set(result.err().unwrap_or_default());
    };
    view! {
        <section class="step-section" aria-labelledby="export-title">
            <h3 id="export-title">{t_string!(i18n, action.export_title)}</h3>
            <p class="field__hint">{t_string!(i18n, action.export_hint)}</p>
            <div class="button-row">
                <button type="button" class="button" id="export-csv" on:click=move |_| export(false)>{t_string!(i18n, action.export_csv)}</button>
                <button type="button" class="button" id="export-ics" on:click=move |_| export(true)>{t_string!(i18n, action.export_ics)}</button>
            </div>
            <p role="alert" class="field__error">{move || error.get()}</p>
        </section>
    }
}
