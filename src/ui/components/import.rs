//! Import: the "Import plan" file button, the progress of a big file, the preview of what a
//! file holds with the person's choice for each plan, and the alerts for a file that cannot be
//! read and for an import that stopped part way.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::PlanId;
use crate::domain::merge::Pick;
use crate::i18n::*;
use crate::page::format;
use crate::page::labels::{Words, names_list};
use crate::page::messages;
use crate::persistence::error::StorageError;
use crate::persistence::migrate::CURRENT;
use crate::state::{
    ImportChoice, ImportFailure, ImportPreview, ImportProgress, LockedImport, MergeChoices,
    MergePreview, Notice, SaveFailure, use_imports, use_library, use_notices,
};
use crate::ui::components::conflict_choices::{ConflictListArgs, LazyConflictList};
use crate::ui::components::fields::Radios;
use crate::ui::components::pager::{ShowMore, first_page};

type Ctx = leptos_i18n::I18nContext<Locale>;

/// The file picker, shown as a button. The input keeps its own accessible name.
#[component]
pub fn ImportButton() -> impl IntoView {
    let i18n = use_i18n();
    let imports = use_imports();
    let on_change = move |e: leptos::ev::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            imports.read_import(file);
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

/// The progress of a long import, the alerts, and the preview.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let imports = use_imports();
    view! {
        <Progress/>
        {move || imports.error.get().map(|e| view! {
            <div class="alert alert--error" role="alert">
                <p><strong>{t_string!(i18n, import.failed_title)}</strong></p>
                <p>{messages::import_error(i18n, &e)}</p>
                <p>{t_string!(i18n, import.nothing_changed)}</p>
            </div>
        })}
        {move || imports.failure.get().map(|f| view! { <FailureAlert failure=f/> })}
        <MergeSummary/>
        {move || imports.preview.get().map(|p| view! { <Preview preview=p/> })}
        {move || imports.locked.get().map(|l| view! { <LockedPreview locked=l/> })}
    }
}

/// A file holding a locked plan: it is stored as it is, still locked, after the person
/// confirms; in place of the plan with the same id, if this device has one.
#[component]
fn LockedPreview(locked: LockedImport) -> impl IntoView {
    let i18n = use_i18n();
    let imports = use_imports();
    let heading: NodeRef<html::H2> = NodeRef::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let exists = locked.local.is_some();
    let apply = move |_| {
        imports.apply_locked_import(t_string!(i18n, lock.row_name).to_string());
        if imports.locked.with_untracked(Option::is_none) {
            crate::page::dom::focus_later("#plans-title");
        }
    };
    let cancel = move |_| {
        imports.cancel_locked_import();
        crate::page::dom::focus_later("#import-file");
    };
    view! {
        <section class="panel import-preview" aria-labelledby="import-title">
            <h2 id="import-title" tabindex="-1" node_ref=heading>{t_string!(i18n, import.preview_title)}</h2>
            <p>{t_string!(i18n, import.locked_file, file = locked.file_name.clone()).to_string()}</p>
            {exists.then(|| view! { <p class="alert alert--warning">{t_string!(i18n, import.locked_exists)}</p> })}
            <div class="button-row">
                <button type="button" class="button button--primary" on:click=apply>
                    {if exists { t_string!(i18n, import.replace) } else { t_string!(i18n, import.add) }}
                </button>
                <button type="button" class="button" on:click=cancel>{t_string!(i18n, import.cancel)}</button>
            </div>
        </section>
    }
}

/// What the last import merged, over every plan, with one "Undo merge" for all of it.
#[component]
fn MergeSummary() -> impl IntoView {
    let i18n = use_i18n();
    let imports = use_imports();
    // Offered while the library shows it: leaving the page ends the offer.
    on_cleanup(move || {
        let _ = imports.merged.try_set(None);
    });
    // The summary takes the focus when it appears, so "Undo merge" is the next stop.
    Effect::new(move |_| {
        if imports.merged.with(Option::is_some) {
            crate::page::dom::focus_later("#merge-done");
        }
    });
    view! {
        <div role="status" class="merge-status">
            {move || imports.merged.get().map(|done| {
                let merged = (!done.plans.is_empty()).then(|| view! {
                    <p>{t_string!(i18n, import.merged, count = done.plans.len(), changes = done.changes, conflicts = done.conflicts)}</p>
                });
                let up_to_date = (done.up_to_date > 0).then(|| view! {
                    <p>{t_string!(i18n, import.merged_up_to_date, count = done.up_to_date)}</p>
                });
                let undo = (!done.plans.is_empty()).then(|| view! {
                    <button type="button" class="button" id="undo-merge" on:click=move |_| {
                        imports.undo_merge();
                        crate::page::dom::focus_later("#plans-title");
                    }>{t_string!(i18n, import.undo_merge)}</button>
                });
                view! { <div class="panel merge-done" id="merge-done" tabindex="-1">{merged}{up_to_date}{undo}</div> }
            })}
        </div>
        {move || imports.undo_error.get().map(|f| view! {
            <p class="alert alert--error" role="alert">
                {t_string!(i18n, import.undo_failed, reason = messages::save_failure(i18n, &f))}
            </p>
        })}
    }
}

