//! The real terminal: raw mode and the alternate screen while the viewer runs, and the
//! terminal given back on quit, on a panic (ratatui's hook), on Ctrl-C (a key in raw
//! mode, or SIGINT sent by another process) and on SIGTERM or SIGHUP.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use super::app::{Action, App};

/// Run the viewer until the user quits (`None`) or a signal asks it to stop (the
/// signal's number, for the exit code a shell expects: 128 + the signal).
pub fn run(mut app: App) -> anyhow::Result<Option<i32>> {
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let as_usize = usize::try_from(signal).unwrap_or(0);
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), as_usize)?;
    }
    // ratatui::init enters raw mode and the alternate screen, and installs a panic hook
    // that restores the terminal before the panic message is printed.
    let mut terminal = ratatui::init();
    let mut mouse = app.mouse;
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    let result = (|| -> anyhow::Result<Option<i32>> {
        loop {
            terminal.draw(|f| app.draw(f))?;
            let signal = stop.load(Ordering::Relaxed);
            if signal != 0 {
                return Ok(i32::try_from(signal).ok());
            }
            if !event::poll(Duration::from_millis(200))? {
                continue;
            }
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release && app.key(k) == Action::Quit => {
                    return Ok(None);
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
