//! Cross-references in convention texts.
//!
//! Conventions refer to themselves all the time: "subject to article 24", "the offences
//! established in accordance with articles 7 to 11", "paragraph 1 (a) (i) of this
//! article". [`find`] reads every clause's words with a nom grammar, keeps the span of
//! each reference, and resolves it to clause IDs of the same document, relative forms
//! against the clause they are written in. References to other instruments ("article 6
//! of the Convention against Transnational Organized Crime") are kept as external and
//! never resolved into this document.

mod grammar;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;
use treaty_model::{ClauseId, Document, Node, NodeKind, TextField};

pub use grammar::Raw;

/// What kind of words a reference is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Article,
    Paragraph,
    Subparagraph,
    PrecedingParagraph,
    Chapter,
    /// The name of another instrument.
    Instrument,
}

/// One reference, where it is written and what it points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The clause whose words hold it.
    pub from: ClauseId,
    /// Which of that clause's texts: its own words or the words after its children.
    #[serde(serialize_with = "field_name")]
    pub field: TextField,
    /// Byte range in that text.
    pub span: [usize; 2],
    /// The words, as written.
    pub text: String,
    pub kind: Kind,
    /// For a reference to another instrument: that instrument, as named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external: Option<String>,
    /// The clauses of this document it points at (empty for an external reference).
    pub targets: Vec<ClauseId>,
    /// The targets this document does not have.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<ClauseId>,
}

fn field_name<S: serde::Serializer>(f: &TextField, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(match f {
        TextField::Heading => "heading",
        TextField::Text => "text",
        TextField::Closing => "closing",
    })
}

impl Reference {
    /// Whether it points into this document.
    pub fn is_internal(&self) -> bool {
        self.external.is_none()
    }

    /// Whether it points at `id`, at something inside it, or at something that holds it
    /// (a reference to article 24 concerns 24.1 too).
    pub fn concerns(&self, id: &ClauseId) -> bool {
        self.targets
            .iter()
            .any(|t| t == id || id.contains(t) || t.contains(id))
    }
}

