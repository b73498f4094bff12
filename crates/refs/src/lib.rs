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

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;
use treaty_model::{ClauseId, Document, Node, NodeKind, TextField};

pub use grammar::Raw;
use grammar::Scope;

/// What kind of words a reference is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Article,
    Paragraph,
    Subparagraph,
    PrecedingParagraph,
    /// `point (a)`, `points (a) and (b) of paragraph 1`.
    Point,
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
        if starts_word
            && may_start(&bytes[i..])
            && let Ok((rest, raw)) = grammar::reference(&text[i..])
        {
            let end = text.len() - rest.len();
            out.push((i..end, raw));
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// Whether a word can start a reference (`art`icle, `par`agraph, `sub`paragraph,
/// `poi`nt, `cha`pter, `the`): a cheap test before the grammar runs.
fn may_start(word: &[u8]) -> bool {
    let Some(head) = word.get(..3) else {
        return false;
    };
    let lower = [head[0] | 0x20, head[1] | 0x20, head[2] | 0x20];
    matches!(&lower, b"art" | b"par" | b"sub" | b"poi" | b"cha" | b"the")
}

/// Every reference in a document, resolved.
pub fn find(doc: &Document) -> Vec<Reference> {
    let r = Resolver::new(doc);
    let mut out = Vec::new();
    let mut ancestors = Vec::new();
    for n in &doc.children {
        r.visit(n, &mut ancestors, None, &mut out);
    }
    out
}

/// What resolving needs to know of the whole document, gathered once.
struct Resolver<'d> {
    /// Every node by ID.
    ids: HashMap<&'d ClauseId, &'d Node>,
    /// Chapters by number (in capitals), in reading order.
    chapters: HashMap<String, Vec<&'d Node>>,
    /// The words of the document's title: "the Convention" is this text when its title
    /// says it is one.
    title: String,
}

/// Where a reference is written: the clauses that hold it, innermost last, and the act
/// the article amends, if it amends one.
struct Place<'a, 'd> {
    ancestors: &'a [&'d Node],
    amends: Option<&'a str>,
    /// The reference before this one in the same words, for `thereof`.
    previous: Option<&'a Reference>,
}

impl<'a, 'd> Place<'a, 'd> {
    fn here(&self) -> Option<&'d Node> {
        self.ancestors.last().copied()
    }

    fn nearest(&self, kinds: &[NodeKind]) -> Option<&'d Node> {
        self.ancestors
            .iter()
            .rev()
            .find(|a| kinds.contains(&a.kind))
            .copied()
    }

    fn article(&self) -> Option<ClauseId> {
        self.nearest(&[NodeKind::Article, NodeKind::Unit])
            .map(|a| a.id.clone())
    }

    /// Article `number` of this text: inside a further instrument of the file (an
    /// optional protocol), "article 1" is its own article 1.
    fn numbered(&self, number: &str) -> ClauseId {
        match self.nearest(&[NodeKind::Instrument]) {
            Some(i) => i.id.child(number),
            None => ClauseId::from_segments([number]),
        }
    }

    /// The nearest enclosing clause that has a child labelled `label`, else the
    /// nearest paragraph or article.
    fn holder_of(&self, label: Option<&str>) -> Option<ClauseId> {
        self.ancestors
            .iter()
            .rev()
            .find(|a| {
                a.children
                    .iter()
                    .any(|c| c.number.as_deref().map(str::to_ascii_lowercase).as_deref() == label)
            })
            .map(|a| a.id.clone())
            .or_else(|| self.this_paragraph())
    }

    fn this_paragraph(&self) -> Option<ClauseId> {
        self.nearest(&[NodeKind::Paragraph, NodeKind::Article, NodeKind::Unit])
            .map(|n| n.id.clone())
    }
}

fn under(base: &ClauseId, path: &[String]) -> ClauseId {
    path.iter().fold(base.clone(), |id, s| id.child(s))
}

