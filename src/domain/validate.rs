//! Rules a plan must meet before it is stored or imported. A file that breaks one is refused
//! with the path of the field, so nothing the app could not have written gets in.

use super::Plan;
use super::text::{MAX_LINE, MAX_NOTES, MAX_PARAGRAPH, char_len};

/// One broken rule, with the field path relative to the plan (e.g. `overview.name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    TextTooLong {
        field: String,
        limit: usize,
        len: usize,
    },
    DuplicateId {
        field: String,
        id: String,
    },
}

fn check_text(field: impl FnOnce() -> String, value: &str, limit: usize) -> Result<(), Violation> {
    // Bytes are an upper bound of characters: skip the count for short text.
    if value.len() > limit {
        let len = char_len(value);
        if len > limit {
            return Err(Violation::TextTooLong {
                field: field(),
                limit,
                len,
            });
        }
    }
    Ok(())
}

/// Checks one plan. Returns the first violation, in field order.
pub fn validate(plan: &Plan) -> Result<(), Violation> {
    let o = &plan.overview;
    check_text(|| "overview.name".into(), &o.name, MAX_LINE)?;
    check_text(|| "overview.coalition".into(), &o.coalition, MAX_LINE)?;
    check_text(|| "overview.purpose".into(), &o.purpose, MAX_PARAGRAPH)?;
    check_text(|| "overview.notes".into(), &o.notes, MAX_NOTES)?;
    let mut ids = std::collections::HashSet::new();
    for (i, p) in plan.partners.iter().enumerate() {
        if !ids.insert(p.id) {
            return Err(Violation::DuplicateId {
                field: format!("partners[{i}].id"),
                id: p.id.to_string(),
            });
        }
        check_text(|| format!("partners[{i}].name"), &p.name, MAX_LINE)?;
        let texts = [
            ("skills", &p.skills),
            ("resources", &p.resources),
            ("ownership", &p.ownership),
            ("private_notes", &p.private_notes),
        ];
        for (name, value) in texts {
            check_text(|| format!("partners[{i}].{name}"), value, MAX_PARAGRAPH)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;
    use chrono::DateTime;

    #[test]
    fn partners_need_unique_ids_and_short_enough_text() {
        let mut plan = Plan::new("ok", DateTime::UNIX_EPOCH);
        let partner = Partner {
            name: "Tenants' union".into(),
            ..Partner::new()
        };
        plan.partners.push(partner.clone());
        assert_eq!(validate(&plan), Ok(()));
        plan.partners.push(partner.clone());
        assert_eq!(
            validate(&plan),
            Err(Violation::DuplicateId {
                field: "partners[1].id".into(),
                id: partner.id.to_string()
            })
        );
        plan.partners.pop();
        plan.partners[0].resources = "r".repeat(MAX_PARAGRAPH + 1);
        assert!(
            matches!(validate(&plan), Err(Violation::TextTooLong { field, .. }) if field == "partners[0].resources")
        );
    }

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
                field: "overview.coalition".into(),
                limit: MAX_LINE,
                len: MAX_LINE + 1
            })
        );
    }
}
