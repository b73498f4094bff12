//! Exports: one annotated draft in the formats colleagues use, each written by
//! `write(&AnnotatedDraft, &Selection, out)`: Markdown, a standalone HTML page, JSON,
//! CSV, Akoma Ntoso, W3C Web Annotations, and the canonical text.

mod akn;
mod csv;
mod html;
mod json;
mod markdown;
mod w3c;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use treaty_annotate::{Annotation, Filter};
use treaty_lineage::{AnnotatedDraft, Item};
use treaty_model::{ClauseId, Node, NodeKind, TextField};

use crate::escape;

pub(crate) use csv::neutralise;
pub use html::markdown_body;

/// The formats of `treaty export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The canonical plain text of the draft, which the parser reads back into the same
    /// tree; no commentary.
    Text,
    Markdown,
    Html,
    Json,
    /// CSV for spreadsheets: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return gets a leading `'`, so that no spreadsheet runs it as a formula.
    Csv,
    /// CSV with every cell as written, for tools that read it as data.
    CsvRaw,
    /// An Akoma Ntoso 3.0 `act`, the commentary as notes.
    Akn,
    /// A W3C Web Annotation collection (JSON-LD).
    W3c,
}

impl Format {
    /// Whether the format can show the changes since an older draft.
    pub fn shows_changes(self) -> bool {
        matches!(
            self,
            Format::Markdown | Format::Html | Format::Json | Format::Csv | Format::CsvRaw
        )
    }

    /// Whether the format can leave clauses out (`--clauses`): the text and Akoma Ntoso
    /// formats write a whole draft that reads back as one.
    pub fn selects_clauses(self) -> bool {
        !matches!(self, Format::Text | Format::Akn)
    }

    /// Whether the format carries commentary, so that an annotation filter applies.
    pub fn carries_commentary(self) -> bool {
        self != Format::Text
    }
}

/// Which clauses and annotations to export: the clauses to keep (all when empty) and
/// the same annotation filter as `treaty annotations` (its clause and version unused).
#[derive(Debug, Default)]
pub struct Selection {
    pub clauses: Vec<ClauseId>,
    pub filter: Filter,
}

impl Selection {
    fn filters(&self) -> bool {
        self.filter.narrows_content()
    }

    fn keeps(&self, a: &Annotation) -> bool {
        self.filter.matches(a)
    }
}

/// Write `e` in `format`. `base` names the convention in W3C identifiers.
pub fn write(
    format: Format,
    e: &AnnotatedDraft,
    sel: &Selection,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        Format::Text => out.write_all(treaty_formats::canonical_text(&e.draft.doc).as_bytes()),
        Format::Markdown => markdown::write(e, sel, out),
        Format::Html => html::write(e, sel, out),
        Format::Json => json::write(e, sel, out),
        Format::Csv => csv::write(e, sel, true, out),
        Format::CsvRaw => csv::write(e, sel, false, out),
        Format::Akn => akn::write(e, sel, out),
        Format::W3c => w3c::write(e, sel, out),
    }
}

/// The language versions of one draft side by side as a standalone HTML page: a column
/// per language (the code, and its draft with the commentary placed on it), a row per
/// clause.
pub fn write_parallel_html(
    columns: &[(&str, &AnnotatedDraft)],
    sel: &Selection,
    out: &mut impl Write,
) -> io::Result<()> {
    html::write_parallel(columns, sel, out)
}

/// What an export holds, worked out once: the units (articles and the like) in order,
/// the annotations on each, the annotations on the whole text, and every node by ID.
pub(crate) struct Plan<'e> {
    pub(crate) units: Vec<&'e Node>,
    pub(crate) on_unit: Vec<Vec<&'e Item>>,
    pub(crate) whole: Vec<&'e Item>,
    pub(crate) nodes: HashMap<&'e ClauseId, &'e Node>,
    /// The unit each node sits in, by the node's ID.
    pub(crate) unit_of: HashMap<&'e ClauseId, &'e Node>,
}

