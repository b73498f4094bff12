//! Aligning two drafts: units (articles and the like) by what they say, their headings
//! and their position, never by number alone; then the clauses inside matched units;
//! then clauses that moved from one unit to another.
//!
//! Candidate pairs come from an index of word shingles, so the cost stays near linear in
//! the number of units: a unit is only ever scored against the few units it shares
//! phrases with (and the one with its number). The thresholds are below.

use std::collections::{HashMap, VecDeque};

use treaty_model::{ClauseId, Document, Draft, Node, NodeKind, normalised};

use crate::model::{
    ClauseDiff, ConventionDiff, NegotiationChange, Status, Summary, UnitDiff, Word,
};
use crate::words::{ShingleMap, changed_words, containment, dice, shingles, word_diff};
use treaty_par as par;

/// Two units match when the Dice similarity of their word shingles is at least this.
pub const UNIT_MATCH: f32 = 0.5;
/// ... or at least this when their headings are the same.
pub const UNIT_MATCH_SAME_HEADING: f32 = 0.25;
/// A unit left over is part of a split (or merge) when this share of its shingles lies
/// in one matched unit of the other draft.
pub const SPLIT_CONTAINMENT: f32 = 0.6;
/// Two clauses inside matched units match from this similarity up.
pub const CLAUSE_MATCH: f32 = 0.5;
/// A clause left over in one unit matches one left over in another unit (a move) from
/// this similarity up.
pub const MOVE_MATCH: f32 = 0.6;
/// ... or, for units with the same number, when this share of the smaller one's shingles
/// lies in the other (an article that grew or shrank a lot but kept its number and much
/// of its words) and their Dice similarity is at least `SAME_NUMBER_DICE`.
pub const SAME_NUMBER_OVERLAP: f32 = 0.5;
pub const SAME_NUMBER_DICE: f32 = 0.15;
/// Candidates scored per unit, from the shingle index.
const CANDIDATES: usize = 8;

/// One draft to compare: its label, its tree, and the text it was parsed from (to tell
/// formatting changes from none).
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub label: &'a str,
    pub doc: &'a Document,
    pub source: &'a str,
}

impl<'a> From<&'a Draft> for Version<'a> {
    fn from(d: &'a Draft) -> Self {
        Self {
            label: &d.label,
            doc: &d.doc,
            source: &d.source,
        }
    }
}

/// A unit of alignment.
struct Unit<'a> {
    node: &'a Node,
    /// Whether the unit is the whole subtree, or only the node's own words (a division).
    whole: bool,
    shingles: Vec<u64>,
    heading: Option<String>,
}

/// A clause: one node's own words.
struct Clause<'a> {
    node: &'a Node,
    unit: usize,
    /// The ID below its unit's (`1.a` in `8.1.a`), to prefer like with like.
    rel: String,
    text: String,
    shingles: Vec<u64>,
}

fn units(doc: &Document) -> Vec<Unit<'_>> {
    doc.units()
        .into_iter()
        .map(|u| Unit {
            node: u.node,
            whole: u.whole,
            shingles: shingles(&if u.whole {
                u.node.full_text()
            } else {
                own_text(u.node)
            }),
            heading: u.node.heading.as_deref().map(normalised),
        })
        .collect()
}

/// A node's own words: heading, text and closing, normalised as a reader compares them.
fn own_text(n: &Node) -> String {
    normalised(&n.own_text())
}

/// The source bytes of a node's own words: its span without its children's spans.
/// Gaps of white space between children are layout, not the node's words, and are left
/// out (a new article in a chapter changes them).
fn own_source<'a>(n: &'a Node, source: &'a str) -> impl Iterator<Item = &'a str> {
    let starts = std::iter::once(n.span.start).chain(n.children.iter().map(|c| c.span.end));
    let ends = n
        .children
        .iter()
        .map(|c| c.span.start)
        .chain(std::iter::once(n.span.end));
    starts
        .zip(ends)
        .filter_map(|(from, to)| source.get(from..to))
        .filter(|s| !s.trim().is_empty())
}

