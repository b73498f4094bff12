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
use super::text::{Piece, wrap};
use super::text_pane::TextPane;

/// The commentary pane's state.
#[derive(Debug, Default)]
pub(super) struct Commentary {
    pub scroll: usize,
    pub area: Rect,
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
        if notes.is_empty() {
            lines.push(Line::styled(
                match filter {
                    Some(_) => "No annotation here matches the filter.",
                    None => "No annotation on this clause.",
                },
                look.theme.dim(),
            ));
        }
        for (k, i) in notes.iter().enumerate() {
            if k > 0 {
                lines.push(Line::default());
            }
            lines.extend(note_lines(look, i, width));
        }
        let from = self.scroll.min(lines.len().saturating_sub(1));
        let shown: Vec<Line<'static>> = lines
            .into_iter()
            .skip(from)
            .take(inner.height as usize)
            .collect();
        f.render_widget(Paragraph::new(shown), inner);
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
        let shown: Vec<Line<'static>> = lines
            .into_iter()
            .skip(self.scroll)
            .take(inner.height as usize)
            .collect();
        f.render_widget(Paragraph::new(shown), inner);
    }
}

/// The annotations shown for the clause under the cursor, filtered. Each annotation of
/// the unit is shown at one block: its clause's, or, for a clause with no words of its
/// own (an article made of paragraphs), the first block inside it.
pub(super) fn notes<'a>(look: &Look<'a>, text: &TextPane) -> Vec<&'a Item> {
    let Some(unit) = look.reader.unit_node(text.unit) else {
        return Vec::new();
    };
    let mut out: Vec<&Item> = Vec::new();
    for n in unit.walk() {
        let at = text
            .blocks
            .iter()
            .position(|b| b.node == n.id && b.field == TextField::Text)
            .or_else(|| text.blocks.iter().position(|b| n.id.contains(&b.node)));
        if at == Some(text.cursor) {
            out.extend(look.reader.items_on(&n.id, look.filter));
        }
    }
    out
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
        out.extend(wrap(&[], &[Piece::new(text, style)], width));
    };
    if !a.tags.is_empty() {
        line(
            format!("tags: {}", escape_controls(&a.tags.join(", "))),
            theme.dim(),
        );
    }
    if let Some(s) = &a.source {
        line(format!("source: {}", escape_controls(s)), theme.dim());
    }
    if let Some(q) = &a.quote {
        line(format!("“{}”", escape_controls(q)), theme.quote());
    }
    if let Some(c) = &i.carried {
        line(escape_controls(c).into_owned(), theme.badge());
    }
    out.extend(markdown_lines(&a.body, width));
    out
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
