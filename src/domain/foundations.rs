//! Step "Foundations": the five relationship qualities, the five foundational blocks with a
//! dated history of self-assessments, and the coalition charter.

use chrono::NaiveDate;
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::enums::{field_enum, named_enum};
use super::partners::Commitment;
use super::text::texts;
use super::{Plan, Timestamp};

/// How far a relationship quality is present today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    NotYet,
    Partly,
    Strong,
}

named_enum! {
    Rating {
        NotYet => "not_yet",
        Partly => "partly",
        Strong => "strong",
    }
}

/// One relationship quality: how it is rated, and what shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct QualityEntry {
    /// `null` until the coalition has rated it.
    pub rating: Option<Rating>,
    /// What the coalition sees that backs the rating.
    pub evidence: String,
}

/// The five qualities of a relationship that an alliance is made of.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Qualities {
    pub shared_values: QualityEntry,
    pub diverse_skills: QualityEntry,
    pub shared_purpose: QualityEntry,
    pub shared_growth: QualityEntry,
    pub commitment: QualityEntry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quality {
    SharedValues,
    DiverseSkills,
    SharedPurpose,
    SharedGrowth,
    Commitment,
}

field_enum! {
    Quality in Qualities => QualityEntry {
        SharedValues => shared_values,
        DiverseSkills => diverse_skills,
        SharedPurpose => shared_purpose,
        SharedGrowth => shared_growth,
        Commitment => commitment,
    }
}

/// The lowest and highest score a foundational block can get.
pub const SCORE_MIN: u8 = 1;
pub const SCORE_MAX: u8 = 5;

/// One foundational block as the coalition sees it today.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct BlockEntry {
    /// 1 (missing) to 5 (solid); `null` until scored.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 5)))]
    pub score: Option<u8>,
    pub notes: String,
    /// The one thing the coalition will do next to make this block stronger.
    pub next_step: String,
}

/// The five foundational blocks of an alliance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Blocks {
    pub diverse_people: BlockEntry,
    pub common_purpose: BlockEntry,
    pub clear_boundaries: BlockEntry,
    pub clear_roles: BlockEntry,
    pub explicit_norms: BlockEntry,
}

/// The scores of one dated assessment, block by block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct BlockScores {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 5)))]
    pub diverse_people: Option<u8>,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 5)))]
    pub common_purpose: Option<u8>,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 5)))]
    pub clear_boundaries: Option<u8>,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 5)))]
    pub clear_roles: Option<u8>,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 5)))]
    pub explicit_norms: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    DiversePeople,
    CommonPurpose,
    ClearBoundaries,
    ClearRoles,
    ExplicitNorms,
}

field_enum! {
    Block in Blocks => BlockEntry {
        DiversePeople => diverse_people,
        CommonPurpose => common_purpose,
        ClearBoundaries => clear_boundaries,
        ClearRoles => clear_roles,
        ExplicitNorms => explicit_norms,
    }
}

impl Block {
    pub fn score_in(self, s: &BlockScores) -> Option<u8> {
        match self {
            Block::DiversePeople => s.diverse_people,
            Block::CommonPurpose => s.common_purpose,
            Block::ClearBoundaries => s.clear_boundaries,
            Block::ClearRoles => s.clear_roles,
            Block::ExplicitNorms => s.explicit_norms,
        }
    }

    fn score_in_mut(self, s: &mut BlockScores) -> &mut Option<u8> {
        match self {
            Block::DiversePeople => &mut s.diverse_people,
            Block::CommonPurpose => &mut s.common_purpose,
            Block::ClearBoundaries => &mut s.clear_boundaries,
            Block::ClearRoles => &mut s.clear_roles,
            Block::ExplicitNorms => &mut s.explicit_norms,
        }
    }
}

/// The blocks' scores as they stood on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Assessment {
    pub id: Uuid,
    #[serde(with = "super::dates::date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String", extend("format" = "date")))]
    pub date: NaiveDate,
    /// When the scores were saved. Several assessments can share a date; each is kept. Files
    /// written before this field have none.
    #[serde(default, with = "super::dates::opt_timestamp")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date-time")))]
    pub saved_at: Option<Timestamp>,
    #[serde(default)]
    pub scores: BlockScores,
}

impl Assessment {
    /// Where it sorts in the history: by date, then by the time it was saved.
    pub fn order(&self) -> (NaiveDate, Option<Timestamp>) {
        (self.date, self.saved_at)
    }
}

/// The coalition's written agreement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Charter {
    pub values: String,
    pub purpose: String,
    /// Boundaries: what we will do together.
    pub will_do: String,
    /// Boundaries: what we will not do together.
    pub will_not_do: String,
    /// Norms: how we decide.
    pub decisions: String,
    /// Norms: how we handle disagreement.
    pub conflict: String,
    /// Norms: how we keep each other informed.
    pub communication: String,
    pub roles: String,
    /// When the partners agreed to it.
    #[serde(with = "super::dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub agreed_on: Option<NaiveDate>,
}

