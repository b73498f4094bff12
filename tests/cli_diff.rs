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
    treaty()
        .args(["diff", "-", "-"])
        .write_stdin("Article 1\nText.\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "only one side of a diff can come from standard input",
        ));
}

#[test]
fn one_side_of_a_diff_can_come_from_standard_input() {
    treaty()
        .args([
            "diff",
            "texts/sample/zero-draft.txt",
            "-",
            "--format",
            "summary",
        ])
        .write_stdin(std::fs::read("texts/sample/final.txt").expect("the sample's final draft"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "zero-draft.txt → -: 1 changed, 8 renumbered, 1 split, 1 inserted",
        ));
}

#[test]
fn history_follows_a_clause_through_renumbering_moves_and_splits() {
    treaty()
        .args(["history", "texts/sample", "11.3"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "== zero-draft (2023-01-15): 8.3\n",
        ))
        .stdout(predicate::str::contains(
            "== revised-draft (2023-11-06): 10.3\n",
        ))
        .stdout(predicate::str::contains(
            "in this [-article-]{+Chapter+} upon",
        ))
        .stdout(predicate::str::contains("== final (2024-08-08): 11.3\n"));
    // Article 10 of the final draft was paragraph 2 of Article 9 before the split.
    treaty()
        .args(["history", "texts/sample", "10"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "== zero-draft (2023-01-15): 8.2\n",
        ))
        .stdout(predicate::str::contains(
            "== revised-draft (2023-11-06): 9.2\n",
        ))
        .stdout(predicate::str::contains("subject to article [-10-]{+11+}."));
    // A clause added in the last draft has no past.
    treaty()
        .args(["history", "texts/sample", "11(4)"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "== zero-draft (2023-01-15): not in this draft",
        ));
    // Numbered as in an earlier draft.
    treaty()
        .args(["history", "texts/sample", "8.3", "--version", "zero-draft"])
        .assert()
        .success()
        .stdout(predicate::str::contains("== final (2024-08-08): 11.3"));
    treaty()
        .args(["history", "texts/sample", "11.9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "there is no clause 11.9 in `final`",
        ));
}

#[test]
fn check_against_a_draft_reports_every_annotation_status() {
    treaty()
        .args(["check", "--against", "zero-draft", "--convention", "sample"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "sample: 9 annotations on `zero-draft`: 4 exact, 3 moved, 0 changed, 1 orphaned, 1 uncertain",
        ))
        .stdout(predicate::str::contains(
            "rn-final-11-4-review  final 11.4  orphaned: 11.4 is not in `zero-draft`; its nearest successor is 9",
        ));
    let out = treaty()
        .args(["check", "--against", "final", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(json["schema"], "treaty-carry/1");
    let list = json["conventions"][0]["annotations"]
        .as_array()
        .expect("a list");
    let dishonestly = list
        .iter()
        .find(|c| c["id"] == "rn-zero-5-1-dishonestly")
        .expect("carried");
    assert_eq!(dishonestly["status"], "changed");
    assert_eq!(dishonestly["now"], "6.1");
}

#[test]
fn show_carries_commentary_from_earlier_drafts() {
    treaty()
        .args(["show", "texts/sample/final.txt", "10", "--annotations"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "submit «subscriber information»¹ in its",
        ))
        .stdout(predicate::str::contains(
            "(written on `revised-draft` as 9.2: moved, the quoted words are there, now in 10)",
        ));
}
