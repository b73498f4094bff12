//! The command line as clap reads it: plain data, resolved by each command.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use treaty_annotate::Stance;

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
    /// When to colour output: auto follows the terminal and NO_COLOR.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,
    /// Do not print warnings about the texts (numbering gaps, duplicates, a translation
    /// set aside) on standard error.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split a convention text into its structure and print an outline.
    ///
    /// Reads plain text or Markdown; FILE may be `-` for standard input. Warnings about
    /// the text (numbering gaps, duplicates, a translation set aside) go to stderr.
    Parse(ParseArgs),
    /// Print one clause, with everything under it, and optionally its commentary.
    ///
    /// With --annotations, the annotations on the clause (and on anything inside it) follow
    /// the text, numbered, and the words they quote are marked in the text: reverse video
    /// on a colour terminal, «guillemets» otherwise, followed by the annotation's number.
    Show(ShowArgs),
    /// Check every annotation against the texts it names.
    ///
    /// Reports, with file, line and column: malformed TOML, unknown or missing fields,
    /// bad dates and stances, clause IDs that do not exist in the draft named, quotes that
    /// are not in their clause (or are ambiguous, or moved to another clause), duplicate
    /// IDs and unknown version labels. A convention whose text is not in the texts folder
    /// is checked for everything else, with a warning. Exit code 1 when there are errors.
    Check(CheckArgs),
    /// List annotations, filtered by clause, tag, author, stance or draft.
    Annotations(AnnotationsArgs),
    /// Compare two drafts: which articles are new, gone, renumbered, split or merged,
    /// which paragraphs moved, and which words changed.
    ///
    /// OLD and NEW are text files (either may be `-` for standard input), or a convention
    /// folder followed by two of its version labels (`treaty diff texts/sample zero-draft
    /// final`). Articles are matched by what
    /// they say, their headings and their position, never by number alone. Changes that
    /// are only formatting are hidden unless --show-formatting. Exit code 1 when there
    /// are substantive changes, 0 when there are none.
    Diff(DiffArgs),
    /// Show one clause in every draft of a convention, followed by its lineage (the
    /// alignment between drafts) rather than its number, with the words changed since
    /// the draft before.
    History(HistoryArgs),
    /// Export annotated clauses: Markdown, standalone HTML, JSON, CSV, Akoma Ntoso, W3C Web
    /// Annotations, or the canonical text.
    ///
    /// INPUT is a convention folder (its latest draft, with that convention's annotations,
    /// those written on earlier drafts carried onto it) or a text file; with none, the
    /// convention of the current folder, else texts/sample. --clauses, --tag, --author and
    /// --stance keep what the reader needs.
    Export(ExportArgs),
    /// Bring a published text into texts/: Akoma Ntoso or Formex XML, text from a PDF, or
    /// plain text.
    ///
    /// The result is canonical plain text that `treaty parse` reads back into the same
    /// tree, written as <convention>/<label>.txt and listed in the convention's
    /// convention.toml (created if needed), or printed with --stdout. The format is told
    /// from the content unless --from says it. Warnings about the source (duplicate eIds,
    /// missing metadata) go to stderr; the import goes on.
    Import(ImportArgs),
    /// Write annotations.
    Annotate {
        #[command(subcommand)]
        action: AnnotateAction,
    },
    /// Read a convention full screen: the outline, the text clause by clause, and the
    /// commentary on the clause under the cursor; other drafts one key away.
    ///
    /// DIR is a convention folder (default: the one the current folder is in, else
    /// texts/sample); its commentary is read from annotations/<name>. Annotation files are checked first, as `treaty check` does:
    /// errors are printed and nothing opens. Press ? inside for the keys. Colours follow
    /// the terminal's palette; NO_COLOR gives a monochrome theme.
    View(ViewArgs),
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
    Refs(RefsArgs),
    /// Find references that point at the wrong clause.
    ///
    /// Reports references to clauses the text does not have. With --previous OLD (a text
    /// file, or a version label when FILE is a convention folder), also references that
    /// kept their words while their target was renumbered since OLD ("article 8 was
    /// renumbered 9 in this draft"), and references to clauses deleted since OLD, using
    /// the same alignment as `treaty diff`. Exit code 1 when it finds any.
    Lint(LintArgs),
    /// Start a project: a folder with texts/ (conventions and their drafts) and
    /// annotations/ (commentary), and a README saying what goes where.
    Init(InitArgs),
    /// Compare the language versions of a draft clause by clause.
    ///
    /// Reports clause IDs found in one language and not in another, numbering that
    /// differs, and clauses whose length departs from what that pair of languages
    /// usually gives (a likely divergence, or a paragraph merged in one text); a
    /// difference of layout only (the same words in more or fewer paragraphs where no
    /// clause is numbered) is a note. With --between OLD NEW, the clauses that changed
    /// between two drafts in some languages and not in others. Exit code 1 when the
    /// structure differs (or, with --between, when a change is missing from a language).
    Languages(LanguagesArgs),
    /// Every draft of a convention lined up: a row per clause lineage, a column per
    /// draft oldest to newest.
    ///
    /// Each cell is the clause as it reads in that draft, with the words changed since
    /// the draft before marked; a cell is empty where the clause does not exist. Rows
    /// follow each neighbouring pair's alignment (the one `treaty history` follows), in
    /// the newest draft's order, with deleted clauses where they stood, each headed by
    /// its IDs in every draft (`52 → 52 → 50`). HTML is a standalone page (sticky
    /// headers, a filter per column, the commentary in the margin); concordance is the
    /// table of origins and destinations of the articles.
    Synopsis(SynopsisArgs),
    /// List the project's conventions: their drafts (label, date, file, whether the text
    /// is there) and their annotation files with how many annotations each holds.
    List(ListArgs),
    /// Print a shell completion script: `treaty completions bash > ~/.local/share/bash-completion/completions/treaty`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `treaty man > treaty.1 && man ./treaty.1`.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum AnnotateAction {
    /// Add an annotation, checked against the draft's text before anything is written.
    ///
    /// Appends to annotations/<convention>/<author>.toml (or --file), keeping the file's
    /// comments and layout. The write is atomic, and refused if the file changed on disk
    /// meanwhile. A clause that does not exist, or a quote that is not in the clause, is
    /// refused with suggestions (exit code 2); nothing is written.
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The clause, in any accepted form: 47.1.c, 47(1)(c), "Art. 47(1)(c)", document.
    #[arg(long, value_name = "ID")]
    pub clause: String,
    /// The organisation or person.
    #[arg(long)]
    pub author: String,
    /// concern, support, question, proposal or note.
    #[arg(long, value_parser = parse_stance)]
    pub stance: Stance,
    /// The commentary, in Markdown; `-` reads it from standard input.
    #[arg(long)]
    pub body: String,
    /// The exact words the annotation is about.
    #[arg(long)]
    pub quote: Option<String>,
    /// The language version of the draft the annotation is written on (an ISO 639-1
    /// code; default: the draft's first). Its quote is checked in that text, and it shows
    /// on the clause in every language.
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    pub language: Option<String>,
    /// Words just before the quote, when it occurs more than once.
    #[arg(long, requires = "quote")]
    pub prefix: Option<String>,
    /// Words just after the quote, when it occurs more than once.
    #[arg(long, requires = "quote")]
    pub suffix: Option<String>,
    /// Where it was said: a URL or a citation.
    #[arg(long)]
    pub source: Option<String>,
    /// When it was said: YYYY-MM-DD, YYYY-MM or YYYY (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// A tag; repeat for several.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The annotation's ID (default: made from the author and clause).
    #[arg(long)]
    pub id: Option<String>,
    /// The draft it is written against (default: the latest in convention.toml).
    #[arg(long, value_name = "LABEL")]
    pub version: Option<String>,
    /// The convention (default: the one the current folder is in, else sample).
    #[arg(long, value_name = "NAME")]
    pub convention: Option<String>,
    /// The file to append to (default: annotations/<convention>/<author>.toml).
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// The folder of convention texts (default: the project's `texts/`).
    #[arg(long, value_name = "DIR")]
    pub texts: Option<PathBuf>,
    /// The folder of annotations (default: the project's `annotations/`).
    #[arg(long, value_name = "DIR")]
    pub annotations: Option<PathBuf>,
}

