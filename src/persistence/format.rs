//! The file format: a versioned envelope around one or more plans.
//!
//! Booting from storage and importing a file take the same road, [`decode`]:
//! size → text → depth → JSON → envelope → migrate → fill defaults → validate.
//! The exported shape ([`Envelope`]) is strict; the imported shape ([`IncomingEnvelope`]) lets
//! every section default, so older and hand-made files still open.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use super::error::ImportError;
use super::migrate::{CURRENT, migrate_plan};
use super::strict::Strict;

/// What storing one more plan costs at least, besides its content: the key, the envelope
/// around the plan, and its line in the index. Used to refuse a file that cannot fit before
/// reading it.
pub const PER_PLAN_MIN_CHARS: u64 = 200;
use crate::domain::dates::{INVALID_DATE, INVALID_TIMESTAMP};
use crate::domain::validate::validate;
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

/// A file's name: `name` as a file name (`fallback` when it has no letters), the day, and
/// [`FILE_SUFFIX`], e.g. `tenants-union-2026-12-03.alliance.json`. A file that carries
/// private notes says so in its name (`…-private.alliance.json`), so it is not sent by
/// mistake.
pub fn file_name(name: &str, fallback: &str, on: chrono::NaiveDate, private: bool) -> String {
    let stem = crate::domain::text::file_stem(name, fallback);
    let private = if private { "-private" } else { "" };
    // Not `on.format(…)`: strftime would add its formatter to the first screen's code.
    use chrono::Datelike;
    let (y, m, d) = (on.year(), on.month(), on.day());
    format!("{stem}-{y:04}-{m:02}-{d:02}{private}{FILE_SUFFIX}")
}

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
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = CURRENT)))]
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

/// The envelope as read, before any plan is decoded: every field optional, so that a missing
/// one gets its own message, and the plans still raw JSON.
#[derive(Deserialize)]
struct RawEnvelope<'a> {
    #[serde(default, borrow)]
    format: Option<&'a RawValue>,
    #[serde(default, borrow)]
    schema_version: Option<&'a RawValue>,
    #[serde(default, borrow)]
    exported_at: Option<&'a RawValue>,
    #[serde(default, borrow)]
    app_version: Option<&'a RawValue>,
    #[serde(default, borrow)]
    plans: Option<&'a RawValue>,
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

/// A file opened as far as its envelope: its size, text, nesting, syntax, format and version
/// are checked, and its plans are still raw JSON. [`decode_plan`] reads them one at a time, so
/// a big file can be read in steps, letting the page draw between plans.
#[derive(Debug)]
pub struct Opened<'a> {
    pub plans: Vec<&'a RawValue>,
    /// The version the file was written in, before migration.
    pub from_version: u32,
    pub exported_at: Option<Timestamp>,
    pub app_version: Option<String>,
    /// The file's characters without layout whitespace, in UTF-16 code units.
    pub compact_chars: u64,
}

impl Opened<'_> {
    /// At least what storing every plan of the file would take, in the browser's units: the
    /// content without layout, plus each plan's key, envelope and line in the index.
    pub fn stored_size_at_least(&self) -> u64 {
        self.compact_chars + self.plans.len() as u64 * PER_PLAN_MIN_CHARS
    }
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
    let compact = serde_json::to_string(&env)?;
    Ok(if pretty {
        let mut text = indent(&compact);
        text.push('\n');
        text
    } else {
        compact
    })
}

/// Lays out compact JSON text as `serde_json::to_string_pretty` would (two spaces, `"key":
/// value`, `[]` and `{}` for empty ones). Exports are written compact and laid out here, so
/// the plan's types are serialized by one copy of the code, not by a second one for the
/// pretty layout. Only for text serde_json wrote: outside strings it holds no whitespace.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 3);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if !matches!(chars.peek(), Some('}' | ']')) {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                if !out.ends_with(['{', '[']) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

