//! Amendments as the European Parliament publishes them: one table per amendment,
//! headed by its number ("Amendment 217"), the act amended ("Proposal for a
//! regulation") and the provision it amends ("Article 5 — paragraph 1 — point b a
//! (new)"), then two columns, "Text proposed by the Commission" and "Amendment". A
//! point in a column is a row of two cells, its marker and its words.

use crate::text::clean;
use crate::xml::{Child, El};
use crate::{ImportError, XmlError};

/// One amendment as published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    /// Its number ("217").
    pub number: String,
    /// The provision it amends, as written: "Article 5 — paragraph 1 — point b a (new)".
    pub target: String,
    /// The words of the left column (what the base draft says), for checking.
    pub old: String,
    /// The right column, piece by piece.
    pub new: Vec<Piece>,
}

/// A piece of a column: a marked point (`(b a)` and its words) or a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub marker: Option<String>,
    pub text: String,
}

impl Amendment {
    /// Whether the amendment deletes what it targets: its right column says "deleted".
    pub fn deletes(&self) -> bool {
        !self.new.is_empty()
            && self
                .new
                .iter()
                .all(|p| p.marker.is_none() && p.text.eq_ignore_ascii_case("deleted"))
    }

    /// The right column's words, markers left out, pieces joined by a space.
    pub fn new_words(&self) -> String {
        self.new
            .iter()
            .map(|p| p.text.as_str())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Whether a file is a list of amendments in the Parliament's published form.
pub fn is_amendment_list(bytes: &[u8]) -> bool {
    let has = |s: &[u8]| bytes.windows(s.len()).any(|w| w == s);
    has(b"Text proposed by the Commission") && has(b"Amendment")
}

/// Read the amendments of a published list, in the order printed.
pub fn read(src: &str) -> Result<Vec<Amendment>, ImportError> {
    let parsed = crate::xml::parse_reporting(src).map_err(|e: XmlError| e.locate(src))?;
    let mut items = Vec::new();
    flatten(&parsed.root, &mut items);
    let mut out: Vec<Amendment> = Vec::new();
    // The headings of the amendment being read: its number, then what it amends.
    let mut heads: Vec<String> = Vec::new();
    for item in items {
        match item {
            Flat::Heading(text) => {
                if let Some(n) = text.strip_prefix("Amendment ").map(str::trim)
                    && !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
                {
                    heads = vec![n.to_owned()];
                    continue;
                }
                if !heads.is_empty() {
                    heads.push(text);
                }
            }
            Flat::Table(table) if heads.len() >= 2 => {
                let Some((old, new)) = columns(table) else {
                    continue;
                };
                // The provision is the last heading: the act's name ("Proposal for a
                // regulation") comes before it.
                let target = heads.last().cloned().unwrap_or_default();
                out.push(Amendment {
                    number: heads[0].clone(),
                    target,
                    old,
                    new,
                });
                heads.clear();
            }
            Flat::Table(_) => {}
        }
    }
    if out.is_empty() {
        return Err(ImportError::Unsupported(
            "no amendment was found: a list of amendments has an \"Amendment N\" heading and a table of two columns for each".into(),
        ));
    }
    Ok(out)
}

enum Flat<'a> {
    Heading(String),
    Table(&'a El),
}

/// The headings (`p.oj-ti-grseq-1`) and the amendment tables (`table.oj-table`), in
/// document order.
fn flatten<'a>(e: &'a El, out: &mut Vec<Flat<'a>>) {
    for c in e.elements() {
        let class = c.attr("class").unwrap_or("");
        if c.name == "p" && class.contains("oj-ti-grseq-1") {
            out.push(Flat::Heading(clean(&c.text())));
        } else if c.name == "table" && class.contains("oj-table") {
            out.push(Flat::Table(c));
        } else {
            flatten(c, out);
        }
    }
}

/// The two columns of an amendment table: the left one's words, the right one's pieces.
fn columns(table: &El) -> Option<(String, Vec<Piece>)> {
    let body = table.child("tbody").unwrap_or(table);
    let mut old = Vec::new();
    let mut new = Vec::new();
    for tr in body.elements().filter(|e| e.name == "tr") {
        let cells: Vec<&El> = tr.elements().filter(|e| e.name == "td").collect();
        let [left, right] = cells.as_slice() else {
            continue;
        };
        // The header row names the columns.
        let header = |td: &El| {
            td.elements()
                .any(|p| p.attr("class").is_some_and(|c| c.contains("oj-tbl-hdr")))
        };
        if header(left) || header(right) {
            continue;
        }
        old.extend(pieces(left).into_iter().map(|p| match p.marker {
            Some(m) => format!("{m} {}", p.text),
            None => p.text,
        }));
        new.extend(pieces(right));
    }
    Some((old.join(" "), new))
}

/// The pieces of a cell: each row of a table inside it a marked point, each paragraph
/// a piece of its own.
fn pieces(td: &El) -> Vec<Piece> {
    let mut out = Vec::new();
    for c in &td.children {
        let Child::El(e) = c else { continue };
        match e.name.as_str() {
            "table" => {
                let body = e.child("tbody").unwrap_or(e);
                for tr in body.elements().filter(|r| r.name == "tr") {
                    let cells: Vec<String> = tr
                        .elements()
                        .filter(|d| d.name == "td")
                        .map(|d| clean(&d.text()))
                        .collect();
                    match cells.as_slice() {
                        [m, t] => out.push(Piece {
                            marker: Some(m.clone()).filter(|m| !m.is_empty()),
                            text: t.clone(),
                        }),
                        _ => {
                            let t = cells.join(" ");
                            if !t.trim().is_empty() {
                                out.push(Piece {
                                    marker: None,
                                    text: t,
                                });
                            }
                        }
                    }
                }
            }
            _ => {
                let t = clean(&e.text());
                if !t.is_empty() {
                    out.push(Piece {
                        marker: None,
                        text: t,
                    });
                }
            }
        }
    }
    out
}

/// One article-level change of an Akoma Ntoso `akndiff:changeSet`: a whole article
/// inserted after another, or a run of an article's words substituted (the old and new
/// words as flat text, paragraph numbers and point markers inline).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleChange {
    /// The article's number (`4a` for eId `art_4a`).
    pub article: String,
    /// For an insertion: the number of the article it follows.
    pub after: Option<String>,
    pub old: String,
    pub new: String,
}

