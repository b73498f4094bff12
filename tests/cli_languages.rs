//! The real binary on language versions: the UDHR in six languages imported as one
//! draft (`treaty import --language`), compared by `treaty languages`, and read in one
//! language by `diff` and `history`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn treaty() -> Command {
    let mut cmd = Command::cargo_bin("treaty").expect("the treaty binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

fn udhr(file: &str) -> String {
    common::corpus()
        .join("multilingual/udhr")
        .join(file)
        .display()
        .to_string()
}

/// `texts/udhr` with the 1948 text in the given languages, English first.
fn convention(root: &Path, languages: &[&str], form: &str) -> PathBuf {
    let conv = root.join("udhr");
    treaty()
        .args(["import", &udhr(&format!("en.{form}")), "--convention"])
        .arg(&conv)
        .args(["--label", "1948", "--date", "1948-12-10"])
        .assert()
        .success();
    for l in languages {
        treaty()
            .args(["import", &udhr(&format!("{l}.{form}")), "--convention"])
            .arg(&conv)
            .args(["--label", "1948", "--language", l])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("1948.{l}.txt")));
    }
    conv
}

#[test]
fn six_languages_have_one_structure_but_for_the_arabic_editions_missing_recital() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = convention(dir.path(), &["ar", "zh", "fr", "ru", "es"], "txt");
    let manifest = fs::read_to_string(conv.join("convention.toml")).expect("a manifest");
    assert!(manifest.contains("language = \"en\""), "{manifest}");
    assert!(
        manifest.contains("languages = { ar = \"1948.ar.txt\", zh = \"1948.zh.txt\""),
        "{manifest}"
    );
    let out = treaty()
        .arg("languages")
        .arg(&conv)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!(String::from_utf8(out).expect("UTF-8"));
}

#[test]
fn five_languages_agree_and_the_proclamation_is_a_layout_note() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = convention(dir.path(), &["zh", "fr", "ru", "es"], "html");
    let out = treaty()
        .args(["languages", "--format", "json"])
        .arg(&conv)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(json["schema"], "treaty-languages/1");
    assert_eq!(json["structure_differs"], false);
    let c = &json["comparison"];
    assert_eq!(
        c["languages"],
        serde_json::json!(["en", "es", "fr", "ru", "zh"])
    );
    assert_eq!(c["missing"], serde_json::json!([]));
    assert_eq!(c["lengths"], serde_json::json!([]));
    let layout = c["layout"].as_array().expect("a list");
    assert_eq!(layout.len(), 1, "{layout:?}");
    assert_eq!(layout[0]["id"], "preamble");
    let zh = layout[0]["paragraphs"]
        .as_array()
        .expect("counts")
        .iter()
        .find(|p| p["language"] == "zh")
        .expect("zh");
    assert_eq!(zh["paragraphs"], 1);
}

