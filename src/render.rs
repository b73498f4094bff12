//! Text renderings of a parsed document: the outline and a single clause.

use std::collections::BTreeMap;
use std::io::{self, Write};

use treaty_model::{Document, Node, NodeKind, escape_controls};

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
    let mut line = format!("{:indent$}{}  {}", "", n.id, n.label(), indent = depth * 2);
    if n.kind == NodeKind::DocumentTitle {
        return Ok(());
    }
    if let Some(h) = &n.heading {
        line.push_str(" — ");
        line.push_str(h);
    }
    let held = holds(n);
    if !held.is_empty() {
        line.push_str("  · ");
        line.push_str(&held);
    }
    if !n.negotiation.is_empty() || n.walk().any(|d| !d.negotiation.is_empty()) {
        line.push_str("  [bracketed]");
    }
    writeln!(out, "{}", escape_controls(&line))?;
    let descend = n.kind.is_division() || matches!(n.kind, NodeKind::Annex | NodeKind::Heading);
    if descend {
        for c in &n.children {
            outline_node(c, depth + 1, out)?;
        }
    }
    Ok(())
}

/// "3 paragraphs, 5 subparagraphs": what a node holds below it.
fn holds(n: &Node) -> String {
    if n.kind.is_division() || n.kind == NodeKind::Annex {
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

/// One clause with everything under it, each node on its own line behind its ID.
pub fn clause(n: &Node, out: &mut impl Write) -> io::Result<()> {
    let mut head = n.label();
    if let Some(h) = &n.heading {
        head.push_str(" — ");
        head.push_str(h);
    }
    writeln!(out, "{}  [{} · {}]", escape_controls(&head), n.id, n.eid)?;
    clause_body(n, 0, out)
}

fn clause_body(n: &Node, depth: usize, out: &mut impl Write) -> io::Result<()> {
    let pad = depth * 2;
    let is_top = depth == 0;
    if !n.text.is_empty() {
        let id = if is_top {
            String::new()
        } else {
            n.id.to_string()
        };
        write_block(out, pad, &id, &n.text)?;
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
        clause_body(c, depth + 1, out)?;
    }
    if let Some(c) = &n.closing {
        write_block(out, pad, "", c)?;
    }
    Ok(())
}

fn write_block(out: &mut impl Write, pad: usize, id: &str, text: &str) -> io::Result<()> {
    for (k, line) in text.lines().enumerate() {
        let label = if k == 0 { id } else { "" };
        if label.is_empty() {
            writeln!(out, "{:pad$}{}", "", escape_controls(line))?;
        } else {
            writeln!(out, "{:pad$}{label}  {}", "", escape_controls(line))?;
        }
    }
    Ok(())
}
