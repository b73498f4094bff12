//! A project found from any folder inside it, started with `treaty init`, listed with
//! `treaty list`; completions, the manual page and `--quiet`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn treaty_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("treaty").expect("the treaty binary is built");
    cmd.env_remove("NO_COLOR").current_dir(dir);
    cmd
}

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn commands_work_from_a_folder_inside_the_project() {
    let sample = repo("texts/sample");
    // The convention of the current folder, and paths written from the project folder.
    treaty_in(&sample)
        .args(["--color", "never", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
    treaty_in(&sample)
        .args([
            "diff",
            "texts/sample",
            "revised-draft",
            "final",
            "--format",
            "summary",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("revised-draft → final:"));
    treaty_in(&sample)
        .args(["show", "final.txt", "11.4", "--annotations"])
        .assert()
        .success()
        .stdout(predicate::str::contains("independent review"));
    treaty_in(&sample)
        .args(["history", "sample", "11.3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("== zero-draft"));
    treaty_in(&repo("annotations"))
        .args(["export", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"convention\": \"sample\""));
    treaty_in(&sample)
        .args(["view", "--dump", "80x10"])
        .assert()
        .success()
        .stdout(predicate::str::contains("sample · final"));
}

#[test]
fn outside_a_project_commands_that_need_one_say_how_to_start_one() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    treaty_in(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not inside a treaty project"))
        .stderr(predicate::str::contains("treaty init"));
    // Reading a text needs no project.
    treaty_in(dir.path())
        .arg("parse")
        .assert()
        .success()
        .stdout(predicate::str::contains("14 articles"));
}

#[test]
fn init_starts_a_project_that_list_and_check_then_read() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    treaty_in(dir.path())
        .args(["init", "work"])
        .assert()
        .success()
        .stdout(predicate::str::contains("created work/texts"))
        .stdout(predicate::str::contains("treaty import FILE --convention"));
    let work = dir.path().join("work");
    assert!(work.join("texts").is_dir() && work.join("annotations").is_dir());
    assert!(fs::read_to_string(work.join("README.md")).is_ok_and(|r| r.contains("annotations/")));
    treaty_in(&work)
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("no conventions yet"));
    // A second init is refused and touches nothing.
    treaty_in(dir.path())
        .args(["init", "work"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a treaty project already"));
    // Bring a text in from inside the project, then list it.
    let text = repo("texts/sample/final.txt");
    treaty_in(&work.join("annotations"))
        .arg("import")
        .arg(&text)
        .args([
            "--convention",
            "texts/demo",
            "--label",
            "final",
            "--date",
            "2024",
        ])
        .assert()
        .success();
    assert!(work.join("texts/demo/final.txt").is_file());
    treaty_in(&work)
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("demo — "))
        .stdout(predicate::str::contains("draft final"));
}

#[test]
fn list_shows_drafts_and_annotation_files_with_counts() {
    let out = treaty_in(&repo(""))
        .args(["list", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["schema"], "treaty-list/1");
    let conventions = v["conventions"].as_array().expect("a list");
    let sample = conventions
        .iter()
        .find(|c| c["convention"] == "sample")
        .expect("the sample");
    let drafts: Vec<(&str, bool)> = sample["drafts"]
        .as_array()
        .expect("drafts")
        .iter()
        .map(|d| (d["label"].as_str().unwrap_or(""), d["present"] == true))
        .collect();
    assert_eq!(
        drafts,
        [
            ("zero-draft", true),
            ("revised-draft", true),
            ("final", true)
        ]
    );
    let notes: usize = sample["annotation_files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["annotations"].as_u64().unwrap_or(0) as usize)
        .sum();
    assert_eq!(notes, 9);
    let un = conventions
        .iter()
        .find(|c| c["convention"] == "un-cybercrime-convention")
        .expect("the UN convention");
    assert!(
        un["drafts"]
            .as_array()
            .expect("drafts")
            .iter()
            .all(|d| d["present"] == false)
    );
    treaty_in(&repo(""))
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("(text not there)"));
}

#[test]
fn completions_and_the_manual_page_cover_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = treaty_in(&repo(""))
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        for cmd in ["parse", "diff", "export", "view", "init", "list"] {
            assert!(text.contains(cmd), "{shell} completions lack {cmd}");
        }
    }
    let man = treaty_in(&repo("")).arg("man").output().expect("runs");
    assert!(man.status.success());
    let man = String::from_utf8_lossy(&man.stdout);
    assert!(
        man.starts_with(".ie") || man.contains(".TH treaty"),
        "{man}"
    );
    assert!(man.contains("history") && man.contains("annotate"));
}

#[test]
fn quiet_keeps_the_texts_warnings_off_standard_error() {
    let budapest = common::corpus().join("coe/budapest-ets185.2012-10-24.md");
    treaty_in(&repo(""))
        .args(["--color", "never", "parse"])
        .arg(&budapest)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning"));
    treaty_in(&repo(""))
        .args(["--quiet", "parse"])
        .arg(&budapest)
        .assert()
        .success()
        .stderr("");
    treaty_in(&repo(""))
        .args(["show", "-q"])
        .arg(&budapest)
        .arg("15")
        .assert()
        .success()
        .stderr("");
}
