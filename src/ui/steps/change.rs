//! Step "Theory of change": "If … when … then" statements, their links, the checks on the chain,
//! and the pathway drawn from them as plain SVG with a list in words beside it. Everything is
//! done with buttons and tick boxes; nothing needs dragging.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::change::{
    ChainWarning, ChangeStatement, can_build_on, chain_warnings, layout, set_link, wrap,
};
use crate::domain::move_item;
use crate::domain::text::MAX_PARAGRAPH;
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::labels::short;
use crate::state::use_planner;
use crate::ui::components::fields::{EditToggle, MoveButtons, RemoveButton, TextBox};
use crate::ui::components::pager::{ShowMore, first_page, reach};
use crate::ui::components::step_frame::StepFrame;

#[component]
pub fn ChangeStep() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_planner();
    let toc = ctx.plan.theory_of_change();
    let limit = first_page();
    let ids = move || {
        toc.with(|t| {
            t.statements
                .iter()
                .take(limit.get())
                .map(|s| s.id)
                .collect::<Vec<_>>()
        })
    };
    let total = Signal::derive(move || toc.with(|t| t.statements.len()));
    // Statements added in this visit; their editors start open.
    let fresh = StoredValue::new(Vec::<Uuid>::new());
    let add = move |_| {
        let s = ChangeStatement::new();
        let id = s.id;
        fresh.update_value(|f| f.push(id));
        toc.update(|t| t.statements.push(s));
        reach(limit, total.get_untracked());
        focus_later(format!("#statement-{id}-if"));
    };
    let warnings = Memo::new(move |_| {
        toc.with(|t| {
            let number = |id: Uuid| {
                t.statements
                    .iter()
                    .position(|s| s.id == id)
                    .map_or(0, |i| i + 1)
            };
            chain_warnings(&t.statements)
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
        <StepFrame
            title=t_string!(i18n, change.title).to_string()
            guidance_title=t_string!(i18n, change.guidance_title).to_string()
            guidance=vec![t_string!(i18n, change.guidance).to_string(), t_string!(i18n, change.guidance_check).to_string()]
        >
            <Show when=move || toc.with(|t| t.statements.is_empty())>
                <p class="empty">{t_string!(i18n, change.empty)}</p>
            </Show>
            <ol class="card-list statement-list">
                <For each=ids key=|id| *id let(id)>
                    <StatementCard id=id open=fresh.with_value(|f| f.contains(&id))/>
                </For>
            </ol>
            <ShowMore limit=limit total=total/>
            <button type="button" class="button button--primary" on:click=add>{t_string!(i18n, change.add)}</button>
            <Show when=move || warnings.with(|w| !w.is_empty())>
                <section class="card warnings" aria-labelledby="warnings-title">
                    <h3 id="warnings-title">"⚠ " {t_string!(i18n, change.warnings_title)}</h3>
                    <ul>{move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect::<Vec<_>>()}</ul>
                </section>
            </Show>
            <Pathway/>
        </StepFrame>
    }
}

#[component]
fn StatementCard(
    id: Uuid,
    /// Starts with the editor open (a newly added statement).
    open: bool,
) -> impl IntoView {
    let open = RwSignal::new(open);
    let i18n = use_i18n();
    let ctx = use_planner();
    let toc = ctx.plan.theory_of_change();
    // Memos, so that typing in one statement does not redraw the others.
    let position = Memo::new(move |_| {
        toc.with(|t| {
            (
                t.statements.iter().position(|s| s.id == id).unwrap_or(0),
                t.statements.len(),
            )
        })
    });
    let text = move |get: fn(&ChangeStatement) -> &String,
                     set: fn(&mut ChangeStatement) -> &mut String| {
        let value = Signal::derive(move || {
            toc.with(|t| {
                t.statements
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| get(s).clone())
                    .unwrap_or_default()
            })
        });
        let on_input = Callback::new(move |v: String| {
            toc.update(|t| {
                if let Some(s) = t.statements.iter_mut().find(|s| s.id == id) {
                    *set(s) = v;
                }
            })
        });
        (value, on_input)
    };
    let fid = move |f: &str| format!("statement-{id}-{f}");
    let boxed = move |key: &'static str,
                      label: String,
                      hint: String,
                      get: fn(&ChangeStatement) -> &String,
                      set: fn(&mut ChangeStatement) -> &mut String| {
        let (value, on_input) = text(get, set);
        view! { <TextBox id=fid(key) label=label hint=hint rows=2 max=MAX_PARAGRAPH value=value on_input=on_input/> }
    };
    let heading = Memo::new(move |_| {
        t_string!(i18n, change.heading, number = position.get().0 + 1).to_string()
    });
    // The other statements this one could build on, with whether it does and whether linking
    // would make a loop.
    let links = Memo::new(move |_| {
        toc.with(|t| {
            let me = t.statements.iter().find(|s| s.id == id);
            t.statements
                .iter()
                .enumerate()
                .filter(|(_, s)| s.id != id)
                .map(|(i, s)| {
                    let linked = me.is_some_and(|m| m.builds_on.contains(&s.id));
                    let allowed = linked || can_build_on(&t.statements, id, s.id);
                    (s.id, short(i18n, i + 1, &s.outcome), linked, allowed)
                })
                .collect::<Vec<_>>()
        })
    });
    let link_boxes = move || {
        let list = links.get();
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
                                toc.update(|t| { set_link(&mut t.statements, id, other, on); });
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
        toc.with(|t| {
            let s = &t.statements;
            let Some(st) = s.iter().find(|x| x.id == id) else {
                return String::new();
            };
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
            let before: Vec<String> = st
                .builds_on
                .iter()
                .filter_map(|b| s.iter().position(|x| x.id == *b))
                .map(|i| (i + 1).to_string())
                .collect();
            if !before.is_empty() {
                text.push(' ');
                text.push_str(
                    t_string!(i18n, change.list_builds_on, list = before.join(", ")).as_ref(),
                );
            }
            text
        })
    });
    let summary =
        move || view! { <p class="statement-card__summary">{move || summary_text.get()}</p> };

    view! {
        <li class="card statement-card" id=fid("card") aria-labelledby=fid("heading")>
            <h4 id=fid("heading") tabindex="-1">{heading}</h4>
            <Show when=move || open.get() fallback=summary>
            <div class="statement-card__chain">
                {boxed("if", t_string!(i18n, change.if_label).to_string(), t_string!(i18n, change.if_hint).to_string(), |s| &s.action, |s| &mut s.action)}
                {boxed("when", t_string!(i18n, change.when_label).to_string(), t_string!(i18n, change.when_hint).to_string(), |s| &s.condition, |s| &mut s.condition)}
                {boxed("then", t_string!(i18n, change.then_label).to_string(), t_string!(i18n, change.then_hint).to_string(), |s| &s.outcome, |s| &mut s.outcome)}
            </div>
            {boxed("assumptions", t_string!(i18n, change.assumptions_label).to_string(), t_string!(i18n, change.assumptions_hint).to_string(), |s| &s.assumptions, |s| &mut s.assumptions)}
            {boxed("preconditions", t_string!(i18n, change.preconditions_label).to_string(), t_string!(i18n, change.preconditions_hint).to_string(), |s| &s.preconditions, |s| &mut s.preconditions)}
            <fieldset class="choices" aria-describedby=fid("on-hint")>
                <legend>{t_string!(i18n, change.builds_on_label)}</legend>
                <p class="field__hint" id=fid("on-hint")>{t_string!(i18n, change.builds_on_hint)}</p>
                {link_boxes}
            </fieldset>
            {boxed("indicators", t_string!(i18n, change.indicators_label).to_string(), t_string!(i18n, change.indicators_hint).to_string(), |s| &s.indicators, |s| &mut s.indicators)}
            </Show>
            <div class="button-row">
                <EditToggle id=fid("toggle") open=open name=heading.into()
                    edit=t_string!(i18n, change.edit_statement).to_string() done=t_string!(i18n, change.done_editing).to_string()
                    focus=format!("#statement-{id}-if")/>
                <MoveButtons id=format!("statement-{id}") position=position.into() name=heading.into()
                    up=t_string!(i18n, change.move_up).to_string() down=t_string!(i18n, change.move_down).to_string()
                    on_move=Callback::new(move |by| toc.update(|t| { move_item(&mut t.statements, |s| s.id == id, by); }))/>
                <RemoveButton id=fid("remove") label=t_string!(i18n, change.remove).to_string()
                    name=heading.into()
                    question=Signal::derive(move || t_string!(i18n, change.remove_confirm, number = position.get().0 + 1).to_string())
                    yes=t_string!(i18n, change.remove_yes).to_string()
                    cancel=t_string!(i18n, change.cancel).to_string()
                    on_yes=Callback::new(move |_| {
                        ctx.plan.update(|p| p.remove_statement(id));
                        focus_later("#step-title");
                    })/>
            </div>
        </li>
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
    let ctx = use_planner();
    let toc = ctx.plan.theory_of_change();
    // Top to bottom on narrow screens and on paper; left to right otherwise.
    let narrow = crate::page::dom::narrow_layout();
    // The pathway's shape: the layout, the statements' order (for their numbers) and whether
    // there is anything to draw. It changes when statements are added, removed, moved or
    // linked, not while their text is typed; each box and each line in words follows its own
    // statement's text, so a keystroke redraws one of each.
    let structure = Memo::new(move |_| {
        toc.with(|t| {
            let s = &t.statements;
            let order: Vec<Uuid> = s.iter().map(|x| x.id).collect();
            let empty = s
                .iter()
                .all(|x| x.outcome.trim().is_empty() && x.action.trim().is_empty());
            (layout(s), order, empty)
        })
    });
    // One statement's (action, condition, outcome), followed reactively.
    let texts = move |id: Uuid| {
        Memo::new(move |_| {
            toc.with(|t| {
                t.statements
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| (x.action.clone(), x.condition.clone(), x.outcome.clone()))
                    .unwrap_or_default()
            })
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
                let text = texts(n.id);
                let missing = move || text.with(|(_, _, o)| o.trim().is_empty());
                let tspans = move || {
                    let body = text.with(|(_, _, o)| o.clone());
                    let body = if body.trim().is_empty() { t_string!(i18n, change.no_outcome).to_string() } else { body };
                    std::iter::once(format!("{number}."))
                        .chain(wrap(&body, LINE_CHARS, LINES - 1))
                        .enumerate()
                        .map(|(i, line)| view! { <tspan x=x + 10 y=y + 22 + i as i32 * 18>{line}</tspan> })
                        .collect::<Vec<_>>()
                };
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
