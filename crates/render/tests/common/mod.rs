//! Shared helpers for tests that read the real texts in `../shared/corpus`.
#![allow(dead_code)] // each test binary uses a different part of these helpers

use std::path::PathBuf;

use treaty_model::{ClauseId, Document, Node};

/// The corpus folder: `TREATY_CORPUS`, or `../shared/corpus` beside the project. A missing
/// corpus fails the test loudly: these tests are the proof that the parser works.
pub fn corpus() -> PathBuf {
    treaty_testdata::dir()
}

pub fn read(rel: &str) -> Vec<u8> {
    treaty_testdata::read(rel)
}

pub fn parse(rel: &str) -> Document {
    treaty_parse::parse(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}
pub fn node<'a>(doc: &'a Document, id: &str) -> &'a Node {
    let id: ClauseId = id.parse().unwrap_or_else(|e| panic!("{e}"));
    doc.find(&id)
        .unwrap_or_else(|| panic!("no clause {id}; near: {:?}", doc.suggest(&id, 5)))
}

/// Every plain-text and Markdown text in the corpus, relative to it.
pub fn texts() -> Vec<String> {
    treaty_testdata::texts()
}

/// The repository's folder.
pub fn root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// A path inside the repository (`texts/sample`).
pub fn repo(rel: &str) -> PathBuf {
    root().join(rel)
}

/// A convention folder of the repository, its latest draft with its commentary placed
/// on it, as `treaty export` reads it.
pub fn annotated(
    convention: &str,
    annotations: &std::path::Path,
) -> treaty_lineage::AnnotatedDraft {
    let conv = treaty_project::Convention::open(&repo(&format!("texts/{convention}")))
        .unwrap_or_else(|e| panic!("{convention}: {e}"));
    let (_, e) = treaty_project::open_annotated(&conv, annotations)
        .unwrap_or_else(|e| panic!("{convention}: {e}"));
    e.unwrap_or_else(|| panic!("{convention}: no draft is there"))
}

/// A text file read on its own, as `treaty export FILE` reads it.
pub fn bare(path: &std::path::Path) -> treaty_lineage::AnnotatedDraft {
    treaty_lineage::AnnotatedDraft::bare(
        treaty_project::draft(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
}
