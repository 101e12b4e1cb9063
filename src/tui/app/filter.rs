//! The library filter (`/` in the list): which briefings match the query
//! by title, tags or any of their text, compared as search compares.

use super::{App, Entry};
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

impl App {
    /// Recompute the library filter's entries; keep the selection on a shown one.
    pub(super) fn refilter(&mut self) {
        let opts = SearchOptions {
            kana_insensitive: self.kana,
            widths: self.widths,
        };
        let entries = &self.entries;
        let texts = self
            .filter_texts
            .get_or_insert_with(|| entry_texts(entries, opts));
        let Some(f) = self.filter.as_mut() else {
            return;
        };
        f.shown = match search::prepare_query(&f.query, opts) {
            None => (0..texts.len()).collect(),
            Some(q) => texts
                .iter()
                .enumerate()
                .filter(|(_, t)| t.contains(&q))
                .map(|(i, _)| i)
                .collect(),
        };
        if !f.shown.contains(&self.selected) {
            self.selected = f.shown.first().copied().unwrap_or(0);
        }
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
