//! Work spread over the machine's cores with scoped threads: the two drafts are cut and
//! hashed at the same time, and the word diffs of many clause pairs are shared out.
//! A panic in a worker is passed on to the caller unchanged.

use std::panic::resume_unwind;
use std::thread;

/// Run `a` on another thread while `b` runs on this one.
pub fn both<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    thread::scope(|s| {
        let a = s.spawn(a);
        let b = b();
        (a.join().unwrap_or_else(|p| resume_unwind(p)), b)
    })
}

/// `f` of every item, in the items' order, with the items cut into one run per core.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, || (), |(), item| f(item))
}

/// `map`, with a scratch value made by `init` once per run and lent to every call in it
/// (buffers that are costly to make for every item).
pub fn map_with<T: Sync, S, R: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let one_run = |run: &[T]| {
        let mut scratch = init();
        run.iter()
            .map(|item| f(&mut scratch, item))
            .collect::<Vec<R>>()
    };
    if cores < 2 || items.len() < 2 {
        return one_run(items);
    }
    let mut runs = items.chunks(items.len().div_ceil(cores));
    let here = runs.next().unwrap_or_default();
    let one_run = &one_run;
    thread::scope(|s| {
        let others: Vec<_> = runs.map(|run| s.spawn(move || one_run(run))).collect();
        let mut out = one_run(here);
        for other in others {
            out.extend(other.join().unwrap_or_else(|p| resume_unwind(p)));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_the_order_of_the_items() {
        for n in [0, 1, 2, 3, 17, 1000] {
            let items: Vec<usize> = (0..n).collect();
            assert_eq!(
                map(&items, |&i| i * 2),
                items.iter().map(|i| i * 2).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn map_with_lends_one_scratch_value_per_run() {
        let items: Vec<usize> = (0..100).collect();
        // Each run counts its own calls from zero: the counts restart once per run.
        let counts = map_with(
            &items,
            || 0,
            |seen, _| {
                *seen += 1;
                *seen
            },
        );
        assert_eq!(counts[0], 1);
        assert!(counts.windows(2).all(|w| w[1] == 1 || w[1] == w[0] + 1));
        let restarts = counts.iter().filter(|&&c| c == 1).count();
        let cores = thread::available_parallelism().map_or(1, |n| n.get());
        assert!(
            (1..=cores).contains(&restarts),
            "{restarts} runs on {cores} cores"
        );
    }

    #[test]
    fn both_returns_both_results() {
        assert_eq!(both(|| 1, || "two"), (1, "two"));
    }

    #[test]
    #[should_panic(expected = "a worker's panic")]
    fn a_worker_panic_reaches_the_caller() {
        map(&[1, 2, 3, 4], |&i| {
            if i == 4 {
                panic!("a worker's panic")
            } else {
                i
            }
        });
    }
}
