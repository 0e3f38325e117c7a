//! Rules a plan must meet before it is stored or imported. A file that breaks one is refused
//! with the path of the field, so nothing the app could not have written gets in.

use std::collections::HashSet;

use chrono::NaiveDate;
use uuid::Uuid;

use super::change::{ChainError, check_chain};
use super::dates::{is_writable_date, is_writable_timestamp};
use super::foundations::{Block, SCORE_MAX, SCORE_MIN};
use super::text::texts;
use super::text::{MAX_LINE, MAX_NOTES, MAX_PARAGRAPH, char_len};
use super::{Plan, Timestamp};

/// One broken rule, with the field path relative to the plan (e.g. `overview.name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    TextTooLong {
        field: String,
        limit: usize,
        len: usize,
    },
    DuplicateId {
        field: String,
        id: String,
    },
    Broken {
        field: String,
        rule: Rule,
    },
}

/// A rule other than length or uniqueness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A block score outside 1 to 5.
    ScoreOutOfRange(u8),
    /// A theory-of-change statement builds on itself.
    LinksToItself,
    /// A statement builds on a statement that is not in the plan.
    UnknownLink(String),
    /// Following the links comes back to the same statement.
    Loop,
    /// A date or time that a file cannot hold (outside the years 0000 to 9999, or finer than a
    /// millisecond), so it could be written but never read back.
    NotWritable,
    /// A link to an item that is not in the plan (reading a file drops such links).
    Dangling,
}

fn check_text(field: impl FnOnce() -> String, value: &str, limit: usize) -> Result<(), Violation> {
    // Bytes are an upper bound of characters: skip the count for short text.
    if value.len() > limit {
        let len = char_len(value);
        if len > limit {
            return Err(Violation::TextTooLong {
                field: field(),
                limit,
                len,
            });
        }
    }
    Ok(())
}

fn check_time(field: impl FnOnce() -> String, value: Option<&Timestamp>) -> Result<(), Violation> {
    match value {
        Some(t) if !is_writable_timestamp(t) => Err(Violation::Broken {
            field: field(),
            rule: Rule::NotWritable,
        }),
        _ => Ok(()),
    }
}

fn check_date(field: impl FnOnce() -> String, value: Option<NaiveDate>) -> Result<(), Violation> {
    match value {
        Some(d) if !is_writable_date(d) => Err(Violation::Broken {
            field: field(),
            rule: Rule::NotWritable,
        }),
        _ => Ok(()),
    }
}

/// Every date of the plan with its field path: the writer refuses a date outside the years a
/// file can hold, so validation refuses it first, with its field.
fn check_dates(plan: &Plan) -> Result<(), Violation> {
    check_time(|| "created_at".into(), Some(&plan.created_at))?;
    check_time(|| "updated_at".into(), Some(&plan.updated_at))?;
    check_date(|| "overview.start".into(), plan.overview.start)?;
    check_date(|| "overview.end".into(), plan.overview.end)?;
    let f = &plan.foundations;
    for (i, a) in f.assessments.iter().enumerate() {
        check_date(
            || format!("foundations.assessments[{i}].date"),
            Some(a.date),
        )?;
        check_time(
            || format!("foundations.assessments[{i}].saved_at"),
            a.saved_at.as_ref(),
        )?;
    }
    check_date(
        || "foundations.charter.agreed_on".into(),
        f.charter.agreed_on,
    )?;
    for (i, a) in plan.activities.log.iter().enumerate() {
        check_date(|| format!("activities.log[{i}].date"), a.date)?;
    }
    for (i, s) in plan.power.snapshots.iter().enumerate() {
        check_date(|| format!("power.snapshots[{i}].date"), Some(s.date))?;
        check_time(
            || format!("power.snapshots[{i}].saved_at"),
            s.saved_at.as_ref(),
        )?;
    }
    for (i, t) in plan.action_plan.activities.iter().enumerate() {
        check_date(|| format!("action_plan.activities[{i}].due"), t.due)?;
    }
    for (i, g) in plan.goals.iter().enumerate() {
        check_date(|| format!("goals[{i}].deadline"), g.deadline)?;
        check_date(
            || format!("goals[{i}].equity.recheck_on"),
            g.equity.recheck_on,
        )?;
        check_date(
            || format!("goals[{i}].equity.rechecked_on"),
            g.equity.rechecked_on,
        )?;
    }
    let sheet = &plan.success_sheet;
    check_date(|| "success_sheet.start".into(), sheet.start)?;
    check_date(|| "success_sheet.end".into(), sheet.end)?;
    check_date(|| "success_sheet.agreed_on".into(), sheet.agreed_on)?;
    for (i, e) in sheet.entries.iter().enumerate() {
        for (k, l) in e.lines.iter().enumerate() {
            check_date(|| format!("success_sheet.entries[{i}].lines[{k}].by"), l.by)?;
        }
    }
    for (i, c) in plan.evaluation.check_ins.iter().enumerate() {
        check_date(|| format!("evaluation.check_ins[{i}].date"), Some(c.date))?;
    }
    for (i, r) in plan.evaluation.journal.iter().enumerate() {
        check_date(|| format!("evaluation.journal[{i}].date"), Some(r.date))?;
    }
    Ok(())
}

