//! Writing a clause tree back as canonical text: the plain UN layout the parser reads
//! (`Article 5`, a heading line, `1.`, `(a)`, `(i)`, `a.`), with Markdown headings for
//! unnumbered headings and annex units, and `[^n]` footnotes.

use treaty_model::{Document, Node, NodeKind};

use crate::text::Lines;

/// The canonical text of a document.
pub fn write(doc: &Document) -> String {
    let mut w = Lines::default();
    if let Some(t) = &doc.title {
        w.line(t);
        w.blank();
    }
    let mut notes: Vec<&Node> = Vec::new();
    for n in &doc.children {
        match n.kind {
            NodeKind::DocumentTitle => {}
            NodeKind::Footnote => notes.push(n),
            NodeKind::Preamble => preamble(n, doc.language.as_deref(), &mut w),
            _ => node(n, &mut w),
        }
    }
    if !notes.is_empty() {
        w.blank();
        for f in notes {
            w.line(&format!(
                "[^{}]: {}",
                f.number.as_deref().unwrap_or(""),
                f.text.replace('\n', " ")
            ));
        }
    }
    let mut out = w.finish();
    out.push('\n');
    out
}

fn refs(n: &Node) -> String {
    n.footnotes.iter().map(|f| format!("[^{f}]")).collect()
}

/// The node's text, a line per block, the first after `prefix`, footnote references on
/// the last.
fn text_lines(n: &Node, prefix: &str, w: &mut Lines) {
    let blocks: Vec<&str> = n.text.split('\n').filter(|b| !b.is_empty()).collect();
    if blocks.is_empty() {
        if !prefix.is_empty() {
            w.line(&format!("{}{}", prefix.trim_end(), refs(n)));
        }
        return;
    }
    for (k, b) in blocks.iter().enumerate() {
        // Blocks are told apart by a blank line, as in the source.
        if k > 0 {
            w.blank();
        }
        let lead = if k == 0 { prefix } else { "" };
        let tail = if k + 1 == blocks.len() {
            refs(n)
        } else {
            String::new()
        };
        w.line(&format!("{lead}{b}{tail}"));
    }
}

fn closing(n: &Node, w: &mut Lines) {
    if let Some(c) = &n.closing {
        for b in c.split('\n').filter(|b| !b.is_empty()) {
            w.line(b);
        }
    }
}

fn node(n: &Node, w: &mut Lines) {
    let num = n.number.as_deref().unwrap_or("");
    match n.kind {
        NodeKind::Preamble => preamble(n, None, w),
        NodeKind::Part
        | NodeKind::Chapter
        | NodeKind::Section
        | NodeKind::Subsection
        | NodeKind::Title => container(n, &format!("{} {num}", n.kind.label()), w),
        NodeKind::Annex => container(n, format!("Annex {num}").trim_end(), w),
        NodeKind::Heading | NodeKind::Unit => {
            w.blank();
            let head = match (n.kind, &n.heading) {
                (NodeKind::Unit, Some(h)) => format!("### {num}\n#### {h}"),
                (NodeKind::Unit, None) => format!("### {num}"),
                (_, Some(h)) => format!("### {h}"),
                (_, None) => "###".to_owned(),
            };
            for l in head.lines() {
                w.line(l);
            }
            text_lines(n, "", w);
            for c in &n.children {
                node(c, w);
            }
            closing(n, w);
        }
        NodeKind::Article => {
            w.blank();
            w.line(&format!("Article {num}"));
            if let Some(h) = &n.heading {
                w.line(h);
            }
            text_lines(n, "", w);
            for c in &n.children {
                node(c, w);
            }
            closing(n, w);
            w.blank();
        }
        NodeKind::Paragraph => item(n, &format!("{num}. "), w),
        NodeKind::Subparagraph | NodeKind::Point => item(n, &format!("({num}) "), w),
        NodeKind::Item => item(n, &format!("{num}. "), w),
        NodeKind::FinalClauses => {
            w.blank();
            text_lines(n, "", w);
            closing(n, w);
        }
        _ => {
            text_lines(n, "", w);
            for c in &n.children {
                node(c, w);
            }
            closing(n, w);
        }
    }
}

/// A division or an annex: its keyword line, its heading, its own words, what it holds.
fn container(n: &Node, keyword_line: &str, w: &mut Lines) {
    w.blank();
    w.line(keyword_line);
    if let Some(h) = &n.heading {
        w.line(h);
    }
    w.blank();
    text_lines(n, "", w);
    for c in &n.children {
        node(c, w);
    }
    closing(n, w);
}

fn item(n: &Node, prefix: &str, w: &mut Lines) {
    text_lines(n, prefix, w);
    for c in &n.children {
        node(c, w);
    }
    closing(n, w);
}

/// The preamble, read back by the parser in the text's language.
fn preamble(n: &Node, language: Option<&str>, w: &mut Lines) {
    w.line("Preamble");
    text_lines(n, "", w);
    // Recitals that open with their own word ("Considering", "Whereas") are
    // written as they are; others (EU acts) keep their numbers: "(12) ...".
    let numbered = !n
        .children
        .iter()
        .all(|r| treaty_parse::opens_recital(&r.text, language));
    for r in &n.children {
        let prefix = if numbered {
            format!("({}) ", r.number.as_deref().unwrap_or(""))
        } else {
            String::new()
        };
        text_lines(r, &prefix, w);
    }
    closing(n, w);
    w.blank();
}
