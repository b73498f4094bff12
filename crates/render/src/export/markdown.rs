//! Markdown: each unit under its heading, clause by clause, its annotations quoted after
//! it; with an older draft, deleted and inserted words marked.

use std::io::{self, Write};

use treaty_diff::{ClauseDiff, Word};
use treaty_lineage::{AnnotatedDraft, Item};
use treaty_model::{ClauseId, TextField, escape_controls};

use super::{Link, Links, Plan, Selection};
use crate::escape;

/// Markdown: each clause with its ID and heading, then its annotations.
pub(super) fn write(e: &AnnotatedDraft, sel: &Selection, out: &mut impl Write) -> io::Result<()> {
    let plan = Plan::new(e, sel);
    let refs = treaty_refs::Index::of(&e.draft.doc);
    let links = Links::new(&refs, &plan.unit_of);
    writeln!(
        out,
        "# {}\n",
        escape::md(e.draft.doc.title.as_deref().unwrap_or("(untitled)"))
    )?;
    if let (Some(c), Some(v)) = (&e.convention, e.version()) {
        writeln!(
            out,
            "Convention `{}`, draft `{}`.\n",
            escape::md(c),
            escape::md(v)
        )?;
    }
    for i in &plan.whole {
        md_note(i, out)?;
    }
    for (u, on) in plan.pairs() {
        writeln!(out, "## {} {{#{}}}\n", escape::md(&u.title()), u.eid)?;
        let changes = e.overlay.as_ref();
        if let (Some(c), Some(d)) = (changes, changes.and_then(|c| c.unit(&u.id))) {
            writeln!(
                out,
                "*Since `{}`: {}.*\n",
                escape::md(c.old_label()),
                escape::md(&crate::diff::unit_line(d))
            )?;
        }
        let mut listed = false;
        for n in u.walk() {
            let is_unit = std::ptr::eq(n, u);
            if let Some(c) = changes {
                for d in c.deleted_before(&n.id) {
                    md_deleted_clause(d, out)?;
                    listed = true;
                }
            }
            let fields: &[TextField] = if is_unit {
                &[TextField::Text]
            } else {
                &[TextField::Text, TextField::Closing]
            };
            let redline: Vec<String> = fields
                .iter()
                .filter_map(|&f| changes.and_then(|c| treaty_diff::field_words(c, n, f)))
                .map(|w| md_words(&w))
                .collect();
            let note = changes
                .and_then(|c| c.clause(&n.id))
                .and_then(crate::diff::negotiation_note)
                .map(|note| format!(" *({})*", escape::md(&note)))
                .unwrap_or_default();
            let text = if redline.is_empty() {
                let closing = if is_unit {
                    ""
                } else {
                    n.closing.as_deref().unwrap_or("")
                };
                let closing_links = if closing.is_empty() {
                    Vec::new()
                } else {
                    links.of(n, TextField::Closing, 0)
                };
                [
                    md_linked(&n.text, &links.of(n, TextField::Text, 0)),
                    md_linked(closing, &closing_links),
                ]
                .join(" ")
                .trim()
                .replace('\n', " ")
            } else {
                redline.join(" ")
            } + &note;
            if text.is_empty() {
                continue;
            }
            if is_unit {
                // A paragraph after a list item needs a blank line to stand on its own.
                let gap = if listed { "\n" } else { "" };
                writeln!(out, "{gap}{text}\n")?;
                listed = false;
            } else {
                writeln!(out, "- **{}** {text}", n.id)?;
                listed = true;
            }
        }
        if let Some(c) = changes {
            for d in c.deleted_tail(&u.id) {
                md_deleted_clause(d, out)?;
            }
        }
        if let Some(c) = &u.closing {
            writeln!(out, "\n{}", escape::md(&c.replace('\n', " ")))?;
        }
        writeln!(out)?;
        for i in on {
            md_note(i, out)?;
        }
    }
    Ok(())
}

/// Text escaped for Markdown, its references made links to the clauses they point at.
fn md_linked(text: &str, links: &[Link]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for l in links {
        let r = l.range.clone();
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&escape::md(&text[at..r.start]));
        out.push_str(&format!("[{}]({})", escape::md(&text[r.clone()]), l.href));
        at = r.end;
    }
    out.push_str(&escape::md(&text[at..]));
    out
}

/// A word diff in Markdown: inline `<del>` and `<ins>`, which Markdown passes through.
fn md_words(words: &[Word]) -> String {
    let mut text = String::new();
    for w in words {
        let (t, open, close) = match w {
            Word::Equal(t) => (t, "", ""),
            Word::Delete(t) => (t, "<del>", "</del>"),
            Word::Insert(t) => (t, "<ins>", "</ins>"),
        };
        text.push_str(open);
        text.push_str(&escape::md_html(&escape_controls(t)).replace('\n', " "));
        text.push_str(close);
    }
    text
}

fn md_deleted_clause(d: &ClauseDiff, out: &mut impl Write) -> io::Result<()> {
    let id = d.old.as_ref().map_or("", ClauseId::as_str);
    writeln!(out, "- ~~**{id}**~~ {}", md_words(&d.words))
}

fn md_note(i: &Item, out: &mut impl Write) -> io::Result<()> {
    let a = &i.annotation;
    let source = match &a.source {
        Some(s) if s.starts_with("https://") || s.starts_with("http://") => {
            format!(" ([source](<{}>))", s.replace('>', "%3E"))
        }
        Some(s) => format!(" (source: {})", escape::md(s)),
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
        escape::md(&a.author),
        a.date
    )?;
    if let Some(q) = &a.quote {
        writeln!(out, ">\n> on “{}”", escape::md(q))?;
    }
    if let Some(c) = &i.carried {
        writeln!(out, ">\n> *{}*", escape::md(c))?;
    }
    writeln!(out, ">")?;
    // The body is the author's Markdown: quoted as written, raw HTML escaped, and links
    // that would run a script kept as their text.
    let body = escape::md_safe_links(&a.body);
    for line in body.trim_end().lines() {
        writeln!(out, "> {}", escape::html(&escape_controls(line)))?;
    }
    writeln!(out)
}
