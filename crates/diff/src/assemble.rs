//! Putting a diff together from an alignment: the matched clause pairs (the links a
//! lineage follows), each group of units with its clauses diffed, the inserted and
//! deleted units where they stand, and the counts.

use treaty_model::{ClauseId, Node, NodeKind};

use crate::align::{Clause, Pending, WordDiffs};
use crate::model::{
    ClauseDiff, ConventionDiff, NegotiationChange, Status, Summary, UnitDiff, Word,
};
use crate::units::{Alignment, Group, Unit};
use crate::words::changed_words;

/// Everything the assembly reads: both drafts' units and clauses, and the moves.
pub(crate) struct Assembly<'x, 'a> {
    pub old_units: &'x [Unit<'a>],
    pub new_units: &'x [Unit<'a>],
    pub old_clauses: &'x [Clause<'a>],
    pub new_clauses: &'x [Clause<'a>],
    pub old_by_unit: &'x [Vec<usize>],
    pub new_by_unit: &'x [Vec<usize>],
    pub moved_old: &'x [Option<(usize, f32)>],
    pub moved_new: &'x [Option<(usize, f32)>],
    pub sources: (&'x str, &'x str),
}

impl Assembly<'_, '_> {
    pub fn finish(
        &self,
        alignment: &Alignment,
        pending: &[Pending],
        mut words: WordDiffs,
        (old_label, new_label): (&str, &str),
    ) -> ConventionDiff {
        let mut summary = Summary::default();
        let mut out: Vec<(f64, UnitDiff)> = Vec::new();
        for (g, p) in alignment.groups.iter().zip(pending) {
            if let Some(u) = self.group(g, p, &mut words, &mut summary) {
                out.push((g.new[0] as f64, u));
            }
        }
        for &j in &alignment.inserted {
            out.push((j as f64, self.inserted(j, &mut words, &mut summary)));
        }
        for &i in &alignment.deleted {
            // Where it stood: just after the group holding the old unit before it.
            let at = alignment
                .groups
                .iter()
                .filter(|g| g.old.iter().any(|&o| o < i))
                .map(|g| g.new[0] as f64 + 0.5)
                .fold(-0.5, f64::max);
            out.push((at, self.deleted(i, &mut summary)));
        }
        out.sort_by(|a, b| a.0.total_cmp(&b.0));
        ConventionDiff {
            schema: "treaty-diff/1",
            old: old_label.to_owned(),
            new: new_label.to_owned(),
            summary,
            units: out.into_iter().map(|(_, u)| u).collect(),
            matched: self.matched(pending),
        }
    }

    /// Every clause matched between the drafts, unchanged ones included, and moves.
    fn matched(&self, pending: &[Pending]) -> Vec<(ClauseId, ClauseId)> {
        let mut matched: Vec<(ClauseId, ClauseId)> = pending
            .iter()
            .flat_map(|p| p.pairs.iter().filter_map(|&(a, b, _)| Some((a?, b?))))
            .chain(
                self.moved_old
                    .iter()
                    .enumerate()
                    .filter_map(|(k, m)| m.map(|(j, _)| (k, j))),
            )
            .map(|(a, b)| {
                (
                    self.old_clauses[a].node.id.clone(),
                    self.new_clauses[b].node.id.clone(),
                )
            })
            .collect();
        matched.sort();
        matched
    }

    /// A matched pair of clauses, diffed.
    fn pair(&self, a: usize, b: usize, s: f32, moved: bool, words: &mut WordDiffs) -> ClauseDiff {
        clause_diff(
            &self.old_clauses[a],
            &self.new_clauses[b],
            words.take(a, b, self.old_clauses, self.new_clauses),
            s,
            moved,
            self.sources,
        )
    }

