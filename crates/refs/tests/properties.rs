//! Invariants of the reference scanner on arbitrary text: it never panics, its spans are
//! ordered, disjoint, on character boundaries, and start with a word that can open a
//! reference; and the references of a generated text always name clauses it has.

use proptest::prelude::*;

fn text_strategy() -> impl Strategy<Value = String> {
    // Words that build references, numbers, labels, punctuation, and odd characters.
    let piece = prop_oneof![
        Just("article ".to_owned()),
        Just("Articles ".to_owned()),
        Just("Art. ".to_owned()),
        Just("paragraph ".to_owned()),
        Just("paragraphs ".to_owned()),
        Just("subparagraph ".to_owned()),
        Just("Chapter ".to_owned()),
        Just("the ".to_owned()),
        Just("of this article".to_owned()),
        Just(" of the Convention against Corruption".to_owned()),
        Just(" and ".to_owned()),
        Just(" or ".to_owned()),
        Just(" to ".to_owned()),
        Just(", ".to_owned()),
        Just("(a)".to_owned()),
        Just("b)".to_owned()),
        Just("(ii)".to_owned()),
        Just("IV".to_owned()),
        "[0-9]{1,3}",
        "[a-zA-Zé ]{0,6}",
        "\\PC{0,3}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn spans_are_ordered_disjoint_and_on_boundaries(text in text_strategy()) {
        let found = treaty_refs::scan(&text);
        let mut last = 0;
        for (span, _) in &found {
            prop_assert!(span.start >= last, "overlap at {span:?} in {text:?}");
            prop_assert!(span.start < span.end);
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let words = text[span.clone()].to_lowercase();
            prop_assert!(
                ["art", "par", "sub", "cha", "the"].iter().any(|k| words.starts_with(k)),
                "{words:?}"
            );
            last = span.end;
        }
    }

    #[test]
    fn resolved_targets_exist_or_are_reported_missing(n in 1u32..30, m in 1u32..40, p in 1u32..4) {
        let mut text = String::from("Test\n\n");
        for a in 1..=n {
            text.push_str(&format!("Article {a}\nHeading\n1. One.\n2. Two.\n\n"));
        }
        text.push_str(&format!(
            "Article {}\nLast\n1. See article {m}, paragraph {p}, and articles 1 to {m}.\n",
            n + 1
        ));
        let doc = treaty_parse::parse_str(&text).expect("parses");
        for r in treaty_refs::find(&doc) {
            for t in &r.targets {
                prop_assert_eq!(doc.find(t).is_none(), r.missing.contains(t), "{}", t);
            }
            prop_assert!(r.missing.iter().all(|t| r.targets.contains(t)));
        }
    }
}
