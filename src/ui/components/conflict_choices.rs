//! Conflicts, each field two copies changed differently, with both values and a choice
//! for each: in the banner of a tab another tab's save clashed with, and in the preview of
//! a merge with a colleague's file.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde_json::Value;

use crate::domain::merge::{Conflict, ConflictKind, Pick, Seg, get};
use crate::i18n::*;
use crate::page::labels::value_words;
use crate::ui::components::code_missing::{CodeMissing, CodeNotLoaded};

/// The words for a key of the plan's JSON (a section, a field), from the locale file.
fn field_label(i18n: I18nContext<Locale>, key: &str) -> Option<&'static str> {
    Some(match key {
        "ability" => t_string!(i18n, fields.ability),
        "access" => t_string!(i18n, fields.access),
        "action" => t_string!(i18n, fields.action),
        "action_plan" => t_string!(i18n, fields.action_plan),
        "activities" => t_string!(i18n, fields.activities),
        "agreed_on" => t_string!(i18n, fields.agreed_on),
        "agreed_with" => t_string!(i18n, fields.agreed_with),
        "ambitious" => t_string!(i18n, fields.ambitious),
        "answers" => t_string!(i18n, fields.answers),
        "approach" => t_string!(i18n, fields.approach),
        "assessments" => t_string!(i18n, fields.assessments),
        "assumptions" => t_string!(i18n, fields.assumptions),
        "baseline" => t_string!(i18n, fields.baseline),
        "blocks" => t_string!(i18n, fields.blocks),
        "builds_on" => t_string!(i18n, fields.builds_on),
        "by" => t_string!(i18n, fields.by),
        "change" => t_string!(i18n, fields.change),
        "charter" => t_string!(i18n, fields.charter),
        "check_ins" => t_string!(i18n, fields.check_ins),
        "class" => t_string!(i18n, fields.class),
        "clear_boundaries" => t_string!(i18n, fields.clear_boundaries),
        "clear_roles" => t_string!(i18n, fields.clear_roles),
        "coalition" => t_string!(i18n, fields.coalition),
        "commitment" => t_string!(i18n, fields.commitment),
        "commitment_after" => t_string!(i18n, fields.commitment_after),
        "common_purpose" => t_string!(i18n, fields.common_purpose),
        "communication" => t_string!(i18n, fields.communication),
        "condition" => t_string!(i18n, fields.condition),
        "conflict" => t_string!(i18n, fields.conflict),
        "connector" => t_string!(i18n, fields.connector),
        "continuum" => t_string!(i18n, fields.continuum),
        "convener" => t_string!(i18n, fields.convener),
        "created_at" => t_string!(i18n, fields.created_at),
        "custom_kind" => t_string!(i18n, fields.custom_kind),
        "custom_name" => t_string!(i18n, fields.custom_name),
        "date" => t_string!(i18n, fields.date),
        "deadline" => t_string!(i18n, fields.deadline),
        "decisions" => t_string!(i18n, fields.decisions),
        "did_not_work" => t_string!(i18n, fields.did_not_work),
        "diverse_people" => t_string!(i18n, fields.diverse_people),
        "diverse_skills" => t_string!(i18n, fields.diverse_skills),
        "due" => t_string!(i18n, fields.due),
        "end" => t_string!(i18n, fields.end),
        "entries" => t_string!(i18n, fields.entries),
        "equitable" => t_string!(i18n, fields.equitable),
        "equity" => t_string!(i18n, fields.equity),
        "evaluation" => t_string!(i18n, fields.evaluation),
        "evidence" => t_string!(i18n, fields.evidence),
        "explicit_norms" => t_string!(i18n, fields.explicit_norms),
        "foundations" => t_string!(i18n, fields.foundations),
        "from" => t_string!(i18n, fields.from),
        "gender" => t_string!(i18n, fields.gender),
        "goal" => t_string!(i18n, fields.goal),
        "goals" => t_string!(i18n, fields.goals),
        "how_to_check" => t_string!(i18n, fields.how_to_check),
        "impact" => t_string!(i18n, fields.impact),
        "inclusive" => t_string!(i18n, fields.inclusive),
        "indicators" => t_string!(i18n, fields.indicators),
        "influence" => t_string!(i18n, fields.influence),
        "informs" => t_string!(i18n, fields.informs),
        "interests" => t_string!(i18n, fields.interests),
        "journal" => t_string!(i18n, fields.journal),
        "kind" => t_string!(i18n, fields.kind),
        "leverage" => t_string!(i18n, fields.leverage),
        "lines" => t_string!(i18n, fields.lines),
        "links" => t_string!(i18n, fields.links),
        "log" => t_string!(i18n, fields.log),
        "measurable" => t_string!(i18n, fields.measurable),
        "measure" => t_string!(i18n, fields.measure),
        "messenger" => t_string!(i18n, fields.messenger),
        "met" => t_string!(i18n, fields.met),
        "mitigation" => t_string!(i18n, fields.mitigation),
        "name" => t_string!(i18n, fields.name),
        "next_step" => t_string!(i18n, fields.next_step),
        "note" => t_string!(i18n, fields.note),
        "notes" => t_string!(i18n, fields.notes),
        "opportunities" => t_string!(i18n, fields.opportunities),
        "other_resources" => t_string!(i18n, fields.other_resources),
        "others" => t_string!(i18n, fields.others),
        "outcome" => t_string!(i18n, fields.outcome),
        "outcomes" => t_string!(i18n, fields.outcomes),
        "overview" => t_string!(i18n, fields.overview),
        "ownership" => t_string!(i18n, fields.ownership),
        "partner" => t_string!(i18n, fields.partner),
        "partners" => t_string!(i18n, fields.partners),
        "placements" => t_string!(i18n, fields.placements),
        "position" => t_string!(i18n, fields.position),
        "power" => t_string!(i18n, fields.power),
        "preconditions" => t_string!(i18n, fields.preconditions),
        "present" => t_string!(i18n, fields.present),
        "priority" => t_string!(i18n, fields.priority),
        "private" => t_string!(i18n, fields.private),
        "private_notes" => t_string!(i18n, fields.private_notes),
        "purpose" => t_string!(i18n, fields.purpose),
        "qualities" => t_string!(i18n, fields.qualities),
        "race" => t_string!(i18n, fields.race),
        "rating" => t_string!(i18n, fields.rating),
        "rationale" => t_string!(i18n, fields.rationale),
        "realistic" => t_string!(i18n, fields.realistic),
        "recheck_on" => t_string!(i18n, fields.recheck_on),
        "rechecked_on" => t_string!(i18n, fields.rechecked_on),
        "resource_partners" => t_string!(i18n, fields.resource_partners),
        "resources" => t_string!(i18n, fields.resources),
        "roles" => t_string!(i18n, fields.roles),
        "saved_at" => t_string!(i18n, fields.saved_at),
        "score" => t_string!(i18n, fields.score),
        "scores" => t_string!(i18n, fields.scores),
        "shared_growth" => t_string!(i18n, fields.shared_growth),
        "shared_purpose" => t_string!(i18n, fields.shared_purpose),
        "shared_values" => t_string!(i18n, fields.shared_values),
        "skills" => t_string!(i18n, fields.skills),
        "snapshots" => t_string!(i18n, fields.snapshots),
        "stage" => t_string!(i18n, fields.stage),
        "stakeholder" => t_string!(i18n, fields.stakeholder),
        "stakeholders" => t_string!(i18n, fields.stakeholders),
        "start" => t_string!(i18n, fields.start),
        "statement" => t_string!(i18n, fields.statement),
        "statements" => t_string!(i18n, fields.statements),
        "status" => t_string!(i18n, fields.status),
        "strategic" => t_string!(i18n, fields.strategic),
        "strategy" => t_string!(i18n, fields.strategy),
        "strengths" => t_string!(i18n, fields.strengths),
        "success_sheet" => t_string!(i18n, fields.success_sheet),
        "swot" => t_string!(i18n, fields.swot),
        "tactic" => t_string!(i18n, fields.tactic),
        "tactics" => t_string!(i18n, fields.tactics),
        "target" => t_string!(i18n, fields.target),
        "targets" => t_string!(i18n, fields.targets),
        "tasks" => t_string!(i18n, fields.tasks),
        "text" => t_string!(i18n, fields.text),
        "theory_of_change" => t_string!(i18n, fields.theory_of_change),
        "threats" => t_string!(i18n, fields.threats),
        "to" => t_string!(i18n, fields.to),
        "unit" => t_string!(i18n, fields.unit),
        "value" => t_string!(i18n, fields.value),
        "values" => t_string!(i18n, fields.values),
        "want" => t_string!(i18n, fields.want),
        "weaknesses" => t_string!(i18n, fields.weaknesses),
        "what" => t_string!(i18n, fields.what),
        "who" => t_string!(i18n, fields.who),
        "who_decides" => t_string!(i18n, fields.who_decides),
        "will_do" => t_string!(i18n, fields.will_do),
        "will_not_do" => t_string!(i18n, fields.will_not_do),
        "worked" => t_string!(i18n, fields.worked),
        _ => return None,
    })
}

