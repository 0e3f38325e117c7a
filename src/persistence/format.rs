//! The file format: a versioned envelope around one or more plans.
//!
//! Booting from storage and importing a file take the same road, [`decode`]:
//! size → text → depth → JSON → envelope → migrate → fill defaults → validate.
//! The exported shape ([`Envelope`]) is strict; the imported shape ([`IncomingEnvelope`]) lets
//! every section default, so older and hand-made files still open.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::ImportError;
use super::migrate::{CURRENT, migrate};
use crate::domain::dates::{INVALID_DATE, INVALID_TIMESTAMP};
use crate::domain::validate::{Violation, validate};
use crate::domain::{Plan, Timestamp, dates};

/// The `format` value every Alliance Planner file carries.
pub const FORMAT: &str = "alliance-planner";
/// The app version written into files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Deeper nesting than this is refused before parsing; real plans are far shallower.
pub const MAX_DEPTH: usize = 32;
/// The file name every export ends with.
pub const FILE_SUFFIX: &str = ".alliance.json";

/// An Alliance Planner file: one or more plans in a versioned envelope.
///
/// (The field order here is the key order in the file.)
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(title = "Alliance Planner file", deny_unknown_fields)
)]
pub struct Envelope<'a> {
    /// Always "alliance-planner".
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("const" = "alliance-planner")))]
    pub format: &'a str,
    /// The schema version of the plans inside. Older versions are upgraded on import.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 4)))]
    pub schema_version: u32,
    /// When the file was written.
    #[serde(with = "dates::timestamp")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String", extend("format" = "date-time")))]
    pub exported_at: Timestamp,
    /// The version of Alliance Planner that wrote the file.
    pub app_version: &'a str,
    /// One or more plans.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1)))]
    pub plans: &'a [Plan],
}

/// What an import accepts after migration: everything but the plans is optional.
#[derive(Debug, Deserialize)]
struct IncomingEnvelope {
    plans: Vec<Plan>,
    #[serde(default, with = "dates::opt_timestamp")]
    exported_at: Option<Timestamp>,
    #[serde(default)]
    app_version: Option<String>,
}

/// A file that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub plans: Vec<Plan>,
    /// The version the file was written in, before migration.
    pub from_version: u32,
    pub exported_at: Option<Timestamp>,
    pub app_version: Option<String>,
}

/// Writes plans as an envelope. Exports are pretty-printed; storage is compact.
pub fn encode(
    plans: &[Plan],
    exported_at: Timestamp,
    pretty: bool,
) -> Result<String, serde_json::Error> {
    let env = Envelope {
        format: FORMAT,
        schema_version: CURRENT,
        exported_at,
        app_version: APP_VERSION,
        plans,
    };
    if pretty {
        serde_json::to_string_pretty(&env).map(|mut s| {
            s.push('\n');
            s
        })
    } else {
        serde_json::to_string(&env)
    }
}

/// Decodes file bytes: checks they are UTF-8 first, then runs [`decode`].
pub fn decode_bytes(bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    decode(text)
}

/// The one road in, for a file and for a stored plan alike.
pub fn decode(text: &str) -> Result<Decoded, ImportError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: text.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    // Windows editors often start UTF-8 files with a byte-order mark; it carries no meaning.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    check_depth(text)?;
    let mut value: Value = serde_json::from_str(text).map_err(|e| ImportError::Syntax {
        line: e.line(),
        column: e.column(),
        detail: syntax_detail(&e),
    })?;
    let from_version = check_envelope(&value)?;
    migrate(&mut value, from_version)?;
    let mut incoming: IncomingEnvelope =
        serde_path_to_error::deserialize(&value).map_err(|e| shape_error(e, &value))?;
    if incoming.plans.is_empty() {
        return Err(ImportError::NoPlans);
    }
    let mut seen = HashSet::new();
    for plan in &mut incoming.plans {
        plan.prune_dangling();
    }
    for (i, plan) in incoming.plans.iter().enumerate() {
        if !seen.insert(plan.id) {
            return Err(ImportError::DuplicateId {
                path: format!("plans[{i}].id"),
                id: plan.id.to_string(),
            });
        }
        validate(plan).map_err(|v| match v {
            Violation::TextTooLong { field, limit, len } => ImportError::TextTooLong {
                path: format!("plans[{i}].{field}"),
                len,
                limit,
            },
            Violation::DuplicateId { field, id } => ImportError::DuplicateId {
                path: format!("plans[{i}].{field}"),
                id,
            },
            Violation::Broken { field, rule } => ImportError::BrokenRule {
                path: format!("plans[{i}].{field}"),
                rule,
            },
        })?;
    }
    Ok(Decoded {
        plans: incoming.plans,
        from_version,
        exported_at: incoming.exported_at,
        app_version: incoming.app_version,
    })
}

