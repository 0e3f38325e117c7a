//! Step "Foundations": the five relationship qualities (with the slush warning), the five
//! foundational blocks with dated assessments and their history, and the coalition charter
//! with a print view.

use leptos::prelude::*;
use reactive_stores::{Store, Subfield};
use uuid::Uuid;

use crate::domain::foundations::{
    Block, BlockEntry, BlockEntryStoreFields, Blocks, BlocksStoreFields, Charter,
    CharterStoreFields, Foundations, FoundationsStoreFields, Movement, Qualities,
    QualitiesStoreFields, Quality, QualityEntry, QualityEntryStoreFields, Rating, SlushWarning,
    block_history, slush_warning,
};
use crate::domain::{Plan, PlanStoreFields};
use crate::i18n::*;
use crate::page::format;
use crate::page::labels::{block_text, partner_name, quality_text, rating_label, score_options};
use crate::state::{now, today, use_document};
use crate::ui::components::fields::{DateBox, RemoveButton};
use crate::ui::components::form::{Date, Pick, Text};

#[component]
pub fn FoundationsStep() -> impl IntoView {
    view! {
        <QualitiesSection/>
        <BlocksSection/>
        <CharterSection/>
    }
}

type FoundationsField = Subfield<Store<Plan>, Plan, Foundations>;

/// A quality's entry in the plan's store.
fn quality_field(
    q: Subfield<FoundationsField, Foundations, Qualities>,
    quality: Quality,
) -> Subfield<Subfield<FoundationsField, Foundations, Qualities>, Qualities, QualityEntry> {
    match quality {
        Quality::SharedValues => q.shared_values(),
        Quality::DiverseSkills => q.diverse_skills(),
        Quality::SharedPurpose => q.shared_purpose(),
        Quality::SharedGrowth => q.shared_growth(),
        Quality::Commitment => q.commitment(),
    }
}

/// A block's entry in the plan's store.
fn block_field(
    b: Subfield<FoundationsField, Foundations, Blocks>,
    block: Block,
) -> Subfield<Subfield<FoundationsField, Foundations, Blocks>, Blocks, BlockEntry> {
    match block {
        Block::DiversePeople => b.diverse_people(),
        Block::CommonPurpose => b.common_purpose(),
        Block::ClearBoundaries => b.clear_boundaries(),
        Block::ClearRoles => b.clear_roles(),
        Block::ExplicitNorms => b.explicit_norms(),
    }
}

/// A rating's form value ("none" when not rated).
fn rating_code(r: Option<Rating>) -> &'static str {
    r.map_or("none", Rating::as_str)
}

/// A score's form value ("" when not scored).
fn score_code(s: Option<u8>) -> &'static str {
    match s {
        Some(1) => "1",
        Some(2) => "2",
        Some(3) => "3",
        Some(4) => "4",
        Some(5) => "5",
        _ => "",
    }
}

