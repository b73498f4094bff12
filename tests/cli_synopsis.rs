//! The real binary on `treaty synopsis`, with the bundled sample.

use assert_cmd::Command;
use predicates::prelude::*;

fn treaty() -> Command {
    let mut cmd = Command::cargo_bin("treaty").expect("the treaty binary is built");
    cmd.env_remove("NO_COLOR");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

#[test]
fn the_sample_lines_up_in_every_format() {
    treaty()
        .args(["synopsis", "texts/sample", "--format", "concordance"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "zero-draft | revised-draft | final\n",
        ))
        .stdout(predicate::str::contains("Art. 9 | Art. 10 | Art. 11\n"))
        .stdout(predicate::str::contains(
            "Art. 11 ← Art. 9 (zero-draft), Art. 10 (revised-draft)",
        ));
    treaty()
        .args(["synopsis", "texts/sample", "--articles", "11", "--changed"])
        .assert()
        .success()
        .stdout(predicate::str::contains("| — → — → 11.4 |"))
        .stdout(predicate::str::contains("| 1 → 1 → 1 |").not());
    for format in ["md", "html", "csv", "json", "concordance"] {
        treaty()
            .args(["synopsis", "texts/sample", "--format", format])
            .assert()
            .success();
    }
}

#[test]
fn the_page_is_written_atomically_where_asked() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let page = dir.path().join("synopsis.html");
    treaty()
        .args(["synopsis", "texts/sample", "--format", "html", "-o"])
        .arg(&page)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    let html = std::fs::read_to_string(&page).expect("written");
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("annotation-rn-final-11-4-review"));
}

#[test]
fn bad_requests_say_what_to_do() {
    treaty()
        .args(["synopsis", "texts/sample", "--articles", "99"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no clause of texts/sample is in article 99",
        ));
    treaty()
        .args(["synopsis", "texts/sample", "--csv-raw"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--csv-raw works with --format csv only",
        ));
    treaty()
        .args(["synopsis", "texts/nowhere"])
        .assert()
        .code(2);
}

#[test]
fn the_viewer_sets_a_clause_in_every_draft_side_by_side() {
    let dump = |size: &str| {
        let out = treaty()
            .env("NO_COLOR", "1")
            .args([
                "view",
                "texts/sample",
                "--dump",
                size,
                "--keys",
                ":11.4<Enter>S",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("UTF-8")
    };
    let wide = dump("120x30");
    assert!(wide.contains("11.4 in every draft, side by side"), "{wide}");
    // The three drafts on one line: columns.
    assert!(
        wide.lines().any(|l| l.contains("zero-draft · —")
            && l.contains("revised-draft · —")
            && l.contains("final · 11.4")),
        "{wide}"
    );
    insta::assert_snapshot!("synopsis_popup_120x30", wide);
    // Too narrow for three columns: one draft after another.
    let narrow = dump("60x30");
    assert!(
        !narrow
            .lines()
            .any(|l| l.contains("zero-draft") && l.contains("final"))
    );
}
