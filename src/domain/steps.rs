//! The guided journey: which steps exist, their order, their URL names and when each is done.
//!
//! Only steps that work fully are listed; later sections add variants here.

use std::collections::HashSet;

use super::Plan;
use super::change::chain_warnings;
use super::foundations::{Block, Quality};
use super::goals::{CoachWords, Letter, coach};
use super::merge::{Change, ChangeKind, Seg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Overview,
    Foundations,
    Partners,
    Strategy,
    Activities,
    Change,
    Power,
    Stakeholders,
    Goals,
    Swot,
    ActionPlan,
    Success,
    Evaluation,
}

impl Step {
    /// Every step, in the order of the journey.
    pub const ALL: [Step; 13] = [
        Step::Overview,
        Step::Foundations,
        Step::Partners,
        Step::Strategy,
        Step::Activities,
        Step::Change,
        Step::Power,
        Step::Stakeholders,
        Step::Goals,
        Step::Swot,
        Step::ActionPlan,
        Step::Success,
        Step::Evaluation,
    ];

    /// The name used in URLs: `#/plan/<id>/<slug>`.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Overview => "overview",
            Step::Foundations => "foundations",
            Step::Partners => "partners",
            Step::Strategy => "strategy",
            Step::Activities => "activities",
            Step::Change => "theory-of-change",
            Step::Power => "power-analysis",
            Step::Stakeholders => "stakeholders",
            Step::Goals => "goals",
            Step::Swot => "swot",
            Step::ActionPlan => "action-plan",
            Step::Success => "success-sheet",
            Step::Evaluation => "evaluation",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn first() -> Step {
        Step::ALL[0]
    }

    /// A step is complete when the parts a coalition needs before moving on are filled in.
    /// `words` are the goal coach's word lists, from the locale file.
    pub fn is_complete(self, plan: &Plan, words: &CoachWords) -> bool {
        match self {
            Step::Overview => {
                let o = &plan.overview;
                !o.name.trim().is_empty()
                    && !o.coalition.trim().is_empty()
                    && !o.purpose.trim().is_empty()
                    && !o.dates_out_of_order()
            }
            // Every quality rated, every block scored, and the scores saved at least once.
            Step::Foundations => {
                let f = &plan.foundations;
                Quality::ALL
                    .iter()
                    .all(|q| q.of(&f.qualities).rating.is_some())
                    && Block::ALL.iter().all(|b| b.of(&f.blocks).score.is_some())
                    && !f.assessments.is_empty()
            }
            // At least two partners make a coalition, and each needs a name.
            Step::Partners => {
                plan.partners.len() >= 2 && plan.partners.iter().all(|p| !p.name.trim().is_empty())
            }
            Step::Strategy => !plan.strategy.statement.trim().is_empty(),
            // The coalition knows its stage and has logged what it did.
            Step::Activities => plan.activities.stage.is_some() && !plan.activities.log.is_empty(),
            // At least one statement, and nothing in the chain left to check.
            Step::Change => {
                let s = &plan.theory_of_change.statements;
                !s.is_empty() && chain_warnings(s).is_empty()
            }
            // Somebody to move on the map, every placement backed by evidence, and a snapshot.
            Step::Power => {
                let p = &plan.power;
                p.stakeholders.iter().any(|s| s.partner.is_none())
                    && p.stakeholders.iter().all(|s| !s.evidence.trim().is_empty())
                    && !p.snapshots.is_empty()
            }
            // Everyone on the map has a goal: what we want from them and how we engage them.
            Step::Stakeholders => {
                let s = &plan.power.stakeholders;
                !s.is_empty()
                    && s.iter()
                        .all(|s| !s.want.trim().is_empty() && !s.approach.trim().is_empty())
            }
            // Something written in each of the four lists.
            Step::Swot => super::swot::Quadrant::ALL
                .iter()
                .all(|q| q.of(&plan.swot).iter().any(|i| !i.text.trim().is_empty())),
            // Goals, each with every letter answered, nothing left for the coach to flag and a
            // complete equity check.
            Step::Goals => {
                !plan.goals.is_empty()
                    && plan.goals.iter().all(|g| {
                        Letter::ALL.iter().all(|l| l.answered(g, words))
                            && coach(g, plan.window(), words).is_empty()
                            && g.equity.gaps().is_empty()
                    })
            }
            // The window, goals with their activities, and who agreed to it.
            Step::Success => {
                let s = &plan.success_sheet;
                s.window_ok()
                    && !s.entries.is_empty()
                    && s.entries.iter().all(|e| {
                        plan.goal(e.goal).is_some() && (!e.tasks.is_empty() || !e.lines.is_empty())
                    })
                    && !s.agreed_with.trim().is_empty()
                    && s.agreed_on.is_some()
            }
            // Every goal checked in on at least once, and at least one reflection.
            Step::Evaluation => {
                let ev = &plan.evaluation;
                !plan.goals.is_empty()
                    && plan.goals.iter().all(|g| ev.of_goal(g.id).next().is_some())
                    && !ev.journal.is_empty()
            }
            // A tactic, and activities that each say what, by when and who does it.
            Step::ActionPlan => {
                let a = &plan.action_plan;
                !a.tactics.is_empty()
                    && !a.activities.is_empty()
                    && a.activities
                        .iter()
                        .all(|t| !t.what.trim().is_empty() && t.due.is_some() && !t.who.is_empty())
            }
        }
    }
}

/// What a merge took from a colleague's copy in one step: items added, changed and removed.
/// A field outside a list counts as one changed item; several fields of one item, as one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepChanges {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