/// Checks one plan. Returns the first violation, in field order.
///
/// A plan passes exactly when the reader would take it back unchanged: reading a file checks
/// the same rules, after dropping links to nothing.
pub fn validate(plan: &Plan) -> Result<(), Violation> {
    check_dates(plan)?;
    let o = &plan.overview;
    check_text(|| "overview.name".into(), &o.name, MAX_LINE)?;
    check_text(|| "overview.coalition".into(), &o.coalition, MAX_LINE)?;
    check_text(|| "overview.purpose".into(), &o.purpose, MAX_PARAGRAPH)?;
    check_text(|| "overview.notes".into(), &o.notes, MAX_NOTES)?;
    unique(plan.partners.iter().map(|p| p.id), |i| {
        format!("partners[{i}].id")
    })?;
    for (i, p) in plan.partners.iter().enumerate() {
        check_text(|| format!("partners[{i}].name"), &p.name, MAX_LINE)?;
        let texts = texts! { p; skills, resources, ownership, private_notes };
        for (name, value) in texts {
            check_text(|| format!("partners[{i}].{name}"), value, MAX_PARAGRAPH)?;
        }
    }
    validate_foundations(plan)?;
    let s = &plan.strategy;
    let strategy_texts = texts! { s; other_resources, who_decides, leverage, change, statement };
    for (name, value) in strategy_texts {
        check_text(|| format!("strategy.{name}"), value, MAX_PARAGRAPH)?;
    }
    unique(plan.activities.log.iter().map(|a| a.id), |i| {
        format!("activities.log[{i}].id")
    })?;
    for (i, a) in plan.activities.log.iter().enumerate() {
        check_text(
            || format!("activities.log[{i}].custom_kind"),
            &a.custom_kind,
            MAX_LINE,
        )?;
        check_text(
            || format!("activities.log[{i}].notes"),
            &a.notes,
            MAX_PARAGRAPH,
        )?;
        check_text(
            || format!("activities.log[{i}].outcome"),
            &a.outcome,
            MAX_PARAGRAPH,
        )?;
    }
    let statements = &plan.theory_of_change.statements;
    unique(statements.iter().map(|s| s.id), |i| {
        format!("theory_of_change.statements[{i}].id")
    })?;
    for (i, st) in statements.iter().enumerate() {
        let texts =
            texts! { st; action, condition, outcome, assumptions, preconditions, indicators };
        for (name, value) in texts {
            check_text(
                || format!("theory_of_change.statements[{i}].{name}"),
                value,
                MAX_PARAGRAPH,
            )?;
        }
    }
    check_chain(statements).map_err(|e| {
        let (index, rule) = match e {
            ChainError::SelfLink { index } => (index, Rule::LinksToItself),
            ChainError::UnknownLink { index, id } => (index, Rule::UnknownLink(id.to_string())),
            ChainError::Cycle { index } => (index, Rule::Loop),
        };
        Violation::Broken {
            field: format!("theory_of_change.statements[{index}].builds_on"),
            rule,
        }
    })?;
    validate_power(plan)?;
    validate_swot_and_actions(plan)?;
    validate_goals(plan)?;
    validate_sheet_and_evaluation(plan)?;
    // Last: it copies the plan. Reading drops links to nothing, so a plan holding one would not
    // read back the same.
    match plan.clone().prune_dangling() {
        Some(field) => Err(Violation::Broken {
            field,
            rule: Rule::Dangling,
        }),
        None => Ok(()),
    }
}

