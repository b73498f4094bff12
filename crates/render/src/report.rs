//! Reports for people and machines: the annotation check, commentary carried onto a
//! draft, a clause's history, cross-references and the references lint found wrong.

use std::io::{self, Write};

use serde::Serialize;
use treaty_annotate::{Listed, Problem, Report};
use treaty_lineage::{Carried, Finding, LintProblem, Status, Step};
use treaty_model::{ClauseId, Document, Draft, LineIndex, Node, escape_controls};
use treaty_refs::Reference;

use crate::diagnostics::{self, Kind, Message};
use crate::diff::mark_words;
use crate::style::Style;
use crate::text::{Shown, annotations};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The check for people: each problem as a snippet, then a summary line.
pub fn check_text(report: &Report, style: Style, out: &mut impl Write) -> io::Result<()> {
    let renderer = diagnostics::renderer(style);
    let indexes: Vec<LineIndex> = report
        .files
        .iter()
        .map(|f| LineIndex::new(&f.source))
        .collect();
    for (f, p) in &report.problems {
        let file = &report.files[*f];
        let text = diagnostics::render_one(
            &renderer,
            &indexes[*f],
            &file.name,
            &file.source,
            &Message::from(p),
        );
        writeln!(out, "{text}\n")?;
    }
    writeln!(
        out,
        "checked {} in {} of {}: {}, {}",
        plural(report.annotations, "annotation", "annotations"),
        plural(report.annotation_files, "file", "files"),
        plural(report.conventions, "convention", "conventions"),
        plural(report.errors(), "error", "errors"),
        plural(report.warnings(), "warning", "warnings"),
    )
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    #[serde(flatten)]
    problem: &'a Problem,
}

/// The check for machines (`treaty-check/1`).
pub fn check_json(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let indexes: Vec<LineIndex> = report
        .files
        .iter()
        .map(|f| LineIndex::new(&f.source))
        .collect();
    let problems: Vec<JsonProblem<'_>> = report
        .problems
        .iter()
        .map(|(f, p)| {
            let file = &report.files[*f];
            let at = |o: usize| indexes[*f].line_col(&file.source, o);
            let start = p.span.as_ref().map(|s| at(s.start));
            let end = p.span.as_ref().map(|s| at(s.end));
            JsonProblem {
                file: &file.name,
                line: start.map(|l| l.line),
                column: start.map(|l| l.column),
                end_line: end.map(|l| l.line),
                end_column: end.map(|l| l.column),
                problem: p,
            }
        })
        .collect();
    crate::json::write(
        out,
        &serde_json::json!({
            "schema": "treaty-check/1",
            "conventions": report.conventions,
            "files": report.files.iter().map(|f| &f.name).collect::<Vec<_>>(),
            "annotations": report.annotations,
            "errors": report.errors(),
            "warnings": report.warnings(),
            "problems": problems,
        }),
    )
}

/// Commentary carried onto a draft, for people: counts per convention, then one line
/// per annotation.
pub fn carry_text(
    report: &[(String, Vec<Carried>)],
    label: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    for (conv, list) in report {
        let count = |s: Status| list.iter().filter(|c| c.status == s).count();
        writeln!(
            out,
            "{}: {} annotations on `{}`: {} exact, {} moved, {} changed, {} orphaned, {} uncertain",
            escape_controls(conv),
            list.len(),
            escape_controls(label),
            count(Status::Exact),
            count(Status::Moved),
            count(Status::Changed),
            count(Status::Orphaned),
            count(Status::Uncertain)
        )?;
        for c in list {
            let place = match &c.now {
                Some(now) if now != &c.clause => format!("{} {} → {now}", c.from, c.clause),
                _ => format!("{} {}", c.from, c.clause),
            };
            writeln!(
                out,
                "  {}  {}  {}: {}",
                escape_controls(&c.id),
                escape_controls(&place),
                c.status.as_str(),
                escape_controls(&c.reason)
            )?;
            if !c.words.is_empty() {
                let marked = mark_words(&c.words, Style::Plain);
                writeln!(out, "      {}", marked.replace('\n', " / "))?;
            }
        }
    }
    Ok(())
}

/// Commentary carried onto a draft, for machines (`treaty-carry/1`).
pub fn carry_json(
    report: &[(String, Vec<Carried>)],
    label: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    crate::json::write(
        out,
        &serde_json::json!({
            "schema": "treaty-carry/1",
            "against": label,
            "conventions": report
                .iter()
                .map(|(c, list)| serde_json::json!({ "convention": c, "annotations": list }))
                .collect::<Vec<_>>(),
        }),
    )
}

