//! Rendering the viewer into a ratatui frame, at any size down to 1×1.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Border, Borders, Clear, Paragraph};
use treaty_diff::{Status, Word};
use treaty_model::{ClauseId, Node, TextField, escape_controls};

use super::app::{App, Block, Hits, Mode, Pane};
use super::text::{Piece, cells, styled, truncate, wrap};
use treaty_diff::field_words;
use treaty_lineage::Item;

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

impl App {
    /// Draw the whole viewer.
    pub fn draw(&mut self, f: &mut Frame<'_>) {
        let area = f.area();
        self.hits_at = Hits::default();
        if area.width == 0 || area.height == 0 {
            return;
        }
        let (main, bar) = if area.height >= 2 {
            let [m, b] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
            (Some(m), b)
        } else {
            (None, area)
        };
        if let Some(main) = main {
            if self.data.export.is_none() {
                self.draw_missing(f, main);
            } else {
                self.draw_panes(f, main);
            }
        }
        self.draw_bar(f, bar);
        if let Some(main) = main {
            self.draw_popup(f, main);
        }
    }

    fn draw_panes(&mut self, f: &mut Frame<'_>, area: Rect) {
        let w = area.width;
        if w >= 100 {
            let [o, t, c] = Layout::horizontal([
                Constraint::Percentage(24),
                Constraint::Percentage(46),
                Constraint::Percentage(30),
            ])
            .areas(area);
            self.draw_outline(f, o);
            self.draw_text(f, t);
            self.draw_notes(f, c);
        } else if w >= 60 {
            let [o, t] =
                Layout::horizontal([Constraint::Percentage(32), Constraint::Percentage(68)])
                    .areas(area);
            self.draw_outline(f, o);
            if self.show_notes {
                self.draw_notes(f, t);
            } else {
                self.draw_text(f, t);
            }
        } else {
            match self.focus {
                Pane::Outline => self.draw_outline(f, area),
                Pane::Commentary => self.draw_notes(f, area),
                Pane::Text if self.show_notes => self.draw_notes(f, area),
                Pane::Text => self.draw_text(f, area),
            }
        }
    }

    /// A pane's frame: borders and a title when there is room, else the bare area.
    fn frame(&self, f: &mut Frame<'_>, area: Rect, title: &str, pane: Pane) -> Rect {
        if area.width < 6 || area.height < 3 {
            return area;
        }
        let style = if self.focus == pane {
            self.theme.focus()
        } else {
            Style::new()
        };
        let title = truncate(
            &escape_controls(title),
            area.width.saturating_sub(4) as usize,
        );
        let block = Border::new()
            .borders(Borders::ALL)
            .border_style(style)
            .title(Span::styled(format!(" {title} "), style));
        let inner = block.inner(area);
        f.render_widget(block, area);
        inner
    }

