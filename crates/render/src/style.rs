//! How text for people is marked: with plain characters (`[-old-]`, «quoted»), or with
//! the terminal's colours and attributes. One choice per run, made by the caller from
//! `--color`, `NO_COLOR` and whether the output is a terminal.

/// The marking of text for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Characters only: safe for files, pipes and monochrome terminals.
    Plain,
    /// ANSI colours and attributes, for a colour terminal.
    Color,
}

impl Style {
    pub fn from_color(color: bool) -> Self {
        if color { Style::Color } else { Style::Plain }
    }

    pub fn is_color(self) -> bool {
        self == Style::Color
    }

    /// A deleted run, marked: struck through in red, or `[-…-]`.
    pub fn deleted(self) -> (&'static str, &'static str) {
        match self {
            Style::Plain => ("[-", "-]"),
            Style::Color => ("\x1b[31;9m", "\x1b[29;39m"),
        }
    }

    /// An inserted run, marked: underlined in green, or `{+…+}`.
    pub fn inserted(self) -> (&'static str, &'static str) {
        match self {
            Style::Plain => ("{+", "+}"),
            Style::Color => ("\x1b[32;4m", "\x1b[24;39m"),
        }
    }

    /// Words an annotation quotes: reverse video, or «guillemets».
    pub fn quoted(self) -> (&'static str, &'static str) {
        match self {
            Style::Plain => ("«", "»"),
            Style::Color => ("\x1b[7m", "\x1b[27m"),
        }
    }

    /// A heading line: bold, or nothing.
    pub fn bold(self) -> (&'static str, &'static str) {
        match self {
            Style::Plain => ("", ""),
            Style::Color => ("\x1b[1m", "\x1b[22m"),
        }
    }

    /// A clause that moved to another unit: magenta, or nothing.
    pub fn moved(self) -> (&'static str, &'static str) {
        match self {
            Style::Plain => ("", ""),
            Style::Color => ("\x1b[35m", "\x1b[39m"),
        }
    }
}