/// A clause's history for people: each draft, the clause's number there, its text, and
/// the words that changed since the draft before.
pub fn history_text(steps: &[Step], style: Style, out: &mut impl Write) -> io::Result<()> {
    for (k, s) in steps.iter().enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        let date = s
            .date
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        let label = escape_controls(&s.label);
        match (&s.id, &s.text) {
            (Some(id), Some(text)) => {
                writeln!(out, "== {label}{date}: {id}")?;
                if s.words.is_empty() {
                    for line in text.lines() {
                        writeln!(out, "  {}", escape_controls(line))?;
                    }
                    if k > 0 && steps[..k].iter().any(|p| p.text.is_some()) {
                        writeln!(out, "  (words unchanged)")?;
                    }
                } else {
                    for line in mark_words(&s.words, style).lines() {
                        writeln!(out, "  {line}")?;
                    }
                }
            }
            _ => match &s.missing {
                Some(why) => writeln!(
                    out,
                    "== {label}{date}: (text not available: {})",
                    escape_controls(why)
                )?,
                None => writeln!(out, "== {label}{date}: not in this draft")?,
            },
        }
    }
    Ok(())
}

/// A clause's history for machines (`treaty-history/1`).
pub fn history_json(id: &ClauseId, steps: &[Step], out: &mut impl Write) -> io::Result<()> {
    crate::json::write(
        out,
        &serde_json::json!({ "schema": "treaty-history/1", "clause": id, "versions": steps }),
    )
}

/// What a reference points at, in words: `8 (Article 8 — Liability of legal persons)`.
fn describe_target(nodes: &Nodes<'_>, id: &ClauseId) -> String {
    match nodes.get(id) {
        Some(n) => match &n.heading {
            Some(h) if !n.id.as_str().contains('.') => format!("{id} ({} — {h})", n.label()),
            _ => id.to_string(),
        },
        None => format!("{id} (not in this text)"),
    }
}

/// What a reference points at: its targets described, or the instrument it names.
/// The nodes of a document by ID, looked up once per target.
type Nodes<'d> = std::collections::HashMap<&'d ClauseId, &'d Node>;

fn targets(nodes: &Nodes<'_>, r: &Reference, unresolved: bool) -> String {
    match &r.external {
        Some(name) => format!("external: {name}"),
        None if unresolved && r.targets.is_empty() => format!(
            "unresolved: {}",
            r.missing
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => r
            .targets
            .iter()
            .map(|id| describe_target(nodes, id))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// References one per line: CLAUSE <tab> WORDS <tab> → TARGETS.
pub fn refs_text<'r>(
    doc: &Document,
    refs: impl IntoIterator<Item = &'r Reference>,
    out: &mut impl Write,
) -> io::Result<()> {
    let nodes = doc.by_id();
    for r in refs {
        writeln!(
            out,
            "{}\t{}\t→ {}",
            r.from,
            escape_controls(&r.text),
            escape_controls(&targets(&nodes, r, true))
        )?;
    }
    Ok(())
}

/// References for machines (`treaty-refs/1`).
pub fn refs_json(refs: &[&Reference], out: &mut impl Write) -> io::Result<()> {
    crate::json::write(
        out,
        &serde_json::json!({ "schema": "treaty-refs/1", "references": refs }),
    )
}

/// Under a clause shown with `treaty show`: the references it makes, and what refers to
/// it; nothing when there are none.
pub fn refs_section(
    doc: &Document,
    refs: &[Reference],
    node: &Node,
    out: &mut impl Write,
) -> io::Result<()> {
    let made: Vec<&Reference> = refs.iter().filter(|r| node.id.contains(&r.from)).collect();
    let to: Vec<&Reference> = treaty_refs::backlinks(refs, &node.id)
        .into_iter()
        .filter(|r| !node.id.contains(&r.from))
        .collect();
    let nodes = doc.by_id();
    for (title, list) in [("References:", made), ("Referred to by:", to)] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "{title}")?;
        for r in list {
            writeln!(
                out,
                "  {}  {} → {}",
                r.from,
                escape_controls(&r.text),
                escape_controls(&targets(&nodes, r, false))
            )?;
        }
    }
    Ok(())
}

/// How a clause ID reads in a message: `article 8`, or `24.1` below article level.
fn human(id: &ClauseId) -> String {
    let s = id.as_str();
    if !s.contains('.') && s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("article {s}")
    } else {
        s.to_owned()
    }
}

