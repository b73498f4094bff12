//! What the viewer reads: the draft with its commentary, every draft for comparing and
//! history, and the indexes built once over them (the outline, the units, the
//! annotations and references by clause). Panes and popups read it; keys change it only
//! by comparing with another draft.

use std::collections::HashMap;

use treaty_annotate::{Annotation, Filter};
use treaty_lineage::{AnnotatedDraft, Drafts, Item};
use treaty_model::{ClauseId, Node, NodeKind, TextField};

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
    /// When the convention has no commentary at all: how to write some.
    pub no_notes: Option<String>,
    /// Where each annotation is written, by its ID: the file and the line of its table.
    pub sources: HashMap<String, (std::path::PathBuf, usize)>,
    /// The author to offer in the annotation form (the last one written).
    pub author: Option<String>,
    /// Every draft (their alignments are kept as they are made).
    pub drafts: Drafts,
    /// The language the draft is shown in, when it has language versions.
    pub language: Option<String>,
    /// Every language the draft has, in the manifest's order (the default first).
    pub languages: Vec<String>,
    /// The draft shown in each of its other languages, for the split (`p`).
    pub parallel: Vec<(String, treaty_model::Document)>,
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
                no_notes: None,
                sources: HashMap::new(),
                author: None,
                drafts,
                language: None,
                languages: Vec::new(),
                parallel: Vec::new(),
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
            no_notes: None,
            sources: HashMap::new(),
            author: None,
            drafts,
            language: None,
            languages: Vec::new(),
            parallel: Vec::new(),
        }
    }

    /// The language after the one shown, in the manifest's order (round to the first).
    pub fn next_language(&self) -> Option<&str> {
        let here = self
            .languages
            .iter()
            .position(|l| Some(l) == self.language.as_ref())?;
        let next = &self.languages[(here + 1) % self.languages.len()];
        (Some(next) != self.language.as_ref()).then_some(next.as_str())
    }
}

/// A row of the outline: a division heading, or a unit one can select.
#[derive(Clone, Debug)]
pub(super) struct OutlineRow {
    pub depth: usize,
    pub label: String,
    /// Index into [`Reader::units`] for a unit.
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

/// The data and its indexes.
#[derive(Debug)]
pub(super) struct Reader {
    pub data: Data,
    pub outline: Vec<OutlineRow>,
    /// The unit IDs, in reading order.
    pub units: Vec<ClauseId>,
    /// Every node's unit.
    pub unit_of: HashMap<ClauseId, usize>,
    /// Annotations (indexes into the export's items) by the clause they are on.
    pub items_on: HashMap<ClauseId, Vec<usize>>,
    /// How many annotations each unit has.
    pub unit_notes: Vec<usize>,
    /// References by the clause and field they are written in.
    pub refs: treaty_refs::Index,
    /// For search: every clause in reading order with its unit and its words and
    /// heading in lower case, and each annotation's body in lower case.
    pub haystack: Vec<(usize, ClauseId, String)>,
    pub bodies: Vec<String>,
}

impl Reader {
    pub fn new(data: Data) -> Self {
        let mut r = Self {
            data,
            outline: Vec::new(),
            units: Vec::new(),
            unit_of: HashMap::new(),
            items_on: HashMap::new(),
            unit_notes: Vec::new(),
            refs: treaty_refs::Index::default(),
            haystack: Vec::new(),
            bodies: Vec::new(),
        };
        r.index();
        r
    }

    /// Build the outline, the unit index, and the annotation and reference maps.
    fn index(&mut self) {
        let Some(e) = &self.data.export else {
            return;
        };
        let mut outline = Outline::default();
        for n in &e.draft.doc.children {
            outline.visit(n, 0);
        }
        self.unit_notes = vec![0; outline.units.len()];
        for (k, item) in e.items.iter().enumerate() {
            self.items_on.entry(item.on.clone()).or_default().push(k);
            if let Some(&u) = outline.unit_of.get(&item.on) {
                self.unit_notes[u] += 1;
            }
        }
        self.refs = treaty_refs::Index::of(&e.draft.doc);
        self.bodies = e
            .items
            .iter()
            .map(|i| i.annotation.body.to_lowercase())
            .collect();
        (self.outline, self.units, self.unit_of) = (outline.rows, outline.units, outline.unit_of);
        let mut haystack = Vec::new();
        for (u, id) in self.all_clauses() {
            if let Some(x) = self.node(&id) {
                let mut words = x.own_text().to_lowercase();
                if let Some(h) = &x.heading {
                    words.push('\n');
                    words.push_str(&h.to_lowercase());
                }
                haystack.push((u, id, words));
            }
        }
        self.haystack = haystack;
    }

