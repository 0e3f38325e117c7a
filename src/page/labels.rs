//! The words for the plan's values: every label of a domain enum, the names the pickers list,
//! and the short forms the steps and the report share. One room, so a step never borrows
//! words from another step, and a widget never from a step.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use uuid::Uuid;

use crate::domain::Partner;
use crate::domain::PlanStoreFields;
use crate::domain::action::{Status, Tactic, TaskSort, tactic_name};
use crate::domain::activities::{ActivityKind, Stage};
use crate::domain::evaluation::{Rag, Reason};
use crate::domain::foundations::{Block, Quality, Rating};
use crate::domain::goals::{Dimension, Goal, Impact, Letter};
use crate::domain::partners::{Commitment, Continuum, PartnerKind};
use crate::domain::power::{
    Influence, Position, PowerAnalysisStoreFields, Stakeholder, StakeholderKind, StakeholderSort,
};
use crate::domain::steps::Step;
use crate::domain::swot::Quadrant;
use crate::domain::text::truncate_chars;
use crate::i18n::*;
use crate::state::use_document;

type Ctx = I18nContext<Locale>;

/// The words for a value of a domain enum, in the reader's language. Every enum the plan
/// holds has them here, so the report, the steps and the conflict banner name a value the
/// same way, and a new value is named in one place.
pub trait Words: Copy {
    fn words(self, i18n: Ctx) -> String;
}

macro_rules! words {
    ($($t:ty => $f:expr),* $(,)?) => {
        $(impl Words for $t {
            fn words(self, i18n: Ctx) -> String {
                let f: fn(Ctx, $t) -> String = $f;
                f(i18n, self)
            }
        })*
    };
}

words! {
    Step => |i, s| match s {
        Step::Overview => t_string!(i, steps.overview),
        Step::Foundations => t_string!(i, steps.foundations),
        Step::Partners => t_string!(i, steps.partners),
        Step::Strategy => t_string!(i, steps.strategy),
        Step::Activities => t_string!(i, steps.activities),
        Step::Change => t_string!(i, steps.change),
        Step::Power => t_string!(i, steps.power),
        Step::Stakeholders => t_string!(i, steps.stakeholders),
        Step::Goals => t_string!(i, steps.goals),
        Step::Swot => t_string!(i, steps.swot),
        Step::ActionPlan => t_string!(i, steps.action_plan),
        Step::Success => t_string!(i, steps.success),
        Step::Evaluation => t_string!(i, steps.evaluation),
    }
    .to_owned(),
    ActivityKind => |i, k| kind_text(i, k).0.to_owned(),
    Block => |i, b| block_text(i, b).0,
    Commitment => |i, c| commitment_label(i, c).to_owned(),
    Continuum => |i, c| continuum_label(i, c).to_owned(),
    Dimension => |i, d| dimension_label(i, d).to_owned(),
    Impact => |i, x| impact_label(i, x).to_owned(),
    Influence => |i, x| influence_label(i, x).to_owned(),
    Letter => |i, l| letter_text(i, l).0.to_owned(),
    PartnerKind => |i, k| match k {
        PartnerKind::Organisation => t_string!(i, partners.kind_organisation),
        PartnerKind::Person => t_string!(i, partners.kind_person),
    }.to_owned(),
    Position => |i, p| position_label(i, p).to_owned(),
    Quadrant => |i, q| quadrant_text(i, q).0.to_owned(),
    Quality => |i, q| quality_text(i, q).0,
    Rag => |i, r| rag_label(i, r).to_owned(),
    Rating => rating_label,
    Reason => |i, r| reason_label(i, r).to_owned(),
    Stage => |i, s| match s {
        Stage::New => t_string!(i, activities.stage_new),
        Stage::Established => t_string!(i, activities.stage_established),
    }.to_owned(),
    StakeholderKind => |i, k| kind_label(i, k).to_owned(),
    StakeholderSort => |i, s| match s {
        StakeholderSort::Added => t_string!(i, stakeholders.sort_added),
        StakeholderSort::Name => t_string!(i, stakeholders.sort_name),
        StakeholderSort::Influence => t_string!(i, stakeholders.sort_influence),
        StakeholderSort::Position => t_string!(i, stakeholders.sort_position),
    }.to_owned(),
    Status => |i, s| status_label(i, s).to_owned(),
    TaskSort => |i, s| match s {
        TaskSort::Due => t_string!(i, action.sort_due),
        TaskSort::Status => t_string!(i, action.sort_status),
        TaskSort::What => t_string!(i, action.sort_what),
        TaskSort::Added => t_string!(i, action.sort_added),
    }.to_owned(),
}

