//! The drafts of one convention in negotiation order, and the lineage of clauses across
//! them: the chain of alignments between neighbouring drafts, each computed once.

use std::collections::HashMap;

use treaty_diff::ConventionDiff;
use treaty_model::{ClauseId, Draft, Manifest};

/// Every draft of a convention its manifest lists, those whose text is there parsed.
#[derive(Debug)]
pub struct Drafts {
    /// The convention's name (its folder).
    pub name: String,
    pub manifest: Manifest,
    /// One per version of the manifest, in its order; `None` when the text is not there.
    pub drafts: Vec<Option<Draft>>,
    diffs: HashMap<(usize, usize), ConventionDiff>,
}

/// A version label the manifest does not list.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{convention}` has no version `{label}`; its versions are: {}", .labels.join(", "))]
pub struct UnknownVersion {
    pub convention: String,
    pub label: String,
    pub labels: Vec<String>,
}

impl Drafts {
    /// `drafts` holds one entry per version of `manifest`, in its order.
    pub fn new(name: impl Into<String>, manifest: Manifest, drafts: Vec<Option<Draft>>) -> Self {
        debug_assert_eq!(manifest.versions.len(), drafts.len());
        Self {
            name: name.into(),
            manifest,
            drafts,
            diffs: HashMap::new(),
        }
    }

    /// The index of a version label.
    pub fn index(&self, label: &str) -> Result<usize, UnknownVersion> {
        self.manifest
            .versions
            .iter()
            .position(|v| v.label == label)
            .ok_or_else(|| UnknownVersion {
                convention: self.name.clone(),
                label: label.to_owned(),
                labels: self.manifest.labels().map(str::to_owned).collect(),
            })
    }

    /// The label of the version at `i`.
    pub fn label(&self, i: usize) -> &str {
        &self.manifest.versions[i].label
    }

    /// The draft at `i`, when its text is there.
    pub fn draft(&self, i: usize) -> Option<&Draft> {
        self.drafts.get(i).and_then(Option::as_ref)
    }

    /// The drafts whose text is present, by index.
    pub fn present(&self) -> Vec<usize> {
        (0..self.drafts.len())
            .filter(|&i| self.drafts[i].is_some())
            .collect()
    }

    /// The newest draft whose text is present.
    pub fn latest(&self) -> Option<usize> {
        (0..self.drafts.len())
            .rev()
            .find(|&i| self.drafts[i].is_some())
    }

    /// Put another text in the place of the draft at `i` (a file given for that draft);
    /// the alignments made with the old one are dropped.
    pub fn replace(&mut self, i: usize, draft: Draft) {
        self.diffs.retain(|&(a, b), _| a != i && b != i);
        self.drafts[i] = Some(draft);
    }

    /// The diff between two present drafts, computed once.
    pub fn diff(&mut self, a: usize, b: usize) -> Option<&ConventionDiff> {
        if !self.diffs.contains_key(&(a, b)) {
            let (Some(x), Some(y)) = (self.draft(a), self.draft(b)) else {
                return None;
            };
            let d = treaty_diff::diff(&x.into(), &y.into());
            self.diffs.insert((a, b), d);
        }
        self.diffs.get(&(a, b))
    }

    /// Follow a clause from draft `from` to draft `to` through every present draft
    /// between them. `None` when the chain breaks: the clause is gone on the way.
    pub fn trace(&mut self, id: &ClauseId, from: usize, to: usize) -> Option<ClauseId> {
        let (lo, hi) = (from.min(to), from.max(to));
        let path: Vec<usize> = self
            .present()
            .into_iter()
            .filter(|&i| i >= lo && i <= hi)
            .collect();
        let mut cur = id.clone();
        if from <= to {
            for w in path.windows(2) {
                cur = self.diff(w[0], w[1])?.forward(&cur)?.clone();
            }
        } else {
            for w in path.windows(2).rev() {
                cur = self.diff(w[0], w[1])?.backward(&cur)?.clone();
            }
        }
        Some(cur)
    }

