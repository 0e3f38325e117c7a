//! The action plan's CSV and ICS exports.

use alliance_planner::domain::action::{ExportWords, Status, Task, to_csv, to_ics};
use alliance_planner::domain::activities::ActivityKind;

use crate::common::{date, full_plan, ts};

const HEADERS: [&str; 8] = [
    "What",
    "Tactic",
    "Who",
    "By when",
    "Status",
    "Resources",
    "Communication",
    "Notes",
];

fn words<'a>(
    status: &'a dyn Fn(Status) -> String,
    kind: &'a dyn Fn(ActivityKind) -> String,
) -> ExportWords<'a> {
    ExportWords {
        headers: HEADERS,
        status,
        kind,
        untitled: "Untitled activity",
    }
}

fn status(s: Status) -> String {
    format!("status:{}", s.as_str())
}

fn kind(k: ActivityKind) -> String {
    format!("kind:{}", k.as_str())
}

#[test]
fn csv_is_rfc_4180_and_spreadsheet_safe() {
    let mut plan = full_plan("CSV");
    let mut tricky = Task::new(None);
    tricky.what = "=HYPERLINK(\"http://evil\")".into();
    tricky.notes = "line one\nline two, with \"quotes\"".into();
    tricky.resources = "+1 van".into();
    tricky.communication = "@everyone".into();
    plan.action_plan.activities.push(tricky);
    let text = to_csv(&plan, &words(&status, &kind)).unwrap_or_else(|e| panic!("{e}"));

    assert!(text.starts_with("What,Tactic,Who,By when,Status,Resources,Communication,Notes\r\n"));
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(rows.len(), 2);
    let first: Vec<&str> = rows[0].iter().collect();
    assert_eq!(
        first,
        [
            "Deliver the petition",
            "kind:action",
            "Riverside Tenants",
            "2026-05-01",
            "status:in_progress",
            "",
            "",
            ""
        ]
    );
    assert_eq!(
        &rows[1][0], "'=HYPERLINK(\"http://evil\")",
        "formulas become text"
    );
    assert_eq!(&rows[1][5], "'+1 van");
    assert_eq!(&rows[1][6], "'@everyone");
    assert_eq!(
        &rows[1][7], "line one\nline two, with \"quotes\"",
        "quoted, not lost"
    );
    assert!(
        text.contains("\"line one\nline two, with \"\"quotes\"\"\""),
        "RFC 4180 doubles quotes"
    );
}

#[test]
fn ics_has_one_all_day_event_per_dated_activity() {
    let mut plan = full_plan("ICS");
    let mut undated = Task::new(None);
    undated.what = "No date yet".into();
    plan.action_plan.activities.push(undated);
    let mut long = Task::new(None);
    long.what = "Door-knock; Elm, Oak and Ash streets".into();
    long.notes = "Meet at the library. ".repeat(10);
    // Multi-byte characters across the fold: never cut inside one.
    long.communication = "Tenants' WhatsApp — «rappels» 📣 ".repeat(8);
    long.due = Some(date("2026-12-31"));
    plan.action_plan.activities.push(long);
    let text = to_ics(&plan, &words(&status, &kind), ts("2026-11-25T10:11:12Z"));

    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(text.trim_end().ends_with("END:VCALENDAR"));
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        2,
        "the undated one is left out"
    );
    assert!(!text.contains("No date yet"));
    let first = plan.action_plan.activities[0].id;
    assert!(text.contains(&format!("UID:{first}@alliance-planner\r\n")));
    assert!(text.contains("DTSTAMP:20261125T101112Z\r\n"));
    assert!(text.contains("DTSTART;VALUE=DATE:20260501\r\nDTEND;VALUE=DATE:20260502\r\n"));
    assert!(
        text.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"),
        "the year rolls over"
    );
    assert!(
        text.contains("SUMMARY:Door-knock\\; Elm\\, Oak and Ash streets\r\n"),
        "text is escaped"
    );
    assert!(text.contains("CATEGORIES:kind:action"));
    let mut longest = 0;
    for line in text.split("\r\n") {
        // RFC 5545 §3.1: at most 75 octets, a continuation's leading space included.
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        assert!(!line.contains('\n'), "bare line feed in {line:?}");
        longest = longest.max(line.len());
    }
    assert!(longest >= 74, "lines are filled before they are folded");
    assert!(text.contains("\r\n "), "long lines are folded");
    // Unfolding gives back the whole description.
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded.contains(
            &"Tenants' WhatsApp — «rappels» 📣 "
                .repeat(8)
                .trim_end()
                .to_string()
        )
    );
    assert!(text.ends_with("END:VCALENDAR\r\n"));
}
