//! Work spread over the machine's cores with scoped threads, the one fan-out of treaty:
//! two drafts read or cut at the same time, word diffs, annotation files and rendered
//! bodies shared out.
//! A panic in a worker is passed on to the caller unchanged, and a worker the system
//! will not start (a process at its thread limit) is done on the calling thread instead.

use std::cell::Cell;
use std::io;
use std::panic::resume_unwind;
use std::sync::OnceLock;
use std::thread::{self, ScopedJoinHandle};

/// Inputs smaller than this (bytes of text) are not worth a thread: starting one, and
/// the memory a new thread's allocations fault in, cost about as much as the work on a
/// 60 KB pair of drafts saves (measured in `BENCHMARKS.md`).
pub const WORTH_A_THREAD: usize = 128 * 1024;

thread_local! {
    static ALONE: Cell<bool> = const { Cell::new(false) };
}

/// How many threads the work is dealt out to: the cores this process may use, asked
/// once (the standard library reads the cgroup files on every call).
pub fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    if ALONE.get() {
        return 1;
    }
    *CORES.get_or_init(|| thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Run `f` with every fan-out inside it (on this thread) done on this thread, when
/// `small`: for work too small to be worth starting threads for.
pub fn alone_if<R>(small: bool, f: impl FnOnce() -> R) -> R {
    if !small || ALONE.get() {
        return f();
    }
    ALONE.set(true);
    // Put the flag back even if `f` panics.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            ALONE.set(false);
        }
    }
    let _reset = Reset;
    f()
}

/// Run `a` on another thread while `b` runs on this one (both here, one after the
/// other, on one core or inside [`alone_if`]).
pub fn both<A: Send, B>(a: impl Fn() -> A + Sync, b: impl FnOnce() -> B) -> (A, B) {
    if cores() < 2 {
        return (a(), b());
    }
    let a = &a;
    thread::scope(|s| {
        let started = thread::Builder::new().spawn_scoped(s, a);
        let b = b();
        (finish(started, a), b)
    })
}

/// The result of a job started on another thread; or, when no thread could be started,
/// of the job done here and now.
fn finish<T>(started: io::Result<ScopedJoinHandle<'_, T>>, job: impl FnOnce() -> T) -> T {
    match started {
        Ok(handle) => handle.join().unwrap_or_else(|p| resume_unwind(p)),
        Err(_) => job(),
    }
}

/// `f` of every item, in the items' order, with the items dealt out to the cores like
/// cards (item `i` to core `i % cores`), so that a stretch of costly items (the long
/// articles of one chapter) is shared rather than falling to one core.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, || (), |(), item| f(item))
}

/// `map`, with a scratch value made by `init` once per core and lent to every call
/// there (buffers that are costly to make for every item).
pub fn map_with<T: Sync, S, R: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let cores = cores().min(items.len());
    let hand = |first: usize| {
        let mut scratch = init();
        items
            .iter()
            .skip(first)
            .step_by(cores.max(1))
            .map(|item| f(&mut scratch, item))
            .collect::<Vec<R>>()
    };
    if cores < 2 {
        return hand(0);
    }
    let hand = &hand;
    let hands: Vec<Vec<R>> = thread::scope(|s| {
        let others: Vec<_> = (1..cores)
            .map(|c| (c, thread::Builder::new().spawn_scoped(s, move || hand(c))))
            .collect();
        let mut hands = vec![hand(0)];
        for (c, started) in others {
            hands.push(finish(started, || hand(c)));
        }
        hands
    });
    // Pick the results up in the order they were dealt.
    let mut hands: Vec<_> = hands.into_iter().map(Vec::into_iter).collect();
    (0..items.len())
        .filter_map(|i| hands[i % cores].next())
        .collect()
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
    fn map_with_lends_one_scratch_value_per_core() {
        let items: Vec<usize> = (0..100).collect();
        // Each core counts its own calls from one: item i is its core's (i / cores + 1)th.
        let counts = map_with(
            &items,
            || 0,
            |seen, _| {
                *seen += 1;
                *seen
            },
        );
        let cores = thread::available_parallelism().map_or(1, |n| n.get());
        let dealt: Vec<usize> = (0..100).map(|i| i / cores + 1).collect();
        assert_eq!(counts, dealt);
    }

    #[test]
    fn a_job_no_thread_would_take_is_done_here() {
        let refused: io::Result<ScopedJoinHandle<'_, u8>> =
            Err(io::Error::other("no more threads"));
        assert_eq!(finish(refused, || 7), 7);
    }

    #[test]
    fn both_returns_both_results() {
        assert_eq!(both(|| 1, || "two"), (1, "two"));
    }

    #[test]
    fn small_work_stays_on_the_calling_thread() {
        let here = thread::current().id();
        let items: Vec<usize> = (0..64).collect();
        let (ids, (a, _)) = alone_if(true, || {
            (
                map(&items, |_| thread::current().id()),
                both(|| thread::current().id(), || ()),
            )
        });
        assert!(ids.iter().all(|&id| id == here));
        assert_eq!(a, here);
        // Out of it, the cores may be used again.
        assert!(!ALONE.get());
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
