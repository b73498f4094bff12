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