/// Checks that file bytes are UTF-8 (a leading byte-order mark is dropped) and not too large.
pub fn text_of(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.valid_up_to(),
    })
}

/// Decodes file bytes: checks they are UTF-8 first, then runs [`decode`].
pub fn decode_bytes(bytes: &[u8]) -> Result<Decoded, ImportError> {
    decode(text_of(bytes)?)
}

/// The one road in, for a file and for a stored plan alike: [`open`], then [`decode_plan`] for
/// each plan, and no id twice.
pub fn decode(text: &str) -> Result<Decoded, ImportError> {
    let opened = open(text)?;
    let mut ids = HashSet::new();
    let mut plans = Vec::with_capacity(opened.plans.len());
    for (i, raw) in opened.plans.iter().enumerate() {
        let plan = decode_plan(raw, opened.from_version, i)?;
        check_new_id(&mut ids, &plan, i)?;
        plans.push(plan);
    }
    Ok(Decoded {
        plans,
        from_version: opened.from_version,
        exported_at: opened.exported_at,
        app_version: opened.app_version,
    })
}

/// Refuses a plan whose id an earlier plan of the same file has.
pub fn check_new_id(
    seen: &mut HashSet<crate::domain::PlanId>,
    plan: &Plan,
    index: usize,
) -> Result<(), ImportError> {
    if seen.insert(plan.id) {
        Ok(())
    } else {
        Err(ImportError::DuplicateId {
            path: format!("plans[{index}].id"),
            id: plan.id.to_string(),
        })
    }
}

/// The first half of the road: size → text → depth → JSON → envelope. Each plan stays raw.
pub fn open(text: &str) -> Result<Opened<'_>, ImportError> {
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
    let compact_chars = check_depth(text)?;
    // Serde would read a list as an object, field by field: look at what the top level is.
    if !text.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => ImportError::NotAnObject,
            Err(e) => syntax_error(&e),
        });
    }
    let env: RawEnvelope = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ImportError::WrongShape {
            path: String::new(),
            detail: syntax_detail(&e),
        },
        _ => syntax_error(&e),
    })?;
    check_format(env.format)?;
    let from_version = check_version(env.schema_version)?;
    let exported_at = match env.exported_at {
        None => None,
        Some(raw) => {
            dates::opt_timestamp::deserialize(&mut serde_json::Deserializer::from_str(raw.get()))
                .map_err(|e| field_error("exported_at", &e))?
        }
    };
    let app_version = match env.app_version {
        None => None,
        Some(raw) => serde_json::from_str::<Option<String>>(raw.get())
            .map_err(|e| field_error("app_version", &e))?,
    };
    let plans: Vec<&RawValue> = match env.plans {
        None => {
            return Err(ImportError::MissingField {
                path: String::new(),
                field: "plans".into(),
            });
        }
        Some(raw) => serde_json::from_str(raw.get()).map_err(|e| field_error("plans", &e))?,
    };
    if plans.is_empty() {
        return Err(ImportError::NoPlans);
    }
    Ok(Opened {
        plans,
        from_version,
        exported_at,
        app_version,
        compact_chars,
    })
}

/// Reads a plan from JSON made by the app itself (a merge, an undo): the same strict reader as
/// files, without migration or validation.
pub fn plan_from_value(value: &Value) -> Result<Plan, String> {
    serde_path_to_error::deserialize(Strict(value)).map_err(|e| e.to_string())
}

/// The second half of the road, for plan number `index` of a file of `version`:
/// migrate → fill defaults and check shapes → drop links to nothing → validate.
pub fn decode_plan(raw: &RawValue, version: u32, index: usize) -> Result<Plan, ImportError> {
    let here = format!("plans[{index}]");
    let mut value: Value = serde_json::from_str(raw.get()).map_err(|e| field_error(&here, &e))?;
    migrate_plan(&mut value, version).map_err(|(from, detail)| ImportError::Migration {
        from,
        detail: format!("{here} {detail}"),
    })?;
    // Strictly: a list where the plan holds a struct is refused, with its path.
    let mut plan: Plan = serde_path_to_error::deserialize(Strict(&value))
        .map_err(|e| shape_error(e, &value, &here))?;
    plan.prune_dangling();
    validate(&plan).map_err(|v| ImportError::from_violation(v, Some(index)))?;
    Ok(plan)
}

