//! Import: the "Import plan" file button, the preview of what a file holds, the person's
//! choice for each plan, and the alert for a file that cannot be imported.

use std::collections::HashMap;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::{Plan, PlanId};
use crate::i18n::*;
use crate::persistence::migrate::CURRENT;
use crate::state::{ImportChoice, Notice, use_planner};
use crate::ui::{format, messages};

/// The file picker, shown as a button. The input keeps its own accessible name.
#[component]
pub fn ImportButton() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_planner();
    let on_change = move |e: leptos::ev::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            ctx.read_import(file);
        }
        // Let the same file be picked again after a fix.
        input.set_value("");
    };
    view! {
        <div class="import-button">
            <input
                id="import-file"
                class="file-input"
                type="file"
                accept=".json,application/json"
                aria-label=move || t_string!(i18n, import.file_label).to_string()
                on:change=on_change
            />
            <label for="import-file" class="button">{t_string!(i18n, import.button)}</label>
        </div>
    }
}

/// The error alert or the preview, whichever the last file produced.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_planner();
    view! {
        {move || ctx.import_error.get().map(|e| view! {
            <div class="alert alert--error" role="alert">
                <p><strong>{t_string!(i18n, import.failed_title)}</strong></p>
                <p>{messages::import_error(i18n, &e)}</p>
                <p>{t_string!(i18n, import.nothing_changed)}</p>
            </div>
        })}
        {move || ctx.import_preview.get().map(|p| view! { <Preview file_name=p.file_name plans=p.decoded.plans from_version=p.decoded.from_version/> })}
    }
}

/// One plan of the file: the plan, the person's choice, the replace confirmation, and the
/// local twin's name and last edit if this device has one.
type Row = (
    Plan,
    RwSignal<ImportChoice>,
    RwSignal<bool>,
    Option<(String, String)>,
);

