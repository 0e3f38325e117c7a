//! The example coalition offered as a starting point. Its words come from the locale file,
//! so a translated app gets a translated example; this module only assembles them.

use chrono::{Days, NaiveDate};

use uuid::Uuid;

use super::action::{Status, Tactic, Task};
use super::activities::{Activity, ActivityKind, Stage};
use super::change::ChangeStatement;
use super::evaluation::{CheckIn, Reflection};
use super::foundations::{Block, Quality, Rating};
use super::goals::{DefinedQuality, Dimension, Goal, Impact};
use super::partners::{Commitment, Continuum, Partner, PartnerKind, Roles};
use super::power::{Influence, InfluenceLink, Position, Stakeholder, StakeholderKind};
use super::strategy::statement_parts;
use super::success::{SheetEntry, SheetLine, suggested_tasks};
use super::swot::{Quadrant, SwotItem};
use super::{Plan, Timestamp};

/// The example's text, in the user's language.
pub struct ExampleText<'a> {
    pub coalition: &'a str,
    pub purpose: &'a str,
    pub notes: &'a str,
    /// Name, skills, resources and ownership of each example partner.
    pub partners: [[&'a str; 4]; 4],
    /// Evidence for each relationship quality, in `Quality::ALL` order.
    pub evidence: [&'a str; 5],
    /// Notes and next step of each block, in `Block::ALL` order.
    pub blocks: [[&'a str; 2]; 5],
    /// The charter's texts, in `Charter::texts` order.
    pub charter: [&'a str; 8],
    /// Other resources, who decides, leverage and change.
    pub strategy: [&'a str; 4],
    /// The strategy statement's template and the word for "and".
    pub statement: [&'a str; 2],
    /// Notes and outcome of a one-on-one and of a house meeting.
    pub log: [[&'a str; 2]; 2],
    /// Action, condition, outcome and indicators of three chained statements.
    pub change: [[&'a str; 4]; 3],
    /// The power map: name (empty for the four partners, who keep theirs), evidence,
    /// interests, what we want and how we engage; the four partners first, then the council
    /// committee, the landlords and the local paper.
    pub map: [[&'a str; 5]; 7],
    /// How the local paper sways the council committee.
    pub map_link: &'a str,
    /// One strength, weakness, opportunity and threat.
    pub swot: [&'a str; 4],
    /// Why the coalition chose its two tactics: a public action, then house meetings.
    pub tactics: [&'a str; 2],
    /// What, resources and communication of four activities of the action plan.
    pub tasks: [[&'a str; 3]; 4],
    /// Two goals, each: statement, priority, unit, one defined quality, the answers to S, M
    /// (in words), A, R, I (who) and I (power), E, then the equity check's note on a possible
    /// impact, its mitigation and how the coalition will check what it cannot foresee.
    pub goals: [[&'a str; 14]; 2],
    /// A line of the success sheet written there, and who agreed to the sheet.
    pub sheet: [&'a str; 2],
    /// The note of each goal's check-in.
    pub check_ins: [&'a str; 2],
    /// A reflection: what worked, what did not, what we will change, and who else was there.
    pub reflection: [&'a str; 4],
}

/// Each example goal: target and baseline (none for the second, which is met by its
/// quality), days to the deadline, days to the equity re-check (the second is due today),
/// the tactic it works through, the theory-of-change statement it serves, and the value of
/// its check-in.
const EXAMPLE_GOALS: [(
    Option<u32>,
    Option<u32>,
    u64,
    u64,
    usize,
    usize,
    Option<u32>,
); 2] = [
    (Some(60), Some(18), 120, 30, 1, 0, Some(31)),
    (None, None, 300, 0, 0, 2, None),
];

/// What the example's equity checks see along each dimension.
const EXAMPLE_IMPACTS: [Impact; 6] = [
    Impact::Possible,
    Impact::NoneSeen,
    Impact::NoneSeen,
    Impact::NoneSeen,
    Impact::CannotTell,
    Impact::NoneSeen,
];

/// The example's activities: days from today, status, tactic (0 or 1) and which partners do it.
/// The second one is late, so the overdue flag shows.
const EXAMPLE_TASKS: [(i64, Status, usize, [usize; 2]); 4] = [
    (-20, Status::Done, 0, [2, 2]),
    (-5, Status::InProgress, 1, [0, 1]),
    (21, Status::NotStarted, 0, [3, 3]),
    (60, Status::NotStarted, 0, [0, 1]),
];

/// Where the example's map stands now, and where it stood two months ago: the partners, then
/// the council committee, the landlords and the paper.
const EXAMPLE_MAP: [(StakeholderKind, Influence, Position, Position); 7] = [
    (
        StakeholderKind::Partner,
        Influence::High,
        Position::ActiveAlly,
        Position::ActiveAlly,
    ),
    (
        StakeholderKind::Partner,
        Influence::High,
        Position::PassiveAlly,
        Position::Neutral,
    ),
    (
        StakeholderKind::Partner,
        Influence::Medium,
        Position::ActiveAlly,
        Position::PassiveAlly,
    ),
    (
        StakeholderKind::Partner,
        Influence::Medium,
        Position::PassiveAlly,
        Position::PassiveAlly,
    ),
    (
        StakeholderKind::DecisionMaker,
        Influence::High,
        Position::Neutral,
        Position::PassiveOpposition,
    ),
    (
        StakeholderKind::Opponent,
        Influence::Medium,
        Position::ActiveOpposition,
        Position::ActiveOpposition,
    ),
    (
        StakeholderKind::Other,
        Influence::Medium,
        Position::Neutral,
        Position::Neutral,
    ),
];

/// How the example rates itself: healthy, with shared growth still partly there.
const EXAMPLE_RATINGS: [Rating; 5] = [
    Rating::Strong,
    Rating::Strong,
    Rating::Strong,
    Rating::Partly,
    Rating::Strong,
];
/// The example's block scores now, and three months ago.
const EXAMPLE_SCORES: [(u8, u8); 5] = [(3, 2), (4, 3), (3, 3), (2, 2), (3, 1)];

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
    add_foundations(&mut plan, text, today, now);
    let s = &mut plan.strategy;
    s.resource_partners = plan.partners.iter().map(|p| p.id).collect();
    let [other, who, leverage, change] = text.strategy;
    s.other_resources = other.to_owned();
    s.who_decides = who.to_owned();
    s.leverage = leverage.to_owned();
    s.change = change.to_owned();
    plan.strategy.statement = statement_parts(&plan).fill(text.statement[0], text.statement[1]);
    add_activities(&mut plan, text, today);
    let mut previous: Option<Uuid> = None;
    for [action, condition, outcome, indicators] in text.change {
        let statement = ChangeStatement {
            action: action.to_owned(),
            condition: condition.to_owned(),
            outcome: outcome.to_owned(),
            indicators: indicators.to_owned(),
            builds_on: previous.into_iter().collect(),
            ..ChangeStatement::new()
        };
        previous = Some(statement.id);
        plan.theory_of_change.statements.push(statement);
    }
    add_power(&mut plan, text, today, now);
    add_action_plan(&mut plan, text, today);
    add_goals(&mut plan, text, today);
    plan
}

/// Two SMARTIE goals with their equity checks, the success sheet, a check-in on each goal
/// and one reflection.
fn add_goals(plan: &mut Plan, text: &ExampleText<'_>, today: NaiveDate) {
    let later = |days: u64| today.checked_add_days(Days::new(days));
    for (words, (target, baseline, deadline, recheck, tactic, outcome, _)) in
        text.goals.iter().zip(EXAMPLE_GOALS)
    {
        let [
            statement,
            priority,
            unit,
            quality,
            s,
            m,
            a,
            r,
            who,
            power,
            e,
            note,
            mitigation,
            check,
        ] = *words;
        let mut goal = Goal::from_priority(priority);
        goal.statement = statement.to_owned();
        goal.deadline = later(deadline);
        goal.measure.target = target;
        goal.measure.baseline = baseline;
        goal.measure.unit = if target.is_some() {
            unit.to_owned()
        } else {
            String::new()
        };
        goal.measure.qualities.push(DefinedQuality {
            text: quality.to_owned(),
            ..DefinedQuality::new()
        });
        let ans = &mut goal.answers;
        ans.strategic = s.to_owned();
        ans.measurable = m.to_owned();
        ans.ambitious = a.to_owned();
        ans.realistic = r.to_owned();
        ans.inclusive = who.to_owned();
        ans.power = power.to_owned();
        ans.equitable = e.to_owned();
        let (tactics, statements) = (&plan.action_plan.tactics, &plan.theory_of_change.statements);
        goal.tactics = tactics.get(tactic).map(|t| t.id).into_iter().collect();
        goal.outcomes = statements.get(outcome).map(|s| s.id).into_iter().collect();
        for (d, impact) in Dimension::ALL.into_iter().zip(EXAMPLE_IMPACTS) {
            let answer = d.of_mut(&mut goal.equity);
            answer.impact = Some(impact);
            if impact == Impact::Possible {
                answer.note = note.to_owned();
            }
        }
        goal.equity.mitigation = mitigation.to_owned();
        goal.equity.how_to_check = check.to_owned();
        goal.equity.recheck_on = later(recheck);
        plan.goals.push(goal);
    }
    let goal_ids: Vec<Uuid> = plan.goals.iter().map(|g| g.id).collect();
    for task in &mut plan.action_plan.activities {
        task.goal = plan
            .goals
            .iter()
            .find(|g| task.tactic.is_some_and(|t| g.tactics.contains(&t)))
            .map(|g| g.id);
    }
    if let Some(item) = plan.swot.opportunities.first_mut() {
        item.informs.extend(goal_ids.last().copied());
    }
    let entries: Vec<SheetEntry> = plan
        .goals
        .iter()
        .map(|goal| SheetEntry {
            tasks: suggested_tasks(plan, goal),
            ..SheetEntry::new(goal.id)
        })
        .collect();
    let sheet = &mut plan.success_sheet;
    sheet.start = plan.overview.start;
    sheet.end = plan.overview.end;
    sheet.entries = entries.into();
    if let Some(first) = sheet.entries.first_mut() {
        first.lines.push(SheetLine {
            by: later(90),
            what: text.sheet[0].to_owned(),
            ..SheetLine::new()
        });
    }
    sheet.agreed_with = text.sheet[1].to_owned();
    sheet.agreed_on = Some(today);
    for ((goal, note), (.., value)) in goal_ids.iter().zip(text.check_ins).zip(EXAMPLE_GOALS) {
        let mut check_in = CheckIn::new(*goal, today);
        check_in.value = value;
        check_in.note = note.to_owned();
        plan.evaluation.add_check_in(check_in);
    }
    let [worked, did_not_work, change, others] = text.reflection;
    let mut entry = Reflection::new(today.checked_sub_days(Days::new(7)).unwrap_or(today));
    entry.worked = worked.to_owned();
    entry.did_not_work = did_not_work.to_owned();
    entry.change = change.to_owned();
    entry.others = others.to_owned();
    entry.present = [0, 2]
        .iter()
        .filter_map(|i| plan.partners.get(*i).map(|p| p.id))
        .collect();
    plan.evaluation.add_reflection(entry);
}

/// Two tactics aimed at the council committee, one SWOT item in each list, and four dated
/// activities.
fn add_action_plan(plan: &mut Plan, text: &ExampleText<'_>, today: NaiveDate) {
    let partners: Vec<Uuid> = plan.partners.iter().map(|p| p.id).collect();
    let council = plan.power.stakeholders.get(4).map(|s| s.id);
    let tactics: Vec<Tactic> = [ActivityKind::Action, ActivityKind::HouseMeeting]
        .into_iter()
        .zip(text.tactics)
        .map(|(kind, rationale)| Tactic {
            rationale: rationale.to_owned(),
            targets: council.into_iter().collect(),
            ..Tactic::new(kind)
        })
        .collect();
    let tactic_ids: Vec<Uuid> = tactics.iter().map(|t| t.id).collect();
    for (q, words) in Quadrant::ALL.into_iter().zip(text.swot) {
        let item = SwotItem {
            text: words.to_owned(),
            informs: tactic_ids.first().copied().into_iter().collect(),
            ..SwotItem::new()
        };
        q.of_mut(&mut plan.swot).push(item);
    }
    plan.action_plan.tactics = tactics.into();
    plan.action_plan.activities = text
        .tasks
        .iter()
        .zip(EXAMPLE_TASKS)
        .map(
            |([what, resources, communication], (days, status, tactic, who))| {
                let due = if days < 0 {
                    today.checked_sub_days(Days::new(days.unsigned_abs()))
                } else {
                    today.checked_add_days(Days::new(days as u64))
                };
                let mut who: Vec<Uuid> = who
                    .iter()
                    .filter_map(|i| partners.get(*i).copied())
                    .collect();
                who.dedup();
                Task {
                    what: (*what).to_owned(),
                    who,
                    due,
                    resources: (*resources).to_owned(),
                    communication: (*communication).to_owned(),
                    status,
                    ..Task::new(tactic_ids.get(tactic).copied())
                }
            },
        )
        .collect();
}

/// The map two months ago and now, so the movement since the first snapshot shows.
/// The time `days` before `now` (the example's earlier saves).
fn days_before(now: Timestamp, days: i64) -> Timestamp {
    now.checked_sub_signed(chrono::TimeDelta::days(days))
        .unwrap_or(now)
}

fn add_power(plan: &mut Plan, text: &ExampleText<'_>, today: NaiveDate, now: Timestamp) {
    let partner_ids: Vec<Uuid> = plan.partners.iter().map(|p| p.id).collect();
    let stakeholders: Vec<Stakeholder> = text
        .map
        .iter()
        .zip(EXAMPLE_MAP)
        .enumerate()
        .map(
            |(i, ([name, evidence, interests, want, approach], (kind, influence, _, then)))| {
                let base = match partner_ids.get(i) {
                    Some(id) if kind == StakeholderKind::Partner => Stakeholder::for_partner(*id),
                    _ => Stakeholder::named(kind, name),
                };
                Stakeholder {
                    position: then,
                    influence,
                    evidence: (*evidence).to_owned().into(),
                    interests: (*interests).to_owned().into(),
                    want: (*want).to_owned().into(),
                    approach: (*approach).to_owned().into(),
                    messenger: (kind != StakeholderKind::Partner)
                        .then(|| partner_ids.first().copied())
                        .flatten(),
                    ..base
                }
            },
        )
        .collect();
    plan.power.stakeholders = stakeholders.into();
    if let Some(earlier) = today.checked_sub_days(Days::new(60)) {
        plan.power
            .record_snapshot(earlier, days_before(now, 60), Uuid::new_v4());
    }
    for (s, (_, _, position, _)) in plan.power.stakeholders.iter_mut().zip(EXAMPLE_MAP) {
        s.position = position;
    }
    plan.power.record_snapshot(today, now, Uuid::new_v4());
    let ids: Vec<Uuid> = plan.power.stakeholders.iter().map(|s| s.id).collect();
    if let (Some(paper), Some(council)) = (ids.get(6), ids.get(4)) {
        let mut link = InfluenceLink::new(*paper, *council);
        link.messenger = partner_ids.get(2).copied();
        link.note = text.map_link.to_owned().into();
        plan.power.links.push(link);
    }
}

fn add_foundations(plan: &mut Plan, text: &ExampleText<'_>, today: NaiveDate, now: Timestamp) {
    let f = &mut plan.foundations;
    for ((q, rating), evidence) in Quality::ALL
        .into_iter()
        .zip(EXAMPLE_RATINGS)
        .zip(text.evidence)
    {
        let entry = q.of_mut(&mut f.qualities);
        entry.rating = Some(rating);
        entry.evidence = evidence.to_owned();
    }
    for (b, (_, before)) in Block::ALL.into_iter().zip(EXAMPLE_SCORES) {
        b.of_mut(&mut f.blocks).score = Some(before);
    }
    if let Some(earlier) = today.checked_sub_days(Days::new(91)) {
        f.record_assessment(earlier, days_before(now, 91), Uuid::new_v4());
    }
    for ((b, (now, _)), [notes, next]) in
        Block::ALL.into_iter().zip(EXAMPLE_SCORES).zip(text.blocks)
    {
        let entry = b.of_mut(&mut f.blocks);
        entry.score = Some(now);
        entry.notes = notes.to_owned();
        entry.next_step = next.to_owned();
    }
    f.record_assessment(today, now, Uuid::new_v4());
    let c = &mut f.charter;
    let fields = [
        &mut c.values,
        &mut c.purpose,
        &mut c.will_do,
        &mut c.will_not_do,
        &mut c.decisions,
        &mut c.conflict,
        &mut c.communication,
        &mut c.roles,
    ];
    for (field, value) in fields.into_iter().zip(text.charter) {
        *field = value.to_owned();
    }
}

fn add_activities(plan: &mut Plan, text: &ExampleText<'_>, today: NaiveDate) {
    let ids: Vec<Uuid> = plan.partners.iter().map(|p| p.id).collect();
    plan.activities.stage = Some(Stage::New);
    let [[talk_notes, talk_outcome], [house_notes, house_outcome]] = text.log;
    let mut house = Activity::new(
        ActivityKind::HouseMeeting,
        today.checked_sub_days(Days::new(7)),
    );
    house.partners = ids.iter().take(1).copied().collect();
    house.notes = house_notes.to_owned();
    house.outcome = house_outcome.to_owned();
    let mut talk = Activity::new(ActivityKind::OneOnOne, today.checked_sub_days(Days::new(3)));
    talk.partners = ids.get(3).copied().into_iter().collect();
    talk.notes = talk_notes.to_owned();
    talk.outcome = talk_outcome.to_owned();
    talk.commitment_after = Some(Commitment::Low);
    plan.activities.log = vec![talk, house].into();
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
            evidence: ["e"; 5],
            blocks: [["n", "x"]; 5],
            charter: ["c"; 8],
            strategy: ["extra", "council", "votes", "homes"],
            statement: [
                "[resources] move [who_decides] by [leverage]: [change]",
                "and",
            ],
            log: [["n", "o"]; 2],
            change: [["a", "c", "o", "i"]; 3],
            map: [["n", "e", "i", "w", "a"]; 7],
            map_link: "l",
            swot: ["s", "w", "o", "t"],
            tactics: ["r1", "r2"],
            tasks: [["w", "r", "c"]; 4],
            goals: [["g"; 14]; 2],
            sheet: ["line", "committee"],
            check_ins: ["c1", "c2"],
            reflection: ["w", "d", "c", "o"],
        };
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        let plan = example_plan("Example", &text, today, DateTime::UNIX_EPOCH);
        for step in Step::ALL {
            assert!(
                step.is_complete(&plan, &crate::domain::goals::CoachWords::default()),
                "{step:?} should be complete in the example"
            );
        }
        assert_eq!(plan.overview.end, NaiveDate::from_ymd_opt(2027, 2, 28));
        assert_eq!(
            plan.strategy.statement,
            "a, b, c, d and extra move council by votes: homes"
        );
        assert_eq!(plan.foundations.assessments.len(), 2);
        assert_eq!(crate::domain::foundations::slush_warning(&plan), None);
        assert_eq!(
            crate::domain::change::layout(&plan.theory_of_change.statements).layers,
            3
        );
        assert_eq!(crate::domain::validate::validate(&plan), Ok(()));
        let p = &plan.power;
        assert_eq!(p.snapshots.len(), 2);
        let moved =
            crate::domain::power::movement(&p.snapshots[0].placements, &p.snapshots[1].placements);
        assert_eq!(
            moved.len(),
            3,
            "the congregation, the young organisers and the council moved"
        );
        assert_eq!(p.stakeholders[0].partner, Some(plan.partners[0].id));
        assert_eq!(p.links.len(), 1);
        let ap = &plan.action_plan;
        assert_eq!(
            ap.activities.iter().filter(|t| t.is_overdue(today)).count(),
            1
        );
        assert_eq!(plan.swot.informing(ap.tactics[0].id).len(), 4);
    }
}
