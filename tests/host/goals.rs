//! SMARTIE goals: every coach rule on good and bad goals (with the word lists the app ships),
//! the equity check and its re-check dates, the red/amber/green status, and step completion.

use alliance_planner::domain::Plan;
use alliance_planner::domain::evaluation::{
    CheckIn, Evaluation, GoalStatus, Rag, Reason, Reflection, goal_status, summary,
};
use alliance_planner::domain::goals::{
    CoachWords, DefinedQuality, Dimension, EquityGap, Flag, Goal, Impact, Window, coach,
    rechecks_due,
};
use alliance_planner::domain::steps::Step;

use crate::common::{date, ts};

/// The coach's word lists as the English locale file has them.
fn english_words() -> CoachWords {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/locales/en.json");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let list = |key: &str| json["goals"][key].as_str().unwrap_or_default().to_owned();
    let words = CoachWords::parse(
        &list("words_groups"),
        &list("words_power"),
        &list("words_fairness"),
        &list("words_months"),
    );
    assert!(!words.groups.is_empty() && !words.power.is_empty() && !words.fairness.is_empty());
    assert!(words.months.contains(&"may".to_owned()));
    words
}

fn window() -> Window {
    Window {
        start: Some(date("2027-01-01")),
        end: Some(date("2027-12-31")),
    }
}

fn goal(statement: &str) -> Goal {
    Goal {
        statement: statement.into(),
        deadline: Some(date("2027-05-31")),
        ..Goal::new()
    }
}

/// The source material's own example: measurable by its count, time-bound, and inclusive in a
/// way that shares power. It names no fairness element, so only E is flagged.
#[test]
fn the_seed_example_passes_m_t_and_i() {
    let g = goal(
        "Build a volunteer team of 100 door-to-door canvassers by May, with at least 10 people of \
         color recruited as volunteer leaders first, so that they can help shape the way we run \
         the canvasses.",
    );
    let flags = coach(&g, window(), &english_words());
    assert_eq!(flags, [Flag::NoFairness]);
    for f in &flags {
        assert_ne!(f.letter().map(|l| l.as_str()), Some("m"));
        assert_ne!(f.letter().map(|l| l.as_str()), Some("t"));
        assert_ne!(f.letter().map(|l| l.as_str()), Some("i"));
    }
}

#[test]
fn an_empty_goal_is_flagged_on_every_rule_but_tokenism() {
    let flags = coach(&Goal::new(), window(), &english_words());
    assert_eq!(
        flags,
        [
            Flag::NoStatement,
            Flag::NoMeasure,
            Flag::NoDeadline,
            Flag::NoGroup,
            Flag::NoFairness
        ]
    );
}

/// For each goal sentence, whether the coach raises `flag` on it.
fn flagged_when(flag: Flag, cases: &[(&str, bool)]) {
    let words = english_words();
    for (text, expected) in cases {
        let flags = coach(&goal(text), window(), &words);
        assert_eq!(flags.contains(&flag), *expected, "{flag:?} on {text:?}");
    }
}

#[test]
fn m_needs_a_number_or_a_defined_quality() {
    let words = english_words();
    flagged_when(
        Flag::NoMeasure,
        &[
            // A day of a month is not a count.
            ("Win the vote by 31 May", true),
            ("Sign up 2,000 members", false),
            (
                "Ensure the steering committee is highly engaged this year.",
                true,
            ),
            // A year is not a count.
            ("Win by 2027.", true),
        ],
    );
    let vague = goal("Ensure the steering committee is highly engaged this year.");
    // A defined quality is a measure.
    let mut quality = vague.clone();
    quality.measure.qualities.push(DefinedQuality {
        text: "Every member attends three of four meetings".into(),
        ..DefinedQuality::new()
    });
    assert!(!coach(&quality, window(), &words).contains(&Flag::NoMeasure));
    // An empty quality is not.
    let mut blank = vague.clone();
    blank.measure.qualities.push(DefinedQuality::new());
    assert!(coach(&blank, window(), &words).contains(&Flag::NoMeasure));
    // A target needs its unit.
    let mut target = vague.clone();
    target.measure.target = Some(12);
    let flags = coach(&target, window(), &words);
    assert!(!flags.contains(&Flag::NoMeasure));
    assert!(flags.contains(&Flag::NoUnit));
    target.measure.unit = "members at each meeting".into();
    assert!(!coach(&target, window(), &words).contains(&Flag::NoUnit));
}

