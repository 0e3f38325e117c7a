//! Step "Coalition activities": the stage, the menu of activities for it, and the activity log
//! with its filters. A one-on-one can update the partners' commitment.

use std::collections::HashSet;

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::activities::{
    ActivitiesStoreFields, Activity, ActivityKind, ActivityStoreFields, LogFilter, Stage,
    filtered_log, record_commitment,
};
use crate::domain::partners::Commitment;
use crate::domain::text::MAX_LINE;
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::format;
use crate::page::labels::{choices, commitment_label, kind_text, partner_name};
use crate::state::{today, use_document};
use crate::ui::components::card::ItemCard;
use crate::ui::components::fields::{Choice, Facts, Filter, Radios, TextBox};
use crate::ui::components::form::{Date, Line, Partners, Pick, Text};
use crate::ui::components::keyed::{at, list_order};
use crate::ui::components::pager::{Fresh, ShowMore, first_page};

type Ctx = leptos_i18n::I18nContext<Locale>;

/// The one-on-one commitment choices ("not recorded" first).
fn level_options(i18n: Ctx) -> Vec<(&'static str, String)> {
    let mut levels = vec![(
        "",
        t_string!(i18n, activities.commitment_not_set).to_string(),
    )];
    levels.extend(
        Commitment::ALL
            .into_iter()
            .filter(|c| *c != Commitment::Unknown)
            .map(|c| (c.as_str(), commitment_label(i18n, c).to_owned())),
    );
    levels
}

