//! Step "Reflection & evaluation": dated check-ins on each goal with a red, amber or green
//! status, a reflection journal, and one summary of the whole plan.

use chrono::NaiveDate;
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Plan;
use super::action::{Status, Task};
use super::dates;
use super::foundations::{Assessment, Block};
use super::goals::{Goal, rechecks_due};
use super::list::{List, keyed_item};
use super::power::{Movement, Snapshot, movement};
use super::private::Guarded;
use super::text::texts;

/// Where a goal stood on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CheckIn {
    pub id: Uuid,
    pub goal: Uuid,
    #[serde(with = "dates::date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String", extend("format" = "date")))]
    pub date: NaiveDate,
    /// The count on that day, for a goal with a target number.
    #[serde(default)]
    pub value: Option<u32>,
    /// The goal's defined qualities that were met on that day.
    #[serde(default)]
    pub met: Vec<Uuid>,
    #[serde(default)]
    pub note: String,
}

impl CheckIn {
    pub fn new(goal: Uuid, date: NaiveDate) -> Self {
        CheckIn {
            id: Uuid::new_v4(),
            goal,
            date,
            value: None,
            met: Vec::new(),
            note: String::new(),
        }
    }
}

/// One entry of the reflection journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Reflection {
    pub id: Uuid,
    #[serde(with = "dates::date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String", extend("format" = "date")))]
    pub date: NaiveDate,
    #[serde(default)]
    pub worked: String,
    #[serde(default)]
    pub did_not_work: String,
    #[serde(default)]
    pub change: String,
    /// Partners who were in the room.
    #[serde(default)]
    pub present: Vec<Uuid>,
    /// Anyone else who was in the room.
    #[serde(default)]
    pub others: String,
    /// Left out of shared exports and, unless asked, of the report.
    #[serde(default)]
    pub private: bool,
}

impl Reflection {
    pub fn new(date: NaiveDate) -> Self {
        Reflection {
            id: Uuid::new_v4(),
            date,
            worked: String::new(),
            did_not_work: String::new(),
            change: String::new(),
            present: Vec::new(),
            others: String::new(),
            private: false,
        }
    }

    /// The texts with their file names, for validation.
    pub fn texts(&self) -> [(&'static str, &str); 4] {
        texts! { self; worked, did_not_work, change, others }
    }
}

/// The step's content. Re-assessments of the blocks and the map live in their own steps
/// (`foundations.assessments`, `power.snapshots`); this step compares them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Evaluation {
    /// Oldest first.
    pub check_ins: Vec<CheckIn>,
    /// Oldest first.
    #[store(key: Uuid = |x| x.id)]
    pub journal: List<Guarded<Reflection>>,
}

keyed_item! {
    Reflection => Reflection::new(NaiveDate::default());
}

impl Evaluation {
    /// Adds a check-in, keeping the list in date order (a check-in of an earlier day goes
    /// before later ones; same-day check-ins keep the order they were added in).
    pub fn add_check_in(&mut self, check_in: CheckIn) {
        let at = self.check_ins.partition_point(|c| c.date <= check_in.date);
        self.check_ins.insert(at, check_in);
    }

    /// The journal's entries, newest first (by date; on the same day, the one added last).
    pub fn journal_newest_first(&self) -> Vec<Uuid> {
        let mut order: Vec<(usize, &Reflection)> =
            self.journal.iter().map(|r| &**r).enumerate().collect();
        order.sort_by_key(|(i, r)| std::cmp::Reverse((r.date, *i)));
        order.into_iter().map(|(_, r)| r.id).collect()
    }

    pub fn add_reflection(&mut self, entry: Reflection) {
        let at = self.journal.partition_point(|r| r.date <= entry.date);
        self.journal.insert(at, Guarded::new(entry));
    }

    /// A goal's check-ins, oldest first.
    pub fn of_goal(&self, goal: Uuid) -> impl Iterator<Item = &CheckIn> {
        self.check_ins.iter().filter(move |c| c.goal == goal)
    }

    /// Forgets a goal's check-ins and a partner's presence.
    pub fn forget(&mut self, id: Uuid) {
        self.check_ins.retain(|c| c.goal != id);
        for r in &mut self.journal {
            r.present.retain(|p| *p != id);
        }
    }
}

/// Red, amber or green. The app always shows it with words and a shape, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rag {
    Red,
    Amber,
    Green,
}

/// Why a goal has the status it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// The target is reached and every defined quality is met.
    Met,
    /// Progress keeps up with the time gone by.
    OnTrack,
    /// Progress is behind the time gone by, by less than a quarter of the way.
    SlightlyBehind,
    /// Progress is behind by a quarter of the way or more.
    Behind,
    /// The deadline has passed and the goal is not met.
    DeadlinePassed,
    /// Without a deadline and a start, the pace cannot be judged.
    NoPace,
    /// Checked on the first day: nothing was due yet.
    JustStarted,
}

