//! Shared helpers for host tests.

use alliance_planner::domain::{Plan, Timestamp};
use chrono::{DateTime, NaiveDate, Utc};

pub fn ts(s: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
}

/// One plan as a file exported at `at`, pretty or compact.
pub fn file_of(plan: &Plan, at: &str, pretty: bool) -> String {
    alliance_planner::persistence::format::encode(std::slice::from_ref(plan), ts(at), pretty)
        .unwrap_or_else(|e| panic!("{e}"))
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// A plan with every overview field filled and something in every step.
pub fn full_plan(name: &str) -> Plan {
    use alliance_planner::domain::activities::{Activity, ActivityKind, Stage};
    use alliance_planner::domain::change::ChangeStatement;
    use alliance_planner::domain::foundations::Rating;
    use alliance_planner::domain::partners::Partner;
    let mut plan = Plan::new(name, ts("2026-03-01T09:30:00Z"));
    plan.overview.coalition = "Riverside Housing Justice Coalition".into();
    plan.overview.purpose = "Win a landlord licensing scheme — «together».".into();
    plan.overview.start = Some(date("2026-03-01"));
    plan.overview.end = Some(date("2027-02-28"));
    plan.overview.notes = "Line one\nLine two: ünïcödé, 中文, emoji 🧱".into();
    let partner = Partner {
        name: "Riverside Tenants".into(),
        ..Partner::new()
    };
    let partner_id = partner.id;
    plan.partners.push(partner);
    plan.foundations.qualities.commitment.rating = Some(Rating::Strong);
    plan.foundations.blocks.clear_roles.score = Some(4);
    plan.foundations.record_assessment(
        date("2026-03-02"),
        ts("2026-03-02T18:00:00Z"),
        uuid::Uuid::new_v4(),
    );
    plan.foundations.charter.values = "Housing is a right".into();
    plan.foundations.charter.agreed_on = Some(date("2026-03-03"));
    plan.strategy.resource_partners.push(partner_id);
    plan.strategy.change = "licensing passes".into();
    plan.activities.stage = Some(Stage::Established);
    let mut action = Activity::new(ActivityKind::Action, Some(date("2026-03-04")));
    action.partners.push(partner_id);
    plan.activities.log.push(action);
    let first = ChangeStatement {
        outcome: "the council listens".into(),
        ..ChangeStatement::new()
    };
    let second = ChangeStatement {
        builds_on: vec![first.id],
        ..ChangeStatement::new()
    };
    plan.theory_of_change.statements = vec![first, second].into();

    use alliance_planner::domain::action::{Status, Tactic, Task};
    use alliance_planner::domain::power::{InfluenceLink, Stakeholder, StakeholderKind};
    use alliance_planner::domain::swot::SwotItem;
    let ally = Stakeholder::for_partner(partner_id);
    let mut council = Stakeholder::named(
        StakeholderKind::DecisionMaker,
        "City council, \"housing\" committee",
    );
    council.evidence = "Voted 5–4 against in March".into();
    council.messenger = Some(partner_id);
    let mut link = InfluenceLink::new(ally.id, council.id);
    link.messenger = Some(partner_id);
    let council_id = council.id;
    plan.power.stakeholders = vec![ally, council].into();
    plan.power.links.push(link);
    plan.power.record_snapshot(
        date("2026-03-05"),
        ts("2026-03-05T18:00:00Z"),
        uuid::Uuid::new_v4(),
    );
    plan.power.shift(council_id, -1, 0);
    plan.power.record_snapshot(
        date("2026-04-05"),
        ts("2026-04-05T18:00:00Z"),
        uuid::Uuid::new_v4(),
    );
    let mut tactic = Tactic::new(ActivityKind::Action);
    tactic.rationale = "Show the council the numbers".into();
    tactic.targets.push(council_id);
    let mut strength = SwotItem::new();
    strength.text = "=Trusted, 40 years on the estate".into();
    strength.informs.push(tactic.id);
    plan.swot.strengths.push(strength);
    let mut task = Task::new(Some(tactic.id));
    task.what = "Deliver the petition".into();
    task.who.push(partner_id);
    task.due = Some(date("2026-05-01"));
    task.status = Status::InProgress;
    use alliance_planner::domain::evaluation::{CheckIn, Reflection};
    use alliance_planner::domain::goals::{DefinedQuality, Goal, Impact};
    use alliance_planner::domain::success::SheetLine;
    let mut goal = Goal::from_priority("Safe homes");
    goal.statement =
        "License 500 homes by January, tenants on the panel, so repairs are fair".into();
    goal.deadline = Some(date("2027-01-31"));
    goal.measure.target = Some(500);
    goal.measure.unit = "homes".into();
    goal.measure.qualities.push(DefinedQuality {
        text: "The panel meets monthly".into(),
        ..DefinedQuality::new()
    });
    goal.answers.power = "Two seats with a vote".into();
    goal.tactics.push(tactic.id);
    goal.outcomes.push(plan.theory_of_change.statements[0].id);
    goal.equity.gender.impact = Some(Impact::Possible);
    goal.equity.mitigation = "Childcare at every meeting".into();
    goal.equity.recheck_on = Some(date("2026-09-01"));
    task.goal = Some(goal.id);
    plan.success_sheet.start = Some(date("2026-03-01"));
    plan.success_sheet.end = Some(date("2027-02-28"));
    plan.success_sheet.set_goal(goal.id, true);
    if let Some(e) = plan.success_sheet.entry_mut(goal.id) {
        e.tasks.push(task.id);
        e.lines.push(SheetLine {
            by: Some(date("2026-06-01")),
            what: "Panel terms agreed".into(),
            ..SheetLine::new()
        });
    }
    plan.success_sheet.agreed_with = "Steering committee".into();
    let mut check = CheckIn::new(goal.id, date("2026-06-01"));
    check.value = Some(120);
    plan.evaluation.add_check_in(check);
    let mut entry = Reflection::new(date("2026-06-02"));
    entry.worked = "Door-knocking in pairs".into();
    entry.present.push(partner_id);
    entry.private = true;
    plan.evaluation.add_reflection(entry);
    plan.goals.push(goal);
    plan.action_plan.tactics.push(tactic);
    plan.action_plan.activities.push(task);
    plan
}

/// Path of a file under tests/fixtures.
/// A fixture file, decoded (and migrated) as an import would.
pub fn decoded_fixture(rel: &str) -> alliance_planner::persistence::format::Decoded {
    let bytes = std::fs::read(fixture_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    alliance_planner::persistence::format::decode_bytes(&bytes)
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn fixture_path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}
