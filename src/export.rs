//! `treaty export`: annotated clauses in the formats colleagues use: Markdown, HTML, JSON,
//! CSV and W3C Web Annotations.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use anyhow::Context;
use serde::Serialize;
use treaty_annotate::{Anchor, Annotation, Cache, Stance};
use treaty_diff::{ClauseDiff, Status, UnitDiff, Word};
use treaty_model::{ClauseId, Document, Node, NodeKind, TextField, escape_controls};

use crate::carry;
use crate::diffview::html_escape;
use crate::lineage::Drafts;
use crate::project;
use crate::redline::{self, Changes};

/// One annotation placed on the exported draft.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    #[serde(flatten)]
    pub annotation: Annotation,
    /// The clause it sits on in this draft.
    pub on: ClauseId,
    /// Where its quote is in that clause's full text (byte range), when found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_at: Option<[usize; 2]>,
    /// For commentary written on another draft: what became of it here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried: Option<String>,
}

/// What is exported: one draft and the commentary placed on it.
#[derive(Debug)]
pub struct Export {
    pub convention: Option<String>,
    pub version: Option<String>,
    pub doc: Document,
    /// The draft's source text (for diffs against an older draft).
    pub source: String,
    pub items: Vec<Item>,
    /// With `--with-diff OLD`: the changes since the older draft.
    pub changes: Option<Changes>,
}

impl Export {
    /// Compare the exported draft with an older one: `old` is a text file, or, when the
    /// export reads a convention folder, one of its version labels.
    pub fn compare_with(&mut self, input: &Path, old: &Path) -> anyhow::Result<()> {
        let side = if input.is_dir() && !old.exists() {
            let label = old.to_string_lossy().into_owned();
            let file = crate::diffing::version_file(input, &label)?;
            crate::diffing::read(&file, label)?
        } else {
            crate::diffing::read(old, project::display(old))?
        };
        let label = self
            .version
            .clone()
            .unwrap_or_else(|| project::display(input));
        let new = treaty_diff::Version {
            label: &label,
            doc: &self.doc,
            source: &self.source,
        };
        self.changes = Some(Changes::new(treaty_diff::diff(&side.version(), &new)));
        Ok(())
    }
}

/// Which annotations and clauses to export: the same annotation filter as
/// `treaty annotations` (its clause and version left empty), and the clauses to keep.
#[derive(Debug, Default)]
pub struct Selection {
    pub clauses: Vec<ClauseId>,
    pub filter: crate::annotations::Filter,
}

impl Selection {
    fn filters(&self) -> bool {
        let f = &self.filter;
        f.tag.is_some() || f.author.is_some() || f.stance.is_some()
    }

    fn keeps(&self, a: &Annotation) -> bool {
        self.filter.matches(a)
    }
}

/// Read a convention folder (its latest draft, with the convention's annotations carried
/// onto it) or a text file (with no annotations unless its folder names the convention).
pub fn load(input: &Path, annotations: &Path) -> anyhow::Result<Export> {
    if input.is_dir() {
        let mut drafts = Drafts::read(input)?;
        load_drafts(&mut drafts, input, annotations)
    } else {
        let src = crate::input::read(input)?;
        let doc = treaty_parse::parse(&src.bytes)
            .with_context(|| format!("cannot parse {}", src.name))?;
        Ok(Export {
            convention: None,
            version: None,
            doc,
            source: String::from_utf8_lossy(&src.bytes).into_owned(),
            items: Vec::new(),
            changes: None,
        })
    }
}

/// The latest draft of drafts already read (`input` names their folder in messages),
/// with the convention's annotations carried onto it. The drafts stay usable, with the
/// alignments made while carrying.
pub fn load_drafts(
    drafts: &mut Drafts,
    input: &Path,
    annotations: &Path,
) -> anyhow::Result<Export> {
    let Some(&at) = drafts.present().last() else {
        anyhow::bail!(
            "none of the drafts listed in {} is there",
            project::display(input)
        );
    };
    let label = drafts.manifest.versions[at].label.clone();
    let files = project::annotation_files(&annotations.join(&drafts.name))?;
    let mut items = Vec::new();
    let mut cache = Cache::default();
    for f in &files {
        for a in &f.file.annotations {
            items.extend(place(drafts, at, &label, a, &mut cache));
        }
    }
    let side = drafts.sides[at].as_ref().context("the latest draft")?;
    Ok(Export {
        convention: Some(drafts.name.clone()),
        version: Some(label),
        doc: side.doc.clone(),
        source: side.source.clone(),
        items,
        changes: None,
    })
}

