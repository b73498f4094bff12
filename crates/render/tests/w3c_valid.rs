//! The W3C Web Annotation export passes the npm package validate-web-annotation (the
//! Web Annotation Data Model's JSON schema), run with node on every exported annotation.

mod common;

use std::process::Command;

use treaty_render::export::{self, Format, Selection};

#[test]
fn every_exported_annotation_is_a_valid_web_annotation() {
    let checker = common::repo("tests/js");
    assert!(
        checker
            .join("node_modules/validate-web-annotation")
            .is_dir(),
        "the validator is not installed: run `npm ci --prefix tests/js` (.ci/run does)"
    );
    let e = common::annotated("sample", &common::repo("annotations"));
    let mut out = Vec::new();
    export::write(Format::W3c, &e, &Selection::default(), &mut out).expect("renders");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("annotations.jsonld");
    std::fs::write(&file, &out).expect("write");
    let run = Command::new("node")
        .arg(checker.join("validate.js"))
        .arg(&file)
        .output()
        .expect("node runs (Debian package nodejs)");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "{report}");
    assert!(report.contains("9 of 9 annotations valid"), "{report}");

    // The checker is not a rubber stamp: an annotation without a target fails.
    let mut broken: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    if let Some(item) = broken["first"]["items"][0].as_object_mut() {
        item.remove("target");
    }
    std::fs::write(&file, serde_json::to_vec(&broken).expect("JSON")).expect("write");
    let run = Command::new("node")
        .arg(checker.join("validate.js"))
        .arg(&file)
        .output()
        .expect("node runs");
    assert!(
        !run.status.success(),
        "an annotation without a target passed"
    );
}
