//! A standalone HTML page: the text with the annotations in the margin beside their
//! clauses, quoted words highlighted, references linked, and a table of contents.
//! Annotation bodies are Markdown rendered with pulldown-cmark and sanitised with
//! ammonia; everything else is escaped, and a Content-Security-Policy forbids scripts
//! and every load.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use treaty_diff::{ClauseDiff, Overlay, Status, UnitDiff, Word};
use treaty_lineage::{AnnotatedDraft, Item};
use treaty_model::{ClauseId, Node, TextField};

use super::{Links, Plan, Selection, highlight, highlight_linked, marks_in};
use crate::escape;

const CSS: &str = "body{font:16px/1.55 Georgia,serif;margin:0;color:#222;background:#fff}\
main{max-width:74em;margin:0 auto;padding:1em 2em}nav{font-size:.9em}nav ol{columns:2}\
section.unit{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2em;border-top:1px solid #ddd;padding:.6em 0}\
.text p{margin:.3em 0}.id{font:.8em monospace;color:#666;margin-right:.4em}\
mark{background:#fff3a8}a.ref{color:inherit;text-decoration:underline dotted}aside .note{border-left:3px solid #999;padding:.2em .8em;margin:.5em 0;font-size:.92em;background:#fafafa}\
aside .concern{border-color:#c0392b}aside .support{border-color:#27ae60}aside .question{border-color:#2980b9}\
aside .proposal{border-color:#8e44ad}.meta{color:#555;font-size:.9em}.carried{color:#8a6d3b;font-style:italic}\
ins{background:#dfd;color:#060;text-decoration:underline}del{background:#fdd;color:#900;text-decoration:line-through}\
.change{font-size:.85em;color:#555}.badge{font-size:.75em;padding:0 .3em;border:1px solid #999;border-radius:3px}\
section.inserted .text{border-left:3px solid #27ae60;padding-left:.6em}section.deleted .text{border-left:3px solid #c0392b;padding-left:.6em}\
@media (max-width:50em){section.unit{grid-template-columns:1fr}}";

/// A standalone HTML page: the text with the annotations in the margin beside their
/// clauses, quoted words highlighted, and a table of contents. Annotation bodies are
/// Markdown rendered with pulldown-cmark and sanitised with ammonia; everything else is
/// escaped.
pub(super) fn write(e: &AnnotatedDraft, sel: &Selection, out: &mut impl Write) -> io::Result<()> {
    let plan = Plan::new(e, sel);
    let bodies = render_bodies(&plan.items().collect::<Vec<_>>());
    let title = escape::html(e.draft.doc.title.as_deref().unwrap_or("(untitled)"));
    let language = e.draft.doc.language.as_deref().unwrap_or("en");
    let dir = if is_rtl(language) { " dir=\"rtl\"" } else { "" };
    let language = escape::html(language);
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{language}\"{dir}>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
    );
    if let (Some(c), Some(v)) = (&e.convention, e.version()) {
        let _ = writeln!(
            page,
            "<p class=\"meta\">Convention {}, draft {}; {} annotations.</p>",
            escape::html(c),
            escape::html(v),
            plan.items().count()
        );
    }
    if !plan.whole.is_empty() {
        let _ = writeln!(page, "<aside class=\"whole\">");
        for i in &plan.whole {
            html_note(i, &bodies, &mut page);
        }
        let _ = writeln!(page, "</aside>");
    }
    let _ = writeln!(page, "<nav><h2>Contents</h2><ol>");
    for (u, on) in plan.pairs() {
        let head = u.title();
        let n = on.len();
        let mut badge = if n > 0 {
            format!(" ({n})")
        } else {
            String::new()
        };
        if let Some(d) = e.overlay.as_ref().and_then(|c| c.unit(&u.id)) {
            let _ = write!(
                badge,
                " <span class=\"badge {0}\">{0}</span>",
                d.status.as_str()
            );
        }
        let _ = writeln!(
            page,
            "<li><a href=\"#{}\">{}</a>{badge}</li>",
            escape::html(&u.eid),
            escape::html(&head)
        );
    }
    let _ = writeln!(page, "</ol></nav>");
    let deleted_units = e.overlay.as_ref().map(|c| {
        let shown: HashSet<&ClauseId> = plan.units.iter().map(|u| &u.id).collect();
        c.deleted_units(&shown)
    });
    let deleted_after = |id: Option<ClauseId>, page: &mut String| {
        for d in deleted_units
            .as_ref()
            .and_then(|m| m.get(&id))
            .into_iter()
            .flatten()
        {
            html_deleted_unit(d, page);
        }
    };
    deleted_after(None, &mut page);
    let refs = treaty_refs::Index::of(&e.draft.doc);
    let links = Links::new(&refs, &plan.nodes);
    for (u, on) in plan.pairs() {
        html_unit(u, on, e.overlay.as_ref(), &links, &bodies, &mut page);
        deleted_after(Some(u.id.clone()), &mut page);
    }
    let _ = writeln!(page, "</main>\n</body>\n</html>");
    out.write_all(page.as_bytes())
}

