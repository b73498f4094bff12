//! The drafts of one convention, read once, and the lineage of clauses across them: the
//! chain of alignments between neighbouring drafts.

use std::collections::HashMap;
use std::path::Path;

use anyhow::bail;
use treaty_diff::ConventionDiff;
use treaty_model::{ClauseId, Manifest};

use crate::diffing::{self, Side};
use crate::project::{self, ManifestState};

/// Every draft of a convention that is present, in negotiation order.
#[derive(Debug)]
pub struct Drafts {
    pub name: String,
    pub manifest: Manifest,
    /// One per version of the manifest; `None` when its file is not there.
    pub sides: Vec<Option<Side>>,
    diffs: HashMap<(usize, usize), ConventionDiff>,
}

impl Drafts {
    /// Read the convention folder `dir` (`texts/<convention>`).
    pub fn read(dir: &Path) -> anyhow::Result<Self> {
        let (texts, name) = match (dir.parent(), dir.file_name()) {
            (Some(p), Some(n)) => (p, n.to_string_lossy().into_owned()),
            _ => bail!("{} is not a convention folder", project::display(dir)),
        };
        let manifest = match project::manifest(texts, &name)? {
            ManifestState::Ok { manifest, .. } => manifest,
            ManifestState::Absent => bail!(
                "there is no {}: a convention folder lists its drafts there",
                project::display(&dir.join("convention.toml"))
            ),
            ManifestState::Bad { name, problem, .. } => bail!("{name}: {}", problem.message),
        };
        let mut sides = Vec::new();
        for v in &manifest.versions {
            let path = dir.join(&v.file);
            sides.push(if path.exists() {
                Some(diffing::read(&path, v.label.clone())?)
            } else {
                None
            });
        }
        Ok(Self {
            name,
            manifest,
            sides,
            diffs: HashMap::new(),
        })
    }

    /// The index of a version label.
    pub fn index(&self, label: &str) -> anyhow::Result<usize> {
        match self.manifest.versions.iter().position(|v| v.label == label) {
            Some(i) => Ok(i),
            None => bail!(
                "`{}` has no version `{label}`; its versions are: {}",
                self.name,
                self.manifest.labels().collect::<Vec<_>>().join(", ")
            ),
        }
    }

    /// The drafts whose text is present, by index.
    pub fn present(&self) -> Vec<usize> {
        (0..self.sides.len())
            .filter(|&i| self.sides[i].is_some())
            .collect()
    }

    /// The diff between two present drafts, computed once.
    pub fn diff(&mut self, a: usize, b: usize) -> Option<&ConventionDiff> {
        if !self.diffs.contains_key(&(a, b)) {
            let (Some(x), Some(y)) = (&self.sides[a], &self.sides[b]) else {
                return None;
            };
            let d = treaty_diff::diff(&x.version(), &y.version());
            self.diffs.insert((a, b), d);
        }
        self.diffs.get(&(a, b))
    }

    /// Follow a clause from draft `from` to draft `to` through every present draft
    /// between them. `None` when the chain breaks: the clause is gone on the way.
    pub fn trace(&mut self, id: &ClauseId, from: usize, to: usize) -> Option<ClauseId> {
        let present = self.present();
        let mut cur = id.clone();
        if from <= to {
            let path: Vec<usize> = present
                .into_iter()
                .filter(|&i| i >= from && i <= to)
                .collect();
            for w in path.windows(2) {
                cur = self.diff(w[0], w[1])?.forward(&cur)?.clone();
            }
        } else {
            let path: Vec<usize> = present
                .into_iter()
                .filter(|&i| i <= from && i >= to)
                .collect();
            for w in path.windows(2).rev() {
                cur = self.diff(w[0], w[1])?.backward(&cur)?.clone();
            }
        }
        Some(cur)
    }

    /// Where a clause that is gone went, as nearly as can be said: the successors of the
    /// unit it was in (a split unit has several), or of its nearest ancestor that
    /// survives.
    pub fn successors(&mut self, id: &ClauseId, from: usize, to: usize) -> Vec<ClauseId> {
        let mut segments: Vec<&str> = id.segments().collect();
        while !segments.is_empty() {
            let anc = ClauseId::from_segments(segments.iter().copied());
            if let Some(t) = self.trace(&anc, from, to) {
                return vec![t];
            }
            // A unit split or merged between neighbouring drafts: name its new units.
            if from < to
                && let Some(next) = self.present().into_iter().find(|&i| i > from && i <= to)
                && let Some(d) = self.diff(from, next)
                && let Some(u) = d
                    .units
                    .iter()
                    .find(|u| u.old.contains(&anc) && !u.new.is_empty())
            {
                return u.new.clone();
            }
            segments.pop();
        }
        Vec::new()
    }
}