/// At most `n` characters of `s`, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((at, _)) => format!("{}\u{2026}", &s[..at]),
        None => s.to_owned(),
    }
}

/// The name an item goes by, from the first of its naming fields that has words.
fn item_name(item: &Value) -> Option<String> {
    [
        "name",
        "statement",
        "what",
        "outcome",
        "text",
        "rationale",
        "custom_name",
        "worked",
        "note",
    ]
    .iter()
    .filter_map(|k| item.get(*k).and_then(Value::as_str))
    .map(str::trim)
    .find(|t| !t.is_empty())
    .map(|t| clip(t, 60))
}

/// Where a conflict is, in words: section › item › field.
fn place(i18n: I18nContext<Locale>, c: &Conflict, ours: &Value, theirs: Option<&Value>) -> String {
    let mut parts = Vec::new();
    for (i, seg) in c.path.iter().enumerate() {
        match seg {
            Seg::Key(k) => {
                if let Some(label) = field_label(i18n, k) {
                    parts.push(label.to_owned());
                }
            }
            Seg::Item(..) => {
                let here = &c.path[..=i];
                let item = get(ours, here).or_else(|| theirs.and_then(|t| get(t, here)));
                if let Some(name) = item.and_then(item_name) {
                    parts.push(format!("\u{201c}{name}\u{201d}"));
                }
            }
        }
    }
    parts.join(" \u{203a} ")
}

