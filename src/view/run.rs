//! The real terminal: raw mode and the alternate screen while the viewer runs, and the
//! terminal given back on quit, on a panic (ratatui's hook), on Ctrl-C (a key in raw
//! mode, or SIGINT sent by another process) and on SIGTERM or SIGHUP.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use super::app::{Action, App};
use super::form::{Reply, Request};

/// How the viewer ended.
#[derive(Debug)]
pub struct Outcome {
    /// The signal that stopped it (for the exit code a shell expects: 128 + the
    /// signal), or none when the user quit.
    pub signal: Option<i32>,
    /// The last text copied with `y`, to print when the terminal may not have taken it.
    pub copied: Option<String>,
}

/// Run the viewer until the user quits or a signal asks it to stop. `on` carries out
/// what the viewer asks for on disk (writing or editing commentary, looking for
/// changes), and answers.
pub fn run(mut app: App, on: &mut dyn FnMut(Request) -> Option<Reply>) -> anyhow::Result<Outcome> {
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let as_usize = usize::try_from(signal).unwrap_or(0);
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), as_usize)?;
    }
    // While the editor has the terminal, its keys are its own: a Ctrl-C (or emacs's
    // C-g) there reaches the viewer too, and must not end it.
    let editing = Arc::new(AtomicBool::new(false));
    watch(Arc::clone(&stop), Arc::clone(&editing));
    // ratatui::init enters raw mode and the alternate screen, and installs a panic hook
    // that restores the terminal before the panic message is printed.
    let mut terminal = ratatui::init();
    let mut mouse = app.mouse;
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    // Pasted text comes as one event, typed into the field or prompt, not run as keys.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = (|| -> anyhow::Result<Option<i32>> {
        // A frame is drawn when something changed, never on a timer: an idle viewer
        // wakes only to look at the signal flag.
        let mut dirty = true;
        let mut idle: u32 = 0;
        loop {
            if dirty {
                terminal.draw(|f| app.draw(f))?;
                dirty = false;
            }
            if let Some(text) = app.take_clipboard() {
                let out = terminal.backend_mut();
                out.write_all(super::copy::osc52(&text).as_bytes())?;
                out.flush()?;
            }
            let signal = stop.load(Ordering::Relaxed);
            if signal != 0 {
                return Ok(i32::try_from(signal).ok());
            }
            if let Some(request) = app.take_request() {
                // The editor gets the terminal to itself, and gives it back.
                let outside = matches!(request, Request::Edit { .. } | Request::Body(_));
                if outside {
                    editing.store(true, Ordering::SeqCst);
                    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
                    ratatui::restore();
                    let _ = execute!(io::stdout(), Show);
                }
                let reply = on(request);
                if outside {
                    // An interrupt typed in the editor was the editor's.
                    let sigint = usize::try_from(signal_hook::consts::SIGINT).unwrap_or(0);
                    let _ = stop.compare_exchange(sigint, 0, Ordering::SeqCst, Ordering::SeqCst);
                    editing.store(false, Ordering::SeqCst);
                    terminal = ratatui::try_init()?;
                    if mouse {
                        let _ = execute!(io::stdout(), EnableMouseCapture);
                    }
                    let _ = execute!(io::stdout(), EnableBracketedPaste);
                    terminal.clear()?;
                }
                if let Some(r) = reply {
                    app.answer(r);
                }
                dirty = true;
                continue;
            }
            if !event::poll(Duration::from_millis(250))? {
                // About once a second, ask whether a file changed on disk.
                idle = idle.wrapping_add(1);
                if idle.is_multiple_of(4)
                    && app.mode() != super::Mode::Annotate
                    && let Some(r) = on(Request::Refresh)
                {
                    app.answer(r);
                    dirty = true;
                }
                continue;
            }
            dirty = true;
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release && app.key(k) == Action::Quit => {
                    return Ok(None);
                }
                Event::Mouse(m) => app.mouse_event(m),
                Event::Paste(text) => app.paste(&text),
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
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
    Ok(Outcome {
        signal: result?,
        copied: app.copied.take(),
    })
}

/// Make sure the viewer ends when it is asked to or its terminal goes, even while the
/// terminal library is stuck: once a terminal hangs up, reading it returns nothing for
/// ever, and the loop above never gets to look at the signal flag. A thread looks
/// instead: after a signal it gives the loop half a second to end cleanly, then ends
/// the process as signalled; and once the terminal the viewer started on can no longer
/// be opened, it ends the process with status 1. It wakes ten times a second and does
/// nothing else.
fn watch(stop: Arc<AtomicUsize>, editing: Arc<AtomicBool>) {
    const TICK: Duration = Duration::from_millis(100);
    let tty = || std::fs::File::open("/dev/tty").is_ok();
    let had_tty = cfg!(unix) && tty();
    std::thread::spawn(move || {
        let mut ticks: u32 = 0;
        let mut signalled: Option<u32> = None;
        loop {
            std::thread::sleep(TICK);
            ticks = ticks.wrapping_add(1);
            let signal = stop.load(Ordering::Relaxed);
            let interrupt = usize::try_from(signal_hook::consts::SIGINT).unwrap_or(0);
            if editing.load(Ordering::SeqCst) && signal == interrupt {
                signalled = None;
                continue;
            }
            if signal != 0 {
                let since = *signalled.get_or_insert(ticks);
                if ticks.wrapping_sub(since) >= 5 {
                    gone(i32::try_from(signal).map_or(1, |s| 128 + s));
                }
            } else if had_tty && ticks.is_multiple_of(10) && !tty() {
                gone(1);
            }
        }
    });
}

/// End the process after giving back what can still be reached of the terminal. The
/// command holds standard output's lock while the viewer runs, so this writes to the
/// terminal itself.
fn gone(code: i32) -> ! {
    use ratatui::crossterm::cursor::Show;
    use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};
    let _ = disable_raw_mode();
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        let _ = execute!(tty, DisableMouseCapture, LeaveAlternateScreen, Show);
    }
    std::process::exit(code)
}
