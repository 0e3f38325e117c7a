//! Step "Goals (SMARTIE)": goals that are Strategic, Measurable, Ambitious, Realistic,
//! Time-bound, Inclusive and Equitable (a framework of The Management Center), a rule-based
//! coach that says what a goal still lacks, and an equity check for every goal.
//!
//! The coach reads the structured answers first and the goal's own sentence second: "100
//! canvassers" in the sentence is a number, "people of colour" names a group. The words it
//! looks for come from the locale file ([`CoachWords`]), so a translation brings its own.

use chrono::NaiveDate;
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::dates;
use super::enums::{field_enum, named_enum};
use super::list::keyed_item;
use super::text::texts;

/// A quality that reasonable people could agree was met or not, for goals that are not
/// counted (or not only counted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct DefinedQuality {
    pub id: Uuid,
    #[serde(default)]
    pub text: String,
}

impl DefinedQuality {
    pub fn new() -> Self {
        DefinedQuality {
            id: Uuid::new_v4(),
            text: String::new(),
        }
    }
}

impl Default for DefinedQuality {
    fn default() -> Self {
        Self::new()
    }
}

/// How the coalition will know the goal is met: a number to reach, defined qualities, or both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Measure {
    /// The number to reach (or to bring down to, when it is below the baseline).
    pub target: Option<u32>,
    /// Where the count stands at the start; 0 when not given.
    pub baseline: Option<u32>,
    /// What is counted: "volunteers", "signatures", "% of tenants".
    pub unit: String,
    pub qualities: Vec<DefinedQuality>,
}

impl Measure {
    /// The defined qualities that have words in them.
    pub fn named_qualities(&self) -> impl Iterator<Item = &DefinedQuality> {
        self.qualities.iter().filter(|q| !q.text.trim().is_empty())
    }
}

/// The answers to the SMARTIE prompts that are words. M is the [`Measure`] and T the
/// deadline; I has two answers, who is brought in and what power they hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SmartieAnswers {
    /// S: which part of the coalition's purpose this moves.
    pub strategic: String,
    /// M, in words: what success looks like.
    pub measurable: String,
    /// A: why this is a stretch.
    pub ambitious: String,
    /// R: the people, time and money that make it possible.
    pub realistic: String,
    /// I: the affected or marginalised groups it brings in.
    pub inclusive: String,
    /// I: the decisions or influence those groups will hold.
    pub power: String,
    /// E: the unfairness or injustice it helps undo.
    pub equitable: String,
}

impl SmartieAnswers {
    /// The texts with their file names, for validation.
    pub fn texts(&self) -> [(&'static str, &str); 7] {
        texts! { self; strategic, measurable, ambitious, realistic, inclusive, power, equitable }
    }
}

/// A line along which a goal could hurt some people more than others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Race,
    Gender,
    Class,
    Ability,
    Access,
    Power,
}

field_enum! {
    Dimension in EquityCheck => DimensionAnswer {
        Race => race,
        Gender => gender,
        Class => class,
        Ability => ability,
        Access => access,
        Power => power,
    }
}

/// What the coalition expects along one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// We looked and see no uneven impact.
    NoneSeen,
    /// Some people could be hurt or left out more than others.
    Possible,
    /// We cannot foresee it yet.
    CannotTell,
}

named_enum! {
    Impact {
        NoneSeen => "none_seen",
        Possible => "possible",
        CannotTell => "cannot_tell",
    }
}

/// The answer for one dimension.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct DimensionAnswer {
    pub impact: Option<Impact>,
    pub note: String,
}

/// Could the goal have an unintended, uneven impact, and what will the coalition do about it?
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct EquityCheck {
    pub race: DimensionAnswer,
    pub gender: DimensionAnswer,
    pub class: DimensionAnswer,
    pub ability: DimensionAnswer,
    pub access: DimensionAnswer,
    pub power: DimensionAnswer,
    /// How the goal will change to lessen an uneven impact, or to make equity and inclusion a
    /// deliberate part of it.
    pub mitigation: String,
    /// Where the impact cannot be foreseen: how and when the coalition will find out.
    pub how_to_check: String,
    /// When to look at this check again.
    #[serde(with = "dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub recheck_on: Option<NaiveDate>,
    /// When it was last looked at again.
    #[serde(with = "dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub rechecked_on: Option<NaiveDate>,
}

/// What an equity check still needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EquityGap {
    /// No answer yet for this dimension.
    Unanswered(Dimension),
    /// A possible impact, and nothing said about how to lessen it.
    NoMitigation,
    /// An impact that cannot be foreseen, and nothing said about how and when to find out.
    NoWayToCheck,
    NoRecheckDate,
}

