//! Text renderings of a draft for people: the outline, one clause with its quoted words
//! marked, and annotations one after another.

use std::collections::BTreeMap;
use std::io::{self, Write};

use std::ops::Range;

use treaty_annotate::Annotation;
use treaty_model::{Document, Node, NodeKind, TextField, TextPart, escape_controls};

use crate::style::Style;

/// The outline: title, counts, then every unit down to articles (and annex units), each
/// with its clause ID, heading and what it holds.
pub fn outline(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    let title = doc.title.as_deref().unwrap_or("(untitled)");
    writeln!(out, "{}", escape_controls(title))?;
    let mut counts: BTreeMap<usize, (&str, &str, usize)> = BTreeMap::new();
    for n in doc.walk() {
        let (order, one, many) = match n.kind {
            NodeKind::Article => (0, "article", "articles"),
            NodeKind::Part => (1, "part", "parts"),
            NodeKind::Chapter => (2, "chapter", "chapters"),
            NodeKind::Section => (3, "section", "sections"),
            NodeKind::Title => (4, "title", "titles"),
            NodeKind::Recital => (5, "recital", "recitals"),
            NodeKind::Annex => (6, "annex", "annexes"),
            NodeKind::Unit => (7, "annex unit", "annex units"),
            NodeKind::Footnote => (8, "footnote", "footnotes"),
            _ => continue,
        };
        counts.entry(order).or_insert((one, many, 0)).2 += 1;
    }
    let summary: Vec<String> = counts
        .values()
        .map(|&(one, many, c)| format!("{c} {}", if c == 1 { one } else { many }))
        .collect();
    let warnings = doc
        .diagnostics
        .iter()
        .filter(|d| d.severity == treaty_model::Severity::Warning)
        .count();
    let mut line = summary.join(", ");
    if warnings > 0 {
        line.push_str(&format!(
            "; {warnings} warning{}",
            if warnings == 1 { "" } else { "s" }
        ));
    }
    writeln!(out, "{line}")?;
    writeln!(out)?;
    for n in &doc.children {
        outline_node(n, 0, out)?;
    }
    Ok(())
}

fn outline_node(n: &Node, depth: usize, out: &mut impl Write) -> io::Result<()> {
    if n.kind == NodeKind::DocumentTitle {
        return Ok(());
    }
    let mut line = format!("{:indent$}{}  {}", "", n.id, n.title(), indent = depth * 2);
    let held = holds(n);
    if !held.is_empty() {
        line.push_str("  · ");
        line.push_str(&held);
    }
    if !n.negotiation.is_empty() || n.walk().any(|d| !d.negotiation.is_empty()) {
        line.push_str("  [bracketed]");
    }
    writeln!(out, "{}", escape_controls(&line))?;
    if n.kind.is_container() {
        for c in &n.children {
            outline_node(c, depth + 1, out)?;
        }
    }
    Ok(())
}

/// "3 paragraphs, 5 subparagraphs": what a node holds below it.
fn holds(n: &Node) -> String {
    if n.kind.is_division() || matches!(n.kind, NodeKind::Annex | NodeKind::Instrument) {
        return String::new();
    }
    let mut counts: BTreeMap<u8, (&str, usize)> = BTreeMap::new();
    for d in n.walk().skip(1) {
        let (order, word) = match d.kind {
            NodeKind::Paragraph => (0, "paragraph"),
            NodeKind::Subparagraph => (1, "subparagraph"),
            NodeKind::Point => (2, "point"),
            NodeKind::Item => (3, "item"),
            NodeKind::Recital => (4, "recital"),
            _ => continue,
        };
        counts.entry(order).or_insert((word, 0)).1 += 1;
    }
    counts
        .values()
        .map(|(w, c)| format!("{c} {w}{}", if *c == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A quoted passage to mark: a byte range in the clause's full text and the number of
/// the annotation it belongs to.
#[derive(Clone, Debug)]
pub struct Mark {
    pub range: Range<usize>,
    pub number: usize,
}

/// One clause with everything under it, each node on its own line behind its ID.
pub fn clause(n: &Node, out: &mut impl Write) -> io::Result<()> {
    clause_marked(n, &[], Style::Plain, out)
}

/// A clause with quoted passages marked (see [`Mark`]).
pub fn clause_marked(
    n: &Node,
    marks: &[Mark],
    style: Style,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{}  [{} · {}]",
        escape_controls(&n.title()),
        n.id,
        n.eid
    )?;
    let parts = n.text_parts();
    let ctx = Ctx {
        parts: &parts,
        marks,
        style,
    };
    clause_body(n, 0, &ctx, out)
}

struct Ctx<'a> {
    parts: &'a [TextPart<'a>],
    marks: &'a [Mark],
    style: Style,
}

impl Ctx<'_> {
    /// The marks falling in one field of one node, relative to that field's text.
    fn local(&self, node: &Node, field: TextField) -> Vec<Mark> {
        let Some(part) = self
            .parts
            .iter()
            .find(|p| std::ptr::eq(p.node, node) && p.field == field)
        else {
            return Vec::new();
        };
        let (lo, hi) = (part.start, part.start + part.text.len());
        self.marks
            .iter()
            .filter(|m| m.range.start < hi && lo < m.range.end)
            .map(|m| Mark {
                range: m.range.start.max(lo) - lo..m.range.end.min(hi) - lo,
                // Number only the piece where the passage ends.
                number: if m.range.end <= hi { m.number } else { 0 },
            })
            .collect()
    }
}