impl<'e> Plan<'e> {
    pub(crate) fn new(e: &'e AnnotatedDraft, sel: &Selection) -> Self {
        let mut units = Vec::new();
        if sel.clauses.is_empty() {
            units.extend(
                e.draft
                    .doc
                    .units()
                    .into_iter()
                    .filter(|u| u.whole)
                    .map(|u| u.node),
            );
        } else {
            units.extend(sel.clauses.iter().filter_map(|id| e.draft.doc.find(id)));
        }
        units.retain(|u| u.kind != NodeKind::DocumentTitle);
        let mut unit_of: HashMap<&ClauseId, usize> = HashMap::new();
        let mut nodes: HashMap<&ClauseId, &Node> = HashMap::new();
        for (k, u) in units.iter().enumerate() {
            for n in u.walk() {
                unit_of.entry(&n.id).or_insert(k);
                nodes.entry(&n.id).or_insert(n);
            }
        }
        let mut on_unit: Vec<Vec<&Item>> = vec![Vec::new(); units.len()];
        let mut whole = Vec::new();
        for i in e.items.iter().filter(|i| sel.keeps(&i.annotation)) {
            if whole_text(i, sel) {
                whole.push(i);
            } else if let Some(&k) = unit_of.get(&i.on) {
                on_unit[k].push(i);
            }
        }
        let units_before = units.clone();
        if sel.filters() {
            let keep: Vec<bool> = on_unit.iter().map(|v| !v.is_empty()).collect();
            let mut k = 0;
            units.retain(|_| {
                k += 1;
                keep[k - 1]
            });
            on_unit.retain(|v| !v.is_empty());
        }
        let unit_of = unit_of
            .into_iter()
            .map(|(id, k)| (id, units_before[k]))
            .collect();
        Self {
            units,
            on_unit,
            whole,
            nodes,
            unit_of,
        }
    }

    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&'e Node, &[&'e Item])> + '_ {
        self.units
            .iter()
            .copied()
            .zip(self.on_unit.iter().map(Vec::as_slice))
    }

    /// Every exported annotation, in unit order, those on the whole text first.
    pub(crate) fn items(&self) -> impl Iterator<Item = &'e Item> + '_ {
        self.whole
            .iter()
            .copied()
            .chain(self.on_unit.iter().flatten().copied())
    }
}

/// Whether an annotation on the whole text is exported: when no clauses were picked.
fn whole_text(i: &Item, sel: &Selection) -> bool {
    i.on.is_document() && sel.clauses.is_empty()
}

pub(crate) fn marks_in(u: &Node, on: &[&Item]) -> Vec<Range<usize>> {
    on.iter()
        .filter_map(|i| {
            let [a, b] = i.quote_at?;
            let offset = u.offset_of(&i.on).unwrap_or(0);
            Some(a + offset..b + offset)
        })
        .collect()
}

pub(crate) fn highlight(text: &str, start: usize, marks: &[Range<usize>]) -> String {
    highlight_linked(text, start, marks, &[])
}

/// The cross-references of the exported text, by the clause and field they are in, and
/// the exported nodes they can link to.
pub(crate) struct Links<'e> {
    refs: &'e treaty_refs::Index,
    /// The nodes a link may point at, by ID: every exported node (HTML), or each node's
    /// unit (Markdown, where only units have anchors).
    nodes: &'e HashMap<&'e ClauseId, &'e Node>,
}

impl<'e> Links<'e> {
    pub(crate) fn new(
        refs: &'e treaty_refs::Index,
        nodes: &'e HashMap<&'e ClauseId, &'e Node>,
    ) -> Self {
        Self { refs, nodes }
    }

    /// Links for the references in one field of `node`, whose text starts at `start`.
    pub(crate) fn of(&self, node: &Node, field: TextField, start: usize) -> Vec<Link> {
        self.refs
            .in_field(&node.id, field)
            .filter_map(|r| {
                let target = r.targets.iter().find_map(|t| self.nodes.get(t))?;
                let names: Vec<&str> = r.targets.iter().map(ClauseId::as_str).collect();
                Some(Link {
                    range: start + r.span[0]..start + r.span[1],
                    href: format!("#{}", target.eid),
                    title: format!("→ {}", names.join(", ")),
                })
            })
            .collect()
    }
}

/// A cross-reference in a text, as a link to the clause it points at.
pub(crate) struct Link {
    /// Byte range, in the same coordinates as the marks.
    pub(crate) range: Range<usize>,
    pub(crate) href: String,
    pub(crate) title: String,
}

/// `text` (which starts at `start` in the coordinates of `marks` and `links`) escaped,
/// with marked ranges in `<mark>` and references as links to their targets.
pub(crate) fn highlight_linked(
    text: &str,
    start: usize,
    marks: &[Range<usize>],
    links: &[Link],
) -> String {
    let end = start + text.len();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for r in marks.iter().chain(links.iter().map(|l| &l.range)) {
        if r.start < end && start < r.end {
            cuts.push(r.start.max(start) - start);
            cuts.push(r.end.min(end) - start);
        }
    }
    cuts.retain(|&p| text.is_char_boundary(p));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let inside = |r: &Range<usize>| r.start <= start + a && start + b <= r.end;
        let link = links.iter().find(|l| inside(&l.range));
        let marked = marks.iter().any(inside);
        if let Some(l) = link {
            let _ = write!(
                out,
                "<a class=\"ref\" href=\"{}\" title=\"{}\">",
                escape::html(&l.href),
                escape::html(&l.title)
            );
        }
        if marked {
            out.push_str("<mark>");
        }
        out.push_str(&escape::html(&text[a..b]));
        if marked {
            out.push_str("</mark>");
        }
        if link.is_some() {
            out.push_str("</a>");
        }
    }
    // Neighbouring pieces of one mark or link are joined back.
    let out = out.replace("</mark><mark>", "");
    out.replace('\n', "<br>")
}