    /// Where a clause that is gone went, as nearly as can be said: what its nearest
    /// surviving ancestor became (the units a split one became, for a unit split or
    /// merged on the way).
    pub fn successors(&mut self, id: &ClauseId, from: usize, to: usize) -> Vec<ClauseId> {
        let mut segments: Vec<&str> = id.segments().collect();
        while !segments.is_empty() {
            let anc = ClauseId::from_segments(segments.iter().copied());
            if let Some(t) = self.trace(&anc, from, to) {
                return vec![t];
            }
            if from < to
                && let Some(next) = self.present().into_iter().find(|&i| i > from && i <= to)
                && let Some(now) = self
                    .diff(from, next)
                    .and_then(|d| d.where_now(&anc))
                    .filter(|now| !now.is_empty())
            {
                return now;
            }
            segments.pop();
        }
        Vec::new()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use treaty_model::{ConventionInfo, Version};

    /// Three drafts: article 2 is renumbered 3 in the second, then split into 3 and 4
    /// in the third.
    pub(crate) fn three() -> Drafts {
        let texts = [
            "Article 1\nScope\n\nThis Convention applies to the offences it sets out.\n\nArticle 2\nPreservation\n\n1. Each State Party shall adopt measures to preserve stored computer data without delay.\n\n2. A request shall specify the authority seeking the preservation and the offence under investigation.\n",
            "Article 1\nScope\n\nThis Convention applies to the offences it sets out.\n\nArticle 2\nUse of terms\n\nA term means what this article says it means, no more and no less.\n\nArticle 3\nPreservation\n\n1. Each State Party shall adopt measures to preserve stored computer data without delay.\n\n2. A request shall specify the authority seeking the preservation and the offence under investigation.\n",
            "Article 1\nScope\n\nThis Convention applies to the offences it sets out.\n\nArticle 2\nUse of terms\n\nA term means what this article says it means, no more and no less.\n\nArticle 3\nPreservation\n\nEach State Party shall adopt measures to preserve stored computer data without delay.\n\nArticle 4\nRequests for preservation\n\nA request shall specify the authority seeking the preservation and the offence under investigation.\n",
        ];
        let labels = ["zero", "one", "two"];
        let manifest = Manifest {
            convention: ConventionInfo {
                id: "t".into(),
                title: "T".into(),
                note: None,
            },
            versions: labels
                .iter()
                .map(|l| Version {
                    label: (*l).into(),
                    file: format!("{l}.txt"),
                    date: None,
                    symbol: None,
                    source: None,
                    ..Default::default()
                })
                .collect(),
        };
        let drafts = labels
            .iter()
            .zip(texts)
            .map(|(l, t)| {
                let doc = treaty_parse::parse_str(t).expect("parses");
                Some(Draft::new(*l, format!("{l}.txt"), t, doc))
            })
            .collect();
        Drafts::new("t", manifest, drafts)
    }

    fn id(s: &str) -> ClauseId {
        s.parse().expect("an ID")
    }

    #[test]
    fn a_clause_is_traced_through_every_draft_both_ways() {
        let mut d = three();
        assert_eq!(d.trace(&id("2.1"), 0, 1), Some(id("3.1")));
        assert_eq!(d.trace(&id("3.1"), 1, 0), Some(id("2.1")));
        assert_eq!(d.trace(&id("1"), 0, 2), Some(id("1")));
        // Paragraph 2 left its article and became the words of a new one.
        assert_eq!(d.trace(&id("2.2"), 0, 2), Some(id("4")));
        assert_eq!(d.trace(&id("4"), 2, 0), Some(id("2.2")));
    }

    #[test]
    fn a_lost_clause_is_said_to_go_where_its_article_went() {
        let mut d = three();
        let gone = d.successors(&id("3.2"), 1, 2);
        assert!(!gone.is_empty(), "{gone:?}");
        assert!(
            gone.iter().all(|g| g.as_str() == "3" || g.as_str() == "4"),
            "{gone:?}"
        );
    }

    #[test]
    fn labels_are_looked_up_and_a_missing_one_is_named() {
        let d = three();
        assert_eq!(d.index("one"), Ok(1));
        let err = d.index("final").expect_err("no such label");
        assert_eq!(
            err.to_string(),
            "`t` has no version `final`; its versions are: zero, one, two"
        );
        assert_eq!(d.latest(), Some(2));
        assert_eq!(d.present(), vec![0, 1, 2]);
    }
}
