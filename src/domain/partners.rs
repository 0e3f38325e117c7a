//! Step "Partners": the one registry of organisations and people in the coalition. Later
//! steps (strategy, power analysis, stakeholders, the action plan) refer to partners by id.

use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::enums::named_enum;
use super::list::keyed_item;
use super::private::Private;

/// Whether a partner is an organisation or one person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    #[default]
    Organisation,
    Person,
}

/// Where a partner stands between leading the work and backing it as an ally.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Continuum {
    Leads,
    SharesLeadership,
    #[default]
    ActiveMember,
    Supporter,
    Ally,
}

named_enum! {
    Continuum {
        Leads => "leads",
        SharesLeadership => "shares_leadership",
        ActiveMember => "active_member",
        Supporter => "supporter",
        Ally => "ally",
    }
}

/// How committed a partner is today. Without commitment, a coalition goes soft.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Commitment {
    #[default]
    Unknown,
    Low,
    Growing,
    Strong,
}

named_enum! {
    Commitment {
        Unknown => "unknown",
        Low => "low",
        Growing => "growing",
        Strong => "strong",
    }
}

/// The roles a partner plays for the coalition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Roles {
    /// Carries the coalition's message to people who will listen to them.
    pub messenger: bool,
    /// Links the coalition to people and groups it does not yet reach.
    pub connector: bool,
    /// Brings partners together and keeps them working as one.
    pub convener: bool,
}

/// One organisation or person in the coalition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Partner {
    pub id: Uuid,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: PartnerKind,
    /// What they are good at.
    #[serde(default)]
    pub skills: String,
    /// What they bring: people, money, rooms, reputation, contacts.
    #[serde(default)]
    pub resources: String,
    #[serde(default)]
    pub continuum: Continuum,
    #[serde(default)]
    pub roles: Roles,
    #[serde(default)]
    pub commitment: Commitment,
    /// What they own in the work: ownership is what turns support into commitment.
    #[serde(default)]
    pub ownership: String,
    /// For whoever keeps this plan; never in a share copy.
    #[serde(default)]
    pub private_notes: Private<String>,
}

impl Partner {
    pub fn new() -> Self {
        Partner {
            id: Uuid::new_v4(),
            name: String::new(),
            kind: PartnerKind::default(),
            skills: String::new(),
            resources: String::new(),
            continuum: Continuum::default(),
            roles: Roles::default(),
            commitment: Commitment::default(),
            ownership: String::new(),
            private_notes: Private::default(),
        }
    }
}

keyed_item! {
    Partner => Partner::new();
}

/// Moves the partner with `id` one place up (`-1`) or down (`1`). Returns whether it moved.
pub fn move_partner(list: &mut [Partner], id: Uuid, by: isize) -> bool {
    super::move_item(list, |p| p.id == id, by)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Partner {
        Partner {
            name: name.into(),
            ..Partner::new()
        }
    }

    #[test]
    fn partners_move_within_bounds() {
        let mut list = vec![named("a"), named("b"), named("c")];
        let b = list[1].id;
        assert!(move_partner(&mut list, b, -1));
        assert_eq!(
            list.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["b", "a", "c"]
        );
        assert!(!move_partner(&mut list, b, -1), "already first");
        let c = list[2].id;
        assert!(!move_partner(&mut list, c, 1), "already last");
        assert!(move_partner(&mut list, c, -1));
        assert_eq!(
            list.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["b", "c", "a"]
        );
        assert!(!move_partner(&mut list, Uuid::nil(), 1));
    }

    #[test]
    fn new_partners_get_distinct_ids_and_neutral_defaults() {
        let (a, b) = (Partner::new(), Partner::new());
        assert_ne!(a.id, b.id);
        assert_eq!(a.commitment, Commitment::Unknown);
        assert_eq!(a.continuum, Continuum::ActiveMember);
        assert_eq!(a.roles, Roles::default());
    }
}
