//! Commentary placed on one draft: each annotation on the clause it belongs to there,
//! its quote found in that clause, those written on other drafts carried through the
//! lineage. What exports, `show` and the viewer all read.

use std::ops::Range;

use serde::Serialize;
use treaty_annotate::{Anchor, Annotation, Cache, Searchable};
use treaty_diff::Overlay;
use treaty_model::{ClauseId, Draft};

use crate::carry::{Status, carry};
use crate::drafts::Drafts;

/// One annotation placed on a draft.
#[derive(Debug, Clone)]
pub struct Placed {
    pub annotation: Annotation,
    /// The clause it sits on in this draft; `None` when it cannot be placed there.
    pub on: Option<ClauseId>,
    /// Where its quote is in that clause's full text (byte range), when found.
    pub quote_at: Option<Range<usize>>,
    /// For commentary written on another draft: what became of it here, in a sentence.
    pub carried: Option<String>,
    /// Why it is not (fully) placed, when something is amiss.
    pub unplaced: Option<Unplaced>,
}

/// What keeps an annotation from being placed, or its quote from being found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplaced {
    /// Written on this draft, on a clause it does not have.
    ClauseMissing,
    /// Written on this draft; its quote is not (or not once) in its clause.
    QuoteAdrift,
}

/// Place every annotation on the draft at `at`: those written on it where they say,
/// the others carried through the lineage. The drafts keep the alignments made.
pub fn place_all<'a>(
    drafts: &mut Drafts,
    at: usize,
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Vec<Placed> {
    let label = drafts.label(at).to_owned();
    let mut cache = Cache::default();
    annotations
        .into_iter()
        .map(|a| {
            if a.version == label {
                on_its_draft(drafts, at, a, &mut cache)
            } else {
                carried(drafts, at, a)
            }
        })
        .collect()
}

/// [`place_all`] on the draft at `at` as shown in `shown` (a language code; `None` for
/// its default language). Commentary is attached by clause ID, and an ID names the same
/// clause in every language version of a draft: an annotation written on another
/// language's text (its `language`, else its draft's default) sits on its clause all
/// the same, marked with that language, and its quote, in words of the other language,
/// is not looked for.
pub fn place_all_in(
    drafts: &mut Drafts,
    at: usize,
    annotations: &[Annotation],
    shown: Option<&str>,
) -> Vec<Placed> {
    let manifest = &drafts.manifest;
    let default_of = |label: &str| manifest.version(label).and_then(|v| v.language.clone());
    let shown = shown
        .map(str::to_owned)
        .or_else(|| default_of(drafts.label(at)));
    let elsewhere: Vec<Option<String>> = annotations
        .iter()
        .map(|a| {
            let written = a.language.clone().or_else(|| default_of(&a.version));
            match (written, &shown) {
                (Some(w), Some(s)) if w != *s => Some(w),
                _ => None,
            }
        })
        .collect();
    if elsewhere.iter().all(Option::is_none) {
        return place_all(drafts, at, annotations);
    }
    let unquoted: Vec<Annotation> = annotations
        .iter()
        .zip(&elsewhere)
        .map(|(a, e)| {
            let mut a = a.clone();
            if e.is_some() {
                (a.quote, a.prefix, a.suffix) = (None, None, None);
            }
            a
        })
        .collect();
    place_all(drafts, at, &unquoted)
        .into_iter()
        .zip(annotations.iter().zip(elsewhere))
        .map(|(mut p, (original, language))| {
            if let Some(language) = language {
                p.annotation = original.clone();
                p.quote_at = None;
                let said = format!("Written on the `{language}` text.");
                p.carried = Some(match p.carried.take() {
                    Some(c) => format!("{said} {c}"),
                    None => said,
                });
            }
            p
        })
        .collect()
}

fn on_its_draft(drafts: &Drafts, at: usize, a: &Annotation, cache: &mut Cache) -> Placed {
    let mut p = Placed {
        annotation: a.clone(),
        on: None,
        quote_at: None,
        carried: None,
        unplaced: None,
    };
    let Some(doc) = drafts.draft(at).map(|d| &d.doc) else {
        p.unplaced = Some(Unplaced::ClauseMissing);
        return p;
    };
    match treaty_annotate::locate(doc, drafts.label(at), a, cache) {
        None => p.unplaced = Some(Unplaced::ClauseMissing),
        Some((_, anchor)) => {
            p.on = Some(a.clause.clone());
            match anchor {
                None => {}
                Some(Anchor::Found(r)) => p.quote_at = Some(r),
                Some(_) => p.unplaced = Some(Unplaced::QuoteAdrift),
            }
        }
    }
    p
}

