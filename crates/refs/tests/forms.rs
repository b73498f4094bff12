//! Every reference form the issue lists, with its resolved target, in a generated text
//! of four chapters and forty articles (each article: paragraph 1 with points (a) and
//! (b), point (a) with items (i) and (ii); paragraphs 2 and 3).

use treaty_model::{ClauseId, Document};
use treaty_refs::{Kind, Reference, find};

/// The text, with `line` in place of the default words of clause `at` (`30.3`, `30.1.a.i`).
fn text_with(at: &str, line: &str) -> String {
    let mut out = String::from("Test Convention\n\n");
    for chapter in 0..4 {
        let roman = ["I", "II", "III", "IV"][chapter];
        out.push_str(&format!("Chapter {roman}\nPart {roman} of the test\n\n"));
        for a in chapter * 10 + 1..=chapter * 10 + 10 {
            let words = |id: &str, default: String| {
                if id == at { line.to_owned() } else { default }
            };
            out.push_str(&format!("Article {a}\nHeading {a}\n"));
            out.push_str(&format!(
                "1. {}\n",
                words(&format!("{a}.1"), format!("Opening words of {a}:"))
            ));
            out.push_str(&format!(
                "(a) {}\n",
                words(&format!("{a}.1.a"), "Point a:".into())
            ));
            out.push_str(&format!(
                "(i) {}\n",
                words(&format!("{a}.1.a.i"), "Item one;".into())
            ));
            out.push_str(&format!(
                "(ii) {}\n",
                words(&format!("{a}.1.a.ii"), "Item two;".into())
            ));
            out.push_str(&format!(
                "(b) {}\n",
                words(&format!("{a}.1.b"), "Point b.".into())
            ));
            out.push_str(&format!(
                "2. {}\n",
                words(&format!("{a}.2"), format!("Second paragraph of {a}."))
            ));
            out.push_str(&format!(
                "3. {}\n\n",
                words(&format!("{a}.3"), format!("Third paragraph of {a}."))
            ));
        }
    }
    out
}

fn doc(at: &str, line: &str) -> Document {
    treaty_parse::parse_str(&text_with(at, line)).expect("the generated text parses")
}

/// The one reference found in clause `at` when its words are `line`.
fn one(at: &str, line: &str) -> Reference {
    let d = doc(at, line);
    let mut refs: Vec<Reference> = find(&d)
        .into_iter()
        .filter(|r| r.from.as_str() == at)
        .collect();
    assert_eq!(refs.len(), 1, "in {at}: {line}: {refs:#?}");
    refs.remove(0)
}

fn ids(list: &[&str]) -> Vec<ClauseId> {
    list.iter().map(|s| s.parse().expect("an ID")).collect()
}

/// `words` written in 30.3 resolve to `targets`, all of which the text has.
fn resolves(words: &str, targets: &[&str]) {
    let r = one(
        "30.3",
        &format!("As provided for in {words}, States Parties shall act."),
    );
    assert_eq!(r.text, words, "the span covers the reference");
    assert_eq!(r.targets, ids(targets), "{words}");
    assert!(r.missing.is_empty(), "{words}: {:?}", r.missing);
    assert!(r.is_internal());
}

#[test]
fn article() {
    resolves("article 24", &["24"]);
}

#[test]
fn article_capitalised() {
    resolves("Article 24", &["24"]);
}

#[test]
fn art_abbreviated() {
    resolves("Art. 24", &["24"]);
    resolves("Art. 24, paragraph 1 (a) (ii)", &["24.1.a.ii"]);
}

#[test]
fn article_with_inline_numbers() {
    resolves("Article 24(1)(a)", &["24.1.a"]);
}

#[test]
fn two_articles() {
    resolves("articles 23 and 35", &["23", "35"]);
}

#[test]
fn a_list_of_articles() {
    resolves("articles 5, 6, 8 and 23", &["5", "6", "8", "23"]);
}

#[test]
fn a_range_of_articles() {
    resolves("articles 7 to 11", &["7", "8", "9", "10", "11"]);
    resolves(
        "Articles 2 through 11",
        &["2", "3", "4", "5", "6", "7", "8", "9", "10", "11"],
    );
}

#[test]
fn article_and_paragraph() {
    resolves("article 24, paragraph 1", &["24.1"]);
    resolves("article 24, paragraph 1 (a)", &["24.1.a"]);
    resolves("article 24, paragraphs 1 and 2", &["24.1", "24.2"]);
}

#[test]
fn paragraph_of_this_article() {
    resolves("paragraph 1 (a) (i) of this article", &["30.1.a.i"]);
    resolves(
        "paragraph 1 a) (i) or (ii) or b) of this article",
        &["30.1.a.i", "30.1.a.ii", "30.1.b"],
    );
    resolves("paragraphs 1 and 2 of this article", &["30.1", "30.2"]);
}

