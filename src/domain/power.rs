//! Steps "Power analysis" and "Stakeholder analysis": who can move the change, where each one
//! stands on the spectrum of allies, how much influence they have, what we want from them, and
//! how their positions move over time.
//!
//! Stakeholders come from one registry: a stakeholder either points at a partner (and takes its
//! name from the partner) or is a target, decision maker, opponent or other actor named here.

use chrono::NaiveDate;
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::dates;
use super::enums::{named_enum, shifted};
use super::list::{List, keyed_item};
use super::private::Guarded;
use super::text::texts;
use super::{Plan, Timestamp};

/// A place on the spectrum of allies, from our strongest allies to our strongest opponents.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Position {
    ActiveAlly,
    PassiveAlly,
    #[default]
    Neutral,
    PassiveOpposition,
    ActiveOpposition,
}

named_enum! {
    Position {
        ActiveAlly => "active_ally",
        PassiveAlly => "passive_ally",
        Neutral => "neutral",
        PassiveOpposition => "passive_opposition",
        ActiveOpposition => "active_opposition",
    }
}

impl Position {
    /// The column, 0 (active ally) to 4 (active opposition).
    pub fn index(self) -> usize {
        self as usize
    }

    /// One or more steps along the spectrum; negative is toward the allies. Stops at the ends.
    pub fn shifted(self, by: i32) -> Position {
        shifted(&Position::ALL, self.index(), by)
    }
}

/// How much a stakeholder can sway the decision.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Influence {
    Low,
    #[default]
    Medium,
    High,
}

named_enum! {
    Influence {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
}

impl Influence {
    pub fn index(self) -> usize {
        self as usize
    }

    /// Up (positive) or down a level. Stops at the ends.
    pub fn shifted(self, by: i32) -> Influence {
        shifted(&Influence::ALL, self.index(), by)
    }
}

/// What a stakeholder is to the campaign.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StakeholderKind {
    /// A partner from the registry.
    Partner,
    /// The person or body the campaign wants to move.
    #[default]
    Target,
    /// Someone who makes or signs off the decision.
    DecisionMaker,
    /// Someone working against the change.
    Opponent,
    Other,
}

named_enum! {
    StakeholderKind {
        Partner => "partner",
        Target => "target",
        DecisionMaker => "decision_maker",
        Opponent => "opponent",
        Other => "other",
    }
}

impl StakeholderKind {
    /// The kinds a person can add by name; partners come from the registry.
    pub const ADDABLE: [StakeholderKind; 4] = [
        StakeholderKind::Target,
        StakeholderKind::DecisionMaker,
        StakeholderKind::Opponent,
        StakeholderKind::Other,
    ];
}

/// One actor in the power analysis and the stakeholder table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Stakeholder {
    pub id: Uuid,
    /// Set when the stakeholder is a partner; the name then comes from the partner registry.
    #[serde(default)]
    pub partner: Option<Uuid>,
    #[serde(default)]
    pub kind: StakeholderKind,
    /// The name, for a stakeholder that is not a partner.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub position: Position,
    #[serde(default)]
    pub influence: Influence,
    /// Why we placed them there: what they said or did, so the map rests on evidence.
    #[serde(default)]
    pub evidence: Guarded<String>,
    /// What they care about and stand to gain or lose.
    #[serde(default)]
    pub interests: Guarded<String>,
    /// What we want from them.
    #[serde(default)]
    pub want: Guarded<String>,
    /// How we will engage them.
    #[serde(default)]
    pub approach: Guarded<String>,
    /// The partner best placed to carry our message to them.
    #[serde(default)]
    pub messenger: Option<Uuid>,
    /// The evidence and notes about them stay with whoever keeps the plan: they are left out
    /// of shared exports and, unless asked, of the report.
    #[serde(default)]
    pub private: bool,
}

keyed_item! {
    Stakeholder => Stakeholder::named(StakeholderKind::default(), "");
}

impl Stakeholder {
    /// A named actor who is not a partner, placed neutral with medium influence.
    pub fn named(kind: StakeholderKind, name: &str) -> Self {
        Stakeholder {
            id: Uuid::new_v4(),
            partner: None,
            kind,
            name: name.to_owned(),
            position: Position::default(),
            influence: Influence::default(),
            evidence: Guarded::default(),
            interests: Guarded::default(),
            want: Guarded::default(),
            approach: Guarded::default(),
            messenger: None,
            private: false,
        }
    }

