//! Step "Power analysis": put partners and the people to move on the spectrum of allies, with
//! their influence and the evidence for it; see the map; save dated snapshots and see who
//! moved; note who can move whom, through which messenger.

use leptos::prelude::*;
use reactive_stores::{DerefField, Field};
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::power::{Influence, InfluenceLink, Position, Stakeholder, StakeholderKind};
use crate::domain::power::{PowerAnalysisStoreFields, StakeholderStoreFields};
use crate::domain::text::{MAX_LINE, MAX_PARAGRAPH};
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::format;
use crate::page::labels::{
    influence_label, kind_label, or_blank, partner_name, position_label, stakeholder_name_of,
    stakeholder_names,
};
use crate::state::{now, today, use_document};
use crate::ui::components::card::ItemCard;
use crate::ui::components::fields::{Choice, DateBox, Facts, RemoveButton, TextBox};
use crate::ui::components::form::{Check, Line, Pick, Text};
use crate::ui::components::keyed::{at, item_memo, list_order};
use crate::ui::components::pager::{Fresh, ShowMore, first_page};
use crate::ui::components::power_chart::{self, PowerChart};

#[component]
pub fn PowerStep() -> impl IntoView {
    // Stakeholders added one by one in this visit; their editors start open.
    let fresh = Fresh::new();
    view! {
        <AddToMap fresh=fresh/>
        <PowerChart/>
        <Snapshots/>
        <StakeholderList fresh=fresh/>
        <Links/>
    }
}

