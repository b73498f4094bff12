//! Comparing two drafts: their units aligned (see [`crate::units`]), then the clauses
//! inside matched units, then clauses that moved from one unit to another, and inside
//! every matched clause the words. The thresholds are below.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use treaty_model::{Document, Draft, Node, push_normalised};

use crate::assemble::Assembly;
use crate::index::{Counter, Index};
use crate::model::{ConventionDiff, Word};
use crate::units::{self, Unit, dice_bound};
use crate::words::{dice, push_word_hashes, shingles_of, word_diff};
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

/// A clause: one node's own words.
pub(crate) struct Clause<'a> {
    pub node: &'a Node,
    pub unit: usize,
    /// The ID below its unit's (`1.a` in `8.1.a`), to prefer like with like.
    pub rel: String,
    /// Heading, text and closing, each normalised as a reader compares them, one per line.
    pub text: String,
    /// Where the heading ends in `text` (0: no heading): a heading is diffed on its own,
    /// never as words glued to the clause's first words.
    pub head: usize,
    pub shingles: Vec<u64>,
    /// The hashes of its words in order, for the opening and closing words two clauses
    /// share.
    pub words: Vec<u64>,
    /// Where each line of its text and closing that has words lies in `words`: the
    /// blocks that clause evidence counts (see [`crate::evidence`]).
    pub lines: Vec<Range<usize>>,
    /// Where the heading's words end in `words`, and the text's (the closing's follow).
    pub ends: [usize; 2],
}

impl Clause<'_> {
    /// The words of a field: 0 the heading, 1 the text, 2 the closing.
    pub fn field_words(&self, k: usize) -> &[u64] {
        let [heading, text] = self.ends;
        match k {
            0 => &self.words[..heading],
            1 => &self.words[heading..text],
            _ => &self.words[text..],
        }
    }
}

/// A draft's units and their clauses, the words of each read once: the unit alignment
/// counts the clauses' lines as blocks, and reads a unit's words from its clauses; the
/// clause alignment their shingles (made by [`shingle`] once the units' are freed).
fn read(doc: &Document) -> (Vec<Unit<'_>>, Vec<Clause<'_>>) {
    let doc_units = doc.units();
    let mut units = Vec::with_capacity(doc_units.len());
    let mut clauses = Vec::new();
    for (u, du) in doc_units.into_iter().enumerate() {
        let first = clauses.len();
        push_clauses(u, du.node, du.whole, &mut clauses);
        units.push(units::unit(du.node, du.whole, &clauses[first..]));
    }
    (units, clauses)
}

/// The clauses of unit `u` (a whole subtree, or a division's own words).
fn push_clauses<'a>(u: usize, unit: &'a Node, whole: bool, out: &mut Vec<Clause<'a>>) {
    let nodes: Vec<&Node> = if whole {
        unit.walk().collect()
    } else {
        vec![unit]
    };
    out.reserve(nodes.len());
    for n in nodes {
        // Heading, text and closing, each normalised, the non-empty ones joined by line
        // breaks, built in one string; the words of each line of the text and closing are
        // marked as they are read.
        let mut text = String::new();
        let mut words = Vec::new();
        let mut lines = Vec::new();
        let mut heading = 0;
        let mut ends = [0; 2];
        let fields = [
            n.heading.as_deref().unwrap_or(""),
            n.text.as_str(),
            n.closing.as_deref().unwrap_or(""),
        ];
        for (k, field) in fields.into_iter().enumerate() {
            let before = text.len();
            if before > 0 {
                text.push('\n');
            }
            let start = text.len();
            if k == 0 {
                push_normalised(field, &mut text);
                push_word_hashes(&text[start..], &mut words);
            } else {
                push_lines(field, &mut text, &mut words, &mut lines);
            }
            if text.len() == start {
                text.truncate(before);
            }
            if k == 0 {
                heading = text.len();
            }
            if k < 2 {
                ends[k] = words.len();
            }
        }
        if text.is_empty() && n.negotiation.is_empty() {
            continue;
        }
        let head = if text.len() > heading { heading } else { 0 };
        let rel =
            n.id.as_str()
                .strip_prefix(unit.id.as_str())
                .unwrap_or(n.id.as_str())
                .trim_start_matches('.')
                .to_owned();
        out.push(Clause {
            node: n,
            unit: u,
            rel,
            shingles: Vec::new(),
            words,
            lines,
            ends,
            text,
            head,
        });
    }
}

