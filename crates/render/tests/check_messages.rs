//! Every problem `treaty check` reports, with a snapshot of its message, on the sample
//! convention and on real corpus texts (the Budapest Convention, UNCAC).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

/// A scratch project: an annotations folder and, optionally, a texts folder of our own.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn annotations(&self) -> PathBuf {
        self.dir.path().join("annotations")
    }

    fn texts(&self) -> PathBuf {
        self.dir.path().join("texts")
    }

    fn write(&self, rel: &str, content: &str) -> &Self {
        let path = self.dir.path().join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, content).expect("write");
        self
    }

    /// A convention `real` whose one version, `corpus`, is a corpus text, copied into the
    /// scratch project (a version file must lie inside its convention's folder).
    fn real_text(&self, rel: &str) -> &Self {
        let name = std::path::Path::new(rel)
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let text = String::from_utf8(common::read(rel)).expect("UTF-8");
        self.write(&format!("texts/real/{name}"), &text);
        self.write(
            "texts/real/convention.toml",
            &format!(
                "[convention]\nid = \"real\"\ntitle = \"A corpus text\"\n\n[[versions]]\nlabel = \"corpus\"\nfile = {name:?}\n"
            ),
        )
    }

    /// Run the check the way the CLI does, as plain text, with stable paths.
    fn check(&self, texts: &Path) -> (String, usize) {
        let report =
            treaty_project::check(texts, &self.annotations(), None).expect("the check runs");
        let mut out = Vec::new();
        treaty_render::report::check_text(&report, treaty_render::Style::Plain, &mut out)
            .expect("rendered");
        let text = String::from_utf8(out).expect("UTF-8");
        let root = format!("{}/", self.dir.path().display());
        let repo = format!("{}/", common::root().display());
        (text.replace(&root, "").replace(&repo, ""), report.errors())
    }

    fn check_sample(&self) -> (String, usize) {
        self.check(&repo_texts())
    }
}

fn repo_texts() -> PathBuf {
    common::repo("texts")
}

/// One annotation on the sample's final draft, with one line replaced.
fn sample(replace: &str, with: &str) -> String {
    let base = r#"# A comment that must survive.
[[annotation]]
id = "t-1"
clause = "11.4"
version = "final"
quote = "judicial or other independent review"
author = "Tester"
date = "2024-08-20"
tags = ["safeguards"]
stance = "support"
body = "Good."
"#;
    assert!(base.contains(replace), "{replace}");
    base.replace(replace, with)
}

fn snapshot_sample(name: &str, replace: &str, with: &str) {
    let p = Project::new();
    p.write("annotations/sample/t.toml", &sample(replace, with));
    let (out, errors) = p.check_sample();
    assert_eq!(errors, 1, "{out}");
    insta::assert_snapshot!(name, out);
}

#[test]
fn a_clean_annotation_passes() {
    let p = Project::new();
    p.write("annotations/sample/t.toml", &sample("", ""));
    let (out, errors) = p.check_sample();
    assert_eq!(errors, 0, "{out}");
    assert!(
        out.ends_with("checked 1 annotation in 1 file of 1 convention: 0 errors, 0 warnings\n"),
        "{out}"
    );
}

#[test]
fn malformed_toml() {
    snapshot_sample("toml_syntax", "body = \"Good.\"", "body = \"Good.");
}

#[test]
fn unknown_field() {
    snapshot_sample("unknown_field", "tags =", "tgas =");
}

#[test]
fn missing_field() {
    snapshot_sample("missing_field", "author = \"Tester\"\n", "");
}

#[test]
fn bad_date() {
    snapshot_sample("bad_date", "2024-08-20", "2023-02-29");
}

#[test]
fn unknown_stance() {
    snapshot_sample("unknown_stance", "\"support\"", "\"endorse\"");
}

#[test]
fn bad_clause_id() {
    snapshot_sample("bad_clause_id", "\"11.4\"", "\"Art. 11((4)\"");
}

#[test]
fn wrong_value_type() {
    snapshot_sample("wrong_type", "[\"safeguards\"]", "\"safeguards\"");
}

#[test]
fn clause_that_does_not_exist_suggests_the_closest() {
    snapshot_sample("no_such_clause", "\"11.4\"", "\"11.5\"");
}

#[test]
fn clause_that_exists_in_another_draft_only() {
    // 11.4 was added in the final draft: the revised draft has no 11.4.
    snapshot_sample(
        "no_such_clause_in_version",
        "\"final\"",
        "\"revised-draft\"",
    );
}