#[component]
fn Preview(file_name: String, plans: Vec<Plan>, from_version: u32) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_planner();
    let heading: NodeRef<html::H2> = NodeRef::new();
    let error = RwSignal::new(None::<String>);
    let local: HashMap<PlanId, (String, String)> = ctx.plans.with_untracked(|list| {
        let lang = i18n.get_locale_untracked().as_str();
        list.iter()
            .map(|s| {
                (
                    s.id,
                    (s.name.clone(), format::date_time(s.updated_at, lang)),
                )
            })
            .collect()
    });
    // One choice per plan, and one "I confirm" per replacement.
    let rows: Vec<Row> = plans
        .into_iter()
        .map(|plan| {
            let existing = local.get(&plan.id).cloned();
            let choice = if existing.is_some() {
                ImportChoice::Copy
            } else {
                ImportChoice::Add
            };
            (plan, RwSignal::new(choice), RwSignal::new(false), existing)
        })
        .collect();
    let count = rows.len();
    let rows = StoredValue::new(rows);

    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });

    let confirm = move |_| {
        let choices = rows.with_value(|rows| {
            rows.iter()
                .map(|(plan, choice, confirmed, _)| {
                    (
                        plan.clone(),
                        choice.get_untracked(),
                        confirmed.get_untracked(),
                    )
                })
                .collect::<Vec<_>>()
        });
        if choices
            .iter()
            .any(|(_, c, ok)| *c == ImportChoice::Replace && !ok)
        {
            error.set(Some(
                t_string!(i18n, import.replace_needs_confirm).to_string(),
            ));
            return;
        }
        let copy_name =
            |n: &str| t_string!(i18n, import.copy_name, name = n.to_owned()).to_string();
        let choices = choices.into_iter().map(|(p, c, _)| (p, c)).collect();
        match ctx.apply_import(choices, copy_name) {
            Ok(_) => {
                error.set(None);
                crate::ui::focus_later("#plans-title");
            }
            Err((name, f)) => error.set(Some(
                t_string!(
                    i18n,
                    import.save_failed,
                    name = name,
                    reason = messages::save_failure(i18n, &f)
                )
                .to_string(),
            )),
        }
    };
    let cancel = move |_| {
        ctx.import_preview.set(None);
        ctx.announce(Notice::ImportCancelled);
        crate::ui::focus_later("#import-file");
    };

    let lang = i18n.get_locale_untracked().as_str();
    let items = rows.with_value(|rows| {
        rows.iter()
            .enumerate()
            .map(|(i, (plan, choice, confirmed, existing))| {
                let (choice, confirmed) = (*choice, *confirmed);
                let name = if plan.name().is_empty() { t_string!(i18n, library.untitled).to_string() } else { plan.name().to_owned() };
                let counts = plan.counts();
                let edited = format::date_time(plan.updated_at, lang);
                let group = format!("import-{i}");
                let option = move |value: ImportChoice, label: String| {
                    let id = format!("{group}-{value:?}");
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                id=id.clone()
                                name=group.clone()
                                prop:checked=move || choice.get() == value
                                on:change=move |_| choice.set(value)
                            />
                            <label for=id>{label}</label>
                        </div>
                    }
                };
                let options = if existing.is_some() {
                    vec![
                        option(ImportChoice::Copy, t_string!(i18n, import.copy).to_string()),
                        option(ImportChoice::Replace, t_string!(i18n, import.replace).to_string()),
                        option(ImportChoice::Skip, t_string!(i18n, import.skip).to_string()),
                    ]
                } else {
                    vec![
                        option(ImportChoice::Add, t_string!(i18n, import.add).to_string()),
                        option(ImportChoice::Skip, t_string!(i18n, import.skip).to_string()),
                    ]
                };
                let exists = existing.clone().map(|(local_name, local_edited)| {
                    let local_name = if local_name.is_empty() { t_string!(i18n, library.untitled).to_string() } else { local_name };
                    view! { <p class="hint">{t_string!(i18n, import.exists, name = local_name, edited = local_edited)}</p> }
                });
                let confirm_id = format!("import-{i}-confirm");
                let local_name = existing.as_ref().map(|(n, _)| n.clone()).unwrap_or_default();
                view! {
                    <li class="import-item">
                        <h3>{name.clone()}</h3>
                        <dl class="plan-card__facts">
                            <div>
                                <dt>{t_string!(i18n, import.col_contents)}</dt>
                                <dd>
                                    {t_string!(i18n, import.counts, filled = counts.overview_filled, total = counts.overview_total)}
                                    <br/>
                                    {t_string!(i18n, import.counts_partners, count = counts.partners)}
                                    <br/>
                                    {t_string!(i18n, import.counts_more, assessments = counts.assessments, activities = counts.activities, statements = counts.statements)}
                                    <br/>
                                    {t_string!(i18n, import.counts_action, stakeholders = counts.stakeholders, tactics = counts.tactics, actions = counts.actions)}
                                </dd>
                            </div>
                            <div>
                                <dt>{t_string!(i18n, import.col_edited)}</dt>
                                <dd>{edited}</dd>
                            </div>
                        </dl>
                        {exists}
                        <fieldset class="choices">
                            <legend>{t_string!(i18n, import.action_label, name = name.clone())}</legend>
                            {options}
                        </fieldset>
                        <Show when=move || choice.get() == ImportChoice::Replace>
                            <div class="choice choice--confirm">
                                <input
                                    type="checkbox"
                                    id=confirm_id.clone()
                                    prop:checked=move || confirmed.get()
                                    on:change=move |e| confirmed.set(event_target_checked(&e))
                                />
                                <label for=confirm_id.clone()>{t_string!(i18n, import.confirm_replace, name = local_name.clone())}</label>
                            </div>
                        </Show>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    });

    view! {
        <section class="panel import-preview" aria-labelledby="import-title">
            <h2 id="import-title" tabindex="-1" node_ref=heading>{t_string!(i18n, import.preview_title)}</h2>
            <p>{t_string!(i18n, import.preview_intro, file = file_name.clone(), count = count)}</p>
            {(from_version < CURRENT).then(|| view! { <p class="hint">{t_string!(i18n, import.migrated, from = from_version)}</p> })}
            <ul class="import-list">{items}</ul>
            {move || error.get().map(|t| view! { <p class="alert alert--error" role="alert">{t}</p> })}
            <div class="button-row">
                <button type="button" class="button button--primary" on:click=confirm>{t_string!(i18n, import.confirm)}</button>
                <button type="button" class="button" on:click=cancel>{t_string!(i18n, import.cancel)}</button>
            </div>
        </section>
    }
}
