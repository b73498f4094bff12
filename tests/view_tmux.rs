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
    let s = t.wait_for("compare zero-draft");
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
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "SIG{signal}: the alternate screen stayed on"
            );
            sleep(Duration::from_millis(50));
        }
        t.keys("echo exit=$?");
        t.key("Enter");
        let s = t.wait_for(&format!("\nexit={code}"));
        assert!(!s.contains("Outline"), "{s}");
    }
}

impl Tmux {
    /// The viewer's process: the child of the pane's shell.
    fn viewer_pid(&self) -> String {
        let shell = self.show("#{pane_pid}");
        let pgrep = Command::new("pgrep")
            .args(["-P", &shell])
            .output()
            .expect("pgrep runs (Debian package procps)");
        let pid = String::from_utf8_lossy(&pgrep.stdout).trim().to_owned();
        assert!(!pid.is_empty(), "no viewer process under the shell {shell}");
        pid
    }
}

/// The CPU time a process has used, in clock ticks (user + system).
fn cpu_ticks(pid: &str) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the process runs");
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')').expect("a command name") + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime")
}

#[test]
fn a_reader_scrolls_tall_clauses_and_popups_and_esc_never_quits() {
    let t = Tmux::start("reader", 160, 40);
    t.wait_for("ready>");
    let bin = env!("CARGO_BIN_EXE_treaty");
    t.keys(&format!("{bin} view texts/sample"));
    t.key("Enter");
    t.wait_for("? help");
    // The history popup at 160 columns shows the whole final wording of 11.4.
    t.keys(":11.4");
    t.key("Enter");
    t.wait_for("11.4 · 12/17 · sample · final");
    t.keys("h");
    let s = t.wait_for("11.4 in every draft");
    for words in [
        "independent review, the",
        "grounds justifying application",
        "of each power.",
    ] {
        assert!(s.contains(words), "{words:?} is not in the popup:\n{s}");
    }
    // Esc closes the popup, and a second Esc quits nothing.
    t.key("Escape");
    t.wait_gone("in every draft");
    t.key("Escape");
    sleep(Duration::from_millis(300));
    assert_eq!(t.show("#{alternate_on}"), "1", "Esc quit the viewer");
    // In a 30×8 terminal, 11.4 is taller than the pane: Ctrl-E reaches its last words.
    assert!(
        t.cmd(&["resize-window", "-t", "v", "-x", "30", "-y", "8"])
            .status()
            .expect("tmux")
            .success()
    );
    t.wait_for("more");
    for _ in 0..10 {
        t.key("C-e");
    }
    let s = t.wait_for("power.");
    assert!(s.contains("11.4"), "{s}");
    t.keys("q");
    t.wait_for("ready>");
}

#[test]
fn a_folder_without_commentary_opens() {
    let empty = tempfile::tempdir().expect("a temporary folder");
    let t = Tmux::start("bare", 120, 30);
    t.wait_for("ready>");
    let bin = env!("CARGO_BIN_EXE_treaty");
    t.keys(&format!(
        "{bin} view texts/sample --annotations {}",
        empty.path().display()
    ));
    t.key("Enter");
    let s = t.wait_for("No commentary on");
    assert!(s.contains("Preamble"), "{s}");
    t.keys("q");
    t.wait_for("ready>");
}

#[test]
fn an_idle_viewer_uses_no_cpu_and_ends_when_its_terminal_goes() {
    let t = Tmux::start("gone", 100, 30);
    t.wait_for("ready>");
    let bin = env!("CARGO_BIN_EXE_treaty");
    t.keys(&format!("{bin} view texts/sample"));
    t.key("Enter");
    t.wait_for("? help");
    let pid = t.viewer_pid();
    // Idle for two seconds: a few wake-ups to look for signals, no frames drawn.
    let before = cpu_ticks(&pid);
    sleep(Duration::from_secs(2));
    let used = cpu_ticks(&pid) - before;
    assert!(used <= 5, "an idle viewer used {used} ticks of CPU in 2 s");
    // The terminal goes away with its session: the viewer ends within a second or so.
    assert!(
        t.cmd(&["kill-session", "-t", "v"])
            .status()
            .expect("tmux")
            .success()
    );
    let start = Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let zombie =
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") Z "));
        if zombie {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "the viewer still runs after its terminal went away"
        );
        sleep(Duration::from_millis(50));
    }
}

/// A scratch project: the sample's texts and an empty annotations folder.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let texts = dir.path().join("texts/sample");
    std::fs::create_dir_all(&texts).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("annotations/sample")).expect("mkdir");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/sample");
    for e in std::fs::read_dir(sample).expect("the sample").flatten() {
        std::fs::copy(e.path(), texts.join(e.file_name())).expect("copy");
    }
    dir
}

#[test]
fn commentary_is_written_and_edited_from_the_viewer_and_outside_changes_reload() {
    let project = scratch();
    let root = project.path();
    // An "editor" that rewrites the body it is given, as a person would in vi.
    let editor = root.join("edit.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nfor a; do f=$a; done\nsed -i 's/first thoughts/second thoughts/' \"$f\"\n",
    )
    .expect("write");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let t = Tmux::start("write", 140, 36);
    t.wait_for("ready>");
    let bin = env!("CARGO_BIN_EXE_treaty");
    t.keys(&format!(
        "XDG_CONFIG_HOME={root}/config EDITOR={editor} {bin} view {root}/texts/sample",
        root = root.display(),
        editor = editor.display()
    ));
    t.key("Enter");
    t.wait_for("No commentary on");
    t.keys(":11.4");
    t.key("Enter");
    t.keys("a");
    t.wait_for("Annotate 11.4");
    t.keys("Tester");
    t.key("Tab");
    t.key("C-u");
    t.keys("support");
    t.key("Tab");
    t.keys("review");
    t.key("Tab");
    t.keys("independent review");
    t.key("Tab");
    t.keys("My first thoughts.");
    t.key("Enter");
    let s = t.wait_for("Added ");
    assert!(s.contains("My first thoughts."), "{s}");
    let file = root.join("annotations/sample/tester.toml");
    let written = std::fs::read_to_string(&file).expect("the annotation file");
    assert!(written.contains("clause = \"11.4\""), "{written}");
    assert!(
        written.contains("quote = \"independent review\""),
        "{written}"
    );
    // e opens it in the editor at its line; the viewer shows what the editor wrote.
    t.keys("e");
    let s = t.wait_for("second thoughts");
    assert!(s.contains("Reloaded after editing"), "{s}");
    // A change made outside the viewer shows within a couple of seconds.
    let mut more = std::fs::read_to_string(&file).expect("read");
    more.push_str(
        "\n[[annotation]]\nid = \"outside\"\nclause = \"11.4\"\nversion = \"final\"\nauthor = \"Someone else\"\ndate = \"2024-09-01\"\nstance = \"note\"\nbody = \"Written in another window.\"\n",
    );
    std::fs::write(&file, more).expect("write");
    t.wait_for("Written in another window.");
    t.keys("q");
    t.wait_for("ready>");
    // The author is remembered for the next form.
    let remembered = std::fs::read_to_string(root.join("config/treaty/author")).expect("kept");
    assert_eq!(remembered, "Tester");
}