    /// A partner on the map. Partners start as passive allies: they joined, but the map should
    /// say how active they are.
    pub fn for_partner(partner: Uuid) -> Self {
        Stakeholder {
            partner: Some(partner),
            kind: StakeholderKind::Partner,
            position: Position::PassiveAlly,
            ..Stakeholder::named(StakeholderKind::Partner, "")
        }
    }

    pub fn placement(&self) -> Placement {
        Placement {
            stakeholder: self.id,
            position: self.position,
            influence: self.influence,
        }
    }

    /// The text fields, with their file names, for validation.
    pub fn texts(&self) -> [(&'static str, &str); 5] {
        texts! { self; evidence, interests, want, approach, name }
    }
}

/// Where one stakeholder stood when a snapshot was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Placement {
    pub stakeholder: Uuid,
    pub position: Position,
    pub influence: Influence,
}

/// Every placement on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Snapshot {
    pub id: Uuid,
    #[serde(with = "dates::date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String", extend("format" = "date")))]
    pub date: NaiveDate,
    /// When the map was saved. Several snapshots can share a date; each is kept. Files
    /// written before this field have none.
    #[serde(default, with = "dates::opt_timestamp")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date-time")))]
    pub saved_at: Option<Timestamp>,
    #[serde(default)]
    pub placements: Vec<Placement>,
}

impl Snapshot {
    /// Where it sorts in the history: by date, then by the time it was saved.
    pub fn order(&self) -> (NaiveDate, Option<Timestamp>) {
        (self.date, self.saved_at)
    }
}

/// Who moves whom: `from` can sway `to`, ideally through a partner as messenger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct InfluenceLink {
    pub id: Uuid,
    pub from: Uuid,
    pub to: Uuid,
    #[serde(default)]
    pub messenger: Option<Uuid>,
    /// Private when either stakeholder is.
    #[serde(default)]
    pub note: Guarded<String>,
}

impl InfluenceLink {
    pub fn new(from: Uuid, to: Uuid) -> Self {
        InfluenceLink {
            id: Uuid::new_v4(),
            from,
            to,
            messenger: None,
            note: Guarded::default(),
        }
    }
}

/// The power analysis: stakeholders, dated snapshots and influence links.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct PowerAnalysis {
    #[store(key: Uuid = |x| x.id)]
    pub stakeholders: List<Stakeholder>,
    /// Oldest first.
    pub snapshots: Vec<Snapshot>,
    pub links: Vec<InfluenceLink>,
}

impl PowerAnalysis {
    pub fn stakeholder(&self, id: Uuid) -> Option<&Stakeholder> {
        self.stakeholders.iter().find(|s| s.id == id)
    }

    pub fn stakeholder_mut(&mut self, id: Uuid) -> Option<&mut Stakeholder> {
        self.stakeholders.iter_mut().find(|s| s.id == id)
    }

    /// Today's placements, in the stakeholders' order.
    pub fn placements(&self) -> Vec<Placement> {
        self.stakeholders
            .iter()
            .map(Stakeholder::placement)
            .collect()
    }

    /// Saves today's placements as a snapshot of `date`, saved at `now`. Every save is kept,
    /// even on a day that already has one.
    pub fn record_snapshot(&mut self, date: NaiveDate, now: Timestamp, id: Uuid) {
        let snapshot = Snapshot {
            id,
            date,
            saved_at: Some(now),
            placements: self.placements(),
        };
        let at = self
            .snapshots
            .partition_point(|s| s.order() <= snapshot.order());
        self.snapshots.insert(at, snapshot);
    }

    /// Moves a stakeholder along the spectrum (negative: toward the allies) and up or down in
    /// influence.
    pub fn shift(&mut self, id: Uuid, position_by: i32, influence_by: i32) {
        if let Some(s) = self.stakeholder_mut(id) {
            s.position = s.position.shifted(position_by);
            s.influence = s.influence.shifted(influence_by);
        }
    }

    /// Partners that are not on the map yet, in registry order.
    pub fn partners_missing<'a>(&self, plan: &'a Plan) -> Vec<&'a super::Partner> {
        plan.partners
            .iter()
            .filter(|p| !self.stakeholders.iter().any(|s| s.partner == Some(p.id)))
            .collect()
    }

    /// Whether a link from `from` to `to` may be added: two different stakeholders, not
    /// already linked that way.
    pub fn can_link(&self, from: Uuid, to: Uuid) -> bool {
        from != to
            && self.stakeholder(from).is_some()
            && self.stakeholder(to).is_some()
            && !self.links.iter().any(|l| l.from == from && l.to == to)
    }
}