fn carried(drafts: &mut Drafts, at: usize, a: &Annotation) -> Placed {
    let c = carry(drafts, a, at);
    let quote_at = match (&a.quote, &c.now) {
        (Some(q), Some(now)) if matches!(c.status, Status::Exact | Status::Moved) => drafts
            .draft(at)
            .and_then(|d| d.doc.find(now))
            .and_then(|n| {
                match treaty_annotate::anchor(
                    &Searchable::new(n.full_text()),
                    q,
                    a.prefix.as_deref(),
                    a.suffix.as_deref(),
                ) {
                    Anchor::Found(r) => Some(r),
                    _ => None,
                }
            }),
        _ => None,
    };
    Placed {
        annotation: a.clone(),
        on: c.now.clone(),
        quote_at,
        carried: Some(format!(
            "written on `{}` as {}: {}, {}",
            a.version,
            a.clause,
            c.status.as_str(),
            c.reason
        )),
        unplaced: None,
    }
}

/// One annotation on the clause it sits on in an annotated draft.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    #[serde(flatten)]
    pub annotation: Annotation,
    /// The clause it sits on in this draft.
    pub on: ClauseId,
    /// Where its quote is in that clause's full text (byte range), when found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_at: Option<[usize; 2]>,
    /// For commentary written on another draft: what became of it here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried: Option<String>,
}

/// A draft with the commentary placed on it, and optionally the changes since an
/// older draft laid over it.
#[derive(Debug)]
pub struct AnnotatedDraft {
    /// The convention it is a draft of; `None` for a text read on its own.
    pub convention: Option<String>,
    pub draft: Draft,
    /// The annotations placed on its clauses, in the order given.
    pub items: Vec<Item>,
    /// The changes since an older draft, when compared with one.
    pub overlay: Option<Overlay>,
}

impl AnnotatedDraft {
    /// A text read on its own: no convention, no commentary.
    pub fn bare(draft: Draft) -> Self {
        Self {
            convention: None,
            draft,
            items: Vec::new(),
            overlay: None,
        }
    }

    /// The draft at `at` with `annotations` placed on it (those that cannot be placed are
    /// left out: `treaty check` reports them). `None` when its text is not there.
    pub fn place<'a>(
        drafts: &mut Drafts,
        at: usize,
        annotations: impl IntoIterator<Item = &'a Annotation>,
    ) -> Option<Self> {
        let placed = place_all(drafts, at, annotations);
        Self::of_placed(drafts, at, placed)
    }

    /// [`AnnotatedDraft::place`] on the draft as shown in a language ([`place_all_in`]).
    pub fn place_in(
        drafts: &mut Drafts,
        at: usize,
        annotations: &[Annotation],
        shown: Option<&str>,
    ) -> Option<Self> {
        let placed = place_all_in(drafts, at, annotations, shown);
        Self::of_placed(drafts, at, placed)
    }

    fn of_placed(drafts: &Drafts, at: usize, placed: Vec<Placed>) -> Option<Self> {
        let draft = drafts.draft(at)?.clone();
        let items = placed
            .into_iter()
            .filter_map(|p| {
                Some(Item {
                    on: p.on?,
                    quote_at: p.quote_at.map(|r| [r.start, r.end]),
                    carried: p.carried,
                    annotation: p.annotation,
                })
            })
            .collect();
        Some(Self {
            convention: Some(drafts.name.clone()),
            draft,
            items,
            overlay: None,
        })
    }

    /// The version label, for a draft of a convention.
    pub fn version(&self) -> Option<&str> {
        self.convention.as_ref().map(|_| self.draft.label.as_str())
    }

    /// Lay the changes since `old` over this draft.
    pub fn compare_with(&mut self, old: &Draft) {
        let d = treaty_diff::diff(&old.into(), &(&self.draft).into());
        self.overlay = Some(Overlay::new(d));
    }
}