#[test]
fn t_needs_a_deadline_inside_the_plan() {
    let words = english_words();
    let mut g = goal("Sign up 40 tenants");
    g.deadline = None;
    assert!(coach(&g, window(), &words).contains(&Flag::NoDeadline));
    g.deadline = Some(date("2028-01-01"));
    let flags = coach(&g, window(), &words);
    assert!(flags.contains(&Flag::DeadlineOutsidePlan));
    assert!(!flags.contains(&Flag::NoDeadline));
    g.deadline = Some(date("2026-12-31"));
    assert!(coach(&g, window(), &words).contains(&Flag::DeadlineOutsidePlan));
    g.deadline = Some(date("2027-12-31"));
    assert!(!coach(&g, window(), &words).contains(&Flag::DeadlineOutsidePlan));
    // A plan without dates takes any deadline.
    g.deadline = Some(date("2030-01-01"));
    assert!(!coach(&g, Window::default(), &words).contains(&Flag::DeadlineOutsidePlan));
}

#[test]
fn i_needs_a_group_and_the_power_they_hold() {
    let words = english_words();
    let g = goal("Sign up 40 members by March");
    assert!(coach(&g, window(), &words).contains(&Flag::NoGroup));
    // Naming a group in the answer, with no power: the tokenism warning.
    let mut named = g.clone();
    named.answers.inclusive = "Somali-speaking families on the estate".into();
    let flags = coach(&named, window(), &words);
    assert!(!flags.contains(&Flag::NoGroup));
    assert!(flags.contains(&Flag::Tokenism));
    // Naming a group in the sentence counts too.
    let tokens = goal("Run 4 house meetings with 40 young people by March");
    let flags = coach(&tokens, window(), &words);
    assert!(!flags.contains(&Flag::NoGroup));
    assert!(flags.contains(&Flag::Tokenism), "inclusion without power");
    // Power, in the answer or in the sentence, clears it.
    let mut shared = named.clone();
    shared.answers.power = "Two seats on the steering group".into();
    assert!(!coach(&shared, window(), &words).contains(&Flag::Tokenism));
    let leading = goal("Sign up 40 members by March, 10 young people who lead the house meetings");
    assert!(!coach(&leading, window(), &words).contains(&Flag::Tokenism));
}

#[test]
fn e_needs_fairness_or_justice() {
    let words = english_words();
    flagged_when(
        Flag::NoFairness,
        &[
            ("Sign up 40 members", true),
            (
                "Sign up 40 members so repairs are fair across every block",
                false,
            ),
        ],
    );
    let mut answered = goal("Sign up 40 members");
    answered.answers.equitable = "The worst-housed blocks go first".into();
    assert!(!coach(&answered, window(), &words).contains(&Flag::NoFairness));
}

#[test]
fn a_complete_goal_has_no_flags_and_completes_the_step_with_its_equity_check() {
    let words = english_words();
    let mut plan = Plan::new("Plan", ts("2027-01-01T00:00:00Z"));
    plan.overview.start = Some(date("2027-01-01"));
    plan.overview.end = Some(date("2027-12-31"));
    let mut g = goal("Recruit 60 tenant door-knockers from every block");
    g.measure.target = Some(60);
    g.measure.unit = "door-knockers".into();
    g.answers.inclusive = "Northfield tenants".into();
    g.answers.power = "They set the survey questions".into();
    g.answers.equitable = "The blocks with the worst repairs go first".into();
    assert_eq!(coach(&g, plan.window(), &words), []);
    plan.goals.push(g.clone());
    assert!(
        !Step::Goals.is_complete(&plan, &words),
        "S, A and R are not answered yet"
    );
    let a = &mut plan.goals[0].answers;
    a.strategic = "Tenants who organise their blocks are our power".into();
    a.ambitious = "Today 18 knock doors".into();
    a.realistic = "Three house meetings a month".into();
    assert!(
        !Step::Goals.is_complete(&plan, &words),
        "the equity check is not done yet"
    );
    let e = &mut plan.goals[0].equity;
    for d in Dimension::ALL {
        d.of_mut(e).impact = Some(Impact::NoneSeen);
    }
    e.recheck_on = Some(date("2027-03-01"));
    assert!(Step::Goals.is_complete(&plan, &words));
}