/// What merging one plan of the file would do: what the file changed, step by step, and
/// each field changed both here and in the file, with a choice.
#[component]
fn MergeOutline(
    merge: Arc<MergePreview>,
    picks: Option<RwSignal<Vec<Pick>>>,
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    if merge.is_up_to_date() {
        return view! { <p class="hint">{t_string!(i18n, import.merge_up_to_date)}</p> }.into_any();
    }
    let steps = merge
        .changes
        .iter()
        .map(|(step, c)| {
            view! {
                <li>{t_string!(i18n, import.merge_step, step = step.words(i18n), added = c.added, changed = c.changed, removed = c.removed)}</li>
            }
        })
        .collect_view();
    let changes = (!merge.changes.is_empty()).then(|| {
        view! {
            <p>{t_string!(i18n, import.merge_changes)}</p>
            <ul class="merge-steps">{steps}</ul>
        }
    });
    let conflicts = picks.filter(|_| !merge.conflicts.is_empty()).map(|picks| {
        view! {
            <p>{t_string!(i18n, import.merge_conflicts, count = merge.conflicts.len())}</p>
            <LazyConflictList args=ConflictListArgs {
                conflicts: Arc::clone(&merge.conflicts),
                ours: Arc::clone(&merge.ours),
                theirs: Some(Arc::clone(&merge.theirs)),
                picks,
                name: format!("import-{index}-conflict"),
            }/>
        }
    });
    view! { <div class="merge-outline">{changes}{conflicts}</div> }.into_any()
}

/// A bar while a big file is read or stored; reading can be stopped (nothing is written yet).
#[component]
fn Progress() -> impl IntoView {
    let i18n = use_i18n();
    let imports = use_imports();
    let progress = move || imports.progress.get();
    let counts = move || match progress() {
        Some(
            ImportProgress::Reading { done, total, .. } | ImportProgress::Saving { done, total },
        ) => (done, total),
        None => (0, 0),
    };
    let label = move || match progress() {
        Some(ImportProgress::Reading {
            file_name,
            total: 0,
            ..
        }) => t_string!(i18n, import.reading, file = file_name).to_string(),
        Some(ImportProgress::Reading {
            file_name,
            done,
            total,
        }) => t_string!(
            i18n,
            import.progress_reading,
            file = file_name,
            done = done,
            total = total
        )
        .to_string(),
        Some(ImportProgress::Saving { done, total }) => {
            t_string!(i18n, import.progress_saving, done = done, total = total).to_string()
        }
        None => String::new(),
    };
    let reading = move || matches!(progress(), Some(ImportProgress::Reading { .. }));
    let stop = move |_| {
        imports.stop_reading();
        crate::page::dom::focus_later("#import-file");
    };
    view! {
        <Show when=move || progress().is_some()>
            <div class="panel import-progress">
                <p id="import-progress-label">{label}</p>
                // Without a total yet, the bar shows that work goes on without saying how far.
                <progress
                    aria-labelledby="import-progress-label"
                    max=move || counts().1.max(1)
                    value=move || (counts().1 > 0).then(|| counts().0)
                ></progress>
                <Show when=reading>
                    <button type="button" class="button" on:click=stop>{t_string!(i18n, import.stop)}</button>
                </Show>
            </div>
        </Show>
    }
}

/// An import that stopped at the save step: what was imported, what was not, why, and what to
/// do about it.
#[component]
fn FailureAlert(failure: ImportFailure) -> impl IntoView {
    let i18n = use_i18n();
    let reason = messages::save_failure(i18n, &failure.reason);
    let what_now = match &failure.reason {
        SaveFailure::Storage(StorageError::QuotaExceeded) => t_string!(i18n, import.todo_room),
        SaveFailure::StoredByNewerVersion { .. } => t_string!(i18n, import.todo_newer),
        SaveFailure::Conflict => t_string!(i18n, import.todo_changed),
        _ => t_string!(i18n, import.todo_other),
    };
    let (title, body) = if failure.imported == 0 {
        (
            t_string!(i18n, import.failed_title).to_string(),
            t_string!(
                i18n,
                import.save_failed_none,
                name = failure.name.clone(),
                reason = reason
            )
            .to_string(),
        )
    } else {
        (
            t_string!(i18n, import.stopped_title).to_string(),
            t_string!(
                i18n,
                import.save_failed_some,
                imported = failure.imported,
                chosen = failure.chosen,
                name = failure.name.clone(),
                reason = reason
            )
            .to_string(),
        )
    };
    let names = names_list(i18n, &failure.not_imported);
    view! {
        <div class="alert alert--error" role="alert">
            <p><strong>{title}</strong></p>
            <p>{body}</p>
            <p>{t_string!(i18n, import.not_imported, names = names)}</p>
            <p>{what_now}</p>
        </div>
    }
}

