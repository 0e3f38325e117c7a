//! Step "Action plan": the tactics the coalition chose, and the activities that carry them
//! out, with who does what by when. Exports to CSV (RFC 4180) and to an ICS calendar.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::activities::ActivityKind;
use super::enums::named_enum;
use super::list::{List, keyed_item};
use super::text::texts;
use super::{Plan, Timestamp, dates};

/// A tactic: one way the coalition will build or use its power.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Tactic {
    pub id: Uuid,
    /// From the menu of coalition activities and actions, or `custom`.
    #[serde(default)]
    pub kind: ActivityKind,
    /// The tactic's name when `kind` is `custom`.
    #[serde(default)]
    pub custom_name: String,
    /// Why this tactic, now.
    #[serde(default)]
    pub rationale: String,
    /// The stakeholders it aims to move.
    #[serde(default)]
    pub targets: Vec<Uuid>,
}

impl Tactic {
    pub fn new(kind: ActivityKind) -> Self {
        Tactic {
            id: Uuid::new_v4(),
            kind,
            custom_name: String::new(),
            rationale: String::new(),
            targets: Vec::new(),
        }
    }
}

/// Where an activity of the action plan stands.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Blocked,
    Done,
}

named_enum! {
    Status {
        NotStarted => "not_started",
        InProgress => "in_progress",
        Blocked => "blocked",
        Done => "done",
    }
}

/// One activity of the action plan: what, who, by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Task {
    pub id: Uuid,
    #[serde(default)]
    pub what: String,
    /// The partners doing it.
    #[serde(default)]
    pub who: Vec<Uuid>,
    #[serde(default, with = "dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub resources: String,
    /// Who needs to hear about it, and how.
    #[serde(default)]
    pub communication: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub notes: String,
    /// The tactic it carries out.
    #[serde(default)]
    pub tactic: Option<Uuid>,
    /// The goal it serves, once the plan has goals.
    #[serde(default)]
    pub goal: Option<Uuid>,
}

impl Task {
    pub fn new(tactic: Option<Uuid>) -> Self {
        Task {
            id: Uuid::new_v4(),
            what: String::new(),
            who: Vec::new(),
            due: None,
            resources: String::new(),
            communication: String::new(),
            status: Status::NotStarted,
            notes: String::new(),
            tactic,
            goal: None,
        }
    }

    /// Past its date and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != Status::Done && self.due.is_some_and(|d| d < today)
    }

    /// The text fields, with their file names, for validation.
    pub fn texts(&self) -> [(&'static str, &str); 4] {
        texts! { self; resources, communication, notes, what }
    }
}

/// The action plan: tactics and their activities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ActionPlan {
    #[store(key: Uuid = |x| x.id)]
    pub tactics: List<Tactic>,
    #[store(key: Uuid = |x| x.id)]
    pub activities: List<Task>,
}

keyed_item! {
    Tactic => Tactic::new(ActivityKind::Custom);
    Task => Task::new(None);
}

/// The activity list's sort orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TaskSort {
    /// Soonest first; undated last.
    #[default]
    Due,
    /// Not started, in progress, blocked, done.
    Status,
    /// By what, A to Z.
    What,
    /// The order they were added in.
    Added,
}

named_enum! {
    TaskSort {
        Due => "due",
        Status => "status",
        What => "what",
        Added => "added",
    }
}

/// Which activities the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskFilter {
    pub status: Option<Status>,
    pub tactic: Option<Uuid>,
    pub partner: Option<Uuid>,
    pub overdue_only: bool,
}

/// The ids of the activities the list shows, in order. Ties keep the order of adding.
pub fn task_rows(
    tasks: &[Task],
    filter: TaskFilter,
    sort: TaskSort,
    today: NaiveDate,
) -> Vec<Uuid> {
    let mut rows: Vec<&Task> = tasks
        .iter()
        .filter(|t| filter.status.is_none_or(|s| t.status == s))
        .filter(|t| filter.tactic.is_none_or(|id| t.tactic == Some(id)))
        .filter(|t| filter.partner.is_none_or(|id| t.who.contains(&id)))
        .filter(|t| !filter.overdue_only || t.is_overdue(today))
        .collect();
    match sort {
        TaskSort::Due => rows.sort_by_key(|t| (t.due.is_none(), t.due)),
        TaskSort::Status => rows.sort_by_key(|t| t.status),
        TaskSort::What => {
            let mut keyed: Vec<(String, &Task)> = rows
                .into_iter()
                .map(|t| (t.what.trim().to_lowercase(), t))
                .collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            rows = keyed.into_iter().map(|(_, t)| t).collect();
        }
        TaskSort::Added => {}
    }
    rows.into_iter().map(|t| t.id).collect()
}

