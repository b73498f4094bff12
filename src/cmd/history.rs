//! `treaty history`: one clause in every draft, followed through its lineage.

use std::io::Write;
use std::process::ExitCode;

use treaty_model::ClauseId;
use treaty_project::Convention;
use treaty_render::report;

use crate::cli::Ctx;
use crate::cli::args::{HistoryArgs, ShowFormat};

pub fn run(ctx: &Ctx, a: &HistoryArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let id: ClauseId = a.id.parse()?;
    let mut conv = Convention::open(&ctx.resolve(&a.dir))?;
    if let Some(l) = &a.language {
        conv = conv.in_language(l)?;
    }
    // Quiet about the drafts' own numbering warnings: `treaty parse` shows those.
    let mut drafts = conv.drafts()?;
    let steps = treaty_lineage::history(&mut drafts, &id, a.version.as_deref())?;
    match a.format {
        ShowFormat::Text => report::history_text(&steps, ctx.stdout_style(), out)?,
        ShowFormat::Json => report::history_json(&id, &steps, out)?,
    }
    Ok(ExitCode::SUCCESS)
}
