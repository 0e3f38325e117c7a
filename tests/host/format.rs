//! The file format: round trips, key order, fixtures of every schema version, the schema.

use std::fs;

use alliance_planner::persistence::format::{FORMAT, decode, decode_bytes, encode};
use alliance_planner::persistence::migrate::{CURRENT, MIGRATIONS};
use alliance_planner::persistence::schema;

use crate::common::{date, decoded_fixture, file_of, fixture_path, full_plan, ts};

#[test]
fn export_round_trips_exactly() {
    let plans = vec![full_plan("Eastside tenants"), full_plan("Youth voice")];
    for pretty in [true, false] {
        let text = encode(&plans, ts("2026-04-01T12:00:00Z"), pretty).unwrap_or_default();
        let decoded = decode(&text).unwrap_or_else(|e| panic!("pretty={pretty}: {e}"));
        assert_eq!(decoded.plans, plans);
        assert_eq!(decoded.from_version, CURRENT);
        assert_eq!(decoded.exported_at, Some(ts("2026-04-01T12:00:00Z")));
        assert_eq!(
            decoded.app_version.as_deref(),
            Some(env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn export_is_pretty_with_a_stable_key_order() {
    let text = encode(&[full_plan("Order")], ts("2026-04-01T12:00:00Z"), true).unwrap_or_default();
    let in_order = |keys: &[&str]| {
        let at: Vec<usize> = keys
            .iter()
            .map(|k| text.find(&format!("\"{k}\"")).unwrap_or(usize::MAX))
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{keys:?} out of order: {at:?}"
        );
    };
    in_order(&[
        "format",
        "schema_version",
        "exported_at",
        "app_version",
        "plans",
    ]);
    in_order(&["id", "revision", "created_at", "updated_at", "overview"]);
    assert!(text.starts_with("{\n  \"format\": \"alliance-planner\""));
    assert!(text.ends_with("}\n"));
    // Encoding the same plan twice gives the same bytes.
    let plan = full_plan("Twice");
    let once = file_of(&plan, "2026-04-01T12:00:00Z", true);
    let twice = file_of(&plan, "2026-04-01T12:00:00Z", true);
    assert_eq!(once, twice);
}

#[test]
fn dates_are_written_as_plain_calendar_dates() {
    let text = encode(&[full_plan("Dates")], ts("2026-04-01T12:00:00Z"), true).unwrap_or_default();
    assert!(text.contains("\"start\": \"2026-03-01\""));
    assert!(text.contains("\"end\": \"2027-02-28\""));
    assert!(text.contains("\"exported_at\": \"2026-04-01T12:00:00.000Z\""));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = encode(&[full_plan("Bom")], ts("2026-04-01T12:00:00Z"), true).unwrap_or_default();
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(
        decode(&with_bom).map(|d| d.plans),
        decode(&text).map(|d| d.plans)
    );
    assert!(decode_bytes(with_bom.as_bytes()).is_ok());
}

#[test]
fn missing_sections_are_filled_with_defaults() {
    let text = format!(
        r#"{{"format":"{FORMAT}","schema_version":1,"plans":[{{"id":"0b8e1d9a-7c2f-4e8b-9a51-3f6d2c1b0a99","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z"}}]}}"#
    );
    let decoded = decode(&text).unwrap_or_else(|e| panic!("{e}"));
    let plan = &decoded.plans[0];
    assert_eq!(plan.revision, 0);
    assert_eq!(plan.overview, Default::default());
    assert_eq!(decoded.exported_at, None);
}

/// Every fixture of every schema version decodes (migrating as needed), validates, and
/// survives a round trip through today's format.
#[test]
fn every_fixture_migrates_and_round_trips() {
    let mut seen_versions = Vec::new();
    let root = fixture_path("");
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    dirs.sort_by_key(|d| d.path());
    for dir in dirs {
        let name = dir.file_name().to_string_lossy().into_owned();
        let Some(version) = name.strip_prefix('v').and_then(|v| v.parse::<u32>().ok()) else {
            continue;
        };
        seen_versions.push(version);
        let mut files: Vec<_> = fs::read_dir(dir.path())
            .map(|d| d.flatten().collect())
            .unwrap_or_default();
        files.sort_by_key(|f| f.path());
        assert!(!files.is_empty(), "no fixtures in {name}");
        for file in files {
            let path = file.path();
            let bytes = fs::read(&path).unwrap_or_default();
            let decoded =
                decode_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(decoded.from_version, version, "{}", path.display());
            let again =
                encode(&decoded.plans, ts("2026-01-01T00:00:00Z"), true).unwrap_or_default();
            let round =
                decode(&again).unwrap_or_else(|e| panic!("{}: re-encoded: {e}", path.display()));
            assert_eq!(round.plans, decoded.plans, "{}", path.display());
        }
    }
    for v in 1..=CURRENT {
        assert!(
            seen_versions.contains(&v),
            "no fixture directory tests/fixtures/v{v}"
        );
    }
    assert_eq!(MIGRATIONS.len() as u32, CURRENT - 1);
}

#[test]
fn the_v1_example_fixture_keeps_its_content() {
    let decoded = decoded_fixture("v1/example-coalition.alliance.json");
    assert_eq!(decoded.plans.len(), 2);
    assert_eq!(
        decoded.plans[0].overview.coalition,
        "Riverside Housing Justice Coalition"
    );
    assert_eq!(decoded.plans[1].overview.start, None);
}

/// The JSON Schema in public/schema/ is generated from the Rust types. Regenerate it with
/// `UPDATE_SCHEMA=1 cargo test --test host schema`.
#[test]
fn published_schema_matches_the_types() {
    let generated = schema::generate();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(schema::PUBLISHED_PATH);
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        fs::write(&path, &generated).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }
    let published = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == generated,
        "{} is out of date: run `UPDATE_SCHEMA=1 cargo test --test host schema`",
        schema::PUBLISHED_PATH
    );
    let schema: serde_json::Value = serde_json::from_str(&generated).unwrap_or_default();
    let version = &schema["properties"]["schema_version"];
    assert_eq!(
        version["maximum"],
        serde_json::json!(CURRENT),
        "the schema's version range must follow CURRENT: {version}"
    );
    assert_eq!(version["minimum"], serde_json::json!(1));
    assert!(generated.contains("\"overview\""));
}

#[test]
fn v1_files_open_with_an_empty_partner_list_and_v2_keeps_partners() {
    let v1 = decoded_fixture("v1/example-coalition.alliance.json");
    assert_eq!(v1.from_version, 1);
    assert!(v1.plans.iter().all(|p| p.partners.is_empty()));

    let v2 = decoded_fixture("v2/partners.alliance.json");
    let partners = &v2.plans[0].partners;
    assert_eq!(partners.len(), 2);
    assert_eq!(partners[0].name, "Northfield Youth Forum");
    assert!(partners[0].roles.convener && !partners[0].roles.connector);
    assert_eq!(
        partners[1].kind,
        alliance_planner::domain::partners::PartnerKind::Person
    );
    assert_eq!(
        partners[0].private_notes,
        "Chair is stretched thin this term."
    );
}

#[test]
fn v3_keeps_every_guided_step() {
    use alliance_planner::domain::activities::{ActivityKind, Stage};
    use alliance_planner::domain::foundations::{Rating, block_history};
    use alliance_planner::domain::partners::Commitment;
    use alliance_planner::domain::{change, strategy};

    let v3 = decoded_fixture("v3/guided-steps.alliance.json");
    let plan = &v3.plans[0];
    let f = &plan.foundations;
    assert_eq!(f.qualities.commitment.rating, Some(Rating::Partly));
    assert_eq!(f.qualities.shared_purpose.rating, None);
    assert_eq!(f.blocks.diverse_people.next_step, "Ask the apprentices.");
    assert_eq!(f.assessments.len(), 2);
    assert_eq!(block_history(&f.assessments)[0].scores, [Some(2), Some(3)]);
    assert_eq!(f.charter.will_not_do, "Endorse parties.");
    assert_eq!(
        alliance_planner::domain::foundations::slush_warning(plan),
        Some(alliance_planner::domain::foundations::SlushWarning::CommitmentRated(Rating::Partly))
    );
    let parts = strategy::statement_parts(plan);
    assert_eq!(
        parts.resources,
        ["Dockers' branch", "A friendly councillor"]
    );
    assert!(plan.strategy.statement.starts_with("With the dockers"));
    assert_eq!(plan.activities.stage, Some(Stage::New));
    assert_eq!(
        plan.activities.log[0].commitment_after,
        Some(Commitment::Growing)
    );
    assert_eq!(plan.activities.log[1].kind, ActivityKind::Custom);
    assert_eq!(plan.activities.log[1].custom_kind, "Port open day stall");
    let statements = &plan.theory_of_change.statements;
    assert_eq!(change::check_chain(statements), Ok(()));
    assert_eq!(change::layout(statements).layers, 2);
    assert!(change::chain_warnings(statements).is_empty());

    // Older files open with the new steps empty.
    let v2 = decoded_fixture("v2/partners.alliance.json");
    assert_eq!(v2.from_version, 2);
    let old = &v2.plans[0];
    assert_eq!(old.foundations, Default::default());
    assert_eq!(old.strategy, Default::default());
    assert!(old.activities.log.is_empty() && old.activities.stage.is_none());
    assert!(old.theory_of_change.statements.is_empty());
    assert_eq!(old.power, Default::default());
    assert_eq!(old.swot, Default::default());
    assert_eq!(old.action_plan, Default::default());
    // v3 files open with the power analysis, SWOT and action plan empty, and keep the rest.
    assert_eq!(v3.from_version, 3);
    assert_eq!(plan.power, Default::default());
    assert_eq!(plan.action_plan, Default::default());
}

#[test]
fn v4_keeps_the_power_analysis_swot_and_action_plan() {
    use alliance_planner::domain::action::{self, Status, TaskFilter, TaskSort};
    use alliance_planner::domain::power::{self, Movement, Position};

    let v4 = decoded_fixture("v4/power-and-action.alliance.json");
    assert_eq!(v4.from_version, 4);
    let plan = &v4.plans[0];
    let p = &plan.power;
    assert_eq!(p.stakeholders.len(), 3);
    assert_eq!(
        power::stakeholder_name(plan, &p.stakeholders[0]),
        "Riders' union"
    );
    assert_eq!(p.stakeholders[1].messenger, Some(plan.partners[1].id));
    let moves = power::movement(&p.snapshots[0].placements, &p.snapshots[1].placements);
    assert_eq!(moves.len(), 3);
    assert!(matches!(
        moves[0],
        Movement::Moved {
            toward_allies: 1,
            ..
        }
    ));
    assert!(matches!(
        moves[1],
        Movement::Moved {
            toward_allies: 1,
            influence_change: 0,
            ..
        }
    ));
    assert!(matches!(moves[2], Movement::Added { .. }));
    assert_eq!(p.stakeholders[2].position, Position::ActiveOpposition);
    assert_eq!(p.links[0].note, "The chair worships at St Anne's");
    let tactic = plan.action_plan.tactics[0].id;
    assert_eq!(plan.swot.informing(tactic).len(), 2);
    assert_eq!(plan.swot.weaknesses[0].informs, Vec::<uuid::Uuid>::new());
    let acts = &plan.action_plan.activities;
    assert_eq!(acts[2].status, Status::Blocked);
    assert_eq!(acts[2].due, None);
    let order = action::task_rows(
        acts,
        TaskFilter::default(),
        TaskSort::Due,
        date("2027-02-15"),
    );
    assert_eq!(order, [acts[1].id, acts[0].id, acts[2].id]);
    assert!(acts[1].is_overdue(date("2027-02-15")));
}

#[test]
fn files_are_named_after_the_plan_and_the_day_and_say_when_they_hold_private_notes() {
    use alliance_planner::persistence::format::file_name;
    let day = date("2026-12-03");
    assert_eq!(
        file_name("Tenants’ Union!", "alliance-plan", day, false),
        "tenants-union-2026-12-03.alliance.json"
    );
    assert_eq!(
        file_name("Tenants union", "alliance-plan", day, true),
        "tenants-union-2026-12-03-private.alliance.json"
    );
    assert_eq!(
        file_name("  ✊ ", "alliance-plan", day, false),
        "alliance-plan-2026-12-03.alliance.json"
    );
}