impl Charter {
    /// Each text of the charter with its file name, in the charter's order.
    pub fn texts(&self) -> [(&'static str, &str); 8] {
        texts! {
            self;
            values, purpose, will_do, will_not_do, decisions, conflict, communication, roles
        }
    }

    pub fn is_empty(&self) -> bool {
        self.texts().iter().all(|(_, t)| t.trim().is_empty())
    }
}

/// The step's whole content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Foundations {
    pub qualities: Qualities,
    pub blocks: Blocks,
    /// Saved self-assessments, oldest first.
    pub assessments: Vec<Assessment>,
    pub charter: Charter,
}

impl Foundations {
    /// Today's block scores.
    pub fn current_scores(&self) -> BlockScores {
        let mut scores = BlockScores::default();
        for block in Block::ALL {
            *block.score_in_mut(&mut scores) = block.of(&self.blocks).score;
        }
        scores
    }

    /// Saves today's block scores as an assessment of `date`, saved at `now`. Every save is
    /// kept, even on a day that already has one: the history shows both, with their times.
    /// Returns the assessment's id, or `None` when no block is scored yet (an empty assessment
    /// says nothing).
    pub fn record_assessment(
        &mut self,
        date: NaiveDate,
        now: Timestamp,
        new_id: Uuid,
    ) -> Option<Uuid> {
        let scores = self.current_scores();
        if Block::ALL.iter().all(|b| b.score_in(&scores).is_none()) {
            return None;
        }
        let assessment = Assessment {
            id: new_id,
            date,
            saved_at: Some(now),
            scores,
        };
        let at = self
            .assessments
            .partition_point(|a| a.order() <= assessment.order());
        self.assessments.insert(at, assessment);
        Some(new_id)
    }
}

/// Which way a block moved between its two latest scored assessments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    Up(u8),
    Down(u8),
    Same,
}

/// One block's line in the history table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockTrend {
    pub block: Block,
    /// The score in each assessment, in date order.
    pub scores: Vec<Option<u8>>,
    /// `None` until the block has been scored in two assessments.
    pub movement: Option<Movement>,
}

/// How each block moved across the saved assessments (which are kept in date order).
pub fn block_history(assessments: &[Assessment]) -> Vec<BlockTrend> {
    let mut sorted: Vec<&Assessment> = assessments.iter().collect();
    sorted.sort_by_key(|a| a.order());
    Block::ALL
        .into_iter()
        .map(|block| {
            let scores: Vec<Option<u8>> =
                sorted.iter().map(|a| block.score_in(&a.scores)).collect();
            let mut scored = scores.iter().rev().flatten();
            let movement = match (scored.next(), scored.next()) {
                (Some(&last), Some(&before)) if last > before => Some(Movement::Up(last - before)),
                (Some(&last), Some(&before)) if last < before => {
                    Some(Movement::Down(before - last))
                }
                (Some(_), Some(_)) => Some(Movement::Same),
                _ => None,
            };
            BlockTrend {
                block,
                scores,
                movement,
            }
        })
        .collect()
}

/// Why the app warns that the coalition risks turning to slush.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlushWarning {
    /// The coalition rated its own commitment "not yet" or "partly".
    CommitmentRated(Rating),
    /// More than half of the partners whose commitment is known have low commitment.
    PartnersLow { low: usize, known: usize },
}

