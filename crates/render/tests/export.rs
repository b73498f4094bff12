//! Exports of annotated clauses: what each format must keep, and what it must not let in.

mod common;

use std::fs;

use common::repo;
use treaty_lineage::AnnotatedDraft;
use treaty_render::export::{self, Format, Selection};

fn render(f: impl Fn(&AnnotatedDraft, &Selection, &mut Vec<u8>)) -> String {
    let e = common::annotated("sample", &repo("annotations"));
    let mut out = Vec::new();
    f(&e, &Selection::default(), &mut out);
    String::from_utf8(out).expect("UTF-8")
}

/// The sample with one extra, hostile annotation on 6.1.
fn hostile() -> AnnotatedDraft {
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
    let e = common::annotated("sample", dir.path());
    drop(dir);
    e
}

#[test]
fn markdown_lists_clauses_then_their_annotations() {
    let md = render(|e, s, out| export::write(Format::Markdown, e, s, out).expect("renders"));
    insta::assert_snapshot!("markdown_sample", md);
}

#[test]
fn json_is_versioned_and_carries_annotations_onto_the_latest_draft() {
    let json = render(|e, s, out| export::write(Format::Json, e, s, out).expect("renders"));
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
    export::write(Format::Csv, &e, &Selection::default(), &mut out).expect("renders");
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
    export::write(Format::Html, &e, &Selection::default(), &mut out).expect("renders");
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
    let json = render(|e, s, out| export::write(Format::W3c, e, s, out).expect("renders"));
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
    let e = common::annotated("sample", &repo("annotations"));
    let sel = Selection {
        filter: treaty_annotate::Filter {
            stance: Some(treaty_annotate::Stance::Support),
            ..Default::default()
        },
        ..Selection::default()
    };
    let mut out = Vec::new();
    export::write(Format::Markdown, &e, &sel, &mut out).expect("renders");
    let md = String::from_utf8(out).expect("UTF-8");
    assert!(md.contains("## Article 11"), "{md}");
    assert!(md.contains("## Preamble"), "{md}");
    assert!(!md.contains("## Article 6"), "{md}");
    assert!(!md.contains("**question**"), "{md}");
}

/// The sample's final draft compared with an older draft (a label in its folder).
fn compared(old: &str) -> AnnotatedDraft {
    let mut e = common::annotated("sample", &repo("annotations"));
    let conv = treaty_project::Convention::open(&repo("texts/sample")).expect("opens");
    e.compare_with(&conv.draft(old).expect("reads"));
    e
}

#[test]
fn with_diff_the_html_is_a_redline_with_the_notes_still_beside_it() {
    let e = compared("revised-draft");
    let mut out = Vec::new();
    export::write(Format::Html, &e, &Selection::default(), &mut out).expect("renders");
    let html = String::from_utf8(out).expect("UTF-8");
    // The updated reference in the split-off article: old number struck, new inserted.
    assert!(
        html.contains("subject to article <del>10</del><ins>11</ins>."),
        "{html}"
    );
    // The heading the split gave the new Article 9.
    assert!(html.contains("<h2>Article 9 — <ins>Expedited preservation of stored data</ins></h2>"));
    // A new paragraph is inserted as a whole, and its annotation's quote still marked.
    assert!(html.contains(
        "<span class=\"id\">11.4</span><ins>Such <mark>conditions and safeguards</mark> shall include <mark>judicial or other independent review</mark>,"
    ));
    // Settled brackets are said, although no word changed.
    assert!(html.contains("<del> dishonestly</del>."));
    assert!(html.contains("(bracketed text: without right; dishonestly → none)"));
    // Every changed article has its badge in the contents and nothing else has one.
    assert_eq!(html.matches("<span class=\"badge ").count(), 8);
    assert_eq!(html.matches("<span class=\"badge renumbered\">").count(), 4);
    // The old heading of Article 9, which the split removed, is struck where it stood.
    assert!(html.contains(
        "<p class=\"deleted\"><span class=\"id\">9</span><del>Preservation and production orders</del></p>"
    ));
    // Unchanged articles carry no redline.
    let art1 = &html[html.find("id=\"art_1\"").expect("art 1")..];
    let art1 = &art1[..art1.find("</section>").expect("end")];
    assert!(!art1.contains("<ins>") && !art1.contains("<del>"), "{art1}");
}

#[test]
fn with_diff_markdown_snapshot() {
    let e = compared("zero-draft");
    let mut out = Vec::new();
    export::write(Format::Markdown, &e, &Selection::default(), &mut out).expect("renders");
    insta::assert_snapshot!("markdown_with_diff", String::from_utf8(out).expect("UTF-8"));
}