/// The list a conflict's item is in (the key before its last item), and the field, for
/// naming a value that holds a domain enum.
fn list_and_field(path: &[Seg]) -> (Option<&str>, Option<&str>) {
    fn key(s: &Seg) -> Option<&str> {
        match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Item(..) => None,
        }
    }
    let field = path.last().and_then(key);
    let list = path
        .iter()
        .rposition(|s| matches!(s, Seg::Item(..)))
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| key(&path[i]));
    (list, field)
}

/// A value as a person reads it. `path` is where it is, so that a value of a domain enum is
/// named in words.
fn shown(i18n: I18nContext<Locale>, path: &[Seg], v: Option<&Value>) -> String {
    if let (list, Some(field)) = list_and_field(path)
        && let Some(words) = v.and_then(|v| value_words(i18n, list, field, v))
    {
        return words;
    }
    match v {
        None => t_string!(i18n, conflict.value_gone).to_string(),
        Some(Value::Null) => t_string!(i18n, conflict.value_empty).to_string(),
        Some(Value::String(s)) if s.trim().is_empty() => {
            t_string!(i18n, conflict.value_empty).to_string()
        }
        Some(Value::String(s)) => clip(s, 300),
        Some(Value::Bool(true)) => t_string!(i18n, conflict.value_yes).to_string(),
        Some(Value::Bool(false)) => t_string!(i18n, conflict.value_no).to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) if items.is_empty() => {
            t_string!(i18n, conflict.value_empty).to_string()
        }
        Some(Value::Array(items))
            if items
                .iter()
                .all(|i| i.as_str().is_some_and(|s| s.parse::<uuid::Uuid>().is_ok())) =>
        {
            t_string!(i18n, conflict.value_links, count = items.len()).to_string()
        }
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| shown(i18n, &[], Some(i)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(item @ Value::Object(_)) => {
            item_name(item).unwrap_or_else(|| t_string!(i18n, conflict.value_item).to_string())
        }
    }
}