impl EquityCheck {
    /// What is missing, in the form's order. Empty when the check is complete.
    pub fn gaps(&self) -> Vec<EquityGap> {
        let mut out: Vec<EquityGap> = Dimension::ALL
            .into_iter()
            .filter(|d| d.of(self).impact.is_none())
            .map(EquityGap::Unanswered)
            .collect();
        let any = |i: Impact| Dimension::ALL.iter().any(|d| d.of(self).impact == Some(i));
        if any(Impact::Possible) && self.mitigation.trim().is_empty() {
            out.push(EquityGap::NoMitigation);
        }
        if any(Impact::CannotTell) && self.how_to_check.trim().is_empty() {
            out.push(EquityGap::NoWayToCheck);
        }
        if self.recheck_on.is_none() {
            out.push(EquityGap::NoRecheckDate);
        }
        out
    }

    /// The re-check is due: its date has come, and nobody has looked again since it was set.
    pub fn recheck_due(&self, today: NaiveDate) -> bool {
        match self.recheck_on {
            Some(date) => date <= today && self.rechecked_on.is_none_or(|done| done < date),
            None => false,
        }
    }

    /// The texts with their file names, for validation.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = Dimension::ALL
            .into_iter()
            .map(|d| (format!("{}.note", d.key()), d.of(self).note.as_str()))
            .collect();
        out.push(("mitigation".into(), &self.mitigation));
        out.push(("how_to_check".into(), &self.how_to_check));
        out
    }
}

/// One SMARTIE goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Goal {
    pub id: Uuid,
    /// The goal in a sentence or two.
    #[serde(default)]
    pub statement: String,
    /// The priority it grew from, as the coalition first put it.
    #[serde(default)]
    pub priority: String,
    #[serde(default, with = "dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub measure: Measure,
    #[serde(default)]
    pub answers: SmartieAnswers,
    /// Theory-of-change statements whose outcome this goal serves.
    #[serde(default)]
    pub outcomes: Vec<Uuid>,
    /// Tactics of the action plan that work toward it.
    #[serde(default)]
    pub tactics: Vec<Uuid>,
    #[serde(default)]
    pub equity: EquityCheck,
}

impl Goal {
    pub fn new() -> Self {
        Goal {
            id: Uuid::new_v4(),
            statement: String::new(),
            priority: String::new(),
            deadline: None,
            measure: Measure::default(),
            answers: SmartieAnswers::default(),
            outcomes: Vec::new(),
            tactics: Vec::new(),
            equity: EquityCheck::default(),
        }
    }

    /// A goal that starts from a priority, as practice mode does.
    pub fn from_priority(priority: &str) -> Self {
        Goal {
            priority: priority.trim().to_owned(),
            ..Goal::new()
        }
    }
}

keyed_item! {
    Goal => Goal::new();
}

/// The seven SMARTIE letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Letter {
    S,
    M,
    A,
    R,
    T,
    I,
    E,
}

named_enum! {
    Letter {
        S => "s",
        M => "m",
        A => "a",
        R => "r",
        T => "t",
        I => "i",
        E => "e",
    }
}

impl Letter {
    /// Whether the goal has an answer for this letter, in its answers or, for M, I and E, in
    /// its sentence (the coach may still flag it).
    pub fn answered(self, goal: &Goal, words: &CoachWords) -> bool {
        let filled = |s: &str| !s.trim().is_empty();
        let (a, statement) = (&goal.answers, goal.statement.as_str());
        match self {
            Letter::S => filled(&a.strategic),
            Letter::M => {
                goal.measure.target.is_some()
                    || goal.measure.named_qualities().next().is_some()
                    || count_in(statement, &words.months).is_some()
            }
            Letter::A => filled(&a.ambitious),
            Letter::R => filled(&a.realistic),
            Letter::T => goal.deadline.is_some(),
            Letter::I => {
                filled(&a.inclusive) || filled(&a.power) || mentions(statement, &words.groups)
            }
            Letter::E => filled(&a.equitable) || mentions(statement, &words.fairness),
        }
    }
}

/// What the coach points out. Each flag belongs to a letter and says how to fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// The goal has no sentence yet.
    NoStatement,
    /// M: no number to reach and no defined quality.
    NoMeasure,
    /// M: a target number without saying what it counts.
    NoUnit,
    /// T: no deadline.
    NoDeadline,
    /// T: the deadline falls before the plan starts or after it ends.
    DeadlineOutsidePlan,
    /// I: no affected or marginalised group is named.
    NoGroup,
    /// I: people are included, but nothing says what decisions or influence they will hold.
    Tokenism,
    /// E: no element of fairness or justice.
    NoFairness,
}

