//! `treaty synopsis`: every draft of a convention lined up, a row per clause lineage.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use treaty_project::{Convention, display};
use treaty_render::synopsis as render;

use crate::cli::Ctx;
use crate::cli::args::{SynopsisArgs, SynopsisFormat};

pub fn run(ctx: &Ctx, a: &SynopsisArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    if a.csv_raw && a.format != SynopsisFormat::Csv {
        bail!("--csv-raw works with --format csv only");
    }
    let dir = ctx.resolve(&a.dir);
    let mut conv = Convention::open(&dir)?;
    if let Some(l) = &a.language {
        conv = conv.in_language(l)?;
    }
    // The commentary is placed on the newest draft, for the HTML margin.
    let annotations = ctx.annotations_for(&dir, a.annotations.as_deref());
    let (mut drafts, annotated) = if a.format == SynopsisFormat::Html {
        treaty_project::open_annotated(&conv, &annotations)?
    } else {
        (conv.drafts()?, None)
    };
    if drafts.present().is_empty() {
        bail!(
            "none of the drafts listed in {} is there: import one with `treaty import`",
            display(&dir.join("convention.toml"))
        );
    }
    let s = treaty_lineage::synopsis::synopsis(&mut drafts);
    let rows = render::rows(&s, &a.articles, a.changed);
    if rows.is_empty() && !a.articles.is_empty() {
        bail!(
            "no clause of {} is in article {}",
            display(&dir),
            a.articles.join(", ")
        );
    }
    let mut buf = Vec::new();
    match a.format {
        SynopsisFormat::Md => render::markdown(&s, &rows, &mut buf)?,
        SynopsisFormat::Html => {
            let notes = annotated.as_ref().map_or(&[][..], |e| e.items.as_slice());
            render::html(&s, &rows, notes, &mut buf)?;
        }
        SynopsisFormat::Csv => render::csv(&s, &rows, a.csv_raw, &mut buf)?,
        SynopsisFormat::Json => render::json(&s, &rows, &mut buf)?,
        SynopsisFormat::Concordance => render::concordance(&s, &rows, &mut buf)?,
    }
    match a.output.as_deref() {
        Some(path) if path != Path::new("-") => {
            let path = ctx.resolve(path);
            let old = std::fs::read(&path).ok();
            treaty_project::write_atomic(&path, old.as_deref(), |w| w.write_all(&buf))?;
            eprintln!("wrote {}", display(&path));
        }
        _ => out.write_all(&buf)?,
    }
    Ok(ExitCode::SUCCESS)
}
