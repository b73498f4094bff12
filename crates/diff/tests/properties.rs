//! Invariants of the diff on generated conventions: a text against itself is empty, and
//! a diff and its reverse mirror each other.

use proptest::prelude::*;
use treaty_diff::{Version, diff};

const WORDS: [&str; 16] = [
    "State",
    "Party",
    "shall",
    "adopt",
    "measures",
    "data",
    "offence",
    "evidence",
    "cooperate",
    "provider",
    "order",
    "request",
    "safeguards",
    "review",
    "law",
    "rights",
];

fn article() -> impl Strategy<Value = Vec<Vec<usize>>> {
    // Paragraphs of word indexes.
    proptest::collection::vec(proptest::collection::vec(0..WORDS.len(), 4..14), 1..4)
}

fn render(articles: &[Vec<Vec<usize>>]) -> String {
    let mut out = String::from("Generated Convention\n\n");
    for (k, a) in articles.iter().enumerate() {
        out.push_str(&format!("Article {}\n", k + 1));
        for (p, words) in a.iter().enumerate() {
            let text: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
            out.push_str(&format!("{}. {}.\n", p + 1, text.join(" ")));
        }
        out.push('\n');
    }
    out
}

fn run(a: &str, b: &str) -> treaty_diff::ConventionDiff {
    let da = treaty_parse::parse_str(a).expect("parses");
    let db = treaty_parse::parse_str(b).expect("parses");
    diff(
        &Version {
            label: "a",
            doc: &da,
            source: a,
        },
        &Version {
            label: "b",
            doc: &db,
            source: b,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_text_against_itself_is_empty(arts in proptest::collection::vec(article(), 1..12)) {
        let a = render(&arts);
        let d = run(&a, &a);
        prop_assert!(d.units.is_empty(), "{:?}", d.summary);
    }

    #[test]
    fn a_diff_and_its_reverse_mirror_each_other(
        arts in proptest::collection::vec(article(), 1..12),
        edits in proptest::collection::vec((0usize..12, 0usize..3, article()), 0..4),
    ) {
        let a = render(&arts);
        let mut changed = arts.clone();
        for (at, what, new) in edits {
            let at = at % (changed.len() + 1);
            match what {
                0 if at < changed.len() => { changed.remove(at); }
                1 => changed.insert(at, new),
                _ if at < changed.len() => changed[at] = new,
                _ => {}
            }
        }
        if changed.is_empty() {
            changed.push(arts[0].clone());
        }
        let b = render(&changed);
        let f = run(&a, &b).summary;
        let r = run(&b, &a).summary;
        prop_assert_eq!((f.inserted, f.deleted), (r.deleted, r.inserted));
        prop_assert_eq!((f.split, f.merged), (r.merged, r.split));
        prop_assert_eq!(f.changed_words, r.changed_words);
        prop_assert_eq!(f.moved_clauses, r.moved_clauses);
    }
}

/// A deleted division is named as a reader would name it, not by its ID.
#[test]
fn a_deleted_division_is_named_by_its_label() {
    let old = "TITLE I\nGeneral\nArticle 1\nScope\n1. This applies.\n\nTITLE II\nTransitional\nThe transitional rules end here.\nArticle 2\nEnd\n1. It ends.\n";
    let new =
        "TITLE I\nGeneral\nArticle 1\nScope\n1. This applies.\n\nArticle 2\nEnd\n1. It ends.\n";
    let d = run(old, new);
    let labels: Vec<&String> = d.units.iter().flat_map(|u| &u.old_label).collect();
    assert!(
        labels.iter().any(|l| l.as_str() == "Title II"),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l.contains("title.")), "{labels:?}");
}
