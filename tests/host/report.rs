//! The plan report as Markdown, the share copy without private fields, and the v5 fixture.

use alliance_planner::domain::Plan;
use alliance_planner::domain::private::share_copy;
use alliance_planner::domain::report::{
    Block, Term, blocks_to_markdown, escape, report, to_markdown,
};
use alliance_planner::persistence::format::{decode, plan_from_value};

use crate::common::{date, decoded_fixture, file_of, full_plan, ts};

/// Words for the report in tests: the term's own name, so every label is visible; dates as
/// YYYY-MM-DD.
fn words(t: Term<'_>) -> String {
    match t {
        Term::Date(d) => d.to_string(),
        Term::DateAt(d, at) => format!("{d} {}", at.format("%H:%M")),
        Term::Label(label) => format!("{label}:"),
        Term::GoalStatus {
            rag,
            reason,
            progress,
            ..
        } => format!("{rag:?} {reason:?} {progress} %"),
        t => format!("{t:?}"),
    }
}

fn v5_plan() -> Plan {
    let decoded = decoded_fixture("v5/goals-and-evaluation.alliance.json");
    assert_eq!(decoded.from_version, 5);
    decoded
        .plans
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no plan"))
}

#[test]
fn the_v5_fixture_keeps_goals_sheet_and_evaluation() {
    use alliance_planner::domain::evaluation::{GoalStatus, Rag, Reason, goal_status};
    use alliance_planner::domain::goals::Impact;
    let plan = v5_plan();
    assert_eq!(plan.goals.len(), 2);
    let g = &plan.goals[0];
    assert_eq!(g.measure.target, Some(2));
    assert_eq!(g.measure.qualities.len(), 1);
    assert_eq!(g.equity.gender.impact, Some(Impact::Possible));
    assert_eq!(g.equity.recheck_on, Some(date("2027-02-01")));
    assert!(plan.goals[1].deadline.is_none());
    assert_eq!(
        plan.success_sheet.entries[0].lines[0].what,
        "Board vote on the timetable"
    );
    assert_eq!(plan.action_plan.activities[0].goal, Some(g.id));
    assert!(plan.power.stakeholders[2].private);
    assert_eq!(plan.evaluation.check_ins.len(), 2);
    assert!(plan.evaluation.journal[1].private);
    // One of two routes is back (half) and the quality is met (whole): 75 % of the way, ahead
    // of the 55 % of the time gone by.
    let status = goal_status(g, &plan.evaluation, plan.overview.start, date("2027-04-02"));
    assert!(
        matches!(
            status,
            GoalStatus::Checked {
                rag: Rag::Green,
                reason: Reason::OnTrack,
                progress: 75,
                ..
            }
        ),
        "{status:?}"
    );
}

#[test]
fn v4_files_open_with_goals_sheet_and_evaluation_empty() {
    let v4 = decoded_fixture("v4/power-and-action.alliance.json");
    let plan = &v4.plans[0];
    assert!(plan.goals.is_empty());
    assert_eq!(plan.success_sheet, Default::default());
    assert_eq!(plan.evaluation, Default::default());
    assert!(plan.power.stakeholders.iter().all(|s| !s.private));
}

#[test]
fn markdown_escapes_what_would_be_markup() {
    assert_eq!(
        escape("<img src=x onerror=alert(1)>"),
        "\\<img src=x onerror=alert(1)\\>"
    );
    assert_eq!(escape("# not a heading"), "\\# not a heading");
    assert_eq!(escape("- not a list"), "\\- not a list");
    assert_eq!(escape("1. not numbered"), "1\\. not numbered");
    assert_eq!(
        escape("a *b* _c_ [d](e) | f"),
        "a \\*b\\* \\_c\\_ \\[d\\](e) \\| f"
    );
    assert_eq!(escape("plain words, 3-4 (ok)"), "plain words, 3-4 (ok)");
    assert_eq!(escape("~~struck~~ &copy;"), "\\~\\~struck\\~\\~ \\&copy;");
    assert_eq!(
        escape("    not code"),
        "not code",
        "indentation would make a code block"
    );
    assert_eq!(
        escape("one\ntwo\n\nthree"),
        "one\\\ntwo\n\nthree",
        "hard breaks within a paragraph"
    );
    let md = blocks_to_markdown(&[
        Block::Heading(2, "Title".into()),
        Block::Field("Label".into(), "one\ntwo".into()),
        Block::Table {
            headers: vec!["A".into(), "B".into()],
            rows: vec![vec!["x|y".into(), "line\nbreak".into()]],
        },
        Block::List(vec!["item".into()]),
    ]);
    assert_eq!(
        md,
        "## Title\n\n**Label**\n\none\\\ntwo\n\n| A | B |\n| --- | --- |\n| x\\|y | line break |\n\n- item\n"
    );
}

#[test]
fn a_lone_carriage_return_is_a_line_end_and_cannot_start_markup() {
    // Markdown ends a line at CR, LF or CRLF: a lone CR would start a heading here.
    assert_eq!(escape("one\r# two"), "one\\\n\\# two");
    assert_eq!(escape("one\r\ntwo\rthree\n"), "one\\\ntwo\\\nthree");
    let md = blocks_to_markdown(&[
        Block::Field("Label".into(), "first\r- second".into()),
        Block::Paragraph("a\r\r| b |".into()),
    ]);
    assert_eq!(md, "**Label**\n\nfirst\\\n\\- second\n\na\n\n\\| b \\|\n");
    assert!(!md.contains('\r'));
}