#[component]
pub fn ActivitiesStep() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let acts = doc.plan.activities();
    // The stage alone: typing in an entry of the log does not touch it.
    let current = Memo::new(move |_| acts.stage().get());
    let stage = Signal::derive(move || current.get().map_or("", Stage::as_str).to_owned());
    let set_stage = Callback::new(move |v: String| acts.stage().set(Stage::parse(&v)));
    let fresh = Fresh::new();
    let kind_filter = RwSignal::new(None::<ActivityKind>);
    let partner_filter = RwSignal::new(None::<Uuid>);
    let log = move |kind: ActivityKind, custom: String| {
        // A new entry matches no filter yet (it has no partners): show the whole log.
        kind_filter.set(None);
        partner_filter.set(None);
        let mut entry = Activity::new(kind, Some(today()));
        entry.custom_kind = custom;
        let id = entry.id;
        fresh.mark(id);
        acts.log().update(|log| log.insert(0, entry));
        focus_later(format!("#activity-{id}-date"));
    };
    // The menu as a list, or (before a stage is chosen) a line saying why there is none: a
    // list may hold only items.
    let menu = move || {
        let Some(stage) = current.get() else {
            return view! { <p class="empty">{t_string!(i18n, activities.menu_none)}</p> }
                .into_any();
        };
        let items = stage
            .menu()
            .iter()
            .map(|&k| {
                let (name, about) = kind_text(i18n, k);
                view! {
                    <li class="card menu-item">
                        <h4>{name}</h4>
                        <p>{about}</p>
                        <button type="button" class="button" id=format!("log-{}", k.as_str()) on:click=move |_| log(k, String::new())>
                            {t_string!(i18n, activities.log_one)}<span class="visually-hidden">" " {name}</span>
                        </button>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        view! { <ul class="card-list card-list--menu">{items}</ul> }.into_any()
    };
    let custom = RwSignal::new(String::new());
    let custom_error = RwSignal::new(String::new());
    let add_custom = move |_| {
        let name = crate::domain::text::clean_line(&custom.get_untracked());
        if name.is_empty() {
            custom_error.set(t_string!(i18n, activities.custom_empty).to_string());
            focus_later("#custom-activity");
            return;
        }
        custom_error.set(String::new());
        custom.set(String::new());
        log(ActivityKind::Custom, name);
    };

    view! {
        <Radios id="stage".to_string() legend=t_string!(i18n, activities.stage_label).to_string()
            options=vec![("new", t_string!(i18n, activities.stage_new).to_string()), ("established", t_string!(i18n, activities.stage_established).to_string())]
            value=stage on_change=set_stage/>
        <section class="step-section" aria-labelledby="menu-title">
            <h3 id="menu-title">{t_string!(i18n, activities.menu_title)}</h3>
            {menu}
            <div class="card custom-activity" role="group" aria-labelledby="custom-title">
                <h4 id="custom-title">{t_string!(i18n, activities.custom_title)}</h4>
                <TextBox id="custom-activity".to_string() label=t_string!(i18n, activities.custom_label).to_string()
                    max=MAX_LINE value=custom.into() on_input=Callback::new(move |v| custom.set(v))/>
                <p class="field__error" role="alert">{move || custom_error.get()}</p>
                <button type="button" class="button" on:click=add_custom>{t_string!(i18n, activities.custom_add)}</button>
            </div>
        </section>
        <ActivityLog fresh=fresh kind_filter=kind_filter partner_filter=partner_filter/>
    }
}

#[component]
fn ActivityLog(
    /// Activities logged in this visit; their editors start open.
    fresh: Fresh,
    /// The type filter's value (`None` for all).
    kind_filter: RwSignal<Option<ActivityKind>>,
    /// The partner filter's value (`None` for all).
    partner_filter: RwSignal<Option<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let acts = doc.plan.activities();
    // The log's ids in order: it changes when entries come, go or move, not while one is typed.
    let order = list_order(acts.log());
    let count = Memo::new(move |_| order.with(Vec::len));
    let shown = Memo::new(move |_| {
        let filter = LogFilter {
            kind: kind_filter.get(),
            partner: partner_filter.get(),
        };
        // The order is worked out again when the filters change or an entry comes or goes,
        // not while an entry is edited: a card that jumped away mid-edit would lose the focus.
        let _entries = count.get();
        acts.with_untracked(|a| filtered_log(&a.log, filter))
    });
    let total = move || count.get();
    // A long log is drawn a page at a time: drawing hundreds of entries at once is slow on the
    // shared, older machines organisers use.
    let limit = first_page();
    let visible =
        Memo::new(move |_| shown.with(|s| s.iter().take(limit.get()).copied().collect::<Vec<_>>()));
    // A memo, so the status region changes (and is announced) only when its words change.
    let count_text = Memo::new(move |_| {
        if total() == 0 {
            t_string!(i18n, activities.log_empty).to_string()
        } else if shown.with(|s| s.is_empty()) {
            t_string!(i18n, activities.log_filtered_empty).to_string()
        } else {
            t_string!(
                i18n,
                activities.log_count,
                shown = visible.with(|s| s.len()),
                total = total()
            )
            .to_string()
        }
    });
    // The filter offers the partners that appear in the log, in registry order: a registry
    // of thousands would make a list no one could use, and filtering by a partner with no
    // entry finds nothing.
    let involved = Memo::new(move |_| {
        let ids: HashSet<Uuid> = acts.with(|a| {
            a.log
                .iter()
                .flat_map(|e| e.partners.iter().copied())
                .collect()
        });
        doc.plan.partners().with(|ps| {
            ps.iter()
                .filter(|p| ids.contains(&p.id))
                .map(|p| (p.id, partner_name(i18n, &p.name)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="step-section" aria-labelledby="log-title">
            <h3 id="log-title" tabindex="-1">{t_string!(i18n, activities.log_title)}</h3>
            <div class="filters">
                <Filter id="filter-kind" label=t_string!(i18n, activities.filter_kind) any=t_string!(i18n, activities.filter_all) options=choices(i18n, &ActivityKind::ALL) value=kind_filter/>
                <Filter id="filter-partner" label=t_string!(i18n, activities.filter_partner) any=t_string!(i18n, activities.filter_all) options=involved value=partner_filter/>
            </div>
            <p role="status">{move || count_text.get()}</p>
            <ol class="card-list activity-log">
                <For each=move || visible.get() key=|id| *id let(id)>
                    <ActivityEntry id=id open=fresh.contains(id)/>
                </For>
            </ol>
            <ShowMore limit=limit total=Signal::derive(move || shown.with(Vec::len)) quiet=true/>
        </section>
    }
}

/// One entry of the log. Its controls are bound to this entry's own fields, so a keystroke
/// wakes this card's field and nothing else.
#[component]
fn ActivityEntry(
    id: Uuid,
    /// Starts with the editor open (a newly logged activity).
    open: bool,
) -> impl IntoView {
    let open = RwSignal::new(open);
    let i18n = use_i18n();
    let doc = use_document();
    let log = doc.plan.activities().log();
    let me = at(log, id);
    let lang = i18n.get_locale_untracked().as_str();
    let kind = Memo::new(move |_| me.kind().try_get().unwrap_or_default());
    let name = move || {
        let k = kind.get();
        let custom = me
            .custom_kind()
            .try_with(|c| c.trim().to_owned())
            .unwrap_or_default();
        if k == ActivityKind::Custom && !custom.is_empty() {
            custom
        } else {
            kind_text(i18n, k).0.to_string()
        }
    };
    let date = Memo::new(move |_| me.date().try_get().flatten());
    // A memo, so typing in one entry does not rewrite every entry's heading.
    let heading = Memo::new(move |_| {
        let when = date
            .get()
            .map(|d| format::date(d, lang))
            .unwrap_or_else(|| t_string!(i18n, activities.entry_undated).to_string());
        t_string!(i18n, activities.entry_heading, kind = name(), date = when).to_string()
    });
    let partners = Signal::derive(move || {
        doc.plan.partners().with(|ps| {
            ps.iter()
                .map(|p| (p.id, partner_name(i18n, &p.name)))
                .collect::<Vec<_>>()
        })
    });
    let updated = RwSignal::new(String::new());
    let fid = move |f: &str| format!("activity-{id}-{f}");
    // The entry at a glance: who took part and what came of it.
    // A memo, so the summary is redrawn only when this entry's facts change.
    let facts = Memo::new(move |_| {
        me.try_with(|x| {
            let who = doc.plan.partners().with(|ps| {
                x.partners
                    .iter()
                    .filter_map(|p| ps.iter().find(|q| q.id == *p))
                    .map(|p| partner_name(i18n, &p.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            vec![
                (t_string!(i18n, activities.partners_label), who),
                (
                    t_string!(i18n, activities.notes_label),
                    x.notes.trim().to_owned(),
                ),
                (
                    t_string!(i18n, activities.outcome_label),
                    x.outcome.trim().to_owned(),
                ),
                (
                    t_string!(i18n, activities.commitment_label),
                    x.commitment_after
                        .map(|c| commitment_label(i18n, c).to_owned())
                        .unwrap_or_default(),
                ),
            ]
        })
        .unwrap_or_default()
    });
    let question = Signal::derive(move || {
        t_string!(i18n, activities.remove_confirm, kind = name()).to_string()
    });

    view! {
        <ItemCard prefix=format!("activity-{id}") class="activity" level=4 heading=heading.into()
            name=heading.into() open=open focus=format!("#activity-{id}-date") question=question yes=t_string!(i18n, activities.remove_yes).to_string()
            on_remove=Callback::new(move |_| log.update(|l| l.retain(|x| x.id != id))) after_remove="#log-title"
            summary=ViewFn::from(move || view! { <Facts facts=facts.into()/> })>
            <div class="activity__grid">
                <Date id=fid("date") label=t_string!(i18n, activities.date_label).to_string() field=me.date()/>
                <Pick id=fid("kind") label=t_string!(i18n, activities.type_label).to_string()
                    options=ActivityKind::ALL.map(|k| (k, kind_text(i18n, k).0.to_string())).to_vec()
                    code=ActivityKind::as_str field=me.kind()/>
                <Show when=move || kind.get() == ActivityKind::Custom>
                    <Line id=fid("custom") label=t_string!(i18n, activities.custom_kind_label).to_string() field=me.custom_kind()/>
                </Show>
            </div>
            <Partners id=fid("partner") legend=t_string!(i18n, activities.partners_label).to_string()
                empty=t_string!(i18n, activities.no_partners).to_string()
                partners=partners field=me.partners()/>
            <Text id=fid("notes") label=t_string!(i18n, activities.notes_label).to_string() field=me.notes()/>
            <Text id=fid("outcome") label=t_string!(i18n, activities.outcome_label).to_string()
                hint=t_string!(i18n, activities.outcome_hint).to_string() field=me.outcome()/>
            <Show when=move || kind.get() == ActivityKind::OneOnOne>
                <Choice id=fid("commitment") label=t_string!(i18n, activities.commitment_label).to_string()
                    hint=t_string!(i18n, activities.commitment_hint).to_string() options=level_options(i18n)
                    value=Signal::derive(move || me.commitment_after().try_get().flatten().map_or("", |c| c.as_str()).to_owned())
                    on_change=Callback::new(move |v: String| {
                        let level = Commitment::parse(&v);
                        let mut count = 0;
                        doc.plan.update(|p| count = record_commitment(p, id, level));
                        updated.set(if count > 0 { t_string!(i18n, activities.commitment_updated, count = count).to_string() } else { String::new() });
                    })/>
                <p role="status" class="status-line">{move || updated.get()}</p>
            </Show>
        </ItemCard>
    }
}
