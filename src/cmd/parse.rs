//! `treaty parse`: the outline of a text, or its whole clause tree as JSON.

use std::io::Write;
use std::process::ExitCode;

use treaty_render::{json, text};

use crate::cli::Ctx;
use crate::cli::args::{ParseArgs, ParseFormat};

pub fn run(ctx: &Ctx, a: &ParseArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let draft = match &a.file {
        Some(path) => treaty_project::draft(&ctx.resolve(path))?,
        None => super::bundled(),
    };
    ctx.warn(&draft);
    match a.format {
        ParseFormat::Outline => text::outline(&draft.doc, out)?,
        ParseFormat::Json => json::parse(&draft.doc, out)?,
    }
    super::leave(draft);
    Ok(ExitCode::SUCCESS)
}
