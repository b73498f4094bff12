//! `treaty export`: annotated clauses in the formats colleagues use: Markdown, HTML, JSON,
//! CSV and W3C Web Annotations.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use anyhow::Context;
use serde::Serialize;
use treaty_annotate::{Anchor, Annotation, Cache, Stance};
use treaty_model::{ClauseId, Document, Node, NodeKind, escape_controls};

use crate::carry;
use crate::diffview::html_escape;
use crate::lineage::Drafts;
use crate::project;

/// One annotation placed on the exported draft.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    #[serde(flatten)]
    pub annotation: Annotation,
    /// The clause it sits on in this draft.
    pub on: ClauseId,
    /// Where its quote is in that clause's full text (byte range), when found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_at: Option<[usize; 2]>,
    /// For commentary written on another draft: what became of it here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried: Option<String>,
}

/// What is exported: one draft and the commentary placed on it.
#[derive(Debug)]
pub struct Export {
    pub convention: Option<String>,
    pub version: Option<String>,
    pub doc: Document,
    pub items: Vec<Item>,
}

/// Which annotations and clauses to export: the same annotation filter as
/// `treaty annotations` (its clause and version left empty), and the clauses to keep.
#[derive(Debug, Default)]
pub struct Selection {
    pub clauses: Vec<ClauseId>,
    pub filter: crate::annotations::Filter,
}

impl Selection {
    fn filters(&self) -> bool {
        let f = &self.filter;
        f.tag.is_some() || f.author.is_some() || f.stance.is_some()
    }

    fn keeps(&self, a: &Annotation) -> bool {
        self.filter.matches(a)
    }
}

/// Read a convention folder (its latest draft, with the convention's annotations carried
/// onto it) or a text file (with no annotations unless its folder names the convention).
pub fn load(input: &Path, annotations: &Path) -> anyhow::Result<Export> {
    if input.is_dir() {
        let mut drafts = Drafts::read(input)?;
        let Some(&at) = drafts.present().last() else {
            anyhow::bail!(
                "none of the drafts listed in {} is there",
                project::display(input)
            );
        };
        let label = drafts.manifest.versions[at].label.clone();
        let files = project::annotation_files(&annotations.join(&drafts.name))?;
        let mut items = Vec::new();
        let mut cache = Cache::default();
        for f in &files {
            for a in &f.file.annotations {
                items.extend(place(&mut drafts, at, &label, a, &mut cache));
            }
        }
        let side = drafts.sides.swap_remove(at).context("the latest draft")?;
        Ok(Export {
            convention: Some(drafts.name.clone()),
            version: Some(label),
            doc: side.doc,
            items,
        })
    } else {
        let src = crate::input::read(input)?;
        let doc = treaty_parse::parse(&src.bytes)
            .with_context(|| format!("cannot parse {}", src.name))?;
        Ok(Export {
            convention: None,
            version: None,
            doc,
            items: Vec::new(),
        })
    }
}

fn place(
    drafts: &mut Drafts,
    at: usize,
    label: &str,
    a: &Annotation,
    cache: &mut Cache,
) -> Option<Item> {
    let doc = &drafts.sides[at].as_ref()?.doc;
    if a.version == label {
        let (_, anchor) = treaty_annotate::locate(doc, label, a, cache)?;
        let quote_at = match anchor {
            Some(Anchor::Found(r)) => Some([r.start, r.end]),
            _ => None,
        };
        return Some(Item {
            annotation: a.clone(),
            on: a.clause.clone(),
            quote_at,
            carried: None,
        });
    }
    let c = carry::carry(drafts, a, at);
    let doc = &drafts.sides[at].as_ref()?.doc;
    let on = c.now.clone()?;
    let quote_at = match (&a.quote, doc.find(&on)) {
        (Some(q), Some(n)) if matches!(c.status, carry::Status::Exact | carry::Status::Moved) => {
            match treaty_annotate::anchor(
                &treaty_annotate::Searchable::new(n.full_text()),
                q,
                a.prefix.as_deref(),
                a.suffix.as_deref(),
            ) {
                Anchor::Found(r) => Some([r.start, r.end]),
                _ => None,
            }
        }
        _ => None,
    };
    Some(Item {
        annotation: a.clone(),
        on,
        quote_at,
        carried: Some(format!(
            "written on `{}` as {}: {}, {}",
            a.version,
            a.clause,
            c.status.as_str(),
            c.reason
        )),
    })
}

