//! Popups over the panes: the keys, a list to pick from (a draft to compare with, a
//! reference to follow), a clause in every draft, and the completions of a jump.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Border, Borders, Clear, Paragraph};
use treaty_lineage::Step;
use treaty_model::{ClauseId, escape_controls};

use super::look::Look;
use super::text::{Piece, cells, truncate, wrap};

/// The keys, for the help popup (and the README).
pub const HELP: &[(&str, &str)] = &[
    (
        "j k ↓ ↑",
        "next / previous clause (in the outline: article); within a clause taller than the pane, a line",
    ),
    ("C-e C-y", "scroll a line down / up"),
    ("C-d C-u", "scroll half a page down / up"),
    ("Space b", "a page down / up (also PgDn PgUp, C-f C-b)"),
    ("g G", "first / last (in a popup: its top / bottom)"),
    (
        "Tab S-Tab",
        "next / previous pane (outline, text, commentary)",
    ),
    ("[ ]", "previous / next annotated clause"),
    ("{ }", "previous / next change (when comparing)"),
    (
        ":",
        "jump to a clause: 47(1)(c), Art. 5, 2.b (Tab, S-Tab: completions)",
    ),
    (
        "/",
        "search as you type in text, headings and commentary; n N next / previous; in the outline: narrow it to the articles that match",
    ),
    ("Enter", "follow the reference or footnote in the clause"),
    ("Backspace", "go back"),
    ("d", "compare with another draft (redline)"),
    ("s", "side by side, when comparing"),
    ("L", "read the draft in its next language"),
    (
        "p",
        "another language beside the text, clause by clause (again: the next; then off)",
    ),
    ("h", "the clause in every draft"),
    (
        "S",
        "the clause in every draft, side by side (stacked when narrow)",
    ),
    (
        "y",
        "copy a citation, the clause ID or its words (OSC 52 clipboard)",
    ),
    (
        "a",
        "write an annotation on the clause (a form; Ctrl-O: body in $EDITOR)",
    ),
    ("e", "edit the annotation shown, in $EDITOR at its line"),
    ("f", "filter commentary: author:X, tag:X, stance:X or words"),
    ("c", "show the commentary (narrow terminals)"),
    (
        "m",
        "mouse capture on / off (off: the terminal selects text)",
    ),
    ("?", "this help"),
    ("Esc", "close a popup or prompt, clear the search"),
    ("C-u C-w", "in a prompt: clear the line / the last word"),
    ("q", "close a popup, or quit"),
    ("C-c", "quit (in the annotation form: cancel it)"),
];

