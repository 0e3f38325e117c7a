//! Step "Theory of change": "If … when … then" statements, their links, the checks on the chain,
//! and the pathway drawn from them as plain SVG with a list in words beside it. Everything is
//! done with buttons and tick boxes; nothing needs dragging.

use leptos::prelude::*;
use reactive_stores::Field;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::change::{
    ChainWarning, ChangeStatement, ChangeStatementStoreFields, TheoryOfChangeStoreFields,
    can_build_on, chain_warnings, layout, set_link, wrap,
};
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::labels::short;
use crate::state::use_document;
use crate::ui::components::card::ItemCard;
use crate::ui::components::form::Text;
use crate::ui::components::keyed::{at, list_order, moves, place_in};
use crate::ui::components::pager::{Pages, ShowMore};

/// What the chain's checks and links depend on: each statement's id, what it builds on, its
/// outcome, and whether its action is blank. It changes when statements come, go, move or are
/// linked, while an outcome is typed, and when an action turns blank or not; not while the
/// other boxes are typed in.
type Links = Vec<(Uuid, Vec<Uuid>, String, bool)>;

#[component]
pub fn ChangeStep() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let statements = doc.plan.theory_of_change().statements();
    let pages = Pages::new(list_order(statements));
    let order = pages.order;
    let add = move |_| {
        let s = ChangeStatement::new();
        let id = s.id;
        let push = move || statements.update(|list| list.push(s));
        pages.add(id, push, format!("#statement-{id}-if"));
    };
    // The checks read the chain's shape; the statements' words are read only when it changes.
    let links: Memo<Links> = Memo::new(move |_| {
        statements
            .try_with(|s| {
                s.iter()
                    .map(|x| {
                        let no_action = x.action.trim().is_empty();
                        (x.id, x.builds_on.clone(), x.outcome.clone(), no_action)
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let warnings = Memo::new(move |_| {
        // Read, not only tracked: a memo that was never read would never recompute.
        links.with(|_| ());
        statements.with_untracked(|list| {
            let number = |id: Uuid| list.iter().position(|s| s.id == id).map_or(0, |i| i + 1);
            chain_warnings(list)
                .into_iter()
                .map(|w| match w {
                    ChainWarning::NoOutcome(id) => {
                        t_string!(i18n, change.warn_no_outcome, number = number(id)).to_string()
                    }
                    ChainWarning::NothingLeadsTo(id) => {
                        t_string!(i18n, change.warn_nothing_leads, number = number(id)).to_string()
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || pages.is_empty()>
            <p class="empty">{t_string!(i18n, change.empty)}</p>
        </Show>
        <ol class="card-list statement-list">
            <For each=move || pages.shown() key=|id| *id let(id)>
                <StatementCard id=id order=order links=links open=pages.is_fresh(id)/>
            </For>
        </ol>
        <ShowMore limit=pages.limit total=pages.total()/>
        <button type="button" class="button button--primary" on:click=add>{t_string!(i18n, change.add)}</button>
        <Show when=move || warnings.with(|w| !w.is_empty())>
            <section class="card warnings" aria-labelledby="warnings-title">
                <h3 id="warnings-title">"⚠ " {t_string!(i18n, change.warnings_title)}</h3>
                <ul>{move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect::<Vec<_>>()}</ul>
            </section>
        </Show>
        <Pathway/>
    }
}

/// One statement's card. Its boxes are bound to this statement's own fields, so a keystroke
/// wakes this card's field and nothing else.
#[component]
fn StatementCard(
    id: Uuid,
    /// The statements' order, for this statement's number.
    order: Memo<Vec<Uuid>>,
    /// The chain's shape, for the links this statement may make.
    links: Memo<Links>,
    /// Starts with the editor open (a newly added statement).
    open: bool,
) -> impl IntoView {
    let open = RwSignal::new(open);
    let i18n = use_i18n();
    let doc = use_document();
    let statements = doc.plan.theory_of_change().statements();
    let me = at(statements, id);
    let position = place_in(order, id);
    let fid = move |f: &str| format!("statement-{id}-{f}");
    let heading = Signal::derive(move || {
        t_string!(i18n, change.heading, number = position.get().0 + 1).to_string()
    });
    // The other statements this one could build on, with whether it does and whether linking
    // would make a loop; drawn only while the editor is open.
    let choices = Memo::new(move |_| {
        // Read, not only tracked: a memo that was never read would never recompute.
        links.with(|_| ());
        statements.with_untracked(|list| {
            let mine = list.iter().find(|s| s.id == id);
            list.iter()
                .enumerate()
                .filter(|(_, s)| s.id != id)
                .map(|(i, s)| {
                    let linked = mine.is_some_and(|m| m.builds_on.contains(&s.id));
                    let allowed = linked || can_build_on(list, id, s.id);
                    (s.id, short(i18n, i + 1, &s.outcome), linked, allowed)
                })
                .collect::<Vec<_>>()
        })
    });
    let link_boxes = move || {
        let list = choices.get();
        if list.is_empty() {
            return view! { <p class="empty">{t_string!(i18n, change.builds_on_none)}</p> }
                .into_any();
        }
        list.into_iter()
            .map(|(other, label, linked, allowed)| {
                let box_id = format!("statement-{id}-on-{other}");
                view! {
                    <div class="choice">
                        <input type="checkbox" id=box_id.clone() prop:checked=linked disabled=!allowed
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                statements.update(|list| { set_link(list, id, other, on); });
                            }/>
                        <label for=box_id>{label}{(!allowed).then(|| view! { " " <span class="muted">{t_string!(i18n, change.would_loop)}</span> })}</label>
                    </div>
                }
            })
            .collect::<Vec<_>>()
            .into_any()
    };

    // The statement at a glance, in words.
    let summary_text = Memo::new(move |_| {
        let before: Vec<String> = me
            .builds_on()
            .try_with(|on| {
                order.with(|o| {
                    on.iter()
                        .filter_map(|b| o.iter().position(|x| x == b))
                        .map(|i| (i + 1).to_string())
                        .collect()
                })
            })
            .unwrap_or_default();
        me.try_with(|st| {
            let blank = t_string!(i18n, change.list_blank);
            let or_blank = |t: &str| {
                if t.trim().is_empty() {
                    blank.to_string()
                } else {
                    t.trim().to_owned()
                }
            };
            let mut text = t_string!(
                i18n,
                change.sentence,
                action = or_blank(&st.action),
                condition = or_blank(&st.condition),
                outcome = or_blank(&st.outcome)
            )
            .to_string();
            if !before.is_empty() {
                text.push(' ');
                text.push_str(
                    t_string!(i18n, change.list_builds_on, list = before.join(", ")).as_ref(),
                );
            }
            text
        })
        .unwrap_or_default()
    });
    let question = Signal::derive(move || {
        t_string!(i18n, change.remove_confirm, number = position.get().0 + 1).to_string()
    });
    let moves = moves(statements, id, position);
    let boxed = move |key: &'static str, label: String, hint: String, field: Field<String>| {
        view! { <Text id=fid(key) label=label hint=hint field=field/> }
    };

    view! {
        <ItemCard prefix=format!("statement-{id}") class="statement-card" level=4 heading=heading
            name=heading open=open focus=format!("#statement-{id}-if") question=question yes=t_string!(i18n, change.remove_yes).to_string() moves=moves
            on_remove=Callback::new(move |_| doc.plan.update(|p| p.remove_statement(id))) after_remove="#step-title"
            summary=ViewFn::from(move || view! { <p class="statement-card__summary">{move || summary_text.get()}</p> })>
            <div class="statement-card__chain">
                {boxed("if", t_string!(i18n, change.if_label).to_string(), t_string!(i18n, change.if_hint).to_string(), me.action().into())}
                {boxed("when", t_string!(i18n, change.when_label).to_string(), t_string!(i18n, change.when_hint).to_string(), me.condition().into())}
                {boxed("then", t_string!(i18n, change.then_label).to_string(), t_string!(i18n, change.then_hint).to_string(), me.outcome().into())}
            </div>
            {boxed("assumptions", t_string!(i18n, change.assumptions_label).to_string(), t_string!(i18n, change.assumptions_hint).to_string(), me.assumptions().into())}
            {boxed("preconditions", t_string!(i18n, change.preconditions_label).to_string(), t_string!(i18n, change.preconditions_hint).to_string(), me.preconditions().into())}
            <fieldset class="choices" aria-describedby=fid("on-hint")>
                <legend>{t_string!(i18n, change.builds_on_label)}</legend>
                <p class="field__hint" id=fid("on-hint")>{t_string!(i18n, change.builds_on_hint)}</p>
                {link_boxes}
            </fieldset>
            {boxed("indicators", t_string!(i18n, change.indicators_label).to_string(), t_string!(i18n, change.indicators_hint).to_string(), me.indicators().into())}
        </ItemCard>
    }
}

// Whole pixels: SVG numbers are written as integers, which keeps float formatting out of the
// wasm.
const NODE_W: i32 = 220;
const NODE_H: i32 = 96;
const GAP_ALONG: i32 = 56;
const GAP_ACROSS: i32 = 20;
const LINE_CHARS: usize = 26;
const LINES: usize = 4;

/// The pathway: an SVG diagram, then the same pathway as a list in words.
#[component]
pub fn Pathway(
    /// In the report: no buttons to edit the statements.
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let statements = doc.plan.theory_of_change().statements();
    // Top to bottom on narrow screens and on paper; left to right otherwise.
    let narrow = crate::page::dom::narrow_layout();
    // The pathway's shape: the layout, the statements' order (for their numbers) and whether
    // there is anything to draw. It changes when statements are added, removed, moved or
    // linked, not while their text is typed; each box and each line in words follows its own
    // statement's text, so a keystroke redraws one of each.
    // The pathway's shape: each statement's id, what it builds on, and whether it has words.
    let links = Memo::new(move |_| {
        statements.update_keys();
        statements
            .try_with(|s| {
                s.iter()
                    .map(|x| {
                        let blank = x.outcome.trim().is_empty() && x.action.trim().is_empty();
                        (x.id, x.builds_on.clone(), blank)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let structure = Memo::new(move |_| {
        let (order, empty) = links.with(|l| {
            (
                l.iter().map(|x| x.0).collect::<Vec<_>>(),
                l.iter().all(|x| x.2),
            )
        });
        (statements.with_untracked(|s| layout(s)), order, empty)
    });
    // One statement's (action, condition, outcome), followed reactively.
    let texts = move |id: Uuid| {
        let me = at(statements, id);
        Memo::new(move |_| {
            me.try_with(|x| (x.action.clone(), x.condition.clone(), x.outcome.clone()))
                .unwrap_or_default()
        })
    };

    let diagram = move || {
        let vertical = narrow.get();
        let (l, order, empty) = structure.get();
        if empty {
            return view! { <p class="empty">{t_string!(i18n, change.pathway_empty)}</p> }
                .into_any();
        }
        // Along the flow: layers; across it: slots within a layer.
        let pos = move |layer: usize, slot: usize| {
            let along = layer as i32 * (if vertical { NODE_H } else { NODE_W } + GAP_ALONG);
            let across = slot as i32 * (if vertical { NODE_W } else { NODE_H } + GAP_ACROSS);
            if vertical {
                (across, along)
            } else {
                (along, across)
            }
        };
        let (w, h) = if vertical {
            (
                l.widest as i32 * (NODE_W + GAP_ACROSS) - GAP_ACROSS,
                l.layers as i32 * (NODE_H + GAP_ALONG) - GAP_ALONG,
            )
        } else {
            (
                l.layers as i32 * (NODE_W + GAP_ALONG) - GAP_ALONG,
                l.widest as i32 * (NODE_H + GAP_ACROSS) - GAP_ACROSS,
            )
        };
        let place = |id: Uuid| {
            l.nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| pos(n.layer, n.slot))
        };
        let edges = l
            .edges
            .iter()
            .filter_map(|(from, to)| {
                let (fx, fy) = place(*from)?;
                let (tx, ty) = place(*to)?;
                let (x1, y1, x2, y2) = if vertical {
                    (fx + NODE_W / 2, fy + NODE_H, tx + NODE_W / 2, ty - 4)
                } else {
                    (fx + NODE_W, fy + NODE_H / 2, tx - 4, ty + NODE_H / 2)
                };
                Some(view! { <line x1=x1 y1=y1 x2=x2 y2=y2 class="pathway__edge" marker-end="url(#pathway-arrow)"/> })
            })
            .collect::<Vec<_>>();
        let nodes = l
            .nodes
            .iter()
            .filter_map(|n| {
                let number = order.iter().position(|x| *x == n.id)? + 1;
                let (x, y) = pos(n.layer, n.slot);
                // The box shows the outcome only: typing in the other boxes leaves it alone,
                // and typing in the outcome changes the words of its lines, not the lines.
                let me = at(statements, n.id);
                let outcome = Memo::new(move |_| me.outcome().try_get().unwrap_or_default());
                let missing = move || outcome.with(|o| o.trim().is_empty());
                let lines = Memo::new(move |_| {
                    outcome.with(|o| {
                        if o.trim().is_empty() {
                            vec![t_string!(i18n, change.no_outcome).to_string()]
                        } else {
                            wrap(o, LINE_CHARS, LINES - 1)
                        }
                    })
                });
                let tspans = (0..LINES)
                    .map(|i| {
                        let line = move || {
                            if i == 0 {
                                format!("{number}.")
                            } else {
                                lines.with(|l| l.get(i - 1).cloned().unwrap_or_default())
                            }
                        };
                        view! { <tspan x=x + 10 y=y + 22 + i as i32 * 18>{line}</tspan> }
                    })
                    .collect::<Vec<_>>();
                Some(view! {
                    <g class="pathway__node" class:pathway__node--missing=missing>
                        <rect x=x y=y width=NODE_W height=NODE_H rx="6"/>
                        <text>{tspans}</text>
                    </g>
                })
            })
            .collect::<Vec<_>>();
        view! {
            <svg class="pathway__svg" viewBox=format!("-2 -2 {} {}", w + 4, h + 4) width=w + 4
                aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">
                <defs>
                    <marker id="pathway-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="pathway__arrow"/>
                    </marker>
                </defs>
                {edges}
                {nodes}
            </svg>
        }
        .into_any()
    };

    let words = move || {
        let (l, order, _) = structure.get();
        let number = |id: Uuid| order.iter().position(|x| *x == id).map_or(0, |i| i + 1);
        l.nodes
            .iter()
            .map(|node| {
                let id = node.id;
                let n = number(id);
                let before: Vec<String> = l.edges.iter().filter(|(_, to)| *to == id).map(|(from, _)| number(*from).to_string()).collect();
                let after: Vec<String> = l.edges.iter().filter(|(from, _)| *from == id).map(|(_, to)| number(*to).to_string()).collect();
                let from = if before.is_empty() { t_string!(i18n, change.list_start).to_string() } else { t_string!(i18n, change.list_builds_on, list = before.join(", ")).to_string() };
                let to = if after.is_empty() { t_string!(i18n, change.list_end).to_string() } else { t_string!(i18n, change.list_leads_to, list = after.join(", ")).to_string() };
                let text = texts(id);
                let sentence = move || {
                    let blank = t_string!(i18n, change.list_blank);
                    let or_blank = |t: &str| if t.trim().is_empty() { blank.to_string() } else { t.trim().to_owned() };
                    text.with(|(a, c, o)| {
                        t_string!(i18n, change.list_item, number = n, action = or_blank(a), condition = or_blank(c), outcome = or_blank(o)).to_string()
                    })
                };
                view! {
                    <li>
                        <p>{sentence}</p>
                        <p class="muted">{from} " " {to}</p>
                        {(!read_only).then(|| view! {
                            <button type="button" class="button button--small" on:click=move |_| open_statement(id)>
                                {t_string!(i18n, change.edit, number = n)}
                            </button>
                        })}
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };

    view! {
        <section class="step-section pathway" aria-labelledby="pathway-title">
            {if read_only {
                view! { <h4 id="pathway-title">{t_string!(i18n, change.pathway_title)}</h4> }.into_any()
            } else {
                view! { <h3 id="pathway-title">{t_string!(i18n, change.pathway_title)}</h3> }.into_any()
            }}
            <p class="field__hint">{t_string!(i18n, change.pathway_caption)}</p>
            <div class="pathway__frame">{diagram}</div>
            // In the report the statements follow in full, in words.
            <Show when=move || !read_only>
                <h4 id="pathway-list-title">{t_string!(i18n, change.pathway_list_title)}</h4>
                <ol class="pathway__list" aria-labelledby="pathway-list-title">{words}</ol>
            </Show>
        </section>
    }
}

/// Opens a statement's editor (if it is closed) and puts the focus on its first field.
fn open_statement(id: Uuid) {
    use wasm_bindgen::JsCast;
    let toggle = document()
        .get_element_by_id(&format!("statement-{id}-toggle"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match toggle {
        Some(button) if button.get_attribute("aria-expanded").as_deref() == Some("false") => {
            button.click()
        }
        _ => focus_later(format!("#statement-{id}-if")),
    }
}
