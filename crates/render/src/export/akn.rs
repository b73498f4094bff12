//! Akoma Ntoso 3.0 export: the clause tree with its eIds, footnotes and annotations as
//! notes in the metadata, each referred to from its clause. The output validates against
//! the OASIS schema (`akomantoso30.xsd`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use treaty_lineage::{AnnotatedDraft, Item};
use treaty_model::{ClauseId, Document, Node, NodeKind, TextField};
use treaty_refs::Reference;

use super::Selection;
use crate::escape::xml as esc;

/// The FRBR identification of a document (`main`) or one of its attachments.
fn identification(s: &mut String, work: &str, expr: &str, component: &str) {
    let _ = writeln!(
        s,
        "<identification source=\"#treaty\">\n\
         <FRBRWork><FRBRthis value=\"{work}/!{component}\"/><FRBRuri value=\"{work}\"/><FRBRdate date=\"1970-01-01\" name=\"unknown\"/><FRBRauthor href=\"#treaty\"/><FRBRcountry value=\"un\"/></FRBRWork>\n\
         <FRBRExpression><FRBRthis value=\"{expr}/!{component}\"/><FRBRuri value=\"{expr}\"/><FRBRdate date=\"1970-01-01\" name=\"unknown\"/><FRBRauthor href=\"#treaty\"/><FRBRlanguage language=\"eng\"/></FRBRExpression>\n\
         <FRBRManifestation><FRBRthis value=\"{expr}/!{component}.xml\"/><FRBRuri value=\"{expr}.akn\"/><FRBRdate date=\"1970-01-01\" name=\"unknown\"/><FRBRauthor href=\"#treaty\"/></FRBRManifestation>\n\
         </identification>"
    );
}

/// Write the export as an Akoma Ntoso `act`: the whole draft (so that it reads back as
/// one), with the annotations the selection's filter keeps as notes. Annexes that follow
/// the final clauses become attachments, after the conclusions, where Akoma Ntoso puts
/// them.
pub(super) fn write(e: &AnnotatedDraft, sel: &Selection, out: &mut impl Write) -> io::Result<()> {
    let mut s = String::new();
    let name = e.convention.as_deref().unwrap_or("convention");
    let version = e.version().unwrap_or("text");
    let work = format!("/akn/un/act/{}", esc(&slug(name)));
    let expr = format!("{work}/eng@{}", esc(&slug(version)));
    let doc = &e.draft.doc;
    let items: Vec<&Item> = e
        .items
        .iter()
        .filter(|i| sel.keeps(&i.annotation))
        .collect();
    let _ = writeln!(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        s,
        "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n<act name=\"{}\">",
        esc(name)
    );
    meta(doc, &items, (&work, &expr), &mut s);
    if let Some(t) = &doc.title {
        let _ = writeln!(
            s,
            "<preface><longTitle><p><docTitle>{}</docTitle></p></longTitle></preface>",
            esc(t)
        );
    }
    let w = Ctx {
        items: &items,
        refs: treaty_refs::Index::of(doc),
        nodes: doc.walk().map(|n| (&n.id, n)).collect(),
        footnotes: doc
            .walk()
            .filter(|n| n.kind == NodeKind::Footnote)
            .filter_map(|n| Some((n.number.as_deref()?, n.eid.as_str())))
            .collect(),
    };
    for n in doc.children.iter().filter(|n| n.kind == NodeKind::Preamble) {
        w.preamble(n, &mut s);
    }
    w.body(doc, &mut s);
    conclusions(doc, &mut s);
    w.attachments(doc, (&work, &expr), &mut s);
    let _ = writeln!(s, "</act>\n</akomaNtoso>");
    out.write_all(s.as_bytes())
}

