//! Rendering a [`ConventionDiff`]: a summary, a redline, wdiff-style markup, two
//! columns, a unified patch, Markdown and HTML reports.

use std::io::{self, Write};

use treaty_diff::{ClauseDiff, ConventionDiff, Status, UnitDiff, Word};
use treaty_model::{ClauseId, Draft, escape_controls};

use crate::escape::{html as html_escape, md_html as md_escape};
use crate::style::Style;

/// Which units and clauses to show.
#[derive(Debug, Default)]
pub struct Filter {
    pub show_formatting: bool,
    /// Only units with this number in either draft.
    pub unit: Option<ClauseId>,
    /// Only clauses at or under this ID in either draft.
    pub clause: Option<ClauseId>,
}

impl Filter {
    fn unit(&self, u: &UnitDiff) -> bool {
        (self.show_formatting || u.status != Status::Formatting)
            && self
                .unit
                .as_ref()
                .is_none_or(|id| u.old.contains(id) || u.new.contains(id))
            && self.clause.as_ref().is_none_or(|id| {
                u.clauses.iter().any(|c| self.clause_ok(c))
                    || u.old.iter().chain(&u.new).any(|x| id.contains(x))
            })
    }

    fn clause_ok(&self, c: &ClauseDiff) -> bool {
        (self.show_formatting || c.status != Status::Formatting)
            && self.clause.as_ref().is_none_or(|id| {
                [&c.old, &c.new]
                    .into_iter()
                    .flatten()
                    .any(|x| x == id || id.contains(x))
            })
    }