pub fn parse_stance(s: &str) -> Result<Stance, String> {
    s.parse()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
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
pub enum ExportFormat {
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
pub enum ImportFormat {
    /// Akoma Ntoso 3.0 XML (structured, or flattened with numbers inline).
    Akn,
    /// Formex 6 XML, as the EU Official Journal publishes acts.
    Formex,
    /// EUR-Lex XHTML, as the Commission publishes its proposals (the explanatory
    /// memorandum and the financial statement are set aside).
    Eurlex,
    /// An HTML page with `<article>` elements or article headings, `<p>` paragraphs and
    /// `<ol>` numbered lists (as the UDHR is published in each language).
    Html,
    /// Text extracted from a PDF with `pdftotext`: footnotes at page bottoms are kept
    /// as footnotes.
    PdfText,
    /// Plain text or Markdown, copied as it is.
    Text,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ParseFormat {
    Outline,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// The arguments of `treaty parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The convention text (`-` for standard input); without it, the bundled sample's
    /// latest draft.
    pub file: Option<PathBuf>,
    /// outline: IDs, headings and counts; json: the full clause tree.
    #[arg(long, short, value_enum, default_value_t = ParseFormat::Outline)]
    pub format: ParseFormat,
}

/// The arguments of `treaty show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The convention text (`-` for standard input).
    pub file: PathBuf,
    /// The clause, in any accepted form: 47.1.c, 47(1)(c), "Art. 47(1)(c)".
    pub id: String,
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// Show the clause's annotations, read from DIR (default: the project's
    /// annotations folder).
    #[arg(long, value_name = "DIR", num_args = 0..=1)]
    pub annotations: Option<Option<PathBuf>>,
    /// The folder of convention texts, to tell which draft FILE is (default: the
    /// project's).
    #[arg(long, value_name = "DIR")]
    pub texts: Option<PathBuf>,
    /// The convention FILE belongs to (default: the folder FILE is in).
    #[arg(long, value_name = "NAME")]
    pub convention: Option<String>,
    /// The draft FILE is (default: the version whose file is FILE in convention.toml).
    #[arg(long, value_name = "LABEL")]
    pub version: Option<String>,
}

/// The arguments of `treaty check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The folder of convention texts (default: the project's `texts/`).
    #[arg(long, value_name = "DIR")]
    pub texts: Option<PathBuf>,
    /// The folder of annotations, `<convention>/<source>.toml` (default: the
    /// project's `annotations/`).
    #[arg(long, value_name = "DIR")]
    pub annotations: Option<PathBuf>,
    /// Check only this convention.
    #[arg(long, value_name = "NAME")]
    pub convention: Option<String>,
    /// Instead, resolve every annotation on this draft and report its status: exact,
    /// moved, changed, orphaned or uncertain (exit code 1 for the last two).
    #[arg(long, value_name = "LABEL")]
    pub against: Option<String>,
    /// text: snippets and a summary; json: one object for machines.
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// The arguments of `treaty annotations`.
#[derive(Debug, clap::Args)]
pub struct AnnotationsArgs {
    /// The folder of annotations (default: the project's `annotations/`).
    #[arg(long, value_name = "DIR")]
    pub annotations: Option<PathBuf>,
    /// Only this convention.
    #[arg(long, value_name = "NAME")]
    pub convention: Option<String>,
    /// Only annotations on this clause or inside it (any accepted ID form).
    #[arg(long, value_name = "ID")]
    pub clause: Option<String>,
    /// Only annotations with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only annotations whose author contains this (any case).
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Only annotations with this stance: concern, support, question, proposal, note.
    #[arg(long, value_parser = parse_stance)]
    pub stance: Option<Stance>,
    /// Only annotations written against this draft.
    #[arg(long, value_name = "LABEL")]
    pub version: Option<String>,
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// The arguments of `treaty diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// OLD NEW, or DIR OLD-LABEL NEW-LABEL.
    #[arg(num_args = 2..=3, required = true, value_name = "OLD NEW")]
    pub inputs: Vec<PathBuf>,
    /// summary: a line per changed article; text: a redline (coloured on a
    /// terminal); word: [-old-]{+new+} markup; side-by-side: two columns;
    /// unified: a patch, a hunk per article; markdown, html: for reports; json: the
    /// change list.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Also list changes that are only formatting.
    #[arg(long)]
    pub show_formatting: bool,
    /// Only this article (its number in either draft).
    #[arg(long, value_name = "N")]
    pub article: Option<String>,
    /// Only this clause and what is under it (any accepted ID form).
    #[arg(long, value_name = "ID", conflicts_with = "article")]
    pub clause: Option<String>,
    /// Width of the side-by-side view in terminal cells (default: $COLUMNS, or 120).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Read the drafts in this language (an ISO 639-1 code such as `fr` or `ar`), for a
    /// convention whose drafts have language versions (default: each draft's first).
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    pub language: Option<String>,
}

/// The arguments of `treaty history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// The convention folder, such as texts/sample.
    pub dir: PathBuf,
    /// The clause, as numbered in --version (any accepted ID form).
    pub id: String,
    /// The draft the ID is numbered in (default: the latest).
    #[arg(long, value_name = "LABEL")]
    pub version: Option<String>,
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// Read the drafts in this language (an ISO 639-1 code such as `fr` or `ar`), for a
    /// convention whose drafts have language versions (default: each draft's first).
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    pub language: Option<String>,
}

/// The arguments of `treaty export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A convention folder or a text file (default: texts/sample).
    pub input: Option<PathBuf>,
    #[arg(long, short, value_enum, default_value_t = ExportFormat::Md)]
    pub format: ExportFormat,
    /// Only these clauses (comma-separated, any accepted ID form).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub clauses: Vec<String>,
    /// Only annotations with this tag (and the clauses they are on).
    #[arg(long)]
    pub tag: Option<String>,
    /// Only annotations whose author contains this (any case).
    #[arg(long)]
    pub author: Option<String>,
    /// Only annotations with this stance.
    #[arg(long, value_parser = parse_stance)]
    pub stance: Option<Stance>,
    /// The folder of annotations (default: the project's `annotations/`).
    #[arg(long, value_name = "DIR")]
    pub annotations: Option<PathBuf>,
    /// Show what changed since an older draft: a version label when INPUT is a
    /// convention folder, else a text file. HTML and Markdown get a redline (deleted
    /// words struck, new ones underlined), JSON a `change` per clause, CSV change
    /// columns.
    #[arg(long, value_name = "OLD")]
    pub with_diff: Option<String>,
    /// CSV cells as written. By default a cell that starts with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return gets a leading `'`, so that a spreadsheet shows it as
    /// text instead of running it as a formula; give this for tools that read CSV as data.
    #[arg(long)]
    pub csv_raw: bool,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Export the draft in this language (an ISO 639-1 code such as `fr`); the
    /// commentary is the same in every language, each annotation marked with the
    /// language it was written on.
    #[arg(long, value_name = "CODE", value_parser = parse_language, conflicts_with = "languages")]
    pub language: Option<String>,
    /// With --format html: the draft in these languages side by side, a column each,
    /// aligned clause by clause (`--languages en,fr`); right-to-left languages are
    /// set right to left.
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = parse_language, num_args = 1..)]
    pub languages: Vec<String>,
}

