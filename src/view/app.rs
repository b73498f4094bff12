//! The viewer's state and how keys and the mouse change it. Nothing here touches a
//! terminal.

use std::collections::HashMap;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use treaty_annotate::Annotation;
use treaty_model::{ClauseId, Node, NodeKind, TextField};
use treaty_refs::Reference;

use treaty_lineage::{AnnotatedDraft, Drafts, Item, Step};

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
}

/// What the caller should do after an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Continue,
    Quit,
}

/// What the viewer shows: the latest draft of a convention with its commentary (or,
/// when no text is there, the commentary alone), and every draft of the convention for
/// comparing and for history. Made by the caller; the viewer reads no file.
#[derive(Debug)]
pub struct Data {
    pub convention: String,
    /// The label of the draft shown.
    pub label: String,
    /// The labels of the other drafts that are present, oldest first.
    pub others: Vec<String>,
    /// The draft and its commentary; `None` when no draft's text is there.
    pub export: Option<AnnotatedDraft>,
    /// When the text is missing: the convention's annotations, and what to do.
    pub orphans: Vec<Annotation>,
    pub missing: Option<String>,
    /// Every draft (their alignments are kept as they are made).
    pub drafts: Drafts,
}

impl Data {
    /// The viewer's data: `drafts` of a convention, its newest draft present with the
    /// commentary placed on it (`annotated`), and the commentary as read (`notes`, shown
    /// as a list when no text is there). `folder` is the convention folder as the user
    /// would type it, for the hint that says how to bring a text in.
    pub fn new(
        drafts: Drafts,
        annotated: Option<AnnotatedDraft>,
        notes: Vec<Annotation>,
        folder: &str,
    ) -> Self {
        let convention = drafts.name.clone();
        let present: Vec<String> = drafts
            .present()
            .iter()
            .map(|&i| drafts.label(i).to_owned())
            .collect();
        let Some(export) = annotated else {
            let labels: Vec<&str> = drafts.manifest.labels().collect();
            return Self {
                missing: Some(format!(
                    "No text of `{convention}` is here yet ({folder}/convention.toml lists {}). Import one: treaty import FILE --convention {folder} --label {}",
                    labels.join(", "),
                    labels.last().copied().unwrap_or("final"),
                )),
                label: labels.last().copied().unwrap_or_default().to_owned(),
                convention,
                others: Vec::new(),
                export: None,
                orphans: notes,
                drafts,
            };
        };
        let label = export.draft.label.clone();
        Self {
            convention,
            others: present.into_iter().filter(|l| *l != label).collect(),
            label,
            export: Some(export),
            orphans: Vec::new(),
            missing: None,
            drafts,
        }
    }
}

/// A row of the outline: a division heading, or a unit one can select.
#[derive(Clone, Debug)]
pub(super) struct OutlineRow {
    pub depth: usize,
    pub label: String,
    /// Index into `App::units` for a unit.
    pub unit: Option<usize>,
}

/// One block of the text pane: a clause's own words (or its closing words).
#[derive(Clone, Debug)]
pub(super) struct Block {
    pub node: ClauseId,
    pub field: TextField,
    pub depth: usize,
    /// The clause number as the text writes it, or its ID.
    pub lead: String,
    pub text: String,
}

/// Where the last frame put things, for the mouse.
#[derive(Clone, Debug, Default)]
pub(super) struct Hits {
    pub outline: Rect,
    pub text: Rect,
    pub commentary: Rect,
    /// Screen row → outline row index.
    pub outline_rows: Vec<(u16, usize)>,
    /// Screen row → block index.
    pub text_rows: Vec<(u16, usize)>,
}

