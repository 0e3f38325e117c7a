//! Step "Strategy": the resources we have, the power we need and the change we want, joined
//! into one statement the coalition can edit.

use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Plan;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Strategy {
    /// Partners whose resources the strategy counts on, by partner id, in the order picked.
    pub resource_partners: Vec<Uuid>,
    /// Resources that no partner brings, one per line.
    pub other_resources: String,
    /// Who has the power to make the change.
    pub who_decides: String,
    /// What would move them.
    pub leverage: String,
    /// The change the coalition wants.
    pub change: String,
    /// The strategy statement, as the coalition last edited it.
    pub statement: String,
}

/// The pieces a strategy statement is made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatementParts {
    pub resources: Vec<String>,
    pub who_decides: String,
    pub leverage: String,
    pub change: String,
}

/// A part of the statement that is still missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Resources,
    WhoDecides,
    Leverage,
    Change,
}

impl Strategy {
    /// Picks or unpicks a partner's resources.
    pub fn toggle_partner(&mut self, id: Uuid, on: bool) {
        super::toggle(&mut self.resource_partners, id, on);
    }
}

/// Collects the statement's parts from the plan: each picked partner that still exists (named
/// by its name), then each non-empty line of the other resources.
pub fn statement_parts(plan: &Plan) -> StatementParts {
    let s = &plan.strategy;
    let mut resources: Vec<String> = s
        .resource_partners
        .iter()
        .filter_map(|id| plan.partners.iter().find(|p| p.id == *id))
        .map(|p| p.name.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    resources.extend(
        s.other_resources
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned),
    );
    let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    StatementParts {
        resources,
        who_decides: one_line(&s.who_decides),
        leverage: one_line(&s.leverage),
        change: one_line(&s.change).trim_end_matches('.').to_owned(),
    }
}

impl StatementParts {
    /// What the statement still lacks, in the order the builder asks for it.
    pub fn missing(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        if self.resources.is_empty() {
            out.push(Missing::Resources);
        }
        if self.who_decides.is_empty() {
            out.push(Missing::WhoDecides);
        }
        if self.leverage.is_empty() {
            out.push(Missing::Leverage);
        }
        if self.change.is_empty() {
            out.push(Missing::Change);
        }
        out
    }

    /// Fills a template from the locale file. The template names its slots `[resources]`,
    /// `[who_decides]`, `[leverage]` and `[change]`, so a translation can put them in any
    /// order. `and` joins the last two resources ("a, b and c").
    pub fn fill(&self, template: &str, and: &str) -> String {
        let resources = join_list(&self.resources, and);
        template
            .replace("[resources]", &resources)
            .replace("[who_decides]", &self.who_decides)
            .replace("[leverage]", &self.leverage)
            .replace("[change]", &self.change)
    }
}

/// Why no draft can be offered yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftProblem {
    /// Parts the coalition has not filled in, in the builder's order.
    Missing(Vec<Missing>),
    /// The draft would be longer than a statement may be (`len` characters).
    TooLong { len: usize },
}

impl StatementParts {
    /// The statement drafted from the answers, if it can be offered: every part is there and
    /// the result fits in the statement field (so using it can always be saved).
    pub fn draft(&self, template: &str, and: &str) -> Result<String, DraftProblem> {
        let missing = self.missing();
        if !missing.is_empty() {
            return Err(DraftProblem::Missing(missing));
        }
        let text = self.fill(template, and);
        let len = super::text::char_len(&text);
        if len > super::text::MAX_PARAGRAPH {
            return Err(DraftProblem::TooLong { len });
        }
        Ok(text)
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;
    use chrono::DateTime;

    const TEMPLATE: &str =
        "With [resources], we will move [who_decides] through [leverage], so that [change].";

    fn plan_with_partners() -> (Plan, Uuid, Uuid) {
        let mut plan = Plan::new("p", DateTime::UNIX_EPOCH);
        let a = Partner {
            name: " Tenants' union ".into(),
            ..Partner::new()
        };
        let b = Partner {
            name: "St Mark's".into(),
            ..Partner::new()
        };
        let (ia, ib) = (a.id, b.id);
        plan.partners = vec![a, b].into();
        (plan, ia, ib)
    }

    #[test]
    fn the_statement_joins_picked_partners_extra_resources_and_the_answers() {
        let (mut plan, a, b) = plan_with_partners();
        plan.strategy.toggle_partner(b, true);
        plan.strategy.toggle_partner(a, true);
        plan.strategy.other_resources = "- a minibus\n\n  • 40 volunteers  \n".into();
        plan.strategy.who_decides = "the city's\nhousing committee".into();
        plan.strategy.leverage = "votes in the spring election".into();
        plan.strategy.change = "rents are capped.".into();
        let parts = statement_parts(&plan);
        assert_eq!(parts.missing(), []);
        assert_eq!(
            parts.fill(TEMPLATE, "and"),
            "With St Mark's, Tenants' union, a minibus and 40 volunteers, we will move the city's housing committee through votes in the spring election, so that rents are capped."
        );
    }

    #[test]
    fn the_statement_says_what_is_missing_and_skips_removed_partners() {
        let (mut plan, a, _) = plan_with_partners();
        assert_eq!(
            statement_parts(&plan).missing(),
            [
                Missing::Resources,
                Missing::WhoDecides,
                Missing::Leverage,
                Missing::Change
            ]
        );
        plan.strategy.toggle_partner(a, true);
        plan.partners.retain(|p| p.id != a);
        assert!(statement_parts(&plan).resources.is_empty());
        plan.strategy.toggle_partner(a, false);
        assert!(plan.strategy.resource_partners.is_empty());
    }

    #[test]
    fn a_draft_is_offered_only_when_complete_and_short_enough_to_save() {
        let (mut plan, a, _) = plan_with_partners();
        assert!(matches!(
            statement_parts(&plan).draft(TEMPLATE, "and"),
            Err(DraftProblem::Missing(m)) if m.len() == 4
        ));
        plan.strategy.toggle_partner(a, true);
        plan.strategy.who_decides = "the board".into();
        plan.strategy.leverage = "votes".into();
        plan.strategy.change = "x".repeat(crate::domain::text::MAX_PARAGRAPH);
        let too_long = statement_parts(&plan).draft(TEMPLATE, "and");
        assert!(
            matches!(too_long, Err(DraftProblem::TooLong { len }) if len > crate::domain::text::MAX_PARAGRAPH)
        );
        plan.strategy.change = "homes are built".into();
        let draft = statement_parts(&plan)
            .draft(TEMPLATE, "and")
            .unwrap_or_default();
        plan.strategy.statement = draft;
        assert_eq!(
            crate::domain::validate::validate(&plan),
            Ok(()),
            "a used draft always saves"
        );
    }

    #[test]
    fn lists_read_naturally() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join_list(&s(&[]), "and"), "");
        assert_eq!(join_list(&s(&["a"]), "and"), "a");
        assert_eq!(join_list(&s(&["a", "b"]), "and"), "a and b");
        assert_eq!(join_list(&s(&["a", "b", "c"]), "y"), "a, b y c");
    }

    #[test]
    fn the_english_template_has_every_slot() {
        let en: serde_json::Value =
            serde_json::from_str(include_str!("../locales/en.json")).unwrap_or_default();
        let template = en["strategy"]["statement_template"]
            .as_str()
            .unwrap_or_default();
        for slot in ["[resources]", "[who_decides]", "[leverage]", "[change]"] {
            assert!(template.contains(slot), "{slot} missing from {template:?}");
        }
    }
}
