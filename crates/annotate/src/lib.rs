//! Commentary on convention clauses: the TOML file format, anchoring quotes in clause
//! text, checking annotations against the drafts they name, filtering them, and adding
//! annotations to files without disturbing them. No I/O: callers read and write the files.

mod anchor;
mod check;
mod edit;
mod filter;
mod format;
mod problem;
mod report;
mod text;

pub use anchor::{Anchor, NEAR_THRESHOLD, Near, Searchable, anchor};
pub use check::{Cache, FileRef, Target, Texts, VersionText, check, check_against, locate, target};
pub use edit::{EditError, append, fresh_id, table_of};
pub use filter::{Filter, QueryError};
pub use format::{
    Annotation, AnnotationFile, FIELDS, Locations, PartialDate, Stance, load, load_many,
};
pub use problem::{Level, Problem};
pub use report::{Listed, Report, ReportFile};
pub use text::slug;