fn validate_goals(plan: &Plan) -> Result<(), Violation> {
    unique(plan.goals.iter().map(|g| g.id), |i| {
        format!("goals[{i}].id")
    })?;
    for (i, g) in plan.goals.iter().enumerate() {
        check_text(
            || format!("goals[{i}].statement"),
            &g.statement,
            MAX_PARAGRAPH,
        )?;
        check_text(
            || format!("goals[{i}].priority"),
            &g.priority,
            MAX_PARAGRAPH,
        )?;
        check_text(
            || format!("goals[{i}].measure.unit"),
            &g.measure.unit,
            MAX_LINE,
        )?;
        unique(g.measure.qualities.iter().map(|q| q.id), |k| {
            format!("goals[{i}].measure.qualities[{k}].id")
        })?;
        for (k, q) in g.measure.qualities.iter().enumerate() {
            check_text(
                || format!("goals[{i}].measure.qualities[{k}].text"),
                &q.text,
                MAX_PARAGRAPH,
            )?;
        }
        for (name, value) in g.answers.texts() {
            check_text(
                || format!("goals[{i}].answers.{name}"),
                value,
                MAX_PARAGRAPH,
            )?;
        }
        for (name, value) in g.equity.texts() {
            check_text(|| format!("goals[{i}].equity.{name}"), value, MAX_PARAGRAPH)?;
        }
    }
    Ok(())
}

fn validate_sheet_and_evaluation(plan: &Plan) -> Result<(), Violation> {
    let goals: HashSet<Uuid> = plan.goals.iter().map(|g| g.id).collect();
    let known = |field: String, id: Uuid| {
        if goals.contains(&id) {
            Ok(())
        } else {
            Err(Violation::Broken {
                field,
                rule: Rule::UnknownLink(id.to_string()),
            })
        }
    };
    let sheet = &plan.success_sheet;
    check_text(
        || "success_sheet.agreed_with".into(),
        &sheet.agreed_with,
        MAX_LINE,
    )?;
    unique(sheet.entries.iter().map(|e| e.goal), |i| {
        format!("success_sheet.entries[{i}].goal")
    })?;
    for (i, e) in sheet.entries.iter().enumerate() {
        known(format!("success_sheet.entries[{i}].goal"), e.goal)?;
        unique(e.lines.iter().map(|l| l.id), |k| {
            format!("success_sheet.entries[{i}].lines[{k}].id")
        })?;
        for (k, l) in e.lines.iter().enumerate() {
            check_text(
                || format!("success_sheet.entries[{i}].lines[{k}].what"),
                &l.what,
                MAX_LINE,
            )?;
        }
    }
    let ev = &plan.evaluation;
    unique(ev.check_ins.iter().map(|c| c.id), |i| {
        format!("evaluation.check_ins[{i}].id")
    })?;
    for (i, c) in ev.check_ins.iter().enumerate() {
        known(format!("evaluation.check_ins[{i}].goal"), c.goal)?;
        check_text(
            || format!("evaluation.check_ins[{i}].note"),
            &c.note,
            MAX_PARAGRAPH,
        )?;
    }
    unique(ev.journal.iter().map(|r| r.id), |i| {
        format!("evaluation.journal[{i}].id")
    })?;
    for (i, r) in ev.journal.iter().enumerate() {
        for (name, value) in r.texts() {
            check_text(
                || format!("evaluation.journal[{i}].{name}"),
                value,
                MAX_PARAGRAPH,
            )?;
        }
    }
    Ok(())
}

