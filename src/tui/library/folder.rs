//! A folder's list checked against its files in the background: the
//! reader draws the cached list at once, and this thread lists the folder,
//! stats every file and reads the new and changed ones
//! ([`crate::listing::scan`]), sending the new files as they are read and
//! the whole list at the end if it changed; then it brings the search
//! index up to date and hands the filter its [`Candidates`].
//!
//! While the index is being built its progress goes to the status bar
//! (`indexing 12,340/100,000`): at most every [`INDEXING_EVERY`], so a
//! long build does not flood the channel or the screen, and an update
//! shorter than that never shows.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use super::Item;
use super::filter::Candidates;
use crate::library::Listed;
use crate::listing::Progress;

/// What the thread sends.
enum FromScan {
    Reading(usize),
    New(Listed),
    /// The check ended: the new list if it changed.
    Listed(Option<Vec<Listed>>),
    /// The search index is being updated: files done, of how many.
    Indexing(usize, usize),
    /// The search index is up to date.
    Index(Candidates),
}

/// How often the index's progress is sent while it is built.
pub const INDEXING_EVERY: Duration = Duration::from_millis(250);

/// A check under way; dropping it stops the thread.
pub struct Scan {
    rx: mpsc::Receiver<FromScan>,
    listed: bool,
    closed: bool,
    stop: Arc<AtomicBool>,
}

impl Drop for Scan {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl std::fmt::Debug for Scan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Scan(listed: {})", self.listed)
    }
}

/// What [`Scan::poll`] took in.
#[derive(Default)]
pub struct News {
    /// Files to read (new or changed).
    pub reading: Option<usize>,
    /// New files, read.
    pub arrived: Vec<Listed>,
    /// The check ended with this new list.
    pub listed: Option<Vec<Listed>>,
    /// The check ended.
    pub ended: bool,
    /// The search index's update: files done, of how many (the latest).
    pub indexing: Option<(usize, usize)>,
    pub candidates: Option<Candidates>,
}

impl Scan {
    /// Check the folder `dir` against `known` (the rows on screen), or
    /// against its cache.
    pub fn start(dir: PathBuf, known: Option<Arc<Vec<Item>>>) -> Scan {
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let work = move || {
            let cached;
            let known: &[Item] = match &known {
                Some(items) => items,
                None => {
                    cached = crate::listing::cached(&dir)
                        .map(|l| l.into_iter().map(Item::from).collect::<Vec<_>>())
                        .unwrap_or_default();
                    &cached
                }
            };
            let sender = std::sync::Mutex::new(tx.clone());
            let progress = |p: Progress<'_>| {
                let msg = match p {
                    Progress::Reading(n) => FromScan::Reading(n),
                    Progress::New(l) => FromScan::New(l.clone()),
                };
                if let Ok(tx) = sender.lock() {
                    let _ = tx.send(msg);
                }
            };
            let scanned = crate::listing::scan_until(&dir, known, &progress, &stopped);
            let Ok(scanned) = scanned else {
                // The folder cannot be listed now: keep what is shown.
                let _ = tx.send(FromScan::Listed(None));
                return;
            };
            scanned.save();
            let stamps = match &scanned.listed {
                Some(l) => crate::listing::stamps(l.iter().map(|l| (&l.path, l.stamp))),
                None => crate::listing::stamps(known.iter().map(|i| (&i.path, i.stamp))),
            };
            let sent = tx.send(FromScan::Listed(scanned.listed));
            crate::parallel::release_free_memory();
            if sent.is_err() || stopped.load(Ordering::Relaxed) {
                return;
            }
            let mut last = Instant::now();
            let mut progress = |done: usize, total: usize| {
                if done < total && last.elapsed() >= INDEXING_EVERY {
                    last = Instant::now();
                    let _ = tx.send(FromScan::Indexing(done, total));
                }
            };
            if let Some(c) = super::index::update(&dir, stamps, &mut progress) {
                let _ = tx.send(FromScan::Index(c));
            }
        };
        let closed = crate::parallel::Task::spawn("yomu-scan", work).is_none();
        Scan {
            rx,
            listed: closed,
            closed,
            stop,
        }
    }

    /// Whether the list is still being checked.
    pub fn listing(&self) -> bool {
        !self.listed
    }

    /// Whether the thread has ended (the index brought up to date too).
    pub fn finished(&self) -> bool {
        self.closed
    }

    /// Take in what arrived since the last call.
    pub fn poll(&mut self) -> News {
        let mut news = News::default();
        loop {
            match self.rx.try_recv() {
                Ok(FromScan::Reading(n)) => news.reading = Some(n),
                Ok(FromScan::New(l)) => news.arrived.push(l),
                Ok(FromScan::Listed(list)) => {
                    self.listed = true;
                    news.ended = true;
                    news.listed = list;
                }
                Ok(FromScan::Indexing(done, total)) => news.indexing = Some((done, total)),
                Ok(FromScan::Index(c)) => news.candidates = Some(c),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.closed = true;
                    if !self.listed {
                        self.listed = true;
                        news.ended = true;
                    }
                    break;
                }
            }
        }
        news
    }
}
