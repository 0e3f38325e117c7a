//! Step "SWOT": four editable lists, each item linkable to the tactics it informs.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::swot::{Quadrant, SwotItem};
use crate::domain::text::MAX_PARAGRAPH;
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::labels::{goal_names, quadrant_text, tactic_names};
use crate::state::use_document;
use crate::ui::components::fields::RemoveButton;
use crate::ui::components::pager::{ShowMore, first_page, reach};
use crate::ui::components::step_frame::StepFrame;

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
        <StepFrame
            title=t_string!(i18n, swot.title).to_string()
            guidance_title=t_string!(i18n, swot.guidance_title).to_string()
            guidance=vec![t_string!(i18n, swot.guidance).to_string(), t_string!(i18n, swot.guidance_use).to_string()]
        >
            <div class="swot-grid">
                {Quadrant::ALL.map(|q| view! { <QuadrantList quadrant=q tactics=tactics/> })}
            </div>
        </StepFrame>
    }
}

#[component]
fn QuadrantList(quadrant: Quadrant, tactics: Memo<Vec<(Uuid, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let swot = doc.plan.swot();
    let (name, hint) = quadrant_text(i18n, quadrant);
    let key = quadrant.key();
    let ids =
        Memo::new(move |_| swot.with(|s| quadrant.of(s).iter().map(|i| i.id).collect::<Vec<_>>()));
    let limit = first_page();
    let add = move |_| {
        let item = SwotItem::new();
        let id = item.id;
        swot.update(|s| quadrant.of_mut(s).push(item));
        reach(limit, ids.with_untracked(Vec::len));
        focus_later(format!("#swot-{id}-text"));
    };
    view! {
        <section class="card swot" aria-labelledby=format!("swot-{key}-title")>
            <h3 id=format!("swot-{key}-title") tabindex="-1">{name}</h3>
            <p class="field__hint">{hint}</p>
            <Show when=move || ids.with(|v| v.is_empty())>
                <p class="empty">{t_string!(i18n, swot.empty)}</p>
            </Show>
            <ol class="swot__list">
                <For each=move || ids.with(|v| v.iter().take(limit.get()).copied().collect::<Vec<_>>()) key=|id| *id let(id)>
                    <Item id=id quadrant=quadrant tactics=tactics
                        number=Signal::derive(move || ids.with(|v| v.iter().position(|x| *x == id).map_or(0, |i| i + 1)))/>
                </For>
            </ol>
            <ShowMore limit=limit total=Signal::derive(move || ids.with(Vec::len))/>
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
    tactics: Memo<Vec<(Uuid, String)>>,
    number: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let swot = doc.plan.swot();
    let (list, _) = quadrant_text(i18n, quadrant);
    let text = Memo::new(move |_| {
        swot.with(|s| {
            quadrant
                .of(s)
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.text.clone())
        })
        .unwrap_or_default()
    });
    let informs = Memo::new(move |_| {
        swot.with(|s| {
            quadrant
                .of(s)
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.informs.clone())
        })
        .unwrap_or_default()
    });
    let label =
        move || t_string!(i18n, swot.item_label, list = list, number = number.get()).to_string();
    let field = format!("swot-{id}-text");
    let boxes = move || {
        let list = tactics.get();
        if list.is_empty() {
            return view! { <p class="field__hint">{t_string!(i18n, swot.no_tactics)}</p> }
                .into_any();
        }
        list.into_iter()
            .map(|(tid, name)| {
                let box_id = format!("swot-{id}-informs-{tid}");
                view! {
                    <div class="choice">
                        <input type="checkbox" id=box_id.clone() prop:checked=move || informs.with(|v| v.contains(&tid))
                            on:change=move |e| { let on = event_target_checked(&e); swot.update(|s| s.set_informs(id, tid, on)) }/>
                        <label for=box_id>{name}</label>
                    </div>
                }
            })
            .collect::<Vec<_>>()
            .into_any()
    };
    let short = Memo::new(move |_| {
        let t = text.get();
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
                <textarea id=field rows="2" maxlength=MAX_PARAGRAPH prop:value=move || text.get()
                    on:input=move |e| {
                        let v = event_target_value(&e);
                        swot.update(|s| if let Some(i) = quadrant.of_mut(s).iter_mut().find(|i| i.id == id) { i.text = v })
                    }></textarea>
            </div>
            <fieldset class="choices picker">
                <legend>{t_string!(i18n, swot.informs)}</legend>
                {boxes}
            </fieldset>
            <div class="button-row">
                <RemoveButton id=format!("swot-{id}-remove") label=t_string!(i18n, swot.remove).to_string() name=short.into()
                    question=Signal::derive(move || t_string!(i18n, swot.remove_confirm, list = list.to_lowercase()).to_string())
                    yes=t_string!(i18n, swot.remove_yes).to_string() cancel=t_string!(i18n, swot.cancel).to_string()
                    on_yes=Callback::new(move |_| {
                        swot.update(|s| s.remove(id));
                        focus_later(format!("#swot-{}-title", quadrant.key()));
                    })/>
            </div>
        </li>
    }
}