/// What a reference resolves to, before it becomes a [`Reference`].
#[derive(Default)]
struct Resolved {
    external: Option<String>,
    targets: Vec<ClauseId>,
    missing: Vec<ClauseId>,
}

impl<'d> Resolver<'d> {
    fn new(doc: &'d Document) -> Self {
        let mut chapters: HashMap<String, Vec<&Node>> = HashMap::new();
        for c in doc.walk().filter(|c| c.kind == NodeKind::Chapter) {
            if let Some(n) = &c.number {
                chapters
                    .entry(n.as_str().to_uppercase())
                    .or_default()
                    .push(c);
            }
        }
        Self {
            ids: doc.by_id(),
            chapters,
            title: doc.title.clone().unwrap_or_default(),
        }
    }

    fn visit(
        &self,
        n: &'d Node,
        ancestors: &mut Vec<&'d Node>,
        amends: Option<&str>,
        out: &mut Vec<Reference>,
    ) {
        ancestors.push(n);
        let own = (n.kind == NodeKind::Article)
            .then(|| amended_act(n))
            .flatten();
        let amends = own.as_deref().or(amends);
        let fields = [
            (TextField::Text, Some(n.text.as_str())),
            (TextField::Closing, n.closing.as_deref()),
        ];
        for (field, text) in fields {
            let Some(text) = text else { continue };
            for (span, raw) in scan(text) {
                let previous = out
                    .last()
                    .filter(|p: &&Reference| p.from == n.id && p.field == field);
                let place = Place {
                    ancestors,
                    amends,
                    previous,
                };
                let kind = kind_of(&raw);
                let resolved = self.resolve(&place, raw);
                out.push(Reference {
                    from: place
                        .here()
                        .map_or_else(ClauseId::document, |h| h.id.clone()),
                    field,
                    span: [span.start, span.end],
                    text: text[span].to_owned(),
                    kind,
                    external: resolved.external,
                    targets: resolved.targets,
                    missing: resolved.missing,
                });
            }
        }
        for c in &n.children {
            self.visit(c, ancestors, amends, out);
        }
        ancestors.pop();
    }

    /// Whose words a reference's scope names: `None` for this text's, else the other
    /// instrument's name. In an article that amends another act, words that name no
    /// instrument are that act's.
    fn other(&self, scope: Scope, place: &Place<'_, '_>) -> Option<String> {
        match scope {
            Scope::External(name) => Some(name),
            Scope::Kind(kind) if !self.title.contains(&kind) && !self.title.is_empty() => {
                Some(format!("the {kind}"))
            }
            Scope::Thereof => match place.previous {
                Some(p) if p.is_internal() => None,
                Some(p) => p.external.clone(),
                None => Some("the instrument named before".to_owned()),
            },
            Scope::Internal | Scope::Kind(_) => place.amends.map(str::to_owned),
        }
    }

