//! The library filter over a folder listed by metadata only: the rows
//! whose briefing has the query in any field, exactly those a full scan of
//! the files finds, found off the screen's thread and shown as they are
//! confirmed.
//!
//! A [`Job`] per query: titles (and the file names of files that failed)
//! match at once from the metadata; the other files are narrowed by the
//! search index when there is one ([`Candidates`]: a superset of the
//! matches, including every file changed since it was indexed), else all
//! of them, and each candidate is confirmed by reading it and matching its
//! fields as the filter always has. A query that extends the last one
//! (`政` then `政府`) looks only among the last one's matches. Typing
//! drops the job under way (it stops at its next file).

use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::Arc;

use super::model::Item;
use crate::briefing::Briefing;
use crate::search::{self, SearchOptions};
use crate::tui::job::{self, End, Kind, Reporter};

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

/// A filter being worked out in the background: it reports rows as they
/// are confirmed, and ends saying whether every candidate was looked at.
pub(in crate::tui) struct Job {
    /// The prepared query and the options it was made with.
    pub query: String,
    pub opts: SearchOptions,
    job: Option<job::Job<Vec<usize>, bool>>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({:?})", self.query)
    }
}

/// What [`Job::poll`] took in.
pub(in crate::tui) struct Progress {
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
        let q = query.clone();
        let job = job::Job::start(Kind::Filter, move |r: &Reporter<Vec<usize>>| {
            run(
                &items,
                &raw,
                &q,
                opts,
                candidates.as_ref(),
                within.as_deref().map(Vec::as_slice),
                r,
            )
        });
        Job { query, opts, job }
    }

    /// Take in the rows confirmed since the last call.
    pub fn poll(&mut self) -> Progress {
        let Some(job) = self.job.as_mut() else {
            // No thread could start: an end without every row.
            return Progress {
                rows: Vec::new(),
                ended: true,
                complete: false,
            };
        };
        let update = job.poll();
        Progress {
            rows: update.progress.into_iter().flatten().collect(),
            ended: update.end.is_some(),
            complete: update.end == Some(End::Done(true)),
        }
    }
}

/// The job's work, on its own thread.
fn run(
    items: &[Item],
    raw: &str,
    query: &str,
    opts: SearchOptions,
    candidates: Option<&Candidates>,
    within: Option<&[usize]>,
    r: &Reporter<Vec<usize>>,
) -> bool {
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
                if found(&text) {
                    at_once.push(i);
                } else {
                    rest.push(i);
                }
            }
            (None, Some(_)) => rest.push(i),
        }
    }
    if !r.report(at_once) {
        return false;
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
        if r.cancelled() {
            return;
        }
        let item = &items[i];
        let matches = match &item.briefing {
            Some(b) => found(&briefing_text(b, opts)),
            None => crate::briefing::load_file(&item.path)
                .is_ok_and(|l| found(&briefing_text(&l.briefing, opts))),
        };
        if matches {
            r.report(vec![i]);
        }
    });
    !r.cancelled()
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