/// A choice's words.
fn choice_label(i18n: Ctx, choice: ImportChoice) -> String {
    match choice {
        ImportChoice::Add => t_string!(i18n, import.add),
        ImportChoice::Merge => t_string!(i18n, import.merge),
        ImportChoice::Copy => t_string!(i18n, import.copy),
        ImportChoice::Replace => t_string!(i18n, import.replace),
        ImportChoice::Skip => t_string!(i18n, import.skip),
    }
    .to_owned()
}

/// What this device has for a plan of the file.
#[derive(Clone, PartialEq)]
enum Here {
    /// Nothing with this id.
    New,
    /// A plan with this id: its name and last edit, and what merging would do (when the
    /// stored plan can be read).
    Plan(String, String, Option<Arc<MergePreview>>),
    /// A plan with this id that a newer version of the app stored.
    Newer(u64),
}

/// The choices for a plan this device has: merging first, where the stored plan can be read.
fn plan_options(mergeable: bool) -> &'static [ImportChoice] {
    if mergeable {
        &[
            ImportChoice::Merge,
            ImportChoice::Copy,
            ImportChoice::Replace,
            ImportChoice::Skip,
        ]
    } else {
        &[
            ImportChoice::Copy,
            ImportChoice::Replace,
            ImportChoice::Skip,
        ]
    }
}

/// The choices a plan of the file allows, the first being the default.
fn options_for(here: &Here) -> &'static [ImportChoice] {
    match here {
        Here::New => &[ImportChoice::Add, ImportChoice::Skip],
        Here::Plan(_, _, merge) => plan_options(merge.is_some()),
        Here::Newer(_) => &[ImportChoice::Copy, ImportChoice::Skip],
    }
}

