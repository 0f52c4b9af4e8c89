//! Beside the flow: used by content (loading) and render (rendering).
//!
//! Loading the languages and rendering and compressing a whole site are many independent
//! pieces of work: they are shared out between all the cores, each thread taking the next
//! item when it is done (a QR code costs far more than a robots.txt).
//!
//! Why not rayon's pool: it does the same here and no faster, keeps its threads for the
//! life of the process (the work comes a few times a day: a start, a reload, a change of
//! time) and brings rayon-core and crossbeam's crates with it. Measured on 2026-11-30 on
//! the 2-core benchmark machine (busy with other work, so noisy), starting the release
//! server and reading its log's load and render times, median of 9 starts on the bundled
//! content and of 3 at 100 times the content, twice each, `map` as below against
//! `items.par_iter().map(&f).collect()`:
//!
//! | | this `map` | rayon |
//! |---|---|---|
//! | bundled: load + render | 74.9 ms, 75.2 ms | 72.4 ms, 88.2 ms |
//! | 100 times: load + render | 1,912 ms, 3,588 ms | 2,860 ms, 3,717 ms |
//! | RSS after start, bundled / 100 times | 12.9 / 166–169 MB | 12.8 / 163–166 MB |
//! | threads while serving | 4 | 6 |

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// `f` over every item, on as many threads as there are cores; the results in the items'
/// order. A panic in `f` is raised again here.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<(usize, R)> = thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for helper in helpers {
            all.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        all
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map(&items, |n| n * n);
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn no_items_no_results() {
        assert!(map(&[] as &[u8], |_| 0).is_empty());
    }
}