#[test]
fn diff_and_history_read_the_language_asked() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = convention(dir.path(), &["fr"], "txt");
    treaty()
        .arg("history")
        .arg(&conv)
        .args(["1", "--language", "fr"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Tous les êtres humains naissent libres",
        ));
    treaty()
        .arg("history")
        .arg(&conv)
        .arg("1")
        .assert()
        .success()
        .stdout(predicate::str::contains("All human beings are born free"));
    treaty()
        .arg("diff")
        .arg(&conv)
        .args(["1948", "1948", "--language", "ru"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("its languages are en, fr"));
    treaty()
        .args(["diff", &udhr("en.txt"), &udhr("fr.txt"), "--language", "fr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give a convention folder"));
    treaty()
        .arg("diff")
        .arg(&conv)
        .args(["1948", "1948", "--language", "French"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a language code"));
}

#[test]
fn importing_a_language_twice_is_refused_without_force() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = convention(dir.path(), &["fr"], "txt");
    treaty()
        .args(["import", &udhr("fr.txt"), "--convention"])
        .arg(&conv)
        .args(["--label", "1948", "--language", "fr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already lists a `fr` text"));
    treaty()
        .args(["import", &udhr("fr.html"), "--convention"])
        .arg(&conv)
        .args(["--label", "1948", "--language", "fr", "--force"])
        .assert()
        .success();
    // The English text is the default: importing English as a language of it is refused.
    treaty()
        .args(["import", &udhr("en.txt"), "--convention"])
        .arg(&conv)
        .args(["--label", "1948", "--language", "en"])
        .assert()
        .code(2);
}

#[test]
fn a_change_made_in_one_language_only_is_reported() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = dir.path().join("pact");
    fs::create_dir(&conv).expect("a folder");
    let en = "Pact\n\nArticle 1\nScope\n\n1. This Pact applies to every State Party.\n\n2. It applies in peace and in war.\n";
    let fr = "Pacte\n\nArticle premier\nChamp d’application\n\n1. Le présent Pacte s’applique à tout État partie.\n\n2. Il s’applique en temps de paix comme en temps de guerre.\n";
    let en_new = en.replace("in peace and in war", "in peace and in time of war");
    let fr_new = fr.replace("comme", "aussi bien qu’");
    for (file, text) in [
        ("zero.txt", en),
        ("zero.fr.txt", fr),
        ("final.txt", en_new.as_str()),
        ("final.fr.txt", fr),
    ] {
        fs::write(conv.join(file), text).expect("written");
    }
    let manifest = "[convention]\nid = \"pact\"\ntitle = \"Pact\"\n\n[[versions]]\nlabel = \"zero\"\nfile = \"zero.txt\"\nlanguage = \"en\"\nlanguages = { fr = \"zero.fr.txt\" }\n\n[[versions]]\nlabel = \"final\"\nlanguages = { en = \"final.txt\", fr = \"final.fr.txt\" }\n";
    fs::write(conv.join("convention.toml"), manifest).expect("written");
    treaty()
        .arg("languages")
        .arg(&conv)
        .args(["--between", "zero", "final"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("1.2: changed in en, not in fr"))
        .stdout(predicate::str::contains(
            "1 clause changed in some languages only",
        ));
    // Once the French text carries the change too, every change is in every language.
    fs::write(conv.join("final.fr.txt"), fr_new).expect("written");
    treaty()
        .arg("languages")
        .arg(&conv)
        .args(["--between", "zero", "final", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"uneven\": []"));
}

#[test]
fn a_manifest_whose_languages_contradict_each_other_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = dir.path().join("pact");
    fs::create_dir(&conv).expect("a folder");
    fs::write(conv.join("a.txt"), "Article 1\n\nText.\n").expect("written");
    fs::write(
        conv.join("convention.toml"),
        "[convention]\nid = \"pact\"\ntitle = \"Pact\"\n\n[[versions]]\nlabel = \"zero\"\nfile = \"a.txt\"\nlanguages = { fr = \"a.fr.txt\" }\n",
    )
    .expect("written");
    treaty()
        .arg("languages")
        .arg(&conv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("version `zero` lists languages"));
}

/// A small pact in English, Arabic and French, with an annotation written on the
/// French text.
fn pact(root: &Path) -> PathBuf {
    let texts = root.join("texts");
    let conv = texts.join("pact");
    fs::create_dir_all(&conv).expect("a folder");
    fs::create_dir_all(root.join("annotations/pact")).expect("a folder");
    fs::write(
        conv.join("final.txt"),
        "Pact on Data\n\nArticle 1\nScope\n\n1. This Pact applies to every State Party.\n\n2. It applies to all data & records held.\n\nArticle 2\nSafeguards\n\nEach State Party shall protect privacy.\n",
    )
    .expect("written");
    fs::write(
        conv.join("final.ar.txt"),
        "ميثاق البيانات\n\nالمادة 1\nالنطاق\n\n1. ينطبق هذا الميثاق على كل دولة طرف.\n\n2. وينطبق على جميع البيانات المحفوظة.\n\nالمادة 2\nالضمانات\n\nتحمي كل دولة طرف الخصوصية.\n",
    )
    .expect("written");
    fs::write(
        conv.join("final.fr.txt"),
        "Pacte sur les données\n\nArticle premier\nChamp d’application\n\n1. Le présent Pacte s’applique à tout État partie.\n\n2. Il s’applique à toutes les données détenues.\n\nArticle 2\nGaranties\n\nChaque État partie protège la vie privée.\n",
    )
    .expect("written");
    fs::write(
        conv.join("convention.toml"),
        "[convention]\nid = \"pact\"\ntitle = \"Pact on Data\"\n\n[[versions]]\nlabel = \"final\"\nfile = \"final.txt\"\nlanguage = \"en\"\nlanguages = { ar = \"final.ar.txt\", fr = \"final.fr.txt\" }\n",
    )
    .expect("written");
    fs::write(
        root.join("annotations/pact/ngo.toml"),
        "[[annotation]]\nid = \"ngo-1\"\nclause = \"2\"\nversion = \"final\"\nlanguage = \"fr\"\nquote = \"la vie privée\"\nauthor = \"NGO\"\ndate = \"2024-01-01\"\nstance = \"concern\"\nbody = \"*Privacy* is <narrower> than the English text suggests.\"\n",
    )
    .expect("written");
    conv
}