fn validate_power(plan: &Plan) -> Result<(), Violation> {
    let power = &plan.power;
    unique(power.stakeholders.iter().map(|s| s.id), |i| {
        format!("power.stakeholders[{i}].id")
    })?;
    for (i, s) in power.stakeholders.iter().enumerate() {
        for (name, value) in s.texts() {
            let limit = if name == "name" {
                MAX_LINE
            } else {
                MAX_PARAGRAPH
            };
            check_text(|| format!("power.stakeholders[{i}].{name}"), value, limit)?;
        }
    }
    unique(power.snapshots.iter().map(|s| s.id), |i| {
        format!("power.snapshots[{i}].id")
    })?;
    unique(power.links.iter().map(|l| l.id), |i| {
        format!("power.links[{i}].id")
    })?;
    let known: HashSet<Uuid> = power.stakeholders.iter().map(|s| s.id).collect();
    for (i, l) in power.links.iter().enumerate() {
        check_text(|| format!("power.links[{i}].note"), &l.note, MAX_PARAGRAPH)?;
        for (end, id) in [("from", l.from), ("to", l.to)] {
            if !known.contains(&id) {
                return Err(Violation::Broken {
                    field: format!("power.links[{i}].{end}"),
                    rule: Rule::UnknownLink(id.to_string()),
                });
            }
        }
        if l.from == l.to {
            return Err(Violation::Broken {
                field: format!("power.links[{i}].to"),
                rule: Rule::LinksToItself,
            });
        }
    }
    Ok(())
}

fn validate_swot_and_actions(plan: &Plan) -> Result<(), Violation> {
    use super::swot::Quadrant;
    let swot = &plan.swot;
    let mut seen = HashSet::new();
    for q in Quadrant::ALL {
        for (i, item) in q.of(swot).iter().enumerate() {
            if !seen.insert(item.id) {
                return Err(Violation::DuplicateId {
                    field: format!("swot.{}[{i}].id", q.key()),
                    id: item.id.to_string(),
                });
            }
            check_text(
                || format!("swot.{}[{i}].text", q.key()),
                &item.text,
                MAX_PARAGRAPH,
            )?;
        }
    }
    let ap = &plan.action_plan;
    unique(ap.tactics.iter().map(|t| t.id), |i| {
        format!("action_plan.tactics[{i}].id")
    })?;
    for (i, t) in ap.tactics.iter().enumerate() {
        check_text(
            || format!("action_plan.tactics[{i}].custom_name"),
            &t.custom_name,
            MAX_LINE,
        )?;
        check_text(
            || format!("action_plan.tactics[{i}].rationale"),
            &t.rationale,
            MAX_PARAGRAPH,
        )?;
    }
    unique(ap.activities.iter().map(|t| t.id), |i| {
        format!("action_plan.activities[{i}].id")
    })?;
    for (i, t) in ap.activities.iter().enumerate() {
        for (name, value) in t.texts() {
            let limit = if name == "what" {
                MAX_LINE
            } else {
                MAX_PARAGRAPH
            };
            check_text(
                || format!("action_plan.activities[{i}].{name}"),
                value,
                limit,
            )?;
        }
    }
    Ok(())
}

fn validate_foundations(plan: &Plan) -> Result<(), Violation> {
    let f = &plan.foundations;
    let score = |field: &dyn Fn() -> String, value: Option<u8>| match value {
        Some(v) if !(SCORE_MIN..=SCORE_MAX).contains(&v) => Err(Violation::Broken {
            field: field(),
            rule: Rule::ScoreOutOfRange(v),
        }),
        _ => Ok(()),
    };
    for q in super::foundations::Quality::ALL {
        let entry = q.of(&f.qualities);
        check_text(
            || format!("foundations.qualities.{}.evidence", q.key()),
            &entry.evidence,
            MAX_PARAGRAPH,
        )?;
    }
    for b in Block::ALL {
        let entry = b.of(&f.blocks);
        score(
            &|| format!("foundations.blocks.{}.score", b.key()),
            entry.score,
        )?;
        check_text(
            || format!("foundations.blocks.{}.notes", b.key()),
            &entry.notes,
            MAX_PARAGRAPH,
        )?;
        check_text(
            || format!("foundations.blocks.{}.next_step", b.key()),
            &entry.next_step,
            MAX_PARAGRAPH,
        )?;
    }
    unique(f.assessments.iter().map(|a| a.id), |i| {
        format!("foundations.assessments[{i}].id")
    })?;
    for (i, a) in f.assessments.iter().enumerate() {
        for b in Block::ALL {
            score(
                &|| format!("foundations.assessments[{i}].scores.{}", b.key()),
                b.score_in(&a.scores),
            )?;
        }
    }
    for (name, value) in f.charter.texts() {
        check_text(
            || format!("foundations.charter.{name}"),
            value,
            MAX_PARAGRAPH,
        )?;
    }
    Ok(())
}

