//! A diff laid over the newer draft: the changes since an older draft, indexed by the
//! clauses of the newer one, so that an export or the viewer can mark them in its text.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::model::{ClauseDiff, ConventionDiff, Status, UnitDiff, Word};
use treaty_model::{ClauseId, Node, TextField};

/// A diff between an older draft and the exported one, looked up by new IDs. Formatting
/// changes count as no change: the export shows what a reader would call a change.
#[derive(Debug)]
pub struct Overlay {
    pub diff: ConventionDiff,
    /// New unit ID → index in `diff.units`.
    units: HashMap<ClauseId, usize>,
    /// New clause ID → (unit, clause) index.
    clauses: HashMap<ClauseId, (usize, usize)>,
    /// Deleted clauses that stood before a new clause (by its ID).
    deleted_before: HashMap<ClauseId, Vec<(usize, usize)>>,
    /// Deleted clauses after the last clause of a unit (by unit index).
    deleted_tail: HashMap<usize, Vec<(usize, usize)>>,
}

impl Overlay {
    pub fn new(diff: ConventionDiff) -> Self {
        let mut units = HashMap::new();
        let mut clauses = HashMap::new();
        let mut deleted_before: HashMap<ClauseId, Vec<(usize, usize)>> = HashMap::new();
        let mut deleted_tail: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        for (ui, u) in diff.units.iter().enumerate() {
            if u.status == Status::Formatting {
                continue;
            }
            for id in &u.new {
                units.insert(id.clone(), ui);
            }
            let mut pending = Vec::new();
            for (ci, c) in u.clauses.iter().enumerate() {
                match (&c.new, c.status) {
                    (_, Status::Formatting) => {}
                    (None, _) => pending.push((ui, ci)),
                    (Some(id), _) => {
                        clauses.insert(id.clone(), (ui, ci));
                        if !pending.is_empty() {
                            deleted_before
                                .entry(id.clone())
                                .or_default()
                                .append(&mut pending);
                        }
                    }
                }
            }
            if !pending.is_empty() && !u.new.is_empty() {
                deleted_tail.entry(ui).or_default().append(&mut pending);
            }
        }
        Self {
            diff,
            units,
            clauses,
            deleted_before,
            deleted_tail,
        }
    }

    /// The label of the older draft.
    pub fn old_label(&self) -> &str {
        &self.diff.old
    }

    /// What happened to the unit that is `id` in the exported draft.
    pub fn unit(&self, id: &ClauseId) -> Option<&UnitDiff> {
        self.units.get(id).map(|&i| &self.diff.units[i])
    }

    /// What happened to the clause that is `id` in the exported draft, when its words
    /// or its place changed.
    pub fn clause(&self, id: &ClauseId) -> Option<&ClauseDiff> {
        let &(u, c) = self.clauses.get(id)?;
        Some(&self.diff.units[u].clauses[c])
    }

    /// Deleted clauses that stood just before the clause `id`.
    pub fn deleted_before(&self, id: &ClauseId) -> impl Iterator<Item = &ClauseDiff> {
        self.pick(self.deleted_before.get(id))
    }

    /// Deleted clauses that stood after the last clause of unit `id`.
    pub fn deleted_tail(&self, id: &ClauseId) -> impl Iterator<Item = &ClauseDiff> {
        self.pick(self.units.get(id).and_then(|u| self.deleted_tail.get(u)))
    }

    fn pick(&self, at: Option<&Vec<(usize, usize)>>) -> impl Iterator<Item = &ClauseDiff> {
        at.into_iter()
            .flatten()
            .map(|&(u, c)| &self.diff.units[u].clauses[c])
    }

    /// Deleted units, each placed after the exported unit it followed (`None`: before
    /// the first). `shown` is the set of unit IDs the export lays out.
    pub fn deleted_units<'s>(
        &'s self,
        shown: &HashSet<&ClauseId>,
    ) -> HashMap<Option<ClauseId>, Vec<&'s UnitDiff>> {
        let mut out: HashMap<Option<ClauseId>, Vec<&UnitDiff>> = HashMap::new();
        let mut prev: Option<ClauseId> = None;
        for u in &self.diff.units {
            if u.status == Status::Deleted {
                out.entry(prev.clone()).or_default().push(u);
            } else if let Some(id) = u.new.iter().rev().find(|id| shown.contains(id)) {
                prev = Some(id.clone());
            }
        }
        out
    }
}

