//! What the app writes, it reads back: for any plan that passes validation, encoding then
//! decoding gives the same plan, and so does saving then loading. Plans are made by applying
//! random edits (times and dates across chrono's whole range, any text, any revision, links to
//! nothing, repeated ids) to a plan with something in every step.

use alliance_planner::domain::validate::validate;
use alliance_planner::domain::{Plan, Timestamp};
use alliance_planner::persistence::format::{decode, encode};
use alliance_planner::persistence::memory::MemoryBackend;
use alliance_planner::persistence::store::Library;
use chrono::{DateTime, NaiveDate};
use proptest::prelude::*;
use uuid::Uuid;

use crate::common::{full_plan, ts};

/// Any instant chrono can hold, with any sub-second part (leap seconds included); most of
/// them near today, many at the edges of what a file can hold.
fn any_time() -> impl Strategy<Value = Timestamp> {
    let min = DateTime::<chrono::Utc>::MIN_UTC.timestamp();
    let max = DateTime::<chrono::Utc>::MAX_UTC.timestamp();
    let secs = prop_oneof![
        4 => 1_700_000_000i64..1_900_000_000,
        2 => -62_167_219_200i64..253_402_300_800, // years 0000 to 9999
        1 => min..=max,
        1 => prop_oneof![
            Just(253_402_300_799i64), // 9999-12-31T23:59:59Z
            Just(253_402_300_800i64), // 10000-01-01
            Just(-62_167_219_200i64), // 0000-01-01
            Just(-62_167_219_201i64),
        ],
    ];
    let nanos = prop_oneof![
        3 => (0u32..1000).prop_map(|ms| ms * 1_000_000),
        1 => 0u32..2_000_000_000,
    ];
    (secs, nanos).prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap_or_default())
}

/// Any calendar date chrono can hold, mostly within the years a file holds.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let days = prop_oneof![
        4 => 730_000i32..740_000,
        2 => 0i32..3_652_059, // 0001-01-01 to 9999-12-31
        1 => -95_000_000i32..95_000_000,
        1 => prop_oneof![Just(0i32), Just(1), Just(3_652_059), Just(3_652_060), Just(-365)],
    ];
    days.prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or_default())
}

/// Any text: every character, control characters and lone carriage returns included.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter),
        1 => proptest::collection::vec(
            prop_oneof![Just('\r'), Just('\n'), Just('"'), Just('\\'), Just('\u{feff}'), Just('é')],
            0..max
        )
        .prop_map(String::from_iter),
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    Created(Timestamp),
    Updated(Timestamp),
    Revision(u64),
    Name(String),
    Notes(String),
    Start(Option<NaiveDate>),
    Deadline(Option<NaiveDate>),
    AssessmentDate(NaiveDate),
    AssessmentSaved(Option<Timestamp>),
    SnapshotSaved(Option<Timestamp>),
    CheckInDate(NaiveDate),
    Target(Option<u32>),
    Score(Option<u8>),
    PartnerText(String),
    LinkToNothing(u8),
    PartnerTwice,
}

fn any_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any_time().prop_map(Edit::Created),
        any_time().prop_map(Edit::Updated),
        prop_oneof![any::<u64>(), Just(u64::MAX), Just(u64::MAX - 1)].prop_map(Edit::Revision),
        any_text(220).prop_map(Edit::Name),
        any_text(60).prop_map(Edit::Notes),
        proptest::option::of(any_date()).prop_map(Edit::Start),
        proptest::option::of(any_date()).prop_map(Edit::Deadline),
        any_date().prop_map(Edit::AssessmentDate),
        proptest::option::of(any_time()).prop_map(Edit::AssessmentSaved),
        proptest::option::of(any_time()).prop_map(Edit::SnapshotSaved),
        any_date().prop_map(Edit::CheckInDate),
        proptest::option::of(any::<u32>()).prop_map(Edit::Target),
        proptest::option::of(any::<u8>()).prop_map(Edit::Score),
        any_text(40).prop_map(Edit::PartnerText),
        (0u8..6).prop_map(Edit::LinkToNothing),
        Just(Edit::PartnerTwice),
    ]
}