fn place(
    drafts: &mut Drafts,
    at: usize,
    label: &str,
    a: &Annotation,
    cache: &mut Cache,
) -> Option<Item> {
    let doc = &drafts.sides[at].as_ref()?.doc;
    if a.version == label {
        let (_, anchor) = treaty_annotate::locate(doc, label, a, cache)?;
        let quote_at = match anchor {
            Some(Anchor::Found(r)) => Some([r.start, r.end]),
            _ => None,
        };
        return Some(Item {
            annotation: a.clone(),
            on: a.clause.clone(),
            quote_at,
            carried: None,
        });
    }
    let c = carry::carry(drafts, a, at);
    let doc = &drafts.sides[at].as_ref()?.doc;
    let on = c.now.clone()?;
    let quote_at = match (&a.quote, doc.find(&on)) {
        (Some(q), Some(n)) if matches!(c.status, carry::Status::Exact | carry::Status::Moved) => {
            match treaty_annotate::anchor(
                &treaty_annotate::Searchable::new(n.full_text()),
                q,
                a.prefix.as_deref(),
                a.suffix.as_deref(),
            ) {
                Anchor::Found(r) => Some([r.start, r.end]),
                _ => None,
            }
        }
        _ => None,
    };
    Some(Item {
        annotation: a.clone(),
        on,
        quote_at,
        carried: Some(format!(
            "written on `{}` as {}: {}, {}",
            a.version,
            a.clause,
            c.status.as_str(),
            c.reason
        )),
    })
}

/// What an export holds, worked out once: the units (articles and the like) in order,
/// the annotations on each, the annotations on the whole text, and every node by ID.
struct Plan<'e> {
    units: Vec<&'e Node>,
    on_unit: Vec<Vec<&'e Item>>,
    whole: Vec<&'e Item>,
    nodes: HashMap<&'e ClauseId, &'e Node>,
    /// The unit each node sits in, by the node's ID.
    unit_of: HashMap<&'e ClauseId, &'e Node>,
}

impl<'e> Plan<'e> {
    fn new(e: &'e Export, sel: &Selection) -> Self {
        fn visit<'d>(n: &'d Node, out: &mut Vec<&'d Node>) {
            if n.kind.is_division() || matches!(n.kind, NodeKind::Annex | NodeKind::Heading) {
                for c in &n.children {
                    visit(c, out);
                }
            } else {
                out.push(n);
            }
        }
        let mut units = Vec::new();
        if sel.clauses.is_empty() {
            for n in &e.doc.children {
                visit(n, &mut units);
            }
        } else {
            units.extend(sel.clauses.iter().filter_map(|id| e.doc.find(id)));
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

    fn pairs(&self) -> impl Iterator<Item = (&'e Node, &[&'e Item])> + '_ {
        self.units
            .iter()
            .copied()
            .zip(self.on_unit.iter().map(Vec::as_slice))
    }

    /// Every exported annotation, in unit order, those on the whole text first.
    fn items(&self) -> impl Iterator<Item = &'e Item> + '_ {
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

/// Markdown: each clause with its ID and heading, then its annotations.
pub fn markdown(e: &Export, sel: &Selection, out: &mut impl Write) -> io::Result<()> {
    let plan = Plan::new(e, sel);
    let refs = treaty_refs::find(&e.doc);
    let links = Links::new(&refs, &plan.unit_of);
    writeln!(
        out,
        "# {}\n",
        md(e.doc.title.as_deref().unwrap_or("(untitled)"))
    )?;
    if let (Some(c), Some(v)) = (&e.convention, &e.version) {
        writeln!(out, "Convention `{}`, draft `{}`.\n", md(c), md(v))?;
    }
    for i in &plan.whole {
        md_note(i, out)?;
    }
    for (u, on) in plan.pairs() {
        let mut head = u.label();
        if let Some(h) = &u.heading {
            head.push_str(" — ");
            head.push_str(h);
        }
        writeln!(out, "## {} {{#{}}}\n", md(&head), u.eid)?;
        let changes = e.changes.as_ref();
        if let (Some(c), Some(d)) = (changes, changes.and_then(|c| c.unit(&u.id))) {
            writeln!(
                out,
                "*Since `{}`: {}.*\n",
                md(c.old_label()),
                md(&crate::diffview::unit_line(d))
            )?;
        }
        let mut listed = false;
        for n in u.walk() {
            let is_unit = std::ptr::eq(n, u);
            if let Some(c) = changes {
                for d in c.deleted_before(&n.id) {
                    md_deleted_clause(d, out)?;
                    listed = true;
                }
            }
            let fields: &[TextField] = if is_unit {
                &[TextField::Text]
            } else {
                &[TextField::Text, TextField::Closing]
            };
            let redline: Vec<String> = fields
                .iter()
                .filter_map(|&f| changes.and_then(|c| redline::field_words(c, n, f)))
                .map(|w| md_words(&w))
                .collect();
            let note = changes
                .and_then(|c| c.clause(&n.id))
                .and_then(crate::diffview::negotiation_note)
                .map(|note| format!(" *({})*", md(&note)))
                .unwrap_or_default();
            let text = if redline.is_empty() {
                let closing = if is_unit {
                    ""
                } else {
                    n.closing.as_deref().unwrap_or("")
                };
                let closing_links = if closing.is_empty() {
                    Vec::new()
                } else {
                    links.of(n, TextField::Closing, 0)
                };
                [
                    md_linked(&n.text, &links.of(n, TextField::Text, 0)),
                    md_linked(closing, &closing_links),
                ]
                .join(" ")
                .trim()
                .replace('\n', " ")
            } else {
                redline.join(" ")
            } + &note;
            if text.is_empty() {
                continue;
            }
            if is_unit {
                // A paragraph after a list item needs a blank line to stand on its own.
                let gap = if listed { "\n" } else { "" };
                writeln!(out, "{gap}{text}\n")?;
                listed = false;
            } else {
                writeln!(out, "- **{}** {text}", n.id)?;
                listed = true;
            }
        }
        if let Some(c) = changes {
            for d in c.deleted_tail(&u.id) {
                md_deleted_clause(d, out)?;
            }
        }
        if let Some(c) = &u.closing {
            writeln!(out, "\n{}", md(&c.replace('\n', " ")))?;
        }
        writeln!(out)?;
        for i in on {
            md_note(i, out)?;
        }
    }
    Ok(())
}

/// Text escaped for Markdown, its references made links to the clauses they point at.
fn md_linked(text: &str, links: &[Link]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for l in links {
        let r = l.range.clone();
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&md(&text[at..r.start]));
        out.push_str(&format!("[{}]({})", md(&text[r.clone()]), l.href));
        at = r.end;
    }
    out.push_str(&md(&text[at..]));
    out
}

