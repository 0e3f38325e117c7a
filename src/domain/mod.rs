//! The plan and every rule about it. Pure Rust: no browser, no reactive runtime.
//!
//! The model is plain data. The `Store` derive only generates field accessors for the UI;
//! nothing here needs a browser, so every rule is tested with `cargo test` on the host.

pub mod action;
pub mod activities;
pub mod change;
pub mod dates;
pub mod enums;
pub mod evaluation;
pub mod example;
pub mod foundations;
pub mod goals;
pub mod history;
pub mod list;
pub mod merge;
pub mod overview;
pub mod partners;
pub mod power;
pub mod private;
pub mod report;
pub mod steps;
pub mod strategy;
pub mod success;
pub mod swot;
pub mod text;
pub mod validate;

use chrono::{DateTime, Utc};
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use action::ActionPlan;
pub use activities::Activities;
pub use change::TheoryOfChange;
pub use evaluation::Evaluation;
pub use foundations::Foundations;
pub use goals::Goal;
pub use overview::Overview;
pub use partners::Partner;
pub use power::PowerAnalysis;
pub use strategy::Strategy;
pub use success::SuccessSheet;
pub use swot::Swot;

/// A point in time, always UTC, written as RFC 3339 in files.
pub type Timestamp = DateTime<Utc>;

/// A plan's identity. Stable across export and import, so "replace" can find its twin.
pub type PlanId = Uuid;

/// One coalition's plan: the unit that is saved, exported and imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Plan {
    /// Random v4 UUID.
    pub id: PlanId,
    /// Goes up by one on every save; lets two tabs notice each other's writes.
    #[serde(default)]
    pub revision: u64,
    #[serde(with = "dates::timestamp")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String", extend("format" = "date-time")))]
    pub created_at: Timestamp,
    #[serde(with = "dates::timestamp")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String", extend("format" = "date-time")))]
    pub updated_at: Timestamp,
    /// The "Overview" step.
    #[serde(default)]
    pub overview: Overview,
    /// The "Partners" step: every organisation and person in the coalition, in the
    /// coalition's own order.
    #[serde(default)]
    #[store(key: Uuid = |x| x.id)]
    pub partners: list::List<Partner>,
    /// The "Foundations" step: relationship qualities, foundational blocks and the charter.
    #[serde(default)]
    pub foundations: Foundations,
    /// The "Strategy" step: resources, power and change.
    #[serde(default)]
    pub strategy: Strategy,
    /// The "Coalition activities" step: the stage and the activity log.
    #[serde(default)]
    pub activities: Activities,
    /// The "Theory of change" step: chained "If … when … then" statements.
    #[serde(default)]
    pub theory_of_change: TheoryOfChange,
    /// The "Power analysis" and "Stakeholder analysis" steps.
    #[serde(default)]
    pub power: PowerAnalysis,
    /// The "SWOT" step.
    #[serde(default)]
    pub swot: Swot,
    /// The "Action plan" step: tactics and the activities that carry them out.
    #[serde(default)]
    pub action_plan: ActionPlan,
    /// The "Goals (SMARTIE)" step, each goal with its equity check.
    #[serde(default)]
    #[store(key: Uuid = |x| x.id)]
    pub goals: list::List<Goal>,
    /// The "Success sheet" step.
    #[serde(default)]
    pub success_sheet: SuccessSheet,
    /// The "Reflection & evaluation" step: check-ins and the reflection journal.
    #[serde(default)]
    pub evaluation: Evaluation,
    /// Which edits this copy holds, and the edit that last set each field: what merging
    /// two copies needs (see [`merge`]). Absent in plans written before version 6 and not
    /// saved since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<merge::VersionsFile>")
    )]
    pub versions: Option<merge::Versions>,
}

impl Plan {
    /// A blank plan with a fresh id.
    pub fn new(name: &str, now: Timestamp) -> Self {
        Self::with_id(Uuid::new_v4(), name, now)
    }

    pub fn with_id(id: PlanId, name: &str, now: Timestamp) -> Self {
        Plan {
            id,
            revision: 0,
            created_at: now,
            updated_at: now,
            overview: Overview {
                name: text::clean_line(name),
                ..Overview::default()
            },
            partners: list::List::new(),
            foundations: Foundations::default(),
            strategy: Strategy::default(),
            activities: Activities::default(),
            theory_of_change: TheoryOfChange::default(),
            power: PowerAnalysis::default(),
            swot: Swot::default(),
            action_plan: ActionPlan::default(),
            goals: list::List::new(),
            success_sheet: SuccessSheet::default(),
            evaluation: Evaluation::default(),
            versions: Some(merge::Versions::default()),
        }
    }

