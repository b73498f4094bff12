//! The EU AI Act as the Official Journal publishes it (Formex 6), parsed back by the parser.

use treaty_formats::{Format, import};
use treaty_model::{ClauseId, Document, NodeKind};

fn doc() -> Document {
    let bytes = treaty_testdata::read("eu-ai-act/final-2024.formex.xml");
    assert_eq!(Format::detect(&bytes), Format::Formex);
    let imp = import(&bytes, Format::Formex).expect("imports");
    treaty_parse::parse_str(&imp.text).expect("parses")
}

fn text(doc: &Document, id: &str) -> String {
    let id: ClauseId = id.parse().expect("an ID");
    doc.find(&id)
        .unwrap_or_else(|| panic!("no {id}"))
        .text
        .to_string()
}

#[test]
fn the_final_act_has_113_articles_and_180_recitals() {
    let doc = doc();
    assert_eq!(doc.articles().count(), 113);
    // The recitals are numbered (1) to (180); the citations before them ("Having regard
    // to ...") are the preamble's own words.
    let recitals: Vec<&treaty_model::Node> =
        doc.walk().filter(|n| n.kind == NodeKind::Recital).collect();
    assert_eq!(recitals.len(), 180);
    assert_eq!(recitals[179].id.as_str(), "preamble.180");
    let preamble = doc
        .find(&"preamble".parse().expect("an ID"))
        .expect("a preamble");
    assert!(
        preamble
            .text
            .contains("Having regard to the proposal from the European Commission,")
    );
    assert!(text(&doc, "preamble.1").starts_with("The purpose of this Regulation is to improve"));
    assert!(
        doc.title
            .as_deref()
            .is_some_and(|t| t.starts_with("Regulation (EU) 2024/1689"))
    );
}

#[test]
fn clauses_word_for_word() {
    let doc = doc();
    assert_eq!(
        text(&doc, "5.1.c.i"),
        "detrimental or unfavourable treatment of certain natural persons or groups of persons in social contexts that are unrelated to the contexts in which the data was originally generated or collected;"
    );
    assert_eq!(
        text(&doc, "5.1.h.i"),
        "the targeted search for specific victims of abduction, trafficking in human beings or sexual exploitation of human beings, as well as the search for missing persons;"
    );
    // Quotation marks come from QUOT.START and QUOT.END; notes become footnotes.
    assert!(
        text(&doc, "3.1").starts_with("‘AI system’ means a machine-based system"),
        "{}",
        text(&doc, "3.1")
    );
    assert_eq!(
        doc.walk().filter(|n| n.kind == NodeKind::Footnote).count(),
        66
    );
}