/// The metadata: identification, the references it uses, and the notes (footnotes and
/// annotations).
fn meta(doc: &Document, items: &[&Item], (work, expr): (&str, &str), s: &mut String) {
    let _ = writeln!(s, "<meta>");
    identification(s, work, expr, "main");
    let _ = writeln!(
        s,
        "<references source=\"#treaty\"><TLCOrganization eId=\"treaty\" href=\"/ontology/organization/treaty\" showAs=\"treaty\"/></references>"
    );
    let footnotes: Vec<&Node> = doc
        .walk()
        .filter(|n| n.kind == NodeKind::Footnote)
        .collect();
    if !footnotes.is_empty() || !items.is_empty() {
        let _ = writeln!(s, "<notes source=\"#treaty\">");
        for f in &footnotes {
            let _ = writeln!(
                s,
                "<note eId=\"{}\"><p>{}</p></note>",
                esc(&f.eid),
                esc(&f.text)
            );
        }
        for i in items {
            note(i, s);
        }
        let _ = writeln!(s, "</notes>");
    }
    let _ = writeln!(s, "</meta>");
}

/// One annotation as a note: stance, author, date and clause, the quote, the body's
/// paragraphs and the source.
fn note(i: &Item, s: &mut String) {
    let a = &i.annotation;
    let _ = write!(
        s,
        "<note eId=\"{}\" class=\"{}\"><p>{} ({}, {}) on {}{}</p>",
        esc(&note_id(i)),
        a.stance.as_str(),
        esc(a.stance.as_str()),
        esc(&a.author),
        a.date,
        esc(i.on.as_str()),
        a.quote
            .as_deref()
            .map(|q| format!(": “{}”", esc(q)))
            .unwrap_or_default()
    );
    for para in a
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let _ = write!(s, "<p>{}</p>", esc(&para.replace('\n', " ")));
    }
    if let Some(src) = &a.source {
        let _ = write!(s, "<p>Source: {}</p>", esc(src));
    }
    let _ = writeln!(s, "</note>");
}

/// The index of the last final clauses among the top-level nodes: annexes after it are
/// attachments.
fn attached(doc: &Document, k: usize) -> bool {
    let last_final = doc
        .children
        .iter()
        .rposition(|n| n.kind == NodeKind::FinalClauses);
    last_final.is_some_and(|f| k > f) && doc.children[k].kind == NodeKind::Annex
}

/// The final clauses, one paragraph per line.
fn conclusions(doc: &Document, s: &mut String) {
    let finals: Vec<&Node> = doc
        .children
        .iter()
        .filter(|n| n.kind == NodeKind::FinalClauses)
        .collect();
    if finals.is_empty() {
        return;
    }
    let _ = writeln!(s, "<conclusions>");
    for f in finals {
        for line in f.full_text().lines() {
            let _ = writeln!(s, "<p>{}</p>", esc(line));
        }
    }
    let _ = writeln!(s, "</conclusions>");
}

fn note_id(i: &Item) -> String {
    format!("annotation_{}", slug(&i.annotation.id))
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

struct Ctx<'a> {
    items: &'a [&'a Item],
    /// Cross-references, by the clause and field they are written in.
    refs: treaty_refs::Index,
    /// Every node by ID, for the eIds references point at.
    nodes: HashMap<&'a ClauseId, &'a Node>,
    /// The eId of each footnote, by its label.
    footnotes: HashMap<&'a str, &'a str>,
}