    /// The units to show.
    pub fn units<'d>(&'d self, d: &'d ConventionDiff) -> impl Iterator<Item = &'d UnitDiff> {
        d.units.iter().filter(move |u| self.unit(u))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The unit's line in the summary: `Art. 5 → 6 renumbered, changed: 3 words`.
pub fn unit_line(u: &UnitDiff) -> String {
    let old = u.old_label.join(", ");
    let new = u
        .new
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let name = match u.status {
        Status::Inserted => u.new_label.join(", "),
        Status::Deleted => old.clone(),
        _ if u.old == u.new => old.clone(),
        _ => format!("{old} → {new}"),
    };
    let mut line = format!("{name} {}", u.status.as_str());
    let moved = u
        .clauses
        .iter()
        .filter(|c| c.status == Status::Moved)
        .count();
    if matches!(
        u.status,
        Status::Renumbered | Status::Split | Status::Merged
    ) && u.changed
    {
        line.push_str(", changed");
    }
    if u.changed_words > 0 && !matches!(u.status, Status::Inserted | Status::Deleted) {
        line.push_str(&format!(": {}", plural(u.changed_words, "word", "words")));
    }
    if u.status == Status::Inserted || u.status == Status::Deleted {
        line.push_str(&format!(" ({})", plural(u.changed_words, "word", "words")));
    }
    if moved > 0 {
        let from: Vec<String> = u
            .clauses
            .iter()
            .filter(|c| c.status == Status::Moved)
            .filter_map(|c| Some(format!("{} → {}", c.old.as_ref()?, c.new.as_ref()?)))
            .collect();
        line.push_str(&format!("; moved here: {}", from.join(", ")));
    }
    line
}

/// The summary block: counts, then a line per changed unit.
pub fn summary(d: &ConventionDiff, f: &Filter, out: &mut impl Write) -> io::Result<()> {
    let s = &d.summary;
    let mut parts = Vec::new();
    for (n, one, many) in [
        (s.changed, "changed", "changed"),
        (s.renumbered, "renumbered", "renumbered"),
        (s.split, "split", "split"),
        (s.merged, "merged", "merged"),
        (s.inserted, "inserted", "inserted"),
        (s.deleted, "deleted", "deleted"),
    ] {
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    if s.moved_clauses > 0 {
        parts.push(plural(s.moved_clauses, "clause moved", "clauses moved"));
    }
    let head = if parts.is_empty() {
        "no substantive change".to_owned()
    } else {
        format!(
            "{}; {}",
            parts.join(", "),
            plural(s.changed_words, "word", "words")
        )
    };
    writeln!(
        out,
        "{} → {}: {head}{}",
        escape_controls(&d.old),
        escape_controls(&d.new),
        if s.formatting > 0 {
            format!(
                " ({} with formatting changes only{})",
                plural(s.formatting, "unit", "units"),
                if f.show_formatting {
                    ""
                } else {
                    ", hidden: --show-formatting"
                }
            )
        } else {
            String::new()
        }
    )?;
    for u in f.units(d) {
        writeln!(out, "  {}", escape_controls(&unit_line(u)))?;
    }
    Ok(())
}

/// The change list: each unit, then each changed clause with its words marked.
pub fn words(d: &ConventionDiff, f: &Filter, style: Style, out: &mut impl Write) -> io::Result<()> {
    summary(d, f, out)?;
    for u in f.units(d) {
        writeln!(out)?;
        let head = format!("== {}", unit_line(u));
        let (b0, b1) = style.bold();
        writeln!(out, "{b0}{}{b1}", escape_controls(&head))?;
        for c in u.clauses.iter().filter(|c| f.clause_ok(c)) {
            clause(c, style, out)?;
        }
    }
    Ok(())
}

/// A word diff as one string for a terminal: `[-old-]{+new+}`, or in colour; text from
/// files escaped.
pub fn mark_words(words: &[Word], style: Style) -> String {
    let mut text = String::with_capacity(words.iter().map(|w| w.text().len() + 4).sum());
    for w in words {
        let (t, (open, close)) = match w {
            Word::Equal(t) => (t, ("", "")),
            Word::Delete(t) => (t, style.deleted()),
            Word::Insert(t) => (t, style.inserted()),
        };
        push_marked_lines(&mut text, &escape_controls(t), open, close);
    }
    text
}

/// Add `text` between `open` and `close` to `out`, line by line: a line break is the
/// clause's structure (between a heading and its text), never a marked word.
fn push_marked_lines(out: &mut String, text: &str, open: &str, close: &str) {
    if open.is_empty() {
        out.push_str(text);
        return;
    }
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            out.push_str(open);
            out.push_str(line);
            out.push_str(close);
        }
    }
}

fn clause(c: &ClauseDiff, style: Style, out: &mut impl Write) -> io::Result<()> {
    let id = match (&c.old, &c.new) {
        (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
        (Some(o), _) => o.to_string(),
        (None, Some(n)) => n.to_string(),
        (None, None) => String::new(),
    };
    let mut tag = c.status.as_str().to_owned();
    if matches!(c.status, Status::Moved | Status::Renumbered) && c.changed {
        tag.push_str(", changed");
    }
    let label = if c.status == Status::Moved {
        let (m0, m1) = style.moved();
        format!("{m0}{id} ({tag}){m1}")
    } else {
        format!("{id} ({tag})")
    };
    if let Some([old, new]) = &c.formatting {
        writeln!(out, "  {label}")?;
        writeln!(out, "    - {}", escape_controls(&old.replace('\n', "⏎")))?;
        writeln!(out, "    + {}", escape_controls(&new.replace('\n', "⏎")))?;
        return Ok(());
    }
    let text = mark_words(&c.words, style);
    if text.is_empty() && c.negotiation.is_none() {
        writeln!(out, "  {label}")?;
    } else if !text.is_empty() {
        writeln!(out, "  {label}: {}", text.replace('\n', " / "))?;
    } else {
        writeln!(out, "  {label}")?;
    }
    if let Some(n) = &c.negotiation {
        if n.old_markers != n.new_markers {
            writeln!(
                out,
                "    status markers: [{}] → [{}]",
                escape_controls(&n.old_markers.join("; ")),
                escape_controls(&n.new_markers.join("; "))
            )?;
        }
        if n.old_bracketed != n.new_bracketed {
            let list = |v: &[String]| {
                if v.is_empty() {
                    "none".to_owned()
                } else {
                    v.iter()
                        .map(|b| format!("[{}]", escape_controls(b)))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            };
            writeln!(
                out,
                "    bracketed text: {} → {}",
                list(&n.old_bracketed),
                list(&n.new_bracketed)
            )?;
        }
    }
    Ok(())
}

/// "status markers: agreed ad referendum → none" and the like, for negotiation changes.
pub fn negotiation_note(c: &ClauseDiff) -> Option<String> {
    let n = c.negotiation.as_ref()?;
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_owned()
        } else {
            v.join("; ")
        }
    };
    let mut parts = Vec::new();
    if n.old_markers != n.new_markers {
        parts.push(format!(
            "status markers: {} → {}",
            list(&n.old_markers),
            list(&n.new_markers)
        ));
    }
    if n.old_bracketed != n.new_bracketed {
        parts.push(format!(
            "bracketed text: {} → {}",
            list(&n.old_bracketed),
            list(&n.new_bracketed)
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn clause_id(c: &ClauseDiff) -> String {
    match (&c.old, &c.new) {
        (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
        (Some(o), _) => o.to_string(),
        (None, Some(n)) => n.to_string(),
        (None, None) => String::new(),
    }
}

fn marked(
    c: &ClauseDiff,
    del: (&str, &str),
    ins: (&str, &str),
    escape: fn(&str) -> String,
) -> String {
    let mut text = String::new();
    for w in &c.words {
        match w {
            Word::Equal(t) => text.push_str(&escape(t)),
            Word::Delete(t) => push_marked_lines(&mut text, &escape(t), del.0, del.1),
            Word::Insert(t) => push_marked_lines(&mut text, &escape(t), ins.0, ins.1),
        }
    }
    text
}

/// Markdown: the summary as a list, then a section per unit, `<del>`/`<ins>` for words.
pub fn markdown(d: &ConventionDiff, f: &Filter, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {} → {}\n", md_escape(&d.old), md_escape(&d.new))?;
    let mut summary_text = Vec::new();
    summary(d, f, &mut summary_text)?;
    let summary_text = String::from_utf8_lossy(&summary_text);
    let mut lines = summary_text.lines();
    if let Some(head) = lines.next() {
        writeln!(out, "{}\n", md_escape(head))?;
    }
    for l in lines {
        writeln!(out, "- {}", md_escape(l.trim()))?;
    }
    for u in f.units(d) {
        writeln!(out, "\n## {}\n", md_escape(&unit_line(u)))?;
        for c in u.clauses.iter().filter(|c| f.clause_ok(c)) {
            let mut text = marked(c, ("<del>", "</del>"), ("<ins>", "</ins>"), md_escape);
            if let Some(note) = negotiation_note(c) {
                text.push_str(&format!(" ({})", md_escape(&note)));
            }
            writeln!(
                out,
                "- **{}** ({}): {}",
                md_escape(&clause_id(c)),
                c.status.as_str(),
                text.trim().replace('\n', " / ")
            )?;
        }
    }
    Ok(())
}

const CSS: &str = "body{font:16px/1.5 Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #ccc}\
del{background:#fdd;color:#900;text-decoration:line-through}ins{background:#dfd;color:#060;text-decoration:underline}\
.id{font-family:monospace;color:#555}.status{font-size:.85em;color:#555}.moved{color:#7030a0}\
ul.summary li{margin:.1em 0}";

/// A standalone HTML page: no scripts, no network, every piece of text escaped.
pub fn html(d: &ConventionDiff, f: &Filter, out: &mut impl Write) -> io::Result<()> {
    let title = format!("{} → {}", html_escape(&d.old), html_escape(&d.new));
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>"
    )?;
    let mut summary_text = Vec::new();
    summary(d, f, &mut summary_text)?;
    let summary_text = String::from_utf8_lossy(&summary_text);
    let mut lines = summary_text.lines();
    if let Some(head) = lines.next() {
        writeln!(out, "<p>{}</p>", html_escape(head))?;
    }
    writeln!(out, "<ul class=\"summary\">")?;
    for l in lines {
        writeln!(out, "<li>{}</li>", html_escape(l.trim()))?;
    }
    writeln!(out, "</ul>")?;
    for u in f.units(d) {
        writeln!(out, "<section>\n<h2>{}</h2>", html_escape(&unit_line(u)))?;
        for c in u.clauses.iter().filter(|c| f.clause_ok(c)) {
            let class = if c.status == Status::Moved {
                " moved"
            } else {
                ""
            };
            let mut text = marked(c, ("<del>", "</del>"), ("<ins>", "</ins>"), html_escape);
            if let Some(note) = negotiation_note(c) {
                text.push_str(&format!(
                    " <span class=\"status\">({})</span>",
                    html_escape(&note)
                ));
            }
            writeln!(
                out,
                "<p><span class=\"id{class}\">{}</span> <span class=\"status\">({})</span> {}</p>",
                html_escape(&clause_id(c)),
                c.status.as_str(),
                text.replace('\n', "<br>")
            )?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</body>\n</html>")
}

/// Two columns, the old draft on the left and the new on the right, each clause wrapped
/// to fit `width` terminal cells.
pub fn side_by_side(
    d: &ConventionDiff,
    f: &Filter,
    style: Style,
    width: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    summary(d, f, out)?;
    let col = (width.saturating_sub(3) / 2).max(20);
    for u in f.units(d) {
        writeln!(out)?;
        writeln!(out, "== {}", escape_controls(&unit_line(u)))?;
        for c in u.clauses.iter().filter(|c| f.clause_ok(c)) {
            let changed = if c.changed && matches!(c.status, Status::Renumbered | Status::Moved) {
                ", changed"
            } else {
                ""
            };
            writeln!(
                out,
                "-- {} ({}{changed})",
                escape_controls(&clause_id(c)),
                c.status.as_str()
            )?;
            if let Some(note) = negotiation_note(c) {
                writeln!(out, "   {}", escape_controls(&note))?;
            }
            if c.words.is_empty() {
                continue;
            }
            // Each side as (text, is_change) pieces.
            let mut left: Vec<(String, bool)> = Vec::new();
            let mut right: Vec<(String, bool)> = Vec::new();
            for w in &c.words {
                match w {
                    Word::Equal(t) => {
                        left.push((t.clone(), false));
                        right.push((t.clone(), false));
                    }
                    Word::Delete(t) => left.push((t.clone(), true)),
                    Word::Insert(t) => right.push((t.clone(), true)),
                }
            }
            let l = wrap(&left, col, style, true);
            let r = wrap(&right, col, style, false);
            for k in 0..l.len().max(r.len()) {
                let (lt, lw) = l.get(k).cloned().unwrap_or_default();
                let (rt, _) = r.get(k).cloned().unwrap_or_default();
                writeln!(out, "{lt}{} | {rt}", " ".repeat(col.saturating_sub(lw)))?;
            }
        }
    }
    Ok(())
}

/// Wrap marked pieces into lines of at most `col` cells; returns (line, its width). A
/// changed run is marked once per line it spans, not word by word.
fn wrap(
    pieces: &[(String, bool)],
    col: usize,
    style: Style,
    deleted: bool,
) -> Vec<(String, usize)> {
    use unicode_width::UnicodeWidthStr;
    let (open, close) = if deleted {
        style.deleted()
    } else {
        style.inserted()
    };
    let marker = if style == Style::Plain { 2 } else { 0 };
    let mut lines: Vec<(String, usize)> = vec![(String::new(), 0)];
    for (text, changed) in pieces {
        let text = escape_controls(text).replace('\n', " ");
        let mut marking = false;
        for (k, word) in text.split(' ').enumerate() {
            if word.is_empty() {
                if k > 0 && !marking {
                    // A space between runs.
                    let (line, lw) = lines.last_mut().expect("one line");
                    if *lw > 0 && *lw < col {
                        line.push(' ');
                        *lw += 1;
                    }
                }
                continue;
            }
            let needs = word.width()
                + usize::from(k > 0)
                + if *changed && !marking { 2 * marker } else { 0 };
            let full = lines
                .last()
                .is_some_and(|(_, lw)| *lw > 0 && lw + needs > col);
            if full {
                if marking {
                    let (line, lw) = lines.last_mut().expect("one line");
                    line.push_str(close);
                    *lw += marker;
                    marking = false;
                }
                lines.push((String::new(), 0));
            }
            let (line, lw) = lines.last_mut().expect("one line");
            if k > 0 && *lw > 0 && !line.ends_with(' ') {
                line.push(' ');
                *lw += 1;
            }
            if *changed && !marking {
                line.push_str(open);
                *lw += marker;
                marking = true;
            }
            line.push_str(word);
            *lw += word.width();
        }
        let (line, lw) = lines.last_mut().expect("one line");
        if marking {
            line.push_str(close);
            *lw += marker;
            // The run's trailing space goes after its mark.
            if text.ends_with(' ') && *lw < col {
                line.push(' ');
                *lw += 1;
            }
        }
    }
    lines
}

/// A unified diff, one hunk per changed unit, headed by the unit: readable by any diff
/// viewer. `old`/`new` are the two sources, for their lines.
pub fn unified(
    d: &ConventionDiff,
    f: &Filter,
    old: &Draft,
    new: &Draft,
    out: &mut impl Write,
) -> io::Result<()> {
    use similar::TextDiff;
    writeln!(out, "--- {}", escape_controls(&d.old))?;
    writeln!(out, "+++ {}", escape_controls(&d.new))?;
    let lines_of = |src: &str, doc: &treaty_model::Document, ids: &[ClauseId]| -> (usize, String) {
        let mut first = usize::MAX;
        let mut text = String::new();
        for id in ids {
            if let Some(n) = doc.find(id) {
                let start = src[..n.span.start].matches('\n').count() + 1;
                first = first.min(start);
                text.push_str(src.get(n.span.start..n.span.end).unwrap_or(""));
                if !text.ends_with('\n') {
                    text.push('\n');
                }
            }
        }
        (if first == usize::MAX { 0 } else { first }, text)
    };
    for u in f.units(d) {
        let (ol, ot) = lines_of(&old.source, &old.doc, &u.old);
        let (nl, nt) = lines_of(&new.source, &new.doc, &u.new);
        let diff = TextDiff::from_lines(&ot, &nt);
        writeln!(
            out,
            "@@ -{},{} +{},{} @@ {}",
            ol,
            ot.lines().count(),
            nl,
            nt.lines().count(),
            escape_controls(&unit_line(u))
        )?;
        for change in diff.iter_all_changes() {
            let sign = match change.tag() {
                similar::ChangeTag::Equal => ' ',
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
            };
            let line = change.value().trim_end_matches('\n');
            writeln!(out, "{sign}{}", escape_controls(line))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(label: &str, text: &str) -> Draft {
        Draft::new(
            label,
            "",
            text,
            treaty_parse::parse_str(text).expect("parses"),
        )
    }

    fn sample() -> ConventionDiff {
        let old = draft(
            "old",
            "Article 1\nScope\n\n1. This Convention applies to offences.\n\nArticle 2\nUse of terms\n\nA term means a word.\n",
        );
        let new = draft(
            "new",
            "Article 1\nScope\n\n1. This Convention applies to serious offences.\n\nArticle 2\nNew rule\n\nEach State Party shall keep records of requests received.\n\nArticle 3\nUse of terms\n\nA term means a word.\n",
        );
        treaty_diff::diff(&(&old).into(), &(&new).into())
    }

    fn text(f: impl Fn(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).expect("renders");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn the_summary_names_each_changed_unit_once() {
        let d = sample();
        let s = text(|o| summary(&d, &Filter::default(), o));
        assert!(
            s.starts_with("old → new: 1 changed, 1 renumbered, 1 inserted"),
            "{s}"
        );
        assert!(s.contains("  Art. 1 changed: 1 word\n"), "{s}");
        assert!(s.contains("  Art. 2 → 3 renumbered\n"), "{s}");
        assert!(s.contains("  Art. 2 inserted ("), "{s}");
    }

    #[test]
    fn words_are_marked_plainly_or_in_colour_and_never_raw() {
        let words = vec![
            Word::Equal("a ".into()),
            Word::Delete("b\u{1b}".into()),
            Word::Insert("c".into()),
        ];
        assert_eq!(mark_words(&words, Style::Plain), "a [-b\\u{1b}-]{+c+}");
        let colour = mark_words(&words, Style::Color);
        assert!(
            colour.contains("\u{1b}[31;9mb\\u{1b}\u{1b}[29;39m"),
            "{colour:?}"
        );
    }

    #[test]
    fn filters_narrow_to_a_unit_or_a_clause() {
        let d = sample();
        let only = Filter {
            unit: Some("1".parse().expect("id")),
            ..Filter::default()
        };
        let s = text(|o| words(&d, &only, Style::Plain, o));
        assert!(
            s.contains("== Art. 1 changed") && !s.contains("== Art. 2"),
            "{s}"
        );
        assert!(s.contains("{+serious +}offences"), "{s}");
    }

    #[test]
    fn side_by_side_fits_the_width_it_is_given() {
        let d = sample();
        let s = text(|o| side_by_side(&d, &Filter::default(), Style::Plain, 50, o));
        for line in s.lines().filter(|l| l.contains(" | ")) {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 50, "{line}");
        }
    }
}
