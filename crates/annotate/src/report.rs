//! What a check of annotation files found: the problems, each pointing into a file whose
//! text is kept so that a renderer can show the line, and the counts for the summary.

use serde::Serialize;

use crate::format::Annotation;
use crate::problem::Problem;

/// One file a problem points into: its name for messages and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFile {
    pub name: String,
    pub source: String,
}

/// Everything a check found.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub files: Vec<ReportFile>,
    /// Each problem with the index of its file in `files`.
    pub problems: Vec<(usize, Problem)>,
    pub annotations: usize,
    pub annotation_files: usize,
    pub conventions: usize,
}

impl Report {
    /// The index of a file in `files`, added if it is not there yet.
    pub fn file(&mut self, name: &str, source: &str) -> usize {
        if let Some(i) = self.files.iter().position(|f| f.name == name) {
            return i;
        }
        self.files.push(ReportFile {
            name: name.to_owned(),
            source: source.to_owned(),
        });
        self.files.len() - 1
    }

    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|(_, p)| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// One annotation with where it came from, as a listing shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Listed {
    pub convention: String,
    pub file: String,
    #[serde(flatten)]
    pub annotation: Annotation,
}