#[component]
fn QualitiesSection() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let f = doc.plan.foundations();
    let mut ratings = vec![(None, t_string!(i18n, foundations.rating_none).to_string())];
    ratings.extend(Rating::ALL.map(|r| (Some(r), rating_label(i18n, r))));
    let cards = Quality::ALL
        .into_iter()
        .map(|q| {
            let (name, hint) = quality_text(i18n, q);
            let key = q.key();
            let entry = quality_field(f.qualities(), q);
            view! {
                <li class="card quality" aria-labelledby=format!("q-{key}-name")>
                    <h4 id=format!("q-{key}-name")>{name}</h4>
                    <p class="field__hint">{hint}</p>
                    <Pick id=format!("q-{key}-rating") label=t_string!(i18n, foundations.rating_label).to_string()
                        options=ratings.clone() code=rating_code radios=true field=entry.rating()/>
                    <Text id=format!("q-{key}-evidence") label=t_string!(i18n, foundations.evidence_label).to_string()
                        rows=3 field=entry.evidence()/>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let warning = Memo::new(move |_| doc.plan.with(slush_warning));
    view! {
        <section class="step-section" aria-labelledby="qualities-title">
            <h3 id="qualities-title">{t_string!(i18n, foundations.qualities_title)}</h3>
            <p>{t_string!(i18n, foundations.qualities_intro)}</p>
            <ul class="card-list card-list--grid">{cards}</ul>
            <div role="status">
                {move || warning.get().map(|w| {
                    let text = match w {
                        SlushWarning::CommitmentRated(r) => t_string!(i18n, foundations.slush_rated, rating = rating_label(i18n, r)).to_string(),
                        SlushWarning::PartnersLow { low, known } => t_string!(i18n, foundations.slush_partners, low = low, known = known).to_string(),
                    };
                    view! {
                        <div class="alert alert--warning" id="slush-warning">
                            <p><strong>"⚠ " {t_string!(i18n, foundations.slush_title)}</strong></p>
                            <p>{text}</p>
                        </div>
                    }
                })}
            </div>
        </section>
    }
}

#[component]
fn BlocksSection() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let f = doc.plan.foundations();
    let scores: Vec<(Option<u8>, String)> = score_options(i18n)
        .into_iter()
        .map(|(v, l)| (v.parse().ok(), l))
        .collect();
    let cards = Block::ALL
        .into_iter()
        .map(|b| {
            let (name, hint) = block_text(i18n, b);
            let key = b.key();
            let entry = block_field(f.blocks(), b);
            view! {
                <li class="card block" aria-labelledby=format!("b-{key}-name")>
                    <h4 id=format!("b-{key}-name")>{name}</h4>
                    <p class="field__hint">{hint}</p>
                    <Pick id=format!("b-{key}-score") label=t_string!(i18n, foundations.score_label).to_string()
                        options=scores.clone() code=score_code field=entry.score()/>
                    <Text id=format!("b-{key}-notes") label=t_string!(i18n, foundations.notes_label).to_string()
                        field=entry.notes()/>
                    <Text id=format!("b-{key}-next") label=t_string!(i18n, foundations.next_step_label).to_string()
                        field=entry.next_step()/>
                </li>
            }
        })
        .collect::<Vec<_>>();

    let date = RwSignal::new(Some(today()));
    let saved = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let lang = i18n.get_locale_untracked().as_str();
    let save = move |_| {
        saved.set(String::new());
        let Some(d) = date.get_untracked() else {
            error.set(t_string!(i18n, foundations.assessment_bad_date).to_string());
            return;
        };
        let scored =
            f.with_untracked(|f| Block::ALL.iter().any(|b| b.of(&f.blocks).score.is_some()));
        if !scored {
            error.set(t_string!(i18n, foundations.assessment_nothing).to_string());
            return;
        }
        let existed = f.with_untracked(|f| f.assessments.iter().any(|a| a.date == d));
        f.update(|f| {
            f.record_assessment(d, now(), Uuid::new_v4());
        });
        error.set(String::new());
        let date = format::date(d, lang);
        saved.set(if existed {
            t_string!(i18n, foundations.assessment_kept_both, date = date).to_string()
        } else {
            t_string!(i18n, foundations.assessment_saved, date = date).to_string()
        });
    };

    view! {
        <section class="step-section" aria-labelledby="blocks-title">
            <h3 id="blocks-title">{t_string!(i18n, foundations.blocks_title)}</h3>
            <p>{t_string!(i18n, foundations.blocks_intro)}</p>
            <ul class="card-list card-list--grid">{cards}</ul>
            <div class="card assessment" role="group" aria-labelledby="assessment-title">
                <h4 id="assessment-title">{t_string!(i18n, foundations.assessment_title)}</h4>
                <p class="field__hint">{t_string!(i18n, foundations.assessment_intro)}</p>
                <DateBox id="assessment-date".to_string() label=t_string!(i18n, foundations.assessment_date).to_string()
                    value=date.into() on_change=Callback::new(move |d| date.set(d))/>
                <button type="button" class="button button--primary" on:click=save>
                    {t_string!(i18n, foundations.assessment_save)}
                </button>
                <p role="status" class="status-line">{move || saved.get()}</p>
                <p role="alert" class="field__error">{move || error.get()}</p>
            </div>
            <History/>
        </section>
    }
}

/// The saved assessments as a table, block by block, with how each block moved.
#[component]
fn History() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let f = doc.plan.foundations();
    let lang = i18n.get_locale_untracked().as_str();
    // Memos, so typing elsewhere in the step does not redraw the table (or close a pending
    // "Remove?" question): they change only when the assessments do.
    // Each assessment's id and label, in history order; the label says the time when
    // another assessment has the same date.
    let dated = Memo::new(move |_| {
        f.with(|f| {
            let mut list: Vec<&crate::domain::foundations::Assessment> =
                f.assessments.iter().collect();
            list.sort_by_key(|a| a.order());
            let order: Vec<_> = list.iter().map(|a| a.order()).collect();
            let labels = format::entry_labels(&order, lang);
            list.iter().map(|a| a.id).zip(labels).collect::<Vec<_>>()
        })
    });
    let history = Memo::new(move |_| f.assessments().with(|a| block_history(a)));
    let table = move || {
        let dates = dated.get();
        if dates.is_empty() {
            return view! { <p class="empty">{t_string!(i18n, foundations.history_empty)}</p> }
                .into_any();
        }
        let trends = history.get();
        let rows = trends
            .into_iter()
            .map(|t| {
                let movement = match t.movement {
                    Some(Movement::Up(by)) => format!("↑ {}", t_string!(i18n, foundations.moved_up, by = by)),
                    Some(Movement::Down(by)) => format!("↓ {}", t_string!(i18n, foundations.moved_down, by = by)),
                    Some(Movement::Same) => format!("→ {}", t_string!(i18n, foundations.moved_same)),
                    None => t_string!(i18n, foundations.moved_unknown).to_string(),
                };
                let cells = t
                    .scores
                    .iter()
                    .map(|s| {
                        let text = s.map(|s| s.to_string()).unwrap_or_else(|| t_string!(i18n, foundations.history_not_scored).to_string());
                        view! { <td>{text}</td> }
                    })
                    .collect::<Vec<_>>();
                view! { <tr><th scope="row">{block_text(i18n, t.block).0}</th>{cells}<td>{movement}</td></tr> }
            })
            .collect::<Vec<_>>();
        let heads = dates
            .iter()
            .map(|(_, label)| view! { <th scope="col">{label.clone()}</th> })
            .collect::<Vec<_>>();
        let removers = dates
            .into_iter()
            .map(|(id, label)| {
                let question = t_string!(i18n, foundations.history_remove_confirm, date = label.clone()).to_string();
                view! {
                    <li>
                        <RemoveButton id=format!("assessment-{id}-remove")
                            label=t_string!(i18n, foundations.history_remove, date = label.clone()).to_string()
                            name=Signal::stored(String::new())
                            question=Signal::stored(question)
                            yes=t_string!(i18n, foundations.history_remove_yes).to_string()
                            cancel=t_string!(i18n, foundations.cancel).to_string()
                            on_yes=Callback::new(move |_| {
                                f.update(|f| f.assessments.retain(|a| a.id != id));
                                crate::page::dom::focus_later("#history-title");
                            })/>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="history-caption">
                <table class="history">
                    <caption id="history-caption">{t_string!(i18n, foundations.history_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t_string!(i18n, foundations.history_block)}</th>
                        {heads}
                        <th scope="col">{t_string!(i18n, foundations.history_change)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <ul class="assessment-list">{removers}</ul>
        }
        .into_any()
    };
    view! {
        <h4 id="history-title" tabindex="-1">{t_string!(i18n, foundations.history_title)}</h4>
        {table}
    }
}

#[component]
fn CharterSection() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let f = doc.plan.foundations();
    let charter = f.charter();
    let preview_open = RwSignal::new(false);
    let print = move |_| {
        // Print once the preview is drawn open.
        preview_open.set(true);
        crate::page::dom::print_only("print-charter");
    };
    view! {
        <section class="step-section" aria-labelledby="charter-title">
            <h3 id="charter-title">{t_string!(i18n, foundations.charter_title)}</h3>
            <p>{t_string!(i18n, foundations.charter_intro)}</p>
            <div class="card">
                <Text id="charter-values".to_string() label=t_string!(i18n, foundations.charter_values).to_string() hint=t_string!(i18n, foundations.charter_values_hint).to_string() rows=3 field=charter.values()/>
                <Text id="charter-purpose".to_string() label=t_string!(i18n, foundations.charter_purpose).to_string() hint=t_string!(i18n, foundations.charter_purpose_hint).to_string() rows=3 field=charter.purpose()/>
                <fieldset class="group">
                    <legend>{t_string!(i18n, foundations.charter_boundaries)}</legend>
                    <Text id="charter-will-do".to_string() label=t_string!(i18n, foundations.charter_will_do).to_string() hint=t_string!(i18n, foundations.charter_will_do_hint).to_string() rows=3 field=charter.will_do()/>
                    <Text id="charter-will-not-do".to_string() label=t_string!(i18n, foundations.charter_will_not_do).to_string() hint=t_string!(i18n, foundations.charter_will_not_do_hint).to_string() rows=3 field=charter.will_not_do()/>
                </fieldset>
                <fieldset class="group">
                    <legend>{t_string!(i18n, foundations.charter_norms)}</legend>
                    <Text id="charter-decisions".to_string() label=t_string!(i18n, foundations.charter_decisions).to_string() hint=t_string!(i18n, foundations.charter_decisions_hint).to_string() rows=3 field=charter.decisions()/>
                    <Text id="charter-conflict".to_string() label=t_string!(i18n, foundations.charter_conflict).to_string() hint=t_string!(i18n, foundations.charter_conflict_hint).to_string() rows=3 field=charter.conflict()/>
                    <Text id="charter-communication".to_string() label=t_string!(i18n, foundations.charter_communication).to_string() hint=t_string!(i18n, foundations.charter_communication_hint).to_string() rows=3 field=charter.communication()/>
                </fieldset>
                <Text id="charter-roles".to_string() label=t_string!(i18n, foundations.charter_roles).to_string() hint=t_string!(i18n, foundations.charter_roles_hint).to_string() rows=3 field=charter.roles()/>
                <Date id="charter-agreed".to_string() label=t_string!(i18n, foundations.charter_agreed_on).to_string()
                    field=charter.agreed_on()/>
                <button type="button" class="button button--primary" id="charter-print" on:click=print>
                    {t_string!(i18n, foundations.charter_print)}
                </button>
            </div>
            <details class="charter-preview" prop:open=move || preview_open.get()
                on:toggle=move |e| {
                    use wasm_bindgen::JsCast;
                    if let Some(d) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                        preview_open.set(d.open());
                    }
                }>
                <summary>{t_string!(i18n, foundations.charter_preview)}</summary>
                // Drawn only when opened (or printed): it lists every partner.
                <Show when=move || preview_open.get()>
                    <CharterDocument/>
                </Show>
            </details>
        </section>
    }
}

/// The charter laid out as an agreement to sign.
#[component]
fn CharterDocument() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let lang = i18n.get_locale_untracked().as_str();
    let f = doc.plan.foundations();
    let part = move |title: String, get: fn(&Charter) -> &String| {
        let text = move || {
            let t = f.with(|f| get(&f.charter).trim().to_owned());
            if t.is_empty() {
                t_string!(i18n, foundations.charter_doc_empty).to_string()
            } else {
                t
            }
        };
        view! { <h4>{title}</h4><p class="prewrap">{text}</p> }
    };
    // Each part follows only what it shows, not the whole plan.
    let coalition = move || {
        doc.plan.overview().with(|o| {
            let c = o.coalition.trim();
            if c.is_empty() {
                o.name.trim().to_owned()
            } else {
                c.to_owned()
            }
        })
    };
    let partners = move || {
        let list = doc.plan.partners().with(|partners| {
            partners
                .iter()
                .map(|p| {
                    let mut roles = Vec::new();
                    if p.roles.messenger {
                        roles.push(t_string!(i18n, partners.role_messenger).to_string());
                    }
                    if p.roles.connector {
                        roles.push(t_string!(i18n, partners.role_connector).to_string());
                    }
                    if p.roles.convener {
                        roles.push(t_string!(i18n, partners.role_convener).to_string());
                    }
                    (partner_name(i18n, &p.name), roles.join(", "))
                })
                .collect::<Vec<_>>()
        });
        if list.is_empty() {
            return view! { <p>{t_string!(i18n, foundations.charter_doc_no_partners)}</p> }
                .into_any();
        }
        view! {
            <ul class="signatures">
                {list.into_iter().map(|(name, roles)| view! {
                    <li>
                        <strong>{name}</strong>
                        {(!roles.is_empty()).then(|| view! { <span>{roles}</span> })}
                        <span class="signatures__line">{t_string!(i18n, foundations.charter_doc_signed)}</span>
                    </li>
                }).collect::<Vec<_>>()}
            </ul>
        }
        .into_any()
    };
    view! {
        <article class="charter-doc" aria-labelledby="charter-doc-title">
            <h3 id="charter-doc-title">{t_string!(i18n, foundations.charter_doc_title)}</h3>
            <p class="charter-doc__coalition">{coalition}</p>
            {part(t_string!(i18n, foundations.charter_values).to_string(), |c| &c.values)}
            {part(t_string!(i18n, foundations.charter_purpose).to_string(), |c| &c.purpose)}
            {part(t_string!(i18n, foundations.charter_will_do).to_string(), |c| &c.will_do)}
            {part(t_string!(i18n, foundations.charter_will_not_do).to_string(), |c| &c.will_not_do)}
            {part(t_string!(i18n, foundations.charter_decisions).to_string(), |c| &c.decisions)}
            {part(t_string!(i18n, foundations.charter_conflict).to_string(), |c| &c.conflict)}
            {part(t_string!(i18n, foundations.charter_communication).to_string(), |c| &c.communication)}
            {part(t_string!(i18n, foundations.charter_roles).to_string(), |c| &c.roles)}
            <p>{move || f.with(|f| f.charter.agreed_on).map(|d| t_string!(i18n, foundations.charter_doc_agreed, date = format::date(d, lang)).to_string())}</p>
            <h4>{t_string!(i18n, foundations.charter_doc_partners)}</h4>
            {partners}
        </article>
    }
}