/// The whole viewer.
#[derive(Debug)]
pub struct App {
    pub(super) data: Data,
    pub(super) theme: Theme,
    pub(super) outline: Vec<OutlineRow>,
    /// The unit IDs, in reading order.
    pub(super) units: Vec<ClauseId>,
    /// Every node's unit.
    pub(super) unit_of: HashMap<ClauseId, usize>,
    /// Annotations (indexes into the export's items) by the clause they are on.
    pub(super) items_on: HashMap<ClauseId, Vec<usize>>,
    /// How many annotations each unit has.
    pub(super) unit_notes: Vec<usize>,
    /// References by the clause and field they are written in.
    pub(super) refs: HashMap<(ClauseId, bool), Vec<Reference>>,
    pub(super) unit: usize,
    pub(super) blocks: Vec<Block>,
    pub(super) cursor: usize,
    pub(super) focus: Pane,
    pub mode: Mode,
    /// What is being typed in Jump, Search or Filter mode.
    pub(super) input: String,
    pub(super) search: Option<String>,
    /// Search hits: (unit, clause).
    pub(super) hits: Vec<(usize, ClauseId)>,
    pub(super) hit: usize,
    pub(super) filter: Option<String>,
    pub(super) back: Vec<(usize, usize)>,
    /// The draft compared with, when comparing.
    pub(super) compare: Option<String>,
    pub(super) side_by_side: bool,
    pub(super) pick: usize,
    pub(super) history: Vec<Step>,
    pub(super) ref_choices: Vec<(String, ClauseId)>,
    pub mouse: bool,
    pub(super) message: Option<String>,
    pub(super) text_scroll: usize,
    pub(super) outline_scroll: usize,
    pub(super) note_scroll: usize,
    pub(super) hits_at: Hits,
    /// With a narrow terminal: whether the commentary is shown instead of the text.
    pub(super) show_notes: bool,
}

impl App {
    pub fn new(data: Data, theme: Theme) -> Self {
        let mut app = Self {
            data,
            theme,
            outline: Vec::new(),
            units: Vec::new(),
            unit_of: HashMap::new(),
            items_on: HashMap::new(),
            unit_notes: Vec::new(),
            refs: HashMap::new(),
            unit: 0,
            blocks: Vec::new(),
            cursor: 0,
            focus: Pane::Text,
            mode: Mode::Normal,
            input: String::new(),
            search: None,
            hits: Vec::new(),
            hit: 0,
            filter: None,
            back: Vec::new(),
            compare: None,
            side_by_side: false,
            pick: 0,
            history: Vec::new(),
            ref_choices: Vec::new(),
            mouse: true,
            message: None,
            text_scroll: 0,
            outline_scroll: 0,
            note_scroll: 0,
            hits_at: Hits::default(),
            show_notes: false,
        };
        app.index();
        app.select_unit(0);
        if let Some(m) = &app.data.missing {
            app.message = Some(m.clone());
        }
        app
    }

    /// Build the outline, the unit index, and the annotation and reference maps.
    fn index(&mut self) {
        let Some(e) = &self.data.export else {
            return;
        };
        fn visit(
            n: &Node,
            depth: usize,
            outline: &mut Vec<OutlineRow>,
            units: &mut Vec<ClauseId>,
            unit_of: &mut HashMap<ClauseId, usize>,
        ) {
            let label = n.title();
            if n.kind.is_container() {
                outline.push(OutlineRow {
                    depth,
                    label,
                    unit: None,
                });
                let kids_are_units = n.kind != NodeKind::Heading;
                for c in &n.children {
                    if kids_are_units {
                        visit(c, depth + 1, outline, units, unit_of);
                    }
                }
                if n.kind == NodeKind::Heading {
                    // An unnumbered heading with words of its own is read like a unit.
                    if !n.text.is_empty() || !n.children.is_empty() {
                        if let Some(last) = outline.last_mut() {
                            last.unit = Some(units.len());
                        }
                        for x in n.walk() {
                            unit_of.insert(x.id.clone(), units.len());
                        }
                        units.push(n.id.clone());
                    }
                }
                return;
            }
            if n.kind == NodeKind::DocumentTitle {
                return;
            }
            outline.push(OutlineRow {
                depth,
                label,
                unit: Some(units.len()),
            });
            for x in n.walk() {
                unit_of.insert(x.id.clone(), units.len());
            }
            units.push(n.id.clone());
        }
        for n in &e.draft.doc.children {
            visit(n, 0, &mut self.outline, &mut self.units, &mut self.unit_of);
        }
        self.unit_notes = vec![0; self.units.len()];
        for (k, item) in e.items.iter().enumerate() {
            self.items_on.entry(item.on.clone()).or_default().push(k);
            if let Some(&u) = self.unit_of.get(&item.on) {
                self.unit_notes[u] += 1;
            }
        }
        for r in treaty_refs::find(&e.draft.doc) {
            self.refs
                .entry((r.from.clone(), r.field == TextField::Closing))
                .or_default()
                .push(r);
        }
    }

