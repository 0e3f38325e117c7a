//! Step "Theory of change": "If we <action>, when <condition>, then <outcome>" statements that
//! chain into a pathway, the checks on that chain, and the pathway's layout for the diagram.

use reactive_stores::Store;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::list::{List, keyed_item};

/// One "If … when … then …" statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ChangeStatement {
    pub id: Uuid,
    /// If we … (what the coalition does)
    #[serde(default)]
    pub action: String,
    /// when … (the conditions it needs)
    #[serde(default)]
    pub condition: String,
    /// then … (the outcome it expects)
    #[serde(default)]
    pub outcome: String,
    /// What must be true for this to work, that the coalition cannot prove yet.
    #[serde(default)]
    pub assumptions: String,
    /// What must already be in place, in words.
    #[serde(default)]
    pub preconditions: String,
    /// How the coalition will know the outcome is happening.
    #[serde(default)]
    pub indicators: String,
    /// Statements whose outcomes are preconditions of this one, by id.
    #[serde(default)]
    pub builds_on: Vec<Uuid>,
}

impl ChangeStatement {
    pub fn new() -> Self {
        ChangeStatement {
            id: Uuid::new_v4(),
            action: String::new(),
            condition: String::new(),
            outcome: String::new(),
            assumptions: String::new(),
            preconditions: String::new(),
            indicators: String::new(),
            builds_on: Vec::new(),
        }
    }
}

keyed_item! {
    ChangeStatement => ChangeStatement::new();
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Store)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct TheoryOfChange {
    /// The statements, in the coalition's own order.
    #[store(key: Uuid = |x| x.id)]
    pub statements: List<ChangeStatement>,
}

/// A chain the app refuses to store: it could not be drawn as a pathway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainError {
    /// A statement builds on itself.
    SelfLink { index: usize },
    /// A statement builds on one that does not exist.
    UnknownLink { index: usize, id: Uuid },
    /// Following the links from this statement comes back to it.
    Cycle { index: usize },
}

/// Something the coalition should look at; the plan is still saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainWarning {
    /// The statement has no "then".
    NoOutcome(Uuid),
    /// The statement has an outcome, but no action and no earlier statement leads to it.
    NothingLeadsTo(Uuid),
}

fn index_of(statements: &[ChangeStatement], id: Uuid) -> Option<usize> {
    statements.iter().position(|s| s.id == id)
}

/// True when `from` can be reached by following `builds_on` links back from `start`.
fn reaches(statements: &[ChangeStatement], start: Uuid, from: Uuid) -> bool {
    let mut seen = vec![false; statements.len()];
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        if id == from {
            return true;
        }
        let Some(i) = index_of(statements, id) else {
            continue;
        };
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(statements[i].builds_on.iter().copied());
    }
    false
}

/// Checks the links: each points to another statement that exists, and none loops back.
pub fn check_chain(statements: &[ChangeStatement]) -> Result<(), ChainError> {
    for (index, s) in statements.iter().enumerate() {
        for &link in &s.builds_on {
            if link == s.id {
                return Err(ChainError::SelfLink { index });
            }
            if index_of(statements, link).is_none() {
                return Err(ChainError::UnknownLink { index, id: link });
            }
        }
    }
    for (index, s) in statements.iter().enumerate() {
        if s.builds_on.iter().any(|&l| reaches(statements, l, s.id)) {
            return Err(ChainError::Cycle { index });
        }
    }
    Ok(())
}

/// Whether statement `id` may build on `candidate` without making a loop.
pub fn can_build_on(statements: &[ChangeStatement], id: Uuid, candidate: Uuid) -> bool {
    id != candidate
        && index_of(statements, candidate).is_some()
        && !reaches(statements, candidate, id)
}

/// Links `id` to build on `on`, or unlinks it. Refuses a link that would make a loop.
pub fn set_link(statements: &mut [ChangeStatement], id: Uuid, on: Uuid, linked: bool) -> bool {
    if linked && !can_build_on(statements, id, on) {
        return false;
    }
    let Some(s) = statements.iter_mut().find(|s| s.id == id) else {
        return false;
    };
    s.builds_on.retain(|l| *l != on);
    if linked {
        s.builds_on.push(on);
    }
    true
}

