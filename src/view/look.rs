//! What every pane and popup needs to draw itself: the data, the theme, and the reading
//! state they all show (which draft is compared, the search, the commentary filter).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block as Border, Borders};
use treaty_annotate::Filter;
use treaty_diff::{Overlay, Word};
use treaty_model::escape_controls;

use super::reader::Reader;
use super::text::{Piece, truncate};
use super::theme::Theme;

/// The shared state a pane draws from.
#[derive(Clone, Copy, Debug)]
pub(super) struct Look<'a> {
    pub reader: &'a Reader,
    pub theme: Theme,
    /// The draft compared with, when comparing.
    pub compare: Option<&'a str>,
    pub side_by_side: bool,
    /// The language shown beside the text, and the draft in it.
    pub parallel: Option<(&'a str, &'a treaty_model::Document)>,
    /// The search being highlighted.
    pub search: Option<&'a str>,
    /// The commentary filter.
    pub filter: &'a Filter,
    /// The words the outline is narrowed to.
    pub outline_filter: Option<&'a str>,
}

impl Look<'_> {
    /// The changes since the compared draft, when comparing.
    pub fn changes(&self) -> Option<&Overlay> {
        self.compare?;
        self.reader.export()?.overlay.as_ref()
    }

    /// Words of a diff as pieces; `old` and `new` say which sides to keep.
    pub fn word_pieces(&self, words: &[Word], old: bool, new: bool) -> Vec<Piece> {
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

    /// Marks on a frame's right edge that there is more to read above or below what it
    /// shows (nothing when the pane has no border to put them on).
    pub fn more_marks(&self, f: &mut Frame<'_>, outer: Rect, inner: Rect, more: (bool, bool)) {
        if inner == outer || outer.width < 12 {
            return;
        }
        let x = outer.x + outer.width - 9;
        for (show, y, mark) in [
            (more.0, outer.y, " ▲ more "),
            (more.1, outer.y + outer.height - 1, " ▼ more "),
        ] {
            if show {
                f.render_widget(
                    Span::styled(mark, self.theme.badge()),
                    Rect::new(x, y, 8, 1),
                );
            }
        }
    }

    /// A pane's frame: borders and a title when there is room, else the bare area.
    pub fn frame(&self, f: &mut Frame<'_>, area: Rect, title: &str, focused: bool) -> Rect {
        if area.width < 6 || area.height < 3 {
            return area;
        }
        let style = if focused {
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
}