impl Flag {
    pub fn letter(self) -> Option<Letter> {
        match self {
            Flag::NoStatement => None,
            Flag::NoMeasure | Flag::NoUnit => Some(Letter::M),
            Flag::NoDeadline | Flag::DeadlineOutsidePlan => Some(Letter::T),
            Flag::NoGroup | Flag::Tokenism => Some(Letter::I),
            Flag::NoFairness => Some(Letter::E),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Flag::NoStatement => "no_statement",
            Flag::NoMeasure => "no_measure",
            Flag::NoUnit => "no_unit",
            Flag::NoDeadline => "no_deadline",
            Flag::DeadlineOutsidePlan => "deadline_outside_plan",
            Flag::NoGroup => "no_group",
            Flag::Tokenism => "tokenism",
            Flag::NoFairness => "no_fairness",
        }
    }
}

/// The words the coach looks for in a goal's sentence, from the locale file. Each list is
/// lower case; a word matches at the start of a word in the text, so "lead" finds "leaders".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoachWords {
    /// Groups that are often left out: "people of colour", "tenants", "youth", …
    pub groups: Vec<String>,
    /// Signs of shared power: "lead", "decide", "vote", "shape", …
    pub power: Vec<String>,
    /// Signs of fairness or justice: "fair", "justice", "equit", …
    pub fairness: Vec<String>,
    /// Month names and their short forms: a number next to one is a day, not a count.
    pub months: Vec<String>,
}

impl CoachWords {
    /// Reads four comma-separated lists.
    pub fn parse(groups: &str, power: &str, fairness: &str, months: &str) -> Self {
        let list = |s: &str| {
            s.split(',')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect()
        };
        CoachWords {
            groups: list(groups),
            power: list(power),
            fairness: list(fairness),
            months: list(months),
        }
    }
}

/// The plan's own window, which a deadline should fall inside.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

impl Window {
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date <= e)
    }
}

/// Whether `text` mentions one of `words` at the start of a word (case is ignored).
pub fn mentions(text: &str, words: &[String]) -> bool {
    if words.is_empty() || text.trim().is_empty() {
        return false;
    }
    let lower = text.to_lowercase();
    words.iter().any(|w| {
        lower.match_indices(w.as_str()).any(|(at, _)| {
            lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// The first number in `text` that counts something: a run of digits (with `,` between
/// thousands), not glued to letters ("Q3"), not a year such as 2027 written without a comma,
/// not part of a date or time written with digits, and not the day next to a month name in
/// `months` ("31 May", "May 31").
pub fn count_in(text: &str, months: &[String]) -> Option<u32> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let joiner = |i: usize| {
        b.get(i)
            .is_some_and(|c| matches!(c, b'-' | b'/' | b'.' | b':'))
    };
    let letter = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c >= 0x80)
    };
    let month_word = |word: &str| {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        !w.is_empty() && months.iter().any(|m| *m == w)
    };
    let mut i = 0;
    while i < b.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut value = String::new();
        let mut grouped = false;
        loop {
            if digit(i) {
                value.push(char::from(b[i]));
                i += 1;
            } else if b.get(i) == Some(&b',') && (1..=3).all(|k| digit(i + k)) && !digit(i + 4) {
                grouped = true;
                i += 1;
            } else {
                break;
            }
        }
        let in_date =
            (joiner(i) && digit(i + 1)) || (start >= 2 && joiner(start - 1) && digit(start - 2));
        let glued = (start > 0 && letter(start - 1)) || letter(i);
        let year =
            !grouped && value.len() == 4 && (value.starts_with("19") || value.starts_with("20"));
        let before = text[..start].split_whitespace().next_back().unwrap_or("");
        let after = text[i..].split_whitespace().next().unwrap_or("");
        let day = month_word(before) || month_word(after);
        if !in_date && !glued && !year && !day {
            if let Ok(n) = value.parse::<u32>() {
                return Some(n);
            }
        }
    }
    None
}

/// Reads a whole number as people type it: "1,000", "1 000" and "1000" are the same. Empty is
/// `None`; anything else that is not a whole number is an error.
pub fn parse_count(input: &str) -> Result<Option<u32>, ()> {
    let digits: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}' | '\u{202f}'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    digits.parse::<u32>().map(Some).map_err(|_| ())
}

