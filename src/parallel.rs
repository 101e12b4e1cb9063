//! Every thread yomu starts is started here: laying out pages, indexing
//! them, parsing chunks of a large file, loading a folder (all at once or
//! in the background), the library filter and the text export. The rules
//! they share: how many threads ([`workers`]); an in-order parallel map,
//! by even parts ([`map`]) or item by item for uneven work ([`map_each`]);
//! results streamed as they come ([`stream`]); an ordered, bounded
//! pipeline whose output is written while the rest is made ([`pipeline`]);
//! batches made on this thread and worked on by the others ([`fan_out`]);
//! work that waits on the network rather than the CPU, with a limit in all
//! and per key (per host: [`map_limited`]); a [`Task`] whose result the
//! reader takes when it is ready; and a thread nobody waits for
//! ([`detach`]: the link opener's child reaped).
//!
//! Plain scoped threads, no pool: the work comes in a few large batches,
//! so a thread per core per batch costs little and keeps the code simple.
//! rayon (which tantivy brings along) would stand in for [`map`] and
//! [`map_each`] only; the ordered bounded pipeline, the per-host limits,
//! the background tasks and doing a panicked part again on the calling
//! thread have no rayon counterpart, so it would add a second threading
//! model (a global pool beside these threads) for little less code.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError, mpsc};

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

/// `items.iter().map(f).collect()` on up to [`workers`] scoped threads that
/// take the items one at a time from a shared counter, so one large item
/// does not leave the other cores idle; results in the order of `items`.
/// An item whose thread could not start or died is done on this thread.
pub fn map_each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = workers().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(item)));
        }
        done
    };
    gather(threads, items.len(), work, |i| f(&items[i]))
}

/// Run `work` on `threads` threads (this one included), each returning
/// the (index, result) pairs it did; redo (`redo`) on this thread the items
/// of a helper that panicked, and return the results in item order.
fn gather<R: Send>(
    threads: usize,
    len: usize,
    work: impl Fn() -> Vec<(usize, R)> + Sync,
    mut redo: impl FnMut(usize) -> R,
) -> Vec<R> {
    let results: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(s, &work).ok())
            .collect();
        let mut all = vec![work()];
        for h in helpers {
            // A helper that panicked loses its items: they are done below.
            all.push(h.join().unwrap_or_default());
        }
        all
    });
    // Each result put in its place, moved once (a sort would move large
    // results many times over).
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(len).collect();
    for (i, r) in results.into_iter().flatten() {
        if let Some(slot) = slots.get_mut(i) {
            *slot = Some(r);
        }
    }
    slots
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| redo(i)))
        .collect()
}

/// `items.iter().map(f).collect()` for work that mostly waits (fetching
/// feeds): at most `total` items at once, and at most `per_key` at once
/// among items with the same `key` (the same host). The threads take the
/// first item whose key has room, in the order of `items`; results come
/// back in that order. An item whose thread died is done on this thread.
///
/// `f` gets the item and a function that gives its key's place back
/// before `f` returns (a feed fetched, its files still to write: the next
/// fetch from that host may start); otherwise the place is given back when
/// `f` returns. Either way it still counts towards `total` until then.
pub fn map_limited<T: Sync, R: Send, K: Eq + std::hash::Hash + Clone + Send + Sync>(
    items: &[T],
    total: usize,
    per_key: usize,
    key: impl Fn(&T) -> K + Sync,
    f: impl Fn(&T, &dyn Fn()) -> R + Sync,
) -> Vec<R> {
    use std::collections::HashMap;
    struct Queue<K> {
        pending: Vec<usize>,
        running: HashMap<K, usize>,
    }
    let keys: Vec<K> = items.iter().map(&key).collect();
    let queue = Mutex::new(Queue {
        pending: (0..items.len()).collect(),
        running: HashMap::new(),
    });
    let moved = Condvar::new();
    let per_key = per_key.max(1);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = {
                let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
                loop {
                    if q.pending.is_empty() {
                        break None;
                    }
                    let free = q
                        .pending
                        .iter()
                        .position(|&i| q.running.get(&keys[i]).copied().unwrap_or(0) < per_key);
                    if let Some(at) = free {
                        let i = q.pending.remove(at);
                        *q.running.entry(keys[i].clone()).or_insert(0) += 1;
                        break Some(i);
                    }
                    q = moved.wait(q).unwrap_or_else(PoisonError::into_inner);
                }
            };
            let Some(i) = i else { break };
            // Gives the key's place back even if `f` panics, so no thread
            // waits forever for a place that a dead one held.
            struct Release<'a, K: Eq + std::hash::Hash> {
                queue: &'a Mutex<Queue<K>>,
                moved: &'a Condvar,
                key: &'a K,
                given: std::cell::Cell<bool>,
            }
            impl<K: Eq + std::hash::Hash> Release<'_, K> {
                fn give_back(&self) {
                    if self.given.replace(true) {
                        return;
                    }
                    let mut q = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(n) = q.running.get_mut(self.key) {
                        *n = n.saturating_sub(1);
                    }
                    self.moved.notify_all();
                }
            }
            impl<K: Eq + std::hash::Hash> Drop for Release<'_, K> {
                fn drop(&mut self) {
                    self.give_back();
                }
            }
            let release = Release {
                queue: &queue,
                moved: &moved,
                key: &keys[i],
                given: std::cell::Cell::new(false),
            };
            done.push((i, f(&items[i], &|| release.give_back())));
            drop(release);
        }
        done
    };
    let threads = total.clamp(1, items.len().max(1));
    gather(threads, items.len(), work, |i| f(&items[i], &|| {}))
}

