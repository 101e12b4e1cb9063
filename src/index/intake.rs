//! How many documents may wait for tantivy's indexing threads.
//!
//! `IndexWriter::add_document` queues up to 10,000 documents before it
//! blocks. Reading and parsing files is quicker than indexing them, so a
//! build would fill that queue at once, and hold 10,000 documents (each
//! with two copies of its text) for nothing: on a large folder the largest
//! part of the build's heap. [`Intake`] lets the build wait instead: the
//! tokenizer counts each document as an indexing thread takes it up
//! ([`Intake::taken`]), and the build sends the next one only while fewer
//! than [`IN_FLIGHT`] are waiting ([`Intake::wait_room`]). A build that has
//! to wait sleeps until half of them are taken up, so it is woken once per
//! `IN_FLIGHT / 2` documents, not once per document (each wake-up costs
//! CPU time the indexing threads could use).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Documents sent but not yet taken up, at most: enough to keep every
/// indexing thread busy while the next files are read.
pub const IN_FLIGHT: usize = 256;

/// Past this long without a document taken up, the build stops waiting
/// (an indexing thread that died must not hang it; tantivy reports it).
const GIVE_UP: Duration = Duration::from_secs(10);

/// The count of documents taken up by the indexing threads.
#[derive(Debug)]
pub struct Intake {
    taken: AtomicUsize,
    /// The count at which the waiting build wants waking; `usize::MAX`
    /// while it does not wait.
    wake_at: AtomicUsize,
    lock: Mutex<()>,
    moved: Condvar,
}

impl Default for Intake {
    fn default() -> Intake {
        Intake {
            taken: AtomicUsize::new(0),
            wake_at: AtomicUsize::new(usize::MAX),
            lock: Mutex::new(()),
            moved: Condvar::new(),
        }
    }
}

impl Intake {
    /// One more document taken up (called by the tokenizer).
    pub fn taken(&self) {
        let n = self.taken.fetch_add(1, Ordering::SeqCst) + 1;
        if n >= self.wake_at.load(Ordering::SeqCst) {
            // The lock: the waiter is either before its last look at the
            // count (and sees this one) or asleep (and is woken).
            drop(self.lock.lock());
            self.moved.notify_all();
        }
    }

    /// Wait until fewer than [`IN_FLIGHT`] of the `sent` documents are
    /// still queued; if it has to wait, until half of them are taken up
    /// (or nothing has moved for [`GIVE_UP`]).
    pub fn wait_room(&self, sent: usize) {
        if sent.saturating_sub(self.taken.load(Ordering::SeqCst)) < IN_FLIGHT {
            return;
        }
        let target = sent - IN_FLIGHT / 2;
        let mut last = self.taken.load(Ordering::SeqCst);
        let mut since = Instant::now();
        let Ok(mut guard) = self.lock.lock() else {
            return;
        };
        self.wake_at.store(target, Ordering::SeqCst);
        loop {
            let taken = self.taken.load(Ordering::SeqCst);
            if taken >= target {
                self.wake_at.store(usize::MAX, Ordering::SeqCst);
                return;
            }
            if taken != last {
                last = taken;
                since = Instant::now();
            } else if since.elapsed() >= GIVE_UP {
                self.wake_at.store(usize::MAX, Ordering::SeqCst);
                return;
            }
            guard = match self.moved.wait_timeout(guard, Duration::from_millis(100)) {
                Ok((g, _)) => g,
                Err(_) => {
                    self.wake_at.store(usize::MAX, Ordering::SeqCst);
                    return;
                }
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn the_sender_waits_until_the_queue_has_room() {
        let intake = Arc::new(Intake::default());
        // Below the limit: no wait.
        intake.wait_room(IN_FLIGHT - 1);
        // Over it: back once half of them are taken up.
        let sent = IN_FLIGHT + 10;
        let taker = {
            let intake = Arc::clone(&intake);
            std::thread::spawn(move || {
                for _ in 0..sent {
                    intake.taken();
                }
            })
        };
        intake.wait_room(sent);
        assert!(intake.taken.load(Ordering::SeqCst) >= sent - IN_FLIGHT / 2);
        taker.join().expect("taker");
        assert_eq!(intake.wake_at.load(Ordering::SeqCst), usize::MAX);
    }
}
