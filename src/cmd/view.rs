//! `treaty view`: the full-screen reader, or one frame of it as text (`--dump`).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use std::path::Path;

use anyhow::{Context, bail};
use treaty_project::{Convention, display};

use crate::cli::args::ViewArgs;
use crate::cli::{Color, Ctx};
use crate::view::{self, App, Data, Theme};

pub fn run(ctx: &Ctx, a: &ViewArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let dir = ctx.convention(a.dir.as_deref())?;
    let conv = Convention::open(&dir)?;
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
        out.write_all(view::play(&mut app, &keys, w, h).0.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if !io::stdout().is_terminal() {
        bail!("treaty view needs a terminal; to print one frame as text use --dump WIDTHxHEIGHT");
    }
    // Stopped by a signal: the exit code says so, as for any program a signal ends.
    let outcome = view::run(app)?;
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

/// The viewer's data for a convention folder and its commentary: every draft read,
/// the newest with the commentary placed on it.
pub fn load(conv: &Convention, annotations: &Path) -> anyhow::Result<Data> {
    let notes = treaty_project::annotations_of(&annotations.join(&conv.name))?;
    let (drafts, annotated) = treaty_project::open_annotated(conv, annotations)
        .with_context(|| format!("cannot open {}", display(&conv.dir)))?;
    // The folder as `texts/<name>`: what a user types from the project's folder.
    let short = conv
        .dir
        .parent()
        .and_then(Path::file_name)
        .map_or_else(String::new, |p| format!("{}/", p.to_string_lossy()))
        + &conv.name;
    let none = notes.is_empty();
    let mut data = Data::new(drafts, annotated, notes, &short);
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
