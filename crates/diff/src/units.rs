//! Aligning the units of two drafts (articles, annex units, the preamble, the final
//! clauses, the own words of divisions): which old units became which new ones.
//!
//! 1. **Similar on their own**: pairs whose word shingles are alike enough (or alike and
//!    with the same heading, or with the same number and much shared), best first.
//! 2. **Order**: the heaviest chain of those pairs that keeps both drafts' order is the
//!    backbone; between two consecutive pairs of it, the units left over on both sides
//!    are likely each other's continuations, and need half the evidence: overall
//!    similarity, where their clauses went, and their headings.
//! 3. **Clauses**: anywhere, an old unit most of whose words went to one new unit, which
//!    took most of its words from it, is that unit's continuation.
//! 4. **Splits and merges**: a unit left over joins a matched unit that took much of its
//!    content (by order and similarity, by clauses, or by containment), when the words
//!    were moved there rather than copied; a number alone never counts.
//!
//! Candidates come from shingle indexes, so the cost stays near linear in the number of
//! units.

use std::collections::HashMap;

use treaty_model::{ClauseId, Node, NodeKind, normalised};

use crate::align::Clause;
use crate::evidence::{
    HeadingWeights, MAJORITY, ORDER_EVIDENCE, ORDER_FLOOR, Votes, heaviest_chain,
};
use crate::index::{COMMON, Counter, Index};
use crate::model::Evidence;
use crate::words::{containment, dice, push_word_hashes, shingles_of, word_hashes};
use crate::{
    SAME_NUMBER_DICE, SAME_NUMBER_OVERLAP, SPLIT_CONTAINMENT, UNIT_MATCH, UNIT_MATCH_SAME_HEADING,
};
use treaty_par as par;

/// A unit of alignment.
pub(crate) struct Unit<'a> {
    pub node: &'a Node,
    /// Whether the unit is the whole subtree, or only the node's own words (a division).
    pub whole: bool,
    pub shingles: Vec<u64>,
    /// The heading's words, as shingles read them (empty: no heading).
    pub heading: Vec<u64>,
    /// How many words the unit has.
    pub words: usize,
}

impl Unit<'_> {
    /// What kind of unit it is: a container's own words are all one kind.
    pub fn kind(&self) -> Option<NodeKind> {
        self.whole.then_some(self.node.kind)
    }
}

/// The unit made of `node` (its whole subtree, or its own words only), given its
/// clauses (see [`crate::align`]).
pub(crate) fn unit<'a>(node: &'a Node, whole: bool, clauses: &[Clause<'a>]) -> Unit<'a> {
    let words = if whole {
        let mut words = Vec::new();
        push_unit_words(node, &mut clauses.iter().peekable(), &mut words);
        words
    } else {
        word_hashes(&normalised(&node.own_text()))
    };
    Unit {
        node,
        whole,
        shingles: shingles_of(&words),
        // The node's own clause, when it has one, has read its heading's words.
        heading: match clauses.first() {
            Some(c) if std::ptr::eq(c.node, node) => c.field_words(0).to_vec(),
            _ => node
                .heading
                .as_deref()
                .map(|h| word_hashes(&normalised(h)))
                .unwrap_or_default(),
        },
        words: words.len(),
    }
}

/// A whole unit's words: those of its full text as it is (heading, text, the children's,
/// closing: [`Node::text_parts`]), read part by part (the parts are joined by line
/// breaks, which end words). A part in ASCII has the words of its normalised form,
/// which its clause has read already (normalising ASCII only joins spaces); any other
/// is read again, as it is.
fn push_unit_words<'c, 'a: 'c>(
    n: &'a Node,
    clauses: &mut std::iter::Peekable<impl Iterator<Item = &'c Clause<'a>>>,
    out: &mut Vec<u64>,
) {
    let clause = clauses.next_if(|c| std::ptr::eq(c.node, n));
    let field = |k: usize, raw: &str, out: &mut Vec<u64>| match clause {
        Some(c) if raw.is_ascii() => out.extend_from_slice(c.field_words(k)),
        _ => push_word_hashes(raw, out),
    };
    field(0, n.heading.as_deref().unwrap_or(""), out);
    field(1, &n.text, out);
    for child in &n.children {
        push_unit_words(child, clauses, out);
    }
    field(2, n.closing.as_deref().unwrap_or(""), out);
}

