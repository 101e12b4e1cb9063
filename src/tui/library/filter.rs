//! The library filter (`/`): the query and the rows it keeps, the
//! selection kept on a kept row, and how the rows are worked out. Over
//! briefings held in memory, their normalised texts are built on the first
//! `/` (at once for a small library, as a background task for a large
//! one) and matched here; over a folder's files, each query is a
//! [`super::file_filter::Job`] whose rows arrive as they are confirmed.

use std::sync::Arc;

use super::LibraryScreen;
use super::file_filter;
use super::model::Item;
use crate::search::{self, SearchOptions};
use crate::tui::job::{End, Kind};
use crate::tui::keys::Action;
use crate::tui::prompt::{Edit, Prompt};

/// Libraries with more briefings than this get their filter texts built
/// on a background thread, so `/` never stalls the list.
pub const FILTER_IN_BACKGROUND: usize = 200;

/// The library filter: the query and the items it keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub prompt: Prompt,
    /// Indices into the items of those shown, in order.
    pub shown: Vec<usize>,
}

/// The last filter job that ran to its end: a query extending it looks
/// only among its rows.
#[derive(Debug)]
pub(super) struct Finished {
    pub(super) query: String,
    pub(super) opts: SearchOptions,
    pub(super) items: std::sync::Weak<Vec<Item>>,
    pub(super) rows: Arc<Vec<usize>>,
}

/// The rows of `texts` that hold `query` (prepared), in order.
pub(super) fn matching(texts: &[String], query: &str) -> Vec<usize> {
    let finder = memchr::memmem::Finder::new(query);
    texts
        .iter()
        .enumerate()
        .filter(|(_, t)| finder.find(t.as_bytes()).is_some())
        .map(|(i, _)| i)
        .collect()
}

impl LibraryScreen {
    /// Whether the filter prompt takes the keys.
    pub fn prompt_open(&self) -> bool {
        self.filter.as_ref().is_some_and(|f| f.prompt.editing)
    }

    /// Whether the filter is still being worked out (its texts built, or
    /// files confirmed): the rows found so far are shown meanwhile.
    pub fn filter_pending(&self) -> bool {
        self.texts_build.running() || self.job.is_some()
    }

    /// The items or the kana setting changed: forget the texts (and any
    /// build of them under way), and filter again if a filter is open.
    pub fn texts_changed(&mut self, opts: SearchOptions) {
        self.keep = Some(self.selected);
        self.texts = None;
        self.texts_build.clear();
        self.job = None;
        self.finished = None;
        if self.filter.is_some() {
            self.refilter(opts);
        }
    }

    /// Recompute the filter's items; keep the selection on a shown one.
    pub(super) fn refilter(&mut self, opts: SearchOptions) {
        let shown = self
            .filter
            .as_ref()
            .is_none_or(|f| f.shown.binary_search(&self.selected).is_ok());
        if shown || self.keep.is_none() {
            self.keep = Some(self.selected);
        }
        if self.all_held() {
            self.refilter_held(opts);
        } else {
            self.refilter_files(opts);
        }
    }

    /// [`LibraryScreen::refilter`] over briefings held in memory.
    pub(super) fn refilter_held(&mut self, opts: SearchOptions) {
        if self.texts.is_none() {
            if self.items.len() <= FILTER_IN_BACKGROUND {
                self.texts = Some(item_texts(&self.items, opts));
            } else if !self.texts_build.running() {
                // A change of the items or of kana folding drops the task
                // (`texts_changed`): stale texts never arrive.
                let items = Arc::clone(&self.items);
                let started = self
                    .texts_build
                    .start(Kind::FilterTexts, move |_| item_texts(&items, opts));
                if !started {
                    self.texts = Some(item_texts(&self.items, opts));
                }
            }
        }
        let n = self.items.len();
        let Some(f) = self.filter.as_mut() else {
            return;
        };
        f.shown = match (&self.texts, search::prepare_query(&f.prompt.query, opts)) {
            (Some(texts), Some(q)) => matching(texts, &q),
            // No query, or the texts are still being built: everything.
            _ => (0..n).collect(),
        };
        self.keep_selection();
    }