/// The arguments of `treaty import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file to import (`-` for standard input).
    pub file: PathBuf,
    /// The format of FILE (default: detected).
    #[arg(long, value_enum)]
    pub from: Option<ImportFormat>,
    /// The convention's folder, such as texts/eu-ai-act.
    #[arg(long, value_name = "DIR", required_unless_present = "stdout")]
    pub convention: Option<PathBuf>,
    /// The draft's label, which also names its file (`final` → final.txt).
    #[arg(long, value_name = "LABEL", required_unless_present = "stdout")]
    pub label: Option<String>,
    /// The draft's date: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long)]
    pub date: Option<String>,
    /// Replace a version of the same label, and its file.
    #[arg(long)]
    pub force: bool,
    /// Print the canonical text instead of writing it.
    #[arg(long, conflicts_with_all = ["convention", "label", "date", "force", "language"])]
    pub stdout: bool,
    /// The language of FILE (an ISO 639-1 code such as `fr`): the text becomes that
    /// language version of the draft LABEL, written as <label>.<code>.txt, beside the
    /// draft's other languages.
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    pub language: Option<String>,
    /// FILE is a list of amendments (the European Parliament's published tables): apply
    /// them to the draft LABEL of --convention and write the amended draft as --label.
    /// Each applied change keeps its number after its words (`[Amendment 217]`); what
    /// cannot be applied is listed with the reason, and the rest is applied.
    #[arg(long, value_name = "LABEL", requires_all = ["convention", "label"], conflicts_with = "language")]
    pub onto: Option<String>,
}

