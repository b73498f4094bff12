//! Layouts seen in real published texts, each from a faithful excerpt: what the tree must
//! hold, and what must not leak into clause text.

use treaty_model::{ClauseId, Document, Node, NodeKind};

fn parse(text: &str) -> Document {
    treaty_parse::parse_str(text).expect("parses")
}

fn node<'d>(doc: &'d Document, id: &str) -> &'d Node {
    let id: ClauseId = id.parse().expect("an ID");
    doc.find(&id)
        .unwrap_or_else(|| panic!("no {id}; near {:?}", doc.suggest(&id, 5)))
}

fn ids(doc: &Document) -> Vec<String> {
    doc.walk().map(|n| n.id.to_string()).collect()
}

#[test]
fn a_second_annex_without_a_number_is_annex_2_and_never_paragraph_2_of_the_first() {
    let doc = parse(
        "Article 1\nScope\n\nThis Convention applies.\n\nAnnex\n\n1. First item of the first annex.\n\n2. Second item of the first annex.\n\nAnnex\n\n1. First item of the second annex.\n",
    );
    assert_eq!(
        node(&doc, "annex.2").text,
        "Second item of the first annex."
    );
    let second = node(&doc, "annex-2");
    assert_eq!(second.kind, NodeKind::Annex);
    assert_eq!(
        node(&doc, "annex-2.1").text,
        "First item of the second annex."
    );
    let all = ids(&doc);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(all.len(), unique.len(), "{all:?}");
}
