//! Step "Stakeholder analysis": one table of everyone on the power map, with their interests,
//! influence, position, what we want from them, how we engage them and the messenger. It sorts
//! and filters, and every cell is edited in place. On narrow screens each row stacks, with the
//! column's name shown above each cell.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::power::PowerAnalysisStoreFields;
use crate::domain::power::{
    Influence, Position, Stakeholder, StakeholderFilter, StakeholderKind, StakeholderSort,
    stakeholder_rows,
};
use crate::domain::steps::Step;
use crate::domain::text::MAX_PARAGRAPH;
use crate::i18n::*;
use crate::page::labels::{
    choices, influence_options, kind_label, partner_name, position_options, stakeholder_name_of,
};
use crate::state::use_document;
use crate::ui::components::fields::{Filter, SortBy};
use crate::ui::components::keyed::{at, edit_item, item_memo};
use crate::ui::components::pager::{ShowMore, first_page};

#[component]
pub fn StakeholdersStep() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let power = doc.plan.power();
    let count = Memo::new(move |_| power.with(|p| p.stakeholders.len()));
    let sort = RwSignal::new(StakeholderSort::Added);
    let kind = RwSignal::new(None::<StakeholderKind>);
    let position = RwSignal::new(None::<Position>);
    let text = RwSignal::new(String::new());
    // The rows' order follows the sort, the filters and the number of stakeholders; it does
    // not change while a cell is being typed in, so a row never jumps away from the cursor.
    let order = Memo::new(move |_| {
        count.with(|_| ());
        let filter = StakeholderFilter {
            kind: kind.get(),
            position: position.get(),
            text: text.get(),
        };
        let sort = sort.get();
        doc.plan
            .with_untracked(|plan| stakeholder_rows(plan, &filter, sort))
    });
    let limit = first_page();
    let shown =
        Memo::new(move |_| order.with(|o| o.iter().take(limit.get()).copied().collect::<Vec<_>>()));
    let total = move || order.with(|o| o.len());
    let power_href = move || doc.step_href(Step::Power);

    view! {
        <Show when=move || { count.get() > 0 } fallback=move || view! {
            <p class="empty">{t_string!(i18n, stakeholders.empty)}</p>
            <p><a class="button" href=power_href>{t_string!(i18n, stakeholders.go_power)}</a></p>
        }>
            <div class="filters" role="group" aria-label=t_string!(i18n, stakeholders.table_caption)>
                <SortBy id="stakeholder-sort" label=t_string!(i18n, stakeholders.sort_label) options=choices(i18n, &StakeholderSort::ALL) value=sort/>
                <Filter id="stakeholder-kind" label=t_string!(i18n, stakeholders.filter_kind) any=t_string!(i18n, stakeholders.filter_all_kinds) options=choices(i18n, &StakeholderKind::ALL) value=kind/>
                <Filter id="stakeholder-position" label=t_string!(i18n, stakeholders.filter_position) any=t_string!(i18n, stakeholders.filter_all_positions) options=choices(i18n, &Position::ALL) value=position/>
                <div class="field">
                    <label for="stakeholder-text">{t_string!(i18n, stakeholders.filter_text)}</label>
                    <input id="stakeholder-text" type="search" prop:value=move || text.get()
                        on:input=move |e| text.set(event_target_value(&e))/>
                </div>
            </div>
            <Show when=move || { total() > 0 } fallback=move || view! { <p class="empty" role="status">{t_string!(i18n, stakeholders.none_match)}</p> }>
                <div class="table-scroll" role="region" aria-labelledby="stakeholder-caption" tabindex="0">
                    <table class="data-table edit-table">
                        <caption id="stakeholder-caption">{t_string!(i18n, stakeholders.table_caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col" id="col-stakeholder">{t_string!(i18n, stakeholders.col_stakeholder)}</th>
                                <th scope="col" id="col-influence">{t_string!(i18n, power.influence_label)}</th>
                                <th scope="col" id="col-position">{t_string!(i18n, power.col_position)}</th>
                                <th scope="col" id="col-interests">{t_string!(i18n, stakeholders.col_interests)}</th>
                                <th scope="col" id="col-want">{t_string!(i18n, stakeholders.col_want)}</th>
                                <th scope="col" id="col-approach">{t_string!(i18n, stakeholders.col_approach)}</th>
                                <th scope="col" id="col-messenger">{t_string!(i18n, stakeholders.col_messenger)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || shown.get() key=|id| *id let(id)>
                                <Row id=id/>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
            <ShowMore limit=limit total=Signal::derive(total)/>
        </Show>
    }
}

/// One stakeholder's row. Each control is named by its column's header and the row's name.
#[component]
fn Row(id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let power = doc.plan.power();
    let partners = doc.plan.partners();
    let item = item_memo(at(power.stakeholders(), id));
    let edit = move |f: &dyn Fn(&mut Stakeholder)| edit_item(power.stakeholders(), id, f);
    let name = stakeholder_name_of(i18n, item);
    let kind = Memo::new(move |_| {
        item.with(|s| s.as_ref().map(|s| s.kind))
            .unwrap_or_default()
    });
    let row_id = format!("row-{id}");
    let labelled = move |col: &str| format!("col-{col} row-{id}");
    let cell_id = move |col: &str| format!("stakeholder-{id}-{col}");
    let read = move |f: fn(&Stakeholder) -> String| {
        // A memo per cell: a keystroke in one cell leaves the others' values alone.
        Memo::new(move |_| item.with(|s| s.as_ref().map(f).unwrap_or_default()))
    };
    let select = move |col: &'static str,
                       header: &'static str,
                       options: Vec<(&'static str, String)>,
                       get: fn(&Stakeholder) -> String,
                       set: fn(&mut Stakeholder, &str)| {
        let options = options
            .into_iter()
            .map(|(v, l)| view! { <option value=v>{l}</option> })
            .collect::<Vec<_>>();
        view! {
            <td>
                <span class="cell-label" aria-hidden="true">{header}</span>
                <select id=cell_id(col) aria-labelledby=labelled(col) prop:value=read(get)
                    on:change=move |e| { let v = event_target_value(&e); edit(&|s| set(s, &v)) }>{options}</select>
            </td>
        }
    };
    let text = move |col: &'static str,
                     header: &'static str,
                     get: fn(&Stakeholder) -> String,
                     set: fn(&mut Stakeholder, String)| {
        view! {
            <td>
                <span class="cell-label" aria-hidden="true">{header}</span>
                <textarea id=cell_id(col) rows="2" maxlength=MAX_PARAGRAPH aria-labelledby=labelled(col) prop:value=read(get)
                    on:input=move |e| { let v = event_target_value(&e); edit(&|s| set(s, v.clone())) }></textarea>
            </td>
        }
    };
    let messenger = Memo::new(move |_| item.with(|s| s.as_ref().and_then(|s| s.messenger)));
    let messenger_options = move || {
        let current = messenger.get();
        let none = view! { <option value="" selected=current.is_none()>{t_string!(i18n, stakeholders.no_messenger)}</option> };
        let list = partners.with(|v| {
            v.iter()
                .map(|p| (p.id, partner_name(i18n, &p.name)))
                .collect::<Vec<_>>()
        });
        let rest = list.into_iter().map(|(pid, n)| view! { <option value=pid.to_string() selected=current == Some(pid)>{n}</option> }).collect::<Vec<_>>();
        (none, rest)
    };
    view! {
        <tr>
            <th scope="row" id=row_id>
                <span class="row-name">{name}</span>
                <span class="muted">{move || kind_label(i18n, kind.get())}</span>
            </th>
            {select("influence", t_string!(i18n, power.influence_label), influence_options(i18n), |s| s.influence.as_str().to_owned(),
                |s, v| if let Some(x) = Influence::parse(v) { s.influence = x })}
            {select("position", t_string!(i18n, power.col_position), position_options(i18n), |s| s.position.as_str().to_owned(),
                |s, v| if let Some(p) = Position::parse(v) { s.position = p })}
            {text("interests", t_string!(i18n, stakeholders.col_interests), |s| (*s.interests).clone(), |s, v| *s.interests = v)}
            {text("want", t_string!(i18n, stakeholders.col_want), |s| (*s.want).clone(), |s, v| *s.want = v)}
            {text("approach", t_string!(i18n, stakeholders.col_approach), |s| (*s.approach).clone(), |s, v| *s.approach = v)}
            <td>
                <span class="cell-label" aria-hidden="true">{t_string!(i18n, stakeholders.col_messenger)}</span>
                <select id=cell_id("messenger") aria-labelledby=labelled("messenger")
                    on:change=move |e| { let m = event_target_value(&e).parse::<Uuid>().ok(); edit(&|s| s.messenger = m) }>
                    {messenger_options}
                </select>
            </td>
        </tr>
    }
}
