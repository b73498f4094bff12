//! Snapshots of the outline of every corpus text: review them when the parser changes.

mod common;

#[test]
fn outline_of_every_corpus_text() {
    for rel in common::texts() {
        let doc = common::parse(&rel);
        let mut out = Vec::new();
        treaty_render::text::outline(&doc, &mut out).expect("write to memory");
        let name = rel.replace(['/', '.'], "_");
        insta::assert_snapshot!(name, String::from_utf8_lossy(&out));
    }
}

#[test]
fn outline_of_the_sample_drafts() {
    for draft in ["zero-draft", "revised-draft", "final"] {
        let path = common::repo(&format!("texts/sample/{draft}.txt"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let doc = treaty_parse::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(doc.check_coverage(), Ok(()), "{draft}");
        let mut out = Vec::new();
        treaty_render::text::outline(&doc, &mut out).expect("write to memory");
        insta::assert_snapshot!(format!("sample_{draft}"), String::from_utf8_lossy(&out));
    }
}

#[test]
fn clause_rendering() {
    let doc = common::parse("coe/budapest-ets185.2012-10-24.md");
    for id in ["1", "15"] {
        let node = common::node(&doc, id);
        let mut out = Vec::new();
        treaty_render::text::clause(node, &mut out).expect("write to memory");
        insta::assert_snapshot!(
            format!("budapest_clause_{id}"),
            String::from_utf8_lossy(&out)
        );
    }
}

#[test]
fn diagnostics_rendering() {
    let bytes = common::read("coe/budapest-ets185.2012-10-24.md");
    let doc = treaty_parse::parse(&bytes).expect("parses");
    let text = String::from_utf8_lossy(&bytes);
    let rendered = treaty_render::diagnostics::render(
        "budapest.md",
        &text,
        &doc.diagnostics,
        treaty_render::Style::Plain,
    );
    insta::assert_snapshot!("budapest_diagnostics", rendered);
}
