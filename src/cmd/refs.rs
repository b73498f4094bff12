//! `treaty refs` and `treaty lint`: a text's cross-references, what refers to a clause,
//! and references that point at the wrong clause.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use treaty_model::{ClauseId, Draft};
use treaty_project::{Convention, DraftRef};
use treaty_refs::Reference;
use treaty_render::report;

use crate::cli::Ctx;
use crate::cli::args::{CheckFormat, LintArgs, RefsArgs};

/// A text file, the latest draft present in a convention folder, or with none the
/// bundled sample; and the convention, when it was a folder.
fn open(ctx: &Ctx, input: Option<&Path>) -> anyhow::Result<(Draft, Option<Convention>)> {
    let Some(input) = input else {
        return Ok((super::bundled(), None));
    };
    let input = ctx.resolve(input);
    if input.is_dir() {
        let conv = Convention::open(&input)?;
        return Ok((conv.latest()?, Some(conv)));
    }
    Ok((treaty_project::draft(&input)?, None))
}

pub fn refs(ctx: &Ctx, a: &RefsArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let (draft, _) = open(ctx, a.file.as_deref())?;
    let refs = treaty_refs::find(&draft.doc);
    let check = |id: &str| -> anyhow::Result<ClauseId> {
        let id: ClauseId = id.parse()?;
        if !id.is_document() && draft.doc.find(&id).is_none() {
            bail!("{}: there is no clause {id}", draft.origin);
        }
        Ok(id)
    };
    let (from, target) = (
        a.id.as_deref().map(check).transpose()?,
        a.to.as_deref().map(check).transpose()?,
    );
    let chosen: Vec<&Reference> = refs
        .iter()
        .filter(|r| from.as_ref().is_none_or(|f| f.contains(&r.from)))
        .filter(|r| target.as_ref().is_none_or(|t| r.concerns(t)))
        .collect();
    match a.format {
        CheckFormat::Json => report::refs_json(&chosen, out)?,
        CheckFormat::Text => report::refs_text(&draft.doc, chosen, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn lint(ctx: &Ctx, a: &LintArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let (draft, conv) = open(ctx, a.file.as_deref())?;
    let previous = match &a.previous {
        Some(p) => Some(match DraftRef::new(p, conv.as_ref()) {
            DraftRef::File(f) => treaty_project::draft(&ctx.resolve(&f))?,
            label => label.read(conv.as_ref())?,
        }),
        None => None,
    };
    let refs = treaty_refs::find(&draft.doc);
    let findings = treaty_lineage::lint(&draft, &refs, previous.as_ref());
    match a.format {
        CheckFormat::Json => report::lint_json(&draft, &findings, out)?,
        CheckFormat::Text => report::lint_text(&draft, &findings, ctx.stdout_style(), out)?,
    }
    Ok(super::findings(!findings.is_empty()))
}