/// How one stakeholder changed between two sets of placements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// On both dates, in a different place. `toward_allies` counts steps along the spectrum:
    /// positive toward the allies, negative toward the opposition.
    Moved {
        stakeholder: Uuid,
        from: Placement,
        to: Placement,
        toward_allies: i32,
        influence_change: i32,
    },
    /// Only in the later set.
    Added { stakeholder: Uuid, to: Placement },
    /// Only in the earlier set.
    Dropped { stakeholder: Uuid, from: Placement },
}

impl Movement {
    pub fn stakeholder(&self) -> Uuid {
        match *self {
            Movement::Moved { stakeholder, .. }
            | Movement::Added { stakeholder, .. }
            | Movement::Dropped { stakeholder, .. } => stakeholder,
        }
    }
}

/// Who moved, joined or left between two sets of placements, in the later set's order and
/// then the dropped ones in the earlier set's order. Unchanged stakeholders are left out.
pub fn movement(earlier: &[Placement], later: &[Placement]) -> Vec<Movement> {
    let mut out = Vec::new();
    for to in later {
        match earlier.iter().find(|p| p.stakeholder == to.stakeholder) {
            Some(from) if from.position != to.position || from.influence != to.influence => out
                .push(Movement::Moved {
                    stakeholder: to.stakeholder,
                    from: *from,
                    to: *to,
                    toward_allies: from.position.index() as i32 - to.position.index() as i32,
                    influence_change: to.influence.index() as i32 - from.influence.index() as i32,
                }),
            Some(_) => {}
            None => out.push(Movement::Added {
                stakeholder: to.stakeholder,
                to: *to,
            }),
        }
    }
    for from in earlier {
        if !later.iter().any(|p| p.stakeholder == from.stakeholder) {
            out.push(Movement::Dropped {
                stakeholder: from.stakeholder,
                from: *from,
            });
        }
    }
    out
}

/// One stakeholder's mark on the power × position grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub stakeholder: Uuid,
    /// Column: the position's index, allies on the left.
    pub column: usize,
    /// Row: 0 is high influence, at the top.
    pub row: usize,
    /// The mark's place within its cell, filled left to right, then down.
    pub slot: usize,
}

/// The grid's marks and how many lines of marks each row needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub marks: Vec<Mark>,
    /// How many marks each cell holds: `counts[row][column]`.
    pub counts: [[usize; 5]; 3],
    /// For rows high, medium, low: the most lines any cell in the row needs (at least one).
    pub row_lines: [usize; 3],
}

/// Lays the placements out on the grid: `per_line` marks side by side in a cell.
pub fn grid(placements: &[Placement], per_line: usize) -> Grid {
    let per_line = per_line.max(1);
    let mut counts = [[0usize; 5]; 3];
    let mut marks = Vec::with_capacity(placements.len());
    for p in placements {
        let row = Influence::ALL.len() - 1 - p.influence.index();
        let column = p.position.index();
        let slot = counts[row][column];
        counts[row][column] += 1;
        marks.push(Mark {
            stakeholder: p.stakeholder,
            column,
            row,
            slot,
        });
    }
    let row_lines = counts.map(|row| {
        row.iter()
            .map(|n| n.div_ceil(per_line))
            .max()
            .unwrap_or(0)
            .max(1)
    });
    Grid {
        marks,
        counts,
        row_lines,
    }
}

/// The stakeholder table's sort orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StakeholderSort {
    /// The order they were added in.
    #[default]
    Added,
    Name,
    /// Highest influence first.
    Influence,
    /// Active allies first.
    Position,
}

named_enum! {
    StakeholderSort {
        Added => "added",
        Name => "name",
        Influence => "influence",
        Position => "position",
    }
}

/// Which stakeholders the table shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StakeholderFilter {
    pub kind: Option<StakeholderKind>,
    pub position: Option<Position>,
    /// Words the name must contain, any case.
    pub text: String,
}

/// A stakeholder's name: the partner's, for a partner.
pub fn stakeholder_name<'a>(plan: &'a Plan, s: &'a Stakeholder) -> &'a str {
    match s.partner {
        Some(p) => plan
            .partners
            .iter()
            .find(|x| x.id == p)
            .map(|x| x.name.trim())
            .unwrap_or(""),
        None => s.name.trim(),
    }
}

