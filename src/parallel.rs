//! The few rules every parallel part of yomu shares (laying out pages,
//! indexing them, parsing chunks of a large file, loading a folder, the
//! library filter): how many threads, and an in-order parallel map.
//!
//! Plain scoped threads, no pool: the work comes in a few large batches,
//! so a thread per core per batch costs little and keeps the code simple.

/// Worker threads to use: the cores available, at most 8.
pub fn workers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// `items.iter().map(f).collect()`, on up to [`workers`] scoped threads
/// when there are at least `min` items, results in the order of `items`.
/// A part whose thread panicked is done again on this thread, so a bug
/// surfaces here instead of leaving a gap in the results.
pub fn map<T: Sync, R: Send>(items: &[T], min: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = workers();
    if threads < 2 || items.len() < min.max(2) {
        return items.iter().map(&f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|part| {
                (
                    part,
                    s.spawn(move || part.iter().map(f).collect::<Vec<R>>()),
                )
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|(part, h)| h.join().unwrap_or_else(|_| part.iter().map(f).collect()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_their_order() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(
            map(&items, 16, |&i| i * 2),
            (0..1000).map(|i| i * 2).collect::<Vec<_>>()
        );
        assert_eq!(map(&items[..3], 16, |&i| i), [0, 1, 2]);
        assert!(workers() >= 1);
    }
}