/// A word diff in Markdown: inline `<del>` and `<ins>`, which Markdown passes through.
fn md_words(words: &[Word]) -> String {
    let mut text = String::new();
    for w in words {
        let (t, open, close) = match w {
            Word::Equal(t) => (t, "", ""),
            Word::Delete(t) => (t, "<del>", "</del>"),
            Word::Insert(t) => (t, "<ins>", "</ins>"),
        };
        text.push_str(open);
        text.push_str(&crate::diffview::md_escape(&escape_controls(t)).replace('\n', " "));
        text.push_str(close);
    }
    text
}

fn md_deleted_clause(d: &ClauseDiff, out: &mut impl Write) -> io::Result<()> {
    let id = d.old.as_ref().map_or("", ClauseId::as_str);
    writeln!(out, "- ~~**{id}**~~ {}", md_words(&d.words))
}

fn md_note(i: &Item, out: &mut impl Write) -> io::Result<()> {
    let a = &i.annotation;
    let source = match &a.source {
        Some(s) if s.starts_with("https://") || s.starts_with("http://") => {
            format!(" ([source](<{}>))", s.replace('>', "%3E"))
        }
        Some(s) => format!(" (source: {})", md(s)),
        None => String::new(),
    };
    let on = if i.on.is_document() {
        "the whole text".to_owned()
    } else {
        i.on.to_string()
    };
    writeln!(
        out,
        "> **{}** on {on} — {}, {}{source}",
        a.stance,
        md(&a.author),
        a.date
    )?;
    if let Some(q) = &a.quote {
        writeln!(out, ">\n> on “{}”", md(q))?;
    }
    if let Some(c) = &i.carried {
        writeln!(out, ">\n> *{}*", md(c))?;
    }
    writeln!(out, ">")?;
    // The body is the author's Markdown: quoted as written, raw HTML escaped.
    for line in a.body.trim_end().lines() {
        writeln!(out, "> {}", html_escape(&escape_controls(line)))?;
    }
    writeln!(out)
}

fn md(text: &str) -> String {
    let mut out = String::new();
    for c in escape_controls(text).chars() {
        if "\\`*_[]<>|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The `treaty-export/1` document, written from borrowed data.
#[derive(Serialize)]
struct JsonExport<'a> {
    schema: &'static str,
    title: Option<&'a str>,
    convention: Option<&'a str>,
    version: Option<&'a str>,
    annotations: &'a [&'a Item],
    clauses: Vec<JsonClause<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    compared_with: Option<JsonComparison<'a>>,
}

#[derive(Serialize)]
struct JsonComparison<'a> {
    version: &'a str,
    summary: &'a treaty_diff::Summary,
    deleted: Vec<&'a UnitDiff>,
}

#[derive(Serialize)]
struct JsonClause<'a> {
    id: &'a ClauseId,
    eid: &'a str,
    kind: NodeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<&'a str>,
    text: String,
    /// With `--with-diff`: what happened to this unit since the older draft.
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<&'a UnitDiff>,
    /// The cross-references written in this unit, with their targets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<&'a treaty_refs::Reference>,
    annotations: Vec<&'a Item>,
}