#[test]
fn the_parallel_export_sets_each_language_in_its_column() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = pact(dir.path());
    let out = treaty()
        .current_dir(dir.path())
        .arg("export")
        .arg(&conv)
        .args(["--format", "html", "--languages", "en,ar,fr"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).expect("UTF-8");
    assert!(html.contains("<td lang=\"ar\" dir=\"rtl\"><span class=\"id\">2</span>"));
    assert!(html.contains("data &amp; records"), "user text is escaped");
    assert!(!html.contains("<narrower>"), "annotation HTML is sanitised");
    assert!(html.contains("default-src 'none'"));
    insta::assert_snapshot!(html);
}

#[test]
fn commentary_shows_in_every_language_its_quote_only_in_its_own() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = pact(dir.path());
    treaty()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
    treaty()
        .current_dir(dir.path())
        .arg("show")
        .arg(conv.join("final.fr.txt"))
        .args(["2", "--annotations"])
        .assert()
        .success()
        .stdout(predicate::str::contains("«la vie privée»¹"))
        .stdout(predicate::str::contains("Written on").not());
    treaty()
        .current_dir(dir.path())
        .arg("show")
        .arg(conv.join("final.txt"))
        .args(["2", "--annotations"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Written on the `fr` text."))
        .stdout(predicate::str::contains("«").not());
    let md = treaty()
        .current_dir(dir.path())
        .arg("export")
        .arg(&conv)
        .args(["--language", "ar", "--clauses", "2"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).expect("UTF-8");
    assert!(md.contains("تحمي كل دولة طرف الخصوصية"), "{md}");
    assert!(md.contains("Written on the \\`fr\\` text."), "{md}");
}

#[test]
fn an_annotation_on_a_language_the_draft_lacks_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    pact(dir.path());
    let file = dir.path().join("annotations/pact/ngo.toml");
    let text = fs::read_to_string(&file).expect("read");
    fs::write(
        &file,
        text.replace("language = \"fr\"", "language = \"de\""),
    )
    .expect("written");
    treaty()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("version `final` has no `de` text"))
        .stdout(predicate::str::contains("its languages are en, ar, fr"));
    fs::write(
        &file,
        text.replace("language = \"fr\"", "language = \"French\""),
    )
    .expect("written");
    treaty()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("`French` is not a language code"));
    // A quote in English checked against the French text is not there.
    fs::write(&file, text.replace("la vie privée", "privacy")).expect("written");
    treaty()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("final (fr)"));
}

#[test]
fn the_viewer_switches_language_and_sets_arabic_right_to_left() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conv = pact(dir.path());
    let dump = |keys: &str| {
        let out = treaty()
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .arg("view")
            .arg(&conv)
            .args(["--dump", "110x12", "--keys", keys])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("UTF-8")
    };
    // Beside the English, the Arabic, in reading order against the right edge.
    let split = dump(":1.1<Enter>p");
    assert!(split.contains("[en | ar]"), "{split}");
    insta::assert_snapshot!("split_en_ar", split);
    // `p` again: the French beside it.
    assert!(dump(":1.1<Enter>pp").contains("Le présent Pacte"));
    // `L`: the Arabic text itself, and the French annotation marked on it.
    let arabic = dump(":2<Enter>L");
    assert!(arabic.contains("Reading the `ar` text."), "{arabic}");
    assert!(arabic.contains("Written on the `fr` text."), "{arabic}");
    insta::assert_snapshot!("arabic", arabic);
    // The same from the command line.
    let opened = treaty()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .arg("view")
        .arg(&conv)
        .args([
            "--language",
            "fr",
            "--dump",
            "110x12",
            "--keys",
            ":2<Enter>",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(opened)
            .expect("UTF-8")
            .contains("Chaque État partie")
    );
}