/// A drop-down's choices: each value with its words.
pub fn choices<T: Words>(i18n: Ctx, all: &[T]) -> Vec<(T, String)> {
    all.iter().map(|v| (*v, v.words(i18n))).collect()
}

/// The words for a value of the plan's JSON that holds a domain enum, as the conflict banner
/// meets it: `list` is the list the value's item is in (`partners`, `stakeholders`…), if any,
/// and `field` its field. `None` when the field holds no enum, or a value this version does
/// not know.
pub fn value_words(
    i18n: Ctx,
    list: Option<&str>,
    field: &str,
    value: &serde_json::Value,
) -> Option<String> {
    fn read<T: Words + serde::de::DeserializeOwned>(
        i18n: Ctx,
        v: &serde_json::Value,
    ) -> Option<String> {
        T::deserialize(v).ok().map(|t| t.words(i18n))
    }
    match (list, field) {
        (_, "commitment" | "commitment_after") => read::<Commitment>(i18n, value),
        (_, "continuum") => read::<Continuum>(i18n, value),
        (Some("partners"), "kind") => read::<PartnerKind>(i18n, value),
        (Some("stakeholders"), "kind") => read::<StakeholderKind>(i18n, value),
        (Some("activities" | "tactics"), "kind") => read::<ActivityKind>(i18n, value),
        (_, "position") => read::<Position>(i18n, value),
        (_, "influence") => read::<Influence>(i18n, value),
        (_, "impact") => read::<Impact>(i18n, value),
        (_, "rating") => read::<Rating>(i18n, value),
        (_, "status") => read::<Status>(i18n, value),
        (_, "stage") => read::<Stage>(i18n, value),
        _ => None,
    }
}

/// Every tactic's (id, name), in plan order, for pickers here and in the SWOT step.
pub fn tactic_names(i18n: Ctx) -> Memo<Vec<(Uuid, String)>> {
    let doc = use_document();
    let ap = doc.plan.action_plan();
    Memo::new(move |_| {
        ap.with(|a| {
            a.tactics
                .iter()
                .map(|t| (t.id, name_of_tactic(i18n, t)))
                .collect()
        })
    })
}

/// Every goal's (id, short name), in plan order, for pickers in other steps.
pub fn goal_names(i18n: Ctx) -> Memo<Vec<(Uuid, String)>> {
    let goals = use_document().plan.goals();
    Memo::new(move |_| goals.with(|v| v.iter().map(|g| (g.id, goal_name(i18n, g))).collect()))
}

