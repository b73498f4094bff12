//! `treaty annotations`: the annotations of the project, filtered.

use std::io::Write;
use std::process::ExitCode;

use treaty_annotate::Filter;
use treaty_render::report;

use crate::cli::Ctx;
use crate::cli::args::{AnnotationsArgs, ShowFormat};

pub fn run(ctx: &Ctx, a: &AnnotationsArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let filter = Filter {
        clause: a.clause.as_deref().map(str::parse).transpose()?,
        tag: a.tag.clone(),
        author: a.author.clone(),
        stance: a.stance,
        version: a.version.clone(),
        words: None,
    };
    let dir = ctx.annotations(a.annotations.as_deref())?;
    let (listed, troubled) = treaty_project::list(&dir, a.convention.as_deref(), &filter)?;
    if troubled > 0 {
        eprintln!(
            "warning: {troubled} annotation file{} could not be read in full; run `treaty check` to see why",
            if troubled == 1 { "" } else { "s" }
        );
    }
    match a.format {
        ShowFormat::Text => {
            report::annotations_text(&listed, out)?;
            if listed.is_empty() {
                eprintln!("no annotations match");
            }
        }
        ShowFormat::Json => report::annotations_json(&listed, out)?,
    }
    Ok(ExitCode::SUCCESS)
}
