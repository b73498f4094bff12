//! Article alignment against a hand-made truth: for each of the 85 articles of the EU AI
//! Act proposal, the final article(s) it became (../shared/corpus/eu-ai-act/
//! alignment-proposal-to-final.tsv). Prints the score and every miss; run with
//! `cargo test -p treaty-diff --test alignment -- --nocapture` to read them.

use std::collections::{BTreeMap, BTreeSet};

use treaty_diff::{ConventionDiff, Status};
use treaty_formats::Format;
use treaty_model::{Document, Draft};

fn import(rel: &str, format: Format) -> Draft {
    let bytes = treaty_testdata::read(rel);
    let text = treaty_formats::import(&bytes, format)
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .text;
    let doc = treaty_parse::parse_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Draft::new(rel, rel, text, doc)
}

/// Each proposal article with a counterpart: (relation, the final articles, main first).
fn truth() -> BTreeMap<String, (String, Vec<String>)> {
    let tsv = String::from_utf8(treaty_testdata::read(
        "eu-ai-act/alignment-proposal-to-final.tsv",
    ))
    .expect("UTF-8");
    tsv.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let finals: Vec<String> = f
                .get(3)?
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            Some((f[0].to_owned(), (f[2].to_owned(), finals)))
        })
        .collect()
}

fn articles(doc: &Document) -> BTreeSet<String> {
    doc.articles().map(|n| n.id.to_string()).collect()
}

/// Every (old, new) pair of units the diff puts together; units it does not list are
/// unchanged and paired with themselves.
fn pairs(d: &ConventionDiff, old: &Document, new: &Document) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut listed = BTreeSet::new();
    for u in &d.units {
        for o in &u.old {
            listed.insert(o.to_string());
            for n in &u.new {
                out.insert((o.to_string(), n.to_string()));
            }
        }
    }
    let new_articles = articles(new);
    for a in articles(old) {
        if !listed.contains(&a) && new_articles.contains(&a) {
            out.insert((a.clone(), a));
        }
    }
    out
}

struct Score {
    recall: f64,
    precision: f64,
    misses: Vec<String>,
    wrong: Vec<String>,
}

fn score(old: &Draft, new: &Draft) -> Score {
    let d = treaty_diff::diff(&old.into(), &new.into());
    let truth = truth();
    let pairs = pairs(&d, &old.doc, &new.doc);
    let old_articles = articles(&old.doc);
    let mut found = 0;
    let mut expected = 0;
    let mut misses = Vec::new();
    for (p, (relation, finals)) in &truth {
        if relation == "deleted" || finals.is_empty() {
            continue;
        }
        expected += 1;
        let targets: Vec<&String> = match relation.as_str() {
            "same" => vec![&finals[0]],
            _ => finals.iter().collect(),
        };
        let hit = pairs.iter().any(|(o, n)| o == p && targets.contains(&n));
        if hit {
            found += 1;
        } else {
            let what: Vec<String> = pairs
                .iter()
                .filter(|(o, _)| o == p)
                .map(|(_, n)| n.clone())
                .collect();
            misses.push(format!(
                "Art. {p} ({relation} → {}): paired with {what:?}",
                finals.join(", ")
            ));
        }
    }
    let article_pairs: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(o, _)| old_articles.contains(o))
        .collect();
    let mut wrong = Vec::new();
    for (o, n) in &article_pairs {
        let ok = truth
            .get(o)
            .is_some_and(|(_, finals)| finals.iter().any(|f| f == n));
        if !ok {
            wrong.push(format!("Art. {o} → {n}"));
        }
    }
    let units_with = |s: Status| d.units.iter().filter(|u| u.status == s).count();
    println!(
        "{} → {}: {} split, {} merged, {} inserted, {} deleted units",
        old.label,
        new.label,
        units_with(Status::Split),
        units_with(Status::Merged),
        units_with(Status::Inserted),
        units_with(Status::Deleted)
    );
    Score {
        recall: found as f64 / expected as f64,
        precision: (article_pairs.len() - wrong.len()) as f64 / article_pairs.len().max(1) as f64,
        misses,
        wrong,
    }
}

fn report(s: &Score) {
    println!("recall {:.3}, precision {:.3}", s.recall, s.precision);
    for m in &s.misses {
        println!("  missed: {m}");
    }
    for w in &s.wrong {
        println!("  wrong:  {w}");
    }
}

#[test]
fn ai_act_proposal_to_final_finds_the_articles_that_continue() {
    let old = import("eu-ai-act/proposal-2021.structured.akn.xml", Format::Akn);
    let new = import("eu-ai-act/final-2024.formex.xml", Format::Formex);
    let s = score(&old, &new);
    report(&s);
    assert!(s.recall >= 0.95, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.98, "precision {:.3}", s.precision);
}

#[test]
fn the_same_acts_in_other_formats_align_as_well() {
    for (old, new) in [
        (
            ("eu-ai-act/01-proposal-2021.akn.xml", Format::Akn),
            ("eu-ai-act/03-final-2024.akn.xml", Format::Akn),
        ),
        (
            ("eu-ai-act/01-proposal-2021.akn.xml", Format::Akn),
            ("eu-ai-act/final-2024.formex.xml", Format::Formex),
        ),
        (
            ("eu-ai-act/proposal-2021.eurlex.xhtml", Format::EurLex),
            ("eu-ai-act/final-2024.formex.xml", Format::Formex),
        ),
        (
            ("eu-ai-act/proposal-2021.eurlex.xhtml", Format::EurLex),
            ("eu-ai-act/03-final-2024.akn.xml", Format::Akn),
        ),
    ] {
        let s = score(&import(old.0, old.1), &import(new.0, new.1));
        report(&s);
        assert!(
            s.recall >= 0.95,
            "{} → {}: recall {:.3}",
            old.0,
            new.0,
            s.recall
        );
        assert!(
            s.precision >= 0.98,
            "{} → {}: precision {:.3}",
            old.0,
            new.0,
            s.precision
        );
    }
}
