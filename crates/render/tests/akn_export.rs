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