fn clause_body(n: &Node, depth: usize, ctx: &Ctx<'_>, out: &mut impl Write) -> io::Result<()> {
    let pad = depth * 2;
    let is_top = depth == 0;
    if !n.text.is_empty() {
        let id = if is_top {
            String::new()
        } else {
            n.id.to_string()
        };
        let marks = ctx.local(n, TextField::Text);
        write_block(out, pad, &id, &n.text, &marks, ctx.style)?;
    } else if !is_top {
        let mut label = n.id.to_string();
        if let Some(h) = &n.heading {
            label.push_str(" — ");
            label.push_str(h);
        }
        writeln!(out, "{:pad$}{}", "", escape_controls(&label))?;
    }
    for m in &n.negotiation.markers {
        writeln!(out, "{:pad$}  [status: {}]", "", escape_controls(m))?;
    }
    for b in &n.negotiation.bracketed {
        writeln!(out, "{:pad$}  [bracketed: {}]", "", escape_controls(b))?;
    }
    for c in &n.children {
        clause_body(c, depth + 1, ctx, out)?;
    }
    if let Some(c) = &n.closing {
        let marks = ctx.local(n, TextField::Closing);
        write_block(out, pad, "", c, &marks, ctx.style)?;
    }
    Ok(())
}

fn write_block(
    out: &mut impl Write,
    pad: usize,
    id: &str,
    text: &str,
    marks: &[Mark],
    style: Style,
) -> io::Result<()> {
    let mut at = 0;
    for (k, line) in text.split('\n').enumerate() {
        let label = if k == 0 { id } else { "" };
        let shown = mark_line(line, at, marks, style);
        at += line.len() + 1;
        if label.is_empty() {
            writeln!(out, "{:pad$}{shown}", "")?;
        } else {
            writeln!(out, "{:pad$}{label}  {shown}", "")?;
        }
    }
    Ok(())
}

/// One line of text, escaped, with the marks that fall in it (`offset`: where the line
/// starts in the marks' coordinates).
fn mark_line(line: &str, offset: usize, marks: &[Mark], style: Style) -> String {
    let (open, close) = style.quoted();
    // Boundaries inside this line: (position, is_end, number).
    let mut cuts: Vec<(usize, bool, usize)> = Vec::new();
    let end = offset + line.len();
    for m in marks {
        if m.range.start < end && offset < m.range.end.max(m.range.start + 1) {
            let a = m.range.start.max(offset) - offset;
            let b = m.range.end.min(end) - offset;
            cuts.push((a, false, 0));
            cuts.push((b, true, if m.range.end <= end { m.number } else { 0 }));
        }
    }
    if cuts.is_empty() {
        return escape_controls(line).into_owned();
    }
    cuts.sort_by_key(|&(p, is_end, _)| (p, !is_end));
    let mut out = String::new();
    let mut depth = 0usize;
    let mut from = 0;
    for (p, is_end, number) in cuts {
        let p = floor_boundary(line, p);
        out.push_str(&escape_controls(&line[from..p]));
        from = p;
        if is_end {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                out.push_str(close);
            }
            if number > 0 {
                out.push_str(&superscript(number));
            }
        } else {
            if depth == 0 {
                out.push_str(open);
            }
            depth += 1;
        }
    }
    out.push_str(&escape_controls(&line[from..]));
    out
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `12` → `¹²`.
pub fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| DIGITS[usize::from(b - b'0')])
        .collect()
}

/// How an annotation relates to the text it is shown beside.
#[derive(Clone, Debug)]
pub struct Shown<'a> {
    pub annotation: &'a Annotation,
    /// A note on its anchoring, such as "written on `zero-draft`".
    pub note: Option<String>,
}

/// Annotations one after another, numbered from 1: a header line with the clause, stance,
/// author and date, then tags and source, the quoted words and the body.
pub fn annotations(list: &[Shown<'_>], numbered: bool, out: &mut impl Write) -> io::Result<()> {
    for (k, s) in list.iter().enumerate() {
        let a = s.annotation;
        if k > 0 {
            writeln!(out)?;
        }
        let number = if numbered {
            format!("{} ", superscript(k + 1))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{number}{}  {}  {} · {}  [{} · {}]",
            a.clause,
            a.stance,
            escape_controls(&a.author),
            a.date,
            escape_controls(&a.id),
            escape_controls(&a.version),
        )?;
        if let Some(note) = &s.note {
            writeln!(out, "  ({})", escape_controls(note))?;
        }
        if !a.tags.is_empty() {
            writeln!(out, "  tags: {}", escape_controls(&a.tags.join(", ")))?;
        }
        if let Some(src) = &a.source {
            writeln!(out, "  source: {}", escape_controls(src))?;
        }
        if let Some(q) = &a.quote {
            let mut on = format!("  on \"{q}\"");
            let context: Vec<String> = [("after", &a.prefix), ("before", &a.suffix)]
                .into_iter()
                .filter_map(|(word, v)| v.as_ref().map(|v| format!("{word} \"{v}\"")))
                .collect();
            if !context.is_empty() {
                on.push_str(&format!(" ({})", context.join(", ")));
            }
            writeln!(out, "{}", escape_controls(&on))?;
        }
        for line in a.body.trim_end().lines() {
            if line.is_empty() {
                writeln!(out)?;
            } else {
                writeln!(out, "  {}", escape_controls(line))?;
            }
        }
    }
    Ok(())
}