/// JSON (`treaty-export/1`): the exported clauses, each with its full text and the
/// annotations on it or inside it.
pub fn json(e: &Export, sel: &Selection, out: &mut impl Write) -> anyhow::Result<()> {
    let plan = Plan::new(e, sel);
    let refs = treaty_refs::find(&e.doc);
    let mut refs_in: HashMap<&ClauseId, Vec<&treaty_refs::Reference>> = HashMap::new();
    for r in &refs {
        if let Some(u) = plan.unit_of.get(&r.from) {
            refs_in.entry(&u.id).or_default().push(r);
        }
    }
    let clauses: Vec<JsonClause<'_>> = plan
        .pairs()
        .map(|(u, on)| JsonClause {
            id: &u.id,
            eid: &u.eid,
            kind: u.kind,
            number: u.number.as_deref(),
            heading: u.heading.as_deref(),
            text: u.full_text(),
            change: e.changes.as_ref().and_then(|c| c.unit(&u.id)),
            references: refs_in.remove(&u.id).unwrap_or_default(),
            annotations: on.to_vec(),
        })
        .collect();
    let compared_with = e.changes.as_ref().map(|c| JsonComparison {
        version: c.old_label(),
        summary: &c.diff.summary,
        deleted: c
            .diff
            .units
            .iter()
            .filter(|u| u.status == Status::Deleted)
            .collect(),
    });
    let json = JsonExport {
        schema: "treaty-export/1",
        title: e.doc.title.as_deref(),
        convention: e.convention.as_deref(),
        version: e.version.as_deref(),
        annotations: &plan.whole,
        clauses,
        compared_with,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}

/// CSV: one row per annotation, with its clause's ID, eId and text and every field.
pub fn csv(e: &Export, sel: &Selection, out: &mut impl Write) -> anyhow::Result<()> {
    let plan = Plan::new(e, sel);
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec![
        "convention",
        "version",
        "annotation",
        "clause",
        "eid",
        "clause_text",
        "quote",
        "prefix",
        "suffix",
        "author",
        "source",
        "date",
        "tags",
        "stance",
        "body",
        "written_on",
        "carried",
    ];
    if e.changes.is_some() {
        header.extend(["compared_with", "change", "redline"]);
    }
    w.write_record(&header)?;
    for i in plan.items() {
        let node = plan.nodes.get(&i.on).copied();
        let a = &i.annotation;
        let text = node.map(Node::full_text).unwrap_or_default();
        let (date, tags) = (a.date.to_string(), a.tags.join("; "));
        let mut row: Vec<Cow<'_, str>> = [
            e.convention.as_deref().unwrap_or(""),
            e.version.as_deref().unwrap_or(""),
            &a.id,
            i.on.as_str(),
            node.map_or("", |n| n.eid.as_str()),
            &text,
            a.quote.as_deref().unwrap_or(""),
            a.prefix.as_deref().unwrap_or(""),
            a.suffix.as_deref().unwrap_or(""),
            &a.author,
            a.source.as_deref().unwrap_or(""),
            &date,
            &tags,
            a.stance.as_str(),
            &a.body,
            &a.version,
            i.carried.as_deref().unwrap_or(""),
        ]
        .map(Cow::Borrowed)
        .into();
        if let Some(c) = &e.changes {
            let (change, redline) = csv_change(c, node, &plan);
            row.extend([
                Cow::Borrowed(c.old_label()),
                Cow::Owned(change),
                Cow::Owned(redline),
            ]);
        }
        w.write_record(row.iter().map(|f| f.as_bytes()))?;
    }
    w.flush()?;
    Ok(())
}

/// The change columns of a CSV row: the status of the annotated clause (or, when only
/// its unit changed, the unit's) and the clause's word diff, `[-old-]{+new+}`.
fn csv_change(c: &Changes, node: Option<&Node>, plan: &Plan<'_>) -> (String, String) {
    let Some(n) = node else {
        return (String::new(), String::new());
    };
    if let Some(d) = c.clause(&n.id) {
        let mut status = d.status.as_str().to_owned();
        if let (Some(old), Status::Moved | Status::Renumbered) = (&d.old, d.status) {
            status = format!("{status} from {old}");
        }
        let mut redline = crate::diffview::mark_words(&d.words, crate::diffview::Style::Plain);
        if let Some(note) = crate::diffview::negotiation_note(d) {
            if !redline.is_empty() {
                redline.push('\n');
            }
            redline.push_str(&note);
        }
        return (status, redline);
    }
    match c.diff.backward(&n.id) {
        Some(old) if *old != n.id => return (format!("renumbered from {old}"), String::new()),
        Some(_) => return ("unchanged".to_owned(), String::new()),
        None => {}
    }
    let unit = plan.unit_of.get(&n.id).and_then(|u| c.unit(&u.id));
    match unit {
        Some(d) => (format!("unit {}", d.status.as_str()), String::new()),
        None => ("unchanged".to_owned(), String::new()),
    }
}