#[test]
fn quote_not_found_shows_the_nearest_words() {
    snapshot_sample(
        "quote_not_found",
        "judicial or other independent review",
        "judicial and other independent reviews",
    );
}

#[test]
fn quote_that_moved_to_another_clause() {
    snapshot_sample(
        "quote_elsewhere",
        "judicial or other independent review",
        "the right to privacy",
    );
}

#[test]
fn unknown_version() {
    snapshot_sample("unknown_version", "\"final\"", "\"fianl\"");
}

#[test]
fn duplicate_ids_across_files() {
    let p = Project::new();
    p.write("annotations/sample/a.toml", &sample("", ""))
        .write("annotations/sample/b.toml", &sample("", ""));
    let (out, errors) = p.check_sample();
    assert_eq!(errors, 1, "{out}");
    insta::assert_snapshot!("duplicate_id", out);
}

#[test]
fn ambiguous_quote_on_a_real_text() {
    // "conditions and safeguards" occurs twice in Budapest Art. 15 (15.1 and 15.2).
    let p = Project::new();
    p.real_text("coe/budapest-ets185.2012-10-24.md").write(
        "annotations/real/a.toml",
        "[[annotation]]\nid = \"a\"\nclause = \"Article 15\"\nversion = \"corpus\"\nquote = \"conditions and safeguards\"\nauthor = \"Tester\"\ndate = \"2024\"\nstance = \"question\"\nbody = \"Which one?\"\n",
    );
    let (out, errors) = p.check(&p.texts());
    assert_eq!(errors, 1, "{out}");
    insta::assert_snapshot!("quote_ambiguous", out);
}

#[test]
fn prefix_and_suffix_pick_one_occurrence_on_a_real_text() {
    let p = Project::new();
    p.real_text("coe/budapest-ets185.2012-10-24.md").write(
        "annotations/real/a.toml",
        r#"[[annotation]]
id = "picked"
clause = "15"
version = "corpus"
quote = "conditions and safeguards"
prefix = "Such"
author = "Tester"
date = "2024"
stance = "question"
body = "The second one."

[[annotation]]
id = "wrong-context"
clause = "15"
version = "corpus"
quote = "conditions and safeguards"
prefix = "Those"
author = "Tester"
date = "2024"
stance = "question"
body = "No occurrence follows 'Those'."
"#,
    );
    let (out, errors) = p.check(&p.texts());
    assert_eq!(errors, 1, "{out}");
    insta::assert_snapshot!("quote_context", out);
}

#[test]
fn a_convention_without_its_text_is_a_warning_only() {
    let p = Project::new();
    p.write("annotations/elsewhere/a.toml", &sample("", ""));
    let (out, errors) = p.check(&p.texts());
    assert_eq!(errors, 0, "{out}");
    insta::assert_snapshot!("text_missing", out);
}

#[test]
fn a_broken_manifest_is_reported_in_place() {
    let p = Project::new();
    p.write(
        "texts/real/convention.toml",
        "[convention]\nid = \"real\"\ntitle = \"T\"\n\n[[versions]]\nlabel = \"x\"\nfiel = \"x.txt\"\n",
    )
    .write("annotations/real/a.toml", &sample("", ""));
    let (out, errors) = p.check(&p.texts());
    assert_eq!(errors, 1, "{out}");
    insta::assert_snapshot!("manifest", out);
}

#[test]
fn uncac_quotes_anchor_word_for_word() {
    // Real text, real words: UNCAC article 5 (preventive anti-corruption policies), with
    // the line breaks and spacing of a quote copied from elsewhere.
    let doc = common::parse("un/uncac.2012-11-19.md");
    let node = common::node(&doc, "5.1");
    let words: Vec<&str> = node.text.split_whitespace().take(9).collect();
    let quote = words.join("\n   ");
    let p = Project::new();
    p.real_text("un/uncac.2012-11-19.md").write(
        "annotations/real/a.toml",
        &format!(
            "[[annotation]]\nid = \"u\"\nclause = \"art_5__para_1\"\nversion = \"corpus\"\nquote = '''{quote}'''\nauthor = \"T\"\ndate = \"2024\"\nstance = \"note\"\nbody = \"b\"\n"
        ),
    );
    let (out, errors) = p.check(&p.texts());
    assert_eq!(errors, 0, "{out}");
}
