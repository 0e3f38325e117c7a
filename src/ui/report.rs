//! The plan report (`#/plan/<id>/report`): the whole plan on one page, drawn from the same
//! blocks as the Markdown export, with the pathway and the power map. It prints through the
//! browser (print stylesheet: no navigation, clean page breaks, black and white), downloads
//! as Markdown, and exports a copy without the private fields.

use leptos::prelude::*;

use crate::domain::report::{Block, Diagram, Term, blocks_to_markdown, report};
use crate::i18n::*;
use crate::page::labels::{Words, rag_label, reason_label};
use crate::state::{read_plan, today, use_document};
use crate::ui::components::power_chart::PowerChart;
use crate::ui::steps::change::Pathway;

type Ctx = leptos_i18n::I18nContext<Locale>;

/// Every word of the report that is not the organisers' own, from the locale file.
pub fn term(i18n: Ctx, t: Term<'_>) -> String {
    let lang = i18n.get_locale_untracked().as_str();
    let s: &str = match t {
        Term::Step(step) => return crate::ui::steps::registry::title(i18n, step),
        Term::Label(label) => return t_string!(i18n, report.label, label = label).to_string(),
        Term::GoalStatus {
            rag,
            reason,
            progress,
            on,
        } => {
            return t_string!(
                i18n,
                evaluation.status_line,
                rag = rag_label(i18n, rag),
                reason = reason_label(i18n, reason),
                progress = progress,
                date = crate::page::format::date(on, lang)
            )
            .to_string();
        }
        Term::Day => t_string!(i18n, report.day),
        Term::PowerHeld => t_string!(i18n, goals.prompt_power),
        Term::Date(d) => return crate::page::format::date(d, lang),
        Term::DateAt(d, at) => return crate::page::format::date_at(d, at, lang),
        Term::Coalition => t_string!(i18n, overview.coalition_label),
        Term::Dates => t_string!(i18n, report.dates),
        Term::Purpose => t_string!(i18n, overview.purpose_label),
        Term::Notes => t_string!(i18n, overview.notes_label),
        Term::PartnerKind(k) => return k.words(i18n),
        Term::Continuum(c) => return c.words(i18n),
        Term::Commitment(c) => return c.words(i18n),
        Term::Messenger => t_string!(i18n, report.messenger),
        Term::Connector => t_string!(i18n, report.connector),
        Term::Convener => t_string!(i18n, report.convener),
        Term::Skills => t_string!(i18n, partners.skills_label),
        Term::Resources => t_string!(i18n, partners.resources_label),
        Term::Ownership => t_string!(i18n, partners.ownership_label),
        Term::PrivateNotes => t_string!(i18n, partners.private_label),
        Term::Quality(q) => return q.words(i18n),
        Term::Rating(r) => return r.words(i18n),
        Term::NotRated => t_string!(i18n, report.not_rated),
        Term::Evidence => t_string!(i18n, power.evidence_label),
        Term::Block(b) => return b.words(i18n),
        Term::Score => t_string!(i18n, report.score),
        Term::NextStep => t_string!(i18n, report.next_step),
        Term::Assessments => t_string!(i18n, report.assessments),
        Term::Charter => t_string!(i18n, report.charter),
        Term::CharterPart(key) => match key {
            "values" => t_string!(i18n, foundations.charter_values),
            "purpose" => t_string!(i18n, foundations.charter_purpose),
            "will_do" => t_string!(i18n, foundations.charter_will_do),
            "will_not_do" => t_string!(i18n, foundations.charter_will_not_do),
            "decisions" => t_string!(i18n, foundations.charter_decisions),
            "conflict" => t_string!(i18n, foundations.charter_conflict),
            "communication" => t_string!(i18n, foundations.charter_communication),
            _ => t_string!(i18n, foundations.charter_roles),
        },
        Term::AgreedOn => t_string!(i18n, report.agreed_on),
        Term::OtherResources => t_string!(i18n, strategy.other_resources),
        Term::WhoDecides => t_string!(i18n, strategy.who_decides),
        Term::Leverage => t_string!(i18n, strategy.leverage),
        Term::Change => t_string!(i18n, strategy.change),
        Term::Statement => t_string!(i18n, strategy.statement),
        Term::Stage(stage) => return stage.words(i18n),
        Term::ActivityKind(k) => return k.words(i18n),
        Term::Partners => t_string!(i18n, activities.partners_label),
        Term::Outcome => t_string!(i18n, activities.outcome_label),
        Term::If => t_string!(i18n, report.if_we),
        Term::When => t_string!(i18n, report.when_word),
        Term::Then => t_string!(i18n, report.then_word),
        Term::Assumptions => t_string!(i18n, change.assumptions_label),
        Term::Preconditions => t_string!(i18n, change.preconditions_label),
        Term::Indicators => t_string!(i18n, change.indicators_label),
        Term::BuildsOn => t_string!(i18n, report.builds_on),
        Term::Name => t_string!(i18n, report.name),
        Term::Kind => t_string!(i18n, report.kind),
        Term::StakeholderKind(k) => return k.words(i18n),
        Term::Position(p) => return p.words(i18n),
        Term::Influence(x) => return x.words(i18n),
        Term::Interests => t_string!(i18n, stakeholders.col_interests),
        Term::Want => t_string!(i18n, stakeholders.col_want),
        Term::Approach => t_string!(i18n, stakeholders.col_approach),
        Term::Snapshots => t_string!(i18n, report.snapshots),
        Term::Links => t_string!(i18n, report.links),
        Term::Quadrant(q) => return q.words(i18n),
        Term::Informs => t_string!(i18n, report.informs),
        Term::Tactics => t_string!(i18n, report.tactics),
        Term::Rationale => t_string!(i18n, action.rationale),
        Term::Targets => t_string!(i18n, report.targets),
        Term::Activities => t_string!(i18n, action.activities_title),
        Term::What => t_string!(i18n, action.what),
        Term::Who => t_string!(i18n, action.who),
        Term::Due => t_string!(i18n, action.due),
        Term::Status(s) => return s.words(i18n),
        Term::Communication => t_string!(i18n, action.communication),
        Term::Priority => t_string!(i18n, report.priority),
        Term::Deadline => t_string!(i18n, goals.deadline),
        Term::Measure => t_string!(i18n, report.measure),
        Term::Target => t_string!(i18n, report.target),
        Term::Baseline => t_string!(i18n, report.baseline),
        Term::Qualities => t_string!(i18n, report.qualities),
        Term::Letter(l) => return l.words(i18n),
        Term::EquityCheck => t_string!(i18n, goals.equity_title),
        Term::Dimension(d) => return d.words(i18n),
        Term::Impact(i) => return i.words(i18n),
        Term::Mitigation => t_string!(i18n, goals.mitigation),
        Term::HowToCheck => t_string!(i18n, goals.how_to_check),
        Term::RecheckOn => t_string!(i18n, goals.recheck_on),
        Term::Outcomes => t_string!(i18n, report.outcomes),
        Term::Window => t_string!(i18n, report.window),
        Term::Goal => t_string!(i18n, report.goal),
        Term::AgreedWith => t_string!(i18n, success.agreed_with),
        Term::CheckIns => t_string!(i18n, evaluation.history),
        Term::Value => t_string!(i18n, report.value),
        Term::Met => t_string!(i18n, report.met),
        Term::Journal => t_string!(i18n, evaluation.journal_title),
        Term::Worked => t_string!(i18n, evaluation.worked),
        Term::DidNotWork => t_string!(i18n, evaluation.did_not_work),
        Term::WillChange => t_string!(i18n, evaluation.change),
        Term::Present => t_string!(i18n, report.present),
        Term::Rag(r) => return r.words(i18n),
        Term::Reason(r) => return r.words(i18n),
        Term::NotChecked => t_string!(i18n, evaluation.not_checked),
        Term::NothingToMeasure => t_string!(i18n, evaluation.nothing_to_measure),
        Term::Progress => t_string!(i18n, report.progress),
        Term::Untitled => t_string!(i18n, report.untitled),
        Term::ColQuality => t_string!(i18n, report.quality),
        Term::ColRating => t_string!(i18n, report.rating),
        Term::ColBlock => t_string!(i18n, report.block),
        Term::ColPosition => t_string!(i18n, report.position),
        Term::ColInfluence => t_string!(i18n, report.influence),
        Term::ColStatus => t_string!(i18n, report.status),
        Term::ColDimension => t_string!(i18n, report.dimension),
        Term::ColImpact => t_string!(i18n, report.impact),
    };
    s.to_owned()
}