    /// Removes a partner and every reference to it from the other steps.
    pub fn remove_partner(&mut self, id: Uuid) {
        self.partners.retain(|p| p.id != id);
        self.strategy.resource_partners.retain(|p| *p != id);
        for a in &mut self.activities.log {
            a.partners.retain(|p| *p != id);
        }
        let on_map: Vec<Uuid> = self
            .power
            .stakeholders
            .iter()
            .filter(|s| s.partner == Some(id))
            .map(|s| s.id)
            .collect();
        for s in on_map {
            self.remove_stakeholder(s);
        }
        let clear = |m: &mut Option<Uuid>| {
            if *m == Some(id) {
                *m = None
            }
        };
        self.power
            .stakeholders
            .iter_mut()
            .for_each(|s| clear(&mut s.messenger));
        self.power
            .links
            .iter_mut()
            .for_each(|l| clear(&mut l.messenger));
        for t in &mut self.action_plan.activities {
            t.who.retain(|p| *p != id);
        }
        self.evaluation.forget(id);
    }

    /// Removes a stakeholder from the map, its links, its snapshots' history and the tactics
    /// that target it.
    pub fn remove_stakeholder(&mut self, id: Uuid) {
        let power = &mut self.power;
        power.stakeholders.retain(|s| s.id != id);
        power.links.retain(|l| l.from != id && l.to != id);
        for snap in &mut power.snapshots {
            snap.placements.retain(|p| p.stakeholder != id);
        }
        for t in &mut self.action_plan.tactics {
            t.targets.retain(|s| *s != id);
        }
    }

    /// Removes a tactic; its activities stay, without a tactic, and SWOT items forget it.
    pub fn remove_tactic(&mut self, id: Uuid) {
        self.action_plan.tactics.retain(|t| t.id != id);
        for t in &mut self.action_plan.activities {
            if t.tactic == Some(id) {
                t.tactic = None;
            }
        }
        self.swot.forget(id);
        for g in &mut self.goals {
            g.tactics.retain(|t| *t != id);
        }
    }

    /// Removes an activity of the action plan, and takes it off the success sheet.
    pub fn remove_task(&mut self, id: Uuid) {
        self.action_plan.activities.retain(|t| t.id != id);
        self.success_sheet.forget(id);
    }

    /// Removes a theory-of-change statement, its links, and the goals' links to its outcome.
    pub fn remove_statement(&mut self, id: Uuid) {
        change::remove_statement(&mut self.theory_of_change.statements, id);
        for g in &mut self.goals {
            g.outcomes.retain(|o| *o != id);
        }
    }

    /// Removes a goal with its check-ins, its place on the success sheet, and the links to it
    /// from SWOT items and activities.
    pub fn remove_goal(&mut self, id: Uuid) {
        self.goals.retain(|g| g.id != id);
        self.success_sheet.forget(id);
        self.evaluation.forget(id);
        self.swot.forget(id);
        for t in &mut self.action_plan.activities {
            if t.goal == Some(id) {
                t.goal = None;
            }
        }
    }

