//! The viewer without a terminal: built on the sample convention, driven with keys, drawn
//! into ratatui's TestBackend and snapshotted, in every mode at 80×24, 200×50 and 20×6.

mod screen;

use screen::{cells_with, frame};
use std::path::PathBuf;

use ratatui::style::Modifier;
use treaty::view::{self, App, Mode, Theme};

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn app(convention: &str) -> App {
    let data = treaty::view_data(&repo(&format!("texts/{convention}")), &repo("annotations"))
        .expect("loads");
    App::new(data, Theme::mono())
}

fn press(app: &mut App, keys: &str) {
    for k in view::parse_keys(keys).expect("keys") {
        app.key(k);
    }
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    view::dump(app, w, h)
}

/// Every mode, as the keys that reach it from a fresh start.
const MODES: &[(&str, &str)] = &[
    ("read", ""),
    ("help", "?"),
    ("jump", ":11"),
    ("search", "/safeguards<Enter>"),
    ("filter", ":11.4<Enter>fstance:support<Enter>"),
    ("commentary", ":11.4<Enter>c"),
    ("pick_draft", "d"),
    ("compare", ":11<Enter>d<Enter>"),
    ("side_by_side", ":10<Enter>d<Enter>s"),
    ("history", ":12.2<Enter>h"),
    ("pick_reference", ":12.1<Enter><Enter>"),
    ("outline", "<Tab><Tab>jjj"),
];

#[test]
fn every_mode_at_three_sizes() {
    for (name, keys) in MODES {
        for (w, h) in [(80, 24), (200, 50), (20, 6)] {
            let mut a = app("sample");
            press(&mut a, keys);
            insta::assert_snapshot!(format!("view_{name}_{w}x{h}"), screen(&mut a, w, h));
        }
    }
}

#[test]
fn a_convention_without_its_text_lists_its_commentary_and_says_how_to_import() {
    for (w, h) in [(80, 24), (200, 50), (20, 6)] {
        let mut a = app("un-cybercrime-convention");
        insta::assert_snapshot!(format!("view_missing_text_{w}x{h}"), screen(&mut a, w, h));
    }
    let mut a = app("un-cybercrime-convention");
    let s = screen(&mut a, 200, 50);
    assert!(
        s.contains("No text of `un-cybercrime-convention` is here yet"),
        "{s}"
    );
    assert!(s.contains("treaty import FILE"), "{s}");
    assert!(
        s.contains("texts/un-cybercrime-convention --label final"),
        "{s}"
    );
    assert!(s.contains("32 annotations:"), "{s}");
}

#[test]
fn keys_do_what_the_help_says() {
    let mut a = app("sample");
    press(&mut a, ":Art. 12(2)<Enter>");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("12.2"));
    // Following the reference in article 10 lands on article 11; Backspace comes back.
    press(&mut a, ":10<Enter><Enter>");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.1"));
    press(&mut a, "<BS>");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("10"));
    // ] goes to the next annotated clause: article 11 as a whole has a note, shown where
    // its quote is (11.4, which has its own note too); then 12.2. j and k move by one.
    press(&mut a, "]");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.4"));
    press(&mut a, "]");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("12.2"));
    press(&mut a, "[");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.4"));
    press(&mut a, "k");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.3"));
    // Search: n cycles through the matches.
    press(&mut a, "gg/independent review<Enter>");
    let first = a.clause().cloned();
    press(&mut a, "n");
    assert_eq!(a.clause().cloned(), first, "one match: n comes back to it");
    // A clause that does not exist is said, and nothing moves.
    press(&mut a, ":99<Enter>");
    assert!(screen(&mut a, 100, 20).contains("There is no clause 99 in this draft."));
    assert_eq!(a.clause().cloned(), first);
    // Compare: } goes to the next change.
    press(&mut a, "d<Enter>:1<Enter>}");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("3.1"));
    // Esc closes a popup; q quits from the reading mode.
    press(&mut a, "?");
    assert_eq!(a.mode(), Mode::Help);
    press(&mut a, "<Esc>");
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(
        a.key(view::parse_keys("q").expect("keys")[0]),
        view::Action::Quit
    );
    assert_eq!(
        a.key(view::parse_keys("<C-c>").expect("keys")[0]),
        view::Action::Quit
    );
}

#[test]
fn compare_shows_change_badges_and_the_redline() {
    let mut a = app("sample");
    press(&mut a, ":10<Enter>d<Enter>");
    let s = screen(&mut a, 200, 50);
    assert!(s.contains("compare zero-draft"), "{s}");
    assert!(
        s.contains("Article 4 — Respect for human rights") && s.contains("new"),
        "{s}"
    );
    assert!(s.contains("from 4"), "{s}");
    assert!(s.contains("split"), "{s}");
    // Deleted words are drawn crossed out, inserted ones underlined.
    let buf = frame(&mut a, 200, 50);
    let crossed = cells_with(&buf, Modifier::CROSSED_OUT);
    let underlined = cells_with(&buf, Modifier::UNDERLINED);
    assert!(crossed.contains('9'), "the old article number: {crossed}");
    assert!(underlined.contains("11"), "the new one: {underlined}");
}

