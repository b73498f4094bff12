//! The viewer as a daily reader: every word reachable (tall clauses and popups scroll),
//! keys as less and vim users expect, commentary shown where its words are, and the
//! marks a reader relies on (search hits, footnote calls, negotiation changes). Each
//! test drives the sample with keys, a frame drawn after each key as on a screen.

use std::fs;
mod screen;

use screen::{cells_with, frame};
use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use treaty::view::{self, App, Mode, Theme};
use unicode_width::UnicodeWidthStr;

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn open(texts: &Path, annotations: &Path) -> App {
    let data = treaty::view_data(texts, annotations).expect("loads");
    App::new(data, Theme::mono())
}

fn sample() -> App {
    open(&repo("texts/sample"), &repo("annotations"))
}

/// Press `keys` at `w` × `h`, a frame after each; the last frame as text.
fn play(app: &mut App, keys: &str, w: u16, h: u16) -> String {
    view::play(app, &view::parse_keys(keys).expect("keys"), w, h).0
}

/// The status bar: the last row.
fn bar(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// The sample's 11.4, as the final draft words it.
const ELEVEN_FOUR: &str = "Such conditions and safeguards shall include judicial or other independent review, the grounds justifying application, and limits on the scope and duration of each power.";

/// An annotations folder for the sample holding one file.
fn annotations_with(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir_all(dir.path().join("sample")).expect("mkdir");
    fs::write(dir.path().join("sample/notes.toml"), toml).expect("write");
    dir
}

#[test]
fn the_history_popup_shows_every_word_wrapped_to_its_own_width_and_scrolls() {
    let mut a = sample();
    let s = play(&mut a, ":11.4<Enter>h", 160, 40);
    // Every word of the final wording is inside the popup, none cut at its edge.
    for word in ELEVEN_FOUR.split(' ') {
        assert!(s.contains(word), "{word} is missing:\n{s}");
    }
    assert!(s.contains("independent review, the"), "{s}");
    // In a short terminal the popup scrolls: its end is reached with G, its start with g.
    let mut a = sample();
    let s = play(&mut a, ":11.4<Enter>h", 80, 10);
    assert!(s.contains("▼ more"), "{s}");
    assert!(!s.contains("of each power."), "{s}");
    let s = play(&mut a, "G", 80, 10);
    assert!(s.contains("of each power."), "{s}");
    assert!(s.contains("▲ more"), "{s}");
    let s = play(&mut a, "g", 80, 10);
    assert!(s.contains("zero-draft"), "{s}");
    let s = play(&mut a, "<C-d><C-d><C-d>", 80, 10);
    assert!(s.contains("of each power."), "{s}");
    assert_eq!(a.mode(), Mode::History);
}

#[test]
fn a_clause_taller_than_the_pane_is_read_to_its_end() {
    // Ctrl-E a line at a time.
    let mut a = sample();
    let s = play(&mut a, ":11.4<Enter>", 30, 10);
    assert!(s.contains("▼ more"), "{s}");
    assert!(!s.contains("power."), "{s}");
    let s = play(&mut a, &"<C-e>".repeat(12), 30, 10);
    assert!(s.contains("of each power."), "{s}");
    assert!(s.contains("▲ more"), "{s}");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.4"));
    // j scrolls within the clause before it moves on: a line, here the last.
    let mut a = sample();
    let s = play(&mut a, ":11.4<Enter>j", 30, 10);
    assert!(s.contains("of each power."), "{s}");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.4"));
    let s = play(&mut a, "j", 30, 10);
    assert_eq!(
        a.clause().map(ToString::to_string).as_deref(),
        Some("12.1"),
        "{s}"
    );
    let s = play(&mut a, "k", 30, 10);
    assert!(s.contains("of each power."), "{s}");
    // Space a page, b a page back; Ctrl-U half a page.
    let mut a = sample();
    let s = play(&mut a, ":11.4<Enter><Space><Space>", 30, 10);
    assert!(s.contains("of each power."), "{s}");
    let s = play(&mut a, "b", 30, 10);
    assert!(s.contains("4. Such conditions"), "{s}");
    // Scrolling on past the clause's start moves the cursor onto a clause in view.
    let s = play(&mut a, "<C-u><C-u><C-u>", 30, 10);
    assert!(s.contains("2. Such conditions"), "{s}");
    assert_ne!(a.clause().map(ToString::to_string).as_deref(), Some("11.4"));
}

#[test]
fn ctrl_letters_scroll_and_never_do_the_plain_letters_work() {
    let mut a = sample();
    play(&mut a, "<C-d><C-h><C-s><C-f>", 80, 24);
    assert_eq!(a.mode(), Mode::Normal, "Ctrl-D is not d, Ctrl-H is not h");
    // In a prompt, Ctrl-U clears what was typed and Ctrl-W the last word.
    let mut a = sample();
    play(&mut a, ":nonsense<C-u>11(4)<Enter>", 80, 24);
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.4"));
    let s = play(&mut a, "/two words<C-w>", 80, 24);
    assert_eq!(bar(&s).trim_end(), "/two", "{s}");
}

#[test]
fn esc_cancels_and_only_q_quits() {
    let mut a = sample();
    let keys = view::parse_keys("<Esc>").expect("keys");
    assert!(!view::play(&mut a, &keys, 80, 24).1, "Esc quit the viewer");
    let keys = view::parse_keys("/safeguards<Enter><Esc>").expect("keys");
    let (s, quit) = view::play(&mut a, &keys, 80, 24);
    assert!(!quit);
    assert!(bar(&s).contains("Search cleared"), "{s}");
    let keys = view::parse_keys("q").expect("keys");
    assert!(view::play(&mut a, &keys, 80, 24).1);
}

#[test]
fn a_convention_without_commentary_opens_and_says_how_to_add_some() {
    let empty = tempfile::tempdir().expect("a temporary folder");
    let mut a = open(&repo("texts/sample"), empty.path());
    let s = play(&mut a, ":11.4<Enter>", 200, 30);
    assert!(s.contains("4. Such conditions and safeguards"), "{s}");
    assert!(s.contains("No commentary on `sample` yet"), "{s}");
    assert!(s.contains("treaty annotate add"), "{s}");
}

#[test]
fn commentary_on_a_whole_article_is_shown_where_its_quote_is() {
    let notes = annotations_with(
        r#"[[annotation]]
id = "review"
clause = "11"
version = "final"
quote = "judicial or other independent review"
author = "Reader"
date = "2024-09-01"
stance = "support"
body = "Independent review is named at last."
"#,
    );
    let mut a = open(&repo("texts/sample"), notes.path());
    let s = play(&mut a, ":11.4<Enter>", 200, 30);
    assert!(s.contains("Independent review is named at last."), "{s}");
    let s = play(&mut a, ":11.1<Enter>", 200, 30);
    assert!(!s.contains("Independent review is named at last."), "{s}");
    // ] goes to it, where it is shown.
    let s = play(&mut a, ":10<Enter>]", 200, 30);
    assert_eq!(
        a.clause().map(ToString::to_string).as_deref(),
        Some("11.4"),
        "{s}"
    );
}

#[test]
fn brackets_walk_every_annotated_place_and_never_stick() {
    let mut a = sample();
    play(&mut a, "G", 120, 30);
    let mut seen = Vec::new();
    for _ in 0..8 {
        play(&mut a, "[", 120, 30);
        seen.push(a.clause().map(ToString::to_string).unwrap_or_default());
    }
    let mut distinct = seen.clone();
    distinct.sort();
    distinct.dedup();
    assert!(distinct.len() >= 7, "[ went round: {seen:?}");
    assert!(seen.contains(&"preamble.3".to_owned()), "{seen:?}");
}

#[test]
fn search_marks_its_words_in_the_commentary_too() {
    let mut a = sample();
    // "consultations" is a word of an annotation body, not of the text.
    let s = play(&mut a, "/consultations<Enter>", 200, 40);
    assert!(bar(&s).contains("/consultations 1 of 1"), "{s}");
    let buf = frame(&mut a, 200, 40);
    let marked = cells_with(&buf, Modifier::REVERSED);
    assert!(marked.contains("consultations"), "{marked}");
}

#[test]
fn the_text_pane_fills_again_after_the_window_grows() {
    let mut a = sample();
    let mut t = Terminal::new(TestBackend::new(80, 8)).expect("terminal");
    for k in view::parse_keys(":11.4<Enter>").expect("keys") {
        a.key(k);
        t.draw(|f| a.draw(f)).expect("draws");
    }
    t.backend_mut().resize(80, 60);
    t.draw(|f| a.draw(f)).expect("draws");
    let s = view::buffer_text(t.backend().buffer());
    // The whole of article 11 fits now: it is shown from its first paragraph.
    assert!(s.contains("1. "), "{s}");
    let rows: Vec<&str> = s.lines().collect();
    let first_text = rows.iter().position(|r| r.contains("1. ")).unwrap_or(99);
    assert!(first_text <= 2, "rows left empty above the text:\n{s}");
}

#[test]
fn wide_characters_take_two_cells_in_the_dump_and_rows_keep_their_width() {
    let notes = annotations_with(
        r#"[[annotation]]
id = "wide"
clause = "6.1"
version = "final"
author = "读者"
date = "2024-09-01"
stance = "note"
body = "缔约国应当采取必要的立法和其他措施 👍🏽 e\u0301"
"#,
    );
    let mut a = open(&repo("texts/sample"), notes.path());
    let s = play(&mut a, ":6.1<Enter>", 100, 20);
    assert!(s.contains("缔约国"), "{s}");
    for row in s.lines() {
        assert!(row.width() <= 100, "{} cells: {row}", row.width());
    }
    let bordered: Vec<&str> = s.lines().filter(|r| r.ends_with('┐')).collect();
    assert!(bordered.iter().all(|r| r.width() == 100), "{bordered:?}");
}

#[test]
fn negotiation_changes_are_marked_when_comparing() {
    // 8.1 lost its [agreed ad referendum] since the zero draft; its words did not change.
    let mut a = sample();
    let s = play(&mut a, ":8.1<Enter>d<Enter>", 200, 40);
    assert!(s.contains("[agreed ad referendum]"), "{s}");
    let crossed = cells_with(&frame(&mut a, 200, 40), Modifier::CROSSED_OUT);
    assert!(crossed.contains("[agreed ad referendum]"), "{crossed}");
    // Side by side, the old column keeps the old draft's brackets, marked deleted.
    let s = play(&mut a, ":6.1<Enter>s", 200, 40);
    assert!(s.contains("[dishonestly]"), "{s}");
    let crossed = cells_with(&frame(&mut a, 200, 40), Modifier::CROSSED_OUT);
    assert!(crossed.contains("[dishonestly]"), "{crossed}");
}

#[test]
fn a_footnote_call_is_shown_and_enter_follows_it() {
    let mut a = sample();
    let s = play(&mut a, ":2.b<Enter>", 200, 40);
    assert!(s.contains("on their behalf; [^1]"), "{s}");
    play(&mut a, "<Enter>", 200, 40);
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("fn.1"));
    play(&mut a, "<BS>", 200, 40);
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("2.b"));
}

