//! The power map: stakeholders on a grid of position (the spectrum of allies) by influence, in
//! plain SVG, with the same map as a table. Every mark can be moved with the arrow keys; with
//! a snapshot chosen, arrows show who moved since then and a list says how far.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::power::{
    Influence, Movement, Placement, Position, PowerAnalysisStoreFields, grid, movement,
};
use crate::domain::text::truncate_chars;
use crate::i18n::*;
use crate::page::format;
use crate::page::labels::{
    influence_label, kind_label, placement_text, position_label, stakeholder_name,
};
use crate::state::use_document;

/// Space for the band labels, and the header row.
const LABEL_W: i32 = 104;
const HEAD_H: i32 = 44;
/// A band's width across the flow, and one line of marks.
const WIDE_COL: i32 = 150;
const NARROW_COL: i32 = 84;
const LINE_H: i32 = 24;
const PAD: i32 = 8;

/// The map, the movement since a chosen snapshot, and the table.
#[component]
pub fn PowerChart(
    /// In the report: the marks are a picture, not controls.
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let power = doc.plan.power();
    let partners = doc.plan.partners();
    let lang = i18n.get_locale_untracked().as_str();
    let narrow = crate::page::dom::narrow_layout();
    // Placements change when somebody moves, not while evidence is typed.
    let placements = Memo::new(move |_| {
        power.stakeholders().track();
        power.with_untracked(|p| p.placements())
    });
    let names = Memo::new(move |_| {
        partners.with(|parts| {
            power.stakeholders().with(|list| {
                list.iter()
                    .map(|s| (s.id, stakeholder_name(i18n, parts, s), s.kind))
                    .collect::<Vec<_>>()
            })
        })
    });
    let name_of = move |id: Uuid| {
        names
            .with(|n| n.iter().find(|x| x.0 == id).map(|x| x.1.clone()))
            .unwrap_or_else(|| t_string!(i18n, power.untitled).to_string())
    };
    // The snapshot to compare with, by id; none at first.
    let compare = RwSignal::new(None::<Uuid>);
    let snapshots = Memo::new(move |_| power.snapshots().with(|s| snapshot_labels(s, lang)));
    let earlier = Memo::new(move |_| {
        let id = compare.get()?;
        let label = snapshots.with(|l| l.iter().find(|s| s.0 == id).map(|s| s.1.clone()))?;
        power.snapshots().with(|list| {
            list.iter()
                .find(|s| s.id == id)
                .map(|s| (label, s.placements.clone()))
        })
    });
    let moves = Memo::new(move |_| {
        earlier.with(|e| {
            e.as_ref()
                .map(|(_, before)| placements.with(|now| movement(before, now)))
        })
    });
    let announce = RwSignal::new(String::new());

    let shift = move |id: Uuid, along: i32, up: i32| {
        power.update(|p| p.shift(id, along, up));
        let placement =
            power.with_untracked(|p| p.stakeholder(id).map(|s| (s.position, s.influence)));
        if let Some((pos, inf)) = placement {
            announce.set(
                t_string!(
                    i18n,
                    power.moved_to,
                    name = name_of(id),
                    placement = placement_text(i18n, pos, inf)
                )
                .to_string(),
            );
        }
        crate::page::dom::focus_later(format!("#mark-{id}"));
    };

    let diagram = move || {
        let list = placements.get();
        if list.is_empty() {
            return view! { <p class="empty">{t_string!(i18n, power.chart_empty)}</p> }.into_any();
        }
        let vertical = narrow.get();
        let g = grid(&list, 1);
        // Bands run across the flow: influence rows when wide, positions when narrow.
        let col_w = if vertical { NARROW_COL } else { WIDE_COL };
        let (bands, columns) = if vertical {
            (5usize, 3usize)
        } else {
            (3usize, 5usize)
        };
        // The cell of (grid row = influence, grid column = position) as (band, column).
        let cell = move |row: usize, col: usize| if vertical { (col, row) } else { (row, col) };
        let mut lines = vec![1usize; bands];
        for (row, counts) in g.counts.iter().enumerate() {
            for (col, n) in counts.iter().enumerate() {
                let (band, _) = cell(row, col);
                lines[band] = lines[band].max(*n);
            }
        }
        let mut band_top = Vec::with_capacity(bands + 1);
        let mut y = HEAD_H;
        for l in &lines {
            band_top.push(y);
            y += *l as i32 * LINE_H + 2 * PAD;
        }
        let height = y;
        let width = LABEL_W + columns as i32 * col_w;
        let mark_xy = |row: usize, col: usize, slot: usize| {
            let (band, column) = cell(row, col);
            (
                LABEL_W + column as i32 * col_w + PAD,
                band_top[band] + PAD + slot as i32 * LINE_H,
            )
        };
        let max_chars = if vertical { 9 } else { 17 };

        // Headers and band labels: positions and influence levels, in words.
        let position_names: Vec<String> = Position::ALL
            .iter()
            .map(|p| position_label(i18n, *p).to_owned())
            .collect();
        let influence_names: Vec<String> = Influence::ALL
            .iter()
            .rev()
            .map(|x| influence_label(i18n, *x).to_owned())
            .collect();
        let (head_names, band_names) = if vertical {
            (influence_names, position_names)
        } else {
            (position_names, influence_names)
        };
        let heads = head_names
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let x = LABEL_W + i as i32 * col_w + col_w / 2;
                let words = crate::domain::change::wrap(&name, if vertical { 10 } else { 18 }, 2);
                let tspans = words
                    .into_iter()
                    .enumerate()
                    .map(|(k, w)| view! { <tspan x=x y=16 + k as i32 * 16>{w}</tspan> })
                    .collect::<Vec<_>>();
                view! { <text class="power-map__head" text-anchor="middle">{tspans}</text> }
            })
            .collect::<Vec<_>>();
        let band_views = band_names
            .into_iter()
            .enumerate()
            .map(|(b, name)| {
                let top = band_top[b];
                let h = lines[b] as i32 * LINE_H + 2 * PAD;
                let words = crate::domain::change::wrap(&name, 12, 2);
                let tspans = words.into_iter().enumerate()
                    .map(|(k, w)| view! { <tspan x=6 y=top + 20 + k as i32 * 16>{w}</tspan> })
                    .collect::<Vec<_>>();
                let cells = (0..columns)
                    .map(|c| view! { <rect class="power-map__cell" x=LABEL_W + c as i32 * col_w y=top width=col_w height=h/> })
                    .collect::<Vec<_>>();
                view! { <g>{cells}<text class="power-map__band">{tspans}</text></g> }
            })
            .collect::<Vec<_>>();
        let marks = g
            .marks
            .iter()
            .map(|m| {
                let id = m.stakeholder;
                let (x, y) = mark_xy(m.row, m.column, m.slot);
                let full = name_of(id);
                let short = if full.chars().count() > max_chars {
                    format!("{}…", truncate_chars(&full, max_chars - 1).trim_end())
                } else {
                    full.clone()
                };
                let pos = Position::ALL[m.column];
                let inf = Influence::ALL[Influence::ALL.len() - 1 - m.row];
                let label = t_string!(i18n, power.mark_label, name = full, placement = placement_text(i18n, pos, inf)).to_string();
                let keys = move |e: leptos::ev::KeyboardEvent| {
                    if read_only {
                        return;
                    }
                    let (along, up) = match e.key().as_str() {
                        "ArrowLeft" => (-1, 0),
                        "ArrowRight" => (1, 0),
                        "ArrowUp" => (0, 1),
                        "ArrowDown" => (0, -1),
                        _ => return,
                    };
                    // Narrow: positions run down the page and influence across it.
                    let (along, up) = if vertical { (-up, -along) } else { (along, up) };
                    e.prevent_default();
                    shift(id, along, up);
                };
                view! {
                    <g class="power-map__mark" id=format!("mark-{id}") tabindex=(!read_only).then_some("0")
                        role=if read_only { "img" } else { "button" } aria-label=label on:keydown=keys>
                        <rect class="power-map__focus" x=x - 4 y=y + 1 width=col_w - 2 * PAD + 8 height=LINE_H - 2 rx="4"/>
                        <circle cx=x + 6 cy=y + LINE_H / 2 r="5"/>
                        <text x=x + 16 y=y + LINE_H / 2 + 5>{short}</text>
                    </g>
                }
            })
            .collect::<Vec<_>>();
        // With a snapshot chosen: an arrow from each moved stakeholder's old cell to its mark.
        let arrows = moves.get().unwrap_or_default().into_iter().filter_map(|mv| {
            let Movement::Moved { stakeholder, from, .. } = mv else { return None };
            let mark = g.marks.iter().find(|m| m.stakeholder == stakeholder)?;
            let (tx, ty) = mark_xy(mark.row, mark.column, mark.slot);
            let from_row = Influence::ALL.len() - 1 - from.influence.index();
            let (band, column) = cell(from_row, from.position.index());
            let fx = LABEL_W + column as i32 * col_w + col_w / 2;
            let fy = band_top[band] + lines[band] as i32 * LINE_H + 2 * PAD - 6;
            Some(view! { <line class="power-map__arrow" x1=fx y1=fy x2=tx + 6 y2=ty + LINE_H / 2 marker-end="url(#power-arrow)"/> })
        }).collect::<Vec<_>>();
        view! {
            <svg class="power-map__svg" viewBox=format!("0 0 {width} {height}") width=width
                role="group" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">
                <defs>
                    <marker id="power-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="power-map__arrowhead"/>
                    </marker>
                </defs>
                {heads}
                {band_views}
                {arrows}
                {marks}
            </svg>
        }
        .into_any()
    };

    let compare_options = move || {
        snapshots.get().into_iter().map(|(id, label, _)| {
            view! { <option value=id.to_string() selected=move || compare.get() == Some(id)>{label}</option> }
        }).collect::<Vec<_>>()
    };
    let movement_list = move || {
        let (date, _) = earlier.get()?;
        let list = moves.get().unwrap_or_default();
        let steps = |n: i32| {
            if n.abs() == 1 {
                t_string!(i18n, power.one_step).to_string()
            } else {
                t_string!(i18n, power.steps, count = n.abs()).to_string()
            }
        };
        let items = list
            .into_iter()
            .map(|mv| {
                let name = name_of(mv.stakeholder());
                let text = match mv {
                    Movement::Moved {
                        from,
                        to,
                        toward_allies,
                        ..
                    } => {
                        let direction = match toward_allies {
                            0 => t_string!(i18n, power.same_spot).to_string(),
                            n if n > 0 => {
                                t_string!(i18n, power.toward_us, steps = steps(n)).to_string()
                            }
                            n => t_string!(i18n, power.away_from_us, steps = steps(n)).to_string(),
                        };
                        t_string!(
                            i18n,
                            power.move_line,
                            name = name,
                            from = placement_of(i18n, from),
                            to = placement_of(i18n, to),
                            direction = direction
                        )
                        .to_string()
                    }
                    Movement::Added { to, .. } => t_string!(
                        i18n,
                        power.added_line,
                        name = name,
                        to = placement_of(i18n, to)
                    )
                    .to_string(),
                    Movement::Dropped { .. } => {
                        t_string!(i18n, power.dropped_line, name = name).to_string()
                    }
                };
                view! { <li>{text}</li> }
            })
            .collect::<Vec<_>>();
        let body = if items.is_empty() {
            view! { <p>{t_string!(i18n, power.no_movement)}</p> }.into_any()
        } else {
            view! { <ul class="movement-list">{items}</ul> }.into_any()
        };
        Some(view! {
            <div class="movement" aria-labelledby="movement-title">
                <h4 id="movement-title">{t_string!(i18n, power.movement_title, date = date)}</h4>
                {body}
            </div>
        })
    };
    // The table follows the names and the placements, like the map: typing evidence (which
    // the cards show) redraws neither.
    let ids = Memo::new(move |_| names.with(|n| n.iter().map(|x| x.0).collect::<Vec<_>>()));
    let row = move |id: Uuid| {
        move || {
            let (pos, inf) = placements.with(|p| {
                p.iter()
                    .find(|x| x.stakeholder == id)
                    .map(|x| (x.position, x.influence))
            })?;
            let (name, kind) =
                names.with(|n| n.iter().find(|x| x.0 == id).map(|x| (x.1.clone(), x.2)))?;
            Some(view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td>{kind_label(i18n, kind)}</td>
                    <td>{position_label(i18n, pos)}</td>
                    <td>{influence_label(i18n, inf)}</td>
                </tr>
            })
        }
    };

    view! {
        <section class="step-section power-map" aria-labelledby="chart-title">
            {if read_only {
                view! { <h4 id="chart-title">{t_string!(i18n, power.chart_title)}</h4> }.into_any()
            } else {
                view! { <h3 id="chart-title" tabindex="-1">{t_string!(i18n, power.chart_title)}</h3> }.into_any()
            }}
            <p class="field__hint" id="chart-caption" hidden=read_only>
                {move || if narrow.get() { t_string!(i18n, power.chart_caption_narrow) } else { t_string!(i18n, power.chart_caption) }}
            </p>
            <Show when=move || !read_only && !snapshots.with(|s| s.is_empty())>
                <div class="field field--inline">
                    <label for="compare">{t_string!(i18n, power.compare_label)}</label>
                    <p class="field__hint" id="compare-hint">{t_string!(i18n, power.compare_hint)}</p>
                    <select id="compare" aria-describedby="compare-hint"
                        on:change=move |e| compare.set(event_target_value(&e).parse().ok())>
                        <option value="" selected=move || compare.get().is_none()>{t_string!(i18n, power.compare_none)}</option>
                        {compare_options}
                    </select>
                </div>
            </Show>
            <div class="power-map__frame">{diagram}</div>
            <p role="status" class="status-line">{move || announce.get()}</p>
            {movement_list}
            // In the report the same stakeholders follow as a table with their evidence.
            <Show when=move || !read_only>
            <h4 id="map-table-title">{t_string!(i18n, power.table_title)}</h4>
            <div class="table-scroll" role="region" aria-labelledby="map-table-title" tabindex="0">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t_string!(i18n, power.col_name)}</th>
                            <th scope="col">{t_string!(i18n, power.col_kind)}</th>
                            <th scope="col">{t_string!(i18n, power.col_position)}</th>
                            <th scope="col">{t_string!(i18n, power.col_influence)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || ids.get() key=|id| *id let(id)>
                            {row(id)}
                        </For>
                    </tbody>
                </table>
            </div>
            </Show>
        </section>
    }
}

fn placement_of(i18n: leptos_i18n::I18nContext<Locale>, p: Placement) -> String {
    placement_text(i18n, p.position, p.influence)
}

/// Each snapshot's id, its label (the date, with the time when another snapshot shares the
/// date) and how many stakeholders it placed, in history order.
pub fn snapshot_labels(
    snapshots: &[crate::domain::power::Snapshot],
    lang: &str,
) -> Vec<(Uuid, String, usize)> {
    let order: Vec<_> = snapshots.iter().map(|s| s.order()).collect();
    snapshots
        .iter()
        .zip(format::entry_labels(&order, lang))
        .map(|(s, label)| (s.id, label, s.placements.len()))
        .collect()
}
