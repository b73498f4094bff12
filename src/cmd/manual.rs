//! `treaty completions SHELL` and `treaty man`: generated from the same clap definitions
//! the command line uses, so they never fall behind it.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::cli::args::CompletionsArgs;

pub fn completions(a: &CompletionsArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command();
    clap_complete::generate(a.shell, &mut cmd, "treaty", out);
    Ok(ExitCode::SUCCESS)
}

pub fn man(out: &mut impl Write) -> anyhow::Result<ExitCode> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(ExitCode::SUCCESS)
}
