//! Step "Goals (SMARTIE)": goals with one prompt and answer per letter, a rule-based coach
//! that updates as the organiser types, links to outcomes and tactics, an equity check for
//! every goal, and a practice mode that starts from a priority and asks one question at a time.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::goals::{
    CoachWords, DefinedQuality, Dimension, EquityGap, Flag, Goal, Impact, Letter, PracticePriority,
    coach, count_in,
};
use crate::domain::goals::{GoalStoreFields, MeasureStoreFields};
use crate::domain::text::{MAX_LINE, MAX_PARAGRAPH};
use crate::domain::toggle;
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::format;
use crate::page::labels::{
    dimension_label, goal_name, impact_label, letter_text, short, tactic_names,
};
use crate::state::{today, use_document};
use crate::ui::components::card::ItemCard;
use crate::ui::components::fields::{DateBox, Facts, PartnerPicker, Radios, TextBox, text_box};
use crate::ui::components::form::Number;
use crate::ui::components::keyed::{at, item_memo, moves};
use crate::ui::components::pager::{ShowMore, first_page, reach};

type Ctx = leptos_i18n::I18nContext<Locale>;

/// The coach's word lists, from the locale file.
pub fn coach_words(i18n: Ctx) -> CoachWords {
    CoachWords::parse(
        t_string!(i18n, goals.words_groups),
        t_string!(i18n, goals.words_power),
        t_string!(i18n, goals.words_fairness),
        t_string!(i18n, goals.words_months),
    )
}

/// What the coach says about a flag, with the way to fix it.
pub fn flag_text(i18n: Ctx, flag: Flag, window: &str) -> String {
    match flag {
        Flag::NoStatement => t_string!(i18n, goals.flag_no_statement).to_string(),
        Flag::NoMeasure => t_string!(i18n, goals.flag_no_measure).to_string(),
        Flag::NoUnit => t_string!(i18n, goals.flag_no_unit).to_string(),
        Flag::NoDeadline => t_string!(i18n, goals.flag_no_deadline).to_string(),
        Flag::DeadlineOutsidePlan => {
            t_string!(i18n, goals.flag_deadline_outside, window = window).to_string()
        }
        Flag::NoGroup => t_string!(i18n, goals.flag_no_group).to_string(),
        Flag::Tokenism => t_string!(i18n, goals.flag_tokenism).to_string(),
        Flag::NoFairness => t_string!(i18n, goals.flag_no_fairness).to_string(),
    }
}

