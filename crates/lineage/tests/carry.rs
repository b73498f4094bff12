//! Annotations carried across the sample's drafts: one test per status.

use std::path::PathBuf;

use treaty_lineage::{Carried, Drafts, Status, carry};
use treaty_model::{Draft, Manifest};

/// The sample convention's drafts, read as the project crate reads them.
fn sample() -> Drafts {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../texts/sample");
    let manifest: Manifest = toml::from_str(
        &std::fs::read_to_string(dir.join("convention.toml")).expect("the sample's manifest"),
    )
    .expect("a manifest");
    let drafts = manifest
        .versions
        .iter()
        .map(|v| {
            let text = std::fs::read_to_string(dir.join(&v.file)).expect("a draft");
            let doc = treaty_parse::parse_str(&text).expect("parses");
            Some(Draft::new(v.label.clone(), v.file.clone(), text, doc))
        })
        .collect();
    Drafts::new("sample", manifest, drafts)
}

fn carried(toml_fields: &str, to: &str) -> Carried {
    let src = format!(
        "[[annotation]]\nid = \"t\"\nauthor = \"Tester\"\ndate = \"2024\"\nstance = \"note\"\nbody = \"b\"\n{toml_fields}\n"
    );
    let file = treaty_annotate::load(&src);
    assert_eq!(file.problems, vec![], "{src}");
    let mut drafts = sample();
    let to = drafts.index(to).expect("a label");
    carry(&mut drafts, &file.annotations[0], to)
}

fn now(c: &Carried) -> Option<String> {
    c.now.as_ref().map(ToString::to_string)
}

#[test]
fn exact_when_the_quoted_words_stand_where_they_stood() {
    let c = carried(
        "clause = \"2.b\"\nversion = \"zero-draft\"\nquote = \"stores electronic data on their behalf\"",
        "final",
    );
    assert_eq!(
        (c.status, now(&c).as_deref()),
        (Status::Exact, Some("2.b")),
        "{c:?}"
    );
}

#[test]
fn moved_when_the_same_words_have_a_new_number() {
    let c = carried(
        "clause = \"9.2\"\nversion = \"revised-draft\"\nquote = \"subscriber information\"",
        "final",
    );
    assert_eq!(
        (c.status, now(&c).as_deref()),
        (Status::Moved, Some("10")),
        "{c:?}"
    );
    // Without a quote, the whole clause is compared: renumbered and reworded is changed.
    let c = carried(
        "clause = \"10.1\"\nversion = \"zero-draft\"",
        "revised-draft",
    );
    assert_eq!(
        (c.status, now(&c).as_deref()),
        (Status::Changed, Some("11.1")),
        "{c:?}"
    );
    let c = carried("clause = \"6\"\nversion = \"zero-draft\"", "revised-draft");
    assert_eq!(
        (c.status, now(&c).as_deref()),
        (Status::Moved, Some("7")),
        "{c:?}"
    );
}

#[test]
fn changed_when_the_quoted_words_were_edited_with_the_diff() {
    let c = carried(
        "clause = \"3.1\"\nversion = \"zero-draft\"\nquote = \"articles 5 and 6 of this Convention\"",
        "final",
    );
    assert_eq!(c.status, Status::Changed, "{c:?}");
    let shown: String = c
        .words
        .iter()
        .map(|w| match w {
            treaty_diff::Word::Equal(t) => t.clone(),
            treaty_diff::Word::Delete(t) => format!("[-{t}-]"),
            treaty_diff::Word::Insert(t) => format!("{{+{t}+}}"),
        })
        .collect();
    assert_eq!(
        shown,
        "articles [-5-]{+6+} and [-6-]{+7+} of this Convention"
    );
    // Words deleted outright are an edit too.
    let c = carried(
        "clause = \"5.1\"\nversion = \"zero-draft\"\nquote = \"dishonestly\"",
        "final",
    );
    assert_eq!(
        (c.status, now(&c).as_deref()),
        (Status::Changed, Some("6.1")),
        "{c:?}"
    );
}

#[test]
fn orphaned_when_the_clause_is_gone_with_its_nearest_successor() {
    // A paragraph added in the final draft has no predecessor; its article does.
    let c = carried("clause = \"11.4\"\nversion = \"final\"", "revised-draft");
    assert_eq!(c.status, Status::Orphaned, "{c:?}");
    assert_eq!(
        c.successors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["10"]
    );
}

#[test]
fn uncertain_when_the_annotation_names_a_clause_its_own_draft_lacks() {
    let c = carried("clause = \"11.1\"\nversion = \"zero-draft\"", "final");
    assert_eq!(c.status, Status::Uncertain, "{c:?}");
    assert!(c.reason.contains("not in its own draft"), "{}", c.reason);
}

#[test]
fn uncertain_when_the_words_cannot_be_placed_alone() {
    // "Such conditions and safeguards" stands once in revised 10 and twice in final 11.
    let c = carried(
        "clause = \"10\"\nversion = \"revised-draft\"\nquote = \"conditions and safeguards\"\nprefix = \"Such\"",
        "final",
    );
    assert_eq!(
        (c.status, now(&c).as_deref()),
        (Status::Uncertain, Some("11")),
        "{c:?}"
    );
    assert!(c.reason.contains("2 times"), "{}", c.reason);
}
