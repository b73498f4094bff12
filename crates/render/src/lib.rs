//! Everything treaty shows: outlines, clauses, diagnostics, diffs, exports and reports,
//! for people (plain or coloured text, Markdown, HTML) and machines (JSON, CSV, XML).
//! Every renderer writes to an `io::Write` and reads nothing but what it is given; text
//! from files is escaped on the way out ([`escape`], [`treaty_model::escape_controls`]).

pub mod diagnostics;
pub mod diff;
pub mod escape;
pub mod export;
pub mod json;
pub mod report;
pub mod style;
pub mod synopsis;
pub mod text;

pub use style::Style;
