//! How dates and times are written in files, with error messages that say which kind of value
//! was wrong, so an import can report "invalid date" rather than a generic shape error.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Every date error starts with this, so the file reader can tell it apart from other errors.
pub const INVALID_DATE: &str = "invalid date";
/// Every timestamp error starts with this.
pub const INVALID_TIMESTAMP: &str = "invalid time";

/// Parses a calendar date written as YYYY-MM-DD. (Split by hand rather than with chrono's
/// format strings, whose parser adds ~15 KB to the wasm; chrono still checks the date.)
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        s.get(r)
            .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|p| p.parse().ok())
    };
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// The years a file can hold: four digits, as `YYYY-MM-DD` and RFC 3339 write them.
pub const YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

/// True when a date can be written as `YYYY-MM-DD` and read back.
pub fn is_writable_date(d: NaiveDate) -> bool {
    YEARS.contains(&d.year())
}

/// True when a time can be written as RFC 3339 in UTC and read back as the same instant: a
/// four-digit year in UTC, and whole milliseconds (the precision files keep).
pub fn is_writable_timestamp(t: &DateTime<Utc>) -> bool {
    is_writable_date(t.date_naive())
        && t.timestamp_subsec_nanos().is_multiple_of(1_000_000)
        && t.timestamp_subsec_nanos() < 1_000_000_000
}

/// Writes a date as YYYY-MM-DD.
pub fn format_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Writes a time as RFC 3339 in UTC with milliseconds, e.g. 2026-03-01T09:30:00.000Z.
pub fn format_timestamp(t: &DateTime<Utc>) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}.{:03}Z",
        format_date(t.date_naive()),
        t.hour(),
        t.minute(),
        t.second(),
        t.timestamp_subsec_millis().min(999)
    )
}

/// For entries kept by date (assessments, snapshots): `true` where another entry has the same
/// date, so its label must say the time too.
pub fn shared_dates(dates: &[NaiveDate]) -> Vec<bool> {
    dates
        .iter()
        .map(|d| dates.iter().filter(|o| *o == d).count() > 1)
        .collect()
}

/// Labels for entries kept by date, in order: the date alone, or with the time it was saved
/// when another entry shares the date, and numbered if even that repeats.
pub fn entry_labels(
    entries: &[(NaiveDate, Option<DateTime<Utc>>)],
    date: impl Fn(NaiveDate) -> String,
    date_at: impl Fn(NaiveDate, DateTime<Utc>) -> String,
) -> Vec<String> {
    let dates: Vec<NaiveDate> = entries.iter().map(|e| e.0).collect();
    let mut labels: Vec<String> = entries
        .iter()
        .zip(shared_dates(&dates))
        .map(|((d, at), shared)| match at.filter(|_| shared) {
            Some(t) => date_at(*d, t),
            None => date(*d),
        })
        .collect();
    number_repeats(&mut labels);
    labels
}

/// Numbers labels that still repeat ("Dec 3, 2026, 15:02 (2)"), for entries saved within the
/// same minute.
pub fn number_repeats(labels: &mut [String]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for label in labels.iter_mut() {
        let n = seen.entry(label.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            label.push_str(&format!(" ({n})"));
        }
    }
}

/// Why a written time cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeProblem {
    /// Not RFC 3339.
    Syntax,
    /// In UTC it falls outside the years 0000 to 9999, which a file cannot hold.
    OutOfRange,
}

/// Parses an RFC 3339 time and converts it to UTC, keeping whole milliseconds (the precision
/// files keep; a leap second counts as the last millisecond of its minute). A time whose UTC
/// year has more or fewer than four digits is refused: it could be read but never written back.
pub fn parse_timestamp_checked(s: &str) -> Result<DateTime<Utc>, TimeProblem> {
    let t = DateTime::parse_from_rfc3339(s)
        .map_err(|_| TimeProblem::Syntax)?
        .with_timezone(&Utc);
    let nanos = t.timestamp_subsec_nanos().min(999_999_999);
    let t = t
        .with_nanosecond(nanos - nanos % 1_000_000)
        .ok_or(TimeProblem::Syntax)?;
    if is_writable_date(t.date_naive()) {
        Ok(t)
    } else {
        Err(TimeProblem::OutOfRange)
    }
}

/// [`parse_timestamp_checked`], without the reason.
pub fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    parse_timestamp_checked(s).ok()
}

fn timestamp_error<E: serde::de::Error>(s: &str, problem: TimeProblem) -> E {
    match problem {
        TimeProblem::Syntax => E::custom(format!(
            "{INVALID_TIMESTAMP} {s:?}: use a date and time such as 2026-03-01T09:30:00Z"
        )),
        TimeProblem::OutOfRange => E::custom(format!(
            "{INVALID_TIMESTAMP} {s:?}: in UTC it falls outside the years 0000 to 9999"
        )),
    }
}

/// Refuses to write what the reader would refuse, so a bad value stops the save instead of
/// producing a file that cannot be opened.
fn unwritable<E: serde::ser::Error>(what: &str) -> E {
    E::custom(format!(
        "{what} outside the years 0000 to 9999 cannot be written"
    ))
}