/// A calendar month, for the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The first day, for formatting the month's name.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }
}

/// The activities month by month, months in date order and each month's activities by date.
/// Activities without a date come last, under `None`.
pub fn timeline(tasks: &[Task]) -> Vec<(Option<Month>, Vec<Uuid>)> {
    let mut months: BTreeMap<Month, Vec<&Task>> = BTreeMap::new();
    let mut undated = Vec::new();
    for t in tasks {
        match t.due {
            Some(d) => months.entry(Month::of(d)).or_default().push(t),
            None => undated.push(t.id),
        }
    }
    let mut out: Vec<(Option<Month>, Vec<Uuid>)> = months
        .into_iter()
        .map(|(m, mut ts)| {
            ts.sort_by_key(|t| t.due);
            (Some(m), ts.into_iter().map(|t| t.id).collect())
        })
        .collect();
    if !undated.is_empty() {
        out.push((None, undated));
    }
    out
}

/// A tactic's name: the custom name, or the menu's name for its kind.
pub fn tactic_name(t: &Tactic, kind_name: &dyn Fn(ActivityKind) -> String) -> String {
    if t.kind == ActivityKind::Custom {
        t.custom_name.trim().to_owned()
    } else {
        kind_name(t.kind)
    }
}

/// Makes a cell safe to open in a spreadsheet: a cell that starts with a character a
/// spreadsheet would read as a formula gets a leading apostrophe, so it stays text.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The words an export needs from the locale file.
pub struct ExportWords<'a> {
    /// What, tactic, who, by when, status, resources, communication, notes.
    pub headers: [&'a str; 8],
    pub status: &'a dyn Fn(Status) -> String,
    pub kind: &'a dyn Fn(ActivityKind) -> String,
    /// For an activity with no "what" yet.
    pub untitled: &'a str,
}