/// One unit: its text (a redline when it changed since the older draft) and the notes
/// beside it.
fn html_unit(
    u: &Node,
    on: &[&Item],
    changes: Option<&Overlay>,
    links: &Links<'_>,
    bodies: &HashMap<&str, String>,
    page: &mut String,
) {
    let head = u.title();
    let unit_change = changes.and_then(|c| c.unit(&u.id));
    let class = unit_change.map_or("unit", |d| match d.status {
        Status::Inserted => "unit inserted",
        _ => "unit changed",
    });
    let _ = writeln!(
        page,
        "<section class=\"{class}\" id=\"{}\">\n<div class=\"text\">",
        escape::html(&u.eid),
    );
    let heading = changes.and_then(|c| treaty_diff::field_words(c, u, TextField::Heading));
    match (heading, &u.heading) {
        (Some(words), Some(_)) => {
            let _ = writeln!(
                page,
                "<h2>{} — {}</h2>",
                escape::html(&u.label()),
                redline_html(&words, 0, &[])
            );
        }
        _ => {
            let _ = writeln!(page, "<h2>{}</h2>", escape::html(&head));
        }
    }
    if let (Some(d), Some(c)) = (unit_change, changes) {
        let _ = writeln!(
            page,
            "<p class=\"change\">Since {}: {}</p>",
            escape::html(c.old_label()),
            escape::html(&crate::diff::unit_line(d))
        );
    }
    // Marks: the quote ranges, in the unit's full text, of the annotations on it.
    let marks = marks_in(u, on);
    let mut placed: HashSet<&ClauseId> = HashSet::new();
    for part in u.text_parts() {
        if part.field == TextField::Heading && std::ptr::eq(part.node, u) {
            continue;
        }
        if let Some(c) = changes
            && part.field != TextField::Closing
            && placed.insert(&part.node.id)
        {
            for d in c.deleted_before(&part.node.id) {
                html_deleted_clause(d, page);
            }
        }
        let id = if std::ptr::eq(part.node, u) {
            String::new()
        } else {
            format!(
                "<span class=\"id\">{}</span>",
                escape::html(part.node.id.as_str())
            )
        };
        let mut text =
            match changes.and_then(|c| treaty_diff::field_words(c, part.node, part.field)) {
                Some(words) => redline_html(&words, part.start, &marks),
                None => highlight_linked(
                    part.text,
                    part.start,
                    &marks,
                    &links.of(part.node, part.field, part.start),
                ),
            };
        if part.field == TextField::Text
            && let Some(note) = changes
                .and_then(|c| c.clause(&part.node.id))
                .and_then(crate::diff::negotiation_note)
        {
            let _ = write!(
                text,
                " <span class=\"change\">({})</span>",
                escape::html(&note)
            );
        }
        let _ = writeln!(
            page,
            "<p id=\"{}\">{id}{text}</p>",
            escape::html(&part.node.eid),
        );
    }
    if let Some(c) = changes {
        for n in u.walk().filter(|n| !placed.contains(&n.id)) {
            for d in c.deleted_before(&n.id) {
                html_deleted_clause(d, page);
            }
        }
        for d in c.deleted_tail(&u.id) {
            html_deleted_clause(d, page);
        }
    }
    let _ = writeln!(page, "</div>\n<aside>");
    for i in on {
        html_note(i, bodies, page);
    }
    let _ = writeln!(page, "</aside>\n</section>");
}

