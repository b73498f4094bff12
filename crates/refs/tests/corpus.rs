//! Precision and recall on real text: every reference in fifteen articles of UNTOC and
//! fifteen of UNCAC (plus the UNCAC preamble's list of other instruments), read and
//! checked by hand, against what `find` reports for those articles. Nothing missed,
//! nothing extra.
//!
//! Not counted as references: a clause naming itself ("this article", "this paragraph",
//! "this Convention") and unspecific words ("any other article of this Convention").
//! One reading to know: UNTOC 14.1 "articles 12 or 13, paragraph 1" is read as paragraph
//! 1 of both: when only the last of a list of articles names paragraphs, they are every
//! article's.

use std::collections::BTreeMap;

fn corpus(rel: &str) -> Vec<u8> {
    treaty_testdata::read(rel)
}

/// `clause | words | targets` (or `external: name`), one reference per line.
const UNTOC: &str = "\
2.h | article 6 of this Convention | 6
3.1.a | articles 5, 6, 8 and 23 of this Convention | 5 6 8 23
3.1.b | article 2 of this Convention | 2
3.2 | paragraph 1 of this article | 3.1
5.2 | paragraph 1 of this article | 5.1
5.3 | paragraph 1 a) (i) of this article | 5.1.a.i
5.3 | paragraph 1 a) (i) of this article | 5.1.a.i
6.2 | paragraph 1 of this article | 6.1
6.2.a | paragraph 1 of this article | 6.1
6.2.b | article 2 of this Convention | 2
6.2.b | articles 5, 8 and 23 of this Convention | 5 8 23
6.2.c | subparagraph b) | 6.2.b
6.2.e | paragraph 1 of this article | 6.1
6.2.f | paragraph 1 of this article | 6.1
8.2 | paragraph 1 of this article | 8.1
8.4 | paragraph 1 of this article | 8.1
8.4 | article 9 of this Convention | 9
10.1 | articles 5, 6, 8 and 23 of this Convention | 5 6 8 23
11.1 | articles 5, 6, 8 and 23 of this Convention | 5 6 8 23
11.3 | articles 5, 6, 8 and 23 of this Convention | 5 6 8 23
12.2 | paragraph 1 of this article | 12.1
12.6 | article 13 of this Convention | 13
13.1 | article 12, paragraph 1, of this Convention | 12.1
13.1.b | article 12, paragraph 1, of this Convention | 12.1
13.1.b | article 12, paragraph 1 | 12.1
13.2 | article 12, paragraph 1, of this Convention | 12.1
13.2 | paragraph 1 of this article | 13.1
13.3 | article 18 of this Convention | 18
13.3 | article 18, paragraph 15 | 18.15
13.3.a | paragraph 1 a) of this article | 13.1.a
13.3.b | paragraph 1 b) of this article | 13.1.b
13.3.c | paragraph 2 of this article | 13.2
13.4 | paragraphs 1 and 2 of this article | 13.1 13.2
13.6 | paragraphs 1 and 2 of this article | 13.1 13.2
14.1 | articles 12 or 13, paragraph 1, of this Convention | 12.1 13.1
14.2 | article 13 of this Convention | 13
14.3 | articles 12 and 13 of this Convention | 12 13
14.3.a | article 30, paragraph 2 c), of this Convention | 30.2.c
15.1 | articles 5, 6, 8 and 23 of this Convention | 5 6 8 23
15.2 | article 4 of this Convention | 4
15.2.c.i | article 5, paragraph 1, of this Convention | 5.1
15.2.c.ii | article 6, paragraph 1 b) (ii), of this Convention | 6.1.b.ii
15.2.c.ii | article 6, paragraph 1 a) (i) or (ii) or b) (i), of this Convention | 6.1.a.i 6.1.a.ii 6.1.b.i
15.3 | article 16, paragraph 10, of this Convention | 16.10
15.5 | paragraph 1 or 2 of this article | 15.1 15.2
16.1 | article 3, paragraph 1 a) or b) | 3.1.a 3.1.b
16.11 | paragraph 10 of this article | 16.10
24.2 | paragraph 1 of this article | 24.1
24.3 | paragraph 1 of this article | 24.1
26.4 | article 24 of this Convention | 24
26.5 | paragraph 1 of this article | 26.1
26.5 | paragraphs 2 and 3 of this article | 26.2 26.3
32.2 | paragraphs 3 and 4 of this article | 32.3 32.4
32.3 | paragraph 1 of this article | 32.1
32.3.a | articles 29, 30 and 31 of this Convention | 29 30 31
32.4 | paragraphs 3 (d) and (e) of this article | 32.3.d 32.3.e
";

