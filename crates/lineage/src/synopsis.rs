//! Every draft of a convention lined up in one table, as negotiators' synopses have it
//! (the EU's "four-column document"): a row per clause lineage, a column per draft
//! oldest to newest, each cell the clause as it reads in that draft with the words
//! changed since the draft before. Rows follow the alignment of each neighbouring pair
//! of drafts, the one `history` follows, not the numbers: Article 52 of one draft and
//! Article 50 of the next share a row when one became the other.

use std::collections::HashMap;

use serde::Serialize;
use treaty_diff::{Word, word_diff};
use treaty_model::{ClauseId, Document, Node, NodeKind};

use crate::drafts::Drafts;

/// The synopsis of a convention's drafts.
#[derive(Clone, Debug, Serialize)]
pub struct Synopsis {
    pub schema: &'static str,
    pub convention: String,
    /// The drafts whose text is there, oldest first: the columns.
    pub drafts: Vec<Column>,
    pub rows: Vec<Row>,
}

/// One draft of the synopsis.
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub label: String,
    pub date: Option<String>,
}

/// One clause lineage: the clause in each draft that has it.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The cells, in the order of [`Synopsis::drafts`]; `None` where the clause does not
    /// exist (inserted later, deleted earlier).
    pub cells: Vec<Option<Cell>>,
}

/// A clause as it reads in one draft.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub id: ClauseId,
    /// What kind of clause it is (`Article`, `Paragraph`, `Recital`).
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    pub text: String,
    /// The words changed since the draft before, when the clause was there.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Word>,
    pub status: CellStatus,
}

/// What became of a clause since the draft before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CellStatus {
    /// The oldest draft: nothing to compare with.
    First,
    Unchanged,
    /// Same ID, other words (or another heading).
    Changed,
    /// Another ID; `words` says whether the wording changed too.
    Renumbered,
    /// Not in the draft before.
    Inserted,
}

impl CellStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CellStatus::First => "first",
            CellStatus::Unchanged => "unchanged",
            CellStatus::Changed => "changed",
            CellStatus::Renumbered => "renumbered",
            CellStatus::Inserted => "inserted",
        }
    }
}

impl Row {
    /// The row's IDs in every draft: `52 → 52 → 50`, `—` where the clause is not.
    pub fn lineage(&self) -> String {
        self.cells
            .iter()
            .map(|c| {
                c.as_ref()
                    .map_or_else(|| "—".to_owned(), |c| c.id.to_string())
            })
            .collect::<Vec<_>>()
            .join(" → ")
    }

    /// Whether anything in the row changed from draft to draft (a clause inserted,
    /// deleted, renumbered or reworded).
    pub fn changed(&self) -> bool {
        let first = self.cells.iter().position(Option::is_some);
        let last = self.cells.iter().rposition(Option::is_some);
        let gone = last.is_some_and(|l| l + 1 < self.cells.len());
        let late = first.is_some_and(|f| f > 0);
        gone || late
            || self.cells.iter().flatten().any(|c| {
                matches!(c.status, CellStatus::Changed | CellStatus::Renumbered)
                    || !c.words.is_empty()
            })
    }

    /// Whether the clause is in one of these articles (by number, in any draft).
    pub fn in_articles(&self, units: &[String]) -> bool {
        self.cells.iter().flatten().any(|c| {
            c.id.segments()
                .next()
                .is_some_and(|u| units.iter().any(|w| w == u))
        })
    }
}

/// The clauses of a document that get a row: every node but the document's title.
fn clauses(doc: &Document) -> Vec<&Node> {
    doc.walk()
        .filter(|n| n.kind != NodeKind::DocumentTitle)
        .collect()
}