    pub(super) fn export(&self) -> Option<&AnnotatedDraft> {
        self.data.export.as_ref()
    }

    pub(super) fn unit_node(&self) -> Option<&Node> {
        let e = self.export()?;
        e.draft.doc.find(self.units.get(self.unit)?)
    }

    /// Select a unit and lay out its blocks; the cursor goes to its first block.
    pub(super) fn select_unit(&mut self, unit: usize) {
        self.unit = unit.min(self.units.len().saturating_sub(1));
        self.blocks = self.unit_node().map(blocks_of).unwrap_or_default();
        self.cursor = 0;
        self.text_scroll = 0;
        self.note_scroll = 0;
    }

    /// The clause under the cursor.
    pub fn clause(&self) -> Option<&ClauseId> {
        self.blocks.get(self.cursor).map(|b| &b.node)
    }

    /// Go to a clause (its unit, then its first block), remembering where we were.
    pub(super) fn go_to(&mut self, id: &ClauseId, remember: bool) -> bool {
        let Some(&u) = self.unit_of.get(id) else {
            return false;
        };
        if remember {
            self.back.push((self.unit, self.cursor));
        }
        if u != self.unit {
            self.select_unit(u);
        }
        if let Some(k) = self.blocks.iter().position(|b| &b.node == id) {
            self.cursor = k;
        } else if let Some(k) = self.blocks.iter().position(|b| id.contains(&b.node)) {
            self.cursor = k;
        }
        self.note_scroll = 0;
        true
    }

    /// The annotations shown for the clause under the cursor, filtered. Each annotation
    /// of the unit is shown at one block: its clause's, or, for a clause with no words of
    /// its own (an article made of paragraphs), the first block inside it.
    pub(super) fn notes(&self) -> Vec<&Item> {
        let (Some(e), Some(unit)) = (self.export(), self.unit_node()) else {
            return Vec::new();
        };
        let mut out: Vec<&Item> = Vec::new();
        for n in unit.walk() {
            let Some(list) = self.items_on.get(&n.id) else {
                continue;
            };
            let at = self
                .blocks
                .iter()
                .position(|b| b.node == n.id && b.field == TextField::Text)
                .or_else(|| self.blocks.iter().position(|b| n.id.contains(&b.node)));
            if at == Some(self.cursor) {
                out.extend(
                    list.iter()
                        .map(|&k| &e.items[k])
                        .filter(|i| self.keeps(&i.annotation)),
                );
            }
        }
        out
    }

    /// Whether the commentary filter keeps an annotation: `author:X`, `tag:X`,
    /// `stance:X`, or words found in its author, tags or body.
    pub(super) fn keeps(&self, a: &Annotation) -> bool {
        let Some(f) = self
            .filter
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
        else {
            return true;
        };
        let has = |hay: &str, needle: &str| hay.to_lowercase().contains(&needle.to_lowercase());
        if let Some(x) = f.strip_prefix("author:") {
            has(&a.author, x.trim())
        } else if let Some(x) = f.strip_prefix("tag:") {
            a.tags.iter().any(|t| t.eq_ignore_ascii_case(x.trim()))
        } else if let Some(x) = f.strip_prefix("stance:") {
            a.stance.as_str().eq_ignore_ascii_case(x.trim())
        } else {
            has(&a.author, f) || a.tags.iter().any(|t| has(t, f)) || has(&a.body, f)
        }
    }

