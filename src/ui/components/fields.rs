//! Form controls shared by the steps. Each takes its value as a `Signal` and reports changes
//! through a `Callback`, so every step reuses one compiled copy of each control instead of one
//! per field (which is what keeps the wasm small as steps are added).

use leptos::prelude::*;
use uuid::Uuid;

use crate::ui::components::pager::{PAGE, ShowMore, first_page};

/// Puts `value` into a text box or text area, unless it already holds it. Writing a box's own
/// text back into it, as a plain `prop:value` does after every keystroke, costs a forced
/// layout each time; on a long page that was a third of the time from key to screen.
pub fn keep_value(el: &wasm_bindgen::JsValue, value: &str) {
    let key = wasm_bindgen::JsValue::from_str("value");
    let current = js_sys::Reflect::get(el, &key)
        .ok()
        .and_then(|v| v.as_string());
    if current.as_deref() != Some(value) {
        let _ = js_sys::Reflect::set(el, &key, &wasm_bindgen::JsValue::from_str(value));
    }
}

/// A labelled text box with a hint: one line, or `rows` lines.
#[component]
pub fn TextBox(
    id: String,
    label: String,
    #[prop(optional)] hint: Option<String>,
    /// Lines shown for a multi-line answer; a single line when absent.
    #[prop(optional)]
    rows: Option<u32>,
    max: usize,
    value: Signal<String>,
    on_input: Callback<String>,
    /// The id of an error message about this box, kept outside it.
    #[prop(optional)]
    error_id: Option<String>,
) -> impl IntoView {
    let hint_own = format!("{id}-hint");
    let hint_id = hint.as_ref().map(|_| hint_own.clone());
    let hint_id = match (hint_id, error_id) {
        (Some(h), Some(e)) => Some(format!("{h} {e}")),
        (h, e) => h.or(e),
    };
    let input = move |e: leptos::ev::Event| on_input.run(event_target_value(&e));
    let control = match rows {
        None => {
            let node = NodeRef::<leptos::html::Input>::new();
            Effect::new(move |_| {
                let v = value.get();
                if let Some(el) = node.get() {
                    keep_value(&el, &v);
                }
            });
            view! {
                <input id=id.clone() type="text" maxlength=max aria-describedby=hint_id.clone()
                    node_ref=node prop:value=value.get_untracked() on:input=input/>
            }
            .into_any()
        }
        Some(rows) => {
            let node = NodeRef::<leptos::html::Textarea>::new();
            Effect::new(move |_| {
                let v = value.get();
                if let Some(el) = node.get() {
                    keep_value(&el, &v);
                }
            });
            view! {
                <textarea id=id.clone() rows=rows maxlength=max aria-describedby=hint_id.clone()
                    node_ref=node prop:value=value.get_untracked() on:input=input></textarea>
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_own>{h}</p> })}
            {control}
        </div>
    }
}

/// A [`TextBox`] whose hint and number of rows are known only at run time.
pub fn text_box(
    id: String,
    label: String,
    hint: Option<String>,
    rows: Option<u32>,
    max: usize,
    value: Signal<String>,
    on_input: Callback<String>,
) -> AnyView {
    TextBox(TextBoxProps {
        id,
        label,
        hint,
        rows,
        max,
        value,
        on_input,
        error_id: None,
    })
    .into_any()
}

/// A labelled box for a whole number; empty means none. What is typed stays in the box while
/// it is not a number, with a message, and the value changes only once it is one.
#[component]
pub fn NumberBox(
    id: String,
    label: String,
    #[prop(optional)] hint: Option<String>,
    value: Signal<Option<u32>>,
    on_change: Callback<Option<u32>>,
    /// Set while what is typed is not a whole number, for a form that must not go on then.
    #[prop(optional)]
    invalid: Option<RwSignal<bool>>,
) -> impl IntoView {
    use crate::domain::goals::parse_count;
    let bad = invalid.unwrap_or_else(|| RwSignal::new(false));
    let node = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        let v = value.get();
        if let Some(el) = node.get() {
            // Leave "1,000" alone when it already means 1000.
            let shown = parse_count(&el.value()).ok().flatten();
            if shown != v {
                keep_value(&el, &v.map(|n| n.to_string()).unwrap_or_default());
            }
        }
    });
    let err_id = format!("{id}-error");
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let described = match &hint_id {
        Some(h) => format!("{h} {err_id}"),
        None => err_id.clone(),
    };
    view! {
        <div class="field field--number">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id>{h}</p> })}
            <input id=id type="text" inputmode="numeric" autocomplete="off" node_ref=node
                aria-describedby=described aria-invalid=move || bad.get().to_string()
                prop:value=value.get_untracked().map(|n| n.to_string()).unwrap_or_default()
                on:input=move |e| match parse_count(&event_target_value(&e)) {
                    Ok(n) => { bad.set(false); on_change.run(n) }
                    Err(()) => bad.set(true),
                }/>
            {error_line(err_id, bad, {
                use crate::i18n::*;
                t_string!(use_i18n(), goals.number_invalid)
            })}
        </div>
    }
}