    fn draw_outline(&mut self, f: &mut Frame<'_>, area: Rect) {
        let inner = self.frame(f, area, "Outline", Pane::Outline);
        self.hits_at.outline = inner;
        let height = inner.height as usize;
        if height == 0 || inner.width == 0 {
            return;
        }
        let changes = self.export().and_then(|e| e.overlay.as_ref());
        let deleted = changes.map(|c| {
            let shown: HashSet<&ClauseId> = self.units.iter().collect();
            c.deleted_units(&shown)
        });
        // Rows: (outline index or none, text, badge, selected).
        let mut rows: Vec<(Option<usize>, String, String, bool)> = Vec::new();
        if let Some(list) = deleted.as_ref().and_then(|d| d.get(&None)) {
            for u in list {
                rows.push((
                    None,
                    format!("{} ", u.old_label.join(", ")),
                    "deleted".into(),
                    false,
                ));
            }
        }
        for (k, row) in self.outline.iter().enumerate() {
            let mut badge = String::new();
            if let Some(u) = row.unit {
                let n = self.unit_notes.get(u).copied().unwrap_or(0);
                if n > 0 {
                    badge.push_str(&format!("({n})"));
                }
                if let Some(d) = changes.and_then(|c| c.unit(&self.units[u])) {
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
            let text = format!("{}{}", "  ".repeat(row.depth), row.label);
            rows.push((Some(k), text, badge, row.unit == Some(self.unit)));
            if let (Some(u), Some(d)) = (row.unit, deleted.as_ref()) {
                for gone in d.get(&Some(self.units[u].clone())).into_iter().flatten() {
                    rows.push((
                        None,
                        format!("{}{} ", "  ".repeat(row.depth), gone.old_label.join(", ")),
                        "deleted".into(),
                        false,
                    ));
                }
            }
        }
        let selected = rows.iter().position(|r| r.3).unwrap_or(0);
        if selected < self.outline_scroll {
            self.outline_scroll = selected;
        } else if selected >= self.outline_scroll + height {
            self.outline_scroll = selected + 1 - height;
        }
        let width = inner.width as usize;
        let mut lines = Vec::new();
        for (row_no, (k, text, badge, sel)) in rows
            .iter()
            .enumerate()
            .skip(self.outline_scroll)
            .take(height)
        {
            let room = width.saturating_sub(if badge.is_empty() {
                0
            } else {
                cells(badge) + 1
            });
            let label = truncate(&escape_controls(text), room);
            let pad = width.saturating_sub(cells(&label) + cells(badge));
            let base = if *sel {
                self.theme.cursor()
            } else if k.is_some_and(|k| self.outline[k].unit.is_none()) {
                self.theme.heading()
            } else if k.is_none() {
                self.theme.deleted()
            } else {
                Style::new()
            };
            let mut spans = vec![Span::styled(label, base)];
            if !badge.is_empty() && width > cells(badge) + 1 {
                spans.push(Span::styled(" ".repeat(pad), base));
                spans.push(Span::styled(
                    badge.clone(),
                    if *sel { base } else { self.theme.badge() },
                ));
            }
            if let Some(k) = k {
                self.hits_at
                    .outline_rows
                    .push((inner.y + (row_no - self.outline_scroll) as u16, *k));
            }
            lines.push(Line::from(spans));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }

    fn draw_text(&mut self, f: &mut Frame<'_>, area: Rect) {
        let title = self.unit_node().map_or_else(String::new, Node::title);
        let title = match (&self.compare, self.side_by_side) {
            (Some(l), true) => format!("{title}  [{l} | {}]", self.data.label),
            (Some(l), false) => format!("{title}  [changes since {l}]"),
            _ => title,
        };
        let inner = self.frame(f, area, &title, Pane::Text);
        self.hits_at.text = inner;
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let (lines, starts) = if self.side_by_side && self.compare.is_some() && inner.width >= 20 {
            self.side_by_side_lines(inner.width as usize)
        } else {
            self.text_lines(inner.width as usize)
        };
        // Keep the clause under the cursor in view.
        let height = inner.height as usize;
        let start = starts.get(self.cursor).copied().unwrap_or(0);
        let end = starts.get(self.cursor + 1).copied().unwrap_or(lines.len());
        if start < self.text_scroll {
            self.text_scroll = start;
        } else if end > self.text_scroll + height {
            self.text_scroll = (end.saturating_sub(height)).min(start);
        }
        self.text_scroll = self.text_scroll.min(lines.len().saturating_sub(1));
        for (b, &s) in starts.iter().enumerate() {
            if s >= self.text_scroll && s < self.text_scroll + height {
                self.hits_at
                    .text_rows
                    .push((inner.y + (s - self.text_scroll) as u16, b));
            }
        }
        let shown: Vec<Line<'static>> = lines
            .into_iter()
            .skip(self.text_scroll)
            .take(height)
            .collect();
        f.render_widget(Paragraph::new(shown), inner);
    }

    /// The lead of a block: its number, indented by depth, in reverse video under the
    /// cursor.
    fn lead(&self, b: &Block, k: usize) -> Vec<Piece> {
        let indent = "  ".repeat(b.depth.saturating_sub(1));
        let (mark, style) = if k == self.cursor {
            (
                if b.lead.is_empty() { "▸" } else { "" },
                self.theme.cursor(),
            )
        } else {
            ("", self.theme.dim())
        };
        let label = format!("{mark}{}", b.lead);
        if label.is_empty() {
            return Vec::new();
        }
        vec![
            Piece::new(indent, Style::new()),
            Piece::new(label, style),
            Piece::new(" ", Style::new()),
        ]
    }

    /// The text pane's lines, and the first line of each block.
    fn text_lines(&self, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let Some(e) = self.export() else {
            return (lines, starts);
        };
        let changes = if self.compare.is_some() {
            e.overlay.as_ref()
        } else {
            None
        };
        let quotes = self.quote_ranges();
        for (k, b) in self.blocks.iter().enumerate() {
            if let Some(c) = changes
                && b.field == TextField::Text
            {
                for gone in c.deleted_before(&b.node) {
                    lines.extend(self.deleted_clause(gone, width));
                }
            }
            starts.push(lines.len());
            let node = e.draft.doc.find(&b.node);
            let redline = match (changes, node) {
                (Some(c), Some(n)) => field_words(c, n, b.field),
                _ => None,
            };
            let pieces = match redline {
                Some(words) => self.word_pieces(&words, true, true),
                None => {
                    let ranges = self.ranges(b, node, &quotes);
                    styled(&b.text, &ranges, Style::new())
                }
            };
            let mut block_lines = wrap(&self.lead(b, k), &pieces, width);
            if k == 0 && b.lead.is_empty() && b.text.is_empty() {
                block_lines = vec![Line::from(Span::styled("▸", self.theme.cursor()))];
            }
            lines.extend(block_lines);
        }
        if let Some(c) = changes
            && let Some(unit) = self.units.get(self.unit)
        {
            for gone in c.deleted_tail(unit) {
                lines.extend(self.deleted_clause(gone, width));
            }
        }
        (lines, starts)
    }

    fn deleted_clause(&self, d: &treaty_diff::ClauseDiff, width: usize) -> Vec<Line<'static>> {
        let id = d.old.as_ref().map_or_else(String::new, ToString::to_string);
        let lead = vec![Piece::new(format!("[{id} deleted] "), self.theme.deleted())];
        wrap(&lead, &self.word_pieces(&d.words, true, false), width)
    }

    /// Words of a diff as pieces; `old` and `new` say which sides to keep.
    fn word_pieces(&self, words: &[Word], old: bool, new: bool) -> Vec<Piece> {
        let mut out = Vec::new();
        for w in words {
            let piece = match w {
                Word::Equal(t) => Some((t, Style::new())),
                Word::Delete(t) if old => Some((t, self.theme.deleted())),
                Word::Insert(t) if new => Some((t, self.theme.inserted())),
                _ => None,
            };
            if let Some((t, s)) = piece {
                out.push(Piece::new(escape_controls(t).into_owned(), s));
            }
        }
        out
    }

    fn side_by_side_lines(&self, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let Some(e) = self.export() else {
            return (lines, starts);
        };
        let Some(c) = e.overlay.as_ref() else {
            return self.text_lines(width);
        };
        let col = (width.saturating_sub(3)) / 2;
        let pair = |left: Vec<Line<'static>>,
                    right: Vec<Line<'static>>,
                    lines: &mut Vec<Line<'static>>| {
            let n = left.len().max(right.len());
            for k in 0..n {
                let l = left.get(k).cloned().unwrap_or_default();
                let r = right.get(k).cloned().unwrap_or_default();
                let pad = col.saturating_sub(l.width());
                let mut spans = l.spans;
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(" │ ", self.theme.dim()));
                spans.extend(r.spans);
                lines.push(Line::from(spans));
            }
        };
        for (k, b) in self.blocks.iter().enumerate() {
            if b.field == TextField::Text {
                for gone in c.deleted_before(&b.node) {
                    let left = self.deleted_clause(gone, col);
                    pair(left, Vec::new(), &mut lines);
                }
            }
            starts.push(lines.len());
            let node = e.draft.doc.find(&b.node);
            let words = node.and_then(|n| field_words(c, n, b.field));
            let lead = self.lead(b, k);
            let (left, right) = match &words {
                Some(w) => (
                    self.word_pieces(w, true, false),
                    self.word_pieces(w, false, true),
                ),
                None => {
                    let p = vec![Piece::new(
                        escape_controls(&b.text).into_owned(),
                        Style::new(),
                    )];
                    (p.clone(), p)
                }
            };
            let inserted = c
                .clause(&b.node)
                .is_some_and(|d| d.status == Status::Inserted);
            let left = if inserted {
                Vec::new()
            } else {
                wrap(&lead, &left, col)
            };
            pair(left, wrap(&lead, &right, col), &mut lines);
        }
        (lines, starts)
    }