/// W3C Web Annotation JSON-LD: an `AnnotationCollection` whose items target the clause by
/// a `FragmentSelector` (its eId), refined by a `TextQuoteSelector` when there is a quote.
pub fn w3c(e: &Export, sel: &Selection, base: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let plan = Plan::new(e, sel);
    let source = format!("{base}#{}", e.version.as_deref().unwrap_or("text"));
    let items: Vec<W3cAnnotation<'_>> = plan
        .items()
        .map(|i| {
            let a = &i.annotation;
            let selector = (!i.on.is_document()).then(|| W3cSelector {
                kind: "FragmentSelector",
                conforms_to: "http://docs.oasis-open.org/legaldocml/akn-core/v1.0/akn-core-v1.0-part2-specs.html",
                value: plan.nodes.get(&i.on).map_or("", |n| n.eid.as_str()),
                refined_by: a.quote.as_deref().map(|q| W3cQuote {
                    kind: "TextQuoteSelector",
                    exact: q,
                    prefix: a.prefix.as_deref(),
                    suffix: a.suffix.as_deref(),
                }),
            });
            let mut body = vec![W3cBody {
                kind: "TextualBody",
                value: &a.body,
                format: Some("text/markdown"),
                purpose: "commenting",
            }];
            body.extend(a.tags.iter().map(|t| W3cBody {
                kind: "TextualBody",
                value: t,
                format: None,
                purpose: "tagging",
            }));
            W3cAnnotation {
                id: format!("{base}#annotation-{}", a.id),
                kind: "Annotation",
                motivation: match a.stance {
                    Stance::Concern | Stance::Question => "questioning",
                    Stance::Support => "assessing",
                    Stance::Proposal => "editing",
                    Stance::Note => "commenting",
                },
                created: a.date.to_string(),
                creator: W3cCreator {
                    kind: "Organization",
                    name: &a.author,
                },
                body,
                target: W3cTarget {
                    source: &source,
                    selector,
                },
                via: a.source.as_deref(),
            }
        })
        .collect();
    let collection = W3cCollection {
        context: "http://www.w3.org/ns/anno.jsonld",
        id: format!("{base}#annotations"),
        kind: "AnnotationCollection",
        label: e.doc.title.as_deref(),
        total: items.len(),
        first: W3cPage {
            kind: "AnnotationPage",
            items,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    writeln!(out)?;
    Ok(())
}

#[derive(Serialize)]
struct W3cCollection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    total: usize,
    first: W3cPage<'a>,
}

#[derive(Serialize)]
struct W3cPage<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    items: Vec<W3cAnnotation<'a>>,
}

#[derive(Serialize)]
struct W3cAnnotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    creator: W3cCreator<'a>,
    body: Vec<W3cBody<'a>>,
    target: W3cTarget<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'a str>,
}

#[derive(Serialize)]
struct W3cCreator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct W3cBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    purpose: &'static str,
}

#[derive(Serialize)]
struct W3cTarget<'a> {
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    selector: Option<W3cSelector<'a>>,
}

#[derive(Serialize)]
struct W3cSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "conformsTo")]
    conforms_to: &'static str,
    value: &'a str,
    #[serde(rename = "refinedBy", skip_serializing_if = "Option::is_none")]
    refined_by: Option<W3cQuote<'a>>,
}

#[derive(Serialize)]
struct W3cQuote<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suffix: Option<&'a str>,
}

const CSS: &str = "body{font:16px/1.55 Georgia,serif;margin:0;color:#222;background:#fff}\
main{max-width:74em;margin:0 auto;padding:1em 2em}nav{font-size:.9em}nav ol{columns:2}\
section.unit{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2em;border-top:1px solid #ddd;padding:.6em 0}\
.text p{margin:.3em 0}.id{font:.8em monospace;color:#666;margin-right:.4em}\
mark{background:#fff3a8}a.ref{color:inherit;text-decoration:underline dotted}aside .note{border-left:3px solid #999;padding:.2em .8em;margin:.5em 0;font-size:.92em;background:#fafafa}\
aside .concern{border-color:#c0392b}aside .support{border-color:#27ae60}aside .question{border-color:#2980b9}\
aside .proposal{border-color:#8e44ad}.meta{color:#555;font-size:.9em}.carried{color:#8a6d3b;font-style:italic}\
ins{background:#dfd;color:#060;text-decoration:underline}del{background:#fdd;color:#900;text-decoration:line-through}\
.change{font-size:.85em;color:#555}.badge{font-size:.75em;padding:0 .3em;border:1px solid #999;border-radius:3px}\
section.inserted .text{border-left:3px solid #27ae60;padding-left:.6em}section.deleted .text{border-left:3px solid #c0392b;padding-left:.6em}\
@media (max-width:50em){section.unit{grid-template-columns:1fr}}";

