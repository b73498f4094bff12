//! Where the tests and benchmarks find the real texts: the folder `TREATY_CORPUS` names,
//! or `shared/corpus` beside the repository. A missing corpus fails loudly: the tests
//! that read it are the proof that treaty works on what users have.

use std::path::PathBuf;

/// The corpus folder.
///
/// # Panics
/// When it is not there, with a message saying how to point at it.
pub fn dir() -> PathBuf {
    let dir = std::env::var_os("TREATY_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
        PathBuf::from,
    );
    assert!(
        dir.join("README.md").is_file(),
        "the corpus is missing at {}: set TREATY_CORPUS or put shared/ beside the project",
        dir.display()
    );
    dir
}

/// The bytes of a corpus file, by its path inside the corpus (`un/uncac.2012-11-19.md`).
///
/// # Panics
/// When the corpus or the file is missing.
pub fn read(rel: &str) -> Vec<u8> {
    let path = dir().join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every plain-text and Markdown text of the corpus (`coe/` and `un/`), by its path
/// inside it, sorted.
///
/// # Panics
/// When the corpus is missing or holds fewer than the 13 texts it ships with.
pub fn texts() -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["coe", "un"] {
        let folder = dir().join(sub);
        let entries =
            std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
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