/// Add `field` normalised to `text`, its words to `words`, and where each line's words
/// lie among them to `lines` (lines without words are left out). The lines are
/// normalised one by one and joined by a space, which is the field normalised whole:
/// white space, line breaks included, becomes one space between words.
fn push_lines(field: &str, text: &mut String, words: &mut Vec<u64>, lines: &mut Vec<Range<usize>>) {
    let start = text.len();
    for line in field.split('\n') {
        let gap = text.len();
        if gap > start {
            text.push(' ');
        }
        let from = text.len();
        push_normalised(line, text);
        if text.len() == from {
            text.truncate(gap);
            continue;
        }
        let first = words.len();
        push_word_hashes(&text[from..], words);
        if words.len() > first {
            lines.push(first..words.len());
        }
    }
}

/// Make the clauses' shingles, and free what only the unit alignment read.
fn shingle(clauses: &mut [Clause<'_>]) {
    for c in clauses {
        c.shingles = shingles_of(&c.words);
        c.lines = Vec::new();
    }
}

/// How alike two clauses are: the Dice similarity of their shingles, or, when they
/// open (or close) with the same words, the share of the shorter one those words make:
/// a paragraph whose list or closing words changed is the same paragraph, changed.
fn clause_similarity(o: &Clause<'_>, c: &Clause<'_>) -> f32 {
    let d = dice(&o.shingles, &c.shingles);
    let shorter = o.words.len().min(c.words.len());
    if shorter == 0 {
        return d;
    }
    let opening = o
        .words
        .iter()
        .zip(&c.words)
        .take_while(|(a, b)| a == b)
        .count();
    let closing = o
        .words
        .iter()
        .rev()
        .zip(c.words.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let same = opening.max(closing).min(shorter);
    if same < 4 {
        return d;
    }
    d.max(same as f32 / shorter as f32)
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
    // (how alike, for ranking; the score reported: shingle similarity; old; new)
    let mut scored: Vec<(f32, f32, usize, usize)> = Vec::new();
    for (j, c) in new.iter().enumerate() {
        if new_taken[j] {
            continue;
        }
        for (i, o) in old.iter().enumerate() {
            if old_taken[i] {
                continue;
            }
            let bonus = if o.rel == c.rel { 0.1 } else { 0.0 };
            let alike = clause_similarity(o, c);
            if alike + bonus >= CLAUSE_MATCH {
                let d = dice(&o.shingles, &c.shingles);
                scored.push((alike + bonus, d + bonus, i, j));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.3.cmp(&b.3)));
    for (_, s, i, j) in scored {
        if !old_taken[i] && !new_taken[j] {
            old_taken[i] = true;
            new_taken[j] = true;
            pairs.push((Some(i), Some(j), s.min(1.0)));
        }
    }
    pairs.extend(
        (0..old.len())
            .filter(|&i| !old_taken[i])
            .map(|i| (Some(i), None, 0.0)),
    );
    pairs.extend(
        (0..new.len())
            .filter(|&j| !new_taken[j])
            .map(|j| (None, Some(j), 0.0)),
    );
    pairs
}

/// The word diff of two clauses, their headings diffed apart from the rest.
fn clause_words(o: &Clause<'_>, n: &Clause<'_>) -> Vec<Word> {
    fn split<'c>(c: &'c Clause<'_>) -> (&'c str, &'c str) {
        if c.head > 0 {
            (&c.text[..c.head], &c.text[c.head + 1..])
        } else {
            ("", c.text.as_str())
        }
    }
    let ((oh, ob), (nh, nb)) = (split(o), split(n));
    if oh.is_empty() && nh.is_empty() {
        return word_diff(&o.text, &n.text);
    }
    let mut out = if oh == nh {
        vec![Word::Equal(format!("{oh}\n"))]
    } else if oh.is_empty() {
        vec![Word::Insert(format!("{nh}\n"))]
    } else if nh.is_empty() {
        vec![Word::Delete(format!("{oh}\n"))]
    } else {
        // Both have a heading: diff its words, and keep the line break after it equal.
        let mut w = word_diff(oh, nh);
        w.push(Word::Equal("\n".into()));
        w
    };
    for w in word_diff(ob, nb) {
        match (out.last_mut(), &w) {
            (Some(Word::Equal(a)), Word::Equal(b)) => a.push_str(b),
            _ => out.push(w),
        }
    }
    out
}

/// The word diffs of matched clause pairs (old clause, new clause), computed ahead on
/// every core; each is taken once, by the pair's entry in the result.
pub(crate) struct WordDiffs(HashMap<(usize, usize), Vec<Word>>);

impl WordDiffs {
    fn new(pairs: Vec<(usize, usize)>, old: &[Clause<'_>], new: &[Clause<'_>]) -> Self {
        let pairs: Vec<(usize, usize)> = pairs
            .into_iter()
            .filter(|&(a, b)| old[a].text != new[b].text)
            .collect();
        let words = par::map(&pairs, |&(a, b)| clause_words(&old[a], &new[b]));
        Self(pairs.into_iter().zip(words).collect())
    }

    /// The word diff of a pair: none for the same words, else the one computed ahead
    /// (or, for a pair not foreseen, computed now).
    pub fn take(
        &mut self,
        a: usize,
        b: usize,
        old: &[Clause<'_>],
        new: &[Clause<'_>],
    ) -> Vec<Word> {
        if old[a].text == new[b].text {
            return Vec::new();
        }
        self.0
            .remove(&(a, b))
            .unwrap_or_else(|| clause_words(&old[a], &new[b]))
    }
}

/// The clauses of one group of units aligned: (old clause, new clause, score) as indexes
/// into the drafts' clause lists, and the group's new clauses.
pub(crate) struct Pending {
    pub pairs: Vec<(Option<usize>, Option<usize>, f32)>,
    pub new: Vec<usize>,
}

/// Compare two drafts.
pub fn diff(old: &Version<'_>, new: &Version<'_>) -> ConventionDiff {
    let small = old.source.len() + new.source.len() < par::WORTH_A_THREAD;
    par::alone_if(small, || compare(old, new))
}

fn compare(old: &Version<'_>, new: &Version<'_>) -> ConventionDiff {
    // Each draft is cut into units and clauses, and hashed, on its own core; the units
    // are aligned (counting the clauses' lines as evidence); then the clauses. The units'
    // shingles are not read after their alignment, and are freed before the clauses'
    // are made, so that the two are never in memory together.
    let ((mut old_units, mut old_clauses), (mut new_units, mut new_clauses)) =
        par::both(|| read(old.doc), || read(new.doc));
    let alignment = units::align(&old_units, &new_units, (&old_clauses, &new_clauses));
    for u in old_units.iter_mut().chain(&mut new_units) {
        u.shingles = Vec::new();
    }
    shingle(&mut old_clauses);
    shingle(&mut new_clauses);
    let old_by_unit = by_unit(&old_clauses, old_units.len());
    let new_by_unit = by_unit(&new_clauses, new_units.len());
    let pending: Vec<Pending> = par::map(&alignment.groups, |g| {
        let o = gather(&old_by_unit, &g.old);
        let n = gather(&new_by_unit, &g.new);
        let oc: Vec<&Clause<'_>> = o.iter().map(|&k| &old_clauses[k]).collect();
        let nc: Vec<&Clause<'_>> = n.iter().map(|&k| &new_clauses[k]).collect();
        Pending {
            pairs: align_clauses(&oc, &nc)
                .into_iter()
                .map(|(a, b, s)| (a.map(|x| o[x]), b.map(|x| n[x]), s))
                .collect(),
            new: n,
        }
    });
    let (moved_old, moved_new) = moves(
        &pending,
        (&old_clauses, &new_clauses),
        (
            gather(&old_by_unit, &alignment.deleted),
            gather(&new_by_unit, &alignment.inserted),
        ),
    );
    let words = WordDiffs::new(
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
    Assembly {
        old_units: &old_units,
        new_units: &new_units,
        old_clauses: &old_clauses,
        new_clauses: &new_clauses,
        old_by_unit: &old_by_unit,
        new_by_unit: &new_by_unit,
        moved_old: &moved_old,
        moved_new: &moved_new,
        sources: (old.source, new.source),
    }
    .finish(&alignment, &pending, words, (old.label, new.label))
}

/// The clauses of each unit, by the unit's position.
fn by_unit(clauses: &[Clause<'_>], units: usize) -> Vec<Vec<usize>> {
    let mut by: Vec<Vec<usize>> = vec![Vec::new(); units];
    for (k, c) in clauses.iter().enumerate() {
        by[c.unit].push(k);
    }
    by
}

fn gather(by: &[Vec<usize>], units: &[usize]) -> Vec<usize> {
    units.iter().flat_map(|&u| by[u].iter().copied()).collect()
}

/// Where each clause moved: for every old and every new clause, the clause on the other
/// side and the similarity, when a clause left over in one unit (or in a deleted or
/// inserted one) is matched with one left over in another unit.
type Moves = (Vec<Option<(usize, f32)>>, Vec<Option<(usize, f32)>>);

fn moves(
    pending: &[Pending],
    (old_clauses, new_clauses): (&[Clause<'_>], &[Clause<'_>]),
    (deleted, inserted): (Vec<usize>, Vec<usize>),
) -> Moves {
    let mut left_old: Vec<usize> = pending
        .iter()
        .flat_map(|p| {
            p.pairs
                .iter()
                .filter_map(|&(a, b, _)| if b.is_none() { a } else { None })
        })
        .collect();
    left_old.extend(deleted);
    let mut left_new: Vec<usize> = pending
        .iter()
        .flat_map(|p| {
            p.pairs
                .iter()
                .filter_map(|&(a, b, _)| if a.is_none() { b } else { None })
        })
        .collect();
    left_new.extend(inserted);
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
    let mut found: Vec<(f32, usize, usize)> = found.into_iter().flatten().collect();
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut moved_old: Vec<Option<(usize, f32)>> = vec![None; old_clauses.len()];
    let mut moved_new: Vec<Option<(usize, f32)>> = vec![None; new_clauses.len()];
    for (s, k, j) in found {
        // A move is between different units.
        if old_clauses[k].node.id == new_clauses[j].node.id {
            continue;
        }
        if moved_old[k].is_none() && moved_new[j].is_none() {
            moved_old[k] = Some((j, s));
            moved_new[j] = Some((k, s));
        }
    }
    (moved_old, moved_new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::word_hashes;
    use proptest::prelude::*;
    use treaty_model::normalised;

    proptest! {
        /// Read line by line, a field is the field normalised whole, with the same
        /// words, and each line's words are those of the line normalised on its own
        /// (the blocks clause evidence reads).
        #[test]
        fn a_field_read_by_lines_is_the_field_normalised(
            field in "([a-zA-Z’“”–\u{ad}\u{a0},.;()]{0,8}[ \t\n]{0,3}){0,30}",
        ) {
            let (mut text, mut words, mut lines) = (String::new(), Vec::new(), Vec::new());
            push_lines(&field, &mut text, &mut words, &mut lines);
            prop_assert_eq!(&text, &normalised(&field));
            prop_assert_eq!(&words, &word_hashes(&text));
            let by_line: Vec<Vec<u64>> = field
                .split('\n')
                .map(|l| word_hashes(&normalised(l)))
                .filter(|w| !w.is_empty())
                .collect();
            let read: Vec<Vec<u64>> = lines.iter().map(|r| words[r.clone()].to_vec()).collect();
            prop_assert_eq!(read, by_line);
        }
    }
}
