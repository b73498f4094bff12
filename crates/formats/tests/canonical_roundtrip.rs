//! Canonical text → parse → canonical text → parse gives the same tree, on every corpus
//! text and the sample.

use std::path::PathBuf;

use treaty_model::{Document, NodeKind};

fn corpus() -> PathBuf {
    treaty_testdata::dir()
}

fn texts() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["coe", "un"] {
        let dir = corpus().join(sub);
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("the corpus is missing at {}: {e}", dir.display()));
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") || name.ends_with(".txt") {
                out.push((
                    format!("{sub}/{name}"),
                    std::fs::read(e.path()).expect("read"),
                ));
            }
        }
    }
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../texts/sample/final.txt");
    out.push(("sample".into(), std::fs::read(sample).expect("the sample")));
    out.sort();
    assert!(out.len() >= 13);
    out
}

fn shape(doc: &Document) -> Vec<String> {
    doc.walk()
        .filter(|n| n.kind != NodeKind::DocumentTitle)
        .map(|n| {
            format!(
                "{} {:?} {:?} {:?} {}",
                n.id, n.kind, n.heading, n.closing, n.text
            )
        })
        .collect()
}

#[test]
fn canonical_text_reads_back_to_the_same_tree() {
    for (rel, bytes) in texts() {
        let doc = treaty_parse::parse(&bytes).expect("parses");
        let text = treaty_formats::canonical_text(&doc);
        let again = treaty_parse::parse_str(&text).expect("the canonical text parses");
        let (a, b) = (shape(&doc), shape(&again));
        let first = a.iter().zip(&b).position(|(x, y)| x != y);
        assert!(
            first.is_none() && a.len() == b.len(),
            "{rel}: {} vs {} nodes; first difference:\n  {:?}\n  {:?}",
            a.len(),
            b.len(),
            first.map(|i| &a[i]),
            first.map(|i| &b[i])
        );
        // And it is a fixed point: writing it again gives the same text.
        assert_eq!(treaty_formats::canonical_text(&again), text, "{rel}");
    }
}
