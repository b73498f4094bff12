//! Exports of annotated clauses: what each format must keep, and what it must not let in.

use std::fs;
use std::path::PathBuf;

use treaty::export::{self, Selection};

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn render(f: impl Fn(&export::Export, &Selection, &mut Vec<u8>)) -> String {
    let e = export::load(&repo("texts/sample"), &repo("annotations")).expect("loads");
    let mut out = Vec::new();
    f(&e, &Selection::default(), &mut out);
    String::from_utf8(out).expect("UTF-8")
}

/// The sample with one extra, hostile annotation on 6.1.
fn hostile() -> export::Export {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ann = dir.path().join("sample");
    fs::create_dir_all(&ann).expect("mkdir");
    for f in fs::read_dir(repo("annotations/sample"))
        .expect("the sample's annotations")
        .flatten()
    {
        fs::copy(f.path(), ann.join(f.file_name())).expect("copy");
    }
    fs::write(
        ann.join("zz-hostile.toml"),
        r#"[[annotation]]
id = "hostile"
clause = "6.1"
version = "final"
quote = "without right"
author = "Tester, \"Quoted\" <b>Org</b>"
source = "javascript:alert(1)"
date = "2024"
tags = ["a,b", "c"]
stance = "concern"
body = """
Line one, with a comma; "quotes" and <script>alert(1)</script>.
<img src=x onerror=alert(2)> **bold** and [a link](https://example.org).
"""
"#,
    )
    .expect("write");
    let e = export::load(&repo("texts/sample"), dir.path()).expect("loads");
    drop(dir);
    e
}

#[test]
fn markdown_lists_clauses_then_their_annotations() {
    let md = render(|e, s, out| export::markdown(e, s, out).expect("renders"));
    insta::assert_snapshot!("markdown_sample", md);
}

#[test]
fn json_is_versioned_and_carries_annotations_onto_the_latest_draft() {
    let json = render(|e, s, out| export::json(e, s, out).expect("renders"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["schema"], "treaty-export/1");
    assert_eq!(v["version"], "final");
    let clauses = v["clauses"].as_array().expect("clauses");
    let art10 = clauses
        .iter()
        .find(|c| c["id"] == "10")
        .expect("Article 10");
    let carried = &art10["annotations"][0];
    assert_eq!(carried["id"], "pa-revised-9-2-subscriber-information");
    assert_eq!(carried["on"], "10");
    assert!(
        carried["carried"]
            .as_str()
            .is_some_and(|c| c.contains("moved"))
    );
}

#[test]
fn csv_reads_back_field_for_field() {
    let e = hostile();
    let mut out = Vec::new();
    export::csv(&e, &Selection::default(), &mut out).expect("renders");
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let headers = reader.headers().expect("headers").clone();
    let row = reader
        .records()
        .map(|r| r.expect("a record"))
        .find(|r| r.get(2) == Some("hostile"))
        .expect("the hostile row");
    let get = |name: &str| {
        row.get(headers.iter().position(|h| h == name).expect(name))
            .expect(name)
            .to_owned()
    };
    assert_eq!(get("author"), "Tester, \"Quoted\" <b>Org</b>");
    assert_eq!(get("tags"), "a,b; c");
    assert_eq!(
        get("body"),
        "Line one, with a comma; \"quotes\" and <script>alert(1)</script>.\n<img src=x onerror=alert(2)> **bold** and [a link](https://example.org).\n"
    );
    assert_eq!(get("clause"), "6.1");
    assert_eq!(get("eid"), "art_6__para_1");
    assert!(get("clause_text").starts_with("Each State Party shall adopt"));
}

#[test]
fn html_runs_nothing_from_annotations_and_shows_their_text() {
    let e = hostile();
    let mut out = Vec::new();
    export::html(&e, &Selection::default(), &mut out).expect("renders");
    let html = String::from_utf8(out).expect("UTF-8");
    assert!(!html.contains("<script"), "a script got through");
    assert!(!html.contains("onerror"), "an event handler got through");
    assert!(
        !html.contains("href=\"javascript:"),
        "a javascript: link got through"
    );
    assert!(
        html.contains("· javascript:alert(1)"),
        "a source that is not a web address is text"
    );
    assert!(!html.contains("<b>Org"), "the author's markup got through");
    assert!(html.contains("Tester, &quot;Quoted&quot; &lt;b&gt;Org&lt;/b&gt;"));
    assert!(
        html.contains("<strong>bold</strong>"),
        "the body's Markdown is rendered"
    );
    assert!(
        html.contains("<mark>without right</mark>"),
        "the quoted words are highlighted"
    );
    assert!(html.contains("<nav><h2>Contents</h2>"));
}

#[test]
fn w3c_annotations_target_the_clause_by_eid_and_quote() {
    let json = render(|e, s, out| export::w3c(e, s, "urn:treaty:sample", out).expect("renders"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().expect("items");
    assert_eq!(v["total"].as_u64(), Some(items.len() as u64));
    let review = items
        .iter()
        .find(|a| a["id"] == "urn:treaty:sample#annotation-rn-final-11-4-review")
        .expect("the review annotation");
    assert_eq!(review["type"], "Annotation");
    assert_eq!(review["motivation"], "assessing");
    let sel = &review["target"]["selector"];
    assert_eq!(sel["type"], "FragmentSelector");
    assert_eq!(sel["value"], "art_11__para_4");
    assert_eq!(sel["refinedBy"]["type"], "TextQuoteSelector");
    assert_eq!(
        sel["refinedBy"]["exact"],
        "judicial or other independent review"
    );
}

#[test]
fn filters_keep_what_the_reader_needs() {
    let e = export::load(&repo("texts/sample"), &repo("annotations")).expect("loads");
    let sel = Selection {
        filter: treaty::annotations::Filter {
            stance: Some(treaty_annotate::Stance::Support),
            ..Default::default()
        },
        ..Selection::default()
    };
    let mut out = Vec::new();
    export::markdown(&e, &sel, &mut out).expect("renders");
    let md = String::from_utf8(out).expect("UTF-8");
    assert!(md.contains("## Article 11"), "{md}");
    assert!(md.contains("## Preamble"), "{md}");
    assert!(!md.contains("## Article 6"), "{md}");
    assert!(!md.contains("**question**"), "{md}");
}
