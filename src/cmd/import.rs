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
