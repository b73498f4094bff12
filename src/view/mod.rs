//! `treaty view`: a full-screen reader. The outline of a convention on the left, the
//! selected article clause by clause in the middle, and the commentary on the clause under
//! the cursor on the right; another draft one key away (`d`), a clause's history on `h`.
//!
//! [`App`] holds the state and answers keys and mouse events without a terminal, and
//! [`App::draw`] renders into any ratatui frame, so the whole viewer is tested against
//! ratatui's `TestBackend`. Each pane (outline, text, commentary) and popup keeps its own
//! state and draws itself from a shared [`look::Look`]; [`run`] owns the real terminal.

mod app;
mod commentary;
mod copy;
mod form;
mod look;
mod outline;
mod popup;
mod reader;
mod run;
mod text;
mod text_pane;
mod theme;

pub use app::{Action, App, Mode, Pane};
pub use form::{NewNote, Reply, Request};
pub use popup::HELP;
pub use reader::Data;
pub use run::{Outcome, run};
pub use theme::Theme;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Keys written as text: characters stand for themselves, and `<Enter>`, `<Esc>`,
/// `<Tab>`, `<S-Tab>`, `<BS>`, `<Space>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<PgUp>`,
/// `<PgDn>`, `<Home>`, `<End>`, `<C-x>` (Ctrl and a letter) and `<lt>` (a `<`) name the
/// others.
pub fn parse_keys(text: &str) -> anyhow::Result<Vec<KeyEvent>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            let key = match name {
                "Enter" | "CR" => KeyEvent::from(KeyCode::Enter),
                "Esc" => KeyEvent::from(KeyCode::Esc),
                "Tab" => KeyEvent::from(KeyCode::Tab),
                "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                "BS" => KeyEvent::from(KeyCode::Backspace),
                "Up" => KeyEvent::from(KeyCode::Up),
                "Down" => KeyEvent::from(KeyCode::Down),
                "Left" => KeyEvent::from(KeyCode::Left),
                "Right" => KeyEvent::from(KeyCode::Right),
                "PgUp" => KeyEvent::from(KeyCode::PageUp),
                "PgDn" => KeyEvent::from(KeyCode::PageDown),
                "Home" => KeyEvent::from(KeyCode::Home),
                "End" => KeyEvent::from(KeyCode::End),
                "Space" => KeyEvent::from(KeyCode::Char(' ')),
                "lt" => KeyEvent::from(KeyCode::Char('<')),
                other => match other.strip_prefix("C-").map(|c| {
                    let mut chars = c.chars();
                    (chars.next(), chars.next())
                }) {
                    Some((Some(c), None)) if c.is_ascii_lowercase() => {
                        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
                    }
                    _ => anyhow::bail!(
                        "unknown key <{other}>: write <Enter>, <Esc>, <Tab>, <S-Tab>, <BS>, <Space>, <Up>, <Down>, <Left>, <Right>, <PgUp>, <PgDn>, <Home>, <End>, <C-x> for Ctrl and a letter, or <lt>"
                    ),
                },
            };
            out.push(key);
            rest = &rest[end + 1..];
        } else {
            out.push(KeyEvent::from(KeyCode::Char(c)));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(out)
}

/// Draw one frame of `width` × `height` cells and return it as text, one line per row
/// (trailing spaces trimmed).
pub fn dump(app: &mut App, width: u16, height: u16) -> String {
    play(app, &[], width, height).0
}

/// Press `keys` in a terminal of `width` × `height` cells, a frame drawn before the
/// first and after each, as on a screen (keys that scroll need the last frame's
/// layout); then return the last frame as text, and whether a key quit.
/// A request the keys make is left for the caller to take ([`App::take_request`]).
pub fn play(app: &mut App, keys: &[KeyEvent], width: u16, height: u16) -> (String, bool) {
    replay(app, keys, width, height, None)
}

/// [`play`], each request the keys make (a change of language, a note to write) handed
/// to `on` and its answer given to the viewer, as the command does on a screen.
pub fn play_with(
    app: &mut App,
    keys: &[KeyEvent],
    width: u16,
    height: u16,
    on: &mut dyn FnMut(Request) -> Option<Reply>,
) -> (String, bool) {
    replay(app, keys, width, height, Some(on))
}

fn replay(
    app: &mut App,
    keys: &[KeyEvent],
    width: u16,
    height: u16,
    mut on: Option<&mut dyn FnMut(Request) -> Option<Reply>>,
) -> (String, bool) {
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(never) => match never {},
    };
    let _ = terminal.draw(|f| app.draw(f));
    let mut quit = false;
    for &k in keys {
        if app.key(k) == Action::Quit {
            quit = true;
            break;
        }
        if let Some(on) = on.as_mut()
            && let Some(request) = app.take_request()
            && let Some(reply) = on(request)
        {
            app.answer(reply);
        }
        let _ = terminal.draw(|f| app.draw(f));
    }
    (buffer_text(terminal.backend().buffer()), quit)
}

/// A buffer's symbols as text, one line per row, trailing spaces trimmed. A wide
/// character (CJK, most emoji) takes two cells; the cell it covers adds nothing.
pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut covered = 0usize;
        for x in 0..area.width {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let symbol = buffer[(area.x + x, area.y + y)].symbol();
            covered = symbol.width().saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