    /// A group of matched units, or `None` when nothing in it changed.
    fn group(
        &self,
        g: &Group,
        p: &Pending,
        words: &mut WordDiffs,
        summary: &mut Summary,
    ) -> Option<UnitDiff> {
        let mut cl: Vec<(usize, ClauseDiff)> = Vec::new();
        for &(a, b, s) in &p.pairs {
            match (a, b) {
                (Some(a), Some(b)) => cl.push((b, self.pair(a, b, s, false, words))),
                (Some(a), None) if self.moved_old[a].is_none() => {
                    // Deleted: placed after the new clause its predecessor went to.
                    let at = p
                        .pairs
                        .iter()
                        .filter_map(|&(x, y, _)| x.filter(|&x| x < a).and(y))
                        .max()
                        .unwrap_or(p.new.first().copied().unwrap_or(0));
                    cl.push((at, one_sided(&self.old_clauses[a], false)));
                }
                (None, Some(b)) => match self.moved_new[b] {
                    Some((k, s)) => cl.push((b, self.pair(k, b, s, true, words))),
                    None => cl.push((b, one_sided(&self.new_clauses[b], true))),
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
            && self.old_units[g.old[0]].node.id == self.new_units[g.new[0]].node.id;
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
            return None;
        }
        Some(UnitDiff {
            status,
            changed,
            old: g
                .old
                .iter()
                .map(|&i| self.old_units[i].node.id.clone())
                .collect(),
            new: g
                .new
                .iter()
                .map(|&j| self.new_units[j].node.id.clone())
                .collect(),
            old_label: g
                .old
                .iter()
                .map(|&i| label(self.old_units[i].node))
                .collect(),
            new_label: g
                .new
                .iter()
                .map(|&j| label(self.new_units[j].node))
                .collect(),
            score: g.score,
            changed_words: words,
            clauses,
            evidence: g.why.iter().map(|(_, _, e)| e.clone()).collect(),
        })
    }

    fn inserted(&self, j: usize, words: &mut WordDiffs, summary: &mut Summary) -> UnitDiff {
        let cs: Vec<ClauseDiff> = self.new_by_unit[j]
            .iter()
            .map(|&k| match self.moved_new[k] {
                Some((o, s)) => self.pair(o, k, s, true, words),
                None => one_sided(&self.new_clauses[k], true),
            })
            .collect();
        summary.inserted += 1;
        summary.moved_clauses += cs.iter().filter(|c| c.status == Status::Moved).count();
        let words = cs.iter().map(|c| c.changed_words).sum();
        summary.changed_words += words;
        UnitDiff {
            status: Status::Inserted,
            changed: true,
            old: Vec::new(),
            new: vec![self.new_units[j].node.id.clone()],
            old_label: Vec::new(),
            new_label: vec![label(self.new_units[j].node)],
            score: 0.0,
            changed_words: words,
            clauses: cs,
            evidence: Vec::new(),
        }
    }

    fn deleted(&self, i: usize, summary: &mut Summary) -> UnitDiff {
        let cs: Vec<ClauseDiff> = self.old_by_unit[i]
            .iter()
            .filter(|&&k| self.moved_old[k].is_none())
            .map(|&k| one_sided(&self.old_clauses[k], false))
            .collect();
        summary.deleted += 1;
        let words = cs.iter().map(|c| c.changed_words).sum();
        summary.changed_words += words;
        UnitDiff {
            status: Status::Deleted,
            changed: true,
            old: vec![self.old_units[i].node.id.clone()],
            new: Vec::new(),
            old_label: vec![label(self.old_units[i].node)],
            new_label: Vec::new(),
            score: 0.0,
            changed_words: words,
            clauses: cs,
            evidence: Vec::new(),
        }
    }
}

/// How a unit is named for a reader: `Art. 5`, `Title II`, `Annex I`, `Recital 3`; by
/// its ID when it has no number (`heading.2`).
fn label(n: &Node) -> String {
    match n.kind {
        NodeKind::Article => format!("Art. {}", n.id),
        _ if n.number.is_some() => n.label(),
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

/// One matched pair of clauses, given the word diff of their texts.
fn clause_diff(
    o: &Clause<'_>,
    n: &Clause<'_>,
    words: Vec<Word>,
    score: f32,
    moved: bool,
    (old_src, new_src): (&str, &str),
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