    /// References written in the clause under the cursor that point into the text.
    pub(super) fn clause_refs(&self) -> Vec<&Reference> {
        let Some(b) = self.blocks.get(self.cursor) else {
            return Vec::new();
        };
        self.refs
            .get(&(b.node.clone(), b.field == TextField::Closing))
            .map(|v| v.iter().filter(|r| !r.targets.is_empty()).collect())
            .unwrap_or_default()
    }

    /// Handle a key.
    pub fn key(&mut self, k: KeyEvent) -> Action {
        if k.modifiers.contains(KeyModifiers::CONTROL) && matches!(k.code, KeyCode::Char('c')) {
            return Action::Quit;
        }
        self.message = self.data.missing.clone();
        match self.mode.clone() {
            Mode::Normal => return self.key_normal(k),
            Mode::Help | Mode::History => {
                if matches!(
                    k.code,
                    KeyCode::Esc | KeyCode::Char('q' | '?' | 'h') | KeyCode::Enter
                ) {
                    self.mode = Mode::Normal;
                }
            }
            Mode::Jump | Mode::Search | Mode::Filter => self.key_input(k),
            Mode::PickDraft => self.key_pick(k, self.data.others.len() + 1),
            Mode::PickRef => self.key_pick(k, self.ref_choices.len()),
        }
        Action::Continue
    }

