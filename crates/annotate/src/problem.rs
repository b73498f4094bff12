//! What `treaty check` reports: one problem, where it is, and what to do about it.

use std::ops::Range;

use serde::Serialize;

/// How bad a problem is. Errors make `treaty check` exit 1; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// One finding about an annotation file, pointing at a byte range in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub level: Level,
    /// A stable, kebab-case name (`quote-not-found`), for scripts and documentation.
    pub code: &'static str,
    pub message: String,
    /// Where in the annotation file; `None` when the problem is about the file as a whole.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// The annotation it is about, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotation: Option<String>,
    /// What to do, one suggestion a line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub help: Vec<String>,
}

impl Problem {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Level::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Level::Warning, code, message)
    }

    fn new(level: Level, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            level,
            code,
            message: message.into(),
            span: None,
            annotation: None,
            help: Vec::new(),
        }
    }

    #[must_use]
    pub fn at(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    #[must_use]
    pub fn annotation(mut self, id: Option<String>) -> Self {
        self.annotation = id;
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}