#[test]
fn with_diff_a_deleted_article_is_shown_where_it_stood() {
    // The zero draft compared with the final one: Article 4 of the final draft is gone.
    let mut e = common::bare(&repo("texts/sample/zero-draft.txt"));
    e.compare_with(&treaty_project::draft(&repo("texts/sample/final.txt")).expect("reads"));
    let mut out = Vec::new();
    export::write(Format::Html, &e, &Selection::default(), &mut out).expect("renders");
    let html = String::from_utf8(out).expect("UTF-8");
    let deleted = html
        .find("<section class=\"unit deleted\">")
        .expect("a deleted unit");
    assert!(html[deleted..].starts_with(
        "<section class=\"unit deleted\">\n<div class=\"text\">\n<h2><del>Art. 4</del></h2>"
    ));
    // It stands after Article 3 and before what is Article 4 in the zero draft.
    let art3 = html.find("id=\"art_3\"").expect("art 3");
    assert!(art3 < deleted);
    assert!(
        deleted
            < html
                .find("<section class=\"unit changed\" id=\"art_4\"")
                .expect("art 4")
    );
    assert_eq!(html.matches("<section class=\"unit deleted\">").count(), 1);
}

#[test]
fn with_diff_json_and_csv_say_what_changed() {
    let e = compared("revised-draft");
    let mut out = Vec::new();
    export::write(Format::Json, &e, &Selection::default(), &mut out).expect("renders");
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(v["compared_with"]["version"], "revised-draft");
    assert_eq!(v["compared_with"]["summary"]["renumbered"], 4);
    let clause = |id: &str| {
        v["clauses"]
            .as_array()
            .expect("clauses")
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("clause {id}"))
            .clone()
    };
    assert_eq!(clause("11")["change"]["status"], "renumbered");
    assert_eq!(clause("11")["change"]["old"][0], "10");
    assert!(clause("1").get("change").is_none());

    let mut out = Vec::new();
    export::write(Format::Csv, &e, &Selection::default(), &mut out).expect("renders");
    let mut rows = csv::Reader::from_reader(out.as_slice());
    let header = rows.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (ann, change, red) = (col("annotation"), col("change"), col("redline"));
    let got: Vec<(String, String, String)> = rows
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[ann].to_owned(), r[change].to_owned(), r[red].to_owned())
        })
        .collect();
    let find = |id: &str| got.iter().find(|r| r.0 == id).expect(id);
    assert_eq!(
        find("pa-revised-9-2-subscriber-information").1,
        "renumbered from 9.2"
    );
    assert!(
        find("pa-revised-9-2-subscriber-information")
            .2
            .ends_with("subject to article [-10-]{+11+}.")
    );
    assert_eq!(
        find("sec-final-12-2-stale-reference").1,
        "renumbered from 11.2"
    );
    assert_eq!(find("rn-final-11-4-review").1, "inserted");
    assert_eq!(find("pa-final-2-b-hosting").1, "unchanged");
}

#[test]
fn with_diff_on_real_drafts_marks_exactly_what_changed() {
    let corpus = common::corpus();
    let redline = |old: &str, new: &str| {
        let new = corpus.join(new);
        let mut e = common::bare(&new);
        e.compare_with(&treaty_project::draft(&corpus.join(old)).expect("reads"));
        let mut out = Vec::new();
        export::write(Format::Html, &e, &Selection::default(), &mut out).expect("renders");
        String::from_utf8(out).expect("UTF-8")
    };
    // One word changed between these two anti-doping versions, in 7.2.e.
    let html = redline(
        "coe/anti-doping-ets135.2015-06-11.md",
        "coe/anti-doping-ets135.2015-06-25.md",
    );
    assert_eq!(html.matches("<del>").count(), 1);
    assert_eq!(html.matches("<ins>").count(), 1);
    let point = &html[html.find("id=\"art_7__para_2__point_e\"").expect("7.2.e")..];
    assert!(
        point[..point.find("</p>").expect("end")].contains(
            "infringements of the <del>antidoping</del><ins>anti-doping</ins> regulations"
        )
    );
    // Budapest 2007 → 2012 changed formatting only: no redline at all.
    let html = redline(
        "coe/budapest-ets185.2007-03-01.md",
        "coe/budapest-ets185.2012-10-24.md",
    );
    assert!(!html.contains("<del>") && !html.contains("<ins>"));
    assert!(!html.contains("class=\"badge"));
}

/// What `tests/js/html_check.js` saw of a clause and a note in headless Chromium.
fn in_chromium(html: &[u8], clause: &str, note: &str) -> serde_json::Value {
    let checker = repo("tests/js");
    assert!(
        checker.join("node_modules/playwright-core").is_dir(),
        "playwright-core is not installed: run `npm ci --prefix tests/js` (.ci/run does)"
    );
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        std::path::Path::new(&chromium).exists(),
        "no Chromium at {chromium}: install Debian's chromium package (.ci/run does) or set CHROMIUM"
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    let page = dir.path().join("export.html");
    let shot = dir.path().join("export.png");
    fs::write(&page, html).expect("write");
    let run = std::process::Command::new("node")
        .arg(checker.join("html_check.js"))
        .args([&page, &shot])
        .args([clause, note])
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs (Debian package nodejs)");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let png = fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
    serde_json::from_slice(&run.stdout).expect("the checker's JSON")
}

