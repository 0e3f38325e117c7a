//! Step "Coalition activities": the stage the coalition is at, the menu of activities that fit
//! that stage, and a log of what was done, with whom and what came of it.

use chrono::NaiveDate;
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Plan;
use super::enums::named_enum;
use super::list::{List, keyed_item};
use super::partners::Commitment;

/// A coalition that is still forming, or one that already holds its members to account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    Established,
}

named_enum! {
    Stage {
        New => "new",
        Established => "established",
    }
}

impl Stage {
    /// The activities that suit this stage, in the order the menu offers them.
    pub fn menu(self) -> &'static [ActivityKind] {
        // `ActivityKind::ALL` lists the new coalition's five, then the established one's
        // six, then the coalition's own kind.
        match self {
            Stage::New => &ActivityKind::ALL[..5],
            Stage::Established => &ActivityKind::ALL[5..11],
        }
    }
}

/// What kind of activity a log entry records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Networking,
    #[default]
    OneOnOne,
    HouseMeeting,
    OrganisationalMeeting,
    TeamMeeting,
    CoalitionMeeting,
    Action,
    ElectoralStrategy,
    /// Issue work by a 501(c)(4)-style organisation, or running candidates.
    CandidatesAndC4,
    /// Strategic partnerships at state, national or international level.
    StrategicPartnership,
    OrganisationalDevelopment,
    /// Named by the coalition in `custom_kind`.
    Custom,
}

named_enum! {
    ActivityKind {
        Networking => "networking",
        OneOnOne => "one_on_one",
        HouseMeeting => "house_meeting",
        OrganisationalMeeting => "organisational_meeting",
        TeamMeeting => "team_meeting",
        CoalitionMeeting => "coalition_meeting",
        Action => "action",
        ElectoralStrategy => "electoral_strategy",
        CandidatesAndC4 => "candidates_and_c4",
        StrategicPartnership => "strategic_partnership",
        OrganisationalDevelopment => "organisational_development",
        Custom => "custom",
    }
}

/// One thing the coalition did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Activity {
    pub id: Uuid,
    #[serde(default, with = "super::dates::opt_date")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>", extend("format" = "date")))]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub kind: ActivityKind,
    /// The activity's name when `kind` is `custom`.
    #[serde(default)]
    pub custom_kind: String,
    /// Partners who took part, by partner id.
    #[serde(default)]
    pub partners: Vec<Uuid>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub outcome: String,
    /// For a one-on-one: the commitment the conversation showed. Setting it also updates the
    /// partners' commitment in the registry.
    #[serde(default)]
    pub commitment_after: Option<Commitment>,
}

impl Activity {
    pub fn new(kind: ActivityKind, date: Option<NaiveDate>) -> Self {
        Activity {
            id: Uuid::new_v4(),
            date,
            kind,
            custom_kind: String::new(),
            partners: Vec::new(),
            notes: String::new(),
            outcome: String::new(),
            commitment_after: None,
        }
    }

    pub fn toggle_partner(&mut self, id: Uuid, on: bool) {
        super::toggle(&mut self.partners, id, on);
    }
}

keyed_item! {
    Activity => Activity::new(ActivityKind::default(), None);
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Activities {
    /// `null` until the coalition says where it is.
    pub stage: Option<Stage>,
    /// Every logged activity, newest first as entered.
    #[store(key: Uuid = |x| x.id)]
    pub log: List<Activity>,
}

/// Records what a one-on-one showed about commitment, and carries it to every partner who took
/// part. Only one-on-ones can do this. Returns how many partners were updated.
pub fn record_commitment(plan: &mut Plan, activity: Uuid, level: Option<Commitment>) -> usize {
    let Some(entry) = plan
        .activities
        .log
        .iter_mut()
        .find(|a| a.id == activity && a.kind == ActivityKind::OneOnOne)
    else {
        return 0;
    };
    entry.commitment_after = level;
    let Some(level) = level else {
        return 0;
    };
    let who = entry.partners.clone();
    let mut updated = 0;
    for p in plan.partners.iter_mut().filter(|p| who.contains(&p.id)) {
        p.commitment = level;
        updated += 1;
    }
    updated
}

/// Which entries the log shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogFilter {
    pub kind: Option<ActivityKind>,
    pub partner: Option<Uuid>,
}

