//! The patience diff of two sequences of word numbers, step for step the one `similar`
//! makes (`Algorithm::Patience`), with its edit script unchanged: the words that occur
//! once on each side are found with two counting arrays instead of a hash map (the
//! numbers are dense, `0..distinct`), and everything else, the Myers diffs of the
//! anchors and of the gaps between them and the hooks that tidy the script, is
//! `similar`'s own. A property test checks the scripts agree.

use std::ops::Range;

use similar::DiffOp;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace, myers};

/// The edit script of `old` against `new`, whose numbers are all below `distinct`, as
/// `similar::capture_diff_slices(Algorithm::Patience, old, new)` gives it.
pub(crate) fn diff(old: &[u32], new: &[u32], distinct: usize) -> Vec<DiffOp> {
    let mut d = Compact::new(Replace::new(Capture::new()), old, new);
    let (old_once, old_at) = once(old, distinct);
    let (new_once, new_at) = once(new, distinct);
    let mut anchored = Replace::new(Anchored {
        d: &mut d,
        old,
        new,
        old_current: 0,
        new_current: 0,
        old_at: &old_at,
        new_at: &new_at,
    });
    // The hooks here never fail.
    let done = myers::diff_deadline(
        &mut anchored,
        &old_once,
        0..old_once.len(),
        &new_once,
        0..new_once.len(),
        None,
    );
    debug_assert!(done.is_ok());
    d.into_inner().into_inner().into_ops()
}

/// The numbers that occur exactly once in `seq`, in order, and where each is.
fn once(seq: &[u32], distinct: usize) -> (Vec<u32>, Vec<usize>) {
    let mut count = vec![0u8; distinct];
    for &x in seq {
        let c = &mut count[x as usize];
        *c = c.saturating_add(1);
    }
    seq.iter()
        .enumerate()
        .filter(|&(_, &x)| count[x as usize] == 1)
        .map(|(i, &x)| (x, i))
        .unzip()
}

/// The hook that the diff of the unique numbers drives: at each pair of matched anchors
/// it passes on the equal run before them and diffs the gap up to them.
struct Anchored<'a, D> {
    d: &'a mut D,
    old: &'a [u32],
    new: &'a [u32],
    old_current: usize,
    new_current: usize,
    old_at: &'a [usize],
    new_at: &'a [usize],
}

impl<D: DiffHook> DiffHook for Anchored<'_, D> {
    type Error = D::Error;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), D::Error> {
        for (old, new) in (old..old + len).zip(new..new + len) {
            let (a0, b0) = (self.old_current, self.new_current);
            let (a1, b1) = (self.old_at[old], self.new_at[new]);
            while self.old_current < a1
                && self.new_current < b1
                && self.new[self.new_current] == self.old[self.old_current]
            {
                self.old_current += 1;
                self.new_current += 1;
            }
            if self.old_current > a0 {
                self.d.equal(a0, b0, self.old_current - a0)?;
            }
            let gap: (Range<usize>, Range<usize>) = (self.old_current..a1, self.new_current..b1);
            myers::diff_deadline(
                &mut NoFinishHook::new(&mut *self.d),
                self.old,
                gap.0,
                self.new,
                gap.1,
                None,
            )?;
            self.old_current = a1;
            self.new_current = b1;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), D::Error> {
        myers::diff_deadline(
            &mut *self.d,
            self.old,
            self.old_current..self.old.len(),
            self.new,
            self.new_current..self.new.len(),
            None,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use similar::{Algorithm, capture_diff_slices};

    proptest! {
        /// The script is `similar`'s, for sequences with many repeats (few distinct
        /// numbers) and with many unique ones.
        #[test]
        fn the_script_is_the_one_similar_makes(
            old in prop::collection::vec(0u32..6, 0..80),
            new in prop::collection::vec(0u32..6, 0..80),
            wide in prop::collection::vec(0u32..60, 0..80),
        ) {
            for (a, b) in [(&old, &new), (&old, &wide), (&wide, &new), (&wide, &wide)] {
                let distinct = a.iter().chain(b.iter()).max().map_or(0, |&m| m as usize + 1);
                prop_assert_eq!(
                    diff(a, b, distinct),
                    capture_diff_slices(Algorithm::Patience, a, b)
                );
            }
        }
    }

    #[test]
    fn empty_sides() {
        assert_eq!(diff(&[], &[], 0), Vec::new());
        assert_eq!(
            diff(&[0, 1], &[], 2),
            capture_diff_slices(Algorithm::Patience, &[0, 1], &[])
        );
        assert_eq!(
            diff(&[], &[1, 1], 2),
            capture_diff_slices(Algorithm::Patience, &[], &[1, 1])
        );
    }
}
