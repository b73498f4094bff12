//! The result of a diff: plain owned data, rendered in a separate step.

use serde::Serialize;
use treaty_model::ClauseId;

/// What happened to a unit (an article, say) or a clause between two drafts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Same words, same number, same source bytes.
    Unchanged,
    /// Same words; only formatting changed (whitespace, quote style, Markdown links or
    /// emphasis, no-break spaces). Hidden unless asked for.
    Formatting,
    /// Same number, different words.
    Changed,
    /// A new number; `changed` says whether the words changed too.
    Renumbered,
    /// A clause that went to another unit (a paragraph moved to another article).
    Moved,
    /// One old unit became several new ones.
    Split,
    /// Several old units became one.
    Merged,
    Inserted,
    Deleted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Formatting => "formatting",
            Status::Changed => "changed",
            Status::Renumbered => "renumbered",
            Status::Moved => "moved",
            Status::Split => "split",
            Status::Merged => "merged",
            Status::Inserted => "inserted",
            Status::Deleted => "deleted",
        }
    }
}

/// One piece of a word diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Word {
    Equal(String),
    Delete(String),
    Insert(String),
}

impl Word {
    /// The words themselves, whatever happened to them.
    pub fn text(&self) -> &str {
        match self {
            Word::Equal(t) | Word::Delete(t) | Word::Insert(t) => t,
        }
    }
}

/// A clause (a node's own words) in both drafts.
#[derive(Clone, Debug, Serialize)]
pub struct ClauseDiff {
    pub status: Status,
    /// Whether the words changed (a renumbered or moved clause may also be changed).
    pub changed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<ClauseId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<ClauseId>,
    /// Similarity of the two texts, 0 to 1 (1 for identical words).
    pub score: f32,
    /// How many words were deleted or inserted.
    pub changed_words: usize,
    /// The word diff (empty when the words are the same).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Word>,
    /// For a formatting change: the two source texts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formatting: Option<[String; 2]>,
    /// Negotiation markup that changed: brackets settled, markers added or removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negotiation: Option<NegotiationChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NegotiationChange {
    pub old_markers: Vec<String>,
    pub new_markers: Vec<String>,
    pub old_bracketed: Vec<String>,
    pub new_bracketed: Vec<String>,
}

/// A unit: an article, an annex unit, the preamble, the final clauses, or the own words
/// of a division (its heading). Split and merged units name several numbers on a side.
#[derive(Clone, Debug, Serialize)]
pub struct UnitDiff {
    pub status: Status,
    /// Whether any words changed inside (for renumbered, split and merged units).
    pub changed: bool,
    pub old: Vec<ClauseId>,
    pub new: Vec<ClauseId>,
    /// A short label for people: `Art. 5`, `preamble`, `chapter.II`.
    pub old_label: Vec<String>,
    pub new_label: Vec<String>,
    pub score: f32,
    pub changed_words: usize,
    /// The clauses that are not unchanged, in the new draft's order (deleted ones where
    /// they stood).
    pub clauses: Vec<ClauseDiff>,
    /// Why the units were matched, one entry per pair (the first pair first; then each
    /// unit a split or merge added).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// Why an old unit and a new one were matched, for a reader to judge it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// How: `similar` (alike enough on their own), `order` (between two matched units,
    /// on weaker evidence), `clauses` (most of its clauses went there), or `merged by …`
    /// / `split by …` (order, clauses or containment) for a unit added to a group.
    pub rule: &'static str,
    pub old: ClauseId,
    pub new: ClauseId,
    /// Dice similarity of the two units' word shingles, 0 to 1.
    pub similarity: f32,
    /// Similarity of their headings, rare words weighing most (0 when either has none).
    pub heading: f32,
    /// The larger of: the share of the old unit's words in clauses that went to the new
    /// one, and the share of the new unit's words that came from the old one.
    pub clauses: f32,
    /// Whether they have the same number.
    pub same_number: bool,
}

/// Counts for the summary block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub unchanged: usize,
    pub formatting: usize,
    pub changed: usize,
    pub renumbered: usize,
    pub split: usize,
    pub merged: usize,
    pub inserted: usize,
    pub deleted: usize,
    /// Clauses that moved from one unit to another.
    pub moved_clauses: usize,
    pub changed_words: usize,
}

/// Everything that changed between two drafts.
#[derive(Clone, Debug, Serialize)]
pub struct ConventionDiff {
    pub schema: &'static str,
    pub old: String,
    pub new: String,
    pub summary: Summary,
    /// Every unit of both drafts that is not unchanged, in the new draft's order, with
    /// deleted units where they stood in the old one.
    pub units: Vec<UnitDiff>,
    /// Every clause matched between the drafts, unchanged ones included, as (old, new):
    /// the links a clause's lineage follows across drafts.
    #[serde(skip)]
    pub matched: Vec<(ClauseId, ClauseId)>,
}

impl ConventionDiff {
    /// The clause in the new draft that `old` became, if any.
    pub fn forward(&self, old: &ClauseId) -> Option<&ClauseId> {
        self.matched.iter().find(|(o, _)| o == old).map(|(_, n)| n)
    }

    /// The clause in the old draft that `new` came from, if any.
    pub fn backward(&self, new: &ClauseId) -> Option<&ClauseId> {
        self.matched.iter().find(|(_, n)| n == new).map(|(o, _)| o)
    }
}

impl ConventionDiff {
    /// What `old`, a clause of the older draft, is in the newer one: the units a unit
    /// became (several when it was split), or the clause it was matched with; an empty
    /// list when it was deleted; `None` when the diff cannot say.
    pub fn where_now(&self, old: &ClauseId) -> Option<Vec<ClauseId>> {
        if let Some(u) = self.units.iter().find(|u| u.old.contains(old)) {
            return Some(match u.status {
                Status::Deleted => Vec::new(),
                _ => u.new.clone(),
            });
        }
        if let Some(n) = self.forward(old) {
            return Some(vec![n.clone()]);
        }
        let deleted = self
            .units
            .iter()
            .flat_map(|u| &u.clauses)
            .any(|c| c.status == Status::Deleted && c.old.as_ref() == Some(old));
        deleted.then(Vec::new)
    }

    /// The units a reader sees by default: formatting-only changes left out.
    pub fn substantive(&self) -> impl Iterator<Item = &UnitDiff> {
        self.units.iter().filter(|u| u.status != Status::Formatting)
    }

    /// Whether nothing but formatting changed.
    pub fn is_empty(&self) -> bool {
        self.substantive().next().is_none()
    }
}
