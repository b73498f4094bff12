//! References that point at the wrong clause: to clauses the text does not have, and,
//! against an older draft, references that kept their words while what they pointed at
//! was renumbered or deleted.

use std::collections::HashMap;
use std::ops::Range;

use treaty_model::{ClauseId, Draft, LineIndex, Node};
use treaty_refs::Reference;

/// What is wrong with a reference.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// It names a clause the text does not have; `near` are the closest that exist.
    MissingTarget {
        target: ClauseId,
        near: Vec<ClauseId>,
    },
    /// In the older draft `old` it pointed at `target`, which is now `now`; its words
    /// did not change. `fixed` is the reference with the new number, when it can be said.
    StaleReference {
        old: String,
        target: ClauseId,
        now: Vec<ClauseId>,
        fixed: Option<String>,
    },
    /// In the older draft `old` it pointed at `target`, which was deleted since.
    DeletedTarget { old: String, target: ClauseId },
}

impl Problem {
    pub fn code(&self) -> &'static str {
        match self {
            Problem::MissingTarget { .. } => "missing-target",
            Problem::StaleReference { .. } => "stale-reference",
            Problem::DeletedTarget { .. } => "deleted-target",
        }
    }
}

/// One reference that points at the wrong clause.
#[derive(Clone, Debug)]
pub struct Finding {
    pub problem: Problem,
    /// The clause whose words hold the reference.
    pub clause: ClauseId,
    /// The reference, as written.
    pub reference: String,
    /// Byte range of the reference in the draft's source, when found there, with its
    /// 1-based line and column.
    pub span: Option<Range<usize>>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// References to clauses the text does not have; with `previous`, references whose
/// target was renumbered or deleted since that draft while the reference kept its words.
pub fn lint(draft: &Draft, refs: &[Reference], previous: Option<&Draft>) -> Vec<Finding> {
    let index = LineIndex::new(&draft.source);
    let mut findings = Vec::new();
    for r in refs.iter().filter(|r| r.is_internal()) {
        for m in &r.missing {
            let problem = Problem::MissingTarget {
                target: m.clone(),
                near: draft.doc.suggest(m, 3),
            };
            findings.push(finding(draft, &index, r, problem));
        }
    }
    if let Some(old) = previous {
        findings.extend(stale(draft, &index, refs, old));
    }
    findings
}

/// References that kept their words while what they pointed at moved.
fn stale(draft: &Draft, index: &LineIndex, refs: &[Reference], old: &Draft) -> Vec<Finding> {
    let diff = treaty_diff::diff(&old.into(), &draft.into());
    let old_refs = treaty_refs::find(&old.doc);
    let mut by_clause: HashMap<&ClauseId, Vec<&Reference>> = HashMap::new();
    for o in &old_refs {
        by_clause.entry(&o.from).or_default().push(o);
    }
    let mut out = Vec::new();
    for r in refs
        .iter()
        .filter(|r| r.is_internal() && !r.targets.is_empty())
    {
        let Some(was) = diff.backward(&r.from) else {
            continue;
        };
        let Some(o) = by_clause
            .get(was)
            .and_then(|v| v.iter().find(|o| o.text == r.text))
        else {
            continue;
        };
        for target in o.targets.iter().filter(|t| !o.missing.contains(t)) {
            let Some(now) = diff.where_now(target) else {
                continue;
            };
            if now.iter().any(|n| r.targets.contains(n)) {
                continue;
            }
            let problem = if now.is_empty() {
                Problem::DeletedTarget {
                    old: old.label.clone(),
                    target: target.clone(),
                }
            } else {
                Problem::StaleReference {
                    old: old.label.clone(),
                    target: target.clone(),
                    fixed: renumbered_words(&r.text, target, &now),
                    now,
                }
            };
            out.push(finding(draft, index, r, problem));
        }
    }
    out
}

/// The reference's words with the old article number replaced by the new one, when the
/// target is an article and the words name it once: `article 8` → `article 9`.
fn renumbered_words(words: &str, old: &ClauseId, now: &[ClauseId]) -> Option<String> {
    let (old, new) = (old.as_str(), now.first()?.as_str());
    if old.contains('.') || new.contains('.') {
        return None;
    }
    let hits: Vec<usize> = words
        .match_indices(old)
        .filter(|(k, _)| {
            let before = words[..*k].chars().next_back();
            let after = words[k + old.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|(k, _)| k)
        .collect();
    let [k] = hits[..] else { return None };
    Some(format!("{}{new}{}", &words[..k], &words[k + old.len()..]))
}

fn finding(draft: &Draft, index: &LineIndex, r: &Reference, problem: Problem) -> Finding {
    let span = draft
        .doc
        .find(&r.from)
        .and_then(|n| source_span(&draft.source, n, &r.text));
    let at = span
        .as_ref()
        .map(|s| index.line_col(&draft.source, s.start));
    Finding {
        problem,
        clause: r.from.clone(),
        reference: r.text.clone(),
        span,
        line: at.map(|lc| lc.line),
        column: at.map(|lc| lc.column),
    }
}

/// Where the words of a reference are in the source of the clause that holds them,
/// whatever spacing the source has between them.
fn source_span(source: &str, n: &Node, words: &str) -> Option<Range<usize>> {
    let (start, end) = (n.span.start, n.span.end.min(source.len()));
    let hay = source.get(start..end)?;
    let mut tokens = words.split_whitespace();
    let first = tokens.next()?;
    let rest: Vec<&str> = tokens.collect();
    'candidates: for (k, _) in hay.match_indices(first) {
        let mut at = k + first.len();
        for tok in &rest {
            let skipped = hay[at..].len() - hay[at..].trim_start().len();
            if skipped == 0 || !hay[at + skipped..].starts_with(tok) {
                continue 'candidates;
            }
            at += skipped + tok.len();
        }
        return Some(start + k..start + at);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(label: &str, text: &str) -> Draft {
        let doc = treaty_parse::parse_str(text).expect("parses");
        Draft::new(label, format!("{label}.txt"), text, doc)
    }

    #[test]
    fn a_reference_to_a_clause_that_is_not_there_is_found_with_its_place() {
        let d = draft(
            "final",
            "Article 1\nScope\n\nThis applies as set out in article 9.\n\nArticle 2\nUse\n\nWords.\n",
        );
        let found = lint(&d, &treaty_refs::find(&d.doc), None);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(f.problem.code(), "missing-target");
        assert_eq!(f.reference, "article 9");
        assert_eq!((f.line, f.column), (Some(4), Some(28)));
    }

    #[test]
    fn a_renumbered_target_makes_the_old_words_stale() {
        let old = draft(
            "zero",
            "Article 1\nScope\n\nThe offences in article 2 are covered.\n\nArticle 2\nOffences\n\nIllegal access to computer systems is an offence under domestic law.\n",
        );
        let new = draft(
            "final",
            "Article 1\nScope\n\nThe offences in article 2 are covered.\n\nArticle 2\nDefinitions\n\nA computer system means any device that processes data automatically.\n\nArticle 3\nOffences\n\nIllegal access to computer systems is an offence under domestic law.\n",
        );
        let found = lint(&new, &treaty_refs::find(&new.doc), Some(&old));
        assert_eq!(found.len(), 1, "{found:?}");
        match &found[0].problem {
            Problem::StaleReference { now, fixed, .. } => {
                assert_eq!(now, &vec!["3".parse::<ClauseId>().expect("id")]);
                assert_eq!(fixed.as_deref(), Some("article 3"));
            }
            other => panic!("{other:?}"),
        }
    }
}