/// What an equity check still needs, in words.
pub fn gap_text(i18n: Ctx, gaps: &[EquityGap]) -> Vec<String> {
    let unanswered: Vec<&str> = gaps
        .iter()
        .filter_map(|g| match g {
            EquityGap::Unanswered(d) => Some(dimension_label(i18n, *d)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    if !unanswered.is_empty() {
        out.push(
            t_string!(
                i18n,
                goals.gap_unanswered,
                dimensions = unanswered.join(", ")
            )
            .to_string(),
        );
    }
    for g in gaps {
        match g {
            EquityGap::Unanswered(_) => {}
            EquityGap::NoMitigation => out.push(t_string!(i18n, goals.gap_mitigation).to_string()),
            EquityGap::NoWayToCheck => {
                out.push(t_string!(i18n, goals.gap_how_to_check).to_string())
            }
            EquityGap::NoRecheckDate => out.push(t_string!(i18n, goals.gap_recheck).to_string()),
        }
    }
    out
}

#[component]
pub fn GoalsStep() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let goals = doc.plan.goals();
    let words = StoredValue::new(coach_words(i18n));
    let ids = Memo::new(move |_| goals.with(|v| v.iter().map(|g| g.id).collect::<Vec<_>>()));
    let limit = first_page();
    // Goals added in this visit start open; those from practice mode start guided.
    let fresh = StoredValue::new(Vec::<(Uuid, bool)>::new());
    let add = move |goal: Goal, guided: bool| {
        let id = goal.id;
        fresh.update_value(|f| f.push((id, guided)));
        goals.update(|v| v.push(goal));
        reach(limit, ids.with_untracked(Vec::len));
        let first = if guided { "target" } else { "statement" };
        focus_later(format!("#goal-{id}-{first}"));
    };
    let tactics = tactic_names(i18n);
    let outcomes = Memo::new(move |_| {
        doc.plan.theory_of_change().with(|t| {
            t.statements
                .iter()
                .enumerate()
                .map(|(n, s)| (s.id, short(i18n, n + 1, &s.outcome)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section aria-labelledby="goals-title">
            <h3 id="goals-title" tabindex="-1">{t_string!(i18n, goals.list_title)}</h3>
            <Show when=move || ids.with(|v| v.is_empty())>
                <p class="empty">{t_string!(i18n, goals.empty)}</p>
            </Show>
            <ol class="card-list">
                <For each=move || ids.with(|v| v.iter().take(limit.get()).copied().collect::<Vec<_>>()) key=|id| *id let(id)>
                    {
                        let (open, guided) = fresh.with_value(|f| f.iter().find(|x| x.0 == id).map_or((false, false), |x| (true, x.1)));
                        let position = Signal::derive(move || ids.with(|v| (v.iter().position(|x| *x == id).unwrap_or(0), v.len())));
                        view! { <GoalCard id=id open=open guided=guided position=position words=words tactics=tactics outcomes=outcomes/> }
                    }
                </For>
            </ol>
            <ShowMore limit=limit total=Signal::derive(move || ids.with(Vec::len))/>
            <button type="button" class="button button--primary" on:click=move |_| add(Goal::new(), false)>
                {t_string!(i18n, goals.add)}
            </button>
        </section>
        <Practice on_start=Callback::new(move |priority: String| add(Goal::from_priority(&priority), true))/>
    }
}

/// Practice mode: pick one of the two example priorities or write one, then answer one
/// question at a time.
#[component]
fn Practice(on_start: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let choice = RwSignal::new(PracticePriority::SteeringCommittee.key().to_owned());
    let own = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let example = move |p: PracticePriority| match p {
        PracticePriority::SteeringCommittee => t_string!(i18n, goals.practice_steering),
        PracticePriority::CommunityRelationships => t_string!(i18n, goals.practice_relationships),
    };
    let mut options: Vec<(&'static str, String)> = PracticePriority::ALL
        .iter()
        .map(|p| (p.key(), example(*p).to_owned()))
        .collect();
    options.push(("own", t_string!(i18n, goals.practice_own).to_string()));
    let start = move |_| {
        let key = choice.get_untracked();
        let priority = match PracticePriority::ALL.iter().find(|p| p.key() == key) {
            Some(p) => example(*p).to_owned(),
            None => own.get_untracked().trim().to_owned(),
        };
        if priority.is_empty() {
            missing.set(true);
            focus_later("#practice-own");
            return;
        }
        missing.set(false);
        own.set(String::new());
        on_start.run(priority);
    };
    view! {
        <section class="card practice" aria-labelledby="practice-title">
            <h3 id="practice-title">{t_string!(i18n, goals.practice_title)}</h3>
            <p>{t_string!(i18n, goals.practice_intro)}</p>
            <Radios id="practice-choice".to_string() legend=t_string!(i18n, goals.practice_choice).to_string()
                options=options value=choice.into() on_change=Callback::new(move |v: String| choice.set(v))/>
            <Show when=move || choice.with(|c| c == "own")>
                <TextBox id="practice-own".to_string() label=t_string!(i18n, goals.practice_own_label).to_string() error_id="practice-error".to_string()
                    max=MAX_PARAGRAPH value=own.into() on_input=Callback::new(move |v: String| own.set(v))/>
            </Show>
            <p class="field__error" id="practice-error" role="alert">
                {move || missing.get().then(|| t_string!(i18n, goals.practice_own_missing))}
            </p>
            <button type="button" class="button" on:click=start>{t_string!(i18n, goals.practice_start)}</button>
        </section>
    }
}

/// How many questions the guided mode asks.
const GUIDED_PAGES: usize = 6;

#[component]
fn GoalCard(
    id: Uuid,
    open: bool,
    guided: bool,
    position: Signal<(usize, usize)>,
    words: StoredValue<CoachWords>,
    tactics: Memo<Vec<(Uuid, String)>>,
    outcomes: Memo<Vec<(Uuid, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let goals = doc.plan.goals();
    let lang = i18n.get_locale_untracked().as_str();
    let open = RwSignal::new(open);
    let guided = RwSignal::new(guided);
    let page = RwSignal::new(1usize);
    let me = at(goals, id);
    let item = item_memo(me);
    let measure = me.measure();
    let edit = move |f: &dyn Fn(&mut Goal)| edit_goal(goals, id, f);
    let name = Memo::new(move |_| {
        item.with(|g| g.as_ref().map(|g| goal_name(i18n, g)))
            .unwrap_or_default()
    });
    let window = Memo::new(move |_| doc.plan.overview().with(|o| o.window()));
    let flags = Memo::new(move |_| {
        let window = window.get();
        item.with(|g| {
            g.as_ref()
                .map(|g| words.with_value(|words| coach(g, window, words)))
        })
        .unwrap_or_default()
    });
    let window_words = move || {
        let w = window.get();
        let d = |x: Option<chrono::NaiveDate>| {
            x.map_or_else(
                || t_string!(i18n, goals.window_open).to_string(),
                |d| format::date(d, lang),
            )
        };
        t_string!(i18n, goals.window_range, start = d(w.start), end = d(w.end)).to_string()
    };
    let gaps = Memo::new(move |_| {
        item.with(|g| g.as_ref().map(|g| g.equity.gaps()))
            .unwrap_or_default()
    });
    let fid = move |field: &str| format!("goal-{id}-{field}");
    let text = move |field: &'static str,
                     label: &str,
                     hint: Option<&str>,
                     rows: Option<u32>,
                     max: usize,
                     get: fn(&Goal) -> &String,
                     set: fn(&mut Goal) -> &mut String| {
        goal_text(id, item, fid(field), label, hint, rows, max, (get, set))
    };
    let answered = move |l: Letter| {
        Memo::new(move |_| {
            item.with(|g| {
                g.as_ref()
                    .is_some_and(|g| words.with_value(|w| l.answered(g, w)))
            })
        })
    };
    let letter_head = move |l: Letter| {
        let (title, _) = letter_text(i18n, l);
        let done = answered(l);
        view! {
            <h6 class="letter__title">
                {title} " "
                <span class="letter__state" class:letter__state--done=move || done.get()>
                    {move || if done.get() { t_string!(i18n, goals.answered) } else { t_string!(i18n, goals.not_answered) }}
                </span>
            </h6>
        }
    };
    let flags_for = move |letter: Option<Letter>| {
        let w = window_words.clone();
        move || {
            let list: Vec<String> = flags.with(|f| {
                f.iter()
                    .filter(|x| letter.is_none() || x.letter() == letter)
                    .map(|x| flag_text(i18n, *x, &w()))
                    .collect()
            });
            (!list.is_empty()).then(|| view! {
                <ul class="coach__flags">{list.into_iter().map(|t| view! { <li>"⚠ " {t}</li> }).collect::<Vec<_>>()}</ul>
            })
        }
    };
    // The number the coach found in the goal's words, while no target is set.
    let found = Memo::new(move |_| {
        item.with(|g| {
            g.as_ref()
                .filter(|g| g.measure.target.is_none())
                .and_then(|g| words.with_value(|w| count_in(&g.statement, &w.months)))
        })
    });

    let statement = move || {
        text(
            "statement",
            t_string!(i18n, goals.statement),
            Some(t_string!(i18n, goals.statement_hint)),
            Some(3),
            MAX_PARAGRAPH,
            |g| &g.statement,
            |g| &mut g.statement,
        )
    };
    let priority = move || {
        text(
            "priority",
            t_string!(i18n, goals.priority),
            Some(t_string!(i18n, goals.priority_hint)),
            None,
            MAX_PARAGRAPH,
            |g| &g.priority,
            |g| &mut g.priority,
        )
    };
    let letter_answer = move |l: Letter,
                              field: &'static str,
                              get: fn(&Goal) -> &String,
                              set: fn(&mut Goal) -> &mut String| {
        let (_, prompt) = letter_text(i18n, l);
        text(field, prompt, None, Some(2), MAX_PARAGRAPH, get, set)
    };
    let measure = move || {
        let qualities = Memo::new(move |_| {
            item.with(|g| {
                g.as_ref()
                    .map(|g| g.measure.qualities.iter().map(|q| q.id).collect::<Vec<_>>())
            })
            .unwrap_or_default()
        });
        let numbered = move || {
            qualities
                .get()
                .into_iter()
                .enumerate()
                .map(|(i, q)| (q, i + 1))
                .collect::<Vec<_>>()
        };
        // Keyed by id and number, so a row is drawn again with its new number when one above
        // it is removed.
        let quality = move |qid: Uuid, number: usize| {
            let value: Signal<String> = Memo::new(move |_| {
                item.with(|g| {
                    g.as_ref().and_then(|g| {
                        g.measure
                            .qualities
                            .iter()
                            .find(|q| q.id == qid)
                            .map(|q| q.text.clone())
                    })
                })
                .unwrap_or_default()
            })
            .into();
            let qfid = format!("goal-{id}-quality-{qid}");
            view! {
                <li class="quality-line">
                    <TextBox id=qfid.clone() label=t_string!(i18n, goals.quality_label, number = number).to_string()
                        rows=2 max=MAX_PARAGRAPH value=value
                        on_input=Callback::new(move |v: String| edit(&|g| if let Some(q) = g.measure.qualities.iter_mut().find(|q| q.id == qid) { q.text = v.clone() }))/>
                    <button type="button" class="button button--small" on:click=move |_| {
                        edit(&|g| g.measure.qualities.retain(|q| q.id != qid));
                        focus_later(format!("#goal-{id}-add-quality"));
                    }>{t_string!(i18n, goals.remove_quality, number = number).to_string()}</button>
                </li>
            }
        };
        view! {
            <div class="measure">
                <div class="measure__numbers">
                    <Number id=fid("target") label=t_string!(i18n, goals.target).to_string() hint=t_string!(i18n, goals.target_hint).to_string()
                        field=measure.target()/>
                    {text("unit", t_string!(i18n, goals.unit), Some(t_string!(i18n, goals.unit_hint)), None, MAX_LINE, |g| &g.measure.unit, |g| &mut g.measure.unit)}
                    <Number id=fid("baseline") label=t_string!(i18n, goals.baseline).to_string() hint=t_string!(i18n, goals.baseline_hint).to_string()
                        field=measure.baseline()/>
                </div>
                {move || found.get().map(|n| view! { <p class="field__hint">{t_string!(i18n, goals.count_found, number = n).to_string()}</p> })}
                <fieldset class="choices">
                    <legend>{t_string!(i18n, goals.qualities)}</legend>
                    <p class="field__hint">{t_string!(i18n, goals.qualities_hint)}</p>
                    <ol class="quality-list">
                        <For each=numbered key=|q| *q let((qid, number))>{quality(qid, number)}</For>
                    </ol>
                    <button type="button" class="button" id=fid("add-quality") on:click=move |_| {
                        let q = DefinedQuality::new();
                        let qid = q.id;
                        edit(&|g| g.measure.qualities.push(q.clone()));
                        focus_later(format!("#goal-{id}-quality-{qid}"));
                    }>{t_string!(i18n, goals.add_quality)}</button>
                </fieldset>
                {letter_answer(Letter::M, "measurable", |g| &g.answers.measurable, |g| &mut g.answers.measurable)}
            </div>
        }
    };
    let deadline = move || {
        view! {
            <DateBox id=fid("deadline") label=t_string!(i18n, goals.deadline).to_string()
                value=Memo::new(move |_| item.with(|g| g.as_ref().and_then(|g| g.deadline))).into()
                on_change=Callback::new(move |d| edit(&|g| g.deadline = d))/>
        }
    };
    let inclusive = move || {
        view! {
            {letter_answer(Letter::I, "inclusive", |g| &g.answers.inclusive, |g| &mut g.answers.inclusive)}
            {text("power", t_string!(i18n, goals.prompt_power), None, Some(2), MAX_PARAGRAPH, |g| &g.answers.power, |g| &mut g.answers.power)}
        }
    };
    let letter_block = move |l: Letter, body: AnyView| {
        view! {
            <div class="letter" id=format!("goal-{id}-letter-{}", l.as_str())>
                {letter_head(l)}
                {body}
                {flags_for(Some(l))}
            </div>
        }
    };
    let letters = move || {
        view! {
            <section class="letters" aria-labelledby=fid("letters")>
                <h5 id=fid("letters")>{t_string!(i18n, goals.letters_title)}</h5>
                {letter_block(Letter::S, letter_answer(Letter::S, "strategic", |g| &g.answers.strategic, |g| &mut g.answers.strategic))}
                {letter_block(Letter::M, measure().into_any())}
                {letter_block(Letter::A, letter_answer(Letter::A, "ambitious", |g| &g.answers.ambitious, |g| &mut g.answers.ambitious))}
                {letter_block(Letter::R, letter_answer(Letter::R, "realistic", |g| &g.answers.realistic, |g| &mut g.answers.realistic))}
                {letter_block(Letter::T, deadline().into_any())}
                {letter_block(Letter::I, inclusive().into_any())}
                {letter_block(Letter::E, letter_answer(Letter::E, "equitable", |g| &g.answers.equitable, |g| &mut g.answers.equitable))}
            </section>
        }
    };
    let coach_panel = move || {
        let count = move || flags.with(|f| f.len());
        view! {
            <section class="coach" aria-labelledby=fid("coach")>
                <h5 id=fid("coach")>{t_string!(i18n, goals.coach_title)}</h5>
                <p class="coach__state" class:coach__state--ok=move || count() == 0>
                    {move || if count() == 0 { t_string!(i18n, goals.coach_ok).to_string() } else { t_string!(i18n, goals.coach_count, count = count()).to_string() }}
                </p>
                {flags_for(None)}
            </section>
        }
    };
    let links = move || {
        let selected = |get: fn(&Goal) -> &Vec<Uuid>| -> Signal<Vec<Uuid>> {
            Memo::new(move |_| {
                item.with(|g| g.as_ref().map(|g| get(g).clone()))
                    .unwrap_or_default()
            })
            .into()
        };
        view! {
            <section class="links" aria-labelledby=fid("links")>
                <h5 id=fid("links")>{t_string!(i18n, goals.links_title)}</h5>
                <PartnerPicker id=fid("outcomes") legend=t_string!(i18n, goals.outcomes).to_string()
                    empty=t_string!(i18n, goals.no_outcomes).to_string() partners=outcomes.into()
                    selected=selected(|g| &g.outcomes)
                    on_toggle=Callback::new(move |(o, on): (Uuid, bool)| edit(&|g| toggle(&mut g.outcomes, o, on)))/>
                <PartnerPicker id=fid("tactics") legend=t_string!(i18n, goals.tactics).to_string()
                    empty=t_string!(i18n, goals.no_tactics).to_string() partners=tactics.into()
                    selected=selected(|g| &g.tactics)
                    on_toggle=Callback::new(move |(t, on): (Uuid, bool)| edit(&|g| toggle(&mut g.tactics, t, on)))/>
            </section>
        }
    };
    let equity = move || view! { <EquityCheckForm id=id item=item gaps=gaps/> };
    // Every answer so far, beside the sentence that practice mode asks for last.
    let answers = Memo::new(move |_| {
        item.with(|g| {
            let Some(g) = g else { return Vec::new() };
            let a = &g.answers;
            vec![
                (
                    t_string!(i18n, goals.priority),
                    g.priority.trim().to_owned(),
                ),
                (
                    t_string!(i18n, goals.letter_m),
                    crate::domain::report::measure_words(g),
                ),
                (
                    t_string!(i18n, goals.letter_t),
                    g.deadline
                        .map(|d| format::date(d, lang))
                        .unwrap_or_default(),
                ),
                (
                    t_string!(i18n, goals.prompt_i),
                    a.inclusive.trim().to_owned(),
                ),
                (
                    t_string!(i18n, goals.prompt_power),
                    a.power.trim().to_owned(),
                ),
                (
                    t_string!(i18n, goals.letter_e),
                    a.equitable.trim().to_owned(),
                ),
                (
                    t_string!(i18n, goals.letter_s),
                    a.strategic.trim().to_owned(),
                ),
            ]
        })
    });
    let guided_view = move || {
        let body = move || {
            match page.get() {
            1 => view! { {measure()} {flags_for(Some(Letter::M))} }.into_any(),
            2 => view! { {deadline()} {flags_for(Some(Letter::T))} }.into_any(),
            3 => view! { {inclusive()} {flags_for(Some(Letter::I))} }.into_any(),
            4 => view! { {letter_answer(Letter::E, "equitable", |g| &g.answers.equitable, |g| &mut g.answers.equitable)} {flags_for(Some(Letter::E))} }.into_any(),
            5 => view! {
                {letter_answer(Letter::S, "strategic", |g| &g.answers.strategic, |g| &mut g.answers.strategic)}
                {letter_answer(Letter::A, "ambitious", |g| &g.answers.ambitious, |g| &mut g.answers.ambitious)}
                {letter_answer(Letter::R, "realistic", |g| &g.answers.realistic, |g| &mut g.answers.realistic)}
            }.into_any(),
            _ => view! { {statement()} <Facts facts=answers.into()/> {coach_panel()} }.into_any(),
        }
        };
        let question = move || match page.get() {
            1 => t_string!(i18n, goals.guided_q1),
            2 => t_string!(i18n, goals.guided_q2),
            3 => t_string!(i18n, goals.guided_q3),
            4 => t_string!(i18n, goals.guided_q4),
            5 => t_string!(i18n, goals.guided_q5),
            _ => t_string!(i18n, goals.guided_q6),
        };
        let go = move |by: isize| {
            let next =
                (page.get_untracked() as isize + by).clamp(1, GUIDED_PAGES as isize) as usize;
            page.set(next);
            focus_later(format!("#goal-{id}-question"));
        };
        view! {
            <div class="guided">
                {priority()}
                <p class="guided__count">{move || t_string!(i18n, goals.guided, number = page.get(), total = GUIDED_PAGES).to_string()}</p>
                <h5 class="guided__question" id=fid("question") tabindex="-1">{question}</h5>
                {body}
                <div class="button-row">
                    <button type="button" class="button" disabled=move || page.get() == 1 on:click=move |_| go(-1)>{t_string!(i18n, goals.guided_back)}</button>
                    <button type="button" class="button button--primary" disabled=move || page.get() == GUIDED_PAGES on:click=move |_| go(1)>{t_string!(i18n, goals.guided_next)}</button>
                </div>
            </div>
        }
    };
    let full_view = move || {
        view! {
            {statement()}
            {priority()}
            {coach_panel()}
            {letters()}
            {links()}
            {equity()}
        }
    };
    let facts = Memo::new(move |_| {
        let n = flags.with(|f| f.len());
        let gaps_left = gaps.with(|g| !g.is_empty());
        item.with(|g| {
            let Some(g) = g else { return Vec::new() };
            let deadline = g
                .deadline
                .map(|d| format::date(d, lang))
                .unwrap_or_default();
            let coach_state = if n == 0 {
                t_string!(i18n, goals.coach_ok).to_string()
            } else {
                t_string!(i18n, goals.coach_count, count = n).to_string()
            };
            let equity = if gaps_left {
                gap_text(i18n, &g.equity.gaps()).join(" ")
            } else {
                t_string!(i18n, goals.equity_complete).to_string()
            };
            let recheck = match g.equity.recheck_on {
                Some(d) if g.equity.recheck_due(today()) => {
                    t_string!(i18n, goals.recheck_due, date = format::date(d, lang)).to_string()
                }
                Some(d) => {
                    t_string!(i18n, goals.recheck_planned, date = format::date(d, lang)).to_string()
                }
                None => String::new(),
            };
            vec![
                (
                    t_string!(i18n, goals.priority),
                    g.priority.trim().to_owned(),
                ),
                (t_string!(i18n, goals.deadline), deadline),
                (
                    t_string!(i18n, goals.letter_m),
                    crate::domain::report::measure_words(g),
                ),
                (t_string!(i18n, goals.coach_title), coach_state),
                (
                    t_string!(i18n, goals.equity_title),
                    format!("{equity} {recheck}").trim().to_owned(),
                ),
            ]
        })
    });
    let question = Signal::derive(move || {
        t_string!(i18n, goals.remove_confirm, name = name.get()).to_string()
    });
    let moves = moves(goals, id, position);
    let number = move || position.get().0 + 1;
    let heading = Signal::derive(move || {
        t_string!(i18n, goals.heading, number = number(), name = name.get()).to_string()
    });
    view! {
        <ItemCard prefix=format!("goal-{id}") class="goal" level=4 heading=heading name=name.into()
            open=open focus=format!("#goal-{id}-mode") question=question yes=t_string!(i18n, goals.remove_yes).to_string() moves=moves
            on_remove=Callback::new(move |_| doc.plan.update(|p| p.remove_goal(id))) after_remove="#goals-title"
            summary=ViewFn::from(move || view! { <Facts facts=facts.into()/> })>
            <div class="button-row">
                <button type="button" class="button button--small" id=fid("mode")
                    on:click=move |_| guided.update(|g| *g = !*g)>
                    {move || if guided.get() { t_string!(i18n, goals.guided_all) } else { t_string!(i18n, goals.guided_show) }}
                </button>
            </div>
            {move || if guided.get() { guided_view().into_any() } else { full_view().into_any() }}
        </ItemCard>
    }
}

/// The plan's goals, as the store hands them out.
type GoalsField = crate::ui::components::keyed::Keyed<
    reactive_stores::Store<crate::domain::Plan>,
    crate::domain::Plan,
    Goal,
>;

/// Changes goal `id` with `f`; every field of a goal's editor goes through here.
fn edit_goal(goals: GoalsField, id: Uuid, f: &dyn Fn(&mut Goal)) {
    crate::ui::components::keyed::edit_item(goals, id, f)
}

/// The getter and setter of one text of a goal.
type GoalText = (fn(&Goal) -> &String, fn(&mut Goal) -> &mut String);

/// A text box for one text of goal `id`: it shows the goal's text, and typing changes it.
#[allow(clippy::too_many_arguments)]
fn goal_text(
    id: Uuid,
    item: Memo<Option<Goal>>,
    field_id: String,
    label: &str,
    hint: Option<&str>,
    rows: Option<u32>,
    max: usize,
    (get, set): GoalText,
) -> AnyView {
    let goals = use_document().plan.goals();
    let value: Signal<String> = Memo::new(move |_| {
        item.with(|g| g.as_ref().map(|g| get(g).clone()))
            .unwrap_or_default()
    })
    .into();
    let on_input = Callback::new(move |v: String| edit_goal(goals, id, &|g| *set(g) = v.clone()));
    text_box(
        field_id,
        label.to_owned(),
        hint.map(str::to_owned),
        rows,
        max,
        value,
        on_input,
    )
}

/// A goal's equity check: an answer for each dimension, what the coalition will do, and when
/// it will look again.
#[component]
fn EquityCheckForm(
    id: Uuid,
    item: Memo<Option<Goal>>,
    gaps: Memo<Vec<EquityGap>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let goals = use_document().plan.goals();
    let lang = i18n.get_locale_untracked().as_str();
    let edit = move |f: &dyn Fn(&mut Goal)| edit_goal(goals, id, f);
    let fid = move |field: &str| format!("goal-{id}-equity-{field}");
    let impacts: Vec<(&'static str, String)> = Impact::ALL
        .iter()
        .map(|i| (i.as_str(), impact_label(i18n, *i).to_owned()))
        .collect();
    let dimension = move |d: Dimension| {
        let label = dimension_label(i18n, d);
        let value: Signal<String> = Memo::new(move |_| {
            item.with(|g| {
                g.as_ref()
                    .and_then(|g| d.of(&g.equity).impact)
                    .map(|i| i.as_str().to_owned())
            })
            .unwrap_or_default()
        })
        .into();
        let note: Signal<String> = Memo::new(move |_| {
            item.with(|g| g.as_ref().map(|g| d.of(&g.equity).note.clone()))
                .unwrap_or_default()
        })
        .into();
        // A note is asked for where there is something to say: a possible impact, or one that
        // cannot be foreseen yet (or a note already written).
        let noting = Memo::new(move |_| {
            item.with(|g| {
                g.as_ref().is_some_and(|g| {
                    let a = d.of(&g.equity);
                    matches!(a.impact, Some(Impact::Possible | Impact::CannotTell))
                        || !a.note.is_empty()
                })
            })
        });
        let note_id = fid(&format!("{}-note", d.key()));
        view! {
            <div class="equity__dimension">
                <Radios id=fid(d.key()) legend=label.to_owned() options=impacts.clone() value=value inline=true
                    on_change=Callback::new(move |v: String| edit(&|g| d.of_mut(&mut g.equity).impact = Impact::parse(&v)))/>
                <Show when=move || noting.get()>
                    <TextBox id=note_id.clone() label=t_string!(i18n, goals.impact_note, dimension = label).to_string()
                        rows=2 max=MAX_PARAGRAPH value=note
                        on_input=Callback::new(move |v: String| edit(&|g| d.of_mut(&mut g.equity).note = v.clone()))/>
                </Show>
            </div>
        }
    };
    let text = move |field: &'static str,
                     label: &'static str,
                     hint: &'static str,
                     get: fn(&Goal) -> &String,
                     set: fn(&mut Goal) -> &mut String| {
        goal_text(
            id,
            item,
            fid(field),
            label,
            Some(hint),
            Some(3),
            MAX_PARAGRAPH,
            (get, set),
        )
    };
    let recheck = Memo::new(move |_| {
        item.with(|g| {
            g.as_ref()
                .map(|g| (g.equity.recheck_on, g.equity.rechecked_on))
        })
        .unwrap_or_default()
    });
    let due = Memo::new(move |_| {
        item.with(|g| g.as_ref().is_some_and(|g| g.equity.recheck_due(today())))
    });
    view! {
        <section class="equity" aria-labelledby=fid("title")>
            <h5 id=fid("title")>{t_string!(i18n, goals.equity_title)}</h5>
            <p>{t_string!(i18n, goals.equity_intro)}</p>
            {Dimension::ALL.map(dimension)}
            {text("mitigation", t_string!(i18n, goals.mitigation), t_string!(i18n, goals.mitigation_hint), |g| &g.equity.mitigation, |g| &mut g.equity.mitigation)}
            {text("how", t_string!(i18n, goals.how_to_check), t_string!(i18n, goals.how_to_check_hint), |g| &g.equity.how_to_check, |g| &mut g.equity.how_to_check)}
            <DateBox id=fid("recheck") label=t_string!(i18n, goals.recheck_on).to_string()
                value=Memo::new(move |_| recheck.get().0).into()
                on_change=Callback::new(move |d| edit(&|g| g.equity.recheck_on = d))/>
            <Show when=move || due.get()>
                <p class="flag flag--late">{move || recheck.get().0.map(|d| t_string!(i18n, goals.recheck_due, date = format::date(d, lang)).to_string())}</p>
            </Show>
            {move || recheck.get().1.map(|d| view! { <p class="field__hint">{t_string!(i18n, goals.rechecked_on, date = format::date(d, lang)).to_string()}</p> })}
            <Show when=move || due.get()>
                <button type="button" class="button" on:click=move |_| { let t = today(); edit(&|g| g.equity.rechecked_on = Some(t)) }>
                    {t_string!(i18n, goals.mark_rechecked)}
                </button>
            </Show>
            <div class="equity__gaps">
                {move || {
                    let list = gaps.with(|g| gap_text(i18n, g));
                    if list.is_empty() {
                        view! { <p class="coach__state coach__state--ok">{t_string!(i18n, goals.equity_complete)}</p> }.into_any()
                    } else {
                        view! { <ul class="coach__flags">{list.into_iter().map(|t| view! { <li>"⚠ " {t}</li> }).collect::<Vec<_>>()}</ul> }.into_any()
                    }
                }}
            </div>
        </section>
    }
}