/// Whether a file is an Akoma Ntoso change set (`akndiff:changeSet`).
pub fn is_change_set(bytes: &[u8]) -> bool {
    let has = |s: &[u8]| bytes.windows(s.len()).any(|w| w == s);
    has(b"changeSet") && has(b"articleChange")
}

/// Read the article changes of an Akoma Ntoso change set, in order.
pub fn read_change_set(src: &str) -> Result<Vec<ArticleChange>, ImportError> {
    let parsed = crate::xml::parse_reporting(src).map_err(|e: XmlError| e.locate(src))?;
    let mut out = Vec::new();
    collect_changes(&parsed.root, &mut out);
    if out.is_empty() {
        return Err(ImportError::Unsupported(
            "the change set holds no `articleChange`".into(),
        ));
    }
    Ok(out)
}

fn collect_changes(e: &El, out: &mut Vec<ArticleChange>) {
    for c in e.elements() {
        if c.name == "articleChange" {
            let number = |eid: &str| eid.strip_prefix("art_").unwrap_or(eid).to_owned();
            let insert = c.attr("type") == Some("insert");
            out.push(ArticleChange {
                article: number(c.attr("article").unwrap_or("")),
                after: insert.then(|| number(c.attr("after").unwrap_or(""))),
                old: c.child("old").map(|o| clean(&o.text())).unwrap_or_default(),
                new: c.child("new").map(|n| clean(&n.text())).unwrap_or_default(),
            });
        } else {
            collect_changes(c, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"<html><body>
<p class="oj-ti-grseq-1"><span>Amendment 217</span></p>
<p class="oj-ti-grseq-1"><span>Proposal for a regulation</span></p>
<p class="oj-ti-grseq-1"><span>Article 5 — paragraph 1 — point b a (new)</span></p>
<table class="oj-table"><tbody>
<tr><td><p class="oj-tbl-hdr">Text proposed by the Commission</p></td><td><p class="oj-tbl-hdr">Amendment</p></td></tr>
<tr><td><p class="oj-normal"> </p></td><td><table><tbody><tr><td><p>(b a)</p></td><td><p>the use of <span>biometric</span> categorisation;</p></td></tr></tbody></table></td></tr>
</tbody></table>
<p class="oj-ti-grseq-1"><span>Amendment 218</span></p>
<p class="oj-ti-grseq-1"><span>Proposal for a regulation</span></p>
<p class="oj-ti-grseq-1"><span>Recital 3</span></p>
<table class="oj-table"><tbody>
<tr><td><p class="oj-tbl-hdr">Text proposed by the Commission</p></td><td><p class="oj-tbl-hdr">Amendment</p></td></tr>
<tr><td><p>(3) Old words.</p></td><td><p>deleted</p></td></tr>
</tbody></table>
</body></html>"#;

    #[test]
    fn each_table_is_an_amendment_with_its_target_and_columns() {
        let list = read(ONE).expect("read");
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].number, "217");
        assert_eq!(list[0].target, "Article 5 — paragraph 1 — point b a (new)");
        assert_eq!(
            list[0].new,
            [Piece {
                marker: Some("(b a)".into()),
                text: "the use of biometric categorisation;".into()
            }]
        );
        assert_eq!(list[0].old, "");
        assert!(!list[0].deletes());
        assert_eq!(list[1].old, "(3) Old words.");
        assert!(list[1].deletes());
        assert!(is_amendment_list(ONE.as_bytes()));
    }
}
