//! The library filter (`/` in the list): which briefings match the query
//! by title, tags or any of their text, compared as search compares. The
//! normalised texts are built on the first `/`: at once for a small
//! library, on a background thread for a large one.

use super::{App, Entry};
use crate::parallel::{Polled, Task};
use crate::search::{self, SearchOptions};

/// The library filter: entries whose title, tags or text match the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub query: String,
    /// The prompt is open: keys are text.
    pub editing: bool,
    /// Indices into `App::entries` of the entries shown, in order.
    pub shown: Vec<usize>,
}

/// Libraries with more briefings than this get their filter texts built
/// on a background thread, so `/` never stalls the list.
pub const FILTER_IN_BACKGROUND: usize = 200;

impl App {
    fn filter_opts(&self) -> SearchOptions {
        SearchOptions {
            kana_insensitive: self.kana,
            widths: self.widths,
        }
    }

    /// Whether the filter's texts are being built (the list is shown whole
    /// meanwhile).
    pub fn filter_pending(&self) -> bool {
        self.texts_build.is_some()
    }

    /// The entries or the kana setting changed: forget the texts (and any
    /// build of them under way), and filter again if a filter is open.
    pub(super) fn texts_changed(&mut self) {
        self.filter_texts = None;
        self.texts_build = None;
        if self.filter.is_some() {
            self.refilter();
        }
    }

    /// Recompute the library filter's entries; keep the selection on a shown one.
    pub(super) fn refilter(&mut self) {
        let opts = self.filter_opts();
        if self.filter_texts.is_none() {
            if self.entries.len() <= FILTER_IN_BACKGROUND {
                self.filter_texts = Some(entry_texts(&self.entries, opts));
            } else if self.texts_build.is_none() {
                // A change of the entries or of kana folding drops the task
                // (`texts_changed`): stale texts never arrive.
                let entries = self.entries.clone();
                self.texts_build = Task::spawn("yomu-filter", move || entry_texts(&entries, opts));
                if self.texts_build.is_none() {
                    self.filter_texts = Some(entry_texts(&self.entries, opts));
                }
            }
        }
        let n = self.entries.len();
        let Some(f) = self.filter.as_mut() else {
            return;
        };
        f.shown = match (&self.filter_texts, search::prepare_query(&f.query, opts)) {
            (Some(texts), Some(q)) => {
                let finder = memchr::memmem::Finder::new(&q);
                texts
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| finder.find(t.as_bytes()).is_some())
                    .map(|(i, _)| i)
                    .collect()
            }
            // No query, or the texts are still being built: everything.
            _ => (0..n).collect(),
        };
        if !f.shown.contains(&self.selected) {
            self.selected = f.shown.first().copied().unwrap_or(0);
        }
    }

    /// Take in texts built in the background; true when they arrived.
    pub(super) fn poll_texts(&mut self) -> bool {
        let Some(task) = &self.texts_build else {
            return false;
        };
        let texts = match task.poll() {
            Polled::Ready(texts) => texts,
            Polled::Pending => return false,
            // The thread died: build them here rather than never.
            Polled::Lost => entry_texts(&self.entries, self.filter_opts()),
        };
        self.texts_build = None;
        self.filter_texts = Some(texts);
        if self.filter.is_some() {
            self.refilter();
        }
        true
    }
}

/// [`entry_text`] of every entry, on all cores for a large library (the
/// first `/` in a list of 1,000 briefings normalises ~19 MB of text).
fn entry_texts(entries: &[Entry], opts: SearchOptions) -> Vec<String> {
    crate::parallel::map(entries, 64, |e| entry_text(e, opts))
}

/// What the library filter looks at: title, tags and every field (the
/// file name for an entry that failed to load), normalised, one line each.
fn entry_text(e: &Entry, opts: SearchOptions) -> String {
    let mut out = String::new();
    match &e.briefing {
        Some(b) => {
            out.reserve(search::fields(b).map(|(_, t)| t.len() + 1).sum());
            for (_, t) in search::fields(b) {
                search::normalize_into(t, opts, &mut out);
                out.push('\0');
            }
        }
        None => {
            search::normalize_into(&e.path.to_string_lossy(), opts, &mut out);
        }
    }
    out
}
