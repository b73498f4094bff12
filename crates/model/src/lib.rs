//! The document model of one convention version: a tree of clauses with source spans, no I/O.
//!
//! Text flows one way through treaty: a parser builds a [`Document`], and everything
//! downstream (annotations, diffs, exports, the viewer) reads it. Every node carries its
//! canonical [`ClauseId`], its Akoma Ntoso eId, its normalised text and the byte span it
//! came from, so any statement about a clause can be traced back to the source.

mod convention;
mod diagnostic;
mod document;
mod draft;
mod id;
mod node;
mod node_text;
mod span;
mod text;

/// Short strings kept inline (IDs, eIds, numbers), re-exported so that every crate that
/// makes or reads nodes names the same type.
pub use compact_str::{CompactString, format_compact};
pub use convention::{ConventionInfo, Manifest, Version, is_language_code};
pub use diagnostic::{Diagnostic, Severity};
pub use document::{CoverageError, Document, Layout, LayoutKind, NoSuchClause, Unit};
pub use draft::Draft;
pub use id::{ClauseId, IdError};
pub use node::{Negotiation, Node, NodeKind, TextField, TextPart};
pub use node_text::NodeText;
pub use span::{LineCol, LineIndex, Span};
pub use text::{edit_distance, escape_controls, normalise, normalised, push_normalised};
