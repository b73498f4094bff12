//! The parser against the real texts in `../shared/corpus`: the facts listed in its README.

mod common;

use common::{node, parse, texts};
use treaty_model::{LayoutKind, NodeKind};

fn article_count(rel: &str) -> usize {
    parse(rel).articles().count()
}

fn child_numbers(doc: &treaty_model::Document, id: &str) -> Vec<String> {
    node(doc, id)
        .children
        .iter()
        .filter_map(|c| c.number.as_deref().map(str::to_owned))
        .collect()
}

#[test]
fn article_counts_match_the_official_texts() {
    for (rel, want) in [
        ("coe/budapest-ets185.2007-03-01.md", 48),
        ("coe/budapest-ets185.2012-10-24.md", 48),
        ("un/untoc.2012-07-05.md", 41),
        ("un/untoc.un-layout.txt", 41),
        ("un/uncac.2012-11-19.md", 71),
        ("un/udhr.2013-02-27.md", 30),
    ] {
        assert_eq!(article_count(rel), want, "{rel}");
    }
    for rel in texts().iter().filter(|t| t.contains("anti-doping")) {
        assert_eq!(article_count(rel), 19, "{rel}");
    }
}

#[test]
fn articles_are_numbered_one_to_n_without_gaps() {
    for rel in texts() {
        let doc = parse(&rel);
        let numbers: Vec<String> = doc
            .articles()
            .filter_map(|a| a.number.as_deref().map(str::to_owned))
            .collect();
        let want: Vec<String> = (1..=numbers.len()).map(|n| n.to_string()).collect();
        assert_eq!(numbers, want, "{rel}");
    }
}

#[test]
fn anti_doping_appendix_holds_units_not_articles() {
    let doc = parse("coe/anti-doping-ets135.2015-06-25.md");
    let annex = doc
        .children
        .iter()
        .find(|n| n.kind == NodeKind::Annex)
        .expect("an appendix");
    assert_eq!(annex.heading.as_deref(), Some("The 2015 prohibited list"));
    let units: Vec<&str> = annex
        .walk()
        .filter(|n| n.kind == NodeKind::Unit)
        .filter_map(|n| n.number.as_deref())
        .collect();
    assert_eq!(
        units,
        [
            "S0", "S1", "S2", "S3", "S4", "S5", "M1", "M2", "M3", "S6", "S7", "S8", "S9", "P1",
            "P2"
        ]
    );
    assert_eq!(
        node(&doc, "annex.S6").heading.as_deref(),
        Some("Stimulants")
    );
    assert!(annex.walk().all(|n| n.kind != NodeKind::Article));
}

#[test]
fn untoc_5_1_a_ii_word_for_word_in_both_layouts() {
    for rel in ["un/untoc.2012-07-05.md", "un/untoc.un-layout.txt"] {
        let doc = parse(rel);
        let ii = node(&doc, "5.1.a.ii");
        assert_eq!(ii.kind, NodeKind::Point, "{rel}");
        assert_eq!(
            ii.text,
            "Conduct by a person who, with knowledge of either the aim and general criminal \
             activity of an organized criminal group or its intention to commit the crimes in \
             question, takes an active part in:",
            "{rel}"
        );
        assert_eq!(
            node(&doc, "5.1.a.ii.a").text,
            "Criminal activities of the organized criminal group;",
            "{rel}"
        );
        assert_eq!(
            node(&doc, "5.1.a.ii.b").text,
            "Other activities of the organized criminal group in the knowledge that his or her \
             participation will contribute to the achievement of the above-described criminal aim;",
            "{rel}"
        );
        assert_eq!(child_numbers(&doc, "5.1"), ["a", "b"], "{rel}");
        assert_eq!(
            node(&doc, "5").heading.as_deref(),
            Some("Criminalization of participation in an organized criminal group"),
            "{rel}"
        );
    }
}

#[test]
fn untoc_article_2_has_items_a_to_j() {
    for rel in ["un/untoc.2012-07-05.md", "un/untoc.un-layout.txt"] {
        let doc = parse(rel);
        assert_eq!(
            child_numbers(&doc, "2"),
            ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"],
            "{rel}: (i) after (h) is a letter, not a roman numeral"
        );
        assert_eq!(node(&doc, "2").text, "For the purposes of this Convention:");
    }
}

