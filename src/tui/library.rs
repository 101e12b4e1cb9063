//! The library screen: the list of briefings (newest first, failed files
//! last), the selection, the filter (`/`), and the files still arriving
//! from a folder loading in the background. The list stays under the
//! reader, so leaving a briefing comes back to it as it was.
//!
//! A folder is listed by its metadata only ([`Item`]: title, date, section
//! count or the error; [`folder`] lists it from the cache at once, then
//! checks it against the files in the background); a briefing is read when
//! it is opened. Built-in samples and a single file are held whole.
//!
//! The filter keeps the briefings whose title, tags or any text match the
//! query, compared as search compares. Over briefings held in memory, their
//! normalised texts are built on the first `/`: at once for a small
//! library, on a background thread for a large one. Over a folder, each
//! query is a background [`filter::Job`] that reads the candidate files
//! (narrowed by the search index) and shows the rows as they match.
//! While that index is being built, the status bar shows how far
//! (`indexing 12,340/100,000`); the filter reads the files meanwhile.

pub mod filter;
pub mod folder;
pub mod index;

use crate::i18n::{self, Msg, t, tf};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use ratatui::layout::Rect;
use ratatui::style::Style;

use super::app::{Outcome, Pad, moved};
use super::keys::{Action, Context};
use super::overlay::Overlay;
use super::prompt::{Edit, Prompt, kana_mark};
use super::view::{Hints, fill, put};
use crate::briefing::Briefing;
use crate::layout::Role;
use crate::library::{Listed, Meta, Stamp};
use crate::parallel::{Polled, Task};
use crate::search::{self, SearchOptions};
use crate::state::State;
use crate::text::sanitize_line;

/// Libraries with more briefings than this get their filter texts built
/// on a background thread, so `/` never stalls the list.
pub const FILTER_IN_BACKGROUND: usize = 200;

/// One row of the list: a file, what the list shows of its briefing, or
/// why it did not load.
#[derive(Debug, Clone)]
pub struct Item {
    pub path: PathBuf,
    /// The key of its remembered state ([`crate::state::key_for`]).
    pub key: String,
    /// The key's hash ([`crate::state::key_hash`]).
    pub key_hash: u64,
    /// Its size and mtime when listed (a file of a folder).
    pub stamp: Option<Stamp>,
    /// Title, date and sections (of the last good version, when the file
    /// failed on a reload).
    pub meta: Option<Meta>,
    /// The briefing, when held in memory (the built-in samples, a single
    /// file); a folder's are read when opened ([`Item::load`]).
    pub briefing: Option<Arc<Briefing>>,
    pub error: Option<String>,
}

impl From<crate::library::Entry> for Item {
    fn from(e: crate::library::Entry) -> Self {
        let key = crate::state::key_for(&e.path);
        let (briefing, error) = match e.result {
            Ok(l) => (Some(Arc::new(l.briefing)), None),
            Err(err) => (None, Some(err.to_string())),
        };
        Item {
            path: e.path,
            key_hash: crate::state::key_hash(&key),
            key,
            stamp: None,
            meta: briefing.as_deref().map(Meta::of),
            briefing,
            error,
        }
    }
}

impl From<Listed> for Item {
    fn from(l: Listed) -> Self {
        let (meta, error) = match l.info {
            Ok(m) => (Some(m), None),
            Err(e) => (None, Some(e)),
        };
        Item {
            path: l.path,
            key_hash: crate::state::key_hash(&l.key),
            key: l.key,
            stamp: l.stamp,
            meta,
            briefing: None,
            error,
        }
    }
}

impl Item {
    /// The briefing: the one held, else its file read now.
    pub fn load(&self) -> Result<Arc<Briefing>, String> {
        match &self.briefing {
            Some(b) => Ok(Arc::clone(b)),
            None => crate::briefing::load_file(&self.path)
                .map(|l| Arc::new(l.briefing))
                .map_err(|e| e.to_string()),
        }
    }

    /// What a folder's scan needs to know of it again.
    pub fn listed(&self) -> Listed {
        Listed {
            path: self.path.clone(),
            key: self.key.clone(),
            stamp: self.stamp,
            info: match (&self.meta, &self.error) {
                (Some(m), None) => Ok(m.clone()),
                (_, e) => Err(e.clone().unwrap_or_default()),
            },
        }
    }