fn apply(plan: &mut Plan, edit: &Edit) {
    match edit.clone() {
        Edit::Created(t) => plan.created_at = t,
        Edit::Updated(t) => plan.updated_at = t,
        Edit::Revision(r) => plan.revision = r,
        Edit::Name(t) => plan.overview.name = t,
        Edit::Notes(t) => plan.overview.notes = t,
        Edit::Start(d) => plan.overview.start = d,
        Edit::Deadline(d) => plan.goals[0].deadline = d,
        Edit::AssessmentDate(d) => plan.foundations.assessments[0].date = d,
        Edit::AssessmentSaved(t) => plan.foundations.assessments[0].saved_at = t,
        Edit::SnapshotSaved(t) => plan.power.snapshots[0].saved_at = t,
        Edit::CheckInDate(d) => plan.evaluation.check_ins[0].date = d,
        Edit::Target(n) => plan.goals[0].measure.target = n,
        Edit::Score(s) => plan.foundations.blocks.clear_roles.score = s,
        Edit::PartnerText(t) => *plan.partners[0].private_notes = t,
        Edit::LinkToNothing(which) => {
            let ghost = Uuid::new_v4();
            match which {
                0 => plan.strategy.resource_partners.push(ghost),
                1 => plan.goals[0].tactics.push(ghost),
                2 => plan.action_plan.activities[0].goal = Some(ghost),
                3 => plan.swot.strengths[0].informs.push(ghost),
                4 => plan.power.stakeholders[0].messenger = Some(ghost),
                _ => plan.evaluation.journal[0].present.push(ghost),
            }
        }
        Edit::PartnerTwice => {
            let again = plan.partners[0].clone();
            plan.partners.push(again);
        }
    }
}

fn any_plan() -> impl Strategy<Value = Plan> {
    proptest::collection::vec(any_edit(), 0..6).prop_map(|edits| {
        let mut plan = full_plan("Round trip");
        for e in &edits {
            apply(&mut plan, e);
        }
        plan
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn an_export_is_laid_out_exactly_as_serde_json_lays_out_pretty_text(plan in any_plan()) {
        let at = ts("2026-12-03T10:00:00Z");
        let env = alliance_planner::persistence::format::Envelope {
            format: alliance_planner::persistence::format::FORMAT,
            schema_version: alliance_planner::persistence::migrate::CURRENT,
            exported_at: at,
            app_version: alliance_planner::persistence::format::APP_VERSION,
            plans: std::slice::from_ref(&plan),
        };
        let expected = serde_json::to_string_pretty(&env).map(|s| s + "\n");
        prop_assert_eq!(encode(std::slice::from_ref(&plan), at, true).ok(), expected.ok());
    }

    #[test]
    fn a_plan_that_passes_validation_encodes_and_decodes_to_itself(plan in any_plan()) {
        if validate(&plan).is_ok() {
            let text = encode(std::slice::from_ref(&plan), ts("2026-12-03T10:00:00Z"), false);
            prop_assert!(text.is_ok(), "the writer refused a valid plan: {:?}", text.err());
            let back = decode(&text.unwrap_or_default());
            prop_assert!(back.is_ok(), "the reader refused what the writer wrote: {:?}", back.err());
            prop_assert_eq!(back.map(|d| d.plans).unwrap_or_default(), vec![plan]);
        }
    }

    #[test]
    fn storage_takes_exactly_what_validation_takes(plan in any_plan()) {
        let lib = Library::new(MemoryBackend::default());
        let now = ts("2026-12-03T10:00:00Z");
        let valid = validate(&plan).is_ok();
        let stored = lib.put(&plan, None, now);
        prop_assert_eq!(stored.is_ok(), valid, "{:?}", stored.as_ref().err());
        if valid {
            let loaded = lib.load(plan.id);
            prop_assert!(loaded.is_ok(), "stored but unreadable: {:?}", loaded.as_ref().err());
            prop_assert_eq!(loaded.map(|l| l.plan).ok(), Some(plan.clone()));
            // And the next save goes up from there, never back to 0.
            if let Ok(raw) = lib.current_raw(plan.id).map(Option::unwrap_or_default) {
                let saved = lib.save(&plan, Some(&raw), now);
                prop_assert!(saved.is_ok(), "{:?}", saved.as_ref().err());
                prop_assert!(saved.map(|s| s.revision >= plan.revision && s.revision > 0).unwrap_or(false));
            }
        }
    }
}

#[test]
fn a_time_past_year_9999_in_utc_is_refused_when_read_and_never_written() {
    let mut plan = full_plan("Far");
    plan.created_at = ts("9999-12-31T23:59:59-23:59");
    assert!(validate(&plan).is_err());
    assert!(
        encode(
            std::slice::from_ref(&plan),
            ts("2026-12-03T10:00:00Z"),
            false
        )
        .is_err()
    );
}

#[test]
fn the_revision_stops_at_its_top_instead_of_wrapping() {
    let lib = Library::new(MemoryBackend::default());
    let mut plan = full_plan("Top");
    plan.revision = u64::MAX;
    let saved = lib
        .put(&plan, None, ts("2026-12-03T10:00:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
    let again = lib
        .save(&plan, Some(&saved.raw), ts("2026-12-03T10:01:00Z"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.revision, u64::MAX);
}

#[test]
fn the_layout_leaves_strings_alone_and_writes_empty_lists_as_serde_json_does() {
    use alliance_planner::persistence::format::indent;
    let value = serde_json::json!({
        "name": "quotes \" and \\\\ backslash, {braces}: [brackets], commas",
        "empty": [], "nothing": {}, "nested": [{"a": [1, {"b": null}]}, "ünï\u{1F600}"],
    });
    let compact = serde_json::to_string(&value).unwrap_or_default();
    let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
    assert_eq!(indent(&compact), pretty);
}