/// Every reference in a text, with what the grammar read, by byte range.
pub fn scan(text: &str) -> Vec<(Range<usize>, Raw)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] >= 0x80);
        if starts_word && may_start(&bytes[i..]) {
            if let Ok((rest, raw)) = grammar::reference(&text[i..]) {
                let end = text.len() - rest.len();
                out.push((i..end, raw));
                i = end.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Whether a word can start a reference (`art`icle, `par`agraph, `sub`paragraph,
/// `cha`pter, `the`): a cheap test before the grammar runs.
fn may_start(word: &[u8]) -> bool {
    let Some(head) = word.get(..3) else {
        return false;
    };
    let lower = [head[0] | 0x20, head[1] | 0x20, head[2] | 0x20];
    matches!(&lower, b"art" | b"par" | b"sub" | b"cha" | b"the")
}

/// Every reference in a document, resolved.
pub fn find(doc: &Document) -> Vec<Reference> {
    let ids: HashSet<&ClauseId> = doc.walk().map(|n| &n.id).collect();
    let mut out = Vec::new();
    let mut ancestors = Vec::new();
    for n in &doc.children {
        visit(doc, &ids, n, &mut ancestors, &mut out);
    }
    out
}

fn visit<'d>(
    doc: &'d Document,
    ids: &HashSet<&ClauseId>,
    n: &'d Node,
    ancestors: &mut Vec<&'d Node>,
    out: &mut Vec<Reference>,
) {
    ancestors.push(n);
    let fields = [
        (TextField::Text, Some(n.text.as_str())),
        (TextField::Closing, n.closing.as_deref()),
    ];
    for (field, text) in fields {
        let Some(text) = text else { continue };
        for (span, raw) in scan(text) {
            let words = &text[span.clone()];
            out.push(resolve(doc, ids, ancestors, field, span, words, raw));
        }
    }
    for c in &n.children {
        visit(doc, ids, c, ancestors, out);
    }
    ancestors.pop();
}

/// Point a reference read in the last of `ancestors` at clauses of `doc`.
fn resolve(
    doc: &Document,
    ids: &HashSet<&ClauseId>,
    ancestors: &[&Node],
    field: TextField,
    span: Range<usize>,
    words: &str,
    raw: Raw,
) -> Reference {
    use grammar::{ParagraphOf, Scope, SubOf};
    let here = ancestors.last().copied();
    let nearest = |kinds: &[NodeKind]| {
        ancestors
            .iter()
            .rev()
            .find(|a| kinds.contains(&a.kind))
            .copied()
    };
    let article = || nearest(&[NodeKind::Article, NodeKind::Unit]).map(|a| a.id.clone());
    // Inside a further instrument of the file (an optional protocol), "article 1" is its
    // own article 1.
    let instrument = nearest(&[NodeKind::Instrument]).map(|i| i.id.clone());
    let numbered = |number: &str| match &instrument {
        Some(i) => i.child(number),
        None => ClauseId::from_segments([number]),
    };
    let under =
        |base: &ClauseId, path: &[String]| path.iter().fold(base.clone(), |id, s| id.child(s));
    let mut external = None;
    let mut targets = Vec::new();
    let mut missing = Vec::new();
    let kind = match raw {
        Raw::Articles { items, scope } => {
            if let Scope::External(name) = scope {
                external = Some(name);
            } else {
                for item in items {
                    let mut numbers = vec![item.number.clone()];
                    if let Some(to) = &item.to {
                        match (item.number.parse::<u32>(), to.parse::<u32>()) {
                            (Ok(a), Ok(b)) if a < b && b - a <= 500 => {
                                numbers.extend((a + 1..=b).map(|n| n.to_string()));
                            }
                            _ => numbers.push(to.clone()),
                        }
                    }
                    for number in numbers {
                        let base = numbered(&number);
                        if item.paths.is_empty() {
                            targets.push(base);
                        } else {
                            targets.extend(item.paths.iter().map(|p| under(&base, p)));
                        }
                    }
                }
            }
            Kind::Article
        }
        Raw::Paragraphs { paths, of, scope } => {
            if let Scope::External(name) = scope {
                external = Some(name);
            } else {
                let base = match of {
                    ParagraphOf::ThisArticle => article(),
                    ParagraphOf::Article(n) => Some(numbered(&n)),
                };
                match base {
                    Some(b) => targets.extend(paths.iter().map(|p| under(&b, p))),
                    None => missing.extend(paths.iter().map(ClauseId::from_segments)),
                }
            }
            Kind::Paragraph
        }
        Raw::Subparagraphs { paths, of } => {
            let base = match of {
                SubOf::ThisParagraph => {
                    nearest(&[NodeKind::Paragraph, NodeKind::Article, NodeKind::Unit])
                        .map(|n| n.id.clone())
                }
                SubOf::Paragraph(p) => article().map(|a| a.child(&p)),
                SubOf::Nearest => {
                    let first = paths.first().and_then(|p| p.first());
                    ancestors
                        .iter()
                        .rev()
                        .find(|a| {
                            a.children.iter().any(|c| {
                                c.number.as_deref().map(str::to_ascii_lowercase).as_deref()
                                    == first.map(String::as_str)
                            })
                        })
                        .map(|a| a.id.clone())
                        .or_else(article)
                }
            };
            match base {
                Some(b) => targets.extend(paths.iter().map(|p| under(&b, p))),
                None => missing.extend(paths.iter().map(ClauseId::from_segments)),
            }
            Kind::Subparagraph
        }
        Raw::PrecedingParagraph => {
            let paragraph = nearest(&[NodeKind::Paragraph]);
            let parent = paragraph.and_then(|p| {
                let k = ancestors.iter().rposition(|a| std::ptr::eq(*a, p))?;
                k.checked_sub(1).map(|k| ancestors[k])
            });
            let previous = match (paragraph, parent) {
                (Some(p), Some(parent)) => {
                    let siblings: Vec<&Node> = parent
                        .children
                        .iter()
                        .filter(|c| c.kind == NodeKind::Paragraph)
                        .collect();
                    siblings
                        .iter()
                        .position(|c| std::ptr::eq(*c, p))
                        .and_then(|k| k.checked_sub(1))
                        .map(|k| siblings[k].id.clone())
                }
                _ => None,
            };
            match previous {
                Some(id) => targets.push(id),
                None => missing.push(here.map_or_else(ClauseId::document, |h| h.id.clone())),
            }
            Kind::PrecedingParagraph
        }
        Raw::Chapters { numbers, scope } => {
            if let Scope::External(name) = scope {
                external = Some(name);
            } else {
                for number in numbers {
                    let found = doc.walk().find(|c| {
                        c.kind == NodeKind::Chapter
                            && c.number
                                .as_deref()
                                .is_some_and(|x| x.eq_ignore_ascii_case(&number))
                    });
                    match found {
                        Some(c) => targets.push(c.id.clone()),
                        None => missing.push(ClauseId::from_segments(["chapter", number.as_str()])),
                    }
                }
            }
            Kind::Chapter
        }
        Raw::Instrument(name) => {
            external = Some(name);
            Kind::Instrument
        }
    };
    missing.extend(targets.iter().filter(|t| !ids.contains(t)).cloned());
    Reference {
        from: here.map_or_else(ClauseId::document, |h| h.id.clone()),
        field,
        span: [span.start, span.end],
        text: words.to_owned(),
        kind,
        external,
        targets,
        missing,
    }
}

/// The references of a document, looked up by the clause and the text they are written
/// in: what a renderer needs to mark them in place.
#[derive(Clone, Debug, Default)]
pub struct Index {
    refs: Vec<Reference>,
    /// (clause, written in its closing words?) → indexes into `refs`, in order.
    by_field: HashMap<(ClauseId, bool), Vec<usize>>,
}

impl Index {
    pub fn new(refs: Vec<Reference>) -> Self {
        let mut by_field: HashMap<(ClauseId, bool), Vec<usize>> = HashMap::new();
        for (k, r) in refs.iter().enumerate() {
            by_field
                .entry((r.from.clone(), r.field == TextField::Closing))
                .or_default()
                .push(k);
        }
        Self { refs, by_field }
    }

    /// Every reference of `doc`, indexed.
    pub fn of(doc: &Document) -> Self {
        Self::new(find(doc))
    }

    /// Every reference, in reading order.
    pub fn all(&self) -> &[Reference] {
        &self.refs
    }

    /// The references written in one text of a clause (its heading counts as its text).
    pub fn in_field(&self, id: &ClauseId, field: TextField) -> impl Iterator<Item = &Reference> {
        self.by_field
            .get(&(id.clone(), field == TextField::Closing))
            .into_iter()
            .flatten()
            .map(|&k| &self.refs[k])
    }
}

/// The references that point at `id` (or inside it, or at what holds it).
pub fn backlinks<'r>(refs: &'r [Reference], id: &ClauseId) -> Vec<&'r Reference> {
    refs.iter().filter(|r| r.concerns(id)).collect()
}
