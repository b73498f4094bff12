//! The real terminal: raw mode and the alternate screen while the viewer runs, and the
//! terminal given back on quit, on a panic (ratatui's hook), on Ctrl-C (a key in raw
//! mode, or SIGINT sent by another process) and on SIGTERM or SIGHUP.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use super::app::{Action, App};

/// Run the viewer until the user quits or a signal asks it to stop.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    // ratatui::init enters raw mode and the alternate screen, and installs a panic hook
    // that restores the terminal before the panic message is printed.
    let mut terminal = ratatui::init();
    let mut mouse = app.mouse;
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    let result = (|| -> anyhow::Result<()> {
        loop {
            terminal.draw(|f| app.draw(f))?;
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if !event::poll(Duration::from_millis(200))? {
                continue;
            }
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release && app.key(k) == Action::Quit => {
                    return Ok(());
                }
                Event::Mouse(m) => app.mouse_event(m),
                _ => {}
            }
            if app.mouse != mouse {
                mouse = app.mouse;
                if mouse {
                    let _ = execute!(io::stdout(), EnableMouseCapture);
                } else {
                    let _ = execute!(io::stdout(), DisableMouseCapture);
                }
            }
        }
    })();
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}
