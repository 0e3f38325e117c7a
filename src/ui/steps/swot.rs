//! Step "SWOT": four editable lists, each item linkable to the tactics it informs.

use leptos::prelude::*;
use uuid::Uuid;

use reactive_stores::{Store, Subfield};

use crate::domain::swot::{Quadrant, Swot, SwotItem, SwotItemStoreFields, SwotStoreFields};
use crate::domain::text::MAX_PARAGRAPH;
use crate::domain::{Plan, PlanStoreFields};
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::labels::{goal_names, quadrant_text, tactic_names};
use crate::state::use_document;
use crate::ui::components::fields::RemoveButton;
use crate::ui::components::form::Partners;
use crate::ui::components::keyed::{Keyed, at, list_order};
use crate::ui::components::pager::{Pages, ShowMore};

#[component]
pub fn SwotStep() -> impl IntoView {
    let i18n = use_i18n();
    let (tactic_list, goal_list) = (tactic_names(i18n), goal_names(i18n));
    // What an item can inform: the tactics, then the goals, each named as such.
    let tactics = Memo::new(move |_| {
        let mut all: Vec<(Uuid, String)> = tactic_list.with(|v| {
            v.iter()
                .map(|(id, n)| (*id, t_string!(i18n, swot.tactic_item, name = n).to_string()))
                .collect()
        });
        goal_list.with(|v| {
            all.extend(
                v.iter()
                    .map(|(id, n)| (*id, t_string!(i18n, swot.goal_item, name = n).to_string())),
            )
        });
        all
    });
    view! {
        <div class="swot-grid">
            {Quadrant::ALL.map(|q| view! { <QuadrantList quadrant=q tactics=tactics/> })}
        </div>
    }
}

/// A quadrant's list in the plan's store.
type QuadrantField = Keyed<Subfield<Store<Plan>, Plan, Swot>, Swot, SwotItem>;

fn quadrant_field(swot: Subfield<Store<Plan>, Plan, Swot>, quadrant: Quadrant) -> QuadrantField {
    match quadrant {
        Quadrant::Strengths => swot.strengths(),
        Quadrant::Weaknesses => swot.weaknesses(),
        Quadrant::Opportunities => swot.opportunities(),
        Quadrant::Threats => swot.threats(),
    }
}

#[component]
fn QuadrantList(quadrant: Quadrant, tactics: Memo<Vec<(Uuid, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    let list = quadrant_field(use_document().plan.swot(), quadrant);
    let (name, hint) = quadrant_text(i18n, quadrant);
    let key = quadrant.key();
    let pages = Pages::new(list_order(list));
    let ids = pages.order;
    let add = move |_| {
        let item = SwotItem::new();
        let id = item.id;
        pages.add(
            id,
            move || list.update(|l| l.push(item)),
            format!("#swot-{id}-text"),
        );
    };
    view! {
        <section class="card swot" aria-labelledby=format!("swot-{key}-title")>
            <h3 id=format!("swot-{key}-title") tabindex="-1">{name}</h3>
            <p class="field__hint">{hint}</p>
            <Show when=move || pages.is_empty()>
                <p class="empty">{t_string!(i18n, swot.empty)}</p>
            </Show>
            <ol class="swot__list">
                <For each=move || pages.shown() key=|id| *id let(id)>
                    <Item id=id quadrant=quadrant list=list tactics=tactics
                        number=Signal::derive(move || ids.with(|v| v.iter().position(|x| *x == id).map_or(0, |i| i + 1)))/>
                </For>
            </ol>
            <ShowMore limit=pages.limit total=pages.total()/>
            <button type="button" class="button" id=format!("swot-{key}-add") on:click=add>
                {t_string!(i18n, swot.add, list = name.to_lowercase()).to_string()}
            </button>
        </section>
    }
}

#[component]
fn Item(
    id: Uuid,
    quadrant: Quadrant,
    list: QuadrantField,
    tactics: Memo<Vec<(Uuid, String)>>,
    number: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let me = at(list, id);
    let (text, informs) = (me.text(), me.informs());
    let (list_name, _) = quadrant_text(i18n, quadrant);
    let label = move || {
        t_string!(
            i18n,
            swot.item_label,
            list = list_name,
            number = number.get()
        )
        .to_string()
    };
    let field = format!("swot-{id}-text");
    let short = Memo::new(move |_| {
        let t = text.try_get().unwrap_or_default();
        let t = t.trim();
        if t.is_empty() {
            t_string!(i18n, swot.untitled).to_string()
        } else {
            crate::domain::text::truncate_chars(t, 60).to_owned()
        }
    });
    view! {
        <li class="swot__item">
            <div class="field">
                <label for=field.clone()>{label}</label>
                <textarea id=field rows="2" maxlength=MAX_PARAGRAPH
                    prop:value=move || text.try_get().unwrap_or_default()
                    on:input=move |e| { text.try_set(event_target_value(&e)); }></textarea>
            </div>
            <Partners id=format!("swot-{id}-informs") legend=t_string!(i18n, swot.informs).to_string()
                empty=t_string!(i18n, swot.no_tactics).to_string() partners=tactics.into() field=informs/>
            <div class="button-row">
                <RemoveButton id=format!("swot-{id}-remove") label=t_string!(i18n, swot.remove).to_string() name=short.into()
                    question=Signal::derive(move || t_string!(i18n, swot.remove_confirm, list = list_name.to_lowercase()).to_string())
                    yes=t_string!(i18n, swot.remove_yes).to_string() cancel=t_string!(i18n, swot.cancel).to_string()
                    on_yes=Callback::new(move |_| {
                        list.update(|l| l.retain(|i| i.id != id));
                        focus_later(format!("#swot-{}-title", quadrant.key()));
                    })/>
            </div>
        </li>
    }
}