/// Refuses the first id that appears twice, naming it with `field(index)`.
fn unique(
    ids: impl Iterator<Item = Uuid>,
    field: impl Fn(usize) -> String,
) -> Result<(), Violation> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            return Err(Violation::DuplicateId {
                field: field(i),
                id: id.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;
    use chrono::DateTime;

    #[test]
    fn partners_need_unique_ids_and_short_enough_text() {
        let mut plan = Plan::new("ok", DateTime::UNIX_EPOCH);
        let partner = Partner {
            name: "Tenants' union".into(),
            ..Partner::new()
        };
        plan.partners.push(partner.clone());
        assert_eq!(validate(&plan), Ok(()));
        plan.partners.push(partner.clone());
        assert_eq!(
            validate(&plan),
            Err(Violation::DuplicateId {
                field: "partners[1].id".into(),
                id: partner.id.to_string()
            })
        );
        plan.partners.pop();
        plan.partners[0].resources = "r".repeat(MAX_PARAGRAPH + 1);
        assert!(
            matches!(validate(&plan), Err(Violation::TextTooLong { field, .. }) if field == "partners[0].resources")
        );
    }

    #[test]
    fn scores_must_be_one_to_five_and_chains_must_not_loop() {
        use crate::domain::change::ChangeStatement;
        use crate::domain::foundations::{Assessment, BlockScores};
        let mut plan = Plan::new("ok", DateTime::UNIX_EPOCH);
        plan.foundations.blocks.clear_roles.score = Some(5);
        assert_eq!(validate(&plan), Ok(()));
        plan.foundations.blocks.clear_roles.score = Some(6);
        assert_eq!(
            validate(&plan),
            Err(Violation::Broken {
                field: "foundations.blocks.clear_roles.score".into(),
                rule: Rule::ScoreOutOfRange(6)
            })
        );
        plan.foundations.blocks.clear_roles.score = None;
        plan.foundations.assessments.push(Assessment {
            id: Uuid::nil(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default(),
            saved_at: None,
            scores: BlockScores {
                explicit_norms: Some(0),
                ..BlockScores::default()
            },
        });
        assert!(
            matches!(validate(&plan), Err(Violation::Broken { field, .. })
            if field == "foundations.assessments[0].scores.explicit_norms")
        );
        plan.foundations.assessments.clear();

        let a = ChangeStatement::new();
        let mut b = ChangeStatement::new();
        b.builds_on.push(a.id);
        plan.theory_of_change.statements = vec![a.clone(), b].into();
        assert_eq!(validate(&plan), Ok(()));
        let b_id = plan.theory_of_change.statements[1].id;
        plan.theory_of_change.statements[0].builds_on.push(b_id);
        assert!(matches!(
            validate(&plan),
            Err(Violation::Broken {
                rule: Rule::Loop,
                ..
            })
        ));
        plan.theory_of_change.statements[0].builds_on.clear();
        plan.theory_of_change.statements.push(a);
        assert!(
            matches!(validate(&plan), Err(Violation::DuplicateId { field, .. })
            if field == "theory_of_change.statements[2].id")
        );
    }

    #[test]
    fn long_text_is_refused_with_its_field() {
        let mut plan = Plan::new("ok", DateTime::UNIX_EPOCH);
        assert_eq!(validate(&plan), Ok(()));
        plan.overview.coalition = "é".repeat(MAX_LINE);
        assert_eq!(
            validate(&plan),
            Ok(()),
            "200 two-byte characters are still 200 characters"
        );
        plan.overview.coalition.push('x');
        assert_eq!(
            validate(&plan),
            Err(Violation::TextTooLong {
                field: "overview.coalition".into(),
                limit: MAX_LINE,
                len: MAX_LINE + 1
            })
        );
    }
}