/// The ids of the entries that pass the filter: the newest date first, undated entries (just
/// added, not dated yet) at the top, and entries of the same day in the order they were added.
pub fn filtered_log(log: &[Activity], filter: LogFilter) -> Vec<Uuid> {
    let mut shown: Vec<&Activity> = log
        .iter()
        .filter(|a| filter.kind.is_none_or(|k| a.kind == k))
        .filter(|a| filter.partner.is_none_or(|p| a.partners.contains(&p)))
        .collect();
    // A stable sort keeps entries of the same day in the order they were added.
    shown.sort_by(|a, b| match (a.date, b.date) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x),
    });
    shown.into_iter().map(|a| a.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;
    use chrono::DateTime;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 5, d)
    }

    #[test]
    fn each_stage_offers_its_own_menu() {
        assert_eq!(Stage::New.menu().len(), 5);
        assert_eq!(Stage::Established.menu().len(), 6);
        assert_eq!(Stage::New.menu()[0], ActivityKind::Networking);
        assert_eq!(Stage::Established.menu()[0], ActivityKind::CoalitionMeeting);
        for k in Stage::New.menu() {
            assert!(!Stage::Established.menu().contains(k), "{k:?} in both");
        }
        let on_a_menu = |k| Stage::ALL.iter().any(|s| s.menu().contains(&k));
        assert!(
            ActivityKind::ALL
                .into_iter()
                .all(|k| on_a_menu(k) == (k != ActivityKind::Custom))
        );
    }

    #[test]
    fn a_one_on_one_updates_the_partners_commitment() {
        let mut plan = Plan::new("p", DateTime::UNIX_EPOCH);
        let (a, b) = (Partner::new(), Partner::new());
        let (ia, ib) = (a.id, b.id);
        plan.partners = vec![a, b].into();
        let mut talk = Activity::new(ActivityKind::OneOnOne, day(1));
        talk.toggle_partner(ia, true);
        let talk_id = talk.id;
        let mut meeting = Activity::new(ActivityKind::TeamMeeting, day(2));
        meeting.toggle_partner(ib, true);
        let meeting_id = meeting.id;
        plan.activities.log = vec![talk, meeting].into();

        assert_eq!(
            record_commitment(&mut plan, talk_id, Some(Commitment::Growing)),
            1
        );
        assert_eq!(plan.partners[0].commitment, Commitment::Growing);
        assert_eq!(plan.partners[1].commitment, Commitment::Unknown);
        assert_eq!(
            plan.activities.log[0].commitment_after,
            Some(Commitment::Growing)
        );

        assert_eq!(
            record_commitment(&mut plan, meeting_id, Some(Commitment::Strong)),
            0,
            "only one-on-ones"
        );
        assert_eq!(plan.partners[1].commitment, Commitment::Unknown);

        assert_eq!(record_commitment(&mut plan, talk_id, None), 0);
        assert_eq!(
            plan.partners[0].commitment,
            Commitment::Growing,
            "clearing the entry keeps the partner's level"
        );
        assert_eq!(plan.activities.log[0].commitment_after, None);
    }

    #[test]
    fn the_log_filters_by_type_and_partner_newest_first() {
        let p = Uuid::new_v4();
        let mut a = Activity::new(ActivityKind::OneOnOne, day(3));
        a.toggle_partner(p, true);
        let b = Activity::new(ActivityKind::OneOnOne, day(9));
        let mut c = Activity::new(ActivityKind::Action, day(5));
        c.toggle_partner(p, true);
        let d = Activity::new(ActivityKind::Action, None);
        let log = vec![a.clone(), b.clone(), c.clone(), d.clone()];
        assert_eq!(
            filtered_log(&log, LogFilter::default()),
            [d.id, b.id, c.id, a.id]
        );
        let kind = LogFilter {
            kind: Some(ActivityKind::OneOnOne),
            partner: None,
        };
        assert_eq!(filtered_log(&log, kind), [b.id, a.id]);
        let partner = LogFilter {
            kind: None,
            partner: Some(p),
        };
        assert_eq!(filtered_log(&log, partner), [c.id, a.id]);
        let both = LogFilter {
            kind: Some(ActivityKind::Action),
            partner: Some(p),
        };
        assert_eq!(filtered_log(&log, both), [c.id]);
        let none = LogFilter {
            kind: Some(ActivityKind::Networking),
            partner: None,
        };
        assert!(filtered_log(&log, none).is_empty());
    }
}
