//! Snapshots of the outline of every corpus text: review them when the parser changes.

mod common;

#[test]
fn outline_of_every_corpus_text() {
    for rel in common::texts() {
        let doc = common::parse(&rel);
        let mut out = Vec::new();
        treaty::render::outline(&doc, &mut out).expect("write to memory");
        let name = rel.replace(['/', '.'], "_");
        insta::assert_snapshot!(name, String::from_utf8_lossy(&out));
    }
}

#[test]
fn outline_of_the_sample_drafts() {
    for draft in ["zero-draft", "revised-draft", "final"] {
        let path = format!("{}/texts/sample/{draft}.txt", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc = treaty_parse::parse(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(doc.check_coverage(), Ok(()), "{draft}");
        let mut out = Vec::new();
        treaty::render::outline(&doc, &mut out).expect("write to memory");
        insta::assert_snapshot!(format!("sample_{draft}"), String::from_utf8_lossy(&out));
    }
}