/// The report's blocks as HTML. Each table is a scrollable region, named after the heading
/// above it and its columns, and numbered when that name repeats: landmarks need unique names.
fn block_views(blocks: Vec<Block>) -> Vec<AnyView> {
    let mut heading = String::new();
    let mut seen = std::collections::HashMap::<String, usize>::new();
    blocks
        .into_iter()
        .map(|b| {
            let label = match &b {
                Block::Heading(_, text) => {
                    heading = text.clone();
                    None
                }
                Block::Table { headers, .. } => {
                    let base = if heading.is_empty() {
                        headers.join(", ")
                    } else {
                        format!("{heading}: {}", headers.join(", "))
                    };
                    let n = seen.entry(base.clone()).or_insert(0);
                    *n += 1;
                    Some(if *n == 1 {
                        base
                    } else {
                        format!("{base} ({n})")
                    })
                }
                _ => None,
            };
            block_view(b, label)
        })
        .collect()
}

/// One block of the report as HTML. User text is always a text node.
fn block_view(b: Block, table_label: Option<String>) -> AnyView {
    match b {
        Block::Heading(1, text) => view! { <h2 class="report__title">{text}</h2> }.into_any(),
        Block::Heading(2, text) => view! { <h3 class="report__section">{text}</h3> }.into_any(),
        Block::Heading(3, text) => view! { <h4>{text}</h4> }.into_any(),
        Block::Heading(_, text) => view! { <h5>{text}</h5> }.into_any(),
        Block::Field(label, text) => {
            view! { <p class="report__field"><strong>{label}</strong> " " <span class="prewrap">{text}</span></p> }.into_any()
        }
        Block::Paragraph(text) => view! { <p class="prewrap">{text}</p> }.into_any(),
        Block::Table { headers, rows } => {
            let label = table_label.unwrap_or_else(|| headers.join(", "));
            view! {
            <div class="table-scroll" role="region" tabindex="0" aria-label=label>
                <table class="data-table report__table">
                    <thead><tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect::<Vec<_>>()}</tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>{r.into_iter().map(|c| view! { <td class="prewrap">{c}</td> }).collect::<Vec<_>>()}</tr>
                        }).collect::<Vec<_>>()}
                    </tbody>
                </table>
            </div>
            }
            .into_any()
        }
        Block::List(items) => {
            view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect::<Vec<_>>()}</ul> }.into_any()
        }
        Block::Diagram(Diagram::Pathway) => view! { <Pathway read_only=true/> }.into_any(),
        Block::Diagram(Diagram::PowerMap) => view! { <PowerChart read_only=true/> }.into_any(),
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let include_private = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let words = move |t: Term<'_>| term(i18n, t);
    // Drawn from the plan as it is when the page opens, and again when private notes are
    // included or left out.
    let blocks = move || {
        let private = include_private.get();
        doc.plan
            .with_untracked(|p| report(p, &words, private, today(), read_plan))
            .map_err(|e| t_string!(i18n, report.failed, reason = e.to_string()).to_string())
    };
    let steps_link = move || doc.step_href(crate::domain::steps::Step::first());
    let markdown = move |_| {
        let private = include_private.get_untracked();
        let text = doc
            .plan
            .with_untracked(|p| report(p, &words, private, today(), read_plan))
            .map(|b| blocks_to_markdown(&b))
            .map_err(|e| e.to_string());
        match text.and_then(|t| doc.download_derived(".md", "text/markdown;charset=utf-8", &t)) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(
                t_string!(i18n, action.export_failed, reason = e).to_string(),
            )),
        }
    };
    view! {
        <section class="report" aria-labelledby="step-title">
            <h2 id="step-title" class="visually-hidden" tabindex="-1">{t_string!(i18n, report.title)}</h2>
            <div class="report__tools card">
                <p><a href=steps_link>"← " {t_string!(i18n, report.back)}</a></p>
                <p>{t_string!(i18n, report.intro)}</p>
                <div class="choice">
                    <input type="checkbox" id="report-private" aria-describedby="report-private-hint"
                        prop:checked=move || include_private.get()
                        on:change=move |e| include_private.set(event_target_checked(&e))/>
                    <label for="report-private">{t_string!(i18n, report.include_private)}</label>
                </div>
                <p class="field__hint" id="report-private-hint">{t_string!(i18n, report.include_private_hint)}</p>
                <div class="button-row">
                    <button type="button" class="button button--primary" id="report-print" on:click=move |_| { let _ = window().print(); }>
                        {t_string!(i18n, report.print)}
                    </button>
                    <button type="button" class="button" id="report-markdown" on:click=markdown>{t_string!(i18n, report.markdown)}</button>
                </div>
                {move || error.get().map(|t| view! { <p class="alert alert--error" role="alert">{t}</p> })}
            </div>
            <article class="report__body">
                {move || match blocks() {
                    Ok(b) => block_views(b).into_any(),
                    Err(e) => view! { <p class="alert alert--error" role="alert">{e}</p> }.into_any(),
                }}
            </article>
        </section>
    }
}