/// The ids of the stakeholders the table shows, in order. Ties keep the order of adding.
pub fn stakeholder_rows(
    plan: &Plan,
    filter: &StakeholderFilter,
    sort: StakeholderSort,
) -> Vec<Uuid> {
    let needle = filter.text.trim().to_lowercase();
    let mut rows: Vec<(&Stakeholder, String)> = plan
        .power
        .stakeholders
        .iter()
        .filter(|s| filter.kind.is_none_or(|k| s.kind == k))
        .filter(|s| filter.position.is_none_or(|p| s.position == p))
        .map(|s| (s, stakeholder_name(plan, s).to_lowercase()))
        .filter(|(_, name)| needle.is_empty() || name.contains(&needle))
        .collect();
    match sort {
        StakeholderSort::Added => {}
        StakeholderSort::Name => rows.sort_by(|a, b| a.1.cmp(&b.1)),
        StakeholderSort::Influence => rows.sort_by_key(|(s, _)| std::cmp::Reverse(s.influence)),
        StakeholderSort::Position => rows.sort_by_key(|(s, _)| s.position),
    }
    rows.into_iter().map(|(s, _)| s.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(id: Uuid, position: Position, influence: Influence) -> Placement {
        Placement {
            stakeholder: id,
            position,
            influence,
        }
    }

    #[test]
    fn positions_and_influence_shift_and_stop_at_the_ends() {
        assert_eq!(Position::Neutral.shifted(-1), Position::PassiveAlly);
        assert_eq!(Position::ActiveAlly.shifted(-1), Position::ActiveAlly);
        assert_eq!(
            Position::PassiveOpposition.shifted(5),
            Position::ActiveOpposition
        );
        assert_eq!(Influence::Low.shifted(1), Influence::Medium);
        assert_eq!(Influence::High.shifted(1), Influence::High);
        assert_eq!(Influence::Low.shifted(-1), Influence::Low);
        for p in Position::ALL {
            assert_eq!(Position::parse(p.as_str()), Some(p));
        }
        for k in StakeholderKind::ALL {
            assert_eq!(StakeholderKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn movement_counts_steps_toward_the_allies_and_lists_new_and_dropped() {
        let (a, b, c, d) = (
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
        );
        let earlier = [
            at(a, Position::Neutral, Influence::High),
            at(b, Position::PassiveAlly, Influence::Low),
            at(c, Position::ActiveOpposition, Influence::Medium),
        ];
        let later = [
            at(a, Position::ActiveAlly, Influence::High),
            at(b, Position::PassiveAlly, Influence::Low),
            at(c, Position::PassiveOpposition, Influence::Low),
            at(d, Position::Neutral, Influence::Medium),
        ];
        let moves = movement(&earlier, &later);
        assert_eq!(moves.len(), 3, "b did not move: {moves:?}");
        assert!(
            matches!(moves[0], Movement::Moved { stakeholder, toward_allies: 2, influence_change: 0, .. } if stakeholder == a)
        );
        assert!(
            matches!(moves[1], Movement::Moved { stakeholder, toward_allies: 1, influence_change: -1, .. } if stakeholder == c)
        );
        assert!(matches!(moves[2], Movement::Added { stakeholder, .. } if stakeholder == d));

        let back = movement(&later, &earlier);
        assert!(matches!(
            back[0],
            Movement::Moved {
                toward_allies: -2,
                ..
            }
        ));
        assert!(
            matches!(back.last(), Some(Movement::Dropped { stakeholder, .. }) if *stakeholder == d)
        );
        assert!(movement(&earlier, &earlier).is_empty());
    }

    #[test]
    fn snapshots_keep_date_order_and_a_second_on_one_day_is_kept_too() {
        let mut power = PowerAnalysis::default();
        let s = Stakeholder::named(StakeholderKind::Target, "Council");
        let id = s.id;
        power.stakeholders.push(s);
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default();
        let at = |h: i64| chrono::DateTime::from_timestamp(h * 3600, 0).unwrap_or_default();
        power.record_snapshot(day(10), at(1), Uuid::new_v4());
        power.record_snapshot(day(2), at(2), Uuid::new_v4());
        power.shift(id, -1, 1);
        power.record_snapshot(day(10), at(3), Uuid::new_v4());
        let dates: Vec<_> = power.snapshots.iter().map(|s| s.date).collect();
        assert_eq!(dates, [day(2), day(10), day(10)]);
        assert_eq!(power.snapshots[1].placements[0].position, Position::Neutral);
        assert_eq!(
            power.snapshots[2].placements[0].position,
            Position::PassiveAlly
        );
        assert_eq!(power.snapshots[2].placements[0].influence, Influence::High);
        assert_eq!(power.snapshots[2].saved_at, Some(at(3)));
    }

    #[test]
    fn the_grid_stacks_marks_per_cell_and_sizes_rows() {
        let ids: Vec<Uuid> = (0..5).map(|_| Uuid::new_v4()).collect();
        let placements = [
            at(ids[0], Position::ActiveAlly, Influence::High),
            at(ids[1], Position::ActiveAlly, Influence::High),
            at(ids[2], Position::ActiveAlly, Influence::High),
            at(ids[3], Position::Neutral, Influence::Low),
            at(ids[4], Position::ActiveAlly, Influence::Low),
        ];
        let g = grid(&placements, 2);
        assert_eq!(
            g.row_lines,
            [2, 1, 1],
            "three marks at two a line need two lines"
        );
        assert_eq!(
            (g.marks[2].row, g.marks[2].column, g.marks[2].slot),
            (0, 0, 2)
        );
        assert_eq!(
            (g.marks[3].row, g.marks[3].column, g.marks[3].slot),
            (2, 2, 0)
        );
        assert_eq!(g.marks[4].slot, 0, "a different cell starts again");
        assert_eq!(grid(&[], 3).row_lines, [1, 1, 1]);
    }

    #[test]
    fn the_table_filters_sorts_and_uses_partner_names() {
        let mut plan = Plan::new("p", chrono::DateTime::UNIX_EPOCH);
        let partner = crate::domain::Partner {
            name: "Anchor Church".into(),
            ..crate::domain::Partner::new()
        };
        let mut zed = Stakeholder::named(StakeholderKind::DecisionMaker, "Zed Mayor");
        zed.influence = Influence::High;
        zed.position = Position::PassiveOpposition;
        let mut bea = Stakeholder::named(StakeholderKind::Opponent, "Bea Landlords");
        bea.influence = Influence::Low;
        bea.position = Position::ActiveOpposition;
        let church = Stakeholder::for_partner(partner.id);
        let ids = [zed.id, bea.id, church.id];
        plan.partners.push(partner);
        plan.power.stakeholders = vec![zed, bea, church].into();

        let all = StakeholderFilter::default();
        assert_eq!(stakeholder_rows(&plan, &all, StakeholderSort::Added), ids);
        assert_eq!(
            stakeholder_rows(&plan, &all, StakeholderSort::Name),
            [ids[2], ids[1], ids[0]],
            "the partner sorts by its registry name"
        );
        assert_eq!(
            stakeholder_rows(&plan, &all, StakeholderSort::Influence),
            [ids[0], ids[2], ids[1]]
        );
        assert_eq!(
            stakeholder_rows(&plan, &all, StakeholderSort::Position),
            [ids[2], ids[0], ids[1]]
        );
        let opponents = StakeholderFilter {
            kind: Some(StakeholderKind::Opponent),
            ..StakeholderFilter::default()
        };
        assert_eq!(
            stakeholder_rows(&plan, &opponents, StakeholderSort::Added),
            [ids[1]]
        );
        let text = StakeholderFilter {
            text: " church ".into(),
            ..StakeholderFilter::default()
        };
        assert_eq!(
            stakeholder_rows(&plan, &text, StakeholderSort::Added),
            [ids[2]]
        );
        assert_eq!(plan.power.partners_missing(&plan).len(), 0);
    }

    #[test]
    fn links_need_two_different_known_stakeholders_once() {
        let mut power = PowerAnalysis::default();
        let a = Stakeholder::named(StakeholderKind::Target, "A");
        let b = Stakeholder::named(StakeholderKind::Target, "B");
        let (a, b) = (a.id, {
            let id = b.id;
            power.stakeholders.push(a);
            power.stakeholders.push(b);
            id
        });
        assert!(power.can_link(a, b));
        assert!(!power.can_link(a, a));
        assert!(!power.can_link(a, Uuid::new_v4()));
        power.links.push(InfluenceLink::new(a, b));
        assert!(!power.can_link(a, b));
        assert!(power.can_link(b, a));
    }
}
