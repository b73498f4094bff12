//! A parsed convention version: its clause tree, the layout around it and diagnostics.

use serde::{Deserialize, Serialize};

use crate::text::edit_distance;
use crate::{ClauseId, Diagnostic, Node, NodeKind, Span};

/// Source bytes that belong to no clause but are still accounted for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LayoutKind {
    /// Empty or white-space-only lines.
    Blank,
    /// A form feed between pages.
    PageBreak,
    /// Running headers and footers: page numbers, document symbols, job numbers.
    PageFurniture,
    /// Markup of the export around the text (an HTML `<meta>` line, a byte-order mark).
    Markup,
    /// A note the publisher added that is not part of the treaty ("enters into force ...").
    EditorialNote,
    /// A second title line, such as the title in another language above the English one.
    AltTitle,
    /// A translation of the text that follows the authentic one; kept out of the tree.
    Translation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub kind: LayoutKind,
    pub span: Span,
}

/// One version of a convention, parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// ISO 639-1 code of the language of the structural keywords (`en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The top-level nodes, in reading order.
    pub children: Vec<Node>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layout: Vec<Layout>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
    /// Length in bytes of the source this was parsed from.
    pub source_len: usize,
}

/// Why the spans of a document do not account for every byte exactly once.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CoverageError {
    #[error("bytes {0:?} belong to no node and no layout")]
    Gap(Span),
    #[error("{0:?} overlaps {1:?}")]
    Overlap(Span, Span),
    #[error("node {id} at {span:?} lies outside its parent at {parent:?}")]
    Escapes {
        id: String,
        span: Span,
        parent: Span,
    },
    #[error("node {id} has an empty or reversed span {span:?}")]
    Empty { id: String, span: Span },
    #[error("layout {0:?} cuts across a node boundary")]
    Straddles(Span),
}

/// A unit of a document: the level at which drafts are aligned, exported and read. An
/// article, an annex unit, the preamble or the final clauses is a unit as a whole; a
/// container (a division, an annex, an unnumbered heading) is a unit of its own words
/// only (its heading, an annex's introduction), and its children are units in turn.
#[derive(Clone, Copy, Debug)]
pub struct Unit<'a> {
    pub node: &'a Node,
    /// Whether the unit is the node with everything below it (`false`: a container's own
    /// words).
    pub whole: bool,
}

/// A clause ID that names nothing in a draft, with the closest IDs that exist.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("there is no clause {id}{}", self.hint())]
pub struct NoSuchClause {
    pub id: ClauseId,
    pub near: Vec<ClauseId>,
}

impl NoSuchClause {
    /// `; did you mean 1.1, 1.2?`, or nothing when no ID is close.
    pub fn hint(&self) -> String {
        if self.near.is_empty() {
            return String::new();
        }
        let list: Vec<&str> = self.near.iter().map(ClauseId::as_str).collect();
        format!("; did you mean {}?", list.join(", "))
    }
}

impl Document {
    /// The node with this ID, or an error that names the closest IDs there are.
    pub fn require(&self, id: &ClauseId) -> Result<&Node, NoSuchClause> {
        self.find(id).ok_or_else(|| NoSuchClause {
            id: id.clone(),
            near: self.suggest(id, 5),
        })
    }