/// The units to export: articles and the like, in order, with the divisions around them.
fn units<'d>(doc: &'d Document, sel: &Selection, items: &[&Item]) -> Vec<&'d Node> {
    let mut out = Vec::new();
    fn visit<'d>(n: &'d Node, out: &mut Vec<&'d Node>) {
        if n.kind.is_division() || matches!(n.kind, NodeKind::Annex | NodeKind::Heading) {
            for c in &n.children {
                visit(c, out);
            }
        } else {
            out.push(n);
        }
    }
    if sel.clauses.is_empty() {
        for n in &doc.children {
            visit(n, &mut out);
        }
    } else {
        out.extend(sel.clauses.iter().filter_map(|id| doc.find(id)));
    }
    out.retain(|u| u.kind != NodeKind::DocumentTitle);
    if sel.filters() {
        out.retain(|u| items.iter().any(|i| i.on == u.id || u.id.contains(&i.on)));
    }
    out
}

/// Whether an annotation on the whole text is exported: when no clauses were picked.
fn whole_text(i: &Item, sel: &Selection) -> bool {
    i.on.is_document() && sel.clauses.is_empty()
}

fn items_on<'a>(items: &'a [&'a Item], n: &Node) -> Vec<&'a Item> {
    items
        .iter()
        .copied()
        .filter(|i| i.on == n.id || n.id.contains(&i.on))
        .collect()
}

/// Markdown: each clause with its ID and heading, then its annotations.
pub fn markdown(e: &Export, sel: &Selection, out: &mut impl Write) -> io::Result<()> {
    let items: Vec<&Item> = e
        .items
        .iter()
        .filter(|i| sel.keeps(&i.annotation))
        .collect();
    writeln!(
        out,
        "# {}\n",
        md(e.doc.title.as_deref().unwrap_or("(untitled)"))
    )?;
    if let (Some(c), Some(v)) = (&e.convention, &e.version) {
        writeln!(out, "Convention `{}`, draft `{}`.\n", md(c), md(v))?;
    }
    for i in items.iter().filter(|i| whole_text(i, sel)) {
        md_note(i, out)?;
    }
    for u in units(&e.doc, sel, &items) {
        let mut head = u.label();
        if let Some(h) = &u.heading {
            head.push_str(" — ");
            head.push_str(h);
        }
        writeln!(out, "## {} {{#{}}}\n", md(&head), u.eid)?;
        for n in u.walk() {
            let closing = if std::ptr::eq(n, u) {
                ""
            } else {
                n.closing.as_deref().unwrap_or("")
            };
            let text = [n.text.as_str(), closing]
                .join(" ")
                .trim()
                .replace('\n', " ");
            if text.is_empty() {
                continue;
            }
            if std::ptr::eq(n, u) {
                writeln!(out, "{}\n", md(&text))?;
            } else {
                writeln!(out, "- **{}** {}", n.id, md(&text))?;
            }
        }
        if let Some(c) = &u.closing {
            writeln!(out, "\n{}", md(&c.replace('\n', " ")))?;
        }
        writeln!(out)?;
        for i in items_on(&items, u) {
            md_note(i, out)?;
        }
    }
    Ok(())
}

fn md_note(i: &Item, out: &mut impl Write) -> io::Result<()> {
    let a = &i.annotation;
    let source = match &a.source {
        Some(s) if s.starts_with("https://") || s.starts_with("http://") => {
            format!(" ([source](<{}>))", s.replace('>', "%3E"))
        }
        Some(s) => format!(" (source: {})", md(s)),
        None => String::new(),
    };
    let on = if i.on.is_document() {
        "the whole text".to_owned()
    } else {
        i.on.to_string()
    };
    writeln!(
        out,
        "> **{}** on {on} — {}, {}{source}",
        a.stance,
        md(&a.author),
        a.date
    )?;
    if let Some(q) = &a.quote {
        writeln!(out, ">\n> on “{}”", md(q))?;
    }
    if let Some(c) = &i.carried {
        writeln!(out, ">\n> *{}*", md(c))?;
    }
    writeln!(out, ">")?;
    // The body is the author's Markdown: quoted as written, raw HTML escaped.
    for line in a.body.trim_end().lines() {
        writeln!(out, "> {}", html_escape(&escape_controls(line)))?;
    }
    writeln!(out)
}

fn md(text: &str) -> String {
    let mut out = String::new();
    for c in escape_controls(text).chars() {
        if "\\`*_[]<>|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Serialize)]
struct JsonClause<'a> {
    id: &'a ClauseId,
    eid: &'a str,
    kind: NodeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<&'a str>,
    text: String,
    annotations: Vec<&'a Item>,
}

/// JSON (`treaty-export/1`): the exported clauses, each with its full text and the
/// annotations on it or inside it.
pub fn json(e: &Export, sel: &Selection, out: &mut impl Write) -> anyhow::Result<()> {
    let items: Vec<&Item> = e
        .items
        .iter()
        .filter(|i| sel.keeps(&i.annotation))
        .collect();
    let clauses: Vec<JsonClause<'_>> = units(&e.doc, sel, &items)
        .into_iter()
        .map(|u| JsonClause {
            id: &u.id,
            eid: &u.eid,
            kind: u.kind,
            number: u.number.as_deref(),
            heading: u.heading.as_deref(),
            text: u.full_text(),
            annotations: items_on(&items, u),
        })
        .collect();
    let whole: Vec<&&Item> = items.iter().filter(|i| whole_text(i, sel)).collect();
    let json = serde_json::json!({
        "schema": "treaty-export/1",
        "title": e.doc.title,
        "convention": e.convention,
        "version": e.version,
        "annotations": whole,
        "clauses": clauses,
    });
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}

/// CSV: one row per annotation, with its clause's ID, eId and text and every field.
pub fn csv(e: &Export, sel: &Selection, out: &mut impl Write) -> anyhow::Result<()> {
    let items: Vec<&Item> = e
        .items
        .iter()
        .filter(|i| sel.keeps(&i.annotation))
        .collect();
    let keep: Vec<&Node> = units(&e.doc, sel, &items);
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "convention",
        "version",
        "annotation",
        "clause",
        "eid",
        "clause_text",
        "quote",
        "prefix",
        "suffix",
        "author",
        "source",
        "date",
        "tags",
        "stance",
        "body",
        "written_on",
        "carried",
    ])?;
    for i in &items {
        if !whole_text(i, sel) && !keep.iter().any(|u| u.id == i.on || u.id.contains(&i.on)) {
            continue;
        }
        let node = e.doc.find(&i.on);
        let a = &i.annotation;
        w.write_record([
            e.convention.as_deref().unwrap_or(""),
            e.version.as_deref().unwrap_or(""),
            &a.id,
            i.on.as_str(),
            node.map_or("", |n| n.eid.as_str()),
            &node.map(Node::full_text).unwrap_or_default(),
            a.quote.as_deref().unwrap_or(""),
            a.prefix.as_deref().unwrap_or(""),
            a.suffix.as_deref().unwrap_or(""),
            &a.author,
            a.source.as_deref().unwrap_or(""),
            &a.date.to_string(),
            &a.tags.join("; "),
            a.stance.as_str(),
            &a.body,
            &a.version,
            i.carried.as_deref().unwrap_or(""),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// W3C Web Annotation JSON-LD: an `AnnotationCollection` whose items target the clause by
/// a `FragmentSelector` (its eId), refined by a `TextQuoteSelector` when there is a quote.
pub fn w3c(e: &Export, sel: &Selection, base: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let items: Vec<&Item> = e
        .items
        .iter()
        .filter(|i| sel.keeps(&i.annotation))
        .collect();
    let keep: Vec<&Node> = units(&e.doc, sel, &items);
    let mut list = Vec::new();
    for i in &items {
        if !whole_text(i, sel) && !keep.iter().any(|u| u.id == i.on || u.id.contains(&i.on)) {
            continue;
        }
        let a = &i.annotation;
        let eid = e
            .doc
            .find(&i.on)
            .map_or_else(String::new, |n| n.eid.clone());
        let mut selector = serde_json::json!({
            "type": "FragmentSelector",
            "conformsTo": "http://docs.oasis-open.org/legaldocml/akn-core/v1.0/akn-core-v1.0-part2-specs.html",
            "value": eid,
        });
        if let Some(q) = &a.quote {
            let mut quote = serde_json::json!({ "type": "TextQuoteSelector", "exact": q });
            if let Some(p) = &a.prefix {
                quote["prefix"] = p.clone().into();
            }
            if let Some(s) = &a.suffix {
                quote["suffix"] = s.clone().into();
            }
            selector["refinedBy"] = quote;
        }
        let motivation = match a.stance {
            Stance::Concern | Stance::Question => "questioning",
            Stance::Support => "assessing",
            Stance::Proposal => "editing",
            Stance::Note => "commenting",
        };
        let mut body = vec![serde_json::json!({
            "type": "TextualBody",
            "value": a.body,
            "format": "text/markdown",
            "purpose": "commenting",
        })];
        body.extend(a.tags.iter().map(
            |t| serde_json::json!({ "type": "TextualBody", "value": t, "purpose": "tagging" }),
        ));
        let mut annotation = serde_json::json!({
            "id": format!("{base}#annotation-{}", a.id),
            "type": "Annotation",
            "motivation": motivation,
            "created": a.date.to_string(),
            "creator": { "type": "Organization", "name": a.author },
            "body": body,
            "target": {
                "source": format!("{base}#{}", e.version.as_deref().unwrap_or("text")),
                "selector": selector,
            },
        });
        if i.on.is_document() {
            // The whole text: the target is the source itself, with no selector.
            annotation["target"] = serde_json::json!({
                "source": format!("{base}#{}", e.version.as_deref().unwrap_or("text")),
            });
        }
        if let Some(s) = &a.source {
            annotation["via"] = s.clone().into();
        }
        list.push(annotation);
    }
    let json = serde_json::json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{base}#annotations"),
        "type": "AnnotationCollection",
        "label": e.doc.title,
        "total": list.len(),
        "first": {
            "type": "AnnotationPage",
            "items": list,
        },
    });
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}

const CSS: &str = "body{font:16px/1.55 Georgia,serif;margin:0;color:#222;background:#fff}\
main{max-width:74em;margin:0 auto;padding:1em 2em}nav{font-size:.9em}nav ol{columns:2}\
section.unit{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2em;border-top:1px solid #ddd;padding:.6em 0}\
.text p{margin:.3em 0}.id{font:.8em monospace;color:#666;margin-right:.4em}\
mark{background:#fff3a8}aside .note{border-left:3px solid #999;padding:.2em .8em;margin:.5em 0;font-size:.92em;background:#fafafa}\
aside .concern{border-color:#c0392b}aside .support{border-color:#27ae60}aside .question{border-color:#2980b9}\
aside .proposal{border-color:#8e44ad}.meta{color:#555;font-size:.9em}.carried{color:#8a6d3b;font-style:italic}\
@media (max-width:50em){section.unit{grid-template-columns:1fr}}";

/// A standalone HTML page: the text with the annotations in the margin beside their
/// clauses, quoted words highlighted, and a table of contents. Annotation bodies are
/// Markdown rendered with pulldown-cmark and sanitised with ammonia; everything else is
/// escaped.
pub fn html(e: &Export, sel: &Selection, out: &mut impl Write) -> io::Result<()> {
    let items: Vec<&Item> = e
        .items
        .iter()
        .filter(|i| sel.keeps(&i.annotation))
        .collect();
    let title = html_escape(e.doc.title.as_deref().unwrap_or("(untitled)"));
    let us = units(&e.doc, sel, &items);
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
    );
    if let (Some(c), Some(v)) = (&e.convention, &e.version) {
        let _ = writeln!(
            page,
            "<p class=\"meta\">Convention {}, draft {}; {} annotations.</p>",
            html_escape(c),
            html_escape(v),
            items.len()
        );
    }
    let whole: Vec<&&Item> = items.iter().filter(|i| whole_text(i, sel)).collect();
    if !whole.is_empty() {
        let _ = writeln!(page, "<aside class=\"whole\">");
        for i in whole {
            html_note(i, &mut page);
        }
        let _ = writeln!(page, "</aside>");
    }
    let _ = writeln!(page, "<nav><h2>Contents</h2><ol>");
    for u in &us {
        let mut head = u.label();
        if let Some(h) = &u.heading {
            head.push_str(" — ");
            head.push_str(h);
        }
        let n = items_on(&items, u).len();
        let badge = if n > 0 {
            format!(" ({n})")
        } else {
            String::new()
        };
        let _ = writeln!(
            page,
            "<li><a href=\"#{}\">{}</a>{badge}</li>",
            html_escape(&u.eid),
            html_escape(&head)
        );
    }
    let _ = writeln!(page, "</ol></nav>");
    for u in &us {
        let on = items_on(&items, u);
        let mut head = u.label();
        if let Some(h) = &u.heading {
            head.push_str(" — ");
            head.push_str(h);
        }
        let _ = writeln!(
            page,
            "<section class=\"unit\" id=\"{}\">\n<div class=\"text\">\n<h2>{}</h2>",
            html_escape(&u.eid),
            html_escape(&head)
        );
        // Marks: the quote ranges, in the unit's full text, of the annotations on it.
        let marks = marks_in(u, &on);
        for part in u.text_parts() {
            if part.field == treaty_model::TextField::Heading && std::ptr::eq(part.node, *u) {
                continue;
            }
            let id = if std::ptr::eq(part.node, *u) {
                String::new()
            } else {
                format!(
                    "<span class=\"id\">{}</span>",
                    html_escape(part.node.id.as_str())
                )
            };
            let _ = writeln!(
                page,
                "<p id=\"{}\">{id}{}</p>",
                html_escape(&part.node.eid),
                highlight(part.text, part.start, &marks)
            );
        }
        let _ = writeln!(page, "</div>\n<aside>");
        for i in on {
            html_note(i, &mut page);
        }
        let _ = writeln!(page, "</aside>\n</section>");
    }
    let _ = writeln!(page, "</main>\n</body>\n</html>");
    out.write_all(page.as_bytes())
}

fn html_note(i: &Item, page: &mut String) {
    let a = &i.annotation;
    let source = match &a.source {
        Some(s) if s.starts_with("https://") || s.starts_with("http://") => {
            format!(
                " · <a href=\"{}\" rel=\"noopener noreferrer\">source</a>",
                html_escape(s)
            )
        }
        Some(s) => format!(" · {}", html_escape(s)),
        None => String::new(),
    };
    let on = if i.on.is_document() {
        "the whole text".to_owned()
    } else {
        i.on.to_string()
    };
    let _ = writeln!(
        page,
        "<div class=\"note {}\" id=\"{}\">\n<div class=\"meta\"><strong>{}</strong> on {} · {} · {}{}</div>",
        a.stance.as_str(),
        html_escape(&format!("annotation-{}", a.id)),
        a.stance.as_str(),
        html_escape(&on),
        html_escape(&a.author),
        a.date,
        source
    );
    if let Some(c) = &i.carried {
        let _ = writeln!(page, "<div class=\"carried\">{}</div>", html_escape(c));
    }
    if !a.tags.is_empty() {
        let _ = writeln!(
            page,
            "<div class=\"meta\">tags: {}</div>",
            html_escape(&a.tags.join(", "))
        );
    }
    let _ = writeln!(page, "{}\n</div>", markdown_body(&a.body));
}

/// Markdown to safe HTML: no scripts, no event handlers, no styles from the author.
pub fn markdown_body(body: &str) -> String {
    let parser = pulldown_cmark::Parser::new(body);
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

fn marks_in(u: &Node, on: &[&Item]) -> Vec<Range<usize>> {
    let parts = u.text_parts();
    on.iter()
        .filter_map(|i| {
            let [a, b] = i.quote_at?;
            let offset = parts
                .iter()
                .find(|p| p.node.id == i.on || i.on.contains(&p.node.id))
                .map_or(0, |p| p.start);
            Some(a + offset..b + offset)
        })
        .collect()
}

fn highlight(text: &str, start: usize, marks: &[Range<usize>]) -> String {
    let end = start + text.len();
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    for m in marks {
        if m.start < end && start < m.end {
            cuts.push((m.start.max(start) - start, true));
            cuts.push((m.end.min(end) - start, false));
        }
    }
    cuts.sort_by_key(|&(p, open)| (p, open));
    let mut out = String::new();
    let mut at = 0;
    let mut depth = 0usize;
    for (p, open) in cuts {
        if !text.is_char_boundary(p) {
            continue;
        }
        out.push_str(&html_escape(&text[at..p]));
        at = p;
        if open {
            if depth == 0 {
                out.push_str("<mark>");
            }
            depth += 1;
        } else {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                out.push_str("</mark>");
            }
        }
    }
    out.push_str(&html_escape(&text[at..]));
    out.replace('\n', "<br>")
}