fn syntax_error(e: &serde_json::Error) -> ImportError {
    ImportError::Syntax {
        line: e.line(),
        column: e.column(),
        detail: syntax_detail(e),
    }
}

/// An envelope field that is there but wrong.
fn field_error(path: &str, e: &serde_json::Error) -> ImportError {
    let detail = syntax_detail(e);
    if detail.starts_with(INVALID_DATE) || detail.starts_with(INVALID_TIMESTAMP) {
        ImportError::InvalidDate {
            path: path.to_owned(),
            detail,
        }
    } else {
        ImportError::WrongShape {
            path: path.to_owned(),
            detail,
        }
    }
}

/// serde_json's message without its " at line L column C" tail, which we report separately.
fn syntax_detail(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    }
}

/// Refuses absurd nesting before the parser sees it, and says where it happened. Returns how
/// many characters (in UTF-16 code units, as storage counts them) are not layout whitespace:
/// about what the plans take once stored compactly.
fn check_depth(text: &str) -> Result<u64, ImportError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut column) = (1usize, 0usize);
    let mut significant = 0u64;
    for ch in text.chars() {
        if in_string || !ch.is_ascii_whitespace() {
            significant += ch.len_utf16() as u64;
        }
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
    Ok(significant)
}

/// Checks the format name.
fn check_format(raw: Option<&RawValue>) -> Result<(), ImportError> {
    let Some(raw) = raw else {
        return Err(ImportError::WrongFormat { found: None });
    };
    match serde_json::from_str::<Value>(raw.get()) {
        Ok(Value::String(s)) if s == FORMAT => Ok(()),
        Ok(Value::String(s)) if s == super::lock::LOCKED_FORMAT => Err(ImportError::Locked),
        Ok(Value::String(s)) => Err(ImportError::WrongFormat { found: Some(s) }),
        _ => Err(ImportError::WrongFormat {
            found: Some(raw.get().to_owned()),
        }),
    }
}

/// Checks the schema version and returns it.
fn check_version(raw: Option<&RawValue>) -> Result<u32, ImportError> {
    let raw = raw.ok_or(ImportError::MissingVersion)?;
    let bad = || ImportError::BadVersion {
        found: raw.get().to_owned(),
    };
    let n = serde_json::from_str::<Value>(raw.get())
        .ok()
        .and_then(|v| v.as_u64())
        .ok_or_else(bad)?;
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
/// `root` is the plan's value and `here` its path in the file.
fn shape_error(
    e: serde_path_to_error::Error<serde_json::Error>,
    root: &Value,
    here: &str,
) -> ImportError {
    let inner = e.path().to_string();
    let inner = if inner == "." { String::new() } else { inner };
    let path = if inner.is_empty() {
        here.to_owned()
    } else {
        format!("{here}.{inner}")
    };
    let detail = e.inner().to_string();
    if let Some(field) = detail
        .strip_prefix("missing field `")
        .and_then(|s| s.split('`').next())
    {
        return ImportError::MissingField {
            path,
            field: field.to_owned(),
        };
    }
    if detail.starts_with(INVALID_DATE) || detail.starts_with(INVALID_TIMESTAMP) {
        return ImportError::InvalidDate { path, detail };
    }
    if (inner == "id" || inner.ends_with(".id"))
        && let Some(Value::String(value)) = root.pointer(&pointer_of(&inner))
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
        assert_eq!(check_depth(&text), Ok(108));
        assert_eq!(check_depth("{ \"a b\" :\n [ 1 , \"é😀\" ] }"), Ok(17));
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