/// Place partners from the registry, or add a target, decision maker, opponent or other.
#[component]
fn AddToMap(fresh: Fresh) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let power = doc.plan.power();
    // Follows the partners and who is on the map, not what is typed.
    let placed = Memo::new(move |_| {
        power
            .stakeholders()
            .with(|list| list.iter().filter_map(|s| s.partner).collect::<Vec<_>>())
    });
    let missing = Memo::new(move |_| {
        placed.with(|placed| {
            doc.plan.partners().with(|v| {
                v.iter()
                    .filter(|p| !placed.contains(&p.id))
                    .map(|p| (p.id, partner_name(i18n, &p.name)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let no_partners = Memo::new(move |_| doc.plan.partners().with(|p| p.is_empty()));
    let chosen = RwSignal::new(None::<Uuid>);
    let place = move |ids: Vec<Uuid>| {
        let added: Vec<Stakeholder> = ids.into_iter().map(Stakeholder::for_partner).collect();
        // One partner placed: open its card to place it. Several: they land closed, to be
        // placed on the map or opened one by one.
        let single = match added.as_slice() {
            [one] => Some(one.id),
            _ => None,
        };
        if let Some(id) = single {
            fresh.mark(id);
        }
        power.update(|p| p.stakeholders.extend(added));
        chosen.set(None);
        match single {
            Some(id) => focus_later(format!("#stakeholder-{id}-position")),
            None => focus_later("#chart-title"),
        }
    };
    let place_one = move |_| {
        let pick = chosen
            .get_untracked()
            .or_else(|| missing.with_untracked(|m| m.first().map(|x| x.0)));
        if let Some(id) = pick {
            place(vec![id]);
        }
    };
    let place_all = move |_| place(missing.get_untracked().into_iter().map(|x| x.0).collect());

    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(StakeholderKind::Target.as_str().to_owned());
    let error = RwSignal::new(String::new());
    let add = move |_| {
        let n = name.get_untracked();
        if n.trim().is_empty() {
            error.set(t_string!(i18n, power.add_name_missing).to_string());
            focus_later("#new-stakeholder-name");
            return;
        }
        let k = StakeholderKind::parse(&kind.get_untracked()).unwrap_or_default();
        let s = Stakeholder::named(k, n.trim());
        let id = s.id;
        fresh.mark(id);
        power.update(|p| p.stakeholders.push(s));
        name.set(String::new());
        error.set(String::new());
        focus_later(format!("#stakeholder-{id}-position"));
    };

    view! {
        <section class="step-section" aria-labelledby="add-title">
            <h3 id="add-title">{t_string!(i18n, power.add_title)}</h3>
            <div class="card add-box">
                {move || {
                    if no_partners.get() {
                        return view! { <p class="field__hint">{t_string!(i18n, power.no_partners)}</p> }.into_any();
                    }
                    let list = missing.get();
                    if list.is_empty() {
                        return view! { <p class="field__hint">{t_string!(i18n, power.all_partners_placed)}</p> }.into_any();
                    }
                    let options = list.into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect::<Vec<_>>();
                    view! {
                        <div class="field">
                            <label for="place-partner">{t_string!(i18n, power.add_partner_label)}</label>
                            <select id="place-partner" on:change=move |e| chosen.set(event_target_value(&e).parse().ok())>{options}</select>
                        </div>
                        <div class="button-row">
                            <button type="button" class="button button--primary" id="place-partner-button" on:click=place_one>{t_string!(i18n, power.add_partner)}</button>
                            <button type="button" class="button" on:click=place_all>{t_string!(i18n, power.add_all_partners)}</button>
                        </div>
                    }.into_any()
                }}
            </div>
            <div class="card add-box">
                <TextBox id="new-stakeholder-name".to_string() label=t_string!(i18n, power.add_name_label).to_string()
                    hint=t_string!(i18n, power.add_name_hint).to_string() max=MAX_LINE
                    value=name.into() on_input=Callback::new(move |v| name.set(v))/>
                <Choice id="new-stakeholder-kind".to_string() label=t_string!(i18n, power.kind_label).to_string()
                    options=StakeholderKind::ADDABLE.map(|k| (k.as_str(), kind_label(i18n, k).to_owned())).to_vec()
                    value=kind.into() on_change=Callback::new(move |v| kind.set(v))/>
                <button type="button" class="button button--primary" id="add-stakeholder" on:click=add>{t_string!(i18n, power.add)}</button>
                <p role="alert" class="field__error">{move || error.get()}</p>
            </div>
        </section>
    }
}

/// The stakeholders as cards, drawn a page at a time.
#[component]
fn StakeholderList(fresh: Fresh) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let power = doc.plan.power();
    let ids = list_order(power.stakeholders());
    let limit = first_page();
    let shown =
        Memo::new(move |_| ids.with(|v| v.iter().take(limit.get()).copied().collect::<Vec<_>>()));
    let total = move || ids.with(|v| v.len());
    view! {
        <section class="step-section" aria-labelledby="list-title">
            <h3 id="list-title" tabindex="-1">{t_string!(i18n, power.list_title)}</h3>
            <Show when=move || ids.with(|v| v.is_empty())>
                <p class="empty">{t_string!(i18n, power.empty)}</p>
            </Show>
            <ol class="card-list">
                <For each=move || shown.get() key=|id| *id let(id)>
                    <StakeholderCard id=id number=Signal::derive(move || ids.with(|v| v.iter().position(|x| *x == id).map_or(0, |i| i + 1)))
                        open=fresh.contains(id)/>
                </For>
            </ol>
            <ShowMore limit=limit total=Signal::derive(total)/>
        </section>
    }
}

#[component]
fn StakeholderCard(id: Uuid, number: Signal<usize>, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let power = doc.plan.power();
    let open = RwSignal::new(open);
    let me = at(power.stakeholders(), id);
    let item = item_memo(me);
    let name = stakeholder_name_of(i18n, item);
    let heading = move || {
        t_string!(
            i18n,
            power.heading,
            number = number.get(),
            name = name.get()
        )
        .to_string()
    };
    let fid = move |field: &str| format!("stakeholder-{id}-{field}");
    let facts = Memo::new(move |_| {
        item.with(|s| {
            s.as_ref()
                .map(|s| {
                    let evidence = or_blank(&s.evidence, t_string!(i18n, power.no_evidence));
                    vec![
                        (
                            t_string!(i18n, power.col_kind),
                            kind_label(i18n, s.kind).to_owned(),
                        ),
                        (
                            t_string!(i18n, power.position_label),
                            position_label(i18n, s.position).to_owned(),
                        ),
                        (
                            t_string!(i18n, power.influence_label),
                            influence_label(i18n, s.influence).to_owned(),
                        ),
                        (t_string!(i18n, power.evidence_label), evidence),
                    ]
                })
                .unwrap_or_default()
        })
    });
    let private = Memo::new(move |_| item.with(|s| s.as_ref().is_some_and(|s| s.private)));
    let evidence: Field<String> = me.evidence().deref_field().into();
    let question = Signal::derive(move || {
        t_string!(i18n, power.remove_confirm, name = name.get()).to_string()
    });
    let name_field = move || {
        match me.partner().try_get_untracked().flatten() {
        Some(_) => {
            view! { <p class="field__hint">{t_string!(i18n, power.from_partners)}</p> }.into_any()
        }
        None => view! {
            <Line id=fid("name") label=t_string!(i18n, power.name_label).to_string() field=me.name()/>
            <Pick id=fid("kind") label=t_string!(i18n, power.kind_label).to_string()
                options=StakeholderKind::ADDABLE.map(|k| (k, kind_label(i18n, k).to_owned())).to_vec()
                code=StakeholderKind::as_str field=me.kind()/>
        }
        .into_any(),
    }
    };
    view! {
        <ItemCard prefix=format!("stakeholder-{id}") level=4 heading=Signal::derive(heading)
            name=name.into() open=open focus=format!("#stakeholder-{id}-position") question=question yes=t_string!(i18n, power.remove_yes).to_string()
            badge=ViewFn::from(move || view! {
                <Show when=move || private.get()>
                    " " <span class="badge">{t_string!(i18n, power.private_badge)}</span>
                </Show>
            })
            on_remove=Callback::new(move |_| doc.plan.update(|p| p.remove_stakeholder(id))) after_remove="#list-title"
            summary=ViewFn::from(move || view! { <Facts facts=facts.into()/> })>
            <div class="card__grid">
                {name_field}
                <Pick id=fid("position") label=t_string!(i18n, power.position_label).to_string()
                    options=Position::ALL.map(|p| (p, position_label(i18n, p).to_owned())).to_vec()
                    code=Position::as_str field=me.position()/>
                <Pick id=fid("influence") label=t_string!(i18n, power.influence_label).to_string()
                    options=Influence::ALL.into_iter().rev().map(|x| (x, influence_label(i18n, x).to_owned())).collect()
                    code=Influence::as_str field=me.influence()/>
                <Text id=fid("evidence") label=t_string!(i18n, power.evidence_label).to_string()
                    hint=t_string!(i18n, power.evidence_hint).to_string() field=evidence/>
                <div class="field">
                    <Check id=fid("private") label=t_string!(i18n, power.private_label).to_string()
                        described=fid("private-hint") field=me.private()/>
                    <p class="field__hint" id=fid("private-hint")>{t_string!(i18n, power.private_hint)}</p>
                </div>
            </div>
        </ItemCard>
    }
}

/// Save today's map with a date; remove old snapshots.
#[component]
fn Snapshots() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let power = doc.plan.power();
    let lang = i18n.get_locale_untracked().as_str();
    let date = RwSignal::new(Some(today()));
    let saved = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let save = move |_| {
        saved.set(String::new());
        let Some(d) = date.get_untracked() else {
            error.set(t_string!(i18n, power.snapshot_bad_date).to_string());
            return;
        };
        if power.with_untracked(|p| p.stakeholders.is_empty()) {
            error.set(t_string!(i18n, power.snapshot_nobody).to_string());
            return;
        }
        let existed = power.with_untracked(|p| p.snapshots.iter().any(|s| s.date == d));
        power.update(|p| p.record_snapshot(d, now(), Uuid::new_v4()));
        error.set(String::new());
        let when = format::date(d, lang);
        saved.set(if existed {
            t_string!(i18n, power.snapshot_kept_both, date = when).to_string()
        } else {
            t_string!(i18n, power.snapshot_saved, date = when).to_string()
        });
    };
    // Each snapshot's id, label (with the time when another shares its date) and size.
    let list = Memo::new(move |_| {
        power
            .snapshots()
            .with(|s| power_chart::snapshot_labels(s, lang))
    });
    view! {
        <section class="step-section" aria-labelledby="snapshots-title">
            <h3 id="snapshots-title" tabindex="-1">{t_string!(i18n, power.snapshots_title)}</h3>
            <div class="card assessment">
                <p class="field__hint">{t_string!(i18n, power.snapshots_intro)}</p>
                <DateBox id="snapshot-date".to_string() label=t_string!(i18n, power.snapshot_date).to_string()
                    value=date.into() on_change=Callback::new(move |d| date.set(d))/>
                <button type="button" class="button button--primary" id="save-snapshot" on:click=save>{t_string!(i18n, power.save_snapshot)}</button>
                <p role="status" class="status-line">{move || saved.get()}</p>
                <p role="alert" class="field__error">{move || error.get()}</p>
            </div>
            <Show when=move || !list.with(|l| l.is_empty()) fallback=move || view! { <p class="empty">{t_string!(i18n, power.no_snapshots)}</p> }>
                <ul class="plain-list">
                    <For each=move || list.get() key=|s| s.clone() let((id, label, count))>
                        <li class="plain-list__item">
                            <span>{t_string!(i18n, power.snapshot_item, date = label.clone(), count = count).to_string()}</span>
                            <RemoveButton id=format!("snapshot-{id}-remove") label=t_string!(i18n, power.snapshot_remove).to_string()
                                name=Signal::stored(label.clone())
                                question=Signal::stored(t_string!(i18n, power.snapshot_remove_confirm, date = label.clone()).to_string())
                                yes=t_string!(i18n, power.snapshot_remove).to_string() cancel=t_string!(i18n, power.cancel).to_string()
                                on_yes=Callback::new(move |_| {
                                    power.update(|p| p.snapshots.retain(|s| s.id != id));
                                    focus_later("#snapshots-title");
                                })/>
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// Who can move whom, and through which partner.
#[component]
fn Links() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let power = doc.plan.power();
    let partners = doc.plan.partners();
    let names = stakeholder_names(i18n);
    let from = RwSignal::new(None::<Uuid>);
    let to = RwSignal::new(None::<Uuid>);
    let messenger = RwSignal::new(None::<Uuid>);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let add = move |_| {
        let first = names.with_untracked(|n| n.first().map(|x| x.0));
        let second = names.with_untracked(|n| n.get(1).map(|x| x.0));
        let (Some(a), Some(b)) = (
            from.get_untracked().or(first),
            to.get_untracked().or(second),
        ) else {
            return;
        };
        if !power.with_untracked(|p| p.can_link(a, b)) {
            error.set(t_string!(i18n, power.link_invalid).to_string());
            return;
        }
        let mut link = InfluenceLink::new(a, b);
        link.messenger = messenger.get_untracked();
        *link.note = note.get_untracked().trim().to_owned();
        power.update(|p| p.links.push(link));
        note.set(String::new());
        error.set(String::new());
    };
    let select = move |sel_id: &'static str,
                       label: String,
                       value: RwSignal<Option<Uuid>>,
                       default_index: usize| {
        view! {
            <div class="field">
                <label for=sel_id>{label}</label>
                <select id=sel_id on:change=move |e| value.set(event_target_value(&e).parse().ok())>
                    // Drawn again only when the names change; the choice is read then, not
                    // followed by each option (a map can hold hundreds).
                    {move || names.get().into_iter().enumerate().map(|(i, (id, n))| {
                        let selected = value.get_untracked().map_or(i == default_index, |v| v == id);
                        view! { <option value=id.to_string() selected=selected>{n}</option> }
                    }).collect::<Vec<_>>()}
                </select>
            </div>
        }
    };
    // Drawn again only when a partner's name changes; the select follows the choice itself,
    // so a registry of thousands does not give each option its own watcher.
    let messenger_names = Memo::new(move |_| {
        partners.with(|v| {
            v.iter()
                .map(|p| (p.id, partner_name(i18n, &p.name)))
                .collect::<Vec<_>>()
        })
    });
    let partner_options = move || {
        messenger_names
            .get()
            .into_iter()
            .map(|(id, n)| view! { <option value=id.to_string()>{n}</option> })
            .collect::<Vec<_>>()
    };
    let links = Memo::new(move |_| power.links().get());
    let partner_label = move |id: Uuid| {
        partners
            .with(|v| {
                v.iter()
                    .find(|p| p.id == id)
                    .map(|p| partner_name(i18n, &p.name))
            })
            .unwrap_or_default()
    };
    let name_of = move |id: Uuid| {
        names
            .with(|n| n.iter().find(|x| x.0 == id).map(|x| x.1.clone()))
            .unwrap_or_default()
    };
    view! {
        <section class="step-section" aria-labelledby="links-title">
            <h3 id="links-title" tabindex="-1">{t_string!(i18n, power.links_title)}</h3>
            <p>{t_string!(i18n, power.links_intro)}</p>
            <Show when=move || names.with(|n| n.len() >= 2) fallback=move || view! { <p class="empty">{t_string!(i18n, power.need_two)}</p> }>
                <div class="card add-box">
                    {select("link-from", t_string!(i18n, power.link_from).to_string(), from, 0)}
                    {select("link-to", t_string!(i18n, power.link_to).to_string(), to, 1)}
                    <div class="field">
                        <label for="link-messenger">{t_string!(i18n, power.link_messenger)}</label>
                        <select id="link-messenger" on:change=move |e| messenger.set(event_target_value(&e).parse().ok())
                            prop:value=move || messenger.get().map(|m| m.to_string()).unwrap_or_default()>
                            <option value="">{t_string!(i18n, power.link_messenger_none)}</option>
                            {partner_options}
                        </select>
                    </div>
                    <TextBox id="link-note".to_string() label=t_string!(i18n, power.link_note).to_string()
                        hint=t_string!(i18n, power.link_note_hint).to_string() max=MAX_PARAGRAPH
                        value=note.into() on_input=Callback::new(move |v| note.set(v))/>
                    <button type="button" class="button button--primary" id="add-link" on:click=add>{t_string!(i18n, power.add_link)}</button>
                    <p role="alert" class="field__error">{move || error.get()}</p>
                </div>
            </Show>
            <Show when=move || !links.with(|l| l.is_empty()) fallback=move || view! { <p class="empty">{t_string!(i18n, power.no_links)}</p> }>
                <ul class="plain-list" id="link-list">
                    {move || links.get().into_iter().map(|link| {
                        let id = link.id;
                        let line = t_string!(i18n, power.link_line, from = name_of(link.from), to = name_of(link.to)).to_string();
                        let via = link.messenger.map(|m| t_string!(i18n, power.link_via, name = partner_label(m)).to_string());
                        let line_name = line.clone();
                        view! {
                            <li class="plain-list__item">
                                <div>
                                    <p><strong>{line}</strong></p>
                                    {via.map(|v| view! { <p>{v}</p> })}
                                    {(!link.note.is_empty()).then(|| view! { <p class="prewrap">{(*link.note).clone()}</p> })}
                                </div>
                                <RemoveButton id=format!("link-{id}-remove") label=t_string!(i18n, power.link_remove).to_string()
                                    name=Signal::derive(move || line_name.clone())
                                    question=Signal::derive(move || t_string!(i18n, power.link_remove).to_string())
                                    yes=t_string!(i18n, power.link_remove).to_string() cancel=t_string!(i18n, power.cancel).to_string()
                                    on_yes=Callback::new(move |_| {
                                        power.update(|p| p.links.retain(|l| l.id != id));
                                        focus_later("#links-title");
                                    })/>
                            </li>
                        }
                    }).collect::<Vec<_>>()}
                </ul>
            </Show>
        </section>
    }
}
