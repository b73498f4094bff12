//! The real binary in a real terminal: `treaty view` inside tmux, driven with send-keys
//! and read with capture-pane, as a person would see it; and the terminal given back
//! after quitting (tmux is installed by .ci/run).

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, width: u16, height: u16) -> Self {
        let socket = format!("treaty-view-{name}-{}", std::process::id());
        let t = Tmux { socket };
        let ok = t
            .cmd(&[
                "new-session",
                "-d",
                "-s",
                "v",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                "env",
                "PS1=ready> ",
                "TERM=xterm-256color",
                "bash",
                "--norc",
                "--noprofile",
            ])
            .status()
            .expect("tmux runs (Debian package tmux; .ci/run installs it)")
            .success();
        assert!(ok, "tmux could not start a session");
        t
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]).args(args);
        c.current_dir(env!("CARGO_MANIFEST_DIR"));
        c
    }

    fn keys(&self, literal: &str) {
        assert!(
            self.cmd(&["send-keys", "-t", "v", "-l", literal])
                .status()
                .expect("tmux")
                .success()
        );
    }

    fn key(&self, name: &str) {
        assert!(
            self.cmd(&["send-keys", "-t", "v", name])
                .status()
                .expect("tmux")
                .success()
        );
    }

    fn screen(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "v"])
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn show(&self, format: &str) -> String {
        let out = self
            .cmd(&["display-message", "-p", "-t", "v", format])
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Wait until the screen shows `text` (up to ten seconds), and return it.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the screen never showed {text:?}; it shows:\n{s}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Wait until the screen no longer shows `text`.
    fn wait_gone(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if !s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the screen still shows {text:?}:\n{s}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}

#[test]
fn open_jump_search_compare_and_quit_in_a_real_terminal() {
    let t = Tmux::start("keys", 110, 30);
    t.wait_for("ready>");
    let bin = env!("CARGO_BIN_EXE_treaty");
    t.keys(&format!("{bin} view texts/sample"));
    t.key("Enter");
    let s = t.wait_for("? help");
    assert!(s.contains("Outline") && s.contains("Preamble"), "{s}");
    assert_eq!(
        t.show("#{alternate_on}"),
        "1",
        "the viewer uses the alternate screen"
    );

    // Jump to a clause by its ID in the form people write.
    t.keys(":Art. 12(2)");
    t.key("Enter");
    let s = t.wait_for("12.2 · 13/17");
    assert!(s.contains("Article 12 — Mutual legal assistance"), "{s}");
    assert!(s.contains("article 8 shall specify"), "{s}");

    // Search the text and the commentary.
    t.keys("/independent review");
    t.key("Enter");
    let s = t.wait_for("Match 1 of");
    assert!(s.contains("11.4"), "{s}");

    // Compare with the zero draft: change badges in the outline.
    t.keys("d");
    t.wait_for("Compare with");
    t.key("Enter");
    let s = t.wait_for("COMPARE zero-draft");
    assert!(s.contains("from 9"), "{s}");
    assert!(s.contains("new"), "{s}");

    // The help popup, closed with Esc.
    t.keys("?");
    t.wait_for("Keys");
    t.key("Escape");
    // A key typed right after Escape would be read with it as Alt+key: wait for the
    // popup to close first, as a person would.
    t.wait_gone("Keys");

    // Quit: the shell is back, on the normal screen.
    t.keys("q");
    let start = Instant::now();
    while t.show("#{alternate_on}") != "0" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the alternate screen stayed on"
        );
        sleep(Duration::from_millis(50));
    }
    let s = t.wait_for("ready>");
    assert!(
        !s.contains("Outline"),
        "the viewer is still on screen:\n{s}"
    );
    assert_eq!(t.show("#{cursor_flag}"), "1", "the cursor is visible again");
    // The terminal is back in cooked mode: a typed command runs.
    t.keys("echo back-to-normal");
    t.key("Enter");
    t.wait_for("\nback-to-normal");
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back_and_exit_as_signalled() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let t = Tmux::start(&format!("sig{signal}"), 90, 24);
        t.wait_for("ready>");
        let bin = env!("CARGO_BIN_EXE_treaty");
        t.keys(&format!("{bin} view texts/sample"));
        t.key("Enter");
        t.wait_for("? help");
        // The viewer runs in the foreground of the pane's shell: signal it from outside,
        // as a closing terminal or a `kill` would.
        let shell = t.show("#{pane_pid}");
        let pgrep = Command::new("pgrep")
            .args(["-P", &shell])
            .output()
            .expect("pgrep runs");
        let pid = String::from_utf8_lossy(&pgrep.stdout).trim().to_owned();
        assert!(!pid.is_empty(), "no viewer process under the shell {shell}");
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let start = Instant::now();
        while t.show("#{alternate_on}") != "0" {
            assert!(start.elapsed() < Duration::from_secs(10), "SIG{signal}: the alternate screen stayed on");
            sleep(Duration::from_millis(50));
        }
        t.keys("echo exit=$?");
        t.key("Enter");
        let s = t.wait_for(&format!("\nexit={code}"));
        assert!(!s.contains("Outline"), "{s}");
    }
}
