//! Validating annotations: 10,000 of them against the largest corpus text (UNCAC), each
//! with a quote to anchor. The target is under 100 ms for loading and checking together.
//! Run: `cargo bench --bench annotations`.

use std::fmt::Write;

mod common;

use common::corpus_text;
use criterion::{Criterion, criterion_group, criterion_main};
use treaty_annotate::{FileRef, Texts, VersionText};

/// `n` annotations spread over every clause with words, each quoting five of them.
fn annotations(doc: &treaty_model::Document, n: usize, first: usize) -> String {
    let clauses: Vec<(String, String)> = doc
        .walk()
        .filter_map(|node| {
            let words: Vec<&str> = node.text.split_whitespace().skip(2).take(5).collect();
            let quote = words.join(" ");
            // Keep the TOML simple: no quote marks or backslashes to escape.
            (words.len() == 5 && !quote.contains(['"', '\\'])).then(|| (node.id.to_string(), quote))
        })
        .collect();
    let mut out = String::from("# Generated for the benchmark.\n");
    for k in first..first + n {
        let (clause, quote) = &clauses[k % clauses.len()];
        write!(
            out,
            "\n[[annotation]]\nid = \"a-{k}\"\nclause = \"{clause}\"\nversion = \"corpus\"\nquote = \"{quote}\"\nauthor = \"Bench\"\ndate = \"2024-08-08\"\ntags = [\"t{}\"]\nstance = \"concern\"\nbody = \"\"\"\nComment number {k}.\n\"\"\"\n",
            k % 7
        )
        .expect("write to a String");
    }
    out
}

fn bench(c: &mut Criterion) {
    let doc = treaty_parse::parse(&corpus_text("un/uncac.2012-11-19.md")).expect("UNCAC parses");
    let toml = annotations(&doc, 10_000, 0);
    // As a repository holds them: one file per source, 20 sources of 500 each.
    let files: Vec<String> = (0..20).map(|f| annotations(&doc, 500, f * 500)).collect();
    let file_refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let loaded = treaty_annotate::load(&toml);
    assert_eq!(
        loaded.annotations.len(),
        10_000,
        "{:?}",
        loaded.problems.first()
    );
    let texts = Texts {
        convention: "uncac".into(),
        folder: "texts/uncac".into(),
        versions: Some(vec![VersionText {
            label: "corpus".into(),
            file: "uncac.md".into(),
            document: Some(&doc),
            language: None,
            languages: Vec::new(),
        }]),
    };
    let one = [FileRef {
        name: "bench.toml",
        source: &toml,
        annotations: &loaded.annotations,
    }];
    let problems = treaty_annotate::check(&one, &texts);
    let mut codes: Vec<&str> = problems.iter().map(|(_, p)| p.code).collect();
    codes.sort_unstable();
    codes.dedup();
    println!(
        "{} of 10,000 generated annotations have a problem ({}); TOML: {} bytes",
        problems.len(),
        codes.join(", "),
        toml.len()
    );

    let mut group = c.benchmark_group("annotations");
    group.bench_function("load 10,000 from one file", |b| {
        b.iter(|| treaty_annotate::load(&toml).annotations.len())
    });
    group.bench_function("load 10,000 from 20 files", |b| {
        b.iter(|| treaty_annotate::load_many(&file_refs).len())
    });
    group.bench_function("check 10,000 against UNCAC", |b| {
        b.iter(|| treaty_annotate::check(&one, &texts).len())
    });
    group.bench_function("load 20 files and check 10,000 against UNCAC", |b| {
        b.iter(|| {
            let loaded = treaty_annotate::load_many(&file_refs);
            let refs: Vec<FileRef<'_>> = loaded
                .iter()
                .zip(&files)
                .map(|(l, src)| FileRef {
                    name: "bench.toml",
                    source: src,
                    annotations: &l.annotations,
                })
                .collect();
            treaty_annotate::check(&refs, &texts).len()
        })
    });
    group.bench_function("load one file and check 10,000 against UNCAC", |b| {
        b.iter(|| {
            let loaded = treaty_annotate::load(&toml);
            let files = [FileRef {
                name: "bench.toml",
                source: &toml,
                annotations: &loaded.annotations,
            }];
            treaty_annotate::check(&files, &texts).len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
