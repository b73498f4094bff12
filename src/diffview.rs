//! Rendering a [`ConventionDiff`] for people: a summary, a redline, wdiff-style markup.

use std::io::{self, Write};

use treaty_diff::{ClauseDiff, ConventionDiff, Status, UnitDiff, Word};
use treaty_model::{ClauseId, escape_controls};

/// How changes are marked in text output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `[-old-]{+new+}`, like wdiff and `git diff --word-diff=plain`.
    Plain,
    /// Deletions red and struck through, insertions green and underlined.
    Color,
}

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
        match style {
            Style::Plain => writeln!(out, "{}", escape_controls(&head))?,
            Style::Color => writeln!(out, "\x1b[1m{}\x1b[22m", escape_controls(&head))?,
        }
        for c in u.clauses.iter().filter(|c| f.clause_ok(c)) {
            clause(c, style, out)?;
        }
    }
    Ok(())
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
    let label = match style {
        Style::Color if c.status == Status::Moved => format!("\x1b[35m{id} ({tag})\x1b[39m"),
        _ => format!("{id} ({tag})"),
    };
    if let Some([old, new]) = &c.formatting {
        writeln!(out, "  {label}")?;
        writeln!(out, "    - {}", escape_controls(&old.replace('\n', "⏎")))?;
        writeln!(out, "    + {}", escape_controls(&new.replace('\n', "⏎")))?;
        return Ok(());
    }
    let mut text = String::new();
    for w in &c.words {
        let (t, open, close) = match (w, style) {
            (Word::Equal(t), _) => (t, "", ""),
            (Word::Delete(t), Style::Plain) => (t, "[-", "-]"),
            (Word::Insert(t), Style::Plain) => (t, "{+", "+}"),
            (Word::Delete(t), Style::Color) => (t, "\x1b[31;9m", "\x1b[29;39m"),
            (Word::Insert(t), Style::Color) => (t, "\x1b[32;4m", "\x1b[24;39m"),
        };
        text.push_str(open);
        text.push_str(&escape_controls(t));
        text.push_str(close);
    }
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