    /// Drops links that point at nothing: a file written by hand, or by an older copy of the
    /// app, may hold them. Links between stakeholders are checked by validation instead, since
    /// a link without its two ends means nothing. Returns the path of the first link dropped.
    pub fn prune_dangling(&mut self) -> Option<String> {
        use std::collections::HashSet;
        let ids = |v: &mut dyn Iterator<Item = Uuid>| v.collect::<HashSet<Uuid>>();
        let partners = ids(&mut self.partners.iter().map(|p| p.id));
        let goals = ids(&mut self.goals.iter().map(|g| g.id));
        let tactics = ids(&mut self.action_plan.tactics.iter().map(|t| t.id));
        let tasks = ids(&mut self.action_plan.activities.iter().map(|t| t.id));
        let statements = ids(&mut self.theory_of_change.statements.iter().map(|s| s.id));
        let stakeholders = ids(&mut self.power.stakeholders.iter().map(|s| s.id));
        let mut first: Option<String> = None;
        let mut note = |path: &dyn Fn() -> String| {
            if first.is_none() {
                first = Some(path());
            }
        };
        let mut keep = |list: &mut Vec<Uuid>, known: &HashSet<Uuid>, path: &dyn Fn() -> String| {
            let before = list.len();
            list.retain(|x| known.contains(x));
            if list.len() != before {
                note(path);
            }
        };
        keep(&mut self.strategy.resource_partners, &partners, &|| {
            "strategy.resource_partners".into()
        });
        for (i, a) in self.activities.log.iter_mut().enumerate() {
            keep(&mut a.partners, &partners, &|| {
                format!("activities.log[{i}].partners")
            });
        }
        for (i, t) in self.action_plan.tactics.iter_mut().enumerate() {
            keep(&mut t.targets, &stakeholders, &|| {
                format!("action_plan.tactics[{i}].targets")
            });
        }
        for (i, t) in self.action_plan.activities.iter_mut().enumerate() {
            keep(&mut t.who, &partners, &|| {
                format!("action_plan.activities[{i}].who")
            });
        }
        let informs: HashSet<Uuid> = tactics.union(&goals).copied().collect();
        for q in swot::Quadrant::ALL {
            for (i, item) in q.of_mut(&mut self.swot).iter_mut().enumerate() {
                keep(&mut item.informs, &informs, &|| {
                    format!("swot.{}[{i}].informs", q.key())
                });
            }
        }
        for (i, g) in self.goals.iter_mut().enumerate() {
            keep(&mut g.outcomes, &statements, &|| {
                format!("goals[{i}].outcomes")
            });
            keep(&mut g.tactics, &tactics, &|| format!("goals[{i}].tactics"));
        }
        for (i, e) in self.success_sheet.entries.iter_mut().enumerate() {
            keep(&mut e.tasks, &tasks, &|| {
                format!("success_sheet.entries[{i}].tasks")
            });
        }
        for (i, c) in self.evaluation.check_ins.iter_mut().enumerate() {
            let qualities: HashSet<Uuid> = self
                .goals
                .iter()
                .find(|g| g.id == c.goal)
                .map(|g| g.measure.qualities.iter().map(|q| q.id).collect())
                .unwrap_or_default();
            keep(&mut c.met, &qualities, &|| {
                format!("evaluation.check_ins[{i}].met")
            });
        }
        for (i, r) in self.evaluation.journal.iter_mut().enumerate() {
            keep(&mut r.present, &partners, &|| {
                format!("evaluation.journal[{i}].present")
            });
        }
        let mut keep_one =
            |one: &mut Option<Uuid>, known: &HashSet<Uuid>, path: &dyn Fn() -> String| {
                if one.is_some_and(|x| !known.contains(&x)) {
                    *one = None;
                    note(path);
                }
            };
        for (i, s) in self.power.stakeholders.iter_mut().enumerate() {
            keep_one(&mut s.messenger, &partners, &|| {
                format!("power.stakeholders[{i}].messenger")
            });
        }
        for (i, l) in self.power.links.iter_mut().enumerate() {
            keep_one(&mut l.messenger, &partners, &|| {
                format!("power.links[{i}].messenger")
            });
        }
        for (i, t) in self.action_plan.activities.iter_mut().enumerate() {
            keep_one(&mut t.tactic, &tactics, &|| {
                format!("action_plan.activities[{i}].tactic")
            });
            keep_one(&mut t.goal, &goals, &|| {
                format!("action_plan.activities[{i}].goal")
            });
        }
        first
    }

    /// The goal with this id.
    pub fn goal(&self, id: Uuid) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    /// The plan's own dates, which goals' deadlines should fall inside.
    pub fn window(&self) -> goals::Window {
        self.overview.window()
    }

    /// The plan's name, trimmed; empty when the organiser has not named it yet.
    pub fn name(&self) -> &str {
        self.overview.name.trim()
    }

    /// A copy with a new identity and a new name: used by "Duplicate", "Import as a copy"
    /// and "Keep mine as a copy".
    pub fn copy_as(&self, name: &str, now: Timestamp) -> Self {
        let mut copy = self.clone();
        copy.id = Uuid::new_v4();
        copy.revision = 0;
        copy.created_at = now;
        copy.updated_at = now;
        copy.overview.name = text::clean_line(name);
        copy.versions = Some(merge::Versions::default());
        copy
    }

    /// The name for a copy: `decorate` adds "(copy)" or similar to the base name, which is first
    /// shortened so the result stays within the name limit and the suffix stays readable.
    pub fn copy_name(&self, decorate: impl Fn(&str) -> String) -> String {
        let probe = decorate("");
        let room = text::MAX_LINE.saturating_sub(text::char_len(&probe));
        let base = text::truncate_chars(self.name(), room);
        text::truncate_chars(&decorate(base.trim_end()), text::MAX_LINE).to_owned()
    }

