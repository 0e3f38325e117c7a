//! Step "Partners": the coalition's registry of organisations and people. Every partner can
//! be added, edited, moved up or down and removed with the keyboard; nothing needs dragging.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::partners::{Commitment, Continuum, Partner, PartnerKind, move_partner};
use crate::domain::text::{MAX_LINE, MAX_PARAGRAPH};
use crate::i18n::*;
use crate::page::dom::focus_later;
use crate::page::labels::{commitment_label, continuum_label};
use crate::state::use_planner;
use crate::ui::components::fields::{
    Choice, EditToggle, Facts, MoveButtons, Radios, RemoveButton, TextBox,
};
use crate::ui::components::pager::{ShowMore, first_page, reach};
use crate::ui::components::step_frame::StepFrame;

#[component]
pub fn PartnersStep() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = use_planner();
    let partners = ctx.plan.partners();
    // A long registry is drawn a page at a time.
    let limit = first_page();
    let ids =
        move || partners.with(|v| v.iter().take(limit.get()).map(|p| p.id).collect::<Vec<_>>());
    let total = Signal::derive(move || partners.with(Vec::len));
    // Partners added in this visit; their editors start open.
    let fresh = StoredValue::new(Vec::<Uuid>::new());
    let add = move |_| {
        let partner = Partner::new();
        let id = partner.id;
        fresh.update_value(|f| f.push(id));
        partners.update(|v| v.push(partner));
        // The new partner is drawn, however long the list.
        reach(limit, total.get_untracked());
        focus_later(format!("#partner-{id}-name"));
    };
    view! {
        <StepFrame
            title=t_string!(i18n, partners.title).to_string()
            guidance_title=t_string!(i18n, partners.guidance_title).to_string()
            guidance=vec![t_string!(i18n, partners.guidance).to_string(), t_string!(i18n, partners.roles_guidance).to_string()]
        >
            <Show when=move || partners.with(|v| v.is_empty())>
                <p class="empty">{t_string!(i18n, partners.empty)}</p>
            </Show>
            <ol class="partner-list">
                <For each=ids key=|id| *id let(id)>
                    <PartnerCard id=id open=fresh.with_value(|f| f.contains(&id))/>
                </For>
            </ol>
            <ShowMore limit=limit total=total/>
            <button type="button" class="button button--primary" on:click=add>{t_string!(i18n, partners.add)}</button>
        </StepFrame>
    }
}

