//! `treaty view` through the real binary, without a terminal: what it refuses and why.

use assert_cmd::Command;
use predicates::prelude::*;

fn treaty() -> Command {
    let mut cmd = Command::cargo_bin("treaty").expect("the treaty binary is built");
    cmd.env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

#[test]
fn without_a_terminal_it_says_how_to_print_a_frame() {
    treaty()
        .arg("view")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "treaty view needs a terminal; to print one frame as text use --dump WIDTHxHEIGHT",
        ));
    treaty()
        .args(["view", "--dump", "80x24", "--keys", ":Art. 11(4)<Enter>"])
        .assert()
        .success()
        .stdout(predicate::str::contains("11.4 · 12/17 · sample · final"));
    treaty()
        .args(["view", "--dump", "eighty"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write the size as WIDTHxHEIGHT"));
    treaty()
        .args(["view", "--dump", "80x24", "--keys", "<Nope>"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown key <Nope>"));
    treaty()
        .args(["view", "texts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("texts is not a convention folder"));
}

#[test]
fn bad_annotation_files_are_reported_before_the_screen_is_taken() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let texts = dir.path().join("texts");
    let notes = dir.path().join("annotations/sample");
    std::fs::create_dir_all(&notes).expect("mkdir");
    let copy = |from: &str, to: &std::path::Path| {
        std::fs::create_dir_all(to.parent().expect("a parent")).expect("mkdir");
        std::fs::copy(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(from),
            to,
        )
        .expect("copy");
    };
    for f in [
        "convention.toml",
        "zero-draft.txt",
        "revised-draft.txt",
        "final.txt",
    ] {
        copy(&format!("texts/sample/{f}"), &texts.join("sample").join(f));
    }
    std::fs::write(
        notes.join("broken.toml"),
        "[[annotation]]\nid = \"x\"\nclause = \"6.1\"\nversion = \"final\"\nauthr = \"Typo\"\ndate = \"2024\"\nstance = \"concern\"\nbody = \"b\"\n",
    )
    .expect("write");
    treaty()
        .current_dir(dir.path())
        .args(["view", "texts/sample", "--dump", "80x24"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("broken.toml:5:1"))
        .stderr(predicate::str::contains("author"))
        .stderr(predicate::str::contains("fix the annotation files above"));
}
