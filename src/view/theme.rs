//! Styles: the terminal's own palette (named ANSI colours, never RGB), or, with
//! `NO_COLOR`, a monochrome theme built from reverse video, bold and underline.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set (to anything but the empty string).
    pub fn from_env() -> Self {
        Self {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub const fn mono() -> Self {
        Self { color: false }
    }

    fn pick(self, color: Style, mono: Style) -> Style {
        if self.color { color } else { mono }
    }

    /// Words an annotation quotes.
    pub fn quote(self) -> Style {
        self.pick(
            Style::new().bg(Color::Yellow).fg(Color::Black),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// A reference to another clause.
    pub fn reference(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::UNDERLINED),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// Bracketed (undecided) text.
    pub fn bracket(self) -> Style {
        self.pick(
            Style::new().fg(Color::Magenta),
            Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC),
        )
    }

    /// A search match.
    pub fn search(self) -> Style {
        self.pick(
            Style::new().bg(Color::Cyan).fg(Color::Black),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn deleted(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Red)
                .add_modifier(Modifier::CROSSED_OUT),
            Style::new().add_modifier(Modifier::CROSSED_OUT | Modifier::DIM),
        )
    }

    pub fn inserted(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Green)
                .add_modifier(Modifier::UNDERLINED),
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        )
    }

    /// The clause under the cursor (its ID) and the selected row of a list.
    pub fn cursor(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Clause IDs and other quiet labels.
    pub fn dim(self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The border of the pane that has the focus.
    pub fn focus(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// A badge in the outline: a change status or a count.
    pub fn badge(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn stance(self, stance: &str) -> Style {
        if !self.color {
            return Style::new().add_modifier(Modifier::BOLD);
        }
        let c = match stance {
            "concern" => Color::Red,
            "support" => Color::Green,
            "question" => Color::Blue,
            "proposal" => Color::Magenta,
            _ => Color::Reset,
        };
        Style::new().fg(c).add_modifier(Modifier::BOLD)
    }

    pub fn status_bar(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn error(self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
}
