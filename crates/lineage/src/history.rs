//! One clause through every draft of a convention, following its lineage (the alignment
//! between consecutive drafts) rather than its number.

use serde::Serialize;
use treaty_diff::{Word, word_diff};
use treaty_model::{ClauseId, Document, NoSuchClause, normalised};

use crate::drafts::{Drafts, UnknownVersion};

/// The clause in one draft.
#[derive(Clone, Debug, Serialize)]
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

/// Why a history cannot be traced.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HistoryError {
    #[error(transparent)]
    UnknownVersion(#[from] UnknownVersion),
    #[error("none of the drafts of `{0}` is there")]
    NoDraft(String),
    #[error("the text of `{0}` is not there")]
    TextMissing(String),
    #[error("there is no clause {} in `{label}`{}", .missing.id, .missing.hint())]
    NoSuchClause {
        label: String,
        missing: NoSuchClause,
    },
}

/// `id` (as numbered in the draft `label`, default the latest present) in every draft.
/// The alignments made are kept in `drafts` for the next call.
pub fn history(
    drafts: &mut Drafts,
    id: &ClauseId,
    label: Option<&str>,
) -> Result<Vec<Step>, HistoryError> {
    let at = match label {
        Some(l) => drafts.index(l)?,
        None => drafts
            .latest()
            .ok_or_else(|| HistoryError::NoDraft(drafts.name.clone()))?,
    };
    let Some(start) = drafts.draft(at) else {
        return Err(HistoryError::TextMissing(drafts.label(at).to_owned()));
    };
    start
        .doc
        .require(id)
        .map_err(|missing| HistoryError::NoSuchClause {
            label: start.label.clone(),
            missing,
        })?;
    let ids: Vec<Option<ClauseId>> = (0..drafts.drafts.len())
        .map(|k| {
            if drafts.draft(k).is_some() {
                drafts.trace(id, at, k)
            } else {
                None
            }
        })
        .collect();
    let mut steps = Vec::new();
    let mut previous: Option<String> = None;
    for (k, v) in drafts.manifest.versions.iter().enumerate() {
        let text = match (drafts.draft(k), &ids[k]) {
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
            missing: drafts.drafts[k]
                .is_none()
                .then(|| format!("{} is not there", v.file)),
        });
    }
    Ok(steps)
}

fn node_text(doc: &Document, id: &ClauseId) -> Option<String> {
    doc.find(id).map(treaty_model::Node::full_text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::tests::three;

    #[test]
    fn a_clause_reads_in_every_draft_with_what_changed() {
        let mut d = three();
        let steps = history(&mut d, &"3.1".parse().expect("id"), Some("one")).expect("traced");
        let ids: Vec<Option<String>> = steps
            .iter()
            .map(|s| s.id.as_ref().map(ToString::to_string))
            .collect();
        assert_eq!(
            ids,
            [Some("2.1".into()), Some("3.1".into()), Some("3".into())]
        );
        assert!(steps[1].words.is_empty(), "unchanged between zero and one");
    }

    #[test]
    fn a_clause_that_is_not_there_is_refused_with_the_closest() {
        let mut d = three();
        let err = history(&mut d, &"3.9".parse().expect("id"), Some("one")).expect_err("absent");
        assert!(
            err.to_string()
                .starts_with("there is no clause 3.9 in `one`; did you mean 3.1"),
            "{err}"
        );
        assert!(matches!(
            history(&mut d, &"1".parse().expect("id"), Some("nope")),
            Err(HistoryError::UnknownVersion(_))
        ));
    }
}