/// A draft's units, and the clauses of all of them.
fn cut(doc: &Document) -> (Vec<Unit<'_>>, Vec<Clause<'_>>) {
    let units = units(doc);
    let clauses = clauses(&units);
    (units, clauses)
}

fn clauses<'a>(units: &[Unit<'a>]) -> Vec<Clause<'a>> {
    let mut out = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let nodes: Vec<&Node> = if unit.whole {
            unit.node.walk().collect()
        } else {
            vec![unit.node]
        };
        for n in nodes {
            let text = own_text(n);
            if text.is_empty() && n.negotiation.is_empty() {
                continue;
            }
            let rel =
                n.id.as_str()
                    .strip_prefix(unit.node.id.as_str())
                    .unwrap_or(n.id.as_str())
                    .trim_start_matches('.')
                    .to_owned();
            out.push(Clause {
                node: n,
                unit: u,
                rel,
                shingles: shingles(&text),
                text,
            });
        }
    }
    out
}

/// Which old units went to which new ones.
struct Group {
    old: Vec<usize>,
    new: Vec<usize>,
    score: f32,
}

fn align_units(old: &[Unit<'_>], new: &[Unit<'_>]) -> (Vec<Group>, Vec<usize>, Vec<usize>) {
    // Index both drafts' shingles (the new draft's serves the merges, below). Shingles
    // held by very many units ("each state party shall") say nothing about which unit is
    // which; `Counter::top` passes over them.
    let (index, new_index) = par::both(
        || Index::new(old.iter().map(|u| u.shingles.as_slice()).enumerate()),
        || Index::new(new.iter().map(|u| u.shingles.as_slice()).enumerate()),
    );
    let by_id: HashMap<&ClauseId, usize> = old
        .iter()
        .enumerate()
        .map(|(i, u)| (&u.node.id, i))
        .collect();
    // Every new unit scored against its candidates, the units shared out over the cores.
    let positions: Vec<usize> = (0..new.len()).collect();
    let scored = par::map_with(
        &positions,
        || Counter::new(old.len()),
        |counter, &j| {
            let u = &new[j];
            let top = counter.top(&index, &u.shingles);
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
    // Best pairs first; among equals, the closer in position.
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then((a.1.abs_diff(a.2)).cmp(&b.1.abs_diff(b.2)))
            .then(a.2.cmp(&b.2))
    });
    let mut old_group: Vec<Option<usize>> = vec![None; old.len()];
    let mut new_group: Vec<Option<usize>> = vec![None; new.len()];
    let mut groups: Vec<Group> = Vec::new();
    for &(score, i, j) in &pairs {
        if old_group[i].is_none() && new_group[j].is_none() {
            old_group[i] = Some(groups.len());
            new_group[j] = Some(groups.len());
            groups.push(Group {
                old: vec![i],
                new: vec![j],
                score: score.min(1.0),
            });
        }
    }
    // Splits: a new unit left over whose words lie in a matched old unit (among the
    // candidates it was scored against).
    for (j, u) in new.iter().enumerate() {
        if new_group[j].is_some() {
            continue;
        }
        let best = tops[j]
            .iter()
            .copied()
            .filter(|&i| fits_in(&u.shingles, &old[i].shingles))
            .filter_map(|i| old_group[i].map(|g| (containment(&u.shingles, &old[i].shingles), g)))
            .filter(|&(c, _)| c >= SPLIT_CONTAINMENT)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, g)) = best
            && groups[g].old.len() == 1
        {
            groups[g].new.push(j);
            new_group[j] = Some(g);
        }
    }
    // Merges: an old unit left over whose words lie in a matched new unit. The new
    // units' groups are settled by now, so each old unit's best is found on any core.
    let left_old: Vec<usize> = (0..old.len()).filter(|&i| old_group[i].is_none()).collect();
    let bests = par::map_with(
        &left_old,
        || Counter::new(new.len()),
        |counter, &i| {
            let o = &old[i];
            counter
                .top(&new_index, &o.shingles)
                .into_iter()
                .filter(|&j| fits_in(&o.shingles, &new[j].shingles))
                .filter_map(|j| {
                    new_group[j].map(|g| (containment(&o.shingles, &new[j].shingles), g))
                })
                .filter(|&(c, _)| c >= SPLIT_CONTAINMENT)
                .max_by(|a, b| a.0.total_cmp(&b.0))
        },
    );
    for (&i, best) in left_old.iter().zip(bests) {
        if let Some((_, g)) = best
            && groups[g].new.len() == 1
        {
            groups[g].old.push(i);
            old_group[i] = Some(g);
        }
    }
    for g in &mut groups {
        g.old.sort_unstable();
        g.new.sort_unstable();
    }
    let deleted = (0..old.len()).filter(|&i| old_group[i].is_none()).collect();
    let inserted = (0..new.len()).filter(|&j| new_group[j].is_none()).collect();
    (groups, deleted, inserted)
}

