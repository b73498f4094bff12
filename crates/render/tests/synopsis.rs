//! The synopsis of the bundled sample's three drafts in every format, and the HTML page
//! in headless Chromium.

mod common;

use std::fs;

use common::repo;
use treaty_render::synopsis as render;

/// The sample's synopsis, its rows (all, or only those that changed), and the
/// commentary placed on its newest draft.
fn sample() -> (
    treaty_lineage::synopsis::Synopsis,
    Vec<treaty_lineage::Item>,
) {
    let conv = treaty_project::Convention::open(&repo("texts/sample")).expect("the sample");
    let (mut drafts, annotated) =
        treaty_project::open_annotated(&conv, &repo("annotations")).expect("opens");
    let s = treaty_lineage::synopsis::synopsis(&mut drafts);
    (s, annotated.map(|e| e.items).unwrap_or_default())
}

fn text(f: impl Fn(&mut Vec<u8>)) -> String {
    let mut out = Vec::new();
    f(&mut out);
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn every_format_of_the_sample() {
    let (s, notes) = sample();
    let all = render::rows(&s, &[], false);
    let changed = render::rows(&s, &[], true);
    assert!(changed.len() < all.len() && !changed.is_empty());
    insta::assert_snapshot!(
        "md",
        text(|o| render::markdown(&s, &changed, o).expect("md"))
    );
    insta::assert_snapshot!(
        "csv",
        text(|o| render::csv(&s, &changed, false, o).expect("csv"))
    );
    insta::assert_snapshot!(
        "concordance",
        text(|o| render::concordance(&s, &all, o).expect("c"))
    );
    let json = text(|o| render::json(&s, &render::rows(&s, &["9".into()], false), o).expect("j"));
    insta::assert_snapshot!("json_article_9", json);
    let html = text(|o| render::html(&s, &changed, &notes, o).expect("html"));
    insta::assert_snapshot!("html", html);
}

#[test]
fn the_json_lines_up_every_draft_by_lineage() {
    let (s, _) = sample();
    let json: serde_json::Value = serde_json::from_str(&text(|o| {
        render::json(&s, &render::rows(&s, &[], false), o).expect("j")
    }))
    .expect("JSON");
    assert_eq!(json["schema"], "treaty-synopsis/1");
    let labels: Vec<&str> = json["drafts"]
        .as_array()
        .expect("drafts")
        .iter()
        .filter_map(|d| d["label"].as_str())
        .collect();
    assert_eq!(labels, ["zero-draft", "revised-draft", "final"]);
    // Article 10 of the revised draft (9 in the zero draft) is 11 in the final: one row.
    let row = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["cells"][2]["id"] == "11")
        .expect("final 11");
    assert_eq!(row["cells"][0]["id"], "9");
    assert_eq!(row["cells"][1]["id"], "10");
    assert_eq!(row["cells"][1]["status"], "renumbered");
    // Final Article 4 was not in the zero draft.
    let new = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["cells"][2]["id"] == "4")
        .expect("final 4");
    assert!(new["cells"][0].is_null());
    assert_eq!(new["cells"][1]["status"], "inserted");
}

#[test]
fn the_page_in_headless_chromium_shows_rows_filters_and_the_margin() {
    let (s, notes) = sample();
    let rows = render::rows(&s, &[], false);
    let html = text(|o| render::html(&s, &rows, &notes, o).expect("html"));
    let row = rows
        .iter()
        .position(|r| r.cells[2].as_ref().is_some_and(|c| c.id.as_str() == "11.4"))
        .expect("final 11.4");
    let checker = repo("tests/js");
    assert!(
        checker.join("node_modules/playwright-core").is_dir(),
        "playwright-core is not installed: run `npm ci --prefix tests/js` (.ci/run does)"
    );
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let page = dir.path().join("synopsis.html");
    let shot = dir.path().join("synopsis.png");
    fs::write(&page, &html).expect("write");
    let run = std::process::Command::new("node")
        .arg(checker.join("html_check.js"))
        .args([&page, &shot])
        .arg(format!("row-{row}"))
        .arg("annotation-rn-final-11-4-review")
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs (Debian package nodejs)");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&run.stdout).expect("the checker's JSON");
    let row_text = seen["clause"]["text"]
        .as_str()
        .expect("the row is on the page");
    assert!(
        row_text.contains("judicial or other independent review"),
        "{seen}"
    );
    // The status is set in capitals by the page's style.
    assert!(row_text.contains("INSERTED"), "{seen}");
    assert_eq!(seen["note"]["visible"], true, "{seen}");
    assert_eq!(seen["dialogs"], serde_json::json!([]), "{seen}");
    assert_eq!(seen["requests"], serde_json::json!([]), "{seen}");
    // Nothing runs: the filters are check boxes and CSS.
    assert!(!html.contains("<script"));
    assert!(html.contains("body:has(#f2-unchanged:checked) tr.c2-unchanged{display:none}"));
}