/// A clause of the older draft that is gone, struck through where it stood.
fn html_deleted_clause(d: &ClauseDiff, page: &mut String) {
    let id = d.old.as_ref().map_or("", ClauseId::as_str);
    let _ = writeln!(
        page,
        "<p class=\"deleted\"><span class=\"id\">{}</span>{}</p>",
        escape::html(id),
        redline_html(&d.words, 0, &[])
    );
}

/// A unit of the older draft that is gone.
fn html_deleted_unit(d: &UnitDiff, page: &mut String) {
    let _ = writeln!(
        page,
        "<section class=\"unit deleted\">\n<div class=\"text\">\n<h2><del>{}</del></h2>\n<p class=\"change\">{}</p>",
        escape::html(&d.old_label.join(", ")),
        escape::html(&crate::diff::unit_line(d))
    );
    for c in &d.clauses {
        html_deleted_clause(c, page);
    }
    let _ = writeln!(page, "</div>\n<aside></aside>\n</section>");
}

/// A word diff as HTML, `<del>` and `<ins>` around changed words, quoted words marked:
/// `start` is where the new text of these words begins in the coordinates of `marks`.
fn redline_html(words: &[Word], start: usize, marks: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = start;
    for w in words {
        match w {
            Word::Equal(t) => {
                out.push_str(&highlight(t, at, marks));
                at += t.len();
            }
            Word::Insert(t) => {
                out.push_str("<ins>");
                out.push_str(&highlight(t, at, marks));
                out.push_str("</ins>");
                at += t.len();
            }
            Word::Delete(t) => {
                out.push_str("<del>");
                out.push_str(&escape::html(t).replace('\n', "<br>"));
                out.push_str("</del>");
            }
        }
    }
    out
}

fn html_note(i: &Item, bodies: &HashMap<&str, String>, page: &mut String) {
    let a = &i.annotation;
    let source = match &a.source {
        Some(s) if s.starts_with("https://") || s.starts_with("http://") => {
            format!(
                " · <a href=\"{}\" rel=\"noopener noreferrer\">source</a>",
                escape::html(s)
            )
        }
        Some(s) => format!(" · {}", escape::html(s)),
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
        escape::html(&format!("annotation-{}", a.id)),
        a.stance.as_str(),
        escape::html(&on),
        escape::html(&a.author),
        a.date,
        source
    );
    if let Some(c) = &i.carried {
        let _ = writeln!(page, "<div class=\"carried\">{}</div>", escape::html(c));
    }
    if !a.tags.is_empty() {
        let _ = writeln!(
            page,
            "<div class=\"meta\">tags: {}</div>",
            escape::html(&a.tags.join(", "))
        );
    }
    let body = bodies
        .get(a.id.as_str())
        .cloned()
        .unwrap_or_else(|| markdown_body(&a.body));
    let _ = writeln!(page, "{body}\n</div>");
}

/// Whether a language is written right to left (Arabic, Hebrew, Persian, Urdu).
fn is_rtl(language: &str) -> bool {
    matches!(language, "ar" | "he" | "fa" | "ur")
}

const PARALLEL_CSS: &str = "body{font:16px/1.55 Georgia,serif;margin:0;color:#222;background:#fff}\
main{margin:0 auto;padding:1em 2em}table.parallel{border-collapse:collapse;width:100%;table-layout:fixed}\
table.parallel th{position:sticky;top:0;background:#fff;border-bottom:2px solid #999;text-align:start;padding:.3em .6em}\
table.parallel td{vertical-align:top;border-top:1px solid #ddd;padding:.4em .6em}td p{margin:.2em 0}\
tr.unit td{border-top:2px solid #999}.id{font:.8em monospace;color:#666}td.missing{color:#999;font-style:italic}\
aside .note{border-left:3px solid #999;padding:.2em .8em;margin:.3em 0;font-size:.9em;background:#fafafa}\
aside .concern{border-color:#c0392b}aside .support{border-color:#27ae60}aside .question{border-color:#2980b9}\
aside .proposal{border-color:#8e44ad}.meta{color:#555;font-size:.9em}.carried{color:#8a6d3b;font-style:italic}";

