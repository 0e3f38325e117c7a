//! Step "Partners": the coalition's registry of organisations and people. Every partner can
//! be added, edited, moved up or down and removed with the keyboard; nothing needs dragging.

use leptos::prelude::*;
use reactive_stores::{DerefField, Field};
use uuid::Uuid;

use crate::domain::PlanStoreFields;
use crate::domain::partners::{
    Commitment, Continuum, Partner, PartnerKind, PartnerStoreFields, RolesStoreFields,
};
use crate::i18n::*;
use crate::page::labels::{commitment_label, continuum_label};
use crate::state::use_document;
use crate::ui::components::card::ItemCard;
use crate::ui::components::fields::Facts;
use crate::ui::components::form::{Check, Line, Pick, Text};
use crate::ui::components::keyed::{at, list_order, moves, place_in};
use crate::ui::components::pager::{Pages, ShowMore};

#[component]
pub fn PartnersStep() -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_document();
    let partners = doc.plan.partners();
    // A long registry is drawn a page at a time.
    let pages = Pages::new(list_order(partners));
    let add = move |_| {
        let partner = Partner::new();
        let id = partner.id;
        let push = move || partners.update(|v| v.push(partner));
        pages.add(id, push, format!("#partner-{id}-name"));
    };
    view! {
        <Show when=move || pages.is_empty()>
            <p class="empty">{t_string!(i18n, partners.empty)}</p>
        </Show>
        <ol class="partner-list">
            <For each=move || pages.shown() key=|id| *id let(id)>
                <PartnerCard id=id order=pages.order open=pages.is_fresh(id)/>
            </For>
        </ol>
        <ShowMore limit=pages.limit total=pages.total()/>
        <button type="button" class="button button--primary" on:click=add>{t_string!(i18n, partners.add)}</button>
    }
}

/// One partner's editable card. Each control is bound to its own field of this partner, so a
/// keystroke wakes this card's field and nothing else.
#[component]
fn PartnerCard(
    id: Uuid,
    /// The registry's order, for this partner's number.
    order: Memo<Vec<Uuid>>,
    /// Starts with the editor open (a newly added partner).
    open: bool,
) -> impl IntoView {
    let open = RwSignal::new(open);
    let i18n = use_i18n();
    let doc = use_document();
    let partners = doc.plan.partners();
    let me = at(partners, id);
    let position = place_in(order, id);
    let name = Memo::new(move |_| {
        let n = me
            .name()
            .try_with(|n| n.trim().to_owned())
            .unwrap_or_default();
        if n.is_empty() {
            t_string!(i18n, partners.untitled).to_string()
        } else {
            n
        }
    });
    let number = move || position.get().0 + 1;
    let heading = Signal::derive(move || {
        t_string!(i18n, partners.heading, number = number(), name = name.get()).to_string()
    });
    let fid = move |field: &str| format!("partner-{id}-{field}");
    let roles = me.roles();

    // The partner at a glance; a memo, so it is redrawn only when this partner's facts change.
    let facts = Memo::new(move |_| {
        me.try_with(|p| {
            let roles = [
                (p.roles.messenger, t_string!(i18n, partners.role_messenger)),
                (p.roles.connector, t_string!(i18n, partners.role_connector)),
                (p.roles.convener, t_string!(i18n, partners.role_convener)),
            ]
            .into_iter()
            .filter_map(|(on, word)| on.then_some(word))
            .collect::<Vec<_>>();
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
    });
    let question = Signal::derive(move || {
        t_string!(i18n, partners.remove_confirm, name = name.get()).to_string()
    });
    let moves = moves(partners, id, position);
    let private: Field<String> = me.private_notes().deref_field().into();

    view! {
        <ItemCard prefix=format!("partner-{id}") class="partner-card" level=3 heading=heading
            name=name.into() open=open focus=format!("#partner-{id}-name") question=question yes=t_string!(i18n, partners.remove_yes).to_string() moves=moves
            on_remove=Callback::new(move |_| doc.plan.update(|p| p.remove_partner(id))) after_remove="#step-title"
            summary=ViewFn::from(move || view! { <Facts facts=facts.into()/> })>
            <div class="partner-card__grid">
                <Line id=fid("name") label=t_string!(i18n, partners.name_label).to_string() field=me.name()/>
                <Pick id=fid("kind") label=t_string!(i18n, partners.kind_label).to_string() radios=true
                    options=vec![
                        (PartnerKind::Organisation, t_string!(i18n, partners.kind_organisation).to_string()),
                        (PartnerKind::Person, t_string!(i18n, partners.kind_person).to_string()),
                    ]
                    code=|k| match k { PartnerKind::Organisation => "organisation", PartnerKind::Person => "person" }
                    field=me.kind()/>
                <Text id=fid("skills") label=t_string!(i18n, partners.skills_label).to_string()
                    hint=t_string!(i18n, partners.skills_hint).to_string() field=me.skills()/>
                <Text id=fid("resources") label=t_string!(i18n, partners.resources_label).to_string()
                    hint=t_string!(i18n, partners.resources_hint).to_string() field=me.resources()/>
                <Pick id=fid("continuum") label=t_string!(i18n, partners.continuum_label).to_string()
                    hint=t_string!(i18n, partners.continuum_hint).to_string()
                    options=Continuum::ALL.map(|c| (c, continuum_label(i18n, c).to_owned())).to_vec()
                    code=Continuum::as_str field=me.continuum()/>
                <Pick id=fid("commitment") label=t_string!(i18n, partners.commitment_label).to_string()
                    options=Commitment::ALL.map(|c| (c, commitment_label(i18n, c).to_owned())).to_vec()
                    code=Commitment::as_str field=me.commitment()/>
                <fieldset class="choices">
                    <legend>{t_string!(i18n, partners.roles_label)}</legend>
                    <Check id=fid("role-messenger") label=t_string!(i18n, partners.role_messenger).to_string() field=roles.messenger()/>
                    <Check id=fid("role-connector") label=t_string!(i18n, partners.role_connector).to_string() field=roles.connector()/>
                    <Check id=fid("role-convener") label=t_string!(i18n, partners.role_convener).to_string() field=roles.convener()/>
                </fieldset>
                <Text id=fid("ownership") label=t_string!(i18n, partners.ownership_label).to_string()
                    hint=t_string!(i18n, partners.ownership_hint).to_string() field=me.ownership()/>
                <div class="field--private">
                    <span class="badge">{t_string!(i18n, partners.private_badge)}</span>
                    <Text id=fid("private") label=t_string!(i18n, partners.private_label).to_string()
                        hint=t_string!(i18n, partners.private_hint).to_string() field=private/>
                </div>
            </div>
        </ItemCard>
    }
}
