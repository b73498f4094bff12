//! Evidence beyond a unit's overall similarity that two units are one: where their
//! clauses went (a block of words of one unit whose best match lies in the other, and the
//! other way round), how alike their headings are (rare words weighing most), and the
//! order of the drafts (a heaviest chain of pairs that keeps both drafts' order).

use std::collections::HashMap;

use crate::align::Clause;
use crate::index::{COMMON, Counter, Index};
use crate::units::Unit;
use crate::words::shingles_of;
use treaty_par as par;

/// A pair of blocks linked as each other's best match needs at least this Dice
/// similarity.
pub const BLOCK_LINK: f32 = 0.35;
/// A share of a unit's words that went to one unit and makes a majority.
pub const MAJORITY: f32 = 0.5;
/// The evidence, on the scale where 1 is a match on similarity alone, that a pair needs
/// when the order of the drafts puts it between two matched units: half as much.
pub const ORDER_EVIDENCE: f32 = 0.5;
/// A pair accepted by order needs at least this Dice similarity, or a linked block.
pub const ORDER_FLOOR: f32 = 0.1;

/// One line of a unit's words (a paragraph, a point, a closing): what clause evidence
/// counts.
struct Block {
    unit: usize,
    shingles: Vec<u64>,
    words: usize,
}

/// The blocks of every unit: each line of the text and closing of every node of a whole
/// unit (headings are compared on their own), and a container's own words as one.
fn blocks(units: &[Unit<'_>], clauses: &[Clause<'_>]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut clauses = clauses.iter().peekable();
    for (u, unit) in units.iter().enumerate() {
        // The clauses come unit by unit, in the units' order.
        let mine = std::iter::from_fn(|| clauses.next_if(|c| c.unit == u));
        if !unit.whole {
            mine.for_each(drop);
            out.push(Block {
                unit: u,
                shingles: unit.shingles.clone(),
                words: unit.words,
            });
            continue;
        }
        for c in mine {
            for line in &c.lines {
                let words = &c.words[line.clone()];
                out.push(Block {
                    unit: u,
                    shingles: shingles_of(words),
                    words: words.len(),
                });
            }
        }
    }
    out
}

/// Where each unit's words went, by clause: `share(i, j)` of old unit `i`'s words lie in
/// blocks linked to new unit `j`'s, and the other way round.
pub struct Votes {
    /// Old unit → (new unit, share of the old unit's words), in any order.
    pub forward: Vec<Vec<(usize, f32)>>,
    /// New unit → (old unit, share of the new unit's words).
    pub backward: Vec<Vec<(usize, f32)>>,
    /// The linked blocks of each (old unit, new unit) pair: the words of the block on
    /// each side and its shingles, for telling a moved block from a copied one.
    links: HashMap<(usize, usize), Vec<(usize, usize)>>,
    old_blocks: Vec<Block>,
    new_blocks: Vec<Block>,
}

impl Votes {
    /// Link every block to its best match of the other draft, among units of the same
    /// kind, when each is the other's best; then add up the words.
    pub fn new(
        (old, old_clauses): (&[Unit<'_>], &[Clause<'_>]),
        (new, new_clauses): (&[Unit<'_>], &[Clause<'_>]),
    ) -> Self {
        let (old_blocks, new_blocks) =
            par::both(|| blocks(old, old_clauses), || blocks(new, new_clauses));
        let (best_old, best_new) = par::both(
            || best_matches(&old_blocks, old, &new_blocks, new),
            || best_matches(&new_blocks, new, &old_blocks, old),
        );
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (k, ls) in best_old.iter().enumerate() {
            for &l in ls {
                if best_new[l].contains(&k) {
                    pairs.push((k, l));
                }
            }
        }
        let mut links_of_old = vec![0usize; old_blocks.len()];
        let mut links_of_new = vec![0usize; new_blocks.len()];
        for &(k, l) in &pairs {
            links_of_old[k] += 1;
            links_of_new[l] += 1;
        }
        let total = |blocks: &[Block], n: usize| {
            let mut t = vec![0usize; n];
            for b in blocks {
                t[b.unit] += b.words;
            }
            t
        };
        let (old_words, new_words) = (total(&old_blocks, old.len()), total(&new_blocks, new.len()));
        let mut fwd: HashMap<(usize, usize), f32> = HashMap::new();
        let mut back: HashMap<(usize, usize), f32> = HashMap::new();
        let mut links: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
        for &(k, l) in &pairs {
            let (i, j) = (old_blocks[k].unit, new_blocks[l].unit);
            *fwd.entry((i, j)).or_default() += old_blocks[k].words as f32 / links_of_old[k] as f32;
            *back.entry((j, i)).or_default() += new_blocks[l].words as f32 / links_of_new[l] as f32;
            links.entry((i, j)).or_default().push((k, l));
        }
        let spread = |m: HashMap<(usize, usize), f32>, words: &[usize], n: usize| {
            let mut out: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
            for ((a, b), w) in m {
                if words[a] > 0 {
                    out[a].push((b, w / words[a] as f32));
                }
            }
            for v in &mut out {
                v.sort_by_key(|&(b, _)| b);
            }
            out
        };
        Self {
            forward: spread(fwd, &old_words, old.len()),
            backward: spread(back, &new_words, new.len()),
            links,
            old_blocks,
            new_blocks,
        }
    }

