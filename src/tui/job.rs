//! One shape for every piece of work the reader does off the screen's
//! thread: a folder checked against its files, files loading, the library
//! filter over a folder's files and its texts built, a sync, and a long
//! briefing's page texts for search, a feed's day files read. Each is a [`Job`]: a [`Kind`], progress
//! reports as the work goes, a result at the end (or word that the thread
//! died), and cancellation (asked of the work, which stops at its next
//! check; dropping the job asks too).
//!
//! Only the latest job of a kind waits: a [`Latest`] holds at most one,
//! and starting another supersedes it (the one before is cancelled and its
//! reports go nowhere), so a stale answer never reaches the screen, as in
//! gitui's `AsyncSingleJob`. Every job is taken in the same way, by
//! [`Job::poll`] from the router's one poll of background work on each
//! turn of the event loop; threads start through [`crate::parallel::Task`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use crate::parallel::{Polled, Task};

/// What a job does; its thread is named after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A folder's list checked against its files, then the search index
    /// brought up to date.
    FolderCheck,
    /// Files read one by one, joining the list as they come.
    Loading,
    /// The library filter over a folder's files.
    Filter,
    /// The filter's texts of a large library held in memory.
    FilterTexts,
    /// `r`: the feeds synced.
    Sync,
    /// A long briefing laid out, and its pages' texts made for search.
    PageTexts,
    /// `a`: a web page fetched and its article extracted.
    Article,
    /// Enter in the feed list: a feed's day files read as one briefing.
    FeedOpen,
}

impl Kind {
    /// The name of the job's thread.
    pub fn thread_name(self) -> &'static str {
        match self {
            Kind::FolderCheck => "yomu-check",
            Kind::Loading => "yomu-load",
            Kind::Filter | Kind::FilterTexts => "yomu-filter",
            Kind::Sync => "yomu-sync",
            Kind::PageTexts => "yomu-texts",
            Kind::Article => "yomu-article",
            Kind::FeedOpen => "yomu-feed",
        }
    }
}

/// What the work is handed: where its progress goes, and whether it has
/// been asked to stop.
pub struct Reporter<P> {
    tx: mpsc::Sender<P>,
    cancel: Arc<AtomicBool>,
}

impl<P> Reporter<P> {
    /// Report progress; false when nobody listens any more (the job was
    /// cancelled or dropped), so the work can stop.
    pub fn report(&self, p: P) -> bool {
        !self.cancelled() && self.tx.send(p).is_ok()
    }

    /// Whether the job has been asked to stop.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The flag the work may hand on to code that checks it itself.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

/// How a job ended.
#[derive(Debug, PartialEq, Eq)]
pub enum End<R> {
    /// The work returned this.
    Done(R),
    /// The thread ended without an answer (it panicked).
    Lost,
}

/// What [`Job::poll`] took in: the reports since the last poll, in the
/// order they were sent, and the end if it came.
#[derive(Debug)]
pub struct Update<P, R> {
    pub progress: Vec<P>,
    pub end: Option<End<R>>,
}

/// A piece of work on a thread of its own.
pub struct Job<P, R> {
    kind: Kind,
    progress: mpsc::Receiver<P>,
    /// The result still to come (`None` once taken).
    task: Option<Task<R>>,
    cancel: Arc<AtomicBool>,
}

impl<P: Send + 'static, R: Send + 'static> Job<P, R> {
    /// Start `work` of kind `kind`; `None` when no thread could start
    /// (then do the work in place, or say so).
    pub fn start(
        kind: Kind,
        work: impl FnOnce(&Reporter<P>) -> R + Send + 'static,
    ) -> Option<Job<P, R>> {
        let (tx, progress) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let reporter = Reporter {
            tx,
            cancel: Arc::clone(&cancel),
        };
        let task = Task::spawn(kind.thread_name(), move || work(&reporter))?;
        Some(Job {
            kind,
            progress,
            task: Some(task),
            cancel,
        })
    }

    /// Take in the reports sent since the last call, and the result if
    /// the work has ended (once: later calls find no end).
    pub fn poll(&mut self) -> Update<P, R> {
        let mut progress: Vec<P> = self.progress.try_iter().collect();
        let end = match self.task.as_ref().map(Task::poll) {
            None | Some(Polled::Pending) => None,
            Some(Polled::Ready(r)) => Some(End::Done(r)),
            Some(Polled::Lost) => Some(End::Lost),
        };
        if end.is_some() {
            self.task = None;
            // Sent before the work returned: all there now.
            progress.extend(self.progress.try_iter());
        }
        Update { progress, end }
    }
}

impl<P, R> Job<P, R> {
    /// Whether the job's end has been taken in.
    pub fn ended(&self) -> bool {
        self.task.is_none()
    }

