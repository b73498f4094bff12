//! `treaty refs` and `treaty lint`: the cross-references of a text, what refers to a
//! clause, and references that point at the wrong clause after a renumbering.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Serialize;
use treaty_diff::{ConventionDiff, Status};
use treaty_model::{ClauseId, Document, Node, escape_controls};
use treaty_refs::Reference;

use crate::diagnostics::{self, Kind, Message};
use crate::project::{self, ManifestState};

/// A text read for references: its name, source and tree.
#[derive(Debug)]
pub struct Text {
    pub name: String,
    pub label: String,
    pub source: String,
    pub doc: Document,
}

impl Text {
    fn version(&self) -> treaty_diff::Version<'_> {
        treaty_diff::Version {
            label: &self.label,
            doc: &self.doc,
            source: &self.source,
        }
    }
}

/// Read a text file, or the latest draft present in a convention folder; with none, the
/// bundled sample.
pub fn open(input: Option<&Path>) -> anyhow::Result<Text> {
    let Some(input) = input else {
        let src = crate::input::bundled();
        return from_bytes(src.name, "final".to_owned(), &src.bytes);
    };
    let (path, label) = if input.is_dir() {
        latest(input)?
    } else {
        (input.to_path_buf(), project::display(input))
    };
    let src = crate::input::read(&path)?;
    from_bytes(src.name, label, &src.bytes)
}

/// An older draft to compare with: a text file, or a version label of the folder
/// `input` when `input` is a convention folder.
pub fn open_previous(input: Option<&Path>, old: &Path) -> anyhow::Result<Text> {
    if let Some(dir) = input.filter(|i| i.is_dir())
        && !old.exists()
    {
        let label = old.to_string_lossy().into_owned();
        let file = crate::diffing::version_file(dir, &label)?;
        let src = crate::input::read(&file)?;
        return from_bytes(src.name, label, &src.bytes);
    }
    let src = crate::input::read(old)?;
    from_bytes(src.name, project::display(old), &src.bytes)
}

fn from_bytes(name: String, label: String, bytes: &[u8]) -> anyhow::Result<Text> {
    let doc = treaty_parse::parse(bytes).with_context(|| format!("cannot parse {name}"))?;
    Ok(Text {
        name,
        label,
        source: String::from_utf8_lossy(bytes).into_owned(),
        doc,
    })
}

/// The file and label of the latest draft present in a convention folder.
fn latest(dir: &Path) -> anyhow::Result<(PathBuf, String)> {
    let (texts, name) = match (dir.parent(), dir.file_name()) {
        (Some(p), Some(n)) => (p, n.to_string_lossy().into_owned()),
        _ => bail!("{} is not a convention folder", project::display(dir)),
    };
    match project::manifest(texts, &name)? {
        ManifestState::Ok { manifest, .. } => manifest
            .versions
            .iter()
            .rev()
            .map(|v| (dir.join(&v.file), v.label.clone()))
            .find(|(p, _)| p.exists())
            .with_context(|| {
                format!(
                    "none of the drafts listed in {} is there: import one with `treaty import`",
                    project::display(&dir.join("convention.toml"))
                )
            }),
        ManifestState::Absent => bail!(
            "there is no {}: pass a text file instead",
            project::display(&dir.join("convention.toml"))
        ),
        ManifestState::Bad { name, problem, .. } => bail!("{name}: {}", problem.message),
    }
}

/// What a reference points at, in words: `8 (Article 8 — Liability of legal persons)`.
fn describe_target(doc: &Document, id: &ClauseId) -> String {
    match doc.find(id) {
        Some(n) => match &n.heading {
            Some(h) if !n.id.as_str().contains('.') => format!("{id} ({} — {h})", n.label()),
            _ => id.to_string(),
        },
        None => format!("{id} (not in this text)"),
    }
}

/// The references made by `from` (and the clauses inside it), or by the whole text.
pub fn list(
    t: &Text,
    refs: &[Reference],
    from: Option<&ClauseId>,
    out: &mut impl Write,
) -> io::Result<()> {
    for r in refs
        .iter()
        .filter(|r| from.is_none_or(|f| f.contains(&r.from)))
    {
        line(t, r, out)?;
    }
    Ok(())
}

