//! One file per subcommand: each resolves its arguments against the context, asks the
//! library crates for the result, renders it, and says which exit code it earned.

mod annotate;
mod annotations;
mod check;
mod diff;
mod export;
mod history;
mod import;
mod init;
mod languages;
mod list;
mod manual;
mod parse;
mod refs;
mod show;
mod synopsis;
pub(crate) mod view;

use std::io::{self, Write};
use std::process::ExitCode;

use treaty_model::Draft;

use crate::cli::args::{AnnotateAction, Command};
use crate::cli::{Cli, Ctx};

/// Run one command line.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let ctx = Ctx::new(cli);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match &cli.command {
        Command::Parse(a) => parse::run(&ctx, a, &mut out)?,
        Command::Show(a) => show::run(&ctx, a, &mut out)?,
        Command::Check(a) => check::run(&ctx, a, &mut out)?,
        Command::Annotations(a) => annotations::run(&ctx, a, &mut out)?,
        Command::Diff(a) => diff::run(&ctx, a, &mut out)?,
        Command::History(a) => history::run(&ctx, a, &mut out)?,
        Command::Export(a) => export::run(&ctx, a, &mut out)?,
        Command::Import(a) => import::run(&ctx, a, &mut out)?,
        Command::Annotate {
            action: AnnotateAction::Add(a),
        } => annotate::add(&ctx, a, &mut out)?,
        Command::View(a) => view::run(&ctx, a, &mut out)?,
        Command::Refs(a) => refs::refs(&ctx, a, &mut out)?,
        Command::Lint(a) => refs::lint(&ctx, a, &mut out)?,
        Command::Init(a) => init::run(a, &mut out)?,
        Command::Languages(a) => languages::run(&ctx, a, &mut out)?,
        Command::Synopsis(a) => synopsis::run(&ctx, a, &mut out)?,
        Command::List(a) => list::run(&ctx, a, &mut out)?,
        Command::Completions(a) => manual::completions(a, &mut out)?,
        Command::Man => manual::man(&mut out)?,
    };
    out.flush()?;
    Ok(code)
}

/// Leave a command's large values to the end of the process instead of freeing them
/// node by node: the command returns to `main`, which exits, and the system takes the
/// memory back at once (freeing a parsed 8 MB text took a tenth of its parse).
fn leave<T>(value: T) {
    std::mem::forget(value);
}

/// The exit code of a command that reports findings: 1 when there are some.
fn findings(any: bool) -> ExitCode {
    if any {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The latest draft of the bundled sample convention, compiled into the binary so that
/// commands reading a text work from any folder without one.
fn bundled() -> Draft {
    const TEXT: &str = include_str!("../../texts/sample/final.txt");
    let doc = treaty_parse::parse_str(TEXT).unwrap_or_default();
    Draft::new("final", "texts/sample/final.txt (bundled)", TEXT, doc)
}
