//! Files that must be refused, each with its own typed error that says what and where.

use alliance_planner::domain::validate::Rule;
use alliance_planner::persistence::error::ImportError;
use alliance_planner::persistence::format::{MAX_DEPTH, MAX_FILE_BYTES, decode, decode_bytes};
use alliance_planner::persistence::migrate::CURRENT;

const ID: &str = "0b8e1d9a-7c2f-4e8b-9a51-3f6d2c1b0a99";
const ID2: &str = "5f3c7a2e-9d1b-4c6a-8e0f-1a2b3c4d5e6f";

/// A well-formed envelope around one plan object given as JSON text.
fn envelope_with(plan: &str) -> String {
    format!(r#"{{"format":"alliance-planner","schema_version":1,"plans":[{plan}]}}"#)
}

fn plan_with(extra: &str) -> String {
    format!(
        r#"{{"id":"{ID}","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"{extra}}}"#
    )
}

/// A version-4 envelope around one plan with `extra` fields.
fn v4_plan(extra: &str) -> String {
    format!(
        r#"{{"format":"alliance-planner","schema_version":4,"plans":[{}]}}"#,
        plan_with(extra)
    )
}

/// A version-3 envelope around one plan with `extra` fields.
fn v3_plan(extra: &str) -> String {
    format!(
        r#"{{"format":"alliance-planner","schema_version":3,"plans":[{}]}}"#,
        plan_with(extra)
    )
}

const S1: &str = "7f8091a2-b3c4-45d6-a7f8-091a2b3c4d5e";
const S2: &str = "8091a2b3-c4d5-46e7-b809-1a2b3c4d5e6f";

fn overview(fields: &str) -> String {
    envelope_with(&plan_with(&format!(r#","overview":{{{fields}}}"#)))
}

type Check = fn(&ImportError) -> bool;

fn cases() -> Vec<(&'static str, String, Check)> {
    vec![
        ("empty file", String::new(), |e| *e == ImportError::Empty),
        ("only whitespace", " \n\t ".into(), |e| {
            *e == ImportError::Empty
        }),
        ("plain text, not JSON", "Dear coalition,".into(), |e| {
            matches!(
                e,
                ImportError::Syntax {
                    line: 1,
                    column: 1,
                    ..
                }
            )
        }),
        (
            "truncated JSON",
            r#"{"format":"alliance-planner","#.into(),
            |e| matches!(e, ImportError::Syntax { line: 1, detail, .. } if detail.contains("EOF")),
        ),
        (
            "trailing garbage",
            format!("{} x", envelope_with(&plan_with(""))),
            |e| matches!(e, ImportError::Syntax { detail, .. } if detail.contains("trailing")),
        ),
        (
            "error position on line 3",
            "{\n  \"format\": \"alliance-planner\",\n  \"plans\": [,]\n}".into(),
            |e| {
                matches!(
                    e,
                    ImportError::Syntax {
                        line: 3,
                        column: 13,
                        ..
                    }
                )
            },
        ),
        (
            "single quotes",
            "{'format': 'alliance-planner'}".into(),
            |e| matches!(e, ImportError::Syntax { .. }),
        ),
        (
            "NaN literal",
            r#"{"format":"alliance-planner","schema_version":NaN}"#.into(),
            |e| matches!(e, ImportError::Syntax { .. }),
        ),
        (
            "lone surrogate escape in a plan's text",
            envelope_with(&plan_with(r#","overview":{"name":"\ud800 alone"}"#)),
            |e| matches!(e, ImportError::WrongShape { path, detail } if path == "plans[0]" && (detail.contains("surrogate") || detail.contains("escape"))),
        ),
        (
            "a time that is year 10000 in UTC",
            envelope_with(&format!(
                r#"{{"id":"{ID}","created_at":"9999-12-31T23:59:59-23:59","updated_at":"2026-01-01T00:00:00Z"}}"#
            )),
            |e| matches!(e, ImportError::InvalidDate { path, detail } if path == "plans[0].created_at" && detail.contains("0000 to 9999")),
        ),
        ("top level is an array", "[1,2,3]".into(), |e| {
            *e == ImportError::NotAnObject
        }),
        ("top level is a number", "42".into(), |e| {
            *e == ImportError::NotAnObject
        }),
        ("top level is null", "null".into(), |e| {
            *e == ImportError::NotAnObject
        }),
        (
            "a different app's JSON",
            r#"{"name":"my-package","version":"1.0.0"}"#.into(),
            |e| *e == ImportError::WrongFormat { found: None },
        ),
        (
            "wrong format name",
            r#"{"format":"excalidraw","schema_version":1,"plans":[]}"#.into(),
            |e| {
                *e == ImportError::WrongFormat {
                    found: Some("excalidraw".into()),
                }
            },
        ),
        (
            "format is not a string",
            r#"{"format":7,"schema_version":1,"plans":[]}"#.into(),
            |e| {
                *e == ImportError::WrongFormat {
                    found: Some("7".into()),
                }
            },
        ),
        (
            "missing schema_version",
            r#"{"format":"alliance-planner","plans":[]}"#.into(),
            |e| *e == ImportError::MissingVersion,
        ),
        (
            "schema_version as text",
            r#"{"format":"alliance-planner","schema_version":"1","plans":[]}"#.into(),
            |e| {
                *e == ImportError::BadVersion {
                    found: "\"1\"".into(),
                }
            },
        ),
        (
            "schema_version zero",
            r#"{"format":"alliance-planner","schema_version":0,"plans":[]}"#.into(),
            |e| *e == ImportError::BadVersion { found: "0".into() },
        ),
        (
            "negative schema_version",
            r#"{"format":"alliance-planner","schema_version":-1,"plans":[]}"#.into(),
            |e| matches!(e, ImportError::BadVersion { .. }),
        ),
        (
            "fractional schema_version",
            r#"{"format":"alliance-planner","schema_version":1.5,"plans":[]}"#.into(),
            |e| matches!(e, ImportError::BadVersion { .. }),
        ),
        (
            "a future version",
            r#"{"format":"alliance-planner","schema_version":7,"plans":[{"anything":true}]}"#
                .into(),
            |e| {
                *e == ImportError::FutureVersion {
                    found: 7,
                    supported: CURRENT,
                }
            },
        ),
        (
            "a far future version",
            r#"{"format":"alliance-planner","schema_version":18446744073709551615}"#.into(),
            |e| matches!(e, ImportError::FutureVersion { .. }),
        ),
        (
            "missing plans",
            r#"{"format":"alliance-planner","schema_version":1}"#.into(),
            |e| matches!(e, ImportError::MissingField { field, .. } if field == "plans"),
        ),
        (
            "plans is not a list",
            r#"{"format":"alliance-planner","schema_version":1,"plans":{}}"#.into(),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path == "plans"),
        ),
        (
            "no plans at all",
            r#"{"format":"alliance-planner","schema_version":1,"plans":[]}"#.into(),
            |e| *e == ImportError::NoPlans,
        ),
        (
            "a plan that is a string",
            envelope_with("\"my plan\""),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path == "plans[0]"),
        ),
        (
            "a plan without an id",
            envelope_with(
                r#"{"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#,
            ),
            |e| matches!(e, ImportError::MissingField { path, field } if path == "plans[0]" && field == "id"),
        ),
        (
            "a plan without updated_at",
            envelope_with(&format!(
                r#"{{"id":"{ID}","created_at":"2026-01-01T00:00:00Z"}}"#
            )),
            |e| matches!(e, ImportError::MissingField { field, .. } if field == "updated_at"),
        ),
        (
            "an id that is not a UUID",
            envelope_with(
                r#"{"id":"plan-1","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#,
            ),
            |e| {
                *e == ImportError::InvalidId {
                    path: "plans[0].id".into(),
                    value: "plan-1".into(),
                }
            },
        ),
        (
            "an id that is a number",
            envelope_with(
                r#"{"id":12,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#,
            ),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path == "plans[0].id"),
        ),
        (
            "a name that is a number",
            overview(r#""name":42"#),
            |e| matches!(e, ImportError::WrongShape { path, detail } if path == "plans[0].overview.name" && detail.contains("string")),
        ),
        (
            "a negative revision",
            envelope_with(&plan_with(r#","revision":-3"#)),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path == "plans[0].revision"),
        ),
        (
            "a revision beyond u64",
            envelope_with(&plan_with(r#","revision":1e40"#)),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path == "plans[0].revision"),
        ),
        (
            "30 February",
            overview(r#""start":"2026-02-30""#),
            |e| matches!(e, ImportError::InvalidDate { path, detail } if path == "plans[0].overview.start" && detail.contains("2026-02-30")),
        ),
        (
            "a day-first date",
            overview(r#""end":"24/11/2026""#),
            |e| matches!(e, ImportError::InvalidDate { path, .. } if path == "plans[0].overview.end"),
        ),
        (
            "a date with a time",
            overview(r#""start":"2026-03-01T10:00:00Z""#),
            |e| matches!(e, ImportError::InvalidDate { .. }),
        ),
        (
            "a date that is a number",
            overview(r#""start":20260301"#),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path == "plans[0].overview.start"),
        ),
        (
            "an invalid timestamp",
            envelope_with(&format!(
                r#"{{"id":"{ID}","created_at":"yesterday","updated_at":"2026-01-01T00:00:00Z"}}"#
            )),
            |e| matches!(e, ImportError::InvalidDate { path, .. } if path == "plans[0].created_at"),
        ),
        (
            "an invalid export time",
            format!(
                r#"{{"format":"alliance-planner","schema_version":1,"exported_at":"soon","plans":[{}]}}"#,
                plan_with("")
            ),
            |e| matches!(e, ImportError::InvalidDate { path, .. } if path == "exported_at"),
        ),
        (
            "duplicate plan ids",
            format!(
                r#"{{"format":"alliance-planner","schema_version":1,"plans":[{p},{p}]}}"#,
                p = plan_with("")
            ),
            |e| {
                *e == ImportError::DuplicateId {
                    path: "plans[1].id".into(),
                    id: ID.into(),
                }
            },
        ),
        (
            "a name over 200 characters",
            overview(&format!(r#""name":"{}""#, "n".repeat(201))),
            |e| {
                *e == ImportError::TextTooLong {
                    path: "plans[0].overview.name".into(),
                    len: 201,
                    limit: 200,
                }
            },
        ),
        (
            "notes over 50,000 characters",
            overview(&format!(r#""notes":"{}""#, "é".repeat(50_001))),
            |e| matches!(e, ImportError::TextTooLong { path, .. } if path == "plans[0].overview.notes"),
        ),
        (
            "nesting deeper than the limit",
            format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1)),
            |e| matches!(e, ImportError::TooDeep { line: 1, .. }),
        ),
        (
            "deep nesting inside a plan",
            overview(&format!(
                r#""notes":{}1{}"#,
                "[".repeat(200),
                "]".repeat(200)
            )),
            |e| matches!(e, ImportError::TooDeep { .. }),
        ),
        (
            "a 10 MB string",
            envelope_with(&plan_with(&format!(
                r#","x":"{}""#,
                "a".repeat(10 * 1024 * 1024)
            ))),
            |e| matches!(e, ImportError::TooLarge { limit, .. } if *limit == MAX_FILE_BYTES),
        ),
        (
            "second plan broken, first fine",
            format!(
                r#"{{"format":"alliance-planner","schema_version":1,"plans":[{},{{"id":"{ID2}"}}]}}"#,
                plan_with("")
            ),
            |e| matches!(e, ImportError::MissingField { path, .. } if path == "plans[1]"),
        ),
        (
            "a block score of 9",
            v3_plan(r#","foundations":{"blocks":{"clear_roles":{"score":9}}}"#),
            |e| {
                *e == ImportError::BrokenRule {
                    path: "plans[0].foundations.blocks.clear_roles.score".into(),
                    rule: Rule::ScoreOutOfRange(9),
                }
            },
        ),
        (
            "a negative block score",
            v3_plan(r#","foundations":{"blocks":{"clear_roles":{"score":-1}}}"#),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path.ends_with("clear_roles.score")),
        ),
        (
            "an unknown quality rating",
            v3_plan(r#","foundations":{"qualities":{"commitment":{"rating":"huge"}}}"#),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path.ends_with("commitment.rating")),
        ),
        (
            "an assessment without a date",
            v3_plan(&format!(
                r#","foundations":{{"assessments":[{{"id":"{S1}"}}]}}"#
            )),
            |e| matches!(e, ImportError::MissingField { field, .. } if field == "date"),
        ),
        (
            "an assessment dated 31 February",
            v3_plan(&format!(
                r#","foundations":{{"assessments":[{{"id":"{S1}","date":"2026-02-31"}}]}}"#
            )),
            |e| matches!(e, ImportError::InvalidDate { .. }),
        ),
        (
            "an unknown activity type",
            v3_plan(&format!(
                r#","activities":{{"log":[{{"id":"{S1}","kind":"picnic"}}]}}"#
            )),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path.ends_with("log[0].kind")),
        ),
        (
            "two activities with one id",
            v3_plan(&format!(
                r#","activities":{{"log":[{{"id":"{S1}"}},{{"id":"{S1}"}}]}}"#
            )),
            |e| matches!(e, ImportError::DuplicateId { path, .. } if path == "plans[0].activities.log[1].id"),
        ),
        (
            "a statement that builds on itself",
            v3_plan(&format!(
                r#","theory_of_change":{{"statements":[{{"id":"{S1}","builds_on":["{S1}"]}}]}}"#
            )),
            |e| {
                *e == ImportError::BrokenRule {
                    path: "plans[0].theory_of_change.statements[0].builds_on".into(),
                    rule: Rule::LinksToItself,
                }
            },
        ),
        (
            "a statement that builds on a missing one",
            v3_plan(&format!(
                r#","theory_of_change":{{"statements":[{{"id":"{S1}","builds_on":["{S2}"]}}]}}"#
            )),
            |e| matches!(e, ImportError::BrokenRule { rule: Rule::UnknownLink(id), .. } if id == S2),
        ),
        (
            "statements that build on each other in a loop",
            v3_plan(&format!(
                r#","theory_of_change":{{"statements":[{{"id":"{S1}","builds_on":["{S2}"]}},{{"id":"{S2}","builds_on":["{S1}"]}}]}}"#
            )),
            |e| {
                matches!(
                    e,
                    ImportError::BrokenRule {
                        rule: Rule::Loop,
                        ..
                    }
                )
            },
        ),
        (
            "a v2 file that already has a strategy",
            format!(
                r#"{{"format":"alliance-planner","schema_version":2,"plans":[{}]}}"#,
                plan_with(r#","partners":[],"strategy":{}"#)
            ),
            |e| matches!(e, ImportError::Migration { from: 2, .. }),
        ),
        (
            "a v3 file that already has an action plan",
            v3_plan(r#","action_plan":{}"#),
            |e| matches!(e, ImportError::Migration { from: 3, .. }),
        ),
        (
            "an unknown place on the spectrum of allies",
            v4_plan(&format!(
                r#","power":{{"stakeholders":[{{"id":"{S1}","position":"best_friend"}}]}}"#
            )),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path.ends_with("stakeholders[0].position")),
        ),
        (
            "two stakeholders with one id",
            v4_plan(&format!(
                r#","power":{{"stakeholders":[{{"id":"{S1}"}},{{"id":"{S1}"}}]}}"#
            )),
            |e| matches!(e, ImportError::DuplicateId { path, .. } if path == "plans[0].power.stakeholders[1].id"),
        ),
        (
            "an influence link to a missing stakeholder",
            v4_plan(&format!(
                r#","power":{{"stakeholders":[{{"id":"{S1}"}}],"links":[{{"id":"{S2}","from":"{S1}","to":"{ID}"}}]}}"#
            )),
            |e| matches!(e, ImportError::BrokenRule { path, rule: Rule::UnknownLink(id) } if path == "plans[0].power.links[0].to" && id == ID),
        ),
        (
            "a stakeholder who influences themselves",
            v4_plan(&format!(
                r#","power":{{"stakeholders":[{{"id":"{S1}"}}],"links":[{{"id":"{S2}","from":"{S1}","to":"{S1}"}}]}}"#
            )),
            |e| {
                matches!(
                    e,
                    ImportError::BrokenRule {
                        rule: Rule::LinksToItself,
                        ..
                    }
                )
            },
        ),
        (
            "a snapshot without a date",
            v4_plan(&format!(
                r#","power":{{"snapshots":[{{"id":"{S1}","placements":[]}}]}}"#
            )),
            |e| matches!(e, ImportError::MissingField { field, .. } if field == "date"),
        ),
        (
            "one SWOT item in two lists",
            v4_plan(&format!(
                r#","swot":{{"strengths":[{{"id":"{S1}"}}],"threats":[{{"id":"{S1}"}}]}}"#
            )),
            |e| matches!(e, ImportError::DuplicateId { path, .. } if path == "plans[0].swot.threats[0].id"),
        ),
        (
            "an unknown activity status",
            v4_plan(&format!(
                r#","action_plan":{{"activities":[{{"id":"{S1}","status":"someday"}}]}}"#
            )),
            |e| matches!(e, ImportError::WrongShape { path, .. } if path.ends_with("activities[0].status")),
        ),
        (
            "an action-plan activity name over 200 characters",
            v4_plan(&format!(
                r#","action_plan":{{"activities":[{{"id":"{S1}","what":"{}"}}]}}"#,
                "x".repeat(201)
            )),
            |e| matches!(e, ImportError::TextTooLong { path, .. } if path == "plans[0].action_plan.activities[0].what"),
        ),
    ]
}

/// Serde reads a list as a struct, field by field: every place where the plan holds an object
/// must refuse a list, and name its path.
#[test]
fn an_object_given_as_a_list_is_refused_with_its_path() {
    let cases = [
        (r#","overview":[]"#, "plans[0].overview"),
        (r#","overview":["Name"]"#, "plans[0].overview"),
        (r#","foundations":[]"#, "plans[0].foundations"),
        (
            r#","foundations":{"qualities":[]}"#,
            "plans[0].foundations.qualities",
        ),
        (
            r#","foundations":{"blocks":{"clear_roles":[3]}}"#,
            "plans[0].foundations.blocks.clear_roles",
        ),
        (
            r#","foundations":{"charter":[]}"#,
            "plans[0].foundations.charter",
        ),
        (r#","strategy":[]"#, "plans[0].strategy"),
        (r#","activities":[]"#, "plans[0].activities"),
        (r#","theory_of_change":[]"#, "plans[0].theory_of_change"),
        (r#","power":[]"#, "plans[0].power"),
        (r#","swot":[]"#, "plans[0].swot"),
        (r#","action_plan":[]"#, "plans[0].action_plan"),
        (r#","success_sheet":[]"#, "plans[0].success_sheet"),
        (r#","evaluation":[]"#, "plans[0].evaluation"),
        (
            &format!(r#","partners":[{{"id":"{S1}","roles":[true]}}]"#),
            "plans[0].partners[0].roles",
        ),
        (
            &format!(r#","goals":[{{"id":"{S1}","measure":[]}}]"#),
            "plans[0].goals[0].measure",
        ),
        (
            &format!(r#","goals":[{{"id":"{S1}","equity":{{"race":[]}}}}]"#),
            "plans[0].goals[0].equity.race",
        ),
        (
            &format!(r#","partners":[["{S1}"]]"#),
            "plans[0].partners[0]",
        ),
    ];
    for (extra, path) in cases {
        let text = format!(
            r#"{{"format":"alliance-planner","schema_version":{CURRENT},"plans":[{}]}}"#,
            plan_with(extra)
        );
        match decode(&text) {
            Err(ImportError::WrongShape { path: p, detail }) => {
                assert_eq!(p, path, "{extra}");
                assert!(detail.contains("expected an object"), "{extra}: {detail}");
            }
            other => panic!("{extra}: {other:?}"),
        }
    }
    // The top level, too.
    assert_eq!(
        decode(r#"["alliance-planner", 5, "2026-01-01T00:00:00Z", "0.1.0", []]"#),
        Err(ImportError::NotAnObject)
    );
}

#[test]
fn at_least_thirty_bad_inputs_each_get_their_own_typed_error() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (name, input, check) in &cases {
        match decode(input) {
            Ok(_) => failures.push(format!("{name}: accepted")),
            Err(e) if !check(&e) => failures.push(format!("{name}: unexpected error {e:?}")),
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_error_message_names_what_is_wrong() {
    for (name, input, _) in cases() {
        if let Err(e) = decode(&input) {
            let text = e.to_string();
            assert!(!text.is_empty(), "{name}");
            assert!(
                text.len() < 400,
                "{name}: message too long to show: {} chars",
                text.len()
            );
        }
    }
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_offset() {
    let mut bytes = br#"{"format":"alliance-planner","#.to_vec();
    bytes.push(0xff);
    assert_eq!(
        decode_bytes(&bytes),
        Err(ImportError::NotUtf8 { offset: 29 })
    );
}

#[test]
fn oversized_byte_input_is_refused_before_it_is_read_as_text() {
    let bytes = vec![b' '; MAX_FILE_BYTES + 1];
    assert_eq!(
        decode_bytes(&bytes),
        Err(ImportError::TooLarge {
            bytes: MAX_FILE_BYTES + 1,
            limit: MAX_FILE_BYTES
        })
    );
}

#[test]
fn brackets_inside_text_do_not_count_as_nesting() {
    let input = overview(&format!(r#""notes":"{}""#, "[{".repeat(100)));
    assert!(decode(&input).is_ok());
}
