//! A clause's history through a real renumbering: the EU AI Act proposal and its final
//! text, imported from Akoma Ntoso and Formex.

use treaty_formats::Format;
use treaty_lineage::{Drafts, history};
use treaty_model::{ConventionInfo, Draft, Manifest, Version};

fn import(label: &str, rel: &str, format: Format) -> Draft {
    let bytes = treaty_testdata::read(rel);
    let text = treaty_formats::import(&bytes, format)
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .text;
    let doc = treaty_parse::parse_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Draft::new(label, rel, text, doc)
}

fn ai_act() -> Drafts {
    let drafts = [
        import(
            "proposal",
            "eu-ai-act/proposal-2021.structured.akn.xml",
            Format::Akn,
        ),
        import("final", "eu-ai-act/final-2024.formex.xml", Format::Formex),
    ];
    let manifest = Manifest {
        convention: ConventionInfo {
            id: "ai".into(),
            title: "AI Act".into(),
            note: None,
        },
        versions: drafts
            .iter()
            .map(|d| Version {
                label: d.label.clone(),
                file: d.origin.clone(),
                date: None,
                symbol: None,
                source: None,
                ..Default::default()
            })
            .collect(),
    };
    Drafts::new("ai", manifest, drafts.into_iter().map(Some).collect())
}

#[test]
fn transparency_obligations_are_followed_from_article_52_to_article_50() {
    let mut d = ai_act();
    let steps = history(&mut d, &"50.1".parse().expect("id"), None).expect("traced");
    let ids: Vec<Option<String>> = steps
        .iter()
        .map(|s| s.id.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(ids, [Some("52.1".into()), Some("50.1".into())]);
    // The words that changed, not the whole paragraph deleted and inserted.
    let inserted: String = steps[1]
        .words
        .iter()
        .filter_map(|w| match w {
            treaty_diff::Word::Insert(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert!(inserted.contains("directly"), "{inserted}");
    assert!(inserted.len() < 400, "{inserted}");
}

#[test]
fn users_became_deployers_in_article_26() {
    // Proposal Art. 29 "Obligations of users of high-risk AI systems" is final Art. 26.
    let mut d = ai_act();
    let steps = history(&mut d, &"26.1".parse().expect("id"), None).expect("traced");
    assert_eq!(
        steps[0].id.as_ref().map(ToString::to_string).as_deref(),
        Some("29.1"),
        "{steps:#?}"
    );
}
