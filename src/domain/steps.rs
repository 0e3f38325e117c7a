//! The guided journey: which steps exist, their order, their URL names and when each is done.
//!
//! Only steps that work fully are listed; later sections add variants here.

use super::Plan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Overview,
    Partners,
}

impl Step {
    /// Every step, in the order of the journey.
    pub const ALL: [Step; 2] = [Step::Overview, Step::Partners];

    /// The name used in URLs: `#/plan/<id>/<slug>`.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Overview => "overview",
            Step::Partners => "partners",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn first() -> Step {
        Step::ALL[0]
    }

    /// A step is complete when the parts a coalition needs before moving on are filled in.
    pub fn is_complete(self, plan: &Plan) -> bool {
        match self {
            Step::Overview => {
                let o = &plan.overview;
                !o.name.trim().is_empty()
                    && !o.coalition.trim().is_empty()
                    && !o.purpose.trim().is_empty()
                    && !o.dates_out_of_order()
            }
            // At least two partners make a coalition, and each needs a name.
            Step::Partners => {
                plan.partners.len() >= 2 && plan.partners.iter().all(|p| !p.name.trim().is_empty())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn slugs_round_trip_and_unknown_is_none() {
        for step in Step::ALL {
            assert_eq!(Step::from_slug(step.slug()), Some(step));
        }
        assert_eq!(Step::from_slug("nope"), None);
        assert_eq!(Step::from_slug(""), None);
    }

    #[test]
    fn partners_are_complete_with_two_named_partners() {
        use crate::domain::Partner;
        let mut plan = Plan::new("Plan", DateTime::UNIX_EPOCH);
        assert!(!Step::Partners.is_complete(&plan));
        plan.partners.push(Partner {
            name: "Union".into(),
            ..Partner::new()
        });
        assert!(
            !Step::Partners.is_complete(&plan),
            "one partner is not a coalition"
        );
        plan.partners.push(Partner::new());
        assert!(
            !Step::Partners.is_complete(&plan),
            "every partner needs a name"
        );
        plan.partners[1].name = "Congregation".into();
        assert!(Step::Partners.is_complete(&plan));
    }

    #[test]
    fn overview_is_complete_with_name_coalition_and_purpose() {
        let mut plan = Plan::new("Plan", DateTime::UNIX_EPOCH);
        assert!(!Step::Overview.is_complete(&plan));
        plan.overview.coalition = "Eastside".into();
        plan.overview.purpose = "Fair rents".into();
        assert!(Step::Overview.is_complete(&plan));
    }
}
