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
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let mut runs = items.chunks(items.len().div_ceil(cores));
    let here = runs.next().unwrap_or_default();
    let f = &f;
    thread::scope(|s| {
        let others: Vec<_> = runs
            .map(|run| s.spawn(move || run.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out: Vec<R> = here.iter().map(f).collect();
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
