//! Parser throughput: the largest corpus text, and generated conventions of 10 MB and
//! 100 MB (to show that time grows linearly), with `wc -l` over the same 100 MB file as
//! a floor. Run: `cargo bench --bench parse`.

use std::io::Write;
use std::process::Command;

mod common;

use common::corpus_text;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A convention of about `size` bytes in the UN layout: chapters of 20 articles, each
/// with a heading, numbered paragraphs, lettered subparagraphs, points and brackets.
pub fn generated(size: usize) -> String {
    let mut out = String::with_capacity(size + 4096);
    out.push_str("Generated Convention for Benchmarks\n\nPreamble\nThe States Parties,\nConsidering the need for speed,\nHave agreed as follows:\n\n");
    let mut article = 0;
    while out.len() < size {
        article += 1;
        if article % 20 == 1 {
            out.push_str(&format!(
                "Chapter {}\nPart {} of the generated text\n\n",
                article / 20 + 1,
                article / 20 + 1
            ));
        }
        out.push_str(&format!(
            "Article {article}\nGenerated heading {article}\n\
             1. Each State Party shall adopt such legislative and other measures as may be necessary to establish as criminal offences, when committed intentionally:\n\
             (a) The conversion or transfer of property, knowing that such property is the proceeds of crime, for the purpose of concealing its illicit origin;\n\
             (i) Agreeing with one or more other persons to commit a serious crime;\n\
             (ii) Conduct by a person who takes an active part in the activities of the group, in accordance with article 5 of this Convention;\n\
             (b) The concealment or disguise of the true nature, source, location, disposition, movement or ownership of property.\n\
             2. States Parties shall consider [the possibility of] cooperation with one another. [agreed ad referendum]\n\n"
        ));
    }
    out
}

fn bench(c: &mut Criterion) {
    let uncac = corpus_text("un/uncac.2012-11-19.md");
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(uncac.len() as u64));
    group.bench_function("uncac (largest corpus text, 260 KB)", |b| {
        b.iter(|| treaty_parse::parse(&uncac).map(|d| d.children.len()))
    });
    group.finish();

    let mut group = c.benchmark_group("parse-generated");
    group.sample_size(10);
    let mut big_path = None;
    for mb in [10usize, 100] {
        let text = generated(mb * 1_000_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{mb} MB"), |b| {
            b.iter_with_large_drop(|| treaty_parse::parse_str(&text))
        });
        if mb == 100 {
            let mut file = tempfile::NamedTempFile::new().expect("temp file");
            file.write_all(text.as_bytes()).expect("write");
            big_path = Some(file.into_temp_path());
        }
    }
    if let Some(path) = &big_path {
        group.bench_function("wc -l, 100 MB (floor)", |b| {
            b.iter(|| {
                let out = Command::new("wc")
                    .arg("-l")
                    .arg(path)
                    .output()
                    .expect("wc runs");
                assert!(out.status.success());
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
