//! `treaty import`: a published text brought into a convention folder as canonical text.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use treaty_formats::Format;
use treaty_model::escape_controls;
use treaty_project::ImportTarget;

use crate::cli::Ctx;
use crate::cli::args::{ImportArgs, ImportFormat};

pub fn run(ctx: &Ctx, a: &ImportArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let source = treaty_project::read(&ctx.resolve(&a.file))?;
    if let Some(onto) = &a.onto {
        return amend(ctx, a, onto, &source, out);
    }
    let format = match a.from {
        Some(ImportFormat::Akn) => Format::Akn,
        Some(ImportFormat::Formex) => Format::Formex,
        Some(ImportFormat::Eurlex) => Format::EurLex,
        Some(ImportFormat::Html) => Format::Html,
        Some(ImportFormat::PdfText) => Format::PdfText,
        Some(ImportFormat::Text) => Format::Text,
        None => Format::detect(&source.bytes),
    };
    let imported = treaty_project::convert(&source.bytes, format, &source.name)?;
    for w in &imported.warnings {
        eprintln!(
            "warning: {}: {}",
            escape_controls(&source.name),
            escape_controls(&w.message)
        );
    }
    if a.stdout {
        out.write_all(imported.text.as_bytes())?;
    } else if let (Some(folder), Some(label)) = (&a.convention, &a.label) {
        let folder = target_folder(ctx, folder);
        let written = treaty_project::write_import(
            &imported,
            &ImportTarget {
                folder: &folder,
                label,
                date: a.date.as_deref(),
                source: &source.name,
                force: a.force,
                language: a.language.as_deref(),
            },
        )?;
        writeln!(
            out,
            "imported {} as {}",
            escape_controls(&source.name),
            escape_controls(&written)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The convention folder to write into: an existing one found as any path is, a new one
/// under the project's `texts/` when it is written that way (`texts/eu-ai-act`).
fn target_folder(ctx: &Ctx, folder: &Path) -> PathBuf {
    let found = ctx.resolve(folder);
    if found.exists()
        || folder
            .parent()
            .is_some_and(|p| p.as_os_str().is_empty() || p.is_dir())
    {
        return found;
    }
    match ctx.project() {
        Some(p) if p.root.join(folder).parent().is_some_and(Path::is_dir) => p.root.join(folder),
        _ => found,
    }
}

/// `--onto`: the amendments of FILE applied to a draft, written as a new draft.
fn amend(
    ctx: &Ctx,
    a: &ImportArgs,
    onto: &str,
    source: &treaty_project::Source,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let (Some(folder), Some(label)) = (&a.convention, &a.label) else {
        anyhow::bail!("--onto needs --convention DIR and --label NEW");
    };
    let folder = target_folder(ctx, folder);
    let conv = treaty_project::Convention::open(&folder)?;
    let base = conv.draft(onto)?;
    let text = std::str::from_utf8(&source.bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (byte {} is invalid)",
            escape_controls(&source.name),
            e.valid_up_to()
        )
    })?;
    let (result, count) = if treaty_formats::amendments::is_change_set(&source.bytes) {
        let changes = treaty_formats::amendments::read_change_set(text)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", escape_controls(&source.name)))?;
        eprintln!(
            "note: a change set gives runs of an article's words, not whole provisions, and no amendment numbers; compare the result with the published amendments (`treaty diff`)"
        );
        (
            treaty_formats::amend::apply_changes(&base.doc, &changes),
            changes.len(),
        )
    } else if treaty_formats::amendments::is_amendment_list(&source.bytes) {
        let list = treaty_formats::amendments::read(text)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", escape_controls(&source.name)))?;
        (treaty_formats::amend::apply(&base.doc, &list), list.len())
    } else {
        anyhow::bail!(
            "{} is not a list of amendments: give the European Parliament's published amendments (a table per amendment with the columns \"Text proposed by the Commission\" and \"Amendment\") or an Akoma Ntoso change set (akndiff:changeSet)",
            escape_controls(&source.name)
        );
    };
    let imported = treaty_formats::Imported {
        text: result.text,
        title: base.doc.title.clone(),
        warnings: Vec::new(),
    };
    let written = treaty_project::write_import(
        &imported,
        &ImportTarget {
            folder: &folder,
            label,
            date: a.date.as_deref(),
            source: &source.name,
            force: a.force,
            language: None,
        },
    )?;
    writeln!(
        out,
        "applied {} of {} amendments of {} to {onto}, written as {}; {} skipped",
        result.applied.len(),
        count,
        escape_controls(&source.name),
        escape_controls(&written),
        result.skipped.len()
    )?;
    // Why, grouped: the reason without the clause it names, and how many.
    let mut why: Vec<(String, Vec<String>)> = Vec::new();
    for (n, reason) in &result.skipped {
        let general: String = reason
            .split_whitespace()
            .map(|w| {
                if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    "N"
                } else {
                    w
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        match why.iter_mut().find(|(g, _)| *g == general) {
            Some((_, ns)) => ns.push(n.clone()),
            None => why.push((general, vec![n.clone()])),
        }
    }
    for (reason, numbers) in &why {
        let shown: Vec<&str> = numbers.iter().take(8).map(String::as_str).collect();
        writeln!(
            out,
            "  {} skipped: {} (amendments {}{})",
            numbers.len(),
            escape_controls(reason),
            shown.join(", "),
            if numbers.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
