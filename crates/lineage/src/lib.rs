//! Drafts of one convention over time, held in memory: the lineage of each clause (the
//! chain of alignments between neighbouring drafts), a clause's history, commentary
//! written on one draft carried to another and placed on its clauses, and references
//! left stale by a renumbering. Nothing here reads a file: the drafts are given.

mod carry;
mod drafts;
mod history;
pub mod languages;
mod lint;
mod place;
pub mod synopsis;

pub use carry::{Carried, Status, carry};
pub use drafts::{Drafts, UnknownVersion};
pub use history::{HistoryError, Step, history};
pub use lint::{Finding, Problem as LintProblem, lint};
pub use place::{AnnotatedDraft, Item, Placed, Unplaced, place_all, place_all_in};
