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
    let path = corpus().join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
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
    let mut out = Vec::new();
    for sub in ["coe", "un"] {
        let dir = corpus().join(sub);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") || name.ends_with(".txt") {
                out.push(format!("{sub}/{name}"));
            }
        }
    }
    out.sort();
    assert!(
        out.len() >= 13,
        "expected the 13 corpus texts, found {out:?}"
    );
    out
}
