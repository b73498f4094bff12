//! The real `treaty` binary, one test per behaviour a user sees.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn treaty() -> Command {
    let mut cmd = Command::cargo_bin("treaty").expect("the treaty binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

fn corpus_file(rel: &str) -> String {
    common::corpus().join(rel).display().to_string()
}

#[test]
fn parse_without_a_file_reads_the_bundled_sample() {
    treaty()
        .arg("parse")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Sample Convention on Cross-Border Access to Electronic Evidence",
        ))
        .stdout(predicate::str::contains("14 articles"))
        .stdout(predicate::str::contains(
            "11  Article 11 — Conditions and safeguards  · 4 paragraphs",
        ));
}

#[test]
fn parse_prints_an_outline_and_warnings_go_to_stderr() {
    treaty()
        .args(["--color", "never", "parse"])
        .arg(corpus_file("coe/budapest-ets185.2012-10-24.md"))
        .assert()
        .success()
        .stdout(predicate::str::contains("48 articles"))
        .stdout(predicate::str::contains(
            "15  Article 15 — Conditions and safeguards  · 3 paragraphs",
        ))
        .stdout(predicate::str::contains("warning[").not())
        .stderr(predicate::str::contains("warning[repeated-number]"))
        .stderr(predicate::str::contains(
            "budapest-ets185.2012-10-24.md:212:4",
        ))
        .stderr(predicate::str::contains("note[translation]"));
}

#[test]
fn parse_reads_standard_input() {
    treaty()
        .args(["parse", "-"])
        .write_stdin("Article 1\nPurpose\n1. One.\n2. Two.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1  Article 1 — Purpose  · 2 paragraphs",
        ));
}

#[test]
fn parse_json_is_the_documented_tree() {
    let out = treaty()
        .args(["parse", "--format", "json", "-"])
        .write_stdin("Article 5\nScope\n1. Each State Party:\n(a) first;\n(b) second.\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(json["schema"], "treaty-parse/1");
    let article = &json["document"]["children"][0];
    assert_eq!(article["id"], "5");
    assert_eq!(article["eid"], "art_5");
    assert_eq!(article["kind"], "article");
    assert_eq!(article["heading"], "Scope");
    let b = &article["children"][0]["children"][1];
    assert_eq!(b["id"], "5.1.b");
    assert_eq!(b["eid"], "art_5__para_1__point_b");
    assert_eq!(b["kind"], "subparagraph");
    assert_eq!(b["text"], "second.");
    assert_eq!(b["span"], serde_json::json!([48, 60]));
}

#[test]
fn show_prints_a_clause_in_any_id_form() {
    for id in [
        "5.1.a.ii",
        "5(1)(a)(ii)",
        "Art. 5(1)(a)(ii)",
        "article 5, paragraph 1 (a) (ii)",
        "art_5__para_1__point_a__point_ii",
    ] {
        treaty()
            .arg("show")
            .arg(corpus_file("un/untoc.un-layout.txt"))
            .arg(id)
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "(ii)  [5.1.a.ii · art_5__para_1__point_a__point_ii]",
            ))
            .stdout(predicate::str::contains(
                "  5.1.a.ii.a  Criminal activities of the organized criminal group;",
            ));
    }
}

#[test]
fn show_json_prints_one_node() {
    let out = treaty()
        .args(["show", "texts/sample/final.txt", "11.4", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(json["schema"], "treaty-show/1");
    let json = &json["clause"];
    assert_eq!(json["id"], "11.4");
    assert!(json["text"].as_str().is_some_and(|t| t.starts_with("Such conditions and safeguards shall include judicial")));
}

#[test]
fn show_an_unknown_clause_suggests_and_exits_2() {
    treaty()
        .args(["show", "texts/sample/final.txt", "11(5)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "there is no clause 11.5; did you mean 11.1",
        ));
}

#[test]
fn an_invalid_clause_id_names_the_column() {
    treaty()
        .args(["show", "texts/sample/final.txt", "47(1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid clause ID `47(1` at column 5: expected `)`",
        ));
}

fn parse_stdin_fails(input: &[u8], message: &str) {
    treaty()
        .args(["parse", "-"])
        .write_stdin(input.to_vec())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

#[test]
fn bad_input_is_a_clear_error_with_exit_2() {
    parse_stdin_fails(b"A\0B", "NUL byte at byte offset 1");
    parse_stdin_fails(b"Article 1\n\xff", "not valid UTF-8 (at byte offset 10)");
    parse_stdin_fails(b"", "the input is empty");
    parse_stdin_fails(b" \n\t\n", "only white space");
    treaty()
        .args(["parse", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no/such/file.txt"));
}

#[test]
fn usage_errors_exit_2() {
    treaty().arg("frobnicate").assert().code(2);
    treaty()
        .args(["parse", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn control_characters_never_reach_the_terminal() {
    treaty()
        .args(["show", "-", "1"])
        .write_stdin("Article 1\nEvil\nText with \x1b[31mred\x1b[0m and a bell\x07.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("\\u{1b}[31mred"))
        .stdout(predicate::str::contains('\x1b').not())
        .stdout(predicate::str::contains('\x07').not());
}

#[test]
fn help_explains_the_commands() {
    treaty()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("parse"))
        .stdout(predicate::str::contains("show"))
        .stdout(predicate::str::contains("Exit codes"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `treaty parse big | head -1`: stdout closes early; treaty must exit quietly.
    let big = std::fs::read(common::corpus().join("un/uncac.2012-11-19.md")).expect("corpus");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("treaty"))
        .args(["parse", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(&big).expect("write");
    }
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_warning_at_a_multibyte_character_points_at_the_whole_character() {
    // The empty span of "no articles" sits before a two-byte letter.
    treaty()
        .args(["--color", "never", "parse", "-"])
        .write_stdin("À\nA/AC.291/L.15\ntext with [brackets] and a [link](x)\n### S1\n")
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[no-articles]"))
        .stderr(predicate::str::contains("<stdin>:1:1"));
}
