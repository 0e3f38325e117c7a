//! Step "Overview": what the plan is for, and when it runs.

use chrono::NaiveDate;
use reactive_stores::Store;
use serde::{Deserialize, Serialize};

/// The plan's front page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Overview {
    /// The plan's name, as the library lists it.
    pub name: String,
    /// The alliance or coalition this plan is for.
    pub coalition: String,
    /// Why the coalition exists and what it wants to change.
    pub purpose: String,
    /// When the plan starts (YYYY-MM-DD).
    #[serde(with = "super::dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub start: Option<NaiveDate>,
    /// When the plan ends (YYYY-MM-DD).
    #[serde(with = "super::dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub end: Option<NaiveDate>,
    /// Anything else worth keeping with the plan.
    pub notes: String,
}

impl Overview {
    pub const FIELD_COUNT: usize = 6;

    /// The plan's dates, which goals' deadlines should fall inside.
    pub fn window(&self) -> super::goals::Window {
        super::goals::Window {
            start: self.start,
            end: self.end,
        }
    }

    pub fn filled_fields(&self) -> usize {
        [
            !self.name.trim().is_empty(),
            !self.coalition.trim().is_empty(),
            !self.purpose.trim().is_empty(),
            self.start.is_some(),
            self.end.is_some(),
            !self.notes.trim().is_empty(),
        ]
        .into_iter()
        .filter(|filled| *filled)
        .count()
    }

    /// True when both dates are set and the end comes before the start.
    pub fn dates_out_of_order(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if e < s)
    }
}

/// A date field holds text that is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotADate;

/// Parses the value of an `<input type="date">`: empty means "no date".
pub fn parse_date_input(value: &str) -> Result<Option<NaiveDate>, NotADate> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    super::dates::parse_date(value).map(Some).ok_or(NotADate)
}

/// Formats a date for an `<input type="date">`.
pub fn format_date_input(date: Option<NaiveDate>) -> String {
    date.map(super::dates::format_date).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn dates_out_of_order_only_when_both_set() {
        let mut o = Overview::default();
        assert!(!o.dates_out_of_order());
        o.end = Some(d("2026-01-01"));
        assert!(!o.dates_out_of_order());
        o.start = Some(d("2026-02-01"));
        assert!(o.dates_out_of_order());
        o.start = Some(d("2026-01-01"));
        assert!(!o.dates_out_of_order());
    }

    #[test]
    fn date_inputs_round_trip() {
        assert_eq!(parse_date_input(""), Ok(None));
        assert_eq!(parse_date_input("2026-03-31"), Ok(Some(d("2026-03-31"))));
        assert_eq!(parse_date_input("2026-02-30"), Err(NotADate));
        assert_eq!(parse_date_input("31/03/2026"), Err(NotADate));
        assert_eq!(format_date_input(Some(d("2026-03-31"))), "2026-03-31");
        assert_eq!(format_date_input(None), "");
    }
}
