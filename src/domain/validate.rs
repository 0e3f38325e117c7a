//! Rules a plan must meet before it is stored or imported. A file that breaks one is refused
//! with the path of the field, so nothing the app could not have written gets in.

use super::Plan;
use super::text::{MAX_LINE, MAX_NOTES, MAX_PARAGRAPH, char_len};

/// One broken rule, with the field path relative to the plan (e.g. `overview.name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    TextTooLong {
        field: &'static str,
        limit: usize,
        len: usize,
    },
}

impl Violation {
    pub fn field(&self) -> &'static str {
        match self {
            Violation::TextTooLong { field, .. } => field,
        }
    }
}

/// Checks one plan. Returns the first violation, in field order.
pub fn validate(plan: &Plan) -> Result<(), Violation> {
    let o = &plan.overview;
    let texts: [(&'static str, &str, usize); 4] = [
        ("overview.name", &o.name, MAX_LINE),
        ("overview.coalition", &o.coalition, MAX_LINE),
        ("overview.purpose", &o.purpose, MAX_PARAGRAPH),
        ("overview.notes", &o.notes, MAX_NOTES),
    ];
    for (field, value, limit) in texts {
        // Bytes are an upper bound of characters: skip the count for short text.
        if value.len() > limit {
            let len = char_len(value);
            if len > limit {
                return Err(Violation::TextTooLong { field, limit, len });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn long_text_is_refused_with_its_field() {
        let mut plan = Plan::new("ok", DateTime::UNIX_EPOCH);
        assert_eq!(validate(&plan), Ok(()));
        plan.overview.coalition = "é".repeat(MAX_LINE);
        assert_eq!(
            validate(&plan),
            Ok(()),
            "200 two-byte characters are still 200 characters"
        );
        plan.overview.coalition.push('x');
        assert_eq!(
            validate(&plan),
            Err(Violation::TextTooLong {
                field: "overview.coalition",
                limit: MAX_LINE,
                len: MAX_LINE + 1
            })
        );
    }
}
