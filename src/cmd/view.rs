//! `treaty view`: the full-screen reader, or one frame of it as text (`--dump`).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use std::path::Path;

use anyhow::{Context, bail};
use treaty_project::{Convention, display};

use crate::cli::args::ViewArgs;
use crate::cli::{Color, Ctx};
use crate::view::{self, App, Data, NewNote, Reply, Request, Theme};

pub fn run(ctx: &Ctx, a: &ViewArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let dir = ctx.convention(a.dir.as_deref())?;
    let mut conv = Convention::open(&dir)?;
    if let Some(l) = &a.language {
        conv = conv.in_language(l)?;
    }
    let annotations = ctx.annotations_for(&dir, a.annotations.as_deref());
    // Bad annotation files stop here, with the same messages as `treaty check`, before
    // the screen is taken.
    if annotations.join(&conv.name).is_dir() {
        let texts = dir.parent().unwrap_or(std::path::Path::new("."));
        let report = treaty_project::check(texts, &annotations, Some(&conv.name))?;
        if report.errors() > 0 {
            let mut err = io::stderr();
            treaty_render::report::check_text(&report, ctx.stderr_style(), &mut err)?;
            bail!("fix the annotation files above, then run `treaty view` again");
        }
    }
    let data = load(&conv, &annotations)?;
    let theme = match ctx.color {
        Color::Never => Theme::mono(),
        Color::Always => Theme { color: true },
        Color::Auto => Theme::from_env(),
    };
    let mut app = App::new(data, theme);
    if let Some(size) = &a.dump {
        let (w, h) = size
            .split_once(['x', 'X'])
            .and_then(|(w, h)| Some((w.parse::<u16>().ok()?, h.parse::<u16>().ok()?)))
            .with_context(|| {
                format!("--dump {size}: write the size as WIDTHxHEIGHT, such as 100x30")
            })?;
        let keys = view::parse_keys(a.keys.as_deref().unwrap_or(""))?;
        // Only a change of language is carried out in a dump: nothing is written.
        let mut language_only = |request: Request| match request {
            Request::Language(l) => Some(in_language(&conv, &annotations, &l)),
            _ => None,
        };
        let frame = view::play_with(&mut app, &keys, w, h, &mut language_only).0;
        out.write_all(frame.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if !io::stdout().is_terminal() {
        bail!("treaty view needs a terminal; to print one frame as text use --dump WIDTHxHEIGHT");
    }
    // Stopped by a signal: the exit code says so, as for any program a signal ends.
    let texts = dir.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut seen = fingerprint(&conv.dir, &annotations.join(&conv.name));
    // The language shown, as `L` changes it.
    let mut language = conv.language.clone();
    let mut on = |request: Request| -> Option<Reply> {
        if let Request::Language(l) = &request {
            let reply = in_language(&conv, &annotations, l);
            if matches!(reply, Reply::Reload(..)) {
                language = Some(l.clone());
            }
            return Some(reply);
        }
        // Everything is read again, the manifest too (a draft may have been imported).
        let read = || -> anyhow::Result<Data> {
            let mut again = Convention::open(&conv.dir)?;
            if let Some(l) = &language {
                again = again.in_language(l)?;
            }
            load(&again, &annotations)
        };
        let reload = |said: String| match read() {
            Ok(data) => Reply::Reload(Box::new(data), said),
            Err(e) => Reply::Refused(format!("Could not read the files again: {e:#}")),
        };
        match request {
            Request::Add(note) => Some(
                match add_note(&texts, &annotations, &conv, language.as_deref(), note) {
                    Ok(said) => {
                        seen = fingerprint(&conv.dir, &annotations.join(&conv.name));
                        match read() {
                            Ok(data) => Reply::Written(Box::new(data), said),
                            Err(e) => {
                                Reply::Refused(format!("{said} Could not read it back: {e:#}"))
                            }
                        }
                    }
                    Err(e) => Reply::Refused(format!("Not written: {e:#}")),
                },
            ),
            Request::Edit { file, line } => Some(match edit(&file, Some(line)) {
                Ok(()) => {
                    seen = fingerprint(&conv.dir, &annotations.join(&conv.name));
                    reload(format!("Reloaded after editing {}.", display(&file)))
                }
                Err(e) => Reply::Refused(format!("{e:#}")),
            }),
            Request::Body(body) => Some(match edit_body(&body) {
                Ok(body) => Reply::Body(body),
                Err(e) => Reply::Refused(format!("{e:#}")),
            }),
            Request::Refresh => {
                let now = fingerprint(&conv.dir, &annotations.join(&conv.name));
                (now != seen).then(|| {
                    seen = now;
                    reload("The files changed on disk: reloaded.".to_owned())
                })
            }
            Request::Language(_) => None,
        }
    };
    let outcome = view::run(app, &mut on)?;
    // Terminals that refuse the clipboard escape drop it silently: the last copied
    // text is printed too, once the screen is given back.
    if let Some(text) = &outcome.copied {
        writeln!(out, "Copied: {}", treaty_model::escape_controls(text))?;
    }
    match outcome.signal {
        Some(signal) => Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// The viewer's data with the drafts read in another language, or why not.
fn in_language(conv: &Convention, annotations: &Path, language: &str) -> Reply {
    let read = || -> anyhow::Result<Data> {
        load(
            &Convention::open(&conv.dir)?.in_language(language)?,
            annotations,
        )
    };
    match read() {
        Ok(data) => Reply::Reload(Box::new(data), format!("Reading the `{language}` text.")),
        Err(e) => Reply::Refused(format!("Cannot read the `{language}` text: {e:#}")),
    }
}

/// The viewer's data for a convention folder and its commentary: every draft read,
/// the newest with the commentary placed on it.
pub fn load(conv: &Convention, annotations: &Path) -> anyhow::Result<Data> {
    // The annotation files are read once: for the commentary, and for where each
    // annotation is written (for `e`).
    let files = treaty_project::annotation_files(&annotations.join(&conv.name))?;
    let notes: Vec<treaty_annotate::Annotation> = files
        .iter()
        .flat_map(|f| f.file.annotations.iter().cloned())
        .collect();
    let (drafts, annotated) = treaty_project::open_annotated_with(conv, &notes)
        .with_context(|| format!("cannot open {}", display(&conv.dir)))?;
    // The folder as `texts/<name>`: what a user types from the project's folder.
    let short = conv
        .dir
        .parent()
        .and_then(Path::file_name)
        .map_or_else(String::new, |p| format!("{}/", p.to_string_lossy()))
        + &conv.name;
    let none = notes.is_empty();
    let mut sources = std::collections::HashMap::new();
    for f in &files {
        // Lines counted once through the file, table by table in the order they start.
        let mut starts: Vec<(usize, &str)> = f
            .file
            .annotations
            .iter()
            .map(|a| (a.at.table.start.min(f.source.len()), a.id.as_str()))
            .collect();
        starts.sort_unstable();
        let (mut at, mut line) = (0, 1);
        for (start, id) in starts {
            line += memchr::memchr_iter(b'\n', &f.source.as_bytes()[at..start]).count();
            at = start;
            sources.insert(id.to_owned(), (f.path.clone(), line));
        }
    }
    let mut data = Data::new(drafts, annotated, notes, &short);
    data.sources = sources;
    data.author = remembered_author();
    // The draft shown in its other languages, for the split.
    if let Ok(v) = conv.version(&data.label) {
        let shown = conv.language.as_deref().or(v.language.as_deref());
        data.language = shown.map(str::to_owned);
        data.languages = v.language_codes().into_iter().map(str::to_owned).collect();
        for (l, file) in v.language_files() {
            let Some(l) = l.filter(|l| Some(*l) != shown) else {
                continue;
            };
            let path = conv.dir.join(file);
            if let Ok(source) = treaty_project::read(&path)
                && let Ok(draft) = source.parse(data.label.clone())
            {
                data.parallel.push((l.to_owned(), draft.doc));
            }
        }
    }
    if none && data.export.is_some() {
        data.no_notes = Some(format!(
            "No commentary on `{name}` yet. Write some from the shell: treaty annotate add --convention {name} --clause ID --author NAME --stance note --body TEXT; or write a TOML file in {dir}/ (treaty annotate add --help says more).",
            name = conv.name,
            dir = display(&annotations.join(&conv.name)),
        ));
    }
    Ok(data)
}

/// [`load`] from a folder's path.
pub fn load_dir(dir: &Path, annotations: &Path) -> anyhow::Result<Data> {
    load(&Convention::open(dir)?, annotations)
}

/// What the files a viewer shows look like on disk (names, sizes, times), to notice a
/// change made by another program.
fn fingerprint(
    texts: &Path,
    notes: &Path,
) -> Vec<(std::path::PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut out = Vec::new();
    for dir in [texts, notes] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            if let Ok(m) = e.metadata() {
                out.push((e.path(), m.len(), m.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// Where the author last written from the viewer is kept, for the next form.
fn author_file() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))?;
    Some(base.join("treaty").join("author"))
}

fn remembered_author() -> Option<String> {
    let text = std::fs::read_to_string(author_file()?).ok()?;
    Some(text.trim().to_owned()).filter(|a| !a.is_empty())
}

/// Write a note from the viewer's form as `treaty annotate add` would, on the draft
/// shown, and remember its author.
fn add_note(
    texts: &Path,
    annotations: &Path,
    conv: &Convention,
    language: Option<&str>,
    note: NewNote,
) -> anyhow::Result<String> {
    let stance = note.stance.parse().map_err(anyhow::Error::msg)?;
    let added = treaty_project::add(
        texts,
        annotations,
        treaty_project::NewAnnotation {
            convention: conv.name.clone(),
            clause: note.clause.to_string(),
            version: Some(note.version),
            language: language.map(str::to_owned),
            id: None,
            quote: note.quote,
            prefix: None,
            suffix: None,
            author: note.author.clone(),
            source: None,
            date: None,
            tags: note.tags,
            stance,
            body: note.body,
            file: None,
        },
    )?;
    if let Some(path) = author_file() {
        let old = std::fs::read(&path).ok();
        let _ = treaty_project::write_atomic(&path, old.as_deref(), |w| {
            w.write_all(note.author.as_bytes())
        });
    }
    Ok(format!("Added {} to {}.", added.id, added.file))
}

/// Open `file` in the user's editor (`$VISUAL`, `$EDITOR`, else `vi`), at `line`.
fn edit(file: &Path, line: Option<usize>) -> anyhow::Result<()> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let mut cmd = std::process::Command::new(program);
    cmd.args(words);
    if let Some(n) = line {
        cmd.arg(format!("+{n}"));
    }
    let status = cmd
        .arg(file)
        .status()
        .with_context(|| format!("cannot start the editor `{editor}`: set $EDITOR"))?;
    if !status.success() {
        bail!("the editor `{editor}` exited with {status}");
    }
    Ok(())
}

/// A body written in the editor, from what the form held.
fn edit_body(body: &str) -> anyhow::Result<String> {
    let mut tmp = tempfile::Builder::new()
        .prefix("treaty-body-")
        .suffix(".md")
        .tempfile()?;
    tmp.write_all(body.as_bytes())?;
    tmp.flush()?;
    edit(tmp.path(), None)?;
    Ok(std::fs::read_to_string(tmp.path())?.trim_end().to_owned())
}