/// A standalone HTML page: the text with the annotations in the margin beside their
/// clauses, quoted words highlighted, and a table of contents. Annotation bodies are
/// Markdown rendered with pulldown-cmark and sanitised with ammonia; everything else is
/// escaped.
pub fn html(e: &Export, sel: &Selection, out: &mut impl Write) -> io::Result<()> {
    let plan = Plan::new(e, sel);
    let bodies = render_bodies(&plan.items().collect::<Vec<_>>());
    let title = html_escape(e.doc.title.as_deref().unwrap_or("(untitled)"));
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
    );
    if let (Some(c), Some(v)) = (&e.convention, &e.version) {
        let _ = writeln!(
            page,
            "<p class=\"meta\">Convention {}, draft {}; {} annotations.</p>",
            html_escape(c),
            html_escape(v),
            plan.items().count()
        );
    }
    if !plan.whole.is_empty() {
        let _ = writeln!(page, "<aside class=\"whole\">");
        for i in &plan.whole {
            html_note(i, &bodies, &mut page);
        }
        let _ = writeln!(page, "</aside>");
    }
    let _ = writeln!(page, "<nav><h2>Contents</h2><ol>");
    for (u, on) in plan.pairs() {
        let mut head = u.label();
        if let Some(h) = &u.heading {
            head.push_str(" — ");
            head.push_str(h);
        }
        let n = on.len();
        let mut badge = if n > 0 {
            format!(" ({n})")
        } else {
            String::new()
        };
        if let Some(d) = e.changes.as_ref().and_then(|c| c.unit(&u.id)) {
            let _ = write!(
                badge,
                " <span class=\"badge {0}\">{0}</span>",
                d.status.as_str()
            );
        }
        let _ = writeln!(
            page,
            "<li><a href=\"#{}\">{}</a>{badge}</li>",
            html_escape(&u.eid),
            html_escape(&head)
        );
    }
    let _ = writeln!(page, "</ol></nav>");
    let deleted_units = e.changes.as_ref().map(|c| {
        let shown: HashSet<&ClauseId> = plan.units.iter().map(|u| &u.id).collect();
        c.deleted_units(&shown)
    });
    let deleted_after = |id: Option<ClauseId>, page: &mut String| {
        for d in deleted_units
            .as_ref()
            .and_then(|m| m.get(&id))
            .into_iter()
            .flatten()
        {
            html_deleted_unit(d, page);
        }
    };
    deleted_after(None, &mut page);
    let refs = treaty_refs::find(&e.doc);
    let links = Links::new(&refs, &plan.nodes);
    for (u, on) in plan.pairs() {
        html_unit(u, on, e.changes.as_ref(), &links, &bodies, &mut page);
        deleted_after(Some(u.id.clone()), &mut page);
    }
    let _ = writeln!(page, "</main>\n</body>\n</html>");
    out.write_all(page.as_bytes())
}

/// One unit: its text (a redline when it changed since the older draft) and the notes
/// beside it.
fn html_unit(
    u: &Node,
    on: &[&Item],
    changes: Option<&Changes>,
    links: &Links<'_>,
    bodies: &HashMap<&str, String>,
    page: &mut String,
) {
    let mut head = u.label();
    if let Some(h) = &u.heading {
        head.push_str(" — ");
        head.push_str(h);
    }
    let unit_change = changes.and_then(|c| c.unit(&u.id));
    let class = unit_change.map_or("unit", |d| match d.status {
        Status::Inserted => "unit inserted",
        _ => "unit changed",
    });
    let _ = writeln!(
        page,
        "<section class=\"{class}\" id=\"{}\">\n<div class=\"text\">",
        html_escape(&u.eid),
    );
    let heading = changes.and_then(|c| redline::field_words(c, u, TextField::Heading));
    match (heading, &u.heading) {
        (Some(words), Some(_)) => {
            let _ = writeln!(
                page,
                "<h2>{} — {}</h2>",
                html_escape(&u.label()),
                redline_html(&words, 0, &[])
            );
        }
        _ => {
            let _ = writeln!(page, "<h2>{}</h2>", html_escape(&head));
        }
    }
    if let (Some(d), Some(c)) = (unit_change, changes) {
        let _ = writeln!(
            page,
            "<p class=\"change\">Since {}: {}</p>",
            html_escape(c.old_label()),
            html_escape(&crate::diffview::unit_line(d))
        );
    }
    // Marks: the quote ranges, in the unit's full text, of the annotations on it.
    let marks = marks_in(u, on);
    let mut placed: HashSet<&ClauseId> = HashSet::new();
    for part in u.text_parts() {
        if part.field == TextField::Heading && std::ptr::eq(part.node, u) {
            continue;
        }
        if let Some(c) = changes
            && part.field != TextField::Closing
            && placed.insert(&part.node.id)
        {
            for d in c.deleted_before(&part.node.id) {
                html_deleted_clause(d, page);
            }
        }
        let id = if std::ptr::eq(part.node, u) {
            String::new()
        } else {
            format!(
                "<span class=\"id\">{}</span>",
                html_escape(part.node.id.as_str())
            )
        };
        let mut text = match changes.and_then(|c| redline::field_words(c, part.node, part.field)) {
            Some(words) => redline_html(&words, part.start, &marks),
            None => highlight_linked(
                part.text,
                part.start,
                &marks,
                &links.of(part.node, part.field, part.start),
            ),
        };
        if part.field == TextField::Text
            && let Some(note) = changes
                .and_then(|c| c.clause(&part.node.id))
                .and_then(crate::diffview::negotiation_note)
        {
            let _ = write!(
                text,
                " <span class=\"change\">({})</span>",
                html_escape(&note)
            );
        }
        let _ = writeln!(
            page,
            "<p id=\"{}\">{id}{text}</p>",
            html_escape(&part.node.eid),
        );
    }
    if let Some(c) = changes {
        for n in u.walk().filter(|n| !placed.contains(&n.id)) {
            for d in c.deleted_before(&n.id) {
                html_deleted_clause(d, page);
            }
        }
        for d in c.deleted_tail(&u.id) {
            html_deleted_clause(d, page);
        }
    }
    let _ = writeln!(page, "</div>\n<aside>");
    for i in on {
        html_note(i, bodies, page);
    }
    let _ = writeln!(page, "</aside>\n</section>");
}