    /// [`LibraryScreen::refilter`] over a folder's files: a background
    /// job per query, its rows shown as they come.
    pub(super) fn refilter_files(&mut self, opts: SearchOptions) {
        let n = self.items.len();
        let Some(f) = self.filter.as_mut() else {
            return;
        };
        let Some(q) = search::prepare_query(&f.prompt.query, opts) else {
            self.job = None;
            f.shown = (0..n).collect();
            self.keep_selection();
            return;
        };
        if self
            .job
            .as_ref()
            .is_some_and(|j| j.query == q && j.opts == opts)
        {
            return;
        }
        let within = self
            .finished
            .as_ref()
            .filter(|d| {
                d.opts == opts
                    && q.contains(&d.query)
                    && std::ptr::eq(d.items.as_ptr(), Arc::as_ptr(&self.items))
            })
            .map(|d| Arc::clone(&d.rows));
        f.shown = Vec::new();
        self.job = Some(file_filter::Job::start(
            Arc::clone(&self.items),
            f.prompt.query.clone(),
            q,
            opts,
            self.candidates.clone(),
            within,
        ));
        self.keep_selection();
    }

    /// The selection on the row it had before the filter changed if shown,
    /// else on the first row shown.
    pub(super) fn keep_selection(&mut self) {
        let Some(f) = &self.filter else { return };
        self.selected = match self.keep {
            Some(k) if f.shown.binary_search(&k).is_ok() => k,
            _ => f.shown.first().copied().unwrap_or(0),
        };
    }

    /// Take in the rows a filter job confirmed; true when any came or it ended.
    pub(super) fn poll_job(&mut self) -> bool {
        let Some(job) = &mut self.job else {
            return false;
        };
        let p = job.poll();
        if p.ended {
            let job = self.job.take();
            if p.complete
                && let (Some(job), Some(f)) = (job, &self.filter)
            {
                let mut rows = f.shown.clone();
                rows.extend(&p.rows);
                rows.sort_unstable();
                self.finished = Some(Finished {
                    query: job.query.clone(),
                    opts: job.opts,
                    items: Arc::downgrade(&self.items),
                    rows: Arc::new(rows),
                });
            }
        }
        if p.rows.is_empty() {
            return p.ended;
        }
        if let Some(f) = self.filter.as_mut() {
            f.shown.extend(p.rows);
            f.shown.sort_unstable();
            f.shown.dedup();
        }
        self.keep_selection();
        true
    }

    /// Take in texts built in the background; true when they arrived.
    pub(super) fn poll_texts(&mut self, opts: SearchOptions) -> bool {
        let texts = match self.texts_build.poll().end {
            Some(End::Done(texts)) => texts,
            None => return false,
            // The thread died: build them here rather than never.
            Some(End::Lost) => item_texts(&self.items, opts),
        };
        self.texts = Some(texts);
        if self.filter.is_some() {
            self.refilter(opts);
        }
        true
    }

    /// Keys while the filter prompt is open: edit, confirm, cancel.
    pub(in crate::tui) fn update_prompt(
        &mut self,
        action: Action,
        kana: &mut bool,
        widths: crate::text::WidthOptions,
    ) {
        let Some(f) = self.filter.as_mut() else {
            return;
        };
        let opts = |kana| SearchOptions {
            kana_insensitive: kana,
            widths,
        };
        let edit = f.prompt.edit(action);
        let empty = f.prompt.query.is_empty();
        match edit {
            Edit::Changed => self.refilter(opts(*kana)),
            Edit::ToggleKana => {
                *kana = !*kana;
                self.texts_changed(opts(*kana));
            }
            Edit::Confirm if empty => {
                self.filter = None;
                self.job = None;
            }
            Edit::Cancel => {
                self.filter = None;
                self.job = None;
            }
            Edit::Confirm | Edit::Ignored => {}
        }
    }
}

