//! Finding candidate pairs without comparing everything with everything: an index from
//! each shingle to the sets (units, clauses, blocks) that hold it, and a counter of the
//! shingles a set shares with each candidate.

use crate::words::ShingleMap;

/// Candidates scored per unit, from the shingle index.
pub(crate) const CANDIDATES: usize = 8;

/// Index entries shared by more units than this are too common to tell units apart
/// ("each state party shall") and are not followed.
pub(crate) const COMMON: usize = 32;

/// Which sets (units or clauses, by position) hold each shingle: one map from a shingle
/// to its run in a flat list, filled in two passes so that no list is allocated per
/// shingle.
pub(crate) struct Index {
    runs: ShingleMap<(u32, u32)>,
    holders: Vec<u32>,
}

impl Index {
    pub(crate) fn new<'a>(sets: impl Iterator<Item = (usize, &'a [u64])> + Clone) -> Self {
        // Not sized for every shingle of every set: the same shingle in many sets (a
        // text repeating itself) would size the map many times too big, and every page
        // of it is touched. Growing costs less than that.
        let mut runs: ShingleMap<(u32, u32)> = ShingleMap::default();
        for (_, set) in sets.clone() {
            for &s in set {
                runs.entry(s).or_default().1 += 1;
            }
        }
        let mut start = 0;
        for run in runs.values_mut() {
            let len = run.1;
            *run = (start, 0);
            start += len;
        }
        let mut holders = vec![0; start as usize];
        for (i, set) in sets {
            for &s in set {
                if let Some(run) = runs.get_mut(&s) {
                    holders[(run.0 + run.1) as usize] = i as u32;
                    run.1 += 1;
                }
            }
        }
        Self { runs, holders }
    }

    pub(crate) fn get(&self, shingle: u64) -> &[u32] {
        self.runs.get(&shingle).map_or(&[], |&(at, len)| {
            &self.holders[at as usize..(at + len) as usize]
        })
    }
}

/// Counts shared shingles per candidate, reusing its buffers.
pub(crate) struct Counter {
    counts: Vec<u32>,
    touched: Vec<usize>,
}

impl Counter {
    pub(crate) fn new(n: usize) -> Self {
        Self {
            counts: vec![0; n],
            touched: Vec::new(),
        }
    }

    /// The few candidates sharing the most distinctive shingles.
    pub(crate) fn top(&mut self, index: &Index, shingles: &[u64]) -> Vec<usize> {
        for &s in shingles {
            let list = index.get(s);
            if list.len() <= COMMON {
                for &i in list {
                    let i = i as usize;
                    if self.counts[i] == 0 {
                        self.touched.push(i);
                    }
                    self.counts[i] += 1;
                }
            }
        }
        let mut c: Vec<(u32, usize)> = self.touched.iter().map(|&i| (self.counts[i], i)).collect();
        for &i in &self.touched {
            self.counts[i] = 0;
        }
        self.touched.clear();
        c.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        c.into_iter().take(CANDIDATES).map(|(_, i)| i).collect()
    }

    /// Every set sharing a shingle with `shingles` (passing over shingles held by more
    /// than `common` sets), with how many it shares, in the order they were met.
    pub(crate) fn counts(
        &mut self,
        index: &Index,
        shingles: &[u64],
        common: usize,
    ) -> Vec<(usize, u32)> {
        for &s in shingles {
            let list = index.get(s);
            if list.len() <= common {
                for &i in list {
                    let i = i as usize;
                    if self.counts[i] == 0 {
                        self.touched.push(i);
                    }
                    self.counts[i] += 1;
                }
            }
        }
        let c: Vec<(usize, u32)> = self.touched.iter().map(|&i| (i, self.counts[i])).collect();
        for &i in &self.touched {
            self.counts[i] = 0;
        }
        self.touched.clear();
        c
    }
}