/// The score of an old and a new unit when they are similar enough to match: their Dice
/// similarity, with a small bonus for the same heading and for the same number.
fn unit_pair(o: &Unit<'_>, u: &Unit<'_>) -> Option<f32> {
    if o.whole != u.whole {
        return None;
    }
    let same_heading = o.heading.is_some() && o.heading == u.heading;
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
fn dice_bound(a: &[u64], b: &[u64]) -> f32 {
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

/// Index entries shared by more units than this are too common to tell units apart
/// ("each state party shall") and are not followed.
const COMMON: usize = 32;

/// Which sets (units or clauses, by position) hold each shingle: one map from a shingle
/// to its run in a flat list, filled in two passes so that no list is allocated per
/// shingle.
struct Index {
    runs: ShingleMap<(u32, u32)>,
    holders: Vec<u32>,
}

impl Index {
    fn new<'a>(sets: impl Iterator<Item = (usize, &'a [u64])> + Clone) -> Self {
        let most: usize = sets.clone().map(|(_, set)| set.len()).sum();
        let mut runs: ShingleMap<(u32, u32)> =
            ShingleMap::with_capacity_and_hasher(most, Default::default());
        for (_, set) in sets.clone() {
            for &s in set {
                runs.entry(s).or_default().1 += 1;
            }
        }
        let mut start = 0;
        for run in runs.values_mut() {
            let len = run.1;
            *run = (start, 0);
            start += len;
        }
        let mut holders = vec![0; start as usize];
        for (i, set) in sets {
            for &s in set {
                if let Some(run) = runs.get_mut(&s) {
                    holders[(run.0 + run.1) as usize] = i as u32;
                    run.1 += 1;
                }
            }
        }
        Self { runs, holders }
    }

    fn get(&self, shingle: u64) -> &[u32] {
        self.runs.get(&shingle).map_or(&[], |&(at, len)| {
            &self.holders[at as usize..(at + len) as usize]
        })
    }
}

/// Counts shared shingles per candidate, reusing its buffers.
struct Counter {
    counts: Vec<u32>,
    touched: Vec<usize>,
}

impl Counter {
    fn new(n: usize) -> Self {
        Self {
            counts: vec![0; n],
            touched: Vec::new(),
        }
    }

    /// The few candidates sharing the most distinctive shingles.
    fn top(&mut self, index: &Index, shingles: &[u64]) -> Vec<usize> {
        for &s in shingles {
            let list = index.get(s);
            if list.len() <= COMMON {
                for &i in list {
                    let i = i as usize;
                    if self.counts[i] == 0 {
                        self.touched.push(i);
                    }
                    self.counts[i] += 1;
                }
            }
        }
        let mut c: Vec<(u32, usize)> = self.touched.iter().map(|&i| (self.counts[i], i)).collect();
        for &i in &self.touched {
            self.counts[i] = 0;
        }
        self.touched.clear();
        c.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        c.into_iter().take(CANDIDATES).map(|(_, i)| i).collect()
    }
}

