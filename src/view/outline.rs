//! The outline pane: divisions and units with their headings, each unit with how many
//! annotations it has and, when comparing, what happened to it; deleted units where they
//! stood.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use treaty_diff::Status;
use treaty_model::{ClauseId, escape_controls};

use super::look::Look;
use super::text::{cells, truncate};

/// The outline's state: its scroll, and where the last frame put its rows.
#[derive(Debug, Default)]
pub(super) struct OutlinePane {
    pub scroll: usize,
    /// The unit selected when the wheel last scrolled the outline: until the selection
    /// changes, the outline keeps the reader's scroll.
    wheeled: Option<usize>,
    /// The last frame's number of rows and height.
    total: usize,
    height: usize,
    /// The unit selected in the last frame.
    selected: Option<usize>,
    /// Screen row → outline row index, for the mouse.
    pub rows: Vec<(u16, usize)>,
    pub area: Rect,
}

/// A row as drawn: the outline row it is (none for a deleted unit), its text, its badge,
/// and whether it is the selected unit.
struct Row {
    at: Option<usize>,
    text: String,
    badge: String,
    selected: bool,
}

impl OutlinePane {
    /// Scroll by `by` rows with the wheel, keeping the selection where it is.
    pub fn scroll_by(&mut self, by: isize) {
        let most = self.total.saturating_sub(self.height);
        self.scroll = (self.scroll as isize)
            .saturating_add(by)
            .clamp(0, most as isize) as usize;
        self.wheeled = self.selected;
    }

    pub fn draw(
        &mut self,
        f: &mut Frame<'_>,
        area: Rect,
        look: &Look<'_>,
        unit: usize,
        focused: bool,
    ) {
        let inner = look.frame(f, area, "Outline", focused);
        self.area = inner;
        self.rows.clear();
        let height = inner.height as usize;
        if height == 0 || inner.width == 0 {
            return;
        }
        let rows = rows(look, unit);
        let selected = rows.iter().position(|r| r.selected).unwrap_or(0);
        if self.wheeled != Some(unit) {
            self.wheeled = None;
            if selected < self.scroll {
                self.scroll = selected;
            } else if selected >= self.scroll + height {
                self.scroll = selected + 1 - height;
            }
        }
        self.scroll = self.scroll.min(rows.len().saturating_sub(height));
        (self.total, self.height, self.selected) = (rows.len(), height, Some(unit));
        let width = inner.width as usize;
        let mut lines = Vec::new();
        for (row_no, r) in rows.iter().enumerate().skip(self.scroll).take(height) {
            let room = width.saturating_sub(if r.badge.is_empty() {
                0
            } else {
                cells(&r.badge) + 1
            });
            let label = truncate(&super::text::visual(&escape_controls(&r.text)), room);
            let pad = width.saturating_sub(cells(&label) + cells(&r.badge));
            let base = if r.selected {
                look.theme.cursor()
            } else if r.at.is_some_and(|k| look.reader.outline[k].unit.is_none()) {
                look.theme.heading()
            } else if r.at.is_none() {
                look.theme.deleted()
            } else {
                Style::new()
            };
            let mut spans = vec![Span::styled(label, base)];
            if !r.badge.is_empty() && width > cells(&r.badge) + 1 {
                spans.push(Span::styled(" ".repeat(pad), base));
                spans.push(Span::styled(
                    r.badge.clone(),
                    if r.selected { base } else { look.theme.badge() },
                ));
            }
            if let Some(k) = r.at {
                self.rows.push((inner.y + (row_no - self.scroll) as u16, k));
            }
            lines.push(Line::from(spans));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }
}

/// Every row of the outline, deleted units among them when comparing.
fn rows(look: &Look<'_>, unit: usize) -> Vec<Row> {
    let reader = look.reader;
    let changes = look.changes();
    let deleted = changes.map(|c| {
        let shown: HashSet<&ClauseId> = reader.units.iter().collect();
        c.deleted_units(&shown)
    });
    let gone = |depth: usize, label: &[String]| Row {
        at: None,
        text: format!("{}{} ", "  ".repeat(depth), label.join(", ")),
        badge: "deleted".into(),
        selected: false,
    };
    let mut rows = Vec::new();
    if let Some(list) = deleted.as_ref().and_then(|d| d.get(&None)) {
        rows.extend(list.iter().map(|u| gone(0, &u.old_label)));
    }
    for (k, row) in reader.outline.iter().enumerate() {
        let mut badge = String::new();
        if let Some(u) = row.unit {
            let n = reader.unit_notes.get(u).copied().unwrap_or(0);
            if n > 0 {
                badge.push_str(&format!("({n})"));
            }
            if let Some(d) = changes.and_then(|c| c.unit(&reader.units[u])) {
                let what = match d.status {
                    Status::Inserted => "new".to_owned(),
                    Status::Renumbered => format!(
                        "from {}",
                        d.old
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("+")
                    ),
                    Status::Split => "split".to_owned(),
                    Status::Merged => "merged".to_owned(),
                    Status::Formatting => String::new(),
                    _ => "changed".to_owned(),
                };
                if !what.is_empty() {
                    if !badge.is_empty() {
                        badge.push(' ');
                    }
                    badge.push_str(&what);
                }
            }
        }
        rows.push(Row {
            at: Some(k),
            text: format!("{}{}", "  ".repeat(row.depth), row.label),
            badge,
            selected: row.unit == Some(unit),
        });
        if let (Some(u), Some(d)) = (row.unit, deleted.as_ref()) {
            for g in d.get(&Some(reader.units[u].clone())).into_iter().flatten() {
                rows.push(gone(row.depth, &g.old_label));
            }
        }
    }
    match look.outline_filter {
        Some(words) => narrowed(reader, rows, words),
        None => rows,
    }
}

/// The rows the outline's filter keeps: the units it matches, the divisions they are
/// in, and none of the deleted units.
fn narrowed(reader: &super::reader::Reader, rows: Vec<Row>, words: &str) -> Vec<Row> {
    let keep: Vec<bool> = rows
        .iter()
        .map(|r| {
            r.at.and_then(|k| reader.outline[k].unit)
                .is_some_and(|u| reader.outline_keeps(u, Some(words)))
        })
        .collect();
    let depth = |r: &Row| r.at.map_or(usize::MAX, |k| reader.outline[k].depth);
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let division = r.at.is_some_and(|k| reader.outline[k].unit.is_none());
        let shown = if division {
            let d = depth(r);
            rows[i + 1..]
                .iter()
                .zip(&keep[i + 1..])
                .take_while(|(x, _)| depth(x) > d)
                .any(|(_, &k)| k)
        } else {
            keep[i]
        };
        if shown {
            out.push(Row {
                at: r.at,
                text: r.text.clone(),
                badge: r.badge.clone(),
                selected: r.selected,
            });
        }
    }
    out
}