    /// The share of old unit `i`'s words that went to new unit `j`.
    pub fn forward(&self, i: usize, j: usize) -> f32 {
        share(&self.forward[i], j)
    }

    /// The share of new unit `j`'s words that came from old unit `i`.
    pub fn backward(&self, j: usize, i: usize) -> f32 {
        share(&self.backward[j], i)
    }

    /// Whether any block of old unit `i` is linked with one of new unit `j`.
    pub fn linked(&self, i: usize, j: usize) -> bool {
        self.links.contains_key(&(i, j))
    }

    /// The unit a unit's words went to most (ties: the first), with the share.
    pub fn top(list: &[(usize, f32)]) -> Option<(usize, f32)> {
        list.iter()
            .copied()
            .fold(None, |best: Option<(usize, f32)>, (b, v)| match best {
                Some((_, bv)) if bv >= v => best,
                _ => Some((b, v)),
            })
    }

    /// Whether the blocks linked between old unit `i` and new unit `j` were moved rather
    /// than copied: for most of them, by words, the block on `keeper`'s side (`true`: the
    /// new unit's, as when `i` merges into `j`) lies more in `mine` (the unit left over)
    /// than in `partner` (the one the keeper was already matched with).
    pub fn moved(
        &self,
        i: usize,
        j: usize,
        keeper_new: bool,
        mine: &[u64],
        partner: &[u64],
    ) -> bool {
        let Some(links) = self.links.get(&(i, j)) else {
            return false;
        };
        let (mut moved, mut total) = (0, 0);
        for &(k, l) in links {
            let b = if keeper_new {
                &self.new_blocks[l]
            } else {
                &self.old_blocks[k]
            };
            total += b.words;
            if crate::words::containment(&b.shingles, mine)
                > crate::words::containment(&b.shingles, partner)
            {
                moved += b.words;
            }
        }
        total > 0 && moved * 2 >= total
    }
}

fn share(list: &[(usize, f32)], b: usize) -> f32 {
    list.binary_search_by_key(&b, |&(x, _)| x)
        .map_or(0.0, |k| list[k].1)
}

