//! How dates and times are written in files, with error messages that say which kind of value
//! was wrong, so an import can report "invalid date" rather than a generic shape error.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Every date error starts with this, so the file reader can tell it apart from other errors.
pub const INVALID_DATE: &str = "invalid date";
/// Every timestamp error starts with this.
pub const INVALID_TIMESTAMP: &str = "invalid time";

/// Parses a calendar date written as YYYY-MM-DD.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Parses an RFC 3339 time and converts it to UTC.
pub fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

/// `#[serde(with = "opt_date")]` for `Option<NaiveDate>`: `null` or "YYYY-MM-DD".
pub mod opt_date {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => s.collect_str(&d.format("%Y-%m-%d")),
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

/// `#[serde(with = "timestamp")]` for `DateTime<Utc>`: RFC 3339.
pub mod timestamp {
    use super::*;

    pub fn serialize<S: Serializer>(value: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&value.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
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

    pub fn serialize<S: Serializer>(value: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
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
    fn timestamps_are_converted_to_utc() {
        let t = parse_timestamp("2026-03-01T10:00:00+01:00");
        assert_eq!(t.map(|t| t.to_rfc3339()), Some("2026-03-01T09:00:00+00:00".to_owned()));
        assert!(parse_timestamp("yesterday").is_none());
    }
}