/// `f` of every item on background threads, each result sent as soon as it
/// is made (in no particular order); the channel closes when all are sent.
pub fn stream<T, R>(items: Vec<T>, f: fn(&T) -> R) -> mpsc::Receiver<R>
where
    T: Send + Sync + 'static,
    R: Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    let items = Arc::new(items);
    let next = Arc::new(AtomicUsize::new(0));
    for _ in 0..workers() {
        let (tx, items, next) = (tx.clone(), items.clone(), next.clone());
        let _ = std::thread::Builder::new().spawn(move || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if tx.send(f(item)).is_err() {
                    break;
                }
            }
        });
    }
    rx
}

/// Make `n` parts on `threads` workers and hand them to `take` in order, on
/// this thread, as they are ready. Workers stay at most `ahead` parts in
/// front of `take`, so the whole is never held in memory at once; once
/// `take` fails they stop, and its error is returned.
pub fn pipeline<T: Send, E>(
    n: usize,
    threads: usize,
    ahead: usize,
    make: impl Fn(usize) -> T + Sync,
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let next = AtomicUsize::new(0);
    // How many parts are taken; `usize::MAX` once taking failed.
    let taken = Mutex::new(0usize);
    let moved = Condvar::new();
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel::<(usize, T)>();
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, taken, moved, make) = (&next, &taken, &moved, &make);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    {
                        let mut t = taken.lock().unwrap_or_else(PoisonError::into_inner);
                        while *t != usize::MAX && i >= *t + ahead {
                            t = moved.wait(t).unwrap_or_else(PoisonError::into_inner);
                        }
                        if *t == usize::MAX {
                            break;
                        }
                    }
                    if tx.send((i, make(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Parts as they arrive, taken in index order.
        let result = (|| {
            let mut waiting = BTreeMap::new();
            let mut want = 0;
            for (i, part) in rx {
                waiting.insert(i, part);
                while let Some(part) = waiting.remove(&want) {
                    take(part)?;
                    want += 1;
                    *taken.lock().unwrap_or_else(PoisonError::into_inner) = want;
                    moved.notify_all();
                }
            }
            Ok(())
        })();
        if result.is_err() {
            *taken.lock().unwrap_or_else(PoisonError::into_inner) = usize::MAX;
            moved.notify_all();
        }
        result
    })
}

/// `produce` runs on this thread and sends batches into a queue of at most
/// `queue` batches; `threads` workers take them as they come and `work`
/// each into their results. Returns what `produce` returned, and every
/// result (in no particular order), or `None` when a worker panicked.
/// Should every worker die, the queue is dropped and `produce`'s next send
/// fails instead of blocking forever.
pub fn fan_out<B: Send, R: Send, P>(
    threads: usize,
    queue: usize,
    produce: impl FnOnce(&mpsc::SyncSender<B>) -> P,
    work: impl Fn(B, &mut Vec<R>) + Sync,
) -> (P, Option<Vec<R>>) {
    let (tx, rx) = mpsc::sync_channel::<B>(queue);
    // Only the workers hold the receiver.
    let rx = Arc::new(Mutex::new(rx));
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                let (rx, work) = (Arc::clone(&rx), &work);
                s.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let next = rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                        let Ok(batch) = next else { break };
                        work(batch, &mut done);
                    }
                    done
                })
            })
            .collect();
        drop(rx);
        let produced = produce(&tx);
        drop(tx);
        let mut all = Some(Vec::new());
        for w in workers {
            match (w.join(), all.as_mut()) {
                (Ok(done), Some(all)) => all.extend(done),
                _ => all = None,
            }
        }
        (produced, all)
    })
}