#[test]
fn a_clause_without_a_number_stays_put_when_the_cursor_comes() {
    let mut a = sample();
    let on = play(&mut a, "", 120, 20);
    let off = play(&mut a, "j", 120, 20);
    let column = |s: &str| {
        s.lines()
            .find_map(|r| r.find("The States Parties").map(|i| r[..i].width()))
            .expect("the first words of the preamble")
    };
    assert_eq!(column(&on), column(&off), "{on}\n{off}");
}

#[test]
fn the_status_bar_keeps_the_pane_the_mode_and_the_filter_beside_messages() {
    let mut a = sample();
    let s = play(&mut a, "fstance:concern<Enter>n", 80, 24);
    assert!(bar(&s).contains("No search"), "{s}");
    assert!(bar(&s).contains("TEXT"), "{s}");
    assert!(bar(&s).contains("filter stance:concern"), "{s}");
    let s = play(&mut a, "<Tab>", 30, 10);
    assert!(bar(&s).starts_with("COMMENTARY"), "{s}");
    let s = play(&mut a, "d<Enter>", 200, 10);
    assert!(bar(&s).contains("compare zero-draft"), "{s}");
}

#[test]
fn prompts_complete_cycle_cancel_and_refuse_what_they_cannot_do() {
    // Tab shows the completions and each Tab the next one.
    let mut a = sample();
    let s = play(&mut a, ":1<Tab>", 80, 24);
    assert!(s.contains("Clauses (Tab: next)"), "{s}");
    assert!(bar(&s).starts_with(":1 ") || bar(&s) == ":1", "{s}");
    let s = play(&mut a, "<Tab>", 80, 24);
    assert!(bar(&s).starts_with(":10"), "{s}");
    let s = play(&mut a, "<S-Tab>", 80, 24);
    assert!(bar(&s).trim_end() == ":1", "{s}");
    // Enter on an empty prompt cancels, as Esc does.
    let mut a = sample();
    let s = play(&mut a, ":<Enter>", 80, 24);
    assert!(!bar(&s).contains("invalid"), "{s}");
    assert_eq!(a.mode(), Mode::Normal);
    // A filter that names no stance is refused, and says so.
    let s = play(&mut a, "fstance:bogus<Enter>", 120, 24);
    assert!(bar(&s).contains("Filter not applied"), "{s}");
    // g and G in the help popup; the help names Shift-Tab.
    let s = play(&mut a, "?G", 80, 12);
    assert!(s.contains("quit"), "{s}");
    let s = play(&mut a, "g", 80, 12);
    assert!(s.contains("next / previous clause"), "{s}");
    assert!(
        view::HELP.iter().any(|(k, _)| k.contains("S-Tab")),
        "{:?}",
        view::HELP
    );
}