/// Warns when commitment is weak: without commitment, a coalition loses its shape.
pub fn slush_warning(plan: &Plan) -> Option<SlushWarning> {
    match plan.foundations.qualities.commitment.rating {
        Some(r @ (Rating::NotYet | Rating::Partly)) => {
            return Some(SlushWarning::CommitmentRated(r));
        }
        Some(Rating::Strong) | None => {}
    }
    let known = plan
        .partners
        .iter()
        .filter(|p| p.commitment != Commitment::Unknown)
        .count();
    let low = plan
        .partners
        .iter()
        .filter(|p| p.commitment == Commitment::Low)
        .count();
    (known >= 2 && low * 2 > known).then_some(SlushWarning::PartnersLow { low, known })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;
    use chrono::DateTime;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    fn plan() -> Plan {
        Plan::new("p", DateTime::UNIX_EPOCH)
    }

    #[test]
    fn weak_commitment_warns_of_slush() {
        let mut p = plan();
        assert_eq!(
            slush_warning(&p),
            None,
            "nothing rated, nothing to warn about"
        );
        for (rating, warns) in [
            (Rating::NotYet, true),
            (Rating::Partly, true),
            (Rating::Strong, false),
        ] {
            p.foundations.qualities.commitment.rating = Some(rating);
            assert_eq!(
                slush_warning(&p),
                warns.then_some(SlushWarning::CommitmentRated(rating))
            );
        }
        // Other qualities rated low do not trigger the commitment warning.
        p.foundations.qualities.commitment.rating = None;
        p.foundations.qualities.shared_values.rating = Some(Rating::NotYet);
        assert_eq!(slush_warning(&p), None);
    }

    #[test]
    fn mostly_low_partner_commitment_warns_of_slush() {
        let mut p = plan();
        let with = |c| Partner {
            commitment: c,
            ..Partner::new()
        };
        p.partners = vec![with(Commitment::Low), with(Commitment::Unknown)].into();
        assert_eq!(
            slush_warning(&p),
            None,
            "one known partner is too few to judge"
        );
        p.partners.push(with(Commitment::Strong));
        assert_eq!(slush_warning(&p), None, "one low of two known is not most");
        p.partners.push(with(Commitment::Low));
        assert_eq!(
            slush_warning(&p),
            Some(SlushWarning::PartnersLow { low: 2, known: 3 })
        );
        p.foundations.qualities.commitment.rating = Some(Rating::Partly);
        assert_eq!(
            slush_warning(&p),
            Some(SlushWarning::CommitmentRated(Rating::Partly)),
            "the coalition's own rating comes first"
        );
    }

    fn at(h: u32) -> Timestamp {
        DateTime::from_timestamp(i64::from(h) * 3600, 0).unwrap_or_default()
    }

    #[test]
    fn assessments_are_dated_sorted_and_a_second_on_one_day_is_kept_too() {
        let mut f = Foundations::default();
        assert_eq!(
            f.record_assessment(day(1), at(1), Uuid::new_v4()),
            None,
            "nothing scored"
        );
        f.blocks.diverse_people.score = Some(2);
        let first = Uuid::new_v4();
        assert_eq!(f.record_assessment(day(10), at(1), first), Some(first));
        f.blocks.diverse_people.score = Some(4);
        f.blocks.clear_roles.score = Some(3);
        let earlier = Uuid::new_v4();
        assert_eq!(f.record_assessment(day(2), at(2), earlier), Some(earlier));
        assert_eq!(
            f.assessments.iter().map(|a| a.date).collect::<Vec<_>>(),
            [day(2), day(10)]
        );
        f.blocks.clear_roles.score = Some(5);
        let again = Uuid::new_v4();
        assert_eq!(f.record_assessment(day(10), at(3), again), Some(again));
        assert_eq!(
            f.assessments.len(),
            3,
            "the earlier one of that day is kept"
        );
        assert_eq!(f.assessments[1].id, first);
        assert_eq!(f.assessments[1].scores.clear_roles, None);
        assert_eq!(f.assessments[2].id, again);
        assert_eq!(f.assessments[2].saved_at, Some(at(3)));
        assert_eq!(f.assessments[2].scores.clear_roles, Some(5));
        let h = block_history(&f.assessments);
        assert_eq!(
            h[3].scores,
            [Some(3), None, Some(5)],
            "clear roles, in order"
        );
    }

    #[test]
    fn history_shows_how_each_block_moved() {
        let a = |d, people, roles, norms| Assessment {
            id: Uuid::new_v4(),
            date: day(d),
            saved_at: None,
            scores: BlockScores {
                diverse_people: people,
                clear_roles: roles,
                explicit_norms: norms,
                ..BlockScores::default()
            },
        };
        // Out of order on purpose: the history sorts by date.
        let list = vec![
            a(20, Some(4), Some(2), Some(3)),
            a(1, Some(2), Some(4), None),
            a(10, None, Some(2), Some(3)),
        ];
        let h = block_history(&list);
        let people = &h[0];
        assert_eq!(people.block, Block::DiversePeople);
        assert_eq!(people.scores, [Some(2), None, Some(4)]);
        assert_eq!(
            people.movement,
            Some(Movement::Up(2)),
            "skips the unscored middle"
        );
        let roles = h
            .iter()
            .find(|t| t.block == Block::ClearRoles)
            .map(|t| t.movement);
        assert_eq!(roles, Some(Some(Movement::Same)));
        let norms = h
            .iter()
            .find(|t| t.block == Block::ExplicitNorms)
            .map(|t| t.movement);
        assert_eq!(norms, Some(Some(Movement::Same)));
        let purpose = h.iter().find(|t| t.block == Block::CommonPurpose);
        assert_eq!(purpose.map(|t| t.movement), Some(None), "never scored");
        let down = block_history(&[a(1, Some(5), None, None), a(2, Some(1), None, None)]);
        assert_eq!(down[0].movement, Some(Movement::Down(4)));
        assert_eq!(block_history(&[])[0].scores, Vec::<Option<u8>>::new());
    }
}
