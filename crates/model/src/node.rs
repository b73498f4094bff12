//! One node of the clause tree: an article, a paragraph, a recital, an annex unit...

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::{ClauseId, CompactString, NodeText, Span};

/// What a node is. Divisions (part, chapter, section, subsection, title) group articles;
/// articles hold numbered paragraphs, which hold lettered subparagraphs, which hold
/// points, which hold items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    /// A second (third, ...) instrument printed in the same file as the first: an
    /// optional protocol after its covenant, with its own title, preamble, articles
    /// numbered from 1 and final clauses (`instrument.2`).
    Instrument,
    DocumentTitle,
    Preamble,
    Recital,
    Part,
    Chapter,
    Section,
    Subsection,
    /// A division called "Title" (as in the Budapest Convention or the EU AI Act proposal).
    Title,
    /// A heading with no number that stands between units ("Final clauses").
    Heading,
    Article,
    Paragraph,
    Subparagraph,
    Point,
    Item,
    Annex,
    /// A numbered unit of an annex or appendix (`S1`, `M2`, or `1.`).
    Unit,
    Footnote,
    /// "IN WITNESS WHEREOF ..." and "DONE at ...".
    FinalClauses,
}

impl NodeKind {
    pub const fn is_division(self) -> bool {
        matches!(
            self,
            Self::Part | Self::Chapter | Self::Section | Self::Subsection | Self::Title
        )
    }

    /// Whether nodes of this kind group units rather than being one: divisions, annexes
    /// and unnumbered headings. Their children are the units (articles, annex units).
    pub const fn is_container(self) -> bool {
        self.is_division() || matches!(self, Self::Annex | Self::Heading | Self::Instrument)
    }

    /// The word a reader uses for it, capitalised as in a heading.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Instrument => "Instrument",
            Self::DocumentTitle => "Title",
            Self::Preamble => "Preamble",
            Self::Recital => "Recital",
            Self::Part => "Part",
            Self::Chapter => "Chapter",
            Self::Section => "Section",
            Self::Subsection => "Subsection",
            Self::Title => "Title",
            Self::Heading => "Heading",
            Self::Article => "Article",
            Self::Paragraph => "Paragraph",
            Self::Subparagraph => "Subparagraph",
            Self::Point => "Point",
            Self::Item => "Item",
            Self::Annex => "Annex",
            Self::Unit => "Unit",
            Self::Footnote => "Footnote",
            Self::FinalClauses => "Final clauses",
        }
    }

    /// The keyword of this division kind in a clause ID (`chapter.II`), if it is one.
    pub const fn id_keyword(self) -> Option<&'static str> {
        match self {
            Self::Part => Some("part"),
            Self::Chapter => Some("chapter"),
            Self::Section => Some("section"),
            Self::Subsection => Some("subsection"),
            Self::Title => Some("title"),
            _ => None,
        }
    }

    /// The Akoma Ntoso eId prefix of this division kind.
    pub const fn eid_prefix(self) -> &'static str {
        match self {
            Self::Instrument => "cmp",
            Self::DocumentTitle => "longTitle",
            Self::Preamble => "preamble",
            Self::Recital => "rec",
            Self::Part => "part",
            Self::Chapter => "chp",
            Self::Section => "sec",
            Self::Subsection => "subsec",
            Self::Title => "title",
            Self::Heading => "hcontainer",
            Self::Article => "art",
            Self::Paragraph => "para",
            Self::Subparagraph | Self::Point | Self::Item => "point",
            Self::Annex => "annex",
            Self::Unit => "unit",
            Self::Footnote => "fnt",
            Self::FinalClauses => "conclusions",
        }
    }
}

/// Negotiation markup found in a clause: square-bracketed (undecided) text and status
/// markers such as `[agreed ad referendum]`. The brackets and markers are taken out of
/// the words and kept here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Negotiation {
    /// Each bracketed passage, as it reads in `text` (without the brackets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bracketed: Vec<String>,
    /// Status markers, normalised to lower case (`agreed ad referendum`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<String>,
}

impl Negotiation {
    pub fn is_empty(&self) -> bool {
        self.bracketed.is_empty() && self.markers.is_empty()
    }
}

/// Which of a node's texts a [`TextPart`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Heading,
    Text,
    Closing,
}

/// One piece of a clause's full text.
#[derive(Clone, Copy, Debug)]
pub struct TextPart<'a> {
    pub node: &'a Node,
    pub field: TextField,
    pub text: &'a str,
    /// Byte offset in [`Node::full_text`].
    pub start: usize,
}

/// A node of the clause tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The canonical human clause ID (`47.1.c`).
    pub id: ClauseId,
    /// The Akoma Ntoso eId (`art_47__para_1__point_c`).
    pub eid: CompactString,
    pub kind: NodeKind,
    /// The number as the text writes it, normalised (`6`, `2bis`, `c`, `ii`, `IV`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The node's own words (for a node with children, its chapeau), whitespace
    /// normalised, Markdown and negotiation markup taken out. Blocks are separated by `\n`.
    pub text: NodeText,
    /// Words after the children ("... where the offence is transnational in nature").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
    /// Bytes of the source this node and its children came from.
    pub span: Span,
    #[serde(default, skip_serializing_if = "Negotiation::is_empty")]
    pub negotiation: Negotiation,
    /// Labels of footnotes referred to in the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

