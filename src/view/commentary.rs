//! The commentary pane: the annotations on the clause under the cursor, filtered, each
//! with its stance, author, date, tags, source, quote, what became of it if it was
//! written on another draft, and its body with the Markdown rendered; and, when the
//! convention's text is missing, the commentary listed with how to bring the text in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use treaty_lineage::Item;
use treaty_model::{TextField, escape_controls};

use super::look::Look;
use super::reader::Block;
use super::text::{Piece, styled, wrap};
use super::text_pane::TextPane;

/// The commentary pane's state.
#[derive(Debug, Default)]
pub(super) struct Commentary {
    pub scroll: usize,
    pub area: Rect,
    /// The last frame's number of lines and height, for scrolling keys.
    total: usize,
    height: usize,
}

impl Commentary {
    pub fn draw(
        &mut self,
        f: &mut Frame<'_>,
        area: Rect,
        look: &Look<'_>,
        text: &TextPane,
        focused: bool,
        filter: Option<&str>,
    ) {
        let id = text.clause().cloned();
        let title = match (&id, filter) {
            (Some(id), Some(flt)) => format!("Commentary on {id} ({flt})"),
            (Some(id), None) => format!("Commentary on {id}"),
            _ => "Commentary".to_owned(),
        };
        let inner = look.frame(f, area, &title, focused);
        self.area = inner;
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let width = inner.width as usize;
        let notes = notes(look, text);
        let mut lines: Vec<Line<'static>> = Vec::new();
        if let Some(hint) = &look.reader.data.no_notes {
            lines.extend(wrap(
                &[],
                &[Piece::new(
                    escape_controls(hint).into_owned(),
                    look.theme.dim(),
                )],
                width,
            ));
        } else if notes.is_empty() {
            lines.extend(wrap(
                &[],
                &[Piece::new(
                    match filter {
                        Some(_) => "No annotation here matches the filter.",
                        None => "No annotation on this clause.",
                    },
                    look.theme.dim(),
                )],
                width,
            ));
        }
        for (k, i) in notes.iter().enumerate() {
            if k > 0 {
                lines.push(Line::default());
            }
            lines.extend(note_lines(look, i, width));
        }
        self.show(f, area, inner, look, lines);
    }

    /// Scroll by `by` lines, within what the last frame had.
    pub fn scroll_by(&mut self, by: isize) {
        let most = self.total.saturating_sub(self.height);
        self.scroll = (self.scroll as isize)
            .saturating_add(by)
            .clamp(0, most as isize) as usize;
    }

    /// The pane's height in the last frame.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Show `lines` from the scroll, with marks for what is above and below.
    fn show(
        &mut self,
        f: &mut Frame<'_>,
        area: Rect,
        inner: Rect,
        look: &Look<'_>,
        lines: Vec<Line<'static>>,
    ) {
        let height = inner.height as usize;
        self.scroll = self.scroll.min(lines.len().saturating_sub(height));
        (self.total, self.height) = (lines.len(), height);
        let more = (self.scroll > 0, self.scroll + height < self.total);
        let shown: Vec<Line<'static>> = lines.into_iter().skip(self.scroll).take(height).collect();
        f.render_widget(Paragraph::new(shown), inner);
        look.more_marks(f, area, inner, more);
    }

    /// The convention's commentary when none of its texts is there.
    pub fn draw_missing(&mut self, f: &mut Frame<'_>, area: Rect, look: &Look<'_>) {
        let data = &look.reader.data;
        let title = format!("{} (no text)", data.convention);
        let inner = look.frame(f, area, &title, true);
        self.area = inner;
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let width = inner.width as usize;
        let mut lines = Vec::new();
        if let Some(m) = &data.missing {
            lines.extend(wrap(
                &[],
                &[Piece::new(m.clone(), look.theme.error())],
                width,
            ));
            lines.push(Line::default());
        }
        lines.extend(wrap(
            &[],
            &[Piece::new(
                format!("{} annotations:", data.orphans.len()),
                look.theme.heading(),
            )],
            width,
        ));
        for a in &data.orphans {
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
        self.show(f, area, inner, look, lines);
    }
}

/// The annotations shown for the clause under the cursor, filtered.
pub(super) fn notes<'a>(look: &Look<'a>, text: &TextPane) -> Vec<&'a Item> {
    let Some(unit) = look.reader.unit_node(text.unit) else {
        return Vec::new();
    };
    // Only an annotation on the cursor's clause or on a clause around it can be shown
    // at the cursor: the others of the unit are not placed at all.
    let Some(here) = text.blocks.get(text.cursor).map(|b| b.node.clone()) else {
        return Vec::new();
    };
    placements_where(look, unit, &text.blocks, |n| {
        n.id.contains(&here) || n.id == here
    })
    .into_iter()
    .filter(|&(k, _)| k == text.cursor)
    .map(|(_, item)| item)
    .collect()
}