#[test]
fn the_monochrome_theme_marks_with_reverse_video_bold_and_underline() {
    let mut a = app("sample");
    press(&mut a, ":11.4<Enter>");
    let buf = frame(&mut a, 200, 50);
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
    // The quoted words are in reverse video, the reference in article 10 underlined.
    let reversed = cells_with(&buf, Modifier::REVERSED);
    assert!(
        reversed.contains("judicial or other independent review"),
        "{reversed}"
    );
    press(&mut a, ":10<Enter>");
    let buf = frame(&mut a, 200, 50);
    assert!(cells_with(&buf, Modifier::UNDERLINED).contains("article 11"));
    // With colour, the same marks use the terminal's palette.
    let data = treaty::view_data(&repo("texts/sample"), &repo("annotations")).expect("loads");
    let mut coloured = App::new(data, Theme { color: true });
    press(&mut coloured, ":11.4<Enter>");
    let buf = frame(&mut coloured, 200, 50);
    assert!(
        buf.content()
            .iter()
            .any(|c| c.bg == ratatui::style::Color::Yellow)
    );
}

#[test]
fn nothing_panics_at_any_size_down_to_one_by_one() {
    for (_, keys) in MODES {
        let mut a = app("sample");
        press(&mut a, keys);
        for w in (1..=40).chain([59, 60, 99, 100, 101]) {
            for h in 1..=12 {
                let _ = screen(&mut a, w, h);
            }
        }
    }
    let mut a = app("un-cybercrime-convention");
    for w in 1..=30 {
        for h in 1..=8 {
            let _ = screen(&mut a, w, h);
        }
    }
}

#[test]
fn escape_sequences_in_texts_and_bodies_are_shown_escaped() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let texts = dir.path().join("texts/evil");
    let notes = dir.path().join("annotations/evil");
    std::fs::create_dir_all(&texts).expect("mkdir");
    std::fs::create_dir_all(&notes).expect("mkdir");
    std::fs::write(
        texts.join("convention.toml"),
        "[convention]\nid = \"evil\"\ntitle = \"Evil\"\n\n[[versions]]\nlabel = \"v1\"\nfile = \"v1.txt\"\n",
    )
    .expect("write");
    std::fs::write(
        texts.join("v1.txt"),
        "Evil Convention\n\nArticle 1\nHeading \u{1b}]0;pwned\u{7}\n1. Words \u{1b}[31mred\u{1b}[0m and a bell \u{7} here.\n",
    )
    .expect("write");
    std::fs::write(
        notes.join("x.toml"),
        "[[annotation]]\nid = \"x\"\nclause = \"1.1\"\nversion = \"v1\"\nauthor = \"A \\u001b[2J\"\ndate = \"2024\"\nstance = \"note\"\nbody = \"Body \\u001b[31mred\\u0007\"\n",
    )
    .expect("write");
    let data = treaty::view_data(&texts, &dir.path().join("annotations")).expect("loads");
    let mut a = App::new(data, Theme::mono());
    press(&mut a, ":1.1<Enter>");
    let buf = frame(&mut a, 200, 30);
    let all: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(
        !all.contains('\u{1b}') && !all.contains('\u{7}'),
        "a control character reached the screen"
    );
    let text = view::buffer_text(&buf);
    assert!(text.contains("\\u{1b}[31mred"), "{text}");
    assert!(text.contains("Body \\u{1b}[31mred"), "{text}");
}

#[test]
fn the_mouse_scrolls_and_selects_and_m_turns_it_off() {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut a = app("sample");
    let _ = frame(&mut a, 200, 50);
    let at = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // The outline row that reads "Article 6": click it.
    let s = screen(&mut a, 200, 50);
    let row = s
        .lines()
        .position(|l| l.contains("Article 6 — Illegal access"))
        .expect("article 6 in the outline") as u16;
    a.mouse_event(at(MouseEventKind::Down(MouseButton::Left), 5, row));
    let _ = frame(&mut a, 200, 50);
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("6.1"));
    // The wheel over the text scrolls it, and the selection stays while it is in view.
    let mut a = app("sample");
    press(&mut a, ":11.1<Enter>");
    let before = screen(&mut a, 120, 12);
    a.mouse_event(at(MouseEventKind::ScrollDown, 60, 5));
    let after = screen(&mut a, 120, 12);
    assert_ne!(before, after, "the wheel scrolled nothing");
    assert!(after.contains("▲ more"), "{after}");
    // Over the outline it scrolls the outline, not the selection.
    a.mouse_event(at(MouseEventKind::ScrollDown, 5, 5));
    a.mouse_event(at(MouseEventKind::ScrollDown, 5, 5));
    let _ = screen(&mut a, 120, 12);
    assert!(a.clause().is_some_and(|c| c.to_string().starts_with("11.")));
    // With mouse capture off (m), the viewer ignores the mouse.
    let held = a.clause().cloned();
    press(&mut a, "m");
    assert!(!a.mouse);
    a.mouse_event(at(MouseEventKind::ScrollUp, 60, 5));
    assert_eq!(a.clause().cloned(), held);
    assert!(screen(&mut a, 200, 50).contains("mouse off"));
}