    /// What the import preview and the library show about a plan's contents.
    pub fn counts(&self) -> PlanCounts {
        PlanCounts {
            overview_filled: self.overview.filled_fields(),
            overview_total: Overview::FIELD_COUNT,
            partners: self.partners.len(),
            assessments: self.foundations.assessments.len(),
            activities: self.activities.log.len(),
            statements: self.theory_of_change.statements.len(),
            stakeholders: self.power.stakeholders.len(),
            tactics: self.action_plan.tactics.len(),
            actions: self.action_plan.activities.len(),
            goals: self.goals.len(),
            check_ins: self.evaluation.check_ins.len(),
            reflections: self.evaluation.journal.len(),
        }
    }
}

/// Counts shown in the import preview. Later sections add their own counts here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanCounts {
    pub overview_filled: usize,
    pub overview_total: usize,
    pub partners: usize,
    pub assessments: usize,
    pub activities: usize,
    pub statements: usize,
    pub stakeholders: usize,
    pub tactics: usize,
    /// Activities of the action plan.
    pub actions: usize,
    pub goals: usize,
    pub check_ins: usize,
    pub reflections: usize,
}

/// What the library lists for each plan without keeping the whole plan in memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: PlanId,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub coalition: String,
    #[serde(with = "dates::timestamp")]
    pub updated_at: Timestamp,
    /// Characters the plan takes in storage (key and value).
    #[serde(default)]
    pub size: u64,
    /// Locked with a passphrase: the name and coalition are not known (nor kept), and
    /// `updated_at` is when the locked copy was last written.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
}

impl PlanSummary {
    /// A locked plan's line: nothing of the plan but its id, its date and its size.
    pub fn locked(id: PlanId, locked_at: Timestamp, size: u64) -> Self {
        PlanSummary {
            id,
            name: String::new(),
            coalition: String::new(),
            updated_at: locked_at,
            size,
            locked: true,
        }
    }

    pub fn of(plan: &Plan, size: u64) -> Self {
        PlanSummary {
            id: plan.id,
            name: plan.name().to_owned(),
            coalition: plan.overview.coalition.trim().to_owned(),
            updated_at: plan.updated_at,
            size,
            locked: false,
        }
    }
}

/// Puts `id` in a list of links once (`on`), or takes it out. Every tick box that links one
/// thing to another goes through here.
pub fn toggle(list: &mut Vec<Uuid>, id: Uuid, on: bool) {
    list.retain(|x| *x != id);
    if on {
        list.push(id);
    }
}

/// Moves the first item that `is` picks one place up (`-1`) or down (`1`) in a list the
/// coalition orders by hand. Returns whether it moved.
pub fn move_item<T>(list: &mut [T], is: impl Fn(&T) -> bool, by: isize) -> bool {
    let Some(from) = list.iter().position(is) else {
        return false;
    };
    let to = from as isize + by;
    if to < 0 || to as usize >= list.len() {
        return false;
    }
    list.swap(from, to as usize);
    true
}

