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

/// Parses an RFC 3339 time and converts it to UTC.
pub fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `#[serde(with = "opt_date")]` for `Option<NaiveDate>`: `null` or "YYYY-MM-DD".
pub mod opt_date {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => s.serialize_str(&format_date(*d)),
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
        s.serialize_str(&format_timestamp(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = String::deserialize(d)?;
        parse_timestamp(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{INVALID_TIMESTAMP} {s:?}: use a date and time such as 2026-03-01T09:30:00Z"
            ))
        })
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
            Some(s) => parse_timestamp(&s).map(Some).ok_or_else(|| {
                serde::de::Error::custom(format!("{INVALID_TIMESTAMP} {s:?}: use RFC 3339"))
            }),
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
    fn timestamps_are_converted_to_utc() {
        let t = parse_timestamp("2026-03-01T10:00:00+01:00");
        assert_eq!(
            t.map(|t| t.to_rfc3339()),
            Some("2026-03-01T09:00:00+00:00".to_owned())
        );
        assert!(parse_timestamp("yesterday").is_none());
    }
}