/// [`item_text`] of every item, on all cores for a large library (the
/// first `/` in a list of 1,000 briefings normalises ~19 MB of text).
pub(super) fn item_texts(items: &[Item], opts: SearchOptions) -> Vec<String> {
    crate::parallel::map(items, 64, |e| item_text(e, opts))
}

/// What the library filter looks at: title, tags and every field (the
/// file name for an item that failed to load), normalised, one line each.
fn item_text(e: &Item, opts: SearchOptions) -> String {
    match &e.briefing {
        Some(b) => super::file_filter::briefing_text(b, opts),
        None => {
            let mut out = String::new();
            search::normalize_into(&e.path.to_string_lossy(), opts, &mut out);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::WidthOptions;

    fn briefing(title: &str, body: &str) -> String {
        format!(
            "title = \"{title}\"\npublished = 2026-01-02\n\n[[sections]]\nheading = \"h\"\nbody = [\"{body}\"]\n"
        )
    }

    /// A library held in memory: three briefings, the second and third
    /// mentioning 政府 in their text only.
    fn held() -> LibraryScreen {
        let (a, b, c) = (
            briefing("天気", "晴れ"),
            briefing("経済", "政府の発表"),
            briefing("外交", "政府と会談"),
        );
        LibraryScreen::new(crate::library::from_sources(&[
            ("a.toml", &a),
            ("b.toml", &b),
            ("c.toml", &c),
        ]))
    }

    fn type_query(lib: &mut LibraryScreen, q: &str) {
        let mut kana = false;
        let widths = WidthOptions::default();
        for c in q.chars() {
            lib.update_prompt(Action::Insert(c), &mut kana, widths);
        }
    }

    fn open(lib: &mut LibraryScreen) {
        let opts = SearchOptions::default();
        let _ = lib.update(Action::Search, 10, opts);
    }

    fn titles(lib: &LibraryScreen) -> Vec<String> {
        lib.shown()
            .into_iter()
            .filter_map(|i| lib.items[i].meta.as_ref().map(|m| m.title.clone()))
            .collect()
    }

    #[test]
    fn matching_rows_are_those_whose_text_holds_the_query() {
        let texts = ["abc".to_string(), "xbz".into(), "zzz".into()];
        assert_eq!(matching(&texts, "b"), [0, 1]);
        assert_eq!(matching(&texts, "q"), Vec::<usize>::new());
    }

    #[test]
    fn the_filter_keeps_briefings_with_the_query_in_any_field() {
        let mut lib = held();
        open(&mut lib);
        assert!(lib.prompt_open());
        assert_eq!(lib.shown().len(), 3);
        type_query(&mut lib, "政府");
        let mut kept = titles(&lib);
        kept.sort();
        assert_eq!(kept, ["外交", "経済"]);
        // The selection is on a row the filter keeps.
        assert!(lib.shown().contains(&lib.selected));
        assert!(!lib.filter_pending());
    }

    #[test]
    fn the_selection_stays_on_its_row_when_the_filter_still_keeps_it() {
        let mut lib = held();
        let at = lib
            .items
            .iter()
            .position(|i| i.meta.as_ref().is_some_and(|m| m.title == "外交"))
            .expect("a row");
        lib.selected = at;
        open(&mut lib);
        type_query(&mut lib, "政府");
        assert_eq!(lib.selected, at);
    }

    #[test]
    fn cancelling_the_prompt_drops_the_filter() {
        let mut lib = held();
        open(&mut lib);
        type_query(&mut lib, "天気");
        assert_eq!(titles(&lib), ["天気"]);
        let mut kana = false;
        lib.update_prompt(Action::Back, &mut kana, WidthOptions::default());
        assert!(lib.filter.is_none());
        assert_eq!(lib.shown().len(), 3);
    }

    #[test]
    fn a_query_nothing_holds_shows_no_row() {
        let mut lib = held();
        open(&mut lib);
        type_query(&mut lib, "存在しない");
        assert!(lib.shown().is_empty());
    }
}