#[test]
fn budapest_facts() {
    let doc = parse("coe/budapest-ets185.2012-10-24.md");
    assert_eq!(doc.title.as_deref(), Some("Convention on Cybercrime"));
    assert_eq!(child_numbers(&doc, "15"), ["1", "2", "3"]);
    assert_eq!(
        node(&doc, "15").heading.as_deref(),
        Some("Conditions and safeguards")
    );
    assert_eq!(
        node(&doc, "15.2").text,
        "Such conditions and safeguards shall, as appropriate in view of the nature of the \
         procedure or power concerned, inter alia, include judicial or other independent \
         supervision, grounds justifying application, and limitation of the scope and the \
         duration of such power or procedure."
    );
    assert_eq!(child_numbers(&doc, "1"), ["a", "b", "c", "d"]);
    assert_eq!(child_numbers(&doc, "1.c"), ["i", "ii"]);
    assert_eq!(node(&doc, "1.c.i").kind, NodeKind::Point);
    let chapters: Vec<String> = doc
        .walk()
        .filter(|n| n.kind == NodeKind::Chapter)
        .map(|n| n.id.to_string())
        .collect();
    assert_eq!(
        chapters,
        ["chapter.I", "chapter.II", "chapter.III", "chapter.IV"]
    );
    assert_eq!(
        node(&doc, "chapter.II.section.2.title.1")
            .heading
            .as_deref(),
        Some("COMMON PROVISIONS")
    );
    // Article 15 sits in Chapter II, Section 2, Title 1.
    let title = node(&doc, "chapter.II.section.2.title.1");
    assert!(title.children.iter().any(|a| a.id.to_string() == "15"));
    // The repeated number in "2. 2 Such conditions" is reported, not kept as text.
    assert!(doc.diagnostics.iter().any(|d| d.code == "repeated-number"));
    // The run-on preamble is split into recitals, after the opening words.
    let preamble = node(&doc, "preamble");
    assert_eq!(
        preamble.text,
        "The member States of the Council of Europe and the other States signatory hereto,"
    );
    assert!(
        node(&doc, "preamble.1")
            .text
            .starts_with("Considering that the aim of the Council of Europe")
    );
    assert_eq!(preamble.closing.as_deref(), Some("Have agreed as follows:"));
    let last = node(&doc, "final");
    assert!(last.text.starts_with("IN WITNESS WHEREOF the undersigned"));
}

#[test]
fn anti_doping_7_2_e_word_for_word() {
    let old = parse("coe/anti-doping-ets135.2015-06-11.md");
    let new = parse("coe/anti-doping-ets135.2015-06-25.md");
    let tail =
        "physiotherapists and other officials or accessories associated with infringements of the";
    let e_old = &node(&old, "7.2.e").text;
    let e_new = &node(&new, "7.2.e").text;
    assert!(
        e_old.contains(&format!("{tail} antidoping regulations")),
        "{e_old}"
    );
    assert!(
        e_new.contains(&format!("{tail} anti-doping regulations")),
        "{e_new}"
    );
    assert_eq!(child_numbers(&new, "7.2"), ["a", "b", "c", "d", "e", "f"]);
    assert_eq!(child_numbers(&new, "7.2.d"), ["i", "ii", "iii"]);
    assert_eq!(
        node(&new, "7.2.d.iii").text,
        "clear and enforceable provisions for appealing against an judgment made;"
    );
}

#[test]
fn uncac_has_chapters_one_to_eight() {
    let doc = parse("un/uncac.2012-11-19.md");
    let chapters: Vec<String> = doc
        .walk()
        .filter(|n| n.kind == NodeKind::Chapter)
        .filter_map(|n| n.number.as_deref().map(str::to_owned))
        .collect();
    assert_eq!(chapters, ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]);
    assert_eq!(
        node(&doc, "chapter.III").heading.as_deref(),
        Some("CRIMINALIZATION AND LAW ENFORCEMENT")
    );
}

#[test]
fn udhr_keeps_the_database_note_out_of_articles() {
    let doc = parse("un/udhr.2013-02-27.md");
    assert_eq!(
        doc.title.as_deref(),
        Some("Universal Declaration of Human Rights")
    );
    assert!(
        node(&doc, "1")
            .text
            .starts_with("All human beings are born free")
    );
    assert!(doc.walk().all(|n| !n.text.contains("Treedt in werking")));
    assert!(
        doc.layout
            .iter()
            .any(|l| l.kind == LayoutKind::EditorialNote)
    );
}

