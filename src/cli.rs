//! Command-line arguments, resolved into actions, and the mapping of outcomes to exit codes.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use treaty_annotate::Stance;
use treaty_model::{ClauseId, Document, escape_controls};

use crate::{
    akn, annotations, carry, check, diagnostics, diffing, diffview, export, fsio, history, import,
    input, project, render, show, view, xref,
};

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

// Arguments are parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
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
    /// Print one clause, with everything under it, and optionally its commentary.
    ///
    /// With --annotations, the annotations on the clause (and on anything inside it) follow
    /// the text, numbered, and the words they quote are marked in the text: reverse video
    /// on a colour terminal, «guillemets» otherwise, followed by the annotation's number.
    Show {
        /// The convention text (`-` for standard input).
        file: PathBuf,
        /// The clause, in any accepted form: 47.1.c, 47(1)(c), "Art. 47(1)(c)".
        id: String,
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Show the clause's annotations, read from DIR.
        #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "annotations")]
        annotations: Option<PathBuf>,
        /// The folder of convention texts, to tell which draft FILE is.
        #[arg(long, value_name = "DIR", default_value = "texts")]
        texts: PathBuf,
        /// The convention FILE belongs to (default: the folder FILE is in).
        #[arg(long, value_name = "NAME")]
        convention: Option<String>,
        /// The draft FILE is (default: the version whose file is FILE in convention.toml).
        #[arg(long, value_name = "LABEL")]
        version: Option<String>,
    },
    /// Check every annotation against the texts it names.
    ///
    /// Reports, with file, line and column: malformed TOML, unknown or missing fields,
    /// bad dates and stances, clause IDs that do not exist in the draft named, quotes that
    /// are not in their clause (or are ambiguous, or moved to another clause), duplicate
    /// IDs and unknown version labels. A convention whose text is not in the texts folder
    /// is checked for everything else, with a warning. Exit code 1 when there are errors.
    Check {
        /// The folder of convention texts.
        #[arg(long, value_name = "DIR", default_value = "texts")]
        texts: PathBuf,
        /// The folder of annotations (`<convention>/<source>.toml`).
        #[arg(long, value_name = "DIR", default_value = "annotations")]
        annotations: PathBuf,
        /// Check only this convention.
        #[arg(long, value_name = "NAME")]
        convention: Option<String>,
        /// Instead, resolve every annotation on this draft and report its status: exact,
        /// moved, changed, orphaned or uncertain (exit code 1 for the last two).
        #[arg(long, value_name = "LABEL")]
        against: Option<String>,
        /// text: snippets and a summary; json: one object for machines.
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// List annotations, filtered by clause, tag, author, stance or draft.
    Annotations {
        /// The folder of annotations.
        #[arg(long, value_name = "DIR", default_value = "annotations")]
        annotations: PathBuf,
        /// Only this convention.
        #[arg(long, value_name = "NAME")]
        convention: Option<String>,
        /// Only annotations on this clause or inside it (any accepted ID form).
        #[arg(long, value_name = "ID")]
        clause: Option<String>,
        /// Only annotations with this tag.
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Only annotations whose author contains this (any case).
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
        /// Only annotations with this stance: concern, support, question, proposal, note.
        #[arg(long, value_parser = parse_stance)]
        stance: Option<Stance>,
        /// Only annotations written against this draft.
        #[arg(long, value_name = "LABEL")]
        version: Option<String>,
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Compare two drafts: which articles are new, gone, renumbered, split or merged,
    /// which paragraphs moved, and which words changed.
    ///
    /// OLD and NEW are text files (either may be `-` for standard input), or a convention
    /// folder followed by two of its version labels (`treaty diff texts/sample zero-draft
    /// final`). Articles are matched by what
    /// they say, their headings and their position, never by number alone. Changes that
    /// are only formatting are hidden unless --show-formatting. Exit code 1 when there
    /// are substantive changes, 0 when there are none.
    Diff {
        /// OLD NEW, or DIR OLD-LABEL NEW-LABEL.
        #[arg(num_args = 2..=3, required = true, value_name = "OLD NEW")]
        inputs: Vec<PathBuf>,
        /// summary: a line per changed article; text: a redline (coloured on a
        /// terminal); word: [-old-]{+new+} markup; side-by-side: two columns;
        /// unified: a patch, a hunk per article; markdown, html: for reports; json: the
        /// change list.
        #[arg(long, short, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Also list changes that are only formatting.
        #[arg(long)]
        show_formatting: bool,
        /// Only this article (its number in either draft).
        #[arg(long, value_name = "N")]
        article: Option<String>,
        /// Only this clause and what is under it (any accepted ID form).
        #[arg(long, value_name = "ID", conflicts_with = "article")]
        clause: Option<String>,
        /// Width of the side-by-side view in terminal cells (default: $COLUMNS, or 120).
        #[arg(long, value_name = "N")]
        width: Option<usize>,
    },
    /// Show one clause in every draft of a convention, followed by its lineage (the
    /// alignment between drafts) rather than its number, with the words changed since
    /// the draft before.
    History {
        /// The convention folder, such as texts/sample.
        dir: PathBuf,
        /// The clause, as numbered in --version (any accepted ID form).
        id: String,
        /// The draft the ID is numbered in (default: the latest).
        #[arg(long, value_name = "LABEL")]
        version: Option<String>,
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Export annotated clauses: Markdown, standalone HTML, JSON, CSV, Akoma Ntoso, W3C Web
    /// Annotations, or the canonical text.
    ///
    /// INPUT is a convention folder (its latest draft, with that convention's annotations,
    /// those written on earlier drafts carried onto it) or a text file; with none, the
    /// sample convention in texts/sample. --clauses, --tag, --author and --stance keep what
    /// the reader needs.
    Export {
        /// A convention folder or a text file (default: texts/sample).
        input: Option<PathBuf>,
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
        /// Only these clauses (comma-separated, any accepted ID form).
        #[arg(long, value_name = "IDS", value_delimiter = ',')]
        clauses: Vec<String>,
        /// Only annotations with this tag (and the clauses they are on).
        #[arg(long)]
        tag: Option<String>,
        /// Only annotations whose author contains this (any case).
        #[arg(long)]
        author: Option<String>,
        /// Only annotations with this stance.
        #[arg(long, value_parser = parse_stance)]
        stance: Option<Stance>,
        /// The folder of annotations.
        #[arg(long, value_name = "DIR", default_value = "annotations")]
        annotations: PathBuf,
        /// Show what changed since an older draft: a text file, or a version label when
        /// INPUT is a convention folder. HTML and Markdown get a redline (deleted words
        /// struck, new ones underlined), JSON a `change` per clause, CSV change columns.
        #[arg(long, value_name = "OLD")]
        with_diff: Option<PathBuf>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Bring a published text into texts/: Akoma Ntoso or Formex XML, text from a PDF, or
    /// plain text.
    ///
    /// The result is canonical plain text that `treaty parse` reads back into the same
    /// tree, written as <convention>/<label>.txt and listed in the convention's
    /// convention.toml (created if needed), or printed with --stdout. The format is told
    /// from the content unless --from says it. Warnings about the source (duplicate eIds,
    /// missing metadata) go to stderr; the import goes on.
    Import {
        /// The file to import (`-` for standard input).
        file: PathBuf,
        /// The format of FILE (default: detected).
        #[arg(long, value_enum)]
        from: Option<ImportFormat>,
        /// The convention's folder, such as texts/eu-ai-act.
        #[arg(long, value_name = "DIR", required_unless_present = "stdout")]
        convention: Option<PathBuf>,
        /// The draft's label, which also names its file (`final` → final.txt).
        #[arg(long, value_name = "LABEL", required_unless_present = "stdout")]
        label: Option<String>,
        /// The draft's date: YYYY-MM-DD, YYYY-MM or YYYY.
        #[arg(long)]
        date: Option<String>,
        /// Replace a version of the same label, and its file.
        #[arg(long)]
        force: bool,
        /// Print the canonical text instead of writing it.
        #[arg(long, conflicts_with_all = ["convention", "label", "date", "force"])]
        stdout: bool,
    },
    /// Write annotations.
    Annotate {
        #[command(subcommand)]
        action: AnnotateAction,
    },
    /// Read a convention full screen: the outline, the text clause by clause, and the
    /// commentary on the clause under the cursor; other drafts one key away.
    ///
    /// DIR is a convention folder (default: texts/sample); its commentary is read from
    /// annotations/<name>. Annotation files are checked first, as `treaty check` does:
    /// errors are printed and nothing opens. Press ? inside for the keys. Colours follow
    /// the terminal's palette; NO_COLOR gives a monochrome theme.
    View {
        /// A convention folder such as texts/un-cybercrime-convention.
        dir: Option<PathBuf>,
        /// The folder of annotations.
        #[arg(long, value_name = "DIR", default_value = "annotations")]
        annotations: PathBuf,
        /// Print one frame of WIDTHxHEIGHT cells as text and exit, instead of opening
        /// the screen (for scripts, tests and timing).
        #[arg(long, value_name = "WxH")]
        dump: Option<String>,
        /// With --dump: keys to press before the frame is printed, such as
        /// `:12.2<Enter>/safeguards<Enter>d<Enter>`.
        #[arg(long, value_name = "KEYS", requires = "dump")]
        keys: Option<String>,
    },
    /// List the cross-references of a text: each with the clause it is in and what it
    /// points at.
    ///
    /// Finds "article 24", "articles 7 to 11", "article 24, paragraph 1 (a)",
    /// "paragraph 1 (a) (i) of this article", "subparagraph (b) of this paragraph", "the
    /// preceding paragraph", "Chapter IV", "Art. 5", and resolves them to clause IDs of the
    /// same text, relative forms against the clause they are written in. References to
    /// other instruments ("article 6 of the Convention against Transnational Organized
    /// Crime") are listed as external, never resolved into this text. Output: one line per
    /// reference, CLAUSE <tab> WORDS <tab> → TARGETS.
    Refs {
        /// A text file, a convention folder (its latest draft) or `-` (default: the
        /// bundled sample).
        file: Option<PathBuf>,
        /// Only the references made by this clause and the clauses inside it.
        id: Option<String>,
        /// Instead: what refers to this clause (backlinks), in any accepted ID form.
        #[arg(long, value_name = "ID", conflicts_with = "id")]
        to: Option<String>,
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Find references that point at the wrong clause.
    ///
    /// Reports references to clauses the text does not have. With --previous OLD (a text
    /// file, or a version label when FILE is a convention folder), also references that
    /// kept their words while their target was renumbered since OLD ("article 8 was
    /// renumbered 9 in this draft"), and references to clauses deleted since OLD, using
    /// the same alignment as `treaty diff`. Exit code 1 when it finds any.
    Lint {
        /// A text file, a convention folder (its latest draft) or `-` (default: the
        /// bundled sample).
        file: Option<PathBuf>,
        /// The draft before this one.
        #[arg(long, value_name = "OLD")]
        previous: Option<PathBuf>,
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
}

#[derive(Debug, Subcommand)]
enum AnnotateAction {
    /// Add an annotation, checked against the draft's text before anything is written.
    ///
    /// Appends to annotations/<convention>/<author>.toml (or --file), keeping the file's
    /// comments and layout. The write is atomic, and refused if the file changed on disk
    /// meanwhile. A clause that does not exist, or a quote that is not in the clause, is
    /// refused with suggestions (exit code 2); nothing is written.
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
struct AddArgs {
    /// The clause, in any accepted form: 47.1.c, 47(1)(c), "Art. 47(1)(c)", document.
    #[arg(long, value_name = "ID")]
    clause: String,
    /// The organisation or person.
    #[arg(long)]
    author: String,
    /// concern, support, question, proposal or note.
    #[arg(long, value_parser = parse_stance)]
    stance: Stance,
    /// The commentary, in Markdown; `-` reads it from standard input.
    #[arg(long)]
    body: String,
    /// The exact words the annotation is about.
    #[arg(long)]
    quote: Option<String>,
    /// Words just before the quote, when it occurs more than once.
    #[arg(long, requires = "quote")]
    prefix: Option<String>,
    /// Words just after the quote, when it occurs more than once.
    #[arg(long, requires = "quote")]
    suffix: Option<String>,
    /// Where it was said: a URL or a citation.
    #[arg(long)]
    source: Option<String>,
    /// When it was said: YYYY-MM-DD, YYYY-MM or YYYY (default: today).
    #[arg(long)]
    date: Option<String>,
    /// A tag; repeat for several.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// The annotation's ID (default: made from the author and clause).
    #[arg(long)]
    id: Option<String>,
    /// The draft it is written against (default: the latest in convention.toml).
    #[arg(long, value_name = "LABEL")]
    version: Option<String>,
    /// The convention (default: sample, the bundled one).
    #[arg(long, value_name = "NAME", default_value = "sample")]
    convention: String,
    /// The file to append to (default: annotations/<convention>/<author>.toml).
    #[arg(long, value_name = "PATH")]
    file: Option<PathBuf>,
    /// The folder of convention texts.
    #[arg(long, value_name = "DIR", default_value = "texts")]
    texts: PathBuf,
    /// The folder of annotations.
    #[arg(long, value_name = "DIR", default_value = "annotations")]
    annotations: PathBuf,
}

fn parse_stance(s: &str) -> Result<Stance, String> {
    s.parse()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Summary,
    Text,
    Word,
    SideBySide,
    Unified,
    Markdown,
    Html,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// The canonical plain text of the draft (no annotations), which the parser reads
    /// back into the same tree.
    Text,
    Md,
    Html,
    Json,
    Csv,
    Akn,
    W3c,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ImportFormat {
    /// Akoma Ntoso 3.0 XML (structured, or flattened with numbers inline).
    Akn,
    /// Formex 6 XML, as the EU Official Journal publishes acts.
    Formex,
    /// Text extracted from a PDF with `pdftotext`: footnotes at page bottoms are kept
    /// as footnotes.
    PdfText,
    /// Plain text or Markdown, copied as it is.
    Text,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
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
            if let Some(refused) = err.downcast_ref::<annotations::Refused>() {
                for help in &refused.help {
                    eprintln!("help: {help}");
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

fn stderr_color(color: Color) -> bool {
    use_color(color, io::stderr().is_terminal())
}

fn stdout_color(color: Color) -> bool {
    use_color(color, io::stdout().is_terminal())
}

fn use_color(color: Color, terminal: bool) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
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
        Command::Show {
            file,
            id,
            format,
            annotations,
            texts,
            convention,
            version,
        } => {
            let wanted: ClauseId = id.parse()?;
            if wanted.is_document() {
                bail!("`show` prints one clause; for the whole text use `treaty parse`");
            }
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
            let Some(dir) = annotations else {
                match format {
                    ShowFormat::Text => {
                        render::clause(node, &mut out)?;
                        xref::show_section(&doc, node, &mut out)?;
                    }
                    ShowFormat::Json => {
                        serde_json::to_writer_pretty(&mut out, node)?;
                        writeln!(out)?;
                    }
                }
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            };
            let which = show::which_draft(file, texts, convention.as_deref(), version.as_deref())?;
            let found = show::annotations_on(dir, texts, &which, &doc, node)?;
            match format {
                ShowFormat::Text => {
                    let style = if stdout_color(cli.color) {
                        render::Marks::Styled
                    } else {
                        render::Marks::Plain
                    };
                    render::clause_marked(node, &found.marks(), style, &mut out)?;
                    xref::show_section(&doc, node, &mut out)?;
                    writeln!(out)?;
                    if found.annotations.is_empty() {
                        writeln!(
                            out,
                            "No annotations on {} in {} ({}).",
                            node.id,
                            escape_controls(&which.convention),
                            escape_controls(&which.version)
                        )?;
                    } else {
                        render::annotations(&found.shown(), true, &mut out)?;
                    }
                }
                ShowFormat::Json => {
                    let json = serde_json::json!({
                        "schema": "treaty-show/1",
                        "convention": which.convention,
                        "version": which.version,
                        "clause": node,
                        "annotations": found.json(),
                    });
                    serde_json::to_writer_pretty(&mut out, &json)?;
                    writeln!(out)?;
                }
            }
        }
        Command::Check {
            texts,
            annotations,
            convention,
            against: Some(label),
            format,
        } => {
            project::require_dir(annotations, "annotations", "--annotations")?;
            let report = carry::against(texts, annotations, convention.as_deref(), label)?;
            match format {
                CheckFormat::Text => carry::write_text(&report, label, &mut out)?,
                CheckFormat::Json => {
                    let json = serde_json::json!({
                        "schema": "treaty-carry/1",
                        "against": label,
                        "conventions": report
                            .iter()
                            .map(|(c, list)| serde_json::json!({ "convention": c, "annotations": list }))
                            .collect::<Vec<_>>(),
                    });
                    serde_json::to_writer_pretty(&mut out, &json)?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
            let attention = report
                .iter()
                .flat_map(|(_, l)| l)
                .any(|c| matches!(c.status, carry::Status::Orphaned | carry::Status::Uncertain));
            return Ok(if attention {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Check {
            texts,
            annotations,
            convention,
            against: None,
            format,
        } => {
            project::require_dir(annotations, "annotations", "--annotations")?;
            let report = check::run(texts, annotations, convention.as_deref())?;
            match format {
                CheckFormat::Text => check::write_text(&report, stdout_color(cli.color), &mut out)?,
                CheckFormat::Json => check::write_json(&report, &mut out)?,
            }
            out.flush()?;
            return Ok(if report.errors() > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Annotations {
            annotations,
            convention,
            clause,
            tag,
            author,
            stance,
            version,
            format,
        } => {
            let filter = annotations::Filter {
                clause: clause.as_deref().map(str::parse).transpose()?,
                tag: tag.clone(),
                author: author.clone(),
                stance: *stance,
                version: version.clone(),
            };
            let (listed, troubled) =
                annotations::list(annotations, convention.as_deref(), &filter)?;
            if troubled > 0 {
                eprintln!(
                    "warning: {troubled} annotation file{} could not be read in full; run `treaty check` to see why",
                    if troubled == 1 { "" } else { "s" }
                );
            }
            match format {
                ShowFormat::Text => {
                    let shown: Vec<render::Shown<'_>> = listed
                        .iter()
                        .map(|l| render::Shown {
                            annotation: &l.annotation,
                            note: None,
                        })
                        .collect();
                    render::annotations(&shown, false, &mut out)?;
                    if listed.is_empty() {
                        eprintln!("no annotations match");
                    }
                }
                ShowFormat::Json => {
                    let json = serde_json::json!({ "schema": "treaty-annotations/1", "annotations": listed });
                    serde_json::to_writer_pretty(&mut out, &json)?;
                    writeln!(out)?;
                }
            }
        }
        Command::Diff {
            inputs,
            format,
            show_formatting,
            article,
            clause,
            width,
        } => {
            let (old, new) = diffing::load_pair(inputs)?;
            let d = treaty_diff::diff(&old.version(), &new.version());
            let filter = diffview::Filter {
                show_formatting: *show_formatting,
                unit: article.as_deref().map(str::parse).transpose()?,
                clause: clause.as_deref().map(str::parse).transpose()?,
            };
            match format {
                DiffFormat::Summary => diffview::summary(&d, &filter, &mut out)?,
                DiffFormat::Word => diffview::words(&d, &filter, diffview::Style::Plain, &mut out)?,
                DiffFormat::Text => {
                    let style = if stdout_color(cli.color) {
                        diffview::Style::Color
                    } else {
                        diffview::Style::Plain
                    };
                    diffview::words(&d, &filter, style, &mut out)?;
                }
                DiffFormat::SideBySide => {
                    let style = if stdout_color(cli.color) {
                        diffview::Style::Color
                    } else {
                        diffview::Style::Plain
                    };
                    let width = width
                        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
                        .unwrap_or(120);
                    diffview::side_by_side(&d, &filter, style, width, &mut out)?;
                }
                DiffFormat::Unified => diffview::unified(
                    &d,
                    &filter,
                    (&old.source, &old.doc),
                    (&new.source, &new.doc),
                    &mut out,
                )?,
                DiffFormat::Markdown => diffview::markdown(&d, &filter, &mut out)?,
                DiffFormat::Html => diffview::html(&d, &filter, &mut out)?,
                DiffFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &d)?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
            return Ok(if d.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        Command::History {
            dir,
            id,
            version,
            format,
        } => {
            let id: ClauseId = id.parse()?;
            let steps = history::trace(dir, &id, version.as_deref())?;
            match format {
                ShowFormat::Text => {
                    let style = if stdout_color(cli.color) {
                        diffview::Style::Color
                    } else {
                        diffview::Style::Plain
                    };
                    history::write_text(&steps, style, &mut out)?;
                }
                ShowFormat::Json => {
                    let json = serde_json::json!({ "schema": "treaty-history/1", "clause": id, "versions": steps });
                    serde_json::to_writer_pretty(&mut out, &json)?;
                    writeln!(out)?;
                }
            }
        }
        Command::Export {
            input,
            format,
            clauses,
            tag,
            author,
            stance,
            annotations,
            with_diff,
            output,
        } => {
            let input = input
                .clone()
                .unwrap_or_else(|| PathBuf::from("texts/sample"));
            if with_diff.is_some()
                && matches!(
                    format,
                    ExportFormat::Text | ExportFormat::Akn | ExportFormat::W3c
                )
            {
                bail!(
                    "--with-diff works with --format md, html, json or csv; the text, akn and w3c formats carry one draft only"
                );
            }
            let mut e = export::load(&input, annotations)?;
            if let Some(old) = with_diff {
                e.compare_with(&input, old)?;
            }
            let sel = export::Selection {
                clauses: clauses
                    .iter()
                    .map(|c| c.parse::<ClauseId>())
                    .collect::<Result<_, _>>()?,
                filter: annotations::Filter {
                    tag: tag.clone(),
                    author: author.clone(),
                    stance: *stance,
                    ..annotations::Filter::default()
                },
            };
            for id in &sel.clauses {
                if e.doc.find(id).is_none() {
                    bail!("there is no clause {id} in {}", project::display(&input));
                }
            }
            let mut buf: Vec<u8> = Vec::new();
            match format {
                ExportFormat::Text => {
                    buf.extend(treaty_formats::canonical_text(&e.doc).into_bytes())
                }
                ExportFormat::Md => export::markdown(&e, &sel, &mut buf)?,
                ExportFormat::Html => export::html(&e, &sel, &mut buf)?,
                ExportFormat::Json => export::json(&e, &sel, &mut buf)?,
                ExportFormat::Csv => export::csv(&e, &sel, &mut buf)?,
                ExportFormat::Akn => akn::write(&e, &mut buf)?,
                ExportFormat::W3c => {
                    let base = format!("urn:treaty:{}", e.convention.as_deref().unwrap_or("text"));
                    export::w3c(&e, &sel, &base, &mut buf)?;
                }
            }
            match output {
                Some(path) => {
                    let old = std::fs::read(path).ok();
                    fsio::write_atomic(path, old.as_deref(), |w| w.write_all(&buf))?;
                    eprintln!("wrote {}", project::display(path));
                }
                None => out.write_all(&buf)?,
            }
        }
        Command::View {
            dir,
            annotations,
            dump,
            keys,
        } => {
            let dir = dir.clone().unwrap_or_else(|| PathBuf::from("texts/sample"));
            if !dir.join("convention.toml").is_file() {
                bail!(
                    "{} is not a convention folder (it has no convention.toml); give a folder such as texts/sample",
                    project::display(&dir)
                );
            }
            // Bad annotation files stop here, with the same messages as `treaty check`,
            // before the screen is taken.
            if annotations.is_dir() {
                let texts = dir.parent().unwrap_or(Path::new("."));
                let name = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let report = check::run(texts, annotations, Some(&name))?;
                if report.errors() > 0 {
                    let mut err = io::stderr();
                    check::write_text(&report, stderr_color(cli.color), &mut err)?;
                    bail!("fix the annotation files above, then run `treaty view` again");
                }
            }
            let data = view::Data::load(&dir, annotations)?;
            let theme = match cli.color {
                Color::Never => view::Theme::mono(),
                Color::Always => view::Theme { color: true },
                Color::Auto => view::Theme::from_env(),
            };
            let mut app = view::App::new(data, theme);
            if let Some(size) = dump {
                let (w, h) = size
                    .split_once(['x', 'X'])
                    .and_then(|(w, h)| Some((w.parse::<u16>().ok()?, h.parse::<u16>().ok()?)))
                    .with_context(|| {
                        format!("--dump {size}: write the size as WIDTHxHEIGHT, such as 100x30")
                    })?;
                for k in view::parse_keys(keys.as_deref().unwrap_or(""))? {
                    if app.key(k) == view::Action::Quit {
                        break;
                    }
                }
                out.write_all(view::dump(&mut app, w, h).as_bytes())?;
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            if !io::stdout().is_terminal() {
                bail!(
                    "treaty view needs a terminal; to print one frame as text use --dump WIDTHxHEIGHT"
                );
            }
            view::run(app)?;
        }
        Command::Refs {
            file,
            id,
            to,
            format,
        } => {
            let t = xref::open(file.as_deref())?;
            let refs = treaty_refs::find(&t.doc);
            let check = |id: &str| -> anyhow::Result<ClauseId> {
                let id: ClauseId = id.parse()?;
                if !id.is_document() && t.doc.find(&id).is_none() {
                    bail!("{}: there is no clause {id}", t.name);
                }
                Ok(id)
            };
            let (from, target) = (
                id.as_deref().map(check).transpose()?,
                to.as_deref().map(check).transpose()?,
            );
            let chosen: Vec<&treaty_refs::Reference> = refs
                .iter()
                .filter(|r| from.as_ref().is_none_or(|f| f.contains(&r.from)))
                .filter(|r| target.as_ref().is_none_or(|t| r.concerns(t)))
                .collect();
            match format {
                CheckFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &chosen)?;
                    writeln!(out)?;
                }
                CheckFormat::Text => match &target {
                    Some(t_id) => xref::backlinks(&t, &refs, t_id, &mut out)?,
                    None => xref::list(&t, &refs, from.as_ref(), &mut out)?,
                },
            }
            out.flush()?;
        }
        Command::Lint {
            file,
            previous,
            format,
        } => {
            let t = xref::open(file.as_deref())?;
            let old = previous
                .as_deref()
                .map(|p| xref::open_previous(file.as_deref(), p))
                .transpose()?;
            let refs = treaty_refs::find(&t.doc);
            let findings = xref::lint(&t, &refs, old.as_ref());
            match format {
                CheckFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &findings)?;
                    writeln!(out)?;
                }
                CheckFormat::Text => xref::print(&t, &findings, stdout_color(cli.color), &mut out)?,
            }
            out.flush()?;
            return Ok(if findings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        Command::Import {
            file,
            from,
            convention,
            label,
            date,
            force,
            stdout,
        } => {
            let source = input::read(file)?;
            let format = match from {
                Some(ImportFormat::Akn) => treaty_formats::Format::Akn,
                Some(ImportFormat::Formex) => treaty_formats::Format::Formex,
                Some(ImportFormat::PdfText) => treaty_formats::Format::PdfText,
                Some(ImportFormat::Text) => treaty_formats::Format::Text,
                None => treaty_formats::Format::detect(&source.bytes),
            };
            let imported = import::convert(&source.bytes, format, &source.name)?;
            for w in &imported.warnings {
                eprintln!("warning: {}: {}", source.name, escape_controls(&w.message));
            }
            if *stdout {
                out.write_all(imported.text.as_bytes())?;
            } else if let (Some(folder), Some(label)) = (convention, label) {
                let written = import::write(
                    &imported,
                    &import::Target {
                        folder,
                        label,
                        date: date.as_deref(),
                        source: &source.name,
                        force: *force,
                    },
                )?;
                writeln!(out, "imported {} as {written}", source.name)?;
            }
        }
        Command::Annotate {
            action: AnnotateAction::Add(args),
        } => {
            let body = if args.body == "-" {
                let mut body = String::new();
                io::stdin()
                    .read_to_string(&mut body)
                    .context("cannot read the body from standard input")?;
                body
            } else {
                args.body.clone()
            };
            let added = annotations::add(
                &args.texts,
                &args.annotations,
                annotations::NewAnnotation {
                    convention: args.convention.clone(),
                    clause: args.clause.clone(),
                    version: args.version.clone(),
                    id: args.id.clone(),
                    quote: args.quote.clone(),
                    prefix: args.prefix.clone(),
                    suffix: args.suffix.clone(),
                    author: args.author.clone(),
                    source: args.source.clone(),
                    date: args.date.clone(),
                    tags: args.tags.clone(),
                    stance: args.stance,
                    body,
                    file: args.file.clone(),
                },
            )?;
            if let Some(why) = &added.unchecked {
                eprintln!("warning: not checked against the text: {why}");
            }
            writeln!(out, "added {} to {}", added.id, added.file)?;
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
