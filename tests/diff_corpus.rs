//! Structural diffs on real drafts: the facts in ../shared/corpus/README.md, the planted
//! changes of the sample convention, and invariants no diff may break.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use treaty_diff::{ConventionDiff, Status, Version, Word, diff};
use treaty_model::Document;

struct Text {
    label: String,
    source: String,
    doc: Document,
}

impl Text {
    fn corpus(rel: &str) -> Self {
        let bytes = common::read(rel);
        Self::from_bytes(rel, &bytes)
    }

    fn sample(label: &str) -> Self {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("texts/sample/{label}.txt"));
        let bytes = std::fs::read(&path).expect("the sample is there");
        Self::from_bytes(label, &bytes)
    }

    fn from_bytes(label: &str, bytes: &[u8]) -> Self {
        let source = String::from_utf8(bytes.to_vec()).expect("UTF-8");
        let doc = treaty_parse::parse_str(&source).expect("parses");
        Self {
            label: label.to_owned(),
            source,
            doc,
        }
    }

    fn version(&self) -> Version<'_> {
        Version {
            label: &self.label,
            doc: &self.doc,
            source: &self.source,
        }
    }
}

fn between(a: &Text, b: &Text) -> ConventionDiff {
    diff(&a.version(), &b.version())
}

/// The substantive units as (status, old IDs, new IDs).
fn units(d: &ConventionDiff) -> Vec<(Status, String, String)> {
    let ids = |v: &[treaty_model::ClauseId]| {
        v.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    d.substantive()
        .map(|u| (u.status, ids(&u.old), ids(&u.new)))
        .collect()
}

fn u(status: Status, old: &str, new: &str) -> (Status, String, String) {
    (status, old.to_owned(), new.to_owned())
}

#[test]
fn anti_doping_2015_06_has_exactly_one_change() {
    let d = between(
        &Text::corpus("coe/anti-doping-ets135.2015-06-11.md"),
        &Text::corpus("coe/anti-doping-ets135.2015-06-25.md"),
    );
    assert_eq!(units(&d), vec![u(Status::Changed, "7", "7")]);
    let clauses = &d.units[0].clauses;
    assert_eq!(clauses.len(), 1);
    let c = &clauses[0];
    assert_eq!(
        (c.old.as_ref().map(|i| i.as_str()), c.status),
        (Some("7.2.e"), Status::Changed)
    );
    let changes: Vec<&Word> = c
        .words
        .iter()
        .filter(|w| !matches!(w, Word::Equal(_)))
        .collect();
    assert_eq!(
        changes,
        vec![
            &Word::Delete("antidoping".into()),
            &Word::Insert("anti-doping".into())
        ]
    );
    assert_eq!(d.summary.changed_words, 2);
}

#[test]
fn budapest_2007_to_2012_has_only_formatting_changes() {
    let d = between(
        &Text::corpus("coe/budapest-ets185.2007-03-01.md"),
        &Text::corpus("coe/budapest-ets185.2012-10-24.md"),
    );
    assert!(d.is_empty(), "{:?}", units(&d));
    assert!(d.summary.formatting > 10, "{:?}", d.summary);
    // The formatting changes carry both sources: links were added around treaty names.
    let art10 = d
        .units
        .iter()
        .find(|u| u.new.iter().any(|i| i.as_str() == "10"))
        .expect("Article 10 has formatting changes");
    let f = art10.clauses[0].formatting.as_ref().expect("both sources");
    assert!(
        !f[0].contains("](") && f[1].contains("[WIPO Copyright Treaty]("),
        "{f:?}"
    );
}

#[test]
fn sample_zero_to_revised_finds_every_planted_change_and_nothing_else() {
    let d = between(&Text::sample("zero-draft"), &Text::sample("revised-draft"));
    let mut want = vec![u(Status::Changed, "3", "3"), u(Status::Inserted, "", "4")];
    for n in 4..=12 {
        want.push(u(Status::Renumbered, &n.to_string(), &(n + 1).to_string()));
    }
    assert_eq!(units(&d), want);
    let moved: Vec<_> = d
        .units
        .iter()
        .flat_map(|u| &u.clauses)
        .filter(|c| c.status == Status::Moved)
        .map(|c| {
            (
                c.old.as_ref().map(ToString::to_string),
                c.new.as_ref().map(ToString::to_string),
                c.changed,
            )
        })
        .collect();
    assert_eq!(moved, vec![(Some("8.3".into()), Some("10.3".into()), true)]);
    // The references that followed the renumbering changed; the stale one (11(2)) did not.
    let changed: Vec<String> = d
        .units
        .iter()
        .flat_map(|u| &u.clauses)
        .filter(|c| c.status == Status::Changed)
        .filter_map(|c| c.new.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(changed, ["3.1", "9.2", "11.1"]);
}

#[test]
fn sample_revised_to_final_finds_the_split_the_settled_brackets_and_the_new_safeguard() {
    let d = between(&Text::sample("revised-draft"), &Text::sample("final"));
    assert_eq!(
        units(&d),
        vec![
            u(Status::Changed, "6", "6"),
            u(Status::Changed, "8", "8"),
            u(Status::Split, "9", "9,10"),
            u(Status::Renumbered, "10", "11"),
            u(Status::Renumbered, "11", "12"),
            u(Status::Renumbered, "12", "13"),
            u(Status::Renumbered, "13", "14"),
        ]
    );
    let clause = |unit: usize, id: &str| {
        d.substantive().nth(unit).and_then(|u| {
            u.clauses
                .iter()
                .find(|c| {
                    c.new
                        .as_ref()
                        .or(c.old.as_ref())
                        .is_some_and(|i| i.as_str() == id)
                })
                .cloned()
        })
    };
    let brackets = clause(0, "6.1").expect("6.1 changed");
    assert_eq!(
        brackets.negotiation.as_ref().map(|n| n.old_bracketed.len()),
        Some(2)
    );
    assert!(
        brackets
            .words
            .iter()
            .any(|w| matches!(w, Word::Delete(t) if t.trim() == "dishonestly")),
        "{:?}",
        brackets.words
    );
    let marker = clause(1, "8.1").expect("8.1 changed");
    assert_eq!(
        marker.negotiation.map(|n| n.old_markers),
        Some(vec!["agreed ad referendum".to_owned()])
    );
    assert!(marker.words.is_empty());
    let safeguard = clause(3, "11.4").expect("11.4");
    assert_eq!(safeguard.status, Status::Inserted);
}

#[test]
fn a_diff_and_its_reverse_mirror_each_other() {
    for (a, b) in [
        (Text::sample("zero-draft"), Text::sample("final")),
        (
            Text::corpus("coe/anti-doping-ets135.2014-08-26.md"),
            Text::corpus("coe/anti-doping-ets135.2015-06-11.md"),
        ),
    ] {
        let f = between(&a, &b).summary;
        let r = between(&b, &a).summary;
        assert_eq!((f.inserted, f.deleted), (r.deleted, r.inserted));
        assert_eq!((f.split, f.merged), (r.merged, r.split));
        assert_eq!(
            (f.changed, f.renumbered, f.moved_clauses),
            (r.changed, r.renumbered, r.moved_clauses)
        );
        assert_eq!(f.changed_words, r.changed_words);
    }
}

#[test]
fn a_text_against_itself_is_empty() {
    for rel in common::texts() {
        let t = Text::corpus(&rel);
        let d = between(&t, &t);
        assert!(d.units.is_empty(), "{rel}: {:?}", units(&d));
    }
}

/// Alphanumeric runs: what a plain word diff counts.
fn runs(text: &str, into: &mut HashMap<String, i64>, sign: i64) {
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *into.entry(w.to_owned()).or_default() += sign;
    }
}

#[test]
fn no_word_is_lost_across_consecutive_anti_doping_versions() {
    let dates = [
        "2011-01-01",
        "2013-01-01",
        "2014-01-01",
        "2014-02-03",
        "2014-08-26",
        "2015-06-11",
        "2015-06-25",
    ];
    for pair in dates.windows(2) {
        let a = Text::corpus(&format!("coe/anti-doping-ets135.{}.md", pair[0]));
        let b = Text::corpus(&format!("coe/anti-doping-ets135.{}.md", pair[1]));
        // What a plain word diff of the two texts must add and remove ...
        let mut plain = HashMap::new();
        for (doc, sign) in [(&b.doc, 1), (&a.doc, -1)] {
            for n in doc.walk() {
                runs(&treaty_model::normalised(&n.own_text()), &mut plain, sign);
            }
        }
        plain.retain(|_, v| *v != 0);
        // ... is what the structural diff adds and removes.
        let mut structural = HashMap::new();
        for c in between(&a, &b).units.iter().flat_map(|u| &u.clauses) {
            for w in &c.words {
                match w {
                    Word::Insert(t) => runs(t, &mut structural, 1),
                    Word::Delete(t) => runs(t, &mut structural, -1),
                    Word::Equal(_) => {}
                }
            }
        }
        structural.retain(|_, v| *v != 0);
        assert_eq!(structural, plain, "{} → {}", pair[0], pair[1]);
    }
}

#[test]
fn eu_ai_act_proposal_to_final_keeps_article_5() {
    let import = |rel: &str| {
        let bytes = common::read(rel);
        let imp = treaty_formats::import(&bytes, treaty_formats::Format::Akn).expect("imports");
        Text::from_bytes(rel, imp.text.as_bytes())
    };
    let a = import("eu-ai-act/proposal-2021.structured.akn.xml");
    let b = import("eu-ai-act/03-final-2024.akn.xml");
    let d = between(&a, &b);
    let art5 = d
        .units
        .iter()
        .find(|u| u.old.iter().any(|i| i.as_str() == "5"))
        .expect("Article 5 of the proposal is matched or listed");
    assert_eq!(art5.status, Status::Changed, "{:?}", art5.new);
    assert_eq!(
        art5.new.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["5"]
    );
    let proposal_articles = a.doc.articles().count();
    let deleted_articles = d
        .units
        .iter()
        .filter(|u| {
            u.status == Status::Deleted && u.old_label.iter().all(|l| l.starts_with("Art."))
        })
        .count();
    let matched = proposal_articles - deleted_articles;
    println!(
        "EU AI Act proposal → final: {matched} of {proposal_articles} proposal articles matched"
    );
    assert!(matched >= 40, "{matched}");
}