/// A labelled drop-down. `options` are (form value, label) pairs.
#[component]
pub fn Choice(
    id: String,
    label: String,
    #[prop(optional)] hint: Option<String>,
    options: Vec<(&'static str, String)>,
    value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            <select id=id aria-describedby=hint_id prop:value=value
                on:change=move |e| on_change.run(event_target_value(&e))>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect::<Vec<_>>()}
            </select>
        </div>
    }
}

/// A field's error line, saying `message` while `bad` is set; an alert, so that a screen
/// reader says it when it appears.
fn error_line(id: String, bad: RwSignal<bool>, message: &'static str) -> impl IntoView {
    view! { <p class="field__error" id=id role="alert">{move || bad.get().then_some(message)}</p> }
}

/// A labelled drop-down that narrows a list: a first option for no filter (`any`), then the
/// `options`, (value, label) pairs that may change while it is shown.
#[component]
pub fn Filter<T>(
    id: &'static str,
    label: &'static str,
    any: &'static str,
    #[prop(into)] options: Signal<Vec<(T, String)>>,
    value: RwSignal<Option<T>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    drop_down(
        id,
        label,
        Some(any),
        options,
        value.into(),
        Callback::new(move |v| value.set(v)),
    )
}

/// A labelled drop-down that orders a list.
#[component]
pub fn SortBy<T>(
    id: &'static str,
    label: &'static str,
    #[prop(into)] options: Signal<Vec<(T, String)>>,
    value: RwSignal<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let chosen = Signal::derive(move || Some(value.get()));
    drop_down(
        id,
        label,
        None,
        options,
        chosen,
        Callback::new(move |v: Option<T>| v.into_iter().for_each(|v| value.set(v))),
    )
}

fn drop_down<T>(
    id: &'static str,
    label: &'static str,
    any: Option<&'static str>,
    options: Signal<Vec<(T, String)>>,
    chosen: Signal<Option<T>>,
    on_choose: Callback<Option<T>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    // An option's form value is its place in `options`, so a value needs no text form.
    let pick = move |e: leptos::ev::Event| {
        let place = event_target_value(&e).parse::<usize>().ok();
        on_choose.run(place.and_then(|i| options.with_untracked(|o| o.get(i).map(|(t, _)| *t))));
    };
    let listed = move || {
        options
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (t, l))| {
                view! { <option value=i.to_string() selected=move || chosen.get() == Some(t)>{l}</option> }
            })
            .collect::<Vec<_>>()
    };
    // The option's `selected` draws the first choice; the select's value follows later
    // changes made elsewhere (a filter cleared by the page).
    let place = move || {
        chosen
            .get()
            .and_then(|c| options.with(|o| o.iter().position(|(t, _)| *t == c)))
            .map(|i| i.to_string())
            .unwrap_or_default()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=pick prop:value=place>
                {any.map(|a| view! { <option value="">{a}</option> })}
                {listed}
            </select>
        </div>
    }
}

