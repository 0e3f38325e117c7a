//! Step "Strategy": resources → power → change, and the statement drafted from them.

use leptos::prelude::*;

use crate::domain::PlanStoreFields;
use crate::domain::strategy::{DraftProblem, Missing, StrategyStoreFields, statement_parts};
use crate::domain::text::MAX_PARAGRAPH;
use crate::i18n::*;
use crate::page::labels::partner_name;
use crate::state::use_document;
use crate::ui::components::form::{Partners, Text};

#[component]
pub fn StrategyStep() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let s = doc.plan.strategy();
    let partners = Signal::derive(move || {
        doc.plan.partners().with(|list| {
            list.iter()
                .map(|p| {
                    let name = partner_name(i18n, &p.name);
                    let label = if p.resources.trim().is_empty() {
                        name
                    } else {
                        t_string!(
                            i18n,
                            strategy.partner_brings,
                            name = name,
                            resources = p.resources.trim().to_owned()
                        )
                        .to_string()
                    };
                    (p.id, label)
                })
                .collect::<Vec<_>>()
        })
    });

    let parts = Memo::new(move |_| doc.plan.with(statement_parts));
    let draft = move || {
        parts
            .get()
            .draft(
                t_string!(i18n, strategy.statement_template),
                t_string!(i18n, strategy.and),
            )
            .map_err(|problem| match problem {
                DraftProblem::Missing(missing) => {
                    let names = missing
                        .into_iter()
                        .map(|m| match m {
                            Missing::Resources => t_string!(i18n, strategy.missing_resources),
                            Missing::WhoDecides => t_string!(i18n, strategy.missing_who_decides),
                            Missing::Leverage => t_string!(i18n, strategy.missing_leverage),
                            Missing::Change => t_string!(i18n, strategy.missing_change),
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    t_string!(i18n, strategy.draft_missing, parts = names).to_string()
                }
                DraftProblem::TooLong { len } => t_string!(
                    i18n,
                    strategy.draft_too_long,
                    len = len,
                    limit = MAX_PARAGRAPH
                )
                .to_string(),
            })
    };
    let confirming = RwSignal::new(false);
    let use_draft = move |_| {
        let Ok(text) = draft() else { return };
        let current = s.with_untracked(|s| s.statement.trim().to_owned());
        if current.is_empty() || current == text {
            s.update(|s| s.statement = text);
            crate::page::dom::focus_later("#strategy-statement");
        } else {
            confirming.set(true);
            crate::page::dom::focus_later("#strategy-replace-yes");
        }
    };
    let replace = move |_| {
        if let Ok(text) = draft() {
            s.update(|s| s.statement = text);
        }
        confirming.set(false);
        crate::page::dom::focus_later("#strategy-statement");
    };

    view! {
        <ol class="builder">
            <li class="card builder__part">
                <h3>{t_string!(i18n, strategy.resources_title)}</h3>
                <Partners id="strategy-partner".to_string() legend=t_string!(i18n, strategy.resources_partners).to_string()
                    hint=t_string!(i18n, strategy.resources_partners_hint).to_string()
                    empty=t_string!(i18n, strategy.resources_no_partners).to_string()
                    partners=partners field=s.resource_partners()/>
                <Text id="strategy-other".to_string() label=t_string!(i18n, strategy.other_resources).to_string() hint=t_string!(i18n, strategy.other_resources_hint).to_string() rows=3 field=s.other_resources()/>
            </li>
            <li class="card builder__part">
                <h3>{t_string!(i18n, strategy.power_title)}</h3>
                <Text id="strategy-who".to_string() label=t_string!(i18n, strategy.who_decides).to_string() hint=t_string!(i18n, strategy.who_decides_hint).to_string() rows=3 field=s.who_decides()/>
                <Text id="strategy-leverage".to_string() label=t_string!(i18n, strategy.leverage).to_string() hint=t_string!(i18n, strategy.leverage_hint).to_string() rows=3 field=s.leverage()/>
            </li>
            <li class="card builder__part">
                <h3>{t_string!(i18n, strategy.change_title)}</h3>
                <Text id="strategy-change".to_string() label=t_string!(i18n, strategy.change).to_string() hint=t_string!(i18n, strategy.change_hint).to_string() rows=3 field=s.change()/>
            </li>
        </ol>
        <section class="card statement" aria-labelledby="statement-title">
            <h3 id="statement-title">{t_string!(i18n, strategy.statement_title)}</h3>
            <h4>{t_string!(i18n, strategy.draft_label)}</h4>
            <p class="draft" id="strategy-draft">
                {move || match draft() { Ok(t) => t, Err(m) => m }}
            </p>
            <div class="button-row">
                <button type="button" class="button" id="strategy-use-draft" disabled=move || draft().is_err() on:click=use_draft>
                    {t_string!(i18n, strategy.use_draft)}
                </button>
            </div>
            <Show when=move || confirming.get()>
                <div class="confirm" role="group" aria-label=t_string!(i18n, strategy.replace_confirm).to_string()>
                    <p><strong>{t_string!(i18n, strategy.replace_confirm)}</strong></p>
                    <div class="button-row">
                        <button type="button" class="button button--danger" id="strategy-replace-yes" on:click=replace>
                            {t_string!(i18n, strategy.replace_yes)}
                        </button>
                        <button type="button" class="button" on:click=move |_| {
                            confirming.set(false);
                            crate::page::dom::focus_later("#strategy-use-draft");
                        }>{t_string!(i18n, strategy.cancel)}</button>
                    </div>
                </div>
            </Show>
            <Text id="strategy-statement".to_string() label=t_string!(i18n, strategy.statement).to_string() hint=t_string!(i18n, strategy.statement_hint).to_string() rows=5 field=s.statement()/>
        </section>
    }
}
