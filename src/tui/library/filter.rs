//! The library filter over a folder listed by metadata only: the rows
//! whose briefing has the query in any field, exactly those a full scan of
//! the files finds, found off the screen's thread and shown as they are
//! confirmed.
//!
//! A [`Job`] per query: titles and file names (so a synced file is found
//! by its subscription's name, which starts it) match at once from the
//! metadata; the other files are narrowed by the
//! search index when there is one ([`Candidates`]: a superset of the
//! matches, including every file changed since it was indexed), else all
//! of them, and each candidate is confirmed by reading it and matching its
//! fields as the filter always has. A query that extends the last one
//! (`政` then `政府`) looks only among the last one's matches. Typing
//! drops the job under way (it stops at its next file).

use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use super::Item;
use crate::briefing::Briefing;
use crate::search::{self, SearchOptions};

/// The files whose text may match a query (the search index's answer):
/// `None` when it cannot say (then every file is a candidate).
#[derive(Clone)]
pub struct Candidates(pub Arc<Ask>);

/// How [`Candidates`] asks: the query as typed and the options.
pub type Ask = dyn Fn(&str, SearchOptions) -> Option<Vec<PathBuf>> + Send + Sync;

impl std::fmt::Debug for Candidates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Candidates")
    }
}

/// What a job sends back.
enum Found {
    /// Rows confirmed to match.
    Rows(Vec<usize>),
    /// Every candidate looked at.
    Done,
}

/// A filter being worked out in the background.
pub(super) struct Job {
    /// The prepared query and the options it was made with.
    pub query: String,
    pub opts: SearchOptions,
    rx: mpsc::Receiver<Found>,
    cancel: Arc<AtomicBool>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({:?})", self.query)
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// What [`Job::poll`] took in.
pub(super) struct Progress {
    pub rows: Vec<usize>,
    /// The job has ended (every candidate looked at, or its thread died:
    /// `complete` says which).
    pub ended: bool,
    pub complete: bool,
}

impl Job {
    /// Start filtering `items` by the prepared query `query` (`raw` as
    /// typed, for the index), among the rows `within` if given.
    pub fn start(
        items: Arc<Vec<Item>>,
        raw: String,
        query: String,
        opts: SearchOptions,
        candidates: Option<Candidates>,
        within: Option<Arc<Vec<usize>>>,
    ) -> Job {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let job = Job {
            query: query.clone(),
            opts,
            rx,
            cancel: Arc::clone(&cancel),
        };
        let work = move || {
            run(
                &items,
                &raw,
                &query,
                opts,
                candidates.as_ref(),
                within.as_deref().map(Vec::as_slice),
                &cancel,
                &tx,
            )
        };
        if let Some(task) = crate::parallel::Task::spawn("yomu-filter", work) {
            // The rows come through the channel; the task's own answer is ().
            drop(task);
        }
        job
    }

    /// Take in the rows confirmed since the last call.
    pub fn poll(&self) -> Progress {
        let mut p = Progress {
            rows: Vec::new(),
            ended: false,
            complete: false,
        };
        loop {
            match self.rx.try_recv() {
                Ok(Found::Rows(r)) => p.rows.extend(r),
                Ok(Found::Done) => {
                    p.ended = true;
                    p.complete = true;
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    p.ended = true;
                    break;
                }
            }
        }
        p
    }
}

/// The job's work, on its own thread.
#[allow(clippy::too_many_arguments)]
fn run(
    items: &[Item],
    raw: &str,
    query: &str,
    opts: SearchOptions,
    candidates: Option<&Candidates>,
    within: Option<&[usize]>,
    cancel: &AtomicBool,
    tx: &mpsc::Sender<Found>,
) {
    let finder = memchr::memmem::Finder::new(query.as_bytes());
    let found = |t: &str| finder.find(t.as_bytes()).is_some();
    let pool: Box<dyn Iterator<Item = usize>> = match within {
        Some(w) => Box::new(w.iter().copied()),
        None => Box::new(0..items.len()),
    };
    // From the metadata: titles, and the names of files that failed.
    let mut at_once = Vec::new();
    let mut rest = Vec::new();
    let mut text = String::new();
    for i in pool {
        let Some(item) = items.get(i) else { continue };
        text.clear();
        match (&item.meta, &item.briefing) {
            (None, None) => {
                search::normalize_into(&item.path.to_string_lossy(), opts, &mut text);
                if found(&text) {
                    at_once.push(i);
                }
            }
            (Some(m), _) => {
                search::normalize_into(&m.title, opts, &mut text);
                // The file's name too: a synced file's starts with the
                // name of its subscription (`nhk-2026-12-06.toml`).
                text.push('\n');
                if let Some(name) = item.path.file_name() {
                    search::normalize_into(&name.to_string_lossy(), opts, &mut text);
                }
                if found(&text) {
                    at_once.push(i);
                } else {
                    rest.push(i);
                }
            }
            (None, Some(_)) => rest.push(i),
        }
    }
    if cancel.load(Ordering::Relaxed) || tx.send(Found::Rows(at_once)).is_err() {
        return;
    }
    // The index narrows the files to read (those held in memory need none).
    // Files of one folder: known by their names, however the index
    // spells the folder.
    if let Some(paths) = candidates.and_then(|c| (c.0)(raw, opts)) {
        let maybe: std::collections::HashSet<&OsStr> =
            paths.iter().filter_map(|p| p.file_name()).collect();
        rest.retain(|&i| {
            items[i].briefing.is_some()
                || items[i].path.file_name().is_none_or(|n| maybe.contains(n))
        });
    }
    crate::parallel::map_each(&rest, |&i| {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        let item = &items[i];
        let matches = match &item.briefing {
            Some(b) => found(&briefing_text(b, opts)),
            None => crate::briefing::load_file(&item.path)
                .is_ok_and(|l| found(&briefing_text(&l.briefing, opts))),
        };
        if matches {
            let _ = tx.send(Found::Rows(vec![i]));
        }
    });
    if !cancel.load(Ordering::Relaxed) {
        let _ = tx.send(Found::Done);
    }
}

/// What the filter looks at in a briefing: title, tags and every field,
/// normalised, one line each (a match never spans two fields).
pub(super) fn briefing_text(b: &Briefing, opts: SearchOptions) -> String {
    let mut out = String::new();
    out.reserve(search::fields(b).map(|(_, t)| t.len() + 1).sum());
    for (_, t) in search::fields(b) {
        search::normalize_into(t, opts, &mut out);
        out.push('\0');
    }
    out
}
