//! Problems found while reading a text: recorded as data, rendered by the caller.

use serde::{Deserialize, Serialize};

use crate::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, nothing wrong (for example: a translation was set aside).
    Note,
    /// The parse went on, but a reader should look (a numbering gap, a duplicate).
    Warning,
}

/// One finding about the source text, anchored to a byte span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, kebab-case code such as `numbering-gap`.
    pub code: String,
    pub message: String,
    pub span: Span,
    /// What the reader can do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn warning(code: &str, message: impl Into<String>, span: Span) -> Self {
        Self {
            severity: Severity::Warning,
            code: code.to_owned(),
            message: message.into(),
            span,
            help: None,
        }
    }

    pub fn note(code: &str, message: impl Into<String>, span: Span) -> Self {
        Self {
            severity: Severity::Note,
            ..Self::warning(code, message, span)
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