    fn key_normal(&mut self, k: KeyEvent) -> Action {
        match k.code {
            KeyCode::Char('q') | KeyCode::Esc => return Action::Quit,
            KeyCode::Char('?') => self.mode = Mode::Help,
            KeyCode::Tab => {
                self.focus = match self.focus {
                    Pane::Outline => Pane::Text,
                    Pane::Text => Pane::Commentary,
                    Pane::Commentary => Pane::Outline,
                };
                self.show_notes = self.focus == Pane::Commentary;
            }
            KeyCode::BackTab => {
                self.focus = match self.focus {
                    Pane::Outline => Pane::Commentary,
                    Pane::Text => Pane::Outline,
                    Pane::Commentary => Pane::Text,
                };
                self.show_notes = self.focus == Pane::Commentary;
            }
            KeyCode::Char('c') => {
                self.show_notes = !self.show_notes;
            }
            KeyCode::Char('j') | KeyCode::Down => self.step(1),
            KeyCode::Char('k') | KeyCode::Up => self.step(-1),
            KeyCode::PageDown => self.step(10),
            KeyCode::PageUp => self.step(-10),
            KeyCode::Char('g') | KeyCode::Home => self.step(isize::MIN / 2),
            KeyCode::Char('G') | KeyCode::End => self.step(isize::MAX / 2),
            KeyCode::Char(']') => self.next_annotated(true),
            KeyCode::Char('[') => self.next_annotated(false),
            KeyCode::Char('}') => self.next_change(true),
            KeyCode::Char('{') => self.next_change(false),
            KeyCode::Char(':') => self.begin(Mode::Jump),
            KeyCode::Char('/') => self.begin(Mode::Search),
            KeyCode::Char('f') => {
                self.begin(Mode::Filter);
                self.input = self.filter.clone().unwrap_or_default();
            }
            KeyCode::Char('n') => self.next_hit(true),
            KeyCode::Char('N') => self.next_hit(false),
            KeyCode::Enter => self.follow(),
            KeyCode::Backspace => match self.back.pop() {
                Some((u, c)) => {
                    if u != self.unit {
                        self.select_unit(u);
                    }
                    self.cursor = c.min(self.blocks.len().saturating_sub(1));
                }
                None => self.message = Some("Nothing to go back to.".into()),
            },
            KeyCode::Char('d') => {
                if self.data.others.is_empty() {
                    self.message =
                        Some("There is no other draft of this convention to compare with.".into());
                } else {
                    self.pick = 0;
                    self.mode = Mode::PickDraft;
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
            KeyCode::Char('h') => self.open_history(),
            KeyCode::Char('m') => self.mouse = !self.mouse,
            _ => {}
        }
        Action::Continue
    }

    fn begin(&mut self, mode: Mode) {
        self.mode = mode;
        self.input.clear();
    }

    /// Move the cursor (or scroll) in the focused pane by `by`.
    fn step(&mut self, by: isize) {
        match self.focus {
            Pane::Outline => {
                let n = self.units.len();
                if n == 0 {
                    return;
                }
                let to = (self.unit as isize)
                    .saturating_add(by)
                    .clamp(0, n as isize - 1) as usize;
                if to != self.unit {
                    self.select_unit(to);
                }
            }
            Pane::Text => {
                let n = self.blocks.len();
                if n == 0 {
                    return;
                }
                let to = (self.cursor as isize).saturating_add(by);
                if to >= n as isize && self.unit + 1 < self.units.len() && by.abs() == 1 {
                    // Past the last clause: the next article.
                    self.select_unit(self.unit + 1);
                } else if to < 0 && self.unit > 0 && by.abs() == 1 {
                    self.select_unit(self.unit - 1);
                    self.cursor = self.blocks.len().saturating_sub(1);
                } else {
                    self.cursor = to.clamp(0, n as isize - 1) as usize;
                }
                self.note_scroll = 0;
            }
            Pane::Commentary => {
                self.note_scroll = (self.note_scroll as isize).saturating_add(by).max(0) as usize;
            }
        }
    }

    /// The clauses of the whole text in reading order, as (unit, clause).
    fn all_clauses(&self) -> Vec<(usize, ClauseId)> {
        let Some(e) = self.export() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (u, id) in self.units.iter().enumerate() {
            if let Some(n) = e.draft.doc.find(id) {
                out.extend(n.walk().map(|x| (u, x.id.clone())));
            }
        }
        out
    }

    /// Move to the next (or previous) clause that satisfies `want`, wrapping around.
    fn seek(&mut self, forward: bool, want: impl Fn(&Self, &ClauseId) -> bool, none: &str) {
        let all = self.all_clauses();
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

    fn next_annotated(&mut self, forward: bool) {
        self.seek(
            forward,
            |app, id| {
                app.items_on.get(id).is_some_and(|v| {
                    let e = app.export();
                    v.iter()
                        .any(|&k| e.is_some_and(|e| app.keeps(&e.items[k].annotation)))
                })
            },
            "No annotated clause.",
        );
    }

    fn next_change(&mut self, forward: bool) {
        if self.compare.is_none() {
            self.message =
                Some("Changes are shown when comparing: press d to pick a draft.".into());
            return;
        }
        self.seek(
            forward,
            |app, id| {
                app.export()
                    .and_then(|e| e.overlay.as_ref())
                    .is_some_and(|c| c.clause(id).is_some())
            },
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

    fn key_input(&mut self, k: KeyEvent) {
        match k.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.input.clear();
            }
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Tab if self.mode == Mode::Jump => {
                if let Some(first) = self.completions().first() {
                    self.input = first.clone();
                }
            }
            KeyCode::Enter => {
                let text = std::mem::take(&mut self.input);
                let mode = std::mem::replace(&mut self.mode, Mode::Normal);
                match mode {
                    Mode::Jump => self.jump(&text),
                    Mode::Search => self.run_search(&text),
                    Mode::Filter => {
                        self.filter = Some(text).filter(|t| !t.trim().is_empty());
                        self.note_scroll = 0;
                    }
                    _ => {}
                }
            }
            KeyCode::Char(c) if !c.is_control() => self.input.push(c),
            _ => {}
        }
    }

    /// Clause IDs that start with what is typed (read as an ID when it is one).
    pub(super) fn completions(&self) -> Vec<String> {
        let typed = self.input.trim();
        if typed.is_empty() {
            return Vec::new();
        }
        let prefix = typed
            .parse::<ClauseId>()
            .map_or_else(|_| typed.to_lowercase(), |id| id.to_string());
        let mut out: Vec<String> = self
            .unit_of
            .keys()
            .map(ToString::to_string)
            .filter(|id| id.starts_with(&prefix))
            .collect();
        out.sort_by_key(|a| natural(a));
        out.truncate(8);
        out
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

    fn run_search(&mut self, query: &str) {
        let q = query.trim().to_lowercase();
        self.hits.clear();
        self.hit = 0;
        if q.is_empty() {
            self.search = None;
            return;
        }
        self.search = Some(query.trim().to_owned());
        let Some(e) = self.export() else { return };
        let mut hits = Vec::new();
        for (u, uid) in self.units.iter().enumerate() {
            let Some(n) = e.draft.doc.find(uid) else {
                continue;
            };
            for x in n.walk() {
                let in_text = x.own_text().to_lowercase().contains(&q);
                let in_notes = self.items_on.get(&x.id).is_some_and(|v| {
                    v.iter()
                        .any(|&k| e.items[k].annotation.body.to_lowercase().contains(&q))
                });
                if in_text || in_notes {
                    hits.push((u, x.id.clone()));
                }
            }
        }
        self.hits = hits;
        if self.hits.is_empty() {
            self.message = Some(format!("No match for “{}”.", query.trim()));
        } else {
            // The first match at or after the cursor.
            let here = self.unit;
            self.hit = self.hits.iter().position(|(u, _)| *u >= here).unwrap_or(0);
            let id = self.hits[self.hit].1.clone();
            self.go_to(&id, true);
            self.message = Some(format!("Match {} of {}.", self.hit + 1, self.hits.len()));
        }
    }

    /// Enter: follow the reference of the clause under the cursor (or choose one).
    fn follow(&mut self) {
        if self.focus == Pane::Outline {
            self.focus = Pane::Text;
            return;
        }
        let refs = self.clause_refs();
        let choices: Vec<(String, ClauseId)> = refs
            .iter()
            .flat_map(|r| r.targets.iter().map(move |t| (r.text.clone(), t.clone())))
            .collect();
        match choices.len() {
            0 => self.message = Some("No reference in this clause.".into()),
            1 => {
                let target = choices[0].1.clone();
                if !self.go_to(&target, true) {
                    self.message = Some(format!("{target} is not in this draft."));
                }
            }
            _ => {
                self.ref_choices = choices;
                self.pick = 0;
                self.mode = Mode::PickRef;
            }
        }
    }

    fn key_pick(&mut self, k: KeyEvent, n: usize) {
        match k.code {
            KeyCode::Esc | KeyCode::Char('q') => self.mode = Mode::Normal,
            KeyCode::Char('j') | KeyCode::Down => {
                self.pick = (self.pick + 1).min(n.saturating_sub(1))
            }
            KeyCode::Char('k') | KeyCode::Up => self.pick = self.pick.saturating_sub(1),
            KeyCode::Enter => {
                let mode = std::mem::replace(&mut self.mode, Mode::Normal);
                match mode {
                    Mode::PickDraft => self.choose_draft(),
                    Mode::PickRef => {
                        if let Some((_, target)) = self.ref_choices.get(self.pick).cloned()
                            && !self.go_to(&target, true)
                        {
                            self.message = Some(format!("{target} is not in this draft."));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// Compare with the picked draft (the last entry of the list stops comparing).
    fn choose_draft(&mut self) {
        let Some(label) = self.data.others.get(self.pick).cloned() else {
            self.compare = None;
            self.side_by_side = false;
            if let Some(e) = self.data.export.as_mut() {
                e.overlay = None;
            }
            return;
        };
        let old = self
            .data
            .drafts
            .index(&label)
            .ok()
            .and_then(|i| self.data.drafts.draft(i).cloned());
        let (Some(e), Some(old)) = (self.data.export.as_mut(), old) else {
            self.message = Some(format!("The text of `{label}` is not there."));
            return;
        };
        e.compare_with(&old);
        self.compare = Some(label);
    }

    /// `h`: the clause under the cursor in every draft.
    fn open_history(&mut self) {
        let Some(id) = self.clause().cloned() else {
            return;
        };
        let label = self.data.label.clone();
        match treaty_lineage::history(&mut self.data.drafts, &id, Some(&label)) {
            Ok(steps) => {
                self.history = steps;
                self.mode = Mode::History;
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// Handle the mouse: the wheel scrolls the pane under it, a click selects.
    pub fn mouse_event(&mut self, m: MouseEvent) {
        if !self.mouse || self.mode != Mode::Normal {
            return;
        }
        let inside = |r: Rect| {
            m.column >= r.x && m.column < r.x + r.width && m.row >= r.y && m.row < r.y + r.height
        };
        let pane = if inside(self.hits_at.outline) {
            Some(Pane::Outline)
        } else if inside(self.hits_at.text) {
            Some(Pane::Text)
        } else if inside(self.hits_at.commentary) {
            Some(Pane::Commentary)
        } else {
            None
        };
        let Some(pane) = pane else { return };
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let was = self.focus;
                self.focus = pane;
                self.step(if m.kind == MouseEventKind::ScrollDown {
                    1
                } else {
                    -1
                });
                self.focus = was;
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                match pane {
                    Pane::Outline => {
                        let row = self.hits_at.outline_rows.iter().find(|(r, _)| *r == m.row);
                        if let Some(u) = row
                            .and_then(|&(_, k)| self.outline.get(k))
                            .and_then(|o| o.unit)
                        {
                            self.select_unit(u);
                        }
                    }
                    Pane::Text => {
                        if let Some(&(_, b)) = self
                            .hits_at
                            .text_rows
                            .iter()
                            .rev()
                            .find(|(r, _)| *r <= m.row)
                        {
                            self.cursor = b.min(self.blocks.len().saturating_sub(1));
                            self.note_scroll = 0;
                        }
                    }
                    Pane::Commentary => {}
                }
            }
            _ => {}
        }
    }
}

/// The blocks of a unit: each node's own words in reading order, closings after the
/// children.
fn blocks_of(unit: &Node) -> Vec<Block> {
    fn visit(n: &Node, depth: usize, unit: &Node, out: &mut Vec<Block>) {
        let lead = if std::ptr::eq(n, unit) {
            String::new()
        } else {
            match (&n.number, n.kind) {
                (Some(num), NodeKind::Paragraph) => format!("{num}."),
                (Some(num), NodeKind::Recital) => format!("({num})"),
                (Some(num), _) => format!("({num})"),
                (None, _) => n.id.to_string(),
            }
        };
        let is_unit = std::ptr::eq(n, unit);
        // Every clause gets a block (so the cursor can reach it), but for an article
        // whose words are all in its paragraphs: its heading is the pane's title.
        if !(is_unit && n.text.is_empty() && !n.children.is_empty()) {
            out.push(Block {
                node: n.id.clone(),
                field: TextField::Text,
                depth,
                lead,
                text: n.text.clone(),
            });
        }
        for c in &n.children {
            visit(c, depth + 1, unit, out);
        }
        if let Some(c) = n.closing.as_deref().filter(|c| !c.is_empty()) {
            out.push(Block {
                node: n.id.clone(),
                field: TextField::Closing,
                depth,
                lead: String::new(),
                text: c.to_owned(),
            });
        }
    }
    let mut out = Vec::new();
    visit(unit, 0, unit, &mut out);
    if out.is_empty() {
        out.push(Block {
            node: unit.id.clone(),
            field: TextField::Text,
            depth: 0,
            lead: String::new(),
            text: String::new(),
        });
    }
    out
}

/// A sort key that puts `2` before `10`.
fn natural(id: &str) -> Vec<(String, u64)> {
    id.split('.')
        .map(|s| {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            (s.to_owned(), digits.parse().unwrap_or(u64::MAX))
        })
        .map(|(s, n)| (if n == u64::MAX { s } else { String::new() }, n))
        .collect()
}