/// What a list popup picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Pick {
    /// A draft to compare with (by label); the last row stops comparing.
    Draft(Vec<String>),
    /// A reference of the clause to follow: its words and its target.
    Reference(Vec<(String, ClauseId)>),
    /// What to copy of the clause: what it is, and the text.
    Copy(Vec<(&'static str, String)>),
}

/// A popup and its state.
#[derive(Clone, Debug)]
pub(super) enum Popup {
    Help,
    List {
        pick: Pick,
        at: usize,
    },
    /// The clause under the cursor in every draft.
    History {
        clause: ClauseId,
        steps: Vec<Step>,
    },
    /// `S`: the clause in every draft side by side, a column per draft when the box is
    /// wide enough for them, stacked when not.
    Synopsis {
        clause: ClauseId,
        steps: Vec<Step>,
    },
}

impl Popup {
    /// The rows of a list popup.
    fn rows(pick: &Pick) -> Vec<String> {
        match pick {
            Pick::Draft(labels) => labels
                .iter()
                .map(|l| format!("compare with {l}"))
                .chain(std::iter::once("stop comparing".to_owned()))
                .collect(),
            Pick::Reference(choices) => choices
                .iter()
                .map(|(words, to)| format!("{words} → {to}"))
                .collect(),
            Pick::Copy(choices) => choices
                .iter()
                .map(|(what, text)| format!("{what}: {}", text.replace('\n', " ")))
                .collect(),
        }
    }

    /// How many rows a list popup has.
    pub fn len(pick: &Pick) -> usize {
        Self::rows(pick).len()
    }

    /// Draw the popup over `area`, its lines from `scroll` on; returns how many lines it
    /// has and how many it shows, for the keys that scroll it.
    pub fn draw(
        &self,
        f: &mut Frame<'_>,
        area: Rect,
        look: &Look<'_>,
        scroll: usize,
    ) -> (usize, usize) {
        // Lines are wrapped to the box's own width, so that nothing is cut at its edge.
        let width = box_width(area).saturating_sub(2).max(1) as usize;
        let (title, lines) = match self {
            Popup::Help => ("Keys".to_owned(), help_lines(look, width)),
            Popup::List { pick, at } => {
                let title = match pick {
                    Pick::Draft(_) => "Compare with",
                    Pick::Reference(_) => "Follow",
                    Pick::Copy(_) => "Copy to the clipboard",
                };
                (
                    title.to_owned(),
                    list_lines(look, &Self::rows(pick), *at, width),
                )
            }
            Popup::History { clause, steps } => (
                format!("{clause} in every draft"),
                history_lines(look, steps, width),
            ),
            Popup::Synopsis { clause, steps } => (
                format!("{clause} in every draft, side by side"),
                synopsis_lines(look, steps, width),
            ),
        };
        // A list keeps its chosen row in view; other popups scroll as asked.
        let scroll = match self {
            Popup::List { at, .. } => {
                let room = area.height.saturating_sub(2).max(1) as usize;
                at.saturating_sub(room - 1)
            }
            _ => scroll,
        };
        boxed(f, area, look, &title, lines, scroll)
    }
}

/// The keys and what they do, the keys column as wide as its widest entry.
fn help_lines(look: &Look<'_>, width: usize) -> Vec<Line<'static>> {
    let keys = HELP.iter().map(|(k, _)| cells(k)).max().unwrap_or(0) + 2;
    let mut out = Vec::new();
    for (k, what) in HELP {
        let lead = vec![Piece::new(format!("{k:<keys$}"), look.theme.heading())];
        out.extend(wrap(&lead, &[Piece::new(*what, Style::new())], width));
    }
    out
}

/// The completions of a clause ID being typed, in a box.
pub(super) fn draw_completions(
    f: &mut Frame<'_>,
    area: Rect,
    look: &Look<'_>,
    list: &[String],
    at: Option<usize>,
) {
    if list.is_empty() {
        return;
    }
    let width = box_width(area).saturating_sub(2).max(1) as usize;
    let lines = list_lines(look, list, at.unwrap_or(usize::MAX), width);
    boxed(f, area, look, "Clauses (Tab: next)", lines, 0);
}

fn list_lines(look: &Look<'_>, rows: &[String], at: usize, width: usize) -> Vec<Line<'static>> {
    rows.iter()
        .enumerate()
        .map(|(k, r)| {
            let style = if k == at {
                look.theme.cursor()
            } else {
                Style::new()
            };
            // One row each: a long one is cut with an ellipsis at the box's edge.
            Line::styled(truncate(&escape_controls(r), width), style)
        })
        .collect()
}

fn history_lines(look: &Look<'_>, steps: &[Step], width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for s in steps {
        let id =
            s.id.as_ref()
                .map_or_else(|| "not in this draft".to_owned(), ToString::to_string);
        let head = format!(
            "{}{} · {id}",
            s.label,
            s.date
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        );
        out.push(Line::styled(
            escape_controls(&head).into_owned(),
            look.theme.heading(),
        ));
        out.extend(wrap(&[], &step_words(look, s), width));
        out.push(Line::default());
    }
    out
}

/// A draft's words of the clause: the changes since the draft before marked, or the
/// text as it is (or why it is missing).
fn step_words(look: &Look<'_>, s: &Step) -> Vec<Piece> {
    if s.words.is_empty() {
        vec![Piece::new(
            escape_controls(s.text.as_deref().or(s.missing.as_deref()).unwrap_or("")).into_owned(),
            Style::new(),
        )]
    } else {
        look.word_pieces(&s.words, true, true)
    }
}

/// The narrowest column the synopsis popup sets a draft in; with less room, the drafts
/// are stacked as in the history.
const SYNOPSIS_COLUMN: usize = 22;

/// The clause in every draft, a column per draft (its label, its ID, its words with the
/// changes since the draft before marked), rows as tall as the tallest column.
fn synopsis_lines(look: &Look<'_>, steps: &[Step], width: usize) -> Vec<Line<'static>> {
    let n = steps.len().max(1);
    let col = (width.saturating_sub(3 * (n - 1))) / n;
    if col < SYNOPSIS_COLUMN {
        return history_lines(look, steps, width);
    }
    let columns: Vec<Vec<Line<'static>>> = steps
        .iter()
        .map(|s| {
            let id =
                s.id.as_ref()
                    .map_or_else(|| "—".to_owned(), ToString::to_string);
            let mut lines = wrap(
                &[],
                &[Piece::new(
                    escape_controls(&format!("{} · {id}", s.label)).into_owned(),
                    look.theme.heading(),
                )],
                col,
            );
            lines.extend(wrap(&[], &step_words(look, s), col));
            lines
        })
        .collect();
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    (0..rows)
        .map(|r| {
            let mut spans = Vec::new();
            for (k, c) in columns.iter().enumerate() {
                let line = c.get(r).cloned().unwrap_or_default();
                let pad = col.saturating_sub(line.width());
                spans.extend(line.spans);
                if k + 1 < columns.len() {
                    spans.push(Span::raw(" ".repeat(pad)));
                    spans.push(Span::styled(" │ ", look.theme.dim()));
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// The annotation form, in a box.
pub(super) fn draw_form(f: &mut Frame<'_>, area: Rect, look: &Look<'_>, form: &super::form::Form) {
    let width = box_width(area).saturating_sub(2).max(1) as usize;
    let title = format!("Annotate {}", form.clause);
    boxed(f, area, look, &title, form.lines(look, width), 0);
}

/// How wide a box over `area` is: the area less a margin, at most 90 cells.
fn box_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(90).max(area.width.min(10))
}

/// A bordered box of lines from `scroll` on, centred over `area`, as tall as its lines
/// allow, marked where there is more above or below. Returns the number of lines and
/// how many the box shows.
fn boxed(
    f: &mut Frame<'_>,
    area: Rect,
    look: &Look<'_>,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
) -> (usize, usize) {
    let w = box_width(area);
    let h = (lines.len() as u16 + 2).min(area.height);
    if w == 0 || h == 0 {
        return (lines.len(), 0);
    }
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    f.render_widget(Clear, rect);
    let block = Border::new()
        .borders(Borders::ALL)
        .border_style(look.theme.focus())
        .title(format!(
            " {} ",
            truncate(&escape_controls(title), w.saturating_sub(4) as usize)
        ));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let total = lines.len();
    let shown = inner.height as usize;
    let scroll = scroll.min(total.saturating_sub(shown));
    let visible: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(shown).collect();
    f.render_widget(Paragraph::new(visible), inner);
    look.more_marks(f, rect, inner, (scroll > 0, scroll + shown < total));
    (total, shown)
}