/// A goal's status from its latest check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalStatus {
    /// No check-in yet.
    NotChecked,
    /// The goal has neither a target number nor a defined quality to check against.
    NothingToMeasure,
    Checked {
        rag: Rag,
        reason: Reason,
        /// How far along, in per cent (0 to 100).
        progress: u32,
        /// The check-in the status comes from.
        on: NaiveDate,
    },
}

/// Per mille of the way from `baseline` to `target` that `value` has come, either direction.
fn number_progress(baseline: u32, target: u32, value: u32) -> u32 {
    let (b, t, v) = (i64::from(baseline), i64::from(target), i64::from(value));
    let span = (t - b).abs();
    if span == 0 {
        return if (t >= b && v >= t) || (t < b && v <= t) || v == t {
            1000
        } else {
            0
        };
    }
    let done = if t >= b { v - b } else { b - v };
    (done.clamp(0, span) * 1000 / span) as u32
}

/// How far along a goal is at one check-in, in per mille, or `None` when there is nothing to
/// measure. With both a number and qualities, each counts for half.
pub fn progress(goal: &Goal, check_in: &CheckIn) -> Option<u32> {
    let m = &goal.measure;
    let number = match (m.target, check_in.value) {
        (Some(t), Some(v)) => Some(number_progress(m.baseline.unwrap_or(0), t, v)),
        (Some(_), None) => Some(0),
        (None, _) => None,
    };
    let qualities: Vec<Uuid> = m.named_qualities().map(|q| q.id).collect();
    let quality = (!qualities.is_empty()).then(|| {
        let met = qualities
            .iter()
            .filter(|q| check_in.met.contains(q))
            .count();
        (met * 1000 / qualities.len()) as u32
    });
    match (number, quality) {
        (Some(a), Some(b)) => Some((a + b) / 2),
        (a, b) => a.or(b),
    }
}

/// The status of a goal: from its latest check-in, measured against the time gone by between
/// `start` (the plan's start, or the first check-in) and the deadline.
pub fn goal_status(
    goal: &Goal,
    evaluation: &Evaluation,
    start: Option<NaiveDate>,
    today: NaiveDate,
) -> GoalStatus {
    // By date, whatever order a file holds them in; on the same day the one added last counts.
    let first = evaluation.of_goal(goal.id).min_by_key(|c| c.date);
    let Some((_, latest)) = evaluation
        .of_goal(goal.id)
        .enumerate()
        .max_by_key(|(i, c)| (c.date, *i))
    else {
        return GoalStatus::NotChecked;
    };
    let Some(done) = progress(goal, latest) else {
        return GoalStatus::NothingToMeasure;
    };
    let percent = done / 10;
    let status = |rag, reason| GoalStatus::Checked {
        rag,
        reason,
        progress: percent,
        on: latest.date,
    };
    if done >= 1000 {
        return status(Rag::Green, Reason::Met);
    }
    let Some(deadline) = goal.deadline else {
        return status(Rag::Amber, Reason::NoPace);
    };
    if today > deadline || latest.date > deadline {
        return status(Rag::Red, Reason::DeadlinePassed);
    }
    let start = start.or(first.map(|c| c.date)).filter(|s| *s < deadline);
    let Some(start) = start else {
        return status(Rag::Amber, Reason::NoPace);
    };
    let total = (deadline - start).num_days().max(1);
    let gone = (latest.date - start).num_days().clamp(0, total);
    if gone == 0 {
        return status(Rag::Green, Reason::JustStarted);
    }
    let expected = (gone * 1000 / total) as u32;
    if done >= expected {
        status(Rag::Green, Reason::OnTrack)
    } else if expected - done < 250 {
        status(Rag::Amber, Reason::SlightlyBehind)
    } else {
        status(Rag::Red, Reason::Behind)
    }
}

/// The action plan's activities that serve a goal: linked to it, or to one of its tactics.
pub fn tasks_of<'a>(plan: &'a Plan, goal: &'a Goal) -> impl Iterator<Item = &'a Task> + 'a {
    plan.action_plan.activities.iter().filter(move |t| {
        t.goal == Some(goal.id) || t.tactic.is_some_and(|tc| goal.tactics.contains(&tc))
    })
}

/// Counts of activities by where they stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskCounts {
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
}

pub fn count_tasks<'a>(tasks: impl Iterator<Item = &'a Task>, today: NaiveDate) -> TaskCounts {
    let mut c = TaskCounts::default();
    for t in tasks {
        c.total += 1;
        if t.status == Status::Done {
            c.done += 1;
        } else if t.is_overdue(today) {
            c.overdue += 1;
        }
    }
    c
}

