//! Commentary on convention clauses: the TOML file format, anchoring quotes in clause
//! text, checking annotations against the drafts they name, and adding annotations to
//! files without disturbing them. No I/O: callers read and write the files.

mod anchor;
mod check;
mod edit;
mod format;
mod problem;
mod text;

pub use anchor::{Anchor, NEAR_THRESHOLD, Near, Searchable, anchor};
pub use check::{Cache, FileRef, Target, Texts, VersionText, check, check_against, locate, target};
pub use edit::{EditError, append, fresh_id, table_of};
pub use format::{
    Annotation, AnnotationFile, FIELDS, Locations, PartialDate, Stance, load, load_many,
};
pub use problem::{Level, Problem};
pub use text::slug;
