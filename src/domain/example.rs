//! The example coalition offered as a starting point. Its words come from the locale file,
//! so a translated app gets a translated example; this module only assembles them.

use chrono::{Days, NaiveDate};

use super::{Plan, Timestamp};

/// The example's text, in the user's language.
pub struct ExampleText<'a> {
    pub coalition: &'a str,
    pub purpose: &'a str,
    pub notes: &'a str,
}

/// A filled-in plan for a tenants' coalition, running one year from `today`.
pub fn example_plan(name: &str, text: &ExampleText<'_>, today: NaiveDate, now: Timestamp) -> Plan {
    let mut plan = Plan::new(name, now);
    plan.overview.coalition = text.coalition.to_owned();
    plan.overview.purpose = text.purpose.to_owned();
    plan.overview.notes = text.notes.to_owned();
    plan.overview.start = Some(today);
    plan.overview.end = today.checked_add_days(Days::new(364));
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
