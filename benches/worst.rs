//! Worst-case inputs, each at two sizes so that growth can be read: a marker repeated
//! thousands of times (duplicate numbering), a preamble of thousands of recitals in one
//! paragraph, deeply nested Akoma Ntoso points, a quote that matches nothing searched
//! for a near match in a whole text and in one huge clause, and cross-references in
//! texts of many articles. Run: `cargo bench --bench
//! worst`.

mod common;

use common::corpus_text;
use criterion::{Criterion, criterion_group, criterion_main};

/// `Article 1` and then `n` lines of the same marker.
fn repeated_marker(n: usize) -> String {
    let mut s = String::from("Article 1\n");
    for _ in 0..n {
        s.push_str("(a) x\n");
    }
    s
}

/// One article whose points nest `depth` deep.
fn nested_points(depth: usize) -> String {
    format!(
        "<akomaNtoso><act><body><article><num>Article 1</num>{}x{}</article></body></act></akomaNtoso>",
        "<point><num>(a)</num><content><p>a</p></content>".repeat(depth),
        "</point>".repeat(depth)
    )
}

/// `n` articles, each referring to the one before and to its own paragraph.
fn many_articles(n: usize) -> String {
    (1..=n)
        .map(|i| {
            format!(
                "Article {i}\nHeading {i}\n1. Text of article {i}, see article {} and paragraph 1.\n\n",
                i.max(2) - 1
            )
        })
        .collect()
}

/// A preamble that is one paragraph of `n` clauses, each with commas (the parser looks
/// for the enacting formula after every one).
fn long_preamble(n: usize) -> String {
    let recitals =
        vec!["Considering that the parties, in their wisdom, agree on many things, and more;"; n];
    format!(
        "The States Parties,\n\n{}\n\nArticle 1\n\nText.\n",
        recitals.join(" ")
    )
}

const BROKEN_QUOTE: &str = "the competent authorities of every State Party shall promptly notify the secretariat of any measure adopted under this chapter together with a summary of the reasons";

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("worst");
    group.sample_size(10);
    for n in [4_000, 8_000] {
        let text = repeated_marker(n);
        group.bench_function(format!("parse: `(a) x` repeated {n} times"), |b| {
            b.iter(|| treaty_parse::parse_str(&text).map(|d| d.diagnostics.len()))
        });
    }
    for n in [1_500, 3_000] {
        let text = long_preamble(n);
        group.bench_function(
            format!("parse: a preamble of {n} recitals in one paragraph"),
            |b| b.iter(|| treaty_parse::parse_str(&text).map(|d| d.diagnostics.len())),
        );
    }
    for depth in [100, 200] {
        let xml = nested_points(depth);
        group.bench_function(
            format!("import: Akoma Ntoso points nested {depth} deep"),
            |b| {
                b.iter(|| {
                    treaty_formats::import(xml.as_bytes(), treaty_formats::Format::Akn)
                        .map(|i| i.text.len())
                })
            },
        );
    }
    // Deeper than the importer reads: refused with a message, as fast as it is read.
    let deep = nested_points(5_000);
    group.bench_function(
        "import: Akoma Ntoso points nested 5000 deep, refused",
        |b| {
            b.iter(|| treaty_formats::import(deep.as_bytes(), treaty_formats::Format::Akn).is_err())
        },
    );
    let untoc = String::from_utf8(corpus_text("un/untoc.2012-07-05.md")).expect("UTF-8");
    let whole = treaty_parse::parse_str(&untoc).expect("parses");
    let all: String = whole
        .walk()
        .map(|n| n.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = all.split_whitespace().collect();
    for (name, target) in [
        ("UNTOC, the whole text", all.clone()),
        (
            "one clause of 200,000 words",
            words
                .iter()
                .cycle()
                .take(200_000)
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        ),
    ] {
        let s = treaty_annotate::Searchable::new(target);
        group.bench_function(
            format!("near match: a 30-word quote found nowhere, {name}"),
            |b| b.iter(|| treaty_annotate::anchor(&s, BROKEN_QUOTE, None, None)),
        );
    }
    for n in [10_000, 50_000] {
        let text = many_articles(n);
        let doc = treaty_parse::parse_str(&text).expect("parses");
        group.bench_function(format!("refs: {n} articles, found and printed"), |b| {
            b.iter(|| {
                let refs = treaty_refs::find(&doc);
                let mut out = Vec::new();
                treaty_render::report::refs_text(&doc, &refs, &mut out).map(|()| out.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