#[test]
fn the_dutch_half_never_reaches_the_english_tree() {
    for rel in texts().iter().filter(|t| t.ends_with(".md")) {
        let doc = parse(rel);
        let translation = doc
            .layout
            .iter()
            .find(|l| l.kind == LayoutKind::Translation)
            .unwrap_or_else(|| panic!("{rel}: the Dutch half was not set aside"));
        assert!(
            doc.diagnostics.iter().any(|d| d.code == "translation"),
            "{rel}: no diagnostic says the translation was set aside"
        );
        for n in doc.walk() {
            assert!(
                n.span.end <= translation.span.start,
                "{rel}: {} reaches into the translation",
                n.id
            );
            for word in [
                "Artikel",
                "Verdrag",
                "lidstaten",
                "Overeenkomst",
                "Partijen",
            ] {
                assert!(
                    !n.text.contains(word),
                    "{rel}: {} holds Dutch text ({word})",
                    n.id
                );
            }
        }
    }
}

#[test]
fn every_corpus_parse_is_lossless() {
    for rel in texts() {
        let doc = parse(&rel);
        assert_eq!(doc.check_coverage(), Ok(()), "{rel}");
    }
}

/// A parse that shares clause words with the text gives the same tree as one that copies
/// them, and on every text most clauses' words are indeed slices of it (that is where the
/// parse's memory goes).
#[test]
fn sharing_the_text_changes_no_tree_and_shares_most_words() {
    for rel in texts() {
        let bytes = common::read(&rel);
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let shared: std::sync::Arc<str> = text.into();
        let doc = treaty_parse::parse_shared(&shared).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(doc, parse(&rel), "{rel}");
        let worded: Vec<_> = doc.walk().filter(|n| !n.text.is_empty()).collect();
        let slices = worded.iter().filter(|n| n.text.is_shared()).count();
        assert!(
            slices * 3 >= worded.len() * 2,
            "{rel}: only {slices} of {} clauses share their words with the text",
            worded.len()
        );
        // A clause's shared words lie inside its own span of the text.
        for n in worded.iter().filter(|n| n.text.is_shared()) {
            let at = (n.text.as_ptr() as usize).wrapping_sub(shared.as_ptr() as usize);
            assert!(
                n.span.start <= at && at + n.text.len() <= n.span.end,
                "{rel}: {} has words at {at} outside its span {:?}",
                n.id,
                n.span
            );
        }
    }
}

#[test]
fn every_clause_id_round_trips() {
    for rel in texts() {
        let doc = parse(&rel);
        for n in doc.walk() {
            let again: treaty_model::ClauseId =
                n.id.to_string()
                    .parse()
                    .unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert_eq!(again, n.id, "{rel}");
            assert_eq!(
                doc.find(&n.id).map(|f| f.span),
                Some(n.span),
                "{rel}: {} is not found by its ID",
                n.id
            );
        }
    }
}

#[test]
fn every_id_of_the_imported_eu_acts_names_one_node() {
    // EU acts have TITLE divisions (`title.I`) beside the document's `title`, and
    // several annexes: each ID the outline prints must find its node again.
    for (rel, format) in [
        (
            "eu-ai-act/01-proposal-2021.akn.xml",
            treaty_formats::Format::Akn,
        ),
        (
            "eu-ai-act/proposal-2021.structured.akn.xml",
            treaty_formats::Format::Akn,
        ),
        (
            "eu-ai-act/03-final-2024.akn.xml",
            treaty_formats::Format::Akn,
        ),
        (
            "eu-ai-act/final-2024.formex.xml",
            treaty_formats::Format::Formex,
        ),
    ] {
        let text = treaty_formats::import(&common::read(rel), format)
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
            .text;
        let doc = treaty_parse::parse_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let mut seen = std::collections::HashSet::new();
        let mut divisions = 0;
        for n in doc.walk() {
            assert!(seen.insert(n.id.clone()), "{rel}: {} twice", n.id);
            let found = doc.find(&n.id);
            assert!(
                found.is_some_and(|f| std::ptr::eq(f, n)),
                "{rel}: {} finds {:?}",
                n.id,
                found.map(|f| &f.id)
            );
            divisions += usize::from(n.kind.is_division());
        }
        assert!(divisions >= 10, "{rel}: {divisions} divisions");
    }
}

