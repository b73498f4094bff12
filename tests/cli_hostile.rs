//! The real binary on hostile input: commentary written to attack the spreadsheets,
//! Markdown viewers and terminals of whoever opens an export, and IDs that carry escape
//! sequences.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn treaty() -> Command {
    let mut cmd = Command::cargo_bin("treaty").expect("the treaty binary is built");
    cmd.env_remove("NO_COLOR").current_dir(repo());
    cmd
}

/// An annotations folder for the sample whose one annotation is hostile in every field
/// a colleague's tool might run.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir_all(dir.path().join("sample")).expect("mkdir");
    fs::write(
        dir.path().join("sample/evil.toml"),
        r#"[[annotation]]
id = "evil-1"
clause = "6.1"
version = "final"
author = "=cmd|' /C calc'!A0"
source = "javascript:alert(2)"
date = "2024"
tags = ["+SUM(1)", "@x", "-2"]
stance = "concern"
body = "See [the report](javascript:alert(1)) and <javascript:alert(3)>."
"#,
    )
    .expect("write");
    dir
}

#[test]
fn csv_cells_never_run_as_formulas_unless_asked() {
    let dir = hostile();
    let out = treaty()
        .args(["export", "--format", "csv", "--annotations"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).expect("UTF-8");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().expect("a header").clone();
    let author = header.iter().position(|h| h == "author").expect("author");
    let tags = header.iter().position(|h| h == "tags").expect("tags");
    let row = rows
        .records()
        .map(|r| r.expect("a row"))
        .find(|r| r.get(2) == Some("evil-1"))
        .expect("the hostile row");
    assert_eq!(row.get(author), Some("'=cmd|' /C calc'!A0"));
    assert_eq!(row.get(tags), Some("'+SUM(1); @x; -2"));
    for cell in row.iter() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a live cell: {cell:?}"
        );
    }
    // For tools that read the data, as written.
    treaty()
        .args(["export", "--format", "csv", "--csv-raw", "--annotations"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(",=cmd|' /C calc'!A0,"));
    treaty()
        .args(["export", "--format", "md", "--csv-raw"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--csv-raw works with --format csv only",
        ));
}

#[test]
fn script_links_lose_their_address_in_markdown_and_w3c() {
    let dir = hostile();
    let md = treaty()
        .args(["export", "--format", "md", "--annotations"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let md = String::from_utf8(md.stdout).expect("UTF-8");
    assert!(
        md.contains("See the report and javascript:alert(3)."),
        "{md}"
    );
    assert!(
        !md.contains("](javascript:") && !md.contains("<javascript:"),
        "{md}"
    );
    let w3c = treaty()
        .args(["export", "--format", "w3c", "--annotations"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let w3c: serde_json::Value = serde_json::from_slice(&w3c.stdout).expect("JSON");
    let evil = w3c["first"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|a| a["id"].as_str().is_some_and(|id| id.ends_with("evil-1")))
        .expect("the hostile annotation");
    assert!(evil.get("via").is_none(), "{evil}");
    assert!(
        evil["body"]
            .as_array()
            .expect("bodies")
            .iter()
            .any(|b| b["purpose"] == "describing" && b["value"] == "javascript:alert(2)"),
        "the source's words are kept as text: {evil}"
    );
}

#[test]
fn escape_sequences_in_ids_and_file_names_never_reach_the_terminal() {
    treaty()
        .args(["show", "texts/sample/final.txt", "1\u{1b}[2J"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\u{1b}").not());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let name = dir.path().join("evil\u{1b}[31m.txt");
    treaty()
        .arg("parse")
        .arg(&name)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\u{1b}").not());
}

/// A write the system refuses names the file the user gave, says why once, and says
/// nothing of the temporary file the write went through. (`/sys` refuses new files even
/// to root, so this holds wherever the tests run.)
#[cfg(target_os = "linux")]
#[test]
fn a_refused_write_says_why_once_and_names_the_users_file() {
    let out = treaty()
        .args(["export", "texts/sample/final.txt", "-o", "/sys/treaty.html"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).expect("UTF-8");
    assert!(err.contains("cannot write /sys/treaty.html"), "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
    assert!(!err.contains(".treaty-"), "{err}");
}