    /// Point a reference read at `place` at clauses of the document.
    fn resolve(&self, place: &Place<'_, '_>, raw: Raw) -> Resolved {
        use grammar::{Of, ParagraphOf, SubOf};
        let mut r = Resolved::default();
        match raw {
            Raw::Articles { items, scope } => match self.other(scope, place) {
                Some(name) => r.external = Some(name),
                None => {
                    for item in items {
                        for number in item.numbers() {
                            let base = place.numbered(&number);
                            if item.paths.is_empty() {
                                r.targets.push(base);
                            } else {
                                r.targets.extend(item.paths.iter().map(|p| under(&base, p)));
                            }
                        }
                    }
                }
            },
            Raw::Paragraphs { paths, of, scope } => match self.other(scope, place) {
                Some(name) => r.external = Some(name),
                None => {
                    let base = match of {
                        ParagraphOf::ThisArticle => place.article(),
                        ParagraphOf::Article(n) => Some(place.numbered(&n)),
                    };
                    r.under(base, &paths);
                }
            },
            Raw::Subparagraphs { paths, of } => match place.amends {
                Some(name) => r.external = Some(name.to_owned()),
                None => {
                    let base = match of {
                        SubOf::ThisParagraph => place.this_paragraph(),
                        SubOf::Paragraph(p) => place.article().map(|a| a.child(&p)),
                        SubOf::Nearest => place
                            .holder_of(paths.first().and_then(|p| p.first()).map(String::as_str)),
                    };
                    r.under(base, &paths);
                }
            },
            Raw::Points { paths, of, scope } => match self.other(scope.clone(), place) {
                Some(name) => r.external = Some(name),
                None => {
                    // `point (h)(iii) thereof`: below what the reference before named.
                    // When that was the same point, `thereof` means what holds it.
                    let first = paths.first().and_then(|p| p.first());
                    let named_before = (scope == Scope::Thereof)
                        .then(|| place.previous.and_then(|p| p.targets.first().cloned()))
                        .flatten()
                        .map(|b| {
                            let segments: Vec<&str> = b.segments().collect();
                            match segments.split_last() {
                                Some((last, up)) if Some(*last) == first.map(String::as_str) => {
                                    ClauseId::from_segments(up.iter().copied())
                                }
                                _ => b.clone(),
                            }
                        });
                    let base = match of {
                        _ if named_before.is_some() => named_before,
                        Of::Nearest => place
                            .holder_of(paths.first().and_then(|p| p.first()).map(String::as_str)),
                        Of::ThisParagraph => place.this_paragraph(),
                        Of::Paragraph(p) => place.article().map(|a| under(&a, &p)),
                        Of::Article(n, p) => Some(under(&place.numbered(&n), &p)),
                    };
                    r.under(base, &paths);
                }
            },
            Raw::OrdinalSubparagraph { of, scope } => match self.other(scope, place) {
                Some(name) => r.external = Some(name),
                None => {
                    let base = match of {
                        Of::Nearest | Of::ThisParagraph => place.this_paragraph(),
                        Of::Paragraph(p) => place.article().map(|a| under(&a, &p)),
                        Of::Article(n, p) => Some(under(&place.numbered(&n), &p)),
                    };
                    r.under(base, &[Vec::new()]);
                }
            },
            Raw::PrecedingParagraph => match preceding_paragraph(place.ancestors) {
                Some(id) => r.targets.push(id),
                None => r.missing.push(
                    place
                        .here()
                        .map_or_else(ClauseId::document, |h| h.id.clone()),
                ),
            },
            Raw::Chapters {
                numbers,
                section,
                within,
                scope,
            } => match self.other(scope, place) {
                Some(name) => r.external = Some(name),
                None => {
                    for number in numbers {
                        match self.chapter(&number, &within, section.as_deref()) {
                            Ok(id) => r.targets.push(id),
                            Err(id) => r.missing.push(id),
                        }
                    }
                }
            },
            Raw::Instrument(name) => r.external = Some(name),
        }
        r.targets = std::mem::take(&mut r.targets)
            .into_iter()
            .map(|t| self.unnumbered(t))
            .collect();
        r.missing.extend(
            r.targets
                .iter()
                .filter(|t| !self.ids.contains_key(t))
                .cloned(),
        );
        r
    }

