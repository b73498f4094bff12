//! JSON (`treaty-export/1`): the exported units, each with its full text, its
//! references and the annotations on it or inside it.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use treaty_diff::{Status, UnitDiff};
use treaty_lineage::{AnnotatedDraft, Item};
use treaty_model::{ClauseId, NodeKind};

use super::{Plan, Selection};

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
pub(super) fn write(e: &AnnotatedDraft, sel: &Selection, out: &mut impl Write) -> io::Result<()> {
    let plan = Plan::new(e, sel);
    let refs = treaty_refs::find(&e.draft.doc);
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
            change: e.overlay.as_ref().and_then(|c| c.unit(&u.id)),
            references: refs_in.remove(&u.id).unwrap_or_default(),
            annotations: on.to_vec(),
        })
        .collect();
    let compared_with = e.overlay.as_ref().map(|c| JsonComparison {
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
        title: e.draft.doc.title.as_deref(),
        convention: e.convention.as_deref(),
        version: e.version(),
        annotations: &plan.whole,
        clauses,
        compared_with,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}