fn colour(seen: &serde_json::Value, part: &str, hex: &str) -> u64 {
    seen["colours"][part][hex].as_u64().unwrap_or(0)
}

#[test]
fn html_in_headless_chromium_shows_the_clause_with_its_note_in_the_margin() {
    let html = render(|e, s, out| export::write(Format::Html, e, s, out).expect("renders"));
    let seen = in_chromium(
        html.as_bytes(),
        "art_11__para_4",
        "annotation-rn-final-11-4-review",
    );
    let (clause, note) = (&seen["clause"], &seen["note"]);
    assert!(
        clause["text"]
            .as_str()
            .expect("the clause is on the page")
            .contains(
                "Such conditions and safeguards shall include judicial or other independent review"
            ),
        "{seen}"
    );
    assert_eq!(
        clause["marks"],
        serde_json::json!([
            "conditions and safeguards",
            "judicial or other independent review"
        ])
    );
    assert!(
        note["text"]
            .as_str()
            .expect("the note is on the page")
            .contains("The added paragraph finally names independent review among the safeguards."),
        "{seen}"
    );
    assert_eq!(note["visible"], true);
    // The note sits in the margin: right of the clause, starting no lower than it ends.
    let b = |v: &serde_json::Value, k: &str| v["box"][k].as_f64().expect("a box");
    assert!(
        b(note, "x") >= b(clause, "x") + b(clause, "width"),
        "{seen}"
    );
    assert!(
        b(note, "y") <= b(clause, "y") + b(clause, "height"),
        "{seen}"
    );
    // The screenshot shows the highlighted words and the note's green (support) rule.
    assert!(colour(&seen, "clause", "#fff3a8") > 200, "{seen}");
    assert!(colour(&seen, "note", "#27ae60") > 100, "{seen}");
    assert_eq!(seen["colours"]["width"], 1280);
    // Standalone: no request left the page, no script ran.
    assert_eq!(seen["requests"], serde_json::json!([]));
    assert_eq!(seen["dialogs"], serde_json::json!([]));
}

#[test]
fn html_in_headless_chromium_runs_nothing_from_a_hostile_annotation() {
    let mut html = Vec::new();
    export::write(Format::Html, &hostile(), &Selection::default(), &mut html).expect("renders");
    let seen = in_chromium(&html, "art_6__para_1", "annotation-hostile");
    let note = seen["note"]["text"].as_str().expect("the note is there");
    assert!(
        note.contains("Line one, with a comma; \"quotes\" and ."),
        "{note}"
    );
    assert!(note.contains("Tester, \"Quoted\" <b>Org</b>"), "{note}");
    assert_eq!(
        seen["clause"]["marks"],
        serde_json::json!(["without right"])
    );
    assert_eq!(seen["dialogs"], serde_json::json!([]), "a script ran");
    assert_eq!(seen["requests"], serde_json::json!([]), "{seen}");
}

#[test]
fn references_link_to_their_targets_in_html_and_are_listed_in_json() {
    let html = render(|e, s, out| export::write(Format::Html, e, s, out).expect("renders"));
    assert!(
        html.contains(
            "subject to <a class=\"ref\" href=\"#art_11\" title=\"→ 11\">article 11</a>."
        )
    );
    // A reference inside quoted words keeps both: the link around the mark.
    assert!(html.contains(
        "under <a class=\"ref\" href=\"#art_8\" title=\"→ 8\"><mark>article 8</mark></a> shall"
    ));
    assert_eq!(html.matches("<a class=\"ref\"").count(), 4);
    // Markdown links go to the article's heading anchor, the only anchors it has.
    let md = render(|e, s, out| export::write(Format::Markdown, e, s, out).expect("renders"));
    assert!(md.contains("subject to [article 11](#art_11)."));
    assert!(md.contains("## Article 11 — Conditions and safeguards {#art_11}"));
    let json = render(|e, s, out| export::write(Format::Json, e, s, out).expect("renders"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let art12 = v["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .find(|c| c["id"] == "12")
        .expect("article 12");
    let refs: Vec<(&str, &str)> = art12["references"]
        .as_array()
        .expect("references")
        .iter()
        .map(|r| {
            (
                r["from"].as_str().unwrap_or(""),
                r["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        refs,
        [
            ("12.1", "articles 6 and 7 of this Convention"),
            ("12.2", "article 8")
        ]
    );
}
