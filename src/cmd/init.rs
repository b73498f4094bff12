//! `treaty init`: an empty project.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use treaty_model::escape_controls;
use treaty_project::display;

use crate::cli::args::InitArgs;

pub fn run(a: &InitArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let dir = a.dir.as_deref().unwrap_or(Path::new("."));
    let created = treaty_project::init(dir)?;
    for p in &created.made {
        writeln!(out, "created {}", escape_controls(&display(p)))?;
    }
    writeln!(
        out,
        "next: treaty import FILE --convention {} --label LABEL",
        escape_controls(&display(&dir.join("texts").join("NAME")))
    )?;
    Ok(ExitCode::SUCCESS)
}
