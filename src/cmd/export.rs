//! `treaty export`: a draft with its commentary, in the formats colleagues use.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use treaty_annotate::Filter;
use treaty_lineage::AnnotatedDraft;
use treaty_model::ClauseId;
use treaty_project::{Convention, DraftRef, display};
use treaty_render::export::{self, Format, Selection};

use crate::cli::Ctx;
use crate::cli::args::{ExportArgs, ExportFormat};

pub fn run(ctx: &Ctx, a: &ExportArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let format = match a.format {
        ExportFormat::Text => Format::Text,
        ExportFormat::Md => Format::Markdown,
        ExportFormat::Html => Format::Html,
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv if a.csv_raw => Format::CsvRaw,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Akn => Format::Akn,
        ExportFormat::W3c => Format::W3c,
    };
    let sel = Selection {
        clauses: a
            .clauses
            .iter()
            .map(|c| c.parse::<ClauseId>())
            .collect::<Result<_, _>>()?,
        filter: Filter {
            tag: a.tag.clone(),
            author: a.author.clone(),
            stance: a.stance,
            ..Filter::default()
        },
    };
    check_options(a, format, &sel)?;
    let input = ctx.convention(a.input.as_deref())?;
    let e = annotated(ctx, &input, a)?;
    for id in &sel.clauses {
        if e.draft.doc.find(id).is_none() {
            bail!("there is no clause {id} in {}", display(&input));
        }
    }
    let mut buf: Vec<u8> = Vec::new();
    export::write(format, &e, &sel, &mut buf)?;
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

/// Refuse what a format cannot do, before anything is read.
fn check_options(a: &ExportArgs, format: Format, sel: &Selection) -> anyhow::Result<()> {
    if a.csv_raw && !matches!(format, Format::Csv | Format::CsvRaw) {
        bail!("--csv-raw works with --format csv only");
    }
    if a.with_diff.is_some() && !format.shows_changes() {
        bail!(
            "--with-diff works with --format md, html, json or csv; the text, akn and w3c formats carry one draft only"
        );
    }
    if !sel.clauses.is_empty() && !format.selects_clauses() {
        bail!(
            "--clauses works with --format md, html, json, csv or w3c; the text and akn formats write the whole draft, so that it reads back as one"
        );
    }
    if sel.filter.narrows_content() && !format.carries_commentary() {
        bail!(
            "--tag, --author and --stance choose commentary, which the text format does not carry; use --format md, html, json, csv, akn or w3c"
        );
    }
    Ok(())
}

/// The draft to export with its commentary: the latest draft of a convention folder, or
/// a text file on its own; compared with an older draft when asked.
fn annotated(ctx: &Ctx, input: &Path, a: &ExportArgs) -> anyhow::Result<AnnotatedDraft> {
    if !input.is_dir() {
        let mut e = AnnotatedDraft::bare(treaty_project::draft(input)?);
        if let Some(old) = &a.with_diff {
            let old = DraftRef::new(old, None).read(None)?;
            e.compare_with(&old);
        }
        return Ok(e);
    }
    let conv = Convention::open(input)?;
    let annotations = ctx.annotations_for(input, a.annotations.as_deref());
    let (drafts, annotated) = treaty_project::open_annotated(&conv, &annotations)?;
    let Some(mut e) = annotated else {
        bail!("none of the drafts listed in {} is there", display(input));
    };
    if let Some(old) = &a.with_diff {
        let old = match DraftRef::new(old, Some(&conv)) {
            DraftRef::Label(l) => match drafts.draft(drafts.index(&l)?) {
                Some(d) => d.clone(),
                None => conv.draft(&l)?,
            },
            file => file.read(Some(&conv))?,
        };
        e.compare_with(&old);
    }
    Ok(e)
}