    fn sort_fields(&self) -> Option<(Option<crate::library::DateKey>, &str)> {
        self.meta.as_ref().map(|m| (m.date, m.title.as_str()))
    }
}

impl crate::listing::Known for Item {
    fn path(&self) -> &Path {
        &self.path
    }
    fn stamp(&self) -> Option<Stamp> {
        self.stamp
    }
    fn loaded(&self) -> bool {
        self.error.is_none()
    }
    fn listed(&self) -> Listed {
        Item::listed(self)
    }
}

/// The library's order between two rows.
fn order(a: &Item, b: &Item) -> std::cmp::Ordering {
    crate::library::order_by((&a.path, a.sort_fields()), (&b.path, b.sort_fields()))
}

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
struct Finished {
    query: String,
    opts: SearchOptions,
    items: std::sync::Weak<Vec<Item>>,
    rows: Arc<Vec<usize>>,
}

/// What [`LibraryScreen::poll`] took in.
#[derive(Debug)]
pub struct Taken {
    /// Something on screen changed.
    pub changed: bool,
    /// A folder's check found the list changed: the new list, for the
    /// app to put in place ([`super::app::App::relist`]).
    pub scanned: Option<Vec<Listed>>,
}

/// The list of briefings.
#[derive(Debug, Default)]
pub struct LibraryScreen {
    /// The rows, in the library's order (shared with the filter's jobs).
    pub items: Arc<Vec<Item>>,
    pub selected: usize,
    /// The filter (`/`), while open or applied.
    pub filter: Option<Filter>,
    /// Files still loading in the background.
    pub loading: usize,
    /// Where those files arrive from ([`LibraryScreen::start_loading`]).
    incoming: Option<mpsc::Receiver<Listed>>,
    /// The folder being checked against its files ([`folder`]).
    scan: Option<folder::Scan>,
    /// The folder listed, if the list is one.
    pub folder: Option<PathBuf>,
    /// Its check is still to start ([`LibraryScreen::start_check`]).
    check_pending: bool,
    /// The search index's answer to a query, once it is up to date.
    candidates: Option<filter::Candidates>,
    /// The search index being updated: files done, of how many (shown in
    /// the status bar until it is up to date).
    indexing: Option<(usize, usize)>,
    /// Normalised searchable text per item, built on the first filter
    /// (when every briefing is held in memory).
    texts: Option<Vec<String>>,
    /// Those texts being built in the background, if they are.
    texts_build: Option<Task<Vec<String>>>,
    /// The filter being worked out over a folder's files.
    job: Option<filter::Job>,
    /// The last job that ended.
    finished: Option<Finished>,
    /// The row the filter keeps selected if it matches (the selection
    /// before the query changed, or where the reader moved since).
    keep: Option<usize>,
    /// The reader has moved the cursor (or opened a briefing): from then
    /// on the selection follows that briefing as a folder loads; until
    /// then it stays on the first row.
    cursor_moved: bool,
}

impl LibraryScreen {
    /// The list of a loaded library.
    pub fn new(lib: crate::library::Library) -> LibraryScreen {
        LibraryScreen {
            items: Arc::new(items_of(lib)),
            ..LibraryScreen::default()
        }
    }