#[test]
fn y_copies_a_citation_the_id_or_the_words() {
    let mut a = sample();
    let s = play(&mut a, ":11.4<Enter>y", 120, 24);
    assert!(s.contains("Copy to the clipboard"), "{s}");
    assert_eq!(a.mode(), Mode::Copy);
    let s = play(&mut a, "<Enter>", 120, 24);
    assert!(bar(&s).contains("Copied a citation"), "{s}");
    let cited = a.copied.clone().expect("copied");
    assert!(cited.starts_with("Article 11, paragraph 4, "), "{cited}");
    assert!(cited.ends_with("(final, 2024)"), "{cited}");
    play(&mut a, "yj<Enter>", 120, 24);
    assert_eq!(a.copied.as_deref(), Some("11.4"));
    play(&mut a, "yG<Enter>", 120, 24);
    assert_eq!(a.copied.as_deref(), Some(ELEVEN_FOUR));
}

#[test]
fn search_moves_as_it_is_typed_and_esc_goes_back() {
    let mut a = sample();
    play(&mut a, ":3<Enter>", 120, 24);
    let s = play(&mut a, "/independent re", 120, 24);
    assert_eq!(
        a.clause().map(ToString::to_string).as_deref(),
        Some("11.4"),
        "{s}"
    );
    assert_eq!(a.mode(), Mode::Search);
    play(&mut a, "<Esc>", 120, 24);
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("3.1"));
    // Accepted with Enter, Backspace comes back from the match.
    play(&mut a, "/independent re<Enter>", 120, 24);
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.4"));
    play(&mut a, "<BS>", 120, 24);
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("3.1"));
}

