//! The viewer on the largest corpus text: UNCAC with 10,000 annotations, and an older
//! draft of it to compare with, laid out as a convention folder in a temporary directory.
//! Measures building the app, the first frame, and every key handled with the frame
//! redrawn (200×50, TestBackend) in every mode; and the first frame from process start on
//! the bundled texts. Targets: first frame under 50 ms, each key under 16 ms, memory
//! under 100 MB. Run: `cargo bench --bench view`.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::corpus_text;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use treaty::view::{App, Theme, parse_keys};

/// texts/uncac with two drafts (the older one with a word changed in many clauses) and
/// annotations/uncac with `n` annotations on the newer one.
fn convention(root: &Path, n: usize) {
    let texts = root.join("texts/uncac");
    let notes = root.join("annotations/uncac");
    fs::create_dir_all(&texts).expect("mkdir");
    fs::create_dir_all(&notes).expect("mkdir");
    let new = String::from_utf8(corpus_text("un/uncac.2012-11-19.md")).expect("UTF-8");
    let old: String = new
        .lines()
        .enumerate()
        .map(|(k, l)| {
            if k % 7 == 0 {
                l.replacen("shall", "must", 1)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(texts.join("new.txt"), &new).expect("write");
    fs::write(texts.join("old.txt"), old).expect("write");
    fs::write(
        texts.join("convention.toml"),
        "[convention]\nid = \"uncac\"\ntitle = \"UNCAC\"\n\n[[versions]]\nlabel = \"old\"\nfile = \"old.txt\"\n\n[[versions]]\nlabel = \"new\"\nfile = \"new.txt\"\n",
    )
    .expect("write");
    let doc = treaty_parse::parse(new.as_bytes()).expect("parses");
    let mut toml = String::new();
    for a in common::generated_annotations(&doc, n, "new") {
        toml.push_str(&treaty_annotate::append("", &a).expect("writes"));
    }
    fs::write(notes.join("generated.toml"), toml).expect("write");
}

fn app(root: &Path) -> App {
    let data =
        treaty::view_data(&root.join("texts/uncac"), &root.join("annotations")).expect("loads");
    App::new(data, Theme { color: true })
}

fn draw(app: &mut App, t: &mut Terminal<TestBackend>) {
    t.draw(|f| app.draw(f)).expect("draws");
}

fn press(app: &mut App, keys: &str) {
    for k in parse_keys(keys).expect("keys") {
        app.key(k);
    }
}

/// Peak memory of this process so far (VmHWM), in MB.
fn peak_mb() -> f64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    convention(dir.path(), 10_000);
    let before = peak_mb();
    let mut a = app(dir.path());
    let mut t = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    draw(&mut a, &mut t);
    println!(
        "peak memory: {before:.0} MB before the app, {:.0} MB with it and a frame",
        peak_mb()
    );

    let mut group = c.benchmark_group("view uncac + 10,000 annotations");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("load, build and draw the first frame", |b| {
        b.iter(|| {
            let mut a = app(dir.path());
            draw(&mut a, &mut t);
        })
    });
    group.finish();

    // Every key with its redraw, in every mode. `setup` reaches the mode once; the
    // measured key leaves the app in a state where it can be pressed again.
    let modes: &[(&str, &str, &str)] = &[
        ("read: j", ":2<Enter>", "j"),
        ("read: next annotated ]", ":2<Enter>", "]"),
        ("outline: j", "<Tab><Tab>", "j"),
        ("commentary: j", ":2<Enter><Tab>", "j"),
        ("help: open and close", "", "?<Esc>"),
        ("jump: type and complete", "", ":4<Tab><BS><Esc>"),
        ("jump: go", "", ":46.9<Enter>"),
        ("search: n", "/information<Enter>", "n"),
        ("search: run", "", "/mutual legal assistance<Enter>"),
        ("filter: apply", ":2<Enter>", "fstance:concern<Enter>"),
        ("reference: follow and back", ":54.2<Enter>", "<Enter><BS>"),
        ("compare: j", "d<Enter>:46<Enter>", "j"),
        ("compare: next change }", "d<Enter>", "}"),
        ("compare side by side: j", "d<Enter>s:46<Enter>", "j"),
        ("history: open and close", ":46.9<Enter>", "h<Esc>"),
        (
            "read: Ctrl-E and Ctrl-Y, a line",
            ":46<Enter>",
            "<C-e><C-y>",
        ),
        ("read: Space and b, a page", ":46<Enter>", "<Space>b"),
        (
            "search as you type: a letter and Backspace",
            "/mutual legal assistanc",
            "e<BS>",
        ),
        (
            "outline filter as you type: a letter and Backspace",
            "<Tab><Tab>/preventi",
            "v<BS>",
        ),
        ("copy: y and Enter", ":46.9<Enter>", "y<Enter>"),
        (
            "annotate: open the form, type, cancel",
            ":46.9<Enter>",
            "aMe<Esc>",
        ),
    ];
    let mut group = c.benchmark_group("view key + redraw, uncac + 10,000 annotations, 200x50");
    group.sample_size(20);
    for (name, setup, key) in modes {
        let mut a = app(dir.path());
        press(&mut a, setup);
        draw(&mut a, &mut t);
        group.bench_function(*name, |b| {
            b.iter(|| {
                press(&mut a, key);
                draw(&mut a, &mut t);
            })
        });
    }
    group.finish();
    println!("peak memory after every mode: {:.0} MB", peak_mb());

    // A file changed on disk: everything read again and the frame redrawn, the cursor
    // kept on its clause (what the viewer does within a second of the change).
    let mut group = c.benchmark_group("view reload, uncac + 10,000 annotations, 200x50");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    let mut a = app(dir.path());
    press(&mut a, ":46.9<Enter>d<Enter>");
    draw(&mut a, &mut t);
    group.bench_function("read the files again, keep the place, redraw", |b| {
        b.iter(|| {
            let data = treaty::view_data(
                &dir.path().join("texts/uncac"),
                &dir.path().join("annotations"),
            )
            .expect("loads");
            a.reload(data);
            draw(&mut a, &mut t);
        })
    });
    group.finish();

    // From process start to the first frame, on the bundled sample.
    let bin = env!("CARGO_BIN_EXE_treaty");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut group = c.benchmark_group("view process");
    group.sample_size(20);
    group.bench_function("start, first frame of texts/sample, exit", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                let out = std::process::Command::new(bin)
                    .args(["view", "texts/sample", "--dump", "200x50"])
                    .current_dir(root)
                    .output()
                    .expect("runs");
                assert!(out.status.success());
            }
            start.elapsed()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
