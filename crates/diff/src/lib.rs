//! Structural diffs of convention drafts. Units (articles, annex units, the preamble,
//! the final clauses, division headings) are aligned by what they say, their headings and
//! their position, never by number alone; the clauses inside matched units are aligned the
//! same way; a clause that left one unit for another is a move; and inside every matched
//! clause the words are diffed with `similar`. The result is plain owned data
//! ([`ConventionDiff`]), rendered elsewhere.

mod align;
mod assemble;
mod evidence;
mod index;
mod model;
mod overlay;
mod patience;
mod units;
mod words;

pub use align::{
    CLAUSE_MATCH, MOVE_MATCH, SAME_NUMBER_DICE, SAME_NUMBER_OVERLAP, SPLIT_CONTAINMENT, UNIT_MATCH,
    UNIT_MATCH_SAME_HEADING, Version, diff,
};
pub use evidence::{BLOCK_LINK, MAJORITY, ORDER_EVIDENCE, ORDER_FLOOR};
pub use model::{
    ClauseDiff, ConventionDiff, Evidence, NegotiationChange, Status, Summary, UnitDiff, Word,
};
pub use overlay::{Overlay, field_words, own_ranges, slice};
pub use words::word_diff;