#[test]
fn the_annotation_form_asks_for_what_it_needs_and_cancels_with_esc() {
    let mut a = sample();
    let s = play(&mut a, ":11.4<Enter>/independent review<Enter>a", 120, 30);
    assert!(s.contains("Annotate 11.4"), "{s}");
    assert_eq!(a.mode(), Mode::Annotate);
    // The search is offered as the quote; without a body nothing is asked of the command.
    let s = play(&mut a, "Me<C-s>", 120, 30);
    assert!(bar(&s).contains("Write a body."), "{s}");
    assert_eq!(a.take_request(), None);
    play(
        &mut a,
        "<Tab><C-u>concern<Tab>a, b<Tab><Tab>Too narrow.<Enter>",
        120,
        30,
    );
    match a.take_request() {
        Some(view::Request::Add(n)) => {
            assert_eq!(n.clause.to_string(), "11.4");
            assert_eq!(n.version, "final");
            assert_eq!(n.author, "Me");
            assert_eq!(n.stance, "concern");
            assert_eq!(n.tags, ["a", "b"]);
            assert_eq!(n.quote.as_deref(), Some("independent review"));
            assert_eq!(n.body, "Too narrow.");
        }
        other => panic!("{other:?}"),
    }
    play(&mut a, "<Esc>", 120, 30);
    assert_eq!(a.mode(), Mode::Normal);
    // e with no annotation under the cursor says what to do.
    let s = play(&mut a, ":3<Enter>e", 120, 30);
    assert!(bar(&s).contains("a writes one"), "{s}");
}