/// Pair up the clauses of matched units: equal words first, in order; then the most
/// similar, with a small preference for the same place (`1.a` with `1.a`).
fn align_clauses(
    old: &[&Clause<'_>],
    new: &[&Clause<'_>],
) -> Vec<(Option<usize>, Option<usize>, f32)> {
    let mut old_taken = vec![false; old.len()];
    let mut new_taken = vec![false; new.len()];
    let mut pairs: Vec<(Option<usize>, Option<usize>, f32)> = Vec::new();
    let mut by_text: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, c) in old.iter().enumerate() {
        by_text.entry(c.text.as_str()).or_default().push_back(i);
    }
    for (j, c) in new.iter().enumerate() {
        if let Some(q) = by_text.get_mut(c.text.as_str()) {
            // Prefer the one at the same place, else the first.
            let pick = q.iter().position(|&i| old[i].rel == c.rel).unwrap_or(0);
            if let Some(i) = q.remove(pick) {
                old_taken[i] = true;
                new_taken[j] = true;
                pairs.push((Some(i), Some(j), 1.0));
            }
        }
    }
    let mut scored: Vec<(f32, usize, usize)> = Vec::new();
    for (j, c) in new.iter().enumerate() {
        if new_taken[j] {
            continue;
        }
        for (i, o) in old.iter().enumerate() {
            if old_taken[i] {
                continue;
            }
            let bonus = if o.rel == c.rel { 0.1 } else { 0.0 };
            if dice_bound(&o.shingles, &c.shingles) + bonus < CLAUSE_MATCH {
                continue;
            }
            let d = dice(&o.shingles, &c.shingles);
            if d + bonus >= CLAUSE_MATCH {
                scored.push((d + bonus, i, j));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    for (s, i, j) in scored {
        if !old_taken[i] && !new_taken[j] {
            old_taken[i] = true;
            new_taken[j] = true;
            pairs.push((Some(i), Some(j), s.min(1.0)));
        }
    }
    for (i, t) in old_taken.iter().enumerate() {
        if !t {
            pairs.push((Some(i), None, 0.0));
        }
    }
    for (j, t) in new_taken.iter().enumerate() {
        if !t {
            pairs.push((None, Some(j), 0.0));
        }
    }
    pairs
}

fn label(n: &Node) -> String {
    match n.kind {
        NodeKind::Article => format!("Art. {}", n.id),
        _ => n.id.to_string(),
    }
}

fn negotiation(o: &Node, n: &Node) -> Option<NegotiationChange> {
    (o.negotiation != n.negotiation).then(|| NegotiationChange {
        old_markers: o.negotiation.markers.clone(),
        new_markers: n.negotiation.markers.clone(),
        old_bracketed: o.negotiation.bracketed.clone(),
        new_bracketed: n.negotiation.bracketed.clone(),
    })
}

/// The word diffs of matched clause pairs (old clause, new clause), computed ahead on
/// every core; each is taken once, by the pair's entry in the result.
struct WordDiffs(HashMap<(usize, usize), Vec<Word>>);

impl WordDiffs {
    fn new(pairs: Vec<(usize, usize)>, old: &[Clause<'_>], new: &[Clause<'_>]) -> Self {
        let pairs: Vec<(usize, usize)> = pairs
            .into_iter()
            .filter(|&(a, b)| old[a].text != new[b].text)
            .collect();
        let words = par::map(&pairs, |&(a, b)| word_diff(&old[a].text, &new[b].text));
        Self(pairs.into_iter().zip(words).collect())
    }

    /// The word diff of a pair: none for the same words, else the one computed ahead
    /// (or, for a pair not foreseen, computed now).
    fn take(&mut self, a: usize, b: usize, old: &[Clause<'_>], new: &[Clause<'_>]) -> Vec<Word> {
        if old[a].text == new[b].text {
            return Vec::new();
        }
        self.0
            .remove(&(a, b))
            .unwrap_or_else(|| word_diff(&old[a].text, &new[b].text))
    }
}

/// One matched pair of clauses, given the word diff of their texts.
fn clause_diff(
    o: &Clause<'_>,
    n: &Clause<'_>,
    words: Vec<Word>,
    score: f32,
    moved: bool,
    old_src: &str,
    new_src: &str,
) -> ClauseDiff {
    let same_words = o.text == n.text;
    let neg = negotiation(o.node, n.node);
    let changed = !same_words || neg.is_some();
    let status = if moved {
        Status::Moved
    } else if o.rel != n.rel {
        Status::Renumbered
    } else if changed {
        Status::Changed
    } else if !own_source(o.node, old_src).eq(own_source(n.node, new_src)) {
        Status::Formatting
    } else {
        Status::Unchanged
    };
    let formatting = (status == Status::Formatting).then(|| {
        [
            own_source(o.node, old_src).collect(),
            own_source(n.node, new_src).collect(),
        ]
    });
    ClauseDiff {
        status,
        changed,
        old: Some(o.node.id.clone()),
        new: Some(n.node.id.clone()),
        score: if same_words { 1.0 } else { score },
        changed_words: changed_words(&words),
        words,
        formatting,
        negotiation: neg,
    }
}

fn one_sided(c: &Clause<'_>, inserted: bool) -> ClauseDiff {
    let words = vec![if inserted {
        Word::Insert(c.text.clone())
    } else {
        Word::Delete(c.text.clone())
    }];
    ClauseDiff {
        status: if inserted {
            Status::Inserted
        } else {
            Status::Deleted
        },
        changed: true,
        old: (!inserted).then(|| c.node.id.clone()),
        new: inserted.then(|| c.node.id.clone()),
        score: 0.0,
        changed_words: changed_words(&words),
        words,
        formatting: None,
        negotiation: None,
    }
}

/// Compare two drafts.
pub fn diff(old: &Version<'_>, new: &Version<'_>) -> ConventionDiff {
    // Each draft is cut into units and clauses, and hashed, on its own core.
    let ((old_units, old_clauses), (new_units, new_clauses)) =
        par::both(|| cut(old.doc), || cut(new.doc));
    let (groups, deleted, inserted) = align_units(&old_units, &new_units);

    // Clauses of every group, aligned inside the group.
    struct Pending {
        /// (old clause, new clause, score) indexes into the group's clause lists.
        pairs: Vec<(Option<usize>, Option<usize>, f32)>,
        new: Vec<usize>,
    }
    // The clauses of each unit, by the unit's position.
    let by_unit = |clauses: &[Clause<'_>], units: usize| {
        let mut by: Vec<Vec<usize>> = vec![Vec::new(); units];
        for (k, c) in clauses.iter().enumerate() {
            by[c.unit].push(k);
        }
        by
    };
    let old_by_unit = by_unit(&old_clauses, old_units.len());
    let new_by_unit = by_unit(&new_clauses, new_units.len());
    let gather = |by: &[Vec<usize>], units: &[usize]| -> Vec<usize> {
        units.iter().flat_map(|&u| by[u].iter().copied()).collect()
    };
    let pending: Vec<Pending> = par::map(&groups, |g| {
        let o = gather(&old_by_unit, &g.old);
        let n = gather(&new_by_unit, &g.new);
        let oc: Vec<&Clause<'_>> = o.iter().map(|&k| &old_clauses[k]).collect();
        let nc: Vec<&Clause<'_>> = n.iter().map(|&k| &new_clauses[k]).collect();
        let local = align_clauses(&oc, &nc);
        Pending {
            pairs: local
                .into_iter()
                .map(|(a, b, s)| (a.map(|x| o[x]), b.map(|x| n[x]), s))
                .collect(),
            new: n,
        }
    });
    // Moves: clauses left over on each side, anywhere, matched across units.
    let mut left_old: Vec<usize> = pending
        .iter()
        .flat_map(|p| {
            p.pairs
                .iter()
                .filter_map(|&(a, b, _)| if b.is_none() { a } else { None })
        })
        .collect();
    left_old.extend(gather(&old_by_unit, &deleted));
    let mut left_new: Vec<usize> = pending
        .iter()
        .flat_map(|p| {
            p.pairs
                .iter()
                .filter_map(|&(a, b, _)| if a.is_none() { b } else { None })
        })
        .collect();
    left_new.extend(gather(&new_by_unit, &inserted));
    let index = Index::new(
        left_old
            .iter()
            .map(|&k| (k, old_clauses[k].shingles.as_slice())),
    );
    let found = par::map_with(
        &left_new,
        || Counter::new(old_clauses.len()),
        |counter, &j| {
            let new_shingles = &new_clauses[j].shingles;
            counter
                .top(&index, new_shingles)
                .into_iter()
                .filter(|&k| dice_bound(&old_clauses[k].shingles, new_shingles) >= MOVE_MATCH)
                .map(|k| (dice(&old_clauses[k].shingles, new_shingles), k, j))
                .filter(|&(d, _, _)| d >= MOVE_MATCH)
                .collect::<Vec<_>>()
        },
    );
    let mut moves: Vec<(f32, usize, usize)> = found.into_iter().flatten().collect();
    moves.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    // Where each clause moved: the clause on the other side, and the similarity.
    let mut moved_old: Vec<Option<(usize, f32)>> = vec![None; old_clauses.len()];
    let mut moved_new: Vec<Option<(usize, f32)>> = vec![None; new_clauses.len()];
    for (s, k, j) in moves {
        // A move is between different units.
        if old_clauses[k].node.id == new_clauses[j].node.id {
            continue;
        }
        if moved_old[k].is_none() && moved_new[j].is_none() {
            moved_old[k] = Some((j, s));
            moved_new[j] = Some((k, s));
        }
    }

    let mut words = WordDiffs::new(
        pending
            .iter()
            .flat_map(|p| p.pairs.iter().filter_map(|&(a, b, _)| Some((a?, b?))))
            .chain(
                moved_new
                    .iter()
                    .enumerate()
                    .filter_map(|(j, m)| m.map(|(k, _)| (k, j))),
            )
            .collect(),
        &old_clauses,
        &new_clauses,
    );

    let mut matched: Vec<(ClauseId, ClauseId)> = Vec::new();
    for p in &pending {
        for &(a, b, _) in &p.pairs {
            if let (Some(a), Some(b)) = (a, b) {
                matched.push((
                    old_clauses[a].node.id.clone(),
                    new_clauses[b].node.id.clone(),
                ));
            }
        }
    }
    for (k, j) in moved_old
        .iter()
        .enumerate()
        .filter_map(|(k, m)| m.map(|(j, _)| (k, j)))
    {
        matched.push((
            old_clauses[k].node.id.clone(),
            new_clauses[j].node.id.clone(),
        ));
    }
    matched.sort();
    let mut summary = Summary::default();
    let mut out: Vec<(f64, UnitDiff)> = Vec::new();
    let new_pos_of_group: Vec<usize> = groups.iter().map(|g| g.new[0]).collect();
    for (g, p) in groups.iter().zip(&pending) {
        let mut cl: Vec<(usize, ClauseDiff)> = Vec::new();
        for &(a, b, s) in &p.pairs {
            match (a, b) {
                (Some(a), Some(b)) => {
                    let d = clause_diff(
                        &old_clauses[a],
                        &new_clauses[b],
                        words.take(a, b, &old_clauses, &new_clauses),
                        s,
                        false,
                        old.source,
                        new.source,
                    );
                    cl.push((b, d));
                }
                (Some(a), None) if moved_old[a].is_none() => {
                    // Deleted: placed after the new clause its predecessor went to.
                    let at = p
                        .pairs
                        .iter()
                        .filter_map(|&(x, y, _)| x.filter(|&x| x < a).and(y))
                        .max()
                        .unwrap_or(p.new.first().copied().unwrap_or(0));
                    cl.push((at, one_sided(&old_clauses[a], false)));
                }
                (None, Some(b)) => match moved_new[b] {
                    Some((k, s)) => {
                        let d = clause_diff(
                            &old_clauses[k],
                            &new_clauses[b],
                            words.take(k, b, &old_clauses, &new_clauses),
                            s,
                            true,
                            old.source,
                            new.source,
                        );
                        cl.push((b, d));
                    }
                    None => cl.push((b, one_sided(&new_clauses[b], true))),
                },
                _ => {}
            }
        }
        cl.sort_by_key(|(k, _)| *k);
        let clauses: Vec<ClauseDiff> = cl
            .into_iter()
            .map(|(_, d)| d)
            .filter(|d| d.status != Status::Unchanged)
            .collect();
        summary.moved_clauses += clauses.iter().filter(|c| c.status == Status::Moved).count();
        let changed = clauses.iter().any(|c| c.status != Status::Formatting);
        let formatting = clauses.iter().any(|c| c.status == Status::Formatting);
        let same_ids = g.old.len() == 1
            && g.new.len() == 1
            && old_units[g.old[0]].node.id == new_units[g.new[0]].node.id;
        let status = if g.new.len() > 1 {
            Status::Split
        } else if g.old.len() > 1 {
            Status::Merged
        } else if !same_ids {
            Status::Renumbered
        } else if changed {
            Status::Changed
        } else if formatting {
            Status::Formatting
        } else {
            Status::Unchanged
        };
        let words: usize = clauses.iter().map(|c| c.changed_words).sum();
        summary.changed_words += words;
        match status {
            Status::Unchanged => summary.unchanged += 1,
            Status::Formatting => summary.formatting += 1,
            Status::Changed => summary.changed += 1,
            Status::Renumbered => summary.renumbered += 1,
            Status::Split => summary.split += 1,
            Status::Merged => summary.merged += 1,
            _ => {}
        }
        if status == Status::Unchanged {
            continue;
        }
        out.push((
            g.new[0] as f64,
            UnitDiff {
                status,
                changed,
                old: g
                    .old
                    .iter()
                    .map(|&i| old_units[i].node.id.clone())
                    .collect(),
                new: g
                    .new
                    .iter()
                    .map(|&j| new_units[j].node.id.clone())
                    .collect(),
                old_label: g.old.iter().map(|&i| label(old_units[i].node)).collect(),
                new_label: g.new.iter().map(|&j| label(new_units[j].node)).collect(),
                score: g.score,
                changed_words: words,
                clauses,
            },
        ));
    }
    for &j in &inserted {
        let cs: Vec<ClauseDiff> = new_by_unit[j]
            .iter()
            .map(|&k| match moved_new[k] {
                Some((o, s)) => clause_diff(
                    &old_clauses[o],
                    &new_clauses[k],
                    words.take(o, k, &old_clauses, &new_clauses),
                    s,
                    true,
                    old.source,
                    new.source,
                ),
                None => one_sided(&new_clauses[k], true),
            })
            .collect();
        summary.inserted += 1;
        summary.moved_clauses += cs.iter().filter(|c| c.status == Status::Moved).count();
        let words = cs.iter().map(|c| c.changed_words).sum();
        summary.changed_words += words;
        out.push((
            j as f64,
            UnitDiff {
                status: Status::Inserted,
                changed: true,
                old: Vec::new(),
                new: vec![new_units[j].node.id.clone()],
                old_label: Vec::new(),
                new_label: vec![label(new_units[j].node)],
                score: 0.0,
                changed_words: words,
                clauses: cs,
            },
        ));
    }
    for &i in &deleted {
        let cs: Vec<ClauseDiff> = old_by_unit[i]
            .iter()
            .filter(|&&k| moved_old[k].is_none())
            .map(|&k| one_sided(&old_clauses[k], false))
            .collect();
        summary.deleted += 1;
        let words = cs.iter().map(|c| c.changed_words).sum();
        summary.changed_words += words;
        // Where it stood: just after the group holding the old unit before it.
        let at = groups
            .iter()
            .zip(&new_pos_of_group)
            .filter(|(g, _)| g.old.iter().any(|&o| o < i))
            .map(|(_, &p)| p as f64 + 0.5)
            .fold(-0.5, f64::max);
        out.push((
            at,
            UnitDiff {
                status: Status::Deleted,
                changed: true,
                old: vec![old_units[i].node.id.clone()],
                new: Vec::new(),
                old_label: vec![label(old_units[i].node)],
                new_label: Vec::new(),
                score: 0.0,
                changed_words: words,
                clauses: cs,
            },
        ));
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    ConventionDiff {
        schema: "treaty-diff/1",
        old: old.label.to_owned(),
        new: new.label.to_owned(),
        summary,
        units: out.into_iter().map(|(_, u)| u).collect(),
        matched,
    }
}
