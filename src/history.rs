//! `treaty history`: one clause through every draft of a convention, following its
//! lineage (the alignment between consecutive drafts) rather than its number.

use std::io::{self, Write};
use std::path::Path;

use anyhow::bail;
use serde::Serialize;
use treaty_diff::{Word, word_diff};
use treaty_model::{ClauseId, Document, escape_controls, normalised};

use crate::diffview::Style;
use crate::lineage::Drafts;
use crate::project;

/// The clause in one draft.
#[derive(Debug, Serialize)]
pub struct Step {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Its ID in this draft; `None` when the clause is not in it.
    pub id: Option<ClauseId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The word diff from the previous draft where it exists.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Word>,
    /// Why there is no text: the draft's file is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

/// Trace `id` (as numbered in the draft `label`, default the latest) through every draft.
pub fn trace(dir: &Path, id: &ClauseId, label: Option<&str>) -> anyhow::Result<Vec<Step>> {
    let mut drafts = Drafts::read(dir)?;
    trace_in(&mut drafts, dir, id, label)
}

/// [`trace`] over drafts already read (their alignments are kept for the next call).
pub fn trace_in(
    drafts: &mut Drafts,
    dir: &Path,
    id: &ClauseId,
    label: Option<&str>,
) -> anyhow::Result<Vec<Step>> {
    let at = match label {
        Some(l) => drafts.index(l)?,
        None => match drafts.present().last() {
            Some(&i) => i,
            None => bail!(
                "none of the drafts of `{}` is in {}",
                drafts.name,
                project::display(dir)
            ),
        },
    };
    let Some(start) = &drafts.sides[at] else {
        bail!(
            "the text of `{}` is not in {}",
            drafts.manifest.versions[at].label,
            project::display(dir)
        );
    };
    if start.doc.find(id).is_none() {
        let near: Vec<String> = start
            .doc
            .suggest(id, 5)
            .iter()
            .map(ToString::to_string)
            .collect();
        bail!(
            "there is no clause {id} in `{}`{}",
            start.label,
            if near.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", near.join(", "))
            }
        );
    }
    let ids: Vec<Option<ClauseId>> = (0..drafts.sides.len())
        .map(|k| {
            if drafts.sides[k].is_some() {
                drafts.trace(id, at, k)
            } else {
                None
            }
        })
        .collect();
    let mut steps = Vec::new();
    let mut previous: Option<String> = None;
    for (k, v) in drafts.manifest.versions.iter().enumerate() {
        let text = match (&drafts.sides[k], &ids[k]) {
            (Some(s), Some(i)) => node_text(&s.doc, i),
            _ => None,
        };
        let words = match (&previous, &text) {
            (Some(p), Some(t)) if normalised(p) != normalised(t) => {
                word_diff(&normalised(p), &normalised(t))
            }
            _ => Vec::new(),
        };
        if text.is_some() {
            previous.clone_from(&text);
        }
        steps.push(Step {
            label: v.label.clone(),
            date: v.date.clone(),
            id: ids[k].clone(),
            text,
            words,
            missing: drafts.sides[k]
                .is_none()
                .then(|| format!("{} is not there", v.file)),
        });
    }
    Ok(steps)
}

fn node_text(doc: &Document, id: &ClauseId) -> Option<String> {
    doc.find(id).map(treaty_model::Node::full_text)
}

/// The history for people: each draft, the clause's number there, its text, and the
/// words that changed since the draft before.
pub fn write_text(steps: &[Step], style: Style, out: &mut impl Write) -> io::Result<()> {
    for (k, s) in steps.iter().enumerate() {
        if k > 0 {
            writeln!(out)?;
        }
        let date = s
            .date
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        match (&s.id, &s.text) {
            (Some(id), Some(text)) => {
                writeln!(out, "== {}{date}: {id}", escape_controls(&s.label))?;
                if s.words.is_empty() {
                    for line in text.lines() {
                        writeln!(out, "  {}", escape_controls(line))?;
                    }
                    if k > 0 && steps[..k].iter().any(|p| p.text.is_some()) {
                        writeln!(out, "  (words unchanged)")?;
                    }
                } else {
                    let marked = crate::diffview::mark_words(&s.words, style);
                    for line in marked.lines() {
                        writeln!(out, "  {line}")?;
                    }
                }
            }
            _ => match &s.missing {
                Some(why) => writeln!(
                    out,
                    "== {}{date}: (text not available: {})",
                    escape_controls(&s.label),
                    escape_controls(why)
                )?,
                None => writeln!(
                    out,
                    "== {}{date}: not in this draft",
                    escape_controls(&s.label)
                )?,
            },
        }
    }
    Ok(())
}