#[test]
fn typing_in_the_outline_narrows_it_to_the_matching_articles() {
    let mut a = sample();
    let s = play(&mut a, "<Tab><Tab>/safeg", 120, 20);
    assert!(s.contains("Article 11 — Co"), "{s}");
    assert!(!s.contains("Article 6 —"), "{s}");
    assert!(s.contains("Chapter III"), "the division it is in: {s}");
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.1"));
    // Enter keeps the filter; j moves among what it keeps; Esc in the prompt clears it.
    let s = play(&mut a, "<Enter>", 120, 20);
    assert!(bar(&s).contains("outline safeg"), "{s}");
    let s = play(&mut a, "/<C-u>article<Enter>j", 120, 20);
    assert!(s.contains("Article 6 —"), "{s}");
    let s = play(&mut a, "/<Esc>", 120, 20);
    assert!(s.contains("Preamble"), "{s}");
    assert!(!bar(&s).contains("outline"), "{s}");
}

#[test]
fn a_form_survives_a_reload_and_pasted_text_is_typed_not_run() {
    let mut a = sample();
    play(&mut a, ":11.4<Enter>aMe<Tab><Tab><Tab><Tab>", 120, 30);
    // Pasted: the body keeps its lines, and the `q` in it quits nothing.
    a.paste("First line, q.\nSecond line.");
    assert_eq!(a.mode(), Mode::Annotate);
    // A change on disk reloads the data; the form and what was typed stay.
    let data = treaty::view_data(&repo("texts/sample"), &repo("annotations")).expect("loads");
    a.answer(view::Reply::Reload(Box::new(data), "reloaded".into()));
    assert_eq!(a.mode(), Mode::Annotate);
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("11.4"));
    play(&mut a, "<C-s>", 120, 30);
    match a.take_request() {
        Some(view::Request::Add(n)) => assert_eq!(n.body, "First line, q.\nSecond line."),
        other => panic!("{other:?}"),
    }
    // Ctrl-C in the form cancels it rather than quitting.
    let keys = view::parse_keys("<C-c>").expect("keys");
    assert!(!view::play(&mut a, &keys, 120, 30).1);
    assert_eq!(a.mode(), Mode::Normal);
    // Pasted into a prompt: one line.
    play(&mut a, ":", 120, 30);
    a.paste("12(2)\n");
    play(&mut a, "<Enter>", 120, 30);
    assert_eq!(a.clause().map(ToString::to_string).as_deref(), Some("12.2"));
}
