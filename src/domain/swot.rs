//! Step "SWOT": the coalition's strengths and weaknesses, and the opportunities and threats
//! around it, as four lists. An item can name the tactics (and later the goals) it informs.

use crate::domain::enums::field_enum;
use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::list::{List, keyed_item};

/// One of the four lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quadrant {
    Strengths,
    Weaknesses,
    Opportunities,
    Threats,
}

field_enum! {
    Quadrant in Swot => List<SwotItem> {
        Strengths => strengths,
        Weaknesses => weaknesses,
        Opportunities => opportunities,
        Threats => threats,
    }
}

/// One strength, weakness, opportunity or threat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SwotItem {
    pub id: Uuid,
    #[serde(default)]
    pub text: String,
    /// The tactics (and goals) this item informs.
    #[serde(default)]
    pub informs: Vec<Uuid>,
}

impl SwotItem {
    pub fn new() -> Self {
        SwotItem {
            id: Uuid::new_v4(),
            text: String::new(),
            informs: Vec::new(),
        }
    }
}

keyed_item! {
    SwotItem => SwotItem::new();
}

/// The four lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Swot {
    #[store(key: Uuid = |x| x.id)]
    pub strengths: List<SwotItem>,
    #[store(key: Uuid = |x| x.id)]
    pub weaknesses: List<SwotItem>,
    #[store(key: Uuid = |x| x.id)]
    pub opportunities: List<SwotItem>,
    #[store(key: Uuid = |x| x.id)]
    pub threats: List<SwotItem>,
}

impl Swot {
    /// Every item with its list, in list order.
    pub fn items(&self) -> impl Iterator<Item = (Quadrant, &SwotItem)> {
        Quadrant::ALL
            .into_iter()
            .flat_map(move |q| q.of(self).iter().map(move |i| (q, i)))
    }

    pub fn item_mut(&mut self, id: Uuid) -> Option<&mut SwotItem> {
        let Swot {
            strengths,
            weaknesses,
            opportunities,
            threats,
        } = self;
        [strengths, weaknesses, opportunities, threats]
            .into_iter()
            .flat_map(|v| v.iter_mut())
            .find(|i| i.id == id)
    }

    pub fn len(&self) -> usize {
        Quadrant::ALL.iter().map(|q| q.of(self).len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Links or unlinks an item and a tactic (or goal).
    pub fn set_informs(&mut self, item: Uuid, target: Uuid, on: bool) {
        if let Some(i) = self.item_mut(item) {
            let has = i.informs.contains(&target);
            if on && !has {
                i.informs.push(target);
            } else if !on {
                i.informs.retain(|t| *t != target);
            }
        }
    }

    /// The items that inform `target`, in list order.
    pub fn informing(&self, target: Uuid) -> Vec<Uuid> {
        self.items()
            .filter(|(_, i)| i.informs.contains(&target))
            .map(|(_, i)| i.id)
            .collect()
    }

    /// Drops every link to a tactic or goal that is gone.
    pub fn forget(&mut self, target: Uuid) {
        for q in Quadrant::ALL {
            for i in q.of_mut(self) {
                i.informs.retain(|t| *t != target);
            }
        }
    }

    pub fn remove(&mut self, item: Uuid) {
        for q in Quadrant::ALL {
            q.of_mut(self).retain(|i| i.id != item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_set_once_cleared_and_forgotten() {
        let mut swot = Swot::default();
        let (s, t) = (SwotItem::new(), SwotItem::new());
        let (s_id, t_id) = (s.id, t.id);
        swot.strengths.push(s);
        swot.threats.push(t);
        let tactic = Uuid::new_v4();
        swot.set_informs(s_id, tactic, true);
        swot.set_informs(s_id, tactic, true);
        swot.set_informs(t_id, tactic, true);
        assert_eq!(swot.strengths[0].informs, [tactic]);
        assert_eq!(swot.informing(tactic), [s_id, t_id]);
        swot.set_informs(t_id, tactic, false);
        assert_eq!(swot.informing(tactic), [s_id]);
        swot.forget(tactic);
        assert!(swot.informing(tactic).is_empty());
        assert_eq!(swot.len(), 2);
        swot.remove(t_id);
        assert_eq!(swot.len(), 1);
        assert_eq!(
            swot.items().next().map(|(q, _)| q),
            Some(Quadrant::Strengths)
        );
    }
}