/// A goal's short name for headings and pickers: its words (cut at a word after about 90
/// characters, with "…"), else its priority, else "Goal without words yet".
pub fn goal_name(i18n: Ctx, g: &Goal) -> String {
    let s = g.statement.trim();
    let s = if s.is_empty() { g.priority.trim() } else { s };
    if s.is_empty() {
        return t_string!(i18n, goals.untitled).to_string();
    }
    let cut = truncate_chars(s, 90);
    if cut.len() == s.len() {
        return s.to_owned();
    }
    let at_word = cut.rfind(char::is_whitespace).map_or(cut, |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

/// A goal's words in full, for the success sheet; its short name when it has none.
pub fn goal_words(i18n: Ctx, g: &Goal) -> String {
    let s = g.statement.trim();
    if s.is_empty() {
        goal_name(i18n, g)
    } else {
        s.to_owned()
    }
}

/// A statement's short name for links and lists: its number and outcome.
pub fn short(i18n: leptos_i18n::I18nContext<Locale>, number: usize, outcome: &str) -> String {
    let outcome = or_blank(
        truncate_chars(outcome.trim(), 80),
        t_string!(i18n, change.no_outcome),
    );
    t_string!(i18n, change.short, number = number, outcome = outcome).to_string()
}

/// Every partner's (id, name), for the "who" pickers.
pub fn partner_names(i18n: Ctx) -> Memo<Vec<(Uuid, String)>> {
    let doc = use_document();
    let partners = doc.plan.partners();
    Memo::new(move |_| {
        partners.with(|v| {
            v.iter()
                .map(|p| (p.id, partner_name(i18n, &p.name)))
                .collect()
        })
    })
}

/// Every stakeholder's (id, name), in map order, for pickers in this and later steps.
/// It follows the partners and the power analysis only, not the rest of the plan.
pub fn stakeholder_names(i18n: Ctx) -> Memo<Vec<(Uuid, String)>> {
    let doc = use_document();
    let (power, partners) = (doc.plan.power(), doc.plan.partners());
    Memo::new(move |_| {
        partners.with(|partners| {
            power.stakeholders().with(|list| {
                list.iter()
                    .map(|s| (s.id, stakeholder_name(i18n, partners, s)))
                    .collect()
            })
        })
    })
}

/// A stakeholder's name: its partner's when it is one, else its own; "Untitled" when blank.
pub fn stakeholder_name(i18n: Ctx, partners: &[Partner], s: &Stakeholder) -> String {
    let n = match s.partner {
        Some(pid) => partners
            .iter()
            .find(|p| p.id == pid)
            .map_or("", |p| p.name.trim()),
        None => s.name.trim(),
    };
    if n.is_empty() {
        t_string!(i18n, power.untitled).to_string()
    } else {
        n.to_owned()
    }
}

/// The name of the stakeholder a card holds (`item`), following its partner's name.
pub fn stakeholder_name_of(i18n: Ctx, item: Memo<Option<Stakeholder>>) -> Memo<String> {
    let partners = use_document().plan.partners();
    Memo::new(move |_| {
        item.with(|s| match s {
            Some(s) => partners.with(|p| stakeholder_name(i18n, p, s)),
            None => t_string!(i18n, power.untitled).to_string(),
        })
    })
}

/// "Passive ally, high influence".
pub fn placement_text(i18n: Ctx, p: Position, x: Influence) -> String {
    t_string!(
        i18n,
        power.placement,
        position = position_label(i18n, p),
        influence = influence_label(i18n, x).to_lowercase()
    )
    .to_string()
}

/// A list's name and hint.
pub fn quadrant_text(i18n: Ctx, q: Quadrant) -> (&'static str, &'static str) {
    match q {
        Quadrant::Strengths => (
            t_string!(i18n, swot.strengths),
            t_string!(i18n, swot.strengths_hint),
        ),
        Quadrant::Weaknesses => (
            t_string!(i18n, swot.weaknesses),
            t_string!(i18n, swot.weaknesses_hint),
        ),
        Quadrant::Opportunities => (
            t_string!(i18n, swot.opportunities),
            t_string!(i18n, swot.opportunities_hint),
        ),
        Quadrant::Threats => (
            t_string!(i18n, swot.threats),
            t_string!(i18n, swot.threats_hint),
        ),
    }
}

pub fn kind_text(i18n: Ctx, k: ActivityKind) -> (&'static str, &'static str) {
    match k {
        ActivityKind::Networking => (
            t_string!(i18n, activities.kind_networking),
            t_string!(i18n, activities.kind_networking_about),
        ),
        ActivityKind::OneOnOne => (
            t_string!(i18n, activities.kind_one_on_one),
            t_string!(i18n, activities.kind_one_on_one_about),
        ),
        ActivityKind::HouseMeeting => (
            t_string!(i18n, activities.kind_house_meeting),
            t_string!(i18n, activities.kind_house_meeting_about),
        ),
        ActivityKind::OrganisationalMeeting => (
            t_string!(i18n, activities.kind_organisational_meeting),
            t_string!(i18n, activities.kind_organisational_meeting_about),
        ),
        ActivityKind::TeamMeeting => (
            t_string!(i18n, activities.kind_team_meeting),
            t_string!(i18n, activities.kind_team_meeting_about),
        ),
        ActivityKind::CoalitionMeeting => (
            t_string!(i18n, activities.kind_coalition_meeting),
            t_string!(i18n, activities.kind_coalition_meeting_about),
        ),
        ActivityKind::Action => (
            t_string!(i18n, activities.kind_action),
            t_string!(i18n, activities.kind_action_about),
        ),
        ActivityKind::ElectoralStrategy => (
            t_string!(i18n, activities.kind_electoral_strategy),
            t_string!(i18n, activities.kind_electoral_strategy_about),
        ),
        ActivityKind::CandidatesAndC4 => (
            t_string!(i18n, activities.kind_candidates_and_c4),
            t_string!(i18n, activities.kind_candidates_and_c4_about),
        ),
        ActivityKind::StrategicPartnership => (
            t_string!(i18n, activities.kind_strategic_partnership),
            t_string!(i18n, activities.kind_strategic_partnership_about),
        ),
        ActivityKind::OrganisationalDevelopment => (
            t_string!(i18n, activities.kind_organisational_development),
            t_string!(i18n, activities.kind_organisational_development_about),
        ),
        ActivityKind::Custom => (t_string!(i18n, activities.kind_custom), ""),
    }
}

/// A commitment level, in words (also used by the activity log).
pub fn commitment_label(i18n: Ctx, c: Commitment) -> &'static str {
    match c {
        Commitment::Unknown => t_string!(i18n, partners.commitment_unknown),
        Commitment::Low => t_string!(i18n, partners.commitment_low),
        Commitment::Growing => t_string!(i18n, partners.commitment_growing),
        Commitment::Strong => t_string!(i18n, partners.commitment_strong),
    }
}

pub fn block_text(i18n: Ctx, b: Block) -> (String, String) {
    let (name, hint) = match b {
        Block::DiversePeople => (
            t_string!(i18n, foundations.block_diverse_people),
            t_string!(i18n, foundations.block_diverse_people_hint),
        ),
        Block::CommonPurpose => (
            t_string!(i18n, foundations.block_common_purpose),
            t_string!(i18n, foundations.block_common_purpose_hint),
        ),
        Block::ClearBoundaries => (
            t_string!(i18n, foundations.block_clear_boundaries),
            t_string!(i18n, foundations.block_clear_boundaries_hint),
        ),
        Block::ClearRoles => (
            t_string!(i18n, foundations.block_clear_roles),
            t_string!(i18n, foundations.block_clear_roles_hint),
        ),
        Block::ExplicitNorms => (
            t_string!(i18n, foundations.block_explicit_norms),
            t_string!(i18n, foundations.block_explicit_norms_hint),
        ),
    };
    (name.to_string(), hint.to_string())
}

/// The block score drop-down's choices: not scored, then 1 to 5 in words.
pub fn score_options(i18n: Ctx) -> Vec<(&'static str, String)> {
    vec![
        ("", t_string!(i18n, foundations.score_none).to_string()),
        ("1", t_string!(i18n, foundations.score_1).to_string()),
        ("2", t_string!(i18n, foundations.score_2).to_string()),
        ("3", t_string!(i18n, foundations.score_3).to_string()),
        ("4", t_string!(i18n, foundations.score_4).to_string()),
        ("5", t_string!(i18n, foundations.score_5).to_string()),
    ]
}

pub fn influence_options(i18n: Ctx) -> Vec<(&'static str, String)> {
    Influence::ALL
        .iter()
        .rev()
        .map(|x| (x.as_str(), influence_label(i18n, *x).to_owned()))
        .collect()
}

pub fn kind_label(i18n: Ctx, k: StakeholderKind) -> &'static str {
    match k {
        StakeholderKind::Partner => t_string!(i18n, power.kind_partner),
        StakeholderKind::Target => t_string!(i18n, power.kind_target),
        StakeholderKind::DecisionMaker => t_string!(i18n, power.kind_decision_maker),
        StakeholderKind::Opponent => t_string!(i18n, power.kind_opponent),
        StakeholderKind::Other => t_string!(i18n, power.kind_other),
    }
}