const UNCAC: &str = "\
preamble.14 | the Inter-American Convention against Corruption | external: Inter-American Convention against Corruption
preamble.14 | the Convention on the Fight against Corruption involving Officials of the European Communities | external: Convention on the Fight against Corruption involving Officials of the European Communities
preamble.14 | the Convention on Combating Bribery of Foreign Public Officials in International Business Transactions | external: Convention on Combating Bribery of Foreign Public Officials in International Business Transactions
preamble.14 | the Criminal Law Convention on Corruption | external: Criminal Law Convention on Corruption
preamble.14 | the Civil Law Convention on Corruption | external: Civil Law Convention on Corruption
preamble.14 | the African Union Convention on Preventing and Combating Corruption | external: African Union Convention on Preventing and Combating Corruption
preamble.15 | the United Nations Convention against Transnational Organized Crime | external: United Nations Convention against Transnational Organized Crime
2.a.iii | chapter II of this Convention | chapter.II
2.h | article 23 of this Convention | 23
6.1.a | article 5 of this Convention | 5
6.2 | paragraph 1 of this article | 6.1
12.4 | articles 15 and 16 of this Convention | 15 16
14.1.b | article 46 of this Convention | 46
23.2 | paragraph 1 of this article | 23.1
23.2.a | paragraph 1 of this article | 23.1
23.2.c | subparagraph b) above | 23.2.b
23.2.e | paragraph 1 of this article | 23.1
24 | article 23 of this Convention | 23
31.2 | paragraph 1 of this article | 31.1
31.3 | paragraphs 1 and 2 of this article | 31.1 31.2
31.7 | article 55 of this Convention | 55
38.a | articles 15, 21 and 23 of this Convention | 15 21 23
42.2 | article 4 of this Convention | 4
42.2.c | article 23, paragraph 1 b) (ii), of this Convention | 23.1.b.ii
42.2.c | article 23, paragraph 1 a) (i) or (ii) or b) (i), of this Convention | 23.1.a.i 23.1.a.ii 23.1.b.i
42.3 | article 44 of this Convention | 44
42.5 | paragraph 1 or 2 of this article | 42.1 42.2
43.1 | articles 44 to 50 of this Convention | 44 45 46 47 48 49 50
54.1 | article 55 of this Convention | 55
54.2 | paragraph 2 of article 55 of this Convention | 55.2
54.2.a | paragraph 1 a) of this article | 54.1.a
54.2.b | paragraph 1 a) of this article | 54.1.a
55.1 | article 31, paragraph 1, of this Convention | 31.1
55.1.b | articles 31, paragraph 1, and 54, paragraph 1 a), of this Convention | 31.1 54.1.a
55.1.b | article 31, paragraph 1 | 31.1
55.2 | article 31, paragraph 1, of this Convention | 31.1
55.2 | paragraph 1 of this article | 55.1
55.3 | article 46 of this Convention | 46
55.3 | article 46, paragraph 15 | 46.15
55.3.a | paragraph 1 (a) of this article | 55.1.a
55.3.b | paragraph 1 (b) of this article | 55.1.b
55.3.c | paragraph 2 of this article | 55.2
55.4 | paragraphs 1 and 2 of this article | 55.1 55.2
55.6 | paragraphs 1 and 2 of this article | 55.1 55.2
57.1 | article 31 or 55 of this Convention | 31 55
57.1 | paragraph 3 of this article | 57.3
57.3 | articles 46 and 55 of this Convention | 46 55
57.3 | paragraphs 1 and 2 of this article | 57.1 57.2
57.3.a | articles 17 and 23 of this Convention | 17 23
57.3.a | article 55 | 55
57.3.b | article 55 of this Convention | 55
";

/// What `find` reports for the clauses of `articles`, as `clause | words | targets`.
fn found(rel: &str, articles: &[&str]) -> Vec<String> {
    let doc = treaty_parse::parse(&corpus(rel)).expect("parses");
    treaty_refs::find(&doc)
        .into_iter()
        .filter(|r| articles.contains(&r.from.segments().next().unwrap_or_default()))
        .map(|r| {
            let to = match &r.external {
                Some(name) => format!("external: {name}"),
                None => r
                    .targets
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            format!("{} | {} | {to}", r.from, r.text)
        })
        .collect()
}

/// How many times each line occurs (a clause may make the same reference twice).
fn counts<'a>(lines: impl IntoIterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut m = BTreeMap::new();
    for l in lines {
        *m.entry(l).or_default() += 1;
    }
    m
}