impl StepChanges {
    pub fn total(&self) -> usize {
        self.added + self.changed + self.removed
    }
}

impl Step {
    /// The step where the plan's JSON at `path` is edited, from its section (and, for the
    /// power analysis, its list: the stakeholders have a step of their own).
    pub fn of_path(path: &[Seg]) -> Option<Step> {
        let key = |i: usize| match path.get(i) {
            Some(Seg::Key(k)) => Some(k.as_str()),
            _ => None,
        };
        Some(match key(0)? {
            "overview" => Step::Overview,
            "foundations" => Step::Foundations,
            "partners" => Step::Partners,
            "strategy" => Step::Strategy,
            "activities" => Step::Activities,
            "theory_of_change" => Step::Change,
            "power" if key(1) == Some("stakeholders") => Step::Stakeholders,
            "power" => Step::Power,
            "goals" => Step::Goals,
            "swot" => Step::Swot,
            "action_plan" => Step::ActionPlan,
            "success_sheet" => Step::Success,
            "evaluation" => Step::Evaluation,
            _ => return None,
        })
    }
}

/// What a merge took, step by step in the journey's order: only the steps it changed.
pub fn changes_by_step(taken: &[Change]) -> Vec<(Step, StepChanges)> {
    let mut counts: Vec<(Step, StepChanges)> = Step::ALL
        .iter()
        .map(|s| (*s, StepChanges::default()))
        .collect();
    let mut seen = HashSet::new();
    for change in taken {
        let Some(step) = Step::of_path(&change.path) else {
            continue;
        };
        let Some((_, c)) = counts.iter_mut().find(|(s, _)| *s == step) else {
            continue;
        };
        match change.kind {
            ChangeKind::Added => c.added += 1,
            ChangeKind::Removed => c.removed += 1,
            ChangeKind::Changed => {
                // The item the field is in, or the field itself outside a list.
                let entity = match change.path.iter().rposition(|s| matches!(s, Seg::Item(..))) {
                    Some(i) => &change.path[..=i],
                    None => change.path.as_slice(),
                };
                if seen.insert(entity.to_vec()) {
                    c.changed += 1;
                }
            }
        }
    }
    counts.retain(|(_, c)| c.total() > 0);
    counts
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
        assert!(!Step::Partners.is_complete(&plan, &CoachWords::default()));
        plan.partners.push(Partner {
            name: "Union".into(),
            ..Partner::new()
        });
        assert!(
            !Step::Partners.is_complete(&plan, &CoachWords::default()),
            "one partner is not a coalition"
        );
        plan.partners.push(Partner::new());
        assert!(
            !Step::Partners.is_complete(&plan, &CoachWords::default()),
            "every partner needs a name"
        );
        plan.partners[1].name = "Congregation".into();
        assert!(Step::Partners.is_complete(&plan, &CoachWords::default()));
    }

    #[test]
    fn later_steps_are_complete_when_their_core_is_filled() {
        use crate::domain::activities::{Activity, ActivityKind, Stage};
        use crate::domain::change::ChangeStatement;
        use crate::domain::foundations::Rating;
        let mut plan = Plan::new("Plan", DateTime::UNIX_EPOCH);
        for step in [
            Step::Foundations,
            Step::Strategy,
            Step::Activities,
            Step::Change,
        ] {
            assert!(
                !step.is_complete(&plan, &CoachWords::default()),
                "{step:?} starts to do"
            );
        }
        let f = &mut plan.foundations;
        for q in Quality::ALL {
            q.of_mut(&mut f.qualities).rating = Some(Rating::Partly);
        }
        for b in Block::ALL {
            b.of_mut(&mut f.blocks).score = Some(3);
        }
        assert!(
            !Step::Foundations.is_complete(&plan, &CoachWords::default()),
            "scores not saved yet"
        );
        plan.foundations.record_assessment(
            chrono::NaiveDate::MIN,
            chrono::DateTime::UNIX_EPOCH,
            uuid::Uuid::new_v4(),
        );
        assert!(Step::Foundations.is_complete(&plan, &CoachWords::default()));

        plan.strategy.statement = "  ".into();
        assert!(!Step::Strategy.is_complete(&plan, &CoachWords::default()));
        plan.strategy.statement = "We win".into();
        assert!(Step::Strategy.is_complete(&plan, &CoachWords::default()));

        plan.activities.stage = Some(Stage::New);
        assert!(!Step::Activities.is_complete(&plan, &CoachWords::default()));
        plan.activities
            .log
            .push(Activity::new(ActivityKind::OneOnOne, None));
        assert!(Step::Activities.is_complete(&plan, &CoachWords::default()));

        plan.theory_of_change.statements.push(ChangeStatement {
            action: "march".into(),
            ..ChangeStatement::new()
        });
        assert!(
            !Step::Change.is_complete(&plan, &CoachWords::default()),
            "no outcome yet"
        );
        plan.theory_of_change.statements[0].outcome = "they listen".into();
        assert!(Step::Change.is_complete(&plan, &CoachWords::default()));
    }

    #[test]
    fn overview_is_complete_with_name_coalition_and_purpose() {
        let mut plan = Plan::new("Plan", DateTime::UNIX_EPOCH);
        assert!(!Step::Overview.is_complete(&plan, &CoachWords::default()));
        plan.overview.coalition = "Eastside".into();
        plan.overview.purpose = "Fair rents".into();
        assert!(Step::Overview.is_complete(&plan, &CoachWords::default()));
    }
}