pub fn position_label(i18n: Ctx, p: Position) -> &'static str {
    match p {
        Position::ActiveAlly => t_string!(i18n, power.position_active_ally),
        Position::PassiveAlly => t_string!(i18n, power.position_passive_ally),
        Position::Neutral => t_string!(i18n, power.position_neutral),
        Position::PassiveOpposition => t_string!(i18n, power.position_passive_opposition),
        Position::ActiveOpposition => t_string!(i18n, power.position_active_opposition),
    }
}

pub fn position_options(i18n: Ctx) -> Vec<(&'static str, String)> {
    Position::ALL
        .map(|p| (p.as_str(), position_label(i18n, p).to_owned()))
        .to_vec()
}

pub fn influence_label(i18n: Ctx, x: Influence) -> &'static str {
    match x {
        Influence::Low => t_string!(i18n, power.influence_low),
        Influence::Medium => t_string!(i18n, power.influence_medium),
        Influence::High => t_string!(i18n, power.influence_high),
    }
}

pub fn status_label(i18n: Ctx, s: Status) -> &'static str {
    match s {
        Status::NotStarted => t_string!(i18n, action.status_not_started),
        Status::InProgress => t_string!(i18n, action.status_in_progress),
        Status::Blocked => t_string!(i18n, action.status_blocked),
        Status::Done => t_string!(i18n, action.status_done),
    }
}