/// Sorts the library: most recently edited first, then by name, then id, so the order is stable.
pub fn sort_summaries(list: &mut [PlanSummary]) {
    list.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| cmp_ignoring_ascii_case(&a.name, &b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
}

fn cmp_ignoring_ascii_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(s: i64) -> Timestamp {
        Utc.timestamp_opt(s, 0).single().unwrap_or_default()
    }

    #[test]
    fn a_copy_gets_a_new_identity_and_keeps_the_content() {
        let mut plan = Plan::new("Tenants first", t(10));
        plan.overview.purpose = "Stop the evictions".into();
        plan.revision = 7;
        let copy = plan.copy_as("Tenants first (copy)", t(20));
        assert_ne!(copy.id, plan.id);
        assert_eq!(copy.revision, 0);
        assert_eq!(copy.created_at, t(20));
        assert_eq!(copy.overview.purpose, plan.overview.purpose);
        assert_eq!(copy.name(), "Tenants first (copy)");
    }

    #[test]
    fn copy_names_stay_within_the_limit_and_keep_their_suffix() {
        let mut plan = Plan::new("Short", t(0));
        assert_eq!(plan.copy_name(|n| format!("{n} (copy)")), "Short (copy)");
        plan.overview.name = "é".repeat(text::MAX_LINE);
        let name = plan.copy_name(|n| format!("{n} (imported copy)"));
        assert_eq!(text::char_len(&name), text::MAX_LINE);
        assert!(name.ends_with(" (imported copy)"));
        let copy = plan.copy_as(&name, t(1));
        assert_eq!(crate::domain::validate::validate(&copy), Ok(()));
    }

    #[test]
    fn new_plans_trim_and_flatten_their_name() {
        let plan = Plan::new("  Youth\nvoice  ", t(0));
        assert_eq!(plan.name(), "Youth voice");
    }

    #[test]
    fn library_sorts_newest_first_then_by_name() {
        let a = PlanSummary::of(&Plan::new("b", t(5)), 1);
        let b = PlanSummary::of(&Plan::new("a", t(5)), 1);
        let c = PlanSummary::of(&Plan::new("z", t(9)), 1);
        let mut list = vec![a.clone(), b.clone(), c.clone()];
        sort_summaries(&mut list);
        let names: Vec<_> = list.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["z", "a", "b"]);
    }

    #[test]
    fn removing_a_partner_removes_its_references() {
        let mut plan = Plan::new("p", t(0));
        let (a, b) = (Partner::new(), Partner::new());
        let (ia, ib) = (a.id, b.id);
        plan.partners = vec![a, b].into();
        plan.strategy.resource_partners = vec![ia, ib];
        let mut talk = activities::Activity::new(activities::ActivityKind::OneOnOne, None);
        talk.partners = vec![ib, ia];
        plan.activities.log.push(talk);
        plan.remove_partner(ia);
        assert_eq!(plan.partners.len(), 1);
        assert_eq!(plan.strategy.resource_partners, [ib]);
        assert_eq!(plan.activities.log[0].partners, [ib]);
        assert_eq!(validate::validate(&plan), Ok(()));
    }

    #[test]
    fn removing_a_partner_takes_it_off_the_map_and_out_of_the_action_plan() {
        let mut plan = Plan::new("p", t(0));
        let (a, b) = (Partner::new(), Partner::new());
        let (ia, ib) = (a.id, b.id);
        plan.partners = vec![a, b].into();
        let on_map = power::Stakeholder::for_partner(ia);
        let mut mayor = power::Stakeholder::named(power::StakeholderKind::DecisionMaker, "Mayor");
        mayor.messenger = Some(ia);
        let (s_a, s_mayor) = (on_map.id, mayor.id);
        plan.power.stakeholders = vec![on_map, mayor].into();
        let mut link = power::InfluenceLink::new(s_a, s_mayor);
        link.messenger = Some(ia);
        plan.power.links.push(link);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        plan.power.record_snapshot(day, t(1), Uuid::new_v4());
        let mut tactic = action::Tactic::new(activities::ActivityKind::Action);
        tactic.targets = vec![s_a, s_mayor];
        plan.action_plan.tactics.push(tactic);
        let mut task = action::Task::new(None);
        task.who = vec![ia, ib];
        plan.action_plan.activities.push(task);

        plan.remove_partner(ia);
        assert_eq!(plan.power.stakeholders.len(), 1);
        assert_eq!(plan.power.stakeholders[0].messenger, None);
        assert!(
            plan.power.links.is_empty(),
            "the link from the removed partner goes"
        );
        assert_eq!(plan.power.snapshots[0].placements.len(), 1);
        assert_eq!(plan.action_plan.tactics[0].targets, [s_mayor]);
        assert_eq!(plan.action_plan.activities[0].who, [ib]);
        assert_eq!(validate::validate(&plan), Ok(()));
    }

    #[test]
    fn removing_a_tactic_keeps_its_activities_and_unlinks_swot() {
        let mut plan = Plan::new("p", t(0));
        let tactic = action::Tactic::new(activities::ActivityKind::HouseMeeting);
        let id = tactic.id;
        plan.action_plan.tactics.push(tactic);
        plan.action_plan
            .activities
            .push(action::Task::new(Some(id)));
        let mut item = swot::SwotItem::new();
        item.informs.push(id);
        plan.swot.opportunities.push(item);
        plan.remove_tactic(id);
        assert!(plan.action_plan.tactics.is_empty());
        assert_eq!(plan.action_plan.activities[0].tactic, None);
        assert!(plan.swot.opportunities[0].informs.is_empty());
    }

    #[test]
    fn counts_follow_the_overview() {
        let mut plan = Plan::new("", t(0));
        assert_eq!(plan.counts().overview_filled, 0);
        plan.overview.name = "x".into();
        plan.overview.notes = "y".into();
        assert_eq!(plan.counts().overview_filled, 2);
        assert_eq!(plan.counts().overview_total, Overview::FIELD_COUNT);
    }
}
