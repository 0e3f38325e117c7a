//! The example coalition offered as a starting point. Its words come from the locale file,
//! so a translated app gets a translated example; this module only assembles them.

use chrono::{Days, NaiveDate};

use super::partners::{Commitment, Continuum, Partner, PartnerKind, Roles};
use super::{Plan, Timestamp};

/// The example's text, in the user's language.
pub struct ExampleText<'a> {
    pub coalition: &'a str,
    pub purpose: &'a str,
    pub notes: &'a str,
    /// Name, skills, resources and ownership of each example partner.
    pub partners: [[&'a str; 4]; 4],
}

/// Where each example partner stands: a tenants' union that leads, a congregation that shares
/// leadership, young organisers who are active, and a union branch that backs the work.
const EXAMPLE_STANDING: [(PartnerKind, Continuum, Roles, Commitment); 4] = [
    (
        PartnerKind::Organisation,
        Continuum::Leads,
        Roles {
            messenger: true,
            connector: false,
            convener: true,
        },
        Commitment::Strong,
    ),
    (
        PartnerKind::Organisation,
        Continuum::SharesLeadership,
        Roles {
            messenger: false,
            connector: true,
            convener: false,
        },
        Commitment::Growing,
    ),
    (
        PartnerKind::Organisation,
        Continuum::ActiveMember,
        Roles {
            messenger: true,
            connector: false,
            convener: false,
        },
        Commitment::Growing,
    ),
    (
        PartnerKind::Organisation,
        Continuum::Ally,
        Roles {
            messenger: false,
            connector: true,
            convener: false,
        },
        Commitment::Low,
    ),
];

/// A filled-in plan for a tenants' coalition, running one year from `today`.
pub fn example_plan(name: &str, text: &ExampleText<'_>, today: NaiveDate, now: Timestamp) -> Plan {
    let mut plan = Plan::new(name, now);
    plan.overview.coalition = text.coalition.to_owned();
    plan.overview.purpose = text.purpose.to_owned();
    plan.overview.notes = text.notes.to_owned();
    plan.overview.start = Some(today);
    plan.overview.end = today.checked_add_days(Days::new(364));
    plan.partners = text
        .partners
        .iter()
        .zip(EXAMPLE_STANDING)
        .map(
            |([name, skills, resources, ownership], (kind, continuum, roles, commitment))| {
                Partner {
                    name: (*name).to_owned(),
                    kind,
                    skills: (*skills).to_owned(),
                    resources: (*resources).to_owned(),
                    continuum,
                    roles,
                    commitment,
                    ownership: (*ownership).to_owned(),
                    ..Partner::new()
                }
            },
        )
        .collect();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::steps::Step;
    use chrono::DateTime;

    #[test]
    fn the_example_completes_every_step_that_exists() {
        let text = ExampleText {
            coalition: "Riverside",
            purpose: "Repairs",
            notes: "n",
            partners: [
                ["a", "s", "r", "o"],
                ["b", "s", "r", "o"],
                ["c", "s", "r", "o"],
                ["d", "s", "r", "o"],
            ],
        };
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        let plan = example_plan("Example", &text, today, DateTime::UNIX_EPOCH);
        for step in Step::ALL {
            assert!(
                step.is_complete(&plan),
                "{step:?} should be complete in the example"
            );
        }
        assert_eq!(plan.overview.end, NaiveDate::from_ymd_opt(2027, 2, 28));
        assert_eq!(crate::domain::validate::validate(&plan), Ok(()));
    }
}