/// The language versions of one draft side by side: a column per language, a row per
/// clause aligned by ID (a clause one language lacks leaves its cell marked empty), and
/// the commentary of the first column's draft in a last column beside its clauses.
/// Right-to-left languages are set with `dir="rtl"`. Escaped and script-free like the
/// one-language page.
pub(super) fn write_parallel(
    columns: &[(&str, &AnnotatedDraft)],
    sel: &Selection,
    out: &mut impl Write,
) -> io::Result<()> {
    let Some(&(_, first)) = columns.first() else {
        return Ok(());
    };
    let plan = Plan::new(first, sel);
    let bodies = render_bodies(&plan.items().collect::<Vec<_>>());
    let title = escape::html(first.draft.doc.title.as_deref().unwrap_or("(untitled)"));
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{title}</title>\n<style>{PARALLEL_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n",
        escape::html(columns[0].0)
    );
    if let (Some(c), Some(v)) = (&first.convention, first.version()) {
        let _ = writeln!(
            page,
            "<p class=\"meta\">Convention {}, draft {}, in {}; {} annotations.</p>",
            escape::html(c),
            escape::html(v),
            escape::html(&columns.iter().map(|c| c.0).collect::<Vec<_>>().join(", ")),
            plan.items().count()
        );
    }
    let _ = writeln!(page, "<table class=\"parallel\">\n<thead><tr>");
    for (language, _) in columns {
        let _ = writeln!(page, "<th lang=\"{0}\">{0}</th>", escape::html(language));
    }
    let _ = writeln!(page, "<th>Commentary</th></tr></thead>\n<tbody>");
    let docs: Vec<(&str, HashMap<&ClauseId, &Node>)> = columns
        .iter()
        .map(|(l, e)| (*l, e.draft.doc.walk().map(|n| (&n.id, n)).collect()))
        .collect();
    for (u, on) in plan.pairs() {
        for (k, n) in u.walk().enumerate() {
            if n.heading.is_none() && n.text.is_empty() && n.closing.is_none() && k > 0 {
                continue;
            }
            let class = if k == 0 { " class=\"unit\"" } else { "" };
            let _ = writeln!(page, "<tr{class} id=\"{}\">", escape::html(&n.eid));
            for (language, nodes) in &docs {
                let dir = if is_rtl(language) { " dir=\"rtl\"" } else { "" };
                let language = escape::html(language);
                match nodes.get(&n.id) {
                    Some(m) => {
                        let _ = write!(
                            page,
                            "<td lang=\"{language}\"{dir}><span class=\"id\">{}</span>",
                            escape::html(m.id.as_str())
                        );
                        if let Some(h) = &m.heading {
                            let _ = write!(page, " <strong>{}</strong>", escape::html(h));
                        }
                        for field in [Some(m.text.as_str()), m.closing.as_deref()]
                            .into_iter()
                            .flatten()
                        {
                            for p in field.split('\n').filter(|p| !p.trim().is_empty()) {
                                let _ = write!(page, "<p>{}</p>", escape::html(p));
                            }
                        }
                        let _ = writeln!(page, "</td>");
                    }
                    None => {
                        let _ = writeln!(
                            page,
                            "<td lang=\"{language}\"{dir} class=\"missing\">(not in this text)</td>"
                        );
                    }
                }
            }
            let _ = write!(page, "<td><aside>");
            for i in on.iter().filter(|i| i.on == n.id) {
                html_note(i, &bodies, &mut page);
            }
            let _ = writeln!(page, "</aside></td>\n</tr>");
        }
    }
    let _ = writeln!(page, "</tbody>\n</table>\n</main>\n</body>\n</html>");
    out.write_all(page.as_bytes())
}