    pub fn export(&self) -> Option<&AnnotatedDraft> {
        self.data.export.as_ref()
    }

    /// The node of unit `u`.
    pub fn unit_node(&self, u: usize) -> Option<&Node> {
        self.export()?.draft.doc.find(self.units.get(u)?)
    }

    pub fn node(&self, id: &ClauseId) -> Option<&Node> {
        self.export()?.draft.doc.find(id)
    }

    /// The annotations on a clause that the filter keeps.
    pub fn items_on<'a>(
        &'a self,
        id: &ClauseId,
        filter: &'a Filter,
    ) -> impl Iterator<Item = &'a Item> + 'a {
        let items = self.export().map_or(&[][..], |e| e.items.as_slice());
        self.items_on
            .get(id)
            .into_iter()
            .flatten()
            .map(move |&k| &items[k])
            .filter(move |i| filter.matches(&i.annotation))
    }

    /// The clauses of the whole text in reading order, as (unit, clause).
    pub fn all_clauses(&self) -> Vec<(usize, ClauseId)> {
        let mut out = Vec::new();
        for (u, id) in self.units.iter().enumerate() {
            if let Some(n) = self.node(id) {
                out.extend(n.walk().map(|x| (u, x.id.clone())));
            }
        }
        out
    }

    /// Whether the outline shows unit `u` under the filter `words` (its label or
    /// heading holds them, in any case).
    pub fn outline_keeps(&self, u: usize, words: Option<&str>) -> bool {
        let Some(w) = words.map(str::to_lowercase) else {
            return true;
        };
        self.outline
            .iter()
            .find(|r| r.unit == Some(u))
            .is_some_and(|r| r.label.to_lowercase().contains(&w))
    }

    /// Clause IDs that start with what is typed (read as an ID when it is one).
    pub fn completions(&self, typed: &str) -> Vec<String> {
        let typed = typed.trim();
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
}

/// The outline and the units, as they are gathered.
#[derive(Default)]
struct Outline {
    rows: Vec<OutlineRow>,
    units: Vec<ClauseId>,
    unit_of: HashMap<ClauseId, usize>,
}

impl Outline {
    fn visit(&mut self, n: &Node, depth: usize) {
        let label = n.title();
        if n.kind.is_container() {
            self.rows.push(OutlineRow {
                depth,
                label,
                unit: None,
            });
            if n.kind != NodeKind::Heading {
                for c in &n.children {
                    self.visit(c, depth + 1);
                }
            } else if !n.text.is_empty() || !n.children.is_empty() {
                // An unnumbered heading with words of its own is read like a unit.
                if let Some(last) = self.rows.last_mut() {
                    last.unit = Some(self.units.len());
                }
                self.add_unit(n);
            }
            return;
        }
        if n.kind == NodeKind::DocumentTitle {
            return;
        }
        self.rows.push(OutlineRow {
            depth,
            label,
            unit: Some(self.units.len()),
        });
        self.add_unit(n);
    }

    fn add_unit(&mut self, n: &Node) {
        for x in n.walk() {
            self.unit_of.insert(x.id.clone(), self.units.len());
        }
        self.units.push(n.id.clone());
    }
}

/// The blocks of a unit: each node's own words in reading order, closings after the
/// children.
pub(super) fn blocks_of(unit: &Node) -> Vec<Block> {
    fn visit(n: &Node, depth: usize, unit: &Node, out: &mut Vec<Block>) {
        let is_unit = std::ptr::eq(n, unit);
        let lead = if is_unit {
            String::new()
        } else {
            match (&n.number, n.kind) {
                (Some(num), NodeKind::Paragraph) => format!("{num}."),
                (Some(num), _) => format!("({num})"),
                (None, _) => n.id.to_string(),
            }
        };
        // Every clause gets a block (so the cursor can reach it), but for an article
        // whose words are all in its paragraphs: its heading is the pane's title.
        if !(is_unit && n.text.is_empty() && !n.children.is_empty()) {
            out.push(Block {
                node: n.id.clone(),
                field: TextField::Text,
                depth,
                lead,
                text: n.text.to_string(),
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
