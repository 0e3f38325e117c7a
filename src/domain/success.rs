//! Step "Success sheet": one page that says what success looks like in a window of time, goal
//! by goal, with the main activities and their dates, and who agreed to it.

use chrono::NaiveDate;
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::list::{List, keyed_item};

use super::dates;
use super::{Plan, action::Task, goals::Goal};

/// An activity written on the sheet itself rather than picked from the action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SheetLine {
    pub id: Uuid,
    #[serde(default, with = "dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub by: Option<NaiveDate>,
    #[serde(default)]
    pub what: String,
}

impl SheetLine {
    pub fn new() -> Self {
        SheetLine {
            id: Uuid::new_v4(),
            by: None,
            what: String::new(),
        }
    }
}

keyed_item! {
    SheetLine => SheetLine::new();
}

/// One goal on the sheet. Its outcome and measure are the goal's own; the activities are
/// picked from the action plan or written here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SheetEntry {
    pub goal: Uuid,
    /// Activities of the action plan, by id.
    #[serde(default)]
    pub tasks: Vec<Uuid>,
    #[serde(default)]
    #[store(key: Uuid = |x| x.id)]
    pub lines: List<SheetLine>,
}

// Keyed by its goal: a goal is on the sheet once.
keyed_item! {
    SheetEntry, key goal => SheetEntry::new(Uuid::nil());
}

impl SheetEntry {
    pub fn new(goal: Uuid) -> Self {
        SheetEntry {
            goal,
            tasks: Vec::new(),
            lines: List::new(),
        }
    }
}

/// The sheet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SuccessSheet {
    /// "My goals between <start> and <end> are to: …"
    #[serde(with = "dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub start: Option<NaiveDate>,
    #[serde(with = "dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub end: Option<NaiveDate>,
    #[store(key: Uuid = |x| x.goal)]
    pub entries: List<SheetEntry>,
    /// The manager or steering committee who agreed to the sheet.
    pub agreed_with: String,
    #[serde(with = "dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub agreed_on: Option<NaiveDate>,
}

/// The most goals the printed sheet is laid out for on one page.
pub const SHEET_PAGE_GOALS: usize = 3;

/// One activity as the sheet shows it: by when, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetActivity {
    pub by: Option<NaiveDate>,
    pub what: String,
    /// The action plan's activity, when it was picked from there.
    pub task: Option<Uuid>,
}

impl SuccessSheet {
    pub fn entry_mut(&mut self, goal: Uuid) -> Option<&mut SheetEntry> {
        self.entries.iter_mut().find(|e| e.goal == goal)
    }

    /// Puts a goal on the sheet or takes it off.
    pub fn set_goal(&mut self, goal: Uuid, on: bool) {
        let there = self.entries.iter().any(|e| e.goal == goal);
        if on && !there {
            self.entries.push(SheetEntry::new(goal));
        } else if !on {
            self.entries.retain(|e| e.goal != goal);
        }
    }

    /// Forgets a goal, an action-plan activity or both when they leave the plan.
    pub fn forget(&mut self, id: Uuid) {
        self.entries.retain(|e| e.goal != id);
        for e in &mut self.entries {
            e.tasks.retain(|t| *t != id);
        }
    }

    /// Whether the window is set and in order.
    pub fn window_ok(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if s <= e)
    }
}

/// An entry's activities, dated ones first in date order, then undated ones in the order they
/// were added. Picked activities that left the action plan are skipped.
pub fn activities_of(entry: &SheetEntry, tasks: &[Task]) -> Vec<SheetActivity> {
    let mut out: Vec<SheetActivity> = entry
        .tasks
        .iter()
        .filter_map(|id| tasks.iter().find(|t| t.id == *id))
        .map(|t| SheetActivity {
            by: t.due,
            what: t.what.trim().to_owned(),
            task: Some(t.id),
        })
        .chain(entry.lines.iter().map(|l| SheetActivity {
            by: l.by,
            what: l.what.trim().to_owned(),
            task: None,
        }))
        .collect();
    out.sort_by_key(|a| (a.by.is_none(), a.by));
    out
}

/// The activities the sheet suggests for a goal: the action plan's activities linked to it
/// (directly, or through one of its tactics), in date order.
pub fn suggested_tasks(plan: &Plan, goal: &Goal) -> Vec<Uuid> {
    let mut tasks: Vec<&Task> = plan
        .action_plan
        .activities
        .iter()
        .filter(|t| {
            t.goal == Some(goal.id) || t.tactic.is_some_and(|tc| goal.tactics.contains(&tc))
        })
        .collect();
    tasks.sort_by_key(|t| (t.due.is_none(), t.due));
    tasks.into_iter().map(|t| t.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap_or_default()
    }

    #[test]
    fn the_sheet_lists_picked_and_written_activities_by_date() {
        let mut a = Task::new(None);
        a.what = " Door-knock Riverside ".into();
        a.due = Some(day(4, 1));
        let mut b = Task::new(None);
        b.what = "Train leaders".into();
        b.due = Some(day(2, 1));
        let mut entry = SheetEntry::new(Uuid::new_v4());
        entry.tasks = vec![a.id, b.id, Uuid::new_v4()];
        entry.lines.push(SheetLine {
            by: Some(day(3, 1)),
            what: "House meetings".into(),
            ..SheetLine::new()
        });
        entry.lines.push(SheetLine {
            what: "Someday".into(),
            ..SheetLine::new()
        });
        let list = activities_of(&entry, &[a.clone(), b.clone()]);
        let whats: Vec<&str> = list.iter().map(|x| x.what.as_str()).collect();
        assert_eq!(
            whats,
            [
                "Train leaders",
                "House meetings",
                "Door-knock Riverside",
                "Someday"
            ]
        );
        assert_eq!(list[0].task, Some(b.id));
        assert_eq!(list[1].task, None);
    }

    #[test]
    fn goals_go_on_once_and_forgetting_cleans_up() {
        let mut sheet = SuccessSheet::default();
        let g = Uuid::new_v4();
        sheet.set_goal(g, true);
        sheet.set_goal(g, true);
        assert_eq!(sheet.entries.len(), 1);
        let t = Uuid::new_v4();
        if let Some(e) = sheet.entry_mut(g) {
            e.tasks.push(t);
        }
        sheet.forget(t);
        assert!(sheet.entries[0].tasks.is_empty());
        sheet.forget(g);
        assert!(sheet.entries.is_empty());
    }

    #[test]
    fn the_window_needs_both_dates_in_order() {
        let mut sheet = SuccessSheet::default();
        assert!(!sheet.window_ok());
        sheet.start = Some(day(1, 1));
        sheet.end = Some(day(6, 30));
        assert!(sheet.window_ok());
        sheet.end = Some(day(1, 1));
        assert!(sheet.window_ok(), "one day is a window");
        sheet.end = Some(day(1, 1).pred_opt().unwrap_or_default());
        assert!(!sheet.window_ok());
    }
}