/// One partner's editable card.
#[component]
fn PartnerCard(
    id: Uuid,
    /// Starts with the editor open (a newly added partner).
    open: bool,
) -> impl IntoView {
    let open = RwSignal::new(open);
    let i18n = use_i18n();
    let ctx = use_planner();
    let partners = ctx.plan.partners();

    // Read one value of this partner, reactively.
    let read = move |f: fn(&Partner) -> String| {
        move || partners.with(|v| v.iter().find(|p| p.id == id).map(f).unwrap_or_default())
    };
    // Change this partner.
    let edit = move |f: &dyn Fn(&mut Partner)| {
        partners.update(|v| {
            if let Some(p) = v.iter_mut().find(|p| p.id == id) {
                f(p);
            }
        })
    };
    // Memos, so that typing in one card does not redraw the others.
    let position = Memo::new(move |_| {
        partners.with(|v| (v.iter().position(|p| p.id == id).unwrap_or(0), v.len()))
    });
    let name = Memo::new(move |_| {
        let n = read(|p| p.name.trim().to_owned())();
        if n.is_empty() {
            t_string!(i18n, partners.untitled).to_string()
        } else {
            n
        }
    });
    let heading = move || {
        t_string!(
            i18n,
            partners.heading,
            number = position.get().0 + 1,
            name = name.get()
        )
        .to_string()
    };
    let fid = move |field: &str| format!("partner-{id}-{field}");
    // A text answer of this partner, through the shared text box.
    let text_area = move |field: &'static str,
                          label: String,
                          hint: String,
                          get: fn(&Partner) -> String,
                          set: fn(&mut Partner, String)| {
        view! {
            <TextBox id=fid(field) label=label hint=hint rows=2 max=MAX_PARAGRAPH
                value=Signal::derive(read(get))
                on_input=Callback::new(move |v: String| edit(&|p| set(p, v.clone())))/>
        }
    };
    let role_box = move |role: &'static str,
                         label: String,
                         get: fn(&Partner) -> bool,
                         set: fn(&mut Partner, bool)| {
        let box_id = fid(&format!("role-{role}"));
        view! {
            <div class="choice">
                <input type="checkbox" id=box_id.clone()
                    prop:checked=move || partners.with(|v| v.iter().find(|p| p.id == id).map(get).unwrap_or(false))
                    on:change=move |e| { let on = event_target_checked(&e); edit(&|p| set(p, on)) }/>
                <label for=box_id>{label}</label>
            </div>
        }
    };

    // The partner at a glance.
    // A memo, so the summary is redrawn only when this partner's facts change.
    let facts = Memo::new(move |_| {
        partners.with(|v| {
            v.iter()
                .find(|p| p.id == id)
                .map(|p| {
                    let mut roles = Vec::new();
                    if p.roles.messenger {
                        roles.push(t_string!(i18n, partners.role_messenger));
                    }
                    if p.roles.connector {
                        roles.push(t_string!(i18n, partners.role_connector));
                    }
                    if p.roles.convener {
                        roles.push(t_string!(i18n, partners.role_convener));
                    }
                    vec![
                        (
                            t_string!(i18n, partners.resources_label),
                            p.resources.trim().to_owned(),
                        ),
                        (
                            t_string!(i18n, partners.continuum_label),
                            continuum_label(i18n, p.continuum).to_owned(),
                        ),
                        (
                            t_string!(i18n, partners.commitment_label),
                            commitment_label(i18n, p.commitment).to_owned(),
                        ),
                        (t_string!(i18n, partners.roles_label), roles.join(", ")),
                    ]
                })
                .unwrap_or_default()
        })
    });
    let summary = move || view! { <Facts facts=facts.into()/> };

    view! {
        <li class="partner-card" aria-labelledby=fid("heading")>
            <h3 id=fid("heading")>{heading}</h3>
            <Show when=move || open.get() fallback=summary>
            <div class="partner-card__grid">
                <div class="field">
                    <label for=fid("name")>{t_string!(i18n, partners.name_label)}</label>
                    <input id=fid("name") type="text" maxlength=MAX_LINE
                        prop:value=read(|p| p.name.clone())
                        on:input=move |e| { let value = event_target_value(&e); edit(&|p| p.name = value.clone()) }/>
                </div>
                <Radios id=fid("kind") legend=t_string!(i18n, partners.kind_label).to_string()
                    options=vec![
                        ("organisation", t_string!(i18n, partners.kind_organisation).to_string()),
                        ("person", t_string!(i18n, partners.kind_person).to_string()),
                    ]
                    value=Signal::derive(read(|p| match p.kind { PartnerKind::Organisation => "organisation", PartnerKind::Person => "person" }.to_owned()))
                    on_change=Callback::new(move |v: String| {
                        let kind = if v == "person" { PartnerKind::Person } else { PartnerKind::Organisation };
                        edit(&|p| p.kind = kind)
                    })/>
                {text_area("skills", t_string!(i18n, partners.skills_label).to_string(), t_string!(i18n, partners.skills_hint).to_string(),
                    |p| p.skills.clone(), |p, v| p.skills = v)}
                {text_area("resources", t_string!(i18n, partners.resources_label).to_string(), t_string!(i18n, partners.resources_hint).to_string(),
                    |p| p.resources.clone(), |p, v| p.resources = v)}
                <Choice id=fid("continuum") label=t_string!(i18n, partners.continuum_label).to_string()
                    hint=t_string!(i18n, partners.continuum_hint).to_string()
                    options=Continuum::ALL.map(|c| (c.as_str(), continuum_label(i18n, c).to_owned())).to_vec()
                    value=Signal::derive(read(|p| p.continuum.as_str().to_owned()))
                    on_change=Callback::new(move |v: String| if let Some(c) = Continuum::parse(&v) { edit(&|p| p.continuum = c) })/>
                <Choice id=fid("commitment") label=t_string!(i18n, partners.commitment_label).to_string()
                    options=Commitment::ALL.map(|c| (c.as_str(), commitment_label(i18n, c).to_owned())).to_vec()
                    value=Signal::derive(read(|p| p.commitment.as_str().to_owned()))
                    on_change=Callback::new(move |v: String| if let Some(c) = Commitment::parse(&v) { edit(&|p| p.commitment = c) })/>
                <fieldset class="choices">
                    <legend>{t_string!(i18n, partners.roles_label)}</legend>
                    {role_box("messenger", t_string!(i18n, partners.role_messenger).to_string(), |p| p.roles.messenger, |p, on| p.roles.messenger = on)}
                    {role_box("connector", t_string!(i18n, partners.role_connector).to_string(), |p| p.roles.connector, |p, on| p.roles.connector = on)}
                    {role_box("convener", t_string!(i18n, partners.role_convener).to_string(), |p| p.roles.convener, |p, on| p.roles.convener = on)}
                </fieldset>
                {text_area("ownership", t_string!(i18n, partners.ownership_label).to_string(), t_string!(i18n, partners.ownership_hint).to_string(),
                    |p| p.ownership.clone(), |p, v| p.ownership = v)}
                <div class="field field--private">
                    <span class="badge">{t_string!(i18n, partners.private_badge)}</span>
                    <label for=fid("private")>{t_string!(i18n, partners.private_label)}</label>
                    <p class="field__hint" id=fid("private-hint")>{t_string!(i18n, partners.private_hint)}</p>
                    <textarea id=fid("private") rows="2" maxlength=MAX_PARAGRAPH aria-describedby=fid("private-hint")
                        prop:value=read(|p| (*p.private_notes).clone())
                        on:input=move |e| { let value = event_target_value(&e); edit(&|p| *p.private_notes = value.clone()) }></textarea>
                </div>
            </div>
            </Show>
            <div class="button-row">
                <EditToggle id=fid("toggle") open=open name=name.into()
                    edit=t_string!(i18n, partners.edit).to_string() done=t_string!(i18n, partners.done_editing).to_string()
                    focus=format!("#partner-{id}-name")/>
                <MoveButtons id=format!("partner-{id}") position=position.into() name=name.into()
                    up=t_string!(i18n, partners.move_up).to_string() down=t_string!(i18n, partners.move_down).to_string()
                    on_move=Callback::new(move |by| partners.update(|v| { move_partner(v, id, by); }))/>
                <RemoveButton id=fid("remove") label=t_string!(i18n, partners.remove).to_string()
                    name=name.into()
                    question=Signal::derive(move || t_string!(i18n, partners.remove_confirm, name = name.get()).to_string())
                    yes=t_string!(i18n, partners.remove_yes).to_string()
                    cancel=t_string!(i18n, partners.cancel).to_string()
                    on_yes=Callback::new(move |_| {
                        ctx.plan.update(|p| p.remove_partner(id));
                        focus_later("#step-title");
                    })/>
            </div>
        </li>
    }
}
