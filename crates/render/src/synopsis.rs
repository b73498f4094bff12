//! The synopsis of a convention's drafts ([`treaty_lineage::synopsis`]) in the forms its
//! readers use: a standalone HTML page, Markdown, CSV for spreadsheets, JSON, and the
//! table of origins and destinations (the concordance).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use treaty_diff::Word;
use treaty_lineage::Item;
use treaty_lineage::synopsis::{Cell, CellStatus, Row, Synopsis};
use treaty_model::{ClauseId, escape_controls};

use crate::diff::mark_words;
use crate::escape;
use crate::export::markdown_body;
use crate::style::Style;

/// The rows a reader asked for: all, or those in some articles, or those that changed.
pub fn rows<'s>(s: &'s Synopsis, articles: &[String], changed: bool) -> Vec<&'s Row> {
    s.rows
        .iter()
        .filter(|r| articles.is_empty() || r.in_articles(articles))
        .filter(|r| !changed || r.changed())
        .collect()
}

/// JSON: `treaty-synopsis/1`, the drafts and the rows, each with its cells in the
/// drafts' order (`null` where the clause is not).
pub fn json(s: &Synopsis, rows: &[&Row], out: &mut impl Write) -> io::Result<()> {
    crate::json::write(
        out,
        &serde_json::json!({
            "schema": s.schema,
            "convention": s.convention,
            "drafts": s.drafts,
            "rows": rows,
        }),
    )
}

/// A cell's words with the changes since the draft before marked `[-old-]{+new+}`.
fn redline(c: &Cell) -> String {
    if c.words.is_empty() {
        escape_controls(&c.text).into_owned()
    } else {
        mark_words(&c.words, Style::Plain)
    }
}