/// A set of radio buttons in a fieldset. `options` are (form value, label) pairs.
#[component]
pub fn Radios(
    /// Prefix of the radio ids; also the group's name.
    id: String,
    legend: String,
    options: Vec<(&'static str, String)>,
    value: Signal<String>,
    on_change: Callback<String>,
    /// Lays the choices out in a row where they fit.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let radios = options
        .into_iter()
        .map(|(v, l)| {
            let rid = format!("{id}-{v}");
            view! {
                <div class="choice">
                    <input type="radio" id=rid.clone() name=id.clone() value=v
                        prop:checked=move || value.with(|x| x == v)
                        on:change=move |_| on_change.run(v.to_owned())/>
                    <label for=rid>{l}</label>
                </div>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <fieldset class="choices" class:choices--inline=inline>
            <legend>{legend}</legend>
            {radios}
        </fieldset>
    }
}

/// A labelled date box; empty means no date.
#[component]
pub fn DateBox(
    id: String,
    label: String,
    value: Signal<Option<chrono::NaiveDate>>,
    on_change: Callback<Option<chrono::NaiveDate>>,
) -> impl IntoView {
    use crate::domain::overview::{format_date_input, parse_date_input};
    let bad = RwSignal::new(false);
    let err_id = format!("{id}-error");
    view! {
        <div class="field field--date">
            <label for=id.clone()>{label}</label>
            <input id=id type="date" aria-describedby=err_id.clone()
                aria-invalid=move || bad.get().to_string()
                prop:value=move || format_date_input(value.get())
                on:change=move |e| match parse_date_input(&event_target_value(&e)) {
                    Ok(d) => { bad.set(false); on_change.run(d) }
                    Err(_) => bad.set(true),
                }/>
            {error_line(err_id, bad, {
                use crate::i18n::*;
                t_string!(use_i18n(), overview.date_invalid)
            })}
        </div>
    }
}

/// Tick boxes, one per partner, for picking who is involved.
#[component]
pub fn PartnerPicker(
    /// Prefix of the box ids.
    id: String,
    legend: String,
    #[prop(optional)] hint: Option<String>,
    /// Shown instead of the boxes when the plan has no partners.
    empty: String,
    /// (id, label) of every partner, in registry order.
    partners: Signal<Vec<(Uuid, String)>>,
    selected: Signal<Vec<Uuid>>,
    on_toggle: Callback<(Uuid, bool)>,
) -> impl IntoView {
    use crate::i18n::*;
    let i18n = use_i18n();
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let described_by = hint_id.clone();
    // A long list is drawn a page at a time, with a box to find names in it.
    let limit = first_page();
    let find = RwSignal::new(String::new());
    let long = move || partners.with(|l| l.len() > PAGE);
    let matches = Memo::new(move |_| {
        let needle = find.get().trim().to_lowercase();
        partners.with(|list| {
            list.iter()
                .filter(|(_, label)| needle.is_empty() || label.to_lowercase().contains(&needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let find_id = format!("{id}-find");
    let boxes_id = id.clone();
    view! {
        <fieldset class="choices picker" aria-describedby=described_by>
            <legend>{legend}</legend>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id>{h}</p> })}
            <Show when=long>
                <div class="field picker__find">
                    <label for=find_id.clone()>{t_string!(i18n, list.find)}</label>
                    <input type="search" id=find_id.clone() prop:value=move || find.get()
                        on:input=move |e| { find.set(event_target_value(&e)); limit.set(PAGE); }/>
                </div>
                <p class="field__hint">{move || t_string!(i18n, list.ticked, count = selected.with(Vec::len)).to_string()}</p>
            </Show>
            {move || {
                if partners.with(Vec::is_empty) {
                    return view! { <p class="empty">{empty.clone()}</p> }.into_any();
                }
                let id = boxes_id.clone();
                matches.with(|list| {
                    list.iter()
                        .take(limit.get())
                        .map(|(pid, label)| {
                            let pid = *pid;
                            let box_id = format!("{id}-{pid}");
                            view! {
                                <div class="choice">
                                    <input type="checkbox" id=box_id.clone()
                                        prop:checked=move || selected.with(|s| s.contains(&pid))
                                        on:change=move |e| on_toggle.run((pid, event_target_checked(&e)))/>
                                    <label for=box_id>{label.clone()}</label>
                                </div>
                            }
                        })
                        .collect::<Vec<_>>()
                })
                .into_any()
            }}
            <ShowMore limit=limit total=Signal::derive(move || matches.with(Vec::len))/>
        </fieldset>
    }
}

/// A "Remove" button that asks first. Focus goes to the "yes" button when asking, and back to
/// "Remove" on cancel; `on_yes` decides where focus goes after removing.
#[component]
pub fn RemoveButton(
    /// Prefix of the buttons' ids.
    id: String,
    /// "Remove", with the item's name for screen readers.
    label: String,
    /// The item's name, read after "Remove" by screen readers.
    name: Signal<String>,
    question: Signal<String>,
    yes: String,
    cancel: String,
    on_yes: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let yes_id = format!("{id}-yes");
    let (ask_id, ask_sel) = (id.clone(), format!("#{id}"));
    let yes_sel = format!("#{yes_id}");
    view! {
        <button type="button" class="button button--danger" id=ask_id
            on:click=move |_| { asking.set(true); crate::page::dom::focus_later(yes_sel.clone()); }>
            {label}<span class="visually-hidden">" " {name}</span>
        </button>
        <Show when=move || asking.get()>
            <div class="confirm" role="group" aria-label=question>
                <p><strong>{question}</strong></p>
                <div class="button-row">
                    <button type="button" class="button button--danger" id=yes_id.clone()
                        on:click=move |_| { asking.set(false); on_yes.run(()) }>{yes.clone()}</button>
                    <button type="button" class="button" on:click={
                        let sel = ask_sel.clone();
                        move |_| { asking.set(false); crate::page::dom::focus_later(sel.clone()); }
                    }>{cancel.clone()}</button>
                </div>
            </div>
        </Show>
    }
}

/// "Edit" / "Done": opens and closes a card's editor. Opening puts the focus on `focus` (the
/// editor's first field); the item's name follows the label for screen readers.
#[component]
pub fn EditToggle(
    id: String,
    open: RwSignal<bool>,
    name: Signal<String>,
    edit: String,
    done: String,
    /// Selector of the field to focus when the editor opens.
    focus: String,
) -> impl IntoView {
    view! {
        <button type="button" class="button" id=id aria-expanded=move || open.get().to_string()
            on:click=move |_| {
                let now_open = !open.get_untracked();
                open.set(now_open);
                if now_open {
                    crate::page::dom::focus_later(focus.clone());
                }
            }>
            {move || if open.get() { done.clone() } else { edit.clone() }}
            <span class="visually-hidden">" " {name}</span>
        </button>
    }
}

/// "Move up" and "Move down" for an item in a list the coalition orders by hand. The focus stays
/// on the moved item: on the same button, or on the other one when the item reached the top or
/// the bottom (where the same button is disabled).
#[component]
pub fn MoveButtons(
    /// Prefix of the buttons' ids (`<id>-up`, `<id>-down`).
    id: String,
    /// The item's place in the list and the list's length.
    position: Signal<(usize, usize)>,
    name: Signal<String>,
    up: String,
    down: String,
    on_move: Callback<isize>,
) -> impl IntoView {
    let (up_id, down_id) = (format!("{id}-up"), format!("{id}-down"));
    let step = move |by: isize| {
        on_move.run(by);
        let (index, len) = position.get_untracked();
        let target = match by {
            -1 if index == 0 => "down",
            -1 => "up",
            _ if index + 1 >= len => "up",
            _ => "down",
        };
        crate::page::dom::focus_later(format!("#{id}-{target}"));
    };
    let (step_up, step_down) = (step.clone(), step);
    view! {
        <button type="button" class="button" id=up_id disabled=move || position.get().0 == 0
            on:click=move |_| step_up(-1)>
            {up}<span class="visually-hidden">" " {name}</span>
        </button>
        <button type="button" class="button" id=down_id disabled=move || { let (i, n) = position.get(); i + 1 >= n }
            on:click=move |_| step_down(1)>
            {down}<span class="visually-hidden">" " {name}</span>
        </button>
    }
}

/// A card's summary as label and value pairs; empty values are left out. It redraws only when
/// `facts` changes.
#[component]
pub fn Facts(facts: Signal<Vec<(&'static str, String)>>) -> impl IntoView {
    view! {
        <dl class="facts">
            {move || {
                facts
                    .get()
                    .into_iter()
                    .filter(|(_, value)| !value.is_empty())
                    .map(|(label, value)| view! { <div><dt>{label}</dt><dd class="prewrap">{value}</dd></div> })
                    .collect::<Vec<_>>()
            }}
        </dl>
    }
}
