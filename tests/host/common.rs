//! Shared helpers for host tests.

use alliance_planner::domain::{Plan, Timestamp};
use chrono::{DateTime, NaiveDate, Utc};

pub fn ts(s: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// A plan with every overview field filled.
pub fn full_plan(name: &str) -> Plan {
    let mut plan = Plan::new(name, ts("2026-03-01T09:30:00Z"));
    plan.overview.coalition = "Riverside Housing Justice Coalition".into();
    plan.overview.purpose = "Win a landlord licensing scheme — «together».".into();
    plan.overview.start = Some(date("2026-03-01"));
    plan.overview.end = Some(date("2027-02-28"));
    plan.overview.notes = "Line one\nLine two: ünïcödé, 中文, emoji 🧱".into();
    plan
}

/// Path of a file under tests/fixtures.
pub fn fixture_path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}