/// Which old units went to which new ones, and why.
pub(crate) struct Group {
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    pub score: f32,
    /// Why each pair of the group was made, the first pair first.
    pub why: Vec<(usize, usize, Evidence)>,
}

/// The alignment of two drafts' units.
pub(crate) struct Alignment {
    pub groups: Vec<Group>,
    pub deleted: Vec<usize>,
    pub inserted: Vec<usize>,
}

/// The state of an alignment being made.
struct Aligner<'u, 'a> {
    old: &'u [Unit<'a>],
    new: &'u [Unit<'a>],
    old_index: Index,
    new_index: Index,
    votes: Votes,
    headings: HeadingWeights,
    /// Old unit → its group, and new unit → its group.
    old_group: Vec<Option<usize>>,
    new_group: Vec<Option<usize>>,
    groups: Vec<Group>,
}

/// `clauses` are the two drafts' clauses, whose lines are the blocks of clause evidence.
pub(crate) fn align(
    old: &[Unit<'_>],
    new: &[Unit<'_>],
    clauses: (&[Clause<'_>], &[Clause<'_>]),
) -> Alignment {
    // Shingles held by very many units ("each state party shall") say nothing about
    // which unit is which; the counters pass over them.
    let ((old_index, new_index), votes) = par::both(
        || {
            (
                Index::new(old.iter().map(|u| u.shingles.as_slice()).enumerate()),
                Index::new(new.iter().map(|u| u.shingles.as_slice()).enumerate()),
            )
        },
        || Votes::new((old, clauses.0), (new, clauses.1)),
    );
    let mut a = Aligner {
        old,
        new,
        old_index,
        new_index,
        votes,
        headings: HeadingWeights::new(old, new),
        old_group: vec![None; old.len()],
        new_group: vec![None; new.len()],
        groups: Vec::new(),
    };
    let tops = a.similar();
    a.by_order();
    a.by_clauses();
    a.merges();
    a.splits(&tops);
    for g in &mut a.groups {
        g.old.sort_unstable();
        g.new.sort_unstable();
    }
    let deleted = (0..old.len())
        .filter(|&i| a.old_group[i].is_none())
        .collect();
    let inserted = (0..new.len())
        .filter(|&j| a.new_group[j].is_none())
        .collect();
    Alignment {
        groups: a.groups,
        deleted,
        inserted,
    }
}

impl Aligner<'_, '_> {
    fn evidence(&self, rule: &'static str, i: usize, j: usize) -> Evidence {
        let (o, n) = (&self.old[i], &self.new[j]);
        Evidence {
            rule,
            old: o.node.id.clone(),
            new: n.node.id.clone(),
            similarity: dice(&o.shingles, &n.shingles),
            heading: self.headings.similarity(&o.heading, &n.heading),
            clauses: self.votes.forward(i, j).max(self.votes.backward(j, i)),
            same_number: o.node.id == n.node.id,
        }
    }

    fn pair(&mut self, i: usize, j: usize, score: f32, rule: &'static str) {
        let why = self.evidence(rule, i, j);
        self.old_group[i] = Some(self.groups.len());
        self.new_group[j] = Some(self.groups.len());
        self.groups.push(Group {
            old: vec![i],
            new: vec![j],
            score: score.min(1.0),
            why: vec![(i, j, why)],
        });
    }

    /// Step 1: pairs similar enough on their own, best first; among equals, the closer
    /// in position. Returns each new unit's candidates (for splits).
    fn similar(&mut self) -> Vec<Vec<usize>> {
        let (old, new) = (self.old, self.new);
        let by_id: HashMap<&ClauseId, usize> = old
            .iter()
            .enumerate()
            .map(|(i, u)| (&u.node.id, i))
            .collect();
        let positions: Vec<usize> = (0..new.len()).collect();
        let index = &self.old_index;
        let scored = par::map_with(
            &positions,
            || Counter::new(old.len()),
            |counter, &j| {
                let u = &new[j];
                let top = counter.top(index, &u.shingles);
                let mut cands = top.clone();
                if let Some(&i) = by_id.get(&u.node.id) {
                    cands.push(i);
                }
                // Position: the unit at the same place in the old draft.
                if j < old.len() {
                    cands.push(j);
                }
                cands.sort_unstable();
                cands.dedup();
                let pairs: Vec<(f32, usize, usize)> = cands
                    .into_iter()
                    .filter_map(|i| unit_pair(&old[i], u).map(|score| (score, i, j)))
                    .collect();
                (pairs, top)
            },
        );
        let (pairs, tops): (Vec<_>, Vec<_>) = scored.into_iter().unzip();
        let mut pairs: Vec<(f32, usize, usize)> = pairs.into_iter().flatten().collect();
        pairs.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then((a.1.abs_diff(a.2)).cmp(&b.1.abs_diff(b.2)))
                .then(a.2.cmp(&b.2))
        });
        for (score, i, j) in pairs {
            if self.old_group[i].is_none() && self.new_group[j].is_none() {
                self.pair(i, j, score, "similar");
            }
        }
        tops
    }

    /// How strongly two units left over are one, on the scale where 1 is a match on
    /// similarity alone: content (similarity, or where the clauses went) and, averaged
    /// with it, the headings; in a gap of one unit on each side, the better of the two.
    /// Zero below `ORDER_EVIDENCE`, across kinds, or with neither some similarity nor a
    /// linked clause.
    fn order_evidence(&self, i: usize, j: usize, alone: bool) -> f32 {
        let (o, n) = (&self.old[i], &self.new[j]);
        if o.kind() != n.kind() {
            return 0.0;
        }
        let d = dice(&o.shingles, &n.shingles);
        let v = self.votes.forward(i, j).max(self.votes.backward(j, i));
        if d < ORDER_FLOOR && !self.votes.linked(i, j) {
            return 0.0;
        }
        let content = (d / UNIT_MATCH).min(1.0).max((v / MAJORITY).min(1.0));
        let heading = self.headings.similarity(&o.heading, &n.heading);
        let e = if alone {
            content.max(heading)
        } else {
            content.max((content + heading) / 2.0)
        };
        if e >= ORDER_EVIDENCE { e } else { 0.0 }
    }

    /// Step 2: the stretches between consecutive pairs of the backbone, each filled with
    /// the heaviest chain of order-keeping pairs of its left-over units. Two texts with
    /// nothing in common have no backbone, and no order to lean on.
    fn by_order(&mut self) {
        let anchors: Vec<(usize, usize)> = {
            let mut a: Vec<(usize, usize)> =
                self.groups.iter().map(|g| (g.old[0], g.new[0])).collect();
            a.sort_unstable();
            a
        };
        let scores: HashMap<(usize, usize), f32> = self
            .groups
            .iter()
            .map(|g| ((g.old[0], g.new[0]), g.score))
            .collect();
        let backbone: Vec<(usize, usize)> =
            heaviest_chain(&anchors, |p| 1.0 + 1e-3 * scores[&anchors[p]])
                .into_iter()
                .map(|p| anchors[p])
                .collect();
        if backbone.is_empty() {
            return;
        }
        let mut bounds: Vec<(isize, isize)> = vec![(-1, -1)];
        bounds.extend(backbone.iter().map(|&(i, j)| (i as isize, j as isize)));
        bounds.push((self.old.len() as isize, self.new.len() as isize));
        let mut counter = Counter::new(self.new.len());
        for w in bounds.windows(2) {
            let ((i1, j1), (i2, j2)) = (w[0], w[1]);
            let left_old: Vec<usize> = ((i1 + 1)..i2)
                .map(|i| i as usize)
                .filter(|&i| self.old_group[i].is_none())
                .collect();
            let left_new: Vec<usize> = ((j1 + 1)..j2)
                .map(|j| j as usize)
                .filter(|&j| self.new_group[j].is_none())
                .collect();
            if left_old.is_empty() || left_new.is_empty() {
                continue;
            }
            self.fill_gap(&left_old, &left_new, &mut counter);
        }
    }

    fn fill_gap(&mut self, left_old: &[usize], left_new: &[usize], counter: &mut Counter) {
        let kinds_of = |us: &[Unit<'_>], list: &[usize]| {
            let mut by: Vec<(Option<NodeKind>, Vec<usize>)> = Vec::new();
            for &x in list {
                let k = us[x].kind();
                match by.iter_mut().find(|(kk, _)| *kk == k) {
                    Some((_, v)) => v.push(x),
                    None => by.push((k, vec![x])),
                }
            }
            by
        };
        let new_kinds = kinds_of(self.new, left_new);
        for (kind, a) in kinds_of(self.old, left_old) {
            let Some((_, b)) = new_kinds.iter().find(|(k, _)| *k == kind) else {
                continue;
            };
            let alone = a.len() == 1 && b.len() == 1;
            // Only pairs that share a distinctive shingle or a linked clause can have
            // the evidence: the work grows with those, not with the gap's area.
            let mut cands: Vec<(usize, usize)> = Vec::new();
            for &i in &a {
                for (j, _) in counter.counts(&self.new_index, &self.old[i].shingles, COMMON) {
                    if b.contains(&j) {
                        cands.push((i, j));
                    }
                }
                for &(j, _) in &self.votes.forward[i] {
                    if b.contains(&j) {
                        cands.push((i, j));
                    }
                }
            }
            for &j in b {
                for &(i, _) in &self.votes.backward[j] {
                    if a.contains(&i) {
                        cands.push((i, j));
                    }
                }
            }
            cands.sort_unstable();
            cands.dedup();
            let weighed: Vec<((usize, usize), f32)> = cands
                .into_iter()
                .map(|(i, j)| ((i, j), self.order_evidence(i, j, alone)))
                .filter(|&(_, e)| e > 0.0)
                .collect();
            let pairs: Vec<(usize, usize)> = weighed.iter().map(|&(p, _)| p).collect();
            for p in heaviest_chain(&pairs, |k| weighed[k].1) {
                let ((i, j), e) = weighed[p];
                self.pair(i, j, e, "order");
            }
        }
    }

    /// Step 3: an old unit left over most of whose words went to a new one left over,
    /// which took most of its words from it.
    fn by_clauses(&mut self) {
        for i in 0..self.old.len() {
            if self.old_group[i].is_some() {
                continue;
            }
            let Some((j, v)) = Votes::top(&self.votes.forward[i]) else {
                continue;
            };
            if v < MAJORITY || self.new_group[j].is_some() {
                continue;
            }
            if Votes::top(&self.votes.backward[j]).map(|(x, _)| x) != Some(i) {
                continue;
            }
            self.pair(i, j, v, "clauses");
        }
    }

    /// Step 4, old side: an old unit left over merged into a matched new unit.
    fn merges(&mut self) {
        let matched: Vec<usize> = (0..self.old.len())
            .filter(|&i| self.old_group[i].is_some())
            .collect();
        let mut counter = Counter::new(self.new.len());
        for a in 0..self.old.len() {
            if self.old_group[a].is_some() {
                continue;
            }
            let u = &self.old[a];
            let mut options: Vec<(f32, usize, &'static str)> = Vec::new();
            // Beside its nearest matched neighbours, with the order's evidence.
            let k = matched.partition_point(|&x| x < a);
            for &nb in &matched[k.saturating_sub(1)..(k + 1).min(matched.len())] {
                let Some(g) = self.old_group[nb] else {
                    continue;
                };
                let b = self.groups[g].new[0];
                let e = self.order_evidence(a, b, false);
                if e > 0.0 && self.votes.linked(a, b) {
                    options.push((e, b, "merged by order"));
                }
            }
            for &(b, v) in &self.votes.forward[a] {
                if self.new_group[b].is_some() && v >= MAJORITY {
                    options.push((v / MAJORITY, b, "merged by clauses"));
                }
            }
            for b in counter.top(&self.new_index, &u.shingles) {
                let n = &self.new[b];
                if self.new_group[b].is_some()
                    && n.kind() == u.kind()
                    && fits_in(&u.shingles, &n.shingles)
                    && self.votes.linked(a, b)
                {
                    let c = containment(&u.shingles, &n.shingles);
                    if c >= SPLIT_CONTAINMENT {
                        options.push((c / SPLIT_CONTAINMENT, b, "merged by containment"));
                    }
                }
            }
            let best = options
                .into_iter()
                .filter(|&(_, b, _)| {
                    let g = &self.groups[self.new_group[b].unwrap_or(0)];
                    g.new.len() == 1 && g.new[0] == b && {
                        let partner = &self.old[g.old[0]];
                        self.votes.moved(a, b, true, &u.shingles, &partner.shingles)
                    }
                })
                .max_by(|x, y| {
                    x.0.total_cmp(&y.0)
                        .then(y.1.abs_diff(a).cmp(&x.1.abs_diff(a)))
                });
            if let Some((_, b, rule)) = best
                && let Some(g) = self.new_group[b]
            {
                let why = self.evidence(rule, a, b);
                self.groups[g].old.push(a);
                self.groups[g].why.push((a, b, why));
                self.old_group[a] = Some(g);
            }
        }
    }

    /// Step 4, new side: a new unit left over split off a matched old unit.
    fn splits(&mut self, tops: &[Vec<usize>]) {
        let matched: Vec<usize> = (0..self.new.len())
            .filter(|&j| self.new_group[j].is_some())
            .collect();
        for (a, top) in tops.iter().enumerate() {
            if self.new_group[a].is_some() {
                continue;
            }
            let u = &self.new[a];
            let mut options: Vec<(f32, usize, &'static str)> = Vec::new();
            let k = matched.partition_point(|&x| x < a);
            for &nb in &matched[k.saturating_sub(1)..(k + 1).min(matched.len())] {
                let Some(g) = self.new_group[nb] else {
                    continue;
                };
                let b = self.groups[g].old[0];
                let e = self.order_evidence(b, a, false);
                if e > 0.0 && self.votes.linked(b, a) {
                    options.push((e, b, "split by order"));
                }
            }
            for &(b, v) in &self.votes.backward[a] {
                if self.old_group[b].is_some() && v >= MAJORITY {
                    options.push((v / MAJORITY, b, "split by clauses"));
                }
            }
            for &b in top {
                let o = &self.old[b];
                if self.old_group[b].is_some()
                    && o.kind() == u.kind()
                    && fits_in(&u.shingles, &o.shingles)
                    && self.votes.linked(b, a)
                {
                    let c = containment(&u.shingles, &o.shingles);
                    if c >= SPLIT_CONTAINMENT {
                        options.push((c / SPLIT_CONTAINMENT, b, "split by containment"));
                    }
                }
            }
            let best = options
                .into_iter()
                .filter(|&(_, b, _)| {
                    let g = &self.groups[self.old_group[b].unwrap_or(0)];
                    g.old.len() == 1 && g.old[0] == b && {
                        let partner = &self.new[g.new[0]];
                        self.votes
                            .moved(b, a, false, &u.shingles, &partner.shingles)
                    }
                })
                .max_by(|x, y| {
                    x.0.total_cmp(&y.0)
                        .then(y.1.abs_diff(a).cmp(&x.1.abs_diff(a)))
                });
            if let Some((_, b, rule)) = best
                && let Some(g) = self.old_group[b]
            {
                let why = self.evidence(rule, b, a);
                self.groups[g].new.push(a);
                self.groups[g].why.push((b, a, why));
                self.new_group[a] = Some(g);
            }
        }
    }
}

/// The score of an old and a new unit when they are similar enough to match on their
/// own: their Dice similarity, with a small bonus for the same heading and for the same
/// number. Units of different kinds never match; headings are compared word by word.
fn unit_pair(o: &Unit<'_>, u: &Unit<'_>) -> Option<f32> {
    if o.kind() != u.kind() {
        return None;
    }
    let same_heading = !o.heading.is_empty() && o.heading == u.heading;
    let bar = if o.node.id == u.node.id {
        SAME_NUMBER_DICE
    } else if same_heading {
        UNIT_MATCH_SAME_HEADING
    } else {
        UNIT_MATCH
    };
    if dice_bound(&o.shingles, &u.shingles) < bar {
        return None;
    }
    let d = dice(&o.shingles, &u.shingles);
    let same_number = o.node.id == u.node.id
        && d >= SAME_NUMBER_DICE
        && overlap(&o.shingles, &u.shingles) >= SAME_NUMBER_OVERLAP;
    (d >= UNIT_MATCH || (same_heading && d >= UNIT_MATCH_SAME_HEADING) || same_number).then(|| {
        let bonus =
            if same_heading { 0.05 } else { 0.0 } + if o.node.id == u.node.id { 0.02 } else { 0.0 };
        d + bonus
    })
}

/// The highest Dice similarity two sets of these sizes can have (when the smaller lies
/// wholly in the larger): pairs that cannot reach a bar are not scored.
pub(crate) fn dice_bound(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * a.len().min(b.len()) as f32 / (a.len() + b.len()) as f32
}

/// Whether `whole` is large enough to hold `SPLIT_CONTAINMENT` of `part`: a part cannot
/// lie in a set smaller than that share of it.
fn fits_in(part: &[u64], whole: &[u64]) -> bool {
    whole.len() as f32 >= SPLIT_CONTAINMENT * part.len() as f32
}

/// The share of the smaller set that lies in the other.
fn overlap(a: &[u64], b: &[u64]) -> f32 {
    let small = a.len().min(b.len());
    if small == 0 {
        return 0.0;
    }
    crate::words::shared(a, b) as f32 / small as f32
}