/// The arguments of `treaty synopsis`.
#[derive(Debug, clap::Args)]
pub struct SynopsisArgs {
    /// The convention folder, such as texts/eu-ai-act.
    pub dir: PathBuf,
    /// md: a Markdown table; html: a standalone page; csv: a column per draft and the
    /// redline; json: treaty-synopsis/1; concordance: each article's number in every
    /// draft, and the reverse index.
    #[arg(long, short, value_enum, default_value_t = SynopsisFormat::Md)]
    pub format: SynopsisFormat,
    /// Only the rows of these articles (their numbers in any draft), such as `5,50`.
    #[arg(long, value_name = "NUMBERS", value_delimiter = ',')]
    pub articles: Vec<String>,
    /// Only the rows where something changed from one draft to the next.
    #[arg(long)]
    pub changed: bool,
    /// The folder of annotations, for the HTML margin (default: the project's).
    #[arg(long, value_name = "DIR")]
    pub annotations: Option<PathBuf>,
    /// Read the drafts in this language (an ISO 639-1 code).
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    pub language: Option<String>,
    /// CSV cells as written (no leading `'` before a cell a spreadsheet would run).
    #[arg(long)]
    pub csv_raw: bool,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The forms of `treaty synopsis`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SynopsisFormat {
    Md,
    Html,
    Csv,
    Json,
    Concordance,
}

/// The arguments of `treaty languages`.
#[derive(Debug, clap::Args)]
pub struct LanguagesArgs {
    /// The convention folder, such as texts/udhr.
    pub dir: PathBuf,
    /// The draft whose languages are compared (default: the latest).
    #[arg(long, value_name = "LABEL", conflicts_with = "between")]
    pub version: Option<String>,
    /// Compare the change between two drafts across languages instead.
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"])]
    pub between: Option<Vec<String>>,
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// The arguments of `treaty view`.
#[derive(Debug, clap::Args)]
pub struct ViewArgs {
    /// A convention folder such as texts/un-cybercrime-convention.
    pub dir: Option<PathBuf>,
    /// The folder of annotations (default: the project's `annotations/`).
    #[arg(long, value_name = "DIR")]
    pub annotations: Option<PathBuf>,
    /// Print one frame of WIDTHxHEIGHT cells as text and exit, instead of opening
    /// the screen (for scripts, tests and timing).
    #[arg(long, value_name = "WxH")]
    pub dump: Option<String>,
    /// With --dump: keys to press before the frame is printed, such as
    /// `:12.2<Enter>/safeguards<Enter>d<Enter>`.
    #[arg(long, value_name = "KEYS", requires = "dump")]
    pub keys: Option<String>,
    /// Open the drafts in this language (an ISO 639-1 code); `L` switches language.
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    pub language: Option<String>,
}

/// The arguments of `treaty refs`.
#[derive(Debug, clap::Args)]
pub struct RefsArgs {
    /// A text file, a convention folder (its latest draft) or `-` (default: the
    /// bundled sample).
    pub file: Option<PathBuf>,
    /// Only the references made by this clause and the clauses inside it.
    pub id: Option<String>,
    /// Instead: what refers to this clause (backlinks), in any accepted ID form.
    #[arg(long, value_name = "ID", conflicts_with = "id")]
    pub to: Option<String>,
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// The arguments of `treaty lint`.
#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// A text file, a convention folder (its latest draft) or `-` (default: the
    /// bundled sample).
    pub file: Option<PathBuf>,
    /// The draft before this one: a version label when FILE is a convention folder,
    /// else a text file.
    #[arg(long, value_name = "OLD")]
    pub previous: Option<String>,
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// The arguments of `treaty init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder (default: the current one); made if it is not there.
    pub dir: Option<PathBuf>,
}

/// The arguments of `treaty list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// The arguments of `treaty completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// A language code as the manifest writes them: `en`, `fr`, `ar`.
fn parse_language(s: &str) -> Result<String, String> {
    if treaty_model::is_language_code(s) {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "`{s}` is not a language code: write two lower-case letters such as en, fr, es, ru, ar or zh"
        ))
    }
}