    /// Chapter `number` (inside the titles or parts `within` name, when they say), or
    /// its section; the ID it would have when the text has none.
    fn chapter(
        &self,
        number: &str,
        within: &[(String, String)],
        section: Option<&str>,
    ) -> Result<ClauseId, ClauseId> {
        let holds = |c: &Node| {
            within
                .iter()
                .all(|(_, n)| c.id.segments().any(|s| s.eq_ignore_ascii_case(n)))
        };
        let candidates = self.chapters.get(&number.to_uppercase());
        let found = candidates
            .and_then(|cs| cs.iter().find(|c| holds(c)).or_else(|| cs.first()))
            .copied();
        let Some(c) = found else {
            return Err(ClauseId::from_segments(["chapter", number]));
        };
        let Some(s) = section else {
            return Ok(c.id.clone());
        };
        c.children
            .iter()
            .find(|k| {
                k.kind == NodeKind::Section
                    && k.number
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(s))
            })
            .map(|k| k.id.clone())
            .ok_or_else(|| c.id.child("section").child(s))
    }

    /// A paragraph number in an article whose paragraphs are not numbered counts its
    /// unnumbered paragraphs: `Article 113(3), point (a)` is point (a) of Article 113
    /// when 113 has no paragraph 3 but has points.
    fn unnumbered(&self, target: ClauseId) -> ClauseId {
        if self.ids.contains_key(&target) {
            return target;
        }
        let segments: Vec<&str> = target.segments().collect();
        for k in 1..segments.len() {
            if !segments[k].bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let holder = ClauseId::from_segments(segments[..k].iter().copied());
            let Some(node) = self.ids.get(&holder) else {
                continue;
            };
            let numbered = node.children.iter().any(|c| c.kind == NodeKind::Paragraph);
            if node.kind == NodeKind::Article && !numbered {
                let rest = segments[k + 1..].iter().copied();
                let id = ClauseId::from_segments(segments[..k].iter().copied().chain(rest));
                if self.ids.contains_key(&id) {
                    return id;
                }
            }
        }
        target
    }
}

impl Resolved {
    /// Targets `paths` below `base`; with no base, the paths are missing as they are.
    fn under(&mut self, base: Option<ClauseId>, paths: &[Vec<String>]) {
        match base {
            Some(b) => self.targets.extend(paths.iter().map(|p| under(&b, p))),
            None => self.missing.extend(
                paths
                    .iter()
                    .filter(|p| !p.is_empty())
                    .map(ClauseId::from_segments),
            ),
        }
    }
}

fn kind_of(raw: &Raw) -> Kind {
    match raw {
        Raw::Articles { .. } => Kind::Article,
        Raw::Paragraphs { .. } => Kind::Paragraph,
        Raw::Subparagraphs { .. } | Raw::OrdinalSubparagraph { .. } => Kind::Subparagraph,
        Raw::Points { .. } => Kind::Point,
        Raw::PrecedingParagraph => Kind::PrecedingParagraph,
        Raw::Chapters { .. } => Kind::Chapter,
        Raw::Instrument(_) => Kind::Instrument,
    }
}

/// The paragraph before the one that holds the last of `ancestors`.
fn preceding_paragraph(ancestors: &[&Node]) -> Option<ClauseId> {
    let k = ancestors
        .iter()
        .rposition(|a| a.kind == NodeKind::Paragraph)?;
    let (p, parent) = (ancestors[k], ancestors.get(k.checked_sub(1)?)?);
    let siblings: Vec<&Node> = parent
        .children
        .iter()
        .filter(|c| c.kind == NodeKind::Paragraph)
        .collect();
    let at = siblings.iter().position(|c| std::ptr::eq(*c, p))?;
    Some(siblings.get(at.checked_sub(1)?)?.id.clone())
}

/// Words that say an article changes another act: "Regulation (EC) No 300/2008 is
/// amended as follows", "In Article 4(3) of ..., the following subparagraph is added".
const AMENDING: [&str; 12] = [
    "is amended",
    "are amended",
    "is added",
    "are added",
    "is inserted",
    "are inserted",
    "is replaced",
    "are replaced",
    "is deleted",
    "are deleted",
    "Amendment to",
    "Amendments to",
];

/// The act an article amends, when its heading or opening words say it amends one:
/// its words that name no instrument are that act's, not this text's.
fn amended_act(article: &Node) -> Option<String> {
    let mut words = article.heading.clone().unwrap_or_default();
    words.push(' ');
    words.push_str(&article.text);
    if let Some(first) = article.children.first() {
        words.push(' ');
        words.push_str(&first.text);
    }
    if !AMENDING.iter().any(|v| words.contains(v)) {
        return None;
    }
    let bytes = words.as_bytes();
    (0..words.len())
        .filter(|&i| words.is_char_boundary(i) && (i == 0 || bytes[i - 1] == b' '))
        .find_map(|i| grammar::act_citation(&words[i..]).ok().map(|(_, a)| a))
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