/// Run `work` on a thread of its own that nobody waits for (reaping a
/// program started for the person, say); `false` when no thread could be
/// started.
pub fn detach(name: &str, work: impl FnOnce() + Send + 'static) -> bool {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(work)
        .is_ok()
}

/// Work on a thread of its own, its result taken when ready ([`Task::poll`]),
/// so the screen never waits for it. Dropping the task abandons the result:
/// the thread finishes and its answer goes nowhere.
pub struct Task<T> {
    rx: mpsc::Receiver<T>,
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
        let (tx, rx) = mpsc::channel();
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
            Err(mpsc::TryRecvError::Empty) => Polled::Pending,
            Err(mpsc::TryRecvError::Disconnected) => Polled::Lost,
        }
    }
}

impl<T> std::fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Task")
    }
}

/// Keep the C heap to two arenas. glibc gives each thread that allocates
/// while another holds the lock an arena of its own, up to 8 per core, and
/// keeps what each one held at its peak: after a launch that parsed and
/// indexed a large folder on every core, the reader would keep the peak of
/// every arena resident, which `malloc_trim` cannot give back. For the
/// reader only: with two arenas the threads of a short command (an index
/// build on every core) wait on each other, which a command that ends soon
/// has no reason to pay. Call once, before the reader starts its threads.
pub fn limit_heap_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning (thread-safe; it
    // applies to arenas made from now on).
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Hand memory freed by a large piece of work (a folder's check, an index
/// build on another thread) back to the system, so the reader's resident
/// size is what it holds, not what it once used.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free heap memory; any thread may call it.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limited_map_keeps_order_and_limits_per_key() {
        use std::sync::atomic::AtomicUsize;
        let items: Vec<usize> = (0..40).collect();
        let running = [AtomicUsize::new(0), AtomicUsize::new(0)];
        let most = [AtomicUsize::new(0), AtomicUsize::new(0)];
        let out = map_limited(
            &items,
            8,
            2,
            |i| i % 2,
            |&i, release| {
                let now = running[i % 2].fetch_add(1, Ordering::SeqCst) + 1;
                most[i % 2].fetch_max(now, Ordering::SeqCst);
                std::thread::yield_now();
                running[i % 2].fetch_sub(1, Ordering::SeqCst);
                // After its place is given back, an item's work goes on
                // beside the next one of its key.
                release();
                release();
                std::thread::yield_now();
                i * 10
            },
        );
        assert_eq!(out, (0..40).map(|i| i * 10).collect::<Vec<_>>());
        assert!(most.iter().all(|m| m.load(Ordering::SeqCst) <= 2));
    }

    #[test]
    fn results_keep_their_order() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(
            map(&items, 16, |&i| i * 2),
            (0..1000).map(|i| i * 2).collect::<Vec<_>>()
        );
        assert_eq!(map(&items[..3], 16, |&i| i), [0, 1, 2]);
        assert_eq!(map_each(&items, |&i| i + 1), (1..1001).collect::<Vec<_>>());
        assert!(workers() >= 1);
    }

    #[test]
    fn a_pipeline_takes_its_parts_in_order_and_stops_on_an_error() {
        let mut got = Vec::new();
        let ok: Result<(), ()> = pipeline(
            100,
            4,
            3,
            |i| i * i,
            |x| {
                got.push(x);
                Ok(())
            },
        );
        assert_eq!(ok, Ok(()));
        assert_eq!(got, (0..100).map(|i| i * i).collect::<Vec<_>>());
        let mut taken = 0;
        let failed = pipeline(
            1000,
            4,
            3,
            |i| i,
            |i| {
                taken += 1;
                if i == 10 { Err(i) } else { Ok(()) }
            },
        );
        assert_eq!((failed, taken), (Err(10), 11));
    }

    #[test]
    fn a_stream_sends_every_result() {
        let mut got: Vec<usize> = stream((0..50).collect(), |&i| i * 2).iter().collect();
        got.sort_unstable();
        assert_eq!(got, (0..50).map(|i| i * 2).collect::<Vec<_>>());
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