    /// Ask the work to stop; its reports and result are no longer wanted.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl<P, R> Drop for Job<P, R> {
    fn drop(&mut self) {
        self.cancel();
    }
}

impl<P, R> std::fmt::Debug for Job<P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({:?}, ended: {})", self.kind, self.ended())
    }
}

/// The latest job of one kind, if any: starting another supersedes it.
pub struct Latest<P, R> {
    job: Option<Job<P, R>>,
}

impl<P, R> Default for Latest<P, R> {
    fn default() -> Self {
        Latest { job: None }
    }
}

impl<P: Send + 'static, R: Send + 'static> Latest<P, R> {
    /// Start `work`, cancelling the job before it; false when no thread
    /// could start (then nothing is running).
    pub fn start(
        &mut self,
        kind: Kind,
        work: impl FnOnce(&Reporter<P>) -> R + Send + 'static,
    ) -> bool {
        self.job = None;
        self.job = Job::start(kind, work);
        self.job.is_some()
    }

    /// Take in the running job's reports and end; the job is let go once
    /// it has ended.
    pub fn poll(&mut self) -> Update<P, R> {
        let Some(job) = self.job.as_mut() else {
            return Update {
                progress: Vec::new(),
                end: None,
            };
        };
        let update = job.poll();
        if job.ended() {
            self.job = None;
        }
        update
    }
}

impl<P, R> Latest<P, R> {
    /// Whether a job is running (its end not taken in yet).
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// Cancel and forget the running job, if any.
    pub fn clear(&mut self) {
        self.job = None;
    }
}

impl<P, R> std::fmt::Debug for Latest<P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.job {
            Some(j) => j.fmt(f),
            None => f.write_str("Latest(none)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Poll until the job's end comes, gathering its reports.
    fn finish<P: Send + 'static, R: Send + 'static>(job: &mut Job<P, R>) -> (Vec<P>, End<R>) {
        let mut all = Vec::new();
        loop {
            let u = job.poll();
            all.extend(u.progress);
            if let Some(end) = u.end {
                return (all, end);
            }
            std::thread::yield_now();
        }
    }

    #[test]
    fn a_job_reports_progress_in_order_then_its_result() {
        let mut job = Job::start(Kind::Loading, |r: &Reporter<usize>| {
            for k in 0..100 {
                r.report(k);
            }
            "done"
        })
        .expect("a thread");
        let (progress, end) = finish(&mut job);
        assert_eq!(progress, (0..100).collect::<Vec<_>>());
        assert_eq!(end, End::Done("done"));
        assert!(job.ended());
        assert!(job.poll().end.is_none());
    }

    #[test]
    fn a_job_whose_thread_panics_ends_lost() {
        let mut job = Job::start(Kind::PageTexts, |_: &Reporter<()>| -> u8 {
            panic!("the work failed")
        })
        .expect("a thread");
        assert_eq!(finish(&mut job).1, End::Lost);
    }

    #[test]
    fn a_cancelled_job_is_told_to_stop_and_its_reports_go_nowhere() {
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let mut job = Job::start(Kind::Filter, move |r: &Reporter<u8>| {
            let _ = go_rx.recv();
            (r.cancelled(), r.report(1))
        })
        .expect("a thread");
        job.cancel();
        let _ = go_tx.send(());
        let (progress, end) = finish(&mut job);
        assert!(progress.is_empty());
        assert_eq!(end, End::Done((true, false)));
    }

    #[test]
    fn a_newer_job_of_a_kind_supersedes_the_one_before() {
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let (seen_tx, seen_rx) = mpsc::channel::<bool>();
        let mut latest: Latest<u8, u8> = Latest::default();
        assert!(latest.start(Kind::Filter, move |r| {
            let _ = go_rx.recv();
            // Asked to stop when the newer one started.
            let _ = seen_tx.send(r.cancelled());
            r.report(1);
            1
        }));
        assert!(latest.start(Kind::Filter, |r| {
            r.report(2);
            2
        }));
        let _ = go_tx.send(());
        assert_eq!(seen_rx.recv(), Ok(true));
        let mut progress = Vec::new();
        let end = loop {
            let u = latest.poll();
            progress.extend(u.progress);
            if let Some(end) = u.end {
                break end;
            }
            std::thread::yield_now();
        };
        assert_eq!(progress, [2]);
        assert_eq!(end, End::Done(2));
        assert!(!latest.running());
    }
}