/// The byte range of each of a node's own text fields in [`Node::own_text`], the text a
/// clause's word diff runs over (heading, text, closing, joined by `\n`).
pub fn own_ranges(n: &Node) -> Vec<(TextField, Range<usize>)> {
    let mut out = Vec::new();
    let mut at = 0;
    for (field, text) in [
        (TextField::Heading, n.heading.as_deref()),
        (TextField::Text, Some(n.text.as_str())),
        (TextField::Closing, n.closing.as_deref()),
    ] {
        let Some(t) = text.filter(|t| !t.is_empty()) else {
            continue;
        };
        out.push((field, at..at + t.len()));
        at += t.len() + 1;
    }
    out
}

/// The part of a word diff that falls in `range` of the new text: equal and inserted
/// words cut to the range, deleted words kept where they stand inside it or at its ends.
pub fn slice(words: &[Word], range: Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let mut pos = 0;
    for w in words {
        match w {
            Word::Delete(t) => {
                if range.start <= pos && pos <= range.end {
                    out.push(Word::Delete(t.clone()));
                }
            }
            Word::Equal(t) | Word::Insert(t) => {
                let (a, b) = (pos.max(range.start), (pos + t.len()).min(range.end));
                if a < b && t.is_char_boundary(a - pos) && t.is_char_boundary(b - pos) {
                    let piece = t[a - pos..b - pos].to_owned();
                    out.push(match w {
                        Word::Equal(_) => Word::Equal(piece),
                        _ => Word::Insert(piece),
                    });
                }
                pos += t.len();
            }
        }
    }
    out
}

/// The words of a field of `n` as the diff saw them, when that clause changed.
pub fn field_words(changes: &Overlay, n: &Node, field: TextField) -> Option<Vec<Word>> {
    let c = changes.clause(&n.id)?;
    if c.words.is_empty() {
        return None;
    }
    let (_, range) = own_ranges(n).into_iter().find(|(f, _)| *f == field)?;
    let words = slice(&c.words, range);
    words
        .iter()
        .any(|w| !matches!(w, Word::Equal(_)))
        .then_some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_text(words: &[Word]) -> String {
        words
            .iter()
            .filter_map(|w| match w {
                Word::Equal(t) | Word::Insert(t) => Some(t.as_str()),
                Word::Delete(_) => None,
            })
            .collect()
    }

    #[test]
    fn slices_follow_the_new_text_and_keep_deletions_in_place() {
        let words = crate::word_diff(
            "Scope\nThis applies to old offences.",
            "Scope of application\nThis applies to offences.",
        );
        let head = slice(&words, 0..20);
        assert_eq!(new_text(&head), "Scope of application");
        let body = slice(&words, 21..46);
        assert_eq!(new_text(&body), "This applies to offences.");
        assert!(
            body.iter()
                .any(|w| matches!(w, Word::Delete(t) if t.contains("old")))
        );
        assert!(
            !head
                .iter()
                .any(|w| matches!(w, Word::Delete(t) if t.contains("old")))
        );
    }

    #[test]
    fn own_ranges_skip_empty_fields() {
        let n = Node {
            id: "1".parse().expect("id"),
            eid: "art_1".into(),
            kind: treaty_model::NodeKind::Article,
            number: Some("1".into()),
            heading: None,
            text: "Words.".into(),
            closing: Some("After.".into()),
            span: treaty_model::Span::default(),
            negotiation: treaty_model::Negotiation::default(),
            footnotes: Vec::new(),
            children: Vec::new(),
        };
        let r = own_ranges(&n);
        assert_eq!(
            r,
            vec![(TextField::Text, 0..6), (TextField::Closing, 7..13)]
        );
        assert_eq!(&n.own_text()[7..13], "After.");
    }
}