#[test]
fn paragraph_of_another_article() {
    resolves("paragraph 2 of article 6", &["6.2"]);
}

#[test]
fn subparagraph_of_this_paragraph() {
    let r = one(
        "30.1.a.i",
        "As set out in subparagraph (b) of this paragraph;",
    );
    assert_eq!(r.text, "subparagraph (b) of this paragraph");
    assert_eq!(r.kind, Kind::Subparagraph);
    assert_eq!(r.targets, ids(&["30.1.b"]));
    // Said without "of this paragraph": the nearest clause that has a (b).
    let r = one("30.1.a", "Except as in subparagraph (b):");
    assert_eq!(r.targets, ids(&["30.1.b"]));
}

#[test]
fn the_preceding_paragraph() {
    let r = one("30.3", "The measures in the preceding paragraph apply.");
    assert_eq!(r.kind, Kind::PrecedingParagraph);
    assert_eq!(r.targets, ids(&["30.2"]));
}

#[test]
fn chapter() {
    let r = one("30.3", "The measures in Chapter IV apply.");
    assert_eq!(r.kind, Kind::Chapter);
    assert_eq!(r.targets, ids(&["chapter.IV"]));
    resolves(
        "chapters II to IV",
        &["chapter.II", "chapter.III", "chapter.IV"],
    );
}

#[test]
fn external_instruments_are_never_resolved_here() {
    for words in [
        "article 6 of the Convention against Transnational Organized Crime",
        "paragraph 2 of article 6 of the Convention against Transnational Organized Crime",
        "Chapter IV of the Convention against Transnational Organized Crime",
        "the 1950 Council of Europe Convention for the Protection of Human Rights and Fundamental Freedoms",
    ] {
        let r = one(
            "30.3",
            &format!("Recalling {words}, the Parties shall act."),
        );
        assert_eq!(r.text, words);
        assert!(!r.is_internal(), "{words}");
        assert!(
            r.targets.is_empty(),
            "{words} was resolved into this text: {:?}",
            r.targets
        );
        assert!(r.missing.is_empty());
    }
    let r = one(
        "30.3",
        "Under article 6 of the Convention against Transnational Organized Crime.",
    );
    assert_eq!(
        r.external.as_deref(),
        Some("Convention against Transnational Organized Crime")
    );
}

#[test]
fn this_text_is_not_another_instrument() {
    for line in [
        "The Conference of the Parties to the Convention shall meet.",
        "Nothing in the Convention shall apply.",
        "As provided in this Convention.",
    ] {
        let d = doc("30.3", line);
        assert!(find(&d).iter().all(|r| r.from.as_str() != "30.3"), "{line}");
    }
}

#[test]
fn targets_the_text_lacks_are_missing() {
    let r = one("30.3", "Subject to article 99, the Parties shall act.");
    assert_eq!(r.missing, ids(&["99"]));
    let r = one("30.3", "Subject to paragraph 4 of this article.");
    assert_eq!(r.missing, ids(&["30.4"]));
    let r = one("30.1.a.i", "As in subparagraph (c) of this paragraph;");
    assert_eq!(r.missing, ids(&["30.1.c"]));
}

#[test]
fn backlinks_include_references_to_what_holds_a_clause() {
    let d = doc(
        "30.3",
        "Subject to article 24 and paragraph 2 of article 24.",
    );
    let refs = find(&d);
    let to_24_2: Vec<&str> = treaty_refs::backlinks(&refs, &"24.2".parse().expect("id"))
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(to_24_2, ["article 24", "paragraph 2 of article 24"]);
    assert!(treaty_refs::backlinks(&refs, &"25".parse().expect("id")).is_empty());
}

#[test]
fn an_article_named_inside_a_second_instrument_is_that_instruments_own() {
    let text = "International Covenant on Civil and Political Rights\n\nPreamble\nThe States Parties to the present Covenant,\nAgree upon the following articles:\n\nArticle 1\nAll peoples have the right of self-determination.\n\nArticle 2\nEach State Party undertakes to respect the rights recognized in the present Covenant.\nIN FAITH WHEREOF the undersigned have signed the present Covenant.\n\nOptional Protocol to the International Covenant on Civil and Political Rights\n\nThe States Parties to the present Protocol,\nHave agreed as follows:\n\nArticle 1\nA State Party recognizes the competence of the Committee.\n\nArticle 2\nSubject to the provisions of article 1, individuals may submit a written communication.\n";
    let doc = treaty_parse::parse_str(text).expect("parses");
    let refs = find(&doc);
    let r = refs
        .iter()
        .find(|r| r.from.as_str() == "instrument.2.2")
        .unwrap_or_else(|| panic!("{refs:#?}"));
    assert_eq!(
        r.targets,
        vec!["instrument.2.1".parse::<ClauseId>().expect("id")]
    );
    assert!(r.missing.is_empty());
}