fn line(t: &Text, r: &Reference, out: &mut impl Write) -> io::Result<()> {
    let to = match &r.external {
        Some(name) => format!("external: {name}"),
        None if r.targets.is_empty() => format!(
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
            .map(|id| describe_target(&t.doc, id))
            .collect::<Vec<_>>()
            .join(", "),
    };
    writeln!(
        out,
        "{}\t{}\t→ {}",
        r.from,
        escape_controls(&r.text),
        escape_controls(&to)
    )
}

/// What refers to `id` (or to a clause inside it, or to what holds it).
pub fn backlinks(
    t: &Text,
    refs: &[Reference],
    id: &ClauseId,
    out: &mut impl Write,
) -> io::Result<()> {
    for r in treaty_refs::backlinks(refs, id) {
        line(t, r, out)?;
    }
    Ok(())
}

/// Under a clause shown with `treaty show`: the references it makes, and what refers to
/// it; nothing when there are none.
pub fn show_section(doc: &Document, node: &Node, out: &mut impl Write) -> io::Result<()> {
    let refs = treaty_refs::find(doc);
    let made: Vec<&Reference> = refs.iter().filter(|r| node.id.contains(&r.from)).collect();
    let to: Vec<&Reference> = treaty_refs::backlinks(&refs, &node.id)
        .into_iter()
        .filter(|r| !node.id.contains(&r.from))
        .collect();
    let row = |r: &Reference, out: &mut dyn Write| {
        let target = match &r.external {
            Some(name) => format!("external: {name}"),
            None => r
                .targets
                .iter()
                .map(|id| describe_target(doc, id))
                .collect::<Vec<_>>()
                .join(", "),
        };
        writeln!(
            out,
            "  {}  {} → {}",
            r.from,
            escape_controls(&r.text),
            escape_controls(&target)
        )
    };
    if !made.is_empty() {
        writeln!(out, "References:")?;
        for r in made {
            row(r, out)?;
        }
    }
    if !to.is_empty() {
        writeln!(out, "Referred to by:")?;
        for r in to {
            row(r, out)?;
        }
    }
    Ok(())
}

/// One problem `treaty lint` found.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub code: &'static str,
    /// The clause whose words hold the reference.
    pub clause: ClauseId,
    /// The reference, as written.
    pub reference: String,
    pub message: String,
    pub help: Vec<String>,
    /// Byte range of the reference in the source, when found there.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// 1-based line and column of the reference in the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
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

/// References to clauses the text does not have; with `previous`, references whose
/// target was renumbered or deleted since that draft while the reference kept its words.
pub fn lint(t: &Text, refs: &[Reference], previous: Option<&Text>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for r in refs.iter().filter(|r| r.is_internal()) {
        for m in &r.missing {
            let near: Vec<String> = t
                .doc
                .suggest(m, 3)
                .iter()
                .map(ToString::to_string)
                .collect();
            let mut help = vec![format!(
                "check the number; `treaty parse {}` lists the clauses",
                t.name
            )];
            if !near.is_empty() {
                help.insert(0, format!("did you mean {}?", near.join(", ")));
            }
            findings.push(finding(
                t,
                r,
                "missing-target",
                format!(
                    "`{}` in {} refers to {}, which this text does not have",
                    r.text,
                    r.from,
                    human(m)
                ),
                help,
            ));
        }
    }
    if let Some(old) = previous {
        findings.extend(stale(t, refs, old));
    }
    findings
}

/// References that kept their words while what they pointed at moved.
fn stale(t: &Text, refs: &[Reference], old: &Text) -> Vec<Finding> {
    let diff = treaty_diff::diff(&old.version(), &t.version());
    let old_refs = treaty_refs::find(&old.doc);
    let mut by_clause: HashMap<&ClauseId, Vec<&Reference>> = HashMap::new();
    for o in &old_refs {
        by_clause.entry(&o.from).or_default().push(o);
    }
    let mut out = Vec::new();
    for r in refs
        .iter()
        .filter(|r| r.is_internal() && !r.targets.is_empty())
    {
        let Some(was) = diff.backward(&r.from) else {
            continue;
        };
        let Some(o) = by_clause
            .get(was)
            .and_then(|v| v.iter().find(|o| o.text == r.text))
        else {
            continue;
        };
        for target in o.targets.iter().filter(|t| !o.missing.contains(t)) {
            let Some(now) = where_now(&diff, target) else {
                continue;
            };
            if now.iter().any(|n| r.targets.iter().any(|x| x == n)) {
                continue;
            }
            let (code, message, help) = if now.is_empty() {
                (
                    "deleted-target",
                    format!(
                        "`{}` in {} refers to {} of `{}`, which was deleted in this draft",
                        r.text,
                        r.from,
                        human(target),
                        old.label
                    ),
                    vec![format!(
                        "{} was deleted in this draft: drop the reference or point it at what replaced it",
                        human(target)
                    )],
                )
            } else {
                let renamed = now.iter().map(human).collect::<Vec<_>>().join(" and ");
                let split = if now.len() > 1 { " (it was split)" } else { "" };
                let mut help = vec![format!(
                    "{} was renumbered {}{split} in this draft",
                    human(target),
                    now.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" and ")
                )];
                if let Some(fixed) = renumbered_words(&r.text, target, &now) {
                    help.push(format!("write `{fixed}`"));
                }
                (
                    "stale-reference",
                    format!(
                        "`{}` in {} kept its old number: in `{}` it pointed at what is now {}",
                        r.text, r.from, old.label, renamed
                    ),
                    help,
                )
            };
            out.push(finding(t, r, code, message, help));
        }
    }
    out
}