/// Everything the coach flags for one goal, in the letters' order. It is recomputed on every
/// keystroke, so it stays cheap: a few scans of short texts.
pub fn coach(goal: &Goal, window: Window, words: &CoachWords) -> Vec<Flag> {
    let mut flags = Vec::new();
    let statement = goal.statement.trim();
    let a = &goal.answers;
    if statement.is_empty() {
        flags.push(Flag::NoStatement);
    }
    let m = &goal.measure;
    let has_number = m.target.is_some() || count_in(statement, &words.months).is_some();
    if !has_number && m.named_qualities().next().is_none() {
        flags.push(Flag::NoMeasure);
    } else if m.target.is_some() && m.unit.trim().is_empty() {
        flags.push(Flag::NoUnit);
    }
    match goal.deadline {
        None => flags.push(Flag::NoDeadline),
        Some(d) if !window.contains(d) => flags.push(Flag::DeadlineOutsidePlan),
        Some(_) => {}
    }
    let names_group = !a.inclusive.trim().is_empty() || mentions(statement, &words.groups);
    if !names_group {
        flags.push(Flag::NoGroup);
    } else if a.power.trim().is_empty()
        && !mentions(statement, &words.power)
        && !mentions(&a.inclusive, &words.power)
    {
        flags.push(Flag::Tokenism);
    }
    if a.equitable.trim().is_empty() && !mentions(statement, &words.fairness) {
        flags.push(Flag::NoFairness);
    }
    flags
}

/// The two practice priorities of the source material, offered as examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PracticePriority {
    /// Make sure the steering committee is highly engaged this year.
    SteeringCommittee,
    /// Build strong relationships with key community stakeholders.
    CommunityRelationships,
}

impl PracticePriority {
    pub const ALL: [PracticePriority; 2] = [
        PracticePriority::SteeringCommittee,
        PracticePriority::CommunityRelationships,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PracticePriority::SteeringCommittee => "steering_committee",
            PracticePriority::CommunityRelationships => "community_relationships",
        }
    }
}

/// Goals whose equity re-check is due, in list order.
pub fn rechecks_due(goals: &[Goal], today: NaiveDate) -> Vec<Uuid> {
    goals
        .iter()
        .filter(|g| g.equity.recheck_due(today))
        .map(|g| g.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn mentions_match_at_word_starts_only() {
        let w = vec!["lead".to_owned()];
        assert!(mentions("volunteer Leaders first", &w));
        assert!(mentions("(lead)", &w));
        assert!(!mentions("misleading", &w));
        assert!(!mentions("", &w));
        assert!(!mentions("lead", &[]));
    }

    #[test]
    fn counts_skip_years_and_dates() {
        let months: Vec<String> = ["may", "june", "jun"].map(String::from).to_vec();
        let count = |t: &str| count_in(t, &months);
        assert_eq!(count("100 door-to-door canvassers by May"), Some(100));
        assert_eq!(count("by May 2027, 1,500 signatures"), Some(1500));
        assert_eq!(
            count("2,000 members"),
            Some(2000),
            "a grouped number is not a year"
        );
        assert_eq!(count("by 2027-05-31"), None);
        assert_eq!(count("on 31/05 we win"), None);
        assert_eq!(count("no numbers here"), None);
        assert_eq!(count("10:30 meeting"), None);
        assert_eq!(count("by 31 May"), None, "a day of a month");
        assert_eq!(count("by June 30, with allies"), None);
        assert_eq!(count("in Q3"), None, "glued to a letter");
    }

    #[test]
    fn counts_are_read_as_people_type_them() {
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("  "), Ok(None));
        assert_eq!(parse_count("1,000"), Ok(Some(1000)));
        assert_eq!(parse_count("1 000"), Ok(Some(1000)));
        assert_eq!(parse_count("60"), Ok(Some(60)));
        assert_eq!(parse_count("-3"), Err(()));
        assert_eq!(parse_count("2.5"), Err(()));
        assert_eq!(parse_count("ten"), Err(()));
        assert_eq!(parse_count("99999999999"), Err(()));
    }

    #[test]
    fn the_windows_ends_are_inclusive_and_open_ends_allow_anything() {
        let w = Window {
            start: Some(day(2027, 1, 1)),
            end: Some(day(2027, 12, 31)),
        };
        assert!(w.contains(day(2027, 1, 1)));
        assert!(w.contains(day(2027, 12, 31)));
        assert!(!w.contains(day(2026, 12, 31)));
        assert!(!w.contains(day(2028, 1, 1)));
        assert!(Window::default().contains(day(1999, 1, 1)));
    }
}