impl Node {
    /// This node and everything below it, depth first, parents before children.
    pub fn walk(&self) -> impl Iterator<Item = &Node> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            stack.extend(node.children.iter().rev());
            Some(node)
        })
    }

    /// The node's own words, without its children's: heading, text and closing, one
    /// block per line.
    pub fn own_text(&self) -> String {
        [
            self.heading.as_deref(),
            Some(self.text.as_str()),
            self.closing.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
    }

    /// The text of this node and all below it, in reading order, one block per line.
    pub fn full_text(&self) -> String {
        let mut out = String::new();
        for part in self.text_parts() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(part.text);
        }
        out
    }

    /// The non-empty pieces of [`Node::full_text`] in order (heading, text, children,
    /// closing), each with the node it belongs to and its offset in the full text, so a
    /// range found in the full text can be traced back to the clause that holds it.
    pub fn text_parts(&self) -> Vec<TextPart<'_>> {
        let mut parts = Vec::new();
        self.push_parts(&mut parts);
        parts
    }

    fn push_parts<'a>(&'a self, parts: &mut Vec<TextPart<'a>>) {
        let push = |field: TextField, text: &'a str, parts: &mut Vec<TextPart<'a>>| {
            if !text.is_empty() {
                // One `\n` between parts.
                let start = parts.last().map_or(0, |p| p.start + p.text.len() + 1);
                parts.push(TextPart {
                    node: self,
                    field,
                    text,
                    start,
                });
            }
        };
        if let Some(h) = &self.heading {
            push(TextField::Heading, h, parts);
        }
        push(TextField::Text, &self.text, parts);
        for child in &self.children {
            child.push_parts(parts);
        }
        if let Some(c) = &self.closing {
            push(TextField::Closing, c, parts);
        }
    }

    /// Where the full text of `id` (this node or one below it) begins in this node's
    /// [`Node::full_text`]: the offset that turns a range found in the clause's own full
    /// text into one in this node's.
    pub fn offset_of(&self, id: &ClauseId) -> Option<usize> {
        self.text_parts()
            .iter()
            .find(|p| id.contains(&p.node.id))
            .map(|p| p.start)
    }

    /// A range of this node's [`Node::full_text`], cut at the pieces it spans: for each
    /// piece it touches, the piece and the range relative to that piece's text.
    pub fn pieces_of(&self, range: Range<usize>) -> Vec<(TextPart<'_>, Range<usize>)> {
        self.text_parts()
            .into_iter()
            .filter_map(|p| {
                let (lo, hi) = (p.start, p.start + p.text.len());
                (range.start < hi && lo < range.end)
                    .then(|| (p, range.start.max(lo) - lo..range.end.min(hi) - lo))
            })
            .collect()
    }

    /// The label with the heading: `Article 15 — Conditions and safeguards`.
    pub fn title(&self) -> String {
        let mut t = self.label();
        if let Some(h) = &self.heading {
            t.push_str(" — ");
            t.push_str(h);
        }
        t
    }

    /// A short label for outlines: `Article 15`, `Chapter II`, `(c)`.
    pub fn label(&self) -> String {
        match (&self.number, self.kind) {
            (Some(n), NodeKind::Subparagraph | NodeKind::Point | NodeKind::Item) => {
                format!("({n})")
            }
            (Some(n), NodeKind::Paragraph) => format!("{n}."),
            (Some(n), NodeKind::Recital) => format!("Recital {n}"),
            (Some(n), NodeKind::Footnote) => format!("Footnote {n}"),
            (Some(n), kind) => format!("{} {n}", kind.label()),
            (None, kind) => kind.label().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    fn node(id: &str, kind: NodeKind, text: &str, children: Vec<Node>) -> Node {
        Node {
            id: id.parse().expect("valid id"),
            eid: Default::default(),
            kind,
            number: id.rsplit('.').next().map(Into::into),
            heading: None,
            text: text.into(),
            closing: None,
            span: Span::default(),
            negotiation: Negotiation::default(),
            footnotes: Vec::new(),
            children,
        }
    }

    fn article() -> Node {
        let mut a = node(
            "5",
            NodeKind::Article,
            "",
            vec![
                node("5.1", NodeKind::Paragraph, "First words.", vec![]),
                node("5.2", NodeKind::Paragraph, "Second words.", vec![]),
            ],
        );
        a.heading = Some("Scope".into());
        a
    }

    #[test]
    fn offsets_and_pieces_trace_the_full_text_back_to_clauses() {
        let a = article();
        let full = a.full_text();
        assert_eq!(full, "Scope\nFirst words.\nSecond words.");
        let at = a.offset_of(&"5.2".parse().expect("id")).expect("inside");
        assert_eq!(&full[at..], "Second words.");
        assert_eq!(a.offset_of(&"5".parse().expect("id")), Some(0));
        assert_eq!(a.offset_of(&"6".parse().expect("id")), None);
        // "words.\nSecond": the end of 5.1 and the start of 5.2.
        let start = full.find("words.").expect("there");
        let pieces = a.pieces_of(start..start + 13);
        let got: Vec<(String, &str)> = pieces
            .iter()
            .map(|(p, r)| (p.node.id.to_string(), &p.text[r.clone()]))
            .collect();
        assert_eq!(
            got,
            [("5.1".to_owned(), "words."), ("5.2".to_owned(), "Second")]
        );
    }

    #[test]
    fn titles_join_label_and_heading() {
        assert_eq!(article().title(), "Article 5 — Scope");
        assert_eq!(article().children[0].title(), "1.");
    }
}
