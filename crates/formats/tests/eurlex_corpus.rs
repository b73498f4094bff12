//! The AI Act proposal as EUR-Lex publishes it (XHTML converted from Word), against the
//! structured Akoma Ntoso of the same proposal.

use treaty_formats::{Format, import};
use treaty_model::{ClauseId, Document, Node, NodeKind};

fn parsed(rel: &str, format: Format) -> Document {
    let bytes = treaty_testdata::read(rel);
    assert_eq!(Format::detect(&bytes), format, "{rel}");
    let imp = import(&bytes, format).unwrap_or_else(|e| panic!("{rel}: {e}"));
    treaty_parse::parse_str(&imp.text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn eurlex() -> Document {
    parsed("eu-ai-act/proposal-2021.eurlex.xhtml", Format::EurLex)
}

/// The IDs of an article's clauses, in order.
fn shape(n: &Node) -> Vec<String> {
    n.walk().map(|d| d.id.to_string()).collect()
}

/// Words compared without the space some publishers leave where a footnote call was
/// taken out ("Committee ,").
fn words(n: &Node) -> String {
    n.full_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace(" ;", ";")
}

#[test]
fn the_proposal_has_85_articles_and_89_recitals() {
    let doc = eurlex();
    assert_eq!(doc.articles().count(), 85);
    let recitals = doc.walk().filter(|n| n.kind == NodeKind::Recital).count();
    assert_eq!(recitals, 89);
    assert_eq!(
        doc.title.as_deref(),
        Some(
            "Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL LAYING DOWN HARMONISED RULES ON ARTIFICIAL INTELLIGENCE (ARTIFICIAL INTELLIGENCE ACT) AND AMENDING CERTAIN UNION LEGISLATIVE ACTS"
        )
    );
}

#[test]
fn the_explanatory_memorandum_and_the_financial_statement_are_set_aside() {
    let doc = eurlex();
    let all: String = doc.walk().map(|n| n.full_text()).collect();
    assert!(!all.contains("EXPLANATORY MEMORANDUM"));
    assert!(!all.contains("LEGISLATIVE FINANCIAL STATEMENT"));
    let first = doc
        .walk()
        .find(|n| n.kind == NodeKind::Recital)
        .expect("a recital");
    assert!(
        first
            .text
            .starts_with("The purpose of this Regulation is to improve")
    );
}

#[test]
fn footnotes_stay_footnotes() {
    let doc = eurlex();
    let id = |s: &str| s.parse::<ClauseId>().expect("an ID");
    let def = doc.find(&id("3")).expect("Article 3");
    let small = def
        .walk()
        .find(|n| n.text.starts_with("‘small-scale provider’"))
        .expect("the definition of a small-scale provider");
    assert!(
        small.text.ends_with("Recommendation 2003/361/EC;"),
        "{}",
        small.text
    );
    assert_eq!(small.footnotes.len(), 1);
    let note = doc
        .walk()
        .find(|n| {
            n.kind == NodeKind::Footnote
                && n.number.as_deref() == small.footnotes.first().map(String::as_str)
        })
        .expect("the note itself");
    assert!(
        note.text
            .starts_with("Commission Recommendation of 6 May 2003"),
        "{}",
        note.text
    );
}

#[test]
fn the_same_clauses_as_the_structured_akoma_ntoso() {
    let ours = eurlex();
    let akn = parsed("eu-ai-act/proposal-2021.structured.akn.xml", Format::Akn);
    let mut same_shape = 0;
    let mut same_words = 0;
    let mut differ = Vec::new();
    for a in akn.articles() {
        let b = ours
            .find(&a.id)
            .unwrap_or_else(|| panic!("article {} is missing", a.id));
        assert_eq!(a.heading, b.heading, "the heading of article {}", a.id);
        let shaped = shape(a) == shape(b);
        same_shape += usize::from(shaped);
        same_words += usize::from(words(a) == words(b));
        if !shaped {
            differ.push(a.id.to_string());
        }
    }
    println!(
        "same clauses: {same_shape} of 85, same words: {same_words} of 85; clauses differ in {differ:?}"
    );
    assert_eq!(same_shape, 85, "clauses differ in {differ:?}");
    // The Akoma Ntoso lost subparagraphs the XHTML keeps (in Arts. 15 and 29), so two
    // articles differ word for word.
    assert!(
        same_words >= 83,
        "only {same_words} articles have the same words"
    );
}
