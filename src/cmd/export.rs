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
    if !a.languages.is_empty() {
        let mut buf: Vec<u8> = Vec::new();
        parallel(ctx, &input, a, &sel, &mut buf)?;
        return emit(ctx, a, &buf, out);
    }
    let e = annotated(ctx, &input, a)?;
    for id in &sel.clauses {
        if e.draft.doc.find(id).is_none() {
            bail!("there is no clause {id} in {}", display(&input));
        }
    }
    let mut buf: Vec<u8> = Vec::new();
    export::write(format, &e, &sel, &mut buf)?;
    emit(ctx, a, &buf, out)
}

/// The export to its file (atomically) or to standard output.
fn emit(ctx: &Ctx, a: &ExportArgs, buf: &[u8], out: &mut impl Write) -> anyhow::Result<ExitCode> {
    match a.output.as_deref() {
        Some(path) if path != Path::new("-") => {
            let path = ctx.resolve(path);
            let old = std::fs::read(&path).ok();
            treaty_project::write_atomic(&path, old.as_deref(), |w| w.write_all(buf))?;
            eprintln!("wrote {}", display(&path));
        }
        _ => out.write_all(buf)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `--languages en,fr`: the newest draft in each language, side by side.
fn parallel(
    ctx: &Ctx,
    input: &Path,
    a: &ExportArgs,
    sel: &Selection,
    out: &mut Vec<u8>,
) -> anyhow::Result<()> {
    if !input.is_dir() {
        bail!(
            "--languages needs a convention folder whose drafts have language versions, not a text file"
        );
    }
    let conv = Convention::open(input)?;
    let annotations = ctx.annotations_for(input, a.annotations.as_deref());
    let mut drafts = Vec::new();
    for l in &a.languages {
        let (_, e) = treaty_project::open_annotated(&conv.clone().in_language(l)?, &annotations)?;
        let Some(e) = e else {
            bail!("no draft of {} has a `{l}` text there", display(input));
        };
        drafts.push((l.as_str(), e));
    }
    if let Some((l, e)) = drafts
        .iter()
        .find(|(_, e)| e.version() != drafts[0].1.version())
    {
        bail!(
            "the newest draft in `{l}` is {}, not {} as in `{}`: give each language a text of the same draft",
            e.version().unwrap_or("?"),
            drafts[0].1.version().unwrap_or("?"),
            drafts[0].0
        );
    }
    let columns: Vec<(&str, &AnnotatedDraft)> = drafts.iter().map(|(l, e)| (*l, e)).collect();
    export::write_parallel_html(&columns, sel, out)?;
    Ok(())
}

/// Refuse what a format cannot do, before anything is read.
fn check_options(a: &ExportArgs, format: Format, sel: &Selection) -> anyhow::Result<()> {
    if !a.languages.is_empty() && format != Format::Html {
        bail!(
            "--languages sets the languages side by side in --format html only; for one language use --language"
        );
    }
    if !a.languages.is_empty() && a.with_diff.is_some() {
        bail!(
            "--languages and --with-diff do not combine: show the changes in one language with --language"
        );
    }
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
    if !input.is_dir() && a.language.is_some() {
        bail!(
            "--language picks a language version of a convention's draft: give the convention folder, or export the text file of that language"
        );
    }
    if !input.is_dir() {
        let mut e = AnnotatedDraft::bare(treaty_project::draft(input)?);
        if let Some(old) = &a.with_diff {
            let old = DraftRef::new(old, None).read(None)?;
            e.compare_with(&old);
        }
        return Ok(e);
    }
    let mut conv = Convention::open(input)?;
    if let Some(l) = &a.language {
        conv = conv.in_language(l)?;
    }
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
