//! The viewer's state and how keys and the mouse change it, and the layout that puts the
//! panes, the status bar and a popup on the screen. Nothing here touches a terminal.

use ratatui::Frame;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use treaty_annotate::Filter;
use treaty_model::{ClauseId, escape_controls};

use super::commentary::{Commentary, notes, placements};
use super::copy;
use super::form::{Form, Reply, Request};
use super::look::Look;
use super::outline::OutlinePane;
use super::popup::{Pick, Popup, draw_completions, draw_form};
use super::reader::{Data, Reader, blocks_of};
use super::text::{cells, truncate};
use super::text_pane::TextPane;
use super::theme::Theme;

/// Which pane has the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Outline,
    Text,
    Commentary,
}

/// What the keys do now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The `?` popup.
    Help,
    /// `:` and a clause ID being typed.
    Jump,
    /// `/` and a search being typed.
    Search,
    /// `f` and a commentary filter being typed.
    Filter,
    /// `d`: choosing the draft to compare with.
    PickDraft,
    /// `h`: the clause in every draft.
    History,
    /// `Enter` on a clause with several references: choosing one.
    PickRef,
    /// `y`: choosing what to copy.
    Copy,
    /// `a`: the annotation form.
    Annotate,
}

/// What the caller should do after an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Continue,
    Quit,
}

/// How far a scrolling key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scroll {
    Lines(isize),
    Half(isize),
    Page(isize),
}

impl Scroll {
    /// In lines, for a pane or popup `height` lines high.
    fn lines(self, height: usize) -> isize {
        let h = height.max(1) as isize;
        match self {
            Scroll::Lines(n) => n,
            Scroll::Half(n) => n * (h / 2).max(1),
            Scroll::Page(n) => n * (h - 1).max(1),
        }
    }
}

/// A line being typed in the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prompt {
    Jump,
    Search,
    Filter,
    /// `/` in the outline: its rows narrowed as it is typed.
    Outline,
}

/// The whole viewer: the data, the three panes, a popup or prompt, and the reading state
/// they share.
#[derive(Debug)]
pub struct App {
    reader: Reader,
    theme: Theme,
    outline: OutlinePane,
    text: TextPane,
    notes: Commentary,
    popup: Option<Popup>,
    /// The popup's scroll, and its number of lines and height in the last frame.
    popup_scroll: usize,
    popup_fit: (usize, usize),
    prompt: Option<(Prompt, String)>,
    /// Tab in the jump prompt: what was typed before the first Tab, and which of its
    /// completions is shown.
    tab: Option<(String, usize)>,
    /// Where the cursor was when `/` was pressed: the search moves as it is typed, and
    /// Esc goes back there.
    search_from: Option<(usize, usize)>,
    /// The outline narrowed to the units whose number or heading hold these words.
    outline_filter: Option<String>,
    /// Copied text the terminal has not been sent yet (OSC 52), and the last copied.
    clipboard: Option<String>,
    pub copied: Option<String>,
    /// The annotation form being filled, and what the viewer asks its command to do.
    form: Option<Form>,
    request: Option<Request>,
    focus: Pane,
    /// The search and its hits: (unit, clause).
    search: Option<String>,
    hits: Vec<(usize, ClauseId)>,
    hit: usize,
    /// The commentary filter, as typed and as read.
    filter_text: Option<String>,
    filter: Filter,
    /// Where to go back to: (unit, cursor).
    back: Vec<(usize, usize)>,
    /// The draft compared with, when comparing.
    compare: Option<String>,
    side_by_side: bool,
    /// The language shown beside the text, clause by clause (`p`): an index into the
    /// data's other languages.
    split: Option<usize>,
    pub mouse: bool,
    message: Option<String>,
    /// With a narrow terminal: whether the commentary is shown instead of the text.
    show_notes: bool,
    /// Whether the last frame showed the commentary in the text's place.
    notes_in_place: bool,
}

impl App {
    pub fn new(data: Data, theme: Theme) -> Self {
        let message = data.missing.clone();
        let mut app = Self {
            reader: Reader::new(data),
            theme,
            outline: OutlinePane::default(),
            text: TextPane::default(),
            notes: Commentary::default(),
            popup: None,
            popup_scroll: 0,
            popup_fit: (0, 0),
            prompt: None,
            tab: None,
            search_from: None,
            outline_filter: None,
            clipboard: None,
            copied: None,
            form: None,
            request: None,
            focus: Pane::Text,
            search: None,
            hits: Vec::new(),
            hit: 0,
            filter_text: None,
            filter: Filter::default(),
            back: Vec::new(),
            compare: None,
            side_by_side: false,
            split: None,
            mouse: true,
            message,
            show_notes: false,
            notes_in_place: false,
        };
        app.select_unit(0);
        app
    }

    /// What the keys do now.
    pub fn mode(&self) -> Mode {
        if self.form.is_some() {
            return Mode::Annotate;
        }
        match (&self.prompt, &self.popup) {
            (Some((Prompt::Jump, _)), _) => Mode::Jump,
            (Some((Prompt::Search | Prompt::Outline, _)), _) => Mode::Search,
            (Some((Prompt::Filter, _)), _) => Mode::Filter,
            (None, Some(Popup::Help)) => Mode::Help,
            (None, Some(Popup::History { .. } | Popup::Synopsis { .. })) => Mode::History,
            (
                None,
                Some(Popup::List {
                    pick: Pick::Draft(_),
                    ..
                }),
            ) => Mode::PickDraft,
            (
                None,
                Some(Popup::List {
                    pick: Pick::Reference(_),
                    ..
                }),
            ) => Mode::PickRef,
            (
                None,
                Some(Popup::List {
                    pick: Pick::Copy(_),
                    ..
                }),
            ) => Mode::Copy,
            (None, None) => Mode::Normal,
        }
    }

