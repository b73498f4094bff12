//! The real binary on `treaty refs` and `treaty lint`.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn treaty() -> Command {
    let mut cmd = Command::cargo_bin("treaty").expect("the treaty binary is built");
    cmd.env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

#[test]
fn refs_lists_each_reference_with_its_target() {
    treaty()
        .args(["refs", "texts/sample"])
        .assert()
        .success()
        .stdout(
            "3.1\tarticles 6 and 7 of this Convention\t→ 6 (Article 6 — Illegal access), 7 (Article 7 — Interference with data)\n\
             10\tarticle 11\t→ 11 (Article 11 — Conditions and safeguards)\n\
             12.1\tarticles 6 and 7 of this Convention\t→ 6 (Article 6 — Illegal access), 7 (Article 7 — Interference with data)\n\
             12.2\tarticle 8\t→ 8 (Article 8 — Liability of legal persons)\n",
        );
    // One clause, in any ID form; and what refers to a clause.
    treaty()
        .args(["refs", "texts/sample", "Art. 12(2)"])
        .assert()
        .success()
        .stdout("12.2\tarticle 8\t→ 8 (Article 8 — Liability of legal persons)\n");
    treaty()
        .args(["refs", "texts/sample", "--to", "7"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("3.1\tarticles 6 and 7"))
        .stdout(predicate::str::contains("12.1\tarticles 6 and 7"));
    treaty()
        .args(["refs", "texts/sample", "--to", "99"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no clause 99"));
}

#[test]
fn refs_json_keeps_spans_and_tells_external_references_apart() {
    let out = treaty()
        .args(["refs", "--format", "json"])
        .arg(common::corpus().join("un/uncac.2012-11-19.md"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["schema"], "treaty-refs/1");
    let refs: Vec<serde_json::Value> =
        serde_json::from_value(json["references"].clone()).expect("a list");
    let toc = refs
        .iter()
        .find(|r| {
            r["text"] == "the United Nations Convention against Transnational Organized Crime"
        })
        .expect("the reference to UNTOC in the preamble");
    assert_eq!(toc["from"], "preamble.15");
    assert_eq!(toc["targets"], serde_json::json!([]));
    assert_eq!(
        toc["external"],
        "United Nations Convention against Transnational Organized Crime"
    );
    let r = refs
        .iter()
        .find(|r| r["from"] == "54.2")
        .expect("54.2 refers to article 55");
    assert_eq!(r["text"], "paragraph 2 of article 55 of this Convention");
    assert_eq!(r["targets"], serde_json::json!(["55.2"]));
    assert!(r["span"][1].as_u64() > r["span"][0].as_u64());
}

#[test]
fn lint_previous_reports_the_stale_reference_and_not_the_updated_ones() {
    treaty()
        .args(["lint", "texts/sample", "--previous", "zero-draft"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[stale-reference]: `article 8` in 12.2 kept its old number: in `zero-draft` it pointed at what is now article 9 and article 10",
        ))
        .stdout(predicate::str::contains("--> texts/sample/final.txt:76:49"))
        .stdout(predicate::str::contains(
            "help: article 8 was renumbered 9 and 10 (it was split) in this draft",
        ))
        .stdout(predicate::str::contains("help: write `article 9`"))
        .stdout(predicate::str::ends_with("texts/sample/final.txt: 1 problem\n"))
        // The references that were updated when the articles moved are not reported.
        .stdout(predicate::str::contains("3.1").not())
        .stdout(predicate::str::contains("articles 6 and 7").not())
        .stdout(predicate::str::contains("article 11").not());
    // The revised draft already carried the stale number: from there, nothing moved.
    treaty()
        .args(["lint", "texts/sample", "--previous", "revised-draft"])
        .assert()
        .success()
        .stdout("texts/sample/final.txt: 0 problems\n");
    // The zero draft to the revised one is where the reference went stale.
    let json = treaty()
        .args([
            "lint",
            "texts/sample/revised-draft.txt",
            "--previous",
            "texts/sample/zero-draft.txt",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert_eq!(json.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(findings["schema"], "treaty-lint/1");
    let findings = &findings["findings"];
    assert_eq!(findings.as_array().map(Vec::len), Some(1), "{findings}");
    assert_eq!(findings[0]["code"], "stale-reference");
    assert_eq!(findings[0]["clause"], "11.2");
    assert_eq!(findings[0]["line"], 72);
    assert_eq!(findings[0]["column"], 49);
}

#[test]
fn lint_reports_missing_targets_and_deleted_ones() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    std::fs::write(
        &old,
        "Article 1\nScope\n1. This applies as in article 2 and article 3.\n2. Second.\n\nArticle 2\nDefinitions\nWords.\n\nArticle 3\nRepealed rules\nOld words that go.\n",
    )
    .expect("write");
    std::fs::write(
        &new,
        "Article 1\nScope\n1. This applies as in article 2 and article 3, and paragraph 5 of this article.\n2. Second.\n\nArticle 2\nDefinitions\nWords.\n",
    )
    .expect("write");
    treaty()
        .args(["lint"])
        .arg(&new)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[missing-target]: `article 3` in 1.1 refers to article 3, which this text does not have",
        ))
        .stdout(predicate::str::contains(
            "error[missing-target]: `paragraph 5 of this article` in 1.1 refers to 1.5, which this text does not have",
        ))
        .stdout(predicate::str::contains("new.txt:3:37"))
        .stdout(predicate::str::contains("new.txt:3:52"))
        .stdout(predicate::str::ends_with("2 problems\n"));
    treaty()
        .args(["lint", "--previous"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[deleted-target]: `article 3` in 1.1 refers to article 3 of",
        ))
        .stdout(predicate::str::contains("which was deleted in this draft"))
        .stdout(predicate::str::ends_with("3 problems\n"));
}

#[test]
fn lint_on_the_un_conventions_finds_nothing_wrong() {
    for rel in ["un/untoc.2012-07-05.md", "un/uncac.2012-11-19.md"] {
        treaty()
            .arg("lint")
            .arg(common::corpus().join(rel))
            .assert()
            .success()
            .stdout(predicate::str::ends_with(": 0 problems\n"));
    }
}