fn partner_names(plan: &Plan, ids: &[Uuid]) -> String {
    ids.iter()
        .filter_map(|id| plan.partners.iter().find(|p| p.id == *id))
        .map(|p| p.name.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn tactic_of(plan: &Plan, task: &Task, words: &ExportWords) -> String {
    task.tactic
        .and_then(|id| plan.action_plan.tactics.iter().find(|t| t.id == id))
        .map(|t| tactic_name(t, words.kind))
        .unwrap_or_default()
}

/// The action plan as CSV (RFC 4180: CRLF line ends, quotes where needed), one row per
/// activity in plan order, with a header row.
pub fn to_csv(plan: &Plan, words: &ExportWords) -> Result<String, String> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(
        words
            .headers
            .iter()
            .map(|h| spreadsheet_safe(h).into_owned()),
    )
    .map_err(|e| e.to_string())?;
    for t in &plan.action_plan.activities {
        let due = t.due.map(|d| d.to_string()).unwrap_or_default();
        let row = [
            t.what.trim().to_owned(),
            tactic_of(plan, t, words),
            partner_names(plan, &t.who),
            due,
            (words.status)(t.status),
            t.resources.clone(),
            t.communication.clone(),
            t.notes.clone(),
        ];
        out.write_record(row.iter().map(|c| spreadsheet_safe(c).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    let bytes = out.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The dated activities as an iCalendar file: one all-day event per activity, with a stable
/// UID so importing again updates rather than duplicates.
pub fn to_ics(plan: &Plan, words: &ExportWords, now: Timestamp) -> String {
    use ics::parameters::Value;
    use ics::properties::{Categories, Description, DtEnd, DtStart, Summary};
    use ics::{Event, ICalendar, escape_text};

    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut cal = ICalendar::new("2.0", "-//Alliance Planner//Action plan//EN");
    for t in &plan.action_plan.activities {
        let Some(due) = t.due else { continue };
        let mut event = Event::new(format!("{}@alliance-planner", t.id), stamp.clone());
        let what = t.what.trim();
        event.push(Summary::new(
            escape_text(if what.is_empty() {
                words.untitled
            } else {
                what
            })
            .into_owned(),
        ));
        let mut start = DtStart::new(due.format("%Y%m%d").to_string());
        start.add(Value::DATE);
        event.push(start);
        let mut end = DtEnd::new(due.succ_opt().unwrap_or(due).format("%Y%m%d").to_string());
        end.add(Value::DATE);
        event.push(end);
        let tactic = tactic_of(plan, t, words);
        if !tactic.is_empty() {
            event.push(Categories::new(escape_text(tactic.clone()).into_owned()));
        }
        let lines = [
            (words.headers[1], tactic),
            (words.headers[2], partner_names(plan, &t.who)),
            (words.headers[4], (words.status)(t.status)),
            (words.headers[5], t.resources.trim().to_owned()),
            (words.headers[6], t.communication.trim().to_owned()),
            (words.headers[7], t.notes.trim().to_owned()),
        ];
        let description = lines
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("\n");
        if !description.is_empty() {
            event.push(Description::new(escape_text(description).into_owned()));
        }
        cal.add_event(event);
    }
    fold_ics(&cal.to_string())
}

/// The longest line of an iCalendar file, in octets, without its line break (RFC 5545 §3.1).
pub const ICS_LINE_OCTETS: usize = 75;

/// Folds every content line at 75 octets, the continuation's leading space included, and
/// never inside a UTF-8 character. (The `ics` crate counts 75 octets after that space.)
fn fold_ics(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 32);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut room = ICS_LINE_OCTETS;
        loop {
            if rest.len() <= room {
                out.push_str(rest);
                break;
            }
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            room = ICS_LINE_OCTETS - 1;
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    fn task(what: &str, due: Option<NaiveDate>, status: Status) -> Task {
        Task {
            what: what.into(),
            due,
            status,
            ..Task::new(None)
        }
    }

    #[test]
    fn overdue_means_past_its_date_and_not_done() {
        let today = day(5, 10);
        assert!(task("a", Some(day(5, 9)), Status::InProgress).is_overdue(today));
        assert!(task("a", Some(day(5, 9)), Status::Blocked).is_overdue(today));
        assert!(!task("a", Some(day(5, 9)), Status::Done).is_overdue(today));
        assert!(
            !task("a", Some(day(5, 10)), Status::NotStarted).is_overdue(today),
            "due today is not late"
        );
        assert!(!task("a", None, Status::NotStarted).is_overdue(today));
    }

    #[test]
    fn rows_filter_and_sort_with_undated_last() {
        let today = day(5, 10);
        let tactic = Uuid::new_v4();
        let mut a = task("Banner", Some(day(6, 1)), Status::Done);
        a.tactic = Some(tactic);
        let b = task("agenda", None, Status::NotStarted);
        let c = task("Call list", Some(day(4, 1)), Status::InProgress);
        let ids = [a.id, b.id, c.id];
        let tasks = vec![a, b, c];
        let all = TaskFilter::default();
        assert_eq!(
            task_rows(&tasks, all, TaskSort::Due, today),
            [ids[2], ids[0], ids[1]]
        );
        assert_eq!(
            task_rows(&tasks, all, TaskSort::Status, today),
            [ids[1], ids[2], ids[0]]
        );
        assert_eq!(
            task_rows(&tasks, all, TaskSort::What, today),
            [ids[1], ids[0], ids[2]]
        );
        assert_eq!(task_rows(&tasks, all, TaskSort::Added, today), ids);
        let late = TaskFilter {
            overdue_only: true,
            ..all
        };
        assert_eq!(task_rows(&tasks, late, TaskSort::Due, today), [ids[2]]);
        let by_tactic = TaskFilter {
            tactic: Some(tactic),
            ..all
        };
        assert_eq!(task_rows(&tasks, by_tactic, TaskSort::Due, today), [ids[0]]);
    }

    #[test]
    fn the_timeline_groups_by_month_in_date_order() {
        let a = task("a", Some(day(7, 20)), Status::NotStarted);
        let b = task("b", Some(day(3, 2)), Status::NotStarted);
        let c = task("c", None, Status::NotStarted);
        let d = task("d", Some(day(7, 1)), Status::NotStarted);
        let ids = [a.id, b.id, c.id, d.id];
        let t = timeline(&[a, b, c, d]);
        assert_eq!(t.len(), 3);
        assert_eq!(
            t[0],
            (
                Some(Month {
                    year: 2026,
                    month: 3
                }),
                vec![ids[1]]
            )
        );
        assert_eq!(
            t[1],
            (
                Some(Month {
                    year: 2026,
                    month: 7
                }),
                vec![ids[3], ids[0]]
            )
        );
        assert_eq!(t[2], (None, vec![ids[2]]));
        assert!(timeline(&[]).is_empty());
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=SUM(A1)", "+1", "-2+3", "@cmd", "\t=1", "\r=1"] {
            assert!(spreadsheet_safe(bad).starts_with('\''), "{bad:?}");
        }
        for fine in ["Door knock", "2026-05-01", "", "a=b", " =x"] {
            assert_eq!(spreadsheet_safe(fine), fine);
        }
    }
}