#[test]
fn the_equity_check_says_what_is_missing() {
    let mut g = Goal::new();
    let gaps = g.equity.gaps();
    assert_eq!(gaps.len(), 7, "six dimensions and the re-check date");
    assert!(gaps.contains(&EquityGap::Unanswered(Dimension::Race)));
    for d in Dimension::ALL {
        d.of_mut(&mut g.equity).impact = Some(Impact::NoneSeen);
    }
    Dimension::Gender.of_mut(&mut g.equity).impact = Some(Impact::Possible);
    Dimension::Ability.of_mut(&mut g.equity).impact = Some(Impact::CannotTell);
    assert_eq!(
        g.equity.gaps(),
        [
            EquityGap::NoMitigation,
            EquityGap::NoWayToCheck,
            EquityGap::NoRecheckDate
        ]
    );
    g.equity.mitigation = "Meet on Saturdays with childcare".into();
    g.equity.how_to_check = "Ask the disability forum in February".into();
    g.equity.recheck_on = Some(date("2027-02-01"));
    assert_eq!(g.equity.gaps(), []);
}

#[test]
fn a_recheck_is_due_from_its_date_until_someone_looks_again() {
    let mut g = Goal::new();
    let e = &mut g.equity;
    assert!(!e.recheck_due(date("2027-02-01")), "no date, never due");
    e.recheck_on = Some(date("2027-02-01"));
    assert!(!e.recheck_due(date("2027-01-31")));
    assert!(e.recheck_due(date("2027-02-01")));
    assert!(e.recheck_due(date("2027-03-01")));
    e.rechecked_on = Some(date("2027-02-03"));
    assert!(!e.recheck_due(date("2027-03-01")), "looked at again");
    e.recheck_on = Some(date("2027-05-01"));
    assert!(!e.recheck_due(date("2027-04-30")));
    assert!(e.recheck_due(date("2027-05-01")), "the next date came");
    let other = Goal::new();
    let list = vec![g.clone(), other];
    assert_eq!(rechecks_due(&list, date("2027-05-02")), [g.id]);
}

fn counted_goal() -> Goal {
    let mut g = goal("Recruit 60 door-knockers");
    g.deadline = Some(date("2027-05-01"));
    g.measure.target = Some(60);
    g.measure.baseline = Some(20);
    g
}

fn status_with(g: &Goal, checks: &[(&str, Option<u32>)], today: &str) -> GoalStatus {
    let mut ev = Evaluation::default();
    for (d, v) in checks {
        let mut c = CheckIn::new(g.id, date(d));
        c.value = *v;
        ev.add_check_in(c);
    }
    goal_status(g, &ev, Some(date("2027-01-01")), date(today))
}

/// The goal's status on 2027-03-02, halfway through a plan that started on 2027-01-01.
fn halfway(g: &Goal, ev: &Evaluation) -> GoalStatus {
    goal_status(g, ev, Some(date("2027-01-01")), date("2027-03-02"))
}

fn rag(status: GoalStatus) -> Option<(Rag, Reason, u32)> {
    match status {
        GoalStatus::Checked {
            rag,
            reason,
            progress,
            ..
        } => Some((rag, reason, progress)),
        _ => None,
    }
}

