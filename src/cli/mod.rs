//! The command line: clap's arguments ([`args`]), the context every command shares
//! ([`Ctx`]: colours, the project, paths), and the mapping of outcomes to exit codes.
//! Each subcommand is one file in `src/cmd`.

pub mod args;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::Parser;
use treaty_model::Draft;
use treaty_project::Project;
use treaty_render::Style;

pub use args::{Cli, Color};

use crate::cmd;

/// Run the command line and turn its outcome into an exit code: 0 ok, 1 findings, 2 bad
/// input or usage. A closed pipe (`treaty parse | head`) is no error.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(&cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "error: {}",
                treaty_model::escape_controls(&format!("{err:#}"))
            );
            if let Some(e) = err.downcast_ref::<treaty_project::Error>() {
                for help in e.help() {
                    eprintln!("help: {}", treaty_model::escape_controls(help));
                }
            }
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// What every command shares: how to mark output, whether to keep quiet, and the
/// project found from the current folder (looked for once, when first needed).
#[derive(Debug)]
pub struct Ctx {
    pub color: Color,
    pub quiet: bool,
    cwd: PathBuf,
    project: OnceLock<Option<Project>>,
}

impl Ctx {
    pub fn new(cli: &Cli) -> Self {
        Self {
            color: cli.color,
            quiet: cli.quiet,
            cwd: std::env::current_dir().unwrap_or_default(),
            project: OnceLock::new(),
        }
    }

    /// The project the current folder is in, if any.
    pub fn project(&self) -> Option<&Project> {
        self.project
            .get_or_init(|| Project::discover(&self.cwd).ok())
            .as_ref()
    }

    /// The project, or the error that says how to start one.
    pub fn require_project(&self) -> anyhow::Result<&Project> {
        match self.project() {
            Some(p) => Ok(p),
            None => Err(Project::discover(&self.cwd).err().map_or_else(
                || anyhow::anyhow!("not inside a treaty project"),
                Into::into,
            )),
        }
    }

    /// The texts folder: the flag's, else the project's.
    pub fn texts(&self, flag: Option<&Path>) -> anyhow::Result<PathBuf> {
        match flag {
            Some(p) => Ok(p.to_path_buf()),
            None => Ok(self.require_project()?.texts.clone()),
        }
    }

    /// The annotations folder: the flag's, else the project's.
    pub fn annotations(&self, flag: Option<&Path>) -> anyhow::Result<PathBuf> {
        match flag {
            Some(p) => Ok(p.to_path_buf()),
            None => Ok(self.require_project()?.annotations.clone()),
        }
    }

    /// The annotations folder for the convention folder `dir`: the flag's, else the one
    /// beside its `texts/` folder (its project's), else the current project's. It may
    /// not exist: a convention can be read without commentary.
    pub fn annotations_for(&self, dir: &Path, flag: Option<&Path>) -> PathBuf {
        if let Some(p) = flag {
            return p.to_path_buf();
        }
        let beside = dir
            .parent()
            .and_then(Path::parent)
            .map(|root| root.join("annotations"));
        match (beside, self.project()) {
            (Some(b), _) if b.is_dir() => b,
            (_, Some(p)) => p.annotations.clone(),
            (Some(b), None) => b,
            (None, None) => PathBuf::from("annotations"),
        }
    }

    /// A path the user gave, found from the current folder or the project's (see
    /// [`Project::resolve`]).
    pub fn resolve(&self, path: &Path) -> PathBuf {
        match self.project() {
            Some(p) => p.resolve(path),
            None => path.to_path_buf(),
        }
    }

    /// The convention folder a command reads when none is given: the one the current
    /// folder is in, else the project's `texts/sample`.
    pub fn default_convention(&self) -> anyhow::Result<PathBuf> {
        let p = self.require_project()?;
        Ok(p.current_convention(&self.cwd)
            .unwrap_or_else(|| p.convention_dir("sample")))
    }

    /// A convention folder given or defaulted.
    pub fn convention(&self, dir: Option<&Path>) -> anyhow::Result<PathBuf> {
        match dir {
            Some(d) => Ok(self.resolve(d)),
            None => self.default_convention(),
        }
    }

    pub fn stdout_style(&self) -> Style {
        Style::from_color(use_color(self.color, io::stdout().is_terminal()))
    }

    pub fn stderr_style(&self) -> Style {
        Style::from_color(use_color(self.color, io::stderr().is_terminal()))
    }

    /// Print a draft's parse warnings on standard error, unless `--quiet`.
    pub fn warn(&self, draft: &Draft) {
        if self.quiet || draft.doc.diagnostics.is_empty() {
            return;
        }
        let rendered = treaty_render::diagnostics::render(
            &draft.origin,
            &draft.source,
            &draft.doc.diagnostics,
            self.stderr_style(),
        );
        let _ = io::stderr().write_all(rendered.as_bytes());
    }
}

fn use_color(color: Color, terminal: bool) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