/// serde_json's message without its " at line L column C" tail, which we report separately.
fn syntax_detail(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    }
}

/// Refuses absurd nesting before the parser sees it, and says where it happened.
fn check_depth(text: &str) -> Result<(), ImportError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut column) = (1usize, 0usize);
    for ch in text.chars() {
        if ch == '\n' {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
        if in_string {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ImportError::TooDeep {
                        line,
                        column,
                        limit: MAX_DEPTH,
                    });
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Checks the format name and the version; returns the version.
fn check_envelope(value: &Value) -> Result<u32, ImportError> {
    let obj = value.as_object().ok_or(ImportError::NotAnObject)?;
    match obj.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        Some(Value::String(s)) => {
            return Err(ImportError::WrongFormat {
                found: Some(s.clone()),
            });
        }
        Some(other) => {
            return Err(ImportError::WrongFormat {
                found: Some(other.to_string()),
            });
        }
        None => return Err(ImportError::WrongFormat { found: None }),
    }
    let version = obj
        .get("schema_version")
        .ok_or(ImportError::MissingVersion)?;
    let bad = || ImportError::BadVersion {
        found: version.to_string(),
    };
    let n = version.as_u64().ok_or_else(bad)?;
    if n == 0 {
        return Err(bad());
    }
    if n > u64::from(CURRENT) {
        return Err(ImportError::FutureVersion {
            found: n,
            supported: CURRENT,
        });
    }
    u32::try_from(n).map_err(|_| bad())
}

/// Sorts a shape error into the kind a person can act on, keeping the path.
fn shape_error(e: serde_path_to_error::Error<serde_json::Error>, root: &Value) -> ImportError {
    let path = e.path().to_string();
    let detail = e.inner().to_string();
    if let Some(field) = detail
        .strip_prefix("missing field `")
        .and_then(|s| s.split('`').next())
    {
        let path = if path == "." { String::new() } else { path };
        return ImportError::MissingField {
            path,
            field: field.to_owned(),
        };
    }
    if detail.starts_with(INVALID_DATE) || detail.starts_with(INVALID_TIMESTAMP) {
        return ImportError::InvalidDate { path, detail };
    }
    if path.ends_with(".id")
        && let Some(Value::String(value)) = root.pointer(&pointer_of(&path))
    {
        return ImportError::InvalidId {
            path,
            value: value.clone(),
        };
    }
    ImportError::WrongShape { path, detail }
}

/// Turns a serde path such as `plans[0].id` into a JSON pointer such as `/plans/0/id`.
fn pointer_of(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            out.push('/');
            out.push_str(&name.replace('~', "~0").replace('/', "~1"));
        }
        for index in rest.split('[') {
            let index = index.trim_end_matches(']');
            if !index.is_empty() {
                out.push('/');
                out.push_str(index);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_scan_ignores_brackets_inside_strings() {
        let text = format!("{{\"a\": \"{}\"}}", "[".repeat(100));
        assert_eq!(check_depth(&text), Ok(()));
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(matches!(
            check_depth(&deep),
            Err(ImportError::TooDeep {
                line: 1,
                column: 33,
                ..
            })
        ));
    }

    #[test]
    fn paths_become_pointers() {
        assert_eq!(pointer_of("plans[0].id"), "/plans/0/id");
        assert_eq!(
            pointer_of("plans[12].overview.name"),
            "/plans/12/overview/name"
        );
    }

    #[test]
    fn syntax_detail_drops_the_position_tail() {
        let e = serde_json::from_str::<Value>("{").err();
        let detail = e.as_ref().map(syntax_detail).unwrap_or_default();
        assert_eq!(detail, "EOF while parsing an object");
    }
}
