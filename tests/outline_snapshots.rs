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