    /// Quoted ranges of the annotations on the current unit, by (clause, closing?),
    /// relative to that field's text.
    fn quote_ranges(&self) -> HashMap<(ClauseId, bool), Vec<Range<usize>>> {
        let mut out: HashMap<(ClauseId, bool), Vec<Range<usize>>> = HashMap::new();
        let (Some(e), Some(unit)) = (self.export(), self.unit_node()) else {
            return out;
        };
        for n in unit.walk() {
            let Some(list) = self.items_on.get(&n.id) else {
                continue;
            };
            let parts = n.text_parts();
            for &k in list {
                let item: &Item = &e.items[k];
                if !self.keeps(&item.annotation) {
                    continue;
                }
                let Some([a, b]) = item.quote_at else {
                    continue;
                };
                for p in &parts {
                    let (lo, hi) = (p.start, p.start + p.text.len());
                    if a < hi && lo < b && p.field != TextField::Heading {
                        out.entry((p.node.id.clone(), p.field == TextField::Closing))
                            .or_default()
                            .push(a.max(lo) - lo..b.min(hi) - lo);
                    }
                }
            }
        }
        out
    }

    /// Styled ranges of a block: quoted words, references, bracketed text, search hits.
    fn ranges(
        &self,
        b: &Block,
        node: Option<&Node>,
        quotes: &HashMap<(ClauseId, bool), Vec<Range<usize>>>,
    ) -> Vec<(Range<usize>, Style)> {
        let key = (b.node.clone(), b.field == TextField::Closing);
        let mut out: Vec<(Range<usize>, Style)> = Vec::new();
        if let Some(n) = node.filter(|_| b.field == TextField::Text) {
            for passage in &n.negotiation.bracketed {
                for (at, _) in b.text.match_indices(passage.as_str()) {
                    out.push((at..at + passage.len(), self.theme.bracket()));
                }
            }
        }
        for r in quotes.get(&key).into_iter().flatten() {
            out.push((r.clone(), self.theme.quote()));
        }
        for r in self.refs.get(&key).into_iter().flatten() {
            out.push((r.span[0]..r.span[1], self.theme.reference()));
        }
        if let Some(q) = self.search.as_deref().filter(|q| !q.is_empty()) {
            let hay = b.text.to_lowercase();
            let needle = q.to_lowercase();
            // Lower-casing can change byte lengths; only mark when it did not.
            if hay.len() == b.text.len() {
                for (at, _) in hay.match_indices(&needle) {
                    out.push((at..at + needle.len(), self.theme.search()));
                }
            }
        }
        out
    }

