//! CSV: one row per annotation, with its clause's ID, eId and text and every field.

use std::borrow::Cow;
use std::io::{self, Write};

use treaty_diff::{Overlay, Status};
use treaty_lineage::AnnotatedDraft;
use treaty_model::Node;

use super::{Plan, Selection};
use crate::style::Style;

/// CSV: one row per annotation, with its clause's ID, eId and text and every field;
/// with `neutral`, cells a spreadsheet would run as formulas are made plain text.
pub(super) fn write(
    e: &AnnotatedDraft,
    sel: &Selection,
    neutral: bool,
    out: &mut impl Write,
) -> io::Result<()> {
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
    if e.overlay.is_some() {
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
            e.version().unwrap_or(""),
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
        if let Some(c) = &e.overlay {
            let (change, redline) = csv_change(c, node, &plan);
            row.extend([
                Cow::Borrowed(c.old_label()),
                Cow::Owned(change),
                Cow::Owned(redline),
            ]);
        }
        if neutral {
            row = row.into_iter().map(neutralise).collect();
        }
        w.write_record(row.iter().map(|f| f.as_bytes()))?;
    }
    w.flush()?;
    Ok(())
}

/// A cell made safe for a spreadsheet, as OWASP advises against CSV injection: one that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return is led by `'`, which
/// spreadsheets read as "this is text" and do not show.
pub(crate) fn neutralise(cell: Cow<'_, str>) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
}

/// The change columns of a CSV row: the status of the annotated clause (or, when only
/// its unit changed, the unit's) and the clause's word diff, `[-old-]{+new+}`.
fn csv_change(c: &Overlay, node: Option<&Node>, plan: &Plan<'_>) -> (String, String) {
    let Some(n) = node else {
        return (String::new(), String::new());
    };
    if let Some(d) = c.clause(&n.id) {
        let mut status = d.status.as_str().to_owned();
        if let (Some(old), Status::Moved | Status::Renumbered) = (&d.old, d.status) {
            status = format!("{status} from {old}");
        }
        let mut redline = crate::diff::mark_words(&d.words, Style::Plain);
        if let Some(note) = crate::diff::negotiation_note(d) {
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