/// For each block of `from`, the blocks of `to` (of units of the same kind) most like
/// it, when at least `BLOCK_LINK` alike. Candidates come from an index of the blocks'
/// shingles; a shingle held by very many blocks is passed over.
fn best_matches(
    from: &[Block],
    from_units: &[Unit<'_>],
    to: &[Block],
    to_units: &[Unit<'_>],
) -> Vec<Vec<usize>> {
    let index = Index::new(to.iter().map(|b| b.shingles.as_slice()).enumerate());
    let positions: Vec<usize> = (0..from.len()).collect();
    par::map_with(
        &positions,
        || Counter::new(to.len()),
        |counter, &k| {
            let b = &from[k];
            if b.shingles.is_empty() {
                return Vec::new();
            }
            let kind = from_units[b.unit].kind();
            let mut best = 0.0f32;
            let mut at: Vec<usize> = Vec::new();
            for (l, shared) in counter.counts(&index, &b.shingles, 4 * COMMON) {
                if to_units[to[l].unit].kind() != kind {
                    continue;
                }
                let d = 2.0 * shared as f32 / (b.shingles.len() + to[l].shingles.len()) as f32;
                if d > best + 1e-6 {
                    best = d;
                    at.clear();
                    at.push(l);
                } else if (d - best).abs() <= 1e-6 {
                    at.push(l);
                }
            }
            // A block whose best match is shared by very many blocks (a line repeated
            // all through both drafts) says nothing about where it went, as a shingle
            // held by very many units says nothing; linking it with all of them made
            // the links grow with the square of the repeats.
            if best < BLOCK_LINK || at.len() > COMMON {
                return Vec::new();
            }
            at.sort_unstable();
            at
        },
    )
}

/// How much a heading's words say, by how rare they are among both drafts' headings:
/// `ln((n + 1) / (df + 0.5))`. Words common to many headings ("of", "obligations")
/// weigh little, without a list of words to ignore.
pub struct HeadingWeights(HashMap<u64, f32>);

impl HeadingWeights {
    pub fn new(old: &[Unit<'_>], new: &[Unit<'_>]) -> Self {
        let mut df: HashMap<u64, usize> = HashMap::new();
        let mut n = 0;
        for u in old.iter().chain(new) {
            if u.heading.is_empty() {
                continue;
            }
            n += 1;
            let mut seen = u.heading.clone();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                *df.entry(w).or_default() += 1;
            }
        }
        Self(
            df.into_iter()
                .map(|(w, c)| (w, ((n as f32 + 1.0) / (c as f32 + 0.5)).ln()))
                .collect(),
        )
    }

    /// The weighted Dice similarity of two headings' words, 0 when either has none.
    pub fn similarity(&self, a: &[u64], b: &[u64]) -> f32 {
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let set = |v: &[u64]| {
            let mut s = v.to_vec();
            s.sort_unstable();
            s.dedup();
            s
        };
        let (a, b) = (set(a), set(b));
        let weight = |ws: &mut dyn Iterator<Item = &u64>| -> f32 {
            ws.map(|w| self.0.get(w).copied().unwrap_or(0.0)).sum()
        };
        let both: Vec<u64> = a
            .iter()
            .copied()
            .filter(|w| b.binary_search(w).is_ok())
            .collect();
        let den = weight(&mut a.iter()) + weight(&mut b.iter());
        if den <= 0.0 {
            return 0.0;
        }
        2.0 * weight(&mut both.iter()) / den
    }
}

/// The heaviest chain of pairs `(i, j)` strictly increasing in both, by `weight`, in
/// O(n log n) with a Fenwick tree of best chain weights by `j`. Among chains of equal
/// weight the one found first wins.
pub fn heaviest_chain(pairs: &[(usize, usize)], weight: impl Fn(usize) -> f32) -> Vec<usize> {
    if pairs.is_empty() {
        return Vec::new();
    }
    let mut js: Vec<usize> = pairs.iter().map(|&(_, j)| j).collect();
    js.sort_unstable();
    js.dedup();
    let rank = |j: usize| js.partition_point(|&x| x < j) + 1;
    // tree[r] = (best weight of a chain ending at a j of rank <= r, the pair it ends at).
    let mut tree: Vec<(f32, Option<usize>)> = vec![(0.0, None); js.len() + 1];
    let query = |tree: &[(f32, Option<usize>)], mut r: usize| {
        let mut best = (0.0, None);
        while r > 0 {
            if tree[r].0 > best.0 {
                best = tree[r];
            }
            r &= r - 1;
        }
        best
    };
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by_key(|&p| pairs[p]);
    let mut best_at = vec![0.0f32; pairs.len()];
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    let mut k = 0;
    while k < order.len() {
        // Pairs with the same `i` cannot chain onto one another.
        let mut end = k + 1;
        while end < order.len() && pairs[order[end]].0 == pairs[order[k]].0 {
            end += 1;
        }
        for &p in &order[k..end] {
            let (b, at) = query(&tree, rank(pairs[p].1) - 1);
            best_at[p] = b + weight(p);
            prev[p] = at;
        }
        for &p in &order[k..end] {
            let mut r = rank(pairs[p].1);
            while r < tree.len() {
                if best_at[p] > tree[r].0 {
                    tree[r] = (best_at[p], Some(p));
                }
                r += r & r.wrapping_neg();
            }
        }
        k = end;
    }
    let mut last = (0..pairs.len()).fold(0, |b, p| if best_at[p] > best_at[b] { p } else { b });
    let mut chain = vec![last];
    while let Some(p) = prev[last] {
        chain.push(p);
        last = p;
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heaviest_chain_keeps_both_orders() {
        // (0,0) (1,2) (2,1) (3,3): either middle pair fits, not both.
        let pairs = [(0, 0), (1, 2), (2, 1), (3, 3)];
        let chain = heaviest_chain(&pairs, |p| if p == 2 { 2.0 } else { 1.0 });
        let got: Vec<(usize, usize)> = chain.iter().map(|&p| pairs[p]).collect();
        assert_eq!(got, [(0, 0), (2, 1), (3, 3)]);
        // Two pairs of one `i` never chain.
        let pairs = [(0, 0), (0, 1), (1, 2)];
        let got: Vec<(usize, usize)> = heaviest_chain(&pairs, |_| 1.0)
            .iter()
            .map(|&p| pairs[p])
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(heaviest_chain(&[], |_| 1.0).is_empty());
    }
}