pub fn rag_label(i18n: Ctx, rag: Rag) -> &'static str {
    match rag {
        Rag::Green => t_string!(i18n, evaluation.rag_green),
        Rag::Amber => t_string!(i18n, evaluation.rag_amber),
        Rag::Red => t_string!(i18n, evaluation.rag_red),
    }
}

pub fn reason_label(i18n: Ctx, reason: Reason) -> &'static str {
    match reason {
        Reason::Met => t_string!(i18n, evaluation.reason_met),
        Reason::OnTrack => t_string!(i18n, evaluation.reason_on_track),
        Reason::SlightlyBehind => t_string!(i18n, evaluation.reason_slightly_behind),
        Reason::Behind => t_string!(i18n, evaluation.reason_behind),
        Reason::DeadlinePassed => t_string!(i18n, evaluation.reason_deadline_passed),
        Reason::NoPace => t_string!(i18n, evaluation.reason_no_pace),
        Reason::JustStarted => t_string!(i18n, evaluation.reason_just_started),
    }
}

pub fn quality_text(i18n: Ctx, q: Quality) -> (String, String) {
    let (name, hint) = match q {
        Quality::SharedValues => (
            t_string!(i18n, foundations.quality_shared_values),
            t_string!(i18n, foundations.quality_shared_values_hint),
        ),
        Quality::DiverseSkills => (
            t_string!(i18n, foundations.quality_diverse_skills),
            t_string!(i18n, foundations.quality_diverse_skills_hint),
        ),
        Quality::SharedPurpose => (
            t_string!(i18n, foundations.quality_shared_purpose),
            t_string!(i18n, foundations.quality_shared_purpose_hint),
        ),
        Quality::SharedGrowth => (
            t_string!(i18n, foundations.quality_shared_growth),
            t_string!(i18n, foundations.quality_shared_growth_hint),
        ),
        Quality::Commitment => (
            t_string!(i18n, foundations.quality_commitment),
            t_string!(i18n, foundations.quality_commitment_hint),
        ),
    };
    (name.to_string(), hint.to_string())
}

