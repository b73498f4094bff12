//! The real binary on the annotation commands: check, annotate add, annotations, show.

use std::fs;
use std::path::{Path, PathBuf};

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

/// A scratch annotations folder holding one hand-written file for the sample.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("sample/mine.toml");
    fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    fs::write(
        &file,
        "# Hand-written notes: keep this comment.\n\n[[annotation]]\nid = \"mine-1\"\nclause = \"6.1\"\nversion = \"final\"\nauthor = \"Me\"\ndate = \"2024\"\nstance = \"note\"\nbody = 'First.'   # a trailing comment\n",
    )
    .expect("write");
    (dir, file)
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".treaty-"))
        .collect()
}

#[test]
fn check_on_the_repository_passes_with_a_warning() {
    treaty()
        .args(["--color", "never", "check"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[text-missing]"))
        .stdout(predicate::str::contains("0 errors, 1 warning"));
}

#[test]
fn check_finds_problems_exits_1_and_speaks_json() {
    let (dir, file) = scratch();
    fs::write(
        &file,
        "[[annotation]]\nid = \"x\"\nclause = \"11.5\"\nversion = \"final\"\nauthor = \"Me\"\ndate = \"2024\"\nstance = \"note\"\nbody = \"b\"\n",
    )
    .expect("write");
    treaty()
        .args(["--color", "never", "check", "--annotations"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[no-such-clause]: there is no clause 11.5",
        ))
        .stdout(predicate::str::contains("mine.toml:3:10"))
        .stdout(predicate::str::contains("did you mean 11.1, 11.2, 11.3?"));
    let out = treaty()
        .args(["check", "--format", "json", "--annotations"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(json["schema"], "treaty-check/1");
    assert_eq!(json["errors"], 1);
    let p = &json["problems"][0];
    assert_eq!(p["code"], "no-such-clause");
    assert_eq!(p["level"], "error");
    assert_eq!(p["annotation"], "x");
    assert_eq!(
        (p["line"].as_u64(), p["column"].as_u64()),
        (Some(3), Some(10))
    );
}

#[test]
fn check_without_an_annotations_folder_is_a_usage_error() {
    treaty()
        .args(["check", "--annotations", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "there is no annotations folder at no/such/folder",
        ));
}

#[test]
fn annotate_add_appends_and_keeps_the_file_as_written() {
    let (dir, file) = scratch();
    let before = fs::read_to_string(&file).expect("read");
    treaty()
        .args(["annotate", "add", "--annotations"])
        .arg(dir.path())
        .args([
            "--file",
            file.to_str().expect("UTF-8 path"),
            "--clause",
            "Art. 11(4)",
            "--author",
            "Me",
            "--stance",
            "support",
            "--quote",
            "judicial or other independent review",
            "--date",
            "2024-08-30",
            "--tag",
            "safeguards",
            "--body",
            "-",
        ])
        .write_stdin("Good to see.\n\n- review is named\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("added me-11-4 to"));
    let after = fs::read_to_string(&file).expect("read");
    assert!(after.starts_with(&before), "{after}");
    assert!(
        after.contains("clause = \"11.4\"\nversion = \"final\""),
        "{after}"
    );
    assert!(
        after.contains("body = \"\"\"\nGood to see.\n\n- review is named\n\"\"\""),
        "{after}"
    );
    assert_eq!(
        temp_files(file.parent().expect("parent")),
        Vec::<String>::new()
    );
    // What was written checks clean.
    treaty()
        .args(["check", "--convention", "sample", "--annotations"])
        .arg(dir.path())
        .assert()
        .code(0);
}

#[test]
fn annotate_add_refuses_a_clause_that_does_not_exist_and_writes_nothing() {
    let (dir, file) = scratch();
    let before = fs::read(&file).expect("read");
    treaty()
        .args(["annotate", "add", "--annotations"])
        .arg(dir.path())
        .args([
            "--file",
            file.to_str().expect("UTF-8 path"),
            "--clause",
            "11.5",
            "--author",
            "Me",
            "--stance",
            "concern",
            "--body",
            "b",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: --clause: there is no clause 11.5 in version `final`",
        ))
        .stderr(predicate::str::contains(
            "help: did you mean 11.1, 11.2, 11.3?",
        ));
    assert_eq!(fs::read(&file).expect("read"), before);
    assert_eq!(
        temp_files(file.parent().expect("parent")),
        Vec::<String>::new()
    );
}

#[test]
fn annotate_add_refuses_a_quote_that_is_not_in_the_clause() {
    let (dir, _) = scratch();
    treaty()
        .args(["annotate", "add", "--annotations"])
        .arg(dir.path())
        .args([
            "--clause",
            "11.4",
            "--author",
            "Someone Else",
            "--stance",
            "concern",
            "--quote",
            "judicial and other independent reviews",
            "--body",
            "b",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the quote does not occur in 11.4"))
        .stderr(predicate::str::contains(
            "\"judicial or other independent review\"",
        ));
    assert!(!dir.path().join("sample/someone-else.toml").exists());
}

#[test]
fn annotate_add_refuses_bad_arguments() {
    let (dir, _) = scratch();
    let add = |args: &[&str]| {
        let mut cmd = treaty();
        cmd.args(["annotate", "add", "--annotations"])
            .arg(dir.path());
        cmd.args(["--author", "Me", "--body", "b"]).args(args);
        cmd.assert()
    };
    add(&["--clause", "11((4)", "--stance", "note"])
        .code(2)
        .stderr(predicate::str::contains("at column 4"));
    add(&["--clause", "11.4", "--stance", "endorse"])
        .code(2)
        .stderr(predicate::str::contains("unknown stance `endorse`"));
    add(&[
        "--clause",
        "11.4",
        "--stance",
        "note",
        "--date",
        "2024-02-30",
    ])
    .code(2)
    .stderr(predicate::str::contains("month 02 of 2024 has 29 days"));
    add(&[
        "--clause",
        "11.4",
        "--stance",
        "note",
        "--version",
        "draft-9",
    ])
    .code(2)
    .stderr(predicate::str::contains("has no version `draft-9`"));
    add(&["--clause", "11.4", "--stance", "note", "--id", "mine-1"])
        .code(2)
        .stderr(predicate::str::contains("`mine-1` is already used"));
}

#[test]
fn annotations_lists_and_filters() {
    treaty()
        .args([
            "annotations",
            "--convention",
            "sample",
            "--stance",
            "support",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("rn-final-11-4-review"))
        .stdout(predicate::str::contains("pa-final-preamble-3"))
        .stdout(predicate::str::contains("question").not());
    treaty()
        .args([
            "annotations",
            "--clause",
            "Article 11",
            "--author",
            "digital rights",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("rn-final-11-4-review"))
        .stdout(predicate::str::contains("rn-final-11-which-safeguards"))
        .stdout(predicate::str::contains("Service Providers").not());
    let out = treaty()
        .args(["annotations", "--tag", "number-mapped", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let list = json["annotations"].as_array().expect("a list");
    assert!(list.len() >= 10, "{}", list.len());
    assert!(
        list.iter()
            .all(|a| a["convention"] == "un-cybercrime-convention")
    );
    assert!(list.iter().any(|a| a["clause"] == "28.4"));
}

#[test]
fn show_with_annotations_marks_the_quoted_words() {
    treaty()
        .args(["show", "texts/sample/final.txt", "11", "--annotations"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "11.4  Such «conditions and safeguards»² shall include «judicial or other independent review»¹, the grounds",
        ))
        .stdout(predicate::str::contains("¹ 11.4  support  Example Digital Rights Network · 2024-08-20"))
        .stdout(predicate::str::contains("on \"conditions and safeguards\" (after \"Such\", before \"shall include\")"));
    treaty()
        .args([
            "--color",
            "always",
            "show",
            "texts/sample/final.txt",
            "11.4",
            "--annotations",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\u{1b}[7mjudicial or other independent review\u{1b}[27m¹",
        ));
    // Commentary written on another draft is listed with a note, not anchored.
    treaty()
        .args([
            "show",
            "texts/sample/final.txt",
            "9",
            "--annotations",
            "--version",
            "revised-draft",
        ])
        .assert()
        .success();
    treaty()
        .args([
            "show",
            "texts/sample/revised-draft.txt",
            "8",
            "--annotations",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("sec-revised-8-1-status"));
}

#[test]
fn control_characters_in_annotation_bodies_are_escaped() {
    let (dir, file) = scratch();
    fs::write(
        &file,
        "[[annotation]]\nid = \"evil\"\nclause = \"6.1\"\nversion = \"final\"\nauthor = \"Me\\u001b]0;pwned\\u0007\"\ndate = \"2024\"\nstance = \"note\"\nbody = \"\\u001b[2Jcleared\"\n",
    )
    .expect("write");
    let out = treaty()
        .args(["show", "texts/sample/final.txt", "6", "--annotations"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}[2Jcleared"), "{text}");
    let listed = treaty()
        .args(["annotations", "--annotations"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        !listed.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&listed)
    );
}

/// Fifty `treaty annotate add` processes at once on one file: every one that reports
/// success has its annotation in the file, and the file stays valid.
#[test]
fn concurrent_adds_lose_nothing() {
    let (dir, file) = scratch();
    let bin = assert_cmd::cargo::cargo_bin("treaty");
    let children: Vec<(usize, std::process::Child)> = (0..50)
        .map(|k| {
            let child = std::process::Command::new(&bin)
                .current_dir(repo())
                .args(["annotate", "add", "--annotations"])
                .arg(dir.path())
                .args(["--file"])
                .arg(&file)
                .args([
                    "--clause",
                    "6.1",
                    "--author",
                    "Me",
                    "--stance",
                    "note",
                    "--id",
                    &format!("writer-{k}"),
                    "--body",
                    &format!("Writer {k} was here."),
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("the binary starts");
            (k, child)
        })
        .collect();
    let mut reported = Vec::new();
    for (k, child) in children {
        let out = child.wait_with_output().expect("it ends");
        let stdout = String::from_utf8_lossy(&out.stdout);
        if out.status.success() {
            assert!(stdout.contains(&format!("added writer-{k}")), "{stdout}");
            reported.push(k);
        }
    }
    let after = fs::read_to_string(&file).expect("read");
    let loaded = treaty_annotate::load(&after);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    for k in &reported {
        assert!(
            loaded
                .annotations
                .iter()
                .any(|a| a.id == format!("writer-{k}")),
            "writer-{k} reported success but is not in the file"
        );
    }
    // With the lock, no writer needs to give up.
    assert_eq!(
        reported.len(),
        50,
        "only {} of 50 were added",
        reported.len()
    );
    assert_eq!(
        temp_files(file.parent().expect("parent")),
        Vec::<String>::new()
    );
}

#[cfg(unix)]
#[test]
fn annotate_add_never_replaces_what_is_not_a_file() {
    let (dir, file) = scratch();
    let add = |target: &Path| {
        let mut cmd = treaty();
        cmd.args(["annotate", "add", "--annotations"])
            .arg(dir.path())
            .arg("--file")
            .arg(target)
            .args(["--clause", "6.1", "--author", "Me", "--stance", "note"])
            .args(["--body", "b"]);
        cmd
    };
    // A FIFO: refused at once, never read (which would block) nor replaced.
    let fifo = dir.path().join("sample/pipe.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    add(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a FIFO, not a regular file"));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::symlink_metadata(&fifo)
            .expect("there")
            .file_type()
            .is_fifo()
    );
    // A symlink: the annotation goes into its target, and the link stays a link.
    let link = dir.path().join("sample/link.toml");
    std::os::unix::fs::symlink(&file, &link).expect("symlink");
    add(&link).assert().success();
    assert!(
        fs::symlink_metadata(&link)
            .expect("there")
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&file)
            .expect("read")
            .contains("body = \"b\"")
    );
}

/// A project from a stranger's pull request: its manifest names a file outside the
/// convention folder, and one annotation file is a symlink out of the project. Neither
/// is read, and nothing of them is printed.
#[cfg(unix)]
#[test]
fn nothing_is_read_from_outside_the_project() {
    let outside = tempfile::tempdir().expect("a temporary folder");
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "Article 1\nThe launch code is swordfish.\n").expect("write");
    let project = tempfile::tempdir().expect("a temporary folder");
    let root = project.path();
    fs::create_dir_all(root.join("texts/evil")).expect("mkdir");
    fs::create_dir_all(root.join("annotations/evil")).expect("mkdir");
    let hops = "../".repeat(12);
    fs::write(
        root.join("texts/evil/convention.toml"),
        format!(
            "[convention]\nid = \"evil\"\ntitle = \"Evil\"\n\n[[versions]]\nlabel = \"v1\"\nfile = \"{hops}{}\"\n",
            secret.display().to_string().trim_start_matches('/')
        ),
    )
    .expect("write");
    fs::write(
        root.join("annotations/evil/notes.toml"),
        "[[annotation]]\nid = \"n1\"\nclause = \"1\"\nversion = \"v1\"\nquote = \"the launch code\"\nauthor = \"X\"\ndate = \"2024\"\nstance = \"note\"\nbody = \"b\"\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(&secret, root.join("annotations/evil/leak.toml")).expect("symlink");
    let out = Command::cargo_bin("treaty")
        .expect("built")
        .current_dir(root)
        .args(["--color", "never", "check"])
        .output()
        .expect("runs");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("swordfish"), "{all}");
    assert!(
        all.contains("is not inside the convention's folder"),
        "{all}"
    );
    assert!(all.contains("outside the annotations folder"), "{all}");
    assert_eq!(out.status.code(), Some(1), "{all}");
}
