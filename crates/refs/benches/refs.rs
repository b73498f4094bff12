//! Finding and resolving every cross-reference of the largest corpus texts (target:
//! under 10 ms for UNCAC). The texts are parsed once, outside the measurement.

use criterion::{Criterion, criterion_group, criterion_main};

fn corpus(rel: &str) -> Vec<u8> {
    treaty_testdata::read(rel)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("refs");
    for (name, rel) in [
        ("uncac", "un/uncac.2012-11-19.md"),
        ("untoc", "un/untoc.2012-07-05.md"),
    ] {
        let doc = treaty_parse::parse(&corpus(rel)).expect("parses");
        let n = treaty_refs::find(&doc).len();
        println!("{name}: {n} references");
        group.bench_function(name, |b| b.iter(|| treaty_refs::find(&doc).len()));
    }
    // The EU AI Act as adopted (Formex), the largest text of the corpus once imported.
    let imported = treaty_formats::import(
        &corpus("eu-ai-act/final-2024.formex.xml"),
        treaty_formats::Format::Formex,
    )
    .expect("imports");
    let doc = treaty_parse::parse_str(&imported.text).expect("parses");
    println!(
        "eu ai act: {} references in {} bytes of text",
        treaty_refs::find(&doc).len(),
        imported.text.len()
    );
    group.bench_function("eu ai act final (Formex)", |b| {
        b.iter(|| treaty_refs::find(&doc).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
