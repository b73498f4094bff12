//! The text pane: the selected unit clause by clause, the cursor on one clause, quoted
//! words, references, brackets and search matches marked, and when comparing a redline
//! or two columns.

use std::collections::HashMap;
use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use treaty_diff::{ClauseDiff, Status, field_words};
use treaty_model::{ClauseId, Node, TextField, escape_controls};

use super::look::Look;
use super::reader::{Block, Reader, blocks_of};
use super::text::{Piece, styled, wrap};

/// The text pane's state: which unit, its blocks, the cursor and the scroll.
#[derive(Debug, Default)]
pub(super) struct TextPane {
    pub unit: usize,
    pub blocks: Vec<Block>,
    pub cursor: usize,
    /// The first line shown.
    pub scroll: usize,
    /// Whether the next frame scrolls to show the cursor's clause (after the cursor
    /// moved), or keeps the scroll the reader chose (after scrolling).
    follow: bool,
    /// Reached going back (`k`): a clause taller than the pane shows its end.
    from_end: bool,
    /// The last frame's layout: the first line of each block, the number of lines and
    /// the pane's height. Scrolling keys read it.
    starts: Vec<usize>,
    total: usize,
    height: usize,
    /// Screen row of the first line of each block on screen, for the mouse.
    pub rows: Vec<(u16, usize)>,
    pub area: Rect,
}

impl TextPane {
    /// Select a unit and lay out its blocks; the cursor goes to its first block.
    pub fn select(&mut self, reader: &Reader, unit: usize) {
        self.unit = unit.min(reader.units.len().saturating_sub(1));
        self.blocks = reader
            .unit_node(self.unit)
            .map(blocks_of)
            .unwrap_or_default();
        self.cursor = 0;
        self.scroll = 0;
        self.follow = true;
        self.starts.clear();
    }

    /// The clause under the cursor.
    pub fn clause(&self) -> Option<&ClauseId> {
        self.blocks.get(self.cursor).map(|b| &b.node)
    }

    /// Put the cursor on `id` (or the first block inside it) in the selected unit.
    pub fn seek(&mut self, id: &ClauseId) {
        self.follow = true;
        self.from_end = false;
        if let Some(k) = self.blocks.iter().position(|b| &b.node == id) {
            self.cursor = k;
        } else if let Some(k) = self.blocks.iter().position(|b| id.contains(&b.node)) {
            self.cursor = k;
        }
    }

    /// Put the cursor on block `k` (and the next frame scrolls to it).
    pub fn put_cursor(&mut self, k: usize) {
        self.cursor = k.min(self.blocks.len().saturating_sub(1));
        self.follow = true;
        self.from_end = false;
    }

    /// The lines of block `k` in the last frame.
    fn lines_of(&self, k: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(k)?;
        let end = self.starts.get(k + 1).copied().unwrap_or(self.total);
        Some((start, end))
    }

    /// Whether the last frame had lines above its first row, and below its last.
    pub fn more(&self) -> (bool, bool) {
        (
            self.scroll > 0,
            self.height > 0 && self.scroll + self.height < self.total,
        )
    }

    /// The pane's height in the last frame (none before the first).
    pub fn height(&self) -> usize {
        self.height
    }

    /// Scroll by `by` lines, keeping the cursor on a clause that is still in view: the
    /// one at the top when its clause went off above, the one at the bottom when it went
    /// off below.
    pub fn scroll_by(&mut self, by: isize) {
        if self.height == 0 {
            return;
        }
        let most = self.total.saturating_sub(self.height);
        self.scroll = (self.scroll as isize)
            .saturating_add(by)
            .clamp(0, most as isize) as usize;
        self.follow = false;
        let (top, bottom) = (self.scroll, self.scroll + self.height);
        if let Some((start, end)) = self.lines_of(self.cursor) {
            if end <= top {
                self.cursor = (0..self.starts.len())
                    .find(|&k| self.lines_of(k).is_some_and(|(_, e)| e > top))
                    .unwrap_or(self.cursor);
            } else if start >= bottom {
                self.cursor = (0..self.starts.len())
                    .rev()
                    .find(|&k| self.starts[k] < bottom)
                    .unwrap_or(self.cursor);
            }
        }
    }