/// A lint finding's message and help lines, for people. `name` is the draft's file.
pub fn lint_message(f: &Finding, name: &str) -> (String, Vec<String>) {
    let ids = |v: &[ClauseId], sep: &str| {
        v.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(sep)
    };
    match &f.problem {
        LintProblem::MissingTarget { target, near } => {
            let mut help = vec![format!(
                "check the number; `treaty parse {name}` lists the clauses"
            )];
            if !near.is_empty() {
                help.insert(0, format!("did you mean {}?", ids(near, ", ")));
            }
            (
                format!(
                    "`{}` in {} refers to {}, which this text does not have",
                    f.reference,
                    f.clause,
                    human(target)
                ),
                help,
            )
        }
        LintProblem::StaleReference {
            old,
            target,
            now,
            fixed,
        } => {
            let renamed = now.iter().map(human).collect::<Vec<_>>().join(" and ");
            let split = if now.len() > 1 { " (it was split)" } else { "" };
            let mut help = vec![format!(
                "{} was renumbered {}{split} in this draft",
                human(target),
                ids(now, " and ")
            )];
            if let Some(fixed) = fixed {
                help.push(format!("write `{fixed}`"));
            }
            (
                format!(
                    "`{}` in {} kept its old number: in `{old}` it pointed at what is now {renamed}",
                    f.reference, f.clause
                ),
                help,
            )
        }
        LintProblem::DeletedTarget { old, target } => (
            format!(
                "`{}` in {} refers to {} of `{old}`, which was deleted in this draft",
                f.reference,
                f.clause,
                human(target)
            ),
            vec![format!(
                "{} was deleted in this draft: drop the reference or point it at what replaced it",
                human(target)
            )],
        ),
        _ => (format!("`{}` in {}", f.reference, f.clause), Vec::new()),
    }
}

