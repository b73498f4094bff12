//! Command-line arguments, resolved into actions, and the mapping of outcomes to exit codes.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use treaty_model::{ClauseId, Document};

use crate::{diagnostics, input, render};

/// Read, annotate and diff the texts of international conventions.
///
/// treaty splits a convention into articles and clauses (plain UN layout, Markdown
/// exports, text copied from PDFs), addresses each clause by a canonical ID such as
/// `47.1.c`, and prints outlines and clauses.
#[derive(Debug, Parser)]
#[command(name = "treaty", version, about, long_about)]
#[command(after_help = "Exit codes: 0 ok, 1 findings, 2 bad input or usage.\n\
Clause IDs: 47.1.c, 47(1)(c), \"Art. 47(1)(c)\", \"article 47, paragraph 1 (c)\", art_47__para_1__point_c.")]
pub struct Cli {
    /// When to colour diagnostics: auto follows the terminal and NO_COLOR.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split a convention text into its structure and print an outline.
    ///
    /// Reads plain text or Markdown; FILE may be `-` for standard input. Warnings about
    /// the text (numbering gaps, duplicates, a translation set aside) go to stderr.
    Parse {
        /// The convention text (`-` for standard input); without it, the bundled sample's
        /// latest draft.
        file: Option<PathBuf>,
        /// outline: IDs, headings and counts; json: the full clause tree.
        #[arg(long, short, value_enum, default_value_t = ParseFormat::Outline)]
        format: ParseFormat,
    },
    /// Print one clause, with everything under it.
    Show {
        /// The convention text (`-` for standard input).
        file: PathBuf,
        /// The clause, in any accepted form: 47.1.c, 47(1)(c), "Art. 47(1)(c)".
        id: String,
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ParseFormat {
    Outline,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ShowFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn stderr_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stderr().is_terminal()
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match &cli.command {
        Command::Parse { file, format } => {
            let (_, doc) = load(file.as_deref(), cli.color)?;
            match format {
                ParseFormat::Outline => render::outline(&doc, &mut out)?,
                ParseFormat::Json => {
                    let json = serde_json::json!({ "schema": "treaty-parse/1", "document": doc });
                    serde_json::to_writer_pretty(&mut out, &json)?;
                    writeln!(out)?;
                }
            }
        }
        Command::Show { file, id, format } => {
            let wanted: ClauseId = id.parse()?;
            let (source, doc) = load(Some(file), cli.color)?;
            let Some(node) = doc.find(&wanted) else {
                let near: Vec<String> = doc
                    .suggest(&wanted, 5)
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let hint = if near.is_empty() {
                    "run `treaty parse FILE` to list the clause IDs".to_owned()
                } else {
                    format!("did you mean {}?", near.join(", "))
                };
                bail!("{}: there is no clause {wanted}; {hint}", source.name);
            };
            match format {
                ShowFormat::Text => render::clause(node, &mut out)?,
                ShowFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, node)?;
                    writeln!(out)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Read and parse a text, printing its diagnostics to stderr.
fn load(file: Option<&Path>, color: Color) -> anyhow::Result<(input::Source, Document)> {
    let source = match file {
        Some(path) => input::read(path)?,
        None => input::bundled(),
    };
    let doc = treaty_parse::parse(&source.bytes)
        .with_context(|| format!("cannot parse {}", source.name))?;
    if !doc.diagnostics.is_empty() {
        let text = String::from_utf8_lossy(&source.bytes);
        let rendered =
            diagnostics::render(&source.name, &text, &doc.diagnostics, stderr_color(color));
        let _ = io::stderr().write_all(rendered.as_bytes());
    }
    Ok((source, doc))
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