/// `#[serde(with = "opt_date")]` for `Option<NaiveDate>`: `null` or "YYYY-MM-DD".
pub mod opt_date {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => date::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let raw: Option<String> = Option::deserialize(d)?;
        match raw {
            None => Ok(None),
            Some(s) if s.is_empty() => Ok(None),
            Some(s) => parse_date(&s).map(Some).ok_or_else(|| {
                serde::de::Error::custom(format!("{INVALID_DATE} {s:?}: use YYYY-MM-DD"))
            }),
        }
    }
}

/// `#[serde(with = "date")]` for a required `NaiveDate`: "YYYY-MM-DD".
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(value: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        if !is_writable_date(*value) {
            return Err(unwritable("a date"));
        }
        s.serialize_str(&format_date(*value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        parse_date(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("{INVALID_DATE} {s:?}: use YYYY-MM-DD"))
        })
    }
}

/// `#[serde(with = "timestamp")]` for `DateTime<Utc>`: RFC 3339.
pub mod timestamp {
    use super::*;

    pub fn serialize<S: Serializer>(value: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        if !is_writable_date(value.date_naive()) {
            return Err(unwritable("a time"));
        }
        s.serialize_str(&format_timestamp(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = String::deserialize(d)?;
        parse_timestamp_checked(&s).map_err(|p| timestamp_error(&s, p))
    }
}

/// `#[serde(with = "opt_timestamp")]` for `Option<DateTime<Utc>>`.
pub mod opt_timestamp {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(t) => timestamp::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        let raw: Option<String> = Option::deserialize(d)?;
        match raw {
            None => Ok(None),
            Some(s) => parse_timestamp_checked(&s)
                .map(Some)
                .map_err(|p| timestamp_error(&s, p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_zero_padded() {
        assert!(parse_date("2028-02-29").is_some());
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2026-2-1").is_none());
        assert!(parse_date("2026-02-01T00:00").is_none());
    }

    #[test]
    fn formatting_matches_rfc_3339() {
        let t = parse_timestamp("2026-03-01T10:00:05.25+01:00").unwrap_or_default();
        assert_eq!(
            format_timestamp(&t),
            t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        );
        assert_eq!(format_timestamp(&t), "2026-03-01T09:00:05.250Z");
        let d = parse_date("0987-01-09").unwrap_or_default();
        assert_eq!(format_date(d), "0987-01-09");
        assert!(parse_date("2026-+1-01").is_none());
        assert!(parse_date("２０２６-01-01").is_none());
    }

    #[test]
    fn times_the_writer_cannot_write_are_refused_when_read() {
        // Year 9999 in its own zone, year 10000 in UTC: it could never be written back.
        assert_eq!(
            parse_timestamp_checked("9999-12-31T23:59:59-23:59"),
            Err(TimeProblem::OutOfRange)
        );
        assert_eq!(
            parse_timestamp_checked("0000-01-01T00:00:00+00:01"),
            Err(TimeProblem::OutOfRange)
        );
        assert!(parse_timestamp("9999-12-31T23:59:59.999Z").is_some());
        assert!(parse_timestamp("0000-01-01T00:00:00Z").is_some());
        // More precision than a file keeps is cut to the millisecond, so it round-trips.
        let t = parse_timestamp("2026-03-01T10:00:05.123456789Z").unwrap_or_default();
        assert_eq!(format_timestamp(&t), "2026-03-01T10:00:05.123Z");
        assert_eq!(parse_timestamp(&format_timestamp(&t)), Some(t));
        assert!(is_writable_timestamp(&t));
        let leap = parse_timestamp("2016-12-31T23:59:60.5Z").unwrap_or_default();
        assert_eq!(parse_timestamp(&format_timestamp(&leap)), Some(leap));
    }

    #[test]
    fn the_writer_refuses_years_the_reader_cannot_take() {
        #[derive(serde::Serialize)]
        struct D(#[serde(with = "date")] NaiveDate);
        let far = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap_or_default();
        assert!(serde_json::to_string(&D(far)).is_err());
        assert!(!is_writable_date(far));
        let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default();
        assert_eq!(
            serde_json::to_string(&D(first)).ok().as_deref(),
            Some("\"0001-01-01\"")
        );
    }

    #[test]
    fn only_dates_that_repeat_need_a_time() {
        let d = |n| NaiveDate::from_ymd_opt(2026, 3, n).unwrap_or_default();
        assert_eq!(shared_dates(&[d(1), d(2), d(1)]), [true, false, true]);
        assert!(shared_dates(&[]).is_empty());
    }

    #[test]
    fn repeated_labels_are_numbered() {
        let mut l = vec![
            "a".to_owned(),
            "b".to_owned(),
            "a".to_owned(),
            "a".to_owned(),
        ];
        number_repeats(&mut l);
        assert_eq!(l, ["a", "b", "a (2)", "a (3)"]);
    }

    #[test]
    fn timestamps_are_converted_to_utc() {
        let t = parse_timestamp("2026-03-01T10:00:00+01:00");
        assert_eq!(
            t.map(|t| t.to_rfc3339()),
            Some("2026-03-01T09:00:00+00:00".to_owned())
        );
        assert!(parse_timestamp("yesterday").is_none());
    }
}