/// Lint findings like a compiler's: file, line, column, the line with the reference
/// marked, and help; then a count.
pub fn lint_text(
    draft: &Draft,
    findings: &[Finding],
    style: Style,
    out: &mut impl Write,
) -> io::Result<()> {
    let renderer = diagnostics::renderer(style);
    let index = LineIndex::new(&draft.source);
    for f in findings {
        let (message, help) = lint_message(f, &draft.origin);
        let m = Message {
            kind: Kind::Error,
            code: f.problem.code(),
            message: &message,
            span: f.span.clone(),
            help: help.iter().map(String::as_str).collect(),
        };
        out.write_all(
            diagnostics::render_one(&renderer, &index, &draft.origin, &draft.source, &m).as_bytes(),
        )?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{}: {}",
        draft.origin,
        plural(findings.len(), "problem", "problems")
    )
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    clause: &'a ClauseId,
    reference: &'a str,
    message: String,
    help: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

/// Lint findings for machines (`treaty-lint/1`).
pub fn lint_json(draft: &Draft, findings: &[Finding], out: &mut impl Write) -> io::Result<()> {
    let list: Vec<JsonFinding<'_>> = findings
        .iter()
        .map(|f| {
            let (message, help) = lint_message(f, &draft.origin);
            JsonFinding {
                code: f.problem.code(),
                clause: &f.clause,
                reference: &f.reference,
                message,
                help,
                line: f.line,
                column: f.column,
            }
        })
        .collect();
    crate::json::write(
        out,
        &serde_json::json!({ "schema": "treaty-lint/1", "file": draft.origin, "findings": list }),
    )
}

/// A listing of annotations for people.
pub fn annotations_text(listed: &[Listed], out: &mut impl Write) -> io::Result<()> {
    let shown: Vec<Shown<'_>> = listed
        .iter()
        .map(|l| Shown {
            annotation: &l.annotation,
            note: None,
        })
        .collect();
    annotations(&shown, false, out)
}

/// A listing of annotations for machines (`treaty-annotations/1`).
pub fn annotations_json(listed: &[Listed], out: &mut impl Write) -> io::Result<()> {
    crate::json::write(
        out,
        &serde_json::json!({ "schema": "treaty-annotations/1", "annotations": listed }),
    )
}

/// The comparison of a draft's language versions, for people: what is missing where,
/// lists numbered otherwise, lengths out of the usual ratio, then notes on layout.
pub fn languages_text(
    label: &str,
    c: &treaty_lineage::languages::Comparison,
    out: &mut impl Write,
) -> io::Result<()> {
    let e = escape_controls;
    writeln!(
        out,
        "{}: {} ({} clauses in {})",
        e(label),
        c.languages
            .iter()
            .map(|l| e(l))
            .collect::<Vec<_>>()
            .join(", "),
        c.clauses,
        c.languages.first().map_or("", String::as_str)
    )?;
    for m in &c.missing {
        writeln!(
            out,
            "missing: {} {} ({}) has no counterpart in {}: {}…",
            m.kind.to_lowercase(),
            e(&m.id),
            e(&m.language),
            m.absent_from
                .iter()
                .map(|l| e(l))
                .collect::<Vec<_>>()
                .join(", "),
            e(&m.opening)
        )?;
        if !m.shifted.is_empty() {
            writeln!(
                out,
                "  so these IDs name each other's clauses ({} = {}): {}",
                e(&m.language),
                m.absent_from
                    .iter()
                    .map(|l| e(l))
                    .collect::<Vec<_>>()
                    .join(", "),
                e(&m.shifted.join(", "))
            )?;
        }
    }
    for n in &c.numbering {
        writeln!(
            out,
            "numbering: under {} the {} text has {} where the reference has {}",
            e(&n.parent),
            e(&n.language),
            e(&n.found.join(" ")),
            e(&n.reference.join(" "))
        )?;
    }
    for l in &c.lengths {
        writeln!(
            out,
            "length: {} in {} is {:.2}× the reference's length, where {:.2}× is usual: compare the two texts",
            e(&l.id),
            e(&l.language),
            l.ratio,
            l.usual
        )?;
    }
    for l in &c.layout {
        // `preamble`, not `preamble preamble`.
        let what = if l.kind.eq_ignore_ascii_case(&l.id) {
            e(&l.id).into_owned()
        } else {
            format!("{} {}", l.kind.to_lowercase(), e(&l.id))
        };
        writeln!(
            out,
            "note: the {what} is laid out in {} (a difference of layout, not of wording)",
            l.paragraphs
                .iter()
                .map(|p| format!(
                    "{} {}",
                    plural(p.paragraphs, "paragraph", "paragraphs"),
                    e(&p.language)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    let verdict = if c.structure_differs() {
        "the structure differs"
    } else {
        "the same structure in every language"
    };
    writeln!(
        out,
        "{verdict}: {}, {}, {}, {}",
        plural(c.missing.len(), "missing clause", "missing clauses"),
        plural(
            c.numbering.len(),
            "list numbered otherwise",
            "lists numbered otherwise"
        ),
        plural(
            c.lengths.len(),
            "length out of ratio",
            "lengths out of ratio"
        ),
        plural(c.layout.len(), "layout note", "layout notes")
    )
}

/// The comparison of a draft's language versions, for machines.
pub fn languages_json(
    label: &str,
    c: &treaty_lineage::languages::Comparison,
    out: &mut impl Write,
) -> io::Result<()> {
    crate::json::write(
        out,
        &serde_json::json!({
            "schema": "treaty-languages/1",
            "version": label,
            "structure_differs": c.structure_differs(),
            "comparison": c,
        }),
    )
}

/// Clauses changed between two drafts in some languages only, for people.
pub fn between_text(
    old: &str,
    new: &str,
    languages: &[String],
    uneven: &[treaty_lineage::languages::Uneven],
    out: &mut impl Write,
) -> io::Result<()> {
    let e = escape_controls;
    writeln!(
        out,
        "{} → {} in {}",
        e(old),
        e(new),
        languages
            .iter()
            .map(|l| e(l))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    for u in uneven {
        writeln!(
            out,
            "{}: {} in {}, not in {}",
            e(&u.id),
            u.changed
                .iter()
                .map(|c| c.status)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
                .join("/"),
            u.changed
                .iter()
                .map(|c| e(&c.language))
                .collect::<Vec<_>>()
                .join(", "),
            u.unchanged
                .iter()
                .map(|l| e(l))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    if uneven.is_empty() {
        writeln!(out, "every change was made in every language")
    } else {
        writeln!(
            out,
            "{} changed in some languages only",
            plural(uneven.len(), "clause", "clauses")
        )
    }
}

/// Clauses changed between two drafts in some languages only, for machines.
pub fn between_json(
    old: &str,
    new: &str,
    languages: &[String],
    uneven: &[treaty_lineage::languages::Uneven],
    out: &mut impl Write,
) -> io::Result<()> {
    crate::json::write(
        out,
        &serde_json::json!({
            "schema": "treaty-languages-between/1",
            "old": old,
            "new": new,
            "languages": languages,
            "uneven": uneven,
        }),
    )
}
