//! The form kit: one control per kind of value, each bound to a field of the plan's store.
//!
//! A step writes `<Line field=item.name() …/>` and the control reads and writes that one
//! field: a keystroke in a card of a long list wakes that card's field and nothing else. The
//! drawing is shared with [`fields`](super::fields) (one compiled copy of each control); this
//! module only turns a store field into the value and change handler those controls take.
//!
//! Every read is a `try_` read. A card whose item was just removed (by undo, a merge, or a
//! tab's save) may run once more before it is taken away; it then reads a blank instead of
//! stopping the app.

use chrono::NaiveDate;
use leptos::prelude::*;
use reactive_stores::Field;
use uuid::Uuid;

use super::fields::{Choice, DateBox, NumberBox, PartnerPicker, Radios, TextBox};
use crate::domain::text::{MAX_LINE, MAX_PARAGRAPH};

/// The value of `field` as a signal, blank when the field is gone.
pub fn value_of<T>(field: Field<T>) -> Signal<T>
where
    T: Clone + Default + Send + Sync + 'static,
{
    Signal::derive(move || field.try_get().unwrap_or_default())
}

/// A handler that writes what it is given into `field`.
pub fn writer_of<T>(field: Field<T>) -> Callback<T>
where
    T: Send + Sync + 'static,
{
    Callback::new(move |v: T| {
        field.try_set(v);
    })
}

/// One line of text.
#[component]
pub fn Line(
    id: String,
    label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] field: Field<String>,
    /// The longest answer; a line's limit when absent.
    #[prop(optional)]
    max: Option<usize>,
) -> impl IntoView {
    TextBox(super::fields::TextBoxProps {
        id,
        label,
        hint,
        rows: None,
        max: max.unwrap_or(MAX_LINE),
        value: value_of(field),
        on_input: writer_of(field),
        error_id: None,
    })
}

/// A paragraph of text.
#[component]
pub fn Text(
    id: String,
    label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] field: Field<String>,
    /// Lines shown; two when absent.
    #[prop(optional)]
    rows: Option<u32>,
    /// The longest answer; a paragraph's limit when absent.
    #[prop(optional)]
    max: Option<usize>,
) -> impl IntoView {
    TextBox(super::fields::TextBoxProps {
        id,
        label,
        hint,
        rows: Some(rows.unwrap_or(2)),
        max: max.unwrap_or(MAX_PARAGRAPH),
        value: value_of(field),
        on_input: writer_of(field),
        error_id: None,
    })
}

/// One of a domain enum's values, from a drop-down (or, with `radios`, a set of radio
/// buttons). `options` pairs each value with its words; the form carries `code(value)`.
#[component]
pub fn Pick<E>(
    id: String,
    label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] field: Field<E>,
    options: Vec<(E, String)>,
    code: fn(E) -> &'static str,
    /// Radio buttons instead of a drop-down, laid out in a row where they fit.
    #[prop(optional)]
    radios: bool,
) -> impl IntoView
where
    E: Copy + PartialEq + Default + Send + Sync + 'static,
{
    let values: Vec<E> = options.iter().map(|(v, _)| *v).collect();
    let options: Vec<(&'static str, String)> =
        options.into_iter().map(|(v, l)| (code(v), l)).collect();
    let value = Signal::derive(move || code(field.try_get().unwrap_or_default()).to_owned());
    let on_change = Callback::new(move |s: String| {
        if let Some(v) = values.iter().copied().find(|v| code(*v) == s) {
            field.try_set(v);
        }
    });
    if radios {
        Radios(super::fields::RadiosProps {
            id,
            legend: label,
            options,
            value,
            on_change,
            inline: true,
        })
        .into_any()
    } else {
        Choice(super::fields::ChoiceProps {
            id,
            label,
            hint,
            options,
            value,
            on_change,
        })
        .into_any()
    }
}

/// A tick box for a yes-or-no value.
#[component]
pub fn Check(
    id: String,
    label: String,
    #[prop(into)] field: Field<bool>,
    /// The id of a hint about this box, kept outside it.
    #[prop(optional)]
    described: Option<String>,
) -> impl IntoView {
    view! {
        <div class="choice">
            <input type="checkbox" id=id.clone() aria-describedby=described
                prop:checked=move || field.try_get().unwrap_or(false)
                on:change=move |e| { field.try_set(event_target_checked(&e)); }/>
            <label for=id>{label}</label>
        </div>
    }
}

/// A date; empty means none.
#[component]
pub fn Date(
    id: String,
    label: String,
    #[prop(into)] field: Field<Option<NaiveDate>>,
) -> impl IntoView {
    DateBox(super::fields::DateBoxProps {
        id,
        label,
        value: value_of(field),
        on_change: writer_of(field),
    })
}

/// A whole number; empty means none.
#[component]
pub fn Number(
    id: String,
    label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] field: Field<Option<u32>>,
) -> impl IntoView {
    NumberBox(super::fields::NumberBoxProps {
        id,
        label,
        hint,
        value: value_of(field),
        on_change: writer_of(field),
        invalid: None,
    })
}

/// Partners picked by id, as tick boxes (a set of tags).
#[component]
pub fn Partners(
    id: String,
    legend: String,
    #[prop(optional, into)] hint: Option<String>,
    /// Shown instead of the boxes when the plan has no partners.
    empty: String,
    /// (id, name) of every partner, in registry order.
    partners: Signal<Vec<(Uuid, String)>>,
    #[prop(into)] field: Field<Vec<Uuid>>,
) -> impl IntoView {
    PartnerPicker(super::fields::PartnerPickerProps {
        id,
        legend,
        hint,
        empty,
        partners,
        selected: value_of(field),
        on_toggle: Callback::new(move |(p, on): (Uuid, bool)| {
            field.try_update(|list| crate::domain::toggle(list, p, on));
        }),
    })
}