#[test]
fn the_markdown_report_covers_every_step_and_leaves_private_fields_out_unless_asked() {
    let mut plan = v5_plan();
    plan.overview.notes = "<script>alert(1)</script>".into();
    let md = to_markdown(&plan, &words, false, date("2027-04-02"), plan_from_value)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(md.starts_with("# Bus routes back, with goals\n"));
    for step in [
        "Partners",
        "Foundations",
        "Strategy",
        "Activities",
        "Change",
        "Power",
        "Stakeholders",
        "Goals",
        "Swot",
        "ActionPlan",
        "Success",
        "Evaluation",
    ] {
        assert!(md.contains(&format!("## Step({step})")), "{step} missing");
    }
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\>"),
        "user text is escaped"
    );
    assert!(md.contains("Restore evening buses on routes 4 and 7"));
    assert!(md.contains("**Target:** 2 routes restored (Baseline 0)"));
    assert!(md.contains("2027-04-01: Board vote on the timetable"));
    assert!(md.contains("| 2027-04-01 |"), "check-ins table");
    assert!(md.contains("Find a route 7 rider."));
    // Private: the partner's notes, the private stakeholder's notes, the private reflection.
    for private in [
        "Chair is stepping down in spring.",
        "Lobbied for the cuts",
        "Watch their lobbying filings",
        "The chair's aide leaked our plan.",
    ] {
        assert!(!md.contains(private), "{private} leaked");
    }
    let all = to_markdown(&plan, &words, true, date("2027-04-02"), plan_from_value)
        .unwrap_or_else(|e| panic!("{e}"));
    for private in [
        "Chair is stepping down in spring.",
        "Lobbied for the cuts",
        "The chair's aide leaked our plan.",
    ] {
        assert!(all.contains(private), "{private} missing when asked for");
    }
    // The report's blocks mark where the diagrams go.
    let blocks = report(&plan, &words, false, date("2027-04-02"), plan_from_value)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(blocks.iter().any(|b| matches!(b, Block::Diagram(_))));
}

#[test]
fn the_share_copy_has_no_private_text_and_imports() {
    let plan = v5_plan();
    let shared = share_copy(&plan, plan_from_value).unwrap_or_else(|e| panic!("{e}"));
    let text = file_of(&shared, "2027-04-02T10:00:00Z", true);
    for private in [
        "Chair is stepping down in spring.",
        "Lobbied for the cuts",
        "Watch their lobbying filings",
        "The chair's aide leaked our plan.",
    ] {
        assert!(
            !text.contains(private),
            "{private} leaked into the share file"
        );
    }
    // What is not private stays.
    assert!(text.contains("Ran the spring petition"));
    assert!(text.contains("Find a route 7 rider."));
    assert_eq!(shared.evaluation.journal.len(), 1);
    assert_eq!(
        shared.power.stakeholders.len(),
        3,
        "the private stakeholder stays on the map"
    );
    let back = decode(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.plans[0], shared);
    // Everything else is shared as it is.
    let open = full_plan("Open");
    let mut expected = open.clone();
    for p in &mut expected.partners {
        p.private_notes.clear();
    }
    expected.evaluation.journal.retain(|r| !r.private);
    assert!(
        share_copy(&open, plan_from_value).ok() == Some(expected),
        "only private fields change"
    );
}

#[test]
fn links_to_nothing_are_dropped_on_the_way_in() {
    let mut plan = v5_plan();
    let ghost = uuid::Uuid::new_v4();
    plan.goals[0].tactics.push(ghost);
    plan.goals[0].outcomes.push(ghost);
    plan.action_plan.activities[1].goal = Some(ghost);
    plan.swot.strengths[0].informs.push(ghost);
    plan.success_sheet.entries[0].tasks.push(ghost);
    plan.evaluation.check_ins[0].met.push(ghost);
    plan.evaluation.journal[0].present.push(ghost);
    plan.strategy.resource_partners.push(ghost);
    let text = file_of(&plan, "2027-04-02T10:00:00Z", false);
    let back = decode(&text).unwrap_or_else(|e| panic!("{e}"));
    let p = &back.plans[0];
    assert!(!p.goals[0].tactics.contains(&ghost));
    assert!(!p.goals[0].outcomes.contains(&ghost));
    assert_eq!(p.action_plan.activities[1].goal, None);
    assert!(!p.swot.strengths[0].informs.contains(&ghost));
    assert!(!p.success_sheet.entries[0].tasks.contains(&ghost));
    assert!(p.evaluation.check_ins[0].met.is_empty());
    assert!(!p.evaluation.journal[0].present.contains(&ghost));
    assert!(p.strategy.resource_partners.is_empty());
    // What pointed somewhere real is kept.
    assert_eq!(p.goals[0].tactics, v5_plan().goals[0].tactics);
    assert_eq!(p.evaluation.check_ins[1].met.len(), 1);
}

#[test]
fn assessments_and_snapshots_of_one_day_are_told_apart_by_their_time() {
    let mut plan = full_plan("Twice");
    let day = date("2026-03-02");
    plan.foundations.blocks.clear_roles.score = Some(2);
    plan.foundations
        .record_assessment(day, ts("2026-03-02T20:15:00Z"), uuid::Uuid::new_v4());
    plan.power.record_snapshot(
        date("2026-03-05"),
        ts("2026-03-05T21:00:00Z"),
        uuid::Uuid::new_v4(),
    );
    let md = to_markdown(&plan, &words, false, date("2026-04-02"), plan_from_value)
        .unwrap_or_else(|e| panic!("{e}"));
    // full_plan saved one of each on those days at 18:00.
    assert!(
        md.contains("| 2026-03-02 18:00 | 2026-03-02 20:15 |"),
        "{md}"
    );
    assert!(
        md.contains("- 2026-03-05 18:00\n- 2026-03-05 21:00\n- 2026-04-05\n"),
        "{md}"
    );
}
