//! The few rules every parallel part of yomu shares (laying out pages,
//! indexing them, parsing chunks of a large file, loading a folder, the
//! library filter): how many threads, an in-order parallel map, and a
//! [`Task`] whose result the reader takes when it is ready.
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

/// Work on a thread of its own, its result taken when ready ([`Task::poll`]),
/// so the screen never waits for it. Dropping the task abandons the result:
/// the thread finishes and its answer goes nowhere.
pub struct Task<T> {
    rx: std::sync::mpsc::Receiver<T>,
}

/// What [`Task::poll`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Polled<T> {
    Ready(T),
    Pending,
    /// The thread ended without an answer (it panicked).
    Lost,
}

impl<T: Send + 'static> Task<T> {
    /// Start `work` on a thread named `name`; `None` when no thread could be
    /// started (then do the work in place).
    pub fn spawn(name: &str, work: impl FnOnce() -> T + Send + 'static) -> Option<Task<T>> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                // Nobody listens if the task was dropped meanwhile.
                let _ = tx.send(work());
            })
            .ok()?;
        Some(Task { rx })
    }

    pub fn poll(&self) -> Polled<T> {
        match self.rx.try_recv() {
            Ok(t) => Polled::Ready(t),
            Err(std::sync::mpsc::TryRecvError::Empty) => Polled::Pending,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Polled::Lost,
        }
    }
}

impl<T> std::fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Task")
    }
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

    #[test]
    fn a_task_answers_once_ready_and_a_dead_one_is_lost() {
        let t = Task::spawn("t", || 42).expect("thread");
        let start = std::time::Instant::now();
        let answer = loop {
            match t.poll() {
                Polled::Pending => assert!(start.elapsed().as_secs() < 30),
                other => break other,
            }
            std::thread::yield_now();
        };
        assert_eq!(answer, Polled::Ready(42));
        let t = Task::spawn("p", || -> u8 { panic!("on purpose") }).expect("thread");
        while t.poll() == Polled::Pending {
            std::thread::yield_now();
        }
        assert_eq!(t.poll(), Polled::Lost);
    }
}