/// One block, first assessment against the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockChange {
    pub block: Block,
    pub first: Option<u8>,
    pub latest: Option<u8>,
}

/// The first and the latest assessment of the blocks, when there are two.
pub fn blocks_since_first(
    assessments: &[Assessment],
) -> Option<(NaiveDate, NaiveDate, Vec<BlockChange>)> {
    let first = assessments.iter().min_by_key(|a| a.order())?;
    let latest = assessments.iter().max_by_key(|a| a.order())?;
    if first.id == latest.id {
        return None;
    }
    let changes = Block::ALL
        .into_iter()
        .map(|block| BlockChange {
            block,
            first: block.score_in(&first.scores),
            latest: block.score_in(&latest.scores),
        })
        .collect();
    Some((first.date, latest.date, changes))
}

/// The first and the latest snapshot of the map, and who moved between them.
pub fn map_since_first(snapshots: &[Snapshot]) -> Option<(NaiveDate, NaiveDate, Vec<Movement>)> {
    let first = snapshots.iter().min_by_key(|s| s.order())?;
    let latest = snapshots.iter().max_by_key(|s| s.order())?;
    if first.id == latest.id {
        return None;
    }
    Some((
        first.date,
        latest.date,
        movement(&first.placements, &latest.placements),
    ))
}

/// Stakeholders who moved toward the allies, and away from them, in a set of movements.
pub fn moved_counts(moves: &[Movement]) -> (usize, usize) {
    let toward = moves
        .iter()
        .filter(|m| matches!(m, Movement::Moved { toward_allies, .. } if *toward_allies > 0))
        .count();
    let away = moves
        .iter()
        .filter(|m| matches!(m, Movement::Moved { toward_allies, .. } if *toward_allies < 0))
        .count();
    (toward, away)
}

/// One goal's line in the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalLine {
    pub goal: Uuid,
    pub status: GoalStatus,
    pub tasks: TaskCounts,
    pub recheck_due: bool,
}

/// The whole plan on one screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub goals: Vec<GoalLine>,
    pub tasks: TaskCounts,
    pub rechecks_due: Vec<Uuid>,
    pub reflections: usize,
    pub latest_reflection: Option<NaiveDate>,
    pub blocks: Option<(NaiveDate, NaiveDate, Vec<BlockChange>)>,
    /// First and latest snapshot dates, and how many moved toward and away from the allies.
    pub map: Option<(NaiveDate, NaiveDate, usize, usize)>,
}

pub fn summary(plan: &Plan, today: NaiveDate) -> Summary {
    let start = plan.overview.start;
    let goals = plan
        .goals
        .iter()
        .map(|g| GoalLine {
            goal: g.id,
            status: goal_status(g, &plan.evaluation, start, today),
            tasks: count_tasks(tasks_of(plan, g), today),
            recheck_due: g.equity.recheck_due(today),
        })
        .collect();
    Summary {
        goals,
        tasks: count_tasks(plan.action_plan.activities.iter(), today),
        rechecks_due: rechecks_due(&plan.goals, today),
        reflections: plan.evaluation.journal.len(),
        latest_reflection: plan.evaluation.journal.iter().map(|r| r.date).max(),
        blocks: blocks_since_first(&plan.foundations.assessments),
        map: map_since_first(&plan.power.snapshots).map(|(a, b, moves)| {
            let (toward, away) = moved_counts(&moves);
            (a, b, toward, away)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::goals::DefinedQuality;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap_or_default()
    }

    #[test]
    fn number_progress_works_both_ways() {
        assert_eq!(number_progress(0, 100, 50), 500);
        assert_eq!(number_progress(0, 100, 150), 1000);
        assert_eq!(number_progress(50, 10, 30), 500, "bringing a number down");
        assert_eq!(number_progress(50, 10, 60), 0);
        assert_eq!(number_progress(10, 10, 10), 1000);
    }

    #[test]
    fn qualities_and_numbers_count_half_each() {
        let mut g = Goal::new();
        g.measure.target = Some(10);
        let q = DefinedQuality {
            text: "Minutes are shared within a week".into(),
            ..DefinedQuality::new()
        };
        let blank = DefinedQuality::new();
        g.measure.qualities = vec![q.clone(), blank];
        let mut c = CheckIn::new(g.id, day(1, 1));
        c.value = Some(10);
        assert_eq!(
            progress(&g, &c),
            Some(500),
            "the number is reached, the one named quality is not met"
        );
        c.met.push(q.id);
        assert_eq!(progress(&g, &c), Some(1000));
        g.measure = Default::default();
        assert_eq!(progress(&g, &c), None);
    }
}
