//! `treaty check`: every annotation file against the drafts it names; with `--against
//! LABEL`, what became of every annotation on that draft.

use std::io::Write;
use std::process::ExitCode;

use treaty_lineage::Status;
use treaty_render::report;

use crate::cli::Ctx;
use crate::cli::args::{CheckArgs, CheckFormat};

pub fn run(ctx: &Ctx, a: &CheckArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let texts = ctx.texts(a.texts.as_deref())?;
    let annotations = ctx.annotations(a.annotations.as_deref())?;
    treaty_project::require_dir(&annotations, "annotations", "--annotations")?;
    if let Some(label) = &a.against {
        let carried =
            treaty_project::against(&texts, &annotations, a.convention.as_deref(), label)?;
        match a.format {
            CheckFormat::Text => report::carry_text(&carried, label, out)?,
            CheckFormat::Json => report::carry_json(&carried, label, out)?,
        }
        let attention = carried
            .iter()
            .flat_map(|(_, l)| l)
            .any(|c| matches!(c.status, Status::Orphaned | Status::Uncertain));
        return Ok(super::findings(attention));
    }
    let found = treaty_project::check(&texts, &annotations, a.convention.as_deref())?;
    match a.format {
        CheckFormat::Text => report::check_text(&found, ctx.stdout_style(), out)?,
        CheckFormat::Json => report::check_json(&found, out)?,
    }
    Ok(super::findings(found.errors() > 0))
}