    /// Every unit in reading order (see [`Unit`]): each container with words of its own,
    /// then the units inside it.
    pub fn units(&self) -> Vec<Unit<'_>> {
        fn visit<'a>(n: &'a Node, out: &mut Vec<Unit<'a>>) {
            if n.kind.is_container() {
                if !n.own_text().is_empty() {
                    out.push(Unit {
                        node: n,
                        whole: false,
                    });
                }
                for c in &n.children {
                    visit(c, out);
                }
            } else {
                out.push(Unit {
                    node: n,
                    whole: true,
                });
            }
        }
        let mut out = Vec::new();
        for n in &self.children {
            visit(n, &mut out);
        }
        out
    }

    /// Every node, depth first, parents before children.
    pub fn walk(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().flat_map(Node::walk)
    }

    /// Every node by its ID, for callers that look up many (one `find` walks the tree).
    pub fn by_id(&self) -> std::collections::HashMap<&ClauseId, &Node> {
        self.walk().map(|n| (&n.id, n)).collect()
    }

    /// The articles, in order, wherever they sit among divisions.
    pub fn articles(&self) -> impl Iterator<Item = &Node> {
        self.walk().filter(|n| n.kind == NodeKind::Article)
    }

    /// The node with this ID. The search goes down only where the ID can be: into a
    /// node whose ID it extends, and through containers (divisions, annexes and
    /// headings hold units whose IDs do not name them). Every branch that could hold it
    /// is tried, so a prefix shared by two branches (`title`, the document's title, and
    /// `title.I`, a division) never hides one of them.
    pub fn find(&self, id: &ClauseId) -> Option<&Node> {
        find_among(&self.children, id)
    }

    /// Up to `limit` existing IDs closest to `id`, for "did you mean ...?".
    pub fn suggest(&self, id: &ClauseId, limit: usize) -> Vec<ClauseId> {
        let wanted = id.to_string();
        let mut scored: Vec<(usize, usize, &ClauseId)> = self
            .walk()
            .map(|n| {
                let shared =
                    n.id.segments()
                        .zip(id.segments())
                        .take_while(|(a, b)| a == b)
                        .count();
                let distance = edit_distance(&n.id.to_string(), &wanted);
                (usize::MAX - shared, distance, &n.id)
            })
            .filter(|&(shared, distance, _)| shared != usize::MAX || distance <= 2)
            .collect();
        scored.sort_by_key(|a| (a.0, a.1, a.2.to_string()));
        scored.dedup_by(|a, b| a.2 == b.2);
        scored
            .into_iter()
            .take(limit)
            .map(|(_, _, id)| id.clone())
            .collect()
    }

    /// Check that the parse is lossless: node spans nest, layout never cuts across a
    /// node, and top-level nodes plus layout tile the source with no gap or overlap.
    pub fn check_coverage(&self) -> Result<(), CoverageError> {
        let whole = Span::new(0, self.source_len);
        check_nesting(&self.children, whole, "document")?;

        let mut layout: Vec<Span> = self.layout.iter().map(|l| l.span).collect();
        layout.sort();
        for pair in layout.windows(2) {
            if pair[0].end > pair[1].start {
                return Err(CoverageError::Overlap(pair[0], pair[1]));
            }
        }
        let mut tiles: Vec<Span> = self.children.iter().map(|n| n.span).collect();
        for &l in &layout {
            if l.is_empty() {
                return Err(CoverageError::Straddles(l));
            }
            match self.children.iter().find(|n| overlaps(n.span, l)) {
                None => tiles.push(l),
                Some(n) if n.span.contains(l) => check_inside(n, l)?,
                Some(_) => return Err(CoverageError::Straddles(l)),
            }
        }
        tiles.sort();
        let mut at = 0;
        for t in tiles {
            match t.start.cmp(&at) {
                std::cmp::Ordering::Greater => {
                    return Err(CoverageError::Gap(Span::new(at, t.start)));
                }
                std::cmp::Ordering::Less => {
                    return Err(CoverageError::Overlap(Span::new(t.start, at), t));
                }
                std::cmp::Ordering::Equal => at = t.end,
            }
        }
        if at != self.source_len {
            return Err(CoverageError::Gap(Span::new(at, self.source_len)));
        }
        Ok(())
    }
}

fn find_among<'a>(level: &'a [Node], id: &ClauseId) -> Option<&'a Node> {
    level.iter().find_map(|n| {
        if &n.id == id {
            Some(n)
        } else if n.id.contains(id) || n.kind.is_container() {
            find_among(&n.children, id)
        } else {
            None
        }
    })
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn check_nesting(nodes: &[Node], parent: Span, parent_id: &str) -> Result<(), CoverageError> {
    let mut prev: Option<Span> = None;
    for n in nodes {
        if n.span.start >= n.span.end {
            return Err(CoverageError::Empty {
                id: n.id.to_string(),
                span: n.span,
            });
        }
        if !parent.contains(n.span) {
            return Err(CoverageError::Escapes {
                id: format!("{} (in {parent_id})", n.id),
                span: n.span,
                parent,
            });
        }
        if let Some(p) = prev
            && p.end > n.span.start
        {
            return Err(CoverageError::Overlap(p, n.span));
        }
        prev = Some(n.span);
        check_nesting(&n.children, n.span, &n.id.to_string())?;
    }
    Ok(())
}