/// UNTOC in the UN layout, made to look like text extracted from a PDF: lines wrapped at
/// 72 columns mid-sentence, words hyphenated across lines, and on every page a footer
/// (page number, job number), a form feed and running headers (document symbol, title).
fn as_pdf_text(clean: &str, footnotes: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut prev_was_article = false;
    let mut wraps = 0;
    for line in clean.lines() {
        let is_article = line.starts_with("Article ");
        if prev_was_article || line.len() <= 72 {
            out.push(line.to_owned());
        } else {
            let mut rest = line;
            while rest.len() > 72 {
                // Break at a space, never right after a full stop, and never so that the
                // next line would read as a marker or a heading.
                let mut cut = None;
                for (i, _) in rest.match_indices(' ').filter(|(i, _)| *i <= 72 && *i > 20) {
                    let head = &rest[..i];
                    let tail = &rest[i + 1..];
                    let reads_as_text = matches!(
                        treaty_parse::classify::classify(tail).kind,
                        treaty_parse::classify::Kind::Text(_)
                    );
                    if !head.ends_with(['.', ';', ':']) && reads_as_text {
                        cut = Some(i);
                    }
                }
                let Some(i) = cut else { break };
                let (head, tail) = (&rest[..i], &rest[i + 1..]);
                wraps += 1;
                // Every fourth wrap splits a long lower-case word with a hyphen instead.
                let next_word = tail.split(' ').next().unwrap_or("");
                if wraps % 4 == 0
                    && next_word.len() >= 8
                    && next_word.chars().all(|c| c.is_ascii_lowercase())
                {
                    out.push(format!("{head} {}-", &next_word[..4]));
                    rest = &tail[4..];
                } else {
                    out.push(head.to_owned());
                    rest = tail;
                }
            }
            out.push(rest.to_owned());
        }
        prev_was_article = is_article;
    }
    let mut pdf = String::new();
    for (k, chunk) in out.chunks(40).enumerate() {
        if k > 0 {
            pdf.push_str("\x0cA/CONF.000/1\nUnited Nations Convention against Transnational Organized Crime\n\n");
        }
        // On every third page, a footnote: its marker glued to a comma in the text, its
        // words under a rule at the bottom of the page.
        let mut note = None;
        for line in chunk {
            let mut line = line.clone();
            if footnotes
                && k % 3 == 1
                && note.is_none()
                && !line.starts_with("Article")
                && let Some(at) = line.find(", ").filter(|&i| {
                    line[i + 2..].starts_with(|c: char| c.is_ascii_lowercase())
                        && !line[..i].ends_with(|c: char| c.is_ascii_digit())
                })
            {
                line.insert(at + 1, '1');
                note = Some(format!("A note on page {}, for the test.", k + 1));
            }
            pdf.push_str(&line);
            pdf.push('\n');
        }
        if let Some(n) = &note {
            pdf.push_str(&format!("\n     __________________\n     1 {n}\n"));
        }
        pdf.push_str(&format!("\n{}\nV.00-{:05} (E)\n", k + 1, 10000 + k));
    }
    pdf
}

#[test]
fn text_extracted_from_a_pdf_parses_like_the_clean_text() {
    let clean = String::from_utf8(common::read("un/untoc.un-layout.txt")).expect("UTF-8");
    let pdf = as_pdf_text(&clean, false);
    assert!(
        pdf.matches('\x0c').count() > 5,
        "the derived text has page breaks"
    );
    assert!(pdf.contains("-\n"), "the derived text has hyphenated words");
    let a = treaty_parse::parse_str(&clean).expect("clean parses");
    let b = treaty_parse::parse_str(&pdf).expect("PDF text parses");
    assert_eq!(b.check_coverage(), Ok(()));
    assert_eq!(b.articles().count(), 41);
    let shape = |d: &treaty_model::Document| -> Vec<String> {
        d.walk()
            .map(|n| format!("{} {:?} {:?} {}", n.id, n.heading, n.closing, n.text))
            .collect()
    };
    let (sa, sb) = (shape(&a), shape(&b));
    for (x, y) in sa.iter().zip(&sb) {
        assert_eq!(x, y);
    }
    assert_eq!(sa.len(), sb.len());
    assert!(
        b.layout
            .iter()
            .filter(|l| l.kind == LayoutKind::PageFurniture)
            .count()
            > 20
    );
}

