//! `treaty history`: one clause through every draft of a convention, following its
//! lineage (the alignment between consecutive drafts) rather than its number.

use std::io::{self, Write};
use std::path::Path;

use anyhow::bail;
use serde::Serialize;
use treaty_diff::{Word, word_diff};
use treaty_model::{ClauseId, Document, escape_controls, normalised};

use crate::diffing::{self, Side};
use crate::diffview::Style;
use crate::project::{self, ManifestState};

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
    let (texts, name) = match (dir.parent(), dir.file_name()) {
        (Some(p), Some(n)) => (p, n.to_string_lossy().into_owned()),
        _ => bail!("{} is not a convention folder", project::display(dir)),
    };
    let manifest = match project::manifest(texts, &name)? {
        ManifestState::Ok { manifest, .. } => manifest,
        ManifestState::Absent => bail!(
            "there is no {}: history needs a convention folder with its drafts listed",
            project::display(&dir.join("convention.toml"))
        ),
        ManifestState::Bad { name, problem, .. } => bail!("{name}: {}", problem.message),
    };
    // Read every draft that is there.
    let mut sides: Vec<Option<Side>> = Vec::new();
    for v in &manifest.versions {
        let path = dir.join(&v.file);
        sides.push(if path.exists() {
            Some(diffing::read(&path, v.label.clone())?)
        } else {
            None
        });
    }
    let at = match label {
        Some(l) => match manifest.versions.iter().position(|v| v.label == l) {
            Some(i) => i,
            None => bail!(
                "`{name}` has no version `{l}`; its versions are: {}",
                manifest.labels().collect::<Vec<_>>().join(", ")
            ),
        },
        None => match sides.iter().rposition(Option::is_some) {
            Some(i) => i,
            None => bail!(
                "none of the drafts of `{name}` is in {}",
                project::display(dir)
            ),
        },
    };
    let Some(start) = &sides[at] else {
        bail!(
            "the text of `{}` is not in {}",
            manifest.versions[at].label,
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
    let present: Vec<usize> = (0..sides.len()).filter(|&i| sides[i].is_some()).collect();
    let mut ids: Vec<Option<ClauseId>> = vec![None; sides.len()];
    ids[at] = Some(id.clone());
    let pos = present.iter().position(|&i| i == at).unwrap_or(0);
    // Backwards, then forwards, one diff between neighbouring drafts at a time.
    for w in present[..=pos].windows(2).rev() {
        let (a, b) = (w[0], w[1]);
        let Some(cur) = ids[b].clone() else { break };
        ids[a] = diff_of(&sides, a, b).backward(&cur).cloned();
    }
    for w in present[pos..].windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(cur) = ids[a].clone() else { break };
        ids[b] = diff_of(&sides, a, b).forward(&cur).cloned();
    }
    let mut steps = Vec::new();
    let mut previous: Option<String> = None;
    for (k, v) in manifest.versions.iter().enumerate() {
        let text = match (&sides[k], &ids[k]) {
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
            missing: sides[k]
                .is_none()
                .then(|| format!("{} is not there", v.file)),
        });
    }
    Ok(steps)
}

fn diff_of(sides: &[Option<Side>], a: usize, b: usize) -> treaty_diff::ConventionDiff {
    match (&sides[a], &sides[b]) {
        (Some(x), Some(y)) => treaty_diff::diff(&x.version(), &y.version()),
        _ => unreachable!("only drafts that are present are compared"),
    }
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
                    let mut marked = String::new();
                    for w in &s.words {
                        let (t, open, close) = match (w, style) {
                            (Word::Equal(t), _) => (t, "", ""),
                            (Word::Delete(t), Style::Plain) => (t, "[-", "-]"),
                            (Word::Insert(t), Style::Plain) => (t, "{+", "+}"),
                            (Word::Delete(t), Style::Color) => (t, "\x1b[31;9m", "\x1b[29;39m"),
                            (Word::Insert(t), Style::Color) => (t, "\x1b[32;4m", "\x1b[24;39m"),
                        };
                        marked.push_str(open);
                        marked.push_str(&escape_controls(t));
                        marked.push_str(close);
                    }
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
