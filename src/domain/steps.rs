//! The guided journey: which steps exist, their order, their URL names and when each is done.
//!
//! Only steps that work fully are listed; later sections add variants here.

use super::Plan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Overview,
}

impl Step {
    /// Every step, in the order of the journey.
    pub const ALL: [Step; 1] = [Step::Overview];

    /// The name used in URLs: `#/plan/<id>/<slug>`.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Overview => "overview",
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
    fn overview_is_complete_with_name_coalition_and_purpose() {
        let mut plan = Plan::new("Plan", DateTime::UNIX_EPOCH);
        assert!(!Step::Overview.is_complete(&plan));
        plan.overview.coalition = "Eastside".into();
        plan.overview.purpose = "Fair rents".into();
        assert!(Step::Overview.is_complete(&plan));
    }
}