#[test]
fn eu_citation_forms_resolve_to_the_point() {
    resolves("Article 24(1), first subparagraph, point (b)", &["24.1.b"]);
    resolves("Article 24(1), point (a)(ii)", &["24.1.a.ii"]);
    resolves("point (a) of Article 24(1)", &["24.1.a"]);
    resolves("points (a) and (b) of Article 24(1)", &["24.1.a", "24.1.b"]);
    resolves(
        "point (b) of the first subparagraph of Article 24(1)",
        &["24.1.b"],
    );
    resolves("point (a) of paragraph 1", &["30.1.a"]);
    resolves("the first subparagraph of paragraph 2", &["30.2"]);
    resolves("the second subparagraph of Article 24(2)", &["24.2"]);
    resolves("paragraph 1, first subparagraph, point (b)", &["30.1.b"]);
    resolves("paragraph (2) of this Article", &["30.2"]);
}

#[test]
fn a_list_of_points_keeps_its_own_style() {
    // After `point (b)`, numbers are the article's paragraphs again, not points.
    let r = one(
        "30.3",
        "As in Article 24(1), first subparagraph, point (b), (2) and (3).",
    );
    assert_eq!(r.targets, ids(&["24.1.b"]));
}

#[test]
fn paragraphs_named_after_the_last_of_a_list_are_every_articles() {
    resolves("articles 12 or 13, paragraph 1", &["12.1", "13.1"]);
    // ... unless other articles of the list name their own.
    resolves(
        "articles 2, 6 paragraph 1 (b), 7, 9 paragraph 3, and 27, paragraph 1.b",
        &["2", "6.1.b", "7", "9.3", "27.1.b"],
    );
}

#[test]
fn thereof_is_what_the_reference_before_named() {
    let r = find(&doc(
        "30.3",
        "The conditions in paragraph 1, point (a), including the cases in point (a)(ii) thereof.",
    ));
    let last = r
        .iter()
        .rfind(|r| r.from.as_str() == "30.3")
        .expect("found");
    assert_eq!(last.targets, ids(&["30.1.a.ii"]));
}

#[test]
fn other_acts_named_by_citation_are_external() {
    for (words, name) in [
        (
            "Article 4(3) of Regulation (EC) No 300/2008",
            "Regulation (EC) No 300/2008",
        ),
        (
            "Article 4(3) of Directive (EU) 2019/790",
            "Directive (EU) 2019/790",
        ),
        (
            "Article 10 of Commission Recommendation 2003/361/EC",
            "Commission Recommendation 2003/361/EC",
        ),
        ("Article 16 TFEU", "TFEU"),
        ("Chapter 2 of Title V TEU", "TEU"),
        ("Article 6 of that Regulation", "that Regulation"),
        ("Articles 2 and 2a of Protocol No 22", "Protocol No 22"),
        ("Article 47 of the Charter", "the Charter"),
    ] {
        let r = one("30.3", &format!("Under {words}, the Parties shall act."));
        assert_eq!(r.text, words);
        assert_eq!(r.external.as_deref(), Some(name), "{words}");
        assert!(r.targets.is_empty() && r.missing.is_empty(), "{words}");
    }
    // The document is a convention: "the Convention" is this one.
    resolves("article 24 of the Convention", &["24"]);
}

#[test]
fn an_article_that_amends_another_act_speaks_of_that_act() {
    let text = "Test Regulation\n\nArticle 1\nScope\nThis Regulation applies.\n\nArticle 2\nAmendment to Regulation (EU) No 167/2013\nIn Article 17(5) of Regulation (EU) No 167/2013, the following subparagraph is added:\n‘When adopting delegated acts pursuant to the first subparagraph and paragraph 3, Article 1 shall be taken into account.’\n";
    let doc = treaty_parse::parse_str(text).expect("parses");
    let refs = find(&doc);
    let in_2: Vec<&Reference> = refs.iter().filter(|r| r.from.as_str() == "2").collect();
    assert!(in_2.len() >= 3, "{in_2:#?}");
    for r in in_2 {
        assert_eq!(
            r.external.as_deref(),
            Some("Regulation (EU) No 167/2013"),
            "{}",
            r.text
        );
    }
}

#[test]
fn a_paragraph_number_counts_unnumbered_paragraphs() {
    // Article 9 has unnumbered paragraphs with points: `Article 9(3), point (a)` is
    // its point (a).
    let text = "Test Convention\n\nArticle 1\nAs in Article 9(3), point (a).\n\nArticle 9\nThis applies.\nIt applies from 2026.\nHowever:\n(a) this one later;\n(b) that one too.\n";
    let doc = treaty_parse::parse_str(text).expect("parses");
    let r = find(&doc)
        .into_iter()
        .find(|r| r.from.as_str() == "1")
        .expect("a reference");
    assert_eq!(r.targets, ids(&["9.a"]));
    assert!(r.missing.is_empty());
}
