//! What the benchmarks share: reading the real texts.

use std::path::PathBuf;

/// A corpus text: `TREATY_CORPUS`, or `../shared/corpus` beside the project.
pub fn corpus_text(rel: &str) -> Vec<u8> {
    let dir = std::env::var_os("TREATY_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let path = dir.join(rel);
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("the corpus is missing at {}: {e}", path.display()))
}