/// A clause of the older draft that is gone, struck through where it stood.
fn html_deleted_clause(d: &ClauseDiff, page: &mut String) {
    let id = d.old.as_ref().map_or("", ClauseId::as_str);
    let _ = writeln!(
        page,
        "<p class=\"deleted\"><span class=\"id\">{}</span>{}</p>",
        html_escape(id),
        redline_html(&d.words, 0, &[])
    );
}

/// A unit of the older draft that is gone.
fn html_deleted_unit(d: &UnitDiff, page: &mut String) {
    let _ = writeln!(
        page,
        "<section class=\"unit deleted\">\n<div class=\"text\">\n<h2><del>{}</del></h2>\n<p class=\"change\">{}</p>",
        html_escape(&d.old_label.join(", ")),
        html_escape(&crate::diffview::unit_line(d))
    );
    for c in &d.clauses {
        html_deleted_clause(c, page);
    }
    let _ = writeln!(page, "</div>\n<aside></aside>\n</section>");
}

/// A word diff as HTML, `<del>` and `<ins>` around changed words, quoted words marked:
/// `start` is where the new text of these words begins in the coordinates of `marks`.
fn redline_html(words: &[Word], start: usize, marks: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = start;
    for w in words {
        match w {
            Word::Equal(t) => {
                out.push_str(&highlight(t, at, marks));
                at += t.len();
            }
            Word::Insert(t) => {
                out.push_str("<ins>");
                out.push_str(&highlight(t, at, marks));
                out.push_str("</ins>");
                at += t.len();
            }
            Word::Delete(t) => {
                out.push_str("<del>");
                out.push_str(&html_escape(t).replace('\n', "<br>"));
                out.push_str("</del>");
            }
        }
    }
    out
}

fn html_note(i: &Item, bodies: &HashMap<&str, String>, page: &mut String) {
    let a = &i.annotation;
    let source = match &a.source {
        Some(s) if s.starts_with("https://") || s.starts_with("http://") => {
            format!(
                " · <a href=\"{}\" rel=\"noopener noreferrer\">source</a>",
                html_escape(s)
            )
        }
        Some(s) => format!(" · {}", html_escape(s)),
        None => String::new(),
    };
    let on = if i.on.is_document() {
        "the whole text".to_owned()
    } else {
        i.on.to_string()
    };
    let _ = writeln!(
        page,
        "<div class=\"note {}\" id=\"{}\">\n<div class=\"meta\"><strong>{}</strong> on {} · {} · {}{}</div>",
        a.stance.as_str(),
        html_escape(&format!("annotation-{}", a.id)),
        a.stance.as_str(),
        html_escape(&on),
        html_escape(&a.author),
        a.date,
        source
    );
    if let Some(c) = &i.carried {
        let _ = writeln!(page, "<div class=\"carried\">{}</div>", html_escape(c));
    }
    if !a.tags.is_empty() {
        let _ = writeln!(
            page,
            "<div class=\"meta\">tags: {}</div>",
            html_escape(&a.tags.join(", "))
        );
    }
    let body = bodies
        .get(a.id.as_str())
        .cloned()
        .unwrap_or_else(|| markdown_body(&a.body));
    let _ = writeln!(page, "{body}\n</div>");
}

/// Every annotation body rendered, by annotation ID, spread over the machine's cores:
/// Markdown rendering and sanitising dominate the cost of a page.
fn render_bodies<'a>(items: &[&'a Item]) -> HashMap<&'a str, String> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, items.len().max(1));
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|i| (i.annotation.id.as_str(), markdown_body(&i.annotation.body)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(v) => v,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// Markdown to safe HTML: no scripts, no event handlers, no styles, no images, no links
/// but to the web.
///
/// Markdown that holds no raw HTML, links or images renders only pulldown-cmark's own
/// tags around text it escapes: that output is safe as it is, and is not parsed again.
/// Everything else goes through ammonia, which costs about five times the rendering.
pub fn markdown_body(body: &str) -> String {
    let events: Vec<pulldown_cmark::Event<'_>> = pulldown_cmark::Parser::new(body).collect();
    let mut raw = String::new();
    let plain = events.iter().all(plain_markdown);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    if plain {
        return raw;
    }
    // One sanitiser for the run: building its tables costs more than cleaning a body.
    static SANITISER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    SANITISER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.link_rel(Some("noopener noreferrer nofollow"));
            // An image would be fetched when the page opens (a tracking pixel, say): the
            // page is standalone, so bodies keep their words and lose their images.
            b.rm_tags(["img"]);
            b
        })
        .clean(&raw)
        .to_string()
}