    fn draw_notes(&mut self, f: &mut Frame<'_>, area: Rect) {
        let id = self.clause().cloned();
        let title = match (&id, &self.filter) {
            (Some(id), Some(flt)) => format!("Commentary on {id} ({flt})"),
            (Some(id), None) => format!("Commentary on {id}"),
            _ => "Commentary".to_owned(),
        };
        let inner = self.frame(f, area, &title, Pane::Commentary);
        self.hits_at.commentary = inner;
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let width = inner.width as usize;
        let notes = self.notes();
        let mut lines: Vec<Line<'static>> = Vec::new();
        if notes.is_empty() {
            lines.push(Line::styled(
                match &self.filter {
                    Some(_) => "No annotation here matches the filter.",
                    None => "No annotation on this clause.",
                },
                self.theme.dim(),
            ));
        }
        for (k, i) in notes.iter().enumerate() {
            if k > 0 {
                lines.push(Line::default());
            }
            lines.extend(self.note_lines(i, width));
        }
        let from = self.note_scroll.min(lines.len().saturating_sub(1));
        let shown: Vec<Line<'static>> = lines
            .into_iter()
            .skip(from)
            .take(inner.height as usize)
            .collect();
        f.render_widget(Paragraph::new(shown), inner);
    }

    /// One annotation: stance, author and date; tags and source; what became of it if
    /// it was written on another draft; then its body, Markdown rendered.
    pub(super) fn note_lines(&self, i: &Item, width: usize) -> Vec<Line<'static>> {
        let a = &i.annotation;
        let mut out = Vec::new();
        let head = vec![
            Piece::new(
                a.stance.as_str().to_owned(),
                self.theme.stance(a.stance.as_str()),
            ),
            Piece::new(
                format!(
                    " · {} · {} · on {}",
                    escape_controls(&a.author),
                    a.date,
                    i.on
                ),
                self.theme.dim(),
            ),
        ];
        out.extend(wrap(&[], &head, width));
        if !a.tags.is_empty() {
            out.extend(wrap(
                &[],
                &[Piece::new(
                    format!("tags: {}", escape_controls(&a.tags.join(", "))),
                    self.theme.dim(),
                )],
                width,
            ));
        }
        if let Some(s) = &a.source {
            out.extend(wrap(
                &[],
                &[Piece::new(
                    format!("source: {}", escape_controls(s)),
                    self.theme.dim(),
                )],
                width,
            ));
        }
        if let Some(q) = &a.quote {
            out.extend(wrap(
                &[],
                &[Piece::new(
                    format!("“{}”", escape_controls(q)),
                    self.theme.quote(),
                )],
                width,
            ));
        }
        if let Some(c) = &i.carried {
            out.extend(wrap(
                &[],
                &[Piece::new(
                    escape_controls(c).into_owned(),
                    self.theme.badge(),
                )],
                width,
            ));
        }
        out.extend(markdown_lines(&a.body, width));
        out
    }

    fn draw_missing(&mut self, f: &mut Frame<'_>, area: Rect) {
        let title = format!("{} (no text)", self.data.convention);
        let inner = self.frame(f, area, &title, Pane::Commentary);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let width = inner.width as usize;
        let mut lines = Vec::new();
        if let Some(m) = &self.data.missing {
            lines.extend(wrap(
                &[],
                &[Piece::new(m.clone(), self.theme.error())],
                width,
            ));
            lines.push(Line::default());
        }
        lines.extend(wrap(
            &[],
            &[Piece::new(
                format!("{} annotations:", self.data.orphans.len()),
                self.theme.heading(),
            )],
            width,
        ));
        for a in &self.data.orphans {
            let text = format!(
                "{} · {} · {} · {}",
                a.clause,
                a.stance.as_str(),
                a.author,
                a.body.lines().next().unwrap_or_default()
            );
            lines.extend(wrap(
                &[],
                &[Piece::new(
                    escape_controls(&text).into_owned(),
                    Style::new(),
                )],
                width,
            ));
        }
        let shown: Vec<Line<'static>> = lines
            .into_iter()
            .skip(self.note_scroll)
            .take(inner.height as usize)
            .collect();
        f.render_widget(Paragraph::new(shown), inner);
    }

    fn draw_bar(&self, f: &mut Frame<'_>, area: Rect) {
        let width = area.width as usize;
        let text = match self.mode {
            Mode::Jump => format!(":{}", self.input),
            Mode::Search => format!("/{}", self.input),
            Mode::Filter => format!("filter: {}", self.input),
            _ => match &self.message {
                Some(m) => m.clone(),
                None => {
                    let mode = match (&self.compare, self.side_by_side) {
                        (Some(l), true) => format!("COMPARE {l} side by side"),
                        (Some(l), false) => format!("COMPARE {l}"),
                        _ => "READ".to_owned(),
                    };
                    let clause = self
                        .clause()
                        .map_or_else(|| "-".to_owned(), ToString::to_string);
                    format!(
                        "{} · {} · {} · {}/{} · {} · mouse {} · ? help",
                        self.data.convention,
                        self.data.label,
                        clause,
                        self.unit + 1,
                        self.units.len().max(1),
                        mode,
                        if self.mouse { "on" } else { "off (m)" },
                    )
                }
            },
        };
        let text = truncate(&escape_controls(&text), width);
        let pad = width.saturating_sub(cells(&text));
        let line = Line::from(vec![
            Span::styled(text, self.theme.status_bar()),
            Span::styled(" ".repeat(pad), self.theme.status_bar()),
        ]);
        f.render_widget(Paragraph::new(line), area);
    }

    fn draw_popup(&self, f: &mut Frame<'_>, area: Rect) {
        let (title, lines): (String, Vec<Line<'static>>) = match self.mode {
            Mode::Help => (
                "Keys".to_owned(),
                HELP.iter()
                    .map(|(k, what)| {
                        Line::from(vec![
                            Span::styled(format!("{k:<10}"), self.theme.heading()),
                            Span::raw(*what),
                        ])
                    })
                    .collect(),
            ),
            Mode::PickDraft => {
                let mut rows: Vec<String> = self
                    .data
                    .others
                    .iter()
                    .map(|l| format!("compare with {l}"))
                    .collect();
                rows.push("stop comparing".to_owned());
                ("Compare with".to_owned(), self.pick_lines(&rows))
            }
            Mode::PickRef => {
                let rows: Vec<String> = self
                    .ref_choices
                    .iter()
                    .map(|(words, to)| format!("{words} → {to}"))
                    .collect();
                ("Follow".to_owned(), self.pick_lines(&rows))
            }
            Mode::History => {
                let width = area.width.saturating_sub(4).max(1) as usize;
                let mut out = Vec::new();
                for s in &self.history {
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
                        self.theme.heading(),
                    ));
                    let pieces = if s.words.is_empty() {
                        vec![Piece::new(
                            escape_controls(
                                s.text.as_deref().or(s.missing.as_deref()).unwrap_or(""),
                            )
                            .into_owned(),
                            Style::new(),
                        )]
                    } else {
                        self.word_pieces(&s.words, true, true)
                    };
                    out.extend(wrap(&[], &pieces, width));
                    out.push(Line::default());
                }
                (
                    format!(
                        "{} in every draft",
                        self.clause().map_or_else(String::new, ToString::to_string)
                    ),
                    out,
                )
            }
            Mode::Jump => {
                let list = self.completions();
                if list.is_empty() {
                    return;
                }
                (
                    "Clauses".to_owned(),
                    list.into_iter().map(Line::from).collect(),
                )
            }
            _ => return,
        };
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
            .border_style(self.theme.focus())
            .title(format!(
                " {} ",
                truncate(&escape_controls(&title), w.saturating_sub(4) as usize)
            ));
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        f.render_widget(Paragraph::new(lines), inner);
    }

    fn pick_lines(&self, rows: &[String]) -> Vec<Line<'static>> {
        rows.iter()
            .enumerate()
            .map(|(k, r)| {
                let style = if k == self.pick {
                    self.theme.cursor()
                } else {
                    Style::new()
                };
                Line::styled(escape_controls(r).into_owned(), style)
            })
            .collect()
    }
}