impl Ctx<'_> {
    /// The body: every top-level node but the title, preamble, footnotes, final clauses
    /// and attached annexes.
    fn body(&self, doc: &Document, s: &mut String) {
        let _ = writeln!(s, "<body>");
        let body: Vec<&Node> = doc
            .children
            .iter()
            .enumerate()
            .filter(|&(k, _)| !attached(doc, k))
            .map(|(_, n)| n)
            .filter(|n| {
                !matches!(
                    n.kind,
                    NodeKind::Preamble
                        | NodeKind::DocumentTitle
                        | NodeKind::Footnote
                        | NodeKind::FinalClauses
                )
            })
            .collect();
        if body.is_empty() {
            let _ = writeln!(
                s,
                "<hcontainer name=\"empty\" eId=\"empty\"><content><p/></content></hcontainer>"
            );
        }
        for n in body {
            self.node(n, s);
        }
        let _ = writeln!(s, "</body>");
    }

    /// Annexes after the final clauses, each as an attached `doc`.
    fn attachments(&self, doc: &Document, (work, expr): (&str, &str), s: &mut String) {
        let attachments: Vec<&Node> = (0..doc.children.len())
            .filter(|&k| attached(doc, k))
            .map(|k| &doc.children[k])
            .collect();
        if attachments.is_empty() {
            return;
        }
        let _ = writeln!(s, "<attachments>");
        for (k, n) in attachments.into_iter().enumerate() {
            let _ = writeln!(
                s,
                "<attachment eId=\"att_{}\">\n<doc name=\"annex\">\n<meta>",
                k + 1
            );
            identification(s, work, expr, &format!("annex_{}", k + 1));
            let _ = writeln!(s, "</meta>\n<mainBody>");
            self.node(n, s);
            let _ = writeln!(s, "</mainBody>\n</doc>\n</attachment>");
        }
        let _ = writeln!(s, "</attachments>");
    }

    /// A paragraph of text with its footnote references and the annotations on `n`.
    fn p(&self, n: &Node, text: &str, closing: bool, with_refs: bool, s: &mut String) {
        // Each block of the text is a paragraph of its own; note references go on the
        // last. Cross-references become `<ref>` to the clause they point at.
        let field = if closing {
            TextField::Closing
        } else {
            TextField::Text
        };
        let refs: Vec<&Reference> = self.refs.in_field(&n.id, field).collect();
        let blocks: Vec<&str> = text.split('\n').collect();
        let mut at = 0;
        for (k, b) in blocks.iter().enumerate() {
            let _ = write!(s, "<p>{}", self.linked(b, at, &refs));
            at += b.len() + 1;
            if k + 1 < blocks.len() {
                let _ = writeln!(s, "</p>");
            }
        }
        if with_refs {
            s.push_str(&self.note_refs(n));
        }
        let _ = writeln!(s, "</p>");
    }

    /// The `noteRef`s of a clause: to each footnote it calls (by the note's eId, with its
    /// label as the marker) and to each annotation on it.
    fn note_refs(&self, n: &Node) -> String {
        let mut s = String::new();
        for f in &n.footnotes {
            // A call to a footnote the text does not define has no note to point at.
            if let Some(eid) = self.footnotes.get(f.as_str()) {
                let _ = write!(s, "<noteRef href=\"#{}\" marker=\"{}\"/>", esc(eid), esc(f));
            }
        }
        for i in self.items.iter().filter(|i| i.on == n.id) {
            let _ = write!(
                s,
                "<noteRef href=\"#{}\" class=\"annotation\"/>",
                esc(&note_id(i))
            );
        }
        s
    }

    /// A block of text (starting at `start` in its field) escaped, with the references
    /// inside it as `<ref href="#eId">`.
    fn linked(&self, block: &str, start: usize, refs: &[&Reference]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in refs {
            let Some(target) = r.targets.iter().find_map(|t| self.nodes.get(t)) else {
                continue;
            };
            let (a, b) = (r.span[0].wrapping_sub(start), r.span[1].wrapping_sub(start));
            if r.span[0] < start + at
                || b > block.len()
                || !block.is_char_boundary(a)
                || !block.is_char_boundary(b)
            {
                continue;
            }
            out.push_str(&esc(&block[at..a]));
            let _ = write!(
                out,
                "<ref href=\"#{}\">{}</ref>",
                esc(&target.eid),
                esc(&block[a..b])
            );
            at = b;
        }
        out.push_str(&esc(&block[at..]));
        out
    }

    fn preamble(&self, n: &Node, s: &mut String) {
        let _ = writeln!(s, "<preamble>");
        if !n.text.is_empty() {
            let _ = write!(s, "<formula name=\"preamble\">");
            self.p(n, &n.text, false, true, s);
            let _ = writeln!(s, "</formula>");
        }
        let recitals: Vec<&Node> = n
            .children
            .iter()
            .filter(|c| c.kind == NodeKind::Recital)
            .collect();
        if !recitals.is_empty() {
            let _ = writeln!(s, "<recitals>");
            for r in recitals {
                let _ = write!(s, "<recital eId=\"{}\">", esc(&r.eid));
                if let Some(num) = &r.number {
                    let _ = write!(s, "<num>({})</num>", esc(num));
                }
                self.p(r, &r.text, false, true, s);
                let _ = writeln!(s, "</recital>");
            }
            let _ = writeln!(s, "</recitals>");
        }
        if let Some(c) = &n.closing {
            let _ = write!(s, "<formula name=\"enactingFormula\">");
            self.p(n, c, true, false, s);
            let _ = writeln!(s, "</formula>");
        }
        if n.text.is_empty() && n.closing.is_none() && n.children.is_empty() {
            let _ = writeln!(s, "<p/>");
        }
        let _ = writeln!(s, "</preamble>");
    }

    fn node(&self, n: &Node, s: &mut String) {
        let (tag, name) = match n.kind {
            NodeKind::Part => ("part", None),
            NodeKind::Chapter => ("chapter", None),
            NodeKind::Section => ("section", None),
            NodeKind::Subsection => ("subsection", None),
            NodeKind::Title => ("title", None),
            NodeKind::Article => ("article", None),
            NodeKind::Paragraph => ("paragraph", None),
            NodeKind::Subparagraph | NodeKind::Point | NodeKind::Item => ("point", None),
            NodeKind::Annex => ("hcontainer", Some("annex")),
            NodeKind::Unit => ("hcontainer", Some("unit")),
            NodeKind::Heading => ("hcontainer", Some("heading")),
            _ => ("hcontainer", Some("other")),
        };
        let name_attr = name.map(|n| format!(" name=\"{n}\"")).unwrap_or_default();
        let _ = writeln!(s, "<{tag}{name_attr} eId=\"{}\">", esc(&n.eid));
        if let Some(num) = &n.number {
            let _ = writeln!(s, "<num>{}</num>", esc(&number(n, num)));
        }
        // A clause with no words of its own (an article made only of paragraphs) carries
        // its notes in its heading, or in an intro of their own.
        let wordless = !n.children.is_empty() && n.text.is_empty() && n.closing.is_none();
        let refs = if wordless {
            self.note_refs(n)
        } else {
            String::new()
        };
        if let Some(h) = &n.heading {
            let _ = writeln!(s, "<heading>{}{refs}</heading>", esc(h));
        } else if !refs.is_empty() {
            let _ = writeln!(s, "<intro><p>{refs}</p></intro>");
        }
        if n.children.is_empty() {
            let _ = write!(s, "<content>");
            self.p(n, &n.text, false, true, s);
            let _ = writeln!(s, "</content>");
        } else {
            if !n.text.is_empty() {
                let _ = write!(s, "<intro>");
                self.p(n, &n.text, false, true, s);
                let _ = writeln!(s, "</intro>");
            }
            for c in &n.children {
                self.node(c, s);
            }
            if let Some(c) = &n.closing {
                let _ = write!(s, "<wrapUp>");
                self.p(n, c, true, n.text.is_empty(), s);
                let _ = writeln!(s, "</wrapUp>");
            }
        }
        let _ = writeln!(s, "</{tag}>");
    }
}

/// The number as the text writes it: `Article 5`, `1.`, `(a)`.
fn number(n: &Node, num: &str) -> String {
    match n.kind {
        NodeKind::Article => format!("Article {num}"),
        NodeKind::Paragraph => format!("{num}."),
        NodeKind::Subparagraph | NodeKind::Point => format!("({num})"),
        // Items under a point are written `a.` in the UN layout.
        NodeKind::Item => format!("{num}."),
        NodeKind::Part => format!("Part {num}"),
        NodeKind::Chapter => format!("Chapter {num}"),
        NodeKind::Section => format!("Section {num}"),
        NodeKind::Title => format!("Title {num}"),
        _ => num.to_owned(),
    }
}