    /// The clause under the cursor.
    pub fn clause(&self) -> Option<&ClauseId> {
        self.text.clause()
    }

    fn look(&self) -> Look<'_> {
        Look {
            reader: &self.reader,
            theme: self.theme,
            compare: self.compare.as_deref(),
            side_by_side: self.side_by_side,
            parallel: self
                .split
                .and_then(|k| self.reader.data.parallel.get(k))
                .map(|(l, d)| (l.as_str(), d)),
            search: self.search.as_deref(),
            filter: &self.filter,
            outline_filter: self.outline_filter.as_deref(),
        }
    }

    fn select_unit(&mut self, unit: usize) {
        self.text.select(&self.reader, unit);
        self.notes.scroll = 0;
    }

    /// Go to a clause (its unit, then its first block), remembering where we were.
    fn go_to(&mut self, id: &ClauseId, remember: bool) -> bool {
        let Some(&u) = self.reader.unit_of.get(id) else {
            return false;
        };
        if remember {
            self.back.push((self.text.unit, self.text.cursor));
        }
        if u != self.text.unit {
            self.select_unit(u);
        }
        self.text.seek(id);
        self.notes.scroll = 0;
        true
    }

    /// Handle a key.
    pub fn key(&mut self, k: KeyEvent) -> Action {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(k.code, KeyCode::Char('c')) {
            // In the form, Ctrl-C cancels it (as in a shell); anywhere else it quits.
            if self.form.take().is_some() {
                self.message = Some("Nothing was written.".into());
                return Action::Continue;
            }
            return Action::Quit;
        }
        self.message = self.reader.data.missing.clone();
        if self.form.is_some() {
            self.key_form(k);
            return Action::Continue;
        }
        if self.prompt.is_some() {
            self.key_prompt(k);
            return Action::Continue;
        }
        // Ctrl and a letter scroll as in less and vim, and never do the letter's work.
        let scroll = match k.code {
            KeyCode::Char('e') if ctrl => Some(Scroll::Lines(1)),
            KeyCode::Char('y') if ctrl => Some(Scroll::Lines(-1)),
            KeyCode::Char('d') if ctrl => Some(Scroll::Half(1)),
            KeyCode::Char('u') if ctrl => Some(Scroll::Half(-1)),
            KeyCode::Char('f') if ctrl => Some(Scroll::Page(1)),
            KeyCode::Char('b') if ctrl => Some(Scroll::Page(-1)),
            _ if ctrl => return Action::Continue,
            KeyCode::Char(' ') | KeyCode::PageDown => Some(Scroll::Page(1)),
            KeyCode::Char('b') | KeyCode::PageUp => Some(Scroll::Page(-1)),
            _ => None,
        };
        match self.popup.take() {
            None => {
                if let Some(by) = scroll {
                    self.scroll(by);
                    return Action::Continue;
                }
                return self.key_normal(k);
            }
            Some(Popup::List { pick, at }) => self.key_list(k, scroll, pick, at),
            Some(p) => self.key_popup(k, scroll, p),
        }
        Action::Continue
    }

    /// Keys in a popup that shows text: they scroll it, and Esc, q, Enter (and the key
    /// that opened it) close it.
    fn key_popup(&mut self, k: KeyEvent, scroll: Option<Scroll>, p: Popup) {
        let (total, height) = self.popup_fit;
        let most = total.saturating_sub(height);
        let by = match (k.code, scroll) {
            (_, Some(s)) => s.lines(height),
            (KeyCode::Char('j') | KeyCode::Down, _) => 1,
            (KeyCode::Char('k') | KeyCode::Up, _) => -1,
            (KeyCode::Char('g') | KeyCode::Home, _) => isize::MIN / 2,
            (KeyCode::Char('G') | KeyCode::End, _) => isize::MAX / 2,
            (KeyCode::Esc | KeyCode::Char('q' | '?' | 'h') | KeyCode::Enter, _) => {
                self.popup_scroll = 0;
                return;
            }
            _ => 0,
        };
        self.popup_scroll = (self.popup_scroll as isize)
            .saturating_add(by)
            .clamp(0, most as isize) as usize;
        self.popup = Some(p);
    }

    /// The pane keys act on: the focused one, or the commentary when it is shown in
    /// place of the text (`c` on a narrow terminal).
    fn acting(&self) -> Pane {
        match self.focus {
            Pane::Text if self.notes_in_place => Pane::Commentary,
            p => p,
        }
    }

    /// Scroll the focused pane.
    fn scroll(&mut self, by: Scroll) {
        match self.acting() {
            Pane::Outline => {
                let page = self.outline.area.height as usize;
                self.step(by.lines(page));
            }
            Pane::Text if self.text.height() > 0 => {
                self.text.scroll_by(by.lines(self.text.height()));
                self.notes.scroll = 0;
            }
            // Before the first frame nothing is laid out: move by clauses instead.
            Pane::Text => self.text.step(&self.reader, by.lines(10)),
            Pane::Commentary => self.notes.scroll_by(by.lines(self.notes.height())),
        }
    }

    fn key_normal(&mut self, k: KeyEvent) -> Action {
        match k.code {
            KeyCode::Char('q') => return Action::Quit,
            // Esc cancels: the search highlight, then nothing; it never quits.
            KeyCode::Esc if self.search.is_some() => {
                self.search = None;
                self.hits.clear();
                self.message = Some("Search cleared.".into());
            }
            KeyCode::Char('?') => self.popup = Some(Popup::Help),
            KeyCode::Tab => self.cycle_focus(true),
            KeyCode::BackTab => self.cycle_focus(false),
            KeyCode::Char('c') => self.show_notes = !self.show_notes,
            KeyCode::Char('j') | KeyCode::Down => self.step(1),
            KeyCode::Char('k') | KeyCode::Up => self.step(-1),
            KeyCode::Char('g') | KeyCode::Home => self.step(isize::MIN / 2),
            KeyCode::Char('G') | KeyCode::End => self.step(isize::MAX / 2),
            KeyCode::Char(']') => self.next_annotated(true),
            KeyCode::Char('[') => self.next_annotated(false),
            KeyCode::Char('}') => self.next_change(true),
            KeyCode::Char('{') => self.next_change(false),
            KeyCode::Char(':') => self.prompt = Some((Prompt::Jump, String::new())),
            KeyCode::Char('/') if self.focus == Pane::Outline => {
                let typed = self.outline_filter.clone().unwrap_or_default();
                self.prompt = Some((Prompt::Outline, typed));
            }
            KeyCode::Char('/') => {
                self.search_from = Some((self.text.unit, self.text.cursor));
                self.prompt = Some((Prompt::Search, String::new()));
            }
            KeyCode::Char('f') => {
                let typed = self.filter_text.clone().unwrap_or_default();
                self.prompt = Some((Prompt::Filter, typed));
            }
            KeyCode::Char('n') => self.next_hit(true),
            KeyCode::Char('N') => self.next_hit(false),
            KeyCode::Enter => self.follow(),
            KeyCode::Backspace => match self.back.pop() {
                Some((u, c)) => {
                    if u != self.text.unit {
                        self.select_unit(u);
                    }
                    self.text.put_cursor(c);
                }
                None => self.message = Some("Nothing to go back to.".into()),
            },
            KeyCode::Char('d') => {
                if self.reader.data.others.is_empty() {
                    self.message =
                        Some("There is no other draft of this convention to compare with.".into());
                } else {
                    let labels = self.reader.data.others.clone();
                    self.popup = Some(Popup::List {
                        pick: Pick::Draft(labels),
                        at: 0,
                    });
                }
            }
            KeyCode::Char('s') => {
                if self.compare.is_some() {
                    self.side_by_side = !self.side_by_side;
                } else {
                    self.message =
                        Some("Side by side needs a draft to compare with: press d.".into());
                }
            }
            KeyCode::Char('L') => self.next_language(),
            KeyCode::Char('p') => {
                if self.reader.data.parallel.is_empty() {
                    self.message = Some(
                        "This draft has one language: list its others in convention.toml to read them side by side.".into(),
                    );
                } else {
                    self.split = match self.split {
                        None => Some(0),
                        Some(k) if k + 1 < self.reader.data.parallel.len() => Some(k + 1),
                        Some(_) => None,
                    };
                }
            }
            KeyCode::Char('h') => self.open_history(false),
            KeyCode::Char('S') => self.open_history(true),
            KeyCode::Char('y') => self.open_copy(),
            KeyCode::Char('a') => self.open_form(),
            KeyCode::Char('e') => self.edit_note(),
            KeyCode::Char('m') => self.mouse = !self.mouse,
            _ => {}
        }
        Action::Continue
    }

    /// `L`: ask for the drafts in the draft's next language.
    fn next_language(&mut self) {
        match self.reader.data.next_language() {
            None => {
                self.message = Some(
                    "This draft has one language: list its others in convention.toml (`languages = { fr = \"final.fr.txt\" }`).".into(),
                );
            }
            Some(next) => self.request = Some(Request::Language(next.to_owned())),
        }
    }

    fn cycle_focus(&mut self, forward: bool) {
        self.focus = match (self.focus, forward) {
            (Pane::Outline, true) | (Pane::Commentary, false) => Pane::Text,
            (Pane::Text, true) | (Pane::Outline, false) => Pane::Commentary,
            (Pane::Commentary, true) | (Pane::Text, false) => Pane::Outline,
        };
        self.show_notes = self.focus == Pane::Commentary;
    }

    /// Move the cursor (or scroll) in the focused pane by `by`.
    fn step(&mut self, by: isize) {
        match self.acting() {
            Pane::Outline => {
                // Through the units the outline shows (all, or those its filter keeps).
                let shown = self.shown_units();
                if shown.is_empty() {
                    return;
                }
                let here = shown.iter().position(|&u| u >= self.text.unit).unwrap_or(0) as isize;
                let to = shown[here.saturating_add(by).clamp(0, shown.len() as isize - 1) as usize];
                if to != self.text.unit {
                    self.select_unit(to);
                }
            }
            Pane::Text => {
                if by.abs() == 1 {
                    self.text.line_or_step(&self.reader, by);
                } else {
                    self.text.step(&self.reader, by);
                }
                self.notes.scroll = 0;
            }
            Pane::Commentary => self.notes.scroll_by(by),
        }
    }

    /// Move to the next (or previous) clause that satisfies `want`, wrapping around.
    fn seek(&mut self, forward: bool, want: impl Fn(&Self, &ClauseId) -> bool, none: &str) {
        let all = self.reader.all_clauses();
        let here = self.clause().cloned();
        let at = all
            .iter()
            .position(|(_, id)| Some(id) == here.as_ref())
            .unwrap_or(0);
        let n = all.len();
        for step in 1..=n {
            let k = if forward {
                (at + step) % n
            } else {
                (at + n - step % n) % n
            };
            if want(self, &all[k].1) {
                let id = all[k].1.clone();
                self.go_to(&id, false);
                return;
            }
        }
        self.message = Some(none.to_owned());
    }

    /// `]` and `[`: the next (or previous) place where commentary is shown, wrapping
    /// around; an annotation is reached where it is shown (at its quoted words). Units
    /// are looked at from the cursor on, so that a long text with many annotations
    /// costs one or two units a press.
    fn next_annotated(&mut self, forward: bool) {
        let n = self.reader.units.len();
        let here = (self.text.unit, self.text.cursor);
        let look = self.look();
        let mut found = None;
        for step in 0..=n {
            let u = if forward {
                (here.0 + step) % n.max(1)
            } else {
                (here.0 + n - step % n.max(1)) % n.max(1)
            };
            if self.reader.unit_notes.get(u).copied().unwrap_or(0) == 0 {
                continue;
            }
            let Some(unit) = self.reader.unit_node(u) else {
                continue;
            };
            let blocks = blocks_of(unit);
            let mut places: Vec<usize> = placements(&look, unit, &blocks)
                .iter()
                .map(|&(k, _)| k)
                .collect();
            places.sort_unstable();
            places.dedup();
            // In the cursor's unit, only the places past the cursor count the first time
            // round; coming back to it after wrapping, any place does.
            let pick = match (forward, step == 0) {
                (true, true) => places.iter().find(|&&k| k > here.1).copied(),
                (false, true) => places.iter().rev().find(|&&k| k < here.1).copied(),
                (true, false) => places.first().copied(),
                (false, false) => places.last().copied(),
            };
            if let Some(k) = pick {
                found = Some((u, k));
                break;
            }
        }
        let Some((u, k)) = found else {
            self.message = Some("No annotated clause.".into());
            return;
        };
        if u != self.text.unit {
            self.select_unit(u);
        }
        self.text.put_cursor(k);
        self.notes.scroll = 0;
    }

    fn next_change(&mut self, forward: bool) {
        if self.compare.is_none() {
            self.message =
                Some("Changes are shown when comparing: press d to pick a draft.".into());
            return;
        }
        self.seek(
            forward,
            |app, id| app.look().changes().is_some_and(|c| c.clause(id).is_some()),
            "No change from the other draft.",
        );
    }

    fn next_hit(&mut self, forward: bool) {
        if self.hits.is_empty() {
            self.message = Some(match &self.search {
                Some(q) => format!("No match for “{q}”."),
                None => "No search: press / to search.".into(),
            });
            return;
        }
        let n = self.hits.len();
        self.hit = if forward {
            (self.hit + 1) % n
        } else {
            (self.hit + n - 1) % n
        };
        let id = self.hits[self.hit].1.clone();
        self.go_to(&id, false);
        self.message = Some(format!("Match {} of {n}.", self.hit + 1));
    }

    fn key_prompt(&mut self, k: KeyEvent) {
        let Some((kind, mut typed)) = self.prompt.take() else {
            return;
        };
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let tab = self.tab.take();
        let before = typed.clone();
        match k.code {
            KeyCode::Esc => {
                // A search typed and then cancelled leaves the cursor where it was.
                if kind == Prompt::Search {
                    self.back_to_search_start();
                    self.search = None;
                    self.hits.clear();
                }
                if kind == Prompt::Outline {
                    self.outline_filter = None;
                }
                return;
            }
            // As in a shell: Ctrl-U clears the line, Ctrl-W takes off the last word.
            KeyCode::Char('u') if ctrl => typed.clear(),
            KeyCode::Char('w') if ctrl => {
                let kept = typed.trim_end().rfind(' ').map_or(0, |i| i + 1);
                typed.truncate(kept);
            }
            KeyCode::Char(_) if ctrl => {}
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Tab | KeyCode::BackTab if kind == Prompt::Jump => {
                // Tab shows the first completion, and each Tab after it the next.
                let (stem, at) = match tab {
                    Some((stem, at)) => {
                        let n = self.reader.completions(&stem).len().max(1);
                        let at = if k.code == KeyCode::Tab {
                            (at + 1) % n
                        } else {
                            (at + n - 1) % n
                        };
                        (stem, at)
                    }
                    None => (typed.clone(), 0),
                };
                let list = self.reader.completions(&stem);
                match list.get(at) {
                    Some(id) => {
                        typed.clone_from(id);
                        self.tab = Some((stem, at));
                    }
                    None => self.message = Some(format!("No clause starts with “{stem}”.")),
                }
            }
            KeyCode::Enter => {
                match kind {
                    // The outline's filter was applied as it was typed.
                    Prompt::Outline => {}
                    // An empty prompt cancels, as Esc does.
                    _ if typed.trim().is_empty() && kind != Prompt::Filter => {}
                    Prompt::Jump => self.jump(&typed),
                    Prompt::Search => {
                        // The search ran as it was typed: Backspace in the reading mode
                        // goes back to where it started.
                        if let Some(from) = self.search_from.take()
                            && !self.hits.is_empty()
                        {
                            self.back.push(from);
                        }
                        if self.hits.is_empty() {
                            self.run_search(&typed);
                        } else {
                            self.message =
                                Some(format!("Match {} of {}.", self.hit + 1, self.hits.len()));
                        }
                    }
                    Prompt::Filter => self.set_filter(&typed),
                }
                return;
            }

            KeyCode::Char(c) if !c.is_control() => typed.push(c),
            _ => {}
        }
        if kind == Prompt::Search && typed != before {
            self.back_to_search_start();
            self.run_search(&typed);
        }
        if kind == Prompt::Outline && typed != before {
            self.filter_outline(&typed);
        }
        self.prompt = Some((kind, typed));
    }

    fn set_filter(&mut self, typed: &str) {
        match Filter::parse_query(typed) {
            Ok(f) => {
                self.filter = f;
                self.filter_text = Some(typed.to_owned()).filter(|t| !t.trim().is_empty());
                self.notes.scroll = 0;
            }
            Err(e) => self.message = Some(format!("Filter not applied: {e}.")),
        }
    }

    fn jump(&mut self, text: &str) {
        match text.trim().parse::<ClauseId>() {
            Ok(id) => {
                if !self.go_to(&id, true) {
                    self.message = Some(format!("There is no clause {id} in this draft."));
                }
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// The units the outline shows, in order.
    fn shown_units(&self) -> Vec<usize> {
        (0..self.reader.units.len())
            .filter(|&u| self.reader.outline_keeps(u, self.outline_filter.as_deref()))
            .collect()
    }

    /// Narrow the outline to the units whose number or heading hold `typed`, and select
    /// the first of them when the selected one is no longer shown.
    fn filter_outline(&mut self, typed: &str) {
        self.outline_filter = Some(typed.trim().to_owned()).filter(|t| !t.is_empty());
        let shown = self.shown_units();
        if !shown.contains(&self.text.unit)
            && let Some(&u) = shown.first()
        {
            self.select_unit(u);
        }
        if shown.is_empty() {
            self.message = Some(format!("No article matches “{}”.", typed.trim()));
        }
    }

    /// Put the cursor back where it was when the search began.
    fn back_to_search_start(&mut self) {
        if let Some((u, c)) = self.search_from {
            if u != self.text.unit {
                self.select_unit(u);
            }
            self.text.put_cursor(c);
        }
    }

    fn run_search(&mut self, query: &str) {
        let q = query.trim().to_lowercase();
        self.hits.clear();
        self.hit = 0;
        if q.is_empty() {
            self.search = None;
            return;
        }
        self.search = Some(query.trim().to_owned());
        // Lower-cased once, when the data was read: a search per key stays cheap.
        let reader = &self.reader;
        let hits: Vec<(usize, ClauseId)> = reader
            .haystack
            .iter()
            .filter(|(_, id, words)| {
                words.contains(&q)
                    || reader
                        .items_on
                        .get(id)
                        .is_some_and(|ks| ks.iter().any(|&k| reader.bodies[k].contains(&q)))
            })
            .map(|(u, id, _)| (*u, id.clone()))
            .collect();
        self.hits = hits;
        if self.hits.is_empty() {
            self.message = Some(format!("No match for “{}”.", query.trim()));
        } else {
            // The first match at or after the cursor.
            let here = self.text.unit;
            self.hit = self.hits.iter().position(|(u, _)| *u >= here).unwrap_or(0);
            let id = self.hits[self.hit].1.clone();
            self.go_to(&id, false);
            self.message = Some(format!("Match {} of {}.", self.hit + 1, self.hits.len()));
        }
    }

    /// Enter: follow the reference of the clause under the cursor (or choose one).
    fn follow(&mut self) {
        if self.focus == Pane::Outline {
            self.focus = Pane::Text;
            return;
        }
        let Some(b) = self.text.blocks.get(self.text.cursor) else {
            self.message = Some("No reference in this clause.".into());
            return;
        };
        let mut choices: Vec<(String, ClauseId)> = self
            .reader
            .refs
            .in_field(&b.node, b.field)
            .flat_map(|r| r.targets.iter().map(move |t| (r.text.clone(), t.clone())))
            .collect();
        // The footnotes the clause calls are followed as its references are.
        if b.field == treaty_model::TextField::Text
            && let Some(n) = self.reader.node(&b.node)
        {
            choices.extend(n.footnotes.iter().filter_map(|l| {
                let id = ClauseId::from_segments(["fn", l.as_str()]);
                self.reader
                    .unit_of
                    .contains_key(&id)
                    .then(|| (format!("[^{l}]"), id))
            }));
        }
        match choices.len() {
            0 => self.message = Some("No reference in this clause.".into()),
            1 => {
                let target = choices[0].1.clone();
                if !self.go_to(&target, true) {
                    self.message = Some(format!("{target} is not in this draft."));
                }
            }
            _ => {
                self.popup = Some(Popup::List {
                    pick: Pick::Reference(choices),
                    at: 0,
                });
            }
        }
    }

    fn key_list(&mut self, k: KeyEvent, scroll: Option<Scroll>, pick: Pick, at: usize) {
        let n = Popup::len(&pick);
        let last = n.saturating_sub(1);
        let at = match k.code {
            _ if scroll.is_some() => {
                let by = scroll.map_or(0, |s| s.lines(self.popup_fit.1));
                (at as isize).saturating_add(by).clamp(0, last as isize) as usize
            }
            KeyCode::Esc | KeyCode::Char('q') => return,
            KeyCode::Char('j') | KeyCode::Down => (at + 1).min(last),
            KeyCode::Char('k') | KeyCode::Up => at.saturating_sub(1),
            KeyCode::Char('g') | KeyCode::Home => 0,
            KeyCode::Char('G') | KeyCode::End => last,
            KeyCode::Enter => {
                match pick {
                    Pick::Draft(labels) => self.choose_draft(labels.get(at).cloned()),
                    Pick::Reference(choices) => {
                        if let Some((_, target)) = choices.get(at).cloned()
                            && !self.go_to(&target, true)
                        {
                            self.message = Some(format!("{target} is not in this draft."));
                        }
                    }
                    Pick::Copy(choices) => {
                        if let Some((what, text)) = choices.get(at).cloned() {
                            self.message = Some(format!(
                                "Copied {what} ({} characters) to the clipboard.",
                                text.chars().count()
                            ));
                            self.clipboard = Some(text.clone());
                            self.copied = Some(text);
                        }
                    }
                }
                return;
            }
            _ => at,
        };
        self.popup = Some(Popup::List { pick, at });
    }

    /// Compare with a draft (`None`: stop comparing).
    fn choose_draft(&mut self, label: Option<String>) {
        let Some(label) = label else {
            self.compare = None;
            self.side_by_side = false;
            if let Some(e) = self.reader.data.export.as_mut() {
                e.overlay = None;
            }
            return;
        };
        let drafts = &self.reader.data.drafts;
        let old = drafts
            .index(&label)
            .ok()
            .and_then(|i| drafts.draft(i).cloned());
        let (Some(e), Some(old)) = (self.reader.data.export.as_mut(), old) else {
            self.message = Some(format!("The text of `{label}` is not there."));
            return;
        };
        e.compare_with(&old);
        self.compare = Some(label);
    }

    /// `y`: what can be copied of the clause under the cursor.
    fn open_copy(&mut self) {
        let Some(b) = self.text.blocks.get(self.text.cursor) else {
            return;
        };
        let Some(e) = self.reader.export() else {
            return;
        };
        let manifest = &self.reader.data.drafts.manifest;
        let label = &self.reader.data.label;
        let date = manifest
            .versions
            .iter()
            .find(|v| &v.label == label)
            .and_then(|v| v.date.as_deref());
        let choices = copy::What::ALL
            .iter()
            .map(|&w| {
                let text = match w {
                    copy::What::Id => b.node.to_string(),
                    copy::What::Text => b.text.clone(),
                    copy::What::Citation => copy::citation(
                        &e.draft.doc,
                        &b.node,
                        &manifest.convention.title,
                        label,
                        date,
                    ),
                };
                (w.name(), text)
            })
            .collect();
        self.popup = Some(Popup::List {
            pick: Pick::Copy(choices),
            at: 0,
        });
    }

    /// `a`: the form for an annotation on the clause under the cursor; the quote is
    /// the search, when the clause holds it.
    fn open_form(&mut self) {
        if self.reader.export().is_none() {
            self.message = Some("There is no text to annotate here.".into());
            return;
        }
        let Some(b) = self.text.blocks.get(self.text.cursor) else {
            return;
        };
        // Lower-casing can change byte lengths; offsets are only used when it did not.
        let lower = b.text.to_lowercase();
        let quote = self
            .search
            .as_deref()
            .filter(|_| lower.len() == b.text.len())
            .and_then(|q| {
                let at = lower.find(&q.to_lowercase())?;
                b.text.get(at..at + q.len())
            })
            .unwrap_or_default()
            .to_owned();
        let author = self.reader.data.author.clone().unwrap_or_default();
        let label = self.reader.data.label.clone();
        self.form = Some(Form::new(b.node.clone(), &label, &author, &quote));
    }

    /// `e`: the first annotation shown on the clause, in the editor at its line.
    fn edit_note(&mut self) {
        let look = self.look();
        let first = notes(&look, &self.text)
            .first()
            .map(|i| i.annotation.id.clone());
        let Some(id) = first else {
            self.message = Some("No annotation on this clause to edit: a writes one.".into());
            return;
        };
        match self.reader.data.sources.get(&id) {
            Some((file, line)) => {
                self.request = Some(Request::Edit {
                    file: file.clone(),
                    line: *line,
                });
            }
            None => self.message = Some(format!("Where `{id}` is written is not known.")),
        }
    }

    fn key_form(&mut self, k: KeyEvent) {
        let Some(mut form) = self.form.take() else {
            return;
        };
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let mut save = false;
        match k.code {
            KeyCode::Esc => {
                self.message = Some("Nothing was written.".into());
                return;
            }
            KeyCode::Char('s') if ctrl => save = true,
            KeyCode::Char('o') if ctrl && form.is_body() => {
                self.request = Some(Request::Body(form.values[4].clone()));
            }
            KeyCode::Char('u') if ctrl => form.field().clear(),
            KeyCode::Char(_) if ctrl => {}
            KeyCode::Tab | KeyCode::Down => form.next(true),
            KeyCode::BackTab | KeyCode::Up => form.next(false),
            KeyCode::Enter if form.is_body() => save = true,
            KeyCode::Enter => form.next(true),
            KeyCode::Backspace => {
                form.field().pop();
            }
            KeyCode::Char(c) if !c.is_control() => form.field().push(c),
            _ => {}
        }
        if save {
            match form.note() {
                Ok(note) => self.request = Some(Request::Add(note)),
                Err(why) => self.message = Some(why),
            }
        }
        self.form = Some(form);
    }

    /// Text pasted into the terminal (bracketed paste): typed into the form's field or
    /// the prompt, never run as keys. Only the body keeps line breaks.
    pub fn paste(&mut self, text: &str) {
        let flat = || text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(form) = self.form.as_mut() {
            let add = if form.is_body() {
                text.replace("\r\n", "\n")
            } else {
                flat()
            };
            form.field().push_str(&add);
        } else if let Some((kind, typed)) = self.prompt.as_mut() {
            typed.push_str(&flat());
            let (kind, typed) = (*kind, typed.clone());
            if kind == Prompt::Search {
                self.back_to_search_start();
                self.run_search(&typed);
            } else if kind == Prompt::Outline {
                self.filter_outline(&typed);
            }
        }
    }

    /// What the viewer asks its command to do on disk, once.
    pub fn take_request(&mut self) -> Option<Request> {
        self.request.take()
    }

    /// The command's answer to a request.
    pub fn answer(&mut self, reply: Reply) {
        match reply {
            Reply::Reload(data, said) => {
                self.reload(*data);
                self.message = Some(said);
            }
            Reply::Written(data, said) => {
                self.form = None;
                self.reload(*data);
                self.message = Some(said);
            }
            Reply::Body(body) => {
                if let Some(f) = self.form.as_mut() {
                    f.values[4] = body;
                }
            }
            Reply::Refused(why) => self.message = Some(why),
        }
    }

    /// Read the data again (after a change on disk), keeping the cursor on the same
    /// clause and the comparison as it was.
    pub fn reload(&mut self, data: Data) {
        let here = self.clause().cloned();
        let compare = self.compare.clone();
        // The language beside the text stays the same language, if the new data has it.
        let beside = self
            .split
            .and_then(|k| self.reader.data.parallel.get(k))
            .map(|(l, _)| l.clone());
        self.split = beside
            .as_ref()
            .and_then(|l| data.parallel.iter().position(|(m, _)| m == l));
        if self.split.is_none() && beside.is_some() && !data.parallel.is_empty() {
            self.split = Some(0);
        }
        self.reader = Reader::new(data);
        self.compare = None;
        if let Some(label) = compare {
            self.choose_draft(Some(label));
        }
        // The blocks are laid out again from the new text, whatever unit the clause is in.
        let unit = self
            .text
            .unit
            .min(self.reader.units.len().saturating_sub(1));
        self.select_unit(unit);
        if let Some(id) = here {
            self.go_to(&id, false);
        }
        if let Some(q) = self.search.clone() {
            let keep = (self.text.unit, self.text.cursor);
            self.run_search(&q);
            if keep.0 != self.text.unit {
                self.select_unit(keep.0);
            }
            self.text.put_cursor(keep.1);
        }
    }

    /// Text to put on the terminal's clipboard, once (the caller writes it).
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    /// `h`: the clause under the cursor in every draft.
    /// `h`: the clause in every draft, one after another; `S`: side by side.
    fn open_history(&mut self, side_by_side: bool) {
        let Some(id) = self.clause().cloned() else {
            return;
        };
        let label = self.reader.data.label.clone();
        match treaty_lineage::history(&mut self.reader.data.drafts, &id, Some(&label)) {
            Ok(steps) if side_by_side => {
                self.popup = Some(Popup::Synopsis { clause: id, steps });
            }
            Ok(steps) => self.popup = Some(Popup::History { clause: id, steps }),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// Handle the mouse: the wheel scrolls the pane under it, a click selects.
    pub fn mouse_event(&mut self, m: MouseEvent) {
        if !self.mouse || self.mode() != Mode::Normal {
            return;
        }
        let inside = |r: Rect| {
            m.column >= r.x && m.column < r.x + r.width && m.row >= r.y && m.row < r.y + r.height
        };
        let pane = if inside(self.outline.area) {
            Pane::Outline
        } else if inside(self.text.area) {
            Pane::Text
        } else if inside(self.notes.area) {
            Pane::Commentary
        } else {
            return;
        };
        match m.kind {
            // The wheel scrolls the pane under the pointer, three lines a notch, and
            // leaves the selection alone unless it scrolls out of view.
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let by = if m.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                match pane {
                    Pane::Outline => self.outline.scroll_by(by),
                    Pane::Text => self.text.scroll_by(by),
                    Pane::Commentary => self.notes.scroll_by(by),
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                match pane {
                    Pane::Outline => {
                        let row = self.outline.rows.iter().find(|(r, _)| *r == m.row);
                        if let Some(u) = row
                            .and_then(|&(_, k)| self.reader.outline.get(k))
                            .and_then(|o| o.unit)
                        {
                            self.select_unit(u);
                        }
                    }
                    Pane::Text => {
                        if let Some(&(_, b)) =
                            self.text.rows.iter().rev().find(|(r, _)| *r <= m.row)
                        {
                            self.text.cursor = b.min(self.text.blocks.len().saturating_sub(1));
                            self.notes.scroll = 0;
                        }
                    }
                    Pane::Commentary => {}
                }
            }
            _ => {}
        }
    }

    /// Draw the whole viewer.
    pub fn draw(&mut self, f: &mut Frame<'_>) {
        let area = f.area();
        self.outline.area = Rect::default();
        self.text.area = Rect::default();
        self.notes.area = Rect::default();
        self.outline.rows.clear();
        self.text.rows.clear();
        if area.width == 0 || area.height == 0 {
            return;
        }
        let (main, bar) = if area.height >= 2 {
            let [m, b] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
            (Some(m), b)
        } else {
            (None, area)
        };
        if let Some(main) = main {
            if self.reader.export().is_none() {
                let look = Look {
                    reader: &self.reader,
                    theme: self.theme,
                    compare: None,
                    side_by_side: false,
                    parallel: None,
                    search: None,
                    filter: &self.filter,
                    outline_filter: self.outline_filter.as_deref(),
                };
                self.notes.draw_missing(f, main, &look);
            } else {
                self.draw_panes(f, main);
            }
        }
        self.draw_bar(f, bar);
        if let Some(main) = main {
            let look = self.look();
            if let Some(form) = &self.form {
                draw_form(f, main, &look, form);
            } else if let Some(p) = &self.popup {
                self.popup_fit = p.draw(f, main, &look, self.popup_scroll);
            } else if let Some((Prompt::Jump, typed)) = &self.prompt {
                // While Tab cycles, the list is that of what was typed before it.
                let (stem, at) = match &self.tab {
                    Some((stem, at)) => (stem.as_str(), Some(*at)),
                    None => (typed.as_str(), None),
                };
                draw_completions(f, main, &look, &self.reader.completions(stem), at);
            }
        }
    }

    fn draw_panes(&mut self, f: &mut Frame<'_>, area: Rect) {
        let w = area.width;
        self.notes_in_place = w < 100 && self.show_notes;
        // The panes draw from the shared state while keeping their own: split the
        // borrows so that each gets what it needs.
        let look = Look {
            reader: &self.reader,
            theme: self.theme,
            compare: self.compare.as_deref(),
            side_by_side: self.side_by_side,
            parallel: self
                .split
                .and_then(|k| self.reader.data.parallel.get(k))
                .map(|(l, d)| (l.as_str(), d)),
            search: self.search.as_deref(),
            filter: &self.filter,
            outline_filter: self.outline_filter.as_deref(),
        };
        let focus = self.focus;
        let filter = self.filter_text.as_deref();
        let unit = self.text.unit;
        if w >= 100 {
            let [o, t, c] = Layout::horizontal([
                Constraint::Percentage(24),
                Constraint::Percentage(46),
                Constraint::Percentage(30),
            ])
            .areas(area);
            self.outline.draw(f, o, &look, unit, focus == Pane::Outline);
            self.text.draw(f, t, &look, focus == Pane::Text);
            self.notes
                .draw(f, c, &look, &self.text, focus == Pane::Commentary, filter);
        } else if w >= 60 {
            let [o, t] =
                Layout::horizontal([Constraint::Percentage(32), Constraint::Percentage(68)])
                    .areas(area);
            self.outline.draw(f, o, &look, unit, focus == Pane::Outline);
            if self.show_notes {
                self.notes
                    .draw(f, t, &look, &self.text, focus == Pane::Commentary, filter);
            } else {
                self.text.draw(f, t, &look, focus == Pane::Text);
            }
        } else {
            match focus {
                Pane::Outline => self.outline.draw(f, area, &look, unit, true),
                Pane::Commentary => self.notes.draw(f, area, &look, &self.text, true, filter),
                Pane::Text if self.show_notes => {
                    self.notes.draw(f, area, &look, &self.text, false, filter);
                }
                Pane::Text => self.text.draw(f, area, &look, true),
            }
        }
    }

    fn draw_bar(&self, f: &mut Frame<'_>, area: Rect) {
        let width = area.width as usize;
        let style = self.theme.status_bar();
        let (left, right) = match &self.prompt {
            Some((Prompt::Jump, typed)) => (format!(":{typed}"), String::new()),
            Some((Prompt::Search, typed)) => (format!("/{typed}"), String::new()),
            Some((Prompt::Outline, typed)) => (
                format!("outline: {typed}"),
                "Enter keep · Esc clear".to_owned(),
            ),
            Some((Prompt::Filter, typed)) => (format!("filter: {typed}"), String::new()),
            None if self.form.is_some() => (
                self.message
                    .clone()
                    .unwrap_or_else(|| "Writing an annotation".into()),
                "ANNOTATE · Esc cancel".to_owned(),
            ),
            None => (
                self.message.clone().unwrap_or_else(|| self.place()),
                self.state(),
            ),
        };
        // What the viewer is in stays on the right; the place or a message gets the rest,
        // and is what gives way on a narrow terminal.
        let right = truncate(&escape_controls(&right), width);
        let room = width.saturating_sub(cells(&right) + 1);
        let left = if room >= 4 || right.is_empty() {
            truncate(
                &escape_controls(&left),
                room.max(width * usize::from(right.is_empty())),
            )
        } else {
            String::new()
        };
        let pad = width.saturating_sub(cells(&left) + cells(&right));
        let line = Line::from(vec![
            Span::styled(left, style),
            Span::styled(" ".repeat(pad), style),
            Span::styled(right, style),
        ]);
        f.render_widget(Paragraph::new(line), area);
    }

    /// Where the reader is: the clause, the unit, the convention, the draft.
    fn place(&self) -> String {
        let clause = self
            .clause()
            .map_or_else(|| "-".to_owned(), ToString::to_string);
        // The clause first: on a narrow terminal it is what stays.
        format!(
            "{clause} · {}/{} · {} · {}",
            self.text.unit + 1,
            self.reader.units.len().max(1),
            self.reader.data.convention,
            self.reader.data.label,
        )
    }

    /// What the viewer is in: the focused pane, reading or comparing, the filter, the
    /// search and which match, and the mouse when it is off.
    fn state(&self) -> String {
        let pane = match self.focus {
            Pane::Outline => "OUTLINE",
            Pane::Text if self.show_notes => "COMMENTARY",
            Pane::Text => "TEXT",
            Pane::Commentary => "COMMENTARY",
        };
        let mut parts = vec![pane.to_owned()];
        parts.push(match (&self.compare, self.side_by_side) {
            (Some(l), true) => format!("compare {l}, side by side"),
            (Some(l), false) => format!("compare {l}"),
            _ => "read".to_owned(),
        });
        if let Some(l) = &self.reader.data.language {
            match self.split.and_then(|k| self.reader.data.parallel.get(k)) {
                Some((other, _)) => parts.push(format!("{l} | {other}")),
                None => parts.push(l.clone()),
            }
        }
        if let Some(f) = &self.filter_text {
            parts.push(format!("filter {f}"));
        }
        if let Some(f) = &self.outline_filter {
            parts.push(format!("outline {f}"));
        }
        if let Some(q) = &self.search {
            parts.push(match self.hits.len() {
                0 => format!("/{q} no match"),
                n => format!("/{q} {} of {n}", self.hit + 1),
            });
        }
        if !self.mouse {
            parts.push("mouse off".to_owned());
        }
        parts.push("? help".to_owned());
        parts.join(" · ")
    }
}