/// What `old` (a clause of the older draft) is in the newer one: `Some([])` when it was
/// deleted, `None` when the diff cannot say.
fn where_now(diff: &ConventionDiff, old: &ClauseId) -> Option<Vec<ClauseId>> {
    if let Some(u) = diff.units.iter().find(|u| u.old.contains(old)) {
        return Some(match u.status {
            Status::Deleted => Vec::new(),
            _ => u.new.clone(),
        });
    }
    if let Some(n) = diff.forward(old) {
        return Some(vec![n.clone()]);
    }
    let deleted = diff
        .units
        .iter()
        .flat_map(|u| &u.clauses)
        .any(|c| c.status == Status::Deleted && c.old.as_ref() == Some(old));
    deleted.then(Vec::new)
}

/// The reference's words with the old article number replaced by the new one, when the
/// target is an article and the words name it once: `article 8` → `article 9`.
fn renumbered_words(words: &str, old: &ClauseId, now: &[ClauseId]) -> Option<String> {
    let (old, new) = (old.as_str(), now.first()?.as_str());
    if old.contains('.') || new.contains('.') {
        return None;
    }
    let hits: Vec<usize> = words
        .match_indices(old)
        .filter(|(k, _)| {
            let before = words[..*k].chars().next_back();
            let after = words[k + old.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|(k, _)| k)
        .collect();
    let [k] = hits[..] else { return None };
    Some(format!("{}{new}{}", &words[..k], &words[k + old.len()..]))
}

fn finding(
    t: &Text,
    r: &Reference,
    code: &'static str,
    message: String,
    help: Vec<String>,
) -> Finding {
    let span = t
        .doc
        .find(&r.from)
        .and_then(|n| source_span(&t.source, n, &r.text));
    let (line, column) = match &span {
        Some(s) => {
            let index = treaty_model::LineIndex::new(&t.source);
            let lc = index.line_col(&t.source, s.start);
            (Some(lc.line), Some(lc.column))
        }
        None => (None, None),
    };
    Finding {
        code,
        clause: r.from.clone(),
        reference: r.text.clone(),
        message,
        help,
        span,
        line,
        column,
    }
}

/// Where the words of a reference are in the source of the clause that holds them,
/// whatever spacing the source has between them.
fn source_span(source: &str, n: &Node, words: &str) -> Option<Range<usize>> {
    let (start, end) = (n.span.start, n.span.end.min(source.len()));
    let hay = source.get(start..end)?;
    let mut tokens = words.split_whitespace();
    let first = tokens.next()?;
    let rest: Vec<&str> = tokens.collect();
    'candidates: for (k, _) in hay.match_indices(first) {
        let mut at = k + first.len();
        for tok in &rest {
            let skipped = hay[at..].len() - hay[at..].trim_start().len();
            if skipped == 0 || !hay[at + skipped..].starts_with(tok) {
                continue 'candidates;
            }
            at += skipped + tok.len();
        }
        return Some(start + k..start + at);
    }
    None
}

/// Print findings like a compiler: file, line, column, the line with the reference
/// marked, and help.
pub fn print(t: &Text, findings: &[Finding], color: bool, out: &mut impl Write) -> io::Result<()> {
    let renderer = diagnostics::renderer(color);
    let index = treaty_model::LineIndex::new(&t.source);
    for f in findings {
        let m = Message {
            kind: Kind::Error,
            code: f.code,
            message: &f.message,
            span: f.span.clone(),
            help: f.help.iter().map(String::as_str).collect(),
        };
        out.write_all(
            diagnostics::render_one(&renderer, &index, &t.name, &t.source, &m).as_bytes(),
        )?;
        writeln!(out)?;
    }
    let n = findings.len();
    writeln!(
        out,
        "{}: {n} {}",
        t.name,
        if n == 1 { "problem" } else { "problems" }
    )
}