/// An annotation body's Markdown as lines: emphasis, strong text, code, lists and links
/// rendered; raw HTML shown as text.
fn markdown_lines(body: &str, width: usize) -> Vec<Line<'static>> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut style = Style::new();
    let mut stack: Vec<Style> = Vec::new();
    let mut lead: Vec<Piece> = Vec::new();
    let mut depth = 0usize;
    let mut numbers: Vec<Option<u64>> = Vec::new();
    let flush = |pieces: &mut Vec<Piece>, lead: &mut Vec<Piece>, out: &mut Vec<Line<'static>>| {
        if !pieces.is_empty() || !lead.is_empty() {
            out.extend(wrap(lead, pieces, width));
        }
        pieces.clear();
        lead.clear();
    };
    for ev in pulldown_cmark::Parser::new(body) {
        match ev {
            Event::Start(Tag::Emphasis) => {
                stack.push(style);
                style = style.add_modifier(Modifier::ITALIC);
            }
            Event::Start(Tag::Strong) => {
                stack.push(style);
                style = style.add_modifier(Modifier::BOLD);
            }
            Event::Start(Tag::Link { .. }) => {
                stack.push(style);
                style = style.add_modifier(Modifier::UNDERLINED);
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => {
                style = stack.pop().unwrap_or_default();
            }
            Event::Start(Tag::List(first)) => {
                flush(&mut pieces, &mut lead, &mut out);
                depth += 1;
                numbers.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut pieces, &mut lead, &mut out);
                depth = depth.saturating_sub(1);
                numbers.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut pieces, &mut lead, &mut out);
                let bullet = match numbers.last_mut() {
                    Some(Some(n)) => {
                        let b = format!("{n}. ");
                        *n += 1;
                        b
                    }
                    _ => "• ".to_owned(),
                };
                lead = vec![Piece::new(
                    format!("{}{bullet}", "  ".repeat(depth.saturating_sub(1))),
                    Style::new(),
                )];
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::CodeBlock,
            ) => {
                flush(&mut pieces, &mut lead, &mut out);
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                pieces.push(Piece::new(escape_controls(&t).into_owned(), style));
            }
            Event::SoftBreak => pieces.push(Piece::new(" ", style)),
            Event::HardBreak => pieces.push(Piece::new("\n", style)),
            _ => {}
        }
    }
    flush(&mut pieces, &mut lead, &mut out);
    out
}