fn check(rel: &str, articles: &[&str], expected: &str) {
    let got = found(rel, articles);
    let (want, have) = (
        counts(expected.lines()),
        counts(got.iter().map(String::as_str)),
    );
    let hits: usize = want
        .iter()
        .map(|(l, n)| (*n).min(have.get(l).copied().unwrap_or(0)))
        .sum();
    let (n_want, n_have) = (expected.lines().count(), got.len());
    let precision = hits as f64 / n_have.max(1) as f64;
    let recall = hits as f64 / n_want.max(1) as f64;
    println!(
        "{rel}: {n_want} references expected, {n_have} found, precision {precision:.3}, recall {recall:.3}"
    );
    let missed: Vec<&&str> = want
        .iter()
        .filter(|(l, n)| have.get(*l).copied().unwrap_or(0) < **n)
        .map(|(l, _)| l)
        .collect();
    let extra: Vec<&&str> = have
        .iter()
        .filter(|(l, n)| want.get(*l).copied().unwrap_or(0) < **n)
        .map(|(l, _)| l)
        .collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "{rel}: missed {missed:#?}\nextra {extra:#?}"
    );
}

#[test]
fn untoc_fifteen_articles() {
    check(
        "un/untoc.2012-07-05.md",
        &[
            "2", "3", "5", "6", "8", "10", "11", "12", "13", "14", "15", "16", "24", "26", "32",
        ],
        UNTOC,
    );
}

#[test]
fn uncac_fifteen_articles_and_the_preamble() {
    check(
        "un/uncac.2012-11-19.md",
        &[
            "preamble", "1", "2", "3", "6", "12", "14", "23", "24", "31", "38", "42", "43", "54",
            "55", "57",
        ],
        UNCAC,
    );
}

/// The EU AI Act as the Official Journal publishes it: every reference to this act
/// resolves, and every reference to another act (a Regulation by its number, the TFEU,
/// a Protocol, the act an amending article changes) is external.
#[test]
fn ai_act_final_has_no_reference_to_a_missing_clause() {
    let bytes = corpus("eu-ai-act/final-2024.formex.xml");
    let imp = treaty_formats::import(&bytes, treaty_formats::Format::Formex).expect("imports");
    let doc = treaty_parse::parse_str(&imp.text).expect("parses");
    let refs = treaty_refs::find(&doc);
    let missing: Vec<String> = refs
        .iter()
        .filter(|r| !r.missing.is_empty())
        .map(|r| format!("{}: {}", r.from, r.text))
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
    let to = |from: &str, words: &str| {
        refs.iter()
            .find(|r| r.from.as_str() == from && r.text == words)
            .unwrap_or_else(|| panic!("no `{words}` in {from}"))
    };
    let r = to("preamble.40", "Article 5(1), first subparagraph, point (g)");
    assert_eq!(
        r.targets,
        ["5.1.g".parse::<treaty_model::ClauseId>().expect("id")]
    );
    assert_eq!(
        to("preamble", "Articles 16 and 114 thereof")
            .external
            .as_deref(),
        Some("Treaty on the Functioning of the European Union")
    );
    assert_eq!(
        to("102", "Article 4(3) of Regulation (EC) No 300/2008")
            .external
            .as_deref(),
        Some("Regulation (EC) No 300/2008")
    );
    let r = to("111.1", "Article 113(3), point (a)");
    assert_eq!(
        r.targets,
        ["113.a".parse::<treaty_model::ClauseId>().expect("id")]
    );
    // An internal reference count a reader can check against the text.
    let internal = refs.iter().filter(|r| r.is_internal()).count();
    assert!(internal >= 500, "only {internal} internal references");
}

/// Budapest Convention Art. 40 names other articles, not paragraphs of Art. 40.
#[test]
fn budapest_article_40_names_other_articles() {
    let lines = found("coe/budapest-ets185.2012-10-24.md", &["40"]);
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("| 2 3 6.1.b 7 9.3 27.9.e")),
        "{lines:#?}"
    );
}