/// A layout span inside a node must sit wholly inside or wholly outside each child.
fn check_inside(node: &Node, l: Span) -> Result<(), CoverageError> {
    for c in &node.children {
        if overlaps(c.span, l) {
            if !c.span.contains(l) {
                return Err(CoverageError::Straddles(l));
            }
            return check_inside(c, l);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Negotiation;

    fn node(id: &str, kind: NodeKind, span: (usize, usize), children: Vec<Node>) -> Node {
        Node {
            id: id.parse().expect("valid id"),
            eid: Default::default(),
            kind,
            number: None,
            heading: None,
            text: Default::default(),
            closing: None,
            span: Span::new(span.0, span.1),
            negotiation: Negotiation::default(),
            footnotes: Vec::new(),
            children,
        }
    }

    fn doc() -> Document {
        Document {
            children: vec![
                node(
                    "chapter.I",
                    NodeKind::Chapter,
                    (0, 30),
                    vec![node(
                        "1",
                        NodeKind::Article,
                        (10, 30),
                        vec![
                            node("1.1", NodeKind::Paragraph, (20, 25), vec![]),
                            node("1.2", NodeKind::Paragraph, (26, 30), vec![]),
                        ],
                    )],
                ),
                node("2", NodeKind::Article, (32, 40), vec![]),
            ],
            layout: vec![
                Layout {
                    kind: LayoutKind::Blank,
                    span: Span::new(25, 26),
                },
                Layout {
                    kind: LayoutKind::Blank,
                    span: Span::new(30, 32),
                },
            ],
            source_len: 40,
            ..Document::default()
        }
    }

    #[test]
    fn finds_through_divisions() {
        let d = doc();
        let id: ClauseId = "1.2".parse().expect("valid");
        assert_eq!(d.find(&id).map(|n| n.span), Some(Span::new(26, 30)));
        assert!(d.find(&"1.3".parse().expect("valid")).is_none());
        assert_eq!(d.articles().count(), 2);
    }

    #[test]
    fn a_shared_prefix_never_hides_a_branch() {
        // The document's title is `title`; an EU TITLE I division is `title.I`.
        let mut d = doc();
        let mut t = node("title", NodeKind::DocumentTitle, (0, 5), vec![]);
        t.text = "A title".into();
        let division = node(
            "title.I",
            NodeKind::Title,
            (32, 40),
            vec![node("7", NodeKind::Article, (33, 40), vec![])],
        );
        d.children = vec![t, division];
        let found = |id: &str| d.find(&id.parse().expect("id")).map(|n| n.id.to_string());
        assert_eq!(found("title").as_deref(), Some("title"));
        assert_eq!(found("title.I").as_deref(), Some("title.I"));
        assert_eq!(found("7").as_deref(), Some("7"));
        assert_eq!(found("title.II"), None);
    }

    #[test]
    fn suggests_siblings_first() {
        let d = doc();
        let got = d.suggest(&"1.3".parse().expect("valid"), 2);
        let got: Vec<String> = got.iter().map(ToString::to_string).collect();
        assert_eq!(got, ["1.1", "1.2"]);
    }

    #[test]
    fn coverage_accepts_a_tiling_and_names_the_gap() {
        let mut d = doc();
        assert_eq!(d.check_coverage(), Ok(()));
        d.layout.pop();
        assert_eq!(
            d.check_coverage(),
            Err(CoverageError::Gap(Span::new(30, 32)))
        );
        let mut d = doc();
        d.layout.push(Layout {
            kind: LayoutKind::Blank,
            span: Span::new(24, 26),
        });
        assert!(d.check_coverage().is_err());
    }

    #[test]
    fn units_look_through_containers_and_keep_their_own_words() {
        let mut d = doc();
        d.children[0].heading = Some("General provisions".into());
        let units: Vec<(String, bool)> = d
            .units()
            .iter()
            .map(|u| (u.node.id.to_string(), u.whole))
            .collect();
        assert_eq!(
            units,
            [
                ("chapter.I".to_owned(), false),
                ("1".to_owned(), true),
                ("2".to_owned(), true)
            ]
        );
        // A chapter with no words of its own is no unit.
        assert_eq!(doc().units().len(), 2);
    }

    #[test]
    fn a_missing_clause_names_the_closest_ones() {
        let d = doc();
        let err = d
            .require(&"1.3".parse().expect("valid"))
            .expect_err("missing");
        assert_eq!(
            err.to_string(),
            "there is no clause 1.3; did you mean 1.1, 1.2, 1?"
        );
        let far = d
            .require(&"77.7".parse().expect("valid"))
            .expect_err("missing");
        assert_eq!(far.to_string(), "there is no clause 77.7");
        assert!(d.require(&"1.2".parse().expect("valid")).is_ok());
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("47.1.c", "47.1.c"), 0);
        assert_eq!(edit_distance("47.1.c", "47.1.d"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
