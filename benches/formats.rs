//! Import of the largest Akoma Ntoso and Formex files, and export of the largest corpus
//! text (UNCAC) with 10,000 annotations in each format. Target: each under 100 ms.
//! Run: `cargo bench --bench formats`.

mod common;

use common::corpus_text;
use criterion::{Criterion, criterion_group, criterion_main};
use treaty_annotate::{Anchor, Cache};
use treaty_lineage::{AnnotatedDraft, Item};
use treaty_model::Draft;
use treaty_render::export::{self, Format, Selection};

fn annotations(doc: &treaty_model::Document, n: usize) -> Vec<Item> {
    let mut cache = Cache::default();
    common::generated_annotations(doc, n, "corpus")
        .into_iter()
        .map(|a| {
            let quote_at = match treaty_annotate::locate(doc, "corpus", &a, &mut cache) {
                Some((_, Some(Anchor::Found(r)))) => Some([r.start, r.end]),
                _ => None,
            };
            Item {
                on: a.clause.clone(),
                annotation: a,
                quote_at,
                carried: None,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    for (name, rel, format) in [
        (
            "akn structured proposal (336 KB)",
            "eu-ai-act/proposal-2021.structured.akn.xml",
            treaty_formats::Format::Akn,
        ),
        (
            "akn flattened final (312 KB)",
            "eu-ai-act/03-final-2024.akn.xml",
            treaty_formats::Format::Akn,
        ),
        (
            "formex final (654 KB)",
            "eu-ai-act/final-2024.formex.xml",
            treaty_formats::Format::Formex,
        ),
    ] {
        let bytes = corpus_text(rel);
        group.bench_function(name, |b| {
            b.iter(|| {
                treaty_formats::import(&bytes, format)
                    .expect("imports")
                    .text
                    .len()
            })
        });
    }
    group.finish();

    let doc = treaty_parse::parse(&corpus_text("un/uncac.2012-11-19.md")).expect("parses");
    let items = annotations(&doc, 10_000);
    let anchored = items.iter().filter(|i| i.quote_at.is_some()).count();
    println!("{anchored} of 10,000 annotations anchored");
    let e = AnnotatedDraft {
        convention: Some("uncac".into()),
        draft: Draft::new("corpus", "", "", doc),
        items,
        overlay: None,
    };
    let sel = Selection::default();
    let mut group = c.benchmark_group("export uncac + 10,000 annotations");
    group.sample_size(20);
    group.bench_function("text", |b| {
        b.iter(|| treaty_formats::canonical_text(&e.draft.doc).len())
    });
    group.bench_function("md", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            export::write(Format::Markdown, &e, &sel, &mut out).expect("renders");
            out.len()
        })
    });
    group.bench_function("html", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            export::write(Format::Html, &e, &sel, &mut out).expect("renders");
            out.len()
        })
    });
    group.bench_function("json", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            export::write(Format::Json, &e, &sel, &mut out).expect("renders");
            out.len()
        })
    });
    group.bench_function("csv", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            export::write(Format::Csv, &e, &sel, &mut out).expect("renders");
            out.len()
        })
    });
    group.bench_function("akn", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            export::write(Format::Akn, &e, &sel, &mut out).expect("renders");
            out.len()
        })
    });
    group.bench_function("w3c", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            export::write(Format::W3c, &e, &sel, &mut out).expect("renders");
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