/// Where each annotation of a unit (filtered) is shown, as (block, annotation), in the
/// unit's order: where its quoted words begin, when it quotes some; else at its
/// clause's block, or, for a clause with no words of its own (an article made of
/// paragraphs), at the first block inside it.
pub(super) fn placements<'a>(
    look: &Look<'a>,
    unit: &treaty_model::Node,
    blocks: &[Block],
) -> Vec<(usize, &'a Item)> {
    placements_where(look, unit, blocks, |_| true)
}

/// [`placements`] of the annotations on the clauses `on` keeps.
fn placements_where<'a>(
    look: &Look<'a>,
    unit: &treaty_model::Node,
    blocks: &[Block],
    on: impl Fn(&treaty_model::Node) -> bool,
) -> Vec<(usize, &'a Item)> {
    let mut out = Vec::new();
    for n in unit.walk().filter(|n| on(n)) {
        let own = blocks
            .iter()
            .position(|b| b.node == n.id && b.field == TextField::Text)
            .or_else(|| blocks.iter().position(|b| n.id.contains(&b.node)));
        for item in look.reader.items_on(&n.id, look.filter) {
            if let Some(k) = block_of(blocks, n, item).or(own) {
                out.push((k, item));
            }
        }
    }
    out
}

/// The block where an annotation's quoted words begin, if it quotes words of the text.
fn block_of(blocks: &[Block], n: &treaty_model::Node, item: &Item) -> Option<usize> {
    let [a, b] = item.quote_at?;
    let (part, _) = n
        .pieces_of(a..b)
        .into_iter()
        .find(|(p, _)| p.field != TextField::Heading)?;
    blocks
        .iter()
        .position(|b| b.node == part.node.id && b.field == part.field)
}

/// One annotation: stance, author and date; tags and source; what became of it if it
/// was written on another draft; then its body, Markdown rendered.
fn note_lines(look: &Look<'_>, i: &Item, width: usize) -> Vec<Line<'static>> {
    let theme = look.theme;
    let a = &i.annotation;
    let mut out = Vec::new();
    let head = vec![
        Piece::new(
            a.stance.as_str().to_owned(),
            theme.stance(a.stance.as_str()),
        ),
        Piece::new(
            format!(
                " · {} · {} · on {}",
                escape_controls(&a.author),
                a.date,
                i.on
            ),
            theme.dim(),
        ),
    ];
    out.extend(wrap(&[], &head, width));
    let mut line = |text: String, style: Style| {
        out.extend(wrap(&[], &marked(&text, style, look), width));
    };
    if !a.tags.is_empty() {
        line(format!("tags: {}", a.tags.join(", ")), theme.dim());
    }
    if let Some(s) = &a.source {
        line(format!("source: {s}"), theme.dim());
    }
    if let Some(q) = &a.quote {
        line(format!("“{q}”"), theme.quote());
    }
    if let Some(c) = &i.carried {
        line(c.clone(), theme.badge());
    }
    out.extend(markdown_lines(&a.body, width, look));
    out
}

/// `text` in `style`, with the words of the search marked.
fn marked(text: &str, style: Style, look: &Look<'_>) -> Vec<Piece> {
    let Some(q) = look.search.filter(|q| !q.trim().is_empty()) else {
        return vec![Piece::new(escape_controls(text).into_owned(), style)];
    };
    let hay = text.to_lowercase();
    let needle = q.to_lowercase();
    // Lower-casing can change byte lengths; only mark when it did not.
    let hits: Vec<_> = if hay.len() == text.len() {
        hay.match_indices(&needle)
            .map(|(at, _)| (at..at + needle.len(), look.theme.search()))
            .collect()
    } else {
        Vec::new()
    };
    styled(text, &hits, style)
}

/// An annotation body's Markdown as lines: emphasis, strong text, code, lists and links
/// rendered; raw HTML shown as text.
fn markdown_lines(body: &str, width: usize, look: &Look<'_>) -> Vec<Line<'static>> {
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
                pieces.extend(marked(&t, style, look));
            }
            Event::SoftBreak => pieces.push(Piece::new(" ", style)),
            Event::HardBreak => pieces.push(Piece::new("\n", style)),
            _ => {}
        }
    }
    flush(&mut pieces, &mut lead, &mut out);
    out
}