/// Line up every present draft of `drafts`. Rows come in the order of the newest draft,
/// with clauses that are gone from it placed after the clause they followed in the
/// last draft that had them.
pub fn synopsis(drafts: &mut Drafts) -> Synopsis {
    let present = drafts.present();
    let columns: Vec<Column> = present
        .iter()
        .map(|&i| Column {
            label: drafts.label(i).to_owned(),
            date: drafts.manifest.versions.get(i).and_then(|v| v.date.clone()),
        })
        .collect();
    // For each neighbouring pair, the older clause each newer one came from.
    let mut back: Vec<HashMap<ClauseId, ClauseId>> = Vec::new();
    for w in present.windows(2) {
        let map = drafts
            .diff(w[0], w[1])
            .map(|d| {
                let mut map: HashMap<ClauseId, ClauseId> = d
                    .matched
                    .iter()
                    .map(|(o, n)| (n.clone(), o.clone()))
                    .collect();
                // A unit split or merged continues in the first unit it became (the
                // others are new in this draft, or gone after it), also when the words
                // of one of its paragraphs became the unit's own: the row of a unit is
                // the unit's.
                for u in &d.units {
                    if let (Some(o), Some(n)) = (u.old.first(), u.new.first()) {
                        match map.get(n) {
                            Some(from) if from == o || !o.contains(from) => {}
                            _ => {
                                map.insert(n.clone(), o.clone());
                            }
                        }
                    }
                }
                map
            })
            .unwrap_or_default();
        back.push(map);
    }
    let docs: Vec<&Document> = present
        .iter()
        .filter_map(|&i| drafts.draft(i).map(|d| &d.doc))
        .collect();
    let n = docs.len();
    // Rows as IDs first: the newest draft's clauses traced back, then each older
    // draft's clauses that no row holds yet, placed where they stood.
    let mut rows: Vec<Vec<Option<ClauseId>>> = Vec::new();
    let trace_back = |row: &mut Vec<Option<ClauseId>>, from: usize| {
        let mut k = from;
        while k > 0 {
            let Some(id) = row[k].as_ref() else { break };
            let Some(old) = back[k - 1].get(id) else {
                break;
            };
            row[k - 1] = Some(old.clone());
            k -= 1;
        }
    };
    if let Some(newest) = docs.last() {
        for node in clauses(newest) {
            let mut row = vec![None; n];
            row[n - 1] = Some(node.id.clone());
            trace_back(&mut row, n - 1);
            rows.push(row);
        }
    }
    for k in (0..n.saturating_sub(1)).rev() {
        let held: std::collections::HashSet<ClauseId> =
            rows.iter().filter_map(|r| r[k].clone()).collect();
        let mut after: Option<usize> = None;
        for node in clauses(docs[k]) {
            if held.contains(&node.id) {
                after = rows.iter().position(|r| r[k].as_ref() == Some(&node.id));
                continue;
            }
            let mut row = vec![None; n];
            row[k] = Some(node.id.clone());
            trace_back(&mut row, k);
            let at = after.map_or(0, |a| a + 1);
            rows.insert(at, row);
            after = Some(at);
        }
    }
    let index: Vec<HashMap<&ClauseId, &Node>> = docs
        .iter()
        .map(|d| d.walk().map(|n| (&n.id, n)).collect())
        .collect();
    let rows = rows
        .into_iter()
        .map(|ids| {
            let mut cells: Vec<Option<Cell>> = Vec::with_capacity(n);
            for (k, id) in ids.iter().enumerate() {
                let cell = id.as_ref().and_then(|id| index[k].get(id)).map(|node| {
                    let before = k
                        .checked_sub(1)
                        .and_then(|p| cells.get(p))
                        .and_then(Option::as_ref);
                    cell(node, before, k == 0)
                });
                cells.push(cell);
            }
            Row { cells }
        })
        .collect();
    Synopsis {
        schema: "treaty-synopsis/1",
        convention: drafts.name.clone(),
        drafts: columns,
        rows,
    }
}

fn cell(node: &Node, before: Option<&Cell>, first: bool) -> Cell {
    let text = match &node.closing {
        Some(c) if !c.is_empty() && !node.text.is_empty() => format!("{}\n{c}", node.text),
        Some(c) if !c.is_empty() => c.clone(),
        _ => node.text.to_string(),
    };
    let (status, words) = match before {
        None if first => (CellStatus::First, Vec::new()),
        None => (CellStatus::Inserted, Vec::new()),
        Some(b) => {
            let same_words = b.text == text;
            let same_heading = b.heading == node.heading;
            let words = if same_words {
                Vec::new()
            } else {
                word_diff(&b.text, &text)
            };
            let status = if b.id != node.id {
                CellStatus::Renumbered
            } else if same_words && same_heading {
                CellStatus::Unchanged
            } else {
                CellStatus::Changed
            };
            (status, words)
        }
    };
    Cell {
        id: node.id.clone(),
        kind: node.kind.label(),
        heading: node.heading.clone(),
        text,
        words,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renumbered_then_split_article_keeps_its_rows() {
        let mut drafts = crate::drafts::tests::three();
        let s = synopsis(&mut drafts);
        assert_eq!(
            s.drafts
                .iter()
                .map(|d| d.label.as_str())
                .collect::<Vec<_>>(),
            ["zero", "one", "two"]
        );
        let lineages: Vec<String> = s.rows.iter().map(Row::lineage).collect();
        // Article 2 of the first draft is 3 in the second, split into Articles 3 and 4
        // in the third: the unit's row goes on in 3, whose words are those of paragraph
        // 1 (a paragraph no longer); paragraph 2 became Article 4. Article 2 of the
        // second is new.
        assert_eq!(
            lineages,
            [
                "1 → 1 → 1",
                "— → 2 → 2",
                "2 → 3 → 3",
                "2.1 → 3.1 → —",
                "2.2 → 3.2 → 4"
            ]
        );
        let row = |l: &str| s.rows.iter().find(|r| r.lineage() == l).expect(l);
        assert_eq!(
            row("— → 2 → 2").cells[1].as_ref().map(|c| c.status),
            Some(CellStatus::Inserted)
        );
        let split = row("2.2 → 3.2 → 4");
        assert_eq!(
            split
                .cells
                .iter()
                .flatten()
                .map(|c| c.status)
                .collect::<Vec<_>>(),
            [
                CellStatus::First,
                CellStatus::Renumbered,
                CellStatus::Renumbered
            ]
        );
        assert!(split.changed());
        assert!(row("2.1 → 3.1 → —").changed());
        assert!(
            !s.rows
                .iter()
                .find(|r| r.lineage() == "1 → 1 → 1")
                .expect("1")
                .changed()
        );
        // Every clause of every draft is in exactly one row.
        for (k, d) in s.drafts.iter().enumerate() {
            let doc = &drafts
                .draft(drafts.index(&d.label).expect("a label"))
                .expect("present")
                .doc;
            let mut ids: Vec<String> = s
                .rows
                .iter()
                .filter_map(|r| r.cells[k].as_ref().map(|c| c.id.to_string()))
                .collect();
            let mut want: Vec<String> = clauses(doc).iter().map(|n| n.id.to_string()).collect();
            ids.sort();
            want.sort();
            assert_eq!(ids, want, "{}", d.label);
        }
    }
}
