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
use super::text::{Piece, truncate, wrap};

/// The keys, for the help popup (and the README).
pub const HELP: &[(&str, &str)] = &[
    (
        "j k ↓ ↑",
        "next / previous clause (in the outline: article)",
    ),
    ("PgDn PgUp", "ten clauses down / up"),
    ("g G", "first / last"),
    ("Tab", "next pane (outline, text, commentary)"),
    ("[ ]", "previous / next annotated clause"),
    ("{ }", "previous / next change (when comparing)"),
    (
        ":",
        "jump to a clause: 47(1)(c), Art. 5, 2.b (Tab completes)",
    ),
    (
        "/",
        "search clause text and commentary; n N next / previous",
    ),
    ("Enter", "follow the reference in the clause"),
    ("Backspace", "go back"),
    ("d", "compare with another draft (redline)"),
    ("s", "side by side, when comparing"),
    ("h", "the clause in every draft"),
    ("f", "filter commentary: author:X, tag:X, stance:X or words"),
    ("c", "show the commentary (narrow terminals)"),
    (
        "m",
        "mouse capture on / off (off: the terminal selects text)",
    ),
    ("?", "this help"),
    ("q Esc", "close a popup, or quit"),
];

/// What a list popup picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Pick {
    /// A draft to compare with (by label); the last row stops comparing.
    Draft(Vec<String>),
    /// A reference of the clause to follow: its words and its target.
    Reference(Vec<(String, ClauseId)>),
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
        }
    }

    /// How many rows a list popup has.
    pub fn len(pick: &Pick) -> usize {
        Self::rows(pick).len()
    }

    pub fn draw(&self, f: &mut Frame<'_>, area: Rect, look: &Look<'_>) {
        let (title, lines) = match self {
            Popup::Help => (
                "Keys".to_owned(),
                HELP.iter()
                    .map(|(k, what)| {
                        Line::from(vec![
                            Span::styled(format!("{k:<10}"), look.theme.heading()),
                            Span::raw(*what),
                        ])
                    })
                    .collect(),
            ),
            Popup::List { pick, at } => {
                let title = match pick {
                    Pick::Draft(_) => "Compare with",
                    Pick::Reference(_) => "Follow",
                };
                (title.to_owned(), list_lines(look, &Self::rows(pick), *at))
            }
            Popup::History { clause, steps } => (
                format!("{clause} in every draft"),
                history_lines(look, steps, area.width.saturating_sub(4).max(1) as usize),
            ),
        };
        boxed(f, area, look, &title, lines);
    }
}

/// The completions of a clause ID being typed, in a box.
pub(super) fn draw_completions(f: &mut Frame<'_>, area: Rect, look: &Look<'_>, list: &[String]) {
    if list.is_empty() {
        return;
    }
    let lines = list.iter().cloned().map(Line::from).collect();
    boxed(f, area, look, "Clauses", lines);
}

fn list_lines(look: &Look<'_>, rows: &[String], at: usize) -> Vec<Line<'static>> {
    rows.iter()
        .enumerate()
        .map(|(k, r)| {
            let style = if k == at {
                look.theme.cursor()
            } else {
                Style::new()
            };
            Line::styled(escape_controls(r).into_owned(), style)
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
        let pieces = if s.words.is_empty() {
            vec![Piece::new(
                escape_controls(s.text.as_deref().or(s.missing.as_deref()).unwrap_or(""))
                    .into_owned(),
                Style::new(),
            )]
        } else {
            look.word_pieces(&s.words, true, true)
        };
        out.extend(wrap(&[], &pieces, width));
        out.push(Line::default());
    }
    out
}

/// A bordered box of lines, centred over `area`, as tall as its lines allow.
fn boxed(f: &mut Frame<'_>, area: Rect, look: &Look<'_>, title: &str, lines: Vec<Line<'static>>) {
    let w = area.width.saturating_sub(4).min(90).max(area.width.min(10));
    let h = (lines.len() as u16 + 2).min(area.height);
    if w == 0 || h == 0 {
        return;
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
    f.render_widget(Paragraph::new(lines), inner);
}