/// Whether an event renders as one of the tags Markdown itself makes (paragraphs, lists,
/// emphasis, quotes, code, rules, breaks), with no attribute taken from the text.
fn plain_markdown(event: &pulldown_cmark::Event<'_>) -> bool {
    use pulldown_cmark::{CodeBlockKind, Event, Tag};
    match event {
        Event::Start(tag) => match tag {
            Tag::Paragraph
            | Tag::BlockQuote(None)
            | Tag::CodeBlock(CodeBlockKind::Indented)
            | Tag::List(_)
            | Tag::Item
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough => true,
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => info.is_empty(),
            Tag::Heading {
                id, classes, attrs, ..
            } => id.is_none() && classes.is_empty() && attrs.is_empty(),
            _ => false,
        },
        Event::End(_)
        | Event::Text(_)
        | Event::Code(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::Rule => true,
        _ => false,
    }
}

fn marks_in(u: &Node, on: &[&Item]) -> Vec<Range<usize>> {
    let parts = u.text_parts();
    on.iter()
        .filter_map(|i| {
            let [a, b] = i.quote_at?;
            let offset = parts
                .iter()
                .find(|p| p.node.id == i.on || i.on.contains(&p.node.id))
                .map_or(0, |p| p.start);
            Some(a + offset..b + offset)
        })
        .collect()
}

fn highlight(text: &str, start: usize, marks: &[Range<usize>]) -> String {
    highlight_linked(text, start, marks, &[])
}

/// The cross-references of the exported text, by the clause and field they are in, and
/// the exported nodes they can link to.
struct Links<'e> {
    by_field: HashMap<(&'e ClauseId, bool), Vec<&'e treaty_refs::Reference>>,
    /// The nodes a link may point at, by ID: every exported node (HTML), or each node's
    /// unit (Markdown, where only units have anchors).
    nodes: &'e HashMap<&'e ClauseId, &'e Node>,
}

impl<'e> Links<'e> {
    fn new(refs: &'e [treaty_refs::Reference], nodes: &'e HashMap<&'e ClauseId, &'e Node>) -> Self {
        let mut by_field: HashMap<(&ClauseId, bool), Vec<&treaty_refs::Reference>> = HashMap::new();
        for r in refs {
            by_field
                .entry((&r.from, r.field == TextField::Closing))
                .or_default()
                .push(r);
        }
        Self { by_field, nodes }
    }

    /// Links for the references in one field of `node`, whose text starts at `start`.
    fn of(&self, node: &Node, field: TextField, start: usize) -> Vec<Link> {
        let Some(refs) = self.by_field.get(&(&node.id, field == TextField::Closing)) else {
            return Vec::new();
        };
        refs.iter()
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
struct Link {
    /// Byte range, in the same coordinates as the marks.
    range: Range<usize>,
    href: String,
    title: String,
}

/// `text` (which starts at `start` in the coordinates of `marks` and `links`) escaped,
/// with marked ranges in `<mark>` and references as links to their targets.
fn highlight_linked(text: &str, start: usize, marks: &[Range<usize>], links: &[Link]) -> String {
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
                html_escape(&l.href),
                html_escape(&l.title)
            );
        }
        if marked {
            out.push_str("<mark>");
        }
        out.push_str(&html_escape(&text[a..b]));
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_markdown_skips_the_sanitiser_and_everything_else_goes_through_it() {
        // Plain: pulldown-cmark's own tags, text escaped.
        assert_eq!(
            markdown_body("A *b* & 1 < 2\n\n- one\n"),
            "<p>A <em>b</em> &amp; 1 &lt; 2</p>\n<ul>\n<li>one</li>\n</ul>\n"
        );
        // Links get ammonia's rel, raw HTML and images are cleaned away.
        assert!(
            markdown_body("[x](https://e.org)").contains("rel=\"noopener noreferrer nofollow\"")
        );
        assert_eq!(
            markdown_body("[x](javascript:alert(1))"),
            "<p><a rel=\"noopener noreferrer nofollow\">x</a></p>\n"
        );
        assert_eq!(markdown_body("a <b onclick=x>b</b>"), "<p>a <b>b</b></p>\n");
        assert_eq!(markdown_body("![p](https://e.org/p.png)"), "<p></p>\n");
        assert_eq!(
            markdown_body("```js\nx\n```"),
            "<pre><code>x\n</code></pre>\n"
        );
    }

    proptest! {
        /// Whatever the body, no tag of the HTML is a script, image or style, and none
        /// has an event handler, a style or a javascript: link, whichever path it took.
        /// (A literal `<` in the output always opens a tag: text has it escaped.)
        #[test]
        fn no_body_brings_active_content(body in "([a-z <>=\"'/*_\\[\\]()!:#`\n-]|script|onerror|javascript|img|style|href){0,60}") {
            let html = markdown_body(&body).to_lowercase();
            for tag in html.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap_or_default();
                for bad in ["script", "img", "style"] {
                    prop_assert!(!tag.starts_with(bad), "<{tag}> in {html} from {body:?}");
                }
                for bad in [" on", "style=", "javascript:"] {
                    prop_assert!(!tag.contains(bad), "<{tag}> in {html} from {body:?}");
                }
            }
        }
    }
}
