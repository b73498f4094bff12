//! Akoma Ntoso export: valid against the OASIS schema (checked with xmllint) on every
//! corpus text, and read back by the Akoma Ntoso import into the same tree.

mod common;

use std::path::PathBuf;
use std::process::Command;

use treaty_lineage::AnnotatedDraft;
use treaty_model::{Document, Draft, NodeKind};
use treaty_render::export::{self, Format, Selection};

fn export_of(doc: Document) -> Vec<u8> {
    let e = AnnotatedDraft {
        convention: Some("test".into()),
        draft: Draft::new("v1", "", "", doc),
        items: Vec::new(),
        overlay: None,
    };
    let mut out = Vec::new();
    export::write(Format::Akn, &e, &Selection::default(), &mut out).expect("writes");
    out
}

fn schema() -> PathBuf {
    common::corpus().join("../schemas/akn/akomantoso30.xsd")
}

fn texts() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = common::texts()
        .into_iter()
        .map(|rel| {
            let b = common::read(&rel);
            (rel, b)
        })
        .collect();
    let sample = common::repo("texts/sample/final.txt");
    out.push((
        "texts/sample/final.txt".into(),
        std::fs::read(sample).expect("the sample"),
    ));
    out
}

#[test]
fn every_export_validates_against_the_schema() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (rel, bytes) in texts() {
        let doc = treaty_parse::parse(&bytes).expect("parses");
        let path = dir.path().join("out.xml");
        std::fs::write(&path, export_of(doc)).expect("write");
        let out = Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(schema())
            .arg(&path)
            .output()
            .expect("xmllint runs (Debian package libxml2-utils; .ci/run installs it)");
        assert!(
            out.status.success(),
            "{rel}: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

fn shape(doc: &Document) -> Vec<String> {
    doc.walk()
        .filter(|n| !matches!(n.kind, NodeKind::Footnote | NodeKind::DocumentTitle))
        .map(|n| format!("{} {:?} {:?} {}", n.id, n.heading, n.closing, n.text))
        .collect()
}

#[test]
fn export_then_import_gives_the_same_tree() {
    let mut attached = 0;
    for (rel, bytes) in texts() {
        let doc = treaty_parse::parse(&bytes).expect("parses");
        let before = shape(&doc);
        let xml = export_of(doc);
        // The anti-doping appendix follows the final clauses: it travels as an
        // attachment, after the conclusions, and comes back in its place.
        if String::from_utf8_lossy(&xml).contains("<attachment ") {
            attached += 1;
        }
        let imported = treaty_formats::import(&xml, treaty_formats::Format::Akn)
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        let again = treaty_parse::parse_str(&imported.text).expect("parses");
        assert_eq!(shape(&again), before, "{rel}");
    }
    assert_eq!(
        attached, 7,
        "the seven anti-doping versions have an attached appendix"
    );
}

#[test]
fn references_are_akoma_ntoso_refs_to_the_target_eid() {
    let doc =
        treaty_parse::parse(include_bytes!("../../../texts/sample/final.txt")).expect("parses");
    let xml = String::from_utf8(export_of(doc)).expect("UTF-8");
    assert!(
        xml.contains("subject to <ref href=\"#art_11\">article 11</ref>.</p>"),
        "{xml}"
    );
    assert_eq!(xml.matches("<ref href=").count(), 4);
}

/// A text with footnotes, and an annotation on an article made only of paragraphs.
fn annotated_with_notes() -> AnnotatedDraft {
    let text = "Test Convention\n\nArticle 1\nScope\n1. This applies to stored data[^1].\n2. It also applies to traffic data[^2].\n\nArticle 2\nUse\nThe data are used as agreed[^1].\n\n[^1]: See the explanatory report, para. 12.\n[^2]: Added at the second reading.\n";
    let doc = treaty_parse::parse_str(text).expect("parses");
    let file = treaty_annotate::load(
        "[[annotation]]\nid = \"a1\"\nclause = \"1\"\nversion = \"v1\"\nauthor = \"Analyst\"\ndate = \"2024-01-01\"\ntags = []\nstance = \"concern\"\nbody = \"The whole article is too broad.\"\n",
    );
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let items = file
        .annotations
        .into_iter()
        .map(|a| treaty_lineage::Item {
            on: a.clause.clone(),
            annotation: a,
            quote_at: None,
            carried: None,
        })
        .collect();
    AnnotatedDraft {
        convention: Some("test".into()),
        draft: Draft::new("v1", "", "", doc),
        items,
        overlay: None,
    }
}

#[test]
fn every_note_reference_points_at_a_note_and_footnotes_come_back() {
    let e = annotated_with_notes();
    let mut out = Vec::new();
    export::write(Format::Akn, &e, &Selection::default(), &mut out).expect("writes");
    let xml = String::from_utf8(out).expect("UTF-8");
    // Every noteRef's target is the eId of a note of the file.
    let hrefs: Vec<&str> = xml
        .split("<noteRef href=\"#")
        .skip(1)
        .map(|s| &s[..s.find('"').expect("a closing quote")])
        .collect();
    assert_eq!(hrefs.len(), 4, "{xml}");
    for h in &hrefs {
        assert!(
            xml.contains(&format!("<note eId=\"{h}\"")),
            "no note {h}: {xml}"
        );
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("notes.xml");
    std::fs::write(&path, &xml).expect("write");
    let valid = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(schema())
        .arg(&path)
        .output()
        .expect("xmllint runs");
    assert!(
        valid.status.success(),
        "{}",
        String::from_utf8_lossy(&valid.stderr)
    );
    // The annotation on Article 1, which has no words of its own, is called from its heading.
    assert!(
        xml.contains("<heading>Scope<noteRef href=\"#")
            && xml.contains("class=\"annotation\"/></heading>"),
        "{xml}"
    );
    // Read back: the same footnotes, called from the same clauses, and no annotation
    // turned into a footnote.
    let imported =
        treaty_formats::import(xml.as_bytes(), treaty_formats::Format::Akn).expect("imports");
    let again = treaty_parse::parse_str(&imported.text).expect("parses");
    let notes = |d: &Document| -> Vec<(String, String)> {
        d.walk()
            .filter(|n| n.kind == NodeKind::Footnote)
            .map(|n| {
                (
                    n.number.as_deref().unwrap_or_default().to_owned(),
                    n.text.to_string(),
                )
            })
            .collect()
    };
    let calls = |d: &Document| -> Vec<(String, Vec<String>)> {
        d.walk()
            .filter(|n| !n.footnotes.is_empty())
            .map(|n| (n.id.to_string(), n.footnotes.clone()))
            .collect()
    };
    let mut before = notes(&e.draft.doc);
    let mut after = notes(&again);
    before.sort();
    after.sort();
    assert_eq!(after, before, "{}", imported.text);
    assert_eq!(calls(&again), calls(&e.draft.doc), "{}", imported.text);
}
