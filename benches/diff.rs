//! Structural diffs against plain word diffs, on the same plain texts in the same run: a
//! small real pair (the anti-doping convention, 2014-01-01 → 2015-06-25, 62 KB), the
//! largest real pair (the EU AI Act, proposal → final, imported from Akoma Ntoso) and a
//! generated pair of 10,000 articles (with 1,000 for the scaling ratio), against
//! `git diff --no-index --word-diff=porcelain`, `wdiff` and `dwdiff`. treaty is measured
//! twice: the whole command as a process (`treaty diff --format word`, what a user waits
//! for, comparable with the peers' processes), and the work inside it (read, parse, diff).
//! Run: `cargo bench --bench diff` (the peers are Debian packages `git`, `wdiff`, `dwdiff`).

mod common;

use std::path::Path;
use std::process::Command;

use common::corpus_text;
use criterion::{Criterion, criterion_group, criterion_main};

fn imported(rel: &str) -> String {
    treaty_formats::import(&corpus_text(rel), treaty_formats::Format::Akn)
        .expect("imports")
        .text
}

/// A generated convention of `n` articles, and its next draft: one article in 20
/// reworded, one in 50 deleted, a new article every 40 (so later ones are renumbered).
fn generated_pair(n: usize) -> (String, String) {
    let article = |k: usize, extra: &str| {
        format!(
            "Article {{}}\nGenerated provision {k}\n1. Each State Party shall adopt measures on matter {k} as may be necessary to establish as criminal offences, when committed intentionally, conduct number {k}{extra}.\n2. States Parties shall consider cooperation on subject {k} with one another, in accordance with article {} of this Convention.\n(a) the first consequence of item {k};\n(b) the second consequence of item {k}.\n\n",
            k % 97 + 1
        )
    };
    let mut old = String::from("Generated Convention\n\n");
    let mut new = String::from("Generated Convention\n\n");
    let mut new_no = 0;
    for k in 1..=n {
        old.push_str(&article(k, "").replacen("{}", &k.to_string(), 1));
        if k % 40 == 0 {
            new_no += 1;
            new.push_str(&article(n + k, " and something new").replacen(
                "{}",
                &new_no.to_string(),
                1,
            ));
        }
        if k % 50 == 25 {
            continue;
        }
        new_no += 1;
        let extra = if k % 20 == 7 {
            " without right and with intent"
        } else {
            ""
        };
        new.push_str(&article(k, extra).replacen("{}", &new_no.to_string(), 1));
    }
    (old, new)
}

/// What `treaty diff OLD NEW` does before it prints: read both files, parse them (at
/// once, on two threads) and diff the trees.
fn structural(a: &Path, b: &Path) -> usize {
    let (old, new) = treaty_par::both(|| treaty_project::draft(a), || treaty_project::draft(b));
    let (old, new) = (
        old.expect("reads and parses"),
        new.expect("reads and parses"),
    );
    treaty_diff::diff(&(&old).into(), &(&new).into())
        .units
        .len()
}

fn peer(cmd: &str, args: &[&str], a: &Path, b: &Path) -> usize {
    let out = Command::new(cmd)
        .args(args)
        .arg(a)
        .arg(b)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} runs: {e} (install the Debian package)"));
    // These tools exit 1 when the files differ.
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{cmd}: {:?}",
        out.status
    );
    out.stdout.len()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = |rel: &str| String::from_utf8(corpus_text(rel)).expect("UTF-8");
    let pairs = [
        (
            "anti-doping 2014-01-01 → 2015-06-25",
            text("coe/anti-doping-ets135.2014-01-01.md"),
            text("coe/anti-doping-ets135.2015-06-25.md"),
        ),
        (
            "eu-ai-act proposal → final",
            imported("eu-ai-act/proposal-2021.structured.akn.xml"),
            imported("eu-ai-act/03-final-2024.akn.xml"),
        ),
        (
            "generated 1,000 articles",
            generated_pair(1_000).0,
            generated_pair(1_000).1,
        ),
        (
            "generated 10,000 articles",
            generated_pair(10_000).0,
            generated_pair(10_000).1,
        ),
    ];
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    for (k, (name, old, new)) in pairs.iter().enumerate() {
        let a = dir.path().join(format!("{k}-old.txt"));
        let b = dir.path().join(format!("{k}-new.txt"));
        std::fs::write(&a, old).expect("write");
        std::fs::write(&b, new).expect("write");
        group.bench_function(format!("treaty diff --format word, {name}"), |bench| {
            bench.iter(|| {
                peer(
                    env!("CARGO_BIN_EXE_treaty"),
                    &["diff", "--format", "word"],
                    &a,
                    &b,
                )
            })
        });
        group.bench_function(
            format!("treaty (read and parse both + structural diff), {name}"),
            |bench| bench.iter(|| structural(&a, &b)),
        );
        group.bench_function(format!("git diff --word-diff=porcelain, {name}"), |bench| {
            bench.iter(|| {
                peer(
                    "git",
                    &["diff", "--no-index", "--word-diff=porcelain"],
                    &a,
                    &b,
                )
            })
        });
        group.bench_function(format!("wdiff, {name}"), |bench| {
            bench.iter(|| peer("wdiff", &[], &a, &b))
        });
        group.bench_function(format!("dwdiff, {name}"), |bench| {
            bench.iter(|| peer("dwdiff", &[], &a, &b))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