#[test]
fn footnotes_at_page_bottoms_of_a_pdf_text_are_kept_as_footnotes() {
    let clean = String::from_utf8(common::read("un/untoc.un-layout.txt")).expect("UTF-8");
    let pdf = as_pdf_text(&clean, true);
    let notes = pdf.matches("__________________").count();
    assert!(notes >= 3, "the derived text has footnotes ({notes})");
    let imported =
        treaty_formats::import(pdf.as_bytes(), treaty_formats::Format::PdfText).expect("imports");
    assert_eq!(imported.warnings, vec![]);
    let a = treaty_parse::parse_str(&clean).expect("clean parses");
    let b = treaty_parse::parse_str(&imported.text).expect("imported text parses");
    assert_eq!(b.articles().count(), 41);
    // Every clause reads as in the clean text: no footnote glued into a clause.
    let texts = |d: &treaty_model::Document| -> Vec<String> {
        d.walk()
            .filter(|n| n.kind != treaty_model::NodeKind::Footnote)
            .map(|n| format!("{} {}", n.id, n.text))
            .collect()
    };
    assert_eq!(texts(&a), texts(&b));
    let footnotes: Vec<&treaty_model::Node> = b
        .walk()
        .filter(|n| n.kind == treaty_model::NodeKind::Footnote)
        .collect();
    assert_eq!(footnotes.len(), notes);
    assert_eq!(footnotes[0].text, "A note on page 2, for the test.");
    // ... and each is referred to from the clause its marker was in.
    let referring = b.walk().filter(|n| !n.footnotes.is_empty()).count();
    assert_eq!(referring, notes);
}

/// Lines of at most `width` characters, broken at spaces, as pdftotext lays out a page.
fn wrap_at(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("a line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_owned());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// Pages of 48 lines, each after the first headed by the document symbol, each ending
/// in its number, with form feeds between them.
fn paginate(lines: &[String]) -> String {
    let mut out = String::new();
    for (k, page) in lines.chunks(48).enumerate() {
        if k > 0 {
            out.push('\u{c}');
            out.push_str("A/58/422\n\n");
        }
        for l in page {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("\n{}\n", k + 1));
    }
    out
}

#[test]
fn uncac_recitals_are_found_in_text_wrapped_between_page_headers() {
    let md = parse("un/uncac.2012-11-19.md");
    let preamble = common::node(&md, "preamble");
    let recitals: Vec<String> = preamble
        .children
        .iter()
        .map(|r| r.text.to_string())
        .collect();
    assert_eq!(recitals.len(), 15, "{recitals:#?}");
    let closing = preamble.closing.clone().expect("the enacting formula");
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut paragraphs = vec![
        md.title.clone().expect("a title"),
        "Preamble".to_owned(),
        preamble.text.to_string(),
    ];
    paragraphs.extend(recitals.iter().cloned());
    paragraphs.push(closing.clone());
    let body = "Chapter I\nGeneral provisions\n\nArticle 1\nStatement of purpose\n\n1. The purposes of this Convention are to promote and strengthen measures.\n";
    let layouts = [
        ("a paragraph a recital", {
            let mut lines = Vec::new();
            for p in &paragraphs {
                lines.extend(wrap_at(p, 80));
                lines.push(String::new());
            }
            lines
        }),
        (
            "no blank lines",
            paragraphs.iter().flat_map(|p| wrap_at(p, 80)).collect(),
        ),
        ("the preamble in one paragraph", {
            let mut lines = wrap_at(&paragraphs[0], 80);
            lines.push(String::new());
            lines.push("Preamble".to_owned());
            lines.push(String::new());
            lines.extend(wrap_at(&paragraphs[2..].join(" "), 80));
            lines.push(String::new());
            lines
        }),
    ];
    for (name, lines) in layouts {
        let text = format!("{}{body}", paginate(&lines));
        let doc = treaty_parse::parse_str(&text).expect("parses");
        let p = common::node(&doc, "preamble");
        let got: Vec<String> = p.children.iter().map(|r| squash(&r.text)).collect();
        let want: Vec<String> = recitals.iter().map(|r| squash(r)).collect();
        assert_eq!(got, want, "{name}");
        assert_eq!(
            p.closing.as_deref().map(squash),
            Some(squash(&closing)),
            "{name}"
        );
        assert_eq!(doc.check_coverage(), Ok(()), "{name}");
    }
}
