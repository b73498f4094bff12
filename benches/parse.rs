//! Parser throughput: the largest corpus text; UNTOC in the UN layout 100 times over
//! (8.1 MB, a node every 230 bytes), parsed in the process and by the whole command
//! `treaty parse --format json`, beside `wc -l` over the same file in the same run; and
//! generated conventions of 10 MB and 100 MB (to show that time grows linearly). The peak
//! memory of the command on the 8.1 MB file is printed too (with `/usr/bin/time`, the
//! Debian package `time`). Run: `cargo bench --bench parse`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

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

    let untoc = corpus_text("un/untoc.un-layout.txt").repeat(100);
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(&untoc).expect("write");
    let path = file.into_temp_path();
    let mut group = c.benchmark_group("parse-untoc-x100");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(untoc.len() as u64));
    group.bench_function("treaty_parse::parse, UNTOC x100 (8.1 MB)", |b| {
        b.iter_with_large_drop(|| treaty_parse::parse(&untoc))
    });
    let treaty = env!("CARGO_BIN_EXE_treaty");
    let json = ["parse", "--quiet", "--format", "json"];
    group.bench_function("treaty parse --format json, UNTOC x100 (8.1 MB)", |b| {
        b.iter(|| run(treaty, &json, &path))
    });
    group.bench_function("wc -l, UNTOC x100 (floor)", |b| {
        b.iter(|| run("wc", &["-l"], &path))
    });
    group.finish();
    peak_memory(treaty, &json, &path, untoc.len());

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

/// Run a command on `path`, its output thrown away.
fn run(cmd: &str, args: &[&str], path: &Path) {
    let status = Command::new(cmd)
        .args(args)
        .arg(path)
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{cmd} runs: {e}"));
    assert!(status.success(), "{cmd}: {status}");
}

/// The peak resident memory of one run of the command, beside the size of its input.
fn peak_memory(cmd: &str, args: &[&str], path: &Path, input: usize) {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(cmd)
        .args(args)
        .arg(path)
        .stdout(Stdio::null())
        .output();
    match out {
        Ok(out) if out.status.success() => {
            let err = String::from_utf8_lossy(&out.stderr);
            let kb: f64 = err
                .trim()
                .lines()
                .last()
                .and_then(|l| l.parse().ok())
                .unwrap_or(0.0);
            let mb = kb * 1024.0 / 1e6;
            println!(
                "peak memory of `treaty {}` on {:.1} MB: {mb:.1} MB, {:.2}x the input",
                args.join(" "),
                input as f64 / 1e6,
                mb * 1e6 / input as f64
            );
        }
        _ => println!("peak memory: /usr/bin/time is missing (Debian package `time`)"),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