/// Removes a statement and every link to it.
pub fn remove_statement(statements: &mut Vec<ChangeStatement>, id: Uuid) {
    statements.retain(|s| s.id != id);
    for s in statements.iter_mut() {
        s.builds_on.retain(|l| *l != id);
    }
}

/// What the coalition should look at in its chain, in list order.
pub fn chain_warnings(statements: &[ChangeStatement]) -> Vec<ChainWarning> {
    statements
        .iter()
        .filter_map(|s| {
            if s.outcome.trim().is_empty() {
                Some(ChainWarning::NoOutcome(s.id))
            } else if s.action.trim().is_empty() && s.builds_on.is_empty() {
                Some(ChainWarning::NothingLeadsTo(s.id))
            } else {
                None
            }
        })
        .collect()
}

/// Where a statement sits in the pathway: its column (how many links lead up to it) and its
/// place within that column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub id: Uuid,
    pub layer: usize,
    pub slot: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// Every statement, in pathway order: layer by layer, list order within a layer.
    pub nodes: Vec<Placed>,
    /// Links from the statement built on to the statement that builds on it.
    pub edges: Vec<(Uuid, Uuid)>,
    pub layers: usize,
    /// The most statements in one layer.
    pub widest: usize,
}

/// Lays the chain out in layers: a statement sits one layer after the furthest statement it
/// builds on. Unknown links are ignored and a loop cannot hang it (it stops after `n` rounds).
pub fn layout(statements: &[ChangeStatement]) -> Layout {
    let n = statements.len();
    let mut layer = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for (i, s) in statements.iter().enumerate() {
            let want = s
                .builds_on
                .iter()
                .filter_map(|l| index_of(statements, *l))
                .map(|j| layer[j] + 1)
                .max()
                .unwrap_or(0)
                .min(n.saturating_sub(1));
            if want != layer[i] {
                layer[i] = want;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let layers = layer.iter().max().map_or(0, |m| m + 1);
    let mut nodes = Vec::with_capacity(n);
    let mut widest = 0;
    for l in 0..layers {
        let mut slot = 0;
        for (i, s) in statements.iter().enumerate() {
            if layer[i] == l {
                nodes.push(Placed {
                    id: s.id,
                    layer: l,
                    slot,
                });
                slot += 1;
            }
        }
        widest = widest.max(slot);
    }
    let edges = statements
        .iter()
        .flat_map(|s| {
            s.builds_on
                .iter()
                .filter(|l| index_of(statements, **l).is_some())
                .map(move |l| (*l, s.id))
        })
        .collect();
    Layout {
        nodes,
        edges,
        layers,
        widest,
    }
}

/// Breaks text into lines of at most `width` characters for the diagram, at spaces where it
/// can, with at most `max_lines` lines; a cut ends with "…".
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut cut = false;
    'words: for word in text.split_whitespace() {
        let mut word: &str = word;
        loop {
            let len = current.chars().count();
            let wlen = word.chars().count();
            let room = if len == 0 {
                width
            } else {
                width.saturating_sub(len + 1)
            };
            if wlen <= room {
                if len > 0 {
                    current.push(' ');
                }
                current.push_str(word);
                continue 'words;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut current));
            } else {
                // A word longer than a line: break it.
                let split = word
                    .char_indices()
                    .nth(width)
                    .map_or(word.len(), |(i, _)| i);
                lines.push(word[..split].to_owned());
                word = &word[split..];
            }
            if lines.len() == max_lines {
                cut = true;
                break 'words;
            }
            if word.is_empty() {
                continue 'words;
            }
        }
    }
    if !cut && !current.is_empty() {
        if lines.len() == max_lines {
            cut = true;
        } else {
            lines.push(current);
        }
    }
    if let (true, Some(last)) = (cut, lines.last_mut()) {
        let keep: String = last.chars().take(width.saturating_sub(1)).collect();
        *last = format!("{}…", keep.trim_end());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(action: &str, outcome: &str) -> ChangeStatement {
        ChangeStatement {
            action: action.into(),
            outcome: outcome.into(),
            ..ChangeStatement::new()
        }
    }

    #[test]
    fn chains_refuse_self_links_unknown_links_and_loops() {
        let (a, b, c) = (st("a", "A"), st("b", "B"), st("c", "C"));
        let (ia, ib, ic) = (a.id, b.id, c.id);
        let mut list = vec![a, b, c];
        assert_eq!(check_chain(&list), Ok(()));
        assert!(set_link(&mut list, ib, ia, true));
        assert!(set_link(&mut list, ic, ib, true));
        assert_eq!(check_chain(&list), Ok(()));
        assert!(!can_build_on(&list, ia, ic), "c → a would close a loop");
        assert!(!set_link(&mut list, ia, ic, true));
        assert!(!set_link(&mut list, ia, ia, true));
        assert!(can_build_on(&list, ic, ia), "a shortcut is not a loop");

        let mut looped = list.clone();
        looped[0].builds_on.push(ic);
        assert_eq!(check_chain(&looped), Err(ChainError::Cycle { index: 0 }));
        let mut selfish = list.clone();
        selfish[1].builds_on.push(ib);
        assert_eq!(
            check_chain(&selfish),
            Err(ChainError::SelfLink { index: 1 })
        );
        let mut dangling = list.clone();
        let ghost = Uuid::new_v4();
        dangling[2].builds_on.push(ghost);
        assert_eq!(
            check_chain(&dangling),
            Err(ChainError::UnknownLink {
                index: 2,
                id: ghost
            })
        );
        // Layout survives a loop instead of hanging.
        assert_eq!(layout(&looped).nodes.len(), 3);
    }

    #[test]
    fn removing_a_statement_removes_the_links_to_it() {
        let (a, b) = (st("a", "A"), st("b", "B"));
        let (ia, ib) = (a.id, b.id);
        let mut list = vec![a, b];
        assert!(set_link(&mut list, ib, ia, true));
        assert_eq!(layout(&list).edges, [(ia, ib)]);
        remove_statement(&mut list, ia);
        assert_eq!(list.len(), 1);
        assert!(list[0].builds_on.is_empty());
        assert_eq!(check_chain(&list), Ok(()));
        assert!(
            !set_link(&mut list, ib, ia, true),
            "cannot link to a removed statement"
        );
        assert!(list[0].builds_on.is_empty());
    }

    #[test]
    fn warnings_find_missing_outcomes_and_outcomes_nothing_leads_to() {
        let a = st("hold house meetings", "");
        let b = st("", "the council listens");
        let mut c = st("", "rents are capped");
        let d = st("march", "press covers it");
        c.builds_on.push(d.id);
        let list = vec![a.clone(), b.clone(), c, d];
        assert_eq!(
            chain_warnings(&list),
            [
                ChainWarning::NoOutcome(a.id),
                ChainWarning::NothingLeadsTo(b.id)
            ]
        );
    }

    #[test]
    fn the_pathway_is_laid_out_in_layers() {
        let (a, b, mut c, mut d) = (st("a", "A"), st("b", "B"), st("c", "C"), st("d", "D"));
        c.builds_on = vec![a.id, b.id];
        d.builds_on = vec![c.id, a.id];
        // Listed out of order on purpose.
        let list = vec![d.clone(), c.clone(), a.clone(), b.clone()];
        let l = layout(&list);
        assert_eq!(l.layers, 3);
        assert_eq!(l.widest, 2);
        let at = |id| {
            l.nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| (n.layer, n.slot))
        };
        assert_eq!(at(a.id), Some((0, 0)));
        assert_eq!(at(b.id), Some((0, 1)));
        assert_eq!(at(c.id), Some((1, 0)));
        assert_eq!(at(d.id), Some((2, 0)));
        assert_eq!(
            l.nodes.iter().map(|n| n.id).collect::<Vec<_>>(),
            [a.id, b.id, c.id, d.id]
        );
        assert_eq!(l.edges.len(), 4);
        assert!(l.edges.contains(&(a.id, d.id)));
        assert_eq!(layout(&[]), Layout::default());
    }

    #[test]
    fn diagram_text_wraps_at_spaces_and_marks_a_cut() {
        assert_eq!(wrap("", 10, 3), Vec::<String>::new());
        assert_eq!(wrap("rents are capped", 10, 3), ["rents are", "capped"]);
        assert_eq!(wrap("abcdefghijkl", 5, 3), ["abcde", "fghij", "kl"]);
        assert_eq!(
            wrap("one two three four five six", 7, 2),
            ["one two", "three…"]
        );
        assert_eq!(wrap("a b c d e f g h", 3, 2), ["a b", "c…"]);
        for line in wrap(&"é".repeat(50), 8, 4) {
            assert!(line.chars().count() <= 8);
        }
    }
}