pub fn rating_label(i18n: Ctx, r: Rating) -> String {
    match r {
        Rating::NotYet => t_string!(i18n, foundations.rating_not_yet),
        Rating::Partly => t_string!(i18n, foundations.rating_partly),
        Rating::Strong => t_string!(i18n, foundations.rating_strong),
    }
    .to_string()
}

pub fn dimension_label(i18n: Ctx, d: Dimension) -> &'static str {
    match d {
        Dimension::Race => t_string!(i18n, goals.dimension_race),
        Dimension::Gender => t_string!(i18n, goals.dimension_gender),
        Dimension::Class => t_string!(i18n, goals.dimension_class),
        Dimension::Ability => t_string!(i18n, goals.dimension_ability),
        Dimension::Access => t_string!(i18n, goals.dimension_access),
        Dimension::Power => t_string!(i18n, goals.dimension_power),
    }
}

pub fn impact_label(i18n: Ctx, i: Impact) -> &'static str {
    match i {
        Impact::NoneSeen => t_string!(i18n, goals.impact_none_seen),
        Impact::Possible => t_string!(i18n, goals.impact_possible),
        Impact::CannotTell => t_string!(i18n, goals.impact_cannot_tell),
    }
}

/// A letter's name and prompt.
pub fn letter_text(i18n: Ctx, l: Letter) -> (&'static str, &'static str) {
    match l {
        Letter::S => (
            t_string!(i18n, goals.letter_s),
            t_string!(i18n, goals.prompt_s),
        ),
        Letter::M => (
            t_string!(i18n, goals.letter_m),
            t_string!(i18n, goals.prompt_m),
        ),
        Letter::A => (
            t_string!(i18n, goals.letter_a),
            t_string!(i18n, goals.prompt_a),
        ),
        Letter::R => (
            t_string!(i18n, goals.letter_r),
            t_string!(i18n, goals.prompt_r),
        ),
        Letter::T => (
            t_string!(i18n, goals.letter_t),
            t_string!(i18n, goals.prompt_t),
        ),
        Letter::I => (
            t_string!(i18n, goals.letter_i),
            t_string!(i18n, goals.prompt_i),
        ),
        Letter::E => (
            t_string!(i18n, goals.letter_e),
            t_string!(i18n, goals.prompt_e),
        ),
    }
}

/// A place on the leadership ↔ allyship continuum, in words.
pub fn continuum_label(i18n: Ctx, c: Continuum) -> &'static str {
    match c {
        Continuum::Leads => t_string!(i18n, partners.continuum_leads),
        Continuum::SharesLeadership => t_string!(i18n, partners.continuum_shares_leadership),
        Continuum::ActiveMember => t_string!(i18n, partners.continuum_active_member),
        Continuum::Supporter => t_string!(i18n, partners.continuum_supporter),
        Continuum::Ally => t_string!(i18n, partners.continuum_ally),
    }
}

pub fn name_of_tactic(i18n: Ctx, t: &Tactic) -> String {
    let n = tactic_name(t, &|k| kind_text(i18n, k).0.to_owned());
    if n.is_empty() {
        t_string!(i18n, action.untitled_tactic).to_string()
    } else {
        n
    }
}

/// A partner's name as other steps show it: "Unnamed partner" until it has one.
pub fn partner_name(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, name: &str) -> String {
    or_blank(name, t_string!(i18n, strategy.untitled_partner))
}

/// `text` without its surrounding blanks, or `instead` when nothing is left.
pub fn or_blank(text: &str, instead: &str) -> String {
    match text.trim() {
        "" => instead.to_owned(),
        t => t.to_owned(),
    }
}

/// Up to ten names in quotes, then how many more.
pub fn names_list(i18n: Ctx, names: &[String]) -> String {
    const SHOWN: usize = 10;
    let quoted: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| {
            let n = if n.is_empty() {
                t_string!(i18n, library.untitled).to_string()
            } else {
                n.clone()
            };
            format!("“{n}”")
        })
        .collect();
    let mut text = quoted.join(", ");
    if names.len() > SHOWN {
        text.push_str(&t_string!(i18n, import.and_more, count = names.len() - SHOWN).to_string());
    }
    text
}