/// CSV: a column with the row's IDs in every draft, one per draft with the clause as it
/// reads there, and the redline of the last change. Cells that a spreadsheet would run
/// as a formula get a leading `'` unless `raw`.
pub fn csv(s: &Synopsis, rows: &[&Row], raw: bool, out: &mut impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let cell = |v: String| {
        if raw {
            v
        } else {
            crate::export::neutralise(v.into()).into_owned()
        }
    };
    let mut head = vec!["lineage".to_owned()];
    head.extend(s.drafts.iter().map(|d| d.label.clone()));
    head.push("redline".to_owned());
    w.write_record(head.into_iter().map(&cell))
        .map_err(io::Error::other)?;
    for r in rows {
        let mut record = vec![r.lineage()];
        for c in &r.cells {
            record.push(c.as_ref().map_or_else(String::new, |c| {
                let text = escape_controls(&c.text).into_owned();
                match &c.heading {
                    Some(h) => format!("{}\n{text}", escape_controls(h)),
                    None => text,
                }
            }));
        }
        let last = r.cells.iter().rev().flatten().find(|c| !c.words.is_empty());
        record.push(last.map_or_else(String::new, redline));
        w.write_record(record.into_iter().map(&cell))
            .map_err(io::Error::other)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

/// Markdown words with deletions struck and insertions in bold.
fn md_words(words: &[Word]) -> String {
    let mut s = String::new();
    for w in words {
        match w {
            Word::Equal(t) => s.push_str(&escape::md(t)),
            Word::Delete(t) if !t.trim().is_empty() => {
                let _ = write!(s, "~~{}~~", escape::md(t.trim()));
                if t.ends_with(char::is_whitespace) {
                    s.push(' ');
                }
            }
            Word::Insert(t) if !t.trim().is_empty() => {
                let _ = write!(s, "**{}**", escape::md(t.trim()));
                if t.ends_with(char::is_whitespace) {
                    s.push(' ');
                }
            }
            Word::Delete(t) | Word::Insert(t) => s.push_str(t),
        }
    }
    s
}

/// Markdown: a table, a row per lineage, deletions struck and insertions in bold.
pub fn markdown(s: &Synopsis, rows: &[&Row], out: &mut impl Write) -> io::Result<()> {
    let mut page = String::new();
    let _ = writeln!(page, "# Synopsis of {}\n", escape::md(&s.convention));
    let _ = write!(page, "| clause |");
    for d in &s.drafts {
        let _ = write!(
            page,
            " {}{} |",
            escape::md(&d.label),
            date(d.date.as_deref())
        );
    }
    let _ = write!(page, "\n|---|");
    for _ in &s.drafts {
        let _ = write!(page, "---|");
    }
    page.push('\n');
    for r in rows {
        let _ = write!(page, "| {} |", escape::md(&r.lineage()));
        for c in &r.cells {
            let text = match c {
                None => String::new(),
                Some(c) => {
                    let words = if c.words.is_empty() {
                        escape::md(&c.text)
                    } else {
                        md_words(&c.words)
                    };
                    let words = words.replace('\n', "<br>");
                    match &c.heading {
                        Some(h) => format!("*{}* {words}", escape::md(h)),
                        None => words,
                    }
                }
            };
            let _ = write!(page, " {} |", text.replace('|', "\\|"));
        }
        page.push('\n');
    }
    out.write_all(page.as_bytes())
}

fn date(d: Option<&str>) -> String {
    d.map(|d| format!(" ({d})")).unwrap_or_default()
}

/// The table of origins and destinations: a line per article (or other unit) lineage
/// with its number in each draft, then the reverse index from the newest draft's
/// numbers back to where each came from.
pub fn concordance(s: &Synopsis, rows: &[&Row], out: &mut impl Write) -> io::Result<()> {
    let unit = |c: &Cell| !c.id.as_str().contains('.') && c.kind != "Preamble";
    let name = |c: &Cell| match c.kind {
        "Article" => format!("Art. {}", c.id),
        _ => c.id.to_string(),
    };
    let mut lines = Vec::new();
    for r in rows {
        if !r.cells.iter().flatten().any(&unit) {
            continue;
        }
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| {
                c.as_ref()
                    .filter(|c| unit(c))
                    .map_or_else(|| "—".to_owned(), name)
            })
            .collect();
        lines.push(cells);
    }
    let mut page = String::new();
    let labels: Vec<String> = s
        .drafts
        .iter()
        .map(|d| escape_controls(&d.label).into_owned())
        .collect();
    let _ = writeln!(page, "{}", labels.join(" | "));
    for l in &lines {
        let _ = writeln!(page, "{}", escape_controls(&l.join(" | ")));
    }
    if let Some(newest) = labels.last() {
        let _ = writeln!(page, "\nWhere each unit of {newest} comes from:");
        let mut reverse: Vec<(&String, Vec<String>)> = lines
            .iter()
            .filter_map(|l| {
                let now = l.last().filter(|n| *n != "—")?;
                let from: Vec<String> = l[..l.len() - 1]
                    .iter()
                    .zip(&labels)
                    .filter(|(c, _)| *c != "—")
                    .map(|(c, lab)| format!("{c} ({lab})"))
                    .collect();
                Some((now, from))
            })
            .collect();
        reverse.sort_by_key(|(now, _)| natural(now));
        for (now, from) in reverse {
            let from = if from.is_empty() {
                "new".to_owned()
            } else {
                from.join(", ")
            };
            let _ = writeln!(
                page,
                "{} ← {}",
                escape_controls(now),
                escape_controls(&from)
            );
        }
    }
    out.write_all(page.as_bytes())
}

/// Sort key that puts `Art. 2` before `Art. 10`.
fn natural(s: &str) -> (String, u64, String) {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let at = s.find(|c: char| c.is_ascii_digit()).unwrap_or(s.len());
    (
        s[..at].to_owned(),
        digits.parse().unwrap_or(u64::MAX),
        s[at + digits.len()..].to_owned(),
    )
}

const CSS: &str = "body{font:15px/1.5 Georgia,serif;margin:0;color:#222;background:#fff}\
main{padding:1em 1.5em}table{border-collapse:collapse;width:100%;table-layout:fixed}\
thead th{position:sticky;top:0;background:#fff;border-bottom:2px solid #999;text-align:start;vertical-align:top;padding:.3em .5em;z-index:1}\
td{vertical-align:top;border-top:1px solid #ddd;padding:.3em .5em}th.lineage,td.lineage{width:8em;font:.8em monospace;color:#555}\
td.none{background:#f6f6f6}td p{margin:.15em 0}.id{font:.8em monospace;color:#666}.heading{font-style:italic}\
ins{background:#dfd;color:#060;text-decoration:underline}del{background:#fdd;color:#900;text-decoration:line-through}\
.status{font:.7em sans-serif;color:#777;text-transform:uppercase}td.notes{width:16em}\
aside .note{border-left:3px solid #999;padding:.2em .6em;margin:.3em 0;font-size:.88em;background:#fafafa}\
aside .concern{border-color:#c0392b}aside .support{border-color:#27ae60}aside .question{border-color:#2980b9}\
aside .proposal{border-color:#8e44ad}.meta{color:#555;font-size:.85em}.filters label{display:block;font:.75em sans-serif;font-weight:normal}";

/// The statuses a column's filter can hide.
const FILTERED: [(&str, &str); 4] = [
    ("unchanged", "hide unchanged"),
    ("changed", "hide changed"),
    ("inserted", "hide inserted"),
    ("none", "hide empty"),
];

/// HTML: a standalone page, sticky column headers, a filter per column (check boxes
/// that hide rows by what happened to the clause in that draft, done in CSS: the page
/// runs no script), the commentary placed on the newest draft in a margin column.
/// Everything from the texts is escaped; annotation bodies are sanitised Markdown.
pub fn html(s: &Synopsis, rows: &[&Row], notes: &[Item], out: &mut impl Write) -> io::Result<()> {
    let title = format!("Synopsis of {}", s.convention);
    let mut css = String::from(CSS);
    for (k, _) in s.drafts.iter().enumerate() {
        for (status, _) in FILTERED {
            let _ = write!(
                css,
                "body:has(#f{k}-{status}:checked) tr.c{k}-{status}{{display:none}}"
            );
        }
    }
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p class=\"meta\">{} rows, {} drafts; cells show the words changed since the draft before.</p>\n<table>\n<thead><tr><th class=\"lineage\">clause</th>",
        escape::html(&title),
        escape::html(&title),
        rows.len(),
        s.drafts.len()
    );
    for (k, d) in s.drafts.iter().enumerate() {
        let _ = write!(
            page,
            "<th>{}{}<div class=\"filters\">",
            escape::html(&d.label),
            escape::html(&date(d.date.as_deref()))
        );
        for (status, label) in FILTERED {
            let _ = write!(
                page,
                "<label><input type=\"checkbox\" id=\"f{k}-{status}\"> {label}</label>"
            );
        }
        page.push_str("</div></th>");
    }
    page.push_str("<th class=\"notes\">commentary</th></tr></thead>\n<tbody>\n");
    let newest = s.drafts.len().saturating_sub(1);
    let mut on: HashMap<&ClauseId, Vec<&Item>> = HashMap::new();
    for i in notes {
        on.entry(&i.on).or_default().push(i);
    }
    for (n, r) in rows.iter().enumerate() {
        let classes: Vec<String> = r
            .cells
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let status = c.as_ref().map_or("none", |c| match c.status {
                    CellStatus::First | CellStatus::Unchanged => "unchanged",
                    CellStatus::Changed | CellStatus::Renumbered => "changed",
                    CellStatus::Inserted => "inserted",
                });
                format!("c{k}-{status}")
            })
            .collect();
        let _ = write!(
            page,
            "<tr id=\"row-{n}\" class=\"{}\"><td class=\"lineage\">{}</td>",
            classes.join(" "),
            escape::html(&r.lineage())
        );
        for c in &r.cells {
            match c {
                None => page.push_str("<td class=\"none\"></td>"),
                Some(c) => {
                    let _ = write!(
                        page,
                        "<td><span class=\"id\">{}</span> <span class=\"status\">{}</span>",
                        escape::html(c.id.as_str()),
                        c.status.as_str()
                    );
                    if let Some(h) = &c.heading {
                        let _ = write!(page, " <span class=\"heading\">{}</span>", escape::html(h));
                    }
                    let words = if c.words.is_empty() {
                        escape::html(&c.text)
                    } else {
                        html_words(&c.words)
                    };
                    for p in words.split('\n').filter(|p| !p.trim().is_empty()) {
                        let _ = write!(page, "<p>{p}</p>");
                    }
                    page.push_str("</td>");
                }
            }
        }
        page.push_str("<td class=\"notes\"><aside>");
        if let Some(Some(c)) = r.cells.get(newest) {
            for i in on.get(&c.id).into_iter().flatten() {
                note(i, &mut page);
            }
        }
        page.push_str("</aside></td></tr>\n");
    }
    page.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    out.write_all(page.as_bytes())
}

fn html_words(words: &[Word]) -> String {
    let mut s = String::new();
    for w in words {
        match w {
            Word::Equal(t) => s.push_str(&escape::html(t)),
            Word::Delete(t) => {
                let _ = write!(s, "<del>{}</del>", escape::html(t));
            }
            Word::Insert(t) => {
                let _ = write!(s, "<ins>{}</ins>", escape::html(t));
            }
        }
    }
    s
}

fn note(i: &Item, page: &mut String) {
    let a = &i.annotation;
    let _ = write!(
        page,
        "<div class=\"note {}\" id=\"{}\"><div class=\"meta\"><strong>{}</strong> · {} · {}</div>",
        a.stance.as_str(),
        escape::html(&format!("annotation-{}", a.id)),
        a.stance.as_str(),
        escape::html(&a.author),
        a.date
    );
    if let Some(c) = &i.carried {
        let _ = write!(page, "<div class=\"meta\">{}</div>", escape::html(c));
    }
    let _ = write!(page, "{}</div>", markdown_body(&a.body));
}