#[test]
fn red_amber_green_follows_progress_against_time() {
    let g = counted_goal();
    assert_eq!(status_with(&g, &[], "2027-03-01"), GoalStatus::NotChecked);
    // 2027-01-01 to 2027-05-01 is 120 days; on 2027-03-02 half the time has gone.
    let cases = [
        // 40 of 40 to go: met.
        ("2027-03-02", 60, (Rag::Green, Reason::Met, 100)),
        // On the first day nothing was due yet.
        ("2027-01-01", 20, (Rag::Green, Reason::JustStarted, 0)),
        // Halfway in time, halfway there: on track.
        ("2027-03-02", 40, (Rag::Green, Reason::OnTrack, 50)),
        // Halfway in time, 30 % there: slightly behind.
        ("2027-03-02", 32, (Rag::Amber, Reason::SlightlyBehind, 30)),
        // Halfway in time, 10 % there: behind.
        ("2027-03-02", 24, (Rag::Red, Reason::Behind, 10)),
    ];
    for (day, value, expected) in cases {
        assert_eq!(
            rag(status_with(&g, &[(day, Some(value))], day)),
            Some(expected),
            "{value} on {day}"
        );
    }
    // The latest check-in counts, whatever order a file holds them in.
    let mut ev = Evaluation::default();
    for (d, v) in [("2027-03-02", 40), ("2027-01-15", 20)] {
        let mut c = CheckIn::new(g.id, date(d));
        c.value = Some(v);
        ev.check_ins.push(c);
    }
    assert_eq!(
        rag(halfway(&g, &ev)),
        Some((Rag::Green, Reason::OnTrack, 50))
    );
    assert_eq!(
        rag(status_with(
            &g,
            &[("2027-03-02", Some(40)), ("2027-01-15", Some(20))],
            "2027-03-02"
        )),
        Some((Rag::Green, Reason::OnTrack, 50))
    );
    // Past the deadline and not met.
    assert_eq!(
        rag(status_with(&g, &[("2027-04-20", Some(58))], "2027-05-02")),
        Some((Rag::Red, Reason::DeadlinePassed, 95))
    );
    // No deadline: the pace cannot be judged.
    let mut open = g.clone();
    open.deadline = None;
    assert_eq!(
        rag(status_with(
            &open,
            &[("2027-03-02", Some(40))],
            "2027-03-02"
        )),
        Some((Rag::Amber, Reason::NoPace, 50))
    );
    // Nothing to measure.
    let mut vague = g.clone();
    vague.measure = Default::default();
    assert_eq!(
        status_with(&vague, &[("2027-03-02", None)], "2027-03-02"),
        GoalStatus::NothingToMeasure
    );
}

#[test]
fn qualities_count_toward_progress() {
    let mut g = counted_goal();
    g.measure.target = None;
    let a = DefinedQuality {
        text: "Minutes shared within a week".into(),
        ..DefinedQuality::new()
    };
    let b = DefinedQuality {
        text: "Every partner chairs once".into(),
        ..DefinedQuality::new()
    };
    g.measure.qualities = vec![a.clone(), b.clone()];
    let mut ev = Evaluation::default();
    let mut c = CheckIn::new(g.id, date("2027-03-02"));
    c.met = vec![a.id];
    ev.add_check_in(c);
    assert_eq!(
        rag(halfway(&g, &ev)),
        Some((Rag::Green, Reason::OnTrack, 50))
    );
}

#[test]
fn evaluation_completes_with_a_check_in_per_goal_and_a_reflection() {
    let words = CoachWords::default();
    let mut plan = Plan::new("Plan", ts("2027-01-01T00:00:00Z"));
    assert!(!Step::Evaluation.is_complete(&plan, &words));
    let g = counted_goal();
    let id = g.id;
    plan.goals.push(g);
    plan.evaluation
        .add_check_in(CheckIn::new(id, date("2027-02-01")));
    assert!(!Step::Evaluation.is_complete(&plan, &words));
    plan.evaluation
        .add_reflection(Reflection::new(date("2027-02-02")));
    assert!(Step::Evaluation.is_complete(&plan, &words));
    let s = summary(&plan, date("2027-02-03"));
    assert_eq!(s.goals.len(), 1);
    assert_eq!(s.reflections, 1);
    assert_eq!(s.latest_reflection, Some(date("2027-02-02")));
    // Removing the goal takes its check-ins with it.
    plan.remove_goal(id);
    assert!(plan.evaluation.check_ins.is_empty());
}

#[test]
fn the_success_sheet_completes_with_a_window_goals_activities_and_an_agreement() {
    use alliance_planner::domain::success::SheetLine;
    let words = CoachWords::default();
    let mut plan = Plan::new("Plan", ts("2027-01-01T00:00:00Z"));
    let g = counted_goal();
    let id = g.id;
    plan.goals.push(g);
    let s = &mut plan.success_sheet;
    s.start = Some(date("2027-01-01"));
    s.end = Some(date("2027-06-30"));
    s.set_goal(id, true);
    assert!(!Step::Success.is_complete(&plan, &words));
    if let Some(e) = plan.success_sheet.entry_mut(id) {
        e.lines.push(SheetLine {
            what: "Train the first ten".into(),
            ..SheetLine::new()
        });
    }
    plan.success_sheet.agreed_with = "Steering committee".into();
    assert!(!Step::Success.is_complete(&plan, &words), "no date agreed");
    plan.success_sheet.agreed_on = Some(date("2027-01-05"));
    assert!(Step::Success.is_complete(&plan, &words));
    plan.remove_goal(id);
    assert!(plan.success_sheet.entries.is_empty());
}