#[component]
fn Preview(preview: Arc<ImportPreview>) -> impl IntoView {
    let i18n = use_i18n();
    let imports = use_imports();
    let notices = use_notices();
    let heading: NodeRef<html::H2> = NodeRef::new();
    let error = RwSignal::new(None::<String>);
    let lang = i18n.get_locale_untracked().as_str();
    // The name and last edit of each plan of the file that this device has (formatting a date
    // is slow: only for those).
    let names: HashMap<PlanId, (String, String)> = use_library().plans.with_untracked(|list| {
        list.iter()
            .filter(|s| preview.local.contains_key(&s.id))
            .map(|s| {
                (
                    s.id,
                    (s.name.clone(), format::date_time(s.updated_at, lang)),
                )
            })
            .collect()
    });
    let plans = &preview.decoded.plans;
    let here: Vec<Here> = plans
        .iter()
        .map(|p| {
            let merge = preview.merges.get(&p.id).cloned();
            match (preview.newer.get(&p.id), names.get(&p.id)) {
                (Some(v), _) => Here::Newer(*v),
                (None, Some((name, edited))) => Here::Plan(name.clone(), edited.clone(), merge),
                (None, None) if preview.local.contains_key(&p.id) => {
                    Here::Plan(String::new(), String::new(), merge)
                }
                (None, None) => Here::New,
            }
        })
        .collect();
    // The choice for each conflict of each merge, "yours" at first.
    let picks: HashMap<usize, RwSignal<Vec<Pick>>> = here
        .iter()
        .enumerate()
        .filter_map(|(i, h)| match h {
            Here::Plan(_, _, Some(m)) if !m.conflicts.is_empty() => {
                Some((i, RwSignal::new(vec![Pick::Ours; m.conflicts.len()])))
            }
            _ => None,
        })
        .collect();
    let picks = StoredValue::new(picks);
    let count = plans.len();
    let existing = here.iter().filter(|h| matches!(h, Here::Plan(..))).count();
    let new = here.iter().filter(|h| matches!(h, Here::New)).count();
    // One choice per plan, and the plans whose replacement the person confirmed.
    let choices = RwSignal::new(here.iter().map(|h| options_for(h)[0]).collect::<Vec<_>>());
    let confirmed = RwSignal::new(HashSet::<usize>::new());
    // One confirmation for every replacement chosen through the choice for all.
    let all_confirmed = RwSignal::new(false);
    let busy = move || imports.progress.with(Option::is_some);
    // "Merge" when every plan to be stored is merged, "Import" otherwise.
    let only_merges = move || {
        choices.with(|c| {
            c.contains(&ImportChoice::Merge)
                && c.iter()
                    .all(|c| matches!(c, ImportChoice::Merge | ImportChoice::Skip))
        })
    };
    let file = StoredValue::new(Arc::clone(&preview));
    let here = StoredValue::new(here);
    // The one confirmation counts while every plan already here is set to "Replace".
    let bulk_replace_ok = move || {
        all_confirmed.get()
            && here.with_value(|here| {
                choices.with(|c| {
                    here.iter()
                        .zip(c)
                        .all(|(h, c)| !matches!(h, Here::Plan(..)) || *c == ImportChoice::Replace)
                })
            })
    };

    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });

    let confirm = move |_| {
        let picked = choices.get_untracked();
        let bulk_ok = untrack(bulk_replace_ok);
        let unconfirmed = picked.iter().enumerate().any(|(i, c)| {
            *c == ImportChoice::Replace && !bulk_ok && !confirmed.with_untracked(|s| s.contains(&i))
        });
        if unconfirmed {
            error.set(Some(
                t_string!(i18n, import.replace_needs_confirm).to_string(),
            ));
            return;
        }
        error.set(None);
        let copy_name =
            move |n: &str| t_string!(i18n, import.copy_name, name = n.to_owned()).to_string();
        let merge_picks: MergeChoices = file.with_value(|file| {
            picks.with_value(|picks| {
                picks
                    .iter()
                    .filter(|(i, _)| picked.get(**i) == Some(&ImportChoice::Merge))
                    .map(|(i, p)| {
                        let plan = &file.decoded.plans[*i];
                        let paths = file
                            .merges
                            .get(&plan.id)
                            .map(|m| {
                                m.conflicts
                                    .iter()
                                    .map(|c| c.path.clone())
                                    .collect::<Vec<_>>()
                            })
                            .unwrap_or_default();
                        (plan.id, paths.into_iter().zip(p.get_untracked()).collect())
                    })
                    .collect()
            })
        });
        let merging = !merge_picks.is_empty() || picked.contains(&ImportChoice::Merge);
        imports.apply_import(picked, merge_picks, copy_name);
        if !merging {
            crate::page::dom::focus_later("#plans-title");
        }
    };
    let cancel = move |_| {
        imports.preview.set(None);
        imports.failure.set(None);
        notices.announce(Notice::ImportCancelled);
        crate::page::dom::focus_later("#import-file");
    };

    // Every plan already on this device at once, for a file of many plans.
    let bulk = (existing > 1).then(|| {
        let set_all = move |choice: ImportChoice| {
            here.with_value(|here| {
                choices.update(|c| {
                    for (i, h) in here.iter().enumerate() {
                        if matches!(h, Here::Plan(..)) && options_for(h).contains(&choice) {
                            c[i] = choice;
                        }
                    }
                })
            });
            if choice == ImportChoice::Replace {
                error.set(None);
            }
        };
        // The choice every plan already here has, if they all have the same.
        let common = move || {
            here.with_value(|here| {
                choices.with(|c| {
                    let mut picked = here
                        .iter()
                        .zip(c)
                        .filter(|(h, _)| matches!(h, Here::Plan(..)))
                        .map(|(_, c)| *c);
                    let first = picked.next()?;
                    picked.all(|c| c == first).then_some(first)
                })
            })
        };
        // Merge is offered for all when it is offered for one.
        let mergeable = here.with_value(|h| {
            h.iter()
                .any(|h| matches!(h, Here::Plan(_, _, Some(_))))
        });
        let options = plan_options(mergeable)
            .iter()
            .map(|c| (c.as_str(), choice_label(i18n, *c)))
            .collect();
        view! {
            <Radios id="import-all".to_string()
                legend=t_string!(i18n, import.all_existing, count = existing).to_string()
                options=options
                value=Signal::derive(move || common().map(|c| c.as_str().to_owned()).unwrap_or_default())
                on_change=Callback::new(move |v: String| if let Some(c) = ImportChoice::parse(&v) { set_all(c) })/>
            <Show when=move || common() == Some(ImportChoice::Replace)>
                <div class="choice choice--confirm">
                    <input type="checkbox" id="import-all-confirm"
                        prop:checked=move || all_confirmed.get()
                        on:change=move |e| all_confirmed.set(event_target_checked(&e))/>
                    <label for="import-all-confirm">{t_string!(i18n, import.confirm_replace_all, count = existing)}</label>
                </div>
            </Show>
        }
    });

    let limit = first_page();
    let row = move |i: usize| {
        let (plan_name, counts, edited) = file.with_value(|file| {
            let plan = &file.decoded.plans[i];
            (
                plan.name().to_owned(),
                plan.counts(),
                format::date_time(plan.updated_at, lang),
            )
        });
        let name = if plan_name.is_empty() {
            t_string!(i18n, library.untitled).to_string()
        } else {
            plan_name
        };
        let here = here.with_value(|h| h[i].clone());
        let choice = move || choices.with(|c| c[i]);
        let options = options_for(&here)
            .iter()
            .map(|c| (c.as_str(), choice_label(i18n, *c)))
            .collect::<Vec<_>>();
        let (note, local_name) = match &here {
            Here::New => (None, String::new()),
            Here::Plan(local_name, local_edited, _) => {
                let local_name = if local_name.is_empty() {
                    t_string!(i18n, library.untitled).to_string()
                } else {
                    local_name.clone()
                };
                let note = t_string!(
                    i18n,
                    import.exists,
                    name = local_name.clone(),
                    edited = local_edited.clone()
                )
                .to_string();
                (
                    Some(view! { <p class="hint">{note}</p> }.into_any()),
                    local_name,
                )
            }
            Here::Newer(version) => {
                let note = t_string!(i18n, import.newer_here, version = *version).to_string();
                (
                    Some(view! { <p class="alert alert--warning">{note}</p> }.into_any()),
                    String::new(),
                )
            }
        };
        let confirm_id = format!("import-{i}-confirm");
        let merge = match &here {
            Here::Plan(_, _, Some(m)) => Some(Arc::clone(m)),
            _ => None,
        };
        let plan_picks = picks.with_value(|p| p.get(&i).copied());
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
                {note}
                <Radios id=format!("import-{i}")
                    legend=t_string!(i18n, import.action_label, name = name.clone()).to_string()
                    options=options
                    value=Signal::derive(move || choice().as_str().to_owned())
                    on_change=Callback::new(move |v: String| if let Some(c) = ImportChoice::parse(&v) { choices.update(|all| all[i] = c) })/>
                {merge.map(|m| view! {
                    <Show when=move || choice() == ImportChoice::Merge>
                        <MergeOutline merge=Arc::clone(&m) picks=plan_picks index=i/>
                    </Show>
                })}
                <Show when=move || choice() == ImportChoice::Replace && !bulk_replace_ok()>
                    <div class="choice choice--confirm">
                        <input
                            type="checkbox"
                            id=confirm_id.clone()
                            prop:checked=move || confirmed.with(|s| s.contains(&i))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                confirmed.update(|s| {
                                    if on { s.insert(i); } else { s.remove(&i); }
                                });
                            }
                        />
                        <label for=confirm_id.clone()>{t_string!(i18n, import.confirm_replace, name = local_name.clone())}</label>
                    </div>
                </Show>
            </li>
        }
    };

    view! {
        <section class="panel import-preview" aria-labelledby="import-title">
            <h2 id="import-title" tabindex="-1" node_ref=heading>{t_string!(i18n, import.preview_title)}</h2>
            <p>{t_string!(i18n, import.preview_intro, file = preview.file_name.clone(), count = preview.total)}</p>
            {(count != preview.total).then(|| view! { <p>{t_string!(i18n, import.still_to_import, count = count)}</p> })}
            {(count > 1).then(|| view! { <p>{t_string!(i18n, import.summary, new = new, existing = existing)}</p> })}
            {(preview.decoded.from_version < CURRENT).then(|| view! { <p class="hint">{t_string!(i18n, import.migrated, from = preview.decoded.from_version)}</p> })}
            {bulk}
            <ul class="import-list">
                <For each=move || 0..limit.get().min(count) key=|i| *i let(i)>
                    {row(i)}
                </For>
            </ul>
            <ShowMore limit=limit total=Signal::stored(count)/>
            {move || error.get().map(|t| view! { <p class="alert alert--error" role="alert">{t}</p> })}
            <div class="button-row">
                <button type="button" class="button button--primary" on:click=confirm disabled=busy>
                    {move || if only_merges() { t_string!(i18n, import.merge_confirm) } else { t_string!(i18n, import.confirm) }}
                </button>
                <button type="button" class="button" on:click=cancel disabled=busy>{t_string!(i18n, import.cancel)}</button>
            </div>
        </section>
    }
}
