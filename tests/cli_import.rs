//! The real binary on `treaty import`, with the EU AI Act's Akoma Ntoso files.

mod common;

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

fn treaty() -> Command {
    let mut cmd = Command::cargo_bin("treaty").expect("the treaty binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

fn akn(name: &str) -> String {
    common::corpus()
        .join("eu-ai-act")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn import_writes_the_text_and_lists_it_in_the_manifest() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = dir.path().join("eu-ai-act");
    treaty()
        .args([
            "import",
            &akn("proposal-2021.structured.akn.xml"),
            "--convention",
        ])
        .arg(&conv)
        .args(["--label", "proposal", "--date", "2021-04-21"])
        .assert()
        .success()
        .stdout(predicate::str::contains("proposal.txt"))
        .stderr(predicate::str::contains("eIds occur more than once"));
    treaty()
        .args(["import", &akn("03-final-2024.akn.xml"), "--convention"])
        .arg(&conv)
        .args(["--label", "final", "--date", "2024-06-13"])
        .assert()
        .success();
    let manifest = fs::read_to_string(conv.join("convention.toml")).expect("a manifest");
    let m: treaty_model::Manifest = toml::from_str(&manifest).expect("it reads back");
    assert_eq!(m.convention.id, "eu-ai-act");
    let labels: Vec<&str> = m.labels().collect();
    assert_eq!(labels, ["proposal", "final"]);
    // The texts parse like any other.
    treaty()
        .arg("parse")
        .arg(conv.join("final.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("113 articles"));
    treaty()
        .arg("show")
        .arg(conv.join("proposal.txt"))
        .arg("Art. 5(1)(c)(i)")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "detrimental or unfavourable treatment",
        ));
    // A second import under the same label is refused, nothing is changed.
    treaty()
        .args(["import", &akn("01-proposal-2021.akn.xml"), "--convention"])
        .arg(&conv)
        .args(["--label", "final"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already lists a version `final`"));
    assert_eq!(
        fs::read_to_string(conv.join("convention.toml")).expect("read"),
        manifest
    );
}

#[test]
fn import_to_stdout_detects_the_format() {
    treaty()
        .args(["import", &akn("01-proposal-2021.akn.xml"), "--stdout"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Harmonised rules on Artificial Intelligence"))
        // This file gives Article 5 no heading; the inline numbers become lines.
        .stdout(predicate::str::contains("\nArticle 5\n1. The following artificial intelligence practices shall be prohibited:\n(a) the placing on the market"));
}

#[test]
fn eurlex_xhtml_is_detected_and_read_from_the_act_on() {
    treaty()
        .args(["import", &akn("proposal-2021.eurlex.xhtml"), "--stdout"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
        ))
        .stdout(predicate::str::contains("EXPLANATORY MEMORANDUM").not())
        .stdout(predicate::str::contains(
            "\nArticle 5\n1. The following artificial intelligence practices shall be prohibited:\n(a) the placing on the market",
        ));
    // An HTML page that is not an act says what to import instead.
    treaty()
        .args(["import", "-", "--stdout", "--from", "eurlex"])
        .write_stdin("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Hi</p></body></html>")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Titrearticle"));
}

#[test]
fn bad_imports_are_clear_errors() {
    treaty()
        .args(["import", "-", "--stdout", "--from", "akn"])
        .write_stdin("<?xml version=\"1.0\"?>\n<akomaNtoso>\n  <act>\n    <body><article>\n  </act>\n</akomaNtoso>\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("malformed at line 5, column 3"));
    treaty()
        .args([
            "import",
            &akn("02-parliament-amendments-2023.akn.xml"),
            "--stdout",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is an amendment"));
    treaty()
        .args(["import", &akn("01-proposal-2021.akn.xml")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--convention"));
}

#[test]
fn export_writes_each_format_to_a_file_or_stdout() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = env!("CARGO_MANIFEST_DIR");
    for (format, needle) in [
        ("md", "## Article 11 — Conditions and safeguards"),
        ("html", "<mark>judicial or other independent review</mark>"),
        ("json", "\"schema\": \"treaty-export/1\""),
        ("csv", "convention,version,annotation,clause,eid"),
        ("w3c", "\"type\": \"AnnotationCollection\""),
    ] {
        let file = dir.path().join(format!("out.{format}"));
        treaty()
            .current_dir(root)
            .args(["export", "--format", format, "-o"])
            .arg(&file)
            .assert()
            .success();
        let written = fs::read_to_string(&file).expect("written");
        assert!(written.contains(needle), "{format}: {written}");
    }
    treaty()
        .current_dir(root)
        .args([
            "export",
            "texts/sample",
            "--clauses",
            "11(4),99",
            "--format",
            "md",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no clause 99"));
}

#[test]
fn export_with_diff_redlines_and_refuses_single_draft_formats() {
    let root = env!("CARGO_MANIFEST_DIR");
    treaty()
        .current_dir(root)
        .args([
            "export",
            "texts/sample",
            "--format",
            "html",
            "--with-diff",
            "revised-draft",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "subject to article <del>10</del><ins>11</ins>.",
        ));
    treaty()
        .current_dir(root)
        .args([
            "export",
            "texts/sample",
            "--format",
            "md",
            "--with-diff",
            "v9",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "has no version `v9`; its versions are: zero-draft, revised-draft, final",
        ));
    for format in ["akn", "w3c", "text"] {
        treaty()
            .current_dir(root)
            .args(["export", "--format", format, "--with-diff", "zero-draft"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "--with-diff works with --format md, html, json or csv",
            ));
    }
}
