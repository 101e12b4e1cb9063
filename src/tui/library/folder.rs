//! A folder's list checked against its files in the background: the
//! reader draws the cached list at once, and this thread lists the folder,
//! stats every file and reads the new and changed ones
//! ([`crate::listing::check`]), sending the new files as they are read and
//! the whole list at the end if it changed; then it brings the search
//! index up to date and hands the filter its [`Candidates`].
//!
//! While the index is being built its progress goes to the status bar
//! (`indexing 12,340/100,000`): at most every [`INDEXING_EVERY`], so a
//! long build does not flood the channel or the screen, and an update
//! shorter than that never shows.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::file_filter::Candidates;
use super::model::Item;
use crate::library::Listed;
use crate::listing::Progress;
use crate::tui::job::{End, Job, Kind, Reporter};

/// What the check reports as it goes.
enum Report {
    /// Files to read (new or changed).
    Reading(usize),
    /// A new file, read.
    New(Listed),
    /// The check ended: the new list if it changed.
    Listed(Option<Vec<Listed>>),
    /// The search index is being updated: files done, of how many.
    Indexing(usize, usize),
}

/// How often the index's progress is sent while it is built.
pub const INDEXING_EVERY: Duration = Duration::from_millis(250);

/// A check under way; dropping it stops the work. Its result is the
/// filter's way to ask the search index, when there is one.
pub struct Check {
    job: Option<Job<Report, Option<Candidates>>>,
    listed: bool,
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Check(listed: {})", self.listed)
    }
}

/// What [`Check::poll`] took in.
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

impl Check {
    /// Check the folder `dir` against `known` (the rows on screen), or
    /// against its cache.
    pub fn start(dir: PathBuf, known: Option<Arc<Vec<Item>>>) -> Check {
        let job = Job::start(Kind::FolderCheck, move |r: &Reporter<Report>| {
            check(&dir, known.as_deref().map(Vec::as_slice), r)
        });
        Check {
            listed: job.is_none(),
            job,
        }
    }

    /// Whether the list is still being checked.
    pub fn listing(&self) -> bool {
        !self.listed
    }

    /// Whether the work has ended (the index brought up to date too).
    pub fn finished(&self) -> bool {
        self.job.is_none()
    }

    /// Take in what arrived since the last call.
    pub fn poll(&mut self) -> News {
        let mut news = News::default();
        let Some(job) = self.job.as_mut() else {
            return news;
        };
        let update = job.poll();
        for report in update.progress {
            match report {
                Report::Reading(n) => news.reading = Some(n),
                Report::New(l) => news.arrived.push(l),
                Report::Listed(list) => {
                    self.listed = true;
                    news.ended = true;
                    news.listed = list;
                }
                Report::Indexing(done, total) => news.indexing = Some((done, total)),
            }
        }
        let Some(end) = update.end else {
            return news;
        };
        self.job = None;
        if let End::Done(Some(c)) = end {
            news.candidates = Some(c);
        }
        if !self.listed {
            self.listed = true;
            news.ended = true;
        }
        news
    }
}

/// The check's work: list and read the folder, then update its index.
fn check(dir: &Path, known: Option<&[Item]>, r: &Reporter<Report>) -> Option<Candidates> {
    let cached;
    let known: &[Item] = match known {
        Some(items) => items,
        None => {
            cached = crate::listing::cached(dir)
                .map(|l| l.into_iter().map(Item::from).collect::<Vec<_>>())
                .unwrap_or_default();
            &cached
        }
    };
    let progress = |p: Progress<'_>| {
        r.report(match p {
            Progress::Reading(n) => Report::Reading(n),
            Progress::New(l) => Report::New(l.clone()),
        });
    };
    let Ok(found) = crate::listing::check_until(dir, known, &progress, r.cancel_flag()) else {
        // The folder cannot be listed now: keep what is shown.
        r.report(Report::Listed(None));
        return None;
    };
    found.save();
    let stamps = match &found.listed {
        Some(l) => crate::listing::stamps(l.iter().map(|l| (&l.path, l.stamp))),
        None => crate::listing::stamps(known.iter().map(|i| (&i.path, i.stamp))),
    };
    // With no rows known, every file was sent as new: the rows on screen
    // are the whole list already, and it need not be sent again (which
    // would hold it twice).
    let listed = found.listed.filter(|_| !known.is_empty());
    let sent = r.report(Report::Listed(listed));
    crate::parallel::release_free_memory();
    if !sent || r.cancelled() {
        return None;
    }
    let mut last = Instant::now();
    let mut progress = |done: usize, total: usize| {
        if done < total && last.elapsed() >= INDEXING_EVERY {
            last = Instant::now();
            r.report(Report::Indexing(done, total));
        }
    };
    super::index::update(dir, stamps, &mut progress)
}
