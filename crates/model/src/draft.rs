//! One draft of a convention held in memory: its label, where it came from, the text it
//! was parsed from and its clause tree. Every consumer (diff, lineage, exports, the
//! viewer) works on drafts; only the project crate makes them from files.

use std::sync::Arc;

use crate::Document;

/// A draft read and parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The version label (`zero-draft`, `final`), or for a loose file the name it was
    /// given on the command line.
    pub label: String,
    /// Where the text came from, for messages: a path as the user wrote it, `<stdin>`.
    pub origin: String,
    /// The text the tree was parsed from, shared with the words of its nodes.
    pub source: Arc<str>,
    pub doc: Document,
}

impl Draft {
    pub fn new(
        label: impl Into<String>,
        origin: impl Into<String>,
        source: impl Into<Arc<str>>,
        doc: Document,
    ) -> Self {
        Self {
            label: label.into(),
            origin: origin.into(),
            source: source.into(),
            doc,
        }
    }
}