    /// The item under the selection.
    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.selected)
    }

    /// The items shown (all, or those the filter keeps).
    pub fn shown(&self) -> Vec<usize> {
        match &self.filter {
            Some(f) => f.shown.clone(),
            None => (0..self.items.len()).collect(),
        }
    }

    /// How many items are shown.
    fn shown_len(&self) -> usize {
        self.filter
            .as_ref()
            .map_or(self.items.len(), |f| f.shown.len())
    }

    /// The shown item at position `pos` of the list.
    fn shown_at(&self, pos: usize) -> Option<usize> {
        match &self.filter {
            Some(f) => f.shown.get(pos).copied(),
            None => (pos < self.items.len()).then_some(pos),
        }
    }

    /// The position of the selection among the shown items.
    fn selected_pos(&self) -> Option<usize> {
        match &self.filter {
            Some(f) => f.shown.binary_search(&self.selected).ok(),
            None => (self.selected < self.items.len()).then_some(self.selected),
        }
    }

    /// Whether the filter prompt takes the keys.
    pub fn prompt_open(&self) -> bool {
        self.filter.as_ref().is_some_and(|f| f.prompt.editing)
    }

    /// Whether the filter is still being worked out (its texts built, or
    /// files confirmed): the rows found so far are shown meanwhile.
    pub fn filter_pending(&self) -> bool {
        self.texts_build.is_some() || self.job.is_some()
    }

    /// Whether files are loading or the filter is being worked out.
    pub fn busy(&self) -> bool {
        self.loading > 0
            || self.scan.as_ref().is_some_and(folder::Scan::listing)
            || self.filter_pending()
    }

    /// Whether the folder's check, or the search index's update after it,
    /// is still under way.
    pub fn checking(&self) -> bool {
        self.check_pending || self.scan.is_some()
    }

    /// Whether the filter asks the search index (it is up to date).
    pub fn indexed(&self) -> bool {
        self.candidates.is_some()
    }

    /// Whether every item holds its briefing (no file to read to filter).
    fn all_held(&self) -> bool {
        self.items
            .iter()
            .all(|e| e.briefing.is_some() || e.meta.is_none())
    }

    /// Load `files` in the background (their metadata only); they join
    /// the list as they arrive ([`LibraryScreen::poll`]).
    pub fn start_loading(&mut self, files: Vec<PathBuf>) {
        self.loading = files.len();
        self.incoming = Some(crate::parallel::stream(files, |p| {
            crate::listing::read_files(std::slice::from_ref(p))
                .pop()
                .unwrap_or_else(|| Listed {
                    path: p.clone(),
                    key: crate::state::key_for(p),
                    stamp: None,
                    info: Err(String::new()),
                })
        }));
    }

    /// List the folder `dir`: at once from its cache, then checked against
    /// its files in the background (and the search index brought up to
    /// date). Only a folder that cannot be opened is an error.
    pub fn open_folder(&mut self, dir: &Path) -> Result<(), crate::briefing::LoadError> {
        std::fs::read_dir(dir).map_err(|source| crate::briefing::LoadError::Io {
            path: crate::briefing::display_path(dir),
            source,
        })?;
        let cached = crate::listing::cached_into(dir, Item::from).unwrap_or_default();
        self.items = Arc::new(cached);
        self.selected = 0;
        self.filter = None;
        self.job = None;
        self.finished = None;
        self.texts = None;
        self.texts_build = None;
        self.folder = Some(dir.to_path_buf());
        self.check_pending = true;
        self.indexing = None;
        Ok(())
    }

    /// Start checking the listed folder against its files, if that is
    /// still to do: after the first frame, which it would only slow down.
    pub fn start_check(&mut self) {
        if std::mem::take(&mut self.check_pending) {
            self.rescan();
        }
    }

    /// Check the folder against its files again (it changed on disk); the
    /// list is replaced when the check ends.
    pub fn rescan(&mut self) {
        self.check_pending = false;
        // The check replaced reports its own index update.
        self.indexing = None;
        if let Some(dir) = &self.folder {
            self.scan = Some(folder::Scan::start(
                dir.clone(),
                Some(Arc::clone(&self.items)),
            ));
        }
    }

    /// Replace the items with a fresh load (the selection following its
    /// file, or `None` when that file is gone); loading stops (the fresh
    /// load is complete: files still arriving would be doubles).
    pub fn replace(&mut self, items: Vec<Item>, opts: SearchOptions) -> Option<usize> {
        self.incoming = None;
        self.loading = 0;
        let old = self.current().map(|e| e.path.clone());
        let kept = old.and_then(|p| items.iter().position(|e| e.path == p));
        self.items = Arc::new(items);
        self.selected = kept.unwrap_or(self.selected.min(self.items.len().saturating_sub(1)));
        self.texts_changed(opts);
        kept
    }

    /// Take in work finished in the background (files loaded, a folder
    /// checked, the filter's texts or rows); what changed.
    pub fn poll(&mut self, opts: SearchOptions) -> Taken {
        let mut changed = self.poll_loading(opts);
        let scanned = self.poll_scan(opts, &mut changed);
        changed |= self.poll_texts(opts);
        changed |= self.poll_job();
        Taken { changed, scanned }
    }

    /// Take in the files loaded since the last call; true when any came, or
    /// when loading ended (all sent, or the loaders are gone).
    fn poll_loading(&mut self, opts: SearchOptions) -> bool {
        let Some(rx) = &self.incoming else {
            return false;
        };
        let mut loaded = Vec::new();
        let ended = loop {
            match rx.try_recv() {
                Ok(e) => loaded.push(e),
                Err(mpsc::TryRecvError::Empty) => break false,
                Err(mpsc::TryRecvError::Disconnected) => break true,
            }
        };
        if ended {
            self.incoming = None;
            self.loading = 0;
        }
        let changed = ended || !loaded.is_empty();
        self.add_loaded(loaded, opts);
        changed
    }

    /// Take in what the folder's check sent: new files as they are read,
    /// then the whole list when it changed (for the app to put in place).
    fn poll_scan(&mut self, opts: SearchOptions, changed: &mut bool) -> Option<Vec<Listed>> {
        let scan = self.scan.as_mut()?;
        let news = scan.poll();
        if news.reading.is_some() || news.ended {
            *changed = true;
        }
        if let Some(n) = news.reading {
            self.loading = n;
        }
        if let Some(p) = news.indexing {
            *changed |= self.indexing != Some(p);
            self.indexing = Some(p);
        }
        if let Some(c) = news.candidates {
            self.candidates = Some(c);
            *changed |= self.indexing.take().is_some();
        }
        if news.ended {
            self.loading = 0;
        }
        if scan.finished() {
            self.scan = None;
            *changed |= self.indexing.take().is_some();
        }
        if !news.arrived.is_empty() {
            *changed = true;
            self.add_loaded(news.arrived, opts);
        }
        news.listed
    }

    /// Add items that finished loading, keeping the library's order; the
    /// selection stays on the first row (the newest briefing) until the
    /// reader moves it, then on the same file.
    fn add_loaded(&mut self, loaded: Vec<Listed>, opts: SearchOptions) {
        if loaded.is_empty() {
            return;
        }
        self.loading = self.loading.saturating_sub(loaded.len());
        let current = self.current().map(|e| e.path.clone());
        let mut added: Vec<Item> = loaded.into_iter().map(Item::from).collect();
        added.sort_by(order);
        // Merged into the rows (a filter job holding them gets its own copy).
        let old = std::mem::take(Arc::make_mut(&mut self.items));
        let mut merged = Vec::with_capacity(old.len() + added.len());
        let (mut a, mut b) = (old.into_iter().peekable(), added.into_iter().peekable());
        loop {
            let take_a = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => order(x, y).is_le(),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            merged.extend(if take_a { a.next() } else { b.next() });
        }
        self.items = Arc::new(merged);
        match current {
            Some(p) if self.cursor_moved => {
                self.selected = self.items.iter().position(|e| e.path == p).unwrap_or(0);
            }
            _ => self.selected = 0,
        }
        // With a filter, the first row shown (its items are in order).
        self.texts_changed(opts);
    }

    /// The items or the kana setting changed: forget the texts (and any
    /// build of them under way), and filter again if a filter is open.
    pub fn texts_changed(&mut self, opts: SearchOptions) {
        self.keep = Some(self.selected);
        self.texts = None;
        self.texts_build = None;
        self.job = None;
        self.finished = None;
        if self.filter.is_some() {
            self.refilter(opts);
        }
    }

    /// Recompute the filter's items; keep the selection on a shown one.
    fn refilter(&mut self, opts: SearchOptions) {
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
    fn refilter_held(&mut self, opts: SearchOptions) {
        if self.texts.is_none() {
            if self.items.len() <= FILTER_IN_BACKGROUND {
                self.texts = Some(item_texts(&self.items, opts));
            } else if self.texts_build.is_none() {
                // A change of the items or of kana folding drops the task
                // (`texts_changed`): stale texts never arrive.
                let items = Arc::clone(&self.items);
                self.texts_build = Task::spawn("yomu-filter", move || item_texts(&items, opts));
                if self.texts_build.is_none() {
                    self.texts = Some(item_texts(&self.items, opts));
                }
            }
        }
        let n = self.items.len();
        let Some(f) = self.filter.as_mut() else {
            return;
        };
        f.shown = match (&self.texts, search::prepare_query(&f.prompt.query, opts)) {
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
        self.keep_selection();
    }

    /// [`LibraryScreen::refilter`] over a folder's files: a background
    /// job per query, its rows shown as they come.
    fn refilter_files(&mut self, opts: SearchOptions) {
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
        self.job = Some(filter::Job::start(
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
    fn keep_selection(&mut self) {
        let Some(f) = &self.filter else { return };
        self.selected = match self.keep {
            Some(k) if f.shown.binary_search(&k).is_ok() => k,
            _ => f.shown.first().copied().unwrap_or(0),
        };
    }

    /// Take in the rows a filter job confirmed; true when any came or it ended.
    fn poll_job(&mut self) -> bool {
        let Some(job) = &self.job else {
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
    fn poll_texts(&mut self, opts: SearchOptions) -> bool {
        let Some(task) = &self.texts_build else {
            return false;
        };
        let texts = match task.poll() {
            Polled::Ready(texts) => texts,
            Polled::Pending => return false,
            // The thread died: build them here rather than never.
            Polled::Lost => item_texts(&self.items, opts),
        };
        self.texts_build = None;
        self.texts = Some(texts);
        if self.filter.is_some() {
            self.refilter(opts);
        }
        true
    }

    /// Apply an action (no prompt open, no overlay).
    pub(super) fn update(&mut self, action: Action, height: usize, opts: SearchOptions) -> Outcome {
        match action {
            Action::Enter if self.filter.as_ref().is_some_and(|f| f.shown.is_empty()) => {
                Outcome::status(Msg::NoFilterMatch)
            }
            Action::Enter => {
                self.cursor_moved = true;
                Outcome::Open
            }
            Action::ShowError => match self.current().and_then(|e| e.error.clone()) {
                Some(text) => Outcome::Overlay(Overlay::Error { text, scroll: 0 }),
                None => Outcome::status(Msg::LoadedFine),
            },
            Action::Help => Outcome::Overlay(Overlay::Help { scroll: 0 }),
            Action::ToggleRead => Outcome::ToggleRead,
            Action::Search => {
                let query = self
                    .filter
                    .take()
                    .map(|f| f.prompt.query)
                    .unwrap_or_default();
                self.filter = Some(Filter {
                    prompt: Prompt::open(query),
                    shown: Vec::new(),
                });
                self.keep = Some(self.selected);
                self.job = None;
                self.refilter(opts);
                Outcome::Stay
            }
            Action::Back if self.filter.is_some() => {
                self.filter = None;
                self.job = None;
                Outcome::Stay
            }
            Action::Back => Outcome::Quit,
            a => {
                let n = self.shown_len();
                let pos = self.selected_pos().unwrap_or(0);
                if let Some(i) = self.shown_at(moved(pos, a, n.max(1), height)) {
                    self.selected = i;
                    self.keep = Some(i);
                    self.cursor_moved = true;
                }
                Outcome::Stay
            }
        }
    }

    /// Keys while the filter prompt is open: edit, confirm, cancel.
    pub(super) fn update_prompt(
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

    /// The first shown item on screen, `height` rows high (the selection kept in view).
    fn first_on_screen(&self, height: usize) -> usize {
        let pos = self.selected_pos().unwrap_or(0);
        pos.saturating_sub(height.saturating_sub(1))
    }

    /// A click on row `row` of the list: that item becomes the selection.
    pub(super) fn click(&mut self, row: usize, height: usize) {
        let at = self.first_on_screen(height) + row;
        if let Some(i) = self.shown_at(at) {
            self.selected = i;
            self.keep = Some(i);
        }
    }

    /// How many articles of the briefings that loaded are unread.
    pub fn unread_count(&self, state: &State) -> usize {
        (0..self.items.len())
            .filter_map(|i| self.read_count(i, state))
            .map(|(read, total)| total.saturating_sub(read))
            .sum()
    }

    /// Item `i`'s articles read and in all (a briefing that loaded). A
    /// count not known yet (the file changed since it was counted, and its
    /// marks are not loaded) is taken as none read.
    pub fn read_count(&self, i: usize, state: &State) -> Option<(usize, usize)> {
        let e = self.items.get(i)?;
        let m = e.meta.as_ref()?;
        let total = m.articles.len();
        let read = state
            .read_count(e.key_hash, &m.articles, m.fingerprint)
            .unwrap_or(0);
        Some((read.min(total), total))
    }

    /// The header and the place in the status bar.
    pub(super) fn bars(&self, state: &State) -> (String, String) {
        let shown = self.shown_len();
        let pos = self.selected_pos().map_or(0, |p| p + 1);
        let header = match &self.filter {
            Some(f) if !f.prompt.editing => tf(
                Msg::BriefingsMatch,
                &[&shown, &self.items.len(), &sanitize_line(&f.prompt.query)],
            ),
            _ if self.loading > 0 => tf(Msg::BriefingsLoading, &[&self.items.len(), &self.loading]),
            _ => i18n::briefings_header(self.items.len()),
        };
        let unread = self.unread_count(state);
        let header = if unread > 0 {
            format!("{header} · {}", tf(Msg::Unread, &[&unread]))
        } else {
            header
        };
        let place = match self.indexing {
            Some((done, total)) => format!(
                " {pos}/{shown} · {} ",
                tf(
                    Msg::Indexing,
                    &[&i18n::grouped(done), &i18n::grouped(total)]
                )
            ),
            None => format!(" {pos}/{shown} "),
        };
        (header, place)
    }

    /// The open filter prompt in the status bar: the query and the count.
    pub(super) fn prompt_text(&self, kana: bool) -> Option<(String, String)> {
        let f = self.filter.as_ref()?;
        Some((
            tf(Msg::FilterPrompt, &[&sanitize_line(&f.prompt.query)]),
            if self.filter_pending() && !f.prompt.query.is_empty() {
                format!("{}{}", t(Msg::Searching), kana_mark(kana))
            } else {
                format!(
                    "{}{}",
                    tf(Msg::FilterCount, &[&f.shown.len(), &self.items.len()]),
                    kana_mark(kana)
                )
            },
        ))
    }

    /// The keys the status bar suggests.
    pub(super) fn hints(&self) -> Hints {
        use Action::*;
        if self.filter.is_some() {
            return (
                Context::Library,
                &[
                    (&[Down, Up], Msg::HintMove),
                    (&[Enter], Msg::HintOpen),
                    (&[Search], Msg::HintFilter),
                    (&[Back], Msg::HintClearFilter),
                    (&[Help], Msg::HintHelp),
                ],
            );
        }
        // `e error` only when the selected file failed to load.
        if self.current().is_some_and(|e| e.error.is_some()) {
            return (
                Context::Library,
                &[
                    (&[Down, Up], Msg::HintMove),
                    (&[ShowError], Msg::HintError),
                    (&[Search], Msg::HintFilter),
                    (&[Help], Msg::HintHelp),
                    (&[Back], Msg::HintQuit),
                ],
            );
        }
        (
            Context::Library,
            &[
                (&[Down, Up], Msg::HintMove),
                (&[Enter], Msg::HintOpen),
                (&[Search], Msg::HintFilter),
                (&[NextUnread], Msg::HintUnread),
                (&[Help], Msg::HintHelp),
                (&[Back], Msg::HintQuit),
            ],
        )
    }

    /// Whether item `i` (a briefing that loaded) has an article not read yet.
    pub fn is_unread(&self, i: usize, state: &State) -> bool {
        self.read_count(i, state)
            .is_some_and(|(read, total)| read < total)
    }

    /// The list, the selection highlighted and kept in view; the selected
    /// row's position (for the cursor).
    pub(super) fn draw(&self, pad: Pad<'_>, area: Rect, state: &State) -> Option<(u16, u16)> {
        let Pad { buf, theme, widths } = pad;
        let h = usize::from(area.height);
        if h == 0 {
            return None;
        }
        let mut cursor = None;
        let first = self.first_on_screen(h);
        for (row, (i, e)) in (first..first + h)
            .map_while(|pos| self.shown_at(pos))
            .filter_map(|i| self.items.get(i).map(|e| (i, e)))
            .enumerate()
        {
            let y = area.y + row as u16;
            let selected = i == self.selected;
            let base = if selected {
                theme.selected()
            } else {
                Style::new()
            };
            if selected {
                fill(buf, y, area.left(), area.right(), base);
                cursor = Some((area.x, y));
            }
            let right = area.right();
            // Unread briefings are marked; the marker may be 2 cells wide
            // (East Asian Ambiguous), so the row's text starts after 2 cells.
            if self.is_unread(i, state) {
                put(
                    buf,
                    area.x + 1,
                    y,
                    right,
                    "●",
                    base.patch(theme.unread()),
                    widths,
                );
            }
            let mut x = area.x + 3;
            match &e.meta {
                Some(b) => {
                    let date = b.date_text().unwrap_or_else(|| "----------".into());
                    let dim = base.patch(theme.dim());
                    x = put(buf, x, y, right, &date, dim, widths);
                    // Articles read of all: `2/7`.
                    let (read, n) = self.read_count(i, state).unwrap_or((0, b.sections));
                    let count = format!("{:>5}", format!("{read}/{n}"));
                    x = put(buf, x + 2, y, right, &count, dim, widths);
                    let title = crate::text::ruby::inline_line(&b.title);
                    put(
                        buf,
                        x + 2,
                        y,
                        right,
                        &title,
                        base.patch(theme.role(Role::Title)),
                        widths,
                    );
                }
                None => {
                    x = put(
                        buf,
                        x,
                        y,
                        right,
                        &format!("{} ", t(Msg::Invalid)),
                        base.patch(theme.error()),
                        widths,
                    );
                    let name = e
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    x = put(buf, x + 1, y, right, &sanitize_line(&name), base, widths);
                    put(
                        buf,
                        x + 2,
                        y,
                        right,
                        t(Msg::WhyKey),
                        base.patch(theme.dim()),
                        widths,
                    );
                }
            }
        }
        let empty = if self.items.is_empty() {
            t(Msg::EmptyLibrary)
        } else if self.shown_len() == 0 && self.job.is_none() {
            t(Msg::EmptyFilter)
        } else if self.shown_len() == 0 {
            // Still looking: the prompt says so.
            return cursor;
        } else {
            return cursor;
        };
        put(
            buf,
            area.x + 1,
            area.y,
            area.right(),
            empty,
            theme.dim(),
            widths,
        );
        cursor
    }
}

/// The rows of a loaded library.
pub fn items_of(lib: crate::library::Library) -> Vec<Item> {
    lib.entries.into_iter().map(Item::from).collect()
}

/// [`item_text`] of every item, on all cores for a large library (the
/// first `/` in a list of 1,000 briefings normalises ~19 MB of text).
fn item_texts(items: &[Item], opts: SearchOptions) -> Vec<String> {
    crate::parallel::map(items, 64, |e| item_text(e, opts))
}

/// What the library filter looks at: title, tags and every field, and
/// the file's name (a synced file's starts with its subscription's
/// name), normalised, one line each.
fn item_text(e: &Item, opts: SearchOptions) -> String {
    match &e.briefing {
        Some(b) => {
            let mut out = filter::briefing_text(b, opts);
            if let Some(name) = e.path.file_name() {
                out.push('\n');
                search::normalize_into(&name.to_string_lossy(), opts, &mut out);
            }
            out
        }
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

    #[test]
    fn the_status_bar_shows_the_index_being_built_in_both_languages() {
        let mut lib = LibraryScreen::default();
        let state = State::default();
        assert_eq!(lib.bars(&state).1, " 0/0 ");
        lib.indexing = Some((12_340, 100_000));
        i18n::set_lang(i18n::Lang::Ja);
        let ja = lib.bars(&state).1;
        i18n::set_lang(i18n::Lang::En);
        assert_eq!(lib.bars(&state).1, " 0/0 · indexing 12,340/100,000 ");
        assert_eq!(ja, " 0/0 · 索引を作成中 12,340/100,000 ");
    }
}