/// Every annotation body rendered, by annotation ID, spread over the machine's cores:
/// Markdown rendering and sanitising dominate the cost of a page.
fn render_bodies<'a>(items: &[&'a Item]) -> HashMap<&'a str, String> {
    treaty_par::map(items, |i| {
        (i.annotation.id.as_str(), markdown_body(&i.annotation.body))
    })
    .into_iter()
    .collect()
}

/// Markdown to safe HTML: no scripts, no event handlers, no styles, no images, no links
/// but to the web.
///
/// Markdown that holds no raw HTML, links or images renders only pulldown-cmark's own
/// tags around text it escapes: that output is safe as it is, and is not parsed again.
/// Everything else goes through ammonia, which costs about five times the rendering.
pub fn markdown_body(body: &str) -> String {
    let events: Vec<pulldown_cmark::Event<'_>> = pulldown_cmark::Parser::new(body).collect();
    let mut raw = String::new();
    let plain = events.iter().all(plain_markdown);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    if plain {
        return raw;
    }
    // One sanitiser for the run: building its tables costs more than cleaning a body.
    static SANITISER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    SANITISER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.link_rel(Some("noopener noreferrer nofollow"));
            // An image would be fetched when the page opens (a tracking pixel, say): the
            // page is standalone, so bodies keep their words and lose their images.
            b.rm_tags(["img"]);
            b
        })
        .clean(&raw)
        .to_string()
}

/// Whether an event renders as one of the tags Markdown itself makes (paragraphs, lists,
/// emphasis, quotes, code, rules, breaks), with no attribute taken from the text.
fn plain_markdown(event: &pulldown_cmark::Event<'_>) -> bool {
    use pulldown_cmark::{CodeBlockKind, Event, Tag};
    match event {
        Event::Start(tag) => match tag {
            Tag::Paragraph
            | Tag::BlockQuote(None)
            | Tag::CodeBlock(CodeBlockKind::Indented)
            | Tag::List(_)
            | Tag::Item
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough => true,
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => info.is_empty(),
            Tag::Heading {
                id, classes, attrs, ..
            } => id.is_none() && classes.is_empty() && attrs.is_empty(),
            _ => false,
        },
        Event::End(_)
        | Event::Text(_)
        | Event::Code(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::Rule => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_markdown_skips_the_sanitiser_and_everything_else_goes_through_it() {
        // Plain: pulldown-cmark's own tags, text escaped.
        assert_eq!(
            markdown_body("A *b* & 1 < 2\n\n- one\n"),
            "<p>A <em>b</em> &amp; 1 &lt; 2</p>\n<ul>\n<li>one</li>\n</ul>\n"
        );
        // Links get ammonia's rel, raw HTML and images are cleaned away.
        assert!(
            markdown_body("[x](https://e.org)").contains("rel=\"noopener noreferrer nofollow\"")
        );
        assert_eq!(
            markdown_body("[x](javascript:alert(1))"),
            "<p><a rel=\"noopener noreferrer nofollow\">x</a></p>\n"
        );
        assert_eq!(markdown_body("a <b onclick=x>b</b>"), "<p>a <b>b</b></p>\n");
        assert_eq!(markdown_body("![p](https://e.org/p.png)"), "<p></p>\n");
        assert_eq!(
            markdown_body("```js\nx\n```"),
            "<pre><code>x\n</code></pre>\n"
        );
    }

    proptest! {
        /// Whatever the body, no tag of the HTML is a script, image or style, and none
        /// has an event handler, a style or a javascript: link, whichever path it took.
        /// (A literal `<` in the output always opens a tag: text has it escaped.)
        #[test]
        fn no_body_brings_active_content(body in "([a-z <>=\"'/*_\\[\\]()!:#`\n-]|script|onerror|javascript|img|style|href){0,60}") {
            let html = markdown_body(&body).to_lowercase();
            for tag in html.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap_or_default();
                for bad in ["script", "img", "style"] {
                    prop_assert!(!tag.starts_with(bad), "<{tag}> in {html} from {body:?}");
                }
                for bad in [" on", "style=", "javascript:"] {
                    prop_assert!(!tag.contains(bad), "<{tag}> in {html} from {body:?}");
                }
            }
        }
    }
}