/// The list of conflicts, one group of two choices each, "Yours" checked at first. `picks`
/// holds the choice for each conflict, in order; `name` keeps the radio groups of two lists
/// apart.
#[component]
pub fn ConflictList(
    conflicts: Arc<Vec<Conflict>>,
    /// This side's plan and the other's, as JSON, for the items' names.
    ours: Arc<Value>,
    theirs: Option<Arc<Value>>,
    picks: RwSignal<Vec<Pick>>,
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = conflicts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let name = format!("{name}-{i}");
            let place = place(i18n, c, &ours, theirs.as_deref());
            let legend = match c.kind {
                ConflictKind::Field => place,
                ConflictKind::Deleted | ConflictKind::Unknown => format!(
                    "{place} \u{2014} {}",
                    t_string!(i18n, conflict.deleted_item)
                ),
            };
            let yours = t_string!(
                i18n,
                conflict.yours,
                value = shown(i18n, &c.path, c.ours.as_ref())
            )
            .to_string();
            let theirs_text = t_string!(
                i18n,
                conflict.theirs,
                value = shown(i18n, &c.path, c.theirs.as_ref())
            )
            .to_string();
            let choose = move |p: Pick| picks.update(|v| v[i] = p);
            let is = move |p: Pick| picks.with(|v| v.get(i) == Some(&p));
            view! {
                <li>
                    <fieldset class="conflict__field">
                        <legend>{legend}</legend>
                        <label class="choice">
                            <input type="radio" name=name.clone() prop:checked=move || is(Pick::Ours)
                                on:change=move |_| choose(Pick::Ours) />
                            <span>{yours}</span>
                        </label>
                        <label class="choice">
                            <input type="radio" name=name prop:checked=move || is(Pick::Theirs)
                                on:change=move |_| choose(Pick::Theirs) />
                            <span>{theirs_text}</span>
                        </label>
                    </fieldset>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="conflict__list">{rows}</ul> }
}

/// What [`LazyConflictList`] draws.
#[derive(Clone)]
pub struct ConflictListArgs {
    pub conflicts: Arc<Vec<Conflict>>,
    pub ours: Arc<Value>,
    pub theirs: Option<Arc<Value>>,
    pub picks: RwSignal<Vec<Pick>>,
    pub name: String,
}

/// The conflict list from the plan view's module: naming every field and value in words
/// takes the labels of the whole plan, which the library's first screen does without.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(plan, wasm_split_path = ::leptos::wasm_split, fallible)]
fn conflict_list(args: ConflictListArgs) -> Result<AnyView, CodeNotLoaded> {
    Ok(list_view(args))
}

#[cfg(not(feature = "split"))]
async fn conflict_list(args: ConflictListArgs) -> Result<AnyView, CodeNotLoaded> {
    Ok(list_view(args))
}

fn list_view(a: ConflictListArgs) -> AnyView {
    view! { <ConflictList conflicts=a.conflicts ours=a.ours theirs=a.theirs picks=a.picks name=a.name/> }
        .into_any()
}

/// [`ConflictList`] for a screen outside the plan view (a merge's preview in the library):
/// its code is fetched with the plan view's the first time (from the offline copy after the
/// first visit). If it cannot be fetched, the page says so, with "Try again".
#[component]
pub fn LazyConflictList(args: ConflictListArgs) -> impl IntoView {
    let i18n = use_i18n();
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || view! { <p class="hint">{t_string!(i18n, import.conflicts_loading)}</p> }>
            {move || {
                attempt.track();
                let args = args.clone();
                Suspend::new(async move {
                    match conflict_list(args).await {
                        Ok(view) => view,
                        Err(CodeNotLoaded) => view! { <CodeMissing attempt=attempt/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The conflicts between this tab and another, and the button that saves the choices.
#[component]
pub fn ConflictChoices(
    /// The fields both tabs changed.
    conflicts: Arc<Vec<Conflict>>,
    ours: Arc<Value>,
    theirs: Option<Arc<Value>>,
    /// Called with the person's choice for every conflict.
    on_save: Callback<HashMap<Vec<Seg>, Pick>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let picks = RwSignal::new(vec![Pick::Ours; conflicts.len()]);
    let paths: Vec<Vec<Seg>> = conflicts.iter().map(|c| c.path.clone()).collect();
    let save = move |_| {
        let chosen = picks.get_untracked();
        on_save.run(paths.iter().cloned().zip(chosen).collect());
    };
    view! {
        <p>{t_string!(i18n, conflict.fields_body)}</p>
        <ConflictList conflicts=conflicts ours=ours theirs=theirs picks=picks name="conflict".to_string()/>
        <div class="button-row">
            <button type="button" class="button button--primary" on:click=save>
                {t_string!(i18n, conflict.save_choices)}
            </button>
        </div>
    }
}
