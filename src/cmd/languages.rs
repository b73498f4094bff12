//! `treaty languages`: the language versions of a draft compared clause by clause, or
//! the change between two drafts compared across languages.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;
use treaty_lineage::languages::{self, LanguageChange, LanguageText};
use treaty_project::Convention;
use treaty_render::report;

use crate::cli::Ctx;
use crate::cli::args::{LanguagesArgs, ShowFormat};

pub fn run(ctx: &Ctx, a: &LanguagesArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let conv = Convention::open(&ctx.resolve(&a.dir))?;
    if let Some([old, new]) = a.between.as_deref() {
        return between(&conv, old, new, a.format, out);
    }
    let label = match &a.version {
        Some(l) => l.clone(),
        None => match conv.manifest.latest() {
            Some(v) => v.label.clone(),
            None => bail!("{} lists no drafts", treaty_project::display(&conv.dir)),
        },
    };
    let versions = conv.draft_languages(&label)?;
    if versions.len() < 2 {
        bail!(
            "draft `{label}` has one language; list its others in convention.toml (`languages = {{ fr = \"{label}.fr.txt\" }}`) or add them with `treaty import FILE --convention {} --label {label} --language CODE`",
            treaty_project::display(&conv.dir)
        );
    }
    let texts: Vec<LanguageText<'_>> = versions
        .iter()
        .map(|(l, d)| LanguageText {
            language: l.as_deref().unwrap_or("?"),
            draft: d,
        })
        .collect();
    let c = languages::compare(&texts);
    match a.format {
        ShowFormat::Text => report::languages_text(&label, &c, out)?,
        ShowFormat::Json => report::languages_json(&label, &c, out)?,
    }
    Ok(super::findings(c.structure_differs()))
}

/// The change OLD → NEW in each language both drafts have.
fn between(
    conv: &Convention,
    old: &str,
    new: &str,
    format: ShowFormat,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let (o, n) = (conv.version(old)?, conv.version(new)?);
    let common: Vec<String> = o
        .language_codes()
        .into_iter()
        .filter(|l| n.file_in(Some(l)).is_some())
        .map(str::to_owned)
        .collect();
    if common.len() < 2 {
        bail!(
            "`{old}` and `{new}` share {} language{}: comparing a change across languages needs two",
            common.len(),
            if common.len() == 1 { "" } else { "s" }
        );
    }
    let diffs = treaty_par::map(&common, |l| -> anyhow::Result<_> {
        let c = conv.clone().in_language(l)?;
        let (a, b) = (c.draft(old)?, c.draft(new)?);
        Ok(treaty_diff::diff(&(&a).into(), &(&b).into()))
    })
    .into_iter()
    .collect::<anyhow::Result<Vec<_>>>()?;
    let changes: Vec<LanguageChange<'_>> = common
        .iter()
        .zip(&diffs)
        .map(|(l, d)| LanguageChange {
            language: l,
            diff: d,
        })
        .collect();
    let uneven = languages::between(&changes);
    match format {
        ShowFormat::Text => report::between_text(old, new, &common, &uneven, out)?,
        ShowFormat::Json => report::between_json(old, new, &common, &uneven, out)?,
    }
    Ok(super::findings(!uneven.is_empty()))
}