    /// `j` and `k`: within a clause taller than the pane, a line; else the next or
    /// previous clause (one step past either end goes to the next or previous unit).
    pub fn line_or_step(&mut self, reader: &Reader, by: isize) {
        if let Some((start, end)) = self.lines_of(self.cursor)
            && self.height > 0
        {
            if by > 0 && end > self.scroll + self.height {
                self.scroll_by(1);
                return;
            }
            if by < 0 && start < self.scroll {
                self.scroll_by(-1);
                return;
            }
        }
        self.step(reader, by);
    }

    /// Move the cursor by `by` blocks; one step past either end goes to the next or
    /// previous unit.
    pub fn step(&mut self, reader: &Reader, by: isize) {
        let n = self.blocks.len();
        if n == 0 {
            return;
        }
        self.follow = true;
        self.from_end = by == -1;
        let to = (self.cursor as isize).saturating_add(by);
        if to >= n as isize && self.unit + 1 < reader.units.len() && by.abs() == 1 {
            self.select(reader, self.unit + 1);
        } else if to < 0 && self.unit > 0 && by.abs() == 1 {
            self.select(reader, self.unit - 1);
            self.cursor = self.blocks.len().saturating_sub(1);
        } else {
            self.cursor = to.clamp(0, n as isize - 1) as usize;
        }
    }

    pub fn draw(&mut self, f: &mut Frame<'_>, area: Rect, look: &Look<'_>, focused: bool) {
        let title = look
            .reader
            .unit_node(self.unit)
            .map_or_else(String::new, |n| {
                super::text::visual(&n.title()).into_owned()
            });
        let label = &look.reader.data.label;
        let title = match (look.compare, look.side_by_side, look.parallel) {
            (Some(l), true, _) => format!("{title}  [{l} | {label}]"),
            (Some(l), false, _) => format!("{title}  [changes since {l}]"),
            (None, _, Some((other, _))) => format!(
                "{title}  [{} | {other}]",
                look.reader.data.language.as_deref().unwrap_or("")
            ),
            _ => title,
        };
        let inner = look.frame(f, area, &title, focused);
        self.area = inner;
        self.rows.clear();
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let (lines, starts) = if look.side_by_side && look.changes().is_some() && inner.width >= 20
        {
            self.side_by_side_lines(look, inner.width as usize)
        } else if look.parallel.is_some() && look.changes().is_none() && inner.width >= 20 {
            self.parallel_lines(look, inner.width as usize)
        } else {
            let (lines, starts) = self.text_lines(look, inner.width as usize);
            if shown_rtl(look) {
                let width = inner.width as usize;
                (
                    lines
                        .into_iter()
                        .map(|l| right_to_left(l, width, true))
                        .collect(),
                    starts,
                )
            } else {
                (lines, starts)
            }
        };
        // Keep the clause under the cursor in view after it moved, and never leave rows
        // empty below the text while there is text above (after the pane grew).
        let height = inner.height as usize;
        let start = starts.get(self.cursor).copied().unwrap_or(0);
        let end = starts.get(self.cursor + 1).copied().unwrap_or(lines.len());
        // A resized pane keeps the cursor's clause in view.
        if height != self.height {
            self.follow = true;
        }
        if self.follow {
            if self.from_end && end - start > height {
                self.scroll = end - height;
            } else if start < self.scroll {
                self.scroll = start;
            } else if end > self.scroll + height {
                self.scroll = (end.saturating_sub(height)).min(start);
            }
            self.follow = false;
            self.from_end = false;
        }
        self.scroll = self.scroll.min(lines.len().saturating_sub(height));
        (self.starts, self.total, self.height) = (starts.clone(), lines.len(), height);
        look.more_marks(f, area, inner, self.more());
        for (b, &s) in starts.iter().enumerate() {
            if s >= self.scroll && s < self.scroll + height {
                self.rows.push((inner.y + (s - self.scroll) as u16, b));
            }
        }
        let shown: Vec<Line<'static>> = lines.into_iter().skip(self.scroll).take(height).collect();
        f.render_widget(Paragraph::new(shown), inner);
    }

