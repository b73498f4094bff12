//! The real binary on `treaty diff`.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn treaty() -> Command {
    let mut cmd = Command::cargo_bin("treaty").expect("the treaty binary is built");
    cmd.env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn corpus(rel: &str) -> String {
    common::corpus().join(rel).display().to_string()
}

#[test]
fn diff_of_a_convention_folder_by_labels() {
    treaty()
        .args([
            "diff",
            "texts/sample",
            "zero-draft",
            "revised-draft",
            "--format",
            "summary",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "zero-draft → revised-draft: 1 changed, 9 renumbered, 1 inserted, 1 clause moved;",
        ))
        .stdout(predicate::str::contains("  Art. 4 inserted (27 words)\n"))
        .stdout(predicate::str::contains(
            "  Art. 9 → 10 renumbered, changed: 2 words; moved here: 8.3 → 10.3\n",
        ));
}

#[test]
fn word_format_marks_deletions_and_insertions() {
    treaty()
        .args([
            "diff",
            &corpus("coe/anti-doping-ets135.2015-06-11.md"),
            &corpus("coe/anti-doping-ets135.2015-06-25.md"),
            "--format",
            "word",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "7.2.e (changed): procedures for the imposition",
        ))
        .stdout(predicate::str::contains(
            "the [-antidoping-]{+anti-doping+} regulations",
        ));
}

#[test]
fn text_format_is_a_coloured_redline_on_request_only() {
    let args = [
        "diff",
        "texts/sample",
        "revised-draft",
        "final",
        "--clause",
        "6.1",
    ];
    treaty()
        .args(["--color", "always"])
        .args(args)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "\u{1b}[31;9m dishonestly\u{1b}[29;39m",
        ));
    treaty()
        .args(args)
        .env("NO_COLOR", "1")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\u{1b}").not())
        .stdout(predicate::str::contains("without right[- dishonestly-]."));
}

#[test]
fn formatting_changes_are_hidden_unless_asked_for() {
    let a = corpus("coe/budapest-ets185.2007-03-01.md");
    let b = corpus("coe/budapest-ets185.2012-10-24.md");
    treaty()
        .args(["diff", &a, &b])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no substantive change"))
        .stdout(predicate::str::contains("hidden: --show-formatting"));
    treaty()
        .args(["diff", &a, &b, "--show-formatting", "--article", "10"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Art. 10 formatting"))
        .stdout(predicate::str::contains("[WIPO Copyright Treaty]("));
}

#[test]
fn json_is_the_documented_change_list() {
    let out = treaty()
        .args([
            "diff",
            "texts/sample",
            "revised-draft",
            "final",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let d: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(d["schema"], "treaty-diff/1");
    assert_eq!(d["summary"]["split"], 1);
    let split = d["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["status"] == "split")
        .expect("a split");
    assert_eq!(split["old"], serde_json::json!(["9"]));
    assert_eq!(split["new"], serde_json::json!(["9", "10"]));
}

#[test]
fn bad_diff_arguments_are_usage_errors() {
    treaty()
        .args(["diff", "texts/sample", "zero-draft", "fourth-draft"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no version `fourth-draft`"));
    treaty()
        .args(["diff", "texts/sample/final.txt"])
        .assert()
        .code(2);
    treaty()
        .args(["diff", "no/such/old.txt", "texts/sample/final.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no/such/old.txt"));
}
