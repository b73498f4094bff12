//! Why something a project holds could not be read or written. Each message names the
//! file and says what to do; the cause, when there is one, is the error's source.

use std::io;

use treaty_lineage::{HistoryError, UnknownVersion};

pub use crate::write::WriteError;

/// What went wrong, with the file it concerns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {path}{hint}")]
    Read {
        path: String,
        /// What to check, such as ": check the path (use `-` for standard input)".
        hint: &'static str,
        #[source]
        source: io::Error,
    },
    /// A text that is not text (empty, binary, not UTF-8).
    #[error("cannot parse {name}")]
    Parse {
        name: String,
        #[source]
        source: treaty_parse::ParseError,
    },
    /// A file that could not be imported.
    #[error("cannot import {name}")]
    Import {
        name: String,
        #[source]
        source: treaty_formats::ImportError,
    },
    /// No project folder (one holding `texts/` and `annotations/`) above this one.
    #[error(
        "not inside a treaty project: no folder from {start} up holds texts/ and annotations/; \
         run `treaty init` to start one here, or pass --texts DIR and --annotations DIR"
    )]
    NoProject { start: String },
    /// A folder that should be a convention folder is not one, or a file that names no
    /// draft: the message says which and what to give instead.
    #[error("{0}")]
    Input(String),
    /// A `convention.toml` that is wrong.
    #[error("{name}: {message}")]
    Manifest { name: String, message: String },
    #[error(transparent)]
    UnknownVersion(#[from] UnknownVersion),
    #[error(transparent)]
    History(#[from] HistoryError),
    /// The user asked for something that would be wrong to do; nothing was written.
    #[error("{message}")]
    Refused { message: String, help: Vec<String> },
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl Error {
    pub(crate) fn read(path: impl Into<String>, source: io::Error) -> Self {
        Error::Read {
            path: path.into(),
            hint: "",
            source,
        }
    }

    pub(crate) fn refused(message: impl Into<String>) -> Self {
        Error::Refused {
            message: message.into(),
            help: Vec::new(),
        }
    }

    /// Help lines to print after the message, for a refusal.
    pub fn help(&self) -> &[String] {
        match self {
            Error::Refused { help, .. } => help,
            _ => &[],
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
