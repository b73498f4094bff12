//! The shipped annotation files: they load cleanly, survive a load/save untouched, and
//! keep every byte when an annotation is appended. Plus the same for arbitrary values.

use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;
use treaty_annotate::{Annotation, Locations, PartialDate, Stance, append, load};

fn shipped() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../annotations");
    let mut out = Vec::new();
    for conv in fs::read_dir(&root)
        .expect("annotations/ is there")
        .flatten()
    {
        if !conv.path().is_dir() {
            continue;
        }
        for f in fs::read_dir(conv.path())
            .expect("a convention folder")
            .flatten()
        {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "toml") {
                let text = fs::read_to_string(&p).expect("UTF-8");
                out.push((p.display().to_string(), text));
            }
        }
    }
    out.sort();
    assert!(
        out.len() >= 10,
        "expected the shipped files, found {}",
        out.len()
    );
    out
}

fn example(id: &str) -> Annotation {
    Annotation {
        id: id.to_owned(),
        clause: "47.1.c".parse().expect("an ID"),
        version: "final".to_owned(),
        language: None,
        quote: Some("for analytical or investigative purposes".to_owned()),
        prefix: None,
        suffix: Some(";".to_owned()),
        author: "Tester".to_owned(),
        source: Some("https://example.org/".to_owned()),
        date: "2024-08".parse().expect("a date"),
        tags: vec!["a".to_owned(), "b c".to_owned()],
        stance: Stance::Proposal,
        body: "Line one with \"quotes\".\n\n- a list item\n".to_owned(),
        at: Locations::default(),
    }
}

#[test]
fn shipped_files_load_without_problems() {
    for (name, text) in shipped() {
        let f = load(&text);
        assert_eq!(f.problems, vec![], "{name}");
        assert!(!f.annotations.is_empty(), "{name}");
    }
}

#[test]
fn load_then_save_is_byte_for_byte() {
    for (name, text) in shipped() {
        let doc: toml_edit::DocumentMut = text.parse().expect("valid TOML");
        assert_eq!(doc.to_string(), text, "{name}");
    }
}

#[test]
fn appending_keeps_every_byte_and_comment_of_the_file() {
    for (name, text) in shipped() {
        let before = load(&text).annotations;
        let added = example("zz-new");
        let out = append(&text, &added).expect("appended");
        assert!(
            out.starts_with(&text),
            "{name}: the original text was changed"
        );
        let after = load(&out);
        assert_eq!(after.problems, vec![], "{name}");
        assert_eq!(after.annotations.len(), before.len() + 1, "{name}");
        let mut last = after.annotations.last().cloned().expect("one more");
        last.at = Locations::default();
        assert_eq!(last, added, "{name}");
    }
}

#[test]
fn an_appended_annotation_reads_like_a_hand_written_one() {
    let out = append("# My notes\n", &example("n-1")).expect("appended");
    insta::assert_snapshot!(out);
}

fn text() -> impl Strategy<Value = String> {
    // Any text a person might type, including quotes, backslashes, newlines and controls.
    "[a-zA-Z0-9 \"'\\\\\n\t\u{1b}éß€—“”]{1,40}".prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #[test]
    fn any_annotation_round_trips_through_its_file(
        id in "[a-z][a-z0-9-]{0,20}",
        quote in proptest::option::of(text()),
        author in text(),
        body in text(),
        tags in proptest::collection::vec(text(), 0..3),
        stance in proptest::sample::select(Stance::ALL.to_vec()),
        year in 1900u16..2100,
    ) {
        let a = Annotation {
            id,
            clause: "6.2".parse().expect("an ID"),
            version: "v".to_owned(),
            language: Some("fr".to_owned()),
            quote,
            prefix: None,
            suffix: None,
            author: author.trim().to_owned(),
            source: None,
            date: PartialDate { year, month: None, day: None },
            tags,
            stance,
            body,
            at: Locations::default(),
        };
        let out = append("", &a).expect("appended");
        let f = load(&out);
        prop_assert_eq!(f.problems, vec![], "{}", out);
        let mut back = f.annotations[0].clone();
        back.at = Locations::default();
        prop_assert_eq!(back, a);
    }
}