    /// The lead of a block: its number, indented by depth, in reverse video under the
    /// cursor.
    fn lead(&self, look: &Look<'_>, b: &Block, k: usize) -> Vec<Piece> {
        let indent = "  ".repeat(b.depth.saturating_sub(1));
        // A clause without a number gets a gutter as wide as the cursor's mark, so that
        // its words stay where they are when the cursor comes to it.
        let (mark, style) = match (k == self.cursor, b.lead.is_empty()) {
            (true, true) => ("▸", look.theme.cursor()),
            (true, false) => ("", look.theme.cursor()),
            (false, true) => (" ", Style::new()),
            (false, false) => ("", look.theme.dim()),
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

    /// The pane's lines, and the first line of each block.
    fn text_lines(&self, look: &Look<'_>, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let changes = look.changes();
        let quotes = self.quote_ranges(look);
        for (k, b) in self.blocks.iter().enumerate() {
            if let Some(c) = changes
                && b.field == TextField::Text
            {
                for gone in c.deleted_before(&b.node) {
                    lines.extend(deleted_clause(look, gone, width));
                }
            }
            starts.push(lines.len());
            let node = look.reader.node(&b.node);
            let redline = match (changes, node) {
                (Some(c), Some(n)) => field_words(c, n, b.field),
                _ => None,
            };
            let pieces = match redline {
                Some(words) => look.word_pieces(&words, true, true),
                None => styled(&b.text, &ranges(look, b, node, &quotes), Style::new()),
            };
            let mut pieces = pieces;
            pieces.extend(footnote_calls(look, b, node));
            if let Some(c) = changes.filter(|_| b.field == TextField::Text) {
                pieces.extend(negotiation_pieces(look, c.clause(&b.node), true, true));
            }
            let mut block_lines = wrap(&self.lead(look, b, k), &pieces, width);
            if k == 0 && b.lead.is_empty() && b.text.is_empty() {
                block_lines = vec![Line::from(Span::styled("▸", look.theme.cursor()))];
            }
            lines.extend(block_lines);
        }
        if let Some(c) = changes
            && let Some(unit) = look.reader.units.get(self.unit)
        {
            for gone in c.deleted_tail(unit) {
                lines.extend(deleted_clause(look, gone, width));
            }
        }
        (lines, starts)
    }

    fn side_by_side_lines(
        &self,
        look: &Look<'_>,
        width: usize,
    ) -> (Vec<Line<'static>>, Vec<usize>) {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let Some(c) = look.changes() else {
            return self.text_lines(look, width);
        };
        let col = (width.saturating_sub(3)) / 2;
        let pair = |left: Vec<Line<'static>>,
                    right: Vec<Line<'static>>,
                    lines: &mut Vec<Line<'static>>| {
            lines.extend(columns(look, &left, &right, col));
        };
        for (k, b) in self.blocks.iter().enumerate() {
            if b.field == TextField::Text {
                for gone in c.deleted_before(&b.node) {
                    pair(deleted_clause(look, gone, col), Vec::new(), &mut lines);
                }
            }
            starts.push(lines.len());
            let node = look.reader.node(&b.node);
            let words = node.and_then(|n| field_words(c, n, b.field));
            let lead = self.lead(look, b, k);
            let (mut left, mut right) = match &words {
                Some(w) => (
                    look.word_pieces(w, true, false),
                    look.word_pieces(w, false, true),
                ),
                None => {
                    let p = vec![Piece::new(
                        escape_controls(&b.text).into_owned(),
                        Style::new(),
                    )];
                    (p.clone(), p)
                }
            };
            if b.field == TextField::Text {
                left.extend(negotiation_pieces(look, c.clause(&b.node), true, false));
                right.extend(negotiation_pieces(look, c.clause(&b.node), false, true));
            }
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

    /// The text beside another language, clause by clause: each block's words on the
    /// left, the same clause's words in the other language on the right, rows as tall
    /// as the taller side (so that one scrolls with the other). Right-to-left text is set
    /// in reading order and to the right of its column.
    fn parallel_lines(&self, look: &Look<'_>, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
        let Some((_, other)) = look.parallel else {
            return self.text_lines(look, width);
        };
        let col = (width.saturating_sub(3)) / 2;
        let left_rtl = shown_rtl(look);
        let quotes = self.quote_ranges(look);
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        for (k, b) in self.blocks.iter().enumerate() {
            starts.push(lines.len());
            let node = look.reader.node(&b.node);
            let lead = self.lead(look, b, k);
            let mut pieces = styled(&b.text, &ranges(look, b, node, &quotes), Style::new());
            pieces.extend(footnote_calls(look, b, node));
            let mut left = wrap(&lead, &pieces, col);
            if k == 0 && b.lead.is_empty() && b.text.is_empty() {
                left = vec![Line::from(Span::styled("▸", look.theme.cursor()))];
            }
            if left_rtl {
                left = left
                    .into_iter()
                    .map(|l| right_to_left(l, col, true))
                    .collect();
            }
            let there = other.find(&b.node).map(|n| match b.field {
                TextField::Text => n.text.as_str(),
                TextField::Closing => n.closing.as_deref().unwrap_or_default(),
                TextField::Heading => n.heading.as_deref().unwrap_or_default(),
            });
            let right = match there {
                Some(t) => {
                    let p = vec![Piece::new(escape_controls(t).into_owned(), Style::new())];
                    let lead = vec![Piece::new(
                        format!("{}{} ", "  ".repeat(b.depth.saturating_sub(1)), b.lead),
                        look.theme.dim(),
                    )];
                    let lead = if b.lead.is_empty() { Vec::new() } else { lead };
                    let wrapped = wrap(&lead, &p, col);
                    if is_rtl_text(t) {
                        wrapped
                            .into_iter()
                            .map(|l| right_to_left(l, col, true))
                            .collect()
                    } else {
                        wrapped
                    }
                }
                None => vec![Line::from(Span::styled(
                    format!("({} is not in this text)", b.node),
                    look.theme.dim(),
                ))],
            };
            lines.extend(columns(look, &left, &right, col));
        }
        (lines, starts)
    }

    /// Quoted ranges of the annotations on the current unit, by (clause, closing?),
    /// relative to that field's text.
    fn quote_ranges(&self, look: &Look<'_>) -> HashMap<(ClauseId, bool), Vec<Range<usize>>> {
        let mut out: HashMap<(ClauseId, bool), Vec<Range<usize>>> = HashMap::new();
        let Some(unit) = look.reader.unit_node(self.unit) else {
            return out;
        };
        for n in unit.walk() {
            for item in look.reader.items_on(&n.id, look.filter) {
                let Some([a, b]) = item.quote_at else {
                    continue;
                };
                for (p, r) in n.pieces_of(a..b) {
                    if p.field != TextField::Heading {
                        out.entry((p.node.id.clone(), p.field == TextField::Closing))
                            .or_default()
                            .push(r);
                    }
                }
            }
        }
        out
    }
}

/// Two columns of lines side by side, the left one padded to `col` cells, as tall as the
/// taller one.
fn columns(
    look: &Look<'_>,
    left: &[Line<'static>],
    right: &[Line<'static>],
    col: usize,
) -> Vec<Line<'static>> {
    (0..left.len().max(right.len()))
        .map(|row| {
            let l = left.get(row).cloned().unwrap_or_default();
            let r = right.get(row).cloned().unwrap_or_default();
            let pad = col.saturating_sub(l.width());
            let mut spans = l.spans;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(" │ ", look.theme.dim()));
            spans.extend(r.spans);
            Line::from(spans)
        })
        .collect()
}

/// Whether the text shown is in a language written right to left.
fn shown_rtl(look: &Look<'_>) -> bool {
    matches!(
        look.reader.data.language.as_deref(),
        Some("ar" | "he" | "fa" | "ur")
    )
}

/// Whether a text's first strong letter is right-to-left (Arabic, Hebrew).
fn is_rtl_text(text: &str) -> bool {
    unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

/// A wrapped line of right-to-left text as a terminal must show it: terminals print
/// characters in the order they receive them, so the line is put in reading order by the
/// Unicode bidirectional algorithm and set against the right edge of `width` cells. A
/// line with no right-to-left letter stays as it is. Its styles give way to one plain
/// span: the reordered characters no longer run in the order the styles were given for.
/// With `text_is_rtl` the line is taken as right-to-left whatever it opens with (a list
/// marker such as `(b)` in Latin letters before Arabic words); without it, only a line
/// whose first strong letter is right-to-left.
fn right_to_left(line: Line<'static>, width: usize, text_is_rtl: bool) -> Line<'static> {
    let logical: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let any_rtl = logical.chars().any(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
        )
    });
    if !(is_rtl_text(&logical) || text_is_rtl && any_rtl) {
        return line;
    }
    // A hanging indent (the continuation of a numbered clause) goes to the right side.
    let content = logical.trim_end();
    // In cells: the indent is spaces.
    let indent = content.len() - content.trim_start().len();
    let content = content.trim_start();
    let visual = super::text::unjoined(&super::text::reordered(
        content,
        Some(unicode_bidi::Level::rtl()),
    ));
    // Counted grapheme by grapheme, as the terminal lays the cells out (the width of a
    // whole string treats some letter pairs as one ligature).
    let cells = super::text::cells(&visual);
    let style = line.spans.first().map(|s| s.style).unwrap_or_default();
    Line::from(vec![
        Span::raw(" ".repeat(width.saturating_sub(cells + indent))),
        Span::styled(
            visual,
            if line.spans.len() == 1 {
                style
            } else {
                Style::new()
            },
        ),
        Span::raw(" ".repeat(indent)),
    ])
}

/// The footnotes a clause calls, as marks after its words (`[^1]`, as the text writes
/// them; the model keeps which notes a clause calls, not where in its words). `Enter`
/// on the clause goes to them.
fn footnote_calls(look: &Look<'_>, b: &Block, node: Option<&Node>) -> Vec<Piece> {
    match node {
        Some(n) if b.field == TextField::Text => n
            .footnotes
            .iter()
            .map(|l| {
                Piece::new(
                    format!(" [^{}]", escape_controls(l)),
                    look.theme.reference(),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Negotiation markup that changed, after a clause's words: markers (`[agreed ad
/// referendum]`) and bracketed passages the older draft had and this one lost, marked
/// deleted (`old`), and those this one gained, marked inserted (`new`). The words of a
/// bracketed passage may be unchanged: what changed is that they were in brackets.
fn negotiation_pieces(
    look: &Look<'_>,
    change: Option<&ClauseDiff>,
    old: bool,
    new: bool,
) -> Vec<Piece> {
    let Some(n) = change.and_then(|c| c.negotiation.as_ref()) else {
        return Vec::new();
    };
    let gone = |from: &[String], to: &[String]| -> Vec<String> {
        from.iter().filter(|x| !to.contains(x)).cloned().collect()
    };
    let mut out = Vec::new();
    let mut add = |items: Vec<String>, style: Style| {
        for x in items {
            out.push(Piece::new(" ", Style::new()));
            out.push(Piece::new(format!("[{}]", escape_controls(&x)), style));
        }
    };
    if old {
        add(gone(&n.old_markers, &n.new_markers), look.theme.deleted());
        add(
            gone(&n.old_bracketed, &n.new_bracketed),
            look.theme.deleted(),
        );
    }
    if new {
        add(gone(&n.new_markers, &n.old_markers), look.theme.inserted());
        add(
            gone(&n.new_bracketed, &n.old_bracketed),
            look.theme.inserted(),
        );
    }
    out
}

/// A clause of the older draft that is gone, struck through where it stood.
fn deleted_clause(look: &Look<'_>, d: &ClauseDiff, width: usize) -> Vec<Line<'static>> {
    let id = d.old.as_ref().map_or_else(String::new, ToString::to_string);
    let lead = vec![Piece::new(format!("[{id} deleted] "), look.theme.deleted())];
    wrap(&lead, &look.word_pieces(&d.words, true, false), width)
}

/// Styled ranges of a block: quoted words, references, bracketed text, search hits.
fn ranges(
    look: &Look<'_>,
    b: &Block,
    node: Option<&Node>,
    quotes: &HashMap<(ClauseId, bool), Vec<Range<usize>>>,
) -> Vec<(Range<usize>, Style)> {
    let key = (b.node.clone(), b.field == TextField::Closing);
    let mut out: Vec<(Range<usize>, Style)> = Vec::new();
    if let Some(n) = node.filter(|_| b.field == TextField::Text) {
        for passage in &n.negotiation.bracketed {
            for (at, _) in b.text.match_indices(passage.as_str()) {
                out.push((at..at + passage.len(), look.theme.bracket()));
            }
        }
    }
    for r in quotes.get(&key).into_iter().flatten() {
        out.push((r.clone(), look.theme.quote()));
    }
    for r in look.reader.refs.in_field(&b.node, b.field) {
        out.push((r.span[0]..r.span[1], look.theme.reference()));
    }
    if let Some(q) = look.search.filter(|q| !q.is_empty()) {
        let hay = b.text.to_lowercase();
        let needle = q.to_lowercase();
        // Lower-casing can change byte lengths; only mark when it did not.
        if hay.len() == b.text.len() {
            for (at, _) in hay.match_indices(&needle) {
                out.push((at..at + needle.len(), look.theme.search()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_lines_are_in_reading_order_against_the_right_edge() {
        let line = Line::from(vec![Span::raw("1. "), Span::raw("ينطبق هذا")]);
        let shown = right_to_left(line, 14, false);
        let text: String = shown.spans.iter().map(|s| s.content.as_ref()).collect();
        // Reading from the right: the number, then the words in order.
        assert_eq!(text, "  اذه قبطني .1");
        // `الميثاق` reversed holds lam and alef in the order of their ligature: each
        // still takes a cell of its own.
        for (logical, width) in [("1. ينطبق هذا الميثاق", 23), ("   على الميثاق", 20)]
        {
            let shown = right_to_left(Line::from(logical), width, false);
            let text: String = shown.spans.iter().map(|s| s.content.as_ref()).collect();
            assert_eq!(super::super::text::cells(&text), width, "{text:?}");
        }
        // A hanging indent stays on the side the text starts from.
        let shown = right_to_left(Line::from("   على"), 8, false);
        assert_eq!(shown.spans.last().map(|s| s.content.as_ref()), Some("   "));
        let latin = Line::from("Article 1");
        assert_eq!(right_to_left(latin.clone(), 14, true), latin);
        // A Latin list marker before Arabic words: still right to left.
        let shown = right_to_left(Line::from("(b) على"), 10, true);
        let text: String = shown.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(text.ends_with("(b)"), "{text:?}");
    }
}
