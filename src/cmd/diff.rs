//! `treaty diff`: what changed between two drafts, structurally, in the format asked.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use treaty_model::Draft;
use treaty_project::{Convention, display};
use treaty_render::diff::{self, Filter};

use crate::cli::Ctx;
use crate::cli::args::{DiffArgs, DiffFormat};

pub fn run(ctx: &Ctx, a: &DiffArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let (old, new) = load_pair(ctx, &a.inputs, a.language.as_deref())?;
    let d = treaty_diff::diff(&(&old).into(), &(&new).into());
    let filter = Filter {
        show_formatting: a.show_formatting,
        unit: a.article.as_deref().map(str::parse).transpose()?,
        clause: a.clause.as_deref().map(str::parse).transpose()?,
    };
    match a.format {
        DiffFormat::Summary => diff::summary(&d, &filter, out)?,
        DiffFormat::Word => diff::words(&d, &filter, treaty_render::Style::Plain, out)?,
        DiffFormat::Text => diff::words(&d, &filter, ctx.stdout_style(), out)?,
        DiffFormat::SideBySide => {
            let width = a
                .width
                .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
                .unwrap_or(120);
            diff::side_by_side(&d, &filter, ctx.stdout_style(), width, out)?;
        }
        DiffFormat::Unified => diff::unified(&d, &filter, &old, &new, out)?,
        DiffFormat::Markdown => diff::markdown(&d, &filter, out)?,
        DiffFormat::Html => diff::html(&d, &filter, out)?,
        DiffFormat::Json => treaty_render::json::write(out, &d)?,
    }
    let found = !d.is_empty();
    super::leave((old, new, d));
    Ok(super::findings(found))
}

/// `OLD NEW` (files, one of them perhaps `-`) or `DIR OLD-LABEL NEW-LABEL`, read and
/// parsed at once, in `language` for a convention with language versions. The diff is
/// about changes, not the texts' own numbering warnings (`treaty parse` shows those), so
/// they are not printed.
pub fn load_pair(
    ctx: &Ctx,
    inputs: &[std::path::PathBuf],
    language: Option<&str>,
) -> anyhow::Result<(Draft, Draft)> {
    match inputs {
        [_, _] if language.is_some() => bail!(
            "--language picks a language version of a convention's drafts: give a convention folder and two labels (`treaty diff texts/udhr OLD NEW --language fr`), or the two files of that language"
        ),
        [old, new] => {
            if old == Path::new("-") && new == Path::new("-") {
                bail!(
                    "only one side of a diff can come from standard input (`-`): give the other as a file"
                );
            }
            // Each side is labelled as it was written: a path, or `-`.
            let read = |p: &Path| {
                treaty_project::draft(&ctx.resolve(p)).map(|mut d| {
                    d.label = display(p);
                    d
                })
            };
            let size = |p: &Path| {
                std::fs::metadata(ctx.resolve(p)).map_or(usize::MAX, |m| {
                    usize::try_from(m.len()).unwrap_or(usize::MAX)
                })
            };
            let small = size(old).saturating_add(size(new)) < treaty_par::WORTH_A_THREAD;
            let (o, n) =
                treaty_par::alone_if(small, || treaty_par::both(|| read(old), || read(new)));
            Ok((o?, n?))
        }
        [dir, old, new] => {
            let mut conv = Convention::open(&ctx.resolve(dir))?;
            if let Some(l) = language {
                conv = conv.in_language(l)?;
            }
            let (o, n) = (old.to_string_lossy(), new.to_string_lossy());
            // Both labels must exist before anything is read.
            conv.version(&o)?;
            conv.version(&n)?;
            let (o, n) = treaty_par::both(|| conv.draft(&o), || conv.draft(&n));
            Ok((o?, n?))
        }
        _ => bail!("give two files, or a convention folder and two version labels"),
    }
}
